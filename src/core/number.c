/* number.c: locale-independent decimal numbers (see number.h). */
#include "number.h"

#define MAX_DIGITS 15 /* every integer below 10^15 is exact in a double */

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

bool number_parse(const char *s, double *out)
{
	double mant = 0, scale = 1;
	int digits = 0;
	bool sep = false, frac_digit = false, int_digit = false;
	while (blank(*s))
		s++;
	for (; *s && !blank(*s); s++) {
		if (*s >= '0' && *s <= '9') {
			if (++digits > MAX_DIGITS)
				return false;
			mant = mant * 10 + (*s - '0');
			if (sep) {
				scale *= 10;
				frac_digit = true;
			} else {
				int_digit = true;
			}
		} else if ((*s == '.' || *s == ',') && !sep) {
			sep = true;
		} else {
			return false;
		}
	}
	while (blank(*s))
		s++;
	if (*s || !int_digit || (sep && !frac_digit))
		return false;
	*out = mant / scale; /* both exact, so the quotient is correctly rounded */
	return true;
}
