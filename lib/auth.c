/* auth.c — see auth.h. */
#include "auth.h"
#include "arena.h"
#include "conf.h"
#include "log.h"

#include <sodium.h>
#include <string.h>

#define LOGIN_COLS(X) X(LOGIN_ID, "id") X(LOGIN_HASH, "password_hash") X(LOGIN_ACTIVE, "active") \
	X(LOGIN_ORG, "org_id")
enum { LOGIN_COLS(DB_COL_ENUM) LOGIN__NCOLS };
static const char *const login_cols[] = { LOGIN_COLS(DB_COL_NAME) NULL };
static struct db_sql q_user_by_email = DB_SQL_COLS(
	"SELECT u.id, u.password_hash, u.active,"
	" (SELECT m.organization_id FROM memberships m"
	"   WHERE m.user_id = u.id AND m.active = 1 ORDER BY m.id LIMIT 1) AS org_id"
	" FROM users u WHERE u.email = ?", login_cols);
static struct db_sql q_session_new = DB_SQL(
	"INSERT INTO sessions (token_hash, user_id, organization_id, csrf_token,"
	" date_created, last_seen_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
static const char *const session_cols[] = { AUTH_SESSION_COLS(DB_COL_NAME) NULL };
static struct db_sql q_session_get = DB_SQL_COLS(
	"SELECT " AUTH_SESSION_COLUMNS AUTH_SESSION_FROM AUTH_SESSION_WHERE, session_cols);
static struct db_sql q_session_touch = DB_SQL(
	"UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) WHERE id = ?");
static struct db_sql q_session_end = DB_SQL(
	"DELETE FROM sessions WHERE id = ?");
static struct db_sql q_may = DB_SQL(
	"SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id"
	" WHERE m.user_id = ? AND m.organization_id = ? AND m.active = 1 AND u.active = 1");
/* The membership check and the switch in one statement: nothing between them. */
static struct db_sql q_session_switch = DB_SQL(
	"UPDATE sessions s"
	" JOIN users u ON u.id = s.user_id AND u.active = 1"
	" JOIN memberships m ON m.user_id = s.user_id AND m.organization_id = ? AND m.active = 1"
	" SET s.organization_id = m.organization_id WHERE s.id = ?");

/* Verified against when the email is unknown, so both paths cost the same. */
static char auth_dummy_hash[crypto_pwhash_STRBYTES];

int
auth_hash_password(const char *pw, char *out, size_t outlen)
{
	if (outlen < crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str_alg(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
}

void
auth_random_token(char *out, size_t outlen)
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, outlen, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

int
auth_token_eq(const char *a, const char *b)
{
	size_t n;

	if (a == NULL || b == NULL || (n = strlen(a)) == 0 || n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

static void
token_hash(const char *token, unsigned char out[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

enum auth_err
auth_login(struct arena *a, const char *email, const char *password, char *token, size_t tokenlen)
{
	struct db_res r;
	unsigned char th[crypto_hash_sha256_BYTES];
	char csrf[AUTH_TOKEN_LEN + 1];
	const char *hash;
	int ok;

	if (tokenlen < AUTH_TOKEN_LEN + 1)
		return AUTH_ERROR;
	if (auth_dummy_hash[0] == '\0' &&
	    auth_hash_password("not a password of anyone", auth_dummy_hash, sizeof auth_dummy_hash) != 0)
		return AUTH_ERROR;
	switch (db_read(a, &q_user_by_email, DB_ARGS(DB_STR(email)), &r)) {
	case DB_OK:
		break;
	case DB_DOWN:
		return AUTH_DOWN;
	default:
		return AUTH_ERROR;
	}
	hash = r.nrows == 1 ? db_get(&r, 0, LOGIN_HASH) : auth_dummy_hash;
	ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	if (!ok || r.nrows != 1 || db_get_int(&r, 0, LOGIN_ACTIVE) != 1 || db_is_null(&r, 0, LOGIN_ORG))
		return AUTH_DENIED;
	auth_random_token(token, tokenlen);
	auth_random_token(csrf, sizeof csrf);
	token_hash(token, th);
	switch (db_write(a, &q_session_new, DB_ARGS(DB_BLOB(th, sizeof th),
	    DB_INT(db_get_int(&r, 0, LOGIN_ID)), DB_INT(db_get_int(&r, 0, LOGIN_ORG)), DB_STR(csrf)), NULL)) {
	case DB_OK:
		return AUTH_OK;
	case DB_DOWN:
		return AUTH_DOWN;
	default:
		return AUTH_ERROR;
	}
}

enum auth_err
auth_session(struct arena *a, const char *token, struct auth_who *who)
{
	struct db_res r;

	return auth_session_with(a, token, &q_session_get, NULL, 0, who, &r);
}

enum auth_err
auth_session_with(struct arena *a, const char *token, struct db_sql *q,
    const struct db_arg *args, size_t nargs, struct auth_who *who, struct db_res *r)
{
	unsigned char th[crypto_hash_sha256_BYTES];
	struct db_arg *all;
	long long idle, age;
	size_t i;

	memset(who, 0, sizeof *who);
	memset(r, 0, sizeof *r);
	if (token == NULL || strlen(token) != AUTH_TOKEN_LEN)
		return AUTH_DENIED;
	if ((all = arena_alloc(a, (nargs + 1) * sizeof *all)) == NULL)
		return AUTH_ERROR;
	for (i = 0; i < nargs; i++)
		all[i] = args[i];
	token_hash(token, th);
	all[nargs] = DB_BLOB(th, sizeof th);   /* AUTH_SESSION_WHERE's, the last */
	switch (db_read(a, q, all, nargs + 1, r)) {
	case DB_OK:
		break;
	case DB_DOWN:
		return AUTH_DOWN;
	default:
		return AUTH_ERROR;
	}
	if (r->nrows != 1)
		return AUTH_DENIED;
	idle = db_get_int(r, 0, AUTH_C_IDLE);
	age = db_get_int(r, 0, AUTH_C_AGE);
	if (idle > conf_long(CONF_SESSION_IDLE_TIMEOUT) ||
	    age > conf_long(CONF_SESSION_ABSOLUTE_TIMEOUT) ||
	    db_get_int(r, 0, AUTH_C_USER_ACTIVE) != 1 || db_get_int(r, 0, AUTH_C_MEMBER_ACTIVE) != 1) {
		/* deactivated or expired: the session ends now */
		auth_logout(a, db_get_int(r, 0, AUTH_C_SESSION));
		return AUTH_DENIED;
	}
	who->session_id = db_get_int(r, 0, AUTH_C_SESSION);
	who->user_id = db_get_int(r, 0, AUTH_C_USER);
	who->user_pid = db_get(r, 0, AUTH_C_USER_PID);
	who->user_name = db_get(r, 0, AUTH_C_USER_NAME);
	who->email = db_get(r, 0, AUTH_C_EMAIL);
	who->time_zone = db_get(r, 0, AUTH_C_TIME_ZONE);
	who->org_id = db_get_int(r, 0, AUTH_C_ORG);
	who->org_pid = db_get(r, 0, AUTH_C_ORG_PID);
	who->org_name = db_get(r, 0, AUTH_C_ORG_NAME);
	who->plan = db_get(r, 0, AUTH_C_PLAN);
	who->lead_mode = db_get(r, 0, AUTH_C_LEAD_MODE);
	who->role = db_get(r, 0, AUTH_C_ROLE);
	who->csrf = db_get(r, 0, AUTH_C_CSRF);
	/* one write a minute at most, not one per page view */
	if (idle >= 60 && db_write(a, &q_session_touch, DB_ARGS(DB_INT(who->session_id)), NULL) == DB_DOWN)
		return AUTH_DOWN;
	return AUTH_OK;
}

enum auth_err
auth_logout(struct arena *a, long long session_id)
{
	switch (db_write(a, &q_session_end, DB_ARGS(DB_INT(session_id)), NULL)) {
	case DB_OK:
		return AUTH_OK;
	case DB_DOWN:
		return AUTH_DOWN;
	default:
		return AUTH_ERROR;
	}
}

int
auth_may(struct arena *a, long long user_id, long long org_id)
{
	struct db_res r;

	if (db_read(a, &q_may, DB_ARGS(DB_INT(user_id), DB_INT(org_id)), &r) != DB_OK)
		return -1;
	return r.nrows == 1;
}

enum auth_err
auth_switch(struct arena *a, long long session_id, long long org_id)
{
	struct db_res r;

	switch (db_write(a, &q_session_switch, DB_ARGS(DB_INT(org_id), DB_INT(session_id)), &r)) {
	case DB_OK:
		return r.affected == 1 ? AUTH_OK : AUTH_DENIED;
	case DB_DOWN:
		return AUTH_DOWN;
	default:
		return AUTH_ERROR;
	}
}
