/* csvin.h — records of a CSV file read with libcsv, one at a time, each with
 * the line it starts on, and a position to go on from later (an import runs
 * over several requests): quoted fields, embedded newlines, doubled quotes,
 * a UTF-8 BOM, CRLF, LF or CR line ends, empty lines skipped. */
#ifndef LL_CSVIN_H
#define LL_CSVIN_H

#include <stddef.h>

#define CSVIN_MAX_FIELD  (1024u * 1024)   /* bytes of one field; past it reading stops */
#define CSVIN_MAX_FIELDS 1000             /* fields of a record; more are dropped */

/* Where the next record begins: byte offset and line (1-based). */
struct csvin_pos {
	unsigned long long offset;
	unsigned long      line;
	int                prev_cr;   /* the byte before offset was a CR */
};

/* One record; its memory is the reader's, until the next csvin_next. Each
 * field is NUL-terminated (a NUL inside shows in len). */
struct csvin_rec {
	char        **f;
	size_t       *len;
	size_t        n;
	unsigned long line;      /* where it starts */
	size_t        dropped;   /* fields past CSVIN_MAX_FIELDS */
};

enum csvin_rc {
	CSVIN_REC,       /* *out holds a record */
	CSVIN_EOF,       /* no more records */
	CSVIN_ETOOBIG,   /* a field over CSVIN_MAX_FIELD: nothing after it can be read */
	CSVIN_EIO,
	CSVIN_ENOMEM,
};

struct csvin;

/* A reader of path from pos (NULL: the start; a BOM there is skipped) with
 * the delimiter delim (',' ';' or '\t'). NULL when the file cannot be opened
 * or without memory. */
struct csvin *csvin_open(const char *path, const struct csvin_pos *pos, unsigned char delim);
enum csvin_rc csvin_next(struct csvin *, struct csvin_rec *out);
/* The position after the last record returned. */
void          csvin_tell(const struct csvin *, struct csvin_pos *out);
void          csvin_close(struct csvin *);
/* The delimiter a header line most likely uses: the most frequent of , ; tab
 * outside quotes (',' on a tie or none). */
unsigned char csvin_sniff(const char *line, size_t len);
/* 1 when every field is empty or only spaces: a blank line, not a record. */
int           csvin_blank(const struct csvin_rec *);

#endif
