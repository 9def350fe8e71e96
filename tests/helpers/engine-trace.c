/* engine-trace.c: the native side of the trace test (tests/wasm). The content comes
 * from YAML files, as for the terminal; the session runs in the native engine; every
 * call's effects and screen are written with the same step-json.c the WebAssembly
 * build uses, one JSON line each. tests/wasm/script.mjs runs the same script in
 * engine.wasm (node and Chromium) and the lines must be equal.
 *
 *   engine-trace content ROUTINE DIR...  the routine and every exercise, as the JSON
 *                                        the page gets (format of content-json.c)
 *   engine-trace run SCRIPT DIR...       run a script (see tests/wasm/README.md); with
 *                                        `@figures HEIGHT`, each call's line is followed by
 *                                        the exercise's figure half-way through the segment
 *                                        on screen (a JSON string), when there is one */
#include "format/content-json.h"
#include "content/load.h"
#include "core/mem.h"
#include "core/pass.h"
#include "wasm/export.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void load(struct catalog *c, char **dirs, int n)
{
	struct diags d;
	diags_init(&d);
	catalog_init(c);
	for (int i = 0; i < n; i++) {
		struct catalog one;
		catalog_init(&one);
		content_load_dir(&one, dirs[i], &d);
		catalog_merge(c, &one, true, &d);
		catalog_free(&one);
	}
	catalog_check_refs(c, &d);
	catalog_drop_broken(c);
	for (size_t i = 0; i < d.n; i++) {
		char *s = diag_format(&d.v[i]);
		fprintf(stderr, "engine-trace: %s\n", s);
		free(s);
	}
	diags_release(&d);
}

static int content(const char *routine, char **dirs, int n)
{
	struct catalog c;
	load(&c, dirs, n);
	const struct routine *r = catalog_routine(&c, routine);
	if (!r) {
		fprintf(stderr, "engine-trace: no routine %s\n", routine);
		return 1;
	}
	json_t *ex = json_array();
	for (size_t i = 0; i < c.n_ex; i++)
		json_array_append_new(ex, exercise_json(&c.ex[i]));
	json_print(json_pack("{s:o, s:o}", "routine", routine_json(&c, r), "exercises", ex));
	catalog_free(&c);
	return 0;
}

/* ---- running a script ---- */

struct run {
	struct engine e;
	int64_t now;
	struct strbuf line;
	int figures; /* the figure's height, 0: no figures */
};

static void emit(struct run *r, const char *input)
{
	strbuf_reset(&r->line);
	ux_step_json(&r->e, (double)r->now, input, &r->line);
	puts(r->line.buf);
	const struct segment *s = engine_segment(&r->e);
	if (!r->figures || !s || !engine_current(&r->e) || r->e.state == ENGINE_DONE)
		return;
	struct strbuf svg = STRBUF_INIT;
	strbuf_reset(&r->line);
	if (ux_figure(&r->e, (int)r->e.item, seg_kind_names[s->kind], s->kind == SEG_PHASE ? phase_names[s->phase] : "",
		      s->rep, s->side, s->position, 0.5, r->figures, &svg)) {
		fprintf(stderr, "engine-trace: %s\n", ux_error());
		exit(1);
	}
	if (svg.len) {
		ux_json_str(&r->line, svg.buf);
		puts(r->line.buf);
	}
	strbuf_release(&svg);
}

static void input(struct run *r, const char *name, int score)
{
	int kind = name_index(ux_input_names, name);
	if (kind < 0) {
		fprintf(stderr, "engine-trace: not an input: %s\n", name);
		exit(2);
	}
	engine_input(&r->e, (struct input){ (enum input_kind)kind, r->now, score });
	emit(r, name);
}

/* tick at each deadline while the engine runs on its own */
static void run(struct run *r)
{
	for (int n = 0; n < 100000 && r->e.state == ENGINE_RUNNING; n++) {
		int64_t dl = engine_deadline(&r->e);
		if (dl == ENGINE_NO_DEADLINE)
			return;
		r->now = dl > r->now ? dl : r->now;
		input(r, "tick", 0);
	}
}

/* to the end, answering what the engine asks (the same answers as script.mjs) */
static void finish(struct run *r)
{
	for (int n = 0; n < 100000 && r->e.state != ENGINE_DONE; n++) {
		int64_t dl = engine_deadline(&r->e);
		if (r->e.state == ENGINE_RUNNING && dl != ENGINE_NO_DEADLINE) {
			r->now = dl > r->now ? dl : r->now;
			input(r, "tick", 0);
		} else if (r->e.state == ENGINE_RUNNING) {
			r->now += 1500;
			input(r, "done", 0);
		} else if (r->e.state == ENGINE_ASK) {
			r->now += 1000;
			input(r, "feel", 1 + (int)(r->e.item % 3));
		} else if (r->e.state == ENGINE_OFFER) {
			r->now += 1000;
			input(r, "done", 0);
		} else {
			r->now += 1000;
			input(r, "resume", 0);
		}
	}
}

static int run_script(const char *path, char **dirs, int n)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "engine-trace: %s: %s\n", path, strerror(errno));
		return 1;
	}
	struct catalog c;
	load(&c, dirs, n);
	struct run r = { .now = 1000, .line = STRBUF_INIT };
	struct engine_opts opt = { .pain_before = -1 };
	struct dose_state doses[64];
	char *dose_ids[64] = { 0 };
	const struct routine *rt = NULL;
	struct session_pass pass = { 0 };
	bool started = false, have_doses = false;
	char buf[512], a[128], b[PASS_TOKEN_MAX + 1];
	int x, y, z, w;
	memset(doses, 0, sizeof(doses));
	while (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\r\n#")] = 0;
		if (sscanf(buf, " %127s", a) != 1)
			continue;
		if (!strcmp(a, "@routine") && sscanf(buf, "@routine %127s", a) == 1) {
			rt = catalog_routine(&c, a);
		} else if (!strcmp(a, "@pass") && sscanf(buf, "@pass %400s", b) == 1) {
			struct pass_claims pc;
			struct strbuf err = STRBUF_INIT;
			if (pass_token_parse(b, &pc, &err)) {
				fprintf(stderr, "engine-trace: %s\n", err.buf);
				return 1;
			}
			/* the test's own pass, as src/wasm/session.c makes it from the token */
			pass = (struct session_pass){ SESSION_PASS_SEAL, pc.entry, pc.neck_ok, pc.gentle };
			opt.pain_before = pc.pain_before;
		} else if (!strcmp(a, "@opt") && sscanf(buf, "@opt %127s %d", a, &x) == 2) {
			if (!strcmp(a, "pacing"))
				opt.pacing = (enum pacing)x;
			else if (!strcmp(a, "ask_feel"))
				opt.ask_feel = x;
			else if (!strcmp(a, "resume_item"))
				opt.resume_item = x;
			else if (!strcmp(a, "resume_units"))
				opt.resume_units = x;
		} else if (!strcmp(a, "@dose") && sscanf(buf, "@dose %d %127s %d %d %d", &x, a, &y, &z, &w) == 5 && rt &&
			   x >= 0 && (size_t)x < rt->n_items && x < 64) {
			dose_ids[x] = xstrdup(strcmp(a, "-") ? a : rt->items[x].exercise);
			doses[x] = dose_state_of(dose_ids[x], y, z, w != 0);
			have_doses = true;
		} else if (!strcmp(a, "@figures") && sscanf(buf, "@figures %d", &x) == 1) {
			r.figures = x;
		} else if (!strcmp(a, "@start") && sscanf(buf, "@start %d", &x) == 1) {
			r.now = x;
		} else if (!strcmp(a, "@expect") || !strcmp(a, "@absent")) {
			/* for the test: a text the trace must hold, or must not */
		} else if (a[0] == '@') {
			fprintf(stderr, "engine-trace: %s: not understood: %s\n", path, buf);
			return 1;
		} else {
			if (!started) {
				if (!rt)
					return fprintf(stderr, "engine-trace: %s: no @routine\n", path), 1;
				for (size_t i = 0; have_doses && i < rt->n_items && i < 64; i++)
					if (!doses[i].exercise)
						doses[i] = dose_state_of(rt->items[i].exercise, 0, 0, false);
				opt.doses = have_doses ? doses : NULL;
				opt.pass = &pass;
				if (engine_init(&r.e, &c, rt, &opt, r.now))
					return fprintf(stderr, "engine-trace: the engine did not start\n"), 1;
				started = true;
				emit(&r, "start");
			}
			if (a[0] == '+')
				r.now += atoi(a + 1);
			else if (!strcmp(a, "run"))
				run(&r);
			else if (!strcmp(a, "finish"))
				finish(&r);
			else if (sscanf(buf, " %127s %d", a, &x) == 2)
				input(&r, a, x);
			else
				input(&r, a, 0);
		}
	}
	fclose(f);
	if (started)
		engine_release(&r.e);
	for (int i = 0; i < 64; i++)
		free(dose_ids[i]);
	strbuf_release(&r.line);
	catalog_free(&c);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "content"))
		return content(argv[2], argv + 3, argc - 3);
	if (argc >= 4 && !strcmp(argv[1], "run"))
		return run_script(argv[2], argv + 3, argc - 3);
	fprintf(stderr, "usage: engine-trace content ROUTINE DIR... | run SCRIPT DIR...\n");
	return 2;
}
