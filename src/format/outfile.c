/* outfile.c: whole-or-nothing writes of the files the user names (see outfile.h). */
#include "format/outfile.h"
#include "core/mem.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_TAG ".unhunch-"

/* The temporary file a signal must remove: set while one exists. */
static char pending[PATH_MAX + 64];
static volatile sig_atomic_t pending_set;
static const int caught[] = { SIGTERM, SIGINT, SIGHUP };
static struct sigaction saved[3];
static bool guarded[3]; /* a signal the caller ignores stays ignored */

static void on_signal(int sig)
{
	if (pending_set)
		unlink(pending);
	pending_set = 0;
	for (size_t i = 0; i < sizeof(caught) / sizeof(caught[0]); i++)
		if (caught[i] == sig && guarded[i])
			sigaction(sig, &saved[i], NULL);
	raise(sig); /* delivered with the old disposition once this handler returns */
}

static void guard_on(const char *tmp)
{
	size_t n = strlen(tmp);
	memcpy(pending, tmp, n + 1);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(caught) / sizeof(caught[0]); i++) {
		sigaction(caught[i], NULL, &saved[i]);
		guarded[i] = saved[i].sa_handler != SIG_IGN;
		if (guarded[i])
			sigaction(caught[i], &sa, NULL);
	}
	pending_set = 1;
}

static void guard_off(void)
{
	pending_set = 0;
	for (size_t i = 0; i < sizeof(caught) / sizeof(caught[0]); i++)
		if (guarded[i])
			sigaction(caught[i], &saved[i], NULL);
}

static int fail(struct strbuf *err, const char *path, int e)
{
	strbuf_addf(err, "cannot write %s: %s", path, strerror(e));
	return -1;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : (errno = EIO, -1);
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* What is written: fill() puts it into a sink; -1 (with its own words in err) when it
 * cannot be made, so that nothing replaces the target. */
struct filler {
	outfile_fill fill;
	void *arg;
};

void outfile_put(struct outfile_sink *s, const void *p, size_t len)
{
	if (s->err)
		return;
	if (s->n + len > sizeof(s->buf)) {
		if (s->n && write_all(s->fd, s->buf, s->n)) {
			s->err = errno;
			return;
		}
		s->n = 0;
		if (len > sizeof(s->buf)) {
			if (write_all(s->fd, p, len))
				s->err = errno;
			return;
		}
	}
	memcpy(s->buf + s->n, p, len);
	s->n += len;
}

/* Fill fd; 0, -1 with err when fill refused, or an errno (>0) when writing failed. */
static int run_fill(const struct filler *f, int fd, struct strbuf *err)
{
	struct outfile_sink *s = xcalloc(1, sizeof(*s));
	s->fd = fd;
	int rc = f->fill(f->arg, s, err);
	if (!rc && !s->err && s->n && write_all(fd, s->buf, s->n))
		s->err = errno;
	if (!rc && s->err)
		rc = s->err;
	free(s);
	return rc;
}

/* Write into something that is not a regular file: a pipe, a terminal, a device. */
static int write_into(const char *path, const struct filler *f, struct strbuf *err)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, path, errno);
	int e = run_fill(f, fd, err);
	if (close(fd) && !e && errno != EINTR)
		e = errno;
	return e > 0 ? fail(err, path, e) : e;
}

/* Remove .BASE.unhunch-PID-XXXXXX files in dir whose process is gone. */
static void clean_leftovers(const char *dir, const char *base)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	size_t blen = strlen(base);
	struct dirent *de;
	while ((de = readdir(d))) {
		const char *n = de->d_name;
		if (n[0] != '.' || strncmp(n + 1, base, blen) || strncmp(n + 1 + blen, TMP_TAG, strlen(TMP_TAG)))
			continue;
		const char *p = n + 1 + blen + strlen(TMP_TAG);
		char *end;
		long pid = strtol(p, &end, 10);
		if (end == p || *end != '-' || strlen(end + 1) != 6 || pid <= 0)
			continue;
		if (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		unlinkat(dirfd(d), n, 0);
	}
	closedir(d);
}

/* Write through a temporary file in target's folder renamed over target. */
static int replace(const char *shown, const char *target, const struct filler *f, struct strbuf *err)
{
	const char *slash = strrchr(target, '/');
	char *dir = slash ? xstrndup(target, slash == target ? 1 : (size_t)(slash - target)) : xstrdup(".");
	const char *base = slash ? slash + 1 : target;
	struct strbuf tmp = STRBUF_INIT;
	int ret = -1, e = 0;
	clean_leftovers(dir, base);
	strbuf_addf(&tmp, "%s/.%s" TMP_TAG "%ld-XXXXXX", dir, base, (long)getpid());
	if (tmp.len >= sizeof(pending)) {
		ret = fail(err, shown, ENAMETOOLONG);
		goto out;
	}
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old); /* no signal between creating and guarding */
	int fd = mkstemp(tmp.buf);          /* mode 0600 */
	e = errno;
	if (fd >= 0)
		guard_on(tmp.buf);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		ret = fail(err, shown, e);
		goto out;
	}
	e = run_fill(f, fd, err);
	if (!e && fsync(fd))
		e = errno;
	if (close(fd) && !e && errno != EINTR)
		e = errno;
	if (!e && rename(tmp.buf, target))
		e = errno;
	if (e) {
		unlink(tmp.buf);
		guard_off();
		ret = e > 0 ? fail(err, shown, e) : -1;
		goto out;
	}
	guard_off();
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) { /* make the rename itself durable */
		fsync(dfd);
		close(dfd);
	}
	ret = 0;
out:
	strbuf_release(&tmp);
	free(dir);
	return ret;
}

static int open_and_fill(const char *path, const struct filler *f, struct strbuf *err);

struct whole {
	const void *buf;
	size_t len;
};

static int fill_whole(void *arg, struct outfile_sink *s, struct strbuf *err)
{
	const struct whole *w = arg;
	outfile_put(s, w->buf, w->len);
	return 0;
}

int outfile_write(const char *path, const void *buf, size_t len, struct strbuf *err)
{
	struct whole w = { buf, len };
	struct filler f = { fill_whole, &w };
	return open_and_fill(path, &f, err);
}

int outfile_stream(const char *path, outfile_fill fill, void *arg, struct strbuf *err)
{
	struct filler f = { fill, arg };
	if (path && strcmp(path, "-"))
		return open_and_fill(path, &f, err);
	int e = run_fill(&f, STDOUT_FILENO, err);
	if (e > 0)
		strbuf_addf(err, "cannot write to standard output: %s", strerror(e));
	return e ? -1 : 0;
}

static int open_and_fill(const char *path, const struct filler *f, struct strbuf *err)
{
	struct stat st, lst;
	if (!path || !*path)
		return fail(err, "''", ENOENT);
	if (stat(path, &st) < 0) {
		if (errno != ENOENT)
			return fail(err, path, errno);
		if (lstat(path, &lst) == 0) /* a link to nothing: create what it names */
			goto through_link;
		return replace(path, path, f, err);
	}
	if (S_ISDIR(st.st_mode))
		return fail(err, path, EISDIR);
	if (!S_ISREG(st.st_mode))
		return write_into(path, f, err);
	if (lstat(path, &lst) < 0)
		return fail(err, path, errno);
	if (!S_ISLNK(lst.st_mode))
		return replace(path, path, f, err);
through_link:;
	/* a link: replace the file it leads to and keep the link */
	char real[PATH_MAX];
	if (realpath(path, real))
		return replace(path, real, f, err);
	if (errno != ENOENT)
		return fail(err, path, errno);
	/* the last link leads to a name that does not exist yet: follow the links by hand */
	struct strbuf cur = STRBUF_INIT;
	strbuf_addstr(&cur, path);
	int ret = -1;
	for (int hops = 0; hops < 40; hops++) {
		char to[PATH_MAX];
		ssize_t n = readlink(cur.buf, to, sizeof(to) - 1);
		if (n < 0) {
			ret = errno == EINVAL || errno == ENOENT ? replace(path, cur.buf, f, err)
								 : fail(err, path, errno);
			goto done;
		}
		to[n] = '\0';
		if (to[0] != '/') { /* relative to the link's folder */
			const char *slash = strrchr(cur.buf, '/');
			size_t keep = slash ? (size_t)(slash - cur.buf) + 1 : 0;
			cur.len = keep;
			cur.buf[keep] = '\0';
			strbuf_addstr(&cur, to);
		} else {
			strbuf_reset(&cur);
			strbuf_addstr(&cur, to);
		}
	}
	ret = fail(err, path, ELOOP);
done:
	strbuf_release(&cur);
	return ret;
}
