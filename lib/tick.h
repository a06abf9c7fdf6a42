/* tick.h — one bounded pass of every background job (H5), for `llctl tick`
 * from cron on hosts that forbid daemons, or from a supervisor. Each job is
 * one row of a table in tick.c; a pass takes a job through its row of
 * tick_claims (sql/025_tick.sql) and skips a job another pass holds. */
#ifndef LL_TICK_H
#define LL_TICK_H

#include <stdio.h>

#include "db.h"

/* Runs every job once; a line per job on out ("expire: ran: 2 imports, 1
 * file" or "expire: skipped: another pass holds it"). Returns 0, or -1 when
 * a job failed (the others still ran; logged). */
int tick_run(struct arena *, FILE *out);

#endif
