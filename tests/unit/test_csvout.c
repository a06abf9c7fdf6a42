/* test_csvout.c — lib/csvout.h: every cell quoted (RFC 4180), and no cell
 * that a spreadsheet splitting at , ; tab or a line break reads as a formula. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "csvout.h"

static void
cell(const char *in, const char *want)
{
	struct buf b;

	buf_init(&b);
	csvout_cell(&b, in);
	assert_string_equal(b.data ? b.data : "", want);
	buf_free(&b);
}

static void
every_cell_quoted(void **state)
{
	(void)state;
	cell("plain", "\"plain\"");
	cell("", "\"\"");
	cell("a,b", "\"a,b\"");
	cell("say \"hi\"", "\"say \"\"hi\"\"\"");
	cell("two\nlines", "\"two\nlines\"");
	cell("a=b", "\"a=b\"");
	cell("Grüße", "\"Grüße\"");
}

static void
formula_at_the_start(void **state)
{
	(void)state;
	cell("=1+1", "\"'=1+1\"");
	cell("+33 1 23", "\"'+33 1 23\"");
	cell("-2", "\"'-2\"");
	cell("@SUM(A1)", "\"'@SUM(A1)\"");
	cell("\tx", "\"'\tx\"");
	cell("\rx", "\"'\rx\"");
	cell("  =1", "\"  '=1\"");
	cell("=HYPERLINK(\"u\")", "\"'=HYPERLINK(\"\"u\"\")\"");
}

/* The review's two: a reader splitting at ";" or at a line saw "=..." cells. */
static void
formula_after_a_separator_inside(void **state)
{
	(void)state;
	cell("x;=cmd|' /C calc'!A0", "\"x;'=cmd|' /C calc'!A0\"");
	cell("a\n=2+2", "\"a\n'=2+2\"");
	cell("a\r\n+1", "\"a\r\n'+1\"");
	cell("a,@x", "\"a,'@x\"");
	cell("a\t-1", "\"a\t'-1\"");
	cell("a; =1", "\"a; '=1\"");
	cell("a;;=1", "\"a;;'=1\"");
	cell("a=1;b", "\"a=1;b\"");
	cell("x\t\ty", "\"x\t\ty\"");
}

static void
rows(void **state)
{
	const char *const c[] = { "id", "x;=1", NULL, "\"q\"" };
	struct buf b;

	(void)state;
	buf_init(&b);
	csvout_row(&b, c, 4);
	csvout_row(&b, c, 1);
	assert_string_equal(b.data, "\"id\",\"x;'=1\",\"\",\"\"\"q\"\"\"\r\n\"id\"\r\n");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_cell_quoted),
		cmocka_unit_test(formula_at_the_start),
		cmocka_unit_test(formula_after_a_separator_inside),
		cmocka_unit_test(rows),
	};

	return cmocka_run_group_tests_name("csvout", tests, NULL, NULL);
}
