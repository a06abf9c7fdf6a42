/*
 * leads — the leads list, the landing page after login, with its search and
 * the new lead form (L8); and the CSV import (L9).
 *
 *   GET  /leads     ?after=<lead_id> the page after that lead (keyset, 50 a page)
 *                   ?q=<text>        search: lead name, contact name, email, phone
 *                   the list's filter and sort (O6), a URL of its own, without q:
 *                   ?owner=me|<user_id>  an active member's leads (else anyone's)
 *                   ?status=<stat_id>    repeatable: leads of these statuses
 *                   ?active_before=YYYY-MM-DD  last activity before that day
 *                                        (or none), in the viewer's time zone
 *                   ?active_since=YYYY-MM-DD   last activity that day or later
 *                   ?tasks=with|without  open tasks
 *                   ?opportunity=with|without  an active opportunity
 *                   ?sort=name|activity|created  (name A-Z; latest activity,
 *                                        newest lead first)
 *                   A value the filter does not know: 400 naming it.
 *   POST /leads     name, url, description, csrf: a new lead (b2c: with its one
 *                   contact of the same name); 303 to its page. Invalid input:
 *                   the list again with the form, its messages and the input (400).
 *
 *   GET  /import                 the upload form and the latest imports
 *   POST /import                 multipart/form-data: csrf (before the file), file
 *                                (a CSV of up to 50 MB, streamed to the store's
 *                                tmp directory); 303 to the import. Over 50 MB:
 *                                413, nothing kept. Not a CSV with a header: 400.
 *   GET  /import/<impo_id>/      mapping: the columns and what each becomes;
 *                                running: runs batches for about a second, then
 *                                shows rows done of total (Refresh: 0 goes on);
 *                                ended: the report, skipped rows by line
 *                                (?from=<line> continues the list of skipped rows)
 *   POST /import/<impo_id>/map   target (once per column, in order), csrf: starts it
 *   POST /import/<impo_id>/stop  csrf: stops it where it is
 *
 * Who: a member of the session's organization; only its leads and imports.
 * Another organization's import, or an unknown one, is the same 404.
 * Templates: leads.tpl, import.tpl, import_job.tpl.
 * Statuses: 200 302 303 400 403 404 409 413 415 503.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http.h"
#include "ids.h"
#include "expire.h"
#include "import.h"
#include "form.h"
#include "log.h"
#include "leadedit.h"
#include "leadlist.h"
#include "leads.h"
#include "multipart.h"
#include "req.h"
#include "search.h"
#include "valid.h"
#include "view.h"

enum key {
	KEY_AFTER, KEY_Q, KEY_TARGET, KEY_FROM,
	/* the list's filter and sort (O6) */
	KEY_OWNER, KEY_STATUS, KEY_BEFORE, KEY_SINCE, KEY_TASKS, KEY_OPPORTUNITY, KEY_SORT,
	KEY__FIXED
};

/* The page's own keys; the "New lead" form's are added at start-up from the
 * lead model's table (form_keys), at most NEW_LEAD_MAX bytes each as text:
 * the model says what each field takes. */
#define NEW_LEAD_MAX 65535
static const struct req_key fixed_keys[KEY__FIXED] = {
	[KEY_AFTER] = { "after", REQ_K_ID, 0, "lead_", 0 },
	[KEY_Q] = { "q", REQ_K_LINE, SEARCH_QMAX, NULL, 0 },
	[KEY_TARGET] = { "target", REQ_K_LINE, 64, NULL, 1 },
	[KEY_FROM] = { "from", REQ_K_INT, 4000000000u, NULL, 0 },
	[KEY_OWNER] = { "owner", REQ_K_LINE, IDS_MAXLEN, NULL, 0 },
	[KEY_STATUS] = { "status", REQ_K_ID, 0, "stat_", 1 },
	[KEY_BEFORE] = { "active_before", REQ_K_LINE, 16, NULL, 0 },
	[KEY_SINCE] = { "active_since", REQ_K_LINE, 16, NULL, 0 },
	[KEY_TASKS] = { "tasks", REQ_K_LINE, 16, NULL, 0 },
	[KEY_OPPORTUNITY] = { "opportunity", REQ_K_LINE, 16, NULL, 0 },
	[KEY_SORT] = { "sort", REQ_K_LINE, 16, NULL, 0 },
};
static struct req_key keys[KEY__FIXED + 8];

#define SKIPS_PAGE 200

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

static const char *const sort_names[LEADLIST__SORTS] = {
	[LEADLIST_BY_NAME] = "name", [LEADLIST_BY_ACTIVITY] = "activity",
	[LEADLIST_BY_CREATED] = "created",
};
static const char *const sort_labels[LEADLIST__SORTS] = {
	[LEADLIST_BY_NAME] = "Name", [LEADLIST_BY_ACTIVITY] = "Last activity",
	[LEADLIST_BY_CREATED] = "Newest",
};
static const char *const has_names[] = { "", "with", "without" };

/* "with"/"without"/none as a leadlist_has; -1 for anything else. */
static int
has_of(const char *v)
{
	size_t i;

	if (v == NULL || *v == '\0')
		return LEADLIST_ANY;
	for (i = 1; i < sizeof has_names / sizeof has_names[0]; i++)
		if (strcmp(v, has_names[i]) == 0)
			return (int)i;
	return -1;
}

/* A day YYYY-MM-DD, none (NULL) or -1 for anything else. */
static int
day_of(struct req *r, const char *v, const char **out)
{
	struct valid_spec sp = { "day", "The day", 0, 0 };
	struct valid_errs errs;

	*out = NULL;
	if (v == NULL || *v == '\0')
		return 0;
	valid_reset(&errs);
	return valid_date(&r->arena, &errs, &sp, v, out) == 1 && *out != NULL ? 0 : -1;
}

/* The filter of the query, checked against the organization, with the form
 * that shows it and the query string that repeats it (for "Next page");
 * 0 or a status (400: a value it does not know). */
static int
read_filter(struct req *r, struct leadlist_filter *f, const char **query)
{
	const struct req_field *st = &r->field[KEY_STATUS];
	const char *owner = req_str(r, KEY_OWNER), *sort = req_str(r, KEY_SORT), *q = "";
	struct leadlist_member *m;
	struct lead_status *ls;
	struct view_dict *d;
	size_t nm, nls, i, k;
	enum db_err e;
	int h;

	memset(f, 0, sizeof *f);
	if ((e = leadlist_members(&r->arena, r->who.org_id, &m, &nm)) != DB_OK ||
	    (e = leads_statuses(&r->arena, r->who.org_id, NULL, &ls, &nls)) != DB_OK)
		return req_db_error(r, e);
	/* the owner: me, a member, or anyone */
	if (owner != NULL && strcmp(owner, "me") == 0) {
		f->owner_id = r->who.user_id;
		view_show(r->dict, "OWNER_ME");
	} else if (owner != NULL && *owner != '\0' && strcmp(owner, "any") != 0) {
		for (i = 0; i < nm && strcmp(m[i].pid, owner) != 0; i++)
			;
		if (i == nm)
			return req_error(r, 400, "The owner to filter by is not an active member of this "
			    "organization.");
		f->owner_id = m[i].id;
	}
	if (f->owner_id != 0)
		q = arena_printf(&r->arena, "owner=%s&", http_urlencode(&r->arena, owner));
	for (i = 0; i < nm; i++) {
		d = view_section(r->dict, "OWNER_OPT");
		view_set(d, "V", m[i].pid);
		view_set(d, "L", m[i].name);
		if (f->owner_id == m[i].id && strcmp(owner, "me") != 0)
			view_show(d, "SEL");
	}
	/* the statuses: each one of the organization's */
	if (st->nvals > LEADLIST_STATUSES)
		return req_error(r, 400, "Choose at most 32 statuses.");
	for (k = 0; k < st->nvals; k++) {
		for (i = 0; i < nls && strcmp(ls[i].pid, st->vals[k]) != 0; i++)
			;
		if (i == nls)
			return req_error(r, 400, "A status to filter by is not one of this organization's "
			    "lead statuses.");
		f->statuses[f->nstatus++] = st->vals[k];
		q = arena_printf(&r->arena, "%sstatus=%s&", q, st->vals[k]);
	}
	for (i = 0; i < nls; i++) {
		d = view_section(r->dict, "STATUS_OPT");
		view_set(d, "V", ls[i].pid);
		view_set(d, "L", ls[i].label);
		for (k = 0; k < f->nstatus; k++)
			if (strcmp(f->statuses[k], ls[i].pid) == 0)
				view_show(d, "CHECKED");
	}
	/* last activity */
	if (day_of(r, req_str(r, KEY_BEFORE), &f->active_before) != 0 ||
	    day_of(r, req_str(r, KEY_SINCE), &f->active_since) != 0)
		return req_error(r, 400, "A day of last activity must be a date like 2026-12-31.");
	if (f->active_before) {
		view_set(r->dict, "ACTIVE_BEFORE", f->active_before);
		q = arena_printf(&r->arena, "%sactive_before=%s&", q, f->active_before);
	}
	if (f->active_since) {
		view_set(r->dict, "ACTIVE_SINCE", f->active_since);
		q = arena_printf(&r->arena, "%sactive_since=%s&", q, f->active_since);
	}
	/* open tasks, an active opportunity */
	if ((h = has_of(req_str(r, KEY_TASKS))) < 0)
		return req_error(r, 400, "\"tasks\" is \"with\" or \"without\".");
	f->open_tasks = (enum leadlist_has)h;
	if ((h = has_of(req_str(r, KEY_OPPORTUNITY))) < 0)
		return req_error(r, 400, "\"opportunity\" is \"with\" or \"without\".");
	f->active_opportunity = (enum leadlist_has)h;
	if (f->open_tasks != LEADLIST_ANY) {
		view_show(r->dict, f->open_tasks == LEADLIST_WITH ? "TASKS_WITH" : "TASKS_WITHOUT");
		q = arena_printf(&r->arena, "%stasks=%s&", q, has_names[f->open_tasks]);
	}
	if (f->active_opportunity != LEADLIST_ANY) {
		view_show(r->dict, f->active_opportunity == LEADLIST_WITH ? "OPP_WITH" : "OPP_WITHOUT");
		q = arena_printf(&r->arena, "%sopportunity=%s&", q, has_names[f->active_opportunity]);
	}
	/* the sort */
	f->sort = LEADLIST_BY_NAME;
	if (sort != NULL && *sort != '\0') {
		for (i = 0; i < LEADLIST__SORTS && strcmp(sort_names[i], sort) != 0; i++)
			;
		if (i == LEADLIST__SORTS)
			return req_error(r, 400, "\"sort\" is \"name\", \"activity\" or \"created\".");
		f->sort = (enum leadlist_sort)i;
	}
	if (f->sort != LEADLIST_BY_NAME)
		q = arena_printf(&r->arena, "%ssort=%s&", q, sort_names[f->sort]);
	for (i = 0; i < LEADLIST__SORTS; i++) {
		d = view_section(r->dict, "SORT_OPT");
		view_set(d, "V", sort_names[i]);
		view_set(d, "L", sort_labels[i]);
		if (i == (size_t)f->sort)
			view_show(d, "SEL");
	}
	if (q == NULL)
		return req_error(r, 500, "Out of memory.");
	if (*q != '\0')
		view_show(r->dict, "FILTERED");
	*query = q;
	return 0;
}

/* The filtered list (O6) into the dictionary; 0 or a status. */
static int
fill_filtered(struct req *r)
{
	struct leadlist_filter f;
	struct leadlist_page pg;
	struct view_dict *row;
	const char *query = "";
	enum db_err e;
	size_t i;
	int st, found;

	if ((st = read_filter(r, &f, &query)) != 0)
		return st;
	e = leadlist_page(&r->arena, r->who.org_id, &f, req_str(r, KEY_AFTER), r->who.time_zone, &pg,
	    &found);
	if (e != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 400, "The list cannot continue \"after\" that lead: "
		    "it is not a lead of this organization.");
	for (i = 0; i < pg.n; i++) {
		row = view_section(r->dict, "LEAD");
		view_set(row, "PID", pg.rows[i].pid);
		view_set(row, "NAME", pg.rows[i].name);
		view_set(row, "STATUS", pg.rows[i].status);
		view_set(row, "OWNER", pg.rows[i].owner);
		view_set(row, "CONTACT", pg.rows[i].contact);
		view_set(row, "LAST_ACTIVITY", pg.rows[i].last_activity);
	}
	if (pg.n == 0)
		view_show(r->dict, *query != '\0' ? "NO_FILTER_MATCH" : "EMPTY");
	if (pg.next != NULL)
		view_set(view_section(r->dict, "MORE"), "AFTER",
		    arena_printf(&r->arena, "%safter=%s", query, pg.next));
	return 0;
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
	} else
		return fill_filtered(r);
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
	struct leadedit_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN];
	int st;

	valid_reset(&errs);
	if (form_bind(&r->arena, &leadedit_form, form_src_req, r, &in) != 0)
		return req_error(r, 500, "Out of memory.");
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
	form_show(&r->arena, r->dict, &leadedit_form, &in, &errs);
	if (req_render(r, "leads.tpl") != 200)
		return 500;
	return 400;
}

/* --- import ------------------------------------------------------------ */

static int
import_error(struct req *r, enum import_rc rc)
{
	switch (rc) {
	case IMPORT_NOT_FOUND:
		return req_error(r, 404, "There is no such import.");
	case IMPORT_CONFLICT:
		return req_error(r, 409, "This import has already started or ended.");
	case IMPORT_DOWN:
		return req_db_error(r, DB_DOWN);
	default:
		return req_db_error(r, DB_ERROR);
	}
}

static int
import_form(struct req *r, int status, const char *msg)
{
	struct import_job *jobs;
	struct view_dict *row;
	enum import_rc rc;
	size_t n, i;

	req_title(r, "Import leads");
	if ((rc = import_recent(&r->arena, r->who.org_id, &jobs, &n)) != IMPORT_OK)
		return import_error(r, rc);
	view_set(r->dict, "MAX", IMPORT_MAX_LABEL);
	view_set(r->dict, "MODE", strcmp(r->who.lead_mode, "b2c") == 0 ?
	    "Each row becomes a lead with its one contact." :
	    "Rows with the same company become one lead with several contacts; "
	    "a company that already is a lead receives the new contacts.");
	if (msg != NULL)
		view_set(view_section(r->dict, "UPLOAD_ERROR"), "MESSAGE", msg);
	if (n > 0)
		view_show(r->dict, "RECENT");
	for (i = 0; i < n; i++) {
		row = view_section(r->dict, "IMPORT");
		view_set(row, "PID", jobs[i].pid);
		view_set(row, "FILE", jobs[i].file_name);
		view_set(row, "STATE", jobs[i].state);
		view_set(row, "WHEN", jobs[i].date_created);
		view_set(row, "WHO", jobs[i].user_name);
		view_set_int(row, "DONE", jobs[i].rows_done);
		view_set_int(row, "TOTAL", jobs[i].rows_total);
	}
	if (req_render(r, "import.tpl") != 200)
		return 500;
	return status;
}

static int
import_get_form(struct req *r)
{
	return import_form(r, 200, NULL);
}

static int
import_upload(struct req *r)
{
	const struct multipart_part *part = r->upload ? multipart_current(r->upload) : NULL;
	const char *dir, *path, *msg;
	struct expire_report rep;
	unsigned long long size;
	char pid[IDS_MAXLEN];
	enum multipart_err e;
	enum import_rc rc;

	if (part == NULL || strcmp(part->name, "file") != 0 || *part->filename == '\0')
		return import_form(r, 400, "Choose a CSV file to import.");
	/* the organization's abandoned imports go first, even without a cron */
	if (expire_pass(&r->arena, r->who.org_id, &rep) != DB_OK)
		log_warn("import: the expiry of abandoned imports failed");
	if ((dir = import_tmp_dir(&r->arena)) == NULL)
		return req_error(r, 500, "The upload cannot be stored right now. Nothing was imported.");
	e = multipart_save(r->upload, dir, IMPORT_MAX_BYTES, &path, &size);
	if (e == MULTIPART_ETOOBIG)
		return req_error(r, 413, "The file is too large: at most " IMPORT_MAX_LABEL
		    " can be imported at once. Nothing was imported; split the file and try again.");
	if (e != MULTIPART_OK)
		return req_error(r, e == MULTIPART_EIO ? 500 : 400, multipart_err_str(e));
	if (size == 0) {
		unlink(path);
		return import_form(r, 400, "The file is empty.");
	}
	rc = import_create(&r->arena, r->who.org_id, r->who.user_id, path, size, part->filename,
	    pid, &msg);
	if (rc == IMPORT_INVALID)
		return import_form(r, 400, msg);
	if (rc != IMPORT_OK)
		return import_error(r, rc);
	return req_redirect(r, 303, arena_printf(&r->arena, "/import/%s/", pid));
}

/* The import of the route's argument, or a status. */
static int
load_job(struct req *r, struct import_job *job)
{
	enum import_rc rc;

	if ((rc = import_get(&r->arena, r->who.org_id, r->arg[0], job)) != IMPORT_OK)
		return import_error(r, rc);
	return 0;
}

static int
show_mapping(struct req *r, const struct import_job *job, const char *const *chosen,
    const char *msg)
{
	struct import_choice *ch;
	struct view_dict *m, *col, *opt;
	enum import_rc rc;
	size_t n, i, k;

	if ((rc = import_choices(&r->arena, r->who.org_id, &ch, &n)) != IMPORT_OK)
		return import_error(r, rc);
	m = view_section(r->dict, "MAPPING");
	if (msg != NULL)
		view_set(view_section(m, "MAP_ERROR"), "MESSAGE", msg);
	view_set_int(m, "ROWS", job->rows_total);
	for (i = 0; i < job->ncols; i++) {
		const char *want = chosen ? chosen[i] : job->cols[i].target;
		col = view_section(m, "COLUMN");
		view_set_int(col, "N", (long long)i);
		view_set(col, "HEADER", job->cols[i].header);
		view_set(col, "SAMPLE", job->cols[i].sample);
		for (k = 0; k < n; k++) {
			opt = view_section(col, "OPTION");
			view_set(opt, "VALUE", ch[k].value);
			view_set(opt, "LABEL", *ch[k].group ? arena_printf(&r->arena, "%s: %s",
			    ch[k].group, ch[k].label) : ch[k].label);
			if (strcmp(ch[k].value, want) == 0)
				view_show(opt, "SELECTED");
		}
	}
	return 0;
}

static void
show_counts(struct req *r, struct view_dict *d, const struct import_job *job)
{
	view_set_int(d, "DONE", job->rows_done);
	view_set_int(d, "TOTAL", job->rows_total);
	view_set_int(d, "PERCENT", job->rows_total ? job->rows_done * 100 / job->rows_total : 100);
	view_set_int(d, "LEADS_CREATED", job->leads_created);
	view_set_int(d, "LEADS_MERGED", job->leads_merged);
	view_set_int(d, "CONTACTS_CREATED", job->contacts_created);
	view_set_int(d, "SKIPPED", job->rows_skipped);
	(void)r;
}

static int
show_report(struct req *r, const struct import_job *job)
{
	struct import_skip *sk;
	struct view_dict *rep, *row;
	enum import_rc rc;
	size_t n, i;
	long long from = r->field[KEY_FROM].set ? r->field[KEY_FROM].i : 0;

	rep = view_section(r->dict, "REPORT");
	show_counts(r, rep, job);
	if (strcmp(job->state, "done") == 0)
		view_show(rep, "DONE");
	else
		view_set(view_section(rep, "ENDED"), "MESSAGE", job->message);
	if (strcmp(job->state, "done") != 0)
		view_set_int(view_section(rep, "HOW_FAR"), "LINE", job->next_line);
	if ((rc = import_skips(&r->arena, job->id, from, SKIPS_PAGE + 1, &sk, &n)) != IMPORT_OK)
		return import_error(r, rc);
	if (n > 0)
		view_show(rep, "SKIPS");
	for (i = 0; i < n && i < SKIPS_PAGE; i++) {
		row = view_section(rep, "SKIP");
		view_set_int(row, "LINE", sk[i].line);
		view_set(row, "REASON", sk[i].reason);
	}
	if (n > SKIPS_PAGE)
		view_set_int(view_section(rep, "MORE_SKIPS"), "FROM", sk[SKIPS_PAGE - 1].line);
	return 0;
}

static int
import_page(struct req *r)
{
	struct import_job job;
	enum import_rc rc;
	int st;

	if ((st = load_job(r, &job)) != 0)
		return st;
	if (strcmp(job.state, "running") == 0) {
		rc = import_run(&r->arena, r->who.org_id, r->who.user_id,
		    strcmp(r->who.lead_mode, "b2c") == 0, job.pid, 1.0, &job);
		if (rc != IMPORT_OK)
			return import_error(r, rc);
	}
	req_title(r, arena_printf(&r->arena, "Import of %s", job.file_name));
	view_set(r->dict, "PID", job.pid);
	view_set(r->dict, "FILE", job.file_name);
	if (strcmp(job.state, "mapping") == 0)
		st = show_mapping(r, &job, NULL, NULL);
	else if (strcmp(job.state, "running") == 0) {
		/* the page reloads itself, and each load runs the next batches */
		req_header(r, "Refresh", "0");
		show_counts(r, view_section(r->dict, "PROGRESS"), &job);
	} else
		st = show_report(r, &job);
	if (st != 0)
		return st;
	return req_render(r, "import_job.tpl");
}

static int
import_map_post(struct req *r)
{
	struct import_job job;
	const struct req_field *t = &r->field[KEY_TARGET];
	const char *msg;
	enum import_rc rc;
	int st;

	if ((st = load_job(r, &job)) != 0)
		return st;
	if (strcmp(job.state, "mapping") != 0)
		return import_error(r, IMPORT_CONFLICT);
	if (t->nvals != job.ncols)
		rc = IMPORT_INVALID, msg = "Choose what each column becomes.";
	else
		rc = import_map(&r->arena, r->who.org_id, job.pid, strcmp(r->who.lead_mode, "b2c") == 0,
		    t->vals, t->nvals, &msg);
	if (rc == IMPORT_OK)
		return req_redirect(r, 303, arena_printf(&r->arena, "/import/%s/", job.pid));
	if (rc != IMPORT_INVALID)
		return import_error(r, rc);
	req_title(r, arena_printf(&r->arena, "Import of %s", job.file_name));
	view_set(r->dict, "PID", job.pid);
	view_set(r->dict, "FILE", job.file_name);
	if ((st = show_mapping(r, &job, t->nvals == job.ncols ? t->vals : NULL, msg)) != 0)
		return st;
	if (req_render(r, "import_job.tpl") != 200)
		return 500;
	return 400;
}

static int
import_stop_post(struct req *r)
{
	struct import_job job;
	enum import_rc rc;
	int st;

	if ((st = load_job(r, &job)) != 0)
		return st;
	if ((rc = import_stop(&r->arena, r->who.org_id, job.pid)) != IMPORT_OK)
		return import_error(r, rc);
	return req_redirect(r, 303, arena_printf(&r->arena, "/import/%s/", job.pid));
}

static const struct route routes[] = {
	{ REQ_GET, "/leads", 0, leads_get_page },
	{ REQ_POST, "/leads", 0, leads_create },
	{ REQ_GET, "/import", 0, import_get_form },
	{ REQ_POST, "/import", ROUTE_UPLOAD, import_upload },
	{ REQ_GET, "/import/{import}/", 0, import_page },
	{ REQ_POST, "/import/{import}/map", 0, import_map_post },
	{ REQ_POST, "/import/{import}/stop", 0, import_stop_post },
};

static const char *const templates[] = { "leads.tpl", "import.tpl", "import_job.tpl", NULL };

static struct page page = {
	"leads", routes, sizeof routes / sizeof routes[0], keys, 0, templates,
};

int
main(int argc, char **argv)
{
	size_t n;

	memcpy(keys, fixed_keys, sizeof fixed_keys);
	n = form_keys(keys, KEY__FIXED, sizeof keys / sizeof keys[0], &leadedit_form, NEW_LEAD_MAX);
	if (n == 0) {
		fprintf(stderr, "leads: the new lead form has more fields than the page has room for\n");
		return 1;
	}
	page.nkeys = n;
	return req_main(&page, argc, argv);
}
