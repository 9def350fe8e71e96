/* clinic-appt.c: `unhunch clinic appointment`: a trainer records a massage or a
 * training with a client from the terminal (app/appointments.c has the rules), called
 * by cmd-clinic.c. Whoever can open the store acts, naming the trainer. */
#include "cli.h"
#include "clinic-rx.h"
#include "context.h"
#include "app/accounts.h"
#include "app/appointments.h"
#include "core/strbuf.h"
#include <stdlib.h>
#include <string.h>

#define WIDTH 78

static int id_of(struct cli_ctx *x, const char *flag, const char *login, int64_t *id)
{
	struct strbuf err = STRBUF_INIT;
	enum app_clinic_status st = app_clinic_account_id(&x->app, login, id, &err);
	int rc = EXIT_OK;
	if (st != CLINIC_OK) {
		fprintf(stderr, "unhunch clinic appointment: %s: %s\n", flag,
			st == CLINIC_NO_ACCOUNT ? "there is no such account ('unhunch clinic list' shows them)"
						: strbuf_str(&err));
		rc = EXIT_PROBLEM;
	}
	strbuf_release(&err);
	return rc;
}

int clinic_appointment(struct cli_ctx *x, const struct clinic_rx_args *a)
{
	int64_t trainer, client, id;
	if (id_of(x, "--trainer", a->trainer, &trainer) || id_of(x, "--client", a->client, &client))
		return EXIT_PROBLEM;
	struct app_appt_request rq = { trainer, client, a->kind, a->date, a->areas, a->note };
	struct strbuf err = STRBUF_INIT, sb = STRBUF_INIT;
	enum app_rx_status st = app_appointment_add(&x->app, &rq, &id, &err);
	if (st != APP_RX_SAVED) {
		/* err begins with the field when it is one: name it as the flag */
		const char *e = strbuf_str(&err), *colon = strchr(e, ':');
		bool field = st == APP_RX_BAD_INPUT && colon;
		fprintf(stderr, "unhunch clinic appointment: %s%.*s%s\n", field ? "--" : "", field ? (int)(colon - e) : 0,
			e, field ? colon : e);
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	struct strbuf areas = STRBUF_INIT;
	appt_areas_words(a->areas, &areas);
	strbuf_addf(&sb, "Recorded for %s: a %s on %s (%s).", a->client, a->kind,
		    a->date && *a->date ? a->date : "today", areas.buf);
	print_wrapped(stdout, "", "  ", sb.buf, WIDTH);
	printf("The client sees it in their history.\n");
	strbuf_release(&areas);
	strbuf_release(&sb);
	strbuf_release(&err);
	return EXIT_OK;
}
