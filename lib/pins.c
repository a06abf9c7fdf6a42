/* pins.c — see pins.h. The order of locks is every write's: the lead's row
 * first (leadtx_begin), then the activity's, then the count of the lead's
 * pinned ones. The count is a locking read, so it sees every pin committed
 * before this transaction took the lead's lock. */
#include "pins.h"
#include "arena.h"
#include "ids.h"
#include "leadtx.h"

#include <string.h>

enum pins_q { Q_ACTIVITY, Q_COUNT, Q_PIN, Q_UNPIN, Q__MAX };

static const char *const act_cols[] = { "id", "type", "pinned", NULL };
enum { A_ID, A_TYPE, A_PINNED };
static const char *const count_cols[] = { "n", NULL };
enum { C_N };

static struct db_sql pins_q[Q__MAX] = {
	[Q_ACTIVITY] = DB_SQL_COLS(
	    "SELECT id, type, pinned_at IS NOT NULL AS pinned FROM activities"
	    " WHERE organization_id = ? AND lead_id = ? AND pid = ? AND deleted_at IS NULL FOR UPDATE",
	    act_cols),
	[Q_COUNT] = DB_SQL_COLS(
	    "SELECT COUNT(*) AS n FROM activities FORCE INDEX (lead_pinned)"
	    " WHERE lead_id = ? AND organization_id = ? AND pinned_at IS NOT NULL AND deleted_at IS NULL"
	    " FOR UPDATE", count_cols),
	[Q_PIN] = DB_SQL(
	    "UPDATE activities SET pinned_at = UTC_TIMESTAMP(6) WHERE organization_id = ? AND id = ?"),
	[Q_UNPIN] = DB_SQL(
	    "UPDATE activities SET pinned_at = NULL WHERE organization_id = ? AND id = ?"),
};

/* Only these types may be pinned (P1). */
static int
pinnable(const char *type)
{
	return strcmp(type, "note") == 0 || strcmp(type, "custom") == 0;
}

enum valid_rc
pins_set(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *acti_pid, int pin, struct valid_errs *errs)
{
	struct leadtx t;
	struct db_res r;
	enum valid_rc rc;
	long long id;

	valid_reset(errs);
	if (acti_pid == NULL || !ids_valid("acti_", acti_pid))
		return VALID_NOT_FOUND;
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	rc = valid_db(db_read(a, &pins_q[Q_ACTIVITY],
	    DB_ARGS(DB_INT(org_id), DB_INT(t.lead_id), DB_STR(acti_pid)), &r));
	if (rc != VALID_OK)
		goto out;
	if (r.nrows != 1) {
		rc = VALID_NOT_FOUND;
		goto out;
	}
	id = db_get_int(&r, 0, A_ID);
	if (!pinnable(db_get(&r, 0, A_TYPE))) {
		valid_add(errs, VALID_FORM, PINS_TYPE);
		rc = VALID_INVALID;
		goto out;
	}
	if ((db_get_int(&r, 0, A_PINNED) == 1) == (pin != 0))
		goto out;   /* already so: nothing to write */
	if (pin) {
		rc = valid_db(db_read(a, &pins_q[Q_COUNT], DB_ARGS(DB_INT(t.lead_id), DB_INT(org_id)), &r));
		if (rc != VALID_OK)
			goto out;
		if (db_get_int(&r, 0, C_N) >= PINS_MAX) {
			valid_add(errs, VALID_FORM, PINS_FULL);
			rc = VALID_REFUSED;
			goto out;
		}
	}
	rc = valid_db(db_write(a, &pins_q[pin ? Q_PIN : Q_UNPIN], DB_ARGS(DB_INT(org_id), DB_INT(id)), NULL));
	if (rc != VALID_OK)
		goto out;
	return leadtx_commit(&t);
out:
	leadtx_rollback(&t);
	return rc;
}
