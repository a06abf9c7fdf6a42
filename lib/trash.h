/* trash.h — deleting a lead's activities to its trash and restoring them (C1,
 * C2). A deleted activity keeps its row with deleted_at and deleted_by: every
 * read of the history, the counts, the pinned section, the summary's input,
 * the files' sources and the permalink skips it, so it is gone everywhere at
 * once and its permalink is the same 404 as an unknown id. The lead's trash
 * lists what was deleted in the last TRASH_DAYS days; an admin restores it
 * (its place, count and pin back, the 5-pin rule kept); `llctl tick` purges
 * what is older (trash_purge). */
#ifndef LL_TRASH_H
#define LL_TRASH_H

#include <stddef.h>

#include "db.h"
#include "valid.h"

struct arena;

#define TRASH_DAYS 30
/* The records (C1): only an admin deletes them. */
#define TRASH_ADMIN_ONLY "Only an admin can delete a status change or a completed task."
#define TRASH_RESTORE_ADMIN "Only an admin can restore from the trash."

/*
 * Deletes the live activity acti_pid of the lead lead_pid, in one transaction
 * (the lead locked first, then the activity): deleted_at now, deleted_by the
 * user, its type's count one less. Any member may delete notes, calls,
 * meetings, emails, SMS and custom activities; a status change or a completed
 * task only an admin (else VALID_REFUSED, errs: TRASH_ADMIN_ONLY).
 * VALID_NOT_FOUND for an activity not of this lead, deleted already, or not
 * of the organization.
 */
enum valid_rc trash_delete(struct arena *, long long org_id, long long user_id, int admin,
    const char *lead_pid, const char *acti_pid, struct valid_errs *);

/*
 * Restores the activity acti_pid of the lead's trash (deleted in the last
 * TRASH_DAYS days): back in its place in the history, its count one more;
 * pinned again when it was pinned and fewer than PINS_MAX are pinned now,
 * else unpinned (*unpinned 1). Admins only (VALID_REFUSED,
 * TRASH_RESTORE_ADMIN). VALID_NOT_FOUND when it is not in this lead's trash.
 */
enum valid_rc trash_restore(struct arena *, long long org_id, long long user_id, int admin,
    const char *lead_pid, const char *acti_pid, int *unpinned, struct valid_errs *);

/* One deleted activity of the trash, newest deleted first. */
struct trash_item {
	const char *pid;
	const char *type;          /* activities.type */
	const char *custom_type;   /* a custom activity's type name, else "" */
	const char *author;        /* who wrote it, "" when unknown */
	const char *deleted_by;    /* who deleted it, "" when unknown */
	const char *deleted_when;  /* in the viewer's zone, as the history shows times */
	const char *when;          /* the activity's own time, likewise */
	const char *what;          /* its subject, title or the start of its text */
};

/* The lead's trash (lead_id internal, of org_id), at most 200 items. */
enum db_err trash_list(struct arena *, long long org_id, long long lead_id, const char *tz,
    struct trash_item **items, size_t *n);

/* Deletes for good the activities deleted more than TRASH_DAYS days ago, at
 * most limit of them, with their custom values and file links (the files
 * stay: the Files tab shows them as shared with the lead). *n how many. */
enum db_err trash_purge(struct arena *, unsigned limit, unsigned *n);

#endif
