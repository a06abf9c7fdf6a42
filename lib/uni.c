/* uni.c — see uni.h. */
#include "uni.h"
#include "arena.h"

#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

int
uni_hidden(uint32_t cp)
{
	int8_t t;

	if (cp == 0x200c || cp == 0x200d)
		return 0;
	t = u_charType((UChar32)cp);
	return t == U_CONTROL_CHAR || t == U_FORMAT_CHAR || t == U_LINE_SEPARATOR ||
	    t == U_PARAGRAPH_SEPARATOR;
}

size_t
uni_next(const char *s, size_t n, int32_t *cp)
{
	int32_t i = 0;
	UChar32 c;

	if (n > INT32_MAX)
		n = INT32_MAX;
	U8_NEXT((const uint8_t *)s, i, (int32_t)n, c);
	*cp = c;
	return c < 0 ? 1 : (size_t)i;
}

const char *
uni_visible(struct arena *a, const char *s)
{
	size_t n = strlen(s), i, k, hidden = 0, o = 0;
	int32_t cp;
	char *out;

	for (i = 0; i < n; i += k)
		if ((k = uni_next(s + i, n - i, &cp)) > 0 && cp >= 0 && uni_hidden((uint32_t)cp))
			hidden++;
	if (hidden == 0)
		return s;
	/* "[U+XXXXXX]" is at most 10 bytes for a character of at least 1 */
	if ((out = arena_alloc(a, n + 10 * hidden + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i += k) {
		k = uni_next(s + i, n - i, &cp);
		if (cp >= 0 && uni_hidden((uint32_t)cp))
			o += (size_t)sprintf(out + o, "[U+%04X]", (unsigned)cp);
		else {
			memcpy(out + o, s + i, k);
			o += k;
		}
	}
	out[o] = '\0';
	return out;
}
