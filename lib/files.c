/* files.c — see files.h. The category filter is one bound string of the
 * validated names (FIND_IN_SET), the date range two bound days: the SQL text
 * never changes with the filter. */
#include "files.h"
#include "uni.h"
#include "arena.h"
#include "auth.h"
#include "conf.h"
#include "ids.h"
#include "log.h"
#include "multipart.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <magic.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const files_cat_names[FILES__MAX] = {
	"image", "pdf", "document", "spreadsheet", "presentation",
	"archive", "audio", "video", "text", "other",
};
const char *const files_cat_labels[FILES__MAX] = {
	"Images", "PDF", "Documents", "Spreadsheets", "Presentations",
	"Archives", "Audio", "Video", "Text", "Other",
};

#define SHOWN(t) "COALESCE(CONVERT_TZ(" t ", 'UTC', ?), " t ")"
#define WHEN_FMT "'%b %e, %Y %l:%i %p'"
#define IN_RANGE \
	" AND (? = '' OR DATE(" SHOWN("f.date_received") ") >= ?)" \
	" AND (? = '' OR DATE(" SHOWN("f.date_received") ") <= ?)"

/* The columns each read names (db.h), in the order of its SELECT. */
#define LEAD_COLS(X) X(LD_ID, "id") X(LD_PID, "pid") X(LD_NAME, "name")
#define FILE_COLS(X) X(FL_ID, "id") X(FL_PID, "pid") X(FL_NAME, "name") X(FL_CATEGORY, "category") \
	X(FL_SIZE, "size") X(FL_RECEIVED, "received") X(FL_RECEIVED_UTC, "received_utc") \
	X(FL_KEY, "date_received")
#define CURSOR_COLS(X) X(CU_ID, "id") X(CU_AT, "date_received")
#define SOURCE_COLS(X) X(SR_FILE, "id") X(SR_PID, "pid") X(SR_TYPE, "type") \
	X(SR_SUBJECT, "subject") X(SR_WHEN, "shown_at")
#define COUNT_COLS(X) X(CN_CATEGORY, "category") X(CN_N, "n")
#define ACT_COLS(X) X(AC_ID, "id") X(AC_TYPE, "type") X(AC_AT, "activity_at")
enum { LEAD_COLS(DB_COL_ENUM) LD__NCOLS };
enum { FILE_COLS(DB_COL_ENUM) FL__NCOLS };
enum { CURSOR_COLS(DB_COL_ENUM) CU__NCOLS };
enum { SOURCE_COLS(DB_COL_ENUM) SR__NCOLS };
enum { COUNT_COLS(DB_COL_ENUM) CN__NCOLS };
enum { ACT_COLS(DB_COL_ENUM) AC__NCOLS };
static const char *const lead_cols[] = { LEAD_COLS(DB_COL_NAME) NULL };
static const char *const file_cols[] = { FILE_COLS(DB_COL_NAME) NULL };
static const char *const cursor_cols[] = { CURSOR_COLS(DB_COL_NAME) NULL };
static const char *const source_cols[] = { SOURCE_COLS(DB_COL_NAME) NULL };
static const char *const count_cols[] = { COUNT_COLS(DB_COL_NAME) NULL };
static const char *const act_cols[] = { ACT_COLS(DB_COL_NAME) NULL };

static struct db_sql q_lead = DB_SQL_COLS(
	"SELECT id, pid, name FROM leads WHERE organization_id = ? AND pid = ?", lead_cols);

/* One page, keyset-paged on (date_received, id) after the cursor's values
 * (no OFFSET; without a cursor, the end of time and the largest id): the
 * index (lead_id, date_received, id) is a range read from the cursor on. One
 * row more than the page tells whether there is an older one. */
static struct db_sql q_files = DB_SQL_COLS(
	"SELECT f.id, f.pid, f.name, f.category, f.size,"
	" DATE_FORMAT(" SHOWN("f.date_received") ", " WHEN_FMT ") AS received,"
	" DATE_FORMAT(f.date_received, '%Y-%m-%dT%H:%i:%sZ') AS received_utc, f.date_received"
	" FROM files f"
	" WHERE f.organization_id = ? AND f.lead_id = ?"
	"   AND (? = '' OR FIND_IN_SET(f.category, ?) > 0)" IN_RANGE
	"   AND f.date_received <= ? AND (f.date_received < ? OR f.id < ?)"
	" ORDER BY f.date_received DESC, f.id DESC LIMIT 101", file_cols);

/* The cursor: the file of that pid on the lead. */
static struct db_sql q_cursor = DB_SQL_COLS(
	"SELECT f.id, f.date_received FROM files f"
	" WHERE f.organization_id = ? AND f.lead_id = ? AND f.pid = ?", cursor_cols);

/* Every source of the page's files (ids as one bound list; the range of
 * dates received keeps the read to the page), oldest first. */
static struct db_sql q_sources = DB_SQL_COLS(
	"SELECT f.id, a.pid, a.type, COALESCE(a.subject, '') AS subject,"
	" DATE_FORMAT(" SHOWN("a.activity_at") ", " WHEN_FMT ") AS shown_at"
	" FROM files f"
	" JOIN activity_files af ON af.file_id = f.id AND af.organization_id = f.organization_id"
	" JOIN activities a ON a.id = af.activity_id AND a.organization_id = f.organization_id"
	"  AND a.deleted_at IS NULL"
	" WHERE f.organization_id = ? AND f.lead_id = ? AND f.date_received BETWEEN ? AND ?"
	"   AND FIND_IN_SET(f.id, ?) > 0"
	" ORDER BY f.id, a.activity_at, a.id", source_cols);

static struct db_sql q_counts = DB_SQL_COLS(
	"SELECT f.category, COUNT(*) AS n FROM files f"
	" WHERE f.organization_id = ? AND f.lead_id = ?" IN_RANGE
	" GROUP BY f.category", count_cols);

/* The download's read in the statement of the session itself (as
 * the permalink's): LEFT JOINs on unique keys (files.pid, the membership of
 * the session's user in the file's organization), one row; fm's organization
 * is there only for a file of an organization where the user is an active
 * member. */
#define BLOB_COLS(X) X(B_ORG, "file_org_id") X(B_NAME, "file_name") X(B_SHA, "sha256") \
	X(B_TYPE, "sniffed_type")
enum { B__BEFORE = AUTH_SESSION_NCOLS - 1, BLOB_COLS(DB_COL_ENUM) B__END };
static const char *const blob_cols[] = { AUTH_SESSION_COLS(DB_COL_NAME) BLOB_COLS(DB_COL_NAME) NULL };
static struct db_sql q_session_blob = DB_SQL_COLS(
	"SELECT " AUTH_SESSION_COLUMNS ", fm.organization_id AS file_org_id, f.name AS file_name,"
	" f.sha256, f.sniffed_type"
	AUTH_SESSION_FROM
	" LEFT JOIN files f ON f.pid = ?"
	" LEFT JOIN memberships fm ON fm.user_id = s.user_id"
	"   AND fm.organization_id = f.organization_id AND fm.active = 1"
	AUTH_SESSION_WHERE, blob_cols);

int
files_cat_of(const char *name)
{
	int i;

	for (i = 0; i < FILES__MAX; i++)
		if (strcmp(files_cat_names[i], name) == 0)
			return i;
	return -1;
}

/* "pdf,image" of the categories set, "" for none. */
static const char *
cat_set(struct arena *a, const struct files_filter *flt)
{
	const char *s = "";
	int i;

	for (i = 0; i < FILES__MAX; i++)
		if (flt->cat[i])
			s = *s ? arena_printf(a, "%s,%s", s, files_cat_names[i]) : files_cat_names[i];
	return s;
}

#if FILES_PAGE != 100
#error "q_files reads FILES_PAGE + 1 rows"
#endif

/* The sources of the page's files, attached to their rows. */
static enum db_err
read_sources(struct arena *a, long long org_id, const char *tz, struct files_list *out,
    const char *newest, const char *oldest)
{
	struct db_res res;
	enum db_err e;
	const char *ids = "";
	size_t i, j = 0, k;

	for (i = 0; i < out->nrows; i++)
		if ((ids = arena_printf(a, "%s%s%lld", ids, i ? "," : "", out->rows[i].id)) == NULL)
			return DB_ERROR;
	e = db_read(a, &q_sources, DB_ARGS(DB_STR(tz), DB_INT(org_id),
	    DB_INT(out->lead_id), DB_STR(oldest), DB_STR(newest), DB_STR(ids)), &res);
	if (e != DB_OK)
		return e;
	/* rows by file id; each file's sources are contiguous */
	for (i = 0; i < res.nrows; i = k) {
		long long id = db_get_int(&res, i, SR_FILE);
		struct files_row *row = NULL;

		for (k = i; k < res.nrows && db_get_int(&res, k, SR_FILE) == id; k++)
			;
		for (j = 0; j < out->nrows; j++)
			if (out->rows[j].id == id)
				row = &out->rows[j];
		if (row == NULL)
			continue;
		if ((row->src = arena_alloc(a, (k - i) * sizeof *row->src)) == NULL)
			return DB_ERROR;
		for (row->nsrc = 0; row->nsrc < k - i; row->nsrc++) {
			struct files_src *s = &row->src[row->nsrc];
			s->act_pid = db_get(&res, i + row->nsrc, SR_PID);
			s->act_type = db_get(&res, i + row->nsrc, SR_TYPE);
			s->act_subject = db_get(&res, i + row->nsrc, SR_SUBJECT);
			s->act_when = db_get(&res, i + row->nsrc, SR_WHEN);
		}
	}
	return DB_OK;
}

static enum db_err
read_files(struct arena *a, long long org_id, const char *tz, const struct files_filter *flt,
    struct files_list *out, int *bad_cursor)
{
	const char *cats = cat_set(a, flt), *from = flt->from ? flt->from : "",
	    *to = flt->to ? flt->to : "", *at = "9999-12-31 23:59:59.999999";
	long long cursor_id = LLONG_MAX;
	struct db_res res;
	enum db_err e;
	size_t i;

	if (cats == NULL)
		return DB_ERROR;
	if (flt->before != NULL) {
		e = db_read(a, &q_cursor, DB_ARGS(DB_INT(org_id), DB_INT(out->lead_id),
		    DB_STR(flt->before)), &res);
		if (e != DB_OK)
			return e;
		if (res.nrows != 1) {
			*bad_cursor = 1;
			return DB_OK;
		}
		cursor_id = db_get_int(&res, 0, CU_ID);
		at = db_get(&res, 0, CU_AT);
	}
	e = db_read(a, &q_files, DB_ARGS(DB_STR(tz),
	    DB_INT(org_id), DB_INT(out->lead_id), DB_STR(cats), DB_STR(cats),
	    DB_STR(from), DB_STR(tz), DB_STR(from), DB_STR(to), DB_STR(tz), DB_STR(to),
	    DB_STR(at), DB_STR(at), DB_INT(cursor_id)), &res);
	if (e != DB_OK)
		return e;
	out->nrows = res.nrows > FILES_PAGE ? FILES_PAGE : res.nrows;
	out->rows = arena_alloc(a, (out->nrows + 1) * sizeof *out->rows);
	if (out->rows == NULL)
		return DB_ERROR;
	for (i = 0; i < out->nrows; i++) {
		struct files_row *f = &out->rows[i];
		memset(f, 0, sizeof *f);
		f->id = db_get_int(&res, i, FL_ID);
		f->pid = db_get(&res, i, FL_PID);
		/* its bidi and other invisible characters shown, not obeyed */
		if ((f->name = uni_visible(a, db_get(&res, i, FL_NAME))) == NULL)
			return DB_ERROR;
		f->category = db_get(&res, i, FL_CATEGORY);
		f->size = db_get_int(&res, i, FL_SIZE);
		f->received = db_get(&res, i, FL_RECEIVED);
		f->received_utc = db_get(&res, i, FL_RECEIVED_UTC);
	}
	if (res.nrows > FILES_PAGE)
		out->older = out->rows[FILES_PAGE - 1].pid;
	if (out->nrows == 0)
		return DB_OK;
	return read_sources(a, org_id, tz, out, db_get(&res, 0, FL_KEY),
	    db_get(&res, out->nrows - 1, FL_KEY));
}

static enum db_err
read_counts(struct arena *a, long long org_id, const char *tz, const struct files_filter *flt,
    struct files_list *out)
{
	const char *from = flt->from ? flt->from : "", *to = flt->to ? flt->to : "";
	struct db_res res;
	enum db_err e;
	size_t i;
	int c;

	e = db_read(a, &q_counts, DB_ARGS(DB_INT(org_id), DB_INT(out->lead_id),
	    DB_STR(from), DB_STR(tz), DB_STR(from), DB_STR(to), DB_STR(tz), DB_STR(to)), &res);
	if (e != DB_OK)
		return e;
	for (i = 0; i < res.nrows; i++)
		if ((c = files_cat_of(db_get(&res, i, CN_CATEGORY))) >= 0) {
			out->count[c] = db_get_int(&res, i, CN_N);
			out->total += out->count[c];
		}
	return DB_OK;
}

enum db_err
files_list(struct arena *a, long long org_id, const char *lead_pid, const char *tz,
    const struct files_filter *flt, struct files_list *out, int *found, int *bad_cursor)
{
	struct db_res res;
	enum db_err e;

	*found = 0;
	*bad_cursor = 0;
	memset(out, 0, sizeof *out);
	e = db_read(a, &q_lead, DB_ARGS(DB_INT(org_id), DB_STR(lead_pid)), &res);
	if (e != DB_OK || res.nrows != 1)
		return e;
	*found = 1;
	out->lead_id = db_get_int(&res, 0, LD_ID);
	out->lead_pid = db_get(&res, 0, LD_PID);
	out->lead_name = db_get(&res, 0, LD_NAME);
	if ((e = read_files(a, org_id, tz, flt, out, bad_cursor)) != DB_OK || *bad_cursor)
		return e;
	return read_counts(a, org_id, tz, flt, out);
}

static int
is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[64] == '\0';
}

struct db_sql *
files_session_blob(void)
{
	return &q_session_blob;
}

void
files_blob_of(const struct db_res *res, struct files_blob *out, int *found)
{
	*found = 0;
	memset(out, 0, sizeof *out);
	if (res->nrows != 1 || db_get_int(res, 0, B_ORG) == 0)
		return;
	out->name = db_get(res, 0, B_NAME);
	out->sha256 = db_get(res, 0, B_SHA);
	out->sniffed_type = db_get(res, 0, B_TYPE);
	*found = is_hex64(out->sha256);
}

/* RFC 5987 attr-char: what filename* may carry unencoded. */
static int
attr_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    strchr("!#$&+-.^_`|~", c) != NULL;
}

char *
files_disposition(struct arena *a, const char *name)
{
	size_t n = strlen(name), i, o = 0, p = 0;
	char *ascii, *pct;

	if (n == 0)
		name = "download", n = 8;
	if ((ascii = arena_alloc(a, n + 1)) == NULL || (pct = arena_alloc(a, 3 * n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		int unsafe = c < 0x20 || c == 0x7f || c == '/' || c == '\\';
		size_t k;
		int32_t cp;

		/* a bidi override, a zero-width or other invisible character: "_"
		 * in both names, so the saved file is named as it reads */
		if (c >= 0x80 && (k = uni_next(name + i, n - i, &cp)) > 1 && uni_hidden((uint32_t)cp)) {
			ascii[o++] = '_';
			pct[p++] = '_';
			i += k - 1;
			continue;
		}

		/* the fallback: printable ASCII without quote, backslash or '%' */
		if (c >= 0x80) {
			/* one "_" per UTF-8 character: skip its continuation bytes */
			if ((c & 0xc0) != 0x80)
				ascii[o++] = '_';
		} else
			ascii[o++] = unsafe || c == '"' || c == '%' ? '_' : (char)c;
		if (unsafe)
			pct[p++] = '_';
		else if (c < 0x80 && attr_char(c) && c != '\0')
			pct[p++] = (char)c;
		else
			p += (size_t)sprintf(pct + p, "%%%02X", c);
	}
	ascii[o] = pct[p] = '\0';
	return arena_printf(a, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, pct);
}

enum db_err
files_lead(struct arena *a, long long org_id, const char *lead_pid, long long *id, int *found)
{
	struct db_res res;
	enum db_err e;

	*found = 0;
	e = db_read(a, &q_lead, DB_ARGS(DB_INT(org_id), DB_STR(lead_pid)), &res);
	if (e != DB_OK || res.nrows != 1)
		return e;
	*id = db_get_int(&res, 0, LD_ID);
	*found = 1;
	return DB_OK;
}

/* What a download may be sent as: exact media types. A type is here only
 * when no browser executes it as a script, a style sheet, a worker or a
 * document of the site's origin; SVG (an image that runs scripts) is not. */
static const char *const download_types[] = {
	"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/avif",
	"application/pdf",
	"audio/mpeg", "audio/ogg", "audio/wav", "audio/x-wav", "audio/flac",
	"video/mp4", "video/webm", "video/ogg", "video/quicktime",
};

const char *
files_download_type(const char *t)
{
	size_t i;

	if (t == NULL)
		return "application/octet-stream";
	for (i = 0; i < sizeof download_types / sizeof download_types[0]; i++)
		if (strcmp(t, download_types[i]) == 0)
			return download_types[i];
	/* text/plain, text/csv, text/x-shellscript ...: shown or saved, never run */
	if (strncmp(t, "text/", 5) == 0 && strcmp(t, "text/html") != 0 &&
	    strstr(t, "javascript") == NULL && strstr(t, "ecmascript") == NULL &&
	    strstr(t, "xml") == NULL)
		return "text/plain; charset=utf-8";
	return "application/octet-stream";
}

/* Media types (or "type/" prefixes) to categories, first match wins. */
static const struct {
	const char *type;
	const char *category;
} cat_of_type[] = {
	{ "image/", "image" },
	{ "application/pdf", "pdf" },
	{ "audio/", "audio" },
	{ "video/", "video" },
	{ "text/csv", "spreadsheet" },
	{ "application/vnd.ms-excel", "spreadsheet" },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml", "spreadsheet" },
	{ "application/vnd.oasis.opendocument.spreadsheet", "spreadsheet" },
	{ "application/vnd.ms-powerpoint", "presentation" },
	{ "application/vnd.openxmlformats-officedocument.presentationml", "presentation" },
	{ "application/vnd.oasis.opendocument.presentation", "presentation" },
	{ "application/msword", "document" },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml", "document" },
	{ "application/vnd.oasis.opendocument.text", "document" },
	{ "application/rtf", "document" },
	{ "text/rtf", "document" },
	{ "application/zip", "archive" },
	{ "application/x-tar", "archive" },
	{ "application/gzip", "archive" },
	{ "application/x-gzip", "archive" },
	{ "application/x-7z-compressed", "archive" },
	{ "application/x-rar", "archive" },
	{ "application/vnd.rar", "archive" },
	{ "application/x-bzip2", "archive" },
	{ "application/x-xz", "archive" },
	{ "text/", "text" },
};

const char *
files_category(const char *t)
{
	size_t i;

	if (t == NULL)
		return "other";
	for (i = 0; i < sizeof cat_of_type / sizeof cat_of_type[0]; i++)
		if (strncmp(t, cat_of_type[i].type, strlen(cat_of_type[i].type)) == 0)
			return cat_of_type[i].category;
	return "other";
}

/* How much of a file libmagic reads to sniff it. Its default (7 MiB, read
 * into a buffer, then widened 4 times for its text tests) made a 25 MB upload
 * cost a worker 14 MB at its peak; 64 KB costs about 0.4 MB, and every type
 * sniffed here shows in the first few kilobytes. */
#define FILES_SNIFF_BYTES (64u * 1024)

/* One libmagic handle per process (a worker's life): opened by files_init at
 * start-up, or at first use. */
static magic_t
magic(void)
{
	static magic_t m;
	size_t max = FILES_SNIFF_BYTES;

	if (m == NULL && (m = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) != NULL &&
	    (magic_setparam(m, MAGIC_PARAM_BYTES_MAX, &max) != 0 || magic_load(m, NULL) != 0)) {
		log_err("libmagic: %s", magic_error(m));
		magic_close(m);
		m = NULL;
	}
	return m;
}

int
files_init(void)
{
	magic_t m = magic();   /* without libmagic uploads are kept unsniffed: not fatal */
	unsigned char bin[256];
	size_t i;

	/* sniffing a text and a binary buffer reads in the (mapped) database's
	 * text and binary entries once, here rather than during an upload */
	for (i = 0; i < sizeof bin; i++)
		bin[i] = (unsigned char)(255 - i);
	if (m != NULL) {
		magic_buffer(m, "leadline\n", 9);
		magic_buffer(m, bin, sizeof bin);
	}
	return 0;
}

/* The file's sha256 in hex, read in chunks. */
static int
hash_file(const char *path, char hex[65])
{
	crypto_hash_sha256_state st;
	unsigned char buf[65536], out[crypto_hash_sha256_BYTES];
	ssize_t n;
	int fd, i;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	crypto_hash_sha256_init(&st);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
	close(fd);
	if (n < 0)
		return -1;
	crypto_hash_sha256_final(&st, out);
	for (i = 0; i < (int)sizeof out; i++)
		snprintf(hex + 2 * i, 3, "%02x", out[i]);
	return 0;
}

static enum files_rc store_err(int err);

static int
mkdir_ok(const char *d)
{
	return mkdir(d, 0755) == 0 || errno == EEXIST;
}

/* Sniffs (libmagic reads the content) and hashes the temp file f->tmp:
 * fills the sniffed type, the category and the sha256. -1 with errno. */
static int
prepare(struct arena *a, struct files_new *f)
{
	magic_t m = magic();
	const char *t;

	f->sniffed_type = NULL;
	if (m != NULL && (t = magic_file(m, f->tmp)) != NULL)
		f->sniffed_type = arena_strdup(a, t);
	f->category = files_category(f->sniffed_type);
	return hash_file(f->tmp, f->sha256);
}

/* Moves f->tmp into the store as ab/cd/<sha256>: link, never rename, so a
 * blob already there (the same bytes) stays as it is. -1 with errno. */
static int
place(struct arena *a, struct files_new *f)
{
	const char *root = conf_str(CONF_FILE_STORE), *d1, *d2, *dst;

	d1 = arena_printf(a, "%s/%.2s", root, f->sha256);
	d2 = arena_printf(a, "%s/%.2s/%.2s", root, f->sha256, f->sha256 + 2);
	dst = arena_printf(a, "%s/%s", d2, f->sha256);
	if (d1 == NULL || d2 == NULL || dst == NULL) {
		errno = ENOMEM;
		return -1;
	}
	if (!mkdir_ok(d1) || !mkdir_ok(d2))
		return -1;
	chmod(f->tmp, 0644);
	if (link(f->tmp, dst) == 0) {
		f->created = 1;
		f->created_path = dst;
	} else if (errno != EEXIST) {
		return -1;
	}
	unlink(f->tmp);
	f->tmp = NULL;
	return 0;
}

enum db_err
files_place(struct arena *a, struct files_batch *b)
{
	size_t i;

	for (i = 0; b != NULL && i < b->n; i++)
		if (b->f[i].tmp != NULL && place(a, &b->f[i]) != 0) {
			b->rc = store_err(errno);
			return DB_ERROR;
		}
	return DB_OK;
}

void
files_unreceive(const struct files_batch *b)
{
	size_t i;

	for (i = 0; b != NULL && i < b->n; i++) {
		if (b->f[i].tmp != NULL)
			unlink(b->f[i].tmp);
		if (b->f[i].created && b->f[i].created_path != NULL)
			unlink(b->f[i].created_path);
	}
}

static struct db_sql q_act = DB_SQL_COLS(
	"SELECT id, type, activity_at FROM activities WHERE organization_id = ? AND lead_id = ?"
	" AND pid = ? AND deleted_at IS NULL AND type IN ('email', 'sms', 'note')", act_cols);

enum db_err
files_activity(struct arena *a, long long org_id, long long lead_id, const char *acti_pid,
    struct files_act *out, int *found)
{
	struct db_res res;
	enum db_err e;

	*found = 0;
	e = db_read(a, &q_act, DB_ARGS(DB_INT(org_id), DB_INT(lead_id), DB_STR(acti_pid)), &res);
	if (e != DB_OK || res.nrows != 1)
		return e;
	out->id = db_get_int(&res, 0, AC_ID);
	out->type = db_get(&res, 0, AC_TYPE);
	out->at = db_get(&res, 0, AC_AT);
	*found = 1;
	return DB_OK;
}

static struct db_sql q_add = DB_SQL(
	"INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type,"
	" sniffed_type, category, date_received, user_id)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?)");

/* Received at the activity's date: read from its row, in the statement. */
static struct db_sql q_add_to_act = DB_SQL(
	"INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type,"
	" sniffed_type, category, date_received, user_id)"
	" SELECT ?, a.organization_id, a.lead_id, ?, ?, ?, ?, ?, ?, a.activity_at, ?"
	" FROM activities a WHERE a.organization_id = ? AND a.lead_id = ? AND a.id = ?");

static struct db_sql q_link = DB_SQL(
	"INSERT INTO activity_files (organization_id, activity_id, file_id) VALUES (?, ?, ?)");

static enum db_err
insert_one(struct arena *a, long long org_id, long long lead_id, long long user_id,
    const struct files_new *f, long long act_id)
{
	struct db_res res;
	enum db_err e;
	char pid[IDS_MAXLEN];

	if (ids_new("file_", pid) != 0)
		return DB_ERROR;
	if (act_id == 0)
		return db_write(a, &q_add, DB_ARGS(DB_STR(pid), DB_INT(org_id), DB_INT(lead_id),
		    DB_STR(f->name), DB_INT((long long)f->size), DB_STR(f->sha256),
		    f->declared_type ? DB_STR(f->declared_type) : DB_NULL,
		    f->sniffed_type ? DB_STR(f->sniffed_type) : DB_NULL, DB_STR(f->category),
		    DB_INT(user_id)), NULL);
	e = db_write(a, &q_add_to_act, DB_ARGS(DB_STR(pid), DB_STR(f->name),
	    DB_INT((long long)f->size), DB_STR(f->sha256),
	    f->declared_type ? DB_STR(f->declared_type) : DB_NULL,
	    f->sniffed_type ? DB_STR(f->sniffed_type) : DB_NULL, DB_STR(f->category),
	    DB_INT(user_id), DB_INT(org_id), DB_INT(lead_id), DB_INT(act_id)), &res);
	if (e != DB_OK)
		return e;
	if (res.affected != 1)   /* not an activity of the lead: nothing to attach to */
		return DB_ERROR;
	return db_write(a, &q_link, DB_ARGS(DB_INT(org_id), DB_INT(act_id),
	    DB_INT((long long)res.insert_id)), NULL);
}

enum db_err
files_insert(struct arena *a, long long org_id, long long lead_id, long long user_id,
    const struct files_batch *b, long long activity_id)
{
	enum db_err e;
	size_t i;

	for (i = 0; b != NULL && i < b->n; i++)
		if ((e = insert_one(a, org_id, lead_id, user_id, &b->f[i], activity_id)) != DB_OK)
			return e;
	return DB_OK;
}

enum db_err
files_add(struct arena *a, long long org_id, long long lead_id, long long user_id,
    struct files_batch *b, const struct files_act *act)
{
	enum db_err e;

	if ((e = db_begin()) != DB_OK)
		return e;
	if ((e = files_insert(a, org_id, lead_id, user_id, b, act ? act->id : 0)) != DB_OK ||
	    (e = files_place(a, b)) != DB_OK) {
		db_rollback();
		return e;
	}
	return db_commit();
}

/* <file_store>/tmp, made when missing; NULL when it cannot be. */
static const char *
tmp_dir(struct arena *a)
{
	const char *root = conf_str(CONF_FILE_STORE), *d = arena_printf(a, "%s/tmp", root);

	if (d == NULL)
		return NULL;
	if ((mkdir(root, 0700) != 0 && errno != EEXIST) || (mkdir(d, 0700) != 0 && errno != EEXIST))
		return NULL;
	return d;
}

/* A failed write of the store: full, or not writable at all. */
static enum files_rc
store_err(int err)
{
	log_err("writing an upload into the store failed: %s", strerror(err));
	return err == ENOSPC || err == EDQUOT ? FILES_DISK_FULL : FILES_UNWRITABLE;
}

/* The temp files of the parts read so far. */
struct pending {
	struct files_new *f;
	size_t            n, cap;
};

static int
pending_add(struct arena *a, struct pending *p, const struct multipart_part *part,
    const char *tmp, unsigned long long size)
{
	struct files_new *nf;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 4;
		if ((nf = arena_alloc(a, p->cap * sizeof *nf)) == NULL)
			return -1;
		if (p->n > 0)
			memcpy(nf, p->f, p->n * sizeof *nf);
		p->f = nf;
	}
	memset(&p->f[p->n], 0, sizeof p->f[p->n]);
	p->f[p->n].name = part->filename;
	p->f[p->n].declared_type = part->type;
	p->f[p->n].size = size;
	p->f[p->n++].tmp = tmp;
	return 0;
}

/* The characters of a UTF-8 string (multipart checked it is valid). */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Streams every file part to a temp file; on a refusal they are all removed. */
static enum files_rc
receive_tmp(struct arena *a, struct multipart *up, const char *name, unsigned long long each,
    unsigned long long all, struct pending *p)
{
	const struct multipart_part *part = multipart_current(up);
	struct multipart_part next;
	unsigned long long size, total = 0, max = each;
	enum multipart_err me = MULTIPART_OK;
	enum files_rc rc = FILES_OK;
	const char *dir = NULL, *tmp;
	size_t i, parts = 0;

	for (; me == MULTIPART_OK; part = &next, me = multipart_next(up, &next)) {
		if (part->filename == NULL || strcmp(part->name, name) != 0) {
			rc = FILES_BAD_FORM;
			break;
		}
		/* before a byte of it is kept: 10,000 empty parts were 10,000 rows */
		if (++parts > FILES_MAX_PER_FORM) {
			rc = FILES_TOO_MANY;
			break;
		}
		if (chars(part->filename) > FILES_NAME_MAX) {
			rc = FILES_NAME_TOO_LONG;
			break;
		}
		if (dir == NULL && (dir = tmp_dir(a)) == NULL) {
			rc = store_err(errno);
			break;
		}
		max = all - total < each ? all - total : each;
		if ((me = multipart_save(up, dir, max, &tmp, &size)) != MULTIPART_OK) {
			if (me == MULTIPART_ETOOBIG)
				rc = max < each ? FILES_TOO_BIG_ALL : FILES_TOO_BIG;
			else if (me == MULTIPART_EIO && multipart_save_errno(up) != 0)
				rc = store_err(multipart_save_errno(up));
			else
				rc = FILES_BAD_FORM;
			break;
		}
		if (size == 0 && *part->filename == '\0') {   /* no file chosen */
			unlink(tmp);
			continue;
		}
		total += size;
		if (pending_add(a, p, part, tmp, size) != 0) {
			unlink(tmp);
			rc = FILES_BAD_FORM;
			break;
		}
	}
	if (rc == FILES_OK && me != MULTIPART_END)
		rc = FILES_BAD_FORM;
	if (rc != FILES_OK) {
		for (i = 0; i < p->n; i++)
			unlink(p->f[i].tmp);
		p->n = 0;
	}
	return rc;
}

enum files_rc
files_receive(struct arena *a, struct multipart *up, const char *name, unsigned long long each,
    unsigned long long all, struct files_batch *out)
{
	struct pending p = { NULL, 0, 0 };
	enum files_rc rc;
	size_t i;

	out->f = NULL;
	out->n = 0;
	out->rc = FILES_OK;
	if (up == NULL || multipart_current(up) == NULL)
		return FILES_OK;
	if ((rc = receive_tmp(a, up, name, each, all, &p)) != FILES_OK)
		return rc;
	out->f = p.f;
	out->n = p.n;
	for (i = 0; i < p.n; i++)
		if (prepare(a, &p.f[i]) != 0) {
			rc = store_err(errno);
			files_unreceive(out);
			out->n = 0;
			return rc;
		}
	return FILES_OK;
}

const char *
files_refusal(enum files_rc rc, int sms, int *status)
{
	switch (rc) {
	case FILES_OK:
		*status = 200;
		return NULL;
	case FILES_TOO_BIG:
		*status = 413;
		return sms ? "The file is too large: an SMS attachment is at most " FILES_SMS_MAX_LABEL
		    ". Nothing was kept." :
		    "The file is too large: a file is at most " FILES_DIRECT_MAX_LABEL
		    " (an SMS attachment " FILES_SMS_MAX_LABEL "). Nothing was kept.";
	case FILES_TOO_BIG_ALL:
		*status = 413;
		return "The files are too large together: the files of one form are at most "
		    FILES_DIRECT_MAX_LABEL ". Nothing was kept.";
	case FILES_TOO_MANY:
		*status = 413;
		return "Too many files: one form takes at most " FILES_MAX_PER_FORM_LABEL
		    " files. Nothing was kept.";
	case FILES_NAME_TOO_LONG:
		*status = 400;
		return "A file name is too long: at most " FILES_NAME_MAX_LABEL
		    " characters. Rename the file and try again; nothing was kept.";
	case FILES_DISK_FULL:
		*status = 507;
		return "The file store is full: the upload was not kept, and nothing was saved. "
		    "Tell your administrator.";
	case FILES_UNWRITABLE:
		*status = 503;
		return "The file store cannot be written right now: the upload was not kept, "
		    "and nothing was saved. Try again later.";
	default:
		*status = 400;
		return "The upload is incomplete or not a well-formed form (its fields come first, then its files).";
	}
}
