/* leadlist.h — the leads list as a workspace (O6): an organization's leads
 * filtered by owner, status, last activity, open tasks and active
 * opportunities, sorted by name, last activity or creation, in keyset pages
 * (never OFFSET). Each sort reads a range of its own index, an owner's
 * leads one of the owner's (sql/070_lead_owner.sql, 071_lead_last_activity.sql);
 * the other filters are checked on the rows of that range. */
#ifndef LL_LEADLIST_H
#define LL_LEADLIST_H

#include <stddef.h>

#include "db.h"

struct arena;

#define LEADLIST_PAGE     50   /* leads per page */
#define LEADLIST_STATUSES 32   /* statuses a filter may name */

enum leadlist_sort {
	LEADLIST_BY_NAME,        /* name A to Z (then id) */
	LEADLIST_BY_ACTIVITY,    /* latest activity first; leads without any last */
	LEADLIST_BY_CREATED,     /* newest first */
	LEADLIST__SORTS
};

/* Whether a lead has something: either, only with, only without. */
enum leadlist_has { LEADLIST_ANY, LEADLIST_WITH, LEADLIST_WITHOUT };

/* A filter as typed values; the owner and the statuses are the
 * organization's (the caller checked them against it). */
struct leadlist_filter {
	long long          owner_id;                       /* 0: any owner */
	const char        *statuses[LEADLIST_STATUSES];    /* stat_ pids; none: any status */
	size_t             nstatus;
	const char        *active_before;  /* YYYY-MM-DD: last activity before that day, or none; NULL */
	const char        *active_since;   /* YYYY-MM-DD: last activity on that day or after; NULL */
	enum leadlist_has  open_tasks;
	enum leadlist_has  active_opportunity;
	enum leadlist_sort sort;
};

/* A row: strings in the arena, "" when there is nothing. */
struct leadlist_row {
	const char *pid;
	const char *name;
	const char *status;
	const char *owner;          /* the owner's name */
	const char *contact;        /* the first contact's name */
	const char *last_activity;  /* "2026-03-04" in the viewer's time zone */
};

struct leadlist_page {
	struct leadlist_row *rows;
	size_t               n;
	const char          *next;  /* the pid to continue after; NULL at the end */
};

/*
 * A page of the organization's leads that pass f, in f->sort's order, after
 * the lead `after` (a pid; NULL for the first page); days are the viewer's
 * (tz). *after_found is 0 when after is no lead of the organization (nothing
 * is listed then). All in the arena.
 */
enum db_err leadlist_page(struct arena *, long long org_id, const struct leadlist_filter *f,
    const char *after, const char *tz, struct leadlist_page *out, int *after_found);

/* A member to filter by. */
struct leadlist_member {
	long long   id;
	const char *pid;
	const char *name;
};

/* The organization's active members by name. In the arena. */
enum db_err leadlist_members(struct arena *, long long org_id, struct leadlist_member **out,
    size_t *n);

#endif
