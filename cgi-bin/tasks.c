/*
 * tasks — "my tasks": a rep's day across leads (O6).
 *
 *   GET  /tasks               the open tasks, overdue first, then by due date
 *                             (no due date last), each with its lead and contact
 *        ?who=me|anyone|<user_ pid>   whose: me (default); anyone's or one
 *                             member's for admins only (403 for a user; an id
 *                             that is no active member here: 404)
 *        ?due=all|overdue|today|week  week: today and the 6 days after; days
 *                             in the viewer's time zone
 *   POST /tasks/{task}/complete   completes it (the task_completed activity in
 *                             its lead's history, lib/tasks) and answers 303
 *                             back to the list as it was filtered (who, due);
 *                             a task already complete: the list with the message
 *                             (?refused=done); another organization's task:
 *                             the 404 of an unknown one
 * At most TASKS_MAX tasks are listed; the page says when there are more.
 * SQL: the session, the members (admins), the tasks; the tasks statement reads
 * tasks by (organization_id, is_complete, assigned_to, due_date) (073).
 * Templates: tasks.tpl. Statuses: 200 303 400 403 404 405 503.
 */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "ids.h"
#include "req.h"
#include "tasks.h"
#include "valid.h"
#include "view.h"

enum key { K_WHO, K_DUE, K_REFUSED, K__MAX };

static const struct req_key keys[K__MAX] = {
	[K_WHO] = { "who", REQ_K_LINE, 64, NULL, 0 },
	[K_DUE] = { "due", REQ_K_LINE, 10, NULL, 0 },
	[K_REFUSED] = { "refused", REQ_K_LINE, 16, NULL, 0 },
};

#define TASKS_MAX 500

static const char *const dues[] = { "all", "overdue", "today", "week", NULL };
static const char *const due_labels[] = { "Any time", "Overdue", "Due today", "Due this week", NULL };

#define MEMBER_COLS(X) X(M_ID, "id") X(M_PID, "pid") X(M_NAME, "name")
enum { MEMBER_COLS(DB_COL_ENUM) M__NCOLS };
static const char *const member_cols[] = { MEMBER_COLS(DB_COL_NAME) NULL };
static struct db_sql q_members = DB_SQL_COLS(
	"SELECT u.id, u.pid, u.name FROM memberships m JOIN users u ON u.id = m.user_id"
	" WHERE m.organization_id = ? AND m.active = 1 AND u.active = 1 ORDER BY u.name, u.id",
	member_cols);

/* args: time zone, org, all (1: anyone's), assignee, due, [due ...] */
#define TASK_COLS(X) X(T_PID, "pid") X(T_TEXT, "text") X(T_DUE, "due") X(T_WHEN, "due_class") \
	X(T_LEAD, "lead_pid") X(T_LEAD_NAME, "lead_name") X(T_CONTACT, "contact_name") \
	X(T_ASSIGNEE, "assignee")
enum { TASK_COLS(DB_COL_ENUM) T__NCOLS };
static const char *const task_cols[] = { TASK_COLS(DB_COL_NAME) NULL };
static struct db_sql q_tasks = DB_SQL_COLS(
	"SELECT t.pid, t.text, DATE_FORMAT(t.due_date, '%Y-%m-%d') AS due,"
	" CASE WHEN t.due_date IS NULL THEN 'none' WHEN t.due_date < d.today THEN 'overdue'"
	"  WHEN t.due_date = d.today THEN 'today' ELSE 'later' END AS due_class,"
	" l.pid AS lead_pid, l.name AS lead_name, c.name AS contact_name, u.name AS assignee"
	" FROM (SELECT DATE(CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', ?)) AS today) d"
	" JOIN tasks t ON t.organization_id = ? AND t.is_complete = 0"
	"  AND (? = 1 OR t.assigned_to = ?)"
	" JOIN leads l ON l.id = t.lead_id AND l.organization_id = t.organization_id"
	" LEFT JOIN contacts c ON c.id = t.contact_id AND c.organization_id = t.organization_id"
	" LEFT JOIN users u ON u.id = t.assigned_to"
	" WHERE (? = 'all'"
	"  OR (? = 'overdue' AND t.due_date < d.today)"
	"  OR (? = 'today' AND t.due_date = d.today)"
	"  OR (? = 'week' AND t.due_date BETWEEN d.today AND d.today + INTERVAL 6 DAY))"
	" ORDER BY t.due_date IS NULL, t.due_date, t.id LIMIT 501", task_cols);

static const char *const lead_cols[] = { "lead_pid", NULL };
static struct db_sql q_task_lead = DB_SQL_COLS(
	"SELECT l.pid AS lead_pid FROM tasks t"
	" JOIN leads l ON l.id = t.lead_id AND l.organization_id = t.organization_id"
	" WHERE t.organization_id = ? AND t.pid = ?", lead_cols);

static int
is_admin(struct req *r)
{
	return r->who.role != NULL && strcmp(r->who.role, "admin") == 0;
}

static const char *
str(struct req *r, int k)
{
	const char *s = req_str(r, k);

	return s ? s : "";
}

/* The due filter asked for: one of dues[] ("all" when none is given). */
static const char *
due_of(struct req *r)
{
	size_t i;

	for (i = 0; dues[i]; i++)
		if (strcmp(str(r, K_DUE), dues[i]) == 0)
			return dues[i];
	return *str(r, K_DUE) ? NULL : "all";
}

/* The query string of this list as filtered, to come back to it. */
static const char *
back_to(struct req *r, const char *who, const char *due)
{
	return arena_printf(&r->arena, "/tasks?who=%s&due=%s", who, due);
}

static int
tasks_get(struct req *r)
{
	const char *who = *str(r, K_WHO) ? str(r, K_WHO) : "me", *due = due_of(r), *name = NULL;
	struct db_res members, res;
	struct view_dict *s, *o;
	long long assignee = r->who.user_id;
	int all = 0;
	enum db_err e;
	size_t i;

	if (due == NULL)
		return req_error(r, 400, "The due filter is all, overdue, today or week.");
	if (strcmp(who, "me") != 0 && !is_admin(r))
		return req_error(r, 403, "Only an admin sees the tasks of others.");
	if (is_admin(r)) {
		if ((e = db_read(&r->arena, &q_members, DB_ARGS(DB_INT(r->who.org_id)), &members)) != DB_OK)
			return req_db_error(r, e);
		if (strcmp(who, "anyone") == 0) {
			all = 1;
		} else if (strcmp(who, "me") != 0) {
			for (i = 0; i < members.nrows; i++)
				if (strcmp(db_get(&members, i, M_PID), who) == 0)
					break;
			if (i == members.nrows)
				return req_error(r, 404, "There is no such member.");
			assignee = db_get_int(&members, i, M_ID);
			name = db_get(&members, i, M_NAME);
		}
		s = view_section(r->dict, "WHO_FILTER");
		for (i = 0; i < members.nrows; i++) {
			if (db_get_int(&members, i, M_ID) == r->who.user_id)
				continue;
			o = view_section(s, "MEMBER");
			view_set(o, "M_PID", db_get(&members, i, M_PID));
			view_set(o, "M_NAME", db_get(&members, i, M_NAME));
			if (strcmp(who, db_get(&members, i, M_PID)) == 0)
				view_show(o, "SEL");
		}
		if (strcmp(who, "me") == 0)
			view_show(s, "WHO_ME");
		if (all)
			view_show(s, "WHO_ANYONE");
	}
	for (i = 0; dues[i]; i++) {
		o = view_section(r->dict, "DUE_OPT");
		view_set(o, "D_VALUE", dues[i]);
		view_set(o, "D_LABEL", due_labels[i]);
		if (strcmp(due, dues[i]) == 0)
			view_show(o, "SEL");
	}
	if ((e = db_read(&r->arena, &q_tasks, DB_ARGS(DB_STR(r->who.time_zone), DB_INT(r->who.org_id),
	    DB_INT(all), DB_INT(assignee), DB_STR(due), DB_STR(due), DB_STR(due), DB_STR(due)),
	    &res)) != DB_OK)
		return req_db_error(r, e);
	req_title(r, "Tasks");
	view_set(r->dict, "HEADING", all ? "Everyone's open tasks" : name ?
	    arena_printf(&r->arena, "%s's open tasks", name) : "My open tasks");
	view_set(r->dict, "WHO", all ? "anyone" : name ? who : "me");
	view_set(r->dict, "DUE", due);
	if (strcmp(str(r, K_REFUSED), "done") == 0)
		view_set(view_section(r->dict, "REFUSED"), "MSG", TASKS_DONE);
	for (i = 0; i < res.nrows && i < TASKS_MAX; i++) {
		const char *when = db_get(&res, i, T_WHEN);

		s = view_section(r->dict, "TASK");
		view_set(s, "T_PID", db_get(&res, i, T_PID));
		view_set(s, "T_TEXT", db_get(&res, i, T_TEXT));
		view_set(s, "T_WHEN", when);
		view_set(s, "T_LEAD", db_get(&res, i, T_LEAD));
		view_set(s, "T_LEAD_NAME", db_get(&res, i, T_LEAD_NAME));
		if (!db_is_null(&res, i, T_DUE)) {
			o = view_section(s, "T_DUE");
			view_set(o, "D", db_get(&res, i, T_DUE));
			if (strcmp(when, "overdue") == 0) {
				view_show(o, "T_OVERDUE");
				view_show(s, "T_OVERDUE_ROW");
			}
			else if (strcmp(when, "today") == 0)
				view_show(o, "T_TODAY");
		}
		if (!db_is_null(&res, i, T_CONTACT))
			view_set(view_section(s, "T_CONTACT"), "N", db_get(&res, i, T_CONTACT));
		if (all && !db_is_null(&res, i, T_ASSIGNEE))
			view_set(view_section(s, "T_ASSIGNEE"), "N", db_get(&res, i, T_ASSIGNEE));
	}
	if (res.nrows == 0)
		view_show(r->dict, "NO_TASKS");
	if (res.nrows > TASKS_MAX)
		view_set_int(view_section(r->dict, "MORE"), "N", TASKS_MAX);
	return req_render(r, "tasks.tpl");
}

static int
task_complete(struct req *r)
{
	const char *who = *str(r, K_WHO) ? str(r, K_WHO) : "me", *due = due_of(r);
	struct valid_errs errs;
	struct db_res res;
	enum valid_rc rc;
	enum db_err e;

	if (due == NULL || (strcmp(who, "me") != 0 && strcmp(who, "anyone") != 0 &&
	    !ids_valid("user_", who)))
		return req_error(r, 400, "The list to come back to is not one this page makes.");
	if ((e = db_read(&r->arena, &q_task_lead, DB_ARGS(DB_INT(r->who.org_id), DB_STR(r->arg[0])),
	    &res)) != DB_OK)
		return req_db_error(r, e);
	if (res.nrows == 0)
		return req_error(r, 404, "There is no such task.");
	rc = tasks_complete(&r->arena, r->who.org_id, r->who.user_id, db_get(&res, 0, 0), r->arg[0],
	    &errs);
	switch (rc) {
	case VALID_OK:
		return req_redirect(r, 303, back_to(r, who, due));
	case VALID_REFUSED:
		return req_redirect(r, 303, arena_printf(&r->arena, "%s&refused=done", back_to(r, who, due)));
	case VALID_NOT_FOUND:
		return req_error(r, 404, "There is no such task.");
	case VALID_DOWN:
		return req_db_error(r, DB_DOWN);
	default:
		return req_db_error(r, DB_ERROR);
	}
}

static const struct route routes[] = {
	{ REQ_GET, "/tasks", 0, tasks_get },
	{ REQ_POST, "/tasks/{task}/complete", 0, task_complete },
};

static const char *const templates[] = { "tasks.tpl", NULL };

static const struct page page = {
	"tasks", routes, sizeof routes / sizeof routes[0], keys, K__MAX, templates,
};

int
main(int argc, char **argv)
{
	return req_main(&page, argc, argv);
}
