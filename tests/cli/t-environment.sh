# t-environment.sh: the environment is read by main() (issue 13.3): no getenv() in
# src/cli beyond main.c, but for the calls listed here that are still to move (each
# with its file and variable), and none at all in src/app or src/core. A new getenv
# elsewhere, or a listed one gone, fails the test, so the list shrinks as they move.
. "$(dirname "$0")/lib.sh"
left="src/cli/breaks-play.c DISPLAY
src/cli/breaks-play.c NO_COLOR
src/cli/breaks-play.c UNHUNCH_TERMINAL
src/cli/breaks-play.c WAYLAND_DISPLAY
src/cli/cmd-start.c NO_COLOR
src/cli/text.c TERM"
got=$(cd "$SRC" && grep -o 'getenv("[A-Z_]*")' src/cli/*.c | grep -v '^src/cli/main.c:' |
  sed 's/:getenv("\(.*\)")/ \1/' | sort -u)
check "getenv in src/cli outside main.c" "$left" "$got"
check "getenv in src/app and src/core" "" "$(cd "$SRC" && grep -l 'getenv(' src/app/*.c src/core/*.c)"
finish
