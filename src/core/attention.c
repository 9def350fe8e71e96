/* attention.c: the trainer's dashboard order and its reasons (attention.h). A client who
 * never did a session is "not started yet" while they joined fewer than
 * ATTENTION_ABSENT_DAYS days ago: after good news (nothing is overdue yet) and before
 * everyone else (nothing goes well yet either, so not "nothing needs attention"); from
 * that day on it is an absence, "No session yet, N days after joining". */
#include "attention.h"
#include "cnum.h"
#include "screen.h"
#include "session.h"
#include <stdio.h>

const char *const attention_names[ATT__COUNT + 1] = { "warning",  "flare", "stopped", "absent",
						      "improved", "new",   "none",    NULL };

int attention_stop_why(bool warning, int max_pain)
{
	if (warning)
		return 1;
	return max_pain >= PAIN_END_SESSION ? 2 : 0;
}

static bool warning_open(const struct attention_facts *f)
{
	if (f->screening_level < 0 || f->screening_cleared)
		return false;
	return f->screening_warning || f->screening_level >= URG_DAYS;
}

void attention_judge(const struct attention_facts *f, struct attention *out)
{
	char d[11];
	out->weight = 0;
	if (warning_open(f)) {
		out->kind = ATT_WARNING;
		out->weight = f->screening_level * 10000.0 + f->screening_day; /* the most urgent, then the newest */
		day_format(f->screening_day, d);
		const char *who = f->screening_level >= URG_TODAY ? "a doctor today" : "a doctor or physiotherapist first";
		if (f->screening_warning)
			snprintf(out->reason, sizeof(out->reason),
				 "A warning sign during exercise on %s (dizziness or the like): they should see %s. "
				 "Not cleared yet.", d, who);
		else
			snprintf(out->reason, sizeof(out->reason),
				 "The safety questions on %s found a warning sign: they should see %s. Not cleared yet.", d,
				 who);
		return;
	}
	if (f->flare.active) {
		out->kind = ATT_FLARE;
		out->weight = f->flare.latest - f->flare.mean;
		day_format(f->flare.since, d);
		cnum_snprintf(out->reason, sizeof(out->reason),
			      "A flare-up since %s: pain %.1f against their usual %.1f, high for %d day%s.", d,
			      f->flare.latest, f->flare.mean, f->flare.high_days, f->flare.high_days == 1 ? "" : "s");
		return;
	}
	if (f->stopped_day >= 0 && f->stopped_why && f->stopped_day > f->today - ATTENTION_STOPPED_DAYS) {
		out->kind = ATT_STOPPED;
		out->weight = f->stopped_day;
		day_format(f->stopped_day, d);
		snprintf(out->reason, sizeof(out->reason), "A session on %s stopped for %s.", d,
			 f->stopped_why == 1 ? "dizziness or another warning sign" : "pain of 8 or more");
		return;
	}
	int since = f->last_session_day >= 0 ? f->last_session_day : f->linked_day;
	int days = f->today - since;
	if (days >= ATTENTION_ABSENT_DAYS) {
		out->kind = ATT_ABSENT;
		out->weight = days;
		if (f->last_session_day >= 0)
			snprintf(out->reason, sizeof(out->reason), "No session for %d days.", days);
		else
			snprintf(out->reason, sizeof(out->reason), "No session yet, %d days after joining.", days);
		return;
	}
	if (f->course.state == COURSE_IMPROVING) {
		out->kind = ATT_IMPROVED;
		out->weight = f->course.baseline - f->course.current;
		cnum_snprintf(out->reason, sizeof(out->reason),
			      "Good news: pain down from %.1f in the first week to %.1f in the last 7 days, a real "
			      "improvement.", f->course.baseline, f->course.current);
		return;
	}
	if (f->last_session_day < 0) {
		out->kind = ATT_NEW;
		out->weight = days;
		if (days <= 0)
			snprintf(out->reason, sizeof(out->reason), "Not started yet: joined today, no session so far.");
		else
			snprintf(out->reason, sizeof(out->reason), "Not started yet: joined %d day%s ago, no session so far.",
				 days, days == 1 ? "" : "s");
		return;
	}
	out->kind = ATT_NONE;
	snprintf(out->reason, sizeof(out->reason), "Nothing needs attention.");
}

int attention_cmp(const struct attention *a, const struct attention *b)
{
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	return 0;
}
