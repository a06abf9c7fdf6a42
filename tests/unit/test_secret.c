/* test_secret.c — lib/secret.h: E1's sealed passwords: a round trip, and
 * refusals for a tampered, cut or foreign secret and for a bad key file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "secret.h"

static char path[64];
static char err[256];

/* A key file of n bytes of b, mode mode; its name in path. */
static void
key_file(size_t n, unsigned char b, mode_t mode)
{
	unsigned char k[64];
	int fd;

	strcpy(path, "/tmp/ll-secret-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	memset(k, b, sizeof k);
	assert_int_equal(write(fd, k, n), (ssize_t)n);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void
round_trip(void **state)
{
	unsigned char sealed[128], sealed2[128];
	char out[128];
	size_t n = 0;
	const char *pw = "correct horse battery staple";

	(void)state;
	key_file(SECRET_KEY_BYTES, 7, 0600);
	assert_int_equal(secret_load(path, err, sizeof err), 0);
	assert_true(secret_ready());
	assert_int_equal(secret_seal(pw, strlen(pw), sealed, sizeof sealed), 0);
	assert_null(memmem(sealed, strlen(pw) + SECRET_OVERHEAD, pw, strlen(pw)));
	assert_int_equal(secret_open(sealed, strlen(pw) + SECRET_OVERHEAD, out, sizeof out, &n), 0);
	assert_int_equal(n, strlen(pw));
	assert_string_equal(out, pw);
	/* a fresh nonce each time: the same password seals differently */
	assert_int_equal(secret_seal(pw, strlen(pw), sealed2, sizeof sealed2), 0);
	assert_memory_not_equal(sealed, sealed2, strlen(pw) + SECRET_OVERHEAD);
	/* too little room is refused, not overrun */
	assert_int_equal(secret_seal(pw, strlen(pw), sealed2, strlen(pw) + SECRET_OVERHEAD - 1), -1);
	unlink(path);
	secret_free();
}

static void
refusals(void **state)
{
	unsigned char sealed[128];
	char out[128];
	size_t len = 6 + SECRET_OVERHEAD;

	(void)state;
	key_file(SECRET_KEY_BYTES, 1, 0600);
	assert_int_equal(secret_load(path, err, sizeof err), 0);
	assert_int_equal(secret_seal("hunter", 6, sealed, sizeof sealed), 0);
	sealed[len - 1] ^= 1;
	assert_int_equal(secret_open(sealed, len, out, sizeof out, NULL), -1);
	sealed[len - 1] ^= 1;
	assert_int_equal(secret_open(sealed, len - 1, out, sizeof out, NULL), -1);
	assert_int_equal(secret_open(sealed, 3, out, sizeof out, NULL), -1);
	unlink(path);
	/* another key opens nothing */
	key_file(SECRET_KEY_BYTES, 2, 0600);
	assert_int_equal(secret_load(path, err, sizeof err), 0);
	assert_int_equal(secret_open(sealed, len, out, sizeof out, NULL), -1);
	unlink(path);
	secret_free();
	assert_false(secret_ready());
	assert_int_equal(secret_seal("x", 1, sealed, sizeof sealed), -1);
}

static void
bad_key_files(void **state)
{
	(void)state;
	key_file(SECRET_KEY_BYTES, 3, 0644);
	assert_int_equal(secret_load(path, err, sizeof err), -1);
	assert_non_null(strstr(err, "readable by others"));
	unlink(path);
	key_file(SECRET_KEY_BYTES - 1, 3, 0600);
	assert_int_equal(secret_load(path, err, sizeof err), -1);
	assert_non_null(strstr(err, "not 32 bytes"));
	unlink(path);
	assert_int_equal(secret_load("/nonexistent/leadline.key", err, sizeof err), -1);
	assert_false(secret_ready());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(refusals),
		cmocka_unit_test(bad_key_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
