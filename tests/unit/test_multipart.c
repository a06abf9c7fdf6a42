/* test_multipart.c — lib/multipart.h: fields and files of multipart/form-data
 * bodies read through windows of every size, files streamed to disk, limits
 * and malformed bodies leaving nothing behind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "multipart.h"

static struct arena A;
static char dir[] = "/tmp/ll-test-multipart-XXXXXX";

/* The body as a stream that hands out at most `step` bytes per read. */
struct src {
	const char *data;
	size_t      len, off, step;
	int         fail_at;    /* a read error once off reaches it (0: never) */
};

static long
src_read(void *ctx, char *buf, size_t len)
{
	struct src *s = ctx;
	size_t n = s->len - s->off;

	if (s->fail_at && s->off >= (size_t)s->fail_at)
		return -1;
	if (n > len)
		n = len;
	if (n > s->step)
		n = s->step;
	memcpy(buf, s->data + s->off, n);
	s->off += n;
	return (long)n;
}

static const char CT[] = "multipart/form-data; boundary=----llB0undary";

#define PART(name, value) "------llB0undary\r\nContent-Disposition: form-data; name=\"" name \
	"\"\r\n\r\n" value "\r\n"
#define FILEPART(name, fname, value) "------llB0undary\r\nContent-Disposition: form-data; name=\"" \
	name "\"; filename=\"" fname "\"\r\nContent-Type: text/csv\r\n\r\n" value "\r\n"
#define CLOSE "------llB0undary--\r\n"

static int
setup(void **state)
{
	(void)state;
	arena_init(&A, 0);
	if (mkdtemp(dir) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&A);
	rmdir(dir);
	return 0;
}

static size_t
files_in_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *b;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	b = malloc((size_t)n + 1);
	assert_int_equal(fread(b, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return b;
}

static const size_t steps[] = { 1, 2, 3, 7, 16, 17, 100, 4096, 1 << 20 };

static void
fields_and_file_at_every_window(void **state)
{
	static const char body[] = "preamble to ignore\r\n"
	    PART("csrf", "tok123")
	    PART("note", "two\r\nlines")
	    FILEPART("file", "leads.csv", "a,b\r\n1,\"2\r\n--x\"\r\n\r\n-----llB0undar\r\n")
	    PART("after", "x")
	    CLOSE "epilogue";
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct src s = { body, sizeof body - 1, 0, steps[i], 0 };
		struct multipart *mp = multipart_new(&A, CT, src_read, &s);
		struct multipart_part p;
		const char *v, *path;
		unsigned long long size;
		char *got;

		assert_non_null(mp);
		assert_null(multipart_current(mp));
		assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
		assert_string_equal(p.name, "csrf");
		assert_null(p.filename);
		assert_int_equal(multipart_value(mp, 100, &v, &len), MULTIPART_OK);
		assert_string_equal(v, "tok123");
		assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
		assert_string_equal(p.name, "note");
		assert_int_equal(multipart_value(mp, 100, &v, &len), MULTIPART_OK);
		assert_string_equal(v, "two\r\nlines");
		assert_int_equal(len, 10);
		assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
		assert_string_equal(p.name, "file");
		assert_string_equal(p.filename, "leads.csv");
		assert_string_equal(p.type, "text/csv");
		assert_non_null(multipart_current(mp));
		assert_int_equal(multipart_save(mp, dir, 1000, &path, &size), MULTIPART_OK);
		got = slurp(path, &len);
		assert_int_equal(len, size);
		assert_memory_equal(got, "a,b\r\n1,\"2\r\n--x\"\r\n\r\n-----llB0undar\r\n", len);
		assert_int_equal(len, 35);
		free(got);
		unlink(path);
		assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
		assert_string_equal(p.name, "after");
		assert_int_equal(multipart_next(mp, &p), MULTIPART_END);
		assert_int_equal(multipart_next(mp, &p), MULTIPART_END);
		assert_null(multipart_current(mp));
		assert_true(multipart_consumed(mp) >= sizeof body - 1 - 10);
		arena_reset(&A);
	}
	assert_int_equal(files_in_dir(), 0);
}

static void
binary_file_with_nul_bytes_kept(void **state)
{
	char body[400], content[256];
	size_t n, len, i;
	const char *path;
	unsigned long long size;
	struct multipart_part p;
	char *got;

	(void)state;
	for (i = 0; i < sizeof content; i++)
		content[i] = (char)i;
	n = (size_t)sprintf(body, "------llB0undary\r\nContent-Disposition: form-data; name=\"f\"; "
	    "filename=\"b.bin\"\r\n\r\n");
	memcpy(body + n, content, sizeof content);
	n += sizeof content;
	memcpy(body + n, "\r\n" CLOSE, sizeof "\r\n" CLOSE - 1);
	n += sizeof "\r\n" CLOSE - 1;
	struct src s = { body, n, 0, 5, 0 };
	struct multipart *mp = multipart_new(&A, CT, src_read, &s);
	assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
	assert_int_equal(multipart_save(mp, dir, sizeof content, &path, &size), MULTIPART_OK);
	assert_int_equal(size, sizeof content);
	got = slurp(path, &len);
	assert_memory_equal(got, content, sizeof content);
	free(got);
	unlink(path);
}

static void
file_over_the_limit_leaves_nothing(void **state)
{
	static const char body[] = FILEPART("file", "big.csv", "0123456789abcdef") CLOSE;
	struct multipart_part p;
	const char *path = "x";
	unsigned long long size = 1;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct src s = { body, sizeof body - 1, 0, steps[i], 0 };
		struct multipart *mp = multipart_new(&A, CT, src_read, &s);
		assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
		assert_int_equal(multipart_save(mp, dir, 15, &path, &size), MULTIPART_ETOOBIG);
		assert_null(path);
		assert_int_equal(size, 0);
		assert_int_equal(files_in_dir(), 0);
		/* exactly at the limit is fine */
		s.off = 0;
		mp = multipart_new(&A, CT, src_read, &s);
		assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
		assert_int_equal(multipart_save(mp, dir, 16, &path, &size), MULTIPART_OK);
		assert_int_equal(size, 16);
		unlink(path);
	}
}

static void
truncated_or_failing_body_leaves_nothing(void **state)
{
	static const char body[] = FILEPART("file", "t.csv", "some,data\r\nmore,data\r\n");
	struct multipart_part p;
	const char *path;
	unsigned long long size;

	(void)state;
	/* the stream ends inside the file (no closing boundary) */
	struct src s = { body, sizeof body - 1 - 10, 0, 3, 0 };
	struct multipart *mp = multipart_new(&A, CT, src_read, &s);
	assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
	assert_int_equal(multipart_save(mp, dir, 1000, &path, &size), MULTIPART_EMALFORMED);
	assert_null(path);
	assert_int_equal(files_in_dir(), 0);
	assert_int_equal(multipart_next(mp, &p), MULTIPART_EMALFORMED);
	/* a read error half-way */
	struct src f = { body, sizeof body - 1, 0, 4, 112 };
	mp = multipart_new(&A, CT, src_read, &f);
	assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
	assert_int_equal(multipart_save(mp, dir, 1000, &path, &size), MULTIPART_EIO);
	assert_int_equal(files_in_dir(), 0);
}

static void
value_over_max_is_too_big_and_reading_goes_on(void **state)
{
	static const char body[] = PART("a", "0123456789") PART("b", "ok") CLOSE;
	struct src s = { body, sizeof body - 1, 0, 3, 0 };
	struct multipart *mp = multipart_new(&A, CT, src_read, &s);
	struct multipart_part p;
	const char *v;
	size_t len;

	(void)state;
	assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
	assert_int_equal(multipart_value(mp, 9, &v, &len), MULTIPART_ETOOBIG);
	assert_null(v);
	assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
	assert_string_equal(p.name, "b");
	assert_int_equal(multipart_value(mp, 2, &v, &len), MULTIPART_OK);
	assert_string_equal(v, "ok");
	assert_int_equal(multipart_next(mp, &p), MULTIPART_END);
}

static void
unread_parts_are_skipped(void **state)
{
	static const char body[] = PART("a", "aaaa") FILEPART("f", "x.csv", "1,2,3") PART("c", "c") CLOSE;
	struct src s = { body, sizeof body - 1, 0, 2, 0 };
	struct multipart *mp = multipart_new(&A, CT, src_read, &s);
	struct multipart_part p;

	(void)state;
	assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
	assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
	assert_string_equal(p.filename, "x.csv");
	assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
	assert_string_equal(p.name, "c");
	assert_int_equal(multipart_next(mp, &p), MULTIPART_END);
}

static void
content_types(void **state)
{
	struct src s = { "", 0, 0, 1, 0 };

	(void)state;
	assert_null(multipart_new(&A, NULL, src_read, &s));
	assert_null(multipart_new(&A, "application/x-www-form-urlencoded", src_read, &s));
	assert_null(multipart_new(&A, "multipart/form-data", src_read, &s));
	assert_null(multipart_new(&A, "multipart/form-data; boundary=", src_read, &s));
	assert_null(multipart_new(&A, "multipart/form-data; boundary=\"abc", src_read, &s));
	assert_null(multipart_new(&A, "multipart/form-data; boundary="
	    "12345678901234567890123456789012345678901234567890123456789012345678901", src_read, &s));
	assert_non_null(multipart_new(&A, "multipart/form-data; boundary="
	    "1234567890123456789012345678901234567890123456789012345678901234567890", src_read, &s));
	assert_non_null(multipart_new(&A, "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"", src_read, &s));
	assert_non_null(multipart_new(&A, "multipart/form-data;boundary=xyz", src_read, &s));
}

static void
quoted_boundary_and_padding(void **state)
{
	static const char body[] = "--a b  \r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a b--";
	struct src s = { body, sizeof body - 1, 0, 1, 0 };
	struct multipart *mp = multipart_new(&A, "multipart/form-data; boundary=\"a b\"", src_read, &s);
	struct multipart_part p;
	const char *v;
	size_t len;

	(void)state;
	assert_int_equal(multipart_next(mp, &p), MULTIPART_OK);
	assert_string_equal(p.name, "x");
	assert_int_equal(multipart_value(mp, 10, &v, &len), MULTIPART_OK);
	assert_string_equal(v, "1");
	assert_int_equal(multipart_next(mp, &p), MULTIPART_END);
}

static void
malformed_bodies(void **state)
{
	static const char *const bad[] = {
		"",                                                    /* no boundary at all */
		"------llB0undary",                                    /* ends after it */
		"------llB0undaryXX\r\n",                              /* junk after the boundary */
		"------llB0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n",  /* no blank line */
		"------llB0undary\r\nContent-Disposition: form-data\r\n\r\nx\r\n" CLOSE,   /* no name */
		"------llB0undary\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n" CLOSE,
		"------llB0undary\r\nNo colon here\r\n\r\nx\r\n" CLOSE,
		"------llB0undary\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n" CLOSE,
		"------llB0undary\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\nx\r\n" CLOSE,
		"------llB0undary\r\nContent-Disposition: form-data; name=\"a\"; filename=\"\x01\"\r\n\r\nx\r\n" CLOSE,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct src s = { bad[i], strlen(bad[i]), 0, 3, 0 };
		struct multipart *mp = multipart_new(&A, CT, src_read, &s);
		struct multipart_part p;
		enum multipart_err e = multipart_next(mp, &p);
		print_message("case %zu\n", i);
		assert_int_equal(e, MULTIPART_EMALFORMED);
		assert_int_equal(multipart_next(mp, &p), MULTIPART_EMALFORMED);
	}
}

static void
header_block_over_the_limit(void **state)
{
	size_t n = MULTIPART_MAX_HEADER + 200;
	char *body = malloc(n + 200);
	int k;

	(void)state;
	k = sprintf(body, "------llB0undary\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Long: ");
	memset(body + k, 'x', n);
	strcpy(body + k + n, "\r\n\r\nv\r\n" CLOSE);
	struct src s = { body, strlen(body), 0, 1000, 0 };
	struct multipart *mp = multipart_new(&A, CT, src_read, &s);
	struct multipart_part p;
	assert_int_equal(multipart_next(mp, &p), MULTIPART_EMALFORMED);
	free(body);
}

static void
err_strings(void **state)
{
	int e;

	(void)state;
	for (e = 0; e < MULTIPART__MAX; e++)
		assert_true(strlen(multipart_err_str((enum multipart_err)e)) > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_and_file_at_every_window),
		cmocka_unit_test(binary_file_with_nul_bytes_kept),
		cmocka_unit_test(file_over_the_limit_leaves_nothing),
		cmocka_unit_test(truncated_or_failing_body_leaves_nothing),
		cmocka_unit_test(value_over_max_is_too_big_and_reading_goes_on),
		cmocka_unit_test(unread_parts_are_skipped),
		cmocka_unit_test(content_types),
		cmocka_unit_test(quoted_boundary_and_padding),
		cmocka_unit_test(malformed_bodies),
		cmocka_unit_test(header_block_over_the_limit),
		cmocka_unit_test(err_strings),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
