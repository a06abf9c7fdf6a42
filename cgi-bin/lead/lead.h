/* lead.h — what the parts of the lead program share. The program is split
 * by what it renders, each part a file of a page's worth: cgi-bin/lead.c
 * holds the routes, the handlers and the page cache; lead/side.c the left
 * column and every form of the page (binding a form is lib/form.h's, which
 * side.c shows); lead/history.c the history, its filter and the view
 * helpers both use. Only lead.c is a program: the Makefile links the files
 * of cgi-bin/<program>/ into cgi-bin/<program>. */
#ifndef LL_LEAD_PAGE_H
#define LL_LEAD_PAGE_H

#include "form.h"
#include "leadforms.h"
#include "leads.h"
#include "req.h"
#include "timeline.h"
#include "valid.h"
#include "view.h"

enum key {
	KEY_STATUS, KEY_TYPE, KEY_BEFORE, KEY_IMAGES, KEY_FRAGMENT, KEY_OWNER, KEY_REFUSED,
	/* custom values: field=<cf_ id> in order, the i-th field's values under v<i> */
	KEY_FIELD, KEY_V0,
	KEY__FIXED = KEY_V0 + 32
};
#define NVALUE_KEYS (KEY__FIXED - KEY_V0)

/* The page's forms (L5). A form that was refused is shown again open, with
 * the user's input and a message beside each field. */
enum form {
	F_NONE, F_NOTE, F_CALL, F_EMAIL, F_SMS, F_MEETING, F_CUSTOM, F_TASK,
	F_CONTACT, F_CONTACT_EDIT, F_OPP, F_OPP_EDIT, F_LEAD, F_FIELDS, F_PIN,
	F_ACT_EDIT,   /* an activity's edit (C1): its model is its type's (activities_form_of) */
	F_TASK_EDIT,  /* a task's edit page (C3) */
	F__MAX
};

/* The model each form binds and shows (NULL: a form of no fields); values
 * come back under the field's name in capitals, its message in the section
 * <NAME>_ERR (form_show). */
extern const struct form_model *const lead_form_models[F__MAX];

/* A refused form to show again: which one, on which object, and why. */
struct again {
	enum form                form;
	const char              *target;   /* the object's pid (an edit), the actitype_ (custom) */
	const struct valid_errs *errs;
	const void              *in;       /* the input as sent, in the form's model's struct */
};

/* What the history is showing: the lead, the filter and the page asked for. */
struct view_state {
	const char                  *lead;     /* lead_ id */
	const struct timeline_kinds *kinds;
	const char                  *before;
	const char                  *images;
	const char                  *query;    /* "type=a&type=b&": links that keep the filter */
	const char                  *here;     /* the same and "before=<acti_id>&": links to this page */
};

/* What the forms choose from: the contacts (filled with the left column) and
 * leadforms' one statement. */
struct page_data {
	struct leadforms      lf;
	struct leadforms_opt *contacts;
	size_t                ncontacts;
};

/* history.c: helpers of both parts */
int         lead_web_url(const char *url);
/* A number as a tel: link wants it (arena). */
const char *lead_tel(struct arena *, const char *phone);
/* Sets key in a new section when val is not empty. */
void        lead_set_if(struct view_dict *, const char *section, const char *key, const char *val);
/* A message under MSG in a new section, when there is one. */
void        lead_set_msg(struct view_dict *, const char *section, const char *msg);
/* A custom field's values, shown by type. */
void        lead_values(struct req *, struct view_dict *field, const char *type,
                const char *const *values, size_t n);
/* history.c: the history (L3, L7) and its filter (L4). */
const char *lead_filter_query(struct req *, const struct timeline_kinds *);
void        lead_filter(struct req *, const struct view_state *);
void        lead_history(struct req *, struct view_dict *, const struct timeline_page *,
                const struct view_state *);

/* side.c: the forms (L5) and the left column (L2); ag is the form refused
 * (NULL: none). The fill_ functions return 0 or the status of a failure. */
int         lead_again_is(const struct again *, enum form, const char *target);
void        lead_forms(struct req *, const struct lead *, const struct page_data *,
                const struct again *);
int         lead_tasks(struct req *, long long lead_id);
int         lead_opportunities(struct req *, long long lead_id, const struct page_data *,
                const struct again *);
int         lead_contacts(struct req *, long long lead_id, struct page_data *, const struct again *);
void        lead_custom_fields(struct req *, const struct page_data *);
/* side.c: the edit form of the activity st (C1) into form (lead_act_edit_form.tpl's
 * dictionary): the stored values, or the input sent when ag (F_ACT_EDIT) came
 * back. 0 or the status of a failure. */
struct activities_stored;
int         lead_edit_form(struct req *, struct view_dict *form, long long lead_id,
                const struct activities_stored *, const struct again *);
/* side.c: the edit form of the task st (C3) into form (lead_task_edit.tpl's
 * dictionary): the stored values, or the input sent when ag (F_TASK_EDIT)
 * came back. 0 or the status of a failure. */
struct tasks_stored;
int         lead_task_form(struct req *, struct view_dict *form, long long lead_id,
                const struct tasks_stored *, const struct again *);

#endif
