/* files.h — a lead's files (F1-F3) and one file for its download (F5):
 * reads only; what is returned lives in the caller's arena. */
#ifndef LL_FILES_H
#define LL_FILES_H

#include <stddef.h>

#include "db.h"

struct arena;

/* The categories of files.category, in the order the tab shows them. */
enum files_cat {
	FILES_IMAGE, FILES_PDF, FILES_DOCUMENT, FILES_SPREADSHEET, FILES_PRESENTATION,
	FILES_ARCHIVE, FILES_AUDIO, FILES_VIDEO, FILES_TEXT, FILES_OTHER, FILES__MAX
};
extern const char *const files_cat_names[FILES__MAX];   /* "image", "pdf" ... */
extern const char *const files_cat_labels[FILES__MAX];  /* "Images", "PDF" ... */
/* The category of that name, or -1. */
int files_cat_of(const char *name);

/* What to list: categories (none set: all) and an inclusive range of days
 * received in the viewer's zone ("YYYY-MM-DD"; NULL: open). */
struct files_filter {
	int         cat[FILES__MAX];
	const char *from;
	const char *to;
};

/* One file as the tab shows it; times in the viewer's zone. */
struct files_row {
	const char *pid;
	const char *name;
	const char *category;
	long long   size;
	const char *received;       /* "Mar 4, 2026 2:05 PM" */
	const char *received_utc;   /* ISO 8601 "...Z" */
	const char *act_pid;        /* "" when shared with the lead directly */
	const char *act_type;       /* "email", "sms", "note" ... */
	const char *act_subject;
	const char *act_when;
};

struct files_list {
	long long        lead_id;
	const char      *lead_pid;
	const char      *lead_name;
	struct files_row *rows;     /* newest received first */
	size_t           nrows;
	long long        count[FILES__MAX];   /* per category, within the date range */
	long long        total;               /* all categories, within the date range */
};

/* The lead of that pid in org_id with its files under the filter: *found 0
 * when the lead is not there (another organization's reads the same). */
enum db_err files_list(struct arena *, long long org_id, const char *lead_pid, const char *tz,
    const struct files_filter *, struct files_list *out, int *found);

/* A file for its download. */
struct files_blob {
	const char *name;           /* as the user gave it: never a path */
	const char *sha256;         /* 64 lowercase hex, checked */
	const char *sniffed_type;   /* "" when unknown */
};

/* The file of that pid in an organization where the user is an active
 * member: *found 0 otherwise, or when its stored hash is not 64 hex. */
enum db_err files_blob(struct arena *, long long user_id, const char *file_pid,
    struct files_blob *out, int *found);

/* Content-Disposition for a download (RFC 6266, RFC 5987):
 * attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>.
 * Path separators and control characters become "_"; NULL when out of memory. */
char *files_disposition(struct arena *, const char *name);

/* The id of the lead of that pid in org_id: *found 0 when not there. */
enum db_err files_lead(struct arena *, long long org_id, const char *lead_pid, long long *id,
    int *found);

#define FILES_DIRECT_MAX (25ULL * 1024 * 1024)   /* shared directly, a note's, an email's */
#define FILES_DIRECT_MAX_LABEL "25 MB"
#define FILES_SMS_MAX (5ULL * 1024 * 1024)       /* an SMS attachment */
#define FILES_SMS_MAX_LABEL "5 MB"

/* The activity a file is attached to: an email, SMS or note of the lead. */
struct files_act {
	long long   id;
	const char *type;           /* "email", "sms", "note" */
	const char *at;             /* activity_at (UTC), the file's date received */
};

/* The email, SMS or note of that acti_ pid on the lead (not deleted):
 * *found 0 otherwise. */
enum db_err files_activity(struct arena *, long long org_id, long long lead_id,
    const char *acti_pid, struct files_act *out, int *found);

/* A file received into the store. */
struct files_new {
	const char         *name;           /* as the user gave it */
	const char         *declared_type;  /* the part's Content-Type, or NULL */
	const char         *sniffed_type;   /* libmagic's, or NULL */
	const char         *category;       /* from sniffed_type */
	char                sha256[65];
	unsigned long long  size;
	int                 created;        /* the blob was new: remove it if the row fails */
	const char         *created_path;
};

/* Loads libmagic's database when a worker starts, so that an upload does not:
 * about 6 MB a worker then holds for its life. Returns 0 (without libmagic
 * uploads are kept unsniffed). */
int         files_init(void);
/* Sniffs the uploaded file at tmp (libmagic on its content), hashes it in
 * chunks and moves it into the store as ab/cd/<sha256> (the same bytes are
 * kept once: a blob already there is left as is and tmp removed). tmp is gone
 * after the call whatever it returns. Fills f's type, category and sha256.
 * DB_ERROR when the store cannot be written (logged). */
enum db_err files_store(struct arena *, const char *tmp, struct files_new *f);
/* Undoes files_store's new blob (the row was not committed). */
void        files_unstore(const struct files_new *f);
/* The file's row, its pid in out: shared with the lead directly and received
 * now when act is NULL, else attached to act (received at its date), the
 * file's row and its activity_files row in one transaction. */
enum db_err files_add(struct arena *, long long org_id, long long lead_id, long long user_id,
    const struct files_new *, const struct files_act *act, char out[64]);
/* The category of a media type ("application/pdf" -> "pdf"); "other" when unknown. */
const char *files_category(const char *media_type);

#endif
