/* backup.h: the JSON backup that `unhunch export --format json` writes and `unhunch
 * import` reads back, as one struct both ways: backup-load.c reads it from a store,
 * format/backup-json.c writes it as JSON, format/backup-read.c reads and checks the
 * JSON, and backup-restore.c writes it into an empty store.
 *
 * The JSON backup holds every record of the store, in a fixed order and without
 * database ids or the export time, so exporting, importing into an empty store and
 * exporting again gives the same bytes. Records refer to each other by position
 * (a clearance names its screening by index, feedback its session, a plan change its feedback) or nest (sets in their session, ratings
 * in their activity). docs of the format: the comments of format/backup-json.c. */
#ifndef UNHUNCH_APP_BACKUP_H
#define UNHUNCH_APP_BACKUP_H
#include "core/strbuf.h"
#include "store/store.h"

#define BACKUP_FORMAT "unhunch-backup"
#define BACKUP_VERSION 3 /* 2 added the prescriptions, 3 the audit log; older ones are read too */

/* A backup as store rows. Read from a JSON document (format/backup-read.h), its
 * strings point into the document, which the backup holds (doc, let go of with
 * doc_release); read from a store (backup_load), it owns them. */
struct backup_session {
	struct session_row row;
	struct exercise_row *exercises;
	struct set_row *sets;
	struct pain_row *pains;
	size_t n_exercises, n_sets, n_pains;
};

struct backup_activity {
	struct psfs_activity a;
	struct psfs_rating *ratings;
	size_t n_ratings;
};

struct backup {
	bool owned;      /* read from a store: the strings are the backup's */
	void *doc;
	void (*doc_release)(void *doc);
	struct backup_session *sessions;
	struct checkin *checkins;
	struct screening_row *screenings;
	struct clearance_row *clearances;  /* screening_id is an index into screenings */
	struct backup_activity *activities;
	struct assessment_row *assessments;  /* answers and factors in arrays of their own */
	struct feedback_row *feedback;        /* session_id is an index into sessions, -1 when none */
	struct plan_change_row *plan_changes; /* feedback_id is an index into feedback, -1 when none */
	struct break_row *breaks;
	/* a trainer's prescriptions (clinic mode), each with its trainer's login name in
	 * rx_trainers ("" when not known): an account id means nothing in another
	 * database, so a restore finds the trainer by name (trainer_id is 0 when read) */
	struct prescription_row *prescriptions;
	char **rx_trainers;
	/* a trainer's appointments; restored as the person's own with no trainer id (the
	 * trainer's name kept), as ids do not carry over to another store */
	struct appointment_row *appointments;
	/* the audit log about the person (who else read or changed their records, when),
	 * oldest first: exported as their copy, never written back by a restore (a line is
	 * the store's own account of a look, made as it happened; one from a file would be
	 * the file's word, and the actors' accounts are not in another database) */
	struct audit_row *audit;
	size_t n_audit;
	size_t n_sessions, n_checkins, n_screenings, n_clearances, n_activities;
	size_t n_assessments, n_feedback, n_plan_changes, n_breaks, n_prescriptions, n_appointments;
};

/* Release a backup, read either way. */
void backup_release(struct backup *b);

/* Every record of st into b, in the store's order (caller releases b). */
int backup_load(struct store *st, struct backup *b, struct strbuf *err);
/* backup_release of a loaded backup. */
void backup_release_owned(struct backup *b);

/* Write a parsed backup into st, which must be empty. When a write fails, what was
 * written is deleted again (forget_all), so the store is left empty. */
int backup_restore(struct store *st, const struct backup *b, struct strbuf *err);

#endif
