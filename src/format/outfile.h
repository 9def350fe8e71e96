/* outfile.h: the one way unhunch writes a file the user named (every -o): whole or
 * not at all.
 *
 * A regular file (new, or existing, also when reached through a symbolic link) is
 * written to a temporary file in the same folder (mode 0600: the files hold health
 * data), flushed to disk with fsync and renamed over the target, so the old file stays
 * whole until the new one is complete; a link stays a link and its target is replaced.
 * Anything that is not a regular file (a terminal, a pipe or FIFO, a device such as
 * /dev/stdout or /dev/null) is written into, never replaced. A folder is refused.
 *
 * While a temporary file exists, SIGTERM, SIGINT and SIGHUP remove it before the
 * signal takes its usual course; temporary files left by a kill -9 or a power cut
 * (named .NAME.unhunch-PID-XXXXXX beside NAME) are removed by the next write to the
 * same name once their process is gone. */
#ifndef UNHUNCH_OUTFILE_H
#define UNHUNCH_OUTFILE_H
#include "core/strbuf.h"
#include <stddef.h>

/* Write len bytes of buf to path as described above. Returns 0, or -1 with "cannot
 * write PATH: reason" in err; on failure an existing regular file is left as it was and
 * no temporary file is left behind. */
int outfile_write(const char *path, const void *buf, size_t len, struct strbuf *err);

/* The same for output made a piece at a time (a long export need not be held whole):
 * fill() puts it into the sink with outfile_put() and returns 0, or -1 with its reason
 * in err, and then nothing replaces the file. A path of NULL or "-" is standard output
 * (written as it comes). */
struct outfile_sink {
	int fd;
	int err;     /* the first errno of a failed write; later puts do nothing */
	size_t n;
	char buf[65536];
};
typedef int (*outfile_fill)(void *arg, struct outfile_sink *s, struct strbuf *err);
void outfile_put(struct outfile_sink *s, const void *p, size_t len);
int outfile_stream(const char *path, outfile_fill fill, void *arg, struct strbuf *err);

#endif
