/* page.c: what every page's layout needs (title, navigation, where the static files
 * are, the CSRF token for forms), in one place. */
#include "http/handler.h"
#include <string.h>

/* The navigation, in the order it is shown. */
static const struct {
	const char *key, *label, *href;
} nav[] = {
	{ "today", "Today", "/" },
	{ "checkin", "Check-in", "/checkin" },
	{ "progress", "Progress", "/progress" },
	{ "plan", "Plan", "/plan" },
	{ "assessment", "Assessment", "/assessment" },
	{ "screening", "Safety", "/screening" },
	{ "library", "Library", "/library" },
	{ "history", "History", "/history" },
	{ "breaks", "Breaks", "/breaks" },
	{ "data", "Your data", "/data" },
};

json_t *page_base(const struct req *rq, const char *key, const char *title)
{
	json_t *items = json_array();
	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++)
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:b}", "key", nav[i].key, "label",
						       nav[i].label, "href", nav[i].href, "current",
						       key && !strcmp(key, nav[i].key)));
	const struct server *s = rq->srv;
	return json_pack("{s:s, s:o, s:{s:s, s:s, s:s}}", "title", title, "nav", items, "site", "static",
			 s->static_prefix, "csrf", s->csrf, "version", s->version ? s->version : "");
}
