/* handout-pdf.c: lays the handout out on A4 pages with cairo. The layout runs twice:
 * once to count the pages (nothing drawn), once to draw, so every page can say
 * "page N of M". An exercise is never split across pages. */
#include "handout-pdf.h"
#include "figure-svg.h"
#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W 595.276 /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 48.0
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define BOTTOM (PAGE_H - MARGIN - 18) /* the footer sits below */
#define PICTURE_H 150.0                /* points, at most */

struct pen {
	cairo_t *cr;
	bool draw;
	double y;
	int page, pages;
	const struct handout *h;
	struct strbuf *err;
};

static void font(struct pen *p, double size, bool bold)
{
	cairo_select_font_face(p->cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(p->cr, size);
}

static double text_width(struct pen *p, const char *s, size_t n)
{
	char buf[512];
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	cairo_text_extents_t ext;
	cairo_text_extents(p->cr, buf, &ext);
	return ext.x_advance;
}

static void show(struct pen *p, double x, double baseline, const char *s, size_t n)
{
	if (!p->draw)
		return;
	char buf[512];
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	cairo_move_to(p->cr, x, baseline);
	cairo_show_text(p->cr, buf);
}

/* Text wrapped into width from x, lines size * 1.35 apart, the first after lead (a
 * number or a bullet hung in the left margin of the text). Moves the pen down. */
static void para(struct pen *p, const char *text, double x, double width, double size, bool bold, const char *lead)
{
	font(p, size, bold);
	double line = size * 1.35;
	if (lead)
		show(p, x - text_width(p, lead, strlen(lead)) - 4, p->y + size, lead, strlen(lead));
	const char *s = text;
	while (*s) {
		while (*s == ' ')
			s++;
		const char *end = s, *brk = NULL;
		while (*end) {
			const char *w = end;
			while (*w == ' ')
				w++;
			const char *we = w;
			while (*we && *we != ' ')
				we++;
			if (text_width(p, s, (size_t)(we - s)) > width && brk)
				break;
			brk = we;
			end = we;
		}
		show(p, x, p->y + size, s, (size_t)(end - s));
		p->y += line;
		s = end;
	}
}

static void colour(struct pen *p, double r, double g, double b)
{
	cairo_set_source_rgb(p->cr, r, g, b);
}

static void footer(struct pen *p)
{
	if (!p->draw)
		return;
	char buf[160];
	font(p, 8.5, false);
	colour(p, 0.45, 0.47, 0.5);
	snprintf(buf, sizeof(buf), "page %d of %d", p->page, p->pages);
	show(p, PAGE_W - MARGIN - text_width(p, buf, strlen(buf)), PAGE_H - MARGIN + 6, buf, strlen(buf));
	const char *left = "unhunch: stop if something hurts sharply, and see a doctor for the warning signs on each exercise.";
	show(p, MARGIN, PAGE_H - MARGIN + 6, left, strlen(left));
}

static void new_page(struct pen *p)
{
	footer(p);
	if (p->draw)
		cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
}

/* ---- an exercise ---- */

/* The picture of an exercise, parsed; NULL when it has none (or librsvg refuses it). */
static RsvgHandle *picture(const struct app_handout_item *it, double *w, double *h)
{
	struct strbuf svg = STRBUF_INIT;
	RsvgHandle *r = NULL;
	/* sides or directions drawn differently get a row each */
	bool rows = it->e->picture && it->e->picture->n_sides;
	double most = rows ? 2.3 * PICTURE_H : PICTURE_H;
	if (rows ? svg_exercise(&svg, it->e, 150) : svg_exercise_strip(&svg, it->e, &it->dose, -1, STRIP_ALL, 200, false)) {
		r = rsvg_handle_new_from_data((const guint8 *)svg.buf, svg.len, NULL);
		gdouble pw, ph;
		if (r && rsvg_handle_get_intrinsic_size_in_pixels(r, &pw, &ph) && pw > 0 && ph > 0) {
			double s = most / ph;
			if (pw * s > TEXT_W)
				s = TEXT_W / pw;
			*w = pw * s, *h = ph * s;
		} else if (r) {
			g_object_unref(r);
			r = NULL;
		}
	}
	strbuf_release(&svg);
	return r;
}

static void exercise_block(struct pen *p, const struct app_handout_item *it, int number)
{
	const struct exercise *e = it->e;
	char head[200];
	snprintf(head, sizeof(head), "%d. %s", number, e->name);
	colour(p, 0.12, 0.16, 0.22);
	para(p, head, MARGIN, TEXT_W, 13, true, NULL);
	struct strbuf dose = STRBUF_INIT;
	dose_describe(&it->dose, &dose);
	colour(p, 0.25, 0.35, 0.5);
	para(p, dose.buf, MARGIN, TEXT_W, 10, true, NULL);
	strbuf_release(&dose);
	colour(p, 0.3, 0.32, 0.35);
	para(p, e->purpose, MARGIN, TEXT_W, 9.5, false, NULL);
	p->y += 4;
	double w, h;
	RsvgHandle *r = picture(it, &w, &h);
	if (r) {
		if (p->draw) {
			RsvgRectangle vp = { MARGIN + (TEXT_W - w) / 2, p->y, w, h };
			GError *gerr = NULL;
			if (!rsvg_handle_render_document(r, p->cr, &vp, &gerr)) {
				strbuf_addf(p->err, "cannot draw the picture of %s: %s", e->id, gerr ? gerr->message : "?");
				if (gerr)
					g_error_free(gerr);
			}
		}
		p->y += h + 6;
		g_object_unref(r);
	}
	colour(p, 0.1, 0.1, 0.1);
	for (size_t i = 0; i < e->n_steps; i++) {
		char num[24];
		snprintf(num, sizeof(num), "%zu.", i + 1);
		para(p, e->steps[i], MARGIN + 18, TEXT_W - 18, 10, false, num);
	}
	if (e->n_equipment) {
		p->y += 3;
		for (size_t i = 0; i < e->n_equipment; i++) {
			struct strbuf q = STRBUF_INIT;
			strbuf_addf(&q, "You need: %s%s", e->equipment[i].name, e->equipment[i].optional ? " (if you like)" : "");
			for (size_t k = 0; k < e->equipment[i].n_stand_ins; k++)
				strbuf_addf(&q, "%s%s", k ? ", or " : ", or instead ", e->equipment[i].stand_ins[k]);
			para(p, q.buf, MARGIN, TEXT_W, 9.5, false, NULL);
			strbuf_release(&q);
		}
	}
	p->y += 3;
	colour(p, 0.6, 0.2, 0.1);
	para(p, "Take care", MARGIN, TEXT_W, 10, true, NULL);
	colour(p, 0.2, 0.2, 0.2);
	for (size_t i = 0; i < e->n_cautions; i++)
		para(p, e->cautions[i], MARGIN + 18, TEXT_W - 18, 9.5, false, "\xe2\x80\xa2");
	p->y += 14;
}

/* Draw a block where it fits: on this page, or at the top of the next. */
static void place(struct pen *p, const struct app_handout_item *it, int number)
{
	struct pen m = *p;
	m.draw = false;
	m.y = 0;
	exercise_block(&m, it, number);
	if (p->y + m.y > BOTTOM && p->y > MARGIN + 1)
		new_page(p);
	exercise_block(p, it, number);
}

static void section_head(struct pen *p, const struct handout_section *s)
{
	colour(p, 0.12, 0.16, 0.22);
	if (strcmp(s->title, p->h->title)) /* a single routine is the handout's title already */
		para(p, s->title, MARGIN, TEXT_W, 15, true, NULL);
	if (s->text) {
		colour(p, 0.2, 0.2, 0.2);
		para(p, s->text, MARGIN, TEXT_W, 10, false, NULL);
	}
	p->y += 4;
	colour(p, 0.25, 0.35, 0.5);
	para(p, "In this order:", MARGIN, TEXT_W, 10, true, NULL);
	colour(p, 0.1, 0.1, 0.1);
	for (size_t i = 0; i < s->n; i++) {
		char num[24];
		struct strbuf line = STRBUF_INIT;
		snprintf(num, sizeof(num), "%zu.", i + 1);
		strbuf_addf(&line, "%s: ", s->items[i].e->name);
		dose_describe(&s->items[i].dose, &line);
		para(p, line.buf, MARGIN + 18, TEXT_W - 18, 10, false, num);
		strbuf_release(&line);
	}
	p->y += 14;
}

static void layout(struct pen *p)
{
	const struct handout *h = p->h;
	p->page = 1;
	p->y = MARGIN;
	colour(p, 0.12, 0.16, 0.22);
	para(p, h->title, MARGIN, TEXT_W, 20, true, NULL);
	if (h->subtitle) {
		colour(p, 0.35, 0.37, 0.4);
		para(p, h->subtitle, MARGIN, TEXT_W, 10, false, NULL);
	}
	p->y += 10;
	for (size_t s = 0; s < h->n; s++) {
		if (s && p->y > MARGIN + 1)
			new_page(p);
		section_head(p, &h->sec[s]);
		for (size_t i = 0; i < h->sec[s].n; i++)
			place(p, &h->sec[s].items[i], (int)i + 1);
	}
	if (h->left_out) {
		colour(p, 0.35, 0.37, 0.4);
		para(p, h->left_out, MARGIN, TEXT_W, 9.5, false, NULL);
	}
	footer(p);
	if (p->draw)
		cairo_show_page(p->cr);
}

static cairo_status_t to_strbuf(void *closure, const unsigned char *data, unsigned int length)
{
	strbuf_add(closure, (const char *)data, length);
	return CAIRO_STATUS_SUCCESS;
}

int handout_pdf(const struct handout *h, struct strbuf *out, struct strbuf *err)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_strbuf, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, h->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "unhunch");
	cairo_t *cr = cairo_create(s);
	struct pen p = { cr, false, 0, 1, 0, h, err };
	layout(&p); /* counts the pages */
	p.pages = p.page;
	p.draw = true;
	layout(&p);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		strbuf_addf(err, "cannot make the PDF: %s", cairo_status_to_string(st));
		return -1;
	}
	return err->len ? -1 : 0;
}
