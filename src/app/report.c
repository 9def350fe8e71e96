/* report.c: what `unhunch report` shows, read from the store once (report.h). */
#include "app/report.h"
#include "app/days.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

static bool has_note(const struct checkin *c)
{
	return c->note && *c->note;
}

/* The notes from day `from` on, oldest first; at most APP_REPORT_NOTES, the newest. */
static void notes(const struct checkin *c, size_t nc, int from, struct app_report *r)
{
	char first_date[11];
	day_format(from, first_date);
	size_t first = nc;
	for (size_t i = nc; i > 0 && strcmp(c[i - 1].date, first_date) >= 0; i--)
		if (has_note(&c[i - 1]) && ++r->notes_total <= APP_REPORT_NOTES)
			first = i - 1;
	r->notes = xcalloc(nc - first + 1, sizeof(*r->notes));
	for (size_t i = first; i < nc; i++) {
		if (!has_note(&c[i]))
			continue;
		struct app_note *n = &r->notes[r->n_notes++];
		memcpy(n->date, c[i].date, sizeof(n->date));
		n->text = xstrdup(c[i].note);
	}
}

static void routines_done(const struct catalog *cat, const struct session_row *s, size_t ns, struct app_report *r)
{
	r->routines = xcalloc(ns + 1, sizeof(*r->routines));
	for (size_t i = 0; cat && i < ns; i++) {
		const struct routine *rt = catalog_routine(cat, s[i].routine_id);
		bool seen = false;
		for (size_t k = 0; k < r->n_routines; k++)
			seen |= r->routines[k] == rt;
		if (rt && !seen)
			r->routines[r->n_routines++] = rt;
	}
}

static void screen_state(struct app_report *r)
{
	for (size_t i = 0; r->screened && i < r->n_clearances; i++)
		if (r->clearances[i].screening_id == r->screen.id)
			r->clearance = &r->clearances[i];
	if (!r->screened)
		return;
	struct gate_input in = { true, (enum urgency)r->screen.level, r->screen.at_ms, r->clearance != NULL,
				 r->now_ms };
	r->gate = gate_decide(&in);
}

int app_report(const struct app_ctx *ctx, struct app_report *r, struct strbuf *err)
{
	struct store *st = ctx->store;
	struct app_records rec;
	memset(r, 0, sizeof(*r));
	r->now_ms = ctx->now_ms;
	r->tz = ctx->tz;
	r->content = ctx->content;
	if (app_records_load(st, &rec, err))
		return -1;
	int ret = -1;
	if (app_progress_of(ctx, rec.checkins, rec.n_checkins, rec.sessions, rec.n_sessions, &r->progress, err) ||
	    st->ops->screening_latest(st, &r->screen, &r->screened, err) ||
	    st->ops->clearances_list(st, &r->clearances, &r->n_clearances, err))
		goto out;
	screen_state(r);
	routines_done(ctx->content, rec.sessions, rec.n_sessions, r);
	notes(rec.checkins, rec.n_checkins, r->progress.today - APP_WEEKS * 7 + 1, r);
	ret = 0;
out:
	app_records_release(&rec);
	return ret;
}

void app_report_release(struct app_report *r)
{
	app_progress_release(&r->progress);
	if (r->screened)
		screening_row_release(&r->screen);
	r->screened = false;
	store_clearances_free(r->clearances, r->n_clearances);
	r->clearances = NULL;
	r->n_clearances = 0;
	free(r->routines);
	r->routines = NULL;
	for (size_t i = 0; i < r->n_notes; i++)
		free(r->notes[i].text);
	free(r->notes);
	r->notes = NULL;
	r->n_notes = 0;
}
