/* test_opportunities.c — lib/opportunities.h against the live instance
 * ($LEADLINE_CONF): exact amounts, the organization's statuses, owners and
 * contacts, the status change activity and its count, refusals, all or
 * nothing. */
#include "model_fixture.h"

#include "opportunities.h"

#define OP_COLS(X) \
	X(OP_ORGANIZATION_ID, "organization_id") X(OP_LEAD_ID, "lead_id") X(OP_LABEL, "label") \
	X(OP_VALUE, "value") X(OP_VALUE_CURRENCY, "value_currency") \
	X(OP_VALUE_PERIOD, "value_period") X(OP_CONFIDENCE, "confidence") \
	X(OP_EXPECTED_DATE, "expected_date") X(OP_USER_ID, "user_id") \
	X(OP_CONTACT_ID, "contact_id") X(OP_NOTE, "note") X(OP_ID, "id") \
	X(OP_STATUS_ID, "status_id")
FX_SQL(q_opp,
	"SELECT o.organization_id, o.lead_id, s.label, o.value, o.value_currency, o.value_period,"
	" o.confidence, o.expected_date, o.user_id, o.contact_id, o.note, o.id, o.status_id"
	" FROM opportunities o JOIN opportunity_statuses s ON s.id = o.status_id WHERE o.pid = ?",
	    OP_COLS);
#define OS_COLS(X) X(OS_PID, "pid") X(OS_ID, "id")
FX_SQL(q_status,
	"SELECT pid, id FROM opportunity_statuses WHERE organization_id = ? AND label = ?", OS_COLS);
static struct db_sql q_nopps = DB_SQL("SELECT COUNT(*) FROM opportunities WHERE lead_id = ?");
#define CH_COLS(X) \
	X(CH_OPPORTUNITY_ID, "opportunity_id") X(CH_OLD_STATUS_ID, "old_status_id") \
	X(CH_NEW_STATUS_ID, "new_status_id") X(CH_OLD_STATUS_LABEL, "old_status_label") \
	X(CH_NEW_STATUS_LABEL, "new_status_label") X(CH_USER_ID, "user_id") \
	X(CH_CONTACT_ID, "contact_id") X(CH_ORGANIZATION_ID, "organization_id") \
	X(CH_PID, "pid") X(CH_CREATED_NOW, "created_now") X(CH_AT_IS_CREATED, "at_is_created")
FX_SQL(q_change,
	"SELECT a.opportunity_id, a.old_status_id, a.new_status_id, a.old_status_label,"
	" a.new_status_label, a.user_id, a.contact_id, a.organization_id, a.pid,"
	" a.date_created > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE AS created_now,"
	" a.activity_at = a.date_created AS at_is_created"
	" FROM activities a WHERE a.lead_id = ? AND a.type = 'opportunity_status_change'", CH_COLS);
static struct db_sql q_old_opp = DB_SQL(
	"INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value, user_id)"
	" VALUES (ll_id('oppo_'), ?, ?, ?, 100, ?)");
static struct db_sql q_pid_of = DB_SQL("SELECT pid FROM opportunities WHERE id = ?");

static const char *
status_pid(long long org, const char *label, long long *id)
{
	struct db_res r = fx_row(&q_status, DB_ARGS(DB_INT(org), DB_STR(label)));

	if (id != NULL)
		*id = db_get_int(&r, 0, OS_ID);
	return db_get(&r, 0, OS_PID);
}

static void
add_with_every_field(void **state)
{
	struct opportunities_in in = { 0 };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *cpid;
	long long lid, cid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Deal", &lead);
	cid = fx_contact(NW, lid, "Buyer", &cpid);
	in.status_id = status_pid(NW, "Proposal Sent", NULL);
	in.value = "48,000.29";
	in.value_currency = "eur";
	in.value_period = "annual";
	in.confidence = "60%";
	in.expected_date = "2026-12-31";
	in.user_id = BEN_PID;
	in.contact_id = cpid;
	in.note = "Renewal\r\nwith 10% discount";
	assert_rc(opportunities_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	assert_true(ids_valid("oppo_", pid));
	r = fx_row(&q_opp, DB_ARGS(DB_STR(pid)));
	assert_int_equal(db_get_int(&r, 0, OP_ORGANIZATION_ID), NW);
	assert_int_equal(db_get_int(&r, 0, OP_LEAD_ID), lid);
	assert_string_equal(db_get(&r, 0, OP_LABEL), "Proposal Sent");
	assert_int_equal(db_get_int(&r, 0, OP_VALUE), 4800029);
	assert_string_equal(db_get(&r, 0, OP_VALUE_CURRENCY), "EUR");
	assert_string_equal(db_get(&r, 0, OP_VALUE_PERIOD), "annual");
	assert_int_equal(db_get_int(&r, 0, OP_CONFIDENCE), 60);
	assert_string_equal(db_get(&r, 0, OP_EXPECTED_DATE), "2026-12-31");
	assert_int_equal(db_get_int(&r, 0, OP_USER_ID), BEN);
	assert_int_equal(db_get_int(&r, 0, OP_CONTACT_ID), cid);
	assert_string_equal(db_get(&r, 0, OP_NOTE), "Renewal\nwith 10% discount");
	assert_true(fx_touched(lid, ADA));
	assert_int_equal(fx_count(lid, "opportunity_status_change", 0), 0);   /* a new one: no change */
}

static void
add_with_defaults(void **state)
{
	struct opportunities_in in = { 0 };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Defaults", &lead);
	assert_rc(opportunities_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_opp, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, OP_LABEL), "Active");   /* the first status */
	assert_int_equal(db_get_int(&r, 0, OP_VALUE), 0);
	assert_string_equal(db_get(&r, 0, OP_VALUE_CURRENCY), "USD");
	assert_string_equal(db_get(&r, 0, OP_VALUE_PERIOD), "one_time");
	assert_int_equal(db_get_int(&r, 0, OP_CONFIDENCE), 0);
	assert_true(db_is_null(&r, 0, OP_EXPECTED_DATE));
	assert_true(db_is_null(&r, 0, OP_USER_ID));
	assert_true(db_is_null(&r, 0, OP_CONTACT_ID));
	assert_true(db_is_null(&r, 0, OP_NOTE));
	/* a currency without decimals takes the amount as it is */
	in.value = "1,200";
	in.value_currency = "JPY";
	assert_rc(opportunities_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_opp, DB_ARGS(DB_STR(pid)));
	assert_int_equal(db_get_int(&r, 0, OP_VALUE), 1200);
	(void)lid;
}

static void
add_refuses_every_bad_field_and_writes_nothing(void **state)
{
	struct opportunities_in in = { 0 };
	struct valid_errs e;
	const char *lead, *other_lead, *other_c;
	long long lid, other;

	NEED_DB();
	lid = fx_lead(NW, "Refused", &lead);
	other = fx_lead(NW, "Other", &other_lead);
	fx_contact(NW, other, "Not here", &other_c);
	in.status_id = status_pid(BD, "Won", NULL);   /* Bloom Dental's */
	in.value = "12,00";
	in.value_currency = "XYZ";
	in.value_period = "weekly";
	in.confidence = "101";
	in.expected_date = "2026-02-30";
	in.user_id = CORA_PID;                        /* Bloom Dental's user */
	in.contact_id = other_c;                      /* another lead's contact */
	in.note = "bad \x7f";
	assert_rc(opportunities_add(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "status_id", "The status was not found.");
	assert_msg(e, "value", "Enter an amount like 1,200.00.");
	assert_msg(e, "value_currency", "The currency must be a three-letter currency code like USD or EUR.");
	assert_msg(e, "value_period", "The period must be one of: one_time, monthly, annual.");
	assert_msg(e, "confidence", "The confidence must be a whole number from 0 to 100.");
	assert_msg(e, "expected_date", "The close date must be a date like 2026-12-31.");
	assert_msg(e, "user_id", "The owner was not found in this organization.");
	assert_msg(e, "contact_id", "The contact was not found on this lead.");
	assert_msg(e, "note", "The note contains control characters.");
	assert_int_equal(e.n, 9);
	/* more refusals of a kind */
	memset(&in, 0, sizeof in);
	in.status_id = "stat_short";
	in.value = "10.999";
	in.user_id = DAN_PID;                         /* deactivated in Northwind */
	in.contact_id = "user_0000000000000000000000000000000000000000";
	assert_rc(opportunities_add(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "status_id", "The status was not found.");
	assert_msg(e, "value", "This currency has two decimals at most.");
	assert_msg(e, "user_id", "The owner is no longer active in this organization.");
	assert_msg(e, "contact_id", "The contact was not found on this lead.");
	assert_int_equal(fx_int(&q_nopps, DB_ARGS(DB_INT(lid))), 0);
	assert_false(fx_touched(lid, 0));
}

static void
add_to_a_lead_of_another_organization_is_not_found(void **state)
{
	struct opportunities_in in = { 0 };
	struct valid_errs e;
	const char *bloom;
	long long lid;

	NEED_DB();
	lid = fx_lead(BD, "Theirs", &bloom);
	assert_rc(opportunities_add(&A, NW, ADA, bloom, &in, NULL, &e), e, VALID_NOT_FOUND);
	assert_rc(opportunities_add(&A, BD, ADA, bloom, &in, NULL, &e), e, VALID_NOT_FOUND);
	assert_int_equal(fx_int(&q_nopps, DB_ARGS(DB_INT(lid))), 0);
}

static void
update_without_a_new_status_records_nothing(void **state)
{
	struct opportunities_in in = { 0 };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Edit", &lead);
	in.status_id = status_pid(NW, "Negotiation", NULL);
	in.value = "100";
	assert_rc(opportunities_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	memset(&in, 0, sizeof in);   /* an empty status keeps the one it has */
	in.value = "250.5";
	in.value_period = "monthly";
	in.confidence = "70";
	assert_rc(opportunities_update(&A, NW, BEN, lead, pid, &in, &e), e, VALID_OK);
	r = fx_row(&q_opp, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, OP_LABEL), "Negotiation");
	assert_int_equal(db_get_int(&r, 0, OP_VALUE), 25050);
	assert_string_equal(db_get(&r, 0, OP_VALUE_PERIOD), "monthly");
	assert_int_equal(db_get_int(&r, 0, OP_CONFIDENCE), 70);
	in.status_id = status_pid(NW, "Negotiation", NULL);   /* the same, given */
	assert_rc(opportunities_update(&A, NW, BEN, lead, pid, &in, &e), e, VALID_OK);
	assert_int_equal(fx_count(lid, "opportunity_status_change", 0), 0);
	assert_true(fx_touched(lid, BEN));
}

static void
status_change_records_an_activity_and_its_count(void **state)
{
	struct opportunities_in in = { 0 };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *cpid;
	long long lid, cid, oid, negot, won;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Won deal", &lead);
	cid = fx_contact(NW, lid, "Signer", &cpid);
	in.status_id = status_pid(NW, "Negotiation", &negot);
	in.contact_id = cpid;
	assert_rc(opportunities_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	oid = db_get_int((r = fx_row(&q_opp, DB_ARGS(DB_STR(pid))), &r), 0, OP_ID);
	in.status_id = status_pid(NW, "Won", &won);
	in.confidence = "100";
	assert_rc(opportunities_update(&A, NW, BEN, lead, pid, &in, &e), e, VALID_OK);
	r = fx_row(&q_change, DB_ARGS(DB_INT(lid)));
	assert_int_equal(db_get_int(&r, 0, CH_OPPORTUNITY_ID), oid);
	assert_int_equal(db_get_int(&r, 0, CH_OLD_STATUS_ID), negot);
	assert_int_equal(db_get_int(&r, 0, CH_NEW_STATUS_ID), won);
	assert_string_equal(db_get(&r, 0, CH_OLD_STATUS_LABEL), "Negotiation");
	assert_string_equal(db_get(&r, 0, CH_NEW_STATUS_LABEL), "Won");
	assert_int_equal(db_get_int(&r, 0, CH_USER_ID), BEN);
	assert_int_equal(db_get_int(&r, 0, CH_CONTACT_ID), cid);
	assert_int_equal(db_get_int(&r, 0, CH_ORGANIZATION_ID), NW);
	assert_true(ids_valid("acti_", db_get(&r, 0, CH_PID)));
	assert_int_equal(db_get_int(&r, 0, CH_CREATED_NOW), 1);
	assert_int_equal(db_get_int(&r, 0, CH_AT_IS_CREATED), 1);   /* activity_at: now */
	assert_int_equal(fx_count(lid, "opportunity_status_change", 0), 1);
	r = fx_row(&q_opp, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, OP_LABEL), "Won");
	assert_int_equal(db_get_int(&r, 0, OP_CONFIDENCE), 100);
}

static void
update_refuses_and_changes_nothing(void **state)
{
	struct opportunities_in in = { 0 };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Edit refused", &lead);
	in.value = "5";
	assert_rc(opportunities_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	in.status_id = status_pid(BD, "Lost", NULL);
	in.value = "-5";
	assert_rc(opportunities_update(&A, NW, ADA, lead, pid, &in, &e), e, VALID_INVALID);
	assert_msg(e, "status_id", "The status was not found.");
	assert_msg(e, "value", "Enter an amount of zero or more.");
	r = fx_row(&q_opp, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, OP_LABEL), "Active");
	assert_int_equal(db_get_int(&r, 0, OP_VALUE), 500);
	assert_int_equal(fx_count(lid, "opportunity_status_change", 0), 0);
}

static void
opportunities_of_another_lead_or_organization_are_not_found(void **state)
{
	struct opportunities_in in = { 0 };
	struct valid_errs e;
	const char *lead, *bloom, *sibling;
	long long lid, bid, sid;
	char bpid[IDS_MAXLEN], spid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Mine", &lead);
	sid = fx_lead(NW, "Sibling", &sibling);
	bid = fx_lead(BD, "Bloom", &bloom);
	in.value = "7";
	assert_rc(opportunities_add(&A, BD, CORA, bloom, &in, bpid, &e), e, VALID_OK);
	assert_rc(opportunities_add(&A, NW, ADA, sibling, &in, spid, &e), e, VALID_OK);
	in.value = "7000";
	in.status_id = status_pid(NW, "Won", NULL);
	assert_rc(opportunities_update(&A, NW, ADA, lead, bpid, &in, &e), e, VALID_NOT_FOUND);
	assert_rc(opportunities_update(&A, NW, ADA, bloom, bpid, &in, &e), e, VALID_NOT_FOUND);
	assert_rc(opportunities_update(&A, NW, ADA, lead, spid, &in, &e), e, VALID_NOT_FOUND);
	assert_rc(opportunities_remove(&A, NW, ADA, bloom, bpid, &e), e, VALID_NOT_FOUND);
	assert_rc(opportunities_remove(&A, NW, ADA, lead, spid, &e), e, VALID_NOT_FOUND);
	assert_rc(opportunities_update(&A, NW, ADA, lead, "oppo_nope", &in, &e), e, VALID_NOT_FOUND);
	assert_int_equal(db_get_int((struct db_res[]){ fx_row(&q_opp, DB_ARGS(DB_STR(bpid))) }, 0,
	    OP_VALUE), 700);
	assert_int_equal(db_get_int((struct db_res[]){ fx_row(&q_opp, DB_ARGS(DB_STR(spid))) }, 0,
	    OP_VALUE), 700);
	assert_false(fx_touched(lid, 0));
	(void)bid;
	(void)sid;
}

static void
an_owner_no_longer_active_may_stay(void **state)
{
	struct opportunities_in in = { 0 };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *pid;
	long long lid, st;

	NEED_DB();
	lid = fx_lead(NW, "Dan's", &lead);
	status_pid(NW, "Active", &st);
	assert_int_equal(db_write(&A, &q_old_opp, DB_ARGS(DB_INT(NW), DB_INT(lid), DB_INT(st),
	    DB_INT(DAN)), &r), DB_OK);
	pid = fx_str(&q_pid_of, DB_ARGS(DB_INT((long long)r.insert_id)));
	in.user_id = DAN_PID;
	in.value = "2";
	assert_rc(opportunities_update(&A, NW, ADA, lead, pid, &in, &e), e, VALID_OK);
	r = fx_row(&q_opp, DB_ARGS(DB_STR(pid)));
	assert_int_equal(db_get_int(&r, 0, OP_USER_ID), DAN);
	assert_int_equal(db_get_int(&r, 0, OP_VALUE), 200);
}

static void
remove_an_opportunity(void **state)
{
	struct opportunities_in in = { 0 };
	struct valid_errs e;
	const char *lead;
	long long lid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Remove", &lead);
	assert_rc(opportunities_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	assert_int_equal(fx_int(&q_nopps, DB_ARGS(DB_INT(lid))), 1);
	assert_rc(opportunities_remove(&A, NW, BEN, lead, pid, &e), e, VALID_OK);
	assert_int_equal(fx_int(&q_nopps, DB_ARGS(DB_INT(lid))), 0);
	assert_true(fx_touched(lid, BEN));
	assert_rc(opportunities_remove(&A, NW, BEN, lead, pid, &e), e, VALID_NOT_FOUND);
}

static void
status_change_is_all_or_nothing(void **state)
{
	struct opportunities_in in = { 0 };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid;
	char pid[IDS_MAXLEN], cond[100];

	NEED_DB();
	lid = fx_lead(NW, "Atomic", &lead);
	in.value = "10";
	assert_rc(opportunities_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	/* the opportunity's update passes; the activity it records fails */
	snprintf(cond, sizeof cond, "NEW.lead_id = %lld", lid);
	fx_fail_on("INSERT", "activities", cond);
	in.status_id = status_pid(NW, "Lost", NULL);
	in.value = "99";
	assert_rc(opportunities_update(&A, NW, BEN, lead, pid, &in, &e), e, VALID_ERROR);
	r = fx_row(&q_opp, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, OP_LABEL), "Active");
	assert_int_equal(db_get_int(&r, 0, OP_VALUE), 1000);
	assert_int_equal(fx_count(lid, "opportunity_status_change", 0), 0);
	assert_true(fx_touched(lid, ADA));   /* by the add, not by the failed update */
	fx_fail_off();
	/* and the count's failure undoes the activity and the update too */
	fx_fail_on("INSERT", "lead_activity_counts", cond);
	assert_rc(opportunities_update(&A, NW, BEN, lead, pid, &in, &e), e, VALID_ERROR);
	r = fx_row(&q_opp, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, OP_LABEL), "Active");
	assert_int_equal(fx_count(lid, "opportunity_status_change", 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(add_with_every_field),
		TEST(add_with_defaults),
		TEST(add_refuses_every_bad_field_and_writes_nothing),
		TEST(add_to_a_lead_of_another_organization_is_not_found),
		TEST(update_without_a_new_status_records_nothing),
		TEST(status_change_records_an_activity_and_its_count),
		TEST(update_refuses_and_changes_nothing),
		TEST(opportunities_of_another_lead_or_organization_are_not_found),
		TEST(an_owner_no_longer_active_may_stay),
		TEST(remove_an_opportunity),
		TEST(status_change_is_all_or_nothing),
	};

	return cmocka_run_group_tests_name("opportunities", tests, fx_group_setup, fx_group_teardown);
}
