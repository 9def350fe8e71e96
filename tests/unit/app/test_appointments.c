/* test_appointments.c: a trainer's appointments (app/appointments.c): only a trainer
 * linked to the client records one, the input is checked field by field (kind, areas
 * as a set, a day not after today, the note), the row is the client's and names the
 * trainer; and a massage appointment's day counts as a massage day in the insights
 * (app/days.c), which compare next-day pain after massage days with routine days. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "app/accounts.h"
#include "app/appointments.h"
#include "app/audit.h"
#include "app/days.h"
#include "app/progress.h"
#include "format/wordlist-read.h"
#include "sim.h"
#include "store-fx.h"
#include <string.h>

#define DAY (24LL * 3600 * 1000)
#define NOW (20500LL * DAY + 10 * 3600 * 1000) /* day 20500, 10:00 UTC */
#define GOOD "correct horse battery"

static struct app_clinic cheap;
static struct catalog cat;
static struct tz utc;

static int group_setup(void **state)
{
	(void)state;
	cheap = (struct app_clinic){ NULL, { 1, 8192 } };
	utc = tz_fixed(0);
	return sim_shipped(&cat);
}

static int group_teardown(void **state)
{
	(void)state;
	catalog_free(&cat);
	return 0;
}

struct people {
	int64_t admin, trainer, other, client;
};

static struct people clinic(struct fx *f)
{
	struct app_ctx ctx = { f->s, &cat, NOW, &utc };
	struct people p;
	struct account_row a = { 0 };
	assert_int_equal(app_clinic_init(&ctx, &cheap, "ada", "Ada Admin", GOOD, strlen(GOOD), &a, &f->err), CLINIC_OK);
	p.admin = a.id;
	account_row_release(&a);
	const char *names[2] = { "tess", "otto" };
	int64_t *ids[2] = { &p.trainer, &p.other };
	for (int i = 0; i < 2; i++) {
		assert_int_equal(app_clinic_add_trainer(&ctx, &cheap, p.admin, names[i], "A Trainer", GOOD, strlen(GOOD),
							&a, &f->err),
				 CLINIC_OK);
		*ids[i] = a.id;
		account_row_release(&a);
	}
	char token[APP_INVITE_TOKEN_LEN + 1];
	struct invite_row inv;
	assert_int_equal(app_clinic_invite(&ctx, p.trainer, "Cleo Client", 7, token, &inv, &f->err), CLINIC_OK);
	invite_row_release(&inv);
	assert_int_equal(app_clinic_accept(&ctx, &cheap, token, "cleo", GOOD, strlen(GOOD), &a, &f->err), CLINIC_OK);
	p.client = a.id;
	account_row_release(&a);
	return p;
}

static enum app_rx_status record(struct fx *f, int64_t trainer, int64_t client, const char *kind, const char *date,
				 const char *areas)
{
	struct app_ctx ctx = { f->s, &cat, NOW, &utc };
	struct app_appt_request rq = { trainer, client, kind, date, areas, "a note" };
	int64_t id;
	strbuf_reset(&f->err);
	return app_appointment_add(&ctx, &rq, &id, &f->err);
}

static size_t count(struct fx *f, int64_t client)
{
	struct store *h;
	struct appointment_row *v;
	size_t n;
	assert_int_equal(store_bind(&h, f->s->db, client, &f->err), 0);
	assert_int_equal(h->ops->appointments_list(h, &v, &n, &f->err), 0);
	store_appointments_free(v, n);
	store_close(h);
	return n;
}

static void test_who_and_what(void **state)
{
	struct fx *f = *state;
	struct people p = clinic(f);
	/* only the client's own trainer */
	assert_int_equal(record(f, p.other, p.client, "massage", NULL, "chest"), APP_RX_NOT_ALLOWED);
	assert_non_null(strstr(strbuf_str(&f->err), "cleo is not a client of otto"));
	assert_int_equal(record(f, p.admin, p.client, "massage", NULL, "chest"), APP_RX_NOT_ALLOWED);
	assert_non_null(strstr(strbuf_str(&f->err), "only a trainer may record an appointment"));
	assert_int_equal(record(f, p.trainer, 999, "massage", NULL, "chest"), APP_RX_NO_ACCOUNT);
	/* each field checked, named first */
	assert_int_equal(record(f, p.trainer, p.client, "sauna", NULL, "chest"), APP_RX_BAD_INPUT);
	assert_true(!strncmp(strbuf_str(&f->err), "kind:", 5));
	assert_int_equal(record(f, p.trainer, p.client, "massage", NULL, "chest,elbow"), APP_RX_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "areas: 'elbow' is not one of"));
	assert_int_equal(record(f, p.trainer, p.client, "massage", NULL, "ribs ribs"), APP_RX_BAD_INPUT);
	assert_int_equal(record(f, p.trainer, p.client, "massage", NULL, ""), APP_RX_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "say which areas the massage worked"));
	assert_int_equal(record(f, p.trainer, p.client, "massage", "2026-13-01", "neck"), APP_RX_BAD_INPUT);
	assert_int_equal(record(f, p.trainer, p.client, "massage", "2099-01-01", "neck"), APP_RX_BAD_INPUT);
	assert_non_null(strstr(strbuf_str(&f->err), "after today"));
	assert_int_equal(count(f, p.client), 0); /* nothing saved by any of them */
	/* saved: a training may name no area; the row is the client's and names the trainer */
	assert_int_equal(record(f, p.trainer, p.client, "training", NULL, ""), APP_RX_SAVED);
	assert_int_equal(record(f, p.trainer, p.client, "massage", "2026-02-01", "upper-back ribs, chest"), APP_RX_SAVED);
	struct store *h;
	struct appointment_row *v;
	size_t n;
	assert_int_equal(store_bind(&h, f->s->db, p.client, &f->err), 0);
	assert_int_equal(h->ops->appointments_list(h, &v, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].date, "2026-02-01");
	assert_string_equal(v[0].areas, "chest,ribs,upper-back"); /* the set, in its order */
	assert_string_equal(v[0].trainer_name, "tess");
	assert_int_equal(v[0].trainer_id, p.trainer);
	char today[11];
	day_format((int)(NOW / DAY), today);
	assert_string_equal(v[1].date, today);
	assert_string_equal(v[1].kind, "training");
	store_appointments_free(v, n);
	store_close(h);
	/* each saved one has its line in the client's audit log; the refused ones none */
	struct app_ctx ctx = { f->s, &cat, NOW, &utc };
	struct audit_row *lines;
	size_t nl;
	assert_int_equal(app_audit_list(&ctx, p.client, &lines, &nl, &f->err), 0);
	assert_int_equal(nl, 2);
	for (size_t i = 0; i < nl; i++) {
		assert_int_equal(lines[i].actor_id, p.trainer);
		assert_string_equal(lines[i].what, AUDIT_APPT_ADDED);
	}
	store_audit_free(lines, nl);
	struct strbuf w = STRBUF_INIT;
	appt_areas_words("chest,ribs,upper-back", &w);
	assert_string_equal(strbuf_str(&w), "chest, ribs and upper back");
	strbuf_release(&w);
}

/* A massage the trainer recorded is a massage day of the insights: next-day pain after
 * it is counted with the massage days (and a training is not). */
static void test_massage_days_count(void **state)
{
	struct fx *f = *state;
	struct people p = clinic(f);
	int today = (int)(NOW / DAY);
	struct store *h;
	assert_int_equal(store_bind(&h, f->s->db, p.client, &f->err), 0);
	for (int k = 0; k < 4; k++) {
		char date[11];
		int d = today - 10 + 2 * k;
		day_format(d, date);
		/* a massage on d (no check-in), the pain the day after */
		assert_int_equal(record(f, p.trainer, p.client, k == 3 ? "training" : "massage", date, "chest"),
				 APP_RX_SAVED);
		struct checkin c;
		checkin_init(&c);
		day_format(d + 1, c.date);
		c.at_ms = (int64_t)(d + 1) * DAY + 3600000;
		c.pain = 2 + k;
		assert_int_equal(h->ops->checkin_add(h, &c, &f->err), 0);
	}
	struct app_ctx ctx = { h, &cat, NOW, &utc };
	struct app_progress pr;
	assert_int_equal(app_progress(&ctx, &pr, &f->err), 0);
	assert_int_equal(pr.massage.n1, 3); /* the three massages, not the training */
	assert_int_equal(pr.massage.n2, 0);
	app_progress_release(&pr);
	store_close(h);

	/* the days: an existing day marked, a missing one added in order */
	struct day *days = xcalloc(2, sizeof(*days));
	days[0].day = 10;
	days[1].day = 12;
	size_t n = 2;
	struct appointment_row a[3] = {
		{ 0, 5, "1970-01-13", 0, 1, (char *)"", (char *)"massage", (char *)"neck", (char *)"" },
		{ 0, 5, "1970-01-12", 0, 1, (char *)"", (char *)"massage", (char *)"neck", (char *)"" },
		{ 0, 5, "1970-01-11", 0, 1, (char *)"", (char *)"training", (char *)"", (char *)"" },
	};
	app_days_add_appointments(&days, &n, a, 3);
	assert_int_equal(n, 3);
	assert_int_equal(days[0].day, 10);
	assert_false(days[0].massage);
	assert_int_equal(days[1].day, 11);
	assert_true(days[1].massage);
	assert_int_equal(days[2].day, 12); /* there already: marked */
	assert_true(days[2].massage);
	free(days);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_who_and_what, setup, teardown),
		cmocka_unit_test_setup_teardown(test_massage_days_count, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
