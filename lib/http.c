/* http.c — request input parsing; see http.h. Hand-written: the formats are
 * small, and libfcgi and kcgi-style parsers are not packaged as a library
 * in Debian; this one is fuzzed (tests/fuzz). */
#include "http.h"
#include "arena.h"

#include <string.h>

static const char *const http_errs[HTTP__MAX] = {
	[HTTP_OK] = "ok",
	[HTTP_EMALFORMED] = "The request holds a malformed parameter.",
	[HTTP_ETOOMANY] = "The request holds too many parameters.",
	[HTTP_ETOOLONG] = "A parameter of the request is too long.",
	[HTTP_EUTF8] = "The request holds text that is not valid UTF-8.",
	[HTTP_ENOMEM] = "The request is too large to handle.",
};

const char *
http_err_str(enum http_err e)
{
	return e < HTTP__MAX ? http_errs[e] : "bad request";
}

int
http_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + len;
	unsigned int c;
	int n, i;

	while (s < e) {
		c = *s;
		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, c &= 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, c &= 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, c &= 0x07;
		else
			return 0;
		if (e - s <= n)
			return 0;
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			c = (c << 6) | (s[i] & 0x3F);
		}
		if ((n == 2 && c < 0x800) || (n == 3 && (c < 0x10000 || c > 0x10FFFF)) ||
		    (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		s += n + 1;
	}
	return 1;
}

int
http_text_clean(const char *s, size_t len)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F)
			return 0;
	}
	return 1;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) into a new arena string; *outlen gets its length. */
static enum http_err
decode(struct arena *a, const char *s, size_t len, size_t max, char **out, size_t *outlen)
{
	char *d;
	size_t i, j = 0;
	int hi, lo;

	if ((d = arena_alloc(a, len + 1)) == NULL)
		return HTTP_ENOMEM;
	for (i = 0; i < len; i++) {
		if (s[i] == '+') {
			d[j++] = ' ';
		} else if (s[i] == '%') {
			if (len - i < 3 || (hi = hexval(s[i + 1])) < 0 || (lo = hexval(s[i + 2])) < 0)
				return HTTP_EMALFORMED;
			d[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			d[j++] = s[i];
		}
	}
	d[j] = '\0';
	if (j > max)
		return HTTP_ETOOLONG;
	if (memchr(d, '\0', j) != NULL || !http_text_clean(d, j))
		return HTTP_EMALFORMED;
	if (!http_utf8_valid(d, j))
		return HTTP_EUTF8;
	*out = d;
	*outlen = j;
	return HTTP_OK;
}

enum http_err
http_parse_urlencoded(struct arena *a, const char *s, size_t len, struct http_pair **out)
{
	struct http_pair *head = NULL, **tail = &head, *p;
	const char *piece, *end = s + len, *amp, *eq;
	size_t count = 0, nlen;
	enum http_err e;
	char *name, *value;
	size_t vlen;

	*out = NULL;
	for (piece = s; piece < end; piece = amp + 1) {
		if ((amp = memchr(piece, '&', (size_t)(end - piece))) == NULL)
			amp = end;
		if (amp == piece)
			continue;
		if (++count > HTTP_MAX_PAIRS)
			return HTTP_ETOOMANY;
		eq = memchr(piece, '=', (size_t)(amp - piece));
		if (eq == NULL)
			eq = amp;
		if ((e = decode(a, piece, (size_t)(eq - piece), HTTP_MAX_NAME, &name, &nlen)) != HTTP_OK)
			return e;
		if (nlen == 0)
			return HTTP_EMALFORMED;
		if (eq < amp)
			e = decode(a, eq + 1, (size_t)(amp - eq - 1), HTTP_MAX_VALUE, &value, &vlen);
		else
			e = decode(a, "", 0, HTTP_MAX_VALUE, &value, &vlen);
		if (e != HTTP_OK)
			return e;
		if ((p = arena_alloc(a, sizeof *p)) == NULL)
			return HTTP_ENOMEM;
		p->name = name;
		p->value = value;
		p->vlen = vlen;
		*tail = p;
		tail = &p->next;
		if (amp == end)
			break;
	}
	*out = head;
	return HTTP_OK;
}

enum http_err
http_parse_cookies(struct arena *a, const char *h, struct http_pair **out)
{
	struct http_pair *head = NULL, **tail = &head, *p;
	const char *s = h, *semi, *eq, *ns, *ne, *vs, *ve;
	size_t count = 0;

	*out = NULL;
	if (h == NULL)
		return HTTP_OK;
	if (!http_utf8_valid(h, strlen(h)))
		return HTTP_EUTF8;
	if (!http_text_clean(h, strlen(h)))
		return HTTP_EMALFORMED;
	while (*s != '\0') {
		if ((semi = strchr(s, ';')) == NULL)
			semi = s + strlen(s);
		eq = memchr(s, '=', (size_t)(semi - s));
		if (eq != NULL) {
			for (ns = s; ns < eq && (*ns == ' ' || *ns == '\t'); ns++)
				;
			for (ne = eq; ne > ns && (ne[-1] == ' ' || ne[-1] == '\t'); ne--)
				;
			for (vs = eq + 1; vs < semi && (*vs == ' ' || *vs == '\t'); vs++)
				;
			for (ve = semi; ve > vs && (ve[-1] == ' ' || ve[-1] == '\t'); ve--)
				;
			if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"')
				vs++, ve--;
			if (ne > ns) {
				if (++count > HTTP_MAX_PAIRS)
					return HTTP_ETOOMANY;
				if ((size_t)(ne - ns) > HTTP_MAX_NAME || (size_t)(ve - vs) > 4096)
					return HTTP_ETOOLONG;
				if ((p = arena_alloc(a, sizeof *p)) == NULL)
					return HTTP_ENOMEM;
				p->name = arena_strndup(a, ns, (size_t)(ne - ns));
				p->value = arena_strndup(a, vs, (size_t)(ve - vs));
				if (p->name == NULL || p->value == NULL)
					return HTTP_ENOMEM;
				p->vlen = (size_t)(ve - vs);
				*tail = p;
				tail = &p->next;
			}
		}
		s = *semi ? semi + 1 : semi;
	}
	*out = head;
	return HTTP_OK;
}

char *
http_urlencode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), i, j = 0;
	char *d = arena_alloc(a, n * 3 + 1);
	unsigned char c;

	if (d == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
			d[j++] = (char)c;
		} else {
			d[j++] = '%';
			d[j++] = hex[c >> 4];
			d[j++] = hex[c & 15];
		}
	}
	d[j] = '\0';
	return d;
}
