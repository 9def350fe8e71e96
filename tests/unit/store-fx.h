/* store-fx.h: a cmocka fixture for store tests: a fresh store in a temporary folder,
 * removed afterwards. */
#ifndef UNHUNCH_TEST_STORE_FX_H
#define UNHUNCH_TEST_STORE_FX_H
#include "core/mem.h"
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>

struct fx {
	char dir[64];
	char db[128];
	struct store *s;
	struct strbuf err;
};

static inline int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/unhunch-store-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/unhunch.db", f->dir);
	strbuf_init(&f->err);
	if (store_open(&f->s, f->db, &f->err))
		return -1;
	*state = f;
	return 0;
}

static inline int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->s);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	strbuf_release(&f->err);
	free(f);
	return 0;
}

#endif
