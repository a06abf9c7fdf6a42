/*
 * leads — the leads list, the landing page after login (L8).
 *
 *   GET /leads     ?after=<lead_ id> continues the list after that lead.
 *
 * Who: a member of the session's organization; only its leads are listed.
 * Templates: leads.tpl. Statuses: 200 302 400 503.
 */
#include "leads.h"
#include "req.h"
#include "view.h"

enum key { KEY_AFTER, KEY__MAX };

static const struct req_key keys[KEY__MAX] = {
	[KEY_AFTER] = { "after", REQ_K_ID, 0, "lead_", 0 },
};

static int
leads_get_page(struct req *r)
{
	struct lead_page pg;
	struct view_dict *row;
	enum db_err e;
	size_t i;

	e = leads_list(&r->arena, r->who.org_id, req_str(r, KEY_AFTER), r->who.time_zone, &pg);
	if (e != DB_OK)
		return req_db_error(r, e);
	req_title(r, "Leads");
	for (i = 0; i < pg.n; i++) {
		row = view_section(r->dict, "LEAD");
		view_set(row, "PID", pg.leads[i].pid);
		view_set(row, "NAME", pg.leads[i].name);
		view_set(row, "STATUS", pg.leads[i].status_label);
		view_set(row, "CONTACT", pg.leads[i].contact_name);
		view_set(row, "UPDATED", pg.leads[i].date_updated);
	}
	if (pg.n == 0)
		view_show(r->dict, "EMPTY");
	if (pg.next != NULL)
		view_set(view_section(r->dict, "MORE"), "AFTER", pg.next);
	return req_render(r, "leads.tpl");
}

static const struct route routes[] = {
	{ REQ_GET, "/leads", 0, leads_get_page },
};

static const char *const templates[] = { "leads.tpl", NULL };

static const struct page page = {
	"leads", routes, sizeof routes / sizeof routes[0], keys, KEY__MAX, templates,
};

int
main(int argc, char **argv)
{
	return req_main(&page, argc, argv);
}
