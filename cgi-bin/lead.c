/*
 * lead — the lead page (L1 header and status, L2 left column, L3 history,
 * L4 history filter, L7 email bodies).
 *
 *   GET  /lead/<lead_id>/            the page: the lead and its status (L1); open
 *                                     tasks, opportunities, contacts, custom
 *                                     fields (L2); 50 activities of the history,
 *                                     newest first, and their filter (L3, L4).
 *        ?type=<kind>                 repeatable: only these kinds of activity, a
 *                                     built-in type ("call") or an actitype_ id
 *        ?before=<acti_id>            the history after this activity ("Load more")
 *        ?images=<acti_id>            this email's remote images are shown (L7)
 *        ?fragment=history            only the history (lead_history.tpl), for lead.js
 *   POST /lead/<lead_id>/status      status=<stat_id>, csrf: changes the status;
 *                                     303 back to the page, the change on top of
 *                                     the history. The same status changes nothing.
 *
 * Who: an active member of the lead's organization. Any other lead id — of
 * another organization, unknown or malformed — is the same 404.
 * Templates: lead.tpl, lead_history.tpl, lead_act_*.tpl, lead_files.tpl, lead_fields.tpl.
 * Statuses: 200 302 303 400 403 404 500 503. An unknown type, an unknown
 * cursor or a status of no lead of the organization is a 400 that changes nothing.
 *
 * SQL: the page reads with 8 statements after the session's (a fragment with 4),
 * whatever the lead's size. With LEADLINE_TEST_SQLCOUNT set when the worker
 * starts, each GET answers the request's count in an X-SQL-Statements header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "http.h"
#include "ids.h"
#include "leads.h"
#include "log.h"
#include "req.h"
#include "sanitize.h"
#include "timeline.h"
#include "view.h"

enum key { KEY_STATUS, KEY_TYPE, KEY_BEFORE, KEY_IMAGES, KEY_FRAGMENT, KEY__MAX };

static const struct req_key keys[KEY__MAX] = {
	[KEY_STATUS]   = { "status", REQ_K_ID, 0, "stat_", 0 },
	[KEY_TYPE]     = { "type", REQ_K_LINE, IDS_MAXLEN, NULL, 1 },
	[KEY_BEFORE]   = { "before", REQ_K_ID, 0, "acti_", 0 },
	[KEY_IMAGES]   = { "images", REQ_K_ID, 0, "acti_", 0 },
	[KEY_FRAGMENT] = { "fragment", REQ_K_LINE, 16, NULL, 0 },
};

static int sqlcount;   /* LEADLINE_TEST_SQLCOUNT was set at start */

/* What the history is showing: the lead, the filter and the page asked for. */
struct view_state {
	const char                  *lead;     /* lead_ id */
	const struct timeline_kinds *kinds;
	const char                  *before;
	const char                  *images;
	const char                  *query;    /* "type=a&type=b&": links that keep the filter */
	const char                  *here;     /* the same and "before=<acti_id>&": links to this page */
};

/* --- small helpers ------------------------------------------------------- */

static int
web_url(const char *u)
{
	return strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0;
}

/* A number as a tel: link wants it: a leading + and the digits. */
static const char *
tel_of(struct arena *a, const char *phone)
{
	char *t = arena_alloc(a, strlen(phone) + 1), *o = t;
	const char *p;

	if (t == NULL)
		return "";
	for (p = phone; *p; p++)
		if ((*p >= '0' && *p <= '9') || (*p == '+' && o == t))
			*o++ = *p;
	*o = '\0';
	return t;
}

static void
set_if(struct view_dict *d, const char *section, const char *key, const char *val)
{
	if (val != NULL && *val != '\0')
		view_set(view_section(d, section), key, val);
}

static void
count_header(struct req *r)
{
	char n[32];

	if (!sqlcount)
		return;
	snprintf(n, sizeof n, "%lu", db_statements() - r->sql_at_start);
	req_header(r, "X-SQL-Statements", n);
}

/* Sanitized HTML (L7), or NULL when the sanitizer refuses it: the caller shows
 * the text body instead. *blocked counts the remote images held back. */
static const char *
safe_html(struct req *r, const char *html, int remote_images, unsigned *blocked)
{
	struct buf out;
	const char *s = NULL;
	enum sanitize_err e;

	*blocked = 0;
	buf_init(&out);
	if ((e = sanitize_email_html(html, strlen(html), remote_images, &out, blocked)) == SANITIZE_OK &&
	    !out.oom)
		s = arena_strndup(&r->arena, out.data, out.len);
	else
		log_warn("an HTML body is shown as text: %s", sanitize_err_str(e));
	buf_free(&out);
	return s;
}

/* A custom field's values, shown by type (lead fields and custom activities). */
static void
fill_values(struct req *r, struct view_dict *field, const char *type, const char *const *values,
    size_t n)
{
	struct view_dict *v;
	size_t i;

	view_set(field, "TYPE", type);
	if (n == 0)
		view_show(field, "NONE");
	for (i = 0; i < n; i++) {
		v = view_section(field, "VAL");
		if (strcmp(type, "url") == 0 && web_url(values[i]))
			view_set(view_section(v, "LINK"), "V", values[i]);
		else if (strcmp(type, "number") == 0)
			view_set(view_section(v, "TEXT"), "V", fmt_number(&r->arena, values[i]));
		else
			view_set(view_section(v, "TEXT"), "V", values[i]);
	}
}

/* --- the left column (L2) ------------------------------------------------ */

static int
fill_tasks(struct req *r, long long lead_id)
{
	struct lead_task *t;
	struct view_dict *d;
	size_t i, n;
	enum db_err e;

	if ((e = leads_open_tasks(&r->arena, r->who.org_id, lead_id, r->who.time_zone, &t, &n)) != DB_OK)
		return req_db_error(r, e);
	view_set_int(r->dict, "NTASKS", (long long)n);
	if (n == 0)
		view_show(r->dict, "NO_TASKS");
	for (i = 0; i < n; i++) {
		d = view_section(r->dict, "TASK");
		view_set(d, "TPID", t[i].pid);
		view_set(d, "TEXT", t[i].text);
		if (*t[i].due) {
			struct view_dict *due = view_section(d, "DUE");
			view_set(due, "DATE", t[i].due);
			view_set(due, "ISO", t[i].due_iso);
			if (t[i].overdue)
				view_show(due, "OVERDUE");
			if (t[i].today)
				view_show(due, "TODAY");
		}
		if (t[i].overdue)
			view_show(d, "LATE");
		set_if(d, "ASSIGNEE", "NAME", t[i].assignee);
		set_if(d, "CONTACT", "NAME", t[i].contact);
	}
	return 0;
}

static int
fill_opportunities(struct req *r, long long lead_id)
{
	struct lead_opportunity *o;
	struct view_dict *d;
	size_t i, n;
	enum db_err e;

	if ((e = leads_opportunities(&r->arena, r->who.org_id, lead_id, &o, &n)) != DB_OK)
		return req_db_error(r, e);
	view_set_int(r->dict, "NOPPS", (long long)n);
	if (n == 0)
		view_show(r->dict, "NO_OPPS");
	for (i = 0; i < n; i++) {
		d = view_section(r->dict, "OPP");
		view_set(d, "OPID", o[i].pid);
		view_set(d, "STATUS", o[i].status);
		view_set(d, "STATUS_TYPE", o[i].status_type);
		view_set(d, "VALUE", o[i].value_shown);
		view_set_int(d, "CONFIDENCE", o[i].confidence);
		set_if(d, "CLOSE", "DATE", o[i].close_date);
		set_if(d, "OWNER", "NAME", o[i].owner);
		set_if(d, "CONTACT", "NAME", o[i].contact);
		set_if(d, "NOTE", "TEXT", o[i].note);
	}
	return 0;
}

static int
fill_contacts(struct req *r, long long lead_id)
{
	struct lead_contact *c;
	struct view_dict *d, *p;
	size_t i, j, n;
	enum db_err e;

	if ((e = leads_contacts(&r->arena, r->who.org_id, lead_id, &c, &n)) != DB_OK)
		return req_db_error(r, e);
	view_set_int(r->dict, "NCONTACTS", (long long)n);
	if (n == 0)
		view_show(r->dict, "NO_CONTACTS");
	for (i = 0; i < n; i++) {
		d = view_section(r->dict, "CONTACT");
		view_set(d, "CPID", c[i].pid);
		view_set(d, "NAME", c[i].name);
		set_if(d, "TITLE", "TEXT", c[i].title);
		for (j = 0; j < c[i].nemails; j++) {
			p = view_section(d, "EMAIL");
			view_set(p, "ADDRESS", c[i].emails[j].value);
			view_set(p, "KIND", c[i].emails[j].type);
		}
		for (j = 0; j < c[i].nphones; j++) {
			p = view_section(d, "PHONE");
			view_set(p, "NUMBER", c[i].phones[j].value);
			view_set(p, "TEL", tel_of(&r->arena, c[i].phones[j].value));
			view_set(p, "KIND", c[i].phones[j].type);
		}
	}
	return 0;
}

static int
fill_custom_fields(struct req *r, long long lead_id)
{
	struct lead_field *f;
	struct view_dict *d;
	size_t i, n;
	enum db_err e;

	if ((e = leads_custom_fields(&r->arena, r->who.org_id, lead_id, r->who.time_zone, &f, &n)) != DB_OK)
		return req_db_error(r, e);
	d = view_include(r->dict, "FIELDS", "lead_fields.tpl");
	if (n == 0)
		view_show(r->dict, "NO_FIELDS");
	for (i = 0; i < n; i++) {
		struct view_dict *fd = view_section(d, "FIELD");
		view_set(fd, "NAME", f[i].name);
		fill_values(r, fd, f[i].type, f[i].values, f[i].nvalues);
	}
	return 0;
}

/* --- the history (L3, L4, L7) -------------------------------------------- */

static void
fill_files(struct req *r, struct view_dict *d, const struct timeline_item *it)
{
	struct view_dict *fd;
	size_t i;

	if (it->nfiles == 0)
		return;
	fd = view_include(d, "FILES", "lead_files.tpl");
	for (i = 0; i < it->nfiles; i++) {
		struct view_dict *f = view_section(fd, "FILE");
		view_set(f, "NAME", it->files[i].name);
		view_set(f, "SIZE", fmt_size(&r->arena, it->files[i].size));
	}
}

/* The HTML body when there is one (sanitized, remote images held back unless
 * this activity's were asked for), else the text; the text is always there. */
static void
fill_body(struct req *r, struct view_dict *d, const struct timeline_item *it,
    const struct view_state *vs)
{
	const char *html = NULL;
	unsigned blocked = 0;
	struct view_dict *rich;

	if (*it->body_html)
		html = safe_html(r, it->body_html, vs->images && strcmp(vs->images, it->pid) == 0, &blocked);
	if (html == NULL) {
		set_if(d, "PLAIN", "TEXT", it->body_text);
		return;
	}
	rich = view_section(d, "RICH");
	view_set(rich, "BODY_SAFE_HTML", html);
	view_set(rich, "TEXT", it->body_text);
	if (*it->body_text)
		view_show(rich, "HAS_TEXT");
	if (blocked > 0) {
		struct view_dict *b = view_section(rich, "BLOCKED");
		view_set_int(b, "N", blocked);
		view_set(b, "IMAGES_HREF", arena_printf(&r->arena, "/lead/%s/?%simages=%s#%s",
		    vs->lead, vs->here, it->pid, it->pid));
	}
}

static void
show_email(struct req *r, struct view_dict *d, const struct timeline_item *it,
    const struct view_state *vs)
{
	view_set(d, "SUBJECT", *it->subject ? it->subject : "(no subject)");
	view_set(d, "FROM", it->sender);
	view_set(d, "TO", it->to);
	set_if(d, "CC", "LIST", it->cc);
	fill_body(r, d, it, vs);
	fill_files(r, d, it);
}

static void
show_call(struct req *r, struct view_dict *d, const struct timeline_item *it,
    const struct view_state *vs)
{
	(void)vs;
	if (*it->phone) {
		struct view_dict *p = view_section(d, "PHONE");
		view_set(p, "NUMBER", it->phone);
		view_set(p, "TEL", tel_of(&r->arena, it->phone));
	}
	if (it->duration >= 0)
		view_set(view_section(d, "DURATION"), "TIME", fmt_duration(&r->arena, it->duration));
	set_if(d, "OUTCOME", "TEXT", it->outcome);
	set_if(d, "NOTE", "TEXT", it->body_text);
}

static void
show_sms(struct req *r, struct view_dict *d, const struct timeline_item *it,
    const struct view_state *vs)
{
	(void)vs;
	view_set(d, "LOCAL", it->local_phone);
	view_set(d, "REMOTE", it->phone);
	view_set(d, "REMOTE_TEL", tel_of(&r->arena, it->phone));
	if (strcmp(it->direction, "outgoing") == 0)
		view_show(d, "OUT");
	else
		view_show(d, "IN");
	view_set(d, "TEXT", it->body_text);
	fill_files(r, d, it);
}

static void
show_meeting(struct req *r, struct view_dict *d, const struct timeline_item *it,
    const struct view_state *vs)
{
	(void)r;
	(void)vs;
	view_set(d, "TITLE", *it->title ? it->title : "Meeting");
	if (*it->starts) {
		struct view_dict *range = view_section(d, "RANGE");
		view_set(range, "STARTS", it->starts);
		set_if(range, "ENDS", "TIME", it->ends);
	}
	set_if(d, "ATTENDEES", "LIST", it->attendees);
	set_if(d, "LOCATION", "TEXT", it->location);
	set_if(d, "NOTE", "TEXT", it->body_text);
}

static void
show_note(struct req *r, struct view_dict *d, const struct timeline_item *it,
    const struct view_state *vs)
{
	fill_body(r, d, it, vs);
	fill_files(r, d, it);
}

static void
show_status_change(struct req *r, struct view_dict *d, const struct timeline_item *it,
    const struct view_state *vs)
{
	(void)r;
	(void)vs;
	view_set(d, "FROM", it->old_status);
	view_set(d, "TO", it->new_status);
	set_if(d, "OPPORTUNITY", "VALUE", it->opportunity);
}

static void
show_task(struct req *r, struct view_dict *d, const struct timeline_item *it,
    const struct view_state *vs)
{
	(void)r;
	(void)vs;
	view_set(d, "TEXT", it->body_text);
}

static void
show_custom(struct req *r, struct view_dict *d, const struct timeline_item *it,
    const struct view_state *vs)
{
	struct view_dict *fd;
	size_t i;

	(void)vs;
	fd = view_include(d, "FIELDS", "lead_fields.tpl");
	for (i = 0; i < it->nfields; i++) {
		struct view_dict *f = view_section(fd, "FIELD");
		view_set(f, "NAME", it->fields[i].name);
		fill_values(r, f, it->fields[i].type, it->fields[i].values, it->fields[i].nvalues);
	}
}

typedef void (*show_fn)(struct req *, struct view_dict *, const struct timeline_item *,
    const struct view_state *);

/* How each type of activity is shown: its partial and what fills it. */
static const struct {
	const char *tpl;
	show_fn     fill;
} shows[TIMELINE__MAX] = {
	[TIMELINE_EMAIL]              = { "lead_act_email.tpl", show_email },
	[TIMELINE_CALL]               = { "lead_act_call.tpl", show_call },
	[TIMELINE_SMS]                = { "lead_act_sms.tpl", show_sms },
	[TIMELINE_MEETING]            = { "lead_act_meeting.tpl", show_meeting },
	[TIMELINE_NOTE]               = { "lead_act_note.tpl", show_note },
	[TIMELINE_LEAD_STATUS]        = { "lead_act_status.tpl", show_status_change },
	[TIMELINE_OPPORTUNITY_STATUS] = { "lead_act_status.tpl", show_status_change },
	[TIMELINE_TASK_COMPLETED]     = { "lead_act_task.tpl", show_task },
	[TIMELINE_CUSTOM]             = { "lead_act_custom.tpl", show_custom },
};

/* "type=a&type=b&": the selected kinds, for links that keep the filter. */
static const char *
filter_query(struct req *r, const struct timeline_kinds *ks)
{
	const char *q = "";
	size_t i;

	for (i = 0; i < ks->n; i++)
		if (ks->k[i].selected)
			q = arena_printf(&r->arena, "%stype=%s&", q, http_urlencode(&r->arena, ks->k[i].key));
	return q ? q : "";
}

static void
fill_filter(struct req *r, const struct view_state *vs)
{
	const struct timeline_kinds *ks = vs->kinds;
	const char *label = NULL;
	struct view_dict *d;
	size_t i;

	view_set_int(r->dict, "TOTAL", ks->total);
	for (i = 0; i < ks->n; i++) {
		d = view_section(r->dict, "KIND");
		view_set(d, "KEY", ks->k[i].key);
		view_set(d, "LABEL", ks->k[i].label);
		view_set_int(d, "COUNT", ks->k[i].count);
		if (ks->k[i].selected) {
			view_show(d, "CHECKED");
			label = label ? arena_printf(&r->arena, "%s, %s", label, ks->k[i].label) : ks->k[i].label;
		}
	}
	view_set(r->dict, "FILTER_LABEL", label ? label : "All activities");
	if (ks->nselected == 0)
		view_show(r->dict, "ALL_CHOSEN");
}

static void
fill_history(struct req *r, struct view_dict *d, const struct timeline_page *pg,
    const struct view_state *vs)
{
	struct view_dict *a, *body;
	size_t i;

	if (pg->n == 0)
		view_show(view_section(d, "EMPTY"), vs->kinds->nselected ? "FILTERED" : "UNFILTERED");
	for (i = 0; i < pg->n; i++) {
		const struct timeline_item *it = &pg->items[i];
		a = view_section(d, "ACT");
		view_set(a, "ACTI", it->pid);
		view_set(a, "TYPE", timeline_types[it->type].name);
		view_set(a, "KIND", it->type == TIMELINE_CUSTOM ? it->custom_type : timeline_types[it->type].label);
		view_set(a, "WHEN", it->when);
		view_set(a, "UTC", it->when_utc);
		view_set(a, "USER", *it->user ? it->user : "Someone");
		set_if(a, "WITH", "NAME", it->contact);
		set_if(a, "DIRECTION", "DIR", it->direction);
		if (it->pinned)
			view_show(a, "PINNED");
		body = view_include(a, "BODY", shows[it->type].tpl);
		shows[it->type].fill(r, body, it, vs);
	}
	if (pg->more != NULL) {
		a = view_section(d, "MORE");
		view_set(a, "HREF", arena_printf(&r->arena, "/lead/%s/?%sbefore=%s", vs->lead, vs->query, pg->more));
	}
}

/* --- the handlers -------------------------------------------------------- */

static void
fill_head(struct req *r, const struct lead *l, const struct lead_status *st, size_t nst)
{
	struct view_dict *d;
	size_t i;

	req_title(r, l->name);
	view_set_global(r->dict, "PID", l->pid);
	view_set(r->dict, "NAME", l->name);
	view_set(r->dict, "STATUS", l->status_label);
	set_if(r->dict, "DESCRIPTION", "TEXT", l->description);
	/* a url is a link only for http and https */
	if (web_url(l->url))
		view_set(view_section(r->dict, "URL_LINK"), "URL", l->url);
	else if (*l->url != '\0')
		view_set(view_section(r->dict, "URL_TEXT"), "URL", l->url);
	for (i = 0; i < nst; i++) {
		d = view_section(r->dict, "STATUS_OPTION");
		view_set(d, "SPID", st[i].pid);
		view_set(d, "LABEL", st[i].label);
		if (st[i].current)
			view_show(d, "CURRENT");
	}
}

static int
lead_get_page(struct req *r)
{
	struct lead l;
	struct lead_status *st;
	struct timeline_kinds kinds;
	struct timeline_page pg;
	struct view_state vs;
	const char *fragment = req_str(r, KEY_FRAGMENT), *bad;
	size_t nst;
	enum db_err e;
	int found, st_code;

	if (fragment != NULL && strcmp(fragment, "history") != 0)
		return req_error(r, 400, "The only fragment of the lead page is \"history\".");
	if (!ids_valid("lead_", r->arg[0]))
		return req_error(r, 404, "There is no such lead.");
	e = leads_head(&r->arena, r->who.org_id, r->arg[0], r->who.time_zone, &l, &st, &nst, &found);
	if (e != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 404, "There is no such lead.");
	if ((e = timeline_kinds(&r->arena, r->who.org_id, l.id, &kinds)) != DB_OK)
		return req_db_error(r, e);
	if ((bad = timeline_select(&kinds, r->field[KEY_TYPE].vals, r->field[KEY_TYPE].nvals)) != NULL)
		return req_error(r, 400, arena_printf(&r->arena,
		    "\"%s\" is not a type of activity of this lead's organization.", bad));
	vs = (struct view_state){ l.pid, &kinds, req_str(r, KEY_BEFORE), req_str(r, KEY_IMAGES),
	    filter_query(r, &kinds), NULL };
	vs.here = vs.before ? arena_printf(&r->arena, "%sbefore=%s&", vs.query, vs.before) : vs.query;
	e = timeline_page(&r->arena, r->who.org_id, l.id, r->who.time_zone, &kinds, vs.before, &pg);
	if (e != DB_OK)
		return req_db_error(r, e);
	if (pg.bad_cursor)
		return req_error(r, 400, "The history cannot continue there: that activity is not on this lead.");
	if (fragment != NULL) {
		fill_history(r, r->dict, &pg, &vs);
		count_header(r);
		return req_render(r, "lead_history.tpl");
	}
	fill_head(r, &l, st, nst);
	if ((st_code = fill_tasks(r, l.id)) != 0 || (st_code = fill_opportunities(r, l.id)) != 0 ||
	    (st_code = fill_contacts(r, l.id)) != 0 || (st_code = fill_custom_fields(r, l.id)) != 0)
		return st_code;
	fill_filter(r, &vs);
	fill_history(r, view_include(r->dict, "HISTORY", "lead_history.tpl"), &pg, &vs);
	count_header(r);
	return req_render(r, "lead.tpl");
}

static int
lead_post_status(struct req *r)
{
	const char *status = req_str(r, KEY_STATUS);
	enum leads_change ch;
	enum db_err e;

	if (!ids_valid("lead_", r->arg[0]))
		return req_error(r, 404, "There is no such lead.");
	if (status == NULL)
		return req_error(r, 400, "Choose a status for the lead.");
	e = leads_set_status(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], status, &ch);
	if (e != DB_OK)
		return req_db_error(r, e);
	switch (ch) {
	case LEADS_NO_LEAD:
		return req_error(r, 404, "There is no such lead.");
	case LEADS_NO_STATUS:
		return req_error(r, 400, "That is not one of the lead statuses of this organization. "
		    "Nothing was changed.");
	case LEADS_CHANGED:
	case LEADS_UNCHANGED:
		break;
	}
	return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/", r->arg[0]));
}

static const struct route routes[] = {
	{ REQ_GET, "/lead/*/", 0, lead_get_page },
	{ REQ_POST, "/lead/*/status", 0, lead_post_status },
};

static const char *const templates[] = {
	"lead.tpl", "lead_history.tpl", "lead_fields.tpl", "lead_files.tpl",
	"lead_act_email.tpl", "lead_act_call.tpl", "lead_act_sms.tpl", "lead_act_meeting.tpl",
	"lead_act_note.tpl", "lead_act_status.tpl", "lead_act_task.tpl", "lead_act_custom.tpl",
	NULL
};

static const struct page page = {
	"lead", routes, sizeof routes / sizeof routes[0], keys, KEY__MAX, templates,
};

int
main(int argc, char **argv)
{
	sqlcount = getenv("LEADLINE_TEST_SQLCOUNT") != NULL;
	return req_main(&page, argc, argv);
}
