/* activities.h — writing a lead's history (L5): notes, logged calls, emails,
 * SMS and meetings, custom activities of the organization's types; and the
 * one insert every activity of the model goes through (also the status
 * changes of opportunities and completed tasks).
 *
 * Every activity gets a new acti_ id, user_id = the acting user,
 * date_created = UTC now, activity_at = the given time (in the acting user's
 * time zone, stored in UTC) or now, and its count in lead_activity_counts,
 * in the transaction that writes it; the lead is touched.
 *
 * The page passes the form's strings as typed (NULL or "" for an empty
 * field); every function validates them and answers as valid.h says. Form
 * field names of the messages are given beside each member. Every function
 * takes the acting organization and user and the lead's public id. Form
 * field names follow Close's API (contact_id, activity_at, ...). */
#ifndef LL_ACTIVITIES_H
#define LL_ACTIVITIES_H

#include <stddef.h>

#include "form.h"
#include "ids.h"
#include "valid.h"

struct arena;
struct files_batch;
struct leadtx;

/* What every form of an activity has. */
struct activities_common {
	const char *contact_id;   /* "contact_id": cont_ of this lead, optional */
	const char *activity_at;  /* "activity_at": YYYY-MM-DD HH:MM in the user's zone; empty: now */
};

struct activities_note_in {
	struct activities_common c;
	const char *text;         /* "text": required */
};

struct activities_call_in {
	struct activities_common c;
	const char *direction;    /* "direction": incoming or outgoing, required */
	const char *phone;        /* "phone": the number called or calling, optional */
	const char *duration;     /* "duration": seconds or m:ss (h:mm:ss), optional */
	const char *outcome;      /* "outcome": answered no-answer voicemail busy, optional */
	const char *note;         /* "note": optional */
};

/* A logged email: text only (body_html stays NULL). */
struct activities_email_in {
	struct activities_common c;
	const char *direction;    /* "direction": required */
	const char *subject;      /* "subject": optional, 998 characters */
	const char *sender;       /* "sender": an address, required */
	const char *to;           /* "to": addresses separated by commas, at least one */
	const char *cc;           /* "cc": addresses, optional */
	const char *body_text;    /* "body_text": optional */
};

struct activities_sms_in {
	struct activities_common c;
	const char *direction;    /* "direction": required */
	const char *local_phone;  /* "local_phone": the organization's number, optional */
	const char *remote_phone; /* "remote_phone": the customer's number, required */
	const char *text;         /* "text": required */
};

/* activity_at, when empty, is the meeting's start: the history sorts a
 * meeting logged afterwards where it happened. */
struct activities_meeting_in {
	struct activities_common c;
	const char *title;        /* "title": required */
	const char *starts_at;    /* "starts_at": YYYY-MM-DD HH:MM in the user's zone, required */
	const char *ends_at;      /* "ends_at": the same, after starts_at, required */
	const char *attendees;    /* "attendees": addresses separated by commas, optional */
	const char *location;     /* "location": optional */
	const char *note;         /* "note": optional */
};

/* One value of a custom activity's field. The message of a value goes to the
 * field's public id (its cf_ id) as the form field name. */
struct activities_value {
	const char *field;        /* cf_ id of a field of the activity type */
	const char *value;        /* by the field's type; empty: no value */
};

/*
 * A custom activity. Values are checked by the field's type: text (one line),
 * textarea, number, date (YYYY-MM-DD), datetime (user's zone, stored in UTC
 * as YYYY-MM-DD HH:MM:SS), choices (one of the listed ones), user (a user_ of
 * the organization, stored as that public id), url (http or https).
 */
struct activities_custom_in {
	struct activities_common       c;
	const char                    *custom_activity_type_id;   /* "custom_activity_type_id":
	                                                           * an actitype_ of the organization */
	const struct activities_value *values;
	size_t                         nvalues;
};

/* The field tables of the forms above (form.h); a custom activity's values
 * are not in its table: they are the organization's own fields. */
extern const struct form_model activities_note_form, activities_call_form, activities_email_form,
    activities_sms_form, activities_meeting_form, activities_custom_form;

/* Each writes one activity and, on VALID_OK, its public id into pid (may be NULL). */
enum valid_rc activities_note(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct activities_note_in *, char pid[IDS_MAXLEN],
    struct valid_errs *);
enum valid_rc activities_call(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct activities_call_in *, char pid[IDS_MAXLEN],
    struct valid_errs *);
enum valid_rc activities_email(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct activities_email_in *, char pid[IDS_MAXLEN],
    struct valid_errs *);
enum valid_rc activities_sms(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct activities_sms_in *, char pid[IDS_MAXLEN],
    struct valid_errs *);
enum valid_rc activities_meeting(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct activities_meeting_in *, char pid[IDS_MAXLEN],
    struct valid_errs *);
enum valid_rc activities_custom(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct activities_custom_in *, char pid[IDS_MAXLEN],
    struct valid_errs *);

/* The same with attachments (files_receive; NULL: none): their file rows,
 * received at the activity's date, and their activity_files rows are written
 * in the activity's transaction, and the files placed in the store before it
 * commits (F4). When it does not, the caller calls files_unreceive; files->rc
 * then says whether the store was why. */
enum valid_rc activities_note_files(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct activities_note_in *, struct files_batch *,
    char pid[IDS_MAXLEN], struct valid_errs *);
enum valid_rc activities_email_files(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct activities_email_in *, struct files_batch *,
    char pid[IDS_MAXLEN], struct valid_errs *);
enum valid_rc activities_sms_files(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const struct activities_sms_in *, struct files_batch *,
    char pid[IDS_MAXLEN], struct valid_errs *);

/* The message of an edit of a synced email (E4): it can be deleted, not edited. */
#define ACTIVITIES_SYNCED "A synced email can be deleted, not edited."

/*
 * Edits the activity acti_pid of the lead in place (C1): the same checks as
 * writing one of its type (type: activities.type, the type it has; in: that
 * type's input struct, custom values included), in one transaction that
 * locks the lead, then the activity. Its id, permalink, pin, attachments and
 * author stay; edited_by and edited_at say who and when. An empty
 * activity_at keeps the time it has, and a time sent as the minute it
 * already shows keeps its seconds. Two edits of one activity run one after
 * the other (the lead's lock): the last one wins, whole, never a mix.
 * VALID_NOT_FOUND for an activity not of this lead (or deleted, or of
 * another type); VALID_REFUSED for a synced email (ACTIVITIES_SYNCED).
 */
enum valid_rc activities_update(struct arena *, long long org_id, long long user_id,
    const char *lead_pid, const char *acti_pid, const char *type, const void *in,
    struct valid_errs *);

/* The form model of an activity type that can be edited, or NULL. */
const struct form_model *activities_form_of(const char *type);

/* An activity as stored, for its edit form: in is its type's input struct
 * (model) with the stored values as the form shows them (times in the
 * viewer's zone tz as datetime-local wants them, a duration as m:ss), NULL
 * for a type that is not edited (a status change, a completed task). */
struct activities_stored {
	long long                id;
	const char              *pid;
	const char              *type;
	const char              *custom_type_pid;    /* "" but for custom */
	const char              *custom_type_name;
	int                      synced;             /* an email with an HTML body */
	const struct form_model *model;
	const void              *in;
	/* custom: the stored values, field by field as a form takes them (a user
	 * as its user_ id, a datetime in tz as "YYYY-MM-DDTHH:MM") */
	const char             **value_field;   /* cf_ */
	const char             **value;
	size_t                   nvalues;
};

/* Reads the live activity acti_pid of the lead lead_pid of the organization:
 * *found 0 when there is none. */
enum db_err activities_read(struct arena *, long long org_id, const char *lead_pid,
    const char *acti_pid, const char *tz, struct activities_stored *, int *found);

/*
 * For the other write modules, inside their leadtx: one activities row as
 * given (already validated; NULL strings and 0 ids are SQL NULL; duration
 * < 0 is NULL; activity_at in UTC or NULL for now) and its count. The new
 * public id into pid (may be NULL).
 */
struct activities_row {
	const char *type;          /* email call sms meeting note lead_status_change
	                            * opportunity_status_change task_completed custom */
	long long   custom_type_id;
	long long   contact_id;
	const char *activity_at;
	const char *direction;
	const char *subject;
	const char *sender;
	const char *recipients_to;
	const char *recipients_cc;
	const char *body_text;
	const char *phone;
	const char *local_phone;
	long long   duration;
	const char *outcome;
	const char *title;
	const char *starts_at;
	const char *ends_at;
	const char *attendees;
	const char *location;
	long long   opportunity_id;
	long long   task_id;
	long long   old_status_id;
	long long   new_status_id;
	const char *old_status_label;
	const char *new_status_label;
};

enum valid_rc activities_insert(struct leadtx *, const struct activities_row *,
    char pid[IDS_MAXLEN], long long *id);

#endif
