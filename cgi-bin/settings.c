/*
 * settings — running an organization from pages (O1–O5, U4).
 *
 * Reached by a one-time link (no session; the pre-session CSRF cookie ll_csrf
 * as on /login):
 *   GET  /password?token=T      the form that sets the password of a link of
 *                               llctl create-org or reset-link (O1, O3)
 *   POST /password              token, password, password2: sets it, ends every
 *                               session of the user, marks the link used, logs in
 *   GET  /password/forgot       "forgot password": an email
 *   POST /password/forgot       the same answer whether the address exists (O3)
 *   GET  /invite?token=T        an invitation (O2): a new person sets name and
 *                               password; a user of another organization gives
 *                               their own password
 *   POST /invite                token, name, password, password2: joins, logs in
 * A link unknown (mistyped, tampered), used, expired, revoked or of a
 * deactivated user is a page saying so (404, 410, 410, 410, 403); nothing changes.
 *
 * With a session:
 *   GET  /settings                    303 to /settings/account
 *   GET  /settings/account            name, email, time zone; the password form
 *   POST /settings/account            name, email, time_zone
 *   POST /settings/password           current_password, password, password2; the
 *                                     user's other sessions end
 *   GET  /settings/organizations      the user's active memberships (O5)
 *   POST /settings/switch             org: the session acts there; 303 to /leads
 * An admin of the organization only (403 for a user; an id of another
 * organization is the 404 of an unknown one):
 *   GET  /settings/members            members and pending invitations
 *   POST /settings/members/invite     email, role: the link to copy (7 days)
 *   POST /settings/invites/resend     invite: a new link, the old one revoked
 *   POST /settings/invites/revoke     invite
 *   POST /settings/members/role       user, role
 *   POST /settings/members/deactivate user (U4: their sessions here end)
 *   POST /settings/members/reactivate user
 *   POST /settings/members/remove     user
 *     The last active admin is never demoted, deactivated or removed (409).
 *   GET  /settings/lead-statuses      the statuses, their leads counted (O4)
 *   POST /settings/lead-statuses/add     label
 *   POST /settings/lead-statuses/rename  status, label
 *   POST /settings/lead-statuses/move    status, dir (up, down)
 *   POST /settings/lead-statuses/delete  status, to: its leads move to `to`, each
 *                                     move a status change activity; one transaction
 *   GET  /settings/opportunity-statuses  the same for opportunities, each status
 *   POST /settings/opportunity-statuses/{add,rename,move,delete}   with a type
 *                                     (active, won, lost): add and rename take `type`
 *   GET  /settings/custom-fields      the lead custom fields, their values counted
 *   POST /settings/custom-fields/add     name, type, multiple (choices), choices
 *                                     (one per line)
 *   POST /settings/custom-fields/rename  field, name
 *   POST /settings/custom-fields/choices field, choices: a choice some lead
 *                                     holds is not removed (409, how many hold it)
 *   POST /settings/custom-fields/move    field, dir
 *   GET  /settings/custom-fields/delete?field=F   the confirmation: how many
 *                                     values on how many leads go
 *   POST /settings/custom-fields/delete  field: the field and its values
 *     A field's type is fixed once made (no change can lose values).
 *   GET  /settings/activity-types     custom activity types, each with its fields
 *   POST /settings/activity-types/{add,rename}   [atype,] name, description
 *   POST /settings/activity-types/delete  atype: refused (409) while activities
 *                                     of the type exist, the trash included
 *   POST /settings/activity-types/field-add     atype, name, type, choices
 *   POST /settings/activity-types/field-{rename,choices,move}   field, ...: as
 *                                     the custom fields' routes
 *   GET|POST /settings/activity-types/field-delete   field: as custom fields
 *   GET  /settings/audit              who changed what, when, before → after
 * Every change of the organization's settings is one transaction with its
 * audit line. Refused input: the page again with the message (409, 422).
 *
 * Templates: settings_*.tpl. Statuses: 200 303 400 403 404 409 410 422 429 503.
 */
#include <ctype.h>
#include <sodium.h>
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "conf.h"
#include "counts.h"
#include "http.h"
#include "ids.h"
#include "log.h"
#include "orgs.h"
#include "req.h"
#include "throttle.h"
#include "valid.h"
#include "view.h"

enum key {
	K_TOKEN, K_EMAIL, K_PASSWORD, K_PASSWORD2, K_CURRENT, K_NAME, K_TZ, K_ROLE, K_USER,
	K_INVITE, K_ORG, K_LABEL, K_STATUS, K_TO, K_DIR, K_TYPE, K_FIELD, K_CHOICES, K_MULTIPLE, K_ATYPE, K_DESCRIPTION, K__MAX
};

static const struct req_key keys[K__MAX] = {
	[K_TOKEN] = { "token", REQ_K_LINE, 64, NULL, 0 },
	[K_EMAIL] = { "email", REQ_K_LINE, 254, NULL, 0 },
	[K_PASSWORD] = { "password", REQ_K_LINE, 1024, NULL, 0 },
	[K_PASSWORD2] = { "password2", REQ_K_LINE, 1024, NULL, 0 },
	[K_CURRENT] = { "current_password", REQ_K_LINE, 1024, NULL, 0 },
	[K_NAME] = { "name", REQ_K_LINE, 800, NULL, 0 },
	[K_TZ] = { "time_zone", REQ_K_LINE, 64, NULL, 0 },
	[K_ROLE] = { "role", REQ_K_LINE, 10, NULL, 0 },
	[K_USER] = { "user", REQ_K_LINE, 64, NULL, 0 },
	[K_INVITE] = { "invite", REQ_K_LINE, 64, NULL, 0 },
	[K_ORG] = { "org", REQ_K_LINE, 64, NULL, 0 },
	[K_LABEL] = { "label", REQ_K_LINE, 400, NULL, 0 },
	[K_STATUS] = { "status", REQ_K_LINE, 64, NULL, 0 },
	[K_TO] = { "to", REQ_K_LINE, 64, NULL, 0 },
	[K_DIR] = { "dir", REQ_K_LINE, 10, NULL, 0 },
	[K_TYPE] = { "type", REQ_K_LINE, 10, NULL, 0 },
	[K_FIELD] = { "field", REQ_K_LINE, 64, NULL, 0 },
	[K_CHOICES] = { "choices", REQ_K_TEXT, 60000, NULL, 0 },
	[K_MULTIPLE] = { "multiple", REQ_K_LINE, 10, NULL, 0 },
	[K_ATYPE] = { "atype", REQ_K_LINE, 64, NULL, 0 },
	[K_DESCRIPTION] = { "description", REQ_K_TEXT, 8000, NULL, 0 },
};

#define PASSWORD_MIN 10

/* ---- statements ------------------------------------------------------------ */

static const char *const hash_cols[] = { "password_hash", NULL };
static struct db_sql q_user_hash = DB_SQL_COLS(
	"SELECT password_hash FROM users WHERE id = ? AND active = 1", hash_cols);
static struct db_sql q_set_password = DB_SQL(
	"UPDATE users SET password_hash = ? WHERE id = ? AND active = 1");
static struct db_sql q_revoke_password_links = DB_SQL(
	"UPDATE auth_links SET revoked_at = UTC_TIMESTAMP(6) WHERE user_id = ? AND kind = 'password'"
	" AND used_at IS NULL AND revoked_at IS NULL");
static struct db_sql q_user_new = DB_SQL(
	"INSERT INTO users (pid, name, email, password_hash) VALUES (?, ?, ?, ?)");
static struct db_sql q_member_join = DB_SQL(
	"INSERT INTO memberships (organization_id, user_id, role) VALUES (?, ?, ?)");
static struct db_sql q_account_set = DB_SQL(
	"UPDATE users SET name = ?, email = ?, time_zone = ? WHERE id = ?");
static const char *const tz_cols[] = { "ok", NULL };
static struct db_sql q_tz_ok = DB_SQL_COLS(
	"SELECT CONVERT_TZ('2000-01-01 00:00:00', '+00:00', ?) IS NOT NULL AS ok", tz_cols);

#define ORG_COLS(X) X(OG_PID, "pid") X(OG_NAME, "name") X(OG_ROLE, "role")
enum { ORG_COLS(DB_COL_ENUM) OG__NCOLS };
static const char *const org_cols[] = { ORG_COLS(DB_COL_NAME) NULL };
static struct db_sql q_my_orgs = DB_SQL_COLS(
	"SELECT o.pid, o.name, m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id"
	" WHERE m.user_id = ? AND m.active = 1 ORDER BY o.name, o.id", org_cols);
static const char *const id_cols[] = { "id", NULL };
static struct db_sql q_org_by_pid = DB_SQL_COLS(
	"SELECT id FROM organizations WHERE pid = ?", id_cols);

#define MEMBER_COLS(X) X(M_PID, "pid") X(M_NAME, "name") X(M_EMAIL, "email") X(M_ROLE, "role") \
	X(M_ACTIVE, "active") X(M_USER_ACTIVE, "user_active")
enum { MEMBER_COLS(DB_COL_ENUM) M__NCOLS };
static const char *const member_cols[] = { MEMBER_COLS(DB_COL_NAME) NULL };
static struct db_sql q_members = DB_SQL_COLS(
	"SELECT u.pid, u.name, u.email, m.role, m.active, u.active AS user_active"
	" FROM memberships m JOIN users u ON u.id = m.user_id"
	" WHERE m.organization_id = ? ORDER BY m.active DESC, u.name, u.id", member_cols);
#define INVITE_COLS(X) X(I_PID, "pid") X(I_EMAIL, "email") X(I_ROLE, "role") X(I_EXPIRES, "expires")
enum { INVITE_COLS(DB_COL_ENUM) I__NCOLS };
static const char *const invite_cols[] = { INVITE_COLS(DB_COL_NAME) NULL };
static struct db_sql q_invites = DB_SQL_COLS(
	"SELECT pid, email, role, DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i UTC') AS expires"
	" FROM auth_links WHERE organization_id = ? AND kind = 'invite' AND used_at IS NULL"
	" AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP(6) ORDER BY id", invite_cols);
#define ONE_INVITE_COLS(X) X(OI_ID, "id") X(OI_EMAIL, "email") X(OI_ROLE, "role")
enum { ONE_INVITE_COLS(DB_COL_ENUM) OI__NCOLS };
static const char *const one_invite_cols[] = { ONE_INVITE_COLS(DB_COL_NAME) NULL };
static struct db_sql q_invite_lock = DB_SQL_COLS(
	"SELECT id, email, role FROM auth_links WHERE organization_id = ? AND pid = ?"
	" AND kind = 'invite' AND used_at IS NULL AND revoked_at IS NULL FOR UPDATE", one_invite_cols);
static struct db_sql q_invite_revoke = DB_SQL(
	"UPDATE auth_links SET revoked_at = UTC_TIMESTAMP(6) WHERE organization_id = ? AND id = ?");
static struct db_sql q_invites_of_email_revoke = DB_SQL(
	"UPDATE auth_links SET revoked_at = UTC_TIMESTAMP(6) WHERE organization_id = ? AND email = ?"
	" AND kind = 'invite' AND used_at IS NULL AND revoked_at IS NULL");
static const char *const is_member_cols[] = { "active", NULL };
static struct db_sql q_member_of_email = DB_SQL_COLS(
	"SELECT m.active FROM memberships m JOIN users u ON u.id = m.user_id"
	" WHERE m.organization_id = ? AND u.email = ?", is_member_cols);
#define TARGET_COLS(X) X(T_USER, "user_id") X(T_NAME, "name") X(T_ROLE, "role") X(T_ACTIVE, "active") \
	X(T_ADMINS, "admins")
enum { TARGET_COLS(DB_COL_ENUM) T__NCOLS };
static const char *const target_cols[] = { TARGET_COLS(DB_COL_NAME) NULL };
/* The membership acted on, locked, with the count of the organization's
 * active admins (their rows locked too, so two demotions cannot pass each other). */
static struct db_sql q_target = DB_SQL_COLS(
	"SELECT m.user_id, u.name, m.role, m.active AND u.active AS active,"
	" (SELECT COUNT(*) FROM memberships a JOIN users au ON au.id = a.user_id"
	"   WHERE a.organization_id = m.organization_id AND a.role = 'admin' AND a.active = 1"
	"   AND au.active = 1) AS admins"
	" FROM memberships m JOIN users u ON u.id = m.user_id"
	" WHERE m.organization_id = ? AND u.pid = ? FOR UPDATE", target_cols);
static struct db_sql q_admins_lock = DB_SQL_COLS(
	"SELECT id FROM memberships WHERE organization_id = ? AND role = 'admin' AND active = 1"
	" FOR UPDATE", id_cols);
static struct db_sql q_member_role = DB_SQL(
	"UPDATE memberships SET role = ? WHERE organization_id = ? AND user_id = ?");
static struct db_sql q_member_active = DB_SQL(
	"UPDATE memberships SET active = ? WHERE organization_id = ? AND user_id = ?");
static struct db_sql q_member_remove = DB_SQL(
	"DELETE FROM memberships WHERE organization_id = ? AND user_id = ?");

/* Lead and opportunity statuses share their pages (O4): one table of
 * statements each, the same columns (a lead status has no type). */
#define STATUS_COLS(X) X(S_ID, "id") X(S_PID, "pid") X(S_LABEL, "label") X(S_POS, "position") \
	X(S_TYPE, "type") X(S_USES, "uses")
enum { STATUS_COLS(DB_COL_ENUM) S__NCOLS };
static const char *const status_cols[] = { STATUS_COLS(DB_COL_NAME) NULL };
#define USE_COLS(X) X(U_ID, "id") X(U_LEAD, "lead_id") X(U_CONTACT, "contact_id")
enum { USE_COLS(DB_COL_ENUM) U__NCOLS };
static const char *const use_cols[] = { USE_COLS(DB_COL_NAME) NULL };

static struct db_sql q_lstatuses = DB_SQL_COLS(
	"SELECT s.id, s.pid, s.label, s.position, NULL AS type,"
	" (SELECT COUNT(*) FROM leads l WHERE l.organization_id = s.organization_id"
	"   AND l.status_id = s.id) AS uses"
	" FROM lead_statuses s WHERE s.organization_id = ? ORDER BY s.position, s.id", status_cols);
static struct db_sql q_lstatuses_lock = DB_SQL_COLS(
	"SELECT s.id, s.pid, s.label, s.position, NULL AS type, 0 AS uses"
	" FROM lead_statuses s WHERE s.organization_id = ? ORDER BY s.position, s.id FOR UPDATE",
	status_cols);
static struct db_sql q_lstatus_new = DB_SQL(
	"INSERT INTO lead_statuses (pid, organization_id, label, position)"
	" SELECT ?, ?, ?, COALESCE(MAX(position), 0) + 1 FROM lead_statuses WHERE organization_id = ?");
static struct db_sql q_lstatus_change = DB_SQL(
	"UPDATE lead_statuses SET label = ? WHERE organization_id = ? AND id = ?");
static struct db_sql q_lstatus_position = DB_SQL(
	"UPDATE lead_statuses SET position = ? WHERE organization_id = ? AND id = ?");
static struct db_sql q_lstatus_delete = DB_SQL(
	"DELETE FROM lead_statuses WHERE organization_id = ? AND id = ?");
static struct db_sql q_lstatus_uses = DB_SQL_COLS(
	"SELECT id, id AS lead_id, NULL AS contact_id FROM leads"
	" WHERE organization_id = ? AND status_id = ? ORDER BY id FOR UPDATE", use_cols);
static struct db_sql q_lstatus_move = DB_SQL(
	"UPDATE leads SET status_id = ?, updated_by = ?, date_updated = UTC_TIMESTAMP(6)"
	" WHERE organization_id = ? AND id = ?");
/* args (both kinds): pid, org, lead, user, opportunity, contact, to, old label, new label */
static struct db_sql q_lstatus_move_activity = DB_SQL(
	"INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at,"
	" date_created, date_updated, opportunity_id, contact_id, old_status_id, new_status_id,"
	" old_status_label, new_status_label)"
	" VALUES (?, ?, ?, 'lead_status_change', ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6),"
	" UTC_TIMESTAMP(6), ?, ?, NULL, ?, ?, ?)");

static struct db_sql q_ostatuses = DB_SQL_COLS(
	"SELECT s.id, s.pid, s.label, s.position, s.type,"
	" (SELECT COUNT(*) FROM opportunities o WHERE o.organization_id = s.organization_id"
	"   AND o.status_id = s.id) AS uses"
	" FROM opportunity_statuses s WHERE s.organization_id = ? ORDER BY s.position, s.id",
	status_cols);
static struct db_sql q_ostatuses_lock = DB_SQL_COLS(
	"SELECT s.id, s.pid, s.label, s.position, s.type, 0 AS uses"
	" FROM opportunity_statuses s WHERE s.organization_id = ? ORDER BY s.position, s.id FOR UPDATE",
	status_cols);
static struct db_sql q_ostatus_new = DB_SQL(
	"INSERT INTO opportunity_statuses (pid, organization_id, label, type, position)"
	" SELECT ?, ?, ?, ?, COALESCE(MAX(position), 0) + 1"
	" FROM opportunity_statuses WHERE organization_id = ?");
static struct db_sql q_ostatus_change = DB_SQL(
	"UPDATE opportunity_statuses SET label = ?, type = ? WHERE organization_id = ? AND id = ?");
static struct db_sql q_ostatus_position = DB_SQL(
	"UPDATE opportunity_statuses SET position = ? WHERE organization_id = ? AND id = ?");
static struct db_sql q_ostatus_delete = DB_SQL(
	"DELETE FROM opportunity_statuses WHERE organization_id = ? AND id = ?");
static struct db_sql q_ostatus_uses = DB_SQL_COLS(
	"SELECT id, lead_id, contact_id FROM opportunities"
	" WHERE organization_id = ? AND status_id = ? ORDER BY id FOR UPDATE", use_cols);
static struct db_sql q_ostatus_move = DB_SQL(
	"UPDATE opportunities SET status_id = ?, date_updated = UTC_TIMESTAMP(6)"
	" WHERE organization_id = ? AND id = ?");
static struct db_sql q_ostatus_move_activity = DB_SQL(
	"INSERT INTO activities (pid, organization_id, lead_id, type, user_id, activity_at,"
	" date_created, date_updated, opportunity_id, contact_id, old_status_id, new_status_id,"
	" old_status_label, new_status_label)"
	" VALUES (?, ?, ?, 'opportunity_status_change', ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6),"
	" UTC_TIMESTAMP(6), ?, ?, NULL, ?, ?, ?)");

struct status_kind {
	const char *path;       /* /settings/lead-statuses */
	const char *title;      /* Lead statuses */
	const char *nav;        /* the navigation's CUR_ key */
	const char *what;       /* "lead status": the audit's actions */
	const char *one, *many; /* what carries a status: lead, leads */
	const char *activity;   /* the type of the status change activity of a move */
	int typed;              /* a type: active, won, lost */
	struct db_sql *list, *lock, *add, *change, *position, *del, *uses, *move, *move_activity;
};

static const struct status_kind lead_kind = {
	"/settings/lead-statuses", "Lead statuses", "STATUSES", "lead status", "lead", "leads",
	"lead_status_change", 0, &q_lstatuses, &q_lstatuses_lock, &q_lstatus_new,
	&q_lstatus_change, &q_lstatus_position, &q_lstatus_delete, &q_lstatus_uses,
	&q_lstatus_move, &q_lstatus_move_activity,
};
static const struct status_kind opp_kind = {
	"/settings/opportunity-statuses", "Opportunity statuses", "OSTATUSES", "opportunity status",
	"opportunity", "opportunities", "opportunity_status_change", 1, &q_ostatuses,
	&q_ostatuses_lock, &q_ostatus_new, &q_ostatus_change, &q_ostatus_position,
	&q_ostatus_delete, &q_ostatus_uses, &q_ostatus_move, &q_ostatus_move_activity,
};

#define FIELD_COLS(X) X(F_ID, "id") X(F_PID, "pid") X(F_NAME, "name") X(F_TYPE, "type") \
	X(F_MULTIPLE, "accepts_multiple") X(F_CHOICES, "choices") X(F_USES, "uses") X(F_LEADS, "leads")
enum { FIELD_COLS(DB_COL_ENUM) F__NCOLS };
static const char *const field_cols[] = { FIELD_COLS(DB_COL_NAME) NULL };
static struct db_sql q_fields = DB_SQL_COLS(
	"SELECT f.id, f.pid, f.name, f.type, f.accepts_multiple, f.choices,"
	" (SELECT COUNT(*) FROM lead_custom_values v WHERE v.organization_id = f.organization_id"
	"   AND v.field_id = f.id) AS uses,"
	" (SELECT COUNT(DISTINCT v.lead_id) FROM lead_custom_values v"
	"   WHERE v.organization_id = f.organization_id AND v.field_id = f.id) AS leads"
	" FROM custom_fields f WHERE f.organization_id = ? ORDER BY f.position, f.id", field_cols);
static struct db_sql q_fields_lock = DB_SQL_COLS(
	"SELECT f.id, f.pid, f.name, f.type, f.accepts_multiple, f.choices, 0 AS uses, 0 AS leads"
	" FROM custom_fields f WHERE f.organization_id = ? ORDER BY f.position, f.id FOR UPDATE",
	field_cols);
static struct db_sql q_field_new = DB_SQL(
	"INSERT INTO custom_fields (pid, organization_id, name, type, accepts_multiple, choices, position)"
	" SELECT ?, ?, ?, ?, ?, ?, COALESCE(MAX(position), 0) + 1 FROM custom_fields"
	" WHERE organization_id = ?");
static struct db_sql q_field_rename = DB_SQL(
	"UPDATE custom_fields SET name = ? WHERE organization_id = ? AND id = ?");
static struct db_sql q_field_choices = DB_SQL(
	"UPDATE custom_fields SET choices = ? WHERE organization_id = ? AND id = ?");
static struct db_sql q_field_position = DB_SQL(
	"UPDATE custom_fields SET position = ? WHERE organization_id = ? AND id = ?");
static const char *const count_cols[] = { "n", NULL };
static struct db_sql q_field_choice_uses = DB_SQL_COLS(
	"SELECT COUNT(DISTINCT lead_id) AS n FROM lead_custom_values"
	" WHERE organization_id = ? AND field_id = ? AND value = ?", count_cols);
static const char *const field_uses_cols[] = { "name", "n", NULL };
static struct db_sql q_field_uses = DB_SQL_COLS(
	"SELECT f.name, (SELECT COUNT(*) FROM lead_custom_values v WHERE v.organization_id = f.organization_id"
	"   AND v.field_id = f.id) AS n FROM custom_fields f WHERE f.organization_id = ? AND f.id = ?",
	field_uses_cols);
static struct db_sql q_field_values_delete = DB_SQL(
	"DELETE FROM lead_custom_values WHERE organization_id = ? AND field_id = ?");
static struct db_sql q_field_delete = DB_SQL(
	"DELETE FROM custom_fields WHERE organization_id = ? AND id = ?");

#define ATYPE_COLS(X) X(AT_ID, "id") X(AT_PID, "pid") X(AT_NAME, "name") \
	X(AT_DESC, "description") X(AT_USES, "uses")
enum { ATYPE_COLS(DB_COL_ENUM) AT__NCOLS };
static const char *const atype_cols[] = { ATYPE_COLS(DB_COL_NAME) NULL };
static struct db_sql q_atypes = DB_SQL_COLS(
	"SELECT t.id, t.pid, t.name, t.description,"
	" (SELECT COUNT(*) FROM activities a WHERE a.organization_id = t.organization_id"
	"   AND a.type = 'custom' AND a.custom_type_id = t.id) AS uses"
	" FROM custom_activity_types t WHERE t.organization_id = ? ORDER BY t.name, t.id", atype_cols);
static struct db_sql q_atype_lock = DB_SQL_COLS(
	"SELECT t.id, t.pid, t.name, t.description,"
	" (SELECT COUNT(*) FROM activities a WHERE a.organization_id = t.organization_id"
	"   AND a.type = 'custom' AND a.custom_type_id = t.id) AS uses"
	" FROM custom_activity_types t WHERE t.organization_id = ? AND t.pid = ? FOR UPDATE", atype_cols);
static struct db_sql q_atype_new = DB_SQL(
	"INSERT INTO custom_activity_types (pid, organization_id, name, description) VALUES (?, ?, ?, ?)");
static struct db_sql q_atype_change = DB_SQL(
	"UPDATE custom_activity_types SET name = ?, description = ? WHERE organization_id = ? AND id = ?");
static struct db_sql q_atype_delete = DB_SQL(
	"DELETE FROM custom_activity_types WHERE organization_id = ? AND id = ?");
static struct db_sql q_atype_fields_delete = DB_SQL(
	"DELETE FROM custom_activity_fields WHERE organization_id = ? AND type_id = ?");

#define AFIELD_COLS(X) X(AF_ID, "id") X(AF_PID, "pid") X(AF_TYPE_ID, "type_id") \
	X(AF_NAME, "name") X(AF_TYPE, "field_type") X(AF_CHOICES, "choices") X(AF_USES, "uses") \
	X(AF_ATYPE, "type_name")
enum { AFIELD_COLS(DB_COL_ENUM) AF__NCOLS };
static const char *const afield_cols[] = { AFIELD_COLS(DB_COL_NAME) NULL };
static struct db_sql q_afields = DB_SQL_COLS(
	"SELECT f.id, f.pid, f.type_id, f.name, f.field_type, f.choices,"
	" (SELECT COUNT(*) FROM activity_custom_values v WHERE v.organization_id = f.organization_id"
	"   AND v.field_id = f.id) AS uses, t.name AS type_name"
	" FROM custom_activity_fields f JOIN custom_activity_types t ON t.id = f.type_id"
	"   AND t.organization_id = f.organization_id"
	" WHERE f.organization_id = ? ORDER BY f.type_id, f.position, f.id", afield_cols);
/* the fields of the type of field `pid`, locked, in order */
static struct db_sql q_afields_lock = DB_SQL_COLS(
	"SELECT f.id, f.pid, f.type_id, f.name, f.field_type, f.choices, 0 AS uses, t.name AS type_name"
	" FROM custom_activity_fields f JOIN custom_activity_types t ON t.id = f.type_id"
	"   AND t.organization_id = f.organization_id"
	" WHERE f.organization_id = ? AND f.type_id ="
	"   (SELECT g.type_id FROM custom_activity_fields g WHERE g.organization_id = ? AND g.pid = ?)"
	" ORDER BY f.position, f.id FOR UPDATE", afield_cols);
static struct db_sql q_afield_new = DB_SQL(
	"INSERT INTO custom_activity_fields (pid, organization_id, type_id, name, field_type, choices,"
	" position) SELECT ?, ?, ?, ?, ?, ?, COALESCE(MAX(position), 0) + 1"
	" FROM custom_activity_fields WHERE organization_id = ? AND type_id = ?");
static struct db_sql q_afield_rename = DB_SQL(
	"UPDATE custom_activity_fields SET name = ? WHERE organization_id = ? AND id = ?");
static struct db_sql q_afield_choices = DB_SQL(
	"UPDATE custom_activity_fields SET choices = ? WHERE organization_id = ? AND id = ?");
static struct db_sql q_afield_position = DB_SQL(
	"UPDATE custom_activity_fields SET position = ? WHERE organization_id = ? AND id = ?");
static struct db_sql q_afield_choice_uses = DB_SQL_COLS(
	"SELECT COUNT(DISTINCT activity_id) AS n FROM activity_custom_values"
	" WHERE organization_id = ? AND field_id = ? AND value = ?", count_cols);
static struct db_sql q_afield_uses = DB_SQL_COLS(
	"SELECT COUNT(*) AS n FROM activity_custom_values WHERE organization_id = ? AND field_id = ?",
	count_cols);
static struct db_sql q_afield_values_delete = DB_SQL(
	"DELETE FROM activity_custom_values WHERE organization_id = ? AND field_id = ?");
static struct db_sql q_afield_delete = DB_SQL(
	"DELETE FROM custom_activity_fields WHERE organization_id = ? AND id = ?");

#define AUDIT_COLS(X) X(A_WHEN, "at") X(A_WHO, "who") X(A_ACTION, "action") X(A_SUBJECT, "subject") \
	X(A_BEFORE, "before_value") X(A_AFTER, "after_value")
enum { AUDIT_COLS(DB_COL_ENUM) A__NCOLS };
static const char *const audit_cols[] = { AUDIT_COLS(DB_COL_NAME) NULL };
static struct db_sql q_audit = DB_SQL_COLS(
	"SELECT DATE_FORMAT(CONVERT_TZ(a.date_created, '+00:00', ?), '%Y-%m-%d %H:%i') AS at,"
	" COALESCE(u.name, 'llctl') AS who, a.action, a.subject, a.before_value, a.after_value"
	" FROM settings_audit a LEFT JOIN users u ON u.id = a.user_id"
	" WHERE a.organization_id = ? ORDER BY a.id DESC LIMIT 200", audit_cols);

/* ---- helpers ---------------------------------------------------------------- */

static const char *
str(struct req *r, int k)
{
	const char *s = req_str(r, k);

	return s ? s : "";
}

static int
is_admin(struct req *r)
{
	return r->who.role != NULL && strcmp(r->who.role, "admin") == 0;
}

static int
refuse_user(struct req *r)
{
	return req_error(r, 403, "Only an admin of this organization can change its settings.");
}

static int
db_fail(struct req *r, enum db_err e)
{
	return req_db_error(r, e == DB_DOWN ? DB_DOWN : DB_ERROR);
}

/* The address of this site as the request reached it, for a link to copy. */
static const char *
site(struct req *r)
{
	return arena_printf(&r->arena, "%s://%s", r->https ? "https" : "http",
	    r->host ? r->host : "localhost");
}

/* The pre-session CSRF token of a public form (login's double-submit cookie). */
static void
public_csrf(struct req *r)
{
	const char *csrf = req_cookie(r, req_cookie_name(r, "ll_csrf"));
	char fresh[AUTH_TOKEN_LEN + 1];

	if (csrf == NULL || strlen(csrf) != AUTH_TOKEN_LEN) {
		auth_random_token(fresh, sizeof fresh);
		csrf = arena_strdup(&r->arena, fresh);
		req_set_cookie(r, "ll_csrf", csrf, "Strict", 86400);
	}
	view_set(r->dict, "PUB_CSRF", csrf);
}

/* A new password's rules: the message, or NULL when it is good. */
static const char *
password_problem(const char *pw, const char *again)
{
	if (strlen(pw) < PASSWORD_MIN)
		return "The password must be at least 10 characters long.";
	if (strcmp(pw, again) != 0)
		return "The two passwords are not the same.";
	return NULL;
}

static int
render_status(struct req *r, const char *tpl, int status)
{
	int st = req_render(r, tpl);

	return st == 200 ? status : st;
}

/* The left navigation: Account for everyone, the organization's pages for admins. */
static void
nav(struct req *r, const char *current)
{
	struct view_dict *n = view_include(r->dict, "SETTINGS_NAV", "settings_nav.tpl");

	if (is_admin(r))
		view_show(n, "NAV_ADMIN");
	view_show(n, arena_printf(&r->arena, "CUR_%s", current));
}

/* Positions 1..n of the rows of res (locked, in their order) with rows i and
 * other swapped; the ids in column idcol. Ties of old data end too. */
static enum db_err
renumber(struct req *r, const struct db_res *res, int idcol, size_t i, size_t other,
    struct db_sql *position)
{
	enum db_err e;
	size_t j;

	for (j = 0; j < res->nrows; j++) {
		size_t n = j == i ? other : j == other ? i : j;

		if ((e = db_write(&r->arena, position, DB_ARGS(DB_INT((long long)n + 1),
		    DB_INT(r->who.org_id), DB_INT(db_get_int(res, j, idcol))), NULL)) != DB_OK)
			return e;
	}
	return DB_OK;
}

/* ---- links: set a password, forgot, invitation -------------------------------- */

static int
link_bad(struct req *r, enum orgs_link_state st)
{
	static const struct { int status; const char *title, *msg; } bad[] = {
		[ORGS_LINK_UNKNOWN] = { 404, "This link is not valid",
		    "The link is not known: it may be mistyped or cut short. Ask for a new one." },
		[ORGS_LINK_USED] = { 410, "This link was already used",
		    "A link works once. Log in, or ask for a new link." },
		[ORGS_LINK_EXPIRED] = { 410, "This link has expired",
		    "The link is too old to use. Ask for a new one." },
		[ORGS_LINK_REVOKED] = { 410, "This link was withdrawn",
		    "The link was replaced or withdrawn. Ask for a new one." },
		[ORGS_LINK_INACTIVE] = { 403, "This account is deactivated",
		    "The account of this link is deactivated: an admin can reactivate it." },
	};
	struct view_dict *s;

	if (st < ORGS_LINK_UNKNOWN || st > ORGS_LINK_INACTIVE)
		st = ORGS_LINK_UNKNOWN;
	req_title(r, bad[st].title);
	s = view_section(r->dict, "LINK_BAD");
	view_set(s, "BAD_TITLE", bad[st].title);
	view_set(s, "BAD_MESSAGE", bad[st].msg);
	return render_status(r, "settings_link.tpl", bad[st].status);
}

/* The link of the request's token, of the kind wanted: 0 with *l filled when
 * it is good, else the status of the page answered. */
static int
good_link(struct req *r, enum orgs_link_kind kind, struct orgs_link *l)
{
	enum orgs_link_state st;
	enum db_err e;

	if ((e = orgs_link_find(&r->arena, req_str(r, K_TOKEN), l, &st)) != DB_OK)
		return db_fail(r, e);
	if (st == ORGS_LINK_OK && l->kind != kind)
		st = ORGS_LINK_UNKNOWN;
	return st == ORGS_LINK_OK ? 0 : link_bad(r, st);
}

static int
password_form(struct req *r, const struct orgs_link *l, const char *error, int status)
{
	struct view_dict *s;

	req_title(r, "Set your password");
	public_csrf(r);
	s = view_section(r->dict, "SET_PASSWORD");
	view_set(s, "TOKEN", str(r, K_TOKEN));
	view_set(s, "LINK_EMAIL", l->email);
	if (error)
		view_set(view_section(s, "SP_ERROR"), "SP_MESSAGE", error);
	return render_status(r, "settings_link.tpl", status);
}

static int
password_get(struct req *r)
{
	struct orgs_link l;
	int st;

	if ((st = good_link(r, ORGS_LINK_PASSWORD, &l)) != 0)
		return st;
	return password_form(r, &l, NULL, 200);
}

/* Logs in the user who just proved the password and acts in org (0: the
 * first organization); 303 to /leads, or the login page when that fails. */
static int
log_in(struct req *r, const char *email, const char *pw, long long org_id)
{
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_who who;

	if (auth_login(&r->arena, email, pw, token, sizeof token) != AUTH_OK)
		return req_redirect(r, 303, "/login");
	if (org_id > 0 && auth_session(&r->arena, token, &who) == AUTH_OK &&
	    who.org_id != org_id && auth_switch(&r->arena, who.session_id, org_id) != AUTH_OK)
		log_err("settings: a new member's session could not move to their organization");
	if (r->authed)
		auth_logout(&r->arena, r->who.session_id);
	req_set_cookie(r, "ll_session", token, "Lax", conf_long(CONF_SESSION_ABSOLUTE_TIMEOUT));
	return req_redirect(r, 303, "/leads");
}

static int
password_post(struct req *r)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *pw = str(r, K_PASSWORD), *problem;
	struct orgs_link l;
	struct db_res res;
	enum db_err e;
	int st, ok;

	if ((st = good_link(r, ORGS_LINK_PASSWORD, &l)) != 0)
		return st;
	if ((problem = password_problem(pw, str(r, K_PASSWORD2))) != NULL)
		return password_form(r, &l, problem, 422);
	if (auth_hash_password(pw, hash, sizeof hash) != 0)
		return req_error(r, 500, "Out of memory.");
	if ((e = db_begin()) != DB_OK)
		return db_fail(r, e);
	if ((e = orgs_link_use(&r->arena, l.id, &ok)) != DB_OK || !ok)
		goto refused;
	if ((e = db_write(&r->arena, &q_set_password, DB_ARGS(DB_STR(hash), DB_INT(l.user_id)),
	    &res)) != DB_OK || res.affected != 1) {
		ok = 0;
		goto refused;
	}
	if ((e = db_write(&r->arena, &q_revoke_password_links, DB_ARGS(DB_INT(l.user_id)), NULL)) != DB_OK ||
	    (e = orgs_end_sessions(&r->arena, l.user_id, 0, 0)) != DB_OK)
		goto refused;
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	log_info("settings: user %lld set a password by link", l.user_id);
	return log_in(r, l.email, pw, 0);
refused:
	db_rollback();
	if (e != DB_OK)
		return db_fail(r, e);
	return link_bad(r, ORGS_LINK_USED);
}

static int
forgot_form(struct req *r, int sent, const char *error, int status)
{
	struct view_dict *s;

	req_title(r, "Forgot your password");
	public_csrf(r);
	s = view_section(r->dict, sent ? "FORGOT_SENT" : "FORGOT");
	view_set(s, "FORGOT_EMAIL", str(r, K_EMAIL));
	if (error)
		view_set(view_section(s, "FG_ERROR"), "FG_MESSAGE", error);
	return render_status(r, "settings_link.tpl", status);
}

static int
forgot_get(struct req *r)
{
	return forgot_form(r, 0, NULL, 200);
}

/*
 * O3 without a mail relay in this build: no link can reach the person, so
 * none is made; the page says whom to ask (an admin, who runs llctl
 * reset-link). The answer is the same whether the address has an account, and
 * each ask counts under "reset" in the throttle, so the form cannot be used
 * to probe addresses quickly either.
 */
static int
forgot_post(struct req *r)
{
	const char *email = orgs_email(&r->arena, str(r, K_EMAIL));
	enum db_err e;
	long wait;

	if (email == NULL)
		return forgot_form(r, 0, "Enter an email address like name@example.com.", 422);
	if ((e = throttle_check(&r->arena, "reset", email, r->addr, &wait)) != DB_OK)
		return db_fail(r, e);
	if (wait > 0) {
		req_header(r, "Retry-After", arena_printf(&r->arena, "%ld", wait));
		return forgot_form(r, 0, arena_printf(&r->arena, "Too many requests for this address "
		    "or from yours: wait %ld seconds, then try again.", wait), 429);
	}
	if ((e = throttle_fail(&r->arena, "reset", email, r->addr)) != DB_OK)
		return db_fail(r, e);
	return forgot_form(r, 1, NULL, 200);
}

static int
invite_form(struct req *r, const struct orgs_link *l, const char *error, int status)
{
	struct view_dict *s;

	req_title(r, arena_printf(&r->arena, "Join %s", l->org_name));
	public_csrf(r);
	s = view_section(r->dict, "INVITE");
	view_set(s, "TOKEN", str(r, K_TOKEN));
	view_set(s, "INV_ORG", l->org_name);
	view_set(s, "INV_EMAIL", l->email);
	view_set(s, "INV_ROLE", l->role);
	view_show(s, l->user_id > 0 ? "INV_EXISTING" : "INV_NEW");
	view_set(s, "INV_NAME", str(r, K_NAME));
	if (error)
		view_set(view_section(s, "INV_ERROR"), "INV_MESSAGE", error);
	return render_status(r, "settings_link.tpl", status);
}

static int
invite_get(struct req *r)
{
	struct orgs_link l;
	int st;

	if ((st = good_link(r, ORGS_LINK_INVITE, &l)) != 0)
		return st;
	return invite_form(r, &l, NULL, 200);
}

static int
invite_post(struct req *r)
{
	static const struct valid_spec name_spec = { "name", "Name", VALID_REQUIRED, 200 };
	char hash[crypto_pwhash_STRBYTES], pid[IDS_MAXLEN];
	const char *pw = str(r, K_PASSWORD), *problem, *name = NULL;
	struct valid_errs errs;
	struct orgs_link l;
	struct db_res res;
	long long user = 0;
	enum db_err e;
	long wait;
	int st, ok;

	if ((st = good_link(r, ORGS_LINK_INVITE, &l)) != 0)
		return st;
	if (l.user_id > 0) {
		/* an account already: its own password proves the invitee is its owner */
		if ((e = throttle_check(&r->arena, "invite", l.email, r->addr, &wait)) != DB_OK)
			return db_fail(r, e);
		if (wait > 0) {
			req_header(r, "Retry-After", arena_printf(&r->arena, "%ld", wait));
			return invite_form(r, &l, "Too many wrong passwords: wait, then try again.", 429);
		}
		if ((e = db_read(&r->arena, &q_user_hash, DB_ARGS(DB_INT(l.user_id)), &res)) != DB_OK)
			return db_fail(r, e);
		if (res.nrows != 1 || crypto_pwhash_str_verify(db_get(&res, 0, 0), pw, strlen(pw)) != 0) {
			if ((e = throttle_fail(&r->arena, "invite", l.email, r->addr)) != DB_OK)
				return db_fail(r, e);
			return invite_form(r, &l, "That is not the password of this account.", 403);
		}
		user = l.user_id;
	} else {
		valid_reset(&errs);
		if (!valid_text(&r->arena, &errs, &name_spec, str(r, K_NAME), &name) || name == NULL)
			return invite_form(r, &l, "Enter your name (at most 200 characters).", 422);
		if ((problem = password_problem(pw, str(r, K_PASSWORD2))) != NULL)
			return invite_form(r, &l, problem, 422);
		if (auth_hash_password(pw, hash, sizeof hash) != 0 || ids_new("user_", pid) != 0)
			return req_error(r, 500, "Out of memory.");
	}
	if ((e = db_begin()) != DB_OK)
		return db_fail(r, e);
	if ((e = orgs_link_use(&r->arena, l.id, &ok)) != DB_OK)
		goto fail;
	if (!ok) {
		db_rollback();
		return link_bad(r, ORGS_LINK_USED);
	}
	if (user == 0) {
		if ((e = db_write(&r->arena, &q_user_new, DB_ARGS(DB_STR(pid), DB_STR(name),
		    DB_STR(l.email), DB_STR(hash)), &res)) != DB_OK)
			goto fail;
		user = (long long)res.insert_id;
	}
	if ((e = db_write(&r->arena, &q_member_join, DB_ARGS(DB_INT(l.org_id), DB_INT(user),
	    DB_STR(l.role)), NULL)) != DB_OK)
		goto fail;
	if ((e = orgs_audit(&r->arena, l.org_id, user, "member joined", l.email, NULL, l.role)) != DB_OK)
		goto fail;
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	if (l.user_id > 0)
		throttle_clear(&r->arena, "invite", l.email);
	return log_in(r, l.email, pw, l.org_id);
fail:
	db_rollback();
	if (e == DB_DUP) {
		st = invite_form(r, &l, l.user_id > 0 ? "You are already a member of this organization "
		    "(an admin may have deactivated your membership)." :
		    "An account with this email was made meanwhile: open the link again.", 409);
		return st;
	}
	return db_fail(r, e);
}

/* ---- account and organizations ------------------------------------------------- */

static int
account_page(struct req *r, const char *which, const char *error, int status,
    const char *name, const char *email, const char *tz)
{
	struct view_dict *s;

	req_title(r, "Account");
	nav(r, "ACCOUNT");
	view_set(r->dict, "ACC_NAME", name ? name : r->who.user_name);
	view_set(r->dict, "ACC_EMAIL", email ? email : r->who.email);
	view_set(r->dict, "ACC_TZ", tz ? tz : r->who.time_zone);
	if (error) {
		s = view_section(r->dict, strcmp(which, "password") == 0 ? "PW_ERROR" : "ACC_ERROR");
		view_set(s, "ERR_MESSAGE", error);
	}
	if (strcmp(which, "saved") == 0)
		view_show(r->dict, "ACC_SAVED");
	if (strcmp(which, "pw-saved") == 0)
		view_show(r->dict, "PW_SAVED");
	return render_status(r, "settings_account.tpl", status);
}

static int
settings_root(struct req *r)
{
	return req_redirect(r, 303, "/settings/account");
}

static int
account_get(struct req *r)
{
	const char *q = r->query ? r->query : "";

	return account_page(r, strcmp(q, "saved=1") == 0 ? "saved" :
	    strcmp(q, "password=1") == 0 ? "pw-saved" : "", NULL, 200, NULL, NULL, NULL);
}

static int
account_post(struct req *r)
{
	static const struct valid_spec name_spec = { "name", "Name", VALID_REQUIRED, 200 };
	const char *name = NULL, *email, *tz = str(r, K_TZ);
	struct valid_errs errs;
	struct db_res res;
	enum db_err e;

	valid_reset(&errs);
	if (!valid_text(&r->arena, &errs, &name_spec, str(r, K_NAME), &name) || name == NULL)
		return account_page(r, "account", "Enter a name (at most 200 characters).", 422,
		    str(r, K_NAME), str(r, K_EMAIL), tz);
	if ((email = orgs_email(&r->arena, str(r, K_EMAIL))) == NULL)
		return account_page(r, "account", "The email must be an address like name@example.com.",
		    422, name, str(r, K_EMAIL), tz);
	if ((e = db_read(&r->arena, &q_tz_ok, DB_ARGS(DB_STR(tz)), &res)) != DB_OK)
		return db_fail(r, e);
	if (*tz == '\0' || db_get_int(&res, 0, 0) != 1)
		return account_page(r, "account", "The time zone must be a name like Europe/Berlin or UTC.",
		    422, name, email, tz);
	e = db_write(&r->arena, &q_account_set, DB_ARGS(DB_STR(name), DB_STR(email), DB_STR(tz),
	    DB_INT(r->who.user_id)), NULL);
	if (e == DB_DUP)
		return account_page(r, "account", "Another account uses that email.", 409, name, email, tz);
	if (e != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/account?saved=1");
}

static int
password_change(struct req *r)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *cur = str(r, K_CURRENT), *pw = str(r, K_PASSWORD), *problem;
	struct db_res res;
	enum db_err e;
	long wait;

	if ((e = throttle_check(&r->arena, "password", r->who.email, r->addr, &wait)) != DB_OK)
		return db_fail(r, e);
	if (wait > 0) {
		req_header(r, "Retry-After", arena_printf(&r->arena, "%ld", wait));
		return account_page(r, "password", "Too many wrong passwords: wait, then try again.",
		    429, NULL, NULL, NULL);
	}
	if ((e = db_read(&r->arena, &q_user_hash, DB_ARGS(DB_INT(r->who.user_id)), &res)) != DB_OK)
		return db_fail(r, e);
	if (res.nrows != 1 || crypto_pwhash_str_verify(db_get(&res, 0, 0), cur, strlen(cur)) != 0) {
		if ((e = throttle_fail(&r->arena, "password", r->who.email, r->addr)) != DB_OK)
			return db_fail(r, e);
		return account_page(r, "password", "The current password is not right; nothing was changed.",
		    403, NULL, NULL, NULL);
	}
	if ((problem = password_problem(pw, str(r, K_PASSWORD2))) != NULL)
		return account_page(r, "password", problem, 422, NULL, NULL, NULL);
	if (auth_hash_password(pw, hash, sizeof hash) != 0)
		return req_error(r, 500, "Out of memory.");
	if ((e = db_begin()) != DB_OK)
		return db_fail(r, e);
	if ((e = db_write(&r->arena, &q_set_password, DB_ARGS(DB_STR(hash), DB_INT(r->who.user_id)),
	    NULL)) != DB_OK || (e = orgs_end_sessions(&r->arena, r->who.user_id, 0,
	    r->who.session_id)) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	throttle_clear(&r->arena, "password", r->who.email);
	return req_redirect(r, 303, "/settings/account?password=1");
}

static int
orgs_get(struct req *r)
{
	struct view_dict *s;
	struct db_res res;
	enum db_err e;
	size_t i;

	if ((e = db_read(&r->arena, &q_my_orgs, DB_ARGS(DB_INT(r->who.user_id)), &res)) != DB_OK)
		return db_fail(r, e);
	req_title(r, "Organizations");
	nav(r, "ORGS");
	for (i = 0; i < res.nrows; i++) {
		s = view_section(r->dict, "MY_ORG");
		view_set(s, "MO_PID", db_get(&res, i, OG_PID));
		view_set(s, "MO_NAME", db_get(&res, i, OG_NAME));
		view_set(s, "MO_ROLE", db_get(&res, i, OG_ROLE));
		view_show(s, strcmp(db_get(&res, i, OG_PID), r->who.org_pid) == 0 ? "MO_CURRENT" : "MO_SWITCH");
	}
	return req_render(r, "settings_orgs.tpl");
}

static int
switch_post(struct req *r)
{
	struct db_res res;
	enum db_err e;

	if ((e = db_read(&r->arena, &q_org_by_pid, DB_ARGS(DB_STR(str(r, K_ORG))), &res)) != DB_OK)
		return db_fail(r, e);
	if (res.nrows == 1 && db_get_int(&res, 0, 0) == r->who.org_id)
		return req_redirect(r, 303, "/leads");
	switch (res.nrows == 1 ? auth_switch(&r->arena, r->who.session_id, db_get_int(&res, 0, 0)) :
	    AUTH_DENIED) {
	case AUTH_OK:
		return req_redirect(r, 303, "/leads");
	case AUTH_DENIED:
		return req_error(r, 404, "There is no such organization.");
	case AUTH_DOWN:
		return db_fail(r, DB_DOWN);
	default:
		return db_fail(r, DB_ERROR);
	}
}

/* ---- members and invitations --------------------------------------------------- */

static int
members_page(struct req *r, const char *link, const char *link_email, const char *error, int status)
{
	struct view_dict *s;
	struct db_res res;
	enum db_err e;
	size_t i;

	if ((e = db_read(&r->arena, &q_members, DB_ARGS(DB_INT(r->who.org_id)), &res)) != DB_OK)
		return db_fail(r, e);
	req_title(r, "Members");
	nav(r, "MEMBERS");
	for (i = 0; i < res.nrows; i++) {
		int active = db_get_int(&res, i, M_ACTIVE) == 1 && db_get_int(&res, i, M_USER_ACTIVE) == 1;
		int admin = strcmp(db_get(&res, i, M_ROLE), "admin") == 0;

		s = view_section(r->dict, "MEMBER");
		view_set(s, "MB_PID", db_get(&res, i, M_PID));
		view_set(s, "MB_NAME", db_get(&res, i, M_NAME));
		view_set(s, "MB_EMAIL", db_get(&res, i, M_EMAIL));
		view_set(s, "MB_ROLE", db_get(&res, i, M_ROLE));
		view_set(s, "MB_OTHER_ROLE", admin ? "user" : "admin");
		view_set(s, "MB_OTHER_ROLE_LABEL", admin ? "Make user" : "Make admin");
		view_show(s, active ? "MB_ACTIVE" : "MB_INACTIVE");
		if (db_get_int(&res, i, M_USER_ACTIVE) == 1)
			view_show(s, active ? "MB_CAN_DEACTIVATE" : "MB_CAN_REACTIVATE");
	}
	if ((e = db_read(&r->arena, &q_invites, DB_ARGS(DB_INT(r->who.org_id)), &res)) != DB_OK)
		return db_fail(r, e);
	for (i = 0; i < res.nrows; i++) {
		s = view_section(r->dict, "INVITATION");
		view_set(s, "IV_PID", db_get(&res, i, I_PID));
		view_set(s, "IV_EMAIL", db_get(&res, i, I_EMAIL));
		view_set(s, "IV_ROLE", db_get(&res, i, I_ROLE));
		view_set(s, "IV_EXPIRES", db_get(&res, i, I_EXPIRES));
	}
	if (res.nrows == 0)
		view_show(r->dict, "NO_INVITATIONS");
	if (link) {
		s = view_section(r->dict, "NEW_LINK");
		view_set(s, "NL_URL", link);
		view_set(s, "NL_EMAIL", link_email);
	}
	if (error)
		view_set(view_section(r->dict, "MEMBERS_ERROR"), "ME_MESSAGE", error);
	view_set(r->dict, "INVITE_EMAIL", error ? str(r, K_EMAIL) : "");
	return render_status(r, "settings_members.tpl", status);
}

static int
members_get(struct req *r)
{
	if (!is_admin(r))
		return refuse_user(r);
	return members_page(r, NULL, NULL, NULL, 200);
}

static const char *
role_of(struct req *r)
{
	const char *role = str(r, K_ROLE);

	return strcmp(role, "admin") == 0 || strcmp(role, "user") == 0 ? role : NULL;
}

static int
invite_new(struct req *r)
{
	char token[AUTH_TOKEN_LEN + 1], pid[IDS_MAXLEN];
	const char *email, *role = role_of(r);
	struct db_res res;
	enum db_err e;

	if (!is_admin(r))
		return refuse_user(r);
	if ((email = orgs_email(&r->arena, str(r, K_EMAIL))) == NULL)
		return members_page(r, NULL, NULL, "The email must be an address like name@example.com.", 422);
	if (role == NULL)
		return members_page(r, NULL, NULL, "The role must be admin or user.", 422);
	if ((e = db_begin()) != DB_OK)
		return db_fail(r, e);
	if ((e = db_read(&r->arena, &q_member_of_email, DB_ARGS(DB_INT(r->who.org_id), DB_STR(email)),
	    &res)) != DB_OK)
		goto fail;
	if (res.nrows > 0) {
		db_rollback();
		return members_page(r, NULL, NULL, db_get_int(&res, 0, 0) == 1 ?
		    "That person is already a member of this organization." :
		    "That person is a deactivated member: reactivate the membership instead.", 409);
	}
	if ((e = db_write(&r->arena, &q_invites_of_email_revoke, DB_ARGS(DB_INT(r->who.org_id),
	    DB_STR(email)), NULL)) != DB_OK ||
	    (e = orgs_link_new(&r->arena, ORGS_LINK_INVITE, 0, r->who.org_id, email, role,
	    r->who.user_id, ORGS_INVITE_TTL, token, pid)) != DB_OK ||
	    (e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "member invited", email, NULL,
	    role)) != DB_OK)
		goto fail;
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return members_page(r, arena_printf(&r->arena, "%s/invite?token=%s", site(r), token), email,
	    NULL, 200);
fail:
	db_rollback();
	return db_fail(r, e);
}

/* Resend (a new link, the old one revoked) or revoke an invitation. */
static int
invite_change(struct req *r, int resend)
{
	char token[AUTH_TOKEN_LEN + 1], pid[IDS_MAXLEN];
	const char *email = NULL, *role = NULL;
	struct db_res res;
	enum db_err e;

	if (!is_admin(r))
		return refuse_user(r);
	if ((e = db_begin()) != DB_OK)
		return db_fail(r, e);
	if ((e = db_read(&r->arena, &q_invite_lock, DB_ARGS(DB_INT(r->who.org_id),
	    DB_STR(str(r, K_INVITE))), &res)) != DB_OK)
		goto fail;
	if (res.nrows != 1) {
		db_rollback();
		return req_error(r, 404, "There is no such invitation.");
	}
	email = arena_strdup(&r->arena, db_get(&res, 0, OI_EMAIL));
	role = arena_strdup(&r->arena, db_get(&res, 0, OI_ROLE));
	if ((e = db_write(&r->arena, &q_invite_revoke, DB_ARGS(DB_INT(r->who.org_id),
	    DB_INT(db_get_int(&res, 0, OI_ID))), NULL)) != DB_OK)
		goto fail;
	if (resend && (e = orgs_link_new(&r->arena, ORGS_LINK_INVITE, 0, r->who.org_id, email, role,
	    r->who.user_id, ORGS_INVITE_TTL, token, pid)) != DB_OK)
		goto fail;
	if ((e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id,
	    resend ? "invitation sent again" : "invitation revoked", email, role, NULL)) != DB_OK)
		goto fail;
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	if (!resend)
		return req_redirect(r, 303, "/settings/members");
	return members_page(r, arena_printf(&r->arena, "%s/invite?token=%s", site(r), token), email,
	    NULL, 200);
fail:
	db_rollback();
	return db_fail(r, e);
}

static int invite_resend(struct req *r) { return invite_change(r, 1); }
static int invite_revoke(struct req *r) { return invite_change(r, 0); }

enum member_op { OP_ROLE, OP_DEACTIVATE, OP_REACTIVATE, OP_REMOVE };

static int
member_change(struct req *r, enum member_op op)
{
	static const char *const what[] = {
		[OP_ROLE] = "member role changed", [OP_DEACTIVATE] = "member deactivated",
		[OP_REACTIVATE] = "member reactivated", [OP_REMOVE] = "member removed",
	};
	const char *role = role_of(r), *name, *old_role;
	struct db_res res;
	long long user;
	int admin_active, loses_admin;
	enum db_err e;

	if (!is_admin(r))
		return refuse_user(r);
	if (op == OP_ROLE && role == NULL)
		return members_page(r, NULL, NULL, "The role must be admin or user.", 422);
	if ((e = db_begin()) != DB_OK)
		return db_fail(r, e);
	if ((e = db_read(&r->arena, &q_admins_lock, DB_ARGS(DB_INT(r->who.org_id)), NULL)) != DB_OK ||
	    (e = db_read(&r->arena, &q_target, DB_ARGS(DB_INT(r->who.org_id), DB_STR(str(r, K_USER))),
	    &res)) != DB_OK)
		goto fail;
	if (res.nrows != 1) {
		db_rollback();
		return req_error(r, 404, "There is no such member.");
	}
	user = db_get_int(&res, 0, T_USER);
	name = arena_strdup(&r->arena, db_get(&res, 0, T_NAME));
	old_role = arena_strdup(&r->arena, db_get(&res, 0, T_ROLE));
	admin_active = strcmp(old_role, "admin") == 0 && db_get_int(&res, 0, T_ACTIVE) == 1;
	loses_admin = admin_active && (op == OP_DEACTIVATE || op == OP_REMOVE ||
	    (op == OP_ROLE && strcmp(role, "admin") != 0));
	if (loses_admin && db_get_int(&res, 0, T_ADMINS) <= 1) {
		db_rollback();
		return members_page(r, NULL, NULL, arena_printf(&r->arena, "%s is the last active admin "
		    "of this organization: make another member admin first. Nothing was changed.", name),
		    409);
	}
	switch (op) {
	case OP_ROLE:
		e = db_write(&r->arena, &q_member_role, DB_ARGS(DB_STR(role), DB_INT(r->who.org_id),
		    DB_INT(user)), NULL);
		break;
	case OP_DEACTIVATE:
	case OP_REACTIVATE:
		e = db_write(&r->arena, &q_member_active, DB_ARGS(DB_INT(op == OP_REACTIVATE),
		    DB_INT(r->who.org_id), DB_INT(user)), NULL);
		break;
	case OP_REMOVE:
		e = db_write(&r->arena, &q_member_remove, DB_ARGS(DB_INT(r->who.org_id), DB_INT(user)), NULL);
		break;
	}
	if (e != DB_OK)
		goto fail;
	/* U4: the sessions acting here end at once */
	if ((op == OP_DEACTIVATE || op == OP_REMOVE) &&
	    (e = orgs_end_sessions(&r->arena, user, r->who.org_id, 0)) != DB_OK)
		goto fail;
	if ((e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, what[op], name,
	    op == OP_ROLE ? old_role : NULL, op == OP_ROLE ? role : NULL)) != DB_OK)
		goto fail;
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	if (user == r->who.user_id && (op == OP_DEACTIVATE || op == OP_REMOVE))
		return req_redirect(r, 303, "/login");
	return req_redirect(r, 303, user == r->who.user_id && op == OP_ROLE ? "/settings/account" :
	    "/settings/members");
fail:
	db_rollback();
	return db_fail(r, e);
}

static int member_role(struct req *r) { return member_change(r, OP_ROLE); }
static int member_deactivate(struct req *r) { return member_change(r, OP_DEACTIVATE); }
static int member_reactivate(struct req *r) { return member_change(r, OP_REACTIVATE); }
static int member_remove(struct req *r) { return member_change(r, OP_REMOVE); }

/* ---- lead and opportunity statuses ---------------------------------------------- */

static const char *const status_types[] = { "active", "won", "lost", NULL };

static int
statuses_page(struct req *r, const struct status_kind *k, const char *error, int status)
{
	struct view_dict *s, *o;
	struct db_res res;
	enum db_err e;
	size_t i, j, t;

	if ((e = db_read(&r->arena, k->list, DB_ARGS(DB_INT(r->who.org_id)), &res)) != DB_OK)
		return db_fail(r, e);
	req_title(r, k->title);
	nav(r, k->nav);
	view_set(r->dict, "KIND_TITLE", k->title);
	view_set(r->dict, "KIND_PATH", k->path);
	view_set(r->dict, "KIND_MANY", k->many);
	if (k->typed) {
		const char *want = error ? str(r, K_TYPE) : "active";
		struct view_dict *nt = view_section(r->dict, "NEW_TYPED");

		for (t = 0; status_types[t]; t++) {
			o = view_section(nt, "NT_OPT");
			view_set(o, "TO_VALUE", status_types[t]);
			if (strcmp(status_types[t], want) == 0)
				view_show(o, "TO_SEL");
		}
	}
	for (i = 0; i < res.nrows; i++) {
		long long uses = db_get_int(&res, i, S_USES);

		s = view_section(r->dict, "LSTATUS");
		view_set(s, "LS_PID", db_get(&res, i, S_PID));
		view_set(s, "LS_LABEL", db_get(&res, i, S_LABEL));
		view_set_int(s, "LS_USES", uses);
		view_set(s, "LS_USES_WORD", uses == 1 ? k->one : k->many);
		view_set(s, "LS_SAVE", k->typed ? "Save" : "Rename");
		if (k->typed) {
			struct view_dict *ty = view_section(s, "LS_TYPED");

			for (t = 0; status_types[t]; t++) {
				o = view_section(ty, "LT_OPT");
				view_set(o, "TO_VALUE", status_types[t]);
				if (strcmp(status_types[t], db_get(&res, i, S_TYPE)) == 0)
					view_show(o, "TO_SEL");
			}
		}
		if (i > 0)
			view_show(s, "LS_UP");
		if (i + 1 < res.nrows)
			view_show(s, "LS_DOWN");
		if (res.nrows > 1) {
			view_show(s, "LS_DELETE");
			for (j = 0; j < res.nrows; j++) {
				if (j == i)
					continue;
				o = view_section(s, "LS_TARGET");
				view_set(o, "LT_PID", db_get(&res, j, S_PID));
				view_set(o, "LT_LABEL", db_get(&res, j, S_LABEL));
			}
		}
	}
	if (error)
		view_set(view_section(r->dict, "STATUS_ERROR"), "SE_MESSAGE", error);
	view_set(r->dict, "NEW_LABEL", error ? str(r, K_LABEL) : "");
	return render_status(r, "settings_statuses.tpl", status);
}

/* A label as typed, trimmed: NULL (and the page's message) when empty or too long. */
static const char *
label_of(struct req *r)
{
	static const struct valid_spec spec = { "label", "Label", VALID_REQUIRED, 100 };
	struct valid_errs errs;
	const char *out = NULL;

	valid_reset(&errs);
	if (!valid_text(&r->arena, &errs, &spec, str(r, K_LABEL), &out))
		return NULL;
	return out;
}

/* The type of an opportunity status as posted: NULL when none of the three. */
static const char *
type_of(struct req *r)
{
	size_t t;

	for (t = 0; status_types[t]; t++)
		if (strcmp(str(r, K_TYPE), status_types[t]) == 0)
			return status_types[t];
	return NULL;
}

/* The label and (opportunity statuses) the type posted; 0, or the page with
 * the reason answered. */
static int
status_input(struct req *r, const struct status_kind *k, const char **label, const char **type)
{
	if ((*label = label_of(r)) == NULL)
		return statuses_page(r, k, "A status needs a label of 1 to 100 characters.", 422);
	*type = NULL;
	if (k->typed && (*type = type_of(r)) == NULL)
		return statuses_page(r, k, "The type must be active, won or lost.", 422);
	return 0;
}

static const char *
typed_label(struct req *r, const struct status_kind *k, const char *label, const char *type)
{
	return k->typed ? arena_printf(&r->arena, "%s (%s)", label, type) : label;
}

static int
status_add(struct req *r, const struct status_kind *k)
{
	const char *label, *type;
	char pid[IDS_MAXLEN];
	enum db_err e;
	int st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((st = status_input(r, k, &label, &type)) != 0)
		return st;
	if (ids_new("stat_", pid) != 0 || (e = db_begin()) != DB_OK)
		return db_fail(r, DB_ERROR);
	if (k->typed)
		e = db_write(&r->arena, k->add, DB_ARGS(DB_STR(pid), DB_INT(r->who.org_id),
		    DB_STR(label), DB_STR(type), DB_INT(r->who.org_id)), NULL);
	else
		e = db_write(&r->arena, k->add, DB_ARGS(DB_STR(pid), DB_INT(r->who.org_id),
		    DB_STR(label), DB_INT(r->who.org_id)), NULL);
	if (e == DB_OK)
		e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id,
		    arena_printf(&r->arena, "%s added", k->what), label, NULL,
		    typed_label(r, k, label, type));
	if (e != DB_OK) {
		db_rollback();
		if (e == DB_DUP)
			return statuses_page(r, k, arena_printf(&r->arena, "A status \"%s\" exists already.",
			    label), 409);
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, k->path);
}

/* The organization's statuses, locked, and the index of the one named by key
 * kk in them: 0, or the status answered (404 when it is none of them). */
static int
lock_statuses(struct req *r, const struct status_kind *k, int kk, struct db_res *res, size_t *at)
{
	enum db_err e;
	size_t i;

	if ((e = db_begin()) != DB_OK)
		return db_fail(r, e);
	if ((e = db_read(&r->arena, k->lock, DB_ARGS(DB_INT(r->who.org_id)), res)) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	for (i = 0; i < res->nrows; i++) {
		if (strcmp(db_get(res, i, S_PID), str(r, kk)) == 0) {
			*at = i;
			return 0;
		}
	}
	db_rollback();
	return req_error(r, 404, "There is no such status.");
}

/* Rename; an opportunity status also takes its type. */
static int
status_change(struct req *r, const struct status_kind *k)
{
	const char *label, *type, *old;
	struct db_res res;
	enum db_err e;
	long long id;
	size_t i;
	int st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((st = status_input(r, k, &label, &type)) != 0)
		return st;
	if ((st = lock_statuses(r, k, K_STATUS, &res, &i)) != 0)
		return st;
	id = db_get_int(&res, i, S_ID);
	old = typed_label(r, k, db_get(&res, i, S_LABEL), db_get(&res, i, S_TYPE));
	if (k->typed)
		e = db_write(&r->arena, k->change, DB_ARGS(DB_STR(label), DB_STR(type),
		    DB_INT(r->who.org_id), DB_INT(id)), NULL);
	else
		e = db_write(&r->arena, k->change, DB_ARGS(DB_STR(label), DB_INT(r->who.org_id),
		    DB_INT(id)), NULL);
	if (e == DB_OK)
		e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id,
		    arena_printf(&r->arena, "%s %s", k->what, k->typed ? "changed" : "renamed"), label,
		    old, typed_label(r, k, label, type));
	if (e != DB_OK) {
		db_rollback();
		if (e == DB_DUP)
			return statuses_page(r, k, arena_printf(&r->arena, "A status \"%s\" exists already.",
			    label), 409);
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, k->path);
}

static int
status_move(struct req *r, const struct status_kind *k)
{
	const char *dir = str(r, K_DIR);
	struct db_res res;
	enum db_err e;
	size_t i, other;
	int st, up = strcmp(dir, "up") == 0;

	if (!is_admin(r))
		return refuse_user(r);
	if (!up && strcmp(dir, "down") != 0)
		return statuses_page(r, k, "The direction must be up or down.", 422);
	if ((st = lock_statuses(r, k, K_STATUS, &res, &i)) != 0)
		return st;
	if ((up && i == 0) || (!up && i + 1 >= res.nrows)) {
		db_rollback();
		return req_redirect(r, 303, k->path);
	}
	other = up ? i - 1 : i + 1;
	if ((e = renumber(r, &res, S_ID, i, other, k->position)) != DB_OK)
		goto fail;
	if ((e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id,
	    arena_printf(&r->arena, "%s moved", k->what), db_get(&res, i, S_LABEL),
	    arena_printf(&r->arena, "%zu", i + 1), arena_printf(&r->arena, "%zu", other + 1))) != DB_OK)
		goto fail;
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, k->path);
fail:
	db_rollback();
	return db_fail(r, e);
}

/* Deletes a status after moving what has it to `to`, each move a status
 * change activity of its lead; one transaction. */
static int
status_delete(struct req *r, const struct status_kind *k)
{
	struct db_res res, uses;
	const char *label, *to_label = NULL;
	long long id, to = 0;
	char acti[IDS_MAXLEN];
	enum db_err e;
	size_t i, j;
	int st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((st = lock_statuses(r, k, K_STATUS, &res, &i)) != 0)
		return st;
	id = db_get_int(&res, i, S_ID);
	label = db_get(&res, i, S_LABEL);
	for (j = 0; j < res.nrows; j++) {
		if (j != i && strcmp(db_get(&res, j, S_PID), str(r, K_TO)) == 0) {
			to = db_get_int(&res, j, S_ID);
			to_label = db_get(&res, j, S_LABEL);
		}
	}
	if (to == 0) {
		db_rollback();
		return statuses_page(r, k, res.nrows < 2 ? arena_printf(&r->arena, "The last status "
		    "cannot be deleted: %s always has one.", k->typed ? "an opportunity" : "a lead") :
		    arena_printf(&r->arena, "Choose another status for its %s; nothing was changed.",
		    k->many), 422);
	}
	if ((e = db_read(&r->arena, k->uses, DB_ARGS(DB_INT(r->who.org_id), DB_INT(id)),
	    &uses)) != DB_OK)
		goto fail;
	for (j = 0; j < uses.nrows; j++) {
		long long one = db_get_int(&uses, j, U_ID), lead = db_get_int(&uses, j, U_LEAD);

		if (ids_new("acti_", acti) != 0) {
			e = DB_ERROR;
			goto fail;
		}
		if (k->typed)
			e = db_write(&r->arena, k->move, DB_ARGS(DB_INT(to), DB_INT(r->who.org_id),
			    DB_INT(one)), NULL);
		else
			e = db_write(&r->arena, k->move, DB_ARGS(DB_INT(to), DB_INT(r->who.user_id),
			    DB_INT(r->who.org_id), DB_INT(one)), NULL);
		if (e != DB_OK ||
		    (e = db_write(&r->arena, k->move_activity, DB_ARGS(DB_STR(acti),
		    DB_INT(r->who.org_id), DB_INT(lead), DB_INT(r->who.user_id),
		    k->typed ? DB_INT(one) : DB_NULL, db_is_null(&uses, j, U_CONTACT) ? DB_NULL :
		    DB_INT(db_get_int(&uses, j, U_CONTACT)), DB_INT(to), DB_STR(label),
		    DB_STR(to_label)), NULL)) != DB_OK ||
		    (e = counts_add(&r->arena, r->who.org_id, lead, k->activity, 0, 1)) != DB_OK)
			goto fail;
	}
	if ((e = db_write(&r->arena, k->del, DB_ARGS(DB_INT(r->who.org_id), DB_INT(id)),
	    NULL)) != DB_OK ||
	    (e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id,
	    arena_printf(&r->arena, "%s deleted", k->what), label, label,
	    arena_printf(&r->arena, "%zu %s moved to %s", uses.nrows,
	    uses.nrows == 1 ? k->one : k->many, to_label))) != DB_OK)
		goto fail;
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, k->path);
fail:
	db_rollback();
	return db_fail(r, e);
}

static int
statuses_get(struct req *r, const struct status_kind *k)
{
	if (!is_admin(r))
		return refuse_user(r);
	return statuses_page(r, k, NULL, 200);
}

static int lstatuses_get(struct req *r) { return statuses_get(r, &lead_kind); }
static int lstatus_add(struct req *r) { return status_add(r, &lead_kind); }
static int lstatus_rename(struct req *r) { return status_change(r, &lead_kind); }
static int lstatus_move(struct req *r) { return status_move(r, &lead_kind); }
static int lstatus_delete(struct req *r) { return status_delete(r, &lead_kind); }
static int ostatuses_get(struct req *r) { return statuses_get(r, &opp_kind); }
static int ostatus_add(struct req *r) { return status_add(r, &opp_kind); }
static int ostatus_change(struct req *r) { return status_change(r, &opp_kind); }
static int ostatus_move(struct req *r) { return status_move(r, &opp_kind); }
static int ostatus_delete(struct req *r) { return status_delete(r, &opp_kind); }

/* ---- custom fields ------------------------------------------------------------ */

static const char *const field_types[] = {
	"text", "textarea", "number", "date", "datetime", "choices", "user", "url", NULL,
};

static const char *
field_noun(long long n)
{
	return n == 1 ? "value" : "values";
}

static int
fields_page(struct req *r, const char *error, int status)
{
	struct view_dict *s, *o;
	struct db_res res;
	enum db_err e;
	const char *want = error ? str(r, K_TYPE) : "text";
	size_t i, t;

	if ((e = db_read(&r->arena, &q_fields, DB_ARGS(DB_INT(r->who.org_id)), &res)) != DB_OK)
		return db_fail(r, e);
	req_title(r, "Custom fields");
	nav(r, "FIELDS");
	for (t = 0; field_types[t]; t++) {
		o = view_section(r->dict, "NF_TYPE");
		view_set(o, "FT_VALUE", field_types[t]);
		if (strcmp(field_types[t], want) == 0)
			view_show(o, "FT_SEL");
	}
	if (error) {
		view_set(view_section(r->dict, "FIELD_ERROR"), "FE_MESSAGE", error);
		view_set(r->dict, "NEW_NAME", str(r, K_NAME));
		view_set(r->dict, "NEW_CHOICES", str(r, K_CHOICES));
		if (req_str(r, K_MULTIPLE) != NULL)
			view_show(r->dict, "NEW_MULTIPLE");
	}
	for (i = 0; i < res.nrows; i++) {
		long long uses = db_get_int(&res, i, F_USES);
		int choices = strcmp(db_get(&res, i, F_TYPE), "choices") == 0;

		s = view_section(r->dict, "FIELD");
		view_set(s, "F_PID", db_get(&res, i, F_PID));
		view_set(s, "F_NAME", db_get(&res, i, F_NAME));
		view_set(s, "F_TYPE", choices && db_get_int(&res, i, F_MULTIPLE) ?
		    "choices, several" : db_get(&res, i, F_TYPE));
		view_set_int(s, "F_USES", uses);
		view_set(s, "F_USES_WORD", field_noun(uses));
		if (choices)
			view_set(view_section(s, "F_CHOICES"), "F_CHOICE_LINES",
			    db_is_null(&res, i, F_CHOICES) ? "" : db_get(&res, i, F_CHOICES));
		if (i > 0)
			view_show(s, "F_UP");
		if (i + 1 < res.nrows)
			view_show(s, "F_DOWN");
	}
	if (res.nrows == 0)
		view_show(r->dict, "NO_FIELDS");
	return render_status(r, "settings_fields.tpl", status);
}

static int
fields_get(struct req *r)
{
	if (!is_admin(r))
		return refuse_user(r);
	return fields_page(r, NULL, 200);
}

/* A field's name as typed, trimmed: NULL when empty or too long. */
static const char *
field_name_of(struct req *r)
{
	static const struct valid_spec spec = { "name", "Name", VALID_REQUIRED, 100 };
	struct valid_errs errs;
	const char *out = NULL;

	valid_reset(&errs);
	if (!valid_text(&r->arena, &errs, &spec, str(r, K_NAME), &out))
		return NULL;
	return out;
}

/* The choices posted, one per line: trimmed, empty lines and repeats dropped,
 * joined by LF. NULL and *why when none is left or one is too long. */
static const char *
choices_of(struct req *r, const char **why)
{
	const char *p = str(r, K_CHOICES), *out = "";
	size_t n, m, count = 0;

	while (*p != '\0') {
		const char *line, *q;

		n = strcspn(p, "\r\n");
		q = p;
		m = n;
		while (m > 0 && (*q == ' ' || *q == '\t')) {
			q++;
			m--;
		}
		while (m > 0 && (q[m - 1] == ' ' || q[m - 1] == '\t'))
			m--;
		p += n;
		while (*p == '\r' || *p == '\n')
			p++;
		if (m == 0)
			continue;
		if (m > 200) {
			*why = "A choice is at most 200 characters long.";
			return NULL;
		}
		line = arena_strndup(&r->arena, q, m);
		if (strstr(arena_printf(&r->arena, "\n%s\n", out), arena_printf(&r->arena, "\n%s\n", line)))
			continue;
		out = count++ == 0 ? line : arena_printf(&r->arena, "%s\n%s", out, line);
	}
	if (count == 0) {
		*why = "A choices field needs at least one choice, one per line.";
		return NULL;
	}
	return out;
}

/* The first choice of old that choices drops while something holds it: DB_OK
 * with *line and *holders (0: none), counted by q (org, field, value). */
static enum db_err
choice_held(struct req *r, const char *old, const char *choices, struct db_sql *q, long long field,
    const char **line, long long *holders)
{
	struct db_res cnt;
	enum db_err e;
	const char *p;
	size_t n;

	*holders = 0;
	for (p = old; *p != '\0'; p += n + (p[n] == '\n')) {
		n = strcspn(p, "\n");
		*line = arena_strndup(&r->arena, p, n);
		if (strstr(arena_printf(&r->arena, "\n%s\n", choices), arena_printf(&r->arena, "\n%s\n", *line)))
			continue;
		if ((e = db_read(&r->arena, q, DB_ARGS(DB_INT(r->who.org_id), DB_INT(field), DB_STR(*line)),
		    &cnt)) != DB_OK)
			return e;
		if ((*holders = db_get_int(&cnt, 0, 0)) > 0)
			return DB_OK;
	}
	return DB_OK;
}

static int
field_add(struct req *r)
{
	const char *name, *type = NULL, *choices = NULL, *why = NULL;
	char pid[IDS_MAXLEN];
	enum db_err e;
	int multiple = 0;
	size_t t;

	if (!is_admin(r))
		return refuse_user(r);
	if ((name = field_name_of(r)) == NULL)
		return fields_page(r, "A field needs a name of 1 to 100 characters.", 422);
	for (t = 0; field_types[t]; t++)
		if (strcmp(str(r, K_TYPE), field_types[t]) == 0)
			type = field_types[t];
	if (type == NULL)
		return fields_page(r, "Choose the field's type from the list.", 422);
	if (strcmp(type, "choices") == 0) {
		if ((choices = choices_of(r, &why)) == NULL)
			return fields_page(r, why, 422);
		multiple = req_str(r, K_MULTIPLE) != NULL;
	}
	if (ids_new("cf_", pid) != 0 || (e = db_begin()) != DB_OK)
		return db_fail(r, DB_ERROR);
	e = db_write(&r->arena, &q_field_new, DB_ARGS(DB_STR(pid), DB_INT(r->who.org_id), DB_STR(name),
	    DB_STR(type), DB_INT(multiple), choices ? DB_STR(choices) : DB_NULL,
	    DB_INT(r->who.org_id)), NULL);
	if (e == DB_OK)
		e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "custom field added", name,
		    NULL, arena_printf(&r->arena, "%s (%s%s)", name, type, multiple ? ", several" : ""));
	if (e != DB_OK) {
		db_rollback();
		if (e == DB_DUP)
			return fields_page(r, arena_printf(&r->arena, "A field \"%s\" exists already.",
			    name), 409);
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/custom-fields");
}

/* The organization's fields, locked, and the index of the one posted as
 * `field`: 0, or the status answered (404 when it is none of them). */
static int
lock_fields(struct req *r, struct db_res *res, size_t *at)
{
	enum db_err e;
	size_t i;

	if ((e = db_begin()) != DB_OK)
		return db_fail(r, e);
	if ((e = db_read(&r->arena, &q_fields_lock, DB_ARGS(DB_INT(r->who.org_id)), res)) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	for (i = 0; i < res->nrows; i++) {
		if (strcmp(db_get(res, i, F_PID), str(r, K_FIELD)) == 0) {
			*at = i;
			return 0;
		}
	}
	db_rollback();
	return req_error(r, 404, "There is no such custom field.");
}

static int
field_rename(struct req *r)
{
	const char *name, *old;
	struct db_res res;
	enum db_err e;
	size_t i;
	int st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((name = field_name_of(r)) == NULL)
		return fields_page(r, "A field needs a name of 1 to 100 characters.", 422);
	if ((st = lock_fields(r, &res, &i)) != 0)
		return st;
	old = db_get(&res, i, F_NAME);
	e = db_write(&r->arena, &q_field_rename, DB_ARGS(DB_STR(name), DB_INT(r->who.org_id),
	    DB_INT(db_get_int(&res, i, F_ID))), NULL);
	if (e == DB_OK)
		e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "custom field renamed", name,
		    old, name);
	if (e != DB_OK) {
		db_rollback();
		if (e == DB_DUP)
			return fields_page(r, arena_printf(&r->arena, "A field \"%s\" exists already.",
			    name), 409);
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/custom-fields");
}

/* New choices of a choices field. A choice that leads still hold cannot be
 * removed (the page says how many hold it): nothing is dropped unseen. */
static int
field_choices(struct req *r)
{
	const char *choices, *why = NULL, *old, *line = NULL;
	struct db_res res;
	enum db_err e;
	long long id, k;
	size_t i;
	int st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((st = lock_fields(r, &res, &i)) != 0)
		return st;
	if (strcmp(db_get(&res, i, F_TYPE), "choices") != 0) {
		db_rollback();
		return fields_page(r, arena_printf(&r->arena, "\"%s\" is a %s field: it has no choices.",
		    db_get(&res, i, F_NAME), db_get(&res, i, F_TYPE)), 422);
	}
	if ((choices = choices_of(r, &why)) == NULL) {
		db_rollback();
		return fields_page(r, why, 422);
	}
	id = db_get_int(&res, i, F_ID);
	old = db_is_null(&res, i, F_CHOICES) ? "" : db_get(&res, i, F_CHOICES);
	if ((e = choice_held(r, old, choices, &q_field_choice_uses, id, &line, &k)) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	if (k > 0) {
		db_rollback();
		return fields_page(r, arena_printf(&r->arena, "The choice \"%s\" of \"%s\" is the "
		    "value of %lld lead%s: change %s first; nothing was changed.", line,
		    db_get(&res, i, F_NAME), k, k == 1 ? "" : "s", k == 1 ? "it" : "them"), 409);
	}
	if ((e = db_write(&r->arena, &q_field_choices, DB_ARGS(DB_STR(choices), DB_INT(r->who.org_id),
	    DB_INT(id)), NULL)) != DB_OK ||
	    (e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "custom field choices changed",
	    db_get(&res, i, F_NAME), old, choices)) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/custom-fields");
}

static int
field_move(struct req *r)
{
	const char *dir = str(r, K_DIR);
	struct db_res res;
	enum db_err e;
	size_t i, other;
	int st, up = strcmp(dir, "up") == 0;

	if (!is_admin(r))
		return refuse_user(r);
	if (!up && strcmp(dir, "down") != 0)
		return fields_page(r, "The direction must be up or down.", 422);
	if ((st = lock_fields(r, &res, &i)) != 0)
		return st;
	if ((up && i == 0) || (!up && i + 1 >= res.nrows)) {
		db_rollback();
		return req_redirect(r, 303, "/settings/custom-fields");
	}
	other = up ? i - 1 : i + 1;
	if ((e = renumber(r, &res, F_ID, i, other, &q_field_position)) != DB_OK ||
	    (e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "custom field moved",
	    db_get(&res, i, F_NAME), arena_printf(&r->arena, "%zu", i + 1),
	    arena_printf(&r->arena, "%zu", other + 1))) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/custom-fields");
}

/* The confirmation: what goes with the field, counted. */
static int
field_delete_get(struct req *r)
{
	struct db_res res;
	enum db_err e;
	size_t i;

	if (!is_admin(r))
		return refuse_user(r);
	if ((e = db_read(&r->arena, &q_fields, DB_ARGS(DB_INT(r->who.org_id)), &res)) != DB_OK)
		return db_fail(r, e);
	for (i = 0; i < res.nrows; i++)
		if (strcmp(db_get(&res, i, F_PID), str(r, K_FIELD)) == 0)
			break;
	if (i == res.nrows)
		return req_error(r, 404, "There is no such custom field.");
	req_title(r, "Delete a custom field");
	nav(r, "FIELDS");
	view_show(r->dict, "OF_LEAD");
	view_set(r->dict, "DEL_PATH", "/settings/custom-fields/delete");
	view_set(r->dict, "BACK_PATH", "/settings/custom-fields");
	view_set(r->dict, "F_PID", db_get(&res, i, F_PID));
	view_set(r->dict, "F_NAME", db_get(&res, i, F_NAME));
	view_set_int(r->dict, "F_USES", db_get_int(&res, i, F_USES));
	view_set(r->dict, "F_USES_WORD", field_noun(db_get_int(&res, i, F_USES)));
	view_set_int(r->dict, "F_LEADS", db_get_int(&res, i, F_LEADS));
	view_set(r->dict, "F_LEADS_WORD", db_get_int(&res, i, F_LEADS) == 1 ? "lead" : "leads");
	return req_render(r, "settings_field_delete.tpl");
}

static int
field_delete(struct req *r)
{
	struct db_res res;
	enum db_err e;
	long long id;
	size_t i;
	int st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((st = lock_fields(r, &res, &i)) != 0)
		return st;
	id = db_get_int(&res, i, F_ID);
	if ((e = db_read(&r->arena, &q_field_uses, DB_ARGS(DB_INT(r->who.org_id), DB_INT(id)),
	    &res)) != DB_OK)
		goto fail;
	if ((e = db_write(&r->arena, &q_field_values_delete, DB_ARGS(DB_INT(r->who.org_id),
	    DB_INT(id)), NULL)) != DB_OK ||
	    (e = db_write(&r->arena, &q_field_delete, DB_ARGS(DB_INT(r->who.org_id), DB_INT(id)),
	    NULL)) != DB_OK ||
	    (e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "custom field deleted",
	    db_get(&res, 0, 0), db_get(&res, 0, 0), arena_printf(&r->arena, "%lld %s deleted",
	    db_get_int(&res, 0, 1), field_noun(db_get_int(&res, 0, 1))))) != DB_OK)
		goto fail;
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/custom-fields");
fail:
	db_rollback();
	return db_fail(r, e);
}

/* ---- custom activity types and their fields ------------------------------------ */

static const char *
uses_word(long long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static int
atypes_page(struct req *r, const char *error, int status)
{
	struct view_dict *s, *f, *o;
	struct db_res types, fields;
	enum db_err e;
	size_t i, j, t, first, n;

	if ((e = db_read(&r->arena, &q_atypes, DB_ARGS(DB_INT(r->who.org_id)), &types)) != DB_OK ||
	    (e = db_read(&r->arena, &q_afields, DB_ARGS(DB_INT(r->who.org_id)), &fields)) != DB_OK)
		return db_fail(r, e);
	req_title(r, "Custom activity types");
	nav(r, "ATYPES");
	if (error)
		view_set(view_section(r->dict, "AT_ERROR"), "AE_MESSAGE", error);
	view_set(r->dict, "NEW_ATYPE", error && req_str(r, K_ATYPE) == NULL ? str(r, K_NAME) : "");
	for (i = 0; i < types.nrows; i++) {
		long long id = db_get_int(&types, i, AT_ID), uses = db_get_int(&types, i, AT_USES);
		int again = error && strcmp(str(r, K_ATYPE), db_get(&types, i, AT_PID)) == 0 &&
		    req_str(r, K_FIELD) == NULL;

		s = view_section(r->dict, "ATYPE");
		view_set(s, "T_PID", db_get(&types, i, AT_PID));
		view_set(s, "T_NAME", db_get(&types, i, AT_NAME));
		view_set(s, "T_DESC", db_is_null(&types, i, AT_DESC) ? "" : db_get(&types, i, AT_DESC));
		view_set_int(s, "T_USES", uses);
		view_set(s, "T_USES_WORD", uses_word(uses, "activity", "activities"));
		view_show(s, uses == 0 ? "T_DELETABLE" : "T_KEPT");
		view_set(s, "NEW_FNAME", again ? str(r, K_NAME) : "");
		view_set(s, "NEW_FCHOICES", again ? str(r, K_CHOICES) : "");
		for (t = 0; field_types[t]; t++) {
			o = view_section(s, "T_FTYPE");
			view_set(o, "FT_VALUE", field_types[t]);
			if (strcmp(field_types[t], again ? str(r, K_TYPE) : "text") == 0)
				view_show(o, "FT_SEL");
		}
		for (first = 0; first < fields.nrows && db_get_int(&fields, first, AF_TYPE_ID) != id; first++)
			;
		for (n = 0; first + n < fields.nrows && db_get_int(&fields, first + n, AF_TYPE_ID) == id; n++)
			;
		for (j = first; j < first + n; j++) {
			long long fu = db_get_int(&fields, j, AF_USES);

			f = view_section(s, "AFIELD");
			view_set(f, "F_PID", db_get(&fields, j, AF_PID));
			view_set(f, "F_NAME", db_get(&fields, j, AF_NAME));
			view_set(f, "F_TYPE", db_get(&fields, j, AF_TYPE));
			view_set_int(f, "F_USES", fu);
			view_set(f, "F_USES_WORD", field_noun(fu));
			if (strcmp(db_get(&fields, j, AF_TYPE), "choices") == 0)
				view_set(view_section(f, "F_CHOICES"), "F_CHOICE_LINES",
				    db_is_null(&fields, j, AF_CHOICES) ? "" : db_get(&fields, j, AF_CHOICES));
			if (j > first)
				view_show(f, "F_UP");
			if (j + 1 < first + n)
				view_show(f, "F_DOWN");
		}
		if (n == 0)
			view_show(s, "T_NO_FIELDS");
	}
	if (types.nrows == 0)
		view_show(r->dict, "NO_ATYPES");
	return render_status(r, "settings_atypes.tpl", status);
}

static int
atypes_get(struct req *r)
{
	if (!is_admin(r))
		return refuse_user(r);
	return atypes_page(r, NULL, 200);
}

/* The description posted: trimmed, NULL when empty; *bad when too long. */
static const char *
description_of(struct req *r, int *bad)
{
	static const struct valid_spec spec = { "description", "Description", VALID_MULTILINE, 2000 };
	struct valid_errs errs;
	const char *out = NULL;

	valid_reset(&errs);
	*bad = !valid_text(&r->arena, &errs, &spec, str(r, K_DESCRIPTION), &out);
	return out && *out ? out : NULL;
}

static int
atype_add(struct req *r)
{
	const char *name, *desc;
	char pid[IDS_MAXLEN];
	enum db_err e;
	int bad;

	if (!is_admin(r))
		return refuse_user(r);
	if ((name = field_name_of(r)) == NULL)
		return atypes_page(r, "An activity type needs a name of 1 to 100 characters.", 422);
	desc = description_of(r, &bad);
	if (bad)
		return atypes_page(r, "A description is at most 2,000 characters long.", 422);
	if (ids_new("actitype_", pid) != 0 || (e = db_begin()) != DB_OK)
		return db_fail(r, DB_ERROR);
	e = db_write(&r->arena, &q_atype_new, DB_ARGS(DB_STR(pid), DB_INT(r->who.org_id), DB_STR(name),
	    desc ? DB_STR(desc) : DB_NULL), NULL);
	if (e == DB_OK)
		e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "activity type added", name,
		    NULL, name);
	if (e != DB_OK) {
		db_rollback();
		if (e == DB_DUP)
			return atypes_page(r, arena_printf(&r->arena, "An activity type \"%s\" exists "
			    "already.", name), 409);
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/activity-types");
}

/* The activity type posted as `atype`, locked: 0, or the status answered. */
static int
lock_atype(struct req *r, struct db_res *res)
{
	enum db_err e;

	if ((e = db_begin()) != DB_OK)
		return db_fail(r, e);
	if ((e = db_read(&r->arena, &q_atype_lock, DB_ARGS(DB_INT(r->who.org_id),
	    DB_STR(str(r, K_ATYPE))), res)) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	if (res->nrows == 0) {
		db_rollback();
		return req_error(r, 404, "There is no such activity type.");
	}
	return 0;
}

static int
atype_rename(struct req *r)
{
	const char *name, *desc;
	struct db_res res;
	enum db_err e;
	int bad, st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((name = field_name_of(r)) == NULL)
		return atypes_page(r, "An activity type needs a name of 1 to 100 characters.", 422);
	desc = description_of(r, &bad);
	if (bad)
		return atypes_page(r, "A description is at most 2,000 characters long.", 422);
	if ((st = lock_atype(r, &res)) != 0)
		return st;
	e = db_write(&r->arena, &q_atype_change, DB_ARGS(DB_STR(name), desc ? DB_STR(desc) : DB_NULL,
	    DB_INT(r->who.org_id), DB_INT(db_get_int(&res, 0, AT_ID))), NULL);
	if (e == DB_OK)
		e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "activity type changed", name,
		    db_get(&res, 0, AT_NAME), name);
	if (e != DB_OK) {
		db_rollback();
		if (e == DB_DUP)
			return atypes_page(r, arena_printf(&r->arena, "An activity type \"%s\" exists "
			    "already.", name), 409);
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/activity-types");
}

/* A type that lead histories hold (in the trash too) is not deleted. */
static int
atype_delete(struct req *r)
{
	struct db_res res;
	enum db_err e;
	long long id, uses;
	int st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((st = lock_atype(r, &res)) != 0)
		return st;
	id = db_get_int(&res, 0, AT_ID);
	if ((uses = db_get_int(&res, 0, AT_USES)) > 0) {
		db_rollback();
		return atypes_page(r, arena_printf(&r->arena, "\"%s\" is the type of %lld "
		    "%s in lead histories (the trash included): it stays while they do; nothing was "
		    "changed.", db_get(&res, 0, AT_NAME), uses, uses_word(uses, "activity",
		    "activities")), 409);
	}
	if ((e = db_write(&r->arena, &q_atype_fields_delete, DB_ARGS(DB_INT(r->who.org_id),
	    DB_INT(id)), NULL)) != DB_OK ||
	    (e = db_write(&r->arena, &q_atype_delete, DB_ARGS(DB_INT(r->who.org_id), DB_INT(id)),
	    NULL)) != DB_OK ||
	    (e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "activity type deleted",
	    db_get(&res, 0, AT_NAME), db_get(&res, 0, AT_NAME), NULL)) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/activity-types");
}

static int
afield_add(struct req *r)
{
	const char *name, *type = NULL, *choices = NULL, *why = NULL;
	struct db_res res;
	char pid[IDS_MAXLEN];
	enum db_err e;
	long long id;
	size_t t;
	int st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((name = field_name_of(r)) == NULL)
		return atypes_page(r, "A field needs a name of 1 to 100 characters.", 422);
	for (t = 0; field_types[t]; t++)
		if (strcmp(str(r, K_TYPE), field_types[t]) == 0)
			type = field_types[t];
	if (type == NULL)
		return atypes_page(r, "Choose the field's type from the list.", 422);
	if (strcmp(type, "choices") == 0 && (choices = choices_of(r, &why)) == NULL)
		return atypes_page(r, why, 422);
	if ((st = lock_atype(r, &res)) != 0)
		return st;
	id = db_get_int(&res, 0, AT_ID);
	if (ids_new("cf_", pid) != 0) {
		db_rollback();
		return db_fail(r, DB_ERROR);
	}
	e = db_write(&r->arena, &q_afield_new, DB_ARGS(DB_STR(pid), DB_INT(r->who.org_id), DB_INT(id),
	    DB_STR(name), DB_STR(type), choices ? DB_STR(choices) : DB_NULL, DB_INT(r->who.org_id),
	    DB_INT(id)), NULL);
	if (e == DB_OK)
		e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "activity field added",
		    arena_printf(&r->arena, "%s: %s", db_get(&res, 0, AT_NAME), name), NULL,
		    arena_printf(&r->arena, "%s (%s)", name, type));
	if (e != DB_OK) {
		db_rollback();
		if (e == DB_DUP)
			return atypes_page(r, arena_printf(&r->arena, "\"%s\" has a field \"%s\" already.",
			    db_get(&res, 0, AT_NAME), name), 409);
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/activity-types");
}

/* The fields of the type of the field posted as `field`, locked, and its
 * index among them: 0, or the status answered. */
static int
lock_afields(struct req *r, struct db_res *res, size_t *at)
{
	enum db_err e;
	size_t i;

	if ((e = db_begin()) != DB_OK)
		return db_fail(r, e);
	if ((e = db_read(&r->arena, &q_afields_lock, DB_ARGS(DB_INT(r->who.org_id),
	    DB_INT(r->who.org_id), DB_STR(str(r, K_FIELD))), res)) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	for (i = 0; i < res->nrows; i++) {
		if (strcmp(db_get(res, i, AF_PID), str(r, K_FIELD)) == 0) {
			*at = i;
			return 0;
		}
	}
	db_rollback();
	return req_error(r, 404, "There is no such activity field.");
}

static const char *
afield_label(struct req *r, const struct db_res *res, size_t i)
{
	return arena_printf(&r->arena, "%s: %s", db_get(res, i, AF_ATYPE), db_get(res, i, AF_NAME));
}

static int
afield_rename(struct req *r)
{
	const char *name;
	struct db_res res;
	enum db_err e;
	size_t i;
	int st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((name = field_name_of(r)) == NULL)
		return atypes_page(r, "A field needs a name of 1 to 100 characters.", 422);
	if ((st = lock_afields(r, &res, &i)) != 0)
		return st;
	e = db_write(&r->arena, &q_afield_rename, DB_ARGS(DB_STR(name), DB_INT(r->who.org_id),
	    DB_INT(db_get_int(&res, i, AF_ID))), NULL);
	if (e == DB_OK)
		e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "activity field renamed",
		    afield_label(r, &res, i), db_get(&res, i, AF_NAME), name);
	if (e != DB_OK) {
		db_rollback();
		if (e == DB_DUP)
			return atypes_page(r, arena_printf(&r->arena, "\"%s\" has a field \"%s\" already.",
			    db_get(&res, i, AF_ATYPE), name), 409);
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/activity-types");
}

static int
afield_choices(struct req *r)
{
	const char *choices, *why = NULL, *old, *line = NULL;
	struct db_res res;
	enum db_err e;
	long long id, k;
	size_t i;
	int st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((st = lock_afields(r, &res, &i)) != 0)
		return st;
	if (strcmp(db_get(&res, i, AF_TYPE), "choices") != 0) {
		db_rollback();
		return atypes_page(r, arena_printf(&r->arena, "\"%s\" is a %s field: it has no choices.",
		    db_get(&res, i, AF_NAME), db_get(&res, i, AF_TYPE)), 422);
	}
	if ((choices = choices_of(r, &why)) == NULL) {
		db_rollback();
		return atypes_page(r, why, 422);
	}
	id = db_get_int(&res, i, AF_ID);
	old = db_is_null(&res, i, AF_CHOICES) ? "" : db_get(&res, i, AF_CHOICES);
	if ((e = choice_held(r, old, choices, &q_afield_choice_uses, id, &line, &k)) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	if (k > 0) {
		db_rollback();
		return atypes_page(r, arena_printf(&r->arena, "The choice \"%s\" of \"%s\" is the "
		    "value of %lld %s: change %s first; nothing was changed.", line,
		    db_get(&res, i, AF_NAME), k, uses_word(k, "activity", "activities"),
		    k == 1 ? "it" : "them"), 409);
	}
	if ((e = db_write(&r->arena, &q_afield_choices, DB_ARGS(DB_STR(choices), DB_INT(r->who.org_id),
	    DB_INT(id)), NULL)) != DB_OK ||
	    (e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "activity field choices changed",
	    afield_label(r, &res, i), old, choices)) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/activity-types");
}

static int
afield_move(struct req *r)
{
	const char *dir = str(r, K_DIR);
	struct db_res res;
	enum db_err e;
	size_t i, other;
	int st, up = strcmp(dir, "up") == 0;

	if (!is_admin(r))
		return refuse_user(r);
	if (!up && strcmp(dir, "down") != 0)
		return atypes_page(r, "The direction must be up or down.", 422);
	if ((st = lock_afields(r, &res, &i)) != 0)
		return st;
	if ((up && i == 0) || (!up && i + 1 >= res.nrows)) {
		db_rollback();
		return req_redirect(r, 303, "/settings/activity-types");
	}
	other = up ? i - 1 : i + 1;
	if ((e = renumber(r, &res, AF_ID, i, other, &q_afield_position)) != DB_OK ||
	    (e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "activity field moved",
	    afield_label(r, &res, i), arena_printf(&r->arena, "%zu", i + 1),
	    arena_printf(&r->arena, "%zu", other + 1))) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/activity-types");
}

static int
afield_delete_get(struct req *r)
{
	struct db_res res;
	enum db_err e;
	size_t i;

	if (!is_admin(r))
		return refuse_user(r);
	if ((e = db_read(&r->arena, &q_afields, DB_ARGS(DB_INT(r->who.org_id)), &res)) != DB_OK)
		return db_fail(r, e);
	for (i = 0; i < res.nrows; i++)
		if (strcmp(db_get(&res, i, AF_PID), str(r, K_FIELD)) == 0)
			break;
	if (i == res.nrows)
		return req_error(r, 404, "There is no such activity field.");
	req_title(r, "Delete an activity field");
	nav(r, "ATYPES");
	view_show(r->dict, "OF_ACTIVITY");
	view_set(r->dict, "DEL_PATH", "/settings/activity-types/field-delete");
	view_set(r->dict, "BACK_PATH", "/settings/activity-types");
	view_set(r->dict, "F_PID", db_get(&res, i, AF_PID));
	view_set(r->dict, "F_NAME", afield_label(r, &res, i));
	view_set_int(r->dict, "F_USES", db_get_int(&res, i, AF_USES));
	view_set(r->dict, "F_USES_WORD", field_noun(db_get_int(&res, i, AF_USES)));
	return req_render(r, "settings_field_delete.tpl");
}

static int
afield_delete(struct req *r)
{
	struct db_res res, cnt;
	enum db_err e;
	long long id;
	size_t i;
	int st;

	if (!is_admin(r))
		return refuse_user(r);
	if ((st = lock_afields(r, &res, &i)) != 0)
		return st;
	id = db_get_int(&res, i, AF_ID);
	if ((e = db_read(&r->arena, &q_afield_uses, DB_ARGS(DB_INT(r->who.org_id), DB_INT(id)),
	    &cnt)) != DB_OK ||
	    (e = db_write(&r->arena, &q_afield_values_delete, DB_ARGS(DB_INT(r->who.org_id),
	    DB_INT(id)), NULL)) != DB_OK ||
	    (e = db_write(&r->arena, &q_afield_delete, DB_ARGS(DB_INT(r->who.org_id), DB_INT(id)),
	    NULL)) != DB_OK ||
	    (e = orgs_audit(&r->arena, r->who.org_id, r->who.user_id, "activity field deleted",
	    afield_label(r, &res, i), db_get(&res, i, AF_NAME), arena_printf(&r->arena,
	    "%lld %s deleted", db_get_int(&cnt, 0, 0), field_noun(db_get_int(&cnt, 0, 0))))) != DB_OK) {
		db_rollback();
		return db_fail(r, e);
	}
	if ((e = db_commit()) != DB_OK)
		return db_fail(r, e);
	return req_redirect(r, 303, "/settings/activity-types");
}

/* ---- audit ------------------------------------------------------------------ */

static int
audit_get(struct req *r)
{
	struct view_dict *s;
	struct db_res res;
	enum db_err e;
	size_t i;

	if (!is_admin(r))
		return refuse_user(r);
	if ((e = db_read(&r->arena, &q_audit, DB_ARGS(DB_STR(r->who.time_zone), DB_INT(r->who.org_id)),
	    &res)) != DB_OK)
		return db_fail(r, e);
	req_title(r, "Audit");
	nav(r, "AUDIT");
	for (i = 0; i < res.nrows; i++) {
		s = view_section(r->dict, "AUDIT_ROW");
		view_set(s, "AU_WHEN", db_get(&res, i, A_WHEN));
		view_set(s, "AU_WHO", db_get(&res, i, A_WHO));
		view_set(s, "AU_ACTION", db_get(&res, i, A_ACTION));
		view_set(s, "AU_SUBJECT", db_get(&res, i, A_SUBJECT));
		if (!db_is_null(&res, i, A_BEFORE) || !db_is_null(&res, i, A_AFTER)) {
			struct view_dict *c = view_section(s, "AU_CHANGE");
			view_set(c, "AU_BEFORE", db_is_null(&res, i, A_BEFORE) ? "—" : db_get(&res, i, A_BEFORE));
			view_set(c, "AU_AFTER", db_is_null(&res, i, A_AFTER) ? "—" : db_get(&res, i, A_AFTER));
		}
	}
	if (res.nrows == 0)
		view_show(r->dict, "AUDIT_NONE");
	return req_render(r, "settings_audit.tpl");
}

static const struct route routes[] = {
	{ REQ_GET, "/password/forgot", ROUTE_PUBLIC, forgot_get },
	{ REQ_POST, "/password/forgot", ROUTE_PUBLIC, forgot_post },
	{ REQ_GET, "/password", ROUTE_PUBLIC, password_get },
	{ REQ_POST, "/password", ROUTE_PUBLIC, password_post },
	{ REQ_GET, "/invite", ROUTE_PUBLIC, invite_get },
	{ REQ_POST, "/invite", ROUTE_PUBLIC, invite_post },
	{ REQ_GET, "/settings", 0, settings_root },
	{ REQ_GET, "/settings/account", 0, account_get },
	{ REQ_POST, "/settings/account", 0, account_post },
	{ REQ_POST, "/settings/password", 0, password_change },
	{ REQ_GET, "/settings/organizations", 0, orgs_get },
	{ REQ_POST, "/settings/switch", 0, switch_post },
	{ REQ_GET, "/settings/members", 0, members_get },
	{ REQ_POST, "/settings/members/invite", 0, invite_new },
	{ REQ_POST, "/settings/invites/resend", 0, invite_resend },
	{ REQ_POST, "/settings/invites/revoke", 0, invite_revoke },
	{ REQ_POST, "/settings/members/role", 0, member_role },
	{ REQ_POST, "/settings/members/deactivate", 0, member_deactivate },
	{ REQ_POST, "/settings/members/reactivate", 0, member_reactivate },
	{ REQ_POST, "/settings/members/remove", 0, member_remove },
	{ REQ_GET, "/settings/lead-statuses", 0, lstatuses_get },
	{ REQ_POST, "/settings/lead-statuses/add", 0, lstatus_add },
	{ REQ_POST, "/settings/lead-statuses/rename", 0, lstatus_rename },
	{ REQ_POST, "/settings/lead-statuses/move", 0, lstatus_move },
	{ REQ_POST, "/settings/lead-statuses/delete", 0, lstatus_delete },
	{ REQ_GET, "/settings/opportunity-statuses", 0, ostatuses_get },
	{ REQ_POST, "/settings/opportunity-statuses/add", 0, ostatus_add },
	{ REQ_POST, "/settings/opportunity-statuses/rename", 0, ostatus_change },
	{ REQ_POST, "/settings/opportunity-statuses/move", 0, ostatus_move },
	{ REQ_POST, "/settings/opportunity-statuses/delete", 0, ostatus_delete },
	{ REQ_GET, "/settings/custom-fields", 0, fields_get },
	{ REQ_POST, "/settings/custom-fields/add", 0, field_add },
	{ REQ_POST, "/settings/custom-fields/rename", 0, field_rename },
	{ REQ_POST, "/settings/custom-fields/choices", 0, field_choices },
	{ REQ_POST, "/settings/custom-fields/move", 0, field_move },
	{ REQ_GET, "/settings/custom-fields/delete", 0, field_delete_get },
	{ REQ_POST, "/settings/custom-fields/delete", 0, field_delete },
	{ REQ_GET, "/settings/activity-types", 0, atypes_get },
	{ REQ_POST, "/settings/activity-types/add", 0, atype_add },
	{ REQ_POST, "/settings/activity-types/rename", 0, atype_rename },
	{ REQ_POST, "/settings/activity-types/delete", 0, atype_delete },
	{ REQ_POST, "/settings/activity-types/field-add", 0, afield_add },
	{ REQ_POST, "/settings/activity-types/field-rename", 0, afield_rename },
	{ REQ_POST, "/settings/activity-types/field-choices", 0, afield_choices },
	{ REQ_POST, "/settings/activity-types/field-move", 0, afield_move },
	{ REQ_GET, "/settings/activity-types/field-delete", 0, afield_delete_get },
	{ REQ_POST, "/settings/activity-types/field-delete", 0, afield_delete },
	{ REQ_GET, "/settings/audit", 0, audit_get },
};

static const char *const templates[] = {
	"settings_link.tpl", "settings_nav.tpl", "settings_account.tpl", "settings_orgs.tpl",
	"settings_members.tpl", "settings_statuses.tpl", "settings_audit.tpl", "settings_fields.tpl",
	"settings_field_delete.tpl", "settings_atypes.tpl", NULL,
};

static const struct page page = {
	"settings", routes, sizeof routes / sizeof routes[0], keys, K__MAX, templates,
};

int
main(int argc, char **argv)
{
	return req_main(&page, argc, argv);
}
