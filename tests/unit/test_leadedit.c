/* test_leadedit.c — lib/leadedit.h (and lib/leadtx.h under it) against the
 * live instance ($LEADLINE_CONF): creating and editing leads, the B2C rule
 * of one contact named as the lead (L6), refusals, all or nothing. */
#include "model_fixture.h"

#include "leadedit.h"

#define LD_COLS(X) \
	X(LD_ORGANIZATION_ID, "organization_id") X(LD_NAME, "name") X(LD_URL, "url") \
	X(LD_DESCRIPTION, "description") X(LD_CREATED_BY, "created_by") \
	X(LD_UPDATED_BY, "updated_by") X(LD_CREATED_NOW, "created_now") \
	X(LD_FIRST_STATUS, "first_status") X(LD_ID, "id")
FX_SQL(q_lead,
	"SELECT l.organization_id, l.name, l.url, l.description, l.created_by, l.updated_by,"
	" l.date_created > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE AS created_now,"
	" l.status_id = (SELECT s.id FROM lead_statuses s WHERE s.organization_id = l.organization_id"
	"   ORDER BY s.position, s.id LIMIT 1) AS first_status, l.id"
	" FROM leads l WHERE l.pid = ?", LD_COLS);
#define LC_COLS(X) X(LC_NAME, "name") X(LC_ORGANIZATION_ID, "organization_id") X(LC_PID, "pid")
FX_SQL(q_contacts,
	"SELECT c.name, c.organization_id, c.pid FROM contacts c JOIN leads l ON l.id = c.lead_id"
	" WHERE l.pid = ? ORDER BY c.id", LC_COLS);
static struct db_sql q_contact_name = DB_SQL("SELECT name FROM contacts WHERE id = ?");
static struct db_sql q_lead_only_name = DB_SQL("SELECT name FROM leads WHERE id = ?");
#define LN_COLS(X) X(LN_NAME, "name") X(LN_URL, "url") X(LN_DESCRIPTION, "description")
FX_SQL(q_lead_name, "SELECT name, url, description FROM leads WHERE id = ?", LN_COLS);
static struct db_sql q_nleads = DB_SQL("SELECT COUNT(*) FROM leads WHERE organization_id = ?");

static void
create_b2b_lead(void **state)
{
	struct leadedit_in in = { FX_PREFIX "Acme", "acme.example/home", "First line\r\nsecond" };
	struct valid_errs e;
	struct db_res r;
	char pid[IDS_MAXLEN] = "";

	NEED_DB();
	assert_int_equal(leadedit_create(&A, NW, ADA, &in, pid, &e), VALID_OK);
	assert_int_equal(e.n, 0);
	assert_true(ids_valid("lead_", pid));
	r = fx_row(&q_lead, DB_ARGS(DB_STR(pid)));
	fx_forget_lead(db_get_int(&r, 0, LD_ID));
	assert_int_equal(db_get_int(&r, 0, LD_ORGANIZATION_ID), NW);
	assert_string_equal(db_get(&r, 0, LD_NAME), FX_PREFIX "Acme");
	assert_string_equal(db_get(&r, 0, LD_URL), "https://acme.example/home");
	assert_string_equal(db_get(&r, 0, LD_DESCRIPTION), "First line\nsecond");
	assert_int_equal(db_get_int(&r, 0, LD_CREATED_BY), ADA);
	assert_int_equal(db_get_int(&r, 0, LD_UPDATED_BY), ADA);
	assert_int_equal(db_get_int(&r, 0, LD_CREATED_NOW), 1);
	assert_int_equal(db_get_int(&r, 0, LD_FIRST_STATUS), 1);   /* the first status */
	assert_int_equal(fx_rows(&q_contacts, DB_ARGS(DB_STR(pid))), 0);   /* b2b: none */
}

static void
create_b2c_lead_makes_its_one_contact(void **state)
{
	struct leadedit_in in = { FX_PREFIX "Maya Lin", NULL, NULL };
	struct valid_errs e;
	struct db_res r;
	char pid[IDS_MAXLEN];

	NEED_DB();
	assert_int_equal(leadedit_create(&A, BD, CORA, &in, pid, &e), VALID_OK);
	r = fx_row(&q_lead, DB_ARGS(DB_STR(pid)));
	fx_forget_lead(db_get_int(&r, 0, LD_ID));
	assert_int_equal(db_get_int(&r, 0, LD_ORGANIZATION_ID), BD);
	assert_true(db_is_null(&r, 0, LD_URL));
	assert_true(db_is_null(&r, 0, LD_DESCRIPTION));
	r = fx_row(&q_contacts, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, LC_NAME), FX_PREFIX "Maya Lin");
	assert_int_equal(db_get_int(&r, 0, LC_ORGANIZATION_ID), BD);
	assert_true(ids_valid("cont_", db_get(&r, 0, LC_PID)));
}

static void
create_refuses_bad_input_and_writes_nothing(void **state)
{
	char longname[300];
	struct leadedit_in in = { "  ", "javascript:alert(1)", "bad \x01 byte" };
	struct valid_errs e;
	long long before;

	NEED_DB();
	before = fx_int(&q_nleads, DB_ARGS(DB_INT(NW)));
	assert_int_equal(leadedit_create(&A, NW, ADA, &in, NULL, &e), VALID_INVALID);
	assert_int_equal(e.n, 3);
	assert_msg(e, "name", "The name is required.");
	assert_msg(e, "url", "The web address must be a web address starting with http:// or https://.");
	assert_msg(e, "description", "The description contains control characters.");
	memset(longname, 'x', 256);
	longname[256] = '\0';
	in = (struct leadedit_in){ longname, NULL, "caf\xc3" };
	assert_int_equal(leadedit_create(&A, NW, ADA, &in, NULL, &e), VALID_INVALID);
	assert_msg(e, "name", "The name is too long: use at most 255 characters.");
	assert_msg(e, "description", "The description contains characters that are not valid text (UTF-8).");
	assert_int_equal(fx_int(&q_nleads, DB_ARGS(DB_INT(NW))), before);
}

static void
create_in_an_organization_the_user_is_not_in(void **state)
{
	struct leadedit_in in = { FX_PREFIX "Intruder", NULL, NULL };
	struct valid_errs e;
	long long before;

	NEED_DB();
	before = fx_int(&q_nleads, DB_ARGS(DB_INT(BD)));
	assert_int_equal(leadedit_create(&A, BD, ADA, &in, NULL, &e), VALID_NOT_FOUND);
	assert_int_equal(leadedit_create(&A, NW, DAN, &in, NULL, &e), VALID_NOT_FOUND);   /* deactivated */
	assert_int_equal(fx_int(&q_nleads, DB_ARGS(DB_INT(BD))), before);
}

static void
update_replaces_name_url_description(void **state)
{
	const char *pid;
	long long id, c;
	struct leadedit_in in = { FX_PREFIX "New name", "http://new.example", "" };
	struct valid_errs e;
	struct db_res r;

	NEED_DB();
	id = fx_lead(NW, "Old", &pid);
	c = fx_contact(NW, id, "Kept Name", NULL);
	assert_int_equal(leadedit_update(&A, NW, BEN, pid, &in, &e), VALID_OK);
	r = fx_row(&q_lead_name, DB_ARGS(DB_INT(id)));
	assert_string_equal(db_get(&r, 0, LN_NAME), FX_PREFIX "New name");
	assert_string_equal(db_get(&r, 0, LN_URL), "http://new.example");
	assert_true(db_is_null(&r, 0, LN_DESCRIPTION));
	assert_true(fx_touched(id, BEN));
	/* b2b: the contacts keep their names */
	assert_string_equal(fx_str(&q_contact_name, DB_ARGS(DB_INT(c))), "Kept Name");
}

static void
update_b2c_renames_the_contact(void **state)
{
	const char *pid;
	long long id, c;
	struct leadedit_in in = { FX_PREFIX "Renamed Patient", NULL, NULL };
	struct valid_errs e;

	NEED_DB();
	id = fx_lead(BD, "Patient", &pid);
	c = fx_contact(BD, id, FX_PREFIX "Patient", NULL);
	assert_int_equal(leadedit_update(&A, BD, CORA, pid, &in, &e), VALID_OK);
	assert_string_equal(fx_str(&q_lead_only_name, DB_ARGS(DB_INT(id))), FX_PREFIX "Renamed Patient");
	assert_string_equal(fx_str(&q_contact_name, DB_ARGS(DB_INT(c))), FX_PREFIX "Renamed Patient");
	assert_true(fx_touched(id, CORA));
}

static void
update_refuses_bad_input_and_changes_nothing(void **state)
{
	const char *pid;
	long long id;
	struct leadedit_in in = { "", "ftp://x.example", NULL };
	struct valid_errs e;

	NEED_DB();
	id = fx_lead(NW, "Stays", &pid);
	assert_int_equal(leadedit_update(&A, NW, ADA, pid, &in, &e), VALID_INVALID);
	assert_msg(e, "name", "The name is required.");
	assert_msg(e, "url", "The web address must be a web address starting with http:// or https://.");
	assert_string_equal(fx_str(&q_lead_only_name, DB_ARGS(DB_INT(id))), FX_PREFIX "Stays");
	assert_false(fx_touched(id, 0));
}

static void
update_a_lead_of_another_organization_is_not_found(void **state)
{
	const char *bloom_pid;
	long long bloom;
	struct leadedit_in in = { FX_PREFIX "Taken over", NULL, NULL };
	struct valid_errs e;

	NEED_DB();
	bloom = fx_lead(BD, "Not yours", &bloom_pid);
	/* Northwind's user, in Northwind, with Bloom Dental's lead */
	assert_int_equal(leadedit_update(&A, NW, ADA, bloom_pid, &in, &e), VALID_NOT_FOUND);
	/* Northwind's user claiming Bloom Dental */
	assert_int_equal(leadedit_update(&A, BD, ADA, bloom_pid, &in, &e), VALID_NOT_FOUND);
	assert_int_equal(leadedit_update(&A, NW, ADA, "lead_nope", &in, &e), VALID_NOT_FOUND);
	assert_int_equal(leadedit_update(&A, NW, ADA, NULL, &in, &e), VALID_NOT_FOUND);
	assert_string_equal(fx_str(&q_lead_only_name, DB_ARGS(DB_INT(bloom))), FX_PREFIX "Not yours");
	assert_false(fx_touched(bloom, 0));
}

static void
b2c_create_is_all_or_nothing(void **state)
{
	struct leadedit_in in = { FX_PREFIX "No Contact", NULL, NULL };
	struct valid_errs e;
	long long before;

	NEED_DB();
	before = fx_int(&q_nleads, DB_ARGS(DB_INT(BD)));
	/* the lead's insert goes through, its contact's fails */
	fx_fail_on("INSERT", "contacts", "NEW.name = 'zz-unit No Contact'");
	assert_int_equal(leadedit_create(&A, BD, CORA, &in, NULL, &e), VALID_ERROR);
	assert_int_equal(fx_int(&q_nleads, DB_ARGS(DB_INT(BD))), before);
}

static void
b2c_rename_is_all_or_nothing(void **state)
{
	const char *pid;
	long long id, c;
	struct leadedit_in in = { FX_PREFIX "Half renamed", NULL, NULL };
	struct valid_errs e;
	char cond[100];

	NEED_DB();
	id = fx_lead(BD, "Whole", &pid);
	c = fx_contact(BD, id, FX_PREFIX "Whole", NULL);
	snprintf(cond, sizeof cond, "NEW.id = %lld", c);
	fx_fail_on("UPDATE", "contacts", cond);
	assert_int_equal(leadedit_update(&A, BD, CORA, pid, &in, &e), VALID_ERROR);
	assert_string_equal(fx_str(&q_lead_only_name, DB_ARGS(DB_INT(id))), FX_PREFIX "Whole");
	assert_string_equal(fx_str(&q_contact_name, DB_ARGS(DB_INT(c))), FX_PREFIX "Whole");
	assert_false(fx_touched(id, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(create_b2b_lead),
		TEST(create_b2c_lead_makes_its_one_contact),
		TEST(create_refuses_bad_input_and_writes_nothing),
		TEST(create_in_an_organization_the_user_is_not_in),
		TEST(update_replaces_name_url_description),
		TEST(update_b2c_renames_the_contact),
		TEST(update_refuses_bad_input_and_changes_nothing),
		TEST(update_a_lead_of_another_organization_is_not_found),
		TEST(b2c_create_is_all_or_nothing),
		TEST(b2c_rename_is_all_or_nothing),
	};

	return cmocka_run_group_tests_name("leadedit", tests, fx_group_setup, fx_group_teardown);
}
