/* history.c: the sessions and the days with a massage, as a table or as JSON
 * (history.h). */
#include "format/history.h"
#include "format/json-stream.h"
#include "format/when.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void pain_text(int v, struct strbuf *out)
{
	if (v < 0)
		strbuf_addstr(out, "-");
	else
		strbuf_addf(out, "%d", v);
}

static json_t *session_json(const struct app_history_session *hs, const struct tz *tz)
{
	const struct session_row *s = &hs->row;
	char d[17];
	format_minute(tz, s->started_ms, d);
	json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)s->id, "routine", s->routine_id,
			      "started", d, "started_ms", (json_int_t)s->started_ms, "status",
			      session_status_names[s->status]);
	json_object_set_new(o, "duration_s", s->ended_ms ? json_integer((s->ended_ms - s->started_ms) / 1000) : json_null());
	json_object_set_new(o, "pain_before", s->pain_before >= 0 ? json_integer(s->pain_before) : json_null());
	json_object_set_new(o, "pain_after", s->pain_after >= 0 ? json_integer(s->pain_after) : json_null());
	json_object_set_new(o, "exercises_done", json_integer(s->exercises_done));
	json_object_set_new(o, "exercises_skipped", json_integer(s->exercises_skipped));
	json_t *a = json_array(), *b = json_array(), *c = json_array();
	for (size_t i = 0; i < hs->n_exercises; i++) {
		const struct exercise_row *e = &hs->exercises[i];
		json_array_append_new(a, json_pack("{s:i, s:s, s:s, s:i, s:I}", "item", e->item, "exercise",
						   e->exercise_id, "status", exercise_status_names[e->status], "reps_done",
						   e->reps_done, "duration_ms", (json_int_t)e->duration_ms));
	}
	for (size_t i = 0; i < hs->n_sets; i++) {
		const struct set_row *t = &hs->sets[i];
		json_array_append_new(b, json_pack("{s:i, s:s, s:i, s:s, s:i, s:i, s:I}", "item", t->item, "exercise",
						   t->exercise_id, "set", t->set_no, "side", t->side, "reps_target",
						   t->reps_target, "reps_done", t->reps_done, "duration_ms",
						   (json_int_t)t->duration_ms));
	}
	for (size_t i = 0; i < hs->n_pains; i++) {
		const struct pain_row *p = &hs->pains[i];
		json_array_append_new(c, json_pack("{s:i, s:s, s:i, s:s}", "item", p->item, "exercise", p->exercise_id,
						   "score", p->score, "action", p->action));
	}
	json_object_set_new(o, "exercises", a);
	json_object_set_new(o, "sets", b);
	json_object_set_new(o, "pain_reports", c);
	return o;
}

/* The document with the sessions' place marked, and the massages (a short list). */
static json_t *history_doc(const struct app_history *h, json_t *sessions)
{
	json_t *m = json_array();
	for (size_t i = 0; i < h->n_massages; i++)
		json_array_append_new(m, json_string(h->massages[i]));
	return json_pack("{s:o, s:o}", "sessions", sessions, "massages", m);
}

void format_history_json(const struct app_history *h, const struct tz *tz, struct strbuf *out)
{
	json_t *a = json_array();
	for (size_t i = 0; i < h->n; i++)
		json_array_append_new(a, session_json(&h->sessions[i], tz));
	json_t *o = history_doc(h, a);
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	strbuf_addf(out, "%s\n", s ? s : "{}");
	free(s);
	json_decref(o);
}

struct session_iter {
	const struct app_history *h;
	const struct tz *tz;
	size_t i;
};

static int session_next(void *arg, json_t **out, struct strbuf *err)
{
	(void)err;
	struct session_iter *it = arg;
	if (it->i == it->h->n)
		return 0;
	*out = session_json(&it->h->sessions[it->i++], it->tz);
	return 1;
}

int format_history_json_stream(const struct app_history *h, const struct tz *tz, struct outfile_sink *s,
			       struct strbuf *err)
{
	json_t *o = history_doc(h, json_stream_mark(0));
	struct session_iter it = { h, tz, 0 };
	struct json_stream_list list = { session_next, &it };
	int rc = json_stream_write(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER, &list, 1, s, err);
	json_decref(o);
	return rc;
}

void format_history_text(const struct app_history *h, const struct tz *tz, struct strbuf *out)
{
	if (!h->n && !h->n_massages) {
		strbuf_addstr(out, "No sessions yet. Run 'unhunch start' for your first one.\n");
		return;
	}
	strbuf_addf(out, "%-16s  %-24s %6s  %4s %4s  %-6s  %s\n", "DATE", "ROUTINE", "TIME", "DONE", "SKIP", "PAIN",
		    "PAIN REPORTS / STATUS");
	size_t m = 0; /* the next massage day, shown before the sessions of a later day */
	for (size_t i = 0; i <= h->n; i++) {
		char d[17];
		if (i < h->n)
			format_minute(tz, h->sessions[i].row.started_ms, d);
		for (; m < h->n_massages && (i == h->n || strncmp(h->massages[m], d, 10) < 0); m++)
			strbuf_addf(out, "%-16s  %s\n", h->massages[m], "massage (from your check-in)");
		if (i == h->n)
			break;
		const struct session_row *s = &h->sessions[i].row;
		struct strbuf p = STRBUF_INIT;
		pain_text(s->pain_before, &p);
		strbuf_addstr(&p, ">");
		pain_text(s->pain_after, &p);
		int mins = s->ended_ms ? (int)((s->ended_ms - s->started_ms + 30000) / 60000) : 0;
		bool done = s->status == SESSION_FINISHED;
		strbuf_addf(out, "%-16s  %-24.24s %3d min  %4d %4d  %-6s  %d%s%s\n", d, s->routine_id, mins,
			    s->exercises_done, s->exercises_skipped, p.buf, s->pain_events, done ? "" : "  ",
			    done ? "" : session_status_names[s->status]);
		strbuf_release(&p);
	}
}
