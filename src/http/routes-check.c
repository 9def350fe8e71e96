/* routes-check.c: checking a content file of one's own in the browser, as `unhunch
 * validate` does on the command line: every problem with its line and column, with
 * references resolved against the content already installed and in one's own folder.
 * Nothing is saved. */
#include "http/handler.h"
#include "content/check.h"
#include "content/load.h"
#include <string.h>

static bool name_ok(const char *s)
{
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == strlen(s);
}

/* The result for the checked input, or NULL with the answer given. */
static json_t *check(struct req *rq)
{
	json_t *jn = json_object_get(rq->input, "name"), *jt = json_object_get(rq->input, "text");
	const char *name = jn ? json_string_value(jn) : "yours.yaml";
	if (!name_ok(name)) {
		reply_error(rq, 400, "bad_value", "name", "name: only letters, digits, dots, dashes and underscores");
		return NULL;
	}
	struct catalog given;
	struct diags d;
	catalog_init(&given);
	diags_init(&d);
	content_parse(&given, name, json_string_value(jt), json_string_length(jt), &d);
	json_t *found = json_pack("{s:i, s:i, s:i}", "exercises", (int)given.n_ex, "routines", (int)given.n_rt,
				  "questions", (int)given.n_q);
	content_check_given(&given, rq->srv->content_dirs, rq->srv->n_content_dirs, &d);
	json_t *problems = json_array();
	for (size_t i = 0; i < d.n; i++)
		json_array_append_new(problems, json_pack("{s:i, s:i, s:s}", "line", d.v[i].line, "column",
							  d.v[i].col, "message", d.v[i].msg));
	json_t *o = json_pack("{s:s, s:b, s:o, s:o}", "name", name, "valid", d.n == 0, "found", found, "problems",
			      problems);
	diags_release(&d);
	return o;
}

void api_content_check(struct req *rq)
{
	json_t *o = check(rq);
	if (o)
		reply_json(rq, 200, o);
}

void page_check_form(struct req *rq)
{
	reply_page(rq, 200, "check", "library", "Check a content file", json_pack("{s:s}", "name", "yours.yaml"));
}

void page_check(struct req *rq)
{
	json_t *o = check(rq);
	if (!o)
		return;
	json_t *ctx = json_pack("{s:O, s:O, s:o}", "name", json_object_get(o, "name"), "text",
				json_object_get(rq->input, "text"), "result", o);
	reply_page(rq, 200, "check", "library", "Check a content file", ctx);
}
