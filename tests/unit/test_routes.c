/* test_routes.c — lib/req.h's route patterns: "*" and typed "{kind}"
 * segments, what they capture, and a typed segment that is no id of its
 * kind (the route's 404, before any handler). No database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "ids.h"
#include "req.h"

static struct arena A;
static const char *arg[REQ_MAX_ARGS];

#define LEAD "lead_0123456789abcdefghijABCDEFGHIJ0123456789"
#define TASK "task_0123456789abcdefghijABCDEFGHIJ0123456789"

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

static void
typed_segments_capture_well_formed_ids(void **state)
{
	(void)state;
	assert_true(ids_valid("lead_", LEAD) && ids_valid("task_", TASK));
	assert_int_equal(req_route_match(&A, "/lead/{lead}/task/{task}/complete",
	    "/lead/" LEAD "/task/" TASK "/complete", arg), 1);
	assert_string_equal(arg[0], LEAD);
	assert_string_equal(arg[1], TASK);
	assert_null(arg[2]);
	assert_int_equal(req_route_match(&A, "/lead/{lead}/", "/lead/" LEAD "/", arg), 1);
}

static void
a_malformed_id_matches_the_route_as_its_404(void **state)
{
	(void)state;
	/* a task id where the lead goes, a truncated one, another kind's */
	assert_int_equal(req_route_match(&A, "/lead/{lead}/task/{task}/complete",
	    "/lead/" TASK "/task/" TASK "/complete", arg), 2);
	assert_int_equal(req_route_match(&A, "/lead/{lead}/task/{task}/complete",
	    "/lead/" LEAD "/task/task_123/complete", arg), 2);
	assert_string_equal(arg[1], "task_123");
	assert_int_equal(req_route_match(&A, "/lead/{lead}/", "/lead/x/", arg), 2);
	/* an untyped segment takes anything */
	assert_int_equal(req_route_match(&A, "/lead/*/", "/lead/x/", arg), 1);
	assert_string_equal(arg[0], "x");
}

static void
other_paths_do_not_match(void **state)
{
	(void)state;
	assert_int_equal(req_route_match(&A, "/lead/{lead}/", "/lead/" LEAD, arg), 0);
	assert_int_equal(req_route_match(&A, "/lead/{lead}/", "/lead//", arg), 0);
	assert_int_equal(req_route_match(&A, "/lead/{lead}/task", "/lead/" LEAD "/tasks", arg), 0);
	assert_int_equal(req_route_match(&A, "/lead/{lead}/", "/lead/" LEAD "/x/", arg), 0);
}

static void
kinds_have_prefixes(void **state)
{
	(void)state;
	assert_string_equal(ids_prefix("opportunity", 11), "oppo_");
	assert_string_equal(ids_prefix("contact}", 7), "cont_");
	assert_null(ids_prefix("lea", 3));
	assert_null(ids_prefix("widget", 6));
	/* a pattern naming no kind never matches as well-formed */
	assert_int_equal(req_route_match(&A, "/w/{widget}", "/w/" LEAD, arg), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(typed_segments_capture_well_formed_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(a_malformed_id_matches_the_route_as_its_404, setup, teardown),
		cmocka_unit_test_setup_teardown(other_paths_do_not_match, setup, teardown),
		cmocka_unit_test_setup_teardown(kinds_have_prefixes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
