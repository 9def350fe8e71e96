/* cmd-handout.c: `unhunch handout [ROUTINE | --plan] -o FILE.pdf`: printed pages of a
 * routine (or of every routine of the plan, at today's doses), each exercise with its
 * pictures, steps, dose and cautions, in order. The layout is src/format/handout-pdf.c;
 * here are only the choice of routines and doses. */
#include "cli.h"
#include "core/mem.h"
#include "core/plan.h"
#include "days.h"
#include "format/handout-pdf.h"
#include "app/plan-data.h"
#include "app/safety.h"
#include "format/outfile.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

#define MAX_SECTIONS (PLAN_MAX_PARTS + 1)

struct sections {
	struct handout_section sec[MAX_SECTIONS];
	struct handout_item *items[MAX_SECTIONS];
	size_t n;
	struct strbuf left_out; /* exercises the plan has paused */
};

/* A routine at the content's doses, or at the plan's when states is given. */
static void add_routine(struct sections *s, const struct catalog *c, const struct routine *r,
			const struct dose_state *states, bool halved)
{
	struct handout_item *items = xcalloc(r->n_items + 1, sizeof(*items));
	size_t n = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		const struct item *it = &r->items[i];
		const char *id = states ? states[i].exercise : it->exercise;
		const struct exercise *e = catalog_exercise(c, id);
		if (!e)
			continue;
		if (states && states[i].paused) {
			strbuf_addf(&s->left_out, "%s%s", s->left_out.len ? ", " : "Left out for now (paused by the plan): ",
				    e->name);
			continue;
		}
		items[n].e = e;
		items[n].dose = states ? *slot_dose(c, it, id) : *item_dose(it, e);
		if (states) {
			struct dose_state st = halved ? dose_halved(states[i]) : states[i];
			if (st.reps)
				items[n].dose.reps.min = items[n].dose.reps.max = st.reps;
			if (st.duration_s)
				items[n].dose.duration_s.min = items[n].dose.duration_s.max = st.duration_s;
		}
		n++;
	}
	s->items[s->n] = items;
	s->sec[s->n++] = (struct handout_section){ r->name, r->description, items, n };
}

/* The plan's routines at today's doses. The plan's rules live in core/plan-*.c and
 * plan-data.c; this only asks them. */
static int add_plan(struct sections *s, const struct catalog *c, struct strbuf *err)
{
	struct store *st = NULL;
	struct day *days = NULL;
	struct profile *profiles = NULL;
	size_t nd = 0, np = 0;
	struct app_safety sa;
	int today = days_today(), rc = -1;
	char *path = store_path();
	if (store_open(&st, path, err) || days_load(st, &days, &nd, err) || plan_profiles(st, &profiles, &np, err))
		goto out;
	struct app_ctx app = { st, c, wall_ms(), tz_local() };
	if (app_safety(&app, &sa, err))
		goto out;
	struct plan_input in = { np ? &profiles[np - 1] : NULL, c, sa.s.screened, sa.s.allowed, sa.s.neck_ok,
				 plan_flare(days, nd, today), today, sa.s.gentle, sa.s.screened && sa.s.must_screen,
				 stats_course(days, nd, today), false };
	struct plan plan;
	plan_build(&in, &plan);
	if (!plan.n_parts) {
		strbuf_addstr(err, plan.note[0] ? plan.note : "the plan has no routines now");
		goto out;
	}
	for (size_t i = 0; i < plan.n_parts && s->n < MAX_SECTIONS; i++) {
		const struct routine *r = plan.parts[i].routine ? catalog_routine(c, plan.parts[i].routine) : NULL;
		bool seen = false;
		for (size_t k = 0; r && k < s->n; k++)
			seen |= !strcmp(s->sec[k].title, r->name);
		if (!r || seen)
			continue;
		struct dose_state *states = xcalloc(r->n_items + 1, sizeof(*states));
		int bad = plan_doses(st, c, r, states, err);
		if (!bad)
			add_routine(s, c, r, states, plan.parts[i].halved);
		free(states);
		if (bad)
			goto out;
	}
	rc = 0;
out:
	free(days);
	free(profiles);
	store_close(st);
	free(path);
	return rc;
}

int cmd_handout(int argc, char **argv)
{
	const struct command *self = command_find("handout");
	const char *out = NULL, *id = NULL;
	bool plan = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (++i == argc || !*argv[i])
				return usage_error(self, "%s needs a file name", a);
			out = argv[i];
		} else if (!strcmp(a, "--plan")) {
			plan = true;
		} else if (a[0] == '-') {
			return usage_error(self, "unknown option '%s'", a);
		} else if (id) {
			return usage_error(self, "one routine at a time, please");
		} else {
			id = a;
		}
	}
	if (!out)
		return usage_error(self, "say where to write the handout: -o FILE.pdf");
	if (plan && id)
		return usage_error(self, "give a routine or --plan, not both");
	struct catalog c;
	catalog_init(&c);
	content_load_all(&c);
	struct sections s = { .n = 0, .left_out = STRBUF_INIT };
	struct strbuf err = STRBUF_INIT, pdf = STRBUF_INIT;
	int rc = EXIT_PROBLEM;
	const char *title = NULL;
	if (plan) {
		if (add_plan(&s, &c, &err)) {
			fprintf(stderr, "unhunch handout: %s\n", strbuf_str(&err));
			goto done;
		}
		title = "Your exercises, at today's doses";
	} else {
		const struct routine *r = catalog_routine(&c, id ? id : DEFAULT_ROUTINE);
		if (!r) {
			fprintf(stderr, "unhunch handout: no routine '%s'. Run 'unhunch routines' for the list.\n", id);
			goto done;
		}
		add_routine(&s, &c, r, NULL, false);
		title = r->name;
	}
	struct handout h = { title, "Do the exercises in the order shown. Move slowly, keep breathing, and stop if "
				    "something hurts sharply or you feel dizzy.",
			     s.sec, s.n, s.left_out.len ? s.left_out.buf : NULL };
	if (handout_pdf(&h, &pdf, &err) || outfile_write(out, pdf.buf, pdf.len, &err)) {
		fprintf(stderr, "unhunch handout: %s\n", strbuf_str(&err));
		goto done;
	}
	printf("Handout written to %s.\n", out);
	rc = EXIT_OK;
done:
	for (size_t i = 0; i < s.n; i++)
		free(s.items[i]);
	strbuf_release(&s.left_out);
	strbuf_release(&err);
	strbuf_release(&pdf);
	catalog_free(&c);
	return rc;
}
