/* fuzz_multipart.c — libFuzzer target for lib/multipart.c. The first byte
 * sets how many bytes each read hands out (windows split anywhere); the rest
 * is the body of "multipart/form-data; boundary=XyZ". Every part is read as
 * a value or saved as a file under a small limit. Invariants: names and file
 * names are valid UTF-8 without CR or LF; a value or file never exceeds its
 * limit; a save that fails leaves no file behind; nothing crashes or leaks. */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "http.h"
#include "multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct src {
	const uint8_t *p;
	size_t         len, off, step;
};

static long
src_read(void *ctx, char *buf, size_t len)
{
	struct src *s = ctx;
	size_t n = s->len - s->off;

	if (n > len)
		n = len;
	if (n > s->step)
		n = s->step;
	memcpy(buf, s->p + s->off, n);
	s->off += n;
	return (long)n;
}

static char dir[64];

static size_t
files_in_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void
check_text(const char *s)
{
	if (s != NULL && (!http_utf8_valid(s, strlen(s)) || strpbrk(s, "\r\n") != NULL))
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct src s;
	struct multipart *mp;
	struct multipart_part p;
	enum multipart_err e;
	const char *v, *path;
	size_t len, parts = 0;
	unsigned long long fsize;
	struct stat st;

	if (size < 1)
		return 0;
	if (dir[0] == '\0') {
		snprintf(dir, sizeof dir, "/tmp/ll-fuzz-multipart-%d", (int)getpid());
		mkdir(dir, 0700);
	}
	s.p = data + 1;
	s.len = size - 1;
	s.off = 0;
	s.step = (size_t)data[0] % 64 + 1;
	arena_init(&a, 16u * 1024 * 1024);
	mp = multipart_new(&a, "multipart/form-data; boundary=XyZ", src_read, &s);
	if (mp == NULL)
		__builtin_trap();
	while ((e = multipart_next(mp, &p)) == MULTIPART_OK && parts++ < 1000) {
		check_text(p.name);
		check_text(p.filename);
		if (p.filename != NULL) {
			e = multipart_save(mp, dir, 100, &path, &fsize);
			if (e == MULTIPART_OK) {
				if (stat(path, &st) != 0 || (unsigned long long)st.st_size != fsize || fsize > 100)
					__builtin_trap();
				unlink(path);
			} else if (files_in_dir() != 0) {
				__builtin_trap();
			}
		} else {
			e = multipart_value(mp, 50, &v, &len);
			if (e == MULTIPART_OK && (len > 50 || strlen(v) > len))
				__builtin_trap();
		}
	}
	if (files_in_dir() != 0)
		__builtin_trap();
	arena_free(&a);
	return 0;
}
