/* clinic-rx.c: `unhunch clinic prescribe` and `unhunch clinic prescriptions`: a
 * trainer's prescriptions from the terminal (app/prescribe.c has the rules), called by
 * cmd-clinic.c. As with the other clinic commands, whoever can open the store acts,
 * naming the trainer. */
#include "cli.h"
#include "clinic-rx.h"
#include "context.h"
#include "app/accounts.h"
#include "app/prescribe.h"
#include "core/prescribe.h"
#include "core/strbuf.h"
#include <stdlib.h>
#include <string.h>

#define WIDTH 78

/* The ids of the named accounts; EXIT_OK, or a message naming the flag. */
static int ids_of(struct cli_ctx *x, const char *sub, const char *flag, const char *login, int64_t *id)
{
	struct strbuf err = STRBUF_INIT;
	enum app_clinic_status st = app_clinic_account_id(&x->app, login, id, &err);
	int rc = EXIT_OK;
	if (st == CLINIC_NO_ACCOUNT) {
		fprintf(stderr, "unhunch clinic %s: %s: there is no account %s ('unhunch clinic list' shows them)\n", sub,
			flag, login);
		rc = EXIT_PROBLEM;
	} else if (st != CLINIC_OK) {
		fprintf(stderr, "unhunch clinic %s: %s: %s\n", sub, flag, strbuf_str(&err));
		rc = EXIT_PROBLEM;
	}
	strbuf_release(&err);
	return rc;
}

static void print_findings(FILE *f, const struct rx_check *ck, enum rx_level from, const char *first)
{
	for (size_t i = 0; i < ck->n; i++) {
		if (ck->f[i].level < from)
			continue;
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s%s.", first, ck->f[i].text);
		print_wrapped(f, "  ", "    ", sb.buf, WIDTH);
		strbuf_release(&sb);
	}
}

int clinic_prescribe(struct cli_ctx *x, const struct clinic_rx_args *a)
{
	int64_t trainer, client;
	if (ids_of(x, "prescribe", "--trainer", a->trainer, &trainer) ||
	    ids_of(x, "prescribe", "--client", a->client, &client))
		return EXIT_PROBLEM;
	char place[80] = "end";
	if (a->before)
		snprintf(place, sizeof(place), "before:%s", a->before);
	if (a->take_out)
		snprintf(place, sizeof(place), "%s", RX_PLACE_OUT);
	const char *add = a->take_out ? a->take_out : a->add;
	struct app_rx_request rq = { trainer, client, a->routine, a->exercise, a->swap, a->reps, a->sets, a->hold_s,
				     a->duration_s, a->note, a->accept, add, add ? place : NULL };
	struct app_rx_result r;
	struct strbuf err = STRBUF_INIT, sb = STRBUF_INIT;
	enum app_rx_status st = app_prescribe(&x->app, &rq, &r, &err);
	int rc = EXIT_PROBLEM;
	switch (st) {
	case APP_RX_SAVED:
		rc = EXIT_OK;
		break;
	case APP_RX_NEEDS_ACCEPT:
		fprintf(stderr, "unhunch clinic prescribe: the rules warn; nothing was saved:\n");
		print_findings(stderr, &r.check, RX_NOTE, "");
		fprintf(stderr, "If this is what you mean, run it again with --accept-warning.\n");
		goto out;
	case APP_RX_REFUSED:
		fprintf(stderr, "unhunch clinic prescribe: refused, nothing was saved:\n");
		print_findings(stderr, &r.check, RX_REFUSE, "");
		goto out;
	case APP_RX_BAD_INPUT: {
		/* err begins with the field: name it as the flag */
		const char *e = strbuf_str(&err);
		const char *flag = !strncmp(e, "exercise:", 9) ? "--exercise " : !strncmp(e, "routine:", 8) ? "--routine "
				 : !strncmp(e, "note:", 5)				       ? "--note "
				 : !strncmp(e, "place:", 6)				       ? "--before "
				 : !strncmp(e, "add:", 4)				       ? (a->take_out ? "--take-out " : "--add ")
				 : !strncmp(e, "reps:", 5)				       ? "--reps "
											       : "";
		fprintf(stderr, "unhunch clinic prescribe: %s%s\n", flag, *flag ? strchr(e, ':') + 2 : e);
		goto out;
	}
	default:
		fprintf(stderr, "unhunch clinic prescribe: %s\n", strbuf_str(&err));
		goto out;
	}
	if (r.removed) {
		const struct exercise *out = catalog_exercise(&x->cat, a->take_out);
		strbuf_addf(&sb, "Taken out of %s's %s: %s, the step added before (version %lld). The routine has %zu steps now.",
			    a->client, r.routine->name, out ? out->name : a->take_out, (long long)r.id, r.routine->n_items);
		print_wrapped(stdout, "", "  ", sb.buf, WIDTH);
		rc = EXIT_OK;
		goto out;
	}
	char dose[200] = "";
	struct strbuf w = STRBUF_INIT;
	const struct exercise *e = catalog_exercise(&x->cat, r.after.exercise);
	dose_state_describe(&r.after, &w);
	if (r.after.sets)
		strbuf_addf(&w, "%s%d sets", w.len ? ", " : "", r.after.sets);
	if (r.after.hold_s)
		strbuf_addf(&w, "%s%d s hold", w.len ? ", " : "", r.after.hold_s);
	snprintf(dose, sizeof(dose), "%s", strbuf_str(&w));
	strbuf_release(&w);
	if (r.added)
		strbuf_addf(&sb, "Added for %s to %s as step %zu: %s%s%s (version %lld).", a->client, r.routine->name,
			    r.step + 1, e ? e->name : r.after.exercise, *dose ? ", " : "", dose, (long long)r.id);
	else
		strbuf_addf(&sb, "Prescribed for %s in %s: %s%s%s (version %lld).", a->client, r.routine->name,
			    e ? e->name : r.after.exercise, *dose ? ", " : "", dose, (long long)r.id);
	print_wrapped(stdout, "", "  ", sb.buf, WIDTH);
	if (r.check.n) {
		printf("What the rules said%s:\n", r.check.level == RX_WARN ? " (accepted)" : "");
		print_findings(stdout, &r.check, RX_NOTE, "");
	}
	if (a->note && *a->note) {
		strbuf_reset(&sb);
		struct strbuf shown = STRBUF_INIT;
		strbuf_addf(&sb, "The client sees your note: %s", text_shown(&shown, a->note));
		print_wrapped(stdout, "", "  ", sb.buf, WIDTH);
		strbuf_release(&shown);
	}
	if (r.after.paused)
		print_wrapped(stdout, "", "",
			      "It stays left out for now: the plan paused it (after pain, or a warning sign). Only "
			      "the client can bring it back, and after a warning sign only with a clinician's "
			      "clearance; a prescription does not.",
			      WIDTH);
out:
	app_rx_result_release(&r);
	strbuf_release(&sb);
	strbuf_release(&err);
	return rc;
}

int clinic_prescriptions(struct cli_ctx *x, const struct clinic_rx_args *a)
{
	int64_t client, viewer;
	const char *flag = a->trainer ? "--trainer" : a->admin ? "--admin" : "--client";
	const char *who = a->trainer ? a->trainer : a->admin ? a->admin : a->client;
	if (ids_of(x, "prescriptions", "--client", a->client, &client) ||
	    ids_of(x, "prescriptions", flag, who, &viewer))
		return EXIT_PROBLEM;
	struct app_rx_history h;
	struct strbuf err = STRBUF_INIT;
	if (app_prescriptions(&x->app, viewer, client, &h, &err) != APP_RX_SAVED) {
		fprintf(stderr, "unhunch clinic prescriptions: %s\n", strbuf_str(&err));
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	if (!h.n)
		printf("No prescriptions for %s yet.\n", a->client);
	else
		printf("Prescriptions for %s, oldest first (the newest for each exercise counts):\n", a->client);
	for (size_t i = 0; i < h.n; i++) {
		const struct prescription_row *p = &h.v[i];
		struct strbuf sb = STRBUF_INIT, shown = STRBUF_INIT;
		strbuf_addf(&sb, "%s ", p->date);
		rx_describe(&x->cat, p->slot, p->exercise_id, p->place, p->reps, p->sets, p->hold_s, p->duration_s, &sb);
		if (*h.by[i])
			strbuf_addf(&sb, " (by %s)", h.by[i]);
		strbuf_addf(&sb, ", in %s.", p->routine_id);
		if (*p->note)
			strbuf_addf(&sb, " Note: %s", text_shown(&shown, p->note));
		print_wrapped(stdout, "  ", "      ", sb.buf, WIDTH);
		/* what the rules said, one a line */
		for (const char *l = p->warnings; *l;) {
			const char *nl = strchr(l, '\n');
			size_t n = nl ? (size_t)(nl - l) : strlen(l);
			char *line = strndup(l, n);
			strbuf_reset(&sb);
			strbuf_addf(&sb, "said and accepted: %s", text_shown(&shown, line));
			print_wrapped(stdout, "      ", "        ", sb.buf, WIDTH);
			free(line);
			l += n + (nl != NULL);
		}
		strbuf_release(&sb);
		strbuf_release(&shown);
	}
	app_rx_history_release(&h);
	strbuf_release(&err);
	return EXIT_OK;
}
