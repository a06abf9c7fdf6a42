/* test_llm.c — lib/llm.h (S4): the request body, the parser of the
 * model's answer, and the failure messages (never the key). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "llm.h"

static struct arena A;

static int
setup(void **state)
{
	(void)state;
	arena_init(&A, 1 << 20);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&A);
	return 0;
}

static enum llm_err
parse(const char *json, const char **out)
{
	return llm_parse_answer(&A, json, strlen(json), out);
}

static void
request_body(void **state)
{
	const char *s = llm_request_json(&A, "m-1", "sys \"quoted\"", "user\nline [acti_x]");
	json_error_t e;
	json_t *o;

	(void)state;
	assert_non_null(s);
	assert_non_null(o = json_loads(s, 0, &e));
	assert_string_equal(json_string_value(json_object_get(o, "model")), "m-1");
	assert_int_equal(json_array_size(json_object_get(o, "messages")), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(o, "messages"), 0), "role")), "system");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(o, "messages"), 0), "content")), "sys \"quoted\"");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(o, "messages"), 1), "content")), "user\nline [acti_x]");
	json_decref(o);
}

static void
answers(void **state)
{
	const char *out;

	(void)state;
	assert_int_equal(parse("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"  Hello [acti_1]\\n\"}}]}", &out), LLM_OK);
	assert_string_equal(out, "Hello [acti_1]");
	assert_int_equal(parse("{\"choices\":[{\"message\":{\"content\":\"Grüße\"}},{\"message\":{\"content\":\"second\"}}]}", &out), LLM_OK);
	assert_string_equal(out, "Grüße");
	/* empty */
	assert_int_equal(parse("{\"choices\":[{\"message\":{\"content\":\" \\n\\t\"}}]}", &out), LLM_EMPTY);
	assert_int_equal(parse("{\"choices\":[{\"message\":{\"content\":null}}]}", &out), LLM_EMPTY);
	/* malformed */
	assert_int_equal(parse("", &out), LLM_MALFORMED);
	assert_int_equal(parse("not json", &out), LLM_MALFORMED);
	assert_int_equal(parse("{\"choices\":[{\"message\":{\"content\":\"cut", &out), LLM_MALFORMED);
	assert_int_equal(parse("{\"choices\":[]}", &out), LLM_MALFORMED);
	assert_int_equal(parse("{\"choices\":{}}", &out), LLM_MALFORMED);
	assert_int_equal(parse("{\"choices\":[{\"message\":{\"content\":42}}]}", &out), LLM_MALFORMED);
	assert_int_equal(parse("{\"choices\":[{\"text\":\"legacy\"}]}", &out), LLM_MALFORMED);
	assert_int_equal(parse("[1,2]", &out), LLM_MALFORMED);
	assert_int_equal(parse("{\"choices\":[{\"message\":{\"content\":\"a\\u0000b\"}}]}", &out), LLM_MALFORMED);
	assert_null(out);
	/* never past len */
	assert_int_equal(llm_parse_answer(&A, "{\"choices\":[{\"message\":{\"content\":\"x\"}}]}garbage", 41, &out), LLM_OK);
}

static void
messages_never_hold_the_key(void **state)
{
	struct llm_conf c = { "http://user:pw@example.test/v1", "sk-SECRET-KEY", "m", 3, 7, 1000, 5 };
	enum llm_err e;

	(void)state;
	for (e = LLM_OK; e <= LLM_FAILED; e++) {
		const char *m = llm_message(&A, &c, e, e == LLM_SERVER ? 503 : 401);
		assert_non_null(m);
		assert_null(strstr(m, "SECRET"));
		assert_null(strstr(m, "example.test"));
		if (e != LLM_OK)
			assert_non_null(strstr(m, "The previous summary is kept."));
	}
	assert_non_null(strstr(llm_message(&A, &c, LLM_TIMEOUT, 0), "within 7 seconds"));
	assert_non_null(strstr(llm_message(&A, &c, LLM_TOO_LARGE, 200), "larger than 1000 bytes"));
	assert_non_null(strstr(llm_message(&A, &c, LLM_SERVER, 503), "(HTTP 503)"));
}

static void
refused_connection(void **state)
{
	/* port 1 on loopback: nothing listens */
	struct llm_conf c = { "http://127.0.0.1:1/v1", "k", "m", 2, 2, 1000, 0 };
	const char *out;
	long status;

	(void)state;
	assert_int_equal(llm_chat(&A, &c, "s", "u", &out, &status), LLM_REFUSED);
	assert_int_equal(status, 0);
	assert_null(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(request_body),
		cmocka_unit_test(answers),
		cmocka_unit_test(messages_never_hold_the_key),
		cmocka_unit_test(refused_connection),
	};

	return cmocka_run_group_tests_name("llm", tests, setup, teardown);
}
