/* cnum.c: printf and strtod in the C locale for this thread (cnum.h). The one place
 * that switches the locale for numbers; in WebAssembly (the web player's engine) there
 * is no other locale than C, so the plain functions are used. */
#include "core/cnum.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#ifndef __wasi__
#include <locale.h>
#include <pthread.h>

typedef locale_t saved_t;
static locale_t c_loc;

static void make_c_locale(void)
{
	c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* Switch this thread to the C locale (made once for the process, whichever thread
 * asks first); returns the locale to go back to. */
static saved_t enter(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, make_c_locale);
	return c_loc ? uselocale(c_loc) : (locale_t)0;
}

static void leave(saved_t old)
{
	if (c_loc)
		uselocale(old);
}
#else
typedef int saved_t;
static saved_t enter(void)
{
	return 0;
}
static void leave(saved_t old)
{
	(void)old;
}
#endif

void cnum_addf(struct strbuf *sb, const char *fmt, ...)
{
	saved_t old = enter();
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	leave(old);
}

int cnum_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	saved_t old = enter();
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	leave(old);
	return r;
}

double cnum_strtod(const char *s, char **end)
{
	saved_t old = enter();
	double v = strtod(s, end);
	leave(old);
	return v;
}
