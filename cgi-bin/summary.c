/*
 * summary — AI lead summaries, in a program of their own so that a
 * slow model never holds up a lead page.
 *
 *   GET  /lead/<lead_id>/summary   200: the lead's newest summary (what it was built
 *                                  from: the window, the number of activities, the
 *                                  backend and model, when) with its citations as
 *                                  links to /lead/<lead>/#activityId=<acti> (S8) —
 *                                  only for ids of the lead's activities; and the
 *                                  form to generate one; after new activity on the
 *                                  lead, a banner that it may be outdated with
 *                                  Regenerate offered; 48 hours after that
 *                                  activity the summary is shown collapsed, marked
 *                                  to regenerate itself when expanded (S6); a
 *                                  More menu whose Copy puts it on the clipboard (S5)
 *   GET  /lead/<lead_id>/summary/panel  the same, alone, for the frame of the lead
 *                                  page's collapsible summary panel (framed by the
 *                                  same origin only); links open in the lead page;
 *                                  48 hours after new activity it regenerates the
 *                                  summary as it loads (summary.js POSTs its form:
 *                                  the frame loads when the panel is expanded)
 *   POST /lead/<lead_id>/summary/rate    csrf, summary, rating (up, down), feedback
 *                                  (a thumbs down's written feedback): one rating
 *                                  per user and summary, changeable (S7); 303 back
 *   POST /lead/<lead_id>/summary/delete  csrf, summary: deletes it, only for a user
 *                                  who rated it down (else 403)
 *   GET  /summaries/ratings        admins: the organization's ratings and feedback
 *   GET  /summaries/ratings.csv    the same as CSV (lib/csvout: RFC 4180, every cell
 *                                  quoted; a ' before = + - @ at a cell's start and
 *                                  after ; , tab, CR or LF inside it)
 *   POST /lead/<lead_id>/summary   csrf, back (page, panel), language (auto en de es fr): builds the
 *                                  input (S2), writes the summary in the language
 *                                  sent, or without one the language picked for the
 *                                  lead, else the one detected from its
 *                                  communications (S3; a language sent is kept as
 *                                  the lead's pick, auto forgets it) with
 *                                  the OpenAI-compatible model when an API key is
 *                                  configured (S4, lib/llm), else the offline
 *                                  backend; stores it, 303 back to the lead page
 *                                  (#summary; with back=page to the summary page
 *                                  itself). A failure of the model: the summary
 *                                  page with the message, the previous summary
 *                                  kept and nothing stored (502; 504 on a timeout)
 *
 * S1: only the growth, scale, professional and enterprise plans; any other gets
 * the page explaining the feature and that its plan lacks it, with 403, and
 * nothing is generated. Another organization's lead, an unknown or malformed
 * id: the same 404 (before the plan is looked at: existence does not leak).
 * Templates: summary.tpl. Statuses: 200 303 400 403 404 405 500 502 503 504.
 */
#include <string.h>

#include "arena.h"
#include "csvout.h"
#include "ids.h"
#include "lang.h"
#include "llm.h"
#include "req.h"
#include "summary.h"
#include "view.h"

enum key { KEY_LANGUAGE, KEY_BACK, KEY_SUMMARY, KEY_RATING, KEY_FEEDBACK, KEY__MAX };

static const struct req_key keys[KEY__MAX] = {
	[KEY_LANGUAGE] = { "language", REQ_K_LINE, 16, NULL, 0 },
	[KEY_BACK] = { "back", REQ_K_LINE, 16, NULL, 0 },   /* "page": 303 to the summary page */
	[KEY_SUMMARY] = { "summary", REQ_K_ID, 0, "summ_", 0 },
	[KEY_RATING] = { "rating", REQ_K_LINE, 8, NULL, 0 },      /* up, down */
	[KEY_FEEDBACK] = { "feedback", REQ_K_TEXT, 4000, NULL, 0 },
};

#define NOT_FOUND "There is no such lead."
#define NO_SUMMARY "There is no such summary of this lead."
#define ADMINS_ONLY "Only the administrators of the organization can see the ratings of summaries."
#define PLAN_LACKS "Lead summaries are available on the Growth and Scale plans (and the " \
	"Professional and Enterprise plans). This organization's plan does not include them."

/* The body's lines, each as text parts and citations; a citation of an id not
 * in known stays plain text. */
static void
fill_body(struct req *r, struct view_dict *s, const char *body, const char *known)
{
	const char *line = body;

	while (*line) {
		size_t n = strcspn(line, "\n");
		char *l = arena_strndup(&r->arena, line, n);
		struct view_dict *ld = view_section(s, "LINE");
		const char *p = l, *q;

		while ((q = strstr(p, "[acti_")) != NULL) {
			const char *end = strchr(q, ']');
			size_t m;

			if (end == NULL)
				break;
			m = (size_t)(end - q - 1);
			if (ids_valid("acti_", arena_strndup(&r->arena, q + 1, m)) && summary_csv_has(known, q + 1, m)) {
				struct view_dict *pd = view_section(ld, "PART");
				view_set(pd, "TEXT", arena_strndup(&r->arena, p, (size_t)(q - p)));
				view_set(view_section(pd, "CITE"), "ACTI", arena_strndup(&r->arena, q + 1, m));
			} else {
				view_set(view_section(ld, "PART"), "TEXT",
				    arena_strndup(&r->arena, p, (size_t)(end + 1 - p)));
			}
			p = end + 1;
		}
		if (*p)
			view_set(view_section(ld, "PART"), "TEXT", p);
		line += n;
		if (*line == '\n')
			line++;
	}
}

/* The form: the language select with "auto" (the detected language) and the four, the pick selected. */
static void
fill_form(struct req *r, int have, const char *detected, const char *pick, const char *back)
{
	struct view_dict *g = view_section(r->dict, "GENERATE"), *l;
	size_t i;

	view_set(g, "BACK", back);
	view_set(g, "LABEL", have ? "Regenerate" : "Generate");
	l = view_section(g, "LANG");
	view_set(l, "CODE", "auto");
	view_set(l, "NAME", arena_printf(&r->arena, "Detected: %s", summary_lang_native(detected)));
	if (*pick == '\0')
		view_show(l, "SELECTED");
	for (i = 0; i < SUMMARY_NLANGS; i++) {
		const char *code, *native;

		summary_lang_at(i, &code, &native);
		l = view_section(g, "LANG");
		view_set(l, "CODE", code);
		view_set(l, "NAME", native);
		if (strcmp(code, pick) == 0)
			view_show(l, "SELECTED");
	}
}

/* S3: the language detected from the lead's communications. */
static enum db_err
detect(struct req *r, long long lead_id, const char **lang)
{
	const char **texts;
	size_t n;
	enum db_err e;

	*lang = "en";
	if ((e = summary_comm_texts(&r->arena, lead_id, &texts, &n)) != DB_OK)
		return e;
	*lang = lang_detect(texts, n);
	return DB_OK;
}

/* S7: the counts, the user's rating and feedback, and Delete after a down rating. */
static enum db_err
fill_rating(struct req *r, struct view_dict *s, long long lead_id, const char *pid)
{
	struct summary_rating rt;
	long long sid;
	enum db_err e;

	(void)lead_id;
	if ((e = summary_find(&r->arena, r->who.org_id, r->arg[0], pid, &sid)) != DB_OK || sid == 0)
		return e;
	if ((e = summary_rating_get(&r->arena, sid, r->who.user_id, &rt)) != DB_OK)
		return e;
	view_set_int(s, "UPS", rt.ups);
	view_set_int(s, "DOWNS", rt.downs);
	view_set(s, "UP_PRESSED", rt.mine > 0 ? "true" : "false");
	view_set(s, "DOWN_PRESSED", rt.mine < 0 ? "true" : "false");
	view_set(s, "FEEDBACK", rt.feedback);
	if (rt.mine > 0)
		view_show(s, "MINE_UP");
	if (rt.mine < 0) {
		view_show(s, "MINE_DOWN");
		view_show(s, "CAN_DELETE");
	}
	return DB_OK;
}

/* The summary page of the lead (panel: its panel view for the lead page's frame):
 * its newest summary, the form; error (or NULL) on top, with status. */
static int
show(struct req *r, long long lead_id, const char *name, const char *error, int status, int panel)
{
	const char *tpl = panel ? "summary_panel.tpl" : "summary.tpl";
	struct summary_row row;
	const char *known = "", *detected, *pick;
	enum db_err e;
	int found;

	req_title(r, arena_printf(&r->arena, "Summary of %s", name));
	view_set_global(r->dict, "LEAD_PID", r->arg[0]);
	view_set(r->dict, "LEAD_NAME", name);
	if (error != NULL)
		view_set(view_section(r->dict, "ERROR"), "MESSAGE", error);
	if ((e = summary_latest(&r->arena, r->who.org_id, lead_id, &row, &found)) != DB_OK)
		return req_db_error(r, e);
	if ((e = summary_lang_pick(&r->arena, r->who.org_id, lead_id, &pick)) != DB_OK)
		return req_db_error(r, e);
	if ((e = detect(r, lead_id, &detected)) != DB_OK)
		return req_db_error(r, e);
	if (found) {
		struct view_dict *s = view_section(r->dict, "SUMMARY");
		const char *ids = summary_citations(&r->arena, row.body);

		if (*ids && (e = summary_lead_acts(&r->arena, lead_id, ids, &known)) != DB_OK)
			return req_db_error(r, e);
		view_set(s, "PID", row.pid);
		view_set(s, "LANGUAGE", row.language);
		view_set_int(s, "COUNT", row.activity_count);
		view_set(s, "WINDOW_FROM", *row.window_from ? row.window_from : "-");
		view_set(s, "WINDOW_TO", *row.window_to ? row.window_to : "-");
		view_set(s, "BACKEND", row.backend);
		if (*row.model)
			view_set(view_section(s, "MODEL"), "VALUE", row.model);
		view_set(s, "CREATED", row.created);
		view_set(s, "CREATED_ISO", row.created_iso);
		if (*row.user)
			view_set(view_section(s, "BY"), "VALUE", row.user);
		/* S6: outdated within 48 hours of the new activity: Regenerate offered; after
		 * them the summary is collapsed and expanding it regenerates it (summary.js
		 * POSTs the form: a GET changes nothing) */
		if (row.outdated)
			view_show(s, "OUTDATED");
		if (row.outdated && row.stale) {
			view_show(s, "STALE");
			if (error == NULL)   /* after a failure the panel does not try again by itself */
				view_show(r->dict, "AUTO");
		} else {
			view_show(s, "OPEN");
			if (row.outdated)
				view_show(s, "FRESH");
		}
		view_set(s, "BODY", row.body);
		fill_body(r, s, row.body, known);
		if (!panel && (e = fill_rating(r, s, lead_id, row.pid)) != DB_OK)
			return req_db_error(r, e);
	} else {
		view_show(r->dict, "NONE");
	}
	fill_form(r, found, detected, pick, panel ? "panel" : "page");
	if (r->who.role != NULL && strcmp(r->who.role, "admin") == 0)
		view_show(r->dict, "ADMIN");
	if (status == 200)
		return req_render(r, tpl);
	req_render(r, tpl);
	return status;
}

/* The lead of the address in the user's organization: 0 with its id and name,
 * else the answer already given (the same 404 for a malformed, unknown or
 * another organization's id; 503 when the database is down). */
static int
the_lead(struct req *r, long long *lead_id, const char **name)
{
	enum db_err e;
	int found;

	if ((e = summary_lead(&r->arena, r->who.org_id, r->arg[0], lead_id, name, &found)) != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 404, NOT_FOUND);
	return 0;
}

static int
get_view(struct req *r, int panel)
{
	const char *name;
	long long lead_id;
	int st;

	if ((st = the_lead(r, &lead_id, &name)) != 0)
		return st;
	if (!summary_plan_ok(r->who.plan)) {
		req_title(r, arena_printf(&r->arena, "Summary of %s", name));
		view_set_global(r->dict, "LEAD_PID", r->arg[0]);
		view_set(r->dict, "LEAD_NAME", name);
		view_set(view_section(r->dict, "PLAN_LACKS"), "MESSAGE", PLAN_LACKS);
		req_render(r, panel ? "summary_panel.tpl" : "summary.tpl");
		return 403;
	}
	return show(r, lead_id, name, NULL, 200, panel);
}

static int
summary_get(struct req *r)
{
	return get_view(r, 0);
}

/* The panel view: the summary alone, for the frame in the lead page's summary panel. */
static int
summary_panel(struct req *r)
{
	return get_view(r, 1);
}

static int
summary_post(struct req *r)
{
	struct summary_input in;
	struct llm_conf llm;
	const char *lang = req_str(r, KEY_LANGUAGE), *body, *name, *pick = "";
	const char *backend = "offline", *model = NULL, *back = req_str(r, KEY_BACK);
	int panel = back != NULL && strcmp(back, "panel") == 0;
	char pid[IDS_MAXLEN];
	long long lead_id;
	enum db_err e;
	int found;
	int st;

	if ((st = the_lead(r, &lead_id, &name)) != 0)
		return st;
	if (!summary_plan_ok(r->who.plan))
		return req_error(r, 403, PLAN_LACKS);
	if (lang == NULL || *lang == '\0') {
		/* no choice sent: the lead's pick, else the detected language */
		if ((e = summary_lang_pick(&r->arena, r->who.org_id, lead_id, &pick)) != DB_OK)
			return req_db_error(r, e);
		lang = pick;
	}
	if (*lang == '\0' || strcmp(lang, "auto") == 0) {
		if ((e = detect(r, lead_id, &lang)) != DB_OK)
			return req_db_error(r, e);
	} else if (summary_lang_known(lang)) {
		pick = lang;
	} else {
		return req_error(r, 400, "The language must be auto (the detected one) or one of en, de, es, fr.");
	}
	if ((e = summary_select(&r->arena, r->who.org_id, r->arg[0], &in, &found)) != DB_OK)
		return req_db_error(r, e);
	if (!found)
		return req_error(r, 404, NOT_FOUND);
	if (llm_conf_load(&llm)) {
		const char *system, *user, *text;
		enum llm_err le;
		long status;

		summary_prompt(&r->arena, &in, lang, &system, &user);
		if ((le = llm_chat(&r->arena, &llm, system, user, &text, &status)) != LLM_OK)
			return show(r, lead_id, name, llm_message(&r->arena, &llm, le, status),
			    le == LLM_TIMEOUT ? 504 : 502, panel);
		body = summary_drop_foreign(&r->arena, &in, text);
		if (body == NULL || body[strspn(body, " \t\r\n.,;")] == '\0')   /* nothing left but dropped citations */
			return show(r, lead_id, name, llm_message(&r->arena, &llm, LLM_EMPTY, status), 502, panel);
		backend = "openai";
		model = llm.model;
	} else {
		body = summary_drop_foreign(&r->arena, &in, summary_offline(&r->arena, &in, lang));
	}
	if ((e = summary_save(&r->arena, r->who.org_id, r->who.user_id, lead_id, &in, lang, backend,
	    model, body, pick, pid)) != DB_OK)
		return req_db_error(r, e);
	if (panel)
		return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/summary/panel", r->arg[0]));
	if (back != NULL && strcmp(back, "page") == 0)
		return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/summary", r->arg[0]));
	return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/#summary", r->arg[0]));
}

/* The lead (404), the plan (403) and the summary of the form (404) of a rating or a delete. */
static int
rated_summary(struct req *r, long long *summary_id)
{
	const char *name, *pid = req_str(r, KEY_SUMMARY);
	long long lead_id;
	enum db_err e;
	int st;

	if ((st = the_lead(r, &lead_id, &name)) != 0)
		return st;
	if (!summary_plan_ok(r->who.plan))
		return req_error(r, 403, PLAN_LACKS);
	if (pid == NULL)
		return req_error(r, 404, NO_SUMMARY);
	if ((e = summary_find(&r->arena, r->who.org_id, r->arg[0], pid, summary_id)) != DB_OK)
		return req_db_error(r, e);
	if (*summary_id == 0)
		return req_error(r, 404, NO_SUMMARY);
	return 0;
}

/* POST /lead/<id>/summary/rate: csrf, summary, rating (up, down), feedback (with down, optional). */
static int
summary_rate_post(struct req *r)
{
	const char *rating = req_str(r, KEY_RATING), *feedback = req_str(r, KEY_FEEDBACK);
	long long sid;
	enum db_err e;
	int st, v;

	if ((st = rated_summary(r, &sid)) != 0)
		return st;
	if (rating != NULL && strcmp(rating, "up") == 0)
		v = 1;
	else if (rating != NULL && strcmp(rating, "down") == 0)
		v = -1;
	else
		return req_error(r, 400, "The rating must be up or down.");
	if (v > 0 && feedback != NULL && *feedback != '\0')
		return req_error(r, 400, "Written feedback goes with a thumbs down only.");
	if ((e = summary_rate(&r->arena, r->who.org_id, sid, r->who.user_id, v, feedback)) != DB_OK)
		return req_db_error(r, e);
	return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/summary", r->arg[0]));
}

/* POST /lead/<id>/summary/delete: csrf, summary; only by a user who rated it down. */
static int
summary_delete_post(struct req *r)
{
	long long sid;
	enum db_err e;
	int st, done;

	if ((st = rated_summary(r, &sid)) != 0)
		return st;
	if ((e = summary_delete_rated(&r->arena, r->who.org_id, sid, r->who.user_id, &done)) != DB_OK)
		return req_db_error(r, e);
	if (!done)
		return req_error(r, 403, "Only a user who rated this summary down can delete it.");
	return req_redirect(r, 303, arena_printf(&r->arena, "/lead/%s/summary", r->arg[0]));
}

static int
admin_gate(struct req *r)
{
	if (!summary_plan_ok(r->who.plan))
		return req_error(r, 403, PLAN_LACKS);
	if (r->who.role == NULL || strcmp(r->who.role, "admin") != 0)
		return req_error(r, 403, ADMINS_ONLY);
	return 0;
}

/* GET /summaries/ratings: the organization's ratings and feedback, for its admins (S7). */
static int
ratings_page(struct req *r)
{
	struct summary_rating_row *rows;
	size_t n, i;
	enum db_err e;
	int st;

	if ((st = admin_gate(r)) != 0)
		return st;
	if ((e = summary_ratings_list(&r->arena, r->who.org_id, &rows, &n)) != DB_OK)
		return req_db_error(r, e);
	req_title(r, "Ratings of lead summaries");
	view_set_int(r->dict, "N", (long long)n);
	if (n == 0)
		view_show(r->dict, "NONE");
	for (i = 0; i < n; i++) {
		struct view_dict *d = view_section(r->dict, "RATING");

		view_set(d, "RATED", rows[i].rated);
		view_set(d, "LEAD_NAME", rows[i].lead_name);
		view_set(d, "LEAD_PID", rows[i].lead_pid);
		view_set(d, "SUMMARY_PID", rows[i].summary_pid);
		view_set(d, "USER", rows[i].user_name);
		view_set(d, "RATING", rows[i].rating > 0 ? "up" : "down");
		view_set(d, "FEEDBACK", rows[i].feedback);
		view_set(d, "BACKEND", rows[i].backend);
		view_set(d, "MODEL", rows[i].model);
		if (rows[i].deleted)
			view_show(d, "DELETED");
	}
	return req_render(r, "summary_ratings.tpl");
}

/* GET /summaries/ratings.csv: the same as CSV (lib/csvout: every cell quoted, formula-safe). */
static int
ratings_csv(struct req *r)
{
	static const char *const head[] = { "rated_at_utc", "lead", "lead_id", "summary_id", "user",
		"email", "rating", "feedback", "backend", "model", "summary_deleted" };
	struct summary_rating_row *rows;
	size_t n, i;
	enum db_err e;
	int st;

	if ((st = admin_gate(r)) != 0)
		return st;
	if ((e = summary_ratings_list(&r->arena, r->who.org_id, &rows, &n)) != DB_OK)
		return req_db_error(r, e);
	buf_reset(r->body, 0);
	csvout_row(r->body, head, sizeof head / sizeof head[0]);
	for (i = 0; i < n; i++) {
		const char *cells[] = { rows[i].rated, rows[i].lead_name, rows[i].lead_pid,
			rows[i].summary_pid, rows[i].user_name, rows[i].user_email,
			rows[i].rating > 0 ? "up" : "down", rows[i].feedback, rows[i].backend,
			rows[i].model, rows[i].deleted ? "yes" : "no" };

		csvout_row(r->body, cells, sizeof cells / sizeof cells[0]);
	}
	if (r->body->oom)
		return req_error(r, 500, "The export is too large.");
	r->content_type = "text/csv; charset=utf-8";
	req_header(r, "Content-Disposition", "attachment; filename=\"summary-ratings.csv\"");
	return 200;
}

static const struct route routes[] = {
	{ REQ_GET, "/lead/{lead}/summary", 0, summary_get },
	{ REQ_POST, "/lead/{lead}/summary", 0, summary_post },
	{ REQ_GET, "/lead/{lead}/summary/panel", 0, summary_panel },
	{ REQ_POST, "/lead/{lead}/summary/rate", 0, summary_rate_post },
	{ REQ_POST, "/lead/{lead}/summary/delete", 0, summary_delete_post },
	{ REQ_GET, "/summaries/ratings", 0, ratings_page },
	{ REQ_GET, "/summaries/ratings.csv", 0, ratings_csv },
};

static const char *const templates[] = { "summary.tpl", "summary_panel.tpl", "summary_ratings.tpl", NULL };

static const struct page page = {
	"summary", routes, sizeof routes / sizeof routes[0], keys, KEY__MAX, templates,
};

int
main(int argc, char **argv)
{
	return req_main(&page, argc, argv);
}
