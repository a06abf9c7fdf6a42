/* files.h — a lead's files (F1-F3) and one file for its download (F5):
 * reads only; what is returned lives in the caller's arena. */
#ifndef LL_FILES_H
#define LL_FILES_H

#include <stddef.h>

#include "db.h"

struct arena;
struct multipart;

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
 * received in the viewer's zone ("YYYY-MM-DD"; NULL: open); before: the
 * file_ id of the last file of the page above (keyset paging), or NULL. */
struct files_filter {
	int         cat[FILES__MAX];
	const char *from;
	const char *to;
	const char *before;
};

#define FILES_PAGE 100   /* files of one page of the tab */

/* An email, SMS or note a file came with; times in the viewer's zone. */
struct files_src {
	const char *act_pid;
	const char *act_type;       /* "email", "sms", "note" */
	const char *act_subject;    /* "" when none */
	const char *act_when;       /* "Mar 4, 2026 2:05 PM" */
};

/* One file as the tab shows it; times in the viewer's zone; the name with
 * its invisible characters shown (uni_visible: "[U+202E]"). */
struct files_row {
	long long         id;
	const char       *pid;
	const char       *name;
	const char       *category;
	long long         size;
	const char       *received;       /* "Mar 4, 2026 2:05 PM" */
	const char       *received_utc;   /* ISO 8601 "...Z" */
	struct files_src *src;            /* every activity it is attached to, oldest first; */
	size_t            nsrc;           /* none: shared with the lead directly */
};

struct files_list {
	long long        lead_id;
	const char      *lead_pid;
	const char      *lead_name;
	struct files_row *rows;     /* newest received first, at most FILES_PAGE */
	size_t           nrows;
	const char      *older;     /* the file_ id to continue after ("Older files"), or NULL */
	long long        count[FILES__MAX];   /* per category, within the date range */
	long long        total;               /* all categories, within the date range */
};

/* The lead of that pid in org_id with one page of its files under the
 * filter: *found 0 when the lead is not there (another organization's reads
 * the same); *bad_cursor 1 when before is no file of the lead. */
enum db_err files_list(struct arena *, long long org_id, const char *lead_pid, const char *tz,
    const struct files_filter *, struct files_list *out, int *found, int *bad_cursor);

/* A file for its download. */
struct files_blob {
	const char *name;           /* as the user gave it: never a path */
	const char *sha256;         /* 64 lowercase hex, checked */
	const char *sniffed_type;   /* "" when unknown */
};

/* A download's read, in the session's statement (auth.h; the file pid its one
 * parameter: a download is one statement), and the file from its
 * row: the file of that pid in an organization where the session's user is an
 * active member; *found 0 otherwise, or when its stored hash is not 64 hex. */
struct db_sql *files_session_blob(void);
void        files_blob_of(const struct db_res *, struct files_blob *out, int *found);

/* Content-Disposition for a download (RFC 6266, RFC 5987):
 * attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>.
 * Path separators, control characters and the invisible ones of uni.h (a
 * bidi override) become "_"; NULL when out of memory. */
char *files_disposition(struct arena *, const char *name);

/* The Content-Type a download is sent with, for the type libmagic sniffed:
 * the type itself when it is on a short list of types no browser runs as a
 * script or renders as a page of the site (images but SVG, PDF, some audio
 * and video), any text as "text/plain; charset=utf-8", everything else
 * (HTML, SVG, JavaScript, XML, unknown) "application/octet-stream". Static. */
const char *files_download_type(const char *sniffed);

/* The id of the lead of that pid in org_id: *found 0 when not there. */
enum db_err files_lead(struct arena *, long long org_id, const char *lead_pid, long long *id,
    int *found);

#define FILES_DIRECT_MAX (25ULL * 1024 * 1024)   /* shared directly, a note's, an email's */
#define FILES_DIRECT_MAX_LABEL "25 MB"
#define FILES_SMS_MAX (5ULL * 1024 * 1024)       /* an SMS attachment */
#define FILES_SMS_MAX_LABEL "5 MB"

#define FILES_MAX_PER_FORM 20    /* file parts of one form, chosen or not */
#define FILES_MAX_PER_FORM_LABEL "20"
#define FILES_NAME_MAX 255       /* characters of a file's name (files.name) */
#define FILES_NAME_MAX_LABEL "255"

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

/* Why an upload kept nothing. */
enum files_rc {
	FILES_OK = 0,
	FILES_TOO_BIG,      /* one file over its limit: 413 */
	FILES_TOO_BIG_ALL,  /* the files together over theirs: 413 */
	FILES_DISK_FULL,    /* no space left in the store: 507 */
	FILES_UNWRITABLE,   /* the store cannot be written (read-only, permissions): 503 */
	FILES_BAD_FORM,     /* a malformed body, or a field after the files: 400 */
	FILES_TOO_MANY,     /* more than FILES_MAX_PER_FORM file parts: 413 */
	FILES_NAME_TOO_LONG,/* a file name over FILES_NAME_MAX characters: 400 */
	FILES__RC_MAX
};

/* A file received from a form: in the temp dir until placed in the store. */
struct files_new {
	const char         *name;           /* as the user gave it */
	const char         *declared_type;  /* the part's Content-Type, or NULL */
	const char         *sniffed_type;   /* libmagic's, or NULL */
	const char         *category;       /* from sniffed_type */
	char                sha256[65];
	unsigned long long  size;
	const char         *tmp;            /* its temp file; NULL once placed */
	int                 created;        /* placing made the blob: remove it if the rows fail */
	const char         *created_path;
};

/* Loads libmagic's database when a worker starts, so that an upload does not:
 * about 6 MB a worker then holds for its life. Returns 0 (without libmagic
 * uploads are kept unsniffed). */
int         files_init(void);
/* The files of one form. */
struct files_batch {
	struct files_new *f;
	size_t            n;
	enum files_rc     rc;   /* why files_place failed (FILES_DISK_FULL ...) */
};

/*
 * Reads the rest of the multipart body up (NULL: no files): every part must
 * be a file input named `name`, at most FILES_MAX_PER_FORM of them, each
 * name at most FILES_NAME_MAX characters; one with an empty file name and no
 * bytes is "no file chosen" and skipped (it counts among the parts). Each is streamed to <file_store>/tmp (at most
 * `each` bytes; together at most `all`), sniffed by libmagic and hashed: out
 * holds them, still temp files, in the arena. On a refusal nothing is left.
 * The caller writes their rows and calls files_place in one transaction, and
 * files_unreceive whenever that transaction does not commit.
 */
enum files_rc files_receive(struct arena *, struct multipart *up, const char *name,
    unsigned long long each, unsigned long long all, struct files_batch *out);
/* Inside the rows' transaction, before its commit: moves each temp file into
 * the store as ab/cd/<sha256> (the same bytes are kept once: a blob already
 * there stays as it is). DB_ERROR with b->rc set when the store cannot take it. */
enum db_err   files_place(struct arena *, struct files_batch *b);
/* Removes what is left of a batch whose rows were not committed: its temp
 * files and the blobs files_place made. */
void          files_unreceive(const struct files_batch *);
/* The status and message of a refusal; sms: the files were an SMS's (5 MB each). */
const char   *files_refusal(enum files_rc, int sms, int *status);

/* Inside a transaction the caller owns: the rows of the batch's files on the
 * lead — received now and shared with the lead directly when activity_id is
 * 0, else received at that activity's date (an email, SMS or note of the
 * lead) with their activity_files rows. */
enum db_err files_insert(struct arena *, long long org_id, long long lead_id, long long user_id,
    const struct files_batch *, long long activity_id);
/* files_insert and files_place in their own transaction: all or nothing (the
 * caller calls files_unreceive when this fails). */
enum db_err files_add(struct arena *, long long org_id, long long lead_id, long long user_id,
    struct files_batch *, const struct files_act *act);
/* The category of a media type ("application/pdf" -> "pdf"); "other" when unknown. */
const char *files_category(const char *media_type);

#endif
