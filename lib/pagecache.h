/* pagecache.h — pages a worker rendered, kept to be sent again while nothing
 * they show has changed. */
#ifndef LL_PAGECACHE_H
#define LL_PAGECACHE_H

#include <stddef.h>

/*
 * What a page was read at: the versions of its lead and organization (raised
 * by the triggers of sql/010_page_versions.sql in the same transaction as any
 * change the page shows) and the viewer's date (tasks due "today").
 */
struct pagecache_stamp {
	unsigned long long lead_version;
	unsigned long long org_version;
	char               today[16];
};

/* Sets the bound of the bytes kept (0: keep nothing). Call once at start-up. */
void        pagecache_init(size_t max_bytes);
/*
 * The page kept under key at exactly this stamp, or NULL (*len untouched).
 * A page kept at another stamp is dropped. The bytes stay valid until the
 * next pagecache_put or pagecache_free.
 */
const char *pagecache_get(const char *key, const struct pagecache_stamp *, size_t *len);
/* Keeps a copy of the page under key (replacing what was there), dropping the
 * least recently used pages to stay in the bound. A page over the bound, or
 * one that cannot be allocated, is simply not kept. */
void        pagecache_put(const char *key, const struct pagecache_stamp *,
                const char *page, size_t len);
/* The bytes kept now. */
size_t      pagecache_bytes(void);
void        pagecache_free(void);

#endif
