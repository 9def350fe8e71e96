/* test_template.c: the HTML templates: values escaped, sections over arrays, objects and
 * flags, inverted sections, dotted names, lookup outwards, partials, and every syntax
 * error reported with the template's name and line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "format/template.h"
#include <string.h>

/* Render text with the JSON data; returns the output (static buffer) or the error. */
static const char *render(const char *text, const char *data)
{
	static char result[4096];
	struct tpl_set *set = tpl_set_new();
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	json_t *ctx = json_loads(data, 0, NULL);
	assert_non_null(ctx);
	if (!tpl_add(set, "t", text, strlen(text), &err) && !tpl_render(set, "t", ctx, &out, &err))
		snprintf(result, sizeof(result), "%s", out.buf ? out.buf : "");
	else
		snprintf(result, sizeof(result), "ERROR %s", err.buf);
	json_decref(ctx);
	strbuf_release(&out);
	strbuf_release(&err);
	tpl_set_free(set);
	return result;
}

/* {{*name}}: the program's pieces of markup, chosen by an integer from the data; a
 * string from the data is never markup, and an index out of range gives nothing. */
static void test_markup(void **state)
{
	(void)state;
	static const char *const pieces[] = { "<svg>a</svg>", "<b>two</b>" };
	struct tpl_set *set = tpl_set_new();
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const char *text = "{{#c}}[{{*svg}}]{{/c}}";
	assert_int_equal(tpl_add(set, "t", text, strlen(text), &err), 0);
	json_t *ctx = json_loads("{\"c\": [{\"svg\": 1}, {\"svg\": 0}, {\"svg\": \"<i>x</i>\"}, {\"svg\": 2}, "
				 "{\"svg\": -1}]}", 0, NULL);
	assert_int_equal(tpl_render_markup(set, "t", ctx, pieces, 2, &out, &err), 0);
	assert_string_equal(out.buf, "[<b>two</b>][<svg>a</svg>][][][]");
	strbuf_reset(&out);
	assert_int_equal(tpl_render(set, "t", ctx, &out, &err), 0); /* no pieces: nothing */
	assert_string_equal(out.buf, "[][][][][]");
	json_decref(ctx);
	strbuf_release(&out);
	strbuf_release(&err);
	tpl_set_free(set);
}

static void test_values(void **state)
{
	(void)state;
	assert_string_equal(render("Hi {{name}}!", "{\"name\": \"Ann\"}"), "Hi Ann!");
	assert_string_equal(render("{{ name }}", "{\"name\": \"Ann\"}"), "Ann");
	assert_string_equal(render("<p>{{x}}</p>", "{\"x\": \"<script>alert('1')</script> & \\\"\"}"),
			    "<p>&lt;script&gt;alert(&#39;1&#39;)&lt;/script&gt; &amp; &quot;</p>");
	assert_string_equal(render("{{n}} {{r}} {{t}} {{f}} {{z}} {{missing}}.",
				   "{\"n\": 42, \"r\": 1.5, \"t\": true, \"f\": false, \"z\": null}"),
			    "42 1.5    .");
	assert_string_equal(render("{{a.b.c}}", "{\"a\": {\"b\": {\"c\": \"deep\"}}}"), "deep");
	assert_string_equal(render("[{{a.x.c}}]", "{\"a\": {\"b\": 1}}"), "[]");
	assert_string_equal(render("a{{! a comment }}b", "{}"), "ab");
	/* control characters are dropped, tab and newline kept */
	assert_string_equal(render("{{x}}", "{\"x\": \"a\\u0001b\\tc\\nd\"}"), "ab\tc\nd");
}

static void test_sections(void **state)
{
	(void)state;
	assert_string_equal(render("{{#list}}<{{.}}>{{/list}}", "{\"list\": [\"a\", \"b\", \"c\"]}"), "<a><b><c>");
	assert_string_equal(render("{{#list}}{{name}}:{{top}} {{/list}}",
				   "{\"top\": \"T\", \"list\": [{\"name\": \"x\"}, {\"name\": \"y\", \"top\": \"own\"}]}"),
			    "x:T y:own ");
	assert_string_equal(render("{{#obj}}{{a}}{{/obj}}", "{\"obj\": {\"a\": 1}}"), "1");
	assert_string_equal(render("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", "{\"flag\": true}"), "yes");
	for (int i = 0; i < 6; i++) {
		static const char *const falsy[] = { "false", "null", "0", "\"\"", "[]", "0.0" };
		char data[64];
		snprintf(data, sizeof(data), "{\"flag\": %s}", falsy[i]);
		assert_string_equal(render("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", data), "no");
	}
	assert_string_equal(render("{{#missing}}yes{{/missing}}{{^missing}}no{{/missing}}", "{}"), "no");
	assert_string_equal(render("{{#a}}{{#b}}{{c}}{{/b}}{{/a}}", "{\"a\": {\"b\": [{\"c\": 1}, {\"c\": 2}]}}"), "12");
	assert_string_equal(render("{{#a.b}}{{.}}{{/a.b}}", "{\"a\": {\"b\": [3, 4]}}"), "34");
	assert_string_equal(render("{{#s}}[{{.}}]{{/s}}", "{\"s\": \"text\"}"), "[text]");
}

static void test_partials(void **state)
{
	(void)state;
	struct tpl_set *set = tpl_set_new();
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const char *head = "<h1>{{title}}</h1>", *page = "{{> head}}{{#items}}{{> item}}{{/items}}",
		   *item = "<li>{{.}}</li>";
	assert_int_equal(tpl_add(set, "head", head, strlen(head), &err), 0);
	assert_int_equal(tpl_add(set, "page", page, strlen(page), &err), 0);
	assert_int_equal(tpl_check_partials(set, &err), -1);
	assert_non_null(strstr(err.buf, "page:1: no template 'item'"));
	strbuf_reset(&err);
	assert_int_equal(tpl_add(set, "item", item, strlen(item), &err), 0);
	assert_int_equal(tpl_check_partials(set, &err), 0);
	assert_true(tpl_has(set, "item"));
	assert_false(tpl_has(set, "nope"));
	json_t *ctx = json_pack("{s:s, s:[s,s]}", "title", "T<", "items", "a", "b");
	assert_int_equal(tpl_render(set, "page", ctx, &out, &err), 0);
	assert_string_equal(out.buf, "<h1>T&lt;</h1><li>a</li><li>b</li>");
	assert_int_equal(tpl_render(set, "nope", ctx, &out, &err), -1);
	/* a partial that includes itself stops with an error, not a crash */
	const char *loop = "x{{> loop}}";
	assert_int_equal(tpl_add(set, "loop", loop, strlen(loop), &err), 0);
	strbuf_reset(&err);
	assert_int_equal(tpl_render(set, "loop", ctx, &out, &err), -1);
	assert_non_null(strstr(err.buf, "too deep"));
	json_decref(ctx);
	strbuf_release(&out);
	strbuf_release(&err);
	tpl_set_free(set);
}

static void test_errors(void **state)
{
	(void)state;
	assert_string_equal(render("a\n{{#x}}\nb", "{}"), "ERROR t:2: section 'x' is never closed");
	assert_string_equal(render("a\nb\n{{#x}}{{/y}}", "{}"),
			    "ERROR t:3: {{/y}} closes no open section (the open one is 'x')");
	assert_string_equal(render("{{/y}}", "{}"), "ERROR t:1: {{/y}} closes no open section");
	assert_string_equal(render("a {{name", "{}"), "ERROR t:1: '{{' is never closed by '}}'");
	assert_string_equal(render("{{{raw}}}", "{}"),
			    "ERROR t:1: '{raw' is not a name (letters, digits, _ - and dots)");
	assert_string_equal(render("{{}}", "{}"), "ERROR t:1: '' is not a name (letters, digits, _ - and dots)");
	assert_string_equal(render("{{a..b}}", "{}"), "ERROR t:1: 'a..b' is not a name (letters, digits, _ - and dots)");
	assert_string_equal(render("{{a b}}", "{}"), "ERROR t:1: 'a b' is not a name (letters, digits, _ - and dots)");
	struct tpl_set *set = tpl_set_new();
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(tpl_add(set, "nul", "a\0b", 3, &err), -1);
	assert_false(tpl_has(set, "nul"));
	strbuf_release(&err);
	tpl_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_markup),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_partials),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
