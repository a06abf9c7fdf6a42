/* secret.c — secrets at rest under one key file: libsodium's secretbox, the
 * key in sodium_malloc'd memory (guard pages, mlock, excluded from core
 * dumps), read-only except while it is loaded. See secret.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "conf.h"
#include "secret.h"

_Static_assert(SECRET_OVERHEAD == crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES,
    "SECRET_OVERHEAD is the nonce and the tag");
_Static_assert(SECRET_KEY_BYTES == crypto_secretbox_KEYBYTES, "a secretbox key");

static unsigned char *key;   /* SECRET_KEY_BYTES, sodium_malloc'd; NULL: none */

int
secret_load(const char *path, char *err, size_t errlen)
{
	struct stat st;
	ssize_t n;
	int fd, rc = -1;

	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium could not start");
		return -1;
	}
	if (path == NULL)
		path = conf_str(CONF_SECRET_KEY_FILE);
	if (path[0] == '\0') {
		snprintf(err, errlen, "no secret_key_file in the configuration");
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "secret_key_file %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || (st.st_mode & 077) != 0) {
		snprintf(err, errlen, "secret_key_file %s: readable by others (chmod 600 it)", path);
		goto out;
	}
	if (st.st_size != SECRET_KEY_BYTES) {
		snprintf(err, errlen, "secret_key_file %s: not %u bytes", path, SECRET_KEY_BYTES);
		goto out;
	}
	secret_free();
	if ((key = sodium_malloc(SECRET_KEY_BYTES)) == NULL) {
		snprintf(err, errlen, "out of memory for the key");
		goto out;
	}
	n = read(fd, key, SECRET_KEY_BYTES);
	if (n != (ssize_t)SECRET_KEY_BYTES) {
		snprintf(err, errlen, "secret_key_file %s: short read", path);
		secret_free();
		goto out;
	}
	sodium_mprotect_readonly(key);
	rc = 0;
out:
	close(fd);
	return rc;
}

int
secret_ready(void)
{
	return key != NULL;
}

int
secret_seal(const void *plain, size_t len, unsigned char *out, size_t outcap)
{
	if (key == NULL || outcap < len + SECRET_OVERHEAD)
		return -1;
	randombytes_buf(out, crypto_secretbox_NONCEBYTES);
	return crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, plain, len, out, key) == 0
	    ? 0 : -1;
}

int
secret_open(const unsigned char *sealed, size_t len, char *out, size_t outcap, size_t *outlen)
{
	size_t n;

	if (key == NULL || len < SECRET_OVERHEAD)
		return -1;
	n = len - SECRET_OVERHEAD;
	if (outcap < n + 1)
		return -1;
	if (crypto_secretbox_open_easy((unsigned char *)out, sealed + crypto_secretbox_NONCEBYTES,
	        len - crypto_secretbox_NONCEBYTES, sealed, key) != 0) {
		sodium_memzero(out, outcap);
		return -1;
	}
	out[n] = '\0';
	if (outlen)
		*outlen = n;
	return 0;
}

void
secret_wipe(void *p, size_t len)
{
	sodium_memzero(p, len);
}

void
secret_free(void)
{
	if (key) {
		sodium_free(key);   /* wipes it */
		key = NULL;
	}
}
