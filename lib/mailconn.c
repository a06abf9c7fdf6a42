/* mailconn.c — IMAP and SMTP logins over libcurl for E1's check of a
 * mailbox before it is saved. See mailconn.h. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "mailconn.h"

int
mailconn_is_loopback(const char *host)
{
	return strcasecmp(host, "localhost") == 0 || strncmp(host, "127.", 4) == 0 ||
	    strcmp(host, "::1") == 0 || strcmp(host, "[::1]") == 0;
}

static size_t
discard(char *p, size_t size, size_t n, void *u)
{
	(void)p; (void)u;
	return size * n;
}

static enum mailconn_err
classify(CURLcode rc)
{
	switch (rc) {
	case CURLE_OK:                  return MAILCONN_OK;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:  return MAILCONN_UNREACHABLE;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_USE_SSL_FAILED:      return MAILCONN_TLS_FAILED;
	case CURLE_LOGIN_DENIED:        return MAILCONN_LOGIN_DENIED;
	default:                        return MAILCONN_FAILED;
	}
}

static const char *
what(enum mailconn_err e)
{
	switch (e) {
	case MAILCONN_OK:           return "connected";
	case MAILCONN_BAD_INPUT:    return "not a usable server";
	case MAILCONN_UNREACHABLE:  return "the server could not be reached";
	case MAILCONN_TLS_FAILED:   return "the TLS connection failed";
	case MAILCONN_LOGIN_DENIED: return "the login or password was refused";
	default:                    return "the server refused";
	}
}

enum mailconn_err
mailconn_check(const struct mailconn *c, char *msg, size_t msglen)
{
	const char *name = c->proto == MAILCONN_IMAP ? "IMAP" : "SMTP";
	const char *scheme;
	char url[600], cerr[CURL_ERROR_SIZE] = "";
	enum mailconn_err e;
	CURLcode rc;
	CURL *h;

	if (c->host == NULL || c->host[0] == '\0' || strlen(c->host) > 255 || c->port == 0 ||
	    c->port > 65535 || strpbrk(c->host, "/@?#: \r\n") != NULL) {
		snprintf(msg, msglen, "%s: the host and port are not a usable server.", name);
		return MAILCONN_BAD_INPUT;
	}
	if (c->tls == MAILCONN_TLS_PLAIN && !mailconn_is_loopback(c->host)) {
		snprintf(msg, msglen, "%s: without TLS only a server on this machine (loopback) is allowed.", name);
		return MAILCONN_BAD_INPUT;
	}
	if (c->proto == MAILCONN_IMAP)
		scheme = c->tls == MAILCONN_TLS_IMPLICIT ? "imaps" : "imap";
	else
		scheme = c->tls == MAILCONN_TLS_IMPLICIT ? "smtps" : "smtp";
	snprintf(url, sizeof url, "%s://%s:%u/", scheme, c->host, c->port);
	if ((h = curl_easy_init()) == NULL) {
		snprintf(msg, msglen, "%s: out of memory.", name);
		return MAILCONN_FAILED;
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "imap,imaps,smtp,smtps");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, c->timeout > 0 ? c->timeout : 10L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 2 * (c->timeout > 0 ? c->timeout : 10L));
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	if (c->tls == MAILCONN_TLS_STARTTLS)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (c->ca_file && c->ca_file[0])
		curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file);
	curl_easy_setopt(h, CURLOPT_USERNAME, c->login ? c->login : "");
	curl_easy_setopt(h, CURLOPT_PASSWORD, c->password ? c->password : "");
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "NOOP");
	if (c->proto == MAILCONN_SMTP)
		curl_easy_setopt(h, CURLOPT_LOGIN_OPTIONS, "AUTH=*");
	rc = curl_easy_perform(h);
	curl_easy_cleanup(h);
	e = classify(rc);
	if (e == MAILCONN_OK)
		snprintf(msg, msglen, "%s: connected and logged in.", name);
	else
		snprintf(msg, msglen, "%s: %s (%s).", name, what(e), cerr[0] ? cerr : curl_easy_strerror(rc));
	return e;
}
