/* llctl — operator commands that need lib:
 *   llctl hash-password   reads a password on standard input and prints its
 *                         argon2id hash (used to load demo data)
 *   llctl tick            one bounded pass of every background job (H5):
 *                         safe from cron every minute, also while the last
 *                         pass still runs (lib/tick.h); exits 0, or 1 when a
 *                         job failed. Reads leadline.conf ($LEADLINE_CONF).
 *   llctl api-key create EMAIL
 *                         a new API key (R1) of the user's first active
 *                         membership: the key alone on stdout, once. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "apikeys.h"
#include "arena.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "tick.h"

static int
hash_password(void)
{
	char pw[1025], hash[crypto_pwhash_STRBYTES];
	size_t n;

	n = fread(pw, 1, sizeof pw - 1, stdin);
	pw[n] = '\0';
	if (n > 0 && pw[n - 1] == '\n')
		pw[--n] = '\0';
	if (n == 0 || auth_hash_password(pw, hash, sizeof hash) != 0) {
		fprintf(stderr, "llctl: no password, or out of memory\n");
		return 1;
	}
	puts(hash);
	return 0;
}

static int
tick(void)
{
	struct arena a;
	char err[512];
	int rc;

	if (conf_load(NULL, err, sizeof err) != 0) {
		fprintf(stderr, "llctl: %s\n", err);
		return 1;
	}
	log_open(conf_str(CONF_LOG_DIR), "llctl");
	db_init();
	arena_init(&a, 64u * 1024 * 1024);
	rc = tick_run(&a, stdout);
	arena_free(&a);
	db_close();
	log_close();
	conf_free();
	return rc == 0 ? 0 : 1;
}

static int
api_key_create(const char *email)
{
	struct arena a;
	char err[512], key[APIKEYS_LEN + 1];
	enum auth_err e;

	if (conf_load(NULL, err, sizeof err) != 0) {
		fprintf(stderr, "llctl: %s\n", err);
		return 1;
	}
	log_open(conf_str(CONF_LOG_DIR), "llctl");
	db_init();
	arena_init(&a, 1024u * 1024);
	e = apikeys_create_for_email(&a, email, "llctl", key, NULL);
	if (e == AUTH_OK)
		puts(key);
	else if (e == AUTH_DENIED)
		fprintf(stderr, "llctl: %s is no active user with an active membership\n", email);
	else
		fprintf(stderr, "llctl: the database failed; no key was made\n");
	arena_free(&a);
	db_close();
	log_close();
	conf_free();
	return e == AUTH_OK ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "api-key") == 0 && strcmp(argv[2], "create") == 0 &&
	    sodium_init() >= 0)
		return api_key_create(argv[3]);
	if (argc == 2 && sodium_init() >= 0) {
		if (strcmp(argv[1], "hash-password") == 0)
			return hash_password();
		if (strcmp(argv[1], "tick") == 0)
			return tick();
	}
	fprintf(stderr, "usage: llctl hash-password < password\n       llctl tick\n"
	    "       llctl api-key create EMAIL\n");
	return 2;
}
