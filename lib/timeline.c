/* timeline.c — see timeline.h.
 *
 * How a page of history is read. Initech has 100,000 activities; opening it
 * must cost what opening a lead with ten costs, so every read is a range of one
 * of the history indexes, read newest first and stopped by LIMIT:
 *
 *   all types        lead_history             (lead_id, activity_at, id)
 *   a built-in type  lead_type_history        (lead_id, type, activity_at, id)
 *   a custom type    lead_custom_type_history (lead_id, custom_type_id, activity_at, id)
 *
 * Paging is by keyset on (activity_at, id), never OFFSET: ?before=<acti_id>
 * names the last activity shown. Its (activity_at, id) is read in the same
 * statement by joining it as `k` through the unique pid, a const table, so the
 * optimizer sees plain constants in
 *   a.activity_at < k.activity_at OR (a.activity_at = k.activity_at AND a.id < k.id)
 * and makes it a range. FORCE INDEX is there because, given ORDER BY ... LIMIT,
 * MariaDB 10.11 otherwise prefers a ref on lead_id alone and walks backwards
 * from the newest activity to the cursor: 60,000 rows deep in Initech instead of 51.
 *
 * Several types at once: `type IN (...)` over lead_type_history would read
 * every activity of those types and sort them. Instead one statement holds a
 * UNION ALL of one branch per type, each an index range with its own LIMIT 51,
 * and the union is sorted and cut to 51: at most 51 rows per selected type are
 * read, whatever the lead's size, in one statement (the page's budget is ten).
 * The statement has a branch for each of the eight built-in types and eight
 * branches for custom types; an unused branch is bound to NULL, an impossible
 * WHERE the optimizer drops before reading. Over eight custom types selected at
 * once runs the statement again for the next eight and merges in C.
 *
 * Each branch reads only (id, activity_at) from the index; the wide columns
 * (bodies) are joined for the 51 rows that remain.
 *
 * The pinned activities (P3: on top of every page, whatever the filter) are
 * one more branch of the same statement, marked by p.sect = 1: a range of
 * lead_pinned (lead_id, pinned_at), at most five rows, so the page costs no
 * statement more. Their attachments and fields come with the page's.
 */
#include "timeline.h"
#include "arena.h"
#include "fmt.h"
#include "pins.h"
#include "uni.h"

#include <stdlib.h>
#include <string.h>

const struct timeline_type_def timeline_types[TIMELINE__MAX] = {
	[TIMELINE_EMAIL]              = { "email", "Email", "Emails" },
	[TIMELINE_CALL]               = { "call", "Call", "Calls" },
	[TIMELINE_SMS]                = { "sms", "SMS", "SMS" },
	[TIMELINE_MEETING]            = { "meeting", "Meeting", "Meetings" },
	[TIMELINE_NOTE]               = { "note", "Note", "Notes" },
	[TIMELINE_LEAD_STATUS]        = { "lead_status_change", "Lead status change", "Lead status changes" },
	[TIMELINE_OPPORTUNITY_STATUS] = { "opportunity_status_change", "Opportunity status change",
	                                  "Opportunity status changes" },
	[TIMELINE_TASK_COMPLETED]     = { "task_completed", "Task completed", "Completed tasks" },
	[TIMELINE_CUSTOM]             = { "custom", "Custom activity", "Custom activities" },
};

#define SLOTS_BUILTIN  (TIMELINE__MAX - 1)   /* a branch for every built-in type */
#define SLOTS_CUSTOM   8

/* --- the statements ------------------------------------------------------ */

/* Numbers written into the SQL text: each is checked against the constant it
 * stands for, so changing one without the other fails the build. */
#define SQL_NUM_(n) #n
#define SQL_NUM(n)  SQL_NUM_(n)
#define ONE_MORE_N  51   /* TIMELINE_PAGE + 1: is there a next page? */
#define PINS_N      5    /* TIMELINE_PINS */
#define ONE_MORE    SQL_NUM(ONE_MORE_N)
_Static_assert(ONE_MORE_N == TIMELINE_PAGE + 1, "the history's LIMIT is a page and one more");
_Static_assert(PINS_N == TIMELINE_PINS && TIMELINE_PINS == PINS_MAX, "the pinned branch's LIMIT");
/* X8 writes eight branches of each kind */
_Static_assert(SLOTS_BUILTIN == 8 && SLOTS_CUSTOM == 8, "the statement's branches are X8's");
#define NEWEST_FIRST " ORDER BY a.activity_at DESC, a.id DESC LIMIT " ONE_MORE
#define KEYSET \
	"(a.activity_at < k.activity_at OR (a.activity_at = k.activity_at AND a.id < k.id))"

/* One index range of the lead's history: the newest 51, or the 51 before k. */
#define RANGE_FIRST(index, cond) \
	"SELECT a.id, a.activity_at FROM activities a FORCE INDEX (" index ")" \
	" WHERE a.lead_id = ? AND a.organization_id = ?" cond " AND a.deleted_at IS NULL" \
	NEWEST_FIRST
#define RANGE_AFTER(index, cond) \
	"SELECT a.id, a.activity_at FROM activities k" \
	" JOIN activities a FORCE INDEX (" index ") ON a.lead_id = k.lead_id AND " KEYSET \
	" WHERE k.pid = ? AND k.lead_id = ? AND k.organization_id = ?" cond " AND a.deleted_at IS NULL" \
	NEWEST_FIRST

#define BRANCH_TYPE(range)   "(" range("lead_type_history", " AND a.type = ?") ")"
#define BRANCH_CUSTOM(range) "(" range("lead_custom_type_history", " AND a.custom_type_id = ?") ")"
#define X8(b) b " UNION ALL " b " UNION ALL " b " UNION ALL " b " UNION ALL " \
	b " UNION ALL " b " UNION ALL " b " UNION ALL " b
#define BRANCHES(range) \
	X8(BRANCH_TYPE(range)) " UNION ALL " X8(BRANCH_CUSTOM(range)) \
	" ORDER BY activity_at DESC, id DESC LIMIT " ONE_MORE

/* The lead's pinned activities, newest created first (Close: "by created date"). */
#define PINNED \
	"SELECT pa.id, pa.activity_at, 1, pa.date_created FROM activities pa FORCE INDEX (lead_pinned)" \
	" WHERE pa.lead_id = ? AND pa.organization_id = ? AND pa.pinned_at IS NOT NULL" \
	" AND pa.deleted_at IS NULL ORDER BY pa.date_created DESC, pa.activity_at DESC, pa.id DESC" \
	" LIMIT " SQL_NUM(PINS_N)

#define SHOWN(t) "COALESCE(CONVERT_TZ(" t ", 'UTC', z.tz), " t ")"
#define WHEN_FMT "'%b %e, %Y %l:%i %p'"

/* The page: z holds the viewer's zone and whether the cursor exists (so an
 * unknown cursor is told from the end of the history in the same statement);
 * p is the page's (id, activity_at); the rest are the columns to show. */
#define PAGE(zone, inner) \
	"SELECT a.id, a.pid, a.type, t.name AS custom_type, u.name AS user_name, c.name AS contact," \
	" DATE_FORMAT(" SHOWN("a.activity_at") ", " WHEN_FMT ") AS shown_at," \
	" DATE_FORMAT(a.activity_at, '%Y-%m-%dT%H:%i:%sZ') AS utc_at, a.pinned_at IS NOT NULL AS pinned," \
	" a.direction, a.subject, a.sender, a.recipients_to, a.recipients_cc, a.body_text, a.body_html," \
	" a.phone, a.local_phone, a.duration, a.outcome, a.title," \
	" DATE_FORMAT(" SHOWN("a.starts_at") ", " WHEN_FMT ") AS starts," \
	" DATE_FORMAT(" SHOWN("a.ends_at") ", IF(DATE(" SHOWN("a.ends_at") ") = DATE(" SHOWN("a.starts_at") ")," \
	"  '%l:%i %p', " WHEN_FMT ")) AS ends," \
	" a.attendees, a.location, o.value, o.value_currency, o.value_period," \
	" a.old_status_label, a.new_status_label, p.activity_at AS sort_at, z.anchor_ok, p.sect," \
	" eu.name AS editor, DATE_FORMAT(" SHOWN("a.edited_at") ", " WHEN_FMT ") AS edited_at," \
	" tk.pid AS task_pid, tk.is_complete AS task_done" \
	" FROM " zone " z" \
	" LEFT JOIN (SELECT q.id, q.activity_at, 0 AS sect, q.activity_at AS created FROM (" inner ") q" \
	"  UNION ALL (" PINNED ")) p ON TRUE" \
	" LEFT JOIN activities a ON a.id = p.id" \
	" LEFT JOIN custom_activity_types t ON t.id = a.custom_type_id AND t.organization_id = a.organization_id" \
	" LEFT JOIN users u ON u.id = a.user_id" \
	" LEFT JOIN users eu ON eu.id = a.edited_by" \
	" LEFT JOIN contacts c ON c.id = a.contact_id AND c.organization_id = a.organization_id" \
	" LEFT JOIN opportunities o ON o.id = a.opportunity_id AND o.organization_id = a.organization_id" \
	" LEFT JOIN tasks tk ON tk.id = a.task_id AND tk.organization_id = a.organization_id" \
	" ORDER BY p.sect DESC, p.created DESC, p.activity_at DESC, p.id DESC"

#define ZONE_FIRST "(SELECT ? AS tz, 1 AS anchor_ok)"
#define ZONE_AFTER "(SELECT ? AS tz, EXISTS (SELECT 1 FROM activities k" \
	" WHERE k.pid = ? AND k.lead_id = ? AND k.organization_id = ?) AS anchor_ok)"

#define PAGE_COLS(X) \
	X(C_ID, "id") X(C_PID, "pid") X(C_TYPE, "type") X(C_CUSTOM_TYPE, "custom_type") \
	X(C_USER, "user_name") X(C_CONTACT, "contact") X(C_WHEN, "shown_at") X(C_WHEN_UTC, "utc_at") \
	X(C_PINNED, "pinned") X(C_DIRECTION, "direction") X(C_SUBJECT, "subject") \
	X(C_SENDER, "sender") X(C_TO, "recipients_to") X(C_CC, "recipients_cc") \
	X(C_BODY_TEXT, "body_text") X(C_BODY_HTML, "body_html") X(C_PHONE, "phone") \
	X(C_LOCAL_PHONE, "local_phone") X(C_DURATION, "duration") X(C_OUTCOME, "outcome") \
	X(C_TITLE, "title") X(C_STARTS, "starts") X(C_ENDS, "ends") X(C_ATTENDEES, "attendees") \
	X(C_LOCATION, "location") X(C_OPPO_VALUE, "value") X(C_OPPO_CURRENCY, "value_currency") \
	X(C_OPPO_PERIOD, "value_period") X(C_OLD_STATUS, "old_status_label") \
	X(C_NEW_STATUS, "new_status_label") X(C_SORT_AT, "sort_at") X(C_ANCHOR_OK, "anchor_ok") \
	X(C_SECT, "sect") X(C_EDITOR, "editor") X(C_EDITED, "edited_at") \
	X(C_TASK, "task_pid") X(C_TASK_DONE, "task_done")
enum { PAGE_COLS(DB_COL_ENUM) C__NCOLS };
static const char *const page_cols[] = { PAGE_COLS(DB_COL_NAME) NULL };

static struct db_sql q_all_first =
    DB_SQL_COLS(PAGE(ZONE_FIRST, RANGE_FIRST("lead_history", "")), page_cols);
static struct db_sql q_all_after =
    DB_SQL_COLS(PAGE(ZONE_AFTER, RANGE_AFTER("lead_history", "")), page_cols);
static struct db_sql q_types_first = DB_SQL_COLS(PAGE(ZONE_FIRST, BRANCHES(RANGE_FIRST)), page_cols);
static struct db_sql q_types_after = DB_SQL_COLS(PAGE(ZONE_AFTER, BRANCHES(RANGE_AFTER)), page_cols);

/* The attachments and custom fields of the page's activities, by id: a
 * statement of fixed arity (unused ids are 0, which no activity has). */
#define IDS10 "?,?,?,?,?,?,?,?,?,?"
#define IDS   IDS10 "," IDS10 "," IDS10 "," IDS10 "," IDS10 ",?,?,?,?,?"
_Static_assert(sizeof IDS / 2 == TIMELINE_PAGE + TIMELINE_PINS, "IDS: a ? per activity read");
#define EXTRA_COLS(X) X(X_ACTIVITY, "activity_id") X(X_KIND, "kind") X(X_KEY, "row_key") \
	X(X_NAME, "name") X(X_B, "b") X(X_VALUE, "value") X(X_POS, "position") X(X_VALUE_ID, "value_id")
enum { EXTRA_COLS(DB_COL_ENUM) X__NCOLS };
static const char *const extra_cols[] = { EXTRA_COLS(DB_COL_NAME) NULL };
/* kind 0, a file: X_B is its size; kind 1, a custom field: X_B is its type */
enum { X_SIZE = X_B, X_TYPE = X_B };
/* UNION ALL: the first SELECT names the columns */
static struct db_sql q_extras = DB_SQL_COLS(
	"SELECT af.activity_id, 0 AS kind, f.id AS row_key, f.name, f.size AS b, NULL AS value,"
	" 0 AS position, 0 AS value_id"
	" FROM activity_files af JOIN files f ON f.id = af.file_id AND f.organization_id = af.organization_id"
	" WHERE af.organization_id = ? AND af.activity_id IN (" IDS ")"
	" UNION ALL"
	" SELECT a.id, 1, fl.id, fl.name, fl.field_type,"
	"  CASE fl.field_type"
	"   WHEN 'user' THEN COALESCE(u.name, v.value)"
	"   WHEN 'date' THEN COALESCE(DATE_FORMAT(STR_TO_DATE(v.value, '%Y-%m-%d'), '%b %e, %Y'), v.value)"
	"   WHEN 'datetime' THEN COALESCE(DATE_FORMAT(CONVERT_TZ(STR_TO_DATE(v.value, '%Y-%m-%d %H:%i:%s'),"
	"    'UTC', ?), " WHEN_FMT "), v.value)"
	"   ELSE v.value END,"
	"  fl.position, COALESCE(v.id, 0)"
	" FROM activities a"
	" JOIN custom_activity_fields fl ON fl.type_id = a.custom_type_id AND fl.organization_id = a.organization_id"
	" LEFT JOIN activity_custom_values v ON v.activity_id = a.id AND v.field_id = fl.id"
	"  AND v.organization_id = a.organization_id"
	" LEFT JOIN (users u JOIN memberships m ON m.user_id = u.id)"
	"  ON fl.field_type = 'user' AND u.pid = v.value AND m.organization_id = a.organization_id"
	" WHERE a.organization_id = ? AND a.type = 'custom' AND a.id IN (" IDS ")"
	" ORDER BY activity_id, kind, position, row_key, value_id", extra_cols);

/* The filter's counts come from lead_activity_counts, kept by every write. */
#define KIND_COLS(X) X(K_TYPE, "type") X(K_CUSTOM_ID, "custom_id") X(K_KEY, "kind_key") \
	X(K_LABEL, "label") X(K_COUNT, "n")
enum { KIND_COLS(DB_COL_ENUM) K__NCOLS };
static const char *const kind_cols[] = { KIND_COLS(DB_COL_NAME) NULL };
static struct db_sql q_kinds = DB_SQL_COLS(
	"SELECT c.type, 0 AS custom_id, NULL AS kind_key, NULL AS label, c.n FROM lead_activity_counts c"
	" WHERE c.lead_id = ? AND c.organization_id = ? AND c.custom_type_id = 0"
	" UNION ALL"
	" SELECT 'custom', t.id, t.pid, t.name, COALESCE(c.n, 0) FROM custom_activity_types t"
	" LEFT JOIN lead_activity_counts c ON c.lead_id = ? AND c.type = 'custom'"
	"  AND c.custom_type_id = t.id AND c.organization_id = t.organization_id"
	" WHERE t.organization_id = ?"
	" ORDER BY label, custom_id", kind_cols);

/* --- the filter ---------------------------------------------------------- */

static int
type_of(const char *name, enum timeline_type *out)
{
	size_t i;

	for (i = 0; i < TIMELINE__MAX; i++)
		if (strcmp(timeline_types[i].name, name) == 0) {
			*out = (enum timeline_type)i;
			return 1;
		}
	return 0;
}

enum db_err
timeline_kinds(struct arena *a, long long org_id, long long lead_id, struct timeline_kinds *out)
{
	struct db_res r;
	enum db_err e;
	enum timeline_type t;
	size_t i;

	memset(out, 0, sizeof *out);
	e = db_read(a, &q_kinds, DB_ARGS(DB_INT(lead_id), DB_INT(org_id), DB_INT(lead_id),
	    DB_INT(org_id)), &r);
	if (e != DB_OK)
		return e;
	if ((out->k = arena_alloc(a, (SLOTS_BUILTIN + r.nrows) * sizeof *out->k)) == NULL)
		return DB_ERROR;
	/* every built-in type, in table order, also when the lead has none */
	for (i = 0; i < SLOTS_BUILTIN; i++) {
		out->k[i].type = (enum timeline_type)i;
		out->k[i].key = timeline_types[i].name;
		out->k[i].label = timeline_types[i].plural;
	}
	out->n = SLOTS_BUILTIN;
	for (i = 0; i < r.nrows; i++) {
		if (!type_of(db_get(&r, i, K_TYPE), &t))
			continue;
		if (t != TIMELINE_CUSTOM) {
			out->k[t].count = db_get_int(&r, i, K_COUNT);
		} else if (!db_is_null(&r, i, K_KEY)) {
			struct timeline_kind *k = &out->k[out->n++];
			k->type = TIMELINE_CUSTOM;
			k->custom_id = db_get_int(&r, i, K_CUSTOM_ID);
			k->key = db_get(&r, i, K_KEY);
			k->label = db_get(&r, i, K_LABEL);
			k->count = db_get_int(&r, i, K_COUNT);
		}
		out->total += db_get_int(&r, i, K_COUNT);
	}
	return DB_OK;
}

const char *
timeline_select(struct timeline_kinds *ks, const char *const *keys, size_t nkeys)
{
	size_t i, j;

	for (i = 0; i < nkeys; i++) {
		for (j = 0; j < ks->n; j++)
			if (strcmp(ks->k[j].key, keys[i]) == 0)
				break;
		if (j == ks->n) {
			for (j = 0; j < ks->n; j++)
				ks->k[j].selected = 0;
			ks->nselected = 0;
			return keys[i];
		}
		if (!ks->k[j].selected) {
			ks->k[j].selected = 1;
			ks->nselected++;
		}
	}
	return NULL;
}

/* --- the page ------------------------------------------------------------ */

/* Appends the rows of one run of a page statement to out->items. */
/* The pinned rows go to out->pinned when take_pinned (the first run only). */
static enum db_err
take_rows(struct arena *a, const struct db_res *r, struct timeline_page *out, int take_pinned)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		struct timeline_item *it;
		enum timeline_type t;

		if (db_get_int(r, i, C_ANCHOR_OK) != 1)
			out->bad_cursor = 1;
		if (db_is_null(r, i, C_ID) || !type_of(db_get(r, i, C_TYPE), &t))
			continue;   /* the one row of an empty page */
		if (db_get_int(r, i, C_SECT) == 1) {
			if (!take_pinned || out->npinned == TIMELINE_PINS)
				continue;
			if (out->pinned == NULL &&
			    (out->pinned = arena_alloc(a, TIMELINE_PINS * sizeof *out->pinned)) == NULL)
				return DB_ERROR;
			it = &out->pinned[out->npinned++];
		} else {
			it = &out->items[out->n++];
		}
		memset(it, 0, sizeof *it);
		it->id = db_get_int(r, i, C_ID);
		it->pid = db_get(r, i, C_PID);
		it->type = t;
		it->custom_type = db_get(r, i, C_CUSTOM_TYPE);
		it->user = db_get(r, i, C_USER);
		it->contact = db_get(r, i, C_CONTACT);
		it->when = db_get(r, i, C_WHEN);
		it->when_utc = db_get(r, i, C_WHEN_UTC);
		it->pinned = db_get_int(r, i, C_PINNED) == 1;
		it->edited = db_get(r, i, C_EDITED);
		it->editor = db_get(r, i, C_EDITOR);
		it->task = db_get(r, i, C_TASK);
		it->task_done = db_get_int(r, i, C_TASK_DONE) != 0;
		it->direction = db_get(r, i, C_DIRECTION);
		it->subject = db_get(r, i, C_SUBJECT);
		it->sender = db_get(r, i, C_SENDER);
		it->to = db_get(r, i, C_TO);
		it->cc = db_get(r, i, C_CC);
		it->body_text = db_get(r, i, C_BODY_TEXT);
		it->body_html = db_get(r, i, C_BODY_HTML);
		it->phone = db_get(r, i, C_PHONE);
		it->local_phone = db_get(r, i, C_LOCAL_PHONE);
		it->duration = db_is_null(r, i, C_DURATION) ? -1 : db_get_int(r, i, C_DURATION);
		it->outcome = db_get(r, i, C_OUTCOME);
		it->title = db_get(r, i, C_TITLE);
		it->starts = db_get(r, i, C_STARTS);
		it->ends = db_get(r, i, C_ENDS);
		it->attendees = db_get(r, i, C_ATTENDEES);
		it->location = db_get(r, i, C_LOCATION);
		it->opportunity = "";
		if (!db_is_null(r, i, C_OPPO_VALUE) && (it->opportunity = fmt_money(a,
		    db_get_int(r, i, C_OPPO_VALUE), db_get(r, i, C_OPPO_CURRENCY),
		    db_get(r, i, C_OPPO_PERIOD))) == NULL)
			return DB_ERROR;
		it->old_status = db_get(r, i, C_OLD_STATUS);
		it->new_status = db_get(r, i, C_NEW_STATUS);
		it->sort_at = db_get(r, i, C_SORT_AT);
	}
	return DB_OK;
}

/* Newest first: activity_at as stored ("2026-03-04 15:05:00.000000") sorts as text. */
static int
newest_first(const void *x, const void *y)
{
	const struct timeline_item *a = x, *b = y;
	int c = strcmp(b->sort_at, a->sort_at);

	if (c != 0)
		return c;
	return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

/* Runs the statement of branches as often as the selected custom types need. */
static enum db_err
read_selected(struct arena *a, long long org_id, long long lead_id, const char *tz,
    const struct timeline_kinds *f, const char *before, struct timeline_page *out)
{
	struct db_arg args[4 + (SLOTS_BUILTIN + SLOTS_CUSTOM) * 4 + 2];
	struct db_res r;
	enum db_err e;
	size_t nargs, slot, next_custom = 0, runs = 0;
	int builtin_done = 0;

	for (;;) {
		const struct timeline_kind *custom[SLOTS_CUSTOM];
		size_t ncustom = 0;

		while (next_custom < f->n && ncustom < SLOTS_CUSTOM) {
			if (f->k[next_custom].selected && f->k[next_custom].type == TIMELINE_CUSTOM)
				custom[ncustom++] = &f->k[next_custom];
			next_custom++;
		}
		if (builtin_done && ncustom == 0)
			break;
		nargs = 0;
		args[nargs++] = DB_STR(tz);
		if (before != NULL) {
			args[nargs++] = DB_STR(before);
			args[nargs++] = DB_INT(lead_id);
			args[nargs++] = DB_INT(org_id);
		}
		for (slot = 0; slot < SLOTS_BUILTIN + SLOTS_CUSTOM; slot++) {
			struct db_arg which = DB_NULL;
			if (slot < SLOTS_BUILTIN && !builtin_done && f->k[slot].selected)
				which = DB_STR(timeline_types[slot].name);
			else if (slot >= SLOTS_BUILTIN && slot - SLOTS_BUILTIN < ncustom)
				which = DB_INT(custom[slot - SLOTS_BUILTIN]->custom_id);
			if (before != NULL) {
				args[nargs++] = DB_STR(before);
				args[nargs++] = DB_INT(lead_id);
				args[nargs++] = DB_INT(org_id);
			} else {
				args[nargs++] = DB_INT(lead_id);
				args[nargs++] = DB_INT(org_id);
			}
			args[nargs++] = which;
		}
		args[nargs++] = DB_INT(lead_id);   /* the pinned branch */
		args[nargs++] = DB_INT(org_id);
		builtin_done = 1;
		e = db_read(a, before ? &q_types_after : &q_types_first, args, nargs, &r);
		if (e != DB_OK)
			return e;
		if (r.nrows > 0) {
			struct timeline_item *more = arena_alloc(a, (out->n + r.nrows) * sizeof *more);
			if (more == NULL)
				return DB_ERROR;
			if (out->n)
				memcpy(more, out->items, out->n * sizeof *more);
			out->items = more;
		}
		if ((e = take_rows(a, &r, out, runs == 0)) != DB_OK)
			return e;
		runs++;
	}
	if (runs > 1)
		qsort(out->items, out->n, sizeof *out->items, newest_first);
	return DB_OK;
}

/* Adds row i of the extras to it (an activity's rows come together, in order). */
static enum db_err
add_extra(struct arena *a, const struct db_res *r, size_t i, struct timeline_item *it)
{
	long long key = db_get_int(r, i, X_KEY);
	struct timeline_field *fld;

	/* room for every remaining row */
	if (db_get_int(r, i, X_KIND) == 0) {
		if (it->files == NULL && (it->files = arena_alloc(a, (r->nrows - i) * sizeof *it->files)) == NULL)
			return DB_ERROR;
		/* its bidi and other invisible characters shown, not obeyed */
		if ((it->files[it->nfiles].name = uni_visible(a, db_get(r, i, X_NAME))) == NULL)
			return DB_ERROR;
		it->files[it->nfiles].size = db_get_int(r, i, X_SIZE);
		it->nfiles++;
		return DB_OK;
	}
	if (it->fields == NULL && (it->fields = arena_alloc(a, (r->nrows - i) * sizeof *it->fields)) == NULL)
		return DB_ERROR;
	if (it->nfields == 0 || it->fields[it->nfields - 1].id != key) {
		fld = &it->fields[it->nfields++];
		fld->id = key;
		fld->name = db_get(r, i, X_NAME);
		fld->type = db_get(r, i, X_TYPE);
		fld->nvalues = 0;
		if ((fld->values = arena_alloc(a, (r->nrows - i) * sizeof *fld->values)) == NULL)
			return DB_ERROR;
	}
	fld = &it->fields[it->nfields - 1];
	if (!db_is_null(r, i, X_VALUE))
		fld->values[fld->nvalues++] = db_get(r, i, X_VALUE);
	return DB_OK;
}

/* The activity of that id in list, or NULL. */
static struct timeline_item *
item_by_id(struct timeline_item *list, size_t n, long long id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i].id == id)
			return &list[i];
	return NULL;
}

/* The ids the extras are read for: the page's, then the pinned ones. */
static long long
extras_id(const struct timeline_page *pg, size_t i)
{
	if (i < pg->n)
		return pg->items[i].id;
	if (i >= TIMELINE_PAGE && i - TIMELINE_PAGE < pg->npinned)
		return pg->pinned[i - TIMELINE_PAGE].id;
	return 0;
}

/* Attachments and custom fields of the page's and the pinned activities: one
 * statement. A pinned activity on the page gets them twice, once a copy. */
static enum db_err
read_extras(struct arena *a, long long org_id, const char *tz, struct timeline_page *pg)
{
	enum { NIDS = TIMELINE_PAGE + TIMELINE_PINS, NARGS = 1 + NIDS + 1 + 1 + NIDS };
	struct db_arg args[NARGS];
	struct db_res r;
	struct timeline_item *it;
	enum db_err e;
	size_t i, n = 0;

	args[n++] = DB_INT(org_id);
	for (i = 0; i < NIDS; i++)
		args[n++] = DB_INT(extras_id(pg, i));
	args[n++] = DB_STR(tz);
	args[n++] = DB_INT(org_id);
	for (i = 0; i < NIDS; i++)
		args[n++] = DB_INT(extras_id(pg, i));
	if ((e = db_read(a, &q_extras, args, n, &r)) != DB_OK)
		return e;
	for (i = 0; i < r.nrows; i++) {
		long long id = db_get_int(&r, i, X_ACTIVITY);

		if ((it = item_by_id(pg->items, pg->n, id)) != NULL && (e = add_extra(a, &r, i, it)) != DB_OK)
			return e;
		if ((it = item_by_id(pg->pinned, pg->npinned, id)) != NULL &&
		    (e = add_extra(a, &r, i, it)) != DB_OK)
			return e;
	}
	return DB_OK;
}

enum db_err
timeline_page(struct arena *a, long long org_id, long long lead_id, const char *tz,
    const struct timeline_kinds *filter, const char *before, struct timeline_page *out)
{
	struct db_res r;
	enum db_err e;

	memset(out, 0, sizeof *out);
	if (filter != NULL && filter->nselected > 0) {
		e = read_selected(a, org_id, lead_id, tz, filter, before, out);
	} else {
		if (before != NULL)
			e = db_read(a, &q_all_after, DB_ARGS(DB_STR(tz), DB_STR(before), DB_INT(lead_id),
			    DB_INT(org_id), DB_STR(before), DB_INT(lead_id), DB_INT(org_id), DB_INT(lead_id),
			    DB_INT(org_id)), &r);
		else
			e = db_read(a, &q_all_first, DB_ARGS(DB_STR(tz), DB_INT(lead_id), DB_INT(org_id),
			    DB_INT(lead_id), DB_INT(org_id)), &r);
		if (e == DB_OK && (out->items = arena_alloc(a, (r.nrows + 1) * sizeof *out->items)) == NULL)
			e = DB_ERROR;
		if (e == DB_OK)
			e = take_rows(a, &r, out, 1);
	}
	if (e != DB_OK)
		return e;
	if (out->bad_cursor) {
		out->n = 0;
		out->npinned = 0;
		return DB_OK;
	}
	if (out->n > TIMELINE_PAGE) {
		out->n = TIMELINE_PAGE;
		out->more = out->items[TIMELINE_PAGE - 1].pid;
	}
	if (out->n == 0 && out->npinned == 0)
		return DB_OK;
	return read_extras(a, org_id, tz, out);
}
