/* test_prescribe.c: a trainer's prescriptions (app/prescribe.c) and the plan's use of
 * them (app/plan-data.c, the engine's item set-up): only a linked trainer prescribes,
 * warnings must be accepted and refusals never pass, each change is a version with its
 * note and what the rules said, the plan and the player start from it, the rules step
 * from it when pain lowers it, a dose above the usual range goes no higher by itself,
 * and a pause (a warning sign's) is never lifted by a prescription; a step added to a
 * routine, and taken out again. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/accounts.h"
#include "app/export.h"
#include "format/backup-json.h"
#include "format/backup-read.h"
#include "app/person-content.h"
#include "app/plan-data.h"
#include "app/plan-view.h"
#include "app/prescribe.h"
#include "core/prescribe.h"
#include "core/session.h"
#include "format/wordlist-read.h"
#include "sim.h"
#include "store-fx.h"
#include <string.h>

#define NOW 1780000000000LL
#define DAY (24LL * 3600 * 1000)
#define GOOD "correct horse battery"
#define ACT "upper-back-activation"

static struct wordlist common;
static struct app_clinic cheap;
static struct catalog cat;
static struct tz utc;

static int group_setup(void **state)
{
	(void)state;
	struct strbuf err = STRBUF_INIT;
	if (wordlist_read(&common, "/usr/share/john/password.lst", &err))
		return -1;
	strbuf_release(&err);
	cheap = (struct app_clinic){ &common, { 1, 8192 } };
	utc = tz_fixed(0);
	return sim_shipped(&cat);
}

static int group_teardown(void **state)
{
	(void)state;
	wordlist_release(&common);
	catalog_free(&cat);
	return 0;
}

static struct app_ctx ctx_at(struct fx *f, int64_t now)
{
	return (struct app_ctx){ f->s, &cat, now, &utc };
}

struct people {
	int64_t admin, trainer, other, client;
};

static int64_t trainer(struct fx *f, int64_t admin, const char *login)
{
	struct app_ctx ctx = ctx_at(f, NOW);
	struct account_row a = { 0 };
	assert_int_equal(app_clinic_add_trainer(&ctx, &cheap, admin, login, "Tess Trainer", GOOD, strlen(GOOD), &a,
						&f->err),
			 CLINIC_OK);
	int64_t id = a.id;
	account_row_release(&a);
	return id;
}

static struct people clinic(struct fx *f)
{
	struct app_ctx ctx = ctx_at(f, NOW);
	struct people p;
	struct account_row a = { 0 };
	assert_int_equal(app_clinic_init(&ctx, &cheap, "ada", "Ada Admin", GOOD, strlen(GOOD), &a, &f->err), CLINIC_OK);
	p.admin = a.id;
	account_row_release(&a);
	p.trainer = trainer(f, p.admin, "tess");
	p.other = trainer(f, p.admin, "otto");
	char token[APP_INVITE_TOKEN_LEN + 1];
	struct invite_row inv;
	assert_int_equal(app_clinic_invite(&ctx, p.trainer, "Cleo Client", 7, token, &inv, &f->err), CLINIC_OK);
	invite_row_release(&inv);
	assert_int_equal(app_clinic_accept(&ctx, &cheap, token, "cleo", GOOD, strlen(GOOD), &a, &f->err), CLINIC_OK);
	p.client = a.id;
	account_row_release(&a);
	return p;
}

static enum app_rx_status rx(struct fx *f, int64_t now, struct app_rx_request rq, struct app_rx_result *out)
{
	struct app_ctx ctx = ctx_at(f, now);
	strbuf_reset(&f->err);
	return app_prescribe(&ctx, &rq, out, &f->err);
}

/* The client's dose of routine item i now. */
static struct dose_state dose_of(struct fx *f, int64_t client, size_t i)
{
	struct store *h;
	assert_int_equal(store_bind(&h, f->s->db, client, &f->err), 0);
	const struct routine *r = catalog_routine(&cat, ACT);
	struct dose_state st[16];
	assert_int_equal(plan_doses(h, &cat, r, st, &f->err), 0);
	store_close(h);
	return st[i];
}

static size_t n_saved(struct fx *f, int64_t client)
{
	struct app_ctx ctx = ctx_at(f, NOW);
	struct app_rx_history h;
	assert_int_equal(app_prescriptions(&ctx, client, client, &h, &f->err), APP_RX_SAVED);
	size_t n = h.n;
	app_rx_history_release(&h);
	return n;
}

static void test_only_a_linked_trainer_prescribes(void **state)
{
	struct fx *f = *state;
	struct people p = clinic(f);
	struct app_rx_result r;
	struct app_rx_request rq = { .trainer_id = p.other, .client_id = p.client, .exercise = "v-raise", .reps = 8 };
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_NOT_ALLOWED);
	assert_non_null(strstr(strbuf_str(&f->err), "cleo is not a client of otto"));
	rq.trainer_id = p.admin;
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_NOT_ALLOWED);
	assert_non_null(strstr(strbuf_str(&f->err), "only a trainer may prescribe"));
	rq.trainer_id = 999;
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_NO_ACCOUNT);
	assert_int_equal(n_saved(f, p.client), 0);
	rq.trainer_id = p.trainer;
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_SAVED);
	assert_int_equal(n_saved(f, p.client), 1);
	/* the history: the client, their trainer and an admin; not another trainer */
	struct app_ctx ctx = ctx_at(f, NOW);
	struct app_rx_history h;
	assert_int_equal(app_prescriptions(&ctx, p.trainer, p.client, &h, &f->err), APP_RX_SAVED);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.v[0].trainer_id, p.trainer);
	app_rx_history_release(&h);
	assert_int_equal(app_prescriptions(&ctx, p.admin, p.client, &h, &f->err), APP_RX_SAVED);
	app_rx_history_release(&h);
	assert_int_equal(app_prescriptions(&ctx, p.other, p.client, &h, &f->err), APP_RX_NOT_ALLOWED);
}

static void test_warnings_accepted_refusals_never(void **state)
{
	struct fx *f = *state;
	struct people p = clinic(f);
	struct app_rx_result r;
	struct app_rx_request rq = { .trainer_id = p.trainer, .client_id = p.client, .exercise = "v-raise", .reps = 12,
				     .note = "Twelve, slowly." };
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_NEEDS_ACCEPT);
	assert_int_equal(r.check.level, RX_WARN);
	assert_int_equal(n_saved(f, p.client), 0);
	rq.reps = 31;
	rq.accept_warnings = true;
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_REFUSED);
	assert_non_null(strstr(r.check.f[0].text, "safe limit of 30"));
	assert_int_equal(n_saved(f, p.client), 0);
	rq.reps = 12;
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_SAVED);
	struct app_ctx ctx = ctx_at(f, NOW);
	struct app_rx_history h;
	assert_int_equal(app_prescriptions(&ctx, p.client, p.client, &h, &f->err), APP_RX_SAVED);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.v[0].note, "Twelve, slowly.");
	assert_string_equal(h.v[0].slot, "v-raise");
	assert_non_null(strstr(h.v[0].warnings, "warning: 12 reps is above the usual range for V-raise (5-10 reps)"));
	app_rx_history_release(&h);
	/* a swap that breaks the order needs its own acceptance */
	struct app_rx_request sw = { .trainer_id = p.trainer, .client_id = p.client, .exercise = "glute-bridge",
				     .swap = "shrug-roll" };
	assert_int_equal(rx(f, NOW, sw, &r), APP_RX_NEEDS_ACCEPT);
	assert_int_equal(r.check.n, 2);
	assert_non_null(strstr(r.check.f[1].text, "breaks the activation routine's order"));
	rq = (struct app_rx_request){ .trainer_id = p.trainer, .client_id = p.client, .exercise = "v-raise" };
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "say what to change"));
	rq.reps = 8;
	rq.exercise = "no-such";
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "exercise: no routine has the exercise 'no-such'"));
}

static void test_plan_and_player_start_from_it(void **state)
{
	struct fx *f = *state;
	struct people p = clinic(f);
	struct app_rx_result r;
	struct app_rx_request rq = { .trainer_id = p.trainer, .client_id = p.client, .exercise = "v-raise", .reps = 12,
				     .sets = 3, .hold_s = 4, .note = "Hold each one.", .accept_warnings = true };
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_SAVED);
	assert_int_equal(r.before.reps, 5);
	assert_int_equal(r.after.reps, 12); /* above the content's 5-10: the trainer's */
	struct dose_state d = dose_of(f, p.client, 2);
	assert_true(d.prescribed);
	assert_int_equal(d.reps, 12);
	assert_int_equal(d.sets, 3);
	assert_int_equal(d.hold_s, 4);
	/* the player runs it */
	const struct routine *rt = catalog_routine(&cat, ACT);
	struct dose_state st[16];
	struct store *h;
	assert_int_equal(store_bind(&h, f->s->db, p.client, &f->err), 0);
	assert_int_equal(plan_doses(h, &cat, rt, st, &f->err), 0);
	struct session_pass pass = { SESSION_PASS_SEAL, 0, false, false };
	struct engine_opts o = { PACE_DEFAULT, -1, 0, 0, st, false, &pass };
	struct engine e;
	assert_int_equal(engine_init(&e, &cat, rt, &o, 0), 0);
	assert_int_equal(e.items[2].reps, 12);
	assert_int_equal(e.items[2].dose.sets, 3);
	assert_int_equal(e.items[2].hold_s, 4);
	engine_release(&e);
	/* and holds each rep 4 s at the top: 12 reps x 3 sets longer than without the hold */
	int with = routine_run_s(&cat, rt, st, false, true);
	st[2].hold_s = 0;
	assert_int_equal(with - routine_run_s(&cat, rt, st, false, true), 12 * 3 * 4);
	st[2].hold_s = 4;
	/* the client's plan shows it, with the note */
	struct app_ctx cctx = { h, &cat, NOW, &utc };
	struct app_plan v;
	assert_int_equal(app_plan_view(&cctx, &v, &f->err), 0);
	assert_int_equal(v.n_prescriptions, 1);
	assert_string_equal(v.prescriptions[0].note, "Hold each one.");
	bool shown = false;
	for (size_t k = 0; k < v.n_doses; k++) {
		if (strcmp(v.doses[k].item->exercise, "v-raise") || v.doses[k].routine != rt)
			continue;
		struct strbuf ds = STRBUF_INIT;
		app_plan_dose_describe(&cat, &v.doses[k], &ds);
		assert_string_equal(ds.buf, "12 reps, 3 sets, 4 s hold");
		assert_true(v.doses[k].moved);
		strbuf_release(&ds);
		shown = true;
	}
	assert_true(shown);
	app_plan_release(&v);
	/* a dose above the usual range goes no higher by itself */
	struct strbuf what = STRBUF_INIT;
	struct dose_state up = dose_step(&cat, &rt->items[2], d, V_PROGRESS, true, &what);
	assert_int_equal(up.reps, 12);
	assert_string_equal(up.exercise, "v-raise");
	assert_non_null(strstr(what.buf, "your trainer's dose is above the usual range"));
	strbuf_release(&what);
	store_close(h);
}

static void test_rules_step_from_it_and_never_lift_a_pause(void **state)
{
	struct fx *f = *state;
	struct people p = clinic(f);
	struct app_rx_result r;
	struct app_rx_request rq = { .trainer_id = p.trainer, .client_id = p.client, .exercise = "v-raise", .reps = 12,
				     .sets = 2, .accept_warnings = true };
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_SAVED);
	struct store *h;
	assert_int_equal(store_bind(&h, f->s->db, p.client, &f->err), 0);
	int today = (int)(NOW / DAY);
	/* it hurt: lowered at once, from the trainer's 12 */
	assert_int_equal(plan_feedback_record(h, &cat, ACT, "v-raise", FEEL_HURT, 3, false, today, 0, NOW + 1000,
					      &f->err),
			 0);
	assert_int_equal(plan_catch_up(h, &cat, NULL, 0, today, false, NOW + 2000, &f->err), 1);
	struct dose_state d = dose_of(f, p.client, 2);
	assert_int_equal(d.reps, 9);
	assert_int_equal(d.sets, 2); /* the trainer's sets stay */
	assert_true(d.prescribed);
	/* a warning sign pauses it; a new prescription does not bring it back */
	assert_int_equal(plan_feedback_record(h, &cat, ACT, "v-raise", FEEL_RIGHT, 2, true, today, 0, NOW + 3000,
					      &f->err),
			 0);
	assert_int_equal(plan_catch_up(h, &cat, NULL, 0, today, false, NOW + 4000, &f->err), 1);
	assert_true(dose_of(f, p.client, 2).paused);
	rq.reps = 8;
	assert_int_equal(rx(f, NOW + 5000, rq, &r), APP_RX_SAVED);
	assert_true(r.after.paused);
	assert_int_equal(r.after.reps, 8);
	store_close(h);
}

/* Two easy sessions with settled mornings raise a dose; done before the trainer's
 * newest prescription, they do not raise it: the trainer's newer dose stands. */
static void test_sessions_before_it_never_raise_it(void **state)
{
	struct fx *f = *state;
	struct people p = clinic(f);
	struct store *h;
	assert_int_equal(store_bind(&h, f->s->db, p.client, &f->err), 0);
	int today = (int)(NOW / DAY);
	struct day days[12];
	memset(days, 0, sizeof(days));
	for (int i = 0; i < 12; i++) {
		days[i].day = today - 11 + i;
		days[i].pain = 2;
		for (int k = 0; k < 6; k++)
			days[i].region[k] = -1;
		days[i].headache = days[i].stiffness = days[i].stress = days[i].sleep = days[i].desk_hours = -1;
	}
	for (int k = 3; k >= 2; k--)
		assert_int_equal(plan_feedback_record(h, &cat, ACT, "v-raise", FEEL_EASY, 1, false, today - k, 0,
						      NOW - k * DAY, &f->err),
				 0);
	struct app_rx_result r;
	struct app_rx_request rq = { .trainer_id = p.trainer, .client_id = p.client, .exercise = "v-raise", .reps = 8 };
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_SAVED);
	assert_int_equal(plan_catch_up(h, &cat, days, 12, today, false, NOW + 1000, &f->err), 2);
	struct plan_change_row *ch;
	size_t n;
	assert_int_equal(h->ops->plan_changes_list(h, &ch, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ch[1].rule, "prescribed-since");
	assert_string_equal(ch[1].action, "hold");
	assert_non_null(strstr(ch[1].reason, "trainer's prescription came after this session"));
	store_plan_changes_free(ch, n);
	assert_int_equal(dose_of(f, p.client, 2).reps, 8);
	store_close(h);
}

/* A swap out of order, accepted: the player runs it; the client can still go back. */
static void test_swap_runs_and_the_client_can_go_back(void **state)
{
	struct fx *f = *state;
	struct people p = clinic(f);
	struct app_rx_result r;
	struct app_rx_request rq = { .trainer_id = p.trainer, .client_id = p.client, .exercise = "glute-bridge",
				     .swap = "glute-bridge-march", .reps = 6 };
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_SAVED); /* the content's own alternative: no warning */
	assert_int_equal(r.check.level, RX_OK);
	struct dose_state d = dose_of(f, p.client, 0);
	assert_string_equal(d.exercise, "glute-bridge-march");
	assert_int_equal(d.reps, 6);
	struct store *h;
	assert_int_equal(store_bind(&h, f->s->db, p.client, &f->err), 0);
	assert_int_equal(plan_back(h, &cat, ACT, "glute-bridge", (int)(NOW / DAY), NOW + 1000, &f->err), 0);
	store_close(h);
	d = dose_of(f, p.client, 0);
	assert_string_equal(d.exercise, "glute-bridge");
	assert_false(d.prescribed);
}

/* The client's backup (which must hold the text kept) restored into a new store: the
 * routines as they run there, into *mine (app_person_content_release it). */
static void restored(struct fx *f, int64_t client, const char *kept, struct catalog *mine)
{
	struct store *h;
	assert_int_equal(store_bind(&h, f->s->db, client, &f->err), 0);
	struct app_ctx cown = { h, &cat, NOW, &utc };
	struct app_export ex;
	assert_int_equal(app_export(&cown, APP_EXPORT_JSON, &ex, &f->err), 0);
	struct strbuf text = STRBUF_INIT;
	assert_int_equal(format_backup_json(&ex.backup, &text, &f->err), 0);
	app_export_release(&ex);
	store_close(h);
	assert_non_null(strstr(text.buf, kept));
	json_t *doc = json_loads(text.buf, 0, NULL);
	char db[160];
	struct store *b = NULL;
	static int n;
	snprintf(db, sizeof(db), "%s/restored-%d.db", f->dir, ++n);
	assert_int_equal(store_open(&b, db, &f->err), 0);
	struct app_ctx bctx = { b, &cat, NOW, &utc };
	struct app_import_request in = { "backup.json", backup_read_doc, doc };
	struct app_import_result res;
	app_import(&bctx, &in, &res, &f->err);
	assert_int_equal(res.status, APP_IMPORT_DONE);
	assert_int_equal(app_person_content(b, &cat, mine, &f->err), 0);
	store_close(b);
	json_decref(doc);
	strbuf_release(&text);
}

/* A new step: a place that breaks the activation order needs accepting; one in order is
 * saved, versioned with the rules' words, and from then on is a step of the client's
 * routine: the plan's doses, the player's engine and the plan view run it, a later dose
 * change finds it, and adding it twice is refused. */
static void test_add_a_step(void **state)
{
	struct fx *f = *state;
	struct people p = clinic(f);
	struct app_rx_result r;
	struct app_rx_request rq = { .trainer_id = p.trainer, .client_id = p.client, .routine = ACT,
				     .add = "lateral-raise-band", .place = "before:superman", .reps = 12,
				     .note = "Light band." };
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_NEEDS_ACCEPT);
	assert_non_null(strstr(r.check.f[0].text, "breaks the activation routine's order"));
	assert_non_null(strstr(r.check.f[0].text, "each exercise getting the muscles ready for the next"));
	app_rx_result_release(&r);
	assert_int_equal(n_saved(f, p.client), 0);
	/* where it may go: before the relaxation that ends the chain */
	rq.place = "before:relaxation-snow-angel";
	assert_int_equal(rx(f, NOW, rq, &r), APP_RX_SAVED);
	assert_true(r.added);
	assert_int_equal(r.step, 7);
	assert_string_equal(r.item->exercise, "lateral-raise-band");
	assert_int_equal(r.after.reps, 12);
	assert_true(r.after.prescribed);
	app_rx_result_release(&r);
	/* the client's routine has it: the plan's doses and the engine */
	struct store *h;
	assert_int_equal(store_bind(&h, f->s->db, p.client, &f->err), 0);
	struct catalog mine;
	assert_int_equal(app_person_content(h, &cat, &mine, &f->err), 0);
	const struct routine *rt = catalog_routine(&mine, ACT), *own = catalog_routine(&cat, ACT);
	assert_int_equal(rt->n_items, own->n_items + 1);
	assert_string_equal(rt->items[7].exercise, "lateral-raise-band");
	assert_string_equal(rt->items[8].exercise, "relaxation-snow-angel");
	assert_int_equal(own->n_items, 8); /* the content itself is as it was */
	struct dose_state st[16];
	assert_int_equal(plan_doses(h, &mine, rt, st, &f->err), 0);
	assert_int_equal(st[7].reps, 12);
	assert_true(st[7].prescribed);
	struct session_pass pass = { SESSION_PASS_SEAL, 0, false, false };
	struct engine_opts o = { PACE_DEFAULT, -1, 0, 0, st, false, &pass };
	struct engine e;
	assert_int_equal(engine_init(&e, &mine, rt, &o, 0), 0);
	assert_int_equal(e.n_items, 9);
	assert_int_equal(e.items[7].reps, 12);
	engine_release(&e);
	struct app_ctx cctx = { h, &mine, NOW, &utc };
	struct app_plan v;
	assert_int_equal(app_plan_view(&cctx, &v, &f->err), 0);
	bool shown = false;
	for (size_t k = 0; k < v.n_doses; k++)
		shown = shown || !strcmp(v.doses[k].item->exercise, "lateral-raise-band");
	assert_true(shown);
	app_plan_release(&v);
	app_person_content_release(&mine, &cat);
	store_close(h);
	/* its dose changed later, as any step's */
	struct app_rx_request more = { .trainer_id = p.trainer, .client_id = p.client, .exercise = "lateral-raise-band",
				       .reps = 14 };
	assert_int_equal(rx(f, NOW + 1000, more, &r), APP_RX_SAVED);
	assert_int_equal(r.after.reps, 14);
	app_rx_result_release(&r);
	/* added twice: refused; a place that is no step: named */
	assert_int_equal(rx(f, NOW + 2000, rq, &r), APP_RX_REFUSED);
	app_rx_result_release(&r);
	rq.add = "chin-tuck";
	rq.place = "before:no-such";
	assert_int_equal(rx(f, NOW + 2000, rq, &r), APP_RX_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "place: Upper back activation has no step 'no-such'"));
	app_rx_result_release(&r);
	assert_int_equal(n_saved(f, p.client), 2);
	/* the client's backup keeps its place, and a restore brings the step back */
	restored(f, p.client, "\"place\": \"before:relaxation-snow-angel\"", &mine);
	rt = catalog_routine(&mine, ACT);
	assert_int_equal(rt->n_items, 9);
	assert_string_equal(rt->items[7].exercise, "lateral-raise-band");
	app_person_content_release(&mine, &cat);
}

/* The client's routine ACT as it runs for them now: its number of steps, and whether
 * exercise is one of them. */
static size_t steps_of(struct fx *f, int64_t client, const char *exercise, bool *has)
{
	struct store *h;
	assert_int_equal(store_bind(&h, f->s->db, client, &f->err), 0);
	struct catalog mine;
	assert_int_equal(app_person_content(h, &cat, &mine, &f->err), 0);
	const struct routine *rt = catalog_routine(&mine, ACT);
	size_t n = rt->n_items;
	*has = false;
	for (size_t i = 0; i < n; i++)
		*has = *has || !strcmp(rt->items[i].exercise, exercise);
	app_person_content_release(&mine, &cat);
	store_close(h);
	return n;
}

/* An added step taken out again: a version of its own (no dose), the routine as it was,
 * the backup keeps it; a step of the routine's own, or one never added, is refused with
 * nothing saved; added again later, it is back. */
static void test_take_out_an_added_step(void **state)
{
	struct fx *f = *state;
	struct people p = clinic(f);
	struct app_rx_result r;
	struct app_rx_request add = { .trainer_id = p.trainer, .client_id = p.client, .routine = ACT,
				      .add = "lateral-raise-band", .place = "end", .reps = 12, .accept_warnings = true };
	assert_int_equal(rx(f, NOW, add, &r), APP_RX_SAVED);
	app_rx_result_release(&r);
	bool has;
	assert_int_equal(steps_of(f, p.client, "lateral-raise-band", &has), 9);
	assert_true(has);
	/* a dose with it: refused before anything is looked up */
	struct app_rx_request out = { .trainer_id = p.trainer, .client_id = p.client, .routine = ACT,
				      .add = "lateral-raise-band", .place = RX_PLACE_OUT, .reps = 3 };
	assert_int_equal(rx(f, NOW + 1000, out, &r), APP_RX_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "a step taken out has no dose"));
	app_rx_result_release(&r);
	/* one of the routine's own, one never added: refused, nothing saved */
	out.reps = 0;
	out.add = "superman";
	assert_int_equal(rx(f, NOW + 1000, out, &r), APP_RX_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "one of Upper back activation's own steps"));
	app_rx_result_release(&r);
	out.add = "chin-tuck";
	assert_int_equal(rx(f, NOW + 1000, out, &r), APP_RX_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "is not a step added to the client's Upper back activation"));
	app_rx_result_release(&r);
	/* another trainer: not allowed */
	out.add = "lateral-raise-band";
	out.trainer_id = p.other;
	assert_int_equal(rx(f, NOW + 1000, out, &r), APP_RX_NOT_ALLOWED);
	app_rx_result_release(&r);
	assert_int_equal(n_saved(f, p.client), 1);
	/* taken out: saved as a version, the routine as it was */
	out.trainer_id = p.trainer;
	out.note = "Enough for now.";
	assert_int_equal(rx(f, NOW + 1000, out, &r), APP_RX_SAVED);
	assert_true(r.removed);
	assert_null(r.item);
	assert_int_equal(r.step, 8);
	assert_int_equal(r.routine->n_items, 8);
	app_rx_result_release(&r);
	assert_int_equal(n_saved(f, p.client), 2);
	assert_int_equal(steps_of(f, p.client, "lateral-raise-band", &has), 8);
	assert_false(has);
	/* out twice: nothing to take out */
	assert_int_equal(rx(f, NOW + 2000, out, &r), APP_RX_BAD_INPUT);
	app_rx_result_release(&r);
	/* said in the plan's words, and kept in the backup */
	struct strbuf said = STRBUF_INIT;
	rx_describe(&cat, "lateral-raise-band", "lateral-raise-band", RX_PLACE_OUT, 0, 0, 0, 0, &said);
	assert_string_equal(said.buf, "Side raise with an elastic band, a step added before, taken out again");
	strbuf_release(&said);
	struct catalog mine;
	restored(f, p.client, "\"place\": \"out\"", &mine);
	assert_int_equal(catalog_routine(&mine, ACT)->n_items, 8);
	app_person_content_release(&mine, &cat);
	/* added again: back, where it is put now */
	add.place = "before:relaxation-snow-angel";
	assert_int_equal(rx(f, NOW + 3000, add, &r), APP_RX_SAVED);
	assert_int_equal(r.step, 7);
	app_rx_result_release(&r);
	assert_int_equal(steps_of(f, p.client, "lateral-raise-band", &has), 9);
	assert_true(has);
}

/* A row taking out a step of the routine's own (not one app_prescribe writes; a backup
 * could hold it) leaves the routine as it is. */
static void test_own_step_never_out(void **state)
{
	(void)state;
	struct prescription_row rows[] = {
		{ 1, "2026-06-01", NOW, 2, (char *)ACT, (char *)"superman", (char *)"superman", 0, 0, 0, 0, (char *)"",
		  (char *)"", (char *)RX_PLACE_OUT },
	};
	struct catalog mine;
	app_person_content_of(rows, 1, &cat, &mine);
	assert_int_equal(catalog_routine(&mine, ACT)->n_items, 8);
	app_person_content_release(&mine, &cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_only_a_linked_trainer_prescribes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warnings_accepted_refusals_never, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_and_player_start_from_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules_step_from_it_and_never_lift_a_pause, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions_before_it_never_raise_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_swap_runs_and_the_client_can_go_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_a_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_take_out_an_added_step, setup, teardown),
		cmocka_unit_test(test_own_step_never_out),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
