/* csvout.h — the CSV writer of every export (RFC 4180): every cell quoted,
 * quotes doubled, rows ended by CRLF; and no cell a spreadsheet could take
 * for a formula, whatever separator it reads the file with. */
#ifndef LL_CSVOUT_H
#define LL_CSVOUT_H

#include <stddef.h>

struct buf;

/* One cell, quoted. A formula start (= + - @) gets a ' put before it at the
 * start of the cell and after each ; , tab, CR or LF inside it (spaces
 * between are skipped over), and so does a tab or CR that starts the cell: "x;=cmd" is written "x;'=cmd", so a
 * spreadsheet that splits at ; sees no cell starting with =. */
void csvout_cell(struct buf *, const char *s);
/* n cells joined by "," and ended by CRLF. */
void csvout_row(struct buf *, const char *const *cells, size_t n);

#endif
