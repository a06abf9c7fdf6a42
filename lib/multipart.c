/* multipart.c — see multipart.h. Written here: Debian packages no C
 * multipart reader, and the format is small. It is fuzzed
 * (tests/fuzz/fuzz_multipart.c).
 *
 * The body is read through a window of MP_WINDOW bytes. A part's body is
 * everything up to the next delimiter "\r\n--boundary"; the reader keeps the
 * last (delimiter length - 1) bytes of the window unreturned until it knows
 * they do not begin a delimiter. The window starts with a "\r\n" of its own,
 * so the first boundary (which has no CRLF before it) is found like the rest. */
#include "multipart.h"
#include "arena.h"
#include "http.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MP_WINDOW   (64u * 1024)
#define MP_BOUNDARY 70           /* RFC 2046: at most 70 characters */

enum mp_state { MP_IN_BODY, MP_AFTER_DELIM, MP_DONE, MP_BROKEN };

struct multipart {
	struct arena         *a;
	multipart_read_fn     rd;
	void                 *ctx;
	char                  delim[MP_BOUNDARY + 5];   /* "\r\n--" boundary */
	size_t                dlen;
	char                 *buf;
	size_t                pos, len;
	int                   eof;
	enum mp_state         state;
	int                   in_part;                  /* a part (not the preamble) is current */
	struct multipart_part part;
	unsigned long long    consumed;
	int                   save_errno;               /* why multipart_save's file failed */
};

static const char *const mp_errs[MULTIPART__MAX] = {
	[MULTIPART_OK] = "ok",
	[MULTIPART_END] = "no more parts",
	[MULTIPART_EMALFORMED] = "The upload is not well-formed multipart/form-data.",
	[MULTIPART_ETOOBIG] = "The upload is too large.",
	[MULTIPART_EIO] = "The upload could not be read or stored.",
	[MULTIPART_ENOMEM] = "The upload is too large to handle.",
};

const char *
multipart_err_str(enum multipart_err e)
{
	return e < MULTIPART__MAX ? mp_errs[e] : "multipart error";
}

unsigned long long
multipart_consumed(const struct multipart *mp)
{
	return mp->consumed;
}

const struct multipart_part *
multipart_current(const struct multipart *mp)
{
	return mp->in_part && mp->state != MP_DONE && mp->state != MP_BROKEN ? &mp->part : NULL;
}

/* The boundary parameter of a Content-Type, into out; 0 or -1. */
static int
mp_boundary(const char *ct, char *out, size_t outlen)
{
	static const char type[] = "multipart/form-data";
	const char *p, *v;
	size_t n = 0;

	if (ct == NULL || strncasecmp(ct, type, sizeof type - 1) != 0)
		return -1;
	p = ct + sizeof type - 1;
	while (*p != '\0') {
		while (*p == ';' || *p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "boundary=", 9) == 0) {
			v = p + 9;
			if (*v == '"') {
				for (v++; v[n] != '"' && v[n] != '\0'; n++)
					;
				if (v[n] != '"')
					return -1;
			} else {
				n = strcspn(v, "; \t");
			}
			if (n == 0 || n > MP_BOUNDARY || n >= outlen)
				return -1;
			memcpy(out, v, n);
			out[n] = '\0';
			for (p = out; *p; p++)
				if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7E)
					return -1;
			return 0;
		}
		p += strcspn(p, ";");
	}
	return -1;
}

struct multipart *
multipart_new(struct arena *a, const char *content_type, multipart_read_fn rd, void *ctx)
{
	struct multipart *mp;
	char b[MP_BOUNDARY + 2];

	if (mp_boundary(content_type, b, sizeof b) != 0)
		return NULL;
	if ((mp = arena_alloc(a, sizeof *mp)) == NULL)
		return NULL;
	if ((mp->buf = arena_alloc(a, MP_WINDOW)) == NULL)
		return NULL;
	mp->a = a;
	mp->rd = rd;
	mp->ctx = ctx;
	mp->dlen = (size_t)snprintf(mp->delim, sizeof mp->delim, "\r\n--%s", b);
	memcpy(mp->buf, "\r\n", 2);   /* the first boundary has no CRLF of its own */
	mp->len = 2;
	mp->state = MP_IN_BODY;       /* the preamble, read as a body nobody wants */
	return mp;
}

/* Reads more of the body into the window; 0, or an error. */
static enum multipart_err
mp_fill(struct multipart *mp)
{
	long n;

	if (mp->pos > 0) {
		memmove(mp->buf, mp->buf + mp->pos, mp->len - mp->pos);
		mp->len -= mp->pos;
		mp->pos = 0;
	}
	if (mp->eof || mp->len == MP_WINDOW)
		return MULTIPART_OK;
	n = mp->rd(mp->ctx, mp->buf + mp->len, MP_WINDOW - mp->len);
	if (n < 0)
		return MULTIPART_EIO;
	if (n == 0)
		mp->eof = 1;
	mp->len += (size_t)n;
	mp->consumed += (unsigned long long)n;
	return MULTIPART_OK;
}

/* At least n bytes in the window from pos, unless the body ends first. */
static enum multipart_err
mp_ensure(struct multipart *mp, size_t n)
{
	enum multipart_err e;

	while (mp->len - mp->pos < n && !mp->eof)
		if ((e = mp_fill(mp)) != MULTIPART_OK)
			return e;
	return mp->len - mp->pos >= n ? MULTIPART_OK : MULTIPART_EMALFORMED;
}

/*
 * The next piece of the current body: *p and *n, MULTIPART_OK; or
 * MULTIPART_END when the body ended at a delimiter (then the state is
 * MP_AFTER_DELIM). A body the stream ends inside is malformed.
 */
static enum multipart_err
mp_chunk(struct multipart *mp, const char **p, size_t *n)
{
	const char *hit;
	size_t safe;
	enum multipart_err e;

	for (;;) {
		hit = memmem(mp->buf + mp->pos, mp->len - mp->pos, mp->delim, mp->dlen);
		if (hit != NULL) {
			*p = mp->buf + mp->pos;
			*n = (size_t)(hit - *p);
			if (*n > 0) {
				mp->pos += *n;
				return MULTIPART_OK;
			}
			mp->pos += mp->dlen;
			mp->state = MP_AFTER_DELIM;
			return MULTIPART_END;
		}
		/* the last dlen - 1 bytes may begin a delimiter: keep them */
		safe = mp->len >= mp->dlen - 1 ? mp->len - (mp->dlen - 1) : 0;
		if (safe > mp->pos) {
			*p = mp->buf + mp->pos;
			*n = safe - mp->pos;
			mp->pos = safe;
			return MULTIPART_OK;
		}
		if (mp->eof)
			return MULTIPART_EMALFORMED;
		if ((e = mp_fill(mp)) != MULTIPART_OK)
			return e;
	}
}

/* Skips the rest of the current body. */
static enum multipart_err
mp_skip(struct multipart *mp)
{
	const char *p;
	size_t n;
	enum multipart_err e;

	while ((e = mp_chunk(mp, &p, &n)) == MULTIPART_OK)
		;
	return e == MULTIPART_END ? MULTIPART_OK : e;
}

/* A parameter of a Content-Disposition value: name="x" or name=x. */
static const char *
mp_param(struct arena *a, const char *v, const char *key)
{
	size_t klen = strlen(key), n;
	const char *p = v;

	while ((p = strchr(p, ';')) != NULL) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, key, klen) != 0 || p[klen] != '=')
			continue;
		p += klen + 1;
		if (*p == '"') {
			p++;
			/* browsers send a '"' in a name as %22: no escapes inside */
			if ((n = strcspn(p, "\"")) == strlen(p))
				return NULL;
		} else {
			n = strcspn(p, "; \t");
		}
		return arena_strndup(a, p, n);
	}
	return NULL;
}

static int
mp_text_ok(const char *s)
{
	return s == NULL || (http_utf8_valid(s, strlen(s)) && http_text_clean(s, strlen(s)) &&
	    strpbrk(s, "\r\n") == NULL);
}

/* One header line (without its CRLF) of the part. */
static enum multipart_err
mp_header(struct multipart *mp, const char *line, size_t n)
{
	const char *colon = memchr(line, ':', n);
	char *v;
	size_t k;

	if (colon == NULL)
		return MULTIPART_EMALFORMED;
	k = (size_t)(colon - line);
	if ((v = arena_strndup(mp->a, colon + 1, n - k - 1)) == NULL)
		return MULTIPART_ENOMEM;
	while (*v == ' ' || *v == '\t')
		v++;
	if (k == 19 && strncasecmp(line, "Content-Disposition", 19) == 0) {
		if (strncasecmp(v, "form-data", 9) != 0)
			return MULTIPART_EMALFORMED;
		mp->part.name = mp_param(mp->a, v, "name");
		mp->part.filename = mp_param(mp->a, v, "filename");
		if (!mp_text_ok(mp->part.name) || !mp_text_ok(mp->part.filename))
			return MULTIPART_EMALFORMED;
	} else if (k == 12 && strncasecmp(line, "Content-Type", 12) == 0) {
		if (!mp_text_ok(v))
			return MULTIPART_EMALFORMED;
		mp->part.type = v;
	}
	return MULTIPART_OK;
}

/* After a delimiter: the closing "--", or CRLF and a part's header block. */
static enum multipart_err
mp_headers(struct multipart *mp)
{
	const char *line, *crlf;
	size_t total = 0, n;
	enum multipart_err e;

	if ((e = mp_ensure(mp, 2)) != MULTIPART_OK)
		return e;
	if (memcmp(mp->buf + mp->pos, "--", 2) == 0) {
		mp->state = MP_DONE;
		return MULTIPART_END;
	}
	/* transport padding, then CRLF */
	for (;;) {
		if ((e = mp_ensure(mp, 2)) != MULTIPART_OK)
			return e;
		if (mp->buf[mp->pos] != ' ' && mp->buf[mp->pos] != '\t')
			break;
		mp->pos++;
		if (++total > MULTIPART_MAX_HEADER)
			return MULTIPART_EMALFORMED;
	}
	if (memcmp(mp->buf + mp->pos, "\r\n", 2) != 0)
		return MULTIPART_EMALFORMED;
	mp->pos += 2;
	memset(&mp->part, 0, sizeof mp->part);
	for (;;) {
		crlf = memmem(mp->buf + mp->pos, mp->len - mp->pos, "\r\n", 2);
		if (crlf == NULL) {
			if (mp->eof || mp->len - mp->pos > MULTIPART_MAX_HEADER)
				return MULTIPART_EMALFORMED;
			if ((e = mp_fill(mp)) != MULTIPART_OK)
				return e;
			continue;
		}
		line = mp->buf + mp->pos;
		n = (size_t)(crlf - line);
		if ((total += n + 2) > MULTIPART_MAX_HEADER)
			return MULTIPART_EMALFORMED;
		mp->pos += n + 2;
		if (n == 0)
			break;
		if (memchr(line, '\0', n) != NULL)
			return MULTIPART_EMALFORMED;
		if ((e = mp_header(mp, line, n)) != MULTIPART_OK)
			return e;
	}
	if (mp->part.name == NULL)
		return MULTIPART_EMALFORMED;   /* RFC 7578: every part names its field */
	mp->state = MP_IN_BODY;
	mp->in_part = 1;
	return MULTIPART_OK;
}

enum multipart_err
multipart_next(struct multipart *mp, struct multipart_part *out)
{
	enum multipart_err e;

	if (mp->state == MP_BROKEN)
		return MULTIPART_EMALFORMED;
	if (mp->state == MP_IN_BODY && (e = mp_skip(mp)) != MULTIPART_OK)
		goto broken;
	if (mp->state == MP_DONE)
		return MULTIPART_END;
	e = mp_headers(mp);
	if (e == MULTIPART_END)
		return e;
	if (e != MULTIPART_OK)
		goto broken;
	*out = mp->part;
	return MULTIPART_OK;
broken:
	mp->state = MP_BROKEN;
	return e;
}

enum multipart_err
multipart_value(struct multipart *mp, size_t max, const char **out, size_t *len)
{
	struct buf b;
	const char *p;
	size_t n;
	enum multipart_err e;
	char *s;

	*out = NULL;
	*len = 0;
	if (mp->state != MP_IN_BODY || !mp->in_part)
		return MULTIPART_EMALFORMED;
	buf_init(&b);
	while ((e = mp_chunk(mp, &p, &n)) == MULTIPART_OK) {
		if (b.len + n > max) {
			buf_free(&b);
			return mp_skip(mp) == MULTIPART_OK ? MULTIPART_ETOOBIG : MULTIPART_EMALFORMED;
		}
		buf_add(&b, p, n);
	}
	if (e != MULTIPART_END || b.oom) {
		buf_free(&b);
		mp->state = MP_BROKEN;
		return e == MULTIPART_END ? MULTIPART_ENOMEM : e;
	}
	s = arena_strndup(mp->a, b.data ? b.data : "", b.len);
	*len = b.len;
	buf_free(&b);
	if (s == NULL)
		return MULTIPART_ENOMEM;
	*out = s;
	return MULTIPART_OK;
}

enum multipart_err
multipart_save(struct multipart *mp, const char *dir, unsigned long long max, const char **path,
    unsigned long long *size)
{
	char *tmpl;
	const char *p;
	size_t n;
	int fd;
	enum multipart_err e;
	FILE *fp;

	*path = NULL;
	*size = 0;
	if (mp->state != MP_IN_BODY || !mp->in_part)
		return MULTIPART_EMALFORMED;
	if ((tmpl = arena_printf(mp->a, "%s/upload-XXXXXX", dir)) == NULL)
		return MULTIPART_ENOMEM;
	mp->save_errno = 0;
	if ((fd = mkstemp(tmpl)) < 0) {
		mp->save_errno = errno;
		return MULTIPART_EIO;
	}
	if ((fp = fdopen(fd, "w")) == NULL) {
		mp->save_errno = errno;
		close(fd);
		unlink(tmpl);
		return MULTIPART_EIO;
	}
	while ((e = mp_chunk(mp, &p, &n)) == MULTIPART_OK) {
		if (*size + n > max) {
			e = MULTIPART_ETOOBIG;
			break;
		}
		if (fwrite(p, 1, n, fp) != n) {
			mp->save_errno = errno;
			e = MULTIPART_EIO;
			break;
		}
		*size += n;
	}
	if (fclose(fp) != 0 && e == MULTIPART_END) {
		mp->save_errno = errno;
		e = MULTIPART_EIO;
	}
	if (e != MULTIPART_END) {
		unlink(tmpl);
		*size = 0;
		if (e != MULTIPART_ETOOBIG)
			mp->state = MP_BROKEN;
		return e;
	}
	*path = tmpl;
	return MULTIPART_OK;
}

int
multipart_save_errno(const struct multipart *mp)
{
	return mp->save_errno;
}
