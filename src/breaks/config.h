/* config.h: the settings, read from $XDG_CONFIG_HOME/unhunch/config (KEY = VALUE
 * lines, # comments): the break coach's, and the emergency number every safety message
 * names. Every bad line is reported as file:line: message. */
#ifndef UNHUNCH_BREAKS_CONFIG_H
#define UNHUNCH_BREAKS_CONFIG_H
#include "breaks/presence.h"
#include "core/breaks.h"
#include "core/strbuf.h"
#include <stdbool.h>

struct breaks_settings {
	struct brk_config sched;
	bool voice;            /* speak the guided reset */
	bool desktop;          /* try desktop notifications (false: terminal only) */
	unsigned focus;        /* BRK_FOCUS_* favoured in the rotation */
	bool focus_auto;       /* take the focus from the plan's factors (focus = auto) */
	enum presence_idle idle; /* where away-from-the-desk comes from */
	bool dnd;              /* respect the desktop's do-not-disturb and full-screen windows */
	char routine[64];      /* routine the resets come from */
	char emergency[24];    /* the person's emergency number, shown in every safety message; "" unknown */
};

void breaks_settings_default(struct breaks_settings *s);
/* The config file path under $XDG_CONFIG_HOME, else under home (caller frees); NULL
 * when neither is known. */
char *breaks_config_path(const char *home);
/* Read path into s (on top of what s holds). A missing file (or path NULL) is fine. Returns the
 * number of problems, each appended to err as "path:line: message\n". */
int breaks_config_read(const char *path, struct breaks_settings *s, struct strbuf *err);
/* Parse the settings from text (for tests and the reader). */
int breaks_config_parse(const char *name, const char *text, struct breaks_settings *s, struct strbuf *err);

#endif
