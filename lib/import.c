/* import.c — see import.h.
 *
 * Speed: a batch writes each table with multi-row INSERTs of up to 256 rows
 * (prepared once; statements of 256, 16 and 1 rows cover any count), looks
 * up company names, existing contacts and new ids with IN lists of 256
 * placeholders padded with NULL. Company names are compared by the server's
 * collation (WEIGHT_STRING), so "ACME" in row 3 and "Acme" in row 9000 are
 * one lead whichever batch they fall in. Contacts are the same when their
 * names (trimmed, ASCII case folded) and first emails (case folded) are. */
#include "import.h"
#include "arena.h"
#include "conf.h"
#include "csvin.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "valid.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* --- what a column can become ------------------------------------------ */

enum target {
	T_IGNORE, T_LEAD_NAME, T_URL, T_DESCRIPTION, T_STATUS,
	T_CONTACT_NAME, T_TITLE, T_EMAIL, T_PHONE, T_CUSTOM, T__MAX
};

static const struct {
	const char *value;
	const char *label;
	const char *group;
	int         multi;        /* may be chosen for several columns */
	const char *guesses;      /* header names that mean it, '|' separated, lower case */
} targets[T__MAX] = {
	[T_IGNORE] = { "ignore", "Do not import", "", 1, "" },
	[T_LEAD_NAME] = { "lead_name", "Lead name (company)", "Lead", 0,
	    "company|company name|lead|lead name|organization|organisation|account|account name|business" },
	[T_URL] = { "url", "URL", "Lead", 0, "url|website|web site|web|homepage|company url|lead url" },
	[T_DESCRIPTION] = { "description", "Description", "Lead", 0, "description|about|notes|lead description" },
	[T_STATUS] = { "status", "Status", "Lead", 0, "status|lead status" },
	[T_CONTACT_NAME] = { "contact_name", "Contact name", "Contact", 0,
	    "contact|contact name|name|full name|person|customer|patient|client" },
	[T_TITLE] = { "title", "Title", "Contact", 0, "title|job title|position|role|contact title" },
	[T_EMAIL] = { "email", "Email", "Contact", 1,
	    "email|e-mail|email address|e-mail address|mail|contact email|work email" },
	[T_PHONE] = { "phone", "Phone", "Contact", 1,
	    "phone|phone number|telephone|tel|mobile|cell|contact phone|work phone" },
	[T_CUSTOM] = { "custom", "Custom field", "Custom field", 0, "" },
};

/* --- SQL ------------------------------------------------------------------ */

#define R1(s)   s
#define R2(s)   R1(s) R1(s)
#define R4(s)   R2(s) R2(s)
#define R8(s)   R4(s) R4(s)
#define R16(s)  R8(s) R8(s)
#define R32(s)  R16(s) R16(s)
#define R64(s)  R32(s) R32(s)
#define R128(s) R64(s) R64(s)
#define R15(s)  R8(s) R4(s) R2(s) R1(s)
#define R255(s) R128(s) R64(s) R32(s) R16(s) R8(s) R4(s) R2(s) R1(s)
#define IN256   "(?" R255(",?") ")"
/* One multi-row INSERT in three sizes: 256, 16 and 1 rows. */
#define INSERTS(head, row) { DB_SQL(head row R255("," row)), DB_SQL(head row R15("," row)), \
	DB_SQL(head row) }
#define BIG 256

/* The columns each read names (db.h), in the order of its SELECT. */
#define JOB_COLS(X) X(J_ID, "id") X(J_PID, "pid") X(J_FILE, "file_name") X(J_STATE, "state") \
	X(J_MESSAGE, "message") X(J_USER, "user_name") X(J_CREATED, "date_created") \
	X(J_SIZE, "size") X(J_TOTAL, "rows_total") X(J_DONE, "rows_done") \
	X(J_NEXT_LINE, "next_line") X(J_LEADS_CREATED, "leads_created") \
	X(J_LEADS_MERGED, "leads_merged") X(J_CONTACTS_CREATED, "contacts_created") \
	X(J_SKIPPED, "rows_skipped")
#define COLUMN_COLS(X) X(CL_HEADER, "header") X(CL_SAMPLE, "sample") X(CL_TARGET, "target")
#define FIELD_COLS(X) X(FD_ID, "id") X(FD_PID, "pid") X(FD_NAME, "name") X(FD_TYPE, "type") \
	X(FD_MULTIPLE, "accepts_multiple") X(FD_CHOICES, "choices")
#define LOCK_COLS(X) X(LK_ID, "id") X(LK_STATE, "state") X(LK_PATH, "path") \
	X(LK_DELIM, "delimiter") X(LK_OFFSET, "next_offset") X(LK_LINE, "next_line") \
	X(LK_PREV_CR, "prev_cr")
#define SKIP_COLS(X) X(SK_LINE, "line") X(SK_REASON, "reason")
#define STATUS_COLS(X) X(ST_ID, "id") X(ST_LABEL, "label")
#define AUTOINC_COLS(X) X(AI_CONSECUTIVE, "autoinc_consecutive") X(AI_INCREMENT, "autoinc_step")
#define MAPPING_COLS(X) X(MP_POSITION, "position") X(MP_TARGET, "target") X(MP_HEADER, "header") \
	X(MP_FIELD, "field_id") X(MP_TYPE, "type") X(MP_MULTIPLE, "accepts_multiple") \
	X(MP_CHOICES, "choices") X(MP_FNAME, "field_name")
#define NAME_COLS(X) X(NM_IX, "i") X(NM_WEIGHT, "weight") X(NM_LEAD, "lead_id") X(NM_OURS, "ours")
#define CONTACT_COLS(X) X(CO_LEAD, "lead_id") X(CO_NAME, "name") X(CO_EMAIL, "email")
#define PID_COLS(X) X(PI_ID, "id") X(PI_PID, "pid")
#define MEMBER_COLS(X) X(MB_ID, "id") X(MB_EMAIL, "email") X(MB_NAME, "name")
#define TZ_COLS(X) X(TZ_ZONE, "time_zone") X(TZ_KNOWN, "tz_known")
enum { JOB_COLS(DB_COL_ENUM) J__NCOLS };
enum { COLUMN_COLS(DB_COL_ENUM) CL__NCOLS };
enum { FIELD_COLS(DB_COL_ENUM) FD__NCOLS };
enum { LOCK_COLS(DB_COL_ENUM) LK__NCOLS };
enum { SKIP_COLS(DB_COL_ENUM) SK__NCOLS };
enum { STATUS_COLS(DB_COL_ENUM) ST__NCOLS };
enum { AUTOINC_COLS(DB_COL_ENUM) AI__NCOLS };
enum { MAPPING_COLS(DB_COL_ENUM) MP__NCOLS };
enum { NAME_COLS(DB_COL_ENUM) NM__NCOLS };
enum { CONTACT_COLS(DB_COL_ENUM) CO__NCOLS };
enum { PID_COLS(DB_COL_ENUM) PI__NCOLS };
enum { MEMBER_COLS(DB_COL_ENUM) MB__NCOLS };
enum { TZ_COLS(DB_COL_ENUM) TZ__NCOLS };
static const char *const job_cols[] = { JOB_COLS(DB_COL_NAME) NULL };
static const char *const column_cols[] = { COLUMN_COLS(DB_COL_NAME) NULL };
static const char *const field_cols[] = { FIELD_COLS(DB_COL_NAME) NULL };
static const char *const lock_cols[] = { LOCK_COLS(DB_COL_NAME) NULL };
static const char *const skip_cols[] = { SKIP_COLS(DB_COL_NAME) NULL };
static const char *const status_cols[] = { STATUS_COLS(DB_COL_NAME) NULL };
static const char *const autoinc_cols[] = { AUTOINC_COLS(DB_COL_NAME) NULL };
static const char *const mapping_cols[] = { MAPPING_COLS(DB_COL_NAME) NULL };
static const char *const name_cols[] = { NAME_COLS(DB_COL_NAME) NULL };
static const char *const contact_cols[] = { CONTACT_COLS(DB_COL_NAME) NULL };
static const char *const pid_cols[] = { PID_COLS(DB_COL_NAME) NULL };
static const char *const member_cols[] = { MEMBER_COLS(DB_COL_NAME) NULL };
static const char *const tz_cols[] = { TZ_COLS(DB_COL_NAME) NULL };

static struct db_sql q_insert_import = DB_SQL(
	"INSERT INTO imports (pid, organization_id, user_id, file_name, path, size, delimiter, rows_total)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_sql q_insert_column = DB_SQL(
	"INSERT INTO import_columns (import_id, position, header, sample, target, field_id)"
	" VALUES (?, ?, ?, ?, ?, ?)");
#define JOB_SQL \
	"SELECT i.id, i.pid, i.file_name, i.state, COALESCE(i.message, '') AS message," \
	" u.name AS user_name, DATE_FORMAT(i.date_created, '%Y-%m-%d %H:%i') AS date_created," \
	" i.size, i.rows_total, i.rows_done, i.next_line, i.leads_created, i.leads_merged," \
	" i.contacts_created, i.rows_skipped FROM imports i JOIN users u ON u.id = i.user_id"
static struct db_sql q_get = DB_SQL_COLS(JOB_SQL
	" WHERE i.organization_id = ? AND i.pid = ?", job_cols);
static struct db_sql q_recent = DB_SQL_COLS(JOB_SQL
	" WHERE i.organization_id = ? ORDER BY i.date_created DESC, i.id DESC LIMIT 10", job_cols);
static struct db_sql q_columns = DB_SQL_COLS(
	"SELECT c.header, c.sample, IF(c.target = 'custom', f.pid, c.target) AS target"
	" FROM import_columns c LEFT JOIN custom_fields f ON f.id = c.field_id AND f.organization_id = ?"
	" WHERE c.import_id = ? ORDER BY c.position", column_cols);
static struct db_sql q_fields = DB_SQL_COLS(
	"SELECT id, pid, name, type, accepts_multiple, COALESCE(choices, '') AS choices"
	" FROM custom_fields"
	" WHERE organization_id = ? AND type IN ('text', 'textarea', 'number', 'date', 'datetime',"
	" 'choices', 'user', 'url')"
	" ORDER BY position, id", field_cols);
static struct db_sql q_lock = DB_SQL_COLS(
	"SELECT id, state, path, delimiter, next_offset, next_line, prev_cr FROM imports"
	" WHERE organization_id = ? AND pid = ? FOR UPDATE", lock_cols);
static struct db_sql q_set_column = DB_SQL(
	"UPDATE import_columns SET target = ?, field_id = ? WHERE import_id = ? AND position = ?");
static struct db_sql q_set_state = DB_SQL(
	"UPDATE imports SET state = ?, message = ?,"
	" date_finished = IF(? IN ('done', 'stopped', 'failed'), UTC_TIMESTAMP(6), NULL)"
	" WHERE id = ?");
static struct db_sql q_progress = DB_SQL(
	"UPDATE imports SET next_offset = ?, next_line = ?, prev_cr = ?, rows_done = rows_done + ?,"
	" leads_created = leads_created + ?, leads_merged = leads_merged + ?,"
	" contacts_created = contacts_created + ?, rows_skipped = rows_skipped + ?"
	" WHERE id = ?");
static struct db_sql q_skips = DB_SQL_COLS(
	"SELECT line, reason FROM import_skips WHERE import_id = ? AND line > ? ORDER BY line LIMIT ?",
	skip_cols);
static struct db_sql q_statuses = DB_SQL_COLS(
	"SELECT id, label FROM lead_statuses WHERE organization_id = ? ORDER BY position, id",
	status_cols);
/* "Simple inserts" (a known row count) get consecutive ids unless the lock
 * mode is 2 (interleaved, as Galera needs): then new ids are looked up by pid. */
static struct db_sql q_autoinc = DB_SQL_COLS(
	"SELECT @@innodb_autoinc_lock_mode < 2 AS autoinc_consecutive, @@auto_increment_increment AS autoinc_step",
	autoinc_cols);
static struct db_sql q_mapping = DB_SQL_COLS(
	"SELECT c.position, c.target, c.header, f.id AS field_id, f.type, f.accepts_multiple,"
	" COALESCE(f.choices, '') AS choices, f.name AS field_name"
	" FROM import_columns c LEFT JOIN custom_fields f ON f.id = c.field_id AND f.organization_id = ?"
	" WHERE c.import_id = ? ORDER BY c.position", mapping_cols);

/* Company names: their collation weight, and the organization's leads of that
 * name with whether this import made or merged them already. */
#define NAME_ROW " UNION ALL SELECT ?, ?"
static struct db_sql q_names = DB_SQL_COLS(
	"SELECT t.i, HEX(WEIGHT_STRING(t.n)) AS weight, l.id AS lead_id, il.lead_id IS NOT NULL AS ours"
	" FROM (SELECT ? AS i, CONVERT(? USING utf8mb4) COLLATE utf8mb4_unicode_ci AS n"
	R255(NAME_ROW) ") t"
	" LEFT JOIN leads l ON l.organization_id = ? AND l.name = t.n"
	" LEFT JOIN import_leads il ON il.import_id = ? AND il.lead_id = l.id"
	" WHERE t.i IS NOT NULL ORDER BY t.i, l.id", name_cols);
static struct db_sql q_contacts_of = DB_SQL_COLS(
	"SELECT c.lead_id, c.name, e.email FROM contacts c"
	" LEFT JOIN contact_emails e ON e.contact_id = c.id AND e.organization_id = c.organization_id"
	" WHERE c.organization_id = ? AND c.lead_id IN " IN256, contact_cols);
static struct db_sql q_lead_ids = DB_SQL_COLS(
	"SELECT id, pid FROM leads WHERE organization_id = ? AND pid IN " IN256, pid_cols);
static struct db_sql q_contact_ids = DB_SQL_COLS(
	"SELECT id, pid FROM contacts WHERE organization_id = ? AND pid IN " IN256, pid_cols);
static struct db_sql q_touch = DB_SQL(
	"UPDATE leads SET date_updated = UTC_TIMESTAMP(6), updated_by = ?"
	" WHERE organization_id = ? AND id IN " IN256);

static struct db_sql q_ins_leads[3] = INSERTS(
	"INSERT INTO leads (pid, organization_id, name, url, description, status_id, created_by,"
	" updated_by) VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_sql q_ins_contacts[3] = INSERTS(
	"INSERT INTO contacts (pid, organization_id, lead_id, name, title) VALUES ", "(?, ?, ?, ?, ?)");
static struct db_sql q_ins_emails[3] = INSERTS(
	"INSERT INTO contact_emails (organization_id, contact_id, email, type, position) VALUES ",
	"(?, ?, ?, 'office', ?)");
static struct db_sql q_ins_phones[3] = INSERTS(
	"INSERT INTO contact_phones (organization_id, contact_id, phone, phone_digits, type, position)"
	" VALUES ", "(?, ?, ?, ?, 'office', ?)");
/* The organization's active members, read once per batch so that a user
 * column is resolved in C by email or full name, without a query per row. */
static struct db_sql q_members = DB_SQL_COLS(
	"SELECT u.id, u.email, u.name FROM memberships m JOIN users u ON u.id = m.user_id"
	" WHERE m.organization_id = ? AND m.active = 1 AND u.active = 1 ORDER BY u.id", member_cols);
/* The time zone of the user who made the import, and whether the server
 * knows it (CONVERT_TZ gives NULL for a zone without time zone tables). */
static struct db_sql q_import_tz = DB_SQL_COLS(
	"SELECT u.time_zone, CONVERT_TZ('2000-01-01 00:00:00', u.time_zone, '+00:00') IS NOT NULL"
	" AS tz_known FROM imports i JOIN users u ON u.id = i.user_id WHERE i.id = ?", tz_cols);
/*
 * A value is (local datetime, its zone, other value, user): a datetime field's
 * value is bound with the import user's zone and converted to UTC by the
 * server in the INSERT itself, as leadtx_to_utc does for one value. Doing it
 * here keeps the batch at one statement per 256 values; converting in C from
 * one offset per batch would be wrong across a change of daylight saving
 * time, and the zone rules live in the server's tables, not in ours. Any
 * other value is bound to the third ? with NULL for the first two; a
 * datetime is bound there too, kept as it is should the server not convert it.
 */
static struct db_sql q_ins_values[3] = INSERTS(
	"INSERT INTO lead_custom_values (organization_id, lead_id, field_id, value, value_user) VALUES ",
	"(?, ?, ?, COALESCE(DATE_FORMAT(CONVERT_TZ(?, ?, '+00:00'), '%Y-%m-%d %H:%i:%s'), ?), ?)");
static struct db_sql q_ins_import_leads[3] = INSERTS(
	"INSERT INTO import_leads (import_id, lead_id, created) VALUES ", "(?, ?, ?)");
static struct db_sql q_ins_skips[3] = INSERTS(
	"INSERT INTO import_skips (import_id, line, reason) VALUES ", "(?, ?, ?)");

static enum import_rc
rc_of(enum db_err e)
{
	switch (e) {
	case DB_OK: return IMPORT_OK;
	case DB_DOWN: return IMPORT_DOWN;
	default: return IMPORT_ERROR;
	}
}

/* Rows of ncols arguments each, through the 256-, 16- and 1-row statements.
 * With ids, the id of each row when the server gives one INSERT consecutive
 * ids (step inc); the caller knows whether it does. */
static enum db_err
insert_rows(struct arena *a, struct db_sql q[3], const struct db_arg *args, size_t nrows,
    size_t ncols, long long *ids, long long inc)
{
	static const size_t sizes[3] = { BIG, 16, 1 };
	struct db_res r;
	enum db_err e;
	size_t k, j;

	for (k = 0; k < 3; k++) {
		while (nrows >= sizes[k]) {
			if ((e = db_write(a, &q[k], args, sizes[k] * ncols, &r)) != DB_OK)
				return e;
			for (j = 0; ids != NULL && j < sizes[k]; j++)
				*ids++ = (long long)r.insert_id + (long long)j * inc;
			args += sizes[k] * ncols;
			nrows -= sizes[k];
		}
	}
	return DB_OK;
}

/* --- a small string map for one batch (in its arena) ---------------------- */

struct smap {
	const char **keys;
	long long   *vals;
	size_t       cap, n;
};

static int
smap_init(struct arena *a, struct smap *m, size_t expect)
{
	m->cap = 64;
	while (m->cap < 2 * expect + 2)
		m->cap *= 2;
	m->n = 0;
	m->keys = arena_alloc(a, m->cap * sizeof *m->keys);
	m->vals = arena_alloc(a, m->cap * sizeof *m->vals);
	return m->keys && m->vals ? 0 : -1;
}

static size_t
smap_slot(const struct smap *m, const char *k)
{
	size_t h = 14695981039346656037u, i;

	for (i = 0; k[i]; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211u;
	for (i = h & (m->cap - 1); m->keys[i] != NULL && strcmp(m->keys[i], k) != 0;
	    i = (i + 1) & (m->cap - 1))
		;
	return i;
}

/* The value of k, or -1. */
static long long
smap_get(const struct smap *m, const char *k)
{
	size_t i = smap_slot(m, k);

	return m->keys[i] ? m->vals[i] : -1;
}

/* Adds k (kept by pointer) unless present: 1 added, 0 present. Callers keep
 * n below cap / 2 by their expect. */
static int
smap_put(struct smap *m, const char *k, long long v)
{
	size_t i = smap_slot(m, k);

	if (m->keys[i] != NULL)
		return 0;
	if (m->n + 1 >= m->cap / 2)
		return 0;
	m->keys[i] = k;
	m->vals[i] = v;
	m->n++;
	return 1;
}

/* --- files ------------------------------------------------------------- */

const char *
import_tmp_dir(struct arena *a)
{
	const char *d = arena_printf(a, "%s/tmp", conf_str(CONF_FILE_STORE));

	if (d == NULL)
		return NULL;
	if (mkdir(conf_str(CONF_FILE_STORE), 0700) != 0 && errno != EEXIST)
		return NULL;
	if (mkdir(d, 0700) != 0 && errno != EEXIST)
		return NULL;
	return d;
}

/* Text: spaces and tabs trimmed, in the arena. */
static char *
trimmed(struct arena *a, const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return arena_strndup(a, s, len);
}

/* Up to max characters of s (whole UTF-8 sequences). */
static char *
clip(struct arena *a, const char *s, size_t max)
{
	size_t i = 0, c = 0;

	while (s[i] != '\0' && c < max) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		c++;
	}
	return arena_strndup(a, s, i);
}

static enum target
guess(const char *header)
{
	char low[256];
	size_t i, n = strlen(header);
	int t;
	const char *g, *bar;

	if (n >= sizeof low)
		return T_IGNORE;
	for (i = 0; i <= n; i++)
		low[i] = (char)((header[i] >= 'A' && header[i] <= 'Z') ? header[i] + 32 : header[i]);
	for (t = T_LEAD_NAME; t < T_CUSTOM; t++) {
		for (g = targets[t].guesses; *g; g = *bar ? bar + 1 : bar) {
			bar = g + strcspn(g, "|");
			if ((size_t)(bar - g) == n && strncmp(g, low, n) == 0)
				return (enum target)t;
		}
	}
	return T_IGNORE;
}

static const char *
msg_of(struct arena *a, const char *fmt, unsigned long line)
{
	const char *m = arena_printf(a, fmt, line);

	return m ? m : "The file cannot be imported.";
}

/* The header, the first data row and the count of data rows. */
static enum import_rc
scan(struct arena *a, const char *path, unsigned char *delim, struct csvin_rec *head,
    struct csvin_rec *sample, long long *rows, const char **msg)
{
	struct csvin *r;
	struct csvin_rec rec;
	enum csvin_rc rc;
	char first[4096];
	size_t n, i;
	FILE *fp;
	int have_head = 0;

	*rows = 0;
	memset(sample, 0, sizeof *sample);
	if ((fp = fopen(path, "rb")) == NULL)
		return IMPORT_ERROR;
	n = fread(first, 1, sizeof first, fp);
	fclose(fp);
	i = n >= 3 && memcmp(first, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && (first[i] == '\r' || first[i] == '\n'))
		i++;
	*delim = csvin_sniff(first + i, n - i);
	if ((r = csvin_open(path, NULL, *delim)) == NULL)
		return IMPORT_ERROR;
	while ((rc = csvin_next(r, &rec)) == CSVIN_REC) {
		if (csvin_blank(&rec))
			continue;
		if (!have_head) {
			/* keep copies: the reader's memory is reused */
			head->n = rec.n;
			head->line = rec.line;
			head->f = arena_alloc(a, (rec.n + 1) * sizeof *head->f);
			if (head->f == NULL)
				break;
			for (i = 0; i < rec.n; i++) {
				if (!http_utf8_valid(rec.f[i], rec.len[i]) ||
				    memchr(rec.f[i], '\0', rec.len[i]) != NULL) {
					csvin_close(r);
					*msg = msg_of(a, "The header row (line %lu) is not valid UTF-8 text. "
					    "Save the file as CSV in UTF-8 and upload it again.", rec.line);
					return IMPORT_INVALID;
				}
				head->f[i] = trimmed(a, rec.f[i], rec.len[i]);
			}
			have_head = 1;
			continue;
		}
		if (sample->f == NULL) {
			sample->n = rec.n;
			if ((sample->f = arena_alloc(a, (rec.n + 1) * sizeof *sample->f)) == NULL)
				break;
			for (i = 0; i < rec.n; i++)
				sample->f[i] = http_utf8_valid(rec.f[i], rec.len[i]) ?
				    clip(a, trimmed(a, rec.f[i], rec.len[i]), 80) : "";
		}
		(*rows)++;
	}
	csvin_close(r);
	if (rc == CSVIN_ETOOBIG) {
		*msg = "The file cannot be read as CSV: a field is larger than 1 MB "
		    "(is a quote never closed?).";
		return IMPORT_INVALID;
	}
	if (rc != CSVIN_EOF)
		return IMPORT_ERROR;
	if (!have_head) {
		*msg = "The file is empty: it needs a header row naming its columns.";
		return IMPORT_INVALID;
	}
	if (head->n > IMPORT_MAX_COLUMNS) {
		*msg = msg_of(a, "The file has too many columns: at most " "100" " can be imported "
		    "(the header on line %lu has more).", head->line);
		return IMPORT_INVALID;
	}
	return IMPORT_OK;
}

enum import_rc
import_create(struct arena *a, long long org_id, long long user_id, const char *path,
    unsigned long long size, const char *file_name, char pid[IDS_MAXLEN], const char **msg)
{
	struct csvin_rec head, sample;
	struct db_res r, f;
	unsigned char delim;
	long long rows, id;
	char d[2];
	size_t i, k;
	int used[T__MAX] = { 0 };
	enum import_rc rc;
	enum db_err e;

	*msg = NULL;
	memset(&head, 0, sizeof head);
	if ((rc = scan(a, path, &delim, &head, &sample, &rows, msg)) != IMPORT_OK)
		goto fail;
	if ((e = db_read(a, &q_fields, DB_ARGS(DB_INT(org_id)), &f)) != DB_OK) {
		rc = rc_of(e);
		goto fail;
	}
	if (ids_new("impo_", pid) != 0 || (e = db_begin()) != DB_OK) {
		rc = IMPORT_DOWN;
		goto fail;
	}
	d[0] = (char)delim;
	d[1] = '\0';
	file_name = clip(a, file_name && *file_name ? file_name : "upload.csv", 255);
	e = db_write(a, &q_insert_import, DB_ARGS(DB_STR(pid), DB_INT(org_id), DB_INT(user_id),
	    DB_STR(file_name), DB_STR(path), DB_INT((long long)size), DB_STR(d), DB_INT(rows)), &r);
	id = (long long)r.insert_id;
	for (i = 0; e == DB_OK && i < head.n; i++) {
		const char *h = *head.f[i] ? clip(a, head.f[i], 255) :
		    arena_printf(a, "Column %zu", i + 1);
		enum target t = guess(h);
		long long field = 0;
		/* a custom field by its name */
		for (k = 0; t == T_IGNORE && k < f.nrows; k++)
			if (strcasecmp(db_get(&f, k, FD_NAME), h) == 0) {
				t = T_CUSTOM;
				field = db_get_int(&f, k, FD_ID);
			}
		if (t != T_CUSTOM && !targets[t].multi && used[t]++)
			t = T_IGNORE;
		e = db_write(a, &q_insert_column, DB_ARGS(DB_INT(id), DB_INT((long long)i), DB_STR(h),
		    DB_STR(i < sample.n && sample.f ? sample.f[i] : ""),
		    DB_STR(targets[t].value), field ? DB_INT(field) : DB_NULL), NULL);
	}
	if (e == DB_OK)
		e = db_commit();
	if (e != DB_OK) {
		db_rollback();
		rc = rc_of(e);
		goto fail;
	}
	return IMPORT_OK;
fail:
	unlink(path);
	return rc;
}

static void
job_row(const struct db_res *r, size_t i, struct import_job *j)
{
	memset(j, 0, sizeof *j);
	j->id = db_get_int(r, i, J_ID);
	j->pid = db_get(r, i, J_PID);
	j->file_name = db_get(r, i, J_FILE);
	j->state = db_get(r, i, J_STATE);
	j->message = db_get(r, i, J_MESSAGE);
	j->user_name = db_get(r, i, J_USER);
	j->date_created = db_get(r, i, J_CREATED);
	j->size = db_get_int(r, i, J_SIZE);
	j->rows_total = db_get_int(r, i, J_TOTAL);
	j->rows_done = db_get_int(r, i, J_DONE);
	j->next_line = db_get_int(r, i, J_NEXT_LINE);
	j->leads_created = db_get_int(r, i, J_LEADS_CREATED);
	j->leads_merged = db_get_int(r, i, J_LEADS_MERGED);
	j->contacts_created = db_get_int(r, i, J_CONTACTS_CREATED);
	j->rows_skipped = db_get_int(r, i, J_SKIPPED);
}

enum import_rc
import_get(struct arena *a, long long org_id, const char *pid, struct import_job *out)
{
	struct db_res r;
	enum db_err e;
	size_t i;

	memset(out, 0, sizeof *out);
	if ((e = db_read(a, &q_get, DB_ARGS(DB_INT(org_id), DB_STR(pid)), &r)) != DB_OK)
		return rc_of(e);
	if (r.nrows != 1)
		return IMPORT_NOT_FOUND;
	job_row(&r, 0, out);
	if ((e = db_read(a, &q_columns, DB_ARGS(DB_INT(org_id), DB_INT(out->id)), &r)) != DB_OK)
		return rc_of(e);
	if ((out->cols = arena_alloc(a, (r.nrows + 1) * sizeof *out->cols)) == NULL)
		return IMPORT_ERROR;
	for (i = 0; i < r.nrows; i++) {
		out->cols[i].header = db_get(&r, i, CL_HEADER);
		out->cols[i].sample = db_get(&r, i, CL_SAMPLE);
		out->cols[i].target = *db_get(&r, i, CL_TARGET) ? db_get(&r, i, CL_TARGET) : "ignore";
	}
	out->ncols = r.nrows;
	return IMPORT_OK;
}

enum import_rc
import_recent(struct arena *a, long long org_id, struct import_job **out, size_t *n)
{
	struct db_res r;
	enum db_err e;
	size_t i;

	*n = 0;
	if ((e = db_read(a, &q_recent, DB_ARGS(DB_INT(org_id)), &r)) != DB_OK)
		return rc_of(e);
	if ((*out = arena_alloc(a, (r.nrows + 1) * sizeof **out)) == NULL)
		return IMPORT_ERROR;
	for (i = 0; i < r.nrows; i++)
		job_row(&r, i, &(*out)[i]);
	*n = r.nrows;
	return IMPORT_OK;
}

enum import_rc
import_choices(struct arena *a, long long org_id, struct import_choice **out, size_t *n)
{
	struct db_res f;
	enum db_err e;
	size_t i, k = 0;

	*n = 0;
	if ((e = db_read(a, &q_fields, DB_ARGS(DB_INT(org_id)), &f)) != DB_OK)
		return rc_of(e);
	if ((*out = arena_alloc(a, (T__MAX + f.nrows) * sizeof **out)) == NULL)
		return IMPORT_ERROR;
	for (i = 0; i < T_CUSTOM; i++, k++) {
		(*out)[k].value = targets[i].value;
		(*out)[k].label = targets[i].label;
		(*out)[k].group = targets[i].group;
	}
	for (i = 0; i < f.nrows; i++, k++) {
		(*out)[k].value = db_get(&f, i, FD_PID);
		(*out)[k].label = db_get(&f, i, FD_NAME);
		(*out)[k].group = targets[T_CUSTOM].group;
	}
	*n = k;
	return IMPORT_OK;
}

enum import_rc
import_map(struct arena *a, long long org_id, const char *pid, int b2c,
    const char *const *tv, size_t n, const char **msg)
{
	struct db_res r, f;
	enum db_err e;
	long long id, *field;
	enum target *t;
	size_t i, k, used[T__MAX] = { 0 };

	*msg = NULL;
	if ((e = db_read(a, &q_fields, DB_ARGS(DB_INT(org_id)), &f)) != DB_OK)
		return rc_of(e);
	t = arena_alloc(a, (n + 1) * sizeof *t);
	field = arena_alloc(a, (n + 1) * sizeof *field);
	if (t == NULL || field == NULL)
		return IMPORT_ERROR;
	for (i = 0; i < n; i++) {
		for (k = 0; k < T_CUSTOM && strcmp(tv[i], targets[k].value) != 0; k++)
			;
		t[i] = (enum target)k;
		if (k == T_CUSTOM) {
			for (k = 0; k < f.nrows && strcmp(db_get(&f, k, FD_PID), tv[i]) != 0; k++)
				;
			if (k == f.nrows) {
				*msg = "A column is mapped to something this organization does not have.";
				return IMPORT_INVALID;
			}
			field[i] = db_get_int(&f, k, FD_ID);
			for (k = 0; k < i; k++)
				if (t[k] == T_CUSTOM && field[k] == field[i]) {
					*msg = "A custom field is chosen for two columns.";
					return IMPORT_INVALID;
				}
		}
		if (++used[t[i]] > 1 && !targets[t[i]].multi && t[i] != T_CUSTOM) {
			*msg = arena_printf(a, "%s is chosen for two columns: choose it for one.",
			    targets[t[i]].label);
			return IMPORT_INVALID;
		}
	}
	if (!b2c && used[T_LEAD_NAME] == 0) {
		*msg = "Choose the column that holds the company: each row's company becomes a lead.";
		return IMPORT_INVALID;
	}
	if (b2c && used[T_LEAD_NAME] == 0 && used[T_CONTACT_NAME] == 0) {
		*msg = "Choose the column that holds each customer's name.";
		return IMPORT_INVALID;
	}
	if ((e = db_begin()) != DB_OK)
		return rc_of(e);
	if ((e = db_read(a, &q_lock, DB_ARGS(DB_INT(org_id), DB_STR(pid)), &r)) != DB_OK)
		goto out;
	if (r.nrows != 1) {
		db_rollback();
		return IMPORT_NOT_FOUND;
	}
	id = db_get_int(&r, 0, LK_ID);
	if (strcmp(db_get(&r, 0, LK_STATE), "mapping") != 0) {
		db_rollback();
		return IMPORT_CONFLICT;
	}
	if ((e = db_read(a, &q_mapping, DB_ARGS(DB_INT(org_id), DB_INT(id)), &r)) != DB_OK)
		goto out;
	if (r.nrows != n) {
		db_rollback();
		*msg = arena_printf(a, "The file has %zu columns: choose what each becomes.", r.nrows);
		return IMPORT_INVALID;
	}
	for (i = 0; i < n; i++)
		if ((e = db_write(a, &q_set_column, DB_ARGS(DB_STR(targets[t[i]].value),
		    t[i] == T_CUSTOM ? DB_INT(field[i]) : DB_NULL, DB_INT(id), DB_INT((long long)i)),
		    NULL)) != DB_OK)
			goto out;
	if ((e = db_write(a, &q_set_state, DB_ARGS(DB_STR("running"), DB_NULL, DB_STR("running"),
	    DB_INT(id)), NULL)) != DB_OK)
		goto out;
	e = db_commit();
out:
	if (e != DB_OK)
		db_rollback();
	return rc_of(e);
}

/* --- one batch ----------------------------------------------------------- */

struct col {
	enum target t;
	const char *header;
	long long   field_id;
	const char *ftype;
	int         multiple;
	const char *choices;
	const char *fname;
};

struct cfv {
	long long   field_id;
	const char *value;        /* NULL for a user */
	const char *local;        /* a datetime in the import user's zone, or NULL */
	long long   user_id;      /* a user field's user, or 0 */
};

#define ROW_MAX_POINTS 8   /* emails or phones of one row */

struct row {
	unsigned long line;
	const char   *skip;
	const char   *name;        /* b2b the company, b2c the person */
	const char   *url, *description;
	long long     status_id;
	const char   *contact, *title;
	const char   *emails[ROW_MAX_POINTS];
	size_t        nemails;
	const char   *phones[ROW_MAX_POINTS], *digits[ROW_MAX_POINTS];
	size_t        nphones;
	struct cfv   *cf;
	size_t        ncf;
	/* resolution */
	long long     name_ix;     /* index of its name in the batch's names */
	long long     lead_id;     /* an existing lead */
	long long     group;       /* or the new lead it makes with its group (-1: none) */
	int           new_contact;
	const char   *contact_pid;
};

struct ctx {
	struct arena *a;
	long long     org_id, user_id, import_id;
	int           b2c;
	struct col   *cols;
	size_t        ncols, ncustom;
	struct db_res statuses;
	long long     first_status;
	long long     inc;            /* > 0: one INSERT's ids are consecutive, this step */
	struct smap   users;          /* folded email or name -> user id, USER_AMBIGUOUS */
	const char   *tz;             /* the import user's time zone, for datetime values */
};

#define USER_AMBIGUOUS (-2)   /* a name that several active members have */

static const char *
fold(struct arena *a, const char *s)
{
	char *o = arena_strdup(a, s ? s : ""), *p;

	if (o == NULL)
		return "";
	for (p = o; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 32;
	return o;
}

/* The active member a user column names: by email address or full name,
 * ASCII case folded; 0 for none, USER_AMBIGUOUS for a name several have. */
static long long
user_of(const struct ctx *c, const char *s)
{
	long long id;

	if (c->users.keys == NULL)
		return 0;
	id = smap_get(&c->users, fold(c->a, s));
	return id < 0 ? 0 : id;
}

/* One record into a row: values checked, or the reason it is skipped. */
static void
read_row(struct ctx *c, const struct csvin_rec *rec, struct row *w)
{
	struct arena *a = c->a;
	struct valid_errs errs;
	struct valid_spec sp = { "v", NULL, 0, 0 };
	size_t i, k;
	const char *v, *out, *dig;

	memset(w, 0, sizeof *w);
	w->line = rec->line;
	w->group = -1;
	w->cf = c->ncustom ? arena_alloc(a, (c->ncustom * 64 + 1) * sizeof *w->cf) : NULL;
	valid_reset(&errs);
	for (i = 0; i < c->ncols && errs.n == 0 && w->skip == NULL; i++) {
		const struct col *cl = &c->cols[i];
		if (cl->t == T_IGNORE)
			continue;
		v = i < rec->n ? rec->f[i] : "";
		if (i < rec->n && (!http_utf8_valid(v, rec->len[i]) || strlen(v) != rec->len[i])) {
			w->skip = arena_printf(a, "The column \"%s\" is not valid UTF-8 text.", cl->header);
			break;
		}
		sp.what = arena_printf(a, "The %s in column \"%s\"",
		    cl->t == T_CUSTOM ? "value" : cl->t == T_LEAD_NAME && !c->b2c ? "company" :
		    cl->t == T_LEAD_NAME || cl->t == T_CONTACT_NAME ? "name" :
		    cl->t == T_DESCRIPTION ? "description" : cl->t == T_STATUS ? "status" :
		    cl->t == T_EMAIL ? "email" : cl->t == T_PHONE ? "phone" :
		    cl->t == T_TITLE ? "title" : "URL", cl->header);
		sp.flags = 0;
		sp.max = 255;
		out = NULL;
		switch (cl->t) {
		case T_LEAD_NAME:
			if (valid_text(a, &errs, &sp, v, &out))
				w->name = out;
			break;
		case T_CONTACT_NAME:
			if (valid_text(a, &errs, &sp, v, &out))
				w->contact = out;
			break;
		case T_TITLE:
			if (valid_text(a, &errs, &sp, v, &out))
				w->title = out;
			break;
		case T_URL:
			sp.max = 2048;
			if (valid_url(a, &errs, &sp, v, &out))
				w->url = out;
			break;
		case T_DESCRIPTION:
			sp.flags = VALID_MULTILINE | VALID_BYTES;
			sp.max = 65535;
			if (valid_text(a, &errs, &sp, v, &out))
				w->description = out;
			break;
		case T_STATUS:
			if (!valid_text(a, &errs, &sp, v, &out) || out == NULL)
				break;
			for (k = 0; k < c->statuses.nrows; k++)
				if (strcasecmp(db_get(&c->statuses, k, ST_LABEL), out) == 0)
					w->status_id = db_get_int(&c->statuses, k, ST_ID);
			if (w->status_id == 0)
				w->skip = arena_printf(a, "There is no lead status \"%s\" in this organization.",
				    out);
			break;
		case T_EMAIL:
			sp.max = 254;
			if (valid_email(a, &errs, &sp, v, &out) && out != NULL && w->nemails < ROW_MAX_POINTS)
				w->emails[w->nemails++] = out;
			break;
		case T_PHONE:
			if (valid_phone(a, &errs, &sp, v, &out, &dig) && out != NULL &&
			    w->nphones < ROW_MAX_POINTS) {
				w->digits[w->nphones] = dig;
				w->phones[w->nphones++] = out;
			}
			break;
		case T_CUSTOM: {
			const char *one[64];
			size_t nv = 0, j;
			long long uid;
			char *s, *save = NULL;
			if (cl->multiple) {
				/* several choices: "Analytics; Training" */
				if ((s = arena_strdup(a, v)) == NULL)
					break;
				for (s = strtok_r(s, ";", &save); s && nv < 64; s = strtok_r(NULL, ";", &save))
					one[nv++] = s;
			} else {
				one[nv++] = v;
			}
			for (j = 0; j < nv && errs.n == 0; j++) {
				out = NULL;
				if (strcmp(cl->ftype, "user") == 0) {
					if (!valid_text(a, &errs, &sp, one[j], &out) || out == NULL)
						continue;
					if ((uid = user_of(c, out)) <= 0) {
						w->skip = arena_printf(a, uid == USER_AMBIGUOUS ?
						    "Several active users of this organization are named \"%s\" "
						    "(column \"%s\"): give the email address instead." :
						    "There is no active user \"%s\" in this organization "
						    "(column \"%s\").", out, cl->header);
						break;
					}
					if (w->cf != NULL) {
						w->cf[w->ncf].field_id = cl->field_id;
						w->cf[w->ncf].value = NULL;
						w->cf[w->ncf++].user_id = uid;
					}
					continue;
				}
				if (strcmp(cl->ftype, "datetime") == 0) {
					if (valid_datetime(a, &errs, &sp, one[j], &out) && out != NULL &&
					    w->cf != NULL) {
						w->cf[w->ncf].field_id = cl->field_id;
						w->cf[w->ncf++].local = out;
					}
					continue;
				}
				if (strcmp(cl->ftype, "number") == 0)
					valid_number(a, &errs, &sp, one[j], &out);
				else if (strcmp(cl->ftype, "date") == 0)
					valid_date(a, &errs, &sp, one[j], &out);
				else if (strcmp(cl->ftype, "choices") == 0)
					valid_choice_line(a, &errs, &sp, one[j], cl->choices, &out);
				else if (strcmp(cl->ftype, "url") == 0)
					valid_url(a, &errs, &sp, one[j], &out);
				else {
					sp.flags = VALID_BYTES |
					    (strcmp(cl->ftype, "textarea") == 0 ? VALID_MULTILINE : 0);
					sp.max = 65535;
					valid_text(a, &errs, &sp, one[j], &out);
				}
				if (out != NULL && w->cf != NULL) {
					w->cf[w->ncf].field_id = cl->field_id;
					w->cf[w->ncf++].value = out;
				}
			}
			break;
		}
		default:
			break;
		}
	}
	if (w->skip == NULL && errs.n > 0)
		w->skip = errs.msg[0];
	if (w->skip != NULL)
		return;
	if (c->b2c) {
		/* a customer: the lead and its one contact share the name */
		if (w->contact == NULL)
			w->contact = w->name;
		w->name = w->contact;
		if (w->name == NULL)
			w->skip = "No name: a customer needs a name (the name column is empty).";
	} else if (w->name == NULL) {
		w->skip = "No company: the lead name column is empty.";
	}
}

/* The row's contact key: who it is within a lead. */
static const char *
contact_key(struct arena *a, const char *lead, const char *name, const char *email)
{
	return arena_printf(a, "%s\x1f%s\x1f%s", lead, fold(a, name), fold(a, email));
}

/* Runs the lookup of names in chunks of 256: weight and matching leads. */
static enum db_err
lookup_names(struct ctx *c, const char **names, size_t n, const char ***weight,
    struct db_res **res, size_t *nres)
{
	struct db_arg *args;
	size_t i, k, chunks = (n + BIG - 1) / BIG;
	enum db_err e;

	*weight = arena_alloc(c->a, (n + 1) * sizeof **weight);
	*res = arena_alloc(c->a, (chunks + 1) * sizeof **res);
	args = arena_alloc(c->a, (2 * BIG + 2) * sizeof *args);
	if (*weight == NULL || *res == NULL || args == NULL)
		return DB_ERROR;
	*nres = chunks;
	for (k = 0; k < chunks; k++) {
		for (i = 0; i < BIG; i++) {
			size_t ix = k * BIG + i;
			args[2 * i] = ix < n ? DB_INT((long long)ix) : DB_NULL;
			args[2 * i + 1] = ix < n ? DB_STR(names[ix]) : DB_NULL;
		}
		args[2 * BIG] = DB_INT(c->org_id);
		args[2 * BIG + 1] = DB_INT(c->import_id);
		if ((e = db_read(c->a, &q_names, args, 2 * BIG + 2, &(*res)[k])) != DB_OK)
			return e;
		for (i = 0; i < (*res)[k].nrows; i++)
			(*weight)[db_get_int(&(*res)[k], i, NM_IX)] = db_get(&(*res)[k], i, NM_WEIGHT);
	}
	return DB_OK;
}

/* Ids of rows by pid after an insert (IN lists of 256). */
static enum db_err
ids_of(struct ctx *c, struct db_sql *q, const char **pids, size_t n, struct smap *out)
{
	struct db_arg *args = arena_alloc(c->a, (BIG + 1) * sizeof *args);
	struct db_res r;
	size_t i, k;
	enum db_err e;

	if (args == NULL || smap_init(c->a, out, n) != 0)
		return DB_ERROR;
	for (k = 0; k < n; k += BIG) {
		args[0] = DB_INT(c->org_id);
		for (i = 0; i < BIG; i++)
			args[i + 1] = k + i < n ? DB_STR(pids[k + i]) : DB_NULL;
		if ((e = db_read(c->a, q, args, BIG + 1, &r)) != DB_OK)
			return e;
		for (i = 0; i < r.nrows; i++)
			smap_put(out, db_get(&r, i, PI_PID), db_get_int(&r, i, PI_ID));
	}
	return DB_OK;
}

struct counts {
	long long rows, leads_created, leads_merged, contacts_created, skipped;
};

/* Resolves and writes the rows of one batch (inside its transaction). */
static enum db_err
write_rows(struct ctx *c, struct row *rows, size_t n, struct counts *cnt)
{
	struct arena *a = c->a;
	struct smap names, groups, keys, lead_ids, contact_ids, merged;
	const char **nv, **weight, **lead_pids, **contact_pids;
	struct db_res *res;
	struct db_arg *args;
	long long *group_first, *existing_of_name, *touch, *new_ids;
	size_t nn = 0, nres, i, k, ng = 0, nc = 0, na, ntouch = 0;
	enum db_err e;
	char pid[IDS_MAXLEN];

	if (smap_init(a, &names, n) != 0 || smap_init(a, &groups, n) != 0 ||
	    smap_init(a, &keys, 4 * n + 64) != 0 || smap_init(a, &merged, n) != 0)
		return DB_ERROR;
	nv = arena_alloc(a, (n + 1) * sizeof *nv);
	group_first = arena_alloc(a, (n + 1) * sizeof *group_first);
	if (nv == NULL || group_first == NULL)
		return DB_ERROR;
	/* 1. distinct names, their weights and the leads that have them */
	for (i = 0; i < n; i++) {
		if (rows[i].skip != NULL)
			continue;
		long long ix = smap_get(&names, rows[i].name);
		if (ix < 0) {
			ix = (long long)nn;
			smap_put(&names, rows[i].name, ix);
			nv[nn++] = rows[i].name;
		}
		rows[i].name_ix = ix;
	}
	if ((e = lookup_names(c, nv, nn, &weight, &res, &nres)) != DB_OK)
		return e;
	existing_of_name = arena_alloc(a, (nn + 1) * sizeof *existing_of_name);
	/* leads whose contacts matter: every existing lead of a name */
	struct smap cand;
	const char **cand_ids;
	size_t ncand = 0;
	if (existing_of_name == NULL || smap_init(a, &cand, 4 * nn + 16) != 0 ||
	    (cand_ids = arena_alloc(a, (4 * nn + 16) * sizeof *cand_ids)) == NULL)
		return DB_ERROR;
	for (k = 0; k < nres; k++)
		for (i = 0; i < res[k].nrows; i++) {
			long long ix = db_get_int(&res[k], i, NM_IX), lid = db_get_int(&res[k], i, NM_LEAD);
			if (lid == 0)
				continue;
			if (existing_of_name[ix] == 0)
				existing_of_name[ix] = lid;
			if (ncand < 4 * nn + 8) {
				const char *s = arena_printf(a, "%lld", lid);
				if (s != NULL && smap_put(&cand, s, db_get_int(&res[k], i, NM_OURS))) {
					cand_ids[ncand++] = s;
				}
			}
		}
	/* 2. contacts the existing leads have: name and email keys */
	args = arena_alloc(a, (BIG + 1) * sizeof *args);
	if (args == NULL)
		return DB_ERROR;
	for (k = 0; k < ncand; k += BIG) {
		struct db_res r;
		args[0] = DB_INT(c->org_id);
		for (i = 0; i < BIG; i++)
			args[i + 1] = k + i < ncand ? DB_INT(strtoll(cand_ids[k + i], NULL, 10)) : DB_NULL;
		if ((e = db_read(a, &q_contacts_of, args, BIG + 1, &r)) != DB_OK)
			return e;
		for (i = 0; i < r.nrows; i++)
			smap_put(&keys, contact_key(a, arena_printf(a, "L%s", db_get(&r, i, CO_LEAD)),
			    db_get(&r, i, CO_NAME), db_get(&r, i, CO_EMAIL)), 1);
	}
	/* 3. each row: its lead (existing or a new one of its group) and whether
	 * its contact is new */
	for (i = 0; i < n; i++) {
		struct row *w = &rows[i];
		const char *wt, *lead, *email = w->nemails ? w->emails[0] : "";
		long long g;
		int has_contact = w->contact != NULL || w->nemails > 0 || w->nphones > 0;

		if (w->skip != NULL) {
			cnt->skipped++;
			continue;
		}
		wt = weight[w->name_ix] ? weight[w->name_ix] : w->name;
		if (!c->b2c) {
			w->lead_id = existing_of_name[w->name_ix];
		} else {
			/* a customer is the same when a lead of that name has a
			 * contact of that name and email */
			w->lead_id = 0;
			for (k = 0; k < nres && w->lead_id == 0; k++)
				for (size_t j = 0; j < res[k].nrows; j++)
					if (db_get_int(&res[k], j, NM_IX) == w->name_ix && db_get_int(&res[k], j, NM_LEAD) &&
					    smap_get(&keys, contact_key(a, arena_printf(a, "L%s",
					    db_get(&res[k], j, NM_LEAD)), w->contact, email)) >= 0) {
						w->lead_id = db_get_int(&res[k], j, NM_LEAD);
						break;
					}
		}
		if (w->lead_id != 0) {
			const char *s = arena_printf(a, "%lld", w->lead_id);
			if (s != NULL && smap_get(&cand, s) == 0 && smap_put(&merged, s, w->lead_id))
				cnt->leads_merged++;
			lead = arena_printf(a, "L%lld", w->lead_id);
		} else {
			const char *gk = c->b2c ? arena_printf(a, "%s\x1f%s", wt, fold(a, email)) : wt;
			if ((g = smap_get(&groups, gk)) < 0) {
				g = (long long)ng;
				smap_put(&groups, gk, g);
				group_first[ng++] = (long long)i;
			}
			w->group = g;
			lead = arena_printf(a, "G%lld", g);
			if (group_first[g] != (long long)i) {
				/* a later row of the group fills what the first left empty */
				struct row *f = &rows[group_first[g]];
				if (f->url == NULL)
					f->url = w->url;
				if (f->description == NULL)
					f->description = w->description;
				if (f->status_id == 0)
					f->status_id = w->status_id;
			}
		}
		if (lead == NULL)
			return DB_ERROR;
		if (has_contact && smap_put(&keys, contact_key(a, lead, w->contact, email), 1)) {
			w->new_contact = 1;
			nc++;
		}
	}
	/* 4. new leads */
	lead_pids = arena_alloc(a, (ng + 1) * sizeof *lead_pids);
	na = 8 * n + BIG + 8;   /* the most any statement below binds */
	args = arena_alloc(a, na * sizeof *args);
	if (lead_pids == NULL || args == NULL)
		return DB_ERROR;
	for (k = 0; k < ng; k++) {
		struct row *f = &rows[group_first[k]];
		if (ids_new("lead_", pid) != 0 || (lead_pids[k] = arena_strdup(a, pid)) == NULL)
			return DB_ERROR;
		args[8 * k] = DB_STR(lead_pids[k]);
		args[8 * k + 1] = DB_INT(c->org_id);
		args[8 * k + 2] = DB_STR(f->name);
		args[8 * k + 3] = f->url ? DB_STR(f->url) : DB_NULL;
		args[8 * k + 4] = f->description ? DB_STR(f->description) : DB_NULL;
		args[8 * k + 5] = DB_INT(f->status_id ? f->status_id : c->first_status);
		args[8 * k + 6] = DB_INT(c->user_id);
		args[8 * k + 7] = DB_INT(c->user_id);
	}
	if ((new_ids = arena_alloc(a, (ng + nc + 1) * sizeof *new_ids)) == NULL)
		return DB_ERROR;
	if ((e = insert_rows(a, q_ins_leads, args, ng, 8, c->inc ? new_ids : NULL, c->inc)) != DB_OK)
		return e;
	if (c->inc) {
		if (smap_init(a, &lead_ids, ng) != 0)
			return DB_ERROR;
		for (k = 0; k < ng; k++)
			smap_put(&lead_ids, lead_pids[k], new_ids[k]);
	} else if ((e = ids_of(c, &q_lead_ids, lead_pids, ng, &lead_ids)) != DB_OK)
		return e;
	cnt->leads_created += (long long)ng;
	/* the import's leads: made (1) and merged into (0) */
	for (k = 0; k < ng; k++) {
		args[3 * k] = DB_INT(c->import_id);
		args[3 * k + 1] = DB_INT(smap_get(&lead_ids, lead_pids[k]));
		args[3 * k + 2] = DB_INT(1);
	}
	if ((e = insert_rows(a, q_ins_import_leads, args, ng, 3, NULL, 0)) != DB_OK)
		return e;
	touch = arena_alloc(a, (merged.n + 1) * sizeof *touch);
	if (touch == NULL)
		return DB_ERROR;
	for (k = 0, i = 0; k < merged.cap; k++)
		if (merged.keys[k] != NULL) {
			args[3 * i] = DB_INT(c->import_id);
			args[3 * i + 1] = DB_INT(merged.vals[k]);
			args[3 * i + 2] = DB_INT(0);
			touch[ntouch++] = merged.vals[k];
			i++;
		}
	if ((e = insert_rows(a, q_ins_import_leads, args, i, 3, NULL, 0)) != DB_OK)
		return e;
	/* custom values of the new leads, from the first row of each */
	for (k = 0, i = 0; k < ng; k++)
		i += rows[group_first[k]].ncf;
	if (i > 0) {
		struct db_arg *v = arena_alloc(a, (7 * i + 7) * sizeof *v);
		size_t m = 0;
		if (v == NULL)
			return DB_ERROR;
		for (k = 0; k < ng; k++) {
			struct row *f = &rows[group_first[k]];
			for (size_t j = 0; j < f->ncf; j++, m++) {
				const struct cfv *cv = &f->cf[j];
				struct db_arg *p = v + 7 * m;
				p[0] = DB_INT(c->org_id);
				p[1] = DB_INT(smap_get(&lead_ids, lead_pids[k]));
				p[2] = DB_INT(cv->field_id);
				p[3] = cv->local ? DB_STR(cv->local) : DB_NULL;
				p[4] = cv->local ? DB_STR(c->tz) : DB_NULL;
				p[5] = cv->local ? DB_STR(cv->local) : cv->value ? DB_STR(cv->value) : DB_NULL;
				p[6] = cv->user_id ? DB_INT(cv->user_id) : DB_NULL;
			}
		}
		if ((e = insert_rows(a, q_ins_values, v, m, 7, NULL, 0)) != DB_OK)
			return e;
	}
	/* 5. new contacts, then their emails and phones */
	contact_pids = arena_alloc(a, (nc + 1) * sizeof *contact_pids);
	if (contact_pids == NULL)
		return DB_ERROR;
	for (i = 0, k = 0; i < n; i++) {
		struct row *w = &rows[i];
		if (!w->new_contact)
			continue;
		if (ids_new("cont_", pid) != 0 || (w->contact_pid = arena_strdup(a, pid)) == NULL)
			return DB_ERROR;
		contact_pids[k] = w->contact_pid;
		args[5 * k] = DB_STR(w->contact_pid);
		args[5 * k + 1] = DB_INT(c->org_id);
		args[5 * k + 2] = DB_INT(w->lead_id ? w->lead_id : smap_get(&lead_ids, lead_pids[w->group]));
		args[5 * k + 3] = DB_STR(w->contact ? w->contact : "");
		args[5 * k + 4] = w->title ? DB_STR(w->title) : DB_NULL;
		k++;
	}
	if ((e = insert_rows(a, q_ins_contacts, args, nc, 5, c->inc ? new_ids : NULL, c->inc)) != DB_OK)
		return e;
	if (c->inc) {
		if (smap_init(a, &contact_ids, nc) != 0)
			return DB_ERROR;
		for (k = 0; k < nc; k++)
			smap_put(&contact_ids, contact_pids[k], new_ids[k]);
	} else if ((e = ids_of(c, &q_contact_ids, contact_pids, nc, &contact_ids)) != DB_OK)
		return e;
	cnt->contacts_created += (long long)nc;
	for (int kind = 0; kind < 2; kind++) {
		size_t m = 0, per = kind == 0 ? 4 : 5;
		struct db_arg *v = arena_alloc(a, (per * nc * ROW_MAX_POINTS + per) * sizeof *v);
		if (v == NULL)
			return DB_ERROR;
		for (i = 0; i < n; i++) {
			struct row *w = &rows[i];
			size_t j, np = kind == 0 ? w->nemails : w->nphones;
			if (!w->new_contact)
				continue;
			for (j = 0; j < np; j++, m++) {
				struct db_arg *p = v + per * m;
				p[0] = DB_INT(c->org_id);
				p[1] = DB_INT(smap_get(&contact_ids, w->contact_pid));
				p[2] = DB_STR(kind == 0 ? w->emails[j] : w->phones[j]);
				if (kind == 0) {
					p[3] = DB_INT((long long)j);
				} else {
					p[3] = DB_STR(w->digits[j] ? w->digits[j] : "");
					p[4] = DB_INT((long long)j);
				}
			}
		}
		if ((e = insert_rows(a, kind == 0 ? q_ins_emails : q_ins_phones, v, m, per, NULL, 0)) != DB_OK)
			return e;
	}
	/* 6. the leads merged into were updated now */
	for (k = 0; k < ntouch; k += BIG) {
		args[0] = DB_INT(c->user_id);
		args[1] = DB_INT(c->org_id);
		for (i = 0; i < BIG; i++)
			args[i + 2] = k + i < ntouch ? DB_INT(touch[k + i]) : DB_NULL;
		if ((e = db_write(a, &q_touch, args, BIG + 2, NULL)) != DB_OK)
			return e;
	}
	/* 7. the skipped rows, with their lines and reasons */
	for (i = 0, k = 0; i < n; i++) {
		if (rows[i].skip == NULL)
			continue;
		args[3 * k] = DB_INT(c->import_id);
		args[3 * k + 1] = DB_INT((long long)rows[i].line);
		args[3 * k + 2] = DB_STR(clip(a, rows[i].skip, 500));
		k++;
	}
	cnt->rows += (long long)n;
	return insert_rows(a, q_ins_skips, args, k, 3, NULL, 0);
}

/* The organization's active members by folded email and full name. A name
 * two members share names neither (USER_AMBIGUOUS); an email is unique. */
static enum db_err
load_users(struct ctx *c)
{
	struct db_res r;
	enum db_err e;
	size_t i, f;

	if ((e = db_read(c->a, &q_members, DB_ARGS(DB_INT(c->org_id)), &r)) != DB_OK)
		return e;
	if (smap_init(c->a, &c->users, 2 * r.nrows + 2) != 0)
		return DB_ERROR;
	for (i = 0; i < r.nrows; i++)
		smap_put(&c->users, fold(c->a, db_get(&r, i, MB_EMAIL)), db_get_int(&r, i, MB_ID));
	for (i = 0; i < r.nrows; i++) {
		const char *name = fold(c->a, db_get(&r, i, MB_NAME));
		long long id = db_get_int(&r, i, MB_ID), had = smap_get(&c->users, name);
		if (strchr(name, '@') != NULL && had > 0 && had != id)
			continue;   /* a name like another's email: the email wins */
		if (had == -1)
			smap_put(&c->users, name, id);
		else if (had != id) {
			f = smap_slot(&c->users, name);
			c->users.vals[f] = USER_AMBIGUOUS;
		}
	}
	return DB_OK;
}

/* Loads the mapping, statuses and fields once per batch, and what user and
 * datetime columns need. */
static enum db_err
load_ctx(struct ctx *c, long long import_id)
{
	struct db_res r;
	enum db_err e;
	size_t i, k;
	int users = 0, datetimes = 0;

	c->import_id = import_id;
	if ((e = db_read(c->a, &q_statuses, DB_ARGS(DB_INT(c->org_id)), &c->statuses)) != DB_OK)
		return e;
	c->first_status = c->statuses.nrows ? db_get_int(&c->statuses, 0, ST_ID) : 0;
	if ((e = db_read(c->a, &q_autoinc, DB_NOARGS, &r)) != DB_OK)
		return e;
	c->inc = db_get_int(&r, 0, AI_CONSECUTIVE) == 1 ? db_get_int(&r, 0, AI_INCREMENT) : 0;
	if ((e = db_read(c->a, &q_mapping, DB_ARGS(DB_INT(c->org_id), DB_INT(import_id)), &r)) != DB_OK)
		return e;
	if ((c->cols = arena_alloc(c->a, (r.nrows + 1) * sizeof *c->cols)) == NULL)
		return DB_ERROR;
	c->ncols = r.nrows;
	for (i = 0; i < r.nrows; i++) {
		struct col *cl = &c->cols[i];
		for (k = 0; k < T__MAX && strcmp(targets[k].value, db_get(&r, i, MP_TARGET)) != 0; k++)
			;
		cl->t = k < T__MAX ? (enum target)k : T_IGNORE;
		cl->header = db_get(&r, i, MP_HEADER);
		cl->field_id = db_get_int(&r, i, MP_FIELD);
		cl->ftype = db_get(&r, i, MP_TYPE);
		cl->multiple = db_get_int(&r, i, MP_MULTIPLE) == 1;
		cl->choices = db_get(&r, i, MP_CHOICES);
		cl->fname = db_get(&r, i, MP_FNAME);
		if (cl->t == T_CUSTOM && cl->field_id == 0)
			cl->t = T_IGNORE;   /* the field was removed since */
		if (cl->t == T_CUSTOM)
			c->ncustom++;
		if (cl->t == T_CUSTOM && strcmp(cl->ftype, "user") == 0)
			users = 1;
		if (cl->t == T_CUSTOM && strcmp(cl->ftype, "datetime") == 0)
			datetimes = 1;
	}
	if (users && (e = load_users(c)) != DB_OK)
		return e;
	if (datetimes) {
		if ((e = db_read(c->a, &q_import_tz, DB_ARGS(DB_INT(import_id)), &r)) != DB_OK)
			return e;
		c->tz = r.nrows == 1 ? db_get(&r, 0, TZ_ZONE) : "UTC";
		if (r.nrows != 1 || db_get_int(&r, 0, TZ_KNOWN) != 1) {
			/* as leadtx_to_utc: a zone the server does not know is taken as UTC */
			log_warn("import %lld: unknown time zone \"%s\": taken as UTC", import_id, c->tz);
			c->tz = "+00:00";
		}
	}
	return DB_OK;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One batch: 1 when the import goes on, 0 when it ended or is not running,
 * -1 on a database failure (*e). */
static int
batch(struct arena *ra, long long org_id, long long user_id, int b2c, const char *pid,
    enum db_err *e)
{
	struct arena a;
	struct ctx c;
	struct db_res r;
	struct csvin *in = NULL;
	struct csvin_pos pos, end;
	struct csvin_rec rec;
	struct counts cnt = { 0 };
	struct row *rows;
	size_t n = 0;
	enum csvin_rc rc = CSVIN_REC;
	const char *state = NULL, *message = NULL, *path;
	long long id;
	int more = 0;
	char delim;

	arena_init(&a, 512u * 1024 * 1024);
	memset(&c, 0, sizeof c);
	c.a = &a;
	c.org_id = org_id;
	c.user_id = user_id;
	c.b2c = b2c;
	(void)ra;
	if ((*e = db_begin()) != DB_OK)
		goto fail;
	if ((*e = db_read(&a, &q_lock, DB_ARGS(DB_INT(org_id), DB_STR(pid)), &r)) != DB_OK)
		goto fail;
	if (r.nrows != 1 || strcmp(db_get(&r, 0, LK_STATE), "running") != 0) {
		db_rollback();
		arena_free(&a);
		return 0;
	}
	id = db_get_int(&r, 0, LK_ID);
	path = db_get(&r, 0, LK_PATH);
	delim = *db_get(&r, 0, LK_DELIM);
	pos.offset = (unsigned long long)db_get_int(&r, 0, LK_OFFSET);
	pos.line = (unsigned long)db_get_int(&r, 0, LK_LINE);
	pos.prev_cr = db_get_int(&r, 0, LK_PREV_CR) == 1;
	end = pos;
	if ((*e = load_ctx(&c, id)) != DB_OK)
		goto fail;
	if ((rows = arena_alloc(&a, IMPORT_BATCH * sizeof *rows)) == NULL) {
		*e = DB_ERROR;
		goto fail;
	}
	if ((in = csvin_open(path, pos.offset ? &pos : NULL, (unsigned char)(delim ? delim : ','))) == NULL) {
		state = "failed";
		message = "The uploaded file is gone: upload it again to import the rest.";
	} else {
		int header = pos.offset == 0;
		while (n < IMPORT_BATCH && (rc = csvin_next(in, &rec)) == CSVIN_REC) {
			if (csvin_blank(&rec))
				continue;
			if (header) {
				header = 0;   /* the first record is the header */
				continue;
			}
			read_row(&c, &rec, &rows[n++]);
		}
		csvin_tell(in, &end);
		csvin_close(in);
		if (rc == CSVIN_EOF) {
			state = "done";
		} else if (rc != CSVIN_REC) {
			state = "failed";
			message = rc == CSVIN_ETOOBIG ? arena_printf(&a, "Line %lu: a field is larger than "
			    "1 MB (is a quote never closed?). The rows before it were imported.", end.line) :
			    "The file could not be read. The rows before were imported.";
		} else {
			more = 1;
		}
	}
	if ((*e = write_rows(&c, rows, n, &cnt)) != DB_OK)
		goto fail;
	if ((*e = db_write(&a, &q_progress, DB_ARGS(DB_INT((long long)end.offset),
	    DB_INT((long long)end.line), DB_INT(end.prev_cr), DB_INT(cnt.rows),
	    DB_INT(cnt.leads_created), DB_INT(cnt.leads_merged), DB_INT(cnt.contacts_created),
	    DB_INT(cnt.skipped), DB_INT(id)), NULL)) != DB_OK)
		goto fail;
	if (state != NULL && (*e = db_write(&a, &q_set_state, DB_ARGS(DB_STR(state),
	    message ? DB_STR(message) : DB_NULL, DB_STR(state), DB_INT(id)), NULL)) != DB_OK)
		goto fail;
	if ((*e = db_commit()) != DB_OK)
		goto fail;
	if (state != NULL)
		unlink(path);
	arena_free(&a);
	return more;
fail:
	db_rollback();
	arena_free(&a);
	if (*e == DB_OK)
		*e = DB_ERROR;
	return -1;
}

enum import_rc
import_run(struct arena *a, long long org_id, long long user_id, int b2c, const char *pid,
    double seconds, struct import_job *out)
{
	double until = now_s() + seconds;
	enum db_err e = DB_OK;
	int more;

	do {
		more = batch(a, org_id, user_id, b2c, pid, &e);
	} while (more == 1 && now_s() < until);
	if (more < 0) {
		log_err("import %s: a batch failed", pid);
		return rc_of(e);
	}
	return import_get(a, org_id, pid, out);
}

enum import_rc
import_stop(struct arena *a, long long org_id, const char *pid)
{
	struct db_res r;
	enum db_err e;
	const char *st, *path;

	if ((e = db_begin()) != DB_OK)
		return rc_of(e);
	if ((e = db_read(a, &q_lock, DB_ARGS(DB_INT(org_id), DB_STR(pid)), &r)) != DB_OK)
		goto out;
	if (r.nrows != 1) {
		db_rollback();
		return IMPORT_NOT_FOUND;
	}
	st = db_get(&r, 0, LK_STATE);
	path = db_get(&r, 0, LK_PATH);
	if (strcmp(st, "mapping") != 0 && strcmp(st, "running") != 0) {
		db_rollback();
		return IMPORT_CONFLICT;
	}
	if ((e = db_write(a, &q_set_state, DB_ARGS(DB_STR("stopped"),
	    DB_STR("Stopped by a user."), DB_STR("stopped"), DB_INT(db_get_int(&r, 0, LK_ID))), NULL)) != DB_OK)
		goto out;
	if ((e = db_commit()) != DB_OK)
		goto out;
	unlink(path);
	return IMPORT_OK;
out:
	db_rollback();
	return rc_of(e);
}

enum import_rc
import_skips(struct arena *a, long long import_id, long long after, size_t max,
    struct import_skip **out, size_t *n)
{
	struct db_res r;
	enum db_err e;
	size_t i;

	*n = 0;
	if ((e = db_read(a, &q_skips, DB_ARGS(DB_INT(import_id), DB_INT(after),
	    DB_INT((long long)max)), &r)) != DB_OK)
		return rc_of(e);
	if ((*out = arena_alloc(a, (r.nrows + 1) * sizeof **out)) == NULL)
		return IMPORT_ERROR;
	for (i = 0; i < r.nrows; i++) {
		(*out)[i].line = db_get_int(&r, i, SK_LINE);
		(*out)[i].reason = db_get(&r, i, SK_REASON);
	}
	*n = r.nrows;
	return IMPORT_OK;
}
