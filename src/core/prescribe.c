/* prescribe.c: a trainer's prescription checked against the content and the safe
 * limits (see prescribe.h); pure. */
#include "prescribe.h"
#include "mem.h"
#include "plan.h"
#include "strbuf.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const rx_level_names[] = { "ok", "note", "warning", "refused", NULL };

struct rx_band rx_usual(struct range r)
{
	if (!r.max)
		return (struct rx_band){ 0, 0 };
	if (r.min != r.max)
		return (struct rx_band){ r.min, r.max };
	int v = r.max;
	return (struct rx_band){ v - v / 2 > 1 ? v - v / 2 : 1, v + (v + 1) / 2 };
}

struct rx_band rx_usual_hold(int hold_s)
{
	int hi = hold_s + (hold_s + 1) / 2;
	return (struct rx_band){ hold_s / 2, hi > RX_HOLD_USUAL_TOP ? hi : RX_HOLD_USUAL_TOP };
}

int rx_dose_hold(const struct dose *d)
{
	if (d->hold_s)
		return d->hold_s;
	for (size_t i = 0; i < d->n_tempo; i++)
		if (d->tempo[i].phase == PH_HOLD)
			return d->tempo[i].seconds;
	return 0;
}

void rx_bands(const struct catalog *c, const struct item *it, const char *exercise, struct rx_bands *out)
{
	const struct dose *d = slot_dose(c, it, exercise);
	memset(out, 0, sizeof(*out));
	if (d->reps.max) {
		int own = d->sets ? d->sets : 1;
		out->reps = rx_usual(d->reps);
		out->sets = (struct rx_band){ 1, own > RX_SETS_USUAL_MAX ? own : RX_SETS_USUAL_MAX };
		out->hold = rx_usual_hold(rx_dose_hold(d));
	}
	if (d->duration_s.max)
		out->duration = rx_usual(d->duration_s);
}

static void add(struct rx_check *out, enum rx_level lv, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add(struct rx_check *out, enum rx_level lv, const char *field, const char *fmt, ...)
{
	if (lv > out->level)
		out->level = lv;
	if (out->n == RX_FINDINGS_MAX)
		return;
	struct rx_finding *f = &out->f[out->n++];
	f->level = lv;
	f->field = field;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->text, sizeof(f->text), fmt, ap);
	va_end(ap);
}

/* One number against its safe limits and usual band; unit is "reps", "sets", "s". */
static void check_value(struct rx_check *out, const char *field, const char *name, int v, int lo, int hi,
			struct rx_band usual, const char *unit, const char *what)
{
	if (v < lo) {
		add(out, RX_REFUSE, field, "%d %s is below the safe limit of %d %s for %s", v, unit, lo, unit, what);
		return;
	}
	if (v > hi) {
		add(out, RX_REFUSE, field, "%d %s is above the safe limit of %d %s for %s", v, unit, hi, unit, what);
		return;
	}
	if (usual.max && (v < usual.min || v > usual.max))
		add(out, RX_WARN, field, "%d %s is %s the usual range for %s (%d-%d %s)", v, unit,
		    v < usual.min ? "below" : "above", name, usual.min, usual.max, unit);
}

/* Why the activation routine's order matters, in the words of every warning about it. */
#define RX_ORDER_WHY                                                                                               \
	"The routine works up the back in a fixed order, each exercise getting the muscles ready for the next: "   \
	"the buttocks first, to steady the pelvis, then the long back muscles, then the muscles that hold the "    \
	"shoulder blades, and the neck and shoulders last"

/* Whether exercise e belongs to item it: its own, a version of it, an easier stand-in
 * that leads back to it, or one the content offers in its place. */
static bool belongs(const struct catalog *c, const struct item *it, const struct exercise *e)
{
	return !dose_replaced(c, it, e->id) || dose_leads_back(c, it, e->id) ||
	       (e->instead_of && !strcmp(e->instead_of, it->exercise));
}

static void check_exercise(const struct catalog *c, const struct routine *r, const struct item *it,
			   const struct exercise *e, struct rx_check *out)
{
	const struct exercise *own = catalog_exercise(c, it->exercise);
	const char *own_name = own ? own->name : it->exercise;
	size_t pos = (size_t)(it - r->items);
	for (size_t i = 0; i < r->n_items; i++) {
		if (i == pos)
			continue;
		if (belongs(c, &r->items[i], e)) {
			add(out, RX_WARN, "exercise",
			    "%s is exercise %zu of %s already; in place of %s it would run twice and out of its place",
			    e->name, i + 1, r->name, own_name);
			break;
		}
	}
	if (!belongs(c, it, e) && r->module == MOD_ACTIVATION)
		add(out, RX_WARN, "exercise",
		    "%s in place of %s breaks the activation routine's order. " RX_ORDER_WHY ". A different exercise "
		    "in position %zu can find the muscles it relies on not yet awake, and the ones after it "
		    "unprepared",
		    e->name, own_name, pos + 1);
	else if (!belongs(c, it, e))
		add(out, RX_NOTE, "exercise", "%s is a different exercise from %s, not one of its versions", e->name,
		    own_name);
	if (e->screen == SCREEN_NECK)
		add(out, RX_NOTE, "exercise",
		    "%s needs the neck screen: the client's player runs it only after the client's own screen "
		    "is clear, and leaves it out otherwise; a prescription does not change that", e->name);
}

void rx_check(const struct catalog *c, const struct routine *r, const struct item *it, const struct rx_want *want,
	      struct rx_check *out)
{
	memset(out, 0, sizeof(*out));
	const char *id = want->exercise ? want->exercise : it->exercise;
	const struct exercise *e = catalog_exercise(c, id);
	if (!e || e->broken) {
		add(out, RX_REFUSE, "exercise", "there is no exercise '%s'", id);
		return;
	}
	if (want->swap && strcmp(id, it->exercise))
		check_exercise(c, r, it, e, out);
	const struct dose *d = slot_dose(c, it, id);
	struct rx_bands b;
	rx_bands(c, it, id, &b);
	if (want->reps) {
		if (!d->reps.max)
			add(out, RX_REFUSE, "reps", "%s is not counted in reps", e->name);
		else
			check_value(out, "reps", e->name, want->reps, RX_REPS_MIN, RX_REPS_MAX, b.reps, "reps", "each set");
	}
	if (want->sets) {
		if (!d->reps.max)
			add(out, RX_REFUSE, "sets", "%s is not done in sets of reps", e->name);
		else
			check_value(out, "sets", e->name, want->sets, RX_SETS_MIN, RX_SETS_MAX, b.sets, "sets", "an exercise");
	}
	if (want->hold_s) {
		if (!d->reps.max)
			add(out, RX_REFUSE, "hold", "%s has no reps to hold at the top of", e->name);
		else
			check_value(out, "hold", e->name, want->hold_s, 0, RX_HOLD_MAX, b.hold, "s", "a hold");
	}
	if (want->duration_s) {
		if (!d->duration_s.max)
			add(out, RX_REFUSE, "duration", "%s is not a timed exercise", e->name);
		else
			check_value(out, "duration", e->name, want->duration_s, RX_DURATION_MIN, RX_DURATION_MAX,
				    b.duration, "s", "a timed exercise");
	}
}

/* Whether exercise e is for relaxing or breathing (it ends a routine, it does not wake
 * muscles). */
static bool winds_down(const struct exercise *e)
{
	return e->category == CAT_RELAXATION || e->category == CAT_BREATHING;
}

/* A warning when the new step at index at breaks the activation chain's order (see
 * rx_check_add); nothing when the place is right. */
static void check_order(const struct catalog *c, const struct routine *r, size_t at, const struct exercise *e,
			struct rx_check *out)
{
	size_t n = r->n_items, home = n, end = n;
	for (size_t i = 0; i < n && home == n; i++)
		if (belongs(c, &r->items[i], e))
			home = i;
	/* the chain ends where the relaxation that closes it begins */
	while (end > 0) {
		const struct exercise *last = catalog_exercise(c, r->items[end - 1].exercise);
		if (!last || !winds_down(last))
			break;
		end--;
	}
	if (home < n) {
		if (at == home || at == home + 1)
			return;
		const struct exercise *own = catalog_exercise(c, r->items[home].exercise);
		add(out, RX_WARN, "place",
		    "%s as step %zu breaks the activation routine's order. " RX_ORDER_WHY ". %s goes with %s (step "
		    "%zu), so its place is right before or after it; elsewhere it works muscles the chain has not "
		    "woken yet, or comes back to them after the chain has moved on",
		    e->name, at + 1, e->name, own ? own->name : r->items[home].exercise, home + 1);
	} else if (winds_down(e)) {
		if (at >= end)
			return;
		add(out, RX_WARN, "place",
		    "%s as step %zu breaks the activation routine's order. " RX_ORDER_WHY ". A relaxation or breathing "
		    "exercise in the middle lets the muscles woken so far go before the rest of the chain relies on "
		    "them; its place is at the end",
		    e->name, at + 1);
	} else if (at != end) {
		add(out, RX_WARN, "place",
		    "%s as step %zu breaks the activation routine's order. " RX_ORDER_WHY ". %s is not one of the "
		    "chain's exercises, so between two of them it breaks the chain: each would find the one before "
		    "it not done; its place is step %zu, after the chain and before the relaxation that ends it",
		    e->name, at + 1, e->name, end + 1);
	}
}

void rx_check_add(const struct catalog *c, const struct routine *r, size_t at, const struct rx_want *want,
		  struct rx_check *out)
{
	memset(out, 0, sizeof(*out));
	const struct exercise *e = want->exercise ? catalog_exercise(c, want->exercise) : NULL;
	if (!e || e->broken) {
		add(out, RX_REFUSE, "exercise", "there is no exercise '%s'", want->exercise ? want->exercise : "");
		return;
	}
	if (at > r->n_items) {
		add(out, RX_REFUSE, "place", "%s has %zu steps, so a new one can be step 1 to %zu, not %zu", r->name,
		    r->n_items, r->n_items + 1, at + 1);
		return;
	}
	for (size_t i = 0; i < r->n_items; i++)
		if (!strcmp(r->items[i].exercise, e->id)) {
			add(out, RX_REFUSE, "exercise", "%s is step %zu of %s already; change its dose there instead of "
			    "adding it twice", e->name, i + 1, r->name);
			return;
		}
	if (r->module == MOD_ACTIVATION)
		check_order(c, r, at, e, out);
	if (e->screen == SCREEN_NECK)
		add(out, RX_NOTE, "exercise",
		    "%s needs the neck screen: the client's player runs it only after the client's own screen "
		    "is clear, and leaves it out otherwise; a prescription does not change that", e->name);
	/* the dose, against the exercise's own as a step of its own */
	struct item own = { e->id, e->at, e->dose };
	struct rx_want dose = *want;
	dose.exercise = e->id;
	dose.swap = false;
	struct rx_check d;
	rx_check(c, r, &own, &dose, &d);
	for (size_t i = 0; i < d.n; i++)
		add(out, d.f[i].level, d.f[i].field, "%s", d.f[i].text);
}

bool rx_place_valid(const char *place)
{
	return !place || !*place || !strcmp(place, "end") || !strcmp(place, RX_PLACE_OUT) ||
	       (!strncmp(place, "before:", 7) && place[7]);
}

size_t rx_place_index(const struct item *items, size_t n, const char *place)
{
	if (place && !strncmp(place, "before:", 7))
		for (size_t i = 0; i < n; i++)
			if (!strcmp(items[i].exercise, place + 7))
				return i;
	return n;
}

struct item *rx_items_with(const struct item *items, size_t n, size_t at, const struct exercise *e)
{
	struct item *v = xcalloc(n + 2, sizeof(*v));
	if (at > n)
		at = n;
	memcpy(v, items, at * sizeof(*v));
	v[at] = (struct item){ e->id, e->at, e->dose };
	memcpy(v + at + 1, items + at, (n - at) * sizeof(*v));
	return v;
}

void rx_describe(const struct catalog *c, const char *slot, const char *exercise, const char *place, int reps,
		 int sets, int hold_s, int duration_s, struct strbuf *out)
{
	const struct exercise *e = catalog_exercise(c, exercise), *own = catalog_exercise(c, slot);
	const char *name = e ? e->name : exercise, *own_name = own ? own->name : slot;
	if (place && !strcmp(place, RX_PLACE_OUT)) {
		strbuf_addf(out, "%s, a step added before, taken out again", name);
		return;
	}
	if (place && *place) {
		const char *next = !strncmp(place, "before:", 7) ? place + 7 : NULL;
		const struct exercise *n = next ? catalog_exercise(c, next) : NULL;
		if (next)
			strbuf_addf(out, "%s, a new step before %s", name, n ? n->name : next);
		else
			strbuf_addf(out, "%s, a new step at the end", name);
	} else if (strcmp(exercise, slot) && (!e || !e->version_of || strcmp(e->version_of, slot)))
		strbuf_addf(out, "%s in place of %s", name, own_name);
	else
		strbuf_addstr(out, name);
	const char *sep = ": ";
	if (reps) {
		strbuf_addf(out, "%s%d rep%s", sep, reps, reps == 1 ? "" : "s");
		sep = ", ";
	}
	if (sets) {
		strbuf_addf(out, "%s%d set%s", sep, sets, sets == 1 ? "" : "s");
		sep = ", ";
	}
	if (hold_s) {
		strbuf_addf(out, "%s%d s hold", sep, hold_s);
		sep = ", ";
	}
	if (duration_s) {
		strbuf_addstr(out, sep);
		seconds_describe((struct range){ duration_s, duration_s }, out);
	}
}
