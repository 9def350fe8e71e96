/* test_http_matrix.c: the authorization matrix, generated from the route table: every
 * route x (anonymous, client A, client B, A's trainer, another trainer, admin) in
 * clinic mode gets the status its access column says, and no GET shows one client's
 * record to anyone else. A route whose access column is unsaid fails here, and so does
 * one with a path parameter the matrix does not know (a person's record needs A's and
 * B's rows in fill() below). A trainer's route (access "trainer") is 403 to anyone but a
 * trainer, and one naming a {client} is 404 to a trainer who does not train them; each
 * trainer is shown their own client on the dashboard, never the other's. A route of a
 * client's records (access "client's trainer", its {id} a client's account:
 * /clients/{id}) is asked by everyone with A's id, with B's, and with an id that is no
 * account: only that client's own trainer gets it, with that client's records and not
 * the other's; everyone else gets the same 404 for all three (nothing tells whether an
 * id is an account). An admin's route (access "admin") is 403 to anyone but an admin.
 * Local mode: every route is the one person's, and the clinic's
 * routes are not there. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http-clinic.h"
#include "http/assets.h"

/* Whose record a {client} of the path names while the matrix asks (CLIENT_A or
 * CLIENT_B): each actor asks for both. */
static enum actor target = CLIENT_A;

/* What a route's {param} is filled with. The content's ids and the static files are
 * the same for everyone; a parameter naming a person's record must be given here with
 * one of A's and one of B's (target), and each actor asks for both. */
static const char *fill(const struct hfx *f, const struct route *r, const char *param)
{
	static char id[24];
	if (!strcmp(param, "client")) { /* a client's account: A's or B's */
		snprintf(id, sizeof(id), "%lld", (long long)hcx[target].id);
		return id;
	}
	if (!strcmp(param, "token")) /* an invitation's link: a well-made one that no one has */
		return "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
	if (!strcmp(param, "id") && strstr(r->pattern, "/routines/"))
		return f->content.rt[0].id;
	if (!strcmp(param, "id") && strstr(r->pattern, "/exercises/")) {
		for (size_t i = 0; i < f->content.n_ex; i++)
			if (f->content.ex[i].picture)
				return f->content.ex[i].id;
	}
	if (!strcmp(param, "id") && strstr(r->pattern, "/clients/"))
		return "{client}"; /* asked with A's, B's and no one's: test_clinic_matrix */
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

/* clinic mode's routes (the login, the trainer's forms, an invitation): not in local mode */
static bool clinic_route(const struct route *r)
{
	return r->flags & ROUTE_CLINIC;
}

/* path with "{client}" replaced by id */
static void with_client(char *path, size_t size, const char *id)
{
	char *at = strstr(path, "{client}");
	if (!at)
		return;
	char rest[256];
	snprintf(rest, sizeof(rest), "%s", at + strlen("{client}"));
	snprintf(at, size - (size_t)(at - path), "%s%s", id, rest);
}

/* A route of one client's records, asked as actor a for the client whose (0 A, 1 B, 2
 * an id that is no account): the status and what it shows are checked. Returns the
 * status. */
static int ask_client(struct hfx *f, const struct route *r, enum actor a, const char *pattern_path, int whose)
{
	static const char *const names[2] = { "Cleo Client", "Cai Client" };
	char path[256], id[24];
	snprintf(path, sizeof(path), "%s", pattern_path);
	if (whose < 2)
		snprintf(id, sizeof(id), "%lld", (long long)hcx[whose ? CLIENT_B : CLIENT_A].id);
	else
		snprintf(id, sizeof(id), "%lld", (long long)hcx[ADMIN].id + 1000);
	with_client(path, sizeof(path), id);
	struct req rq;
	hfx_send(f, &rq, "GET", path, NULL, a == ANON ? NULL : hcx[a].cookie, NULL);
	int got = rq.status;
	const char *body = hfx_body(&rq);
	enum actor trainer = whose == 0 ? TRAINER_A : whose == 1 ? TRAINER_B : N_ACTORS;
	int want = a == ANON ? (r->kind == ROUTE_PAGE ? 303 : 401) : a == trainer ? 200 : 404;
	if (got != want)
		fail_msg("%s %s as %s: %d, not %d", r->method, path, actor_names[a], got, want);
	for (int i = 0; i < 2; i++) { /* the client's name as the page's heading or the answer's field */
		char h[64], j[64], k[64];
		snprintf(h, sizeof(h), "data-test=\"client-name\">%s<", names[i]);
		snprintf(j, sizeof(j), "\"name\":\"%s\"", names[i]);
		snprintf(k, sizeof(k), "\"name\": \"%s\"", names[i]);
		bool shown = strstr(body, h) || strstr(body, j) || strstr(body, k);
		if (shown != (got == 200 && i == whose))
			fail_msg("%s %s as %s %s %s's name", r->method, path, actor_names[a], shown ? "shows" : "does not show",
				 names[i]);
	}
	/* a refusal is the answer of an address with nothing there, word for word */
	if (got == 404 && !strstr(body, "there is nothing at this address"))
		fail_msg("%s %s as %s: a 404 unlike any other: %s", r->method, path, actor_names[a], body);
	req_release(&rq);
	return got;
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
	if (r->kind == ROUTE_PAGE && !strcmp(r->pattern, "/clinic") && !strstr(body, "<svg class=\"spark\""))
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
	for (const struct route *r = routes; r->method; r++)
	for (int t = 0; t < (strstr(r->pattern, "{client}") ? 2 : 1); t++) {
		char path[256];
		target = t ? CLIENT_B : CLIENT_A;
		path_of(f, r, path, sizeof(path));
		printf("%-5s %-40s%s", r->method, r->pattern, strstr(r->pattern, "{client}") ? (t ? " B" : " A") : "  ");
		if (r->who == ACCESS_CLIENT_TRAINER) { /* A's, B's, no one's */
			for (int a = ANON; a < N_ACTORS; a++) {
				printf(" ");
				for (int whose = 0; whose < 3; whose++, cells++)
					printf("%s%d", whose ? "/" : "", ask_client(f, r, (enum actor)a, path, whose));
			}
			printf("\n");
			continue;
		}
		for (int a = ANON; a < N_ACTORS; a++) {
			bool shown[2];
			int got = ask(f, r, (enum actor)a, path, marks, shown);
			printf(" %3d", got);
			cells++;
			/* a trainer's route: a trainer only, and a {client} only their own */
			bool trainer = a == TRAINER_A || a == TRAINER_B;
			bool theirs = !strstr(r->pattern, "{client}") || (a == TRAINER_A) == (target == CLIENT_A);
			if (r->who != ACCESS_PUBLIC && a == ANON) {
				int want = r->kind == ROUTE_PAGE ? 303 : 401;
				if (got != want)
					fail_msg("%s %s as %s: %d, not %d", r->method, r->pattern, actor_names[a], got, want);
			} else if (r->who == ACCESS_ADMIN && a != ADMIN) {
				if (got != 403)
					fail_msg("%s %s as %s: %d, not 403 (admins only)", r->method, path,
						 actor_names[a], got);
			} else if (r->who == ACCESS_TRAINER && !trainer) {
				if (got != 403)
					fail_msg("%s %s as %s: %d, not 403 (trainers only)", r->method, path,
						 actor_names[a], got);
			} else if (r->who == ACCESS_TRAINER && !theirs) {
				if (got != 404)
					fail_msg("%s %s as %s: %d, not 404 (not their client)", r->method, path,
						 actor_names[a], got);
			} else if (got == 401 || got == 403 || got == 303 || got >= 500 ||
				   (r->who == ACCESS_TRAINER && got == 404)) {
				fail_msg("%s %s as %s: refused (%d), though the route is %s", r->method, path,
					 actor_names[a], got, access_names[r->who]);
			}
			/* no one sees a client's record but that client */
			for (int i = 0; i < 2; i++)
				if (shown[i] && a != (i ? CLIENT_B : CLIENT_A))
					fail_msg("%s %s as %s shows client %c's check-in", r->method, r->pattern,
						 actor_names[a], i ? 'B' : 'A');
			if (r->who == ACCESS_TRAINER && trainer && theirs)
				trainer_sees_own(f, r, (enum actor)a, path);
			if (!strcmp(r->pattern, "/logout") && got == 200 && a != ANON)
				assert_int_equal(hcx_login(f, (enum actor)a), 200); /* logged out: in again */
		}
		printf("\n");
	}
	printf("%d cells: routes x %d callers (x 3 clients for a client's route)\n", cells, N_ACTORS);
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
		if (clinic_route(r)) {
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
