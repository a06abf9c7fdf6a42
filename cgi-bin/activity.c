/*
 * activity — the activity permalink (A3, A4).
 *
 *   GET  /activity/<acti_id>              302 to /lead/<lead_id>/#activityId=<acti_id>
 *   GET  /activity/<acti_id>?fragment=1   200: the activity alone, an HTML fragment
 *                                         (activity_fragment.tpl) the lead page's
 *                                         JS puts on top of its history as the
 *                                         "linked activity", with "See it in context"
 *                                         (the lead's history from this activity on:
 *                                         ?before=<the one just newer>#activityId=)
 *
 * Who: an active, logged-in member of the activity's organization. Without a
 * session: 302 to /login?next=/activity/<acti_id>, and back here after. When the
 * session acts in another organization and its user is an active member of the
 * activity's, the session switches to that organization (U3: a shared link just
 * works) — on the link itself, never on a fragment fetched by script. Another organization, an unknown or malformed id, a deleted activity:
 * the same 404, so existence does not leak.
 * SQL: the route reads its own session (ROUTE_OWN_SESSION): the
 * session and where the activity is come in one statement, so a redirect or a
 * 404 costs 1 statement (2 with the session's once-a-minute touch, 2 with the
 * U3 switch); the fragment adds its full read of the activity.
 * Templates: activity_fragment.tpl. Statuses: 200 302 400 404 405 500 503.
 */
#include <string.h>

#include "db.h"

#include "arena.h"
#include "auth.h"
#include "ids.h"
#include "permalink.h"
#include "req.h"
#include "view.h"

enum key { KEY_FRAGMENT, KEY__MAX };

static const struct req_key keys[KEY__MAX] = {
	[KEY_FRAGMENT] = { "fragment", REQ_K_INT, 1, NULL, 0 },
};

/* The one answer for every activity this user may not see. */
#define NOT_FOUND "There is no such activity."

/* How each type is named on the fragment (activities.type -> label). */
static const struct {
	const char *type;
	const char *label;
} type_labels[] = {
	{ "email", "Email" },
	{ "call", "Call" },
	{ "sms", "SMS" },
	{ "meeting", "Meeting" },
	{ "note", "Note" },
	{ "lead_status_change", "Lead status change" },
	{ "opportunity_status_change", "Opportunity status change" },
	{ "task_completed", "Task completed" },
	{ "custom", "Custom activity" },
};

static const char *
label_of(const struct permalink_activity *act)
{
	size_t i;

	if (strcmp(act->type, "custom") == 0 && *act->custom_type != '\0')
		return act->custom_type;
	for (i = 0; i < sizeof type_labels / sizeof type_labels[0]; i++)
		if (strcmp(type_labels[i].type, act->type) == 0)
			return type_labels[i].label;
	return act->type;
}

/* Sets name to val when it is not empty (the template shows only what is there). */
static void
set_some(struct view_dict *d, const char *name, const char *val)
{
	if (val != NULL && *val != '\0')
		view_set(view_section(d, name), "VALUE", val);
}

static int
show_fragment(struct req *r, const struct permalink_activity *act)
{
	struct view_dict *d = r->dict;

	view_set(d, "PID", act->pid);
	view_set(d, "LEAD_PID", act->lead_pid);
	view_set(d, "LEAD_NAME", act->lead_name);
	view_set(d, "TYPE", act->type);
	view_set(d, "TYPE_LABEL", label_of(act));
	view_set(d, "WHO", *act->user ? act->user : "Someone");
	view_set(d, "WHEN", act->when);
	view_set(d, "WHEN_UTC", act->when_utc);
	set_some(d, "CONTACT", act->contact);
	set_some(d, "DIRECTION", act->direction);
	set_some(d, "SUBJECT", act->subject);
	set_some(d, "TITLE", act->title);
	set_some(d, "PHONE", act->phone);
	set_some(d, "OUTCOME", act->outcome);
	if (*act->old_status != '\0' || *act->new_status != '\0') {
		struct view_dict *s = view_section(d, "STATUS_CHANGE");
		view_set(s, "OLD", act->old_status);
		view_set(s, "NEW", act->new_status);
	}
	set_some(d, "TEXT", act->body_text);
	if (*act->newer != '\0')
		view_set(view_section(d, "CONTEXT"), "BEFORE", act->newer);
	return req_render(r, "activity_fragment.tpl");
}

/* Moves the session to the activity's organization (U3) when its user is an
 * active member there; 0, or the status of the answer. */
static int
switch_to(struct req *r, long long org_id)
{
	switch (auth_switch(&r->arena, r->who.session_id, org_id)) {
	case AUTH_OK:
		return 0;
	case AUTH_DENIED:
		return req_error(r, 404, NOT_FOUND);
	case AUTH_DOWN:
		return req_db_error(r, DB_DOWN);
	default:
		return req_db_error(r, DB_ERROR);
	}
}

/* ?fragment=1: the whole activity, read in full. */
static int
fragment_get(struct req *r)
{
	struct permalink_activity act;
	enum db_err e;
	int found;

	if ((e = permalink_read(&r->arena, r->who.user_id, r->arg[0], r->who.time_zone, &act, &found)) != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 404, NOT_FOUND);
	/* A fragment is fetched by the page's script, never followed by the user:
	 * it does not switch the session's organization (no change on a fetch). */
	if (act.org_id != r->who.org_id)
		return req_error(r, 404, NOT_FOUND);
	return show_fragment(r, &act);
}

static int
activity_get(struct req *r)
{
	struct permalink_place at;
	struct db_res res;
	int found, st;

	/* the session and where the activity is: one statement */
	if ((st = req_session(r, permalink_session_where(), DB_ARGS(DB_STR(r->arg[0])), &res)) != 0)
		return st;
	if (r->field[KEY_FRAGMENT].set && r->field[KEY_FRAGMENT].i == 1)
		return fragment_get(r);
	permalink_place_of(&res, &at, &found);
	if (!found)
		return req_error(r, 404, NOT_FOUND);
	if (at.org_id != r->who.org_id && (st = switch_to(r, at.org_id)) != 0)
		return st;
	return req_redirect(r, 302, arena_printf(&r->arena, "/lead/%s/#activityId=%s",
	    at.lead_pid, r->arg[0]));
}

static const struct route routes[] = {
	{ REQ_GET, "/activity/{activity}", ROUTE_OWN_SESSION, activity_get },
};

static const char *const templates[] = { "activity_fragment.tpl", NULL };

static const struct page page = {
	"activity", routes, sizeof routes / sizeof routes[0], keys, KEY__MAX, templates,
};

int
main(int argc, char **argv)
{
	return req_main(&page, argc, argv);
}
