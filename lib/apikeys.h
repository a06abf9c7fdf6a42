/* apikeys.h — API keys (R1): a key acts as its user in its organization,
 * sent as HTTP Basic's user name with an empty password, as Close does.
 * Only the SHA-256 of a key is stored; a revoked key, or one whose user or
 * membership is deactivated, is refused at its next request. */
#ifndef LL_APIKEYS_H
#define LL_APIKEYS_H

#include <stddef.h>

#include "auth.h"
#include "ids.h"

struct arena;

/* "api_" and 40 base62 characters (lib/ids.h) */
#define APIKEYS_PREFIX "api_"
#define APIKEYS_LEN    44

/*
 * A new key of the user with this email, in the user's first active
 * membership (the oldest), labelled label. The key into key (APIKEYS_LEN + 1
 * bytes), shown once; its public id (apik_) into pid (may be NULL).
 * AUTH_DENIED: no active user of that email or no active membership.
 */
enum auth_err apikeys_create_for_email(struct arena *, const char *email, const char *label,
    char key[APIKEYS_LEN + 1], char pid[IDS_MAXLEN]);

/*
 * The key of an Authorization header "Basic base64(key:)" (the password
 * must be empty): the key, in the arena, or NULL when the header is absent
 * or is no such header.
 */
const char   *apikeys_from_basic(struct arena *, const char *authorization);

/*
 * Who a key is: who filled as for a session (session_id 0, csrf ""), and
 * the key's internal id into *key_id. Touches last_used_at once a minute.
 * AUTH_DENIED for an unknown or revoked key, a deactivated user or membership.
 */
enum auth_err apikeys_check(struct arena *, const char *key, struct auth_who *who,
    long long *key_id);

/* Revokes the user's key pid in the organization: AUTH_OK, AUTH_DENIED when
 * it has no such key (or it was revoked before). */
enum auth_err apikeys_revoke(struct arena *, long long org_id, long long user_id, const char *pid);

#endif
