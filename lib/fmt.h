/* fmt.h — values as people read them: money with currency and period, numbers
 * with thousands separators, call durations, file sizes. Pure functions; each
 * returns a string in the arena, or NULL when the arena is out of memory. */
#ifndef LL_FMT_H
#define LL_FMT_H

struct arena;

/*
 * An amount in minor units with its ISO 4217 currency and its period
 * (opportunity value_period): "$1,200.00 monthly", "€950.00 annual",
 * "$5,000.00" for one_time, "¥5,000" (no minor unit), "CHF 12.50" for a
 * currency without a symbol of its own. NULL or "" period is one_time.
 */
char *fmt_money(struct arena *, long long minor, const char *currency, const char *period);
/* A decimal number as written ("-1234567.5") with thousands separators
 * ("-1,234,567.5"); anything that is not a plain decimal number is returned as given. */
char *fmt_number(struct arena *, const char *s);
/* Seconds as m:ss ("0:07", "12:05", "75:00"). Negative is 0:00. */
char *fmt_duration(struct arena *, long long seconds);
/* Bytes as "512 B", "1.5 KB", "12 MB" (1024-based, one decimal under 10). */
char *fmt_size(struct arena *, long long bytes);

#endif
