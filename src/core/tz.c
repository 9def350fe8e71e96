/* tz.c: local days and times from a wall-clock instant and a time zone given as input. */
#include "core/tz.h"

static int fixed_offset(const struct tz *tz, int64_t utc_s)
{
	(void)utc_s;
	return tz->fixed_s;
}

struct tz tz_fixed(int offset_s)
{
	struct tz tz = { fixed_offset, offset_s, 0 };
	return tz;
}

/* Floor division, so instants before 1970 fall on the right day. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t local_s(const struct tz *tz, int64_t ms)
{
	int64_t s = floor_div(ms, 1000);
	return s + tz->offset_s(tz, s);
}

int tz_day_of_ms(const struct tz *tz, int64_t ms)
{
	return (int)floor_div(local_s(tz, ms), 86400);
}

int tz_seconds_of_day(const struct tz *tz, int64_t ms)
{
	int64_t l = local_s(tz, ms);
	return (int)(l - floor_div(l, 86400) * 86400);
}

int64_t tz_day_start_ms(const struct tz *tz, int day)
{
	int64_t midnight = (int64_t)day * 86400; /* local midnight, as if it were UTC */
	int64_t guess = midnight - tz->offset_s(tz, midnight);
	/* The offset in force at the guess may differ (a change near midnight): settle it. */
	for (int i = 0; i < 2; i++) {
		int64_t next = midnight - tz->offset_s(tz, guess);
		if (next == guess)
			break;
		guess = next;
	}
	/* If midnight does not exist (clocks jumped forward over it), the day starts at the
	 * first instant whose local day is `day`. */
	while (tz_day_of_ms(tz, guess * 1000) < day)
		guess += 60;
	while (tz_day_of_ms(tz, (guess - 60) * 1000) == day)
		guess -= 60;
	return guess * 1000;
}
