/* uni.h — characters that change how text looks without being seen: Unicode
 * controls, format characters (the bidi overrides and isolates, U+202E
 * among them, zero-width spaces, soft hyphens) and the line and paragraph
 * separators. Told apart by ICU's character data (libicu, which libxml2
 * already pulls in). */
#ifndef LL_UNI_H
#define LL_UNI_H

#include <stddef.h>
#include <stdint.h>

struct arena;

/* 1 for a code point of general category Cc, Cf, Zl or Zp, but for the
 * joiners U+200C and U+200D (words of some scripts and emoji sequences need
 * them, and they move nothing). */
int         uni_hidden(uint32_t cp);
/* s (valid UTF-8) with each hidden character shown as "[U+202E]": the true
 * name, read in its order. s itself when it has none; NULL when out of memory. */
const char *uni_visible(struct arena *, const char *s);
/* The length of the UTF-8 character at s[0..n) and its code point in *cp;
 * 1 and *cp = -1 for a byte that starts no valid character. */
size_t      uni_next(const char *s, size_t n, int32_t *cp);

#endif
