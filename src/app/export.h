/* export.h: the export and import use cases. Export reads what a format needs from the
 * store (the check-ins for CSV and FHIR, everything for the JSON backup); import
 * checks a backup whole (read from its document by the reader the front end gives)
 * and restores it into an empty store, or writes nothing. Counting what a store holds is shared by both and by forget. */
#ifndef UNHUNCH_APP_EXPORT_H
#define UNHUNCH_APP_EXPORT_H
#include "app/app.h"
#include "app/backup.h"

enum app_export_format { APP_EXPORT_CSV, APP_EXPORT_JSON, APP_EXPORT_FHIR };

struct app_export {
	struct checkin *checkins;  /* CSV, FHIR: every check-in, oldest first */
	size_t n_checkins;
	struct backup backup;      /* JSON: every record (app/backup.h) */
};

/* Read what fmt needs. Returns -1 with err when the store fails. */
int app_export(const struct app_ctx *ctx, enum app_export_format fmt, struct app_export *out, struct strbuf *err);
void app_export_release(struct app_export *e);

/* How many records of each kind a store holds. */
struct app_store_counts {
	size_t sessions, checkins, screenings, clearances, activities, ratings;
	size_t assessments, feedback, plan_changes, breaks, prescriptions;
};
int app_store_count(struct store *st, struct app_store_counts *out, struct strbuf *err);
bool app_store_counts_empty(const struct app_store_counts *c);

enum app_import_status {
	APP_IMPORT_DONE,       /* restored; counts says what the store holds now */
	APP_IMPORT_BAD_FILE,   /* the backup has problems, each a line in err; nothing written */
	APP_IMPORT_NOT_EMPTY,  /* the store already holds counts; nothing written */
	APP_IMPORT_FAILED,     /* the store failed (err); nothing kept */
};

struct app_import_request {
	const char *file;      /* the backup's name, for the problems it lists */
	/* Reads the backup into b with dates checked as of today, and returns the number of
	 * problems, each a line in err (format/backup-read.h: backup_read_doc, with arg the
	 * parsed JSON document). b is released by the caller whatever it returns. */
	size_t (*read)(void *arg, const char *file, int today, struct backup *b, struct strbuf *err);
	void *arg;
};

struct app_import_result {
	enum app_import_status status;
	struct app_store_counts counts;
	size_t raised;  /* screenings stored weaker than their answers, raised (restore-check.h) */
};

/* Check the backup (dates as of today in ctx's zone; its safety records against the
 * program's own rules with ctx->content, app/restore-check.h) and restore it into the
 * empty store of ctx. */
void app_import(const struct app_ctx *ctx, const struct app_import_request *rq, struct app_import_result *res,
		struct strbuf *err);

#endif
