/* backup-json.c: a backup (app/backup.h) written as one JSON document, the full backup.
 *
 * {"format": "unhunch-backup", "version": 3,
 *  "sessions":   [{routine, started_ms, ended_ms|null (running), status, pain_before|null,
 *                  pain_after|null, pacing,
 *                  exercises: [{item, exercise, status, reps_done, duration_ms, at_ms}],
 *                  sets: [{item, exercise, set, side, reps_target, reps_done, duration_ms, at_ms}],
 *                  pain_reports: [{item, exercise, score|null (a warning sign), action, at_ms}]}],
 *  "checkins":   [{date, at_ms, pain, regions: {NAME: score}, headache, stiffness, stress,
 *                  sleep, desk_hours, massage (true/false), note}]   (null when not given)
 *  "screenings": [{at_ms, level, neck_clear, answers: [{question, yes, level, locks_neck, fact}]}]
 *  "clearances": [{at_ms, date, note, screening (index into screenings)}]
 *  "psfs":       [{name, added_ms, ratings: [{date, score}]}],
 *  "assessments": [{date, at_ms, answers: [{question, value}], factors: [{factor, strength, reason}]}],
 *  "feedback":   [{date, at_ms, session (index into sessions)|null, routine, exercise, feeling,
 *                  pain_during|null (unknown), warning}],
 *  "plan_changes": [{date, at_ms, feedback (index into feedback)|null (made by the user), routine,
 *                  slot, action, rule, from_exercise, to_exercise, from_reps, to_reps,
 *                  from_duration_s, to_duration_s, paused, reason}],
 *  "breaks":     [{at_ms, kind, event, exercise, detail}],
 *  "prescriptions": [{date, at_ms, trainer (the trainer's login name, "" when not known),
 *                  routine, slot, exercise, reps, sets, hold_s, duration_s (0: the content's),
 *                  note, warnings, place (only for an exercise added as a new step: "end" or
 *                  "before:SLOT"; "out" when an added step was taken out again)}]
 *                  (from version 2; a restore finds the trainer by name)
 *  "appointments": [{date, at_ms, kind (massage or training), areas ("chest,ribs": of chest,
 *                  ribs, hips, upper-back, neck, in that order), by (the trainer's name), note}]
 *                  (absent in older backups: none)
 *  "audit":      [{at_ms, who (their name when the line was written), what}]}
 *                  (from version 3, only when there are lines: the audit log about the person,
 *                  oldest first; a restore reads it but does not write it back, see
 *                  app/backup.h, so a round trip leaves it out)
 *
 * Times are Unix milliseconds; levels are urgency names. Every list is in the store's
 * own order (sessions, check-ins, screenings, clearances, assessments, feedback, plan
 * changes, breaks and prescriptions by time, appointments by date, the rest as recorded), which a restore reproduces, so the document is the same after a round trip. */
#include "format/backup-json.h"
#include "format/json-stream.h"
#include "core/cnum.h"
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
	cnum_snprintf(buf, sizeof(buf), "%.15g", v);
	return cnum_strtod(buf, NULL) == v ? 15 : 17;
}

static void session_parts(const struct backup_session *s, json_t *o, struct build *bd)
{
	const struct session_row *r = &s->row;
	json_t *a = json_array(), *b = json_array(), *c = json_array();
	for (size_t i = 0; i < s->n_exercises; i++) {
		const struct exercise_row *e = &s->exercises[i];
		keep(bd, a, json_pack("{s:i, s:s, s:s, s:i, s:I, s:I}", "item", e->item, "exercise", e->exercise_id,
				      "status", exercise_status_names[e->status], "reps_done", e->reps_done,
				      "duration_ms", (json_int_t)e->duration_ms, "at_ms", (json_int_t)e->at_ms),
		     "an exercise of the session of %lld", (long long)r->started_ms);
	}
	for (size_t i = 0; i < s->n_sets; i++) {
		const struct set_row *t = &s->sets[i];
		keep(bd, b, json_pack("{s:i, s:s, s:i, s:s, s:i, s:i, s:I, s:I}", "item", t->item, "exercise",
				      t->exercise_id, "set", t->set_no, "side", t->side, "reps_target", t->reps_target,
				      "reps_done", t->reps_done, "duration_ms", (json_int_t)t->duration_ms, "at_ms",
				      (json_int_t)t->at_ms),
		     "a set of the session of %lld", (long long)r->started_ms);
	}
	for (size_t i = 0; i < s->n_pains; i++) {
		const struct pain_row *p = &s->pains[i];
		keep(bd, c, json_pack("{s:i, s:s, s:o, s:s, s:I}", "item", p->item, "exercise", p->exercise_id, "score",
				      opt_score(p->score), "action", p->action, "at_ms", (json_int_t)p->at_ms),
		     "a pain report of the session of %lld", (long long)r->started_ms);
	}
	json_object_set_new(o, "exercises", a);
	json_object_set_new(o, "sets", b);
	json_object_set_new(o, "pain_reports", c);
}

static void add_sessions(const struct backup *b, json_t *doc, struct build *bd)
{
	json_t *a = json_array();
	json_object_set_new(doc, "sessions", a);
	for (size_t i = 0; i < b->n_sessions; i++) {
		const struct session_row *s = &b->sessions[i].row;
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
		session_parts(&b->sessions[i], o, bd);
	}
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

static void add_checkins(const struct backup *b, json_t *doc, struct build *bd)
{
	json_t *a = json_array();
	for (size_t i = 0; i < b->n_checkins; i++)
		keep(bd, a, checkin_json(&b->checkins[i], bd), "the check-in of %s (its note)", b->checkins[i].date);
	json_object_set_new(doc, "checkins", a);
}

static const char *level_name(int level)
{
	return level >= 0 && level < URG__COUNT ? urgency_names[level] : "none";
}

/* Screenings, then the clearances that refer to them by position. */
static void add_screenings(const struct backup *b, json_t *doc, struct build *bd)
{
	json_t *a = json_array();
	json_object_set_new(doc, "screenings", a);
	for (size_t i = 0; i < b->n_screenings; i++) {
		const struct screening_row *r = &b->screenings[i];
		json_t *ans = json_array();
		for (size_t k = 0; k < r->n_answers; k++) {
			const struct answer_row *x = &r->answers[k];
			keep(bd, ans, json_pack("{s:s, s:b, s:s, s:b, s:b}", "question", x->question_id, "yes", x->yes,
						"level", level_name(x->level), "locks_neck", x->locks_neck, "fact", x->fact),
			     "an answer of the screening of %lld", (long long)r->at_ms);
		}
		keep(bd, a, json_pack("{s:I, s:s, s:b, s:o}", "at_ms", (json_int_t)r->at_ms, "level", level_name(r->level),
				      "neck_clear", r->neck_clear, "answers", ans),
		     "the screening of %lld", (long long)r->at_ms);
	}
	json_t *c = json_array();
	json_object_set_new(doc, "clearances", c);
	for (size_t i = 0; i < b->n_clearances; i++) {
		const struct clearance_row *cl = &b->clearances[i];
		keep(bd, c, json_pack("{s:I, s:s, s:s, s:I}", "at_ms", (json_int_t)cl->at_ms, "date", cl->date, "note",
				      cl->note, "screening", (json_int_t)cl->screening_id),
		     "the clearance of %s (its note)", cl->date);
	}
}

/* Activities as recorded, each with its ratings by date. */
static void add_psfs(const struct backup *b, json_t *doc, struct build *bd)
{
	json_t *a = json_array();
	json_object_set_new(doc, "psfs", a);
	for (size_t i = 0; i < b->n_activities; i++) {
		const struct backup_activity *act = &b->activities[i];
		json_t *r = json_array();
		for (size_t k = 0; k < act->n_ratings; k++)
			keep(bd, r, json_pack("{s:s, s:i}", "date", act->ratings[k].date, "score", act->ratings[k].score),
			     "a rating of %s", act->ratings[k].date);
		keep(bd, a, json_pack("{s:s, s:I, s:o}", "name", act->a.name, "added_ms", (json_int_t)act->a.added_ms,
				      "ratings", r),
		     "a functional-scale activity (its name)");
	}
}

/* Assessments with their answers and factors as recorded. */
static void add_assessments(const struct backup *b, json_t *doc, struct build *bd)
{
	json_t *a = json_array();
	json_object_set_new(doc, "assessments", a);
	for (size_t i = 0; i < b->n_assessments; i++) {
		const struct assessment_row *r = &b->assessments[i];
		json_t *ans = json_array(), *fac = json_array();
		for (size_t k = 0; k < r->n_answers; k++) {
			double v = r->answers[k].value;
			keep(bd, ans, json_pack("{s:s, s:f}", "question", r->answers[k].question, "value", v),
			     "an answer of the assessment of %s", r->date);
			if (real_digits(v) > bd->digits)
				bd->digits = real_digits(v);
		}
		for (size_t k = 0; k < r->n_factors; k++) {
			const struct factor_row *f = &r->factors[k];
			keep(bd, fac, json_pack("{s:s, s:i, s:s}", "factor", f->factor, "strength", f->strength, "reason",
						f->reason),
			     "a factor of the assessment of %s", r->date);
		}
		keep(bd, a, json_pack("{s:s, s:I, s:o, s:o}", "date", r->date, "at_ms", (json_int_t)r->at_ms, "answers",
				      ans, "factors", fac),
		     "the assessment of %s", r->date);
	}
}

/* Exercise feedback (referring to its session by position), then the plan changes
 * (referring to the feedback they judged by position). */
static void add_plan(const struct backup *b, json_t *doc, struct build *bd)
{
	json_t *a = json_array();
	json_object_set_new(doc, "feedback", a);
	for (size_t i = 0; i < b->n_feedback; i++) {
		const struct feedback_row *f = &b->feedback[i];
		json_t *session = f->session_id < 0 ? json_null() : json_integer((json_int_t)f->session_id);
		keep(bd, a, json_pack("{s:s, s:I, s:o, s:s, s:s, s:s, s:o, s:b}", "date", f->date, "at_ms",
				      (json_int_t)f->at_ms, "session", session, "routine", f->routine_id, "exercise",
				      f->exercise_id, "feeling", f->feeling, "pain_during", opt_score(f->pain_during),
				      "warning", f->warning),
		     "the feedback of %s", f->date);
	}
	json_t *c = json_array();
	json_object_set_new(doc, "plan_changes", c);
	for (size_t i = 0; i < b->n_plan_changes; i++) {
		const struct plan_change_row *p = &b->plan_changes[i];
		json_t *feedback = p->feedback_id < 0 ? json_null() : json_integer((json_int_t)p->feedback_id);
		keep(bd,
			c, json_pack("{s:s, s:I, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:b, s:s}", "date",
				     p->date, "at_ms", (json_int_t)p->at_ms, "feedback", feedback, "routine", p->routine_id,
				     "slot", p->slot, "action", p->action, "rule", p->rule, "from_exercise",
				     p->from_exercise, "to_exercise", p->to_exercise, "from_reps", p->from_reps, "to_reps",
				     p->to_reps, "from_duration_s", p->from_duration_s, "to_duration_s", p->to_duration_s,
				     "paused", p->paused, "reason", p->reason),
			"the plan change of %s", p->date);
	}
}

/* The break coach's log, oldest first. */
static void add_breaks(const struct backup *b, json_t *doc, struct build *bd)
{
	json_t *a = json_array();
	json_object_set_new(doc, "breaks", a);
	for (size_t i = 0; i < b->n_breaks; i++) {
		const struct break_row *r = &b->breaks[i];
		keep(bd, a, json_pack("{s:I, s:s, s:s, s:s, s:s}", "at_ms", (json_int_t)r->at_ms, "kind",
				      brk_kind_names[r->kind], "event", brk_event_names[r->event], "exercise",
				      r->exercise_id, "detail", r->detail),
		     "the break event of %lld", (long long)r->at_ms);
	}
}

/* A trainer's prescriptions, oldest first, each with its trainer by login name. */
static void add_prescriptions(const struct backup *b, json_t *doc, struct build *bd)
{
	json_t *a = json_array();
	json_object_set_new(doc, "prescriptions", a);
	for (size_t i = 0; i < b->n_prescriptions; i++) {
		const struct prescription_row *p = &b->prescriptions[i];
		const char *trainer = b->rx_trainers && b->rx_trainers[i] ? b->rx_trainers[i] : "";
		json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:s, s:s}", "date", p->date,
				      "at_ms", (json_int_t)p->at_ms, "trainer", trainer, "routine", p->routine_id, "slot",
				      p->slot, "exercise", p->exercise_id, "reps", p->reps, "sets", p->sets, "hold_s",
				      p->hold_s, "duration_s", p->duration_s, "note", p->note, "warnings", p->warnings);
		/* a new step: its place (absent otherwise) */
		if (o && p->place && *p->place && json_object_set_new(o, "place", json_string(p->place))) {
			json_decref(o);
			o = NULL;
		}
		keep(bd, a, o, "the prescription of %s", p->date);
	}
}

/* A trainer's appointments, by date. */
static void add_appointments(const struct backup *b, json_t *doc, struct build *bd)
{
	json_t *a = json_array();
	json_object_set_new(doc, "appointments", a);
	for (size_t i = 0; i < b->n_appointments; i++) {
		const struct appointment_row *r = &b->appointments[i];
		keep(bd, a, json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "date", r->date, "at_ms", (json_int_t)r->at_ms,
				      "kind", r->kind, "areas", r->areas, "by", r->trainer_name, "note", r->note),
		     "the appointment of %s", r->date);
	}
}

/* The audit log about the person, oldest first; absent when empty, so a backup of a
 * store no one else reads is the same after a round trip. */
static void add_audit(const struct backup *b, json_t *doc, struct build *bd)
{
	if (!b->n_audit)
		return;
	json_t *a = json_array();
	json_object_set_new(doc, "audit", a);
	for (size_t i = 0; i < b->n_audit; i++) {
		const struct audit_row *r = &b->audit[i];
		keep(bd, a, json_pack("{s:I, s:s, s:s}", "at_ms", (json_int_t)r->at_ms, "who", r->actor_name, "what",
				      r->what),
		     "the audit line of %lld", (long long)r->at_ms);
	}
}

int format_backup_json(const struct backup *b, struct strbuf *out, struct strbuf *err)
{
	struct build bd = { 15, 0, STRBUF_INIT };
	json_t *doc = json_pack("{s:s, s:i}", "format", BACKUP_FORMAT, "version", BACKUP_VERSION);
	int ret = -1;
	add_sessions(b, doc, &bd);
	add_checkins(b, doc, &bd);
	add_screenings(b, doc, &bd);
	add_psfs(b, doc, &bd);
	add_assessments(b, doc, &bd);
	add_plan(b, doc, &bd);
	add_breaks(b, doc, &bd);
	add_prescriptions(b, doc, &bd);
	add_appointments(b, doc, &bd);
	add_audit(b, doc, &bd);
	if (bd.lost) { /* a backup short of a record would be believed whole */
		strbuf_addf(err, "%zu record%s could not be written (text that is not UTF-8), the first %s; no "
				 "backup was made rather than one that leaves %s out",
			    bd.lost, bd.lost == 1 ? "" : "s", bd.first.buf, bd.lost == 1 ? "it" : "them");
		goto out;
	}
	/* the real-number precision is the smallest that writes every stored decimal back
	 * exactly */
	char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(bd.digits));
	if (!s) {
		strbuf_addstr(err, "cannot write the JSON: out of memory");
		goto out;
	}
	strbuf_addstr(out, s);
	strbuf_addch(out, '\n');
	free(s);
	ret = 0;
out:
	json_decref(doc);
	strbuf_release(&bd.first);
	return ret;
}

/* The written form streamed (format_backup_json_stream): the sessions and the
 * check-ins, the long lists, one at a time; a first pass over them finds a record that
 * cannot be written and the real-number precision before anything is written. */
struct list_iter {
	const struct backup *b;
	struct build *bd;
	size_t i;
	bool sessions;
};

static json_t *session_json(const struct backup *b, size_t i, struct build *bd)
{
	const struct session_row *s = &b->sessions[i].row;
	json_t *o = json_pack("{s:s, s:I, s:o, s:s, s:o, s:o, s:s}", "routine", s->routine_id, "started_ms",
			      (json_int_t)s->started_ms, "ended_ms",
			      s->status == SESSION_RUNNING ? json_null() : json_integer(s->ended_ms), "status",
			      session_status_names[s->status], "pain_before", opt_score(s->pain_before), "pain_after",
			      opt_score(s->pain_after), "pacing", s->pacing);
	if (!o)
		keep(bd, NULL, NULL, "the session of %lld", (long long)s->started_ms);
	else
		session_parts(&b->sessions[i], o, bd);
	return o;
}

static int list_next(void *arg, json_t **out, struct strbuf *err)
{
	(void)err;
	struct list_iter *it = arg;
	for (;;) {
		size_t n = it->sessions ? it->b->n_sessions : it->b->n_checkins;
		if (it->i == n)
			return 0;
		size_t i = it->i++;
		*out = it->sessions ? session_json(it->b, i, it->bd) : checkin_json(&it->b->checkins[i], it->bd);
		if (*out)
			return 1;
		if (!it->sessions)
			keep(it->bd, NULL, NULL, "the check-in of %s (its note)", it->b->checkins[i].date);
	}
}

int format_backup_json_stream(const struct backup *b, struct outfile_sink *s, struct strbuf *err)
{
	struct build bd = { 15, 0, STRBUF_INIT };
	json_t *doc = json_pack("{s:s, s:i}", "format", BACKUP_FORMAT, "version", BACKUP_VERSION);
	int ret = -1;
	json_object_set_new(doc, "sessions", json_stream_mark(0));
	json_object_set_new(doc, "checkins", json_stream_mark(1));
	add_screenings(b, doc, &bd);
	add_psfs(b, doc, &bd);
	add_assessments(b, doc, &bd);
	add_plan(b, doc, &bd);
	add_breaks(b, doc, &bd);
	add_prescriptions(b, doc, &bd);
	add_appointments(b, doc, &bd);
	add_audit(b, doc, &bd);
	struct list_iter its[2] = { { b, &bd, 0, true }, { b, &bd, 0, false } };
	for (int k = 0; k < 2; k++) { /* the first pass */
		json_t *o;
		while (list_next(&its[k], &o, err) > 0)
			json_decref(o);
		its[k].i = 0;
	}
	if (bd.lost) {
		strbuf_addf(err, "%zu record%s could not be written (text that is not UTF-8), the first %s; no "
				 "backup was made rather than one that leaves %s out",
			    bd.lost, bd.lost == 1 ? "" : "s", bd.first.buf, bd.lost == 1 ? "it" : "them");
		goto out;
	}
	struct json_stream_list lists[2] = { { list_next, &its[0] }, { list_next, &its[1] } };
	ret = json_stream_write(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(bd.digits), lists, 2,
				s, err);
out:
	json_decref(doc);
	strbuf_release(&bd.first);
	return ret;
}
