/* cache.c: the loaded catalog written to and read back from a binary file (see cache.h). */
#include "cache.h"
#include "../core/mem.h"
#include "../core/screen.h"
#include "../core/strbuf.h"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "unhunch content cache 1\n"
#define NO_STR UINT32_MAX
#define MAX_COUNT (1u << 24) /* more entries than this in one list: a damaged file */

/* ---- writing ---- */

struct wr {
	struct strbuf sb;
	const struct catalog *c;
	bool bad; /* a position names a file the catalog does not keep */
};

static void put_raw(struct wr *w, const void *p, size_t n)
{
	strbuf_add(&w->sb, p, n);
}

/* Numbers as zigzag varints: most are small, and a position holds three of them. */
static void put_i64(struct wr *w, int64_t v)
{
	uint64_t u = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
	unsigned char b[10];
	size_t n = 0;
	do {
		b[n] = (unsigned char)(u & 0x7f);
		u >>= 7;
		if (u)
			b[n] |= 0x80;
		n++;
	} while (u);
	put_raw(w, b, n);
}

static void put_str(struct wr *w, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : NO_STR;
	put_raw(w, &n, sizeof(n));
	if (s)
		put_raw(w, s, n);
}

static void put_strv(struct wr *w, char *const *v, size_t n)
{
	put_i64(w, (int64_t)n);
	for (size_t i = 0; i < n; i++)
		put_str(w, v[i]);
}

/* A file name the catalog keeps, by its place among catalog.files (-1: none). */
static void put_file(struct wr *w, const char *file)
{
	int64_t k = -1;
	for (size_t i = 0; file && i < w->c->n_files && k < 0; i++)
		if (w->c->files[i] == file)
			k = (int64_t)i;
	if (file && k < 0)
		w->bad = true;
	put_i64(w, k);
}

static void put_pos(struct wr *w, struct pos p)
{
	put_file(w, p.file);
	put_i64(w, p.line);
	put_i64(w, p.col);
}

static void put_range(struct wr *w, struct range r)
{
	put_i64(w, r.min);
	put_i64(w, r.max);
}

static void put_dose(struct wr *w, const struct dose *d)
{
	put_i64(w, d->given);
	put_pos(w, d->at);
	put_range(w, d->reps);
	put_i64(w, d->sets);
	put_i64(w, d->rest_s);
	put_i64(w, d->per);
	put_strv(w, d->per_names, d->n_per);
	put_i64(w, d->hold_s);
	put_i64(w, (int64_t)d->n_tempo);
	for (size_t i = 0; i < d->n_tempo; i++) {
		put_i64(w, d->tempo[i].phase);
		put_i64(w, d->tempo[i].seconds);
	}
	put_i64(w, d->contract_s);
	put_i64(w, d->relax_s);
	put_strv(w, d->positions, d->n_positions);
	put_range(w, d->duration_s);
	put_i64(w, d->pacing);
	put_str(w, d->note);
}

static void put_pose(struct wr *w, const struct pose *p)
{
	static const struct pose none;
	bool empty = !memcmp(p, &none, sizeof(none)); /* most poses are not given */
	put_i64(w, empty);
	if (empty)
		return;
	put_i64(w, p->given);
	put_pos(w, p->at);
	put_raw(w, p->a, sizeof(p->a));
	put_raw(w, p->out, sizeof(p->out));
	for (int j = 0; j < J__COUNT; j++)
		for (int k = 0; k < 2; k++) {
			put_pos(w, p->a_at[j][k]);
			put_pos(w, p->out_at[j][k]);
		}
	put_i64(w, (int64_t)p->n_touch);
	for (size_t i = 0; i < p->n_touch && i < POSE_MAX_TOUCH; i++) {
		put_i64(w, p->touch[i].point);
		put_i64(w, p->touch[i].surface);
		put_pos(w, p->touch[i].at);
	}
}

static void put_pose_set(struct wr *w, const struct pose_set *s)
{
	put_str(w, s->name);
	put_i64(w, s->view);
	put_i64(w, s->mirror);
	put_pos(w, s->at);
	for (int k = 0; k < PK__COUNT; k++)
		put_pose(w, &s->pose[k]);
	put_i64(w, (int64_t)s->n_named);
	for (size_t i = 0; i < s->n_named; i++) {
		put_str(w, s->named[i].name);
		put_pose(w, &s->named[i].pose);
	}
}

static void put_picture(struct wr *w, const struct picture *p)
{
	put_i64(w, p != NULL);
	if (!p)
		return;
	put_i64(w, p->broken);
	put_i64(w, p->props);
	put_i64(w, p->near);
	put_pos(w, p->at);
	put_pose_set(w, &p->main);
	put_i64(w, (int64_t)p->n_sides);
	for (size_t i = 0; i < p->n_sides; i++)
		put_pose_set(w, &p->sides[i]);
}

static void put_question(struct wr *w, const struct question *q)
{
	put_str(w, q->id);
	put_str(w, q->group);
	put_str(w, q->ask);
	put_i64(w, q->urgency);
	put_i64(w, q->neck);
	put_i64(w, q->neck_lock);
	put_i64(w, q->fact);
	put_strv(w, q->escalate, q->n_escalate);
	put_pos(w, q->at);
	put_pos(w, q->escalate_at);
	put_i64(w, q->broken);
}

static void put_exercise(struct wr *w, const struct exercise *e)
{
	put_str(w, e->id);
	put_str(w, e->name);
	put_str(w, e->purpose);
	put_i64(w, e->category);
	put_strv(w, e->steps, e->n_steps);
	put_strv(w, e->cautions, e->n_cautions);
	put_i64(w, (int64_t)e->n_equipment);
	for (size_t i = 0; i < e->n_equipment; i++) {
		put_str(w, e->equipment[i].name);
		put_strv(w, e->equipment[i].stand_ins, e->equipment[i].n_stand_ins);
		put_i64(w, e->equipment[i].optional);
	}
	put_str(w, e->regression);
	put_str(w, e->progression);
	put_pos(w, e->regression_at);
	put_pos(w, e->progression_at);
	put_str(w, e->version_of);
	put_pos(w, e->version_of_at);
	put_str(w, e->instead_of);
	put_str(w, e->instead_why);
	put_pos(w, e->instead_of_at);
	put_i64(w, e->screen);
	put_i64(w, e->gentle_skip);
	for (int p = 0; p < PH__COUNT; p++)
		put_str(w, e->cues[p]);
	put_dose(w, &e->dose);
	put_picture(w, e->picture);
	put_pos(w, e->at);
	put_file(w, e->overrides);
	put_i64(w, e->broken);
}

static void put_routine(struct wr *w, const struct routine *r)
{
	put_str(w, r->id);
	put_str(w, r->name);
	put_str(w, r->description);
	put_i64(w, r->module);
	put_i64(w, r->ready_s);
	put_i64(w, (int64_t)r->n_items);
	for (size_t i = 0; i < r->n_items; i++) {
		put_str(w, r->items[i].exercise);
		put_pos(w, r->items[i].exercise_at);
		put_dose(w, &r->items[i].dose);
	}
	put_pos(w, r->at);
	put_file(w, r->overrides);
	put_i64(w, r->broken);
}

int content_cache_write(const struct catalog *c, const char *path, const char *key, size_t len)
{
	struct wr w = { STRBUF_INIT, c, false };
	put_raw(&w, MAGIC, strlen(MAGIC));
	put_i64(&w, (int64_t)len);
	put_raw(&w, key, len);
	put_strv(&w, c->files, c->n_files);
	put_i64(&w, (int64_t)c->n_q);
	for (size_t i = 0; i < c->n_q; i++)
		put_question(&w, &c->q[i]);
	put_i64(&w, (int64_t)c->n_ex);
	for (size_t i = 0; i < c->n_ex; i++)
		put_exercise(&w, &c->ex[i]);
	put_i64(&w, (int64_t)c->n_rt);
	for (size_t i = 0; i < c->n_rt; i++)
		put_routine(&w, &c->rt[i]);
	put_raw(&w, MAGIC, strlen(MAGIC)); /* the end: a file cut short is seen as such */
	int rc = -1;
	struct strbuf tmp = STRBUF_INIT;
	strbuf_addf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	int fd = w.bad ? -1 : open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		size_t off = 0;
		while (off < w.sb.len) {
			ssize_t k = write(fd, w.sb.buf + off, w.sb.len - off);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			off += (size_t)k;
		}
		/* no fsync: a cache lost in a crash is parsed again, and one cut short is refused */
		if (close(fd) == 0 && off == w.sb.len && rename(tmp.buf, path) == 0)
			rc = 0;
		else
			unlink(tmp.buf);
	}
	strbuf_release(&tmp);
	strbuf_release(&w.sb);
	return rc;
}

/* ---- reading ---- */

struct rd {
	const char *p, *end;
	const struct catalog *c;
	bool bad;
};

static void get_raw(struct rd *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
}

static int64_t get_i64(struct rd *r)
{
	uint64_t u = 0;
	for (int shift = 0; !r->bad; shift += 7) {
		if (r->p == r->end || shift > 63) {
			r->bad = true;
			break;
		}
		unsigned char b = (unsigned char)*r->p++;
		u |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
	}
	return 0;
}

static int get_int(struct rd *r)
{
	int64_t v = get_i64(r);
	if (v < INT32_MIN || v > INT32_MAX)
		r->bad = true;
	return r->bad ? 0 : (int)v;
}

/* A value of an enum of count values: one out of range is a damaged file (it would
 * index a table of names). */
static int get_enum(struct rd *r, int count)
{
	int v = get_int(r);
	if (v < 0 || v >= count)
		r->bad = true;
	return r->bad ? 0 : v;
}

static bool get_bool(struct rd *r)
{
	return get_i64(r) != 0;
}

/* A count of entries to come: each takes at least one byte, so a count beyond what is
 * left is a damaged file (and never a huge allocation). */
static size_t get_count(struct rd *r)
{
	int64_t v = get_i64(r);
	if (v < 0 || v > MAX_COUNT || v > r->end - r->p)
		r->bad = true;
	return r->bad ? 0 : (size_t)v;
}

static char *get_str(struct rd *r)
{
	uint32_t n;
	get_raw(r, &n, sizeof(n));
	if (r->bad || n == NO_STR)
		return NULL;
	if ((size_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	char *s = xmalloc((size_t)n + 1);
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	return s;
}

static char **get_strv(struct rd *r, size_t *n)
{
	*n = get_count(r);
	char **v = *n ? xcalloc(*n, sizeof(*v)) : NULL;
	for (size_t i = 0; i < *n; i++)
		v[i] = get_str(r);
	return v;
}

static const char *get_file(struct rd *r)
{
	int64_t k = get_i64(r);
	if (k == -1 || r->bad)
		return NULL;
	if (k < 0 || (uint64_t)k >= r->c->n_files) {
		r->bad = true;
		return NULL;
	}
	return r->c->files[k];
}

static struct pos get_pos(struct rd *r)
{
	struct pos p;
	p.file = get_file(r);
	p.line = get_int(r);
	p.col = get_int(r);
	return p;
}

static struct range get_range(struct rd *r)
{
	struct range g;
	g.min = get_int(r);
	g.max = get_int(r);
	return g;
}

static void get_dose(struct rd *r, struct dose *d)
{
	d->given = get_bool(r);
	d->at = get_pos(r);
	d->reps = get_range(r);
	d->sets = get_int(r);
	d->rest_s = get_int(r);
	d->per = (enum per_kind)get_enum(r, PER_DIRECTION + 1);
	d->per_names = get_strv(r, &d->n_per);
	d->hold_s = get_int(r);
	d->n_tempo = get_count(r);
	d->tempo = d->n_tempo ? xcalloc(d->n_tempo, sizeof(*d->tempo)) : NULL;
	for (size_t i = 0; i < d->n_tempo; i++) {
		d->tempo[i].phase = (enum phase)get_enum(r, PH__COUNT);
		d->tempo[i].seconds = get_int(r);
	}
	d->contract_s = get_int(r);
	d->relax_s = get_int(r);
	d->positions = get_strv(r, &d->n_positions);
	d->duration_s = get_range(r);
	d->pacing = (enum pacing)get_enum(r, PACE__COUNT);
	d->note = get_str(r);
}

static void get_pose(struct rd *r, struct pose *p)
{
	if (get_bool(r))
		return; /* left as it is: all zero */
	p->given = get_bool(r);
	p->at = get_pos(r);
	get_raw(r, p->a, sizeof(p->a));
	get_raw(r, p->out, sizeof(p->out));
	for (int j = 0; j < J__COUNT; j++)
		for (int k = 0; k < 2; k++) {
			p->a_at[j][k] = get_pos(r);
			p->out_at[j][k] = get_pos(r);
		}
	p->n_touch = get_count(r);
	if (p->n_touch > POSE_MAX_TOUCH) {
		r->bad = true;
		p->n_touch = 0;
	}
	for (size_t i = 0; i < p->n_touch; i++) {
		p->touch[i].point = (enum body_point)get_enum(r, BP__COUNT);
		p->touch[i].surface = (enum surface)get_enum(r, SURF__COUNT);
		p->touch[i].at = get_pos(r);
	}
}

static void get_pose_set(struct rd *r, struct pose_set *s)
{
	s->name = get_str(r);
	s->view = (enum viewpoint)get_enum(r, VIEW__COUNT);
	s->mirror = get_bool(r);
	s->at = get_pos(r);
	for (int k = 0; k < PK__COUNT; k++)
		get_pose(r, &s->pose[k]);
	s->n_named = get_count(r);
	s->named = s->n_named ? xcalloc(s->n_named, sizeof(*s->named)) : NULL;
	for (size_t i = 0; i < s->n_named; i++) {
		s->named[i].name = get_str(r);
		get_pose(r, &s->named[i].pose);
	}
}

static struct picture *get_picture(struct rd *r)
{
	if (!get_bool(r))
		return NULL;
	struct picture *p = xcalloc(1, sizeof(*p));
	p->broken = get_bool(r);
	p->props = (unsigned)get_i64(r);
	p->near = get_enum(r, 2);
	p->at = get_pos(r);
	get_pose_set(r, &p->main);
	p->n_sides = get_count(r);
	p->sides = p->n_sides ? xcalloc(p->n_sides, sizeof(*p->sides)) : NULL;
	for (size_t i = 0; i < p->n_sides; i++)
		get_pose_set(r, &p->sides[i]);
	return p;
}

static void get_question(struct rd *r, struct question *q)
{
	q->id = get_str(r);
	q->group = get_str(r);
	q->ask = get_str(r);
	q->urgency = get_enum(r, URG__COUNT);
	q->neck = get_bool(r);
	q->neck_lock = get_bool(r);
	q->fact = get_bool(r);
	q->escalate = get_strv(r, &q->n_escalate);
	q->at = get_pos(r);
	q->escalate_at = get_pos(r);
	q->broken = get_bool(r);
}

static void get_exercise(struct rd *r, struct exercise *e)
{
	e->id = get_str(r);
	e->name = get_str(r);
	e->purpose = get_str(r);
	e->category = (enum category)get_enum(r, CAT__COUNT);
	e->steps = get_strv(r, &e->n_steps);
	e->cautions = get_strv(r, &e->n_cautions);
	e->n_equipment = get_count(r);
	e->equipment = e->n_equipment ? xcalloc(e->n_equipment, sizeof(*e->equipment)) : NULL;
	for (size_t i = 0; i < e->n_equipment; i++) {
		e->equipment[i].name = get_str(r);
		e->equipment[i].stand_ins = get_strv(r, &e->equipment[i].n_stand_ins);
		e->equipment[i].optional = get_bool(r);
	}
	e->regression = get_str(r);
	e->progression = get_str(r);
	e->regression_at = get_pos(r);
	e->progression_at = get_pos(r);
	e->version_of = get_str(r);
	e->version_of_at = get_pos(r);
	e->instead_of = get_str(r);
	e->instead_why = get_str(r);
	e->instead_of_at = get_pos(r);
	e->screen = (enum screen)get_enum(r, SCREEN__COUNT);
	e->gentle_skip = get_bool(r);
	for (int p = 0; p < PH__COUNT; p++)
		e->cues[p] = get_str(r);
	get_dose(r, &e->dose);
	e->picture = get_picture(r);
	e->at = get_pos(r);
	e->overrides = get_file(r);
	e->broken = get_bool(r);
}

static void get_routine(struct rd *r, struct routine *rt)
{
	rt->id = get_str(r);
	rt->name = get_str(r);
	rt->description = get_str(r);
	rt->module = (enum module)get_enum(r, MOD__COUNT);
	rt->ready_s = get_int(r);
	rt->n_items = get_count(r);
	rt->items = rt->n_items ? xcalloc(rt->n_items, sizeof(*rt->items)) : NULL;
	for (size_t i = 0; i < rt->n_items; i++) {
		rt->items[i].exercise = get_str(r);
		rt->items[i].exercise_at = get_pos(r);
		get_dose(r, &rt->items[i].dose);
	}
	rt->at = get_pos(r);
	rt->overrides = get_file(r);
	rt->broken = get_bool(r);
}

/* The whole file into memory; NULL when it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	char *buf = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size < (64 << 20)) {
		size_t n = (size_t)st.st_size, off = 0;
		buf = xmalloc(n);
		while (off < n) {
			ssize_t k = read(fd, buf + off, n - off);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			off += (size_t)k;
		}
		if (off != n) {
			free(buf);
			buf = NULL;
		}
		*len = n;
	}
	close(fd);
	return buf;
}

int content_cache_read(struct catalog *c, const char *path, const char *key, size_t len)
{
	size_t n = 0;
	char *buf = slurp(path, &n);
	if (!buf)
		return -1;
	size_t m = strlen(MAGIC);
	struct rd r = { buf, buf + n, c, false };
	char magic[sizeof(MAGIC)];
	get_raw(&r, magic, m);
	int64_t klen = r.bad ? -1 : get_i64(&r);
	if (r.bad || memcmp(magic, MAGIC, m) || klen != (int64_t)len || (size_t)(r.end - r.p) < len ||
	    memcmp(r.p, key, len) || n < m || memcmp(buf + n - m, MAGIC, m)) {
		free(buf);
		return -1;
	}
	r.p += len;
	r.end -= m; /* the end mark */
	c->files = get_strv(&r, &c->n_files);
	c->alloc_files = c->n_files;
	c->n_q = c->alloc_q = get_count(&r);
	c->q = xcalloc(c->n_q + 1, sizeof(*c->q));
	for (size_t i = 0; i < c->n_q; i++)
		get_question(&r, &c->q[i]);
	c->n_ex = c->alloc_ex = get_count(&r);
	c->ex = xcalloc(c->n_ex + 1, sizeof(*c->ex));
	for (size_t i = 0; i < c->n_ex; i++)
		get_exercise(&r, &c->ex[i]);
	c->n_rt = c->alloc_rt = get_count(&r);
	c->rt = xcalloc(c->n_rt + 1, sizeof(*c->rt));
	for (size_t i = 0; i < c->n_rt; i++)
		get_routine(&r, &c->rt[i]);
	bool ok = !r.bad && r.p == r.end;
	free(buf);
	if (!ok) {
		catalog_free(c);
		return -1;
	}
	catalog_reindex(c);
	return 0;
}
