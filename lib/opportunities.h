/* opportunities.h — adding, editing and removing a lead's opportunities (L5).
 * A change of status records an opportunity_status_change activity (the
 * opportunity, the old and new status ids and labels) in the same transaction. */
#ifndef LL_OPPORTUNITIES_H
#define LL_OPPORTUNITIES_H

#include "form.h"
#include "ids.h"
#include "valid.h"

struct arena;

/* The form, as typed; the form field name of each message is beside it. An
 * edit passes every field: an empty one is cleared (value 0, no date, no
 * owner ...), except the status, which stays. */
struct opportunities_in {
	const char *status_id;      /* "status_id": stat_ of the organization's opportunity
	                             * statuses; empty: the first (add) or unchanged (edit) */
	const char *value;          /* "value": an amount, "1,200.50" or "1200.5", in
	                             * value_currency; stored exactly in minor units; empty: 0 */
	const char *value_currency; /* "value_currency": ISO 4217 (USD, EUR, JPY); empty: USD */
	const char *value_period;   /* "value_period": one_time monthly annual; empty: one_time */
	const char *confidence;     /* "confidence": 0 to 100 ("60" or "60%"); empty: 0 */
	const char *expected_date;  /* "expected_date": the close date, YYYY-MM-DD, optional */
	const char *user_id;        /* "user_id": the owner, a user_ of the organization, optional */
	const char *contact_id;     /* "contact_id": a cont_ of this lead, optional */
	const char *note;           /* "note": optional */
};

/* The fields of struct opportunities_in (form.h). */
extern const struct form_model opportunities_form;

/* Adds an opportunity to the lead; its public id into pid (may be NULL). */
enum valid_rc opportunities_add(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct opportunities_in *, char pid[IDS_MAXLEN],
    struct valid_errs *);
/* Replaces the fields of the lead's opportunity oppo_pid (VALID_NOT_FOUND when
 * it is not this lead's); on a new status, records the status change. An owner
 * who is no longer active may stay, not be chosen anew. */
enum valid_rc opportunities_update(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const char *oppo_pid, const struct opportunities_in *,
    struct valid_errs *);
/* Removes the lead's opportunity; its past status changes stay in the history. */
enum valid_rc opportunities_remove(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const char *oppo_pid, struct valid_errs *);

#endif
