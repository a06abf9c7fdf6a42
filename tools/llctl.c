/* llctl — operator commands that need lib:
 *   llctl hash-password   reads a password on standard input and prints its
 *                         argon2id hash (used to load demo data)
 *   llctl migrate [DIR]   applies the migrations of DIR (default: sql)
 *                         that the database does not have yet (H6;
 *                         tools/migrate.c)
 *   llctl tick            one bounded pass of every background job (H5):
 *                         safe from cron every minute, also while the last
 *                         pass still runs (lib/tick.h); exits 0, or 1 when a
 *                         job failed. Reads leadline.conf ($LEADLINE_CONF).
 *   llctl create-org NAME --mode b2b|b2c --plan PLAN --admin EMAIL
 *                         makes an organization with its default lead and
 *                         opportunity statuses and its first admin (O1), and
 *                         prints the one-time link (24 hours) where the admin
 *                         sets a password
 *   llctl reset-link EMAIL  prints a password reset link (30 minutes, O3)
 *   llctl list-orgs       prints every organization: id, name, plan, mode,
 *                         active members
 *   llctl api-key create EMAIL
 *                         a new API key (R1) of the user's first active
 *                         membership: the key alone on stdout, once.
 * A link starts with $LEADLINE_URL (default http://localhost:8080), the
 * address people reach the site at. */
#include <mysql.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apikeys.h"
#include "arena.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "migrate.h"
#include "orgs.h"
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

static const char *const plans[] = {
	"free", "essentials", "growth", "scale", "basic", "professional", "enterprise", NULL,
};

static int
start(struct arena *a)
{
	char err[512];

	if (conf_load(NULL, err, sizeof err) != 0) {
		fprintf(stderr, "llctl: %s\n", err);
		return -1;
	}
	log_open(conf_str(CONF_LOG_DIR), "llctl");
	db_init();
	arena_init(a, 16u * 1024 * 1024);
	return 0;
}

static int
finish(struct arena *a, int rc)
{
	arena_free(a);
	db_close();
	log_close();
	conf_free();
	return rc;
}

static int
db_failed(struct arena *a, enum db_err e)
{
	fprintf(stderr, "llctl: %s\n", e == DB_DOWN ? "the database is not reachable" :
	    "the database refused the change (see the log)");
	return finish(a, 1);
}

static const char *
site_url(void)
{
	const char *u = getenv("LEADLINE_URL");

	return u != NULL && *u != '\0' ? u : "http://localhost:8080";
}

static int
create_org(int argc, char **argv)
{
	const char *name = NULL, *mode = NULL, *plan = NULL, *email_in = NULL, *email;
	char token[AUTH_TOKEN_LEN + 1], pid[IDS_MAXLEN];
	struct arena a;
	enum db_err e;
	int i, ok = 0;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--mode") == 0 && i + 1 < argc)
			mode = argv[++i];
		else if (strcmp(argv[i], "--plan") == 0 && i + 1 < argc)
			plan = argv[++i];
		else if (strcmp(argv[i], "--admin") == 0 && i + 1 < argc)
			email_in = argv[++i];
		else if (name == NULL && argv[i][0] != '-')
			name = argv[i];
		else {
			fprintf(stderr, "llctl create-org: unexpected \"%s\"\n", argv[i]);
			return 2;
		}
	}
	if (name == NULL || *name == '\0' || strlen(name) > 200 || mode == NULL || plan == NULL ||
	    email_in == NULL) {
		fprintf(stderr, "usage: llctl create-org NAME --mode b2b|b2c --plan PLAN --admin EMAIL\n");
		return 2;
	}
	if (strcmp(mode, "b2b") != 0 && strcmp(mode, "b2c") != 0) {
		fprintf(stderr, "llctl create-org: --mode is b2b or b2c, not \"%s\"\n", mode);
		return 2;
	}
	for (i = 0; plans[i] != NULL; i++)
		ok |= strcmp(plans[i], plan) == 0;
	if (!ok) {
		fprintf(stderr, "llctl create-org: --plan is one of free essentials growth scale basic "
		    "professional enterprise, not \"%s\"\n", plan);
		return 2;
	}
	if (start(&a) != 0)
		return 1;
	if ((email = orgs_email(&a, email_in)) == NULL) {
		fprintf(stderr, "llctl create-org: --admin \"%s\" is no email address\n", email_in);
		return finish(&a, 2);
	}
	if ((e = orgs_create(&a, name, mode, plan, email, token, pid)) != DB_OK)
		return db_failed(&a, e);
	printf("organization %s \"%s\" made; its admin is %s.\n"
	    "The admin sets a password within 24 hours at:\n%s/password?token=%s\n",
	    pid, name, email, site_url(), token);
	return finish(&a, 0);
}

static const char *const reset_user_cols[] = { "id", "active", NULL };
static struct db_sql q_reset_user = DB_SQL_COLS(
	"SELECT id, active FROM users WHERE email = ?", reset_user_cols);

static int
reset_link(const char *email_in)
{
	char token[AUTH_TOKEN_LEN + 1], pid[IDS_MAXLEN];
	const char *email;
	struct db_res r;
	struct arena a;
	enum db_err e;

	if (start(&a) != 0)
		return 1;
	if ((email = orgs_email(&a, email_in)) == NULL) {
		fprintf(stderr, "llctl reset-link: \"%s\" is no email address\n", email_in);
		return finish(&a, 2);
	}
	if ((e = db_read(&a, &q_reset_user, DB_ARGS(DB_STR(email)), &r)) != DB_OK)
		return db_failed(&a, e);
	if (r.nrows != 1) {
		fprintf(stderr, "llctl reset-link: no user has the email %s\n", email);
		return finish(&a, 1);
	}
	if (db_get_int(&r, 0, 1) != 1) {
		fprintf(stderr, "llctl reset-link: the user %s is deactivated\n", email);
		return finish(&a, 1);
	}
	if ((e = orgs_link_new(&a, ORGS_LINK_PASSWORD, db_get_int(&r, 0, 0), 0, NULL, NULL, 0,
	    ORGS_RESET_TTL, token, pid)) != DB_OK)
		return db_failed(&a, e);
	printf("%s sets a new password within 30 minutes at:\n%s/password?token=%s\n", email,
	    site_url(), token);
	return finish(&a, 0);
}

#define ORG_LIST_COLS(X) X(OL_PID, "pid") X(OL_NAME, "name") X(OL_PLAN, "plan") \
	X(OL_MODE, "lead_mode") X(OL_MEMBERS, "members") X(OL_ADMINS, "admins")
enum { ORG_LIST_COLS(DB_COL_ENUM) OL__NCOLS };
static const char *const org_list_cols[] = { ORG_LIST_COLS(DB_COL_NAME) NULL };
/* Every organization: an operator's command, across tenants by design. */
static struct db_sql q_org_list = DB_SQL_COLS(
	"SELECT o.pid, o.name, o.plan, o.lead_mode,"
	" (SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id"
	"   WHERE m.organization_id = o.id AND m.active = 1 AND u.active = 1) AS members,"
	" (SELECT GROUP_CONCAT(u.email ORDER BY u.email SEPARATOR ',') FROM memberships m"
	"   JOIN users u ON u.id = m.user_id WHERE m.organization_id = o.id AND m.active = 1"
	"   AND u.active = 1 AND m.role = 'admin') AS admins"
	" FROM organizations o ORDER BY o.id", org_list_cols);

static int
list_orgs(void)
{
	struct db_res r;
	struct arena a;
	enum db_err e;
	size_t i;

	if (start(&a) != 0)
		return 1;
	if ((e = db_read(&a, &q_org_list, DB_NOARGS, &r)) != DB_OK)
		return db_failed(&a, e);
	printf("%-45s  %-10s  %-4s  %7s  %-30s  %s\n", "ID", "PLAN", "MODE", "MEMBERS", "ADMINS", "NAME");
	for (i = 0; i < r.nrows; i++)
		printf("%-45s  %-10s  %-4s  %7lld  %-30s  %s\n", db_get(&r, i, OL_PID),
		    db_get(&r, i, OL_PLAN), db_get(&r, i, OL_MODE), db_get_int(&r, i, OL_MEMBERS),
		    db_get(&r, i, OL_ADMINS), db_get(&r, i, OL_NAME));
	return finish(&a, 0);
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
	if (argc >= 2 && sodium_init() >= 0) {
		if (strcmp(argv[1], "create-org") == 0)
			return create_org(argc, argv);
		if (strcmp(argv[1], "reset-link") == 0 && argc == 3)
			return reset_link(argv[2]);
		if (strcmp(argv[1], "list-orgs") == 0 && argc == 2)
			return list_orgs();
	}
	if (argc == 2 && sodium_init() >= 0) {
		if (strcmp(argv[1], "hash-password") == 0)
			return hash_password();
		if (strcmp(argv[1], "tick") == 0)
			return tick();
	}
	if ((argc == 2 || argc == 3) && strcmp(argv[1], "migrate") == 0)
		return migrate(argc == 3 ? argv[2] : "sql");
	fprintf(stderr, "usage: llctl hash-password < password\n       llctl migrate [DIR]\n       llctl tick\n"
	    "       llctl create-org NAME --mode b2b|b2c --plan PLAN --admin EMAIL\n"
	    "       llctl reset-link EMAIL\n       llctl list-orgs\n"
	    "       llctl api-key create EMAIL\n");
	return 2;
}
