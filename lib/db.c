/* db.c — MariaDB Connector/C behind prepared statements; see db.h.
 *
 * Results are fetched as strings: the server converts every column type, and
 * a page only ever prints or parses them. Numbers are read with db_get_int. */
#include "db.h"
#include "arena.h"
#include "conf.h"
#include "log.h"

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static MYSQL         *db_conn;
static unsigned       db_gen = 1;      /* bumped at every new connection */
static int            db_in_tx;
static int            db_tx_broken;    /* the connection died inside a transaction */
static struct db_sql *db_prepared;     /* statements prepared on db_conn */
static unsigned long  db_count;

void
db_init(void)
{
	db_conn = NULL;
}

static int
db_lost(unsigned int err)
{
	switch (err) {
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_LOST_EXTENDED:
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
	case ER_UNKNOWN_STMT_HANDLER:
	case CR_COMMANDS_OUT_OF_SYNC:
		return 1;
	default:
		return 0;
	}
}

static void
db_disconnect(void)
{
	struct db_sql *q;

	for (q = db_prepared; q != NULL; q = q->next) {
		if (q->stmt != NULL)
			mysql_stmt_close(q->stmt);
		q->stmt = NULL;
		q->gen = 0;
	}
	db_prepared = NULL;
	if (db_conn != NULL)
		mysql_close(db_conn);
	db_conn = NULL;
	if (db_in_tx)
		db_tx_broken = 1;
	db_in_tx = 0;
}

/* db_tls: "off"; "on", encrypted; "verify", encrypted to a server whose
 * certificate (and name) checks against db_tls_ca or the system's CAs.
 * Returns 0, or -1 for an unknown value (logged). */
static int
db_tls_options(MYSQL *c)
{
	const char *tls = conf_str(CONF_DB_TLS), *ca = conf_str(CONF_DB_TLS_CA);
	my_bool on = 1, off = 0;

	if (strcmp(tls, "off") == 0)
		return 0;
	if (strcmp(tls, "on") != 0 && strcmp(tls, "verify") != 0) {
		log_err("db: db_tls must be off, on or verify, not \"%s\"", tls);
		return -1;
	}
	mysql_optionsv(c, MYSQL_OPT_SSL_ENFORCE, &on);
	mysql_optionsv(c, MYSQL_OPT_SSL_VERIFY_SERVER_CERT,
	    strcmp(tls, "verify") == 0 ? &on : &off);
	if (*ca)
		mysql_optionsv(c, MYSQL_OPT_SSL_CA, ca);
	return 0;
}

/* A connection to the configured server with the configured account,
 * timeouts and TLS; flags as mysql_real_connect takes them. NULL when it
 * fails (logged; *down set when the server could not be reached). */
static MYSQL *
db_open(unsigned long flags, int *down)
{
	unsigned int ct = (unsigned int)conf_long(CONF_DB_CONNECT_TIMEOUT);
	unsigned int rt = (unsigned int)conf_long(CONF_DB_READ_TIMEOUT);
	unsigned int wt = (unsigned int)conf_long(CONF_DB_WRITE_TIMEOUT);
	unsigned int port = (unsigned int)conf_long(CONF_DB_PORT);
	const char *host = conf_str(CONF_DB_HOST);
	my_bool no = 0;
	MYSQL *c;

	*down = 0;
	if ((c = mysql_init(NULL)) == NULL)
		return NULL;
	mysql_options(c, MYSQL_OPT_CONNECT_TIMEOUT, &ct);
	mysql_options(c, MYSQL_OPT_READ_TIMEOUT, &rt);
	mysql_options(c, MYSQL_OPT_WRITE_TIMEOUT, &wt);
	mysql_options(c, MYSQL_OPT_RECONNECT, &no);
	mysql_options(c, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(c, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	if (db_tls_options(c) != 0) {
		mysql_close(c);
		return NULL;
	}
	/* H4: TCP to db_host:db_port when a host is set, else the unix socket */
	if (mysql_real_connect(c, *host ? host : NULL, conf_str(CONF_DB_USER),
	    conf_str(CONF_DB_PASSWORD), conf_str(CONF_DB_NAME), *host ? port : 0,
	    *host ? NULL : conf_str(CONF_DB_SOCKET), flags) == NULL) {
		log_warn("db: connect: %s", mysql_error(c));
		mysql_close(c);
		*down = 1;
		return NULL;
	}
	return c;
}

static enum db_err
db_connect(void)
{
	int down;

	if (db_conn != NULL)
		return DB_OK;
	if ((db_conn = db_open(0, &down)) == NULL)
		return down ? DB_DOWN : DB_ERROR;
	db_gen++;
	return DB_OK;
}

struct st_mysql *
db_open_script(void)
{
	int down;

	return db_open(CLIENT_MULTI_STATEMENTS, &down);
}

/* The result's columns are the ones q names, in its order. */
static int
cols_match(MYSQL_STMT *st, const struct db_sql *q)
{
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	MYSQL_FIELD *f;
	size_t n, i;
	int ok = 1;

	if (meta == NULL) {
		log_err("db: the statement names columns but has no result: %s", q->text);
		return 0;
	}
	n = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	for (i = 0; ok && (i < n || q->cols[i] != NULL); i++) {
		if (i >= n || q->cols[i] == NULL) {
			log_err("db: the result has %zu columns, its reader names %s: %s", n,
			    i >= n ? "more" : "fewer", q->text);
			ok = 0;
		} else if (strcmp(f[i].name, q->cols[i]) != 0) {
			log_err("db: result column %zu is \"%s\", its reader names \"%s\": %s", i,
			    f[i].name, q->cols[i], q->text);
			ok = 0;
		}
	}
	mysql_free_result(meta);
	return ok;
}

static enum db_err
db_prepare(struct db_sql *q, size_t nargs)
{
	MYSQL_STMT *st;
	my_bool on = 1;

	if (q->stmt != NULL && q->gen == db_gen) {
		/* checked at every call: bind_param reads param_count binds */
		if (mysql_stmt_param_count(q->stmt) != nargs) {
			log_err("db: %lu parameters, %zu given: %s",
			    mysql_stmt_param_count(q->stmt), nargs, q->text);
			return DB_ERROR;
		}
		return DB_OK;
	}
	if ((st = mysql_stmt_init(db_conn)) == NULL)
		return DB_ERROR;
	if (mysql_stmt_prepare(st, q->text, strlen(q->text)) != 0) {
		unsigned int e = mysql_stmt_errno(st);
		log_err("db: prepare: %s: %s", mysql_stmt_error(st), q->text);
		mysql_stmt_close(st);
		return db_lost(e) ? DB_DOWN : DB_ERROR;
	}
	if (mysql_stmt_param_count(st) != nargs) {
		log_err("db: %lu parameters, %zu given: %s", mysql_stmt_param_count(st), nargs, q->text);
		mysql_stmt_close(st);
		return DB_ERROR;
	}
	if (q->cols != NULL && !cols_match(st, q)) {
		mysql_stmt_close(st);
		return DB_ERROR;
	}
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	q->stmt = st;
	q->gen = db_gen;
	q->next = db_prepared;
	db_prepared = q;
	return DB_OK;
}

static enum db_err
db_fetch(struct arena *a, MYSQL_STMT *st, MYSQL_RES *meta, struct db_res *out)
{
	size_t nc = mysql_num_fields(meta), cap, i, r;
	MYSQL_FIELD *f = mysql_fetch_fields(meta);
	MYSQL_BIND *b;
	unsigned long *len;
	my_bool *isnull, *err;
	char **bufs;
	int rc;

	if (mysql_stmt_store_result(st) != 0)
		return DB_ERROR;
	cap = (size_t)mysql_stmt_num_rows(st);
	out->ncols = nc;
	b = arena_alloc(a, nc * sizeof *b);
	len = arena_alloc(a, nc * sizeof *len);
	isnull = arena_alloc(a, nc * sizeof *isnull);
	err = arena_alloc(a, nc * sizeof *err);
	bufs = arena_alloc(a, nc * sizeof *bufs);
	out->rows = arena_alloc(a, (cap ? cap : 1) * sizeof *out->rows);
	out->lens = arena_alloc(a, (cap ? cap : 1) * sizeof *out->lens);
	if (!b || !len || !isnull || !err || !bufs || !out->rows || !out->lens)
		return DB_ERROR;
	for (i = 0; i < nc; i++) {
		size_t sz = f[i].max_length < 64 ? 64 : f[i].max_length;
		if ((bufs[i] = arena_alloc(a, sz + 1)) == NULL)
			return DB_ERROR;
		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer = bufs[i];
		b[i].buffer_length = sz + 1;
		b[i].length = &len[i];
		b[i].is_null = &isnull[i];
		b[i].error = &err[i];
	}
	if (mysql_stmt_bind_result(st, b) != 0)
		return DB_ERROR;
	for (r = 0; r < cap; r++) {
		rc = mysql_stmt_fetch(st);
		if (rc == MYSQL_NO_DATA)
			break;
		if (rc == 1)
			return DB_ERROR;
		out->rows[r] = arena_alloc(a, nc * sizeof(char *));
		out->lens[r] = arena_alloc(a, nc * sizeof(unsigned long));
		if (out->rows[r] == NULL || out->lens[r] == NULL)
			return DB_ERROR;
		for (i = 0; i < nc; i++) {
			if (isnull[i]) {
				out->rows[r][i] = NULL;
				continue;
			}
			if (err[i] || len[i] > b[i].buffer_length - 1) {
				/* truncated: fetch this column again, whole */
				MYSQL_BIND one = { 0 };
				char *big = arena_alloc(a, len[i] + 1);
				if (big == NULL)
					return DB_ERROR;
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = big;
				one.buffer_length = len[i] + 1;
				if (mysql_stmt_fetch_column(st, &one, (unsigned int)i, 0) != 0)
					return DB_ERROR;
				big[len[i]] = '\0';
				out->rows[r][i] = big;
			} else {
				out->rows[r][i] = arena_strndup(a, bufs[i], len[i]);
				if (out->rows[r][i] == NULL)
					return DB_ERROR;
			}
			out->lens[r][i] = len[i];
		}
	}
	out->nrows = r;
	return DB_OK;
}

static enum db_err
db_run(struct arena *a, struct db_sql *q, const struct db_arg *args, size_t nargs,
    struct db_res *out)
{
	MYSQL_BIND *pb = NULL;
	MYSQL_RES *meta;
	MYSQL_STMT *st;
	enum db_err e;
	size_t i;
	unsigned int err;
	char msg[512];

	memset(out, 0, sizeof *out);
	if (db_tx_broken)
		return DB_DOWN;   /* never finish half a transaction on a new connection */
	if ((e = db_connect()) != DB_OK)
		return e;
	if ((e = db_prepare(q, nargs)) != DB_OK) {
		if (e == DB_DOWN)
			db_disconnect();
		return e;
	}
	st = q->stmt;
	if (nargs > 0) {
		if ((pb = arena_alloc(a, nargs * sizeof *pb)) == NULL)
			return DB_ERROR;
		for (i = 0; i < nargs; i++) {
			switch (args[i].type) {
			case DB_T_NULL:
				pb[i].buffer_type = MYSQL_TYPE_NULL;
				break;
			case DB_T_INT:
				pb[i].buffer_type = MYSQL_TYPE_LONGLONG;
				pb[i].buffer = (void *)&args[i].i;
				break;
			case DB_T_STR:
			case DB_T_BLOB:
				pb[i].buffer_type = args[i].type == DB_T_STR ?
				    MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
				pb[i].buffer = (void *)args[i].s;
				pb[i].buffer_length = args[i].len;
				break;
			}
		}
		if (mysql_stmt_bind_param(st, pb) != 0)
			return DB_ERROR;
	}
	db_count++;
	if (mysql_stmt_execute(st) != 0)
		goto fail;
	if ((meta = mysql_stmt_result_metadata(st)) != NULL) {
		e = db_fetch(a, st, meta, out);
		mysql_free_result(meta);
		/* the error first: mysql_stmt_free_result clears it, and a server
		 * lost while the rows came must be DB_DOWN, not a silent DB_ERROR */
		err = e != DB_OK ? mysql_stmt_errno(st) : 0;
		if (err != 0)
			snprintf(msg, sizeof msg, "%s", mysql_stmt_error(st));
		mysql_stmt_free_result(st);
		if (e != DB_OK) {
			if (err == 0)
				log_err("db: reading the rows failed (out of memory?): %s", q->text);
			goto failed;
		}
	} else {
		out->affected = mysql_stmt_affected_rows(st);
		out->insert_id = mysql_stmt_insert_id(st);
	}
	return DB_OK;
fail:
	err = mysql_stmt_errno(st);
	snprintf(msg, sizeof msg, "%s", mysql_stmt_error(st));
failed:
	if (err == ER_DUP_ENTRY)
		return DB_DUP;
	if (db_lost(err)) {
		log_warn("db: lost the server: %s", msg);
		db_disconnect();
		return DB_DOWN;
	}
	if (err != 0)
		log_err("db: %s: %s", msg, q->text);
	return DB_ERROR;
}

enum db_err
db_read(struct arena *a, struct db_sql *q, const struct db_arg *args, size_t nargs,
    struct db_res *out)
{
	struct db_res tmp;
	enum db_err e;
	int retry = !db_in_tx && db_conn != NULL;

	if (out == NULL)
		out = &tmp;
	e = db_run(a, q, args, nargs, out);
	if (e == DB_DOWN && retry)
		e = db_run(a, q, args, nargs, out);
	return e;
}

enum db_err
db_write(struct arena *a, struct db_sql *q, const struct db_arg *args, size_t nargs,
    struct db_res *out)
{
	struct db_res tmp;

	return db_run(a, q, args, nargs, out ? out : &tmp);
}

enum db_err
db_begin(void)
{
	enum db_err e;

	if ((e = db_connect()) != DB_OK)
		return e;
	if (mysql_autocommit(db_conn, 0) != 0) {
		/* a dead idle connection: one fresh try, nothing has run yet */
		db_disconnect();
		if ((e = db_connect()) != DB_OK)
			return e;
		if (mysql_autocommit(db_conn, 0) != 0) {
			db_disconnect();
			return DB_DOWN;
		}
	}
	db_in_tx = 1;
	return DB_OK;
}

enum db_err
db_commit(void)
{
	if (db_conn == NULL || !db_in_tx) {
		db_tx_broken = 0;
		return DB_DOWN;
	}
	db_count++;
	if (mysql_commit(db_conn) != 0) {
		unsigned int e = mysql_errno(db_conn);
		log_warn("db: commit: %s", mysql_error(db_conn));
		if (db_lost(e)) {
			db_disconnect();
			return DB_DOWN;
		}
		db_rollback();
		return DB_ERROR;
	}
	db_in_tx = 0;
	if (mysql_autocommit(db_conn, 1) != 0)
		db_disconnect();
	return DB_OK;
}

void
db_rollback(void)
{
	db_tx_broken = 0;
	if (db_conn == NULL)
		return;
	if (db_in_tx && (mysql_rollback(db_conn) != 0 || mysql_autocommit(db_conn, 1) != 0))
		db_disconnect();
	db_in_tx = 0;
}

int
db_is_null(const struct db_res *r, size_t row, size_t col)
{
	return row >= r->nrows || col >= r->ncols || r->rows[row][col] == NULL;
}

const char *
db_get(const struct db_res *r, size_t row, size_t col)
{
	return db_is_null(r, row, col) ? "" : r->rows[row][col];
}

long long
db_get_int(const struct db_res *r, size_t row, size_t col)
{
	return db_is_null(r, row, col) ? 0 : strtoll(r->rows[row][col], NULL, 10);
}

unsigned long
db_statements(void)
{
	return db_count;
}

void
db_close(void)
{
	db_disconnect();
	mysql_library_end();
}
