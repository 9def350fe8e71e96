/* plan.c: the plan as JSON (plan.h). */
#include "format/plan.h"
#include "core/prescribe.h"
#include <stdlib.h>

json_t *format_prescriptions_json(const struct catalog *c, const struct app_plan *v)
{
	json_t *a = json_array();
	for (size_t i = 0; i < v->n_prescriptions; i++) {
		const struct prescription_row *p = &v->prescriptions[i];
		struct strbuf what = STRBUF_INIT;
		rx_describe(c, p->slot, p->exercise_id, p->place, p->reps, p->sets, p->hold_s, p->duration_s, &what);
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:s, s:s}", "date",
						   p->date, "routine", p->routine_id, "item", p->slot, "exercise",
						   p->exercise_id, "what", strbuf_str(&what), "reps", p->reps, "sets",
						   p->sets, "hold_s", p->hold_s, "duration_s", p->duration_s, "note",
						   p->note, "warnings", p->warnings));
		strbuf_release(&what);
	}
	return a;
}

json_t *format_json_day(int d)
{
	char s[11];
	if (d < 0)
		return json_null();
	day_format(d, s);
	return json_string(s);
}

json_t *format_json_reason(const struct reason *r)
{
	struct strbuf sb = STRBUF_INIT;
	reason_write(r, REASON_C, &sb);
	json_t *v = json_string(strbuf_str(&sb));
	strbuf_release(&sb);
	return v;
}

static json_t *days_json(unsigned days)
{
	json_t *a = json_array();
	for (int d = 0; d < 7; d++)
		if (days >> d & 1)
			json_array_append_new(a, json_string(weekday_names[d]));
	return a;
}

static json_t *num(double v)
{
	return v < 0 ? json_null() : json_real((double)(int)(v * 100 + 0.5) / 100);
}

void format_plan_json(const struct catalog *c, const struct app_plan *v, struct strbuf *out)
{
	const struct plan *p = &v->plan;
	json_t *parts = json_array(), *today = json_array(), *profile = json_null(), *doses = json_array(),
	       *changes = json_array();
	for (size_t i = 0; i < p->n_parts; i++) {
		const struct plan_part *pt = &p->parts[i];
		json_array_append_new(parts, json_pack("{s:s, s:s, s:s?, s:s?, s:o, s:i, s:i, s:b, s:b, s:b, s:s?, s:s}",
						       "title", pt->title, "module", module_names[pt->module],
						       "routine", pt->routine, "exercise", pt->exercise,
						       "days", days_json(pt->days), "days_per_week",
						       __builtin_popcount(pt->days), "minutes", pt->minutes, "add_on",
						       pt->add_on, "halved", pt->halved, "all_day", pt->all_day,
						       "factor", pt->factor >= 0 ? factor_names[pt->factor] : NULL,
						       "why", pt->why));
	}
	for (size_t i = 0; i < v->n_due; i++) {
		const struct plan_part *pt = &p->parts[v->due[i]];
		json_array_append_new(today, json_string(pt->routine ? pt->routine : pt->exercise));
	}
	if (p->assessed) {
		const struct profile *pr = &v->profiles[v->n_profiles - 1];
		profile = json_array();
		for (int f = 0; f < F__COUNT; f++)
			json_array_append_new(profile, json_pack("{s:s, s:i, s:s, s:o}", "factor", factor_names[f],
								 "strength", pr->f[f].strength, "level",
								 strength_names[pr->f[f].strength], "reason",
								 format_json_reason(&pr->f[f].reason)));
	}
	for (size_t i = 0; i < v->n_doses; i++) {
		const struct app_plan_dose *d = &v->doses[i];
		json_array_append_new(doses, json_pack("{s:s, s:s, s:s, s:i, s:i, s:b, s:b, s:b, s:o}", "routine",
						       d->routine->id, "item", d->item->exercise, "exercise",
						       d->now.exercise, "reps", d->now.reps, "duration_s", d->now.duration_s,
						       "paused", d->now.paused, "halved", p->gentle, "replaced", d->replaced,
						       "offer", d->offer ? json_string(d->offer->id) : json_null()));
	}
	for (size_t i = 0; i < v->n_changes; i++) {
		const struct plan_change_row *ch = &v->changes[i];
		json_array_append_new(changes, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:i, s:b, s:s}",
							 "date", ch->date, "routine", ch->routine_id, "item", ch->slot,
							 "action", ch->action, "rule", ch->rule, "from", ch->from_exercise,
							 "from_reps", ch->from_reps, "to", ch->to_exercise, "to_reps",
							 ch->to_reps, "paused", ch->paused, "reason", ch->reason));
	}
	json_t *flare = json_pack("{s:b, s:o, s:o, s:o, s:i, s:o}", "active", p->flare.active, "since",
				  format_json_day(p->flare.active || p->flare.ended_day >= 0 ? p->flare.since : -1),
				  "usual", num(p->flare.mean), "latest", num(p->flare.latest), "high_days",
				  p->flare.high_days, "ended", format_json_day(p->flare.ended_day));
	struct strbuf madv = STRBUF_INIT;
	plan_massage_advice(p, &madv);
	json_t *mdays = json_array();
	for (size_t i = 0; i < v->n_massage_days; i++)
		json_array_append_new(mdays, format_json_day(v->massage_days[i]));
	json_t *massage = json_pack("{s:s, s:o}", "advice", strbuf_str(&madv), "last_7_days", mdays);
	strbuf_release(&madv);
	json_t *o = json_pack("{s:o, s:o, s:b, s:b, s:b, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "date",
			      format_json_day(v->today), "assessed", format_json_day(p->assessed ? p->assessed_day : -1),
			      "screened", v->safety.s.screened, "allowed", p->allowed, "neck_clear", v->safety.s.neck_ok,
			      "gentle", p->gentle, "flare", flare, "note", format_json_reason(&p->note), "parts", parts, "today", today,
			      "profile", profile, "doses", doses, "changes", changes, "massage", massage);
	json_object_set_new(o, "prescriptions", format_prescriptions_json(c, v));
	char *s = json_dumps(o, JSON_INDENT(2));
	strbuf_addstr(out, s);
	free(s);
	json_decref(o);
}
