/* pins.h — pinning a lead's notes and custom activities (P1, P2): at most
 * PINS_MAX pinned on a lead at any moment, counted inside the write's
 * transaction after the lead's row is locked (leadtx), so two users pinning
 * at the same instant cannot pass it. */
#ifndef LL_PINS_H
#define LL_PINS_H

#include "valid.h"

struct arena;

#define PINS_MAX 5
#define PINS_FULL "5 pinned at most — unpin one first"
#define PINS_TYPE "Only notes and custom activities can be pinned."

/*
 * Pins (pin = 1) or unpins (0) the activity acti_pid of the lead lead_pid:
 * VALID_OK, also when it already was so (nothing is written then);
 * VALID_INVALID when it is no note or custom activity (errs: VALID_FORM);
 * VALID_REFUSED when PINS_MAX are pinned already (errs: VALID_FORM, PINS_FULL);
 * VALID_NOT_FOUND for a lead or activity not of the organization (or deleted),
 * or a user no active member of it. Messages in the arena.
 */
enum valid_rc pins_set(struct arena *, long long org_id, long long user_id, const char *lead_pid,
    const char *acti_pid, int pin, struct valid_errs *);

#endif
