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
 *        ?refused=<code>              the message of a refused write without input (a pin)
 *   POST /lead/<lead_id>/status      status=<stat_id>, csrf: changes the status;
 *                                     303 back to the page, the change on top of
 *                                     the history. The same status changes nothing.
 *   POST /lead/<lead_id>/owner       owner=<user_id>, csrf: an active member of the
 *                                     organization owns the lead (O6); 303 back, the
 *                                     change a note on top of the history. Not a
 *                                     member: 400, nothing changed.
 *   POST /lead/<lead_id>/{edit,fields,note,call,email,sms,meeting,custom,task,
 *        contact,opportunity}, /lead/<id>/task/<task_id>/complete,
 *        /lead/<id>/contact/<cont_id>/{edit,remove}, /lead/<id>/opportunity/<oppo_id>/edit
 *                                    (L5, L6) csrf and the model's form fields: 303 back
 *                                    (to the new object); invalid input the page again,
 *                                    400, the form open with its messages and the input;
 *                                    a rule of the lead (B2C) 409; another org's ids 404.
 *                                    A task already complete, or the B2C contact's
 *                                    removal: 303 to /lead/<id>/?refused=task-done#tasks-err
 *                                    (contact-b2c#contacts-err), the page with the message.
 *                                    Note, email and sms also as multipart/form-data with
 *                                    files after the fields (F4): 25 MB each (an SMS's
 *                                    5 MB), 25 MB together, else 413 naming the limit;
 *                                    the activity, its files and their links in one
 *                                    transaction, or nothing (no row, blob or temp file);
 *                                    a full file store 507, an unwritable one 503
 *   POST /lead/<lead_id>/activity/<acti_id>/{pin,unpin}
 *                                    (P1, P2) csrf: pins a note or custom activity; 303 back.
 *                                    Any other type, or a sixth pin, changes nothing and
 *                                    answers 303 to /lead/<id>/?refused=pin-type (pin-limit:
 *                                    "5 pinned at most — unpin one first"), the page with
 *                                    the message (POST/redirect/GET: a reload sends nothing);
 *                                    pinned already (unpinned already) a no-op; 303 back.
 *                                    Pinned ones stand on top of every page of the
 *                                    history, filtered or not (P3), read in the page's
 *                                    statement: no statement more.
 *
 *   GET, POST /lead/<lead_id>/activity/<acti_id>/edit
 *                                    (C1) the edit page of a note, call, email, SMS, meeting
 *                                    or custom activity (?fragment=form: its form alone);
 *                                    the POST saves it in place, 303 to it; refused: the
 *                                    edit page again, 400, with the input
 *   GET, POST /lead/<lead_id>/activity/<acti_id>/delete
 *                                    (C2, C3) the confirm page; the POST puts it in the
 *                                    trash, 303 back (a record by a non-admin: ?refused=)
 *   GET, POST /lead/<lead_id>/task/<task_id>/edit
 *                                    (C3) a task's edit page (text, due date, assignee,
 *                                    contact), the stored values; the POST saves, 303 to
 *                                    the task; bad values the page again, 422, with the input
 *   POST /lead/<lead_id>/task/<task_id>/reopen
 *                                    (C3) a completed task open again, 303 to it; an open
 *                                    one: 303 to /lead/<id>/?refused=task-open#tasks-err
 *   GET, POST /lead/<lead_id>/task/<task_id>/delete, .../opportunity/<oppo_id>/delete
 *   GET  /lead/<lead_id>/contact/<cont_id>/remove
 *                                    (C3) the confirm page; the POST removes it for
 *                                    good, 303 back to its section
 *   GET  /lead/<lead_id>/trash        (C2) what was deleted in the last 30 days
 *   POST /lead/<lead_id>/activity/<acti_id>/restore
 *                                    (C2) admins: back in place, 303 to it
 *
 * Who: an active member of the lead's organization. Any other lead id — of
 * another organization, unknown or malformed — is the same 404 (a malformed
 * one the router's: the routes' segments are typed, req.h).
 * Files: this one holds the routes, the handlers and the page cache; the
 * views are lead/side.c (left column, forms) and lead/history.c (lead/lead.h).
 * Templates: lead.tpl, lead_history.tpl, lead_act_*.tpl, lead_files.tpl, lead_fields.tpl,
 * lead_confirm.tpl, lead_task_edit.tpl.
 * Statuses: 200 302 303 400 403 404 413 422 500 503 507. An unknown type, an unknown
 * cursor or a status of no lead of the organization is a 400 that changes nothing.
 *
 * SQL: the page reads with 8 statements after the session's (7 + leadforms, which
 * also brings the custom fields of the left column; a fragment with 4), so
 * with the session's once-a-minute touch a page costs at most 10,
 * whatever the lead's size. With LEADLINE_TEST_SQLCOUNT set when the worker
 * starts, each GET answers the request's count in an X-SQL-Statements header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activities.h"
#include "contacts.h"
#include "fields.h"
#include "files.h"
#include "form.h"
#include "conf.h"
#include "pagecache.h"
#include "ids.h"
#include "leadedit.h"
#include "leadforms.h"
#include "leadowner.h"
#include "leads.h"
#include "opportunities.h"
#include "pins.h"
#include "req.h"
#include "tasks.h"
#include "timeline.h"
#include "trash.h"
#include "valid.h"
#include "view.h"

#include "lead/lead.h"

#define FORM_MAX   (256 * 1024)
#define TM(n)      { n, REQ_K_TEXT, FORM_MAX, NULL, 1 }
#define V(i)       [KEY_V0 + i] = TM("v" #i)

/* The page's own parameters; the forms' fields follow them, added at
 * start-up from the models' tables (form_keys), all as text: the model
 * checks them, so a wrong one comes back as a message beside its field and
 * the user's input is kept. */
static const struct req_key fixed_keys[KEY__FIXED] = {
	[KEY_STATUS]   = { "status", REQ_K_ID, 0, "stat_", 0 },
	[KEY_OWNER]    = { "owner", REQ_K_ID, 0, "user_", 0 },
	[KEY_TYPE]     = { "type", REQ_K_LINE, IDS_MAXLEN, NULL, 1 },
	[KEY_BEFORE]   = { "before", REQ_K_ID, 0, "acti_", 0 },
	[KEY_IMAGES]   = { "images", REQ_K_ID, 0, "acti_", 0 },
	[KEY_FRAGMENT] = { "fragment", REQ_K_LINE, 16, NULL, 0 },
	[KEY_REFUSED]  = { "refused", REQ_K_LINE, 32, NULL, 0 },
	[KEY_FIELD] = TM("field"),
	V(0), V(1), V(2), V(3), V(4), V(5), V(6), V(7), V(8), V(9), V(10), V(11), V(12), V(13),
	V(14), V(15), V(16), V(17), V(18), V(19), V(20), V(21), V(22), V(23), V(24), V(25), V(26),
	V(27), V(28), V(29), V(30), V(31),
};
#define FORM_KEYS   64   /* room for the forms' fields */

static struct req_key keys[KEY__FIXED + FORM_KEYS];

static int sqlcount;   /* LEADLINE_TEST_SQLCOUNT was set at start */

static void
count_header(struct req *r)
{
	char n[32];

	if (!sqlcount)
		return;
	snprintf(n, sizeof n, "%lu", db_statements() - r->sql_at_start);
	req_header(r, "X-SQL-Statements", n);
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
	lead_set_if(r->dict, "DESCRIPTION", "TEXT", l->description);
	/* a url is a link only for http and https */
	if (lead_web_url(l->url))
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

/* The owner and the active members to choose from (O6). */
static void
fill_owner(struct req *r, const struct lead *l, const struct leadforms *lf)
{
	struct view_dict *d;
	size_t i;

	view_set(r->dict, "OWNER", *l->owner_name ? l->owner_name : "No owner");
	if (*l->owner_pid == '\0')
		view_show(view_section(r->dict, "OWNER_NONE_OPTION"), "SELECTED");
	for (i = 0; i < lf->nusers; i++) {
		d = view_section(r->dict, "OWNER_OPTION");
		view_set(d, "UPID", lf->users[i].pid);
		view_set(d, "LABEL", lf->users[i].label);
		if (strcmp(lf->users[i].pid, l->owner_pid) == 0)
			view_show(d, "OWNER_CURRENT");
	}
}

/* A write refused with no input to keep (a pin, a task's completion, a
 * contact's removal) answers 303 to the page with ?refused=<code>#<anchor>
 * (POST/redirect/GET: a reload does not send it again); the page shows the
 * code's message in its section. Any other code is a 400. */
static const struct refusal {
	const char *code;
	const char *msg;
	const char *section;   /* where lead.tpl shows it */
	const char *anchor;    /* its id there */
} refusals[] = {
	{ "pin-limit", PINS_FULL, "PIN_ERR", "pin-err" },
	{ "pin-type", PINS_TYPE, "PIN_ERR", "pin-err" },
	{ "delete-admin", TRASH_ADMIN_ONLY, "PIN_ERR", "pin-err" },
	{ "task-done", TASKS_DONE, "TASKS_ERR", "tasks-err" },
	{ "task-open", TASKS_NOT_DONE, "TASKS_ERR", "tasks-err" },
	{ "contact-b2c", contacts_b2c_rule, "CONTACTS_ERR", "contacts-err" },
};

static const struct refusal no_refusal = { "", "", NULL, NULL };

/* The refusal of ?refused=, no_refusal when absent, NULL for an unknown code. */
static const struct refusal *
refusal_of(struct req *r)
{
	const char *code = req_str(r, KEY_REFUSED);
	size_t i;

	if (code == NULL)
		return &no_refusal;
	for (i = 0; i < sizeof refusals / sizeof refusals[0]; i++)
		if (strcmp(refusals[i].code, code) == 0)
			return &refusals[i];
	return NULL;
}

/* 303 to the lead page showing the refusal code (one of refusals[]). */
static int
refuse(struct req *r, const char *code)
{
	size_t i;

	for (i = 0; i < sizeof refusals / sizeof refusals[0]; i++)
		if (strcmp(refusals[i].code, code) == 0)
			return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/?refused=%s#%s",
			    r->arg[0], code, refusals[i].anchor));
	return req_error(r, 500, "An unknown refusal.");
}

/* The page; with ag, a form refused is shown again in it (any query is ignored then). */
/*
 * The page cache: a GET of the page, or of its history fragment, is
 * kept by this worker under everything it depends on that is not in the
 * lead's or the organization's version — the session and what the header
 * shows of it, the scheme, the viewer's time zone, the lead and the query as
 * sent — and sent again while leads_head reads the same versions and the
 * same date for the viewer. The writes the page shows raise a version in
 * their own transaction (sql/010_page_versions.sql). Only 200s are kept;
 * the headers (X-SQL-Statements among them) are made afresh each time.
 */
static int cache_ready;

static int
kept_page(struct req *r, const struct lead *l, const char **key, struct pagecache_stamp *stamp)
{
	const struct auth_who *w = &r->who;
	const char *page;
	size_t len;

	if (!cache_ready) {
		long max = conf_long(CONF_PAGE_CACHE_BYTES);

		pagecache_init(max > 0 ? (size_t)max : 0);
		cache_ready = 1;
	}
	*key = arena_printf(&r->arena, "%lld|%lld|%d|%s|%s|%s|%s|%s|%s|%s|%s?%s", w->session_id,
	    w->org_id, r->https, w->time_zone, w->csrf, w->user_name, w->org_name, w->role,
	    w->plan, w->lead_mode, l->pid, r->query ? r->query : "");
	stamp->lead_version = l->version;
	stamp->org_version = l->org_version;
	snprintf(stamp->today, sizeof stamp->today, "%s", l->today ? l->today : "");
	if (*key == NULL || (page = pagecache_get(*key, stamp, &len)) == NULL)
		return 0;
	/* sent from the cache as it is: nothing is put there before the answer */
	req_body_ref(r, page, len);
	count_header(r);
	if (sqlcount)
		req_header(r, "X-Page-Cache", "hit");
	return 1;
}

/* Keeps the page just rendered when it is a 200; returns its status. */
static int
keep_page(struct req *r, const char *key, const struct pagecache_stamp *stamp, int status)
{
	if (status == 200 && key != NULL && !r->body->oom)
		pagecache_put(key, stamp, r->body->data, r->body->len);
	return status;
}

/* The page, or its history fragment. head: the lead as a GET read it with its
 * session, pid NULL when there is none (NULL: read it here, as after a
 * refused POST). */
static int
show_page(struct req *r, const struct again *ag, const struct lead *head)
{
	struct lead l;
	struct page_data pd;
	struct lead_status *st = NULL;
	struct timeline_kinds kinds;
	struct timeline_page pg;
	struct view_state vs;
	const char *fragment = ag ? NULL : req_str(r, KEY_FRAGMENT), *bad;
	struct pagecache_stamp stamp;
	const char *key = NULL;
	const struct refusal *refused = ag ? &no_refusal : refusal_of(r);
	size_t nst = 0;
	enum db_err e;
	int found, st_code;

	if (fragment != NULL && strcmp(fragment, "history") != 0)
		return req_error(r, 400, "The only fragment of the lead page is \"history\".");
	if (refused == NULL)
		return req_error(r, 400, "That is not a refusal the lead page knows.");
	if (head != NULL) {
		if (head->pid == NULL)
			return req_error(r, 404, "There is no such lead.");
		l = *head;
	} else {
		e = leads_head(&r->arena, r->who.org_id, r->arg[0], r->who.time_zone, &l, &st, &nst, &found);
		if (e != DB_OK)
			return req_db_error(r, e);
		if (!found)
			return req_error(r, 404, "There is no such lead.");
	}
	if (!ag && kept_page(r, &l, &key, &stamp))
		return 200;
	if ((e = timeline_kinds(&r->arena, r->who.org_id, l.id, &kinds)) != DB_OK)
		return req_db_error(r, e);
	if (!ag && (bad = timeline_select(&kinds, r->field[KEY_TYPE].vals, r->field[KEY_TYPE].nvals)) != NULL)
		return req_error(r, 400, arena_printf(&r->arena,
		    "\"%s\" is not a type of activity of this lead's organization.", bad));
	vs = (struct view_state){ l.pid, &kinds, ag ? NULL : req_str(r, KEY_BEFORE),
	    ag ? NULL : req_str(r, KEY_IMAGES),
	    lead_filter_query(r, &kinds), NULL };
	vs.here = vs.before ? arena_printf(&r->arena, "%sbefore=%s&", vs.query, vs.before) : vs.query;
	e = timeline_page(&r->arena, r->who.org_id, l.id, r->who.time_zone, &kinds, vs.before, &pg);
	if (e != DB_OK)
		return req_db_error(r, e);
	if (pg.bad_cursor)
		return req_error(r, 400, "The history cannot continue there: that activity is not on this lead.");
	if (fragment != NULL) {
		lead_history(r, r->dict, &pg, &vs);
		count_header(r);
		return keep_page(r, key, &stamp, req_render(r, "lead_history.tpl"));
	}
	if (head != NULL && (e = leads_statuses(&r->arena, r->who.org_id, l.status_pid, &st, &nst)) != DB_OK)
		return req_db_error(r, e);
	fill_head(r, &l, st, nst);
	if ((e = leadforms_load(&r->arena, r->who.org_id, l.id, r->who.time_zone, &pd.lf)) != DB_OK)
		return req_db_error(r, e);
	fill_owner(r, &l, &pd.lf);
	if ((st_code = lead_contacts(r, l.id, &pd, ag)) != 0 || (st_code = lead_tasks(r, l.id)) != 0 ||
	    (st_code = lead_opportunities(r, l.id, &pd, ag)) != 0)
		return st_code;
	lead_custom_fields(r, &pd);
	lead_forms(r, &l, &pd, ag);
	lead_filter(r, &vs);
	lead_history(r, view_include(r->dict, "HISTORY", "lead_history.tpl"), &pg, &vs);
	if (refused->section != NULL)
		lead_set_msg(r->dict, refused->section, refused->msg);
	count_header(r);
	return keep_page(r, key, &stamp, req_render(r, "lead.tpl"));
}

/* GET: the session and the lead's head in one statement (ROUTE_OWN_SESSION),
 * so a kept page costs that one statement. */
static int
lead_get_page(struct req *r)
{
	struct db_res res;
	struct lead l;
	int st, found;

	if ((st = req_session(r, leads_session_head(), DB_ARGS(DB_STR(r->arg[0])), &res)) != 0)
		return st;
	leads_head_of(&res, &l, &found);   /* none: l.pid NULL, show_page's 404 */
	return show_page(r, NULL, &l);
}

/* The answer to a write of the model: 303 back to the page (at anchor), or the
 * page again with the refused form open, in as sent (400 invalid input, 409
 * a rule of the lead), or the error of the lead page. */
static int
answer(struct req *r, enum valid_rc rc, enum form f, const char *target, const void *in,
    const struct valid_errs *errs, const char *anchor)
{
	struct again ag = { f, target, errs, in };
	int st;

	switch (rc) {
	case VALID_OK:
		return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/%s%s", r->arg[0],
		    anchor && *anchor ? "#" : "", anchor ? anchor : ""));
	case VALID_INVALID:
	case VALID_REFUSED:
		if ((st = show_page(r, &ag, NULL)) != 200)
			return st;
		return rc == VALID_INVALID ? 400 : 409;
	case VALID_NOT_FOUND:
		return req_error(r, 404, "There is no such lead.");
	case VALID_DOWN:
		return req_db_error(r, DB_DOWN);
	default:
		return req_db_error(r, DB_ERROR);
	}
}

/* The form f as sent, into in (its model's struct); 0 or the status of a failure. */
static int
bind(struct req *r, enum form f, void *in)
{
	if (form_bind(&r->arena, lead_form_models[f], form_src_req, r, in) != 0)
		return req_error(r, 500, "Out of memory.");
	return 0;
}

/* The files of a note, email or SMS form (F4), after its fields: to temp
 * files, sniffed and hashed; the activity's transaction writes their rows and
 * places them in the store. 0, or the status of a refusal (413 naming the
 * limit, 507, 503, 400), nothing kept. */
static int
attachments(struct req *r, int sms, struct files_batch *b)
{
	enum files_rc rc;
	const char *msg;
	int st;

	rc = files_receive(&r->arena, r->upload, "file", sms ? FILES_SMS_MAX : FILES_DIRECT_MAX,
	    FILES_DIRECT_MAX, b);
	if (rc == FILES_OK)
		return 0;
	msg = files_refusal(rc, sms, &st);
	return req_error(r, st, msg);
}

/* The answer to an activity written with attachments: when its rows were not
 * committed its temp files and the blobs it added go (a full store: 507). */
static int
answer_files(struct req *r, enum valid_rc rc, enum form f, const void *in,
    struct valid_errs *errs, const char *pid, const struct files_batch *b, int sms)
{
	const char *msg;
	int st;

	if (rc != VALID_OK) {
		files_unreceive(b);
		if (b->rc != FILES_OK) {
			msg = files_refusal(b->rc, sms, &st);
			return req_error(r, st, msg);
		}
		/* the form comes back open; a browser cannot fill its file input again */
		if (b->n > 0)
			valid_add(errs, VALID_FORM, "Nothing was saved, and your files were not kept: "
			    "choose them again.");
	}
	return answer(r, rc, f, NULL, in, errs, pid);
}

static int
post_note(struct req *r)
{
	struct activities_note_in in;
	struct files_batch b;
	struct valid_errs errs;
	char pid[IDS_MAXLEN] = "";
	enum valid_rc rc;
	int st;

	if ((st = bind(r, F_NOTE, &in)) != 0 || (st = attachments(r, 0, &b)) != 0)
		return st;
	rc = activities_note_files(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], &in, &b,
	    pid, &errs);
	return answer_files(r, rc, F_NOTE, &in, &errs, pid, &b, 0);
}

static int
post_call(struct req *r)
{
	struct activities_call_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN] = "";
	enum valid_rc rc;
	int st;

	if ((st = bind(r, F_CALL, &in)) != 0)
		return st;
	rc = activities_call(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], &in, pid, &errs);
	return answer(r, rc, F_CALL, NULL, &in, &errs, pid);
}

static int
post_email(struct req *r)
{
	struct activities_email_in in;
	struct files_batch b;
	struct valid_errs errs;
	char pid[IDS_MAXLEN] = "";
	enum valid_rc rc;
	int st;

	if ((st = bind(r, F_EMAIL, &in)) != 0 || (st = attachments(r, 0, &b)) != 0)
		return st;
	rc = activities_email_files(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], &in, &b,
	    pid, &errs);
	return answer_files(r, rc, F_EMAIL, &in, &errs, pid, &b, 0);
}

static int
post_sms(struct req *r)
{
	struct activities_sms_in in;
	struct files_batch b;
	struct valid_errs errs;
	char pid[IDS_MAXLEN] = "";
	enum valid_rc rc;
	int st;

	if ((st = bind(r, F_SMS, &in)) != 0 || (st = attachments(r, 1, &b)) != 0)
		return st;
	rc = activities_sms_files(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], &in, &b,
	    pid, &errs);
	return answer_files(r, rc, F_SMS, &in, &errs, pid, &b, 1);
}

static int
post_meeting(struct req *r)
{
	struct activities_meeting_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN] = "";
	enum valid_rc rc;
	int st;

	if ((st = bind(r, F_MEETING, &in)) != 0)
		return st;
	rc = activities_meeting(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], &in, pid, &errs);
	return answer(r, rc, F_MEETING, NULL, &in, &errs, pid);
}

/* field=<cf_ id> in order, the i-th one's value(s) under v<i>. */
static size_t
sent_fields(struct req *r)
{
	size_t n = r->field[KEY_FIELD].nvals;

	return n < NVALUE_KEYS ? n : NVALUE_KEYS;
}

static int
post_custom(struct req *r)
{
	struct activities_value v[NVALUE_KEYS];
	struct activities_custom_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN] = "";
	enum valid_rc rc;
	size_t i;
	int st;

	if ((st = bind(r, F_CUSTOM, &in)) != 0)
		return st;
	in.values = v;
	in.nvalues = sent_fields(r);
	for (i = 0; i < in.nvalues; i++)
		v[i] = (struct activities_value){ r->field[KEY_FIELD].vals[i], req_str(r, KEY_V0 + (int)i) };
	rc = activities_custom(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], &in, pid, &errs);
	return answer(r, rc, F_CUSTOM, in.custom_activity_type_id, &in, &errs, pid);
}

static int
post_fields(struct req *r)
{
	struct fields_in f[NVALUE_KEYS];
	struct valid_errs errs;
	enum valid_rc rc;
	size_t i, n = sent_fields(r);

	for (i = 0; i < n; i++)
		f[i] = (struct fields_in){ r->field[KEY_FIELD].vals[i], r->field[KEY_V0 + i].vals,
		    r->field[KEY_V0 + i].nvals };
	rc = fields_set(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], f, n, &errs);
	return answer(r, rc, F_FIELDS, NULL, NULL, &errs, "fields-h");
}

static int
post_task(struct req *r)
{
	struct tasks_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN] = "";
	enum valid_rc rc;
	int st;

	if ((st = bind(r, F_TASK, &in)) != 0)
		return st;
	rc = tasks_add(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], &in, pid, &errs);
	return answer(r, rc, F_TASK, NULL, &in, &errs, pid);
}

#define NO_TASK        "There is no such task."
#define NO_OPPORTUNITY "There is no such opportunity."
#define NO_CONTACT     "There is no such contact."

static int
post_task_complete(struct req *r)
{
	struct valid_errs errs;
	enum valid_rc rc;

	rc = tasks_complete(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], &errs);
	if (rc == VALID_REFUSED)
		return refuse(r, "task-done");
	if (rc == VALID_NOT_FOUND)
		return req_error(r, 404, NO_TASK);
	return answer(r, rc, F_NONE, NULL, NULL, &errs, "tasks-h");
}

static int
post_contact(struct req *r)
{
	struct contacts_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN] = "";
	enum valid_rc rc;
	int st;

	if ((st = bind(r, F_CONTACT, &in)) != 0)
		return st;
	rc = contacts_add(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], &in, pid, &errs);
	return answer(r, rc, F_CONTACT, NULL, &in, &errs, pid);
}

static int
post_contact_edit(struct req *r)
{
	struct contacts_in in;
	struct valid_errs errs;
	enum valid_rc rc;
	int st;

	if ((st = bind(r, F_CONTACT_EDIT, &in)) != 0)
		return st;
	rc = contacts_update(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], &in, &errs);
	return answer(r, rc, F_CONTACT_EDIT, r->arg[1], &in, &errs, r->arg[1]);
}


static int
post_opportunity(struct req *r)
{
	struct opportunities_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN] = "";
	enum valid_rc rc;
	int st;

	if ((st = bind(r, F_OPP, &in)) != 0)
		return st;
	rc = opportunities_add(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], &in, pid, &errs);
	return answer(r, rc, F_OPP, NULL, &in, &errs, pid);
}

static int
post_opportunity_edit(struct req *r)
{
	struct opportunities_in in;
	struct valid_errs errs;
	enum valid_rc rc;
	int st;

	if ((st = bind(r, F_OPP_EDIT, &in)) != 0)
		return st;
	rc = opportunities_update(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], &in,
	    &errs);
	return answer(r, rc, F_OPP_EDIT, r->arg[1], &in, &errs, r->arg[1]);
}

static int
post_lead_edit(struct req *r)
{
	struct leadedit_in in;
	struct valid_errs errs;
	enum valid_rc rc;
	int st;

	if ((st = bind(r, F_LEAD, &in)) != 0)
		return st;
	rc = leadedit_update(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], &in, &errs);
	return answer(r, rc, F_LEAD, NULL, &in, &errs, NULL);
}

/* P1, P2: /lead/<id>/activity/<acti_id>/{pin,unpin}. */
static int
set_pin(struct req *r, int pin)
{
	struct valid_errs errs;
	enum valid_rc rc;

	rc = pins_set(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], pin, &errs);
	if (rc == VALID_INVALID || rc == VALID_REFUSED)
		return refuse(r, rc == VALID_REFUSED ? "pin-limit" : "pin-type");
	return answer(r, rc, F_PIN, r->arg[1], NULL, &errs, rc == VALID_OK ? r->arg[1] : NULL);
}

static int
post_pin(struct req *r)
{
	return set_pin(r, 1);
}

static int
post_unpin(struct req *r)
{
	return set_pin(r, 0);
}

/* --- editing and deleting activities (C1, C2) ---------------------------- */

#define NO_ACTIVITY "There is no such activity."

static int
is_admin(const struct req *r)
{
	return r->who.role != NULL && strcmp(r->who.role, "admin") == 0;
}

/* The lead of the URL (404 when it is not the organization's), into l. */
static int
url_lead(struct req *r, struct lead *l)
{
	struct lead_status *sts;
	size_t nst;
	enum db_err e;
	int found;

	e = leads_head(&r->arena, r->who.org_id, r->arg[0], r->who.time_zone, l, &sts, &nst, &found);
	if (e != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 404, "There is no such lead.");
	return 0;
}

/* The live activity of the URL, of the URL's lead: 0, or the 404 (another
 * lead's, another organization's, a deleted or an unknown one alike). */
static int
url_activity(struct req *r, struct activities_stored *st)
{
	enum db_err e;
	int found;

	e = activities_read(&r->arena, r->who.org_id, r->arg[0], r->arg[1], r->who.time_zone, st, &found);
	if (e != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 404, NO_ACTIVITY);
	return 0;
}

static const char *
kind_of(const struct activities_stored *st)
{
	size_t i;

	if (strcmp(st->type, "custom") == 0 && *st->custom_type_name != '\0')
		return st->custom_type_name;
	for (i = 0; i < TIMELINE__MAX; i++)
		if (strcmp(timeline_types[i].name, st->type) == 0)
			return timeline_types[i].label;
	return st->type;
}

/* The edit page (lead_act_edit.tpl), or with ?fragment=form its form alone
 * for lead.js to put in place; with ag the input refused, again. */
static int
edit_page(struct req *r, const struct activities_stored *st, const struct again *ag)
{
	const char *fragment = ag ? NULL : req_str(r, KEY_FRAGMENT);
	struct view_dict *fd;
	struct lead l;
	int st_code;

	if (fragment != NULL && strcmp(fragment, "form") != 0)
		return req_error(r, 400, "The only fragment of the edit page is \"form\".");
	if ((st_code = url_lead(r, &l)) != 0)
		return st_code;
	if (st->model == NULL || st->synced)
		return req_error(r, 409, st->synced ? ACTIVITIES_SYNCED :
		    "A status change or a completed task is the record: it cannot be edited.");
	req_title(r, arena_printf(&r->arena, "Edit %s — %s", kind_of(st), l.name));
	view_set(r->dict, "LEAD", l.pid);
	view_set(r->dict, "ACTI", st->pid);
	view_set(r->dict, "LEAD_NAME", l.name);
	view_set(r->dict, "KIND", kind_of(st));
	fd = fragment ? r->dict : view_include(r->dict, "FORM", "lead_act_edit_form.tpl");
	view_set(fd, "LEAD", l.pid);
	view_set(fd, "ACTI", st->pid);
	if ((st_code = lead_edit_form(r, fd, l.id, st, ag)) != 0)
		return st_code;
	return req_render(r, fragment ? "lead_act_edit_form.tpl" : "lead_act_edit.tpl");
}

static int
get_act_edit(struct req *r)
{
	struct activities_stored st;
	int st_code;

	if ((st_code = url_activity(r, &st)) != 0)
		return st_code;
	return edit_page(r, &st, NULL);
}

static int
post_act_edit(struct req *r)
{
	struct activities_value v[NVALUE_KEYS];
	struct activities_stored st;
	struct valid_errs errs;
	struct again ag = { F_ACT_EDIT, NULL, &errs, NULL };
	enum valid_rc rc;
	void *in;
	size_t i;
	int st_code;

	if ((st_code = url_activity(r, &st)) != 0)
		return st_code;
	if (st.model == NULL || st.synced)
		return edit_page(r, &st, NULL);   /* its refusal */
	if ((in = arena_alloc(&r->arena, st.model->size)) == NULL ||
	    form_bind(&r->arena, st.model, form_src_req, r, in) != 0)
		return req_error(r, 500, "Out of memory.");
	if (strcmp(st.type, "custom") == 0) {
		struct activities_custom_in *c = in;

		c->values = v;
		c->nvalues = sent_fields(r);
		for (i = 0; i < c->nvalues; i++)
			v[i] = (struct activities_value){ r->field[KEY_FIELD].vals[i],
			    req_str(r, KEY_V0 + (int)i) };
	}
	rc = activities_update(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], st.type,
	    in, &errs);
	switch (rc) {
	case VALID_OK:
		return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/#%s", r->arg[0], r->arg[1]));
	case VALID_INVALID:
	case VALID_REFUSED:
		ag.in = in;
		if ((st_code = edit_page(r, &st, &ag)) != 200)
			return st_code;
		return rc == VALID_INVALID ? 400 : 409;
	case VALID_NOT_FOUND:
		return req_error(r, 404, NO_ACTIVITY);
	case VALID_DOWN:
		return req_db_error(r, DB_DOWN);
	default:
		return req_db_error(r, DB_ERROR);
	}
}

/* The confirm step of a removal without JavaScript (C3): what goes, and a
 * form that sends the removal (lead_confirm.tpl). */
static int
confirm_page(struct req *r, const struct lead *l, const char *question, const char *what,
    const char *note, const char *action, const char *button, const char *back)
{
	req_title(r, arena_printf(&r->arena, "%s — %s", question, l->name));
	view_set(r->dict, "LEAD", l->pid);
	view_set(r->dict, "LEAD_NAME", l->name);
	view_set(r->dict, "QUESTION", question);
	lead_set_if(r->dict, "WHAT", "TEXT", what);
	view_set(r->dict, "NOTE", note);
	view_set(r->dict, "ACTION", action);
	view_set(r->dict, "BUTTON", button);
	view_set(r->dict, "BACK", back);
	return req_render(r, "lead_confirm.tpl");
}

static int
get_act_delete(struct req *r)
{
	struct activities_stored st;
	struct lead l;
	const char *what = NULL;
	int st_code;

	if ((st_code = url_activity(r, &st)) != 0 || (st_code = url_lead(r, &l)) != 0)
		return st_code;
	if (st.in != NULL) {
		what = form_str(st.model, st.in, "text");
		if (what == NULL || *what == '\0')
			what = form_str(st.model, st.in, "subject");
		if (what == NULL || *what == '\0')
			what = form_str(st.model, st.in, "title");
		if (what == NULL || *what == '\0')
			what = form_str(st.model, st.in, "note");
		if (what == NULL || *what == '\0')
			what = form_str(st.model, st.in, "body_text");
	}
	return confirm_page(r, &l, arena_printf(&r->arena, "Delete this %s?", kind_of(&st)), what,
	    arena_printf(&r->arena, "It goes to the lead's trash; an admin can restore it for %d days.",
	    TRASH_DAYS),
	    arena_printf(&r->arena, "/lead/%s/activity/%s/delete", l.pid, st.pid), "Delete",
	    arena_printf(&r->arena, "/lead/%s/#%s", l.pid, st.pid));
}

static int
post_act_delete(struct req *r)
{
	struct valid_errs errs;
	enum valid_rc rc;

	rc = trash_delete(&r->arena, r->who.org_id, r->who.user_id, is_admin(r), r->arg[0], r->arg[1], &errs);
	if (rc == VALID_REFUSED)
		return refuse(r, "delete-admin");
	if (rc == VALID_NOT_FOUND)
		return req_error(r, 404, NO_ACTIVITY);
	return answer(r, rc, F_NONE, NULL, NULL, &errs, "history-h");
}

/* The lead's trash (C2): what was deleted in the last 30 days; an admin restores. */
static int
get_trash(struct req *r)
{
	struct trash_item *it;
	struct view_dict *d;
	struct lead l;
	const char *note = req_str(r, KEY_REFUSED);
	size_t i, n;
	enum db_err e;
	int st_code;

	if ((st_code = url_lead(r, &l)) != 0)
		return st_code;
	if ((e = trash_list(&r->arena, r->who.org_id, l.id, r->who.time_zone, &it, &n)) != DB_OK)
		return req_db_error(r, e);
	req_title(r, arena_printf(&r->arena, "Trash — %s", l.name));
	view_set(r->dict, "LEAD", l.pid);
	view_set(r->dict, "LEAD_NAME", l.name);
	view_set_int(r->dict, "DAYS", TRASH_DAYS);
	if (note != NULL && strcmp(note, "restore-pins") == 0)
		lead_set_msg(r->dict, "NOTICE", "Restored, but not pinned again: 5 are pinned already.");
	else if (note != NULL)
		return req_error(r, 400, "That is not a notice the trash knows.");
	if (n == 0)
		view_show(r->dict, "EMPTY");
	if (!is_admin(r))
		view_show(r->dict, "NOT_ADMIN");
	for (i = 0; i < n; i++) {
		struct activities_stored k = { .type = it[i].type, .custom_type_name = it[i].custom_type };

		d = view_section(r->dict, "ITEM");
		view_set(d, "ACTI", it[i].pid);
		view_set(d, "KIND", kind_of(&k));
		view_set(d, "AUTHOR", *it[i].author ? it[i].author : "Someone");
		view_set(d, "WHEN", it[i].when);
		view_set(d, "BY", *it[i].deleted_by ? it[i].deleted_by : "Someone");
		view_set(d, "DELETED", it[i].deleted_when);
		lead_set_if(d, "WHAT", "TEXT", it[i].what);
		if (is_admin(r))
			view_show(d, "RESTORE");
	}
	return req_render(r, "lead_trash.tpl");
}

static int
post_restore(struct req *r)
{
	struct valid_errs errs;
	enum valid_rc rc;
	int unpinned;

	rc = trash_restore(&r->arena, r->who.org_id, r->who.user_id, is_admin(r), r->arg[0], r->arg[1],
	    &unpinned, &errs);
	if (rc == VALID_REFUSED)
		return req_error(r, 403, TRASH_RESTORE_ADMIN);
	if (rc == VALID_NOT_FOUND)
		return req_error(r, 404, NO_ACTIVITY);
	if (rc == VALID_OK && unpinned)
		return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/trash?refused=restore-pins",
		    r->arg[0]));
	return answer(r, rc, F_NONE, NULL, NULL, &errs, r->arg[1]);
}

/* --- tasks, opportunities and contacts: edit, reopen, remove (C3) -------- */

/* The task of the URL, of the URL's lead l: 0, or the 404 (another lead's,
 * another organization's or an unknown one alike). */
static int
url_task(struct req *r, const struct lead *l, struct tasks_stored *t)
{
	enum db_err e;
	int found;

	if ((e = tasks_read(&r->arena, r->who.org_id, l->id, r->arg[1], t, &found)) != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 404, NO_TASK);
	return 0;
}

/* Where a task's page leads back to: the task on the open list, or the list. */
static const char *
task_back(struct req *r, const struct tasks_stored *t)
{
	return arena_printf(&r->arena, "/lead/%s/#%s", r->arg[0], t->complete ? "tasks-h" : t->pid);
}

/* The task's edit page (lead_task_edit.tpl): its form with the stored
 * values, or with ag the input refused, again (422). */
static int
task_edit_page(struct req *r, const struct lead *l, const struct tasks_stored *t,
    const struct again *ag)
{
	struct view_dict *fd;
	int st_code;

	req_title(r, arena_printf(&r->arena, "Edit task — %s", l->name));
	view_set(r->dict, "LEAD", l->pid);
	view_set(r->dict, "LEAD_NAME", l->name);
	view_set(r->dict, "TPID", t->pid);
	view_set(r->dict, "BACK", task_back(r, t));
	if (t->complete)
		view_show(r->dict, "COMPLETE");
	fd = view_section(r->dict, "FORM");
	if ((st_code = lead_task_form(r, fd, l->id, t, ag)) != 0)
		return st_code;
	st_code = req_render(r, "lead_task_edit.tpl");
	return st_code == 200 && ag != NULL ? 422 : st_code;
}

static int
get_task_edit(struct req *r)
{
	struct tasks_stored t;
	struct lead l;
	int st_code;

	if ((st_code = url_lead(r, &l)) != 0 || (st_code = url_task(r, &l, &t)) != 0)
		return st_code;
	return task_edit_page(r, &l, &t, NULL);
}

static int
post_task_edit(struct req *r)
{
	struct tasks_stored t;
	struct tasks_in in;
	struct valid_errs errs;
	struct again ag = { F_TASK_EDIT, NULL, &errs, &in };
	struct lead l;
	enum valid_rc rc;
	int st_code;

	if ((st_code = url_lead(r, &l)) != 0 || (st_code = url_task(r, &l, &t)) != 0 ||
	    (st_code = bind(r, F_TASK_EDIT, &in)) != 0)
		return st_code;
	rc = tasks_update(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], &in, &errs);
	switch (rc) {
	case VALID_OK:
		return req_redirect(r, 303, task_back(r, &t));
	case VALID_INVALID:
	case VALID_REFUSED:
		/* on its own URL: the form again with the input and the messages */
		return task_edit_page(r, &l, &t, &ag);
	case VALID_NOT_FOUND:
		return req_error(r, 404, NO_TASK);
	case VALID_DOWN:
		return req_db_error(r, DB_DOWN);
	default:
		return req_db_error(r, DB_ERROR);
	}
}

static int
post_task_reopen(struct req *r)
{
	struct valid_errs errs;
	enum valid_rc rc;

	rc = tasks_reopen(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], &errs);
	if (rc == VALID_REFUSED)
		return refuse(r, "task-open");
	if (rc == VALID_NOT_FOUND)
		return req_error(r, 404, NO_TASK);
	return answer(r, rc, F_NONE, NULL, NULL, &errs, r->arg[1]);
}

static int
get_task_delete(struct req *r)
{
	struct tasks_stored t;
	struct lead l;
	int st_code;

	if ((st_code = url_lead(r, &l)) != 0 || (st_code = url_task(r, &l, &t)) != 0)
		return st_code;
	return confirm_page(r, &l, "Delete this task?", t.in.text,
	    t.complete ? "It is deleted for good; its completion stays in the history." :
	    "It is deleted for good.",
	    arena_printf(&r->arena, "/lead/%s/task/%s/delete", l.pid, t.pid), "Delete",
	    task_back(r, &t));
}

/* A removal's answer: 303 to the section, or the object's 404. */
static int
removed(struct req *r, enum valid_rc rc, const struct valid_errs *errs, const char *none,
    const char *anchor)
{
	if (rc == VALID_NOT_FOUND)
		return req_error(r, 404, none);
	return answer(r, rc, F_NONE, NULL, NULL, errs, anchor);
}

static int
post_task_delete(struct req *r)
{
	struct valid_errs errs;
	enum valid_rc rc;

	rc = tasks_remove(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], &errs);
	return removed(r, rc, &errs, NO_TASK, "tasks-h");
}

static int
get_opportunity_delete(struct req *r)
{
	struct lead_opportunity *o;
	struct lead l;
	size_t i, n;
	enum db_err e;
	int st_code;

	if ((st_code = url_lead(r, &l)) != 0)
		return st_code;
	if ((e = leads_opportunities(&r->arena, r->who.org_id, l.id, &o, &n)) != DB_OK)
		return req_db_error(r, e);
	for (i = 0; i < n; i++)
		if (strcmp(o[i].pid, r->arg[1]) == 0)
			return confirm_page(r, &l, "Delete this opportunity?",
			    arena_printf(&r->arena, "%s · %s%s%s", o[i].value_shown, o[i].status,
			    *o[i].note ? " · " : "", o[i].note),
			    "It is deleted for good; its past status changes stay in the history.",
			    arena_printf(&r->arena, "/lead/%s/opportunity/%s/delete", l.pid, o[i].pid),
			    "Delete", arena_printf(&r->arena, "/lead/%s/#%s", l.pid, o[i].pid));
	return req_error(r, 404, NO_OPPORTUNITY);
}

static int
post_opportunity_delete(struct req *r)
{
	struct valid_errs errs;
	enum valid_rc rc;

	rc = opportunities_remove(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], &errs);
	return removed(r, rc, &errs, NO_OPPORTUNITY, "opps-h");
}

static int
get_contact_remove(struct req *r)
{
	struct lead_contact *c;
	struct lead l;
	size_t i, n;
	enum db_err e;
	int st_code;

	if ((st_code = url_lead(r, &l)) != 0)
		return st_code;
	if ((e = leads_contacts(&r->arena, r->who.org_id, l.id, &c, &n)) != DB_OK)
		return req_db_error(r, e);
	for (i = 0; i < n; i++)
		if (strcmp(c[i].pid, r->arg[1]) == 0)
			return confirm_page(r, &l, arena_printf(&r->arena, "Remove %s?", c[i].name),
			    *c[i].title ? arena_printf(&r->arena, "%s, %s", c[i].name, c[i].title) : c[i].name,
			    "The contact goes with its email addresses and phone numbers, for good; "
			    "the tasks, opportunities and activities that name it keep no contact.",
			    arena_printf(&r->arena, "/lead/%s/contact/%s/remove", l.pid, c[i].pid),
			    "Remove", arena_printf(&r->arena, "/lead/%s/#%s", l.pid, c[i].pid));
	return req_error(r, 404, NO_CONTACT);
}

static int
post_contact_remove(struct req *r)
{
	struct valid_errs errs;
	enum valid_rc rc;

	rc = contacts_remove(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], &errs);
	if (rc == VALID_REFUSED)
		return refuse(r, "contact-b2c");
	return removed(r, rc, &errs, NO_CONTACT, "contacts-h");
}

static int
lead_post_status(struct req *r)
{
	const char *status = req_str(r, KEY_STATUS);
	enum leads_change ch;
	enum db_err e;

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

static int
lead_post_owner(struct req *r)
{
	const char *owner = req_str(r, KEY_OWNER);
	enum leadowner_change ch;
	enum db_err e;

	/* the lead first: an unknown or another organization's lead is the
	 * 404 whatever the form holds */
	e = leadowner_set(&r->arena, r->who.org_id, r->who.user_id, r->arg[0],
	    owner != NULL ? owner : "", &ch);
	if (e != DB_OK)
		return req_db_error(r, e);
	switch (ch) {
	case LEADOWNER_NO_LEAD:
		return req_error(r, 404, "There is no such lead.");
	case LEADOWNER_NO_MEMBER:
		if (owner == NULL)
			return req_error(r, 400, "Choose a member to own the lead.");
		return req_error(r, 400, "That is not an active member of this organization. "
		    "Nothing was changed.");
	case LEADOWNER_CHANGED:
	case LEADOWNER_UNCHANGED:
		break;
	}
	return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/", r->arg[0]));
}

static const struct route routes[] = {
	{ REQ_GET, "/lead/{lead}/", ROUTE_OWN_SESSION, lead_get_page },
	{ REQ_POST, "/lead/{lead}/status", 0, lead_post_status },
	{ REQ_POST, "/lead/{lead}/owner", 0, lead_post_owner },
	{ REQ_POST, "/lead/{lead}/edit", 0, post_lead_edit },
	{ REQ_POST, "/lead/{lead}/fields", 0, post_fields },
	{ REQ_POST, "/lead/{lead}/note", ROUTE_UPLOAD | ROUTE_FILES_OPTIONAL, post_note },
	{ REQ_POST, "/lead/{lead}/call", 0, post_call },
	{ REQ_POST, "/lead/{lead}/email", ROUTE_UPLOAD | ROUTE_FILES_OPTIONAL, post_email },
	{ REQ_POST, "/lead/{lead}/sms", ROUTE_UPLOAD | ROUTE_FILES_OPTIONAL, post_sms },
	{ REQ_POST, "/lead/{lead}/meeting", 0, post_meeting },
	{ REQ_POST, "/lead/{lead}/custom", 0, post_custom },
	{ REQ_POST, "/lead/{lead}/task", 0, post_task },
	{ REQ_POST, "/lead/{lead}/task/{task}/complete", 0, post_task_complete },
	{ REQ_POST, "/lead/{lead}/task/{task}/reopen", 0, post_task_reopen },
	{ REQ_GET, "/lead/{lead}/task/{task}/edit", 0, get_task_edit },
	{ REQ_POST, "/lead/{lead}/task/{task}/edit", 0, post_task_edit },
	{ REQ_GET, "/lead/{lead}/task/{task}/delete", 0, get_task_delete },
	{ REQ_POST, "/lead/{lead}/task/{task}/delete", 0, post_task_delete },
	{ REQ_POST, "/lead/{lead}/contact", 0, post_contact },
	{ REQ_POST, "/lead/{lead}/contact/{contact}/edit", 0, post_contact_edit },
	{ REQ_GET, "/lead/{lead}/contact/{contact}/remove", 0, get_contact_remove },
	{ REQ_POST, "/lead/{lead}/contact/{contact}/remove", 0, post_contact_remove },
	{ REQ_POST, "/lead/{lead}/opportunity", 0, post_opportunity },
	{ REQ_POST, "/lead/{lead}/opportunity/{opportunity}/edit", 0, post_opportunity_edit },
	{ REQ_GET, "/lead/{lead}/opportunity/{opportunity}/delete", 0, get_opportunity_delete },
	{ REQ_POST, "/lead/{lead}/opportunity/{opportunity}/delete", 0, post_opportunity_delete },
	{ REQ_POST, "/lead/{lead}/activity/{activity}/pin", 0, post_pin },
	{ REQ_POST, "/lead/{lead}/activity/{activity}/unpin", 0, post_unpin },
	{ REQ_GET, "/lead/{lead}/activity/{activity}/edit", 0, get_act_edit },
	{ REQ_POST, "/lead/{lead}/activity/{activity}/edit", 0, post_act_edit },
	{ REQ_GET, "/lead/{lead}/activity/{activity}/delete", 0, get_act_delete },
	{ REQ_POST, "/lead/{lead}/activity/{activity}/delete", 0, post_act_delete },
	{ REQ_GET, "/lead/{lead}/trash", 0, get_trash },
	{ REQ_POST, "/lead/{lead}/activity/{activity}/restore", 0, post_restore },
};

static const char *const templates[] = {
	"lead.tpl", "lead_history.tpl", "lead_act.tpl", "lead_act_when.tpl", "lead_fields.tpl", "lead_files.tpl", "lead_input.tpl",
	"lead_act_email.tpl", "lead_act_call.tpl", "lead_act_sms.tpl", "lead_act_meeting.tpl",
	"lead_act_note.tpl", "lead_act_status.tpl", "lead_act_task.tpl", "lead_act_custom.tpl",
	"lead_act_edit.tpl", "lead_act_edit_form.tpl", "lead_confirm.tpl", "lead_trash.tpl",
	"lead_task_edit.tpl",
	NULL
};

static struct page page = {
	"lead", routes, sizeof routes / sizeof routes[0], keys, 0, templates,
};

/* The page's keys: its own, then every field of its forms. */
static int
make_keys(void)
{
	size_t n = KEY__FIXED, f;

	memcpy(keys, fixed_keys, sizeof fixed_keys);
	for (f = 0; f < F__MAX && n > 0; f++)
		if (lead_form_models[f] != NULL)
			n = form_keys(keys, n, sizeof keys / sizeof keys[0], lead_form_models[f], FORM_MAX);
	page.nkeys = n;
	return n > 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	int rc;

	sqlcount = getenv("LEADLINE_TEST_SQLCOUNT") != NULL;
	if (make_keys() != 0) {
		fprintf(stderr, "lead: the forms have more fields than the page has room for\n");
		return 1;
	}
	rc = req_main(&page, argc, argv);
	pagecache_free();
	return rc;
}
