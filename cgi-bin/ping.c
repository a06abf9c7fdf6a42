/*
 * ping — constant answers through the whole request loop: what FastCGI
 * itself costs, and what a page that checks its session costs before it does
 * anything; `make bench` measures the pages against them.
 *
 *   GET /ping           200 text/plain "ok\n"; public, reads no session, runs no SQL
 *   GET /ping/session   200 text/plain "ok\n" for a logged-in member, after
 *                       the session check every page makes (one statement,
 *                       and its once-a-minute touch); without a session the
 *                       login redirect (302), as every page
 *
 * It goes through lib/req like every page (parameters, cookies, the layout's
 * dictionary, the buffered response), so its rate is the ceiling of a page.
 * Templates: none of its own. Statuses: 200 302 405.
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
	{ REQ_GET, "/ping/session", 0, ping_get },
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
