/* llctl — operator commands that need lib: "hash-password" reads a password
 * on standard input and prints its argon2id hash (used to load demo data). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"

int
main(int argc, char **argv)
{
	char pw[1025], hash[crypto_pwhash_STRBYTES];
	size_t n;

	if (argc != 2 || strcmp(argv[1], "hash-password") != 0) {
		fprintf(stderr, "usage: llctl hash-password < password\n");
		return 2;
	}
	if (sodium_init() < 0)
		return 1;
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
