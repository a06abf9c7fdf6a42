/* conf.c — configuration table and loader; see conf.h. */
#include "conf.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	const char *env;
	const char *def;
} conf_table[CONF__MAX] = {
	[CONF_DB_SOCKET] = { "db_socket", "LEADLINE_DB_SOCKET", "/run/mysqld/mysqld.sock" },
	[CONF_DB_NAME] = { "db_name", "LEADLINE_DB_NAME", "leadline" },
	[CONF_DB_USER] = { "db_user", "LEADLINE_DB_USER", "leadline" },
	[CONF_DB_PASSWORD] = { "db_password", "LEADLINE_DB_PASSWORD", "" },
	[CONF_DB_CONNECT_TIMEOUT] = { "db_connect_timeout", "LEADLINE_DB_CONNECT_TIMEOUT", "2" },
	[CONF_DB_READ_TIMEOUT] = { "db_read_timeout", "LEADLINE_DB_READ_TIMEOUT", "5" },
	[CONF_DB_WRITE_TIMEOUT] = { "db_write_timeout", "LEADLINE_DB_WRITE_TIMEOUT", "5" },
	[CONF_TEMPLATE_DIR] = { "template_dir", "LEADLINE_TEMPLATE_DIR", "templates" },
	[CONF_LOG_DIR] = { "log_dir", "LEADLINE_LOG_DIR", "" },
	[CONF_FILE_STORE] = { "file_store", "LEADLINE_FILE_STORE", "var/files" },
	[CONF_SESSION_IDLE_TIMEOUT] = { "session_idle_timeout", "LEADLINE_SESSION_IDLE_TIMEOUT", "43200" },
	[CONF_SESSION_ABSOLUTE_TIMEOUT] = { "session_absolute_timeout", "LEADLINE_SESSION_ABSOLUTE_TIMEOUT", "1209600" },
	[CONF_MAX_BODY] = { "max_body", "LEADLINE_MAX_BODY", "1048576" },
	/* the OpenAI-compatible summary backend (S4); offline without a key */
	[CONF_SUMMARY_BASE_URL] = { "summary_base_url", "LEADLINE_SUMMARY_BASE_URL", "https://api.openai.com/v1" },
	[CONF_SUMMARY_API_KEY] = { "summary_api_key", "LEADLINE_SUMMARY_API_KEY", "" },
	[CONF_SUMMARY_MODEL] = { "summary_model", "LEADLINE_SUMMARY_MODEL", "gpt-4o-mini" },
	[CONF_SUMMARY_CONNECT_TIMEOUT] = { "summary_connect_timeout", "LEADLINE_SUMMARY_CONNECT_TIMEOUT", "5" },
	[CONF_SUMMARY_TIMEOUT] = { "summary_timeout", "LEADLINE_SUMMARY_TIMEOUT", "60" },
	[CONF_SUMMARY_MAX_ANSWER] = { "summary_max_answer", "LEADLINE_SUMMARY_MAX_ANSWER", "262144" },
	[CONF_SUMMARY_RETRY_MAX_WAIT] = { "summary_retry_max_wait", "LEADLINE_SUMMARY_RETRY_MAX_WAIT", "10" },
	[CONF_PAGE_CACHE_BYTES] = { "page_cache_bytes", "LEADLINE_PAGE_CACHE_BYTES", "1048576" },
	/* H4: over TCP when db_host is set, else the socket */
	[CONF_DB_HOST] = { "db_host", "LEADLINE_DB_HOST", "" },
	[CONF_DB_PORT] = { "db_port", "LEADLINE_DB_PORT", "3306" },
	[CONF_DB_TLS] = { "db_tls", "LEADLINE_DB_TLS", "off" },
	[CONF_DB_TLS_CA] = { "db_tls_ca", "LEADLINE_DB_TLS_CA", "" },
	/* H3: how a download is sent, unless the web server says (req_file) */
	[CONF_DOWNLOAD] = { "download", "LEADLINE_DOWNLOAD", "x-accel" },
	/* E1: the key that seals mailbox passwords (lib/secret.h) */
	[CONF_SECRET_KEY_FILE] = { "secret_key_file", "LEADLINE_SECRET_KEY_FILE", "" },
};

static char *conf_val[CONF__MAX];

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
conf_set(const char *key, const char *val)
{
	int i;

	for (i = 0; i < CONF__MAX; i++) {
		if (strcmp(conf_table[i].name, key) == 0) {
			free(conf_val[i]);
			conf_val[i] = strdup(val);
			return conf_val[i] ? 0 : -1;
		}
	}
	return -1;
}

int
conf_load(const char *path, char *err, size_t errlen)
{
	FILE *fp;
	char *line = NULL, *k, *v, *eq;
	size_t cap = 0;
	int lineno = 0, i, rc = 0;
	const char *env;

	if (path == NULL && (path = getenv("LEADLINE_CONF")) == NULL)
		path = "leadline.conf";
	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* getline: a line of any length is one line */
	while (getline(&line, &cap, fp) != -1) {
		lineno++;
		k = trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			snprintf(err, errlen, "%s:%d: expected key = value", path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		if (conf_set(k, v) != 0) {
			snprintf(err, errlen, "%s:%d: unknown key %s", path, lineno, k);
			rc = -1;
			break;
		}
	}
	free(line);
	fclose(fp);
	if (rc != 0)
		return rc;
	for (i = 0; i < CONF__MAX; i++)
		if ((env = getenv(conf_table[i].env)) != NULL)
			conf_set(conf_table[i].name, env);
	return 0;
}

const char *
conf_str(enum conf_key k)
{
	return conf_val[k] ? conf_val[k] : conf_table[k].def;
}

long
conf_long(enum conf_key k)
{
	const char *s = conf_str(k);
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0')
		v = strtol(conf_table[k].def, NULL, 10);
	return v;
}

void
conf_free(void)
{
	int i;

	for (i = 0; i < CONF__MAX; i++) {
		free(conf_val[i]);
		conf_val[i] = NULL;
	}
}
