/* summary.c — see summary.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "summary.h"

/* The columns each read names (db.h), in the order of its SELECT. */
#define LEAD_COLS(X) X(SL_ID, "id") X(SL_PID, "pid") X(SL_NAME, "name") X(SL_STATUS, "status")
#define INPUT_ACT_COLS(X) X(SA_ID, "id") X(SA_PID, "pid") X(SA_TYPE, "type") \
	X(SA_CUSTOM, "custom_type") X(SA_AT, "shown_at") X(SA_DIRECTION, "direction") \
	X(SA_SUBJECT, "subject") X(SA_TITLE, "title") X(SA_TEXT, "text") X(SA_OUTCOME, "outcome") \
	X(SA_NEW_STATUS, "new_status")
#define FIELD_COLS(X) X(SF_NAME, "name") X(SF_VALUE, "value")
#define OPP_COLS(X) X(SO_STATUS, "status") X(SO_TYPE, "status_type") X(SO_VALUE, "value") \
	X(SO_CURRENCY, "value_currency") X(SO_PERIOD, "value_period") \
	X(SO_CONFIDENCE, "confidence") X(SO_EXPECTED, "expected")
#define TASK_COLS(X) X(ST_TEXT, "text") X(ST_DUE, "due")
#define CONTACT_COLS(X) X(SC_NAME, "name") X(SC_TITLE, "title")
#define LATEST_COLS(X) X(LT_PID, "pid") X(LT_LANGUAGE, "language") X(LT_BACKEND, "backend") \
	X(LT_MODEL, "model") X(LT_BODY, "body") X(LT_FROM, "window_from") X(LT_TO, "window_to") \
	X(LT_COUNT, "activity_count") X(LT_CREATED, "created") X(LT_CREATED_ISO, "created_iso") \
	X(LT_USER, "user_name") X(LT_OUTDATED, "outdated") X(LT_STALE, "stale")
#define RATING_COLS(X) X(RT_MINE, "mine") X(RT_FEEDBACK, "feedback") X(RT_UPS, "ups") \
	X(RT_DOWNS, "downs")
#define RATINGS_COLS(X) X(RS_AT, "rated_at") X(RS_LEAD_NAME, "lead_name") \
	X(RS_LEAD_PID, "lead_pid") X(RS_SUMMARY_PID, "summary_pid") X(RS_USER, "user_name") \
	X(RS_EMAIL, "email") X(RS_RATING, "rating") X(RS_FEEDBACK, "feedback") \
	X(RS_BACKEND, "backend") X(RS_MODEL, "model") X(RS_DELETED, "deleted")
enum { LEAD_COLS(DB_COL_ENUM) SL__NCOLS };
enum { INPUT_ACT_COLS(DB_COL_ENUM) SA__NCOLS };
enum { FIELD_COLS(DB_COL_ENUM) SF__NCOLS };
enum { OPP_COLS(DB_COL_ENUM) SO__NCOLS };
enum { TASK_COLS(DB_COL_ENUM) ST__NCOLS };
enum { CONTACT_COLS(DB_COL_ENUM) SC__NCOLS };
enum { LATEST_COLS(DB_COL_ENUM) LT__NCOLS };
enum { RATING_COLS(DB_COL_ENUM) RT__NCOLS };
enum { RATINGS_COLS(DB_COL_ENUM) RS__NCOLS };
enum { NR_N = 0, KN_KNOWN = 0, CM_TEXT = 0, PK_LANGUAGE = 0, FD_ID = 0 };   /* one column each */
static const char *const lead_cols[] = { LEAD_COLS(DB_COL_NAME) NULL };
static const char *const input_act_cols[] = { INPUT_ACT_COLS(DB_COL_NAME) NULL };
static const char *const field_cols[] = { FIELD_COLS(DB_COL_NAME) NULL };
static const char *const opp_cols[] = { OPP_COLS(DB_COL_NAME) NULL };
static const char *const task_cols[] = { TASK_COLS(DB_COL_NAME) NULL };
static const char *const contact_cols[] = { CONTACT_COLS(DB_COL_NAME) NULL };
static const char *const latest_cols[] = { LATEST_COLS(DB_COL_NAME) NULL };
static const char *const rating_cols[] = { RATING_COLS(DB_COL_NAME) NULL };
static const char *const ratings_cols[] = { RATINGS_COLS(DB_COL_NAME) NULL };
static const char *const n_cols[] = { "n", NULL };
static const char *const known_cols[] = { "known", NULL };
static const char *const text_cols[] = { "text", NULL };
static const char *const language_cols[] = { "language", NULL };
static const char *const id_cols[] = { "id", NULL };

static struct db_sql q_lead = DB_SQL_COLS(
	"SELECT l.id, l.pid, l.name, s.label AS status FROM leads l"
	" JOIN lead_statuses s ON s.id = l.status_id"
	" WHERE l.organization_id = ? AND l.pid = ?", lead_cols);
static struct db_sql q_nrecent = DB_SQL_COLS(
	"SELECT COUNT(*) AS n FROM activities WHERE lead_id = ? AND deleted_at IS NULL"
	" AND activity_at >= UTC_TIMESTAMP(6) - INTERVAL 90 DAY", n_cols);
#define ACT_COLS \
	"SELECT a.id, a.pid, a.type, COALESCE(t.name, '') AS custom_type," \
	" DATE_FORMAT(a.activity_at, '%Y-%m-%d %H:%i') AS shown_at," \
	" COALESCE(a.direction, '') AS direction, COALESCE(a.subject, '') AS subject," \
	" COALESCE(a.title, '') AS title, COALESCE(LEFT(a.body_text, 300), '') AS text," \
	" COALESCE(a.outcome, '') AS outcome, COALESCE(a.new_status_label, '') AS new_status" \
	" FROM activities a LEFT JOIN custom_activity_types t ON t.id = a.custom_type_id" \
	" WHERE a.lead_id = ? AND a.deleted_at IS NULL"
static struct db_sql q_acts_recent = DB_SQL_COLS(ACT_COLS
	" AND a.activity_at >= UTC_TIMESTAMP(6) - INTERVAL 90 DAY ORDER BY a.activity_at DESC, a.id DESC",
	input_act_cols);
static struct db_sql q_acts_last = DB_SQL_COLS(ACT_COLS
	" ORDER BY a.activity_at DESC, a.id DESC LIMIT 100", input_act_cols);
static struct db_sql q_fields = DB_SQL_COLS(
	"SELECT f.name, COALESCE(u.name, v.value, '') AS value FROM lead_custom_values v"
	" JOIN custom_fields f ON f.id = v.field_id LEFT JOIN users u ON u.id = v.value_user"
	" WHERE v.lead_id = ? ORDER BY f.position, f.id, v.id", field_cols);
static struct db_sql q_opps = DB_SQL_COLS(
	"SELECT s.label AS status, s.type AS status_type, o.value, o.value_currency, o.value_period,"
	" o.confidence, COALESCE(DATE_FORMAT(o.expected_date, '%Y-%m-%d'), '') AS expected"
	" FROM opportunities o JOIN opportunity_statuses s ON s.id = o.status_id"
	" WHERE o.lead_id = ? ORDER BY o.date_created, o.id", opp_cols);
static struct db_sql q_tasks = DB_SQL_COLS(
	"SELECT text, COALESCE(DATE_FORMAT(due_date, '%Y-%m-%d'), '') AS due FROM tasks"
	" WHERE lead_id = ? AND is_complete = 0 ORDER BY due_date IS NULL, due_date, id", task_cols);
static struct db_sql q_contacts = DB_SQL_COLS(
	"SELECT name, COALESCE(title, '') AS title FROM contacts WHERE lead_id = ? ORDER BY id",
	contact_cols);
static struct db_sql q_store = DB_SQL(
	"INSERT INTO summaries (pid, organization_id, lead_id, user_id, language, backend, model, body,"
	" window_from, window_to, activity_count, last_activity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
	" ?, ?, ?, ?)");
static struct db_sql q_latest = DB_SQL_COLS(
	"SELECT s.pid, s.language, s.backend, COALESCE(s.model, '') AS model, s.body,"
	" COALESCE(DATE_FORMAT(s.window_from, '%Y-%m-%d %H:%i'), '') AS window_from,"
	" COALESCE(DATE_FORMAT(s.window_to, '%Y-%m-%d %H:%i'), '') AS window_to, s.activity_count,"
	" DATE_FORMAT(s.date_created, '%Y-%m-%d %H:%i:%s') AS created,"
	" DATE_FORMAT(s.date_created, '%Y-%m-%dT%H:%i:%sZ') AS created_iso,"
	" COALESCE(u.name, '') AS user_name, EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = s.lead_id"
	" AND a.deleted_at IS NULL AND a.date_created > s.date_created) AS outdated,"
	" COALESCE((SELECT MIN(a.date_created) FROM activities a WHERE a.lead_id = s.lead_id"
	" AND a.deleted_at IS NULL AND a.date_created > s.date_created)"
	" <= UTC_TIMESTAMP(6) - INTERVAL 48 HOUR, 0) AS stale"
	" FROM summaries s LEFT JOIN users u ON u.id = s.user_id"
	" WHERE s.organization_id = ? AND s.lead_id = ? AND s.deleted_at IS NULL"
	" ORDER BY s.date_created DESC, s.id DESC LIMIT 1", latest_cols);
static struct db_sql q_lead_acts = DB_SQL_COLS(
	"SELECT COALESCE(GROUP_CONCAT(pid ORDER BY id SEPARATOR ','), '') AS known FROM activities"
	" WHERE lead_id = ? AND deleted_at IS NULL AND FIND_IN_SET(pid, ?) > 0", known_cols);

static struct db_sql q_comm = DB_SQL_COLS(
	"SELECT LEFT(body_text, 2000) AS text FROM activities WHERE lead_id = ? AND deleted_at IS NULL"
	" AND type IN ('email', 'sms', 'note', 'call') AND body_text IS NOT NULL"
	" ORDER BY activity_at DESC, id DESC LIMIT 200", text_cols);
static struct db_sql q_pick = DB_SQL_COLS(
	"SELECT language FROM summary_languages WHERE organization_id = ? AND lead_id = ?",
	language_cols);
static struct db_sql q_pick_set = DB_SQL(
	"INSERT INTO summary_languages (lead_id, organization_id, language, user_id) VALUES (?, ?, ?, ?)"
	" ON DUPLICATE KEY UPDATE language = VALUES(language), user_id = VALUES(user_id),"
	" date_updated = CURRENT_TIMESTAMP(6)");
static struct db_sql q_pick_clear = DB_SQL(
	"DELETE FROM summary_languages WHERE organization_id = ? AND lead_id = ?");

static struct db_sql q_find = DB_SQL_COLS(
	"SELECT s.id FROM summaries s JOIN leads l ON l.id = s.lead_id"
	" WHERE s.organization_id = ? AND l.organization_id = s.organization_id AND l.pid = ?"
	" AND s.pid = ? AND s.deleted_at IS NULL", id_cols);
static struct db_sql q_rating = DB_SQL_COLS(
	"SELECT COALESCE(MAX(CASE WHEN user_id = ? THEN rating END), 0) AS mine,"
	" COALESCE(MAX(CASE WHEN user_id = ? THEN feedback END), '') AS feedback,"
	" COUNT(CASE WHEN rating = 1 THEN 1 END) AS ups, COUNT(CASE WHEN rating = -1 THEN 1 END) AS downs"
	" FROM summary_ratings WHERE summary_id = ?", rating_cols);
static struct db_sql q_rate = DB_SQL(
	"INSERT INTO summary_ratings (organization_id, summary_id, user_id, rating, feedback)"
	" VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE rating = VALUES(rating),"
	" feedback = VALUES(feedback), date_created = CURRENT_TIMESTAMP(6)");
static struct db_sql q_delete_rated = DB_SQL(
	"UPDATE summaries s SET s.deleted_at = UTC_TIMESTAMP(6) WHERE s.organization_id = ? AND s.id = ?"
	" AND s.deleted_at IS NULL AND EXISTS (SELECT 1 FROM summary_ratings r WHERE r.summary_id = s.id"
	" AND r.user_id = ? AND r.rating = -1)");
static struct db_sql q_ratings = DB_SQL_COLS(
	"SELECT DATE_FORMAT(r.date_created, '%Y-%m-%d %H:%i:%s') AS rated_at, l.name AS lead_name,"
	" l.pid AS lead_pid, s.pid AS summary_pid, u.name AS user_name, u.email, r.rating,"
	" COALESCE(r.feedback, '') AS feedback, s.backend, COALESCE(s.model, '') AS model,"
	" s.deleted_at IS NOT NULL AS deleted"
	" FROM summary_ratings r JOIN summaries s ON s.id = r.summary_id AND s.organization_id = r.organization_id"
	" JOIN leads l ON l.id = s.lead_id JOIN users u ON u.id = r.user_id"
	" WHERE r.organization_id = ? ORDER BY r.date_created DESC, r.id DESC LIMIT 5000", ratings_cols);

static const char *
dup(struct arena *a, const struct db_res *r, size_t row, size_t col)
{
	return arena_strdup(a, db_get(r, row, col));
}

enum db_err
summary_select(struct arena *a, long long org_id, const char *lead_pid,
    struct summary_input *out, int *found)
{
	struct db_res r;
	enum db_err e;
	long long lid;
	size_t i;

	memset(out, 0, sizeof *out);
	*found = 0;
	if ((e = db_read(a, &q_lead, DB_ARGS(DB_INT(org_id), DB_STR(lead_pid)), &r)) != DB_OK)
		return e;
	if (r.nrows != 1)
		return DB_OK;
	*found = 1;
	lid = out->lead_id = db_get_int(&r, 0, SL_ID);
	out->lead_pid = dup(a, &r, 0, SL_PID);
	out->lead_name = dup(a, &r, 0, SL_NAME);
	out->status = dup(a, &r, 0, SL_STATUS);
	if ((e = db_read(a, &q_nrecent, DB_ARGS(DB_INT(lid)), &r)) != DB_OK)
		return e;
	out->all_recent = db_get_int(&r, 0, NR_N) >= SUMMARY_MIN_ACTS;
	if ((e = db_read(a, out->all_recent ? &q_acts_recent : &q_acts_last,
	    DB_ARGS(DB_INT(lid)), &r)) != DB_OK)
		return e;
	out->nacts = r.nrows;
	out->acts = arena_alloc(a, (r.nrows + 1) * sizeof *out->acts);
	for (i = 0; i < r.nrows; i++) {
		struct summary_act *x = &out->acts[i];
		x->id = db_get_int(&r, i, SA_ID);
		x->pid = dup(a, &r, i, SA_PID);
		x->type = dup(a, &r, i, SA_TYPE);
		x->custom_type = dup(a, &r, i, SA_CUSTOM);
		x->at = dup(a, &r, i, SA_AT);
		x->direction = dup(a, &r, i, SA_DIRECTION);
		x->subject = dup(a, &r, i, SA_SUBJECT);
		x->title = dup(a, &r, i, SA_TITLE);
		x->text = dup(a, &r, i, SA_TEXT);
		x->outcome = dup(a, &r, i, SA_OUTCOME);
		x->new_status = dup(a, &r, i, SA_NEW_STATUS);
		if (x->id > out->last_activity_id)
			out->last_activity_id = x->id;
	}
	out->window_to = r.nrows ? out->acts[0].at : "";
	out->window_from = r.nrows ? out->acts[r.nrows - 1].at : "";
	if ((e = db_read(a, &q_fields, DB_ARGS(DB_INT(lid)), &r)) != DB_OK)
		return e;
	out->nfields = r.nrows;
	out->fields = arena_alloc(a, (r.nrows + 1) * sizeof *out->fields);
	for (i = 0; i < r.nrows; i++)
		out->fields[i] = (struct summary_field){ dup(a, &r, i, SF_NAME), dup(a, &r, i, SF_VALUE) };
	if ((e = db_read(a, &q_opps, DB_ARGS(DB_INT(lid)), &r)) != DB_OK)
		return e;
	out->nopps = r.nrows;
	out->opps = arena_alloc(a, (r.nrows + 1) * sizeof *out->opps);
	for (i = 0; i < r.nrows; i++)
		out->opps[i] = (struct summary_opp){ dup(a, &r, i, SO_STATUS), dup(a, &r, i, SO_TYPE),
		    db_get_int(&r, i, SO_VALUE), dup(a, &r, i, SO_CURRENCY), dup(a, &r, i, SO_PERIOD), (int)db_get_int(&r, i, SO_CONFIDENCE),
		    dup(a, &r, i, SO_EXPECTED) };
	if ((e = db_read(a, &q_tasks, DB_ARGS(DB_INT(lid)), &r)) != DB_OK)
		return e;
	out->ntasks = r.nrows;
	out->tasks = arena_alloc(a, (r.nrows + 1) * sizeof *out->tasks);
	for (i = 0; i < r.nrows; i++)
		out->tasks[i] = (struct summary_task){ dup(a, &r, i, ST_TEXT), dup(a, &r, i, ST_DUE) };
	if ((e = db_read(a, &q_contacts, DB_ARGS(DB_INT(lid)), &r)) != DB_OK)
		return e;
	out->ncontacts = r.nrows;
	out->contacts = arena_alloc(a, (r.nrows + 1) * sizeof *out->contacts);
	for (i = 0; i < r.nrows; i++)
		out->contacts[i] = (struct summary_contact){ dup(a, &r, i, SC_NAME), dup(a, &r, i, SC_TITLE) };
	return DB_OK;
}

enum db_err
summary_lead(struct arena *a, long long org_id, const char *lead_pid, long long *lead_id,
    const char **name, int *found)
{
	struct db_res r;
	enum db_err e;

	*found = 0;
	if ((e = db_read(a, &q_lead, DB_ARGS(DB_INT(org_id), DB_STR(lead_pid)), &r)) != DB_OK)
		return e;
	if (r.nrows != 1)
		return DB_OK;
	*found = 1;
	*lead_id = db_get_int(&r, 0, SL_ID);
	*name = dup(a, &r, 0, SL_NAME);
	return DB_OK;
}

/* ---- the offline backend ---- */

enum msg {
	M_LABEL, M_BUILT, M_STATUS, M_OPPS, M_NO_OPPS, M_NEXT_TASK, M_DUE, M_NO_TASKS,
	M_LAST, M_NEVER, M_EMAIL, M_CALL, M_SMS, M_MEETING, M_NOTABLE, M_NO_ACTS, M_CONTACTS,
	M_FIELDS, M_NOTE, M_STATUS_CHANGE, M_OPP_CHANGE, M_TASK_DONE, M_INCOMING, M_OUTGOING, M__MAX
};

static const struct {
	const char *lang;
	const char *native;   /* its name in itself, for the language select */
	const char *m[M__MAX];
} msgs[] = {
	{ "en", "English", {
		"Offline summary (generated without a language model)",
		"Built from %zu activities, %s to %s (UTC).",
		"Status: %s.",
		"Open opportunities: %zu, total %s.",
		"No open opportunities.",
		"Next task: %s",
		"due %s",
		"No open tasks.",
		"Last contact",
		"none",
		"email", "call", "SMS", "meeting",
		"Notable recent activity:",
		"No activity yet.",
		"Contacts: %s.",
		"Custom fields:",
		"note", "status changed to", "opportunity status change", "task completed",
		"incoming", "outgoing",
	} },
	{ "de", "Deutsch", {
		"Offline-Zusammenfassung (ohne Sprachmodell erstellt)",
		"Erstellt aus %zu Aktivitäten, %s bis %s (UTC).",
		"Status: %s.",
		"Offene Verkaufschancen: %zu, insgesamt %s.",
		"Keine offenen Verkaufschancen.",
		"Nächste Aufgabe: %s",
		"fällig am %s",
		"Keine offenen Aufgaben.",
		"Letzter Kontakt",
		"keiner",
		"E-Mail", "Anruf", "SMS", "Termin",
		"Wichtige letzte Aktivitäten:",
		"Noch keine Aktivitäten.",
		"Kontakte: %s.",
		"Benutzerdefinierte Felder:",
		"Notiz", "Status geändert zu", "Statusänderung einer Verkaufschance", "Aufgabe erledigt",
		"eingehend", "ausgehend",
	} },
	{ "es", "Español", {
		"Resumen sin conexión (generado sin modelo de lenguaje)",
		"Creado a partir de %zu actividades, del %s al %s (UTC).",
		"Estado: %s.",
		"Oportunidades abiertas: %zu, total %s.",
		"No hay oportunidades abiertas.",
		"Próxima tarea: %s",
		"vence el %s",
		"No hay tareas abiertas.",
		"Último contacto",
		"ninguno",
		"correo", "llamada", "SMS", "reunión",
		"Actividad reciente destacada:",
		"Todavía no hay actividad.",
		"Contactos: %s.",
		"Campos personalizados:",
		"nota", "estado cambiado a", "cambio de estado de oportunidad", "tarea completada",
		"entrante", "saliente",
	} },
	{ "fr", "Français", {
		"Résumé hors ligne (généré sans modèle de langage)",
		"Établi à partir de %zu activités, du %s au %s (UTC).",
		"Statut : %s.",
		"Opportunités ouvertes : %zu, total %s.",
		"Aucune opportunité ouverte.",
		"Prochaine tâche : %s",
		"échéance le %s",
		"Aucune tâche ouverte.",
		"Dernier contact",
		"aucun",
		"e-mail", "appel", "SMS", "réunion",
		"Activité récente notable :",
		"Pas encore d'activité.",
		"Contacts : %s.",
		"Champs personnalisés :",
		"note", "statut changé en", "changement de statut d'opportunité", "tâche terminée",
		"entrant", "sortant",
	} },
};
#define NLANGS (sizeof msgs / sizeof msgs[0])
_Static_assert(NLANGS == SUMMARY_NLANGS, "summary.h counts the languages of msgs");

static const char *const summary_plans[] = { "growth", "scale", "professional", "enterprise" };

int
summary_plan_ok(const char *plan)
{
	size_t i;

	for (i = 0; plan != NULL && i < sizeof summary_plans / sizeof summary_plans[0]; i++)
		if (strcmp(summary_plans[i], plan) == 0)
			return 1;
	return 0;
}

void
summary_lang_at(size_t i, const char **code, const char **native)
{
	*code = i < NLANGS ? msgs[i].lang : "";
	*native = i < NLANGS ? msgs[i].native : "";
}

const char *
summary_lang_native(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < NLANGS; i++)
		if (strcmp(msgs[i].lang, code) == 0)
			return msgs[i].native;
	return code ? code : "";
}

const char *
summary_citations(struct arena *a, const char *body)
{
	struct buf b;
	const char *p = body, *q, *out;

	buf_init(&b);
	while ((q = strstr(p, "[acti_")) != NULL) {
		const char *end = strchr(q, ']');

		if (end == NULL)
			break;
		if ((size_t)(end - q - 1) < IDS_MAXLEN) {
			if (b.len)
				buf_putc(&b, ',');
			buf_add(&b, q + 1, (size_t)(end - q - 1));
		}
		p = end + 1;
	}
	out = arena_strdup(a, b.data && !b.oom ? b.data : "");
	buf_free(&b);
	return out;
}

int
summary_csv_has(const char *csv, const char *id, size_t n)
{
	const char *p = csv;

	while (*p) {
		size_t m = strcspn(p, ",");
		if (m == n && memcmp(p, id, n) == 0)
			return 1;
		p += m;
		if (*p == ',')
			p++;
	}
	return 0;
}

enum db_err
summary_save(struct arena *a, long long org_id, long long user_id, long long lead_id,
    const struct summary_input *in, const char *lang, const char *backend, const char *model,
    const char *body, const char *pick, char pid[IDS_MAXLEN])
{
	enum db_err e;

	if ((e = db_begin()) != DB_OK)
		return e;
	if ((e = summary_store(a, org_id, user_id, in, lang, backend, model, body, pid)) != DB_OK ||
	    (e = summary_lang_set(a, org_id, lead_id, user_id, pick)) != DB_OK ||
	    (e = db_commit()) != DB_OK)
		db_rollback();
	return e;
}

static size_t
lang_index(const char *lang)
{
	size_t i;

	for (i = 0; lang != NULL && i < NLANGS; i++)
		if (strcmp(msgs[i].lang, lang) == 0)
			return i;
	return 0;
}

int
summary_lang_known(const char *lang)
{
	size_t i;

	for (i = 0; lang != NULL && i < NLANGS; i++)
		if (strcmp(msgs[i].lang, lang) == 0)
			return 1;
	return 0;
}

/* One line of text: the first line of s, at most max bytes (cut on a UTF-8 boundary). */
static void
put_line(struct buf *b, const char *s, size_t max)
{
	size_t n = strcspn(s, "\r\n");

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		buf_add(b, s, n);
		buf_puts(b, "…");
		return;
	}
	buf_add(b, s, n);
}

/* 1234567 -> "12,345.67" */
static void
put_money(struct buf *b, long long minor, const char *currency)
{
	char digits[32];
	unsigned long long v = minor < 0 ? -(unsigned long long)minor : (unsigned long long)minor;
	size_t n, i;

	if (minor < 0)
		buf_putc(b, '-');
	n = (size_t)snprintf(digits, sizeof digits, "%llu", v / 100);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, digits[i]);
	}
	buf_printf(b, ".%02llu %s", v % 100, currency);
}

static const char *
channel_of(const char *type)
{
	static const char *const ch[] = { "email", "call", "sms", "meeting" };
	size_t i;

	for (i = 0; i < 4; i++)
		if (strcmp(ch[i], type) == 0)
			return ch[i];
	return NULL;
}

const char *
summary_offline(struct arena *a, const struct summary_input *in, const char *lang)
{
	const char *const *m = msgs[lang_index(lang)].m;
	static const char *const channels[] = { "email", "call", "sms", "meeting" };
	static const enum msg chmsg[] = { M_EMAIL, M_CALL, M_SMS, M_MEETING };
	struct buf b;
	size_t i, j, nopen = 0, shown;
	const char *out;

	buf_init(&b);
	buf_printf(&b, "%s\n", m[M_LABEL]);
	buf_printf(&b, m[M_BUILT], in->nacts, *in->window_from ? in->window_from : "-",
	    *in->window_to ? in->window_to : "-");
	buf_putc(&b, '\n');
	buf_printf(&b, m[M_STATUS], in->status);
	buf_putc(&b, '\n');

	/* open opportunities, totals per currency in order of first appearance */
	for (i = 0; i < in->nopps; i++)
		nopen += strcmp(in->opps[i].status_type, "active") == 0;
	if (nopen == 0) {
		buf_printf(&b, "%s\n", m[M_NO_OPPS]);
	} else {
		struct buf tot;
		int first = 1;

		buf_init(&tot);
		for (i = 0; i < in->nopps; i++) {
			long long sum = 0;
			int seen = 0;

			if (strcmp(in->opps[i].status_type, "active") != 0)
				continue;
			for (j = 0; j < i; j++)
				if (strcmp(in->opps[j].status_type, "active") == 0 &&
				    strcmp(in->opps[j].currency, in->opps[i].currency) == 0)
					seen = 1;
			if (seen)
				continue;
			for (j = i; j < in->nopps; j++)
				if (strcmp(in->opps[j].status_type, "active") == 0 &&
				    strcmp(in->opps[j].currency, in->opps[i].currency) == 0)
					sum += in->opps[j].value;
			if (!first)
				buf_puts(&tot, " + ");
			put_money(&tot, sum, in->opps[i].currency);
			first = 0;
		}
		buf_printf(&b, m[M_OPPS], nopen, tot.data ? tot.data : "");
		buf_putc(&b, '\n');
		buf_free(&tot);
	}

	if (in->ntasks == 0) {
		buf_printf(&b, "%s\n", m[M_NO_TASKS]);
	} else {
		struct buf t;

		buf_init(&t);
		put_line(&t, in->tasks[0].text, 200);
		buf_printf(&b, m[M_NEXT_TASK], t.data ? t.data : "");
		if (*in->tasks[0].due)
			buf_printf(&b, " (%s)", arena_printf(a, m[M_DUE], in->tasks[0].due));
		buf_puts(&b, ".\n");
		buf_free(&t);
	}

	/* last contact per channel: the newest of each type in the input */
	buf_printf(&b, "%s: ", m[M_LAST]);
	for (j = 0; j < 4; j++) {
		const struct summary_act *last = NULL;

		for (i = 0; i < in->nacts && last == NULL; i++)
			if (strcmp(in->acts[i].type, channels[j]) == 0)
				last = &in->acts[i];
		buf_printf(&b, "%s%s ", j ? "; " : "", m[chmsg[j]]);
		if (last != NULL)
			buf_printf(&b, "%s [%s]", last->at, last->pid);
		else
			buf_puts(&b, m[M_NEVER]);
	}
	buf_puts(&b, ".\n");

	/* notable recent activity: the 5 newest communications, notes, status changes and custom ones */
	if (in->nacts == 0) {
		buf_printf(&b, "%s\n", m[M_NO_ACTS]);
	} else {
		buf_printf(&b, "%s\n", m[M_NOTABLE]);
		for (i = 0, shown = 0; i < in->nacts && shown < 5; i++) {
			const struct summary_act *x = &in->acts[i];
			const char *what = NULL, *detail = "";

			if (strcmp(x->type, "task_completed") == 0)
				continue;
			for (j = 0; j < 4; j++)
				if (channel_of(x->type) && strcmp(x->type, channels[j]) == 0)
					what = m[chmsg[j]];
			if (strcmp(x->type, "note") == 0)
				what = m[M_NOTE];
			else if (strcmp(x->type, "lead_status_change") == 0)
				what = m[M_STATUS_CHANGE];
			else if (strcmp(x->type, "opportunity_status_change") == 0)
				what = m[M_OPP_CHANGE];
			else if (strcmp(x->type, "custom") == 0)
				what = *x->custom_type ? x->custom_type : "custom";
			if (what == NULL)
				continue;
			if (*x->new_status)
				detail = x->new_status;
			else if (*x->subject)
				detail = x->subject;
			else if (*x->title)
				detail = x->title;
			else if (*x->text)
				detail = x->text;
			else if (*x->outcome)
				detail = x->outcome;
			buf_printf(&b, "- %s %s", x->at, what);
			if (*x->direction)
				buf_printf(&b, " (%s)", strcmp(x->direction, "incoming") == 0 ? m[M_INCOMING] :
				    strcmp(x->direction, "outgoing") == 0 ? m[M_OUTGOING] : x->direction);
			if (*detail) {
				buf_puts(&b, strcmp(x->type, "lead_status_change") == 0 ? " " : ": ");
				put_line(&b, detail, 120);
			}
			buf_printf(&b, " [%s]\n", x->pid);
			shown++;
		}
	}

	if (in->ncontacts > 0) {
		struct buf c;

		buf_init(&c);
		for (i = 0; i < in->ncontacts; i++) {
			if (i)
				buf_puts(&c, ", ");
			put_line(&c, in->contacts[i].name, 100);
			if (*in->contacts[i].title) {
				buf_puts(&c, " (");
				put_line(&c, in->contacts[i].title, 100);
				buf_putc(&c, ')');
			}
		}
		buf_printf(&b, m[M_CONTACTS], c.data ? c.data : "");
		buf_putc(&b, '\n');
		buf_free(&c);
	}
	if (in->nfields > 0) {
		buf_printf(&b, "%s\n", m[M_FIELDS]);
		for (i = 0; i < in->nfields; i++) {
			buf_puts(&b, "- ");
			put_line(&b, in->fields[i].name, 100);
			buf_puts(&b, ": ");
			put_line(&b, in->fields[i].value, 200);
			buf_putc(&b, '\n');
		}
	}
	out = arena_strdup(a, b.oom || b.data == NULL ? "" : b.data);
	buf_free(&b);
	return out;
}

int
summary_in_input(const struct summary_input *in, const char *pid)
{
	size_t i;

	for (i = 0; i < in->nacts; i++)
		if (strcmp(in->acts[i].pid, pid) == 0)
			return 1;
	return 0;
}

/* One pass of summary_drop_foreign. */
static const char *
drop_once(struct arena *a, const struct summary_input *in, const char *body)
{
	struct buf b;
	const char *p = body, *q, *out;

	buf_init(&b);
	while ((q = strstr(p, "[acti_")) != NULL) {
		const char *end = strchr(q, ']');
		char id[IDS_MAXLEN];
		size_t n;

		buf_add(&b, p, (size_t)(q - p));
		if (end == NULL) {
			p = q;
			break;
		}
		n = (size_t)(end - q - 1);
		id[0] = '\0';
		if (n < sizeof id) {
			memcpy(id, q + 1, n);
			id[n] = '\0';
		}
		if (ids_valid("acti_", id) && summary_in_input(in, id))
			buf_add(&b, q, n + 2);
		else if (b.len > 0 && b.data[b.len - 1] == ' ')
			b.data[--b.len] = '\0';   /* a dropped citation takes its space along */
		p = end + 1;
	}
	buf_puts(&b, p);
	out = arena_strdup(a, b.oom || b.data == NULL ? "" : b.data);
	buf_free(&b);
	return out;
}

const char *
summary_drop_foreign(struct arena *a, const struct summary_input *in, const char *body)
{
	const char *out = body, *prev;

	/* until nothing changes: dropping "[acti_x]" out of "[[acti_x]acti_y]" makes a new citation */
	do {
		prev = out;
		out = drop_once(a, in, prev);
	} while (out != NULL && strcmp(out, prev) != 0);
	return out;
}

enum db_err
summary_store(struct arena *a, long long org_id, long long user_id,
    const struct summary_input *in, const char *lang, const char *backend, const char *model,
    const char *body, char pid[IDS_MAXLEN])
{
	ids_new("summ_", pid);
	return db_write(a, &q_store, DB_ARGS(DB_STR(pid), DB_INT(org_id), DB_INT(in->lead_id),
	    DB_INT(user_id), DB_STR(lang), DB_STR(backend), model ? DB_STR(model) : DB_NULL,
	    DB_STR(body), *in->window_from ? DB_STR(in->window_from) : DB_NULL,
	    *in->window_to ? DB_STR(in->window_to) : DB_NULL, DB_INT((long long)in->nacts),
	    in->last_activity_id ? DB_INT(in->last_activity_id) : DB_NULL), NULL);
}

enum db_err
summary_latest(struct arena *a, long long org_id, long long lead_id, struct summary_row *out,
    int *found)
{
	struct db_res r;
	enum db_err e;

	*found = 0;
	if ((e = db_read(a, &q_latest, DB_ARGS(DB_INT(org_id), DB_INT(lead_id)), &r)) != DB_OK)
		return e;
	if (r.nrows != 1)
		return DB_OK;
	*found = 1;
	*out = (struct summary_row){ dup(a, &r, 0, LT_PID), dup(a, &r, 0, LT_LANGUAGE), dup(a, &r, 0, LT_BACKEND),
	    dup(a, &r, 0, LT_MODEL), dup(a, &r, 0, LT_BODY), dup(a, &r, 0, LT_FROM), dup(a, &r, 0, LT_TO),
	    db_get_int(&r, 0, LT_COUNT), dup(a, &r, 0, LT_CREATED), dup(a, &r, 0, LT_CREATED_ISO), dup(a, &r, 0, LT_USER),
	    db_get_int(&r, 0, LT_OUTDATED) == 1, db_get_int(&r, 0, LT_STALE) == 1 };
	return DB_OK;
}

enum db_err
summary_lead_acts(struct arena *a, long long lead_id, const char *pids_csv, const char **known_csv)
{
	struct db_res r;
	enum db_err e;

	*known_csv = "";
	if ((e = db_read(a, &q_lead_acts, DB_ARGS(DB_INT(lead_id), DB_STR(pids_csv)), &r)) != DB_OK)
		return e;
	if (r.nrows == 1)
		*known_csv = dup(a, &r, 0, KN_KNOWN);
	return DB_OK;
}

enum db_err
summary_comm_texts(struct arena *a, long long lead_id, const char ***texts, size_t *n)
{
	struct db_res r;
	enum db_err e;
	size_t i;

	*texts = NULL;
	*n = 0;
	if ((e = db_read(a, &q_comm, DB_ARGS(DB_INT(lead_id)), &r)) != DB_OK)
		return e;
	*texts = arena_alloc(a, (r.nrows + 1) * sizeof **texts);
	if (*texts == NULL)
		return DB_OK;
	for (i = 0; i < r.nrows; i++)
		(*texts)[i] = dup(a, &r, i, CM_TEXT);
	*n = r.nrows;
	return DB_OK;
}

enum db_err
summary_lang_pick(struct arena *a, long long org_id, long long lead_id, const char **lang)
{
	struct db_res r;
	enum db_err e;

	*lang = "";
	if ((e = db_read(a, &q_pick, DB_ARGS(DB_INT(org_id), DB_INT(lead_id)), &r)) != DB_OK)
		return e;
	if (r.nrows == 1)
		*lang = dup(a, &r, 0, PK_LANGUAGE);
	return DB_OK;
}

enum db_err
summary_lang_set(struct arena *a, long long org_id, long long lead_id, long long user_id,
    const char *lang)
{
	if (lang == NULL || *lang == '\0')
		return db_write(a, &q_pick_clear, DB_ARGS(DB_INT(org_id), DB_INT(lead_id)), NULL);
	return db_write(a, &q_pick_set, DB_ARGS(DB_INT(lead_id), DB_INT(org_id), DB_STR(lang),
	    DB_INT(user_id)), NULL);
}

/* ---- the prompt for an OpenAI-compatible model ---- */

const char *
summary_lang_name(const char *lang)
{
	static const struct { const char *code, *name; } names[] = {
		{ "en", "English" }, { "de", "German" }, { "es", "Spanish" }, { "fr", "French" },
	};
	size_t i;

	for (i = 0; lang != NULL && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].code, lang) == 0)
			return names[i].name;
	return "English";
}

/* s on one line (line breaks and tabs as spaces), at most max bytes, cut on a UTF-8 boundary. */
static void
put_flat(struct buf *b, const char *s, size_t max)
{
	size_t n = strlen(s), i;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		buf_putc(b, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
	if (n < strlen(s))
		buf_puts(b, "…");
}

void
summary_prompt(struct arena *a, const struct summary_input *in, const char *lang,
    const char **system, const char **user)
{
	struct buf b;
	size_t i;

	*system = arena_printf(a,
	    "You write short summaries of sales leads for the users of a CRM. "
	    "Write the summary in %s. "
	    "Use at most 8 short sentences or bullet points, resting only on the data given. "
	    "After each statement, cite the activities it rests on by their ids in square brackets, "
	    "exactly as given, for example [acti_0123]. Cite no other ids. "
	    "Answer with the text of the summary only.", summary_lang_name(lang));
	buf_init(&b);
	buf_puts(&b, "Lead: ");
	put_flat(&b, in->lead_name, 300);
	buf_puts(&b, "\nStatus: ");
	put_flat(&b, in->status, 100);
	buf_printf(&b, "\n\nActivities (%zu, newest first, times in UTC):\n", in->nacts);
	for (i = 0; i < in->nacts; i++) {
		const struct summary_act *x = &in->acts[i];

		buf_printf(&b, "[%s] %s %s", x->pid, x->at,
		    strcmp(x->type, "custom") == 0 && *x->custom_type ? x->custom_type : x->type);
		if (*x->direction)
			buf_printf(&b, " %s", x->direction);
		if (*x->new_status) {
			buf_puts(&b, "; new status: ");
			put_flat(&b, x->new_status, 100);
		}
		if (*x->subject) {
			buf_puts(&b, "; subject: ");
			put_flat(&b, x->subject, 200);
		}
		if (*x->title) {
			buf_puts(&b, "; title: ");
			put_flat(&b, x->title, 200);
		}
		if (*x->outcome) {
			buf_puts(&b, "; outcome: ");
			put_flat(&b, x->outcome, 40);
		}
		if (*x->text) {
			buf_puts(&b, "; text: ");
			put_flat(&b, x->text, 300);
		}
		buf_putc(&b, '\n');
	}
	buf_puts(&b, "\nOpportunities:\n");
	if (in->nopps == 0)
		buf_puts(&b, "none\n");
	for (i = 0; i < in->nopps; i++) {
		const struct summary_opp *o = &in->opps[i];

		buf_puts(&b, "- ");
		put_flat(&b, o->status, 100);
		buf_printf(&b, " (%s): ", o->status_type);
		put_money(&b, o->value, o->currency);
		buf_printf(&b, " %s, confidence %d%%", o->period, o->confidence);
		if (*o->expected)
			buf_printf(&b, ", expected %s", o->expected);
		buf_putc(&b, '\n');
	}
	buf_puts(&b, "\nOpen tasks:\n");
	if (in->ntasks == 0)
		buf_puts(&b, "none\n");
	for (i = 0; i < in->ntasks; i++) {
		buf_puts(&b, "- ");
		put_flat(&b, in->tasks[i].text, 300);
		if (*in->tasks[i].due)
			buf_printf(&b, " (due %s)", in->tasks[i].due);
		buf_putc(&b, '\n');
	}
	buf_puts(&b, "\nContacts:\n");
	if (in->ncontacts == 0)
		buf_puts(&b, "none\n");
	for (i = 0; i < in->ncontacts; i++) {
		buf_puts(&b, "- ");
		put_flat(&b, in->contacts[i].name, 200);
		if (*in->contacts[i].title) {
			buf_puts(&b, " (");
			put_flat(&b, in->contacts[i].title, 200);
			buf_putc(&b, ')');
		}
		buf_putc(&b, '\n');
	}
	buf_puts(&b, "\nCustom fields:\n");
	if (in->nfields == 0)
		buf_puts(&b, "none\n");
	for (i = 0; i < in->nfields; i++) {
		buf_puts(&b, "- ");
		put_flat(&b, in->fields[i].name, 100);
		buf_puts(&b, ": ");
		put_flat(&b, in->fields[i].value, 300);
		buf_putc(&b, '\n');
	}
	*user = arena_strdup(a, b.oom || b.data == NULL ? "" : b.data);
	buf_free(&b);
}

/* ---- S7: ratings ---- */

enum db_err
summary_find(struct arena *a, long long org_id, const char *lead_pid, const char *summ_pid,
    long long *summary_id)
{
	struct db_res r;
	enum db_err e;

	*summary_id = 0;
	if ((e = db_read(a, &q_find, DB_ARGS(DB_INT(org_id), DB_STR(lead_pid), DB_STR(summ_pid)), &r)) != DB_OK)
		return e;
	if (r.nrows == 1)
		*summary_id = db_get_int(&r, 0, FD_ID);
	return DB_OK;
}

enum db_err
summary_rating_get(struct arena *a, long long summary_id, long long user_id, struct summary_rating *out)
{
	struct db_res r;
	enum db_err e;

	memset(out, 0, sizeof *out);
	out->feedback = "";
	if ((e = db_read(a, &q_rating, DB_ARGS(DB_INT(user_id), DB_INT(user_id), DB_INT(summary_id)), &r)) != DB_OK)
		return e;
	if (r.nrows == 1) {
		out->mine = (int)db_get_int(&r, 0, RT_MINE);
		out->feedback = dup(a, &r, 0, RT_FEEDBACK);
		out->ups = db_get_int(&r, 0, RT_UPS);
		out->downs = db_get_int(&r, 0, RT_DOWNS);
	}
	return DB_OK;
}

enum db_err
summary_rate(struct arena *a, long long org_id, long long summary_id, long long user_id, int rating,
    const char *feedback)
{
	int with = rating < 0 && feedback != NULL && *feedback != '\0';

	return db_write(a, &q_rate, DB_ARGS(DB_INT(org_id), DB_INT(summary_id), DB_INT(user_id),
	    DB_INT(rating < 0 ? -1 : 1), with ? DB_STR(feedback) : DB_NULL), NULL);
}

enum db_err
summary_delete_rated(struct arena *a, long long org_id, long long summary_id, long long user_id,
    int *done)
{
	struct db_res r;
	enum db_err e;

	*done = 0;
	if ((e = db_write(a, &q_delete_rated, DB_ARGS(DB_INT(org_id), DB_INT(summary_id), DB_INT(user_id)),
	    &r)) != DB_OK)
		return e;
	*done = r.affected == 1;
	return DB_OK;
}

enum db_err
summary_ratings_list(struct arena *a, long long org_id, struct summary_rating_row **rows, size_t *n)
{
	struct db_res r;
	enum db_err e;
	size_t i;

	*rows = NULL;
	*n = 0;
	if ((e = db_read(a, &q_ratings, DB_ARGS(DB_INT(org_id)), &r)) != DB_OK)
		return e;
	if ((*rows = arena_alloc(a, (r.nrows + 1) * sizeof **rows)) == NULL)
		return DB_OK;
	for (i = 0; i < r.nrows; i++)
		(*rows)[i] = (struct summary_rating_row){ dup(a, &r, i, RS_AT), dup(a, &r, i, RS_LEAD_NAME),
		    dup(a, &r, i, RS_LEAD_PID), dup(a, &r, i, RS_SUMMARY_PID), dup(a, &r, i, RS_USER), dup(a, &r, i, RS_EMAIL),
		    (int)db_get_int(&r, i, RS_RATING), dup(a, &r, i, RS_FEEDBACK), dup(a, &r, i, RS_BACKEND), dup(a, &r, i, RS_MODEL),
		    db_get_int(&r, i, RS_DELETED) == 1 };
	*n = r.nrows;
	return DB_OK;
}
