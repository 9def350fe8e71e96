/* load.c: walks a libfyaml document tree into the content model, checking every field.
 *
 * Each kind of mapping (file, exercise, routine, item, dose) has a table of known
 * keys with a handler; unknown keys get a did-you-mean. Problems never stop the
 * walk, so one run reports all of them. */
#include "load.h"
#include "../core/mem.h"
#include "../core/screen.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"
#include <ctype.h>
#include <errno.h>
#include <libfyaml.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	const char *file; /* interned in out */
	struct catalog *out;
	struct diags *d;
	size_t errors;
};

#define REPORT(x, p, ...) do { (x)->errors++; diags_add((x)->d, (p), __VA_ARGS__); } while (0)

#define STEPS_MAX_WORDS 140 /* about a minute of speech, the longest get-ready */

static size_t count_words(const char *s)
{
	size_t n = 0;
	bool in = false;
	for (; *s; s++) {
		bool w = !isspace((unsigned char)*s);
		n += w && !in;
		in = w;
	}
	return n;
}

/* ---- positions and scalars ---- */

static struct pos node_pos(struct ctx *x, struct fy_node *n, struct pos fallback)
{
	if (!n)
		return fallback;
	switch (fy_node_get_type(n)) {
	case FYNT_SCALAR: {
		struct fy_token *t = fy_node_get_scalar_token(n);
		const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
		if (m)
			return (struct pos){ x->file, m->line + 1, m->column + 1 };
		return fallback;
	}
	case FYNT_MAPPING: {
		void *it = NULL;
		struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);
		return p ? node_pos(x, fy_node_pair_key(p), fallback) : fallback;
	}
	case FYNT_SEQUENCE: {
		void *it = NULL;
		struct fy_node *i = fy_node_sequence_iterate(n, &it);
		return node_pos(x, i, fallback);
	}
	}
	return fallback;
}

static bool is_null(struct fy_node *n)
{
	if (!n)
		return true;
	if (fy_node_get_type(n) != FYNT_SCALAR || fy_node_get_style(n) != FYNS_PLAIN)
		return false;
	size_t len;
	const char *s = fy_node_get_scalar(n, &len);
	return !s || len == 0 || (len == 1 && s[0] == '~') || (len == 4 && !memcmp(s, "null", 4));
}

static const char *kind_name(struct fy_node *n)
{
	if (is_null(n))
		return "nothing";
	switch (fy_node_get_type(n)) {
	case FYNT_MAPPING: return "a mapping";
	case FYNT_SEQUENCE: return "a list";
	default: return "text";
	}
}

/* Content text reaches the terminal and the speech engine: no control characters
 * (escape codes, bells, carriage returns), and no line breaks or tabs in a one-line
 * field such as a name. Reports and returns false otherwise. */
static bool text_ok(struct ctx *x, const char *s, struct pos p, const char *key, bool multiline)
{
	unsigned cp = utf8_control(s, multiline);
	if (!cp)
		return true;
	char buf[8];
	if (!multiline && (cp == '\n' || cp == '\t'))
		REPORT(x, p, "%s: must be one line (it holds a %s)", key, cp == '\n' ? "line break" : "tab");
	else
		REPORT(x, p, "%s: contains a control character (%s); content text may hold no escape codes, bells "
			     "or carriage returns", key, utf8_control_name(cp, buf));
	return false;
}

/* The scalar's text, trimmed, newly allocated; NULL (reported) when n is not text or
 * holds a control character other than a line break or a tab. */
static char *get_text(struct ctx *x, struct fy_node *n, struct pos kp, const char *key)
{
	struct pos p = node_pos(x, n, kp);
	if (is_null(n)) {
		REPORT(x, p, "%s: missing value", key);
		return NULL;
	}
	if (fy_node_get_type(n) != FYNT_SCALAR) {
		REPORT(x, p, "%s: expected text, found %s", key, kind_name(n));
		return NULL;
	}
	if (fy_node_get_style(n) == FYNS_ALIAS) {
		REPORT(x, p, "%s: aliases (*name) are not supported in content files", key);
		return NULL;
	}
	size_t len;
	const char *s = fy_node_get_scalar(n, &len);
	while (len && isspace((unsigned char)s[0]))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (memchr(s, '\0', len)) {
		REPORT(x, p, "%s: text contains a NUL character", key);
		return NULL;
	}
	char *t = xstrndup(s, len);
	if (!text_ok(x, t, p, key, true)) {
		free(t);
		return NULL;
	}
	return t;
}

static char *get_nonempty(struct ctx *x, struct fy_node *n, struct pos kp, const char *key, size_t maxlen)
{
	char *s = get_text(x, n, kp, key);
	if (s && !*s) {
		REPORT(x, node_pos(x, n, kp), "%s: must not be empty", key);
		free(s);
		return NULL;
	}
	if (s && maxlen && strlen(s) > maxlen) {
		REPORT(x, node_pos(x, n, kp), "%s: too long (%zu characters; at most %zu)", key, strlen(s), maxlen);
		free(s);
		return NULL;
	}
	return s;
}

/* A one-line text: get_nonempty without line breaks or tabs. */
static char *get_line(struct ctx *x, struct fy_node *n, struct pos kp, const char *key, size_t maxlen)
{
	char *s = get_nonempty(x, n, kp, key, maxlen);
	if (s && !text_ok(x, s, node_pos(x, n, kp), key, false)) {
		free(s);
		return NULL;
	}
	return s;
}

/* Parse a whole number made only of digits (and an optional minus); false if it is not one. */
static bool parse_int(const char *s, long *out)
{
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p)
		return false;
	errno = 0;
	long v = strtol(s, NULL, 10);
	if (errno || v > INT_MAX / 2 || v < INT_MIN / 2)
		return false;
	*out = v;
	return true;
}

/* An integer in [lo, hi]; returns false (reported) otherwise. */
static bool get_int(struct ctx *x, struct fy_node *n, struct pos kp, const char *key,
		    long lo, long hi, const char *unit, int *out)
{
	char *s = get_text(x, n, kp, key);
	if (!s)
		return false;
	struct pos p = node_pos(x, n, kp);
	long v;
	bool ok = parse_int(s, &v);
	if (!ok)
		REPORT(x, p, "%s: expected a whole number%s%s, found '%s'", key, unit ? " of " : "", unit ? unit : "", s);
	else if (v < lo || v > hi) {
		REPORT(x, p, "%s: %ld is out of range (%ld to %ld%s%s)", key, v, lo, hi, unit ? " " : "", unit ? unit : "");
		ok = false;
	} else
		*out = (int)v;
	free(s);
	return ok;
}

static bool get_bool(struct ctx *x, struct fy_node *n, struct pos kp, const char *key, bool *out)
{
	char *s = get_text(x, n, kp, key);
	if (!s)
		return false;
	bool ok = true;
	if (!strcmp(s, "true") || !strcmp(s, "yes"))
		*out = true;
	else if (!strcmp(s, "false") || !strcmp(s, "no"))
		*out = false;
	else {
		REPORT(x, node_pos(x, n, kp), "%s: expected true or false, found '%s'", key, s);
		ok = false;
	}
	free(s);
	return ok;
}

static int get_enum(struct ctx *x, struct fy_node *n, struct pos kp, const char *key, const char *const *names)
{
	char *s = get_text(x, n, kp, key);
	if (!s)
		return -1;
	int i = name_index(names, s);
	if (i < 0) {
		struct strbuf all = STRBUF_INIT;
		for (size_t k = 0; names[k]; k++)
			strbuf_addf(&all, "%s%s", k ? ", " : "", names[k]);
		const char *hint = did_you_mean(s, names);
		if (hint)
			REPORT(x, node_pos(x, n, kp), "%s: unknown value '%s' (did you mean '%s'?)", key, s, hint);
		else
			REPORT(x, node_pos(x, n, kp), "%s: unknown value '%s' (expected one of: %s)", key, s, all.buf);
		strbuf_release(&all);
	}
	free(s);
	return i;
}

static bool valid_id(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 64 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!(islower((unsigned char)c) || isdigit((unsigned char)c) || c == '-'))
			return false;
		if (c == '-' && s[i + 1] == '-')
			return false;
	}
	return true;
}

static char *get_id(struct ctx *x, struct fy_node *n, struct pos kp, const char *key)
{
	char *s = get_text(x, n, kp, key);
	if (s && !valid_id(s)) {
		REPORT(x, node_pos(x, n, kp),
		       "%s: '%s' is not a valid id (lowercase letters, digits and single hyphens, at most 64)", key, s);
		free(s);
		return NULL;
	}
	return s;
}

/* A list of non-empty texts. Returns false (reported) on a wrong shape. */
/* True when n is a list with no entries. */
static bool empty_seq(struct fy_node *n)
{
	return n && fy_node_get_type(n) == FYNT_SEQUENCE && fy_node_sequence_item_count(n) == 0;
}

static bool get_strv(struct ctx *x, struct fy_node *n, struct pos kp, const char *key,
		     char ***out, size_t *nout, size_t maxn)
{
	if (is_null(n) || fy_node_get_type(n) != FYNT_SEQUENCE) {
		REPORT(x, node_pos(x, n, kp), "%s: expected a list, found %s", key, kind_name(n));
		return false;
	}
	size_t count = (size_t)fy_node_sequence_item_count(n), alloc = 0;
	if (count > maxn) {
		REPORT(x, node_pos(x, n, kp), "%s: too many entries (%zu; at most %zu)", key, count, maxn);
		return false;
	}
	void *it = NULL;
	struct fy_node *e;
	while ((e = fy_node_sequence_iterate(n, &it))) {
		char *s = get_nonempty(x, e, kp, key, 2000);
		if (!s)
			continue;
		GROW(*out, *nout + 1, alloc);
		(*out)[(*nout)++] = s;
	}
	return true;
}

/* ---- ranges and durations ---- */

/* "5", "5-10" (spaces allowed around the dash) */
static bool parse_range(const char *s, struct range *r)
{
	const char *dash = strchr(s, '-');
	long a, b;
	if (!dash) {
		if (!parse_int(s, &a))
			return false;
		r->min = r->max = (int)a;
		return true;
	}
	char *l = xstrndup(s, (size_t)(dash - s));
	char *h = xstrdup(dash + 1);
	for (char *e = l + strlen(l); e > l && e[-1] == ' ';)
		*--e = '\0';
	const char *hh = h;
	while (*hh == ' ')
		hh++;
	bool ok = *l && parse_int(l, &a) && parse_int(hh, &b);
	free(l);
	free(h);
	if (ok) {
		r->min = (int)a;
		r->max = (int)b;
	}
	return ok;
}

static bool get_range(struct ctx *x, struct fy_node *n, struct pos kp, const char *key,
		      long lo, long hi, struct range *out)
{
	char *s = get_text(x, n, kp, key);
	if (!s)
		return false;
	struct pos p = node_pos(x, n, kp);
	struct range r;
	bool ok = false;
	long neg;
	if (s[0] == '-' && parse_int(s, &neg))
		REPORT(x, p, "%s: %ld is out of range (%ld to %ld)", key, neg, lo, hi);
	else if (!parse_range(s, &r))
		REPORT(x, p, "%s: expected a number or a range like 5-10, found '%s'", key, s);
	else if (r.min > r.max)
		REPORT(x, p, "%s: range %d-%d has its minimum above its maximum", key, r.min, r.max);
	else if (r.min < lo || r.max > hi)
		REPORT(x, p, "%s: '%s' is out of range (%ld to %ld)", key, s, lo, hi);
	else {
		*out = r;
		ok = true;
	}
	free(s);
	return ok;
}

/* "90", "90 s", "45s", "1-2 min", "2 min" -> seconds */
static bool get_duration(struct ctx *x, struct fy_node *n, struct pos kp, const char *key, struct range *out)
{
	char *s = get_text(x, n, kp, key);
	if (!s)
		return false;
	struct pos p = node_pos(x, n, kp);
	size_t len = strlen(s);
	int mult = 1;
	size_t cut = len;
	static const struct { const char *unit; int mult; } units[] = {
		{ "min", 60 }, { "m", 60 }, { "s", 1 }, { "sec", 1 },
	};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t ul = strlen(units[i].unit);
		if (len > ul && !strcmp(s + len - ul, units[i].unit) &&
		    (isdigit((unsigned char)s[len - ul - 1]) || s[len - ul - 1] == ' ')) {
			mult = units[i].mult;
			cut = len - ul;
			break;
		}
	}
	char *num = xstrndup(s, cut);
	for (char *e = num + strlen(num); e > num && e[-1] == ' ';)
		*--e = '\0';
	struct range r;
	bool ok = false;
	if (!parse_range(num, &r))
		REPORT(x, p, "%s: expected a duration like '90 s', '2 min' or '1-2 min', found '%s'", key, s);
	else if (r.min > r.max)
		REPORT(x, p, "%s: range '%s' has its minimum above its maximum", key, s);
	else if (r.min < 1 || (long)r.max * mult > 3600)
		REPORT(x, p, "%s: '%s' is out of range (1 s to 60 min)", key, s);
	else {
		out->min = r.min * mult;
		out->max = r.max * mult;
		ok = true;
	}
	free(num);
	free(s);
	return ok;
}

/* ---- keyed mappings ---- */

struct field {
	const char *key;
	void (*fn)(struct ctx *x, struct fy_node *v, struct pos kp, void *obj);
	bool required;
};

/* Walk mapping n with the given field table; report unknown, repeated and missing keys. */
static void walk(struct ctx *x, struct fy_node *n, struct pos at, const char *what,
		 const struct field *fields, void *obj)
{
	if (is_null(n) || fy_node_get_type(n) != FYNT_MAPPING) {
		REPORT(x, node_pos(x, n, at), "%s: expected a mapping of keys, found %s", what, kind_name(n));
		return;
	}
	size_t nf = 0;
	while (fields[nf].key)
		nf++;
	bool seen[32] = { false };
	const char *names[33];
	for (size_t i = 0; i < nf; i++)
		names[i] = fields[i].key;
	names[nf] = NULL;

	bool hinted[32] = { false };
	void *it = NULL;
	struct fy_node_pair *pr;
	while ((pr = fy_node_mapping_iterate(n, &it))) {
		struct fy_node *k = fy_node_pair_key(pr);
		struct pos kp = node_pos(x, k, at);
		char *key = get_text(x, k, at, what);
		if (!key)
			continue;
		int i = name_index(names, key);
		if (i < 0) {
			const char *hint = did_you_mean(key, names);
			if (hint)
				hinted[name_index(names, hint)] = true;
			if (hint)
				REPORT(x, kp, "%s: unknown key '%s' (did you mean '%s'?)", what, key, hint);
			else
				REPORT(x, kp, "%s: unknown key '%s'", what, key);
		} else if (seen[i]) {
			/* the same key after trimming (e.g. "id" and "id\f"): the parser's own
			 * check compares the raw text */
			REPORT(x, kp, "%s: duplicate key '%s'", what, key);
		} else {
			seen[i] = true;
			fields[i].fn(x, fy_node_pair_value(pr), kp, obj);
		}
		free(key);
	}
	for (size_t i = 0; i < nf; i++)
		if (fields[i].required && !seen[i] && !hinted[i]) /* a misspelling was already reported */
			REPORT(x, at, "%s: missing required key '%s'", what, fields[i].key);
}

/* ---- dose ---- */

#define DOSE(obj) ((struct dose *)(obj))

static void d_reps(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_range(x, v, kp, "reps", 1, 100, &DOSE(o)->reps);
}
static void d_sets(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_int(x, v, kp, "sets", 1, 10, NULL, &DOSE(o)->sets);
}
static void d_rest(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_int(x, v, kp, "rest", 0, 600, "seconds", &DOSE(o)->rest_s);
}
static void d_hold(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_int(x, v, kp, "hold", 1, 120, "seconds", &DOSE(o)->hold_s);
}
static void d_per(struct ctx *x, struct fy_node *v, struct pos kp, void *o, enum per_kind kind, const char *key)
{
	struct dose *d = DOSE(o);
	if (d->per != PER_NONE) {
		REPORT(x, kp, "%s: give either per_side or per_direction, not both", key);
		return;
	}
	if (get_strv(x, v, kp, key, &d->per_names, &d->n_per, 8) && d->n_per)
		d->per = kind;
	else if (empty_seq(v))
		REPORT(x, kp, "%s: the list is empty; name at least one side or direction", key);
}
static void d_per_side(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	d_per(x, v, kp, o, PER_SIDE, "per_side");
}
static void d_per_dir(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	d_per(x, v, kp, o, PER_DIRECTION, "per_direction");
}
static void d_tempo(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	struct dose *d = DOSE(o);
	if (is_null(v) || fy_node_get_type(v) != FYNT_MAPPING) {
		REPORT(x, node_pos(x, v, kp), "tempo: expected a mapping like {up: 2, hold: 1, down: 2}, found %s", kind_name(v));
		return;
	}
	const char *tempo_names[PH__TEMPO_LAST + 2];
	for (int i = 0; i <= PH__TEMPO_LAST; i++)
		tempo_names[i] = phase_names[i];
	tempo_names[PH__TEMPO_LAST + 1] = NULL;
	size_t alloc = 0;
	int total = 0;
	void *it = NULL;
	struct fy_node_pair *pr;
	while ((pr = fy_node_mapping_iterate(v, &it))) {
		struct pos pp = node_pos(x, fy_node_pair_key(pr), kp);
		char *ph = get_text(x, fy_node_pair_key(pr), kp, "tempo");
		if (!ph)
			continue;
		int i = name_index(tempo_names, ph);
		int secs;
		if (i < 0) {
			const char *hint = did_you_mean(ph, tempo_names);
			REPORT(x, pp, "tempo: unknown phase '%s'%s%s%s (phases: up, hold, down, inhale, exhale)", ph,
			       hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
		} else if (get_int(x, fy_node_pair_value(pr), pp, "tempo", 0, 60, "seconds", &secs)) {
			GROW(d->tempo, d->n_tempo + 1, alloc);
			d->tempo[d->n_tempo++] = (struct tempo_step){ (enum phase)i, secs };
			total += secs;
		}
		free(ph);
	}
	if (d->n_tempo && total == 0)
		REPORT(x, kp, "tempo: the phases add up to 0 seconds");
}
static void d_cycles(struct ctx *x, struct fy_node *v, struct pos kp, void *o);
static void d_duration(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_duration(x, v, kp, "duration", &DOSE(o)->duration_s);
}
static void d_pacing(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	int i = get_enum(x, v, kp, "pacing", pacing_names);
	if (i >= 0)
		DOSE(o)->pacing = (enum pacing)i;
}
static void d_note(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	DOSE(o)->note = get_line(x, v, kp, "note", 200);
}

static void c_contract(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_int(x, v, kp, "contract", 1, 120, "seconds", &DOSE(o)->contract_s);
}
static void c_relax(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_int(x, v, kp, "relax", 1, 120, "seconds", &DOSE(o)->relax_s);
}
static void c_positions(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	struct dose *d = DOSE(o);
	if (get_strv(x, v, kp, "positions", &d->positions, &d->n_positions, 10) && empty_seq(v))
		REPORT(x, kp, "positions: the list is empty; name at least one position");
}
static const struct field cycle_fields[] = {
	{ "contract", c_contract, true },
	{ "relax", c_relax, true },
	{ "positions", c_positions, true },
	{ NULL, NULL, false },
};
static void d_cycles(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	walk(x, v, kp, "cycles", cycle_fields, o);
}

static const struct field dose_fields[] = {
	{ "reps", d_reps, false },
	{ "sets", d_sets, false },
	{ "rest", d_rest, false },
	{ "per_side", d_per_side, false },
	{ "per_direction", d_per_dir, false },
	{ "hold", d_hold, false },
	{ "tempo", d_tempo, false },
	{ "cycles", d_cycles, false },
	{ "duration", d_duration, false },
	{ "pacing", d_pacing, false },
	{ "note", d_note, false },
	{ NULL, NULL, false },
};

/* Checks across the fields of one dose. */
static void check_dose(struct ctx *x, struct dose *d, struct pos at)
{
	bool cycles = d->n_positions && d->contract_s && d->relax_s;
	if (!d->reps.max && !d->duration_s.max && !cycles)
		REPORT(x, at, "dose: give reps, a duration or cycles");
	if (d->hold_s && !d->reps.max)
		REPORT(x, at, "hold: a hold belongs to each rep, so reps are needed");
	if (d->hold_s && d->n_tempo)
		REPORT(x, at, "hold: with a tempo, put the hold inside it, e.g. tempo: {up: 2, hold: %d, down: 2}", d->hold_s);
	if (cycles && (d->reps.max || d->duration_s.max))
		REPORT(x, at, "cycles: contract/relax cycles are the whole dose; leave out reps and duration");
	if (d->n_tempo && !d->reps.max && !d->duration_s.max)
		REPORT(x, at, "tempo: a tempo paces reps or timed breathing, so reps or a duration are needed");
	if (d->rest_s && d->sets < 2)
		REPORT(x, at, "rest: rest is taken between sets, so sets must be 2 or more");
	if (d->pacing == PACE_SELF && !d->reps.max)
		REPORT(x, at, "pacing: self-paced means you press a key per rep, so reps are needed");
	if (d->reps.max && d->duration_s.max)
		REPORT(x, at, "dose: give reps or a duration, not both");
}

static void read_dose(struct ctx *x, struct fy_node *v, struct pos kp, const char *what,
		      const struct field *fields, struct dose *d, void *obj)
{
	size_t before = x->errors;
	d->at = node_pos(x, v, kp);
	walk(x, v, kp, what, fields, obj);
	d->given = true;
	if (x->errors == before)
		check_dose(x, d, d->at);
}

/* ---- exercise ---- */

#define EX(obj) ((struct exercise *)(obj))

static void e_id(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	EX(o)->id = get_id(x, v, kp, "id");
}
static void e_name(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	EX(o)->name = get_line(x, v, kp, "name", 80);
}
static void e_category(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	int i = get_enum(x, v, kp, "category", category_names);
	if (i >= 0)
		EX(o)->category = (enum category)i;
}
static void e_purpose(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	EX(o)->purpose = get_nonempty(x, v, kp, "purpose", 600);
}
static void e_steps(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	if (get_strv(x, v, kp, "steps", &EX(o)->steps, &EX(o)->n_steps, 20) && empty_seq(v))
		REPORT(x, kp, "steps: the list is empty; an exercise needs at least one step");
}
static void e_cautions(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	if (get_strv(x, v, kp, "cautions", &EX(o)->cautions, &EX(o)->n_cautions, 20) && empty_seq(v))
		REPORT(x, kp, "cautions: the list is empty; give at least one caution");
}

static void q_name(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	((struct equipment *)o)->name = get_line(x, v, kp, "equipment name", 120);
}
static void q_or(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	struct equipment *q = o;
	get_strv(x, v, kp, "or", &q->stand_ins, &q->n_stand_ins, 8);
}
static void q_optional(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_bool(x, v, kp, "optional", &((struct equipment *)o)->optional);
}
static const struct field equipment_fields[] = {
	{ "name", q_name, true },
	{ "or", q_or, false },
	{ "optional", q_optional, false },
	{ NULL, NULL, false },
};
static void e_equipment(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	struct exercise *e = EX(o);
	if (is_null(v) || fy_node_get_type(v) != FYNT_SEQUENCE) {
		REPORT(x, node_pos(x, v, kp), "equipment: expected a list, found %s", kind_name(v));
		return;
	}
	size_t alloc = 0;
	void *it = NULL;
	struct fy_node *n;
	while ((n = fy_node_sequence_iterate(v, &it))) {
		if (e->n_equipment >= 8) {
			REPORT(x, node_pos(x, n, kp), "equipment: too many entries (at most 8)");
			break;
		}
		GROW(e->equipment, e->n_equipment + 1, alloc);
		struct equipment *q = &e->equipment[e->n_equipment++];
		memset(q, 0, sizeof(*q));
		walk(x, n, node_pos(x, n, kp), "equipment", equipment_fields, q);
		if (!q->name)
			q->name = xstrdup("?");
	}
}
static void e_ref(struct ctx *x, struct fy_node *v, struct pos kp, char **out, struct pos *at, const char *key)
{
	*out = get_id(x, v, kp, key);
	*at = node_pos(x, v, kp);
}
static void e_regression(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	e_ref(x, v, kp, &EX(o)->regression, &EX(o)->regression_at, "regression");
}
static void e_progression(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	e_ref(x, v, kp, &EX(o)->progression, &EX(o)->progression_at, "progression");
}
static void e_version_of(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	e_ref(x, v, kp, &EX(o)->version_of, &EX(o)->version_of_at, "version_of");
}
static void io_exercise(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	e_ref(x, v, kp, &EX(o)->instead_of, &EX(o)->instead_of_at, "instead_of: exercise");
}
static void io_why(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	EX(o)->instead_why = get_nonempty(x, v, kp, "instead_of: why", 600);
}
static const struct field instead_fields[] = {
	{ "exercise", io_exercise, true },
	{ "why", io_why, true },
	{ NULL, NULL, false },
};
/* instead_of: {exercise, why}: walked on the exercise itself, both fields required */
static void e_instead_of(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	walk(x, v, kp, "instead_of", instead_fields, o);
}
static void e_screen(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	int i = get_enum(x, v, kp, "screen", screen_names);
	if (i >= 0)
		EX(o)->screen = (enum screen)i;
}
static void e_gentle(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	bool keep = true;
	if (get_bool(x, v, kp, "gentle", &keep))
		EX(o)->gentle_skip = !keep;
}
static void e_cues(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	struct exercise *e = EX(o);
	if (is_null(v) || fy_node_get_type(v) != FYNT_MAPPING) {
		REPORT(x, node_pos(x, v, kp), "cues: expected a mapping of phase: words, found %s", kind_name(v));
		return;
	}
	void *it = NULL;
	struct fy_node_pair *pr;
	while ((pr = fy_node_mapping_iterate(v, &it))) {
		struct pos pp = node_pos(x, fy_node_pair_key(pr), kp);
		char *ph = get_text(x, fy_node_pair_key(pr), kp, "cues");
		if (!ph)
			continue;
		int i = name_index(phase_names, ph);
		if (i < 0) {
			const char *hint = did_you_mean(ph, phase_names);
			REPORT(x, pp, "cues: unknown phase '%s'%s%s%s", ph, hint ? " (did you mean '" : "",
			       hint ? hint : "", hint ? "'?)" : "");
		} else {
			free(e->cues[i]);
			e->cues[i] = get_line(x, fy_node_pair_value(pr), pp, "cues", 120);
		}
		free(ph);
	}
}
static void e_dose(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	read_dose(x, v, kp, "dose", dose_fields, &EX(o)->dose, &EX(o)->dose);
}

/* ---- picture (pose.h) ---- */

/* An angle: a whole number of degrees, or for a paired joint [left, right] or one
 * number for both. */
static void read_angle(struct ctx *x, struct fy_node *v, struct pos kp, enum joint j, double (*a)[2],
		       struct pos (*at)[2])
{
	const char *key = joint_names[j];
	int val;
	if (j > J__AXIAL_LAST && v && fy_node_get_type(v) == FYNT_SEQUENCE) {
		if (fy_node_sequence_item_count(v) != 2) {
			REPORT(x, node_pos(x, v, kp), "%s: expected [left, right], two whole numbers of degrees", key);
			return;
		}
		for (int k = 0; k < 2; k++) {
			struct fy_node *e = fy_node_sequence_get_by_index(v, k);
			if (get_int(x, e, kp, key, -360, 360, "degrees", &val)) {
				a[j][k] = val;
				at[j][k] = node_pos(x, e, kp);
			}
		}
		return;
	}
	if (get_int(x, v, kp, key, -360, 360, "degrees", &val))
		for (int k = 0; k < 2; k++) {
			a[j][k] = val;
			at[j][k] = node_pos(x, v, kp);
		}
}

static void pose_joint(struct ctx *x, struct fy_node *v, struct pos kp, void *o, enum joint j)
{
	struct pose *p = o;
	read_angle(x, v, kp, j, p->a, p->a_at);
}
static void pose_out(struct ctx *x, struct fy_node *v, struct pos kp, void *o, enum joint j)
{
	struct pose *p = o;
	read_angle(x, v, kp, j, p->out, p->out_at);
}
#define POSE_A(n, J) \
	static void pj_##n(struct ctx *x, struct fy_node *v, struct pos kp, void *o) { pose_joint(x, v, kp, o, J); }
#define POSE_J(n, J) POSE_A(n, J) \
	static void po_##n(struct ctx *x, struct fy_node *v, struct pos kp, void *o) { pose_out(x, v, kp, o, J); }
POSE_A(torso, J_TORSO) POSE_A(neck, J_NECK) POSE_A(head, J_HEAD) POSE_A(twist, J_TWIST) POSE_J(blade, J_BLADE)
POSE_J(shoulder, J_SHOULDER) POSE_J(elbow, J_ELBOW) POSE_J(wrist, J_WRIST) POSE_J(hip, J_HIP) POSE_J(knee, J_KNEE)
POSE_J(ankle, J_ANKLE)

static const struct field out_fields[] = {
	{ "blade", po_blade, false }, { "shoulder", po_shoulder, false }, { "elbow", po_elbow, false },
	{ "wrist", po_wrist, false }, { "hip", po_hip, false },           { "knee", po_knee, false },
	{ "ankle", po_ankle, false }, { NULL, NULL, false },
};
static void pose_outs(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	walk(x, v, kp, "out", out_fields, o);
}

/* floor: [head, back, feet] and the like: the points that rest on a surface */
static void pose_touch(struct ctx *x, struct fy_node *v, struct pos kp, void *o, enum surface surf)
{
	struct pose *p = o;
	const char *key = surface_names[surf];
	if (is_null(v) || fy_node_get_type(v) != FYNT_SEQUENCE) {
		REPORT(x, node_pos(x, v, kp), "%s: expected a list of body points like [head, back, feet], found %s", key,
		       kind_name(v));
		return;
	}
	void *it = NULL;
	struct fy_node *e;
	while ((e = fy_node_sequence_iterate(v, &it))) {
		char *name = get_nonempty(x, e, kp, key, 40);
		if (!name)
			continue;
		enum body_point bp[4];
		size_t n = body_point_parse(name, bp);
		struct pos at = node_pos(x, e, kp);
		if (!n) {
			const char *hint = did_you_mean(name, body_point_words);
			if (hint)
				REPORT(x, at, "%s: unknown body point '%s' (did you mean '%s'?)", key, name, hint);
			else
				REPORT(x, at, "%s: unknown body point '%s' (e.g. head, back, pelvis, hands, left-hand, knees, feet)",
				       key, name);
		}
		for (size_t i = 0; i < n; i++) {
			if (p->n_touch == POSE_MAX_TOUCH) {
				REPORT(x, at, "%s: too many contact points in one pose (at most %d)", key, POSE_MAX_TOUCH);
				break;
			}
			p->touch[p->n_touch++] = (struct contact){ bp[i], surf, at };
		}
		free(name);
	}
}
#define POSE_T(n, S) \
	static void pt_##n(struct ctx *x, struct fy_node *v, struct pos kp, void *o) { pose_touch(x, v, kp, o, S); }
POSE_T(floor, SURF_FLOOR) POSE_T(wall, SURF_WALL) POSE_T(seat, SURF_SEAT) POSE_T(bed, SURF_BED)
POSE_T(frame, SURF_FRAME)

static const struct field pose_fields[] = {
	{ "torso", pj_torso, false }, { "neck", pj_neck, false },       { "head", pj_head, false },
	{ "twist", pj_twist, false }, { "blade", pj_blade, false },     { "shoulder", pj_shoulder, false },
	{ "elbow", pj_elbow, false }, { "wrist", pj_wrist, false },     { "hip", pj_hip, false },
	{ "knee", pj_knee, false },   { "ankle", pj_ankle, false },     { "out", pose_outs, false },
	{ "floor", pt_floor, false }, { "wall", pt_wall, false },       { "seat", pt_seat, false },
	{ "bed", pt_bed, false },     { "frame", pt_frame, false },     { NULL, NULL, false },
};

/* poses: {start: {...}, up: {...}} */
static void read_poses(struct ctx *x, struct fy_node *v, struct pos kp, struct pose_set *set, const char *key)
{
	set->at = kp;
	if (is_null(v) || fy_node_get_type(v) != FYNT_MAPPING) {
		REPORT(x, node_pos(x, v, kp), "%s: expected a mapping of poses like {start: ..., up: ...}, found %s", key,
		       kind_name(v));
		return;
	}
	void *it = NULL;
	struct fy_node_pair *pr;
	while ((pr = fy_node_mapping_iterate(v, &it))) {
		struct pos pp = node_pos(x, fy_node_pair_key(pr), kp);
		char *name = get_text(x, fy_node_pair_key(pr), kp, key);
		if (!name)
			continue;
		int k = name_index(pose_key_names, name);
		if (!strcmp(name, "view") && set->name) {
			int vi = get_enum(x, fy_node_pair_value(pr), pp, "view", viewpoint_names);
			if (vi >= 0)
				set->view = (enum viewpoint)vi;
		} else if (k < 0) {
			/* a position of the dose's cycles: checked against the dose with the rest */
			size_t alloc = set->n_named;
			GROW(set->named, set->n_named + 1, alloc);
			struct named_pose *np = &set->named[set->n_named++];
			memset(np, 0, sizeof(*np));
			np->name = name;
			name = NULL;
			np->pose.given = true;
			np->pose.at = pp;
			walk(x, fy_node_pair_value(pr), pp, np->name, pose_fields, &np->pose);
		} else if (set->pose[k].given) {
			REPORT(x, pp, "%s: duplicate pose '%s'", key, name);
		} else {
			struct pose *p = &set->pose[k];
			p->given = true;
			p->at = pp;
			walk(x, fy_node_pair_value(pr), pp, name, pose_fields, p);
		}
		free(name);
	}
}

#define PIC(obj) ((struct picture *)(obj))

static void p_view(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	int i = get_enum(x, v, kp, "view", viewpoint_names);
	if (i >= 0)
		PIC(o)->main.view = (enum viewpoint)i;
}
static void p_near(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	static const char *const sides[] = { "left", "right", NULL };
	int i = get_enum(x, v, kp, "near", sides);
	if (i >= 0)
		PIC(o)->near = i;
}
static void p_props(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	char **names = NULL;
	size_t n = 0;
	if (get_strv(x, v, kp, "props", &names, &n, PROP__COUNT)) {
		for (size_t i = 0; i < n; i++) {
			int k = name_index(prop_names, names[i]);
			if (k >= 0) {
				PIC(o)->props |= 1u << k;
				continue;
			}
			const char *hint = did_you_mean(names[i], prop_names);
			REPORT(x, node_pos(x, v, kp), "props: unknown prop '%s'%s%s%s", names[i], hint ? " (did you mean '" : "",
			       hint ? hint : " (props: floor, mat, wall, ball, doorway, chair, bed, dumbbells, band)",
			       hint ? "'?)" : "");
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
static void p_poses(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	read_poses(x, v, kp, &PIC(o)->main, "poses");
}
/* sides: {forward: {up: ...}, look up: {view: side, start: ..., up: ...}} */
static void p_sides(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	struct picture *pic = PIC(o);
	if (is_null(v) || fy_node_get_type(v) != FYNT_MAPPING) {
		REPORT(x, node_pos(x, v, kp), "sides: expected a mapping of side or direction names to poses, found %s",
		       kind_name(v));
		return;
	}
	size_t alloc = 0;
	void *it = NULL;
	struct fy_node_pair *pr;
	while ((pr = fy_node_mapping_iterate(v, &it))) {
		struct pos pp = node_pos(x, fy_node_pair_key(pr), kp);
		char *name = get_nonempty(x, fy_node_pair_key(pr), kp, "sides", 200);
		if (!name)
			continue;
		GROW(pic->sides, pic->n_sides + 1, alloc);
		struct pose_set *s = &pic->sides[pic->n_sides++];
		memset(s, 0, sizeof(*s));
		s->name = name;
		s->view = VIEW__COUNT; /* the main view, unless the side says otherwise */
		struct fy_node *val = fy_node_pair_value(pr);
		size_t len;
		const char *word = val && fy_node_get_type(val) == FYNT_SCALAR ? fy_node_get_scalar(val, &len) : NULL;
		if (word && len == 6 && !memcmp(word, "mirror", 6))
			s->mirror = true;
		else
			read_poses(x, val, pp, s, "sides");
		s->at = pp;
	}
}

static const struct field picture_fields[] = {
	{ "view", p_view, true },
	{ "near", p_near, false },
	{ "props", p_props, false },
	{ "poses", p_poses, true },
	{ "sides", p_sides, false },
	{ NULL, NULL, false },
};

static void e_picture(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	struct exercise *e = EX(o);
	struct picture *pic = xcalloc(1, sizeof(*pic));
	pic->at = kp;
	pic->main.at = kp;
	pic->near = 1;
	size_t before = x->errors;
	walk(x, v, kp, "picture", picture_fields, pic);
	pic->broken = x->errors != before;
	/* the view may be written below the sides */
	for (size_t i = 0; i < pic->n_sides; i++)
		if (pic->sides[i].view == VIEW__COUNT)
			pic->sides[i].view = pic->main.view;
	e->picture = pic;
}

static const struct field exercise_fields[] = {
	{ "id", e_id, true },
	{ "name", e_name, true },
	{ "category", e_category, true },
	{ "purpose", e_purpose, true },
	{ "steps", e_steps, true },
	{ "cautions", e_cautions, true },
	{ "equipment", e_equipment, false },
	{ "regression", e_regression, false },
	{ "progression", e_progression, false },
	{ "version_of", e_version_of, false },
	{ "instead_of", e_instead_of, false },
	{ "screen", e_screen, false },
	{ "gentle", e_gentle, false },
	{ "cues", e_cues, false },
	{ "dose", e_dose, false },
	{ "picture", e_picture, false },
	{ NULL, NULL, false },
};

/* ---- routine ---- */

#define RT(obj) ((struct routine *)(obj))

static void r_id(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	RT(o)->id = get_id(x, v, kp, "id");
}
static void r_name(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	RT(o)->name = get_line(x, v, kp, "name", 80);
}
static void r_description(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	RT(o)->description = get_nonempty(x, v, kp, "description", 1000);
}
static void r_module(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	int i = get_enum(x, v, kp, "module", module_names);
	if (i >= 0)
		RT(o)->module = (enum module)i;
}

static void r_ready(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_int(x, v, kp, "ready", 3, 60, "seconds", &RT(o)->ready_s);
}

static void i_exercise(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	struct item *it = o;
	it->exercise = get_id(x, v, kp, "exercise");
	it->exercise_at = node_pos(x, v, kp);
}
/* An item's dose keys sit beside exercise:, so the item table is the dose table plus one. */
static void i_dose_key(struct ctx *x, struct fy_node *v, struct pos kp, void *o, size_t k)
{
	dose_fields[k].fn(x, v, kp, &((struct item *)o)->dose);
	((struct item *)o)->dose.given = true;
}
#define I_DOSE(n) static void i_dose_##n(struct ctx *x, struct fy_node *v, struct pos kp, void *o) { i_dose_key(x, v, kp, o, n); }
I_DOSE(0) I_DOSE(1) I_DOSE(2) I_DOSE(3) I_DOSE(4) I_DOSE(5) I_DOSE(6) I_DOSE(7) I_DOSE(8) I_DOSE(9) I_DOSE(10)
static const struct field item_fields[] = {
	{ "exercise", i_exercise, true },
	{ "reps", i_dose_0, false },
	{ "sets", i_dose_1, false },
	{ "rest", i_dose_2, false },
	{ "per_side", i_dose_3, false },
	{ "per_direction", i_dose_4, false },
	{ "hold", i_dose_5, false },
	{ "tempo", i_dose_6, false },
	{ "cycles", i_dose_7, false },
	{ "duration", i_dose_8, false },
	{ "pacing", i_dose_9, false },
	{ "note", i_dose_10, false },
	{ NULL, NULL, false },
};

static void r_items(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	struct routine *r = RT(o);
	if (is_null(v) || fy_node_get_type(v) != FYNT_SEQUENCE) {
		REPORT(x, node_pos(x, v, kp), "items: expected a list, found %s", kind_name(v));
		return;
	}
	size_t alloc = 0;
	void *iter = NULL;
	struct fy_node *n;
	while ((n = fy_node_sequence_iterate(v, &iter))) {
		if (r->n_items >= 50) {
			REPORT(x, node_pos(x, n, kp), "items: too many items (at most 50)");
			break;
		}
		GROW(r->items, r->n_items + 1, alloc);
		struct item *it = &r->items[r->n_items++];
		memset(it, 0, sizeof(*it));
		struct pos ip = node_pos(x, n, kp);
		size_t before = x->errors;
		walk(x, n, ip, "item", item_fields, it);
		if (it->dose.given) {
			it->dose.at = ip;
			if (x->errors == before)
				check_dose(x, &it->dose, ip);
		}
		if (!it->exercise) {
			it->exercise = xstrdup("");
			it->exercise_at = ip;
		}
	}
	if (!r->n_items)
		REPORT(x, kp, "items: the routine has no items");
}

static const struct field routine_fields[] = {
	{ "id", r_id, true },
	{ "name", r_name, true },
	{ "description", r_description, true },
	{ "module", r_module, true },
	{ "ready", r_ready, false },
	{ "items", r_items, true },
	{ NULL, NULL, false },
};

/* ---- file ---- */

/* Read a top-level list: each entry is parsed by one() into a file-local catalog, then
 * merged into the file's catalog so duplicate ids are reported once, in one place. */
static void read_list(struct ctx *x, struct fy_node *v, struct pos kp, const char *what, struct catalog *c,
		      void (*one)(struct ctx *x, struct fy_node *n, struct pos at, struct catalog *local))
{
	if (is_null(v) || fy_node_get_type(v) != FYNT_SEQUENCE) {
		REPORT(x, node_pos(x, v, kp), "%s: expected a list, found %s", what, kind_name(v));
		return;
	}
	struct catalog local;
	catalog_init(&local);
	void *it = NULL;
	struct fy_node *n;
	while ((n = fy_node_sequence_iterate(v, &it)))
		one(x, n, node_pos(x, n, kp), &local);
	size_t before = x->d->n;
	catalog_merge(c, &local, false, x->d);
	x->errors += x->d->n - before;
}

/* Entries with problems are kept, marked broken, so references to them still resolve;
 * entries without an id cannot be referred to and are dropped. */
static void one_exercise(struct ctx *x, struct fy_node *n, struct pos at, struct catalog *local)
{
	struct exercise e;
	memset(&e, 0, sizeof(e));
	e.at = at;
	size_t before = x->errors;
	walk(x, n, e.at, "exercise", exercise_fields, &e);
	if (!e.id) {
		exercise_release(&e);
		return;
	}
	size_t words = 0;
	for (size_t i = 0; i < e.n_steps; i++)
		words += count_words(e.steps[i]);
	if (words > STEPS_MAX_WORDS)
		REPORT(x, e.at, "steps: %zu words take too long to read aloud before the exercise (at most %d)", words,
		       STEPS_MAX_WORDS);
	/* the geometry is checked once the picture has been read cleanly; what it needs,
	 * once the dose has too */
	if (e.picture && !e.picture->broken)
		x->errors += picture_check(e.picture, e.dose.given && x->errors == before ? &e.dose : NULL, x->d);
	e.broken = x->errors != before;
	GROW(local->ex, local->n_ex + 1, local->alloc_ex);
	local->ex[local->n_ex++] = e;
}

static void one_routine(struct ctx *x, struct fy_node *n, struct pos at, struct catalog *local)
{
	struct routine r;
	memset(&r, 0, sizeof(r));
	r.at = at;
	size_t before = x->errors;
	walk(x, n, r.at, "routine", routine_fields, &r);
	if (!r.id) {
		routine_release(&r);
		return;
	}
	r.broken = x->errors != before;
	GROW(local->rt, local->n_rt + 1, local->alloc_rt);
	local->rt[local->n_rt++] = r;
}

static void f_exercises(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	read_list(x, v, kp, "exercises", o, one_exercise);
}

static void f_routines(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	read_list(x, v, kp, "routines", o, one_routine);
}

/* ---- screening questions ---- */

#define Q(obj) ((struct question *)(obj))

static void q_id(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	Q(o)->id = get_id(x, v, kp, "id");
}
static void q_group(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	Q(o)->group = get_id(x, v, kp, "group");
}
static void q_ask(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	Q(o)->ask = get_nonempty(x, v, kp, "ask", 400);
}
static void q_urgency(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	static const char *const levels[] = { "none", "routine", "days", "today", "emergency", NULL };
	int i = get_enum(x, v, kp, "urgency", levels);
	if (i >= 0)
		Q(o)->urgency = URG_NONE + i;
}
static void q_neck(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_bool(x, v, kp, "neck", &Q(o)->neck);
}
static void q_neck_lock(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_bool(x, v, kp, "neck_lock", &Q(o)->neck_lock);
}
static void q_fact(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	get_bool(x, v, kp, "fact", &Q(o)->fact);
}
static void q_escalate(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	Q(o)->escalate_at = node_pos(x, v, kp);
	get_strv(x, v, kp, "escalate_with", &Q(o)->escalate, &Q(o)->n_escalate, 20);
}
static const struct field question_fields[] = {
	{ "id", q_id, true },
	{ "group", q_group, true },
	{ "ask", q_ask, true },
	{ "urgency", q_urgency, true },
	{ "neck", q_neck, false },
	{ "neck_lock", q_neck_lock, false },
	{ "fact", q_fact, false },
	{ "escalate_with", q_escalate, false },
	{ NULL, NULL, false },
};

static void one_question(struct ctx *x, struct fy_node *n, struct pos at, struct catalog *local)
{
	struct question q;
	memset(&q, 0, sizeof(q));
	q.at = q.escalate_at = at;
	q.urgency = -1; /* required: walk() reports it missing */
	size_t before = x->errors;
	walk(x, n, q.at, "question", question_fields, &q);
	if (!q.id) {
		question_release(&q);
		return;
	}
	if (q.neck)
		q.neck_lock = true; /* the neck screen's own questions lock it too */
	if (q.urgency == URG_NONE && q.ask && !q.neck_lock && !q.n_escalate)
		REPORT(x, at, "urgency: none needs neck, neck_lock or escalate_with, or a yes would change nothing");
	if (q.urgency < 0)
		q.urgency = URG_NONE;
	q.broken = x->errors != before;
	GROW(local->q, local->n_q + 1, local->alloc_q);
	local->q[local->n_q++] = q;
}

static void f_screening(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	read_list(x, v, kp, "screening", o, one_question);
}

static void f_format(struct ctx *x, struct fy_node *v, struct pos kp, void *o)
{
	(void)o;
	int version;
	if (get_int(x, v, kp, "format", 1, 1000, NULL, &version) && version != 1)
		REPORT(x, node_pos(x, v, kp), "format: this program reads format 1; the file says %d", version);
}

static const struct field file_fields[] = {
	{ "format", f_format, false },
	{ "exercises", f_exercises, false },
	{ "routines", f_routines, false },
	{ "screening", f_screening, false },
	{ NULL, NULL, false },
};

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned min;
	unsigned cp;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, min = 0x80, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, min = 0x800, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, min = 0x10000, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* Content files are UTF-8 text: find the first byte that is not (a NUL, or a broken
 * sequence). Checked before parsing so the YAML library only ever sees text. */
static bool check_text(const char *buf, size_t len, struct pos *bad, const char **why)
{
	const unsigned char *p = (const unsigned char *)buf;
	int line = 1, col = 1;
	for (size_t i = 0; i < len;) {
		size_t l = p[i] ? utf8_len(p + i, len - i) : 0;
		if (!l) {
			bad->line = line;
			bad->col = col;
			*why = p[i] ? "not valid UTF-8 text (a broken character); save the file as UTF-8"
				    : "not a text file: it holds a NUL byte; content files are UTF-8 text";
			return false;
		}
		if (p[i] == '\n')
			line++, col = 1;
		else
			col++;
		i += l;
	}
	return true;
}

size_t content_parse(struct catalog *out, const char *file, const char *buf, size_t len, struct diags *d)
{
	struct ctx x = { catalog_intern_file(out, file), out, d, 0 };
	struct pos top = { x.file, 1, 1 };
	if (len > CONTENT_MAX_BYTES) {
		diags_add(d, (struct pos){ x.file, 0, 0 }, "file is too large (%zu bytes; at most %d)", len, CONTENT_MAX_BYTES);
		return 1;
	}
	struct pos bad = { x.file, 0, 0 };
	const char *why;
	if (!check_text(buf, len, &bad, &why)) {
		diags_add(d, bad, "%s", why);
		return 1;
	}
	struct fy_diag_cfg dcfg;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.colorize = false;
	struct fy_diag *fd = fy_diag_create(&dcfg);
	fy_diag_set_collect_errors(fd, true);
	/* no per-mapping hash tables (accelerators): content mappings are small, and with tens
	 * of thousands of them building the tables took most of the time */
	struct fy_parse_cfg cfg = { .flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | 0, .diag = fd };
	struct fy_parser *fyp = fy_parser_create(&cfg);
	struct fy_document *doc = NULL;
	if (fyp && fy_parser_set_string(fyp, buf, len) == 0 && (doc = fy_parse_load_document(fyp))) {
		/* one document a file: a second (after ---) would be ignored silently */
		struct fy_document *more = fy_parse_load_document(fyp);
		if (more) {
			const struct fy_mark *m = fy_document_state_start_mark(fy_document_get_document_state(more));
			struct pos at = top;
			if (m)
				at.line = m->line + 1, at.col = m->column + 1;
			REPORT(&x, at, "a second YAML document; a content file holds one (remove the '---' and what "
				       "follows, or move it to a file of its own)");
			fy_parse_document_destroy(fyp, more);
		}
	}
	size_t syntax = 0;
	void *it = NULL;
	struct fy_diag_error *err;
	while ((err = fy_diag_errors_iterate(fd, &it))) {
		if (err->type < FYET_ERROR)
			continue;
		diags_add(d, (struct pos){ x.file, err->line, err->column }, "%s", err->msg);
		syntax++;
	}
	if (!doc || syntax) {
		if (!syntax && !x.errors)
			diags_add(d, top, "file is empty; expected 'exercises:', 'routines:' or 'screening:'");
		fy_parse_document_destroy(fyp, doc);
		fy_parser_destroy(fyp);
		fy_diag_destroy(fd);
		return syntax + x.errors ? syntax + x.errors : 1;
	}
	struct fy_node *root = fy_document_root(doc);
	if (is_null(root))
		REPORT(&x, top, "file is empty; expected 'exercises:', 'routines:' or 'screening:'");
	else
		walk(&x, root, top, "file", file_fields, out);
	fy_parse_document_destroy(fyp, doc);
	fy_parser_destroy(fyp);
	fy_diag_destroy(fd);
	return x.errors;
}
