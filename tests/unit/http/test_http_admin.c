/* test_http_admin.c: an admin's page of the clinic's accounts in clinic mode, through
 * the dispatcher: everyone listed with their role's facts (a trainer's clients, a
 * client's trainer), a trainer added with a first password (typed twice alike, held to
 * the rules; a login name taken refused) who then logs in with it, an account disabled
 * (its session ends at once, it logs in no more) and enabled again, an admin's own
 * never disabled, another person's two-step login turned off and another person's
 * account deleted, each only after its login name is typed (a wrong one, no CSRF
 * token, a trainer or a client: refused, nothing changed), and every refusal saying
 * why with nothing changed. Anyone but an admin is refused by the authorization matrix
 * (test_http_matrix) as well. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-clinic.h"
#include "app/audit.h"
#include "app/totp.h"

/* POST the form body as the admin (its CSRF token added); the status, the body into
 * *out (free it). */
static int post(struct hfx *f, const char *path, const char *body, char **out)
{
	struct req rq;
	char all[600];
	snprintf(all, sizeof(all), "%s&csrf=%s", body, hcx[ADMIN].tok + strlen("X-CSRF-Token: "));
	hfx_send(f, &rq, "POST", path, all, FORM, "Origin: " ORIGIN, hcx[ADMIN].cookie, NULL);
	int s = rq.status;
	*out = xstrdup(hfx_body(&rq));
	req_release(&rq);
	return s;
}

static int get(struct hfx *f, enum actor a, const char *path, char **out)
{
	struct req rq;
	hfx_send(f, &rq, "GET", path, NULL, hcx[a].cookie, NULL);
	int s = rq.status;
	if (out)
		*out = xstrdup(hfx_body(&rq));
	req_release(&rq);
	return s;
}

/* The login's status for login with password pw. */
static int login_with(struct hfx *f, const char *login, const char *pw)
{
	struct req rq;
	char body[200];
	snprintf(body, sizeof(body), "{\"login\":\"%s\",\"password\":\"%s\"}", login, pw);
	hfx_send(f, &rq, "POST", "/login", body, JSON, "Origin: " ORIGIN, NULL);
	int status = rq.status;
	req_release(&rq);
	return status;
}

static void test_everyone_listed(void **state)
{
	struct hfx *f = *state;
	char *out;
	assert_int_equal(get(f, ADMIN, "/clinic/admin", &out), 200);
	/* the trainers with a client each, the clients with their trainer */
	assert_non_null(strstr(out, "data-test=\"trainer\" data-login=\"tess\""));
	assert_non_null(strstr(out, "data-test=\"trainer\" data-login=\"tom\""));
	assert_non_null(strstr(out, "<strong>A Trainer</strong> (tess), <span data-test=\"clients\">1 client</span>"));
	assert_non_null(strstr(out, "data-test=\"client\" data-login=\"cleo\""));
	assert_non_null(strstr(out, "(cleo), <span data-test=\"trainer-of\">trainer A Trainer</span>"));
	/* a button for everyone but the admin's own account */
	assert_non_null(strstr(out, "data-test=\"admin\" data-login=\"ada\"><strong>Ada Admin</strong> (ada) <span class=\"muted\">(you)"));
	char want[200];
	snprintf(want, sizeof(want), "name=\"account\" value=\"%lld\">", (long long)hcx[ADMIN].id);
	assert_null(strstr(out, want));
	snprintf(want, sizeof(want), "name=\"account\" value=\"%lld\">", (long long)hcx[CLIENT_A].id);
	assert_non_null(strstr(out, want));
	/* the navigation leads here for an admin only */
	assert_non_null(strstr(out, "href=\"/clinic/admin\" aria-current=\"page\">The clinic<"));
	free(out);
	assert_int_equal(get(f, TRAINER_A, "/clinic", &out), 200);
	assert_null(strstr(out, "/clinic/admin"));
	free(out);
}

static void test_add_a_trainer(void **state)
{
	struct hfx *f = *state;
	char *out;
	/* typed differently; a login name taken; the login name as the password */
	assert_int_equal(post(f, "/clinic/admin/trainers", "name=Tia+Trainer&login=tia&password=plum+tree+river+stone"
			      "&password_again=plum+tree+river", &out), 400);
	assert_non_null(strstr(out, "data-field=\"password_again\""));
	assert_non_null(strstr(out, "value=\"tia\"")); /* kept in the form */
	free(out);
	assert_int_equal(post(f, "/clinic/admin/trainers", "name=Tia+Trainer&login=tess&password=plum+tree+river+stone"
			      "&password_again=plum+tree+river+stone", &out), 400);
	assert_non_null(strstr(out, "data-field=\"login\""));
	assert_non_null(strstr(out, "is taken"));
	free(out);
	assert_int_equal(post(f, "/clinic/admin/trainers", "name=Tia+Trainer&login=tia.trainer&password=tia.trainer"
			      "&password_again=tia.trainer", &out), 400);
	assert_non_null(strstr(out, "data-field=\"password\""));
	free(out);
	assert_int_equal(login_with(f, "tia", "plum tree river stone"), 401); /* nothing added */
	/* added: listed, and logs in with the first password */
	assert_int_equal(post(f, "/clinic/admin/trainers", "name=Tia+Trainer&login=tia&password=plum+tree+river+stone"
			      "&password_again=plum+tree+river+stone", &out), 201);
	assert_non_null(strstr(out, "Tia Trainer is a trainer now, with the login name tia."));
	assert_non_null(strstr(out, "data-test=\"trainer\" data-login=\"tia\""));
	free(out);
	assert_int_equal(login_with(f, "tia", "plum tree river stone"), 200);
}

static void test_disable_and_enable(void **state)
{
	struct hfx *f = *state;
	char *out, body[120];
	assert_int_equal(get(f, CLIENT_A, "/api/v1/session", NULL), 200);
	snprintf(body, sizeof(body), "account=%lld&disable=true", (long long)hcx[CLIENT_A].id);
	assert_int_equal(post(f, "/clinic/admin/access", body, &out), 200);
	assert_non_null(strstr(out, "The account is disabled"));
	assert_non_null(strstr(out, "data-test=\"disabled\""));
	free(out);
	assert_int_equal(get(f, CLIENT_A, "/api/v1/session", NULL), 401); /* at once */
	assert_int_equal(hcx_login(f, CLIENT_A), 401);
	assert_int_equal(get(f, CLIENT_B, "/api/v1/session", NULL), 200); /* no one else's */
	snprintf(body, sizeof(body), "account=%lld&disable=false", (long long)hcx[CLIENT_A].id);
	assert_int_equal(post(f, "/clinic/admin/access", body, &out), 200);
	assert_non_null(strstr(out, "The account is enabled"));
	free(out);
	assert_int_equal(hcx_login(f, CLIENT_A), 200);
	/* the admin's own: never; no such account: 404 */
	snprintf(body, sizeof(body), "account=%lld&disable=true", (long long)hcx[ADMIN].id);
	assert_int_equal(post(f, "/clinic/admin/access", body, &out), 409);
	assert_non_null(strstr(out, "does not disable their own account"));
	free(out);
	assert_int_equal(get(f, ADMIN, "/api/v1/session", NULL), 200);
	snprintf(body, sizeof(body), "account=%lld&disable=true", (long long)hcx[ADMIN].id + 1000);
	assert_int_equal(post(f, "/clinic/admin/access", body, &out), 404);
	free(out);
}

/* POST the form body as actor a, with a's CSRF token unless csrf is false; the status,
 * the body into *out (free it; NULL: not kept). */
static int post_as(struct hfx *f, enum actor a, const char *path, const char *body, bool csrf, char **out)
{
	struct req rq;
	char all[600];
	snprintf(all, sizeof(all), "%s%s%s", body, csrf ? "&csrf=" : "", csrf ? hcx[a].tok + strlen("X-CSRF-Token: ") : "");
	hfx_send(f, &rq, "POST", path, all, FORM, "Origin: " ORIGIN, hcx[a].cookie, NULL);
	int s = rq.status;
	if (out)
		*out = xstrdup(hfx_body(&rq));
	req_release(&rq);
	return s;
}

/* Whether account has a second factor, and how many recovery codes are left, as the
 * operator's handle reads them. */
static bool has_factor(struct hfx *f, int64_t account, int *codes_left)
{
	struct totp_row row;
	bool found = false;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(f->wide->ops->totp_get(f->wide, account, &row, &found, &err), 0);
	assert_int_equal(f->wide->ops->recovery_left(f->wide, account, codes_left, &err), 0);
	strbuf_release(&err);
	return found;
}

/* Trainer A (tess) has two-step login on, with ten recovery codes. */
static void factor_on(struct hfx *f)
{
	struct totp_row row = { hcx[TRAINER_A].id, "3132333435363738393031323334353637383930", NOW_MS, 1 };
	char hashes[10][65];
	const char *h[10];
	for (int i = 0; i < 10; i++) {
		snprintf(hashes[i], sizeof(hashes[i]), "%064d", i);
		h[i] = hashes[i];
	}
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(f->wide->ops->totp_put(f->wide, &row, &err), 0);
	assert_int_equal(f->wide->ops->recovery_put(f->wide, hcx[TRAINER_A].id, h, 10, &err), 0);
	strbuf_release(&err);
}

static void test_reset_2fa(void **state)
{
	struct hfx *f = *state;
	char *out, body[160];
	int left;
	factor_on(f);
	assert_true(has_factor(f, hcx[TRAINER_A].id, &left));
	assert_int_equal(left, 10);
	/* the login name typed wrong, or not at all: refused, that account's forms open */
	snprintf(body, sizeof(body), "account=%lld&login=tom", (long long)hcx[TRAINER_A].id);
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/reset-2fa", body, true, &out), 400);
	assert_non_null(strstr(out, "You did not type the login name tess, so two-step login stays as it was."));
	assert_non_null(strstr(out, "data-test=\"more\" open>"));
	assert_non_null(strstr(out, "name=\"login\" type=\"text\" maxlength=\"64\" autocomplete=\"off\" "
				   "autocapitalize=\"none\" spellcheck=\"false\" required aria-invalid=\"true\">"));
	free(out);
	snprintf(body, sizeof(body), "account=%lld&login=", (long long)hcx[TRAINER_A].id);
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/reset-2fa", body, true, NULL), 400);
	/* the right name, but no CSRF token; a trainer, a client: refused */
	snprintf(body, sizeof(body), "account=%lld&login=tess", (long long)hcx[TRAINER_A].id);
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/reset-2fa", body, false, NULL), 403);
	assert_int_equal(post_as(f, TRAINER_B, "/clinic/admin/reset-2fa", body, true, NULL), 403);
	assert_int_equal(post_as(f, TRAINER_A, "/clinic/admin/reset-2fa", body, true, NULL), 403);
	assert_int_equal(post_as(f, CLIENT_A, "/clinic/admin/reset-2fa", body, true, NULL), 403);
	assert_true(has_factor(f, hcx[TRAINER_A].id, &left)); /* nothing changed */
	assert_int_equal(left, 10);
	assert_int_equal(get(f, TRAINER_A, "/api/v1/session", NULL), 200);
	/* the admin, the name typed (spaces around it do not count): off, codes gone,
	 * logins ended, written to her audit log in the admin's name */
	snprintf(body, sizeof(body), "account=%lld&login=+tess+", (long long)hcx[TRAINER_A].id);
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/reset-2fa", body, true, &out), 200);
	assert_non_null(strstr(out, "Two-step login is off for tess, and every login of theirs has ended."));
	free(out);
	assert_false(has_factor(f, hcx[TRAINER_A].id, &left));
	assert_int_equal(left, 0);
	assert_int_equal(get(f, TRAINER_A, "/api/v1/session", NULL), 401);
	assert_int_equal(get(f, TRAINER_B, "/api/v1/session", NULL), 200); /* no one else's */
	struct tz utc = tz_fixed(0);
	struct app_ctx ctx = { f->wide, &f->content, NOW_MS, &utc };
	struct audit_row *rows;
	size_t n;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(app_audit_list(&ctx, hcx[TRAINER_A].id, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].actor_id, hcx[ADMIN].id);
	assert_string_equal(rows[0].actor_name, "Ada Admin");
	assert_string_equal(rows[0].what, AUDIT_TOTP_RESET_ADMIN);
	store_audit_free(rows, n);
	strbuf_release(&err);
	/* again: nothing to do, and no second line */
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/reset-2fa", body, true, &out), 200);
	assert_non_null(strstr(out, "tess has no two-step login, so nothing was changed."));
	free(out);
	assert_int_equal(app_audit_list(&ctx, hcx[TRAINER_A].id, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	store_audit_free(rows, n);
	/* the admin's own: their two-step page's; no such account: 404 */
	snprintf(body, sizeof(body), "account=%lld&login=ada", (long long)hcx[ADMIN].id);
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/reset-2fa", body, true, &out), 409);
	assert_non_null(strstr(out, "your own two-step login is turned off on your two-step login page"));
	free(out);
	snprintf(body, sizeof(body), "account=%lld&login=x", (long long)hcx[ADMIN].id + 1000);
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/reset-2fa", body, true, NULL), 404);
}

static void test_delete_account(void **state)
{
	struct hfx *f = *state;
	char *out, body[160];
	struct tz utc = tz_fixed(0);
	struct app_ctx ctx = { f->wide, &f->content, NOW_MS, &utc };
	struct strbuf err = STRBUF_INIT;
	int64_t id;
	/* the login name typed wrong (another's): refused, that account's forms open */
	snprintf(body, sizeof(body), "account=%lld&login=cai", (long long)hcx[CLIENT_A].id);
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/delete", body, true, &out), 400);
	assert_non_null(strstr(out, "You did not type the login name cleo, so nothing was deleted."));
	assert_non_null(strstr(out, "data-test=\"more\" open>"));
	free(out);
	snprintf(body, sizeof(body), "account=%lld&login=delete", (long long)hcx[CLIENT_A].id);
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/delete", body, true, NULL), 400);
	/* the right name, but no CSRF token; a trainer (hers), a client: refused */
	snprintf(body, sizeof(body), "account=%lld&login=cleo", (long long)hcx[CLIENT_A].id);
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/delete", body, false, NULL), 403);
	assert_int_equal(post_as(f, TRAINER_A, "/clinic/admin/delete", body, true, NULL), 403);
	assert_int_equal(post_as(f, CLIENT_B, "/clinic/admin/delete", body, true, NULL), 403);
	assert_int_equal(post_as(f, CLIENT_A, "/clinic/admin/delete", body, true, NULL), 403);
	assert_int_equal(get(f, CLIENT_A, "/api/v1/session", NULL), 200); /* nothing deleted */
	assert_int_equal(app_clinic_account_id(&ctx, "cleo", &id, &err), CLINIC_OK);
	/* the admin, the name typed: gone with her logins, her name free, no one else's */
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/delete", body, true, &out), 200);
	assert_non_null(strstr(out, "The account cleo and everything of it are deleted"));
	assert_null(strstr(out, "data-login=\"cleo\""));
	assert_non_null(strstr(out, "data-login=\"cai\""));
	free(out);
	assert_int_equal(get(f, CLIENT_A, "/api/v1/session", NULL), 401);
	assert_int_equal(hcx_login(f, CLIENT_A), 401);
	assert_int_equal(app_clinic_account_id(&ctx, "cleo", &id, &err), CLINIC_NO_ACCOUNT);
	assert_int_equal(get(f, CLIENT_B, "/api/v1/session", NULL), 200);
	assert_int_equal(get(f, TRAINER_A, "/api/v1/session", NULL), 200);
	/* the admin's own: their Account page's; no such account (cleo's now): 404 */
	snprintf(body, sizeof(body), "account=%lld&login=ada", (long long)hcx[ADMIN].id);
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/delete", body, true, &out), 409);
	assert_non_null(strstr(out, "your own account is deleted on your Account page"));
	free(out);
	assert_int_equal(get(f, ADMIN, "/api/v1/session", NULL), 200);
	snprintf(body, sizeof(body), "account=%lld&login=cleo", (long long)hcx[CLIENT_A].id);
	assert_int_equal(post_as(f, ADMIN, "/clinic/admin/delete", body, true, &out), 404);
	free(out);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_everyone_listed, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_add_a_trainer, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_disable_and_enable, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_reset_2fa, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_delete_account, hcx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
