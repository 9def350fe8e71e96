/* figure-svg.h: an exercise's pictures as SVG, drawn from its pose data (core/pose.h):
 * a stick figure with a clear head and torso, its props, and a ghost of the next pose
 * with an arrow where the figure moves. Every document is self-contained (no scripts,
 * no links, no fonts to fetch, no ids that could clash when several sit in one page)
 * and its numbers are written with a point whatever the locale. */
#ifndef UNHUNCH_FIGURE_SVG_H
#define UNHUNCH_FIGURE_SVG_H
#include "core/content.h"
#include "core/strbuf.h"

/* One figure in a stance, with the scene's props, as a complete <svg> element sized
 * height pixels high. A building block for the web player, which blends stances
 * (stance_lerp) and draws each frame. label is read out by screen readers. */
void svg_stance(struct strbuf *out, const struct scene *sc, const struct stance *st, const char *label, int height);

enum strip_kind {
	STRIP_ENDS, /* the start and the end of the movement */
	STRIP_ALL,  /* every key pose (each position of a cycle) */
};

/* The key poses of side `side` (-1: the first or only one) of exercise e done with
 * dose run (NULL: its own), side by side, height pixels high, each labelled, the first
 * with a ghost of the next and an arrow. in_html: for a page, without the namespace
 * a file needs. Appends nothing and returns false when the exercise has no picture. */
bool svg_exercise_strip(struct strbuf *out, const struct exercise *e, const struct dose *run, int side,
			enum strip_kind kind, int height, bool in_html);

struct segment;
/* The figure of exercise e at one moment of a session: during segment seg of dose run,
 * t in [0, 1] through it (core/pose.h picture_at), as one SVG document height pixels
 * high, framed to hold every key pose of the segment's side so the figure keeps its
 * size and place as it moves (the web player draws it frame by frame). */
bool svg_exercise_moment(struct strbuf *out, const struct exercise *e, const struct dose *run,
			 const struct segment *seg, double t, int height);

/* Every picture of an exercise as one SVG document: a strip for the main poses and
 * one for each side or direction drawn differently, with its name above it. */
bool svg_exercise(struct strbuf *out, const struct exercise *e, int height);

#endif
