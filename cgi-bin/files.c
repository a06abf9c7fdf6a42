/*
 * files — a lead's files tab and file downloads (F1-F3, F5).
 *
 *   GET /lead/<lead_id>/files     the tab: every file of the lead, newest
 *                                 received first, with its source (an email's,
 *                                 SMS's or note's permalink, or "shared with the
 *                                 lead"), filtered without JavaScript by
 *       ?category=<c>             (repeatable: image pdf document spreadsheet
 *                                 presentation archive audio video text other)
 *       ?from=YYYY-MM-DD&to=YYYY-MM-DD   days received, viewer's zone, inclusive;
 *                                 counts per category within the date range
 *       ?before=<file_id>         the page after that file (keyset paging, 100
 *                                 a page, "Older files"); not a file of the lead 400.
 *                                 A file attached to several activities shows each.
 *   GET /file/<file_id>           the download: Content-Disposition attachment
 *                                 with an RFC 6266 name, nosniff, CSP sandbox;
 *                                 Content-Type only from a short list of types
 *                                 never run as script (files_download_type);
 *                                 the bytes sent by nginx (X-Accel-Redirect to its
 *                                 internal /_files/ab/cd/<sha256>), by Apache
 *                                 (X-Sendfile) or streamed by the program (H3)
 *   POST /lead/<lead_id>/files    multipart: csrf [, activity=<acti_id>], then file
 *                                 (one or more, 25 MB together):
 *                                 shared with the lead directly, or attached to
 *                                 that email, SMS or note of the lead (received at
 *                                 its date); at most 25 MB, 5 MB for an SMS, else
 *                                 413 and nothing kept; sniffed by libmagic, stored
 *                                 once by sha256, then its rows; 303 to the tab
 *
 * Who: an active, logged-in member of the lead's (the file's) organization;
 * without a session 302 to /login?next=. Another organization's lead or file,
 * an unknown or malformed id: the same 404.
 * Templates: files.tpl. Statuses: 200 302 303 400 403 404 405 413 500 503 (also the file store
 * unwritable) 507 (the file store full; nothing kept).
 */
#include <string.h>

#include "arena.h"
#include "files.h"
#include "fmt.h"
#include "ids.h"
#include "multipart.h"
#include "req.h"
#include "view.h"

enum key { KEY_CATEGORY, KEY_FROM, KEY_TO, KEY_ACTIVITY, KEY_BEFORE, KEY__MAX };

static const struct req_key keys[KEY__MAX] = {
	[KEY_CATEGORY] = { "category", REQ_K_LINE, 20, NULL, 1 },
	[KEY_FROM]     = { "from", REQ_K_LINE, 10, NULL, 0 },
	[KEY_TO]       = { "to", REQ_K_LINE, 10, NULL, 0 },
	[KEY_ACTIVITY] = { "activity", REQ_K_ID, 0, "acti_", 0 },
	[KEY_BEFORE]   = { "before", REQ_K_ID, 0, "file_", 0 },
};

#define NO_LEAD "There is no such lead."
#define NO_FILE "There is no such file."

/* How each source is shown: activities.type -> icon, label. */
static const struct {
	const char *type;
	const char *icon;
	const char *label;
} sources[] = {
	{ "email", "\xe2\x9c\x89", "Email" },        /* ✉ */
	{ "sms", "\xf0\x9f\x92\xac", "SMS" },        /* 💬 */
	{ "note", "\xf0\x9f\x93\x9d", "Note" },      /* 📝 */
};

/* A calendar day "YYYY-MM-DD" that exists; "" and NULL are no day. */
static int
is_day(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* The filter from the query: NULL, or the message of a 400. */
static const char *
read_filter(struct req *r, struct files_filter *flt)
{
	const struct req_field *c = &r->field[KEY_CATEGORY];
	size_t i;
	int k;

	memset(flt, 0, sizeof *flt);
	for (i = 0; i < c->nvals; i++) {
		if ((k = files_cat_of(c->vals[i])) < 0)
			return "That is not a file type: use image, pdf, document, spreadsheet, "
			    "presentation, archive, audio, video, text or other.";
		flt->cat[k] = 1;
	}
	flt->from = req_str(r, KEY_FROM);
	flt->to = req_str(r, KEY_TO);
	if (flt->from != NULL && *flt->from == '\0')
		flt->from = NULL;
	if (flt->to != NULL && *flt->to == '\0')
		flt->to = NULL;
	if ((flt->from != NULL && !is_day(flt->from)) || (flt->to != NULL && !is_day(flt->to)))
		return "A date received is a day written YYYY-MM-DD.";
	if (r->field[KEY_BEFORE].set && (flt->before = req_str(r, KEY_BEFORE)) == NULL)
		return "The list cannot continue there: that is not a file id.";
	return NULL;
}

/* Every email, SMS or note the file came with (a file may be attached to
 * several), else "Shared with the lead". */
static void
fill_sources(struct req *r, struct view_dict *f, const struct files_list *l,
    const struct files_row *row)
{
	struct view_dict *s;
	const struct files_src *src;
	const char *label;
	size_t i, k;

	if (row->nsrc == 0) {
		view_show(f, "DIRECT");
		return;
	}
	for (k = 0; k < row->nsrc; k++) {
		src = &row->src[k];
		s = view_section(f, "FROM_ACT");
		view_set(s, "LEAD_PID", l->lead_pid);
		view_set(s, "ACT_PID", src->act_pid);
		view_set(s, "TYPE", src->act_type);
		view_set(s, "ICON", "\xf0\x9f\x93\x8e");   /* 📎 */
		for (i = 0; i < sizeof sources / sizeof sources[0]; i++)
			if (strcmp(sources[i].type, src->act_type) == 0)
				break;
		if (i < sizeof sources / sizeof sources[0])
			view_set(s, "ICON", sources[i].icon);
		label = i < sizeof sources / sizeof sources[0] ? sources[i].label : src->act_type;
		view_set(s, "LABEL", label);
		/* the hover text: when the attachment was used, and the email's subject */
		view_set(s, "TITLE", arena_printf(&r->arena, "%s of %s%s%s", label,
		    src->act_when, *src->act_subject ? ": " : "", src->act_subject));
	}
}

/* The tab's address under this filter (values validated: nothing to escape). */
static const char *
tab_query(struct req *r, const struct files_filter *flt)
{
	const char *q = "";
	int i;

	for (i = 0; i < FILES__MAX; i++)
		if (flt->cat[i])
			q = arena_printf(&r->arena, "%scategory=%s&", q, files_cat_names[i]);
	if (flt->from != NULL)
		q = arena_printf(&r->arena, "%sfrom=%s&", q, flt->from);
	if (flt->to != NULL)
		q = arena_printf(&r->arena, "%sto=%s&", q, flt->to);
	return q;
}

static void
fill_tab(struct req *r, const struct files_list *l, const struct files_filter *flt)
{
	struct view_dict *d = r->dict, *c, *f;
	size_t i;

	req_title(r, arena_printf(&r->arena, "Files · %s", l->lead_name));
	view_set(d, "LEAD_PID", l->lead_pid);
	view_set(d, "LEAD_NAME", l->lead_name);
	view_set(d, "CSRF", r->who.csrf);
	view_set(d, "FROM", flt->from ? flt->from : "");
	view_set(d, "TO", flt->to ? flt->to : "");
	for (i = 0; i < FILES__MAX; i++) {
		c = view_section(d, "CAT");
		view_set(c, "NAME", files_cat_names[i]);
		view_set(c, "LABEL", files_cat_labels[i]);
		view_set_int(c, "COUNT", l->count[i]);
		if (flt->cat[i])
			view_show(c, "CHECKED");
	}
	view_set_int(d, "SHOWN", (long long)l->nrows);
	view_set_int(d, "TOTAL", l->total);
	for (i = 0; i < l->nrows; i++) {
		f = view_section(d, "FILE");
		view_set(f, "PID", l->rows[i].pid);
		view_set(f, "NAME", l->rows[i].name);
		view_set(f, "CATEGORY", l->rows[i].category);
		view_set(f, "SIZE", fmt_size(&r->arena, l->rows[i].size));
		view_set(f, "WHEN", l->rows[i].received);
		view_set(f, "WHEN_UTC", l->rows[i].received_utc);
		fill_sources(r, f, l, &l->rows[i]);
	}
	if (l->nrows == 0)
		view_show(d, "NONE");
	if (l->older != NULL)
		view_set(view_section(d, "OLDER"), "HREF", arena_printf(&r->arena,
		    "/lead/%s/files?%sbefore=%s", l->lead_pid, tab_query(r, flt), l->older));
	if (flt->before != NULL) {
		const char *q = tab_query(r, flt);
		size_t n = strlen(q);

		/* the filter without its last "&", or no query at all */
		view_set(view_section(d, "NEWEST"), "HREF", arena_printf(&r->arena,
		    "/lead/%s/files%s%.*s", l->lead_pid, n ? "?" : "", (int)(n ? n - 1 : 0), q));
	}
}

static int
files_tab(struct req *r)
{
	struct files_filter flt;
	struct files_list l;
	const char *bad;
	enum db_err e;
	int found, bad_cursor;

	if ((bad = read_filter(r, &flt)) != NULL)
		return req_error(r, 400, bad);
	e = files_list(&r->arena, r->who.org_id, r->arg[0], r->who.time_zone, &flt, &l, &found,
	    &bad_cursor);
	if (e != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 404, NO_LEAD);
	if (bad_cursor)
		return req_error(r, 400, "The list cannot continue there: that file is not on this lead.");
	fill_tab(r, &l, &flt);
	return req_render(r, "files.tpl");
}

/*
 * Every header of a download except how its bytes travel: every download path
 * calls it. The type is one a browser never runs as a script of the site
 * (files_download_type: an uploaded file is never a same-origin script, even
 * referenced by <script src>); always an attachment with its RFC 6266 name,
 * nosniff, and a sandbox CSP should it be opened anyway. 0, or the status of
 * the error recorded.
 */
static int
download_headers(struct req *r, const struct files_blob *b)
{
	const char *disp;

	if ((disp = files_disposition(&r->arena, b->name)) == NULL)
		return req_error(r, 500, "The download could not be prepared.");
	r->content_type = files_download_type(b->sniffed_type);
	req_header(r, "Content-Disposition", disp);
	req_header(r, "X-Content-Type-Options", "nosniff");
	req_header(r, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; sandbox");
	return 0;
}

static int
file_get(struct req *r)
{
	struct files_blob b;
	struct db_res res;
	int found, st;

	/* the session and the file: one statement (ROUTE_OWN_SESSION) */
	if ((st = req_session(r, files_session_blob(), DB_ARGS(DB_STR(r->arg[0])), &res)) != 0)
		return st;
	files_blob_of(&res, &b, &found);
	if (!found)
		return req_error(r, 404, NO_FILE);
	if ((st = download_headers(r, &b)) != 0)
		return st;
	/* nginx's X-Accel-Redirect, Apache's X-Sendfile, or streamed (H3) */
	return req_file(r, arena_printf(&r->arena, "%.2s/%.2s/%s", b.sha256, b.sha256 + 2, b.sha256));
}

/* Files shared with the lead directly (or attached to an email, SMS or note
 * of it): streamed to <file_store>/tmp, sniffed and hashed; their rows and
 * their move into the store by content hash in one transaction. */
static int
files_upload(struct req *r)
{
	struct files_batch b;
	struct files_act act, *to = NULL;
	const char *acti = req_str(r, KEY_ACTIVITY), *msg;
	unsigned long long max = FILES_DIRECT_MAX;
	enum files_rc rc;
	long long lead_id;
	enum db_err e;
	int found, st;

	if ((e = files_lead(&r->arena, r->who.org_id, r->arg[0], &lead_id, &found)) != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 404, NO_LEAD);
	if (acti != NULL && *acti != '\0') {
		e = files_activity(&r->arena, r->who.org_id, lead_id, acti, &act, &found);
		if (e != DB_OK)
			return req_db_error(r, e);
		if (!found)
			return req_error(r, 404, "There is no such email, SMS or note on this lead.");
		to = &act;
		if (strcmp(act.type, "sms") == 0)
			max = FILES_SMS_MAX;
	}
	if ((rc = files_receive(&r->arena, r->upload, "file", max, FILES_DIRECT_MAX, &b)) != FILES_OK) {
		msg = files_refusal(rc, max == FILES_SMS_MAX, &st);
		return req_error(r, st, msg);
	}
	if (b.n == 0)
		return req_error(r, 400, "Choose a file to share with the lead.");
	if ((e = files_add(&r->arena, r->who.org_id, lead_id, r->who.user_id, &b, to)) != DB_OK) {
		files_unreceive(&b);
		if (b.rc != FILES_OK) {
			msg = files_refusal(b.rc, max == FILES_SMS_MAX, &st);
			return req_error(r, st, msg);
		}
		return req_db_error(r, e);
	}
	return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/files", r->arg[0]));
}

static const struct route routes[] = {
	{ REQ_GET, "/lead/{lead}/files", 0, files_tab },
	{ REQ_POST, "/lead/{lead}/files", ROUTE_UPLOAD, files_upload },
	{ REQ_GET, "/file/{file}", ROUTE_OWN_SESSION, file_get },
};

static const char *const templates[] = { "files.tpl", NULL };

static const struct page page = {
	"files", routes, sizeof routes / sizeof routes[0], keys, KEY__MAX, templates,
};

int
main(int argc, char **argv)
{
	files_init();   /* libmagic's database: a worker's idle memory, not an upload's */
	return req_main(&page, argc, argv);
}
