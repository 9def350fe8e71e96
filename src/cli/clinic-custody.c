/* clinic-custody.c: `unhunch clinic trainers | unlink | delete-account | disable |
 * enable`: a client's trainers, the client ending a trainer's access, deleting an
 * account with everything of it (after the word delete is typed, as `unhunch forget`
 * asks), and an admin disabling or enabling an account (app/custody.c has the rules;
 * the Account page of `serve --clinic` calls the same). As with the other clinic
 * commands, whoever can open the store acts, naming the person. */
#include "cli.h"
#include "clinic-custody.h"
#include "app/custody.h"
#include "core/strbuf.h"
#include <stdlib.h>
#include <string.h>

bool clinic_custody_sub(const char *sub)
{
	static const char *const subs[] = { "trainers", "unlink", "delete-account", "disable", "enable" };
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(sub, subs[i]))
			return true;
	return false;
}

const char *clinic_custody_missing(const char *sub, const struct clinic_custody_args *a)
{
	if ((!strcmp(sub, "trainers") || !strcmp(sub, "unlink")) && !a->client)
		return "say --client LOGIN (the client)";
	if (!strcmp(sub, "unlink") && !a->trainer)
		return "say --trainer LOGIN (the trainer whose access ends)";
	if (!strcmp(sub, "delete-account") && !a->login)
		return "say --login NAME (the account to delete)";
	if ((!strcmp(sub, "disable") || !strcmp(sub, "enable")) && !a->admin)
		return "say --admin LOGIN (the admin acting)";
	if ((!strcmp(sub, "disable") || !strcmp(sub, "enable")) && !a->login)
		return "say --login NAME (the account)";
	return NULL;
}

/* The id of the account of login, named by flag; EXIT_OK or a message. */
static int id_of(struct cli_ctx *x, const char *sub, const char *flag, const char *login, int64_t *id)
{
	struct strbuf err = STRBUF_INIT;
	enum app_clinic_status st = app_clinic_account_id(&x->app, login, id, &err);
	int rc = EXIT_OK;
	if (st == CLINIC_NO_ACCOUNT)
		fprintf(stderr, "unhunch clinic %s: %s: there is no account %s ('unhunch clinic list' shows them)\n", sub,
			flag, login);
	else if (st != CLINIC_OK)
		fprintf(stderr, "unhunch clinic %s: %s: %s\n", sub, flag, strbuf_str(&err));
	if (st != CLINIC_OK)
		rc = EXIT_PROBLEM;
	strbuf_release(&err);
	return rc;
}

static int said(const char *sub, enum app_clinic_status st, const struct strbuf *err)
{
	if (st == CLINIC_OK)
		return EXIT_OK;
	fprintf(stderr, "unhunch clinic %s: %s\n", sub, err->len ? err->buf : "it did not work");
	return EXIT_PROBLEM;
}

static int trainers(struct cli_ctx *x, int64_t client, const char *login)
{
	struct account_row *v;
	size_t n;
	struct strbuf err = STRBUF_INIT, shown = STRBUF_INIT;
	enum app_clinic_status st = app_custody_trainers(&x->app, client, &v, &n, &err);
	int rc = said("trainers", st, &err);
	if (rc == EXIT_OK && !n)
		printf("%s has no trainer: no one else reads their records.\n", login);
	for (size_t i = 0; rc == EXIT_OK && i < n; i++)
		printf("%-24s %s%s\n", v[i].login, text_shown(&shown, v[i].display_name),
		       v[i].disabled_ms ? " (disabled)" : "");
	if (rc == EXIT_OK)
		store_accounts_free(v, n);
	strbuf_release(&shown);
	strbuf_release(&err);
	return rc;
}

static int delete_account(struct cli_ctx *x, int64_t id, const char *login)
{
	struct strbuf answer = STRBUF_INIT, err = STRBUF_INIT;
	printf("This deletes the account %s and everything of it: every session, check-in, screening,\n"
	       "prescription and plan change, its logins everywhere and its links to trainers or clients.\n"
	       "It cannot be undone (a backup first: unhunch export).\n", login);
	bool typed = ask_line("Type " APP_CUSTODY_CONFIRM " to delete the account: ", &answer);
	enum app_clinic_status st = app_custody_delete(&x->app, id, typed ? strbuf_str(&answer) : "", &err);
	int rc;
	if (st == CLINIC_BAD_INPUT) {
		fprintf(stderr, "unhunch clinic delete-account: you did not type '" APP_CUSTODY_CONFIRM "'; nothing "
				"was deleted.\n");
		rc = EXIT_PROBLEM;
	} else {
		rc = said("delete-account", st, &err);
	}
	if (rc == EXIT_OK)
		printf("The account %s and everything of it are deleted; the login name is free.\n", login);
	strbuf_release(&answer);
	strbuf_release(&err);
	return rc;
}

int clinic_custody(struct cli_ctx *x, const char *sub, const struct clinic_custody_args *a)
{
	int64_t client = 0, trainer = 0, account = 0, admin = 0;
	if ((a->client && id_of(x, sub, "--client", a->client, &client)) ||
	    (a->trainer && id_of(x, sub, "--trainer", a->trainer, &trainer)) ||
	    (a->login && id_of(x, sub, "--login", a->login, &account)) ||
	    (a->admin && id_of(x, sub, "--admin", a->admin, &admin)))
		return EXIT_PROBLEM;
	if (!strcmp(sub, "trainers"))
		return trainers(x, client, a->client);
	if (!strcmp(sub, "delete-account"))
		return delete_account(x, account, a->login);
	struct strbuf err = STRBUF_INIT;
	int rc;
	if (!strcmp(sub, "unlink")) {
		enum app_clinic_status st = app_custody_unlink(&x->app, client, trainer, &err);
		if (st == CLINIC_NOT_ALLOWED) {
			strbuf_reset(&err);
			strbuf_addf(&err, "%s is not a trainer of %s, so there is no access to end", a->trainer, a->client);
		}
		rc = said(sub, st, &err);
		if (rc == EXIT_OK)
			printf("%s's access to %s's records has ended; they read none of them and prescribe no more.\n",
			       a->trainer, a->client);
	} else {
		bool off = !strcmp(sub, "disable");
		rc = said(sub, app_custody_disable(&x->app, admin, account, off, &err), &err);
		if (rc == EXIT_OK)
			printf(off ? "The account %s is disabled: it cannot log in, and its sessions have ended.\n"
				   : "The account %s is enabled: it can log in again.\n", a->login);
	}
	strbuf_release(&err);
	return rc;
}
