/* breaks-stats.c: the break counts as text or JSON (breaks-stats.h). */
#include "format/breaks-stats.h"

static void text_counts(const char *title, const int c[BRK__COUNT][BEV__COUNT], struct strbuf *out)
{
	strbuf_addf(out, "%s\n", title);
	const char *names[BRK__COUNT] = { "posture resets", "movement breaks" };
	for (int k = 0; k < BRK__COUNT; k++)
		strbuf_addf(out, "  %-16s shown %d, taken %d, natural %d, postponed %d, skipped %d\n", names[k],
			    c[k][BEV_SHOWN], c[k][BEV_TAKEN], c[k][BEV_NATURAL], c[k][BEV_POSTPONED], c[k][BEV_SKIPPED]);
}

static void json_counts(const char *key, const int c[BRK__COUNT][BEV__COUNT], bool last, struct strbuf *out)
{
	strbuf_addf(out, "  \"%s\": {", key);
	for (int k = 0; k < BRK__COUNT; k++) {
		strbuf_addf(out, "%s\"%s\": {", k ? ", " : "", brk_kind_names[k]);
		for (int e = 0; e < BEV__COUNT; e++)
			strbuf_addf(out, "%s\"%s\": %d", e ? ", " : "", brk_event_names[e], c[k][e]);
		strbuf_addstr(out, "}");
	}
	strbuf_addf(out, "}%s\n", last ? "" : ",");
}

void format_breaks_stats_text(const struct break_counts *c, struct strbuf *out)
{
	text_counts("Today:", c->today, out);
	text_counts("Last 7 days (today included):", c->week, out);
}

void format_breaks_stats_json(const struct break_counts *c, struct strbuf *out)
{
	strbuf_addstr(out, "{\n");
	json_counts("today", c->today, false, out);
	json_counts("last_7_days", c->week, true, out);
	strbuf_addstr(out, "}\n");
}
