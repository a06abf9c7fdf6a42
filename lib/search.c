/* search.c — see search.h. tests/http/leads-search.test.mjs runs EXPLAIN on
 * these statements as written here: keep each one a single DB_SQL_COLS. */
#include "search.h"
#include "arena.h"

#include <string.h>

/* The first contact and the last activity of each listed lead: the first
 * row of contacts.lead_id and the lead's lead_last_activity row (by primary
 * key). The index is forced: an ORDER BY ... LIMIT 1 subquery is where the
 * optimizer, on statistics sampled while a table changes, may trade the
 * lead's range for a walk of the whole table in id order. */
#define SEARCH_COLUMNS \
	"SELECT l.pid, l.name, s.label AS status," \
	" (SELECT c.name FROM contacts c FORCE INDEX (lead_id) WHERE c.lead_id = l.id" \
	"   AND c.organization_id = l.organization_id ORDER BY c.id LIMIT 1) AS contact," \
	" (SELECT IF(la.last_at = '1000-01-01', NULL," \
	"     DATE_FORMAT(COALESCE(CONVERT_TZ(la.last_at, 'UTC', ?), la.last_at), '%Y-%m-%d'))" \
	"   FROM lead_last_activity la WHERE la.lead_id = l.id" \
	"   AND la.organization_id = l.organization_id) AS last_activity"
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

/* The prefix matches alone: when they are more than a search shows, the word
 * part is skipped (needless when the cheap ranges already fill the page). */
static struct db_sql q_search_prefix = DB_SQL_COLS(
	SEARCH_COLUMNS
	" FROM ("
	SEARCH_PREFIXES
	SEARCH_LEADS, row_cols);

/* The words of q (sql/013_search_words.sql): a lead that has, for each word
 * of q, a word beginning with it — in its name, a contact's name or an email
 * address. The longest word of q is the range read (w0); each other word is
 * a probe of that lead's own words (by_lead). At most 101 lead ids. */
#define SEARCH_WORDS_FROM \
	"  UNION (SELECT w0.lead_id FROM search_words w0"
#define SEARCH_AND_W1 \
	"   STRAIGHT_JOIN search_words w1 FORCE INDEX (by_lead) ON w1.organization_id = w0.organization_id" \
	"    AND w1.lead_id = w0.lead_id AND w1.word LIKE ?"
#define SEARCH_AND_W2 \
	"   STRAIGHT_JOIN search_words w2 FORCE INDEX (by_lead) ON w2.organization_id = w0.organization_id" \
	"    AND w2.lead_id = w0.lead_id AND w2.word LIKE ?"
#define SEARCH_AND_W3 \
	"   STRAIGHT_JOIN search_words w3 FORCE INDEX (by_lead) ON w3.organization_id = w0.organization_id" \
	"    AND w3.lead_id = w0.lead_id AND w3.word LIKE ?"
#define SEARCH_WORDS_WHERE \
	"   WHERE w0.organization_id = ? AND w0.word LIKE ? LIMIT 101)"
/* A phone number typed without its country code: the digits from the 2nd,
 * 3rd or 4th on ("#2175550123" for 12175550123), a range of the words too. */
#define SEARCH_INFIX \
	"  UNION (SELECT lead_id FROM search_words WHERE organization_id = ? AND word LIKE ?" \
	"    ORDER BY word LIMIT 101)"

/* Everything: the prefix ranges, the words (one statement per count of
 * words, 1 to SEARCH_WORDS) and the phone infix. */
static struct db_sql q_search1 = DB_SQL_COLS(
	SEARCH_COLUMNS " FROM (" SEARCH_PREFIXES
	SEARCH_WORDS_FROM SEARCH_WORDS_WHERE
	SEARCH_INFIX SEARCH_LEADS, row_cols);
static struct db_sql q_search2 = DB_SQL_COLS(
	SEARCH_COLUMNS " FROM (" SEARCH_PREFIXES
	SEARCH_WORDS_FROM SEARCH_AND_W1 SEARCH_WORDS_WHERE
	SEARCH_INFIX SEARCH_LEADS, row_cols);
static struct db_sql q_search3 = DB_SQL_COLS(
	SEARCH_COLUMNS " FROM (" SEARCH_PREFIXES
	SEARCH_WORDS_FROM SEARCH_AND_W1 SEARCH_AND_W2 SEARCH_WORDS_WHERE
	SEARCH_INFIX SEARCH_LEADS, row_cols);
static struct db_sql q_search4 = DB_SQL_COLS(
	SEARCH_COLUMNS " FROM (" SEARCH_PREFIXES
	SEARCH_WORDS_FROM SEARCH_AND_W1 SEARCH_AND_W2 SEARCH_AND_W3 SEARCH_WORDS_WHERE
	SEARCH_INFIX SEARCH_LEADS, row_cols);

static struct db_sql *const q_search[SEARCH_WORDS] = { &q_search1, &q_search2, &q_search3, &q_search4 };

/* How many words each word of q begins, as the optimizer estimates them
 * (EXPLAIN: two index dives a word, nothing read): the rarest is the range
 * the search reads, the others are probes. A word not asked is '' (an empty
 * range). EXPLAIN's columns are MariaDB's; id is the part (1 to 4). */
#define SEARCH_ESTIMATE_ONE \
	"SELECT 1 FROM search_words WHERE organization_id = ? AND word LIKE ?"
#define EXPLAIN_COLS(X) X(EX_ID, "id") X(EX_SELECT_TYPE, "select_type") X(EX_TABLE, "table") \
	X(EX_TYPE, "type") X(EX_POSSIBLE_KEYS, "possible_keys") X(EX_KEY, "key") \
	X(EX_KEY_LEN, "key_len") X(EX_REF, "ref") X(EX_ROWS, "rows") X(EX_EXTRA, "Extra")
enum { EXPLAIN_COLS(DB_COL_ENUM) EX__NCOLS };
static const char *const explain_cols[] = { EXPLAIN_COLS(DB_COL_NAME) NULL };
static struct db_sql q_word_estimates = DB_SQL_COLS(
	"EXPLAIN " SEARCH_ESTIMATE_ONE
	" UNION ALL " SEARCH_ESTIMATE_ONE
	" UNION ALL " SEARCH_ESTIMATE_ONE
	" UNION ALL " SEARCH_ESTIMATE_ONE, explain_cols);
_Static_assert(SEARCH_WORDS == 4, "q_word_estimates estimates SEARCH_WORDS words");

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

/*
 * The code point of the UTF-8 sequence at s (n bytes left) and its length;
 * a malformed byte is U+FFFD, one byte long.
 */
static unsigned
utf8_at(const unsigned char *s, size_t n, size_t *len)
{
	unsigned c = s[0], need, i;

	*len = 1;
	if (c < 0x80)
		return c;
	need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	if (need == 0 || need >= n)
		return 0xFFFD;
	c &= 0x3F >> need;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0xFFFD;
		c = c << 6 | (s[i] & 0x3F);
	}
	*len = need + 1;
	return c;
}

/* A character of a word: what sql/013's \p{L} and \p{N} keep, near enough
 * without a Unicode table: ASCII letters and digits, and every other code
 * point but the punctuation and symbol blocks a name or an address holds
 * (Latin-1's, general punctuation, arrows and symbols, CJK punctuation,
 * fullwidth ASCII punctuation). */
static int
word_char(unsigned c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return !(c <= 0xBF || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) ||
	    (c >= 0x3000 && c <= 0x303F) || c == 0xFEFF || (c >= 0xFF00 && c <= 0xFF0F) ||
	    c == 0xFFFD);
}

/* A LIKE pattern of the n bytes at s: % _ \ escaped, then %. */
static char *
like_prefix(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, 2 * n + 2);
	size_t i, j = 0;

	if (p == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			p[j++] = '\\';
		p[j++] = s[i];
	}
	p[j++] = '%';
	p[j] = '\0';
	return p;
}

int
search_terms(struct arena *a, const char *q, struct search_terms *out)
{
	size_t n = strlen(q), i, nd = 0, k;
	char *dig, *rev, *infix;
	int phone = 1;
	struct { const char *s; size_t len, chars; } w[SEARCH_WORDS];
	size_t nw = 0;

	memset(out, 0, sizeof *out);
	dig = arena_alloc(a, n + 2);
	rev = arena_alloc(a, n + 2);
	infix = arena_alloc(a, n + 3);
	if ((out->prefix = like_prefix(a, q, n)) == NULL || dig == NULL || rev == NULL || infix == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (q[i] >= '0' && q[i] <= '9')
			dig[nd++] = q[i];
		else if (strchr(" +()-./", q[i]) == NULL)
			phone = 0;
	}
	out->infix = "";
	if (phone && nd >= 3) {
		for (i = 0; i < nd; i++)
			rev[i] = dig[nd - 1 - i];
		dig[nd] = rev[nd] = '%';
		dig[nd + 1] = rev[nd + 1] = '\0';
		out->digits = dig;
		out->digits_rev = rev;
		if (nd >= 4) {
			infix[0] = '#';
			memcpy(infix + 1, dig, nd + 2);
			out->infix = infix;
		}
	}
	/* the words, each cut at SEARCH_WORD_CHARS characters as stored; the
	 * longest SEARCH_WORDS of them, longest first */
	for (i = 0; i < n;) {
		size_t s, len, chars = 0, cut = 0;
		unsigned c = utf8_at((const unsigned char *)q + i, n - i, &len);
		if (!word_char(c)) {
			i += len;
			continue;
		}
		for (s = i; i < n && word_char(c = utf8_at((const unsigned char *)q + i, n - i, &len)); i += len)
			if (++chars <= SEARCH_WORD_CHARS)
				cut = i + len - s;
		if (chars > SEARCH_WORD_CHARS)
			chars = SEARCH_WORD_CHARS;
		/* insert by length, dropping the shortest when full */
		for (k = nw; k > 0 && w[k - 1].chars < chars; k--)
			if (k < SEARCH_WORDS)
				w[k] = w[k - 1];
		if (k < SEARCH_WORDS) {
			w[k].s = q + s;
			w[k].len = cut;
			w[k].chars = chars;
			if (nw < SEARCH_WORDS)
				nw++;
		}
	}
	for (k = 0; k < nw; k++)
		if ((out->words[k] = like_prefix(a, w[k].s, w[k].len)) == NULL)
			return -1;
	out->nwords = nw;
	return 0;
}

/* Puts the word of t that begins the fewest words of the organization first. */
static enum db_err
rarest_first(struct arena *a, long long org_id, struct search_terms *t)
{
	struct db_arg args[2 * SEARCH_WORDS];
	struct db_res r;
	enum db_err e;
	size_t k, i, best = 0;
	long long least = -1, c, part;
	const char *w;

	for (k = 0; k < SEARCH_WORDS; k++) {
		args[2 * k] = DB_INT(org_id);
		args[2 * k + 1] = DB_STR(k < t->nwords ? t->words[k] : "");
	}
	if ((e = db_read(a, &q_word_estimates, args, 2 * SEARCH_WORDS, &r)) != DB_OK)
		return e;
	for (i = 0; i < r.nrows; i++) {
		part = db_get_int(&r, i, EX_ID);
		c = db_get_int(&r, i, EX_ROWS);
		if (part < 1 || (size_t)part > t->nwords)
			continue;
		if (least < 0 || c < least) {
			least = c;
			best = (size_t)part - 1;
		}
	}
	w = t->words[0];
	t->words[0] = t->words[best];
	t->words[best] = w;
	return DB_OK;
}

enum db_err
search_leads(struct arena *a, long long org_id, const char *q, const char *tz,
    struct search_page *out)
{
	struct search_terms t;
	struct db_arg args[11 + SEARCH_WORDS + 4];   /* prefixes, words, infix, the leads */
	struct db_res r;
	enum db_err e;
	size_t n = 0, k;

	memset(out, 0, sizeof *out);
	if (search_terms(a, q, &t) != 0)
		return DB_ERROR;
	/* not a phone number: LIKE '' is an empty range of the index (LIKE NULL
	 * would read the whole organization's phones) */
	args[n++] = DB_STR(tz);
	args[n++] = DB_INT(org_id);
	args[n++] = DB_STR(t.prefix);
	args[n++] = DB_INT(org_id);
	args[n++] = DB_STR(t.prefix);
	args[n++] = DB_INT(org_id);
	args[n++] = DB_STR(t.prefix);
	args[n++] = DB_INT(org_id);
	args[n++] = DB_STR(t.digits ? t.digits : "");
	args[n++] = DB_INT(org_id);
	args[n++] = DB_STR(t.digits_rev ? t.digits_rev : "");
	/* prefixes first: when they fill the page the words are not read, and
	 * otherwise the whole search, whose result is then the same as if the
	 * prefixes had not been read alone */
	args[n] = DB_INT(org_id);
	e = db_read(a, &q_search_prefix, args, n + 1, &r);
	if (e == DB_OK && r.nrows <= SEARCH_MAX && t.nwords > 1)
		e = rarest_first(a, org_id, &t);
	if (e == DB_OK && r.nrows <= SEARCH_MAX && t.nwords > 0) {
		for (k = 1; k < t.nwords; k++)
			args[n++] = DB_STR(t.words[k]);
		args[n++] = DB_INT(org_id);
		args[n++] = DB_STR(t.words[0]);
		args[n++] = DB_INT(org_id);
		args[n++] = DB_STR(t.infix);
		args[n++] = DB_INT(org_id);
		e = db_read(a, q_search[t.nwords - 1], args, n, &r);
	}
	if (e != DB_OK)
		return e;
	if (fill(a, &r, SEARCH_MAX, out) != 0)
		return DB_ERROR;
	out->more = r.nrows > SEARCH_MAX;
	return DB_OK;
}
