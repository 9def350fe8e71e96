/* dash-kept.c: a client's line of the dashboard as kept text (dash-kept.h): the fields
 * of struct app_dash_client in a fixed order, little-endian, then base64. A pain value
 * that is a whole or half point takes one byte; any other the eight of its double, so
 * what comes back is exactly what was folded. */
#include "app/dash-kept.h"
#include "core/mem.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_VALUE_BYTE 0xFE /* STATS_NO_VALUE */
#define DOUBLE_BYTE 0xFF   /* the eight bytes of a double follow */
#define HALVES_MAX 250     /* a byte below NO_VALUE_BYTE: the value in half points */
#define FEEL_MAX 1000      /* exercises a client can have felt, at most */

void dash_kept_key(int today, int64_t from_ms, int64_t today_ms, char *key, size_t size)
{
	snprintf(key, size, "%d/%d/%lld/%lld", DASH_KEPT_FORMAT, today, (long long)from_ms, (long long)today_ms);
}

/* ---- writing ---- */

static void put_u(struct strbuf *b, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		strbuf_addch(b, (char)(v >> (8 * i) & 0xFF));
}

static void put_i32(struct strbuf *b, int v)
{
	put_u(b, (uint32_t)v, 4);
}

static void put_f64(struct strbuf *b, double v)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof(bits));
	put_u(b, bits, 8);
}

static void put_str(struct strbuf *b, const char *s)
{
	size_t n = strlen(s);
	put_u(b, n, 2);
	strbuf_add(b, s, n);
}

static void put_pain(struct strbuf *b, double v)
{
	double h = v * 2;
	if (v == STATS_NO_VALUE)
		put_u(b, NO_VALUE_BYTE, 1);
	else if (h >= 0 && h <= HALVES_MAX && h == (double)(int)h)
		put_u(b, (uint64_t)(int)h, 1);
	else {
		put_u(b, DOUBLE_BYTE, 1);
		put_f64(b, v);
	}
}

char *dash_kept_encode(const struct app_dash_client *c)
{
	struct strbuf b = STRBUF_INIT;
	put_u(&b, DASH_KEPT_FORMAT, 1);
	put_u(&b, (uint64_t)c->att.kind, 1);
	put_f64(&b, c->att.weight);
	put_str(&b, c->att.reason);
	put_i32(&b, c->days_since_session);
	put_i32(&b, c->done7);
	put_i32(&b, c->due7);
	put_i32(&b, c->done30);
	put_i32(&b, c->due30);
	put_u(&b, (uint64_t)c->has_plan | (uint64_t)c->paused << 1, 1);
	uint32_t present = 0, rated = 0;
	for (int k = 0; k < DASH_SERIES; k++) {
		for (int i = 0; i < DASH_DAYS; i++)
			if (c->pain[k][i] != STATS_NO_VALUE)
				present |= 1u << k;
		if (c->rated[k])
			rated |= 1u << k;
	}
	put_u(&b, present, 4);
	put_u(&b, rated, 4);
	for (int k = 0; k < DASH_SERIES; k++)
		for (int i = 0; (present >> k & 1) && i < DASH_DAYS; i++)
			put_pain(&b, c->pain[k][i]);
	const struct change *h = &c->change;
	put_f64(&b, h->baseline);
	put_f64(&b, h->current);
	const int ints[] = { h->baseline_from, h->baseline_to, h->current_from, h->current_to,
			     h->n_baseline,    h->n_current,   h->first_day,    h->last_day };
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		put_i32(&b, ints[i]);
	put_f64(&b, h->drop);
	put_f64(&b, h->drop_pct);
	put_u(&b, (uint64_t)h->recent | (uint64_t)h->meaningful << 1 | (uint64_t)h->enough << 2, 1);
	const struct course *o = &c->course;
	put_u(&b, (uint64_t)o->state, 1);
	put_f64(&b, o->baseline);
	put_f64(&b, o->current);
	put_i32(&b, o->days);
	put_u(&b, (uint64_t)o->above_first_week | (uint64_t)o->see_clinician << 1, 1);
	const struct dash_client *f = c->facts;
	put_u(&b, f->n_feel, 4);
	for (size_t i = 0; i < f->n_feel; i++) {
		const struct dash_feel *e = &f->feel[i];
		put_str(&b, e->exercise_id);
		put_i32(&b, e->easy);
		put_i32(&b, e->right);
		put_i32(&b, e->hard);
		put_i32(&b, e->hurt);
		put_u(&b, (uint64_t)e->last_ms, 8);
	}
	size_t size = sodium_base64_encoded_len(b.len, sodium_base64_VARIANT_ORIGINAL);
	char *text = xmalloc(size);
	sodium_bin2base64(text, size, (const unsigned char *)b.buf, b.len, sodium_base64_VARIANT_ORIGINAL);
	strbuf_release(&b);
	return text;
}

/* ---- reading ---- */

struct reader {
	const unsigned char *p;
	size_t n, at;
	bool bad;
};

static uint64_t get_u(struct reader *r, int bytes)
{
	if (r->bad || r->n - r->at < (size_t)bytes) {
		r->bad = true;
		return 0;
	}
	uint64_t v = 0;
	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)r->p[r->at++] << (8 * i);
	return v;
}

static int get_i32(struct reader *r)
{
	return (int)(int32_t)(uint32_t)get_u(r, 4);
}

static double get_f64(struct reader *r)
{
	uint64_t bits = get_u(r, 8);
	double v;
	memcpy(&v, &bits, sizeof(v));
	return v;
}

static bool bit_of(uint64_t flags, int bit)
{
	return flags >> bit & 1;
}

/* A string of at most max - 1 bytes into out (max bytes), or a new copy when out is NULL. */
static char *get_str(struct reader *r, char *out, size_t max)
{
	size_t n = (size_t)get_u(r, 2);
	if (r->bad || n >= max || r->n - r->at < n || memchr(r->p + r->at, 0, n)) {
		r->bad = true;
		return NULL;
	}
	char *s = out ? out : xmalloc(n + 1);
	memcpy(s, r->p + r->at, n);
	s[n] = '\0';
	r->at += n;
	return s;
}

static double get_pain(struct reader *r)
{
	uint64_t b = get_u(r, 1);
	if (b == NO_VALUE_BYTE)
		return STATS_NO_VALUE;
	if (b == DOUBLE_BYTE)
		return get_f64(r);
	if (b > HALVES_MAX)
		r->bad = true;
	return (double)b / 2;
}

static void read_line(struct reader *r, struct app_dash_client *out, struct dash_client *facts)
{
	if (get_u(r, 1) != DASH_KEPT_FORMAT) {
		r->bad = true;
		return;
	}
	uint64_t kind = get_u(r, 1);
	if (kind >= ATT__COUNT)
		r->bad = true;
	out->att.kind = (enum attention_kind)kind;
	out->att.weight = get_f64(r);
	get_str(r, out->att.reason, sizeof(out->att.reason));
	out->days_since_session = get_i32(r);
	out->done7 = get_i32(r);
	out->due7 = get_i32(r);
	out->done30 = get_i32(r);
	out->due30 = get_i32(r);
	uint64_t flags = get_u(r, 1);
	out->has_plan = bit_of(flags, 0);
	out->paused = bit_of(flags, 1);
	uint64_t present = get_u(r, 4), rated = get_u(r, 4);
	for (int k = 0; k < DASH_SERIES; k++) {
		out->rated[k] = rated >> k & 1;
		for (int i = 0; i < DASH_DAYS; i++)
			out->pain[k][i] = present >> k & 1 ? get_pain(r) : STATS_NO_VALUE;
	}
	struct change *h = &out->change;
	h->baseline = get_f64(r);
	h->current = get_f64(r);
	int *const ints[] = { &h->baseline_from, &h->baseline_to, &h->current_from, &h->current_to,
			      &h->n_baseline,    &h->n_current,   &h->first_day,    &h->last_day };
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		*ints[i] = get_i32(r);
	h->drop = get_f64(r);
	h->drop_pct = get_f64(r);
	flags = get_u(r, 1);
	h->recent = bit_of(flags, 0);
	h->meaningful = bit_of(flags, 1);
	h->enough = bit_of(flags, 2);
	struct course *o = &out->course;
	uint64_t state = get_u(r, 1);
	if (state > COURSE_WORSE)
		r->bad = true;
	o->state = (enum course_state)state;
	o->baseline = get_f64(r);
	o->current = get_f64(r);
	o->days = get_i32(r);
	flags = get_u(r, 1);
	o->above_first_week = bit_of(flags, 0);
	o->see_clinician = bit_of(flags, 1);
	uint64_t n_feel = get_u(r, 4);
	if (n_feel > FEEL_MAX)
		r->bad = true;
	if (r->bad || !n_feel)
		return;
	facts->feel = xcalloc(n_feel, sizeof(*facts->feel));
	for (size_t i = 0; i < n_feel && !r->bad; i++) {
		struct dash_feel *e = &facts->feel[i];
		e->exercise_id = get_str(r, NULL, 256);
		if (!e->exercise_id)
			break;
		facts->n_feel = i + 1;
		e->easy = get_i32(r);
		e->right = get_i32(r);
		e->hard = get_i32(r);
		e->hurt = get_i32(r);
		e->last_ms = (int64_t)get_u(r, 8);
	}
}

/* A base64 character's six bits, -1 for any other character. */
static int sextet(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* The bytes of text as sodium_bin2base64 wrote it (the original alphabet, padded) into
 * bin, their count in *n; -1 for anything else. Not libsodium's decoder: that one takes
 * constant time, as a secret needs and a dashboard's lines do not, and decoding a
 * thousand of them was a tenth of the time of a dashboard read (bench/dashboard). */
static int from_base64(const char *text, size_t len, unsigned char *bin, size_t *n)
{
	*n = 0;
	if (len % 4)
		return -1;
	for (size_t i = 0; i < len; i += 4) {
		int v[4], pad = 0;
		for (int k = 0; k < 4; k++) {
			bool last = i + 4 == len;
			if (last && text[i + k] == '=' && k >= 2 && (k == 3 || text[i + 3] == '=')) {
				v[k] = 0;
				pad++;
			} else if ((v[k] = sextet((unsigned char)text[i + k])) < 0) {
				return -1;
			}
		}
		if ((pad == 1 && (v[2] & 3)) || (pad == 2 && (v[1] & 15)))
			return -1; /* bits past the last byte: not written by an encoder */
		uint32_t w = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)v[2] << 6 | (uint32_t)v[3];
		bin[(*n)++] = (unsigned char)(w >> 16);
		if (pad < 2)
			bin[(*n)++] = (unsigned char)(w >> 8 & 0xFF);
		if (pad < 1)
			bin[(*n)++] = (unsigned char)(w & 0xFF);
	}
	return 0;
}

int dash_kept_decode(const char *text, struct app_dash_client *out, struct dash_client *facts)
{
	size_t len = strlen(text);
	unsigned char *bin = xmalloc(len / 4 * 3 + 3);
	size_t n = 0;
	int rc = -1;
	if (from_base64(text, len, bin, &n) == 0) {
		const struct dash_client *keep = out->facts;
		memset(out, 0, sizeof(*out));
		out->facts = keep;
		struct reader r = { bin, n, 0, false };
		read_line(&r, out, facts);
		rc = r.bad || r.at != r.n ? -1 : 0;
	}
	free(bin);
	if (rc) {
		for (size_t i = 0; i < facts->n_feel; i++)
			free(facts->feel[i].exercise_id);
		free(facts->feel);
		facts->feel = NULL;
		facts->n_feel = 0;
	}
	return rc;
}
