/* model_fixture.h — what the tests of the write modules (contacts, tasks,
 * activities ...) share: the demo's organizations and users, leads made for
 * one test and removed after it, reads of what was written, and a failure
 * made on purpose inside a write (a trigger that refuses one row).
 *
 * Included once by each test program; everything is static. The tests run
 * against the live instance of $LEADLINE_CONF (demo data loaded) and skip
 * without it. They change no demo row: they work on leads they make, named
 * "zz-unit ...", and remove them (and any left by a crashed run). */
#ifndef MODEL_FIXTURE_H
#define MODEL_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "ids.h"
#include "valid.h"

#define FX_UNUSED __attribute__((unused))
#define FX_PREFIX "zz-unit "
/* The date every lead made here starts with, to see the write touch it. */
#define FX_OLD    "2020-01-01 00:00:00.000000"

static struct arena A;
static int have_db;
/* Northwind (b2b) and Bloom Dental (b2c); ada and ben of Northwind, dan
 * (deactivated in Northwind), cora of Bloom Dental. */
static long long NW, BD, ADA, BEN, DAN, CORA;
static const char *ADA_PID, *BEN_PID, *DAN_PID, *CORA_PID;

/* Leads made by the current test, removed by its teardown. */
#define FX_MAX_LEADS 16
static long long fx_made[FX_MAX_LEADS];
static size_t fx_nmade;
static int fx_triggers;

/*
 * A fixture statement that names its result columns, the way lib's do
 * (db.h): LIST is an X-macro list, X(ENUM_ID, "column or alias"), whose ids
 * the test reads with and whose names preparing the statement checks against
 * the result's metadata, name by name and the count. A SELECT reordered, or a
 * column added or dropped on one side only, fails its db_read (DB_ERROR, the
 * test's assert) instead of shifting values into the wrong assertion.
 * This rather than a helper that looks a name up in each result: db.c
 * already checks the names once per statement, the ids are compile-time
 * names (a misspelt one does not build), and the tests read the way lib's
 * modules do.
 *   #define TASK_COLS(X) X(TK_ID, "id") X(TK_TEXT, "text")
 *   FX_SQL(q_task, "SELECT id, text FROM tasks WHERE id = ?", TASK_COLS);
 *   ... db_get(&r, 0, TK_TEXT) ...
 */
#define FX_SQL(var, sql, LIST) \
	enum { LIST(DB_COL_ENUM) }; \
	static const char *const var##_cols[] = { LIST(DB_COL_NAME) NULL }; \
	static struct db_sql var = DB_SQL_COLS(sql, var##_cols)

static struct db_sql fx_q_org = DB_SQL("SELECT id FROM organizations WHERE name = ?");
#define FX_USER_COLS(X) X(FXU_ID, "id") X(FXU_PID, "pid")
FX_SQL(fx_q_user, "SELECT id, pid FROM users WHERE email = ?", FX_USER_COLS);
static struct db_sql fx_q_new_lead = DB_SQL(
	"INSERT INTO leads (pid, organization_id, name, status_id, date_created, date_updated)"
	" SELECT ll_id('lead_'), ?, ?, s.id, '" FX_OLD "', '" FX_OLD "' FROM lead_statuses s"
	" WHERE s.organization_id = ? ORDER BY s.position, s.id LIMIT 1");
static struct db_sql fx_q_new_contact = DB_SQL(
	"INSERT INTO contacts (pid, organization_id, lead_id, name) VALUES (ll_id('cont_'), ?, ?, ?)");
static struct db_sql fx_q_pid_of_lead = DB_SQL("SELECT pid FROM leads WHERE id = ?");
static struct db_sql fx_q_pid_of_contact = DB_SQL("SELECT pid FROM contacts WHERE id = ?");
#define FX_STALE_COLS(X) X(FXS_ID, "id")
FX_SQL(fx_q_stale, "SELECT id FROM leads WHERE name LIKE 'zz-unit %'", FX_STALE_COLS);
/* A lead and everything hanging from it, child tables first. */
static struct db_sql fx_q_drop[] = {
	DB_SQL("DELETE v FROM activity_custom_values v JOIN activities a ON a.id = v.activity_id"
	    " WHERE a.lead_id = ?"),
	DB_SQL("DELETE af FROM activity_files af JOIN activities a ON a.id = af.activity_id"
	    " WHERE a.lead_id = ?"),
	DB_SQL("DELETE FROM activities WHERE lead_id = ?"),
	DB_SQL("DELETE FROM lead_activity_counts WHERE lead_id = ?"),
	DB_SQL("DELETE FROM tasks WHERE lead_id = ?"),
	DB_SQL("DELETE FROM opportunities WHERE lead_id = ?"),
	DB_SQL("DELETE FROM lead_custom_values WHERE lead_id = ?"),
	DB_SQL("DELETE e FROM contact_emails e JOIN contacts c ON c.id = e.contact_id WHERE c.lead_id = ?"),
	DB_SQL("DELETE p FROM contact_phones p JOIN contacts c ON c.id = p.contact_id WHERE c.lead_id = ?"),
	DB_SQL("DELETE FROM contacts WHERE lead_id = ?"),
	DB_SQL("DELETE FROM leads WHERE id = ?"),
};
#define FX_TOUCHED_COLS(X) X(FXT_NOW, "touched_now") X(FXT_BY, "updated_by")
FX_SQL(fx_q_touched,
	"SELECT date_updated > '" FX_OLD "' AND date_updated > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE"
	" AS touched_now, COALESCE(updated_by, 0) AS updated_by FROM leads WHERE id = ?",
	FX_TOUCHED_COLS);
static struct db_sql fx_q_count = DB_SQL(
	"SELECT COALESCE(SUM(n), 0) FROM lead_activity_counts"
	" WHERE lead_id = ? AND type = ? AND custom_type_id = ?");
static struct db_sql fx_q_real = DB_SQL(
	"SELECT COUNT(*) FROM activities WHERE lead_id = ? AND type = ? AND deleted_at IS NULL"
	" AND COALESCE(custom_type_id, 0) = ?");

/* ---- reads ---- */

/* The one row of a statement (asserted), in the arena. */
static FX_UNUSED struct db_res
fx_row(struct db_sql *q, const struct db_arg *args, size_t n)
{
	struct db_res r;

	assert_int_equal(db_read(&A, q, args, n, &r), DB_OK);
	assert_int_equal(r.nrows, 1);
	return r;
}

/*
 * The one cell of a statement of one column and one row (both asserted).
 * The cell is read by its place, 0, and that stays: a result of one column
 * has no order to get wrong, and a column added to its SELECT fails the
 * count asserted here instead of being read.
 */
static FX_UNUSED long long
fx_int(struct db_sql *q, const struct db_arg *args, size_t n)
{
	struct db_res r = fx_row(q, args, n);

	assert_int_equal(r.ncols, 1);
	return db_get_int(&r, 0, 0);   /* the only column, see above */
}

/* As fx_int, the one cell as a string; NULL for SQL NULL. */
static FX_UNUSED const char *
fx_str(struct db_sql *q, const struct db_arg *args, size_t n)
{
	struct db_res r = fx_row(q, args, n);

	assert_int_equal(r.ncols, 1);
	return db_is_null(&r, 0, 0) ? NULL : db_get(&r, 0, 0);   /* the only column */
}

static FX_UNUSED long long
fx_rows(struct db_sql *q, const struct db_arg *args, size_t n)
{
	struct db_res r;

	assert_int_equal(db_read(&A, q, args, n, &r), DB_OK);
	return (long long)r.nrows;
}

/* The lead was touched just now by user (1), or is as it was made (0). */
static FX_UNUSED int
fx_touched(long long lead_id, long long user)
{
	struct db_res r = fx_row(&fx_q_touched, DB_ARGS(DB_INT(lead_id)));

	if (db_get_int(&r, 0, FXT_NOW) == 1) {
		assert_int_equal(db_get_int(&r, 0, FXT_BY), user);
		return 1;
	}
	assert_int_equal(db_get_int(&r, 0, FXT_BY), 0);
	return 0;
}

/* The lead's count of a type, asserted equal to its activities. */
static FX_UNUSED long long
fx_count(long long lead_id, const char *type, long long custom_type_id)
{
	long long n = fx_int(&fx_q_count, DB_ARGS(DB_INT(lead_id), DB_STR(type),
	    DB_INT(custom_type_id)));

	assert_int_equal(n, fx_int(&fx_q_real, DB_ARGS(DB_INT(lead_id), DB_STR(type),
	    DB_INT(custom_type_id))));
	return n;
}

/* ---- leads made for a test ---- */

static FX_UNUSED void
fx_drop_lead(long long id)
{
	size_t i;

	for (i = 0; i < sizeof fx_q_drop / sizeof fx_q_drop[0]; i++)
		assert_int_equal(db_write(&A, &fx_q_drop[i], DB_ARGS(DB_INT(id)), NULL), DB_OK);
}

static FX_UNUSED void
fx_forget_lead(long long id)
{
	if (fx_nmade < FX_MAX_LEADS)
		fx_made[fx_nmade++] = id;
}

/* A lead of the organization named FX_PREFIX + name, with date_updated
 * FX_OLD and no updated_by; its public id into *pid. */
static FX_UNUSED long long
fx_lead(long long org, const char *name, const char **pid)
{
	struct db_res r;
	char full[300];
	long long id;

	snprintf(full, sizeof full, FX_PREFIX "%s", name);
	assert_int_equal(db_write(&A, &fx_q_new_lead, DB_ARGS(DB_INT(org), DB_STR(full),
	    DB_INT(org)), &r), DB_OK);
	assert_int_equal(r.affected, 1);
	id = (long long)r.insert_id;
	fx_forget_lead(id);
	if (pid != NULL)
		*pid = fx_str(&fx_q_pid_of_lead, DB_ARGS(DB_INT(id)));
	return id;
}

/* A contact of the lead; its public id into *pid. */
static FX_UNUSED long long
fx_contact(long long org, long long lead_id, const char *name, const char **pid)
{
	struct db_res r;
	long long id;

	assert_int_equal(db_write(&A, &fx_q_new_contact, DB_ARGS(DB_INT(org), DB_INT(lead_id),
	    DB_STR(name)), &r), DB_OK);
	id = (long long)r.insert_id;
	if (pid != NULL)
		*pid = fx_str(&fx_q_pid_of_contact, DB_ARGS(DB_INT(id)));
	return id;
}

/* ---- failures on purpose ---- */

/* Runs SQL as the server's root (the suite's instance allows it on its socket). */
static FX_UNUSED void
fx_root_sql(const char *sql)
{
	char cmd[1024];
	FILE *p;

	snprintf(cmd, sizeof cmd, "mariadb --no-defaults -S '%s' -u root %s",
	    conf_str(CONF_DB_SOCKET), conf_str(CONF_DB_NAME));
	assert_non_null(p = popen(cmd, "w"));
	fputs(sql, p);
	assert_int_equal(pclose(p), 0);
}

/*
 * From now until the test ends, the server refuses `event` ("INSERT",
 * "UPDATE") of a row of `table` whose `cond` holds (SQL over NEW, e.g.
 * "NEW.lead_id = 42"): the write that makes such a row fails in the middle.
 */
static FX_UNUSED void
fx_fail_on(const char *event, const char *table, const char *cond)
{
	char sql[1024];

	snprintf(sql, sizeof sql,
	    "DELIMITER //\n"
	    "CREATE TRIGGER zz_unit_fail_%s_%s BEFORE %s ON %s FOR EACH ROW BEGIN\n"
	    " IF %s THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'unit test: refused on purpose';"
	    " END IF;\nEND//\n", event, table, event, table, cond);
	fx_root_sql(sql);
	fx_triggers = 1;
}

static FX_UNUSED void
fx_fail_off(void)
{
	static const char *const tables[] = {
		"activities", "lead_activity_counts", "contacts", "contact_emails", "contact_phones",
		"opportunities", "tasks", "leads", "lead_custom_values", "activity_custom_values",
	};
	char sql[4096] = "";
	size_t i;

	if (!fx_triggers)
		return;
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		size_t n = strlen(sql);
		snprintf(sql + n, sizeof sql - n,
		    "DROP TRIGGER IF EXISTS zz_unit_fail_INSERT_%s;"
		    " DROP TRIGGER IF EXISTS zz_unit_fail_UPDATE_%s;\n", tables[i], tables[i]);
	}
	fx_root_sql(sql);
	fx_triggers = 0;
}

/* ---- two writes at the same moment ---- */

/*
 * Runs fn(arg) in two child processes at once, each on its own connection,
 * while this process holds the lead's row locked, then lets them go: both
 * wait on the same lock and run as close together as the database allows.
 * Their results (valid_rc) into rc[0] and rc[1].
 */
static struct db_sql fx_q_hold = DB_SQL("SELECT id FROM leads WHERE id = ? FOR UPDATE");

static FX_UNUSED void
fx_race(long long lead_id, enum valid_rc (*fn)(void *), void *arg, int rc[2])
{
	pid_t kid[2];
	int i, st;

	/* a child must not share this connection: close it, each one opens its own */
	db_close();
	db_init();
	for (i = 0; i < 2; i++) {
		kid[i] = fork();
		assert_true(kid[i] >= 0);
		if (kid[i] == 0) {
			/* no arena_reset(&A) here: the race's lead pid lives in A, and
			 * freeing it under fn was a use-after-free (ASan) */
			_exit((int)fn(arg));
		}
	}
	assert_int_equal(db_begin(), DB_OK);
	assert_int_equal(fx_rows(&fx_q_hold, DB_ARGS(DB_INT(lead_id))), 1);
	usleep(300 * 1000);   /* both children are waiting on the lock now */
	assert_int_equal(db_commit(), DB_OK);
	for (i = 0; i < 2; i++) {
		assert_int_equal(waitpid(kid[i], &st, 0), kid[i]);
		assert_true(WIFEXITED(st));
		rc[i] = WEXITSTATUS(st);
	}
}

/* ---- setup and teardown ---- */

static FX_UNUSED int
fx_group_setup(void **state)
{
	char err[512];
	struct db_res r;
	size_t i;

	(void)state;
	if (sodium_init() < 0)
		return -1;
	arena_init(&A, 0);
	if (getenv("LEADLINE_CONF") == NULL)
		return 0;   /* every test skips */
	if (conf_load(NULL, err, sizeof err) != 0) {
		fprintf(stderr, "conf_load: %s\n", err);
		return -1;
	}
	db_init();
	if (db_read(&A, &fx_q_stale, DB_NOARGS, &r) != DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++)   /* left by a run that crashed */
		fx_drop_lead(db_get_int(&r, i, FXS_ID));
	NW = fx_int(&fx_q_org, DB_ARGS(DB_STR("Northwind Traders")));
	BD = fx_int(&fx_q_org, DB_ARGS(DB_STR("Bloom Dental")));
	r = fx_row(&fx_q_user, DB_ARGS(DB_STR("ada@northwind.test")));
	ADA = db_get_int(&r, 0, FXU_ID);
	ADA_PID = arena_strdup(&A, db_get(&r, 0, FXU_PID));
	r = fx_row(&fx_q_user, DB_ARGS(DB_STR("ben@northwind.test")));
	BEN = db_get_int(&r, 0, FXU_ID);
	BEN_PID = arena_strdup(&A, db_get(&r, 0, FXU_PID));
	r = fx_row(&fx_q_user, DB_ARGS(DB_STR("dan@northwind.test")));
	DAN = db_get_int(&r, 0, FXU_ID);
	DAN_PID = arena_strdup(&A, db_get(&r, 0, FXU_PID));
	r = fx_row(&fx_q_user, DB_ARGS(DB_STR("cora@bloomdental.test")));
	CORA = db_get_int(&r, 0, FXU_ID);
	CORA_PID = arena_strdup(&A, db_get(&r, 0, FXU_PID));
	have_db = 1;
	return 0;
}

static FX_UNUSED int
fx_group_teardown(void **state)
{
	(void)state;
	if (have_db) {
		db_rollback();
		db_close();
		conf_free();
	}
	arena_free(&A);
	return 0;
}

/* The group arena also holds the user ids above: a test's memory is
 * dropped with the process, not between tests. */
static FX_UNUSED int
fx_setup(void **state)
{
	(void)state;
	fx_nmade = 0;
	return 0;
}

static FX_UNUSED int
fx_teardown(void **state)
{
	size_t i;

	(void)state;
	if (!have_db)
		return 0;
	db_rollback();   /* a failed assert may have left a transaction open */
	fx_fail_off();
	for (i = 0; i < fx_nmade; i++)
		fx_drop_lead(fx_made[i]);
	fx_nmade = 0;
	return 0;
}

#define NEED_DB() do { (void)state; if (!have_db) { skip(); return; } } while (0)
#define TEST(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)

/* A write's status, asserted; on a surprise its messages are printed. */
#define assert_rc(call, errs, want) do { \
	enum valid_rc rc_ = (call); \
	if (rc_ != (want)) { \
		size_t i_; \
		for (i_ = 0; i_ < (errs).n; i_++) \
			print_message("# %s: %s\n", (errs).field[i_], (errs).msg[i_]); \
		fail_msg("%s, not %s", valid_rc_str(rc_), valid_rc_str(want)); \
	} \
} while (0)

/* The message of a field, asserted present. */
#define assert_msg(errs, field, text) do { \
	const char *m_ = valid_get(&(errs), (field)); \
	if (m_ == NULL) fail_msg("no message for %s", (field)); \
	assert_string_equal(m_, (text)); \
} while (0)

#endif
