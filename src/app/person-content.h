/* person-content.h: the content as one person's routines run: the catalog with the
 * steps their trainer added (prescriptions with a place, core/prescribe.h), so the plan,
 * its progression and both players run the same routine. Everything but the changed
 * routines' item arrays is shared with the catalog it is made from. */
#ifndef UNHUNCH_APP_PERSON_CONTENT_H
#define UNHUNCH_APP_PERSON_CONTENT_H
#include "core/content.h"
#include "core/strbuf.h"
#include "store/store.h"

/* base with the steps added for st's person into *out (oldest first; a step whose
 * exercise the content no longer has, or that the routine runs already, is left out).
 * -1 with err when the store fails (*out is then base as it is). */
int app_person_content(struct store *st, const struct catalog *base, struct catalog *out, struct strbuf *err);
/* The steps of rows (oldest first) added to base: the same, without a store. */
void app_person_content_of(const struct prescription_row *rows, size_t n, const struct catalog *base,
			   struct catalog *out);
/* Let go of what app_person_content made (nothing of base's). */
void app_person_content_release(struct catalog *out, const struct catalog *base);

#endif
