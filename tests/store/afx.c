/* afx.c: the clinic tests' store fixture (afx.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "afx.h"
#include "core/mem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int afx_setup(void **state)
{
	static unsigned run;
	struct afx *f = xcalloc(1, sizeof(*f));
	strbuf_init(&f->err);
	const char *v = getenv("UNHUNCH_TEST_STORE");
	f->shared = v && *v && strcmp(v, "sqlite");
	if (f->shared) {
		f->location = xstrdup(v);
	} else {
		snprintf(f->dir, sizeof(f->dir), "/tmp/unhunch-afx-XXXXXX");
		if (!mkdtemp(f->dir))
			return -1;
		size_t n = strlen(f->dir) + 32;
		f->location = xmalloc(n);
		snprintf(f->location, n, "sqlite:%s/store.db", f->dir);
	}
	snprintf(f->tag, sizeof(f->tag), "%lx%x%u", (unsigned long)time(NULL), (unsigned)getpid(), ++run);
	if (store_db_open(&f->db, f->location, 0, &f->err) || store_bind(&f->s, f->db, STORE_LOCAL_PERSON, &f->err))
		fail_msg("open %s: %s", f->location, strbuf_str(&f->err));
	*state = f;
	return 0;
}

int afx_teardown(void **state)
{
	struct afx *f = *state;
	store_close(f->s);
	store_db_close(f->db);
	if (*f->dir) {
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
		if (system(cmd) != 0)
			return -1;
	}
	free(f->location);
	strbuf_release(&f->err);
	free(f);
	return 0;
}

char *afx_login(struct afx *f, const char *what)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%s-%s", what, f->tag);
	return xstrdup(buf);
}

char *afx_hash(struct afx *f)
{
	char buf[96];
	int n = snprintf(buf, sizeof(buf), "%032x", ++f->serial);
	for (const char *t = f->tag; *t && n < 90; t++)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "%02x", (unsigned char)*t);
	return xstrdup(buf);
}

struct account_row afx_account(char *login, enum account_role role, const char *name)
{
	return (struct account_row){ 0, role, login, (char *)name, (char *)AFX_HASH, 1000, 0 };
}

int64_t afx_add_trainer(struct afx *f, const char *what)
{
	char *login = afx_login(f, what);
	struct account_row t = afx_account(login, ROLE_TRAINER, "Tess Trainer");
	OK(f->s->ops->account_add(f->s, &t, 0, &f->err));
	assert_true(t.id > STORE_LOCAL_PERSON);
	free(login);
	return t.id;
}
