/* contacts.c — see contacts.h. */
#include "contacts.h"
#include "arena.h"
#include "leadtx.h"

#include <string.h>

const char contacts_b2c_rule[] = "A customer in a B2C organization has exactly one contact.";

enum contacts_q {
	Q_LEAD_CONTACTS,
	Q_LOCK,
	Q_INSERT,
	Q_UPDATE,
	Q_CLEAR_EMAILS,
	Q_CLEAR_PHONES,
	Q_ADD_EMAIL,
	Q_ADD_PHONE,
	Q_RENAME_LEAD,
	Q_UNLINK_TASKS,
	Q_UNLINK_OPPORTUNITIES,
	Q_UNLINK_ACTIVITIES,
	Q_DELETE,
	Q__MAX
};

static const char *const id_cols[] = { "id", NULL };
enum { ID_ID };

static struct db_sql contacts_q[Q__MAX] = {
	/* under the lead's lock already; FOR UPDATE as well, so the count is
	 * the committed one whatever this transaction read before */
	[Q_LEAD_CONTACTS] = DB_SQL_COLS(
	    "SELECT id FROM contacts WHERE organization_id = ? AND lead_id = ? FOR UPDATE", id_cols),
	[Q_LOCK] = DB_SQL_COLS(
	    "SELECT id FROM contacts WHERE organization_id = ? AND lead_id = ? AND pid = ?"
	    " FOR UPDATE", id_cols),
	[Q_INSERT] = DB_SQL(
	    "INSERT INTO contacts (pid, organization_id, lead_id, name, title, date_created)"
	    " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))"),
	[Q_UPDATE] = DB_SQL(
	    "UPDATE contacts SET name = ?, title = ? WHERE organization_id = ? AND lead_id = ? AND id = ?"),
	[Q_CLEAR_EMAILS] = DB_SQL(
	    "DELETE FROM contact_emails WHERE organization_id = ? AND contact_id = ?"),
	[Q_CLEAR_PHONES] = DB_SQL(
	    "DELETE FROM contact_phones WHERE organization_id = ? AND contact_id = ?"),
	[Q_ADD_EMAIL] = DB_SQL(
	    "INSERT INTO contact_emails (organization_id, contact_id, email, type, position)"
	    " VALUES (?, ?, ?, ?, ?)"),
	[Q_ADD_PHONE] = DB_SQL(
	    "INSERT INTO contact_phones (organization_id, contact_id, phone, phone_digits, type,"
	    " position) VALUES (?, ?, ?, ?, ?, ?)"),
	[Q_RENAME_LEAD] = DB_SQL(
	    "UPDATE leads SET name = ? WHERE organization_id = ? AND id = ?"),
	[Q_UNLINK_TASKS] = DB_SQL(
	    "UPDATE tasks SET contact_id = NULL"
	    " WHERE organization_id = ? AND lead_id = ? AND contact_id = ?"),
	[Q_UNLINK_OPPORTUNITIES] = DB_SQL(
	    "UPDATE opportunities SET contact_id = NULL"
	    " WHERE organization_id = ? AND lead_id = ? AND contact_id = ?"),
	[Q_UNLINK_ACTIVITIES] = DB_SQL(
	    "UPDATE activities SET contact_id = NULL"
	    " WHERE organization_id = ? AND lead_id = ? AND contact_id = ?"),
	[Q_DELETE] = DB_SQL(
	    "DELETE FROM contacts WHERE organization_id = ? AND lead_id = ? AND id = ?"),
};

/* A row's messages go to "emails.<i>.<column>": the columns' specs are
 * copied with that name. */
enum { COL_VALUE, COL_TYPE, COL__N };
static const struct form_field email_cols[COL__N] = {
	[COL_VALUE] = FORM_COLUMN(struct contacts_email, email, "email", "email", "The email address",
	    FORM_K_EMAIL, 254, NULL),
	[COL_TYPE]  = FORM_COLUMN(struct contacts_email, type, "type", "email_type", "The email type",
	    FORM_K_CHOICE, 0, valid_email_types),
};
static const struct form_field phone_cols[COL__N] = {
	[COL_VALUE] = FORM_COLUMN(struct contacts_phone, phone, "phone", "phone", "The phone number",
	    FORM_K_PHONE, 40, NULL),
	[COL_TYPE]  = FORM_COLUMN(struct contacts_phone, type, "type", "phone_type", "The phone type",
	    FORM_K_CHOICE, 0, valid_phone_types),
};
const struct form_model contacts_email_form =
    FORM_MODEL("email address", struct contacts_email, email_cols);
const struct form_model contacts_phone_form =
    FORM_MODEL("phone number", struct contacts_phone, phone_cols);

enum { F_NAME, F_TITLE, F_EMAILS, F_PHONES, F__MAX };
#define C_ struct contacts_in
static const struct form_field contact_fields[F__MAX] = {
	[F_NAME]   = FORM_FIELD(C_, name, "name", "The name", FORM_K_TEXT, VALID_REQUIRED, 255),
	[F_TITLE]  = FORM_FIELD(C_, title, "title", "The title", FORM_K_TEXT, 0, 255),
	[F_EMAILS] = FORM_ROWS(C_, emails, nemails, "emails", "The email addresses",
	    &contacts_email_form),
	[F_PHONES] = FORM_ROWS(C_, phones, nphones, "phones", "The phone numbers",
	    &contacts_phone_form),
};
#undef C_

const struct form_model contacts_form = FORM_MODEL("contact", struct contacts_in, contact_fields);

/* A column's spec under the name of its row's message. */
static struct valid_spec
col_spec(struct arena *a, const struct form_field *rows, size_t i, int col)
{
	struct valid_spec sp = rows->rows->fields[col].spec;

	sp.field = arena_printf(a, "%s.%zu.%s", rows->spec.field, i, sp.field);
	return sp;
}

/* The form checked: name, title, and the non-blank email and phone rows. */
struct contact_row {
	const char  *name;
	const char  *title;
	size_t       nemails;
	const char **email;
	const char **email_type;
	size_t       nphones;
	const char **phone;
	const char **digits;
	const char **phone_type;
};

static void
contact_check(struct arena *a, struct valid_errs *e, const struct contacts_in *in,
    struct contact_row *c)
{
	size_t i;

	memset(c, 0, sizeof *c);
	valid_text(a, e, &contact_fields[F_NAME].spec, in->name, &c->name);
	valid_text(a, e, &contact_fields[F_TITLE].spec, in->title, &c->title);
	if (in->nemails > CONTACTS_MAX_EMAILS)
		valid_add(e, contact_fields[F_EMAILS].spec.field, "A contact has at most 20 email addresses.");
	if (in->nphones > CONTACTS_MAX_PHONES)
		valid_add(e, contact_fields[F_PHONES].spec.field, "A contact has at most 20 phone numbers.");
	c->email = arena_alloc(a, (CONTACTS_MAX_EMAILS + 1) * sizeof *c->email);
	c->email_type = arena_alloc(a, (CONTACTS_MAX_EMAILS + 1) * sizeof *c->email_type);
	c->phone = arena_alloc(a, (CONTACTS_MAX_PHONES + 1) * sizeof *c->phone);
	c->digits = arena_alloc(a, (CONTACTS_MAX_PHONES + 1) * sizeof *c->digits);
	c->phone_type = arena_alloc(a, (CONTACTS_MAX_PHONES + 1) * sizeof *c->phone_type);
	if (!c->email || !c->email_type || !c->phone || !c->digits || !c->phone_type) {
		valid_add(e, VALID_FORM, "The server is short of memory: try again.");
		return;
	}
	for (i = 0; i < in->nemails && i < CONTACTS_MAX_EMAILS; i++) {
		struct valid_spec se = col_spec(a, &contact_fields[F_EMAILS], i, COL_VALUE);
		struct valid_spec st = col_spec(a, &contact_fields[F_EMAILS], i, COL_TYPE);
		const char *addr, *type;

		if (se.field == NULL || st.field == NULL)
			return;
		if (!valid_email(a, e, &se, in->emails[i].email, &addr) ||
		    !valid_choice(a, e, &st, in->emails[i].type, email_cols[COL_TYPE].choices, &type) ||
		    addr == NULL)
			continue;
		c->email[c->nemails] = addr;
		c->email_type[c->nemails++] = type ? type : "office";
	}
	for (i = 0; i < in->nphones && i < CONTACTS_MAX_PHONES; i++) {
		struct valid_spec sp = col_spec(a, &contact_fields[F_PHONES], i, COL_VALUE);
		struct valid_spec st = col_spec(a, &contact_fields[F_PHONES], i, COL_TYPE);
		const char *num, *digits, *type;

		if (sp.field == NULL || st.field == NULL)
			return;
		if (!valid_phone(a, e, &sp, in->phones[i].phone, &num, &digits) ||
		    !valid_choice(a, e, &st, in->phones[i].type, phone_cols[COL_TYPE].choices, &type) ||
		    num == NULL)
			continue;
		c->phone[c->nphones] = num;
		c->digits[c->nphones] = digits;
		c->phone_type[c->nphones++] = type ? type : "office";
	}
}

/* The emails and phones of a contact, written anew in the order given. */
static enum valid_rc
contact_lines(struct leadtx *t, long long id, const struct contact_row *c)
{
	enum valid_rc rc;
	size_t i;

	rc = valid_db(db_write(t->a, &contacts_q[Q_CLEAR_EMAILS],
	    DB_ARGS(DB_INT(t->org_id), DB_INT(id)), NULL));
	if (rc == VALID_OK)
		rc = valid_db(db_write(t->a, &contacts_q[Q_CLEAR_PHONES],
		    DB_ARGS(DB_INT(t->org_id), DB_INT(id)), NULL));
	for (i = 0; rc == VALID_OK && i < c->nemails; i++)
		rc = valid_db(db_write(t->a, &contacts_q[Q_ADD_EMAIL], DB_ARGS(DB_INT(t->org_id),
		    DB_INT(id), DB_STR(c->email[i]), DB_STR(c->email_type[i]), DB_INT((long long)i)),
		    NULL));
	for (i = 0; rc == VALID_OK && i < c->nphones; i++)
		rc = valid_db(db_write(t->a, &contacts_q[Q_ADD_PHONE], DB_ARGS(DB_INT(t->org_id),
		    DB_INT(id), DB_STR(c->phone[i]), DB_STR(c->digits[i]), DB_STR(c->phone_type[i]),
		    DB_INT((long long)i)), NULL));
	return rc;
}

/* How many contacts the (locked) lead has. */
static enum valid_rc
contact_count(struct leadtx *t, size_t *n)
{
	struct db_res r;
	enum valid_rc rc;

	rc = valid_db(db_read(t->a, &contacts_q[Q_LEAD_CONTACTS],
	    DB_ARGS(DB_INT(t->org_id), DB_INT(t->lead_id)), &r));
	*n = r.nrows;
	return rc;
}

static enum valid_rc
rename_lead(struct leadtx *t, const char *name)
{
	return valid_db(db_write(t->a, &contacts_q[Q_RENAME_LEAD],
	    DB_ARGS(DB_STR(name), DB_INT(t->org_id), DB_INT(t->lead_id)), NULL));
}

enum valid_rc
contacts_add_tx(struct leadtx *t, const struct contacts_in *in, char pid[IDS_MAXLEN],
    struct valid_errs *e)
{
	struct contact_row c;
	struct db_res r;
	enum valid_rc rc;
	char p[IDS_MAXLEN];
	size_t n;

	valid_reset(e);
	contact_check(t->a, e, in, &c);
	if (e->n > 0)
		return VALID_INVALID;
	if (t->b2c) {
		if ((rc = contact_count(t, &n)) != VALID_OK)
			return rc;
		if (n > 0) {
			valid_add(e, VALID_FORM, contacts_b2c_rule);
			return VALID_REFUSED;
		}
		if ((rc = rename_lead(t, c.name)) != VALID_OK)
			return rc;
	}
	if (ids_new("cont_", p) != 0)
		return VALID_ERROR;
	rc = valid_db(db_write(t->a, &contacts_q[Q_INSERT], DB_ARGS(DB_STR(p), DB_INT(t->org_id),
	    DB_INT(t->lead_id), DB_STR(c.name), LEADTX_STR(c.title)), &r));
	if (rc == VALID_OK)
		rc = contact_lines(t, (long long)r.insert_id, &c);
	if (rc == VALID_OK && pid != NULL)
		memcpy(pid, p, IDS_MAXLEN);
	return rc;
}

enum valid_rc
contacts_add(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct contacts_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	struct leadtx t;
	enum valid_rc rc;
	char p[IDS_MAXLEN];

	valid_reset(e);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = contacts_add_tx(&t, in, p, e)) != VALID_OK) {
		leadtx_rollback(&t);
		return rc;
	}
	if ((rc = leadtx_commit(&t)) == VALID_OK && pid != NULL)
		memcpy(pid, p, IDS_MAXLEN);
	return rc;
}

/* The lead's contact, locked; VALID_NOT_FOUND when it is not this lead's. */
static enum valid_rc
contact_lock(struct leadtx *t, const char *contact_pid, long long *id)
{
	struct db_res r;
	enum valid_rc rc = leadtx_lock_row(t, &contacts_q[Q_LOCK], "cont_", contact_pid, &r);

	*id = rc == VALID_OK ? db_get_int(&r, 0, ID_ID) : 0;
	return rc;
}

enum valid_rc
contacts_update(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *contact_pid, const struct contacts_in *in, struct valid_errs *e)
{
	struct leadtx t;
	struct contact_row c;
	enum valid_rc rc;
	long long id;

	valid_reset(e);
	contact_check(a, e, in, &c);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = contact_lock(&t, contact_pid, &id)) != VALID_OK)
		goto fail;
	if (e->n > 0) {
		rc = VALID_INVALID;
		goto fail;
	}
	rc = valid_db(db_write(a, &contacts_q[Q_UPDATE], DB_ARGS(DB_STR(c.name),
	    LEADTX_STR(c.title), DB_INT(org_id), DB_INT(t.lead_id), DB_INT(id)), NULL));
	if (rc == VALID_OK)
		rc = contact_lines(&t, id, &c);
	if (rc == VALID_OK && t.b2c)
		rc = rename_lead(&t, c.name);
	if (rc != VALID_OK)
		goto fail;
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}

enum valid_rc
contacts_remove(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *contact_pid, struct valid_errs *e)
{
	static const enum contacts_q steps[] = {
		Q_UNLINK_TASKS, Q_UNLINK_OPPORTUNITIES, Q_UNLINK_ACTIVITIES,
	};
	struct leadtx t;
	enum valid_rc rc;
	long long id;
	size_t i, n;

	valid_reset(e);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = contact_lock(&t, contact_pid, &id)) != VALID_OK)
		goto fail;
	if (t.b2c) {
		if ((rc = contact_count(&t, &n)) != VALID_OK)
			goto fail;
		if (n <= 1) {
			valid_add(e, VALID_FORM, contacts_b2c_rule);
			rc = VALID_REFUSED;
			goto fail;
		}
	}
	for (i = 0; rc == VALID_OK && i < sizeof steps / sizeof steps[0]; i++)
		rc = valid_db(db_write(a, &contacts_q[steps[i]],
		    DB_ARGS(DB_INT(org_id), DB_INT(t.lead_id), DB_INT(id)), NULL));
	if (rc == VALID_OK)
		rc = valid_db(db_write(a, &contacts_q[Q_CLEAR_EMAILS],
		    DB_ARGS(DB_INT(org_id), DB_INT(id)), NULL));
	if (rc == VALID_OK)
		rc = valid_db(db_write(a, &contacts_q[Q_CLEAR_PHONES],
		    DB_ARGS(DB_INT(org_id), DB_INT(id)), NULL));
	if (rc == VALID_OK)
		rc = valid_db(db_write(a, &contacts_q[Q_DELETE],
		    DB_ARGS(DB_INT(org_id), DB_INT(t.lead_id), DB_INT(id)), NULL));
	if (rc != VALID_OK)
		goto fail;
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}
