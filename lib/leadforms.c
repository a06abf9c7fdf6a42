/* leadforms.c — see leadforms.h. */
#include "leadforms.h"
#include "arena.h"

#include <stdlib.h>
#include <string.h>

/* Six kinds of rows in one round trip; each kind fills the same 11 columns:
 * kind, two sort keys, then eight values (FORMS_COLS). The lead's custom fields come with
 * their values both as a form takes them and as the left column shows them
 * (L2), so the page reads them once. */
#define FORMS_COLS(X) X(C_KIND, "kind") X(C_SORT, "sort_key") X(C_ID, "row_id") X(C_PID, "pid") \
	X(C_NAME, "name") X(C_A, "a") X(C_B, "b") X(C_C, "c") X(C_D, "d") X(C_E, "e") X(C_F, "f")
enum { FORMS_COLS(DB_COL_ENUM) C__NCOLS };
static const char *const forms_cols[] = { FORMS_COLS(DB_COL_NAME) NULL };
/* What the generic columns a..f hold in each kind of row. */
enum {
	TF_TYPE = C_A, TF_CHOICES = C_B, TF_TYPE_PID = C_D,                  /* 3: a type's field */
	CF_TYPE = C_A, CF_CHOICES = C_B, CF_MULTIPLE = C_C, CF_HAS = C_D,    /* 4: a lead's field */
	CF_VALUE = C_E, CF_SHOWN = C_F,
	OP_STATUS = C_NAME, OP_VALUE = C_A, OP_PARTS = C_B, OP_USER = C_C,   /* 5: an opportunity */
	OP_CONTACT = C_D, OP_NOTE = C_E,
};

/* UNION ALL: the first SELECT names the columns */
static struct db_sql q_forms = DB_SQL_COLS(
	"SELECT 0 AS kind, u.name AS sort_key, u.id AS row_id, u.pid, u.name, NULL AS a, NULL AS b,"
	"  NULL AS c, NULL AS d, NULL AS e, NULL AS f"
	"  FROM memberships m JOIN users u ON u.id = m.user_id"
	"  WHERE m.organization_id = ? AND m.active = 1 AND u.active = 1"
	" UNION ALL"
	" SELECT 1, LPAD(s.position, 12, '0'), s.id, s.pid, s.label, NULL, NULL, NULL, NULL, NULL, NULL"
	"  FROM opportunity_statuses s WHERE s.organization_id = ?"
	" UNION ALL"
	" SELECT 2, t.name, t.id, t.pid, t.name, NULL, NULL, NULL, NULL, NULL, NULL"
	"  FROM custom_activity_types t WHERE t.organization_id = ?"
	" UNION ALL"
	" SELECT 3, t.name, f.position * 1000000000 + f.id, f.pid, f.name, f.field_type, f.choices, 0,"
	"  t.pid, NULL, NULL"
	"  FROM custom_activity_fields f JOIN custom_activity_types t ON t.id = f.type_id"
	"   AND t.organization_id = f.organization_id"
	"  WHERE f.organization_id = ?"
	" UNION ALL"
	" SELECT 4, CONCAT(LPAD(f.position, 12, '0'), LPAD(f.id, 20, '0')), COALESCE(v.id, 0), f.pid, f.name,"
	"  f.type, f.choices, f.accepts_multiple, v.id IS NOT NULL,"
	"  CASE f.type WHEN 'user' THEN u.pid"
	"   WHEN 'datetime' THEN COALESCE(DATE_FORMAT(CONVERT_TZ(STR_TO_DATE(v.value, '%Y-%m-%d %H:%i:%s'),"
	"    'UTC', ?), '%Y-%m-%dT%H:%i'), v.value)"
	"   ELSE v.value END,"
	"  CASE f.type WHEN 'user' THEN u.name"
	"   WHEN 'date' THEN COALESCE(DATE_FORMAT(STR_TO_DATE(v.value, '%Y-%m-%d'), '%b %e, %Y'), v.value)"
	"   WHEN 'datetime' THEN COALESCE(DATE_FORMAT(CONVERT_TZ(STR_TO_DATE(v.value, '%Y-%m-%d %H:%i:%s'),"
	"    'UTC', ?), '%b %e, %Y %l:%i %p'), v.value)"
	"   ELSE v.value END"
	"  FROM custom_fields f"
	"  LEFT JOIN lead_custom_values v ON v.field_id = f.id AND v.lead_id = ?"
	"   AND v.organization_id = f.organization_id"
	"  LEFT JOIN memberships m ON f.type = 'user' AND m.user_id = v.value_user"
	"   AND m.organization_id = f.organization_id"
	"  LEFT JOIN users u ON u.id = m.user_id"
	"  WHERE f.organization_id = ?"
	" UNION ALL"
	" SELECT 5, LPAD(o.id, 20, '0'), o.id, o.pid, s.pid, o.value,"
	"  CONCAT_WS('|', o.value_currency, o.value_period, o.confidence,"
	"   COALESCE(DATE_FORMAT(o.expected_date, '%Y-%m-%d'), '')),"
	"  COALESCE(u.pid, ''), COALESCE(c.pid, ''), o.note, NULL"
	"  FROM opportunities o"
	"  JOIN opportunity_statuses s ON s.id = o.status_id AND s.organization_id = o.organization_id"
	"  LEFT JOIN users u ON u.id = o.user_id"
	"  LEFT JOIN contacts c ON c.id = o.contact_id AND c.organization_id = o.organization_id"
	"  WHERE o.organization_id = ? AND o.lead_id = ?"
	" ORDER BY kind, sort_key, row_id", forms_cols);

/* The i-th part of "a|b|c|d" (no part holds a '|': a currency, a period, a
 * number, a date). */
static const char *
part(struct arena *a, const char *s, int i)
{
	const char *e;

	for (; i > 0 && s != NULL; i--)
		if ((s = strchr(s, '|')) != NULL)
			s++;
	if (s == NULL)
		return "";
	e = strchr(s, '|');
	return arena_strndup(a, s, e ? (size_t)(e - s) : strlen(s));
}

enum db_err
leadforms_load(struct arena *a, long long org_id, long long lead_id, const char *tz,
    struct leadforms *out)
{
	struct db_res r;
	struct leadforms_field *f = NULL;
	enum db_err e;
	size_t i, n;

	memset(out, 0, sizeof *out);
	e = db_read(a, &q_forms, DB_ARGS(DB_INT(org_id), DB_INT(org_id), DB_INT(org_id),
	    DB_INT(org_id), DB_STR(tz), DB_STR(tz), DB_INT(lead_id), DB_INT(org_id), DB_INT(org_id),
	    DB_INT(lead_id)), &r);
	if (e != DB_OK)
		return e;
	n = r.nrows + 1;
	if ((out->users = arena_alloc(a, n * sizeof *out->users)) == NULL ||
	    (out->opp_statuses = arena_alloc(a, n * sizeof *out->opp_statuses)) == NULL ||
	    (out->types = arena_alloc(a, n * sizeof *out->types)) == NULL ||
	    (out->type_fields = arena_alloc(a, n * sizeof *out->type_fields)) == NULL ||
	    (out->fields = arena_alloc(a, n * sizeof *out->fields)) == NULL ||
	    (out->opps = arena_alloc(a, n * sizeof *out->opps)) == NULL)
		return DB_ERROR;
	for (i = 0; i < r.nrows; i++) {
		struct leadforms_opt *o = NULL;
		struct leadforms_opp *p;

		switch (db_get_int(&r, i, C_KIND)) {
		case 0: o = &out->users[out->nusers++]; break;
		case 1: o = &out->opp_statuses[out->nopp_statuses++]; break;
		case 2: o = &out->types[out->ntypes++]; break;
		case 3:
			f = &out->type_fields[out->ntype_fields++];
			memset(f, 0, sizeof *f);
			f->pid = db_get(&r, i, C_PID);
			f->name = db_get(&r, i, C_NAME);
			f->type = db_get(&r, i, TF_TYPE);
			f->choices = db_get(&r, i, TF_CHOICES);
			f->type_pid = db_get(&r, i, TF_TYPE_PID);
			break;
		case 4:
			if (f == NULL || strcmp(f->type_pid, "") != 0 || strcmp(f->pid, db_get(&r, i, C_PID)) != 0) {
				f = &out->fields[out->nfields++];
				memset(f, 0, sizeof *f);
				f->pid = db_get(&r, i, C_PID);
				f->type_pid = "";
				f->name = db_get(&r, i, C_NAME);
				f->type = db_get(&r, i, CF_TYPE);
				f->choices = db_get(&r, i, CF_CHOICES);
				f->multiple = db_get_int(&r, i, CF_MULTIPLE) == 1;
				if ((f->values = arena_alloc(a, (r.nrows - i) * sizeof *f->values)) == NULL ||
				    (f->shown = arena_alloc(a, (r.nrows - i) * sizeof *f->shown)) == NULL)
					return DB_ERROR;
			}
			/* a value whose user left the organization is no value */
			if (db_get_int(&r, i, CF_HAS) == 1 && !db_is_null(&r, i, CF_VALUE)) {
				f->shown[f->nvalues] = db_is_null(&r, i, CF_SHOWN) ? "" : db_get(&r, i, CF_SHOWN);
				f->values[f->nvalues++] = db_get(&r, i, CF_VALUE);
			}
			break;
		case 5:
			p = &out->opps[out->nopps++];
			p->pid = db_get(&r, i, C_PID);
			p->status_pid = db_get(&r, i, OP_STATUS);
			p->value = db_get_int(&r, i, OP_VALUE);
			p->currency = part(a, db_get(&r, i, OP_PARTS), 0);
			p->period = part(a, db_get(&r, i, OP_PARTS), 1);
			p->confidence = (int)strtol(part(a, db_get(&r, i, OP_PARTS), 2), NULL, 10);
			p->expected_date = part(a, db_get(&r, i, OP_PARTS), 3);
			p->user_pid = db_get(&r, i, OP_USER);
			p->contact_pid = db_get(&r, i, OP_CONTACT);
			p->note = db_get(&r, i, OP_NOTE);
			break;
		}
		if (o != NULL) {
			o->pid = db_get(&r, i, C_PID);
			o->label = db_get(&r, i, C_NAME);
		}
	}
	return DB_OK;
}
