/* test_leads.c — lib/leads.h and lib/counts.h against the live instance of
 * the suite ($LEADLINE_CONF, demo data loaded). Skipped without it. Changes
 * nothing it does not put back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "counts.h"
#include "db.h"
#include "leads.h"
#include "search.h"

#define ORG_COLS(X) X(ORG_ID, "id")
enum { ORG_COLS(DB_COL_ENUM) };
static const char *const org_cols[] = { ORG_COLS(DB_COL_NAME) NULL };
static struct db_sql q_org = DB_SQL_COLS("SELECT id FROM organizations WHERE name = ?", org_cols);
#define LEAD_COLS(X) X(LEAD_ID, "id") X(LEAD_PID, "pid")
enum { LEAD_COLS(DB_COL_ENUM) };
static const char *const lead_cols[] = { LEAD_COLS(DB_COL_NAME) NULL };
static struct db_sql q_lead = DB_SQL_COLS("SELECT id, pid FROM leads WHERE name = ?", lead_cols);
#define CNT_COLS(X) X(CNT_N, "n")
enum { CNT_COLS(DB_COL_ENUM) };
static const char *const cnt_cols[] = { CNT_COLS(DB_COL_NAME) NULL };
static struct db_sql q_nleads = DB_SQL_COLS(
	"SELECT COUNT(*) AS n FROM leads WHERE organization_id = ?", cnt_cols);
static struct db_sql q_count = DB_SQL_COLS(
	"SELECT COALESCE(SUM(n), 0) AS n FROM lead_activity_counts WHERE lead_id = ? AND type = ?",
	    cnt_cols);
static struct db_sql q_real = DB_SQL_COLS(
	"SELECT COUNT(*) AS n FROM activities WHERE lead_id = ? AND type = ? AND deleted_at IS NULL",
	    cnt_cols);

static struct arena A;
static long long northwind, bloom, globex_id;
static const char *globex_pid;

/* The id of the organization of that name. */
static long long
org_id(const char *name)
{
	struct db_res r;

	assert_int_equal(db_read(&A, &q_org, DB_ARGS(DB_STR(name)), &r), DB_OK);
	assert_int_equal(r.nrows, 1);
	return db_get_int(&r, 0, ORG_ID);
}

static int
group_setup(void **state)
{
	char err[512];
	struct db_res r;

	(void)state;
	arena_init(&A, 0);
	if (getenv("LEADLINE_CONF") == NULL)
		return 0;
	if (conf_load(NULL, err, sizeof err) != 0)
		return -1;
	db_init();
	if (db_read(&A, &q_lead, DB_ARGS(DB_STR("Globex Corporation")), &r) != DB_OK || r.nrows != 1)
		return -1;
	globex_id = db_get_int(&r, 0, LEAD_ID);
	globex_pid = db_get(&r, 0, LEAD_PID);
	return 0;
}

#define NEED_DB() do { if (getenv("LEADLINE_CONF") == NULL) skip(); } while (0)

static void
get_finds_a_lead_of_its_organization(void **state)
{
	struct lead l;
	int found;

	(void)state;
	NEED_DB();
	northwind = org_id("Northwind Traders");
	assert_int_equal(leads_get(&A, northwind, globex_pid, "America/New_York", &l, &found), DB_OK);
	assert_true(found);
	assert_int_equal(l.id, globex_id);
	assert_string_equal(l.name, "Globex Corporation");
	assert_string_equal(l.pid, globex_pid);
	assert_true(strncmp(l.status_pid, "stat_", 5) == 0);
	assert_true(strlen(l.status_label) > 0);
}

static void
get_does_not_find_a_lead_of_another_organization(void **state)
{
	struct lead l;
	int found = 1;

	(void)state;
	NEED_DB();
	bloom = org_id("Bloom Dental");
	assert_int_equal(leads_get(&A, bloom, globex_pid, "UTC", &l, &found), DB_OK);
	assert_false(found);
}

static void
get_does_not_find_an_unknown_lead(void **state)
{
	struct lead l;
	int found = 1;

	(void)state;
	NEED_DB();
	assert_int_equal(leads_get(&A, org_id("Northwind Traders"),
	    "lead_0000000000000000000000000000000000000000", "UTC", &l, &found), DB_OK);
	assert_false(found);
}

static void
list_pages_through_every_lead_once_in_name_order(void **state)
{
	struct search_page pg;
	const char *after = NULL;
	char prev[300] = "";
	long long total = 0, want;
	size_t i;
	int pages = 0, after_found;

	(void)state;
	NEED_DB();
	northwind = org_id("Northwind Traders");
	{
		struct db_res r;
		assert_int_equal(db_read(&A, &q_nleads, DB_ARGS(DB_INT(northwind)), &r), DB_OK);
		want = db_get_int(&r, 0, CNT_N);
	}
	do {
		assert_int_equal(search_list(&A, northwind, after, "UTC", &pg, &after_found), DB_OK);
		assert_true(after == NULL || after_found);
		assert_true(pg.n <= SEARCH_PAGE);
		for (i = 0; i < pg.n; i++) {
			assert_true(strcmp(prev, pg.rows[i].name) <= 0);
			snprintf(prev, sizeof prev, "%s", pg.rows[i].name);
		}
		total += (long long)pg.n;
		after = pg.next;
		assert_true(++pages < 100);
	} while (after != NULL);
	assert_int_equal(total, want);
	assert_true(want >= 30);
}

static void
counts_add_moves_the_count_both_ways(void **state)
{
	long long before;
	struct db_res r;

	(void)state;
	NEED_DB();
	northwind = org_id("Northwind Traders");
	assert_int_equal(db_read(&A, &q_count, DB_ARGS(DB_INT(globex_id), DB_STR("note")), &r), DB_OK);
	before = db_get_int(&r, 0, CNT_N);
	assert_int_equal(db_read(&A, &q_real, DB_ARGS(DB_INT(globex_id), DB_STR("note")), &r), DB_OK);
	assert_int_equal(before, db_get_int(&r, 0, CNT_N));   /* the demo's counts are right */
	assert_int_equal(counts_add(&A, northwind, globex_id, "note", 0, 1), DB_OK);
	assert_int_equal(db_read(&A, &q_count, DB_ARGS(DB_INT(globex_id), DB_STR("note")), &r), DB_OK);
	assert_int_equal(db_get_int(&r, 0, CNT_N), before + 1);
	assert_int_equal(counts_add(&A, northwind, globex_id, "note", 0, -1), DB_OK);
	assert_int_equal(db_read(&A, &q_count, DB_ARGS(DB_INT(globex_id), DB_STR("note")), &r), DB_OK);
	assert_int_equal(db_get_int(&r, 0, CNT_N), before);
}

static void
counts_add_ignores_a_lead_of_another_organization(void **state)
{
	long long before;
	struct db_res r;

	(void)state;
	NEED_DB();
	bloom = org_id("Bloom Dental");
	assert_int_equal(db_read(&A, &q_count, DB_ARGS(DB_INT(globex_id), DB_STR("sms")), &r), DB_OK);
	before = db_get_int(&r, 0, CNT_N);
	assert_int_equal(counts_add(&A, bloom, globex_id, "sms", 0, 5), DB_OK);
	assert_int_equal(db_read(&A, &q_count, DB_ARGS(DB_INT(globex_id), DB_STR("sms")), &r), DB_OK);
	assert_int_equal(db_get_int(&r, 0, CNT_N), before);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(get_finds_a_lead_of_its_organization),
		cmocka_unit_test(get_does_not_find_a_lead_of_another_organization),
		cmocka_unit_test(get_does_not_find_an_unknown_lead),
		cmocka_unit_test(list_pages_through_every_lead_once_in_name_order),
		cmocka_unit_test(counts_add_moves_the_count_both_ways),
		cmocka_unit_test(counts_add_ignores_a_lead_of_another_organization),
	};

	return cmocka_run_group_tests_name("leads", tests, group_setup, NULL);
}
