/* trash.c — see trash.h. Every write takes the lead's lock first
 * (leadtx_begin), then the activity's row, then (a restore of a pin) the
 * count of the lead's pinned ones, as pins.c does. */
#include "trash.h"
#include "arena.h"
#include "counts.h"
#include "ids.h"
#include "leadtx.h"
#include "pins.h"

#include <string.h>

enum trash_q { Q_LIVE, Q_DELETE, Q_GONE, Q_RESTORE, Q_PINS, Q_LIST, Q_OLD, Q_OWN_FILES,
	Q_UNLINK, Q_FILE_DEL, Q_VALUES_DEL, Q_ACT_DEL, Q__MAX };

#define ROW_COLS(X) X(W_ID, "id") X(W_TYPE, "type") X(W_CUSTOM, "custom_type_id") X(W_PINNED, "pinned")
enum { ROW_COLS(DB_COL_ENUM) W__NCOLS };
static const char *const row_cols[] = { ROW_COLS(DB_COL_NAME) NULL };
static const char *const n_cols[] = { "n", NULL };
static const char *const id_cols[] = { "id", NULL };
static const char *const old_cols[] = { "id", "organization_id", NULL };
#define LIST_COLS(X) X(T_PID, "pid") X(T_TYPE, "type") X(T_CUSTOM, "custom_type") \
	X(T_AUTHOR, "author") X(T_BY, "deleted_by_name") X(T_DELETED, "deleted_when") \
	X(T_WHEN, "shown_at") X(T_WHAT, "what")
enum { LIST_COLS(DB_COL_ENUM) T__NCOLS };
static const char *const list_cols[] = { LIST_COLS(DB_COL_NAME) NULL };

#define DAYS_ "30"
_Static_assert(TRASH_DAYS == 30, "the SQL's interval is TRASH_DAYS");
#define IN_TRASH " deleted_at > UTC_TIMESTAMP(6) - INTERVAL " DAYS_ " DAY"
#define SHOWN(t) "COALESCE(CONVERT_TZ(" t ", 'UTC', ?), " t ")"
#define WHEN_FMT "'%b %e, %Y %l:%i %p'"

static struct db_sql trash_q[Q__MAX] = {
	[Q_LIVE] = DB_SQL_COLS(
	    "SELECT id, type, COALESCE(custom_type_id, 0) AS custom_type_id,"
	    " pinned_at IS NOT NULL AS pinned FROM activities"
	    " WHERE organization_id = ? AND lead_id = ? AND pid = ? AND deleted_at IS NULL FOR UPDATE",
	    row_cols),
	[Q_DELETE] = DB_SQL(
	    "UPDATE activities SET deleted_at = UTC_TIMESTAMP(6), deleted_by = ?"
	    " WHERE organization_id = ? AND id = ? AND deleted_at IS NULL"),
	[Q_GONE] = DB_SQL_COLS(
	    "SELECT id, type, COALESCE(custom_type_id, 0) AS custom_type_id,"
	    " pinned_at IS NOT NULL AS pinned FROM activities"
	    " WHERE organization_id = ? AND lead_id = ? AND pid = ? AND" IN_TRASH " FOR UPDATE",
	    row_cols),
	[Q_RESTORE] = DB_SQL(
	    "UPDATE activities SET deleted_at = NULL, deleted_by = NULL,"
	    " pinned_at = IF(?, pinned_at, NULL) WHERE organization_id = ? AND id = ?"),
	[Q_PINS] = DB_SQL_COLS(
	    "SELECT COUNT(*) AS n FROM activities FORCE INDEX (lead_pinned)"
	    " WHERE lead_id = ? AND organization_id = ? AND pinned_at IS NOT NULL AND deleted_at IS NULL"
	    " FOR UPDATE", n_cols),
	[Q_LIST] = DB_SQL_COLS(
	    "SELECT a.pid, a.type, COALESCE(t.name, '') AS custom_type, COALESCE(u.name, '') AS author,"
	    " COALESCE(d.name, '') AS deleted_by_name,"
	    " DATE_FORMAT(" SHOWN("a.deleted_at") ", " WHEN_FMT ") AS deleted_when,"
	    " DATE_FORMAT(" SHOWN("a.activity_at") ", " WHEN_FMT ") AS shown_at,"
	    " LEFT(COALESCE(NULLIF(a.subject, ''), NULLIF(a.title, ''), NULLIF(a.body_text, ''),"
	    "  CONCAT_WS(' → ', a.old_status_label, a.new_status_label), ''), 200) AS what"
	    " FROM activities a FORCE INDEX (lead_trash)"
	    " LEFT JOIN custom_activity_types t ON t.id = a.custom_type_id AND t.organization_id = a.organization_id"
	    " LEFT JOIN users u ON u.id = a.user_id"
	    " LEFT JOIN users d ON d.id = a.deleted_by"
	    " WHERE a.lead_id = ? AND a.organization_id = ? AND a." IN_TRASH
	    " ORDER BY a.deleted_at DESC, a.id DESC LIMIT 200", list_cols),
	[Q_OLD] = DB_SQL_COLS(
	    "SELECT id, organization_id FROM activities WHERE deleted_at IS NOT NULL"
	    " AND deleted_at <= UTC_TIMESTAMP(6) - INTERVAL " DAYS_ " DAY ORDER BY id LIMIT ?", old_cols),
	/* the files whose only source is this activity */
	[Q_OWN_FILES] = DB_SQL_COLS(
	    "SELECT af.file_id AS id FROM activity_files af WHERE af.organization_id = ? AND af.activity_id = ?"
	    " AND NOT EXISTS (SELECT 1 FROM activity_files o WHERE o.file_id = af.file_id"
	    "  AND o.activity_id <> af.activity_id) FOR UPDATE", id_cols),
	[Q_UNLINK] = DB_SQL(
	    "DELETE FROM activity_files WHERE organization_id = ? AND activity_id = ?"),
	[Q_FILE_DEL] = DB_SQL(
	    "DELETE FROM files WHERE organization_id = ? AND id = ?"),
	[Q_VALUES_DEL] = DB_SQL(
	    "DELETE FROM activity_custom_values WHERE organization_id = ? AND activity_id = ?"),
	[Q_ACT_DEL] = DB_SQL(
	    "DELETE FROM activities WHERE organization_id = ? AND id = ? AND deleted_at IS NOT NULL"),
};

/* The types that are the record (C1). */
static int
is_record(const char *type)
{
	return strcmp(type, "lead_status_change") == 0 || strcmp(type, "opportunity_status_change") == 0 ||
	    strcmp(type, "task_completed") == 0;
}

enum valid_rc
trash_delete(struct arena *a, long long org_id, long long user_id, int admin, const char *lead_pid,
    const char *acti_pid, struct valid_errs *e)
{
	struct leadtx t;
	struct db_res r;
	enum valid_rc rc;
	long long id;

	valid_reset(e);
	if (acti_pid == NULL || !ids_valid("acti_", acti_pid))
		return VALID_NOT_FOUND;
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = leadtx_lock_row(&t, &trash_q[Q_LIVE], "acti_", acti_pid, &r)) != VALID_OK)
		goto fail;
	if (is_record(db_get(&r, 0, W_TYPE)) && !admin) {
		valid_add(e, VALID_FORM, TRASH_ADMIN_ONLY);
		rc = VALID_REFUSED;
		goto fail;
	}
	id = db_get_int(&r, 0, W_ID);
	if ((rc = valid_db(db_write(a, &trash_q[Q_DELETE], DB_ARGS(DB_INT(user_id), DB_INT(org_id),
	    DB_INT(id)), NULL))) != VALID_OK)
		goto fail;
	if ((rc = valid_db(counts_add(a, org_id, t.lead_id, db_get(&r, 0, W_TYPE),
	    db_get_int(&r, 0, W_CUSTOM), -1))) != VALID_OK)
		goto fail;
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}

enum valid_rc
trash_restore(struct arena *a, long long org_id, long long user_id, int admin, const char *lead_pid,
    const char *acti_pid, int *unpinned, struct valid_errs *e)
{
	struct leadtx t;
	struct db_res r, n;
	enum valid_rc rc;
	long long id;
	int pin;

	valid_reset(e);
	*unpinned = 0;
	if (acti_pid == NULL || !ids_valid("acti_", acti_pid))
		return VALID_NOT_FOUND;
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = leadtx_lock_row(&t, &trash_q[Q_GONE], "acti_", acti_pid, &r)) != VALID_OK)
		goto fail;
	if (!admin) {
		valid_add(e, VALID_FORM, TRASH_RESTORE_ADMIN);
		rc = VALID_REFUSED;
		goto fail;
	}
	id = db_get_int(&r, 0, W_ID);
	pin = db_get_int(&r, 0, W_PINNED) == 1;
	if (pin) {
		rc = valid_db(db_read(a, &trash_q[Q_PINS], DB_ARGS(DB_INT(t.lead_id), DB_INT(org_id)), &n));
		if (rc != VALID_OK)
			goto fail;
		if (db_get_int(&n, 0, 0) >= PINS_MAX) {
			pin = 0;
			*unpinned = 1;
		}
	}
	if ((rc = valid_db(db_write(a, &trash_q[Q_RESTORE], DB_ARGS(DB_INT(pin), DB_INT(org_id),
	    DB_INT(id)), NULL))) != VALID_OK)
		goto fail;
	if ((rc = valid_db(counts_add(a, org_id, t.lead_id, db_get(&r, 0, W_TYPE),
	    db_get_int(&r, 0, W_CUSTOM), 1))) != VALID_OK)
		goto fail;
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}

enum db_err
trash_list(struct arena *a, long long org_id, long long lead_id, const char *tz,
    struct trash_item **items, size_t *n)
{
	struct db_res r;
	enum db_err e;
	size_t i;

	*items = NULL;
	*n = 0;
	e = db_read(a, &trash_q[Q_LIST], DB_ARGS(DB_STR(tz), DB_STR(tz), DB_INT(lead_id), DB_INT(org_id)), &r);
	if (e != DB_OK || r.nrows == 0)
		return e;
	if ((*items = arena_alloc(a, r.nrows * sizeof **items)) == NULL)
		return DB_ERROR;
	for (i = 0; i < r.nrows; i++) {
		struct trash_item *it = &(*items)[i];
		it->pid = db_get(&r, i, T_PID);
		it->type = db_get(&r, i, T_TYPE);
		it->custom_type = db_get(&r, i, T_CUSTOM);
		it->author = db_get(&r, i, T_AUTHOR);
		it->deleted_by = db_get(&r, i, T_BY);
		it->deleted_when = db_get(&r, i, T_DELETED);
		it->when = db_get(&r, i, T_WHEN);
		it->what = db_get(&r, i, T_WHAT);
	}
	*n = r.nrows;
	return DB_OK;
}

/* One old activity for good, in its own transaction. */
static enum db_err
purge_one(struct arena *a, long long org_id, long long id)
{
	struct db_res f;
	enum db_err e;
	size_t i;

	if ((e = db_begin()) != DB_OK)
		return e;
	if ((e = db_read(a, &trash_q[Q_OWN_FILES], DB_ARGS(DB_INT(org_id), DB_INT(id)), &f)) != DB_OK ||
	    (e = db_write(a, &trash_q[Q_UNLINK], DB_ARGS(DB_INT(org_id), DB_INT(id)), NULL)) != DB_OK)
		goto fail;
	for (i = 0; i < f.nrows; i++)
		if ((e = db_write(a, &trash_q[Q_FILE_DEL], DB_ARGS(DB_INT(org_id),
		    DB_INT(db_get_int(&f, i, 0))), NULL)) != DB_OK)
			goto fail;
	if ((e = db_write(a, &trash_q[Q_VALUES_DEL], DB_ARGS(DB_INT(org_id), DB_INT(id)), NULL)) != DB_OK ||
	    (e = db_write(a, &trash_q[Q_ACT_DEL], DB_ARGS(DB_INT(org_id), DB_INT(id)), NULL)) != DB_OK)
		goto fail;
	return db_commit();
fail:
	db_rollback();
	return e;
}

enum db_err
trash_purge(struct arena *a, unsigned limit, unsigned *n)
{
	struct db_res r;
	enum db_err e;
	size_t i;

	*n = 0;
	if ((e = db_read(a, &trash_q[Q_OLD], DB_ARGS(DB_INT(limit)), &r)) != DB_OK)
		return e;
	for (i = 0; i < r.nrows; i++) {
		if ((e = purge_one(a, db_get_int(&r, i, 1), db_get_int(&r, i, 0))) != DB_OK)
			return e;
		(*n)++;
	}
	return DB_OK;
}
