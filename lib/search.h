/* search.h — the leads list (L8): an organization's leads by name in keyset
 * pages, and the search by lead name, contact name, email address or phone
 * number. Every statement reads through an index (sql/007_search.sql,
 * sql/013_search_words.sql). */
#ifndef LL_SEARCH_H
#define LL_SEARCH_H

#include <stddef.h>

#include "db.h"

struct arena;

#define SEARCH_PAGE 50    /* leads per page of the list */
#define SEARCH_MAX  100   /* leads a search shows */
#define SEARCH_QMAX 200   /* bytes of a query */

/* A row of the list: strings in the arena, "" when there is nothing. */
struct search_row {
	const char *pid;
	const char *name;
	const char *status;
	const char *contact;        /* the first contact's name */
	const char *last_activity;  /* "2026-03-04" in the viewer's time zone */
};

struct search_page {
	struct search_row *rows;
	size_t             n;
	const char        *next;    /* list: the pid to continue after; NULL at the end */
	int                more;    /* search: more leads match than are shown */
};

/*
 * A page of the organization's leads by name (then id), after the lead
 * `after` (a pid, or NULL for the first page). *after_found is 0 when after
 * is no lead of this organization (nothing is listed then).
 */
enum db_err search_list(struct arena *, long long org_id, const char *after, const char *tz,
    struct search_page *out, int *after_found);
/*
 * The organization's leads whose name, or a contact's name, begins with q;
 * or that have, for each word of q, a word beginning with it in the lead's
 * name, a contact's name or an email address; or one of whose contacts has
 * an email address beginning with q, or a phone number whose digits begin or
 * end with the digits of q, or hold them after a country code of 1 to 3
 * digits (when q is written as a phone number). At most
 * SEARCH_MAX, by name; out->more when there were more.
 */
enum db_err search_leads(struct arena *, long long org_id, const char *q, const char *tz,
    struct search_page *out);

#define SEARCH_WORDS      4    /* words of a query that must each begin a word of the lead */
#define SEARCH_WORD_CHARS 64   /* characters of a stored word (sql/013_search_words.sql) */

/* What a query becomes (search_leads' parameters; shown for the tests). */
struct search_terms {
	const char *prefix;         /* a LIKE pattern: q with % _ \ escaped, then % */
	const char *digits;         /* "5550100%", or NULL when q is no phone number */
	const char *digits_rev;     /* the digits reversed, then %, or NULL */
	const char *infix;          /* "#2175550%" (4 digits or more), else "" */
	const char *words[SEARCH_WORDS];  /* "word%" LIKE patterns, the longest first */
	size_t      nwords;
};
/*
 * The terms of q (trimmed; not empty). A word is a run of letters and digits
 * (any other character separates them), cut at SEARCH_WORD_CHARS characters;
 * of more than SEARCH_WORDS words the longest are kept. -1 without memory.
 */
int search_terms(struct arena *, const char *q, struct search_terms *out);

#endif
