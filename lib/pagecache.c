/*
 * pagecache.c — a worker's rendered pages, each under a key (who asked for
 * what: session, organization, lead, query) and the stamp it was read at.
 *
 * Why by hand: the cache is a handful of entries in one single-threaded
 * process, checked against a stamp the page's first statement already reads;
 * a library cache (memcached, a shared LRU) would add a process or a lock and
 * a round trip to save one. Least recently used goes first; the bound counts
 * the pages' bytes, not the few bytes of bookkeeping.
 */
#include <stdlib.h>
#include <string.h>

#include "pagecache.h"

#define SLOTS 32

struct slot {
	char                  *key;       /* NULL: free */
	struct pagecache_stamp stamp;
	char                  *page;
	size_t                 len;
	unsigned long          used;      /* tick of the last get or put */
};

static struct slot slots[SLOTS];
static size_t max_bytes, bytes;
static unsigned long tick;

void
pagecache_init(size_t max)
{
	max_bytes = max;
}

static void
drop(struct slot *s)
{
	free(s->key);
	free(s->page);
	bytes -= s->len;
	memset(s, 0, sizeof *s);
}

static struct slot *
find(const char *key)
{
	size_t i;

	for (i = 0; i < SLOTS; i++)
		if (slots[i].key != NULL && strcmp(slots[i].key, key) == 0)
			return &slots[i];
	return NULL;
}

static int
same(const struct pagecache_stamp *a, const struct pagecache_stamp *b)
{
	return a->lead_version == b->lead_version && a->org_version == b->org_version &&
	    strcmp(a->today, b->today) == 0;
}

const char *
pagecache_get(const char *key, const struct pagecache_stamp *st, size_t *len)
{
	struct slot *s = find(key);

	if (s == NULL)
		return NULL;
	if (!same(&s->stamp, st)) {
		drop(s);
		return NULL;
	}
	s->used = ++tick;
	*len = s->len;
	return s->page;
}

/* The least recently used page, or NULL when none is kept. */
static struct slot *
oldest(void)
{
	struct slot *o = NULL;
	size_t i;

	for (i = 0; i < SLOTS; i++)
		if (slots[i].key != NULL && (o == NULL || slots[i].used < o->used))
			o = &slots[i];
	return o;
}

void
pagecache_put(const char *key, const struct pagecache_stamp *st, const char *page, size_t len)
{
	struct slot *s;
	size_t i;

	if ((s = find(key)) != NULL)
		drop(s);
	if (len == 0 || len > max_bytes)
		return;
	while (bytes + len > max_bytes && (s = oldest()) != NULL)
		drop(s);
	for (s = NULL, i = 0; i < SLOTS && s == NULL; i++)
		if (slots[i].key == NULL)
			s = &slots[i];
	if (s == NULL)
		drop(s = oldest());
	s->key = strdup(key);
	s->page = malloc(len);
	if (s->key == NULL || s->page == NULL) {
		free(s->key);
		free(s->page);
		memset(s, 0, sizeof *s);
		return;
	}
	memcpy(s->page, page, len);
	s->len = len;
	s->stamp = *st;
	s->used = ++tick;
	bytes += len;
}

size_t
pagecache_bytes(void)
{
	return bytes;
}

void
pagecache_free(void)
{
	size_t i;

	for (i = 0; i < SLOTS; i++)
		if (slots[i].key != NULL)
			drop(&slots[i]);
}
