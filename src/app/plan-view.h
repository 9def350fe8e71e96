/* plan-view.h: the plan use case (`unhunch plan`, and the Plan page): the weekly plan
 * built from the latest assessment, the safety status, a flare-up and the course of the
 * pain, timed at the current doses; the feedback due judged into dose decisions; and
 * the routines whose doses are shown. Front ends render it (reasons, doses, changes). */
#ifndef UNHUNCH_APP_PLAN_VIEW_H
#define UNHUNCH_APP_PLAN_VIEW_H
#include "app/app.h"
#include "app/safety.h"
#include "core/plan.h"

/* The current dose of one item of a routine whose doses are shown. */
struct app_plan_dose {
	const struct routine *routine;
	const struct item *item;
	struct dose_state now;           /* as decided (the store's), or where it starts */
	struct dose_state shown;         /* what a session runs: halved while the plan is gentle */
	const struct exercise *own;      /* the item's own exercise (NULL when the content lacks it) */
	const struct exercise *runs_as;  /* the exercise in use (likewise) */
	bool moved;                      /* not where it starts, or paused */
	bool replaced;                   /* runs as a different exercise (dose_replaced) */
	bool leads_back;                 /* ... an easier one after pain, which comes back by itself */
	const struct exercise *offer;    /* a different exercise the person may choose in its place
					  * now (dose_offer: at the top of its own steps), or NULL */
};

struct app_plan {
	int today;
	struct plan plan;
	struct app_safety safety;        /* the status the gate decides from */
	struct day *days;                /* owned: the days, for massage and the flare-up */
	size_t n_days;
	struct profile *profiles;        /* owned: every assessment, oldest first */
	size_t n_profiles;
	/* what is due today (indexes into plan.parts), and the professional massages of
	 * the last 7 days (day numbers, from the check-ins) */
	size_t due[PLAN_MAX_PARTS];
	size_t n_due;
	int massage_days[7];
	size_t n_massage_days;
	/* filled by app_plan_decide(): the dose decisions made by it (made; those with an
	 * id above made_after), every stored dose change (owned), and the current dose of
	 * every item of the routines shown (owned; app_plan_dose_routines' order) */
	int made;
	int64_t made_after;
	struct plan_change_row *changes;
	size_t n_changes;
	struct app_plan_dose *doses;
	size_t n_doses;
	/* every version of the trainer's prescriptions, oldest first (owned; none outside a
	 * clinic), each shown with its note: the dose the plan starts from (app/prescribe.h) */
	struct prescription_row *prescriptions;
	size_t n_prescriptions;
};

/* Build the plan at ctx->now_ms. -1 with err when the store fails; release either way. */
int app_plan_load(const struct app_ctx *ctx, struct app_plan *p, struct strbuf *err);
void app_plan_release(struct app_plan *p);

/* Judge the feedback that is due into dose decisions and store them (as
 * app_plan_catch_up), then read back the dose changes and the current doses into p.
 * -1 with err when the store fails. */
int app_plan_decide(const struct app_ctx *ctx, struct app_plan *p, struct strbuf *err);
/* The plan as every look at it gives it: app_plan_load(), then app_plan_decide(). */
int app_plan_view(const struct app_ctx *ctx, struct app_plan *p, struct strbuf *err);

/* How one exercise of a routine felt, for app_plan_feedback(). */
struct app_feedback {
	const char *exercise; /* the item's own id, or the variant it runs as */
	enum feeling feel;
};
/* Record how n exercises of a routine felt on day (pain_during 0-10, or -1), in order.
 * *saved gets how many were stored before one failed (-1 with err) or all (0). */
int app_plan_feedback(const struct app_ctx *ctx, const char *routine, const struct app_feedback *fb, size_t n,
		      int pain_during, int day, size_t *saved, struct strbuf *err);

/* Judge the feedback that is due into dose decisions and store them (plan_catch_up),
 * as every look at the plan does. *last_before (may be NULL) gets the id of the newest
 * change before, so a front end can show the ones made now. Returns how many were made,
 * or -1 with err. */
int app_plan_catch_up(const struct app_ctx *ctx, const struct app_plan *p, int64_t *last_before, struct strbuf *err);

/* The routines whose doses are shown: those of the plan, and the activation routine
 * (whose doses adapt even while a flare-up leaves it out). out has PLAN_MAX_PARTS + 1
 * places; returns how many. */
size_t app_plan_dose_routines(const struct app_ctx *ctx, const struct plan *p, const struct routine **out);

/* The dose a session runs of d in words, as the player counts it: "5 reps per side",
 * "12 reps", "45 s" (per side or direction when the content's dose is), and a trainer's
 * sets and hold: "12 reps, 3 sets, 4 s hold". */
void app_plan_dose_describe(const struct catalog *c, const struct app_plan_dose *d, struct strbuf *out);

#endif
