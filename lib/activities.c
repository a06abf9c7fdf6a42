/* activities.c — see activities.h. Each writer validates its form into an
 * activities_row, then one leadtx: look-ups, the row, its count, commit. */
#include "activities.h"
#include "arena.h"
#include "counts.h"
#include "fields.h"
#include "files.h"
#include "leadtx.h"

#include <string.h>

enum activities_q {
	Q_INSERT,
	Q_TYPE,
	Q_TYPE_FIELDS,
	Q_VALUE,
	Q_LOCK,
	Q_UPDATE,
	Q_VALUES_DEL,
	Q_READ,
	Q_READ_VALUES,
	Q__MAX
};

static const char *const type_cols[] = { "id", NULL };
#define LOCK_COLS(X) X(L_ID, "id") X(L_TYPE, "type") X(L_CUSTOM, "custom_type_id") X(L_SYNCED, "synced")
enum { LOCK_COLS(DB_COL_ENUM) L__NCOLS };
static const char *const lock_cols[] = { LOCK_COLS(DB_COL_NAME) NULL };
#define READ_COLS(X) X(R_ID, "id") X(R_PID, "pid") X(R_TYPE, "type") X(R_TYPE_PID, "type_pid") \
	X(R_TYPE_NAME, "type_name") X(R_CONTACT, "contact_pid") X(R_AT, "local_at") \
	X(R_DIRECTION, "direction") X(R_SUBJECT, "subject") X(R_SENDER, "sender") \
	X(R_TO, "recipients_to") X(R_CC, "recipients_cc") X(R_BODY, "body_text") X(R_PHONE, "phone") \
	X(R_LOCAL_PHONE, "local_phone") X(R_DURATION, "duration") X(R_OUTCOME, "outcome") \
	X(R_TITLE, "title") X(R_STARTS, "starts") X(R_ENDS, "ends") X(R_ATTENDEES, "attendees") \
	X(R_LOCATION, "location") X(R_SYNCED, "synced")
enum { READ_COLS(DB_COL_ENUM) R__NCOLS };
static const char *const read_cols[] = { READ_COLS(DB_COL_NAME) NULL };
static const char *const value_cols[] = { "field_pid", "value", NULL };
enum { TY_ID };
#define TYPE_FIELD_COLS(X) X(TF_ID, "id") X(TF_PID, "pid") X(TF_NAME, "name") \
	X(TF_TYPE, "field_type") X(TF_CHOICES, "choices")
enum { TYPE_FIELD_COLS(DB_COL_ENUM) TF__NCOLS };
static const char *const type_field_cols[] = { TYPE_FIELD_COLS(DB_COL_NAME) NULL };

static struct db_sql activities_q[Q__MAX] = {
	/* one instant for date_created and a default activity_at: UTC_TIMESTAMP
	 * is read once per statement */
	[Q_INSERT] = DB_SQL(
	    "INSERT INTO activities (pid, organization_id, lead_id, type, custom_type_id, user_id,"
	    " contact_id, activity_at, date_created, date_updated, direction, subject, sender,"
	    " recipients_to, recipients_cc, body_text, body_html, phone, local_phone, duration,"
	    " outcome, title, starts_at, ends_at, attendees, location, opportunity_id, task_id,"
	    " old_status_id, new_status_id, old_status_label, new_status_label)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, UTC_TIMESTAMP(6)), UTC_TIMESTAMP(6),"
	    " UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?)"),
	[Q_TYPE] = DB_SQL_COLS(
	    "SELECT id FROM custom_activity_types WHERE organization_id = ? AND pid = ?", type_cols),
	[Q_TYPE_FIELDS] = DB_SQL_COLS(
	    "SELECT id, pid, name, field_type, choices FROM custom_activity_fields"
	    " WHERE organization_id = ? AND type_id = ? ORDER BY position, id", type_field_cols),
	[Q_VALUE] = DB_SQL(
	    "INSERT INTO activity_custom_values (organization_id, activity_id, field_id, value)"
	    " VALUES (?, ?, ?, ?)"),
	[Q_LOCK] = DB_SQL_COLS(
	    "SELECT id, type, COALESCE(custom_type_id, 0) AS custom_type_id,"
	    " body_html IS NOT NULL AS synced FROM activities"
	    " WHERE organization_id = ? AND lead_id = ? AND pid = ? AND deleted_at IS NULL FOR UPDATE",
	    lock_cols),
	/* An edit writes the whole row of its type (the columns of other types are
	 * NULL in the row as in the table). A time sent as the minute it already
	 * shows keeps its seconds: an edit changes only what the user changed (C5). */
	[Q_UPDATE] = DB_SQL(
	    "UPDATE activities SET contact_id = ?,"
	    " activity_at = IF(? IS NULL OR DATE_FORMAT(activity_at, '%Y-%m-%d %H:%i')"
	    "  = DATE_FORMAT(?, '%Y-%m-%d %H:%i'), activity_at, ?),"
	    " direction = ?, subject = ?, sender = ?, recipients_to = ?, recipients_cc = ?,"
	    " body_text = ?, phone = ?, local_phone = ?, duration = ?, outcome = ?, title = ?,"
	    " starts_at = IF(DATE_FORMAT(starts_at, '%Y-%m-%d %H:%i') <=> DATE_FORMAT(?, '%Y-%m-%d %H:%i'),"
	    "  starts_at, ?),"
	    " ends_at = IF(DATE_FORMAT(ends_at, '%Y-%m-%d %H:%i') <=> DATE_FORMAT(?, '%Y-%m-%d %H:%i'),"
	    "  ends_at, ?),"
	    " attendees = ?, location = ?, edited_by = ?, edited_at = UTC_TIMESTAMP(6),"
	    " date_updated = UTC_TIMESTAMP(6)"
	    " WHERE organization_id = ? AND id = ?"),
	[Q_VALUES_DEL] = DB_SQL(
	    "DELETE FROM activity_custom_values WHERE organization_id = ? AND activity_id = ?"),
	[Q_READ] = DB_SQL_COLS(
	    "SELECT a.id, a.pid, a.type, t.pid AS type_pid, t.name AS type_name, c.pid AS contact_pid,"
	    " DATE_FORMAT(COALESCE(CONVERT_TZ(a.activity_at, 'UTC', ?), a.activity_at), '%Y-%m-%dT%H:%i')"
	    "  AS local_at,"
	    " a.direction, a.subject, a.sender, a.recipients_to, a.recipients_cc, a.body_text, a.phone,"
	    " a.local_phone,"
	    " IF(a.duration >= 3600, CONCAT(a.duration DIV 3600, ':', LPAD(a.duration DIV 60 MOD 60, 2, '0'),"
	    "  ':', LPAD(a.duration MOD 60, 2, '0')),"
	    "  CONCAT(a.duration DIV 60, ':', LPAD(a.duration MOD 60, 2, '0'))) AS duration,"
	    " a.outcome, a.title,"
	    " DATE_FORMAT(COALESCE(CONVERT_TZ(a.starts_at, 'UTC', ?), a.starts_at), '%Y-%m-%dT%H:%i') AS starts,"
	    " DATE_FORMAT(COALESCE(CONVERT_TZ(a.ends_at, 'UTC', ?), a.ends_at), '%Y-%m-%dT%H:%i') AS ends,"
	    " a.attendees, a.location, a.body_html IS NOT NULL AS synced"
	    " FROM leads l JOIN activities a ON a.lead_id = l.id AND a.organization_id = l.organization_id"
	    " LEFT JOIN custom_activity_types t ON t.id = a.custom_type_id AND t.organization_id = a.organization_id"
	    " LEFT JOIN contacts c ON c.id = a.contact_id AND c.organization_id = a.organization_id"
	    " WHERE l.organization_id = ? AND l.pid = ? AND a.pid = ?"
	    " AND a.deleted_at IS NULL", read_cols),
	[Q_READ_VALUES] = DB_SQL_COLS(
	    "SELECT f.pid AS field_pid,"
	    " IF(f.field_type = 'datetime', COALESCE(DATE_FORMAT(CONVERT_TZ(STR_TO_DATE(v.value,"
	    "  '%Y-%m-%d %H:%i:%s'), 'UTC', ?), '%Y-%m-%dT%H:%i'), v.value), v.value) AS value"
	    " FROM activity_custom_values v"
	    " JOIN custom_activity_fields f ON f.id = v.field_id AND f.organization_id = v.organization_id"
	    " WHERE v.organization_id = ? AND v.activity_id = ? ORDER BY v.id", value_cols),
};

/* MEDIUMTEXT holds 16 MB; TEXT 64 KB. */
#define ACT_MEDIUMTEXT 16777215
#define ACT_TEXT       65535

/* Every activity's field table starts with the fields of activities_common. */
enum { C_CONTACT, C_ACTIVITY_AT, C__N };
#define COMMON_FIELDS(T) \
	[C_CONTACT]     = FORM_ID(T, c.contact_id, "contact_id", "The contact", 0, "cont_"), \
	[C_ACTIVITY_AT] = FORM_FIELD(T, c.activity_at, "activity_at", "The date", FORM_K_DATETIME, 0, 0)
#define TEXT_NOTE   (VALID_MULTILINE | VALID_BYTES)

#define N_ struct activities_note_in
enum { NOTE_TEXT = C__N, NOTE__N };
static const struct form_field note_fields[NOTE__N] = {
	COMMON_FIELDS(N_),
	[NOTE_TEXT] = FORM_FIELD(N_, text, "text", "The note", FORM_K_TEXT, VALID_REQUIRED | TEXT_NOTE,
	    ACT_MEDIUMTEXT),
};
#undef N_

#define C_ struct activities_call_in
enum { CALL_DIRECTION = C__N, CALL_PHONE, CALL_DURATION, CALL_OUTCOME, CALL_NOTE, CALL__N };
static const struct form_field call_fields[CALL__N] = {
	COMMON_FIELDS(C_),
	[CALL_DIRECTION] = FORM_CHOICE(C_, direction, "direction", "The direction", VALID_REQUIRED,
	    valid_directions),
	[CALL_PHONE]     = FORM_FIELD(C_, phone, "phone", "The phone number", FORM_K_PHONE, 0, 40),
	[CALL_DURATION]  = FORM_FIELD(C_, duration, "duration", "The duration", FORM_K_DURATION, 0, 0),
	[CALL_OUTCOME]   = FORM_CHOICE(C_, outcome, "outcome", "The outcome", 0, valid_call_outcomes),
	[CALL_NOTE]      = FORM_FIELD(C_, note, "note", "The note", FORM_K_TEXT, TEXT_NOTE, ACT_MEDIUMTEXT),
};
#undef C_

#define E_ struct activities_email_in
enum { EMAIL_DIRECTION = C__N, EMAIL_SUBJECT, EMAIL_SENDER, EMAIL_TO, EMAIL_CC, EMAIL_BODY, EMAIL__N };
static const struct form_field email_fields[EMAIL__N] = {
	COMMON_FIELDS(E_),
	[EMAIL_DIRECTION] = FORM_CHOICE(E_, direction, "direction", "The direction", VALID_REQUIRED,
	    valid_directions),
	[EMAIL_SUBJECT]   = FORM_FIELD(E_, subject, "subject", "The subject", FORM_K_TEXT, 0, 998),
	[EMAIL_SENDER]    = FORM_FIELD(E_, sender, "sender", "The sender", FORM_K_EMAIL, VALID_REQUIRED, 320),
	[EMAIL_TO]        = FORM_FIELD(E_, to, "to", "The To line", FORM_K_EMAILS, VALID_REQUIRED, ACT_TEXT),
	[EMAIL_CC]        = FORM_FIELD(E_, cc, "cc", "The Cc line", FORM_K_EMAILS, 0, ACT_TEXT),
	[EMAIL_BODY]      = FORM_FIELD(E_, body_text, "body_text", "The message", FORM_K_TEXT, TEXT_NOTE,
	    ACT_MEDIUMTEXT),
};
#undef E_

#define S_ struct activities_sms_in
enum { SMS_DIRECTION = C__N, SMS_LOCAL, SMS_REMOTE, SMS_TEXT, SMS__N };
static const struct form_field sms_fields[SMS__N] = {
	COMMON_FIELDS(S_),
	[SMS_DIRECTION] = FORM_CHOICE(S_, direction, "direction", "The direction", VALID_REQUIRED,
	    valid_directions),
	[SMS_LOCAL]     = FORM_FIELD(S_, local_phone, "local_phone", "Your phone number", FORM_K_PHONE, 0, 40),
	[SMS_REMOTE]    = FORM_FIELD(S_, remote_phone, "remote_phone", "The customer's phone number",
	    FORM_K_PHONE, VALID_REQUIRED, 40),
	[SMS_TEXT]      = FORM_FIELD(S_, text, "text", "The message", FORM_K_TEXT,
	    VALID_REQUIRED | TEXT_NOTE, ACT_MEDIUMTEXT),
};
#undef S_

#define M_ struct activities_meeting_in
enum { MEET_TITLE = C__N, MEET_STARTS, MEET_ENDS, MEET_ATTENDEES, MEET_LOCATION, MEET_NOTE, MEET__N };
static const struct form_field meeting_fields[MEET__N] = {
	COMMON_FIELDS(M_),
	[MEET_TITLE]     = FORM_FIELD(M_, title, "title", "The title", FORM_K_TEXT, VALID_REQUIRED, 255),
	[MEET_STARTS]    = FORM_FIELD(M_, starts_at, "starts_at", "The start", FORM_K_DATETIME,
	    VALID_REQUIRED, 0),
	[MEET_ENDS]      = FORM_FIELD(M_, ends_at, "ends_at", "The end", FORM_K_DATETIME, VALID_REQUIRED, 0),
	[MEET_ATTENDEES] = FORM_FIELD(M_, attendees, "attendees", "The attendees", FORM_K_EMAILS, 0, ACT_TEXT),
	[MEET_LOCATION]  = FORM_FIELD(M_, location, "location", "The location", FORM_K_TEXT, 0, 255),
	[MEET_NOTE]      = FORM_FIELD(M_, note, "note", "The note", FORM_K_TEXT, TEXT_NOTE, ACT_MEDIUMTEXT),
};
#undef M_

/* A custom activity's values are fields of the organization's own (field=
 * and v<i> in a form): the page binds them, not this table. */
#define U_ struct activities_custom_in
enum { CUSTOM_TYPE = C__N, CUSTOM__N };
static const struct form_field custom_fields[CUSTOM__N] = {
	COMMON_FIELDS(U_),
	[CUSTOM_TYPE] = FORM_ID(U_, custom_activity_type_id, "custom_activity_type_id",
	    "The activity type", VALID_REQUIRED, "actitype_"),
};
#undef U_

const struct form_model activities_note_form =
    FORM_MODEL("note", struct activities_note_in, note_fields);
const struct form_model activities_call_form =
    FORM_MODEL("call", struct activities_call_in, call_fields);
const struct form_model activities_email_form =
    FORM_MODEL("email", struct activities_email_in, email_fields);
const struct form_model activities_sms_form =
    FORM_MODEL("SMS", struct activities_sms_in, sms_fields);
const struct form_model activities_meeting_form =
    FORM_MODEL("meeting", struct activities_meeting_in, meeting_fields);
const struct form_model activities_custom_form =
    FORM_MODEL("custom activity", struct activities_custom_in, custom_fields);

#define SPEC(t, f) (&t##_fields[(f)].spec)

enum valid_rc
activities_insert(struct leadtx *t, const struct activities_row *w, char pid[IDS_MAXLEN],
    long long *id)
{
	struct db_res r;
	enum db_err e;
	char p[IDS_MAXLEN];

	if (ids_new("acti_", p) != 0)
		return VALID_ERROR;
	e = db_write(t->a, &activities_q[Q_INSERT], DB_ARGS(DB_STR(p), DB_INT(t->org_id),
	    DB_INT(t->lead_id), DB_STR(w->type), LEADTX_ID(w->custom_type_id),
	    DB_INT(t->user_id), LEADTX_ID(w->contact_id), LEADTX_STR(w->activity_at),
	    LEADTX_STR(w->direction), LEADTX_STR(w->subject), LEADTX_STR(w->sender),
	    LEADTX_STR(w->recipients_to), LEADTX_STR(w->recipients_cc), LEADTX_STR(w->body_text),
	    LEADTX_STR(w->phone), LEADTX_STR(w->local_phone),
	    w->duration >= 0 ? DB_INT(w->duration) : DB_NULL, LEADTX_STR(w->outcome),
	    LEADTX_STR(w->title), LEADTX_STR(w->starts_at), LEADTX_STR(w->ends_at),
	    LEADTX_STR(w->attendees), LEADTX_STR(w->location), LEADTX_ID(w->opportunity_id),
	    LEADTX_ID(w->task_id), LEADTX_ID(w->old_status_id), LEADTX_ID(w->new_status_id),
	    LEADTX_STR(w->old_status_label), LEADTX_STR(w->new_status_label)), &r);
	if (e != DB_OK)
		return valid_db(e);
	if (id != NULL)
		*id = (long long)r.insert_id;
	if ((e = counts_add(t->a, t->org_id, t->lead_id, w->type, w->custom_type_id, 1)) != DB_OK)
		return valid_db(e);
	if (pid != NULL)
		memcpy(pid, p, IDS_MAXLEN);
	return VALID_OK;
}

/* The fields every activity has, checked before the transaction. */
struct act_common {
	const struct form_field *fields;   /* the activity's table: its common fields first */
	const char *contact;
	const char *local_at;   /* in the user's zone, until leadtx_to_utc */
};

static void
common_check(struct arena *a, struct valid_errs *e, const struct form_field *fields,
    const struct activities_common *c, struct act_common *out)
{
	out->fields = fields;
	out->contact = c->contact_id;
	valid_datetime(a, e, &fields[C_ACTIVITY_AT].spec, c->activity_at, &out->local_at);
}

/*
 * The common end of every writer: begin, resolve the contact and the time,
 * give `more` a chance (custom activities: the type and values), insert.
 */
typedef enum valid_rc (*act_more)(struct leadtx *, struct valid_errs *, struct activities_row *,
    const void *in, void **state);
typedef enum valid_rc (*act_after)(struct leadtx *, long long activity_id, void *state);

/* An edit (C1): the activity's row of this lead, locked; its id into *id.
 * It keeps its type (and custom type); a synced email is not edited. */
static enum valid_rc
edit_lock(struct leadtx *t, struct valid_errs *e, const struct activities_row *w,
    const char *acti_pid, long long *id)
{
	struct db_res r;
	enum valid_rc rc;

	if ((rc = leadtx_lock_row(t, &activities_q[Q_LOCK], "acti_", acti_pid, &r)) != VALID_OK)
		return rc;
	if (strcmp(db_get(&r, 0, L_TYPE), w->type) != 0)
		return VALID_NOT_FOUND;
	if (db_get_int(&r, 0, L_SYNCED) == 1) {
		valid_add(e, VALID_FORM, ACTIVITIES_SYNCED);
		return VALID_REFUSED;
	}
	if (strcmp(w->type, "custom") == 0 && w->custom_type_id != 0 &&
	    db_get_int(&r, 0, L_CUSTOM) != w->custom_type_id)
		valid_add(e, "custom_activity_type_id", "The activity type of an activity cannot change.");
	*id = db_get_int(&r, 0, L_ID);
	return VALID_OK;
}

static enum valid_rc
edit_write(struct leadtx *t, const struct activities_row *w, long long id)
{
	enum valid_rc rc;

	rc = valid_db(db_write(t->a, &activities_q[Q_UPDATE], DB_ARGS(LEADTX_ID(w->contact_id),
	    LEADTX_STR(w->activity_at), LEADTX_STR(w->activity_at), LEADTX_STR(w->activity_at),
	    LEADTX_STR(w->direction), LEADTX_STR(w->subject), LEADTX_STR(w->sender),
	    LEADTX_STR(w->recipients_to), LEADTX_STR(w->recipients_cc), LEADTX_STR(w->body_text),
	    LEADTX_STR(w->phone), LEADTX_STR(w->local_phone),
	    w->duration >= 0 ? DB_INT(w->duration) : DB_NULL, LEADTX_STR(w->outcome),
	    LEADTX_STR(w->title), LEADTX_STR(w->starts_at), LEADTX_STR(w->starts_at),
	    LEADTX_STR(w->ends_at), LEADTX_STR(w->ends_at), LEADTX_STR(w->attendees),
	    LEADTX_STR(w->location), DB_INT(t->user_id), DB_INT(t->org_id), DB_INT(id)), NULL));
	if (rc != VALID_OK || strcmp(w->type, "custom") != 0)
		return rc;
	return valid_db(db_write(t->a, &activities_q[Q_VALUES_DEL], DB_ARGS(DB_INT(t->org_id),
	    DB_INT(id)), NULL));
}

/* With edit (an acti_ id) the activity is written over in place (C1): its
 * id, permalink and pin stay; else a new one is inserted. */
static enum valid_rc
act_write(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *edit, const struct act_common *c, struct activities_row *w, act_more more,
    act_after after, const void *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	struct leadtx t;
	enum valid_rc rc;
	long long id = 0;
	void *state = NULL;

	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((rc = leadtx_contact(&t, e, &c->fields[C_CONTACT].spec, c->contact, &w->contact_id)) != VALID_OK)
		goto fail;
	if (c->local_at != NULL && (rc = leadtx_to_utc(&t, c->local_at, &w->activity_at)) != VALID_OK)
		goto fail;
	if (more != NULL && (rc = more(&t, e, w, in, &state)) != VALID_OK)
		goto fail;
	if (edit != NULL && (rc = edit_lock(&t, e, w, edit, &id)) != VALID_OK)
		goto fail;
	if (e->n > 0) {
		rc = VALID_INVALID;
		goto fail;
	}
	if (edit != NULL)
		rc = edit_write(&t, w, id);
	else
		rc = activities_insert(&t, w, pid, &id);
	if (rc != VALID_OK)
		goto fail;
	if (after != NULL && (rc = after(&t, id, state)) != VALID_OK)
		goto fail;
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}

static void
row_init(struct activities_row *w, const char *type)
{
	memset(w, 0, sizeof *w);
	w->type = type;
	w->duration = -1;
}

/* Attachments (F4): the batch handed from `more` to `after`, whose rows go
 * into the activity's transaction. */
static enum valid_rc
files_more(struct leadtx *t, struct valid_errs *e, struct activities_row *w, const void *in,
    void **state)
{
	(void)t, (void)e, (void)w;
	*state = (void *)in;
	return VALID_OK;
}

/* The rows first, then the blobs into the store, before the commit: a form
 * refused (invalid input, a rule of the lead) never touches the store. */
static enum valid_rc
files_after(struct leadtx *t, long long activity_id, void *state)
{
	enum db_err e;

	if ((e = files_insert(t->a, t->org_id, t->lead_id, t->user_id, state, activity_id)) != DB_OK)
		return valid_db(e);
	return valid_db(files_place(t->a, state));
}

#define WITH_FILES(files) (files) ? files_more : NULL, (files) ? files_after : NULL, (files)

enum valid_rc
activities_note(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct activities_note_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	return activities_note_files(a, org_id, user_id, lead_pid, in, NULL, pid, e);
}

static enum valid_rc note_write(struct arena *, long long, long long, const char *, const char *,
    const struct activities_note_in *, struct files_batch *, char[IDS_MAXLEN], struct valid_errs *);

enum valid_rc
activities_note_files(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct activities_note_in *in, struct files_batch *files, char pid[IDS_MAXLEN],
    struct valid_errs *e)
{
	return note_write(a, org_id, user_id, lead_pid, NULL, in, files, pid, e);
}

static enum valid_rc
note_write(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *edit, const struct activities_note_in *in, struct files_batch *files,
    char pid[IDS_MAXLEN], struct valid_errs *e)
{
	struct activities_row w;
	struct act_common c;

	valid_reset(e);
	row_init(&w, "note");
	common_check(a, e, note_fields, &in->c, &c);
	valid_text(a, e, SPEC(note, NOTE_TEXT), in->text, &w.body_text);
	return act_write(a, org_id, user_id, lead_pid, edit, &c, &w, WITH_FILES(files), pid, e);
}

static enum valid_rc call_write(struct arena *, long long, long long, const char *, const char *,
    const struct activities_call_in *, char[IDS_MAXLEN], struct valid_errs *);

enum valid_rc
activities_call(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct activities_call_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	return call_write(a, org_id, user_id, lead_pid, NULL, in, pid, e);
}

static enum valid_rc
call_write(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *edit, const struct activities_call_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	struct activities_row w;
	struct act_common c;
	const char *digits;

	valid_reset(e);
	row_init(&w, "call");
	common_check(a, e, call_fields, &in->c, &c);
	valid_choice(a, e, SPEC(call, CALL_DIRECTION), in->direction, call_fields[CALL_DIRECTION].choices, &w.direction);
	valid_phone(a, e, SPEC(call, CALL_PHONE), in->phone, &w.phone, &digits);
	valid_duration(a, e, SPEC(call, CALL_DURATION), in->duration, &w.duration);
	valid_choice(a, e, SPEC(call, CALL_OUTCOME), in->outcome, call_fields[CALL_OUTCOME].choices, &w.outcome);
	valid_text(a, e, SPEC(call, CALL_NOTE), in->note, &w.body_text);
	return act_write(a, org_id, user_id, lead_pid, edit, &c, &w, NULL, NULL, NULL, pid, e);
}

enum valid_rc
activities_email(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct activities_email_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	return activities_email_files(a, org_id, user_id, lead_pid, in, NULL, pid, e);
}

static enum valid_rc email_write(struct arena *, long long, long long, const char *, const char *,
    const struct activities_email_in *, struct files_batch *, char[IDS_MAXLEN], struct valid_errs *);

enum valid_rc
activities_email_files(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct activities_email_in *in, struct files_batch *files, char pid[IDS_MAXLEN],
    struct valid_errs *e)
{
	return email_write(a, org_id, user_id, lead_pid, NULL, in, files, pid, e);
}

static enum valid_rc
email_write(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *edit, const struct activities_email_in *in, struct files_batch *files,
    char pid[IDS_MAXLEN], struct valid_errs *e)
{
	struct activities_row w;
	struct act_common c;

	valid_reset(e);
	row_init(&w, "email");
	common_check(a, e, email_fields, &in->c, &c);
	valid_choice(a, e, SPEC(email, EMAIL_DIRECTION), in->direction, email_fields[EMAIL_DIRECTION].choices, &w.direction);
	valid_text(a, e, SPEC(email, EMAIL_SUBJECT), in->subject, &w.subject);
	valid_email(a, e, SPEC(email, EMAIL_SENDER), in->sender, &w.sender);
	valid_email_list(a, e, SPEC(email, EMAIL_TO), in->to, &w.recipients_to);
	valid_email_list(a, e, SPEC(email, EMAIL_CC), in->cc, &w.recipients_cc);
	valid_text(a, e, SPEC(email, EMAIL_BODY), in->body_text, &w.body_text);
	return act_write(a, org_id, user_id, lead_pid, edit, &c, &w, WITH_FILES(files), pid, e);
}

enum valid_rc
activities_sms(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct activities_sms_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	return activities_sms_files(a, org_id, user_id, lead_pid, in, NULL, pid, e);
}

static enum valid_rc sms_write(struct arena *, long long, long long, const char *, const char *,
    const struct activities_sms_in *, struct files_batch *, char[IDS_MAXLEN], struct valid_errs *);

enum valid_rc
activities_sms_files(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct activities_sms_in *in, struct files_batch *files, char pid[IDS_MAXLEN],
    struct valid_errs *e)
{
	return sms_write(a, org_id, user_id, lead_pid, NULL, in, files, pid, e);
}

static enum valid_rc
sms_write(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *edit, const struct activities_sms_in *in, struct files_batch *files,
    char pid[IDS_MAXLEN], struct valid_errs *e)
{
	struct activities_row w;
	struct act_common c;
	const char *digits;

	valid_reset(e);
	row_init(&w, "sms");
	common_check(a, e, sms_fields, &in->c, &c);
	valid_choice(a, e, SPEC(sms, SMS_DIRECTION), in->direction, sms_fields[SMS_DIRECTION].choices, &w.direction);
	valid_phone(a, e, SPEC(sms, SMS_LOCAL), in->local_phone, &w.local_phone, &digits);
	valid_phone(a, e, SPEC(sms, SMS_REMOTE), in->remote_phone, &w.phone, &digits);
	valid_text(a, e, SPEC(sms, SMS_TEXT), in->text, &w.body_text);
	return act_write(a, org_id, user_id, lead_pid, edit, &c, &w, WITH_FILES(files), pid, e);
}

/* The start and end in UTC, and the end after the start. */
struct meeting_local {
	const char *starts;
	const char *ends;
};

static enum valid_rc
meeting_more(struct leadtx *t, struct valid_errs *e, struct activities_row *w, const void *in,
    void **state)
{
	const struct meeting_local *m = in;
	enum valid_rc rc;

	(void)state;
	if (m->starts == NULL || m->ends == NULL)
		return VALID_OK;   /* already refused */
	if ((rc = leadtx_to_utc(t, m->starts, &w->starts_at)) != VALID_OK ||
	    (rc = leadtx_to_utc(t, m->ends, &w->ends_at)) != VALID_OK)
		return rc;
	/* both "YYYY-MM-DD HH:MM:SS" in UTC: the text order is the time order */
	if (strcmp(w->ends_at, w->starts_at) <= 0)
		valid_add(e, SPEC(meeting, MEET_ENDS)->field, "The end must be after the start.");
	if (w->activity_at == NULL)
		w->activity_at = w->starts_at;
	return VALID_OK;
}

static enum valid_rc meeting_write(struct arena *, long long, long long, const char *, const char *,
    const struct activities_meeting_in *, char[IDS_MAXLEN], struct valid_errs *);

enum valid_rc
activities_meeting(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct activities_meeting_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	return meeting_write(a, org_id, user_id, lead_pid, NULL, in, pid, e);
}

static enum valid_rc
meeting_write(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *edit, const struct activities_meeting_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	struct activities_row w;
	struct act_common c;
	struct meeting_local m;

	valid_reset(e);
	row_init(&w, "meeting");
	common_check(a, e, meeting_fields, &in->c, &c);
	valid_text(a, e, SPEC(meeting, MEET_TITLE), in->title, &w.title);
	valid_datetime(a, e, SPEC(meeting, MEET_STARTS), in->starts_at, &m.starts);
	valid_datetime(a, e, SPEC(meeting, MEET_ENDS), in->ends_at, &m.ends);
	valid_email_list(a, e, SPEC(meeting, MEET_ATTENDEES), in->attendees, &w.attendees);
	valid_text(a, e, SPEC(meeting, MEET_LOCATION), in->location, &w.location);
	valid_text(a, e, SPEC(meeting, MEET_NOTE), in->note, &w.body_text);
	return act_write(a, org_id, user_id, lead_pid, edit, &c, &w, meeting_more, NULL, &m, pid, e);
}

/* ---- custom activities ---- */

/* The checked values of a custom activity, kept from the checks to the insert. */
struct custom_state {
	size_t       n;
	long long   *field;
	const char **value;
};

static enum valid_rc
custom_more(struct leadtx *t, struct valid_errs *e, struct activities_row *w, const void *vin,
    void **state)
{
	const struct activities_custom_in *in = vin;
	struct custom_state *cs;
	struct db_res r;
	enum valid_rc rc;
	size_t i, j, k;

	if (in->custom_activity_type_id == NULL || *in->custom_activity_type_id == '\0')
		return VALID_OK;   /* already refused as required */
	if (!ids_valid("actitype_", in->custom_activity_type_id)) {
		valid_add(e, SPEC(custom, CUSTOM_TYPE)->field, "The activity type was not found.");
		return VALID_OK;
	}
	rc = valid_db(db_read(t->a, &activities_q[Q_TYPE],
	    DB_ARGS(DB_INT(t->org_id), DB_STR(in->custom_activity_type_id)), &r));
	if (rc != VALID_OK)
		return rc;
	if (r.nrows != 1) {
		valid_add(e, SPEC(custom, CUSTOM_TYPE)->field, "The activity type was not found.");
		return VALID_OK;
	}
	w->custom_type_id = db_get_int(&r, 0, TY_ID);
	rc = valid_db(db_read(t->a, &activities_q[Q_TYPE_FIELDS],
	    DB_ARGS(DB_INT(t->org_id), DB_INT(w->custom_type_id)), &r));
	if (rc != VALID_OK)
		return rc;
	if ((cs = arena_alloc(t->a, sizeof *cs)) == NULL ||
	    (cs->field = arena_alloc(t->a, (in->nvalues + 1) * sizeof *cs->field)) == NULL ||
	    (cs->value = arena_alloc(t->a, (in->nvalues + 1) * sizeof *cs->value)) == NULL)
		return VALID_ERROR;
	for (i = 0; i < in->nvalues; i++) {
		const char *fpid = in->values[i].field ? in->values[i].field : "";
		struct valid_spec sp = { fpid, NULL, 0, 0 };
		const char *v;
		long long uid;

		for (j = 0; j < r.nrows; j++)
			if (strcmp(db_get(&r, j, TF_PID), fpid) == 0)
				break;
		if (j == r.nrows) {   /* another type's field, another organization's, none */
			valid_add(e, *fpid ? fpid : "field", "This field was not found.");
			continue;
		}
		sp.what = db_get(&r, j, TF_NAME);
		for (k = 0; k < cs->n; k++)
			if (cs->field[k] == db_get_int(&r, j, TF_ID))
				break;
		if (k < cs->n) {
			valid_add(e, fpid, "This field was given twice.");
			continue;
		}
		rc = fields_check(t, e, &sp, db_get(&r, j, TF_TYPE), db_get(&r, j, TF_CHOICES),
		    in->values[i].value, 0, &v, &uid);
		if (rc != VALID_OK)
			return rc;
		if (v == NULL)
			continue;
		cs->field[cs->n] = db_get_int(&r, j, TF_ID);
		cs->value[cs->n] = v;
		cs->n++;
	}
	*state = cs;
	return VALID_OK;
}

static enum valid_rc
custom_after(struct leadtx *t, long long activity_id, void *state)
{
	struct custom_state *cs = state;
	enum valid_rc rc = VALID_OK;
	size_t i;

	for (i = 0; cs != NULL && rc == VALID_OK && i < cs->n; i++)
		rc = valid_db(db_write(t->a, &activities_q[Q_VALUE], DB_ARGS(DB_INT(t->org_id),
		    DB_INT(activity_id), DB_INT(cs->field[i]), DB_STR(cs->value[i])), NULL));
	return rc;
}

static enum valid_rc custom_write(struct arena *, long long, long long, const char *, const char *,
    const struct activities_custom_in *, char[IDS_MAXLEN], struct valid_errs *);

enum valid_rc
activities_custom(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct activities_custom_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	return custom_write(a, org_id, user_id, lead_pid, NULL, in, pid, e);
}

static enum valid_rc
custom_write(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *edit, const struct activities_custom_in *in, char pid[IDS_MAXLEN], struct valid_errs *e)
{
	struct activities_row w;
	struct act_common c;

	valid_reset(e);
	row_init(&w, "custom");
	common_check(a, e, custom_fields, &in->c, &c);
	if (in->custom_activity_type_id == NULL || *in->custom_activity_type_id == '\0')
		valid_add(e, SPEC(custom, CUSTOM_TYPE)->field, "The activity type is required.");
	return act_write(a, org_id, user_id, lead_pid, edit, &c, &w, custom_more, custom_after, in, pid,
	    e);
}

/* ---- edits (C1) ---- */

enum valid_rc
activities_update(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *acti_pid, const char *type, const void *in, struct valid_errs *e)
{
	valid_reset(e);
	if (acti_pid == NULL || !ids_valid("acti_", acti_pid) || type == NULL)
		return VALID_NOT_FOUND;
	if (strcmp(type, "note") == 0)
		return note_write(a, org_id, user_id, lead_pid, acti_pid, in, NULL, NULL, e);
	if (strcmp(type, "call") == 0)
		return call_write(a, org_id, user_id, lead_pid, acti_pid, in, NULL, e);
	if (strcmp(type, "email") == 0)
		return email_write(a, org_id, user_id, lead_pid, acti_pid, in, NULL, NULL, e);
	if (strcmp(type, "sms") == 0)
		return sms_write(a, org_id, user_id, lead_pid, acti_pid, in, NULL, NULL, e);
	if (strcmp(type, "meeting") == 0)
		return meeting_write(a, org_id, user_id, lead_pid, acti_pid, in, NULL, e);
	if (strcmp(type, "custom") == 0)
		return custom_write(a, org_id, user_id, lead_pid, acti_pid, in, NULL, e);
	return VALID_NOT_FOUND;
}

const struct form_model *
activities_form_of(const char *type)
{
	if (type == NULL)
		return NULL;
	if (strcmp(type, "note") == 0)
		return &activities_note_form;
	if (strcmp(type, "call") == 0)
		return &activities_call_form;
	if (strcmp(type, "email") == 0)
		return &activities_email_form;
	if (strcmp(type, "sms") == 0)
		return &activities_sms_form;
	if (strcmp(type, "meeting") == 0)
		return &activities_meeting_form;
	if (strcmp(type, "custom") == 0)
		return &activities_custom_form;
	return NULL;
}

/* A column of the one row read, "" for NULL (a form shows an empty field). */
static const char *
col(const struct db_res *r, int c)
{
	return db_is_null(r, 0, c) ? "" : db_get(r, 0, c);
}

enum db_err
activities_read(struct arena *a, long long org_id, const char *lead_pid, const char *acti_pid,
    const char *tz, struct activities_stored *out, int *found)
{
	struct activities_common c;
	struct db_res r;
	enum db_err err;
	void *in;

	memset(out, 0, sizeof *out);
	*found = 0;
	if (acti_pid == NULL || !ids_valid("acti_", acti_pid) || lead_pid == NULL)
		return DB_OK;
	err = db_read(a, &activities_q[Q_READ], DB_ARGS(DB_STR(tz), DB_STR(tz), DB_STR(tz),
	    DB_INT(org_id), DB_STR(lead_pid), DB_STR(acti_pid)), &r);
	if (err != DB_OK || r.nrows != 1)
		return err;
	out->id = db_get_int(&r, 0, R_ID);
	out->pid = db_get(&r, 0, R_PID);
	out->type = db_get(&r, 0, R_TYPE);
	out->custom_type_pid = col(&r, R_TYPE_PID);
	out->custom_type_name = col(&r, R_TYPE_NAME);
	out->synced = db_get_int(&r, 0, R_SYNCED) == 1;
	*found = 1;
	out->model = activities_form_of(out->type);
	if (out->model == NULL)
		return DB_OK;   /* a record (status change, completed task): not edited */
	if ((in = arena_alloc(a, out->model->size)) == NULL)
		return DB_ERROR;
	memset(in, 0, out->model->size);
	c.contact_id = col(&r, R_CONTACT);
	c.activity_at = col(&r, R_AT);
	if (strcmp(out->type, "note") == 0) {
		struct activities_note_in *n = in;
		n->c = c;
		n->text = col(&r, R_BODY);
	} else if (strcmp(out->type, "call") == 0) {
		struct activities_call_in *n = in;
		n->c = c;
		n->direction = col(&r, R_DIRECTION);
		n->phone = col(&r, R_PHONE);
		n->duration = col(&r, R_DURATION);
		n->outcome = col(&r, R_OUTCOME);
		n->note = col(&r, R_BODY);
	} else if (strcmp(out->type, "email") == 0) {
		struct activities_email_in *n = in;
		n->c = c;
		n->direction = col(&r, R_DIRECTION);
		n->subject = col(&r, R_SUBJECT);
		n->sender = col(&r, R_SENDER);
		n->to = col(&r, R_TO);
		n->cc = col(&r, R_CC);
		n->body_text = col(&r, R_BODY);
	} else if (strcmp(out->type, "sms") == 0) {
		struct activities_sms_in *n = in;
		n->c = c;
		n->direction = col(&r, R_DIRECTION);
		n->local_phone = col(&r, R_LOCAL_PHONE);
		n->remote_phone = col(&r, R_PHONE);
		n->text = col(&r, R_BODY);
	} else if (strcmp(out->type, "meeting") == 0) {
		struct activities_meeting_in *n = in;
		n->c = c;
		n->title = col(&r, R_TITLE);
		n->starts_at = col(&r, R_STARTS);
		n->ends_at = col(&r, R_ENDS);
		n->attendees = col(&r, R_ATTENDEES);
		n->location = col(&r, R_LOCATION);
		n->note = col(&r, R_BODY);
	} else {
		struct activities_custom_in *n = in;
		struct db_res v;
		size_t i;

		n->c = c;
		n->custom_activity_type_id = out->custom_type_pid;
		err = db_read(a, &activities_q[Q_READ_VALUES], DB_ARGS(DB_STR(tz), DB_INT(org_id),
		    DB_INT(out->id)), &v);
		if (err != DB_OK)
			return err;
		if (v.nrows > 0 && ((out->value_field = arena_alloc(a, v.nrows * sizeof *out->value_field)) == NULL ||
		    (out->value = arena_alloc(a, v.nrows * sizeof *out->value)) == NULL))
			return DB_ERROR;
		for (i = 0; i < v.nrows; i++) {
			out->value_field[i] = db_get(&v, i, 0);
			out->value[i] = db_is_null(&v, i, 1) ? "" : db_get(&v, i, 1);
		}
		out->nvalues = v.nrows;
	}
	out->in = in;
	return DB_OK;
}
