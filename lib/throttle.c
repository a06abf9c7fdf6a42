/* throttle.c — see throttle.h. The pause is computed by MariaDB in the
 * failure's own upsert, so two workers counting at once cannot lose a count. */
#include "throttle.h"
#include "arena.h"

#include <arpa/inet.h>
#include <sodium.h>
#include <string.h>

#define WAIT_COLS(X) X(W_SECONDS, "seconds")
enum { WAIT_COLS(DB_COL_ENUM) W__NCOLS };
static const char *const wait_cols[] = { WAIT_COLS(DB_COL_NAME) NULL };
static struct db_sql q_wait = DB_SQL_COLS(
	"SELECT CEILING(GREATEST(0, TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), MAX(blocked_until))) / 1000000)"
	"   AS seconds"
	" FROM auth_throttle"
	" WHERE (kind = 'account' AND key_hash = ?) OR (kind = 'address' AND key_hash = ?)", wait_cols);
/* Assignments of ON DUPLICATE KEY UPDATE run left to right, each seeing the
 * ones before: blocked_until reads the new failures. */
static struct db_sql q_fail = DB_SQL(
	"INSERT INTO auth_throttle (kind, key_hash, failures, last_failure, blocked_until)"
	" VALUES (?, ?, 1, UTC_TIMESTAMP(6), NULL)"
	" ON DUPLICATE KEY UPDATE"
	" failures = IF(last_failure < UTC_TIMESTAMP(6) - INTERVAL ? SECOND, 1, failures + 1),"
	" last_failure = UTC_TIMESTAMP(6),"
	" blocked_until = IF(failures >= ?,"
	"   UTC_TIMESTAMP(6) + INTERVAL LEAST(? << LEAST(failures - ?, 20), ?) SECOND, NULL)");
static struct db_sql q_clear = DB_SQL(
	"DELETE FROM auth_throttle WHERE kind = 'account' AND key_hash = ?");

/* The row's key: SHA-256 of "<form>\n<value>". */
static void
key_of(const char *form, const char *value, unsigned char out[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)form, strlen(form));
	crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)value, strlen(value));
	crypto_hash_sha256_final(&st, out);
}

/* The address as counted: IPv4 whole, IPv6 by its /64 (one host holds a
 * whole /64); anything else as given. */
static void
address_key(const char *form, const char *addr, unsigned char out[crypto_hash_sha256_BYTES])
{
	unsigned char a6[16];
	char text[INET6_ADDRSTRLEN];

	if (addr == NULL)
		addr = "";
	if (strchr(addr, ':') != NULL && inet_pton(AF_INET6, addr, a6) == 1 &&
	    !(memcmp(a6, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)) {
		memset(a6 + 8, 0, 8);
		if (inet_ntop(AF_INET6, a6, text, sizeof text) != NULL)
			addr = text;
	}
	key_of(form, addr, out);
}

enum db_err
throttle_check(struct arena *a, const char *form, const char *account, const char *addr,
    long *wait)
{
	unsigned char ka[crypto_hash_sha256_BYTES], kd[crypto_hash_sha256_BYTES];
	struct db_res res;
	enum db_err e;

	*wait = 0;
	key_of(form, account, ka);
	address_key(form, addr, kd);
	e = db_read(a, &q_wait, DB_ARGS(DB_BLOB(ka, sizeof ka), DB_BLOB(kd, sizeof kd)), &res);
	if (e == DB_OK && res.nrows == 1 && !db_is_null(&res, 0, W_SECONDS))
		*wait = (long)db_get_int(&res, 0, W_SECONDS);
	return e;
}

static enum db_err
count(struct arena *a, const char *kind, const unsigned char *key, long long free)
{
	return db_write(a, &q_fail, DB_ARGS(DB_STR(kind), DB_BLOB(key, crypto_hash_sha256_BYTES),
	    DB_INT(THROTTLE_FORGET), DB_INT(free), DB_INT(THROTTLE_FIRST_PAUSE), DB_INT(free),
	    DB_INT(THROTTLE_MAX_PAUSE)), NULL);
}

enum db_err
throttle_fail(struct arena *a, const char *form, const char *account, const char *addr)
{
	unsigned char ka[crypto_hash_sha256_BYTES], kd[crypto_hash_sha256_BYTES];
	enum db_err e;

	key_of(form, account, ka);
	address_key(form, addr, kd);
	if ((e = count(a, "account", ka, THROTTLE_ACCOUNT_FREE)) != DB_OK)
		return e;
	return count(a, "address", kd, THROTTLE_ADDRESS_FREE);
}

enum db_err
throttle_clear(struct arena *a, const char *form, const char *account)
{
	unsigned char ka[crypto_hash_sha256_BYTES];

	key_of(form, account, ka);
	return db_write(a, &q_clear, DB_ARGS(DB_BLOB(ka, sizeof ka)), NULL);
}
