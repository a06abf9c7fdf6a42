/*
 * ping — a constant answer through the whole request loop (issue 8): what
 * FastCGI itself costs, the baseline `make bench` compares the permalink
 * redirect and the other cheap pages with.
 *
 *   GET /ping    200 text/plain "ok\n"; public, reads no session, runs no SQL
 *
 * It goes through lib/req like every page (parameters, cookies, the layout's
 * dictionary, the buffered response), so its rate is the ceiling of a page.
 * Templates: none of its own. Statuses: 200 405.
 */
#include "req.h"

static int
ping_get(struct req *r)
{
	r->content_type = "text/plain; charset=utf-8";
	buf_puts(r->body, "ok\n");
	return 200;
}

static const struct route routes[] = {
	{ REQ_GET, "/ping", ROUTE_PUBLIC, ping_get },
};

static const char *const templates[] = { NULL };

static const struct page page = {
	"ping", routes, sizeof routes / sizeof routes[0], NULL, 0, templates,
};

int
main(int argc, char **argv)
{
	return req_main(&page, argc, argv);
}
