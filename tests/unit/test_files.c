/* test_files.c — lib/files.h without a database: the download's
 * Content-Disposition (RFC 6266 / 5987) and Content-Type, categories of media types, and the
 * files of a form (files_receive, files_place, files_unreceive) against a
 * store in a temp dir: limits, refusals leaving nothing, the same bytes kept once. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "conf.h"
#include "files.h"
#include "multipart.h"

static struct arena a;

static void
disp(const char *name, const char *want)
{
	arena_init(&a, 0);
	assert_string_equal(files_disposition(&a, name), want);
	arena_free(&a);
}

/* What a download is sent as: only types no browser runs as a script. */
static void
download_types(void **state)
{
	(void)state;
	assert_string_equal(files_download_type("application/javascript"), "application/octet-stream");
	assert_string_equal(files_download_type("text/javascript"), "application/octet-stream");
	assert_string_equal(files_download_type("text/html"), "application/octet-stream");
	assert_string_equal(files_download_type("image/svg+xml"), "application/octet-stream");
	assert_string_equal(files_download_type("text/xml"), "application/octet-stream");
	assert_string_equal(files_download_type("application/xhtml+xml"), "application/octet-stream");
	assert_string_equal(files_download_type("application/wasm"), "application/octet-stream");
	assert_string_equal(files_download_type(""), "application/octet-stream");
	assert_string_equal(files_download_type(NULL), "application/octet-stream");
	assert_string_equal(files_download_type("image/png; x=1"), "application/octet-stream");
	assert_string_equal(files_download_type("text/plain"), "text/plain; charset=utf-8");
	assert_string_equal(files_download_type("text/x-shellscript"), "text/plain; charset=utf-8");
	assert_string_equal(files_download_type("text/csv"), "text/plain; charset=utf-8");
	assert_string_equal(files_download_type("image/png"), "image/png");
	assert_string_equal(files_download_type("image/jpeg"), "image/jpeg");
	assert_string_equal(files_download_type("application/pdf"), "application/pdf");
}

static void
plain_ascii_name(void **state)
{
	(void)state;
	disp("report.pdf", "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
	disp("Q3 plan (v2).xlsx",
	    "attachment; filename=\"Q3 plan (v2).xlsx\"; filename*=UTF-8''Q3%20plan%20%28v2%29.xlsx");
}

static void
non_ascii_is_one_underscore_per_character(void **state)
{
	(void)state;
	disp("Résumé €.pdf",
	    "attachment; filename=\"R_sum_ _.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%82%AC.pdf");
}

static void
hostile_names_are_safe(void **state)
{
	(void)state;
	disp("../../etc/passwd", "attachment; filename=\".._.._etc_passwd\"; filename*=UTF-8''.._.._etc_passwd");
	disp("a\r\nSet-Cookie: x=1", "attachment; filename=\"a__Set-Cookie: x=1\"; "
	    "filename*=UTF-8''a__Set-Cookie%3A%20x%3D1");
	disp("q\"u\\o%te", "attachment; filename=\"q_u_o_te\"; filename*=UTF-8''q%22u_o%25te");
	disp("", "attachment; filename=\"download\"; filename*=UTF-8''download");
	/* a right-to-left override (U+202E) or a zero-width space would make the
	 * saved name read otherwise than it is */
	disp("uni\xe2\x80\xaeLMTH.exe", "attachment; filename=\"uni_LMTH.exe\"; filename*=UTF-8''uni_LMTH.exe");
	disp("a\xe2\x80\x8b\xe2\x81\xa6" "b.pdf", "attachment; filename=\"a__b.pdf\"; filename*=UTF-8''a__b.pdf");
}

static void
categories(void **state)
{
	(void)state;
	assert_string_equal(files_category("application/pdf"), "pdf");
	assert_string_equal(files_category("image/png"), "image");
	assert_string_equal(files_category("text/csv"), "spreadsheet");
	assert_string_equal(files_category("text/plain"), "text");
	assert_string_equal(files_category("application/zip"), "archive");
	assert_string_equal(files_category(
	    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "document");
	assert_string_equal(files_category("application/vnd.ms-powerpoint"), "presentation");
	assert_string_equal(files_category("audio/mpeg"), "audio");
	assert_string_equal(files_category("video/mp4"), "video");
	assert_string_equal(files_category("application/octet-stream"), "other");
	assert_string_equal(files_category(NULL), "other");
	assert_int_equal(files_cat_of("presentation"), FILES_PRESENTATION);
	assert_int_equal(files_cat_of("pdfs"), -1);
}

/* A multipart body read from memory. */
struct body {
	const char *p;
	size_t      len, pos;
};

static long
body_read(void *ctx, char *buf, size_t len)
{
	struct body *b = ctx;
	size_t n = b->len - b->pos < len ? b->len - b->pos : len;

	memcpy(buf, b->p + b->pos, n);
	b->pos += n;
	return (long)n;
}

static char store[64];

/* Files in a directory (recursively), not counting directories. */
static int
count_files(const char *dir)
{
	char path[512];
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);
	int n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			n += count_files(path);
		else
			n++;
	}
	closedir(d);
	return n;
}

#define BOUNDARY "XyZ"
#define FIELD(n, v) "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"" n "\"\r\n\r\n" v "\r\n"
#define FILE_PART(n, f, v) "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"" n \
	"\"; filename=\"" f "\"\r\nContent-Type: text/plain\r\n\r\n" v "\r\n"
#define END "--" BOUNDARY "--\r\n"

/* files_receive over body, positioned as lib/req leaves it: at the first file part. */
static enum files_rc
receive(const char *text, unsigned long long each, unsigned long long all, struct files_batch *b)
{
	static struct body body;
	struct multipart *mp;
	struct multipart_part part;

	body = (struct body){ text, strlen(text), 0 };
	mp = multipart_new(&a, "multipart/form-data; boundary=" BOUNDARY, body_read, &body);
	assert_non_null(mp);
	while (multipart_next(mp, &part) == MULTIPART_OK)
		if (part.filename != NULL)
			return files_receive(&a, mp, "file", each, all, b);
	return files_receive(&a, NULL, "file", each, all, b);
}

static char tmpdir[128];

static void
receive_and_place(void **state)
{
	struct files_batch b;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(receive(FIELD("csrf", "t") FILE_PART("file", "a.txt", "alpha\n")
	    FILE_PART("file", "", "") FILE_PART("file", "b.txt", "bravo bravo\n") END, 100, 100, &b), FILES_OK);
	assert_int_equal(b.n, 2);   /* the empty input is no file */
	assert_string_equal(b.f[0].name, "a.txt");
	assert_string_equal(b.f[1].name, "b.txt");
	assert_int_equal(b.f[0].size, 6);
	assert_int_equal(b.f[1].size, 12);
	/* sha256("alpha\n") */
	assert_string_equal(b.f[0].sha256, "b6a98d9ce9a2d9149288fa3df42d377c3e42737afdcdaf714e33c0a100b51060");
	assert_string_equal(b.f[0].sniffed_type, "text/plain");
	assert_string_equal(b.f[0].category, "text");
	assert_int_equal(count_files(tmpdir), 2);       /* still temp files */
	assert_int_equal(count_files(store), 2);
	assert_int_equal(files_place(&a, &b), DB_OK);
	assert_null(b.f[0].tmp);
	assert_int_equal(count_files(tmpdir), 0);
	assert_int_equal(count_files(store), 2);        /* two blobs */
	assert_true(b.f[0].created && b.f[1].created);
	files_unreceive(&b);                            /* the rows failed: the blobs go */
	assert_int_equal(count_files(store), 0);
	arena_free(&a);
}

static void
same_bytes_kept_once_and_not_removed_by_another(void **state)
{
	struct files_batch b1, b2;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(receive(FIELD("csrf", "t") FILE_PART("file", "one.txt", "same\n") END, 100, 100, &b1), FILES_OK);
	assert_int_equal(files_place(&a, &b1), DB_OK);
	assert_int_equal(receive(FIELD("csrf", "t") FILE_PART("file", "two.txt", "same\n") END, 100, 100, &b2), FILES_OK);
	assert_int_equal(files_place(&a, &b2), DB_OK);
	assert_true(b1.f[0].created);
	assert_false(b2.f[0].created);                  /* the blob was there */
	assert_int_equal(count_files(store), 1);
	files_unreceive(&b2);                           /* leaves the blob it did not make */
	assert_int_equal(count_files(store), 1);
	files_unreceive(&b1);
	assert_int_equal(count_files(store), 0);
	arena_free(&a);
}

static void
refusals_leave_nothing(void **state)
{
	struct files_batch b;
	int st;

	(void)state;
	arena_init(&a, 0);
	/* the second file over its limit of 8 bytes: the first one's temp file goes too */
	assert_int_equal(receive(FILE_PART("file", "a.txt", "small") FILE_PART("file", "b.txt", "too large!") END,
	    8, 100, &b), FILES_TOO_BIG);
	assert_int_equal(count_files(store), 0);
	/* 6 + 6 bytes over 10 together */
	assert_int_equal(receive(FILE_PART("file", "a.txt", "sixsix") FILE_PART("file", "b.txt", "sixsix") END,
	    8, 10, &b), FILES_TOO_BIG_ALL);
	assert_int_equal(count_files(store), 0);
	/* a field after the files, a file under another name */
	assert_int_equal(receive(FILE_PART("file", "a.txt", "x") FIELD("text", "late") END, 8, 10, &b), FILES_BAD_FORM);
	assert_int_equal(receive(FILE_PART("attachment", "a.txt", "x") END, 8, 10, &b), FILES_BAD_FORM);
	assert_int_equal(count_files(store), 0);
	/* no files at all */
	assert_int_equal(receive(FIELD("csrf", "t") END, 8, 10, &b), FILES_OK);
	assert_int_equal(b.n, 0);
	assert_int_equal(files_refusal(FILES_TOO_BIG, 1, &st) != NULL, 1);
	assert_int_equal(st, 413);
	assert_non_null(strstr(files_refusal(FILES_TOO_BIG, 1, &st), "5 MB"));
	assert_non_null(strstr(files_refusal(FILES_TOO_BIG_ALL, 0, &st), "25 MB"));
	assert_int_equal(st, 413);
	files_refusal(FILES_DISK_FULL, 0, &st);
	assert_int_equal(st, 507);
	files_refusal(FILES_UNWRITABLE, 0, &st);
	assert_int_equal(st, 503);
	arena_free(&a);
}

static char confpath[96];

/* A configuration of its own: only the store, in a temp dir. */
static int
store_setup(void **state)
{
	char err[256];
	FILE *fp;

	(void)state;
	strcpy(store, "/tmp/test_files.XXXXXX");
	if (mkdtemp(store) == NULL)
		return -1;
	snprintf(tmpdir, sizeof tmpdir, "%s/tmp", store);
	snprintf(confpath, sizeof confpath, "%s.conf", store);
	if ((fp = fopen(confpath, "w")) == NULL)
		return -1;
	fprintf(fp, "file_store = %s\n", store);
	fclose(fp);
	setenv("LEADLINE_FILE_STORE", store, 1);
	if (conf_load(confpath, err, sizeof err) != 0) {
		fprintf(stderr, "conf_load: %s\n", err);
		return -1;
	}
	return 0;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static int
store_teardown(void **state)
{
	(void)state;
	unlink(confpath);
	/* the tests leave no file; their ab/cd directories stay: remove them */
	return nftw(store, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

int
main(void)
{
	const struct CMUnitTest store_tests[] = {
		cmocka_unit_test(receive_and_place),
		cmocka_unit_test(same_bytes_kept_once_and_not_removed_by_another),
		cmocka_unit_test(refusals_leave_nothing),
	};
	int rc;

	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_ascii_name),
		cmocka_unit_test(non_ascii_is_one_underscore_per_character),
		cmocka_unit_test(hostile_names_are_safe),
		cmocka_unit_test(categories),
		cmocka_unit_test(download_types),
	};

	rc = cmocka_run_group_tests_name("files", tests, NULL, NULL);
	return rc + cmocka_run_group_tests_name("files_store", store_tests, store_setup, store_teardown);
}
