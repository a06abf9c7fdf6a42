/* throttle.h — password guessing slowed down (ASVS 6.3.1): failed checks of
 * a secret counted per account and per client address in MariaDB rows, so
 * every worker and host agrees. From the 5th failure of an account (the 50th
 * of an address) each pauses it: 5 s, then twice as long each time, at most
 * 15 minutes;
 * during a pause the form answers 429 with Retry-After without checking
 * anything. The answer is the same whether the account exists or not. Any
 * form that checks a secret calls it: login, and a password reset or an
 * invitation when they exist (each form counts under its own name). */
#ifndef LL_THROTTLE_H
#define LL_THROTTLE_H

#include "db.h"

struct arena;

/* The failure that starts the pauses; the first pause, doubled at each
 * failure after it, up to the longest. */
#define THROTTLE_ACCOUNT_FREE  5
#define THROTTLE_ADDRESS_FREE  50
#define THROTTLE_FIRST_PAUSE   5     /* seconds */
#define THROTTLE_MAX_PAUSE     900   /* seconds */
/* A count is forgotten this long after its last failure. */
#define THROTTLE_FORGET        3600  /* seconds */

/* Before checking: *wait is 0, or the seconds (at least 1) until the pause of
 * the account or of the address ends; form names the form ("login"), account
 * is the name typed (any string), addr the client's address (NULL: none). */
enum db_err throttle_check(struct arena *, const char *form, const char *account,
    const char *addr, long *wait);
/* After a failed check: counted for the account and for the address. */
enum db_err throttle_fail(struct arena *, const char *form, const char *account,
    const char *addr);
/* After a successful check: the account's count ends (the address's stays,
 * or a guesser's own account would clear it). */
enum db_err throttle_clear(struct arena *, const char *form, const char *account);

#endif
