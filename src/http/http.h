/* http.h: the web server of `unhunch serve`, for the command that starts it. Local mode:
 * it listens on the loopback address only and serves one person's data without
 * accounts, so every protection that keeps other programs, other computers and other
 * web sites out is on (see security.c and docs/api.md). */
#ifndef UNHUNCH_HTTP_H
#define UNHUNCH_HTTP_H
#include "core/content.h"
#include "core/strbuf.h"
#include <stdbool.h>
#include <sys/socket.h>

/* A loopback address to listen on. */
struct listen_addr {
	int family;          /* AF_INET or AF_INET6 */
	char host[64];       /* numeric: "127.0.0.1", "::1" */
	unsigned port;       /* 0: any free port */
	struct sockaddr_storage sa;
	socklen_t len;
	bool loopback;       /* this computer's own address */
};

#define HTTP_DEFAULT_LISTEN "127.0.0.1:8750"

/* Parse "HOST:PORT", "[::1]:PORT" or "PORT" (host 127.0.0.1). HOST must be loopback
 * (127.0.0.0/8, ::1 or localhost): anything else is refused, with why and what to do
 * instead in err. */
int listen_parse(const char *text, struct listen_addr *out, struct strbuf *err);
/* The same for any numeric address (out->loopback says whether it is this computer's
 * own), for clinic mode; listen_allowed() then says whether it may be used. */
int listen_parse_any(const char *text, struct listen_addr *out, struct strbuf *err);
/* Where the server may listen: loopback always; any other address only in clinic mode
 * and only with TLS or behind a named reverse proxy. 0, or -1 with why in err. */
int listen_allowed(const struct listen_addr *a, bool clinic, bool tls, bool proxy, struct strbuf *err);

struct tz;
struct app_clinic;

struct http_config {
	struct listen_addr addr;
	const struct catalog *content;    /* loaded; read-only while serving */
	const char *store_path;
	const char *data_dir;             /* the pass key and "unsaved-warning" (the store may be a
					     database elsewhere); NULL: the store file's folder */
	const char *const *content_dirs;  /* the content search path, for checks of a user's file */
	size_t n_content_dirs;
	const char *version;
	const struct tz *tz;              /* the person's time zone (core/tz.h); NULL: UTC */
	const char *emergency;            /* the emergency number from the settings; NULL or "": none */
	/* Whether the run a session lock's holder names is still going (the terminal's
	 * start holds the lock while its session runs); NULL: every holder is. */
	bool (*holder_alive)(const char *id, void *arg);
	unsigned threads;                 /* 0: one per CPU, at least 2 */
	unsigned max_connections;         /* 0: 128 */
	unsigned timeout_s;               /* idle connections, and the longest a request may take to
					     arrive; 0: 10 */
	/* Clinic mode (docs/clinic.md): people log in with their accounts of the store and
	 * each request runs as its person; the password rules and cost. NULL: local mode. */
	const struct app_clinic *clinic;
	/* Clinic mode: trainers and admins may log in without a second factor (serve
	 * --second-factor optional); false: they must set one up first (app/totp.h). */
	bool second_factor_optional;
	/* Clinic mode's ways to the network (docs/clinic.md). TLS: the certificate chain
	 * and its key, PEM text (NULL: none). A reverse proxy: its numeric address; then
	 * only it may connect, and its X-Forwarded-For names the client. names: the Host
	 * names the browser uses ("clinic.example", "clinic.example:8443"), served beside
	 * the listening address's own; with TLS or a proxy, Origin is https:// one of them. */
	const char *tls_cert, *tls_key;
	const char *trusted_proxy;
	const char *const *names;
	size_t n_names;
	/* Called once the server listens, with its address ("http://127.0.0.1:8750/"). */
	void (*ready)(const char *url, void *arg);
	void *ready_arg;
};

/* Serve until SIGINT or SIGTERM, then finish the requests in flight and return 0.
 * Returns -1 with a message in err when it cannot start (address in use, a store that
 * does not open). */
int http_serve(const struct http_config *cfg, struct strbuf *err);

#endif
