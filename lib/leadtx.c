/* leadtx.c — see leadtx.h. */
#include "leadtx.h"
#include "arena.h"
#include "ids.h"
#include "log.h"

#include <string.h>

enum leadtx_q {
	Q_LOCK_LEAD,
	Q_ACTOR,
	Q_TOUCH,
	Q_CONTACT,
	Q_USER,
	Q_TO_UTC,
	Q__MAX
};

/* Each read's columns, named (db.h). */
static const char *const lock_cols[] = { "id", "name", NULL };
enum { LK_ID, LK_NAME };
static const char *const actor_cols[] = { "time_zone", "lead_mode", NULL };
enum { AC_TZ, AC_MODE };
static const char *const id_cols[] = { "id", NULL };
enum { ID_ID };
static const char *const user_cols[] = { "id", "active", NULL };
enum { US_ID, US_ACTIVE };
static const char *const utc_cols[] = { "utc", NULL };
enum { UTC_AT };

static struct db_sql leadtx_q[Q__MAX] = {
	/* the first statement of the transaction: every later read sees what
	 * the writes before this lock committed */
	[Q_LOCK_LEAD] = DB_SQL_COLS(
	    "SELECT id, name FROM leads WHERE organization_id = ? AND pid = ? FOR UPDATE", lock_cols),
	[Q_ACTOR] = DB_SQL_COLS(
	    "SELECT u.time_zone, o.lead_mode FROM memberships m"
	    " JOIN users u ON u.id = m.user_id"
	    " JOIN organizations o ON o.id = m.organization_id"
	    " WHERE m.organization_id = ? AND m.user_id = ? AND m.active = 1 AND u.active = 1",
	    actor_cols),
	[Q_TOUCH] = DB_SQL(
	    "UPDATE leads SET date_updated = UTC_TIMESTAMP(6), updated_by = ?"
	    " WHERE organization_id = ? AND id = ?"),
	[Q_CONTACT] = DB_SQL_COLS(
	    "SELECT id FROM contacts WHERE organization_id = ? AND lead_id = ? AND pid = ?", id_cols),
	[Q_USER] = DB_SQL_COLS(
	    "SELECT u.id, m.active AND u.active AS active FROM memberships m"
	    " JOIN users u ON u.id = m.user_id WHERE m.organization_id = ? AND u.pid = ?", user_cols),
	/* NULL for a zone the server does not know: then the time is taken as UTC */
	[Q_TO_UTC] = DB_SQL_COLS(
	    "SELECT DATE_FORMAT(CONVERT_TZ(?, ?, '+00:00'), '%Y-%m-%d %H:%i:%s') AS utc", utc_cols),
};

static enum valid_rc
leadtx_actor(struct leadtx *t)
{
	struct db_res r;
	enum db_err e;

	e = db_read(t->a, &leadtx_q[Q_ACTOR], DB_ARGS(DB_INT(t->org_id), DB_INT(t->user_id)), &r);
	if (e != DB_OK)
		return valid_db(e);
	if (r.nrows != 1)
		return VALID_NOT_FOUND;
	t->tz = db_get(&r, 0, AC_TZ);
	t->b2c = strcmp(db_get(&r, 0, AC_MODE), "b2c") == 0;
	return VALID_OK;
}

static enum valid_rc
leadtx_start(struct leadtx *t, struct arena *a, long long org_id, long long user_id)
{
	enum valid_rc rc;

	memset(t, 0, sizeof *t);
	t->a = a;
	t->org_id = org_id;
	t->user_id = user_id;
	if (a == NULL)
		return VALID_ERROR;
	if ((rc = valid_db(db_begin())) != VALID_OK)
		return rc;
	t->open = 1;
	return VALID_OK;
}

enum valid_rc
leadtx_begin(struct leadtx *t, struct arena *a, long long org_id, long long user_id,
    const char *lead_pid)
{
	struct db_res r;
	enum valid_rc rc;

	if (lead_pid == NULL || !ids_valid("lead_", lead_pid)) {
		memset(t, 0, sizeof *t);
		return VALID_NOT_FOUND;
	}
	if ((rc = leadtx_start(t, a, org_id, user_id)) != VALID_OK)
		return rc;
	rc = valid_db(db_read(a, &leadtx_q[Q_LOCK_LEAD],
	    DB_ARGS(DB_INT(org_id), DB_STR(lead_pid)), &r));
	if (rc == VALID_OK && r.nrows != 1)
		rc = VALID_NOT_FOUND;
	if (rc == VALID_OK) {
		t->lead_id = db_get_int(&r, 0, LK_ID);
		t->lead_name = db_get(&r, 0, LK_NAME);
		rc = leadtx_actor(t);
	}
	if (rc != VALID_OK)
		leadtx_rollback(t);
	return rc;
}

enum valid_rc
leadtx_begin_org(struct leadtx *t, struct arena *a, long long org_id, long long user_id)
{
	enum valid_rc rc;

	if ((rc = leadtx_start(t, a, org_id, user_id)) != VALID_OK)
		return rc;
	if ((rc = leadtx_actor(t)) != VALID_OK)
		leadtx_rollback(t);
	return rc;
}

enum valid_rc
leadtx_lock_row(struct leadtx *t, struct db_sql *q, const char *prefix, const char *pid,
    struct db_res *r)
{
	enum valid_rc rc;

	r->nrows = 0;
	if (pid == NULL || !ids_valid(prefix, pid))
		return VALID_NOT_FOUND;
	rc = valid_db(db_read(t->a, q, DB_ARGS(DB_INT(t->org_id), DB_INT(t->lead_id), DB_STR(pid)), r));
	if (rc == VALID_OK && r->nrows != 1)
		rc = VALID_NOT_FOUND;
	return rc;
}

enum valid_rc
leadtx_commit(struct leadtx *t)
{
	enum valid_rc rc = VALID_OK;

	if (!t->open)
		return VALID_ERROR;
	if (t->lead_id != 0)
		rc = valid_db(db_write(t->a, &leadtx_q[Q_TOUCH],
		    DB_ARGS(DB_INT(t->user_id), DB_INT(t->org_id), DB_INT(t->lead_id)), NULL));
	if (rc != VALID_OK) {
		leadtx_rollback(t);
		return rc;
	}
	t->open = 0;
	/* db_commit rolls back itself when the commit fails */
	return valid_db(db_commit());
}

void
leadtx_rollback(struct leadtx *t)
{
	if (t->open)
		db_rollback();
	t->open = 0;
}

enum valid_rc
leadtx_contact(struct leadtx *t, struct valid_errs *e, const struct valid_spec *sp,
    const char *pid, long long *id)
{
	struct db_res r;
	enum db_err err;

	*id = 0;
	if (pid == NULL || *pid == '\0')
		return VALID_OK;
	if (!ids_valid("cont_", pid)) {
		valid_fail(t->a, e, sp, "was not found on this lead.");
		return VALID_OK;
	}
	err = db_read(t->a, &leadtx_q[Q_CONTACT],
	    DB_ARGS(DB_INT(t->org_id), DB_INT(t->lead_id), DB_STR(pid)), &r);
	if (err != DB_OK)
		return valid_db(err);
	if (r.nrows != 1)
		valid_fail(t->a, e, sp, "was not found on this lead.");
	else
		*id = db_get_int(&r, 0, ID_ID);
	return VALID_OK;
}

enum valid_rc
leadtx_user(struct leadtx *t, struct valid_errs *e, const struct valid_spec *sp,
    const char *pid, long long keep_id, long long *id)
{
	struct db_res r;
	enum db_err err;
	long long found;

	*id = 0;
	if (pid == NULL || *pid == '\0')
		return VALID_OK;
	if (!ids_valid("user_", pid)) {
		valid_fail(t->a, e, sp, "was not found in this organization.");
		return VALID_OK;
	}
	err = db_read(t->a, &leadtx_q[Q_USER], DB_ARGS(DB_INT(t->org_id), DB_STR(pid)), &r);
	if (err != DB_OK)
		return valid_db(err);
	if (r.nrows != 1) {
		valid_fail(t->a, e, sp, "was not found in this organization.");
		return VALID_OK;
	}
	found = db_get_int(&r, 0, US_ID);
	if (db_get_int(&r, 0, US_ACTIVE) != 1 && found != keep_id) {
		valid_fail(t->a, e, sp, "is no longer active in this organization.");
		return VALID_OK;
	}
	*id = found;
	return VALID_OK;
}

enum valid_rc
leadtx_to_utc(struct leadtx *t, const char *local, const char **utc)
{
	struct db_res r;
	enum db_err err;

	*utc = NULL;
	if (local == NULL)
		return VALID_OK;
	err = db_read(t->a, &leadtx_q[Q_TO_UTC], DB_ARGS(DB_STR(local), DB_STR(t->tz)), &r);
	if (err != DB_OK)
		return valid_db(err);
	if (db_is_null(&r, 0, UTC_AT)) {
		log_warn("leadtx: unknown time zone \"%s\" of user %lld: taken as UTC", t->tz,
		    t->user_id);
		*utc = local;
	} else {
		*utc = db_get(&r, 0, UTC_AT);
	}
	return VALID_OK;
}
