/* checkin.c: check-in limits, and the order of a person's check-ins. */
#include "checkin.h"
#include "stats.h"
#include "utf8.h"
#include <string.h>

const char *const region_names[REG__COUNT + 1] = {
	"neck", "between-shoulder-blades", "upper-back", "left-shoulder", "right-shoulder", "chest", NULL
};

void checkin_init(struct checkin *c)
{
	memset(c, 0, sizeof(*c));
	c->pain = c->headache = c->stiffness = c->stress = c->sleep = CHECKIN_NONE;
	for (int i = 0; i < REG__COUNT; i++)
		c->region[i] = CHECKIN_NONE;
	c->desk_hours = CHECKIN_NONE;
	c->massage = CHECKIN_NONE;
}

int checkin_order(const void *a, const void *b)
{
	const struct checkin *x = a, *y = b;
	int d = strcmp(x->date, y->date);
	if (d)
		return d;
	if (x->at_ms != y->at_ms)
		return x->at_ms < y->at_ms ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static bool score_ok(int v)
{
	return v == CHECKIN_NONE || (v >= 0 && v <= 10);
}

bool checkin_valid(const struct checkin *c, const char **why)
{
	static const char *const names[] = { "pain", "headache", "stiffness", "stress", "sleep" };
	const int v[] = { c->pain, c->headache, c->stiffness, c->stress, c->sleep };
	bool any = c->massage != CHECKIN_NONE || c->desk_hours != CHECKIN_NONE || (c->note && *c->note);
	for (int i = 0; i < 5; i++) {
		if (!score_ok(v[i])) {
			*why = names[i];
			return false;
		}
		any |= v[i] != CHECKIN_NONE;
	}
	for (int i = 0; i < REG__COUNT; i++) {
		if (!score_ok(c->region[i])) {
			*why = region_names[i];
			return false;
		}
		any |= c->region[i] != CHECKIN_NONE;
	}
	if (c->desk_hours != CHECKIN_NONE && (c->desk_hours < 0 || c->desk_hours > 24)) {
		*why = "desk-hours";
		return false;
	}
	if (c->massage != CHECKIN_NONE && c->massage != 0 && c->massage != 1) {
		*why = "massage";
		return false;
	}
	if (c->note && utf8_chars(c->note) > CHECKIN_NOTE_MAX) {
		*why = "note";
		return false;
	}
	if (!any) {
		*why = "nothing to record";
		return false;
	}
	return true;
}

const char *checkin_day_check(int day, int today)
{
	int first;
	day_parse(CHECKIN_FIRST_DATE, &first);
	if (day > today)
		return "is in the future";
	if (day < first)
		return "is before " CHECKIN_FIRST_DATE;
	return NULL;
}
