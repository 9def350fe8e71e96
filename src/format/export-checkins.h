/* export-checkins.h: the check-ins written for other programs: a CSV table (RFC 4180:
 * CRLF line ends, fields quoted when they hold a comma, quote or line break) and a FHIR
 * R4 Bundle (type collection) of Observations. Times of day are local to the zone
 * given; numbers are written the same whatever the user's locale. */
#ifndef UNHUNCH_FORMAT_EXPORT_CHECKINS_H
#define UNHUNCH_FORMAT_EXPORT_CHECKINS_H
#include "core/checkin.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/outfile.h"
#include <jansson.h>
#include <stddef.h>

void format_checkins_csv(const struct checkin *rows, size_t n, const struct tz *tz, struct strbuf *out);
/* A new reference (caller decrefs). */
json_t *format_checkins_fhir(const struct checkin *rows, size_t n, const struct tz *tz);
/* The same bundle written into s a check-in at a time, byte for byte as json_dumps(flags)
 * of format_checkins_fhir() and a newline. Returns 0, or -1 with err. */
int format_checkins_fhir_stream(const struct checkin *rows, size_t n, const struct tz *tz, size_t flags,
				struct outfile_sink *s, struct strbuf *err);

#endif
