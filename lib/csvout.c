/* csvout.c — see csvout.h. libcsv (which reads the imports) has csv_write,
 * but it quotes a whole field into a buffer sized by the caller: the formula
 * guard puts characters inside the field, so the cell is written straight
 * into the response buffer here, with the same RFC 4180 quoting. */
#include "csvout.h"
#include "arena.h"

#include <string.h>

/* What a spreadsheet reads as the start of a formula; a tab or CR too at
 * the very start of a cell (some readers drop them, then see what follows). */
static int
formula_start(const char *s, const char *p)
{
	return *p == '=' || *p == '+' || *p == '-' || *p == '@' ||
	    (p == s && (*p == '\t' || *p == '\r'));
}

/* What may end a cell for a reader with another separator, or a line. */
static int
separator(char c)
{
	return c == ';' || c == ',' || c == '\t' || c == '\r' || c == '\n';
}

void
csvout_cell(struct buf *b, const char *s)
{
	const char *p;
	int at_start = 1;   /* a (possible) cell of some reader starts here */

	buf_putc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (at_start && formula_start(s, p))
			buf_putc(b, '\'');
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
		if (separator(*p))
			at_start = 1;
		else if (*p != ' ')
			at_start = 0;
	}
	buf_putc(b, '"');
}

void
csvout_row(struct buf *b, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, ',');
		csvout_cell(b, cells[i] != NULL ? cells[i] : "");
	}
	buf_puts(b, "\r\n");
}
