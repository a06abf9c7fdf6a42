/* migrate.h — the migrations runner of `llctl migrate` (migrate.c). */
#ifndef LL_MIGRATE_H
#define LL_MIGRATE_H

#include <stdio.h>

struct st_mysql;

/* Applies the migrations of dir not yet in schema_migrations, in order,
 * on c (a connection from db_open_script); a line per file on out, errors
 * on err. Returns 0, or -1 at the first failure (nothing after it runs). */
int migrate_run(struct st_mysql *c, const char *dir, FILE *out, FILE *err);

#endif
