/* test_auth.c — lib/auth.h: password hashes, tokens, and (with the suite's
 * live instance, $LEADLINE_CONF) logins and sessions on the demo data. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "ids.h"

#define DEMO_PASSWORD "leadline-demo"
#define ADA "ada@northwind.test"

#define ID_COLS(X) X(ID_ID, "id")
enum { ID_COLS(DB_COL_ENUM) };
static const char *const id_cols[] = { ID_COLS(DB_COL_NAME) NULL };
static struct db_sql q_org_id = DB_SQL_COLS("SELECT id FROM organizations WHERE name = ?", id_cols);
static struct db_sql q_user_id = DB_SQL_COLS("SELECT id FROM users WHERE email = ?", id_cols);
static struct db_sql q_foreign_org = DB_SQL_COLS(
	"SELECT o.id FROM organizations o WHERE o.id NOT IN"
	" (SELECT m.organization_id FROM memberships m WHERE m.user_id = ?) ORDER BY o.id LIMIT 1",
	    id_cols);
#define CNT_COLS(X) X(CNT_N, "n")
enum { CNT_COLS(DB_COL_ENUM) };
static const char *const cnt_cols[] = { CNT_COLS(DB_COL_NAME) NULL };
static struct db_sql q_session_count = DB_SQL_COLS(
	"SELECT COUNT(*) AS n FROM sessions WHERE token_hash = UNHEX(SHA2(?, 256))", cnt_cols);
#define IDLE_COLS(X) X(IDLE_IDLE_S, "idle_s")
enum { IDLE_COLS(DB_COL_ENUM) };
static const char *const idle_cols[] = { IDLE_COLS(DB_COL_NAME) NULL };
static struct db_sql q_session_idle = DB_SQL_COLS(
	"SELECT TIMESTAMPDIFF(SECOND, last_seen_at, UTC_TIMESTAMP(6)) AS idle_s FROM sessions"
	" WHERE token_hash = UNHEX(SHA2(?, 256))", idle_cols);
/* Ages only the sessions these tests made (found by their token). */
static struct db_sql q_age_idle = DB_SQL(
	"UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
	" WHERE token_hash = UNHEX(SHA2(?, 256))");
static struct db_sql q_age_created = DB_SQL(
	"UPDATE sessions SET date_created = UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
	" WHERE token_hash = UNHEX(SHA2(?, 256))");

static struct db_sql q_session_drop = DB_SQL(
	"DELETE FROM sessions WHERE token_hash = UNHEX(SHA2(?, 256))");

static int have_db;
static struct arena A;

/* The sessions these tests open, ended in the group teardown so the suite's
 * later tests find the instance as it was. */
static char made[64][AUTH_TOKEN_LEN + 1];
static size_t nmade;

static void
remember(const char *token)
{
	if (nmade < sizeof made / sizeof made[0])
		snprintf(made[nmade++], sizeof made[0], "%s", token);
}

static int
group_setup(void **state)
{
	char err[512];

	(void)state;
	if (sodium_init() < 0)
		return -1;
	arena_init(&A, 0);
	if (getenv("LEADLINE_CONF") == NULL)
		return 0;   /* the database tests skip */
	if (conf_load(NULL, err, sizeof err) != 0) {
		fprintf(stderr, "conf_load: %s\n", err);
		return -1;
	}
	db_init();
	have_db = 1;
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	if (have_db) {
		size_t i;
		for (i = 0; i < nmade; i++)
			db_write(&A, &q_session_drop, DB_ARGS(DB_STR(made[i])), NULL);
		db_close();
		conf_free();
	}
	arena_free(&A);
	return 0;
}

static int
setup(void **state)
{
	(void)state;
	arena_reset(&A);
	return 0;
}

#define NEED_DB() do { if (!have_db) { skip(); return; } } while (0)

static int
is_base64url(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/* ---- passwords ---- */

static void
hash_is_argon2id_and_verifies(void **state)
{
	char h[crypto_pwhash_STRBYTES];
	const char *pw = "correct horse battery staple";

	(void)state;
	assert_int_equal(auth_hash_password(pw, h, sizeof h), 0);
	assert_memory_equal(h, "$argon2id$", 10);
	assert_int_equal(crypto_pwhash_str_verify(h, pw, strlen(pw)), 0);
}

static void
hash_rejects_wrong_password(void **state)
{
	char h[crypto_pwhash_STRBYTES];

	(void)state;
	assert_int_equal(auth_hash_password("secret-one", h, sizeof h), 0);
	assert_int_not_equal(crypto_pwhash_str_verify(h, "secret-two", 10), 0);
	assert_int_not_equal(crypto_pwhash_str_verify(h, "secret-on", 9), 0);
	assert_int_not_equal(crypto_pwhash_str_verify(h, "", 0), 0);
}

static void
hash_is_salted(void **state)
{
	char h1[crypto_pwhash_STRBYTES], h2[crypto_pwhash_STRBYTES];

	(void)state;
	assert_int_equal(auth_hash_password("same", h1, sizeof h1), 0);
	assert_int_equal(auth_hash_password("same", h2, sizeof h2), 0);
	assert_string_not_equal(h1, h2);
	assert_int_equal(crypto_pwhash_str_verify(h2, "same", 4), 0);
}

static void
hash_costs_at_least_interactive(void **state)
{
	char h[crypto_pwhash_STRBYTES];

	(void)state;
	assert_int_equal(auth_hash_password("pw", h, sizeof h), 0);
	/* needs_rehash is 0 when the hash was made with exactly these limits */
	assert_int_equal(crypto_pwhash_str_needs_rehash(h, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE), 0);
}

static void
hash_utf8_and_empty_passwords(void **state)
{
	char h[crypto_pwhash_STRBYTES];
	const char *pw = "p\xC3\xA4ssw\xC3\xB6rt \xF0\x9F\x94\x91";

	(void)state;
	assert_int_equal(auth_hash_password(pw, h, sizeof h), 0);
	assert_int_equal(crypto_pwhash_str_verify(h, pw, strlen(pw)), 0);
	assert_int_equal(auth_hash_password("", h, sizeof h), 0);
	assert_int_equal(crypto_pwhash_str_verify(h, "", 0), 0);
	assert_int_not_equal(crypto_pwhash_str_verify(h, " ", 1), 0);
}

static void
hash_refuses_small_buffer(void **state)
{
	char h[crypto_pwhash_STRBYTES];

	(void)state;
	assert_int_equal(auth_hash_password("pw", h, sizeof h - 1), -1);
	assert_int_equal(auth_hash_password("pw", h, 10), -1);
}

/* ---- tokens ---- */

static void
random_token_shape(void **state)
{
	char t[AUTH_TOKEN_LEN + 1];
	unsigned char raw[64];
	size_t rawlen;

	(void)state;
	memset(t, 'Q', sizeof t);
	auth_random_token(t, sizeof t);
	assert_int_equal(strlen(t), AUTH_TOKEN_LEN);
	assert_int_equal(AUTH_TOKEN_LEN, 43);
	assert_true(is_base64url(t));
	/* 32 random bytes behind it */
	assert_int_equal(sodium_base642bin(raw, sizeof raw, t, strlen(t), NULL, &rawlen, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
	assert_int_equal(rawlen, 32);
}

static int
cmp_tok(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void
random_tokens_distinct(void **state)
{
	enum { N = 2000 };
	char (*t)[AUTH_TOKEN_LEN + 1] = calloc(N, AUTH_TOKEN_LEN + 1);
	int seen_dash = 0, seen_under = 0;
	size_t i;

	(void)state;
	assert_non_null(t);
	for (i = 0; i < N; i++) {
		auth_random_token(t[i], AUTH_TOKEN_LEN + 1);
		assert_int_equal(strlen(t[i]), AUTH_TOKEN_LEN);
		assert_true(is_base64url(t[i]));
		seen_dash |= strchr(t[i], '-') != NULL;
		seen_under |= strchr(t[i], '_') != NULL;
	}
	/* the URL-safe alphabet, not '+' and '/' */
	assert_true(seen_dash && seen_under);
	qsort(t, N, AUTH_TOKEN_LEN + 1, cmp_tok);
	for (i = 1; i < N; i++)
		assert_string_not_equal(t[i - 1], t[i]);
	free(t);
}

static void
token_eq_cases(void **state)
{
	char a[AUTH_TOKEN_LEN + 1], b[AUTH_TOKEN_LEN + 1];

	(void)state;
	auth_random_token(a, sizeof a);
	memcpy(b, a, sizeof a);
	assert_int_equal(auth_token_eq(a, b), 1);
	assert_int_equal(auth_token_eq(a, a), 1);
	b[AUTH_TOKEN_LEN - 1] = b[AUTH_TOKEN_LEN - 1] == 'A' ? 'B' : 'A';
	assert_int_equal(auth_token_eq(a, b), 0);
	memcpy(b, a, sizeof a);
	b[0] = b[0] == 'A' ? 'B' : 'A';
	assert_int_equal(auth_token_eq(a, b), 0);
	assert_int_equal(auth_token_eq("abc", "abc"), 1);
	assert_int_equal(auth_token_eq("abc", "abd"), 0);
}

static void
token_eq_empty_is_not_equal(void **state)
{
	(void)state;
	assert_int_equal(auth_token_eq("", ""), 0);
	assert_int_equal(auth_token_eq("", "x"), 0);
	assert_int_equal(auth_token_eq("x", ""), 0);
}

static void
token_eq_null(void **state)
{
	(void)state;
	assert_int_equal(auth_token_eq(NULL, "abc"), 0);
	assert_int_equal(auth_token_eq("abc", NULL), 0);
	assert_int_equal(auth_token_eq(NULL, NULL), 0);
}

static void
token_eq_different_length(void **state)
{
	(void)state;
	assert_int_equal(auth_token_eq("abc", "abcd"), 0);
	assert_int_equal(auth_token_eq("abcd", "abc"), 0);
	assert_int_equal(auth_token_eq("abc", "ab"), 0);
}

/* ---- with the database ---- */

/* The id a statement of id_cols (asserted) finds for key. */
static long long
id_of(struct db_sql *q, const char *key)
{
	struct db_res r;

	assert_ptr_equal(q->cols, id_cols);
	assert_int_equal(db_read(&A, q, DB_ARGS(DB_STR(key)), &r), DB_OK);
	if (r.nrows != 1)
		fail_msg("%s: not in the demo data", key);
	return db_get_int(&r, 0, ID_ID);
}

static long long
sessions_with_token(const char *token)
{
	struct db_res r;

	assert_int_equal(db_read(&A, &q_session_count, DB_ARGS(DB_STR(token)), &r), DB_OK);
	return db_get_int(&r, 0, CNT_N);
}

static void
login(const char *email, char *token)
{
	enum auth_err e = auth_login(&A, email, DEMO_PASSWORD, token, AUTH_TOKEN_LEN + 1);

	if (e != AUTH_OK)
		fail_msg("auth_login %s: %d", email, e);
	remember(token);
}

static void
login_ok_gives_token(void **state)
{
	char token[AUTH_TOKEN_LEN + 1];

	(void)state;
	NEED_DB();
	memset(token, 0, sizeof token);
	assert_int_equal(auth_login(&A, ADA, DEMO_PASSWORD, token, sizeof token), AUTH_OK);
	remember(token);
	assert_int_equal(strlen(token), AUTH_TOKEN_LEN);
	assert_true(is_base64url(token));
	/* only a hash of it is stored */
	assert_int_equal(sessions_with_token(token), 1);
}

static void
session_fills_who(void **state)
{
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_who who;

	(void)state;
	NEED_DB();
	login(ADA, token);
	assert_int_equal(auth_session(&A, token, &who), AUTH_OK);
	assert_string_equal(who.email, ADA);
	assert_string_equal(who.org_name, "Northwind Traders");
	assert_string_equal(who.role, "admin");
	assert_non_null(who.csrf);
	assert_int_equal(strlen(who.csrf), AUTH_TOKEN_LEN);
	assert_true(is_base64url(who.csrf));
	assert_string_not_equal(who.csrf, token);
	assert_true(who.session_id > 0);
	assert_int_equal(who.user_id, id_of(&q_user_id, ADA));
	assert_int_equal(who.org_id, id_of(&q_org_id, "Northwind Traders"));
	assert_true(ids_valid("user_", who.user_pid));
	assert_true(ids_valid("orga_", who.org_pid));
	assert_non_null(who.user_name);
	assert_true(strlen(who.user_name) > 0);
	assert_true(strlen(who.time_zone) > 0);
	assert_true(strlen(who.plan) > 0);
	assert_true(strcmp(who.lead_mode, "b2b") == 0 || strcmp(who.lead_mode, "b2c") == 0);
}

static void
session_of_a_plain_user(void **state)
{
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_who who;

	(void)state;
	NEED_DB();
	login("ben@northwind.test", token);
	assert_int_equal(auth_session(&A, token, &who), AUTH_OK);
	assert_string_equal(who.email, "ben@northwind.test");
	assert_string_equal(who.role, "user");
	assert_string_equal(who.org_name, "Northwind Traders");
}

static void
two_logins_two_sessions(void **state)
{
	char t1[AUTH_TOKEN_LEN + 1], t2[AUTH_TOKEN_LEN + 1];
	struct auth_who w1, w2;
	char csrf1[AUTH_TOKEN_LEN + 1];

	(void)state;
	NEED_DB();
	login(ADA, t1);
	login(ADA, t2);
	assert_string_not_equal(t1, t2);
	assert_int_equal(auth_session(&A, t1, &w1), AUTH_OK);
	snprintf(csrf1, sizeof csrf1, "%s", w1.csrf);
	assert_int_equal(auth_session(&A, t2, &w2), AUTH_OK);
	assert_true(w1.session_id != w2.session_id);
	assert_string_not_equal(csrf1, w2.csrf);
	/* ending one leaves the other */
	assert_int_equal(auth_logout(&A, w1.session_id), AUTH_OK);
	assert_int_equal(auth_session(&A, t1, &w1), AUTH_DENIED);
	assert_int_equal(auth_session(&A, t2, &w2), AUTH_OK);
}

static void
wrong_password_denied(void **state)
{
	char token[AUTH_TOKEN_LEN + 1];

	(void)state;
	NEED_DB();
	assert_int_equal(auth_login(&A, ADA, "leadline-dem0", token, sizeof token), AUTH_DENIED);
	assert_int_equal(auth_login(&A, ADA, "", token, sizeof token), AUTH_DENIED);
	assert_int_equal(auth_login(&A, ADA, DEMO_PASSWORD " ", token, sizeof token), AUTH_DENIED);
}

static void
unknown_email_denied(void **state)
{
	char token[AUTH_TOKEN_LEN + 1];

	(void)state;
	NEED_DB();
	assert_int_equal(auth_login(&A, "nobody@northwind.test", DEMO_PASSWORD, token, sizeof token),
	    AUTH_DENIED);
	assert_int_equal(auth_login(&A, "", DEMO_PASSWORD, token, sizeof token), AUTH_DENIED);
}

static void
deactivated_user_denied(void **state)
{
	char token[AUTH_TOKEN_LEN + 1];

	(void)state;
	NEED_DB();
	id_of(&q_user_id, "dan@northwind.test");   /* he exists */
	assert_int_equal(auth_login(&A, "dan@northwind.test", DEMO_PASSWORD, token, sizeof token),
	    AUTH_DENIED);
}

static void
login_refuses_small_token_buffer(void **state)
{
	char token[AUTH_TOKEN_LEN];

	(void)state;
	NEED_DB();
	assert_int_not_equal(auth_login(&A, ADA, DEMO_PASSWORD, token, sizeof token), AUTH_OK);
}

static double
seconds_of_login(const char *email, const char *pw)
{
	char token[AUTH_TOKEN_LEN + 1];
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(auth_login(&A, email, pw, token, sizeof token), AUTH_DENIED);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

static double
min3(double a, double b, double c)
{
	return a < b ? (a < c ? a : c) : (b < c ? b : c);
}

/* "after the same work": an unknown email costs a password verification too,
 * so timing does not tell which emails exist. A generous factor of 4. */
static void
unknown_email_costs_like_wrong_password(void **state)
{
	double unknown, wrong, off;

	(void)state;
	NEED_DB();
	seconds_of_login("warm-up@nowhere.test", "x");   /* makes the dummy hash once */
	unknown = min3(seconds_of_login("nobody@nowhere.test", "x"),
	    seconds_of_login("nobody2@nowhere.test", "x"), seconds_of_login("nobody3@nowhere.test", "x"));
	wrong = min3(seconds_of_login(ADA, "x"), seconds_of_login(ADA, "y"), seconds_of_login(ADA, "z"));
	off = seconds_of_login("dan@northwind.test", DEMO_PASSWORD);
	if (unknown * 4 < wrong || wrong * 4 < unknown || off * 4 < wrong)
		fail_msg("unknown email %.4fs, wrong password %.4fs, deactivated %.4fs",
		    unknown, wrong, off);
}

static void
logout_ends_session(void **state)
{
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_who who;

	(void)state;
	NEED_DB();
	login(ADA, token);
	assert_int_equal(auth_session(&A, token, &who), AUTH_OK);
	assert_int_equal(auth_logout(&A, who.session_id), AUTH_OK);
	assert_int_equal(auth_session(&A, token, &who), AUTH_DENIED);
	assert_int_equal(sessions_with_token(token), 0);
}

static void
bad_tokens_denied(void **state)
{
	char token[AUTH_TOKEN_LEN + 1], longer[AUTH_TOKEN_LEN + 2];
	struct auth_who who;

	(void)state;
	NEED_DB();
	auth_random_token(token, sizeof token);   /* well formed, never issued */
	assert_int_equal(auth_session(&A, token, &who), AUTH_DENIED);
	assert_int_equal(auth_session(&A, NULL, &who), AUTH_DENIED);
	assert_int_equal(auth_session(&A, "", &who), AUTH_DENIED);
	login(ADA, token);
	/* the real token cut short, or with a byte more */
	snprintf(longer, sizeof longer, "%sA", token);
	assert_int_equal(auth_session(&A, longer, &who), AUTH_DENIED);
	token[AUTH_TOKEN_LEN - 1] = '\0';
	assert_int_equal(auth_session(&A, token, &who), AUTH_DENIED);
}

static void
idle_session_ends(void **state)
{
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_who who;

	(void)state;
	NEED_DB();
	login(ADA, token);
	assert_int_equal(db_write(&A, &q_age_idle,
	    DB_ARGS(DB_INT(conf_long(CONF_SESSION_IDLE_TIMEOUT) + 60), DB_STR(token)), NULL), DB_OK);
	assert_int_equal(auth_session(&A, token, &who), AUTH_DENIED);
	assert_int_equal(sessions_with_token(token), 0);   /* ended, not just refused */
}

static void
old_session_ends(void **state)
{
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_who who;

	(void)state;
	NEED_DB();
	login(ADA, token);
	assert_int_equal(db_write(&A, &q_age_created,
	    DB_ARGS(DB_INT(conf_long(CONF_SESSION_ABSOLUTE_TIMEOUT) + 60), DB_STR(token)), NULL), DB_OK);
	assert_int_equal(auth_session(&A, token, &who), AUTH_DENIED);
	assert_int_equal(sessions_with_token(token), 0);
}

static void
session_in_use_is_touched(void **state)
{
	char token[AUTH_TOKEN_LEN + 1];
	struct auth_who who;
	struct db_res r;

	(void)state;
	NEED_DB();
	login(ADA, token);
	assert_int_equal(db_write(&A, &q_age_idle, DB_ARGS(DB_INT(600), DB_STR(token)), NULL), DB_OK);
	assert_int_equal(auth_session(&A, token, &who), AUTH_OK);
	assert_int_equal(db_read(&A, &q_session_idle, DB_ARGS(DB_STR(token)), &r), DB_OK);
	assert_true(db_get_int(&r, 0, IDLE_IDLE_S) < 60);
}

static void
may_act_in_own_org(void **state)
{
	long long ada, northwind;

	(void)state;
	NEED_DB();
	ada = id_of(&q_user_id, ADA);
	northwind = id_of(&q_org_id, "Northwind Traders");
	assert_int_equal(auth_may(&A, ada, northwind), 1);
}

static void
may_not_act_elsewhere(void **state)
{
	long long ada, dan, northwind;
	struct db_res r;

	(void)state;
	NEED_DB();
	ada = id_of(&q_user_id, ADA);
	dan = id_of(&q_user_id, "dan@northwind.test");
	northwind = id_of(&q_org_id, "Northwind Traders");
	assert_int_equal(auth_may(&A, ada, 0), 0);
	assert_int_equal(auth_may(&A, 0, northwind), 0);
	assert_int_equal(auth_may(&A, dan, northwind), 0);   /* deactivated */
	assert_int_equal(db_read(&A, &q_foreign_org, DB_ARGS(DB_INT(ada)), &r), DB_OK);
	if (r.nrows == 1)
		assert_int_equal(auth_may(&A, ada, db_get_int(&r, 0, ID_ID)), 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, NULL)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(hash_is_argon2id_and_verifies),
		T(hash_rejects_wrong_password),
		T(hash_is_salted),
		T(hash_costs_at_least_interactive),
		T(hash_utf8_and_empty_passwords),
		T(hash_refuses_small_buffer),
		T(random_token_shape),
		T(random_tokens_distinct),
		T(token_eq_cases),
		T(token_eq_empty_is_not_equal),
		T(token_eq_null),
		T(token_eq_different_length),
		T(login_ok_gives_token),
		T(session_fills_who),
		T(session_of_a_plain_user),
		T(two_logins_two_sessions),
		T(wrong_password_denied),
		T(unknown_email_denied),
		T(deactivated_user_denied),
		T(login_refuses_small_token_buffer),
		T(unknown_email_costs_like_wrong_password),
		T(logout_ends_session),
		T(bad_tokens_denied),
		T(idle_session_ends),
		T(old_session_ends),
		T(session_in_use_is_touched),
		T(may_act_in_own_org),
		T(may_not_act_elsewhere),
	};

	return cmocka_run_group_tests_name("auth", tests, group_setup, group_teardown);
}
