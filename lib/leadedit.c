/* leadedit.c — see leadedit.h. */
#include "leadedit.h"
#include "contacts.h"
#include "arena.h"
#include "leadtx.h"

#include <string.h>

enum leadedit_q {
	Q_FIRST_STATUS,
	Q_INSERT,
	Q_ADD_CONTACT,
	Q_UPDATE,
	Q_RENAME_CONTACTS,
	Q__MAX
};

static const char *const status_cols[] = { "id", NULL };
enum { ST_ID };

static struct db_sql leadedit_q[Q__MAX] = {
	[Q_FIRST_STATUS] = DB_SQL_COLS(
	    "SELECT id FROM lead_statuses WHERE organization_id = ? ORDER BY position, id LIMIT 1",
	    status_cols),
	[Q_INSERT] = DB_SQL(
	    "INSERT INTO leads (pid, organization_id, name, url, description, status_id,"
	    " created_by, updated_by, date_created, date_updated)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))"),
	[Q_ADD_CONTACT] = DB_SQL(
	    "INSERT INTO contacts (pid, organization_id, lead_id, name, title, date_created)"
	    " VALUES (?, ?, ?, ?, NULL, UTC_TIMESTAMP(6))"),
	[Q_UPDATE] = DB_SQL(
	    "UPDATE leads SET name = ?, url = ?, description = ? WHERE organization_id = ? AND id = ?"),
	/* b2c: the customer's contact carries the lead's name */
	[Q_RENAME_CONTACTS] = DB_SQL(
	    "UPDATE contacts SET name = ? WHERE organization_id = ? AND lead_id = ?"),
};

enum leadedit_f { F_NAME, F_URL, F_DESCRIPTION, F__MAX };

#define L_ struct leadedit_in
static const struct form_field lead_fields[F__MAX] = {
	[F_NAME]        = FORM_FIELD(L_, name, "name", "The name", FORM_K_TEXT, VALID_REQUIRED, 255),
	[F_URL]         = FORM_FIELD(L_, url, "url", "The web address", FORM_K_URL, 0, 2048),
	[F_DESCRIPTION] = FORM_FIELD(L_, description, "description", "The description", FORM_K_TEXT,
	    VALID_MULTILINE | VALID_BYTES, 65535),
};
#undef L_

const struct form_model leadedit_form = FORM_MODEL("lead", struct leadedit_in, lead_fields);

#define SPEC(f) (&lead_fields[(f)].spec)

struct lead_row {
	const char *name;
	const char *url;
	const char *description;
};

static void
lead_check(struct arena *a, struct valid_errs *e, const struct leadedit_in *in,
    struct lead_row *l)
{
	memset(l, 0, sizeof *l);
	valid_text(a, e, SPEC(F_NAME), in->name, &l->name);
	valid_url(a, e, SPEC(F_URL), in->url, &l->url);
	valid_text(a, e, SPEC(F_DESCRIPTION), in->description, &l->description);
}

enum valid_rc
leadedit_create_with(struct arena *a, long long org_id, long long user_id,
    const struct leadedit_in *in, const struct contacts_in *contacts, size_t ncontacts,
    char pid[IDS_MAXLEN], struct valid_errs *e)
{
	struct leadtx t;
	struct lead_row l;
	struct db_res r;
	enum valid_rc rc;
	char p[IDS_MAXLEN], cp[IDS_MAXLEN];
	size_t i;

	valid_reset(e);
	lead_check(a, e, in, &l);
	if ((rc = leadtx_begin_org(&t, a, org_id, user_id)) != VALID_OK)
		return rc;
	if (e->n > 0) {
		rc = VALID_INVALID;
		goto fail;
	}
	if ((rc = valid_db(db_read(a, &leadedit_q[Q_FIRST_STATUS], DB_ARGS(DB_INT(org_id)), &r)))
	    != VALID_OK)
		goto fail;
	if (r.nrows != 1) {
		valid_add(e, VALID_FORM, "This organization has no lead statuses yet.");
		rc = VALID_REFUSED;
		goto fail;
	}
	if (ids_new("lead_", p) != 0 || ids_new("cont_", cp) != 0) {
		rc = VALID_ERROR;
		goto fail;
	}
	rc = valid_db(db_write(a, &leadedit_q[Q_INSERT], DB_ARGS(DB_STR(p), DB_INT(org_id),
	    DB_STR(l.name), LEADTX_STR(l.url), LEADTX_STR(l.description), DB_INT(db_get_int(&r, 0, ST_ID)),
	    DB_INT(user_id), DB_INT(user_id)), &r));
	if (rc != VALID_OK)
		goto fail;
	t.lead_id = (long long)r.insert_id;
	if (t.b2c)
		rc = valid_db(db_write(a, &leadedit_q[Q_ADD_CONTACT], DB_ARGS(DB_STR(cp),
		    DB_INT(org_id), DB_INT(t.lead_id), DB_STR(l.name)), NULL));
	if (rc != VALID_OK)
		goto fail;
	for (i = 0; i < ncontacts; i++)
		if ((rc = contacts_add_tx(&t, &contacts[i], NULL, e)) != VALID_OK)
			goto fail;
	if ((rc = leadtx_commit(&t)) == VALID_OK && pid != NULL)
		memcpy(pid, p, IDS_MAXLEN);
	return rc;
fail:
	leadtx_rollback(&t);
	return rc;
}

enum valid_rc
leadedit_create(struct arena *a, long long org_id, long long user_id,
    const struct leadedit_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	return leadedit_create_with(a, org_id, user_id, in, NULL, 0, pid, e);
}

enum valid_rc
leadedit_update(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct leadedit_in *in, struct valid_errs *e)
{
	struct leadtx t;
	struct lead_row l;
	enum valid_rc rc;

	valid_reset(e);
	lead_check(a, e, in, &l);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if (e->n > 0) {
		rc = VALID_INVALID;
		goto fail;
	}
	rc = valid_db(db_write(a, &leadedit_q[Q_UPDATE], DB_ARGS(DB_STR(l.name), LEADTX_STR(l.url),
	    LEADTX_STR(l.description), DB_INT(org_id), DB_INT(t.lead_id)), NULL));
	if (rc == VALID_OK && t.b2c)
		rc = valid_db(db_write(a, &leadedit_q[Q_RENAME_CONTACTS],
		    DB_ARGS(DB_STR(l.name), DB_INT(org_id), DB_INT(t.lead_id)), NULL));
	if (rc != VALID_OK)
		goto fail;
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}
