/* test_summary.c — lib/summary.h: the selection rule (S2) against the live
 * instance ($LEADLINE_CONF) on leads made here, and the offline backend's
 * summary of a fixed input in English, German, Spanish and French. */
#include "model_fixture.h"

#include "summary.h"

/* n activities of a type on the lead, the k-th (1..n) at `ago_sql` (SQL over seq). */
static void
acts(long long org, long long lead, int n, const char *type, const char *at_sql)
{
	char sql[1024];

	snprintf(sql, sizeof sql,
	    "INSERT INTO activities (pid, organization_id, lead_id, type, activity_at, body_text)"
	    " SELECT ll_id('acti_'), %lld, %lld, '%s', %s, CONCAT('text ', seq)"
	    " FROM seq_1_to_%d;", org, lead, type, at_sql, n);
	fx_root_sql(sql);
}

static struct db_sql q_nrecent_sel = DB_SQL(
	"SELECT COUNT(*) FROM activities WHERE lead_id = ? AND deleted_at IS NULL"
	" AND activity_at >= UTC_TIMESTAMP(6) - INTERVAL 90 DAY");

/* The input is newest first, with distinct ids, and each one of the lead. */
static void
assert_ordered(const struct summary_input *in)
{
	size_t i;

	for (i = 1; i < in->nacts; i++)
		assert_true(strcmp(in->acts[i - 1].at, in->acts[i].at) >= 0);
	for (i = 0; i < in->nacts; i++)
		assert_true(ids_valid("acti_", in->acts[i].pid));
}

static void
all_of_the_last_90_days_when_100_or_more(void **state)
{
	struct summary_input in;
	const char *lead;
	long long lid;
	int found;

	NEED_DB();
	lid = fx_lead(NW, "Busy", &lead);
	acts(NW, lid, 120, "note", "UTC_TIMESTAMP(6) - INTERVAL seq HOUR");
	acts(NW, lid, 50, "call", "UTC_TIMESTAMP(6) - INTERVAL 100 + seq DAY");
	assert_int_equal(summary_select(&A, NW, lead, &in, &found), DB_OK);
	assert_int_equal(found, 1);
	assert_int_equal(in.lead_id, lid);
	assert_int_equal(in.all_recent, 1);
	assert_int_equal(in.nacts, 120);
	assert_ordered(&in);
	for (size_t i = 0; i < in.nacts; i++)
		assert_string_equal(in.acts[i].type, "note");
	/* 150 in 90 days: all 150, more than 100 */
	acts(NW, lid, 30, "email", "UTC_TIMESTAMP(6) - INTERVAL 30 + seq DAY");
	assert_int_equal(summary_select(&A, NW, lead, &in, &found), DB_OK);
	assert_int_equal(in.nacts, 150);
	assert_int_equal(in.nacts, fx_int(&q_nrecent_sel, DB_ARGS(DB_INT(lid))));
}

static void
the_100_most_recent_otherwise(void **state)
{
	struct summary_input in;
	const char *lead;
	long long lid;
	size_t i;
	int found;

	NEED_DB();
	lid = fx_lead(NW, "Quiet", &lead);
	acts(NW, lid, 30, "email", "UTC_TIMESTAMP(6) - INTERVAL seq DAY");
	acts(NW, lid, 200, "note", "UTC_TIMESTAMP(6) - INTERVAL 100 + seq DAY");
	assert_int_equal(summary_select(&A, NW, lead, &in, &found), DB_OK);
	assert_int_equal(found, 1);
	assert_int_equal(in.all_recent, 0);
	assert_int_equal(in.nacts, 100);
	assert_ordered(&in);
	/* the 30 recent ones first, then the 70 newest old ones (101..170 days ago) */
	for (i = 0; i < 30; i++)
		assert_string_equal(in.acts[i].type, "email");
	for (i = 30; i < 100; i++)
		assert_string_equal(in.acts[i].type, "note");
	assert_string_equal(in.acts[99].text, "text 70");
	assert_string_equal(in.acts[30].text, "text 1");
	assert_string_equal(in.window_to, in.acts[0].at);
	assert_string_equal(in.window_from, in.acts[99].at);
}

static void
the_boundary_is_100_and_deleted_ones_do_not_count(void **state)
{
	struct summary_input in;
	const char *lead;
	long long lid;
	int found;

	NEED_DB();
	lid = fx_lead(NW, "Boundary", &lead);
	acts(NW, lid, 99, "note", "UTC_TIMESTAMP(6) - INTERVAL seq HOUR");
	acts(NW, lid, 10, "call", "UTC_TIMESTAMP(6) - INTERVAL 200 + seq DAY");
	/* 99 recent: the 100 most recent, one of them old */
	assert_int_equal(summary_select(&A, NW, lead, &in, &found), DB_OK);
	assert_int_equal(in.all_recent, 0);
	assert_int_equal(in.nacts, 100);
	assert_string_equal(in.acts[99].type, "call");
	/* a deleted recent one more: still 99 */
	acts(NW, lid, 1, "sms", "UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE");
	{
		char sql[256];
		snprintf(sql, sizeof sql, "UPDATE activities SET deleted_at = UTC_TIMESTAMP(6)"
		    " WHERE lead_id = %lld AND type = 'sms';", lid);
		fx_root_sql(sql);
	}
	assert_int_equal(summary_select(&A, NW, lead, &in, &found), DB_OK);
	assert_int_equal(in.all_recent, 0);
	assert_int_equal(in.nacts, 100);
	for (size_t i = 0; i < in.nacts; i++)
		assert_string_not_equal(in.acts[i].type, "sms");
	/* 100 recent: all of those, none old */
	acts(NW, lid, 1, "note", "UTC_TIMESTAMP(6) - INTERVAL 2 MINUTE");
	assert_int_equal(summary_select(&A, NW, lead, &in, &found), DB_OK);
	assert_int_equal(in.all_recent, 1);
	assert_int_equal(in.nacts, 100);
	for (size_t i = 0; i < in.nacts; i++)
		assert_string_equal(in.acts[i].type, "note");
}

static void
fields_opportunities_open_tasks_contacts(void **state)
{
	struct summary_input in;
	const char *lead;
	long long lid;
	char sql[2048];
	int found;

	NEED_DB();
	lid = fx_lead(NW, "Facts", &lead);
	fx_contact(NW, lid, "Priya Shah", NULL);
	fx_contact(NW, lid, "Tom", NULL);
	snprintf(sql, sizeof sql,
	    "INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value, value_currency)"
	    " SELECT ll_id('oppo_'), %lld, %lld, id, 150000, 'USD' FROM opportunity_statuses"
	    " WHERE organization_id = %lld AND type = 'active' ORDER BY position LIMIT 1;"
	    "INSERT INTO opportunities (pid, organization_id, lead_id, status_id, value, value_currency)"
	    " SELECT ll_id('oppo_'), %lld, %lld, id, 999, 'USD' FROM opportunity_statuses"
	    " WHERE organization_id = %lld AND type = 'won' ORDER BY position LIMIT 1;"
	    "INSERT INTO tasks (pid, organization_id, lead_id, text, due_date) VALUES"
	    " (ll_id('task_'), %lld, %lld, 'Later', '2027-02-01'),"
	    " (ll_id('task_'), %lld, %lld, 'Sooner', '2027-01-01');"
	    "INSERT INTO tasks (pid, organization_id, lead_id, text, is_complete) VALUES"
	    " (ll_id('task_'), %lld, %lld, 'Done', 1);"
	    "INSERT INTO lead_custom_values (organization_id, lead_id, field_id, value)"
	    " SELECT %lld, %lld, id, 'zz value' FROM custom_fields WHERE organization_id = %lld"
	    " AND type = 'text' ORDER BY id LIMIT 1;",
	    NW, lid, NW, NW, lid, NW, NW, lid, NW, lid, NW, lid, NW, lid, NW);
	fx_root_sql(sql);
	assert_int_equal(summary_select(&A, NW, lead, &in, &found), DB_OK);
	assert_int_equal(in.nacts, 0);
	assert_string_equal(in.window_from, "");
	assert_int_equal(in.ncontacts, 2);
	assert_string_equal(in.contacts[0].name, "Priya Shah");
	assert_int_equal(in.nopps, 2);
	assert_int_equal(in.ntasks, 2);
	assert_string_equal(in.tasks[0].text, "Sooner");
	assert_string_equal(in.tasks[0].due, "2027-01-01");
	assert_int_equal(in.nfields, 1);
	assert_string_equal(in.fields[0].value, "zz value");
	assert_true(*in.status != '\0');
}

static void
another_organizations_lead_is_not_found(void **state)
{
	struct summary_input in;
	const char *lead;
	int found = 1;

	NEED_DB();
	fx_lead(BD, "Bloom's", &lead);
	assert_int_equal(summary_select(&A, NW, lead, &in, &found), DB_OK);
	assert_int_equal(found, 0);
	assert_int_equal(summary_select(&A, NW, "lead_nonexistent", &in, &found), DB_OK);
	assert_int_equal(found, 0);
	assert_int_equal(summary_select(&A, BD, lead, &in, &found), DB_OK);
	assert_int_equal(found, 1);
}

/* ---- the offline backend, on a fixed input (no database) ---- */

#define P1 "acti_0000000000000000000000000000000000000001"
#define P2 "acti_0000000000000000000000000000000000000002"
#define P3 "acti_0000000000000000000000000000000000000003"
#define P4 "acti_0000000000000000000000000000000000000004"
#define P5 "acti_0000000000000000000000000000000000000005"
#define PX "acti_000000000000000000000000000000000000000X"

static struct summary_act fixed_acts[] = {
	{ 5, P5, "task_completed", "", "2026-11-20 10:00", "", "", "", "Send quote", "", "" },
	{ 4, P4, "email", "", "2026-11-19 09:30", "incoming", "Re: Renewal quote", "", "Looks good", "", "" },
	{ 3, P3, "call", "", "2026-11-18 15:00", "outgoing", "", "", "Discussed seats", "answered", "" },
	{ 2, P2, "lead_status_change", "", "2026-11-10 08:00", "", "", "", "", "", "Qualified" },
	{ 1, P1, "email", "", "2026-11-01 12:00", "outgoing", "Intro", "", "", "", "" },
};
static struct summary_opp fixed_opps[] = {
	{ "Proposal", "active", 1250000, "USD", "annual", 60, "2026-12-15" },
	{ "Demo", "active", 250050, "USD", "one_time", 20, "" },
	{ "Old deal", "lost", 999900, "USD", "one_time", 0, "" },
	{ "EU arm", "active", 100000, "EUR", "one_time", 50, "" },
};
static struct summary_task fixed_tasks[] = { { "Call Priya about the contract", "2026-12-01" } };
static struct summary_contact fixed_contacts[] = { { "Priya Shah", "CFO" }, { "Tom Lee", "" } };
static struct summary_field fixed_fields[] = { { "Industry", "Logistics" } };

static const struct summary_input fixed = {
	.lead_id = 7, .lead_pid = "lead_x", .lead_name = "Globex", .status = "Qualified",
	.all_recent = 0, .acts = fixed_acts, .nacts = 5,
	.window_from = "2026-11-01 12:00", .window_to = "2026-11-20 10:00", .last_activity_id = 5,
	.fields = fixed_fields, .nfields = 1, .opps = fixed_opps, .nopps = 4,
	.tasks = fixed_tasks, .ntasks = 1, .contacts = fixed_contacts, .ncontacts = 2,
};

static void
offline_english_exactly(void **state)
{
	(void)state;
	assert_string_equal(summary_offline(&A, &fixed, "en"),
	    "Offline summary (generated without a language model)\n"
	    "Built from 5 activities, 2026-11-01 12:00 to 2026-11-20 10:00 (UTC).\n"
	    "Status: Qualified.\n"
	    "Open opportunities: 3, total 15,000.50 USD + 1,000.00 EUR.\n"
	    "Next task: Call Priya about the contract (due 2026-12-01).\n"
	    "Last contact: email 2026-11-19 09:30 [" P4 "]; call 2026-11-18 15:00 [" P3 "];"
	    " SMS none; meeting none.\n"
	    "Notable recent activity:\n"
	    "- 2026-11-19 09:30 email (incoming): Re: Renewal quote [" P4 "]\n"
	    "- 2026-11-18 15:00 call (outgoing): Discussed seats [" P3 "]\n"
	    "- 2026-11-10 08:00 status changed to Qualified [" P2 "]\n"
	    "- 2026-11-01 12:00 email (outgoing): Intro [" P1 "]\n"
	    "Contacts: Priya Shah (CFO), Tom Lee.\n"
	    "Custom fields:\n"
	    "- Industry: Logistics\n");
	/* an unknown language is English; the same input gives the same text */
	assert_string_equal(summary_offline(&A, &fixed, "xx"), summary_offline(&A, &fixed, "en"));
	assert_string_equal(summary_offline(&A, &fixed, NULL), summary_offline(&A, &fixed, "en"));
}

static void
offline_german_spanish_french(void **state)
{
	static const struct { const char *lang, *label, *status, *opps, *task, *last, *none, *dir; } want[] = {
		{ "de", "Offline-Zusammenfassung", "Status: Qualified.",
		  "Offene Verkaufschancen: 3, insgesamt 15,000.50 USD + 1,000.00 EUR.",
		  "Nächste Aufgabe: Call Priya about the contract (fällig am 2026-12-01).",
		  "Letzter Kontakt: E-Mail 2026-11-19 09:30 [" P4 "]; Anruf 2026-11-18 15:00", "Termin keiner", "E-Mail (eingehend): Re: Renewal quote" },
		{ "es", "Resumen sin conexión", "Estado: Qualified.",
		  "Oportunidades abiertas: 3, total 15,000.50 USD + 1,000.00 EUR.",
		  "Próxima tarea: Call Priya about the contract (vence el 2026-12-01).",
		  "Último contacto: correo 2026-11-19 09:30 [" P4 "]; llamada 2026-11-18 15:00", "reunión ninguno", "llamada (saliente): Discussed seats" },
		{ "fr", "Résumé hors ligne", "Statut : Qualified.",
		  "Opportunités ouvertes : 3, total 15,000.50 USD + 1,000.00 EUR.",
		  "Prochaine tâche : Call Priya about the contract (échéance le 2026-12-01).",
		  "Dernier contact: e-mail 2026-11-19 09:30 [" P4 "]; appel 2026-11-18 15:00", "réunion aucun", "e-mail (entrant): Re: Renewal quote" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const char *s = summary_offline(&A, &fixed, want[i].lang);

		assert_true(summary_lang_known(want[i].lang));
		assert_int_equal(strncmp(s, want[i].label, strlen(want[i].label)), 0);
		assert_non_null(strstr(s, want[i].status));
		assert_non_null(strstr(s, want[i].opps));
		assert_non_null(strstr(s, want[i].task));
		assert_non_null(strstr(s, want[i].last));
		assert_non_null(strstr(s, want[i].none));
		/* the same citations as the English one */
		assert_non_null(strstr(s, "[" P1 "]"));
		assert_non_null(strstr(s, "[" P2 "]"));
		assert_null(strstr(s, "[" P5 "]"));   /* a completed task is not notable */
		assert_null(strstr(s, "Open opportunities"));
		assert_non_null(strstr(s, want[i].dir));
	}
	assert_false(summary_lang_known("it"));
}

static void
offline_with_nothing(void **state)
{
	static const struct summary_input empty = {
		.lead_pid = "lead_y", .lead_name = "Empty", .status = "Potential",
		.window_from = "", .window_to = "",
	};

	(void)state;
	assert_string_equal(summary_offline(&A, &empty, "en"),
	    "Offline summary (generated without a language model)\n"
	    "Built from 0 activities, - to - (UTC).\n"
	    "Status: Potential.\n"
	    "No open opportunities.\n"
	    "No open tasks.\n"
	    "Last contact: email none; call none; SMS none; meeting none.\n"
	    "No activity yet.\n");
}

static void
citations_not_in_the_input_are_dropped(void **state)
{
	(void)state;
	assert_string_equal(summary_drop_foreign(&A, &fixed,
	    "Quote sent [" P4 "] and lost [" PX "]. Call [" P3 "][acti_short]. [acti_"),
	    "Quote sent [" P4 "] and lost. Call [" P3 "]. [acti_");
	/* a dropped citation must not join what is around it into a new one (found by fuzz_llm_answer) */
	assert_string_equal(summary_drop_foreign(&A, &fixed, "x [[acti_bad]" PX "] y"), "x y");
	assert_true(summary_in_input(&fixed, P1));
	assert_false(summary_in_input(&fixed, PX));
}

/* S1, S3, S8: the rules the summary page reads from lib. */
static void
plans_languages_and_citations(void **state)
{
	const char *code, *native, *ids;
	size_t i;

	(void)state;
	assert_true(summary_plan_ok("growth") && summary_plan_ok("scale"));
	assert_true(summary_plan_ok("professional") && summary_plan_ok("enterprise"));
	assert_false(summary_plan_ok("essentials") || summary_plan_ok(NULL) || summary_plan_ok(""));
	for (i = 0; i < SUMMARY_NLANGS; i++) {
		summary_lang_at(i, &code, &native);
		assert_true(summary_lang_known(code));
		assert_string_equal(summary_lang_native(code), native);
	}
	assert_string_equal(summary_lang_native("de"), "Deutsch");
	assert_string_equal(summary_lang_native("xx"), "xx");
	ids = summary_citations(&A, "Called [acti_a1] then [acti_b2]; [note] and [acti_c3");
	assert_string_equal(ids, "acti_a1,acti_b2");
	assert_true(summary_csv_has(ids, "acti_b2", 7));
	assert_false(summary_csv_has(ids, "acti_b", 6));
	assert_false(summary_csv_has("", "acti_a1", 7));
	assert_string_equal(summary_citations(&A, "no citation"), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(all_of_the_last_90_days_when_100_or_more),
		TEST(the_100_most_recent_otherwise),
		TEST(the_boundary_is_100_and_deleted_ones_do_not_count),
		TEST(fields_opportunities_open_tasks_contacts),
		TEST(another_organizations_lead_is_not_found),
		cmocka_unit_test(offline_english_exactly),
		cmocka_unit_test(offline_german_spanish_french),
		cmocka_unit_test(offline_with_nothing),
		cmocka_unit_test(citations_not_in_the_input_are_dropped),
		cmocka_unit_test(plans_languages_and_citations),
	};

	return cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
}
