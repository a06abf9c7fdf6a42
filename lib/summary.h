/* summary.h — AI lead summaries: what a summary is built from (S2),
 * the offline backend's summary of it, citations, and the stored summaries. */
#ifndef LL_SUMMARY_H
#define LL_SUMMARY_H

#include <stddef.h>

#include "db.h"
#include "ids.h"

struct arena;

#define SUMMARY_RECENT_DAYS 90
#define SUMMARY_MIN_ACTS    100
#define SUMMARY_STALE_HOURS 48   /* S6: after this long, expanding an outdated summary regenerates it */

/* One activity of the input. Strings are "" when the column is empty. */
struct summary_act {
	long long   id;
	const char *pid;
	const char *type;         /* activities.type */
	const char *custom_type;  /* custom: the type's name */
	const char *at;           /* activity_at, UTC "YYYY-MM-DD HH:MM" */
	const char *direction;
	const char *subject;
	const char *title;
	const char *text;         /* body_text, its first 300 characters */
	const char *outcome;
	const char *new_status;   /* lead_status_change: the new status's label */
};

struct summary_opp {
	const char *status;
	const char *status_type;  /* "active", "won", "lost" */
	long long   value;        /* minor units */
	const char *currency;
	const char *period;       /* one_time, monthly, annual */
	int         confidence;
	const char *expected;     /* YYYY-MM-DD or "" */
};

struct summary_task    { const char *text; const char *due; };
struct summary_field   { const char *name; const char *value; };
struct summary_contact { const char *name; const char *title; };

/* Everything a summary may rest on; nothing else is sent anywhere (S2). */
struct summary_input {
	long long                lead_id;
	const char              *lead_pid;
	const char              *lead_name;
	const char              *status;
	int                      all_recent;   /* 1: the lead had >= 100 activities in the last
	                                        * 90 days, acts holds all of them; 0: its 100 most recent */
	struct summary_act      *acts;         /* newest first */
	size_t                   nacts;
	const char              *window_from;  /* the oldest activity's time ("" without any) */
	const char              *window_to;    /* the newest one's */
	long long                last_activity_id;
	struct summary_field    *fields;
	size_t                   nfields;
	struct summary_opp      *opps;
	size_t                   nopps;
	struct summary_task     *tasks;        /* open ones, the next due first */
	size_t                   ntasks;
	struct summary_contact  *contacts;
	size_t                   ncontacts;
};

/*
 * S2: the input of the lead of that public id in the organization. If the lead
 * has 100 or more (undeleted) activities in the last 90 days, all of those;
 * otherwise its 100 most recent. Plus its custom fields, opportunities, open
 * tasks and contacts. *found 0 for an unknown lead or another organization's.
 */
enum db_err summary_select(struct arena *, long long org_id, const char *lead_pid,
    struct summary_input *out, int *found);

/* The lead of that public id in the organization: its id and name; *found 0 when none. */
enum db_err summary_lead(struct arena *, long long org_id, const char *lead_pid,
    long long *lead_id, const char **name, int *found);

/* The languages the offline backend writes: "en", "de", "es", "fr". */
int         summary_lang_known(const char *lang);
#define SUMMARY_NLANGS 4
/* The i-th of them (i < SUMMARY_NLANGS): its code and its name in itself ("Deutsch"). */
void        summary_lang_at(size_t i, const char **code, const char **native);
/* The name in itself of a language code; the code itself when unknown. */
const char *summary_lang_native(const char *code);
/* S1: 1 if the plan includes lead summaries (growth, scale, professional, enterprise). */
int         summary_plan_ok(const char *plan);
/* S8: the ids of body's "[acti_...]" citations, comma-separated (arena; "" for none). */
const char *summary_citations(struct arena *, const char *body);
/* 1 if the n bytes at id are one of the comma-separated ids of csv. */
int         summary_csv_has(const char *csv, const char *id, size_t n);
/*
 * The offline backend: a deterministic plain-text summary of in, in lang
 * ("en" for an unknown one), labelled as an offline summary on its first
 * line. The activities it rests on are cited as "[acti_...]".
 */
const char *summary_offline(struct arena *, const struct summary_input *in, const char *lang);
/* The English name of a summary language ("English", "German", ...); "English" for an unknown one. */
const char *summary_lang_name(const char *lang);
/*
 * The prompt for an OpenAI-compatible model: *system asks for a short summary
 * written in lang that cites the activities it rests on as "[acti_...]";
 * *user holds the input, each activity with its id, and nothing else (S2).
 */
void        summary_prompt(struct arena *, const struct summary_input *in, const char *lang,
    const char **system, const char **user);
/*
 * S3: the texts of the lead's communications (emails, SMS, notes, call notes),
 * newest first, at most 200 of them and 2000 bytes each, into *texts (n of them).
 */
enum db_err summary_comm_texts(struct arena *, long long lead_id, const char ***texts, size_t *n);
/* S3: the language a user picked for the lead's summaries ("" for none: the detected one). */
enum db_err summary_lang_pick(struct arena *, long long org_id, long long lead_id, const char **lang);
/* Stores the pick (NULL or "": back to the detected language). */
enum db_err summary_lang_set(struct arena *, long long org_id, long long lead_id, long long user_id,
    const char *lang);
/* 1 if pid is the public id of an activity of the input. */
int         summary_in_input(const struct summary_input *in, const char *pid);
/* body with every "[acti_...]" citation of an id that was not in the input dropped. */
const char *summary_drop_foreign(struct arena *, const struct summary_input *in, const char *body);

/* A stored summary. */
struct summary_row {
	const char *pid;
	const char *language;
	const char *backend;
	const char *model;         /* "" for none */
	const char *body;
	const char *window_from;
	const char *window_to;
	long long   activity_count;
	const char *created;       /* UTC "YYYY-MM-DD HH:MM:SS" */
	const char *created_iso;   /* "...Z" */
	const char *user;          /* who generated it */
	int         outdated;      /* S6: activity was added to the lead after it */
	int         stale;         /* S6: ... and the first such activity is 48 hours old or more */
};

/* Stores a summary of in; its summ_ id into pid. */
enum db_err summary_store(struct arena *, long long org_id, long long user_id,
    const struct summary_input *in, const char *lang, const char *backend, const char *model,
    const char *body, char pid[IDS_MAXLEN]);
/* The summary (summary_store) and the lead's language pick (summary_lang_set)
 * in one transaction: both or neither. */
enum db_err summary_save(struct arena *, long long org_id, long long user_id, long long lead_id,
    const struct summary_input *in, const char *lang, const char *backend, const char *model,
    const char *body, const char *pick, char pid[IDS_MAXLEN]);
/* The lead's newest (undeleted) summary: *found 0 when there is none. */
enum db_err summary_latest(struct arena *, long long org_id, long long lead_id,
    struct summary_row *out, int *found);
/* Which of the comma-separated acti_ ids are undeleted activities of the lead, comma-separated. */
enum db_err summary_lead_acts(struct arena *, long long lead_id, const char *pids_csv,
    const char **known_csv);

/* ---- S7: ratings ---- */

/* The user's rating of a summary of the organization (1, -1, 0: none), its feedback, and the counts. */
struct summary_rating {
	int         mine;
	const char *feedback;   /* the user's, "" for none */
	long long   ups, downs;
};
/* The summary of that public id of the lead of that public id in the organization (undeleted):
 * its id, 0 when there is none. */
enum db_err summary_find(struct arena *, long long org_id, const char *lead_pid, const char *summ_pid,
    long long *summary_id);
enum db_err summary_rating_get(struct arena *, long long summary_id, long long user_id,
    struct summary_rating *out);
/* One rating per user and summary: a new one replaces it; feedback only with -1 (else dropped). */
enum db_err summary_rate(struct arena *, long long org_id, long long summary_id, long long user_id,
    int rating, const char *feedback);
/* Deletes the summary if the user rated it down: *done 0 when they had not. */
enum db_err summary_delete_rated(struct arena *, long long org_id, long long summary_id,
    long long user_id, int *done);

/* One rating for the admins' list and export. */
struct summary_rating_row {
	const char *rated;        /* UTC "YYYY-MM-DD HH:MM:SS" */
	const char *lead_name, *lead_pid, *summary_pid, *user_name, *user_email;
	int         rating;
	const char *feedback, *backend, *model;
	int         deleted;
};
/* The organization's ratings, newest first (at most 5000). */
enum db_err summary_ratings_list(struct arena *, long long org_id, struct summary_rating_row **rows,
    size_t *n);

#endif
