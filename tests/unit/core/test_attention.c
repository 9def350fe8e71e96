/* test_attention.c: the trainer's dashboard order (core/attention.c): one test per
 * rule, then the order of them all. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/attention.h"
#include "core/screen.h"

#define TODAY 20800

/* A client with nothing to say: screened clear, a session yesterday, no flare-up. */
static struct attention_facts quiet(void)
{
	struct attention_facts f = { .today = TODAY, .screening_level = URG_NONE, .screening_day = TODAY - 20,
				     .stopped_day = -1, .last_session_day = TODAY - 1, .linked_day = TODAY - 60 };
	f.flare.since = -1;
	f.flare.ended_day = -1;
	f.course.state = COURSE_SO_FAR;
	return f;
}

static struct attention judge(const struct attention_facts *f)
{
	struct attention a;
	attention_judge(f, &a);
	return a;
}

static void test_warning_first(void **state)
{
	(void)state;
	struct attention_facts f = quiet();
	f.screening_level = URG_DAYS;
	f.screening_warning = true;
	f.flare.active = true; /* a flare-up too: the warning sign comes first */
	struct attention a = judge(&f);
	assert_int_equal(a.kind, ATT_WARNING);
	assert_non_null(strstr(a.reason, "warning sign during exercise"));
	assert_non_null(strstr(a.reason, "Not cleared yet"));
	/* a screen result that needs a clinician, without the warning answer, too */
	f.screening_warning = false;
	f.screening_level = URG_TODAY;
	a = judge(&f);
	assert_int_equal(a.kind, ATT_WARNING);
	assert_non_null(strstr(a.reason, "a doctor today"));
	/* cleared: no longer */
	f.screening_cleared = true;
	assert_int_equal(judge(&f).kind, ATT_FLARE);
	/* a routine-level answer is not a warning sign */
	f = quiet();
	f.screening_level = URG_ROUTINE;
	assert_int_equal(judge(&f).kind, ATT_NONE);
}

static void test_flare(void **state)
{
	(void)state;
	struct attention_facts f = quiet();
	f.flare = (struct flare){ true, TODAY - 2, 3.0, TODAY, 6.0, 3, -1 };
	f.stopped_day = TODAY - 1; /* a stopped session too: the flare-up comes first */
	f.stopped_why = 2;
	struct attention a = judge(&f);
	assert_int_equal(a.kind, ATT_FLARE);
	assert_string_equal(a.reason, "A flare-up since 2026-12-11: pain 6.0 against their usual 3.0, high for 3 days.");
	assert_true(a.weight == 3.0);
}

static void test_stopped(void **state)
{
	(void)state;
	assert_int_equal(attention_stop_why(true, -1), 1);
	assert_int_equal(attention_stop_why(false, 8), 2);
	assert_int_equal(attention_stop_why(false, 7), 0);
	struct attention_facts f = quiet();
	f.stopped_day = TODAY - 3;
	f.stopped_why = 1;
	f.last_session_day = TODAY - 9; /* absent too: the stopped session comes first */
	struct attention a = judge(&f);
	assert_int_equal(a.kind, ATT_STOPPED);
	assert_non_null(strstr(a.reason, "dizziness"));
	f.stopped_why = 2;
	assert_non_null(strstr(judge(&f).reason, "pain of 8 or more"));
	/* two weeks ago: no longer news */
	f.stopped_day = TODAY - ATTENTION_STOPPED_DAYS;
	assert_int_equal(judge(&f).kind, ATT_ABSENT);
}

static void test_absent(void **state)
{
	(void)state;
	struct attention_facts f = quiet();
	f.last_session_day = TODAY - ATTENTION_ABSENT_DAYS + 1;
	assert_int_equal(judge(&f).kind, ATT_NONE);
	f.last_session_day = TODAY - ATTENTION_ABSENT_DAYS;
	f.course.state = COURSE_IMPROVING; /* good news too: the absence comes first */
	struct attention a = judge(&f);
	assert_int_equal(a.kind, ATT_ABSENT);
	assert_string_equal(a.reason, "No session for 5 days.");
	/* never a session: counted from the day they joined */
	f.last_session_day = -1;
	f.linked_day = TODAY - 8;
	assert_string_equal(judge(&f).reason, "No session yet, 8 days after joining.");
	f.linked_day = TODAY - 2;
	assert_int_equal(judge(&f).kind, ATT_IMPROVED);
}

/* Never a session, joined lately: not started yet, not "nothing needs attention"; an
 * absence from ATTENTION_ABSENT_DAYS days after joining. */
static void test_new(void **state)
{
	(void)state;
	struct attention_facts f = quiet();
	f.last_session_day = -1;
	f.linked_day = TODAY;
	struct attention a = judge(&f);
	assert_int_equal(a.kind, ATT_NEW);
	assert_string_equal(a.reason, "Not started yet: joined today, no session so far.");
	f.linked_day = TODAY - 1;
	assert_string_equal(judge(&f).reason, "Not started yet: joined 1 day ago, no session so far.");
	f.linked_day = TODAY - (ATTENTION_ABSENT_DAYS - 1);
	a = judge(&f);
	assert_int_equal(a.kind, ATT_NEW);
	assert_string_equal(a.reason, "Not started yet: joined 4 days ago, no session so far.");
	f.linked_day = TODAY - ATTENTION_ABSENT_DAYS;
	assert_int_equal(judge(&f).kind, ATT_ABSENT);
	/* one session, ever: no longer new */
	f.linked_day = TODAY - 1;
	f.last_session_day = TODAY;
	assert_int_equal(judge(&f).kind, ATT_NONE);
	assert_string_equal(attention_names[ATT_NEW], "new");
}

/* Good news is stats_course()'s verdict, not a rule of its own. */
static void test_improved(void **state)
{
	(void)state;
	struct day days[40];
	size_t n = 0;
	for (int d = TODAY - 34; d <= TODAY; d++) {
		memset(&days[n], 0, sizeof(days[n]));
		days[n].day = d;
		days[n].pain = d < TODAY - 27 ? 6 : d > TODAY - 7 ? 2 : 4;
		for (int r = 0; r < 6; r++)
			days[n].region[r] = STATS_NO_VALUE;
		n++;
	}
	struct attention_facts f = quiet();
	f.course = stats_course(days, n, TODAY);
	struct attention a = judge(&f);
	assert_int_equal(a.kind, ATT_IMPROVED);
	assert_string_equal(a.reason, "Good news: pain down from 6.0 in the first week to 2.0 in the last 7 days, a real "
				      "improvement.");
	/* the same drop not yet meaningful: 6 to 5 */
	for (size_t i = 0; i < n; i++)
		if (days[i].day > TODAY - 7)
			days[i].pain = 5;
	f.course = stats_course(days, n, TODAY);
	assert_int_equal(judge(&f).kind, ATT_NONE);
}

static void test_rest(void **state)
{
	(void)state;
	struct attention_facts f = quiet();
	struct attention a = judge(&f);
	assert_int_equal(a.kind, ATT_NONE);
	assert_string_equal(a.reason, "Nothing needs attention.");
	/* never screened is not a warning sign */
	f.screening_level = -1;
	assert_int_equal(judge(&f).kind, ATT_NONE);
}

static int cmp(const void *a, const void *b)
{
	return attention_cmp(a, b);
}

static void test_order(void **state)
{
	(void)state;
	struct attention v[8] = {
		{ ATT_NONE, 0, "" },    { ATT_IMPROVED, 1, "" }, { ATT_ABSENT, 6, "" },  { ATT_ABSENT, 12, "" },
		{ ATT_STOPPED, 1, "" }, { ATT_FLARE, 2, "" },    { ATT_WARNING, 1, "" }, { ATT_NEW, 2, "" },
	};
	qsort(v, 8, sizeof(v[0]), cmp);
	const enum attention_kind want[8] = { ATT_WARNING, ATT_FLARE,    ATT_STOPPED, ATT_ABSENT,
					      ATT_ABSENT,  ATT_IMPROVED, ATT_NEW,     ATT_NONE };
	for (int i = 0; i < 8; i++)
		assert_int_equal(v[i].kind, want[i]);
	assert_true(v[3].weight == 12); /* the longest absence first */
	assert_string_equal(attention_names[ATT_IMPROVED], "improved");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warning_first), cmocka_unit_test(test_flare),    cmocka_unit_test(test_stopped),
		cmocka_unit_test(test_absent),        cmocka_unit_test(test_improved), cmocka_unit_test(test_new),
		cmocka_unit_test(test_rest),
		cmocka_unit_test(test_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
