/* cmd-handout.c: `unhunch handout [ROUTINE | --plan] -o FILE.pdf`: printed pages of a
 * routine (or of every routine of the plan, at today's doses), each exercise with its
 * pictures, steps, dose and cautions, in order. The routines and doses are the use case
 * app/handout.c's, the layout src/format/handout-pdf.c's. */
#include "cli.h"
#include "app/handout.h"
#include "format/handout-pdf.h"
#include "format/outfile.h"
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

/* The use case's routines as the pages' sections. */
static void sections_of(const struct app_handout *h, struct handout_section *sec)
{
	for (size_t k = 0; k < h->n; k++) {
		const struct app_handout_part *p = &h->parts[k];
		sec[k] = (struct handout_section){ p->routine->name, p->routine->description, p->items, p->n };
	}
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
	struct app_handout ho;
	memset(&ho, 0, sizeof(ho));
	struct handout_section sec[APP_HANDOUT_MAX];
	struct strbuf err = STRBUF_INIT, pdf = STRBUF_INIT, left_out = STRBUF_INIT;
	int rc = EXIT_PROBLEM;
	const char *title = NULL;
	if (plan) {
		struct store *st = NULL;
		char *path = store_path();
		int bad = store_open(&st, path, &err);
		free(path);
		struct app_ctx app = { st, &c, cli_clock.now_ms, cli_clock.tz };
		bad = bad || app_handout_plan(&app, &ho, &err);
		store_close(st);
		if (bad) {
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
		app_handout_routine(&c, r, &ho);
		title = r->name;
	}
	sections_of(&ho, sec);
	for (size_t i = 0; i < ho.n_left_out; i++)
		strbuf_addf(&left_out, "%s%s", i ? ", " : "Left out for now (paused by the plan): ", ho.left_out[i]->name);
	struct handout h = { title, "Do the exercises in the order shown. Move slowly, keep breathing, and stop if "
				    "something hurts sharply or you feel dizzy.",
			     sec, ho.n, left_out.len ? left_out.buf : NULL };
	if (handout_pdf(&h, &pdf, &err) || outfile_write(out, pdf.buf, pdf.len, &err)) {
		fprintf(stderr, "unhunch handout: %s\n", strbuf_str(&err));
		goto done;
	}
	printf("Handout written to %s.\n", out);
	rc = EXIT_OK;
done:
	app_handout_release(&ho);
	strbuf_release(&left_out);
	strbuf_release(&err);
	strbuf_release(&pdf);
	catalog_free(&c);
	return rc;
}
