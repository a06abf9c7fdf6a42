/* leadowner.c — see leadowner.h. The change is a note in the history: the
 * history's statement has a branch for each of its eight built-in types
 * (lib/timeline.c), and a note shows and filters like any other. */
#include "leadowner.h"
#include "arena.h"
#include "counts.h"
#include "ids.h"

#include <string.h>

/* The lead is locked first, so two changes at the same moment are recorded
 * one after the other, each from the owner it replaced. */
#define LOCK_COLS(X) X(K_ID, "id") X(K_OWNER, "owner_id") X(K_OWNER_NAME, "owner_name")
enum { LOCK_COLS(DB_COL_ENUM) K__NCOLS };
static const char *const lock_cols[] = { LOCK_COLS(DB_COL_NAME) NULL };
static struct db_sql q_lock = DB_SQL_COLS(
	"SELECT l.id, l.owner_id, u.name AS owner_name FROM leads l"
	" LEFT JOIN users u ON u.id = l.owner_id"
	" WHERE l.organization_id = ? AND l.pid = ? FOR UPDATE", lock_cols);

#define MEMBER_COLS(X) X(M_ID, "id") X(M_NAME, "name")
enum { MEMBER_COLS(DB_COL_ENUM) M__NCOLS };
static const char *const member_cols[] = { MEMBER_COLS(DB_COL_NAME) NULL };
static struct db_sql q_member = DB_SQL_COLS(
	"SELECT u.id, u.name FROM users u JOIN memberships m ON m.user_id = u.id"
	" WHERE m.organization_id = ? AND u.pid = ? AND m.active = 1 AND u.active = 1", member_cols);

static struct db_sql q_set = DB_SQL(
	"UPDATE leads SET owner_id = ?, updated_by = ?, date_updated = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND organization_id = ?");
static struct db_sql q_note = DB_SQL(
	"INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at,"
	" date_created, date_updated, body_text)"
	" VALUES (?, ?, ?, 'note', ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), ?)");

const char *
leadowner_note(struct arena *a, const char *old_name, const char *new_name)
{
	if (old_name == NULL || *old_name == '\0')
		return arena_printf(a, "Lead owner set to %s.", new_name);
	return arena_printf(a, "Lead owner changed from %s to %s.", old_name, new_name);
}

enum db_err
leadowner_set_locked(struct arena *a, long long org_id, long long user_id, long long lead_id,
    long long old_owner, const char *old_name, long long new_owner, const char *new_name,
    enum leadowner_change *out)
{
	char acti[IDS_MAXLEN];
	const char *text;
	enum db_err e;

	*out = LEADOWNER_UNCHANGED;
	if (old_owner == new_owner)
		return DB_OK;
	if (ids_new("acti_", acti) != 0 || (text = leadowner_note(a, old_name, new_name)) == NULL)
		return DB_ERROR;
	if ((e = db_write(a, &q_set, DB_ARGS(DB_INT(new_owner), DB_INT(user_id), DB_INT(lead_id),
	    DB_INT(org_id)), NULL)) != DB_OK)
		return e;
	if ((e = db_write(a, &q_note, DB_ARGS(DB_STR(acti), DB_INT(org_id), DB_INT(lead_id),
	    DB_INT(user_id), DB_STR(text)), NULL)) != DB_OK)
		return e;
	if ((e = counts_add(a, org_id, lead_id, "note", 0, 1)) != DB_OK)
		return e;
	*out = LEADOWNER_CHANGED;
	return DB_OK;
}

enum db_err
leadowner_member(struct arena *a, long long org_id, const char *owner_pid, long long *id,
    const char **name)
{
	struct db_res r;
	enum db_err e;

	*id = 0;
	*name = NULL;
	e = db_read(a, &q_member, DB_ARGS(DB_INT(org_id), DB_STR(owner_pid)), &r);
	if (e == DB_OK && r.nrows == 1) {
		*id = db_get_int(&r, 0, M_ID);
		*name = db_get(&r, 0, M_NAME);
	}
	return e;
}

enum db_err
leadowner_set(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *owner_pid, enum leadowner_change *out)
{
	struct db_res r;
	enum db_err e;
	long long new_id;
	const char *new_name;

	*out = LEADOWNER_NO_LEAD;
	if ((e = db_begin()) != DB_OK)
		return e;
	e = db_read(a, &q_lock, DB_ARGS(DB_INT(org_id), DB_STR(lead_pid)), &r);
	if (e != DB_OK || r.nrows != 1)
		goto out;
	*out = LEADOWNER_NO_MEMBER;
	if ((e = leadowner_member(a, org_id, owner_pid, &new_id, &new_name)) != DB_OK || new_name == NULL)
		goto out;
	e = leadowner_set_locked(a, org_id, user_id, db_get_int(&r, 0, K_ID),
	    db_get_int(&r, 0, K_OWNER), db_is_null(&r, 0, K_OWNER_NAME) ? NULL : db_get(&r, 0, K_OWNER_NAME),
	    new_id, new_name, out);
	if (e != DB_OK || *out != LEADOWNER_CHANGED)
		goto out;
	if ((e = db_commit()) != DB_OK)
		goto out;
	return DB_OK;
out:
	db_rollback();
	if (e != DB_OK)
		*out = LEADOWNER_NO_LEAD;
	return e;
}
