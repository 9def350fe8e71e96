/* number.h: numbers typed by people, read the same whatever the locale: digits with at
 * most one decimal separator, a point or a comma ("7.5", "7,5", "8"). Nothing else is
 * a number here: no sign, exponent, hex ("0x5"), "inf" or "nan". */
#ifndef UNHUNCH_NUMBER_H
#define UNHUNCH_NUMBER_H
#include <stdbool.h>

/* Parse s (blanks around it allowed) into *out, correctly rounded; false when it is
 * not a number as above or has more than 15 digits. */
bool number_parse(const char *s, double *out);

#endif
