/* record.h: saving a session's steps as they happen (sets, exercises, pain reports,
 * how an exercise felt, a warning sign) so that a write the store refuses (a full disk,
 * a lock held past the busy timeout) is never forgotten: the step is kept in memory, in
 * order, and tried again with the next step and at the end; whoever shows the session
 * asks what is still unsaved and says so, and never calls such a step saved. */
#ifndef UNHUNCH_RECORD_H
#define UNHUNCH_RECORD_H
#include "store/store.h"
#include <stdbool.h>
#include <stdint.h>

enum record_kind { RECORD_SET, RECORD_EXERCISE, RECORD_PAIN, RECORD_FEEDBACK, RECORD_WARNING };

/* One step with its own copies of every text. */
struct record_step {
	enum record_kind kind;
	union {
		struct set_row set;
		struct exercise_row exercise;
		struct pain_row pain;
		struct feedback_row feedback;
		struct screening_row warning; /* a screening whose answers hold the warning sign */
	} u;
};

#define RECORD_RETRY_MS 10000 /* after a failure, new steps wait this long before a retry */

struct recorder {
	struct store *st;
	int64_t session;
	struct record_step *q; /* not saved yet, oldest first */
	size_t n, alloc;
	int64_t retry_at_ms;   /* no attempt before this (0: at once) */
	struct strbuf why;     /* the store's reason for the last failure */
};

void recorder_init(struct recorder *r, struct store *st, int64_t session);
void recorder_release(struct recorder *r);

/* Save a step at now_ms, after any older unsaved ones; when the store refuses, keep a
 * copy to try again. Returns 0 when it (and everything before it) is saved, 1 when it
 * is kept unsaved. */
int recorder_set(struct recorder *r, const struct set_row *row, int64_t now_ms);
int recorder_exercise(struct recorder *r, const struct exercise_row *row, int64_t now_ms);
int recorder_pain(struct recorder *r, const struct pain_row *row, int64_t now_ms);
int recorder_feedback(struct recorder *r, const struct feedback_row *row, int64_t now_ms);
int recorder_warning(struct recorder *r, const struct screening_row *row, int64_t now_ms);

/* Try the unsaved steps again now, oldest first, stopping at the first the store still
 * refuses. Returns how many remain unsaved. */
size_t recorder_flush(struct recorder *r, int64_t now_ms);

/* Steps not saved yet; whether a warning sign is among them; the store's last reason. */
size_t recorder_unsaved(const struct recorder *r);
bool recorder_warning_unsaved(const struct recorder *r);
const char *recorder_why(const struct recorder *r);

#endif
