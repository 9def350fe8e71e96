/* pwhash.c: time argon2id hashing (bench/password/run.sh): the program's own
 * app_password_hash at its chosen cost (app_pwhash_default), beside crypto_pwhash_str
 * at libsodium's presets and at other costs. Prints one line per cost:
 * "label ops mem_mib median_s min_s max_s cpu_median_s": wall-clock seconds, and the
 * process's CPU seconds (what a hash costs when the machine is shared: the wall clock
 * then also counts the time other programs had the core). */
#include "app/password.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PW "correct horse battery staple"

static double clock_s(clockid_t which)
{
	struct timespec ts;
	clock_gettime(which, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void timed(const char *label, unsigned long long ops, size_t mem, int reps, bool app)
{
	double t[64], cpu[64];
	char out[crypto_pwhash_STRBYTES];
	struct app_pwhash cost = { ops, mem };
	struct strbuf err = STRBUF_INIT;
	for (int i = 0; i < reps; i++) {
		double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
		int rc = app ? app_password_hash(PW, strlen(PW), &cost, out, &err)
			     : crypto_pwhash_str(out, PW, strlen(PW), ops, mem);
		t[i] = clock_s(CLOCK_MONOTONIC) - t0;
		cpu[i] = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
		if (rc) {
			fprintf(stderr, "%s: hashing failed\n", label);
			exit(1);
		}
	}
	strbuf_release(&err);
	qsort(t, (size_t)reps, sizeof(t[0]), cmp);
	qsort(cpu, (size_t)reps, sizeof(cpu[0]), cmp);
	printf("%-12s %3llu %5zu %.3f %.3f %.3f %.3f\n", label, ops, mem >> 20, t[reps / 2], t[0], t[reps - 1],
	       cpu[reps / 2]);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 7;
	if (reps < 1 || reps > 64 || sodium_init() < 0)
		return 2;
	timed("program", app_pwhash_default.opslimit, app_pwhash_default.memlimit, reps, true);
	timed("interactive", crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE, reps, false);
	timed("moderate", crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE, reps < 3 ? reps : 3, false);
	static const struct { unsigned long long ops; size_t mib; } grid[] = {
		{ 2, 19 }, { 2, 46 }, { 2, 64 }, { 3, 64 }, { 4, 64 }, { 2, 128 }, { 3, 128 }, { 2, 256 },
	};
	for (size_t i = 0; i < sizeof(grid) / sizeof(grid[0]); i++)
		timed("grid", grid[i].ops, grid[i].mib << 20, reps, false);
	return 0;
}
