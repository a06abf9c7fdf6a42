/* permalink.h — one activity read by its public id, for the activity
 * permalink (A3): where it is (organization, lead) and what it says. */
#ifndef LL_PERMALINK_H
#define LL_PERMALINK_H

#include "db.h"

struct arena;

/* An activity as the permalink shows it. Strings are "" when the column is
 * empty; times are formatted in the viewer's zone ("Mar 4, 2026 2:05 PM"). */
struct permalink_activity {
	long long   org_id;          /* the activity's organization: the caller checks access */
	const char *pid;
	const char *lead_pid;
	const char *lead_name;
	const char *type;            /* activities.type: "email", "call" ... */
	const char *custom_type;     /* custom: the type's name */
	const char *user;            /* who did it */
	const char *contact;
	const char *when;            /* activity_at, viewer's zone */
	const char *when_utc;        /* activity_at, ISO 8601 UTC ("...Z") */
	const char *direction;
	const char *subject;
	const char *title;
	const char *body_text;       /* plain text only: body_html is never read here */
	const char *phone;
	const char *outcome;
	const char *old_status;
	const char *new_status;
	const char *newer;           /* the acti_ id just newer on its lead ("" for the newest):
	                              * the lead page ?before=<newer> starts with this one */
};

/*
 * The activity of that acti_ id in any organization where the user is an
 * active member, unless deleted: sets *found to 1 and fills out (in the
 * arena), or *found to 0. One statement. out->org_id may still differ from
 * the organization the session acts in: the caller decides.
 */
enum db_err permalink_read(struct arena *, long long user_id, const char *acti_pid, const char *tz,
    struct permalink_activity *out, int *found);

/* Where an activity is: all the redirect of the permalink needs. */
struct permalink_place {
	long long   org_id;          /* the activity's organization: the caller checks access */
	const char *lead_pid;
};

/*
 * The session statement of auth.h (AUTH_SESSION_*) that also reads where an
 * activity is, for req_session (ROUTE_OWN_SESSION); its one parameter is the
 * acti_ id. The same rules as permalink_read: an activity of an organization
 * where the session's user is an active member, not deleted.
 */
struct db_sql *permalink_session_where(void);
/* Where the activity is, from that statement's row: *found 1 and out filled
 * (in the result's memory), or *found 0. */
void permalink_place_of(const struct db_res *, struct permalink_place *out, int *found);

#endif
