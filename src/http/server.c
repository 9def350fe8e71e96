/* server.c: the socket side, on libmicrohttpd (a pool of threads, each with epoll): it
 * turns what arrives into a struct req for dispatch.c, enforces the limits on
 * connections, header size, body size and time, keeps one store open per thread, reads
 * the clock once per request, and stops cleanly on SIGINT or SIGTERM. A route flagged
 * ROUTE_GROUPED goes to the group commit (app/group.h): its connection is suspended
 * while the committer runs it with the writes that came in meanwhile, and resumed to
 * send the answer once their batch is committed. */
#include "http/http.h"
#include "core/mem.h"
#include "http/handler.h"
#include "app/accounts.h"
#include "app/group.h"
#include "http/pass-sign.h"
#include "store/store.h"
#include <errno.h>
#include <jansson.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
/* microhttpd.h needs the socket headers first */
#include <microhttpd.h>

#define HEADER_MEMORY (16 * 1024) /* per connection: the request line and headers must fit */
#define STOP_WAIT_MS 10000        /* how long a stop waits for requests in flight */

struct serving {
	struct server srv;
	unsigned timeout_s;
	atomic_int in_flight;
	pthread_key_t store_key;
	/* clinic mode behind a named reverse proxy: only it may connect, and its
	 * X-Forwarded-For names the client */
	bool proxied;
	int proxy_family;
	unsigned char proxy_addr[16];
	struct app_group *group; /* the group commit of ROUTE_GROUPED routes */
};

/* Only the named proxy may connect (libmicrohttpd's accept policy). */
static enum MHD_Result from_proxy(void *cls, const struct sockaddr *sa, socklen_t len)
{
	const struct serving *sv = cls;
	if (sa->sa_family == AF_INET && sv->proxy_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in))
		return memcmp(&((const struct sockaddr_in *)sa)->sin_addr, sv->proxy_addr, 4) ? MHD_NO : MHD_YES;
	if (sa->sa_family == AF_INET6 && sv->proxy_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6))
		return memcmp(&((const struct sockaddr_in6 *)sa)->sin6_addr, sv->proxy_addr, 16) ? MHD_NO : MHD_YES;
	return MHD_NO;
}

enum { RUN_HERE, RUN_QUEUED, RUN_DONE }; /* where a request's handler is run */

/* One request on a connection (libmicrohttpd's *req_cls). */
struct conn_req {
	struct req rq;
	struct serving *sv;
	struct strbuf body;
	int64_t started_ms; /* monotonic */
	/* ROUTE_GROUPED: the write queued for the committer, its connection suspended */
	struct app_group_job job;
	struct MHD_Connection *conn;
	struct store *group_store; /* the committer's, while it runs the handler */
	atomic_int state;          /* RUN_* */
};

static int64_t clock_ms(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void store_close_cb(void *p)
{
	store_close(p);
}

/* Clinic mode: this thread's database and its handle for the steps before a person is
 * known (a login, a session looked up by its cookie, the throttle), which acts as no
 * one: it reaches no one's records, and on PostgreSQL the account and login tables only
 * through the narrow functions of schema 12. */
struct thread_db {
	struct store_db *db;
	struct store *wide;
};

static void thread_db_close(void *p)
{
	struct thread_db *t = p;
	store_close(t->wide);
	store_db_close(t->db);
	free(t);
}

static struct thread_db *thread_db(struct req *rq, struct strbuf *err)
{
	const struct serving *sv = (const struct serving *)rq->srv;
	struct thread_db *t = pthread_getspecific(sv->store_key);
	if (t)
		return t;
	t = xcalloc(1, sizeof(*t));
	/* on SQLite the log's checkpoint on a thread of its own: no request's commit waits
	 * for it (a dashboard read's audit lines, a check-in) */
	if (store_db_open(&t->db, rq->srv->store_path, STORE_CHECKPOINT_APART, err) ||
	    store_bind_no_one(&t->wide, t->db, err)) {
		store_db_close(t->db);
		free(t);
		return NULL;
	}
	pthread_setspecific(sv->store_key, t);
	return t;
}

static struct store *clinic_store(struct req *rq, struct strbuf *err)
{
	struct thread_db *t = thread_db(rq, err);
	return t ? req_bound_store(rq, t->db, err) : NULL;
}

static struct store *clinic_db(struct req *rq, struct strbuf *err)
{
	struct thread_db *t = thread_db(rq, err);
	return t ? t->wide : NULL;
}

/* The store of this thread, opened on first use and kept until the thread ends. */
static struct store *thread_store(struct req *rq, struct strbuf *err)
{
	const struct serving *sv = (const struct serving *)rq->srv; /* srv is the first member */
	struct store *st = pthread_getspecific(sv->store_key);
	if (st)
		return st;
	if (store_open(&st, rq->srv->store_path, err))
		return NULL;
	pthread_setspecific(sv->store_key, st);
	return st;
}

/* The committer's store, for a handler it runs. */
static struct store *group_store(struct req *rq, struct strbuf *err)
{
	(void)err;
	return ((struct conn_req *)rq)->group_store; /* rq is the first member */
}

/* On the committer's thread, inside the request's part of the batch. */
static int group_run(struct app_group_job *j, struct store *st)
{
	struct conn_req *cr = (struct conn_req *)((char *)j - offsetof(struct conn_req, job));
	cr->group_store = st;
	cr->rq.store_get = group_store;
	http_finish(&cr->rq);
	return cr->rq.status >= 500 ? -1 : 0; /* a failure undoes the request's writes */
}

/* Its batch is committed (or failed): answer on the connection's own thread. */
static void group_done(struct app_group_job *j, enum app_group_outcome outcome, const char *why)
{
	struct conn_req *cr = (struct conn_req *)((char *)j - offsetof(struct conn_req, job));
	if (outcome == APP_GROUP_FAILED && (!cr->rq.answered || cr->rq.status < 400))
		http_unsaved(&cr->rq, why); /* never "saved" for what the commit lost */
	struct MHD_Connection *c = cr->conn;
	atomic_store(&cr->state, RUN_DONE);
	MHD_resume_connection(c);
}

static enum MHD_Result add_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	req_add_header(cls, key, value ? value : "");
	return MHD_YES;
}

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	req_add_query(cls, key, value);
	return MHD_YES;
}

static enum MHD_Result answer(struct MHD_Connection *c, struct req *rq)
{
	struct MHD_Response *r =
		MHD_create_response_from_buffer(rq->out_len, (void *)(rq->out ? rq->out : ""), MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	for (size_t i = 0; i < rq->n_resp_headers; i++)
		MHD_add_response_header(r, rq->resp_headers[i].name, rq->resp_headers[i].value);
	if (rq->type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rq->type);
	if (rq->status >= 500)
		fprintf(stderr, "unhunch serve: %s %s: %d\n", rq->method, rq->path, rq->status);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)rq->status, r);
	MHD_destroy_response(r);
	return ok;
}

/* The client's address (the throttle counts by it): the socket's, or behind the named
 * proxy (the only peer let in) the last address of its X-Forwarded-For, the one the
 * proxy itself added; a header that does not end in an address counts as the proxy's. */
static void client_address(struct MHD_Connection *c, struct req *rq, bool proxied)
{
	const char *xff = proxied ? req_header(rq, "X-Forwarded-For") : NULL;
	if (xff) {
		const char *last = strrchr(xff, ',');
		last = last ? last + 1 : xff;
		last += strspn(last, " \t");
		char a[64];
		unsigned char bin[16];
		snprintf(a, sizeof(a), "%.*s", (int)strcspn(last, " \t"), last);
		if (inet_pton(AF_INET, a, bin) == 1 || inet_pton(AF_INET6, a, bin) == 1) {
			snprintf(rq->addr, sizeof(rq->addr), "%s", a);
			return;
		}
	}
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, rq->addr, sizeof(rq->addr));
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, rq->addr, sizeof(rq->addr));
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **req_cls)
{
	(void)version;
	struct serving *sv = cls;
	struct conn_req *cr = *req_cls;
	if (!cr) {
		/* First call: headers only. Answering now would make libmicrohttpd close the
		 * connection, so a request that passes is answered on a later call. */
		cr = xcalloc(1, sizeof(*cr));
		*req_cls = cr;
		cr->sv = sv;
		strbuf_init(&cr->body);
		cr->started_ms = clock_ms(CLOCK_MONOTONIC);
		atomic_fetch_add(&sv->in_flight, 1);
		req_init(&cr->rq, &sv->srv, clock_ms(CLOCK_REALTIME), method, url);
		if (sv->srv.clinic) {
			cr->rq.store_get = clinic_store;
			cr->rq.db_get = clinic_db;
		} else {
			cr->rq.store_get = thread_store;
		}
		MHD_get_connection_values(c, MHD_HEADER_KIND, add_header, &cr->rq);
		client_address(c, &cr->rq, sv->proxied);
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_query, &cr->rq);
		if (http_begin(&cr->rq))
			return answer(c, &cr->rq);
		return MHD_YES;
	}
	struct req *rq = &cr->rq;
	if (*upload_size) {
		/* libmicrohttpd cannot answer in the middle of a body: a body too slow to
		 * arrive is cut off, one too large is read to its end (in the time allowed)
		 * and thrown away, then refused */
		if (clock_ms(CLOCK_MONOTONIC) - cr->started_ms > (int64_t)sv->timeout_s * 1000)
			return MHD_NO;
		if (!rq->answered && cr->body.len + *upload_size > rq->route->body_max) {
			http_refuse_body(rq);
			strbuf_release(&cr->body);
		}
		if (!rq->answered)
			strbuf_add(&cr->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	int state = atomic_load(&cr->state);
	if (state == RUN_QUEUED)
		return MHD_YES; /* the committer has it */
	if (!rq->answered && state == RUN_HERE) {
		rq->body = cr->body.buf;
		rq->body_len = cr->body.len;
		if (sv->group && (rq->route->flags & ROUTE_GROUPED)) {
			/* suspended before it is queued: the committer resumes it when done */
			cr->conn = c;
			cr->job = (struct app_group_job){ group_run, group_done, NULL };
			atomic_store(&cr->state, RUN_QUEUED);
			MHD_suspend_connection(c);
			app_group_submit(sv->group, &cr->job);
			return MHD_YES;
		}
		http_finish(rq);
	}
	return answer(c, rq);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **req_cls, enum MHD_RequestTerminationCode why)
{
	(void)c;
	(void)why;
	struct serving *sv = cls;
	struct conn_req *cr = *req_cls;
	if (!cr)
		return;
	req_release(&cr->rq);
	strbuf_release(&cr->body);
	free(cr);
	*req_cls = NULL;
	atomic_fetch_sub(&sv->in_flight, 1);
}

static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return url_decode(s, strlen(s), false);
}

static void logger(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fprintf(stderr, "unhunch serve: ");
	vfprintf(stderr, fmt, ap);
}

static int listen_socket(const struct listen_addr *a, unsigned *port, struct strbuf *err)
{
	int fd = socket(a->family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		strbuf_addf(err, "no socket: %s", strerror(errno));
		return -1;
	}
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (a->family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)&a->sa, a->len) || listen(fd, 128)) {
		int e = errno;
		if (e == EADDRINUSE)
			strbuf_addf(err, "port %u is in use (is unhunch serve already running?); choose another "
					 "with --listen %s:PORT",
				    a->port, a->family == AF_INET6 ? "[::1]" : a->host);
		else
			strbuf_addf(err, "cannot listen on %s port %u: %s", a->host, a->port, strerror(e));
		close(fd);
		return -1;
	}
	struct sockaddr_storage got;
	socklen_t len = sizeof(got);
	getsockname(fd, (struct sockaddr *)&got, &len);
	*port = ntohs(a->family == AF_INET ? ((struct sockaddr_in *)&got)->sin_port
					   : ((struct sockaddr_in6 *)&got)->sin6_port);
	return fd;
}

static void wait_in_flight(struct serving *sv)
{
	for (int waited = 0; atomic_load(&sv->in_flight) > 0 && waited < STOP_WAIT_MS; waited += 10)
		nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
}

int http_serve(const struct http_config *cfg, struct strbuf *err)
{
	struct serving *sv = xcalloc(1, sizeof(*sv));
	unsigned port = 0;
	int rc = -1;
	struct MHD_Daemon *d = NULL;
	struct store *probe = NULL;
	/* where it may listen, before anything listens */
	if (listen_allowed(&cfg->addr, cfg->clinic != NULL, cfg->tls_cert && cfg->tls_key, cfg->trusted_proxy != NULL,
			   err))
		goto out_free;
	if ((cfg->tls_cert || cfg->trusted_proxy || cfg->n_names) && !cfg->clinic) {
		strbuf_addstr(err, "TLS, a trusted proxy and host names are for clinic mode (--clinic).");
		goto out_free;
	}
	int fd = listen_socket(&cfg->addr, &port, err);
	if (fd < 0)
		goto out_free;
	if (server_init(&sv->srv, cfg->addr.host, port, err))
		goto out_close;
	sv->srv.content = cfg->content;
	sv->srv.store_path = cfg->store_path;
	sv->srv.data_dir = cfg->data_dir;
	sv->srv.content_dirs = cfg->content_dirs;
	sv->srv.n_content_dirs = cfg->n_content_dirs;
	sv->srv.version = cfg->version;
	sv->srv.tz = cfg->tz;
	sv->srv.holder_alive = cfg->holder_alive;
	sv->srv.clinic = cfg->clinic != NULL;
	sv->srv.accounts = cfg->clinic;
	sv->srv.totp_required = cfg->clinic && !cfg->second_factor_optional;
	if (cfg->tls_cert && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		strbuf_addstr(err, "this libmicrohttpd was built without TLS: serve behind a reverse proxy instead");
		goto out_release;
	}
	if (cfg->trusted_proxy) {
		sv->proxied = true;
		if (inet_pton(AF_INET, cfg->trusted_proxy, sv->proxy_addr) == 1) {
			sv->proxy_family = AF_INET;
		} else if (inet_pton(AF_INET6, cfg->trusted_proxy, sv->proxy_addr) == 1) {
			sv->proxy_family = AF_INET6;
		} else {
			strbuf_addf(err, "--trusted-proxy: '%s' is not a numeric address (such as 127.0.0.1 or ::1)",
				    cfg->trusted_proxy);
			goto out_release;
		}
	}
	sv->srv.https = (cfg->tls_cert && cfg->tls_key) || cfg->trusted_proxy;
	for (size_t i = 0; i < cfg->n_names; i++)
		server_add_name(&sv->srv, cfg->names[i]);
	snprintf(sv->srv.emergency, sizeof(sv->srv.emergency), "%s", cfg->emergency ? cfg->emergency : "");
	sv->timeout_s = cfg->timeout_s ? cfg->timeout_s : 10;
	/* open the store now, so a store that cannot open stops the start. Clinic mode:
	 * as no one (the server never acts as person 1, the terminal's operator), it needs
	 * someone who can log in; each request then writes through its own person's
	 * handle. Local mode: this handle is the group commit's own (app/group.h), bound
	 * to the one person. */
	if (cfg->clinic) {
		struct store_db *db = NULL;
		struct store *nobody = NULL;
		bool any = false;
		bool failed = store_db_open(&db, cfg->store_path, 0, err) || store_bind_no_one(&nobody, db, err);
		struct app_ctx ctx = { nobody, cfg->content, 0, NULL };
		failed = failed || app_clinic_any(&ctx, &any, err) != CLINIC_OK;
		store_close(nobody);
		store_db_close(db);
		if (failed)
			goto out_release;
		if (!any) {
			strbuf_addstr(err, "--clinic: the store has no accounts yet; make the clinic's first admin with "
					   "'unhunch clinic init' first");
			goto out_release;
		}
	} else if (store_open_flags(&probe, cfg->store_path, STORE_CHECKPOINT_APART, err)) {
		goto out_release;
	} else if (app_group_start(&sv->group, probe, 0, err)) {
		store_close(probe);
		goto out_release;
	}
	/* the key of the web player's passes, kept in the data folder (pass-sign.h) */
	char *dir = xstrdup(cfg->data_dir ? cfg->data_dir : cfg->store_path), *slash = strrchr(dir, '/');
	if (slash && !cfg->data_dir)
		*slash = '\0';
	int keyed = pass_key_load(cfg->data_dir || slash ? (*dir ? dir : "/") : ".", sv->srv.pass_key, err);
	free(dir);
	if (keyed)
		goto out_release;
	sv->srv.pass_keyed = true;
	pthread_key_create(&sv->store_key, sv->srv.clinic ? thread_db_close : store_close_cb);

	json_object_seed(0); /* jansson's hash seed, made once here rather than by the first thread */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = cfg->threads ? cfg->threads : (unsigned)(cpus > 2 ? cpus : 2);
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL); /* the server's threads inherit this */
	bool tls = cfg->tls_cert && cfg->tls_key;
	struct MHD_OptionItem tls_opts[] = {
		{ tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, (void *)cfg->tls_key },
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)cfg->tls_cert },
		{ MHD_OPTION_END, 0, NULL },
	};
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG |
				     (cfg->addr.family == AF_INET6 ? MHD_USE_IPv6 : 0) | (tls ? MHD_USE_TLS : 0),
			     0, sv->proxied ? from_proxy : NULL, sv, on_request, sv, MHD_OPTION_EXTERNAL_LOGGER, logger, NULL,
			     MHD_OPTION_ARRAY, tls_opts,
			     MHD_OPTION_LISTEN_SOCKET, fd,
			     MHD_OPTION_THREAD_POOL_SIZE, threads > 1 ? threads : 0,
			     MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections ? cfg->max_connections : 128u,
			     MHD_OPTION_CONNECTION_TIMEOUT, sv->timeout_s,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HEADER_MEMORY,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, sv,
			     MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
			     MHD_OPTION_STRICT_FOR_CLIENT, 1,
			     MHD_OPTION_END);
	if (!d) {
		strbuf_addstr(err, "the web server did not start (see the message above)");
		pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
		goto out_key;
	}
	struct strbuf url = STRBUF_INIT;
	strbuf_addf(&url, "%s://%s/", tls ? "https" : "http", sv->srv.hosts[0]);
	if (cfg->ready)
		cfg->ready(url.buf, cfg->ready_arg);
	strbuf_release(&url);

	int sig;
	sigwait(&stop, &sig);
	/* stop taking connections, let the requests in flight finish, then stop */
	if (MHD_quiesce_daemon(d) == MHD_INVALID_SOCKET)
		fd = -1; /* still the daemon's: MHD_stop_daemon closes it */
	wait_in_flight(sv);
	MHD_stop_daemon(d);
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
	rc = 0;
out_key:
	pthread_key_delete(sv->store_key);
out_release:
	app_group_stop(sv->group); /* after the daemon: no request waits on it any more */
	server_release(&sv->srv);
out_close:
	if (fd >= 0)
		close(fd);
out_free:
	free(sv);
	return rc;
}
