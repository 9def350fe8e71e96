/* appointment.c: the kinds and areas of a trainer's appointment, names to values and
 * back (appointment.h). */
#include "core/appointment.h"
#include "core/strbuf.h"
#include <stdio.h>
#include <string.h>

const char *const appt_kind_names[APPT__KINDS + 1] = { "massage", "training", NULL };
const char *const appt_area_names[AREA__COUNT + 1] = { "chest", "ribs", "hips", "upper-back", "neck", NULL };
const char *const appt_area_labels[AREA__COUNT + 1] = { "chest", "ribs", "hips", "upper back", "neck", NULL };

int appt_kind_of(const char *name)
{
	for (int k = 0; name && k < APPT__KINDS; k++)
		if (!strcmp(name, appt_kind_names[k]))
			return k;
	return -1;
}

unsigned appt_areas_parse(const char *text, const char **bad, size_t *bad_len)
{
	unsigned set = 0;
	*bad = NULL;
	*bad_len = 0;
	for (const char *p = text ? text : ""; *p;) {
		p += strspn(p, ", ");
		size_t n = strcspn(p, ", ");
		if (!n)
			break;
		int hit = -1;
		for (int a = 0; a < AREA__COUNT; a++)
			if (strlen(appt_area_names[a]) == n && !strncmp(p, appt_area_names[a], n))
				hit = a;
		if (hit < 0 || (set & (1u << hit))) {
			*bad = p;
			*bad_len = n;
			return 0;
		}
		set |= 1u << hit;
		p += n;
	}
	return set;
}

void appt_areas_format(unsigned set, char out[APPT_AREAS_TEXT_MAX])
{
	size_t n = 0;
	out[0] = '\0';
	for (int a = 0; a < AREA__COUNT; a++)
		if (set & (1u << a))
			n += (size_t)snprintf(out + n, APPT_AREAS_TEXT_MAX - n, "%s%s", n ? "," : "", appt_area_names[a]);
}

bool appt_areas_valid(const char *text)
{
	const char *bad;
	size_t len;
	char again[APPT_AREAS_TEXT_MAX];
	if (!text || strlen(text) >= APPT_AREAS_TEXT_MAX)
		return false;
	unsigned set = appt_areas_parse(text, &bad, &len);
	if (bad)
		return false;
	appt_areas_format(set, again);
	return !strcmp(again, text);
}

void appt_areas_words(const char *text, struct strbuf *out)
{
	const char *bad;
	size_t len;
	unsigned set = appt_areas_parse(text, &bad, &len);
	int n = 0, total = 0;
	for (int a = 0; a < AREA__COUNT; a++)
		total += (set >> a) & 1u;
	if (!set) {
		strbuf_addstr(out, "no area named");
		return;
	}
	for (int a = 0; a < AREA__COUNT; a++) {
		if (!(set & (1u << a)))
			continue;
		n++;
		strbuf_addf(out, "%s%s", n == 1 ? "" : n == total ? " and " : ", ", appt_area_labels[a]);
	}
}
