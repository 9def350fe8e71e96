/* backup-load.c: every record of the store read into a struct backup (backup.h), the
 * form the JSON backup writer (format/backup-json.c) takes and the reader
 * (format/backup-read.c) gives: lists in the store's order, records referring to each
 * other by position. */
#include "app/backup.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

/* Position of id in ids (n of them); n when it is not there. */
static size_t index_of_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t k = 0;
	while (k < n && ids[k] != id)
		k++;
	return k;
}

static int load_sessions(struct store *st, struct backup *b, struct strbuf *err)
{
	struct session_row *rows = NULL;
	size_t n = 0;
	if (st->ops->sessions_list(st, &rows, &n, err))
		return -1;
	b->sessions = xcalloc(n + 1, sizeof(*b->sessions));
	for (size_t i = 0; i < n; i++, b->n_sessions++) {
		struct backup_session *s = &b->sessions[i];
		s->row = rows[i];
		memset(&rows[i], 0, sizeof(rows[i])); /* the backup owns its strings now */
		if (st->ops->exercises_of(st, s->row.id, &s->exercises, &s->n_exercises, err) ||
		    st->ops->sets_of(st, s->row.id, &s->sets, &s->n_sets, err) ||
		    st->ops->pains_of(st, s->row.id, &s->pains, &s->n_pains, err)) {
			b->n_sessions++;
			store_sessions_free(rows, n);
			return -1;
		}
	}
	store_sessions_free(rows, n);
	return 0;
}

/* Screenings, and the clearances with their screening as a position. */
static int load_screenings(struct store *st, struct backup *b, struct strbuf *err)
{
	if (st->ops->screenings_list(st, &b->screenings, &b->n_screenings, err) ||
	    st->ops->clearances_list(st, &b->clearances, &b->n_clearances, err))
		return -1;
	for (size_t i = 0; i < b->n_clearances; i++) {
		size_t k = 0;
		while (k < b->n_screenings && b->screenings[k].id != b->clearances[i].screening_id)
			k++;
		if (k == b->n_screenings) {
			strbuf_addf(err, "clearance of %s refers to a screening that is not there", b->clearances[i].date);
			return -1;
		}
		b->clearances[i].screening_id = (int64_t)k;
	}
	return 0;
}

/* Activities as recorded, each with its ratings by date. */
static int load_psfs(struct store *st, struct backup *b, struct strbuf *err)
{
	struct psfs_activity *acts = NULL;
	struct psfs_rating *rt = NULL;
	size_t na = 0, nr = 0;
	if (st->ops->psfs_activities(st, &acts, &na, err) || st->ops->psfs_ratings(st, &rt, &nr, err)) {
		store_psfs_activities_free(acts, na);
		free(rt);
		return -1;
	}
	b->activities = xcalloc(na + 1, sizeof(*b->activities));
	for (size_t i = 0; i < na; i++, b->n_activities++) {
		struct backup_activity *a = &b->activities[i];
		a->a = acts[i];
		a->ratings = xcalloc(nr + 1, sizeof(*a->ratings));
		for (size_t k = 0; k < nr; k++)
			if (rt[k].activity_id == acts[i].id)
				a->ratings[a->n_ratings++] = rt[k];
	}
	free(acts); /* the names are the backup's now */
	free(rt);
	return 0;
}

/* Feedback with its session as a position (-1: none), then the plan changes with the
 * feedback they judged as a position (-1: made by the user). */
static int load_plan(struct store *st, struct backup *b, struct strbuf *err)
{
	int64_t *sids = xcalloc(b->n_sessions + 1, sizeof(*sids)), *fids = NULL;
	int ret = -1;
	for (size_t i = 0; i < b->n_sessions; i++)
		sids[i] = b->sessions[i].row.id;
	if (st->ops->assessments_list(st, &b->assessments, &b->n_assessments, err) ||
	    st->ops->feedback_list(st, &b->feedback, &b->n_feedback, err) ||
	    st->ops->plan_changes_list(st, &b->plan_changes, &b->n_plan_changes, err))
		goto out;
	fids = xcalloc(b->n_feedback + 1, sizeof(*fids));
	for (size_t i = 0; i < b->n_feedback; i++) {
		struct feedback_row *f = &b->feedback[i];
		fids[i] = f->id;
		if (!f->session_id) {
			f->session_id = -1;
			continue;
		}
		size_t k = index_of_id(sids, b->n_sessions, f->session_id);
		if (k == b->n_sessions) {
			strbuf_addf(err, "feedback of %s on %s refers to a session that is not there", f->exercise_id,
				    f->date);
			goto out;
		}
		f->session_id = (int64_t)k;
	}
	for (size_t i = 0; i < b->n_plan_changes; i++) {
		struct plan_change_row *p = &b->plan_changes[i];
		if (!p->feedback_id) {
			p->feedback_id = -1;
			continue;
		}
		size_t k = index_of_id(fids, b->n_feedback, p->feedback_id);
		if (k == b->n_feedback) {
			strbuf_addf(err, "plan change of %s on %s refers to feedback that is not there", p->slot, p->date);
			goto out;
		}
		p->feedback_id = (int64_t)k;
	}
	ret = 0;
out:
	free(sids);
	free(fids);
	return ret;
}

/* The prescriptions, each with its trainer's login name when the store knows the
 * account (row-level security shows a client their own trainers only). */
static int load_prescriptions(struct store *st, struct backup *b, struct strbuf *err)
{
	if (st->ops->prescriptions_list(st, &b->prescriptions, &b->n_prescriptions, err))
		return -1;
	b->rx_trainers = xcalloc(b->n_prescriptions + 1, sizeof(*b->rx_trainers));
	for (size_t i = 0; i < b->n_prescriptions; i++) {
		struct account_row a;
		bool found = false;
		if (st->ops->account_get(st, b->prescriptions[i].trainer_id, NULL, &a, &found, err))
			return -1;
		b->rx_trainers[i] = xstrdup(found && a.role == ROLE_TRAINER ? a.login : "");
		account_row_release(&a);
	}
	return 0;
}

/* The audit log about the person, oldest first (the store gives it newest first). */
static int load_audit(struct store *st, struct backup *b, struct strbuf *err)
{
	if (st->ops->audit_list(st, 0, &b->audit, &b->n_audit, err))
		return -1;
	for (size_t i = 0, j = b->n_audit; i + 1 < j; i++, j--) {
		struct audit_row t = b->audit[i];
		b->audit[i] = b->audit[j - 1];
		b->audit[j - 1] = t;
	}
	return 0;
}

int backup_load(struct store *st, struct backup *b, struct strbuf *err)
{
	memset(b, 0, sizeof(*b));
	b->owned = true;
	if (load_sessions(st, b, err) || st->ops->checkins_list(st, &b->checkins, &b->n_checkins, err) ||
	    load_screenings(st, b, err) || load_psfs(st, b, err) || load_plan(st, b, err) ||
	    st->ops->breaks_since(st, INT64_MIN, &b->breaks, &b->n_breaks, err) || load_prescriptions(st, b, err) ||
	    st->ops->appointments_list(st, &b->appointments, &b->n_appointments, err) || load_audit(st, b, err)) {
		backup_release(b);
		return -1;
	}
	return 0;
}

void backup_release_owned(struct backup *b)
{
	for (size_t i = 0; i < b->n_sessions; i++) {
		struct backup_session *s = &b->sessions[i];
		session_row_release(&s->row);
		store_exercises_free(s->exercises, s->n_exercises);
		store_sets_free(s->sets, s->n_sets);
		store_pains_free(s->pains, s->n_pains);
	}
	free(b->sessions);
	store_checkins_free(b->checkins, b->n_checkins);
	for (size_t i = 0; i < b->n_screenings; i++)
		screening_row_release(&b->screenings[i]);
	free(b->screenings);
	store_clearances_free(b->clearances, b->n_clearances);
	for (size_t i = 0; i < b->n_activities; i++) {
		free(b->activities[i].a.name);
		free(b->activities[i].ratings);
	}
	free(b->activities);
	store_assessments_free(b->assessments, b->n_assessments);
	store_feedback_free(b->feedback, b->n_feedback);
	store_plan_changes_free(b->plan_changes, b->n_plan_changes);
	store_breaks_free(b->breaks, b->n_breaks);
	store_prescriptions_free(b->prescriptions, b->n_prescriptions);
	for (size_t i = 0; b->rx_trainers && i < b->n_prescriptions; i++)
		free(b->rx_trainers[i]);
	free(b->rx_trainers);
	store_appointments_free(b->appointments, b->n_appointments);
	store_audit_free(b->audit, b->n_audit);
	memset(b, 0, sizeof(*b));
}

void backup_release(struct backup *b)
{
	if (b->owned) {
		backup_release_owned(b);
		return;
	}
	for (size_t i = 0; i < b->n_sessions; i++) {
		free(b->sessions[i].exercises);
		free(b->sessions[i].sets);
		free(b->sessions[i].pains);
	}
	free(b->sessions);
	free(b->checkins);
	for (size_t i = 0; i < b->n_screenings; i++)
		free(b->screenings[i].answers);
	free(b->screenings);
	free(b->clearances);
	for (size_t i = 0; i < b->n_activities; i++)
		free(b->activities[i].ratings);
	free(b->activities);
	for (size_t i = 0; i < b->n_assessments; i++) {
		free(b->assessments[i].answers);
		free(b->assessments[i].factors);
	}
	free(b->assessments);
	free(b->feedback);
	free(b->plan_changes);
	free(b->breaks);
	free(b->prescriptions);
	free(b->rx_trainers);
	free(b->appointments);
	free(b->audit);
	if (b->doc_release)
		b->doc_release(b->doc);
	memset(b, 0, sizeof(*b));
}
