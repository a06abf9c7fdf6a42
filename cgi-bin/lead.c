/*
 * lead — the lead page (L1-L7; this first version shows the header).
 *
 *   GET /lead/<lead_id>/   the lead: name, url, description, status.
 *
 * Who: an active member of the lead's organization. Any other lead id — of
 * another organization, unknown or malformed — is the same 404.
 * Templates: lead.tpl. Statuses: 200 302 404 503.
 */
#include <string.h>

#include "ids.h"
#include "leads.h"
#include "req.h"
#include "view.h"

static int
lead_get_page(struct req *r)
{
	struct lead l;
	enum db_err e;
	int found;

	if (!ids_valid("lead_", r->arg[0]))
		return req_error(r, 404, "There is no such lead.");
	e = leads_get(&r->arena, r->who.org_id, r->arg[0], r->who.time_zone, &l, &found);
	if (e != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 404, "There is no such lead.");
	req_title(r, l.name);
	view_set(r->dict, "PID", l.pid);
	view_set(r->dict, "NAME", l.name);
	view_set(r->dict, "STATUS", l.status_label);
	view_set(r->dict, "DESCRIPTION", l.description);
	/* a url is a link only for http and https */
	if (strncmp(l.url, "https://", 8) == 0 || strncmp(l.url, "http://", 7) == 0)
		view_set(view_section(r->dict, "URL_LINK"), "URL", l.url);
	else if (*l.url != '\0')
		view_set(view_section(r->dict, "URL_TEXT"), "URL", l.url);
	return req_render(r, "lead.tpl");
}

static const struct route routes[] = {
	{ REQ_GET, "/lead/*/", 0, lead_get_page },
};

static const char *const templates[] = { "lead.tpl", NULL };

static const struct page page = {
	"lead", routes, sizeof routes / sizeof routes[0], NULL, 0, templates,
};

int
main(int argc, char **argv)
{
	return req_main(&page, argc, argv);
}
