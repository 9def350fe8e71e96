/* safety.c: the safety status from the store, warnings and clearances (see safety.h). */
#include "app/safety.h"
#include "core/utf8.h"
#include "app/days.h"
#include "app/plan-data.h"
#include "app/group.h"
#include "app/safety-fold.h"
#include "core/mem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The regions the latest assessment named as painful (bits of enum region). */
static int known_regions(struct store *st, unsigned *bits, struct strbuf *err)
{
	struct profile *pv = NULL;
	size_t n = 0;
	*bits = 0;
	if (plan_profiles(st, &pv, &n, err))
		return -1;
	if (n && pv[n - 1].answers[AQ_PAIN_WHERE] >= 0)
		*bits = (unsigned)pv[n - 1].answers[AQ_PAIN_WHERE];
	free(pv);
	return 0;
}

int app_safety(const struct app_ctx *ctx, struct app_safety *out, struct strbuf *err)
{
	struct checkin *ci = NULL;
	struct day *days = NULL;
	size_t nci = 0, nd = 0;
	memset(out, 0, sizeof(*out));
	if (ctx->store->ops->checkins_list(ctx->store, &ci, &nci, err))
		return -1;
	/* the days of the check-ins alone: the flare-up reads only their pain */
	app_days_fold(ci, nci, NULL, 0, ctx->tz, &days, &nd);
	int rc = app_safety_of(ctx, ci, nci, days, nd, out, err);
	store_checkins_free(ci, nci);
	free(days);
	return rc;
}

/* What the status reads besides the check-ins: the screenings, the clearances and the
 * latest assessment's regions. */
struct safety_others {
	struct screening_row *rows;
	size_t nr;
	struct clearance_row *cl;
	size_t ncl;
	unsigned known;
};

static void others_release(struct safety_others *o)
{
	for (size_t i = 0; i < o->nr; i++)
		screening_row_release(&o->rows[i]);
	free(o->rows);
	store_clearances_free(o->cl, o->ncl);
	memset(o, 0, sizeof(*o));
}

static int others_read(struct store *st, struct safety_others *o, struct strbuf *err)
{
	memset(o, 0, sizeof(*o));
	if (st->ops->screenings_list(st, &o->rows, &o->nr, err) || st->ops->clearances_list(st, &o->cl, &o->ncl, err) ||
	    known_regions(st, &o->known, err)) {
		others_release(o);
		return -1;
	}
	return 0;
}

/* news_of for safety_status(): the memo's fold since the screen it picks */
static unsigned fold_news(void *arg, int64_t since_ms)
{
	return safety_fold_news(arg, since_ms);
}

/* The status from them and the check-ins (ci, nci), or their fold (then ci is not
 * read), with the flare-up worked out. */
static void status_of(const struct app_ctx *ctx, const struct safety_others *o, const struct checkin *ci, size_t nci,
		      struct flare flare, struct safety_fold *fold, struct app_safety *out)
{
	size_t nr = o->nr, ncl = o->ncl;
	const struct screening_row *rows = o->rows;
	memset(out, 0, sizeof(*out));
	struct safety_facts f;
	memset(&f, 0, sizeof(f));
	f.known_regions = o->known;
	struct safety_screen *sv = xcalloc(nr + 1, sizeof(*sv));
	struct screen_answer **answers = xcalloc(nr + 1, sizeof(*answers));
	bool **locks = xcalloc(nr + 1, sizeof(*locks));
	for (size_t i = 0; i < nr; i++) {
		answers[i] = xcalloc(rows[i].n_answers + 1, sizeof(**answers));
		locks[i] = xcalloc(rows[i].n_answers + 1, sizeof(**locks));
		for (size_t k = 0; k < rows[i].n_answers; k++) {
			answers[i][k] = (struct screen_answer){ rows[i].answers[k].question_id, rows[i].answers[k].yes };
			locks[i][k] = rows[i].answers[k].locks_neck;
		}
		sv[i] = (struct safety_screen){ rows[i].id, rows[i].at_ms, tz_day_of_ms(ctx->tz, rows[i].at_ms),
						(enum urgency)rows[i].level, rows[i].neck_clear, answers[i],
						rows[i].n_answers, locks[i] };
	}
	struct safety_clearance *cv = xcalloc(ncl + 1, sizeof(*cv));
	for (size_t i = 0; i < ncl; i++) {
		int d = 0;
		day_parse(o->cl[i].date, &d);
		cv[i] = (struct safety_clearance){ o->cl[i].at_ms, d, o->cl[i].screening_id };
	}
	f.cat = ctx->content;
	f.screens = sv;
	f.n_screens = nr;
	f.clearances = cv;
	f.n_clearances = ncl;
	f.checkins = ci;
	f.n_checkins = nci;
	f.flare = flare;
	f.now_ms = ctx->now_ms;
	if (fold) {
		f.news_of = fold_news;
		f.news_arg = fold;
	}
	safety_status(&f, &out->s);
	if (out->s.neck_lock_id) {
		snprintf(out->lock_id, sizeof(out->lock_id), "%s", out->s.neck_lock_id);
		out->s.neck_lock_id = out->lock_id;
	}
	if (nr) {
		out->has_latest = true;
		out->latest_id = rows[nr - 1].id;
		out->latest_day = sv[nr - 1].day;
	}
	for (size_t i = 0; i < nr; i++) {
		free(answers[i]);
		free(locks[i]);
	}
	free(answers);
	free(locks);
	free(sv);
	free(cv);
}

int app_safety_of(const struct app_ctx *ctx, const struct checkin *ci, size_t nci, const struct day *days, size_t nd,
		  struct app_safety *out, struct strbuf *err)
{
	struct safety_others o;
	memset(out, 0, sizeof(*out));
	if (others_read(ctx->store, &o, err))
		return -1;
	status_of(ctx, &o, ci, nci, plan_flare(days, nd, app_today(ctx)), NULL, out);
	others_release(&o);
	return 0;
}

/* ---- the group commit's memo ---- */

/* On the committer's thread, for the batch open on st: the other facts and the fold of
 * the check-ins as they stand after the write numbered seq (app_group_job_seq). A
 * check-in of the very next write is added to it; anything else (a write that is not a
 * check-in, one undone, the batch's end) drops it, and the next check-in reads the
 * store again. */
struct safety_memo {
	const struct store *st;
	unsigned long seq;
	bool stamped;         /* kept after its batch: valid while data_version is stamp */
	uint64_t stamp;
	struct safety_others o;
	struct safety_fold fold;
};
static _Thread_local struct safety_memo *memo;
_Atomic unsigned long app_safety_memo_builds;

void app_safety_memo_drop(void)
{
	if (!memo)
		return;
	others_release(&memo->o);
	safety_fold_release(&memo->fold);
	free(memo);
	memo = NULL;
}

void app_safety_memo_keep(struct store *st)
{
	uint64_t v;
	if (!memo || memo->st != st || !st->ops->data_version || st->ops->data_version(st, &v, NULL)) {
		app_safety_memo_drop();
		return;
	}
	memo->stamped = true;
	memo->stamp = v;
}

void app_safety_memo_check(struct store *st)
{
	uint64_t v;
	if (!memo)
		return;
	if (memo->st != st || !memo->stamped || !st->ops->data_version || st->ops->data_version(st, &v, NULL) ||
	    v != memo->stamp) {
		app_safety_memo_drop();
		return;
	}
	memo->stamped = false;
}

int app_safety_after_checkin(const struct app_ctx *ctx, const struct checkin *saved, struct app_safety *out,
			     struct strbuf *err)
{
	unsigned long seq = app_group_job_seq;
	if (!ctx->store->grouped || !seq)
		return app_safety(ctx, out, err);
	if (memo && memo->st == ctx->store && !memo->stamped && memo->seq + 1 == seq &&
	    memo->fold.today == app_today(ctx) &&
	    safety_fold_add(&memo->fold, saved)) {
		memo->seq = seq;
		status_of(ctx, &memo->o, NULL, 0, safety_fold_flare(&memo->fold), &memo->fold, out);
		return 0;
	}
	app_safety_memo_drop();
	app_safety_memo_builds++;
	struct checkin *ci = NULL;
	struct day *days = NULL;
	size_t nci = 0, nd = 0;
	memset(out, 0, sizeof(*out));
	struct safety_memo *m = xcalloc(1, sizeof(*m));
	if (others_read(ctx->store, &m->o, err) || ctx->store->ops->checkins_list(ctx->store, &ci, &nci, err)) {
		others_release(&m->o);
		free(m);
		return -1;
	}
	app_days_fold(ci, nci, NULL, 0, ctx->tz, &days, &nd);
	status_of(ctx, &m->o, ci, nci, plan_flare(days, nd, app_today(ctx)), NULL, out);
	if (safety_fold_build(&m->fold, ci, nci, m->o.known, app_today(ctx), ctx->tz)) {
		m->st = ctx->store;
		m->seq = seq;
		memo = m;
	} else {
		others_release(&m->o);
		free(m);
	}
	store_checkins_free(ci, nci);
	free(days);
	return 0;
}

/* The once-ever facts answered yes in any stored screening (ids into rows). */
static int past_facts(struct store *st, struct screening_row **rows, size_t *nr, struct strbuf *err)
{
	return st->ops->screenings_list(st, rows, nr, err);
}

static bool fact_said(const struct catalog *c, const struct screening_row *rows, size_t nr, const char *id)
{
	for (size_t i = 0; i < nr; i++)
		for (size_t k = 0; k < rows[i].n_answers; k++) {
			const struct answer_row *x = &rows[i].answers[k];
			const struct question *q = catalog_question(c, x->question_id);
			if (x->yes && (x->fact || (q && q->fact)) && !strcmp(x->question_id, id))
				return true;
		}
	return false;
}

int app_screen_save(const struct app_ctx *ctx, const struct screen_answer *given, size_t n_given,
		    struct screening_row *out, struct strbuf *err)
{
	struct screening_row *past = NULL;
	size_t np = 0;
	if (past_facts(ctx->store, &past, &np, err))
		return -1;
	/* a once-ever fact answered yes before stays yes (carried), also when not asked */
	size_t n = n_given;
	struct screen_answer *a = xcalloc(n_given + ctx->content->n_q + 1, sizeof(*a));
	bool *carried = xcalloc(n_given + ctx->content->n_q + 1, sizeof(*carried));
	memcpy(a, given, n_given * sizeof(*a));
	for (size_t i = 0; i < n_given; i++)
		if (!a[i].yes && fact_said(ctx->content, past, np, a[i].id))
			a[i].yes = carried[i] = true;
	for (size_t q = 0; q < ctx->content->n_q; q++) {
		const char *id = ctx->content->q[q].id;
		bool asked = false;
		for (size_t i = 0; i < n_given && !asked; i++)
			asked = !strcmp(given[i].id, id);
		if (!asked && fact_said(ctx->content, past, np, id)) {
			a[n] = (struct screen_answer){ id, true };
			carried[n++] = true;
		}
	}
	enum urgency *levels = xcalloc(n + 1, sizeof(*levels));
	enum urgency worst = screen_evaluate_carried(ctx->content, a, n, carried, levels);
	struct answer_row *rows = xcalloc(n + 1, sizeof(*rows));
	for (size_t i = 0; i < n; i++) {
		const struct question *q = catalog_question(ctx->content, a[i].id);
		rows[i] = (struct answer_row){ (char *)a[i].id, a[i].yes, (int)levels[i],
					       !carried[i] && screen_answer_locks_neck(ctx->content, a[i].id),
					       q && q->fact };
	}
	/* the neck screen as answered now: a carried fact keeps its lock through the
	 * answer that first gave it, until a clearance */
	struct screening_row r = { 0, ctx->now_ms, (int)worst, screen_neck_clear(ctx->content, given, n_given), rows,
				   n };
	int rc = ctx->store->ops->screening_add(ctx->store, &r, err);
	if (!rc && out) {
		*out = r;
		out->answers = NULL;
		out->n_answers = 0;
	}
	free(rows);
	free(levels);
	free(a);
	free(carried);
	for (size_t i = 0; i < np; i++)
		screening_row_release(&past[i]);
	free(past);
	return rc;
}

void app_warning_row(const struct app_ctx *ctx, struct answer_row *a, struct screening_row *r)
{
	*a = (struct answer_row){ (char *)SCREEN_WARNING_ID, true, URG_DAYS, true, false };
	*r = (struct screening_row){ 0, ctx->now_ms, URG_DAYS, false, a, 1 };
}

int app_record_warning(const struct app_ctx *ctx, struct strbuf *err)
{
	struct answer_row a;
	struct screening_row r;
	app_warning_row(ctx, &a, &r);
	return ctx->store->ops->screening_add(ctx->store, &r, err);
}

int app_warning_settle(const struct app_ctx *ctx, bool readable, int64_t at_ms, int level, const char *question,
		       struct strbuf *err)
{
	if (!readable || level < 0 || level > 4 || !question || !*question) {
		at_ms = ctx->now_ms;
		level = 2; /* URG_DAYS: pauses exercise until a screen or a clearance */
		question = "warning-sign";
	}
	struct answer_row a = { (char *)question, true, level, true, false }; /* a warning sign: it locks */
	struct screening_row r = { 0, at_ms, level, false, &a, 1 };
	return ctx->store->ops->screening_add(ctx->store, &r, err);
}

int app_screen_kept_facts(const struct app_ctx *ctx, const struct screen_answer *a, size_t n,
			  const struct question **out, size_t max, struct strbuf *err)
{
	struct screening_row r;
	bool found = false;
	if (ctx->store->ops->screening_latest(ctx->store, &r, &found, err))
		return -1;
	if (!found)
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < r.n_answers && k < max; i++) {
		bool said = false;
		for (size_t j = 0; j < n && !said; j++)
			said = a[j].yes && !strcmp(a[j].id, r.answers[i].question_id);
		const struct question *q = catalog_question(ctx->content, r.answers[i].question_id);
		if (r.answers[i].fact && r.answers[i].yes && !said && q)
			out[k++] = q;
	}
	screening_row_release(&r);
	return (int)k;
}

int app_clearance_record(const struct app_ctx *ctx, const char *note, const char *date, enum app_clearance_refusal *refused,
			 struct strbuf *err)
{
	struct app_safety sa;
	*refused = CLEAR_OK;
	if (app_safety(ctx, &sa, err))
		return -1;
	*refused = CLEAR_NOTHING;
	if (!sa.has_latest || (sa.s.level < URG_ROUTINE && !sa.s.neck_locked)) {
		strbuf_addstr(err, "your last screen has nothing that needs clearing");
		return -1;
	}
	*refused = CLEAR_EMERGENCY;
	if (sa.s.level == URG_EMERGENCY) {
		strbuf_addstr(err, "an emergency answer cannot be cleared here. Once you have had help and are well again, "
				   "answer the questions again");
		return -1;
	}
	int day;
	const char *why;
	*refused = CLEAR_BAD_DATE;
	if (!day_parse(date, &day)) {
		strbuf_addf(err, "'%s' is not a real date written YYYY-MM-DD", date);
		return -1;
	}
	/* the visit comes after what it clears: the latest result, or what locked the neck work */
	int from = sa.s.level >= URG_ROUTINE ? sa.latest_day : tz_day_of_ms(ctx->tz, sa.s.neck_lock_ms);
	if (!clearance_ok(note, day, from, app_today(ctx), &why)) {
		*refused = day < from || day > app_today(ctx) ? CLEAR_BAD_DATE : CLEAR_BAD_NOTE;
		strbuf_addstr(err, why);
		return -1;
	}
	/* a control character would reach the terminal that shows the note (as a check-in's note) */
	unsigned cp = utf8_control(note, true);
	if (cp) {
		char name[16];
		*refused = CLEAR_BAD_NOTE;
		strbuf_addf(err, "has a control character (%s); write plain text", utf8_control_name(cp, name));
		return -1;
	}
	*refused = CLEAR_OK;
	struct clearance_row c = { 0, ctx->now_ms, "", (char *)note, sa.latest_id };
	snprintf(c.date, sizeof(c.date), "%s", date);
	return ctx->store->ops->clearance_add(ctx->store, &c, err);
}

int app_record_clearance(const struct app_ctx *ctx, const char *note, const char *date, struct strbuf *err)
{
	enum app_clearance_refusal refused;
	return app_clearance_record(ctx, note, date, &refused, err);
}
