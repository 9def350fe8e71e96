/* figure.h: a small figure of the exercise in the player, drawn with braille characters
 * (2 x 4 dots each) from the exercise's pose data, moving with the engine's phases. */
#ifndef UNHUNCH_TUI_FIGURE_H
#define UNHUNCH_TUI_FIGURE_H
#include "core/pose.h"
#include "core/session.h"
#include "core/strbuf.h"

#define FIGURE_COLS 22 /* characters */
#define FIGURE_ROWS 11
#define FIGURE_MIN_SCREEN_COLS 100 /* narrower screens keep all their width for the text */

/* The stances st[0..n) drawn in the box of all of them (so the figure keeps its scale as
 * it moves), the first into rows lines of cols braille characters each. */
void figure_braille(enum viewpoint v, unsigned props, const struct stance *st, size_t n, int cols, int rows,
		    struct strbuf *lines);

/* Whether a figure goes beside the text: the screen is wide and tall enough and the
 * current exercise has a picture. */
bool figure_fits(const struct engine *e, int rows, int cols);

struct view;
/* Put the current exercise's figure at the right of rows 3.. of a rendered view (when
 * figure_fits), the text there cut and padded to leave it room. */
void view_figure(struct view *v, const struct engine *e, int64_t now);

#endif
