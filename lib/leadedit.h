/* leadedit.h — writing the lead itself: create one (the leads list, L8),
 * edit its name, url and description (L5); its status is leads_set_status
 * (leads.h, L1). In a b2c
 * organization (L6) a new lead gets its one contact of the same name, and
 * renaming the lead renames that contact, in the same transaction. */
#ifndef LL_LEADEDIT_H
#define LL_LEADEDIT_H

#include "contacts.h"
#include "form.h"
#include "ids.h"
#include "valid.h"

struct arena;

/* The form, as typed; the form field name of each message is beside it. */
struct leadedit_in {
	const char *name;         /* "name": required, 255 characters */
	const char *url;          /* "url": http or https ("globex.com" becomes
	                           * https://globex.com), optional */
	const char *description;  /* "description": several lines, optional */
};

/* The fields of struct leadedit_in (form.h). */
extern const struct form_model leadedit_form;

/* A new lead of the organization with its first lead status, created and
 * updated by the user; its public id into pid (may be NULL). */
enum valid_rc leadedit_create(struct arena *, long long org_id, long long user_id,
    const struct leadedit_in *, char pid[IDS_MAXLEN], struct valid_errs *);
/* The same with its contacts, all in one transaction: a contact refused
 * (its fields, B2C's one contact) leaves nothing written. */
enum valid_rc leadedit_create_with(struct arena *, long long org_id, long long user_id,
    const struct leadedit_in *, const struct contacts_in *contacts, size_t ncontacts,
    char pid[IDS_MAXLEN], struct valid_errs *);
/* Replaces the lead's name, url and description (an empty url or description
 * is cleared). */
enum valid_rc leadedit_update(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct leadedit_in *, struct valid_errs *);

#endif
