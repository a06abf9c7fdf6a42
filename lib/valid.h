/* valid.h — the answer of every write of the model (a status and one message
 * per form field, so a page can show the form again with the user's input and
 * a sentence beside each field) and the validators the write modules share.
 * Pure: nothing here touches the database. */
#ifndef LL_VALID_H
#define LL_VALID_H

#include <stddef.h>

#include "db.h"

struct arena;

/*
 * Every write of the model (leadedit_, contacts_, opportunities_, tasks_,
 * activities_, fields_) has the same contract:
 *   fn(struct arena *, long long org_id, long long user_id, [lead pid, object pid,]
 *      [const struct <module>_in *,] [char pid[IDS_MAXLEN],] struct valid_errs *errs)
 * org_id and user_id are who acts (req's who.org_id, who.user_id); the input
 * structs hold the form's strings as typed (NULL or "" when empty). It resets
 * errs, checks everything, then writes all of it in one transaction or
 * nothing, and answers with the status below. Messages and new strings live
 * in the arena; a new object's public id is copied into pid (may be NULL).
 */

/* What a write of the model returns. Nothing is written unless VALID_OK. */
enum valid_rc {
	VALID_OK = 0,
	VALID_INVALID,    /* the input is wrong: errs names the fields (page: 422, form again) */
	VALID_REFUSED,    /* the input is fine but a rule of the lead refuses it (B2C's one
	                   * contact, a task already complete): errs has the message under
	                   * VALID_FORM (page: 409, form again) */
	VALID_NOT_FOUND,  /* the lead or the object acted on is not in this organization, or
	                   * the acting user is no active member of it (page: 404) */
	VALID_DOWN,       /* the database is down (page: 503) */
	VALID_ERROR,      /* anything else; logged (page: 500) */
	VALID__MAX
};

/* A message about the whole form rather than one field. */
#define VALID_FORM "form"
#define VALID_MAX  64

/*
 * Per-field messages, in the order found. field[i] is the name of the form
 * field (the names each module's header lists), msg[i] a sentence for a sales
 * rep. Both live in static storage or in the arena given to the write. Only
 * the first message of a field is kept; past VALID_MAX messages are dropped
 * (n stays VALID_MAX), the status still says the input was refused.
 */
struct valid_errs {
	const char *field[VALID_MAX];
	const char *msg[VALID_MAX];
	size_t      n;
};

void          valid_reset(struct valid_errs *);
void          valid_add(struct valid_errs *, const char *field, const char *msg);
/* The message of a field, or NULL. */
const char   *valid_get(const struct valid_errs *, const char *field);
enum valid_rc valid_db(enum db_err);
/* A short English name of a status, for logs. */
const char   *valid_rc_str(enum valid_rc);

/* How a validator names the field: the form field its message goes to, and
 * the words a message starts with ("The close date must be a date like ..."). */
#define VALID_REQUIRED  0x1   /* empty is refused */
#define VALID_MULTILINE 0x2   /* text: newlines and tabs allowed (CRLF becomes LF) */
#define VALID_BYTES     0x4   /* text: max counts bytes (TEXT columns), not characters */

struct valid_spec {
	const char *field;
	const char *what;
	unsigned    flags;
	size_t      max;          /* text: the column's size; 0: the validator's own limit */
};

/* Adds "<what> <rest>" ("The contact" "was not found on this lead.") as the
 * message of spec->field; returns 0. */
int valid_fail(struct arena *, struct valid_errs *, const struct valid_spec *, const char *rest);

/*
 * Every validator below trims spaces around the input (NULL is empty), adds
 * at most one message for spec->field, and returns 1 when the value is good
 * (then *out is set: NULL for an empty optional value), 0 when a message was
 * added. Output strings live in the arena. A NULL arena or no memory: 0.
 */

/* Text: valid UTF-8, no control characters (tab and newlines only with
 * VALID_MULTILINE), at most spec->max characters (bytes with VALID_BYTES). */
int valid_text(struct arena *, struct valid_errs *, const struct valid_spec *, const char *in,
    const char **out);
/* An email address: local@domain.tld, at most 254 bytes; kept as typed. */
int valid_email(struct arena *, struct valid_errs *, const struct valid_spec *, const char *in,
    const char **out);
/* Addresses separated by commas, semicolons or newlines; *out joins them with ", ". */
int valid_email_list(struct arena *, struct valid_errs *, const struct valid_spec *,
    const char *in, const char **out);
/* A phone number: digits and + ( ) - . / and spaces, 3 to 20 digits, at most
 * 40 characters. *digits gets the digits only (NULL when empty). */
int valid_phone(struct arena *, struct valid_errs *, const struct valid_spec *, const char *in,
    const char **out, const char **digits);
/* A web address, http or https only; without a scheme ("globex.com") https://
 * is put in front. At most spec->max characters (2048 when 0). */
int valid_url(struct arena *, struct valid_errs *, const struct valid_spec *, const char *in,
    const char **out);
/* A calendar date YYYY-MM-DD (years 1000-9999). */
int valid_date(struct arena *, struct valid_errs *, const struct valid_spec *, const char *in,
    const char **out);
/* A date and time "YYYY-MM-DD HH:MM[:SS]" ('T' between them too, as the
 * browser's datetime-local sends). *out is "YYYY-MM-DD HH:MM:SS", still in
 * the zone it was given in (see leadtx_to_utc). */
int valid_datetime(struct arena *, struct valid_errs *, const struct valid_spec *,
    const char *in, const char **out);
/* A whole number in [min, max]; a '%' after it is allowed. *out is min when
 * empty and *given says whether one was given. */
int valid_int(struct arena *, struct valid_errs *, const struct valid_spec *, const char *in,
    long long min, long long max, long long *out, int *given);
/* A number for a custom field: -1200, 3.5, 1,200.75. *out without the commas. */
int valid_number(struct arena *, struct valid_errs *, const struct valid_spec *,
    const char *in, const char **out);
/* A call's duration: seconds ("95"), m:ss ("1:35") or h:mm:ss; at most 24 hours.
 * *out is -1 when empty. */
int valid_duration(struct arena *, struct valid_errs *, const struct valid_spec *,
    const char *in, long long *out);
/* One value of a NULL-terminated table, as written there. */
int valid_choice(struct arena *, struct valid_errs *, const struct valid_spec *, const char *in,
    const char *const *table, const char **out);
/* One of the lines of a custom field's choices (one per line), exactly. */
int valid_choice_line(struct arena *, struct valid_errs *, const struct valid_spec *,
    const char *in, const char *choices, const char **out);
/* An ISO 4217 currency code ("usd" is taken as USD); *exponent gets its
 * number of decimals (2 for USD, 0 for JPY, 3 for KWD). */
int valid_currency(struct arena *, struct valid_errs *, const struct valid_spec *,
    const char *in, const char **out, int *exponent);
/*
 * An amount of money, "1,200.50", "1200.5" or "1200", into minor units of a
 * currency with `exponent` decimals, exactly (digits, never floating point):
 * "1,200.50" with 2 is 120050. Refused: a minus sign, misplaced commas, more
 * decimals than the currency has (unless they are zeros), 10^13 or more.
 * Empty is 0.
 */
int valid_amount(struct arena *, struct valid_errs *, const struct valid_spec *,
    const char *in, int exponent, long long *minor);

/* Tables of the model's enumerations, NULL-terminated. */
extern const char *const valid_directions[];      /* incoming outgoing */
extern const char *const valid_periods[];         /* one_time monthly annual */
extern const char *const valid_call_outcomes[];   /* answered no-answer voicemail busy */
extern const char *const valid_email_types[];     /* office home direct other */
extern const char *const valid_phone_types[];     /* office mobile home direct fax other */

#endif
