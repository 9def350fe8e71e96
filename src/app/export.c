/* export.c: the export use case (what each format needs, read from the store) and the
 * import use case (check the whole backup, then restore it into an empty store). */
#include "app/export.h"
#include "app/restore-check.h"
#include "core/mem.h"
#include <stdlib.h>
#include <string.h>

int app_export(const struct app_ctx *ctx, enum app_export_format fmt, struct app_export *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	if (fmt == APP_EXPORT_JSON)
		return backup_load(ctx->store, &out->backup, err);
	return ctx->store->ops->checkins_list(ctx->store, &out->checkins, &out->n_checkins, err);
}

void app_export_release(struct app_export *e)
{
	store_checkins_free(e->checkins, e->n_checkins);
	backup_release(&e->backup);
	memset(e, 0, sizeof(*e));
}

int app_store_count(struct store *st, struct app_store_counts *out, struct strbuf *err)
{
	struct session_row *s = NULL;
	struct checkin *c = NULL;
	struct screening_row *sc = NULL;
	struct clearance_row *cl = NULL;
	struct psfs_activity *a = NULL;
	struct psfs_rating *r = NULL;
	struct assessment_row *as = NULL;
	struct feedback_row *fb = NULL;
	struct plan_change_row *pc = NULL;
	struct break_row *br = NULL;
	struct prescription_row *rx = NULL;
	struct app_store_counts n;
	int ret = -1;
	memset(&n, 0, sizeof(n));
	if (st->ops->sessions_list(st, &s, &n.sessions, err) || st->ops->checkins_list(st, &c, &n.checkins, err) ||
	    st->ops->screenings_list(st, &sc, &n.screenings, err) ||
	    st->ops->clearances_list(st, &cl, &n.clearances, err) ||
	    st->ops->psfs_activities(st, &a, &n.activities, err) || st->ops->psfs_ratings(st, &r, &n.ratings, err) ||
	    st->ops->assessments_list(st, &as, &n.assessments, err) ||
	    st->ops->feedback_list(st, &fb, &n.feedback, err) ||
	    st->ops->plan_changes_list(st, &pc, &n.plan_changes, err) ||
	    st->ops->breaks_since(st, INT64_MIN, &br, &n.breaks, err) ||
	    st->ops->prescriptions_list(st, &rx, &n.prescriptions, err))
		goto out;
	*out = n;
	ret = 0;
out:
	store_sessions_free(s, n.sessions);
	store_checkins_free(c, n.checkins);
	for (size_t i = 0; i < n.screenings; i++)
		screening_row_release(&sc[i]);
	free(sc);
	store_clearances_free(cl, n.clearances);
	store_psfs_activities_free(a, n.activities);
	free(r);
	store_assessments_free(as, n.assessments);
	store_feedback_free(fb, n.feedback);
	store_plan_changes_free(pc, n.plan_changes);
	store_breaks_free(br, n.breaks);
	store_prescriptions_free(rx, n.prescriptions);
	return ret;
}

bool app_store_counts_empty(const struct app_store_counts *c)
{
	static const struct app_store_counts zero;
	return !memcmp(c, &zero, sizeof(zero));
}

/* The safety records held to the program's own rules (restore-check.h). Returns the
 * number of problems, each a line "FILE: PATH: what" in err. */
static size_t safety_check(const struct app_ctx *ctx, const char *file, struct backup *b, size_t *raised,
			   struct strbuf *err)
{
	size_t nw = 0;
	for (size_t i = 0; i < b->n_sessions; i++)
		nw += b->sessions[i].n_pains;
	struct restore_warning *w = xcalloc(nw + 1, sizeof(*w));
	nw = 0;
	for (size_t i = 0; i < b->n_sessions; i++)
		for (size_t k = 0; k < b->sessions[i].n_pains; k++)
			if (b->sessions[i].pains[k].score == -1) /* a warning sign */
				w[nw++] = (struct restore_warning){ i, k, b->sessions[i].pains[k].at_ms };
	struct restore_safety r = { b->screenings, b->n_screenings, b->clearances, b->n_clearances, w, nw };
	struct strbuf problems = STRBUF_INIT;
	size_t n = app_restore_check(ctx, &r, raised, &problems);
	for (const char *line = problems.buf; n && line && *line;) {
		const char *end = strchr(line, '\n');
		strbuf_addf(err, "%s: %.*s\n", file, (int)(end ? end - line : (long)strlen(line)), line);
		line = end ? end + 1 : NULL;
	}
	strbuf_release(&problems);
	free(w);
	return n;
}

void app_import(const struct app_ctx *ctx, const struct app_import_request *rq, struct app_import_result *res,
		struct strbuf *err)
{
	struct backup b;
	memset(&b, 0, sizeof(b));
	memset(res, 0, sizeof(*res));
	if (rq->read(rq->arg, rq->file, app_today(ctx), &b, err) || safety_check(ctx, rq->file, &b, &res->raised, err)) {
		res->status = APP_IMPORT_BAD_FILE;
	} else if (app_store_count(ctx->store, &res->counts, err)) {
		res->status = APP_IMPORT_FAILED;
	} else if (!app_store_counts_empty(&res->counts)) {
		res->status = APP_IMPORT_NOT_EMPTY;
	} else if (backup_restore(ctx->store, &b, err) || app_store_count(ctx->store, &res->counts, err)) {
		res->status = APP_IMPORT_FAILED;
	} else {
		res->status = APP_IMPORT_DONE;
	}
	backup_release(&b);
}
