/* paths.c: where content and data live, and loading the content search path. */
#include "cli.h"
#include "content/load.h"
#include "core/mem.h"
#include "core/strbuf.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A binary run from its own build folder reads the source tree's data/, so a fresh
 * build never picks up stale installed content. */
static bool running_from_build_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	char build[PATH_MAX];
	if (!realpath(UNHUNCH_BUILD_DIR, build))
		return false;
	return !strcmp(exe, build);
}

const char *datadir_system(void)
{
	const char *env = getenv("UNHUNCH_DATA_DIR");
	if (env && *env)
		return env;
	return running_from_build_dir() ? UNHUNCH_SRC_DATADIR : UNHUNCH_DATADIR;
}

static char *xdg_data_home(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *x = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (x && x[0] == '/')
		strbuf_addstr(&sb, x);
	else
		strbuf_addf(&sb, "%s/.local/share", home && *home ? home : ".");
	return strbuf_detach(&sb);
}

char *datadir_user(void)
{
	char *base = xdg_data_home();
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/unhunch", base);
	free(base);
	return strbuf_detach(&sb);
}

char *datadir_store(void)
{
	return datadir_user();
}

void diags_print(const struct diags *d, FILE *f)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		fprintf(f, "%s\n", s);
		free(s);
	}
}

size_t content_load_all(struct catalog *c)
{
	struct diags d;
	diags_init(&d);
	content_load_dir(c, datadir_system(), &d);
	char *user = datadir_user();
	struct catalog mine;
	catalog_init(&mine);
	content_load_dir(&mine, user, &d);
	catalog_merge(c, &mine, true, &d);
	catalog_check_refs(c, &d);
	catalog_drop_broken(c);
	free(user);
	diags_sort(&d);
	diags_print(&d, stderr);
	if (d.n)
		fprintf(stderr, "unhunch: %zu problem%s in content files; entries with problems were left out\n",
			d.n, d.n == 1 ? "" : "s");
	size_t n = d.n;
	diags_release(&d);
	return n;
}
