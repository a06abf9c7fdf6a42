/* test_timeline.c — lib/timeline.h and the lead page's reads of lib/leads.h
 * against the live instance of the suite ($LEADLINE_CONF, demo data loaded).
 * Skipped without it. Changes nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "leads.h"
#include "timeline.h"

#define TL_COLS(X) X(TL_ID, "id") X(TL_PID, "pid") X(TL_ORGANIZATION_ID, "organization_id")
enum { TL_COLS(DB_COL_ENUM) };
static const char *const tl_cols[] = { TL_COLS(DB_COL_NAME) NULL };
static struct db_sql q_lead = DB_SQL_COLS(
	"SELECT id, pid, organization_id FROM leads WHERE name = ?", tl_cols);
#define HIST_COLS(X) X(HIST_ID, "id")
enum { HIST_COLS(DB_COL_ENUM) };
static const char *const hist_cols[] = { HIST_COLS(DB_COL_NAME) NULL };
static struct db_sql q_history = DB_SQL_COLS(
	"SELECT id FROM activities WHERE lead_id = ? AND deleted_at IS NULL ORDER BY activity_at DESC, id DESC",
	    hist_cols);
static struct db_sql q_history_type = DB_SQL_COLS(
	"SELECT id FROM activities WHERE lead_id = ? AND type = ? AND deleted_at IS NULL"
	" ORDER BY activity_at DESC, id DESC", hist_cols);
#define CNT_COLS(X) X(CNT_N, "n")
enum { CNT_COLS(DB_COL_ENUM) };
static const char *const cnt_cols[] = { CNT_COLS(DB_COL_NAME) NULL };
static struct db_sql q_count_type = DB_SQL_COLS(
	"SELECT COUNT(*) AS n FROM activities WHERE lead_id = ? AND type = ? AND deleted_at IS NULL",
	    cnt_cols);
static struct db_sql q_count_custom = DB_SQL_COLS(
	"SELECT COUNT(*) AS n FROM activities WHERE lead_id = ? AND custom_type_id = ? AND deleted_at IS NULL",
	    cnt_cols);
static struct db_sql q_nstatuses = DB_SQL_COLS(
	"SELECT COUNT(*) AS n FROM lead_statuses WHERE organization_id = ?", cnt_cols);
#define ST_COLS(X) X(ST_PID, "pid") X(ST_N_ACTIVITIES, "n_activities")
enum { ST_COLS(DB_COL_ENUM) };
static const char *const st_cols[] = { ST_COLS(DB_COL_NAME) NULL };
static struct db_sql q_status_of = DB_SQL_COLS(
	"SELECT s.pid, (SELECT COUNT(*) FROM activities a WHERE a.lead_id = l.id) AS n_activities"
	" FROM leads l JOIN lead_statuses s ON s.id = l.status_id WHERE l.id = ?", st_cols);
#define OS_COLS(X) X(OS_PID, "pid")
enum { OS_COLS(DB_COL_ENUM) };
static const char *const os_cols[] = { OS_COLS(DB_COL_NAME) NULL };
static struct db_sql q_other_org_status = DB_SQL_COLS(
	"SELECT pid FROM lead_statuses WHERE organization_id <> ? LIMIT 1", os_cols);

static struct arena A;
static long long globex_id, northwind;
static const char *globex_pid;

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
	globex_id = db_get_int(&r, 0, TL_ID);
	globex_pid = db_get(&r, 0, TL_PID);
	northwind = db_get_int(&r, 0, TL_ORGANIZATION_ID);
	return 0;
}

#define NEED_DB() do { if (getenv("LEADLINE_CONF") == NULL) skip(); } while (0)

/* The count of a statement of cnt_cols (asserted). */
static long long
count(struct db_sql *q, struct db_arg b)
{
	struct db_res r;

	assert_ptr_equal(q->cols, cnt_cols);
	assert_int_equal(db_read(&A, q, DB_ARGS(DB_INT(globex_id), b), &r), DB_OK);
	return db_get_int(&r, 0, CNT_N);
}

static void
kinds_are_every_type_with_the_history_counts(void **state)
{
	struct timeline_kinds ks;
	long long total = 0;
	size_t i;

	(void)state;
	NEED_DB();
	assert_int_equal(timeline_kinds(&A, northwind, globex_id, &ks), DB_OK);
	assert_int_equal(ks.n, (TIMELINE__MAX - 1) + 2);   /* Site Visit, Demo Feedback */
	for (i = 0; i < ks.n; i++) {
		if (i < TIMELINE__MAX - 1) {
			assert_int_equal(ks.k[i].type, (enum timeline_type)i);
			assert_string_equal(ks.k[i].key, timeline_types[i].name);
			assert_int_equal(ks.k[i].count, count(&q_count_type, DB_STR(ks.k[i].key)));
		} else {
			assert_int_equal(ks.k[i].type, TIMELINE_CUSTOM);
			assert_true(strncmp(ks.k[i].key, "actitype_", 9) == 0);
			assert_int_equal(ks.k[i].count, count(&q_count_custom, DB_INT(ks.k[i].custom_id)));
		}
		total += ks.k[i].count;
	}
	assert_int_equal(ks.total, total);
	assert_true(total >= 334);
}

static void
select_marks_known_kinds_and_refuses_unknown_ones(void **state)
{
	struct timeline_kinds ks;
	const char *good[] = { "note", "call", "note" };
	const char *bad[] = { "note", "custom" };

	(void)state;
	NEED_DB();
	assert_int_equal(timeline_kinds(&A, northwind, globex_id, &ks), DB_OK);
	assert_null(timeline_select(&ks, good, 3));
	assert_int_equal(ks.nselected, 2);
	assert_true(ks.k[TIMELINE_NOTE].selected && ks.k[TIMELINE_CALL].selected);
	assert_int_equal(timeline_kinds(&A, northwind, globex_id, &ks), DB_OK);
	assert_string_equal(timeline_select(&ks, bad, 2), "custom");
	assert_int_equal(ks.nselected, 0);
	assert_false(ks.k[TIMELINE_NOTE].selected);
}

/* Walks the history page by page; the ids must be the query's (one of
 * hist_cols, asserted), in order. */
static void
walk(const struct timeline_kinds *filter, struct db_sql *q, struct db_arg b, int with_b)
{
	struct timeline_page pg;
	struct db_res want;
	const char *before = NULL;
	size_t at = 0, i;
	int pages = 0;

	assert_ptr_equal(q->cols, hist_cols);
	if (with_b)
		assert_int_equal(db_read(&A, q, DB_ARGS(DB_INT(globex_id), b), &want), DB_OK);
	else
		assert_int_equal(db_read(&A, q, DB_ARGS(DB_INT(globex_id)), &want), DB_OK);
	do {
		assert_int_equal(timeline_page(&A, northwind, globex_id, "Europe/Berlin", filter, before, &pg), DB_OK);
		assert_false(pg.bad_cursor);
		assert_true(pg.n <= TIMELINE_PAGE);
		for (i = 0; i < pg.n; i++, at++) {
			assert_true(at < want.nrows);
			assert_int_equal(pg.items[i].id, db_get_int(&want, at, HIST_ID));
			assert_true(strncmp(pg.items[i].pid, "acti_", 5) == 0);
			assert_true(strlen(pg.items[i].when) > 0);
		}
		if (pg.more != NULL)
			assert_int_equal(pg.n, TIMELINE_PAGE);
		before = pg.more;
		assert_true(++pages < 100);
	} while (before != NULL);
	assert_int_equal(at, want.nrows);
}

static void
pages_walk_the_whole_history_in_order(void **state)
{
	(void)state;
	NEED_DB();
	walk(NULL, &q_history, DB_NULL, 0);
}

static void
a_filter_walks_only_its_type(void **state)
{
	struct timeline_kinds ks;
	const char *email[] = { "email" };

	(void)state;
	NEED_DB();
	assert_int_equal(timeline_kinds(&A, northwind, globex_id, &ks), DB_OK);
	assert_null(timeline_select(&ks, email, 1));
	walk(&ks, &q_history_type, DB_STR("email"), 1);
}

static void
an_unknown_cursor_is_flagged(void **state)
{
	struct timeline_page pg;

	(void)state;
	NEED_DB();
	assert_int_equal(timeline_page(&A, northwind, globex_id, "UTC", NULL,
	    "acti_0000000000000000000000000000000000000000", &pg), DB_OK);
	assert_true(pg.bad_cursor);
	assert_int_equal(pg.n, 0);
	/* a real activity of the lead, but asked for in another organization */
	assert_int_equal(timeline_page(&A, northwind + 1, globex_id, "UTC", NULL, NULL, &pg), DB_OK);
	assert_int_equal(pg.n, 0);
}

static void
head_has_every_status_and_the_current_one(void **state)
{
	struct lead l;
	struct lead_status *st;
	struct db_res r;
	size_t n, i, current = 0;
	int found;

	(void)state;
	NEED_DB();
	assert_int_equal(leads_head(&A, northwind, globex_pid, "UTC", &l, &st, &n, &found), DB_OK);
	assert_true(found);
	assert_int_equal(l.id, globex_id);
	assert_int_equal(db_read(&A, &q_nstatuses, DB_ARGS(DB_INT(northwind)), &r), DB_OK);
	assert_int_equal(n, db_get_int(&r, 0, CNT_N));
	for (i = 0; i < n; i++)
		if (st[i].current) {
			current++;
			assert_string_equal(st[i].pid, l.status_pid);
		}
	assert_int_equal(current, 1);
	assert_int_equal(leads_head(&A, northwind + 1, globex_pid, "UTC", &l, &st, &n, &found), DB_OK);
	assert_false(found);
}

static void
set_status_refuses_what_is_not_the_organizations_and_keeps_the_same(void **state)
{
	enum leads_change ch;
	struct db_res r, after;
	const char *status;
	long long n;

	(void)state;
	NEED_DB();
	assert_int_equal(db_read(&A, &q_status_of, DB_ARGS(DB_INT(globex_id)), &r), DB_OK);
	status = db_get(&r, 0, ST_PID);
	n = db_get_int(&r, 0, ST_N_ACTIVITIES);
	assert_int_equal(leads_set_status(&A, northwind, 1, globex_pid, status, &ch), DB_OK);
	assert_int_equal(ch, LEADS_UNCHANGED);
	assert_int_equal(db_read(&A, &q_other_org_status, DB_ARGS(DB_INT(northwind)), &r), DB_OK);
	assert_int_equal(leads_set_status(&A, northwind, 1, globex_pid, db_get(&r, 0, OS_PID), &ch),
	    DB_OK);
	assert_int_equal(ch, LEADS_NO_STATUS);
	assert_int_equal(leads_set_status(&A, northwind + 1, 1, globex_pid, status, &ch), DB_OK);
	assert_int_equal(ch, LEADS_NO_LEAD);
	assert_int_equal(db_read(&A, &q_status_of, DB_ARGS(DB_INT(globex_id)), &after), DB_OK);
	assert_string_equal(db_get(&after, 0, ST_PID), status);
	assert_int_equal(db_get_int(&after, 0, ST_N_ACTIVITIES), n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_are_every_type_with_the_history_counts),
		cmocka_unit_test(select_marks_known_kinds_and_refuses_unknown_ones),
		cmocka_unit_test(pages_walk_the_whole_history_in_order),
		cmocka_unit_test(a_filter_walks_only_its_type),
		cmocka_unit_test(an_unknown_cursor_is_flagged),
		cmocka_unit_test(head_has_every_status_and_the_current_one),
		cmocka_unit_test(set_status_refuses_what_is_not_the_organizations_and_keeps_the_same),
	};

	return cmocka_run_group_tests_name("timeline", tests, group_setup, NULL);
}
