/* plan-data.c: the plan's records in the store: profiles from assessments, exercise
 * feedback, and the catch-up that judges feedback into stored dose decisions with the
 * rules of core/plan-*.c. */
#include "app/plan-data.h"
#include "core/mem.h"
#include "core/screen.h"
#include "core/session.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int plan_profiles(struct store *st, struct profile **v, size_t *n, struct strbuf *err)
{
	struct assessment_row *rows = NULL;
	size_t nr = 0;
	*v = NULL;
	*n = 0;
	if (st->ops->assessments_list(st, &rows, &nr, err))
		return -1;
	struct profile *out = xcalloc(nr + 1, sizeof(*out));
	for (size_t i = 0; i < nr; i++) {
		double a[AQ__COUNT];
		for (int q = 0; q < AQ__COUNT; q++)
			a[q] = ASSESS_SKIPPED;
		for (size_t k = 0; k < rows[i].n_answers; k++) {
			int q = assess_find(rows[i].answers[k].question);
			if (q >= 0)
				a[q] = rows[i].answers[k].value;
		}
		int day = 0;
		day_parse(rows[i].date, &day);
		profile_build(&out[i], day, a);
		for (size_t k = 0; k < rows[i].n_factors; k++) {
			int f = name_index(factor_names, rows[i].factors[k].factor);
			if (f < 0)
				continue;
			out[i].f[f].strength = rows[i].factors[k].strength;
			/* the stored words, with their numbers apart when the rules say them the same
			 * way today (profile_build above) */
			struct strbuf now = STRBUF_INIT;
			reason_write(&out[i].f[f].reason, REASON_C, &now);
			if (strcmp(now.buf ? now.buf : "", rows[i].factors[k].reason ? rows[i].factors[k].reason : ""))
				reason_set_text(&out[i].f[f].reason, rows[i].factors[k].reason ? rows[i].factors[k].reason : "");
			strbuf_release(&now);
		}
	}
	store_assessments_free(rows, nr);
	*v = out;
	*n = nr;
	return 0;
}

/* ---- doses from the stored decisions ---- */

/* The newest prescription for item slot of routine (rx oldest first), or NULL. */
static const struct prescription_row *rx_latest(const char *routine, const char *slot,
						const struct prescription_row *rx, size_t nrx)
{
	for (size_t i = nrx; i-- > 0;)
		if (!strcmp(rx[i].routine_id, routine) && !strcmp(rx[i].slot, slot))
			return &rx[i];
	return NULL;
}

static int within(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The state of one item after the decisions in ch and the trainer's prescriptions in rx
 * (each oldest first). The newer of the latest decision and the latest prescription
 * sets the dose: a prescription is where the rules go on from, and a later decision
 * steps from it. A prescription never lifts a pause (a warning sign's least of all).
 * The prescription's sets and hold stay while its exercise runs. */
static struct dose_state state_of(const struct catalog *c, const char *routine, const struct item *it,
				  const struct plan_change_row *ch, size_t nc, const struct prescription_row *rx,
				  size_t nrx)
{
	struct dose_state s = dose_start(c, it);
	const struct plan_change_row *last = NULL;
	for (size_t i = nc; i-- > 0 && !last;)
		if (!strcmp(ch[i].routine_id, routine) && !strcmp(ch[i].slot, it->exercise))
			last = &ch[i];
	if (last) {
		const struct exercise *e = catalog_exercise(c, last->to_exercise);
		if (e) /* a variant the content no longer has: start again */
			s = dose_state_of(e->id, last->to_reps, last->to_duration_s, last->paused);
	}
	const struct prescription_row *p = rx_latest(routine, it->exercise, rx, nrx);
	const struct exercise *pe = p ? catalog_exercise(c, p->exercise_id) : NULL;
	if (pe && (!last || p->at_ms >= last->at_ms)) {
		if (strcmp(s.exercise, pe->id)) { /* another exercise: from its own start */
			const struct dose *d = slot_dose(c, it, pe->id);
			s = dose_state_of(pe->id, d->reps.min, d->duration_s.min, s.paused);
		}
		if (p->reps)
			s.reps = p->reps;
		if (p->duration_s)
			s.duration_s = p->duration_s;
	}
	if (pe && !strcmp(s.exercise, pe->id)) {
		s.prescribed = true;
		s.sets = p->sets;
		s.hold_s = p->hold_s;
	}
	/* a stored dose stays within the content's ranges as they are now, widened to the
	 * trainer's dose for the exercise they prescribed */
	const struct dose *d = slot_dose(c, it, s.exercise);
	int rlo = d->reps.min, rhi = d->reps.max, dlo = d->duration_s.min, dhi = d->duration_s.max;
	if (s.prescribed && p->reps) {
		rlo = p->reps < rlo ? p->reps : rlo;
		rhi = p->reps > rhi ? p->reps : rhi;
	}
	if (s.prescribed && p->duration_s) {
		dlo = p->duration_s < dlo ? p->duration_s : dlo;
		dhi = p->duration_s > dhi ? p->duration_s : dhi;
	}
	if (d->reps.max && s.reps)
		s.reps = within(s.reps, rlo, rhi);
	if (d->duration_s.max && s.duration_s)
		s.duration_s = within(s.duration_s, dlo, dhi);
	return s;
}

/* Decisions just before, for this item, that lowered the dose. */
static int regressions_in_a_row(const char *routine, const char *slot, const struct plan_change_row *ch, size_t nc)
{
	int k = 0;
	for (size_t i = nc; i-- > 0;) {
		if (strcmp(ch[i].routine_id, routine) || strcmp(ch[i].slot, slot))
			continue;
		if (strcmp(ch[i].action, "regress"))
			break;
		k++;
	}
	return k;
}

int plan_doses(struct store *st, const struct catalog *c, const struct routine *r, struct dose_state *states,
	       struct strbuf *err)
{
	struct plan_change_row *ch = NULL;
	struct prescription_row *rx = NULL;
	size_t nc = 0, nrx = 0;
	if (st->ops->plan_changes_list(st, &ch, &nc, err))
		return -1;
	if (st->ops->prescriptions_list(st, &rx, &nrx, err)) {
		store_plan_changes_free(ch, nc);
		return -1;
	}
	for (size_t i = 0; i < r->n_items; i++)
		states[i] = state_of(c, r->id, &r->items[i], ch, nc, rx, nrx);
	store_plan_changes_free(ch, nc);
	store_prescriptions_free(rx, nrx);
	return 0;
}

/* The item of routine r that exercise id runs as: its own, or its current variant. */
static const struct item *item_for(const struct routine *r, const struct dose_state *states, const char *id)
{
	for (size_t i = 0; i < r->n_items; i++)
		if (!strcmp(r->items[i].exercise, id))
			return &r->items[i];
	for (size_t i = 0; i < r->n_items; i++)
		if (!strcmp(states[i].exercise, id))
			return &r->items[i];
	return NULL;
}

/* The item of routine that runs exercise (its own or a variant now in use), with the
 * current doses of the routine in *states (caller frees); NULL with err when none. */
static const struct item *locate(struct store *st, const struct catalog *c, const char *routine,
				 const char *exercise, const struct routine **r, struct dose_state **states,
				 struct strbuf *err)
{
	*r = catalog_routine(c, routine);
	*states = NULL;
	if (!*r) {
		strbuf_addf(err, "no routine '%s'", routine);
		return NULL;
	}
	*states = xcalloc((*r)->n_items + 1, sizeof(**states));
	if (plan_doses(st, c, *r, *states, err))
		return NULL;
	const struct item *it = item_for(*r, *states, exercise);
	if (!it)
		strbuf_addf(err, "routine '%s' has no exercise '%s'", routine, exercise);
	return it;
}

int plan_feedback_row(struct store *st, const struct catalog *c, const char *routine, const char *exercise,
		      enum feeling feel, int pain_during, bool warning, int day, int64_t session_id, int64_t now_ms,
		      struct feedback_row *row, struct strbuf *err)
{
	const struct routine *r;
	struct dose_state *states = NULL;
	const struct item *it = locate(st, c, routine, exercise, &r, &states, err);
	free(states);
	if (!it)
		return -1;
	*row = (struct feedback_row){ 0, "", now_ms, session_id, (char *)routine, it->exercise,
				      (char *)feeling_names[feel], pain_during, warning };
	day_format(day, row->date);
	return 0;
}

int plan_feedback_record(struct store *st, const struct catalog *c, const char *routine, const char *exercise,
			 enum feeling feel, int pain_during, bool warning, int day, int64_t session_id, int64_t now_ms,
			 struct strbuf *err)
{
	struct feedback_row row;
	if (plan_feedback_row(st, c, routine, exercise, feel, pain_during, warning, day, session_id, now_ms, &row, err))
		return -1;
	return st->ops->feedback_add(st, &row, err);
}

/* ---- judging ---- */

/* The outcome of one feedback: with its session's scores, the pain is the highest of
 * the pain during and the pain after (unknown when neither was given), and a rise after
 * the session counts against the dose. */
static struct outcome outcome_of(const struct feedback_row *f, const struct session_row *s, size_t ns)
{
	struct outcome o = { 0, FEEL_NONE, f->pain_during, f->warning, false };
	day_parse(f->date, &o.day);
	int k = name_index(feeling_names, f->feeling);
	if (k > 0)
		o.feel = (enum feeling)k;
	for (size_t i = 0; f->session_id && i < ns; i++) {
		if (s[i].id != f->session_id)
			continue;
		if (s[i].pain_after > o.pain_during)
			o.pain_during = s[i].pain_after;
		o.after_bad = pain_after_bad(s[i].pain_before, s[i].pain_after);
	}
	return o;
}

static bool decided(int64_t feedback, const struct plan_change_row *ch, size_t nc)
{
	for (size_t i = 0; i < nc; i++)
		if (ch[i].feedback_id == feedback)
			return true;
	return false;
}

/* "Why. What changed." as stored with the decision: its numbers in C, as every stored
 * text (core's plan_change_reason() reads them back apart). */
static void reason_text(const struct judgement *j, const struct strbuf *what, enum verdict v, struct strbuf *out)
{
	reason_write(&j->why, REASON_C, out);
	if (out->len)
		out->buf[0] = (char)toupper((unsigned char)out->buf[0]);
	strbuf_addch(out, '.');
	if (v != V_HOLD && what->len)
		strbuf_addf(out, " Now: %s.", what->buf);
}

struct judging {
	struct store *st;
	const struct catalog *c;
	const struct session_row *sessions;
	size_t ns;
	const struct day *days;
	size_t n;
	int today;
	bool neck_clear;
	int64_t now_ms;
	const struct prescription_row *rx; /* the trainer's prescriptions, oldest first */
	size_t nrx;
};

/* Judge feedback i; 1 when a decision was stored, 0 when it waits or does not apply. */
static int judge_one(const struct judging *jg, const struct feedback_row *fb, size_t i, struct plan_change_row *ch,
		     size_t nc, struct strbuf *err)
{
	const struct feedback_row *f = &fb[i];
	const struct routine *r = catalog_routine(jg->c, f->routine_id);
	const struct item *it = NULL;
	for (size_t k = 0; r && k < r->n_items && !it; k++)
		if (!strcmp(r->items[k].exercise, f->exercise_id))
			it = &r->items[k];
	if (!it)
		return 0;
	struct dose_state cur = state_of(jg->c, r->id, it, ch, nc, jg->rx, jg->nrx);
	if (cur.paused)
		return 0;
	struct judge_input in = { outcome_of(f, jg->sessions, jg->ns), false, { 0 },
				  regressions_in_a_row(r->id, it->exercise, ch, nc), jg->days, jg->n, jg->today, 0 };
	/* the day it was entered, counted back from now (whole days) */
	if (f->at_ms > 0 && f->at_ms <= jg->now_ms)
		in.entered = jg->today - (int)((jg->now_ms - f->at_ms) / 86400000);
	for (size_t k = i; k-- > 0;)
		if (!strcmp(fb[k].routine_id, f->routine_id) && !strcmp(fb[k].exercise_id, f->exercise_id)) {
			in.has_prev = true;
			in.prev = outcome_of(&fb[k], jg->sessions, jg->ns);
			break;
		}
	struct judgement j = plan_judge(&in);
	if (j.v == V_WAIT)
		return 0;
	/* a session done before the trainer's newest prescription does not raise it (what
	 * lowers or pauses a dose always applies) */
	const struct prescription_row *p = rx_latest(r->id, it->exercise, jg->rx, jg->nrx);
	if (j.v == V_PROGRESS && p && p->at_ms > f->at_ms) {
		j.v = V_HOLD;
		j.rule = "prescribed-since";
		reason_set_text(&j.why, "your trainer's prescription came after this session, so the dose stays as "
					"they set it");
	}
	struct strbuf what = STRBUF_INIT, reason = STRBUF_INIT;
	struct dose_state next = dose_step(jg->c, it, cur, j.v, jg->neck_clear, &what);
	reason_text(&j, &what, j.v, &reason);
	struct plan_change_row row = { 0, "", jg->now_ms, f->id, r->id, it->exercise, (char *)verdict_names[j.v],
				       (char *)j.rule, (char *)cur.exercise, (char *)next.exercise, cur.reps, next.reps,
				       cur.duration_s, next.duration_s, next.paused, reason.buf };
	snprintf(row.date, sizeof(row.date), "%s", f->date); /* the session's day, not the judging day */
	int rc = jg->st->ops->plan_change_add(jg->st, &row, err) ? -1 : 1;
	strbuf_release(&what);
	strbuf_release(&reason);
	return rc;
}

/* By the session's day, then as entered: a diary back-filled after a later session is
 * judged in the order its days came, each after the one before it. */
static int by_session_day(const void *a, const void *b)
{
	const struct feedback_row *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	if (c)
		return c;
	if (x->at_ms != y->at_ms)
		return x->at_ms < y->at_ms ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int plan_catch_up(struct store *st, const struct catalog *c, const struct day *days, size_t n, int today,
		  bool neck_clear, int64_t now_ms, struct strbuf *err)
{
	struct feedback_row *stored = NULL, *fb = NULL;
	struct plan_change_row *ch = NULL;
	struct session_row *ss = NULL;
	struct prescription_row *rx = NULL;
	size_t nf = 0, nc = 0, ns = 0, nrx = 0;
	int made = 0;
	if (st->ops->feedback_list(st, &stored, &nf, err) || st->ops->plan_changes_list(st, &ch, &nc, err) ||
	    st->ops->sessions_list(st, &ss, &ns, err) || st->ops->prescriptions_list(st, &rx, &nrx, err))
		goto fail;
	/* a shallow copy in the order of the sessions' days (the text stays stored's) */
	fb = xcalloc(nf + 1, sizeof(*fb));
	if (nf)
		memcpy(fb, stored, nf * sizeof(*fb));
	qsort(fb, nf, sizeof(*fb), by_session_day);
	struct judging jg = { st, c, ss, ns, days, n, today, neck_clear, now_ms, rx, nrx };
	/* an item whose feedback waits for its next morning keeps the feedback of its later
	 * days waiting too */
	bool *waiting = xcalloc(nf + 1, sizeof(*waiting));
	for (size_t i = 0; i < nf; i++) {
		if (decided(fb[i].id, ch, nc))
			continue;
		bool blocked = false;
		for (size_t k = 0; k < i && !blocked; k++)
			blocked = waiting[k] && !strcmp(fb[k].routine_id, fb[i].routine_id) &&
				  !strcmp(fb[k].exercise_id, fb[i].exercise_id);
		int rc = blocked ? 0 : judge_one(&jg, fb, i, ch, nc, err);
		if (rc < 0) {
			free(waiting);
			goto fail;
		}
		waiting[i] = rc == 0;
		if (rc > 0) {
			made++;
			store_plan_changes_free(ch, nc);
			ch = NULL;
			nc = 0;
			if (st->ops->plan_changes_list(st, &ch, &nc, err)) {
				free(waiting);
				goto fail;
			}
		}
	}
	free(waiting);
	free(fb);
	store_feedback_free(stored, nf);
	store_plan_changes_free(ch, nc);
	store_sessions_free(ss, ns);
	store_prescriptions_free(rx, nrx);
	return made;
fail:
	free(fb);
	store_feedback_free(stored, nf);
	store_plan_changes_free(ch, nc);
	store_sessions_free(ss, ns);
	store_prescriptions_free(rx, nrx);
	return -1;
}

int plan_resume(struct store *st, const struct catalog *c, const char *routine, const char *exercise, int today,
		int64_t now_ms, struct strbuf *err)
{
	const struct routine *r;
	struct dose_state *states = NULL;
	int rc = -1;
	const struct item *it = locate(st, c, routine, exercise, &r, &states, err);
	if (!it)
		goto out;
	struct dose_state cur = states[it - r->items];
	rc = 1;
	if (!cur.paused)
		goto out;
	struct strbuf what = STRBUF_INIT;
	struct dose_state next = dose_step(c, it, cur, V_RESUME, false, &what);
	struct plan_change_row row = { 0, "", now_ms, 0, r->id, it->exercise, "resume", "resumed-by-you",
				       (char *)cur.exercise, (char *)next.exercise, cur.reps, next.reps, cur.duration_s,
				       next.duration_s, false, "You brought it back after the pause, at the same dose." };
	day_format(today, row.date);
	rc = st->ops->plan_change_add(st, &row, err) ? -1 : 0;
	strbuf_release(&what);
out:
	free(states);
	return rc;
}

int plan_routine_s(struct store *st, const struct catalog *c, const struct routine *r, bool gentle)
{
	struct dose_state *states = xcalloc(r->n_items + 1, sizeof(*states));
	struct strbuf err = STRBUF_INIT;
	bool known = st && !plan_doses(st, c, r, states, &err);
	int s = routine_run_s(c, r, known ? states : NULL, gentle, true);
	strbuf_release(&err);
	free(states);
	return s;
}

void plan_minutes_now(struct store *st, const struct catalog *c, struct plan *p)
{
	for (size_t i = 0; i < p->n_parts; i++) {
		struct plan_part *pt = &p->parts[i];
		const struct routine *r = pt->routine && !pt->all_day ? catalog_routine(c, pt->routine) : NULL;
		if (r) {
			pt->minutes = run_minutes(plan_routine_s(st, c, r, pt->halved));
		}
	}
}

int plan_back(struct store *st, const struct catalog *c, const char *routine, const char *exercise, int today,
	      int64_t now_ms, struct strbuf *err)
{
	const struct routine *r;
	struct dose_state *states = NULL;
	int rc = -1;
	const struct item *it = locate(st, c, routine, exercise, &r, &states, err);
	if (!it)
		goto out;
	struct dose_state cur = states[it - r->items];
	rc = 1;
	if (!dose_replaced(c, it, cur.exercise))
		goto out;
	rc = 2; /* an easier stand-in after pain: the rules bring the exercise back */
	if (dose_leads_back(c, it, cur.exercise))
		goto out;
	struct dose_state next = dose_start(c, it);
	next.paused = cur.paused; /* going back never lifts a pause */
	struct plan_change_row row = { 0, "", now_ms, 0, r->id, it->exercise, "resume", "back-by-you",
				       (char *)cur.exercise, (char *)next.exercise, cur.reps, next.reps, cur.duration_s,
				       next.duration_s, next.paused,
				       "You went back to the routine's own exercise, at its starting dose." };
	day_format(today, row.date);
	rc = st->ops->plan_change_add(st, &row, err) ? -1 : 0;
out:
	free(states);
	return rc;
}

int plan_switch(struct store *st, const struct catalog *c, const char *routine, const char *to, int today,
		int64_t now_ms, struct strbuf *why_not, struct strbuf *err)
{
	const struct exercise *e = catalog_exercise(c, to);
	if (!e) {
		strbuf_addf(err, "no exercise '%s'", to);
		return -1;
	}
	if (!e->instead_of) {
		strbuf_addf(why_not, "%s is not offered in place of any exercise of your routines", e->name);
		return 1;
	}
	const struct routine *r;
	struct dose_state *states = NULL, next = { 0 };
	int rc = -1;
	const struct item *it = locate(st, c, routine, e->instead_of, &r, &states, err);
	if (!it)
		goto out;
	struct dose_state cur = states[it - r->items];
	rc = 1;
	if (!dose_switch(c, it, cur, to, &next, why_not))
		goto out;
	struct plan_change_row row = { 0, "", now_ms, 0, r->id, it->exercise, "progress", "switch-by-you",
				       (char *)cur.exercise, (char *)next.exercise, cur.reps, next.reps, cur.duration_s,
				       next.duration_s, false,
				       "You chose a different exercise in place of the routine's own, which had no "
				       "harder step left." };
	day_format(today, row.date);
	rc = st->ops->plan_change_add(st, &row, err) ? -1 : 0;
out:
	free(states);
	return rc;
}

int plan_pause_info(struct store *st, const struct catalog *c, const char *routine, const char *exercise,
		    struct plan_pause *out, struct strbuf *err)
{
	const struct routine *r;
	struct dose_state *states = NULL;
	struct plan_change_row *ch = NULL;
	size_t nc = 0;
	int rc = -1;
	memset(out, 0, sizeof(*out));
	const struct item *it = locate(st, c, routine, exercise, &r, &states, err);
	if (!it || st->ops->plan_changes_list(st, &ch, &nc, err))
		goto out;
	struct dose_state cur = states[it - r->items];
	out->item = it;
	out->variant = catalog_exercise(c, cur.exercise);
	out->paused = cur.paused;
	for (size_t i = nc; i-- > 0;) {
		if (strcmp(ch[i].routine_id, r->id) || strcmp(ch[i].slot, it->exercise))
			continue;
		out->by_warning = cur.paused && !strcmp(ch[i].rule, "warning-sign");
		out->at_ms = ch[i].at_ms;
		break;
	}
	rc = 0;
out:
	store_plan_changes_free(ch, nc);
	free(states);
	return rc;
}

int plan_lower_now(struct store *st, const struct catalog *c, const char *routine, const char *exercise,
		   const char *rule, const char *why, int today, int64_t now_ms, struct strbuf *err)
{
	const struct routine *r;
	struct dose_state *states = NULL;
	struct plan_change_row *ch = NULL;
	size_t nc = 0;
	int rc = -1;
	const struct item *it = locate(st, c, routine, exercise, &r, &states, err);
	if (!it || st->ops->plan_changes_list(st, &ch, &nc, err))
		goto out;
	struct dose_state cur = states[it - r->items];
	rc = 1;
	if (cur.paused)
		goto out;
	/* as in plan_judge(): a second lowering in a row pauses the exercise */
	enum verdict v = regressions_in_a_row(r->id, it->exercise, ch, nc) ? V_PAUSE : V_REGRESS;
	struct strbuf what = STRBUF_INIT, reason = STRBUF_INIT;
	struct dose_state next = dose_step(c, it, cur, v, false, &what);
	strbuf_addf(&reason, "%s%s. Now: %s.", why,
		    v == V_PAUSE ? ", and it was already lowered last time: two in a row, so it pauses; check with a "
				   "physiotherapist before going on" : "",
		    what.buf);
	struct plan_change_row row = { 0, "", now_ms, 0, r->id, it->exercise, (char *)verdict_names[v],
				       (char *)(v == V_PAUSE ? "second-regression" : rule), (char *)cur.exercise,
				       (char *)next.exercise, cur.reps, next.reps, cur.duration_s, next.duration_s,
				       next.paused, reason.buf };
	day_format(today, row.date);
	rc = st->ops->plan_change_add(st, &row, err) ? -1 : 0;
	strbuf_release(&what);
	strbuf_release(&reason);
out:
	store_plan_changes_free(ch, nc);
	free(states);
	return rc;
}
