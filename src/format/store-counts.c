/* store-counts.c: what a store holds, in words (store-counts.h). */
#include "format/store-counts.h"

static void count_word(struct strbuf *w, size_t n, const char *one, const char *many)
{
	if (!n)
		return;
	if (w->len)
		strbuf_addstr(w, ", ");
	strbuf_addf(w, "%zu %s", n, n == 1 ? one : many);
}

void format_store_counts(const struct app_store_counts *c, struct strbuf *out)
{
	count_word(out, c->sessions, "session", "sessions");
	count_word(out, c->checkins, "check-in", "check-ins");
	count_word(out, c->screenings, "screening", "screenings");
	count_word(out, c->clearances, "clearance", "clearances");
	count_word(out, c->activities, "functional-scale activity", "functional-scale activities");
	count_word(out, c->ratings, "functional-scale rating", "functional-scale ratings");
	count_word(out, c->assessments, "assessment", "assessments");
	count_word(out, c->feedback, "exercise feedback", "exercise feedback entries");
	count_word(out, c->plan_changes, "plan change", "plan changes");
	count_word(out, c->breaks, "break event", "break events");
	count_word(out, c->prescriptions, "prescription", "prescriptions");
}
