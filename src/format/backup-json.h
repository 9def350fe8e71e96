/* backup-json.h: the JSON backup written from a struct backup (app/backup.h); the
 * format is described at the top of backup-json.c. */
#ifndef UNHUNCH_FORMAT_BACKUP_JSON_H
#define UNHUNCH_FORMAT_BACKUP_JSON_H
#include "app/backup.h"
#include "format/outfile.h"

/* Append the document and a line break to out. Returns -1 with err (and nothing
 * appended) when a record holds text that cannot be written (not UTF-8): a backup
 * short of a record would be believed whole. */
int format_backup_json(const struct backup *b, struct strbuf *out, struct strbuf *err);
/* The same document written into s a record at a time (nothing is written when a
 * record cannot be). */
int format_backup_json_stream(const struct backup *b, struct outfile_sink *s, struct strbuf *err);

#endif
