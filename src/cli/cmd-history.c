/* cmd-history.c: `unhunch history`: past sessions with what was done and pain before/after. */
#include "cli.h"
#include "core/strbuf.h"
#include "store/store.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void date_text(int64_t ms, struct strbuf *out)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	char buf[32];
	localtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
	strbuf_addstr(out, buf);
}

static void pain_text(int v, struct strbuf *out)
{
	if (v < 0)
		strbuf_addstr(out, "-");
	else
		strbuf_addf(out, "%d", v);
}

static json_t *session_json(struct store *st, const struct session_row *s, struct strbuf *err)
{
	struct strbuf d = STRBUF_INIT;
	date_text(s->started_ms, &d);
	json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)s->id, "routine", s->routine_id,
			      "started", d.buf, "started_ms", (json_int_t)s->started_ms, "status",
			      session_status_names[s->status]);
	strbuf_release(&d);
	json_object_set_new(o, "duration_s", s->ended_ms ? json_integer((s->ended_ms - s->started_ms) / 1000) : json_null());
	json_object_set_new(o, "pain_before", s->pain_before >= 0 ? json_integer(s->pain_before) : json_null());
	json_object_set_new(o, "pain_after", s->pain_after >= 0 ? json_integer(s->pain_after) : json_null());
	json_object_set_new(o, "exercises_done", json_integer(s->exercises_done));
	json_object_set_new(o, "exercises_skipped", json_integer(s->exercises_skipped));
	struct exercise_row *ex = NULL;
	struct set_row *sets = NULL;
	struct pain_row *pains = NULL;
	size_t nex = 0, nsets = 0, npains = 0;
	json_t *a = json_array(), *b = json_array(), *c = json_array();
	if (!st->ops->exercises_of(st, s->id, &ex, &nex, err))
		for (size_t i = 0; i < nex; i++)
			json_array_append_new(a, json_pack("{s:i, s:s, s:s, s:i, s:I}", "item", ex[i].item, "exercise",
							   ex[i].exercise_id, "status", exercise_status_names[ex[i].status],
							   "reps_done", ex[i].reps_done, "duration_ms",
							   (json_int_t)ex[i].duration_ms));
	if (!st->ops->sets_of(st, s->id, &sets, &nsets, err))
		for (size_t i = 0; i < nsets; i++)
			json_array_append_new(b, json_pack("{s:i, s:s, s:i, s:s, s:i, s:i, s:I}", "item", sets[i].item,
							   "exercise", sets[i].exercise_id, "set", sets[i].set_no, "side",
							   sets[i].side, "reps_target", sets[i].reps_target, "reps_done",
							   sets[i].reps_done, "duration_ms", (json_int_t)sets[i].duration_ms));
	if (!st->ops->pains_of(st, s->id, &pains, &npains, err))
		for (size_t i = 0; i < npains; i++)
			json_array_append_new(c, json_pack("{s:i, s:s, s:i, s:s}", "item", pains[i].item, "exercise",
							   pains[i].exercise_id, "score", pains[i].score, "action",
							   pains[i].action));
	json_object_set_new(o, "exercises", a);
	json_object_set_new(o, "sets", b);
	json_object_set_new(o, "pain_reports", c);
	store_exercises_free(ex, nex);
	store_sets_free(sets, nsets);
	store_pains_free(pains, npains);
	return o;
}

int cmd_history(int argc, char **argv)
{
	const struct command *self = command_find("history");
	bool json = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else
			return usage_error(self, "unexpected argument '%s'", argv[i]);
	}
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	struct session_row *rows = NULL;
	size_t n = 0;
	int rc = EXIT_PROBLEM;
	char *path = store_path();
	if (store_open_readonly(&st, path, &err) || st->ops->sessions_list(st, &rows, &n, &err)) {
		fprintf(stderr, "unhunch history: %s\n", strbuf_str(&err));
		goto out;
	}
	if (json) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, session_json(st, &rows[i], &err));
		char *s = json_dumps(a, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		printf("%s\n", s ? s : "[]");
		free(s);
		json_decref(a);
	} else if (!n) {
		printf("No sessions yet. Run 'unhunch start' for your first one.\n");
	} else {
		printf("%-16s  %-24s %6s  %4s %4s  %-6s  %s\n", "DATE", "ROUTINE", "TIME", "DONE", "SKIP", "PAIN",
		       "PAIN REPORTS / STATUS");
		for (size_t i = 0; i < n; i++) {
			const struct session_row *s = &rows[i];
			struct strbuf d = STRBUF_INIT, p = STRBUF_INIT;
			date_text(s->started_ms, &d);
			pain_text(s->pain_before, &p);
			strbuf_addstr(&p, ">");
			pain_text(s->pain_after, &p);
			int mins = s->ended_ms ? (int)((s->ended_ms - s->started_ms + 30000) / 60000) : 0;
			printf("%-16s  %-24.24s %3d min  %4d %4d  %-6s  %d%s%s\n", d.buf, s->routine_id, mins,
			       s->exercises_done, s->exercises_skipped, p.buf, s->pain_events,
			       s->status == SESSION_FINISHED ? "" : "  ", s->status == SESSION_FINISHED ? "" : session_status_names[s->status]);
			strbuf_release(&d);
			strbuf_release(&p);
		}
	}
	rc = EXIT_OK;
out:
	free(path);
	store_sessions_free(rows, n);
	store_close(st);
	strbuf_release(&err);
	return rc;
}
