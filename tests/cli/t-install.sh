# t-install.sh: `cmake --install` (what `make install PREFIX=...` runs) puts the binary,
# the content and the man page under the prefix, and the installed binary finds its content.
. "$(dirname "$0")/lib.sh"
: "${BUILD:?set BUILD to the build folder}"
unset UNHUNCH_DATA_DIR
cmake --install "$BUILD" --prefix "$TMP/inst" >/dev/null
check "install exit" 0 $?
[ -x "$TMP/inst/bin/unhunch" ] && ok || fail "binary not installed"
[ -f "$TMP/inst/share/man/man1/unhunch.1" ] && ok || fail "man page not installed"
[ -f "$TMP/inst/share/unhunch/routines/activation.yaml" ] && ok || fail "content not installed"
out=$("$TMP/inst/bin/unhunch" show upper-back-activation 2>&1)
check "installed show exit" 0 $?
contains "installed content used" "From: $TMP/inst/share/unhunch/routines/activation.yaml" "$out"
# start, breaks, serve and handout run in the helper binary in libexec (src/cli/helper.c),
# found from the installed binary wherever it was installed, with the same content
[ -x "$TMP/inst/libexec/unhunch/unhunch-full" ] && ok || fail "helper not installed"
"$TMP/inst/bin/unhunch" handout -o "$TMP/handout.pdf" >/dev/null 2>&1
check "installed handout exit" 0 $?
[ "$(head -c 5 "$TMP/handout.pdf")" = "%PDF-" ] && ok || fail "no PDF from the helper"
# start runs in unhunch-player: the player without the desktop, the server, PDF drawing
# or libpq (a session keeps a third of the memory, bench/session-memory)
[ -x "$TMP/inst/libexec/unhunch/unhunch-player" ] && ok || fail "player not installed"
got=$(ldd "$TMP/inst/libexec/unhunch/unhunch-player" | grep -c 'libpq\|libmicrohttpd\|libcairo\|librsvg\|libwayland-client')
check "player links no server, PDF, desktop or PostgreSQL" 0 "$got"
out=$("$TMP/inst/bin/unhunch" start no-such-routine --plain </dev/null 2>&1)
check "installed start of an unknown routine exit" 1 $?
contains "installed start answered by the player" "no routine 'no-such-routine'" "$out"
# breaks runs in unhunch-breaks: the coach with the desktop and speech, without the
# server, PDF drawing or libpq (the coach that stays up all day holds a tenth of the
# memory of the lightest other coach, bench/breaks-footprint)
[ -x "$TMP/inst/libexec/unhunch/unhunch-breaks" ] && ok || fail "break coach not installed"
got=$(ldd "$TMP/inst/libexec/unhunch/unhunch-breaks" | grep -c 'libpq\|libmicrohttpd\|libcairo\|librsvg')
check "break coach links no server, PDF or PostgreSQL" 0 "$got"
out=$("$TMP/inst/bin/unhunch" breaks --no-such-option 2>&1)
check "installed breaks with a wrong option exit" 2 $?
# the command itself is built without libpq (and its Kerberos, LDAP, GnuTLS...): a
# PostgreSQL store is handed to the helper, which is the one to try the server
got=$(ldd "$TMP/inst/bin/unhunch" | grep -c 'libpq\|libkrb5\|libldap\|libgnutls')
check "light binary links no PostgreSQL" 0 "$got"
out=$(UNHUNCH_STORE="host=$TMP/no-such-socket dbname=x" "$TMP/inst/bin/unhunch" progress 2>&1)
check "postgres store in light exit" 1 $?
contains "postgres store opened by the helper" "could not connect to the PostgreSQL store" "$out"
mv "$TMP/inst/libexec" "$TMP/inst/moved"
out=$(UNHUNCH_STORE="postgresql:///x?host=$TMP/no-such-socket" "$TMP/inst/bin/unhunch" 2>&1)
check "postgres store, helper missing exit" 1 $?
contains "postgres store, helper missing said" "(the today screen): this command runs in unhunch-full" "$out"
out=$("$TMP/inst/bin/unhunch" handout -o "$TMP/h2.pdf" 2>&1)
check "helper missing exit" 1 $?
contains "helper missing said" "this command runs in unhunch-full, which could not be started" "$out"
out=$("$TMP/inst/bin/unhunch" start --plain </dev/null 2>&1)
check "player missing exit" 1 $?
contains "player missing said" "this command runs in unhunch-player, which could not be started" "$out"
out=$("$TMP/inst/bin/unhunch" breaks 2>&1)
check "break coach missing exit" 1 $?
contains "break coach missing said" "this command runs in unhunch-breaks, which could not be started" "$out"
finish
