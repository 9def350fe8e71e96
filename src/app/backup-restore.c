/* backup-restore.c: a checked backup (read by format/backup-read.c) written, record by
 * record, into an empty store, in one batch (backup.h). */
#include "app/backup.h"
#include "core/mem.h"
#include <stdlib.h>

static int restore_session(struct store *st, const struct backup_session *s, int64_t *id, struct strbuf *err)
{
	struct session_row row = s->row;
	if (st->ops->session_begin(st, &row, err))
		return -1;
	*id = row.id;
	for (size_t i = 0; i < s->n_exercises; i++)
		if (st->ops->exercise_add(st, row.id, &s->exercises[i], err))
			return -1;
	for (size_t i = 0; i < s->n_sets; i++)
		if (st->ops->set_add(st, row.id, &s->sets[i], err))
			return -1;
	for (size_t i = 0; i < s->n_pains; i++)
		if (st->ops->pain_add(st, row.id, &s->pains[i], err))
			return -1;
	return 0;
}

static int restore_health(struct store *st, const struct backup *b, struct strbuf *err)
{
	int64_t *ids = xcalloc(b->n_screenings + 1, sizeof(*ids));
	int ret = -1;
	for (size_t i = 0; i < b->n_checkins; i++) {
		struct checkin c = b->checkins[i];
		if (st->ops->checkin_add(st, &c, err))
			goto out;
	}
	for (size_t i = 0; i < b->n_screenings; i++) {
		struct screening_row s = b->screenings[i];
		if (st->ops->screening_add(st, &s, err))
			goto out;
		ids[i] = s.id;
	}
	for (size_t i = 0; i < b->n_clearances; i++) {
		struct clearance_row c = b->clearances[i];
		c.screening_id = ids[c.screening_id];
		if (st->ops->clearance_add(st, &c, err))
			goto out;
	}
	for (size_t i = 0; i < b->n_activities; i++) {
		struct psfs_activity a = b->activities[i].a;
		if (st->ops->psfs_activity_add(st, &a, err))
			goto out;
		for (size_t k = 0; k < b->activities[i].n_ratings; k++) {
			struct psfs_rating rt = b->activities[i].ratings[k];
			rt.activity_id = a.id;
			if (st->ops->psfs_rate(st, &rt, err))
				goto out;
		}
	}
	ret = 0;
out:
	free(ids);
	return ret;
}

/* Assessments, feedback (its session by the ids the sessions got), plan changes (their
 * feedback likewise), the break log and a trainer's appointments. */
static int restore_plan(struct store *st, const struct backup *b, const int64_t *session_ids, struct strbuf *err)
{
	int64_t *ids = xcalloc(b->n_feedback + 1, sizeof(*ids));
	int ret = -1;
	for (size_t i = 0; i < b->n_assessments; i++) {
		struct assessment_row a = b->assessments[i];
		if (st->ops->assessment_add(st, &a, err))
			goto out;
	}
	for (size_t i = 0; i < b->n_feedback; i++) {
		struct feedback_row f = b->feedback[i];
		f.session_id = f.session_id < 0 ? 0 : session_ids[f.session_id];
		if (st->ops->feedback_add(st, &f, err))
			goto out;
		ids[i] = f.id;
	}
	for (size_t i = 0; i < b->n_plan_changes; i++) {
		struct plan_change_row c = b->plan_changes[i];
		c.feedback_id = c.feedback_id < 0 ? 0 : ids[c.feedback_id];
		if (st->ops->plan_change_add(st, &c, err))
			goto out;
	}
	for (size_t i = 0; i < b->n_breaks; i++)
		if (st->ops->break_add(st, &b->breaks[i], err))
			goto out;
	for (size_t i = 0; i < b->n_appointments; i++) {
		/* the person's own now, recorded by no trainer of this store (the name kept) */
		struct appointment_row a = b->appointments[i];
		a.person_id = st->person;
		a.trainer_id = 0;
		if (st->ops->appointment_add(st, &a, err))
			goto out;
	}
	ret = 0;
out:
	free(ids);
	return ret;
}

/* Each prescription's trainer by login name: the account of that name when it is a
 * trainer's in this database, else STORE_LOCAL_PERSON, which is never an account
 * (the prescription kept, its trainer not known here). Before the batch. */
static int rx_trainer_ids(struct store *st, const struct backup *b, int64_t *ids, struct strbuf *err)
{
	for (size_t i = 0; i < b->n_prescriptions; i++) {
		ids[i] = STORE_LOCAL_PERSON;
		const char *login = b->rx_trainers ? b->rx_trainers[i] : "";
		if (!login || !*login)
			continue;
		struct account_row a;
		bool found = false;
		if (st->ops->account_get(st, 0, login, &a, &found, err))
			return -1;
		if (found && a.role == ROLE_TRAINER)
			ids[i] = a.id;
		account_row_release(&a);
	}
	return 0;
}

static int restore_prescriptions(struct store *st, const struct backup *b, const int64_t *ids, struct strbuf *err)
{
	for (size_t i = 0; i < b->n_prescriptions; i++) {
		struct prescription_row r = b->prescriptions[i];
		r.trainer_id = ids[i];
		if (st->ops->prescription_add(st, &r, err))
			return -1;
	}
	return 0;
}

int backup_restore(struct store *st, const struct backup *b, struct strbuf *err)
{
	int64_t *rx_ids = xcalloc(b->n_prescriptions + 1, sizeof(*rx_ids));
	if (rx_trainer_ids(st, b, rx_ids, err)) {
		free(rx_ids);
		return -1;
	}
	/* one batch: a failure, or a kill, keeps nothing of it; written aside and copied
	 * in at the end, so a check-in meanwhile is not kept waiting, and kept only when
	 * the store is still empty then */
	if (st->ops->batch_begin(st, STORE_BATCH_INTO_EMPTY, err)) {
		free(rx_ids);
		return -1;
	}
	int ret = 0;
	int64_t *session_ids = xcalloc(b->n_sessions + 1, sizeof(*session_ids));
	for (size_t i = 0; i < b->n_sessions && !ret; i++)
		ret = restore_session(st, &b->sessions[i], &session_ids[i], err);
	if (!ret)
		ret = restore_health(st, b, err);
	if (!ret)
		ret = restore_plan(st, b, session_ids, err);
	if (!ret)
		ret = restore_prescriptions(st, b, rx_ids, err);
	free(session_ids);
	free(rx_ids);
	if (ret) {
		st->ops->batch_end(st, false, err);
		strbuf_addstr(err, "; nothing was kept");
	} else if (st->ops->batch_end(st, true, err)) {
		strbuf_addstr(err, "; nothing was kept");
		ret = -1;
	}
	return ret;
}
