/* test_uni.c — lib/uni.h: the invisible characters (bidi controls, format
 * characters, separators, controls) told apart and shown. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "uni.h"

static void
hidden_characters(void **state)
{
	static const uint32_t hidden[] = { 0x202e, 0x202a, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069,
		0x200e, 0x200f, 0x061c, 0x200b, 0x2060, 0xfeff, 0x00ad, 0x2028, 0x2029, 0x0085,
		0x0000, 0x001b, 0x007f, 0x009f, 0xe0001 };
	static const uint32_t shown[] = { 'a', ' ', 0x00e9, 0x20ac, 0x05d0, 0x0627, 0x200c, 0x200d,
		0x1f600, 0x3000 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
		if (!uni_hidden(hidden[i]))
			fail_msg("U+%04X should be hidden", (unsigned)hidden[i]);
	for (i = 0; i < sizeof shown / sizeof shown[0]; i++)
		if (uni_hidden(shown[i]))
			fail_msg("U+%04X should be shown", (unsigned)shown[i]);
}

/* The review's name: "uni" RLO "LMTH.exe" reads as "uniexe.HTML". */
static void
visible_shows_the_true_name(void **state)
{
	struct arena a;
	const char *plain = "Résumé €.pdf";

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(uni_visible(&a, "uni\xe2\x80\xaeLMTH.exe"), "uni[U+202E]LMTH.exe");
	assert_string_equal(uni_visible(&a, "\xe2\x81\xa7" "a\xe2\x80\x8b" "b\xc2\xad" "c\xe2\x80\xa8"),
	    "[U+2067]a[U+200B]b[U+00AD]c[U+2028]");
	assert_true(uni_visible(&a, plain) == plain);   /* nothing to show: the same string */
	assert_string_equal(uni_visible(&a, "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb.png"),
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb.png");   /* an emoji sequence keeps its joiner */
	assert_string_equal(uni_visible(&a, ""), "");
	arena_free(&a);
}

static void
next_decodes_and_refuses(void **state)
{
	int32_t cp;

	(void)state;
	assert_int_equal(uni_next("\xe2\x80\xae", 3, &cp), 3);
	assert_int_equal(cp, 0x202e);
	assert_int_equal(uni_next("a", 1, &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(uni_next("\xe2\x80", 2, &cp), 1);   /* cut short */
	assert_true(cp < 0);
	assert_int_equal(uni_next("\xc0\xaf", 2, &cp), 1);   /* overlong */
	assert_true(cp < 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hidden_characters),
		cmocka_unit_test(visible_shows_the_true_name),
		cmocka_unit_test(next_decodes_and_refuses),
	};

	return cmocka_run_group_tests_name("uni", tests, NULL, NULL);
}
