# Top-level wrapper: `make start` and `make check` do all the set-up on a fresh Debian 12.
BUILD ?= build
CHECK_BUILD ?= build-check
FUZZ_BUILD ?= build-fuzz
PREFIX ?= /usr/local
FUZZ_SECONDS ?= 60
JOBS ?= 2
# The suite runs in three time zones (days, weeks and streaks follow the user's zone):
# `make check` in CHECK_TZ (daylight-saving changes), `make check-locale` again under a
# German locale in LOCALE_TZ (+12:45/+13:45), `make check-utc` in UTC.
CHECK_TZ ?= Europe/Berlin
LOCALE_TZ ?= Pacific/Chatham
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")

.PHONY: all deps deps-test build start check check-locale check-utc check-postgres test fuzz bench install clean

all: build

deps:
	@bash scripts/deps.sh

deps-test:
	@bash scripts/deps.sh test

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=$(PREFIX)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target unhunch

start: deps build
	./$(BUILD)/unhunch start

check: deps-test
	cmake -S . -B $(CHECK_BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DUNHUNCH_SANITIZE=ON -DUNHUNCH_TEST_CLOCK=ON
	cmake --build $(CHECK_BUILD) -j $(JOBS)
	cd $(CHECK_BUILD) && TZ=$(CHECK_TZ) ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS)

# The suite again under a German locale (decimal comma) and another time zone, on the
# build of `make check`: what the program writes must not depend on the user's locale.
check-locale: check
	cd $(CHECK_BUILD) && TZ=$(LOCALE_TZ) LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS)

# The suite a third time, in UTC, on the build of `make check` (CI runs it whole).
# UTC_TESTS narrows it to a ctest regex, e.g. '^unit/' for the unit tests, which hold
# the day, week and streak rules with fixed clocks.
UTC_TESTS ?= .
check-utc: check
	cd $(CHECK_BUILD) && TZ=UTC ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS) -R '$(UTC_TESTS)'

# The command's end-to-end scripts with the store on a throwaway PostgreSQL cluster
# (tests/cli/on-postgres.sh; docs/postgres.md), on the build of `make check`; PG_TESTS
# names scripts (default: every tests/cli/t-*.sh and tests/http/t-clinic-serve.sh).
# Not in check (one after another, about 14 min on a shared 2-core machine); .ci/run
# runs it after check-utc. The scripts' parts that look into the SQLite file skip
# there (sqlite_only, tests/cli/lib.sh).
PG_TESTS ?=
check-postgres:
	cmake --build $(CHECK_BUILD) -j $(JOBS)
	cd $(CHECK_BUILD) && TZ=$(CHECK_TZ) UNHUNCH=$$PWD/unhunch SRC=$(CURDIR) BUILD=$$PWD STORE_VERSION=$$PWD/store-version \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp bash $(CURDIR)/tests/cli/on-postgres.sh $(abspath $(PG_TESTS))

test: check

fuzz: deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DUNHUNCH_TESTS=OFF -DUNHUNCH_FUZZ=ON \
		-DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	bash tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# Every benchmark under bench/ on the release build, then one table (bench/run-all.sh):
# each figure, its goal, the peer or floor measured in the same run, ok or MISSED; the
# exit status is 0 when every goal was met. Not part of check or CI: the figures depend
# on the machine. BENCH=startup runs one. By default the long ones run short (1-minute
# guided sessions, about 25 minutes in all); BENCH_LONG=1 runs them as long as their
# goals ask (30-minute sessions, about 2 hours); BENCH_MINUTES=30 the sessions alone,
# e.g. `make bench BENCH=cue-timing BENCH_MINUTES=30`.
BENCH_LONG ?=
BENCH_MINUTES ?=
bench: build
	cmake --build $(BUILD) -j $(JOBS) --target engine-trace
	BENCH_LONG=$(BENCH_LONG) BENCH_MINUTES=$(BENCH_MINUTES) bash bench/run-all.sh $(BUILD) $(BENCH)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(CHECK_BUILD) $(FUZZ_BUILD)
