/* test_files.c — lib/files.h without a database: the download's
 * Content-Disposition (RFC 6266 / 5987) and categories of media types. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "files.h"

static struct arena a;

static void
disp(const char *name, const char *want)
{
	arena_init(&a, 0);
	assert_string_equal(files_disposition(&a, name), want);
	arena_free(&a);
}

static void
plain_ascii_name(void **state)
{
	(void)state;
	disp("report.pdf", "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
	disp("Q3 plan (v2).xlsx",
	    "attachment; filename=\"Q3 plan (v2).xlsx\"; filename*=UTF-8''Q3%20plan%20%28v2%29.xlsx");
}

static void
non_ascii_is_one_underscore_per_character(void **state)
{
	(void)state;
	disp("Résumé €.pdf",
	    "attachment; filename=\"R_sum_ _.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%82%AC.pdf");
}

static void
hostile_names_are_safe(void **state)
{
	(void)state;
	disp("../../etc/passwd", "attachment; filename=\".._.._etc_passwd\"; filename*=UTF-8''.._.._etc_passwd");
	disp("a\r\nSet-Cookie: x=1", "attachment; filename=\"a__Set-Cookie: x=1\"; "
	    "filename*=UTF-8''a__Set-Cookie%3A%20x%3D1");
	disp("q\"u\\o%te", "attachment; filename=\"q_u_o_te\"; filename*=UTF-8''q%22u_o%25te");
	disp("", "attachment; filename=\"download\"; filename*=UTF-8''download");
}

static void
categories(void **state)
{
	(void)state;
	assert_string_equal(files_category("application/pdf"), "pdf");
	assert_string_equal(files_category("image/png"), "image");
	assert_string_equal(files_category("text/csv"), "spreadsheet");
	assert_string_equal(files_category("text/plain"), "text");
	assert_string_equal(files_category("application/zip"), "archive");
	assert_string_equal(files_category(
	    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "document");
	assert_string_equal(files_category("application/vnd.ms-powerpoint"), "presentation");
	assert_string_equal(files_category("audio/mpeg"), "audio");
	assert_string_equal(files_category("video/mp4"), "video");
	assert_string_equal(files_category("application/octet-stream"), "other");
	assert_string_equal(files_category(NULL), "other");
	assert_int_equal(files_cat_of("presentation"), FILES_PRESENTATION);
	assert_int_equal(files_cat_of("pdfs"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_ascii_name),
		cmocka_unit_test(non_ascii_is_one_underscore_per_character),
		cmocka_unit_test(hostile_names_are_safe),
		cmocka_unit_test(categories),
	};

	return cmocka_run_group_tests_name("files", tests, NULL, NULL);
}
