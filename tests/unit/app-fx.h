/* app-fx.h: for the app layer's tests: the world a use case runs in (content, a zone,
 * an app_ctx on the test store), and records written straight into the store: a
 * finished session (one exercise done) at an instant, and a check-in for a local day. */
#ifndef UNHUNCH_TEST_APP_FX_H
#define UNHUNCH_TEST_APP_FX_H
#include "app/app.h"
#include "core/checkin.h"
#include "core/stats.h"
#include "sim.h"
#include "store-fx.h"
#include <string.h>

/* What a use case is called with: the content (loaded once per test program: the
 * shipped content when yaml is NULL), the zone tz, and an app_ctx on the fixture's
 * store at now, whose tz points at the world's. */
struct fx_world {
	struct catalog cat;
	struct tz tz;
	struct app_ctx ctx;
};

static inline struct fx_world *fx_world(void **state, const char *yaml, struct tz tz, int64_t now)
{
	struct fx *f = *state;
	static struct fx_world w;
	static bool loaded;
	if (!loaded) {
		if (yaml)
			sim_catalog(&w.cat, yaml);
		else
			assert_int_equal(sim_shipped(&w.cat), 0);
		loaded = true;
	}
	w.tz = tz;
	w.ctx = (struct app_ctx){ f->s, &w.cat, now, &w.tz };
	return &w;
}

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
