/* floor.c: the floor for the player's cue timing: a plain loop that sleeps to absolute
 * deadlines with clock_nanosleep(TIMER_ABSTIME) on CLOCK_MONOTONIC (timer slack 1 ns,
 * as the player sets), and nothing else between wakes.
 *
 * usage: floor LOG PERIOD_MS PID
 * Wakes every PERIOD_MS, the first 500 ms from now (so beside a player started just
 * before it, the two beats are about half a second apart and never wake together),
 * for as long as process PID runs. Writes "deadline_ns actual_ns" a line to LOG, the
 * format of the player's --cue-log. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: floor LOG PERIOD_MS PID\n");
		return 2;
	}
	FILE *out = fopen(argv[1], "w");
	if (!out) {
		perror("floor");
		return 1;
	}
	int64_t period = strtoll(argv[2], NULL, 10) * 1000000;
	pid_t pid = (pid_t)strtol(argv[3], NULL, 10);
	prctl(PR_SET_TIMERSLACK, 1UL);
	int64_t base = now_ns() + 500000000;
	for (int64_t k = 0; kill(pid, 0) == 0 || errno != ESRCH; k++) {
		int64_t t = base + k * period;
		struct timespec ts = { (time_t)(t / 1000000000), (long)(t % 1000000000) };
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL))
			;
		fprintf(out, "%lld %lld\n", (long long)t, (long long)now_ns());
	}
	return fclose(out) ? 1 : 0;
}
