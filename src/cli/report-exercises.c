/* report-exercises.c: the report's section on the exercises of the routines done, each
 * with a strip of pictures of its start and end, drawn from its pose data. */
#include "core/mem.h"
#include "format/figure-svg.h"
#include "report-svg.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

void report_exercises(struct strbuf *sb, const struct catalog *c, const struct session_row *s, size_t ns)
{
	const char **done = xcalloc(ns + 1, sizeof(*done));
	size_t n = 0;
	for (size_t i = 0; i < ns; i++) {
		bool seen = false;
		for (size_t k = 0; k < n; k++)
			seen |= !strcmp(done[k], s[i].routine_id);
		if (!seen && catalog_routine(c, s[i].routine_id))
			done[n++] = s[i].routine_id;
	}
	if (n)
		strbuf_addstr(sb, "<h2>The exercises</h2>\n<p class=\"small\">The routines done in the guided sessions, "
				  "each exercise from its start to its end position.</p>\n");
	for (size_t k = 0; k < n; k++) {
		const struct routine *r = catalog_routine(c, done[k]);
		strbuf_addstr(sb, "<h3>");
		html_escape(sb, r->name);
		strbuf_addstr(sb, "</h3>\n<div>\n");
		for (size_t i = 0; i < r->n_items; i++) {
			const struct exercise *e = catalog_exercise(c, r->items[i].exercise);
			if (!e)
				continue;
			struct strbuf dose = STRBUF_INIT;
			dose_describe(item_dose(&r->items[i], e), &dose);
			strbuf_addf(sb, "<figure style=\"display:inline-block;vertical-align:top;margin:0 18px 14px 0\">"
					"<figcaption><b>%zu. ", i + 1);
			html_escape(sb, e->name);
			strbuf_addstr(sb, "</b><br><span class=\"small\">");
			html_escape(sb, dose.buf);
			strbuf_addstr(sb, "</span></figcaption>\n");
			svg_exercise_strip(sb, e, item_dose(&r->items[i], e), -1, STRIP_ENDS, 110, true);
			strbuf_addstr(sb, "</figure>\n");
			strbuf_release(&dose);
		}
		strbuf_addstr(sb, "</div>\n");
	}
	free(done);
}
