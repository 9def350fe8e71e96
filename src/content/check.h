/* check.h: checking content files of one's own against the content already there, as
 * `unhunch validate` and the web page that checks a file do. */
#ifndef UNHUNCH_CONTENT_CHECK_H
#define UNHUNCH_CONTENT_CHECK_H
#include "../core/content.h"

/* given holds files already parsed (their problems already in d). Resolve their
 * references among themselves and the content of the folders dirs (in order, later
 * ones replacing earlier ones; none for n_dirs 0), and add to d the problems found in
 * the given files. Problems of the folders' own files are not reported. given is
 * consumed (left empty). Returns the number of problems in d. */
size_t content_check_given(struct catalog *given, const char *const *dirs, size_t n_dirs, struct diags *d);

#endif
