/* content.c: content model lifetime, lookups, merging, cross-checks and plain-word descriptions. */
#include "content.h"
#include "mem.h"
#include "strbuf.h"
#include <stdlib.h>
#include <string.h>

const char *const category_names[CAT__COUNT + 1] = {
	"release", "activation", "mobility", "breathing", "relaxation", "posture", NULL
};
const char *const module_names[MOD__COUNT + 1] = {
	"release", "activation", "breathing", "relaxation", "posture-break", NULL
};
const char *const screen_names[SCREEN__COUNT + 1] = { "none", "neck", NULL };
const char *const pacing_names[PACE__COUNT + 1] = { "default", "timed", "self", NULL };
const char *const phase_names[PH__COUNT + 1] = {
	"up", "hold", "down", "inhale", "exhale", "contract", "relax",
	"start", "switch", "rest", "done", NULL
};

int name_index(const char *const *table, const char *name)
{
	for (int i = 0; table[i]; i++)
		if (!strcmp(table[i], name))
			return i;
	return -1;
}

void catalog_init(struct catalog *c)
{
	memset(c, 0, sizeof(*c));
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void dose_release(struct dose *d)
{
	free_strv(d->per_names, d->n_per);
	free_strv(d->positions, d->n_positions);
	free(d->tempo);
	free(d->note);
	memset(d, 0, sizeof(*d));
}

void exercise_release(struct exercise *e)
{
	free(e->id);
	free(e->name);
	free(e->purpose);
	free_strv(e->steps, e->n_steps);
	free_strv(e->cautions, e->n_cautions);
	for (size_t i = 0; i < e->n_equipment; i++) {
		free(e->equipment[i].name);
		free_strv(e->equipment[i].stand_ins, e->equipment[i].n_stand_ins);
	}
	free(e->equipment);
	free(e->regression);
	free(e->progression);
	free(e->version_of);
	free(e->instead_of);
	free(e->instead_why);
	for (int p = 0; p < PH__COUNT; p++)
		free(e->cues[p]);
	dose_release(&e->dose);
	picture_free(e->picture);
	memset(e, 0, sizeof(*e));
}

void routine_release(struct routine *r)
{
	free(r->id);
	free(r->name);
	free(r->description);
	for (size_t i = 0; i < r->n_items; i++) {
		free(r->items[i].exercise);
		dose_release(&r->items[i].dose);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
}

void question_release(struct question *q)
{
	free(q->id);
	free(q->group);
	free(q->ask);
	free_strv(q->escalate, q->n_escalate);
	memset(q, 0, sizeof(*q));
}

static const char *q_id(const void *arr, size_t i)
{
	return ((const struct question *)arr)[i].id;
}

static const char *ex_id(const void *arr, size_t i)
{
	return ((const struct exercise *)arr)[i].id;
}

static const char *rt_id(const void *arr, size_t i)
{
	return ((const struct routine *)arr)[i].id;
}

/* Position of id among n entries of arr: by the index when it covers them all, else
 * entry by entry; n when not there. */
static size_t lookup(const struct id_index *x, const void *arr, size_t n, id_of_fn id_of, const char *id)
{
	size_t pos;
	if (x->cap && x->n == n)
		return id_index_find(x, arr, id_of, id, &pos) ? pos : n;
	for (pos = 0; pos < n && strcmp(id_of(arr, pos), id); pos++)
		;
	return pos;
}

const struct question *catalog_question(const struct catalog *c, const char *id)
{
	size_t i = lookup(&c->ix_q, c->q, c->n_q, q_id, id);
	return i < c->n_q ? &c->q[i] : NULL;
}

void catalog_free(struct catalog *c)
{
	for (size_t i = 0; i < c->n_q; i++)
		question_release(&c->q[i]);
	free(c->q);
	for (size_t i = 0; i < c->n_ex; i++)
		exercise_release(&c->ex[i]);
	for (size_t i = 0; i < c->n_rt; i++)
		routine_release(&c->rt[i]);
	free(c->ex);
	free(c->rt);
	free_strv(c->files, c->n_files);
	id_index_release(&c->ix_q);
	id_index_release(&c->ix_ex);
	id_index_release(&c->ix_rt);
	catalog_init(c);
}

const char *catalog_intern_file(struct catalog *c, const char *file)
{
	for (size_t i = 0; i < c->n_files; i++)
		if (!strcmp(c->files[i], file))
			return c->files[i];
	GROW(c->files, c->n_files + 1, c->alloc_files);
	c->files[c->n_files] = xstrdup(file);
	return c->files[c->n_files++];
}

const struct exercise *catalog_exercise(const struct catalog *c, const char *id)
{
	size_t i = lookup(&c->ix_ex, c->ex, c->n_ex, ex_id, id);
	return i < c->n_ex ? &c->ex[i] : NULL;
}

const struct routine *catalog_routine(const struct catalog *c, const char *id)
{
	size_t i = lookup(&c->ix_rt, c->rt, c->n_rt, rt_id, id);
	return i < c->n_rt ? &c->rt[i] : NULL;
}

void catalog_reindex(struct catalog *c)
{
	id_index_build(&c->ix_q, c->q, q_id, c->n_q);
	id_index_build(&c->ix_ex, c->ex, ex_id, c->n_ex);
	id_index_build(&c->ix_rt, c->rt, rt_id, c->n_rt);
}

/* Positions in src point at src's file strings; re-point them at dst's copies. */
static void repoint(struct catalog *dst, struct pos *p)
{
	if (p->file)
		p->file = catalog_intern_file(dst, p->file);
}

static void repoint_exercise(struct catalog *dst, struct exercise *e)
{
	repoint(dst, &e->at);
	repoint(dst, &e->regression_at);
	repoint(dst, &e->progression_at);
	repoint(dst, &e->version_of_at);
	repoint(dst, &e->instead_of_at);
	repoint(dst, &e->dose.at);
}

static void repoint_routine(struct catalog *dst, struct routine *r)
{
	repoint(dst, &r->at);
	for (size_t i = 0; i < r->n_items; i++) {
		repoint(dst, &r->items[i].exercise_at);
		repoint(dst, &r->items[i].dose.at);
	}
}

/* An entry that replaces another cannot weaken its safety fields: the stricter value
 * stays (a neck screen, `gentle: false`), and d says so. */
static void keep_safety(const struct exercise *old, struct exercise *e, struct diags *d)
{
	if (old->screen == SCREEN_NECK && e->screen != SCREEN_NECK) {
		e->screen = SCREEN_NECK;
		diags_add(d, e->at, "screen: exercise '%s' replaces one marked 'screen: neck'; a replacement cannot "
			  "drop the neck screen, so it stays", e->id);
	}
	if (old->gentle_skip && !e->gentle_skip) {
		e->gentle_skip = true;
		diags_add(d, e->at, "gentle: exercise '%s' replaces one marked 'gentle: false'; a replacement cannot "
			  "drop it, so it stays", e->id);
	}
}

void catalog_merge(struct catalog *dst, struct catalog *src, bool replace, struct diags *d)
{
	if (dst->ix_q.n != dst->n_q || dst->ix_ex.n != dst->n_ex || dst->ix_rt.n != dst->n_rt || !dst->ix_ex.cap)
		catalog_reindex(dst);
	for (size_t i = 0; i < src->n_ex; i++) {
		struct exercise *e = &src->ex[i];
		repoint_exercise(dst, e);
		struct exercise *old = (struct exercise *)catalog_exercise(dst, e->id);
		if (old && replace) {
			const char *was = old->at.file;
			keep_safety(old, e, d);
			exercise_release(old);
			*old = *e;
			old->overrides = was;
		} else if (old) {
			diags_add(d, e->at, "duplicate exercise id '%s' (first defined at %s:%d)",
				  e->id, old->at.file, old->at.line);
			exercise_release(e);
		} else {
			GROW(dst->ex, dst->n_ex + 1, dst->alloc_ex);
			dst->ex[dst->n_ex++] = *e;
			id_index_push(&dst->ix_ex, dst->ex, ex_id);
		}
	}
	for (size_t i = 0; i < src->n_rt; i++) {
		struct routine *r = &src->rt[i];
		repoint_routine(dst, r);
		struct routine *old = (struct routine *)catalog_routine(dst, r->id);
		if (old && replace) {
			const char *was = old->at.file;
			routine_release(old);
			*old = *r;
			old->overrides = was;
		} else if (old) {
			diags_add(d, r->at, "duplicate routine id '%s' (first defined at %s:%d)",
				  r->id, old->at.file, old->at.line);
			routine_release(r);
		} else {
			GROW(dst->rt, dst->n_rt + 1, dst->alloc_rt);
			dst->rt[dst->n_rt++] = *r;
			id_index_push(&dst->ix_rt, dst->rt, rt_id);
		}
	}
	for (size_t i = 0; i < src->n_q; i++) {
		struct question *q = &src->q[i];
		repoint(dst, &q->at);
		repoint(dst, &q->escalate_at);
		struct question *old = (struct question *)catalog_question(dst, q->id);
		if (old && replace && old->at.file && q->at.file && strcmp(old->at.file, q->at.file)) {
			/* a safety question is never replaced from another file (a broken or
			 * weaker copy would drop or lower it): only new ones are added */
			diags_add(d, q->at, "screening: question '%s' is already defined at %s:%d; your own files can add "
				  "safety questions but not replace them, so that one stays", q->id, old->at.file,
				  old->at.line);
			question_release(q);
		} else if (old && replace) {
			question_release(old);
			*old = *q;
		} else if (old) {
			diags_add(d, q->at, "duplicate question id '%s' (first defined at %s:%d)", q->id, old->at.file,
				  old->at.line);
			question_release(q);
		} else {
			GROW(dst->q, dst->n_q + 1, dst->alloc_q);
			dst->q[dst->n_q++] = *q;
			id_index_push(&dst->ix_q, dst->q, q_id);
		}
	}
	src->n_ex = src->n_rt = src->n_q = 0;
	catalog_free(src);
}

static void check_ref(const struct catalog *c, const char **ids, const char *ref,
		      struct pos at, const char *what, struct diags *d)
{
	if (!ref || !*ref || catalog_exercise(c, ref))
		return; /* an empty id was reported where it was read */
	const char *hint = did_you_mean(ref, ids);
	if (hint)
		diags_add(d, at, "%s: unknown exercise '%s' (did you mean '%s'?)", what, ref, hint);
	else
		diags_add(d, at, "%s: unknown exercise '%s'", what, ref);
}

void catalog_check_refs(const struct catalog *c, struct diags *d)
{
	const char **ids = xcalloc(c->n_ex + 1, sizeof(*ids));
	for (size_t i = 0; i < c->n_ex; i++)
		ids[i] = c->ex[i].id;
	for (size_t i = 0; i < c->n_ex; i++) {
		const struct exercise *e = &c->ex[i];
		check_ref(c, ids, e->regression, e->regression_at, "regression", d);
		check_ref(c, ids, e->progression, e->progression_at, "progression", d);
		check_ref(c, ids, e->version_of, e->version_of_at, "version_of", d);
		if (e->version_of && !strcmp(e->version_of, e->id))
			diags_add(d, e->version_of_at, "version_of: '%s' cannot be a version of itself", e->id);
		check_ref(c, ids, e->instead_of, e->instead_of_at, "instead_of: exercise", d);
		if (e->instead_of && !strcmp(e->instead_of, e->id))
			diags_add(d, e->instead_of_at, "instead_of: '%s' cannot stand in for itself", e->id);
		if (e->instead_of && e->version_of)
			diags_add(d, e->instead_of_at, "instead_of: '%s' is a version of '%s' (version_of), not a different "
				  "exercise; give it one of the two", e->id, e->version_of);
		if (e->instead_of && !e->dose.given)
			diags_add(d, e->instead_of_at, "instead_of: '%s' needs a dose of its own (it starts at it)", e->id);
		if (e->regression && !strcmp(e->regression, e->id))
			diags_add(d, e->regression_at, "regression: '%s' cannot be its own regression", e->id);
		if (e->progression && !strcmp(e->progression, e->id))
			diags_add(d, e->progression_at, "progression: '%s' cannot be its own progression", e->id);
	}
	for (size_t i = 0; i < c->n_q; i++)
		for (size_t k = 0; k < c->q[i].n_escalate; k++)
			if (!catalog_question(c, c->q[i].escalate[k]))
				diags_add(d, c->q[i].escalate_at, "escalate_with: unknown question '%s'", c->q[i].escalate[k]);
	/* the screen shows a group (but its neck questions) as one list: keep it short */
	for (size_t i = 0; i < c->n_q; i++) {
		size_t before = 0;
		/* a question without a group is reported where it is read; it joins no group */
		for (size_t k = 0; k < i && !c->q[i].neck && c->q[i].group; k++)
			before += !c->q[k].neck && c->q[k].group && !strcmp(c->q[k].group, c->q[i].group);
		if (before == SCREEN_GROUP_MAX)
			diags_add(d, c->q[i].at, "group '%s' has more than %d questions (neck questions aside); the screen "
				  "shows a group as one list, so split it", c->q[i].group, SCREEN_GROUP_MAX);
	}
	for (size_t i = 0; i < c->n_rt; i++) {
		const struct routine *r = &c->rt[i];
		const struct exercise *same = catalog_exercise(c, r->id);
		if (same)
			diags_add(d, r->at, "routine id '%s' is also an exercise id (%s:%d); ids must differ so 'show' "
				  "can tell them apart", r->id, same->at.file, same->at.line);
		for (size_t j = 0; j < r->n_items; j++) {
			const struct item *it = &r->items[j];
			check_ref(c, ids, it->exercise, it->exercise_at, "exercise", d);
			const struct exercise *e = catalog_exercise(c, it->exercise);
			if (e && !it->dose.given && !e->dose.given)
				diags_add(d, it->exercise_at,
					  "exercise '%s' has no default dose, so this item needs one "
					  "(reps, duration or cycles)", it->exercise);
		}
	}
	free(ids);
}

void catalog_drop_broken(struct catalog *c)
{
	size_t k = 0;
	for (size_t i = 0; i < c->n_q; i++) {
		if (c->q[i].broken)
			question_release(&c->q[i]);
		else
			c->q[k++] = c->q[i];
	}
	c->n_q = k;
	k = 0;
	for (size_t i = 0; i < c->n_ex; i++) {
		if (c->ex[i].broken)
			exercise_release(&c->ex[i]);
		else
			c->ex[k++] = c->ex[i];
	}
	c->n_ex = k;
	catalog_reindex(c); /* positions moved */
	k = 0;
	for (size_t i = 0; i < c->n_rt; i++) {
		struct routine *r = &c->rt[i];
		if (catalog_exercise(c, r->id))
			r->broken = true; /* same id as an exercise: reported by catalog_check_refs */
		for (size_t j = 0; j < r->n_items && !r->broken; j++)
			if (!catalog_exercise(c, r->items[j].exercise))
				r->broken = true;
		if (r->broken)
			routine_release(r);
		else
			c->rt[k++] = *r;
	}
	c->n_rt = k;
	catalog_reindex(c);
}

const struct dose *item_dose(const struct item *it, const struct exercise *e)
{
	if (it->dose.given || !e)
		return &it->dose;
	return &e->dose;
}

static int mid(struct range r)
{
	return (r.min + r.max + 1) / 2;
}

static int sides(const struct dose *d)
{
	return d->n_per ? (int)d->n_per : 1;
}

int dose_estimate_s(const struct dose *d)
{
	int sets = d->sets ? d->sets : 1;
	int per_set = 0;
	if (d->reps.max) {
		int rep = 0;
		for (size_t i = 0; i < d->n_tempo; i++)
			rep += d->tempo[i].seconds;
		if (!d->n_tempo)
			rep = 4 + d->hold_s; /* a self-paced rep with its hold */
		per_set = mid(d->reps) * rep;
	}
	if (d->n_positions)
		per_set += (int)d->n_positions * (d->contract_s + d->relax_s);
	if (d->duration_s.max)
		per_set += mid(d->duration_s);
	int switches = (sides(d) - 1) * 3;
	return sets * per_set * sides(d) + switches + (sets - 1) * d->rest_s;
}


void range_describe(struct range r, struct strbuf *out)
{
	if (r.min == r.max)
		strbuf_addf(out, "%d", r.min);
	else
		strbuf_addf(out, "%d-%d", r.min, r.max);
}

void seconds_describe(struct range r, struct strbuf *out)
{
	if (r.min % 60 == 0 && r.max % 60 == 0 && r.min > 0) {
		range_describe((struct range){ r.min / 60, r.max / 60 }, out);
		strbuf_addstr(out, " min");
	} else {
		range_describe(r, out);
		strbuf_addstr(out, " s");
	}
}

static void describe_list(char **v, size_t n, struct strbuf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		strbuf_addstr(out, v[i]);
	}
}

/* Start a new clause: ", " unless this is the first. */
static void clause(struct strbuf *out, size_t start)
{
	if (out->len > start)
		strbuf_addstr(out, ", ");
}

void dose_describe(const struct dose *d, struct strbuf *out)
{
	size_t start = out->len;
	if (d->sets > 1)
		strbuf_addf(out, "%d sets of ", d->sets);
	if (d->reps.max) {
		range_describe(d->reps, out);
		strbuf_addstr(out, d->reps.max == 1 ? " rep" : " reps");
	} else if (d->n_positions) {
		strbuf_addf(out, "%d s contraction and %d s relaxation at each of %zu positions (", d->contract_s,
			    d->relax_s, d->n_positions);
		describe_list(d->positions, d->n_positions, out);
		strbuf_addch(out, ')');
	} else if (d->duration_s.max) {
		seconds_describe(d->duration_s, out);
	}
	if (d->n_per) {
		strbuf_addstr(out, d->per == PER_SIDE ? " per side (" : " per direction (");
		describe_list(d->per_names, d->n_per, out);
		strbuf_addch(out, ')');
	}
	if (d->hold_s) {
		clause(out, start);
		strbuf_addf(out, "%d s hold in each rep", d->hold_s);
	}
	if (d->n_tempo) {
		clause(out, start);
		strbuf_addstr(out, d->reps.max ? "tempo" : "breathing");
		for (size_t i = 0; i < d->n_tempo; i++)
			strbuf_addf(out, "%s %s %d s", i ? "," : "", phase_names[d->tempo[i].phase], d->tempo[i].seconds);
	}
	if (d->sets > 1 && d->rest_s) {
		clause(out, start);
		strbuf_addf(out, "%d s rest between sets", d->rest_s);
	}
	if (d->pacing == PACE_SELF) {
		clause(out, start);
		strbuf_addstr(out, "at your own pace");
	}
	if (d->note) {
		clause(out, start);
		strbuf_addstr(out, d->note);
	}
}
