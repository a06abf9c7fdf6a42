/* test_log.c — lib/log.h: lines go to <dir>/<program>.log with a timestamp,
 * the program, its pid and the level. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static void
lines_go_to_the_programs_file(void **state)
{
	char dir[] = "/tmp/ll-test-log.XXXXXX", path[256], line[512], want[64];
	FILE *fp;
	int n = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	log_open(dir, "unitprog");
	log_info("hello %d", 42);
	log_warn("careful");
	log_err("broken: %s", "db");
	log_close();
	snprintf(path, sizeof path, "%s/unitprog.log", dir);
	assert_non_null(fp = fopen(path, "r"));
	snprintf(want, sizeof want, "unitprog[%d]", (int)getpid());
	while (fgets(line, sizeof line, fp) != NULL) {
		n++;
		assert_non_null(strstr(line, want));
		assert_true(line[4] == '-' && line[10] == 'T' && strchr(line, 'Z') != NULL);
	}
	fclose(fp);
	assert_int_equal(n, 3);
	fp = fopen(path, "r");
	assert_non_null(fgets(line, sizeof line, fp));
	assert_non_null(strstr(line, "info: hello 42"));
	assert_non_null(fgets(line, sizeof line, fp));
	assert_non_null(strstr(line, "warn: careful"));
	assert_non_null(fgets(line, sizeof line, fp));
	assert_non_null(strstr(line, "error: broken: db"));
	fclose(fp);
	unlink(path);
	rmdir(dir);
}

static void
a_second_open_appends(void **state)
{
	char dir[] = "/tmp/ll-test-log.XXXXXX", path[256], line[512];
	FILE *fp;
	int n = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	log_open(dir, "p");
	log_info("one");
	log_close();
	log_open(dir, "p");
	log_info("two");
	log_close();
	snprintf(path, sizeof path, "%s/p.log", dir);
	assert_non_null(fp = fopen(path, "r"));
	while (fgets(line, sizeof line, fp) != NULL)
		n++;
	fclose(fp);
	assert_int_equal(n, 2);
	unlink(path);
	rmdir(dir);
}

/* The line goes to stderr instead: stderr is pointed at a file for the call. */
static void
an_unwritable_directory_falls_back_to_stderr(void **state)
{
	char path[] = "/tmp/ll-test-log-stderr.XXXXXX", buf[512];
	int fd, saved;
	FILE *fp;
	size_t n;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	fflush(stderr);
	assert_true((saved = dup(STDERR_FILENO)) >= 0);
	assert_true(dup2(fd, STDERR_FILENO) >= 0);
	log_open("/nonexistent/dir/for/leadline", "p");
	log_info("to stderr %d", 42);
	log_close();
	fflush(stderr);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	close(fd);
	assert_non_null(fp = fopen(path, "r"));
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	unlink(path);
	assert_non_null(strstr(buf, "to stderr 42\n"));
	assert_non_null(strstr(buf, " p["));
}

/* What a request puts in a message (an email typed at the login) cannot
 * break the line or hide itself: U+0085 and U+2028 are line breaks to some
 * readers, U+202E turns the rest around. */
static void
a_message_stays_one_visible_line(void **state)
{
	char dir[] = "/tmp/ll-test-log.XXXXXX", path[256], line[512];
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	log_open(dir, "unitesc");
	log_info("login refused for %s", "a\xc2\x85" "b\xe2\x80\xa8" "c\nd\\e\xe2\x80\xae" "f\xff\x1b[31m");
	log_close();
	snprintf(path, sizeof path, "%s/unitesc.log", dir);
	assert_non_null(fp = fopen(path, "r"));
	assert_non_null(fgets(line, sizeof line, fp));
	assert_non_null(strstr(line, "info: login refused for "
	    "a\\u{0085}b\\u{2028}c\\x0ad\\\\e\\u{202E}f\\xff\\x1b[31m\n"));
	assert_null(fgets(line, sizeof line, fp));   /* one line */
	fclose(fp);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_go_to_the_programs_file),
		cmocka_unit_test(a_second_open_appends),
		cmocka_unit_test(an_unwritable_directory_falls_back_to_stderr),
		cmocka_unit_test(a_message_stays_one_visible_line),
	};

	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
