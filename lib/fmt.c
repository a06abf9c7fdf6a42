/* fmt.c — see fmt.h. */
#include "fmt.h"
#include "arena.h"

#include <stdio.h>
#include <string.h>

/* Currencies with a symbol of their own; any other code is written before the
 * amount ("CHF 12.50"). decimals is the ISO 4217 minor unit. */
static const struct currency {
	const char *code;
	const char *symbol;
	int         decimals;
} currencies[] = {
	{ "USD", "$",   2 },
	{ "EUR", "€",   2 },
	{ "GBP", "£",   2 },
	{ "JPY", "¥",   0 },
	{ "CAD", "CA$", 2 },
	{ "AUD", "A$",  2 },
	{ "NZD", "NZ$", 2 },
	{ "MXN", "MX$", 2 },
	{ "BRL", "R$",  2 },
	{ "INR", "₹",   2 },
	{ "KRW", "₩",   0 },
	{ "CNY", "CN¥", 2 },
	{ "ILS", "₪",   2 },
};

/* Zero-decimal and three-decimal currencies among those without a symbol. */
static const struct { const char *code; int decimals; } minor_units[] = {
	{ "CLP", 0 }, { "ISK", 0 }, { "VND", 0 }, { "HUF", 2 },
	{ "BHD", 3 }, { "KWD", 3 }, { "OMR", 3 }, { "JOD", 3 }, { "TND", 3 },
};

static const struct { const char *period; const char *suffix; } periods[] = {
	{ "one_time", "" },
	{ "monthly",  " monthly" },
	{ "annual",   " annual" },
};

/* Writes the decimal digits of v with a comma every three from the right. */
static void
group(char *out, size_t outlen, unsigned long long v)
{
	char digits[32];
	size_t n, i, o = 0;

	n = (size_t)snprintf(digits, sizeof digits, "%llu", v);
	for (i = 0; i < n && o + 2 < outlen; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

char *
fmt_money(struct arena *a, long long minor, const char *currency, const char *period)
{
	const char *symbol = NULL, *suffix = "";
	unsigned long long mag, scale = 1, whole, frac;
	char whole_s[40], frac_s[8] = "";
	int decimals = 2;
	size_t i;

	if (currency == NULL)
		currency = "";
	for (i = 0; i < sizeof currencies / sizeof currencies[0]; i++)
		if (strcmp(currency, currencies[i].code) == 0) {
			symbol = currencies[i].symbol;
			decimals = currencies[i].decimals;
		}
	for (i = 0; i < sizeof minor_units / sizeof minor_units[0]; i++)
		if (strcmp(currency, minor_units[i].code) == 0)
			decimals = minor_units[i].decimals;
	for (i = 0; period != NULL && i < sizeof periods / sizeof periods[0]; i++)
		if (strcmp(period, periods[i].period) == 0)
			suffix = periods[i].suffix;
	for (i = 0; i < (size_t)decimals; i++)
		scale *= 10;
	/* the magnitude, also of LLONG_MIN */
	mag = minor < 0 ? 0ULL - (unsigned long long)minor : (unsigned long long)minor;
	whole = mag / scale;
	frac = mag % scale;
	group(whole_s, sizeof whole_s, whole);
	if (decimals > 0) {
		/* the minor digits, zero-padded: decimals is at most 3 */
		frac_s[0] = '.';
		for (i = (size_t)decimals; i > 0; i--, frac /= 10)
			frac_s[i] = (char)('0' + frac % 10);
		frac_s[decimals + 1] = '\0';
	}
	if (symbol != NULL)
		return arena_printf(a, "%s%s%s%s%s", minor < 0 ? "-" : "", symbol, whole_s, frac_s, suffix);
	return arena_printf(a, "%s%s%s%s%s%s", minor < 0 ? "-" : "", currency,
	    *currency ? " " : "", whole_s, frac_s, suffix);
}

char *
fmt_number(struct arena *a, const char *s)
{
	const char *p = s, *int_start, *int_end;
	char out[128];
	size_t n, i, o = 0, nint;

	if (s == NULL)
		return arena_strdup(a, "");
	if (*p == '-' || *p == '+')
		p++;
	int_start = p;
	while (*p >= '0' && *p <= '9')
		p++;
	int_end = p;
	nint = (size_t)(int_end - int_start);
	if (nint == 0)
		return arena_strdup(a, s);
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return arena_strdup(a, s);
		while (*p >= '0' && *p <= '9')
			p++;
	}
	n = strlen(s);
	if (*p != '\0' || n + n / 3 + 2 > sizeof out)
		return arena_strdup(a, s);
	if (int_start != s)
		out[o++] = *s;
	for (i = 0; i < nint; i++) {
		if (i > 0 && (nint - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = int_start[i];
	}
	for (p = int_end; *p != '\0'; p++)
		out[o++] = *p;
	out[o] = '\0';
	return arena_strdup(a, out);
}

char *
fmt_duration(struct arena *a, long long seconds)
{
	if (seconds < 0)
		seconds = 0;
	return arena_printf(a, "%lld:%02lld", seconds / 60, seconds % 60);
}

char *
fmt_size(struct arena *a, long long bytes)
{
	static const char *const units[] = { "KB", "MB", "GB", "TB" };
	double v = (double)bytes;
	size_t u = 0;

	if (bytes < 1024)
		return arena_printf(a, "%lld B", bytes < 0 ? 0 : bytes);
	v /= 1024;
	while (v >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
		v /= 1024;
		u++;
	}
	if (v < 9.95)
		return arena_printf(a, "%.1f %s", v, units[u]);
	return arena_printf(a, "%.0f %s", v, units[u]);
}
