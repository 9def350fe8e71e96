/* when.h: instants written as local dates and times of a given time zone, the same
 * whatever the user's locale. */
#ifndef UNHUNCH_FORMAT_WHEN_H
#define UNHUNCH_FORMAT_WHEN_H
#include "core/tz.h"
#include <stdint.h>

/* "YYYY-MM-DD HH:MM" (out: at least 17 bytes). */
void format_minute(const struct tz *tz, int64_t ms, char *out);
/* "YYYY-MM-DD" (out: at least 11 bytes). */
void format_date(const struct tz *tz, int64_t ms, char *out);

#endif
