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
 *   POST /lead/<lead_id>/{edit,fields,note,call,email,sms,meeting,custom,task,
 *        contact,opportunity}, /lead/<id>/task/<task_id>/complete,
 *        /lead/<id>/contact/<cont_id>/{edit,remove}, /lead/<id>/opportunity/<oppo_id>/edit
 *                                    (L5, L6) csrf and the model's form fields: 303 back
 *                                    (to the new object); invalid input the page again,
 *                                    400, the form open with its messages and the input;
 *                                    a rule of the lead (B2C) 409; another org's ids 404.
 *                                    Note, email and sms also as multipart/form-data with
 *                                    files after the fields (F4): 25 MB each (an SMS's
 *                                    5 MB), 25 MB together, else 413 naming the limit;
 *                                    the activity, its files and their links in one
 *                                    transaction, or nothing (no row, blob or temp file);
 *                                    a full file store 507, an unwritable one 503
 *   POST /lead/<lead_id>/activity/<acti_id>/{pin,unpin}
 *                                    (P1, P2) csrf: pins a note or custom activity (any
 *                                    other type 400, nothing changed); a sixth pin 409,
 *                                    the page with "5 pinned at most — unpin one first";
 *                                    pinned already (unpinned already) a no-op; 303 back.
 *                                    Pinned ones stand on top of every page of the
 *                                    history, filtered or not (P3), read in the page's
 *                                    statement: no statement more.
 *
 * Who: an active member of the lead's organization. Any other lead id — of
 * another organization, unknown or malformed — is the same 404.
 * Templates: lead.tpl, lead_history.tpl, lead_act_*.tpl, lead_files.tpl, lead_fields.tpl.
 * Statuses: 200 302 303 400 403 404 413 500 503 507. An unknown type, an unknown
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
#include "fmt.h"
#include "form.h"
#include "http.h"
#include "conf.h"
#include "pagecache.h"
#include "ids.h"
#include "leadedit.h"
#include "leadforms.h"
#include "leads.h"
#include "log.h"
#include "opportunities.h"
#include "pins.h"
#include "req.h"
#include "sanitize.h"
#include "tasks.h"
#include "timeline.h"
#include "valid.h"
#include "view.h"

enum key {
	KEY_STATUS, KEY_TYPE, KEY_BEFORE, KEY_IMAGES, KEY_FRAGMENT,
	/* custom values: field=<cf_ id> in order, the i-th field's values under v<i> */
	KEY_FIELD, KEY_V0,
	KEY__FIXED = KEY_V0 + 32
};

#define FORM_MAX   (256 * 1024)
#define TM(n)      { n, REQ_K_TEXT, FORM_MAX, NULL, 1 }
#define V(i)       [KEY_V0 + i] = TM("v" #i)

/* The page's own parameters; the forms' fields follow them, added at
 * start-up from the models' tables (form_keys), all as text: the model
 * checks them, so a wrong one comes back as a message beside its field and
 * the user's input is kept. */
static const struct req_key fixed_keys[KEY__FIXED] = {
	[KEY_STATUS]   = { "status", REQ_K_ID, 0, "stat_", 0 },
	[KEY_TYPE]     = { "type", REQ_K_LINE, IDS_MAXLEN, NULL, 1 },
	[KEY_BEFORE]   = { "before", REQ_K_ID, 0, "acti_", 0 },
	[KEY_IMAGES]   = { "images", REQ_K_ID, 0, "acti_", 0 },
	[KEY_FRAGMENT] = { "fragment", REQ_K_LINE, 16, NULL, 0 },
	[KEY_FIELD] = TM("field"),
	V(0), V(1), V(2), V(3), V(4), V(5), V(6), V(7), V(8), V(9), V(10), V(11), V(12), V(13),
	V(14), V(15), V(16), V(17), V(18), V(19), V(20), V(21), V(22), V(23), V(24), V(25), V(26),
	V(27), V(28), V(29), V(30), V(31),
};
#define NVALUE_KEYS (KEY__FIXED - KEY_V0)
#define FORM_KEYS   64   /* room for the forms' fields */

static struct req_key keys[KEY__FIXED + FORM_KEYS];

/* The page's forms (L5). A form that was refused is shown again open, with
 * the user's input and a message beside each field. */
enum form {
	F_NONE, F_NOTE, F_CALL, F_EMAIL, F_SMS, F_MEETING, F_CUSTOM, F_TASK, F_TASK_DONE,
	F_CONTACT, F_CONTACT_EDIT, F_CONTACT_REMOVE, F_OPP, F_OPP_EDIT, F_LEAD, F_FIELDS, F_PIN, F__MAX
};

/* The model each form binds and shows (NULL: a form of no fields); values
 * come back under the field's name in capitals, its message in the section
 * <NAME>_ERR (form_show). */
static const struct form_model *const form_models[F__MAX] = {
	[F_NOTE] = &activities_note_form, [F_CALL] = &activities_call_form,
	[F_EMAIL] = &activities_email_form, [F_SMS] = &activities_sms_form,
	[F_MEETING] = &activities_meeting_form, [F_CUSTOM] = &activities_custom_form,
	[F_TASK] = &tasks_form, [F_CONTACT] = &contacts_form, [F_CONTACT_EDIT] = &contacts_form,
	[F_OPP] = &opportunities_form, [F_OPP_EDIT] = &opportunities_form, [F_LEAD] = &leadedit_form,
};

/* A refused form to show again: which one, on which object, and why. */
struct again {
	enum form                form;
	const char              *target;   /* the object's pid (an edit), the actitype_ (custom) */
	const struct valid_errs *errs;
	const void              *in;       /* the input as sent, in the form's model's struct */
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

/* --- the forms (L5) ------------------------------------------------------ */

/* What the forms choose from: the contacts (filled with the left column) and
 * leadforms' one statement. */
struct page_data {
	struct leadforms      lf;
	struct leadforms_opt *contacts;
	size_t                ncontacts;
};

static int
again_is(const struct again *ag, enum form f, const char *target)
{
	return ag != NULL && ag->form == f &&
	    (target == NULL || (ag->target != NULL && strcmp(ag->target, target) == 0));
}

static void
set_msg(struct view_dict *d, const char *section, const char *msg)
{
	if (msg != NULL)
		view_set(view_section(d, section), "MSG", msg);
}

/* A form's section: when it is the one refused, open, with the user's input
 * and the messages; else the fields hold defs (the model's struct; NULL:
 * all empty). */
static struct view_dict *
open_form(struct req *r, struct view_dict *parent, const char *section, enum form f,
    const char *target, const struct again *ag, const void *defs)
{
	struct view_dict *fd = view_section(parent, section);
	int back = again_is(ag, f, target);

	if (back)
		view_show(fd, "OPEN");
	form_show(&r->arena, fd, form_models[f], back ? ag->in : defs, back ? ag->errs : NULL);
	return fd;
}

static void
options(struct view_dict *fd, const char *section, const struct leadforms_opt *o, size_t n,
    const char *chosen)
{
	struct view_dict *d;
	size_t i;

	for (i = 0; i < n; i++) {
		d = view_section(fd, section);
		view_set(d, "V", o[i].pid);
		view_set(d, "L", o[i].label);
		if (chosen != NULL && strcmp(chosen, o[i].pid) == 0)
			view_show(d, "SEL");
	}
}

static void
table_options(struct view_dict *fd, const char *section, const char *const *t, const char *chosen)
{
	struct view_dict *d;

	for (; *t != NULL; t++) {
		d = view_section(fd, section);
		view_set(d, "V", *t);
		if (chosen != NULL && strcmp(chosen, *t) == 0)
			view_show(d, "SEL");
	}
}

/* The value a form field had: the user's input when the form came back, else def. */
static const char *
chosen(const struct again *ag, enum form f, const char *target, const char *name, const char *def)
{
	return again_is(ag, f, target) ? form_str(form_models[f], ag->in, name) : def;
}

/* The values of the custom field fpid as sent (field=<fpid> then v<i>), or NULL. */
static const struct req_field *
sent_values(struct req *r, const char *fpid)
{
	const struct req_field *fl = &r->field[KEY_FIELD];
	size_t i;

	for (i = 0; i < fl->nvals && i < NVALUE_KEYS; i++)
		if (strcmp(fl->vals[i], fpid) == 0)
			return &r->field[KEY_V0 + i];
	return NULL;
}

/* One custom field as the input of its type (lead_input.tpl), the i-th of its form. */
static void
fill_input(struct req *r, struct view_dict *d, const char *idp, size_t i,
    const struct leadforms_field *f, const struct leadforms *lf, int back,
    const struct valid_errs *errs)
{
	struct view_dict *in = view_include(d, "INPUT", "lead_input.tpl"), *c, *o;
	const char *const *vals = f->values, *msg = back ? valid_get(errs, f->pid) : NULL;
	size_t nvals = f->nvalues, j, k;
	const struct req_field *sent;
	const char *p, *e;

	if (back) {
		sent = sent_values(r, f->pid);
		vals = sent ? sent->vals : NULL;
		nvals = sent ? sent->nvals : 0;
	}
	view_set(in, "ID", arena_printf(&r->arena, "%s-%s", idp, f->pid));
	view_set(in, "NAME", arena_printf(&r->arena, "v%zu", i));
	view_set(in, "LABEL", f->name);
	view_set(in, "FPID", f->pid);
	if (strcmp(f->type, "textarea") == 0)
		c = view_section(in, "TEXTAREA");
	else if (strcmp(f->type, "choices") == 0 || strcmp(f->type, "user") == 0)
		c = view_section(in, "SELECT");
	else
		c = view_section(in, "ONE");
	view_set(c, "V", nvals ? vals[0] : "");
	set_msg(in, "ERR", msg);
	set_msg(c, "ERR", msg);
	view_set(c, "T", strcmp(f->type, "number") == 0 ? "text" : strcmp(f->type, "date") == 0 ? "date" :
	    strcmp(f->type, "datetime") == 0 ? "datetime-local" : strcmp(f->type, "url") == 0 ? "url" : "text");
	if (strcmp(f->type, "number") == 0)
		view_show(c, "DECIMAL");
	if (f->multiple)
		view_show(c, "MULTIPLE");
	else
		view_show(c, "NOPT");
	if (strcmp(f->type, "user") == 0) {
		for (k = 0; k < lf->nusers; k++) {
			o = view_section(c, "OPT");
			view_set(o, "V", lf->users[k].pid);
			view_set(o, "L", lf->users[k].label);
			for (j = 0; j < nvals; j++)
				if (strcmp(vals[j], lf->users[k].pid) == 0)
					view_show(o, "SEL");
		}
	} else if (strcmp(f->type, "choices") == 0) {
		for (p = f->choices; *p; p = *e ? e + 1 : e) {
			const char *line;
			e = p + strcspn(p, "\n");
			line = arena_strndup(&r->arena, p, (size_t)(e - p - (e > p && e[-1] == '\r')));
			if (line == NULL || *line == '\0')
				continue;
			o = view_section(c, "OPT");
			view_set(o, "V", line);
			view_set(o, "L", line);
			for (j = 0; j < nvals; j++)
				if (strcmp(vals[j], line) == 0)
					view_show(o, "SEL");
		}
	}
}

/* Rows of a contact's emails or phones (as sent when the form came back, as
 * stored otherwise), and one blank row to add one. */
static void
point_rows(struct req *r, struct view_dict *fd, const char *idp, const struct again *ag, int email,
    const struct lead_contact *c)
{
	const struct contacts_in *sent = ag ? ag->in : NULL;
	const struct lead_contact_point *pts = c ? (email ? c->emails : c->phones) : NULL;
	size_t n = c ? (email ? c->nemails : c->nphones) : 0;
	const char *what = email ? "emails" : "phones", *v, *t;
	struct view_dict *row;
	size_t i, rows = sent ? (email ? sent->nemails : sent->nphones) : n + 1;

	if (rows == 0)
		rows = 1;
	if (sent)
		set_msg(fd, email ? "EMAILS_ERR" : "PHONES_ERR", valid_get(ag->errs, what));
	for (i = 0; i < rows; i++) {
		if (sent && email)
			v = i < sent->nemails ? sent->emails[i].email : "", t = i < sent->nemails ?
			    sent->emails[i].type : "";
		else if (sent)
			v = i < sent->nphones ? sent->phones[i].phone : "", t = i < sent->nphones ?
			    sent->phones[i].type : "";
		else
			v = i < n ? pts[i].value : "", t = i < n ? pts[i].type : "";
		row = view_section(fd, email ? "EMAIL_ROW" : "PHONE_ROW");
		view_set(row, "ID", arena_printf(&r->arena, "%s-%s-%zu", idp, email ? "email" : "phone", i));
		view_set(row, "V", v ? v : "");
		view_set_int(row, "N", (long long)i + 1);
		table_options(row, "TYPE_OPT", email ? valid_email_types : valid_phone_types, t ? t : "");
		if (sent) {
			set_msg(row, "V_ERR", valid_get(ag->errs, arena_printf(&r->arena, "%s.%zu.%s", what, i,
			    email ? "email" : "phone")));
			set_msg(row, "T_ERR", valid_get(ag->errs, arena_printf(&r->arena, "%s.%zu.type", what, i)));
		}
	}
}

/* A contact's form (add or edit); ag only when it is the one that came back. */
static void
contact_form(struct req *r, struct view_dict *fd, const char *idp, const struct again *ag,
    const struct lead_contact *c)
{
	view_set(fd, "IDP", idp);
	point_rows(r, fd, idp, ag, 1, c);
	point_rows(r, fd, idp, ag, 0, c);
}

/* Minor units as a form takes them back: 120050 USD is "1200.50". */
static const char *
amount_of(struct req *r, long long minor, const char *currency)
{
	struct valid_errs e;
	struct valid_spec sp = { "value_currency", "The currency", 0, 0 };
	const char *c;
	long long p = 1;
	int exp = 2, i;

	valid_reset(&e);
	if (!valid_currency(&r->arena, &e, &sp, currency, &c, &exp))
		exp = 2;
	for (i = 0; i < exp; i++)
		p *= 10;
	if (exp == 0)
		return arena_printf(&r->arena, "%lld", minor);
	return arena_printf(&r->arena, "%lld.%0*lld", minor / p, exp, minor % p);
}

/* An opportunity's form (add: o NULL, or edit). */
static void
opp_form(struct req *r, struct view_dict *parent, const char *section, enum form f,
    const struct leadforms_opp *o, const struct page_data *pd, const struct again *ag)
{
	const char *target = o ? o->pid : NULL;
	struct opportunities_in d = { .value_currency = "USD", .value_period = "one_time" };
	struct view_dict *fd;

	if (o != NULL)
		d = (struct opportunities_in){ .status_id = o->status_pid,
		    .value = amount_of(r, o->value, o->currency), .value_currency = o->currency,
		    .value_period = o->period, .confidence = arena_printf(&r->arena, "%d", o->confidence),
		    .expected_date = o->expected_date, .user_id = o->user_pid,
		    .contact_id = o->contact_pid, .note = o->note };
	fd = open_form(r, parent, section, f, target, ag, &d);
	view_set(fd, "IDP", o ? o->pid : "opp-new");
	options(fd, "STATUS_OPT", pd->lf.opp_statuses, pd->lf.nopp_statuses,
	    chosen(ag, f, target, "status_id", d.status_id));
	table_options(fd, "PERIOD_OPT", valid_periods, chosen(ag, f, target, "value_period", d.value_period));
	options(fd, "USER_OPT", pd->lf.users, pd->lf.nusers, chosen(ag, f, target, "user_id", d.user_id));
	options(fd, "CONTACT_OPT", pd->contacts, pd->ncontacts,
	    chosen(ag, f, target, "contact_id", d.contact_id));
}

/* The activity forms at the top of the history, the add forms of the left
 * column, the lead's edit form and the custom fields' form. */
static void
fill_forms(struct req *r, const struct lead *l, const struct page_data *pd, const struct again *ag)
{
	const struct leadedit_in lead_defs = { l->name, l->url, l->description };
	struct view_dict *fd;
	size_t i, j, n;
	static const struct { enum form f; const char *section; } acts[] = {
		{ F_NOTE, "NOTE_FORM" }, { F_CALL, "CALL_FORM" }, { F_EMAIL, "EMAIL_FORM" },
		{ F_SMS, "SMS_FORM" }, { F_MEETING, "MEETING_FORM" },
	};

	for (i = 0; i < sizeof acts / sizeof acts[0]; i++) {
		fd = open_form(r, r->dict, acts[i].section, acts[i].f, NULL, ag, NULL);
		options(fd, "CONTACT_OPT", pd->contacts, pd->ncontacts,
		    chosen(ag, acts[i].f, NULL, "contact_id", NULL));
		table_options(fd, "DIRECTION_OPT", valid_directions,
		    chosen(ag, acts[i].f, NULL, "direction", "outgoing"));
		table_options(fd, "OUTCOME_OPT", valid_call_outcomes,
		    chosen(ag, acts[i].f, NULL, "outcome", NULL));
	}
	for (i = 0; i < pd->lf.ntypes; i++) {
		const char *tp = pd->lf.types[i].pid;
		int back = again_is(ag, F_CUSTOM, tp);

		fd = open_form(r, r->dict, "ATYPE_FORM", F_CUSTOM, tp, ag, NULL);
		view_set(fd, "ATPID", tp);
		view_set(fd, "ANAME", pd->lf.types[i].label);
		options(fd, "CONTACT_OPT", pd->contacts, pd->ncontacts,
		    chosen(ag, F_CUSTOM, tp, "contact_id", NULL));
		for (j = 0, n = 0; j < pd->lf.ntype_fields && n < NVALUE_KEYS; j++)
			if (strcmp(pd->lf.type_fields[j].type_pid, tp) == 0)
				fill_input(r, view_section(fd, "CF"), tp, n++, &pd->lf.type_fields[j], &pd->lf,
				    back, ag ? ag->errs : NULL);
	}
	fd = open_form(r, r->dict, "TASK_FORM", F_TASK, NULL, ag, NULL);
	options(fd, "USER_OPT", pd->lf.users, pd->lf.nusers, chosen(ag, F_TASK, NULL, "assigned_to", NULL));
	options(fd, "CONTACT_OPT", pd->contacts, pd->ncontacts,
	    chosen(ag, F_TASK, NULL, "contact_id", NULL));
	opp_form(r, r->dict, "OPP_FORM", F_OPP, NULL, pd, ag);
	fd = open_form(r, r->dict, "CONTACT_FORM", F_CONTACT, NULL, ag, NULL);
	contact_form(r, fd, "contact-new", again_is(ag, F_CONTACT, NULL) ? ag : NULL, NULL);
	open_form(r, r->dict, "LEAD_FORM", F_LEAD, NULL, ag, &lead_defs);
	if (pd->lf.nfields > 0) {
		int back = again_is(ag, F_FIELDS, NULL);
		fd = open_form(r, r->dict, "FIELDS_FORM", F_FIELDS, NULL, ag, NULL);
		for (j = 0; j < pd->lf.nfields && j < NVALUE_KEYS; j++)
			fill_input(r, view_section(fd, "CF"), "fields", j, &pd->lf.fields[j], &pd->lf, back,
			    ag ? ag->errs : NULL);
	}
}

/* --- the left column (L2) ------------------------------------------------ */

static int
fill_tasks(struct req *r, long long lead_id, const struct again *ag)
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
		if (again_is(ag, F_TASK_DONE, t[i].pid))
			set_msg(d, "DONE_ERR", valid_get(ag->errs, VALID_FORM));
	}
	return 0;
}

static int
fill_opportunities(struct req *r, long long lead_id, const struct page_data *pd,
    const struct again *ag)
{
	struct lead_opportunity *o;
	struct view_dict *d;
	size_t i, j, n;
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
		for (j = 0; j < pd->lf.nopps; j++)
			if (strcmp(pd->lf.opps[j].pid, o[i].pid) == 0)
				opp_form(r, d, "EDIT", F_OPP_EDIT, &pd->lf.opps[j], pd, ag);
	}
	return 0;
}

static int
fill_contacts(struct req *r, long long lead_id, struct page_data *pd, const struct again *ag)
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
	if ((pd->contacts = arena_alloc(&r->arena, (n + 1) * sizeof *pd->contacts)) == NULL)
		return req_error(r, 500, "Out of memory.");
	pd->ncontacts = n;
	for (i = 0; i < n; i++) {
		const struct contacts_in defs = { .name = c[i].name, .title = c[i].title };
		struct view_dict *ed;

		pd->contacts[i] = (struct leadforms_opt){ c[i].pid, c[i].name };
		d = view_section(r->dict, "CONTACT");
		ed = open_form(r, d, "EDIT", F_CONTACT_EDIT, c[i].pid, ag, &defs);
		contact_form(r, ed, c[i].pid, again_is(ag, F_CONTACT_EDIT, c[i].pid) ? ag : NULL, &c[i]);
		if (again_is(ag, F_CONTACT_REMOVE, c[i].pid))
			set_msg(d, "REMOVE_ERR", valid_get(ag->errs, VALID_FORM));
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

/* The lead's custom fields as leadforms read them (one statement for the
 * forms and the left column). */
static void
fill_custom_fields(struct req *r, const struct page_data *pd)
{
	const struct leadforms_field *f = pd->lf.fields;
	struct view_dict *d;
	size_t i, n = pd->lf.nfields;

	d = view_include(r->dict, "FIELDS", "lead_fields.tpl");
	if (n == 0)
		view_show(r->dict, "NO_FIELDS");
	for (i = 0; i < n; i++) {
		struct view_dict *fd = view_section(d, "FIELD");
		view_set(fd, "NAME", f[i].name);
		fill_values(r, fd, f[i].type, f[i].shown, f[i].nvalues);
	}
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

/* The date of an activity: a link to it on this page, with "Copy Link" (A1).
 * Each partial puts it where Close does ({{>WHEN}}). */
static void
fill_when(struct view_dict *body, const struct timeline_item *it, const struct view_state *vs)
{
	struct view_dict *w = view_include(body, "WHEN", "lead_act_when.tpl");

	view_set(w, "LEAD", vs->lead);
	view_set(w, "ACTI", it->pid);
	view_set(w, "WHEN", it->when);
	view_set(w, "UTC", it->when_utc);
}

/* One activity of the history (lead_act.tpl); id_prefix tells the copy in the
 * pinned section from the one in the feed (an id is once on a page). */
static void
fill_act(struct req *r, struct view_dict *d, const char *section, const struct timeline_item *it,
    const struct view_state *vs, const char *id_prefix)
{
	struct view_dict *a, *body, *pf;

	a = view_include(view_section(d, section), "ITEM", "lead_act.tpl");
	view_set(a, "ID_PREFIX", id_prefix);
	view_set(a, "ACTI", it->pid);
	view_set(a, "TYPE", timeline_types[it->type].name);
	view_set(a, "KIND", it->type == TIMELINE_CUSTOM ? it->custom_type : timeline_types[it->type].label);
	view_set(a, "USER", *it->user ? it->user : "Someone");
	set_if(a, "WITH", "NAME", it->contact);
	set_if(a, "DIRECTION", "DIR", it->direction);
	if (it->pinned)
		view_show(a, "PINNED");
	/* P1: only notes and custom activities have the control */
	if (it->type == TIMELINE_NOTE || it->type == TIMELINE_CUSTOM) {
		pf = view_section(a, "PIN_FORM");
		view_set(pf, "LEAD", vs->lead);
		view_set(pf, "ACTION", it->pinned ? "unpin" : "pin");
		view_set(pf, "LABEL", it->pinned ? "Unpin" : "Pin");
	}
	body = view_include(a, "BODY", shows[it->type].tpl);
	fill_when(body, it, vs);
	shows[it->type].fill(r, body, it, vs);
}

static void
fill_history(struct req *r, struct view_dict *d, const struct timeline_page *pg,
    const struct view_state *vs)
{
	struct view_dict *a, *ps;
	size_t i;

	if (pg->npinned > 0) {
		ps = view_section(d, "PINNED_SECTION");
		for (i = 0; i < pg->npinned; i++)
			fill_act(r, ps, "PACT", &pg->pinned[i], vs, "pinned-");
	}
	if (pg->n == 0)
		view_show(view_section(d, "EMPTY"), vs->kinds->nselected ? "FILTERED" : "UNFILTERED");
	for (i = 0; i < pg->n; i++)
		fill_act(r, d, "ACT", &pg->items[i], vs, "");
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

/* The page; with ag, a form refused is shown again in it (any query is ignored then). */
/*
 * The page cache (issue 8): a GET of the page, or of its history fragment, is
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
	size_t nst = 0;
	enum db_err e;
	int found, st_code;

	if (fragment != NULL && strcmp(fragment, "history") != 0)
		return req_error(r, 400, "The only fragment of the lead page is \"history\".");
	if (!ids_valid("lead_", r->arg[0]))
		return req_error(r, 404, "There is no such lead.");
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
		return keep_page(r, key, &stamp, req_render(r, "lead_history.tpl"));
	}
	if (head != NULL && (e = leads_statuses(&r->arena, r->who.org_id, l.status_pid, &st, &nst)) != DB_OK)
		return req_db_error(r, e);
	fill_head(r, &l, st, nst);
	if ((e = leadforms_load(&r->arena, r->who.org_id, l.id, r->who.time_zone, &pd.lf)) != DB_OK)
		return req_db_error(r, e);
	if ((st_code = fill_contacts(r, l.id, &pd, ag)) != 0 || (st_code = fill_tasks(r, l.id, ag)) != 0 ||
	    (st_code = fill_opportunities(r, l.id, &pd, ag)) != 0)
		return st_code;
	fill_custom_fields(r, &pd);
	fill_forms(r, &l, &pd, ag);
	fill_filter(r, &vs);
	fill_history(r, view_include(r->dict, "HISTORY", "lead_history.tpl"), &pg, &vs);
	if (ag != NULL && ag->form == F_PIN)
		set_msg(r->dict, "PIN_ERR", valid_get(ag->errs, VALID_FORM));
	count_header(r);
	return keep_page(r, key, &stamp, req_render(r, "lead.tpl"));
}

/* GET: the session and the lead's head in one statement (ROUTE_OWN_SESSION,
 * issue 8), so a kept page costs that one statement. */
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
	if (form_bind(&r->arena, form_models[f], form_src_req, r, in) != 0)
		return req_error(r, 500, "Out of memory.");
	return 0;
}

#define LEAD_ID_OR_404(r) \
	do { if (!ids_valid("lead_", (r)->arg[0])) return req_error((r), 404, "There is no such lead."); } while (0)

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

	LEAD_ID_OR_404(r);
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

	LEAD_ID_OR_404(r);
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

	LEAD_ID_OR_404(r);
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

	LEAD_ID_OR_404(r);
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

	LEAD_ID_OR_404(r);
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

	LEAD_ID_OR_404(r);
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

	LEAD_ID_OR_404(r);
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

	LEAD_ID_OR_404(r);
	if ((st = bind(r, F_TASK, &in)) != 0)
		return st;
	rc = tasks_add(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], &in, pid, &errs);
	return answer(r, rc, F_TASK, NULL, &in, &errs, pid);
}

static int
post_task_complete(struct req *r)
{
	struct valid_errs errs;
	enum valid_rc rc;

	LEAD_ID_OR_404(r);
	if (!ids_valid("task_", r->arg[1]))
		return req_error(r, 404, "There is no such lead.");
	rc = tasks_complete(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], &errs);
	return answer(r, rc, F_TASK_DONE, r->arg[1], NULL, &errs, "tasks-h");
}

static int
post_contact(struct req *r)
{
	struct contacts_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN] = "";
	enum valid_rc rc;
	int st;

	LEAD_ID_OR_404(r);
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

	LEAD_ID_OR_404(r);
	if (!ids_valid("cont_", r->arg[1]))
		return req_error(r, 404, "There is no such lead.");
	if ((st = bind(r, F_CONTACT_EDIT, &in)) != 0)
		return st;
	rc = contacts_update(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], &in, &errs);
	return answer(r, rc, F_CONTACT_EDIT, r->arg[1], &in, &errs, r->arg[1]);
}

static int
post_contact_remove(struct req *r)
{
	struct valid_errs errs;
	enum valid_rc rc;

	LEAD_ID_OR_404(r);
	if (!ids_valid("cont_", r->arg[1]))
		return req_error(r, 404, "There is no such lead.");
	rc = contacts_remove(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], &errs);
	return answer(r, rc, F_CONTACT_REMOVE, r->arg[1], NULL, &errs, "contacts-h");
}

static int
post_opportunity(struct req *r)
{
	struct opportunities_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN] = "";
	enum valid_rc rc;
	int st;

	LEAD_ID_OR_404(r);
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

	LEAD_ID_OR_404(r);
	if (!ids_valid("oppo_", r->arg[1]))
		return req_error(r, 404, "There is no such lead.");
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

	LEAD_ID_OR_404(r);
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

	LEAD_ID_OR_404(r);
	rc = pins_set(&r->arena, r->who.org_id, r->who.user_id, r->arg[0], r->arg[1], pin, &errs);
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
	{ REQ_GET, "/lead/*/", ROUTE_OWN_SESSION, lead_get_page },
	{ REQ_POST, "/lead/*/status", 0, lead_post_status },
	{ REQ_POST, "/lead/*/edit", 0, post_lead_edit },
	{ REQ_POST, "/lead/*/fields", 0, post_fields },
	{ REQ_POST, "/lead/*/note", ROUTE_UPLOAD | ROUTE_FILES_OPTIONAL, post_note },
	{ REQ_POST, "/lead/*/call", 0, post_call },
	{ REQ_POST, "/lead/*/email", ROUTE_UPLOAD | ROUTE_FILES_OPTIONAL, post_email },
	{ REQ_POST, "/lead/*/sms", ROUTE_UPLOAD | ROUTE_FILES_OPTIONAL, post_sms },
	{ REQ_POST, "/lead/*/meeting", 0, post_meeting },
	{ REQ_POST, "/lead/*/custom", 0, post_custom },
	{ REQ_POST, "/lead/*/task", 0, post_task },
	{ REQ_POST, "/lead/*/task/*/complete", 0, post_task_complete },
	{ REQ_POST, "/lead/*/contact", 0, post_contact },
	{ REQ_POST, "/lead/*/contact/*/edit", 0, post_contact_edit },
	{ REQ_POST, "/lead/*/contact/*/remove", 0, post_contact_remove },
	{ REQ_POST, "/lead/*/opportunity", 0, post_opportunity },
	{ REQ_POST, "/lead/*/opportunity/*/edit", 0, post_opportunity_edit },
	{ REQ_POST, "/lead/*/activity/*/pin", 0, post_pin },
	{ REQ_POST, "/lead/*/activity/*/unpin", 0, post_unpin },
};

static const char *const templates[] = {
	"lead.tpl", "lead_history.tpl", "lead_act.tpl", "lead_act_when.tpl", "lead_fields.tpl", "lead_files.tpl", "lead_input.tpl",
	"lead_act_email.tpl", "lead_act_call.tpl", "lead_act_sms.tpl", "lead_act_meeting.tpl",
	"lead_act_note.tpl", "lead_act_status.tpl", "lead_act_task.tpl", "lead_act_custom.tpl",
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
		if (form_models[f] != NULL)
			n = form_keys(keys, n, sizeof keys / sizeof keys[0], form_models[f], FORM_MAX);
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
