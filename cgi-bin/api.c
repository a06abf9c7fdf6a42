/*
 * api — the Close-compatible REST API (R1–R4) under /api/v1/.
 *
 *   GET              /api/v1/me/
 *   GET, POST        /api/v1/lead/              list (query, _skip, _limit, _fields) / create
 *   GET, PUT         /api/v1/lead/<lead_id>/    with contacts, opportunities, tasks
 *   GET, POST        /api/v1/contact/           GET, PUT, DELETE /api/v1/contact/<id>/
 *   GET, POST        /api/v1/opportunity/       GET, PUT, DELETE /api/v1/opportunity/<id>/
 *   GET, POST        /api/v1/task/              GET, PUT, DELETE /api/v1/task/<id>/
 *   GET              /api/v1/activity/          every type (lead_id, _type, user_id)
 *   GET, POST        /api/v1/activity/{note,call,email}/   GET /api/v1/activity/<type>/<id>/
 *   GET              /api/v1/status/lead/, /api/v1/status/opportunity/
 *
 * Who: HTTP Basic with an API key as the user name and an empty password
 * (lib/apikeys.h); no cookie is read, so there is no CSRF token. Anything
 * else is a 401 {"error": ...}. Every statement names the key's organization:
 * another organization's id is the same 404 as an unknown one.
 * Bodies are JSON objects of Close's field names, bound through the write
 * modules' own field tables (form.h): the writes are the pages' writes, with
 * their transactions and rules (B2C, status change activities, page
 * versions). Refused input is a 400 as Close answers it:
 * {"error": ..., "errors": [...], "field-errors": {"<field>": "<message>"}};
 * a key of no field of the resource is one of them.
 * Lists are {"data": [...], "has_more": bool}: _limit 1 to 100 (100 when not
 * given), _skip an offset (see README: API), _fields a comma separated list
 * of the fields to keep.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "activities.h"
#include "apikeys.h"
#include "arena.h"
#include "contacts.h"
#include "db.h"
#include "form.h"
#include "http.h"
#include "ids.h"
#include "leadedit.h"
#include "leads.h"
#include "log.h"
#include "opportunities.h"
#include "req.h"
#include "tasks.h"
#include "valid.h"

/* A body larger than this is a 413. */
#define API_MAX_BODY (1024u * 1024)
#define API_LIMIT    100

#define ISO(col) "DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%f+00:00')"

/* ---- answers ---- */

static int
answer(struct req *r, int status, json_t *o)
{
	char *text = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;

	json_decref(o);
	if (text == NULL)
		return req_error(r, 500, "Out of memory.");
	r->errmsg = NULL;
	buf_puts(r->body, text);
	free(text);
	r->content_type = "application/json";
	return status;
}

static int
api_error(struct req *r, int status, const char *msg)
{
	return answer(r, status, json_pack("{s:s}", "error", msg));
}

static int
api_db_error(struct req *r, enum db_err e)
{
	if (e == DB_DOWN)
		req_header(r, "Retry-After", "5");
	return api_error(r, e == DB_DOWN ? 503 : 500, e == DB_DOWN ?
	    "The database is not reachable right now." : "Internal error.");
}

/* One API name of a model field, for the messages of field-errors. */
struct rename {
	const char *api;
	const char *model;
};

static const char *
api_name(const struct rename *rn, const char *model)
{
	for (; rn != NULL && rn->api != NULL; rn++)
		if (strcmp(rn->model, model) == 0)
			return rn->api;
	return model;
}

/* A refused write as Close answers it: 400 with field-errors. */
static int
field_errors(struct req *r, const struct valid_errs *errs, const struct rename *rn)
{
	json_t *o = json_object(), *fe = json_object(), *all = json_array();
	size_t i;

	for (i = 0; i < errs->n; i++) {
		if (strcmp(errs->field[i], VALID_FORM) == 0)
			json_array_append_new(all, json_string(errs->msg[i]));
		else
			json_object_set_new(fe, api_name(rn, errs->field[i]), json_string(errs->msg[i]));
	}
	json_object_set_new(o, "error", json_string(errs->n > 0 ? errs->msg[0] : "Invalid input."));
	json_object_set_new(o, "errors", all);
	json_object_set_new(o, "field-errors", fe);
	return answer(r, 400, o);
}

static int
one_field_error(struct req *r, const char *field, const char *msg)
{
	struct valid_errs e;

	valid_reset(&e);
	valid_add(&e, field, msg);
	return field_errors(r, &e, NULL);
}

/* The answer to a write module's status. */
static int
write_answer(struct req *r, enum valid_rc rc, const struct valid_errs *errs,
    const struct rename *rn, const char *what)
{
	switch (rc) {
	case VALID_OK:
		return 0;
	case VALID_INVALID:
	case VALID_REFUSED:
		return field_errors(r, errs, rn);
	case VALID_NOT_FOUND:
		return api_error(r, 404, arena_printf(&r->arena, "There is no such %s.", what));
	case VALID_DOWN:
		return api_db_error(r, DB_DOWN);
	default:
		return api_db_error(r, DB_ERROR);
	}
}

/* ---- authentication ---- */

static int
authenticate(struct req *r)
{
	const char *h = req_param(r, "HTTP_AUTHORIZATION");
	const char *key;
	long long key_id;

	/* under Apache the header comes through a rewrite's environment */
	if (h == NULL || *h == '\0')
		h = req_param(r, "REDIRECT_HTTP_AUTHORIZATION");
	key = apikeys_from_basic(&r->arena, h);

	if (key == NULL) {
		req_header(r, "WWW-Authenticate", "Basic realm=\"leadline API\"");
		return api_error(r, 401, "An API key is needed: HTTP Basic, the key as the user "
		    "name and an empty password.");
	}
	switch (apikeys_check(&r->arena, key, &r->who, &key_id)) {
	case AUTH_OK:
		r->authed = 1;
		return 0;
	case AUTH_DENIED:
		req_header(r, "WWW-Authenticate", "Basic realm=\"leadline API\"");
		return api_error(r, 401, "The API key is wrong, revoked, or its user is deactivated.");
	case AUTH_DOWN:
		return api_db_error(r, DB_DOWN);
	default:
		return api_db_error(r, DB_ERROR);
	}
}

/* Authenticates, then a path id of no id of its kind is the route's 404. */
static int
begin(struct req *r, const char *what)
{
	int st;

	if ((st = authenticate(r)) != 0)
		return st;
	if (r->bad_ids)
		return api_error(r, 404, arena_printf(&r->arena, "There is no such %s.", what));
	return 0;
}

/* ---- query parameters ---- */

static const char *
qparam(struct req *r, const char *name)
{
	const struct http_pair *p;

	for (p = r->api_query; p != NULL; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p->value;
	return NULL;
}

/* _skip and _limit; 0, or the status answered. */
static int
paging(struct req *r, long long *skip, long long *limit)
{
	const char *s = qparam(r, "_skip"), *l = qparam(r, "_limit");
	char *end;

	*skip = 0;
	*limit = API_LIMIT;
	if (s != NULL) {
		errno = 0;
		*skip = strtoll(s, &end, 10);
		if (*s == '\0' || *end != '\0' || errno || *skip < 0 || *skip > 100000000)
			return one_field_error(r, "_skip", "_skip must be a whole number from 0.");
	}
	if (l != NULL) {
		errno = 0;
		*limit = strtoll(l, &end, 10);
		if (*l == '\0' || *end != '\0' || errno || *limit < 0)
			return one_field_error(r, "_limit", "_limit must be a whole number from 1 to 100.");
		if (*limit == 0 || *limit > API_LIMIT)
			*limit = API_LIMIT;
	}
	return 0;
}

/* Keeps only the fields _fields names (when given). */
static void
only_fields(struct req *r, json_t *o)
{
	const char *f = qparam(r, "_fields");
	const char *key;
	json_t *v;
	void *tmp;
	size_t n;

	if (f == NULL || *f == '\0' || !json_is_object(o))
		return;
	json_object_foreach_safe(o, tmp, key, v) {
		const char *p = f;
		int keep = 0;
		n = strlen(key);
		while (*p != '\0' && !keep) {
			size_t len = strcspn(p, ",");
			keep = len == n && strncmp(p, key, n) == 0;
			p += len;
			if (*p == ',')
				p++;
		}
		if (!keep)
			json_object_del(o, key);
	}
}

/* ---- rows into JSON ---- */

enum jt { J_S, J_I, J_B, J_JSON, J_LIST, J_HIDE };

struct jcol {
	const char *name;
	enum jt     t;
};

#define J_ENUM(id, name, t) id,
#define J_NAME(id, name, t) name,
#define J_DESC(id, name, t) { name, t },

/* "a@x.test, b@y.test" (valid_email_list's output) as ["a@x.test", "b@y.test"]. */
static json_t *
split_list(const char *s)
{
	json_t *a = json_array();
	size_t n;

	while (a != NULL && *s != '\0') {
		while (*s == ',' || *s == ' ')
			s++;
		if ((n = strcspn(s, ",")) == 0)
			break;
		while (n > 0 && s[n - 1] == ' ')
			n--;
		json_array_append_new(a, json_stringn(s, n));
		s += strcspn(s, ",");
	}
	return a;
}

/* Row i as an object: SQL NULL is null, J_JSON's text parsed (null: []),
 * J_HIDE columns left out. */
static json_t *
row_json(const struct db_res *res, size_t i, const struct jcol *c, size_t n)
{
	json_t *o = json_object(), *v;
	size_t k;

	for (k = 0; k < n && o != NULL; k++) {
		if (c[k].t == J_HIDE)
			continue;
		if (db_is_null(res, i, k))
			v = c[k].t == J_JSON ? json_array() : json_null();
		else if (c[k].t == J_I)
			v = json_integer(db_get_int(res, i, k));
		else if (c[k].t == J_B)
			v = json_boolean(db_get_int(res, i, k) != 0);
		else if (c[k].t == J_JSON)
			v = json_loads(db_get(res, i, k), JSON_DECODE_ANY, NULL);
		else if (c[k].t == J_LIST)
			v = split_list(db_get(res, i, k));
		else
			v = json_string(db_get(res, i, k));
		json_object_set_new(o, c[k].name, v != NULL ? v : json_null());
	}
	return o;
}

/* A list answer from rows read with limit + 1. */
static int
list_answer(struct req *r, const struct db_res *res, const struct jcol *c, size_t n,
    long long limit)
{
	json_t *data = json_array(), *o;
	size_t i, rows = res->nrows > (size_t)limit ? (size_t)limit : res->nrows;

	for (i = 0; i < rows; i++) {
		o = row_json(res, i, c, n);
		only_fields(r, o);
		json_array_append_new(data, o);
	}
	return answer(r, 200, json_pack("{s:o,s:b}", "data", data, "has_more",
	    res->nrows > (size_t)limit));
}

/* ---- request bodies ---- */

/* How an API field becomes the model's field. */
enum how {
	H_STR,    /* a string (null: not given) */
	H_INT,    /* a whole number, or a string of one */
	H_LIST,   /* an array of strings (or one string): joined with ", " */
	H_PASS,   /* as sent (rows: arrays of objects) */
	H_OWN,    /* the handler's own (lead_id, status_id ...): taken out */
	H_IGNORE, /* read-only fields a client may send back: dropped */
};

struct bind {
	const char *api;
	const char *model;
	enum how    how;
};

/* The body as a JSON object: 0, or the status answered. */
static int
read_json(struct req *r, json_t **out)
{
	const char *body;
	size_t len;
	json_error_t je;
	json_t *o;
	int st;

	*out = NULL;
	if ((st = req_read_body(r, API_MAX_BODY, &body, &len)) != 0)
		return api_error(r, st, r->errmsg ? r->errmsg : "The body cannot be read.");
	if ((o = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je)) == NULL)
		return api_error(r, 400, arena_printf(&r->arena, "The body is not valid JSON: %s "
		    "(line %d, column %d).", je.text, je.line, je.column));
	if (!json_is_object(o)) {
		json_decref(o);
		return api_error(r, 400, "The body must be a JSON object.");
	}
	*out = o;
	return 0;
}

/* Converts the body into an object of the model's names and strings (new
 * reference into *model); H_OWN values stay in body for the handler. Wrong
 * types and unknown keys are messages in errs. */
static json_t *
to_model(struct arena *a, const json_t *body, const struct bind *b, struct valid_errs *errs)
{
	json_t *m = json_object(), *v;
	const char *key;
	size_t i;

	json_object_foreach((json_t *)body, key, v) {
		for (i = 0; b[i].api != NULL && strcmp(b[i].api, key) != 0; i++)
			;
		if (b[i].api == NULL) {
			valid_add(errs, arena_strdup(a, key), "Unknown field.");
			continue;
		}
		switch (b[i].how) {
		case H_OWN:
		case H_IGNORE:
			break;
		case H_PASS:
			json_object_set(m, b[i].model, v);
			break;
		case H_STR:
			if (json_is_string(v) || json_is_null(v))
				json_object_set(m, b[i].model, v);
			else
				valid_add(errs, b[i].api, "Must be a string.");
			break;
		case H_INT:
			if (json_is_integer(v))
				json_object_set_new(m, b[i].model, json_string(arena_printf(a, "%lld",
				    (long long)json_integer_value(v))));
			else if (json_is_string(v) || json_is_null(v))
				json_object_set(m, b[i].model, v);
			else
				valid_add(errs, b[i].api, "Must be a whole number.");
			break;
		case H_LIST:
			if (json_is_string(v) || json_is_null(v)) {
				json_object_set(m, b[i].model, v);
			} else if (json_is_array(v)) {
				const char *joined = "";
				size_t k;
				json_t *s;
				json_array_foreach(v, k, s) {
					if (!json_is_string(s)) {
						valid_add(errs, b[i].api, "Must be a list of strings.");
						break;
					}
					joined = arena_printf(a, "%s%s%s", joined, k ? ", " : "",
					    json_string_value(s));
				}
				json_object_set_new(m, b[i].model, json_string(joined ? joined : ""));
			} else {
				valid_add(errs, b[i].api, "Must be a list of strings.");
			}
			break;
		}
	}
	return m;
}

/* A string member of the body (H_OWN): 0 with *out (NULL: absent or null),
 * or -1 after a message in errs. */
static int
own_str(struct arena *a, const json_t *body, const char *key, const char **out,
    struct valid_errs *errs)
{
	json_t *v = json_object_get(body, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		valid_add(errs, key, "Must be a string.");
		return -1;
	}
	*out = arena_strdup(a, json_string_value(v));   /* the body is freed before it is used */
	return 0;
}

/* Everything in one: the body read, its own keys checked, the rest bound
 * into the model's struct in (over the current values cur, for a PUT; NULL
 * for a POST). 0, or the status answered. *body is the caller's to decref. */
static int
bind_body(struct req *r, const struct bind *b, const struct form_model *fm, json_t *cur,
    const struct rename *rn, json_t **body, void *in)
{
	struct valid_errs errs;
	json_t *m;
	int rc;

	valid_reset(&errs);
	if ((rc = read_json(r, body)) != 0)
		return rc;
	m = to_model(&r->arena, *body, b, &errs);
	if (cur != NULL) {
		json_object_update(cur, m);
		json_decref(m);
		m = json_incref(cur);
	}
	rc = errs.n > 0 ? 1 : form_from_json(&r->arena, fm, m, in, &errs);
	json_decref(m);
	if (rc == -1)
		return api_error(r, 500, "Out of memory.");
	if (rc == 1 || errs.n > 0)
		return field_errors(r, &errs, rn);
	return 0;
}

/* ---- me ---- */

#define ME_COLS(X) \
	X(ME_ID, "id", J_S) X(ME_NAME, "name", J_S) X(ME_FIRST, "first_name", J_S) \
	X(ME_LAST, "last_name", J_S) X(ME_EMAIL, "email", J_S) X(ME_CREATED, "date_created", J_S) \
	X(ME_ORGS, "organizations", J_JSON) X(ME_MEMBERSHIPS, "memberships", J_JSON)
enum { ME_COLS(J_ENUM) ME__N };
static const char *const me_names[] = { ME_COLS(J_NAME) NULL };
static const struct jcol me_desc[] = { ME_COLS(J_DESC) };
static struct db_sql q_me = DB_SQL_COLS(
    "SELECT u.pid AS id, u.name, SUBSTRING_INDEX(u.name, ' ', 1) AS first_name,"
    " TRIM(SUBSTRING(u.name, LENGTH(SUBSTRING_INDEX(u.name, ' ', 1)) + 1)) AS last_name, u.email,"
    " " ISO("u.date_created") " AS date_created,"
    " JSON_ARRAY(JSON_OBJECT('id', o.pid, 'name', o.name)) AS organizations,"
    " JSON_ARRAY(JSON_OBJECT('organization_id', o.pid, 'role_id', m.role)) AS memberships"
    " FROM users u JOIN memberships m ON m.user_id = u.id AND m.organization_id = ?"
    " JOIN organizations o ON o.id = m.organization_id WHERE u.id = ?", me_names);

static int
get_me(struct req *r)
{
	struct db_res res;
	enum db_err e;
	json_t *o;
	int st;

	if ((st = begin(r, "user")) != 0)
		return st;
	if ((e = db_read(&r->arena, &q_me, DB_ARGS(DB_INT(r->who.org_id), DB_INT(r->who.user_id)),
	    &res)) != DB_OK)
		return api_db_error(r, e);
	if (res.nrows != 1)
		return api_error(r, 404, "There is no such user.");
	o = row_json(&res, 0, me_desc, ME__N);
	json_object_set_new(o, "organization_id", json_string(r->who.org_pid));
	only_fields(r, o);
	return answer(r, 200, o);
}

/* ---- statuses ---- */

#define LS_COLS(X) X(LS_ID, "id", J_S) X(LS_LABEL, "label", J_S) X(LS_ORG, "organization_id", J_S)
enum { LS_COLS(J_ENUM) LS__N };
static const char *const ls_names[] = { LS_COLS(J_NAME) NULL };
static const struct jcol ls_desc[] = { LS_COLS(J_DESC) };
static struct db_sql q_lead_statuses = DB_SQL_COLS(
    "SELECT s.pid AS id, s.label, o.pid AS organization_id FROM lead_statuses s"
    " JOIN organizations o ON o.id = s.organization_id"
    " WHERE s.organization_id = ? ORDER BY s.position, s.id LIMIT ? OFFSET ?", ls_names);

#define OS_COLS(X) X(OS_ID, "id", J_S) X(OS_LABEL, "label", J_S) X(OS_TYPE, "type", J_S) \
	X(OS_ORG, "organization_id", J_S)
enum { OS_COLS(J_ENUM) OS__N };
static const char *const os_names[] = { OS_COLS(J_NAME) NULL };
static const struct jcol os_desc[] = { OS_COLS(J_DESC) };
static struct db_sql q_opp_statuses = DB_SQL_COLS(
    "SELECT s.pid AS id, s.label, s.type, o.pid AS organization_id FROM opportunity_statuses s"
    " JOIN organizations o ON o.id = s.organization_id"
    " WHERE s.organization_id = ? ORDER BY s.position, s.id LIMIT ? OFFSET ?", os_names);

static int
list_simple(struct req *r, struct db_sql *q, const struct jcol *desc, size_t n)
{
	struct db_res res;
	long long skip, limit;
	enum db_err e;
	int st;

	if ((st = begin(r, "status")) != 0 || (st = paging(r, &skip, &limit)) != 0)
		return st;
	if ((e = db_read(&r->arena, q, DB_ARGS(DB_INT(r->who.org_id), DB_INT(limit + 1),
	    DB_INT(skip)), &res)) != DB_OK)
		return api_db_error(r, e);
	return list_answer(r, &res, desc, n, limit);
}

static int
get_lead_statuses(struct req *r)
{
	return list_simple(r, &q_lead_statuses, ls_desc, LS__N);
}

static int
get_opp_statuses(struct req *r)
{
	return list_simple(r, &q_opp_statuses, os_desc, OS__N);
}

/* ---- contacts ---- */

#define CT_SELECT \
	"SELECT c.id AS _id, c.pid AS id, l.pid AS lead_id, o.pid AS organization_id, c.name," \
	" c.name AS display_name, c.title," \
	" (SELECT JSON_ARRAYAGG(JSON_OBJECT('email', e.email, 'type', e.type) ORDER BY e.position, e.id)" \
	"  FROM contact_emails e WHERE e.organization_id = c.organization_id AND e.contact_id = c.id) AS emails," \
	" (SELECT JSON_ARRAYAGG(JSON_OBJECT('phone', p.phone, 'type', p.type) ORDER BY p.position, p.id)" \
	"  FROM contact_phones p WHERE p.organization_id = c.organization_id AND p.contact_id = c.id) AS phones," \
	" " ISO("c.date_created") " AS date_created, " ISO("c.date_created") " AS date_updated" \
	" FROM contacts c JOIN leads l ON l.id = c.lead_id AND l.organization_id = c.organization_id" \
	" JOIN organizations o ON o.id = c.organization_id"
#define CT_COLS(X) \
	X(CT__ID, "_id", J_HIDE) X(CT_ID, "id", J_S) X(CT_LEAD, "lead_id", J_S) \
	X(CT_ORG, "organization_id", J_S) X(CT_NAME, "name", J_S) X(CT_DISPLAY, "display_name", J_S) \
	X(CT_TITLE, "title", J_S) X(CT_EMAILS, "emails", J_JSON) X(CT_PHONES, "phones", J_JSON) \
	X(CT_CREATED, "date_created", J_S) X(CT_UPDATED, "date_updated", J_S)
enum { CT_COLS(J_ENUM) CT__N };
static const char *const ct_names[] = { CT_COLS(J_NAME) NULL };
static const struct jcol ct_desc[] = { CT_COLS(J_DESC) };
static struct db_sql q_contact = DB_SQL_COLS(CT_SELECT
    " WHERE c.organization_id = ? AND c.pid = ?", ct_names);
static struct db_sql q_contacts_of = DB_SQL_COLS(CT_SELECT
    " WHERE c.organization_id = ? AND c.lead_id = ? ORDER BY c.id", ct_names);
static struct db_sql q_contacts = DB_SQL_COLS(CT_SELECT
    " WHERE c.organization_id = ? AND (? IS NULL OR l.pid = ?) ORDER BY c.id LIMIT ? OFFSET ?",
    ct_names);

/* ---- opportunities ---- */

#define OP_SELECT \
	"SELECT p.id AS _id, p.pid AS id, l.pid AS lead_id, l.name AS lead_name, o.pid AS organization_id," \
	" s.pid AS status_id, s.label AS status_label, s.type AS status_type, p.value," \
	" p.value_currency, p.value_period, p.confidence, DATE_FORMAT(p.expected_date, '%Y-%m-%d') AS date_won," \
	" u.pid AS user_id, u.name AS user_name, c.pid AS contact_id, c.name AS contact_name, p.note," \
	" " ISO("p.date_created") " AS date_created, " ISO("p.date_updated") " AS date_updated" \
	" FROM opportunities p JOIN leads l ON l.id = p.lead_id AND l.organization_id = p.organization_id" \
	" JOIN organizations o ON o.id = p.organization_id" \
	" JOIN opportunity_statuses s ON s.id = p.status_id AND s.organization_id = p.organization_id" \
	" LEFT JOIN users u ON u.id = p.user_id" \
	" LEFT JOIN contacts c ON c.id = p.contact_id AND c.organization_id = p.organization_id"
#define OP_COLS(X) \
	X(OP__ID, "_id", J_HIDE) X(OP_ID, "id", J_S) X(OP_LEAD, "lead_id", J_S) \
	X(OP_LEAD_NAME, "lead_name", J_S) X(OP_ORG, "organization_id", J_S) \
	X(OP_STATUS, "status_id", J_S) X(OP_STATUS_LABEL, "status_label", J_S) \
	X(OP_STATUS_TYPE, "status_type", J_S) X(OP_VALUE, "value", J_I) \
	X(OP_CURRENCY, "value_currency", J_S) X(OP_PERIOD, "value_period", J_S) \
	X(OP_CONFIDENCE, "confidence", J_I) X(OP_DATE, "date_won", J_S) X(OP_USER, "user_id", J_S) \
	X(OP_USER_NAME, "user_name", J_S) X(OP_CONTACT, "contact_id", J_S) \
	X(OP_CONTACT_NAME, "contact_name", J_S) X(OP_NOTE, "note", J_S) \
	X(OP_CREATED, "date_created", J_S) X(OP_UPDATED, "date_updated", J_S)
enum { OP_COLS(J_ENUM) OP__N };
static const char *const op_names[] = { OP_COLS(J_NAME) NULL };
static const struct jcol op_desc[] = { OP_COLS(J_DESC) };
static struct db_sql q_opp = DB_SQL_COLS(OP_SELECT
    " WHERE p.organization_id = ? AND p.pid = ?", op_names);
static struct db_sql q_opps_of = DB_SQL_COLS(OP_SELECT
    " WHERE p.organization_id = ? AND p.lead_id = ? ORDER BY p.id", op_names);
static struct db_sql q_opps = DB_SQL_COLS(OP_SELECT
    " WHERE p.organization_id = ? AND (? IS NULL OR l.pid = ?) ORDER BY p.id LIMIT ? OFFSET ?",
    op_names);

/* ---- tasks ---- */

#define TK_SELECT \
	"SELECT t.id AS _id, t.pid AS id, 'lead' AS _type, l.pid AS lead_id, l.name AS lead_name," \
	" o.pid AS organization_id, t.text, DATE_FORMAT(t.due_date, '%Y-%m-%d') AS date," \
	" DATE_FORMAT(t.due_date, '%Y-%m-%d') AS due_date, u.pid AS assigned_to," \
	" u.name AS assigned_to_name, c.pid AS contact_id, c.name AS contact_name, t.is_complete," \
	" " ISO("t.date_created") " AS date_created, " ISO("COALESCE(t.date_completed, t.date_created)") \
	" AS date_updated" \
	" FROM tasks t JOIN leads l ON l.id = t.lead_id AND l.organization_id = t.organization_id" \
	" JOIN organizations o ON o.id = t.organization_id" \
	" LEFT JOIN users u ON u.id = t.assigned_to" \
	" LEFT JOIN contacts c ON c.id = t.contact_id AND c.organization_id = t.organization_id"
#define TK_COLS(X) \
	X(TK__ID, "_id", J_HIDE) X(TK_ID, "id", J_S) X(TK_TYPE, "_type", J_S) X(TK_LEAD, "lead_id", J_S) \
	X(TK_LEAD_NAME, "lead_name", J_S) X(TK_ORG, "organization_id", J_S) X(TK_TEXT, "text", J_S) \
	X(TK_DATE, "date", J_S) X(TK_DUE, "due_date", J_S) X(TK_ASSIGNEE, "assigned_to", J_S) \
	X(TK_ASSIGNEE_NAME, "assigned_to_name", J_S) X(TK_CONTACT, "contact_id", J_S) \
	X(TK_CONTACT_NAME, "contact_name", J_S) X(TK_COMPLETE, "is_complete", J_B) \
	X(TK_CREATED, "date_created", J_S) X(TK_UPDATED, "date_updated", J_S)
enum { TK_COLS(J_ENUM) TK__N };
static const char *const tk_names[] = { TK_COLS(J_NAME) NULL };
static const struct jcol tk_desc[] = { TK_COLS(J_DESC) };
static struct db_sql q_task = DB_SQL_COLS(TK_SELECT
    " WHERE t.organization_id = ? AND t.pid = ?", tk_names);
static struct db_sql q_tasks_of = DB_SQL_COLS(TK_SELECT
    " WHERE t.organization_id = ? AND t.lead_id = ? ORDER BY t.id", tk_names);
static struct db_sql q_tasks = DB_SQL_COLS(TK_SELECT
    " WHERE t.organization_id = ? AND (? IS NULL OR l.pid = ?) AND (? IS NULL OR t.is_complete = ?)"
    " ORDER BY t.id LIMIT ? OFFSET ?", tk_names);

/* ---- leads ---- */

#define LD_SELECT \
	"SELECT l.id AS _id, l.pid AS id, l.name, l.name AS display_name, l.url, l.description," \
	" s.pid AS status_id, s.label AS status_label, o.pid AS organization_id," \
	" " ISO("l.date_created") " AS date_created, " ISO("l.date_updated") " AS date_updated," \
	" cu.pid AS created_by, uu.pid AS updated_by" \
	" FROM leads l JOIN lead_statuses s ON s.id = l.status_id AND s.organization_id = l.organization_id" \
	" JOIN organizations o ON o.id = l.organization_id" \
	" LEFT JOIN users cu ON cu.id = l.created_by LEFT JOIN users uu ON uu.id = l.updated_by"
#define LD_COLS(X) \
	X(LD__ID, "_id", J_HIDE) X(LD_ID, "id", J_S) X(LD_NAME, "name", J_S) \
	X(LD_DISPLAY, "display_name", J_S) X(LD_URL, "url", J_S) X(LD_DESCRIPTION, "description", J_S) \
	X(LD_STATUS, "status_id", J_S) X(LD_STATUS_LABEL, "status_label", J_S) \
	X(LD_ORG, "organization_id", J_S) X(LD_CREATED, "date_created", J_S) \
	X(LD_UPDATED, "date_updated", J_S) X(LD_CREATED_BY, "created_by", J_S) \
	X(LD_UPDATED_BY, "updated_by", J_S)
enum { LD_COLS(J_ENUM) LD__N };
static const char *const ld_names[] = { LD_COLS(J_NAME) NULL };
static const struct jcol ld_desc[] = { LD_COLS(J_DESC) };
static struct db_sql q_lead = DB_SQL_COLS(LD_SELECT
    " WHERE l.organization_id = ? AND l.pid = ?", ld_names);
/*
 * The search (R3): each condition is off when its parameter is NULL. name:
 * and plain words match the name (words in order), status: the status's
 * label, email_address: a contact's address, phone_number: a contact's
 * number by its digits.
 */
static struct db_sql q_leads = DB_SQL_COLS(LD_SELECT
    " WHERE l.organization_id = ?"
    " AND (? IS NULL OR l.name LIKE ?)"
    " AND (? IS NULL OR s.label = ?)"
    " AND (? IS NULL OR EXISTS (SELECT 1 FROM contacts c JOIN contact_emails e"
    "  ON e.contact_id = c.id AND e.organization_id = c.organization_id"
    "  WHERE c.organization_id = l.organization_id AND c.lead_id = l.id AND e.email = ?))"
    " AND (? IS NULL OR EXISTS (SELECT 1 FROM contacts c JOIN contact_phones p"
    "  ON p.contact_id = c.id AND p.organization_id = c.organization_id"
    "  WHERE c.organization_id = l.organization_id AND c.lead_id = l.id AND p.phone_digits = ?))"
    " ORDER BY l.id LIMIT ? OFFSET ?", ld_names);

/* An object of the organization by its public id, as its query reads it:
 * 0 with the object in *out, or the status answered (404 alike for another
 * organization's id and an unknown one). */
static int
read_one(struct req *r, struct db_sql *q, const struct jcol *desc, size_t n, const char *pid,
    const char *what, struct db_res *res, json_t **out)
{
	enum db_err e;

	*out = NULL;
	if ((e = db_read(&r->arena, q, DB_ARGS(DB_INT(r->who.org_id), DB_STR(pid)), res)) != DB_OK)
		return api_db_error(r, e);
	if (res->nrows != 1)
		return api_error(r, 404, arena_printf(&r->arena, "There is no such %s.", what));
	*out = row_json(res, 0, desc, n);
	return 0;
}

/* The rows of q (org, internal lead id) as an array. */
static json_t *
rows_of(struct req *r, struct db_sql *q, long long lead_id, const struct jcol *desc, size_t n,
    enum db_err *e)
{
	struct db_res res;
	json_t *a = json_array();
	size_t i;

	if ((*e = db_read(&r->arena, q, DB_ARGS(DB_INT(r->who.org_id), DB_INT(lead_id)), &res)) != DB_OK)
		return a;
	for (i = 0; i < res.nrows; i++)
		json_array_append_new(a, row_json(&res, i, desc, n));
	return a;
}

/* The lead as Close gives it: with contacts, opportunities and tasks. */
static int
lead_answer(struct req *r, int status, const char *pid)
{
	struct db_res res;
	enum db_err e = DB_OK, e2 = DB_OK, e3 = DB_OK;
	json_t *o;
	long long id;
	int st;

	if ((st = read_one(r, &q_lead, ld_desc, LD__N, pid, "lead", &res, &o)) != 0)
		return st;
	id = db_get_int(&res, 0, LD__ID);
	json_object_set_new(o, "contacts", rows_of(r, &q_contacts_of, id, ct_desc, CT__N, &e));
	json_object_set_new(o, "opportunities", rows_of(r, &q_opps_of, id, op_desc, OP__N, &e2));
	json_object_set_new(o, "tasks", rows_of(r, &q_tasks_of, id, tk_desc, TK__N, &e3));
	json_object_set_new(o, "custom", json_object());
	if (e != DB_OK || e2 != DB_OK || e3 != DB_OK) {
		json_decref(o);
		return api_db_error(r, e != DB_OK ? e : e2 != DB_OK ? e2 : e3);
	}
	only_fields(r, o);
	return answer(r, status, o);
}

static int
get_lead(struct req *r)
{
	int st;

	if ((st = begin(r, "lead")) != 0)
		return st;
	return lead_answer(r, 200, r->arg[0]);
}

/* A LIKE pattern matching s anywhere, its own % _ and \ taken literally. */
static const char *
like_any(struct arena *a, const char *prev, const char *s)
{
	size_t n = strlen(s), i, o = 0;
	char *p = arena_alloc(a, 2 * n + 2);

	if (p == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			p[o++] = '\\';
		p[o++] = s[i];
	}
	p[o] = '\0';
	return arena_printf(a, "%s%s%%", prev != NULL ? prev : "%", p);
}

struct search {
	const char *name;     /* a LIKE pattern */
	const char *status;
	const char *email;
	const char *phone;    /* digits */
};

/*
 * Close's query syntax, the part leadline answers: terms separated by
 * spaces, each `field:value` or a plain word; a value or a word may be
 * "quoted" (with spaces inside). NULL, or the message of a 400.
 */
static const char *
parse_query(struct arena *a, const char *q, struct search *s)
{
	char *t;

	memset(s, 0, sizeof *s);
	while (q != NULL && *q != '\0') {
		const char *key = NULL;
		size_t klen = 0, len;
		char *val;

		while (*q == ' ')
			q++;
		if (*q == '\0')
			break;
		if (*q != '"') {
			len = strcspn(q, " :\"");
			if (q[len] == ':') {
				key = q;
				klen = len;
				q += len + 1;
			}
		}
		if (*q == '"') {
			const char *end = strchr(q + 1, '"');
			if (end == NULL)
				return "A quoted value of the query has no closing quote.";
			val = arena_strndup(a, q + 1, (size_t)(end - q - 1));
			q = end + 1;
		} else {
			len = strcspn(q, " ");
			val = arena_strndup(a, q, len);
			q += len;
		}
		if (val == NULL)
			return "Out of memory.";
		if (key == NULL || (klen == 4 && strncmp(key, "name", 4) == 0)) {
			s->name = like_any(a, s->name, val);
		} else if (klen == 6 && strncmp(key, "status", 6) == 0) {
			s->status = val;
		} else if (klen == 13 && strncmp(key, "email_address", 13) == 0) {
			s->email = val;
		} else if (klen == 12 && strncmp(key, "phone_number", 12) == 0) {
			char *f;
			for (t = f = val; *f != '\0'; f++)
				if (*f >= '0' && *f <= '9')
					*t++ = *f;
			*t = '\0';
			if (*val == '\0')
				return "phone_number: needs a number with digits.";
			s->phone = val;
		} else {
			return arena_printf(a, "The query cannot search by \"%.*s\": leadline answers "
			    "name:, status:, email_address:, phone_number: and plain words.", (int)klen, key);
		}
	}
	return NULL;
}

static int
list_leads(struct req *r)
{
	struct db_res res;
	struct search s;
	long long skip, limit;
	const char *msg;
	enum db_err e;
	int st;

	if ((st = begin(r, "lead")) != 0 || (st = paging(r, &skip, &limit)) != 0)
		return st;
	if ((msg = parse_query(&r->arena, qparam(r, "query"), &s)) != NULL)
		return one_field_error(r, "query", msg);
#define OPT(x) ((x) != NULL ? DB_STR(x) : DB_NULL)
	if ((e = db_read(&r->arena, &q_leads, DB_ARGS(DB_INT(r->who.org_id), OPT(s.name), OPT(s.name),
	    OPT(s.status), OPT(s.status), OPT(s.email), OPT(s.email), OPT(s.phone), OPT(s.phone),
	    DB_INT(limit + 1), DB_INT(skip)), &res)) != DB_OK)
		return api_db_error(r, e);
	return list_answer(r, &res, ld_desc, LD__N, limit);
}

static const struct bind lead_binds[] = {
	{ "name", "name", H_STR }, { "url", "url", H_STR }, { "description", "description", H_STR },
	{ "status_id", NULL, H_OWN }, { "status", NULL, H_OWN }, { "contacts", NULL, H_OWN },
	{ "id", NULL, H_IGNORE }, { "display_name", NULL, H_IGNORE },
	{ "organization_id", NULL, H_IGNORE }, { "status_label", NULL, H_IGNORE },
	{ "date_created", NULL, H_IGNORE }, { "date_updated", NULL, H_IGNORE },
	{ "created_by", NULL, H_IGNORE }, { "updated_by", NULL, H_IGNORE },
	{ NULL, NULL, H_STR },
};

static const char *const id_names[] = { "id", NULL };
static struct db_sql q_status_by_label = DB_SQL_COLS(
    "SELECT pid AS id FROM lead_statuses WHERE organization_id = ? AND label = ?", id_names);

/* The lead's new status (status_id, or status by its label, as Close
 * accepts), or NULL when none was given; a message in errs when it is no
 * status of the organization is leads_set_status's to give. */
static const char *
status_of(struct req *r, const json_t *body, struct valid_errs *errs, enum db_err *e)
{
	const char *pid = NULL, *label = NULL;
	struct db_res res;

	*e = DB_OK;
	if (own_str(&r->arena, body, "status_id", &pid, errs) != 0 ||
	    own_str(&r->arena, body, "status", &label, errs) != 0)
		return NULL;
	if (pid != NULL || label == NULL)
		return pid;
	if ((*e = db_read(&r->arena, &q_status_by_label, DB_ARGS(DB_INT(r->who.org_id),
	    DB_STR(label)), &res)) != DB_OK)
		return NULL;
	if (res.nrows != 1) {
		valid_add(errs, "status", "There is no lead status of that label.");
		return NULL;
	}
	return db_get(&res, 0, 0);
}

/* Sets the status when given: 0, or the status answered. */
static int
set_status(struct req *r, const char *lead_pid, const char *status_pid)
{
	enum leads_change ch;
	enum db_err e;

	if (status_pid == NULL)
		return 0;
	if ((e = leads_set_status(&r->arena, r->who.org_id, r->who.user_id, lead_pid, status_pid,
	    &ch)) != DB_OK)
		return api_db_error(r, e);
	if (ch == LEADS_NO_STATUS)
		return one_field_error(r, "status_id", "There is no such lead status.");
	if (ch == LEADS_NO_LEAD)
		return api_error(r, 404, "There is no such lead.");
	return 0;
}

/* The contacts of a new lead: each an object of the contact's fields. */
static int
bind_contacts(struct req *r, const json_t *body, struct contacts_in **out, size_t *n)
{
	json_t *list = json_object_get(body, "contacts"), *c;
	struct valid_errs errs;
	size_t i;

	*out = NULL;
	*n = 0;
	if (list == NULL || json_is_null(list))
		return 0;
	if (!json_is_array(list))
		return one_field_error(r, "contacts", "Must be a list of contacts.");
	if ((*out = arena_alloc(&r->arena, (json_array_size(list) + 1) * sizeof **out)) == NULL)
		return api_error(r, 500, "Out of memory.");
	valid_reset(&errs);
	json_array_foreach(list, i, c) {
		if (!json_is_object(c) || form_from_json(&r->arena, &contacts_form, c, &(*out)[i], &errs) != 0) {
			if (errs.n == 0)
				valid_add(&errs, "contacts", "Must be a list of contacts.");
			return field_errors(r, &errs, NULL);
		}
	}
	*n = json_array_size(list);
	return 0;
}

static int
post_lead(struct req *r)
{
	struct leadedit_in in;
	struct contacts_in *contacts = NULL;
	struct valid_errs errs;
	char pid[IDS_MAXLEN];
	const char *status;
	enum valid_rc rc;
	enum db_err e;
	size_t n = 0;
	json_t *body;
	int st;

	if ((st = begin(r, "lead")) != 0)
		return st;
	if ((st = bind_body(r, lead_binds, &leadedit_form, NULL, NULL, &body, &in)) != 0) {
		json_decref(body);
		return st;
	}
	valid_reset(&errs);
	status = status_of(r, body, &errs, &e);
	if (e == DB_OK && errs.n == 0)
		st = bind_contacts(r, body, &contacts, &n);
	json_decref(body);
	if (e != DB_OK)
		return api_db_error(r, e);
	if (errs.n > 0)
		return field_errors(r, &errs, NULL);
	if (st != 0)
		return st;
	rc = leadedit_create_with(&r->arena, r->who.org_id, r->who.user_id, &in, contacts, n, pid,
	    &errs);
	if ((st = write_answer(r, rc, &errs, NULL, "lead")) != 0)
		return st;
	if ((st = set_status(r, pid, status)) != 0)
		return st;
	return lead_answer(r, 200, pid);
}

static int
put_lead(struct req *r)
{
	struct leadedit_in in;
	struct valid_errs errs;
	struct db_res res;
	const char *status, *pid = r->arg[0];
	enum valid_rc rc;
	enum db_err e;
	json_t *cur, *body;
	int st;

	if ((st = begin(r, "lead")) != 0)
		return st;
	if ((st = read_one(r, &q_lead, ld_desc, LD__N, pid, "lead", &res, &cur)) != 0)
		return st;
	json_decref(cur);
	/* the current values as the form holds them */
	cur = json_pack("{s:s,s:s?,s:s?}", "name", db_get(&res, 0, LD_NAME),
	    "url", db_is_null(&res, 0, LD_URL) ? NULL : db_get(&res, 0, LD_URL),
	    "description", db_is_null(&res, 0, LD_DESCRIPTION) ? NULL : db_get(&res, 0, LD_DESCRIPTION));
	st = bind_body(r, lead_binds, &leadedit_form, cur, NULL, &body, &in);
	json_decref(cur);
	if (st != 0) {
		json_decref(body);
		return st;
	}
	valid_reset(&errs);
	status = status_of(r, body, &errs, &e);
	if (e == DB_OK && errs.n == 0 && json_object_get(body, "contacts") != NULL)
		valid_add(&errs, "contacts", "A lead's contacts are changed by /contact/.");
	json_decref(body);
	if (e != DB_OK)
		return api_db_error(r, e);
	if (errs.n > 0)
		return field_errors(r, &errs, NULL);
	rc = leadedit_update(&r->arena, r->who.org_id, r->who.user_id, pid, &in, &errs);
	if ((st = write_answer(r, rc, &errs, NULL, "lead")) != 0)
		return st;
	if ((st = set_status(r, pid, status)) != 0)
		return st;
	return lead_answer(r, 200, pid);
}

/* ---- contacts, opportunities, tasks: the object and its lead ---- */

static int
list_of_lead(struct req *r, struct db_sql *q, const struct jcol *desc, size_t n, const char *what)
{
	struct db_res res;
	long long skip, limit;
	const char *lead = qparam(r, "lead_id");
	enum db_err e;
	int st;

	if ((st = begin(r, what)) != 0 || (st = paging(r, &skip, &limit)) != 0)
		return st;
	if ((e = db_read(&r->arena, q, DB_ARGS(DB_INT(r->who.org_id), OPT(lead), OPT(lead),
	    DB_INT(limit + 1), DB_INT(skip)), &res)) != DB_OK)
		return api_db_error(r, e);
	return list_answer(r, &res, desc, n, limit);
}

static int
get_object(struct req *r, struct db_sql *q, const struct jcol *desc, size_t n, const char *what)
{
	struct db_res res;
	json_t *o;
	int st;

	if ((st = begin(r, what)) != 0)
		return st;
	if ((st = read_one(r, q, desc, n, r->arg[0], what, &res, &o)) != 0)
		return st;
	only_fields(r, o);
	return answer(r, 200, o);
}

/* The lead_id of a new object: 0 with *lead, or the status answered. */
static int
lead_of_body(struct req *r, const json_t *body, const char **lead)
{
	struct valid_errs errs;

	valid_reset(&errs);
	if (own_str(&r->arena, body, "lead_id", lead, &errs) != 0)
		return field_errors(r, &errs, NULL);
	if (*lead == NULL || !ids_valid("lead_", *lead))
		return one_field_error(r, "lead_id", *lead == NULL ? "This field is required." :
		    "There is no such lead.");
	return 0;
}

/* contacts */

static const struct bind contact_binds[] = {
	{ "name", "name", H_STR }, { "title", "title", H_STR },
	{ "emails", "emails", H_PASS }, { "phones", "phones", H_PASS },
	{ "lead_id", NULL, H_OWN },
	{ "id", NULL, H_IGNORE }, { "organization_id", NULL, H_IGNORE },
	{ "display_name", NULL, H_IGNORE }, { "date_created", NULL, H_IGNORE },
	{ "date_updated", NULL, H_IGNORE },
	{ NULL, NULL, H_STR },
};

static int
list_contacts(struct req *r)
{
	return list_of_lead(r, &q_contacts, ct_desc, CT__N, "contact");
}

static int
get_contact(struct req *r)
{
	return get_object(r, &q_contact, ct_desc, CT__N, "contact");
}

static int
post_contact(struct req *r)
{
	struct contacts_in in;
	struct valid_errs errs;
	struct db_res res;
	char pid[IDS_MAXLEN];
	const char *lead;
	enum valid_rc rc;
	json_t *body, *o;
	int st;

	if ((st = begin(r, "contact")) != 0)
		return st;
	if ((st = bind_body(r, contact_binds, &contacts_form, NULL, NULL, &body, &in)) != 0 ||
	    (st = lead_of_body(r, body, &lead)) != 0) {
		json_decref(body);
		return st;
	}
	json_decref(body);
	rc = contacts_add(&r->arena, r->who.org_id, r->who.user_id, lead, &in, pid, &errs);
	if (rc == VALID_NOT_FOUND)
		return one_field_error(r, "lead_id", "There is no such lead.");
	if ((st = write_answer(r, rc, &errs, NULL, "contact")) != 0)
		return st;
	if ((st = read_one(r, &q_contact, ct_desc, CT__N, pid, "contact", &res, &o)) != 0)
		return st;
	return answer(r, 200, o);
}

static int
put_contact(struct req *r)
{
	struct contacts_in in;
	struct valid_errs errs;
	struct db_res res;
	const char *lead;
	enum valid_rc rc;
	json_t *cur, *body, *o;
	int st;

	if ((st = begin(r, "contact")) != 0)
		return st;
	if ((st = read_one(r, &q_contact, ct_desc, CT__N, r->arg[0], "contact", &res, &cur)) != 0)
		return st;
	lead = db_get(&res, 0, CT_LEAD);
	json_object_del(cur, "id");
	json_object_del(cur, "lead_id");
	json_object_del(cur, "organization_id");
	json_object_del(cur, "display_name");
	json_object_del(cur, "date_created");
	json_object_del(cur, "date_updated");
	st = bind_body(r, contact_binds, &contacts_form, cur, NULL, &body, &in);
	json_decref(cur);
	if (st == 0 && json_object_get(body, "lead_id") != NULL &&
	    (!json_is_string(json_object_get(body, "lead_id")) ||
	    strcmp(json_string_value(json_object_get(body, "lead_id")), lead) != 0))
		st = one_field_error(r, "lead_id", "A contact stays on its lead.");
	json_decref(body);
	if (st != 0)
		return st;
	rc = contacts_update(&r->arena, r->who.org_id, r->who.user_id, lead, r->arg[0], &in, &errs);
	if ((st = write_answer(r, rc, &errs, NULL, "contact")) != 0)
		return st;
	if ((st = read_one(r, &q_contact, ct_desc, CT__N, r->arg[0], "contact", &res, &o)) != 0)
		return st;
	only_fields(r, o);
	return answer(r, 200, o);
}

/* A delete of an object of a lead: rm(org, user, lead, pid, errs). */
typedef enum valid_rc (*remove_fn)(struct arena *, long long, long long, const char *,
    const char *, struct valid_errs *);

static int
delete_object(struct req *r, struct db_sql *q, const struct jcol *desc, size_t n, size_t lead_col,
    const char *what, remove_fn rm)
{
	struct valid_errs errs;
	struct db_res res;
	enum valid_rc rc;
	json_t *o;
	int st;

	if ((st = begin(r, what)) != 0)
		return st;
	if ((st = read_one(r, q, desc, n, r->arg[0], what, &res, &o)) != 0)
		return st;
	json_decref(o);
	rc = rm(&r->arena, r->who.org_id, r->who.user_id, db_get(&res, 0, lead_col), r->arg[0], &errs);
	if ((st = write_answer(r, rc, &errs, NULL, what)) != 0)
		return st;
	return answer(r, 200, json_object());
}

static int
delete_contact(struct req *r)
{
	return delete_object(r, &q_contact, ct_desc, CT__N, CT_LEAD, "contact", contacts_remove);
}

/* opportunities */

static const struct rename opp_renames[] = {
	{ "date_won", "expected_date" }, { NULL, NULL },
};

static const struct bind opp_binds[] = {
	{ "status_id", "status_id", H_STR }, { "value", NULL, H_OWN },
	{ "value_currency", "value_currency", H_STR }, { "value_period", "value_period", H_STR },
	{ "confidence", "confidence", H_INT }, { "date_won", "expected_date", H_STR },
	{ "user_id", "user_id", H_STR }, { "contact_id", "contact_id", H_STR },
	{ "note", "note", H_STR }, { "lead_id", NULL, H_OWN },
	{ "id", NULL, H_IGNORE }, { "organization_id", NULL, H_IGNORE },
	{ "status_label", NULL, H_IGNORE }, { "status_type", NULL, H_IGNORE },
	{ "lead_name", NULL, H_IGNORE }, { "user_name", NULL, H_IGNORE },
	{ "contact_name", NULL, H_IGNORE }, { "date_created", NULL, H_IGNORE },
	{ "date_updated", NULL, H_IGNORE },
	{ NULL, NULL, H_STR },
};

/* Close's value is a whole number of minor units (cents); the form's is an
 * amount in the currency: 120050 in USD is "1200.50". */
static int
value_of(struct req *r, const json_t *body, const char *currency, long long cur_minor,
    const char **out)
{
	json_t *v = json_object_get(body, "value");
	struct valid_errs errs;
	const struct valid_spec spec = { "value_currency", "The currency", 0, 0 };
	const char *code;
	long long minor = cur_minor, div = 1;
	int exp = 2, k;

	valid_reset(&errs);
	if (v != NULL && !json_is_null(v) && !json_is_integer(v))
		return one_field_error(r, "value", "Must be a whole number of minor units (cents).");
	if (v != NULL)
		minor = json_is_null(v) ? 0 : (long long)json_integer_value(v);
	if (minor < 0)
		return one_field_error(r, "value", "Must not be negative.");
	if (currency != NULL && *currency != '\0' &&
	    !valid_currency(&r->arena, &errs, &spec, currency, &code, &exp))
		return field_errors(r, &errs, NULL);
	for (k = 0; k < exp; k++)
		div *= 10;
	*out = exp == 0 ? arena_printf(&r->arena, "%lld", minor) :
	    arena_printf(&r->arena, "%lld.%0*lld", minor / div, exp, minor % div);
	return 0;
}

static int
list_opps(struct req *r)
{
	return list_of_lead(r, &q_opps, op_desc, OP__N, "opportunity");
}

static int
get_opp(struct req *r)
{
	return get_object(r, &q_opp, op_desc, OP__N, "opportunity");
}

static int
post_opp(struct req *r)
{
	struct opportunities_in in;
	struct valid_errs errs;
	struct db_res res;
	char pid[IDS_MAXLEN];
	const char *lead;
	enum valid_rc rc;
	json_t *body, *o;
	int st;

	if ((st = begin(r, "opportunity")) != 0)
		return st;
	if ((st = bind_body(r, opp_binds, &opportunities_form, NULL, opp_renames, &body, &in)) != 0 ||
	    (st = lead_of_body(r, body, &lead)) != 0 ||
	    (st = value_of(r, body, in.value_currency, 0, &in.value)) != 0) {
		json_decref(body);
		return st;
	}
	json_decref(body);
	rc = opportunities_add(&r->arena, r->who.org_id, r->who.user_id, lead, &in, pid, &errs);
	if (rc == VALID_NOT_FOUND)
		return one_field_error(r, "lead_id", "There is no such lead.");
	if ((st = write_answer(r, rc, &errs, opp_renames, "opportunity")) != 0)
		return st;
	if ((st = read_one(r, &q_opp, op_desc, OP__N, pid, "opportunity", &res, &o)) != 0)
		return st;
	return answer(r, 200, o);
}

static int
put_opp(struct req *r)
{
	struct opportunities_in in;
	struct valid_errs errs;
	struct db_res res;
	const char *lead;
	enum valid_rc rc;
	json_t *cur, *body, *o, *m;
	int st;

	if ((st = begin(r, "opportunity")) != 0)
		return st;
	if ((st = read_one(r, &q_opp, op_desc, OP__N, r->arg[0], "opportunity", &res, &cur)) != 0)
		return st;
	json_decref(cur);
	lead = db_get(&res, 0, OP_LEAD);
	/* the current values as the form holds them */
	m = json_pack("{s:s,s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s?}",
	    "status_id", db_get(&res, 0, OP_STATUS), "value_currency", db_get(&res, 0, OP_CURRENCY),
	    "value_period", db_get(&res, 0, OP_PERIOD), "confidence", db_get(&res, 0, OP_CONFIDENCE),
	    "expected_date", db_is_null(&res, 0, OP_DATE) ? NULL : db_get(&res, 0, OP_DATE),
	    "user_id", db_is_null(&res, 0, OP_USER) ? NULL : db_get(&res, 0, OP_USER),
	    "contact_id", db_is_null(&res, 0, OP_CONTACT) ? NULL : db_get(&res, 0, OP_CONTACT),
	    "note", db_is_null(&res, 0, OP_NOTE) ? NULL : db_get(&res, 0, OP_NOTE));
	st = bind_body(r, opp_binds, &opportunities_form, m, opp_renames, &body, &in);
	json_decref(m);
	if (st == 0)
		st = value_of(r, body, in.value_currency, db_get_int(&res, 0, OP_VALUE), &in.value);
	json_decref(body);
	if (st != 0)
		return st;
	rc = opportunities_update(&r->arena, r->who.org_id, r->who.user_id, lead, r->arg[0], &in, &errs);
	if ((st = write_answer(r, rc, &errs, opp_renames, "opportunity")) != 0)
		return st;
	if ((st = read_one(r, &q_opp, op_desc, OP__N, r->arg[0], "opportunity", &res, &o)) != 0)
		return st;
	only_fields(r, o);
	return answer(r, 200, o);
}

static int
delete_opp(struct req *r)
{
	return delete_object(r, &q_opp, op_desc, OP__N, OP_LEAD, "opportunity", opportunities_remove);
}

/* tasks */

static const struct rename task_renames[] = {
	{ "date", "due_date" }, { NULL, NULL },
};

static const struct bind task_binds[] = {
	{ "text", "text", H_STR }, { "date", "due_date", H_STR }, { "due_date", "due_date", H_STR },
	{ "assigned_to", "assigned_to", H_STR }, { "contact_id", "contact_id", H_STR },
	{ "lead_id", NULL, H_OWN }, { "is_complete", NULL, H_OWN }, { "_type", NULL, H_IGNORE },
	{ "id", NULL, H_IGNORE }, { "organization_id", NULL, H_IGNORE },
	{ "lead_name", NULL, H_IGNORE }, { "assigned_to_name", NULL, H_IGNORE },
	{ "contact_name", NULL, H_IGNORE }, { "date_created", NULL, H_IGNORE },
	{ "date_updated", NULL, H_IGNORE },
	{ NULL, NULL, H_STR },
};

static int
list_tasks(struct req *r)
{
	struct db_res res;
	long long skip, limit;
	const char *lead = qparam(r, "lead_id"), *done = qparam(r, "is_complete");
	enum db_err e;
	int st;

	if ((st = begin(r, "task")) != 0 || (st = paging(r, &skip, &limit)) != 0)
		return st;
	if (done != NULL && strcmp(done, "true") != 0 && strcmp(done, "false") != 0)
		return one_field_error(r, "is_complete", "Must be true or false.");
	if ((e = db_read(&r->arena, &q_tasks, DB_ARGS(DB_INT(r->who.org_id), OPT(lead), OPT(lead),
	    done ? DB_INT(strcmp(done, "true") == 0) : DB_NULL,
	    done ? DB_INT(strcmp(done, "true") == 0) : DB_NULL,
	    DB_INT(limit + 1), DB_INT(skip)), &res)) != DB_OK)
		return api_db_error(r, e);
	return list_answer(r, &res, tk_desc, TK__N, limit);
}

static int
get_task(struct req *r)
{
	return get_object(r, &q_task, tk_desc, TK__N, "task");
}

/* is_complete: true completes the task (its task_completed activity);
 * false on a complete task is refused, as leadline does not reopen tasks. */
static int
complete_of(struct req *r, const json_t *body, int *complete)
{
	json_t *v = json_object_get(body, "is_complete");

	*complete = 0;
	if (v == NULL || json_is_false(v) || json_is_null(v))
		return 0;
	if (!json_is_true(v))
		return one_field_error(r, "is_complete", "Must be true or false.");
	*complete = 1;
	return 0;
}

static int
post_task(struct req *r)
{
	struct tasks_in in;
	struct valid_errs errs;
	struct db_res res;
	char pid[IDS_MAXLEN];
	const char *lead;
	enum valid_rc rc;
	json_t *body, *o;
	int st, complete;

	if ((st = begin(r, "task")) != 0)
		return st;
	if ((st = bind_body(r, task_binds, &tasks_form, NULL, task_renames, &body, &in)) != 0 ||
	    (st = lead_of_body(r, body, &lead)) != 0 || (st = complete_of(r, body, &complete)) != 0) {
		json_decref(body);
		return st;
	}
	json_decref(body);
	rc = tasks_add(&r->arena, r->who.org_id, r->who.user_id, lead, &in, pid, &errs);
	if (rc == VALID_NOT_FOUND)
		return one_field_error(r, "lead_id", "There is no such lead.");
	if ((st = write_answer(r, rc, &errs, task_renames, "task")) != 0)
		return st;
	if (complete) {
		rc = tasks_complete(&r->arena, r->who.org_id, r->who.user_id, lead, pid, &errs);
		if ((st = write_answer(r, rc, &errs, task_renames, "task")) != 0)
			return st;
	}
	if ((st = read_one(r, &q_task, tk_desc, TK__N, pid, "task", &res, &o)) != 0)
		return st;
	return answer(r, 200, o);
}

static int
put_task(struct req *r)
{
	struct tasks_in in;
	struct valid_errs errs;
	struct db_res res;
	const char *lead;
	enum valid_rc rc;
	json_t *cur, *body, *o, *m;
	int st, complete, was;

	if ((st = begin(r, "task")) != 0)
		return st;
	if ((st = read_one(r, &q_task, tk_desc, TK__N, r->arg[0], "task", &res, &cur)) != 0)
		return st;
	json_decref(cur);
	lead = db_get(&res, 0, TK_LEAD);
	was = db_get_int(&res, 0, TK_COMPLETE) != 0;
	m = json_pack("{s:s,s:s?,s:s?,s:s?}", "text", db_get(&res, 0, TK_TEXT),
	    "due_date", db_is_null(&res, 0, TK_DUE) ? NULL : db_get(&res, 0, TK_DUE),
	    "assigned_to", db_is_null(&res, 0, TK_ASSIGNEE) ? NULL : db_get(&res, 0, TK_ASSIGNEE),
	    "contact_id", db_is_null(&res, 0, TK_CONTACT) ? NULL : db_get(&res, 0, TK_CONTACT));
	st = bind_body(r, task_binds, &tasks_form, m, task_renames, &body, &in);
	json_decref(m);
	if (st == 0)
		st = complete_of(r, body, &complete);
	if (st == 0 && was && json_is_false(json_object_get(body, "is_complete")))
		st = one_field_error(r, "is_complete", "A complete task cannot be opened again.");
	json_decref(body);
	if (st != 0)
		return st;
	rc = tasks_update(&r->arena, r->who.org_id, r->who.user_id, lead, r->arg[0], &in, &errs);
	if ((st = write_answer(r, rc, &errs, task_renames, "task")) != 0)
		return st;
	if (complete && !was) {
		rc = tasks_complete(&r->arena, r->who.org_id, r->who.user_id, lead, r->arg[0], &errs);
		if ((st = write_answer(r, rc, &errs, task_renames, "task")) != 0)
			return st;
	}
	if ((st = read_one(r, &q_task, tk_desc, TK__N, r->arg[0], "task", &res, &o)) != 0)
		return st;
	only_fields(r, o);
	return answer(r, 200, o);
}

static int
delete_task(struct req *r)
{
	return delete_object(r, &q_task, tk_desc, TK__N, TK_LEAD, "task", tasks_remove);
}

/* ---- activities ---- */

#define AC_SELECT \
	"SELECT a.id AS _id, a.pid AS id," \
	" ELT(FIELD(a.type, 'email', 'call', 'sms', 'meeting', 'note', 'lead_status_change'," \
	"  'opportunity_status_change', 'task_completed', 'custom'), 'Email', 'Call', 'SMS', 'Meeting'," \
	"  'Note', 'LeadStatusChange', 'OpportunityStatusChange', 'TaskCompleted', 'Custom') AS _type," \
	" l.pid AS lead_id, o.pid AS organization_id, u.pid AS user_id, u.name AS user_name," \
	" c.pid AS contact_id, " ISO("a.activity_at") " AS activity_at," \
	" " ISO("a.date_created") " AS date_created, " ISO("a.date_updated") " AS date_updated," \
	" IF(a.type = 'note', a.body_text, IF(a.type = 'call', a.body_text, NULL)) AS note," \
	" a.direction, a.subject, a.sender," \
	" IF(a.type = 'email', COALESCE(a.recipients_to, ''), NULL) AS `to`," \
	" IF(a.type = 'email', COALESCE(a.recipients_cc, ''), NULL) AS cc," \
	" IF(a.type IN ('email', 'sms'), a.body_text, NULL) AS body_text," \
	" IF(a.type = 'email', IF(a.direction = 'incoming', 'inbox', 'sent'), NULL) AS status," \
	" a.phone, a.duration, a.outcome AS disposition," \
	" a.old_status_label, a.new_status_label" \
	" FROM activities a JOIN leads l ON l.id = a.lead_id AND l.organization_id = a.organization_id" \
	" JOIN organizations o ON o.id = a.organization_id" \
	" LEFT JOIN users u ON u.id = a.user_id" \
	" LEFT JOIN contacts c ON c.id = a.contact_id AND c.organization_id = a.organization_id"
#define AC_COLS(X) \
	X(AC__ID, "_id", J_HIDE) X(AC_ID, "id", J_S) X(AC_TYPE, "_type", J_S) X(AC_LEAD, "lead_id", J_S) \
	X(AC_ORG, "organization_id", J_S) X(AC_USER, "user_id", J_S) X(AC_USER_NAME, "user_name", J_S) \
	X(AC_CONTACT, "contact_id", J_S) X(AC_AT, "activity_at", J_S) X(AC_CREATED, "date_created", J_S) \
	X(AC_UPDATED, "date_updated", J_S) X(AC_NOTE, "note", J_S) X(AC_DIRECTION, "direction", J_S) \
	X(AC_SUBJECT, "subject", J_S) X(AC_SENDER, "sender", J_S) X(AC_TO, "to", J_LIST) \
	X(AC_CC, "cc", J_LIST) X(AC_BODY, "body_text", J_S) X(AC_STATUS, "status", J_S) \
	X(AC_PHONE, "phone", J_S) X(AC_DURATION, "duration", J_I) X(AC_DISPOSITION, "disposition", J_S) \
	X(AC_OLD, "old_status_label", J_S) X(AC_NEW, "new_status_label", J_S)
enum { AC_COLS(J_ENUM) AC__N };
static const char *const ac_names[] = { AC_COLS(J_NAME) NULL };
static const struct jcol ac_desc[] = { AC_COLS(J_DESC) };
/* one activity of a type (NULL: any) */
static struct db_sql q_activity = DB_SQL_COLS(AC_SELECT
    " WHERE a.organization_id = ? AND a.pid = ? AND a.deleted_at IS NULL AND (? IS NULL OR a.type = ?)",
    ac_names);
static struct db_sql q_activities = DB_SQL_COLS(AC_SELECT
    " WHERE a.organization_id = ? AND a.deleted_at IS NULL AND (? IS NULL OR l.pid = ?)"
    " AND (? IS NULL OR a.type = ?) AND (? IS NULL OR u.pid = ?)"
    " AND (? IS NULL OR a.date_created >= ?) AND (? IS NULL OR a.date_created <= ?)"
    " ORDER BY a.activity_at DESC, a.id DESC LIMIT ? OFFSET ?", ac_names);

/* Close's _type names and leadline's types. */
static const struct { const char *api, *type, *path; } act_types[] = {
	{ "Email", "email", "email" }, { "Call", "call", "call" }, { "SMS", "sms", "sms" },
	{ "Meeting", "meeting", "meeting" }, { "Note", "note", "note" },
	{ "LeadStatusChange", "lead_status_change", "status_change/lead" },
	{ "OpportunityStatusChange", "opportunity_status_change", "status_change/opportunity" },
	{ "TaskCompleted", "task_completed", "task_completed" }, { "Custom", "custom", "custom" },
};

/* The type of an activity path ("/api/v1/activity/note/..."), or NULL. */
static const char *
type_of_path(const char *path)
{
	const char *p = path + strlen("/api/v1/activity/");
	size_t i, n;

	if (strncmp(path, "/api/v1/activity/", strlen("/api/v1/activity/")) != 0)
		return NULL;
	for (i = 0; i < sizeof act_types / sizeof act_types[0]; i++) {
		n = strlen(act_types[i].path);
		if (strncmp(p, act_types[i].path, n) == 0 && p[n] == '/')
			return act_types[i].type;
	}
	return NULL;
}

/* An ISO date or datetime of a filter into "YYYY-MM-DD HH:MM:SS" UTC, or NULL. */
static const char *
filter_time(struct arena *a, const char *v)
{
	size_t n;

	if (v == NULL)
		return NULL;
	n = strlen(v);
	if (n == 10 && v[4] == '-' && v[7] == '-')
		return arena_printf(a, "%s 00:00:00", v);
	if (n >= 19 && v[4] == '-' && v[10] == 'T')
		return arena_printf(a, "%.10s %.8s", v, v + 11);
	return "";
}

static int
list_activities(struct req *r)
{
	struct db_res res;
	long long skip, limit;
	const char *type = type_of_path(r->path), *t = qparam(r, "_type");
	const char *lead = qparam(r, "lead_id"), *user = qparam(r, "user_id");
	const char *gte = filter_time(&r->arena, qparam(r, "date_created__gte"));
	const char *lte = filter_time(&r->arena, qparam(r, "date_created__lte"));
	enum db_err e;
	size_t i;
	int st;

	if ((st = begin(r, "activity")) != 0 || (st = paging(r, &skip, &limit)) != 0)
		return st;
	if (t != NULL && type == NULL) {
		for (i = 0; i < sizeof act_types / sizeof act_types[0]; i++)
			if (strcmp(act_types[i].api, t) == 0)
				type = act_types[i].type;
		if (type == NULL)
			return one_field_error(r, "_type", "There is no activity type of that name.");
	}
	if ((gte != NULL && *gte == '\0') || (lte != NULL && *lte == '\0'))
		return one_field_error(r, "date_created", "Must be a date or an ISO date and time.");
	if ((e = db_read(&r->arena, &q_activities, DB_ARGS(DB_INT(r->who.org_id), OPT(lead), OPT(lead),
	    OPT(type), OPT(type), OPT(user), OPT(user), OPT(gte), OPT(gte), OPT(lte), OPT(lte),
	    DB_INT(limit + 1), DB_INT(skip)), &res)) != DB_OK)
		return api_db_error(r, e);
	return list_answer(r, &res, ac_desc, AC__N, limit);
}

static int
activity_answer(struct req *r, const char *pid, const char *type)
{
	struct db_res res;
	enum db_err e;
	json_t *o;

	if ((e = db_read(&r->arena, &q_activity, DB_ARGS(DB_INT(r->who.org_id), DB_STR(pid),
	    OPT(type), OPT(type)), &res)) != DB_OK)
		return api_db_error(r, e);
	if (res.nrows != 1)
		return api_error(r, 404, "There is no such activity.");
	o = row_json(&res, 0, ac_desc, AC__N);
	only_fields(r, o);
	return answer(r, 200, o);
}

static int
get_activity(struct req *r)
{
	int st;

	if ((st = begin(r, "activity")) != 0)
		return st;
	return activity_answer(r, r->arg[0], type_of_path(r->path));
}

static const struct bind note_binds[] = {
	{ "note", "text", H_STR }, { "contact_id", "contact_id", H_STR }, { "lead_id", NULL, H_OWN },
	{ "_type", NULL, H_IGNORE }, { "id", NULL, H_IGNORE }, { "organization_id", NULL, H_IGNORE },
	{ "user_id", NULL, H_IGNORE }, { "date_created", NULL, H_IGNORE },
	{ "date_updated", NULL, H_IGNORE },
	{ NULL, NULL, H_STR },
};
static const struct rename note_renames[] = { { "note", "text" }, { NULL, NULL } };

static const struct bind call_binds[] = {
	{ "direction", "direction", H_STR }, { "phone", "phone", H_STR },
	{ "duration", "duration", H_INT }, { "disposition", "outcome", H_STR },
	{ "note", "note", H_STR }, { "contact_id", "contact_id", H_STR }, { "lead_id", NULL, H_OWN },
	{ "_type", NULL, H_IGNORE }, { "id", NULL, H_IGNORE }, { "organization_id", NULL, H_IGNORE },
	{ "user_id", NULL, H_IGNORE }, { "date_created", NULL, H_IGNORE },
	{ "date_updated", NULL, H_IGNORE },
	{ NULL, NULL, H_STR },
};
static const struct rename call_renames[] = { { "disposition", "outcome" }, { NULL, NULL } };

static const struct bind email_binds[] = {
	{ "direction", "direction", H_STR }, { "subject", "subject", H_STR },
	{ "sender", "sender", H_STR }, { "to", "to", H_LIST }, { "cc", "cc", H_LIST },
	{ "body_text", "body_text", H_STR }, { "contact_id", "contact_id", H_STR },
	{ "status", NULL, H_OWN }, { "lead_id", NULL, H_OWN },
	{ "_type", NULL, H_IGNORE }, { "id", NULL, H_IGNORE }, { "organization_id", NULL, H_IGNORE },
	{ "user_id", NULL, H_IGNORE }, { "date_created", NULL, H_IGNORE },
	{ "date_updated", NULL, H_IGNORE },
	{ NULL, NULL, H_STR },
};

static int
post_note(struct req *r)
{
	struct activities_note_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN];
	const char *lead;
	enum valid_rc rc;
	json_t *body;
	int st;

	if ((st = begin(r, "activity")) != 0)
		return st;
	if ((st = bind_body(r, note_binds, &activities_note_form, NULL, note_renames, &body, &in)) != 0 ||
	    (st = lead_of_body(r, body, &lead)) != 0) {
		json_decref(body);
		return st;
	}
	json_decref(body);
	rc = activities_note(&r->arena, r->who.org_id, r->who.user_id, lead, &in, pid, &errs);
	if (rc == VALID_NOT_FOUND)
		return one_field_error(r, "lead_id", "There is no such lead.");
	if ((st = write_answer(r, rc, &errs, note_renames, "activity")) != 0)
		return st;
	return activity_answer(r, pid, "note");
}

static int
post_call(struct req *r)
{
	struct activities_call_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN];
	const char *lead;
	enum valid_rc rc;
	json_t *body;
	int st;

	if ((st = begin(r, "activity")) != 0)
		return st;
	if ((st = bind_body(r, call_binds, &activities_call_form, NULL, call_renames, &body, &in)) != 0 ||
	    (st = lead_of_body(r, body, &lead)) != 0) {
		json_decref(body);
		return st;
	}
	json_decref(body);
	rc = activities_call(&r->arena, r->who.org_id, r->who.user_id, lead, &in, pid, &errs);
	if (rc == VALID_NOT_FOUND)
		return one_field_error(r, "lead_id", "There is no such lead.");
	if ((st = write_answer(r, rc, &errs, call_renames, "activity")) != 0)
		return st;
	return activity_answer(r, pid, "call");
}

static int
post_email(struct req *r)
{
	struct activities_email_in in;
	struct valid_errs errs;
	char pid[IDS_MAXLEN];
	const char *lead, *status = NULL;
	enum valid_rc rc;
	json_t *body;
	int st;

	if ((st = begin(r, "activity")) != 0)
		return st;
	valid_reset(&errs);
	if ((st = bind_body(r, email_binds, &activities_email_form, NULL, NULL, &body, &in)) != 0 ||
	    (st = lead_of_body(r, body, &lead)) != 0) {
		json_decref(body);
		return st;
	}
	if (own_str(&r->arena, body, "status", &status, &errs) == 0 && status != NULL &&
	    strcmp(status, "sent") != 0 && strcmp(status, "inbox") != 0)
		valid_add(&errs, "status", "leadline logs emails here: status is \"sent\" or \"inbox\".");
	if (in.direction == NULL && status != NULL)
		in.direction = strcmp(status, "inbox") == 0 ? "incoming" : "outgoing";
	json_decref(body);
	if (errs.n > 0)
		return field_errors(r, &errs, NULL);
	rc = activities_email(&r->arena, r->who.org_id, r->who.user_id, lead, &in, pid, &errs);
	if (rc == VALID_NOT_FOUND)
		return one_field_error(r, "lead_id", "There is no such lead.");
	if ((st = write_answer(r, rc, &errs, NULL, "activity")) != 0)
		return st;
	return activity_answer(r, pid, "email");
}

/* ---- the table ---- */

static const struct route routes[] = {
	{ REQ_GET, "/api/v1/me/", ROUTE_API, get_me },
	{ REQ_GET, "/api/v1/lead/", ROUTE_API, list_leads },
	{ REQ_POST, "/api/v1/lead/", ROUTE_API, post_lead },
	{ REQ_GET, "/api/v1/lead/{lead}/", ROUTE_API, get_lead },
	{ REQ_PUT, "/api/v1/lead/{lead}/", ROUTE_API, put_lead },
	{ REQ_GET, "/api/v1/contact/", ROUTE_API, list_contacts },
	{ REQ_POST, "/api/v1/contact/", ROUTE_API, post_contact },
	{ REQ_GET, "/api/v1/contact/{contact}/", ROUTE_API, get_contact },
	{ REQ_PUT, "/api/v1/contact/{contact}/", ROUTE_API, put_contact },
	{ REQ_DELETE, "/api/v1/contact/{contact}/", ROUTE_API, delete_contact },
	{ REQ_GET, "/api/v1/opportunity/", ROUTE_API, list_opps },
	{ REQ_POST, "/api/v1/opportunity/", ROUTE_API, post_opp },
	{ REQ_GET, "/api/v1/opportunity/{opportunity}/", ROUTE_API, get_opp },
	{ REQ_PUT, "/api/v1/opportunity/{opportunity}/", ROUTE_API, put_opp },
	{ REQ_DELETE, "/api/v1/opportunity/{opportunity}/", ROUTE_API, delete_opp },
	{ REQ_GET, "/api/v1/task/", ROUTE_API, list_tasks },
	{ REQ_POST, "/api/v1/task/", ROUTE_API, post_task },
	{ REQ_GET, "/api/v1/task/{task}/", ROUTE_API, get_task },
	{ REQ_PUT, "/api/v1/task/{task}/", ROUTE_API, put_task },
	{ REQ_DELETE, "/api/v1/task/{task}/", ROUTE_API, delete_task },
	{ REQ_GET, "/api/v1/activity/", ROUTE_API, list_activities },
	{ REQ_GET, "/api/v1/activity/note/", ROUTE_API, list_activities },
	{ REQ_POST, "/api/v1/activity/note/", ROUTE_API, post_note },
	{ REQ_GET, "/api/v1/activity/note/{activity}/", ROUTE_API, get_activity },
	{ REQ_GET, "/api/v1/activity/call/", ROUTE_API, list_activities },
	{ REQ_POST, "/api/v1/activity/call/", ROUTE_API, post_call },
	{ REQ_GET, "/api/v1/activity/call/{activity}/", ROUTE_API, get_activity },
	{ REQ_GET, "/api/v1/activity/email/", ROUTE_API, list_activities },
	{ REQ_POST, "/api/v1/activity/email/", ROUTE_API, post_email },
	{ REQ_GET, "/api/v1/activity/email/{activity}/", ROUTE_API, get_activity },
	{ REQ_GET, "/api/v1/status/lead/", ROUTE_API, get_lead_statuses },
	{ REQ_GET, "/api/v1/status/opportunity/", ROUTE_API, get_opp_statuses },
};

static const char *const templates[] = { NULL };

static const struct page page = {
	"api", routes, sizeof routes / sizeof routes[0], NULL, 0, templates,
};

int
main(int argc, char **argv)
{
	return req_main(&page, argc, argv);
}
