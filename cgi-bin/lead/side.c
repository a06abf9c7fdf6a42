/* side.c — the lead page's left column (L2: open tasks, opportunities,
 * contacts, custom fields) and every form of the page (L5): each shown from
 * its model's struct (lib/form.h) — the defaults, or the input sent when it
 * was refused, with its messages. Part of the lead program (lead.h). */
#include <string.h>

#include "activities.h"
#include "arena.h"
#include "contacts.h"
#include "leadedit.h"
#include "opportunities.h"
#include "tasks.h"

#include "lead.h"

/* The model each form binds and shows (NULL: a form of no fields); values
 * come back under the field's name in capitals, its message in the section
 * <NAME>_ERR (form_show). */
const struct form_model *const lead_form_models[F__MAX] = {
	[F_NOTE] = &activities_note_form, [F_CALL] = &activities_call_form,
	[F_EMAIL] = &activities_email_form, [F_SMS] = &activities_sms_form,
	[F_MEETING] = &activities_meeting_form, [F_CUSTOM] = &activities_custom_form,
	[F_TASK] = &tasks_form, [F_TASK_EDIT] = &tasks_form, [F_CONTACT] = &contacts_form, [F_CONTACT_EDIT] = &contacts_form,
	[F_OPP] = &opportunities_form, [F_OPP_EDIT] = &opportunities_form, [F_LEAD] = &leadedit_form,
};

int
lead_again_is(const struct again *ag, enum form f, const char *target)
{
	return ag != NULL && ag->form == f &&
	    (target == NULL || (ag->target != NULL && strcmp(ag->target, target) == 0));
}

/* A form's section: when it is the one refused, open, with the user's input
 * and the messages; else the fields hold defs (the model's struct; NULL:
 * all empty). */
static struct view_dict *
open_form(struct req *r, struct view_dict *parent, const char *section, enum form f,
    const char *target, const struct again *ag, const void *defs)
{
	struct view_dict *fd = view_section(parent, section);
	int back = lead_again_is(ag, f, target);

	if (back)
		view_show(fd, "OPEN");
	form_show(&r->arena, fd, lead_form_models[f], back ? ag->in : defs, back ? ag->errs : NULL);
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
	return lead_again_is(ag, f, target) ? form_str(lead_form_models[f], ag->in, name) : def;
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
	lead_set_msg(in, "ERR", msg);
	lead_set_msg(c, "ERR", msg);
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
		lead_set_msg(fd, email ? "EMAILS_ERR" : "PHONES_ERR", valid_get(ag->errs, what));
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
			lead_set_msg(row, "V_ERR", valid_get(ag->errs, arena_printf(&r->arena, "%s.%zu.%s", what, i,
			    email ? "email" : "phone")));
			lead_set_msg(row, "T_ERR", valid_get(ag->errs, arena_printf(&r->arena, "%s.%zu.type", what, i)));
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
void
lead_forms(struct req *r, const struct lead *l, const struct page_data *pd, const struct again *ag)
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
		int back = lead_again_is(ag, F_CUSTOM, tp);

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
	contact_form(r, fd, "contact-new", lead_again_is(ag, F_CONTACT, NULL) ? ag : NULL, NULL);
	open_form(r, r->dict, "LEAD_FORM", F_LEAD, NULL, ag, &lead_defs);
	if (pd->lf.nfields > 0) {
		int back = lead_again_is(ag, F_FIELDS, NULL);
		fd = open_form(r, r->dict, "FIELDS_FORM", F_FIELDS, NULL, ag, NULL);
		for (j = 0; j < pd->lf.nfields && j < NVALUE_KEYS; j++)
			fill_input(r, view_section(fd, "CF"), "fields", j, &pd->lf.fields[j], &pd->lf, back,
			    ag ? ag->errs : NULL);
	}
}
int
lead_tasks(struct req *r, long long lead_id)
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
		lead_set_if(d, "ASSIGNEE", "NAME", t[i].assignee);
		/* not "CONTACT": a section missing here is looked up in the parent
		 * dictionary, where the left column's contacts are CONTACT */
		lead_set_if(d, "WITH_CONTACT", "NAME", t[i].contact);
	}
	return 0;
}

int
lead_opportunities(struct req *r, long long lead_id, const struct page_data *pd,
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
		lead_set_if(d, "CLOSE", "DATE", o[i].close_date);
		lead_set_if(d, "OWNER", "NAME", o[i].owner);
		lead_set_if(d, "WITH_CONTACT", "NAME", o[i].contact);
		lead_set_if(d, "NOTE", "TEXT", o[i].note);
		for (j = 0; j < pd->lf.nopps; j++)
			if (strcmp(pd->lf.opps[j].pid, o[i].pid) == 0)
				opp_form(r, d, "EDIT", F_OPP_EDIT, &pd->lf.opps[j], pd, ag);
	}
	return 0;
}

int
lead_contacts(struct req *r, long long lead_id, struct page_data *pd, const struct again *ag)
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
		contact_form(r, ed, c[i].pid, lead_again_is(ag, F_CONTACT_EDIT, c[i].pid) ? ag : NULL, &c[i]);
		view_set(d, "CPID", c[i].pid);
		view_set(d, "NAME", c[i].name);
		lead_set_if(d, "TITLE", "TEXT", c[i].title);
		for (j = 0; j < c[i].nemails; j++) {
			p = view_section(d, "EMAIL");
			view_set(p, "ADDRESS", c[i].emails[j].value);
			view_set(p, "KIND", c[i].emails[j].type);
		}
		for (j = 0; j < c[i].nphones; j++) {
			p = view_section(d, "PHONE");
			view_set(p, "NUMBER", c[i].phones[j].value);
			view_set(p, "TEL", lead_tel(&r->arena, c[i].phones[j].value));
			view_set(p, "KIND", c[i].phones[j].type);
		}
	}
	return 0;
}

/* The lead's custom fields as leadforms read them (one statement for the
 * forms and the left column). */
void
lead_custom_fields(struct req *r, const struct page_data *pd)
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
		lead_values(r, fd, f[i].type, f[i].shown, f[i].nvalues);
	}
}

/* The section of each type's edit form in lead_act_edit_form.tpl. */
static const struct {
	const char *type;
	const char *section;
} edit_sections[] = {
	{ "note", "NOTE_EDIT" }, { "call", "CALL_EDIT" }, { "email", "EMAIL_EDIT" },
	{ "sms", "SMS_EDIT" }, { "meeting", "MEETING_EDIT" }, { "custom", "CUSTOM_EDIT" },
};

int
lead_edit_form(struct req *r, struct view_dict *form, long long lead_id,
    const struct activities_stored *st, const struct again *ag)
{
	int back = ag != NULL && ag->form == F_ACT_EDIT;
	const void *in = back ? ag->in : st->in;
	const struct valid_errs *errs = back ? ag->errs : NULL;
	struct leadforms_opt *opts;
	struct lead_contact *c;
	struct leadforms lf;
	struct view_dict *fd = NULL;
	size_t i, j, n, nc;
	enum db_err e;

	for (i = 0; i < sizeof edit_sections / sizeof edit_sections[0]; i++)
		if (strcmp(edit_sections[i].type, st->type) == 0)
			fd = view_section(form, edit_sections[i].section);
	if (fd == NULL || st->model == NULL)
		return req_error(r, 404, "There is no such activity.");
	form_show(&r->arena, fd, st->model, in, errs);
	if ((e = leads_contacts(&r->arena, r->who.org_id, lead_id, &c, &nc)) != DB_OK)
		return req_db_error(r, e);
	if ((opts = arena_alloc(&r->arena, (nc + 1) * sizeof *opts)) == NULL)
		return req_error(r, 500, "Out of memory.");
	for (i = 0; i < nc; i++)
		opts[i] = (struct leadforms_opt){ c[i].pid, c[i].name };
	options(fd, "CONTACT_OPT", opts, nc, form_str(st->model, in, "contact_id"));
	if (strcmp(st->type, "call") == 0 || strcmp(st->type, "email") == 0 || strcmp(st->type, "sms") == 0)
		table_options(fd, "DIRECTION_OPT", valid_directions, form_str(st->model, in, "direction"));
	if (strcmp(st->type, "call") == 0)
		table_options(fd, "OUTCOME_OPT", valid_call_outcomes, form_str(st->model, in, "outcome"));
	if (strcmp(st->type, "custom") != 0)
		return 0;
	view_set(fd, "ATPID", st->custom_type_pid);
	if ((e = leadforms_load(&r->arena, r->who.org_id, lead_id, r->who.time_zone, &lf)) != DB_OK)
		return req_db_error(r, e);
	for (j = 0, n = 0; j < lf.ntype_fields && n < NVALUE_KEYS; j++) {
		struct leadforms_field f = lf.type_fields[j];
		size_t k, m = 0;

		if (strcmp(f.type_pid, st->custom_type_pid) != 0)
			continue;
		if ((f.values = arena_alloc(&r->arena, (st->nvalues + 1) * sizeof *f.values)) == NULL)
			return req_error(r, 500, "Out of memory.");
		for (k = 0; k < st->nvalues; k++)
			if (strcmp(st->value_field[k], f.pid) == 0)
				f.values[m++] = st->value[k];
		f.nvalues = m;
		fill_input(r, view_section(fd, "CF"), "edit", n++, &f, &lf, back, errs);
	}
	return 0;
}

int
lead_task_form(struct req *r, struct view_dict *form, long long lead_id,
    const struct tasks_stored *st, const struct again *ag)
{
	int back = ag != NULL && ag->form == F_TASK_EDIT;
	const struct tasks_in *in = back ? ag->in : &st->in;
	const char *assignee = in->assigned_to ? in->assigned_to : "";
	struct leadforms_opt *opts;
	struct lead_contact *c;
	struct leadforms lf;
	struct view_dict *d;
	size_t i, nc;
	int listed = 0;
	enum db_err e;

	form_show(&r->arena, form, &tasks_form, in, back ? ag->errs : NULL);
	if ((e = leadforms_load(&r->arena, r->who.org_id, lead_id, r->who.time_zone, &lf)) != DB_OK ||
	    (e = leads_contacts(&r->arena, r->who.org_id, lead_id, &c, &nc)) != DB_OK)
		return req_db_error(r, e);
	/* an assignee no longer active stays, as the task has them (tasks_update) */
	for (i = 0; i < lf.nusers; i++)
		listed |= strcmp(lf.users[i].pid, assignee) == 0;
	if (!listed && *assignee != '\0' && strcmp(assignee, st->in.assigned_to) == 0) {
		d = view_section(form, "USER_OPT");
		view_set(d, "V", assignee);
		view_set(d, "L", *st->assignee_name ? st->assignee_name : "Someone");
		view_show(d, "SEL");
	}
	options(form, "USER_OPT", lf.users, lf.nusers, assignee);
	if ((opts = arena_alloc(&r->arena, (nc + 1) * sizeof *opts)) == NULL)
		return req_error(r, 500, "Out of memory.");
	for (i = 0; i < nc; i++)
		opts[i] = (struct leadforms_opt){ c[i].pid, c[i].name };
	options(form, "CONTACT_OPT", opts, nc, in->contact_id);
	return 0;
}
