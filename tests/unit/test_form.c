/* test_form.c — lib/form.h over the models' own tables: binding a form into
 * a model's struct (rows included), showing a refused form again with its
 * messages (rendered through ctemplate), a JSON round trip of a struct, and
 * for each table that its names, offsets and kinds are those of its struct.
 * No database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "activities.h"
#include "arena.h"
#include "contacts.h"
#include "form.h"
#include "http.h"
#include "leadedit.h"
#include "opportunities.h"
#include "req.h"
#include "tasks.h"
#include "view.h"

static struct arena A;

static int
setup(void **state)
{
	(void)state;
	arena_init(&A, 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&A);
	return 0;
}

/* A urlencoded body bound into in. */
static void
bind_body(const struct form_model *m, const char *body, void *in)
{
	struct form_pairs fp = { &A, NULL };
	struct http_pair *p;

	assert_int_equal(http_parse_urlencoded(&A, body, strlen(body), &p), HTTP_OK);
	fp.list = p;
	assert_int_equal(form_bind(&A, m, form_src_pairs, &fp, in), 0);
}

/* ---- binding ---- */

static void
binding_takes_each_field_by_its_name(void **state)
{
	struct tasks_in t;

	(void)state;
	memset(&t, 0x5a, sizeof t);   /* whatever was there goes */
	bind_body(&tasks_form, "due_date=2026-12-01&other=x&text=Call+back&assigned_to=&text=again", &t);
	assert_string_equal(t.text, "Call back");   /* the first of a doubled one */
	assert_string_equal(t.due_date, "2026-12-01");
	assert_string_equal(t.assigned_to, "");     /* sent empty: "" */
	assert_null(t.contact_id);                  /* not sent: NULL */
}

static void
binding_rows_by_position(void **state)
{
	struct contacts_in c;

	(void)state;
	bind_body(&contacts_form, "name=Ada&email=a%40x.test&email_type=home&email=b%40x.test"
	    "&phone=%2B1+555&phone_type=mobile&phone_type=fax", &c);
	assert_string_equal(c.name, "Ada");
	assert_null(c.title);
	assert_int_equal(c.nemails, 2);
	assert_string_equal(c.emails[0].email, "a@x.test");
	assert_string_equal(c.emails[0].type, "home");
	assert_string_equal(c.emails[1].email, "b@x.test");
	assert_null(c.emails[1].type);               /* past the end of its column */
	/* the rows are as many as the first column's values: the second type goes */
	assert_int_equal(c.nphones, 1);
	assert_string_equal(c.phones[0].phone, "+1 555");
	assert_string_equal(c.phones[0].type, "mobile");
	bind_body(&contacts_form, "name=Bo", &c);
	assert_int_equal(c.nemails, 0);
	assert_int_equal(c.nphones, 0);
	assert_non_null(c.emails);
}

/* A page's keys: each name once, a row's columns repeatable, room checked. */
static void
keys_of_the_forms(void **state)
{
	struct req_key keys[16] = { { "status", REQ_K_ID, 0, "stat_", 0 } };
	size_t n = 1, i, found = 0;

	(void)state;
	n = form_keys(keys, n, 16, &contacts_form, 100);
	n = form_keys(keys, n, 16, &tasks_form, 100);
	/* status, name, title, email, email_type, phone, phone_type, text, due_date,
	 * assigned_to, contact_id */
	assert_int_equal(n, 11);
	for (i = 0; i < n; i++) {
		if (strcmp(keys[i].name, "email_type") == 0 || strcmp(keys[i].name, "phone") == 0) {
			assert_true(keys[i].multi);
			found++;
		}
		if (strcmp(keys[i].name, "name") == 0 || strcmp(keys[i].name, "text") == 0) {
			assert_false(keys[i].multi);
			assert_int_equal(keys[i].kind, REQ_K_TEXT);
			assert_int_equal(keys[i].max, 100);
			found++;
		}
	}
	assert_int_equal(found, 4);
	assert_int_equal(form_keys(keys, 1, 4, &opportunities_form, 100), 0);   /* no room */
}

/* ---- showing a refused form again ---- */

#define PRAGMA "{{%AUTOESCAPE context=\"HTML\"}}\n"
static char dir[] = "/tmp/leadline-form-test.XXXXXX";
static const char tpl[] = PRAGMA "{{#F}}{{#FORM_ERR}}[form:{{MSG}}]{{/FORM_ERR}}"
    "<t>{{TEXT}}</t>{{#TEXT_ERR}}[text:{{MSG}}]{{/TEXT_ERR}}"
    "<d>{{DUE_DATE}}</d>{{#DUE_DATE_ERR}}[due:{{MSG}}]{{/DUE_DATE_ERR}}"
    "<a>{{ASSIGNED_TO}}</a><c>{{CONTACT_ID}}</c>{{/F}}";

static int
group_setup(void **state)
{
	const char *names[] = { "form.tpl", NULL };
	char p[256], err[256] = "";
	FILE *fp;

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(p, sizeof p, "%s/form.tpl", dir);
	if ((fp = fopen(p, "w")) == NULL)
		return -1;
	fputs(tpl, fp);
	fclose(fp);
	return view_init(dir, names, err, sizeof err);
}

static int
group_teardown(void **state)
{
	char p[256];

	(void)state;
	snprintf(p, sizeof p, "%s/form.tpl", dir);
	unlink(p);
	rmdir(dir);
	return 0;
}

static const char *
show(const void *in, const struct valid_errs *e)
{
	struct view_dict *d = view_dict_new();
	struct buf out;
	const char *s;

	assert_non_null(d);
	buf_init(&out);
	form_show(&A, view_section(d, "F"), &tasks_form, in, e);
	assert_int_equal(view_render("form.tpl", d, &out), 0);
	s = arena_strdup(&A, out.data);
	buf_free(&out);
	view_dict_free(d);
	return s;
}

static void
showing_again_keeps_the_input_and_the_messages(void **state)
{
	struct tasks_in t;
	struct valid_errs e;

	(void)state;
	bind_body(&tasks_form, "text=%3Cb%3Eoops%3C%2Fb%3E&due_date=soon", &t);
	valid_reset(&e);
	valid_add(&e, "due_date", "The due date must be a date.");
	valid_add(&e, VALID_FORM, "Nothing was saved.");
	assert_string_equal(show(&t, &e),
	    "[form:Nothing was saved.]<t>&lt;b&gt;oops&lt;/b&gt;</t><d>soon</d>"
	    "[due:The due date must be a date.]<a></a><c></c>");
}

static void
showing_defaults_has_no_messages(void **state)
{
	struct tasks_in d = { .text = "Send the quote" };

	(void)state;
	assert_string_equal(show(&d, NULL), "<t>Send the quote</t><d></d><a></a><c></c>");
	assert_string_equal(show(NULL, NULL), "<t></t><d></d><a></a><c></c>");
}

/* ---- JSON ---- */

static void
json_round_trip_of_a_struct(void **state)
{
	struct contacts_email em[2] = { { "a@x.test", "home" }, { "b@x.test", NULL } };
	struct contacts_phone ph[1] = { { "+1 (415) 555-0132", "mobile" } };
	struct contacts_in c = { "Ada \"the first\" Lovelace", NULL, em, 2, ph, 1 }, back;
	struct valid_errs e;
	json_t *j, *again;
	char *text;

	(void)state;
	assert_non_null(j = form_to_json(&contacts_form, &c));
	assert_non_null(text = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT));
	assert_string_equal(text, "{\"emails\":[{\"email\":\"a@x.test\",\"type\":\"home\"},"
	    "{\"email\":\"b@x.test\",\"type\":null}],\"name\":\"Ada \\\"the first\\\" Lovelace\","
	    "\"phones\":[{\"phone\":\"+1 (415) 555-0132\",\"type\":\"mobile\"}],\"title\":null}");
	assert_non_null(again = json_loads(text, 0, NULL));
	valid_reset(&e);
	assert_int_equal(form_from_json(&A, &contacts_form, again, &back, &e), 0);
	assert_int_equal(e.n, 0);
	assert_string_equal(back.name, c.name);
	assert_null(back.title);
	assert_int_equal(back.nemails, 2);
	assert_string_equal(back.emails[1].email, "b@x.test");
	assert_null(back.emails[1].type);
	assert_int_equal(back.nphones, 1);
	assert_string_equal(back.phones[0].type, "mobile");
	free(text);
	json_decref(j);
	json_decref(again);
	/* and a flat one: every field comes back as it went */
	{
		struct opportunities_in o = { "stat_x", "1,200.50", "EUR", "annual", "60", "2026-12-31",
		    NULL, "", "a note\nof two lines" }, ob;
		assert_non_null(j = form_to_json(&opportunities_form, &o));
		assert_int_equal(form_from_json(&A, &opportunities_form, j, &ob, &e), 0);
		assert_string_equal(ob.value, "1,200.50");
		assert_string_equal(ob.expected_date, "2026-12-31");
		assert_null(ob.user_id);
		assert_string_equal(ob.contact_id, "");
		assert_string_equal(ob.note, o.note);
		json_decref(j);
	}
}

static void
json_refuses_what_is_no_field_or_no_string(void **state)
{
	struct contacts_in c;
	struct valid_errs e;
	json_t *j;

	(void)state;
	j = json_loads("{\"name\": 3, \"nickname\": \"Al\", \"title\": \"CEO\","
	    " \"emails\": [{\"email\": \"a@x.test\", \"kind\": \"home\"}], \"phones\": \"555\"}", 0, NULL);
	assert_non_null(j);
	valid_reset(&e);
	assert_int_equal(form_from_json(&A, &contacts_form, j, &c, &e), 1);
	assert_string_equal(valid_get(&e, "name"), "The name must be given as a string.");
	assert_string_equal(valid_get(&e, "nickname"), "\"nickname\" is not a field of the contact.");
	assert_string_equal(valid_get(&e, "emails.0.kind"),
	    "\"kind\" is not a field of the email address.");
	assert_string_equal(valid_get(&e, "phones"), "The phone numbers must be a list.");
	assert_string_equal(c.title, "CEO");   /* what was good is taken */
	json_decref(j);
	j = json_loads("[1]", 0, NULL);
	assert_int_equal(form_from_json(&A, &contacts_form, j, &c, &e), 1);
	json_decref(j);
}

/* ---- each table against its struct ---- */

/* Every field's value is its own name: each member then says which field the
 * table put there. Offsets are distinct and inside the struct. */
static void *
by_names(const struct form_model *m)
{
	char *body = arena_strdup(&A, ""), *in;
	size_t i, j;

	for (i = 0; i < m->nfields; i++) {
		const struct form_field *f = &m->fields[i];
		assert_true(f->kind < FORM_K__MAX);
		assert_non_null(f->spec.what);
		if (f->kind == FORM_K_ROWS)
			assert_true(f->offset + sizeof(void *) <= m->size && f->count + sizeof(size_t) <= m->size);
		else
			assert_true(f->offset + sizeof(const char *) <= m->size);
		assert_true((f->kind == FORM_K_CHOICE) == (f->choices != NULL));
		assert_true((f->kind == FORM_K_ID) == (f->prefix != NULL));
		for (j = 0; j < i; j++) {
			assert_true(m->fields[j].offset != f->offset);
			assert_string_not_equal(m->fields[j].spec.field, f->spec.field);
		}
		if (f->kind != FORM_K_ROWS)
			body = arena_printf(&A, "%s&%s=%s", body, f->spec.field, f->spec.field);
	}
	in = arena_alloc(&A, m->size);
	bind_body(m, body, in);
	return in;
}

static void
tables_match_their_structs(void **state)
{
	const struct tasks_in *t = by_names(&tasks_form);
	const struct leadedit_in *l = by_names(&leadedit_form);
	const struct opportunities_in *o = by_names(&opportunities_form);
	const struct contacts_in *c = by_names(&contacts_form);
	const struct activities_note_in *n = by_names(&activities_note_form);
	const struct activities_call_in *ca = by_names(&activities_call_form);
	const struct activities_email_in *em = by_names(&activities_email_form);
	const struct activities_sms_in *sm = by_names(&activities_sms_form);
	const struct activities_meeting_in *me = by_names(&activities_meeting_form);
	const struct activities_custom_in *cu = by_names(&activities_custom_form);

	(void)state;
	assert_int_equal(tasks_form.nfields, 4);
	assert_string_equal(t->text, "text");
	assert_string_equal(t->due_date, "due_date");
	assert_string_equal(t->assigned_to, "assigned_to");
	assert_string_equal(t->contact_id, "contact_id");
	assert_int_equal(leadedit_form.nfields, 3);
	assert_string_equal(l->name, "name");
	assert_string_equal(l->url, "url");
	assert_string_equal(l->description, "description");
	assert_int_equal(opportunities_form.nfields, 9);
	assert_string_equal(o->status_id, "status_id");
	assert_string_equal(o->value, "value");
	assert_string_equal(o->value_currency, "value_currency");
	assert_string_equal(o->value_period, "value_period");
	assert_string_equal(o->confidence, "confidence");
	assert_string_equal(o->expected_date, "expected_date");
	assert_string_equal(o->user_id, "user_id");
	assert_string_equal(o->contact_id, "contact_id");
	assert_string_equal(o->note, "note");
	assert_int_equal(contacts_form.nfields, 4);
	assert_string_equal(c->name, "name");
	assert_string_equal(c->title, "title");
	assert_int_equal(contacts_email_form.nfields, 2);
	assert_int_equal(contacts_phone_form.nfields, 2);
	assert_int_equal(activities_note_form.nfields, 3);
	assert_string_equal(n->c.contact_id, "contact_id");
	assert_string_equal(n->c.activity_at, "activity_at");
	assert_string_equal(n->text, "text");
	assert_int_equal(activities_call_form.nfields, 7);
	assert_string_equal(ca->direction, "direction");
	assert_string_equal(ca->phone, "phone");
	assert_string_equal(ca->duration, "duration");
	assert_string_equal(ca->outcome, "outcome");
	assert_string_equal(ca->note, "note");
	assert_int_equal(activities_email_form.nfields, 8);
	assert_string_equal(em->direction, "direction");
	assert_string_equal(em->subject, "subject");
	assert_string_equal(em->sender, "sender");
	assert_string_equal(em->to, "to");
	assert_string_equal(em->cc, "cc");
	assert_string_equal(em->body_text, "body_text");
	assert_int_equal(activities_sms_form.nfields, 6);
	assert_string_equal(sm->c.contact_id, "contact_id");
	assert_string_equal(sm->local_phone, "local_phone");
	assert_string_equal(sm->remote_phone, "remote_phone");
	assert_string_equal(sm->text, "text");
	assert_int_equal(activities_meeting_form.nfields, 8);
	assert_string_equal(me->title, "title");
	assert_string_equal(me->starts_at, "starts_at");
	assert_string_equal(me->ends_at, "ends_at");
	assert_string_equal(me->attendees, "attendees");
	assert_string_equal(me->location, "location");
	assert_string_equal(me->note, "note");
	assert_int_equal(activities_custom_form.nfields, 3);
	assert_string_equal(cu->custom_activity_type_id, "custom_activity_type_id");
	assert_string_equal(cu->c.activity_at, "activity_at");
}

/* The row models: a column's value lands in its member, under its param. */
static void
row_tables_match_their_structs(void **state)
{
	struct contacts_in c;

	(void)state;
	bind_body(&contacts_form, "email=E&email_type=ET&phone=P&phone_type=PT", &c);
	assert_int_equal(c.nemails, 1);
	assert_string_equal(c.emails[0].email, "E");
	assert_string_equal(c.emails[0].type, "ET");
	assert_int_equal(c.nphones, 1);
	assert_string_equal(c.phones[0].phone, "P");
	assert_string_equal(c.phones[0].type, "PT");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(binding_takes_each_field_by_its_name, setup, teardown),
		cmocka_unit_test_setup_teardown(binding_rows_by_position, setup, teardown),
		cmocka_unit_test_setup_teardown(keys_of_the_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(showing_again_keeps_the_input_and_the_messages, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(showing_defaults_has_no_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(json_round_trip_of_a_struct, setup, teardown),
		cmocka_unit_test_setup_teardown(json_refuses_what_is_no_field_or_no_string, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(tables_match_their_structs, setup, teardown),
		cmocka_unit_test_setup_teardown(row_tables_match_their_structs, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
