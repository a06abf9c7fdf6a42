/* test_valid.c — lib/valid.h: the validators every write shares, and the
 * per-field messages. No database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "valid.h"

static struct arena A;
static struct valid_errs E;

static const struct valid_spec opt = { "f", "The field", 0, 0 };
static const struct valid_spec req = { "f", "The field", VALID_REQUIRED, 0 };

static int
setup(void **state)
{
	(void)state;
	arena_init(&A, 0);
	valid_reset(&E);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&A);
	return 0;
}

/* ---- the messages ---- */

static void
errs_keep_the_first_message_of_a_field(void **state)
{
	(void)state;
	valid_add(&E, "name", "first");
	valid_add(&E, "name", "second");
	valid_add(&E, "url", "third");
	assert_int_equal(E.n, 2);
	assert_string_equal(valid_get(&E, "name"), "first");
	assert_string_equal(valid_get(&E, "url"), "third");
	assert_null(valid_get(&E, "title"));
	valid_reset(&E);
	assert_int_equal(E.n, 0);
	assert_null(valid_get(&E, "name"));
}

static void
errs_stop_at_their_size(void **state)
{
	char names[VALID_MAX + 5][8];
	size_t i;

	(void)state;
	for (i = 0; i < VALID_MAX + 5; i++) {
		snprintf(names[i], sizeof names[i], "f%zu", i);
		valid_add(&E, names[i], "m");
	}
	assert_int_equal(E.n, VALID_MAX);
	assert_non_null(valid_get(&E, "f0"));
	assert_null(valid_get(&E, names[VALID_MAX]));
}

static void
db_errors_map_to_statuses(void **state)
{
	(void)state;
	assert_int_equal(valid_db(DB_OK), VALID_OK);
	assert_int_equal(valid_db(DB_DOWN), VALID_DOWN);
	assert_int_equal(valid_db(DB_ERROR), VALID_ERROR);
	assert_int_equal(valid_db(DB_DUP), VALID_ERROR);
	assert_string_equal(valid_rc_str(VALID_NOT_FOUND), "not found");
}

/* ---- text ---- */

static void
text_is_trimmed_and_kept(void **state)
{
	const char *out;
	struct valid_spec sp = { "name", "The name", VALID_REQUIRED, 10 };

	(void)state;
	assert_true(valid_text(&A, &E, &sp, "  Globex \t", &out));
	assert_string_equal(out, "Globex");
	/* ten characters of two bytes each fit in ten characters */
	assert_true(valid_text(&A, &E, &sp, "éééééééééé", &out));
	assert_int_equal(strlen(out), 20);
	assert_int_equal(E.n, 0);
}

static void
text_required_and_optional(void **state)
{
	const char *out = "x";

	(void)state;
	assert_true(valid_text(&A, &E, &opt, "   ", &out));
	assert_null(out);
	assert_true(valid_text(&A, &E, &opt, NULL, &out));
	assert_null(out);
	assert_int_equal(E.n, 0);
	assert_false(valid_text(&A, &E, &req, " \n ", &out));
	assert_string_equal(valid_get(&E, "f"), "The field is required.");
}

static void
text_too_long_in_characters_or_bytes(void **state)
{
	const char *out;
	struct valid_spec chars = { "a", "The name", 0, 5 };
	struct valid_spec bytes = { "b", "The note", VALID_BYTES, 5 };

	(void)state;
	assert_false(valid_text(&A, &E, &chars, "abcdef", &out));
	assert_string_equal(valid_get(&E, "a"), "The name is too long: use at most 5 characters.");
	assert_false(valid_text(&A, &E, &bytes, "ééé", &out));
	assert_string_equal(valid_get(&E, "b"), "The note is too long: use at most 5 bytes.");
	assert_null(out);
}

static void
text_refuses_invalid_utf8_and_control_characters(void **state)
{
	const char *out;
	struct valid_spec a = { "a", "The name", 0, 0 }, b = { "b", "The name", 0, 0 },
	    c = { "c", "The name", 0, 0 }, d = { "d", "The name", 0, 0 };

	(void)state;
	assert_false(valid_text(&A, &E, &a, "caf\xc3", &out));
	assert_string_equal(valid_get(&E, "a"),
	    "The name contains characters that are not valid text (UTF-8).");
	assert_false(valid_text(&A, &E, &b, "\xed\xa0\x80", &out));   /* a surrogate */
	assert_false(valid_text(&A, &E, &c, "a\x01z", &out));
	assert_string_equal(valid_get(&E, "c"), "The name contains control characters.");
	assert_false(valid_text(&A, &E, &d, "two\nlines", &out));
	assert_string_equal(valid_get(&E, "d"), "The name must fit on one line.");
	assert_int_equal(E.n, 4);
}

static void
multiline_text_keeps_lf_for_crlf(void **state)
{
	const char *out;
	struct valid_spec sp = { "note", "The note", VALID_MULTILINE, 0 };

	(void)state;
	assert_true(valid_text(&A, &E, &sp, "line one\r\nline\ttwo\r\n\r\n", &out));
	assert_string_equal(out, "line one\nline\ttwo");
}

/* ---- email ---- */

static void
email_addresses(void **state)
{
	static const char *good[] = {
		"ada@northwind.test", "first.last+tag@mail.example.co.uk", "o'brien@x-y.example",
		"josé@correo.example", "a@b.cd",
	};
	static const char *bad[] = {
		"ada", "@x.example", "ada@", "ada@example", "ada@@x.example", ".ada@x.example",
		"ada.@x.example", "a..b@x.example", "ada@-x.example", "ada@x-.example",
		"ada@x..example", "ada@x.example.", "ada smith@x.example", "ada@x.123", "<ada@x.example>",
	};
	const char *out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (!valid_email(&A, &E, &opt, good[i], &out))
			fail_msg("refused %s", good[i]);
		assert_string_equal(out, good[i]);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		valid_reset(&E);
		if (valid_email(&A, &E, &opt, bad[i], &out))
			fail_msg("took %s", bad[i]);
		assert_string_equal(valid_get(&E, "f"),
		    "The field must be an email address like name@example.com.");
	}
}

static void
email_lists_are_joined_with_commas(void **state)
{
	const char *out;
	struct valid_spec to = { "to", "The To line", VALID_REQUIRED, 0 };

	(void)state;
	assert_true(valid_email_list(&A, &E, &to, " a@x.example;b@y.example ,\r\n c@z.example,,", &out));
	assert_string_equal(out, "a@x.example, b@y.example, c@z.example");
	assert_false(valid_email_list(&A, &E, &to, " , ; ", &out));
	assert_string_equal(valid_get(&E, "to"), "The To line is required.");
	valid_reset(&E);
	assert_false(valid_email_list(&A, &E, &to, "a@x.example, bob@", &out));
	assert_string_equal(valid_get(&E, "to"),
	    "The To line must be email addresses separated by commas: \"bob@\" is not one.");
}

/* ---- phone ---- */

static void
phones_and_their_digits(void **state)
{
	const char *out, *digits;

	(void)state;
	assert_true(valid_phone(&A, &E, &opt, " +1 (415) 555-0132 ", &out, &digits));
	assert_string_equal(out, "+1 (415) 555-0132");
	assert_string_equal(digits, "14155550132");
	assert_true(valid_phone(&A, &E, &opt, "030/1234.56", &out, &digits));
	assert_string_equal(digits, "030123456");
	assert_true(valid_phone(&A, &E, &opt, "", &out, &digits));
	assert_null(out);
	assert_null(digits);
	assert_int_equal(E.n, 0);
	assert_false(valid_phone(&A, &E, &opt, "call me", &out, &digits));
	assert_string_equal(valid_get(&E, "f"), "The field must be a phone number like +1 (415) 555-0132.");
	valid_reset(&E);
	assert_false(valid_phone(&A, &E, &opt, "12", &out, &digits));           /* too few digits */
	assert_false(valid_phone(&A, &E, &opt, "1+2345", &out, &digits));       /* + not first */
	assert_false(valid_phone(&A, &E, &opt, "123456789012345678901", &out, &digits));
	assert_null(digits);
}

/* ---- url ---- */

static void
urls_http_and_https_only(void **state)
{
	static const char *bad[] = {
		"javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "ftp://x.example",
		"mailto:a@x.example", "https://", "https:///x", "http://a b.example",
		"https://user@x.example", "http:x.example", "https://x.example:99999999",
		"https://exa mple.com", "http://[zz]/", "localhost:8080",
	};
	const char *out;
	size_t i;

	(void)state;
	assert_true(valid_url(&A, &E, &opt, "https://globex.example/a?b=1#c", &out));
	assert_string_equal(out, "https://globex.example/a?b=1#c");
	assert_true(valid_url(&A, &E, &opt, "HTTP://Globex.example:8080", &out));
	assert_string_equal(out, "HTTP://Globex.example:8080");
	assert_true(valid_url(&A, &E, &opt, "globex.example/crm", &out));
	assert_string_equal(out, "https://globex.example/crm");
	assert_true(valid_url(&A, &E, &opt, "globex.example:8443", &out));
	assert_string_equal(out, "https://globex.example:8443");
	assert_true(valid_url(&A, &E, &opt, "http://[::1]:80/x", &out));
	assert_int_equal(E.n, 0);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		valid_reset(&E);
		if (valid_url(&A, &E, &opt, bad[i], &out))
			fail_msg("took %s", bad[i]);
		assert_string_equal(valid_get(&E, "f"),
		    "The field must be a web address starting with http:// or https://.");
	}
}

static void
url_length_counts_the_scheme_put_in_front(void **state)
{
	const char *out;
	struct valid_spec sp = { "url", "The web address", 0, 20 };

	(void)state;
	assert_true(valid_url(&A, &E, &sp, "abcdefgh.com", &out));   /* 8 + 12 */
	assert_string_equal(out, "https://abcdefgh.com");
	assert_false(valid_url(&A, &E, &sp, "abcdefghi.com", &out));
	assert_string_equal(valid_get(&E, "url"), "The web address is too long: use at most 20 characters.");
}

/* ---- dates ---- */

static void
dates(void **state)
{
	static const char *bad[] = {
		"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-5", "26-01-05",
		"2026/01/05", "0999-12-31", "2026-01-05x", "tomorrow",
	};
	struct valid_spec sp = { "expected_date", "The close date", 0, 0 };
	const char *out;
	size_t i;

	(void)state;
	assert_true(valid_date(&A, &E, &sp, "2028-02-29", &out));
	assert_string_equal(out, "2028-02-29");
	assert_true(valid_date(&A, &E, &sp, " 2026-12-31 ", &out));
	assert_true(valid_date(&A, &E, &sp, "2000-02-29", &out));
	assert_int_equal(E.n, 0);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		valid_reset(&E);
		if (valid_date(&A, &E, &sp, bad[i], &out))
			fail_msg("took %s", bad[i]);
		assert_string_equal(valid_get(&E, "expected_date"),
		    "The close date must be a date like 2026-12-31.");
	}
	valid_reset(&E);
	assert_false(valid_date(&A, &E, &sp, "1900-02-29", &out));   /* not a leap year */
}

static void
datetimes(void **state)
{
	static const char *bad[] = {
		"2026-07-01", "2026-07-01 24:00", "2026-07-01 10:60", "2026-07-01 10:00:60",
		"2026-07-01 9:30", "2026-07-01_10:00", "2026-02-30 10:00",
	};
	struct valid_spec sp = { "starts_at", "The start", 0, 0 };
	const char *out;
	size_t i;

	(void)state;
	assert_true(valid_datetime(&A, &E, &sp, "2026-07-01T09:05", &out));
	assert_string_equal(out, "2026-07-01 09:05:00");
	assert_true(valid_datetime(&A, &E, &sp, "2026-07-01 23:59:58", &out));
	assert_string_equal(out, "2026-07-01 23:59:58");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		valid_reset(&E);
		if (valid_datetime(&A, &E, &sp, bad[i], &out))
			fail_msg("took %s", bad[i]);
		assert_string_equal(valid_get(&E, "starts_at"),
		    "The start must be a date and time like 2026-12-31 14:30.");
	}
}

/* ---- numbers ---- */

static void
whole_numbers_in_a_range(void **state)
{
	struct valid_spec sp = { "confidence", "The confidence", 0, 0 };
	long long v;
	int given;

	(void)state;
	assert_true(valid_int(&A, &E, &sp, "60", 0, 100, &v, &given));
	assert_int_equal(v, 60);
	assert_true(given);
	assert_true(valid_int(&A, &E, &sp, "75 %", 0, 100, &v, &given));
	assert_int_equal(v, 75);
	assert_true(valid_int(&A, &E, &sp, "", 0, 100, &v, &given));
	assert_int_equal(v, 0);
	assert_false(given);
	assert_int_equal(E.n, 0);
	assert_false(valid_int(&A, &E, &sp, "101", 0, 100, &v, &given));
	assert_string_equal(valid_get(&E, "confidence"),
	    "The confidence must be a whole number from 0 to 100.");
	valid_reset(&E);
	assert_false(valid_int(&A, &E, &sp, "-1", 0, 100, &v, &given));
	assert_false(valid_int(&A, &E, &sp, "5.5", 0, 100, &v, &given));
	assert_false(valid_int(&A, &E, &sp, "%", 0, 100, &v, &given));
	assert_false(valid_int(&A, &E, &sp, "99999999999999999999999", 0, 100, &v, &given));
}

static void
custom_field_numbers(void **state)
{
	static const char *bad[] = { "1e5", "1,20", "12,0000", "1.", ".5", "--1", "1.2.3", "one", "-" };
	const char *out;
	size_t i;

	(void)state;
	assert_true(valid_number(&A, &E, &opt, "4,200", &out));
	assert_string_equal(out, "4200");
	assert_true(valid_number(&A, &E, &opt, "-3.25", &out));
	assert_string_equal(out, "-3.25");
	assert_true(valid_number(&A, &E, &opt, "1,234,567.5", &out));
	assert_string_equal(out, "1234567.5");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		valid_reset(&E);
		if (valid_number(&A, &E, &opt, bad[i], &out))
			fail_msg("took %s", bad[i]);
		assert_string_equal(valid_get(&E, "f"), "The field must be a number like 1200 or 3.5.");
	}
}

static void
call_durations(void **state)
{
	static const struct { const char *in; long long s; } good[] = {
		{ "95", 95 }, { "0", 0 }, { "4:30", 270 }, { "0:05", 5 }, { "75:00", 4500 },
		{ "1:02:03", 3723 }, { "24:00:00", 86400 },
	};
	static const char *bad[] = { "4:60", "4:5", ":30", "1:", "1:00:60", "1:60:00", "1:2:3:4",
		"four", "4m", "-5" };
	struct valid_spec sp = { "duration", "The duration", 0, 0 };
	long long v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (!valid_duration(&A, &E, &sp, good[i].in, &v))
			fail_msg("refused %s", good[i].in);
		assert_int_equal(v, good[i].s);
	}
	assert_true(valid_duration(&A, &E, &sp, " ", &v));
	assert_int_equal(v, -1);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		valid_reset(&E);
		if (valid_duration(&A, &E, &sp, bad[i], &v))
			fail_msg("took %s", bad[i]);
		assert_string_equal(valid_get(&E, "duration"),
		    "The duration must be seconds, or minutes and seconds like 4:30.");
	}
	valid_reset(&E);
	assert_false(valid_duration(&A, &E, &sp, "86401", &v));
	assert_string_equal(valid_get(&E, "duration"), "The duration must be at most 24 hours.");
}

/* ---- choices ---- */

static void
choices_of_a_table(void **state)
{
	struct valid_spec sp = { "direction", "The direction", VALID_REQUIRED, 0 };
	const char *out;

	(void)state;
	assert_true(valid_choice(&A, &E, &sp, "Outgoing", valid_directions, &out));
	assert_string_equal(out, "outgoing");
	assert_ptr_equal(out, valid_directions[1]);
	assert_false(valid_choice(&A, &E, &sp, "sideways", valid_directions, &out));
	assert_string_equal(valid_get(&E, "direction"),
	    "The direction must be one of: incoming, outgoing.");
	valid_reset(&E);
	assert_false(valid_choice(&A, &E, &sp, "", valid_directions, &out));
	assert_string_equal(valid_get(&E, "direction"), "The direction is required.");
	valid_reset(&E);
	assert_false(valid_choice(&A, &E, &opt, "yearly", valid_periods, &out));
	assert_string_equal(valid_get(&E, "f"),
	    "The field must be one of: one_time, monthly, annual.");
}

static void
choices_of_a_custom_field(void **state)
{
	struct valid_spec sp = { "cf_x", "Outcome", 0, 0 };
	const char *out;

	(void)state;
	assert_true(valid_choice_line(&A, &E, &sp, " Neutral ", "Positive\r\nNeutral \nNegative", &out));
	assert_string_equal(out, "Neutral");
	assert_true(valid_choice_line(&A, &E, &sp, "Negative", "Positive\nNeutral\nNegative", &out));
	assert_false(valid_choice_line(&A, &E, &sp, "neutral", "Positive\nNeutral\nNegative", &out));
	assert_string_equal(valid_get(&E, "cf_x"), "Outcome must be one of the listed choices.");
	valid_reset(&E);
	assert_false(valid_choice_line(&A, &E, &sp, "Neu", "Positive\nNeutral", &out));
	assert_false(valid_choice_line(&A, &E, &sp, "x", NULL, &out));
}

/* ---- money ---- */

static void
currencies(void **state)
{
	struct valid_spec sp = { "value_currency", "The currency", 0, 0 };
	const char *out;
	int exp;

	(void)state;
	assert_true(valid_currency(&A, &E, &sp, "usd", &out, &exp));
	assert_string_equal(out, "USD");
	assert_int_equal(exp, 2);
	assert_true(valid_currency(&A, &E, &sp, "JPY", &out, &exp));
	assert_int_equal(exp, 0);
	assert_true(valid_currency(&A, &E, &sp, "KWD", &out, &exp));
	assert_int_equal(exp, 3);
	assert_true(valid_currency(&A, &E, &sp, "AED", &out, &exp));   /* the table's ends */
	assert_true(valid_currency(&A, &E, &sp, "ZWG", &out, &exp));
	assert_int_equal(E.n, 0);
	assert_false(valid_currency(&A, &E, &sp, "XYZ", &out, &exp));
	assert_string_equal(valid_get(&E, "value_currency"),
	    "The currency must be a three-letter currency code like USD or EUR.");
	valid_reset(&E);
	assert_false(valid_currency(&A, &E, &sp, "US", &out, &exp));
	assert_false(valid_currency(&A, &E, &sp, "US$", &out, &exp));
	assert_false(valid_currency(&A, &E, &sp, "EURO", &out, &exp));
}

static void
amounts_are_exact_minor_units(void **state)
{
	static const struct { const char *in; int exp; long long minor; } good[] = {
		{ "1,200.50", 2, 120050 }, { "1200.5", 2, 120050 }, { "1200", 2, 120000 },
		{ "0.29", 2, 29 },                 /* 0.29 * 100 is 28.999... in a double */
		{ "1234567.89", 2, 123456789 }, { "4,294,967,296.01", 2, 429496729601LL },
		{ ".5", 2, 50 }, { "1.", 2, 100 }, { "007.10", 2, 710 }, { "1.500", 2, 150 },
		{ "1200", 0, 1200 }, { "1,200.000", 0, 1200 }, { "1.234", 3, 1234 },
		{ "0.0001", 4, 1 }, { "", 2, 0 }, { "0", 2, 0 },
		{ "9,999,999,999,999.99", 2, 999999999999999LL },
		{ "9999999999999.9999", 4, 99999999999999999LL },
	};
	static const char *bad[] = {
		"12,00", "1,2000", ",100", "1,,000", "1,000,", "1 200", "1.200,50", "1e5", "$100",
		"abc", ".", "1.2.3", "1.2a", "+5",
	};
	struct valid_spec sp = { "value", "The value", 0, 0 };
	long long v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (!valid_amount(&A, &E, &sp, good[i].in, good[i].exp, &v))
			fail_msg("refused %s", good[i].in);
		if (v != good[i].minor)
			fail_msg("%s: %lld, not %lld", good[i].in, v, good[i].minor);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		valid_reset(&E);
		if (valid_amount(&A, &E, &sp, bad[i], 2, &v))
			fail_msg("took %s", bad[i]);
		assert_string_equal(valid_get(&E, "value"), "Enter an amount like 1,200.00.");
	}
}

static void
amounts_refused_with_their_reason(void **state)
{
	struct valid_spec sp = { "value", "The value", 0, 0 };
	long long v;

	(void)state;
	assert_false(valid_amount(&A, &E, &sp, "-5", 2, &v));
	assert_string_equal(valid_get(&E, "value"), "Enter an amount of zero or more.");
	valid_reset(&E);
	assert_false(valid_amount(&A, &E, &sp, "1.005", 2, &v));
	assert_string_equal(valid_get(&E, "value"), "This currency has two decimals at most.");
	valid_reset(&E);
	assert_false(valid_amount(&A, &E, &sp, "1200.5", 0, &v));
	assert_string_equal(valid_get(&E, "value"),
	    "This currency has no decimals: enter a whole amount.");
	valid_reset(&E);
	assert_false(valid_amount(&A, &E, &sp, "1.2345", 3, &v));
	assert_string_equal(valid_get(&E, "value"), "This currency has three decimals at most.");
	valid_reset(&E);
	assert_false(valid_amount(&A, &E, &sp, "10,000,000,000,000", 2, &v));
	assert_string_equal(valid_get(&E, "value"), "Enter an amount below 10,000,000,000,000.");
	valid_reset(&E);
	assert_false(valid_amount(&A, &E, &sp, "99999999999999999999999999", 2, &v));
	assert_int_equal(v, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(errs_keep_the_first_message_of_a_field),
		T(errs_stop_at_their_size),
		T(db_errors_map_to_statuses),
		T(text_is_trimmed_and_kept),
		T(text_required_and_optional),
		T(text_too_long_in_characters_or_bytes),
		T(text_refuses_invalid_utf8_and_control_characters),
		T(multiline_text_keeps_lf_for_crlf),
		T(email_addresses),
		T(email_lists_are_joined_with_commas),
		T(phones_and_their_digits),
		T(urls_http_and_https_only),
		T(url_length_counts_the_scheme_put_in_front),
		T(dates),
		T(datetimes),
		T(whole_numbers_in_a_range),
		T(custom_field_numbers),
		T(call_durations),
		T(choices_of_a_table),
		T(choices_of_a_custom_field),
		T(currencies),
		T(amounts_are_exact_minor_units),
		T(amounts_refused_with_their_reason),
	};

	return cmocka_run_group_tests_name("valid", tests, NULL, NULL);
}
