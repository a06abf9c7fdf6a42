/* expire.c — expiry of abandoned imports and temp files; see expire.h.
 *
 * The tmp directory holds uploads in flight (seconds) and the files of
 * imports; an import's file is written before its row, so it is never older
 * than the row, and the imports of every organization are expired by their
 * row's date first. A temp file older than a day is then nobody's. */
#include "expire.h"
#include "arena.h"
#include "conf.h"
#include "log.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define EXPIRE_ORGS_MAX     1000   /* organizations looked at per pass */
#define EXPIRE_IMPORTS_MAX  100    /* imports per organization per pass */
#define EXPIRE_FILES_MAX    1000   /* temp files per pass */

#define ORG_COLS(X) X(ORG_ID, "id")
enum { ORG_COLS(DB_COL_ENUM) ORG__NCOLS };
static const char *const org_cols[] = { ORG_COLS(DB_COL_NAME) NULL };
static struct db_sql q_orgs = DB_SQL_COLS(
	"SELECT id FROM organizations WHERE id > ? ORDER BY id LIMIT ?", org_cols);
#define OLD_COLS(X) X(OLD_ID, "id") X(OLD_STATE, "state") X(OLD_PATH, "path")
enum { OLD_COLS(DB_COL_ENUM) OLD__NCOLS };
static const char *const old_cols[] = { OLD_COLS(DB_COL_NAME) NULL };
static struct db_sql q_old = DB_SQL_COLS(
	"SELECT id, state, path FROM imports"
	" WHERE organization_id = ? AND state IN ('mapping', 'running')"
	" AND date_created < UTC_TIMESTAMP(6) - INTERVAL ? SECOND ORDER BY id LIMIT ?", old_cols);
/* the claim: only the pass whose UPDATE changes the row removes the file */
static struct db_sql q_stop = DB_SQL(
	"UPDATE imports SET state = 'stopped', message = ?, date_finished = UTC_TIMESTAMP(6)"
	" WHERE organization_id = ? AND id = ? AND state = ?");


/* A path inside dir ("<dir>/<name>", no "/" in name): only such files are removed. */
static int
inside(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && path[n] == '/' && path[n + 1] != '\0' &&
	    strchr(path + n + 1, '/') == NULL;
}

static enum db_err
expire_org(struct arena *a, long long org, const char *tmp, struct expire_report *out)
{
	struct db_res r, w;
	enum db_err e;
	const char *state, *msg;
	size_t i;

	e = db_read(a, &q_old, DB_ARGS(DB_INT(org), DB_INT(EXPIRE_AFTER_SECONDS),
	    DB_INT(EXPIRE_IMPORTS_MAX)), &r);
	if (e != DB_OK)
		return e;
	for (i = 0; i < r.nrows; i++) {
		state = db_get(&r, i, OLD_STATE);
		msg = strcmp(state, "mapping") == 0 ? EXPIRE_MESSAGE_MAPPING : EXPIRE_MESSAGE_RUNNING;
		e = db_write(a, &q_stop, DB_ARGS(DB_STR(msg), DB_INT(org),
		    DB_INT(db_get_int(&r, i, OLD_ID)), DB_STR(state)), &w);
		if (e != DB_OK)
			return e;
		if (w.affected != 1)
			continue;   /* another pass, or its own page, got there first */
		out->imports++;
		if (!inside(tmp, db_get(&r, i, OLD_PATH)))
			log_warn("expire: import %lld: its file %s is not in %s: left alone",
			    db_get_int(&r, i, OLD_ID), db_get(&r, i, OLD_PATH), tmp);
		else if (unlink(db_get(&r, i, OLD_PATH)) != 0 && errno != ENOENT)
			log_err("expire: %s: %s", db_get(&r, i, OLD_PATH), strerror(errno));
	}
	return DB_OK;
}

/* The tmp directory's regular files untouched for EXPIRE_AFTER_SECONDS. */
static void
expire_files(struct arena *a, const char *tmp, struct expire_report *out)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	const char *p;
	time_t before = time(NULL) - EXPIRE_AFTER_SECONDS;

	if ((d = opendir(tmp)) == NULL) {
		if (errno != ENOENT)
			log_err("expire: %s: %s", tmp, strerror(errno));
		return;
	}
	while (out->files < EXPIRE_FILES_MAX && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || (p = arena_printf(a, "%s/%s", tmp, de->d_name)) == NULL)
			continue;
		if (lstat(p, &st) != 0 || !S_ISREG(st.st_mode) || st.st_mtime >= before)
			continue;
		if (unlink(p) == 0)
			out->files++;
		else if (errno != ENOENT)
			log_err("expire: %s: %s", p, strerror(errno));
	}
	closedir(d);
}

enum db_err
expire_pass(struct arena *a, long long org_id, struct expire_report *out)
{
	const char *tmp = arena_printf(a, "%s/tmp", conf_str(CONF_FILE_STORE));
	struct db_res r;
	enum db_err e;
	long long after = 0;
	size_t i, seen = 0;

	memset(out, 0, sizeof *out);
	if (tmp == NULL)
		return DB_ERROR;
	if (org_id > 0)
		return expire_org(a, org_id, tmp, out);
	/* every organization by keyset, a bounded number per pass */
	do {
		e = db_read(a, &q_orgs, DB_ARGS(DB_INT(after), DB_INT(100)), &r);
		if (e != DB_OK)
			return e;
		for (i = 0; i < r.nrows; i++) {
			after = db_get_int(&r, i, ORG_ID);
			if ((e = expire_org(a, after, tmp, out)) != DB_OK)
				return e;
		}
		seen += r.nrows;
	} while (r.nrows == 100 && seen < EXPIRE_ORGS_MAX);
	/* the files only once every organization's old imports are stopped: an
	 * old file may still be the upload of an import not yet looked at */
	if (r.nrows < 100)
		expire_files(a, tmp, out);
	return DB_OK;
}
