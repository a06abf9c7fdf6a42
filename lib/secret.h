/* secret.h — small secrets kept at rest (E1: a mailbox's password), sealed
 * with libsodium's secretbox (XSalsa20-Poly1305) under one key file named by
 * the configuration (secret_key_file). The key lives in guarded, locked
 * memory (sodium_malloc), read-only between uses, never in a core dump. */
#ifndef LL_SECRET_H
#define LL_SECRET_H

#include <stddef.h>

/* Bytes a sealed secret has beyond its plain text (nonce and tag). */
#define SECRET_OVERHEAD 40u
/* The key file's size: 32 random bytes. */
#define SECRET_KEY_BYTES 32u

/* Loads the key from path (NULL: the configuration's secret_key_file).
 * Returns 0, or -1 with a message in err: no such file, not exactly 32
 * bytes, or readable by group or others. Call once at start-up. */
int  secret_load(const char *path, char *err, size_t errlen);
/* Whether a key is loaded. */
int  secret_ready(void);
/* Seals len bytes of plain into out (room for len + SECRET_OVERHEAD).
 * Returns 0, or -1 when no key is loaded or out is too small. */
int  secret_seal(const void *plain, size_t len, unsigned char *out, size_t outcap);
/* Opens a sealed secret of len bytes into out (room for len -
 * SECRET_OVERHEAD + 1; NUL-terminated), its length in *outlen. Returns 0, or
 * -1 when no key is loaded, out is too small, or the bytes were not sealed
 * under this key (tampered with, cut, another key). */
int  secret_open(const unsigned char *sealed, size_t len, char *out, size_t outcap, size_t *outlen);
/* Overwrites len bytes of p with zeros (not optimized away). */
void secret_wipe(void *p, size_t len);
/* Forgets the key (its memory wiped and freed). */
void secret_free(void);

#endif
