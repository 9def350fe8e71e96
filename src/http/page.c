/* page.c: what every page's layout needs (title, navigation, where the static files
 * are, the CSRF token for forms, and in clinic mode who is logged in), in one place. */
#include "http/handler.h"
#include "store/store.h"
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
	const struct server *s = rq->srv;
	bool anonymous = s->clinic && !rq->person; /* the login page: no navigation */
	if (s->clinic && rq->person && rq->role == ROLE_TRAINER) /* the trainer's dashboard first */
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:b}", "key", "clinic", "label", "Clients",
						       "href", "/clinic", "current", key && !strcmp(key, "clinic")));
	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]) && !anonymous; i++)
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:b}", "key", nav[i].key, "label",
						       nav[i].label, "href", nav[i].href, "current",
						       key && !strcmp(key, nav[i].key)));
	/* a trainer's invitations, with the forms for each client (routes-trainer.c) */
	if (s->clinic && rq->person && rq->role == ROLE_TRAINER && !anonymous)
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:b}", "key", "invite", "label", "Invite",
						       "href", "/clinic/invite", "current", key && !strcmp(key, "invite")));
	/* an admin's page of the clinic's accounts (routes-admin.c) */
	if (s->clinic && rq->person && rq->role == ROLE_ADMIN && !anonymous)
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:b}", "key", "admin", "label", "The clinic",
						       "href", "/clinic/admin", "current", key && !strcmp(key, "admin")));
	json_t *site = json_pack("{s:s, s:s, s:s}", "static", s->static_prefix, "csrf", rq->csrf, "version",
				 s->version ? s->version : "");
	if (s->clinic && rq->person) /* who is logged in, and the button that logs out */
		json_object_set_new(site, "person", json_string(rq->person_name ? rq->person_name : ""));
	return json_pack("{s:s, s:o, s:o}", "title", title, "nav", items, "site", site);
}

/* The commands a note, a reason or a refusal may name, and the page that does the same;
 * at the same place, the first that matches (the longer command before the shorter).
 * With arg, the exercise the command names after it goes with it (the Plan page has a
 * button by each exercise). */
static const struct {
	const char *command, *words, *href;
	bool arg;
} pages_of[] = {
	{ "'unhunch assess'", "the assessment", "/assessment", false },
	{ "unhunch assess", "the assessment", "/assessment", false },
	{ "unhunch screen --clearance", "on the Safety page", "/screening#clearance", false },
	{ "'unhunch screen'", "the Safety page", "/screening", false },
	{ "unhunch screen", "the Safety page", "/screening", false },
	{ "unhunch plan --resume", "its button on the Plan page", "/plan#doses-h", true },
	{ "unhunch plan --back", "its button on the Plan page", "/plan#doses-h", true },
};

json_t *page_text_links(const char *text)
{
	json_t *parts = json_array();
	const char *p = text ? text : "";
	while (*p) {
		const char *at = NULL;
		size_t which = 0;
		for (size_t i = 0; i < sizeof(pages_of) / sizeof(pages_of[0]); i++) {
			const char *f = strstr(p, pages_of[i].command);
			if (f && (!at || f < at)) {
				at = f;
				which = i;
			}
		}
		size_t plain = at ? (size_t)(at - p) : strlen(p);
		if (plain)
			json_array_append_new(parts, json_pack("{s:s%, s:b}", "text", p, plain, "link", false));
		if (!at)
			break;
		json_array_append_new(parts, json_pack("{s:s, s:b, s:s}", "text", pages_of[which].words, "link", true,
						       "href", pages_of[which].href));
		p = at + strlen(pages_of[which].command);
		if (pages_of[which].arg && *p == ' ')
			p += 1 + strspn(p + 1, "abcdefghijklmnopqrstuvwxyz0123456789-");
	}
	return parts;
}
