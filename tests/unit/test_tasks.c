/* test_tasks.c — lib/tasks.h against the live instance ($LEADLINE_CONF):
 * adding and editing tasks, completing one (the task_completed activity and
 * its count), completing twice, also from two processes at once, ids of
 * another organization, all or nothing. */
#include "model_fixture.h"

#include "tasks.h"

#define TK_COLS(X) \
	X(TK_ORGANIZATION_ID, "organization_id") X(TK_LEAD_ID, "lead_id") X(TK_TEXT, "text") \
	X(TK_DUE_DATE, "due_date") X(TK_ASSIGNED_TO, "assigned_to") \
	X(TK_CONTACT_ID, "contact_id") X(TK_IS_COMPLETE, "is_complete") \
	X(TK_COMPLETED_NOW, "completed_now") X(TK_ID, "id")
FX_SQL(q_task,
	"SELECT organization_id, lead_id, text, due_date, assigned_to, contact_id, is_complete,"
	" date_completed > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE AS completed_now, id"
	" FROM tasks WHERE pid = ?", TK_COLS);
static struct db_sql q_ntasks = DB_SQL("SELECT COUNT(*) FROM tasks WHERE lead_id = ?");
#define DN_COLS(X) \
	X(DN_TASK_ID, "task_id") X(DN_BODY_TEXT, "body_text") X(DN_USER_ID, "user_id") \
	X(DN_CONTACT_ID, "contact_id") X(DN_ORGANIZATION_ID, "organization_id") \
	X(DN_AT_CREATED, "at_created") X(DN_CREATED_NOW, "created_now") X(DN_PID, "pid")
FX_SQL(q_done,
	"SELECT a.task_id, a.body_text, a.user_id, a.contact_id, a.organization_id,"
	" a.activity_at = a.date_created AS at_created,"
	" a.date_created > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE AS created_now, a.pid"
	" FROM activities a WHERE a.lead_id = ? AND a.type = 'task_completed'", DN_COLS);
static struct db_sql q_old_task = DB_SQL(
	"INSERT INTO tasks (pid, organization_id, lead_id, text, assigned_to)"
	" VALUES (ll_id('task_'), ?, ?, 'Dan''s task', ?)");
static struct db_sql q_pid_of = DB_SQL("SELECT pid FROM tasks WHERE id = ?");

static void
add_a_task(void **state)
{
	struct tasks_in in = { " Send the renewal quote ", "2026-12-01", NULL, NULL };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *cpid;
	long long lid, cid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Tasks", &lead);
	cid = fx_contact(NW, lid, "Priya", &cpid);
	in.assigned_to = BEN_PID;
	in.contact_id = cpid;
	assert_rc(tasks_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	assert_true(ids_valid("task_", pid));
	r = fx_row(&q_task, DB_ARGS(DB_STR(pid)));
	assert_int_equal(db_get_int(&r, 0, TK_ORGANIZATION_ID), NW);
	assert_int_equal(db_get_int(&r, 0, TK_LEAD_ID), lid);
	assert_string_equal(db_get(&r, 0, TK_TEXT), "Send the renewal quote");
	assert_string_equal(db_get(&r, 0, TK_DUE_DATE), "2026-12-01");
	assert_int_equal(db_get_int(&r, 0, TK_ASSIGNED_TO), BEN);
	assert_int_equal(db_get_int(&r, 0, TK_CONTACT_ID), cid);
	assert_int_equal(db_get_int(&r, 0, TK_IS_COMPLETE), 0);
	assert_true(db_is_null(&r, 0, TK_COMPLETED_NOW));
	assert_true(fx_touched(lid, ADA));
	/* without an assignee it is the acting user's; no date, no contact */
	in = (struct tasks_in){ "Call back", "", "", "" };
	assert_rc(tasks_add(&A, NW, BEN, lead, &in, pid, &e), e, VALID_OK);
	r = fx_row(&q_task, DB_ARGS(DB_STR(pid)));
	assert_int_equal(db_get_int(&r, 0, TK_ASSIGNED_TO), BEN);
	assert_true(db_is_null(&r, 0, TK_DUE_DATE));
	assert_true(db_is_null(&r, 0, TK_CONTACT_ID));
}

static void
add_refusals_write_nothing(void **state)
{
	struct tasks_in in = { "", "next friday", NULL, NULL };
	struct valid_errs e;
	const char *lead, *bloom, *bloom_c;
	long long lid, bid;

	NEED_DB();
	lid = fx_lead(NW, "Refused tasks", &lead);
	bid = fx_lead(BD, "Bloom", &bloom);
	fx_contact(BD, bid, "Bloom's", &bloom_c);
	in.assigned_to = CORA_PID;
	in.contact_id = bloom_c;
	assert_rc(tasks_add(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "text", "The task is required.");
	assert_msg(e, "due_date", "The due date must be a date like 2026-12-31.");
	assert_msg(e, "assigned_to", "The assignee was not found in this organization.");
	assert_msg(e, "contact_id", "The contact was not found on this lead.");
	assert_int_equal(e.n, 4);
	in = (struct tasks_in){ "two\nlines", NULL, DAN_PID, NULL };
	assert_rc(tasks_add(&A, NW, ADA, lead, &in, NULL, &e), e, VALID_INVALID);
	assert_msg(e, "text", "The task must fit on one line.");
	assert_msg(e, "assigned_to", "The assignee is no longer active in this organization.");
	in = (struct tasks_in){ "Fine", NULL, NULL, NULL };
	assert_rc(tasks_add(&A, NW, ADA, bloom, &in, NULL, &e), e, VALID_NOT_FOUND);
	assert_rc(tasks_add(&A, BD, ADA, bloom, &in, NULL, &e), e, VALID_NOT_FOUND);
	assert_int_equal(fx_int(&q_ntasks, DB_ARGS(DB_INT(lid))), 0);
	assert_int_equal(fx_int(&q_ntasks, DB_ARGS(DB_INT(bid))), 0);
	assert_false(fx_touched(lid, 0));
	assert_false(fx_touched(bid, 0));
}

static void
complete_records_the_task_completed_activity(void **state)
{
	struct tasks_in in = { "Book the training room", NULL, NULL, NULL };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *cpid;
	long long lid, cid, tid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Complete", &lead);
	cid = fx_contact(NW, lid, "Sofía", &cpid);
	in.contact_id = cpid;
	assert_rc(tasks_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	tid = db_get_int((r = fx_row(&q_task, DB_ARGS(DB_STR(pid))), &r), 0, TK_ID);
	assert_int_equal(fx_count(lid, "task_completed", 0), 0);
	assert_rc(tasks_complete(&A, NW, BEN, lead, pid, &e), e, VALID_OK);
	r = fx_row(&q_task, DB_ARGS(DB_STR(pid)));
	assert_int_equal(db_get_int(&r, 0, TK_IS_COMPLETE), 1);
	assert_int_equal(db_get_int(&r, 0, TK_COMPLETED_NOW), 1);   /* date_completed: now */
	r = fx_row(&q_done, DB_ARGS(DB_INT(lid)));
	assert_int_equal(db_get_int(&r, 0, DN_TASK_ID), tid);
	assert_string_equal(db_get(&r, 0, DN_BODY_TEXT), "Book the training room");
	assert_int_equal(db_get_int(&r, 0, DN_USER_ID), BEN);
	assert_int_equal(db_get_int(&r, 0, DN_CONTACT_ID), cid);
	assert_int_equal(db_get_int(&r, 0, DN_ORGANIZATION_ID), NW);
	assert_int_equal(db_get_int(&r, 0, DN_AT_CREATED), 1);
	assert_int_equal(db_get_int(&r, 0, DN_CREATED_NOW), 1);
	assert_true(ids_valid("acti_", db_get(&r, 0, DN_PID)));
	assert_int_equal(fx_count(lid, "task_completed", 0), 1);
	assert_true(fx_touched(lid, BEN));
}

static void
completing_twice_is_refused(void **state)
{
	struct tasks_in in = { "Once only", NULL, NULL, NULL };
	struct valid_errs e;
	const char *lead;
	long long lid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Twice", &lead);
	assert_rc(tasks_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	assert_rc(tasks_complete(&A, NW, ADA, lead, pid, &e), e, VALID_OK);
	assert_rc(tasks_complete(&A, NW, BEN, lead, pid, &e), e, VALID_REFUSED);
	assert_msg(e, VALID_FORM, "This task is already complete.");
	assert_int_equal(fx_count(lid, "task_completed", 0), 1);
	assert_true(fx_touched(lid, ADA));   /* not by ben's refused try */
}

/* Two requests completing one task at the same moment. */
static const char *race_lead, *race_task;

static enum valid_rc
race_complete(void *arg)
{
	struct valid_errs e;

	(void)arg;
	return tasks_complete(&A, NW, ADA, race_lead, race_task, &e);
}

static void
completing_at_once_from_two_requests_records_it_once(void **state)
{
	struct tasks_in in = { "Raced", NULL, NULL, NULL };
	struct valid_errs e;
	long long lid;
	char pid[IDS_MAXLEN];
	int rc[2];

	NEED_DB();
	lid = fx_lead(NW, "Race", &race_lead);
	assert_rc(tasks_add(&A, NW, ADA, race_lead, &in, pid, &e), e, VALID_OK);
	race_task = pid;
	fx_race(lid, race_complete, NULL, rc);
	assert_true((rc[0] == VALID_OK && rc[1] == VALID_REFUSED) ||
	    (rc[0] == VALID_REFUSED && rc[1] == VALID_OK));
	assert_int_equal(fx_count(lid, "task_completed", 0), 1);
}

static void
tasks_of_another_lead_or_organization_are_not_found(void **state)
{
	struct tasks_in in = { "Mine now", NULL, NULL, NULL };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *bloom, *sibling;
	long long lid, bid, sid;
	char bpid[IDS_MAXLEN], spid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Mine", &lead);
	sid = fx_lead(NW, "Sibling", &sibling);
	bid = fx_lead(BD, "Bloom", &bloom);
	assert_rc(tasks_add(&A, BD, CORA, bloom, &in, bpid, &e), e, VALID_OK);
	assert_rc(tasks_add(&A, NW, ADA, sibling, &in, spid, &e), e, VALID_OK);
	assert_rc(tasks_complete(&A, NW, ADA, lead, bpid, &e), e, VALID_NOT_FOUND);
	assert_rc(tasks_complete(&A, NW, ADA, bloom, bpid, &e), e, VALID_NOT_FOUND);
	assert_rc(tasks_complete(&A, BD, ADA, bloom, bpid, &e), e, VALID_NOT_FOUND);
	assert_rc(tasks_complete(&A, NW, ADA, lead, spid, &e), e, VALID_NOT_FOUND);
	assert_rc(tasks_update(&A, NW, ADA, lead, spid, &in, &e), e, VALID_NOT_FOUND);
	assert_rc(tasks_remove(&A, NW, ADA, bloom, bpid, &e), e, VALID_NOT_FOUND);
	assert_rc(tasks_complete(&A, NW, ADA, lead, "task_nope", &e), e, VALID_NOT_FOUND);
	r = fx_row(&q_task, DB_ARGS(DB_STR(bpid)));
	assert_int_equal(db_get_int(&r, 0, TK_IS_COMPLETE), 0);
	r = fx_row(&q_task, DB_ARGS(DB_STR(spid)));
	assert_int_equal(db_get_int(&r, 0, TK_IS_COMPLETE), 0);
	assert_int_equal(fx_count(bid, "task_completed", 0), 0);
	assert_int_equal(fx_count(sid, "task_completed", 0), 0);
	assert_false(fx_touched(lid, 0));
}

static void
update_and_remove_a_task(void **state)
{
	struct tasks_in in = { "Draft", NULL, NULL, NULL };
	struct valid_errs e;
	struct db_res r;
	const char *lead, *dan_task;
	long long lid;
	char pid[IDS_MAXLEN];

	NEED_DB();
	lid = fx_lead(NW, "Edit tasks", &lead);
	assert_rc(tasks_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	in = (struct tasks_in){ "Final", "2027-02-28", BEN_PID, NULL };
	assert_rc(tasks_update(&A, NW, ADA, lead, pid, &in, &e), e, VALID_OK);
	r = fx_row(&q_task, DB_ARGS(DB_STR(pid)));
	assert_string_equal(db_get(&r, 0, TK_TEXT), "Final");
	assert_string_equal(db_get(&r, 0, TK_DUE_DATE), "2027-02-28");
	assert_int_equal(db_get_int(&r, 0, TK_ASSIGNED_TO), BEN);
	in.text = "";
	assert_rc(tasks_update(&A, NW, ADA, lead, pid, &in, &e), e, VALID_INVALID);
	assert_msg(e, "text", "The task is required.");
	assert_string_equal(db_get((r = fx_row(&q_task, DB_ARGS(DB_STR(pid))), &r), 0, TK_TEXT), "Final");
	/* dan (deactivated) may keep a task he has */
	assert_int_equal(db_write(&A, &q_old_task, DB_ARGS(DB_INT(NW), DB_INT(lid), DB_INT(DAN)), &r),
	    DB_OK);
	dan_task = fx_str(&q_pid_of, DB_ARGS(DB_INT((long long)r.insert_id)));
	in = (struct tasks_in){ "Dan's task, renamed", NULL, DAN_PID, NULL };
	assert_rc(tasks_update(&A, NW, ADA, lead, dan_task, &in, &e), e, VALID_OK);
	assert_int_equal(db_get_int((r = fx_row(&q_task, DB_ARGS(DB_STR(dan_task))), &r), 0,
	    TK_ASSIGNED_TO), DAN);
	assert_rc(tasks_remove(&A, NW, BEN, lead, pid, &e), e, VALID_OK);
	assert_int_equal(fx_int(&q_ntasks, DB_ARGS(DB_INT(lid))), 1);
	assert_true(fx_touched(lid, BEN));
}

/* C3: a completed task reopened: open again, no date_completed, its
 * task_completed activity kept; an open one refused; another lead's or
 * organization's not found; tasks_read reads it only under its own lead. */
static void
reopen_and_read_a_task(void **state)
{
	struct tasks_in in = { "Call again", "2027-05-06", NULL, NULL };
	struct tasks_stored st;
	struct valid_errs e;
	struct db_res r;
	const char *lead, *sibling, *bloom, *cpid;
	long long lid, sid;
	char pid[IDS_MAXLEN];
	int found;

	NEED_DB();
	lid = fx_lead(NW, "Reopen", &lead);
	sid = fx_lead(NW, "Reopen sibling", &sibling);
	fx_lead(BD, "Reopen Bloom", &bloom);
	fx_contact(NW, lid, "Rhea", &cpid);
	in.assigned_to = BEN_PID;
	in.contact_id = cpid;
	assert_rc(tasks_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	assert_rc(tasks_reopen(&A, NW, ADA, lead, pid, &e), e, VALID_REFUSED);
	assert_msg(e, VALID_FORM, TASKS_NOT_DONE);
	assert_rc(tasks_complete(&A, NW, ADA, lead, pid, &e), e, VALID_OK);
	assert_rc(tasks_reopen(&A, NW, ADA, sibling, pid, &e), e, VALID_NOT_FOUND);
	assert_rc(tasks_reopen(&A, BD, CORA, bloom, pid, &e), e, VALID_NOT_FOUND);
	assert_int_equal(db_get_int((r = fx_row(&q_task, DB_ARGS(DB_STR(pid))), &r), 0, TK_IS_COMPLETE), 1);
	assert_int_equal(tasks_read(&A, NW, lid, pid, &st, &found), DB_OK);
	assert_true(found);
	assert_true(st.complete);
	assert_string_equal(st.in.text, "Call again");
	assert_string_equal(st.in.due_date, "2027-05-06");
	assert_string_equal(st.in.assigned_to, BEN_PID);
	assert_string_equal(st.in.contact_id, cpid);
	assert_rc(tasks_reopen(&A, NW, BEN, lead, pid, &e), e, VALID_OK);
	r = fx_row(&q_task, DB_ARGS(DB_STR(pid)));
	assert_int_equal(db_get_int(&r, 0, TK_IS_COMPLETE), 0);
	assert_true(db_is_null(&r, 0, TK_COMPLETED_NOW));
	assert_int_equal(fx_count(lid, "task_completed", 0), 1);
	assert_true(fx_touched(lid, BEN));
	assert_int_equal(tasks_read(&A, NW, lid, pid, &st, &found), DB_OK);
	assert_true(found);
	assert_false(st.complete);
	assert_int_equal(tasks_read(&A, NW, sid, pid, &st, &found), DB_OK);
	assert_false(found);
	assert_int_equal(tasks_read(&A, BD, lid, pid, &st, &found), DB_OK);
	assert_false(found);
	assert_int_equal(tasks_read(&A, NW, lid, "task_nope", &st, &found), DB_OK);
	assert_false(found);
}

static void
complete_is_all_or_nothing(void **state)
{
	struct tasks_in in = { "Stays open", NULL, NULL, NULL };
	struct valid_errs e;
	struct db_res r;
	const char *lead;
	long long lid;
	char pid[IDS_MAXLEN], cond[100];

	NEED_DB();
	lid = fx_lead(NW, "Atomic", &lead);
	assert_rc(tasks_add(&A, NW, ADA, lead, &in, pid, &e), e, VALID_OK);
	/* the task's update passes, the activity it records fails */
	snprintf(cond, sizeof cond, "NEW.lead_id = %lld", lid);
	fx_fail_on("INSERT", "activities", cond);
	assert_rc(tasks_complete(&A, NW, BEN, lead, pid, &e), e, VALID_ERROR);
	r = fx_row(&q_task, DB_ARGS(DB_STR(pid)));
	assert_int_equal(db_get_int(&r, 0, TK_IS_COMPLETE), 0);
	assert_true(db_is_null(&r, 0, TK_COMPLETED_NOW));
	assert_int_equal(fx_count(lid, "task_completed", 0), 0);
	fx_fail_off();
	/* once the failure is gone it completes */
	assert_rc(tasks_complete(&A, NW, BEN, lead, pid, &e), e, VALID_OK);
	assert_int_equal(fx_count(lid, "task_completed", 0), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(add_a_task),
		TEST(add_refusals_write_nothing),
		TEST(complete_records_the_task_completed_activity),
		TEST(completing_twice_is_refused),
		TEST(completing_at_once_from_two_requests_records_it_once),
		TEST(tasks_of_another_lead_or_organization_are_not_found),
		TEST(reopen_and_read_a_task),
		TEST(update_and_remove_a_task),
		TEST(complete_is_all_or_nothing),
	};

	return cmocka_run_group_tests_name("tasks", tests, fx_group_setup, fx_group_teardown);
}
