/* permalink.c — see permalink.h. The activity is found by its unique pid
 * alone (the organization is what the caller decides access by), and only a
 * row without deleted_at counts, so a deleted activity reads as an unknown one. */
#include "permalink.h"
#include "arena.h"
#include "auth.h"

#include <string.h>

#define SHOWN(t) "COALESCE(CONVERT_TZ(" t ", 'UTC', ?), " t ")"
#define WHEN_FMT "'%b %e, %Y %l:%i %p'"

static struct db_sql q_activity = DB_SQL(
	"SELECT a.organization_id, a.pid, l.pid, l.name, a.type, t.name, u.name, c.name,"
	" DATE_FORMAT(" SHOWN("a.activity_at") ", " WHEN_FMT "),"
	" DATE_FORMAT(a.activity_at, '%Y-%m-%dT%H:%i:%sZ'),"
	" a.direction, a.subject, a.title, a.body_text, a.phone, a.outcome,"
	" a.old_status_label, a.new_status_label,"
	/* the activity just newer in the lead's history: its page starts with this one */
	" (SELECT n.pid FROM activities n FORCE INDEX (lead_history) WHERE n.lead_id = a.lead_id"
	"  AND n.deleted_at IS NULL AND (n.activity_at > a.activity_at"
	"  OR (n.activity_at = a.activity_at AND n.id > a.id))"
	"  ORDER BY n.activity_at, n.id LIMIT 1)"
	" FROM activities a"
	" JOIN leads l ON l.id = a.lead_id AND l.organization_id = a.organization_id"
	" LEFT JOIN custom_activity_types t ON t.id = a.custom_type_id AND t.organization_id = a.organization_id"
	" LEFT JOIN users u ON u.id = a.user_id"
	" LEFT JOIN contacts c ON c.id = a.contact_id AND c.organization_id = a.organization_id"
	" WHERE a.pid = ? AND a.deleted_at IS NULL"
	/* only the organizations where the user is an active member */
	"   AND a.organization_id IN (SELECT m.organization_id FROM memberships m"
	"        WHERE m.user_id = ? AND m.active = 1)");

/* The redirect's read, in the statement of the session itself (one round
 * trip): only where the activity is, through unique keys only (activities.pid,
 * leads' primary key, memberships (user_id, organization_id)). LEFT JOINs: the
 * session's row stands whether or not the activity is there for this user;
 * am's organization and l's pid are both there only for an activity, not
 * deleted, of an organization where the user is an active member. (Flat LEFT
 * JOINs: measured cheaper to optimize than a nested join or a subquery.) */
#define PLACE_COLS(X) X(P_ORG, "place_org_id") X(P_LEAD_PID, "place_lead_pid")
enum { P__BEFORE = AUTH_SESSION_NCOLS - 1, PLACE_COLS(DB_COL_ENUM) P__END };
static const char *const place_cols[] = { AUTH_SESSION_COLS(DB_COL_NAME) PLACE_COLS(DB_COL_NAME) NULL };
static struct db_sql q_session_where = DB_SQL_COLS(
	"SELECT " AUTH_SESSION_COLUMNS ", am.organization_id AS place_org_id, l.pid AS place_lead_pid"
	AUTH_SESSION_FROM
	" LEFT JOIN activities a ON a.pid = ? AND a.deleted_at IS NULL"
	" LEFT JOIN leads l ON l.id = a.lead_id AND l.organization_id = a.organization_id"
	" LEFT JOIN memberships am ON am.user_id = s.user_id"
	"   AND am.organization_id = a.organization_id AND am.active = 1"
	AUTH_SESSION_WHERE, place_cols);

enum {
	C_ORG, C_PID, C_LEAD_PID, C_LEAD_NAME, C_TYPE, C_CUSTOM_TYPE, C_USER, C_CONTACT,
	C_WHEN, C_WHEN_UTC, C_DIRECTION, C_SUBJECT, C_TITLE, C_BODY_TEXT, C_PHONE, C_OUTCOME,
	C_OLD_STATUS, C_NEW_STATUS, C_NEWER
};

enum db_err
permalink_read(struct arena *a, long long user_id, const char *acti_pid, const char *tz,
    struct permalink_activity *out, int *found)
{
	struct db_res res;
	enum db_err e;

	*found = 0;
	memset(out, 0, sizeof *out);
	e = db_read(a, &q_activity, DB_ARGS(DB_STR(tz), DB_STR(acti_pid), DB_INT(user_id)), &res);
	if (e != DB_OK)
		return e;
	if (res.nrows != 1)
		return DB_OK;
	*found = 1;
	out->org_id = db_get_int(&res, 0, C_ORG);
	out->pid = db_get(&res, 0, C_PID);
	out->lead_pid = db_get(&res, 0, C_LEAD_PID);
	out->lead_name = db_get(&res, 0, C_LEAD_NAME);
	out->type = db_get(&res, 0, C_TYPE);
	out->custom_type = db_get(&res, 0, C_CUSTOM_TYPE);
	out->user = db_get(&res, 0, C_USER);
	out->contact = db_get(&res, 0, C_CONTACT);
	out->when = db_get(&res, 0, C_WHEN);
	out->when_utc = db_get(&res, 0, C_WHEN_UTC);
	out->direction = db_get(&res, 0, C_DIRECTION);
	out->subject = db_get(&res, 0, C_SUBJECT);
	out->title = db_get(&res, 0, C_TITLE);
	out->body_text = db_get(&res, 0, C_BODY_TEXT);
	out->phone = db_get(&res, 0, C_PHONE);
	out->outcome = db_get(&res, 0, C_OUTCOME);
	out->old_status = db_get(&res, 0, C_OLD_STATUS);
	out->new_status = db_get(&res, 0, C_NEW_STATUS);
	out->newer = db_get(&res, 0, C_NEWER);
	return DB_OK;
}

struct db_sql *
permalink_session_where(void)
{
	return &q_session_where;
}

void
permalink_place_of(const struct db_res *res, struct permalink_place *out, int *found)
{
	memset(out, 0, sizeof *out);
	*found = res->nrows == 1 && !db_is_null(res, 0, P_ORG) && !db_is_null(res, 0, P_LEAD_PID);
	if (!*found)
		return;
	out->org_id = db_get_int(res, 0, P_ORG);
	out->lead_pid = db_get(res, 0, P_LEAD_PID);
}
