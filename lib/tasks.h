/* tasks.h — a lead's tasks (L5, C3): add, edit, remove, complete, which
 * records a task_completed activity (the task, its text) in the same
 * transaction and takes the task off the open list, and reopen, which puts
 * it back on that list (the task_completed activity stays in the history). */
#ifndef LL_TASKS_H
#define LL_TASKS_H

#include "form.h"
#include "ids.h"
#include "valid.h"

struct arena;

/* The form, as typed; the form field name of each message is beside it. */
struct tasks_in {
	const char *text;         /* "text": required, one line */
	const char *due_date;     /* "due_date": YYYY-MM-DD, optional */
	const char *assigned_to;  /* "assigned_to": a user_ of the organization; empty: the
	                           * acting user (a task is always someone's) */
	const char *contact_id;   /* "contact_id": a cont_ of this lead, optional */
};

/* The fields of struct tasks_in (form.h). */
extern const struct form_model tasks_form;

/* Adds an open task to the lead; its public id into pid (may be NULL). */
enum valid_rc tasks_add(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct tasks_in *, char pid[IDS_MAXLEN], struct valid_errs *);
/* Replaces the fields of the lead's task. An assignee who is no longer active
 * may stay, not be chosen anew. VALID_NOT_FOUND when it is not this lead's task. */
enum valid_rc tasks_update(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const char *task_pid, const struct tasks_in *, struct valid_errs *);
/* Completes the lead's task: is_complete, date_completed = UTC now, and a
 * task_completed activity (task_id, body_text = the task's text, its
 * contact). A task already complete is VALID_REFUSED ("This task is already
 * complete."), also when two requests complete it at the same moment. */
enum valid_rc tasks_complete(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const char *task_pid, struct valid_errs *);
/* Reopens the lead's completed task: is_complete = 0, no date_completed. A
 * task that is open is VALID_REFUSED (TASKS_NOT_DONE). */
enum valid_rc tasks_reopen(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const char *task_pid, struct valid_errs *);
/* Removes the lead's task; a task_completed activity of it stays in the history. */
enum valid_rc tasks_remove(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const char *task_pid, struct valid_errs *);

#define TASKS_DONE     "This task is already complete."
#define TASKS_NOT_DONE "This task is open: only a completed task is reopened."

/* A task as stored, for its edit form and its confirm step: the form's
 * fields as the form takes them (due_date YYYY-MM-DD or "", the assignee's
 * user_ and the contact's cont_ or ""), and whether it is complete. */
struct tasks_stored {
	struct tasks_in in;
	const char     *pid;
	const char     *assignee_name;   /* "" without one */
	int             complete;
};

/* The task task_pid of the lead lead_id (the organization's), into out (the
 * arena); *found 0 when it is no task of that lead. */
enum db_err tasks_read(struct arena *, long long org_id, long long lead_id, const char *task_pid,
    struct tasks_stored *out, int *found);

#endif
