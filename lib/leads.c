/* leads.c — see leads.h. */
#include "leads.h"
#include "arena.h"

#include <string.h>

static struct db_sql q_lead_get = DB_SQL(
	"SELECT l.id, l.pid, l.name, l.url, l.description, s.pid, s.label,"
	" DATE_FORMAT(CONVERT_TZ(l.date_updated, 'UTC', ?), '%Y-%m-%d %H:%i')"
	" FROM leads l JOIN lead_statuses s ON s.id = l.status_id AND s.organization_id = l.organization_id"
	" WHERE l.organization_id = ? AND l.pid = ?");

/* Keyset paging on (name, id): never OFFSET. */
static struct db_sql q_lead_list = DB_SQL(
	"SELECT l.id, l.pid, l.name, s.label,"
	" (SELECT c.name FROM contacts c WHERE c.lead_id = l.id AND c.organization_id = l.organization_id"
	"   ORDER BY c.id LIMIT 1),"
	" DATE_FORMAT(CONVERT_TZ(l.date_updated, 'UTC', ?), '%Y-%m-%d %H:%i')"
	" FROM leads l JOIN lead_statuses s ON s.id = l.status_id AND s.organization_id = l.organization_id"
	" WHERE l.organization_id = ?"
	"   AND (? IS NULL OR (l.name, l.id) > (SELECT a.name, a.id FROM leads a"
	"        WHERE a.organization_id = l.organization_id AND a.pid = ?))"
	" ORDER BY l.name, l.id LIMIT 51");

enum db_err
leads_get(struct arena *a, long long org_id, const char *pid, const char *tz, struct lead *out,
    int *found)
{
	struct db_res r;
	enum db_err e;

	memset(out, 0, sizeof *out);
	*found = 0;
	e = db_read(a, &q_lead_get, DB_ARGS(DB_STR(tz), DB_INT(org_id), DB_STR(pid)), &r);
	if (e != DB_OK || r.nrows != 1)
		return e;
	*found = 1;
	out->id = db_get_int(&r, 0, 0);
	out->pid = db_get(&r, 0, 1);
	out->name = db_get(&r, 0, 2);
	out->url = db_get(&r, 0, 3);
	out->description = db_get(&r, 0, 4);
	out->status_pid = db_get(&r, 0, 5);
	out->status_label = db_get(&r, 0, 6);
	out->date_updated = db_get(&r, 0, 7);
	return DB_OK;
}

enum db_err
leads_list(struct arena *a, long long org_id, const char *after, const char *tz,
    struct lead_page *out)
{
	struct db_res r;
	enum db_err e;
	size_t i;
	struct db_arg aft = after ? DB_STR(after) : DB_NULL;

	memset(out, 0, sizeof *out);
	e = db_read(a, &q_lead_list, DB_ARGS(DB_STR(tz), DB_INT(org_id), aft, aft), &r);
	if (e != DB_OK)
		return e;
	out->n = r.nrows > LEADS_PAGE ? LEADS_PAGE : r.nrows;
	if ((out->leads = arena_alloc(a, (out->n + 1) * sizeof *out->leads)) == NULL)
		return DB_ERROR;
	for (i = 0; i < out->n; i++) {
		out->leads[i].id = db_get_int(&r, i, 0);
		out->leads[i].pid = db_get(&r, i, 1);
		out->leads[i].name = db_get(&r, i, 2);
		out->leads[i].status_label = db_get(&r, i, 3);
		out->leads[i].contact_name = db_get(&r, i, 4);
		out->leads[i].date_updated = db_get(&r, i, 5);
	}
	if (r.nrows > LEADS_PAGE)
		out->next = out->leads[LEADS_PAGE - 1].pid;
	return DB_OK;
}
