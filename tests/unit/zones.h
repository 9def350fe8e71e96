/* zones.h: time zones for the app layer's tests, given as input like any other: a
 * zone with daylight-saving changes (Central European rules of 2026: +01:00, +02:00
 * from 29 March 01:00 UTC to 25 October 01:00 UTC), and the fixed 45-minute offsets
 * of Chatham (+12:45) and Nepal (+05:45). */
#ifndef UNHUNCH_TEST_ZONES_H
#define UNHUNCH_TEST_ZONES_H
#include "core/tz.h"

#define ZDAY(d) ((int64_t)(d) * 86400000LL)
#define ZHM(h, m) (((int64_t)(h) * 3600 + (m) * 60) * 1000LL)
#define MAR29_2026 20541 /* the day clocks go forward in Europe */
#define OCT25_2026 20751 /* the day they go back */

static int cet_offset(const struct tz *tz, int64_t utc_s)
{
	(void)tz;
	int64_t spring = (int64_t)MAR29_2026 * 86400 + 3600, autumn = (int64_t)OCT25_2026 * 86400 + 3600;
	return utc_s >= spring && utc_s < autumn ? 7200 : 3600;
}

static inline struct tz zone_berlin(void)
{
	struct tz z = { cet_offset, 0, 0 };
	return z;
}

static inline struct tz zone_chatham(void)
{
	return tz_fixed(12 * 3600 + 45 * 60);
}

static inline struct tz zone_nepal(void)
{
	return tz_fixed(5 * 3600 + 45 * 60);
}

/* The instant of local time day + h:m in zone z (no gap or repeat at that time). */
static inline int64_t zone_at(const struct tz *z, int day, int h, int m)
{
	int64_t local = ZDAY(day) + ZHM(h, m);
	int64_t guess = local - (int64_t)z->offset_s(z, local / 1000) * 1000;
	return local - (int64_t)z->offset_s(z, guess / 1000) * 1000;
}

#endif
