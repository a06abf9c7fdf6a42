/* leads.h — leads of an organization: the list, one lead, what the lead page
 * shows beside its history (L2), and the change of its status (L1). */
#ifndef LL_LEADS_H
#define LL_LEADS_H

#include <stddef.h>

#include "db.h"

struct arena;

struct lead {
	long long   id;
	const char *pid;
	const char *name;
	const char *url;
	const char *description;
	const char *status_pid;
	const char *status_label;
	const char *owner_pid;       /* the owner (O6): a user pid, "" without one */
	const char *owner_name;      /* the owner's name, or "" */
	const char *date_updated;    /* in the viewer's time zone */
	/* leads_head only: what the page is read at (lib/pagecache.h) */
	unsigned long long version;      /* lead_versions */
	unsigned long long org_version;  /* org_versions */
	const char *today;               /* the viewer's date, YYYY-MM-DD */
};

/*
 * One lead of the organization by its public id. *found is 0 when the
 * organization has no such lead. Strings live in the arena.
 */
enum db_err leads_get(struct arena *, long long org_id, const char *pid, const char *tz,
    struct lead *out, int *found);

/* One of the organization's lead statuses, as a choice in the header. */
struct lead_status {
	const char *pid;
	const char *label;
	int         current;         /* the lead's status */
};

/*
 * The lead (as leads_get) and every lead status of its organization in
 * position order, in one statement: the header of the lead page (L1), with
 * the versions and the viewer's date a kept page is checked against.
 * *found is 0 when the organization has no such lead. All in the arena.
 */
enum db_err leads_head(struct arena *, long long org_id, const char *pid, const char *tz,
    struct lead *out, struct lead_status **statuses, size_t *nstatuses, int *found);

/*
 * The lead page's GET: the session statement (auth.h) with the
 * lead's head as leads_head reads it, less the statuses, for a lead pid —
 * its one parameter — of the session's organization. leads_head_of reads the
 * head from its row (*found 0: no such lead there); leads_statuses reads the
 * statuses (current: the lead's status pid).
 */
struct db_sql *leads_session_head(void);
void        leads_head_of(const struct db_res *, struct lead *out, int *found);
enum db_err leads_statuses(struct arena *, long long org_id, const char *current,
    struct lead_status **out, size_t *n);

/* An open task (L2). Dates are days, without a time zone. */
struct lead_task {
	const char *pid;
	const char *text;
	const char *due;             /* "Mar 4, 2026", or "" without a due date */
	const char *due_iso;         /* "2026-03-04", or "" */
	int         overdue;         /* due before today in the viewer's time zone */
	int         today;           /* due today there */
	const char *assignee;        /* the user's name, or "" */
	const char *contact;         /* the contact's name, or "" */
};

/* The lead's incomplete tasks, by due date (none last). In the arena. */
enum db_err leads_open_tasks(struct arena *, long long org_id, long long lead_id, const char *tz,
    struct lead_task **out, size_t *n);

struct lead_opportunity {
	const char *pid;
	const char *status;          /* the status label */
	const char *status_type;     /* "active", "won" or "lost" */
	long long   value;           /* minor units */
	const char *currency;
	const char *period;          /* "one_time", "monthly", "annual" */
	const char *value_shown;     /* "$1,200.00 monthly" (fmt_money) */
	int         confidence;      /* percent */
	const char *close_date;      /* expected, "Mar 4, 2026" or "" */
	const char *owner;           /* the user's name, or "" */
	const char *contact;
	const char *note;
};

/* The lead's opportunities: active ones first (by expected close date), then
 * won and lost (latest first). In the arena. */
enum db_err leads_opportunities(struct arena *, long long org_id, long long lead_id,
    struct lead_opportunity **out, size_t *n);

/* An email address or phone number of a contact, with its type ("office"...). */
struct lead_contact_point {
	const char *value;
	const char *type;
};

struct lead_contact {
	long long                  id;
	const char                *pid;
	const char                *name;
	const char                *title;
	struct lead_contact_point *emails;
	size_t                     nemails;
	struct lead_contact_point *phones;
	size_t                     nphones;
};

/* The lead's contacts in the order they were added, each with its emails and
 * phones in their positions: one statement. In the arena. */
enum db_err leads_contacts(struct arena *, long long org_id, long long lead_id,
    struct lead_contact **out, size_t *n);

/*
 * A custom field of the organization with this lead's value(s), ready to show:
 * a user field holds the user's name, a date "Mar 4, 2026", a datetime the
 * time in the viewer's time zone ("Mar 4, 2026 3:00 PM"); the other types hold
 * the value as stored. A multiple-choices field may hold several values.
 */
/* What leads_set_status did. */
enum leads_change {
	LEADS_CHANGED,               /* the status changed and the history has the change */
	LEADS_UNCHANGED,             /* it was already that status: nothing written */
	LEADS_NO_LEAD,               /* no such lead in the organization */
	LEADS_NO_STATUS,             /* no such lead status in the organization */
};

/*
 * Sets the lead's status, as one transaction (L1): the lead (status, updated
 * by, date updated), a lead_status_change activity (old and new status ids
 * and labels, the user, activity_at = date_created = UTC now) and the
 * activity count. Nothing is written unless *out is LEADS_CHANGED.
 */
enum db_err leads_set_status(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const char *status_pid, enum leads_change *out);

#endif
