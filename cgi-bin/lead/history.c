/* history.c — the lead page's history (L3): each activity by its type,
 * email bodies through the sanitizer (L7), the filter (L4), the pinned
 * section (P3); and the small view helpers the left column shares. Part of
 * the lead program (lead.h). */
#include <string.h>

#include "arena.h"
#include "fmt.h"
#include "http.h"
#include "log.h"
#include "sanitize.h"

#include "lead.h"

int
lead_web_url(const char *u)
{
	return strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0;
}

/* A number as a tel: link wants it: a leading + and the digits. */
const char *
lead_tel(struct arena *a, const char *phone)
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

void
lead_set_if(struct view_dict *d, const char *section, const char *key, const char *val)
{
	if (val != NULL && *val != '\0')
		view_set(view_section(d, section), key, val);
}

/* A message under MSG in a new section, when there is one. */
void
lead_set_msg(struct view_dict *d, const char *section, const char *msg)
{
	if (msg != NULL)
		view_set(view_section(d, section), "MSG", msg);
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
void
lead_values(struct req *r, struct view_dict *field, const char *type, const char *const *values,
    size_t n)
{
	struct view_dict *v;
	size_t i;

	view_set(field, "TYPE", type);
	if (n == 0)
		view_show(field, "NONE");
	for (i = 0; i < n; i++) {
		v = view_section(field, "VAL");
		if (strcmp(type, "url") == 0 && lead_web_url(values[i]))
			view_set(view_section(v, "LINK"), "V", values[i]);
		else if (strcmp(type, "number") == 0)
			view_set(view_section(v, "TEXT"), "V", fmt_number(&r->arena, values[i]));
		else
			view_set(view_section(v, "TEXT"), "V", values[i]);
	}
}
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
		lead_set_if(d, "PLAIN", "TEXT", it->body_text);
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
	lead_set_if(d, "CC", "LIST", it->cc);
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
		view_set(p, "TEL", lead_tel(&r->arena, it->phone));
	}
	if (it->duration >= 0)
		view_set(view_section(d, "DURATION"), "TIME", fmt_duration(&r->arena, it->duration));
	lead_set_if(d, "OUTCOME", "TEXT", it->outcome);
	lead_set_if(d, "NOTE", "TEXT", it->body_text);
}

static void
show_sms(struct req *r, struct view_dict *d, const struct timeline_item *it,
    const struct view_state *vs)
{
	(void)vs;
	view_set(d, "LOCAL", it->local_phone);
	view_set(d, "REMOTE", it->phone);
	view_set(d, "REMOTE_TEL", lead_tel(&r->arena, it->phone));
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
		lead_set_if(range, "ENDS", "TIME", it->ends);
	}
	lead_set_if(d, "ATTENDEES", "LIST", it->attendees);
	lead_set_if(d, "LOCATION", "TEXT", it->location);
	lead_set_if(d, "NOTE", "TEXT", it->body_text);
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
	lead_set_if(d, "OPPORTUNITY", "VALUE", it->opportunity);
}

/* A completed task; while the task is still complete, its Reopen (C3). */
static void
show_task(struct req *r, struct view_dict *d, const struct timeline_item *it,
    const struct view_state *vs)
{
	struct view_dict *f;

	(void)r;
	view_set(d, "TEXT", it->body_text);
	if (*it->task != '\0' && it->task_done) {
		f = view_section(d, "REOPEN");
		view_set(f, "LEAD", vs->lead);
		view_set(f, "TPID", it->task);
		view_set(f, "TEXT", it->body_text);
	}
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
		lead_values(r, f, it->fields[i].type, it->fields[i].values, it->fields[i].nvalues);
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
const char *
lead_filter_query(struct req *r, const struct timeline_kinds *ks)
{
	const char *q = "";
	size_t i;

	for (i = 0; i < ks->n; i++)
		if (ks->k[i].selected)
			q = arena_printf(&r->arena, "%stype=%s&", q, http_urlencode(&r->arena, ks->k[i].key));
	return q ? q : "";
}

void
lead_filter(struct req *r, const struct view_state *vs)
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
	if (it->edited != NULL && *it->edited != '\0') {
		struct view_dict *ed = view_section(w, "EDITED");
		view_set(ed, "EBY", *it->editor ? it->editor : "someone");
		view_set(ed, "EAT", it->edited);
	}
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
	lead_set_if(a, "WITH", "NAME", it->contact);
	lead_set_if(a, "DIRECTION", "DIR", it->direction);
	if (it->pinned)
		view_show(a, "PINNED");
	/* P1: only notes and custom activities have the control */
	if (it->type == TIMELINE_NOTE || it->type == TIMELINE_CUSTOM) {
		pf = view_section(a, "PIN_FORM");
		view_set(pf, "LEAD", vs->lead);
		view_set(pf, "ACTION", it->pinned ? "unpin" : "pin");
		view_set(pf, "LABEL", it->pinned ? "Unpin" : "Pin");
	}
	/* C1: any member edits and deletes what was written; the record (a status
	 * change, a completed task) only an admin deletes; a synced email is not edited */
	{
		int record = it->type == TIMELINE_LEAD_STATUS || it->type == TIMELINE_OPPORTUNITY_STATUS ||
		    it->type == TIMELINE_TASK_COMPLETED;
		int admin = r->who.role != NULL && strcmp(r->who.role, "admin") == 0;
		struct view_dict *tools;

		if (!record || admin) {
			tools = view_section(a, "ACT_TOOLS");
			view_set(tools, "LEAD", vs->lead);
			if (!record && !(it->body_html != NULL && *it->body_html != '\0'))
				view_show(tools, "EDIT_LINK");
		}
	}
	body = view_include(a, "BODY", shows[it->type].tpl);
	fill_when(body, it, vs);
	shows[it->type].fill(r, body, it, vs);
}

void
lead_history(struct req *r, struct view_dict *d, const struct timeline_page *pg,
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
