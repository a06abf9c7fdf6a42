/* test_fmt.c — lib/fmt.h: money, numbers, durations and sizes as shown on the lead page (L2, L3). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "arena.h"
#include "fmt.h"

static struct arena A;

static void
money_has_symbol_grouping_and_period(void **state)
{
	(void)state;
	assert_string_equal(fmt_money(&A, 120000, "USD", "monthly"), "$1,200.00 monthly");
	assert_string_equal(fmt_money(&A, 95000, "EUR", "annual"), "€950.00 annual");
	assert_string_equal(fmt_money(&A, 500000, "USD", "one_time"), "$5,000.00");
	assert_string_equal(fmt_money(&A, 4800000, "USD", "annual"), "$48,000.00 annual");
	assert_string_equal(fmt_money(&A, 1250000, "EUR", "monthly"), "€12,500.00 monthly");
	assert_string_equal(fmt_money(&A, 123456789012, "GBP", NULL), "£1,234,567,890.12");
}

static void
money_small_zero_and_negative(void **state)
{
	(void)state;
	assert_string_equal(fmt_money(&A, 0, "USD", "one_time"), "$0.00");
	assert_string_equal(fmt_money(&A, 5, "USD", ""), "$0.05");
	assert_string_equal(fmt_money(&A, 99, "EUR", "one_time"), "€0.99");
	assert_string_equal(fmt_money(&A, -150050, "USD", "one_time"), "-$1,500.50");
	assert_string_equal(fmt_money(&A, LLONG_MIN, "USD", NULL), "-$92,233,720,368,547,758.08");
	assert_string_equal(fmt_money(&A, LLONG_MAX, "USD", NULL), "$92,233,720,368,547,758.07");
}

static void
money_minor_units_follow_the_currency(void **state)
{
	(void)state;
	assert_string_equal(fmt_money(&A, 5000, "JPY", "one_time"), "¥5,000");
	assert_string_equal(fmt_money(&A, 1250, "CHF", "monthly"), "CHF 12.50 monthly");
	assert_string_equal(fmt_money(&A, 1234567, "KWD", NULL), "KWD 1,234.567");
	assert_string_equal(fmt_money(&A, 100, "", NULL), "1.00");
	assert_string_equal(fmt_money(&A, 100, NULL, "weekly"), "1.00");
}

static void
number_groups_plain_decimals_only(void **state)
{
	(void)state;
	assert_string_equal(fmt_number(&A, "4200"), "4,200");
	assert_string_equal(fmt_number(&A, "999"), "999");
	assert_string_equal(fmt_number(&A, "1000"), "1,000");
	assert_string_equal(fmt_number(&A, "-1234567.5"), "-1,234,567.5");
	assert_string_equal(fmt_number(&A, "+12345"), "+12,345");
	assert_string_equal(fmt_number(&A, "0.25"), "0.25");
	assert_string_equal(fmt_number(&A, "12.3.4"), "12.3.4");
	assert_string_equal(fmt_number(&A, "1e6"), "1e6");
	assert_string_equal(fmt_number(&A, "12."), "12.");
	assert_string_equal(fmt_number(&A, ".5"), ".5");
	assert_string_equal(fmt_number(&A, "abc"), "abc");
	assert_string_equal(fmt_number(&A, ""), "");
	assert_string_equal(fmt_number(&A, NULL), "");
}

static void
number_too_long_is_kept_as_given(void **state)
{
	char big[300];

	(void)state;
	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_string_equal(fmt_number(&A, big), big);
}

static void
duration_is_minutes_and_seconds(void **state)
{
	(void)state;
	assert_string_equal(fmt_duration(&A, 0), "0:00");
	assert_string_equal(fmt_duration(&A, 7), "0:07");
	assert_string_equal(fmt_duration(&A, 60), "1:00");
	assert_string_equal(fmt_duration(&A, 725), "12:05");
	assert_string_equal(fmt_duration(&A, 4500), "75:00");
	assert_string_equal(fmt_duration(&A, -3), "0:00");
}

static void
size_is_human(void **state)
{
	(void)state;
	assert_string_equal(fmt_size(&A, 0), "0 B");
	assert_string_equal(fmt_size(&A, 512), "512 B");
	assert_string_equal(fmt_size(&A, 1023), "1023 B");
	assert_string_equal(fmt_size(&A, 1024), "1.0 KB");
	assert_string_equal(fmt_size(&A, 1536), "1.5 KB");
	assert_string_equal(fmt_size(&A, 10240), "10 KB");
	assert_string_equal(fmt_size(&A, 5 * 1024 * 1024), "5.0 MB");
	assert_string_equal(fmt_size(&A, 25LL * 1024 * 1024), "25 MB");
	assert_string_equal(fmt_size(&A, -1), "0 B");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_has_symbol_grouping_and_period),
		cmocka_unit_test(money_small_zero_and_negative),
		cmocka_unit_test(money_minor_units_follow_the_currency),
		cmocka_unit_test(number_groups_plain_decimals_only),
		cmocka_unit_test(number_too_long_is_kept_as_given),
		cmocka_unit_test(duration_is_minutes_and_seconds),
		cmocka_unit_test(size_is_human),
	};

	arena_init(&A, 0);
	return cmocka_run_group_tests_name("fmt", tests, NULL, NULL);
}
