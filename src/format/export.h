/* export.h: the Your data page's downloads, from what app_export() read: the check-ins
 * as CSV or a FHIR Bundle, or the JSON backup, whole in memory (an answer is one
 * buffer), with the bytes `unhunch export` streams (format/backup-json.h,
 * export-checkins.h). */
#ifndef UNHUNCH_FORMAT_EXPORT_H
#define UNHUNCH_FORMAT_EXPORT_H
#include "app/export.h"
#include "core/strbuf.h"
#include "core/tz.h"

/* Returns 0, or -1 with err (out of memory, a backup that cannot be written). */
int format_export(const struct app_export *e, enum app_export_format fmt, const struct tz *tz, struct strbuf *out,
		  struct strbuf *err);

#endif
