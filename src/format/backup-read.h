/* backup-read.h: the JSON backup (format/backup-json.c writes it) read back into the
 * plain rows of a struct backup (app/backup.h): every value checked, each problem a
 * line "FILE: PATH: what is wrong" (PATH like checkins[3].pain), before anything is
 * written. The front end parses the file with jansson (duplicate keys refused) and
 * hands the document to the import use case (app/export.h) with backup_read_doc. */
#ifndef UNHUNCH_FORMAT_BACKUP_READ_H
#define UNHUNCH_FORMAT_BACKUP_READ_H
#include "app/backup.h"
#include <jansson.h>

/* Check every value of doc and fill b; returns the number of problems (at most 50 are
 * listed in err, then how many more), and b is only usable when that is 0. Dates follow
 * checkin's rules as of today (a day number), with a day of slack for time zones. The
 * strings of b point into doc, which b holds a reference to. Always release b
 * afterwards (backup_release). */
size_t backup_read_json(const char *file, json_t *doc, int today, struct backup *b, struct strbuf *err);

/* backup_read_json with doc a json_t *: the reader of an app_import_request. */
size_t backup_read_doc(void *doc, const char *file, int today, struct backup *b, struct strbuf *err);

#endif
