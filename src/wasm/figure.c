/* figure.c: the exercise's figure at one moment of the session, as SVG for the page
 * (format/figure-svg.c, from the pose data of core/pose.h). The page draws it for the
 * segment on screen (the one of the last effect handed out, which the look-ahead may
 * have left behind in the engine), with how far through that segment it is now. */
#include "wasm/export.h"
#include "format/figure-svg.h"

/* The figure of routine item `item` in a segment named as the view's "segment" says
 * (kind, phase, rep, side_no, position_no), t in [0, 1] through it, height px high.
 * Returns the SVG text, "" when the exercise has no picture, or NULL with ux_error()
 * when the segment is not one of this session's. */
const char *ux_session_figure(const struct ux_session *s, int item, const char *kind, const char *phase, int rep,
			      int side, int position, double t, int height)
{
	strbuf_reset(ux_err_buf());
	struct strbuf *out = ux_out_buf();
	strbuf_reset(out);
	return ux_figure(ux_session_engine(s), item, kind, phase, rep, side, position, t, height, out) ? NULL
												  : strbuf_str(out);
}

int ux_figure(const struct engine *e, int item, const char *kind, const char *phase, int rep, int side, int position,
	      double t, int height, struct strbuf *out)
{
	int k = kind ? name_index(seg_kind_names, kind) : -1;
	int ph = phase && *phase ? name_index(phase_names, phase) : -1;
	const struct run_item *ri = e && item >= 0 && (size_t)item < e->n_items ? &e->items[item] : NULL;
	if (!ri || k < 0 || (k == SEG_PHASE && ph < 0) || side < -1 || (side >= 0 && (size_t)side >= ri->dose.n_per) ||
	    position < -1 || (position >= 0 && (size_t)position >= ri->dose.n_positions) || rep < 0 || height < 16 ||
	    height > 4000 || !(t >= 0 && t <= 1)) {
		strbuf_addstr(ux_err_buf(), "figure: not a segment of this session, or t outside 0..1");
		return -1;
	}
	struct segment seg = { .kind = (enum seg_kind)k, .phase = ph < 0 ? PH_UP : (enum phase)ph, .rep = rep,
			       .side = side, .position = position };
	svg_exercise_moment(out, ri->ex, &ri->dose, &seg, t, height);
	return 0;
}
