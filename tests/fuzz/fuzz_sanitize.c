/* fuzz_sanitize.c — libFuzzer target for lib/sanitize.c, the HTML email
 * sanitizer (L7), called with and without remote images. Invariants: it
 * succeeds, appends after what out held, and writes valid UTF-8 without NUL,
 * at most SANITIZE_MAX_GROWTH times the input plus SANITIZE_MAX_EXTRA; read
 * as a browser reads it, every tag is on the allowlist and written as
 * <name attr="value">, tags are balanced and nest at most SANITIZE_MAX_DEPTH
 * deep, every attribute is allowed (no on*, no style), every href and src
 * has an allowed scheme and no space or control, every & starts one of the
 * entities we write, text has no raw '>'; remote images appear only when
 * asked for, and the blocked count matches the placeholders. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "sanitize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PREFIX "<div class=\"email\">"
#define PLACEHOLDER "<span class=\"remote-image\" title=\"Remote image blocked\">"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static const char *const tags_ok[] = {
	"a", "abbr", "b", "blockquote", "br", "caption", "center", "code", "col",
	"colgroup", "dd", "del", "div", "dl", "dt", "em", "font", "h1", "h2", "h3",
	"h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre", "q", "s",
	"small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
	"tfoot", "th", "thead", "tr", "u", "ul", NULL
};
static const char *const void_tags[] = { "br", "col", "hr", "img", NULL };
static const char *const attrs_ok[] = {
	"href", "src", "alt", "width", "height", "title", "dir", "lang", "align",
	"valign", "colspan", "rowspan", "border", "cellpadding", "cellspacing",
	"color", "face", "size", "bgcolor", "rel", "target", "class",
	"referrerpolicy", NULL
};
static const char *const url_starts[] = {
	"http://", "https://", "mailto:", "tel:", "#", "data:image/", NULL
};
static const char *const entities[] = { "&amp;", "&lt;", "&gt;", "&#34;", "&#39;", NULL };

static int
in_list(const char *s, size_t n, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && memcmp(s, *list, n) == 0)
			return 1;
	return 0;
}

static int
starts_with_any(const char *s, size_t n, const char *const *list, int nocase)
{
	size_t k;

	for (; *list != NULL; list++) {
		k = strlen(*list);
		if (k <= n && (nocase ? strncasecmp(s, *list, k) : strncmp(s, *list, k)) == 0)
			return 1;
	}
	return 0;
}

static void
check_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, len, k;
	unsigned long cp;

	while (i < n) {
		if (s[i] < 0x80) {
			CHECK(s[i] != 0);
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			len = 2, cp = s[i] & 0x1f;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			len = 3, cp = s[i] & 0x0f;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			len = 4, cp = s[i] & 0x07;
		else
			__builtin_trap();
		CHECK(n - i >= len);
		for (k = 1; k < len; k++) {
			CHECK((s[i + k] & 0xc0) == 0x80);
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		CHECK(!(len == 3 && cp < 0x800) && !(len == 4 && (cp < 0x10000 || cp > 0x10ffff)));
		CHECK(cp < 0xd800 || cp > 0xdfff);
		i += len;
	}
}

/* Reads out[0..n) as markup and checks it; returns how many placeholders
 * for blocked remote images it holds and sets *remote if an img loads one. */
static unsigned
check_markup(const char *out, size_t n, int *remote)
{
	const char *stack[SANITIZE_MAX_DEPTH];
	size_t depth = 0, i = 0, k, tlen;
	const char *tag, *name;
	unsigned placeholders = 0;
	int closing, url;

	*remote = 0;
	while (i < n) {
		if (out[i] == '>')
			__builtin_trap();
		if (out[i] == '&') {
			CHECK(starts_with_any(out + i, n - i, entities, 0));
			i++;
			continue;
		}
		if (out[i] != '<') {
			i++;
			continue;
		}
		if (n - i >= strlen(PLACEHOLDER) && memcmp(out + i, PLACEHOLDER, strlen(PLACEHOLDER)) == 0)
			placeholders++;
		if (n - i >= 14 && strncasecmp(out + i, "<img src=\"http", 14) == 0)
			*remote = 1;
		i++;
		closing = i < n && out[i] == '/';
		i += closing;
		for (tag = out + i; i < n && ((out[i] >= 'a' && out[i] <= 'z') || (out[i] >= '0' && out[i] <= '9')); i++)
			;
		tlen = (size_t)(out + i - tag);
		CHECK(in_list(tag, tlen, tags_ok));
		if (closing) {
			CHECK(depth > 0 && strlen(stack[depth - 1]) == tlen &&
			    memcmp(stack[depth - 1], tag, tlen) == 0);
			depth--;
			CHECK(i < n && out[i] == '>');
			i++;
			continue;
		}
		while (i < n && out[i] != '>') {
			CHECK(out[i++] == ' ');
			for (name = out + i; i < n && out[i] >= 'a' && out[i] <= 'z'; i++)
				;
			CHECK(!(i - (size_t)(name - out) >= 2 && name[0] == 'o' && name[1] == 'n'));
			CHECK(in_list(name, (size_t)(out + i - name), attrs_ok));
			url = (out + i - name == 4 && memcmp(name, "href", 4) == 0) ||
			    (out + i - name == 3 && memcmp(name, "src", 3) == 0);
			CHECK(n - i >= 2 && out[i] == '=' && out[i + 1] == '"');
			i += 2;
			if (url)
				CHECK(starts_with_any(out + i, n - i, url_starts, 1));
			for (k = i; k < n && out[k] != '"'; k++) {
				CHECK(out[k] != '<' && out[k] != '>' && out[k] != '\'');
				if (out[k] == '&')
					CHECK(starts_with_any(out + k, n - k, entities, 0));
				if (url)
					CHECK((unsigned char)out[k] > 0x20 && out[k] != 0x7f);
			}
			CHECK(k < n);
			i = k + 1;
		}
		CHECK(i < n);
		i++;
		if (!in_list(tag, tlen, void_tags)) {
			CHECK(depth < SANITIZE_MAX_DEPTH);
			/* tags_ok holds the name: keep a pointer to it, not to out */
			for (k = 0; strlen(tags_ok[k]) != tlen || memcmp(tags_ok[k], tag, tlen) != 0; k++)
				;
			stack[depth++] = tags_ok[k];
		}
	}
	CHECK(depth == 0);
	return placeholders;
}

static unsigned
count(const char *hay, const char *needle)
{
	unsigned n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

static void
run(const char *in, size_t size, int remote_images)
{
	struct buf out;
	unsigned blocked = 12345, placeholders;
	size_t start;
	int remote;

	buf_init(&out);
	buf_puts(&out, PREFIX);
	start = out.len;
	CHECK(sanitize_email_html(in, size, remote_images, &out, &blocked) == SANITIZE_OK);
	CHECK(out.data != NULL && memcmp(out.data, PREFIX, start) == 0);
	CHECK(out.len - start <= SANITIZE_MAX_GROWTH * size + SANITIZE_MAX_EXTRA);
	CHECK(strlen(out.data) == out.len);
	check_utf8((const unsigned char *)out.data + start, out.len - start);
	placeholders = check_markup(out.data + start, out.len - start, &remote);
	if (remote_images)
		CHECK(blocked == 0 && placeholders == 0);
	else	/* at the depth limit a placeholder is its text alone */
		CHECK(placeholders <= blocked && blocked <= count(out.data + start, "[image blocked") && !remote);
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run((const char *)data, size, 0);
	run((const char *)data, size, 1);
	return 0;
}
