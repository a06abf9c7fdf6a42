/* form.c — see form.h. Every function walks a model's table; none knows a
 * model by name. */
#include "form.h"
#include "arena.h"
#include "http.h"
#include "req.h"
#include "view.h"

#include <stdint.h>
#include <string.h>

static const char **
member(const struct form_field *f, const void *in)
{
	return (const char **)(void *)((char *)(uintptr_t)in + f->offset);
}

static const char *
param_of(const struct form_field *f)
{
	return f->param != NULL ? f->param : f->spec.field;
}

struct form_vals
form_src_req(const void *src, const char *name)
{
	const struct req *r = src;
	const struct req_field *fl;
	size_t k;

	for (k = 0; k < r->page->nkeys; k++) {
		if (strcmp(r->page->keys[k].name, name) != 0)
			continue;
		fl = &r->field[k];
		if (!fl->set)
			break;
		if (r->page->keys[k].multi)
			return (struct form_vals){ fl->vals, fl->nvals };
		return (struct form_vals){ &fl->s, 1 };
	}
	return (struct form_vals){ NULL, 0 };
}

struct form_vals
form_src_pairs(const void *src, const char *name)
{
	const struct form_pairs *fp = src;
	const struct http_pair *p;
	const char **v;
	size_t n = 0, i = 0;

	for (p = fp->list; p != NULL; p = p->next)
		n += strcmp(p->name, name) == 0;
	if (n == 0 || (v = arena_alloc(fp->arena, n * sizeof *v)) == NULL)
		return (struct form_vals){ NULL, 0 };
	for (p = fp->list; p != NULL; p = p->next)
		if (strcmp(p->name, name) == 0)
			v[i++] = p->value;
	return (struct form_vals){ v, n };
}

static int
bind_rows(struct arena *a, const struct form_field *f, form_src_fn src, const void *s, void *in)
{
	const struct form_model *m = f->rows;
	struct form_vals first, col;
	size_t n, i, j;
	char *rows;

	first = m->nfields > 0 ? src(s, param_of(&m->fields[0])) : (struct form_vals){ NULL, 0 };
	n = first.n;
	if ((rows = arena_alloc(a, (n + 1) * m->size)) == NULL)
		return -1;
	memset(rows, 0, (n + 1) * m->size);
	for (j = 0; j < m->nfields; j++) {
		col = src(s, param_of(&m->fields[j]));
		for (i = 0; i < n && i < col.n; i++)
			*member(&m->fields[j], rows + i * m->size) = col.v[i];
	}
	*(const void **)(void *)((char *)in + f->offset) = rows;
	*(size_t *)(void *)((char *)in + f->count) = n;
	return 0;
}

int
form_bind(struct arena *a, const struct form_model *m, form_src_fn src, const void *s, void *in)
{
	struct form_vals v;
	size_t i;

	memset(in, 0, m->size);
	for (i = 0; i < m->nfields; i++) {
		const struct form_field *f = &m->fields[i];
		if (f->kind == FORM_K_ROWS) {
			if (bind_rows(a, f, src, s, in) != 0)
				return -1;
			continue;
		}
		v = src(s, param_of(f));
		*member(f, in) = v.n > 0 ? v.v[0] : NULL;
	}
	return 0;
}

static const char *
upper(struct arena *a, const char *s)
{
	char *u = arena_strdup(a, s), *p;

	if (u == NULL)
		return "";
	for (p = u; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return u;
}

static void
set_msg(struct view_dict *d, const char *section, const char *msg)
{
	if (msg != NULL && section != NULL)
		view_set(view_section(d, section), "MSG", msg);
}

void
form_show(struct arena *a, struct view_dict *fd, const struct form_model *m, const void *in,
    const struct valid_errs *errs)
{
	const char *up, *v;
	size_t i;

	if (errs != NULL)
		set_msg(fd, "FORM_ERR", valid_get(errs, VALID_FORM));
	for (i = 0; m != NULL && i < m->nfields; i++) {
		const struct form_field *f = &m->fields[i];
		if (f->kind == FORM_K_ROWS)
			continue;
		up = upper(a, f->spec.field);
		v = in != NULL ? *member(f, in) : NULL;
		view_set(fd, up, v ? v : "");
		if (errs != NULL)
			set_msg(fd, arena_printf(a, "%s_ERR", up), valid_get(errs, f->spec.field));
	}
}

const char *
form_str(const struct form_model *m, const void *in, const char *name)
{
	size_t i;

	for (i = 0; m != NULL && in != NULL && i < m->nfields; i++)
		if (m->fields[i].kind != FORM_K_ROWS && strcmp(m->fields[i].spec.field, name) == 0)
			return *member(&m->fields[i], in);
	return NULL;
}

/* ---- JSON ---- */

static json_t *
obj_of(const struct form_model *m, const void *in)
{
	json_t *o = json_object(), *v, *arr;
	size_t i, j, n;

	if (o == NULL)
		return NULL;
	for (i = 0; i < m->nfields; i++) {
		const struct form_field *f = &m->fields[i];
		if (f->kind == FORM_K_ROWS) {
			const char *rows = *(const char *const *)(const void *)((const char *)in + f->offset);
			n = *(const size_t *)(const void *)((const char *)in + f->count);
			if ((arr = json_array()) == NULL || json_object_set_new(o, f->spec.field, arr) != 0)
				goto oom;
			for (j = 0; j < n; j++)
				if ((v = obj_of(f->rows, rows + j * f->rows->size)) == NULL ||
				    json_array_append_new(arr, v) != 0)
					goto oom;
			continue;
		}
		v = *member(f, in) != NULL ? json_string(*member(f, in)) : json_null();
		if (v == NULL || json_object_set_new(o, f->spec.field, v) != 0)
			goto oom;
	}
	return o;
oom:
	json_decref(o);
	return NULL;
}

json_t *
form_to_json(const struct form_model *m, const void *in)
{
	return obj_of(m, in);
}

static const struct form_field *
field_named(const struct form_model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nfields; i++)
		if (strcmp(m->fields[i].spec.field, name) == 0)
			return &m->fields[i];
	return NULL;
}

/* "emails.0.": the start of a row's message names; "" at the top. */
static int
from_obj(struct arena *a, const struct form_model *m, const json_t *obj, void *in,
    struct valid_errs *e, const char *at)
{
	const struct form_field *f;
	const char *key, *s;
	json_t *v;
	size_t i, n;
	int rc = 0;

	memset(in, 0, m->size);
	if (!json_is_object(obj)) {
		valid_add(e, *at ? arena_printf(a, "%.*s", (int)strlen(at) - 1, at) : VALID_FORM,
		    arena_printf(a, "The %s must be a JSON object.", m->name));
		return 1;
	}
	json_object_foreach((json_t *)(uintptr_t)obj, key, v) {
		const char *name = arena_printf(a, "%s%s", at, key);
		if (name == NULL)
			return -1;
		if ((f = field_named(m, key)) == NULL) {
			valid_add(e, name, arena_printf(a, "\"%s\" is not a field of the %s.", key, m->name));
			rc = 1;
			continue;
		}
		if (f->kind == FORM_K_ROWS) {
			char *rows;
			if (json_is_null(v))
				continue;
			if (!json_is_array(v)) {
				valid_add(e, name, arena_printf(a, "%s must be a list.", f->spec.what));
				rc = 1;
				continue;
			}
			n = json_array_size(v);
			if ((rows = arena_alloc(a, (n + 1) * f->rows->size)) == NULL)
				return -1;
			for (i = 0; i < n; i++) {
				int r = from_obj(a, f->rows, json_array_get(v, i), rows + i * f->rows->size, e,
				    arena_printf(a, "%s.%zu.", name, i));
				if (r < 0)
					return -1;
				rc |= r;
			}
			*(const void **)(void *)((char *)in + f->offset) = rows;
			*(size_t *)(void *)((char *)in + f->count) = n;
			continue;
		}
		if (json_is_null(v))
			continue;
		if (!json_is_string(v)) {
			valid_add(e, name, arena_printf(a, "%s must be given as a string.", f->spec.what));
			rc = 1;
			continue;
		}
		if ((s = arena_strndup(a, json_string_value(v), json_string_length(v))) == NULL)
			return -1;
		*member(f, in) = s;
	}
	return rc;
}

int
form_from_json(struct arena *a, const struct form_model *m, const json_t *obj, void *in,
    struct valid_errs *e)
{
	return from_obj(a, m, obj, in, e, "");
}

/* ---- the page's keys ---- */

static size_t
add_key(struct req_key *keys, size_t n, size_t cap, const char *name, size_t max, int multi)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (strcmp(keys[k].name, name) == 0) {
			keys[k].multi |= multi;
			return n;
		}
	if (n >= cap)
		return 0;
	keys[n] = (struct req_key){ name, REQ_K_TEXT, max, NULL, multi };
	return n + 1;
}

size_t
form_keys(struct req_key *keys, size_t n, size_t cap, const struct form_model *m, size_t max)
{
	size_t i, j;

	for (i = 0; i < m->nfields && n > 0; i++) {
		const struct form_field *f = &m->fields[i];
		if (f->kind != FORM_K_ROWS) {
			n = add_key(keys, n, cap, param_of(f), max, 0);
			continue;
		}
		for (j = 0; j < f->rows->nfields && n > 0; j++)
			n = add_key(keys, n, cap, param_of(&f->rows->fields[j]), max, 1);
	}
	return n;
}
