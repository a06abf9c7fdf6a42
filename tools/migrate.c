/* migrate.c — `llctl migrate [DIR]` (H6): applies the migrations of sql/
 * (DIR/NNN_name.sql, in the order of their names) that schema_migrations
 * does not record, each recorded once it has run, over the connection the
 * configuration names (a shared host's database by TCP and password, or the
 * unix socket). The same runner scripts/stack uses, so every test instance
 * is built by it.
 *
 * Written here rather than by piping the files into the `mariadb` client: a
 * shared host has no shell client for its remote database, often no shell
 * at all beside cron. The files are the client's dialect: statements end in
 * ";", and a `DELIMITER //` line switches to "//" at the end of a line (the
 * bodies of functions and triggers) until `DELIMITER ;`. A run of ";"
 * statements is sent as one multi-statement query, so quoting and comments
 * are the server's to parse; a "//" statement is sent on its own.
 *
 * Two runs at once (two hosts deploying) take turns on GET_LOCK; a file
 * that fails stops the run with its name and the server's message, and is
 * not recorded (MariaDB commits DDL as it goes: fix the file, or the
 * database, and run again). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "migrate.h"

/* Runs one query of one or more statements and drains every result. */
static int
run(MYSQL *c, const char *sql, size_t len, const char *file, FILE *err)
{
	int st;

	if (mysql_real_query(c, sql, len) != 0)
		goto fail;
	do {
		MYSQL_RES *r = mysql_store_result(c);

		if (r != NULL)
			mysql_free_result(r);
		else if (mysql_field_count(c) != 0)
			goto fail;
		if ((st = mysql_next_result(c)) > 0)
			goto fail;
	} while (st == 0);
	return 0;
fail:
	fprintf(err, "llctl migrate: %s: %s\n", file, mysql_error(c));
	return -1;
}

/* Whether a line is only whitespace and comments ("-- ..."). */
static int
blank(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && isspace((unsigned char)s[i]))
		i++;
	return i == n || (n - i >= 2 && s[i] == '-' && s[i + 1] == '-');
}

/* Applies one file's text, split at its DELIMITER lines. */
static int
apply(MYSQL *c, char *text, size_t len, const char *file, FILE *err)
{
	char delim[16] = ";";
	size_t start = 0, pos = 0, dl;
	int pending = 0, at_start = 1;

	while (pos < len) {
		size_t eol = pos, b, e;

		while (eol < len && text[eol] != '\n')
			eol++;
		b = pos;
		while (b < eol && (text[b] == ' ' || text[b] == '\t'))
			b++;
		e = eol;
		while (e > b && isspace((unsigned char)text[e - 1]))
			e--;
		/* as the client: a command only where a statement would begin,
		 * "DELIMITER x" and nothing else on the line */
		if (at_start && e - b > 10 && strncasecmp(text + b, "DELIMITER", 9) == 0 &&
		    isspace((unsigned char)text[b + 9])) {
			size_t v = b + 9, w;

			while (v < e && isspace((unsigned char)text[v]))
				v++;
			for (w = v; w < e && !isspace((unsigned char)text[w]); w++)
				;
			if (pending && run(c, text + start, b - start, file, err) != 0)
				return -1;
			if (w != e || e - v == 0 || e - v >= sizeof delim) {
				fprintf(err, "llctl migrate: %s: a DELIMITER line without a delimiter\n", file);
				return -1;
			}
			memcpy(delim, text + v, e - v);
			delim[e - v] = '\0';
			pending = 0;
			start = pos = eol < len ? eol + 1 : eol;
			continue;
		}
		dl = strlen(delim);
		if (!blank(text + b, e - b)) {
			pending = 1;
			at_start = e - b >= dl && memcmp(text + e - dl, delim, dl) == 0;
		}
		if (strcmp(delim, ";") != 0 && e - b >= dl &&
		    memcmp(text + e - dl, delim, dl) == 0) {
			if (run(c, text + start, e - dl - start, file, err) != 0)
				return -1;
			pending = 0;
			start = eol < len ? eol + 1 : eol;
		}
		pos = eol < len ? eol + 1 : eol;
	}
	if (pending && run(c, text + start, len - start, file, err) != 0)
		return -1;
	return 0;
}

/* One prepared statement with the version as its one bound string: the
 * number of rows it returned (SELECT) or changed, or -1. */
static long
versioned(MYSQL *c, const char *sql, const char *version, FILE *err)
{
	MYSQL_STMT *st = mysql_stmt_init(c);
	MYSQL_BIND b;
	unsigned long vlen = strlen(version);
	long n = -1;

	if (st == NULL)
		return -1;
	memset(&b, 0, sizeof b);
	b.buffer_type = MYSQL_TYPE_STRING;
	b.buffer = (void *)version;
	b.buffer_length = vlen;
	b.length = &vlen;
	if (mysql_stmt_prepare(st, sql, strlen(sql)) == 0 && mysql_stmt_bind_param(st, &b) == 0 &&
	    mysql_stmt_execute(st) == 0) {
		if (mysql_stmt_field_count(st) > 0) {
			if (mysql_stmt_store_result(st) == 0)
				n = (long)mysql_stmt_num_rows(st);
		} else {
			n = (long)mysql_stmt_affected_rows(st);
		}
	}
	if (n < 0)
		fprintf(err, "llctl migrate: schema_migrations: %s\n", mysql_stmt_error(st));
	mysql_stmt_close(st);
	return n;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = '\0';
		if (*len != (size_t)n) {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

static int
is_migration(const struct dirent *d)
{
	static regex_t re;
	static int ready;

	if (!ready) {
		if (regcomp(&re, "^[0-9]{3}_[A-Za-z0-9_]+\\.sql$", REG_EXTENDED | REG_NOSUB) != 0)
			return 0;
		ready = 1;
	}
	return regexec(&re, d->d_name, 0, NULL, 0) == 0;
}

int
migrate_run(struct st_mysql *c, const char *dir, FILE *out, FILE *err)
{
	struct dirent **names = NULL;
	int n, i, rc = 0, applied = 0;
	static const char lock[] = "SELECT GET_LOCK('leadline_migrate', 600)";
	static const char table[] = "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version VARCHAR(100) PRIMARY KEY, "
	    "applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))";

	if ((n = scandir(dir, &names, is_migration, alphasort)) < 0) {
		fprintf(err, "llctl migrate: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	if (run(c, lock, sizeof lock - 1, "GET_LOCK", err) != 0 ||
	    run(c, table, sizeof table - 1, "schema_migrations", err) != 0)
		rc = -1;
	for (i = 0; i < n && rc == 0; i++) {
		char path[4096], version[256];
		size_t len = 0, vlen = strlen(names[i]->d_name) - 4;
		char *text;
		long have;

		memcpy(version, names[i]->d_name, vlen);
		version[vlen] = '\0';
		if ((have = versioned(c, "SELECT 1 FROM schema_migrations WHERE version = ?", version, err)) < 0) {
			rc = -1;
			break;
		}
		if (have > 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
		if ((text = slurp(path, &len)) == NULL) {
			fprintf(err, "llctl migrate: %s: %s\n", path, strerror(errno));
			rc = -1;
			break;
		}
		fprintf(out, "migrate: %s\n", version);
		if (apply(c, text, len, names[i]->d_name, err) != 0 ||
		    versioned(c, "INSERT INTO schema_migrations (version) VALUES (?)", version, err) != 1)
			rc = -1;
		else
			applied++;
		free(text);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc == 0)
		fprintf(out, "migrate: %d applied, %d in %s\n", applied, n, dir);
	return rc;
}
