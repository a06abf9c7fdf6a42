/* opportunities.c — see opportunities.h. */
#include "opportunities.h"
#include "activities.h"
#include "arena.h"
#include "leadtx.h"

#include <string.h>

enum opportunities_q {
	Q_STATUS,
	Q_FIRST_STATUS,
	Q_LOCK,
	Q_LABEL,
	Q_INSERT,
	Q_UPDATE,
	Q_DELETE,
	Q__MAX
};

/* The statuses' reads: (id, label); the lock's: LOCK_COLS. */
static const char *const status_cols[] = { "id", "label", NULL };
enum { S_ID, S_LABEL };
#define LOCK_COLS(X) X(L_ID, "id") X(L_STATUS, "status_id") X(L_OWNER, "user_id")
enum { LOCK_COLS(DB_COL_ENUM) L__NCOLS };
static const char *const lock_cols[] = { LOCK_COLS(DB_COL_NAME) NULL };
static const char *const label_cols[] = { "label", NULL };
enum { LB_LABEL };

static struct db_sql opportunities_q[Q__MAX] = {
	[Q_STATUS] = DB_SQL_COLS(
	    "SELECT id, label FROM opportunity_statuses WHERE organization_id = ? AND pid = ?",
	    status_cols),
	[Q_FIRST_STATUS] = DB_SQL_COLS(
	    "SELECT id, label FROM opportunity_statuses WHERE organization_id = ?"
	    " ORDER BY position, id LIMIT 1", status_cols),
	/* the opportunity's row only: a join or subquery would lock its status
	 * row, and every write of the organization with that status would wait */
	[Q_LOCK] = DB_SQL_COLS(
	    "SELECT id, status_id, user_id FROM opportunities"
	    " WHERE organization_id = ? AND lead_id = ? AND pid = ? FOR UPDATE", lock_cols),
	[Q_LABEL] = DB_SQL_COLS(
	    "SELECT label FROM opportunity_statuses WHERE organization_id = ? AND id = ?", label_cols),
	[Q_INSERT] = DB_SQL(
	    "INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value,"
	    " value_currency, value_period, confidence, expected_date, user_id, contact_id, note,"
	    " date_created, date_updated)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))"),
	[Q_UPDATE] = DB_SQL(
	    "UPDATE opportunities SET status_id = ?, value = ?, value_currency = ?,"
	    " value_period = ?, confidence = ?, expected_date = ?, user_id = ?, contact_id = ?,"
	    " note = ?, date_updated = UTC_TIMESTAMP(6)"
	    " WHERE organization_id = ? AND lead_id = ? AND id = ?"),
	[Q_DELETE] = DB_SQL(
	    "DELETE FROM opportunities WHERE organization_id = ? AND lead_id = ? AND id = ?"),
};

enum opportunities_f {
	F_STATUS, F_VALUE, F_CURRENCY, F_PERIOD, F_CONFIDENCE, F_DATE, F_OWNER, F_CONTACT,
	F_NOTE, F__MAX
};

#define O_ struct opportunities_in
static const struct form_field opp_fields[F__MAX] = {
	[F_STATUS]     = FORM_ID(O_, status_id, "status_id", "The status", 0, "stat_"),
	[F_VALUE]      = FORM_FIELD(O_, value, "value", "The value", FORM_K_AMOUNT, 0, 0),
	[F_CURRENCY]   = FORM_FIELD(O_, value_currency, "value_currency", "The currency",
	    FORM_K_CURRENCY, 0, 0),
	[F_PERIOD]     = FORM_CHOICE(O_, value_period, "value_period", "The period", 0, valid_periods),
	[F_CONFIDENCE] = FORM_FIELD(O_, confidence, "confidence", "The confidence", FORM_K_INT, 0, 0),
	[F_DATE]       = FORM_FIELD(O_, expected_date, "expected_date", "The close date", FORM_K_DATE,
	    0, 0),
	[F_OWNER]      = FORM_ID(O_, user_id, "user_id", "The owner", 0, "user_"),
	[F_CONTACT]    = FORM_ID(O_, contact_id, "contact_id", "The contact", 0, "cont_"),
	[F_NOTE]       = FORM_FIELD(O_, note, "note", "The note", FORM_K_TEXT,
	    VALID_MULTILINE | VALID_BYTES, 65535),
};
#undef O_

const struct form_model opportunities_form =
    FORM_MODEL("opportunity", struct opportunities_in, opp_fields);

#define SPEC(f) (&opp_fields[(f)].spec)

/* The form checked into column values. */
struct opp_row {
	long long   status_id;
	const char *status_label;
	long long   value;
	const char *currency;
	const char *period;
	long long   confidence;
	const char *expected_date;
	long long   owner;
	long long   contact;
	const char *note;
};

/* What can be checked without the database. */
static void
opp_check(struct arena *a, struct valid_errs *e, const struct opportunities_in *in,
    struct opp_row *o)
{
	int exponent, given;

	memset(o, 0, sizeof *o);
	if (!valid_currency(a, e, SPEC(F_CURRENCY), in->value_currency, &o->currency, &exponent))
		exponent = 2;   /* the value is still checked, as an amount with cents */
	if (o->currency == NULL)
		o->currency = "USD";
	valid_amount(a, e, SPEC(F_VALUE), in->value, exponent, &o->value);
	valid_choice(a, e, SPEC(F_PERIOD), in->value_period, opp_fields[F_PERIOD].choices, &o->period);
	if (o->period == NULL)
		o->period = "one_time";
	valid_int(a, e, SPEC(F_CONFIDENCE), in->confidence, 0, 100, &o->confidence, &given);
	valid_date(a, e, SPEC(F_DATE), in->expected_date, &o->expected_date);
	valid_text(a, e, SPEC(F_NOTE), in->note, &o->note);
}

/* The status (empty: keep_id, or the organization's first when keep_id is 0),
 * the owner and the contact, inside the transaction. */
static enum valid_rc
opp_lookup(struct leadtx *t, struct valid_errs *e, const struct opportunities_in *in,
    long long keep_status, const char *keep_label, long long keep_owner, struct opp_row *o)
{
	struct db_res r;
	enum valid_rc rc;
	const char *st = in->status_id;

	if (st == NULL || *st == '\0') {
		if (keep_status != 0) {
			o->status_id = keep_status;
			o->status_label = keep_label;
		} else {
			rc = valid_db(db_read(t->a, &opportunities_q[Q_FIRST_STATUS],
			    DB_ARGS(DB_INT(t->org_id)), &r));
			if (rc != VALID_OK)
				return rc;
			if (r.nrows != 1)
				valid_add(e, SPEC(F_STATUS)->field,
				    "This organization has no opportunity statuses yet.");
			o->status_id = db_get_int(&r, 0, S_ID);
			o->status_label = db_get(&r, 0, S_LABEL);
		}
	} else if (!ids_valid("stat_", st)) {
		valid_add(e, SPEC(F_STATUS)->field, "The status was not found.");
	} else {
		rc = valid_db(db_read(t->a, &opportunities_q[Q_STATUS],
		    DB_ARGS(DB_INT(t->org_id), DB_STR(st)), &r));
		if (rc != VALID_OK)
			return rc;
		if (r.nrows != 1)
			valid_add(e, SPEC(F_STATUS)->field, "The status was not found.");
		o->status_id = db_get_int(&r, 0, S_ID);
		o->status_label = db_get(&r, 0, S_LABEL);
	}
	if ((rc = leadtx_user(t, e, SPEC(F_OWNER), in->user_id, keep_owner, &o->owner)) != VALID_OK)
		return rc;
	return leadtx_contact(t, e, SPEC(F_CONTACT), in->contact_id, &o->contact);
}

enum valid_rc
opportunities_add(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct opportunities_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	struct leadtx t;
	struct opp_row o;
	enum valid_rc rc;
	char p[IDS_MAXLEN];

	valid_reset(e);
	opp_check(a, e, in, &o);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = opp_lookup(&t, e, in, 0, NULL, 0, &o)) != VALID_OK)
		goto fail;
	if (e->n > 0) {
		rc = VALID_INVALID;
		goto fail;
	}
	if (ids_new("oppo_", p) != 0) {
		rc = VALID_ERROR;
		goto fail;
	}
	rc = valid_db(db_write(a, &opportunities_q[Q_INSERT], DB_ARGS(DB_STR(p), DB_INT(org_id),
	    DB_INT(t.lead_id), DB_INT(o.status_id), DB_INT(o.value), DB_STR(o.currency),
	    DB_STR(o.period), DB_INT(o.confidence), LEADTX_STR(o.expected_date),
	    LEADTX_ID(o.owner), LEADTX_ID(o.contact), LEADTX_STR(o.note)), NULL));
	if (rc != VALID_OK)
		goto fail;
	if ((rc = leadtx_commit(&t)) == VALID_OK && pid != NULL)
		memcpy(pid, p, IDS_MAXLEN);
	return rc;
fail:
	leadtx_rollback(&t);
	return rc;
}

/* The lead's opportunity, locked; VALID_NOT_FOUND when it is not this lead's. */
static enum valid_rc
opp_lock(struct leadtx *t, const char *oppo_pid, struct db_res *r)
{
	return leadtx_lock_row(t, &opportunities_q[Q_LOCK], "oppo_", oppo_pid, r);
}

enum valid_rc
opportunities_update(struct arena *a, long long org_id, long long user_id,
    const char *lead_pid, const char *oppo_pid, const struct opportunities_in *in,
    struct valid_errs *e)
{
	struct leadtx t;
	struct opp_row o;
	struct db_res r;
	enum valid_rc rc;
	long long id, old_status, keep_owner;
	const char *old_label;

	valid_reset(e);
	opp_check(a, e, in, &o);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = opp_lock(&t, oppo_pid, &r)) != VALID_OK)
		goto fail;
	id = db_get_int(&r, 0, L_ID);
	old_status = db_get_int(&r, 0, L_STATUS);
	keep_owner = db_get_int(&r, 0, L_OWNER);
	rc = valid_db(db_read(a, &opportunities_q[Q_LABEL],
	    DB_ARGS(DB_INT(org_id), DB_INT(old_status)), &r));
	if (rc != VALID_OK)
		goto fail;
	old_label = db_get(&r, 0, LB_LABEL);
	rc = opp_lookup(&t, e, in, old_status, old_label, keep_owner, &o);
	if (rc != VALID_OK)
		goto fail;
	if (e->n > 0) {
		rc = VALID_INVALID;
		goto fail;
	}
	rc = valid_db(db_write(a, &opportunities_q[Q_UPDATE], DB_ARGS(DB_INT(o.status_id),
	    DB_INT(o.value), DB_STR(o.currency), DB_STR(o.period), DB_INT(o.confidence),
	    LEADTX_STR(o.expected_date), LEADTX_ID(o.owner), LEADTX_ID(o.contact),
	    LEADTX_STR(o.note), DB_INT(org_id), DB_INT(t.lead_id), DB_INT(id)), NULL));
	if (rc != VALID_OK)
		goto fail;
	if (o.status_id != old_status) {
		struct activities_row w;

		memset(&w, 0, sizeof w);
		w.type = "opportunity_status_change";
		w.duration = -1;
		w.contact_id = o.contact;
		w.opportunity_id = id;
		w.old_status_id = old_status;
		w.new_status_id = o.status_id;
		w.old_status_label = old_label;
		w.new_status_label = o.status_label;
		if ((rc = activities_insert(&t, &w, NULL, NULL)) != VALID_OK)
			goto fail;
	}
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}

enum valid_rc
opportunities_remove(struct arena *a, long long org_id, long long user_id,
    const char *lead_pid, const char *oppo_pid, struct valid_errs *e)
{
	struct leadtx t;
	struct db_res r;
	enum valid_rc rc;

	valid_reset(e);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = opp_lock(&t, oppo_pid, &r)) != VALID_OK)
		goto fail;
	rc = valid_db(db_write(a, &opportunities_q[Q_DELETE],
	    DB_ARGS(DB_INT(org_id), DB_INT(t.lead_id), DB_INT(db_get_int(&r, 0, L_ID))), NULL));
	if (rc != VALID_OK)
		goto fail;
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}
