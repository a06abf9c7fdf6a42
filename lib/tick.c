/* tick.c — the background jobs and their claims; see tick.h.
 *
 * A job: a name (its row in tick_claims), a lease longer than its pass ever
 * takes, and a function doing one bounded pass that returns what it did.
 * Mail sync, the outbox and webhook delivery become rows of this table. */
#include "tick.h"
#include "arena.h"
#include "expire.h"
#include "log.h"
#include "trash.h"

#include <sodium.h>
#include <string.h>
#include <unistd.h>

/* One pass of a job: DB_OK with a line saying what it did in *said. */
typedef enum db_err (*tick_fn)(struct arena *, const char **said);

static enum db_err
job_expire(struct arena *a, const char **said)
{
	struct expire_report rep;
	enum db_err e = expire_pass(a, 0, &rep);

	*said = arena_printf(a, "%u import%s expired, %u temp file%s removed",
	    rep.imports, rep.imports == 1 ? "" : "s", rep.files, rep.files == 1 ? "" : "s");
	return e;
}

/* C2: activities deleted more than 30 days ago go for good, 1000 a pass. */
static enum db_err
job_trash(struct arena *a, const char **said)
{
	unsigned n;
	enum db_err e = trash_purge(a, 1000, &n);

	*said = arena_printf(a, "%u deleted activit%s purged", n, n == 1 ? "y" : "ies");
	return e;
}

enum tick_job { TICK_EXPIRE, TICK_TRASH, TICK__MAX };

static const struct {
	const char *name;
	long        lease;      /* seconds: a dead pass's claim runs out after it */
	tick_fn     fn;
} tick_jobs[TICK__MAX] = {
	[TICK_EXPIRE] = { "expire", 600, job_expire },
	[TICK_TRASH]  = { "trash", 600, job_trash },
};

static struct db_sql q_row = DB_SQL(
	"INSERT IGNORE INTO tick_claims (job) VALUES (?)");
static struct db_sql q_claim = DB_SQL(
	"UPDATE tick_claims SET holder = ?, claimed_until = UTC_TIMESTAMP(6) + INTERVAL ? SECOND,"
	" last_started = UTC_TIMESTAMP(6) WHERE job = ? AND claimed_until < UTC_TIMESTAMP(6)");
static struct db_sql q_release = DB_SQL(
	"UPDATE tick_claims SET claimed_until = UTC_TIMESTAMP(6), last_finished = UTC_TIMESTAMP(6),"
	" last_result = ? WHERE job = ? AND holder = ?");

/* This pass's name in the claims: host, pid and a random part. */
static const char *
holder(struct arena *a)
{
	char host[64] = "";

	gethostname(host, sizeof host - 1);
	return arena_printf(a, "%.60s:%ld:%08x", host, (long)getpid(), randombytes_random());
}

int
tick_run(struct arena *a, FILE *out)
{
	const char *me = holder(a), *said;
	struct db_res w;
	enum db_err e;
	int rc = 0;
	size_t i;

	if (me == NULL)
		return -1;
	for (i = 0; i < TICK__MAX; i++) {
		const char *job = tick_jobs[i].name;
		if ((e = db_write(a, &q_row, DB_ARGS(DB_STR(job)), NULL)) != DB_OK ||
		    (e = db_write(a, &q_claim, DB_ARGS(DB_STR(me), DB_INT(tick_jobs[i].lease),
		    DB_STR(job)), &w)) != DB_OK) {
			log_err("tick: %s: the claim failed", job);
			fprintf(out, "%s: not run: the database cannot be reached\n", job);
			rc = -1;
			continue;
		}
		if (w.affected != 1) {
			fprintf(out, "%s: skipped: another pass holds it\n", job);
			continue;
		}
		said = "";
		e = tick_jobs[i].fn(a, &said);
		if (e != DB_OK) {
			log_err("tick: %s failed after: %s", job, said ? said : "");
			rc = -1;
		}
		fprintf(out, "%s: %s: %s\n", job, e == DB_OK ? "ran" : "failed", said ? said : "");
		if (db_write(a, &q_release, DB_ARGS(DB_STR(e == DB_OK ? (said ? said : "") : "failed"),
		    DB_STR(job), DB_STR(me)), NULL) != DB_OK)
			rc = -1;   /* the lease then runs out by itself */
	}
	return rc;
}
