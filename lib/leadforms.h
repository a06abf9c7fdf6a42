/* leadforms.h — what the lead page's forms (L5) need beyond what it shows:
 * the organization's users and opportunity statuses, its custom activity
 * types with their fields, its custom fields with this lead's values as a
 * form takes them, and the lead's opportunities as their edit form takes
 * them. One statement, so the page stays within its statement budget; the
 * page's left column shows the custom fields from it too (L2). */
#ifndef LL_LEADFORMS_H
#define LL_LEADFORMS_H

#include <stddef.h>

#include "db.h"

struct arena;

/* A choice of a select: a public id and what is shown. */
struct leadforms_opt {
	const char *pid;
	const char *label;
};

/* A custom field (of the lead, or of an activity type) as an input. */
struct leadforms_field {
	const char  *pid;            /* cf_ */
	const char  *type_pid;       /* activity fields: their actitype_; lead fields: "" */
	const char  *name;
	const char  *type;           /* text textarea number date datetime choices user url */
	const char  *choices;        /* one per line, or "" */
	int          multiple;
	const char **values;         /* lead fields: as stored, a user as its user_ id, a
	                              * datetime in the viewer's zone "YYYY-MM-DDTHH:MM" */
	const char **shown;          /* lead fields: the same values as the page shows them: a
	                              * user's name, a date "Mar 5, 2026", a datetime
	                              * "Mar 5, 2026 9:30 AM" in the viewer's zone */
	size_t       nvalues;
};

/* An opportunity of the lead as its edit form takes it. */
struct leadforms_opp {
	const char *pid;
	const char *status_pid;
	long long   value;           /* minor units */
	const char *currency;
	const char *period;
	int         confidence;
	const char *expected_date;   /* YYYY-MM-DD or "" */
	const char *user_pid;        /* "" without an owner */
	const char *contact_pid;     /* "" */
	const char *note;
};

struct leadforms {
	struct leadforms_opt   *users;       /* active members, by name */
	size_t                  nusers;
	struct leadforms_opt   *opp_statuses;
	size_t                  nopp_statuses;
	struct leadforms_opt   *types;       /* custom activity types, by name */
	size_t                  ntypes;
	struct leadforms_field *type_fields; /* by type, then position */
	size_t                  ntype_fields;
	struct leadforms_field *fields;      /* the lead's custom fields, by position */
	size_t                  nfields;
	struct leadforms_opp   *opps;
	size_t                  nopps;
};

/* All of it for the lead (lead_id of org_id), datetimes in tz. In the arena. */
enum db_err leadforms_load(struct arena *, long long org_id, long long lead_id, const char *tz,
    struct leadforms *out);

#endif
