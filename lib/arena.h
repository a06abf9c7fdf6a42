/* arena.h — per-request memory: a bump arena freed whole, and a growable buffer. */
#ifndef LL_ARENA_H
#define LL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

/*
 * An arena hands out memory that lives until arena_reset() or arena_free().
 * The first chunk is kept across resets, so a worker that serves one request
 * after another settles at a fixed size instead of growing.
 */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;   /* current chunk, newest first */
	struct arena_chunk *keep;   /* the first chunk, kept on reset */
	size_t              limit;  /* most bytes one arena may hold; 0: none */
	size_t              used;   /* bytes handed out since the last reset */
};

void  arena_init(struct arena *, size_t limit);
/* Memory from the arena, zeroed; NULL when out of memory or over the limit. */
void *arena_alloc(struct arena *, size_t);
char *arena_strdup(struct arena *, const char *);
char *arena_strndup(struct arena *, const char *, size_t);
char *arena_printf(struct arena *, const char *, ...)
	__attribute__((format(printf, 2, 3)));
void  arena_reset(struct arena *);
void  arena_free(struct arena *);

/*
 * A growable byte buffer on the heap (never in an arena: its memory is kept
 * across requests by buf_reset and freed by buf_free). Always NUL-terminated.
 * On allocation failure a buffer sticks in error (oom) and drops writes.
 */
struct buf {
	char  *data;
	size_t len;
	size_t cap;
	int    oom;
};

void buf_init(struct buf *);
void buf_add(struct buf *, const char *, size_t);
void buf_puts(struct buf *, const char *);
void buf_putc(struct buf *, char);
void buf_printf(struct buf *, const char *, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *, const char *, va_list);
/* Empties the buffer; keeps its memory unless it grew past keep bytes. */
void buf_reset(struct buf *, size_t keep);
void buf_free(struct buf *);

#endif
