/* qr-svg.h: a QR code of text as an inline SVG element (qr-svg.c, libqrencode), for
 * the two-step login's key (routes-2fa.c). label: the picture's words for a screen
 * reader, plain text without markup characters. NULL when text cannot be encoded;
 * free the result. */
#ifndef UNHUNCH_HTTP_QR_SVG_H
#define UNHUNCH_HTTP_QR_SVG_H
char *qr_svg(const char *text, const char *label);
#endif
