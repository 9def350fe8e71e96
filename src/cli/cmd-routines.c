/* cmd-routines.c: `unhunch routines`: list routines with module and how long a
 * hands-free run takes at your current doses (the content's before any session), in
 * minutes and seconds like the player's clock (run_time_describe()). */
#include "cli.h"
#include "app/routines.h"
#include "core/session.h"
#include "core/strbuf.h"
#include "core/mem.h"
#include <stdlib.h>
#include "format/content-json.h"
#include <unistd.h>
#include <string.h>

int cmd_routines(int argc, char **argv)
{
	const struct command *self = command_find("routines");
	bool json = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else
			return usage_error(self, "unexpected argument '%s'", argv[i]);
	}
	struct catalog c;
	catalog_init(&c);
	content_load_all(&c);
	struct store *st = NULL;
	struct strbuf err = STRBUF_INIT;
	char *path = store_path();
	if ((!store_named() && access(path, F_OK)) || store_open_readonly(&st, path, &err))
		st = NULL; /* no records yet, or unreadable: the content's doses */
	free(path);
	strbuf_release(&err);
	struct app_ctx app = { st, &c, cli_clock.now_ms, cli_clock.tz };
	struct app_routine_time *rt = xcalloc(c.n_rt + 1, sizeof(*rt));
	size_t n = app_routines(&app, rt);
	if (json) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *o = routine_json(&c, rt[i].routine);
			json_object_set_new(o, "estimate_s", json_integer(rt[i].run_s));
			json_array_append_new(a, o);
		}
		json_print(a);
	} else if (!n) {
		printf("No routines found. Content is read from %s.\n", datadir_system());
	} else {
		printf("%-28s %-14s %7s  %s\n", "ID", "MODULE", "TIME", "NAME");
		struct strbuf t = STRBUF_INIT;
		for (size_t i = 0; i < n; i++) {
			const struct routine *r = rt[i].routine;
			strbuf_reset(&t);
			run_time_describe(rt[i].run_s, &t);
			printf("%-28s %-14s %7s  %s%s\n", r->id, module_names[r->module], t.buf, r->name,
			       r->overrides ? " (your version)" : "");
		}
		strbuf_release(&t);
		printf("\nRun 'unhunch show ID' to see one in full.\n");
	}
	free(rt);
	store_close(st);
	catalog_free(&c);
	return EXIT_OK;
}
