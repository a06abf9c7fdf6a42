/* contacts.h — a lead's contacts (L5) and the B2C rule (L6): in a b2c
 * organization a lead is a customer with exactly one contact of the same
 * name. There a second contact, or removing the only one, is VALID_REFUSED
 * with "A customer in a B2C organization has exactly one contact.", and
 * renaming the contact renames the lead in the same transaction. */
#ifndef LL_CONTACTS_H
#define LL_CONTACTS_H

#include <stddef.h>

#include "form.h"
#include "ids.h"
#include "valid.h"

struct leadtx;

struct arena;

#define CONTACTS_MAX_EMAILS 20
#define CONTACTS_MAX_PHONES 20

/* A row of the form; a row with an empty address or number is skipped (the
 * form's blank row). Messages go to "emails.<i>.email" / "emails.<i>.type"
 * and "phones.<i>.phone" / "phones.<i>.type", i counted from 0 in the
 * arrays given; too many rows to "emails" / "phones". */
struct contacts_email {
	const char *email;        /* an address */
	const char *type;         /* office home direct other; empty: office */
};

struct contacts_phone {
	const char *phone;        /* digits and + ( ) - . / spaces; phone_digits keeps the digits */
	const char *type;         /* office mobile home direct fax other; empty: office */
};

struct contacts_in {
	const char                  *name;     /* "name": required */
	const char                  *title;    /* "title": optional */
	const struct contacts_email *emails;   /* in the order shown */
	size_t                       nemails;
	const struct contacts_phone *phones;
	size_t                       nphones;
};

/* The fields of struct contacts_in (form.h): name, title, and the rows
 * "emails" (sent as email and email_type) and "phones" (phone, phone_type). */
extern const struct form_model contacts_form, contacts_email_form, contacts_phone_form;

/* Adds a contact to the lead; its public id into pid (may be NULL). In b2c
 * only to a lead without one, and the lead takes the contact's name. */
enum valid_rc contacts_add(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct contacts_in *, char pid[IDS_MAXLEN],
    struct valid_errs *);
/* The same inside the open transaction of t's lead (leadtx.h), for a write
 * of several parts: nothing is committed or rolled back here. */
enum valid_rc contacts_add_tx(struct leadtx *, const struct contacts_in *, char pid[IDS_MAXLEN],
    struct valid_errs *);
/* Replaces the contact's name, title, emails and phones. In b2c the lead is
 * renamed with it. VALID_NOT_FOUND when it is not this lead's contact. */
enum valid_rc contacts_update(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const char *contact_pid, const struct contacts_in *,
    struct valid_errs *);
/* Removes the contact with its emails and phones; the lead's tasks,
 * opportunities and activities that named it keep no contact. */
enum valid_rc contacts_remove(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const char *contact_pid, struct valid_errs *);

/* The one message of the B2C rule. */
extern const char contacts_b2c_rule[];

#endif
