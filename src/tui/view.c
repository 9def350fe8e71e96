/* view.c: lays out the player screen (exercise, phase, big countdown, rep and side,
 * steps, what is next, elapsed and remaining time) as lines of text. Pure. */
#include "view.h"
#include "figure.h"
#include <stdio.h>
#include <string.h>

void view_init(struct view *v)
{
	memset(v, 0, sizeof(*v));
}

void view_release(struct view *v)
{
	for (int i = 0; i < VIEW_MAX_ROWS; i++)
		strbuf_release(&v->line[i]);
}

/* Characters counted as display columns (UTF-8 continuation bytes take none). */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

/* Append s to sb, cut so the line stays within cols columns. */
static void add_clipped(struct strbuf *sb, const char *s, int cols)
{
	size_t w = width(sb->buf ? sb->buf : "");
	for (; *s; s++) {
		bool cont = ((unsigned char)*s & 0xc0) == 0x80;
		if (!cont && (int)w >= cols)
			break;
		strbuf_addch(sb, *s);
		w += !cont;
	}
}

struct layout {
	struct view *v;
	int row;
	int limit; /* rows below this are kept for the footer */
};

static void line(struct layout *L, enum line_style st, const char *text)
{
	if (L->row >= L->limit)
		return;
	struct strbuf *sb = &L->v->line[L->row];
	strbuf_reset(sb);
	add_clipped(sb, text, L->v->cols);
	L->v->style[L->row++] = st;
}

/* Two texts on one line: left, and right-aligned when there is room. */
static void line2(struct layout *L, enum line_style st, const char *left, const char *right)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, left);
	int pad = L->v->cols - (int)width(left) - (int)width(right);
	if (pad >= 1) {
		for (int i = 0; i < pad; i++)
			strbuf_addch(&sb, ' ');
		strbuf_addstr(&sb, right);
	}
	line(L, st, sb.buf);
	strbuf_release(&sb);
}

/* Word-wrap text into lines of cols, at most max lines, the first after `first`,
 * the others after `rest`; returns lines used. */
static int wrapped(struct layout *L, enum line_style st, const char *first, const char *rest, const char *text, int max)
{
	int used = 0;
	const char *p = text;
	while (*p && used < max) {
		const char *indent = used ? rest : first;
		int cols = L->v->cols - (int)width(indent);
		if (cols < 10)
			cols = 10;
		while (*p == ' ')
			p++;
		const char *end = p, *brk = NULL;
		int w = 0;
		while (*end && w < cols) {
			if (*end == ' ')
				brk = end;
			w += ((unsigned char)*end & 0xc0) != 0x80;
			end++;
		}
		if (*end && brk)
			end = brk;
		struct strbuf sb = STRBUF_INIT;
		strbuf_addstr(&sb, indent);
		strbuf_add(&sb, p, (size_t)(end - p));
		line(L, st, sb.buf);
		strbuf_release(&sb);
		used++;
		p = end;
	}
	return used;
}

static const char *const FONT[11][5] = {
	{ "███", "█ █", "█ █", "█ █", "███" }, { " █ ", "██ ", " █ ", " █ ", "███" },
	{ "███", "  █", "███", "█  ", "███" }, { "███", "  █", "███", "  █", "███" },
	{ "█ █", "█ █", "███", "  █", "  █" }, { "███", "█  ", "███", "  █", "███" },
	{ "███", "█  ", "███", "█ █", "███" }, { "███", "  █", "  █", "  █", "  █" },
	{ "███", "█ █", "███", "█ █", "███" }, { "███", "█ █", "███", "  █", "███" },
	{ "   ", " █ ", "   ", " █ ", "   " }, /* colon */
};

/* Big digits (5 rows) for text made of digits and ':' */
static void big(struct layout *L, const char *text, bool ascii)
{
	int w = (int)strlen(text) * 4;
	int left = (L->v->cols - w) / 2;
	if (left < 0)
		left = 0;
	for (int r = 0; r < 5; r++) {
		struct strbuf sb = STRBUF_INIT;
		for (int i = 0; i < left; i++)
			strbuf_addch(&sb, ' ');
		for (const char *c = text; *c; c++) {
			int g = *c == ':' ? 10 : *c - '0';
			if (g < 0 || g > 10)
				continue;
			for (const char *p = FONT[g][r]; *p;) {
				if (!strncmp(p, "█", 3)) {
					strbuf_addstr(&sb, ascii ? "#" : "█");
					p += 3;
				} else {
					strbuf_addch(&sb, *p++);
				}
			}
			strbuf_addch(&sb, ' ');
		}
		line(L, LS_BIG, sb.buf);
		strbuf_release(&sb);
	}
}

static void clock_text(int s, struct strbuf *out)
{
	strbuf_addf(out, "%02d:%02d", s / 60, s % 60);
}

void view_phase_label(const struct engine *e, struct strbuf *out)
{
	const struct segment *s = engine_segment(e);
	const struct run_item *ri = engine_current(e);
	if (e->state == ENGINE_DONE || !s || !ri) {
		strbuf_addstr(out, e->stop == STOP_WARNING ? "Stopped: a warning sign"
				   : e->stop == STOP_PAIN  ? "Stopped: pain too high" : "Finished");
		return;
	}
	if (e->state == ENGINE_ASK) {
		strbuf_addstr(out, "Done. How was that?");
		return;
	}
	if (e->state == ENGINE_OFFER) {
		strbuf_addstr(out, "Stopped: it hurt too much");
		return;
	}
	switch (s->kind) {
	case SEG_READY: strbuf_addstr(out, s->dur_ms ? "Get ready" : "Read the cautions, then press enter"); break;
	case SEG_PHASE:
		strbuf_addstr(out, ri->ex->cues[s->phase] ? ri->ex->cues[s->phase] : phase_names[s->phase]);
		break;
	case SEG_REP_WAIT: strbuf_addstr(out, "Your pace: press enter after each rep"); break;
	case SEG_CONTRACT: strbuf_addf(out, "Contract: %s", ri->dose.positions[s->position]); break;
	case SEG_RELAX: strbuf_addstr(out, "Relax"); break;
	case SEG_SWITCH: strbuf_addf(out, "Switch to: %s", engine_side_name(e)); break;
	case SEG_REST: strbuf_addstr(out, "Rest"); break;
	case SEG_TIMED: strbuf_addstr(out, "Keep going"); break;
	default: break;
	}
	if (e->state == ENGINE_PAUSED)
		strbuf_addstr(out, "  (paused)");
}

static void dose_line(const struct run_item *ri, struct strbuf *out)
{
	struct dose d = ri->dose;
	if (d.reps.max)
		d.reps.min = d.reps.max = ri->reps;
	if (d.duration_s.max)
		d.duration_s.min = d.duration_s.max = ri->duration_s;
	dose_describe(&d, out);
}

void view_render(struct view *v, const struct engine *e, int64_t now, const struct view_extra *x, int rows, int cols)
{
	if (rows > VIEW_MAX_ROWS)
		rows = VIEW_MAX_ROWS;
	v->rows = rows;
	v->cols = cols;
	for (int i = 0; i < rows; i++) {
		strbuf_reset(&v->line[i]);
		v->style[i] = LS_NORMAL;
	}
	struct layout L = { v, 0, rows - 4 }; /* the footer takes the last 4 rows */
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	const struct run_item *ri = engine_current(e);
	const struct segment *s = engine_segment(e);

	strbuf_addf(&a, " unhunch: %s", x->routine_name);
	strbuf_addstr(&b, "elapsed ");
	clock_text((int)((now - e->started) / 1000), &b);
	strbuf_addstr(&b, "  left ");
	clock_text(engine_remaining_s(e, now), &b);
	strbuf_addch(&b, ' ');
	line2(&L, LS_TITLE, a.buf, b.buf);
	strbuf_reset(&a);
	strbuf_reset(&b);
	for (int i = 0; i < cols; i++)
		strbuf_addstr(&a, x->ascii ? "-" : "─");
	line(&L, LS_RULE, a.buf);
	strbuf_reset(&a);
	bool figure = !x->ascii && figure_fits(e, rows, cols);
	if (figure) /* the text wraps short of the figure beside it */
		v->cols = cols - FIGURE_COLS - 2;

	if (!ri || !s || e->state == ENGINE_DONE) {
		line(&L, LS_NORMAL, "");
		line(&L, LS_PHASE, " Finished. Well done.");
	} else {
		strbuf_addf(&a, " %zu/%zu  %s", e->item + 1, e->n_items, ri->ex->name);
		if (s->n_sets > 1)
			strbuf_addf(&b, "set %d of %d", s->set_no, s->n_sets);
		if (*engine_side_name(e))
			strbuf_addf(&b, "%s%s", b.len ? " · " : "", engine_side_name(e));
		strbuf_addch(&b, ' ');
		line2(&L, LS_TITLE, a.buf, b.buf);
		strbuf_reset(&a);
		strbuf_reset(&b);
		strbuf_addch(&a, ' ');
		view_phase_label(e, &a);
		if (s->n_reps)
			strbuf_addf(&b, "rep %d of %d ", s->rep, s->n_reps);
		line2(&L, LS_PHASE, a.buf, b.buf);
		strbuf_reset(&a);
		strbuf_reset(&b);
		if (s->kind == SEG_READY)
			wrapped(&L, LS_DIM, " Why: ", "      ", ri->ex->purpose, 2);
		else
			line(&L, LS_NORMAL, "");
		if (e->state == ENGINE_ASK) {
			line(&L, LS_PHASE, " Press 1 if it was easy, 2 if it was right, 3 if it was hard.");
			line(&L, LS_DIM, " (The plan adjusts your doses from this. No answer: it goes on.)");
		} else if (e->state == ENGINE_OFFER) {
			wrapped(&L, LS_ALERT, " ", " ", engine_offer_text(e), 3);
			line(&L, LS_ALERT, e->offer_reps < 0 ? " Press n to move on, or q to stop."
							     : " Press enter to try it, or n to move on.");
		} else {
			int left = engine_seconds_left(e, now);
			if (!s->dur_ms)
				strbuf_addf(&a, "%d", s->rep);
			else if (left >= 100)
				strbuf_addf(&a, "%d:%02d", left / 60, left % 60);
			else
				strbuf_addf(&a, "%d", left);
			if (rows >= 16) {
				big(&L, a.buf, x->ascii);
			} else {
				struct strbuf t = STRBUF_INIT;
				strbuf_addf(&t, s->dur_ms ? " Time left: %s" : " Rep: %s", a.buf);
				line(&L, LS_BIG, t.buf);
				strbuf_release(&t);
			}
		}
		strbuf_reset(&a);
		line(&L, LS_NORMAL, "");
		dose_line(ri, &a);
		{
			struct strbuf d = STRBUF_INIT;
			strbuf_addf(&d, " Dose: %s", a.buf);
			line(&L, LS_DIM, d.buf);
			strbuf_release(&d);
		}
		strbuf_reset(&a);
		/* before the exercise, its cautions first; then the steps: as many as fit above
		 * the footer (5 lines) */
		int room = rows - L.row - 5;
		for (size_t i = 0; s->kind == SEG_READY && i < ri->ex->n_cautions && room > 0; i++)
			room -= wrapped(&L, LS_ALERT, i ? "            " : " Take care: ", "            ", ri->ex->cautions[i],
					room);
		for (size_t i = 0; i < ri->ex->n_steps && room > 0; i++) {
			strbuf_reset(&a);
			strbuf_addf(&a, "%zu. %s", i + 1, ri->ex->steps[i]);
			room -= wrapped(&L, LS_NORMAL, " ", "    ", a.buf, room);
		}
		strbuf_reset(&a);
	}
	v->cols = cols;
	/* footer: next, notice or prompt, keys (the warning-sign key on the last line, so a
	 * narrow terminal never cuts it off) */
	L.row = rows - 4 > 0 ? rows - 4 : 0;
	L.limit = rows;
	const struct run_item *next = engine_next_item(e);
	if (next) {
		dose_line(next, &b);
		strbuf_addf(&a, " Next: %s (%s)", next->ex->name, b.buf);
	} else if (ri) {
		strbuf_addstr(&a, " Next: the end of the routine");
	}
	line(&L, LS_DIM, a.buf);
	if (x->prompt) {
		line(&L, LS_ALERT, x->prompt);
	} else if (x->alert) {
		strbuf_reset(&b);
		strbuf_addf(&b, " %s", x->alert);
		line(&L, LS_ALERT, b.buf);
	} else if (x->notice) {
		strbuf_reset(&b);
		strbuf_addf(&b, " %s", x->notice);
		line(&L, LS_DIM, b.buf);
	}
	else
		line(&L, LS_RULE, "");
	line(&L, LS_DIM, e->state == ENGINE_DONE ? "" : " space pause  n skip  b back  enter done  q quit");
	line(&L, LS_KEYS, e->state == ENGINE_DONE ? " q quit" : " d: dizzy or another warning sign   h: it hurts");
	strbuf_release(&a);
	strbuf_release(&b);
	if (figure) /* a small figure of the exercise, where the screen is wide enough */
		view_figure(v, e, now);
}
