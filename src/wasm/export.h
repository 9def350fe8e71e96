/* export.h: the C side of the web player's engine (web/static/player-engine.js is the
 * JavaScript side). Compiled for wasm32-wasi into engine.wasm; the same files build
 * natively for the trace test (tests/wasm), so both run the one session engine of
 * src/core. Nothing here makes a rule: it builds the content model from records the
 * page reads out of the server's JSON, opens the session pass, hands the engine the
 * page's clock and inputs, and writes what the engine returns as JSON text.
 *
 * Strings cross as NUL-terminated UTF-8 in the module's memory (ux_alloc/ux_free).
 * Text out (ux_session_input, ux_session_view, ux_error) stays valid until the next
 * call that writes text. Times are milliseconds of the page's clock, passed as
 * doubles (whole numbers; exact up to 2^53). */
#ifndef UNHUNCH_WASM_EXPORT_H
#define UNHUNCH_WASM_EXPORT_H
#include "core/content.h"
#include "core/session.h"
#include "core/strbuf.h"

#ifdef __wasm__
#define UX_EXPORT(name) __attribute__((export_name(#name), used))
#else
#define UX_EXPORT(name)
#endif

/* memory and text out (memory.c) */
UX_EXPORT(ux_alloc) void *ux_alloc(int n);
UX_EXPORT(ux_free) void ux_free(void *p);
UX_EXPORT(ux_error) const char *ux_error(void);
UX_EXPORT(ux_out_len) int ux_out_len(void);
/* the buffers behind them, for the other files here */
struct strbuf *ux_err_buf(void);  /* reset by each call that can fail */
struct strbuf *ux_out_buf(void);  /* reset by each call that writes text */

/* content (content.c): a catalog built record by record. ux_content_put() takes a
 * record (key, text, a, b) as listed in content.c; -1 with ux_error() on a bad one. */
struct ux_content;
UX_EXPORT(ux_content_new) struct ux_content *ux_content_new(void);
UX_EXPORT(ux_content_put) int ux_content_put(struct ux_content *c, const char *key, const char *text, int a, int b);
UX_EXPORT(ux_content_check) int ux_content_check(struct ux_content *c);
UX_EXPORT(ux_content_free) void ux_content_free(struct ux_content *c);
const struct catalog *ux_content_catalog(const struct ux_content *c);

/* an exercise's picture (picture.c): the records that build it, and what is open */
struct ux_picture_open {
	int set;  /* -1: the main poses; else a side */
	int pose; /* enum pose_key, -1 - i for the set's named pose i, PK__COUNT for none */
};
bool ux_picture_key(const char *key);
int ux_picture_put(struct ux_picture_open *o, struct exercise *e, const char *file, const char *key,
		   const char *text, int a, int b);

/* a session (session.c) */
struct ux_session;
UX_EXPORT(ux_session_new) struct ux_session *ux_session_new(const struct ux_content *c, const char *routine);
UX_EXPORT(ux_session_opt) int ux_session_opt(struct ux_session *s, const char *key, int value);
UX_EXPORT(ux_session_dose) int ux_session_dose(struct ux_session *s, int item, const char *exercise, int reps,
					       int duration_s, int paused);
UX_EXPORT(ux_session_prescribed) int ux_session_prescribed(struct ux_session *s, int item, int sets, int hold_s);
UX_EXPORT(ux_session_start) int ux_session_start(struct ux_session *s, const char *pass_token, double now);
UX_EXPORT(ux_session_input) const char *ux_session_input(struct ux_session *s, const char *input, double now,
							 int score);
UX_EXPORT(ux_session_last) const char *ux_session_last(void);
UX_EXPORT(ux_session_deadline) double ux_session_deadline(const struct ux_session *s);
UX_EXPORT(ux_session_view) const char *ux_session_view(const struct ux_session *s, double now);
UX_EXPORT(ux_session_free) void ux_session_free(struct ux_session *s);
UX_EXPORT(ux_session_figure) const char *ux_session_figure(const struct ux_session *s, int item, const char *kind,
							   const char *phase, int rep, int side, int position,
							   double t, int height);
/* The same on an engine (NULL: not started), appended to out; -1 with ux_error() for a
 * segment that is not one of e's. The native trace test draws with it too. */
int ux_figure(const struct engine *e, int item, const char *kind, const char *phase, int rep, int side, int position,
	      double t, int height, struct strbuf *out);
/* the engine of a started session, NULL before the start (for figure.c) */
const struct engine *ux_session_engine(const struct ux_session *s);
/* How late (ms) a tick may come before the engine pauses instead of catching up. */
UX_EXPORT(ux_stall_ms) int ux_stall_ms(void);

/* ux_session_start's answers besides 0 */
#define UX_NO_ROUTINE (-1)  /* the routine cannot run (an exercise is missing) */
#define UX_NO_PASS (-2)     /* no pass, or one that is not a pass */
#define UX_WRONG_PASS (-3)  /* a pass for another routine */
#define UX_STARTED (-4)     /* started already */

/* step-json.c: the effects of the engine's last call and what to show at now, as
 * one JSON object {"now", "input", "fx": [...], "view": {...}}; the native trace
 * test writes its lines with the same function. */
void ux_step_json(const struct engine *e, double now, const char *input, struct strbuf *out);
void ux_view_json(const struct engine *e, double now, struct strbuf *out);

/* The names of the inputs, in the order of enum input_kind; NULL-terminated. */
extern const char *const ux_input_names[];
/* json-write.c: a JSON string, quoted and escaped */
void ux_json_str(struct strbuf *out, const char *s);

#endif
