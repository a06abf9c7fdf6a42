/* ids.c — random public ids; see ids.h. */
#include "ids.h"

#include <sodium.h>
#include <string.h>

static const char ids_alphabet[] =
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

int
ids_new(const char *prefix, char out[IDS_MAXLEN])
{
	size_t n = strlen(prefix), i;

	if (n + IDS_RANDLEN + 1 > IDS_MAXLEN)
		return -1;
	memcpy(out, prefix, n);
	/* randombytes_uniform has no modulo bias */
	for (i = 0; i < IDS_RANDLEN; i++)
		out[n + i] = ids_alphabet[randombytes_uniform(62)];
	out[n + IDS_RANDLEN] = '\0';
	return 0;
}

int
ids_valid(const char *prefix, const char *s)
{
	size_t n = strlen(prefix), i;

	if (s == NULL || strncmp(s, prefix, n) != 0 || strlen(s) != n + IDS_RANDLEN)
		return 0;
	for (i = n; i < n + IDS_RANDLEN; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return 0;
	}
	return 1;
}
