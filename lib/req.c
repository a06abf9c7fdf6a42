/* req.c — the request loop and response; see req.h. The only file that writes
 * to the FastCGI stream, or to stdout when a program serves one request as
 * plain CGI (H1). */
#include "req.h"
#include "conf.h"
#include "http.h"
#include "ids.h"
#include "log.h"
#include "multipart.h"
#include "view.h"

#include <fcgiapp.h>
#include <jansson.h>
#include <fastcgi.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REQ_ARENA_LIMIT   (64u * 1024 * 1024)
#define REQ_BODY_KEEP     (512u * 1024)
#define REQ_HEAD_KEEP     (16u * 1024)

static volatile sig_atomic_t req_stop;

static const char *const req_common_templates[] = {
	"_header.tpl", "_footer.tpl", "error.tpl", NULL
};

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 302: return "Found";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 401: return "Unauthorized";
	case 409: return "Conflict";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default:  return status >= 500 ? "Internal Server Error" : "Error";
	}
}

const char *
req_str(const struct req *r, int key)
{
	return r->field[key].set ? r->field[key].s : NULL;
}

const char *
req_cookie(const struct req *r, const char *name)
{
	const struct http_pair *p;

	for (p = r->cookies; p != NULL; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p->value;
	return NULL;
}

static int
header_safe(const char *s)
{
	return strpbrk(s, "\r\n") == NULL;
}

void
req_header(struct req *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value)) {
		log_err("refused a header with a line break: %s", name);
		return;
	}
	buf_printf(r->head, "%s: %s\r\n", name, value);
}

const char *
req_cookie_name(struct req *r, const char *name)
{
	return r->https ? arena_printf(&r->arena, "__Host-%s", name) : name;
}

void
req_set_cookie(struct req *r, const char *name, const char *value, const char *samesite,
    long max_age)
{
	const char *n = req_cookie_name(r, name);
	char age[64] = "";

	if (n == NULL)
		return;
	if (max_age >= 0)
		snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
	else
		snprintf(age, sizeof age, "; Max-Age=0");
	buf_printf(r->head, "Set-Cookie: %s=%s; Path=/; HttpOnly; SameSite=%s%s%s\r\n",
	    n, max_age < 0 ? "" : value, samesite, age, r->https ? "; Secure" : "");
}

void
req_title(struct req *r, const char *title)
{
	view_set_global(r->dict, "TITLE", title);
}

void
req_body_ref(struct req *r, const char *body, size_t len)
{
	r->body_ref = body;
	r->body_ref_len = len;
}

int
req_render(struct req *r, const char *tpl)
{
	r->errmsg = NULL;
	r->body_ref = NULL;
	buf_reset(r->body, REQ_BODY_KEEP);
	if (view_render(tpl, r->dict, r->body) != 0) {
		log_err("rendering %s failed", tpl);
		return req_error(r, 500, "The page could not be rendered.");
	}
	return 200;
}

/* A path on this site: "/x", never "//host", "/\\host" or a scheme; no control
 * characters, which browsers drop ("/<TAB>/host" would become "//host"). */
static int
local_path(const char *p)
{
	const unsigned char *s;

	if (p == NULL || p[0] != '/' || p[1] == '/' || strchr(p, '\\') != NULL)
		return 0;
	for (s = (const unsigned char *)p; *s; s++)
		if (*s < 0x20 || *s == 0x7F)
			return 0;
	return 1;
}

int
req_redirect(struct req *r, int status, const char *location)
{
	if (!local_path(location))
		location = "/";
	req_header(r, "Location", location);
	return status;
}

int
req_error(struct req *r, int status, const char *msg)
{
	r->errmsg = msg;
	return status;
}

int
req_db_error(struct req *r, enum db_err e)
{
	if (e == DB_DOWN)
		return req_error(r, 503, "The database cannot be reached right now. "
		    "Nothing was changed; try again in a moment.");
	return req_error(r, 500, "Something went wrong on our side. Nothing was changed.");
}

/* The end of a pattern's segment hole at pat ("*" or "{kind}"), or NULL. */
static const char *
hole_end(const char *pat)
{
	const char *e;

	if (*pat == '*')
		return pat + 1;
	if (*pat == '{' && (e = strchr(pat, '}')) != NULL)
		return e + 1;
	return NULL;
}

/* A pattern with each hole as "*" ("/lead/STAR/task/STAR/complete"), the
 * form --routes prints; NULL when a typed hole names no kind of id. */
static char *
pattern_shape(const char *pat)
{
	char *out = malloc(strlen(pat) + 1), *o = out;
	const char *end;

	for (; out != NULL && *pat != '\0'; ) {
		if ((end = hole_end(pat)) == NULL) {
			*o++ = *pat++;
			continue;
		}
		if (*pat == '{' && ids_prefix(pat + 1, (size_t)(end - pat - 2)) == NULL) {
			free(out);
			return NULL;
		}
		*o++ = '*';
		pat = end;
	}
	if (out != NULL)
		*o = '\0';
	return out;
}

/* The kind a typed hole at pat ("{kind}") names, and its length. */
static const char *
hole_kind(const char *pat, const char *end, size_t *len)
{
	*len = (size_t)(end - pat - 2);
	return pat + 1;
}

int
req_route_match(struct arena *a, const char *pat, const char *path, const char *arg[REQ_MAX_ARGS])
{
	size_t n = 0, len, klen;
	const char *slash, *end, *kind;
	int bad = 0;

	memset(arg, 0, REQ_MAX_ARGS * sizeof *arg);
	while (*pat != '\0') {
		if ((end = hole_end(pat)) != NULL) {
			slash = strchr(path, '/');
			len = slash ? (size_t)(slash - path) : strlen(path);
			if (len == 0 || n >= REQ_MAX_ARGS)
				return 0;
			if ((arg[n] = arena_strndup(a, path, len)) == NULL)
				return 0;
			if (*pat == '{') {
				kind = hole_kind(pat, end, &klen);
				bad |= ids_prefix(kind, klen) == NULL || !ids_valid(ids_prefix(kind, klen), arg[n]);
			}
			n++;
			path += len;
			pat = end;
		} else if (*pat++ != *path++) {
			return 0;
		}
	}
	if (*path != '\0')
		return 0;
	return bad ? 2 : 1;
}

/* A route matched with a typed segment that is no id of its kind: the 404
 * named after the route's first kind; else 0. */
static int
typed_args(struct req *r)
{
	const char *p = r->route->pattern, *end;
	size_t len;

	if (!r->bad_ids)
		return 0;
	while (*p != '\0' && !(*p == '{' && (end = hole_end(p)) != NULL))
		p++;
	if (*p == '\0')
		return req_error(r, 404, "There is no such page.");
	p = hole_kind(p, end, &len);
	return req_error(r, 404, arena_printf(&r->arena, "There is no such %.*s.", (int)len, p));
}

/*
 * The connection a request came on: a FastCGI request (nginx through
 * spawn-fcgi, Apache's mod_fcgid), or plain CGI (H1), one request in a
 * process of its own: the parameters in the environment, the body on stdin,
 * the answer on stdout. Everything above these few functions is the same
 * for both.
 */
struct conn {
	FCGX_Request *f;      /* NULL: plain CGI */
};

static const char *
param(const struct conn *c, const char *name)
{
	return c->f != NULL ? FCGX_GetParam(name, c->f->envp) : getenv(name);
}

/* Reads up to len bytes of the body, fewer only at its end (as FCGX_GetStr):
 * returns the count, or -1 on an error. */
static long
conn_read(struct conn *c, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	if (len > INT_MAX)
		len = INT_MAX;
	if (c->f != NULL)
		return FCGX_GetStr(buf, (int)len, c->f->in);
	while (got < len) {
		if ((n = read(STDIN_FILENO, buf + got, len - got)) < 0) {
			if (errno == EINTR)
				continue;
			return got > 0 ? (long)got : -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (long)got;
}

/* Writes len bytes of the answer: 0, or -1 when the connection failed. */
static int
conn_write(struct conn *c, const char *p, size_t len)
{
	ssize_t n;

	if (c->f != NULL) {
		while (len > 0) {
			int k = len > INT_MAX ? INT_MAX : (int)len;
			if (FCGX_PutStr(p, k, c->f->out) != k)
				return -1;
			p += k;
			len -= (size_t)k;
		}
		return 0;
	}
	while (len > 0) {
		if ((n = write(STDOUT_FILENO, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
req_file(struct req *r, const char *rel)
{
	const char *mode = param(r->fcgi, "LEADLINE_DOWNLOAD"), *store = conf_str(CONF_FILE_STORE);
	char *abs, *path;
	struct stat st;
	int fd;

	if (rel == NULL)
		return req_error(r, 500, "Out of memory.");
	if (mode == NULL || *mode == '\0')
		mode = conf_str(CONF_DOWNLOAD);
	if (strcmp(mode, "x-accel") == 0) {
		req_header(r, "X-Accel-Redirect", arena_printf(&r->arena, "/_files/%s", rel));
		return 200;
	}
	if (strcmp(mode, "x-sendfile") == 0) {
		/* mod_xsendfile wants the absolute path, under its XSendFilePath */
		if ((abs = realpath(store, NULL)) == NULL) {
			log_err("file store %s: %s", store, strerror(errno));
			return req_error(r, 500, "The file cannot be sent right now.");
		}
		path = arena_printf(&r->arena, "%s/%s", abs, rel);
		free(abs);
		if (path == NULL)
			return req_error(r, 500, "Out of memory.");
		req_header(r, "X-Sendfile", path);
		return 200;
	}
	if (strcmp(mode, "stream") != 0)
		log_warn("download mode \"%s\" is unknown: streaming", mode);
	if ((path = arena_printf(&r->arena, "%s/%s", store, rel)) == NULL)
		return req_error(r, 500, "Out of memory.");
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) != 0 ||
	    !S_ISREG(st.st_mode)) {
		log_err("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return req_error(r, 500, "The file cannot be sent right now.");
	}
	r->has_file = 1;
	r->file_fd = fd;
	r->file_len = (unsigned long long)st.st_size;
	return 200;
}

/* Validates one value into its field; returns a message for a 400, or NULL. */
static const char *
validate(struct req *r, const struct req_key *k, struct req_field *f, const char *v, size_t len)
{
	char *end;
	long long n;

	if (f->set && !k->multi)
		return arena_printf(&r->arena, "The parameter \"%s\" was given more than once.", k->name);
	switch (k->kind) {
	case REQ_K_LINE:
		if (strpbrk(v, "\r\n") != NULL)
			return arena_printf(&r->arena, "\"%s\" must be a single line.", k->name);
		/* FALLTHROUGH */
	case REQ_K_TEXT:
		if (len > k->max)
			return arena_printf(&r->arena, "\"%s\" is too long: at most %zu bytes.",
			    k->name, k->max);
		break;
	case REQ_K_INT:
		errno = 0;
		n = strtoll(v, &end, 10);
		if (*v == '\0' || *end != '\0' || errno || n < 0 || (unsigned long long)n > k->max)
			return arena_printf(&r->arena, "\"%s\" must be a number from 0 to %zu.",
			    k->name, k->max);
		f->i = n;
		break;
	case REQ_K_PATH:
		if (!local_path(v) || len > k->max)
			return "";   /* dropped, not refused */
		break;
	case REQ_K_ID:
		if (!ids_valid(k->prefix, v))
			return arena_printf(&r->arena, "\"%s\" is not a valid id.", k->name);
		break;
	}
	if (!f->set) {
		f->s = v;
		f->len = len;
	}
	if (k->multi) {
		const char **vals = arena_alloc(&r->arena, (f->nvals + 1) * sizeof *vals);
		if (vals == NULL)
			return "Too much input.";
		if (f->nvals)
			memcpy(vals, f->vals, f->nvals * sizeof *vals);
		vals[f->nvals++] = v;
		f->vals = vals;
	}
	f->set = 1;
	return NULL;
}

static int
bind_fields(struct req *r, const struct http_pair *p)
{
	const struct page *pg = r->page;
	const char *msg;
	size_t k;

	for (; p != NULL; p = p->next) {
		for (k = 0; k < pg->nkeys; k++) {
			if (strcmp(pg->keys[k].name, p->name) != 0)
				continue;
			msg = validate(r, &pg->keys[k], &r->field[k], p->value, p->vlen);
			if (msg != NULL && *msg != '\0')
				return req_error(r, 400, msg);
			break;
		}
	}
	return 0;
}

static int
content_type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);

	return ct != NULL && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';');
}

/* Reads and parses a urlencoded body; returns 0 or an HTTP status. */
static int
read_form(struct req *r, struct conn *f, struct http_pair **form)
{
	const char *cl = param(f, "CONTENT_LENGTH"), *ct = param(f, "CONTENT_TYPE");
	long long n;
	char *end, *body;
	long got;
	enum http_err e;

	*form = NULL;
	if (cl == NULL || *cl == '\0')
		return req_error(r, 411, "A request that sends data must say its length.");
	errno = 0;
	n = strtoll(cl, &end, 10);
	if (*end != '\0' || errno || n < 0)
		return req_error(r, 400, "The request's length is malformed.");
	if (n > conf_long(CONF_MAX_BODY))
		return req_error(r, 413, arena_printf(&r->arena,
		    "The request is too large: at most %ld bytes.", conf_long(CONF_MAX_BODY)));
	if (n > 0 && !content_type_is(ct, "application/x-www-form-urlencoded"))
		return req_error(r, 415, "Forms must be sent as application/x-www-form-urlencoded.");
	if ((body = arena_alloc(&r->arena, (size_t)n + 1)) == NULL)
		return req_error(r, 413, "The request is too large.");
	got = n > 0 ? conn_read(f, body, (size_t)n) : 0;
	if (got != n)
		return req_error(r, 400, "The request's body is shorter than its length.");
	if ((e = http_parse_urlencoded(&r->arena, body, (size_t)n, form)) != HTTP_OK)
		return req_error(r, 400, http_err_str(e));
	return 0;
}

/* ROUTE_API: a program whose first route is an API route answers errors as JSON. */
static int
json_page(const struct page *pg)
{
	return pg != NULL && pg->nroutes > 0 && (pg->routes[0].flags & ROUTE_API);
}

/* The Allow header of an API address: its methods, comma separated. */
static const char *
api_allow(struct req *r, unsigned allowed)
{
	static const struct { unsigned bit; const char *name; } m[] = {
		{ REQ_GET, "GET, HEAD" }, { REQ_POST, "POST" }, { REQ_PUT, "PUT" }, { REQ_DELETE, "DELETE" },
	};
	const char *out = "";
	size_t i;

	for (i = 0; i < sizeof m / sizeof m[0]; i++)
		if ((allowed & m[i].bit) && (out = arena_printf(&r->arena, "%s%s%s", out,
		    *out ? ", " : "", m[i].name)) == NULL)
			return "GET, HEAD";
	return out;
}

const char *
req_param(struct req *r, const char *name)
{
	return param(r->fcgi, name);
}

int
req_read_body(struct req *r, size_t max, const char **body, size_t *len)
{
	const char *cl = param(r->fcgi, "CONTENT_LENGTH");
	long long n;
	char *end, *b;

	*body = "";
	*len = 0;
	if (cl == NULL || *cl == '\0')
		return req_error(r, 411, "A request that sends data must say its length.");
	errno = 0;
	n = strtoll(cl, &end, 10);
	if (*end != '\0' || errno || n < 0)
		return req_error(r, 400, "The request's length is malformed.");
	if ((unsigned long long)n > max)
		return req_error(r, 413, arena_printf(&r->arena,
		    "The request is too large: at most %zu bytes.", max));
	if ((b = arena_alloc(&r->arena, (size_t)n + 1)) == NULL)
		return req_error(r, 413, "The request is too large.");
	if (n > 0 && conn_read(r->fcgi, b, (size_t)n) != n)
		return req_error(r, 400, "The request's body is shorter than its length.");
	b[n] = '\0';
	*body = b;
	*len = (size_t)n;
	return 0;
}

static long
body_read(void *in, char *buf, size_t len)
{
	return conn_read(in, buf, len);
}

/* The body is read as multipart: ROUTE_UPLOAD, unless ROUTE_FILES_OPTIONAL
 * and the form came urlencoded (a form without files). */
static int
is_upload(unsigned flags, const char *ct)
{
	if (!(flags & ROUTE_UPLOAD))
		return 0;
	return !(flags & ROUTE_FILES_OPTIONAL) ||
	    !content_type_is(ct, "application/x-www-form-urlencoded");
}

/* A multipart body (ROUTE_UPLOAD): its text fields up to the first file part
 * into form, with the limits of a urlencoded form; the reader is left at the
 * file for the handler. Returns 0 or an HTTP status. */
static int
read_upload(struct req *r, struct conn *f, struct http_pair **form)
{
	struct multipart *mp;
	struct multipart_part part;
	struct http_pair *p, **tail = form;
	enum multipart_err e;
	size_t n = 0;

	*form = NULL;
	mp = multipart_new(&r->arena, param(f, "CONTENT_TYPE"), body_read, f);
	if (mp == NULL)
		return req_error(r, 415, "This form must be sent as multipart/form-data.");
	while ((e = multipart_next(mp, &part)) == MULTIPART_OK) {
		if (part.filename != NULL) {
			r->upload = mp;
			return 0;
		}
		if (++n > HTTP_MAX_PAIRS)
			return req_error(r, 400, http_err_str(HTTP_ETOOMANY));
		if (strlen(part.name) > HTTP_MAX_NAME || (p = arena_alloc(&r->arena, sizeof *p)) == NULL)
			return req_error(r, 400, http_err_str(HTTP_ETOOLONG));
		if ((e = multipart_value(mp, HTTP_MAX_VALUE, &p->value, &p->vlen)) != MULTIPART_OK)
			return req_error(r, e == MULTIPART_ETOOBIG ? 413 : 400, e == MULTIPART_ETOOBIG ?
			    http_err_str(HTTP_ETOOLONG) : multipart_err_str(e));
		if (!http_utf8_valid(p->value, p->vlen))
			return req_error(r, 400, http_err_str(HTTP_EUTF8));
		if (!http_text_clean(p->value, p->vlen))
			return req_error(r, 400, http_err_str(HTTP_EMALFORMED));
		p->name = part.name;
		*tail = p;
		tail = &p->next;
	}
	return e == MULTIPART_END ? 0 : req_error(r, 400, multipart_err_str(e));
}

static int
check_csrf(struct req *r, const struct http_pair *form, unsigned flags)
{
	const char *given = NULL;
	const struct http_pair *p;

	for (p = form; p != NULL; p = p->next) {
		if (strcmp(p->name, "csrf") != 0)
			continue;
		/* as every other parameter (validate): once, or which one counts is unclear */
		if (given != NULL)
			return req_error(r, 400, "The parameter \"csrf\" was given more than once.");
		given = p->value;
	}
	if (r->authed && auth_token_eq(r->who.csrf, given))
		return 0;
	/* before a session exists (login): the double-submit cookie */
	if ((flags & ROUTE_PUBLIC) && auth_token_eq(req_cookie(r, req_cookie_name(r, "ll_csrf")), given))
		return 0;
	return req_error(r, 403, "This form has expired or did not come from leadline. "
	    "Reload the page and try again; nothing was changed.");
}

/*
 * A POST is refused when it says it comes from a page of another origin:
 * its Origin, or without one its Referer, must be this site as the request
 * reached it: the scheme, the host and the port. HTTP_HOST holds the host
 * alone under nginx (Debian's fastcgi_params sets it to $host), then the port
 * is the one nginx took the request on (SERVER_PORT); as the client sent it
 * elsewhere (Apache), with its port if it had one. A scheme's default port is
 * not written. Another port of the same host is another origin that the
 * SameSite=Lax cookie still reaches. Neither header sent (some clients send
 * none): allowed, the CSRF token still decides. 0, or the status of the refusal.
 */
static int
check_origin(struct req *r, const char *origin, const char *referer, const char *port)
{
	const char *v = origin ? origin : referer, *scheme = r->https ? "https" : "http";
	const char *own = NULL, *colon, *bracket;
	size_t n, hl;

	if (v == NULL)
		return 0;
	if (r->host != NULL) {
		colon = strrchr(r->host, ':');
		bracket = strrchr(r->host, ']');   /* an IPv6 literal's colons are not a port's */
		hl = strlen(r->host);
		if (colon != NULL && (bracket == NULL || colon > bracket)) {
			port = colon + 1;
			hl = (size_t)(colon - r->host);
		}
		if (port == NULL || strcmp(port, r->https ? "443" : "80") == 0)
			own = arena_printf(&r->arena, "%s://%.*s", scheme, (int)hl, r->host);
		else
			own = arena_printf(&r->arena, "%s://%.*s:%s", scheme, (int)hl, r->host, port);
	}
	n = own ? strlen(own) : 0;
	if (n > 0 && strncasecmp(v, own, n) == 0 &&
	    (v[n] == '\0' || (origin == NULL && strchr("/?#", v[n]) != NULL)))
		return 0;
	return req_error(r, 403, "This form was sent from a page that is not of this site, "
	    "so it was refused; nothing was changed. Open the page here and send it again.");
}

/* The session of the cookie, with q (auth_session_with) or alone (q NULL). */
static int
load_session(struct req *r, struct db_sql *q, const struct db_arg *args, size_t nargs,
    struct db_res *res)
{
	const char *tok = req_cookie(r, req_cookie_name(r, "ll_session"));

	if (tok == NULL)
		return 0;
	switch (q != NULL ? auth_session_with(&r->arena, tok, q, args, nargs, &r->who, res) :
	    auth_session(&r->arena, tok, &r->who)) {
	case AUTH_OK:
		r->authed = 1;
		return 0;
	case AUTH_DENIED:
		return 0;
	case AUTH_DOWN:
		return req_db_error(r, DB_DOWN);
	default:
		return req_db_error(r, DB_ERROR);
	}
}

static int
to_login(struct req *r)
{
	const char *next = r->path;

	if (r->method == REQ_POST)
		return req_redirect(r, 303, "/login");
	if (r->query != NULL && *r->query != '\0')
		next = arena_printf(&r->arena, "%s?%s", r->path, r->query);
	return req_redirect(r, 302, arena_printf(&r->arena, "/login?next=%s",
	    http_urlencode(&r->arena, next ? next : "/leads")));
}

static void
fill_layout(struct req *r)
{
	r->header = view_include(r->dict, "HEADER", "_header.tpl");
	view_include(r->dict, "FOOTER", "_footer.tpl");
	if (r->authed) {
		view_show(r->header, "LOGGED_IN");
		view_set_global(r->dict, "USER_NAME", r->who.user_name);
		view_set_global(r->dict, "ORG_NAME", r->who.org_name);
		view_set_global(r->dict, "CSRF", r->who.csrf);
	}
}

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/*
 * The request's path, decoded. nginx gives it as DOCUMENT_URI; Apache (CGI
 * and mod_fcgid) gives only REQUEST_URI as sent, "%"-escaped and with the
 * query: its path is decoded here, empty segments merged as nginx does, and
 * one with "." or ".." segments (which nginx would have resolved) refused,
 * as is "%00".
 * NULL when there is none or it is refused.
 */
static char *
request_path(struct req *r, const struct conn *c)
{
	const char *p = param(c, "DOCUMENT_URI"), *q;
	char *out, *o;
	int hi, lo;

	if (p != NULL)
		return arena_strdup(&r->arena, p);
	if ((p = param(c, "REQUEST_URI")) == NULL || *p != '/')
		return NULL;
	q = p + strcspn(p, "?#");
	if ((out = o = arena_alloc(&r->arena, (size_t)(q - p) + 1)) == NULL)
		return NULL;
	for (; p < q; p++) {
		if (*p == '/' && o > out && o[-1] == '/')
			continue;   /* "//" is "/", as nginx merges them */
		if (*p != '%') {
			*o++ = *p;
			continue;
		}
		if (q - p < 3 || (hi = hexval(p[1])) < 0 || (lo = hexval(p[2])) < 0 ||
		    (hi == 0 && lo == 0))
			return NULL;
		*o++ = (char)(hi * 16 + lo);
		p += 2;
	}
	*o = '\0';
	if (strstr(out, "/./") != NULL || strstr(out, "/../") != NULL)
		return NULL;
	if ((o - out >= 2 && strcmp(o - 2, "/.") == 0) || (o - out >= 3 && strcmp(o - 3, "/..") == 0))
		return NULL;
	return out;
}

/* Parses, authorizes and dispatches one request; returns its status. */
static int
serve(struct req *r, struct conn *f)
{
	const struct page *pg = r->page;
	const struct route *rt = NULL;
	const char *m = param(f, "REQUEST_METHOD"), *https = param(f, "HTTPS");
	struct http_pair *query = NULL, *form = NULL;
	unsigned allowed = 0;
	enum http_err e;
	size_t i;
	int st;

	r->https = https != NULL && strcasecmp(https, "on") == 0;
	r->host = param(f, "HTTP_HOST");
	r->addr = param(f, "REMOTE_ADDR");
	r->query = param(f, "QUERY_STRING");
	if ((r->path = request_path(r, f)) == NULL)
		return req_error(r, 400, "The request has no valid path.");
	if (!http_utf8_valid(r->path, strlen(r->path)) || !http_text_clean(r->path, strlen(r->path)))
		return req_error(r, 400, "The address is not valid UTF-8.");
	if (m != NULL && strcmp(m, "GET") == 0)
		r->method = REQ_GET;
	else if (m != NULL && strcmp(m, "HEAD") == 0)
		r->method = REQ_HEAD;
	else if (m != NULL && strcmp(m, "POST") == 0)
		r->method = REQ_POST;
	else if (m != NULL && strcmp(m, "PUT") == 0 && json_page(pg))
		r->method = REQ_PUT;
	else if (m != NULL && strcmp(m, "DELETE") == 0 && json_page(pg))
		r->method = REQ_DELETE;
	if ((r->field = arena_alloc(&r->arena, (pg->nkeys + 1) * sizeof *r->field)) == NULL)
		return req_error(r, 500, "Out of memory.");
	if ((e = http_parse_cookies(&r->arena, param(f, "HTTP_COOKIE"), &r->cookies)) != HTTP_OK)
		return req_error(r, 400, http_err_str(e));
	if ((r->dict = view_dict_new()) == NULL)
		return req_error(r, 500, "Out of memory.");

	for (i = 0; i < pg->nroutes; i++) {
		if ((st = req_route_match(&r->arena, pg->routes[i].pattern, r->path, r->arg)) == 0)
			continue;
		r->bad_ids = st == 2;
		allowed |= pg->routes[i].methods;
		if (pg->routes[i].methods & r->method ||
		    (r->method == REQ_HEAD && pg->routes[i].methods & REQ_GET)) {
			rt = &pg->routes[i];
			r->route = rt;
			break;
		}
	}
	if (rt == NULL && allowed == 0)
		return req_error(r, 404, "There is no such page.");
	if (rt == NULL) {
		req_header(r, "Allow", json_page(pg) ? api_allow(r, allowed) :
		    (allowed & REQ_POST) ? ((allowed & REQ_GET) ?
		    "GET, HEAD, POST" : "POST") : "GET, HEAD");
		return req_error(r, 405, "This address does not accept that method.");
	}
	if (r->query != NULL && (e = http_parse_urlencoded(&r->arena, r->query,
	    strlen(r->query), &query)) != HTTP_OK)
		return req_error(r, 400, http_err_str(e));
	if (rt->flags & ROUTE_API) {
		/* no cookie, no form: the handler authenticates and reads the body */
		r->api_query = query;
		r->cookies = NULL;
		return rt->fn(r);   /* it authenticates, then answers r->bad_ids with its 404 */
	}
	if (r->method == REQ_POST && (st = check_origin(r, param(f, "HTTP_ORIGIN"), param(f, "HTTP_REFERER"),
	    param(f, "SERVER_PORT"))) != 0)
		return st;
	if (r->method == REQ_POST && (st = is_upload(rt->flags, param(f, "CONTENT_TYPE")) ?
	    read_upload(r, f, &form) : read_form(r, f, &form)) != 0)
		return st;
	if ((rt->flags & ROUTE_OWN_SESSION) && !(rt->flags & ROUTE_PUBLIC) && r->method != REQ_POST) {
		r->own_query = query;   /* the handler starts with req_session */
		st = rt->fn(r);
		if (!r->own_read) {
			/* a handler that answered before reading the session */
			log_err("%s: a ROUTE_OWN_SESSION handler did not call req_session", r->path);
			return req_error(r, 500, "Internal error.");
		}
		return st;
	}
	if ((st = load_session(r, NULL, NULL, 0, NULL)) != 0)
		return st;
	if (!r->authed && !(rt->flags & ROUTE_PUBLIC))
		return to_login(r);
	if (r->method == REQ_POST && (st = check_csrf(r, form, rt->flags)) != 0)
		return st;
	if ((st = bind_fields(r, query)) != 0 || (st = bind_fields(r, form)) != 0)
		return st;
	fill_layout(r);
	if ((st = typed_args(r)) != 0)
		return st;
	return rt->fn(r);
}

int
req_session(struct req *r, struct db_sql *q, const struct db_arg *args, size_t nargs,
    struct db_res *res)
{
	int st;

	memset(res, 0, sizeof *res);
	r->own_read = 1;
	/* the tail of serve() for a route with a session, in its order */
	if ((st = load_session(r, q, args, nargs, res)) != 0)
		return st;
	if (!r->authed)
		return to_login(r);
	if ((st = bind_fields(r, r->own_query)) != 0)
		return st;
	fill_layout(r);
	return typed_args(r);
}

static void
send_error(struct req *r)
{
	struct view_dict *d;

	buf_reset(r->body, REQ_BODY_KEEP);
	if (json_page(r->page)) {
		json_t *o = json_pack("{s:s}", "error", r->errmsg ? r->errmsg : reason(r->status));
		char *text = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;
		buf_puts(r->body, text != NULL ? text : "{\"error\": \"Internal error.\"}");
		free(text);
		json_decref(o);
		r->content_type = "application/json";
		return;
	}
	d = view_dict_new();
	if (d != NULL) {
		view_include(d, "HEADER", "_header.tpl");
		view_include(d, "FOOTER", "_footer.tpl");
		view_set_global(d, "TITLE", reason(r->status));
		view_set_int(d, "STATUS", r->status);
		view_set(d, "REASON", reason(r->status));
		view_set(d, "MESSAGE", r->errmsg ? r->errmsg : reason(r->status));
		if (view_render("error.tpl", d, r->body) != 0)
			buf_reset(r->body, REQ_BODY_KEEP);
		view_dict_free(d);
	}
	if (r->body->len == 0 || r->body->oom) {
		buf_reset(r->body, REQ_BODY_KEEP);
		buf_printf(r->body, "%d %s\n", r->status, reason(r->status));
	}
}

/*
 * Writes a body as FCGI_STDOUT records of up to 64 KB straight from the
 * buffer, a few records per writev, after libfcgi's stream has sent what it
 * held (the header lines). libfcgi copies all it sends through an 8 KB buffer
 * and writes one record per 8 KB: a 150 KB lead page was 19 writes, each
 * waking nginx. The stream's own
 * end (the empty record and END_REQUEST) is still libfcgi's, at
 * FCGX_Finish_r. Returns 0, or -1 when the connection failed (the request is
 * over either way: there is nobody left to answer).
 */
#define RAW_RECORDS 32

static int
write_body(FCGX_Request *f, const char *p, size_t len)
{
	FCGI_Header hd[RAW_RECORDS];
	struct iovec iov[2 * RAW_RECORDS];
	size_t k, n, niov, chunk;
	ssize_t w;

	if (FCGX_FFlush(f->out) != 0)
		return -1;
	while (len > 0) {
		for (k = niov = 0; k < RAW_RECORDS && len > 0; k++) {
			chunk = len > FCGI_MAX_LENGTH ? FCGI_MAX_LENGTH : len;
			hd[k] = (FCGI_Header){ FCGI_VERSION_1, FCGI_STDOUT,
			    (unsigned char)((f->requestId >> 8) & 0xff), (unsigned char)(f->requestId & 0xff),
			    (unsigned char)((chunk >> 8) & 0xff), (unsigned char)(chunk & 0xff), 0, 0 };
			iov[niov++] = (struct iovec){ &hd[k], FCGI_HEADER_LEN };
			iov[niov++] = (struct iovec){ (void *)p, chunk };
			p += chunk;
			len -= chunk;
		}
		for (k = 0; k < niov; ) {
			if ((w = writev(f->ipcFd, iov + k, (int)(niov - k))) < 0) {
				if (errno == EINTR)
					continue;
				return -1;
			}
			for (n = (size_t)w; k < niov && n >= iov[k].iov_len; k++)
				n -= iov[k].iov_len;
			if (k < niov) {
				iov[k].iov_base = (char *)iov[k].iov_base + n;
				iov[k].iov_len -= n;
			}
		}
	}
	return 0;
}

/* A body from this size on goes out through write_body. */
#define RAW_BODY_MIN (16u * 1024)

/* Bytes of a streamed file read and sent at a time (H3, F6). */
#define FILE_CHUNK (64u * 1024)

/* A body in memory: FastCGI records straight from the buffer, or stdout. */
static int
send_bytes(struct conn *c, const char *p, size_t len)
{
	if (c->f != NULL && len >= RAW_BODY_MIN && c->f->ipcFd >= 0)
		return write_body(c->f, p, len);
	return conn_write(c, p, len);
}

/* A file streamed as the body, FILE_CHUNK bytes at a time through one buffer:
 * the process holds no more of it than that, whatever its size. */
static int
send_file(struct req *r, struct conn *c)
{
	char *chunk = arena_alloc(&r->arena, FILE_CHUNK);
	unsigned long long left = r->file_len;
	ssize_t n;

	if (chunk == NULL)
		return -1;
	while (left > 0) {
		n = read(r->file_fd, chunk, left < FILE_CHUNK ? (size_t)left : FILE_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;   /* the file shrank: the client sees a short body */
		if (send_bytes(c, chunk, (size_t)n) != 0)
			return -1;
		left -= (unsigned long long)n;
	}
	return 0;
}

static void
respond(struct req *r, struct conn *f)
{
	const char *body;
	unsigned long long len;
	char line[256];
	int n, file = r->has_file && r->status == 200;

	if (r->status != 200)
		r->body_ref = NULL;
	if (r->status >= 400 && (r->errmsg != NULL || r->body->len == 0)) {
		send_error(r);
		if (r->status == 503)
			req_header(r, "Retry-After", "5");
	} else if (r->status >= 300 && r->status < 400) {
		buf_reset(r->body, REQ_BODY_KEEP);   /* a redirect has no body */
	}
	if (r->head->oom || (r->body->oom && r->body_ref == NULL && !file)) {
		r->status = 500;
		r->body_ref = NULL;
		file = 0;
		buf_reset(r->head, REQ_HEAD_KEEP);
		buf_reset(r->body, REQ_BODY_KEEP);
		buf_puts(r->body, "500 Internal Server Error\n");
	}
	body = r->body_ref ? r->body_ref : r->body->data;
	len = file ? r->file_len : r->body_ref ? r->body_ref_len : r->body->len;
	/* libfcgi's own printf knows no %zu: format here, write raw */
	n = snprintf(line, sizeof line, "Status: %d %s\r\n"
	    "Content-Type: %s\r\n"
	    "Content-Length: %llu\r\n"
	    "Cache-Control: no-store\r\n", r->status, reason(r->status),
	    r->content_type != NULL && (r->status < 400 || json_page(r->page)) &&
	    strlen(r->content_type) < 100 ?
	    r->content_type : "text/html; charset=utf-8", len);
	if (conn_write(f, line, (size_t)n) != 0 ||
	    (r->head->len > 0 && conn_write(f, r->head->data, r->head->len) != 0) ||
	    conn_write(f, "\r\n", 2) != 0)
		return;
	if (r->method == REQ_HEAD || len == 0)
		return;
	if ((file ? send_file(r, f) : send_bytes(f, body, (size_t)len)) != 0)
		log_err("%s: the answer could not be sent: %s", r->path, strerror(errno));
}

/* Reads what the request sent and nobody read (an upload refused half-way):
 * nginx then sees a whole exchange and passes the answer on. */
static void
drain_input(struct conn *c)
{
	char b[16384];

	while (conn_read(c, b, sizeof b) > 0)
		;
}

static void
on_term(int sig)
{
	(void)sig;
	req_stop = 1;
	FCGX_ShutdownPending();
}

static int
start(const struct page *pg)
{
	char err[512];
	const char **names;
	size_t n = 0, i, j;
	struct sigaction sa;

	if (conf_load(NULL, err, sizeof err) != 0) {
		fprintf(stderr, "%s: %s\n", pg->name, err);
		return -1;
	}
	log_open(conf_str(CONF_LOG_DIR), pg->name);
	for (i = 0; i < pg->nroutes; i++) {
		char *shape = pattern_shape(pg->routes[i].pattern);
		if (shape == NULL) {
			log_err("route %s: a segment names no kind of id", pg->routes[i].pattern);
			fprintf(stderr, "%s: route %s: a segment names no kind of id\n", pg->name,
			    pg->routes[i].pattern);
			return -1;
		}
		free(shape);
	}
	if (sodium_init() < 0) {
		log_err("libsodium does not start");
		return -1;
	}
	while (pg->templates && pg->templates[n])
		n++;
	if ((names = calloc(n + 4, sizeof *names)) == NULL)
		return -1;
	for (i = 0; req_common_templates[i]; i++)
		names[i] = req_common_templates[i];
	for (j = 0; j < n; j++)
		names[i + j] = pg->templates[j];
	if (view_init(conf_str(CONF_TEMPLATE_DIR), names, err, sizeof err) != 0) {
		log_err("templates: %s", err);
		fprintf(stderr, "%s: templates: %s\n", pg->name, err);
		free(names);
		return -1;
	}
	free(names);
	db_init();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;   /* no SA_RESTART: accept() must return */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* glibc raises its mmap threshold to the size of any large block freed
	 * (up to 32 MB) and keeps twice that at the heap's top: a worker's memory
	 * then depends on what it served before. A fixed threshold turns it off:
	 * blocks from 128 KB on are mapped and given back when freed. */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	return FCGX_Init() == 0 ? 0 : -1;
}

static void
print_routes(const struct page *pg)
{
	size_t i;
	char *shape;

	for (i = 0; i < pg->nroutes; i++) {
		shape = pattern_shape(pg->routes[i].pattern);
		unsigned m = pg->routes[i].methods;
		printf("%s%s%s%s%s %s %s\n",
		    m & REQ_GET ? "GET," : "",
		    m & REQ_GET ? "HEAD" : "",
		    m & REQ_POST ? (m & REQ_GET ? ",POST" : "POST") : "",
		    m & REQ_PUT ? (m & (REQ_GET | REQ_POST) ? ",PUT" : "PUT") : "",
		    m & REQ_DELETE ? (m & (REQ_GET | REQ_POST | REQ_PUT) ? ",DELETE" : "DELETE") : "",
		    shape ? shape : pg->routes[i].pattern,
		    pg->routes[i].flags & ROUTE_API ? "api" :
		    pg->routes[i].flags & ROUTE_PUBLIC ? "public" :
		    pg->routes[i].flags & ROUTE_UPLOAD ? "session upload" : "session");
		free(shape);
	}
}

/* One request, start to end, the same for FastCGI and plain CGI: the one
 * teardown for every path. */
static void
handle(const struct page *pg, struct conn *c, struct arena *arena, struct buf *head,
    struct buf *body)
{
	struct req r;

	memset(&r, 0, sizeof r);
	r.arena = *arena;
	r.page = pg;
	r.head = head;
	r.body = body;
	r.fcgi = c;
	r.sql_at_start = db_statements();
	r.status = serve(&r, c);
	if (r.status == 0)
		r.status = 200;
	respond(&r, c);
	/* plain CGI: a body nobody read is discarded by Apache; stdin is read
	 * only when a body was announced (a terminal would block it) */
	if (c->f != NULL || (param(c, "CONTENT_LENGTH") != NULL && *param(c, "CONTENT_LENGTH")))
		drain_input(c);
	if (c->f != NULL)
		FCGX_Finish_r(c->f);
	db_rollback();
	if (r.has_file)
		close(r.file_fd);
	if (r.dict != NULL)
		view_dict_free(r.dict);
	*arena = r.arena;
	arena_reset(arena);
	buf_reset(head, REQ_HEAD_KEEP);
	buf_reset(body, REQ_BODY_KEEP);
}

int
req_main(const struct page *pg, int argc, char **argv)
{
	FCGX_Request f;
	struct conn c = { NULL };
	struct arena arena;
	struct buf head, body;

	if (argc > 1 && strcmp(argv[1], "--routes") == 0) {
		print_routes(pg);
		return 0;
	}
	if (start(pg) != 0)
		return 1;
	arena_init(&arena, REQ_ARENA_LIMIT);
	buf_init(&head);
	buf_init(&body);
	if (FCGX_IsCGI()) {
		/* H1: started as plain CGI (stdin is no listening socket): one request */
		handle(pg, &c, &arena, &head, &body);
	} else {
		FCGX_InitRequest(&f, 0, FCGI_FAIL_ACCEPT_ON_INTR);
		c.f = &f;
		log_info("ready");
		while (!req_stop && FCGX_Accept_r(&f) >= 0)
			handle(pg, &c, &arena, &head, &body);
		log_info("stopping");
		FCGX_Free(&f, 1);
	}
	arena_free(&arena);
	buf_free(&head);
	buf_free(&body);
	db_close();
	conf_free();
	log_close();
	return 0;
}
