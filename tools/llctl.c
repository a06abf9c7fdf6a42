/* llctl — operator commands that need lib:
 *   llctl hash-password   reads a password on standard input and prints its
 *                         argon2id hash (used to load demo data)
 *   llctl migrate [DIR]   applies the migrations of DIR (default: sql)
 *                         that the database does not have yet (H6;
 *                         tools/migrate.c)
 *   llctl tick            one bounded pass of every background job (H5):
 *                         safe from cron every minute, also while the last
 *                         pass still runs (lib/tick.h); exits 0, or 1 when a
 *                         job failed. Reads leadline.conf ($LEADLINE_CONF). */
#include <mysql.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "migrate.h"
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
migrate(const char *dir)
{
	struct st_mysql *c;
	char err[512];
	int rc;

	if (conf_load(NULL, err, sizeof err) != 0) {
		fprintf(stderr, "llctl: %s\n", err);
		return 1;
	}
	if ((c = db_open_script()) == NULL) {
		fprintf(stderr, "llctl migrate: cannot connect to the database of the configuration\n");
		conf_free();
		return 1;
	}
	rc = migrate_run(c, dir, stdout, stderr);
	mysql_close(c);
	conf_free();
	return rc == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 2 && sodium_init() >= 0) {
		if (strcmp(argv[1], "hash-password") == 0)
			return hash_password();
		if (strcmp(argv[1], "tick") == 0)
			return tick();
	}
	if ((argc == 2 || argc == 3) && strcmp(argv[1], "migrate") == 0)
		return migrate(argc == 3 ? argv[2] : "sql");
	fprintf(stderr, "usage: llctl hash-password < password\n       llctl migrate [DIR]\n       llctl tick\n");
	return 2;
}
