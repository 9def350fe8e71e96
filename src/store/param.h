/* param.h: what every backend of the store shares to run a statement: bound
 * parameters (SQL is never built from user text) and rows collected by a query. */
#ifndef UNHUNCH_STORE_PARAM_H
#define UNHUNCH_STORE_PARAM_H
#include <stddef.h>
#include <stdint.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct param {
	enum { P_INT, P_TEXT, P_NULL, P_REAL } kind;
	int64_t i;
	const char *s;
	double d;
};
#define PINT(v) ((struct param){ P_INT, (v), NULL, 0 })
#define PTEXT(v) ((struct param){ P_TEXT, 0, (v), 0 })
#define PNULL ((struct param){ P_NULL, 0, NULL, 0 })
#define PREAL(v) ((struct param){ P_REAL, 0, NULL, (v) })
#define PERSON(s) PINT((s)->person) /* the handle's person, bound to every statement */

/* Rows collected by a query callback. */
struct rows {
	void *v;
	size_t n, alloc;
};

#endif
