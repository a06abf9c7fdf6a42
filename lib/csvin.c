/* csvin.c — see csvin.h. libcsv parses (Debian's libcsv-dev); this file
 * feeds it one line end at a time, so that after each piece it knows whether
 * a record ended there and at which byte: the position an import stores
 * between two batches. */
#include "csvin.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSVIN_CHUNK (64u * 1024)

struct csvin {
	FILE              *fp;
	struct csv_parser  p;
	char              *chunk;
	size_t             clen, cpos;
	int                eof, fini, err;
	struct csvin_pos   pos;            /* of chunk[cpos] */
	struct csvin_pos   done;           /* after the last record returned */
	int                need_start;     /* the next non-newline byte starts a record */
	unsigned long      rec_line;
	int                complete;       /* a record ended in the last piece */
	/* the record being read: fields as offsets into data */
	char              *data;
	size_t             dlen, dcap;
	size_t            *off, *flen;
	char             **f;
	size_t             nf, fcap, dropped;
};

/* libcsv grows its field buffer through this: past the limit it fails, and
 * csv_parse reports CSV_ENOMEM, so a quote never closed cannot make a worker
 * hold the rest of a 50 MB file. */
static void *
csvin_realloc(void *p, size_t n)
{
	return n > CSVIN_MAX_FIELD + 1024 ? NULL : realloc(p, n);
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csvin *r = data;
	size_t *o, *l;
	char *d;

	if (r->err)
		return;
	if (r->nf >= CSVIN_MAX_FIELDS) {
		r->dropped++;
		return;
	}
	if (r->nf == r->fcap) {
		size_t cap = r->fcap ? 2 * r->fcap : 16;
		if ((o = realloc(r->off, cap * sizeof *o)) == NULL) {
			r->err = CSVIN_ENOMEM;
			return;
		}
		r->off = o;
		if ((l = realloc(r->flen, cap * sizeof *l)) == NULL) {
			r->err = CSVIN_ENOMEM;
			return;
		}
		r->flen = l;
		r->fcap = cap;
	}
	if (r->dlen + len + 1 > r->dcap) {
		size_t cap = r->dcap ? r->dcap : 1024;
		while (cap < r->dlen + len + 1)
			cap *= 2;
		if ((d = realloc(r->data, cap)) == NULL) {
			r->err = CSVIN_ENOMEM;
			return;
		}
		r->data = d;
		r->dcap = cap;
	}
	if (len > 0)
		memcpy(r->data + r->dlen, s, len);
	r->data[r->dlen + len] = '\0';
	r->off[r->nf] = r->dlen;
	r->flen[r->nf++] = len;
	r->dlen += len + 1;
}

static void
on_record(int c, void *data)
{
	struct csvin *r = data;

	(void)c;
	r->complete = 1;
}

static int
csvin_space(unsigned char c)
{
	return c == ' ' || c == '\t';
}

struct csvin *
csvin_open(const char *path, const struct csvin_pos *pos, unsigned char delim)
{
	struct csvin *r = calloc(1, sizeof *r);
	char bom[3];

	if (r == NULL)
		return NULL;
	if ((r->chunk = malloc(CSVIN_CHUNK)) == NULL || (r->fp = fopen(path, "rb")) == NULL) {
		free(r->chunk);
		free(r);
		return NULL;
	}
	if (csv_init(&r->p, 0) != 0) {
		fclose(r->fp);
		free(r->chunk);
		free(r);
		return NULL;
	}
	csv_set_delim(&r->p, delim);
	csv_set_realloc_func(&r->p, csvin_realloc);
	csv_set_space_func(&r->p, csvin_space);
	if (pos != NULL && pos->offset > 0) {
		r->pos = *pos;
		if (fseeko(r->fp, (off_t)pos->offset, SEEK_SET) != 0) {
			csvin_close(r);
			return NULL;
		}
	} else {
		r->pos.line = 1;
		if (fread(bom, 1, 3, r->fp) == 3 && memcmp(bom, "\xEF\xBB\xBF", 3) == 0)
			r->pos.offset = 3;
		else
			rewind(r->fp);
	}
	r->done = r->pos;
	r->need_start = 1;
	return r;
}

void
csvin_close(struct csvin *r)
{
	if (r == NULL)
		return;
	csv_free(&r->p);
	if (r->fp != NULL)
		fclose(r->fp);
	free(r->chunk);
	free(r->data);
	free(r->off);
	free(r->flen);
	free(r->f);
	free(r);
}

void
csvin_tell(const struct csvin *r, struct csvin_pos *out)
{
	*out = r->done;
}

static enum csvin_rc
emit(struct csvin *r, struct csvin_rec *out)
{
	size_t i;

	if (r->nf > 0 && r->fcap > 0) {
		char **f = realloc(r->f, r->fcap * sizeof *f);
		if (f == NULL)
			return CSVIN_ENOMEM;
		r->f = f;
		for (i = 0; i < r->nf; i++)
			r->f[i] = r->data + r->off[i];
	}
	out->f = r->f;
	out->len = r->flen;
	out->n = r->nf;
	out->line = r->rec_line;
	out->dropped = r->dropped;
	r->done = r->pos;
	r->complete = 0;
	r->need_start = 1;
	return CSVIN_REC;
}

enum csvin_rc
csvin_next(struct csvin *r, struct csvin_rec *out)
{
	size_t n, i, k;
	const char *s;

	if (r->err)
		return (enum csvin_rc)r->err;
	r->nf = r->dlen = r->dropped = 0;
	memset(out, 0, sizeof *out);
	for (;;) {
		if (r->cpos == r->clen) {
			if (r->eof) {
				if (r->fini)
					return CSVIN_EOF;
				r->fini = 1;
				csv_fini(&r->p, on_field, on_record, r);
				if (r->err)
					return (enum csvin_rc)r->err;
				if (r->complete)
					return emit(r, out);
				return CSVIN_EOF;
			}
			r->clen = fread(r->chunk, 1, CSVIN_CHUNK, r->fp);
			r->cpos = 0;
			if (r->clen == 0) {
				if (ferror(r->fp))
					return (enum csvin_rc)(r->err = CSVIN_EIO);
				r->eof = 1;
			}
			continue;
		}
		/* a piece: bytes up to and including the next line end */
		s = r->chunk + r->cpos;
		n = r->clen - r->cpos;
		for (i = 0; i < n && s[i] != '\n' && s[i] != '\r'; i++)
			;
		k = i < n ? i + 1 : n;
		if (i > 0) {
			if (r->need_start) {
				r->rec_line = r->pos.line;
				r->need_start = 0;
			}
			r->pos.prev_cr = 0;
		}
		if (csv_parse(&r->p, s, k, on_field, on_record, r) != k) {
			r->err = csv_error(&r->p) == CSV_ENOMEM ? CSVIN_ETOOBIG : CSVIN_ENOMEM;
			return (enum csvin_rc)r->err;
		}
		if (r->err)
			return (enum csvin_rc)r->err;
		/* a line of spaces only: libcsv read it as nothing, no record began */
		if (!r->complete && r->nf == 0 && r->p.pstate == 0)
			r->need_start = 1;
		if (i < n) {
			if (s[i] == '\r')
				r->pos.line++;
			else if (!r->pos.prev_cr)
				r->pos.line++;
			r->pos.prev_cr = s[i] == '\r';
		}
		r->cpos += k;
		r->pos.offset += k;
		if (r->complete)
			return emit(r, out);
	}
}

unsigned char
csvin_sniff(const char *line, size_t len)
{
	size_t i, comma = 0, semi = 0, tab = 0;
	int quoted = 0;

	for (i = 0; i < len && line[i] != '\n' && line[i] != '\r'; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (!quoted && line[i] == ',')
			comma++;
		else if (!quoted && line[i] == ';')
			semi++;
		else if (!quoted && line[i] == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

int
csvin_blank(const struct csvin_rec *rec)
{
	size_t i, j;

	for (i = 0; i < rec->n; i++)
		for (j = 0; j < rec->len[i]; j++)
			if (rec->f[i][j] != ' ' && rec->f[i][j] != '\t')
				return 0;
	return 1;
}
