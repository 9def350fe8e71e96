/* valid.h: the checks every backend makes on a row before writing it, written once
 * (valid.c). Each returns 0, or -1 with "invalid ...: why" in err (may be NULL). The
 * database's own constraints stay as a second line. */
#ifndef UNHUNCH_STORE_VALID_H
#define UNHUNCH_STORE_VALID_H
#include "store/store.h"

/* Append a message to err (may be NULL); returns -1. */
int store_fail(struct strbuf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int valid_session(const struct session_row *row, struct strbuf *err);
int valid_session_end(enum session_status status, int pain_after, struct strbuf *err);
int valid_set(const struct set_row *row, struct strbuf *err);
int valid_exercise(const struct exercise_row *row, struct strbuf *err);
int valid_pain(const struct pain_row *row, struct strbuf *err);
int valid_checkin(const struct checkin *c, struct strbuf *err);
int valid_screening(const struct screening_row *row, struct strbuf *err);
int valid_clearance(const struct clearance_row *row, struct strbuf *err);
int valid_activity(const struct psfs_activity *a, struct strbuf *err);
int valid_rating(const struct psfs_rating *r, struct strbuf *err);
int valid_assessment(const struct assessment_row *row, struct strbuf *err);
int valid_feedback(const struct feedback_row *row, struct strbuf *err);
int valid_plan_change(const struct plan_change_row *row, struct strbuf *err);
int valid_prescription(const struct prescription_row *row, struct strbuf *err);
/* An audit row to add for n subjects (valid-accounts.c): the name and what said, in
 * bounds, no subject the actor, n from 1 to VALID_AUDIT_MAX. */
#define VALID_AUDIT_MAX 10000
int valid_audit(int64_t actor, const struct audit_row *row, const int64_t *subjects, size_t n, struct strbuf *err);
int valid_appointment(const struct store *s, const struct appointment_row *row, struct strbuf *err);
int valid_break(const struct break_row *row, struct strbuf *err);
int valid_holder(const struct store_holder *h, struct strbuf *err);
int valid_idem(const struct idem_row *row, struct strbuf *err);
int valid_web_ids(const char *web_id, const char *pass_id, struct strbuf *err);
/* Clinic accounts and invitations (valid-accounts.c). */
int valid_account(const struct account_row *row, struct strbuf *err);
int valid_invite(const struct invite_row *row, struct strbuf *err);
/* Login sessions and the throttle's keys (valid-accounts.c). */
int valid_login(const struct login_row *row, struct strbuf *err);
int valid_totp(const struct totp_row *row, struct strbuf *err);
/* recovery_put's: an account, and digests of STORE_RECOVERY_HASH_HEX small hex digits. */
int valid_recovery(int64_t account, const char *const *hashes, size_t n, struct strbuf *err);
/* dash_kept_put's: a key of 1 to STORE_DASH_KEY_MAX bytes, each row a client's id and a
 * text of at most STORE_DASH_KEPT_MAX bytes. */
int valid_dash_kept(const char *key, const struct dash_kept *rows, size_t n, struct strbuf *err);
int valid_id_hash(const char *hash, struct strbuf *err);
int valid_throttle_key(const char *key, struct strbuf *err);

#endif
