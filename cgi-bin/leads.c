/*
 * leads — the leads list, the landing page after login, with its search and
 * the new lead form (L8).
 *
 *   GET  /leads     ?after=<lead_id> the page after that lead (keyset, 50 a page)
 *                   ?q=<text>        search: lead name, contact name, email, phone
 *   POST /leads     name, url, description, csrf: a new lead (b2c: with its one
 *                   contact of the same name); 303 to its page. Invalid input:
 *                   the list again with the form, its messages and the input (400).
 *
 * Who: a member of the session's organization; only its leads are listed.
 * Templates: leads.tpl. Statuses: 200 302 303 400 403 503.
 */
#include "ids.h"
#include "leadedit.h"
#include "req.h"
#include "search.h"
#include "valid.h"
#include "view.h"

enum key { KEY_AFTER, KEY_Q, KEY_NAME, KEY_URL, KEY_DESCRIPTION, KEY__MAX };

static const struct req_key keys[KEY__MAX] = {
	[KEY_AFTER] = { "after", REQ_K_ID, 0, "lead_", 0 },
	[KEY_Q] = { "q", REQ_K_LINE, SEARCH_QMAX, NULL, 0 },
	[KEY_NAME] = { "name", REQ_K_TEXT, 4096, NULL, 0 },
	[KEY_URL] = { "url", REQ_K_TEXT, 4096, NULL, 0 },
	[KEY_DESCRIPTION] = { "description", REQ_K_TEXT, 65535, NULL, 0 },
};

/* The form's fields and where their messages go in the template. */
static const struct {
	int         key;
	const char *field;   /* leadedit's field name */
	const char *var;     /* the template's value variable */
} form_fields[] = {
	{ KEY_NAME, "name", "NAME" },
	{ KEY_URL, "url", "URL" },
	{ KEY_DESCRIPTION, "description", "DESCRIPTION" },
};

static void
show_rows(struct req *r, const struct search_page *pg)
{
	struct view_dict *row;
	size_t i;

	for (i = 0; i < pg->n; i++) {
		row = view_section(r->dict, "LEAD");
		view_set(row, "PID", pg->rows[i].pid);
		view_set(row, "NAME", pg->rows[i].name);
		view_set(row, "STATUS", pg->rows[i].status);
		view_set(row, "CONTACT", pg->rows[i].contact);
		view_set(row, "LAST_ACTIVITY", pg->rows[i].last_activity);
	}
}

/* The list or the search result into the dictionary; 0 or a status. */
static int
fill_list(struct req *r)
{
	struct search_page pg;
	const char *q = req_str(r, KEY_Q);
	enum db_err e;
	int found = 1;

	while (q != NULL && (*q == ' ' || *q == '\t'))
		q++;
	if (q != NULL && *q != '\0') {
		e = search_leads(&r->arena, r->who.org_id, q, r->who.time_zone, &pg);
		view_set(r->dict, "Q", q);
		view_show(r->dict, "SEARCHED");
		if (pg.more)
			view_set_int(view_section(r->dict, "TOO_MANY"), "MAX", SEARCH_MAX);
	} else {
		e = search_list(&r->arena, r->who.org_id, req_str(r, KEY_AFTER), r->who.time_zone,
		    &pg, &found);
	}
	if (e != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 400, "The list cannot continue \"after\" that lead: "
		    "it is not a lead of this organization.");
	show_rows(r, &pg);
	if (pg.n == 0)
		view_show(r->dict, q != NULL && *q != '\0' ? "NO_MATCH" : "EMPTY");
	if (pg.next != NULL)
		view_set(view_section(r->dict, "MORE"), "AFTER", pg.next);
	return 0;
}

static int
leads_get_page(struct req *r)
{
	int st;

	req_title(r, "Leads");
	if ((st = fill_list(r)) != 0)
		return st;
	return req_render(r, "leads.tpl");
}

static int
leads_create(struct req *r)
{
	struct leadedit_in in = {
		.name = req_str(r, KEY_NAME),
		.url = req_str(r, KEY_URL),
		.description = req_str(r, KEY_DESCRIPTION),
	};
	struct valid_errs errs;
	char pid[IDS_MAXLEN];
	const char *msg;
	size_t i;
	int st;

	valid_reset(&errs);
	switch (leadedit_create(&r->arena, r->who.org_id, r->who.user_id, &in, pid, &errs)) {
	case VALID_OK:
		return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/", pid));
	case VALID_INVALID:
	case VALID_REFUSED:
		break;
	case VALID_DOWN:
		return req_db_error(r, DB_DOWN);
	default:
		return req_db_error(r, DB_ERROR);
	}
	/* the list again, the form open with the input and the messages */
	req_title(r, "Leads");
	if ((st = fill_list(r)) != 0)
		return st;
	view_show(r->dict, "FORM_OPEN");
	for (i = 0; i < sizeof form_fields / sizeof form_fields[0]; i++) {
		view_set(r->dict, form_fields[i].var, req_str(r, form_fields[i].key));
		if ((msg = valid_get(&errs, form_fields[i].field)) != NULL)
			view_set(view_section(r->dict, arena_printf(&r->arena, "%s_ERROR",
			    form_fields[i].var)), "MESSAGE", msg);
	}
	if ((msg = valid_get(&errs, VALID_FORM)) != NULL)
		view_set(view_section(r->dict, "FORM_ERROR"), "MESSAGE", msg);
	if (req_render(r, "leads.tpl") != 200)
		return 500;
	return 400;
}

static const struct route routes[] = {
	{ REQ_GET, "/leads", 0, leads_get_page },
	{ REQ_POST, "/leads", 0, leads_create },
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
