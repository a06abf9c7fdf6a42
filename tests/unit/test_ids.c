/* test_ids.c — lib/ids.h: public ids, prefix + 40 base62 characters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "ids.h"

static const char base62[] =
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static int
setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static int
is_base62(char c)
{
	return c != '\0' && strchr(base62, c) != NULL;
}

static void
new_has_prefix_and_40_base62(void **state)
{
	char id[IDS_MAXLEN];
	size_t i;

	(void)state;
	assert_int_equal(ids_new("lead_", id), 0);
	assert_int_equal(strlen(id), 5 + IDS_RANDLEN);
	assert_memory_equal(id, "lead_", 5);
	for (i = 5; i < 5 + IDS_RANDLEN; i++)
		if (!is_base62(id[i]))
			fail_msg("character %zu of %s is not base62", i, id);
}

static void
new_with_empty_prefix(void **state)
{
	char id[IDS_MAXLEN];

	(void)state;
	assert_int_equal(ids_new("", id), 0);
	assert_int_equal(strlen(id), IDS_RANDLEN);
	assert_true(ids_valid("", id));
}

static void
new_is_valid(void **state)
{
	static const char *const prefixes[] = { "orga_", "user_", "lead_", "cont_", "oppo_", "cf_" };
	char id[IDS_MAXLEN];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		assert_int_equal(ids_new(prefixes[i], id), 0);
		assert_true(ids_valid(prefixes[i], id));
		assert_false(ids_valid(i ? prefixes[i - 1] : prefixes[1], id));
	}
}

/* product.md lists "actitype_" (9 characters) among the prefixes; with
 * IDS_MAXLEN 48, ids_new refused every prefix longer than 7. */
static void
longest_product_prefix_fits(void **state)
{
	char id[IDS_MAXLEN];

	(void)state;
	if (ids_new("actitype_", id) != 0)
		fail_msg("ids_new(\"actitype_\") refused: IDS_MAXLEN %d < 9 + %d + 1",
		    IDS_MAXLEN, IDS_RANDLEN);
	assert_int_equal(strlen(id), 9 + IDS_RANDLEN);
	assert_true(ids_valid("actitype_", id));
}

static void
new_refuses_a_prefix_too_long(void **state)
{
	char id[IDS_MAXLEN];
	char prefix[IDS_MAXLEN + 1];

	(void)state;
	/* no room for 40 characters and the NUL after it */
	memset(prefix, 'p', IDS_MAXLEN - IDS_RANDLEN);
	prefix[IDS_MAXLEN - IDS_RANDLEN] = '\0';
	assert_int_equal(ids_new(prefix, id), -1);
	memset(prefix, 'p', IDS_MAXLEN);
	prefix[IDS_MAXLEN] = '\0';
	assert_int_equal(ids_new(prefix, id), -1);
}

static void
new_longest_prefix_that_fits(void **state)
{
	char id[IDS_MAXLEN + 8];
	char prefix[IDS_MAXLEN];
	size_t n = IDS_MAXLEN - IDS_RANDLEN - 1;

	(void)state;
	memset(id, 0x7E, sizeof id);
	memset(prefix, 'p', n);
	prefix[n] = '\0';
	assert_int_equal(ids_new(prefix, id), 0);
	assert_int_equal(strlen(id), IDS_MAXLEN - 1);
	assert_int_equal(id[IDS_MAXLEN], 0x7E);   /* nothing written past IDS_MAXLEN */
	assert_true(ids_valid(prefix, id));
}

/* 10,000 ids, sorted, with no two alike. */
static int
cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void
ten_thousand_distinct(void **state)
{
	enum { N = 10000 };
	char (*ids)[IDS_MAXLEN] = calloc(N, IDS_MAXLEN);
	size_t i;

	(void)state;
	assert_non_null(ids);
	for (i = 0; i < N; i++)
		assert_int_equal(ids_new("lead_", ids[i]), 0);
	qsort(ids, N, IDS_MAXLEN, cmp);
	for (i = 1; i < N; i++)
		if (strcmp(ids[i - 1], ids[i]) == 0)
			fail_msg("duplicate id %s", ids[i]);
	free(ids);
}

/*
 * 400,000 characters: every one of the 62 appears, and each count lies near
 * the mean 400000/62 = 6452 (sd ~ 80). The bound of +-700 (about 9 sd) never
 * trips by chance, but catches a modulo bias such as byte % 62 (the first 8
 * characters would get ~7800).
 */
static void
every_base62_char_roughly_uniform(void **state)
{
	enum { N = 10000 };
	size_t counts[128] = { 0 };
	char id[IDS_MAXLEN];
	size_t i, j, total = 0;
	const double mean = (double)N * IDS_RANDLEN / 62;

	(void)state;
	for (i = 0; i < N; i++) {
		assert_int_equal(ids_new("x_", id), 0);
		for (j = 2; id[j] != '\0'; j++) {
			assert_true((unsigned char)id[j] < 128);
			counts[(unsigned char)id[j]]++;
			total++;
		}
	}
	assert_int_equal(total, (size_t)N * IDS_RANDLEN);
	for (i = 0; i < 62; i++) {
		size_t c = counts[(unsigned char)base62[i]];
		if (c == 0)
			fail_msg("'%c' never appears", base62[i]);
		if (c < mean - 700 || c > mean + 700)
			fail_msg("'%c' appears %zu times; expected about %.0f", base62[i], c, mean);
	}
	for (i = 0, j = 0; i < 128; i++)
		j += counts[i];
	assert_int_equal(j, total);   /* nothing outside the alphabet */
}

static void
valid_accepts(void **state)
{
	(void)state;
	assert_true(ids_valid("lead_", "lead_OJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89JP"));
	assert_true(ids_valid("lead_", "lead_0000000000000000000000000000000000000000"));
	assert_true(ids_valid("lead_", "lead_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"));
	assert_true(ids_valid("user_", "user_AZaz09AZaz09AZaz09AZaz09AZaz09AZaz09AZaz"));
}

static void
valid_rejects_wrong_prefix(void **state)
{
	(void)state;
	assert_false(ids_valid("lead_", "user_OJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89JP"));
	assert_false(ids_valid("lead_", "Lead_OJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89JP"));
	assert_false(ids_valid("lead_", "lead-OJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89JP"));
	/* no prefix at all, but 45 base62 characters */
	assert_false(ids_valid("lead_", "leadxOJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89JP"));
}

static void
valid_rejects_wrong_length(void **state)
{
	(void)state;
	/* 39 and 41 characters after the prefix */
	assert_false(ids_valid("lead_", "lead_OJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89J"));
	assert_false(ids_valid("lead_", "lead_OJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89JPQ"));
	assert_false(ids_valid("lead_", "lead_"));
	assert_false(ids_valid("lead_", ""));
}

static void
valid_rejects_non_base62(void **state)
{
	(void)state;
	assert_false(ids_valid("lead_", "lead_OJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89-P"));
	assert_false(ids_valid("lead_", "lead_-J3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89JP"));
	assert_false(ids_valid("lead_", "lead_OJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89_P"));
	assert_false(ids_valid("lead_", "lead_OJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89 P"));
	assert_false(ids_valid("lead_", "lead_OJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89%P"));
	assert_false(ids_valid("lead_", "lead_OJ3CAC6uQWbT1efNI5ji3nIsCL6ahx5uWT1w89\xC3\xA9"));
}

static void
valid_rejects_null(void **state)
{
	(void)state;
	assert_false(ids_valid("lead_", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_has_prefix_and_40_base62),
		cmocka_unit_test(new_with_empty_prefix),
		cmocka_unit_test(new_is_valid),
		cmocka_unit_test(longest_product_prefix_fits),
		cmocka_unit_test(new_refuses_a_prefix_too_long),
		cmocka_unit_test(new_longest_prefix_that_fits),
		cmocka_unit_test(ten_thousand_distinct),
		cmocka_unit_test(every_base62_char_roughly_uniform),
		cmocka_unit_test(valid_accepts),
		cmocka_unit_test(valid_rejects_wrong_prefix),
		cmocka_unit_test(valid_rejects_wrong_length),
		cmocka_unit_test(valid_rejects_non_base62),
		cmocka_unit_test(valid_rejects_null),
	};

	return cmocka_run_group_tests_name("ids", tests, setup, NULL);
}
