/* floor.c: the floor for the player's cue timing: a plain loop that sleeps to absolute
 * deadlines with clock_nanosleep(TIMER_ABSTIME) on CLOCK_MONOTONIC (timer slack 1 ns,
 * as the player sets), and nothing else between wakes.
 *
 * usage: floor SCHEDULE LOG
 * SCHEDULE is a cue log of the player ("deadline_ns actual_ns" a line); the floor keeps
 * the same deadlines, moved to start now, and writes its own log in the same format. */
#define _GNU_SOURCE
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
	if (argc != 3) {
		fprintf(stderr, "usage: floor SCHEDULE LOG\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "r"), *out = fopen(argv[2], "w");
	if (!in || !out) {
		perror("floor");
		return 1;
	}
	prctl(PR_SET_TIMERSLACK, 1UL);
	long long dl, actual, first = -1;
	int64_t base = now_ns() + 100000000; /* start 100 ms from now */
	while (fscanf(in, "%lld %lld", &dl, &actual) == 2) {
		if (first < 0)
			first = dl;
		int64_t t = base + (dl - first);
		struct timespec ts = { (time_t)(t / 1000000000), (long)(t % 1000000000) };
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL))
			;
		fprintf(out, "%lld %lld\n", (long long)t, (long long)now_ns());
	}
	fclose(in);
	return fclose(out) ? 1 : 0;
}
