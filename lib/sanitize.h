/* sanitize.h — the HTML email sanitizer (L7): the only raw HTML a template prints. */
#ifndef LL_SANITIZE_H
#define LL_SANITIZE_H

#include <stddef.h>

struct buf;

enum sanitize_err {
	SANITIZE_OK = 0,
	SANITIZE_ENOMEM,   /* out (or libxml2) ran out of memory */
	SANITIZE_EPARSE,   /* libxml2 gave no document, or the input is over INT_MAX bytes */
	SANITIZE__MAX
};

/* Output nesting deeper than this is flattened: the content stays, the tags go. */
#define SANITIZE_MAX_DEPTH 200
/*
 * What libxml2 is given is bounded, so the cost of one email is linear in
 * its size and at most that of SANITIZE_MAX_INPUT bytes (libxml2's HTML
 * parser compares each attribute with every earlier one of its element: a
 * <p> with 40,000 attributes cost seconds). Attributes of an element past
 * SANITIZE_MAX_ATTRS are dropped (none is on the allowlist that far); after
 * SANITIZE_MAX_INPUT bytes or SANITIZE_MAX_TAGS tags the rest is not shown,
 * and the fragment ends with SANITIZE_CUT_NOTE. Nesting past libxml2's own
 * limit (256) ends its parse, and past SANITIZE_MAX_DEPTH our output's.
 */
#define SANITIZE_MAX_INPUT (2u * 1024 * 1024)
#define SANITIZE_MAX_TAGS  50000
#define SANITIZE_MAX_ATTRS 64
#define SANITIZE_CUT_NOTE  "<p class=\"email-cut\">[The rest of this email is too long to show here.]</p>"

/* The output is at most SANITIZE_MAX_GROWTH * len + SANITIZE_MAX_EXTRA bytes. */
#define SANITIZE_MAX_GROWTH 8
#define SANITIZE_MAX_EXTRA  512

/*
 * Appends to out a safe HTML fragment for an email body. html is any bytes,
 * read as UTF-8 (invalid bytes, NUL and control characters become U+FFFD);
 * it may be NULL when len is 0, which gives an empty fragment.
 * remote_images 0 shows each http(s) image as a placeholder
 * <span class="remote-image" title="Remote image blocked">[image blocked: alt]</span>
 * and counts it in *blocked (blocked may be NULL); 1 keeps them (the reader asked).
 * The fragment is balanced and meant to sit alone inside a <div> of the page
 * (not inside a <p>, a list or a table cell). On an error nothing is appended:
 * out is left at its former length (out->oom stays set after SANITIZE_ENOMEM).
 */
enum sanitize_err sanitize_email_html(const char *html, size_t len, int remote_images,
    struct buf *out, unsigned *blocked);
/* A sentence for a log line, naming what went wrong. */
const char       *sanitize_err_str(enum sanitize_err);

#endif
