/* auth.h — passwords (argon2id), sessions (only a hash of the token is kept),
 * CSRF tokens and membership checks. */
#ifndef LL_AUTH_H
#define LL_AUTH_H

#include <stddef.h>

#include "db.h"

struct arena;

#define AUTH_TOKEN_LEN 43   /* 32 random bytes, base64url without padding */

/* Who is asking: the session, its user and the organization it acts in.
 * Strings live in the request's arena. */
struct auth_who {
	long long   session_id;
	long long   user_id;
	long long   org_id;
	const char *user_pid;
	const char *user_name;
	const char *email;
	const char *time_zone;
	const char *org_pid;
	const char *org_name;
	const char *plan;
	const char *lead_mode;
	const char *role;
	const char *csrf;
};

enum auth_err {
	AUTH_OK = 0,
	AUTH_DENIED,   /* no such session, expired, wrong password, deactivated */
	AUTH_DOWN,     /* the database is down */
	AUTH_ERROR,
};

/* Hashes a password with argon2id into out (crypto_pwhash_STRBYTES). 0 or -1. */
int           auth_hash_password(const char *pw, char *out, size_t outlen);
/* Checks email and password; on success makes a new session in the user's
 * first active organization and writes its token (AUTH_TOKEN_LEN + 1) into
 * token. Unknown email, wrong password and a deactivated user all give
 * AUTH_DENIED after the same work. */
enum auth_err auth_login(struct arena *, const char *email, const char *password,
    char *token, size_t tokenlen);
/* Looks up the session of a cookie token, ends it when idle or too old or its
 * user or membership is deactivated, and fills who. */
enum auth_err auth_session(struct arena *, const char *token, struct auth_who *who);
/*
 * The session statement in parts, for a page that reads its resource in the
 * same statement as the session (one round trip; req_session in req.h):
 *   "SELECT " AUTH_SESSION_COLUMNS ", <its columns>" AUTH_SESSION_FROM
 *   " LEFT JOIN <its tables> ON <its conditions>" AUTH_SESSION_WHERE
 * Its columns start at AUTH_SESSION_NCOLS; its joins must keep the one row of
 * the session (LEFT JOINs on unique keys), and may name s.user_id and
 * s.organization_id. AUTH_SESSION_WHERE's token hash is the last parameter.
 */
#define AUTH_SESSION_COLUMNS \
	"s.id AS session_id, u.id AS user_id, u.pid AS user_pid, u.name AS user_name, u.email," \
	" u.time_zone, o.id AS org_id, o.pid AS org_pid, o.name AS org_name, o.plan, o.lead_mode," \
	" m.role, s.csrf_token," \
	" TIMESTAMPDIFF(SECOND, s.last_seen_at, UTC_TIMESTAMP(6)) AS idle," \
	" TIMESTAMPDIFF(SECOND, s.date_created, UTC_TIMESTAMP(6)) AS age," \
	" u.active AS user_active, m.active AS member_active"
/* The names of those columns (db.h's DB_SQL_COLS); a statement of its own
 * lists them first: { AUTH_SESSION_COLS(DB_COL_NAME) <its own> NULL }. */
#define AUTH_SESSION_COLS(X) \
	X(AUTH_C_SESSION, "session_id") X(AUTH_C_USER, "user_id") X(AUTH_C_USER_PID, "user_pid") \
	X(AUTH_C_USER_NAME, "user_name") X(AUTH_C_EMAIL, "email") X(AUTH_C_TIME_ZONE, "time_zone") \
	X(AUTH_C_ORG, "org_id") X(AUTH_C_ORG_PID, "org_pid") X(AUTH_C_ORG_NAME, "org_name") \
	X(AUTH_C_PLAN, "plan") X(AUTH_C_LEAD_MODE, "lead_mode") X(AUTH_C_ROLE, "role") \
	X(AUTH_C_CSRF, "csrf_token") X(AUTH_C_IDLE, "idle") X(AUTH_C_AGE, "age") \
	X(AUTH_C_USER_ACTIVE, "user_active") X(AUTH_C_MEMBER_ACTIVE, "member_active")
/* The statement's own columns start here. */
enum auth_session_col { AUTH_SESSION_COLS(DB_COL_ENUM) AUTH_SESSION_NCOLS };
#define AUTH_SESSION_FROM \
	" FROM sessions s JOIN users u ON u.id = s.user_id" \
	" JOIN organizations o ON o.id = s.organization_id" \
	" LEFT JOIN memberships m ON m.user_id = s.user_id AND m.organization_id = s.organization_id"
#define AUTH_SESSION_WHERE " WHERE s.token_hash = ?"
/* auth_session with such a statement q: args are its own parameters, before
 * the token's hash. The same checks, ending and touch as auth_session; on
 * AUTH_OK *res holds the one row (columns from AUTH_SESSION_NCOLS on are q's). */
enum auth_err auth_session_with(struct arena *, const char *token, struct db_sql *q,
    const struct db_arg *args, size_t nargs, struct auth_who *who, struct db_res *res);
/* Ends the session on the server. */
enum auth_err auth_logout(struct arena *, long long session_id);
/* 1 if the user is an active member of the organization, 0 if not, -1 on a
 * database error: "may this user act in this organization". */
int           auth_may(struct arena *, long long user_id, long long org_id);
/* Moves the session to act in another organization (U3) when its user is an
 * active member there: AUTH_OK; AUTH_DENIED when not (nothing changes), or
 * when it already acts there. */
enum auth_err auth_switch(struct arena *, long long session_id, long long org_id);
/* A fresh random token (base64url) into out (AUTH_TOKEN_LEN + 1). */
void          auth_random_token(char *out, size_t outlen);
/* Constant-time comparison of two tokens; 1 when equal and non-empty. */
int           auth_token_eq(const char *a, const char *b);

#endif
