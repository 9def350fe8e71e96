/* session.c: the session engine: expands items into segments, runs them on absolute
 * deadlines, applies the pain rules, and returns effects as data. See session.h. */
#include "session.h"
#include "bug.h"
#include "mem.h"
#include "prescribe.h"
#include "screen.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *const seg_kind_names[SEG__COUNT + 1] = {
	"ready", "phase", "rep", "contract", "relax", "switch", "rest", "timed", NULL
};

const char *const engine_state_names[ENGINE__COUNT + 1] = {
	"running", "paused", "offer", "ask", "done", "new", NULL
};

const char *const item_status_names[ITEM__COUNT + 1] = {
	"waiting", "active", "done", "skipped", "stopped", "left-out", NULL
};

#define SWITCH_MS 5000
#define ASK_S 8 /* seconds to answer "how was that" before the routine goes on */

/* What a routine's length counts for one "how was that": half the wait. Answered at
 * once, a session is a little shorter than shown; left to go on by itself, a little
 * longer; either way within 5 % (issue 19.4, bench/hands-free/timed-run.sh). */
static int64_t ask_estimate_ms(const struct routine *r)
{
	return (int64_t)(r->ready_s ? r->ready_s : ASK_S) * 1000 / 2;
}
#define SELF_REP_ESTIMATE_MS 4000

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

bool pain_stops(int score, int pain_before)
{
	return score > PAIN_STOP_ABOVE || (pain_before >= 0 && score >= pain_before + PAIN_STOP_RISE);
}

/* ---- moves: the one place state and status change (see the tables in session.h) ---- */

bool engine_state_allowed(enum engine_state from, enum engine_state to)
{
	static const unsigned allowed[ENGINE__COUNT] = {
		[ENGINE_NEW] = 1u << ENGINE_RUNNING | 1u << ENGINE_DONE,
		[ENGINE_RUNNING] = 1u << ENGINE_RUNNING | 1u << ENGINE_PAUSED | 1u << ENGINE_OFFER | 1u << ENGINE_ASK |
				   1u << ENGINE_DONE,
		[ENGINE_PAUSED] = 1u << ENGINE_RUNNING | 1u << ENGINE_OFFER | 1u << ENGINE_DONE,
		[ENGINE_OFFER] = 1u << ENGINE_RUNNING | 1u << ENGINE_DONE,
		[ENGINE_ASK] = 1u << ENGINE_RUNNING | 1u << ENGINE_DONE,
		[ENGINE_DONE] = 0,
	};
	return (unsigned)from < ENGINE__COUNT && (unsigned)to < ENGINE__COUNT && (allowed[from] >> to & 1u);
}

bool engine_item_allowed(enum item_status from, enum item_status to, bool replaced)
{
	static const unsigned allowed[ITEM__COUNT] = {
		[ITEM_WAITING] = 1u << ITEM_ACTIVE | 1u << ITEM_LEFT_OUT,
		[ITEM_ACTIVE] = 1u << ITEM_ACTIVE | 1u << ITEM_WAITING | 1u << ITEM_DONE | 1u << ITEM_SKIPPED |
				1u << ITEM_STOPPED,
		[ITEM_DONE] = 1u << ITEM_ACTIVE | 1u << ITEM_STOPPED,
		[ITEM_SKIPPED] = 1u << ITEM_ACTIVE,
		[ITEM_STOPPED] = 1u << ITEM_ACTIVE, /* and only as the easier version: below */
		[ITEM_LEFT_OUT] = 0,
	};
	if ((unsigned)from >= ITEM__COUNT || (unsigned)to >= ITEM__COUNT || !(allowed[from] >> to & 1u))
		return false;
	return from != ITEM_STOPPED || replaced;
}

bool engine_move(struct engine *e, enum engine_state to, const char *why)
{
	enum engine_state from = e->state;
	if (!engine_state_allowed(from, to)) {
		(void)why;
		BUG("the session engine's state: a move its table does not allow");
		return false;
	}
	e->state = to;
	return true;
}

bool engine_item_move(struct engine *e, size_t item, enum item_status to, const char *why)
{
	struct run_item *ri = item < e->n_items ? &e->items[item] : NULL;
	enum item_status from = ri ? ri->status : ITEM__COUNT;
	if (!ri || !engine_item_allowed(from, to, ri->replaced)) {
		(void)why;
		BUG("an exercise's status in the session engine: a move its table does not allow");
		return false;
	}
	ri->status = to;
	return true;
}

/* Leave an exercise out (the plan paused it, it needs a screen not passed and has no
 * safe variant, or it is not part of a gentle session): once is enough. */
static void leave_out(struct engine *e, size_t item, const char *why)
{
	if (e->items[item].status != ITEM_LEFT_OUT)
		engine_item_move(e, item, ITEM_LEFT_OUT, why);
}

/* The exercise stopped for pain or a warning sign (once: it may have stopped already). */
static void stop_item(struct engine *e, const char *why)
{
	if (e->items[e->item].status != ITEM_STOPPED)
		engine_item_move(e, e->item, ITEM_STOPPED, why);
}

/* ---- effects ---- */

static struct effect *fx_add(struct engine *e, enum effect_kind kind)
{
	GROW(e->fx, e->n_fx + 1, e->alloc_fx);
	struct effect *f = &e->fx[e->n_fx++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->side = "";
	f->exercise_id = "";
	f->item = -1;
	return f;
}

/* Keep a copy of a text for this call's effects (valid until the next call). */
static const char *keep(struct engine *e, const char *s)
{
	GROW(e->texts, e->n_texts + 1, e->alloc_texts);
	return e->texts[e->n_texts++] = xstrdup(s);
}

static void drop_texts(struct engine *e)
{
	for (size_t i = 0; i < e->n_texts; i++)
		free(e->texts[i]);
	e->n_texts = 0;
}

static void say(struct engine *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct engine *e, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	fx_add(e, FX_SAY)->text = keep(e, sb.buf);
	strbuf_release(&sb);
}

static void show(struct engine *e)
{
	if (!e->n_fx || e->fx[e->n_fx - 1].kind != FX_SHOW)
		fx_add(e, FX_SHOW);
}

/* ---- building segments ---- */

struct builder {
	struct segment *seg;
	size_t n, alloc;
};

static struct segment *seg_add(struct builder *b, enum seg_kind kind, int64_t dur_ms)
{
	GROW(b->seg, b->n + 1, b->alloc);
	struct segment *s = &b->seg[b->n++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->dur_ms = dur_ms;
	s->side = -1;
	s->position = -1;
	s->set_no = s->n_sets = 1;
	return s;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, f);
	strbuf_vaddf(&sb, f, ap);
	va_end(ap);
	return strbuf_detach(&sb);
}

static const char *cue(const struct exercise *ex, enum phase p)
{
	static const char *const dflt[PH__COUNT] = {
		[PH_UP] = "Up", [PH_HOLD] = "Hold", [PH_DOWN] = "Down", [PH_INHALE] = "Breathe in",
		[PH_EXHALE] = "Breathe out", [PH_CONTRACT] = "Press and hold", [PH_RELAX] = "Relax",
		[PH_START] = "Begin", [PH_SWITCH] = "Switch", [PH_REST] = "Rest", [PH_DONE] = "Done",
	};
	return ex->cues[p] ? ex->cues[p] : dflt[p];
}

static size_t count_words(const char *s)
{
	size_t n = 0;
	bool in = false;
	for (; *s; s++) {
		bool w = *s != ' ' && *s != '\n';
		n += w && !in;
		in = w;
	}
	return n;
}

static enum pacing item_pacing(const struct engine *e, const struct run_item *ri)
{
	enum pacing p = e->opt.pacing != PACE_DEFAULT ? e->opt.pacing : ri->dose.pacing;
	if (!ri->reps)
		return PACE_TIMED; /* holds, cycles and timed items always count down */
	return p == PACE_SELF ? PACE_SELF : PACE_TIMED;
}

/* The phases of one rep: the content's tempo, or up 2 s, the hold, down 2 s. */
static size_t rep_phases(const struct dose *d, struct tempo_step *out)
{
	if (d->n_tempo) {
		size_t n = d->n_tempo < 8 ? d->n_tempo : 8;
		memcpy(out, d->tempo, n * sizeof(*out));
		return n;
	}
	size_t n = 0;
	out[n++] = (struct tempo_step){ PH_UP, 2 };
	if (d->hold_s)
		out[n++] = (struct tempo_step){ PH_HOLD, d->hold_s };
	out[n++] = (struct tempo_step){ PH_DOWN, 2 };
	return n;
}

static void build_reps(const struct engine *e, const struct run_item *ri, struct builder *b, int n_reps)
{
	const struct exercise *ex = ri->ex;
	if (item_pacing(e, ri) == PACE_SELF) {
		for (int r = 1; r <= n_reps; r++) {
			struct segment *s = seg_add(b, SEG_REP_WAIT, 0);
			s->rep = r;
			s->n_reps = n_reps;
			s->rep_end = true;
			s->say = r == 1 ? fmt("Rep 1 of %d. Press enter after each rep.", n_reps) : fmt("%d", r);
		}
		return;
	}
	struct tempo_step ph[8];
	size_t np = rep_phases(&ri->dose, ph);
	if (ri->hold_s) { /* a trainer's hold: in place of the tempo's, or after the way up */
		size_t k = 0;
		while (k < np && ph[k].phase != PH_HOLD)
			k++;
		if (k == np && np < 8) {
			size_t up = 0;
			while (up < np && ph[up].phase != PH_UP)
				up++;
			up = up < np ? up + 1 : np;
			memmove(&ph[up + 1], &ph[up], (np - up) * sizeof(ph[0]));
			np++;
			k = up;
		}
		if (k < np)
			ph[k] = (struct tempo_step){ PH_HOLD, ri->hold_s };
	}
	for (int r = 1; r <= n_reps; r++) {
		bool first = true;
		struct segment *last = NULL;
		for (size_t i = 0; i < np; i++) {
			if (!ph[i].seconds)
				continue;
			struct segment *s = seg_add(b, SEG_PHASE, (int64_t)ph[i].seconds * 1000);
			s->phase = ph[i].phase;
			s->rep = r;
			s->n_reps = n_reps;
			s->say = first ? fmt("%d. %s", r, cue(ex, ph[i].phase)) : xstrdup(cue(ex, ph[i].phase));
			first = false;
			last = s;
		}
		if (last)
			last->rep_end = true;
	}
}

/* One set of one side: the reps, the cycles, the breaths or the timed stretch. */
static void build_unit(const struct engine *e, const struct run_item *ri, struct builder *b)
{
	const struct dose *d = &ri->dose;
	const struct exercise *ex = ri->ex;
	if (ri->reps) {
		build_reps(e, ri, b, ri->reps);
	} else if (d->n_positions) {
		for (size_t i = 0; i < d->n_positions; i++) {
			struct segment *s = seg_add(b, SEG_CONTRACT, (int64_t)d->contract_s * 1000);
			s->position = (int)i;
			s->say = fmt("%s. %s", d->positions[i], cue(ex, PH_CONTRACT));
			s = seg_add(b, SEG_RELAX, (int64_t)d->relax_s * 1000);
			s->position = (int)i;
			s->say = xstrdup(cue(ex, PH_RELAX));
		}
	} else if (d->n_tempo) {
		/* timed breathing: whole breaths that fit in the duration */
		int cycle = 0;
		for (size_t i = 0; i < d->n_tempo; i++)
			cycle += d->tempo[i].seconds;
		int breaths = ri->duration_s / cycle;
		if (breaths < 1)
			breaths = 1;
		struct run_item tmp = *ri;
		tmp.reps = breaths;
		build_reps(e, &tmp, b, breaths);
	} else {
		struct segment *s = seg_add(b, SEG_TIMED, (int64_t)ri->duration_s * 1000);
		s->say = xstrdup(cue(ex, PH_START));
	}
}

static void ready_text(const struct run_item *ri, struct strbuf *sb)
{
	const struct exercise *ex = ri->ex;
	strbuf_addf(sb, "Next: %s.", ex->name);
	for (size_t i = 0; i < ex->n_steps; i++)
		strbuf_addf(sb, " %s", ex->steps[i]);
	if (ri->dose.n_per)
		strbuf_addf(sb, " Start with %s.", ri->dose.per_names[0]);
	/* the cautions reach the person before the exercise, spoken as well as shown */
	for (size_t i = 0; i < ex->n_cautions; i++)
		strbuf_addf(sb, "%s%s", i ? " " : " Take care: ", ex->cautions[i]);
	if (ex->screen == SCREEN_NECK)
		strbuf_addstr(sb, " " ENGINE_ACK_WORDS);
}

static void build_item(const struct engine *e, const struct run_item *ri, struct builder *b)
{
	const struct dose *d = &ri->dose;
	struct strbuf text = STRBUF_INIT;
	ready_text(ri, &text);
	/* long enough to hear the steps (about 2.5 words a second), then a countdown */
	int64_t ready_ms = 6000 + (int64_t)count_words(text.buf) * 400;
	if (ready_ms < 10000)
		ready_ms = 10000;
	if (ready_ms > 60000)
		ready_ms = 60000;
	if (e->rt->ready_s)
		ready_ms = (int64_t)e->rt->ready_s * 1000; /* the routine's author chose it */
	if (ri->ex->screen == SCREEN_NECK)
		ready_ms = 0; /* a neck-screened exercise waits for the person to say they heard the cautions */
	struct segment *r = seg_add(b, SEG_READY, ready_ms);
	r->say = strbuf_detach(&text);

	int sets = d->sets ? d->sets : 1;
	int sides = d->n_per ? (int)d->n_per : 1;
	for (int set = 1; set <= sets; set++) {
		for (int side = 0; side < sides; side++) {
			if (side > 0) {
				struct segment *s = seg_add(b, SEG_SWITCH, SWITCH_MS);
				s->side = side;
				const char *sw = ri->ex->cues[PH_SWITCH];
				s->say = fmt("%s: %s", sw ? sw : d->per == PER_SIDE ? "Switch sides" : "Now",
					     d->per_names[side]);
			}
			size_t from = b->n;
			build_unit(e, ri, b);
			for (size_t i = from; i < b->n; i++) {
				b->seg[i].set_no = set;
				b->seg[i].n_sets = sets;
				b->seg[i].side = d->n_per ? side : -1;
			}
			b->seg[b->n - 1].unit_end = true;
		}
		if (set < sets && d->rest_s) {
			struct segment *s = seg_add(b, SEG_REST, (int64_t)d->rest_s * 1000);
			s->set_no = set;
			s->n_sets = sets;
			s->say = fmt("%s %d seconds. Set %d of %d is next.", cue(ri->ex, PH_REST), d->rest_s, set + 1, sets);
		}
	}
	for (size_t i = 0; i < b->n; i++)
		if (b->seg[i].kind == SEG_SWITCH || b->seg[i].kind == SEG_REST || b->seg[i].kind == SEG_READY) {
			b->seg[i].n_sets = sets;
			if (b->seg[i].kind == SEG_READY)
				b->seg[i].side = d->n_per ? 0 : -1;
		}
}

static void free_segments(struct segment *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i].say);
	free(s);
}

/* ---- running ---- */

static bool has_countdown(const struct segment *s)
{
	if (s->dur_ms < 5000)
		return false;
	return s->kind != SEG_PHASE || s->phase == PH_HOLD;
}

static const struct segment *cur_seg(const struct engine *e)
{
	return e->cur < e->n_seg ? &e->seg[e->cur] : NULL;
}

static void enter_segment(struct engine *e, int64_t t)
{
	const struct segment *s = cur_seg(e);
	e->seg_start = t;
	e->next_count = has_countdown(s) ? 3 : 0;
	if (s->kind != SEG_READY && s->kind != SEG_REST && s->kind != SEG_SWITCH && e->unit_start < 0)
		e->unit_start = t;
	if (s->say)
		fx_add(e, FX_SAY)->text = keep(e, s->say);
	show(e);
}

static void session_end(struct engine *e, int64_t t, int status);

static void start_item(struct engine *e, size_t i, int64_t t, size_t skip_units)
{
	free_segments(e->seg, e->n_seg);
	e->seg = NULL;
	e->n_seg = e->alloc_seg = 0;
	while (i < e->n_items && e->items[i].status == ITEM_LEFT_OUT) {
		i++;
		skip_units = 0; /* the recorded sets belong to the item that is left out */
	}
	if (i >= e->n_items) {
		session_end(e, t, 1);
		return;
	}
	const char *why = e->state == ENGINE_NEW ? "start" : i < e->item ? "back" : i == e->item ? "again" : "next";
	if (i < e->item && e->items[e->item].status == ITEM_ACTIVE)
		engine_item_move(e, e->item, ITEM_WAITING, why); /* back to the one before: this one waits again */
	engine_item_move(e, i, ITEM_ACTIVE, why);
	e->item = i;
	struct builder b = { NULL, 0, 0 };
	build_item(e, &e->items[i], &b);
	e->units_done = 0;
	if (skip_units) {
		/* resuming: drop the sets already recorded, keep the get-ready */
		size_t cut = 1, seen = 0;
		while (cut < b.n && seen < skip_units)
			if (b.seg[cut++].unit_end)
				seen++;
		if (cut >= b.n) {
			cut = b.n; /* everything was recorded: the item ends after get-ready */
		}
		for (size_t k = 1; k < cut; k++)
			free(b.seg[k].say);
		memmove(b.seg + 1, b.seg + cut, (b.n - cut) * sizeof(*b.seg));
		b.n -= cut - 1;
		e->units_done = (int)seen;
	}
	e->seg = b.seg;
	e->n_seg = b.n;
	e->alloc_seg = b.alloc;
	e->cur = 0;
	e->reps_done = 0;
	e->item_start = t;
	e->unit_start = -1;
	engine_move(e, ENGINE_RUNNING, why);
	enter_segment(e, t);
}

static void item_end(struct engine *e, int64_t t, int status)
{
	const struct run_item *ri = &e->items[e->item];
	struct effect *f = fx_add(e, FX_EXERCISE_END);
	f->item = (int)e->item;
	f->exercise_id = keep(e, ri->ex->id);
	f->status = status;
	f->reps_done = e->reps_done;
	f->duration_ms = t - e->item_start;
	if (status == 0)
		engine_item_move(e, e->item, ITEM_DONE, "finished");
	else if (status == 1)
		engine_item_move(e, e->item, ITEM_SKIPPED, "skip");
	/* status 2: the caller stopped it (stop_item) */
	if (status == 0 && ri->ex->cues[PH_DONE])
		say(e, "%s", ri->ex->cues[PH_DONE]);
}

static void session_end(struct engine *e, int64_t t, int status)
{
	engine_move(e, ENGINE_DONE, status == 1 ? "finished" : status == 2 ? "quit" : "stopped for safety");
	if (status == 1)
		say(e, "Well done. That is the whole routine.");
	struct effect *f = fx_add(e, FX_SESSION_END);
	f->status = status;
	f->duration_ms = t - e->started;
	show(e);
}

/* The segment ended at t: count, record, and move on. */
static void advance(struct engine *e, int64_t t)
{
	const struct segment *s = cur_seg(e);
	const struct run_item *ri = &e->items[e->item];
	if (has_countdown(s))
		fx_add(e, FX_BEEP);
	if (s->rep_end) {
		e->reps_done++;
	}
	if (s->unit_end) {
		struct effect *f = fx_add(e, FX_SET_DONE);
		f->item = (int)e->item;
		f->exercise_id = keep(e, ri->ex->id);
		f->set_no = s->set_no;
		f->side = s->side >= 0 ? keep(e, ri->dose.per_names[s->side]) : "";
		f->reps_target = s->n_reps;
		f->reps_done = s->n_reps ? s->rep : 0;
		f->duration_ms = t - (e->unit_start >= 0 ? e->unit_start : t);
		e->units_done++;
		e->unit_start = -1;
	}
	e->cur++;
	if (e->cur < e->n_seg) {
		enter_segment(e, t);
		return;
	}
	item_end(e, t, 0);
	if (e->opt.ask_feel) {
		/* hands-free: the question waits a few seconds, then the routine goes on */
		e->cur = e->n_seg - 1; /* the screen keeps showing the exercise just done */
		engine_move(e, ENGINE_ASK, "how was that");
		e->ask_until = t + (e->rt->ready_s ? e->rt->ready_s : ASK_S) * 1000;
		say(e, "How was that? Press 1 if easy, 2 if right, 3 if hard.");
		show(e);
		return;
	}
	start_item(e, e->item + 1, t, 0);
}

/* The answer to "how was that" (or none), then the next exercise. */
static void feel(struct engine *e, int64_t t, int how)
{
	if (how > 0) {
		struct effect *f = fx_add(e, FX_FEEL);
		f->item = (int)e->item;
		f->exercise_id = keep(e, e->items[e->item].ex->id);
		f->status = how;
	}
	engine_move(e, ENGINE_RUNNING, "answered");
	start_item(e, e->item + 1, t, 0);
}

static int64_t seg_end(const struct engine *e)
{
	const struct segment *s = cur_seg(e);
	return s && s->dur_ms ? e->seg_start + s->dur_ms : ENGINE_NO_DEADLINE;
}

int64_t engine_deadline(const struct engine *e)
{
	if (e->state == ENGINE_ASK)
		return e->ask_until;
	if (e->state != ENGINE_RUNNING)
		return ENGINE_NO_DEADLINE;
	int64_t end = seg_end(e);
	if (end == ENGINE_NO_DEADLINE)
		return end;
	return e->next_count ? end - (int64_t)e->next_count * 1000 : end;
}

static void tick(struct engine *e, int64_t now)
{
	int64_t dl;
	if (e->state == ENGINE_ASK && now >= e->ask_until)
		feel(e, e->ask_until, 0);
	while (e->state == ENGINE_RUNNING && (dl = engine_deadline(e)) <= now) {
		if (now - dl > ENGINE_STALL_MS) {
			/* the program was stopped or the machine slept: never count reps that
			 * were not done; wait at this point for the user to go on */
			int64_t end = seg_end(e);
			e->paused_left = end - dl;
			engine_move(e, ENGINE_PAUSED, "timer held up");
			say(e, "Paused: the timer was held up. Press space to go on.");
			show(e);
			break;
		}
		if (e->next_count) {
			say(e, "%d", e->next_count);
			e->next_count--;
		} else {
			advance(e, dl);
		}
	}
}

/* ---- pain ---- */

/* Choose what to offer after pain stopped an exercise, and say it in e->offer. */
static void make_offer(struct engine *e)
{
	const struct run_item *ri = &e->items[e->item];
	struct strbuf *t = &e->offer;
	e->offer_ex = ri->ex->regression ? catalog_exercise(e->cat, ri->ex->regression) : NULL;
	if (e->offer_ex && e->offer_ex->screen == SCREEN_NECK && (!e->opt.pass->neck_ok || e->opt.pass->gentle || e->warning_sign))
		e->offer_ex = NULL; /* never open head-over-the-edge work through an offer */
	e->offer_reps = 0;
	if (!e->offer_ex && ri->reps >= 3) { /* about half (dose_halved), and never a single rep */
		int h = dose_halved(dose_state_of(ri->ex->id, ri->reps, 0, false)).reps;
		e->offer_reps = h >= 2 ? h : 0;
	}
	strbuf_reset(t);
	if (e->offer_ex)
		strbuf_addf(t, "Try the easier version instead: %s", e->offer_ex->name);
	else if (e->offer_reps)
		strbuf_addf(t, "Try %s again with fewer reps: %d", ri->ex->name, e->offer_reps);
	else if (!ri->reps && ri->duration_s >= 20)
		strbuf_addf(t, "Try %s again, shorter and gentler: %d seconds", ri->ex->name, ri->duration_s / 2);
	else
		strbuf_addf(t, "Leave %s for today", ri->ex->name);
}

const char *engine_offer_text(const struct engine *e)
{
	return strbuf_str(&e->offer);
}

/* Stop the whole session for safety: say why and what to do, end it as status 3. */
static void safety_stop(struct engine *e, int64_t now, enum engine_stop why, const char *advice)
{
	e->stop = why;
	e->stop_advice = advice;
	say(e, "%s", advice);
	session_end(e, now, 3);
	e->fx[e->n_fx - 2].text = keep(e, advice); /* the FX_SESSION_END just added (a FX_SHOW follows) */
}

static const char PAIN_END_ADVICE[] =
	"Stop for today: pain of 8 or more is too much. Rest in a comfortable position. If the pain stays this "
	"high, or something new comes with it, see a doctor or a physiotherapist.";

static void hurt(struct engine *e, int64_t now, int score)
{
	struct run_item *ri = &e->items[e->item];
	struct effect *f;
	if (score >= PAIN_END_SESSION) {
		f = fx_add(e, FX_PAIN);
		f->item = (int)e->item;
		f->exercise_id = keep(e, ri->ex->id);
		f->score = score;
		f->text = keep(e, "session ended: pain of 8 or more");
		stop_item(e, "pain of 8 or more");
		if (e->state != ENGINE_OFFER && e->state != ENGINE_ASK)
			item_end(e, now, 2);
		safety_stop(e, now, STOP_PAIN, PAIN_END_ADVICE);
		return;
	}
	if (e->state == ENGINE_OFFER) {
		/* the exercise has stopped already: record it, and if it is too much, only move on */
		bool stop = pain_stops(score, e->opt.pain_before);
		if (stop && e->offer_reps >= 0) {
			e->offer_ex = NULL;
			e->offer_reps = -1;
			strbuf_reset(&e->offer);
			strbuf_addf(&e->offer, "Leave %s for today", ri->ex->name);
		}
		f = fx_add(e, FX_PAIN);
		f->item = (int)e->item;
		f->exercise_id = keep(e, ri->ex->id);
		f->score = score;
		f->text = keep(e, stop ? "reported after stopping; offer withdrawn" : "reported after stopping");
		say(e, "Noted, %d out of 10. %s.", score, engine_offer_text(e));
		show(e);
		return;
	}
	if (!pain_stops(score, e->opt.pain_before)) {
		f = fx_add(e, FX_PAIN);
		f->item = (int)e->item;
		f->exercise_id = keep(e, ri->ex->id);
		f->score = score;
		f->text = keep(e, "continued gently");
		say(e, "Noted, %d out of 10. Go gently, and stop if it gets worse.", score);
		return;
	}
	make_offer(e);
	struct strbuf action = STRBUF_INIT;
	strbuf_addf(&action, "stopped %s; offered: %s", ri->ex->id, engine_offer_text(e));
	f = fx_add(e, FX_PAIN);
	f->item = (int)e->item;
	f->exercise_id = keep(e, ri->ex->id);
	f->score = score;
	f->text = keep(e, action.buf);
	strbuf_release(&action);
	stop_item(e, "pain");
	item_end(e, now, 2);
	engine_move(e, ENGINE_OFFER, "pain");
	say(e, "Stop this exercise: %d out of 10 is too much. %s. Press enter to try it, or n to move on.",
	    score, engine_offer_text(e));
	show(e);
}

static void apply_neck_rule(struct engine *e, size_t from);

/* A warning sign: stop at once, end the session, say what to do. Head-over-the-edge
 * work is off for what is left of this engine (the gate locks it for later). */
static void symptom(struct engine *e, int64_t now)
{
	struct run_item *ri = &e->items[e->item];
	bool ended = e->state == ENGINE_OFFER || e->state == ENGINE_ASK;
	e->warning_sign = true;
	stop_item(e, "warning sign");
	apply_neck_rule(e, e->item + 1);
	struct strbuf action = STRBUF_INIT;
	strbuf_addf(&action, "stopped %s: dizziness or another warning sign", ri->ex->id);
	struct effect *f = fx_add(e, FX_PAIN);
	f->item = (int)e->item;
	f->exercise_id = keep(e, ri->ex->id);
	f->score = -1;
	f->text = keep(e, action.buf);
	strbuf_release(&action);
	if (!ended)
		item_end(e, now, 2);
	safety_stop(e, now, STOP_WARNING,
		    "Stop now, and rest with your head supported. If it does not pass within a minute, or comes with "
		    "double vision, slurred speech, trouble swallowing, numbness or weakness, call " EMERGENCY_WORDS
		    " now. The session ends here.");
}

static void accept_offer(struct engine *e, int64_t now)
{
	struct run_item *ri = &e->items[e->item];
	if (e->offer_ex) {
		ri->ex = e->offer_ex;
		if (e->offer_ex->dose.given) {
			ri->dose = e->offer_ex->dose;
			ri->reps = ri->dose.reps.min;
			ri->duration_s = ri->dose.duration_s.min;
		}
	} else if (e->offer_reps < 0) {
		start_item(e, e->item + 1, now, 0); /* after a warning sign there is nothing to retry */
		return;
	} else if (e->offer_reps) {
		ri->reps = e->offer_reps;
	} else if (!ri->reps && ri->duration_s >= 20) {
		ri->duration_s /= 2;
	} else {
		start_item(e, e->item + 1, now, 0);
		return;
	}
	ri->replaced = true; /* a stopped exercise runs again only as the easier version */
	start_item(e, e->item, now, 0);
}

/* ---- the transition function ---- */

void engine_input(struct engine *e, struct input in)
{
	e->n_fx = 0;
	drop_texts(e);
	if (e->state == ENGINE_DONE)
		return;
	tick(e, in.now);
	if (e->state == ENGINE_DONE)
		return;
	const struct segment *s = cur_seg(e);
	if (e->state == ENGINE_ASK) {
		/* only an answer, moving on, a pain report or quitting mean something here */
		if (in.kind == IN_FEEL && in.score >= FEEL_EASY && in.score <= FEEL_HARD)
			feel(e, in.now, in.score);
		else if (in.kind == IN_DONE)
			feel(e, in.now, FEEL_RIGHT);
		else if (in.kind == IN_SKIP)
			feel(e, in.now, 0);
		else if (in.kind == IN_HURT && in.score >= PAIN_END_SESSION && in.score <= 10)
			hurt(e, in.now, in.score);
		else if (in.kind == IN_HURT && in.score >= 0 && in.score <= 10) {
			struct effect *f = fx_add(e, FX_PAIN);
			f->item = (int)e->item;
			f->exercise_id = keep(e, e->items[e->item].ex->id);
			f->score = in.score;
			f->text = keep(e, "reported after the exercise");
			if (pain_stops(in.score, e->opt.pain_before))
				feel(e, in.now, FEEL_HURT);
		}
		else if (in.kind == IN_SYMPTOM)
			symptom(e, in.now);
		else if (in.kind == IN_QUIT)
			session_end(e, in.now, 2);
		return;
	}
	switch (in.kind) {
	case IN_TICK:
	case IN_FEEL:
		break;
	case IN_TOGGLE:
	case IN_PAUSE:
	case IN_RESUME:
		if (e->state == ENGINE_RUNNING && in.kind != IN_RESUME) {
			int64_t end = seg_end(e);
			e->paused_left = end == ENGINE_NO_DEADLINE ? 0 : end - in.now;
			engine_move(e, ENGINE_PAUSED, "pause");
			say(e, "Paused");
			show(e);
		} else if (e->state == ENGINE_PAUSED && in.kind != IN_PAUSE) {
			engine_move(e, ENGINE_RUNNING, "go on");
			if (s->dur_ms)
				e->seg_start = in.now - (s->dur_ms - e->paused_left);
			say(e, "Go on");
			show(e);
		}
		break;
	case IN_SKIP:
		if (e->state != ENGINE_OFFER)
			item_end(e, in.now, 1);
		start_item(e, e->item + 1, in.now, 0);
		break;
	case IN_BACK:
		/* a stopped exercise is never started again at full dose: back moves on */
		if (e->state == ENGINE_OFFER)
			start_item(e, e->item + 1, in.now, 0);
		else if (e->cur == 0 && e->item > 0 && in.now - e->seg_start < 2000 && e->items[e->item - 1].status != ITEM_STOPPED &&
			 e->items[e->item - 1].status != ITEM_LEFT_OUT)
			start_item(e, e->item - 1, in.now, 0);
		else
			start_item(e, e->item, in.now, 0);
		break;
	case IN_DONE:
		if (e->state == ENGINE_OFFER)
			accept_offer(e, in.now);
		else if (e->state == ENGINE_RUNNING &&
			 (s->kind == SEG_REP_WAIT || s->kind == SEG_READY || s->kind == SEG_REST ||
			  s->kind == SEG_SWITCH || s->kind == SEG_TIMED))
			advance(e, in.now);
		break;
	case IN_HURT:
		if (in.score >= 0 && in.score <= 10)
			hurt(e, in.now, in.score);
		break;
	case IN_SYMPTOM:
		symptom(e, in.now);
		break;
	case IN_QUIT:
		session_end(e, in.now, 2);
		break;
	}
}

/* Head-over-the-edge work only when the pass allows it, outside the gentle way, and with
 * no warning sign in this session: items from `from` on that need the neck screen run
 * their safe variant (a regression that needs no screen), or are left out when there
 * is none. */
static void apply_neck_rule(struct engine *e, size_t from)
{
	if (e->opt.pass->neck_ok && !e->opt.pass->gentle && !e->warning_sign)
		return;
	for (size_t i = from; i < e->n_items; i++) {
		struct run_item *ri = &e->items[i];
		if (ri->ex->screen != SCREEN_NECK)
			continue;
		const struct exercise *safe = ri->ex->regression ? catalog_exercise(e->cat, ri->ex->regression) : NULL;
		if (safe && safe->screen == SCREEN_NONE) {
			ri->ex = safe;
			if (safe->dose.given)
				ri->dose = safe->dose;
			ri->replaced = true;
		} else {
			leave_out(e, i, "needs the neck screen");
		}
		ri->reps = ri->dose.reps.min;
		ri->duration_s = ri->dose.duration_s.min;
		if (e->opt.pass->gentle) {
			struct dose_state h = dose_halved(dose_state_of(ri->ex->id, ri->reps, ri->duration_s, false));
			ri->reps = ri->dose.reps.max ? h.reps : 0;
			ri->duration_s = ri->dose.duration_s.max ? h.duration_s : 0;
		}
	}
}

/* One item as it will run: the content's dose at the low end of its ranges, or the
 * plan's (st, may be NULL) kept within them; halved the gentle way. Its status is not
 * touched here: true when the plan has paused it, and the caller leaves it out. */
static bool item_setup(const struct catalog *c, const struct item *it, const struct exercise *ex,
		       const struct dose_state *st, bool gentle, struct run_item *ri)
{
	ri->ex = ex;
	ri->dose = *item_dose(it, ex);
	/* start at the low end of a range; the plan moves doses up */
	ri->reps = ri->dose.reps.min;
	ri->duration_s = ri->dose.duration_s.min;
	bool paused = false;
	if (st) {
		const struct exercise *var = st->exercise ? catalog_exercise(c, st->exercise) : NULL;
		if (var && var != ex) {
			ri->ex = var;
			ri->dose = *slot_dose(c, it, var->id);
			ri->replaced = true;
		}
		/* stored doses stay within the content's ranges, even after it changed; a
		 * trainer's within the safe limits (core/prescribe.h) */
		if (st->reps > 0 && ri->dose.reps.max)
			ri->reps = st->prescribed ? clamp(st->reps, RX_REPS_MIN, RX_REPS_MAX)
						  : clamp(st->reps, ri->dose.reps.min, ri->dose.reps.max);
		if (st->duration_s > 0 && ri->dose.duration_s.max)
			ri->duration_s = st->prescribed ? clamp(st->duration_s, RX_DURATION_MIN, RX_DURATION_MAX)
						      : clamp(st->duration_s, ri->dose.duration_s.min,
							      ri->dose.duration_s.max);
		if (st->prescribed && st->sets > 0 && ri->dose.reps.max)
			ri->dose.sets = clamp(st->sets, RX_SETS_MIN, RX_SETS_MAX);
		if (st->prescribed && st->hold_s > 0 && ri->dose.reps.max)
			ri->hold_s = clamp(st->hold_s, 1, RX_HOLD_MAX);
		paused = st->paused;
	}
	if (gentle) {
		/* the gentle way: half doses; no neck stretches, no neck-screened work */
		struct dose_state h = dose_halved(dose_state_of(ri->ex->id, ri->reps, ri->duration_s, false));
		ri->reps = ri->dose.reps.max ? h.reps : 0;
		ri->duration_s = ri->dose.duration_s.max ? h.duration_s : 0;
	}
	return paused;
}

int engine_init(struct engine *e, const struct catalog *c, const struct routine *r,
		const struct engine_opts *opt, int64_t now)
{
	memset(e, 0, sizeof(*e));
	e->state = ENGINE_NEW;
	if (!opt->pass || opt->pass->seal != SESSION_PASS_SEAL)
		return ENGINE_NO_PASS; /* no way into exercise around the gate */
	e->cat = c;
	e->rt = r;
	e->opt = *opt;
	e->items = xcalloc(r->n_items, sizeof(*e->items));
	e->n_items = r->n_items;
	for (size_t i = 0; i < r->n_items; i++) {
		const struct exercise *ex = catalog_exercise(c, r->items[i].exercise);
		if (!ex) {
			free(e->items);
			e->items = NULL;
			return -1;
		}
		if (item_setup(c, &r->items[i], ex, opt->doses ? &opt->doses[i] : NULL, opt->pass->gentle, &e->items[i]))
			leave_out(e, i, "paused by the plan");
	}
	apply_neck_rule(e, 0); /* neck-screened work: its safe variant, or left out */
	for (size_t i = 0; i < e->n_items && opt->pass->gentle; i++)
		if (e->items[i].ex->gentle_skip)
			leave_out(e, i, "not in a gentle session");
	e->started = now;
	size_t first = opt->resume_item > 0 ? (size_t)opt->resume_item : 0;
	start_item(e, first, now, opt->resume_units > 0 ? (size_t)opt->resume_units : 0);
	return 0;
}

void engine_release(struct engine *e)
{
	free_segments(e->seg, e->n_seg);
	free(e->items);
	free(e->fx);
	drop_texts(e);
	free(e->texts);
	strbuf_release(&e->offer);
	memset(e, 0, sizeof(*e));
	e->state = ENGINE_NEW;
}

/* ---- views ---- */

const struct segment *engine_segment(const struct engine *e)
{
	return cur_seg(e);
}

const struct run_item *engine_current(const struct engine *e)
{
	return e->item < e->n_items && e->state != ENGINE_DONE ? &e->items[e->item] : NULL;
}

const struct run_item *engine_next_item(const struct engine *e)
{
	if (e->state == ENGINE_DONE)
		return NULL;
	for (size_t i = e->item + 1; i < e->n_items; i++)
		if (e->items[i].status != ITEM_LEFT_OUT)
			return &e->items[i];
	return NULL;
}

/* Milliseconds left in the current segment at now; 0 for waits. */
static int64_t seg_ms_left(const struct engine *e, int64_t now)
{
	const struct segment *s = cur_seg(e);
	if (!s || !s->dur_ms || e->state == ENGINE_DONE)
		return 0;
	int64_t left = e->state == ENGINE_PAUSED ? e->paused_left : e->seg_start + s->dur_ms - now;
	return left < 0 ? 0 : left;
}

int engine_seconds_left(const struct engine *e, int64_t now)
{
	return (int)((seg_ms_left(e, now) + 999) / 1000);
}

static int64_t segs_ms(const struct segment *s, size_t from, size_t n)
{
	int64_t ms = 0;
	for (size_t i = from; i < n; i++)
		ms += s[i].dur_ms ? s[i].dur_ms : SELF_REP_ESTIMATE_MS;
	return ms;
}

int engine_remaining_s(const struct engine *e, int64_t now)
{
	if (e->state == ENGINE_DONE)
		return 0;
	int64_t ask_ms = e->opt.ask_feel ? ask_estimate_ms(e->rt) : 0;
	/* a question being asked counts as much as the length of the routine counted for it
	 * (the clock holds, then runs down with its last seconds), so the time left never
	 * jumps up when it is asked */
	int64_t asking = e->ask_until > now ? e->ask_until - now : 0;
	int64_t ms = e->state == ENGINE_ASK ? (asking < ask_ms ? asking : ask_ms)
					    : seg_ms_left(e, now) + segs_ms(e->seg, e->cur + 1, e->n_seg) + ask_ms;
	for (size_t i = e->item + 1; i < e->n_items; i++) {
		if (e->items[i].status == ITEM_LEFT_OUT)
			continue;
		struct builder b = { NULL, 0, 0 };
		build_item(e, &e->items[i], &b);
		ms += segs_ms(b.seg, 0, b.n) + ask_ms;
		free_segments(b.seg, b.n);
	}
	return (int)((ms + 999) / 1000);
}

const char *engine_side_name(const struct engine *e)
{
	const struct segment *s = cur_seg(e);
	const struct run_item *ri = engine_current(e);
	if (!s || !ri || s->side < 0 || (size_t)s->side >= ri->dose.n_per)
		return "";
	return ri->dose.per_names[s->side];
}

/* ---- how long a run takes ---- */

int routine_run_s(const struct catalog *c, const struct routine *r, const struct dose_state *doses, bool gentle,
		  bool ask_feel)
{
	struct engine e;
	memset(&e, 0, sizeof(e));
	e.cat = c;
	e.rt = r;
	e.opt.pacing = PACE_DEFAULT;
	int64_t ms = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		const struct exercise *ex = catalog_exercise(c, r->items[i].exercise);
		if (!ex)
			continue;
		struct run_item ri;
		memset(&ri, 0, sizeof(ri));
		bool paused = item_setup(c, &r->items[i], ex, doses ? &doses[i] : NULL, gentle, &ri);
		if (paused || (gentle && ri.ex->gentle_skip))
			continue;
		struct builder b = { NULL, 0, 0 };
		build_item(&e, &ri, &b);
		ms += segs_ms(b.seg, 0, b.n);
		free_segments(b.seg, b.n);
		if (ask_feel)
			ms += ask_estimate_ms(r);
	}
	return (int)((ms + 999) / 1000);
}

void run_time_describe(int seconds, struct strbuf *out)
{
	if (seconds < 0)
		seconds = 0;
	strbuf_addf(out, "%d:%02d", seconds / 60, seconds % 60);
}

int run_minutes(int seconds)
{
	return seconds < 60 ? 1 : (seconds + 30) / 60;
}
