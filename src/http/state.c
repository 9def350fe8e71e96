/* state.c: the server's shared state, made once before it listens: the templates, a
 * fresh CSRF token, and the Host names it answers to. */
#include "http/handler.h"
#include "core/mem.h"
#include "core/strbuf.h"
#include "format/template.h"
#include "http/assets.h"
#include "http/cache.h"
#include "http/speech.h"
#include <sodium.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

static int templates_load(struct server *s, struct strbuf *err)
{
	s->templates = tpl_set_new();
	for (size_t i = 0; i < web_n_assets; i++) {
		const struct asset *a = &web_assets[i];
		size_t len = strlen(a->path);
		if (strncmp(a->path, "templates/", 10) || len < 16 || strcmp(a->path + len - 5, ".html"))
			continue;
		char *name = xstrndup(a->path + 10, len - 15);
		int rc = tpl_add(s->templates, name, (const char *)a->data, a->len, err);
		free(name);
		if (rc)
			return -1;
	}
	return tpl_check_partials(s->templates, err);
}

static int token_new(char out[65], struct strbuf *err)
{
	unsigned char raw[32];
	size_t got = 0;
	while (got < sizeof(raw)) {
		ssize_t n = getrandom(raw + got, sizeof(raw) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			strbuf_addf(err, "no random numbers from the system: %s", strerror(errno));
			return -1;
		}
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof(raw); i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
	return 0;
}

static void host_add(struct server *s, const char *name, unsigned port)
{
	s->hosts = xrealloc(s->hosts, (s->n_hosts + 2) * sizeof(*s->hosts));
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s:%u", name, port);
	s->hosts[s->n_hosts++] = strbuf_detach(&sb);
	if (port == 80) /* browsers leave the default port out */
		s->hosts[s->n_hosts++] = xstrdup(name);
}

void server_add_name(struct server *s, const char *name)
{
	s->hosts = xrealloc(s->hosts, (s->n_hosts + 1) * sizeof(*s->hosts));
	s->hosts[s->n_hosts++] = xstrdup(name);
}

int server_init(struct server *s, const char *host, unsigned port, struct strbuf *err)
{
	memset(s, 0, sizeof(*s));
	s->routes = routes;
	s->cache = cache_new();
	s->speech = speech_new(SPEECH_CACHE_MAX);
	snprintf(s->static_prefix, sizeof(s->static_prefix), "/static/%s", web_hash);
	if (strchr(host, ':')) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "[%s]", host);
		host_add(s, sb.buf, port);
		strbuf_release(&sb);
	} else {
		host_add(s, host, port);
	}
	host_add(s, "localhost", port);
	if (token_new(s->csrf, err) || templates_load(s, err)) {
		server_release(s);
		return -1;
	}
	return 0;
}

void server_release(struct server *s)
{
	for (size_t i = 0; i < s->n_hosts; i++)
		free(s->hosts[i]);
	free(s->hosts);
	tpl_set_free(s->templates);
	cache_free(s->cache);
	s->cache = NULL;
	speech_free(s->speech);
	s->speech = NULL;
	sodium_memzero(s->pass_key, sizeof(s->pass_key));
	s->pass_keyed = false;
	s->hosts = NULL;
	s->n_hosts = 0;
	s->templates = NULL;
}
