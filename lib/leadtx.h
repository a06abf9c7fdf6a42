/* leadtx.h — one write on one lead, as every write module does it: one
 * transaction that first locks the lead's row, checks the acting user, looks
 * up the ids a form refers to (only within the organization and the lead),
 * and touches the lead (date_updated, updated_by) before it commits.
 *
 * Locking the lead first, in every write, makes the writes on one lead run one
 * after another: B2C's one contact, a task completed once, an opportunity's
 * old status cannot race, and the order of locks is always the same (no
 * deadlock between two writes of this model). */
#ifndef LL_LEADTX_H
#define LL_LEADTX_H

#include "db.h"
#include "valid.h"

struct arena;

struct leadtx {
	struct arena *a;
	long long     org_id;
	long long     user_id;
	long long     lead_id;      /* 0 until a new lead is written (leadtx_begin_org) */
	const char   *lead_name;    /* as it was when locked */
	const char   *tz;           /* the acting user's time zone (users.time_zone) */
	int           b2c;          /* the organization's lead_mode is b2c */
	int           open;         /* a transaction is running */
};

/* A string or SQL NULL; an internal id or SQL NULL for 0. */
#define LEADTX_STR(s) ((s) != NULL ? DB_STR(s) : DB_NULL)
#define LEADTX_ID(i)  ((i) != 0 ? DB_INT(i) : DB_NULL)

/*
 * Begins the transaction and locks the lead `lead_pid` of the organization
 * (SELECT ... FOR UPDATE). VALID_NOT_FOUND when the organization has no such
 * lead or the user is no active member of it; then nothing is left open.
 */
enum valid_rc leadtx_begin(struct leadtx *, struct arena *, long long org_id, long long user_id,
    const char *lead_pid);
/* The same without a lead, for a write that makes one (leadedit_create). */
enum valid_rc leadtx_begin_org(struct leadtx *, struct arena *, long long org_id,
    long long user_id);
/* Touches the lead (date_updated = UTC now, updated_by = the user) and
 * commits. On failure everything is rolled back and the status says why. */
enum valid_rc leadtx_commit(struct leadtx *);
/* Rolls back; harmless when nothing is open. */
void          leadtx_rollback(struct leadtx *);
/* A row of this lead locked by its public id: q takes (org_id, lead_id, pid)
 * and reads it FOR UPDATE. VALID_NOT_FOUND when pid is not prefix + 40 base62
 * or not a row of this lead; the row in *r otherwise. */
enum valid_rc leadtx_lock_row(struct leadtx *, struct db_sql *q, const char *prefix,
    const char *pid, struct db_res *r);

/*
 * Look-ups of the ids a form refers to. Each sets *id (0 for an empty pid)
 * and returns VALID_OK; an id that is not the organization's (or not the
 * lead's) is never used: it adds "<what> was not found ..." for spec->field
 * and *id stays 0. Another status is a database failure.
 */
/* A contact of this lead. */
enum valid_rc leadtx_contact(struct leadtx *, struct valid_errs *, const struct valid_spec *,
    const char *pid, long long *id);
/* A user of this organization. A deactivated user or membership is refused,
 * except keep_id (the value the object has now: an edit may leave it). */
enum valid_rc leadtx_user(struct leadtx *, struct valid_errs *, const struct valid_spec *,
    const char *pid, long long keep_id, long long *id);
/* A local "YYYY-MM-DD HH:MM:SS" (valid_datetime's output) in the acting user's
 * time zone into UTC, same format, in the arena. NULL stays NULL. */
enum valid_rc leadtx_to_utc(struct leadtx *, const char *local, const char **utc);

#endif
