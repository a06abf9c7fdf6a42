/*
 * leads — the leads list, the landing page after login, with its search and
 * the new lead form (L8); and the CSV import (L9).
 *
 *   GET  /leads     ?after=<lead_id> the page after that lead (keyset, 50 a page)
 *                   ?q=<text>        search: lead name, contact name, email, phone
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

#include "ids.h"
#include "expire.h"
#include "import.h"
#include "form.h"
#include "log.h"
#include "leadedit.h"
#include "multipart.h"
#include "req.h"
#include "search.h"
#include "valid.h"
#include "view.h"

enum key { KEY_AFTER, KEY_Q, KEY_TARGET, KEY_FROM, KEY__FIXED };

/* The page's own keys; the "New lead" form's are added at start-up from the
 * lead model's table (form_keys), at most NEW_LEAD_MAX bytes each as text:
 * the model says what each field takes. */
#define NEW_LEAD_MAX 65535
static const struct req_key fixed_keys[KEY__FIXED] = {
	[KEY_AFTER] = { "after", REQ_K_ID, 0, "lead_", 0 },
	[KEY_Q] = { "q", REQ_K_LINE, SEARCH_QMAX, NULL, 0 },
	[KEY_TARGET] = { "target", REQ_K_LINE, 64, NULL, 1 },
	[KEY_FROM] = { "from", REQ_K_INT, 4000000000u, NULL, 0 },
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
