/* valid.c — see valid.h. Every check walks bytes itself: no locale, no
 * regex, no floating point (an amount is digits all the way to minor units). */
#include "valid.h"
#include "arena.h"
#include "http.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

const char *const valid_directions[] = { "incoming", "outgoing", NULL };
const char *const valid_periods[] = { "one_time", "monthly", "annual", NULL };
const char *const valid_call_outcomes[] = { "answered", "no-answer", "voicemail", "busy", NULL };
const char *const valid_email_types[] = { "office", "home", "direct", "other", NULL };
const char *const valid_phone_types[] = { "office", "mobile", "home", "direct", "fax", "other", NULL };

/* Active ISO 4217 codes and their decimals (minor unit exponent), sorted. */
static const struct {
	char code[4];
	int  exponent;
} valid_currencies[] = {
	{"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2}, {"ARS", 2},
	{"AUD", 2}, {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2}, {"BDT", 2}, {"BGN", 2},
	{"BHD", 3}, {"BIF", 0}, {"BMD", 2}, {"BND", 2}, {"BOB", 2}, {"BRL", 2}, {"BSD", 2},
	{"BTN", 2}, {"BWP", 2}, {"BYN", 2}, {"BZD", 2}, {"CAD", 2}, {"CDF", 2}, {"CHF", 2},
	{"CLF", 4}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"CRC", 2}, {"CUP", 2}, {"CVE", 2},
	{"CZK", 2}, {"DJF", 0}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2}, {"EGP", 2}, {"ERN", 2},
	{"ETB", 2}, {"EUR", 2}, {"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2}, {"GHS", 2},
	{"GIP", 2}, {"GMD", 2}, {"GNF", 0}, {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2},
	{"HTG", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"IQD", 3}, {"IRR", 2},
	{"ISK", 0}, {"JMD", 2}, {"JOD", 3}, {"JPY", 0}, {"KES", 2}, {"KGS", 2}, {"KHR", 2},
	{"KMF", 0}, {"KPW", 2}, {"KRW", 0}, {"KWD", 3}, {"KYD", 2}, {"KZT", 2}, {"LAK", 2},
	{"LBP", 2}, {"LKR", 2}, {"LRD", 2}, {"LSL", 2}, {"LYD", 3}, {"MAD", 2}, {"MDL", 2},
	{"MGA", 2}, {"MKD", 2}, {"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MRU", 2}, {"MUR", 2},
	{"MVR", 2}, {"MWK", 2}, {"MXN", 2}, {"MYR", 2}, {"MZN", 2}, {"NAD", 2}, {"NGN", 2},
	{"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3}, {"PAB", 2}, {"PEN", 2},
	{"PGK", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2},
	{"RSD", 2}, {"RUB", 2}, {"RWF", 0}, {"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2},
	{"SEK", 2}, {"SGD", 2}, {"SHP", 2}, {"SLE", 2}, {"SOS", 2}, {"SRD", 2}, {"SSP", 2},
	{"STN", 2}, {"SVC", 2}, {"SYP", 2}, {"SZL", 2}, {"THB", 2}, {"TJS", 2}, {"TMT", 2},
	{"TND", 3}, {"TOP", 2}, {"TRY", 2}, {"TTD", 2}, {"TWD", 2}, {"TZS", 2}, {"UAH", 2},
	{"UGX", 0}, {"USD", 2}, {"UYU", 2}, {"UYW", 4}, {"UZS", 2}, {"VES", 2}, {"VND", 0},
	{"VUV", 0}, {"WST", 2}, {"XAF", 0}, {"XCD", 2}, {"XCG", 2}, {"XOF", 0}, {"XPF", 0},
	{"YER", 2}, {"ZAR", 2}, {"ZMW", 2}, {"ZWG", 2},
};

static const char *const valid_rc_names[VALID__MAX] = {
	[VALID_OK] = "ok", [VALID_INVALID] = "invalid", [VALID_REFUSED] = "refused",
	[VALID_NOT_FOUND] = "not found", [VALID_DOWN] = "database down", [VALID_ERROR] = "error",
};

/* Amounts stop below 10^13 major units: times 10^4 (the largest exponent)
 * that still fits a BIGINT with room to spare. */
#define VALID_AMOUNT_LIMIT  10000000000000LL
#define VALID_NUMBER_DIGITS 30
#define VALID_DAY_SECONDS   86400

void
valid_reset(struct valid_errs *e)
{
	memset(e, 0, sizeof *e);
}

void
valid_add(struct valid_errs *e, const char *field, const char *msg)
{
	if (valid_get(e, field) != NULL || e->n >= VALID_MAX)
		return;
	e->field[e->n] = field;
	e->msg[e->n] = msg ? msg : "This value was refused.";
	e->n++;
}

const char *
valid_get(const struct valid_errs *e, const char *field)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (strcmp(e->field[i], field) == 0)
			return e->msg[i];
	return NULL;
}

enum valid_rc
valid_db(enum db_err e)
{
	switch (e) {
	case DB_OK:
		return VALID_OK;
	case DB_DOWN:
		return VALID_DOWN;
	default:
		return VALID_ERROR;
	}
}

const char *
valid_rc_str(enum valid_rc rc)
{
	return rc < VALID__MAX ? valid_rc_names[rc] : "?";
}

/* ---- helpers ---- */

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The input without spaces around it: a pointer into it and a length. */
static const char *
trim(const char *in, size_t *len)
{
	size_t n;

	if (in == NULL) {
		*len = 0;
		return "";
	}
	while (is_space(*in))
		in++;
	n = strlen(in);
	while (n > 0 && is_space(in[n - 1]))
		n--;
	*len = n;
	return in;
}

static size_t
utf8_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

int
valid_fail(struct arena *a, struct valid_errs *e, const struct valid_spec *sp, const char *rest)
{
	const char *m = a ? arena_printf(a, "%s %s", sp->what, rest) : NULL;

	valid_add(e, sp->field, m ? m : rest);
	return 0;
}

/* Empty input: refused when required, else *out = NULL and 1. */
static int
empty(struct arena *a, struct valid_errs *e, const struct valid_spec *sp, const char **out)
{
	if (out != NULL)
		*out = NULL;
	if (sp->flags & VALID_REQUIRED)
		return valid_fail(a, e, sp, "is required.");
	return 1;
}

/* UTF-8 and control characters; shared by every validator of free text. */
static int
clean_text(struct arena *a, struct valid_errs *e, const struct valid_spec *sp, const char *s,
    size_t len, int multiline)
{
	size_t i;

	if (!http_utf8_valid(s, len))
		return valid_fail(a, e, sp, "contains characters that are not valid text (UTF-8).");
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c == '\n' || c == '\r') && !multiline)
			return valid_fail(a, e, sp, "must fit on one line.");
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c < 0x20 || c == 0x7F)
			return valid_fail(a, e, sp, "contains control characters.");
	}
	return 1;
}

/* ---- text ---- */

int
valid_text(struct arena *a, struct valid_errs *e, const struct valid_spec *sp, const char *in,
    const char **out)
{
	size_t len, n, i, j;
	const char *s = trim(in, &len);
	char *cp;

	*out = NULL;
	if (a == NULL)
		return 0;
	if (len == 0)
		return empty(a, e, sp, out);
	if (!clean_text(a, e, sp, s, len, (sp->flags & VALID_MULTILINE) != 0))
		return 0;
	if ((cp = arena_alloc(a, len + 1)) == NULL)
		return 0;
	/* a textarea sends CRLF; the model keeps LF, as the demo data does */
	for (i = j = 0; i < len; i++) {
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		cp[j++] = s[i];
	}
	cp[j] = '\0';
	n = (sp->flags & VALID_BYTES) ? j : utf8_chars(cp, j);
	if (sp->max > 0 && n > sp->max) {
		const char *m = arena_printf(a, "is too long: use at most %zu %s.", sp->max,
		    (sp->flags & VALID_BYTES) ? "bytes" : "characters");
		return valid_fail(a, e, sp, m ? m : "is too long.");
	}
	*out = cp;
	return 1;
}

/* ---- email ---- */

static int
email_ok(const char *s, size_t len)
{
	const char *at = NULL, *d;
	size_t i, local, label = 0, labels = 0, dlen;
	int alpha_tld = 0;

	if (len > 254)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] == '@')
			at = s + i;
	if (at == NULL)
		return 0;
	local = (size_t)(at - s);
	if (local == 0 || local > 64 || s[0] == '.' || s[local - 1] == '.')
		return 0;
	for (i = 0; i < local; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit((char)c))
			continue;
		if (c == '.' && s[i + 1] == '.')
			return 0;
		if (strchr(".!#$%&'*+/=?^_`{|}~-", c) == NULL || c == '\0')
			return 0;
	}
	d = at + 1;
	dlen = len - local - 1;
	if (dlen == 0)
		return 0;
	/* labels of letters, digits and hyphens (or UTF-8), not at a label's ends */
	for (i = 0; i <= dlen; i++) {
		unsigned char c = i < dlen ? (unsigned char)d[i] : '.';
		if (c == '.') {
			if (label == 0 || label > 63 || d[i - 1] == '-')
				return 0;
			labels++;
			label = 0;
			continue;
		}
		if (label == 0) {
			if (c == '-')
				return 0;
			alpha_tld = 0;
		}
		if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			alpha_tld = 1;
		else if (!is_digit((char)c) && c != '-')
			return 0;
		label++;
	}
	return labels >= 2 && alpha_tld;
}

int
valid_email(struct arena *a, struct valid_errs *e, const struct valid_spec *sp, const char *in,
    const char **out)
{
	size_t len;
	const char *s = trim(in, &len);

	*out = NULL;
	if (a == NULL)
		return 0;
	if (len == 0)
		return empty(a, e, sp, out);
	if (!clean_text(a, e, sp, s, len, 0))
		return 0;
	if (!email_ok(s, len))
		return valid_fail(a, e, sp, "must be an email address like name@example.com.");
	return (*out = arena_strndup(a, s, len)) != NULL;
}

int
valid_email_list(struct arena *a, struct valid_errs *e, const struct valid_spec *sp,
    const char *in, const char **out)
{
	size_t len, i, start, n = 0, used = 0;
	const char *s = trim(in, &len);
	char *cp;

	*out = NULL;
	if (a == NULL)
		return 0;
	if (len == 0)
		return empty(a, e, sp, out);
	if (!clean_text(a, e, sp, s, len, 1))
		return 0;
	/* ", " between addresses is never longer than the separators it replaces
	 * plus one byte per address */
	if ((cp = arena_alloc(a, 2 * len + 1)) == NULL)
		return 0;
	for (i = start = 0; i <= len; i++) {
		size_t alen;
		const char *addr;
		if (i < len && s[i] != ',' && s[i] != ';' && s[i] != '\n' && s[i] != '\r')
			continue;
		addr = s + start;
		alen = i - start;
		start = i + 1;
		while (alen > 0 && is_space(*addr)) {
			addr++;
			alen--;
		}
		while (alen > 0 && is_space(addr[alen - 1]))
			alen--;
		if (alen == 0)
			continue;
		if (!email_ok(addr, alen)) {
			const char *m = arena_printf(a, "must be email addresses separated by commas:"
			    " \"%.*s\" is not one.", (int)(alen > 80 ? 80 : alen), addr);
			return valid_fail(a, e, sp, m ? m : "must be email addresses separated by commas.");
		}
		if (n++ > 0) {
			memcpy(cp + used, ", ", 2);
			used += 2;
		}
		memcpy(cp + used, addr, alen);
		used += alen;
	}
	cp[used] = '\0';
	if (n == 0)
		return empty(a, e, sp, out);
	if (sp->max > 0 && used > sp->max)
		return valid_fail(a, e, sp, "is too long: list fewer addresses.");
	*out = cp;
	return 1;
}

/* ---- phone ---- */

int
valid_phone(struct arena *a, struct valid_errs *e, const struct valid_spec *sp, const char *in,
    const char **out, const char **digits)
{
	size_t len, i, nd = 0;
	const char *s = trim(in, &len);
	char *d;

	*out = NULL;
	*digits = NULL;
	if (a == NULL)
		return 0;
	if (len == 0)
		return empty(a, e, sp, out);
	if ((d = arena_alloc(a, len + 1)) == NULL)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (is_digit(c)) {
			d[nd++] = c;
			continue;
		}
		if (c == '+' && i == 0)
			continue;
		if (strchr(" ()-./", c) == NULL || c == '\0')
			break;
	}
	d[nd] = '\0';
	if (i < len || nd < 3 || nd > 20 || len > 40)
		return valid_fail(a, e, sp, "must be a phone number like +1 (415) 555-0132.");
	*digits = d;
	return (*out = arena_strndup(a, s, len)) != NULL;
}

/* ---- url ---- */

static int
url_authority_ok(const char *h, size_t n)
{
	size_t i, host = n;

	if (n == 0 || h[0] == '.' || h[0] == ':')
		return 0;
	if (h[0] == '[') {   /* an IPv6 literal */
		for (i = 1; i < n && h[i] != ']'; i++)
			if (!is_digit(h[i]) && strchr("abcdefABCDEF:.", h[i]) == NULL)
				return 0;
		if (i == n || i == 1)
			return 0;
		host = i + 1;
	} else {
		for (i = 0; i < n && h[i] != ':'; i++) {
			unsigned char c = (unsigned char)h[i];
			if (!(c >= 0x80 || is_digit((char)c) || (c >= 'a' && c <= 'z') ||
			    (c >= 'A' && c <= 'Z') || c == '.' || c == '-'))
				return 0;
		}
		host = i;
	}
	if (host < n) {   /* a port */
		if (h[host] != ':' || host + 1 == n || n - host - 1 > 5)
			return 0;
		for (i = host + 1; i < n; i++)
			if (!is_digit(h[i]))
				return 0;
	}
	return 1;
}

int
valid_url(struct arena *a, struct valid_errs *e, const struct valid_spec *sp, const char *in,
    const char **out)
{
	static const char bad[] = "must be a web address starting with http:// or https://.";
	size_t len, i, sch = 0, max = sp->max ? sp->max : 2048, auth;
	const char *s = trim(in, &len), *u, *rest;
	int dotted = 0;

	*out = NULL;
	if (a == NULL)
		return 0;
	if (len == 0)
		return empty(a, e, sp, out);
	if (!clean_text(a, e, sp, s, len, 0))
		return 0;
	for (i = 0; i < len; i++)
		if (is_space(s[i]) || s[i] == '\\')
			return valid_fail(a, e, sp, bad);
	/* a scheme is letters, digits, + . - before ':'; "globex.com:8080/x" is a host */
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c == ':')
			break;
		if (c == '.')
			dotted = 1;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
		    c == '+' || c == '-' || c == '.'))
			break;
	}
	if (i < len && s[i] == ':' && !(dotted && strncmp(s + i, "://", 3) != 0))
		sch = i;
	if (sch == 0) {
		u = arena_printf(a, "https://%.*s", (int)len, s);
	} else {
		if (!((sch == 4 && strncasecmp(s, "http", 4) == 0) ||
		    (sch == 5 && strncasecmp(s, "https", 5) == 0)) || strncmp(s + sch, "://", 3) != 0)
			return valid_fail(a, e, sp, bad);
		u = arena_strndup(a, s, len);
	}
	if (u == NULL)
		return 0;
	rest = strstr(u, "://") + 3;
	auth = strcspn(rest, "/?#");
	if (memchr(rest, '@', auth) != NULL || !url_authority_ok(rest, auth))
		return valid_fail(a, e, sp, bad);
	if (utf8_chars(u, strlen(u)) > max) {
		const char *m = arena_printf(a, "is too long: use at most %zu characters.", max);
		return valid_fail(a, e, sp, m ? m : "is too long.");
	}
	*out = u;
	return 1;
}

/* ---- dates and times ---- */

static int
digits_at(const char *s, size_t n, int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

static int
days_in(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* "YYYY-MM-DD" at s; 1 if it is a real date in MariaDB's DATE range. */
static int
date_ok(const char *s)
{
	int y, m, d;

	if (!digits_at(s, 4, &y) || s[4] != '-' || !digits_at(s + 5, 2, &m) || s[7] != '-' ||
	    !digits_at(s + 8, 2, &d))
		return 0;
	return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m);
}

int
valid_date(struct arena *a, struct valid_errs *e, const struct valid_spec *sp, const char *in,
    const char **out)
{
	size_t len;
	const char *s = trim(in, &len);

	*out = NULL;
	if (a == NULL)
		return 0;
	if (len == 0)
		return empty(a, e, sp, out);
	if (len != 10 || !date_ok(s))
		return valid_fail(a, e, sp, "must be a date like 2026-12-31.");
	return (*out = arena_strndup(a, s, len)) != NULL;
}

int
valid_datetime(struct arena *a, struct valid_errs *e, const struct valid_spec *sp,
    const char *in, const char **out)
{
	size_t len;
	const char *s = trim(in, &len);
	int h, mi, sec = 0;

	*out = NULL;
	if (a == NULL)
		return 0;
	if (len == 0)
		return empty(a, e, sp, out);
	if ((len != 16 && len != 19) || !date_ok(s) || (s[10] != ' ' && s[10] != 'T') ||
	    !digits_at(s + 11, 2, &h) || s[13] != ':' || !digits_at(s + 14, 2, &mi) ||
	    (len == 19 && (s[16] != ':' || !digits_at(s + 17, 2, &sec))) ||
	    h > 23 || mi > 59 || sec > 59)
		return valid_fail(a, e, sp, "must be a date and time like 2026-12-31 14:30.");
	*out = arena_printf(a, "%.10s %.2s:%.2s:%02d", s, s + 11, s + 14, sec);
	return *out != NULL;
}

/* ---- numbers ---- */

int
valid_int(struct arena *a, struct valid_errs *e, const struct valid_spec *sp, const char *in,
    long long min, long long max, long long *out, int *given)
{
	size_t len, i, end;
	const char *s = trim(in, &len);
	long long v = 0;
	const char *m;

	*out = min;
	*given = 0;
	if (a == NULL)
		return 0;
	if (len == 0) {
		const char *dummy;
		return empty(a, e, sp, &dummy);
	}
	end = len;
	if (s[end - 1] == '%') {
		end--;
		while (end > 0 && s[end - 1] == ' ')
			end--;
	}
	for (i = 0; i < end && i < 19; i++) {
		if (!is_digit(s[i]))
			break;
		/* 19 digits can pass LLONG_MAX: signed overflow (UBSan) */
		if (v > (LLONG_MAX - (s[i] - '0')) / 10)
			break;
		v = v * 10 + (s[i] - '0');
	}
	if (end == 0 || i != end || v < min || v > max) {
		m = arena_printf(a, "must be a whole number from %lld to %lld.", min, max);
		return valid_fail(a, e, sp, m ? m : "must be a whole number.");
	}
	*out = v;
	*given = 1;
	return 1;
}

/* Digits with optional thousands commas ("1,200,000"), as in an amount: the
 * number of digits into *nd, 0 on a misplaced comma or another character. */
static int
grouped_digits(const char *s, size_t n, size_t *nd)
{
	size_t i, group = 0, groups = 0;
	int commas = memchr(s, ',', n) != NULL;

	*nd = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == ',') {
			if (group == 0 || (groups > 0 && group != 3) || (groups == 0 && group > 3))
				return 0;
			groups++;
			group = 0;
			continue;
		}
		if (!is_digit(s[i]))
			return 0;
		group++;
		(*nd)++;
	}
	if (commas && group != 3)
		return 0;
	return 1;
}

int
valid_number(struct arena *a, struct valid_errs *e, const struct valid_spec *sp,
    const char *in, const char **out)
{
	static const char bad[] = "must be a number like 1200 or 3.5.";
	size_t len, ilen, nd = 0, fd = 0, i, j;
	const char *s = trim(in, &len), *dot, *p;
	char *cp;
	int neg;

	*out = NULL;
	if (a == NULL)
		return 0;
	if (len == 0)
		return empty(a, e, sp, out);
	neg = s[0] == '-';
	p = s + neg;
	len -= (size_t)neg;
	dot = memchr(p, '.', len);
	ilen = dot ? (size_t)(dot - p) : len;
	if (!grouped_digits(p, ilen, &nd))
		return valid_fail(a, e, sp, bad);
	if (dot != NULL) {
		for (i = ilen + 1; i < len; i++, fd++)
			if (!is_digit(p[i]))
				return valid_fail(a, e, sp, bad);
	}
	if (nd == 0 || (dot != NULL && fd == 0) || nd + fd > VALID_NUMBER_DIGITS)
		return valid_fail(a, e, sp, bad);
	if ((cp = arena_alloc(a, len + 2)) == NULL)
		return 0;
	j = 0;
	if (neg)
		cp[j++] = '-';
	for (i = 0; i < len; i++)
		if (p[i] != ',')
			cp[j++] = p[i];
	cp[j] = '\0';
	*out = cp;
	return 1;
}

int
valid_duration(struct arena *a, struct valid_errs *e, const struct valid_spec *sp,
    const char *in, long long *out)
{
	static const char bad[] = "must be seconds, or minutes and seconds like 4:30.";
	size_t len, i, parts = 1, start = 0;
	const char *s = trim(in, &len);
	long long v[3] = { 0, 0, 0 };

	*out = -1;
	if (a == NULL)
		return 0;
	if (len == 0) {
		const char *dummy;
		return empty(a, e, sp, &dummy);
	}
	for (i = 0; i <= len; i++) {
		if (i < len && is_digit(s[i])) {
			if (i - start >= 6)
				return valid_fail(a, e, sp, bad);
			v[parts - 1] = v[parts - 1] * 10 + (s[i] - '0');
			continue;
		}
		if (i == start || (i < len && (s[i] != ':' || parts == 3)))
			return valid_fail(a, e, sp, bad);
		/* every part after the first is two digits below 60 */
		if (parts > 1 && (i - start != 2 || v[parts - 1] > 59))
			return valid_fail(a, e, sp, bad);
		if (i < len)
			parts++;
		start = i + 1;
	}
	if (parts == 1)
		*out = v[0];
	else if (parts == 2)
		*out = v[0] * 60 + v[1];
	else if (v[1] > 59)
		return valid_fail(a, e, sp, bad);
	else
		*out = v[0] * 3600 + v[1] * 60 + v[2];
	if (*out > VALID_DAY_SECONDS) {
		*out = -1;
		return valid_fail(a, e, sp, "must be at most 24 hours.");
	}
	return 1;
}

/* ---- choices ---- */

int
valid_choice(struct arena *a, struct valid_errs *e, const struct valid_spec *sp, const char *in,
    const char *const *table, const char **out)
{
	size_t len, i, need = 1;
	const char *s = trim(in, &len);
	char *list;

	*out = NULL;
	if (a == NULL)
		return 0;
	if (len == 0)
		return empty(a, e, sp, out);
	for (i = 0; table[i] != NULL; i++) {
		if (strlen(table[i]) == len && strncasecmp(table[i], s, len) == 0) {
			*out = table[i];
			return 1;
		}
		need += strlen(table[i]) + 2;
	}
	if ((list = arena_alloc(a, need)) == NULL)
		return valid_fail(a, e, sp, "is not one of its choices.");
	for (i = 0; table[i] != NULL; i++) {
		if (i > 0)
			strcat(list, ", ");
		strcat(list, table[i]);
	}
	{
		const char *m = arena_printf(a, "must be one of: %s.", list);
		return valid_fail(a, e, sp, m ? m : "is not one of its choices.");
	}
}

int
valid_choice_line(struct arena *a, struct valid_errs *e, const struct valid_spec *sp,
    const char *in, const char *choices, const char **out)
{
	size_t len, n;
	const char *s = trim(in, &len), *p = choices ? choices : "";

	*out = NULL;
	if (a == NULL)
		return 0;
	if (len == 0)
		return empty(a, e, sp, out);
	while (*p != '\0') {
		n = strcspn(p, "\n");
		/* a line may end in CR or spaces when an admin pasted the list */
		size_t m = n;
		while (m > 0 && is_space(p[m - 1]))
			m--;
		if (m == len && memcmp(p, s, len) == 0)
			return (*out = arena_strndup(a, p, m)) != NULL;
		p += n;
		if (*p == '\n')
			p++;
	}
	return valid_fail(a, e, sp, "must be one of the listed choices.");
}

/* ---- money ---- */

int
valid_currency(struct arena *a, struct valid_errs *e, const struct valid_spec *sp,
    const char *in, const char **out, int *exponent)
{
	size_t len, i, lo = 0, hi = sizeof valid_currencies / sizeof valid_currencies[0];
	const char *s = trim(in, &len);
	char up[4];

	*out = NULL;
	*exponent = 2;
	if (a == NULL)
		return 0;
	if (len == 0)
		return empty(a, e, sp, out);
	if (len != 3)
		return valid_fail(a, e, sp, "must be a three-letter currency code like USD or EUR.");
	for (i = 0; i < 3; i++)
		up[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 'a' + 'A') : s[i];
	up[3] = '\0';
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(up, valid_currencies[mid].code);
		if (c == 0) {
			*exponent = valid_currencies[mid].exponent;
			*out = valid_currencies[mid].code;
			return 1;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return valid_fail(a, e, sp, "must be a three-letter currency code like USD or EUR.");
}

int
valid_amount(struct arena *a, struct valid_errs *e, const struct valid_spec *sp,
    const char *in, int exponent, long long *minor)
{
	size_t len, ilen, nd, i;
	const char *s = trim(in, &len), *dot;
	long long v = 0;
	int k;

	*minor = 0;
	if (a == NULL)
		return 0;
	if (len == 0) {
		const char *dummy;
		return empty(a, e, sp, &dummy);
	}
	if (s[0] == '-') {
		valid_add(e, sp->field, "Enter an amount of zero or more.");
		return 0;
	}
	dot = memchr(s, '.', len);
	ilen = dot ? (size_t)(dot - s) : len;
	if (!grouped_digits(s, ilen, &nd) || (nd == 0 && (dot == NULL || dot + 1 == s + len)))
		goto bad;
	for (i = ilen + (dot != NULL); i < len; i++)
		if (!is_digit(s[i]))
			goto bad;
	for (i = 0; i < ilen; i++) {
		if (s[i] == ',')
			continue;
		/* one more digit would reach VALID_AMOUNT_LIMIT */
		if (v >= VALID_AMOUNT_LIMIT / 10) {
			valid_add(e, sp->field, "Enter an amount below 10,000,000,000,000.");
			return 0;
		}
		v = v * 10 + (s[i] - '0');
	}
	/* exactly `exponent` decimals: the missing ones are zeros, extra ones must be */
	i = ilen + 1;
	for (k = 0; k < exponent; k++) {
		v = v * 10;
		if (dot != NULL && i < len)
			v += s[i++] - '0';
	}
	for (; dot != NULL && i < len; i++) {
		if (s[i] != '0') {
			valid_add(e, sp->field, exponent == 0 ?
			    "This currency has no decimals: enter a whole amount." :
			    exponent == 1 ? "This currency has one decimal at most." :
			    exponent == 2 ? "This currency has two decimals at most." :
			    exponent == 3 ? "This currency has three decimals at most." :
			    "This currency has four decimals at most.");
			return 0;
		}
	}
	*minor = v;
	return 1;
bad:
	valid_add(e, sp->field, "Enter an amount like 1,200.00.");
	return 0;
}
