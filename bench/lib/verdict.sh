# bench/lib/verdict.sh: sourced by the benchmarks for the verdict column of their @row
# lines (bench/run-all.sh). at_most VALUE LIMIT prints ok when the number VALUE (the
# first number in it: "3.21 ms" is 3.21) is at most LIMIT, else MISSED; a VALUE with no
# number (a run that did not give one) is MISSED.
at_most() {
  awk -v v="$1" -v l="$2" 'BEGIN {
    if (match(v, /-?[0-9]+(\.[0-9]+)?/) == 0) { print "MISSED"; exit }
    print (substr(v, RSTART, RLENGTH) + 0 <= l + 0) ? "ok" : "MISSED" }'
}
