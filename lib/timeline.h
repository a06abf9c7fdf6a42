/* timeline.h — a lead's history (L3): every activity type with its own fields,
 * newest first by activity_at, in pages read by keyset on (activity_at, id)
 * through the history indexes, and the filter by type with its counts (L4). */
#ifndef LL_TIMELINE_H
#define LL_TIMELINE_H

#include <stddef.h>

#include "db.h"

struct arena;

/* The built-in activity types, as activities.type spells them. */
enum timeline_type {
	TIMELINE_EMAIL,
	TIMELINE_CALL,
	TIMELINE_SMS,
	TIMELINE_MEETING,
	TIMELINE_NOTE,
	TIMELINE_LEAD_STATUS,
	TIMELINE_OPPORTUNITY_STATUS,
	TIMELINE_TASK_COMPLETED,
	TIMELINE_CUSTOM,             /* one of the organization's custom activity types */
	TIMELINE__MAX
};

struct timeline_type_def {
	const char *name;            /* activities.type, and ?type= for a built-in type */
	const char *label;           /* one activity of the type: "Email" */
	const char *plural;          /* the filter: "Emails" */
};

extern const struct timeline_type_def timeline_types[TIMELINE__MAX];

#define TIMELINE_PAGE 50
#define TIMELINE_PINS 5      /* pinned on a lead at most (P2) */

/* A kind of activity the filter offers: a built-in type or a custom type. */
struct timeline_kind {
	enum timeline_type type;
	long long   custom_id;       /* TIMELINE_CUSTOM: the custom_activity_types id */
	const char *key;             /* ?type=: the type's name, or the actitype_ id */
	const char *label;           /* "Calls", or the custom type's name */
	long long   count;           /* activities of this kind on the lead (lead_activity_counts) */
	int         selected;
};

struct timeline_kinds {
	struct timeline_kind *k;
	size_t                n;
	long long             total;     /* every activity of the lead */
	size_t                nselected; /* 0: no filter, every kind is shown */
};

/*
 * The kinds of the filter with their counts, read from lead_activity_counts
 * (never by counting the history): the built-in types in table order, then the
 * organization's custom types by name. One statement. In the arena.
 */
enum db_err timeline_kinds(struct arena *, long long org_id, long long lead_id,
    struct timeline_kinds *out);
/* Selects the kinds named by keys (?type= values; repeats are fine). Returns
 * NULL, or the first key that names no kind (nothing is then selected). */
const char *timeline_select(struct timeline_kinds *, const char *const *keys, size_t nkeys);

struct timeline_file {
	const char *name;
	long long   size;            /* bytes */
};

/* A field of a custom activity with its value(s) ready to show (as lead custom
 * fields: a user's name, dates formatted, datetimes in the viewer's zone). */
struct timeline_field {
	long long    id;             /* custom_activity_fields id */
	const char  *name;
	const char  *type;           /* text textarea number date datetime choices user url */
	const char **values;
	size_t       nvalues;        /* 0: no value */
};

/* One activity. Strings are "" when the column is empty; times are formatted
 * in the viewer's time zone ("Mar 4, 2026 2:05 PM"). */
struct timeline_item {
	long long              id;
	const char            *pid;
	enum timeline_type     type;
	const char            *custom_type;   /* custom: the type's name */
	const char            *user;          /* who did it */
	const char            *contact;
	const char            *when;          /* activity_at, viewer's zone */
	const char            *when_utc;      /* activity_at, ISO 8601 UTC ("...Z") */
	int                    pinned;
	const char            *edited;        /* when last edited (C1), viewer's zone; "" never */
	const char            *editor;        /* who edited it last, "" when never or unknown */
	const char            *direction;     /* "incoming", "outgoing" or "" */
	const char            *subject;
	const char            *sender;
	const char            *to;
	const char            *cc;
	const char            *body_text;     /* email, note, call note, sms text, task text */
	const char            *body_html;     /* email, note: as received, NOT sanitized */
	const char            *phone;         /* call: the number; sms: the remote number */
	const char            *local_phone;
	long long              duration;      /* call, seconds; -1 when unknown */
	const char            *outcome;
	const char            *title;
	const char            *starts;        /* meeting */
	const char            *ends;          /* meeting: only the time when on the day it starts */
	const char            *attendees;
	const char            *location;
	const char            *opportunity;   /* opportunity status change: its value shown */
	const char            *old_status;
	const char            *new_status;
	const char            *sort_at;       /* activity_at as stored, for merging */
	const char            *task;          /* task completed: the task's task_ id, "" when
	                                       * it was removed */
	int                    task_done;     /* task completed: the task is complete now (C3:
	                                       * it can be reopened) */
	struct timeline_file  *files;
	size_t                 nfiles;
	struct timeline_field *fields;
	size_t                 nfields;
};

struct timeline_page {
	struct timeline_item *items;
	size_t                n;
	struct timeline_item *pinned;        /* the lead's pinned activities, whatever the filter
	                                      * or page, newest created first (P3) */
	size_t                npinned;
	const char           *more;          /* the acti_ id to continue before, or NULL */
	int                   bad_cursor;    /* `before` is no activity of this lead */
};

/*
 * One page (TIMELINE_PAGE items) of the lead's history, newest first, of the
 * selected kinds (all without a selection), before the activity `before` (an
 * acti_ id, or NULL for the newest). Every read walks an index of the lead's
 * history and stops after the page. Two statements: the page (and, in a
 * branch of it, the pinned activities), then the attachments and custom
 * fields of both; more only when over eight custom types are
 * selected at once. A `before` that is no activity of the lead sets
 * bad_cursor and an empty page. In the arena.
 */
enum db_err timeline_page(struct arena *, long long org_id, long long lead_id, const char *tz,
    const struct timeline_kinds *filter, const char *before, struct timeline_page *out);

#endif
