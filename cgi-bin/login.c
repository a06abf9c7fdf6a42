/*
 * login — signing in and out.
 *
 *   GET  /login    the form. ?next=<local path> is where to go after.
 *                  Sets the pre-session CSRF cookie (ll_csrf) it posts back.
 *   POST /login    email, password, next, csrf. 303 to next (or /leads) with
 *                  a new session cookie; 403 and the form again for a wrong
 *                  password, an unknown email or a deactivated user alike;
 *                  429 with Retry-After and the form again, nothing checked,
 *                  while the email or the client's address is paused after
 *                  failures (lib/throttle.h), the same for any email.
 *   POST /logout   csrf. Ends the session on the server; 303 to /login.
 *
 * Who: anyone for /login; a session for /logout.
 * Templates: login.tpl. Statuses: 200 303 400 403 429 503.
 */
#include <string.h>
#include <ctype.h>

#include "arena.h"
#include "auth.h"
#include "conf.h"
#include "log.h"
#include "req.h"
#include "throttle.h"
#include "view.h"

enum key { KEY_EMAIL, KEY_PASSWORD, KEY_NEXT, KEY__MAX };

static const struct req_key keys[KEY__MAX] = {
	[KEY_EMAIL] = { "email", REQ_K_LINE, 254, NULL, 0 },
	[KEY_PASSWORD] = { "password", REQ_K_LINE, 1024, NULL, 0 },
	[KEY_NEXT] = { "next", REQ_K_PATH, 2048, NULL, 0 },
};

static const char *
next_of(struct req *r)
{
	const char *n = req_str(r, KEY_NEXT);

	return n ? n : "/leads";
}

static int
show_form(struct req *r, const char *email, const char *error)
{
	const char *csrf = req_cookie(r, req_cookie_name(r, "ll_csrf"));
	char fresh[AUTH_TOKEN_LEN + 1];

	if (csrf == NULL || strlen(csrf) != AUTH_TOKEN_LEN) {
		auth_random_token(fresh, sizeof fresh);
		csrf = arena_strdup(&r->arena, fresh);
		req_set_cookie(r, "ll_csrf", csrf, "Strict", 86400);
	}
	req_title(r, "Log in");
	view_set(r->dict, "LOGIN_CSRF", csrf);
	view_set(r->dict, "NEXT", next_of(r));
	view_set(r->dict, "EMAIL", email);
	if (error != NULL)
		view_set(view_section(r->dict, "ERROR"), "MESSAGE", error);
	return req_render(r, "login.tpl");
}

static int
login_get(struct req *r)
{
	if (r->authed)
		return req_redirect(r, 302, next_of(r));
	return show_form(r, "", NULL);
}

static int
login_post(struct req *r)
{
	char token[AUTH_TOKEN_LEN + 1], *email;
	const char *pw = req_str(r, KEY_PASSWORD);
	enum db_err e;
	long wait;
	size_t i;
	int st;

	email = arena_strdup(&r->arena, req_str(r, KEY_EMAIL) ? req_str(r, KEY_EMAIL) : "");
	if (email == NULL)
		return req_error(r, 500, "Out of memory.");
	email += strspn(email, " \t");
	for (i = strlen(email); i > 0 && (email[i - 1] == ' ' || email[i - 1] == '\t'); i--)
		email[i - 1] = '\0';
	for (i = 0; email[i]; i++)
		email[i] = (char)tolower((unsigned char)email[i]);
	if ((e = throttle_check(&r->arena, "login", email, r->addr, &wait)) != DB_OK)
		return req_db_error(r, e);
	if (wait > 0) {
		req_header(r, "Retry-After", arena_printf(&r->arena, "%ld", wait));
		st = show_form(r, email, arena_printf(&r->arena, "Too many failed logins with this "
		    "email or from your address: wait %ld second%s, then try again.", wait,
		    wait == 1 ? "" : "s"));
		return st == 200 ? 429 : st;
	}
	switch (auth_login(&r->arena, email, pw ? pw : "", token, sizeof token)) {
	case AUTH_OK:
		if ((e = throttle_clear(&r->arena, "login", email)) != DB_OK)
			log_err("login: the failures of an account could not be cleared");
		break;
	case AUTH_DENIED:
		log_info("login refused for %s", email);
		if ((e = throttle_fail(&r->arena, "login", email, r->addr)) != DB_OK)
			return req_db_error(r, e);
		st = show_form(r, email, "That email and password do not match an active account.");
		return st == 200 ? 403 : st;
	case AUTH_DOWN:
		return req_db_error(r, DB_DOWN);
	default:
		return req_db_error(r, DB_ERROR);
	}
	/* a new session id at every login: the old one, if any, ends */
	if (r->authed)
		auth_logout(&r->arena, r->who.session_id);
	req_set_cookie(r, "ll_session", token, "Lax", conf_long(CONF_SESSION_ABSOLUTE_TIMEOUT));
	return req_redirect(r, 303, next_of(r));
}

static int
logout_post(struct req *r)
{
	enum auth_err e = auth_logout(&r->arena, r->who.session_id);

	if (e != AUTH_OK)
		return req_db_error(r, e == AUTH_DOWN ? DB_DOWN : DB_ERROR);
	req_set_cookie(r, "ll_session", "", "Lax", -1);
	return req_redirect(r, 303, "/login");
}

static const struct route routes[] = {
	{ REQ_GET, "/login", ROUTE_PUBLIC, login_get },
	{ REQ_POST, "/login", ROUTE_PUBLIC, login_post },
	{ REQ_POST, "/logout", 0, logout_post },
};

static const char *const templates[] = { "login.tpl", NULL };

static const struct page page = {
	"login", routes, sizeof routes / sizeof routes[0], keys, KEY__MAX, templates,
};

int
main(int argc, char **argv)
{
	return req_main(&page, argc, argv);
}
