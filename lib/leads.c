/* leads.c — see leads.h. */
#include "leads.h"
#include "arena.h"
#include "auth.h"
#include "counts.h"
#include "fmt.h"
#include "ids.h"

#include <string.h>

/* The lead's columns, as every statement of the lead reads them from its
 * first column of the lead on (lead_cols); the stamped ones add the
 * versions and the viewer's date. */
#define LEAD_COLS(X) X(L_ID, "id") X(L_PID, "pid") X(L_NAME, "name") X(L_URL, "url") \
	X(L_DESCRIPTION, "description") X(L_STATUS_PID, "status_pid") \
	X(L_STATUS_LABEL, "status_label") X(L_OWNER_PID, "owner_pid") X(L_OWNER_NAME, "owner_name") \
	X(L_UPDATED, "date_updated")
#define STAMP_COLS(X) X(L_VERSION, "version") X(L_ORG_VERSION, "org_version") X(L_TODAY, "today")
#define LEAD_SQL \
	"l.id, l.pid, l.name, l.url, l.description, cs.pid AS status_pid, cs.label AS status_label," \
	" ow.pid AS owner_pid, ow.name AS owner_name,"
/* the owner (O6), joined after the lead's status */
#define OWNER_JOIN " LEFT JOIN users ow ON ow.id = l.owner_id"
enum { LEAD_COLS(DB_COL_ENUM) STAMP_COLS(DB_COL_ENUM) L__NCOLS };
/* q_lead_head: the statuses to choose from after the lead's */
#define STATUS_COLS(X) X(S_PID, "pid") X(S_LABEL, "label")
enum { STATUS_COLS(DB_COL_ENUM) S__NCOLS };
enum { SH__BEFORE = AUTH_SESSION_NCOLS - 1, SH_LEAD };

static const char *const lead_get_cols[] = { LEAD_COLS(DB_COL_NAME) NULL };
static const char *const lead_head_cols[] = {
	LEAD_COLS(DB_COL_NAME) STAMP_COLS(DB_COL_NAME) STATUS_COLS(DB_COL_NAME) NULL
};
static const char *const session_head_cols[] = {
	AUTH_SESSION_COLS(DB_COL_NAME) LEAD_COLS(DB_COL_NAME) STAMP_COLS(DB_COL_NAME) NULL
};
static const char *const status_cols[] = { STATUS_COLS(DB_COL_NAME) NULL };

static struct db_sql q_lead_get = DB_SQL_COLS(
	"SELECT " LEAD_SQL
	" DATE_FORMAT(CONVERT_TZ(l.date_updated, 'UTC', ?), '%Y-%m-%d %H:%i') AS date_updated"
	" FROM leads l JOIN lead_statuses cs ON cs.id = l.status_id AND cs.organization_id = l.organization_id"
	OWNER_JOIN
	" WHERE l.organization_id = ? AND l.pid = ?", lead_get_cols);

/* The lead once per status of its organization: the header needs both, and
 * one statement for both keeps the page's statement count fixed. */
static struct db_sql q_lead_head = DB_SQL_COLS(
	"SELECT " LEAD_SQL
	" DATE_FORMAT(CONVERT_TZ(l.date_updated, 'UTC', ?), '%Y-%m-%d %H:%i') AS date_updated,"
	" COALESCE(lv.version, 0) AS version, COALESCE(ov.version, 0) AS org_version,"
	" DATE(COALESCE(CONVERT_TZ(UTC_TIMESTAMP(), 'UTC', ?), UTC_TIMESTAMP())) AS today,"
	" s.pid, s.label"
	" FROM leads l"
	" JOIN lead_statuses cs ON cs.id = l.status_id AND cs.organization_id = l.organization_id"
	OWNER_JOIN
	" JOIN lead_statuses s ON s.organization_id = l.organization_id"
	" LEFT JOIN lead_versions lv ON lv.lead_id = l.id"
	" LEFT JOIN org_versions ov ON ov.organization_id = l.organization_id"
	" WHERE l.organization_id = ? AND l.pid = ?"
	" ORDER BY s.position, s.id", lead_head_cols);

/* The lead page's GET: the session and the lead's head in one statement,
 * one row: LEFT JOINs on unique keys (leads.pid, the status, the
 * two versions); the time zone is the viewer's own column. The statuses to
 * choose from are read apart (leads_statuses), only when the page is rendered. */
static struct db_sql q_session_head = DB_SQL_COLS(
	"SELECT " AUTH_SESSION_COLUMNS ", " LEAD_SQL
	" DATE_FORMAT(CONVERT_TZ(l.date_updated, 'UTC', u.time_zone), '%Y-%m-%d %H:%i') AS date_updated,"
	" COALESCE(lv.version, 0) AS version, COALESCE(ov.version, 0) AS org_version,"
	" DATE(COALESCE(CONVERT_TZ(UTC_TIMESTAMP(), 'UTC', u.time_zone), UTC_TIMESTAMP())) AS today"
	AUTH_SESSION_FROM
	" LEFT JOIN leads l ON l.pid = ? AND l.organization_id = s.organization_id"
	" LEFT JOIN lead_statuses cs ON cs.id = l.status_id AND cs.organization_id = l.organization_id"
	OWNER_JOIN
	" LEFT JOIN lead_versions lv ON lv.lead_id = l.id"
	" LEFT JOIN org_versions ov ON ov.organization_id = l.organization_id"
	AUTH_SESSION_WHERE, session_head_cols);

static struct db_sql q_statuses = DB_SQL_COLS(
	"SELECT s.pid, s.label FROM lead_statuses s WHERE s.organization_id = ?"
	" ORDER BY s.position, s.id", status_cols);

/* "Today" is the viewer's: a task due yesterday in Berlin may be due today in New York. */
#define TASK_COLS(X) X(T_PID, "pid") X(T_TEXT, "text") X(T_DUE, "due") X(T_DUE_ISO, "due_iso") \
	X(T_OVERDUE, "overdue") X(T_TODAY, "due_today") X(T_ASSIGNEE, "assignee") X(T_CONTACT, "contact")
enum { TASK_COLS(DB_COL_ENUM) T__NCOLS };
static const char *const task_cols[] = { TASK_COLS(DB_COL_NAME) NULL };
static struct db_sql q_open_tasks = DB_SQL_COLS(
	"SELECT t.pid, t.text, COALESCE(DATE_FORMAT(t.due_date, '%b %e, %Y'), '') AS due,"
	" COALESCE(DATE_FORMAT(t.due_date, '%Y-%m-%d'), '') AS due_iso,"
	" t.due_date < d.today AS overdue, t.due_date = d.today AS due_today, u.name AS assignee,"
	" c.name AS contact"
	" FROM (SELECT DATE(COALESCE(CONVERT_TZ(UTC_TIMESTAMP(), 'UTC', ?), UTC_TIMESTAMP())) AS today) d"
	" JOIN tasks t"
	" LEFT JOIN users u ON u.id = t.assigned_to"
	" LEFT JOIN contacts c ON c.id = t.contact_id AND c.organization_id = t.organization_id"
	" WHERE t.organization_id = ? AND t.lead_id = ? AND t.is_complete = 0"
	" ORDER BY t.due_date IS NULL, t.due_date, t.id", task_cols);

#define OPP_COLS(X) X(O_PID, "pid") X(O_STATUS, "status") X(O_STATUS_TYPE, "status_type") \
	X(O_VALUE, "value") X(O_CURRENCY, "value_currency") X(O_PERIOD, "value_period") \
	X(O_CONFIDENCE, "confidence") X(O_CLOSE, "close_date") X(O_OWNER, "owner") \
	X(O_CONTACT, "contact") X(O_NOTE, "note")
enum { OPP_COLS(DB_COL_ENUM) O__NCOLS };
static const char *const opp_cols[] = { OPP_COLS(DB_COL_NAME) NULL };
static struct db_sql q_opportunities = DB_SQL_COLS(
	"SELECT o.pid, s.label AS status, s.type AS status_type, o.value, o.value_currency,"
	" o.value_period, o.confidence,"
	" COALESCE(DATE_FORMAT(o.expected_date, '%b %e, %Y'), '') AS close_date, u.name AS owner,"
	" c.name AS contact, o.note"
	" FROM opportunities o"
	" JOIN opportunity_statuses s ON s.id = o.status_id AND s.organization_id = o.organization_id"
	" LEFT JOIN users u ON u.id = o.user_id"
	" LEFT JOIN contacts c ON c.id = o.contact_id AND c.organization_id = o.organization_id"
	" WHERE o.organization_id = ? AND o.lead_id = ?"
	" ORDER BY s.type <> 'active',"
	"  IF(s.type = 'active', o.expected_date IS NULL, 0),"
	"  IF(s.type = 'active', o.expected_date, NULL),"
	"  o.expected_date DESC, o.id", opp_cols);

/* Contacts, their emails and their phones as rows of one statement (kind 0,
 * 1, 2), grouped by contact: three tables, one round trip. */
#define CONTACT_COLS(X) X(C_ID, "contact_id") X(C_KIND, "kind") X(C_PID, "pid") \
	X(C_VALUE, "value") X(C_TITLE, "title") X(C_TYPE, "type") X(C_POSITION, "position") \
	X(C_POINT, "point_id")
enum { CONTACT_COLS(DB_COL_ENUM) C__NCOLS };
static const char *const contact_cols[] = { CONTACT_COLS(DB_COL_NAME) NULL };
/* UNION ALL: the first SELECT names the columns */
static struct db_sql q_contacts = DB_SQL_COLS(
	"SELECT c.id AS contact_id, 0 AS kind, c.pid, c.name AS value, c.title, NULL AS type,"
	" 0 AS position, 0 AS point_id"
	"  FROM contacts c WHERE c.organization_id = ? AND c.lead_id = ?"
	" UNION ALL"
	" SELECT c.id, 1, NULL, e.email, NULL, e.type, e.position, e.id"
	"  FROM contacts c JOIN contact_emails e ON e.contact_id = c.id AND e.organization_id = c.organization_id"
	"  WHERE c.organization_id = ? AND c.lead_id = ?"
	" UNION ALL"
	" SELECT c.id, 2, NULL, p.phone, NULL, p.type, p.position, p.id"
	"  FROM contacts c JOIN contact_phones p ON p.contact_id = c.id AND p.organization_id = c.organization_id"
	"  WHERE c.organization_id = ? AND c.lead_id = ?"
	" ORDER BY contact_id, kind, position, point_id", contact_cols);

/* The status change (L1): the lead is locked first, so two changes at the same
 * moment are recorded one after the other, each from the status it replaced. */
static const char *const lock_cols[] = { "id", "status_id", NULL };
enum { K_ID, K_STATUS };
static struct db_sql q_lock_lead = DB_SQL_COLS(
	"SELECT id, status_id FROM leads WHERE organization_id = ? AND pid = ? FOR UPDATE", lock_cols);
static const char *const pair_cols[] = { "id", "pid", "label", NULL };
enum { PAIR_ID, PAIR_PID, PAIR_LABEL };
static struct db_sql q_status_pair = DB_SQL_COLS(
	"SELECT id, pid, label FROM lead_statuses WHERE organization_id = ? AND (id = ? OR pid = ?)",
	pair_cols);
static struct db_sql q_set_status = DB_SQL(
	"UPDATE leads SET status_id = ?, updated_by = ?, date_updated = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND organization_id = ?");
/* UTC_TIMESTAMP is read once per statement: activity_at = date_created. */
static struct db_sql q_status_activity = DB_SQL(
	"INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at,"
	" date_created, date_updated, old_status_id, new_status_id, old_status_label, new_status_label)"
	" VALUES (?, ?, ?, 'lead_status_change', ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6),"
	" UTC_TIMESTAMP(6), ?, ?, ?, ?)");

/* The lead's columns from column c of row 0 (LEAD_COLS, then with stamp
 * STAMP_COLS). */
static void
lead_cols(const struct db_res *r, size_t c, int stamp, struct lead *out)
{
	out->id = db_get_int(r, 0, c + L_ID);
	out->pid = db_get(r, 0, c + L_PID);
	out->name = db_get(r, 0, c + L_NAME);
	out->url = db_get(r, 0, c + L_URL);
	out->description = db_get(r, 0, c + L_DESCRIPTION);
	out->status_pid = db_get(r, 0, c + L_STATUS_PID);
	out->status_label = db_get(r, 0, c + L_STATUS_LABEL);
	out->owner_pid = db_get(r, 0, c + L_OWNER_PID);
	out->owner_name = db_get(r, 0, c + L_OWNER_NAME);
	out->date_updated = db_get(r, 0, c + L_UPDATED);
	if (!stamp)
		return;
	out->version = (unsigned long long)db_get_int(r, 0, c + L_VERSION);
	out->org_version = (unsigned long long)db_get_int(r, 0, c + L_ORG_VERSION);
	out->today = db_get(r, 0, c + L_TODAY);
}

/* Every row's status (STATUS_COLS) from column c, current the one of that pid. */
static enum db_err
status_rows(struct arena *a, const struct db_res *r, size_t c, const char *current,
    struct lead_status **out, size_t *n)
{
	size_t i;

	*out = NULL;
	*n = 0;
	if (r->nrows == 0)
		return DB_OK;
	if ((*out = arena_alloc(a, r->nrows * sizeof **out)) == NULL)
		return DB_ERROR;
	for (i = 0; i < r->nrows; i++) {
		(*out)[i].pid = db_get(r, i, c + S_PID);
		(*out)[i].label = db_get(r, i, c + S_LABEL);
		(*out)[i].current = current != NULL && strcmp((*out)[i].pid, current) == 0;
	}
	*n = r->nrows;
	return DB_OK;
}

enum db_err
leads_get(struct arena *a, long long org_id, const char *pid, const char *tz, struct lead *out,
    int *found)
{
	struct db_res r;
	enum db_err e;

	memset(out, 0, sizeof *out);
	*found = 0;
	e = db_read(a, &q_lead_get, DB_ARGS(DB_STR(tz), DB_INT(org_id), DB_STR(pid)), &r);
	if (e != DB_OK || r.nrows != 1)
		return e;
	*found = 1;
	lead_cols(&r, 0, 0, out);
	return DB_OK;
}

enum db_err
leads_head(struct arena *a, long long org_id, const char *pid, const char *tz, struct lead *out,
    struct lead_status **statuses, size_t *nstatuses, int *found)
{
	struct db_res r;
	enum db_err e;

	memset(out, 0, sizeof *out);
	*found = 0;
	*statuses = NULL;
	*nstatuses = 0;
	e = db_read(a, &q_lead_head, DB_ARGS(DB_STR(tz), DB_STR(tz), DB_INT(org_id), DB_STR(pid)), &r);
	if (e != DB_OK || r.nrows == 0)
		return e;
	lead_cols(&r, 0, 1, out);
	if ((e = status_rows(a, &r, L__NCOLS, out->status_pid, statuses, nstatuses)) != DB_OK)
		return e;
	*found = 1;
	return DB_OK;
}

enum db_err
leads_open_tasks(struct arena *a, long long org_id, long long lead_id, const char *tz,
    struct lead_task **out, size_t *n)
{
	struct db_res r;
	enum db_err e;
	size_t i;

	*out = NULL;
	*n = 0;
	e = db_read(a, &q_open_tasks, DB_ARGS(DB_STR(tz), DB_INT(org_id), DB_INT(lead_id)), &r);
	if (e != DB_OK)
		return e;
	if ((*out = arena_alloc(a, (r.nrows + 1) * sizeof **out)) == NULL)
		return DB_ERROR;
	for (i = 0; i < r.nrows; i++) {
		struct lead_task *t = &(*out)[i];
		t->pid = db_get(&r, i, T_PID);
		t->text = db_get(&r, i, T_TEXT);
		t->due = db_get(&r, i, T_DUE);
		t->due_iso = db_get(&r, i, T_DUE_ISO);
		t->overdue = db_get_int(&r, i, T_OVERDUE) == 1;
		t->today = db_get_int(&r, i, T_TODAY) == 1;
		t->assignee = db_get(&r, i, T_ASSIGNEE);
		t->contact = db_get(&r, i, T_CONTACT);
	}
	*n = r.nrows;
	return DB_OK;
}

enum db_err
leads_opportunities(struct arena *a, long long org_id, long long lead_id,
    struct lead_opportunity **out, size_t *n)
{
	struct db_res r;
	enum db_err e;
	size_t i;

	*out = NULL;
	*n = 0;
	e = db_read(a, &q_opportunities, DB_ARGS(DB_INT(org_id), DB_INT(lead_id)), &r);
	if (e != DB_OK)
		return e;
	if ((*out = arena_alloc(a, (r.nrows + 1) * sizeof **out)) == NULL)
		return DB_ERROR;
	for (i = 0; i < r.nrows; i++) {
		struct lead_opportunity *o = &(*out)[i];
		o->pid = db_get(&r, i, O_PID);
		o->status = db_get(&r, i, O_STATUS);
		o->status_type = db_get(&r, i, O_STATUS_TYPE);
		o->value = db_get_int(&r, i, O_VALUE);
		o->currency = db_get(&r, i, O_CURRENCY);
		o->period = db_get(&r, i, O_PERIOD);
		o->confidence = (int)db_get_int(&r, i, O_CONFIDENCE);
		o->close_date = db_get(&r, i, O_CLOSE);
		o->owner = db_get(&r, i, O_OWNER);
		o->contact = db_get(&r, i, O_CONTACT);
		o->note = db_get(&r, i, O_NOTE);
		if ((o->value_shown = fmt_money(a, o->value, o->currency, o->period)) == NULL)
			return DB_ERROR;
	}
	*n = r.nrows;
	return DB_OK;
}

enum db_err
leads_contacts(struct arena *a, long long org_id, long long lead_id, struct lead_contact **out,
    size_t *n)
{
	struct db_res r;
	struct lead_contact *c = NULL;
	struct lead_contact_point *pt;
	enum db_err e;
	size_t i, nc = 0;

	*out = NULL;
	*n = 0;
	e = db_read(a, &q_contacts, DB_ARGS(DB_INT(org_id), DB_INT(lead_id), DB_INT(org_id),
	    DB_INT(lead_id), DB_INT(org_id), DB_INT(lead_id)), &r);
	if (e != DB_OK)
		return e;
	/* at most one contact per row; each point goes to the contact of its row */
	if ((*out = arena_alloc(a, (r.nrows + 1) * sizeof **out)) == NULL)
		return DB_ERROR;
	for (i = 0; i < r.nrows; i++) {
		long long kind = db_get_int(&r, i, C_KIND);
		if (kind == 0) {
			c = &(*out)[nc++];
			c->id = db_get_int(&r, i, C_ID);
			c->pid = db_get(&r, i, C_PID);
			c->name = db_get(&r, i, C_VALUE);
			c->title = db_get(&r, i, C_TITLE);
			/* room for every row after this one: emails and phones follow their contact */
			c->emails = arena_alloc(a, (r.nrows - i) * sizeof *c->emails);
			c->phones = arena_alloc(a, (r.nrows - i) * sizeof *c->phones);
			if (c->emails == NULL || c->phones == NULL)
				return DB_ERROR;
			continue;
		}
		if (c == NULL || c->id != db_get_int(&r, i, C_ID))
			continue;   /* ordered by contact: cannot happen */
		pt = kind == 1 ? &c->emails[c->nemails++] : &c->phones[c->nphones++];
		pt->value = db_get(&r, i, C_VALUE);
		pt->type = db_get(&r, i, C_TYPE);
	}
	*n = nc;
	return DB_OK;
}

enum db_err
leads_set_status(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const char *status_pid, enum leads_change *out)
{
	struct db_res r;
	enum db_err e;
	long long lead_id, old_id, new_id = 0;
	const char *old_label = NULL, *new_label = NULL;
	char acti[IDS_MAXLEN];
	size_t i;

	*out = LEADS_NO_LEAD;
	if ((e = db_begin()) != DB_OK)
		return e;
	e = db_read(a, &q_lock_lead, DB_ARGS(DB_INT(org_id), DB_STR(lead_pid)), &r);
	if (e != DB_OK || r.nrows != 1)
		goto out;
	lead_id = db_get_int(&r, 0, K_ID);
	old_id = db_get_int(&r, 0, K_STATUS);
	e = db_read(a, &q_status_pair, DB_ARGS(DB_INT(org_id), DB_INT(old_id), DB_STR(status_pid)), &r);
	if (e != DB_OK)
		goto out;
	for (i = 0; i < r.nrows; i++) {
		if (db_get_int(&r, i, PAIR_ID) == old_id)
			old_label = db_get(&r, i, PAIR_LABEL);
		if (strcmp(db_get(&r, i, PAIR_PID), status_pid) == 0) {
			new_id = db_get_int(&r, i, PAIR_ID);
			new_label = db_get(&r, i, PAIR_LABEL);
		}
	}
	*out = LEADS_NO_STATUS;
	if (new_label == NULL)
		goto out;
	*out = LEADS_UNCHANGED;
	if (new_id == old_id)
		goto out;
	if (ids_new("acti_", acti) != 0) {
		e = DB_ERROR;
		goto out;
	}
	if ((e = db_write(a, &q_set_status, DB_ARGS(DB_INT(new_id), DB_INT(user_id), DB_INT(lead_id),
	    DB_INT(org_id)), NULL)) != DB_OK)
		goto out;
	if ((e = db_write(a, &q_status_activity, DB_ARGS(DB_STR(acti), DB_INT(org_id), DB_INT(lead_id),
	    DB_INT(user_id), DB_INT(old_id), DB_INT(new_id),
	    old_label ? DB_STR(old_label) : DB_NULL, DB_STR(new_label)), NULL)) != DB_OK)
		goto out;
	if ((e = counts_add(a, org_id, lead_id, "lead_status_change", 0, 1)) != DB_OK)
		goto out;
	if ((e = db_commit()) != DB_OK)
		goto out;
	*out = LEADS_CHANGED;
	return DB_OK;
out:
	db_rollback();
	if (e != DB_OK)
		*out = LEADS_NO_LEAD;
	return e;
}

struct db_sql *
leads_session_head(void)
{
	return &q_session_head;
}

void
leads_head_of(const struct db_res *r, struct lead *out, int *found)
{
	memset(out, 0, sizeof *out);
	*found = 0;
	if (r->nrows != 1 || *db_get(r, 0, SH_LEAD + L_PID) == '\0')   /* no lead: pid NULL */
		return;
	*found = 1;
	lead_cols(r, SH_LEAD, 1, out);
}

enum db_err
leads_statuses(struct arena *a, long long org_id, const char *current, struct lead_status **out,
    size_t *n)
{
	struct db_res r;
	enum db_err e;

	*out = NULL;
	*n = 0;
	if ((e = db_read(a, &q_statuses, DB_ARGS(DB_INT(org_id)), &r)) != DB_OK)
		return e;
	return status_rows(a, &r, 0, current, out, n);
}
