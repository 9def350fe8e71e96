/* cmd-show.c: `unhunch show ID`: a routine or an exercise in full, and where it came from. */
#include "cli.h"
#include "format/content-json.h"
#include "core/mem.h"
#include "core/session.h"
#include "core/strbuf.h"
#include "format/figure-svg.h"
#include "format/outfile.h"
#include <stdlib.h>
#include <string.h>

#define WIDTH 78

static void show_source(const struct pos *at, const char *overrides)
{
	printf("From: %s:%d\n", at->file, at->line);
	if (overrides)
		printf("This is your own version; it replaces the one in %s.\n", overrides);
}

static const char *name_of(const struct catalog *c, const char *id)
{
	const struct exercise *e = catalog_exercise(c, id);
	return e ? e->name : id;
}

static void show_exercise(const struct catalog *c, const struct exercise *e)
{
	printf("%s (%s)\n", e->name, e->id);
	printf("Category: %s\n", category_names[e->category]);
	print_wrapped(stdout, "Purpose: ", "  ", e->purpose, WIDTH);
	printf("\nSteps:\n");
	for (size_t i = 0; i < e->n_steps; i++) {
		char num[32];
		snprintf(num, sizeof(num), "  %2zu. ", i + 1);
		print_wrapped(stdout, num, "      ", e->steps[i], WIDTH);
	}
	printf("\nCautions:\n");
	for (size_t i = 0; i < e->n_cautions; i++)
		print_wrapped(stdout, "  - ", "    ", e->cautions[i], WIDTH);
	if (e->n_equipment) {
		printf("\nEquipment:\n");
		for (size_t i = 0; i < e->n_equipment; i++) {
			const struct equipment *q = &e->equipment[i];
			struct strbuf line = STRBUF_INIT;
			strbuf_addf(&line, "%s%s", q->name, q->optional ? " (optional)" : "");
			for (size_t k = 0; k < q->n_stand_ins; k++)
				strbuf_addf(&line, "%s%s", k ? ", or " : ", or instead ", q->stand_ins[k]);
			print_wrapped(stdout, "  - ", "    ", line.buf, WIDTH); /* wrapped like the steps */
			strbuf_release(&line);
		}
	}
	if (e->dose.given) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addstr(&sb, "On its own: ");
		dose_describe(&e->dose, &sb);
		printf("\n");
		print_wrapped(stdout, "", "  ", sb.buf, WIDTH);
		strbuf_release(&sb);
	}
	if (e->regression || e->progression)
		printf("\n");
	if (e->regression)
		printf("Easier version: %s (%s)\n", name_of(c, e->regression), e->regression);
	if (e->progression)
		printf("Harder version: %s (%s)\n", name_of(c, e->progression), e->progression);
	if (screen_note(e->screen)) {
		printf("\n");
		print_wrapped(stdout, "", "", screen_note(e->screen), WIDTH);
	}
	printf("\n");
	show_source(&e->at, e->overrides);
}

static void show_routine(const struct catalog *c, const struct routine *r)
{
	int s = routine_run_s(c, r, NULL, false, true);
	printf("%s (%s)\n", r->name, r->id);
	printf("Module: %s   About %d min\n", module_names[r->module], run_minutes(s));
	print_wrapped(stdout, "", "", r->description, WIDTH);
	printf("\n");
	for (size_t i = 0; i < r->n_items; i++) {
		const struct item *it = &r->items[i];
		const struct exercise *e = catalog_exercise(c, it->exercise);
		struct strbuf sb = STRBUF_INIT;
		dose_describe(item_dose(it, e), &sb);
		struct strbuf head = STRBUF_INIT;
		strbuf_addf(&head, "%zu. %s: %s", i + 1, e ? e->name : it->exercise, sb.buf);
		print_wrapped(stdout, i < 9 ? " " : "", "      ", head.buf, WIDTH);
		strbuf_release(&head);
		if (e)
			print_wrapped(stdout, "    ", "    ", e->purpose, WIDTH);
		strbuf_release(&sb);
	}
	printf("\nRun 'unhunch show EXERCISE-ID' for the steps of one exercise.\n");
	show_source(&r->at, r->overrides);
}

/* `show EXERCISE --svg [-o FILE]`: the exercise's pictures as one SVG document. */
static int show_svg(const struct exercise *e, const char *out)
{
	struct strbuf svg = STRBUF_INIT, err = STRBUF_INIT;
	int rc = EXIT_OK;
	if (!svg_exercise(&svg, e, 220)) {
		fprintf(stderr, "unhunch show: '%s' has no picture (see 'picture' in the content format reference)\n", e->id);
		rc = EXIT_PROBLEM;
	} else if (!out) {
		fwrite(svg.buf, 1, svg.len, stdout);
		if (fflush(stdout) || ferror(stdout)) {
			fprintf(stderr, "unhunch show: cannot write the picture to standard output\n");
			rc = EXIT_PROBLEM;
		}
	} else if (outfile_write(out, svg.buf, svg.len, &err)) {
		fprintf(stderr, "unhunch show: %s\n", strbuf_str(&err));
		rc = EXIT_PROBLEM;
	}
	strbuf_release(&svg);
	strbuf_release(&err);
	return rc;
}

int cmd_show(int argc, char **argv)
{
	const struct command *self = command_find("show");
	bool json = false, svg = false;
	const char *id = NULL, *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--svg"))
			svg = true;
		else if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
			if (++i == argc || !*argv[i])
				return usage_error(self, "%s needs a file name", argv[i - 1]);
			out = argv[i];
		} else if (argv[i][0] == '-')
			return usage_error(self, "unknown option '%s'", argv[i]);
		else if (id)
			return usage_error(self, "one ID at a time, please");
		else
			id = argv[i];
	}
	if (!id)
		return usage_error(self, "which routine or exercise? Run 'unhunch routines' for the list");
	if (svg && json)
		return usage_error(self, "use one of --svg and --json");
	if (out && !svg)
		return usage_error(self, "-o goes with --svg");
	struct catalog c;
	catalog_init(&c);
	content_load_all(&c);
	const struct routine *r = catalog_routine(&c, id);
	const struct exercise *e = r ? NULL : catalog_exercise(&c, id);
	int rc = EXIT_OK;
	if (svg && r) {
		fprintf(stderr, "unhunch show: --svg draws one exercise; for the pictures of a whole routine use "
				"'unhunch handout %s -o FILE.pdf'\n", id);
		rc = EXIT_USAGE;
	} else if (svg && e)
		rc = show_svg(e, out);
	else if (r && json)
		json_print(routine_json(&c, r));
	else if (r)
		show_routine(&c, r);
	else if (e && json)
		json_print(exercise_json(e));
	else if (e)
		show_exercise(&c, e);
	else {
		const char **ids = xcalloc(c.n_ex + c.n_rt + 1, sizeof(*ids));
		size_t n = 0;
		for (size_t i = 0; i < c.n_rt; i++)
			ids[n++] = c.rt[i].id;
		for (size_t i = 0; i < c.n_ex; i++)
			ids[n++] = c.ex[i].id;
		const char *hint = did_you_mean(id, ids);
		fprintf(stderr, "unhunch show: no routine or exercise '%s'", id);
		if (hint)
			fprintf(stderr, " (did you mean '%s'?)", hint);
		fprintf(stderr, "\n");
		free(ids);
		rc = EXIT_PROBLEM;
	}
	catalog_free(&c);
	return rc;
}
