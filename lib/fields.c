/* fields.c — see fields.h. */
#include "fields.h"
#include "arena.h"
#include "ids.h"
#include "leadtx.h"

#include <string.h>

enum fields_q {
	Q_FIELD,
	Q_CLEAR,
	Q_INSERT,
	Q__MAX
};

#define FIELD_COLS(X) X(F_ID, "id") X(F_NAME, "name") X(F_TYPE, "type") \
	X(F_MULTIPLE, "accepts_multiple") X(F_CHOICES, "choices") X(F_USER_NOW, "user_now")
enum { FIELD_COLS(DB_COL_ENUM) F__NCOLS };
static const char *const field_cols[] = { FIELD_COLS(DB_COL_NAME) NULL };

static struct db_sql fields_q[Q__MAX] = {
	/* the field and, for a user field, the user it holds now on this lead */
	[Q_FIELD] = DB_SQL_COLS(
	    "SELECT f.id, f.name, f.type, f.accepts_multiple, f.choices,"
	    " (SELECT MIN(v.value_user) FROM lead_custom_values v"
	    "   WHERE v.organization_id = f.organization_id AND v.lead_id = ? AND v.field_id = f.id)"
	    " AS user_now FROM custom_fields f WHERE f.organization_id = ? AND f.pid = ?", field_cols),
	[Q_CLEAR] = DB_SQL(
	    "DELETE FROM lead_custom_values WHERE organization_id = ? AND lead_id = ? AND field_id = ?"),
	[Q_INSERT] = DB_SQL(
	    "INSERT INTO lead_custom_values (organization_id, lead_id, field_id, value, value_user)"
	    " VALUES (?, ?, ?, ?, ?)"),
};

/* A value of a TEXT column: 65,535 bytes. */
#define FIELDS_TEXT_MAX 65535

enum fields_type {
	T_TEXT, T_TEXTAREA, T_NUMBER, T_DATE, T_DATETIME, T_CHOICES, T_USER, T_URL, T__MAX
};

static const char *const fields_types[T__MAX] = {
	[T_TEXT] = "text", [T_TEXTAREA] = "textarea", [T_NUMBER] = "number", [T_DATE] = "date",
	[T_DATETIME] = "datetime", [T_CHOICES] = "choices", [T_USER] = "user", [T_URL] = "url",
};

static enum fields_type
fields_type(const char *s)
{
	int i;

	for (i = 0; i < T__MAX; i++)
		if (strcmp(s, fields_types[i]) == 0)
			return (enum fields_type)i;
	return T__MAX;
}

enum valid_rc
fields_check(struct leadtx *t, struct valid_errs *e, const struct valid_spec *spec,
    const char *type, const char *choices, const char *in, long long keep_user,
    const char **value, long long *user_id)
{
	struct valid_spec sp = *spec;
	const char *local, *user;
	size_t before = e->n;

	*value = NULL;
	*user_id = 0;
	sp.flags = VALID_BYTES;
	sp.max = FIELDS_TEXT_MAX;
	switch (fields_type(type)) {
	case T_TEXT:
		valid_text(t->a, e, &sp, in, value);
		break;
	case T_TEXTAREA:
		sp.flags |= VALID_MULTILINE;
		valid_text(t->a, e, &sp, in, value);
		break;
	case T_NUMBER:
		valid_number(t->a, e, &sp, in, value);
		break;
	case T_DATE:
		valid_date(t->a, e, &sp, in, value);
		break;
	case T_DATETIME:
		if (valid_datetime(t->a, e, &sp, in, &local))
			return leadtx_to_utc(t, local, value);
		break;
	case T_CHOICES:
		valid_choice_line(t->a, e, &sp, in, choices, value);
		break;
	case T_USER:
		if (valid_text(t->a, e, &sp, in, &user)) {
			enum valid_rc rc = leadtx_user(t, e, &sp, user, keep_user, user_id);
			if (rc != VALID_OK || e->n > before)
				return rc;
			*value = user;
		}
		break;
	case T_URL:
		valid_url(t->a, e, &sp, in, value);
		break;
	default:
		valid_add(e, sp.field, "This field has a type leadline does not know.");
		break;
	}
	if (e->n > before)
		*value = NULL;
	return VALID_OK;
}

/* One field's checked values, between the checks and the writes. */
struct fields_new {
	long long    id;
	int          is_user;
	size_t       n;
	const char **value;
	long long   *user;
};

static enum valid_rc
fields_one(struct leadtx *t, struct valid_errs *e, const struct fields_in *in,
    struct fields_new *out)
{
	struct db_res r;
	struct valid_spec sp = { in->field, "This field", 0, 0 };
	enum valid_rc rc;
	size_t i, j, before = e->n;
	int multiple;

	memset(out, 0, sizeof *out);
	if (in->field == NULL || !ids_valid("cf_", in->field)) {
		valid_add(e, in->field ? in->field : "field", "This field was not found.");
		return VALID_OK;
	}
	rc = valid_db(db_read(t->a, &fields_q[Q_FIELD],
	    DB_ARGS(DB_INT(t->lead_id), DB_INT(t->org_id), DB_STR(in->field)), &r));
	if (rc != VALID_OK)
		return rc;
	if (r.nrows != 1) {
		valid_add(e, in->field, "This field was not found.");
		return VALID_OK;
	}
	out->id = db_get_int(&r, 0, F_ID);
	sp.what = db_get(&r, 0, F_NAME);
	out->is_user = strcmp(db_get(&r, 0, F_TYPE), "user") == 0;
	multiple = strcmp(db_get(&r, 0, F_TYPE), "choices") == 0 && db_get_int(&r, 0, F_MULTIPLE) == 1;
	out->value = arena_alloc(t->a, (in->nvalues + 1) * sizeof *out->value);
	out->user = arena_alloc(t->a, (in->nvalues + 1) * sizeof *out->user);
	if (out->value == NULL || out->user == NULL)
		return VALID_ERROR;
	for (i = 0; i < in->nvalues; i++) {
		const char *v;
		long long u;
		rc = fields_check(t, e, &sp, db_get(&r, 0, F_TYPE), db_get(&r, 0, F_CHOICES), in->values[i],
		    db_get_int(&r, 0, F_USER_NOW), &v, &u);
		if (rc != VALID_OK || e->n > before)
			return rc;
		if (v == NULL)
			continue;
		for (j = 0; j < out->n; j++)   /* a choice ticked twice is kept once */
			if (strcmp(out->value[j], v) == 0)
				break;
		if (j < out->n)
			continue;
		if (out->n == 1 && !multiple) {
			const char *m = arena_printf(t->a, "%s takes one value only.", sp.what);
			valid_add(e, in->field, m ? m : "This field takes one value only.");
			return VALID_OK;
		}
		out->value[out->n] = v;
		out->user[out->n] = u;
		out->n++;
	}
	return VALID_OK;
}

enum valid_rc
fields_set(struct arena *a, long long org_id, long long user_id, const char *lead_pid,
    const struct fields_in *in, size_t n, struct valid_errs *e)
{
	struct leadtx t;
	struct fields_new *nv;
	enum valid_rc rc;
	size_t i, k;

	valid_reset(e);
	if ((rc = leadtx_begin(&t, a, org_id, user_id, lead_pid)) != VALID_OK)
		return rc;
	if ((nv = arena_alloc(a, (n + 1) * sizeof *nv)) == NULL) {
		rc = VALID_ERROR;
		goto fail;
	}
	for (i = 0; i < n; i++)
		if ((rc = fields_one(&t, e, &in[i], &nv[i])) != VALID_OK)
			goto fail;
	if (e->n > 0) {
		rc = VALID_INVALID;
		goto fail;
	}
	for (i = 0; i < n; i++) {
		rc = valid_db(db_write(a, &fields_q[Q_CLEAR],
		    DB_ARGS(DB_INT(org_id), DB_INT(t.lead_id), DB_INT(nv[i].id)), NULL));
		for (k = 0; rc == VALID_OK && k < nv[i].n; k++)
			rc = valid_db(db_write(a, &fields_q[Q_INSERT], DB_ARGS(DB_INT(org_id),
			    DB_INT(t.lead_id), DB_INT(nv[i].id),
			    nv[i].is_user ? DB_NULL : DB_STR(nv[i].value[k]),
			    nv[i].is_user ? DB_INT(nv[i].user[k]) : DB_NULL), NULL));
		if (rc != VALID_OK)
			goto fail;
	}
	return leadtx_commit(&t);
fail:
	leadtx_rollback(&t);
	return rc;
}
