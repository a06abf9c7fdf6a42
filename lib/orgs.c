/* orgs.c — see orgs.h. */
#include "orgs.h"
#include "arena.h"
#include "log.h"
#include "valid.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

static struct db_sql q_link_new = DB_SQL(
	"INSERT INTO auth_links (pid, token_hash, kind, user_id, organization_id, email, role,"
	" created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
	" UTC_TIMESTAMP(6) + INTERVAL ? SECOND)");
#define LINK_COLS(X) X(L_ID, "id") X(L_KIND, "kind") X(L_USER, "uid") X(L_ORG, "organization_id") \
	X(L_EMAIL, "email") X(L_ROLE, "role") X(L_ORG_NAME, "org_name") X(L_USER_NAME, "user_name") \
	X(L_USER_ACTIVE, "user_active") X(L_USED, "used") X(L_REVOKED, "revoked") X(L_EXPIRED, "expired")
enum { LINK_COLS(DB_COL_ENUM) L__NCOLS };
static const char *const link_cols[] = { LINK_COLS(DB_COL_NAME) NULL };
/* A password link names its user; an invitation its address, whose account
 * (if any) is found by that address. */
static struct db_sql q_link_find = DB_SQL_COLS(
	"SELECT l.id, l.kind, COALESCE(u.id, iu.id) AS uid, l.organization_id,"
	" COALESCE(u.email, l.email) AS email, l.role, o.name AS org_name,"
	" COALESCE(u.name, iu.name) AS user_name, COALESCE(u.active, iu.active) AS user_active,"
	" l.used_at IS NOT NULL AS used, l.revoked_at IS NOT NULL AS revoked,"
	" l.expires_at <= UTC_TIMESTAMP(6) AS expired"
	" FROM auth_links l LEFT JOIN users u ON u.id = l.user_id"
	" LEFT JOIN users iu ON l.user_id IS NULL AND iu.email = l.email"
	" LEFT JOIN organizations o ON o.id = l.organization_id"
	" WHERE l.token_hash = ?", link_cols);
static struct db_sql q_link_use = DB_SQL(
	"UPDATE auth_links SET used_at = UTC_TIMESTAMP(6) WHERE id = ? AND used_at IS NULL"
	" AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP(6)");
static struct db_sql q_org_new = DB_SQL(
	"INSERT INTO organizations (pid, name, plan, lead_mode) VALUES (?, ?, ?, ?)");
static struct db_sql q_lead_status_new = DB_SQL(
	"INSERT INTO lead_statuses (pid, organization_id, label, position) VALUES (?, ?, ?, ?)");
static struct db_sql q_oppo_status_new = DB_SQL(
	"INSERT INTO opportunity_statuses (pid, organization_id, label, type, position)"
	" VALUES (?, ?, ?, ?, ?)");
static const char *const user_id_cols[] = { "id", NULL };
static struct db_sql q_user_by_email = DB_SQL_COLS(
	"SELECT id FROM users WHERE email = ? FOR UPDATE", user_id_cols);
/* No password yet: "!" is no argon2id hash, so no password matches it. */
static struct db_sql q_user_new = DB_SQL(
	"INSERT INTO users (pid, name, email, password_hash) VALUES (?, ?, ?, '!')");
static struct db_sql q_member_new = DB_SQL(
	"INSERT INTO memberships (organization_id, user_id, role) VALUES (?, ?, 'admin')");
static struct db_sql q_sessions_end = DB_SQL(
	"DELETE FROM sessions WHERE user_id = ? AND id <> ? AND (? = 0 OR organization_id = ?)");
static struct db_sql q_audit = DB_SQL(
	"INSERT INTO settings_audit (organization_id, user_id, action, subject, before_value,"
	" after_value) VALUES (?, ?, ?, ?, ?, ?)");

static const char *const default_lead_statuses[] = { "Potential", "Bad Fit", "Qualified", "Customer" };
static const struct { const char *label, *type; } default_oppo_statuses[] = {
	{ "Active", "active" }, { "Won", "won" }, { "Lost", "lost" },
};

static void
token_hash(const char *token, unsigned char out[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

enum db_err
orgs_link_new(struct arena *a, enum orgs_link_kind kind, long long user_id, long long org_id,
    const char *email, const char *role, long long created_by, long ttl, char *token,
    char pid[IDS_MAXLEN])
{
	unsigned char th[crypto_hash_sha256_BYTES];

	if (ids_new("link_", pid) != 0)
		return DB_ERROR;
	auth_random_token(token, AUTH_TOKEN_LEN + 1);
	token_hash(token, th);
	return db_write(a, &q_link_new, DB_ARGS(DB_STR(pid), DB_BLOB(th, sizeof th),
	    DB_STR(kind == ORGS_LINK_INVITE ? "invite" : "password"),
	    user_id > 0 ? DB_INT(user_id) : DB_NULL, org_id > 0 ? DB_INT(org_id) : DB_NULL,
	    email ? DB_STR(email) : DB_NULL, role ? DB_STR(role) : DB_NULL,
	    created_by > 0 ? DB_INT(created_by) : DB_NULL, DB_INT(ttl)), NULL);
}

enum db_err
orgs_link_find(struct arena *a, const char *token, struct orgs_link *out, enum orgs_link_state *st)
{
	unsigned char th[crypto_hash_sha256_BYTES];
	struct db_res r;
	enum db_err e;

	memset(out, 0, sizeof *out);
	*st = ORGS_LINK_UNKNOWN;
	if (token == NULL || strlen(token) != AUTH_TOKEN_LEN)
		return DB_OK;
	token_hash(token, th);
	if ((e = db_read(a, &q_link_find, DB_ARGS(DB_BLOB(th, sizeof th)), &r)) != DB_OK)
		return e;
	if (r.nrows != 1)
		return DB_OK;
	out->id = db_get_int(&r, 0, L_ID);
	out->kind = strcmp(db_get(&r, 0, L_KIND), "invite") == 0 ? ORGS_LINK_INVITE : ORGS_LINK_PASSWORD;
	out->user_id = db_get_int(&r, 0, L_USER);
	out->org_id = db_get_int(&r, 0, L_ORG);
	out->email = db_get(&r, 0, L_EMAIL);
	out->role = db_get(&r, 0, L_ROLE);
	out->org_name = db_get(&r, 0, L_ORG_NAME);
	out->user_name = db_get(&r, 0, L_USER_NAME);
	if (db_get_int(&r, 0, L_USED))
		*st = ORGS_LINK_USED;
	else if (db_get_int(&r, 0, L_REVOKED))
		*st = ORGS_LINK_REVOKED;
	else if (db_get_int(&r, 0, L_EXPIRED))
		*st = ORGS_LINK_EXPIRED;
	else if (out->user_id > 0 && db_get_int(&r, 0, L_USER_ACTIVE) != 1)
		*st = ORGS_LINK_INACTIVE;
	else
		*st = ORGS_LINK_OK;
	return DB_OK;
}

enum db_err
orgs_link_use(struct arena *a, long long id, int *ok)
{
	struct db_res r;
	enum db_err e;

	*ok = 0;
	if ((e = db_write(a, &q_link_use, DB_ARGS(DB_INT(id)), &r)) != DB_OK)
		return e;
	*ok = r.affected == 1;
	return DB_OK;
}

/* The part of an address before "@": a new user's name until they set one. */
static const char *
local_part(struct arena *a, const char *email)
{
	const char *at = strchr(email, '@');

	return at ? arena_strndup(a, email, (size_t)(at - email)) : email;
}

static enum db_err
create_tx(struct arena *a, const char *name, const char *mode, const char *plan, const char *email,
    char *token, char org_pid[IDS_MAXLEN])
{
	char pid[IDS_MAXLEN], lpid[IDS_MAXLEN];
	struct db_res r;
	long long org, user;
	enum db_err e;
	size_t i;

	if (ids_new("orga_", org_pid) != 0)
		return DB_ERROR;
	if ((e = db_write(a, &q_org_new, DB_ARGS(DB_STR(org_pid), DB_STR(name), DB_STR(plan),
	    DB_STR(mode)), &r)) != DB_OK)
		return e;
	org = (long long)r.insert_id;
	for (i = 0; i < sizeof default_lead_statuses / sizeof default_lead_statuses[0]; i++) {
		if (ids_new("stat_", pid) != 0)
			return DB_ERROR;
		if ((e = db_write(a, &q_lead_status_new, DB_ARGS(DB_STR(pid), DB_INT(org),
		    DB_STR(default_lead_statuses[i]), DB_INT((long long)i + 1)), NULL)) != DB_OK)
			return e;
	}
	for (i = 0; i < sizeof default_oppo_statuses / sizeof default_oppo_statuses[0]; i++) {
		if (ids_new("stat_", pid) != 0)
			return DB_ERROR;
		if ((e = db_write(a, &q_oppo_status_new, DB_ARGS(DB_STR(pid), DB_INT(org),
		    DB_STR(default_oppo_statuses[i].label), DB_STR(default_oppo_statuses[i].type),
		    DB_INT((long long)i + 1)), NULL)) != DB_OK)
			return e;
	}
	if ((e = db_read(a, &q_user_by_email, DB_ARGS(DB_STR(email)), &r)) != DB_OK)
		return e;
	if (r.nrows == 1)
		user = db_get_int(&r, 0, 0);
	else {
		if (ids_new("user_", pid) != 0)
			return DB_ERROR;
		if ((e = db_write(a, &q_user_new, DB_ARGS(DB_STR(pid), DB_STR(local_part(a, email)),
		    DB_STR(email)), &r)) != DB_OK)
			return e;
		user = (long long)r.insert_id;
	}
	if ((e = db_write(a, &q_member_new, DB_ARGS(DB_INT(org), DB_INT(user)), NULL)) != DB_OK)
		return e;
	return orgs_link_new(a, ORGS_LINK_PASSWORD, user, 0, NULL, NULL, 0, ORGS_FIRST_RUN_TTL,
	    token, lpid);
}

enum db_err
orgs_create(struct arena *a, const char *name, const char *mode, const char *plan,
    const char *email, char *token, char org_pid[IDS_MAXLEN])
{
	enum db_err e;

	if ((e = db_begin()) != DB_OK)
		return e;
	if ((e = create_tx(a, name, mode, plan, email, token, org_pid)) != DB_OK) {
		db_rollback();
		return e;
	}
	return db_commit();
}

enum db_err
orgs_end_sessions(struct arena *a, long long user_id, long long org_id, long long keep)
{
	return db_write(a, &q_sessions_end, DB_ARGS(DB_INT(user_id), DB_INT(keep), DB_INT(org_id),
	    DB_INT(org_id)), NULL);
}

enum db_err
orgs_audit(struct arena *a, long long org_id, long long user_id, const char *action,
    const char *subject, const char *before, const char *after)
{
	return db_write(a, &q_audit, DB_ARGS(DB_INT(org_id), user_id > 0 ? DB_INT(user_id) : DB_NULL,
	    DB_STR(action), DB_STR(subject), before ? DB_STR(before) : DB_NULL,
	    after ? DB_STR(after) : DB_NULL), NULL);
}

const char *
orgs_email(struct arena *a, const char *in)
{
	static const struct valid_spec spec = { "email", "Email", VALID_REQUIRED, 254 };
	struct valid_errs errs;
	const char *out;
	char *lc;
	size_t i;

	valid_reset(&errs);
	if (in == NULL || !valid_email(a, &errs, &spec, in, &out) || out == NULL)
		return NULL;
	if ((lc = arena_strdup(a, out)) == NULL)
		return NULL;
	for (i = 0; lc[i]; i++)
		lc[i] = (char)tolower((unsigned char)lc[i]);
	return lc;
}
