/* conf.h — leadline.conf ("key = value" lines) with LEADLINE_<KEY> environment overrides. */
#ifndef LL_CONF_H
#define LL_CONF_H

#include <stddef.h>

enum conf_key {
	CONF_DB_SOCKET,
	CONF_DB_NAME,
	CONF_DB_USER,
	CONF_DB_PASSWORD,
	CONF_DB_CONNECT_TIMEOUT,
	CONF_DB_READ_TIMEOUT,
	CONF_DB_WRITE_TIMEOUT,
	CONF_TEMPLATE_DIR,
	CONF_LOG_DIR,
	CONF_FILE_STORE,
	CONF_SESSION_IDLE_TIMEOUT,
	CONF_SESSION_ABSOLUTE_TIMEOUT,
	CONF_MAX_BODY,
	CONF_SUMMARY_BASE_URL,
	CONF_SUMMARY_API_KEY,
	CONF_SUMMARY_MODEL,
	CONF_SUMMARY_CONNECT_TIMEOUT,
	CONF_SUMMARY_TIMEOUT,
	CONF_SUMMARY_MAX_ANSWER,
	CONF_SUMMARY_RETRY_MAX_WAIT,
	CONF_PAGE_CACHE_BYTES,
	CONF_DB_HOST,
	CONF_DB_PORT,
	CONF_DB_TLS,
	CONF_DB_TLS_CA,
	CONF_DOWNLOAD,
	CONF_SECRET_KEY_FILE,
	CONF__MAX
};

/*
 * Reads path (NULL: $LEADLINE_CONF, else ./leadline.conf), then the
 * environment. Returns 0, or -1 with a message in err for an unreadable file,
 * an unknown key or a malformed line. Call once at start-up.
 */
int         conf_load(const char *path, char *err, size_t errlen);
/* The value of a key: never NULL (the default when unset). */
const char *conf_str(enum conf_key);
/* The value as a number; the default when unset or not a number. */
long        conf_long(enum conf_key);
void        conf_free(void);

#endif
