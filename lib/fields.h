/* fields.h — the values of a lead's custom fields (L5), and the check of one
 * value by a custom field type, which custom activities share. */
#ifndef LL_FIELDS_H
#define LL_FIELDS_H

#include <stddef.h>

#include "valid.h"

struct arena;
struct leadtx;

/* The new values of one custom field of the lead. */
struct fields_in {
	const char        *field;     /* the field's cf_ id: also the form field name of its message */
	const char *const *values;    /* as typed; empty ones are skipped */
	size_t             nvalues;   /* several only for choices with accepts_multiple */
};

/*
 * Sets the values of the given custom fields of the lead, all or none: each
 * field's values are replaced by the given ones; no value (or only empty ones)
 * removes them. Checked by type:
 *   text       one line           textarea  several lines (both up to 65,535 bytes)
 *   number     1200, -3.5, 1,200.75 (stored without the commas)
 *   date       YYYY-MM-DD         datetime  YYYY-MM-DD HH:MM in the user's zone,
 *                                           stored in UTC as YYYY-MM-DD HH:MM:SS
 *   choices    one of the field's lines (several, each once, with accepts_multiple)
 *   user       a user_ of the organization (stored in value_user)
 *   url        http or https only
 * A field id of another organization is "not found" under its own name.
 */
enum valid_rc fields_set(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct fields_in *, size_t n, struct valid_errs *);

/*
 * Checks one value `in` of a custom field of type `type` ("text" ... "url")
 * with its `choices` (one per line), inside the transaction t; spec names
 * the field in a message (its flags and max are set here by type). On a good
 * value *value is what to store (NULL when empty) and for a user field
 * *user_id is the user (and *value the user's public id). A user who is no
 * longer active is refused unless it is keep_user (the value now).
 * VALID_OK whether or not the value was good (the message is in errs);
 * another status is a database failure.
 */
enum valid_rc fields_check(struct leadtx *t, struct valid_errs *, const struct valid_spec *,
    const char *type, const char *choices, const char *in, long long keep_user,
    const char **value, long long *user_id);

#endif
