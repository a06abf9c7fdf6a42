/* db.h — one MariaDB connection per process, prepared statements kept for its life. */
#ifndef LL_DB_H
#define LL_DB_H

#include <stddef.h>

struct arena;

enum db_err {
	DB_OK = 0,
	DB_DOWN,      /* no server: the page answers 503 */
	DB_DUP,       /* a unique key refused the row */
	DB_ERROR,     /* anything else; logged */
};

/*
 * A statement, declared once as a static in the module that owns its SQL:
 *   static struct db_sql q_lead = DB_SQL("SELECT ... WHERE organization_id = ? AND pid = ?");
 * It is prepared at first use and kept; after a reconnect it is prepared again.
 *
 * A statement whose rows are read names its columns once, in one list that
 * gives both the indices the reader uses and the names the result must
 * have (the column's name or its AS alias):
 *   #define TASK_COLS(X) X(T_ID, "id") X(T_TEXT, "text")
 *   enum { TASK_COLS(DB_COL_ENUM) T__NCOLS };
 *   static const char *const task_cols[] = { TASK_COLS(DB_COL_NAME) NULL };
 *   static struct db_sql q = DB_SQL_COLS("SELECT id, text FROM tasks ...", task_cols);
 *   ... db_get(&r, i, T_TEXT) ...
 * Preparing it checks the result's metadata against the list, name by name
 * and the count: a SELECT reordered, or a column added or dropped on one
 * side only, fails there (logged, DB_ERROR) instead of shifting values.
 */
struct db_sql {
	const char         *text;
	const char *const  *cols;     /* NULL-terminated names of the result's columns, or NULL */
	void               *stmt;     /* MYSQL_STMT *, owned by db.c */
	unsigned            gen;      /* the connection it was prepared on */
	struct db_sql      *next;     /* db.c's list of prepared statements */
};
#define DB_SQL(s) { .text = (s), .cols = NULL, .stmt = NULL, .gen = 0, .next = NULL }
#define DB_SQL_COLS(s, names) { .text = (s), .cols = (names), .stmt = NULL, .gen = 0, .next = NULL }
#define DB_COL_ENUM(id, name) id,
#define DB_COL_NAME(id, name) name,

enum db_type { DB_T_NULL, DB_T_STR, DB_T_INT, DB_T_BLOB };

struct db_arg {
	enum db_type type;
	const char  *s;
	size_t       len;
	long long    i;
};

#define DB_STR(x)      ((struct db_arg){ .type = DB_T_STR, .s = (x), .len = strlen(x) })
#define DB_STRN(x, n)  ((struct db_arg){ .type = DB_T_STR, .s = (x), .len = (n) })
#define DB_BLOB(x, n)  ((struct db_arg){ .type = DB_T_BLOB, .s = (const char *)(x), .len = (n) })
#define DB_INT(x)      ((struct db_arg){ .type = DB_T_INT, .i = (x) })
#define DB_NULL        ((struct db_arg){ .type = DB_T_NULL })
/* (args, count) for db_read / db_write */
#define DB_ARGS(...)   (struct db_arg[]){ __VA_ARGS__ }, \
	(sizeof((struct db_arg[]){ __VA_ARGS__ }) / sizeof(struct db_arg))
#define DB_NOARGS      NULL, 0

/* A result: rows of columns as NUL-terminated strings in the caller's arena
 * (NULL for SQL NULL); for writes, the affected rows and the insert id. */
struct db_res {
	size_t               nrows;
	size_t               ncols;
	char              ***rows;
	unsigned long      **lens;
	unsigned long long   affected;
	unsigned long long   insert_id;
};

/* Reads connection settings from conf; connects lazily. */
void        db_init(void);
/*
 * Runs a statement that only reads. When the server went away it reconnects,
 * prepares again and retries once (never inside a transaction). out may be NULL.
 */
enum db_err db_read(struct arena *, struct db_sql *, const struct db_arg *, size_t,
    struct db_res *out);
/* Runs a statement that writes; never retried. */
enum db_err db_write(struct arena *, struct db_sql *, const struct db_arg *, size_t,
    struct db_res *out);
/* A transaction: begin, then commit or rollback. A failed commit is not acknowledged. */
enum db_err db_begin(void);
enum db_err db_commit(void);
void        db_rollback(void);
/* Cell helpers: "" and 0 for NULL or out of range. */
const char *db_get(const struct db_res *, size_t row, size_t col);
long long   db_get_int(const struct db_res *, size_t row, size_t col);
int         db_is_null(const struct db_res *, size_t row, size_t col);
/* Statements run since start (for the benchmarks' per-page count). */
unsigned long db_statements(void);
void        db_close(void);

/* A connection of its own, for `llctl migrate` alone: the same server,
 * account, timeouts and TLS as db_read's, with several statements a query
 * (a migration file of sql/ is trusted text, not a request's values).
 * NULL when it fails (logged). The caller closes it with mysql_close. */
struct st_mysql;
struct st_mysql *db_open_script(void);

#endif
