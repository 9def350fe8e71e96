/* handler.h: what the route files, the dispatcher and the socket glue share: the shared
 * server state, a request with its response, the route table and the helpers a handler
 * answers with.
 *
 * A request is handled in two steps, so a bad request is refused before its body is
 * read: http_begin() (headers only: Host, route, Origin, declared length) and, once the
 * body is in, http_finish() (CSRF token, input checked against the route's fields, the
 * handler, the security headers). http_handle() does both for a request held whole in
 * memory (the tests and the fuzzer call it; no socket needed). */
#ifndef UNHUNCH_HTTP_HANDLER_H
#define UNHUNCH_HTTP_HANDLER_H
#include "core/content.h"
#include "http/arena.h"
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cache;
struct speech;
struct tpl_set;
struct store;
struct store_db;
struct app_ctx;
struct strbuf;
struct tz;

/* What a route needs of who calls it: the route table's access column. Local mode has
 * one person and no accounts: every route is theirs once a request passes the checks
 * of local mode (loopback, Host, Origin and CSRF token). Clinic mode (serve --clinic)
 * holds each route to its value. ACCESS_UNSAID (0) is a row that forgot to say: the
 * server refuses it and the authorization matrix test fails on it. */
enum access {
	ACCESS_UNSAID,
	ACCESS_PUBLIC, /* anyone, logged in or not: the login page, the static files */
	ACCESS_SELF,   /* a logged-in person (any role), on their own records only */
	ACCESS_TRAINER, /* a logged-in trainer (anyone else 403), on the records of their own clients
			 * (the dashboard); a {client} in the path must be one of theirs (anyone
			 * else's, or no one's, 404) */
	ACCESS_CLIENT_TRAINER, /* a logged-in trainer, on the records of the client the path's
				* {id} names, who must be theirs (app/acting.h); anyone else: 404,
				* as if the address had nothing, whether or not the id is an account */
	ACCESS_ADMIN, /* a logged-in admin (anyone else 403): the clinic's accounts */
	ACCESS__COUNT
};
extern const char *const access_names[ACCESS__COUNT + 1]; /* "unsaid", "public", "self", "trainer",
							    * "client's trainer", "admin" */

/* How errors are answered: JSON for the API, an HTML page for pages. */
enum route_kind { ROUTE_API, ROUTE_PAGE, ROUTE_STATIC };

enum field_type { FIELD_STRING, FIELD_INT, FIELD_NUMBER, FIELD_BOOL, FIELD_OBJECT };

/* One field a request may send, in a JSON body, a form or the query string. A list
 * ends with a field whose name is NULL. Form and query values are text: numbers and
 * booleans (true/false, on/off, 1/0) are read from it. */
struct field {
	const char *name;
	enum field_type type;
	bool required;
	double min, max;           /* numbers: inclusive range; strings: length in bytes */
	const struct field *inner; /* FIELD_OBJECT: its own fields */
	const char *about;         /* a few words, for docs/api.md */
};

/* A field named FIELD_ANY stands for every name the list does not hold (question ids
 * the content decides): each such value is checked as its type, and the handler
 * checks the names. */
#define FIELD_ANY "*"

struct req;
struct app_clinic;

struct route {
	const char *method;  /* "GET" (also answers HEAD) or "POST" */
	const char *pattern; /* "/api/v1/exercises/{id}": {name} matches one path segment */
	void (*handler)(struct req *rq);
	enum access who;
	size_t body_max;     /* largest body accepted, in bytes; 0: none */
	const struct field *fields; /* what the body (POST) or the query (GET) may hold */
	enum route_kind kind;
	const char *summary; /* one line, as in docs/api.md */
	const void *arg;     /* handed to the handler as rq->route->arg */
	unsigned flags;      /* ROUTE_CACHED: the answer depends on the content only (cache.h) */
};

#define ROUTE_CACHED 1u
/* ROUTE_FRESH: the answer depends on the store, the content and the minute only; kept
 * per thread while the store's data version stays the same (fresh.h) */
#define ROUTE_FRESH 8u
/* ROUTE_PLAYER: the web player's page, whose policy also lets it compile engine.wasm
 * ('wasm-unsafe-eval'), keep the screen awake and start its sounds (security.c) */
#define ROUTE_PLAYER 2u
/* ROUTE_FORM: a page's form post whose handler shows the form again when a value is
 * refused (rq->form_refused, with the field and why in err_field, err_message), instead
 * of the error page; nothing is stored */
#define ROUTE_FORM 4u
/* ROUTE_CLINIC: clinic mode's only (the login): not there in local mode (404) */
#define ROUTE_CLINIC 16u
/* ROUTE_GROUPED: a write run by the server's group commit (app/group.h): its handler runs
 * on the committer's thread inside a part of a batch shared with the writes that came in
 * meanwhile, and the answer is sent once the batch is committed (an answer of 500 or more
 * undoes the request's writes alone; a commit that fails turns the answer into a 503) */
#define ROUTE_GROUPED 32u
/* ROUTE_ENROL: reached by a trainer or admin whom the server requires to set up a
 * second factor before anything else (auth.c): its page, and logging out */
#define ROUTE_ENROL 64u

extern const struct route routes[]; /* routes.c: the one table, ended by a NULL method */

struct kv {
	const char *name, *value;
};

#define REQ_MAX_HEADERS 64
#define REQ_MAX_QUERY 32
#define REQ_MAX_PARAMS 4
#define RESP_MAX_HEADERS 16

/* Shared by every request; read-only while the server runs. */
struct server {
	const struct catalog *content;
	const struct route *routes;
	struct tpl_set *templates;
	struct cache *cache;        /* answers of ROUTE_CACHED routes */
	char csrf[65];              /* random per start, hex */
	char **hosts;               /* the Host values served: "127.0.0.1:8750", "localhost:8750" */
	size_t n_hosts;
	const char *store_path;
	const char *data_dir;       /* the pass key and "unsaved-warning"; NULL: the store file's folder */
	const char *const *content_dirs; /* the content search path, for checks of a user's file */
	size_t n_content_dirs;
	const char *version;
	char static_prefix[40];     /* "/static/<hash of web/>" */
	const struct tz *tz;        /* the person's time zone (days, today); NULL: UTC */
	char emergency[24];         /* the emergency number from the settings, or "" (safety words) */
	/* the web player (routes-player.c) */
	unsigned char pass_key[32]; /* signs the gate's passes (pass-sign.h) */
	bool pass_keyed;            /* pass_key is loaded */
	struct speech *speech;      /* spoken words rendered once, kept (speech.h) */
	/* whether the run a session lock's holder names is still going (a store_holder's
	 * alive; NULL: every holder is taken to be running) */
	bool (*holder_alive)(const char *id, void *arg);
	/* clinic mode (serve --clinic; auth.c): people log in, each request runs as its
	 * person, and the routes are held to their access column */
	bool clinic;
	const struct app_clinic *accounts; /* clinic mode: the password rules and cost */
	bool totp_required;         /* clinic mode: trainers and admins need a second factor */
	bool https;                 /* the browser reaches it by https (TLS here, or a named proxy's) */
};

struct req {
	struct arena arena;
	const struct server *srv;
	int64_t now_ms;             /* wall clock, read once when the request came in */
	const char *method, *path;  /* path decoded, without the query */
	struct kv headers[REQ_MAX_HEADERS];
	size_t n_headers;
	struct kv query[REQ_MAX_QUERY];
	size_t n_query;
	bool too_many;              /* more headers or query arguments than kept */
	const char *body;
	size_t body_len;
	/* found by http_begin */
	const struct route *route;
	struct kv params[REQ_MAX_PARAMS];
	size_t n_params;
	json_t *input;              /* the body or query, checked against route->fields */
	bool form_refused;          /* ROUTE_FORM: input is the form as sent (text), refused */
	const char *err_field, *err_message; /* the last reply_error's field (or NULL) and words */
	/* the per-thread store (server.c), opened on first use; NULL in tests without one.
	 * In clinic mode it is bound to the request's person (none: NULL) */
	struct store *(*store_get)(struct req *rq, struct strbuf *err);
	/* clinic mode: a handle for the steps before a person is known (a login, a
	 * session's lookup, the throttle) that acts as no one (STORE_NO_ONE); NULL in
	 * local mode */
	struct store *(*db_get)(struct req *rq, struct strbuf *err);
	char addr[64];              /* the client's address, as the socket says ("" unknown) */
	/* who: in local mode the one person; in clinic mode found by auth.c */
	int64_t person;             /* 0: no one logged in */
	int role;                   /* enum account_role of person (clinic mode) */
	const char *person_name;    /* clinic mode: the person's name, for the pages */
	char session[48];           /* clinic mode: the session id from the cookie ("" none) */
	char csrf[65];              /* the token changes need: the server's (local), the session's (clinic) */
	struct store *bound;        /* clinic mode: the handle req_bound_store made */
	struct catalog *person_content; /* the person's routines (req_app), made once */
	/* the response */
	bool answered;
	int status;
	const char *type;
	const char *out;
	size_t out_len;
	struct kv resp_headers[RESP_MAX_HEADERS];
	size_t n_resp_headers;
};

/* Set up a server's shared state: templates compiled from the embedded web/ folder, a
 * fresh CSRF token, the Host names for a listening address ("127.0.0.1", port).
 * Returns -1 with a message in err (a broken template is a bug caught here). */
int server_init(struct server *s, const char *host, unsigned port, struct strbuf *err);
void server_release(struct server *s);
/* Serve one more Host name, as the browser writes it ("clinic.example:8443"). */
void server_add_name(struct server *s, const char *name);

/* A new request (method, path, headers and query are added by the caller, copied into
 * the arena with req_add_header/req_add_query). */
void req_init(struct req *rq, const struct server *srv, int64_t now_ms, const char *method, const char *path);
void req_add_header(struct req *rq, const char *name, const char *value);
void req_add_query(struct req *rq, const char *name, const char *value);
void req_release(struct req *rq);

/* Step one (headers in): 0 to go on and read the body, 1 when the answer is ready. */
int http_begin(struct req *rq);
/* Step two (body in, or none): always leaves an answer. */
void http_finish(struct req *rq);
/* Both steps for a whole request (body may be NULL). */
void http_handle(struct req *rq, const char *body, size_t len);
/* A request whose writes were not committed after all (its batch failed): whatever it
 * answered is replaced by a 503 saying nothing was saved, and why. */
void http_unsaved(struct req *rq, const char *why);
/* Refuse a body that went past the route's limit while it was read. */
void http_refuse_body(struct req *rq);

/* Lookups: header (case-insensitive), path parameter, response header. NULL when absent. */
const char *req_header(const struct req *rq, const char *name);
/* The request's body is JSON (Content-Type application/json): a script's call, answered
 * in JSON, not a form's, answered with a page. */
bool req_wants_json(const struct req *rq);
const char *req_param(const struct req *rq, const char *name);
const char *resp_header(const struct req *rq, const char *name);

/* Answers. Each takes what it is given (a json_t reference, memory in the arena). */
void reply(struct req *rq, int status, const char *type, const char *body, size_t len);
void reply_json(struct req *rq, int status, json_t *v);
/* A page from template tpl in the layout, with ctx (taken) as its data; nav is the key
 * of the navigation entry it belongs to, title the page's own title. */
void reply_page(struct req *rq, int status, const char *tpl, const char *nav, const char *title, json_t *ctx);
/* The same with pieces of markup the program made (inline SVG) for the template's
 * {{*name}} tags (format/template.h), read during the call. */
void reply_page_markup(struct req *rq, int status, const char *tpl, const char *nav, const char *title, json_t *ctx,
		       const char *const *markup, size_t n_markup);
/* The one error shape: {"error":{"code","field","message"}} (field null when none),
 * or the same as an HTML page for page routes. */
void reply_error(struct req *rq, int status, const char *code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void resp_add_header(struct req *rq, const char *name, const char *value);

/* Check raw input (JSON text, or a form / query decoded into an object of strings when
 * from_text) against fields; on success returns the checked object (numbers and
 * booleans read from text), else NULL with the 400 answer given. */
json_t *input_check(struct req *rq, json_t *in, const struct field *fields, bool from_text);
/* Decode application/x-www-form-urlencoded text into an object of strings; NULL with
 * the 400 answer given when a name repeats or text is not UTF-8. */
json_t *form_decode(struct req *rq, const char *s, size_t len);
/* Decode a multipart/form-data body (a form with a file) into an object of strings,
 * each part by its name; type is the Content-Type with the boundary. NULL with the 400
 * answered when it is malformed, a name repeats or a part is not UTF-8 text. */
json_t *multipart_decode(struct req *rq, const char *type, const char *s, size_t len);
/* Decode %XX in place (and '+' as a space when plus); returns the new length. %00 is
 * left as it is, so a decoded string never holds a NUL. */
size_t url_decode(char *s, size_t len, bool plus);

/* Security (security.c). */
bool host_allowed(const struct server *s, const char *host);
bool origin_allowed(const struct server *s, const char *origin, const char *fetch_site);
bool csrf_matches(const struct req *rq, const char *token);
void security_headers(struct req *rq);

/* Clinic mode (auth.c). The session cookie's name: __Host- makes the browser keep it
 * only from a secure page of this host, for every path, never set by another. */
#define SESSION_COOKIE "__Host-unhunch"
/* Find who is logged in from the cookie (rq->person, role, csrf, session) and hold
 * the request to its route's access: true to go on; false with the answer given (a
 * page: 303 to /login; the API and files: 401 login_needed). */
bool auth_request(struct req *rq);
/* The Set-Cookie value for a new session id, and the one that deletes it. */
const char *auth_cookie(struct req *rq, const char *id);
const char *auth_cookie_gone(void);
/* The login that waits for its second factor's code (app_login_code) has a cookie of
 * its own, never taken for a session: its id (false when none), its Set-Cookie, and
 * the one that deletes it. */
#define CODE_COOKIE "__Host-unhunch-code"
bool auth_code_id(const struct req *rq, char *out, size_t size);
const char *auth_code_cookie(struct req *rq, const char *id);
const char *auth_code_cookie_gone(void);
/* A login that succeeded (app_login, app_login_code: APP_LOGIN_OK) answered: the
 * session the browser came with ends, the new session's cookie is set, and the answer
 * is the account and its CSRF token (JSON) or a 303 to "/"; in's account released. */
struct app_login;
void reply_logged_in(struct req *rq, const struct app_ctx *ctx, struct app_login *in);
/* The app context on the database's own handle (accounts and sessions); false with
 * the 503 answered when the store does not open. */
bool req_app_db(struct req *rq, struct app_ctx *ctx, struct tz *utc);
/* A handle bound to the request's person on db, made once per request (closed with
 * it); NULL with err when no one is logged in. For the socket glue and the tests. */
struct store *req_bound_store(struct req *rq, struct store_db *db, struct strbuf *err);

/* The app layer's context for this request (app-ctx.c): the thread's store, the
 * content, the time the request came in and the person's zone (utc holds UTC when the
 * server has none). false with the 503 answered when the store does not open. */
struct app_ctx;
bool req_app(struct req *rq, struct app_ctx *ctx, struct tz *utc);

/* Pages and assets (page.c). */
json_t *page_base(const struct req *rq, const char *nav, const char *title);
/* Text (a plan's note, a dose change's reason, a refusal) as parts [{text, link, href}],
 * where a command a page does ('unhunch assess', unhunch screen, unhunch plan --resume
 * EXERCISE) becomes a link to that page, in words ("the assessment", "the Safety page",
 * "its button on the Plan page"). */
json_t *page_text_links(const char *text);

/* Route handlers, by file. */
void page_client(struct req *rq);         /* routes-clients.c */
void api_client(struct req *rq);
void page_audit(struct req *rq);
void api_status(struct req *rq);          /* routes-site.c */
void api_session(struct req *rq);
void page_pending(struct req *rq);
void page_login(struct req *rq);          /* routes-login.c */
void page_login_post(struct req *rq);
void page_logout_post(struct req *rq);
void page_login_code(struct req *rq);     /* routes-2fa.c */
void page_login_code_post(struct req *rq);
void page_account_2fa(struct req *rq);
void page_account_2fa_start(struct req *rq);
void page_account_2fa_confirm(struct req *rq);
void page_account_2fa_off(struct req *rq);
void page_account_2fa_codes(struct req *rq);
void static_file(struct req *rq);
void service_worker(struct req *rq);
void api_routines(struct req *rq);        /* routes-library.c */
void api_routine(struct req *rq);
void api_exercises(struct req *rq);
void api_exercise(struct req *rq);
void page_library(struct req *rq);
void page_routine(struct req *rq);
void page_play(struct req *rq);
void page_exercise(struct req *rq);
void exercise_picture(struct req *rq);
void api_content_check(struct req *rq);   /* routes-check.c */
void page_check_form(struct req *rq);
void page_check(struct req *rq);
void api_today(struct req *rq);           /* routes-today.c */
void api_checkins(struct req *rq);
void api_checkin_add(struct req *rq);
void page_today(struct req *rq);
void page_checkin_form(struct req *rq);
void page_checkin(struct req *rq);
void api_screenings(struct req *rq);      /* routes-screen.c */
void api_screening_add(struct req *rq);
void api_clearance_add(struct req *rq);
void page_screening(struct req *rq);
void page_screening_post(struct req *rq);
void page_clearance_post(struct req *rq);
void api_assessments(struct req *rq);     /* routes-assess.c */
void api_assessment_add(struct req *rq);
void page_assessment(struct req *rq);
void page_assessment_post(struct req *rq);
void api_history(struct req *rq);         /* routes-history.c */
void page_history(struct req *rq);
void api_progress(struct req *rq);        /* routes-progress.c */
void page_progress(struct req *rq);
void api_clinic_dashboard(struct req *rq); /* routes-clinic-dash.c */
void page_clinic(struct req *rq);
void api_breaks_stats(struct req *rq);
void page_breaks(struct req *rq);
void api_export(struct req *rq);          /* routes-data.c */
void api_plan_ics(struct req *rq);
void page_data(struct req *rq);
void api_restore(struct req *rq);
void page_restore_post(struct req *rq);
void api_forget(struct req *rq);
void page_forget_post(struct req *rq);
void api_account(struct req *rq);         /* routes-account.c */
void page_account(struct req *rq);
void api_account_trainer_end(struct req *rq);
void page_account_trainer_end(struct req *rq);
void api_account_delete(struct req *rq);
void page_account_delete(struct req *rq);
void page_account_password(struct req *rq);
void page_admin(struct req *rq);
void page_admin_trainer_post(struct req *rq);
void page_admin_access_post(struct req *rq);
void page_admin_reset_2fa_post(struct req *rq);
void page_admin_delete_post(struct req *rq);
void api_plan(struct req *rq);            /* routes-plan.c */
void page_plan(struct req *rq);
void api_plan_resume(struct req *rq);
void api_plan_back(struct req *rq);
void page_plan_resume(struct req *rq);
void page_plan_back(struct req *rq);
void api_plan_switch(struct req *rq);
void page_plan_switch(struct req *rq);
void api_session_pass(struct req *rq);    /* routes-player.c */
void api_warning(struct req *rq);
void api_session_steps(struct req *rq);   /* routes-steps.c */
/* A warning sign sent with its session's step, key and pass (POST /api/v1/warnings):
 * stored as the step upload stores it, so the outbox's copy is a repeat; false (nothing
 * answered) when the request is not one, and the warning is stored alone. */
bool warning_as_step(struct req *rq);
void api_speech(struct req *rq);
void page_trainer_invite(struct req *rq); /* routes-trainer.c */
void page_trainer_invite_post(struct req *rq);
void page_trainer_prescribe(struct req *rq);
void page_trainer_prescribe_post(struct req *rq);
void page_trainer_appointment(struct req *rq);
void page_trainer_appointment_post(struct req *rq);
void page_invite(struct req *rq);         /* routes-invite.c */
void page_invite_post(struct req *rq);

/* The check-ins of the last days up to today, newest first, as GET /api/v1/checkins
 * gives each (routes-today.c); NULL with the answer given when the store fails. */
json_t *http_checkins_recent(struct req *rq, int days);

/* The places of the body map in words, in the order of enum region (routes-today.c). */
extern const char *const http_region_labels[];

/* A page not in the browser yet (route arg of page_pending). */
struct pending {
	const char *nav, *title, *what, *command;
};

#endif
