/* orgs.h — running an organization without SQL (O1–O5): making one with its
 * default statuses and first admin, the one-time links sent to a person (set
 * a password, reset it, join by invitation), ending a user's sessions, and
 * the settings audit. A link's token is shown once; only its SHA-256 is kept. */
#ifndef LL_ORGS_H
#define LL_ORGS_H

#include "auth.h"
#include "db.h"
#include "ids.h"

struct arena;

#define ORGS_FIRST_RUN_TTL (24L * 3600)     /* O1: the first admin's link */
#define ORGS_RESET_TTL     (30L * 60)       /* O3 */
#define ORGS_INVITE_TTL    (7L * 86400)     /* O2 */

enum orgs_link_kind { ORGS_LINK_PASSWORD, ORGS_LINK_INVITE };

/* What a token names, as the page shows it. */
enum orgs_link_state {
	ORGS_LINK_OK,
	ORGS_LINK_UNKNOWN,    /* no such token: mistyped, tampered, or never made */
	ORGS_LINK_USED,
	ORGS_LINK_EXPIRED,
	ORGS_LINK_REVOKED,
	ORGS_LINK_INACTIVE,   /* its user (or membership) is deactivated */
};

struct orgs_link {
	long long            id;
	enum orgs_link_kind  kind;
	long long            user_id;     /* password: the user; invite: the email's user, or 0 */
	long long            org_id;      /* invite */
	const char          *email;       /* the user's, or the invited address */
	const char          *role;        /* invite */
	const char          *org_name;    /* invite */
	const char          *user_name;   /* "" when the invitee has no account */
};

/* A new link into token (AUTH_TOKEN_LEN + 1) and its public id into pid. */
enum db_err orgs_link_new(struct arena *, enum orgs_link_kind, long long user_id, long long org_id,
    const char *email, const char *role, long long created_by, long ttl_seconds,
    char *token, char pid[IDS_MAXLEN]);
/* The link of a token and its state; *out is filled for every state but UNKNOWN. */
enum db_err orgs_link_find(struct arena *, const char *token, struct orgs_link *out,
    enum orgs_link_state *state);
/* Marks the link used, in the caller's transaction, only while it is still
 * good: *ok 1, or 0 when another request used it first. */
enum db_err orgs_link_use(struct arena *, long long id, int *ok);

/* Makes an organization (O1): its default lead and opportunity statuses, the
 * admin (a new user without a password when the email has none yet) and a
 * set-password link of 24 hours into token. One transaction. DB_DUP: never
 * (a duplicate name is allowed). */
enum db_err orgs_create(struct arena *, const char *name, const char *mode, const char *plan,
    const char *email, char *token, char org_pid[IDS_MAXLEN]);

/* Ends the user's sessions, all but keep (0: all); org_id > 0: only those
 * acting in that organization. */
enum db_err orgs_end_sessions(struct arena *, long long user_id, long long org_id, long long keep);

/* One line of the settings audit (who, what, when, before → after). */
enum db_err orgs_audit(struct arena *, long long org_id, long long user_id, const char *action,
    const char *subject, const char *before, const char *after);

/* The lower-cased, trimmed email, or NULL when it is no address. */
const char *orgs_email(struct arena *, const char *in);

#endif
