/* lang.h — the language of a lead's communications (S3), with
 * libexttextcat (Debian's libexttextcat-data fingerprints). */
#ifndef LL_LANG_H
#define LL_LANG_H

#include <stddef.h>

/* Texts shorter than this (in bytes, after trimming) are ignored: too short to tell. */
#define LANG_MIN_TEXT 40

/*
 * The language of texts as one of the summary languages ("en", "de", "es",
 * "fr"): each text long enough is classified (its first 1000 bytes) and votes
 * for its language with its length; the language with the greatest weight
 * wins. "en" when no text is long enough, none is recognized, or the
 * classifier's data cannot be read.
 */
const char *lang_detect(const char *const *texts, size_t n);

/* The language of one text ("en", "de", "es", "fr"), or NULL: too short, unknown or another one. */
const char *lang_of(const char *text, size_t len);

#endif
