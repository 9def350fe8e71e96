/* clinic-fx.h: for the tests of the clinic's use cases (accounts, logins, two-step
 * login, a password asked again): passwords hashed at libsodium's least cost (the rules
 * are the same), the zone UTC, and an app_ctx on the store fixture's handle at a time. */
#ifndef UNHUNCH_TEST_CLINIC_FX_H
#define UNHUNCH_TEST_CLINIC_FX_H
#include "app/accounts.h"
#include "core/tz.h"
#include "store-fx.h"

static struct app_clinic cheap;
static struct tz utc;

static inline struct app_ctx at(struct fx *f, int64_t now)
{
	return (struct app_ctx){ f->s, NULL, now, &utc };
}

/* cmocka's group setup: the cost and the zone above. */
static inline int clinic_group_setup(void **state)
{
	(void)state;
	utc = tz_fixed(0);
	cheap = (struct app_clinic){ NULL, { 1, 8192 } };
	return 0;
}

#endif
