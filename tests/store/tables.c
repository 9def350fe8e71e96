/* tables.c: the store conformance suite's check that the one list of a person's tables
 * (store/person-tables.h), which forgetting and deleting an account read, names every
 * table of the schema with a person_id column and no table that is not there: a new
 * table of person rows left out of it fails here, on the backend UNHUNCH_TEST_STORE
 * names. Run by conformance.c's main (tables_conformance()). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "accounts.h"
#include "afx.h"
#include "store/person-tables.h"
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool listed(const char *table)
{
	for (size_t i = 0; i < STORE_PERSON_TABLES; i++)
		if (!strcmp(store_person_tables[i], table))
			return true;
	return false;
}

/* The schema's tables with a person_id column, one a line, into out. */
static void schema_tables(struct afx *f, struct strbuf *out)
{
	if (f->shared) {
		PGconn *c = PQconnectdb(f->location);
		assert_int_equal(PQstatus(c), CONNECTION_OK);
		PGresult *r = PQexec(c, "SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
					" AND a.attname = 'person_id' AND NOT a.attisdropped"
					" WHERE c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace"
					" ORDER BY 1");
		assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
		for (int i = 0; i < PQntuples(r); i++)
			strbuf_addf(out, "%s\n", PQgetvalue(r, i, 0));
		PQclear(r);
		PQfinish(c);
		return;
	}
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->location + strlen("sqlite:"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p"
						" WHERE m.type = 'table' AND p.name = 'person_id' ORDER BY 1",
					    -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		strbuf_addf(out, "%s\n", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void test_person_tables(void **state)
{
	struct afx *f = *state;
	struct strbuf found = STRBUF_INIT, missing = STRBUF_INIT;
	schema_tables(f, &found);
	size_t n = 0;
	for (char *line = found.buf; line && *line; n++) {
		char *end = strchr(line, '\n');
		*end = '\0';
		if (!listed(line))
			strbuf_addf(&missing, " %s", line);
		line = end + 1;
	}
	if (missing.len)
		fail_msg("tables of person rows that store_person_tables does not name:%s", missing.buf);
	/* and every table it names is one of them: none misspelt, none gone */
	assert_int_equal(n, STORE_PERSON_TABLES);
	assert_string_equal(store_person_tables[STORE_RECORD_TABLES], "session_lock");
	strbuf_release(&found);
	strbuf_release(&missing);
}

int tables_conformance(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_person_tables, afx_setup, afx_teardown),
	};
	return cmocka_run_group_tests_name("store_person_tables", tests, NULL, NULL);
}
