/* spawn-time.c: time how long commands take to start and finish, without a shell in
 * the way (a bash loop costs milliseconds of its own on this machine).
 *
 * usage: spawn-time RUNS LABEL CMD [ARG...] [';' LABEL CMD [ARG...]]...
 *
 * The commands run in turns, round after round (A B C, A B C, ...), so each one meets
 * the same state of the machine as the others; one warm-up round is not counted.
 * Each run is posix_spawn() to waitpid() on CLOCK_MONOTONIC, standard output and
 * error sent to /dev/null, standard input from /dev/null. Prints one line per
 * command: label, median, p90, min and max in microseconds, the exit status of its
 * last run (a command that fails is timed all the same, and shows it here), and its
 * peak resident memory in KiB (the largest ru_maxrss of its runs, from wait4()). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct cmd {
	const char *label;
	char **argv;
	int64_t *us;
	int status;
	long maxrss_kib;
};

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t run_once(struct cmd *c, posix_spawn_file_actions_t *fa)
{
	pid_t pid;
	int64_t t0 = now_us();
	if (posix_spawnp(&pid, c->argv[0], fa, NULL, c->argv, environ) != 0) {
		perror(c->argv[0]);
		exit(1);
	}
	int st;
	struct rusage ru;
	while (wait4(pid, &st, 0, &ru) < 0)
		;
	int64_t t1 = now_us();
	if (ru.ru_maxrss > c->maxrss_kib)
		c->maxrss_kib = ru.ru_maxrss;
	c->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return t1 - t0;
}

static int cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: spawn-time RUNS LABEL CMD [ARG...] [';' LABEL CMD [ARG...]]...\n");
		return 2;
	}
	int runs = atoi(argv[1]);
	if (runs < 1)
		runs = 1;
	struct cmd cmds[32];
	int n = 0;
	for (int i = 2; i < argc && n < 32;) {
		cmds[n].label = argv[i++];
		cmds[n].argv = &argv[i];
		while (i < argc && strcmp(argv[i], ";"))
			i++;
		if (i < argc)
			argv[i++] = NULL; /* ends this command's argv */
		cmds[n].us = calloc((size_t)runs, sizeof(int64_t));
		cmds[n].maxrss_kib = 0;
		if (!cmds[n].us || !cmds[n].argv[0])
			return 2;
		n++;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	for (int k = 0; k < n; k++)
		run_once(&cmds[k], &fa); /* warm-up: page cache, first-run work */
	for (int r = 0; r < runs; r++)
		for (int k = 0; k < n; k++)
			cmds[k].us[r] = run_once(&cmds[k], &fa);
	for (int k = 0; k < n; k++) {
		int64_t *v = cmds[k].us;
		qsort(v, (size_t)runs, sizeof(*v), cmp);
		int64_t med = runs % 2 ? v[runs / 2] : (v[runs / 2 - 1] + v[runs / 2]) / 2;
		int p90 = (runs * 9 + 9) / 10 - 1;
		printf("%s\t%lld\t%lld\t%lld\t%lld\t%d\t%ld\n", cmds[k].label, (long long)med, (long long)v[p90],
		       (long long)v[0], (long long)v[runs - 1], cmds[k].status, cmds[k].maxrss_kib);
		free(v);
	}
	posix_spawn_file_actions_destroy(&fa);
	return 0;
}
