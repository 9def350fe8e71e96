/* breaks.c: the workday break scheduler (see breaks.h for the rules). */
#include "breaks.h"
#include "content.h"
#include "plan.h"
#include <string.h>

const char *const brk_kind_names[BRK__COUNT + 1] = { "micro", "move", NULL };
const char *const brk_event_names[BEV__COUNT + 1] = { "shown", "taken", "postponed", "skipped", "natural", NULL };
const char *const brk_mode_names[BMODE__COUNT + 1] = { "normal", "notify-only", "strict", NULL };

#define MIN_MS (60 * 1000LL)
#define DAY_S 86400LL

void brk_config_default(struct brk_config *c)
{
	memset(c, 0, sizeof(*c));
	c->every_ms[BRK_MICRO] = 30 * MIN_MS;
	c->length_ms[BRK_MICRO] = 1 * MIN_MS;
	c->every_ms[BRK_MOVE] = 60 * MIN_MS;
	c->length_ms[BRK_MOVE] = 5 * MIN_MS;
	c->postpone_ms = 5 * MIN_MS;
	c->away_ms = 1 * MIN_MS;
	c->answer_ms = 2 * MIN_MS;
	c->mode = BMODE_NORMAL;
	c->skips_per_day = 2;
	c->work_days = 0x3e; /* Monday to Friday */
	c->work_start_min = 9 * 60;
	c->work_end_min = 18 * 60;
}

/* ---- work hours ---- */

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t brk_local_day(int64_t now, int utc_offset_s)
{
	return floor_div(floor_div(now, 1000) + utc_offset_s, DAY_S);
}

static int wday_of(int64_t day)
{
	return (int)((day % 7 + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
}

static int64_t minute_of_day(int64_t now, int utc_offset_s)
{
	int64_t local = floor_div(now, 1000) + utc_offset_s;
	return (local - floor_div(local, DAY_S) * DAY_S) / 60;
}

static int64_t at_minute(int64_t day, int min, int utc_offset_s)
{
	return (day * DAY_S + (int64_t)min * 60 - utc_offset_s) * 1000;
}

bool brk_in_work_hours(const struct brk_config *c, int64_t now, int utc_offset_s)
{
	int64_t day = brk_local_day(now, utc_offset_s), min = minute_of_day(now, utc_offset_s);
	return (c->work_days >> wday_of(day) & 1u) && min >= c->work_start_min && min < c->work_end_min;
}

int64_t brk_next_work_start(const struct brk_config *c, int64_t now, int utc_offset_s)
{
	int64_t day = brk_local_day(now, utc_offset_s);
	for (int i = 0; i <= 7; i++) {
		int64_t t = at_minute(day + i, c->work_start_min, utc_offset_s);
		if ((c->work_days >> wday_of(day + i) & 1u) && t > now)
			return t;
	}
	return BRK_NO_DEADLINE;
}

int64_t brk_work_end(const struct brk_config *c, int64_t now, int utc_offset_s)
{
	return at_minute(brk_local_day(now, utc_offset_s), c->work_end_min, utc_offset_s);
}

/* ---- effects ---- */

static void emit(struct brk_sched *s, enum brk_event_kind what, enum brk_kind k, const char *ex, int64_t at,
		 const char *detail)
{
	if (s->n_ev == BRK_MAX_EVENTS)
		return;
	s->ev[s->n_ev++] = (struct brk_event){ what, k, ex ? ex : "", at, detail ? detail : "" };
}

static void clear_effects(struct brk_sched *s)
{
	s->n_ev = 0;
	s->show = false;
	s->withdraw = false;
}

/* A break of kind k was had (taken, skipped, natural, shown in notification-only mode):
 * its timer restarts; a movement break also counts as a micro-break. */
static void restart(struct brk_sched *s, enum brk_kind k)
{
	for (int i = 0; i <= (int)k; i++) {
		s->worked[i] = 0;
		s->postponed_until[i] = 0;
	}
}

static void drop_pending(struct brk_sched *s)
{
	if (s->pending >= 0)
		s->withdraw = true;
	s->pending = -1;
	s->pending_ex = NULL;
}

static const char *next_exercise(struct brk_sched *s, enum brk_kind k)
{
	if (k == BRK_MOVE && s->move_exercise)
		return s->move_exercise;
	if (!s->n_rotation)
		return s->move_exercise;
	const char *ex = s->rotation[s->next_ex % s->n_rotation];
	s->next_ex = (s->next_ex + 1) % s->n_rotation;
	return ex;
}

/* ---- time ---- */

/* Count the work time in (s->last, now] and follow the idle state. */
static void advance(struct brk_sched *s, const struct brk_input *in)
{
	int64_t now = in->now;
	int64_t day = brk_local_day(now, in->utc_offset_s);
	if (day != s->day) {
		s->day = day;
		s->skips_today = 0;
	}
	if (!brk_in_work_hours(&s->cfg, now, in->utc_offset_s)) {
		/* outside work hours: nothing is counted, a new work period starts afresh */
		drop_pending(s);
		restart(s, BRK_MOVE);
		s->away = false;
		s->counting = false;
		s->last = now;
		return;
	}
	int64_t from = s->counting ? s->last : now;
	if (from > now)
		from = now;
	s->counting = true;
	bool idle = in->idle_ms >= s->cfg.away_ms;
	if (idle) {
		int64_t since = now - in->idle_ms;
		if (!s->away) {
			s->away = true;
			s->away_since = since;
			memset(s->natural_done, 0, sizeof(s->natural_done));
			/* the idle time before `from` was counted as work by an earlier call (it was
			 * under away_ms then): take it back */
			for (int k = 0; k < BRK__COUNT; k++) {
				s->worked[k] += since - from;
				if (s->worked[k] < 0)
					s->worked[k] = 0;
			}
		}
		/* still away: a break happens as soon as the idle stretch is long enough */
		for (int k = BRK__COUNT - 1; k >= 0; k--) {
			if (s->natural_done[k] || now - s->away_since < s->cfg.length_ms[k])
				continue;
			if (s->pending == k || (k == BRK_MOVE && s->pending >= 0))
				drop_pending(s);
			emit(s, BEV_NATURAL, (enum brk_kind)k, "", now, "");
			restart(s, (enum brk_kind)k);
			for (int j = 0; j <= k; j++)
				s->natural_done[j] = true;
		}
	} else {
		int64_t back = from;
		if (s->away) {
			back = now - in->idle_ms;
			if (back < s->away_since)
				back = s->away_since;
			s->away = false;
			/* back before a deadline could count the stretch (e.g. after a suspend) */
			for (int k = BRK__COUNT - 1; k >= 0; k--) {
				if (s->natural_done[k] || back - s->away_since < s->cfg.length_ms[k])
					continue;
				if (s->pending == k || (k == BRK_MOVE && s->pending >= 0))
					drop_pending(s);
				emit(s, BEV_NATURAL, (enum brk_kind)k, "", back, "");
				restart(s, (enum brk_kind)k);
				for (int j = 0; j <= k; j++)
					s->natural_done[j] = true;
			}
		}
		for (int k = 0; k < BRK__COUNT; k++)
			s->worked[k] += now - back;
	}
	s->last = now;
}

static bool due(const struct brk_sched *s, enum brk_kind k, int64_t now)
{
	if (k == BRK_MICRO && s->postponed_until[BRK_MOVE])
		return false; /* the postponed movement break will cover it */
	if (s->postponed_until[k])
		return now >= s->postponed_until[k];
	return s->worked[k] >= s->cfg.every_ms[k];
}

static bool skip_allowed(const struct brk_sched *s)
{
	return s->cfg.mode != BMODE_STRICT || s->skips_today < s->cfg.skips_per_day;
}

void brk_init(struct brk_sched *s, const struct brk_config *cfg, const char *const *rotation,
	      size_t n_rotation, const char *move_exercise, const struct brk_input *in)
{
	memset(s, 0, sizeof(*s));
	s->cfg = *cfg;
	s->rotation = rotation;
	s->n_rotation = n_rotation;
	s->move_exercise = move_exercise;
	s->pending = -1;
	s->last = in->now;
	s->day = brk_local_day(in->now, in->utc_offset_s);
	s->counting = brk_in_work_hours(cfg, in->now, in->utc_offset_s);
}

void brk_update(struct brk_sched *s, const struct brk_input *in)
{
	clear_effects(s);
	advance(s, in);
	if (s->pending >= 0 && in->now - s->pending_at >= s->cfg.answer_ms) {
		/* not answered (the user may be away): let it go, the timer starts again */
		restart(s, (enum brk_kind)s->pending);
		drop_pending(s);
	}
	if (!s->counting || s->away || s->pending >= 0)
		return;
	enum brk_kind k = due(s, BRK_MOVE, in->now) ? BRK_MOVE : BRK_MICRO;
	if (!due(s, k, in->now))
		return;
	if (in->dnd) {
		s->postponed_until[k] = in->now + s->cfg.postpone_ms;
		emit(s, BEV_POSTPONED, k, "", in->now, "do not disturb");
		return;
	}
	const char *ex = s->postponed_until[k] && s->postponed_ex[k] ? s->postponed_ex[k] : next_exercise(s, k);
	s->postponed_ex[k] = NULL;
	emit(s, BEV_SHOWN, k, ex, in->now, "");
	s->show = true;
	s->reminder = (struct brk_show){ k, ex ? ex : "", s->cfg.mode != BMODE_NOTIFY_ONLY, skip_allowed(s) };
	if (s->cfg.mode == BMODE_NOTIFY_ONLY) {
		restart(s, k);
		return;
	}
	s->pending = (int)k;
	s->pending_ex = ex;
	s->pending_at = in->now;
}

void brk_act(struct brk_sched *s, const struct brk_input *in, enum brk_action a)
{
	clear_effects(s);
	advance(s, in);
	if (s->pending < 0)
		return;
	enum brk_kind k = (enum brk_kind)s->pending;
	const char *ex = s->pending_ex;
	s->pending = -1;
	s->pending_ex = NULL;
	if (a == BACT_SKIP && !skip_allowed(s)) {
		s->postponed_until[k] = in->now + s->cfg.postpone_ms;
		s->postponed_ex[k] = ex;
		emit(s, BEV_POSTPONED, k, ex, in->now, "no skips left today");
		return;
	}
	switch (a) {
	case BACT_START:
		emit(s, BEV_TAKEN, k, ex, in->now, "");
		restart(s, k);
		break;
	case BACT_POSTPONE:
		s->postponed_until[k] = in->now + s->cfg.postpone_ms;
		s->postponed_ex[k] = ex;
		emit(s, BEV_POSTPONED, k, ex, in->now, "");
		break;
	case BACT_SKIP:
		s->skips_today++;
		emit(s, BEV_SKIPPED, k, ex, in->now, "");
		restart(s, k);
		break;
	}
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

int64_t brk_deadline(const struct brk_sched *s, int utc_offset_s)
{
	int64_t now = s->last;
	if (!s->counting)
		return brk_next_work_start(&s->cfg, now, utc_offset_s);
	int64_t dl = BRK_NO_DEADLINE;
	if (s->pending >= 0)
		dl = s->pending_at + s->cfg.answer_ms; /* let an unanswered reminder go */
	if (s->away) {
		/* wait for the user (the idle source reports the return); wake only to count
		 * the away stretch as a break once it is long enough */
		for (int k = 0; k < BRK__COUNT; k++)
			if (!s->natural_done[k])
				dl = min64(dl, s->away_since + s->cfg.length_ms[k]);
	} else if (s->pending < 0) {
		for (int k = 0; k < BRK__COUNT; k++) {
			if (k == BRK_MICRO && s->postponed_until[BRK_MOVE])
				continue;
			int64_t t = s->postponed_until[k] ? s->postponed_until[k]
							  : now + s->cfg.every_ms[k] - s->worked[k];
			dl = min64(dl, t);
		}
	}
	int64_t end = brk_work_end(&s->cfg, now, utc_offset_s);
	if (dl >= end)
		dl = end; /* the timers reset at the end of the work period */
	return dl < now ? now : dl;
}

/* ---- the reset rotation ---- */

/* Which exercise each focus favours, and the movement-break exercise. */
static const struct {
	unsigned focus;
	const char *exercise;
} focus_table[] = {
	{ BRK_FOCUS_CHEST, "seated-chest-opener" },
	{ BRK_FOCUS_BREATHING, "breathing-reset" },
};
unsigned brk_focus_from_factors(const struct factor_result *f)
{
	unsigned focus = 0;
	if (f[F_FRONT].strength >= 2)
		focus |= BRK_FOCUS_CHEST;
	if (f[F_STRESS].strength >= 2)
		focus |= BRK_FOCUS_BREATHING;
	return focus;
}

static const char *const move_ids[] = { "get-up-and-move", "stand-and-reach" };

const struct item *brk_item(const struct catalog *c, const char *routine_id, const char *exercise)
{
	const struct routine *r = catalog_routine(c, routine_id);
	for (size_t i = 0; r && exercise && i < r->n_items; i++)
		if (!strcmp(r->items[i].exercise, exercise))
			return &r->items[i];
	return NULL;
}

const char *brk_move_exercise(const struct catalog *c, const char *routine_id)
{
	const struct routine *r = catalog_routine(c, routine_id);
	for (size_t m = 0; r && m < sizeof(move_ids) / sizeof(move_ids[0]); m++)
		for (size_t i = 0; i < r->n_items; i++)
			if (!strcmp(r->items[i].exercise, move_ids[m]))
				return r->items[i].exercise;
	return NULL;
}

static bool favoured(const char *id, unsigned focus)
{
	for (size_t f = 0; f < sizeof(focus_table) / sizeof(focus_table[0]); f++)
		if ((focus & focus_table[f].focus) && !strcmp(id, focus_table[f].exercise))
			return true;
	return false;
}

size_t brk_rotation(const struct catalog *c, const char *routine_id, unsigned focus, const char **out,
		    size_t max)
{
	const struct routine *r = catalog_routine(c, routine_id);
	if (!r)
		return 0;
	const char *move = brk_move_exercise(c, routine_id);
	const char *fav[sizeof(focus_table) / sizeof(focus_table[0])];
	size_t nfav = 0, n = 0;
	for (size_t i = 0; i < r->n_items; i++)
		if (favoured(r->items[i].exercise, focus) && nfav < sizeof(fav) / sizeof(fav[0]))
			fav[nfav++] = r->items[i].exercise;
	size_t f = 0;
	for (size_t i = 0; i < r->n_items && n < max; i++) {
		const char *id = r->items[i].exercise;
		if ((move && !strcmp(id, move)) || (nfav && favoured(id, focus)))
			continue;
		if (nfav && n < max)
			out[n++] = fav[f++ % nfav];
		if (n < max)
			out[n++] = id;
	}
	if (!n)
		for (size_t i = 0; i < nfav && n < max; i++)
			out[n++] = fav[i];
	return n;
}
