/* test_mailconn.c — lib/mailconn.h against the instance's own Dovecot and
 * Postfix (tests/run's IMAP_PORT, IMAPS_PORT, SMTP_PORT; skipped without
 * them): a good login, a wrong password, TLS with and without the
 * instance's certificate, STARTTLS, a closed port, plain to a remote host. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailconn.h"

#define USER "mailconn@northwind.test"
#define PW   "mailconn-pw"

static unsigned imap_port, imaps_port, smtp_port;
static char ca[512];
static char msg[512];

static int
setup(void **state)
{
	const char *root = getenv("LL_ROOT"), *var = getenv("LL_VAR");
	char cmd[1024];

	(void)state;
	if (!getenv("IMAP_PORT") || !getenv("IMAPS_PORT") || !getenv("SMTP_PORT") || !root || !var)
		return 0;
	imap_port = (unsigned)atoi(getenv("IMAP_PORT"));
	imaps_port = (unsigned)atoi(getenv("IMAPS_PORT"));
	smtp_port = (unsigned)atoi(getenv("SMTP_PORT"));
	snprintf(ca, sizeof ca, "%s/tls/cert.pem", var);
	snprintf(cmd, sizeof cmd, "'%s/scripts/stack' mail-user " USER " " PW, root);
	return system(cmd) == 0 ? 0 : -1;
}

static struct mailconn
conn(enum mailconn_proto p, const char *host, unsigned port, enum mailconn_tls tls, const char *pw)
{
	struct mailconn c = { .proto = p, .host = host, .port = port, .tls = tls,
	    .login = USER, .password = pw, .ca_file = ca, .timeout = 5 };
	return c;
}

#define NEED_SERVERS() do { if (!imap_port) skip(); } while (0)

static void
imap_logins(void **state)
{
	struct mailconn c;

	(void)state;
	NEED_SERVERS();
	c = conn(MAILCONN_IMAP, "127.0.0.1", imap_port, MAILCONN_TLS_PLAIN, PW);
	assert_int_equal(mailconn_check(&c, msg, sizeof msg), MAILCONN_OK);
	c = conn(MAILCONN_IMAP, "127.0.0.1", imap_port, MAILCONN_TLS_PLAIN, "wrong");
	assert_int_equal(mailconn_check(&c, msg, sizeof msg), MAILCONN_LOGIN_DENIED);
	assert_non_null(strstr(msg, "IMAP"));
	assert_non_null(strstr(msg, "password was refused"));
	assert_null(strstr(msg, "wrong"));
}

static void
imap_tls(void **state)
{
	struct mailconn c;

	(void)state;
	NEED_SERVERS();
	/* the certificate names localhost */
	c = conn(MAILCONN_IMAP, "localhost", imaps_port, MAILCONN_TLS_IMPLICIT, PW);
	assert_int_equal(mailconn_check(&c, msg, sizeof msg), MAILCONN_OK);
	c = conn(MAILCONN_IMAP, "localhost", imap_port, MAILCONN_TLS_STARTTLS, PW);
	assert_int_equal(mailconn_check(&c, msg, sizeof msg), MAILCONN_OK);
	/* not trusted without the instance's certificate */
	c = conn(MAILCONN_IMAP, "localhost", imaps_port, MAILCONN_TLS_IMPLICIT, PW);
	c.ca_file = NULL;
	assert_int_equal(mailconn_check(&c, msg, sizeof msg), MAILCONN_TLS_FAILED);
	assert_non_null(strstr(msg, "TLS"));
	/* a TLS client on the plain port */
	c = conn(MAILCONN_IMAP, "localhost", imap_port, MAILCONN_TLS_IMPLICIT, PW);
	assert_int_not_equal(mailconn_check(&c, msg, sizeof msg), MAILCONN_OK);
}

static void
smtp_login(void **state)
{
	struct mailconn c;

	(void)state;
	NEED_SERVERS();
	c = conn(MAILCONN_SMTP, "127.0.0.1", smtp_port, MAILCONN_TLS_PLAIN, PW);
	assert_int_equal(mailconn_check(&c, msg, sizeof msg), MAILCONN_OK);
	assert_non_null(strstr(msg, "SMTP"));
}

static void
refusals(void **state)
{
	struct mailconn c;

	(void)state;
	c = conn(MAILCONN_IMAP, "mail.example.com", 143, MAILCONN_TLS_PLAIN, PW);
	assert_int_equal(mailconn_check(&c, msg, sizeof msg), MAILCONN_BAD_INPUT);
	assert_non_null(strstr(msg, "loopback"));
	c = conn(MAILCONN_SMTP, "", 25, MAILCONN_TLS_IMPLICIT, PW);
	assert_int_equal(mailconn_check(&c, msg, sizeof msg), MAILCONN_BAD_INPUT);
	c = conn(MAILCONN_SMTP, "evil/host", 25, MAILCONN_TLS_IMPLICIT, PW);
	assert_int_equal(mailconn_check(&c, msg, sizeof msg), MAILCONN_BAD_INPUT);
	/* port 1 on loopback: nothing listens */
	c = conn(MAILCONN_IMAP, "127.0.0.1", 1, MAILCONN_TLS_PLAIN, PW);
	assert_int_equal(mailconn_check(&c, msg, sizeof msg), MAILCONN_UNREACHABLE);
	assert_true(mailconn_is_loopback("localhost"));
	assert_true(mailconn_is_loopback("127.0.0.1"));
	assert_false(mailconn_is_loopback("128.0.0.1"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(imap_logins),
		cmocka_unit_test(imap_tls),
		cmocka_unit_test(smtp_login),
		cmocka_unit_test(refusals),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
