/* clinic-audit.c: `unhunch clinic audit --client LOGIN`: the client's audit log as the
 * client's page /data/audit shows it (app/audit.h): when, who, what, newest first, the
 * same look repeated on one day on one line with its count. */
#include "clinic-audit.h"
#include "cli.h"
#include "app/accounts.h"
#include "app/audit.h"
#include "core/strbuf.h"
#include "format/when.h"
#include <stdio.h>
#include <string.h>

int clinic_audit(struct cli_ctx *x, const char *client)
{
	struct strbuf err = STRBUF_INIT, shown = STRBUF_INIT;
	int64_t id = 0;
	enum app_clinic_status st = app_clinic_account_id(&x->app, client, &id, &err);
	if (st != CLINIC_OK) {
		if (st == CLINIC_NO_ACCOUNT)
			fprintf(stderr, "unhunch clinic audit: --client: there is no account %s ('unhunch clinic list' "
					"shows them)\n", client);
		else
			fprintf(stderr, "unhunch clinic audit: --client: %s\n", strbuf_str(&err));
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	struct app_audit_view v;
	if (app_audit_view(&x->app, id, &v, &err)) {
		fprintf(stderr, "unhunch clinic audit: %s\n", strbuf_str(&err));
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	if (!v.n)
		printf("No one else has looked at or changed %s's records.\n", client);
	else
		printf("Who looked at or changed %s's records, newest first%s:\n", client,
		       v.more ? " (the newest only)" : "");
	for (size_t i = 0; i < v.n; i++) {
		const struct app_audit_line *l = &v.lines[i];
		char when[32], first[32];
		format_minute(x->app.tz, l->last_ms, when);
		printf("  %s  %s: ", when, text_shown(&shown, l->actor_name));
		printf("%s", text_shown(&shown, l->what));
		if (l->count > 1) {
			format_minute(x->app.tz, l->first_ms, first);
			printf(" (%zu times that day, the first at %s)", l->count, first + strlen(first) - 5);
		}
		printf("\n");
	}
	app_audit_view_release(&v);
	strbuf_release(&shown);
	strbuf_release(&err);
	return EXIT_OK;
}
