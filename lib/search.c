/* search.c — see search.h. tests/http/leads-search.test.mjs runs EXPLAIN on
 * these statements as written here: keep each one a single DB_SQL_COLS. */
#include "search.h"
#include "arena.h"

#include <string.h>

/* The first contact and the last activity of each listed lead: one index
 * range each (contacts.lead_id; activities.lead_history read backwards). */
#define SEARCH_COLUMNS \
	"SELECT l.pid, l.name, s.label AS status," \
	" (SELECT c.name FROM contacts c WHERE c.lead_id = l.id" \
	"   AND c.organization_id = l.organization_id ORDER BY c.id LIMIT 1) AS contact," \
	" (SELECT DATE_FORMAT(COALESCE(CONVERT_TZ(a.activity_at, 'UTC', ?), a.activity_at), '%Y-%m-%d')" \
	"   FROM activities a WHERE a.lead_id = l.id AND a.deleted_at IS NULL" \
	"   ORDER BY a.activity_at DESC, a.id DESC LIMIT 1) AS last_activity"
#define ROW_COLS(X) X(R_PID, "pid") X(R_NAME, "name") X(R_STATUS, "status") \
	X(R_CONTACT, "contact") X(R_LAST, "last_activity")
enum { ROW_COLS(DB_COL_ENUM) R__NCOLS };
static const char *const row_cols[] = { ROW_COLS(DB_COL_NAME) NULL };
static const char *const after_cols[] = { "name", "id", NULL };
enum { AF_NAME, AF_ID };

static struct db_sql q_after = DB_SQL_COLS(
	"SELECT name, id FROM leads WHERE organization_id = ? AND pid = ?", after_cols);

/* Keyset paging on (name, id), never OFFSET: the range of (organization_id,
 * name) starts at the previous page's last name; only its ties are skipped. */
static struct db_sql q_list = DB_SQL_COLS(
	SEARCH_COLUMNS
	" FROM leads l STRAIGHT_JOIN lead_statuses s ON s.id = l.status_id"
	"  AND s.organization_id = l.organization_id"
	" WHERE l.organization_id = ? AND l.name >= ? AND (l.name > ? OR l.id > ?)"
	" ORDER BY l.name, l.id LIMIT 51", row_cols);

/* Each prefix match is a range of its own index, capped: the union holds at
 * most 5 x 101 lead ids whatever the organization's size. */
#define SEARCH_PREFIXES \
	"  (SELECT id AS lead_id FROM leads WHERE organization_id = ? AND name LIKE ?" \
	"    ORDER BY name LIMIT 101)" \
	"  UNION (SELECT lead_id FROM contacts WHERE organization_id = ? AND name LIKE ?" \
	"    ORDER BY name LIMIT 101)" \
	"  UNION (SELECT c.lead_id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id" \
	"    AND c.organization_id = e.organization_id" \
	"    WHERE e.organization_id = ? AND e.email LIKE ? ORDER BY e.email LIMIT 101)" \
	"  UNION (SELECT c.lead_id FROM contact_phones p JOIN contacts c ON c.id = p.contact_id" \
	"    AND c.organization_id = p.organization_id" \
	"    WHERE p.organization_id = ? AND p.phone_digits LIKE ? ORDER BY p.phone_digits LIMIT 101)" \
	"  UNION (SELECT c.lead_id FROM contact_phones p JOIN contacts c ON c.id = p.contact_id" \
	"    AND c.organization_id = p.organization_id" \
	"    WHERE p.organization_id = ? AND p.phone_digits_rev LIKE ? ORDER BY p.phone_digits_rev LIMIT 101)"

/* The leads are read by primary key from the union's few ids (STRAIGHT_JOIN:
 * never from the statuses). */
#define SEARCH_LEADS \
	" ) m" \
	" STRAIGHT_JOIN leads l ON l.id = m.lead_id" \
	" STRAIGHT_JOIN lead_statuses s ON s.id = l.status_id AND s.organization_id = l.organization_id" \
	" WHERE l.organization_id = ?" \
	" ORDER BY l.name, l.id LIMIT 101"

/* The prefix matches alone: when they are more than a search shows, the
 * full-text part is skipped (it costs a read of every lead of every
 * organization with the word, whatever its LIMIT: InnoDB's MATCH returns all
 * of them before the organization and the LIMIT apply). */
static struct db_sql q_search_prefix = DB_SQL_COLS(
	SEARCH_COLUMNS
	" FROM ("
	SEARCH_PREFIXES
	SEARCH_LEADS, row_cols);

/* Everything: the prefix ranges and a word inside a lead's or a contact's
 * name (full-text, at most 7 x 101 lead ids). */
static struct db_sql q_search = DB_SQL_COLS(
	SEARCH_COLUMNS
	" FROM ("
	SEARCH_PREFIXES
	"  UNION (SELECT id FROM leads WHERE MATCH(name) AGAINST(? IN BOOLEAN MODE)"
	"    AND organization_id = ? LIMIT 101)"
	"  UNION (SELECT lead_id FROM contacts WHERE MATCH(name) AGAINST(? IN BOOLEAN MODE)"
	"    AND organization_id = ? LIMIT 101)"
	SEARCH_LEADS, row_cols);

static int
fill(struct arena *a, const struct db_res *r, size_t max, struct search_page *out)
{
	size_t i;

	out->n = r->nrows > max ? max : r->nrows;
	if ((out->rows = arena_alloc(a, (out->n + 1) * sizeof *out->rows)) == NULL)
		return -1;
	for (i = 0; i < out->n; i++) {
		out->rows[i].pid = db_get(r, i, R_PID);
		out->rows[i].name = db_get(r, i, R_NAME);
		out->rows[i].status = db_get(r, i, R_STATUS);
		out->rows[i].contact = db_get(r, i, R_CONTACT);
		out->rows[i].last_activity = db_get(r, i, R_LAST);
	}
	return 0;
}

enum db_err
search_list(struct arena *a, long long org_id, const char *after, const char *tz,
    struct search_page *out, int *after_found)
{
	struct db_res r;
	enum db_err e;
	const char *name = "";
	long long id = 0;

	memset(out, 0, sizeof *out);
	*after_found = 1;
	if (after != NULL) {
		e = db_read(a, &q_after, DB_ARGS(DB_INT(org_id), DB_STR(after)), &r);
		if (e != DB_OK)
			return e;
		if (r.nrows != 1) {
			*after_found = 0;
			return DB_OK;
		}
		name = db_get(&r, 0, AF_NAME);
		id = db_get_int(&r, 0, AF_ID);
	}
	e = db_read(a, &q_list, DB_ARGS(DB_STR(tz), DB_INT(org_id), DB_STR(name), DB_STR(name),
	    DB_INT(id)), &r);
	if (e != DB_OK)
		return e;
	if (fill(a, &r, SEARCH_PAGE, out) != 0)
		return DB_ERROR;
	if (r.nrows > SEARCH_PAGE)
		out->next = out->rows[SEARCH_PAGE - 1].pid;
	return DB_OK;
}

static int
word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    c >= 0x80;
}

/* Characters of a UTF-8 word (continuation bytes not counted). */
static size_t
chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

int
search_terms(struct arena *a, const char *q, struct search_terms *out)
{
	size_t n = strlen(q), i, j, nd = 0, words = 0;
	char *pat, *dig, *rev, *w;
	int phone = 1;

	memset(out, 0, sizeof *out);
	pat = arena_alloc(a, 2 * n + 2);
	dig = arena_alloc(a, n + 2);
	rev = arena_alloc(a, n + 2);
	w = arena_alloc(a, 3 * n + 2);
	if (pat == NULL || dig == NULL || rev == NULL || w == NULL)
		return -1;
	for (i = j = 0; i < n; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			pat[j++] = '\\';
		pat[j++] = q[i];
		if (q[i] >= '0' && q[i] <= '9')
			dig[nd++] = q[i];
		else if (strchr(" +()-./", q[i]) == NULL)
			phone = 0;
	}
	pat[j++] = '%';
	out->prefix = pat;
	if (phone && nd >= 3) {
		for (i = 0; i < nd; i++)
			rev[i] = dig[nd - 1 - i];
		dig[nd] = rev[nd] = '%';
		out->digits = dig;
		out->digits_rev = rev;
	}
	/* words of at least 3 characters (the full-text index's smallest), at
	 * most 8; everything else, boolean operators included, separates them */
	for (i = j = 0; i < n && words < 8;) {
		size_t s = i;
		while (i < n && word_byte((unsigned char)q[i]))
			i++;
		if (i > s && chars(q + s, i - s) >= 3 && chars(q + s, i - s) <= 84) {
			if (j > 0)
				w[j++] = ' ';
			w[j++] = '+';
			memcpy(w + j, q + s, i - s);
			j += i - s;
			w[j++] = '*';
			words++;
		}
		while (i < n && !word_byte((unsigned char)q[i]))
			i++;
	}
	out->words = w;
	return 0;
}

enum db_err
search_leads(struct arena *a, long long org_id, const char *q, const char *tz,
    struct search_page *out)
{
	struct search_terms t;
	struct db_res r;
	enum db_err e;
	struct db_arg dig, rev;

	memset(out, 0, sizeof *out);
	if (search_terms(a, q, &t) != 0)
		return DB_ERROR;
	/* not a phone number: LIKE '' is an empty range of the index (LIKE NULL
	 * would read the whole organization's phones) */
	dig = DB_STR(t.digits ? t.digits : "");
	rev = DB_STR(t.digits_rev ? t.digits_rev : "");
	/* prefixes first: a common word ("Foods" in 10,000 names) is a costly
	 * full-text read, needless when the cheap ranges already fill the page.
	 * Otherwise the whole search, whose result is then the same as if the
	 * prefixes had not been read alone. */
	e = db_read(a, &q_search_prefix, DB_ARGS(DB_STR(tz),
	    DB_INT(org_id), DB_STR(t.prefix), DB_INT(org_id), DB_STR(t.prefix),
	    DB_INT(org_id), DB_STR(t.prefix), DB_INT(org_id), dig, DB_INT(org_id), rev,
	    DB_INT(org_id)), &r);
	if (e == DB_OK && r.nrows <= SEARCH_MAX && t.words[0] != '\0')
		e = db_read(a, &q_search, DB_ARGS(DB_STR(tz),
		    DB_INT(org_id), DB_STR(t.prefix), DB_INT(org_id), DB_STR(t.prefix),
		    DB_INT(org_id), DB_STR(t.prefix), DB_INT(org_id), dig, DB_INT(org_id), rev,
		    DB_STR(t.words), DB_INT(org_id), DB_STR(t.words), DB_INT(org_id),
		    DB_INT(org_id)), &r);
	if (e != DB_OK)
		return e;
	if (fill(a, &r, SEARCH_MAX, out) != 0)
		return DB_ERROR;
	out->more = r.nrows > SEARCH_MAX;
	return DB_OK;
}
