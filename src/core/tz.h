/* tz.h: a time zone as an input. The core never reads the clock or the environment:
 * whoever calls it says how far local time is from UTC at an instant, through a
 * struct tz. Day numbers are days since 1970-01-01 of the local calendar (as in
 * core/stats.h). */
#ifndef UNHUNCH_TZ_H
#define UNHUNCH_TZ_H
#include <stdint.h>

struct tz {
	/* Seconds east of UTC in force at the instant utc_s (Unix seconds). */
	int (*offset_s)(const struct tz *tz, int64_t utc_s);
	int fixed_s; /* the offset of tz_fixed() zones; free for other implementations */
	const void *data; /* for other implementations */
};

/* A zone with one constant offset (seconds east of UTC), for tests and for UTC. */
struct tz tz_fixed(int offset_s);

/* The local calendar day of a wall-clock time in Unix milliseconds. */
int tz_day_of_ms(const struct tz *tz, int64_t ms);
/* The local time of day, in seconds since local midnight, of a wall-clock time. */
int tz_seconds_of_day(const struct tz *tz, int64_t ms);
/* The first instant (Unix ms) of local day `day`. Across a daylight-saving change at
 * midnight this is the first local time that exists on that day. */
int64_t tz_day_start_ms(const struct tz *tz, int day);

#endif
