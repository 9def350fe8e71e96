/* listen.c: reading --listen, and the rule of where the server may listen: local mode
 * on loopback only; clinic mode beyond it only with TLS or behind a named proxy. */
#include "http/http.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

static int port_parse(const char *s, unsigned *out)
{
	char *end;
	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 5)
		return -1;
	unsigned long v = strtoul(s, &end, 10);
	if (v > 65535)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static void refuse(struct strbuf *err, const char *host)
{
	strbuf_addf(err,
		    "will not listen on '%s': it is not this computer's own (loopback) address.\n"
		    "In local mode there are no passwords, so anyone who could reach the server could read\n"
		    "and change your health data. It listens only on 127.0.0.1, [::1] or localhost.\n"
		    "To use unhunch from another device, use clinic mode (serve --clinic: accounts and a\n"
		    "login) with TLS (--tls-cert, --tls-key), or behind a reverse proxy that adds TLS,\n"
		    "named with --trusted-proxy ADDRESS.",
		    host);
}

int listen_parse(const char *text, struct listen_addr *out, struct strbuf *err)
{
	if (listen_parse_any(text, out, err))
		return -1;
	if (!out->loopback) {
		refuse(err, out->host);
		return -1;
	}
	return 0;
}

int listen_allowed(const struct listen_addr *a, bool clinic, bool tls, bool proxy, struct strbuf *err)
{
	if (a->loopback)
		return 0;
	if (!clinic) {
		refuse(err, a->host);
		return -1;
	}
	if (!tls && !proxy) {
		strbuf_addf(err,
			    "will not listen on '%s' without TLS: passwords and health data would cross the network\n"
			    "in the clear. Give the certificate and key (--tls-cert FILE --tls-key FILE), or keep\n"
			    "the server on 127.0.0.1 behind a reverse proxy that adds TLS and name it\n"
			    "(--trusted-proxy ADDRESS).",
			    a->host);
		return -1;
	}
	return 0;
}

int listen_parse_any(const char *text, struct listen_addr *out, struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	char host[256];
	const char *port;
	if (text[0] == '[') {
		const char *close = strchr(text, ']');
		if (!close || close[1] != ':' || (size_t)(close - text - 1) >= sizeof(host)) {
			strbuf_addf(err, "'%s' is not an address: write [::1]:PORT", text);
			return -1;
		}
		memcpy(host, text + 1, (size_t)(close - text - 1));
		host[close - text - 1] = '\0';
		port = close + 2;
	} else if (strchr(text, ':')) {
		const char *colon = strrchr(text, ':');
		if ((size_t)(colon - text) >= sizeof(host) || strchr(text, ':') != colon) {
			strbuf_addf(err, "'%s' is not an address: write HOST:PORT (IPv6 as [::1]:PORT)", text);
			return -1;
		}
		memcpy(host, text, (size_t)(colon - text));
		host[colon - text] = '\0';
		port = colon + 1;
	} else {
		strcpy(host, "127.0.0.1");
		port = text;
	}
	if (port_parse(port, &out->port)) {
		strbuf_addf(err, "'%s' is not a port: a number from 0 (any free port) to 65535", port);
		return -1;
	}
	if (!*host || !strcmp(host, "localhost"))
		strcpy(host, "127.0.0.1");
	struct sockaddr_in *v4 = (struct sockaddr_in *)&out->sa;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&out->sa;
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		out->loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)out->port);
		out->family = AF_INET;
		out->len = sizeof(*v4);
	} else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		out->loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)out->port);
		out->family = AF_INET6;
		out->len = sizeof(*v6);
	} else {
		refuse(err, host); /* a name: it could be anything, so it is never trusted */
		return -1;
	}
	inet_ntop(out->family, out->family == AF_INET ? (void *)&v4->sin_addr : (void *)&v6->sin6_addr, out->host,
		  sizeof(out->host));
	return 0;
}
