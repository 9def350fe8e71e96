/* args.c: --json, -o and --date, the flags many commands take (args.h). */
#include "args.h"
#include "core/checkin.h"
#include "core/stats.h"
#include "format/outfile.h"
#include <errno.h>
#include <string.h>

void cli_args_init(struct cli_args *a, int today)
{
	memset(a, 0, sizeof(*a));
	a->day = today;
}

int cli_date_check(const struct command *self, const char *flag, const char *value, int today, int *day)
{
	const char *why;
	if (!day_parse(value, day)) {
		usage_error(self, "%s must be a real date written YYYY-MM-DD, not '%s'", flag, value);
		return -1;
	}
	if ((why = checkin_day_check(*day, today))) {
		usage_error(self, "%s %s %s", flag, value, why);
		return -1;
	}
	return 0;
}

int cli_args_take(const struct command *self, unsigned which, int argc, char **argv, int *i, struct cli_args *a,
		  int today)
{
	const char *o = argv[*i];
	if ((which & ARG_JSON) && !strcmp(o, "--json")) {
		a->json = true;
		return 1;
	}
	bool out = (which & ARG_OUTPUT) && (!strcmp(o, "-o") || !strcmp(o, "--output"));
	bool date = (which & ARG_DATE) && !strcmp(o, "--date");
	if (!out && !date)
		return 0;
	if (*i + 1 >= argc) {
		usage_error(self, "%s needs a value", o);
		return -1;
	}
	const char *v = argv[++*i];
	if (out) {
		a->output = v;
		return 1;
	}
	if (cli_date_check(self, o, v, today, &a->day))
		return -1;
	a->date = v;
	return 1;
}

int cli_write_output(const char *output, const void *buf, size_t len, struct strbuf *err)
{
	if (output && strcmp(output, "-"))
		return outfile_write(output, buf, len, err);
	if (fwrite(buf, 1, len, stdout) != len || fflush(stdout)) {
		strbuf_addf(err, "cannot write to standard output: %s", strerror(errno));
		return -1;
	}
	return 0;
}
