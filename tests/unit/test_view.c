/* test_view.c — lib/view.h: expansion of auto-escaped templates.
 *
 * ctemplate's cache is process-global and view_init freezes it, so this
 * binary loads one good set once (group setup) and only renders; the start-up
 * failures (missing pragma, syntax errors) live in test_view_bad.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "arena.h"
#include "view.h"

#define PRAGMA "{{%AUTOESCAPE context=\"HTML\"}}\n"

static const struct {
	const char *name;
	const char *text;
} files[] = {
	{ "text.tpl", PRAGMA "<p>{{NAME}}</p>" },
	{ "attr.tpl", PRAGMA "<p title=\"{{NAME}}\">t</p>" },
	{ "int.tpl", PRAGMA "n={{N}}" },
	{ "rows.tpl", PRAGMA "<ul>{{#ROW}}<li>{{V}}</li>{{/ROW}}</ul>" },
	{ "flag.tpl", PRAGMA "[{{#FLAG}}shown{{/FLAG}}]" },
	{ "page.tpl", PRAGMA "<main>{{>BODY}}</main><footer>{{SITE}}</footer>" },
	{ "body.tpl", PRAGMA "<div>{{SITE}}|{{OWN}}|{{NAME}}</div>" },
	{ "link.tpl", PRAGMA "<a href=\"{{URL}}\">x</a>" },
	{ "img.tpl", PRAGMA "<img src=\"{{URL}}\">" },
	{ "script.tpl", PRAGMA "<script>var s = \"{{JS}}\";</script>" },
	{ "blank.tpl", PRAGMA "a\n\n\nb" },
};
#define NFILES (sizeof files / sizeof files[0])

static char dir[] = "/tmp/leadline-view-test.XXXXXX";

static void
remove_dir(void)
{
	char p[256];
	size_t i;

	for (i = 0; i < NFILES; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[i].name);
		unlink(p);
	}
	rmdir(dir);
}

static int
group_setup(void **state)
{
	const char *names[NFILES + 1];
	char p[256], err[256] = "";
	size_t i;
	FILE *fp;

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	for (i = 0; i < NFILES; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[i].name);
		if ((fp = fopen(p, "w")) == NULL)
			return -1;
		fputs(files[i].text, fp);
		fclose(fp);
		names[i] = files[i].name;
	}
	names[NFILES] = NULL;
	if (view_init(dir, names, err, sizeof err) != 0) {
		fprintf(stderr, "view_init: %s\n", err);
		remove_dir();
		return -1;
	}
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	remove_dir();
	return 0;
}

struct fx {
	struct view_dict *d;
	struct buf        out;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (f == NULL || (f->d = view_dict_new()) == NULL)
		return -1;
	buf_init(&f->out);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	view_dict_free(f->d);
	buf_free(&f->out);
	free(f);
	return 0;
}

/* Renders name with f's dictionary; the output, NUL-terminated. */
static const char *
render(struct fx *f, const char *name)
{
	buf_reset(&f->out, 0);
	assert_int_equal(view_render(name, f->d, &f->out), 0);
	assert_non_null(f->out.data);
	return f->out.data;
}

static int
contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

static void
plain_value(void **state)
{
	struct fx *f = *state;

	view_set(f->d, "NAME", "Ada Lovelace");
	assert_string_equal(render(f, "text.tpl"), "<p>Ada Lovelace</p>");
}

static void
value_is_html_escaped(void **state)
{
	struct fx *f = *state;
	const char *out;

	view_set(f->d, "NAME", "<script>&\"'");
	out = render(f, "text.tpl");
	assert_string_equal(out, "<p>&lt;script&gt;&amp;&quot;&#39;</p>");
	assert_null(strstr(out, "<script"));
}

static void
attribute_value_cannot_break_out(void **state)
{
	struct fx *f = *state;
	const char *out;

	view_set(f->d, "NAME", "x\" onmouseover=\"alert(1)");
	out = render(f, "attr.tpl");
	assert_null(strstr(out, "\" onmouseover"));
	assert_non_null(strstr(out, "&quot;"));
	assert_memory_equal(out, "<p title=\"", 10);
}

static void
utf8_value_kept(void **state)
{
	struct fx *f = *state;

	view_set(f->d, "NAME", "Z\xC3\xBCrich \xF0\x9F\x98\x80");
	assert_string_equal(render(f, "text.tpl"), "<p>Z\xC3\xBCrich \xF0\x9F\x98\x80</p>");
}

static void
null_value_is_empty(void **state)
{
	struct fx *f = *state;

	view_set(f->d, "NAME", "first");
	view_set(f->d, "NAME", NULL);
	assert_string_equal(render(f, "text.tpl"), "<p></p>");
}

static void
unset_value_is_empty(void **state)
{
	struct fx *f = *state;

	assert_string_equal(render(f, "text.tpl"), "<p></p>");
}

static void
value_is_copied(void **state)
{
	struct fx *f = *state;
	char v[] = "original";

	view_set(f->d, "NAME", v);
	strcpy(v, "changed!");
	assert_string_equal(render(f, "text.tpl"), "<p>original</p>");
}

static void
int_value(void **state)
{
	struct fx *f = *state;

	view_set_int(f->d, "N", -1234567);
	assert_string_equal(render(f, "int.tpl"), "n=-1234567");
	view_set_int(f->d, "N", 0);
	assert_string_equal(render(f, "int.tpl"), "n=0");
}

static void
section_repeats(void **state)
{
	struct fx *f = *state;

	view_set(view_section(f->d, "ROW"), "V", "one");
	view_set(view_section(f->d, "ROW"), "V", "<two>");
	assert_string_equal(render(f, "rows.tpl"), "<ul><li>one</li><li>&lt;two&gt;</li></ul>");
}

static void
section_many_rows_in_order(void **state)
{
	struct fx *f = *state;
	const char *out, *p;
	char v[16];
	int i;

	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "r%d", i);
		view_set(view_section(f->d, "ROW"), "V", v);
	}
	out = render(f, "rows.tpl");
	p = out;
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof v, "<li>r%d</li>", i);
		p = strstr(p, v);
		if (p == NULL)
			fail_msg("row %d missing or out of order in %s", i, out);
	}
}

static void
section_hidden_when_not_shown(void **state)
{
	struct fx *f = *state;

	assert_string_equal(render(f, "rows.tpl"), "<ul></ul>");
	assert_string_equal(render(f, "flag.tpl"), "[]");
}

static void
section_shown_once(void **state)
{
	struct fx *f = *state;

	view_show(f->d, "FLAG");
	assert_string_equal(render(f, "flag.tpl"), "[shown]");
}

static void
include_with_global(void **state)
{
	struct fx *f = *state;
	struct view_dict *inc;

	view_set_global(f->d, "SITE", "Northwind & Co");
	inc = view_include(f->d, "BODY", "body.tpl");
	assert_non_null(inc);
	view_set(inc, "OWN", "<own>");
	assert_string_equal(render(f, "page.tpl"),
	    "<main><div>Northwind &amp; Co|&lt;own&gt;|</div></main>"
	    "<footer>Northwind &amp; Co</footer>");
}

static void
include_not_filled_is_empty(void **state)
{
	struct fx *f = *state;

	view_set_global(f->d, "SITE", "s");
	assert_string_equal(render(f, "page.tpl"), "<main></main><footer>s</footer>");
}

static void
javascript_url_neutralized(void **state)
{
	static const char *const bad[] = {
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
		"java\tscript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
	};
	struct fx *f = *state;
	const char *out;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		view_set(f->d, "URL", bad[i]);
		out = render(f, "link.tpl");
		if (contains_ci(out, "script:") || contains_ci(out, "data:"))
			fail_msg("%s came out as %s", bad[i], out);
		assert_memory_equal(out, "<a href=\"", 9);
		out = render(f, "img.tpl");
		if (contains_ci(out, "script:") || contains_ci(out, "data:"))
			fail_msg("%s came out as %s", bad[i], out);
	}
}

static void
good_url_kept_and_escaped(void **state)
{
	struct fx *f = *state;

	view_set(f->d, "URL", "https://x.test/?a=1&b=\"2\"");
	assert_string_equal(render(f, "link.tpl"), "<a href=\"https://x.test/?a=1&amp;b=&quot;2&quot;\">x</a>");
	view_set(f->d, "URL", "/leads/lead_abc");
	assert_string_equal(render(f, "link.tpl"), "<a href=\"/leads/lead_abc\">x</a>");
}

static void
script_value_cannot_close_the_script(void **state)
{
	struct fx *f = *state;
	const char *out;

	view_set(f->d, "JS", "\"</script><script>alert(1)//");
	out = render(f, "script.tpl");
	assert_memory_equal(out, "<script>var s = \"", 17);
	/* one opening and one closing tag: the template's own */
	assert_ptr_equal(strstr(out, "<script"), out);
	assert_null(strstr(out + 1, "<script"));
	assert_ptr_equal(strstr(out, "</script>"), out + strlen(out) - 9);
	assert_null(strstr(out, "\"</"));
}

static void
blank_lines_stripped(void **state)
{
	struct fx *f = *state;

	assert_string_equal(render(f, "blank.tpl"), "a\nb");
}

static void
render_twice_same_output(void **state)
{
	struct fx *f = *state;
	char first[64];

	view_set(view_section(f->d, "ROW"), "V", "x");
	snprintf(first, sizeof first, "%s", render(f, "rows.tpl"));
	assert_string_equal(render(f, "rows.tpl"), first);
}

static void
unknown_template_fails(void **state)
{
	struct fx *f = *state;

	/* not among the names view_init loaded, though the file may exist */
	assert_int_equal(view_render("no_such.tpl", f->d, &f->out), -1);
}

static void
out_of_memory_buffer_fails(void **state)
{
	struct fx *f = *state;

	view_set(f->d, "NAME", "x");
	f->out.oom = 1;
	assert_int_equal(view_render("text.tpl", f->d, &f->out), -1);
}

static void
many_dictionaries(void **state)
{
	struct buf b;
	int i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 1000; i++) {
		struct view_dict *d = view_dict_new();
		char v[16];

		assert_non_null(d);
		snprintf(v, sizeof v, "%d", i);
		view_set(d, "NAME", v);
		view_set(view_section(d, "ROW"), "V", v);
		buf_reset(&b, 1 << 16);
		assert_int_equal(view_render("text.tpl", d, &b), 0);
		assert_int_equal(atoi(b.data + 3), i);
		view_dict_free(d);
	}
	buf_free(&b);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(plain_value),
		T(value_is_html_escaped),
		T(attribute_value_cannot_break_out),
		T(utf8_value_kept),
		T(null_value_is_empty),
		T(unset_value_is_empty),
		T(value_is_copied),
		T(int_value),
		T(section_repeats),
		T(section_many_rows_in_order),
		T(section_hidden_when_not_shown),
		T(section_shown_once),
		T(include_with_global),
		T(include_not_filled_is_empty),
		T(javascript_url_neutralized),
		T(good_url_kept_and_escaped),
		T(script_value_cannot_close_the_script),
		T(blank_lines_stripped),
		T(render_twice_same_output),
		T(unknown_template_fails),
		T(out_of_memory_buffer_fails),
		cmocka_unit_test(many_dictionaries),
	};

	return cmocka_run_group_tests_name("view", tests, group_setup, group_teardown);
}
