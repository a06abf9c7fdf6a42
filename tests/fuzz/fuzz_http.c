/* fuzz_http.c — libFuzzer target for lib/http.c: query strings and urlencoded
 * bodies, cookies, the UTF-8 check. Invariants: a parse that succeeds gives
 * names and values that are valid UTF-8 without control characters other
 * than tab, CR, LF, within the limits; nothing crashes or leaks. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct http_pair *p;
	char *cookie;
	size_t n = 0;

	arena_init(&a, 16u * 1024 * 1024);
	if (http_parse_urlencoded(&a, (const char *)data, size, &p) == HTTP_OK) {
		for (; p != NULL; p = p->next, n++) {
			if (!http_utf8_valid(p->name, strlen(p->name)) ||
			    !http_utf8_valid(p->value, p->vlen) ||
			    !http_text_clean(p->value, p->vlen) ||
			    strlen(p->value) != p->vlen || *p->name == '\0' ||
			    p->vlen > HTTP_MAX_VALUE || strlen(p->name) > HTTP_MAX_NAME)
				__builtin_trap();
		}
		if (n > HTTP_MAX_PAIRS)
			__builtin_trap();
	}
	/* the same bytes as a Cookie header (a C string: up to the first NUL) */
	if ((cookie = malloc(size + 1)) != NULL) {
		memcpy(cookie, data, size);
		cookie[size] = '\0';
		if (http_parse_cookies(&a, cookie, &p) == HTTP_OK)
			for (; p != NULL; p = p->next)
				if (!http_utf8_valid(p->value, p->vlen) || strlen(p->value) != p->vlen)
					__builtin_trap();
		free(cookie);
	}
	arena_free(&a);
	return 0;
}
