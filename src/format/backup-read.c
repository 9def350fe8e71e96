/* backup-read.c: reading a JSON backup back (backup-read.h). Every value is checked
 * before anything is written, and each problem is reported with its JSON path
 * ("backup.json: checkins[3].pain: 11 is out of range (0-10)"); only a backup without
 * problems is written (app/backup-restore.c), record by record, into an empty store. */
#include "format/backup-read.h"
#include "core/appointment.h"
#include "core/mem.h"
#include "core/prescribe.h"
#include "core/screen.h"
#include "core/stats.h"
#include "core/utf8.h"
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPORTED 50 /* problems listed; the rest are counted */
#define PSFS_NAME_MAX 200

/* The reader: where in the document we are, and the problems found so far. */
struct rd {
	const char *file;
	int today;            /* no record may be dated after tomorrow */
	struct strbuf *err;
	struct strbuf path;
	size_t problems;
};

static size_t push_key(struct rd *r, const char *key)
{
	size_t mark = r->path.len;
	if (r->path.len)
		strbuf_addch(&r->path, '.');
	strbuf_addstr(&r->path, key);
	return mark;
}

static size_t push_index(struct rd *r, size_t i)
{
	size_t mark = r->path.len;
	strbuf_addf(&r->path, "[%zu]", i);
	return mark;
}

static void pop(struct rd *r, size_t mark)
{
	r->path.len = mark;
	if (r->path.buf)
		r->path.buf[mark] = '\0';
}

static void bad(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad(struct rd *r, const char *fmt, ...)
{
	if (++r->problems > MAX_REPORTED)
		return;
	strbuf_addf(r->err, "%s: ", r->file);
	if (r->path.len)
		strbuf_addf(r->err, "%s: ", r->path.buf);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(r->err, fmt, ap);
	va_end(ap);
	strbuf_addch(r->err, '\n');
}

/* A short rendering of a value for messages. */
static void show(struct strbuf *sb, json_t *v)
{
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	if (!s) {
		strbuf_addstr(sb, "?");
		return;
	}
	if (strlen(s) > 40)
		memcpy(s + 37, "...", 4);
	strbuf_addstr(sb, s);
	free(s);
}

static void bad_type(struct rd *r, const char *want, json_t *v)
{
	struct strbuf sb = STRBUF_INIT;
	show(&sb, v);
	bad(r, "expected %s, got %s", want, sb.buf);
	strbuf_release(&sb);
}

/* Report members of obj not in keys (a typo would otherwise lose data silently). */
static void only(struct rd *r, json_t *obj, const char *const *keys)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		size_t k = 0;
		while (keys[k] && strcmp(keys[k], key))
			k++;
		if (!keys[k]) {
			size_t m = push_key(r, key);
			bad(r, "unknown field");
			pop(r, m);
		}
	}
}

/* Each getter checks obj.key, reports a problem under its path, and returns false
 * when the value is missing or wrong. The _opt ones take a missing key or null as
 * "not given". */
static bool get_int(struct rd *r, json_t *obj, const char *key, int64_t min, int64_t max, bool opt, int64_t none,
		    int64_t *out)
{
	size_t m = push_key(r, key);
	json_t *v = json_object_get(obj, key);
	bool ok = false;
	*out = none;
	if (!v || json_is_null(v)) {
		ok = opt;
		if (!opt)
			bad(r, v ? "must not be null" : "missing");
	} else if (!json_is_integer(v)) {
		bad_type(r, "a whole number", v);
	} else if (json_integer_value(v) < min || json_integer_value(v) > max) {
		if (max == INT64_MAX || max == INT_MAX)
			bad(r, "%" PRId64 " is out of range (%" PRId64 " or more)", (int64_t)json_integer_value(v), min);
		else
			bad(r, "%" PRId64 " is out of range (%" PRId64 "-%" PRId64 ")", (int64_t)json_integer_value(v),
			    min, max);
	} else {
		*out = json_integer_value(v);
		ok = true;
	}
	pop(r, m);
	return ok;
}

static bool get_score(struct rd *r, json_t *obj, const char *key, bool opt, int *out)
{
	int64_t v;
	bool ok = get_int(r, obj, key, 0, 10, opt, -1, &v);
	*out = (int)v;
	return ok;
}

static bool get_count(struct rd *r, json_t *obj, const char *key, int min, int *out)
{
	int64_t v;
	bool ok = get_int(r, obj, key, min, INT_MAX, false, 0, &v);
	*out = (int)v;
	return ok;
}

static bool get_ms(struct rd *r, json_t *obj, const char *key, int64_t *out)
{
	return get_int(r, obj, key, 0, INT64_MAX, false, 0, out);
}

/* A string without NUL characters, of at most maxlen characters (0: no limit). */
static bool get_str(struct rd *r, json_t *obj, const char *key, bool opt, bool nonempty, size_t maxlen,
		    const char **out)
{
	size_t m = push_key(r, key);
	json_t *v = json_object_get(obj, key);
	bool ok = false;
	*out = NULL;
	if (!v || json_is_null(v)) {
		ok = opt;
		if (!opt)
			bad(r, v ? "must not be null" : "missing");
	} else if (!json_is_string(v)) {
		bad_type(r, "a string", v);
	} else if (strlen(json_string_value(v)) != json_string_length(v)) {
		bad(r, "contains a NUL character");
	} else if (nonempty && !json_string_length(v)) {
		bad(r, "must not be empty");
	} else if (maxlen && utf8_chars(json_string_value(v)) > maxlen) {
		bad(r, "is too long (%zu characters; at most %zu)", utf8_chars(json_string_value(v)), maxlen);
	} else {
		*out = json_string_value(v);
		ok = true;
	}
	pop(r, m);
	return ok;
}

/* opt: null or missing gives -1. */
static bool get_bool(struct rd *r, json_t *obj, const char *key, bool opt, int *out)
{
	size_t m = push_key(r, key);
	json_t *v = json_object_get(obj, key);
	bool ok = false;
	*out = -1;
	if (!v || json_is_null(v)) {
		ok = opt;
		if (!opt)
			bad(r, v ? "must not be null" : "missing");
	} else if (!json_is_boolean(v)) {
		bad_type(r, "true or false", v);
	} else {
		*out = json_is_true(v);
		ok = true;
	}
	pop(r, m);
	return ok;
}

static bool get_date(struct rd *r, json_t *obj, const char *key, char out[11])
{
	const char *s;
	int day;
	out[0] = '\0';
	if (!get_str(r, obj, key, false, true, 0, &s))
		return false;
	const char *why = NULL;
	/* the dates checkin allows; a day of slack, for a backup made in a time zone ahead */
	if (strlen(s) != 10 || !day_parse(s, &day) || (why = checkin_day_check(day, r->today + 1))) {
		size_t m = push_key(r, key);
		if (why)
			bad(r, "'%s' %s", s, why);
		else
			bad(r, "'%s' is not a date (YYYY-MM-DD)", s);
		pop(r, m);
		return false;
	}
	memcpy(out, s, 11);
	return true;
}

/* A string that must be one of names (n of them); its index in *out. */
static bool get_name(struct rd *r, json_t *obj, const char *key, const char *const *names, int n, int *out)
{
	const char *s;
	*out = 0;
	if (!get_str(r, obj, key, false, true, 0, &s))
		return false;
	for (int k = 0; k < n; k++)
		if (!strcmp(names[k], s)) {
			*out = k;
			return true;
		}
	struct strbuf list = STRBUF_INIT;
	for (int k = 0; k < n; k++)
		strbuf_addf(&list, "%s%s", k ? ", " : "", names[k]);
	size_t m = push_key(r, key);
	bad(r, "'%s' is not one of: %s", s, list.buf);
	pop(r, m);
	strbuf_release(&list);
	return false;
}

/* The array obj.key (a missing key reads as empty when opt); NULL after a problem. */
static json_t *get_array(struct rd *r, json_t *obj, const char *key, bool opt)
{
	static json_t *empty;
	json_t *v = json_object_get(obj, key);
	if (!v && opt) {
		if (!empty)
			empty = json_array();
		return empty;
	}
	size_t m = push_key(r, key);
	if (!v)
		bad(r, "missing");
	else if (!json_is_array(v))
		bad_type(r, "a list", v);
	pop(r, m);
	return v && json_is_array(v) ? v : NULL;
}

/* Element i of an array, which must be an object; pushes its index on the path. */
static json_t *element(struct rd *r, json_t *arr, size_t i, size_t *mark)
{
	json_t *v = json_array_get(arr, i);
	*mark = push_index(r, i);
	if (!json_is_object(v)) {
		bad_type(r, "an object", v);
		return NULL;
	}
	return v;
}

/* ---- sessions ---- */

static void read_exercises(struct rd *r, json_t *arr, struct backup_session *s)
{
	static const char *const keys[] = { "item", "exercise", "status", "reps_done", "duration_ms", "at_ms", NULL };
	s->exercises = xcalloc(json_array_size(arr) + 1, sizeof(*s->exercises));
	for (size_t i = 0; i < json_array_size(arr); i++) {
		size_t m;
		json_t *o = element(r, arr, i, &m);
		if (o) {
			struct exercise_row *e = &s->exercises[s->n_exercises];
			const char *id;
			int status;
			only(r, o, keys);
			get_count(r, o, "item", 0, &e->item);
			get_str(r, o, "exercise", false, true, 0, &id);
			e->exercise_id = (char *)id;
			get_name(r, o, "status", exercise_status_names, EX_STOPPED + 1, &status);
			e->status = (enum exercise_status)status;
			get_count(r, o, "reps_done", 0, &e->reps_done);
			get_ms(r, o, "duration_ms", &e->duration_ms);
			get_ms(r, o, "at_ms", &e->at_ms);
			for (size_t k = 0; id && k < s->n_exercises; k++)
				if (s->exercises[k].item == e->item && s->exercises[k].exercise_id &&
				    !strcmp(s->exercises[k].exercise_id, id))
					bad(r, "the same exercise as exercises[%zu] (item %d, %s)", k, e->item, id);
			s->n_exercises++;
		}
		pop(r, m);
	}
}

static bool same_set(const struct set_row *a, const struct set_row *b)
{
	return a->item == b->item && a->set_no == b->set_no && a->exercise_id && b->exercise_id && a->side &&
	       b->side && !strcmp(a->exercise_id, b->exercise_id) && !strcmp(a->side, b->side);
}

static void read_sets(struct rd *r, json_t *arr, struct backup_session *s)
{
	static const char *const keys[] = { "item", "exercise", "set", "side", "reps_target", "reps_done",
					    "duration_ms", "at_ms", NULL };
	s->sets = xcalloc(json_array_size(arr) + 1, sizeof(*s->sets));
	for (size_t i = 0; i < json_array_size(arr); i++) {
		size_t m;
		json_t *o = element(r, arr, i, &m);
		if (o) {
			struct set_row *e = &s->sets[s->n_sets];
			const char *id, *side;
			only(r, o, keys);
			get_count(r, o, "item", 0, &e->item);
			get_str(r, o, "exercise", false, true, 0, &id);
			e->exercise_id = (char *)id;
			get_count(r, o, "set", 1, &e->set_no);
			get_str(r, o, "side", false, false, 0, &side);
			e->side = (char *)side;
			get_count(r, o, "reps_target", 0, &e->reps_target);
			get_count(r, o, "reps_done", 0, &e->reps_done);
			get_ms(r, o, "duration_ms", &e->duration_ms);
			get_ms(r, o, "at_ms", &e->at_ms);
			for (size_t k = 0; k < s->n_sets; k++)
				if (same_set(&s->sets[k], e))
					bad(r, "the same set as sets[%zu]", k);
			s->n_sets++;
		}
		pop(r, m);
	}
}

static void read_pains(struct rd *r, json_t *arr, struct backup_session *s)
{
	static const char *const keys[] = { "item", "exercise", "score", "action", "at_ms", NULL };
	s->pains = xcalloc(json_array_size(arr) + 1, sizeof(*s->pains));
	for (size_t i = 0; i < json_array_size(arr); i++) {
		size_t m;
		json_t *o = element(r, arr, i, &m);
		if (o) {
			struct pain_row *e = &s->pains[s->n_pains++];
			const char *id, *action;
			only(r, o, keys);
			get_count(r, o, "item", -1, &e->item);
			get_str(r, o, "exercise", false, false, 0, &id);
			e->exercise_id = (char *)id;
			get_score(r, o, "score", true, &e->score); /* null: a warning sign */
			get_str(r, o, "action", false, false, 0, &action);
			e->action = (char *)action;
			get_ms(r, o, "at_ms", &e->at_ms);
		}
		pop(r, m);
	}
}

static void read_session(struct rd *r, json_t *o, struct backup_session *s)
{
	static const char *const keys[] = { "routine", "started_ms", "ended_ms", "status", "pain_before",
					    "pain_after", "pacing", "exercises", "sets", "pain_reports", NULL };
	struct session_row *row = &s->row;
	const char *routine, *pacing;
	int status;
	json_t *a;
	only(r, o, keys);
	get_str(r, o, "routine", false, true, 0, &routine);
	row->routine_id = (char *)routine;
	get_ms(r, o, "started_ms", &row->started_ms);
	get_name(r, o, "status", session_status_names, SESSION_STOPPED + 1, &status);
	row->status = (enum session_status)status;
	get_int(r, o, "ended_ms", 0, INT64_MAX, status == SESSION_RUNNING, 0, &row->ended_ms);
	if (status == SESSION_RUNNING && row->ended_ms) {
		size_t m = push_key(r, "ended_ms");
		bad(r, "must be null while the status is running");
		pop(r, m);
	}
	get_score(r, o, "pain_before", true, &row->pain_before);
	get_score(r, o, "pain_after", true, &row->pain_after);
	get_str(r, o, "pacing", false, true, 0, &pacing);
	row->pacing = (char *)pacing;
	size_t m;
	if ((a = get_array(r, o, "exercises", true))) {
		m = push_key(r, "exercises");
		read_exercises(r, a, s);
		pop(r, m);
	}
	if ((a = get_array(r, o, "sets", true))) {
		m = push_key(r, "sets");
		read_sets(r, a, s);
		pop(r, m);
	}
	if ((a = get_array(r, o, "pain_reports", true))) {
		m = push_key(r, "pain_reports");
		read_pains(r, a, s);
		pop(r, m);
	}
}

/* ---- check-ins ---- */

static void read_regions(struct rd *r, json_t *o, struct checkin *c)
{
	json_t *v = json_object_get(o, "regions");
	if (!v || json_is_null(v))
		return;
	size_t m = push_key(r, "regions");
	if (!json_is_object(v)) {
		bad_type(r, "an object of region scores", v);
		pop(r, m);
		return;
	}
	only(r, v, (const char *const *)region_names);
	for (int k = 0; k < REG__COUNT; k++)
		get_score(r, v, region_names[k], true, &c->region[k]);
	pop(r, m);
}

static void read_checkin(struct rd *r, json_t *o, struct checkin *c)
{
	static const char *const keys[] = { "date", "at_ms", "pain", "regions", "headache", "stiffness", "stress",
					    "sleep", "desk_hours", "massage", "note", NULL };
	size_t before = r->problems;
	const char *note;
	checkin_init(c);
	only(r, o, keys);
	get_date(r, o, "date", c->date);
	get_ms(r, o, "at_ms", &c->at_ms);
	get_score(r, o, "pain", true, &c->pain);
	read_regions(r, o, c);
	get_score(r, o, "headache", true, &c->headache);
	get_score(r, o, "stiffness", true, &c->stiffness);
	get_score(r, o, "stress", true, &c->stress);
	get_score(r, o, "sleep", true, &c->sleep);
	json_t *h = json_object_get(o, "desk_hours");
	if (h && !json_is_null(h)) {
		size_t m = push_key(r, "desk_hours");
		if (!json_is_number(h))
			bad_type(r, "a number of hours", h);
		else if (!(json_number_value(h) >= 0 && json_number_value(h) <= 24)) {
			struct strbuf sb = STRBUF_INIT; /* as the file has it, whatever the locale */
			show(&sb, h);
			bad(r, "%s is out of range (0-24)", sb.buf);
			strbuf_release(&sb);
		} else
			c->desk_hours = json_number_value(h);
		pop(r, m);
	}
	get_bool(r, o, "massage", true, &c->massage);
	get_str(r, o, "note", true, false, CHECKIN_NOTE_MAX, &note);
	c->note = (char *)note;
	const char *why;
	if (r->problems == before && !checkin_valid(c, &why))
		bad(r, "%s", !strcmp(why, "nothing to record") ? "nothing to record: every value is null" : why);
}

/* ---- screenings, clearances, functional scale ---- */

static void read_answers(struct rd *r, json_t *arr, struct screening_row *s)
{
	static const char *const keys[] = { "question", "yes", "level", "locks_neck", "fact", NULL };
	s->answers = xcalloc(json_array_size(arr) + 1, sizeof(*s->answers));
	for (size_t i = 0; i < json_array_size(arr); i++) {
		size_t m;
		json_t *o = element(r, arr, i, &m);
		if (o) {
			struct answer_row *a = &s->answers[s->n_answers];
			const char *q;
			int yes;
			only(r, o, keys);
			get_str(r, o, "question", false, true, 0, &q);
			a->question_id = (char *)q;
			get_bool(r, o, "yes", false, &yes);
			a->yes = yes == 1;
			get_name(r, o, "level", urgency_names, URG__COUNT, &a->level);
			int locks, fact; /* optional: older backups have neither (the import check adds them) */
			get_bool(r, o, "locks_neck", true, &locks);
			get_bool(r, o, "fact", true, &fact);
			a->locks_neck = locks == 1;
			a->fact = fact == 1;
			for (size_t k = 0; q && k < s->n_answers; k++)
				if (s->answers[k].question_id && !strcmp(s->answers[k].question_id, q))
					bad(r, "question '%s' is answered twice (also answers[%zu])", q, k);
			s->n_answers++;
		}
		pop(r, m);
	}
}

static void read_screening(struct rd *r, json_t *o, struct screening_row *s)
{
	static const char *const keys[] = { "at_ms", "level", "neck_clear", "answers", NULL };
	int neck;
	only(r, o, keys);
	get_ms(r, o, "at_ms", &s->at_ms);
	get_name(r, o, "level", urgency_names, URG__COUNT, &s->level);
	get_bool(r, o, "neck_clear", false, &neck);
	s->neck_clear = neck == 1;
	json_t *a = get_array(r, o, "answers", true);
	if (a) {
		size_t m = push_key(r, "answers");
		read_answers(r, a, s);
		pop(r, m);
	}
}

static void read_clearance(struct rd *r, json_t *o, struct clearance_row *c, size_t n_screenings)
{
	static const char *const keys[] = { "at_ms", "date", "note", "screening", NULL };
	const char *note;
	only(r, o, keys);
	get_ms(r, o, "at_ms", &c->at_ms);
	get_date(r, o, "date", c->date);
	get_str(r, o, "note", false, true, 0, &note);
	c->note = (char *)note;
	if (!n_screenings && json_object_get(o, "screening")) {
		size_t m = push_key(r, "screening");
		bad(r, "there is no screening for it to refer to");
		pop(r, m);
	} else {
		get_int(r, o, "screening", 0, (int64_t)n_screenings - 1, false, 0, &c->screening_id);
	}
}

static void read_activity(struct rd *r, json_t *o, struct backup_activity *a, const struct backup *b)
{
	static const char *const keys[] = { "name", "added_ms", "ratings", NULL };
	static const char *const rkeys[] = { "date", "score", NULL };
	const char *name;
	only(r, o, keys);
	if (get_str(r, o, "name", false, true, PSFS_NAME_MAX, &name))
		for (size_t k = 0; k < b->n_activities; k++)
			if (b->activities[k].a.name && !strcmp(b->activities[k].a.name, name))
				bad(r, "activity '%s' is there twice (also psfs[%zu])", name, k);
	a->a.name = (char *)name;
	get_ms(r, o, "added_ms", &a->a.added_ms);
	json_t *arr = get_array(r, o, "ratings", true);
	if (!arr)
		return;
	size_t mr = push_key(r, "ratings");
	a->ratings = xcalloc(json_array_size(arr) + 1, sizeof(*a->ratings));
	for (size_t i = 0; i < json_array_size(arr); i++) {
		size_t m;
		json_t *e = element(r, arr, i, &m);
		if (e) {
			struct psfs_rating *x = &a->ratings[a->n_ratings];
			only(r, e, rkeys);
			get_date(r, e, "date", x->date);
			get_score(r, e, "score", false, &x->score);
			for (size_t k = 0; x->date[0] && k < a->n_ratings; k++)
				if (!strcmp(a->ratings[k].date, x->date))
					bad(r, "a second rating on %s (also ratings[%zu])", x->date, k);
			a->n_ratings++;
		}
		pop(r, m);
	}
	pop(r, mr);
}

/* ---- the plan and the break coach ---- */

static void read_assessment(struct rd *r, json_t *o, struct assessment_row *a)
{
	static const char *const keys[] = { "date", "at_ms", "answers", "factors", NULL };
	static const char *const akeys[] = { "question", "value", NULL };
	static const char *const fkeys[] = { "factor", "strength", "reason", NULL };
	only(r, o, keys);
	get_date(r, o, "date", a->date);
	get_ms(r, o, "at_ms", &a->at_ms);
	json_t *arr = get_array(r, o, "answers", true);
	if (arr) {
		size_t ma = push_key(r, "answers");
		a->answers = xcalloc(json_array_size(arr) + 1, sizeof(*a->answers));
		for (size_t i = 0; i < json_array_size(arr); i++) {
			size_t m;
			json_t *e = element(r, arr, i, &m);
			if (e) {
				struct assess_answer_row *x = &a->answers[a->n_answers];
				const char *q;
				only(r, e, akeys);
				get_str(r, e, "question", false, true, 0, &q);
				x->question = (char *)q;
				size_t mv = push_key(r, "value");
				json_t *v = json_object_get(e, "value");
				if (!v)
					bad(r, "missing");
				else if (!json_is_number(v))
					bad_type(r, "a number", v);
				else
					x->value = json_number_value(v);
				pop(r, mv);
				for (size_t k = 0; q && k < a->n_answers; k++)
					if (a->answers[k].question && !strcmp(a->answers[k].question, q))
						bad(r, "question '%s' is answered twice (also answers[%zu])", q, k);
				a->n_answers++;
			}
			pop(r, m);
		}
		pop(r, ma);
	}
	arr = get_array(r, o, "factors", true);
	if (arr) {
		size_t mf = push_key(r, "factors");
		a->factors = xcalloc(json_array_size(arr) + 1, sizeof(*a->factors));
		for (size_t i = 0; i < json_array_size(arr); i++) {
			size_t m;
			json_t *e = element(r, arr, i, &m);
			if (e) {
				struct factor_row *x = &a->factors[a->n_factors];
				const char *f, *reason;
				int64_t strength;
				only(r, e, fkeys);
				get_str(r, e, "factor", false, true, 0, &f);
				x->factor = (char *)f;
				get_int(r, e, "strength", 0, 3, false, 0, &strength);
				x->strength = (int)strength;
				get_str(r, e, "reason", false, false, 0, &reason);
				x->reason = (char *)reason;
				for (size_t k = 0; f && k < a->n_factors; k++)
					if (a->factors[k].factor && !strcmp(a->factors[k].factor, f))
						bad(r, "factor '%s' is there twice (also factors[%zu])", f, k);
				a->n_factors++;
			}
			pop(r, m);
		}
		pop(r, mf);
	}
}

/* An index into a list of n records named what, or null (-1) for none. */
static void get_ref(struct rd *r, json_t *o, const char *key, size_t n, const char *what, int64_t *out)
{
	json_t *v = json_object_get(o, key);
	if (!n && v && !json_is_null(v)) {
		size_t m = push_key(r, key);
		bad(r, "there is no %s for it to refer to", what);
		pop(r, m);
		*out = -1;
	} else {
		get_int(r, o, key, 0, (int64_t)n - 1, true, -1, out);
	}
}

static const char *const feelings[] = { "easy", "right", "hard", "hurt" };
static const char *const change_actions[] = { "hold", "progress", "regress", "pause", "resume" };

static void read_feedback(struct rd *r, json_t *o, struct feedback_row *f, size_t n_sessions)
{
	static const char *const keys[] = { "date", "at_ms", "session", "routine", "exercise", "feeling",
					    "pain_during", "warning", NULL };
	const char *routine, *exercise;
	int feeling, warning;
	only(r, o, keys);
	get_date(r, o, "date", f->date);
	get_ms(r, o, "at_ms", &f->at_ms);
	get_ref(r, o, "session", n_sessions, "session", &f->session_id);
	get_str(r, o, "routine", false, true, 0, &routine);
	f->routine_id = (char *)routine;
	get_str(r, o, "exercise", false, true, 0, &exercise);
	f->exercise_id = (char *)exercise;
	if (get_name(r, o, "feeling", feelings, 4, &feeling))
		f->feeling = (char *)feelings[feeling];
	get_score(r, o, "pain_during", true, &f->pain_during); /* null: unknown */
	get_bool(r, o, "warning", false, &warning);
	f->warning = warning == 1;
}

static void read_plan_change(struct rd *r, json_t *o, struct plan_change_row *c, const struct backup *b)
{
	static const char *const keys[] = { "date", "at_ms", "feedback", "routine", "slot", "action", "rule",
					    "from_exercise", "to_exercise", "from_reps", "to_reps", "from_duration_s",
					    "to_duration_s", "paused", "reason", NULL };
	const char *routine, *slot, *rule, *from, *to, *reason;
	int action, paused;
	only(r, o, keys);
	get_date(r, o, "date", c->date);
	get_ms(r, o, "at_ms", &c->at_ms);
	get_ref(r, o, "feedback", b->n_feedback, "feedback", &c->feedback_id);
	for (size_t k = 0; c->feedback_id >= 0 && k < b->n_plan_changes; k++)
		if (b->plan_changes[k].feedback_id == c->feedback_id) {
			size_t m = push_key(r, "feedback");
			bad(r, "feedback[%" PRId64 "] is judged twice (also plan_changes[%zu])", c->feedback_id, k);
			pop(r, m);
		}
	get_str(r, o, "routine", false, true, 0, &routine);
	c->routine_id = (char *)routine;
	get_str(r, o, "slot", false, true, 0, &slot);
	c->slot = (char *)slot;
	if (get_name(r, o, "action", change_actions, 5, &action))
		c->action = (char *)change_actions[action];
	get_str(r, o, "rule", false, false, 0, &rule);
	c->rule = (char *)rule;
	get_str(r, o, "from_exercise", false, true, 0, &from);
	c->from_exercise = (char *)from;
	get_str(r, o, "to_exercise", false, true, 0, &to);
	c->to_exercise = (char *)to;
	get_count(r, o, "from_reps", 0, &c->from_reps);
	get_count(r, o, "to_reps", 0, &c->to_reps);
	get_count(r, o, "from_duration_s", 0, &c->from_duration_s);
	get_count(r, o, "to_duration_s", 0, &c->to_duration_s);
	get_bool(r, o, "paused", false, &paused);
	c->paused = paused == 1;
	get_str(r, o, "reason", false, false, 0, &reason);
	c->reason = (char *)reason;
}

static void read_break(struct rd *r, json_t *o, struct break_row *e)
{
	static const char *const keys[] = { "at_ms", "kind", "event", "exercise", "detail", NULL };
	const char *exercise, *detail;
	int kind, event;
	only(r, o, keys);
	get_ms(r, o, "at_ms", &e->at_ms);
	get_name(r, o, "kind", brk_kind_names, BRK__COUNT, &kind);
	e->kind = (enum brk_kind)kind;
	get_name(r, o, "event", brk_event_names, BEV__COUNT, &event);
	e->event = (enum brk_event_kind)event;
	get_str(r, o, "exercise", false, false, 0, &exercise);
	e->exercise_id = (char *)exercise;
	get_str(r, o, "detail", false, false, 0, &detail);
	e->detail = (char *)detail;
}

static void read_appointment(struct rd *r, json_t *o, struct appointment_row *a)
{
	static const char *const keys[] = { "date", "at_ms", "kind", "areas", "by", "note", NULL };
	const char *areas, *by, *note;
	int kind;
	only(r, o, keys);
	get_date(r, o, "date", a->date);
	get_ms(r, o, "at_ms", &a->at_ms);
	get_name(r, o, "kind", appt_kind_names, APPT__KINDS, &kind);
	a->kind = (char *)appt_kind_names[kind];
	if (get_str(r, o, "areas", false, false, APPT_AREAS_TEXT_MAX, &areas) && !appt_areas_valid(areas)) {
		size_t m = push_key(r, "areas");
		bad(r, "'%s' is not a set of chest, ribs, hips, upper-back and neck, in that order, by commas", areas);
		pop(r, m);
	}
	a->areas = (char *)areas;
	get_str(r, o, "by", false, false, 200, &by);
	a->trainer_name = (char *)by;
	get_str(r, o, "note", false, false, APPT_NOTE_MAX, &note);
	a->note = (char *)note;
}

static void read_audit(struct rd *r, json_t *o, struct audit_row *a)
{
	static const char *const keys[] = { "at_ms", "who", "what", NULL };
	const char *who, *what;
	only(r, o, keys);
	get_ms(r, o, "at_ms", &a->at_ms);
	get_str(r, o, "who", false, false, 200, &who);
	a->actor_name = (char *)who;
	get_str(r, o, "what", false, true, 200, &what);
	a->what = (char *)what;
}

/* ---- the document ---- */

/* Read each object of the top-level list `key` with fn into a new array of n elements of
 * size elsz; n counts only the objects read. */
#define READ_LIST(r, doc, key, arr, n, ...)                                                      \
	do {                                                                                     \
		json_t *list_ = get_array(r, doc, key, false); /* every list, even empty */      \
		size_t len_ = list_ ? json_array_size(list_) : 0;                                \
		arr = xcalloc(len_ + 1, sizeof(*(arr)));                                         \
		size_t mk_ = push_key(r, key);                                                   \
		for (size_t i_ = 0; i_ < len_; i_++) {                                           \
			size_t me_;                                                              \
			json_t *o_ = element(r, list_, i_, &me_);                                \
			if (o_)                                                                  \
				__VA_ARGS__;                                                     \
			pop(r, me_);                                                             \
		}                                                                                \
		pop(r, mk_);                                                                     \
	} while (0)

/* A prescription; its trainer by login name into *trainer ("" when not known). */
static void read_prescription(struct rd *r, json_t *o, struct prescription_row *p, char **trainer)
{
	static const char *const keys[] = { "date", "at_ms", "trainer", "routine", "slot", "exercise", "reps", "sets",
					    "hold_s", "duration_s", "note", "warnings", "place", NULL };
	const char *t, *routine, *slot, *exercise, *note, *warnings, *place = NULL;
	int64_t v;
	only(r, o, keys);
	get_date(r, o, "date", p->date);
	get_ms(r, o, "at_ms", &p->at_ms);
	get_str(r, o, "trainer", false, false, 64, &t);
	*trainer = (char *)(t ? t : "");
	get_str(r, o, "routine", false, true, 0, &routine);
	p->routine_id = (char *)routine;
	get_str(r, o, "slot", false, true, 0, &slot);
	p->slot = (char *)slot;
	get_str(r, o, "exercise", false, true, 0, &exercise);
	p->exercise_id = (char *)exercise;
	/* the store's own bounds (store/valid.c); the rules' limits are for new ones */
	p->reps = get_int(r, o, "reps", 0, 1000, false, 0, &v) ? (int)v : 0;
	p->sets = get_int(r, o, "sets", 0, 100, false, 0, &v) ? (int)v : 0;
	p->hold_s = get_int(r, o, "hold_s", 0, 3600, false, 0, &v) ? (int)v : 0;
	p->duration_s = get_int(r, o, "duration_s", 0, 86400, false, 0, &v) ? (int)v : 0;
	get_str(r, o, "note", false, false, 0, &note);
	p->note = (char *)note;
	get_str(r, o, "warnings", false, false, 0, &warnings);
	p->warnings = (char *)warnings;
	if (json_object_get(o, "place") && get_str(r, o, "place", false, true, 100, &place) && *place &&
	    !rx_place_valid(place)) {
		size_t m = push_key(r, "place");
		bad(r, "'%s' is not a place: \"end\", \"before:\" and a step, or \"out\"", place);
		pop(r, m);
	}
	p->place = (char *)place;
}

static bool read_header(struct rd *r, json_t *doc, int64_t *version)
{
	if (!json_is_object(doc)) {
		bad_type(r, "an object (an unhunch backup)", doc);
		return false;
	}
	json_t *f = json_object_get(doc, "format");
	if (!json_is_string(f) || strcmp(json_string_value(f), BACKUP_FORMAT)) {
		bad(r, "not an unhunch backup (it has no \"format\": \"%s\")", BACKUP_FORMAT);
		return false;
	}
	int64_t v;
	if (!get_int(r, doc, "version", 1, INT64_MAX, false, 0, &v))
		return false;
	*version = v;
	if (v > BACKUP_VERSION) {
		size_t m = push_key(r, "version");
		bad(r, "%" PRId64 " is newer than this program reads (%d); update unhunch", v, BACKUP_VERSION);
		pop(r, m);
		return false;
	}
	return true;
}

static void doc_release(void *doc)
{
	json_decref(doc);
}

size_t backup_read_json(const char *file, json_t *doc, int today, struct backup *b, struct strbuf *err)
{
	static const char *const keys[] = { "format", "version", "sessions", "checkins", "screenings",
					    "clearances", "psfs", "assessments", "feedback", "plan_changes",
					    "breaks", "prescriptions", "appointments", "audit", NULL };
	int64_t version = 0;
	struct rd r = { file, today, err, STRBUF_INIT, 0 };
	memset(b, 0, sizeof(*b));
	b->doc = json_incref(doc);
	b->doc_release = doc_release;
	if (!read_header(&r, doc, &version))
		goto out;
	only(&r, doc, keys);
	READ_LIST(&r, doc, "sessions", b->sessions, b->n_sessions, read_session(&r, o_, &b->sessions[b->n_sessions++]));
	READ_LIST(&r, doc, "checkins", b->checkins, b->n_checkins, read_checkin(&r, o_, &b->checkins[b->n_checkins++]));
	READ_LIST(&r, doc, "screenings", b->screenings, b->n_screenings,
		  read_screening(&r, o_, &b->screenings[b->n_screenings++]));
	READ_LIST(&r, doc, "clearances", b->clearances, b->n_clearances,
		  read_clearance(&r, o_, &b->clearances[b->n_clearances++], b->n_screenings));
	READ_LIST(&r, doc, "psfs", b->activities, b->n_activities, {
		read_activity(&r, o_, &b->activities[b->n_activities], b);
		b->n_activities++;
	});
	READ_LIST(&r, doc, "assessments", b->assessments, b->n_assessments,
		  read_assessment(&r, o_, &b->assessments[b->n_assessments++]));
	READ_LIST(&r, doc, "feedback", b->feedback, b->n_feedback,
		  read_feedback(&r, o_, &b->feedback[b->n_feedback++], b->n_sessions));
	READ_LIST(&r, doc, "plan_changes", b->plan_changes, b->n_plan_changes, {
		read_plan_change(&r, o_, &b->plan_changes[b->n_plan_changes], b);
		b->n_plan_changes++;
	});
	READ_LIST(&r, doc, "breaks", b->breaks, b->n_breaks, read_break(&r, o_, &b->breaks[b->n_breaks++]));
	if (version >= 2 || json_object_get(doc, "prescriptions")) { /* version 1 had none */
		READ_LIST(&r, doc, "prescriptions", b->prescriptions, b->n_prescriptions, {
			b->rx_trainers = xrealloc(b->rx_trainers, (b->n_prescriptions + 1) * sizeof(*b->rx_trainers));
			read_prescription(&r, o_, &b->prescriptions[b->n_prescriptions],
					  &b->rx_trainers[b->n_prescriptions]);
			b->n_prescriptions++;
		});
	}
	if (json_object_get(doc, "appointments")) /* none in a backup older than them */
		READ_LIST(&r, doc, "appointments", b->appointments, b->n_appointments,
			  read_appointment(&r, o_, &b->appointments[b->n_appointments++]));
	if (json_object_get(doc, "audit")) /* only when there are lines */
		READ_LIST(&r, doc, "audit", b->audit, b->n_audit, read_audit(&r, o_, &b->audit[b->n_audit++]));
out:
	if (r.problems > MAX_REPORTED)
		strbuf_addf(err, "%s: ... and %zu more problems\n", file, r.problems - MAX_REPORTED);
	strbuf_release(&r.path);
	return r.problems;
}

size_t backup_read_doc(void *doc, const char *file, int today, struct backup *b, struct strbuf *err)
{
	return backup_read_json(file, doc, today, b, err);
}
