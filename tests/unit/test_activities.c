/* test_activities.c — lib/activities.h against the live instance
 * ($LEADLINE_CONF): notes, calls, emails, SMS, meetings and custom
 * activities as written (read back with our own SQL, with their counts),
 * times given in the user's zone and stored in UTC, refusals per field, ids
 * of another organization, all or nothing. */
#include "model_fixture.h"

#include "activities.h"

#define C_COLS(X) \
	X(C_ORG, "organization_id") X(C_LEAD, "lead_id") X(C_TYPE, "type") X(C_USER, "user_id") \
	X(C_CONTACT, "contact_id") X(C_AT, "at") X(C_CREATED_NOW, "created_now") \
	X(C_AT_IS_CREATED, "at_is_created") X(C_DIRECTION, "direction") X(C_SUBJECT, "subject") \
	X(C_SENDER, "sender") X(C_TO, "recipients_to") X(C_CC, "recipients_cc") \
	X(C_BODY, "body_text") X(C_HTML, "body_html") X(C_PHONE, "phone") \
	X(C_LOCAL, "local_phone") X(C_DURATION, "duration") X(C_OUTCOME, "outcome") \
	X(C_TITLE, "title") X(C_STARTS, "starts") X(C_ENDS, "ends") X(C_ATTENDEES, "attendees") \
	X(C_LOCATION, "location") X(C_CUSTOM, "custom_type_id") X(C_ID, "id")
FX_SQL(q_act,
	"SELECT organization_id, lead_id, type, user_id, contact_id,"
	" DATE_FORMAT(activity_at, '%Y-%m-%d %H:%i:%s') AS at,"
	" date_created > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE AND date_created <= UTC_TIMESTAMP(6)"
	" AS created_now,"
	" activity_at = date_created AS at_is_created, direction, subject, sender, recipients_to, recipients_cc,"
	" body_text, body_html, phone, local_phone, duration, outcome, title,"
	" DATE_FORMAT(starts_at, '%Y-%m-%d %H:%i:%s') AS starts,"
	" DATE_FORMAT(ends_at, '%Y-%m-%d %H:%i:%s') AS ends,"
	" attendees, location, custom_type_id, id"
	" FROM activities WHERE pid = ?", C_COLS);
static struct db_sql q_nacts = DB_SQL("SELECT COUNT(*) FROM activities WHERE lead_id = ?");
#define AV_COLS(X) X(AV_NAME, "name") X(AV_VALUE, "value") X(AV_ORGANIZATION_ID, "organization_id")
FX_SQL(q_values,
	"SELECT f.name, v.value, v.organization_id FROM activity_custom_values v"
	" JOIN custom_activity_fields f ON f.id = v.field_id WHERE v.activity_id = ? ORDER BY f.position",
	    AV_COLS);
#define AT_COLS(X) X(AT_ID, "id") X(AT_PID, "pid")
FX_SQL(q_type,
	"SELECT id, pid FROM custom_activity_types WHERE organization_id = ? AND name = ?", AT_COLS);
static struct db_sql q_field = DB_SQL(
	"SELECT pid FROM custom_activity_fields WHERE type_id = ? AND name = ?");
/* A type with a field of every kind, made for these tests and removed after. */
static struct db_sql q_new_type = DB_SQL(
	"INSERT INTO custom_activity_types (pid, organization_id, name) VALUES (ll_id('actitype_'), ?, ?)");
static struct db_sql q_new_field = DB_SQL(
	"INSERT INTO custom_activity_fields (pid, organization_id, type_id, name, field_type, choices, position)"
	" VALUES (ll_id('cf_'), ?, ?, ?, ?, ?, ?)");
static struct db_sql q_drop_fields = DB_SQL(
	"DELETE FROM custom_activity_fields WHERE type_id IN"
	" (SELECT id FROM custom_activity_types WHERE name = 'zz-unit every field')");
static struct db_sql q_drop_type = DB_SQL(
	"DELETE FROM custom_activity_types WHERE name = 'zz-unit every field'");

static const struct { const char *name, *type, *choices; } every[] = {
	{ "Text", "text", NULL }, { "Long text", "textarea", NULL }, { "Number", "number", NULL },
	{ "Date", "date", NULL }, { "When", "datetime", NULL },
	{ "Pick", "choices", "Red\nGreen\nBlue" }, { "Who", "user", NULL }, { "Link", "url", NULL },
};
#define NEVERY (sizeof every / sizeof every[0])
static long long every_type;
static const char *every_type_pid, *every_pid[NEVERY];

static void
drop_every_type(void)
{
	db_write(&A, &q_drop_fields, DB_NOARGS, NULL);
	db_write(&A, &q_drop_type, DB_NOARGS, NULL);
}

static int
group_setup(void **state)
{
	struct db_res r;
	size_t i;

	if (fx_group_setup(state) != 0)
		return -1;
	if (!have_db)
		return 0;
	drop_every_type();
	if (db_write(&A, &q_new_type, DB_ARGS(DB_INT(NW), DB_STR("zz-unit every field")), &r) != DB_OK)
		return -1;
	every_type = (long long)r.insert_id;
	r = fx_row(&q_type, DB_ARGS(DB_INT(NW), DB_STR("zz-unit every field")));
	every_type_pid = db_get(&r, 0, AT_PID);
	for (i = 0; i < NEVERY; i++) {
		if (db_write(&A, &q_new_field, DB_ARGS(DB_INT(NW), DB_INT(every_type),
		    DB_STR(every[i].name), DB_STR(every[i].type),
		    every[i].choices ? DB_STR(every[i].choices) : DB_NULL, DB_INT((long long)i)),
		    NULL) != DB_OK)
			return -1;
		every_pid[i] = fx_str(&q_field, DB_ARGS(DB_INT(every_type), DB_STR(every[i].name)));
	}
	return 0;
}

static int
group_teardown(void **state)
{
	if (have_db)
		drop_every_type();
	return fx_group_teardown(state);
}

/* ---- notes ---- */

static void
note_is_written_with_its_count(void **state)
{
	struct activities_note_in in = { { NULL, NULL }, "Called about the\r\nrenewal." };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *cpid;
	long long lid, cid, before;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Notes", &lead);
	cid = fx_contact(NW, lid, "Priya", &cpid);
	in.c.contact_id = cpid;
	before = fx_count(lid, "note", 0);
	assert_rc(activities_note(&A, NW, BEN, lead, &in, pid, &e), e, VALID_OK);
	assert_true(ids_valid("acti_", pid));
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_int_equal(db_get_int(&r, 0, C_ORG), NW);
	assert_int_equal(db_get_int(&r, 0, C_LEAD), lid);
	assert_string_equal(db_get(&r, 0, C_TYPE), "note");
	assert_int_equal(db_get_int(&r, 0, C_USER), BEN);
	assert_int_equal(db_get_int(&r, 0, C_CONTACT), cid);
	assert_int_equal(db_get_int(&r, 0, C_CREATED_NOW), 1);
	assert_int_equal(db_get_int(&r, 0, C_AT_IS_CREATED), 1);   /* activity_at: now */
	assert_string_equal(db_get(&r, 0, C_BODY), "Called about the\nrenewal.");
	assert_true(db_is_null(&r, 0, C_HTML));
	assert_true(db_is_null(&r, 0, C_CUSTOM));
	assert_int_equal(fx_count(lid, "note", 0), before + 1);
	assert_true(fx_touched(lid, BEN));
}

static void
activity_at_is_given_in_the_users_zone(void **state)
{
	struct activities_note_in in = { { NULL, "2026-07-01T10:30" }, "Summer note" };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *bloom;
	char pid[IDS_MAXLEN];

	NEED_DB();
	fx_lead(NW, "Zones", &lead);
	fx_lead(BD, "Zones", &bloom);
	/* ada lives in America/New_York: EDT is UTC-4 in July */
	assert_rc(activities_note(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, C_AT), "2026-07-01 14:30:00");
	assert_int_equal(db_get_int(&r, 0, C_CREATED_NOW), 1);
	/* ben in Europe/Berlin: CET is UTC+1 in January */
	in.c.activity_at = "2026-01-15 09:00:30";
	assert_rc(activities_note(&A, NW, BEN, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, C_AT), "2026-01-15 08:00:30");
	/* cora in America/Los_Angeles: PDT is UTC-7 */
	in.c.activity_at = "2026-07-01 10:30";
	assert_rc(activities_note(&A, BD, CORA, bloom, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, C_AT), "2026-07-01 17:30:00");
}

static void
note_refusals_write_nothing(void **state)
{
	struct activities_note_in in = { { NULL, "yesterday" }, "   " };
	struct valid_errs e;
	const char *lead, *bloom, *bloom_c;
	long long lid, bid;

	NEED_DB();
	lid = fx_lead(NW, "Refused notes", &lead);
	bid = fx_lead(BD, "Bloom", &bloom);
	fx_contact(BD, bid, "Bloom's", &bloom_c);
	in.c.contact_id = bloom_c;
	assert_rc(activities_note(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "text", "The note is required.");
	assert_msg(e, "activity_at", "The date must be a date and time like 2026-12-31 14:30.");
	assert_msg(e, "contact_id", "The contact was not found on this lead.");
	assert_int_equal(e.n, 3);
	in = (struct activities_note_in){ { NULL, NULL }, "bad \xc0\xaf utf-8" };
	assert_rc(activities_note(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "text", "The note contains characters that are not valid text (UTF-8).");
	in.text = "fine";
	assert_rc(activities_note(&A, NW, ADA, bloom, &in, NULL, &e), e, VALID_NOT_FOUND);
	assert_rc(activities_note(&A, BD, ADA, bloom, &in, NULL, &e), e, VALID_NOT_FOUND);
	assert_rc(activities_note(&A, NW, DAN, lead, &in, NULL, &e), e, VALID_NOT_FOUND);
	assert_int_equal(fx_int(&q_nacts, DB_ARGS(DB_INT(lid))), 0);
	assert_int_equal(fx_int(&q_nacts, DB_ARGS(DB_INT(bid))), 0);
	assert_int_equal(fx_count(lid, "note", 0), 0);
	assert_false(fx_touched(lid, 0));
	assert_false(fx_touched(bid, 0));
}

/* ---- calls ---- */

static void
call_is_logged(void **state)
{
	struct activities_call_in in = { { NULL, NULL }, "Outgoing", " +1 (217) 555-0142 ", "4:30",
		"voicemail", "Left a message." };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Calls", &lead);
	assert_rc(activities_call(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, C_TYPE), "call");
	assert_string_equal(db_get(&r, 0, C_DIRECTION), "outgoing");
	assert_string_equal(db_get(&r, 0, C_PHONE), "+1 (217) 555-0142");
	assert_int_equal(db_get_int(&r, 0, C_DURATION), 270);
	assert_string_equal(db_get(&r, 0, C_OUTCOME), "voicemail");
	assert_string_equal(db_get(&r, 0, C_BODY), "Left a message.");
	assert_true(db_is_null(&r, 0, C_CONTACT));
	assert_int_equal(fx_count(lid, "call", 0), 1);
	/* only the direction is needed; the rest stays NULL */
	in = (struct activities_call_in){ { NULL, NULL }, "incoming", NULL, "95", NULL, NULL };
	assert_rc(activities_call(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_int_equal(db_get_int(&r, 0, C_DURATION), 95);
	assert_true(db_is_null(&r, 0, C_PHONE));
	assert_true(db_is_null(&r, 0, C_OUTCOME));
	assert_true(db_is_null(&r, 0, C_BODY));
	assert_int_equal(fx_count(lid, "call", 0), 2);
}

static void
call_refusals(void **state)
{
	struct activities_call_in in = { { NULL, NULL }, "sideways", "not a number", "4:75", "maybe",
		"note \x1b[31m" };
	struct valid_errs e;
	const char *lead;
	long long lid;

	NEED_DB();
	lid = fx_lead(NW, "Refused calls", &lead);
	assert_rc(activities_call(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "direction", "The direction must be one of: incoming, outgoing.");
	assert_msg(e, "phone", "The phone number must be a phone number like +1 (415) 555-0132.");
	assert_msg(e, "duration", "The duration must be seconds, or minutes and seconds like 4:30.");
	assert_msg(e, "outcome", "The outcome must be one of: answered, no-answer, voicemail, busy.");
	assert_msg(e, "note", "The note contains control characters.");
	assert_int_equal(e.n, 5);
	in = (struct activities_call_in){ { NULL, NULL }, NULL, NULL, "90000", NULL, NULL };
	assert_rc(activities_call(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "direction", "The direction is required.");
	assert_msg(e, "duration", "The duration must be at most 24 hours.");
	assert_int_equal(fx_count(lid, "call", 0), 0);
	assert_false(fx_touched(lid, 0));
}

/* ---- emails ---- */

static void
email_is_logged_as_text(void **state)
{
	struct activities_email_in in = { { NULL, NULL }, "incoming", "Budget approval",
		"priya@globex.example", "ada@northwind.test; ben@northwind.test",
		" margaret@globex.example ", "Hello Ada,\r\n\r\nApproved." };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Emails", &lead);
	assert_rc(activities_email(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, C_TYPE), "email");
	assert_string_equal(db_get(&r, 0, C_DIRECTION), "incoming");
	assert_string_equal(db_get(&r, 0, C_SUBJECT), "Budget approval");
	assert_string_equal(db_get(&r, 0, C_SENDER), "priya@globex.example");
	assert_string_equal(db_get(&r, 0, C_TO), "ada@northwind.test, ben@northwind.test");
	assert_string_equal(db_get(&r, 0, C_CC), "margaret@globex.example");
	assert_string_equal(db_get(&r, 0, C_BODY), "Hello Ada,\n\nApproved.");
	assert_true(db_is_null(&r, 0, C_HTML));
	assert_int_equal(fx_count(lid, "email", 0), 1);
	assert_true(fx_touched(lid, ADA));
}

static void
email_refusals(void **state)
{
	char subject[1000];
	struct activities_email_in in = { { NULL, NULL }, "", NULL, "priya at globex", "",
		"ok@x.example, nope", NULL };
	struct valid_errs e;
	const char *lead;
	long long lid;

	NEED_DB();
	lid = fx_lead(NW, "Refused emails", &lead);
	memset(subject, 's', 999);
	subject[999] = '\0';
	in.subject = subject;
	assert_rc(activities_email(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "direction", "The direction is required.");
	assert_msg(e, "subject", "The subject is too long: use at most 998 characters.");
	assert_msg(e, "sender", "The sender must be an email address like name@example.com.");
	assert_msg(e, "to", "The To line is required.");
	assert_msg(e, "cc", "The Cc line must be email addresses separated by commas: \"nope\" is not one.");
	assert_int_equal(e.n, 5);
	assert_int_equal(fx_count(lid, "email", 0), 0);
	assert_false(fx_touched(lid, 0));
}

/* ---- sms ---- */

static void
sms_is_logged(void **state)
{
	struct activities_sms_in in = { { NULL, NULL }, "outgoing", "+1 (310) 555-0100",
		"+1 (310) 555-0121", "See you tomorrow at 9!" };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(BD, "Texts", &lead);
	assert_rc(activities_sms(&A, BD, CORA, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, C_TYPE), "sms");
	assert_int_equal(db_get_int(&r, 0, C_ORG), BD);
	assert_int_equal(db_get_int(&r, 0, C_USER), CORA);
	assert_string_equal(db_get(&r, 0, C_LOCAL), "+1 (310) 555-0100");
	assert_string_equal(db_get(&r, 0, C_PHONE), "+1 (310) 555-0121");
	assert_string_equal(db_get(&r, 0, C_BODY), "See you tomorrow at 9!");
	assert_int_equal(fx_count(lid, "sms", 0), 1);
}

static void
sms_refusals(void **state)
{
	struct activities_sms_in in = { { NULL, NULL }, "incoming", "12", NULL, "" };
	struct valid_errs e;
	const char *lead;
	long long lid;

	NEED_DB();
	lid = fx_lead(BD, "Refused texts", &lead);
	assert_rc(activities_sms(&A, BD, CORA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "local_phone", "Your phone number must be a phone number like +1 (415) 555-0132.");
	assert_msg(e, "remote_phone", "The customer's phone number is required.");
	assert_msg(e, "text", "The message is required.");
	assert_int_equal(e.n, 3);
	assert_int_equal(fx_count(lid, "sms", 0), 0);
}

/* ---- meetings ---- */

static void
meeting_times_are_stored_in_utc(void **state)
{
	struct activities_meeting_in in = { { NULL, NULL }, "Quarterly review", "2026-03-10 09:00",
		"2026-03-10T10:15", "margaret@globex.example, ada@northwind.test", "Springfield HQ",
		"Agenda: adoption, renewal." };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Meetings", &lead);
	/* ada, New York: EDT (UTC-4) from March 8, 2026 */
	assert_rc(activities_meeting(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, C_TYPE), "meeting");
	assert_string_equal(db_get(&r, 0, C_TITLE), "Quarterly review");
	assert_string_equal(db_get(&r, 0, C_STARTS), "2026-03-10 13:00:00");
	assert_string_equal(db_get(&r, 0, C_ENDS), "2026-03-10 14:15:00");
	assert_string_equal(db_get(&r, 0, C_AT), "2026-03-10 13:00:00");   /* when it happened */
	assert_int_equal(db_get_int(&r, 0, C_CREATED_NOW), 1);
	assert_string_equal(db_get(&r, 0, C_ATTENDEES), "margaret@globex.example, ada@northwind.test");
	assert_string_equal(db_get(&r, 0, C_LOCATION), "Springfield HQ");
	assert_string_equal(db_get(&r, 0, C_BODY), "Agenda: adoption, renewal.");
	assert_int_equal(fx_count(lid, "meeting", 0), 1);
	/* a given activity_at wins */
	in.c.activity_at = "2026-03-11 08:00";
	assert_rc(activities_meeting(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, C_AT), "2026-03-11 12:00:00");
}

static void
meeting_refusals(void **state)
{
	struct activities_meeting_in in = { { NULL, NULL }, "Review", "2026-03-10 10:00",
		"2026-03-10 10:00", "Margaret", NULL, NULL };
	struct valid_errs e;
	const char *lead;
	long long lid;

	NEED_DB();
	lid = fx_lead(NW, "Refused meetings", &lead);
	assert_rc(activities_meeting(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "ends_at", "The end must be after the start.");
	assert_msg(e, "attendees", "The attendees must be email addresses separated by commas:"
	    " \"Margaret\" is not one.");
	in = (struct activities_meeting_in){ { NULL, NULL }, "", "2026-03-10", NULL, NULL, NULL, NULL };
	assert_rc(activities_meeting(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "title", "The title is required.");
	assert_msg(e, "starts_at", "The start must be a date and time like 2026-12-31 14:30.");
	assert_msg(e, "ends_at", "The end is required.");
	in = (struct activities_meeting_in){ { NULL, NULL }, "Backwards", "2026-03-10 11:00",
		"2026-03-10 10:59", NULL, NULL, NULL };
	assert_rc(activities_meeting(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "ends_at", "The end must be after the start.");
	assert_int_equal(fx_count(lid, "meeting", 0), 0);
	assert_false(fx_touched(lid, 0));
}

/* ---- custom activities ---- */

static void
custom_activity_of_a_demo_type(void **state)
{
	struct activities_value v[3];
	struct activities_custom_in in = { { NULL, NULL }, NULL, v, 3 };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid, visit;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Visits", &lead);
	r = fx_row(&q_type, DB_ARGS(DB_INT(NW), DB_STR("Site Visit")));
	visit = db_get_int(&r, 0, AT_ID);
	in.custom_activity_type_id = db_get(&r, 0, AT_PID);
	v[0] = (struct activities_value){ fx_str(&q_field, DB_ARGS(DB_INT(visit), DB_STR("Site"))),
		" Munich office " };
	v[1] = (struct activities_value){ fx_str(&q_field, DB_ARGS(DB_INT(visit), DB_STR("Outcome"))),
		"Neutral" };
	v[2] = (struct activities_value){ fx_str(&q_field, DB_ARGS(DB_INT(visit),
		DB_STR("Observations"))), "" };   /* empty: no value */
	assert_rc(activities_custom(&A, NW, BEN, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, C_TYPE), "custom");
	assert_int_equal(db_get_int(&r, 0, C_CUSTOM), visit);
	assert_int_equal(db_read(&A, &q_values, DB_ARGS(DB_INT(db_get_int(&r, 0, C_ID))), &r), DB_OK);
	assert_int_equal(r.nrows, 2);
	assert_string_equal(db_get(&r, 0, AV_NAME), "Site");
	assert_string_equal(db_get(&r, 0, AV_VALUE), "Munich office");
	assert_int_equal(db_get_int(&r, 0, AV_ORGANIZATION_ID), NW);
	assert_string_equal(db_get(&r, 1, AV_NAME), "Outcome");
	assert_string_equal(db_get(&r, 1, AV_VALUE), "Neutral");
	assert_int_equal(fx_count(lid, "custom", visit), 1);
	assert_int_equal(fx_count(lid, "custom", 0), 0);
	assert_true(fx_touched(lid, BEN));
}

static void
custom_activity_with_every_field_type(void **state)
{
	static const char *in_values[NEVERY] = {
		"One line", "Line one\r\nline two", "-1,234.5", "2026-12-31", "2026-07-01 10:30",
		"Green", NULL, "portal.example/x",
	};
	static const char *stored[NEVERY] = {
		"One line", "Line one\nline two", "-1234.5", "2026-12-31", "2026-07-01 14:30:00",
		"Green", NULL, "https://portal.example/x",
	};
	struct activities_value v[NEVERY];
	struct activities_custom_in in = { { NULL, NULL }, NULL, v, NEVERY };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid;
	size_t i;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Every field", &lead);
	in.custom_activity_type_id = every_type_pid;
	for (i = 0; i < NEVERY; i++)
		v[i] = (struct activities_value){ every_pid[i], in_values[i] ? in_values[i] : BEN_PID };
	assert_rc(activities_custom(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_act, DB_ARGS(DB_STR(pid)));
	assert_int_equal(db_read(&A, &q_values, DB_ARGS(DB_INT(db_get_int(&r, 0, C_ID))), &r), DB_OK);
	assert_int_equal(r.nrows, NEVERY);
	for (i = 0; i < NEVERY; i++) {
		assert_string_equal(db_get(&r, i, AV_NAME), every[i].name);
		/* a user is stored as the user's public id */
		assert_string_equal(db_get(&r, i, AV_VALUE), stored[i] ? stored[i] : BEN_PID);
	}
	assert_int_equal(fx_count(lid, "custom", every_type), 1);
}

static void
custom_activity_refusals(void **state)
{
	static const char *bad[NEVERY] = {
		"two\nlines", "\x01", "12abc", "2026-02-30", "2026-07-01", "Purple", NULL,
		"javascript:alert(1)",
	};
	static const char *msg[NEVERY] = {
		"Text must fit on one line.", "Long text contains control characters.",
		"Number must be a number like 1200 or 3.5.", "Date must be a date like 2026-12-31.",
		"When must be a date and time like 2026-12-31 14:30.", "Pick must be one of the listed choices.",
		"Who was not found in this organization.",
		"Link must be a web address starting with http:// or https://.",
	};
	struct activities_value v[NEVERY + 2];
	struct activities_custom_in in = { { NULL, NULL }, NULL, v, NEVERY };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *visit_site;
	long long lid;
	size_t i;

	NEED_DB();
	lid = fx_lead(NW, "Refused custom", &lead);
	in.custom_activity_type_id = every_type_pid;
	for (i = 0; i < NEVERY; i++)
		v[i] = (struct activities_value){ every_pid[i], bad[i] ? bad[i] : CORA_PID };
	assert_rc(activities_custom(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	for (i = 0; i < NEVERY; i++)
		assert_msg(e, every_pid[i], msg[i]);
	assert_int_equal(e.n, NEVERY);
	/* a deactivated user; a field of another type; the same field twice */
	r = fx_row(&q_type, DB_ARGS(DB_INT(NW), DB_STR("Site Visit")));
	visit_site = fx_str(&q_field, DB_ARGS(DB_INT(db_get_int(&r, 0, AT_ID)), DB_STR("Site")));
	v[0] = (struct activities_value){ every_pid[6], DAN_PID };
	v[1] = (struct activities_value){ visit_site, "Munich" };
	v[2] = (struct activities_value){ every_pid[0], "once" };
	v[3] = (struct activities_value){ every_pid[0], "twice" };
	in.nvalues = 4;
	assert_rc(activities_custom(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, every_pid[6], "Who is no longer active in this organization.");
	assert_msg(e, visit_site, "This field was not found.");
	assert_msg(e, every_pid[0], "This field was given twice.");
	/* no type; an unknown type */
	in = (struct activities_custom_in){ { NULL, NULL }, NULL, NULL, 0 };
	assert_rc(activities_custom(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "custom_activity_type_id", "The activity type is required.");
	in.custom_activity_type_id = "actitype_0000000000000000000000000000000000000000";
	assert_rc(activities_custom(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "custom_activity_type_id", "The activity type was not found.");
	assert_int_equal(fx_int(&q_nacts, DB_ARGS(DB_INT(lid))), 0);
	assert_false(fx_touched(lid, 0));
}

static void
custom_type_of_another_organization_is_not_found(void **state)
{
	struct activities_custom_in in = { { NULL, NULL }, NULL, NULL, 0 };
	struct valid_errs e;
	struct db_res r;
	const char *bloom;
	long long bid;

	NEED_DB();
	bid = fx_lead(BD, "Bloom custom", &bloom);
	r = fx_row(&q_type, DB_ARGS(DB_INT(NW), DB_STR("Demo Feedback")));
	in.custom_activity_type_id = db_get(&r, 0, AT_PID);   /* Northwind's, from Bloom Dental */
	assert_rc(activities_custom(&A, BD, CORA, bloom, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "custom_activity_type_id", "The activity type was not found.");
	assert_int_equal(fx_int(&q_nacts, DB_ARGS(DB_INT(bid))), 0);
}

/* ---- all or nothing ---- */

static void
activity_and_count_are_one_write(void **state)
{
	struct activities_note_in in = { { NULL, NULL }, "Not kept" };
	struct activities_value v[2];
	struct activities_custom_in cin = { { NULL, NULL }, NULL, v, 2 };
	struct valid_errs e;
	const char *lead;
	long long lid;
	char cond[100];

	NEED_DB();
	lid = fx_lead(NW, "Atomic", &lead);
	snprintf(cond, sizeof cond, "NEW.lead_id = %lld", lid);
	/* the activity's insert passes, its count's fails */
	fx_fail_on("INSERT", "lead_activity_counts", cond);
	assert_rc(activities_note(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_ERROR);
	assert_int_equal(fx_int(&q_nacts, DB_ARGS(DB_INT(lid))), 0);
	assert_int_equal(fx_count(lid, "note", 0), 0);
	assert_false(fx_touched(lid, 0));
	fx_fail_off();
	/* a custom activity and its count pass, its second value fails */
	cin.custom_activity_type_id = every_type_pid;
	v[0] = (struct activities_value){ every_pid[0], "kept?" };
	v[1] = (struct activities_value){ every_pid[2], "42" };
	fx_fail_on("INSERT", "activity_custom_values", "NEW.value = '42'");
	assert_rc(activities_custom(&A, NW, ADA, lead, &cin, NULL, &e), e, VALID_ERROR);
	assert_int_equal(fx_int(&q_nacts, DB_ARGS(DB_INT(lid))), 0);
	assert_int_equal(fx_count(lid, "custom", every_type), 0);
	assert_false(fx_touched(lid, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(note_is_written_with_its_count),
		TEST(activity_at_is_given_in_the_users_zone),
		TEST(note_refusals_write_nothing),
		TEST(call_is_logged),
		TEST(call_refusals),
		TEST(email_is_logged_as_text),
		TEST(email_refusals),
		TEST(sms_is_logged),
		TEST(sms_refusals),
		TEST(meeting_times_are_stored_in_utc),
		TEST(meeting_refusals),
		TEST(custom_activity_of_a_demo_type),
		TEST(custom_activity_with_every_field_type),
		TEST(custom_activity_refusals),
		TEST(custom_type_of_another_organization_is_not_found),
		TEST(activity_and_count_are_one_write),
	};

	return cmocka_run_group_tests_name("activities", tests, group_setup, group_teardown);
}
