/* test_http_speech_cues.c: every word the session engine can say for the shipped content
 * fits in one speech clip (GET /api/v1/speech, speech_text_ok()): each routine is walked
 * with each pacing, the plain, neck and gentle passes, every variant the plan or a pain
 * stop may put in an item's place, and, at each item, each input a person can give
 * (pain of every kind with both answers to the offer, a warning sign, pause, skip,
 * back, quit, a stalled clock). A text over the limit is still refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "sim.h"
#include "core/plan.h"
#include "http/speech.h"

/* What is done to an item of the walk, once, just after its get-ready. */
enum poke { P_NONE, P_HURT_MILD, P_HURT_TRY, P_HURT_MOVE_ON, P_HURT_END, P_SYMPTOM, P_PAUSE, P_SKIP, P_BACK, P_QUIT,
	    P_STALL, P__COUNT };

struct walk {
	size_t texts, longest;
	char longest_text[8192];
	const char *where;
	int bad;
};

static void heard(struct walk *w, const struct engine *e, const char *routine)
{
	for (size_t i = 0; i < e->n_fx; i++) {
		const struct effect *f = &e->fx[i];
		if (f->kind != FX_SAY)
			continue;
		size_t n = strlen(f->text);
		const char *why;
		w->texts++;
		if (n > w->longest) {
			w->longest = n;
			snprintf(w->longest_text, sizeof(w->longest_text), "%s", f->text);
			w->where = routine;
		}
		if (!speech_text_ok(f->text, &why) && w->bad++ < 5)
			fprintf(stderr, "%s: %zu bytes, not a clip (%s): %s\n", routine, n, why, f->text);
	}
}

/* One run of routine r to its end, poking item k (P_NONE: none). */
static void run(struct walk *w, const struct catalog *c, const struct routine *r, enum pacing pacing,
		const struct session_pass *pass, const struct dose_state *doses, size_t k, enum poke poke)
{
	struct engine e;
	struct engine_opts o = { pacing, 3, 0, 0, doses, true, pass };
	if (engine_init(&e, c, r, &o, 0) != 0) {
		engine_release(&e);
		return;
	}
	heard(w, &e, r->id);
	int64_t t = 0;
	bool poked = poke == P_NONE;
	for (int n = 0; n < 100000 && e.state != ENGINE_DONE; n++) {
		struct input in = { IN_TICK, t, 0 };
		int64_t dl = engine_deadline(&e);
		if (!poked && e.state == ENGINE_RUNNING && e.item == k && e.cur >= 1) {
			poked = true;
			static const struct input pokes[P__COUNT] = {
				[P_HURT_MILD] = { IN_HURT, 0, 4 }, [P_HURT_TRY] = { IN_HURT, 0, 7 },
				[P_HURT_MOVE_ON] = { IN_HURT, 0, 7 }, [P_HURT_END] = { IN_HURT, 0, 9 },
				[P_SYMPTOM] = { IN_SYMPTOM, 0, 0 },  [P_PAUSE] = { IN_PAUSE, 0, 0 },
				[P_SKIP] = { IN_SKIP, 0, 0 },        [P_BACK] = { IN_BACK, 0, 0 },
				[P_QUIT] = { IN_QUIT, 0, 0 },        [P_STALL] = { IN_TICK, 0, 0 },
			};
			in = pokes[poke];
			in.now = poke == P_STALL ? t + ENGINE_STALL_MS + 60000 : t + 100;
		} else if (e.state == ENGINE_OFFER) {
			in = (struct input){ poke == P_HURT_MOVE_ON ? IN_SKIP : IN_DONE, t + 1000, 0 };
		} else if (e.state == ENGINE_ASK) {
			in = (struct input){ IN_FEEL, t + 1000, (int)(t / 1000 % 3) + 1 };
		} else if (e.state == ENGINE_PAUSED) {
			in = (struct input){ IN_RESUME, t + 1000, 0 };
		} else if (dl == ENGINE_NO_DEADLINE) {
			in = (struct input){ IN_DONE, t + 1000, 0 }; /* a wait: self-paced reps, the neck cautions */
		} else {
			in.now = dl;
		}
		t = in.now;
		engine_input(&e, in);
		heard(w, &e, r->id);
	}
	assert_int_equal(e.state, ENGINE_DONE);
	engine_release(&e);
}

/* Every routine, every way: the longest text must fit in a clip. */
static void test_every_cue_fits(void **state)
{
	(void)state;
	struct catalog c;
	assert_int_equal(sim_shipped(&c), 0);
	assert_true(c.n_rt > 0);
	struct walk w = { 0 };
	const struct session_pass *passes[] = { &SIM_PASS, &SIM_PASS_NECK, &SIM_PASS_GENTLE };
	const enum pacing pacings[] = { PACE_DEFAULT, PACE_TIMED, PACE_SELF };
	for (size_t ri = 0; ri < c.n_rt; ri++) {
		const struct routine *r = &c.rt[ri];
		struct dose_state *doses = calloc(r->n_items + 1, sizeof(*doses));
		for (size_t i = 0; i < r->n_items; i++)
			doses[i] = dose_start(&c, &r->items[i]);
		for (size_t p = 0; p < 3; p++)
			for (size_t q = 0; q < 3; q++)
				for (size_t k = 0; k < r->n_items; k++)
					for (int poke = 0; poke < P__COUNT; poke++)
						if (poke != P_NONE || k == 0)
							run(&w, &c, r, pacings[q], passes[p], doses, k, (enum poke)poke);
		/* each item run as each variant the plan may move it to (harder and easier steps) */
		for (size_t i = 0; i < r->n_items; i++)
			for (int dir = 0; dir < 2; dir++) {
				const struct exercise *x = catalog_exercise(&c, r->items[i].exercise);
				for (int hop = 0; x && hop < 10; hop++) {
					const char *next = dir ? x->progression : x->regression;
					x = next ? catalog_exercise(&c, next) : NULL;
					if (!x)
						break;
					struct dose_state keep = doses[i];
					doses[i].exercise = x->id;
					for (size_t p = 0; p < 3; p++)
						run(&w, &c, r, PACE_DEFAULT, passes[p], doses, 0, P_NONE);
					doses[i] = keep;
				}
			}
		free(doses);
	}
	print_message("%zu texts said; the longest, %zu bytes (%s): %s\n", w.texts, w.longest, w.where,
		      w.longest_text);
	assert_int_equal(w.bad, 0);
	assert_true(w.longest <= SPEECH_TEXT_MAX);
	catalog_free(&c);
}

/* The limit still refuses a hostile text just over it, in words that say so. */
static void test_overlong_refused(void **state)
{
	(void)state;
	char *s = malloc(SPEECH_TEXT_MAX + 2);
	memset(s, 'a', SPEECH_TEXT_MAX + 1);
	s[SPEECH_TEXT_MAX + 1] = '\0';
	const char *why = NULL;
	assert_false(speech_text_ok(s, &why));
	assert_non_null(strstr(why, "too long"));
	char n[16];
	snprintf(n, sizeof(n), "%d", SPEECH_TEXT_MAX);
	assert_string_equal(n, SPEECH_TEXT_MAX_WORDS); /* the words give the limit there is */
	s[SPEECH_TEXT_MAX] = '\0';
	assert_true(speech_text_ok(s, &why));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_cue_fits),
		cmocka_unit_test(test_overlong_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
