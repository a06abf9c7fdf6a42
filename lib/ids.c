/* ids.c — random public ids; see ids.h. */
#include "ids.h"

#include <sodium.h>
#include <string.h>

static const struct {
	const char *kind;
	const char *prefix;
} ids_kinds[] = {
	{ "lead", "lead_" }, { "contact", "cont_" }, { "opportunity", "oppo_" }, { "task", "task_" },
	{ "activity", "acti_" }, { "file", "file_" }, { "summary", "summ_" }, { "import", "impo_" },
};

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

const char *
ids_prefix(const char *kind, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof ids_kinds / sizeof ids_kinds[0]; i++)
		if (strlen(ids_kinds[i].kind) == len && strncmp(ids_kinds[i].kind, kind, len) == 0)
			return ids_kinds[i].prefix;
	return NULL;
}
