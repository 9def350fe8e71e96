/* routes-clinic-dash.c: the trainer's dashboard in clinic mode: GET /api/v1/clinic/dashboard
 * (JSON) and the page GET /clinic, both from app_dashboard() on the trainer's own
 * handle. Every client in the order of what needs attention first, with the reason in
 * plain words, adherence against the plan (7 and 30 days), a pain sparkline per region
 * (format/chart-svg.c's svg_sparkline), how each exercise felt and the change from the
 * first week with its verdict (stats_course). */
#include "http/handler.h"
#include "app/dashboard.h"
#include "core/cnum.h"
#include "core/strbuf.h"
#include "core/tz.h"
#include "format/chart-svg.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const series_ids[DASH_SERIES] = { "overall", "neck", "between-shoulder-blades", "upper-back",
						     "left-shoulder", "right-shoulder", "chest" };
static const char *const series_labels[DASH_SERIES] = { "Pain overall", "Neck", "Between the shoulder blades",
							"Upper back", "Left shoulder", "Right shoulder", "Chest" };

static const char *const course_ids[] = { "early", "improving", "so-far", "not-improving", "worse" };
static const char *const course_words[] = {
	"Too early to say: less than two weeks of ratings.",
	"A clinically meaningful improvement (at least 2 points and 30 % lower).",
	"No clear change yet.",
	"Not improving: suggest they see a clinician.",
	"Worse than in the first week: suggest they see a clinician.",
};

static json_t *num(double v)
{
	if (v < 0)
		return json_null();
	char s[32];
	cnum_snprintf(s, sizeof(s), "%.1f", v + 0.0);
	return json_string(s);
}

static json_t *day_str(int d)
{
	char s[11];
	day_format(d, s);
	return json_string(s);
}

/* The markup pieces (sparklines) of the page, grown as needed. */
struct pieces {
	struct strbuf *sb;
	const char **v;
	size_t n, alloc;
};

static json_int_t piece_add(struct pieces *pc, const char *label, const double *v, int n)
{
	if (pc->n == pc->alloc) {
		pc->alloc = pc->alloc ? pc->alloc * 2 : 64;
		pc->sb = realloc(pc->sb, pc->alloc * sizeof(*pc->sb));
		pc->v = realloc(pc->v, pc->alloc * sizeof(*pc->v));
		if (!pc->sb || !pc->v)
			abort();
	}
	strbuf_init(&pc->sb[pc->n]);
	svg_sparkline(&pc->sb[pc->n], label, v, n);
	return (json_int_t)pc->n++;
}

static void pieces_release(struct pieces *pc)
{
	for (size_t i = 0; i < pc->n; i++)
		strbuf_release(&pc->sb[i]);
	free(pc->sb);
	free(pc->v);
}

static json_t *change_json(const struct app_dash_client *c)
{
	json_t *o = json_object();
	const struct change *ch = &c->change;
	json_object_set_new(o, "verdict", json_string(course_ids[c->course.state]));
	json_object_set_new(o, "verdict_text", json_string(course_words[c->course.state]));
	enum course_state k = c->course.state;
	json_object_set_new(o, "class", json_string(k == COURSE_IMPROVING ? "good"
						    : k == COURSE_WORSE || k == COURSE_NOT_IMPROVING ? "bad"
												      : "none"));
	if (ch->first_day < 0) {
		json_object_set_new(o, "rated", json_false());
		return o;
	}
	json_object_set_new(o, "rated", json_true());
	json_object_set_new(o, "baseline", num(ch->baseline));
	json_object_set_new(o, "baseline_from", day_str(ch->baseline_from));
	json_object_set_new(o, "current", num(ch->current));
	json_object_set_new(o, "current_from", day_str(ch->current_from));
	json_object_set_new(o, "current_to", day_str(ch->current_to));
	json_object_set_new(o, "recent", json_boolean(ch->recent));
	json_object_set_new(o, "enough", json_boolean(ch->enough));
	return o;
}

static json_t *client_json(const struct req *rq, const struct app_dashboard *d, const struct app_dash_client *c,
			   struct pieces *pc)
{
	const struct dash_client *f = c->facts;
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(f->id));
	json_object_set_new(o, "login", json_string(f->login));
	json_object_set_new(o, "name", json_string(f->display_name));
	json_object_set_new(o, "attention", json_string(attention_names[c->att.kind]));
	json_object_set_new(o, "reason", json_string(c->att.reason));
	if (pc) /* the page picks a style by the kind */
		json_object_set_new(o, attention_names[c->att.kind], json_true());
	json_object_set_new(o, "days_since_session",
			    c->days_since_session >= 0 ? json_integer(c->days_since_session) : json_null());
	json_object_set_new(o, "adherence",
			    json_pack("{s:i, s:i, s:i, s:i, s:b, s:b, s:b}", "done_7", c->done7, "due_7", c->due7, "done_30",
				      c->done30, "due_30", c->due30, "has_plan", c->has_plan, "paused", c->paused,
				      "any_due", c->due30 > 0));
	json_t *pain = json_array();
	for (int k = 0; k < DASH_SERIES; k++) {
		if (!c->rated[k])
			continue;
		json_t *s = json_object();
		json_object_set_new(s, "series", json_string(series_ids[k]));
		json_object_set_new(s, "label", json_string(series_labels[k]));
		if (pc) {
			char label[300];
			snprintf(label, sizeof(label), "%s: %s by day, %d days to today, 0 to 10", f->display_name,
				 series_labels[k], DASH_DAYS);
			json_object_set_new(s, "svg", json_integer(piece_add(pc, label, c->pain[k], DASH_DAYS)));
		} else {
			json_t *v = json_array();
			for (int i = 0; i < DASH_DAYS; i++)
				json_array_append_new(v, num(c->pain[k][i]));
			json_object_set_new(s, "days", v);
		}
		json_array_append_new(pain, s);
	}
	json_object_set_new(o, "pain", pain);
	json_t *feel = json_array();
	for (size_t i = 0; i < f->n_feel; i++) {
		const struct dash_feel *x = &f->feel[i];
		const struct exercise *e = catalog_exercise(rq->srv->content, x->exercise_id);
		json_array_append_new(feel, json_pack("{s:s, s:s, s:i, s:i, s:i, s:i}", "exercise", x->exercise_id,
						      "name", e && e->name ? e->name : x->exercise_id, "easy", x->easy,
						      "right", x->right, "hard", x->hard, "hurt", x->hurt));
	}
	json_object_set_new(o, "feel", feel);
	if (pc)
		json_object_set_new(o, "has_feel", json_boolean(f->n_feel > 0));
	json_object_set_new(o, "change", change_json(c));
	(void)d;
	return o;
}

/* The dashboard as JSON (pc NULL) or as the page's data with its sparklines in pc; NULL
 * with the answer given when it cannot be made. */
static json_t *dashboard_view(struct req *rq, struct pieces *pc)
{
	struct app_ctx ctx;
	struct tz utc;
	if (!req_app(rq, &ctx, &utc))
		return NULL;
	struct strbuf err = STRBUF_INIT;
	struct app_dashboard d;
	int rc = app_dashboard(&ctx, &d, &err);
	if (rc) {
		if (rc > 0)
			reply_error(rq, 403, "trainers_only", NULL, "only a trainer's account has this page");
		else
			reply_error(rq, 503, "store_unavailable", NULL, "the data store failed: %s", strbuf_str(&err));
		strbuf_release(&err);
		return NULL;
	}
	strbuf_release(&err);
	json_t *v = json_object();
	json_object_set_new(v, "today", day_str(d.today));
	json_object_set_new(v, "from", day_str(d.first_day));
	json_object_set_new(v, "days", json_integer(DASH_DAYS));
	json_t *clients = json_array();
	int counts[ATT__COUNT] = { 0 };
	for (size_t i = 0; i < d.n; i++) {
		json_array_append_new(clients, client_json(rq, &d, &d.clients[i], pc));
		counts[d.clients[i].att.kind]++;
	}
	json_object_set_new(v, "clients", clients);
	json_object_set_new(v, "n_clients", json_integer((json_int_t)d.n));
	json_object_set_new(v, "n_attention", json_integer((json_int_t)(d.n - counts[ATT_NONE] - counts[ATT_IMPROVED])));
	app_dashboard_release(&d);
	return v;
}

void api_clinic_dashboard(struct req *rq)
{
	json_t *v = dashboard_view(rq, NULL);
	if (v)
		reply_json(rq, 200, v);
}

void page_clinic(struct req *rq)
{
	struct pieces pc = { 0 };
	json_t *v = dashboard_view(rq, &pc);
	for (size_t i = 0; i < pc.n; i++)
		pc.v[i] = pc.sb[i].buf ? pc.sb[i].buf : "";
	if (v)
		reply_page_markup(rq, 200, "clinic", "clinic", "Your clients", v, pc.v, pc.n);
	pieces_release(&pc);
}
