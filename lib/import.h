/* import.h — CSV imports of companies and people as leads and contacts (L9),
 * as Close imports companies as leads: in b2b rows with the same company
 * become one lead with several contacts, and a company that already is a
 * lead (same name, ignoring case and surrounding spaces) receives the new
 * contacts ("merged"); in b2c each row is a lead with its one contact.
 *
 * An import is a job in the database: made from an uploaded file, mapped by
 * the user, then run in batches of rows, each batch one transaction that also
 * records how far the import went. A re-import merges: contacts are
 * deduplicated by name and email within a lead. */
#ifndef LL_IMPORT_H
#define LL_IMPORT_H

#include <stddef.h>

#include "ids.h"

struct arena;

#define IMPORT_MAX_BYTES   (50ull * 1024 * 1024)   /* the largest file */
#define IMPORT_MAX_LABEL   "50 MB"
#define IMPORT_MAX_COLUMNS 100
#define IMPORT_BATCH       1024                    /* rows per transaction */

enum import_rc {
	IMPORT_OK = 0,
	IMPORT_INVALID,    /* the file or the mapping is refused: *msg says why */
	IMPORT_NOT_FOUND,  /* no such import in this organization */
	IMPORT_CONFLICT,   /* not in the state this needs (mapped twice, stopped...) */
	IMPORT_DOWN,       /* the database is down */
	IMPORT_ERROR,      /* anything else; logged */
};

/* What a column can become. The value is what the mapping form sends. */
struct import_choice {
	const char *value;   /* "ignore", "lead_name" ... or a custom field's cf_ id */
	const char *label;
	const char *group;   /* "Lead", "Contact", "Custom field", or "" */
};

struct import_column {
	const char *header;
	const char *sample;   /* the first data row's value */
	const char *target;   /* a choice's value */
};

struct import_job {
	long long             id;
	const char           *pid;
	const char           *file_name;
	const char           *state;       /* mapping running done stopped failed */
	const char           *message;     /* why it failed or stopped, or "" */
	const char           *user_name;   /* who imported */
	const char           *date_created;
	long long             size;
	long long             rows_total, rows_done, next_line;
	long long             leads_created, leads_merged, contacts_created, rows_skipped;
	struct import_column *cols;
	size_t                ncols;
};

struct import_skip {
	long long   line;
	const char *reason;
};

/* The directory uploads are written to: <file_store>/tmp, made if missing.
 * NULL when it cannot be made. */
const char    *import_tmp_dir(struct arena *);
/*
 * A new import of the uploaded file at path (in import_tmp_dir; it becomes the
 * import's and is removed when the import ends). Reads its header row (the
 * first line that is not blank), the first data row and the count of rows;
 * guesses each column's target from its header. IMPORT_INVALID with *msg
 * (an empty file, no header, a header that is not UTF-8, too many columns):
 * then the file is removed. pid gets the import's id.
 */
enum import_rc import_create(struct arena *, long long org_id, long long user_id, const char *path,
    unsigned long long size, const char *file_name, char pid[IDS_MAXLEN], const char **msg);
/* The import with its columns; IMPORT_NOT_FOUND unless it is the organization's. */
enum import_rc import_get(struct arena *, long long org_id, const char *pid, struct import_job *out);
/* The organization's latest imports (without columns), newest first. */
enum import_rc import_recent(struct arena *, long long org_id, struct import_job **out, size_t *n);
/* What a column can become in this organization: the built-in targets and
 * its custom fields of every type an import fills: text, textarea, number,
 * date, choices, url; datetime ("YYYY-MM-DD HH:MM[:SS]" in the time zone of
 * the user who made the import, stored in UTC); user (an active member named
 * by email address or full name, ignoring ASCII case). */
enum import_rc import_choices(struct arena *, long long org_id, struct import_choice **out, size_t *n);
/*
 * Sets the targets of the import's columns (n must be its column count) and
 * starts it. Refused (IMPORT_INVALID, *msg): an unknown target, a single
 * target (all but email and phone) chosen twice, no lead name in b2b, no
 * lead or contact name in b2c. IMPORT_CONFLICT when it is no longer mapping.
 */
enum import_rc import_map(struct arena *, long long org_id, const char *pid, int b2c,
    const char *const *targets, size_t n, const char **msg);
/*
 * Runs batches of the import (each one transaction of up to IMPORT_BATCH
 * rows) for about `seconds`, then fills *out. Concurrent runs of one import
 * take turns (the import's row is locked). Nothing happens unless it is running.
 */
enum import_rc import_run(struct arena *, long long org_id, long long user_id, int b2c,
    const char *pid, double seconds, struct import_job *out);
/* Stops a mapping or running import where it is; its rows so far stay. */
enum import_rc import_stop(struct arena *, long long org_id, const char *pid);
/* Skipped rows of an import by line, after line `after`, at most max. */
enum import_rc import_skips(struct arena *, long long import_id, long long after, size_t max,
    struct import_skip **out, size_t *n);

#endif
