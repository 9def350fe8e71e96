/* qr-svg.c: a QR code as inline SVG (qr-svg.h), made by libqrencode: one path of
 * dark squares on a light square with the quiet zone the standard asks (4 modules),
 * drawn at any size by the page (viewBox), with no script or style of its own. */
#include "http/qr-svg.h"
#include "core/strbuf.h"
#include <qrencode.h>

#define QUIET 4

char *qr_svg(const char *text, const char *label)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return NULL;
	int w = q->width, size = w + 2 * QUIET;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" "
			 "aria-label=\"%s\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
			 "<path fill=\"#000\" d=\"",
		    size, size, label, size, size);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (q->data[y * w + x] & 1) /* bit 0: a dark module */
				strbuf_addf(&sb, "M%d %dh1v1h-1z", x + QUIET, y + QUIET);
	strbuf_addstr(&sb, "\"/></svg>");
	QRcode_free(q);
	return strbuf_detach(&sb);
}
