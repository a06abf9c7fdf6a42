/*
 * files — the lead's files tab and downloads (F1-F6; issue 5).
 */
#include "req.h"

#define NOT_FOUND "There is no such file."

static int
files_none(struct req *r)
{
	return req_error(r, 404, NOT_FOUND);
}

static const struct route routes[] = {
	{ REQ_GET, "/lead/*/files", 0, files_none },
	{ REQ_GET, "/file/*", 0, files_none },
};

static const char *const templates[] = { NULL };

static const struct page page = {
	"files", routes, sizeof routes / sizeof routes[0], NULL, 0, templates,
};

int
main(int argc, char **argv)
{
	return req_main(&page, argc, argv);
}
