/* test_http_matrix.c: the authorization matrix, generated from the route table: every
 * route x (anonymous, client A, client B, A's trainer, another trainer, admin) in
 * clinic mode gets the status its access column says, and no GET shows one client's
 * record to anyone else. A route whose access column is unsaid fails here, and so does
 * one with a path parameter the matrix does not know (a person's record needs A's and
 * B's rows in person_params below). A trainer's route (the dashboard) answers 403 to
 * the clients and the admin, and shows each trainer their own client, never the other's.
 * Local mode: every route is the one person's, and the clinic's routes are not there. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-clinic.h"
#include "http/assets.h"

/* What a route's {param} is filled with. The content's ids and the static files are
 * the same for everyone; a parameter naming a person's record (none yet) must be given
 * here with one of A's and one of B's, and each actor asks for both. */
static const char *fill(const struct hfx *f, const struct route *r, const char *param)
{
	if (!strcmp(param, "id") && strstr(r->pattern, "/routines/"))
		return f->content.rt[0].id;
	if (!strcmp(param, "id") && strstr(r->pattern, "/exercises/")) {
		for (size_t i = 0; i < f->content.n_ex; i++)
			if (f->content.ex[i].picture)
				return f->content.ex[i].id;
	}
	if (!strcmp(param, "hash"))
		return web_hash;
	if (!strcmp(param, "name"))
		return "app.css";
	return NULL;
}

/* The route's path with its parameters filled (NULL: a parameter not known). */
static char *path_of(const struct hfx *f, const struct route *r, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = r->pattern; *p && n + 1 < size;) {
		if (*p != '{') {
			out[n++] = *p++;
			continue;
		}
		size_t len = strcspn(p + 1, "}");
		char param[32];
		snprintf(param, sizeof(param), "%.*s", (int)len, p + 1);
		const char *v = fill(f, r, param);
		if (!v)
			fail_msg("%s %s: the matrix does not know {%s}: give it a value in fill(), and if it names a "
				 "person's record, A's and B's", r->method, r->pattern, param);
		n += (size_t)snprintf(out + n, size - n, "%s", v);
		p += len + 2;
	}
	out[n < size ? n : size - 1] = '\0';
	return out;
}

static bool login_route(const struct route *r)
{
	return !strcmp(r->pattern, "/login") || !strcmp(r->pattern, "/logout");
}

/* Ask route r as actor a; the status, and whether the answer shows a marker of someone's. */
static int ask(struct hfx *f, const struct route *r, enum actor a, const char *path, const char *const marks[2],
	       bool shown[2])
{
	struct req rq;
	const char *cookie = a == ANON ? NULL : hcx[a].cookie, *tok = a == ANON ? NULL : hcx[a].tok;
	if (!strcmp(r->method, "GET"))
		hfx_send(f, &rq, "GET", path, NULL, cookie, NULL);
	else
		hfx_send(f, &rq, r->method, path, "{}", JSON, "Origin: " ORIGIN, cookie ? cookie : tok, tok, NULL);
	int status = rq.status;
	const char *body = hfx_body(&rq);
	for (int i = 0; i < 2; i++)
		shown[i] = marks && strstr(body, marks[i]);
	if (status == 303 && strcmp(resp_header(&rq, "Location") ? resp_header(&rq, "Location") : "", "/login"))
		status = 302; /* a redirect elsewhere: not the login's */
	req_release(&rq);
	return status;
}

/* A trainer's route shows their own client by name and not the other trainer's: A's
 * trainer sees Cleo and not Cai, the other trainer Cai and not Cleo. */
static void trainer_sees_own(struct hfx *f, const struct route *r, enum actor a, const char *path)
{
	struct req rq;
	hfx_send(f, &rq, "GET", path, NULL, hcx[a].cookie, NULL);
	const char *body = hfx_body(&rq);
	const char *own = a == TRAINER_A ? "Cleo Client" : "Cai Client", *other = a == TRAINER_A ? "Cai Client" : "Cleo Client";
	if (rq.status != 200 || !strstr(body, own))
		fail_msg("%s %s as %s: %d, without their client %s", r->method, r->pattern, actor_names[a], rq.status, own);
	if (strstr(body, other))
		fail_msg("%s %s as %s shows the other trainer's client %s", r->method, r->pattern, actor_names[a], other);
	/* the client's check-in (pain 3 or 4, posted above) is on the dashboard: a sparkline on the page */
	if (r->kind == ROUTE_PAGE && !strstr(body, "<svg class=\"spark\""))
		fail_msg("%s %s as %s: no pain sparkline", r->method, r->pattern, actor_names[a]);
	req_release(&rq);
}

static void test_every_route_says(void **state)
{
	(void)state;
	for (const struct route *r = routes; r->method; r++)
		if (r->who == ACCESS_UNSAID || r->who >= ACCESS__COUNT)
			fail_msg("%s %s: the route table's access column does not say who may call it", r->method,
				 r->pattern);
}

static void test_clinic_matrix(void **state)
{
	struct hfx *f = *state;
	/* a record of each client, its words a marker no one else may be shown */
	static const char *const marks[2] = { "only-cleo-knows", "only-cai-knows" };
	char body[128];
	for (int i = 0; i < 2; i++) {
		enum actor c = i ? CLIENT_B : CLIENT_A;
		struct req rq;
		snprintf(body, sizeof(body), "{\"pain\":%d,\"note\":\"%s\"}", 3 + i, marks[i]);
		hfx_send(f, &rq, "POST", "/api/v1/checkins", body, JSON, "Origin: " ORIGIN, hcx[c].cookie, hcx[c].tok,
			 NULL);
		assert_int_equal(rq.status, 201);
		req_release(&rq);
	}
	int cells = 0;
	for (const struct route *r = routes; r->method; r++) {
		char path[256];
		path_of(f, r, path, sizeof(path));
		printf("%-5s %-40s", r->method, r->pattern);
		for (int a = ANON; a < N_ACTORS; a++) {
			bool shown[2];
			int got = ask(f, r, (enum actor)a, path, marks, shown);
			printf(" %3d", got);
			cells++;
			bool trainer = a == TRAINER_A || a == TRAINER_B;
			if ((r->who == ACCESS_SELF || r->who == ACCESS_TRAINER) && a == ANON) {
				int want = r->kind == ROUTE_PAGE ? 303 : 401;
				if (got != want)
					fail_msg("%s %s as %s: %d, not %d", r->method, r->pattern, actor_names[a], got, want);
			} else if (r->who == ACCESS_TRAINER && !trainer) {
				if (got != 403) /* a client or the admin: a trainer's page is not theirs */
					fail_msg("%s %s as %s: %d, not 403", r->method, r->pattern, actor_names[a], got);
			} else if (got == 401 || got == 403 || got == 303 || got >= 500) {
				fail_msg("%s %s as %s: refused (%d), though the route is %s", r->method, r->pattern,
					 actor_names[a], got, access_names[r->who]);
			}
			/* no one sees a client's record but that client */
			for (int i = 0; i < 2; i++)
				if (shown[i] && a != (i ? CLIENT_B : CLIENT_A))
					fail_msg("%s %s as %s shows client %c's check-in", r->method, r->pattern,
						 actor_names[a], i ? 'B' : 'A');
			if (r->who == ACCESS_TRAINER && trainer)
				trainer_sees_own(f, r, (enum actor)a, path);
			if (!strcmp(r->pattern, "/logout") && got == 200 && a != ANON)
				assert_int_equal(hcx_login(f, (enum actor)a), 200); /* logged out: in again */
		}
		printf("\n");
	}
	printf("%d cells: %d routes x %d callers\n", cells, cells / N_ACTORS, N_ACTORS);
	/* and each client still sees their own */
	for (int i = 0; i < 2; i++) {
		struct req rq;
		hfx_send(f, &rq, "GET", "/api/v1/checkins", NULL, hcx[i ? CLIENT_B : CLIENT_A].cookie, NULL);
		assert_non_null(strstr(hfx_body(&rq), marks[i]));
		assert_null(strstr(hfx_body(&rq), marks[1 - i]));
		req_release(&rq);
	}
}

static void test_local_matrix(void **state)
{
	struct hfx *f = *state;
	for (const struct route *r = routes; r->method; r++) {
		char path[256];
		path_of(f, r, path, sizeof(path));
		struct req rq;
		if (!strcmp(r->method, "GET"))
			hfx_send(f, &rq, "GET", path, NULL, NULL);
		else
			hfx_send(f, &rq, r->method, path, "{}", JSON, "Origin: " ORIGIN, f->tok, NULL);
		if (login_route(r) || (r->flags & ROUTE_CLINIC)) {
			if (rq.status != 404)
				fail_msg("local mode: %s %s: %d, not 404", r->method, r->pattern, rq.status);
		} else if (rq.status == 401 || rq.status == 403 || rq.status >= 500) {
			fail_msg("local mode: %s %s: refused (%d)", r->method, r->pattern, rq.status);
		}
		req_release(&rq);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_route_says),
		cmocka_unit_test_setup_teardown(test_clinic_matrix, hcx_setup, hfx_teardown),
		cmocka_unit_test_setup_teardown(test_local_matrix, hfx_setup, hfx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
