/* test_cache.c: the loaded catalog kept in a file (content/cache.c): read back whole
 * and the same, only under its own key, and a damaged file (cut short, bytes changed)
 * read as no cache, never as part of one. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "content/cache.h"
#include "content/load.h"
#include "core/strbuf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEY "a key"

struct fx {
	char dir[64];
	char path[96], again[96];
	struct catalog c;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/unhunch-cache.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/c", f->dir);
	snprintf(f->again, sizeof(f->again), "%s/again", f->dir);
	/* the shipped content, and an override of one routine from another file */
	struct diags d;
	diags_init(&d);
	catalog_init(&f->c);
	content_load_dir(&f->c, UNHUNCH_SRC_DATADIR, &d);
	struct catalog mine;
	catalog_init(&mine);
	const char *y = "routines:\n  - id: let-shoulders-go\n    name: Mine\n    description: D.\n"
			"    module: relaxation\n    items:\n      - {exercise: glute-bridge, reps: 2}\n";
	content_parse(&mine, "/home/me/mine.yaml", y, strlen(y), &d);
	catalog_merge(&f->c, &mine, true, &d);
	catalog_check_refs(&f->c, &d);
	catalog_drop_broken(&f->c);
	if (d.n)
		return -1;
	diags_release(&d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	catalog_free(&f->c);
	unlink(f->path);
	unlink(f->again);
	rmdir(f->dir);
	free(f);
	return 0;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t k;
	while ((k = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(&sb, buf, k);
	fclose(fp);
	*n = sb.len;
	return strbuf_detach(&sb);
}

static void spit(const char *path, const char *buf, size_t n)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, n, fp), n);
	fclose(fp);
}

static void test_round_trip(void **state)
{
	struct fx *f = *state;
	assert_int_equal(content_cache_write(&f->c, f->path, KEY, strlen(KEY)), 0);
	struct catalog c;
	catalog_init(&c);
	assert_int_equal(content_cache_read(&c, f->path, KEY, strlen(KEY)), 0);
	assert_int_equal(c.n_ex, f->c.n_ex);
	assert_int_equal(c.n_rt, f->c.n_rt);
	assert_int_equal(c.n_q, f->c.n_q);
	assert_true(c.n_ex > 10 && c.n_rt >= 5 && c.n_q > 5);
	/* found by id (the indexes were built), with every field: written again, the same bytes */
	const struct exercise *e = catalog_exercise(&c, "superman");
	assert_non_null(e);
	assert_string_equal(e->name, catalog_exercise(&f->c, "superman")->name);
	assert_non_null(e->picture);
	const struct routine *r = catalog_routine(&c, "let-shoulders-go");
	assert_non_null(r);
	assert_string_equal(r->name, "Mine");
	assert_non_null(r->overrides);
	assert_string_equal(r->at.file, "/home/me/mine.yaml");
	assert_string_equal(r->overrides, catalog_routine(&f->c, "let-shoulders-go")->overrides);
	/* file names point at the catalog's kept ones, as the loader's do */
	bool kept_at = false, kept_over = false;
	for (size_t i = 0; i < c.n_files; i++) {
		kept_at |= c.files[i] == r->at.file;
		kept_over |= c.files[i] == r->overrides;
	}
	assert_true(kept_at && kept_over);
	assert_non_null(catalog_question(&c, f->c.q[0].id));
	for (size_t i = 0; i < c.n_rt; i++)
		for (size_t k = 0; k < c.rt[i].n_items; k++) {
			struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
			dose_describe(&c.rt[i].items[k].dose, &a);
			dose_describe(&f->c.rt[i].items[k].dose, &b);
			assert_string_equal(strbuf_str(&a), strbuf_str(&b));
			strbuf_release(&a);
			strbuf_release(&b);
		}
	assert_int_equal(content_cache_write(&c, f->again, KEY, strlen(KEY)), 0);
	size_t n1, n2;
	char *b1 = slurp(f->path, &n1), *b2 = slurp(f->again, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(b1, b2, n1);
	free(b1);
	free(b2);
	catalog_free(&c);
}

static void test_other_key(void **state)
{
	struct fx *f = *state;
	assert_int_equal(content_cache_write(&f->c, f->path, KEY, strlen(KEY)), 0);
	struct catalog c;
	catalog_init(&c);
	assert_int_equal(content_cache_read(&c, f->path, "a kez", 5), -1);
	assert_int_equal(c.n_ex + c.n_rt + c.n_q, 0);
	assert_int_equal(content_cache_read(&c, f->path, KEY "!", strlen(KEY) + 1), -1);
	assert_int_equal(content_cache_read(&c, f->again, KEY, strlen(KEY)), -1); /* none there */
	assert_int_equal(c.n_ex + c.n_rt + c.n_q, 0);
}

static void test_damaged(void **state)
{
	struct fx *f = *state;
	assert_int_equal(content_cache_write(&f->c, f->path, KEY, strlen(KEY)), 0);
	size_t n;
	char *whole = slurp(f->path, &n);
	/* cut short anywhere: never read */
	for (size_t len = 0; len < n; len += len < 200 ? 1 : 397) {
		spit(f->again, whole, len);
		struct catalog c;
		catalog_init(&c);
		assert_int_equal(content_cache_read(&c, f->again, KEY, strlen(KEY)), -1);
		assert_int_equal(c.n_ex + c.n_rt + c.n_q + c.n_files, 0);
	}
	/* bytes changed: read whole (a string's letter) or refused, never out of bounds
	 * (the sanitizers watch) */
	char *bad = malloc(n);
	srand(7);
	for (int round = 0; round < 400; round++) {
		memcpy(bad, whole, n);
		for (int k = 0; k < 3; k++)
			bad[(size_t)rand() % n] ^= (char)(1 + rand() % 255);
		spit(f->again, bad, n);
		struct catalog c;
		catalog_init(&c);
		if (content_cache_read(&c, f->again, KEY, strlen(KEY)) == 0) {
			for (size_t i = 0; i < c.n_ex; i++)
				assert_true((int)c.ex[i].category >= 0 && c.ex[i].category < CAT__COUNT);
			catalog_free(&c);
		} else {
			assert_int_equal(c.n_ex + c.n_rt + c.n_q + c.n_files, 0);
		}
	}
	free(bad);
	free(whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
