/* appointment.h: what a trainer's appointment with a client is (issue 18): a massage or
 * a training session on a day, and the areas worked, a set of the five the method
 * names (chest, ribs, hips, upper back, neck). Pure: names to values and back. */
#ifndef UNHUNCH_CORE_APPOINTMENT_H
#define UNHUNCH_CORE_APPOINTMENT_H
#include <stdbool.h>
#include <stddef.h>

enum appt_kind { APPT_MASSAGE, APPT_TRAINING, APPT__KINDS };
extern const char *const appt_kind_names[APPT__KINDS + 1]; /* "massage", "training" */

enum appt_area { AREA_CHEST, AREA_RIBS, AREA_HIPS, AREA_UPPER_BACK, AREA_NECK, AREA__COUNT };
extern const char *const appt_area_names[AREA__COUNT + 1];  /* "chest", ..., "upper-back", "neck" */
extern const char *const appt_area_labels[AREA__COUNT + 1]; /* "chest", ..., "upper back", "neck" */

#define APPT_NOTE_MAX 1000      /* bytes of a note */
#define APPT_AREAS_TEXT_MAX 48  /* "chest,ribs,hips,upper-back,neck" and its NUL fit */

/* The kind of a name, or -1. */
int appt_kind_of(const char *name);
/* A set of areas (bit 1 << area) from "chest,upper-back" (commas or spaces between).
 * 0 with *bad pointing at the first word that is not an area or that repeats one (its
 * length in *bad_len); an empty text is the empty set (*bad NULL). */
unsigned appt_areas_parse(const char *text, const char **bad, size_t *bad_len);
/* The set as text in the fixed order, comma-separated ("" for none). */
void appt_areas_format(unsigned set, char out[APPT_AREAS_TEXT_MAX]);
/* The areas of text in words: "chest, ribs and upper back" ("no area named" for
 * none), added to out. */
struct strbuf;
void appt_areas_words(const char *text, struct strbuf *out);
/* Whether text is a set's canonical text (as appt_areas_format writes it). */
bool appt_areas_valid(const char *text);

#endif
