/* clinic-audit.c: `unhunch clinic audit --client LOGIN`: the client's audit log as the
 * client's page /data/audit shows it (app/audit.h): when, who, what, newest first. */
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
	struct audit_row *v = NULL;
	size_t n = 0;
	if (app_audit_list(&x->app, id, &v, &n, &err)) {
		fprintf(stderr, "unhunch clinic audit: %s\n", strbuf_str(&err));
		strbuf_release(&err);
		return EXIT_PROBLEM;
	}
	if (!n)
		printf("No one else has looked at or changed %s's records.\n", client);
	else
		printf("Who looked at or changed %s's records, newest first%s:\n", client,
		       n >= APP_AUDIT_SHOWN ? " (the newest only)" : "");
	for (size_t i = 0; i < n; i++) {
		char when[32];
		format_minute(x->app.tz, v[i].at_ms, when);
		printf("  %s  %s: ", when, text_shown(&shown, v[i].actor_name));
		printf("%s\n", text_shown(&shown, v[i].what));
	}
	store_audit_free(v, n);
	strbuf_release(&shown);
	strbuf_release(&err);
	return EXIT_OK;
}
