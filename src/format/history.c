/* history.c: the sessions and the days with a massage, as a table or as JSON
 * (history.h). */
#include "format/history.h"
#include "format/json-stream.h"
#include "format/when.h"
#include "core/appointment.h"
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

static json_t *appointment_json(const struct appointment_row *a)
{
	json_t *areas = json_array();
	const char *bad;
	size_t len;
	unsigned set = appt_areas_parse(a->areas, &bad, &len);
	for (int k = 0; k < AREA__COUNT; k++)
		if (set & (1u << k))
			json_array_append_new(areas, json_string(appt_area_names[k]));
	return json_pack("{s:s, s:s, s:o, s:s, s:s}", "date", a->date, "kind", a->kind, "areas", areas, "by",
			 a->trainer_name, "note", a->note);
}

/* The document with the sessions' place marked, the massages from check-ins and the
 * trainer's appointments (short lists). */
static json_t *history_doc(const struct app_history *h, json_t *sessions)
{
	json_t *m = json_array(), *ap = json_array();
	for (size_t i = 0; i < h->n_massages; i++)
		json_array_append_new(m, json_string(h->massages[i]));
	for (size_t i = 0; i < h->n_appointments; i++)
		json_array_append_new(ap, appointment_json(&h->appointments[i]));
	return json_pack("{s:o, s:o, s:o}", "sessions", sessions, "massages", m, "appointments", ap);
}

/* Text another person wrote, on one line for a terminal: control characters (C0, DEL,
 * and C1, which is 0xC2 0x80-0x9F in UTF-8) become spaces. */
static void plain(const char *s, struct strbuf *out)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			strbuf_addch(out, ' ');
			p++;
		} else {
			strbuf_addch(out, *p < 0x20 || *p == 0x7F ? ' ' : (char)*p);
		}
	}
}

/* One line of an appointment: "massage with tess: chest and ribs. Note: ..." */
static void appointment_text(const struct appointment_row *a, struct strbuf *out)
{
	strbuf_addf(out, "%-16s  %s", a->date, a->kind);
	if (*a->trainer_name) {
		strbuf_addstr(out, " with ");
		plain(a->trainer_name, out);
	}
	strbuf_addstr(out, ": ");
	appt_areas_words(a->areas, out);
	if (*a->note) {
		strbuf_addstr(out, ". Note: ");
		plain(a->note, out);
	}
	strbuf_addch(out, '\n');
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
	if (!h->n && !h->n_massages && !h->n_appointments) {
		strbuf_addstr(out, "No sessions yet. Run 'unhunch start' for your first one.\n");
		return;
	}
	strbuf_addf(out, "%-16s  %-24s %6s  %4s %4s  %-6s  %s\n", "DATE", "ROUTINE", "TIME", "DONE", "SKIP", "PAIN",
		    "PAIN REPORTS / STATUS");
	size_t m = 0; /* the next massage day, shown before the sessions of a later day */
	size_t k = 0; /* the next appointment, the same way */
	for (size_t i = 0; i <= h->n; i++) {
		char d[17];
		if (i < h->n)
			format_minute(tz, h->sessions[i].row.started_ms, d);
		for (; m < h->n_massages && (i == h->n || strncmp(h->massages[m], d, 10) < 0); m++)
			strbuf_addf(out, "%-16s  %s\n", h->massages[m], "massage (from your check-in)");
		for (; k < h->n_appointments && (i == h->n || strncmp(h->appointments[k].date, d, 10) < 0); k++)
			appointment_text(&h->appointments[k], out);
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
