# t-environment.sh: the environment, the clock and the time zone are read by main()
# (issue 13.3): no getenv(), time(), clock_gettime(), localtime or gmtime, and no
# sqlite3.h, in src/cli beyond main.c, and none at all in src/app (nor getenv in
# src/core). The commands and the routes reach the store only through the use cases
# of src/app: no call of a store operation there (the server's dispatch asks the store
# only for its data version, to keep cached pages fresh: http/fresh.c). Reading JSON
# is a format's concern: no jansson in src/app.
. "$(dirname "$0")/lib.sh"
got=$(cd "$SRC" && grep -o 'getenv("[A-Z_]*")' src/cli/*.c | grep -v '^src/cli/main.c:' |
  sed 's/:getenv("\(.*\)")/ \1/' | sort -u)
check "getenv in src/cli outside main.c" "" "$got"
check "getenv in src/app and src/core" "" "$(cd "$SRC" && grep -l 'getenv(' src/app/*.c src/core/*.c)"
clock='[^a-z_]time(\|clock_gettime\|gettimeofday\|localtime\|gmtime\|sqlite3\.h'
got=$(cd "$SRC" && grep -l "$clock" src/cli/*.c src/app/*.c | grep -v '^src/cli/main.c$')
check "clock, zone or SQLite in src/cli or src/app outside main.c" "" "$got"
got=$(cd "$SRC" && grep -n 'ops->' src/cli/*.c src/http/routes*.c)
check "store calls in src/cli or in a route of src/http" "" "$got"
check "jansson in src/app" "" "$(cd "$SRC" && grep -l 'jansson\.h\|json_t' src/app/*.[ch])"
finish
