/* sanitize.c — the HTML email sanitizer (L7): libxml2 parses, an allowlist writes. */

/*
 * Why hand-written: Debian packages no HTML sanitizer library for C (the
 * well-known ones are bleach for Python, DOMPurify for JavaScript, ammonia for
 * Rust, bluemonday for Go). So libxml2's forgiving HTML parser does the hard
 * part, turning any byte soup into a tree, and this file writes the tree back
 * out itself. Nothing from the input is ever copied as markup: every tag and
 * attribute name written comes from the tables below, every text and attribute
 * value is escaped (text: & < >; attributes: & < > " ') and every attribute
 * is double-quoted, so what the browser parses is what we meant it to.
 *
 * The rules:
 *  - Elements in elems[] marked KEEP are written; those marked DROP vanish
 *    with everything inside (script, style, iframe, object, embed, form
 *    controls, svg, math, head, ...). Any other element (html, body, form,
 *    unknown tags) is unwrapped: its tag goes, its content stays.
 *  - Table parts, li, dd and dt are written only where their parent is
 *    (a tr inside our table, a li inside our ul), and inside a table nothing
 *    else is, text aside. Otherwise a stray <td> or <li>, or a table the
 *    browser closes early, could end elements of the page around the email
 *    (HTML's implied end tags reach past our fragment). A link inside a link
 *    and a heading inside a heading are unwrapped for the same reason.
 *  - Attributes only from attrs[], each value checked by kind (numbers,
 *    lengths, colours, fixed words); never on*, style (the page's CSP forbids
 *    inline styles anyway), id, name or class (they could clash with the page).
 *  - URLs are read as a browser reads them: libxml2 has decoded the entities,
 *    we drop leading and trailing spaces and controls and every tab, CR and
 *    LF, %-encode other controls, then take the scheme case-insensitively.
 *    href: http(s)://, mailto:, tel:, #fragment. img src: http(s):// (a
 *    placeholder unless the reader asked for remote images) and
 *    data:image/png|gif|jpeg|webp;base64 only; cid: gives a placeholder.
 *    Anything else (javascript:, vbscript:, data:text/html, relative and
 *    protocol-relative URLs) drops the href (the link is unwrapped) or the img.
 *  - Every written link gets rel="noopener noreferrer nofollow"
 *    target="_blank"; every written remote image referrerpolicy="no-referrer".
 *  - Comments, processing instructions, CDATA and doctypes are dropped.
 *  - Output nesting stops at SANITIZE_MAX_DEPTH (deeper tags are unwrapped),
 *    and the walk is a loop over parent pointers, never a recursion, so no
 *    input reaches the stack. libxml2 itself stops parsing at depth 256.
 *  - Before libxml2 sees it the input is bounded (sanitize.h): the start
 *    tags are read the way libxml2's htmlParseStartTag reads them (a name,
 *    then attributes: a name, and after "=" a value quoted with " or ', or
 *    unquoted up to a blank or ">"; a bogus one up to a blank or ">"), so
 *    the count of an element's attributes is libxml2's own. Where the two
 *    could still disagree (text of a script, a comment) this reader sees
 *    more tags than libxml2, never fewer: it drops more, never lets more in.
 *  - The input is made valid UTF-8 of XML characters first: libxml2 2.9
 *    switches to Latin-1 mid-document on a bad byte, which would garble the
 *    rest of an otherwise good email.
 */

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "arena.h"
#include "sanitize.h"

/* How an element is treated; elements not in elems[] are unwrapped. */
enum how { KEEP, VOID, DROP };

/* Element groups: attrs[] and the parent rules name elements by group. */
enum {
	G_A        = 1 << 0,
	G_IMG      = 1 << 1,
	G_TABLE    = 1 << 2,
	G_SECTION  = 1 << 3,   /* tbody thead tfoot */
	G_TR       = 1 << 4,
	G_CELL     = 1 << 5,   /* td th */
	G_COLGROUP = 1 << 6,
	G_COL      = 1 << 7,
	G_LIST     = 1 << 8,   /* ul ol */
	G_DL       = 1 << 9,
	G_FONT     = 1 << 10,
	G_HR       = 1 << 11,
	G_HEADING  = 1 << 12,
	G_OTHER    = 1 << 13
};
/* Inside these only table parts are written (the browser would move the rest). */
#define G_TABLE_CONTEXT (G_TABLE | G_SECTION | G_TR | G_COLGROUP)

struct elem {
	const char *name;
	enum how    how;
	unsigned    group;
	unsigned    parents;   /* groups one of which must be the parent; 0: any */
};

/* Sorted by name for bsearch. */
static const struct elem elems[] = {
	{ "a",          KEEP, G_A,        0 },
	{ "abbr",       KEEP, G_OTHER,    0 },
	{ "applet",     DROP, 0,          0 },
	{ "b",          KEEP, G_OTHER,    0 },
	{ "base",       DROP, 0,          0 },
	{ "blockquote", KEEP, G_OTHER,    0 },
	{ "br",         VOID, G_OTHER,    0 },
	{ "button",     DROP, 0,          0 },
	{ "caption",    KEEP, G_OTHER,    G_TABLE },
	{ "center",     KEEP, G_OTHER,    0 },
	{ "code",       KEEP, G_OTHER,    0 },
	{ "col",        VOID, G_COL,      G_TABLE | G_COLGROUP },
	{ "colgroup",   KEEP, G_COLGROUP, G_TABLE },
	{ "datalist",   DROP, 0,          0 },
	{ "dd",         KEEP, G_OTHER,    G_DL },
	{ "del",        KEEP, G_OTHER,    0 },
	{ "div",        KEEP, G_OTHER,    0 },
	{ "dl",         KEEP, G_DL,       0 },
	{ "dt",         KEEP, G_OTHER,    G_DL },
	{ "em",         KEEP, G_OTHER,    0 },
	{ "embed",      DROP, 0,          0 },
	{ "font",       KEEP, G_FONT,     0 },
	{ "frame",      DROP, 0,          0 },
	{ "frameset",   DROP, 0,          0 },
	{ "h1",         KEEP, G_HEADING,  0 },
	{ "h2",         KEEP, G_HEADING,  0 },
	{ "h3",         KEEP, G_HEADING,  0 },
	{ "h4",         KEEP, G_HEADING,  0 },
	{ "h5",         KEEP, G_HEADING,  0 },
	{ "h6",         KEEP, G_HEADING,  0 },
	{ "head",       DROP, 0,          0 },
	{ "hr",         VOID, G_HR,       0 },
	{ "i",          KEEP, G_OTHER,    0 },
	{ "iframe",     DROP, 0,          0 },
	{ "img",        VOID, G_IMG,      0 },
	{ "input",      DROP, 0,          0 },
	{ "ins",        KEEP, G_OTHER,    0 },
	{ "keygen",     DROP, 0,          0 },
	{ "li",         KEEP, G_OTHER,    G_LIST },
	{ "link",       DROP, 0,          0 },
	{ "math",       DROP, 0,          0 },
	{ "meta",       DROP, 0,          0 },
	{ "noembed",    DROP, 0,          0 },
	{ "noframes",   DROP, 0,          0 },
	{ "noscript",   DROP, 0,          0 },
	{ "object",     DROP, 0,          0 },
	{ "ol",         KEEP, G_LIST,     0 },
	{ "optgroup",   DROP, 0,          0 },
	{ "option",     DROP, 0,          0 },
	{ "p",          KEEP, G_OTHER,    0 },
	{ "param",      DROP, 0,          0 },
	{ "pre",        KEEP, G_OTHER,    0 },
	{ "q",          KEEP, G_OTHER,    0 },
	{ "s",          KEEP, G_OTHER,    0 },
	{ "script",     DROP, 0,          0 },
	{ "select",     DROP, 0,          0 },
	{ "small",      KEEP, G_OTHER,    0 },
	{ "span",       KEEP, G_OTHER,    0 },
	{ "strike",     KEEP, G_OTHER,    0 },
	{ "strong",     KEEP, G_OTHER,    0 },
	{ "style",      DROP, 0,          0 },
	{ "sub",        KEEP, G_OTHER,    0 },
	{ "sup",        KEEP, G_OTHER,    0 },
	{ "svg",        DROP, 0,          0 },
	{ "table",      KEEP, G_TABLE,    0 },
	{ "tbody",      KEEP, G_SECTION,  G_TABLE },
	{ "td",         KEEP, G_CELL,     G_TABLE | G_SECTION | G_TR },
	{ "template",   DROP, 0,          0 },
	{ "textarea",   DROP, 0,          0 },
	{ "tfoot",      KEEP, G_SECTION,  G_TABLE },
	{ "th",         KEEP, G_CELL,     G_TABLE | G_SECTION | G_TR },
	{ "thead",      KEEP, G_SECTION,  G_TABLE },
	{ "title",      DROP, 0,          0 },
	{ "tr",         KEEP, G_TR,       G_TABLE | G_SECTION },
	{ "u",          KEEP, G_OTHER,    0 },
	{ "ul",         KEEP, G_LIST,     0 },
};

/* What an attribute value may be; a value that is not is dropped. */
enum attr_kind {
	AK_TEXT,      /* anything (escaped) */
	AK_NUMBER,    /* 1 to 4 digits */
	AK_LENGTH,    /* 600, 50%, 12.5px */
	AK_COLOR,     /* #fff, #ff0000, red */
	AK_FONTSIZE,  /* 1 to 7, +1, -2 */
	AK_LANG,      /* en, pt-BR */
	AK_DIR,
	AK_ALIGN,
	AK_VALIGN
};

struct attr_rule {
	const char    *name;
	unsigned       groups;   /* elements that may carry it; 0: all */
	enum attr_kind kind;
};

/* href and src are not here: a and img read them through url_read(). */
static const struct attr_rule attrs[] = {
	{ "title",       0,                                        AK_TEXT },
	{ "dir",         0,                                        AK_DIR },
	{ "lang",        0,                                        AK_LANG },
	{ "align",       0,                                        AK_ALIGN },
	{ "valign",      G_TR | G_CELL | G_SECTION | G_COLGROUP | G_COL, AK_VALIGN },
	{ "colspan",     G_CELL,                                   AK_NUMBER },
	{ "rowspan",     G_CELL,                                   AK_NUMBER },
	{ "border",      G_TABLE | G_IMG,                          AK_NUMBER },
	{ "cellpadding", G_TABLE,                                  AK_NUMBER },
	{ "cellspacing", G_TABLE,                                  AK_NUMBER },
	{ "width",       G_IMG | G_TABLE | G_CELL | G_COLGROUP | G_COL | G_HR, AK_LENGTH },
	{ "height",      G_IMG | G_TABLE | G_CELL | G_TR,          AK_LENGTH },
	{ "bgcolor",     G_TABLE | G_SECTION | G_TR | G_CELL,      AK_COLOR },
	{ "alt",         G_IMG,                                    AK_TEXT },
	{ "color",       G_FONT,                                   AK_COLOR },
	{ "face",        G_FONT,                                   AK_TEXT },
	{ "size",        G_FONT,                                   AK_FONTSIZE },
};

static const char *const dir_words[]    = { "ltr", "rtl", "auto", NULL };
static const char *const align_words[]  = { "left", "right", "center", "justify",
	"top", "middle", "bottom", "baseline", NULL };
static const char *const valign_words[] = { "top", "middle", "bottom", "baseline", NULL };

/* The only data: URLs an img keeps (after "data:", compared without case). */
static const char *const data_images[] = { "image/png;base64,", "image/gif;base64,",
	"image/jpeg;base64,", "image/jpg;base64,", "image/webp;base64,", NULL };

enum url_kind { URL_BAD, URL_WEB, URL_MAILTO, URL_TEL, URL_FRAGMENT, URL_DATA_IMAGE, URL_CID };

#define LINK_REL    " rel=\"noopener noreferrer nofollow\" target=\"_blank\""
#define REMOTE_SPAN "<span class=\"remote-image\" title=\"Remote image blocked\">"
#define CID_SPAN    "<span class=\"remote-image\" title=\"Embedded image not shown\">"

/* An element we wrote and have yet to close. */
struct frame {
	const xmlNode     *node;
	const struct elem *el;
};

struct walk {
	struct buf  *out;
	struct buf   url;        /* the URL being read, normalized */
	int          remote_images;
	unsigned     blocked;
	unsigned     in_a, in_heading;   /* how many of these are open */
	int          nomem;      /* a URL could not be read for want of memory */
	size_t       depth;
	struct frame stack[SANITIZE_MAX_DEPTH];
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* 1 if s equals the lower-case word w, ignoring ASCII case. */
static int
eq_word(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] == '\0' || lower((unsigned char)s[i]) != w[i])
			return 0;
	return w[n] == '\0';
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(int c)
{
	c = lower(c);
	return is_digit(c) || (c >= 'a' && c <= 'z');
}

static int
elem_cmp(const void *key, const void *e)
{
	return strcmp(key, ((const struct elem *)e)->name);
}

static const struct elem *
elem_find(const xmlChar *name)
{
	char low[16];
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; name[i] != '\0'; i++) {
		if (i == sizeof(low) - 1)
			return NULL;
		low[i] = (char)lower(name[i]);
	}
	low[i] = '\0';
	return bsearch(low, elems, sizeof(elems) / sizeof(elems[0]), sizeof(elems[0]), elem_cmp);
}

static const struct attr_rule *
attr_find(const struct elem *e, const xmlChar *name)
{
	size_t i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		if (eq_word((const char *)name, strlen((const char *)name), attrs[i].name))
			return attrs[i].groups == 0 || (attrs[i].groups & e->group) ? &attrs[i] : NULL;
	return NULL;
}

/* The value of an attribute as libxml2 decoded it; "" when it has none,
 * NULL when its shape is not the one text node the HTML parser makes. */
static const char *
attr_value(const xmlAttr *a)
{
	const xmlNode *t = a->children;

	if (t == NULL)
		return "";
	if (t->next != NULL || t->type != XML_TEXT_NODE || t->content == NULL)
		return NULL;
	return (const char *)t->content;
}

static const xmlAttr *
attr_get(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->name != NULL && eq_word((const char *)a->name, strlen((const char *)a->name), name))
			return a;
	return NULL;
}

static void
put_escaped(struct buf *b, const char *s, size_t n, int attr)
{
	size_t i, from = 0;
	const char *rep;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':  rep = "&amp;"; break;
		case '<':  rep = "&lt;"; break;
		case '>':  rep = "&gt;"; break;
		case '"':  rep = attr ? "&#34;" : NULL; break;
		case '\'': rep = attr ? "&#39;" : NULL; break;
		default:   rep = NULL; break;
		}
		if (rep == NULL)
			continue;
		buf_add(b, s + from, i - from);
		buf_puts(b, rep);
		from = i + 1;
	}
	buf_add(b, s + from, n - from);
}

static void
put_attr(struct buf *b, const char *name, const char *v, size_t n)
{
	buf_putc(b, ' ');
	buf_puts(b, name);
	buf_add(b, "=\"", 2);
	put_escaped(b, v, n, 1);
	buf_putc(b, '"');
}

static const char *
word_in(const char *s, size_t n, const char *const *words)
{
	for (; *words != NULL; words++)
		if (eq_word(s, n, *words))
			return *words;
	return NULL;
}

/*
 * Checks v as a value of kind k. On success *s, *n are what to write
 * (v trimmed, or the canonical word) and 1 is returned.
 */
static int
attr_ok(enum attr_kind k, const char *v, const char **s, size_t *n)
{
	size_t i, len = strlen(v), d;

	while (len > 0 && is_space((unsigned char)v[len - 1]))
		len--;
	while (len > 0 && is_space((unsigned char)*v))
		v++, len--;
	*s = v;
	*n = len;
	switch (k) {
	case AK_TEXT:
		return 1;
	case AK_NUMBER:
		for (i = 0; i < len && is_digit(v[i]); i++)
			;
		return i == len && len >= 1 && len <= 4;
	case AK_LENGTH:
		for (i = 0; i < len && is_digit(v[i]); i++)
			;
		if (i == 0 || i > 5)
			return 0;
		if (i < len && v[i] == '.') {
			for (d = ++i; i < len && is_digit(v[i]); i++)
				;
			if (i == d || i - d > 3)
				return 0;
		}
		return i == len || eq_word(v + i, len - i, "%") || eq_word(v + i, len - i, "px");
	case AK_COLOR:
		i = len > 0 && v[0] == '#';
		if (len - i < 1 || len - i > 20)
			return 0;
		for (; i < len && is_alnum(v[i]); i++)
			;
		return i == len;
	case AK_FONTSIZE:
		i = len > 0 && (v[0] == '+' || v[0] == '-');
		return len == i + 1 && v[i] >= '1' && v[i] <= '7';
	case AK_LANG:
		for (i = 0; i < len && (is_alnum(v[i]) || v[i] == '-'); i++)
			;
		return i == len && len >= 1 && len <= 35;
	case AK_DIR:
		*s = word_in(v, len, dir_words);
		break;
	case AK_ALIGN:
		*s = word_in(v, len, align_words);
		break;
	case AK_VALIGN:
		*s = word_in(v, len, valign_words);
		break;
	}
	if (*s == NULL)
		return 0;
	*n = strlen(*s);
	return 1;
}

/* Writes the attributes of n that attrs[] allows on e. */
static void
put_attrs(struct buf *b, const xmlNode *n, const struct elem *e)
{
	const struct attr_rule *r;
	const xmlAttr *a;
	const char *v, *s;
	size_t len;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL || (r = attr_find(e, a->name)) == NULL)
			continue;
		if ((v = attr_value(a)) == NULL || !attr_ok(r->kind, v, &s, &len))
			continue;
		put_attr(b, r->name, s, len);
	}
}

static int
is_scheme_char(int c)
{
	return is_alnum(c) || c == '+' || c == '-' || c == '.';
}

/* The kind of the normalized URL u[0..n). */
static enum url_kind
url_kind(const char *u, size_t n)
{
	size_t i, k, m;

	if (n > 0 && u[0] == '#')
		return URL_FRAGMENT;
	for (i = 0; i < n && is_scheme_char((unsigned char)u[i]); i++)
		;
	if (i == 0 || i == n || u[i] != ':' || is_digit(u[0]) || !is_alnum(u[0]))
		return URL_BAD;   /* no scheme: a relative URL, resolved against our page */
	if (eq_word(u, i, "http") || eq_word(u, i, "https")) {
		/* "https:x" is relative to our own https page: insist on "//" */
		if (n - i < 3 || (u[i + 1] != '/' && u[i + 1] != '\\') ||
		    (u[i + 2] != '/' && u[i + 2] != '\\'))
			return URL_BAD;
		return URL_WEB;
	}
	if (eq_word(u, i, "mailto"))
		return URL_MAILTO;
	if (eq_word(u, i, "tel"))
		return URL_TEL;
	if (eq_word(u, i, "cid"))
		return URL_CID;
	if (!eq_word(u, i, "data"))
		return URL_BAD;
	for (k = 0; data_images[k] != NULL; k++) {
		m = strlen(data_images[k]);
		if (n - i - 1 >= m && eq_word(u + i + 1, m, data_images[k]))
			break;
	}
	if (data_images[k] == NULL)
		return URL_BAD;
	for (i += 1 + m; i < n; i++)
		if (!is_alnum((unsigned char)u[i]) && u[i] != '+' && u[i] != '/' && u[i] != '=')
			return URL_BAD;
	return URL_DATA_IMAGE;
}

/*
 * Reads attribute a of n as a URL, as a browser would, into w->url and
 * returns its kind. Tabs and newlines anywhere and spaces and controls at
 * either end are what the URL parser skips; other controls and spaces it
 * %-encodes, and so do we, which also keeps them out of the scheme.
 */
static enum url_kind
url_read(struct walk *w, const xmlNode *n, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	const xmlAttr *a = attr_get(n, name);
	const unsigned char *v;
	size_t i, len;

	buf_reset(&w->url, 64 * 1024);
	if (a == NULL || (v = (const unsigned char *)attr_value(a)) == NULL)
		return URL_BAD;
	len = strlen((const char *)v);
	while (len > 0 && v[len - 1] <= 0x20)
		len--;
	for (i = 0; i < len && v[i] <= 0x20; i++)
		;
	for (; i < len; i++) {
		if (v[i] == '\t' || v[i] == '\n' || v[i] == '\r')
			continue;
		if (v[i] <= 0x20 || v[i] == 0x7f) {
			buf_putc(&w->url, '%');
			buf_putc(&w->url, hex[v[i] >> 4]);
			buf_putc(&w->url, hex[v[i] & 15]);
		} else
			buf_putc(&w->url, (char)v[i]);
	}
	if (w->url.oom)
		w->nomem = 1;
	if (w->url.oom || w->url.len == 0)
		return URL_BAD;
	return url_kind(w->url.data, w->url.len);
}

/* The alt text of an image, trimmed, for a placeholder. */
static void
put_alt(struct buf *b, const xmlNode *n)
{
	const xmlAttr *a = attr_get(n, "alt");
	const char *v = a != NULL ? attr_value(a) : NULL;
	const char *s;
	size_t len;

	if (v == NULL || !attr_ok(AK_TEXT, v, &s, &len) || len == 0)
		return;
	buf_add(b, ": ", 2);
	put_escaped(b, s, len, 0);
}

static void
put_img(struct walk *w, const xmlNode *n, const struct elem *e)
{
	struct buf *b = w->out;
	enum url_kind k = url_read(w, n, "src");
	int full;

	if (k == URL_CID || (k == URL_WEB && !w->remote_images)) {
		if (k == URL_WEB)
			w->blocked++;
		/* at the depth limit the span would be one too deep: text alone */
		full = w->depth == SANITIZE_MAX_DEPTH;
		if (!full)
			buf_puts(b, k == URL_CID ? CID_SPAN : REMOTE_SPAN);
		buf_puts(b, k == URL_CID ? "[image" : "[image blocked");
		put_alt(b, n);
		buf_puts(b, full ? "]" : "]</span>");
		return;
	}
	if (k != URL_WEB && k != URL_DATA_IMAGE)
		return;
	buf_add(b, "<img", 4);
	put_attr(b, "src", w->url.data, w->url.len);
	put_attrs(b, n, e);
	if (k == URL_WEB)
		buf_puts(b, " referrerpolicy=\"no-referrer\"");
	buf_putc(b, '>');
}

/* 1 if e may be written as a child of top (NULL: at the top of the fragment). */
static int
fits(const struct walk *w, const struct elem *e, const struct elem *top)
{
	if (top != NULL && (top->group & G_TABLE_CONTEXT))
		return (e->parents & top->group) != 0;
	if (e->parents != 0)
		return top != NULL && (e->parents & top->group) != 0;
	if (e->group == G_A)
		return w->in_a == 0;
	if (e->group == G_HEADING)
		return w->in_heading == 0;
	return 1;
}

/* Writes what element n becomes; returns 1 to go on into its children. */
static int
enter(struct walk *w, const xmlNode *n)
{
	const struct elem *e = elem_find(n->name);
	const struct elem *top = w->depth > 0 ? w->stack[w->depth - 1].el : NULL;
	struct buf *b = w->out;

	if (e == NULL)
		return 1;
	if (e->how == DROP)
		return 0;
	if (!fits(w, e, top) || (e->how == KEEP && w->depth == SANITIZE_MAX_DEPTH))
		return 1;
	if (e->group == G_IMG) {
		put_img(w, n, e);
		return 1;
	}
	if (e->group == G_A) {
		switch (url_read(w, n, "href")) {
		case URL_WEB: case URL_MAILTO: case URL_TEL: case URL_FRAGMENT:
			break;
		default:
			return 1;
		}
	}
	buf_putc(b, '<');
	buf_puts(b, e->name);
	if (e->group == G_A)
		put_attr(b, "href", w->url.data, w->url.len);
	put_attrs(b, n, e);
	if (e->group == G_A)
		buf_puts(b, LINK_REL);
	buf_putc(b, '>');
	if (e->how == VOID)
		return 1;
	w->stack[w->depth].node = n;
	w->stack[w->depth].el = e;
	w->depth++;
	w->in_a += e->group == G_A;
	w->in_heading += e->group == G_HEADING;
	return 1;
}

/* Closes n if we wrote it. */
static void
leave(struct walk *w, const xmlNode *n)
{
	const struct elem *e;

	if (w->depth == 0 || w->stack[w->depth - 1].node != n)
		return;
	e = w->stack[--w->depth].el;
	w->in_a -= e->group == G_A;
	w->in_heading -= e->group == G_HEADING;
	buf_add(w->out, "</", 2);
	buf_puts(w->out, e->name);
	buf_putc(w->out, '>');
}

/* Returns 1 to go on into n's children. */
static int
visit(struct walk *w, const xmlNode *n)
{
	switch (n->type) {
	case XML_ELEMENT_NODE:
		return enter(w, n);
	case XML_TEXT_NODE:
		if (n->content != NULL)
			put_escaped(w->out, (const char *)n->content,
			    strlen((const char *)n->content), 0);
		return 0;
	default:   /* comments, PIs, CDATA, doctype, entity references */
		return 0;
	}
}

/* Depth first over the siblings from first and below, by parent pointers. */
static void
walk(struct walk *w, const xmlNode *first)
{
	const xmlNode *n = first;

	while (n != NULL) {
		if (visit(w, n) && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL) {
			leave(w, n);
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (n != NULL && n->type != XML_ELEMENT_NODE)
				n = NULL;   /* back at the document */
		}
	}
}

/*
 * The length of the UTF-8 sequence at s[0..n) if it is valid and an XML
 * character other than a control (tab, LF and CR are kept), else 0.
 */
static size_t
good_char(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	unsigned long cp;

	if (c < 0x80)
		return (c >= 0x20 && c != 0x7f) || c == '\t' || c == '\n' || c == '\r';
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;   /* overlong, or past Unicode */
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
		return 0;   /* surrogates and what XML forbids */
	return len;
}

/* Copies s into b with every bad byte replaced by U+FFFD (a form feed by a
 * space), if there is any; returns 1 if it copied. */
static int
clean_input(const char *s, size_t n, struct buf *b)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, from = 0, k;
	int copied = 0;

	while (i < n) {
		if ((k = good_char(u + i, n - i)) > 0) {
			i += k;
			continue;
		}
		buf_add(b, s + from, i - from);
		if (u[i] == '\f')
			buf_putc(b, ' ');
		else
			buf_add(b, "\xef\xbf\xbd", 3);
		from = ++i;
		copied = 1;
	}
	if (copied)
		buf_add(b, s + from, n - from);
	return copied;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* libxml2's htmlParseHTMLName: the length of an attribute name at s, or 0. */
static size_t
html_name(const char *s, const char *end)
{
	const char *p = s;

	if (p == end || !(is_letter(*p) || *p == '_' || *p == ':' || *p == '.'))
		return 0;
	while (p < end && (is_letter(*p) || (*p >= '0' && *p <= '9') || *p == ':' || *p == '-' ||
	    *p == '_' || *p == '.'))
		p++;
	return (size_t)(p - s);
}

/* The end of the tag's next attribute (or bogus run) starting at p, not blank. */
static const char *
attr_end(const char *p, const char *end)
{
	size_t n = html_name(p, end);
	const char *q;
	char quote;

	if (n == 0) {   /* bogus: up to a blank or the end of the tag */
		while (p < end && !is_blank(*p) && *p != '>' && !(*p == '/' && p + 1 < end && p[1] == '>'))
			p++;
		return p;
	}
	p += n;
	for (q = p; q < end && is_blank(*q); q++)
		;
	if (q == end || *q != '=')
		return p;   /* no value: the blanks belong to what follows */
	for (q++; q < end && is_blank(*q); q++)
		;
	if (q < end && (*q == '"' || *q == '\'')) {
		quote = *q++;
		while (q < end && *q != quote)
			q++;
		return q < end ? q + 1 : q;
	}
	while (q < end && !is_blank(*q) && *q != '>')
		q++;
	return q;
}

/* One start tag at s ("<" and a letter) into b, at most SANITIZE_MAX_ATTRS
 * of its attributes; returns where it ends. */
static const char *
bound_tag(const char *s, const char *end, struct buf *b)
{
	const char *p = s + 1, *a;
	size_t nattrs = 0;

	while (p < end && !is_blank(*p) && *p != '>' && !(*p == '/' && p + 1 < end && p[1] == '>'))
		p++;
	buf_add(b, s, (size_t)(p - s));
	while (p < end) {
		for (a = p; p < end && is_blank(*p); p++)
			;
		if (p == end || *p == '>' || (*p == '/' && p + 1 < end && p[1] == '>')) {
			buf_add(b, a, (size_t)(p - a));
			break;
		}
		p = attr_end(p, end);
		if (++nattrs <= SANITIZE_MAX_ATTRS)
			buf_add(b, a, (size_t)(p - a));
	}
	return p;
}

/* Copies s into b bounded as sanitize.h says; *cut 1 when the rest of it
 * was left out. */
static void
bound_input(const char *s, size_t n, struct buf *b, int *cut)
{
	const char *p = s, *end = s + n, *text;
	size_t tags = 0;

	*cut = 0;
	if (n > SANITIZE_MAX_INPUT) {
		end = s + SANITIZE_MAX_INPUT;
		while (end > s && (*end & 0xc0) == 0x80)   /* not inside a character */
			end--;
		*cut = 1;
	}
	while (p < end) {
		for (text = p; p < end && !(*p == '<' && p + 1 < end && is_letter(p[1])); p++)
			;
		buf_add(b, text, (size_t)(p - text));
		if (p == end)
			break;
		if (++tags > SANITIZE_MAX_TAGS) {
			*cut = 1;
			break;
		}
		p = bound_tag(p, end, b);
	}
}

enum sanitize_err
sanitize_email_html(const char *html, size_t len, int remote_images,
    struct buf *out, unsigned *blocked)
{
	const int opts = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	    HTML_PARSE_IGNORE_ENC;
	enum sanitize_err err = SANITIZE_OK;
	struct buf clean, bounded;
	struct walk *w;
	htmlDocPtr doc;
	size_t start = out->len;
	int cut;

	if (blocked != NULL)
		*blocked = 0;
	if (out->oom)
		return SANITIZE_ENOMEM;
	if (len == 0)
		return SANITIZE_OK;
	if (len > INT_MAX)
		return SANITIZE_EPARSE;
	/* on the heap: the stack of open elements is a few kilobytes */
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return SANITIZE_ENOMEM;
	w->out = out;
	w->remote_images = remote_images;
	buf_init(&w->url);
	buf_init(&clean);
	buf_init(&bounded);
	if (clean_input(html, len, &clean)) {
		html = clean.data;
		len = clean.len;
	}
	bound_input(html, len, &bounded, &cut);
	html = bounded.data;
	len = bounded.len;
	if (clean.oom || bounded.oom) {
		err = SANITIZE_ENOMEM;
		goto done;
	}
	if (len == 0)
		goto done;
	if (len > INT_MAX) {
		err = SANITIZE_EPARSE;
		goto done;
	}
	/* No HTML_PARSE_NOIMPLIED: without html and body, libxml2 nests oddly
	 * (a <p> inside a <script>); we unwrap html and body anyway. */
	if ((doc = htmlReadMemory(html, (int)len, NULL, "UTF-8", opts)) == NULL) {
		err = SANITIZE_EPARSE;
		goto done;
	}
	walk(w, doc->children);
	xmlFreeDoc(doc);
	if (cut)
		buf_puts(out, SANITIZE_CUT_NOTE);
	if (out->oom || w->nomem)
		err = SANITIZE_ENOMEM;
done:
	if (err != SANITIZE_OK) {
		out->len = start;
		if (out->data != NULL)
			out->data[start] = '\0';
	} else if (blocked != NULL)
		*blocked = w->blocked;
	buf_free(&clean);
	buf_free(&bounded);
	buf_free(&w->url);
	free(w);
	return err;
}

const char *
sanitize_err_str(enum sanitize_err e)
{
	switch (e) {
	case SANITIZE_OK:
		return "no error";
	case SANITIZE_ENOMEM:
		return "out of memory while cleaning the email";
	case SANITIZE_EPARSE:
		return "the email could not be read as HTML";
	case SANITIZE__MAX:
		break;
	}
	return "unknown sanitizer error";
}
