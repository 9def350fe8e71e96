/* paths.c: where content and data live, and loading the content search path. */
#include "cli.h"
#include "content/cache.h"
#include "content/load.h"
#include "core/mem.h"
#include "core/strbuf.h"
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool program_path(char *out, size_t size)
{
	const char *handed = cli_env.program;
	if (handed && handed[0] == '/' && strlen(handed) < size) {
		strcpy(out, handed);
		return true;
	}
	ssize_t n = readlink("/proc/self/exe", out, size - 1);
	if (n <= 0)
		return false;
	out[n] = '\0';
	return true;
}

/* The folder holding the unhunch program, or false. */
static bool exe_dir(char *out, size_t size)
{
	if (!program_path(out, size))
		return false;
	char *slash = strrchr(out, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return true;
}

/* Where shipped content is: $UNHUNCH_DATA_DIR; the source tree's data/ for a binary
 * run from its own build folder (so a fresh build never reads stale installed
 * content); BINDIR/../share/unhunch for an installed binary wherever it was installed
 * (make install PREFIX=...); else the configured data folder. */
const char *datadir_system(void)
{
	static char found[PATH_MAX];
	const char *env = cli_env.data_dir;
	if (env && *env)
		return env;
	if (found[0])
		return found;
	char dir[PATH_MAX], build[PATH_MAX], share[PATH_MAX];
	if (exe_dir(dir, sizeof(dir))) {
		if (realpath(UNHUNCH_BUILD_DIR, build) && !strcmp(dir, build))
			return UNHUNCH_SRC_DATADIR;
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s/../share/unhunch", dir);
		bool ok = realpath(sb.buf, share) != NULL && strlen(share) < sizeof(found);
		strbuf_release(&sb);
		if (ok) {
			memcpy(found, share, strlen(share) + 1);
			return found;
		}
	}
	return UNHUNCH_DATADIR;
}

const char *home_dir(void)
{
	const char *home = cli_env.home;
	if (home && home[0] == '/')
		return home;
	/* HOME unset, empty or relative (a relative one would put the data under whatever
	 * folder the command runs in): the password database knows the real one */
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
		return pw->pw_dir;
	return NULL;
}

/* $XDG_DATA_HOME when it is absolute (the spec ignores a relative one), else
 * HOME/.local/share; NULL when there is no home. */
static char *xdg_data_home(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *x = cli_env.xdg_data_home;
	const char *home = home_dir();
	if (x && x[0] == '/')
		strbuf_addstr(&sb, x);
	else if (home)
		strbuf_addf(&sb, "%s/.local/share", home);
	else
		return NULL;
	return strbuf_detach(&sb);
}

char *datadir_user(void)
{
	char *base = xdg_data_home();
	if (!base)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/unhunch", base);
	free(base);
	return strbuf_detach(&sb);
}

const char *store_named(void)
{
	const char *env = cli_env.store;
	return env && *env ? env : NULL;
}

char *store_shown(void)
{
	return store_named() ? xstrdup("the store that UNHUNCH_STORE names") : store_path();
}

char *datadir_store(void)
{
	char *dir = datadir_user();
	if (!dir) {
		fprintf(stderr, "unhunch: cannot tell where your data lives: HOME is not an absolute path and the "
				"system knows no home folder for you. Set HOME (or XDG_DATA_HOME) to an absolute path.\n");
		exit(EXIT_PROBLEM);
	}
	return dir;
}

void diags_print(const struct diags *d, FILE *f)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		fprintf(f, "%s\n", s);
		free(s);
	}
}

/* Where the loaded content is kept: $XDG_CACHE_HOME/unhunch (absolute only, as the spec
 * says), else HOME/.cache/unhunch, one file per program (each reads only its own);
 * the folder is made when make is true. NULL when there is no home. */
static char *content_cache_path(bool make)
{
	const char *x = cli_env.xdg_cache_home;
	const char *home = home_dir();
	struct strbuf sb = STRBUF_INIT;
	if (x && x[0] == '/')
		strbuf_addstr(&sb, x);
	else if (home)
		strbuf_addf(&sb, "%s/.cache", home);
	else
		return NULL;
	if (make)
		mkdir(sb.buf, 0700);
	strbuf_addstr(&sb, "/unhunch");
	if (make)
		mkdir(sb.buf, 0700);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	const char *base = strrchr(exe, '/');
	strbuf_addf(&sb, "/content-%s.cache", base && base[1] ? base + 1 : "unhunch");
	return strbuf_detach(&sb);
}

/* The key a kept catalog must match: the program that wrote it (its file's identity:
 * another build lays the structures out otherwise) and every content file read, with
 * its size and times of change (content_dir_key). */
static void content_key(const char *user, struct strbuf *key)
{
	struct stat st;
	if (stat("/proc/self/exe", &st) == 0)
		strbuf_addf(key, "program %llu %llu %lld %lld.%09ld\n", (unsigned long long)st.st_dev,
			    (unsigned long long)st.st_ino, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
			    st.st_mtim.tv_nsec);
	else
		strbuf_addstr(key, "program unknown\n"); /* no /proc: never matched, see below */
	content_dir_key(datadir_system(), key);
	strbuf_addstr(key, "user\n");
	if (user)
		content_dir_key(user, key);
}

size_t content_load_all(struct catalog *c)
{
	char *user = datadir_user();
	/* the catalog as last loaded, when no content file (nor the program) changed since */
	struct strbuf key = STRBUF_INIT;
	content_key(user, &key);
	bool known = strncmp(key.buf, "program unknown", 15) != 0;
	char *cache = known ? content_cache_path(false) : NULL;
	if (cache && !content_cache_read(c, cache, key.buf, key.len)) {
		free(cache);
		free(user);
		strbuf_release(&key);
		return 0;
	}
	free(cache);
	struct diags d;
	diags_init(&d);
	content_load_dir(c, datadir_system(), &d);
	struct catalog mine;
	catalog_init(&mine);
	if (user)
		content_load_dir(&mine, user, &d);
	catalog_merge(c, &mine, true, &d);
	catalog_check_refs(c, &d);
	catalog_drop_broken(c);
	free(user);
	diags_sort(&d);
	diags_print(&d, stderr);
	if (d.n)
		fprintf(stderr, "unhunch: %zu problem%s in content files; broken entries were left out\n",
			d.n, d.n == 1 ? "" : "s");
	/* kept only when whole: content with a problem is read (and reported) every time */
	cache = !d.n && known ? content_cache_path(true) : NULL;
	if (cache)
		content_cache_write(c, cache, key.buf, key.len); /* a cache that cannot be written is no loss */
	free(cache);
	strbuf_release(&key);
	size_t n = d.n;
	diags_release(&d);
	return n;
}
