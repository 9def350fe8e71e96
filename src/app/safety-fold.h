/* safety-fold.h (app): what the safety status reads of the check-ins, kept up to date
 * one check-in at a time: each check-in's news against the ones before it (core's
 * checkin_past_news) and the flare-up walk a day at a time (core's plan_flare_step), so
 * that a check-in added anywhere in the history (also a back-filled day) costs the few
 * check-ins and days it changes, not a new read and fold of every one. It gives what
 * safety_news_since() and plan_flare() give over the same check-ins, to the bit
 * (tests/unit/app/test_safety_fold.c). Pure: no store. app/safety.c keeps one for the
 * group commit's batch (see app_safety_memo_*). */
#ifndef UNHUNCH_APP_SAFETY_FOLD_H
#define UNHUNCH_APP_SAFETY_FOLD_H
#include "core/plan.h"
#include "core/safety.h"
#include "core/tz.h"
#include <stdbool.h>
#include <stddef.h>

struct safety_fold {
	struct checkin *c;      /* every check-in, as checkins_list orders them; notes left out */
	unsigned char *news;    /* per check-in: checkin_past_news() against the ones before it */
	size_t n, alloc;
	size_t first[REG__COUNT + 1]; /* the first check-in with pain in a region ([REG__COUNT]: a
				       * severe headache); n when none */
	struct day *days;       /* app_days_fold() of the check-ins */
	struct flare *state;    /* plan_flare_step() after days[i] */
	size_t nd, dalloc;
	unsigned known;         /* the latest assessment's regions the news were worked out with */
	bool counted;           /* count[b]: the check-ins after counted_since with news bit b */
	int64_t counted_since;
	size_t count[8];
	int today;              /* the day the flare-up walk stops at */
	const struct tz *tz;
};

/* Build from every check-in (c, n, as checkins_list gives them). False when it cannot
 * stand for them (a day after today, a date that is not a day): use the full fold. */
bool safety_fold_build(struct safety_fold *f, const struct checkin *c, size_t n, unsigned known, int today,
		       const struct tz *tz);
/* One check-in more (stored with its id). False when it cannot be added exactly (it
 * shares its date and time with another, or its date is not a day): drop the fold. */
bool safety_fold_add(struct safety_fold *f, const struct checkin *c);
/* safety_news_since(since_ms) and plan_flare(today) over the check-ins folded. */
unsigned safety_fold_news(struct safety_fold *f, int64_t since_ms);
struct flare safety_fold_flare(const struct safety_fold *f);
void safety_fold_release(struct safety_fold *f);

#endif
