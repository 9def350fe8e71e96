/* svg-png.c: renders an SVG file to a PNG with librsvg, for the picture tests (the
 * document must load and draw) and for looking at the pictures.
 * usage: svg-png IN.svg OUT.png [SCALE] */
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: svg-png IN.svg OUT.png [SCALE]\n");
		return 2;
	}
	double scale = argc > 3 ? atof(argv[3]) : 1.0;
	GError *err = NULL;
	RsvgHandle *h = rsvg_handle_new_from_file(argv[1], &err);
	if (!h) {
		fprintf(stderr, "svg-png: %s: %s\n", argv[1], err->message);
		return 1;
	}
	gdouble w = 0, hh = 0;
	if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh) || w <= 0 || hh <= 0) {
		fprintf(stderr, "svg-png: %s: no size\n", argv[1]);
		return 1;
	}
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)(w * scale + 0.5), (int)(hh * scale + 0.5));
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	RsvgRectangle vp = { 0, 0, w * scale, hh * scale };
	if (!rsvg_handle_render_document(h, cr, &vp, &err)) {
		fprintf(stderr, "svg-png: %s: %s\n", argv[1], err->message);
		return 1;
	}
	int rc = cairo_surface_write_to_png(s, argv[2]) == CAIRO_STATUS_SUCCESS ? 0 : 1;
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	g_object_unref(h);
	return rc;
}
