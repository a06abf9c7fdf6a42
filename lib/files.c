/* files.c — see files.h. The category filter is one bound string of the
 * validated names (FIND_IN_SET), the date range two bound days: the SQL text
 * never changes with the filter. */
#include "files.h"
#include "arena.h"
#include "conf.h"
#include "ids.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
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

static struct db_sql q_lead = DB_SQL(
	"SELECT id, pid, name FROM leads WHERE organization_id = ? AND pid = ?");

/* A file may be linked to several activities: its source is the first. */
static struct db_sql q_files = DB_SQL(
	"SELECT f.pid, f.name, f.category, f.size,"
	" DATE_FORMAT(" SHOWN("f.date_received") ", " WHEN_FMT "),"
	" DATE_FORMAT(f.date_received, '%Y-%m-%dT%H:%i:%sZ'),"
	" a.pid, a.type, a.subject, DATE_FORMAT(" SHOWN("a.activity_at") ", " WHEN_FMT ")"
	" FROM files f"
	" LEFT JOIN activities a ON a.id = (SELECT MIN(af.activity_id) FROM activity_files af"
	"   WHERE af.file_id = f.id AND af.organization_id = f.organization_id)"
	"  AND a.organization_id = f.organization_id AND a.deleted_at IS NULL"
	" WHERE f.organization_id = ? AND f.lead_id = ?"
	"   AND (? = '' OR FIND_IN_SET(f.category, ?) > 0)" IN_RANGE
	" ORDER BY f.date_received DESC, f.id DESC LIMIT 1000");

static struct db_sql q_counts = DB_SQL(
	"SELECT f.category, COUNT(*) FROM files f"
	" WHERE f.organization_id = ? AND f.lead_id = ?" IN_RANGE
	" GROUP BY f.category");

static struct db_sql q_blob = DB_SQL(
	"SELECT f.name, f.sha256, f.sniffed_type FROM files f"
	" WHERE f.pid = ? AND f.organization_id IN (SELECT m.organization_id FROM memberships m"
	"   WHERE m.user_id = ? AND m.active = 1)");

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

static enum db_err
read_files(struct arena *a, long long org_id, const char *tz, const struct files_filter *flt,
    struct files_list *out)
{
	const char *cats = cat_set(a, flt), *from = flt->from ? flt->from : "",
	    *to = flt->to ? flt->to : "";
	struct db_res res;
	enum db_err e;
	size_t i;

	if (cats == NULL)
		return DB_ERROR;
	e = db_read(a, &q_files, DB_ARGS(DB_STR(tz), DB_STR(tz),
	    DB_INT(org_id), DB_INT(out->lead_id), DB_STR(cats), DB_STR(cats),
	    DB_STR(from), DB_STR(tz), DB_STR(from), DB_STR(to), DB_STR(tz), DB_STR(to)), &res);
	if (e != DB_OK)
		return e;
	out->nrows = res.nrows;
	out->rows = arena_alloc(a, (res.nrows + 1) * sizeof *out->rows);
	if (out->rows == NULL)
		return DB_ERROR;
	for (i = 0; i < res.nrows; i++) {
		struct files_row *f = &out->rows[i];
		f->pid = db_get(&res, i, 0);
		f->name = db_get(&res, i, 1);
		f->category = db_get(&res, i, 2);
		f->size = db_get_int(&res, i, 3);
		f->received = db_get(&res, i, 4);
		f->received_utc = db_get(&res, i, 5);
		f->act_pid = db_get(&res, i, 6);
		f->act_type = db_get(&res, i, 7);
		f->act_subject = db_get(&res, i, 8);
		f->act_when = db_get(&res, i, 9);
	}
	return DB_OK;
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
		if ((c = files_cat_of(db_get(&res, i, 0))) >= 0) {
			out->count[c] = db_get_int(&res, i, 1);
			out->total += out->count[c];
		}
	return DB_OK;
}

enum db_err
files_list(struct arena *a, long long org_id, const char *lead_pid, const char *tz,
    const struct files_filter *flt, struct files_list *out, int *found)
{
	struct db_res res;
	enum db_err e;

	*found = 0;
	memset(out, 0, sizeof *out);
	e = db_read(a, &q_lead, DB_ARGS(DB_INT(org_id), DB_STR(lead_pid)), &res);
	if (e != DB_OK || res.nrows != 1)
		return e;
	*found = 1;
	out->lead_id = db_get_int(&res, 0, 0);
	out->lead_pid = db_get(&res, 0, 1);
	out->lead_name = db_get(&res, 0, 2);
	if ((e = read_files(a, org_id, tz, flt, out)) != DB_OK)
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

enum db_err
files_blob(struct arena *a, long long user_id, const char *file_pid, struct files_blob *out,
    int *found)
{
	struct db_res res;
	enum db_err e;

	*found = 0;
	memset(out, 0, sizeof *out);
	e = db_read(a, &q_blob, DB_ARGS(DB_STR(file_pid), DB_INT(user_id)), &res);
	if (e != DB_OK || res.nrows != 1)
		return e;
	out->name = db_get(&res, 0, 0);
	out->sha256 = db_get(&res, 0, 1);
	out->sniffed_type = db_get(&res, 0, 2);
	*found = is_hex64(out->sha256);
	return DB_OK;
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
	*id = db_get_int(&res, 0, 0);
	*found = 1;
	return DB_OK;
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
	    (magic_load(m, NULL) != 0 || magic_setparam(m, MAGIC_PARAM_BYTES_MAX, &max) != 0)) {
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

static int
mkdir_ok(const char *d)
{
	return mkdir(d, 0755) == 0 || errno == EEXIST;
}

enum db_err
files_store(struct arena *a, const char *tmp, struct files_new *f)
{
	const char *root = conf_str(CONF_FILE_STORE), *t, *d1, *d2, *dst;
	magic_t m = magic();

	f->created = 0;
	f->sniffed_type = NULL;
	if (m != NULL && (t = magic_file(m, tmp)) != NULL)
		f->sniffed_type = arena_strdup(a, t);
	f->category = files_category(f->sniffed_type);
	if (hash_file(tmp, f->sha256) != 0)
		goto fail;
	d1 = arena_printf(a, "%s/%.2s", root, f->sha256);
	d2 = arena_printf(a, "%s/%.2s/%.2s", root, f->sha256, f->sha256 + 2);
	dst = arena_printf(a, "%s/%s", d2, f->sha256);
	if (d1 == NULL || d2 == NULL || dst == NULL || !mkdir_ok(d1) || !mkdir_ok(d2))
		goto fail;
	chmod(tmp, 0644);
	/* link, never rename: a blob already there (the same bytes) stays as it is */
	if (link(tmp, dst) == 0)
		f->created = 1;
	else if (errno != EEXIST)
		goto fail;
	if (f->created)
		f->created_path = dst;
	unlink(tmp);
	return DB_OK;
fail:
	log_err("storing an upload failed: %s", strerror(errno));
	unlink(tmp);
	return DB_ERROR;
}

void
files_unstore(const struct files_new *f)
{
	if (f->created && f->created_path != NULL)
		unlink(f->created_path);
}

static struct db_sql q_act = DB_SQL(
	"SELECT id, type, activity_at FROM activities WHERE organization_id = ? AND lead_id = ?"
	" AND pid = ? AND deleted_at IS NULL AND type IN ('email', 'sms', 'note')");

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
	out->id = db_get_int(&res, 0, 0);
	out->type = db_get(&res, 0, 1);
	out->at = db_get(&res, 0, 2);
	*found = 1;
	return DB_OK;
}

static struct db_sql q_add = DB_SQL(
	"INSERT INTO files (pid, organization_id, lead_id, name, size, sha256, declared_type,"
	" sniffed_type, category, date_received, user_id)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, UTC_TIMESTAMP(6)), ?)");

static struct db_sql q_link = DB_SQL(
	"INSERT INTO activity_files (organization_id, activity_id, file_id) VALUES (?, ?, ?)");

enum db_err
files_add(struct arena *a, long long org_id, long long lead_id, long long user_id,
    const struct files_new *f, const struct files_act *act, char out[64])
{
	struct db_res res;
	enum db_err e;

	if (ids_new("file_", out) != 0)
		return DB_ERROR;
	if ((e = db_begin()) != DB_OK)
		return e;
	e = db_write(a, &q_add, DB_ARGS(DB_STR(out), DB_INT(org_id), DB_INT(lead_id),
	    DB_STR(f->name), DB_INT((long long)f->size), DB_STR(f->sha256),
	    f->declared_type ? DB_STR(f->declared_type) : DB_NULL,
	    f->sniffed_type ? DB_STR(f->sniffed_type) : DB_NULL, DB_STR(f->category),
	    act ? DB_STR(act->at) : DB_NULL, DB_INT(user_id)), &res);
	if (e == DB_OK && act != NULL)
		e = db_write(a, &q_link, DB_ARGS(DB_INT(org_id), DB_INT(act->id),
		    DB_INT((long long)res.insert_id)), NULL);
	if (e != DB_OK) {
		db_rollback();
		return e;
	}
	return db_commit();
}
