/* checkin.h: what a check-in records, with its limits; pure checks shared by the
 * command line, import and the store. */
#ifndef UNHUNCH_CHECKIN_H
#define UNHUNCH_CHECKIN_H
#include <stdbool.h>
#include <stdint.h>

enum region { REG_NECK, REG_BETWEEN, REG_UPPER_BACK, REG_LEFT_SHOULDER, REG_RIGHT_SHOULDER, REG_CHEST, REG__COUNT };
extern const char *const region_names[REG__COUNT + 1];
/* "neck", "between-shoulder-blades", "upper-back", "left-shoulder", "right-shoulder", "chest" */

#define CHECKIN_NOTE_MAX 2000 /* characters, not bytes */
#define CHECKIN_FIRST_DATE "1900-01-01" /* no record is older */
#define CHECKIN_NONE (-1)

struct checkin {
	int64_t id;
	char date[11];        /* YYYY-MM-DD */
	int64_t at_ms;        /* when it was recorded (wall ms) */
	int pain;             /* 0-10 or CHECKIN_NONE */
	int region[REG__COUNT];
	int headache, stiffness, stress, sleep; /* 0-10 or CHECKIN_NONE */
	double desk_hours;    /* 0-24 or CHECKIN_NONE */
	int massage;          /* 1 yes, 0 no, CHECKIN_NONE unknown */
	char *note;           /* may be NULL */
};

void checkin_init(struct checkin *c);
/* The order of a person's check-ins (checkins_list's): by date, then time, then id;
 * qsort's comparison of two struct checkin. */
int checkin_order(const void *a, const void *b);
/* True when every field is within its limits and at least one value is given;
 * otherwise why names the first field that is not. */
bool checkin_valid(const struct checkin *c, const char **why);

/* Why a check-in cannot be for day (days since 1970-01-01) when it is today: "is in the
 * future" or "is before 1900-01-01"; NULL when it can. The same rule for the command
 * line, the questions and import. */
const char *checkin_day_check(int day, int today);

#endif
