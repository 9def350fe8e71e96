/* view.h: the player's screen as data. view_render() is pure: it turns the engine's
 * state into lines of text for a rows x cols screen, so it is tested by comparing
 * text; tty.c puts the lines on a real terminal. */
#ifndef UNHUNCH_VIEW_H
#define UNHUNCH_VIEW_H
#include "core/session.h"
#include "core/strbuf.h"
#include <stdbool.h>

enum line_style { LS_NORMAL, LS_TITLE, LS_RULE, LS_PHASE, LS_BIG, LS_DIM, LS_KEYS, LS_ALERT };

#define VIEW_MAX_ROWS 200

struct view {
	int rows, cols;
	struct strbuf line[VIEW_MAX_ROWS];
	enum line_style style[VIEW_MAX_ROWS];
};

struct view_extra {
	const char *routine_name;
	const char *prompt;  /* a question being typed at the bottom, or NULL */
	const char *notice;  /* a one-line notice (no audio, and so on), or NULL */
	bool ascii;          /* draw big digits with '#' instead of blocks, and no braille figure */
	const char *alert;   /* steps not saved yet, or NULL: shown in place of the notice */
};

void view_init(struct view *v);
void view_release(struct view *v);
void view_render(struct view *v, const struct engine *e, int64_t now, const struct view_extra *x, int rows, int cols);

/* The label of what is happening now, e.g. "Hold", "Get ready", "Rest". */
void view_phase_label(const struct engine *e, struct strbuf *out);

#endif
