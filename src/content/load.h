/* load.h: reading content files (YAML) into the content model, with every problem reported. */
#ifndef UNHUNCH_LOAD_H
#define UNHUNCH_LOAD_H
#include "../core/content.h"

#define CONTENT_MAX_BYTES (1 << 20) /* a content file larger than this is refused */

/* Parse one content file held in memory (buf need not be NUL-terminated).
 * Entries are added to out; duplicate ids within out are reported.
 * Every problem goes into d as file:line:col. Returns the number of problems added. */
size_t content_parse(struct catalog *out, const char *file, const char *buf, size_t len, struct diags *d);

/* Read a file from disk and parse it as above. Unreadable files are reported into d. */
size_t content_load_file(struct catalog *out, const char *path, struct diags *d);

/* Load every *.yaml file in dir and its immediate subfolders, in name order.
 * A missing dir is not an error. Returns the number of problems added. */
size_t content_load_dir(struct catalog *out, const char *dir, struct diags *d);

/* What identifies the content of dir for a cache (cache.h): every file content_load_dir
 * would read, in its order, with its size, device, inode and times of change, appended
 * to key. */
struct strbuf;
void content_dir_key(const char *dir, struct strbuf *key);

#endif
