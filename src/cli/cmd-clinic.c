/* cmd-clinic.c: `unhunch clinic init | add-trainer | invite | accept | list |
 * prescribe | prescriptions | trainers | unlink | delete-account | disable | enable |
 * audit | reset-2fa`: the clinic's accounts from the terminal (app/accounts.c has the rules; the
 * prescriptions are clinic-rx.c's, a client's custody of their data clinic-custody.c's,
 * a client's audit log clinic-audit.c's). The terminal
 * trusts whoever can open the store, who names the admin or trainer acting; the web's
 * login will prove it. Passwords are read by password-read.c, never from argv. */
#include "cli.h"
#include "clinic-audit.h"
#include "clinic-custody.h"
#include "clinic-rx.h"
#include "context.h"
#include "app/accounts.h"
#include "core/strbuf.h"
#include "format/when.h"
#include "format/wordlist-read.h"
#include <stdlib.h>
#include <string.h>

#define DEFAULT_URL "http://localhost:8750"

struct clinic_args {
	const char *login, *name, *admin, *trainer, *url, *token;
	int days;
	struct clinic_rx_args rx;
};

/* A whole number of 1 or more for flag; false with a usage message. */
static bool count_arg(const struct command *self, const char *flag, const char *v, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || end == v || n < 1) {
		usage_error(self, "%s: a whole number of 1 or more, not '%s'", flag, v);
		return false;
	}
	*out = n > 100000 ? 100000 : (int)n; /* the rules refuse it, saying the limit */
	return true;
}

static int fail(const char *sub, enum app_clinic_status st, const struct strbuf *err, const char *login)
{
	const char *e = strbuf_str(err);
	switch (st) {
	case CLINIC_HAS_ACCOUNTS:
		fprintf(stderr, "unhunch clinic %s: this clinic has its first admin already; an admin adds "
				"trainers with 'unhunch clinic add-trainer'\n", sub);
		break;
	case CLINIC_NO_ACCOUNT:
		fprintf(stderr, "unhunch clinic %s: there is no account %s ('unhunch clinic list' shows them)\n", sub,
			login);
		break;
	case CLINIC_INVITE_UNKNOWN:
		fprintf(stderr, "unhunch clinic %s: no invitation has that link; check it was copied whole, "
				"or ask your trainer for a new one\n", sub);
		break;
	case CLINIC_INVITE_EXPIRED:
		fprintf(stderr, "unhunch clinic %s: the invitation has expired; ask your trainer for a new one\n", sub);
		break;
	case CLINIC_INVITE_USED:
		fprintf(stderr, "unhunch clinic %s: the invitation has been used already (each works once); "
				"ask your trainer for a new one if it was not you\n", sub);
		break;
	default:
		fprintf(stderr, "unhunch clinic %s: %s\n", sub, *e ? e : "it did not work");
	}
	return EXIT_PROBLEM;
}

static int load_common(struct wordlist *w)
{
	return cli_common_passwords(w, "clinic");
}

/* Ask for the new password of who; EXIT_OK with it in pw. */
static int new_password(const char *sub, const char *who, struct strbuf *pw)
{
	char prompt[200];
	snprintf(prompt, sizeof(prompt), "New password for %s (at least 8 characters, nothing shown): ", who);
	int rc = password_read(prompt, true, pw);
	if (rc == -2)
		fprintf(stderr, "unhunch clinic %s: the two passwords differ; nothing was changed\n", sub);
	else if (rc < 0)
		fprintf(stderr, "unhunch clinic %s: no password was given (on standard input: one line)\n", sub);
	return rc ? EXIT_PROBLEM : EXIT_OK;
}

/* The new account, in a sentence of the command sub. */
static void print_account(const char *sub, const struct account_row *a)
{
	struct strbuf shown = STRBUF_INIT;
	const char *name = text_shown(&shown, a->display_name);
	long long id = (long long)a->id;
	if (!strcmp(sub, "init"))
		printf("The clinic's first admin is %s (%s), account %lld.\n", a->login, name, id);
	else if (!strcmp(sub, "add-trainer"))
		printf("Added the trainer %s (%s), account %lld.\n", a->login, name, id);
	else
		printf("Welcome: your account is %s (%s), account %lld.\n", a->login, name, id);
	strbuf_release(&shown);
}

/* init, add-trainer and accept: a new account with a password. */
static int add_person(struct cli_ctx *x, const char *sub, const struct clinic_args *a)
{
	struct wordlist common = { 0 };
	struct strbuf pw = STRBUF_INIT, err = STRBUF_INIT;
	struct account_row made = { 0 };
	struct invite_row inv = { 0 };
	int64_t admin = 0;
	enum app_clinic_status st = CLINIC_OK;
	int rc = EXIT_PROBLEM;
	const char *who = a->login;
	if (load_common(&common))
		goto out;
	struct app_clinic c = { &common, app_pwhash_default };
	if (!strcmp(sub, "add-trainer"))
		st = app_clinic_account_id(&x->app, a->admin, &admin, &err);
	else if (!strcmp(sub, "accept"))
		st = app_clinic_invite_look(&x->app, a->token, &inv, &err);
	if (st != CLINIC_OK) {
		rc = fail(sub, st, &err, a->admin);
		goto out;
	}
	if (!strcmp(sub, "accept")) {
		struct strbuf shown = STRBUF_INIT;
		char until[17];
		format_minute(x->app.tz, inv.expires_ms, until);
		printf("An invitation for %s, until %s.\n", text_shown(&shown, inv.display_name), until);
		strbuf_release(&shown);
	}
	if (new_password(sub, who, &pw))
		goto out;
	if (!strcmp(sub, "init"))
		st = app_clinic_init(&x->app, &c, a->login, a->name, pw.buf, pw.len, &made, &err);
	else if (!strcmp(sub, "add-trainer"))
		st = app_clinic_add_trainer(&x->app, &c, admin, a->login, a->name, pw.buf, pw.len, &made, &err);
	else
		st = app_clinic_accept(&x->app, &c, a->token, a->login, pw.buf, pw.len, &made, &err);
	if (st != CLINIC_OK) {
		rc = fail(sub, st, &err, a->login);
		goto out;
	}
	print_account(sub, &made);
	rc = EXIT_OK;
out:
	password_wipe(&pw);
	account_row_release(&made);
	invite_row_release(&inv);
	wordlist_release(&common);
	strbuf_release(&err);
	return rc;
}

static int invite(struct cli_ctx *x, const struct clinic_args *a)
{
	struct strbuf err = STRBUF_INIT;
	int64_t trainer;
	char token[APP_INVITE_TOKEN_LEN + 1];
	struct invite_row inv = { 0 };
	enum app_clinic_status st = app_clinic_account_id(&x->app, a->trainer, &trainer, &err);
	if (st == CLINIC_OK)
		st = app_clinic_invite(&x->app, trainer, a->name, a->days, token, &inv, &err);
	int rc = EXIT_OK;
	if (st != CLINIC_OK) {
		rc = fail("invite", st, &err, a->trainer);
	} else {
		char until[17];
		struct strbuf shown = STRBUF_INIT;
		format_minute(x->app.tz, inv.expires_ms, until);
		printf("An invitation for %s, from %s, until %s. Give this link to the client only\n"
		       "(it works once; anyone who has it can make the account):\n\n  %s/invite/%s\n\n"
		       "On this computer: unhunch clinic accept --login NAME, then paste the link.\n",
		       text_shown(&shown, a->name), a->trainer, until, a->url, token);
		strbuf_release(&shown);
	}
	memset(token, 0, sizeof(token));
	invite_row_release(&inv);
	strbuf_release(&err);
	return rc;
}

static int list(struct cli_ctx *x)
{
	struct strbuf err = STRBUF_INIT, shown = STRBUF_INIT;
	struct app_clinic_people people;
	if (app_clinic_list(&x->app, &people, &err) != CLINIC_OK) {
		int rc = fail("list", CLINIC_FAILED, &err, NULL);
		strbuf_release(&err);
		return rc;
	}
	if (!people.n)
		printf("No accounts yet: 'unhunch clinic init' makes the clinic's first admin.\n");
	else
		printf("%-6s %-8s %-24s %-10s %-10s %s\n", "ID", "ROLE", "LOGIN", "CREATED", "TRAINER", "NAME");
	for (size_t i = 0; i < people.n; i++) {
		const struct account_row *a = &people.v[i].account;
		char created[11], trainer[24] = "-";
		format_date(x->app.tz, a->created_ms, created);
		if (people.v[i].trainer_id)
			snprintf(trainer, sizeof(trainer), "%lld", (long long)people.v[i].trainer_id);
		printf("%-6lld %-8s %-24s %-10s %-10s %s%s\n", (long long)a->id, account_role_names[a->role], a->login,
		       created, trainer, text_shown(&shown, a->display_name), a->disabled_ms ? " (disabled)" : "");
	}
	app_clinic_people_release(&people);
	strbuf_release(&shown);
	strbuf_release(&err);
	return EXIT_OK;
}

/* The link's token: the part after its last '/', or the whole when it has none. */
static const char *token_of(const char *link)
{
	const char *slash = strrchr(link, '/');
	return slash ? slash + 1 : link;
}

int cmd_clinic(int argc, char **argv)
{
	const struct command *self = command_find("clinic");
	if (argc < 2)
		return usage_error(self, "say what to do: init, add-trainer, invite, accept, list, prescribe, "
					 "prescriptions, trainers, unlink, delete-account, disable, enable, audit or reset-2fa");
	const char *sub = argv[1];
	struct clinic_args a = { .days = APP_INVITE_DAYS, .url = DEFAULT_URL };
	struct { const char *flag; const char **to; } opts[] = {
		{ "--login", &a.login }, { "--name", &a.name }, { "--admin", &a.admin },
		{ "--trainer", &a.trainer }, { "--url", &a.url }, { "--client", &a.rx.client },
		{ "--exercise", &a.rx.exercise }, { "--routine", &a.rx.routine }, { "--swap", &a.rx.swap },
		{ "--note", &a.rx.note }, { "--kind", &a.rx.kind }, { "--date", &a.rx.date },
		{ "--areas", &a.rx.areas }, { "--add", &a.rx.add }, { "--before", &a.rx.before },
		{ "--take-out", &a.rx.take_out },
	};
	struct { const char *flag; int *to; } nums[] = {
		{ "--reps", &a.rx.reps }, { "--sets", &a.rx.sets }, { "--hold", &a.rx.hold_s },
		{ "--duration", &a.rx.duration_s },
	};
	for (int i = 2; i < argc; i++) {
		bool known = false;
		for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]) && !known; k++) {
			if (strcmp(argv[i], opts[k].flag))
				continue;
			if (i + 1 >= argc)
				return usage_error(self, "%s needs a value", argv[i]);
			*opts[k].to = argv[++i];
			known = true;
		}
		for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]) && !known; k++) {
			if (strcmp(argv[i], nums[k].flag))
				continue;
			if (i + 1 >= argc)
				return usage_error(self, "%s needs a value", argv[i]);
			if (!count_arg(self, argv[i], argv[i + 1], nums[k].to))
				return EXIT_USAGE;
			i++;
			known = true;
		}
		if (known)
			continue;
		if (!strcmp(argv[i], "--accept-warning")) {
			a.rx.accept = true;
		} else if (!strcmp(argv[i], "--days")) {
			if (i + 1 >= argc)
				return usage_error(self, "--days needs a value");
			char *end;
			long d = strtol(argv[++i], &end, 10);
			if (*end || end == argv[i] || d < 1 || d > APP_INVITE_DAYS_MAX)
				return usage_error(self, "--days: a whole number of days from 1 to %d, not '%s'",
						   APP_INVITE_DAYS_MAX, argv[i]);
			a.days = (int)d;
		} else if (!strncmp(argv[i], "--pass", 6)) {
			return usage_error(self, "a password is never given on the command line (others can see "
						 "it there): it is asked for, or read from standard input");
		} else {
			return usage_error(self, "unexpected argument '%s'", argv[i]);
		}
	}
	bool needs_login = !strcmp(sub, "init") || !strcmp(sub, "add-trainer") || !strcmp(sub, "accept");
	bool needs_name = !strcmp(sub, "init") || !strcmp(sub, "add-trainer") || !strcmp(sub, "invite");
	bool appt = !strcmp(sub, "appointment");
	bool rx = !strcmp(sub, "prescribe") || !strcmp(sub, "prescriptions") || appt;
	bool custody = clinic_custody_sub(sub);
	bool audit = !strcmp(sub, "audit");
	bool reset = !strcmp(sub, "reset-2fa");
	struct clinic_custody_args ca = { a.rx.client, a.trainer, a.login, a.admin };
	if (custody && clinic_custody_missing(sub, &ca))
		return usage_error(self, "clinic %s: %s", sub, clinic_custody_missing(sub, &ca));
	if (!needs_login && !needs_name && !rx && !custody && !audit && !reset && strcmp(sub, "list"))
		return usage_error(self, "no such clinic command '%s' (init, add-trainer, invite, accept, list, prescribe, "
					 "prescriptions, appointment, trainers, unlink, delete-account, disable, enable, "
					 "audit, reset-2fa)", sub);
	if (reset && !a.login)
		return usage_error(self, "clinic reset-2fa: say --login NAME (whose two-step login to turn off)");
	if (audit && !a.rx.client)
		return usage_error(self, "clinic audit: say --client LOGIN (whose audit log)");
	if (appt && !a.trainer)
		return usage_error(self, "clinic appointment: say --trainer LOGIN (the trainer recording it)");
	if (appt && !a.rx.kind)
		return usage_error(self, "clinic appointment: say --kind massage or --kind training");
	if (rx && !a.rx.client)
		return usage_error(self, "clinic %s: say --client LOGIN (the client)", sub);
	if (!strcmp(sub, "prescribe") && !a.trainer)
		return usage_error(self, "clinic prescribe: say --trainer LOGIN (the trainer prescribing)");
	if (!strcmp(sub, "prescribe") && a.rx.take_out && (a.rx.add || a.rx.exercise || a.rx.swap || a.rx.before))
		return usage_error(self, "clinic prescribe: --take-out takes an added step out; say it without --add, "
					 "--before, --exercise or --swap");
	if (!strcmp(sub, "prescribe") && a.rx.take_out && (a.rx.reps || a.rx.sets || a.rx.hold_s || a.rx.duration_s))
		return usage_error(self, "clinic prescribe: --take-out: a step taken out has no dose");
	if (!strcmp(sub, "prescribe") && a.rx.take_out && !a.rx.routine)
		return usage_error(self, "clinic prescribe: --take-out: say --routine ID (the routine the step was added to)");
	if (!strcmp(sub, "prescribe") && a.rx.add && (a.rx.exercise || a.rx.swap))
		return usage_error(self, "clinic prescribe: --add adds a new step; say it without --exercise or --swap");
	if (!strcmp(sub, "prescribe") && a.rx.add && !a.rx.routine)
		return usage_error(self, "clinic prescribe: --add: say --routine ID (the routine the new step goes into)");
	if (!strcmp(sub, "prescribe") && a.rx.before && !a.rx.add)
		return usage_error(self, "clinic prescribe: --before goes with --add ID");
	if (!strcmp(sub, "prescribe") && !a.rx.exercise && !a.rx.add && !a.rx.take_out)
		return usage_error(self, "clinic prescribe: say --exercise ID (the routine's exercise to change; "
					 "'unhunch routines' lists them), --add ID (an exercise to add as a new step) "
					 "or --take-out ID (a step added before, out again)");
	if (!strcmp(sub, "prescribe") && !a.rx.add && !a.rx.take_out && !a.rx.reps && !a.rx.sets && !a.rx.hold_s && !a.rx.duration_s &&
	    !a.rx.swap && !a.rx.note)
		return usage_error(self, "clinic prescribe: say what to change: --reps N, --sets N, --hold S, "
					 "--duration S, --swap ID or --note TEXT");
	a.rx.trainer = a.trainer;
	a.rx.admin = a.admin;
	if (needs_login && !a.login)
		return usage_error(self, "clinic %s: say --login NAME (the new account's login name)", sub);
	if (needs_name && !a.name)
		return usage_error(self, "clinic %s: say --name \"FULL NAME\"", sub);
	if (!strcmp(sub, "add-trainer") && !a.admin)
		return usage_error(self, "clinic add-trainer: say --admin LOGIN (the admin adding the trainer)");
	if (!strcmp(sub, "invite") && !a.trainer)
		return usage_error(self, "clinic invite: say --trainer LOGIN (the trainer inviting)");

	struct cli_ctx x;
	/* clinic prescriptions writes the client's audit log when someone else reads them */
	if (rx ? cli_ctx_open_mode(&x, "clinic", false)
	       : cli_ctx_open_store(&x, "clinic", !strcmp(sub, "list") || !strcmp(sub, "trainers") || audit))
		return EXIT_PROBLEM;
	int rc;
	struct strbuf link = STRBUF_INIT;
	if (!strcmp(sub, "accept")) {
		/* the link is a secret too: asked for, not taken from argv */
		if (!ask_line("Invitation link: ", &link) || !link.len) {
			fprintf(stderr, "unhunch clinic accept: no invitation link was given\n");
			rc = EXIT_PROBLEM;
			goto out;
		}
		a.token = token_of(strbuf_str(&link));
	}
	if (custody)
		rc = clinic_custody(&x, sub, &ca);
	else if (!strcmp(sub, "prescribe"))
		rc = clinic_prescribe(&x, &a.rx);
	else if (appt)
		rc = clinic_appointment(&x, &a.rx);
	else if (!strcmp(sub, "prescriptions"))
		rc = clinic_prescriptions(&x, &a.rx);
	else if (audit)
		rc = clinic_audit(&x, a.rx.client);
	else if (reset)
		rc = clinic_reset_2fa(&x, a.login);
	else if (!strcmp(sub, "invite"))
		rc = invite(&x, &a);
	else if (!strcmp(sub, "list"))
		rc = list(&x);
	else
		rc = add_person(&x, sub, &a);
out:
	strbuf_release(&link);
	cli_ctx_close(&x);
	return rc;
}
