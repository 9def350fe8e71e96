/* sqlite-repair.c: migration 5's step. Text stored before unhunch checked its input
 * could hold bytes that are not UTF-8 (a note typed in a Latin-1 terminal); JSON cannot
 * carry them, so the backup would lose them. Every text value of every table is
 * checked, and bad bytes are read as Latin-1 (utf8_repair): no character is dropped. */
#include "store/sqlite-internal.h"
#include "core/mem.h"
#include "core/utf8.h"
#include <stdlib.h>
#include <string.h>

struct names {
	char **v;
	size_t n, alloc;
};

static int name_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct names *nm = ctx;
	GROW(nm->v, nm->n + 1, nm->alloc);
	nm->v[nm->n++] = sq_col_str(stmt, 0);
	return 0;
}

static void names_free(struct names *nm)
{
	for (size_t i = 0; i < nm->n; i++)
		free(nm->v[i]);
	free(nm->v);
}

struct bad_value {
	int64_t rowid;
	struct strbuf text; /* repaired */
};

struct bad_values {
	struct bad_value *v;
	size_t n, alloc;
};

static int value_row(struct sqlite_store *st, sqlite3_stmt *stmt, void *ctx, struct strbuf *err)
{
	(void)st;
	(void)err;
	struct bad_values *b = ctx;
	const char *bytes = (const char *)sqlite3_column_blob(stmt, 1);
	size_t n = (size_t)sqlite3_column_bytes(stmt, 1);
	if (!bytes || utf8_valid(bytes, n, NULL))
		return 0;
	GROW(b->v, b->n + 1, b->alloc);
	struct bad_value *x = &b->v[b->n++];
	x->rowid = sqlite3_column_int64(stmt, 0);
	strbuf_init(&x->text);
	utf8_repair(&x->text, bytes, n);
	return 0;
}

/* Write the repaired values of one column; a repaired value that now equals another
 * row's in a UNIQUE column gets " (2)", " (3)", ... rather than failing. */
static int fix_column(struct sqlite_store *st, const char *table, const char *col, struct strbuf *err)
{
	struct bad_values b = { 0 };
	char *sel = sqlite3_mprintf("SELECT rowid, \"%w\" FROM \"%w\" WHERE typeof(\"%w\") = 'text'", col, table, col);
	char *upd = sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = ? WHERE rowid = ?", table, col);
	int ret = sq_query(st, sel, NULL, 0, value_row, &b, "repair the text", err);
	for (size_t i = 0; i < b.n && !ret; i++) {
		struct strbuf v = STRBUF_INIT;
		strbuf_addstr(&v, b.v[i].text.buf);
		for (int k = 2;; k++) {
			struct param p[] = { PTEXT(v.buf), PINT(b.v[i].rowid) };
			sqlite3_stmt *stmt = sq_prepare(st, upd, p, COUNT(p), "repair the text", err);
			if (!stmt) {
				ret = -1;
				break;
			}
			int rc = sqlite3_step(stmt);
			sq_finish(st, stmt);
			if (rc == SQLITE_DONE)
				break;
			if (sqlite3_extended_errcode(st->db) != SQLITE_CONSTRAINT_UNIQUE || k > 100) {
				ret = sq_db_fail(st, "repair the text", err);
				break;
			}
			strbuf_reset(&v);
			strbuf_addf(&v, "%s (%d)", b.v[i].text.buf, k);
		}
		strbuf_release(&v);
	}
	for (size_t i = 0; i < b.n; i++)
		strbuf_release(&b.v[i].text);
	free(b.v);
	sqlite3_free(sel);
	sqlite3_free(upd);
	return ret;
}

int sqlite_repair_text(struct sqlite_store *st, struct strbuf *err)
{
	struct names tables = { 0 };
	int ret = sq_query(st, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
			       " ORDER BY name", NULL, 0, name_row, &tables, "repair the text", err);
	for (size_t t = 0; t < tables.n && !ret; t++) {
		struct names cols = { 0 };
		char *info = sqlite3_mprintf("SELECT name FROM pragma_table_info('%q')", tables.v[t]);
		ret = sq_query(st, info, NULL, 0, name_row, &cols, "repair the text", err);
		sqlite3_free(info);
		for (size_t c = 0; c < cols.n && !ret; c++)
			ret = fix_column(st, tables.v[t], cols.v[c], err);
		names_free(&cols);
	}
	names_free(&tables);
	return ret;
}
