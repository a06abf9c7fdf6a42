/* http.h — HTTP input: query strings, urlencoded bodies, cookies, UTF-8 checks. */
#ifndef LL_HTTP_H
#define LL_HTTP_H

#include <stddef.h>

struct arena;

enum http_err {
	HTTP_OK = 0,
	HTTP_EMALFORMED,  /* a bad %-escape, a NUL byte, a control character */
	HTTP_ETOOMANY,    /* more pairs than HTTP_MAX_PAIRS */
	HTTP_ETOOLONG,    /* a name or a value over its limit */
	HTTP_EUTF8,       /* not valid UTF-8 */
	HTTP_ENOMEM,
	HTTP__MAX
};

#define HTTP_MAX_PAIRS  256
#define HTTP_MAX_NAME   128
#define HTTP_MAX_VALUE  (256 * 1024)

/* One name=value pair, decoded; both NUL-terminated and in the arena. */
struct http_pair {
	const char       *name;
	const char       *value;
	size_t            vlen;
	struct http_pair *next;
};

/*
 * Parses "a=1&b=%C3%A9+x" (a query string or an application/x-www-form-urlencoded
 * body) into a list in input order, allocated in the arena. Empty pieces
 * ("a=1&&b") are skipped; a piece without '=' has an empty value.
 */
enum http_err http_parse_urlencoded(struct arena *, const char *s, size_t len,
    struct http_pair **out);
/* Parses a Cookie header ("a=1; b=2"). Values are kept as sent (no decoding). */
enum http_err http_parse_cookies(struct arena *, const char *header,
    struct http_pair **out);
/* 1 if s[0..len) is valid UTF-8 (no overlongs, no surrogates), else 0. */
int           http_utf8_valid(const char *s, size_t len);
/* 1 if s holds no control character other than tab, CR and LF. */
int           http_text_clean(const char *s, size_t len);
/* A sentence for a person, naming what was wrong with the input. */
const char   *http_err_str(enum http_err);
/* Appends s %-encoded for a query string value into dst (arena); NULL on OOM. */
char         *http_urlencode(struct arena *, const char *s);

#endif
