/* backup-build.c: the whole store as one JSON document, the full backup.
 *
 * {"format": "unhunch-backup", "version": 1,
 *  "sessions":   [{routine, started_ms, ended_ms|null (running), status, pain_before|null,
 *                  pain_after|null, pacing,
 *                  exercises: [{item, exercise, status, reps_done, duration_ms, at_ms}],
 *                  sets: [{item, exercise, set, side, reps_target, reps_done, duration_ms, at_ms}],
 *                  pain_reports: [{item, exercise, score|null (a warning sign), action, at_ms}]}],
 *  "checkins":   [{date, at_ms, pain, regions: {NAME: score}, headache, stiffness, stress,
 *                  sleep, desk_hours, massage (true/false), note}]   (null when not given)
 *  "screenings": [{at_ms, level, neck_clear, answers: [{question, yes, level}]}]
 *  "clearances": [{at_ms, date, note, screening (index into screenings)}]
 *  "psfs":       [{name, added_ms, ratings: [{date, score}]}],
 *  "assessments": [{date, at_ms, answers: [{question, value}], factors: [{factor, strength, reason}]}],
 *  "feedback":   [{date, at_ms, session (index into sessions)|null, routine, exercise, feeling,
 *                  pain_during|null (unknown), warning}],
 *  "plan_changes": [{date, at_ms, feedback (index into feedback)|null (made by the user), routine,
 *                  slot, action, rule, from_exercise, to_exercise, from_reps, to_reps,
 *                  from_duration_s, to_duration_s, paused, reason}],
 *  "breaks":     [{at_ms, kind, event, exercise, detail}]}
 *
 * Times are Unix milliseconds; levels are urgency names. Every list is in the store's
 * own order (sessions, check-ins, screenings, clearances, assessments, feedback, plan
 * changes and breaks by time, the rest as recorded), which a restore reproduces, so the document is the same after a round trip. */
#include "app/backup.h"
#include "core/mem.h"
#include "core/screen.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What is being built: the real-number precision it needs, and the records that could
 * not be written (json_pack refuses text that is not UTF-8), so that the backup is
 * refused as a whole rather than quietly short of them. */
struct build {
	int digits;
	size_t lost;
	struct strbuf first; /* which record was lost first */
};

static void keep(struct build *b, json_t *list, json_t *v, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void keep(struct build *b, json_t *list, json_t *v, const char *fmt, ...)
{
	if (v) {
		json_array_append_new(list, v);
		return;
	}
	if (!b->lost++) {
		va_list ap;
		va_start(ap, fmt);
		strbuf_vaddf(&b->first, fmt, ap);
		va_end(ap);
	}
}

static json_t *opt_score(int v)
{
	return v < 0 ? json_null() : json_integer(v);
}

/* Precision (digits) that writes v so that it reads back as the same double. */
static int real_digits(double v)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%.15g", v);
	return strtod(buf, NULL) == v ? 15 : 17;
}

static int session_parts(struct store *st, const struct session_row *s, json_t *o, struct build *bd,
			 struct strbuf *err)
{
	struct exercise_row *ex = NULL;
	struct set_row *sets = NULL;
	struct pain_row *pains = NULL;
	size_t nex = 0, nsets = 0, npains = 0;
	int ret = -1;
	if (st->ops->exercises_of(st, s->id, &ex, &nex, err) || st->ops->sets_of(st, s->id, &sets, &nsets, err) ||
	    st->ops->pains_of(st, s->id, &pains, &npains, err))
		goto out;
	json_t *a = json_array(), *b = json_array(), *c = json_array();
	for (size_t i = 0; i < nex; i++)
		keep(bd, a, json_pack("{s:i, s:s, s:s, s:i, s:I, s:I}", "item", ex[i].item, "exercise",
				      ex[i].exercise_id, "status", exercise_status_names[ex[i].status], "reps_done",
				      ex[i].reps_done, "duration_ms", (json_int_t)ex[i].duration_ms, "at_ms",
				      (json_int_t)ex[i].at_ms),
		     "an exercise of the session of %lld", (long long)s->started_ms);
	for (size_t i = 0; i < nsets; i++)
		keep(bd, b, json_pack("{s:i, s:s, s:i, s:s, s:i, s:i, s:I, s:I}", "item", sets[i].item, "exercise",
				      sets[i].exercise_id, "set", sets[i].set_no, "side", sets[i].side, "reps_target",
				      sets[i].reps_target, "reps_done", sets[i].reps_done, "duration_ms",
				      (json_int_t)sets[i].duration_ms, "at_ms", (json_int_t)sets[i].at_ms),
		     "a set of the session of %lld", (long long)s->started_ms);
	for (size_t i = 0; i < npains; i++)
		keep(bd, c, json_pack("{s:i, s:s, s:o, s:s, s:I}", "item", pains[i].item, "exercise",
				      pains[i].exercise_id, "score", opt_score(pains[i].score), "action", pains[i].action,
				      "at_ms", (json_int_t)pains[i].at_ms),
		     "a pain report of the session of %lld", (long long)s->started_ms);
	json_object_set_new(o, "exercises", a);
	json_object_set_new(o, "sets", b);
	json_object_set_new(o, "pain_reports", c);
	ret = 0;
out:
	store_exercises_free(ex, nex);
	store_sets_free(sets, nsets);
	store_pains_free(pains, npains);
	return ret;
}

static int add_sessions(struct store *st, json_t *doc, struct build *bd, struct strbuf *err)
{
	struct session_row *rows = NULL;
	size_t n = 0;
	if (st->ops->sessions_list(st, &rows, &n, err))
		return -1;
	json_t *a = json_array();
	json_object_set_new(doc, "sessions", a);
	int ret = 0;
	for (size_t i = 0; i < n && !ret; i++) {
		const struct session_row *s = &rows[i];
		json_t *o = json_pack("{s:s, s:I, s:o, s:s, s:o, s:o, s:s}", "routine", s->routine_id, "started_ms",
				      (json_int_t)s->started_ms, "ended_ms",
				      s->status == SESSION_RUNNING ? json_null() : json_integer(s->ended_ms), "status",
				      session_status_names[s->status], "pain_before", opt_score(s->pain_before),
				      "pain_after", opt_score(s->pain_after), "pacing", s->pacing);
		if (!o) {
			keep(bd, a, NULL, "the session of %lld", (long long)s->started_ms);
			continue;
		}
		json_array_append_new(a, o);
		ret = session_parts(st, s, o, bd, err);
	}
	store_sessions_free(rows, n);
	return ret;
}

static json_t *checkin_json(const struct checkin *c, struct build *bd)
{
	json_t *regions = json_object();
	for (int r = 0; r < REG__COUNT; r++)
		if (c->region[r] != CHECKIN_NONE)
			json_object_set_new(regions, region_names[r], json_integer(c->region[r]));
	json_t *o = json_pack("{s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "date", c->date, "at_ms",
			      (json_int_t)c->at_ms, "pain", opt_score(c->pain), "regions", regions, "headache",
			      opt_score(c->headache), "stiffness", opt_score(c->stiffness), "stress",
			      opt_score(c->stress), "sleep", opt_score(c->sleep));
	if (c->desk_hours == CHECKIN_NONE) {
		json_object_set_new(o, "desk_hours", json_null());
	} else {
		json_object_set_new(o, "desk_hours", json_real(c->desk_hours));
		if (real_digits(c->desk_hours) > bd->digits)
			bd->digits = real_digits(c->desk_hours);
	}
	json_object_set_new(o, "massage", c->massage == CHECKIN_NONE ? json_null() : json_boolean(c->massage));
	json_t *note = c->note ? json_string(c->note) : json_null();
	if (!note) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "note", note);
	return o;
}

static int add_checkins(struct store *st, json_t *doc, struct build *bd, struct strbuf *err)
{
	struct checkin *rows = NULL;
	size_t n = 0;
	if (st->ops->checkins_list(st, &rows, &n, err))
		return -1;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		keep(bd, a, checkin_json(&rows[i], bd), "the check-in of %s (its note)", rows[i].date);
	json_object_set_new(doc, "checkins", a);
	store_checkins_free(rows, n);
	return 0;
}

static const char *level_name(int level)
{
	return level >= 0 && level < URG__COUNT ? urgency_names[level] : "none";
}

/* Screenings, then the clearances that refer to them by position. */
static int add_screenings(struct store *st, json_t *doc, struct build *bd, struct strbuf *err)
{
	struct screening_row *rows = NULL;
	struct clearance_row *cl = NULL;
	size_t n = 0, ncl = 0;
	int ret = -1;
	if (st->ops->screenings_list(st, &rows, &n, err) || st->ops->clearances_list(st, &cl, &ncl, err))
		goto out;
	json_t *a = json_array();
	json_object_set_new(doc, "screenings", a);
	for (size_t i = 0; i < n; i++) {
		json_t *ans = json_array();
		for (size_t k = 0; k < rows[i].n_answers; k++) {
			const struct answer_row *x = &rows[i].answers[k];
			keep(bd, ans, json_pack("{s:s, s:b, s:s}", "question", x->question_id, "yes", x->yes, "level",
						level_name(x->level)),
			     "an answer of the screening of %lld", (long long)rows[i].at_ms);
		}
		keep(bd, a, json_pack("{s:I, s:s, s:b, s:o}", "at_ms", (json_int_t)rows[i].at_ms, "level",
				      level_name(rows[i].level), "neck_clear", rows[i].neck_clear, "answers", ans),
		     "the screening of %lld", (long long)rows[i].at_ms);
	}
	json_t *c = json_array();
	json_object_set_new(doc, "clearances", c);
	for (size_t i = 0; i < ncl; i++) {
		size_t k = 0;
		while (k < n && rows[k].id != cl[i].screening_id)
			k++;
		if (k == n) {
			strbuf_addf(err, "clearance of %s refers to a screening that is not there", cl[i].date);
			goto out;
		}
		keep(bd, c, json_pack("{s:I, s:s, s:s, s:I}", "at_ms", (json_int_t)cl[i].at_ms, "date", cl[i].date,
				      "note", cl[i].note, "screening", (json_int_t)k),
		     "the clearance of %s (its note)", cl[i].date);
	}
	ret = 0;
out:
	for (size_t i = 0; i < n; i++)
		screening_row_release(&rows[i]);
	free(rows);
	store_clearances_free(cl, ncl);
	return ret;
}

/* Activities as recorded, each with its ratings by date. */
static int add_psfs(struct store *st, json_t *doc, struct build *bd, struct strbuf *err)
{
	struct psfs_activity *acts = NULL;
	struct psfs_rating *rt = NULL;
	size_t na = 0, nr = 0;
	int ret = -1;
	if (st->ops->psfs_activities(st, &acts, &na, err) || st->ops->psfs_ratings(st, &rt, &nr, err))
		goto out;
	json_t *a = json_array();
	json_object_set_new(doc, "psfs", a);
	for (size_t i = 0; i < na; i++) {
		json_t *r = json_array();
		for (size_t k = 0; k < nr; k++)
			if (rt[k].activity_id == acts[i].id)
				keep(bd, r, json_pack("{s:s, s:i}", "date", rt[k].date, "score", rt[k].score),
				     "a rating of %s", rt[k].date);
		keep(bd, a, json_pack("{s:s, s:I, s:o}", "name", acts[i].name, "added_ms", (json_int_t)acts[i].added_ms,
				      "ratings", r),
		     "a functional-scale activity (its name)");
	}
	ret = 0;
out:
	store_psfs_activities_free(acts, na);
	free(rt);
	return ret;
}

/* Position of id in ids (n of them); n when it is not there. */
static size_t index_of_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t k = 0;
	while (k < n && ids[k] != id)
		k++;
	return k;
}

/* Assessments with their answers and factors as recorded. */
static int add_assessments(struct store *st, json_t *doc, struct build *bd, struct strbuf *err)
{
	struct assessment_row *rows = NULL;
	size_t n = 0;
	if (st->ops->assessments_list(st, &rows, &n, err))
		return -1;
	json_t *a = json_array();
	json_object_set_new(doc, "assessments", a);
	for (size_t i = 0; i < n; i++) {
		json_t *ans = json_array(), *fac = json_array();
		for (size_t k = 0; k < rows[i].n_answers; k++) {
			double v = rows[i].answers[k].value;
			keep(bd, ans, json_pack("{s:s, s:f}", "question", rows[i].answers[k].question, "value", v),
			     "an answer of the assessment of %s", rows[i].date);
			if (real_digits(v) > bd->digits)
				bd->digits = real_digits(v);
		}
		for (size_t k = 0; k < rows[i].n_factors; k++) {
			const struct factor_row *f = &rows[i].factors[k];
			keep(bd, fac, json_pack("{s:s, s:i, s:s}", "factor", f->factor, "strength", f->strength,
						"reason", f->reason),
			     "a factor of the assessment of %s", rows[i].date);
		}
		keep(bd, a, json_pack("{s:s, s:I, s:o, s:o}", "date", rows[i].date, "at_ms", (json_int_t)rows[i].at_ms,
				      "answers", ans, "factors", fac),
		     "the assessment of %s", rows[i].date);
	}
	store_assessments_free(rows, n);
	return 0;
}

/* Exercise feedback (referring to its session by position), then the plan changes
 * (referring to the feedback they judged by position). */
static int add_plan(struct store *st, json_t *doc, struct build *bd, struct strbuf *err)
{
	struct session_row *ss = NULL;
	struct feedback_row *fb = NULL;
	struct plan_change_row *pc = NULL;
	size_t nss = 0, nfb = 0, npc = 0;
	int64_t *sids = NULL, *fids = NULL;
	int ret = -1;
	if (st->ops->sessions_list(st, &ss, &nss, err) || st->ops->feedback_list(st, &fb, &nfb, err) ||
	    st->ops->plan_changes_list(st, &pc, &npc, err))
		goto out;
	sids = xcalloc(nss + 1, sizeof(*sids));
	fids = xcalloc(nfb + 1, sizeof(*fids));
	for (size_t i = 0; i < nss; i++)
		sids[i] = ss[i].id;
	json_t *a = json_array();
	json_object_set_new(doc, "feedback", a);
	for (size_t i = 0; i < nfb; i++) {
		const struct feedback_row *f = &fb[i];
		fids[i] = f->id;
		json_t *session = json_null();
		if (f->session_id) {
			size_t k = index_of_id(sids, nss, f->session_id);
			if (k == nss) {
				strbuf_addf(err, "feedback of %s on %s refers to a session that is not there",
					    f->exercise_id, f->date);
				goto out;
			}
			session = json_integer((json_int_t)k);
		}
		keep(bd, a, json_pack("{s:s, s:I, s:o, s:s, s:s, s:s, s:o, s:b}", "date", f->date, "at_ms",
				      (json_int_t)f->at_ms, "session", session, "routine", f->routine_id, "exercise",
				      f->exercise_id, "feeling", f->feeling, "pain_during", opt_score(f->pain_during),
				      "warning", f->warning),
		     "the feedback of %s", f->date);
	}
	json_t *c = json_array();
	json_object_set_new(doc, "plan_changes", c);
	for (size_t i = 0; i < npc; i++) {
		const struct plan_change_row *p = &pc[i];
		json_t *feedback = json_null();
		if (p->feedback_id) {
			size_t k = index_of_id(fids, nfb, p->feedback_id);
			if (k == nfb) {
				strbuf_addf(err, "plan change of %s on %s refers to feedback that is not there", p->slot,
					    p->date);
				goto out;
			}
			feedback = json_integer((json_int_t)k);
		}
		keep(bd,
			c, json_pack("{s:s, s:I, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:b, s:s}", "date",
				     p->date, "at_ms", (json_int_t)p->at_ms, "feedback", feedback, "routine", p->routine_id,
				     "slot", p->slot, "action", p->action, "rule", p->rule, "from_exercise",
				     p->from_exercise, "to_exercise", p->to_exercise, "from_reps", p->from_reps, "to_reps",
				     p->to_reps, "from_duration_s", p->from_duration_s, "to_duration_s", p->to_duration_s,
				     "paused", p->paused, "reason", p->reason),
			"the plan change of %s", p->date);
	}
	ret = 0;
out:
	free(sids);
	free(fids);
	store_sessions_free(ss, nss);
	store_feedback_free(fb, nfb);
	store_plan_changes_free(pc, npc);
	return ret;
}

/* The break coach's log, oldest first. */
static int add_breaks(struct store *st, json_t *doc, struct build *bd, struct strbuf *err)
{
	struct break_row *rows = NULL;
	size_t n = 0;
	if (st->ops->breaks_since(st, INT64_MIN, &rows, &n, err))
		return -1;
	json_t *a = json_array();
	json_object_set_new(doc, "breaks", a);
	for (size_t i = 0; i < n; i++)
		keep(bd, a, json_pack("{s:I, s:s, s:s, s:s, s:s}", "at_ms", (json_int_t)rows[i].at_ms, "kind",
				      brk_kind_names[rows[i].kind], "event", brk_event_names[rows[i].event], "exercise",
				      rows[i].exercise_id, "detail", rows[i].detail),
		     "the break event of %lld", (long long)rows[i].at_ms);
	store_breaks_free(rows, n);
	return 0;
}

int backup_build(struct store *st, json_t **out, size_t *flags, struct strbuf *err)
{
	struct build bd = { 15, 0, STRBUF_INIT };
	json_t *doc = json_pack("{s:s, s:i}", "format", BACKUP_FORMAT, "version", BACKUP_VERSION);
	int ret = -1;
	*out = NULL;
	if (add_sessions(st, doc, &bd, err) || add_checkins(st, doc, &bd, err) || add_screenings(st, doc, &bd, err) ||
	    add_psfs(st, doc, &bd, err) || add_assessments(st, doc, &bd, err) || add_plan(st, doc, &bd, err) ||
	    add_breaks(st, doc, &bd, err))
		goto out;
	if (bd.lost) { /* a backup short of a record would be believed whole */
		strbuf_addf(err, "%zu record%s could not be written (text that is not UTF-8), the first %s; no "
				 "backup was made rather than one that leaves %s out",
			    bd.lost, bd.lost == 1 ? "" : "s", bd.first.buf, bd.lost == 1 ? "it" : "them");
		goto out;
	}
	*out = doc;
	doc = NULL;
	*flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(bd.digits);
	ret = 0;
out:
	json_decref(doc);
	strbuf_release(&bd.first);
	return ret;
}
