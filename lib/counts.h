/* counts.h — activities per lead and type (lead_activity_counts), kept in the
 * same transaction as every activity written or removed. */
#ifndef LL_COUNTS_H
#define LL_COUNTS_H

#include "db.h"

struct arena;

/* Adds delta (+1 for a new activity, -1 for a removed one) to the count of
 * the lead's activities of a type; custom_type_id is 0 for built-in types.
 * Call inside the transaction that writes the activity. */
enum db_err counts_add(struct arena *, long long org_id, long long lead_id, const char *type,
    long long custom_type_id, int delta);

#endif
