/* security.c: the protections of local mode that every request passes: the Host must be
 * a name the server listens on (so a web page cannot reach it through DNS rebinding), a
 * change must come from the server's own pages (Origin, CSRF token), and every answer
 * carries headers that keep the browser strict (CSP, nosniff, no referrer, no
 * framing, no powerful features). */
#include "http/handler.h"
#include <string.h>
#include <strings.h>

bool host_allowed(const struct server *s, const char *host)
{
	if (!host)
		return false;
	for (size_t i = 0; i < s->n_hosts; i++)
		if (!strcasecmp(host, s->hosts[i]))
			return true;
	return false;
}

/* A change must come from our own pages. The Origin is one of our names, by https when
 * the browser reaches us by TLS (here or at a named proxy), else http; or it is "null",
 * which is what a browser sends for its own same-origin POST under Referrer-Policy:
 * no-referrer, and then the browser's own Sec-Fetch-Site must say same-origin. When a
 * browser sends Sec-Fetch-Site, it must say same-origin in any case. */
bool origin_allowed(const struct server *s, const char *origin, const char *fetch_site)
{
	if (fetch_site && strcmp(fetch_site, "same-origin"))
		return false;
	if (origin && !strcmp(origin, "null"))
		return fetch_site != NULL;
	const char *scheme = s->https ? "https://" : "http://"; /* never the other: no downgrade */
	size_t n = strlen(scheme);
	if (!origin || strncasecmp(origin, scheme, n))
		return false;
	return host_allowed(s, origin + n);
}

/* Compare in time that does not depend on where the first difference is. */
bool csrf_matches(const struct req *rq, const char *token)
{
	const char *want = rq->csrf;
	size_t n = strlen(want);
	if (!token || strlen(token) != n || !n)
		return false;
	unsigned char diff = 0;
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(token[i] ^ want[i]);
	return diff == 0;
}

/* Scripts, styles, images and connections only from this server; no plugins, no <base>,
 * forms only to this server, and no other site may frame the pages. */
#define CSP "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " \
	    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

#define PERMISSIONS "accelerometer=(), autoplay=(), camera=(), " \
		    "display-capture=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), " \
		    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), " \
		    "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()"

/* The player's page alone may compile WebAssembly (its own engine.wasm, from this
 * server), hold a screen wake lock and play sound. */
#define CSP_PLAYER "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " \
		   "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
#define PERMISSIONS_PLAYER "accelerometer=(), autoplay=(self), camera=(), " \
		    "display-capture=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), " \
		    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), " \
		    "screen-wake-lock=(self), serial=(), usb=(), xr-spatial-tracking=()"

void security_headers(struct req *rq)
{
	bool player = rq->route && (rq->route->flags & ROUTE_PLAYER) && rq->status == 200;
	resp_add_header(rq, "Content-Security-Policy", player ? CSP_PLAYER : CSP);
	resp_add_header(rq, "X-Content-Type-Options", "nosniff");
	resp_add_header(rq, "Referrer-Policy", "no-referrer");
	resp_add_header(rq, "Permissions-Policy", player ? PERMISSIONS_PLAYER : PERMISSIONS);
	resp_add_header(rq, "X-Frame-Options", "DENY");
	resp_add_header(rq, "Cross-Origin-Opener-Policy", "same-origin");
	resp_add_header(rq, "Cross-Origin-Resource-Policy", "same-origin");
	if (rq->srv->https) /* reached by TLS: the browser never tries plain http again */
		resp_add_header(rq, "Strict-Transport-Security", "max-age=31536000");
}
