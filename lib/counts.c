/* counts.c — see counts.h. */
#include "counts.h"

#include <string.h>

static struct db_sql q_count_add = DB_SQL(
	"INSERT INTO lead_activity_counts (organization_id, lead_id, type, custom_type_id, n)"
	" SELECT l.organization_id, l.id, ?, ?, GREATEST(?, 0) FROM leads l"
	"  WHERE l.organization_id = ? AND l.id = ?"
	" ON DUPLICATE KEY UPDATE n = GREATEST(CAST(n AS SIGNED) + ?, 0)");

enum db_err
counts_add(struct arena *a, long long org_id, long long lead_id, const char *type,
    long long custom_type_id, int delta)
{
	return db_write(a, &q_count_add, DB_ARGS(DB_STR(type), DB_INT(custom_type_id),
	    DB_INT(delta), DB_INT(org_id), DB_INT(lead_id), DB_INT(delta)), NULL);
}
