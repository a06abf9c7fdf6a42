/* apikeys.c — API keys; see apikeys.h. */
#include "apikeys.h"

#include <sodium.h>
#include <string.h>

#include "arena.h"
#include "db.h"

#define FIRST_COLS(X) X(F_USER, "user_id") X(F_ORG, "organization_id")
enum { FIRST_COLS(DB_COL_ENUM) F__NCOLS };
static const char *const first_cols[] = { FIRST_COLS(DB_COL_NAME) NULL };
static struct db_sql q_first_membership = DB_SQL_COLS(
    "SELECT u.id AS user_id, m.organization_id FROM users u"
    " JOIN memberships m ON m.user_id = u.id AND m.active = 1"
    " WHERE u.email = ? AND u.active = 1 ORDER BY m.id LIMIT 1", first_cols);

static struct db_sql q_key_new = DB_SQL(
    "INSERT INTO api_keys (pid, organization_id, user_id, key_hash, label) VALUES (?, ?, ?, ?, ?)");

#define KEY_COLS(X) \
	X(K_ID, "key_id") X(K_USER, "user_id") X(K_USER_PID, "user_pid") X(K_USER_NAME, "user_name") \
	X(K_EMAIL, "email") X(K_TZ, "time_zone") X(K_ORG, "org_id") X(K_ORG_PID, "org_pid") \
	X(K_ORG_NAME, "org_name") X(K_PLAN, "plan") X(K_MODE, "lead_mode") X(K_ROLE, "role") \
	X(K_STALE, "stale")
enum { KEY_COLS(DB_COL_ENUM) K__NCOLS };
static const char *const key_cols[] = { KEY_COLS(DB_COL_NAME) NULL };
/* the user and the membership must be active now: a deactivation ends the key at once */
static struct db_sql q_key_get = DB_SQL_COLS(
    "SELECT k.id AS key_id, u.id AS user_id, u.pid AS user_pid, u.name AS user_name, u.email,"
    " u.time_zone, o.id AS org_id, o.pid AS org_pid, o.name AS org_name, o.plan, o.lead_mode,"
    " m.role, (k.last_used_at IS NULL OR k.last_used_at < UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE) AS stale"
    " FROM api_keys k JOIN users u ON u.id = k.user_id"
    " JOIN organizations o ON o.id = k.organization_id"
    " JOIN memberships m ON m.user_id = k.user_id AND m.organization_id = k.organization_id"
    " WHERE k.key_hash = ? AND k.revoked_at IS NULL AND u.active = 1 AND m.active = 1", key_cols);

static struct db_sql q_key_touch = DB_SQL(
    "UPDATE api_keys SET last_used_at = UTC_TIMESTAMP(6) WHERE organization_id = ? AND id = ?");

static struct db_sql q_key_revoke = DB_SQL(
    "UPDATE api_keys SET revoked_at = UTC_TIMESTAMP(6)"
    " WHERE organization_id = ? AND user_id = ? AND pid = ? AND revoked_at IS NULL");

static enum auth_err
auth_of(enum db_err e)
{
	return e == DB_OK ? AUTH_OK : e == DB_DOWN ? AUTH_DOWN : AUTH_ERROR;
}

static void
key_hash(const char *key, unsigned char out[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256(out, (const unsigned char *)key, strlen(key));
}

enum auth_err
apikeys_create_for_email(struct arena *a, const char *email, const char *label,
    char key[APIKEYS_LEN + 1], char pid[IDS_MAXLEN])
{
	struct db_res r;
	unsigned char h[crypto_hash_sha256_BYTES];
	char kid[IDS_MAXLEN], k[IDS_MAXLEN];
	enum db_err e;

	if ((e = db_read(a, &q_first_membership, DB_ARGS(DB_STR(email)), &r)) != DB_OK)
		return auth_of(e);
	if (r.nrows != 1)
		return AUTH_DENIED;
	if (ids_new(APIKEYS_PREFIX, k) != 0 || ids_new("apik_", kid) != 0 || strlen(k) != APIKEYS_LEN)
		return AUTH_ERROR;
	key_hash(k, h);
	if ((e = db_write(a, &q_key_new, DB_ARGS(DB_STR(kid), DB_INT(db_get_int(&r, 0, F_ORG)),
	    DB_INT(db_get_int(&r, 0, F_USER)), DB_BLOB(h, sizeof h), DB_STR(label ? label : "")),
	    NULL)) != DB_OK)
		return auth_of(e);
	memcpy(key, k, APIKEYS_LEN + 1);
	if (pid != NULL)
		memcpy(pid, kid, IDS_MAXLEN);
	return AUTH_OK;
}

const char *
apikeys_from_basic(struct arena *a, const char *h)
{
	unsigned char *raw;
	size_t n, rawlen;
	char *colon;

	if (h == NULL || strncasecmp(h, "Basic ", 6) != 0)
		return NULL;
	h += 6;
	while (*h == ' ')
		h++;
	n = strlen(h);
	if (n == 0 || n > 512 || (raw = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	if (sodium_base642bin(raw, n, h, n, NULL, &rawlen, NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
		return NULL;
	raw[rawlen] = '\0';
	if (strlen((char *)raw) != rawlen || (colon = strchr((char *)raw, ':')) == NULL ||
	    colon[1] != '\0')
		return NULL;   /* a NUL inside, no password separator, or a password */
	*colon = '\0';
	return (const char *)raw;
}

enum auth_err
apikeys_check(struct arena *a, const char *key, struct auth_who *who, long long *key_id)
{
	struct db_res r;
	unsigned char h[crypto_hash_sha256_BYTES];
	enum db_err e;

	memset(who, 0, sizeof *who);
	*key_id = 0;
	if (key == NULL || !ids_valid(APIKEYS_PREFIX, key))
		return AUTH_DENIED;
	key_hash(key, h);
	if ((e = db_read(a, &q_key_get, DB_ARGS(DB_BLOB(h, sizeof h)), &r)) != DB_OK)
		return auth_of(e);
	if (r.nrows != 1)
		return AUTH_DENIED;
	*key_id = db_get_int(&r, 0, K_ID);
	who->user_id = db_get_int(&r, 0, K_USER);
	who->org_id = db_get_int(&r, 0, K_ORG);
	who->user_pid = db_get(&r, 0, K_USER_PID);
	who->user_name = db_get(&r, 0, K_USER_NAME);
	who->email = db_get(&r, 0, K_EMAIL);
	who->time_zone = db_get(&r, 0, K_TZ);
	who->org_pid = db_get(&r, 0, K_ORG_PID);
	who->org_name = db_get(&r, 0, K_ORG_NAME);
	who->plan = db_get(&r, 0, K_PLAN);
	who->lead_mode = db_get(&r, 0, K_MODE);
	who->role = db_get(&r, 0, K_ROLE);
	who->csrf = "";
	if (db_get_int(&r, 0, K_STALE) == 1 &&
	    (e = db_write(a, &q_key_touch, DB_ARGS(DB_INT(who->org_id), DB_INT(*key_id)), NULL)) != DB_OK)
		return auth_of(e);
	return AUTH_OK;
}

enum auth_err
apikeys_revoke(struct arena *a, long long org_id, long long user_id, const char *pid)
{
	struct db_res r;
	enum db_err e;

	if ((e = db_write(a, &q_key_revoke, DB_ARGS(DB_INT(org_id), DB_INT(user_id), DB_STR(pid)),
	    &r)) != DB_OK)
		return auth_of(e);
	return r.affected == 1 ? AUTH_OK : AUTH_DENIED;
}
