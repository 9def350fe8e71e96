/* when.c: local dates and times of an instant in a given zone (when.h). */
#include "format/when.h"
#include "core/stats.h"
#include <stdio.h>

void format_date(const struct tz *tz, int64_t ms, char *out)
{
	day_format(tz_day_of_ms(tz, ms), out);
}

void format_minute(const struct tz *tz, int64_t ms, char *out)
{
	char d[16];
	int s = tz_seconds_of_day(tz, ms);
	format_date(tz, ms, d);
	unsigned h = (unsigned)s / 3600 % 24, m = (unsigned)s / 60 % 60;
	snprintf(out, 17, "%.10s %02u:%02u", d, h % 24, m % 60);
}
