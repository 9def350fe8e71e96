/* stats.c: outcome analytics over a daily series: calendar arithmetic, pain change
 * against the 0-10 scale's clinically important difference, flare-ups, adherence,
 * Welch comparisons and Pearson correlations with 95 % intervals. Pure: no I/O, no
 * clock, no state. See stats.h for the contracts. */
#include "stats.h"
#include <math.h>

#define EPS 1e-9            /* so that a drop of exactly 2.0 is not lost to rounding */
#define MCID_POINTS 2.0     /* Farrar 2001: ~2 points AND ~30 % on the 0-10 scale */
#define MCID_PCT 30.0
#define FLARE_POINTS 2.0
#define FLARE_MIN_DAYS 3
#define MIN_GROUP 14
#define Z975 1.959963984540054 /* standard normal 97.5 % quantile */

/* A value counts as data when it is not STATS_NO_VALUE (nor any negative or NaN). */
static bool has(double v)
{
	return v >= 0;
}

/* ---- calendar ---- */

#define DAY_MIN (-719528)   /* 0000-01-01 */
#define DAY_MAX 2932896     /* 9999-12-31 */

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : len[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* Read n digits; false at the first non-digit (so a short string stops at its NUL). */
static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool day_parse(const char *s, int *day)
{
	int y, m, d;
	if (!s || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
	    !digits(s + 8, 2, &d) || s[10] != '\0')
		return false;
	if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return false;
	*day = days_from_civil(y, m, d);
	return true;
}

static void put_digits(char *out, int v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
}

/* Days outside 0000-01-01..9999-12-31 are clamped so the text always has 10 characters. */
void day_format(int day, char *out)
{
	int y, m, d;
	civil_from_days(day < DAY_MIN ? DAY_MIN : day > DAY_MAX ? DAY_MAX : day, &y, &m, &d);
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

int day_weekday(int day)
{
	return (day % 7 + 7 + 3) % 7; /* 1970-01-01 was a Thursday */
}

/* ---- lookups over the sorted series ---- */

size_t stats_day_index(const struct day *days, size_t n, int d)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (days[mid].day < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct day *find(const struct day *days, size_t n, int d)
{
	size_t i = stats_day_index(days, n, d);
	return i < n && days[i].day == d ? &days[i] : NULL;
}

static bool pain_sum(const struct day *days, size_t n, int from, int to, double *sum, int *count)
{
	*sum = 0;
	*count = 0;
	for (size_t i = stats_day_index(days, n, from); i < n && days[i].day <= to; i++) {
		if (has(days[i].pain)) {
			*sum += days[i].pain;
			(*count)++;
		}
	}
	return *count > 0;
}

double stats_mean_pain(const struct day *days, size_t n, int from, int to)
{
	double sum;
	int count;
	return pain_sum(days, n, from, to, &sum, &count) ? sum / count : STATS_NO_VALUE;
}

/* ---- change against baseline ---- */

static bool first_pain_day(const struct day *days, size_t n, int today, int *first)
{
	for (size_t i = 0; i < n && days[i].day <= today; i++) {
		if (has(days[i].pain)) {
			*first = days[i].day;
			return true;
		}
	}
	return false;
}

/* The last day with a rating, at or before today. */
static bool last_pain_day(const struct day *days, size_t n, int today, int *last)
{
	for (size_t i = stats_day_index(days, n, today + 1); i > 0; i--) {
		if (has(days[i - 1].pain)) {
			*last = days[i - 1].day;
			return true;
		}
	}
	return false;
}

/* Both conditions of the MCID: at least 2 points and at least 30 % of the baseline. */
static bool meets_mcid(double baseline, double current)
{
	double drop = baseline - current;
	return baseline > 0 && drop >= MCID_POINTS - EPS && drop / baseline * 100 >= MCID_PCT - EPS;
}

static int count_pain(const struct day *days, size_t n, int from, int to)
{
	double sum;
	int count;
	pain_sum(days, n, from, to, &sum, &count);
	return count;
}

struct change stats_change(const struct day *days, size_t n, int today)
{
	struct change c = { .baseline = STATS_NO_VALUE, .current = STATS_NO_VALUE, .first_day = -1, .last_day = -1 };
	int first, last;
	if (!first_pain_day(days, n, today, &first) || !last_pain_day(days, n, today, &last))
		return c;
	c.first_day = first;
	c.last_day = last;
	c.baseline_from = first;
	c.baseline_to = first + 6;
	c.recent = last >= today - 6;
	c.current_to = c.recent ? today : last;
	c.current_from = c.current_to - 6;
	c.baseline = stats_mean_pain(days, n, c.baseline_from, c.baseline_to);
	c.current = stats_mean_pain(days, n, c.current_from, c.current_to);
	c.n_baseline = count_pain(days, n, c.baseline_from, c.baseline_to);
	c.n_current = count_pain(days, n, c.current_from, c.current_to);
	c.drop = c.baseline - c.current;
	c.drop_pct = c.baseline > 0 ? c.drop / c.baseline * 100 : 0;
	c.enough = c.baseline_to < c.current_from;
	c.meaningful = c.enough && meets_mcid(c.baseline, c.current);
	return c;
}

struct course stats_course(const struct day *days, size_t n, int today)
{
	struct course k = { COURSE_EARLY, STATS_NO_VALUE, STATS_NO_VALUE, 0, false, false };
	int first;
	if (!first_pain_day(days, n, today, &first))
		return k;
	struct change c = stats_change(days, n, today);
	k.baseline = c.baseline;
	k.current = c.recent ? c.current : STATS_NO_VALUE; /* the course is about the last 7 days */
	k.days = today - first;
	if (!c.enough || !c.recent)
		return k;
	k.above_first_week = c.current > c.baseline + EPS;
	if (c.current >= c.baseline + COURSE_WORSE_POINTS - EPS)
		k.state = COURSE_WORSE;
	else if (c.meaningful)
		k.state = COURSE_IMPROVING;
	else if (c.baseline >= COURSE_MIN_BASELINE - EPS &&
		 (k.days >= COURSE_MEANINGFUL_DAYS || (k.days >= COURSE_FLAT_DAYS && c.current >= c.baseline - EPS)))
		k.state = COURSE_NOT_IMPROVING;
	else
		k.state = COURSE_SO_FAR;
	k.see_clinician = k.state == COURSE_WORSE || k.state == COURSE_NOT_IMPROVING;
	return k;
}

struct trend_window stats_trend_window(const struct day *days, size_t n, int today, int marks)
{
	struct trend_window w = { today - marks + 1, today, 1, true };
	int first, last;
	if (marks < 1 || !first_pain_day(days, n, today, &first) || !last_pain_day(days, n, today, &last) ||
	    last > today - marks)
		return w; /* recent data, or none at all */
	w.recent = false;
	int span = last - first + 1;
	w.days_per_mark = (span + marks - 1) / marks;
	w.to = last;
	w.from = last - w.days_per_mark * marks + 1;
	return w;
}

/* ---- relief and flare-ups ---- */

bool stats_is_flare(const struct day *days, size_t n, int d)
{
	const struct day *e = find(days, n, d);
	double sum;
	int count;
	if (!e || !has(e->pain) || !pain_sum(days, n, d - 7, d - 1, &sum, &count) ||
	    count < FLARE_MIN_DAYS)
		return false;
	return e->pain >= sum / count + FLARE_POINTS - EPS;
}

/* The first day whose trailing week, not overlapping the baseline week, meets the MCID. */
static int first_improved(const struct day *days, size_t n, int today)
{
	int first;
	if (!first_pain_day(days, n, today, &first))
		return -1;
	double baseline = stats_mean_pain(days, n, first, first + 6);
	for (int d = first + 13; d <= today; d++) {
		double m = stats_mean_pain(days, n, d - 6, d);
		if (has(m) && meets_mcid(baseline, m))
			return d;
	}
	return -1;
}

struct relief stats_relief(const struct day *days, size_t n, int today)
{
	struct relief r = { .share_low = STATS_NO_VALUE, .first_improved_day = -1 };
	for (size_t i = stats_day_index(days, n, today - 27); i < n && days[i].day <= today; i++) {
		if (has(days[i].pain)) {
			r.days_with_data++;
			r.days_low += days[i].pain <= 2 + EPS;
		}
	}
	if (r.days_with_data > 0)
		r.share_low = (double)r.days_low / r.days_with_data;
	int improved = first_improved(days, n, today);
	if (improved == -1)
		return r;
	r.first_improved_day = improved;
	for (size_t i = stats_day_index(days, n, improved + 1); i < n && days[i].day <= today; i++)
		r.flare_ups += stats_is_flare(days, n, days[i].day);
	return r;
}

/* ---- adherence ---- */

static int streak_from(const struct day *days, size_t n, int d)
{
	size_t i = stats_day_index(days, n, d);
	int streak = 0;
	if (i == n || days[i].day != d)
		return 0;
	for (;;) {
		if (days[i].day != d - streak || !days[i].session)
			break;
		streak++;
		if (i == 0)
			break;
		i--;
	}
	return streak;
}

/* The sessions window is the last 28 days, or since the first session when that is
 * sooner, but never shorter than a week, so that one session today reads as 1 a week. */
struct adherence stats_adherence(const struct day *days, size_t n, int today)
{
	struct adherence a = { 0 };
	int from = today - 27, sessions = 0, headaches = 0;
	bool any = false;
	for (size_t i = 0; i < n && days[i].day <= today; i++) {
		if (days[i].session) {
			if (days[i].day > from)
				from = days[i].day;
			any = true;
			break;
		}
	}
	int len = today - from + 1 < 7 ? 7 : today - from + 1;
	for (size_t i = stats_day_index(days, n, today - 27); i < n && days[i].day <= today; i++) {
		sessions += days[i].session && days[i].day >= from;
		headaches += has(days[i].headache) && days[i].headache >= 1;
	}
	if (any)
		a.sessions_per_week = sessions * 7.0 / len;
	a.headache_days_per_week = headaches / 4.0;
	a.streak_days = streak_from(days, n, today);
	if (a.streak_days == 0)
		a.streak_days = streak_from(days, n, today - 1);
	return a;
}

/* ---- comparisons (Welch) ---- */

/* Running mean and sum of squared deviations (Welford), so nothing is allocated. */
struct acc {
	int n;
	double mean, m2;
};

static void acc_add(struct acc *a, double x)
{
	a->n++;
	double delta = x - a->mean;
	a->mean += delta / a->n;
	a->m2 += delta * (x - a->mean);
}

/* Upper 97.5 % quantile of Student's t with df degrees of freedom (df >= 3, need not be
 * an integer): G. W. Hill, "Algorithm 396: Student's t-quantiles", CACM 13 (1970), for a
 * two-tailed probability of 0.05. Within 3e-6 of the exact value from df 3 upward
 * (1e-8 from df 10); Welch's df here is never below 13. */
static double t975(double df)
{
	const double p = 0.05, x0 = -Z975;
	if (df > 1e6)
		return Z975;
	if (df < 3)
		df = 3;
	double a = 1 / (df - 0.5);
	double b = 48 / (a * a);
	double c = ((20700 * a / b - 98) * a - 16) * a + 96.36;
	double d = ((94.5 / (b + c) - 3) / b + 1) * sqrt(a * 1.5707963267948966) * df;
	double y = pow(d * p, 2 / df);
	if (y > 0.05 + a) {
		/* asymptotic expansion about the normal quantile */
		double x = x0;
		y = x * x;
		if (df < 5)
			c += 0.3 * (df - 4.5) * (x + 0.6);
		c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
		y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
		y = a * y * y;
		y = y > 0.002 ? exp(y) - 1 : 0.5 * y * y + y;
	} else {
		y = ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) *
			    (df + 1) / (df + 2) +
		    1 / y;
	}
	return sqrt(df * y);
}

static struct comparison welch(const struct acc *g1, const struct acc *g2)
{
	struct comparison c = { .n1 = g1->n, .n2 = g2->n };
	if (g1->n < MIN_GROUP || g2->n < MIN_GROUP)
		return c;
	c.enough = true;
	c.mean1 = g1->mean;
	c.mean2 = g2->mean;
	c.diff = c.mean1 - c.mean2;
	double q1 = g1->m2 / (g1->n - 1) / g1->n, q2 = g2->m2 / (g2->n - 1) / g2->n;
	double se2 = q1 + q2;
	if (!(se2 > 0)) { /* no spread at all: the interval is the difference itself */
		c.lo = c.hi = c.diff;
		return c;
	}
	double df = se2 * se2 / (q1 * q1 / (g1->n - 1) + q2 * q2 / (g2->n - 1));
	double half = t975(df) * sqrt(se2);
	c.lo = c.diff - half;
	c.hi = c.diff + half;
	return c;
}

/* Pain on day d+1 grouped by what day d was: group(d) returns 1, 2 or 0 (neither).
 * Day d must be in the series: a missing day is unknown, not a rest day. */
static struct comparison next_day(const struct day *days, size_t n, int (*group)(const struct day *))
{
	struct acc g[2] = { { 0 }, { 0 } };
	for (size_t i = 0; i + 1 < n; i++) {
		int which = group(&days[i]);
		if (which && days[i + 1].day == days[i].day + 1 && has(days[i + 1].pain))
			acc_add(&g[which - 1], days[i + 1].pain);
	}
	return welch(&g[0], &g[1]);
}

static int session_or_rest(const struct day *d)
{
	return d->session ? 1 : 2;
}

static int massage_or_routine(const struct day *d)
{
	return d->session ? 2 : d->massage ? 1 : 0;
}

struct comparison stats_after_sessions(const struct day *days, size_t n)
{
	return next_day(days, n, session_or_rest);
}

struct comparison stats_massage_vs_routine(const struct day *days, size_t n)
{
	return next_day(days, n, massage_or_routine);
}

/* ---- correlations (Pearson, Fisher z) ---- */

static double stress_of(const struct day *d)
{
	return d->stress;
}

static double desk_hours_of(const struct day *d)
{
	return d->desk_hours;
}

/* Pearson r of pain against field(day) over days with both; co-moments are kept
 * running (Welford) so nothing is allocated. */
static struct correlation pearson(const struct day *days, size_t n, double (*field)(const struct day *))
{
	struct correlation r = { 0 };
	double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
	for (size_t i = 0; i < n; i++) {
		double x = field(&days[i]), y = days[i].pain;
		if (!has(x) || !has(y))
			continue;
		r.n++;
		double dx = x - mx, dy = y - my;
		mx += dx / r.n;
		my += dy / r.n;
		sxx += dx * (x - mx);
		syy += dy * (y - my);
		sxy += dx * (y - my);
	}
	r.x_varies = sxx > 0;
	r.pain_varies = syy > 0;
	if (r.n < MIN_GROUP || !r.x_varies || !r.pain_varies)
		return r;
	r.enough = true;
	r.r = sxy / sqrt(sxx * syy);
	if (r.r >= 1 || r.r <= -1) { /* a perfect line: Fisher's z is infinite */
		r.r = r.lo = r.hi = r.r > 0 ? 1 : -1;
		return r;
	}
	double z = atanh(r.r), se = 1 / sqrt(r.n - 3.0);
	r.lo = tanh(z - Z975 * se);
	r.hi = tanh(z + Z975 * se);
	return r;
}

struct correlation stats_pain_vs_stress(const struct day *days, size_t n)
{
	return pearson(days, n, stress_of);
}

struct correlation stats_pain_vs_desk_hours(const struct day *days, size_t n)
{
	return pearson(days, n, desk_hours_of);
}

/* ---- sparkline ---- */

void stats_sparkline(const double *values, size_t n, char *out, size_t out_size)
{
	size_t len = 0;
	if (out_size == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		double v = values[i];
		if (!has(v)) {
			if (len + 1 >= out_size)
				break;
			out[len++] = ' ';
			continue;
		}
		if (len + 3 >= out_size)
			break;
		int level = (int)((v > 10 ? 10 : v) * 7 / 10 + 0.5); /* 0..7: U+2581..U+2588 */
		out[len++] = (char)0xE2;
		out[len++] = (char)0x96;
		out[len++] = (char)(0x81 + level);
	}
	out[len] = '\0';
}
