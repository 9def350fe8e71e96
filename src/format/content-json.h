/* content-json.h: the content model as JSON (jansson), for --json output and the web API. */
#ifndef UNHUNCH_CONTENT_JSON_H
#define UNHUNCH_CONTENT_JSON_H
#include "core/content.h"
#include <jansson.h>

json_t *dose_json(const struct dose *d);
json_t *exercise_json(const struct exercise *e);
/* An exercise's pose data (core/pose.h), in the content file's terms (docs/api.md). */
struct picture;
json_t *picture_json(const struct picture *pic);
json_t *routine_json(const struct catalog *c, const struct routine *r);
/* What an exercise that needs a screen asks of the person first; NULL for none. */
const char *screen_note(enum screen s);
/* Print v to stdout, indented, and drop the reference. */
void json_print(json_t *v);

#endif
