/* leads.h — leads of an organization: the list and one lead. */
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
	const char *contact_name;    /* list: the first contact */
	const char *date_updated;    /* in the viewer's time zone */
};

#define LEADS_PAGE 50

struct lead_page {
	struct lead *leads;
	size_t       n;
	const char  *next;           /* pid to continue after, or NULL at the end */
};

/*
 * One lead of the organization by its public id. *found is 0 when the
 * organization has no such lead. Strings live in the arena.
 */
enum db_err leads_get(struct arena *, long long org_id, const char *pid, const char *tz,
    struct lead *out, int *found);
/* A page of the organization's leads by name, after the lead `after` (a pid, or NULL). */
enum db_err leads_list(struct arena *, long long org_id, const char *after, const char *tz,
    struct lead_page *out);

#endif
