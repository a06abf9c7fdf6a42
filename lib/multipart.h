/* multipart.h — a streaming reader of multipart/form-data bodies (RFC 7578):
 * text fields into the arena, a file part straight to a file on disk in
 * chunks, so an upload of 50 MB never needs 50 MB of a worker's memory. */
#ifndef LL_MULTIPART_H
#define LL_MULTIPART_H

#include <stddef.h>

struct arena;

enum multipart_err {
	MULTIPART_OK = 0,
	MULTIPART_END,        /* no more parts (the closing boundary was read) */
	MULTIPART_EMALFORMED, /* not multipart/form-data, or the body breaks its syntax */
	MULTIPART_ETOOBIG,    /* a value or a file over its limit */
	MULTIPART_EIO,        /* reading the body or writing the file failed */
	MULTIPART_ENOMEM,
	MULTIPART__MAX
};

/* Reads up to len bytes of the body into buf: returns the count, 0 at its
 * end, -1 on an error. */
typedef long (*multipart_read_fn)(void *ctx, char *buf, size_t len);

/* A part's headers as sent; strings in the arena, NULL when absent. */
struct multipart_part {
	const char *name;       /* the form field */
	const char *filename;   /* set for a file input, even "" */
	const char *type;       /* its Content-Type */
};

struct multipart;

#define MULTIPART_MAX_HEADER 8192   /* bytes of one part's header block */

/*
 * A reader of the body whose Content-Type header is content_type
 * ("multipart/form-data; boundary=..."). NULL when that is not multipart
 * form data with a valid boundary, or without memory. Lives in the arena.
 */
struct multipart *multipart_new(struct arena *, const char *content_type, multipart_read_fn,
    void *ctx);
/* Moves to the next part, skipping what is left of the current one, and fills
 * *out (valid until the next call). MULTIPART_END after the last part. */
enum multipart_err multipart_next(struct multipart *, struct multipart_part *out);
/* The current part, or NULL before the first and after the last. */
const struct multipart_part *multipart_current(const struct multipart *);
/* The current part's body, NUL-terminated, in the arena: at most max bytes,
 * MULTIPART_ETOOBIG past them (the rest of the part is then skipped). */
enum multipart_err multipart_value(struct multipart *, size_t max, const char **out, size_t *len);
/*
 * Streams the current part's body into a new file in dir (made with mkstemp,
 * mode 0600; its path, in the arena, in *path). Past max bytes the file is
 * removed and MULTIPART_ETOOBIG returned; on any error nothing is left behind.
 * *size gets the bytes written.
 */
enum multipart_err multipart_save(struct multipart *, const char *dir, unsigned long long max,
    const char **path, unsigned long long *size);
/* After multipart_save's MULTIPART_EIO: the errno of writing the file
 * (ENOSPC: the disk is full), 0 when reading the body failed instead. */
int multipart_save_errno(const struct multipart *);
/* Bytes of the body read so far. */
unsigned long long multipart_consumed(const struct multipart *);
const char *multipart_err_str(enum multipart_err);

#endif
