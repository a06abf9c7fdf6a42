/* test_fields.c — lib/fields.h against the live instance ($LEADLINE_CONF):
 * the values of a lead's custom fields by type, several values of a
 * multiple-choices field, removal by an empty value, refusals, fields and
 * users of another organization, all or nothing. */
#include "model_fixture.h"

#include "fields.h"

#define FLD_COLS(X) X(FLD_PID, "pid") X(FLD_ID, "id")
FX_SQL(q_field,
	"SELECT pid, id FROM custom_fields WHERE organization_id = ? AND name = ?", FLD_COLS);
#define FV_COLS(X) \
	X(FV_VALUE, "value") X(FV_VALUE_USER, "value_user") \
	X(FV_ORGANIZATION_ID, "organization_id")
FX_SQL(q_values,
	"SELECT v.value, v.value_user, v.organization_id FROM lead_custom_values v"
	" WHERE v.lead_id = ? AND v.field_id = ? ORDER BY v.id", FV_COLS);
static struct db_sql q_nvalues = DB_SQL("SELECT COUNT(*) FROM lead_custom_values WHERE lead_id = ?");
static struct db_sql q_put = DB_SQL(
	"INSERT INTO lead_custom_values (organization_id, lead_id, field_id, value, value_user)"
	" VALUES (?, ?, ?, ?, ?)");

static long long fid;   /* the internal id of the last field looked up */

static const char *
field(long long org, const char *name)
{
	struct db_res r = fx_row(&q_field, DB_ARGS(DB_INT(org), DB_STR(name)));

	fid = db_get_int(&r, 0, FLD_ID);
	return db_get(&r, 0, FLD_PID);
}

/* The values of a field on a lead, one per row, joined by '|'. */
static const char *
values_of(long long lead, const char *name)
{
	struct db_res r;
	char buf[2048] = "";
	size_t i;

	field(NW, name);
	assert_int_equal(db_read(&A, &q_values, DB_ARGS(DB_INT(lead), DB_INT(fid)), &r), DB_OK);
	for (i = 0; i < r.nrows; i++) {
		size_t n = strlen(buf);
		snprintf(buf + n, sizeof buf - n, "%s%s", i ? "|" : "",
		    db_is_null(&r, i, FV_VALUE) ? db_get(&r, i, FV_VALUE_USER) : db_get(&r, i, FV_VALUE));
		assert_int_equal(db_get_int(&r, i, FV_ORGANIZATION_ID), NW);
	}
	return arena_strdup(&A, buf);
}

static void
every_type_is_stored_as_the_page_shows_it(void **state)
{
	const char *industry[] = { "Logistics" }, *products[] = { "Analytics", "", "Training",
		"Analytics" }, *employees[] = { " 4,200 " }, *referral[] = { "Trade fair" },
		*notes[] = { "Line one\r\nLine two" }, *renewal[] = { "2027-01-31" },
		*review[] = { "2026-07-01 15:00" }, *manager[] = { BEN_PID },
		*portal[] = { "portal.globex.example/crm" };
	struct fields_in in[9];
	struct valid_errs e;
	const char *lead;
	long long lid;
	char ben[32];

	NEED_DB();
	lid = fx_lead(NW, "Fields", &lead);
	in[0] = (struct fields_in){ field(NW, "Industry"), industry, 1 };
	in[1] = (struct fields_in){ field(NW, "Products of Interest"), products, 4 };
	in[2] = (struct fields_in){ field(NW, "Employees"), employees, 1 };
	in[3] = (struct fields_in){ field(NW, "Referral Source"), referral, 1 };
	in[4] = (struct fields_in){ field(NW, "Account Notes"), notes, 1 };
	in[5] = (struct fields_in){ field(NW, "Contract Renewal"), renewal, 1 };
	in[6] = (struct fields_in){ field(NW, "Next Business Review"), review, 1 };
	in[7] = (struct fields_in){ field(NW, "Account Manager"), manager, 1 };
	in[8] = (struct fields_in){ field(NW, "Customer Portal"), portal, 1 };
	assert_rc(fields_set(&A, NW, ADA, lead, in, 9, &e), e, VALID_OK);
	assert_string_equal(values_of(lid, "Industry"), "Logistics");
	assert_string_equal(values_of(lid, "Products of Interest"), "Analytics|Training");
	assert_string_equal(values_of(lid, "Employees"), "4200");
	assert_string_equal(values_of(lid, "Referral Source"), "Trade fair");
	assert_string_equal(values_of(lid, "Account Notes"), "Line one\nLine two");
	assert_string_equal(values_of(lid, "Contract Renewal"), "2027-01-31");
	/* ada is in New York: 15:00 EDT is 19:00 UTC */
	assert_string_equal(values_of(lid, "Next Business Review"), "2026-07-01 19:00:00");
	snprintf(ben, sizeof ben, "%lld", BEN);   /* a user: value_user, value NULL */
	assert_string_equal(values_of(lid, "Account Manager"), ben);
	assert_string_equal(values_of(lid, "Customer Portal"), "https://portal.globex.example/crm");
	assert_true(fx_touched(lid, ADA));
}

static void
new_values_replace_and_empty_removes(void **state)
{
	const char *two[] = { "Core CRM", "API Access" }, *one[] = { "Training" }, *none[] = { " " };
	struct fields_in in;
	struct valid_errs e;
	const char *lead, *other_lead;
	long long lid, other;

	NEED_DB();
	lid = fx_lead(NW, "Replace", &lead);
	other = fx_lead(NW, "Untouched", &other_lead);
	in = (struct fields_in){ field(NW, "Products of Interest"), two, 2 };
	assert_rc(fields_set(&A, NW, ADA, lead, &in, 1, &e), e, VALID_OK);
	assert_rc(fields_set(&A, NW, ADA, other_lead, &in, 1, &e), e, VALID_OK);
	assert_string_equal(values_of(lid, "Products of Interest"), "Core CRM|API Access");
	in = (struct fields_in){ field(NW, "Products of Interest"), one, 1 };
	assert_rc(fields_set(&A, NW, ADA, lead, &in, 1, &e), e, VALID_OK);
	assert_string_equal(values_of(lid, "Products of Interest"), "Training");
	in = (struct fields_in){ field(NW, "Products of Interest"), none, 1 };
	assert_rc(fields_set(&A, NW, ADA, lead, &in, 1, &e), e, VALID_OK);
	assert_string_equal(values_of(lid, "Products of Interest"), "");
	in = (struct fields_in){ field(NW, "Products of Interest"), NULL, 0 };
	assert_rc(fields_set(&A, NW, ADA, lead, &in, 1, &e), e, VALID_OK);
	assert_int_equal(fx_int(&q_nvalues, DB_ARGS(DB_INT(lid))), 0);
	/* the other lead's values are its own */
	assert_string_equal(values_of(other, "Products of Interest"), "Core CRM|API Access");
}

static void
refusals_by_type_write_nothing(void **state)
{
	const char *industry[] = { "Aerospace" }, *single[] = { "Retail", "Energy" },
		*products[] = { "Analytics", "Teleportation" }, *employees[] = { "many" },
		*referral[] = { "two\nlines" }, *renewal[] = { "31/01/2027" },
		*review[] = { "2026-07-01" }, *manager[] = { CORA_PID }, *portal[] = { "javascript:alert(1)" };
	struct fields_in in[9];
	struct valid_errs e;
	const char *lead, *f[9];
	long long lid;

	NEED_DB();
	lid = fx_lead(NW, "Refused fields", &lead);
	f[0] = field(NW, "Industry");
	f[1] = field(NW, "Account Notes");   /* a good change: not written either */
	f[2] = field(NW, "Products of Interest");
	f[3] = field(NW, "Employees");
	f[4] = field(NW, "Referral Source");
	f[5] = field(NW, "Contract Renewal");
	f[6] = field(NW, "Next Business Review");
	f[7] = field(NW, "Account Manager");
	f[8] = field(NW, "Customer Portal");
	in[0] = (struct fields_in){ f[0], industry, 1 };
	in[1] = (struct fields_in){ f[1], NULL, 0 };   /* remove its values */
	in[2] = (struct fields_in){ f[2], products, 2 };
	in[3] = (struct fields_in){ f[3], employees, 1 };
	in[4] = (struct fields_in){ f[4], referral, 1 };
	in[5] = (struct fields_in){ f[5], renewal, 1 };
	in[6] = (struct fields_in){ f[6], review, 1 };
	in[7] = (struct fields_in){ f[7], manager, 1 };
	in[8] = (struct fields_in){ f[8], portal, 1 };
	assert_rc(fields_set(&A, NW, ADA, lead, in, 9, &e), e, VALID_INVALID);
	assert_msg(e, f[0], "Industry must be one of the listed choices.");
	assert_msg(e, f[2], "Products of Interest must be one of the listed choices.");
	assert_msg(e, f[3], "Employees must be a number like 1200 or 3.5.");
	assert_msg(e, f[4], "Referral Source must fit on one line.");
	assert_msg(e, f[5], "Contract Renewal must be a date like 2026-12-31.");
	assert_msg(e, f[6], "Next Business Review must be a date and time like 2026-12-31 14:30.");
	assert_msg(e, f[7], "Account Manager was not found in this organization.");
	assert_msg(e, f[8], "Customer Portal must be a web address starting with http:// or https://.");
	assert_null(valid_get(&e, f[1]));
	assert_int_equal(e.n, 8);
	/* one value only for a single choice; a deactivated user */
	in[0] = (struct fields_in){ f[0], single, 2 };
	in[1] = (struct fields_in){ f[7], (const char *[]){ DAN_PID }, 1 };
	assert_rc(fields_set(&A, NW, ADA, lead, in, 2, &e), e, VALID_INVALID);
	assert_msg(e, f[0], "Industry takes one value only.");
	assert_msg(e, f[7], "Account Manager is no longer active in this organization.");
	assert_int_equal(fx_int(&q_nvalues, DB_ARGS(DB_INT(lid))), 0);
	assert_false(fx_touched(lid, 0));
}

static void
fields_and_leads_of_another_organization(void **state)
{
	const char *v[] = { "Cigna" };
	struct fields_in in;
	struct valid_errs e;
	const char *lead, *bloom, *insurance;
	long long lid, bid;

	NEED_DB();
	lid = fx_lead(NW, "Northwind's", &lead);
	bid = fx_lead(BD, "Bloom's", &bloom);
	insurance = field(BD, "Insurance Provider");
	/* Bloom Dental's field on a Northwind lead, by Northwind's user */
	in = (struct fields_in){ insurance, v, 1 };
	assert_rc(fields_set(&A, NW, ADA, lead, &in, 1, &e), e, VALID_INVALID);
	assert_msg(e, insurance, "This field was not found.");
	in = (struct fields_in){ "cf_short", v, 1 };
	assert_rc(fields_set(&A, NW, ADA, lead, &in, 1, &e), e, VALID_INVALID);
	assert_msg(e, "cf_short", "This field was not found.");
	/* Bloom Dental's lead from Northwind */
	in = (struct fields_in){ insurance, v, 1 };
	assert_rc(fields_set(&A, NW, ADA, bloom, &in, 1, &e), e, VALID_NOT_FOUND);
	assert_rc(fields_set(&A, BD, ADA, bloom, &in, 1, &e), e, VALID_NOT_FOUND);
	assert_int_equal(fx_int(&q_nvalues, DB_ARGS(DB_INT(lid))), 0);
	assert_int_equal(fx_int(&q_nvalues, DB_ARGS(DB_INT(bid))), 0);
	/* and in its own organization it is fine */
	assert_rc(fields_set(&A, BD, CORA, bloom, &in, 1, &e), e, VALID_OK);
	assert_int_equal(fx_int(&q_nvalues, DB_ARGS(DB_INT(bid))), 1);
}

static void
a_user_no_longer_active_may_stay(void **state)
{
	const char *dan[] = { DAN_PID };
	struct fields_in in;
	struct valid_errs e;
	const char *lead, *manager;
	long long lid;
	char want[32];

	NEED_DB();
	lid = fx_lead(NW, "Dan's account", &lead);
	manager = field(NW, "Account Manager");
	assert_int_equal(db_write(&A, &q_put, DB_ARGS(DB_INT(NW), DB_INT(lid), DB_INT(fid), DB_NULL,
	    DB_INT(DAN)), NULL), DB_OK);
	in = (struct fields_in){ manager, dan, 1 };
	assert_rc(fields_set(&A, NW, ADA, lead, &in, 1, &e), e, VALID_OK);
	snprintf(want, sizeof want, "%lld", DAN);
	assert_string_equal(values_of(lid, "Account Manager"), want);
}

static void
several_fields_are_all_or_nothing(void **state)
{
	const char *industry[] = { "Energy" }, *referral[] = { "Newspaper" };
	struct fields_in in[2];
	struct valid_errs e;
	const char *lead;
	long long lid;
	char cond[100];

	NEED_DB();
	lid = fx_lead(NW, "Atomic", &lead);
	in[0] = (struct fields_in){ field(NW, "Industry"), industry, 1 };
	assert_rc(fields_set(&A, NW, BEN, lead, in, 1, &e), e, VALID_OK);
	industry[0] = "Retail";
	in[1] = (struct fields_in){ field(NW, "Referral Source"), referral, 1 };
	/* the first field's values are replaced, the second's insert fails */
	snprintf(cond, sizeof cond, "NEW.lead_id = %lld AND NEW.value = 'Newspaper'", lid);
	fx_fail_on("INSERT", "lead_custom_values", cond);
	assert_rc(fields_set(&A, NW, ADA, lead, in, 2, &e), e, VALID_ERROR);
	assert_string_equal(values_of(lid, "Industry"), "Energy");
	assert_string_equal(values_of(lid, "Referral Source"), "");
	assert_true(fx_touched(lid, BEN));   /* by the first write only */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(every_type_is_stored_as_the_page_shows_it),
		TEST(new_values_replace_and_empty_removes),
		TEST(refusals_by_type_write_nothing),
		TEST(fields_and_leads_of_another_organization),
		TEST(a_user_no_longer_active_may_stay),
		TEST(several_fields_are_all_or_nothing),
	};

	return cmocka_run_group_tests_name("fields", tests, fx_group_setup, fx_group_teardown);
}
