/* test_http_admin.c: an admin's page of the clinic's accounts in clinic mode, through
 * the dispatcher: everyone listed with their role's facts (a trainer's clients, a
 * client's trainer), a trainer added with a first password (typed twice alike, held to
 * the rules; a login name taken refused) who then logs in with it, an account disabled
 * (its session ends at once, it logs in no more) and enabled again, an admin's own
 * never disabled, and every refusal saying why with nothing changed. Anyone but an
 * admin is refused by the authorization matrix (test_http_matrix). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-clinic.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_everyone_listed, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_add_a_trainer, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_disable_and_enable, hcx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
