/* files.c: reading content files and folders from disk for the loader. */
#include "load.h"
#include "../core/mem.h"
#include "../core/strbuf.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

size_t content_load_file(struct catalog *out, const char *path, struct diags *d)
{
	struct pos p = { path, 0, 0 };
	FILE *f = fopen(path, "rb");
	if (!f) {
		diags_add(d, p, "cannot read: %s", strerror(errno));
		return 1;
	}
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		strbuf_add(&sb, chunk, n);
		if (sb.len > CONTENT_MAX_BYTES)
			break;
	}
	int failed = ferror(f);
	fclose(f);
	size_t r;
	if (failed) {
		diags_add(d, p, "cannot read: %s", strerror(EIO));
		r = 1;
	} else {
		r = content_parse(out, path, strbuf_str(&sb), sb.len, d);
	}
	strbuf_release(&sb);
	return r;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_yaml(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && ((n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml")));
}

/* Collect *.yaml paths in dir (and, when depth > 0, its subfolders) into v. */
static void collect(const char *dir, int depth, char ***v, size_t *n, size_t *alloc)
{
	DIR *dh = opendir(dir);
	if (!dh)
		return;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		struct strbuf path = STRBUF_INIT;
		strbuf_addf(&path, "%s/%s", dir, de->d_name);
		struct stat st;
		if (stat(path.buf, &st) == 0 && S_ISDIR(st.st_mode) && depth > 0) {
			collect(path.buf, depth - 1, v, n, alloc);
		} else if (S_ISREG(st.st_mode) && is_yaml(de->d_name)) {
			GROW(*v, *n + 1, *alloc);
			(*v)[(*n)++] = strbuf_detach(&path);
		}
		strbuf_release(&path);
	}
	closedir(dh);
}

void content_dir_key(const char *dir, struct strbuf *key)
{
	char **v = NULL;
	size_t n = 0, alloc = 0;
	collect(dir, 1, &v, &n, &alloc);
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	strbuf_addf(key, "dir %s\n", dir);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(v[i], &st) == 0)
			strbuf_addf(key, "%s %llu %llu %lld %lld.%09ld %lld.%09ld\n", v[i], (unsigned long long)st.st_dev,
				    (unsigned long long)st.st_ino, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
				    st.st_mtim.tv_nsec, (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
		else
			strbuf_addf(key, "%s unreadable\n", v[i]);
		free(v[i]);
	}
	free(v);
}

size_t content_load_dir(struct catalog *out, const char *dir, struct diags *d)
{
	char **v = NULL;
	size_t n = 0, alloc = 0, problems = 0;
	collect(dir, 1, &v, &n, &alloc);
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < n; i++) {
		problems += content_load_file(out, v[i], d);
		free(v[i]);
	}
	free(v);
	return problems;
}
