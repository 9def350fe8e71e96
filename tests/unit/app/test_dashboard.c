/* test_dashboard.c: the trainer's dashboard use case (app/dashboard.c) on a SQLite store:
 * the clients in the order of attention with their reasons, adherence, the sparkline's
 * days and the change's verdict; each client's audit log has the look; only a trainer
 * has one. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app-fx.h"
#include "app/audit.h"
#include "app/dashboard.h"
#include "core/screen.h"
#include "core/tz.h"

#define HASH "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"
#define NOW 1796558400000LL /* 2026-12-06 12:00 UTC */
#define DAY 86400000LL

static int64_t account(struct fx *f, const char *login, enum account_role role)
{
	struct account_row a = { 0, role, (char *)login, (char *)login, (char *)HASH, NOW - 60 * DAY, 0 };
	assert_int_equal(f->s->ops->account_add(f->s, &a, 0, &f->err), 0);
	return a.id;
}

/* A client of trainer, linked 40 days ago. */
static int64_t client(struct fx *f, int64_t trainer, const char *login)
{
	static int serial;
	char hash[64];
	snprintf(hash, sizeof(hash), "%032x", ++serial);
	int64_t at = NOW - 40 * DAY;
	struct invite_row inv = { 0, trainer, hash, (char *)login, at - 1000, at + DAY, 0, 0 };
	assert_int_equal(f->s->ops->invite_add(f->s, &inv, &f->err), 0);
	struct account_row c = { 0, ROLE_CLIENT, (char *)login, (char *)login, (char *)HASH, at, 0 };
	enum invite_use r;
	assert_int_equal(f->s->ops->invite_use(f->s, hash, at, &c, &r, &f->err), 0);
	assert_int_equal(r, INVITE_ACCEPTED);
	return c.id;
}

/* Run fn's records as person (fx_session / fx_checkin write through f->s). */
static struct store *as(struct fx *f, struct store_db *db, int64_t person, struct store **saved)
{
	struct store *s;
	assert_int_equal(store_bind(&s, db, person, &f->err), 0);
	*saved = f->s;
	f->s = s;
	return s;
}

static void back(struct fx *f, struct store *saved)
{
	store_close(f->s);
	f->s = saved;
}

static void test_dashboard(void **state)
{
	struct fx *f = *state;
	struct tz utc = tz_fixed(0);
	struct fx_world *w = fx_world(state, NULL, utc, NOW);
	int today = tz_day_of_ms(&utc, NOW);
	int64_t tess = account(f, "tess", ROLE_TRAINER), ada = account(f, "ada", ROLE_ADMIN);
	int64_t will = client(f, tess, "will"), flo = client(f, tess, "flo"), dee = client(f, tess, "dee"),
		ann = client(f, tess, "ann"), gail = client(f, tess, "gail"), quinn = client(f, tess, "quinn");
	int64_t other = account(f, "tom", ROLE_TRAINER);
	int64_t cai = client(f, other, "cai");
	struct store_db *db = f->s->db;
	struct store *saved;

	/* will: a warning sign, not cleared */
	as(f, db, will, &saved);
	fx_session(f, "upper-back-activation", NOW - DAY, 10, 2, 2);
	struct answer_row ans = { (char *)SCREEN_WARNING_ID, true, URG_DAYS, true, false };
	struct screening_row scr = { 0, NOW - DAY, URG_DAYS, false, &ans, 1 };
	assert_int_equal(f->s->ops->screening_add(f->s, &scr, &f->err), 0);
	back(f, saved);
	/* flo: pain 2 for ten days, 7 today: a flare-up */
	as(f, db, flo, &saved);
	for (int d = today - 10; d < today; d++)
		fx_checkin(f, d, NOW - (today - d) * DAY, 2);
	fx_checkin(f, today, NOW, 7);
	fx_session(f, "upper-back-activation", NOW - DAY, 10, 2, 2);
	back(f, saved);
	/* dee: a session two days ago stopped by dizziness */
	as(f, db, dee, &saved);
	int64_t sid = fx_session(f, "upper-back-activation", NOW - 2 * DAY, 10, 2, 2);
	struct pain_row p = { 1, (char *)"v-raise", -1, (char *)"stopped", NOW - 2 * DAY + 60000 };
	assert_int_equal(f->s->ops->pain_add(f->s, sid, &p, &f->err), 0);
	back(f, saved);
	/* ann: nothing for 10 days */
	as(f, db, ann, &saved);
	fx_session(f, "upper-back-activation", NOW - 10 * DAY, 10, 2, 2);
	back(f, saved);
	/* gail: 6 in the first week, 2 in the last 7 days, a session every day of them */
	as(f, db, gail, &saved);
	for (int d = today - 34; d <= today; d++)
		if (d < today - 27 || d > today - 7)
			fx_checkin(f, d, NOW - (today - d) * DAY, d < today - 27 ? 6 : 2);
	for (int d = 0; d < 7; d++)
		fx_session(f, "upper-back-activation", NOW - d * DAY - 3600000, 10, 2, 2);
	back(f, saved);
	/* quinn: a session yesterday, nothing else */
	as(f, db, quinn, &saved);
	fx_session(f, "upper-back-activation", NOW - DAY, 10, 2, 2);
	back(f, saved);

	struct app_dashboard d;
	struct strbuf err = STRBUF_INIT;
	as(f, db, tess, &saved);
	w->ctx.store = f->s;
	assert_int_equal(app_dashboard(&w->ctx, &d, &err), 0);
	back(f, saved);
	assert_int_equal(d.n, 6);
	const int64_t order[6] = { will, flo, dee, ann, gail, quinn };
	const enum attention_kind kinds[6] = { ATT_WARNING, ATT_FLARE, ATT_STOPPED, ATT_ABSENT, ATT_IMPROVED, ATT_NONE };
	for (int i = 0; i < 6; i++) {
		assert_int_equal(d.clients[i].facts->id, order[i]);
		assert_int_equal(d.clients[i].att.kind, kinds[i]);
	}
	assert_string_equal(d.clients[3].att.reason, "No session for 10 days.");
	/* the warning sign pauses exercise: no plan for now, not "0 of 0 due" */
	assert_true(d.clients[0].paused);
	assert_false(d.clients[0].has_plan);
	assert_int_equal(d.clients[0].due30, 0);
	assert_true(d.clients[4].has_plan);
	assert_false(d.clients[4].paused);
	assert_int_equal(d.clients[3].days_since_session, 10);
	const struct app_dash_client *g = &d.clients[4];
	assert_int_equal(g->done7, 7);
	assert_true(g->due7 > 0 && g->due7 <= 7);
	assert_int_equal(g->done30, 7);
	assert_true(g->pain[0][DASH_DAYS - 1] == 2);
	assert_true(g->pain[0][0] == 6); /* today - 29: the first week's */
	assert_true(g->pain[0][2] < 0);  /* today - 27: no rating */
	assert_true(g->rated[0]);
	assert_false(g->rated[1 + REG_NECK]);
	assert_int_equal(g->course.state, COURSE_IMPROVING);
	assert_true(g->change.baseline == 6);
	app_dashboard_release(&d);
	w->ctx.store = f->s;

	/* each client's audit log says the trainer saw them on the list; another trainer's client cai has none */
	const int64_t seen[2] = { will, quinn };
	for (int i = 0; i < 2; i++) {
		struct audit_row *rows = NULL;
		size_t n = 0;
		assert_int_equal(app_audit_list(&w->ctx, seen[i], &rows, &n, &err), 0);
		assert_int_equal(n, 1);
		assert_int_equal(rows[0].actor_id, tess);
		assert_string_equal(rows[0].what, AUDIT_DASHBOARD);
		store_audit_free(rows, n);
	}
	struct audit_row *none = NULL;
	size_t n_none = 0;
	assert_int_equal(app_audit_list(&w->ctx, cai, &none, &n_none, &err), 0);
	assert_int_equal(n_none, 0);
	store_audit_free(none, n_none);

	/* a client and an admin have none */
	as(f, db, will, &saved);
	w->ctx.store = f->s;
	assert_int_equal(app_dashboard(&w->ctx, &d, &err), 1);
	back(f, saved);
	as(f, db, ada, &saved);
	w->ctx.store = f->s;
	assert_int_equal(app_dashboard(&w->ctx, &d, &err), 1);
	back(f, saved);
	w->ctx.store = f->s;
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dashboard, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
