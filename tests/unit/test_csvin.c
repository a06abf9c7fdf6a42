/* test_csvin.c — lib/csvin.h over the corpus of tests/csv/ and small files
 * written here: fields, the line each record starts on, blank lines, the
 * BOM, CR/LF/CRLF, positions to go on from, a field over the limit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvin.h"

static char path[] = "/tmp/ll-test-csvin-XXXXXX";

static void
write_file(const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static int
setup(void **state)
{
	int fd = mkstemp(path);

	(void)state;
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

/* Reads every record of the file as "line:f1|f2|..." joined by ";". */
static void
expect_records(const char *data, size_t len, unsigned char delim, const char *want)
{
	struct csvin *r;
	struct csvin_rec rec;
	char got[4096] = "";
	size_t i;

	write_file(data, len);
	r = csvin_open(path, NULL, delim);
	assert_non_null(r);
	while (csvin_next(r, &rec) == CSVIN_REC) {
		if (csvin_blank(&rec))
			continue;
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%lu:", *got ? ";" : "", rec.line);
		for (i = 0; i < rec.n; i++)
			snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "|" : "", rec.f[i]);
	}
	csvin_close(r);
	assert_string_equal(got, want);
}

#define EXPECT(s, want) expect_records(s, sizeof s - 1, ',', want)

static void
quoting_and_lines(void **state)
{
	(void)state;
	EXPECT("a,b\nc,d\n", "1:a|b;2:c|d");
	EXPECT("a,b\r\nc,d\r\n", "1:a|b;2:c|d");
	EXPECT("a,b\rc,d\r", "1:a|b;2:c|d");
	EXPECT("a,b\nc,d", "1:a|b;2:c|d");                        /* no final newline */
	EXPECT("\xEF\xBB\xBF\"a\",b\n", "1:a|b");                  /* BOM before a quote */
	EXPECT("\"x \"\"y\"\"\",z\n", "1:x \"y\"|z");              /* doubled quotes */
	EXPECT("\"l1\nl2\",b\nc\n", "1:l1\nl2|b;3:c");              /* an embedded newline */
	EXPECT("\"l1\r\nl2\",b\r\nc\r\n", "1:l1\r\nl2|b;3:c");
	EXPECT("a\n\n\n  \nb\n", "1:a;5:b");                        /* blank lines */
	EXPECT("\n\na\n", "3:a");
	EXPECT(" a , b \n", "1:a|b");                               /* spaces around */
	EXPECT("a,,\n", "1:a||");
}

static void
delimiters(void **state)
{
	(void)state;
	assert_int_equal(csvin_sniff("a,b,c", 5), ',');
	assert_int_equal(csvin_sniff("a;b;c", 5), ';');
	assert_int_equal(csvin_sniff("a\tb\tc", 5), '\t');
	assert_int_equal(csvin_sniff("\"a;b\",c", 7), ',');
	assert_int_equal(csvin_sniff("abc", 3), ',');
	expect_records("x;y\n1;\"2;3\"\n", 12, ';', "1:x|y;2:1|2;3");
}

static void
resume_from_a_position(void **state)
{
	static const char data[] = "h1,h2\r\n\"a\nb\",1\r\n\r\nc,2\r\nd,3\r\n";
	struct csvin *r;
	struct csvin_rec rec;
	struct csvin_pos pos;

	(void)state;
	write_file(data, sizeof data - 1);
	r = csvin_open(path, NULL, ',');
	assert_int_equal(csvin_next(r, &rec), CSVIN_REC);
	assert_int_equal(csvin_next(r, &rec), CSVIN_REC);
	assert_string_equal(rec.f[0], "a\nb");
	assert_int_equal(rec.line, 2);
	csvin_tell(r, &pos);
	csvin_close(r);
	/* a new reader from there reads on as the first would have */
	r = csvin_open(path, &pos, ',');
	assert_int_equal(csvin_next(r, &rec), CSVIN_REC);
	assert_string_equal(rec.f[0], "c");
	assert_int_equal(rec.line, 5);
	assert_int_equal(csvin_next(r, &rec), CSVIN_REC);
	assert_string_equal(rec.f[0], "d");
	assert_int_equal(rec.line, 6);
	assert_int_equal(csvin_next(r, &rec), CSVIN_EOF);
	assert_int_equal(csvin_next(r, &rec), CSVIN_EOF);
	csvin_close(r);
}

static void
a_field_over_the_limit_stops_reading(void **state)
{
	size_t n = CSVIN_MAX_FIELD + 4096;
	char *big = malloc(n + 16);
	struct csvin *r;
	struct csvin_rec rec;

	(void)state;
	memcpy(big, "a\n\"", 3);
	memset(big + 3, 'x', n);
	write_file(big, n + 3);
	free(big);
	r = csvin_open(path, NULL, ',');
	assert_int_equal(csvin_next(r, &rec), CSVIN_REC);
	assert_int_equal(csvin_next(r, &rec), CSVIN_ETOOBIG);
	assert_int_equal(csvin_next(r, &rec), CSVIN_ETOOBIG);
	csvin_close(r);
}

static void
the_corpus_reads(void **state)
{
	static const char *const files[] = { "quoting-bom-lf.csv", "crlf.csv", "b2b-group.csv",
	    "skips.csv", "b2c.csv", "semicolon.csv" };
	static const size_t records[] = { 4, 4, 7, 10, 5, 2 };
	const char *root = getenv("LL_ROOT");
	size_t i, n;
	struct csvin_rec rec;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		char p[1024];
		snprintf(p, sizeof p, "%s/tests/csv/%s", root ? root : ".", files[i]);
		struct csvin *r = csvin_open(p, NULL, i == 5 ? ';' : ',');
		assert_non_null(r);
		for (n = 0; csvin_next(r, &rec) == CSVIN_REC;)
			if (!csvin_blank(&rec))
				n++;
		print_message("%s: %zu records\n", files[i], n);
		assert_int_equal(n, records[i]);
		csvin_close(r);
	}
}

static void
no_file(void **state)
{
	(void)state;
	assert_null(csvin_open("/nonexistent/ll/file.csv", NULL, ','));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoting_and_lines),
		cmocka_unit_test(delimiters),
		cmocka_unit_test(resume_from_a_position),
		cmocka_unit_test(a_field_over_the_limit_stops_reading),
		cmocka_unit_test(the_corpus_reads),
		cmocka_unit_test(no_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
