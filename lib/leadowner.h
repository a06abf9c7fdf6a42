/* leadowner.h — the owner of a lead (O6): a member of its organization,
 * shown on the lead page and changed there; each change is written to the
 * lead's history. */
#ifndef LL_LEADOWNER_H
#define LL_LEADOWNER_H

#include <stddef.h>

#include "db.h"

struct arena;

/* What leadowner_set did. */
enum leadowner_change {
	LEADOWNER_CHANGED,       /* the owner changed and the history has the change */
	LEADOWNER_UNCHANGED,     /* it was already that owner: nothing written */
	LEADOWNER_NO_LEAD,       /* no such lead in the organization */
	LEADOWNER_NO_MEMBER,     /* no active member of the organization by that user pid */
};

/*
 * Makes the active member owner_pid (a user_ pid) the owner of the lead, as
 * one transaction: the lead (owner, updated by, date updated) and a note in
 * its history naming the old and the new owner, by user_id, with its
 * activity count. Nothing is written unless *out is LEADOWNER_CHANGED.
 */
enum db_err leadowner_set(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const char *owner_pid, enum leadowner_change *out);

/* The same for a lead locked already in the caller's transaction (by id):
 * the bulk change (lib/leadlist.h) runs it per lead of a batch. */
enum db_err leadowner_set_locked(struct arena *, long long org_id, long long user_id,
    long long lead_id, long long old_owner, const char *old_name, long long new_owner,
    const char *new_name, enum leadowner_change *out);

/* The active member of the organization by user pid: *id and *name (in the
 * arena), or 0 and NULL when there is none. */
enum db_err leadowner_member(struct arena *, long long org_id, const char *owner_pid,
    long long *id, const char **name);

/* The text the history holds for a change ("Lead owner changed from Ada
 * Lovelace to Ben Okafor."; old_name NULL: "Lead owner set to ..."). */
const char *leadowner_note(struct arena *, const char *old_name, const char *new_name);

#endif
