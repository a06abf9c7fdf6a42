/* form.h — a model's fields declared once, in a table the model owns, and
 * the one layer that walks it: binding a form (or JSON) into the model's
 * input struct, showing a refused form again with its messages, and writing
 * the struct back out as JSON. The write modules validate with the same
 * rows (form_field.spec), so a field's name, limits and the words of its
 * messages are written once. */
#ifndef LL_FORM_H
#define LL_FORM_H

#include <stddef.h>

#include <jansson.h>

#include "valid.h"

struct arena;
struct req;
struct req_key;
struct view_dict;
struct http_pair;

/* What a field holds; every kind but FORM_K_ROWS is a `const char *` as
 * typed (NULL: not sent), checked by the model's validator of that kind. */
enum form_kind {
	FORM_K_TEXT,      /* valid_text */
	FORM_K_EMAIL,     /* valid_email */
	FORM_K_EMAILS,    /* valid_email_list */
	FORM_K_PHONE,     /* valid_phone */
	FORM_K_URL,       /* valid_url */
	FORM_K_DATE,      /* valid_date */
	FORM_K_DATETIME,  /* valid_datetime */
	FORM_K_INT,       /* valid_int */
	FORM_K_AMOUNT,    /* valid_amount */
	FORM_K_CURRENCY,  /* valid_currency */
	FORM_K_DURATION,  /* valid_duration */
	FORM_K_CHOICE,    /* valid_choice over choices */
	FORM_K_ID,        /* a public id of prefix, resolved in the write's transaction */
	FORM_K_ROWS,      /* an array of rows of the model `rows` and its size_t count */
	FORM_K__MAX
};

struct form_model;

/* One field. spec.field is its name in a form, in a message and in JSON. */
struct form_field {
	struct valid_spec        spec;
	enum form_kind           kind;
	size_t                   offset;    /* of its member in the input struct */
	const char              *param;     /* a row's column: the name a form sends it
	                                     * under ("email_type"); NULL: spec.field */
	const char *const       *choices;   /* FORM_K_CHOICE: NULL-terminated */
	const char              *prefix;    /* FORM_K_ID: "cont_" */
	size_t                   count;     /* FORM_K_ROWS: offset of the size_t count */
	const struct form_model *rows;      /* FORM_K_ROWS: the model of one row */
};

/* A model: its fields and the size of its input struct. */
struct form_model {
	const char              *name;      /* "task": for messages and logs */
	const struct form_field *fields;
	size_t                   nfields;
	size_t                   size;
};

/* The offset of member m of T, a compile error unless m is a `const char *`. */
#define FORM_STR_AT(T, m) \
	(offsetof(T, m) + 0 * sizeof(char[_Generic(((T *)0)->m, const char *: 1)]))

/* A row of a field table: T the input struct, m its member. */
#define FORM_FIELD(T, m, name, what, kind_, flags, max) \
	{ .spec = { (name), (what), (flags), (max) }, .kind = (kind_), .offset = FORM_STR_AT(T, m) }
#define FORM_CHOICE(T, m, name, what, flags, table) \
	{ .spec = { (name), (what), (flags), 0 }, .kind = FORM_K_CHOICE, \
	  .offset = FORM_STR_AT(T, m), .choices = (table) }
#define FORM_ID(T, m, name, what, flags, pfx) \
	{ .spec = { (name), (what), (flags), 0 }, .kind = FORM_K_ID, \
	  .offset = FORM_STR_AT(T, m), .prefix = (pfx) }
/* A column of a row model, sent under param; table: FORM_K_CHOICE's, else NULL. */
#define FORM_COLUMN(T, m, name, param_, what, kind_, max, table) \
	{ .spec = { (name), (what), 0, (max) }, .kind = (kind_), .offset = FORM_STR_AT(T, m), \
	  .param = (param_), .choices = (table) }
/* Rows: m a `const R *` array, n its size_t count, model the row's model. */
#define FORM_ROWS(T, m, n, name, what, model) \
	{ .spec = { (name), (what), 0, 0 }, .kind = FORM_K_ROWS, .offset = offsetof(T, m), \
	  .count = offsetof(T, n) + 0 * sizeof(char[_Generic(((T *)0)->n, size_t: 1)]), \
	  .rows = (model) }
#define FORM_MODEL(name, T, table) \
	{ (name), (table), sizeof(table) / sizeof((table)[0]), sizeof(T) }

/* The values sent under one name, in the order sent (n 0: none). */
struct form_vals {
	const char *const *v;
	size_t             n;
};
/* Where values come from: src is the request or a list of pairs. */
typedef struct form_vals (*form_src_fn)(const void *src, const char *name);

/* The request's values of a parameter bound by the page's keys. */
struct form_vals form_src_req(const void *req, const char *name);
/* The values of a list of http_pair (http_parse_urlencoded); src is a
 * struct form_pairs, whose arena holds the arrays of values. */
struct form_pairs {
	struct arena           *arena;
	const struct http_pair *list;
};
struct form_vals form_src_pairs(const void *form_pairs, const char *name);

/*
 * Binds what was sent into in (model->size bytes; zeroed first): each field
 * its first value, as sent (borrowed from the source). A FORM_K_ROWS field
 * gets one row per value of its first column, the other columns by
 * position (NULL past their end); the rows live in the arena. Returns 0, or
 * -1 when out of memory.
 */
int form_bind(struct arena *, const struct form_model *, form_src_fn, const void *src, void *in);

/*
 * Shows a form in its section fd: each field's value from in (NULL in, or a
 * NULL member: "") under its name in capitals ("due_date" is DUE_DATE); with
 * errs, each field's message in the section <NAME>_ERR as MSG and the
 * message of the whole form in FORM_ERR. FORM_K_ROWS fields are the page's
 * to show (a row's markup is its own).
 */
void form_show(struct arena *, struct view_dict *fd, const struct form_model *, const void *in,
    const struct valid_errs *errs);

/* The string member of the field `name` of in: NULL when it was not sent,
 * when in is NULL or when the model has no such field. */
const char *form_str(const struct form_model *, const void *in, const char *name);

/* The struct as a JSON object: each field its string (null when NULL), rows
 * as an array of objects. A new reference, or NULL when out of memory. */
json_t *form_to_json(const struct form_model *, const void *in);

/*
 * A JSON object into in (zeroed first), strings copied into the arena: a
 * field as a string (null: not given), rows as an array of objects. A value
 * of another JSON type or a key of no field is a message under its name
 * (the key of a row's column as "<rows>.<i>.<column>"). Returns 0 when every
 * value was taken, 1 when errs has messages, -1 when out of memory.
 */
int form_from_json(struct arena *, const struct form_model *, const json_t *obj, void *in,
    struct valid_errs *errs);

/*
 * Adds to a page's key table one text key (at most max bytes) for every
 * name the model's form sends that is not there yet; a row's columns may
 * be sent more than once. keys holds n > 0 keys and has room for cap;
 * returns the new count, or 0 when it does not fit (a start-up error).
 */
size_t form_keys(struct req_key *keys, size_t n, size_t cap, const struct form_model *, size_t max);

#endif
