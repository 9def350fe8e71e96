/* holder.c: who runs a session, for the store's session lock (store_holder): this
 * run's id, made of the host, the boot, the process id and the process's start time
 * (so a reused process id is not mistaken for the old run), and whether the run an id
 * names is still going. */
#include "cli.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* The start time of process pid in clock ticks after boot (field 22 of
 * /proc/PID/stat), or 0 when it cannot be read. */
static unsigned long long start_ticks(long pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')'); /* the command name may hold spaces */
	if (!p)
		return 0;
	unsigned long long v = 0;
	for (int field = 2; field < 22 && p; field++)
		p = strchr(p + 1, ' ');
	if (p)
		v = strtoull(p + 1, NULL, 10);
	return v;
}

static void boot_id(char *out, size_t size)
{
	snprintf(out, size, "-");
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
	if (f) {
		if (fgets(out, (int)size, f))
			out[strcspn(out, "\n")] = '\0';
		fclose(f);
	}
}

static void host(char *out, size_t size)
{
	if (gethostname(out, size) < 0 || !*out)
		snprintf(out, size, "-");
	out[size - 1] = '\0';
	for (char *c = out; *c; c++)
		if (*c == ' ')
			*c = '_';
}

const char *holder_self(void)
{
	static char id[512];
	if (!id[0]) {
		char h[256], b[64];
		host(h, sizeof(h));
		boot_id(b, sizeof(b));
		snprintf(id, sizeof(id), "%s %s %ld %llu", h, b, (long)getpid(), start_ticks((long)getpid()));
	}
	return id;
}

bool holder_alive(const char *id, void *ctx)
{
	(void)ctx;
	char h[256], b[64], ih[256], ib[64];
	long pid;
	unsigned long long ticks;
	if (sscanf(id, "%255s %63s %ld %llu", ih, ib, &pid, &ticks) != 4)
		return false; /* not an id of ours: nobody to wait for */
	host(h, sizeof(h));
	if (strcmp(h, ih))
		return true; /* another computer: it cannot be checked from here */
	boot_id(b, sizeof(b));
	if (strcmp(b, ib))
		return false; /* the computer has restarted since */
	if (pid <= 0 || (kill((pid_t)pid, 0) < 0 && errno == ESRCH))
		return false;
	return start_ticks(pid) == ticks;
}

long holder_pid(const char *id)
{
	char ih[256], ib[64];
	long pid;
	return sscanf(id, "%255s %63s %ld", ih, ib, &pid) == 3 ? pid : 0;
}
