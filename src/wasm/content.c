/* content.c: the content model built record by record. The page reads the server's
 * JSON of a routine and its exercises (format/content-json.c) and puts one record per
 * value, in order: ux_content_put(c, key, text, a, b). Records go to what was opened
 * last: "exercise" opens an exercise, "routine" a routine, "item" an item of that
 * routine, "dose" the dose of the exercise or item open. The keys:
 *
 *   exercise ID | routine ID | item EXERCISE-ID | dose
 *   name, purpose, description TEXT | category, screen, module NAME | gentle a (0: no)
 *   step, caution TEXT (added in order) | regression, progression ID | cue.PHASE TEXT
 *   ready_s a | reps a..b | duration_s a..b | sets, rest_s, hold_s, contract_s, relax_s a
 *   pacing NAME | per_side, per_direction, position TEXT (added) | tempo PHASE a | note TEXT
 *   picture, prop, side, side_view, pose, angle, out, rest.SURFACE: the picture (picture.c)
 *
 * Nothing here is a rule of the session: the engine reads the model as it reads a
 * catalog loaded from YAML. Values are checked for their type and range, so a page
 * cannot hand the engine a model it would not get from a content file. */
#include "wasm/export.h"
#include "core/mem.h"
#include "core/pose.h"
#include <stdlib.h>
#include <string.h>

enum open { OPEN_NONE, OPEN_EX, OPEN_RT, OPEN_ITEM };

struct ux_content {
	struct catalog cat;
	enum open open;  /* what records go to */
	bool dose_open;  /* "dose" seen for what is open */
	struct ux_picture_open pic; /* the open exercise's picture (picture.c) */
	const char *file;
};

#define MAX_SECONDS 3600
#define MAX_REPS 100

struct record {
	const char *key, *text;
	int a, b;
};

static int bad(const struct record *r, const char *what)
{
	strbuf_addf(ux_err_buf(), "%s: %s", r->key, what);
	return -1;
}

static struct exercise *cur_ex(struct ux_content *c)
{
	return &c->cat.ex[c->cat.n_ex - 1];
}

static struct routine *cur_rt(struct ux_content *c)
{
	return &c->cat.rt[c->cat.n_rt - 1];
}

static struct dose *cur_dose(struct ux_content *c)
{
	if (c->open == OPEN_EX)
		return &cur_ex(c)->dose;
	struct routine *r = cur_rt(c);
	return &r->items[r->n_items - 1].dose;
}

static bool valid_id(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

static void add_str(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

/* ---- what opens ---- */

static int r_exercise(struct ux_content *c, const struct record *r)
{
	if (!valid_id(r->text))
		return bad(r, "not an id (lower-case letters, digits and '-')");
	if (catalog_exercise(&c->cat, r->text))
		return bad(r, "this id is given twice");
	GROW(c->cat.ex, c->cat.n_ex + 1, c->cat.alloc_ex);
	struct exercise *e = &c->cat.ex[c->cat.n_ex++];
	memset(e, 0, sizeof(*e));
	e->id = xstrdup(r->text);
	e->at.file = c->file;
	c->open = OPEN_EX;
	c->dose_open = false;
	return 0;
}

static int r_routine(struct ux_content *c, const struct record *r)
{
	if (!valid_id(r->text))
		return bad(r, "not an id (lower-case letters, digits and '-')");
	if (catalog_routine(&c->cat, r->text))
		return bad(r, "this id is given twice");
	GROW(c->cat.rt, c->cat.n_rt + 1, c->cat.alloc_rt);
	struct routine *rt = &c->cat.rt[c->cat.n_rt++];
	memset(rt, 0, sizeof(*rt));
	rt->id = xstrdup(r->text);
	rt->at.file = c->file;
	c->open = OPEN_RT;
	c->dose_open = false;
	return 0;
}

static int r_item(struct ux_content *c, const struct record *r)
{
	if (c->open != OPEN_RT && c->open != OPEN_ITEM)
		return bad(r, "no routine is open");
	if (!valid_id(r->text))
		return bad(r, "not an exercise id");
	struct routine *rt = cur_rt(c);
	rt->items = xrealloc(rt->items, (rt->n_items + 1) * sizeof(*rt->items));
	struct item *it = &rt->items[rt->n_items++];
	memset(it, 0, sizeof(*it));
	it->exercise = xstrdup(r->text);
	it->exercise_at.file = c->file;
	c->open = OPEN_ITEM;
	c->dose_open = false;
	return 0;
}

static int r_dose(struct ux_content *c, const struct record *r)
{
	if (c->open != OPEN_EX && c->open != OPEN_ITEM)
		return bad(r, "no exercise or routine item is open");
	if (c->dose_open)
		return bad(r, "given twice");
	struct dose *d = cur_dose(c);
	d->given = true;
	d->at.file = c->file;
	c->dose_open = true;
	return 0;
}

/* ---- words ---- */

static char **text_field(struct ux_content *c, const char *key)
{
	if (c->open == OPEN_EX) {
		struct exercise *e = cur_ex(c);
		if (!strcmp(key, "name"))
			return &e->name;
		if (!strcmp(key, "purpose"))
			return &e->purpose;
	} else if (c->open == OPEN_RT) {
		struct routine *rt = cur_rt(c);
		if (!strcmp(key, "name"))
			return &rt->name;
		if (!strcmp(key, "description"))
			return &rt->description;
	}
	return NULL;
}

static int r_text(struct ux_content *c, const struct record *r)
{
	char **f = text_field(c, r->key);
	if (!f)
		return bad(r, "no exercise or routine that has it is open");
	free(*f);
	*f = xstrdup(r->text);
	return 0;
}

static int r_list(struct ux_content *c, const struct record *r)
{
	if (c->open != OPEN_EX)
		return bad(r, "no exercise is open");
	struct exercise *e = cur_ex(c);
	if (!strcmp(r->key, "step"))
		add_str(&e->steps, &e->n_steps, r->text);
	else
		add_str(&e->cautions, &e->n_cautions, r->text);
	return 0;
}

static int r_link(struct ux_content *c, const struct record *r)
{
	if (c->open != OPEN_EX)
		return bad(r, "no exercise is open");
	if (*r->text && !valid_id(r->text))
		return bad(r, "not an exercise id");
	struct exercise *e = cur_ex(c);
	char **f = !strcmp(r->key, "regression") ? &e->regression : &e->progression;
	free(*f);
	*f = *r->text ? xstrdup(r->text) : NULL;
	return 0;
}

static int r_cue(struct ux_content *c, const struct record *r)
{
	if (c->open != OPEN_EX)
		return bad(r, "no exercise is open");
	int p = name_index(phase_names, r->key + strlen("cue."));
	if (p < 0)
		return bad(r, "not a phase");
	struct exercise *e = cur_ex(c);
	free(e->cues[p]);
	e->cues[p] = xstrdup(r->text);
	return 0;
}

static int r_name(struct ux_content *c, const struct record *r)
{
	if (!strcmp(r->key, "module")) {
		int m = name_index(module_names, r->text);
		if (c->open != OPEN_RT)
			return bad(r, "no routine is open");
		if (m < 0)
			return bad(r, "not a module");
		cur_rt(c)->module = (enum module)m;
		return 0;
	}
	if (c->open != OPEN_EX)
		return bad(r, "no exercise is open");
	const char *const *table = !strcmp(r->key, "category") ? category_names : screen_names;
	int i = name_index(table, r->text);
	if (i < 0)
		return bad(r, "not one of the names it can be");
	if (table == category_names)
		cur_ex(c)->category = (enum category)i;
	else
		cur_ex(c)->screen = (enum screen)i;
	return 0;
}

static int r_gentle(struct ux_content *c, const struct record *r)
{
	if (c->open != OPEN_EX)
		return bad(r, "no exercise is open");
	cur_ex(c)->gentle_skip = r->a == 0;
	return 0;
}

static int r_ready(struct ux_content *c, const struct record *r)
{
	if (c->open != OPEN_RT)
		return bad(r, "no routine is open");
	if (r->a < 0 || r->a > MAX_SECONDS)
		return bad(r, "not a number of seconds from 0 to 3600");
	cur_rt(c)->ready_s = r->a;
	return 0;
}

/* ---- the dose ---- */

static int r_range(struct ux_content *c, const struct record *r)
{
	bool reps = !strcmp(r->key, "reps");
	int top = reps ? MAX_REPS : MAX_SECONDS;
	if (r->a < 1 || r->b < r->a || r->b > top)
		return bad(r, reps ? "not a range of reps from 1 to 100" : "not a range of seconds from 1 to 3600");
	struct dose *d = cur_dose(c);
	*(reps ? &d->reps : &d->duration_s) = (struct range){ r->a, r->b };
	return 0;
}

static int r_int(struct ux_content *c, const struct record *r)
{
	struct dose *d = cur_dose(c);
	int *f = !strcmp(r->key, "sets") ? &d->sets : !strcmp(r->key, "rest_s") ? &d->rest_s :
		 !strcmp(r->key, "hold_s") ? &d->hold_s : !strcmp(r->key, "contract_s") ? &d->contract_s :
		 &d->relax_s;
	int lo = f == &d->sets ? 1 : 0, hi = f == &d->sets ? 20 : MAX_SECONDS;
	if (r->a < lo || r->a > hi)
		return bad(r, f == &d->sets ? "not a number of sets from 1 to 20" : "not a number of seconds from 0 to 3600");
	*f = r->a;
	return 0;
}

static int r_pacing(struct ux_content *c, const struct record *r)
{
	int p = name_index(pacing_names, r->text);
	if (p < 0)
		return bad(r, "not a pacing");
	cur_dose(c)->pacing = (enum pacing)p;
	return 0;
}

static int r_per(struct ux_content *c, const struct record *r)
{
	struct dose *d = cur_dose(c);
	enum per_kind k = !strcmp(r->key, "per_side") ? PER_SIDE : PER_DIRECTION;
	if (d->per != PER_NONE && d->per != k)
		return bad(r, "a dose is per side or per direction, not both");
	if (!*r->text)
		return bad(r, "an empty name");
	d->per = k;
	add_str(&d->per_names, &d->n_per, r->text);
	return 0;
}

static int r_position(struct ux_content *c, const struct record *r)
{
	struct dose *d = cur_dose(c);
	add_str(&d->positions, &d->n_positions, r->text);
	return 0;
}

static int r_tempo(struct ux_content *c, const struct record *r)
{
	int p = name_index(phase_names, r->text);
	if (p < 0 || p > PH__TEMPO_LAST)
		return bad(r, "not a phase of a rep or a breath");
	if (r->a < 0 || r->a > 60)
		return bad(r, "not a number of seconds from 0 to 60");
	struct dose *d = cur_dose(c);
	d->tempo = xrealloc(d->tempo, (d->n_tempo + 1) * sizeof(*d->tempo));
	d->tempo[d->n_tempo++] = (struct tempo_step){ (enum phase)p, r->a };
	return 0;
}

static int r_note(struct ux_content *c, const struct record *r)
{
	struct dose *d = cur_dose(c);
	free(d->note);
	d->note = xstrdup(r->text);
	return 0;
}

static const struct {
	const char *key;
	bool dose; /* a field of the open dose */
	int (*put)(struct ux_content *, const struct record *);
} records[] = {
	{ "exercise", false, r_exercise }, { "routine", false, r_routine }, { "item", false, r_item },
	{ "dose", false, r_dose }, { "name", false, r_text }, { "purpose", false, r_text },
	{ "description", false, r_text }, { "step", false, r_list }, { "caution", false, r_list },
	{ "regression", false, r_link }, { "progression", false, r_link }, { "category", false, r_name },
	{ "screen", false, r_name }, { "module", false, r_name }, { "gentle", false, r_gentle },
	{ "ready_s", false, r_ready }, { "reps", true, r_range }, { "duration_s", true, r_range },
	{ "sets", true, r_int }, { "rest_s", true, r_int }, { "hold_s", true, r_int },
	{ "contract_s", true, r_int }, { "relax_s", true, r_int }, { "pacing", true, r_pacing },
	{ "per_side", true, r_per }, { "per_direction", true, r_per }, { "position", true, r_position },
	{ "tempo", true, r_tempo }, { "note", true, r_note },
};

struct ux_content *ux_content_new(void)
{
	struct ux_content *c = xcalloc(1, sizeof(*c));
	catalog_init(&c->cat);
	c->file = catalog_intern_file(&c->cat, "content from the server");
	return c;
}

int ux_content_put(struct ux_content *c, const char *key, const char *text, int a, int b)
{
	struct record r = { key ? key : "", text ? text : "", a, b };
	strbuf_reset(ux_err_buf());
	if (!strncmp(r.key, "cue.", 4))
		return r_cue(c, &r);
	if (ux_picture_key(r.key))
		return c->open == OPEN_EX ? ux_picture_put(&c->pic, cur_ex(c), c->file, r.key, r.text, r.a, r.b)
					  : bad(&r, "no exercise is open");
	for (size_t i = 0; i < sizeof(records) / sizeof(records[0]); i++) {
		if (strcmp(records[i].key, r.key))
			continue;
		if (records[i].dose && !c->dose_open)
			return bad(&r, "no dose is open");
		return records[i].put(c, &r);
	}
	return bad(&r, "not a field of the content");
}

/* The first problem of an exercise's picture, checked against its dose as a content
 * file's is (the joints' ranges, contacts that touch, the poses the dose needs). */
static void picture_problem(const struct exercise *e, struct strbuf *err)
{
	struct diags dg;
	diags_init(&dg);
	if (picture_check(e->picture, e->dose.given ? &e->dose : NULL, &dg))
		strbuf_addf(err, "exercise %s: picture: %s", e->id, dg.v[0].msg);
	diags_release(&dg);
}

/* The references resolve and every exercise and routine has a name; -1 with
 * ux_error() naming the first that does not. */
int ux_content_check(struct ux_content *c)
{
	struct strbuf *err = ux_err_buf();
	strbuf_reset(err);
	for (size_t i = 0; i < c->cat.n_ex; i++) {
		const struct exercise *e = &c->cat.ex[i];
		if (!e->name)
			strbuf_addf(err, "exercise %s: no name", e->id);
		else if (e->regression && !catalog_exercise(&c->cat, e->regression))
			strbuf_addf(err, "exercise %s: regression %s is not in the content", e->id, e->regression);
		else if (e->progression && !catalog_exercise(&c->cat, e->progression))
			strbuf_addf(err, "exercise %s: progression %s is not in the content", e->id, e->progression);
		else if (e->picture)
			picture_problem(e, err);
		if (err->len)
			return -1;
	}
	for (size_t i = 0; i < c->cat.n_rt; i++) {
		const struct routine *r = &c->cat.rt[i];
		if (!r->name)
			strbuf_addf(err, "routine %s: no name", r->id);
		for (size_t k = 0; k < r->n_items && !err->len; k++)
			if (!catalog_exercise(&c->cat, r->items[k].exercise))
				strbuf_addf(err, "routine %s: item %zu: exercise %s is not in the content", r->id, k + 1,
					    r->items[k].exercise);
		if (err->len)
			return -1;
	}
	return 0;
}

const struct catalog *ux_content_catalog(const struct ux_content *c)
{
	return &c->cat;
}

void ux_content_free(struct ux_content *c)
{
	if (!c)
		return;
	catalog_free(&c->cat);
	free(c);
}
