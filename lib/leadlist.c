/* leadlist.c — see leadlist.h. tests/http/leads-filter.test.mjs runs EXPLAIN
 * on these statements as written here: keep each one a single DB_SQL_COLS,
 * its macros multi-line #defines. */
#include "leadlist.h"
#include "arena.h"

#include <stdio.h>
#include <string.h>

/* The columns of a row; the first contact and the last activity's day are
 * one index probe each (contacts.lead_id, the lead's last_activity row). */
#define LIST_COLUMNS \
	"SELECT l.pid, l.name, s.label AS status, COALESCE(u.name, '') AS owner," \
	" (SELECT c.name FROM contacts c FORCE INDEX (lead_id) WHERE c.lead_id = l.id" \
	"   AND c.organization_id = l.organization_id ORDER BY c.id LIMIT 1) AS contact," \
	" IF(la.last_at = '1000-01-01', ''," \
	"   DATE_FORMAT(COALESCE(CONVERT_TZ(la.last_at, 'UTC', ?), la.last_at), '%Y-%m-%d')) AS last_activity"
#define ROW_COLS(X) X(R_PID, "pid") X(R_NAME, "name") X(R_STATUS, "status") X(R_OWNER, "owner") \
	X(R_CONTACT, "contact") X(R_LAST, "last_activity")
enum { ROW_COLS(DB_COL_ENUM) R__NCOLS };
static const char *const row_cols[] = { ROW_COLS(DB_COL_NAME) NULL };

/* The lead's status, owner and last activity, each by a unique key. */
#define LIST_JOINS \
	" STRAIGHT_JOIN lead_statuses s FORCE INDEX (PRIMARY) ON s.id = l.status_id" \
	"  AND s.organization_id = l.organization_id" \
	" LEFT JOIN users u ON u.id = l.owner_id"

/* The filters other than the owner, on the rows of the sort's range:
 * statuses (a list of pids, '' for any), last activity before and since
 * (days in the viewer's time zone, NULL for none), open tasks and an active
 * opportunity (0 any, 1 with, 2 without): an index probe each. */
#define LIST_FILTERS \
	" AND (? = '' OR FIND_IN_SET(s.pid, ?) > 0)" \
	" AND la.last_at < COALESCE(CONVERT_TZ(?, ?, 'UTC'), ?, '9999-12-31')" \
	" AND la.last_at >= COALESCE(CONVERT_TZ(?, ?, 'UTC'), ?, '1000-01-01')" \
	" AND (? = 0 OR (? = 1) = EXISTS (SELECT 1 FROM tasks t WHERE t.lead_id = l.id" \
	"   AND t.organization_id = l.organization_id AND t.is_complete = 0))" \
	" AND (? = 0 OR (? = 1) = EXISTS (SELECT 1 FROM opportunities o" \
	"   JOIN opportunity_statuses os ON os.id = o.status_id AND os.organization_id = o.organization_id" \
	"   WHERE o.lead_id = l.id AND o.organization_id = l.organization_id AND os.type = 'active'))"

#define PAGE_N 51   /* LEADLIST_PAGE + 1: is there a next page? */
_Static_assert(PAGE_N == LEADLIST_PAGE + 1, "the list's LIMIT is a page and one more");

/* By name: the range of (organization_id, name) from the previous page's
 * last name on, only its ties skipped; an owner's: of (organization_id,
 * owner_id, name). */
static struct db_sql q_by_name = DB_SQL_COLS(
	LIST_COLUMNS
	" FROM leads l FORCE INDEX (organization_id)"
	" STRAIGHT_JOIN lead_last_activity la ON la.lead_id = l.id"
	LIST_JOINS
	" WHERE l.organization_id = ? AND l.name >= ? AND (l.name > ? OR l.id > ?)"
	LIST_FILTERS
	" ORDER BY l.name, l.id LIMIT 51", row_cols);
static struct db_sql q_owner_by_name = DB_SQL_COLS(
	LIST_COLUMNS
	" FROM leads l FORCE INDEX (leads_owner_name)"
	" STRAIGHT_JOIN lead_last_activity la ON la.lead_id = l.id"
	LIST_JOINS
	" WHERE l.organization_id = ? AND l.owner_id = ? AND l.name >= ? AND (l.name > ? OR l.id > ?)"
	LIST_FILTERS
	" ORDER BY l.name, l.id LIMIT 51", row_cols);

/* Newest first: (organization_id[, owner_id], date_created, id) read backwards. */
static struct db_sql q_by_created = DB_SQL_COLS(
	LIST_COLUMNS
	" FROM leads l FORCE INDEX (leads_created)"
	" STRAIGHT_JOIN lead_last_activity la ON la.lead_id = l.id"
	LIST_JOINS
	" WHERE l.organization_id = ? AND l.date_created <= ?"
	"  AND (l.date_created < ? OR l.id < ?)"
	LIST_FILTERS
	" ORDER BY l.date_created DESC, l.id DESC LIMIT 51", row_cols);
static struct db_sql q_owner_by_created = DB_SQL_COLS(
	LIST_COLUMNS
	" FROM leads l FORCE INDEX (leads_owner_created)"
	" STRAIGHT_JOIN lead_last_activity la ON la.lead_id = l.id"
	LIST_JOINS
	" WHERE l.organization_id = ? AND l.owner_id = ? AND l.date_created <= ?"
	"  AND (l.date_created < ? OR l.id < ?)"
	LIST_FILTERS
	" ORDER BY l.date_created DESC, l.id DESC LIMIT 51", row_cols);

/* Latest activity first: lead_last_activity's (organization_id, last_at,
 * lead_id) read backwards, the lead by its primary key; an owner is checked
 * on the lead (the owner's leads are not a range of that key). */
static struct db_sql q_by_activity = DB_SQL_COLS(
	LIST_COLUMNS
	" FROM lead_last_activity la FORCE INDEX (by_last)"
	" STRAIGHT_JOIN leads l ON l.id = la.lead_id"
	LIST_JOINS
	" WHERE la.organization_id = ? AND l.organization_id = la.organization_id"
	"  AND (? = 0 OR l.owner_id = ?)"
	"  AND la.last_at <= ? AND (la.last_at < ? OR la.lead_id < ?)"
	LIST_FILTERS
	" ORDER BY la.last_at DESC, la.lead_id DESC LIMIT 51", row_cols);

/* Where a page continues: the keys of the lead it continues after. */
#define AFTER_COLS(X) X(AF_NAME, "name") X(AF_ID, "id") X(AF_CREATED, "created") X(AF_LAST, "last_at")
enum { AFTER_COLS(DB_COL_ENUM) AF__NCOLS };
static const char *const after_cols[] = { AFTER_COLS(DB_COL_NAME) NULL };
static struct db_sql q_after = DB_SQL_COLS(
	"SELECT l.name, l.id, DATE_FORMAT(l.date_created, '%Y-%m-%d %H:%i:%s.%f') AS created,"
	" DATE_FORMAT(la.last_at, '%Y-%m-%d %H:%i:%s.%f') AS last_at"
	" FROM leads l JOIN lead_last_activity la ON la.lead_id = l.id"
	" WHERE l.organization_id = ? AND l.pid = ?", after_cols);

#define MEMBER_COLS(X) X(M_ID, "id") X(M_PID, "pid") X(M_NAME, "name")
enum { MEMBER_COLS(DB_COL_ENUM) M__NCOLS };
static const char *const member_cols[] = { MEMBER_COLS(DB_COL_NAME) NULL };
static struct db_sql q_members = DB_SQL_COLS(
	"SELECT u.id, u.pid, u.name FROM memberships m JOIN users u ON u.id = m.user_id"
	" WHERE m.organization_id = ? AND m.active = 1 AND u.active = 1 ORDER BY u.name, u.id",
	member_cols);

enum db_err
leadlist_members(struct arena *a, long long org_id, struct leadlist_member **out, size_t *n)
{
	struct db_res r;
	enum db_err e;
	size_t i;

	*out = NULL;
	*n = 0;
	if ((e = db_read(a, &q_members, DB_ARGS(DB_INT(org_id)), &r)) != DB_OK)
		return e;
	if ((*out = arena_alloc(a, (r.nrows + 1) * sizeof **out)) == NULL)
		return DB_ERROR;
	for (i = 0; i < r.nrows; i++) {
		(*out)[i].id = db_get_int(&r, i, M_ID);
		(*out)[i].pid = db_get(&r, i, M_PID);
		(*out)[i].name = db_get(&r, i, M_NAME);
	}
	*n = r.nrows;
	return DB_OK;
}

/* The statuses as "stat_a,stat_b" for FIND_IN_SET (a pid holds no comma),
 * "" for none. */
static const char *
status_list(struct arena *a, const struct leadlist_filter *f)
{
	const char *s = "";
	size_t i;

	for (i = 0; i < f->nstatus && s != NULL; i++)
		s = arena_printf(a, "%s%s%s", s, i ? "," : "", f->statuses[i]);
	return s;
}

static struct db_arg
str_or_null(const char *s)
{
	return s ? DB_STR(s) : DB_NULL;
}

enum db_err
leadlist_page(struct arena *a, long long org_id, const struct leadlist_filter *f,
    const char *after, const char *tz, struct leadlist_page *out, int *after_found)
{
	struct db_arg args[32];
	struct db_sql *q;
	struct db_res r;
	enum db_err e;
	const char *name = "", *created = "9999-12-31 23:59:59.999999", *last = "9999-12-31 23:59:59.999999";
	const char *statuses;
	long long id = 0;
	size_t n = 0, i;

	memset(out, 0, sizeof *out);
	*after_found = 1;
	if ((statuses = status_list(a, f)) == NULL)
		return DB_ERROR;
	if (after != NULL) {
		e = db_read(a, &q_after, DB_ARGS(DB_INT(org_id), DB_STR(after)), &r);
		if (e != DB_OK)
			return e;
		if (r.nrows != 1) {
			*after_found = 0;
			return DB_OK;
		}
		name = db_get(&r, 0, AF_NAME);
		id = db_get_int(&r, 0, AF_ID);
		created = db_get(&r, 0, AF_CREATED);
		last = db_get(&r, 0, AF_LAST);
	} else if (f->sort != LEADLIST_BY_NAME)
		id = 0x7fffffffffffffffLL;
	args[n++] = DB_STR(tz);
	args[n++] = DB_INT(org_id);
	switch (f->sort) {
	case LEADLIST_BY_ACTIVITY:
		q = &q_by_activity;
		args[n++] = DB_INT(f->owner_id);
		args[n++] = DB_INT(f->owner_id);
		args[n++] = DB_STR(last);
		args[n++] = DB_STR(last);
		break;
	case LEADLIST_BY_CREATED:
		q = f->owner_id ? &q_owner_by_created : &q_by_created;
		if (f->owner_id)
			args[n++] = DB_INT(f->owner_id);
		args[n++] = DB_STR(created);
		args[n++] = DB_STR(created);
		break;
	default:
		q = f->owner_id ? &q_owner_by_name : &q_by_name;
		if (f->owner_id)
			args[n++] = DB_INT(f->owner_id);
		args[n++] = DB_STR(name);
		args[n++] = DB_STR(name);
		break;
	}
	args[n++] = DB_INT(id);
	args[n++] = DB_STR(statuses);
	args[n++] = DB_STR(statuses);
	args[n++] = str_or_null(f->active_before);
	args[n++] = DB_STR(tz);
	args[n++] = str_or_null(f->active_before);
	args[n++] = str_or_null(f->active_since);
	args[n++] = DB_STR(tz);
	args[n++] = str_or_null(f->active_since);
	args[n++] = DB_INT(f->open_tasks);
	args[n++] = DB_INT(f->open_tasks);
	args[n++] = DB_INT(f->active_opportunity);
	args[n++] = DB_INT(f->active_opportunity);
	if ((e = db_read(a, q, args, n, &r)) != DB_OK)
		return e;
	out->n = r.nrows > LEADLIST_PAGE ? LEADLIST_PAGE : r.nrows;
	if ((out->rows = arena_alloc(a, (out->n + 1) * sizeof *out->rows)) == NULL)
		return DB_ERROR;
	for (i = 0; i < out->n; i++) {
		out->rows[i].pid = db_get(&r, i, R_PID);
		out->rows[i].name = db_get(&r, i, R_NAME);
		out->rows[i].status = db_get(&r, i, R_STATUS);
		out->rows[i].owner = db_get(&r, i, R_OWNER);
		out->rows[i].contact = db_get(&r, i, R_CONTACT);
		out->rows[i].last_activity = db_get(&r, i, R_LAST);
	}
	if (r.nrows > LEADLIST_PAGE)
		out->next = out->rows[LEADLIST_PAGE - 1].pid;
	return DB_OK;
}
