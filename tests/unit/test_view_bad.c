/* test_view_bad.c — lib/view.h: view_init refuses broken templates at start-up.
 *
 * A binary of its own: a successful view_init freezes ctemplate's
 * process-global cache, after which nothing new would load anyway. Every
 * failing case runs before the one success, the last test, which shows the
 * failures came from the templates and not from the set-up. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "view.h"

#define PRAGMA "{{%AUTOESCAPE context=\"HTML\"}}"

static const struct {
	const char *name;
	const char *text;
} files[] = {
	{ "good.tpl", PRAGMA "\n<p>{{NAME}}</p>" },
	{ "good2.tpl", PRAGMA "\n{{#S}}{{V}}{{/S}}" },
	{ "nopragma.tpl", "<p>{{NAME}}</p>" },
	{ "late_pragma.tpl", "<!-- header -->\n" PRAGMA "\n<p>{{NAME}}</p>" },
	{ "js_pragma.tpl", "{{%AUTOESCAPE context=\"JAVASCRIPT\"}}\nvar x = {{X}};" },
	{ "empty.tpl", "" },
	{ "short.tpl", "{{%AUTO" },
	{ "unclosed.tpl", PRAGMA "\n{{#OPEN}}never closed" },
	{ "stray_close.tpl", PRAGMA "\n{{/NOT_OPEN}}" },
	{ "mismatch.tpl", PRAGMA "\n{{#A}}x{{/B}}" },
	{ "unterminated.tpl", PRAGMA "\n<p>{{NAME</p>" },
	{ "bad_modifier.tpl", PRAGMA "\n{{NAME:no_such_modifier}}" },
};
#define NFILES (sizeof files / sizeof files[0])

static char dir[] = "/tmp/leadline-view-bad.XXXXXX";
static char err[512];

static int
group_setup(void **state)
{
	char p[256];
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
	}
	return 0;
}

static int
group_teardown(void **state)
{
	char p[256];
	size_t i;

	(void)state;
	for (i = 0; i < NFILES; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[i].name);
		unlink(p);
	}
	rmdir(dir);
	return 0;
}

/* view_init on the list; -1 expected, with the culprit named in err. */
static void
expect_refused(const char *const *names, const char *culprit)
{
	memset(err, 0, sizeof err);
	assert_int_equal(view_init(dir, names, err, sizeof err), -1);
	if (strstr(err, culprit) == NULL)
		fail_msg("err \"%s\" does not name %s", err, culprit);
}

static void
missing_pragma_refused(void **state)
{
	const char *names[] = { "nopragma.tpl", NULL };

	(void)state;
	expect_refused(names, "nopragma.tpl");
}

static void
pragma_not_at_the_start_refused(void **state)
{
	const char *names[] = { "late_pragma.tpl", NULL };

	(void)state;
	expect_refused(names, "late_pragma.tpl");
}

static void
other_context_refused(void **state)
{
	const char *names[] = { "js_pragma.tpl", NULL };

	(void)state;
	expect_refused(names, "js_pragma.tpl");
}

static void
empty_and_short_files_refused(void **state)
{
	const char *a[] = { "empty.tpl", NULL };
	const char *b[] = { "short.tpl", NULL };

	(void)state;
	expect_refused(a, "empty.tpl");
	expect_refused(b, "short.tpl");
}

static void
missing_file_refused(void **state)
{
	const char *names[] = { "no_such_file.tpl", NULL };

	(void)state;
	expect_refused(names, "no_such_file.tpl");
}

static void
missing_directory_refused(void **state)
{
	const char *names[] = { "good.tpl", NULL };

	(void)state;
	memset(err, 0, sizeof err);
	assert_int_equal(view_init("/nonexistent/leadline/templates", names, err, sizeof err), -1);
	assert_true(err[0] != '\0');
}

static void
unclosed_section_refused(void **state)
{
	const char *names[] = { "unclosed.tpl", NULL };

	(void)state;
	expect_refused(names, "unclosed.tpl");
}

static void
stray_close_refused(void **state)
{
	const char *names[] = { "stray_close.tpl", NULL };

	(void)state;
	expect_refused(names, "stray_close.tpl");
}

static void
mismatched_sections_refused(void **state)
{
	const char *names[] = { "mismatch.tpl", NULL };

	(void)state;
	expect_refused(names, "mismatch.tpl");
}

static void
unterminated_variable_refused(void **state)
{
	const char *names[] = { "unterminated.tpl", NULL };

	(void)state;
	expect_refused(names, "unterminated.tpl");
}

static void
unknown_modifier_refused(void **state)
{
	const char *names[] = { "bad_modifier.tpl", NULL };

	(void)state;
	expect_refused(names, "bad_modifier.tpl");
}

/* good templates first, the broken one last: err names the broken one only */
static void
broken_one_named_among_good_ones(void **state)
{
	const char *a[] = { "good.tpl", "good2.tpl", "unclosed.tpl", NULL };
	const char *b[] = { "good.tpl", "nopragma.tpl", "good2.tpl", NULL };

	(void)state;
	expect_refused(a, "unclosed.tpl");
	assert_null(strstr(err, "good"));
	expect_refused(b, "nopragma.tpl");
	assert_null(strstr(err, "good"));
}

static void
error_fits_small_buffer(void **state)
{
	const char *names[] = { "nopragma.tpl", NULL };
	char small[8];

	(void)state;
	memset(small, 'Z', sizeof small);
	assert_int_equal(view_init(dir, names, small, sizeof small), -1);
	assert_non_null(memchr(small, '\0', sizeof small));
}

/* Last: the same directory and set-up load fine when the templates are good. */
static void
good_set_loads_after_failures(void **state)
{
	const char *names[] = { "good.tpl", "good2.tpl", NULL };
	struct view_dict *d;
	struct buf b;

	(void)state;
	memset(err, 0, sizeof err);
	if (view_init(dir, names, err, sizeof err) != 0)
		fail_msg("view_init of good templates: %s", err);
	d = view_dict_new();
	assert_non_null(d);
	view_set(d, "NAME", "<ok>");
	buf_init(&b);
	assert_int_equal(view_render("good.tpl", d, &b), 0);
	assert_string_equal(b.data, "<p>&lt;ok&gt;</p>");
	/* a template that failed to load is not there to render */
	buf_reset(&b, 0);
	assert_int_equal(view_render("unclosed.tpl", d, &b), -1);
	buf_free(&b);
	view_dict_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(missing_pragma_refused),
		cmocka_unit_test(pragma_not_at_the_start_refused),
		cmocka_unit_test(other_context_refused),
		cmocka_unit_test(empty_and_short_files_refused),
		cmocka_unit_test(missing_file_refused),
		cmocka_unit_test(missing_directory_refused),
		cmocka_unit_test(unclosed_section_refused),
		cmocka_unit_test(stray_close_refused),
		cmocka_unit_test(mismatched_sections_refused),
		cmocka_unit_test(unterminated_variable_refused),
		cmocka_unit_test(unknown_modifier_refused),
		cmocka_unit_test(broken_one_named_among_good_ones),
		cmocka_unit_test(error_fits_small_buffer),
		cmocka_unit_test(good_set_loads_after_failures),
	};

	return cmocka_run_group_tests_name("view_bad", tests, group_setup, group_teardown);
}
