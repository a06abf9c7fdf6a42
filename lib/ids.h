/* ids.h — public ids: a prefix ("lead_") and 40 base62 characters from libsodium. */
#ifndef LL_IDS_H
#define LL_IDS_H

#include <stddef.h>

#define IDS_RANDLEN 40
#define IDS_MAXLEN  64   /* a prefix of up to 23 bytes ("actitype_" is 9) + 40 + NUL */

/* Writes prefix + 40 random base62 characters into out (IDS_MAXLEN bytes).
 * Returns 0, or -1 if the prefix is too long. sodium_init() must have run. */
int ids_new(const char *prefix, char out[IDS_MAXLEN]);
/* 1 if s is prefix + exactly 40 base62 characters, else 0. */
int ids_valid(const char *prefix, const char *s);
/* The prefix of the ids of a kind named by its first len bytes ("task" is
 * "task_"; the kinds a route segment may name, req.h), or NULL. */
const char *ids_prefix(const char *kind, size_t len);

#endif
