/* cnum.c: printf in the C locale for this thread (cnum.h). */
#include "format/cnum.h"
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>

static locale_t c_loc;

static void make_c_locale(void)
{
	c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

void cnum_addf(struct strbuf *sb, const char *fmt, ...)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, make_c_locale);
	locale_t old = c_loc ? uselocale(c_loc) : (locale_t)0;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	if (c_loc)
		uselocale(old);
}
