/* mailconn.h — reaching a user's mail servers (E1): IMAP and SMTP over
 * libcurl with the TLS mode the user chose, a login checked, and a failure
 * named by what failed. Passwords are borrowed, never logged or copied. */
#ifndef LL_MAILCONN_H
#define LL_MAILCONN_H

#include <stddef.h>

enum mailconn_tls {
	MAILCONN_TLS_IMPLICIT,   /* TLS from the first byte (imaps, smtps) */
	MAILCONN_TLS_STARTTLS,   /* plain, then STARTTLS required */
	MAILCONN_TLS_PLAIN,      /* no TLS: only to a loopback address */
};

enum mailconn_proto { MAILCONN_IMAP, MAILCONN_SMTP };

struct mailconn {
	enum mailconn_proto proto;
	const char         *host;
	unsigned            port;
	enum mailconn_tls   tls;
	const char         *login;
	const char         *password;   /* borrowed */
	const char         *ca_file;    /* NULL: the system's CAs */
	long                timeout;    /* seconds; 0: 10 */
};

enum mailconn_err {
	MAILCONN_OK = 0,
	MAILCONN_BAD_INPUT,    /* an empty host, port 0, plain to a host not on loopback */
	MAILCONN_UNREACHABLE,  /* no such host, refused, timed out */
	MAILCONN_TLS_FAILED,   /* handshake, certificate, or STARTTLS not offered */
	MAILCONN_LOGIN_DENIED, /* the server refused the login */
	MAILCONN_FAILED,       /* anything else the server answered */
};

/* Connects, logs in and logs out. Returns the outcome; msg (errlen bytes)
 * gets a sentence naming the protocol and what failed, without the password. */
enum mailconn_err mailconn_check(const struct mailconn *, char *msg, size_t msglen);
/* Whether host is a loopback name or address (localhost, 127.x, ::1). */
int mailconn_is_loopback(const char *host);

#endif
