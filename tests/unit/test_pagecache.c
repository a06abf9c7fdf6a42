/* test_pagecache.c — lib/pagecache.h: kept pages, their stamps, the bound. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "pagecache.h"

static const struct pagecache_stamp s1 = { 7, 3, "2026-11-27" };

static int
teardown(void **state)
{
	(void)state;
	pagecache_free();
	return 0;
}

static void
kept_at_its_stamp_only(void **state)
{
	struct pagecache_stamp s;
	size_t len = 0;
	const char *p;

	(void)state;
	pagecache_init(1000);
	pagecache_put("a", &s1, "page A", 6);
	p = pagecache_get("a", &s1, &len);
	assert_non_null(p);
	assert_int_equal(len, 6);
	assert_memory_equal(p, "page A", 6);
	assert_null(pagecache_get("b", &s1, &len));
	/* another lead version, organization version or day: not that page, and it is dropped */
	s = s1;
	s.lead_version++;
	assert_null(pagecache_get("a", &s, &len));
	assert_null(pagecache_get("a", &s1, &len));
	assert_int_equal(pagecache_bytes(), 0);
	pagecache_put("a", &s1, "page A", 6);
	s = s1;
	s.org_version++;
	assert_null(pagecache_get("a", &s, &len));
	pagecache_put("a", &s1, "page A", 6);
	s = s1;
	strcpy(s.today, "2026-11-28");
	assert_null(pagecache_get("a", &s, &len));
}

static void
put_replaces(void **state)
{
	size_t len = 0;
	const char *p;

	(void)state;
	pagecache_init(1000);
	pagecache_put("a", &s1, "old", 3);
	pagecache_put("a", &s1, "newer", 5);
	p = pagecache_get("a", &s1, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(p, "newer", 5);
	assert_int_equal(pagecache_bytes(), 5);
}

static void
bound_drops_least_recently_used(void **state)
{
	char page[400];
	size_t len;

	(void)state;
	memset(page, 'x', sizeof page);
	pagecache_init(1000);
	pagecache_put("a", &s1, page, 400);
	pagecache_put("b", &s1, page, 400);
	assert_non_null(pagecache_get("a", &s1, &len));   /* a is used after b */
	pagecache_put("c", &s1, page, 400);                /* over 1000: b goes */
	assert_non_null(pagecache_get("a", &s1, &len));
	assert_null(pagecache_get("b", &s1, &len));
	assert_non_null(pagecache_get("c", &s1, &len));
	assert_true(pagecache_bytes() <= 1000);
}

static void
over_the_bound_or_off_keeps_nothing(void **state)
{
	char page[2000];
	size_t len;

	(void)state;
	memset(page, 'x', sizeof page);
	pagecache_init(1000);
	pagecache_put("big", &s1, page, sizeof page);
	assert_null(pagecache_get("big", &s1, &len));
	assert_int_equal(pagecache_bytes(), 0);
	pagecache_init(0);
	pagecache_put("a", &s1, "page", 4);
	assert_null(pagecache_get("a", &s1, &len));
}

static void
many_small_pages_stay_in_the_slots(void **state)
{
	char key[16];
	size_t i, len, found = 0;

	(void)state;
	pagecache_init(1 << 20);
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof key, "k%zu", i);
		pagecache_put(key, &s1, "p", 1);
	}
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof key, "k%zu", i);
		found += pagecache_get(key, &s1, &len) != NULL;
	}
	assert_true(found > 0 && found < 100);   /* a fixed number of slots */
	assert_non_null(pagecache_get("k99", &s1, &len));   /* the newest is kept */
	assert_int_equal(pagecache_bytes(), found);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(kept_at_its_stamp_only, teardown),
		cmocka_unit_test_teardown(put_replaces, teardown),
		cmocka_unit_test_teardown(bound_drops_least_recently_used, teardown),
		cmocka_unit_test_teardown(over_the_bound_or_off_keeps_nothing, teardown),
		cmocka_unit_test_teardown(many_small_pages_stay_in_the_slots, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
