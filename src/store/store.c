/* store.c: the backend-independent part of the store: the table of location schemes
 * that picks a backend, person-bound handles, the status names, the tables of a
 * person's records (person-tables.h), and freeing the rows the backends hand out. A
 * new backend is one row of schemes[]; no caller changes. */
#include "store/store.h"
#include "core/mem.h"
#include "store/person-tables.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *const session_status_names[] = { "running", "finished", "quit", "stopped", NULL };
const char *const exercise_status_names[] = { "done", "skipped", "stopped", NULL };
const char *const account_role_names[] = { "admin", "trainer", "client", NULL };

const char *const store_person_tables[] = {
	"psfs_ratings", "psfs_activities", "clearances", "screening_answers", "screenings",
	"checkin_regions", "checkins", "pains", "sets", "exercises", "plan_changes", "prescriptions", "appointments",
	"exercise_feedback", "assessment_factors", "assessment_answers", "assessments",
	"break_events", "idempotency_keys", "web_sessions", "sessions", "session_lock",
};
_Static_assert(sizeof(store_person_tables) / sizeof(*store_person_tables) == STORE_PERSON_TABLES,
	       "a table of a person's records: count it in STORE_RECORD_TABLES (person-tables.h)");

enum account_role account_role_of(const char *name)
{
	for (int i = 0; account_role_names[i]; i++)
		if (name && !strcmp(name, account_role_names[i]))
			return (enum account_role)i;
	return ROLE_CLIENT;
}

/* Location schemes: a location starting with prefix goes to backend, without the prefix
 * when strip is set. A location matching none is a libpq key=value string when it
 * starts with one of libpq's keywords (conninfo_words), else a file name for SQLite. */
enum backend { BACKEND_NONE, BACKEND_SQLITE, BACKEND_PG };
static const struct store_scheme {
	const char *prefix;
	bool strip;
	enum backend backend;
} schemes[] = {
	{ "sqlite:", true, BACKEND_SQLITE },
	{ "postgresql://", false, BACKEND_PG },
	{ "postgres://", false, BACKEND_PG },
};

/* The keywords a libpq key=value connection string usually starts with. */
static const char *const conninfo_words[] = { "host", "hostaddr", "port", "dbname", "user", "service", NULL };

/* "word=" at the start, word one of conninfo_words (spaces allowed around '='). */
static bool looks_like_conninfo(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz");
	const char *eq = s + n + strspn(s + n, " ");
	if (*eq != '=')
		return false;
	for (size_t i = 0; conninfo_words[i]; i++)
		if (strlen(conninfo_words[i]) == n && !strncmp(s, conninfo_words[i], n))
			return true;
	return false;
}

/* "word://" at the start: a URL, whose scheme must be known (not a file name). */
static bool looks_like_url(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return false;
	while (isalnum((unsigned char)*s) || *s == '+' || *s == '-' || *s == '.')
		s++;
	return !strncmp(s, "://", 3);
}

/* The backend of location and the location in its own form; BACKEND_NONE when unknown. */
static enum backend backend_of(const char *location, const char **rest, struct strbuf *err)
{
	if (!location || !*location) {
		if (err)
			strbuf_addstr(err, "no store location given");
		return BACKEND_NONE;
	}
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		size_t n = strlen(schemes[i].prefix);
		if (!strncmp(location, schemes[i].prefix, n)) {
			*rest = schemes[i].strip ? location + n : location;
			return schemes[i].backend;
		}
	}
	*rest = location;
	if (looks_like_conninfo(location))
		return BACKEND_PG;
	if (looks_like_url(location)) {
		if (err)
			strbuf_addf(err, "%.*s: no store of that kind (known: sqlite:PATH or a file name, "
				    "postgresql://... or a libpq key=value string)",
				    (int)strcspn(location, ":"), location);
		return BACKEND_NONE;
	}
	return BACKEND_SQLITE;
}

bool store_is_pg(const char *location)
{
	const char *rest;
	return backend_of(location, &rest, NULL) == BACKEND_PG;
}

/* The operations of location's backend; NULL (said in err) when unknown or not linked
 * into this program. */
static const struct store_ops *ops_of(const char *location, const char **rest, struct strbuf *err)
{
	switch (backend_of(location, rest, err)) {
	case BACKEND_SQLITE:
		return &store_sqlite;
	case BACKEND_PG:
		if (&store_pg)
			return &store_pg;
		if (err)
			strbuf_addstr(err, "this program is built without PostgreSQL (unhunch-full opens such a store)");
		return NULL;
	case BACKEND_NONE:
		break;
	}
	return NULL;
}

int store_db_open(struct store_db **out, const char *location, unsigned flags, struct strbuf *err)
{
	const char *rest;
	const struct store_ops *ops = ops_of(location, &rest, err);
	*out = NULL;
	return ops ? ops->open(out, rest, flags, err) : -1;
}

int store_make_old(const char *location, int version, struct strbuf *err)
{
	const char *rest;
	const struct store_ops *ops = ops_of(location, &rest, err);
	if (ops && !ops->make_old && err)
		strbuf_addf(err, "the %s store cannot make an older schema", ops->name);
	return ops && ops->make_old ? ops->make_old(rest, version, err) : -1;
}

void store_db_close(struct store_db *db)
{
	if (db)
		db->ops->close(db);
}

int store_bind(struct store **out, struct store_db *db, int64_t person, struct strbuf *err)
{
	*out = NULL;
	if (person <= 0) {
		if (err)
			strbuf_addf(err, "invalid person id %lld", (long long)person);
		return -1;
	}
	struct store *s = xcalloc(1, sizeof(*s));
	*s = (struct store){ .ops = db->ops, .db = db, .person = person };
	*out = s;
	return 0;
}

int store_bind_no_one(struct store **out, struct store_db *db, struct strbuf *err)
{
	(void)err;
	struct store *s = xcalloc(1, sizeof(*s));
	*s = (struct store){ .ops = db->ops, .db = db, .person = STORE_NO_ONE };
	*out = s;
	return 0;
}

static int open_local(struct store **out, const char *location, unsigned flags, struct strbuf *err)
{
	struct store_db *db;
	*out = NULL;
	if (store_db_open(&db, location, flags, err))
		return -1;
	if (store_bind(out, db, STORE_LOCAL_PERSON, err)) {
		store_db_close(db);
		return -1;
	}
	(*out)->owns_db = true;
	return 0;
}

int store_open(struct store **out, const char *location, struct strbuf *err)
{
	return open_local(out, location, 0, err);
}

int store_open_flags(struct store **out, const char *location, unsigned flags, struct strbuf *err)
{
	return open_local(out, location, flags, err);
}

int store_open_readonly(struct store **out, const char *location, struct strbuf *err)
{
	return open_local(out, location, STORE_READ_ONLY, err);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->owns_db)
		store_db_close(s->db);
	free(s);
}

void session_row_release(struct session_row *r)
{
	free(r->routine_id);
	free(r->pacing);
	r->routine_id = NULL;
	r->pacing = NULL;
}

void idem_row_release(struct idem_row *r)
{
	free(r->key);
	free(r->request_hash);
	free(r->answer);
	memset(r, 0, sizeof(*r));
}

void store_sets_free(struct set_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].exercise_id);
		free(rows[i].side);
	}
	free(rows);
}

void store_exercises_free(struct exercise_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].exercise_id);
	free(rows);
}

void store_pains_free(struct pain_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].exercise_id);
		free(rows[i].action);
	}
	free(rows);
}

void store_sessions_free(struct session_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		session_row_release(&rows[i]);
	free(rows);
}

void store_checkins_free(struct checkin *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].note);
	free(rows);
}

void screening_row_release(struct screening_row *r)
{
	for (size_t i = 0; i < r->n_answers; i++)
		free(r->answers[i].question_id);
	free(r->answers);
	r->answers = NULL;
	r->n_answers = 0;
}

void store_clearances_free(struct clearance_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].note);
	free(rows);
}

void store_psfs_activities_free(struct psfs_activity *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
}

void account_row_release(struct account_row *r)
{
	free(r->login);
	free(r->display_name);
	if (r->password_hash)
		memset(r->password_hash, 0, strlen(r->password_hash));
	free(r->password_hash);
	memset(r, 0, sizeof(*r));
}

void store_accounts_free(struct account_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		account_row_release(&rows[i]);
	free(rows);
}

void invite_row_release(struct invite_row *r)
{
	free(r->token_hash);
	free(r->display_name);
	memset(r, 0, sizeof(*r));
}

void login_row_release(struct login_row *r)
{
	free(r->id_hash);
	memset(r, 0, sizeof(*r));
}

void store_dash_free(struct dash_client *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct dash_client *c = &rows[i];
		free(c->login);
		free(c->display_name);
		store_checkins_free(c->checkins, c->n_checkins);
		free(c->sessions);
		for (size_t k = 0; k < c->n_feel; k++)
			free(c->feel[k].exercise_id);
		free(c->feel);
		for (size_t k = 0; k < c->n_answers; k++)
			free(c->answers[k].question);
		free(c->answers);
	}
	free(rows);
}

void store_dash_kept_free(struct dash_kept *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].login);
		free(rows[i].display_name);
		free(rows[i].text);
	}
	free(rows);
}

void store_ids_text(struct strbuf *b, const int64_t *ids, size_t n, const char *brackets)
{
	strbuf_addch(b, brackets[0]);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(b, "%s%lld", i ? "," : "", (long long)ids[i]);
	strbuf_addch(b, brackets[1]);
}

struct dash_client *store_dash_find(struct dash_client *rows, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows[mid].id == id)
			return &rows[mid];
		if (rows[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
