/* check.c: references in one's own content files resolved against the content already
 * there. */
#include "content/check.h"
#include "content/load.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

/* A given file may also be one of the folders' (named another way): its questions
 * then are the same entries, not replacements of a safety question. */
static void same_files(struct catalog *all, char *const *files, size_t n_files)
{
	for (size_t k = 0; k < n_files; k++) {
		char *given = realpath(files[k], NULL);
		for (size_t i = 0; given && i < all->n_q; i++) {
			char *was = all->q[i].at.file ? realpath(all->q[i].at.file, NULL) : NULL;
			if (was && !strcmp(was, given))
				all->q[i].at.file = catalog_intern_file(all, files[k]);
			free(was);
		}
		free(given);
	}
}

size_t content_check_given(struct catalog *given, const char *const *dirs, size_t n_dirs, struct diags *d)
{
	struct diags ignored, refs;
	diags_init(&ignored);
	diags_init(&refs);
	/* the file names of the given files, before merging hands them over */
	size_t n_files = given->n_files;
	char **files = xcalloc(n_files + 1, sizeof(*files));
	for (size_t i = 0; i < n_files; i++)
		files[i] = xstrdup(given->files[i]);
	struct catalog all;
	catalog_init(&all);
	for (size_t i = 0; i < n_dirs; i++) {
		struct catalog one;
		catalog_init(&one);
		content_load_dir(&one, dirs[i], &ignored);
		catalog_merge(&all, &one, true, &ignored);
		catalog_free(&one);
	}
	same_files(&all, files, n_files);
	catalog_merge(&all, given, true, &refs); /* and a replacement that weakens a safety field */
	catalog_check_refs(&all, &refs);
	for (size_t i = 0; i < refs.n; i++)
		for (size_t k = 0; k < n_files; k++)
			if (!strcmp(refs.v[i].file, files[k])) {
				diags_add(d, (struct pos){ files[k], refs.v[i].line, refs.v[i].col }, "%s", refs.v[i].msg);
				break;
			}
	diags_sort(d);
	for (size_t i = 0; i < n_files; i++)
		free(files[i]);
	free(files);
	diags_release(&refs);
	diags_release(&ignored);
	catalog_free(&all);
	return d->n;
}
