/* test_http.c — lib/http.h: urlencoded input, cookies, UTF-8 and text checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"

static struct arena A;

static int
setup(void **state)
{
	(void)state;
	arena_init(&A, 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&A);
	return 0;
}

static enum http_err
parse(const char *s, struct http_pair **out)
{
	return http_parse_urlencoded(&A, s, strlen(s), out);
}

static size_t
count(const struct http_pair *p)
{
	size_t n = 0;

	for (; p != NULL; p = p->next)
		n++;
	return n;
}

static void
expect_pair(const struct http_pair *p, const char *name, const char *value)
{
	assert_non_null(p);
	assert_string_equal(p->name, name);
	assert_string_equal(p->value, value);
	assert_int_equal(p->vlen, strlen(value));
}

/* ---- http_parse_urlencoded ---- */

static void
urlenc_keeps_input_order(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("b=2&a=1&c=3&a=4", &p), HTTP_OK);
	assert_int_equal(count(p), 4);
	expect_pair(p, "b", "2");
	expect_pair(p->next, "a", "1");
	expect_pair(p->next->next, "c", "3");
	expect_pair(p->next->next->next, "a", "4");
	assert_null(p->next->next->next->next);
}

static void
urlenc_plus_is_space(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("q=a+b++c&x+y=z", &p), HTTP_OK);
	expect_pair(p, "q", "a b  c");
	expect_pair(p->next, "x y", "z");
}

static void
urlenc_percent_decoding(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("a=%41%62%2B%26%3D%25&n%61me=%7e", &p), HTTP_OK);
	expect_pair(p, "a", "Ab+&=%");
	expect_pair(p->next, "name", "~");
}

static void
urlenc_utf8_e_acute(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("a=1&b=%C3%A9+x", &p), HTTP_OK);
	expect_pair(p, "a", "1");
	expect_pair(p->next, "b", "\xC3\xA9 x");
	assert_int_equal(p->next->vlen, 4);
	/* lower-case hex too */
	assert_int_equal(parse("b=%c3%a9", &p), HTTP_OK);
	expect_pair(p, "b", "\xC3\xA9");
}

static void
urlenc_raw_utf8_passes(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("city=Z\xC3\xBCrich", &p), HTTP_OK);
	expect_pair(p, "city", "Z\xC3\xBCrich");
}

static void
urlenc_empty_pieces_skipped(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("a=1&&b=2", &p), HTTP_OK);
	assert_int_equal(count(p), 2);
	expect_pair(p, "a", "1");
	expect_pair(p->next, "b", "2");
	assert_int_equal(parse("&&&a=1&&&", &p), HTTP_OK);
	assert_int_equal(count(p), 1);
	expect_pair(p, "a", "1");
}

static void
urlenc_empty_input_gives_no_pairs(void **state)
{
	struct http_pair *p = (struct http_pair *)&p;   /* must be overwritten */

	(void)state;
	assert_int_equal(parse("", &p), HTTP_OK);
	assert_null(p);
	p = (struct http_pair *)&p;
	assert_int_equal(parse("&", &p), HTTP_OK);
	assert_null(p);
}

static void
urlenc_piece_without_equals_has_empty_value(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("flag&a=1&other", &p), HTTP_OK);
	assert_int_equal(count(p), 3);
	expect_pair(p, "flag", "");
	expect_pair(p->next, "a", "1");
	expect_pair(p->next->next, "other", "");
}

static void
urlenc_empty_value(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("a=&b=", &p), HTTP_OK);
	expect_pair(p, "a", "");
	expect_pair(p->next, "b", "");
}

static void
urlenc_only_first_equals_splits(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("a==b=c", &p), HTTP_OK);
	expect_pair(p, "a", "=b=c");
}

static void
urlenc_length_bounds_the_input(void **state)
{
	struct http_pair *p;
	const char s[] = "a=1&b=2";

	(void)state;
	/* only "a=1&b" is given: the rest of the C string is not read */
	assert_int_equal(http_parse_urlencoded(&A, s, 5, &p), HTTP_OK);
	assert_int_equal(count(p), 2);
	expect_pair(p, "a", "1");
	expect_pair(p->next, "b", "");
}

static void
urlenc_empty_name_refused(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("=x", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a=1&=2", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("=", &p), HTTP_EMALFORMED);
}

static void
urlenc_truncated_percent_refused(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("a=%", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a=%4", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a=%4&b=1", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a%=1", &p), HTTP_EMALFORMED);
}

static void
urlenc_bad_hex_refused(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("a=%zz", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a=%4g", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a=%g4", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a=% 1", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("%zz=1", &p), HTTP_EMALFORMED);
}

static void
urlenc_nul_refused(void **state)
{
	struct http_pair *p;
	const char raw[] = "a=x\0y";

	(void)state;
	assert_int_equal(parse("a=%00", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a=x%00y", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a%00b=1", &p), HTTP_EMALFORMED);
	/* a raw NUL inside the given length too */
	assert_int_equal(http_parse_urlencoded(&A, raw, sizeof raw - 1, &p), HTTP_EMALFORMED);
}

static void
urlenc_control_chars_refused(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("a=%01", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a=%1B[31m", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a=%7F", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a=\x01", &p), HTTP_EMALFORMED);
	assert_int_equal(parse("a%08=1", &p), HTTP_EMALFORMED);
}

static void
urlenc_tab_cr_lf_allowed(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("note=a%09b%0D%0Ac", &p), HTTP_OK);
	expect_pair(p, "note", "a\tb\r\nc");
}

static void
urlenc_invalid_utf8_refused(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("a=%FF", &p), HTTP_EUTF8);
	assert_int_equal(parse("a=%C0%AF", &p), HTTP_EUTF8);         /* overlong '/' */
	assert_int_equal(parse("a=%E0%80%AF", &p), HTTP_EUTF8);      /* overlong, 3 bytes */
	assert_int_equal(parse("a=%ED%A0%80", &p), HTTP_EUTF8);      /* surrogate D800 */
	assert_int_equal(parse("a=%F8%88%80%80%80", &p), HTTP_EUTF8); /* 5-byte form */
	assert_int_equal(parse("a=%C3", &p), HTTP_EUTF8);            /* truncated */
	assert_int_equal(parse("a=%80", &p), HTTP_EUTF8);            /* lone continuation */
	assert_int_equal(parse("a=%F4%90%80%80", &p), HTTP_EUTF8);   /* over U+10FFFF */
	assert_int_equal(parse("%FF=1", &p), HTTP_EUTF8);            /* in a name */
	assert_int_equal(parse("a=\xFF", &p), HTTP_EUTF8);           /* raw byte */
}

static void
urlenc_four_byte_emoji_accepted(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(parse("e=%F0%9F%98%80", &p), HTTP_OK);
	expect_pair(p, "e", "\xF0\x9F\x98\x80");
	assert_int_equal(p->vlen, 4);
}

static char *
pairs_string(size_t n)
{
	char *s = malloc(n * 12 + 1), *d = s;
	size_t i;

	assert_non_null(s);
	for (i = 0; i < n; i++)
		d += sprintf(d, "%sk%zu=%zu", i ? "&" : "", i, i);
	return s;
}

static void
urlenc_max_pairs_accepted(void **state)
{
	struct http_pair *p;
	char *s = pairs_string(HTTP_MAX_PAIRS);

	(void)state;
	assert_int_equal(parse(s, &p), HTTP_OK);
	assert_int_equal(count(p), HTTP_MAX_PAIRS);
	expect_pair(p, "k0", "0");
	free(s);
}

static void
urlenc_too_many_pairs(void **state)
{
	struct http_pair *p;
	char *s = pairs_string(HTTP_MAX_PAIRS + 1);

	(void)state;
	assert_int_equal(parse(s, &p), HTTP_ETOOMANY);
	free(s);
}

static void
urlenc_empty_pieces_do_not_count_as_pairs(void **state)
{
	struct http_pair *p;
	char *s = pairs_string(HTTP_MAX_PAIRS), *t = malloc(strlen(s) + 1001);

	(void)state;
	assert_non_null(t);
	memset(t, '&', 1000);
	strcpy(t + 1000, s);
	assert_int_equal(parse(t, &p), HTTP_OK);
	assert_int_equal(count(p), HTTP_MAX_PAIRS);
	free(s);
	free(t);
}

static char *
name_value(size_t nlen, size_t vlen, const char *unit)
{
	size_t u = strlen(unit), i;
	char *s = malloc(nlen + 1 + vlen * u + 1), *d = s;

	assert_non_null(s);
	memset(d, 'n', nlen);
	d += nlen;
	*d++ = '=';
	for (i = 0; i < vlen; i++, d += u)
		memcpy(d, unit, u);
	*d = '\0';
	return s;
}

static void
urlenc_value_at_max_accepted(void **state)
{
	struct http_pair *p;
	char *s = name_value(1, HTTP_MAX_VALUE, "v");

	(void)state;
	assert_int_equal(parse(s, &p), HTTP_OK);
	assert_int_equal(p->vlen, HTTP_MAX_VALUE);
	assert_int_equal(strlen(p->value), HTTP_MAX_VALUE);
	free(s);
}

static void
urlenc_value_over_max_too_long(void **state)
{
	struct http_pair *p;
	char *s = name_value(1, HTTP_MAX_VALUE + 1, "v");

	(void)state;
	assert_int_equal(parse(s, &p), HTTP_ETOOLONG);
	free(s);
}

static void
urlenc_value_limit_counts_decoded_bytes(void **state)
{
	struct http_pair *p;
	/* three input bytes per decoded byte: the decoded length is at the limit */
	char *s = name_value(1, HTTP_MAX_VALUE, "%41");

	(void)state;
	assert_int_equal(parse(s, &p), HTTP_OK);
	assert_int_equal(p->vlen, HTTP_MAX_VALUE);
	assert_int_equal(p->value[0], 'A');
	free(s);
}

static void
urlenc_name_at_max_accepted(void **state)
{
	struct http_pair *p;
	char *s = name_value(HTTP_MAX_NAME, 1, "v");

	(void)state;
	assert_int_equal(parse(s, &p), HTTP_OK);
	assert_int_equal(strlen(p->name), HTTP_MAX_NAME);
	free(s);
}

static void
urlenc_name_over_max_too_long(void **state)
{
	struct http_pair *p;
	char *s = name_value(HTTP_MAX_NAME + 1, 1, "v");

	(void)state;
	assert_int_equal(parse(s, &p), HTTP_ETOOLONG);
	free(s);
	s = name_value(HTTP_MAX_NAME + 1, 0, "");   /* without '=' as well */
	s[HTTP_MAX_NAME + 1] = '\0';
	assert_int_equal(parse(s, &p), HTTP_ETOOLONG);
	free(s);
}

/* ---- http_parse_cookies ---- */

static void
cookies_basic(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(http_parse_cookies(&A, "a=1; b=2", &p), HTTP_OK);
	assert_int_equal(count(p), 2);
	expect_pair(p, "a", "1");
	expect_pair(p->next, "b", "2");
}

static void
cookies_spaces_trimmed(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(http_parse_cookies(&A, "  a = 1 ;\tb=2\t;c= x y ", &p), HTTP_OK);
	assert_int_equal(count(p), 3);
	expect_pair(p, "a", "1");
	expect_pair(p->next, "b", "2");
	expect_pair(p->next->next, "c", "x y");
}

static void
cookies_no_space_after_semicolon(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(http_parse_cookies(&A, "a=1;b=2;c=3", &p), HTTP_OK);
	assert_int_equal(count(p), 3);
	expect_pair(p->next->next, "c", "3");
}

static void
cookies_quotes_removed(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(http_parse_cookies(&A, "a=\"quoted value\"; b=\"\"; c=\"x", &p), HTTP_OK);
	assert_int_equal(count(p), 3);
	expect_pair(p, "a", "quoted value");
	expect_pair(p->next, "b", "");
	expect_pair(p->next->next, "c", "\"x");   /* unbalanced: kept */
}

static void
cookies_values_not_decoded(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(http_parse_cookies(&A, "a=%41+b; c=d=e", &p), HTTP_OK);
	expect_pair(p, "a", "%41+b");
	expect_pair(p->next, "c", "d=e");
}

static void
cookies_piece_without_equals_skipped(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(http_parse_cookies(&A, "junk; a=1; ;; =nameless; more junk; b=2", &p), HTTP_OK);
	assert_int_equal(count(p), 2);
	expect_pair(p, "a", "1");
	expect_pair(p->next, "b", "2");
}

static void
cookies_empty_and_null(void **state)
{
	struct http_pair *p = (struct http_pair *)&p;

	(void)state;
	assert_int_equal(http_parse_cookies(&A, NULL, &p), HTTP_OK);
	assert_null(p);
	p = (struct http_pair *)&p;
	assert_int_equal(http_parse_cookies(&A, "", &p), HTTP_OK);
	assert_null(p);
	assert_int_equal(http_parse_cookies(&A, " ; ;", &p), HTTP_OK);
	assert_null(p);
}

static void
cookies_empty_value(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_equal(http_parse_cookies(&A, "a=; b=2", &p), HTTP_OK);
	expect_pair(p, "a", "");
	expect_pair(p->next, "b", "2");
}

static void
cookies_many(void **state)
{
	struct http_pair *p, *q;
	char *h = malloc(HTTP_MAX_PAIRS * 16 + 1), *d = h;
	size_t i;

	(void)state;
	assert_non_null(h);
	for (i = 0; i < HTTP_MAX_PAIRS; i++)
		d += sprintf(d, "%sc%zu=v%zu", i ? "; " : "", i, i);
	assert_int_equal(http_parse_cookies(&A, h, &p), HTTP_OK);
	assert_int_equal(count(p), HTTP_MAX_PAIRS);
	for (i = 0, q = p; q != NULL; q = q->next, i++) {
		char n[16], v[16];
		snprintf(n, sizeof n, "c%zu", i);
		snprintf(v, sizeof v, "v%zu", i);
		expect_pair(q, n, v);
	}
	strcpy(d, "; one=more");
	assert_int_equal(http_parse_cookies(&A, h, &p), HTTP_ETOOMANY);
	free(h);
}

static void
cookies_bad_bytes_refused(void **state)
{
	struct http_pair *p;

	(void)state;
	assert_int_not_equal(http_parse_cookies(&A, "a=\xFF", &p), HTTP_OK);
	assert_int_not_equal(http_parse_cookies(&A, "a=\x01x", &p), HTTP_OK);
	assert_int_equal(http_parse_cookies(&A, "a=caf\xC3\xA9", &p), HTTP_OK);
	expect_pair(p, "a", "caf\xC3\xA9");
}

static void
cookies_overlong_name_or_value_refused(void **state)
{
	struct http_pair *p;
	char h[HTTP_MAX_NAME + 64];
	char *v = malloc(10000);

	(void)state;
	memset(h, 'n', HTTP_MAX_NAME + 1);
	strcpy(h + HTTP_MAX_NAME + 1, "=1");
	assert_int_equal(http_parse_cookies(&A, h, &p), HTTP_ETOOLONG);
	assert_non_null(v);
	memcpy(v, "a=", 2);
	memset(v + 2, 'x', 9000);
	v[9002] = '\0';
	assert_int_equal(http_parse_cookies(&A, v, &p), HTTP_ETOOLONG);
	free(v);
}

/* ---- http_utf8_valid ---- */

static void
utf8_table(void **state)
{
	static const struct {
		const char *s;
		size_t      len;   /* 0: strlen */
		int         valid;
	} t[] = {
		{ "", 0, 1 },
		{ "plain ascii ~!@#", 0, 1 },
		{ "\xC3\xA9", 0, 1 },                  /* é */
		{ "\xC2\x80", 0, 1 },                  /* U+0080, smallest 2-byte */
		{ "\xDF\xBF", 0, 1 },                  /* U+07FF */
		{ "\xE0\xA0\x80", 0, 1 },              /* U+0800, smallest 3-byte */
		{ "\xE2\x82\xAC", 0, 1 },              /* € */
		{ "\xED\x9F\xBF", 0, 1 },              /* U+D7FF, just below surrogates */
		{ "\xEE\x80\x80", 0, 1 },              /* U+E000, just above */
		{ "\xEF\xBF\xBF", 0, 1 },              /* U+FFFF */
		{ "\xF0\x90\x80\x80", 0, 1 },          /* U+10000 */
		{ "\xF0\x9F\x98\x80", 0, 1 },          /* 😀 */
		{ "\xF4\x8F\xBF\xBF", 0, 1 },          /* U+10FFFF */
		{ "a\0b", 3, 1 },                      /* NUL is valid UTF-8 */
		{ "\x80", 0, 0 },                      /* lone continuation */
		{ "\xBF", 0, 0 },
		{ "\xC0\xAF", 0, 0 },                  /* overlong '/' */
		{ "\xC1\xBF", 0, 0 },                  /* overlong */
		{ "\xE0\x80\xAF", 0, 0 },              /* overlong, 3 bytes */
		{ "\xE0\x9F\xBF", 0, 0 },              /* overlong U+07FF */
		{ "\xF0\x80\x80\xAF", 0, 0 },          /* overlong, 4 bytes */
		{ "\xF0\x8F\xBF\xBF", 0, 0 },          /* overlong U+FFFF */
		{ "\xED\xA0\x80", 0, 0 },              /* U+D800 */
		{ "\xED\xBF\xBF", 0, 0 },              /* U+DFFF */
		{ "\xF4\x90\x80\x80", 0, 0 },          /* U+110000 */
		{ "\xF5\x80\x80\x80", 0, 0 },
		{ "\xF8\x88\x80\x80\x80", 0, 0 },      /* 5-byte form */
		{ "\xFC\x84\x80\x80\x80\x80", 0, 0 },  /* 6-byte form */
		{ "\xFE", 0, 0 },
		{ "\xFF", 0, 0 },
		{ "\xC3", 0, 0 },                      /* truncated */
		{ "\xE2\x82", 0, 0 },
		{ "\xF0\x9F\x98", 0, 0 },
		{ "\xC3" "A", 0, 0 },                  /* continuation missing */
		{ "\xE2\x28\xA1", 0, 0 },
		{ "ok\xC3\xA9ok\xFF", 0, 0 },          /* bad byte at the end */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		size_t len = t[i].len ? t[i].len : strlen(t[i].s);
		if (http_utf8_valid(t[i].s, len) != t[i].valid)
			fail_msg("case %zu: expected %d", i, t[i].valid);
	}
}

static void
utf8_respects_length(void **state)
{
	(void)state;
	/* é cut in half by the length */
	assert_int_equal(http_utf8_valid("\xC3\xA9", 1), 0);
	/* the bad byte lies past the length */
	assert_int_equal(http_utf8_valid("ab\xFF", 2), 1);
}

/* ---- http_text_clean ---- */

static void
text_clean_table(void **state)
{
	(void)state;
	assert_int_equal(http_text_clean("", 0), 1);
	assert_int_equal(http_text_clean("hello world", 11), 1);
	assert_int_equal(http_text_clean("a\tb\r\nc", 6), 1);
	assert_int_equal(http_text_clean("caf\xC3\xA9", 5), 1);
	assert_int_equal(http_text_clean("a\x01", 2), 0);
	assert_int_equal(http_text_clean("a\x1B[0m", 5), 0);
	assert_int_equal(http_text_clean("a\x7F", 2), 0);
	assert_int_equal(http_text_clean("a\0b", 3), 0);
	assert_int_equal(http_text_clean("a\x0B", 2), 0);   /* vertical tab */
	assert_int_equal(http_text_clean("a\x0C", 2), 0);   /* form feed */
	assert_int_equal(http_text_clean("ab\x01", 2), 1);  /* past the length */
}

/* ---- http_err_str ---- */

static void
err_str_for_every_error(void **state)
{
	int e;

	(void)state;
	for (e = HTTP_EMALFORMED; e < HTTP__MAX; e++) {
		const char *s = http_err_str((enum http_err)e);
		assert_non_null(s);
		assert_true(strlen(s) > 10);
	}
	assert_string_not_equal(http_err_str(HTTP_EUTF8), http_err_str(HTTP_ETOOLONG));
	assert_non_null(http_err_str(HTTP__MAX));
	assert_non_null(http_err_str((enum http_err)1000));
}

/* ---- http_urlencode ---- */

static void
urlencode_unreserved_kept(void **state)
{
	char *s;

	(void)state;
	s = http_urlencode(&A, "AZaz09-_.~");
	assert_non_null(s);
	assert_string_equal(s, "AZaz09-_.~");
	assert_string_equal(http_urlencode(&A, ""), "");
}

static void
urlencode_reserved_escaped(void **state)
{
	(void)state;
	assert_string_equal(http_urlencode(&A, "a b&c=d+e%f?g#h"),
	    "a%20b%26c%3Dd%2Be%25f%3Fg%23h");
	assert_string_equal(http_urlencode(&A, "\"<>'"), "%22%3C%3E%27");
	assert_string_equal(http_urlencode(&A, "\t\n"), "%09%0A");
}

static void
urlencode_utf8_bytes(void **state)
{
	(void)state;
	assert_string_equal(http_urlencode(&A, "\xC3\xA9"), "%C3%A9");
	assert_string_equal(http_urlencode(&A, "\xF0\x9F\x98\x80"), "%F0%9F%98%80");
	assert_string_equal(http_urlencode(&A, "\xFF"), "%FF");
}

static void
urlencode_round_trips(void **state)
{
	static const char *const vals[] = {
		"plain", "a b", "x&y=z", "100%", "caf\xC3\xA9 \xF0\x9F\x98\x80", "+/+", "line\r\nbreak",
	};
	struct http_pair *p;
	size_t i;
	char *q;

	(void)state;
	for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		q = arena_printf(&A, "v=%s", http_urlencode(&A, vals[i]));
		assert_non_null(q);
		assert_int_equal(parse(q, &p), HTTP_OK);
		assert_int_equal(count(p), 1);
		expect_pair(p, "v", vals[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(urlenc_keeps_input_order),
		cmocka_unit_test(urlenc_plus_is_space),
		cmocka_unit_test(urlenc_percent_decoding),
		cmocka_unit_test(urlenc_utf8_e_acute),
		cmocka_unit_test(urlenc_raw_utf8_passes),
		cmocka_unit_test(urlenc_empty_pieces_skipped),
		cmocka_unit_test(urlenc_empty_input_gives_no_pairs),
		cmocka_unit_test(urlenc_piece_without_equals_has_empty_value),
		cmocka_unit_test(urlenc_empty_value),
		cmocka_unit_test(urlenc_only_first_equals_splits),
		cmocka_unit_test(urlenc_length_bounds_the_input),
		cmocka_unit_test(urlenc_empty_name_refused),
		cmocka_unit_test(urlenc_truncated_percent_refused),
		cmocka_unit_test(urlenc_bad_hex_refused),
		cmocka_unit_test(urlenc_nul_refused),
		cmocka_unit_test(urlenc_control_chars_refused),
		cmocka_unit_test(urlenc_tab_cr_lf_allowed),
		cmocka_unit_test(urlenc_invalid_utf8_refused),
		cmocka_unit_test(urlenc_four_byte_emoji_accepted),
		cmocka_unit_test(urlenc_max_pairs_accepted),
		cmocka_unit_test(urlenc_too_many_pairs),
		cmocka_unit_test(urlenc_empty_pieces_do_not_count_as_pairs),
		cmocka_unit_test(urlenc_value_at_max_accepted),
		cmocka_unit_test(urlenc_value_over_max_too_long),
		cmocka_unit_test(urlenc_value_limit_counts_decoded_bytes),
		cmocka_unit_test(urlenc_name_at_max_accepted),
		cmocka_unit_test(urlenc_name_over_max_too_long),
		cmocka_unit_test(cookies_basic),
		cmocka_unit_test(cookies_spaces_trimmed),
		cmocka_unit_test(cookies_no_space_after_semicolon),
		cmocka_unit_test(cookies_quotes_removed),
		cmocka_unit_test(cookies_values_not_decoded),
		cmocka_unit_test(cookies_piece_without_equals_skipped),
		cmocka_unit_test(cookies_empty_and_null),
		cmocka_unit_test(cookies_empty_value),
		cmocka_unit_test(cookies_many),
		cmocka_unit_test(cookies_bad_bytes_refused),
		cmocka_unit_test(cookies_overlong_name_or_value_refused),
		cmocka_unit_test(utf8_table),
		cmocka_unit_test(utf8_respects_length),
		cmocka_unit_test(text_clean_table),
		cmocka_unit_test(err_str_for_every_error),
		cmocka_unit_test(urlencode_unreserved_kept),
		cmocka_unit_test(urlencode_reserved_escaped),
		cmocka_unit_test(urlencode_utf8_bytes),
		cmocka_unit_test(urlencode_round_trips),
	};

	return cmocka_run_group_tests_name("http", tests, setup, teardown);
}
