/* cmd-routines.c: `unhunch routines`: list routines with module and estimated duration. */
#include "cli.h"
#include "format/content-json.h"
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
	if (json) {
		json_t *a = json_array();
		for (int m = 0; m < MOD__COUNT; m++)
			for (size_t i = 0; i < c.n_rt; i++)
				if ((int)c.rt[i].module == m)
					json_array_append_new(a, routine_json(&c, &c.rt[i]));
		json_print(a);
	} else if (!c.n_rt) {
		printf("No routines found. Content is read from %s.\n", datadir_system());
	} else {
		printf("%-28s %-14s %6s  %s\n", "ID", "MODULE", "TIME", "NAME");
		for (int m = 0; m < MOD__COUNT; m++)
			for (size_t i = 0; i < c.n_rt; i++) {
				const struct routine *r = &c.rt[i];
				if ((int)r->module != m)
					continue;
				int s = routine_estimate_s(&c, r);
				printf("%-28s %-14s %3d min  %s%s\n", r->id, module_names[r->module], (s + 30) / 60,
				       r->name, r->overrides ? " (your version)" : "");
			}
		printf("\nRun 'unhunch show ID' to see one in full.\n");
	}
	catalog_free(&c);
	return EXIT_OK;
}
