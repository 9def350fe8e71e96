/* app-fx.h: records written straight into a test store for the app layer's tests:
 * a finished session (one exercise done) at an instant, and a check-in for a local day. */
#ifndef UNHUNCH_TEST_APP_FX_H
#define UNHUNCH_TEST_APP_FX_H
#include "core/checkin.h"
#include "core/stats.h"
#include "store-fx.h"
#include <string.h>

static inline int64_t fx_session(struct fx *f, const char *routine, int64_t start, int minutes, int before, int after)
{
	struct session_row r = { 0, (char *)routine, start, 0, SESSION_RUNNING, before, -1, (char *)"content", 0, 0, 0 };
	assert_int_equal(f->s->ops->session_begin(f->s, &r, &f->err), 0);
	/* an exercise done: a session, not an attempt (issue 19.5) */
	struct exercise_row ex = { 0, (char *)"x", EX_DONE, 1, 60000, start + 60000 };
	assert_int_equal(f->s->ops->exercise_add(f->s, r.id, &ex, &f->err), 0);
	assert_int_equal(f->s->ops->session_end(f->s, r.id, SESSION_FINISHED, after, start + minutes * 60000LL, &f->err), 0);
	return r.id;
}

static inline void fx_checkin(struct fx *f, int day, int64_t at, int pain)
{
	struct checkin c;
	checkin_init(&c);
	day_format(day, c.date);
	c.at_ms = at;
	c.pain = pain;
	assert_int_equal(f->s->ops->checkin_add(f->s, &c, &f->err), 0);
}

#endif
