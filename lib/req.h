/* req.h — the FastCGI request loop, one request struct owning an arena, input
 * validated into typed fields before a handler runs, and a buffered response
 * sent once (any error becomes a whole error page with the right status). */
#ifndef LL_REQ_H
#define LL_REQ_H

#include <stddef.h>

#include "arena.h"
#include "auth.h"
#include "db.h"

struct http_pair;
struct multipart;
struct view_dict;

enum req_method { REQ_GET = 1, REQ_HEAD = 2, REQ_POST = 4, REQ_PUT = 8, REQ_DELETE = 16 };

/* How a query or form parameter is validated before any handler sees it. */
enum req_kind {
	REQ_K_TEXT,    /* any text up to max bytes */
	REQ_K_LINE,    /* one line: no CR or LF */
	REQ_K_INT,     /* a decimal integer in [0, max] */
	REQ_K_PATH,    /* a local path ("/x", never "//x"); an invalid one is dropped */
	REQ_K_ID,      /* prefix + 40 base62 characters */
};

struct req_key {
	const char   *name;
	enum req_kind kind;
	size_t        max;      /* bytes (TEXT, LINE) or largest value (INT) */
	const char   *prefix;   /* ID */
	int           multi;    /* may be given more than once */
};

/* A validated parameter. */
struct req_field {
	int          set;
	const char  *s;         /* the (first) value */
	size_t       len;
	long long    i;         /* INT */
	const char **vals;      /* multi: every value */
	size_t       nvals;
};

#define ROUTE_PUBLIC  0x1   /* served without a session (login) */
/* A POST sent as multipart/form-data: its text fields up to the first file
 * part are read and bound, and the CSRF token among them checked, as for any
 * form; nothing of the file is read before that. The handler then streams the
 * file from r->upload (lib/multipart.h); what it leaves unread is discarded. */
#define ROUTE_UPLOAD  0x2
/* With ROUTE_UPLOAD: a urlencoded form is taken too, as a form without files
 * (r->upload NULL); any other body is read as multipart. */
#define ROUTE_FILES_OPTIONAL 0x4
/* A GET route whose handler reads the session and its resource in one
 * statement (the permalink): the request layer reads no session and
 * binds no parameter; the handler's first call must be req_session, which
 * does what the layer does otherwise (the session's checks and touch, the
 * login redirect with next=, the parameters, the layout). Not with
 * ROUTE_PUBLIC; a POST to such a route takes the ordinary path. */
#define ROUTE_OWN_SESSION    0x8
/* A JSON API route (R1): no session cookie is read, so no CSRF token, no
 * Origin check and no form; PUT and DELETE may be among its methods. The
 * handler authenticates the request itself (req_param "HTTP_AUTHORIZATION"),
 * reads its query (r->api_query) and body (req_read_body), and answers JSON.
 * A program whose first route has it answers every error as JSON,
 * {"error": "<message>"}, the routing's 404 and 405 too. */
#define ROUTE_API            0x10

struct req;
typedef int (*req_handler)(struct req *);

/*
 * One row of a page's route table. In a pattern "*" stands for one path
 * segment, and "{kind}" for a segment that must be an id of that kind
 * ("/lead/{lead}/task/{task}/complete"; the kinds are ids_prefix's). The
 * segments are in r->arg either way. A typed segment that is no such id is
 * a 404 named after the route's first kind ("There is no such lead.": the
 * same page as for an id of nothing, or of another organization), answered
 * after the session (and a form's CSRF token and parameters) are checked,
 * so the handler sees only well-formed ids. A kind no id has fails start-up.
 */
struct route {
	unsigned     methods;   /* REQ_GET | REQ_POST ...; HEAD follows GET */
	const char  *pattern;
	unsigned     flags;
	req_handler  fn;
};

/* A page program: its routes, its parameters and the templates it renders. */
struct page {
	const char            *name;
	const struct route    *routes;
	size_t                 nroutes;
	const struct req_key  *keys;
	size_t                 nkeys;
	const char *const     *templates;   /* NULL-terminated */
};

#define REQ_MAX_ARGS 4

struct req {
	struct arena        arena;        /* everything of this request */
	const struct page  *page;
	enum req_method     method;
	const char         *path;
	const char         *query;        /* raw, as sent */
	const char         *arg[REQ_MAX_ARGS];   /* the "*" segments of the route */
	struct req_field   *field;        /* page->nkeys of them */
	struct http_pair   *cookies;
	int                 https;
	const char         *host;
	const char         *addr;         /* the client's address (REMOTE_ADDR), or NULL */
	int                 authed;       /* who is filled */
	struct auth_who     who;
	struct view_dict   *dict;         /* the page's template dictionary */
	struct view_dict   *header;       /* the layout header's dictionary */
	struct multipart   *upload;       /* ROUTE_UPLOAD: at the first file part; NULL: none */
	unsigned long       sql_at_start; /* db_statements() when the request came in */
	const struct route *route;        /* the route matched */
	int                 bad_ids;      /* a typed segment of it is no id of its kind */
	struct http_pair   *own_query;    /* ROUTE_OWN_SESSION: the query, bound by req_session */
	int                 own_read;     /* ROUTE_OWN_SESSION: req_session was called */
	struct http_pair   *api_query;    /* ROUTE_API: the query's pairs, as sent */
	/* the response */
	int                 status;
	const char         *errmsg;
	const char         *content_type; /* NULL: text/html; charset=utf-8 (error pages always) */
	struct buf         *head;         /* extra header lines */
	struct buf         *body;
	const char         *body_ref;     /* a 200's body kept elsewhere (req_body_ref) */
	size_t              body_ref_len;
	void               *fcgi;         /* req.c's connection: FastCGI or plain CGI */
	int                 has_file;     /* a 200's body is the file file_fd (req_file) */
	int                 file_fd;
	unsigned long long  file_len;
};

/* Matches a path against a route's pattern, each hole's segment into arg
 * (in the arena): 0 no match, 1 a match, 2 a match where a typed segment
 * is no id of its kind (the route's 404). */
int         req_route_match(struct arena *, const char *pattern, const char *path,
                const char *arg[REQ_MAX_ARGS]);

/* Runs the program: start-up (configuration, log, templates, database), then
 * the request loop until SIGTERM. "--routes" prints the route table.
 * Returns the process exit status. */
int         req_main(const struct page *, int argc, char **argv);

/* ROUTE_OWN_SESSION: the session and the handler's own columns in one
 * statement q (built from auth.h's AUTH_SESSION_* parts; args are its own
 * parameters). Returns 0 with the session's row in *res (q's columns from
 * AUTH_SESSION_NCOLS on), r->who filled and the parameters bound; or the
 * status to answer with (the login redirect, a database error, a bad
 * parameter) — exactly as for any other route. */
int         req_session(struct req *, struct db_sql *q, const struct db_arg *args, size_t nargs,
                struct db_res *res);
/* A 200's body is these bytes, sent as they are (not copied into r->body):
 * they must stay as they are until the request is answered. */
void        req_body_ref(struct req *, const char *body, size_t len);
/*
 * A 200's body is the file at rel ("ab/cd/<sha256>") in the file store, sent
 * the way the web server asks (its parameter LEADLINE_DOWNLOAD, else the
 * configuration's download): "x-accel" names it to nginx (X-Accel-Redirect
 * under /_files/), "x-sendfile" to Apache's mod_xsendfile (its absolute path),
 * "stream" sends it from the program in 64 KB chunks (H3). The handler sets
 * the other headers first; they are the same in every way. Returns 200, or
 * 500 when the file cannot be opened (logged).
 */
int         req_file(struct req *, const char *rel);
/* ROUTE_API: a FastCGI parameter of the request ("HTTP_AUTHORIZATION"), or NULL. */
const char *req_param(struct req *, const char *name);
/* ROUTE_API: reads the whole body (at most max bytes) into the arena,
 * NUL-terminated: 0, or the status answered (411, 400, 413). */
int         req_read_body(struct req *, size_t max, const char **body, size_t *len);
/* A parameter's value, or NULL when absent. */
const char *req_str(const struct req *, int key);
/* A cookie's value, or NULL. */
const char *req_cookie(const struct req *, const char *name);
/* Adds a response header line. name and value must not hold CR or LF. */
void        req_header(struct req *, const char *name, const char *value);
/* Sets a cookie (HttpOnly, Path=/; Secure and "__Host-" prefix under HTTPS).
 * max_age < 0 deletes it. */
void        req_set_cookie(struct req *, const char *name, const char *value,
                const char *samesite, long max_age);
/* The cookie name as sent under this scheme ("__Host-" + name under HTTPS). */
const char *req_cookie_name(struct req *, const char *name);
/* Renders the template with r->dict into the body: returns 200, or 500.
 * A handler may then return another status (a form with its error) and the
 * rendered page is sent with it. */
int         req_render(struct req *, const char *tpl);
/* Redirects (status 302 or 303) to a local path: returns status. */
int         req_redirect(struct req *, int status, const char *location);
/* Records an error for the error page: returns status. */
int         req_error(struct req *, int status, const char *msg);
/* The answer for a database failure: 503 when down, else 500. */
int         req_db_error(struct req *, enum db_err);
/* Sets the page title (every template sees it). */
void        req_title(struct req *, const char *);

#endif
