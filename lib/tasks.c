/* tasks.c — see tasks.h. */
#include "tasks.h"
#include "activities.h"
#include "arena.h"
#include "leadtx.h"

#include <string.h>

#include "ids.h"

enum tasks_q {
	Q_LOCK,
	Q_INSERT,
	Q_UPDATE,
	Q_COMPLETE,
	Q_DELETE,
	Q_REOPEN,
	Q_READ,
	Q__MAX
};

#define LOCK_COLS(X) X(L_ID, "id") X(L_TEXT, "text") X(L_DONE, "is_complete") \
	X(L_CONTACT, "contact_id") X(L_ASSIGNEE, "assigned_to")
enum { LOCK_COLS(DB_COL_ENUM) L__NCOLS };
static const char *const lock_cols[] = { LOCK_COLS(DB_COL_NAME) NULL };

#define READ_COLS(X) X(R_PID, "pid") X(R_TEXT, "text") X(R_DUE, "due_date") \
	X(R_ASSIGNEE, "assignee") X(R_CONTACT, "contact") X(R_DONE, "is_complete") \
	X(R_ASSIGNEE_NAME, "assignee_name")
enum { READ_COLS(DB_COL_ENUM) R__NCOLS };
static const char *const read_cols[] = { READ_COLS(DB_COL_NAME) NULL };

static struct db_sql tasks_q[Q__MAX] = {
	/* FOR UPDATE: of two requests completing one task, the second waits
	 * here and then sees it complete */
	[Q_LOCK] = DB_SQL_COLS(
	    "SELECT id, text, is_complete, contact_id, assigned_to FROM tasks"
	    " WHERE organization_id = ? AND lead_id = ? AND pid = ? FOR UPDATE", lock_cols),
	[Q_INSERT] = DB_SQL(
	    "INSERT INTO tasks (pid, organization_id, lead_id, text, due_date, assigned_to,"
	    " contact_id, is_complete, date_created) VALUES (?, ?, ?, ?, ?, ?, ?, 0, UTC_TIMESTAMP(6))"),
	[Q_UPDATE] = DB_SQL(
	    "UPDATE tasks SET text = ?, due_date = ?, assigned_to = ?, contact_id = ?"
	    " WHERE organization_id = ? AND lead_id = ? AND id = ?"),
	[Q_COMPLETE] = DB_SQL(
	    "UPDATE tasks SET is_complete = 1, date_completed = UTC_TIMESTAMP(6)"
	    " WHERE organization_id = ? AND lead_id = ? AND id = ? AND is_complete = 0"),
	[Q_DELETE] = DB_SQL(
	    "DELETE FROM tasks WHERE organization_id = ? AND lead_id = ? AND id = ?"),
	[Q_REOPEN] = DB_SQL(
	    "UPDATE tasks SET is_complete = 0, date_completed = NULL"
	    " WHERE organization_id = ? AND lead_id = ? AND id = ? AND is_complete = 1"),
	[Q_READ] = DB_SQL_COLS(
	    "SELECT t.pid, t.text, DATE_FORMAT(t.due_date, '%Y-%m-%d') AS due_date, u.pid AS assignee,"
	    " c.pid AS contact, t.is_complete, u.name AS assignee_name FROM tasks t"
	    " LEFT JOIN users u ON u.id = t.assigned_to"
	    " LEFT JOIN contacts c ON c.id = t.contact_id AND c.organization_id = t.organization_id"
	    " WHERE t.organization_id = ? AND t.lead_id = ? AND t.pid = ?", read_cols),
};

enum tasks_f { F_TEXT, F_DUE, F_ASSIGNEE, F_CONTACT, F__MAX };

#define T_ struct tasks_in
static const struct form_field task_fields[F__MAX] = {
	[F_TEXT]     = FORM_FIELD(T_, text, "text", "The task", FORM_K_TEXT, VALID_REQUIRED | VALID_BYTES,
	    65535),
	[F_DUE]      = FORM_FIELD(T_, due_date, "due_date", "The due date", FORM_K_DATE, 0, 0),
	[F_ASSIGNEE] = FORM_ID(T_, assigned_to, "assigned_to", "The assignee", 0, "user_"),
	[F_CONTACT]  = FORM_ID(T_, contact_id, "contact_id", "The contact", 0, "cont_"),
};
#undef T_

const struct form_model tasks_form = FORM_MODEL("task", struct tasks_in, task_fields);

#define SPEC(f) (&task_fields[(f)].spec)

struct task_row {
	const char *text;
	const char *due;
	long long   assignee;
	long long   contact;
};

/* The form into column values: the text and date first, the ids inside t. */
static enum valid_rc
task_check(struct leadtx *t, struct valid_errs *e, const struct tasks_in *in,
    long long keep_assignee, struct task_row *w)
{
	enum valid_rc rc;

	rc = leadtx_user(t, e, SPEC(F_ASSIGNEE), in->assigned_to, keep_assignee, &w->assignee);
	if (rc != VALID_OK)
		return rc;
	if (in->assigned_to == NULL || *in->assigned_to == '\0')
		w->assignee = t->user_id;
	return leadtx_contact(t, e, SPEC(F_CONTACT), in->contact_id, &w->contact);
}

static void
task_text(struct arena *a, struct valid_errs *e, const struct tasks_in *in, struct task_row *w)
{
	memset(w, 0, sizeof *w);
	valid_text(a, e, SPEC(F_TEXT), in->text, &w->text);
	valid_date(a, e, SPEC(F_DUE), in->due_date, &w->due);
}

enum valid_rc
tasks_add(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct tasks_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	struct leadtx t;
	struct task_row w;
	enum valid_rc rc;
	char p[IDS_MAXLEN];

	valid_reset(e);
	task_text(a, e, in, &w);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = task_check(&t, e, in, 0, &w)) != VALID_OK)
		goto fail;
	if (e->n > 0) {
		rc = VALID_INVALID;
		goto fail;
	}
	if (ids_new("task_", p) != 0) {
		rc = VALID_ERROR;
		goto fail;
	}
	rc = valid_db(db_write(a, &tasks_q[Q_INSERT], DB_ARGS(DB_STR(p), DB_INT(org_id),
	    DB_INT(t.lead_id), DB_STR(w.text), LEADTX_STR(w.due), LEADTX_ID(w.assignee),
	    LEADTX_ID(w.contact)), NULL));
	if (rc != VALID_OK)
		goto fail;
	if ((rc = leadtx_commit(&t)) == VALID_OK && pid != NULL)
		memcpy(pid, p, IDS_MAXLEN);
	return rc;
fail:
	leadtx_rollback(&t);
	return rc;
}

/* The lead's task, locked; VALID_NOT_FOUND when it is not this lead's. */
static enum valid_rc
task_lock(struct leadtx *t, const char *task_pid, struct db_res *r)
{
	return leadtx_lock_row(t, &tasks_q[Q_LOCK], "task_", task_pid, r);
}

enum valid_rc
tasks_update(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *task_pid, const struct tasks_in *in, struct valid_errs *e)
{
	struct leadtx t;
	struct task_row w;
	struct db_res r;
	enum valid_rc rc;

	valid_reset(e);
	task_text(a, e, in, &w);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = task_lock(&t, task_pid, &r)) != VALID_OK)
		goto fail;
	if ((rc = task_check(&t, e, in, db_get_int(&r, 0, L_ASSIGNEE), &w)) != VALID_OK)
		goto fail;
	if (e->n > 0) {
		rc = VALID_INVALID;
		goto fail;
	}
	rc = valid_db(db_write(a, &tasks_q[Q_UPDATE], DB_ARGS(DB_STR(w.text), LEADTX_STR(w.due),
	    LEADTX_ID(w.assignee), LEADTX_ID(w.contact), DB_INT(org_id), DB_INT(t.lead_id),
	    DB_INT(db_get_int(&r, 0, L_ID))), NULL));
	if (rc != VALID_OK)
		goto fail;
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}

enum valid_rc
tasks_complete(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *task_pid, struct valid_errs *e)
{
	struct leadtx t;
	struct activities_row w;
	struct db_res r, u;
	enum valid_rc rc;
	long long id;

	valid_reset(e);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = task_lock(&t, task_pid, &r)) != VALID_OK)
		goto fail;
	id = db_get_int(&r, 0, L_ID);
	if (db_get_int(&r, 0, L_DONE) != 0) {
		valid_add(e, VALID_FORM, TASKS_DONE);
		rc = VALID_REFUSED;
		goto fail;
	}
	rc = valid_db(db_write(a, &tasks_q[Q_COMPLETE],
	    DB_ARGS(DB_INT(org_id), DB_INT(t.lead_id), DB_INT(id)), &u));
	if (rc != VALID_OK)
		goto fail;
	if (u.affected != 1) {   /* cannot happen under the lock; never record it twice */
		valid_add(e, VALID_FORM, TASKS_DONE);
		rc = VALID_REFUSED;
		goto fail;
	}
	memset(&w, 0, sizeof w);
	w.type = "task_completed";
	w.duration = -1;
	w.task_id = id;
	w.body_text = db_get(&r, 0, L_TEXT);
	w.contact_id = db_get_int(&r, 0, L_CONTACT);
	if ((rc = activities_insert(&t, &w, NULL, NULL)) != VALID_OK)
		goto fail;
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}

enum valid_rc
tasks_remove(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *task_pid, struct valid_errs *e)
{
	struct leadtx t;
	struct db_res r;
	enum valid_rc rc;

	valid_reset(e);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = task_lock(&t, task_pid, &r)) != VALID_OK)
		goto fail;
	rc = valid_db(db_write(a, &tasks_q[Q_DELETE],
	    DB_ARGS(DB_INT(org_id), DB_INT(t.lead_id), DB_INT(db_get_int(&r, 0, L_ID))), NULL));
	if (rc != VALID_OK)
		goto fail;
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}

enum valid_rc
tasks_reopen(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *task_pid, struct valid_errs *e)
{
	struct leadtx t;
	struct db_res r, u;
	enum valid_rc rc;

	valid_reset(e);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = task_lock(&t, task_pid, &r)) != VALID_OK)
		goto fail;
	if (db_get_int(&r, 0, L_DONE) == 0) {
		valid_add(e, VALID_FORM, TASKS_NOT_DONE);
		rc = VALID_REFUSED;
		goto fail;
	}
	rc = valid_db(db_write(a, &tasks_q[Q_REOPEN],
	    DB_ARGS(DB_INT(org_id), DB_INT(t.lead_id), DB_INT(db_get_int(&r, 0, L_ID))), &u));
	if (rc != VALID_OK)
		goto fail;
	if (u.affected != 1) {   /* cannot happen under the lock */
		valid_add(e, VALID_FORM, TASKS_NOT_DONE);
		rc = VALID_REFUSED;
		goto fail;
	}
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}

enum db_err
tasks_read(struct arena *a, long long org_id, long long lead_id, const char *task_pid,
    struct tasks_stored *out, int *found)
{
	struct db_res r;
	enum db_err err;

	*found = 0;
	memset(out, 0, sizeof *out);
	if (task_pid == NULL || !ids_valid("task_", task_pid))
		return DB_OK;
	err = db_read(a, &tasks_q[Q_READ], DB_ARGS(DB_INT(org_id), DB_INT(lead_id), DB_STR(task_pid)), &r);
	if (err != DB_OK || r.nrows != 1)
		return err;
	out->pid = db_get(&r, 0, R_PID);
	out->in.text = db_get(&r, 0, R_TEXT);
	out->in.due_date = db_get(&r, 0, R_DUE);
	out->in.assigned_to = db_get(&r, 0, R_ASSIGNEE);
	out->in.contact_id = db_get(&r, 0, R_CONTACT);
	out->assignee_name = db_get(&r, 0, R_ASSIGNEE_NAME);
	out->complete = db_get_int(&r, 0, R_DONE) != 0;
	*found = 1;
	return DB_OK;
}
