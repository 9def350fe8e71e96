/* export.c: an export in the format asked for (export.h). */
#include "format/export.h"
#include "format/backup-json.h"
#include "format/export-checkins.h"
#include <stdlib.h>

int format_export(const struct app_export *e, enum app_export_format fmt, const struct tz *tz, struct strbuf *out,
		  struct strbuf *err)
{
	if (fmt == APP_EXPORT_CSV) {
		format_checkins_csv(e->checkins, e->n_checkins, tz, out);
		return 0;
	}
	if (fmt == APP_EXPORT_JSON)
		return format_backup_json(&e->backup, out, err);
	json_t *fhir = format_checkins_fhir(e->checkins, e->n_checkins, tz);
	char *s = json_dumps(fhir, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(fhir);
	if (!s) {
		strbuf_addstr(err, "cannot write the JSON: out of memory");
		return -1;
	}
	strbuf_addstr(out, s);
	strbuf_addch(out, '\n');
	free(s);
	return 0;
}
