/* arena.c — bump arena and growable buffer; see arena.h. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK 16384
#define ARENA_ALIGN 16

struct arena_chunk {
	struct arena_chunk *next;
	size_t              size;
	size_t              off;
	_Alignas(ARENA_ALIGN) unsigned char mem[];
};

static struct arena_chunk *
chunk_new(size_t want)
{
	size_t size = want > ARENA_CHUNK ? want : ARENA_CHUNK;
	struct arena_chunk *c = malloc(sizeof *c + size);

	if (c == NULL)
		return NULL;
	c->next = NULL;
	c->size = size;
	c->off = 0;
	return c;
}

void
arena_init(struct arena *a, size_t limit)
{
	a->head = a->keep = NULL;
	a->limit = limit;
	a->used = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c;
	size_t need;
	void *p;

	if (n == 0)
		n = 1;
	/* room for the rounding and a chunk header: chunk_new's size cannot wrap */
	if (n > SIZE_MAX - ARENA_ALIGN - sizeof(struct arena_chunk))
		return NULL;
	need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (a->limit && (need > a->limit || a->used > a->limit - need))
		return NULL;
	c = a->head;
	if (c == NULL || c->size - c->off < need) {
		if ((c = chunk_new(need)) == NULL)
			return NULL;
		if (a->keep == NULL)
			a->keep = c;
		c->next = a->head;
		a->head = c;
	}
	p = c->mem + c->off;
	c->off += need;
	a->used += need;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (p = arena_alloc(a, (size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk *c = a->head, *next;

	while (c != NULL && c != a->keep) {
		next = c->next;
		free(c);
		c = next;
	}
	a->head = a->keep;
	if (a->keep != NULL) {
		a->keep->off = 0;
		a->keep->next = NULL;
	}
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	arena_reset(a);
	free(a->keep);
	a->head = a->keep = NULL;
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

static int
buf_grow(struct buf *b, size_t extra)
{
	size_t cap;
	char *p;

	if (b->oom)
		return -1;
	if (extra >= SIZE_MAX - b->len - 1)
		goto fail;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 1024;
	while (cap < b->len + extra + 1)
		cap = cap > SIZE_MAX / 2 ? b->len + extra + 1 : cap * 2;
	if ((p = realloc(b->data, cap)) == NULL)
		goto fail;
	b->data = p;
	b->cap = cap;
	return 0;
fail:
	b->oom = 1;
	return -1;
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n) != 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || buf_grow(b, (size_t)n) != 0)
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b, size_t keep)
{
	if (b->cap > keep) {
		free(b->data);
		buf_init(b);
		return;
	}
	b->len = 0;
	b->oom = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}
