/* export-checkins.c: the check-ins for other programs: one CSV table for spreadsheets,
 * and FHIR R4 Observations for a clinic's system (codes from research/clinical.md §4:
 * LOINC 72514-3 for 0-10 pain, SNOMED CT body sites where a code is confirmed, plain
 * text otherwise; values as valueQuantity in UCUM {score}, category survey). */
#include "format/export-checkins.h"
#include "format/json-stream.h"
#include "core/cnum.h"
#include "core/stats.h"
#include <stdio.h>
#include <string.h>

/* ---- CSV ---- */

static void csv_field(struct strbuf *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addch(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(out, '"');
		strbuf_addch(out, *s);
	}
	strbuf_addch(out, '"');
}

static void csv_score(struct strbuf *out, int v)
{
	strbuf_addch(out, ',');
	if (v != CHECKIN_NONE)
		strbuf_addf(out, "%d", v);
}

void format_checkins_csv(const struct checkin *rows, size_t n, const struct tz *tz, struct strbuf *out)
{
	strbuf_addstr(out, "date,time,pain");
	for (int r = 0; r < REG__COUNT; r++)
		strbuf_addf(out, ",%s", region_names[r]);
	strbuf_addstr(out, ",headache,stiffness,stress,sleep,desk_hours,massage,note\r\n");
	for (size_t i = 0; i < n; i++) {
		const struct checkin *c = &rows[i];
		int sod = tz_seconds_of_day(tz, c->at_ms);
		strbuf_addf(out, "%s,%02d:%02d", c->date, sod / 3600, sod / 60 % 60);
		csv_score(out, c->pain);
		for (int r = 0; r < REG__COUNT; r++)
			csv_score(out, c->region[r]);
		csv_score(out, c->headache);
		csv_score(out, c->stiffness);
		csv_score(out, c->stress);
		csv_score(out, c->sleep);
		strbuf_addch(out, ',');
		if (c->desk_hours != CHECKIN_NONE)
			cnum_addf(out, "%g", c->desk_hours);
		strbuf_addf(out, ",%s,", c->massage == CHECKIN_NONE ? "" : c->massage ? "yes" : "no");
		if (c->note)
			csv_field(out, c->note);
		strbuf_addstr(out, "\r\n");
	}
}

/* ---- FHIR R4 ---- */

#define LOINC "http://loinc.org"
#define SNOMED "http://snomed.info/sct"
#define UCUM "http://unitsofmeasure.org"
#define PAIN_LOINC "72514-3"
#define PAIN_DISPLAY "Pain severity - 0-10 verbal numeric rating [Score] - Reported"

/* Body sites: SNOMED CT where clinical.md §4a confirms a code; no confirmed concept
 * exists for "between the shoulder blades" or the chest, so those are text only.
 * R4 has no laterality in bodySite: the text says which shoulder. */
static const struct {
	const char *code, *display; /* NULL: text only */
	const char *site;           /* bodySite.text */
	const char *where;          /* for code.text: "Pain WHERE on the day (0-10)" */
} sites[REG__COUNT] = {
	{ "45048000", "Neck structure", "Neck", "in the neck" },
	{ NULL, NULL, "Between the shoulder blades", "between the shoulder blades" },
	{ "77568009", "Structure of back of trunk", "Upper back", "in the upper back" },
	{ "16982005", "Shoulder region structure", "Left shoulder", "in the left shoulder" },
	{ "16982005", "Shoulder region structure", "Right shoulder", "in the right shoulder" },
	{ NULL, NULL, "Chest", "in the chest" },
};

/* When the check-in was made, when it was made on its own day (with the UTC offset
 * FHIR requires with a time); otherwise (a diary entered later) only its date. */
static void effective(const struct checkin *c, const struct tz *tz, char *out, size_t size)
{
	char date[11];
	day_format(tz_day_of_ms(tz, c->at_ms), date);
	if (strncmp(date, c->date, 10)) {
		snprintf(out, size, "%s", c->date);
		return;
	}
	int sod = tz_seconds_of_day(tz, c->at_ms);
	int64_t s = c->at_ms / 1000 - (c->at_ms % 1000 < 0);
	int off = tz->offset_s(tz, s), a = off < 0 ? -off : off;
	snprintf(out, size, "%sT%02d:%02d:%02d%c%02d:%02d", date, sod / 3600, sod / 60 % 60, sod % 60, off < 0 ? '-' : '+',
		 a / 3600, a / 60 % 60);
}

static json_t *observation(json_t *code, const char *when, const char *value_key, json_t *value)
{
	json_t *o = json_pack("{s:s, s:s, s:[{s:[{s:s, s:s, s:s}]}], s:o, s:s}", "resourceType", "Observation",
			      "status", "final", "category", "coding", "system",
			      "http://terminology.hl7.org/CodeSystem/observation-category", "code", "survey", "display",
			      "Survey", "code", code, "effectiveDateTime", when);
	json_object_set_new(o, value_key, value);
	return o;
}

static json_t *score(int v)
{
	return json_pack("{s:i, s:s, s:s, s:s}", "value", v, "unit", "{score}", "system", UCUM, "code", "{score}");
}

static json_t *pain_code(const char *text)
{
	return json_pack("{s:[{s:s, s:s, s:s}], s:s}", "coding", "system", LOINC, "code", PAIN_LOINC, "display",
			 PAIN_DISPLAY, "text", text);
}

static void add(json_t *entries, json_t *resource)
{
	json_array_append_new(entries, json_pack("{s:o}", "resource", resource));
}

static void checkin_observations(const struct checkin *c, const struct tz *tz, json_t *entries)
{
	char when[40];
	effective(c, tz, when, sizeof(when));
	if (c->pain != CHECKIN_NONE)
		add(entries, observation(pain_code("Pain overall on the day (0-10)"), when, "valueQuantity", score(c->pain)));
	for (int r = 0; r < REG__COUNT; r++) {
		if (c->region[r] == CHECKIN_NONE)
			continue;
		struct strbuf text = STRBUF_INIT;
		strbuf_addf(&text, "Pain %s on the day (0-10)", sites[r].where);
		json_t *o = observation(pain_code(text.buf), when, "valueQuantity", score(c->region[r]));
		json_t *site = sites[r].code ? json_pack("{s:[{s:s, s:s, s:s}], s:s}", "coding", "system", SNOMED, "code",
							 sites[r].code, "display", sites[r].display, "text", sites[r].site)
					     : json_pack("{s:s}", "text", sites[r].site);
		json_object_set_new(o, "bodySite", site);
		add(entries, o);
		strbuf_release(&text);
	}
	/* No LOINC code is confirmed for these (clinical.md §4a): code.text only. */
	static const char *const texts[] = { "Headache on the day (0-10)", "Stiffness on the day (0-10)",
					     "Stress on the day (0-10)",
					     "Sleep quality the night before, 0 (awful) to 10 (great)" };
	const int values[] = { c->headache, c->stiffness, c->stress, c->sleep };
	for (int k = 0; k < 4; k++)
		if (values[k] != CHECKIN_NONE)
			add(entries, observation(json_pack("{s:s}", "text", texts[k]), when, "valueQuantity", score(values[k])));
	if (c->desk_hours != CHECKIN_NONE)
		add(entries, observation(json_pack("{s:s}", "text", "Hours at a desk on the day"), when, "valueQuantity",
					 json_pack("{s:f, s:s, s:s, s:s}", "value", c->desk_hours, "unit", "h", "system",
						   UCUM, "code", "h")));
	if (c->massage != CHECKIN_NONE)
		add(entries, observation(json_pack("{s:s}", "text", "Professional massage on the day"), when,
					 "valueBoolean", json_boolean(c->massage)));
}

json_t *format_checkins_fhir(const struct checkin *rows, size_t n, const struct tz *tz)
{
	json_t *entries = json_array(), *out;
	for (size_t i = 0; i < n; i++)
		checkin_observations(&rows[i], tz, entries);
	out = json_pack("{s:s, s:s}", "resourceType", "Bundle", "type", "collection");
	if (json_array_size(entries)) /* FHIR JSON has no empty arrays */
		json_object_set_new(out, "entry", entries);
	else
		json_decref(entries);
	return out;
}

/* The entries of the bundle one at a time: the observations of one check-in at a time. */
struct fhir_iter {
	const struct checkin *rows;
	size_t n, i, k;
	const struct tz *tz;
	json_t *batch;
};

static int fhir_next(void *arg, json_t **out, struct strbuf *err)
{
	(void)err;
	struct fhir_iter *it = arg;
	while (!it->batch || it->k == json_array_size(it->batch)) {
		json_decref(it->batch);
		it->batch = NULL;
		if (it->i == it->n)
			return 0;
		it->batch = json_array();
		it->k = 0;
		checkin_observations(&it->rows[it->i++], it->tz, it->batch);
	}
	*out = json_incref(json_array_get(it->batch, it->k++));
	return 1;
}

int format_checkins_fhir_stream(const struct checkin *rows, size_t n, const struct tz *tz, size_t flags,
				struct outfile_sink *s, struct strbuf *err)
{
	json_t *doc = json_pack("{s:s, s:s}", "resourceType", "Bundle", "type", "collection");
	struct fhir_iter it = { rows, n, 0, 0, tz, NULL };
	json_t *first = NULL;
	if (fhir_next(&it, &first, err) > 0) { /* FHIR JSON has no empty arrays: no entry, no key */
		json_decref(first);
		json_decref(it.batch);
		it = (struct fhir_iter){ rows, n, 0, 0, tz, NULL };
		json_object_set_new(doc, "entry", json_stream_mark(0));
	}
	struct json_stream_list list = { fhir_next, &it };
	int rc = json_stream_write(doc, flags, &list, 1, s, err);
	json_decref(it.batch);
	json_decref(doc);
	return rc;
}
