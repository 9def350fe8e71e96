/* param.h: what every backend of the store shares to run a statement: bound
 * parameters (SQL is never built from user text) and rows collected by a query. */
#ifndef UNHUNCH_STORE_PARAM_H
#define UNHUNCH_STORE_PARAM_H
#include <stddef.h>
#include <stdint.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct param {
	enum { P_INT, P_TEXT, P_NULL, P_REAL, P_PERSON } kind;
	int64_t i;
	const char *s;
	double d;
};
#define PINT(v) ((struct param){ P_INT, (v), NULL, 0 })
#define PTEXT(v) ((struct param){ P_TEXT, 0, (v), 0 })
#define PNULL ((struct param){ P_NULL, 0, NULL, 0 })
#define PREAL(v) ((struct param){ P_REAL, 0, NULL, (v) })
/* The handle's person, bound to every statement of a person's records. Both backends
 * refuse to run a statement whose person is no one (STORE_NO_ONE, the server's
 * database-wide handle): that handle has no records to read or write. */
#define PERSON(s) ((struct param){ P_PERSON, (s)->person, NULL, 0 })

/* Rows collected by a query callback. */
struct rows {
	void *v;
	size_t n, alloc;
};

#endif
