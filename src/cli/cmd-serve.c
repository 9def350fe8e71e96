/* cmd-serve.c: `unhunch serve`: the program as a web app in the browser, on this computer
 * only; with --clinic, for the clinic's accounts, each person logged in. Reads the
 * options and the content, then hands over to the server (src/http). */
#include "cli.h"
#include "context.h"
#include "days.h"
#include "app/accounts.h"
#include "core/wordlist.h"
#include "http/http.h"
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern char **environ;

struct ready {
	bool open;
};

static void on_ready(const char *url, void *arg)
{
	const struct ready *r = arg;
	printf("unhunch serve: open %s in your browser (Ctrl-C stops the server)\n", url);
	fflush(stdout);
	if (!r->open)
		return;
	signal(SIGCHLD, SIG_IGN); /* the opener is reaped by the system */
	pid_t pid;
	char *args[] = { "xdg-open", (char *)url, NULL };
	int e = posix_spawnp(&pid, "xdg-open", NULL, NULL, args, environ);
	if (e)
		fprintf(stderr, "unhunch serve: could not start a browser (xdg-open: %s); open %s yourself\n",
			strerror(e), url);
}

#define PEM_MAX (1024 * 1024)
#define NAMES_MAX 8

/* A PEM file (a certificate chain or its key) read whole; NULL with why printed. */
static char *pem_read(const char *flag, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "unhunch serve: %s %s: %s\n", flag, path, strerror(errno));
		return NULL;
	}
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && sb.len <= PEM_MAX)
		strbuf_add(&sb, buf, n);
	bool bad = ferror(f) || sb.len > PEM_MAX || !sb.len || !strstr(sb.buf, "-----BEGIN ");
	fclose(f);
	if (bad) {
		fprintf(stderr, "unhunch serve: %s %s: not a PEM file (-----BEGIN ...) of at most 1 MiB\n", flag, path);
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

int cmd_serve(int argc, char **argv)
{
	const struct command *self = command_find("serve");
	const char *listen = HTTP_DEFAULT_LISTEN;
	struct ready ready = { false };
	bool clinic = false;
	const char *cert_path = NULL, *key_path = NULL, *proxy = NULL;
	const char *names[NAMES_MAX];
	size_t n_names = 0;
	unsigned timeout = 0;
	bool factor_optional = false, factor_said = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--listen") && i + 1 < argc) {
			listen = argv[++i];
		} else if (!strcmp(argv[i], "--clinic")) {
			clinic = true;
		} else if (!strcmp(argv[i], "--tls-cert") && i + 1 < argc) {
			cert_path = argv[++i];
		} else if (!strcmp(argv[i], "--tls-key") && i + 1 < argc) {
			key_path = argv[++i];
		} else if (!strcmp(argv[i], "--trusted-proxy") && i + 1 < argc) {
			proxy = argv[++i];
		} else if (!strcmp(argv[i], "--host") && i + 1 < argc) {
			if (n_names == NAMES_MAX)
				return usage_error(self, "--host: at most %d names", NAMES_MAX);
			names[n_names++] = argv[++i];
		} else if (!strcmp(argv[i], "--second-factor") && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "optional") && strcmp(argv[i], "required"))
				return usage_error(self, "--second-factor: optional or required, not '%s'", argv[i]);
			factor_optional = !strcmp(argv[i], "optional");
			factor_said = true;
		} else if (!strcmp(argv[i], "--open")) {
			ready.open = true;
		} else if (!strcmp(argv[i], "--timeout") && i + 1 < argc) {
			char *end;
			unsigned long v = strtoul(argv[++i], &end, 10);
			if (*end || !v || v > 3600)
				return usage_error(self, "--timeout takes seconds, from 1 to 3600");
			timeout = (unsigned)v;
		} else if (!strcmp(argv[i], "--listen") || !strcmp(argv[i], "--timeout") || !strcmp(argv[i], "--tls-cert") ||
			   !strcmp(argv[i], "--tls-key") || !strcmp(argv[i], "--trusted-proxy") ||
			   !strcmp(argv[i], "--host") || !strcmp(argv[i], "--second-factor")) {
			return usage_error(self, "%s needs a value", argv[i]);
		} else {
			return usage_error(self, "unexpected argument '%s'", argv[i]);
		}
	}
	/* The pages are read in browsers whose locale this machine does not know: their
	 * numbers are written the C way, as the API's are (main took LC_NUMERIC from the
	 * environment for the terminal's text). Set before any thread of the server starts. */
	setlocale(LC_NUMERIC, "C");
	struct http_config cfg = { .version = UNHUNCH_VERSION, .timeout_s = timeout, .ready = on_ready,
				   .ready_arg = &ready, .holder_alive = holder_alive };
	struct strbuf err = STRBUF_INIT;
	if (!cert_path != !key_path)
		return usage_error(self, "TLS needs both --tls-cert and --tls-key.");
	if ((cert_path || proxy || n_names || factor_said) && !clinic)
		return usage_error(self, "--tls-cert, --tls-key, --trusted-proxy, --host and --second-factor are for clinic "
					 "mode (--clinic)");
	if (cert_path && proxy)
		return usage_error(self, "choose TLS here (--tls-cert, --tls-key) or at a proxy (--trusted-proxy), not both");
	if ((clinic ? listen_parse_any : listen_parse)(listen, &cfg.addr, &err) ||
	    listen_allowed(&cfg.addr, clinic, cert_path != NULL, proxy != NULL, &err)) {
		fprintf(stderr, "unhunch serve: %s\n", err.buf);
		strbuf_release(&err);
		return EXIT_USAGE;
	}
	struct catalog c;
	catalog_init(&c);
	content_load_all(&c);
	char *path = store_path(), *user = datadir_user(), *data = datadir_store();
	const char *dirs[] = { datadir_system(), user };
	cfg.content = &c;
	cfg.tz = tz_local();
	char emergency[24];
	cli_emergency(emergency, sizeof(emergency));
	cfg.emergency = emergency;
	cfg.store_path = path;
	cfg.data_dir = data; /* the store may be a PostgreSQL database (UNHUNCH_STORE) */
	if (store_named()) /* then no store file made the folder the pass key is kept in */
		for (char *p = strchr(data + 1, '/');; p = strchr(p + 1, '/')) {
			if (p)
				*p = '\0';
			mkdir(data, 0700); /* an error shows when the key cannot be made there */
			if (!p)
				break;
			*p = '/';
		}
	cfg.content_dirs = dirs;
	cfg.n_content_dirs = 2;
	/* an invitation's page sets a password: the common ones are refused there as in the terminal */
	struct wordlist common = { 0 };
	struct app_clinic accounts = { &common, app_pwhash_default };
	char *cert = NULL, *key = NULL;
	if (clinic && cli_common_passwords(&common, "serve")) {
		free(path);
		free(user);
		free(data);
		catalog_free(&c);
		return EXIT_PROBLEM;
	}
	if (clinic) {
		cfg.clinic = &accounts;
		cfg.second_factor_optional = factor_optional;
		cfg.trusted_proxy = proxy;
		cfg.names = names;
		cfg.n_names = n_names;
	}
	if (cert_path && (!(cert = pem_read("--tls-cert", cert_path)) || !(key = pem_read("--tls-key", key_path)))) {
		free(cert);
		wordlist_release(&common);
		free(path);
		free(user);
		free(data);
		catalog_free(&c);
		return EXIT_PROBLEM;
	}
	cfg.tls_cert = cert;
	cfg.tls_key = key;
	int rc = EXIT_OK;
	if (http_serve(&cfg, &err)) {
		fprintf(stderr, "unhunch serve: %s\n", err.buf);
		rc = EXIT_PROBLEM;
	} else {
		printf("unhunch serve: stopped\n");
	}
	strbuf_release(&err);
	free(cert);
	if (key) {
		memset(key, 0, strlen(key)); /* the private key leaves no copy in freed memory */
		free(key);
	}
	free(path);
	free(user);
	free(data);
	catalog_free(&c);
	wordlist_release(&common);
	return rc;
}
