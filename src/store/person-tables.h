/* person-tables.h: the one list of the tables that hold a person's records, which
 * every backend reads to forget a person (forget_all), delete an account whole
 * (account_delete) and find whether a store is empty (a batch into an empty store):
 * a new table of person rows is added here once, for all of them. */
#ifndef UNHUNCH_STORE_PERSON_TABLES_H
#define UNHUNCH_STORE_PERSON_TABLES_H
#include <stddef.h>

/* Children before parents (a row is deleted before the row it points to). The first
 * STORE_RECORD_TABLES are the person's records; the last, session_lock, is who has the
 * person's session open now: deleting an account takes it too, forgetting the records
 * (which may run while a session holds it) leaves it. */
#define STORE_RECORD_TABLES 21
#define STORE_PERSON_TABLES (STORE_RECORD_TABLES + 1)
extern const char *const store_person_tables[];
#endif
