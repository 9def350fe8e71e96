/* days.c: the command line's local time zone (read by main) and today, and the days
 * folded in it. */
#include "days.h"
#include "cli.h"

const struct tz *tz_local(void)
{
	return cli_clock.tz; /* the machine's zone, as main read it (main.c) */
}

int days_of_ms(int64_t ms)
{
	return tz_day_of_ms(tz_local(), ms);
}

int days_today(void)
{
	/* the instant main read (cli_clock), so one run sees one today */
	return tz_day_of_ms(cli_clock.tz, cli_clock.now_ms);
}

void days_fold(const struct checkin *c, size_t nc, const struct session_row *s, size_t ns, struct day **days,
	       size_t *n)
{
	app_days_fold(c, nc, s, ns, tz_local(), days, n);
}

int days_load(struct store *st, struct day **days, size_t *n, struct strbuf *err)
{
	return app_days_load(st, tz_local(), days, n, err);
}
