/* test_contacts.c — lib/contacts.h against the live instance ($LEADLINE_CONF):
 * adding, editing and removing contacts with their emails and phones, the
 * B2C rule (L6) also under two requests at once, refusals, all or nothing. */
#include "model_fixture.h"

#include "contacts.h"

#define CT_COLS(X) \
	X(CT_ID, "id") X(CT_ORGANIZATION_ID, "organization_id") X(CT_LEAD_ID, "lead_id") \
	X(CT_NAME, "name") X(CT_TITLE, "title")
FX_SQL(q_contact,
	"SELECT id, organization_id, lead_id, name, title FROM contacts WHERE pid = ?", CT_COLS);
#define EM_COLS(X) \
	X(EM_EMAIL, "email") X(EM_TYPE, "type") X(EM_POSITION, "position") \
	X(EM_ORGANIZATION_ID, "organization_id")
FX_SQL(q_emails,
	"SELECT email, type, position, organization_id FROM contact_emails WHERE contact_id = ?"
	" ORDER BY position", EM_COLS);
#define PH_COLS(X) \
	X(PH_PHONE, "phone") X(PH_PHONE_DIGITS, "phone_digits") X(PH_TYPE, "type") \
	X(PH_POSITION, "position") X(PH_ORGANIZATION_ID, "organization_id")
FX_SQL(q_phones,
	"SELECT phone, phone_digits, type, position, organization_id FROM contact_phones"
	" WHERE contact_id = ? ORDER BY position", PH_COLS);
static struct db_sql q_ncontacts = DB_SQL("SELECT COUNT(*) FROM contacts WHERE lead_id = ?");
static struct db_sql q_lead_name = DB_SQL("SELECT name FROM leads WHERE id = ?");
static struct db_sql q_contact_name = DB_SQL("SELECT name FROM contacts WHERE id = ?");
static struct db_sql q_first_pid = DB_SQL("SELECT pid FROM contacts WHERE lead_id = ?");
static struct db_sql q_pid_exists = DB_SQL("SELECT COUNT(*) FROM contacts WHERE pid = ?");
static struct db_sql q_add_email = DB_SQL(
	"INSERT INTO contact_emails (organization_id, contact_id, email, type, position)"
	" VALUES (?, ?, 'old@x.example', 'office', 0)");
static struct db_sql q_task = DB_SQL(
	"INSERT INTO tasks (pid, organization_id, lead_id, text, contact_id)"
	" VALUES (ll_id('task_'), ?, ?, 'call back', ?)");
static struct db_sql q_opp = DB_SQL(
	"INSERT INTO opportunities (pid, organization_id, lead_id, status_id, contact_id)"
	" SELECT ll_id('oppo_'), ?, ?, s.id, ? FROM opportunity_statuses s WHERE s.organization_id = ?"
	" ORDER BY s.position LIMIT 1");
static struct db_sql q_act = DB_SQL(
	"INSERT INTO activities (pid, organization_id, lead_id, type, contact_id, activity_at, body_text)"
	" VALUES (ll_id('acti_'), ?, ?, 'note', ?, UTC_TIMESTAMP(), 'hello')");
#define LK_COLS(X) X(LK_OF_CONTACT, "of_contact") X(LK_OF_LEAD, "of_lead")
FX_SQL(q_linked,
	"SELECT (SELECT COUNT(*) FROM tasks WHERE lead_id = ? AND contact_id = ?)"
	" + (SELECT COUNT(*) FROM opportunities WHERE lead_id = ? AND contact_id = ?)"
	" + (SELECT COUNT(*) FROM activities WHERE lead_id = ? AND contact_id = ?) AS of_contact,"
	" (SELECT COUNT(*) FROM tasks WHERE lead_id = ?)"
	" + (SELECT COUNT(*) FROM opportunities WHERE lead_id = ?)"
	" + (SELECT COUNT(*) FROM activities WHERE lead_id = ?) AS of_lead", LK_COLS);

static void
add_a_contact_with_emails_and_phones(void **state)
{
	const struct contacts_email em[] = {
		{ " priya@globex.example ", "" }, { "", "home" },   /* the form's blank row */
		{ "ap@globex.example", "Other" },
	};
	const struct contacts_phone ph[] = {
		{ "+1 (217) 555-0110", "direct" }, { "  ", NULL }, { "030 1234-56", NULL },
	};
	struct contacts_in in = { "  Priya Natarajan ", "CFO", em, 3, ph, 3 };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid, cid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Globex-like", &lead);
	assert_int_equal(contacts_add(&A, NW, ADA, lead, &in, pid, &e), VALID_OK);
	assert_true(ids_valid("cont_", pid));
	r = fx_row(&q_contact, DB_ARGS(DB_STR(pid)));
	cid = db_get_int(&r, 0, CT_ID);
	assert_int_equal(db_get_int(&r, 0, CT_ORGANIZATION_ID), NW);
	assert_int_equal(db_get_int(&r, 0, CT_LEAD_ID), lid);
	assert_string_equal(db_get(&r, 0, CT_NAME), "Priya Natarajan");
	assert_string_equal(db_get(&r, 0, CT_TITLE), "CFO");
	assert_int_equal(db_read(&A, &q_emails, DB_ARGS(DB_INT(cid)), &r), DB_OK);
	assert_int_equal(r.nrows, 2);
	assert_string_equal(db_get(&r, 0, EM_EMAIL), "priya@globex.example");
	assert_string_equal(db_get(&r, 0, EM_TYPE), "office");
	assert_int_equal(db_get_int(&r, 0, EM_POSITION), 0);
	assert_string_equal(db_get(&r, 1, EM_EMAIL), "ap@globex.example");
	assert_string_equal(db_get(&r, 1, EM_TYPE), "other");
	assert_int_equal(db_get_int(&r, 1, EM_POSITION), 1);
	assert_int_equal(db_get_int(&r, 1, EM_ORGANIZATION_ID), NW);
	assert_int_equal(db_read(&A, &q_phones, DB_ARGS(DB_INT(cid)), &r), DB_OK);
	assert_int_equal(r.nrows, 2);
	assert_string_equal(db_get(&r, 0, PH_PHONE), "+1 (217) 555-0110");
	assert_string_equal(db_get(&r, 0, PH_PHONE_DIGITS), "12175550110");
	assert_string_equal(db_get(&r, 0, PH_TYPE), "direct");
	assert_string_equal(db_get(&r, 1, PH_PHONE_DIGITS), "030123456");
	assert_string_equal(db_get(&r, 1, PH_TYPE), "office");
	assert_int_equal(db_get_int(&r, 1, PH_POSITION), 1);
	assert_int_equal(db_get_int(&r, 1, PH_ORGANIZATION_ID), NW);
	assert_true(fx_touched(lid, ADA));
	/* b2b: the lead keeps its name */
	assert_string_equal(fx_str(&q_lead_name, DB_ARGS(DB_INT(lid))), FX_PREFIX "Globex-like");
}

static void
add_refuses_bad_fields_and_writes_nothing(void **state)
{
	const struct contacts_email em[] = { { "ok@x.example", "office" }, { "not an address", "" },
		{ "x@y.example", "pager" } };
	const struct contacts_phone ph[] = { { "call me maybe", "mobile" }, { "555 0100", "cell" } };
	struct contacts_in in = { "", NULL, em, 3, ph, 2 };
	struct contacts_email many[CONTACTS_MAX_EMAILS + 1];
	struct valid_errs e;
	const char *lead;
	long long lid;
	size_t i;

	NEED_DB();
	lid = fx_lead(NW, "Refusals", &lead);
	assert_int_equal(contacts_add(&A, NW, ADA, lead, &in, NULL, &e), VALID_INVALID);
	assert_msg(e, "name", "The name is required.");
	assert_msg(e, "emails.1.email", "The email address must be an email address like name@example.com.");
	assert_msg(e, "emails.2.type", "The email type must be one of: office, home, direct, other.");
	assert_msg(e, "phones.0.phone", "The phone number must be a phone number like +1 (415) 555-0132.");
	assert_msg(e, "phones.1.type",
	    "The phone type must be one of: office, mobile, home, direct, fax, other.");
	assert_int_equal(e.n, 5);
	for (i = 0; i < CONTACTS_MAX_EMAILS + 1; i++)
		many[i] = (struct contacts_email){ "a@b.example", NULL };
	in = (struct contacts_in){ "Many", "\xff", many, CONTACTS_MAX_EMAILS + 1, NULL, 0 };
	assert_int_equal(contacts_add(&A, NW, ADA, lead, &in, NULL, &e), VALID_INVALID);
	assert_msg(e, "emails", "A contact has at most 20 email addresses.");
	assert_msg(e, "title", "The title contains characters that are not valid text (UTF-8).");
	assert_int_equal(fx_int(&q_ncontacts, DB_ARGS(DB_INT(lid))), 0);
	assert_false(fx_touched(lid, 0));
}

static void
add_to_a_lead_of_another_organization_is_not_found(void **state)
{
	struct contacts_in in = { "Spy", NULL, NULL, 0, NULL, 0 };
	struct valid_errs e;
	const char *bloom;
	long long lid;

	NEED_DB();
	lid = fx_lead(BD, "Someone else's", &bloom);
	assert_int_equal(contacts_add(&A, NW, ADA, bloom, &in, NULL, &e), VALID_NOT_FOUND);
	assert_int_equal(fx_int(&q_ncontacts, DB_ARGS(DB_INT(lid))), 0);
	assert_false(fx_touched(lid, 0));
}

static void
update_replaces_name_title_emails_phones(void **state)
{
	const struct contacts_email em[] = { { "new@x.example", "home" } };
	const struct contacts_phone ph[] = { { "+49 89 2190 4471", "mobile" } };
	struct contacts_in in = { "Lukas Weber", "Leiter Einkauf", em, 1, ph, 1 };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *cpid;
	long long lid, cid;

	NEED_DB();
	lid = fx_lead(NW, "Update", &lead);
	cid = fx_contact(NW, lid, "Lukas", &cpid);
	assert_int_equal(db_write(&A, &q_add_email, DB_ARGS(DB_INT(NW), DB_INT(cid)), NULL), DB_OK);
	assert_int_equal(contacts_update(&A, NW, BEN, lead, cpid, &in, &e), VALID_OK);
	r = fx_row(&q_contact, DB_ARGS(DB_STR(cpid)));
	assert_string_equal(db_get(&r, 0, CT_NAME), "Lukas Weber");
	assert_string_equal(db_get(&r, 0, CT_TITLE), "Leiter Einkauf");
	r = fx_row(&q_emails, DB_ARGS(DB_INT(cid)));   /* the old address is gone */
	assert_string_equal(db_get(&r, 0, EM_EMAIL), "new@x.example");
	assert_string_equal(db_get(&r, 0, EM_TYPE), "home");
	r = fx_row(&q_phones, DB_ARGS(DB_INT(cid)));
	assert_string_equal(db_get(&r, 0, PH_PHONE_DIGITS), "498921904471");
	assert_string_equal(db_get(&r, 0, PH_TYPE), "mobile");
	assert_true(fx_touched(lid, BEN));
	/* no emails at all: the title is cleared, the addresses removed */
	in = (struct contacts_in){ "Lukas Weber", "", NULL, 0, NULL, 0 };
	assert_int_equal(contacts_update(&A, NW, BEN, lead, cpid, &in, &e), VALID_OK);
	r = fx_row(&q_contact, DB_ARGS(DB_STR(cpid)));
	assert_true(db_is_null(&r, 0, CT_TITLE));
	assert_int_equal(fx_rows(&q_emails, DB_ARGS(DB_INT(cid))), 0);
	assert_int_equal(fx_rows(&q_phones, DB_ARGS(DB_INT(cid))), 0);
}

static void
update_refuses_and_changes_nothing(void **state)
{
	const struct contacts_email em[] = { { "broken@", NULL } };
	struct contacts_in in = { "New", NULL, em, 1, NULL, 0 };
	struct valid_errs e;
	const char *lead, *cpid;
	long long lid, cid;

	NEED_DB();
	lid = fx_lead(NW, "Update refused", &lead);
	cid = fx_contact(NW, lid, "Old", &cpid);
	assert_int_equal(contacts_update(&A, NW, ADA, lead, cpid, &in, &e), VALID_INVALID);
	assert_msg(e, "emails.0.email", "The email address must be an email address like name@example.com.");
	assert_string_equal(fx_str(&q_contact_name, DB_ARGS(DB_INT(cid))), "Old");
	assert_false(fx_touched(lid, 0));
}

static void
contacts_of_another_lead_or_organization_are_not_found(void **state)
{
	struct contacts_in in = { "Hijack", NULL, NULL, 0, NULL, 0 };
	struct valid_errs e;
	const char *lead, *other_lead, *bloom_lead, *other_c, *bloom_c;
	long long lid, other, bloom, oc, bc;

	NEED_DB();
	lid = fx_lead(NW, "Mine", &lead);
	other = fx_lead(NW, "Sibling", &other_lead);
	bloom = fx_lead(BD, "Bloom", &bloom_lead);
	oc = fx_contact(NW, other, "Sibling's", &other_c);
	bc = fx_contact(BD, bloom, "Bloom's", &bloom_c);
	/* a contact of another lead of the same organization, through this lead */
	assert_int_equal(contacts_update(&A, NW, ADA, lead, other_c, &in, &e), VALID_NOT_FOUND);
	assert_int_equal(contacts_remove(&A, NW, ADA, lead, other_c, &e), VALID_NOT_FOUND);
	/* Bloom Dental's contact from Northwind's user, through either lead */
	assert_int_equal(contacts_update(&A, NW, ADA, lead, bloom_c, &in, &e), VALID_NOT_FOUND);
	assert_int_equal(contacts_update(&A, NW, ADA, bloom_lead, bloom_c, &in, &e), VALID_NOT_FOUND);
	assert_int_equal(contacts_remove(&A, NW, ADA, bloom_lead, bloom_c, &e), VALID_NOT_FOUND);
	assert_int_equal(contacts_remove(&A, BD, ADA, bloom_lead, bloom_c, &e), VALID_NOT_FOUND);
	assert_int_equal(contacts_remove(&A, NW, ADA, lead, "cont_x", &e), VALID_NOT_FOUND);
	assert_string_equal(fx_str(&q_contact_name, DB_ARGS(DB_INT(oc))), "Sibling's");
	assert_string_equal(fx_str(&q_contact_name, DB_ARGS(DB_INT(bc))), "Bloom's");
	assert_false(fx_touched(lid, 0));
	assert_false(fx_touched(other, 0));
	assert_false(fx_touched(bloom, 0));
}

static void
remove_takes_emails_phones_and_links_with_it(void **state)
{
	const struct contacts_email em[] = { { "gone@x.example", NULL } };
	const struct contacts_phone ph[] = { { "555 0100", NULL } };
	struct contacts_in in = { "Going", NULL, em, 1, ph, 1 };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *cpid;
	long long lid, cid, keep;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Remove", &lead);
	keep = fx_contact(NW, lid, "Staying", NULL);
	assert_int_equal(contacts_add(&A, NW, ADA, lead, &in, pid, &e), VALID_OK);
	cpid = pid;
	cid = db_get_int((r = fx_row(&q_contact, DB_ARGS(DB_STR(cpid))), &r), 0, CT_ID);
	assert_int_equal(db_write(&A, &q_task, DB_ARGS(DB_INT(NW), DB_INT(lid), DB_INT(cid)), NULL), DB_OK);
	assert_int_equal(db_write(&A, &q_opp, DB_ARGS(DB_INT(NW), DB_INT(lid), DB_INT(cid), DB_INT(NW)), NULL), DB_OK);
	assert_int_equal(db_write(&A, &q_act, DB_ARGS(DB_INT(NW), DB_INT(lid), DB_INT(cid)), NULL), DB_OK);
	assert_int_equal(contacts_remove(&A, NW, BEN, lead, cpid, &e), VALID_OK);
	assert_int_equal(fx_int(&q_pid_exists, DB_ARGS(DB_STR(cpid))), 0);
	assert_int_equal(fx_rows(&q_emails, DB_ARGS(DB_INT(cid))), 0);
	assert_int_equal(fx_rows(&q_phones, DB_ARGS(DB_INT(cid))), 0);
	r = fx_row(&q_linked, DB_ARGS(DB_INT(lid), DB_INT(cid), DB_INT(lid), DB_INT(cid), DB_INT(lid),
	    DB_INT(cid), DB_INT(lid), DB_INT(lid), DB_INT(lid)));
	assert_int_equal(db_get_int(&r, 0, LK_OF_CONTACT), 0);   /* nothing names it */
	assert_int_equal(db_get_int(&r, 0, LK_OF_LEAD), 3);   /* the task, opportunity and note stay */
	assert_string_equal(fx_str(&q_contact_name, DB_ARGS(DB_INT(keep))), "Staying");
	assert_true(fx_touched(lid, BEN));
}

static void
b2c_second_contact_is_refused(void **state)
{
	struct contacts_in in = { "Second", NULL, NULL, 0, NULL, 0 };
	struct valid_errs e;
	const char *lead;
	long long lid;

	NEED_DB();
	lid = fx_lead(BD, "Patient", &lead);
	fx_contact(BD, lid, FX_PREFIX "Patient", NULL);
	assert_int_equal(contacts_add(&A, BD, CORA, lead, &in, NULL, &e), VALID_REFUSED);
	assert_msg(e, VALID_FORM, "A customer in a B2C organization has exactly one contact.");
	assert_int_equal(fx_int(&q_ncontacts, DB_ARGS(DB_INT(lid))), 1);
	assert_false(fx_touched(lid, 0));
}

static void
b2c_removing_the_only_contact_is_refused(void **state)
{
	struct valid_errs e;
	const char *lead, *cpid;
	long long lid;

	NEED_DB();
	lid = fx_lead(BD, "Patient", &lead);
	fx_contact(BD, lid, FX_PREFIX "Patient", &cpid);
	assert_int_equal(contacts_remove(&A, BD, CORA, lead, cpid, &e), VALID_REFUSED);
	assert_msg(e, VALID_FORM, contacts_b2c_rule);
	assert_int_equal(fx_int(&q_ncontacts, DB_ARGS(DB_INT(lid))), 1);
	assert_false(fx_touched(lid, 0));
}

static void
b2c_renaming_the_contact_renames_the_lead(void **state)
{
	struct contacts_in in = { "Emily Carter-Ruiz", NULL, NULL, 0, NULL, 0 };
	struct valid_errs e;
	const char *lead, *cpid;
	long long lid, cid;

	NEED_DB();
	lid = fx_lead(BD, "Emily Carter", &lead);
	cid = fx_contact(BD, lid, FX_PREFIX "Emily Carter", &cpid);
	assert_int_equal(contacts_update(&A, BD, CORA, lead, cpid, &in, &e), VALID_OK);
	assert_string_equal(fx_str(&q_contact_name, DB_ARGS(DB_INT(cid))), "Emily Carter-Ruiz");
	assert_string_equal(fx_str(&q_lead_name, DB_ARGS(DB_INT(lid))), "Emily Carter-Ruiz");
	fx_forget_lead(lid);   /* no longer named zz-unit: removed by id */
	assert_true(fx_touched(lid, CORA));
}

static void
b2c_the_first_contact_names_the_lead(void **state)
{
	struct contacts_in in = { FX_PREFIX "Real Name", NULL, NULL, 0, NULL, 0 };
	struct valid_errs e;
	const char *lead;
	long long lid;

	NEED_DB();
	lid = fx_lead(BD, "Placeholder", &lead);   /* a customer without contact (older data) */
	assert_int_equal(contacts_add(&A, BD, CORA, lead, &in, NULL, &e), VALID_OK);
	assert_string_equal(fx_str(&q_lead_name, DB_ARGS(DB_INT(lid))), FX_PREFIX "Real Name");
	assert_int_equal(fx_int(&q_ncontacts, DB_ARGS(DB_INT(lid))), 1);
}

static void
b2b_has_no_such_rule(void **state)
{
	struct contacts_in in = { "Another", NULL, NULL, 0, NULL, 0 };
	struct valid_errs e;
	const char *lead, *cpid;
	long long lid;

	NEED_DB();
	lid = fx_lead(NW, "Company", &lead);
	fx_contact(NW, lid, "First", &cpid);
	assert_int_equal(contacts_add(&A, NW, ADA, lead, &in, NULL, &e), VALID_OK);
	assert_int_equal(contacts_remove(&A, NW, ADA, lead, cpid, &e), VALID_OK);
	assert_int_equal(fx_int(&q_ncontacts, DB_ARGS(DB_INT(lid))), 1);
	/* and the only one may go too */
	cpid = fx_str(&q_first_pid, DB_ARGS(DB_INT(lid)));
	assert_int_equal(contacts_remove(&A, NW, ADA, lead, cpid, &e), VALID_OK);
	assert_int_equal(fx_int(&q_ncontacts, DB_ARGS(DB_INT(lid))), 0);
	assert_string_equal(fx_str(&q_lead_name, DB_ARGS(DB_INT(lid))), FX_PREFIX "Company");
}

/* Two requests adding the first contact of a b2c customer at once. */
static const char *race_lead;

static enum valid_rc
race_add(void *arg)
{
	struct contacts_in in = { FX_PREFIX "Racer", NULL, NULL, 0, NULL, 0 };
	struct valid_errs e;

	(void)arg;
	return contacts_add(&A, BD, CORA, race_lead, &in, NULL, &e);
}

static void
b2c_two_first_contacts_at_once_make_one(void **state)
{
	int rc[2];
	long long lid;

	NEED_DB();
	lid = fx_lead(BD, "Racer", &race_lead);
	fx_race(lid, race_add, NULL, rc);
	assert_true((rc[0] == VALID_OK && rc[1] == VALID_REFUSED) ||
	    (rc[0] == VALID_REFUSED && rc[1] == VALID_OK));
	assert_int_equal(fx_int(&q_ncontacts, DB_ARGS(DB_INT(lid))), 1);
}

static void
update_is_all_or_nothing(void **state)
{
	const struct contacts_email em[] = { { "new@x.example", NULL } };
	const struct contacts_phone ph[] = { { "555 0199", NULL } };
	struct contacts_in in = { "Renamed", NULL, em, 1, ph, 1 };
	struct valid_errs e;
	const char *lead, *cpid;
	struct db_res r;
	long long lid, cid;
	char cond[100];

	NEED_DB();
	lid = fx_lead(NW, "Atomic", &lead);
	cid = fx_contact(NW, lid, "Before", &cpid);
	assert_int_equal(db_write(&A, &q_add_email, DB_ARGS(DB_INT(NW), DB_INT(cid)), NULL), DB_OK);
	/* the name, the old emails' removal and the new email pass; the phone fails */
	snprintf(cond, sizeof cond, "NEW.contact_id = %lld", cid);
	fx_fail_on("INSERT", "contact_phones", cond);
	assert_int_equal(contacts_update(&A, NW, ADA, lead, cpid, &in, &e), VALID_ERROR);
	assert_string_equal(fx_str(&q_contact_name, DB_ARGS(DB_INT(cid))), "Before");
	r = fx_row(&q_emails, DB_ARGS(DB_INT(cid)));
	assert_string_equal(db_get(&r, 0, EM_EMAIL), "old@x.example");
	assert_false(fx_touched(lid, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(add_a_contact_with_emails_and_phones),
		TEST(add_refuses_bad_fields_and_writes_nothing),
		TEST(add_to_a_lead_of_another_organization_is_not_found),
		TEST(update_replaces_name_title_emails_phones),
		TEST(update_refuses_and_changes_nothing),
		TEST(contacts_of_another_lead_or_organization_are_not_found),
		TEST(remove_takes_emails_phones_and_links_with_it),
		TEST(b2c_second_contact_is_refused),
		TEST(b2c_removing_the_only_contact_is_refused),
		TEST(b2c_renaming_the_contact_renames_the_lead),
		TEST(b2c_the_first_contact_names_the_lead),
		TEST(b2b_has_no_such_rule),
		TEST(b2c_two_first_contacts_at_once_make_one),
		TEST(update_is_all_or_nothing),
	};

	return cmocka_run_group_tests_name("contacts", tests, fx_group_setup, fx_group_teardown);
}
