/* valid.c: the checks every backend makes on a row before writing it (valid.h). */
#include "store/valid.h"
#include "core/appointment.h"
#include "core/prescribe.h"
#include "core/stats.h"
#include "core/utf8.h"
#include <stdarg.h>
#include <string.h>

#define N_SESSION_STATUS 4
#define N_EXERCISE_STATUS 3

static const char *const feelings[] = { "easy", "right", "hard", "hurt", NULL };
static const char *const actions[] = { "hold", "progress", "regress", "pause", "resume", NULL };

int store_fail(struct strbuf *err, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		strbuf_vaddf(err, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static bool one_of(const char *s, const char *const *set)
{
	for (size_t i = 0; s && set[i]; i++)
		if (!strcmp(s, set[i]))
			return true;
	return false;
}

static bool pain_ok(int v)
{
	return v >= -1 && v <= 10;
}

int valid_session(const struct session_row *row, struct strbuf *err)
{
	if (!row->routine_id || !*row->routine_id)
		return store_fail(err, "invalid session: routine_id is empty");
	if (!row->pacing || !*row->pacing)
		return store_fail(err, "invalid session: pacing is empty");
	if ((unsigned)row->status >= N_SESSION_STATUS)
		return store_fail(err, "invalid session: unknown status %d", (int)row->status);
	if (!pain_ok(row->pain_before) || !pain_ok(row->pain_after))
		return store_fail(err, "invalid session: pain_before and pain_after must be 0-10, or -1 "
			   "(got %d and %d)", row->pain_before, row->pain_after);
	return 0;
}

int valid_session_end(enum session_status status, int pain_after, struct strbuf *err)
{
	if ((unsigned)status >= N_SESSION_STATUS)
		return store_fail(err, "invalid session end: unknown status %d", (int)status);
	if (!pain_ok(pain_after))
		return store_fail(err, "invalid session end: pain_after must be 0-10, or -1 (got %d)", pain_after);
	return 0;
}

int valid_set(const struct set_row *row, struct strbuf *err)
{
	if (row->item < 0 || row->set_no < 1)
		return store_fail(err, "invalid set: item must be 0 or more and set_no 1 or more (got %d and %d)",
			   row->item, row->set_no);
	if (!row->exercise_id || !*row->exercise_id)
		return store_fail(err, "invalid set: exercise_id is empty");
	if (row->reps_target < 0 || row->reps_done < 0 || row->duration_ms < 0)
		return store_fail(err, "invalid set: reps and duration must not be negative");
	return 0;
}

int valid_exercise(const struct exercise_row *row, struct strbuf *err)
{
	if (row->item < 0)
		return store_fail(err, "invalid exercise: item must be 0 or more (got %d)", row->item);
	if (!row->exercise_id || !*row->exercise_id)
		return store_fail(err, "invalid exercise: exercise_id is empty");
	if ((unsigned)row->status >= N_EXERCISE_STATUS)
		return store_fail(err, "invalid exercise: unknown status %d", (int)row->status);
	if (row->reps_done < 0 || row->duration_ms < 0)
		return store_fail(err, "invalid exercise: reps and duration must not be negative");
	return 0;
}

int valid_pain(const struct pain_row *row, struct strbuf *err)
{
	if (row->item < -1)
		return store_fail(err, "invalid pain report: item must be -1 or more (got %d)", row->item);
	if (row->score < -1 || row->score > 10)
		return store_fail(err, "invalid pain report: score must be 0-10, or -1 for a warning sign (got %d)",
			   row->score);
	return 0;
}

int valid_checkin(const struct checkin *c, struct strbuf *err)
{
	const char *why;
	return checkin_valid(c, &why) ? 0 : store_fail(err, "invalid check-in: %s", why);
}

int valid_screening(const struct screening_row *row, struct strbuf *err)
{
	return row->level < 0 || row->level > 4 ? store_fail(err, "invalid screening: level %d", row->level) : 0;
}

int valid_clearance(const struct clearance_row *row, struct strbuf *err)
{
	return !row->note || !*row->note ? store_fail(err, "invalid clearance: say who cleared you and what they said") : 0;
}

int valid_activity(const struct psfs_activity *a, struct strbuf *err)
{
	if (!a->name || !*a->name || utf8_chars(a->name) > 200)
		return store_fail(err, "invalid activity: give a name of 1 to 200 characters");
	return 0;
}

int valid_rating(const struct psfs_rating *r, struct strbuf *err)
{
	return r->score < 0 || r->score > 10 ? store_fail(err, "invalid rating: %d is not 0 to 10", r->score) : 0;
}

int valid_assessment(const struct assessment_row *row, struct strbuf *err)
{
	for (size_t i = 0; i < row->n_factors; i++)
		if (row->factors[i].strength < 0 || row->factors[i].strength > 3)
			return store_fail(err, "invalid assessment: strength %d of %s", row->factors[i].strength,
				   row->factors[i].factor);
	return 0;
}

int valid_feedback(const struct feedback_row *row, struct strbuf *err)
{
	if (!one_of(row->feeling, feelings))
		return store_fail(err, "invalid feedback: '%s' is not easy, right, hard or hurt", row->feeling ? row->feeling : "");
	if (row->pain_during < -1 || row->pain_during > 10)
		return store_fail(err, "invalid feedback: pain %d is not from 0 to 10", row->pain_during);
	return 0;
}

int valid_plan_change(const struct plan_change_row *row, struct strbuf *err)
{
	if (!one_of(row->action, actions))
		return store_fail(err, "invalid plan change: unknown action '%s'", row->action ? row->action : "");
	return 0;
}

int valid_prescription(const struct prescription_row *row, struct strbuf *err)
{
	if (row->trainer_id <= 0)
		return store_fail(err, "invalid prescription: no trainer");
	if (!row->routine_id || !*row->routine_id || !row->slot || !*row->slot || !row->exercise_id || !*row->exercise_id)
		return store_fail(err, "invalid prescription: the routine, the item and the exercise are needed");
	if (row->reps < 0 || row->reps > 1000 || row->sets < 0 || row->sets > 100 || row->hold_s < 0 ||
	    row->hold_s > 3600 || row->duration_s < 0 || row->duration_s > 86400)
		return store_fail(err, "invalid prescription: a dose out of bounds");
	const char *pl = row->place ? row->place : "";
	if (strlen(pl) > 100 || !rx_place_valid(pl))
		return store_fail(err, "invalid prescription: a place is \"end\", \"before:\" and an item, or \"out\"");
	if (*pl && strcmp(row->slot, row->exercise_id))
		return store_fail(err, "invalid prescription: an added step's item is its exercise");
	return 0;
}

int valid_appointment(const struct store *s, const struct appointment_row *row, struct strbuf *err)
{
	int d;
	if (row->person_id <= 0 || row->trainer_id < 0)
		return store_fail(err, "invalid appointment: no client");
	if (!(row->trainer_id == s->person || (row->trainer_id == 0 && row->person_id == s->person)))
		return store_fail(err, "invalid appointment: only the trainer who records it writes it");
	if (!day_parse(row->date, &d))
		return store_fail(err, "invalid appointment: the date '%s' is not YYYY-MM-DD", row->date);
	if (appt_kind_of(row->kind) < 0)
		return store_fail(err, "invalid appointment: unknown kind '%s'", row->kind ? row->kind : "");
	if (!appt_areas_valid(row->areas ? row->areas : ""))
		return store_fail(err, "invalid appointment: areas '%s'", row->areas ? row->areas : "");
	if ((row->note && strlen(row->note) > APPT_NOTE_MAX) ||
	    (row->trainer_name && strlen(row->trainer_name) > 200))
		return store_fail(err, "invalid appointment: a note or name too long");
	return 0;
}

int valid_break(const struct break_row *row, struct strbuf *err)
{
	if ((unsigned)row->kind >= BRK__COUNT || (unsigned)row->event >= BEV__COUNT)
		return store_fail(err, "a break event of an unknown kind");
	return 0;
}

int valid_holder(const struct store_holder *h, struct strbuf *err)
{
	return !h || !h->id || !*h->id ? store_fail(err, "invalid session lock: the holder has no id") : 0;
}

int valid_idem(const struct idem_row *row, struct strbuf *err)
{
	size_t n = row->key ? strlen(row->key) : 0;
	if (n < 1 || n > 100 || strspn(row->key, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-") != n)
		return store_fail(err, "invalid idempotency key: it must be 1 to 100 letters, digits, '_', '.', ':' or '-'");
	if (!row->request_hash || !*row->request_hash || !row->answer)
		return store_fail(err, "invalid idempotency key: the request's digest and the answer are needed");
	if (row->status < 100 || row->status > 599)
		return store_fail(err, "invalid idempotency key: status %d is not an HTTP status", row->status);
	return 0;
}

int valid_web_ids(const char *web_id, const char *pass_id, struct strbuf *err)
{
	size_t n = web_id ? strlen(web_id) : 0, m = pass_id ? strlen(pass_id) : 0;
	if (n < 8 || n > 64 || m < 8 || m > 64)
		return store_fail(err, "invalid web session: its id and the pass id must be 8 to 64 characters");
	return 0;
}
