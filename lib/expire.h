/* expire.h — expiry of what uploads leave behind (one bounded pass): an
 * import abandoned for a day (at the mapping step, or running with nobody on
 * its page) is stopped with a message saying its upload expired, and its file
 * removed; any other file of the store's tmp directory untouched for a day is
 * removed. Run by `llctl tick` (lib/tick.h) and at the start of an import. */
#ifndef LL_EXPIRE_H
#define LL_EXPIRE_H

#include "db.h"

#define EXPIRE_AFTER_SECONDS (24L * 60 * 60)
#define EXPIRE_MESSAGE_MAPPING "The uploaded file expired: it waited a day for its columns " \
	"to be chosen and was removed. Nothing was imported; upload the file again."
#define EXPIRE_MESSAGE_RUNNING "The uploaded file expired: the import was left unfinished " \
	"for a day and its file was removed. The rows imported so far stay; upload the file " \
	"again to merge the rest."

struct expire_report {
	unsigned imports;   /* imports stopped, their file removed */
	unsigned files;     /* other temp files removed */
};

/* One pass: the imports of org_id; or, org_id 0, of every organization
 * and then the tmp directory's old files (a bounded number of each per
 * pass; with more organizations than a pass looks at, no file is removed). Each import is claimed by a conditional UPDATE, so
 * passes running at once never stop one twice. Returns DB_OK, or the
 * database's error (what was done before it stays done). */
enum db_err expire_pass(struct arena *, long long org_id, struct expire_report *out);

#endif
