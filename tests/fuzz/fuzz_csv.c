/* fuzz_csv.c — libFuzzer target for lib/csvin.c (CSV rows of an import, L9).
 * The first byte picks the delimiter (',' ';' or tab) and whether the file is
 * read in two runs (stopped after the first record and taken up again from
 * csvin_tell's position, as an import does over several requests); the rest
 * is the file. Invariants: every record has at least one field and at most
 * CSVIN_MAX_FIELDS, each field NUL-terminated at its length and within
 * CSVIN_MAX_FIELD; lines only grow; both runs give the same records;
 * csvin_sniff returns one of the three delimiters; nothing crashes or leaks. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads every record from pos (or one, stop_after_one); returns a checksum of
 * them (lengths, bytes, lines) chained on from sum. */
static unsigned long
read_all(const char *path, const struct csvin_pos *pos, unsigned char delim, int stop_after_one,
    struct csvin_pos *next, unsigned long sum)
{
	struct csvin *c = csvin_open(path, pos, delim);
	struct csvin_rec rec;
	unsigned long last_line = 0;
	enum csvin_rc rc;
	size_t i;

	if (c == NULL)
		abort();
	while ((rc = csvin_next(c, &rec)) == CSVIN_REC) {
		if (rec.n < 1 || rec.n > CSVIN_MAX_FIELDS || rec.line < last_line)
			abort();
		last_line = rec.line;
		for (i = 0; i < rec.n; i++) {
			if (rec.len[i] > CSVIN_MAX_FIELD || rec.f[i][rec.len[i]] != '\0')
				abort();
			sum = sum * 31 + rec.len[i];
			if (rec.len[i] > 0)
				sum = sum * 31 + (unsigned char)rec.f[i][rec.len[i] - 1];
		}
		sum = sum * 31 + rec.line;
		if (stop_after_one)
			break;
	}
	if (rc == CSVIN_EIO || rc == CSVIN_ENOMEM)
		abort();
	if (next != NULL)
		csvin_tell(c, next);
	csvin_close(c);
	return sum;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char delims[] = { ',', ';', '\t' };
	char path[] = "/tmp/fuzz_csv.XXXXXX";
	struct csvin_pos pos;
	unsigned long whole, first;
	unsigned char delim, s;
	int fd;

	if (size < 1)
		return 0;
	delim = delims[data[0] % 3];
	if ((fd = mkstemp(path)) < 0)
		abort();
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	close(fd);
	s = csvin_sniff((const char *)data + 1, size - 1);
	if (s != ',' && s != ';' && s != '\t')
		abort();
	whole = read_all(path, NULL, delim, 0, NULL, 0);
	if (data[0] & 0x80) {
		/* one record, then on from where it stopped: the same records */
		first = read_all(path, NULL, delim, 1, &pos, 0);
		if (read_all(path, &pos, delim, 0, NULL, first) != whole)
			abort();
	}
	unlink(path);
	return 0;
}
