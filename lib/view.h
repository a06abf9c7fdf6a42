/* view.h — the C face of ctemplate. Templates are loaded once at start-up. */
#ifndef LL_VIEW_H
#define LL_VIEW_H

#include <stddef.h>

struct buf;
struct view_dict;   /* a ctemplate::TemplateDictionary */

/*
 * Loads every named template from dir (and checks each begins with the
 * AUTOESCAPE pragma). Returns 0, or -1 with the broken template's name in
 * err: a broken template fails start-up, never a request.
 */
int               view_init(const char *dir, const char *const *names, char *err, size_t errlen);
/* A new top-level dictionary; freed by view_dict_free. NULL on failure. */
struct view_dict *view_dict_new(void);
void              view_dict_free(struct view_dict *);
/* Values are copied into the dictionary. NULL values are set as "". */
void              view_set(struct view_dict *, const char *key, const char *val);
void              view_set_int(struct view_dict *, const char *key, long long val);
/* A value every template of this expansion sees, includes too. */
void              view_set_global(struct view_dict *, const char *key, const char *val);
void              view_show(struct view_dict *, const char *section);
/* A new repetition of a section; owned by the parent. */
struct view_dict *view_section(struct view_dict *, const char *section);
/* Fills {{>NAME}} with template file; returns its dictionary, owned by the parent. */
struct view_dict *view_include(struct view_dict *, const char *name, const char *file);
/* Expands the template into out. Returns 0, or -1. */
int               view_render(const char *name, struct view_dict *, struct buf *out);

#endif
