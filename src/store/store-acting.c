/* store-acting.c: store_bind_as, a trainer's read-only handle on one client's records:
 * the backend's operations with every write, and every read of what a trainer does not
 * see, replaced by a refusal, so the store itself refuses them on every backend; and
 * the trainer's link checked before the handle is given. On PostgreSQL the handle's
 * transactions also run as the trainer (pg.c, name_person), whose row-level policies
 * let the linked kinds of records be read and nothing written. */
#include "store/store.h"
#include "core/mem.h"
#include <stdlib.h>

/* A handle with its own table of operations, freed with it (store_close frees s). */
struct acting {
	struct store s; /* first */
	struct store_ops ops;
};

static int refuse(struct store *s, const char *what, struct strbuf *err)
{
	if (err)
		strbuf_addf(err, "refused: a trainer's view of a client's records only reads them, and person %lld's "
				 "view of person %lld's cannot %s", (long long)s->acting, (long long)s->person, what);
	return -1;
}

/* A refusing operation of the same type as the backend's: its parameters are not used. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#define REFUSE(op, what, ...) \
	static int no_##op(struct store *s, __VA_ARGS__) \
	{ \
		return refuse(s, what, err); \
	}
/* writes */
REFUSE(session_begin, "start a session", struct session_row *row, struct strbuf *err)
REFUSE(session_end, "end a session", int64_t id, enum session_status st, int pain_after, int64_t ended_ms,
       struct strbuf *err)
REFUSE(set_add, "record a set", int64_t session, const struct set_row *row, struct strbuf *err)
REFUSE(exercise_add, "record an exercise", int64_t session, const struct exercise_row *row, struct strbuf *err)
REFUSE(pain_add, "record pain", int64_t session, const struct pain_row *row, struct strbuf *err)
REFUSE(checkin_add, "add a check-in", struct checkin *c, struct strbuf *err)
REFUSE(checkin_add_once, "add a check-in", struct checkin *c, struct checkin **day, size_t *n, struct strbuf *err)
REFUSE(screening_add, "add a screening", struct screening_row *row, struct strbuf *err)
REFUSE(clearance_add, "add a clearance", struct clearance_row *row, struct strbuf *err)
REFUSE(psfs_activity_add, "add an activity", struct psfs_activity *a, struct strbuf *err)
REFUSE(psfs_rate, "rate an activity", const struct psfs_rating *r, struct strbuf *err)
REFUSE(assessment_add, "add an assessment", struct assessment_row *row, struct strbuf *err)
REFUSE(feedback_add, "add feedback", struct feedback_row *row, struct strbuf *err)
REFUSE(plan_change_add, "change the plan", struct plan_change_row *row, struct strbuf *err)
REFUSE(prescription_add, "add a prescription", struct prescription_row *row, struct strbuf *err)
REFUSE(appointment_add, "record an appointment", struct appointment_row *row, struct strbuf *err)
REFUSE(break_add, "log a break", const struct break_row *row, struct strbuf *err)
REFUSE(forget_all, "delete the records", bool *wiped, struct strbuf *err)
REFUSE(batch_begin, "begin a batch of writes", unsigned flags, struct strbuf *err)
REFUSE(batch_end, "end a batch of writes", bool keep, struct strbuf *err)
REFUSE(part_begin, "begin a part of a batch", struct strbuf *err)
REFUSE(part_end, "end a part of a batch", bool keep, struct strbuf *err)
REFUSE(session_lock, "take the session lock", const struct store_holder *h, int64_t now_ms, char **held_by,
       struct strbuf *err)
REFUSE(session_unlock, "give the session lock back", const char *h_id, struct strbuf *err)
REFUSE(idem_put, "keep an answer", const struct idem_row *row, struct strbuf *err)
REFUSE(web_session_add, "add a web session", int64_t session, const char *web_id, const char *pass_id,
       struct strbuf *err)
REFUSE(account_add, "add an account", struct account_row *row, unsigned flags, struct strbuf *err)
REFUSE(account_set_password, "set a password", int64_t id, const char *hash, struct strbuf *err)
REFUSE(invite_add, "keep an invitation", struct invite_row *row, struct strbuf *err)
REFUSE(invite_use, "use an invitation", const char *token_hash, int64_t now_ms, struct account_row *client,
       enum invite_use *result, struct strbuf *err)
REFUSE(login_add, "keep a login", const struct login_row *row, struct strbuf *err)
REFUSE(login_seen, "change a login", const char *id_hash, int64_t seen_ms, struct strbuf *err)
REFUSE(login_end, "end a login", const char *id_hash, struct strbuf *err)
REFUSE(logins_end_all, "end logins", int64_t account_id, int *ended, struct strbuf *err)
REFUSE(logins_prune, "forget logins", int64_t seen_before_ms, int64_t made_before_ms, struct strbuf *err)
REFUSE(throttle_fail, "count a failed login", const char *key, int64_t now_ms, int64_t forget_before_ms,
       int *failures, struct strbuf *err)
REFUSE(throttle_clear, "forget failed logins", const char *key, struct strbuf *err)
REFUSE(throttle_prune, "forget failed logins", int64_t before_ms, struct strbuf *err)
REFUSE(audit_add, "write the audit log", const struct audit_row *row, const int64_t *subjects, size_t n,
       struct strbuf *err)
REFUSE(audit_send, "write the audit log", const struct audit_row *row, const int64_t *subjects, size_t n,
       struct strbuf *err)
REFUSE(audit_wait, "write the audit log", struct strbuf *err)
REFUSE(link_end, "end a link", int64_t trainer, int64_t client, bool *ended, struct strbuf *err)
REFUSE(account_set_disabled, "disable an account", int64_t id, int64_t disabled_ms, struct strbuf *err)
REFUSE(account_delete, "delete an account", struct strbuf *err)
REFUSE(totp_put, "set a second factor", const struct totp_row *row, struct strbuf *err)
REFUSE(totp_use, "take a second factor's code", int64_t account, int64_t step, int64_t now_ms, bool *used,
       struct strbuf *err)
REFUSE(totp_clear, "turn a second factor off", int64_t account, bool *cleared, struct strbuf *err)
REFUSE(recovery_put, "keep recovery codes", int64_t account, const char *const *hashes, size_t n, struct strbuf *err)
REFUSE(recovery_use, "take a recovery code", int64_t account, const char *hash, int64_t now_ms, bool *used,
       struct strbuf *err)
REFUSE(recovery_left, "count recovery codes", int64_t account, int *left, struct strbuf *err)
/* reads of what is not the client's records a trainer sees */
REFUSE(breaks_since, "read the desk breaks", int64_t from_ms, struct break_row **rows, size_t *n,
       struct strbuf *err)
REFUSE(idem_get, "read the web player's kept answers", const char *key, struct idem_row *out, bool *found,
       struct strbuf *err)
REFUSE(web_session_find, "read the web player's sessions", const char *web_id, int64_t *session,
       struct strbuf *err)
REFUSE(web_session_of, "read the web player's sessions", int64_t session, bool *web, struct strbuf *err)
REFUSE(account_get, "read accounts", int64_t id, const char *login, struct account_row *out, bool *found,
       struct strbuf *err)
REFUSE(dashboard_facts, "read a trainer's dashboard", const char *from, int64_t from_ms, const int64_t *only,
       size_t n_only, struct dash_client **rows, size_t *n, struct strbuf *err)
REFUSE(dash_kept_get, "read a trainer's dashboard", const char *key, struct dash_kept **rows, size_t *n,
       struct strbuf *err)
REFUSE(dash_kept_put, "keep a trainer's dashboard", const char *key, const struct dash_kept *rows, size_t n,
       struct strbuf *err)
REFUSE(trainers_list, "read accounts", int64_t client, struct account_row **rows, size_t *n, struct strbuf *err)
REFUSE(accounts_list, "read accounts", int64_t trainer, struct account_row **rows, size_t *n, struct strbuf *err)
REFUSE(invite_find, "read invitations", const char *token_hash, struct invite_row *out, bool *found,
       struct strbuf *err)
REFUSE(login_get, "read logins", const char *id_hash, struct login_row *out, bool *found, struct strbuf *err)
REFUSE(throttle_get, "read failed logins", const char *key, int *failures, int64_t *last_ms, struct strbuf *err)
REFUSE(audit_list, "read the audit log", size_t limit, struct audit_row **rows, size_t *n, struct strbuf *err)
REFUSE(accounts_exist, "look for accounts", bool *any, struct strbuf *err)
REFUSE(totp_get, "read a second factor", int64_t account, struct totp_row *out, bool *found, struct strbuf *err)
#undef REFUSE
#pragma GCC diagnostic pop

/* Every operation is sorted here: a new one changes the table's size and stops the
 * build until it is kept (a read of the linked records) or refused above. */
#define N_OPS 92 /* name and 91 functions */
_Static_assert(sizeof(struct store_ops) == sizeof(const char *) + (N_OPS - 1) * sizeof(void (*)(void)),
	       "a new store operation: keep or refuse it on a trainer's read-only handle (store-acting.c)");

static void refuse_all(struct store_ops *o)
{
#define NO(op) o->op = no_##op
	NO(session_begin), NO(session_end), NO(set_add), NO(exercise_add), NO(pain_add);
	NO(checkin_add), NO(checkin_add_once), NO(screening_add), NO(clearance_add);
	NO(psfs_activity_add), NO(psfs_rate), NO(assessment_add), NO(feedback_add), NO(plan_change_add);
	NO(prescription_add), NO(appointment_add), NO(break_add), NO(forget_all), NO(batch_begin), NO(batch_end);
	NO(part_begin), NO(part_end), NO(session_lock), NO(session_unlock), NO(idem_put), NO(web_session_add);
	NO(account_add), NO(account_set_password), NO(invite_add), NO(invite_use), NO(login_add);
	NO(login_seen), NO(login_end), NO(logins_end_all), NO(logins_prune), NO(throttle_fail);
	NO(throttle_clear), NO(throttle_prune), NO(audit_add), NO(audit_send), NO(audit_wait), NO(link_end);
	NO(account_set_disabled);
	NO(account_delete), NO(trainers_list), NO(dashboard_facts), NO(dash_kept_get), NO(dash_kept_put);
	NO(breaks_since), NO(idem_get), NO(web_session_find), NO(web_session_of), NO(account_get);
	NO(accounts_list), NO(invite_find), NO(login_get), NO(throttle_get), NO(audit_list), NO(accounts_exist);
	NO(totp_get), NO(totp_put), NO(totp_use), NO(totp_clear), NO(recovery_put), NO(recovery_use),
	NO(recovery_left);
#undef NO
	/* kept: open, close, make_old (not the handle's), schema_version, check,
	 * data_version, trains, and the reads of the records: session_unfinished, sets_of,
	 * exercises_of, pains_of, sessions_list, sessions_since, checkins_list,
	 * checkins_between, screening_latest, screenings_list, clearances_list,
	 * psfs_activities, psfs_ratings, assessments_list, feedback_list,
	 * plan_changes_list, prescriptions_list, appointments_list (on PostgreSQL the
	 * trainer's own appointments with the client) */
}

int store_bind_as(struct store **out, struct store_db *db, int64_t client, int64_t trainer, struct strbuf *err)
{
	*out = NULL;
	if (client <= STORE_LOCAL_PERSON || trainer <= STORE_LOCAL_PERSON || client == trainer) {
		if (err)
			strbuf_addf(err, "invalid view: person %lld of person %lld's records (two accounts, not the same)",
				    (long long)trainer, (long long)client);
		return -1;
	}
	struct acting *a = xcalloc(1, sizeof(*a));
	a->ops = *db->ops;
	refuse_all(&a->ops);
	a->s = (struct store){ .ops = &a->ops, .db = db, .person = client, .acting = trainer, .read_only = true };
	bool yes = false;
	if (a->ops.trains(&a->s, trainer, client, &yes, err)) {
		free(a);
		return -1;
	}
	if (!yes) {
		if (err)
			strbuf_addf(err, "refused: person %lld is not an enabled trainer of person %lld (a trainer reads "
					 "the records of the clients linked to them only)", (long long)trainer,
				    (long long)client);
		free(a);
		return -1;
	}
	*out = &a->s;
	return 0;
}

bool store_is_acting(const struct store *s)
{
	return s && s->read_only;
}
