/* psfs.h: the Patient-Specific Functional Scale of the check-in: up to three activities
 * the pain makes hard, named once, rated 0-10 about weekly. */
#ifndef UNHUNCH_APP_PSFS_H
#define UNHUNCH_APP_PSFS_H
#include "app/app.h"
#include <stdbool.h>

#define APP_PSFS_MAX 3 /* activities followed, in all */

struct app_psfs_rating {
	const char *name; /* an activity followed, or one added in the same call */
	int score;        /* 0 (not at all) to 10 (as before the pain) */
};

/* Add the activities of add not followed yet, then store the ratings for date
 * ("YYYY-MM-DD"); everything is checked first (at most APP_PSFS_MAX in all, a rating
 * names an activity), so a refusal (-1 with err) stores nothing. */
int app_psfs_save(const struct app_ctx *ctx, char *const *add, size_t n_add, const struct app_psfs_rating *r,
		  size_t n_r, const char *date, struct strbuf *err);

/* What the weekly questions ask: the activities followed (names owned), and whether
 * a rating is due (none followed yet, or the last rating 7 days or more before today). */
struct app_psfs_due {
	char **names;
	size_t n;
	bool due;
};
int app_psfs_due(const struct app_ctx *ctx, struct app_psfs_due *out, struct strbuf *err);

/* The activities followed and all their ratings (by date), read together (both or
 * neither: -1 with err): what app_psfs_due and the progress read. */
struct app_psfs_records {
	struct psfs_activity *acts;
	size_t n_acts;
	struct psfs_rating *ratings;
	size_t n_ratings;
};
int app_psfs_load(struct store *st, struct app_psfs_records *r, struct strbuf *err);
void app_psfs_records_release(struct app_psfs_records *r);
void app_psfs_due_release(struct app_psfs_due *d);

#endif
