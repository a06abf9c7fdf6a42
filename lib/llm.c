/* llm.c — see llm.h. */
#include <ctype.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "arena.h"
#include "conf.h"
#include "llm.h"
#include "log.h"

int
llm_conf_load(struct llm_conf *c)
{
	long max = conf_long(CONF_SUMMARY_MAX_ANSWER);

	c->base_url = conf_str(CONF_SUMMARY_BASE_URL);
	c->api_key = conf_str(CONF_SUMMARY_API_KEY);
	c->model = conf_str(CONF_SUMMARY_MODEL);
	c->connect_timeout = conf_long(CONF_SUMMARY_CONNECT_TIMEOUT);
	c->timeout = conf_long(CONF_SUMMARY_TIMEOUT);
	c->max_answer = max > 0 ? (size_t)max : 262144;
	c->retry_max_wait = conf_long(CONF_SUMMARY_RETRY_MAX_WAIT);
	if (c->connect_timeout <= 0)
		c->connect_timeout = 5;
	if (c->timeout <= 0)
		c->timeout = 60;
	if (c->retry_max_wait < 0)
		c->retry_max_wait = 0;
	return *c->base_url != '\0' && *c->api_key != '\0';
}

const char *
llm_request_json(struct arena *a, const char *model, const char *system, const char *user)
{
	json_t *o = json_pack("{s:s, s:[{s:s, s:s}, {s:s, s:s}], s:f}", "model", model,
	    "messages", "role", "system", "content", system, "role", "user", "content", user,
	    "temperature", 0.2);
	char *s;
	const char *out = NULL;

	if (o == NULL)
		return NULL;
	if ((s = json_dumps(o, JSON_COMPACT)) != NULL) {
		out = arena_strdup(a, s);
		free(s);
	}
	json_decref(o);
	return out;
}

enum llm_err
llm_parse_answer(struct arena *a, const char *json, size_t len, const char **content)
{
	json_error_t jerr;
	json_t *root, *choices, *first, *msg, *text;
	enum llm_err e = LLM_MALFORMED;
	const char *s;
	size_t n, i;

	*content = NULL;
	if ((root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return LLM_MALFORMED;
	if ((choices = json_object_get(root, "choices")) == NULL || !json_is_array(choices) ||
	    (first = json_array_get(choices, 0)) == NULL ||
	    (msg = json_object_get(first, "message")) == NULL ||
	    (text = json_object_get(msg, "content")) == NULL)
		goto done;
	if (json_is_null(text)) {
		e = LLM_EMPTY;
		goto done;
	}
	if (!json_is_string(text))
		goto done;
	s = json_string_value(text);
	n = json_string_length(text);
	if (memchr(s, '\0', n) != NULL)  /* "\u0000" inside: not text */
		goto done;
	for (i = 0; i < n && isspace((unsigned char)s[i]); i++)
		;
	if (i == n) {
		e = LLM_EMPTY;
		goto done;
	}
	while (n > i && isspace((unsigned char)s[n - 1]))
		n--;
	if ((*content = arena_strndup(a, s + i, n - i)) == NULL) {
		e = LLM_FAILED;
		goto done;
	}
	e = LLM_OK;
done:
	json_decref(root);
	return e;
}

/* ---- the exchange ---- */

struct sink {
	char  *data;
	size_t len, cap, max;
	int    over;
};

static size_t
on_body(char *p, size_t size, size_t nmemb, void *arg)
{
	struct sink *s = arg;
	size_t n = size * nmemb;

	if (s->len + n > s->max) {
		s->over = 1;
		return 0;   /* stops the transfer: CURLE_WRITE_ERROR */
	}
	if (s->len + n + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;
		char *d;

		while (cap < s->len + n + 1)
			cap *= 2;
		if ((d = realloc(s->data, cap)) == NULL)
			return 0;
		s->data = d;
		s->cap = cap;
	}
	memcpy(s->data + s->len, p, n);
	s->len += n;
	s->data[s->len] = '\0';
	return n;
}

struct hdrs {
	long retry_after;   /* -1 without the header */
};

static size_t
on_header(char *p, size_t size, size_t nmemb, void *arg)
{
	struct hdrs *h = arg;
	size_t n = size * nmemb;
	static const char name[] = "retry-after:";

	if (n > sizeof name - 1 && strncasecmp(p, name, sizeof name - 1) == 0) {
		char v[64];
		size_t m = n - (sizeof name - 1), i = 0;
		const char *q = p + sizeof name - 1;

		while (m > 0 && (*q == ' ' || *q == '\t'))
			q++, m--;
		while (m > 0 && (q[m - 1] == '\r' || q[m - 1] == '\n' || q[m - 1] == ' '))
			m--;
		if (m > 0 && m < sizeof v) {
			memcpy(v, q, m);
			v[m] = '\0';
			for (i = 0; i < m && isdigit((unsigned char)v[i]); i++)
				;
			if (i == m) {
				h->retry_after = i > 6 ? 999999 : strtol(v, NULL, 10);
			} else {
				time_t t = curl_getdate(v, NULL);
				time_t now = time(NULL);
				h->retry_after = t < 0 ? -1 : t > now ? (long)(t - now) : 0;
			}
		}
	}
	return n;
}

/* One POST; the answer's body in *sink, its status in *status. */
static enum llm_err
post_once(const struct llm_conf *c, const char *url, const char *body, struct sink *sink,
    struct hdrs *h, long *status)
{
	CURL *curl;
	struct curl_slist *hl = NULL, *t;
	char *auth;
	CURLcode rc;
	enum llm_err e = LLM_OK;
	size_t klen = strlen(c->api_key);

	*status = 0;
	sink->len = 0;
	sink->over = 0;
	h->retry_after = -1;
	if ((curl = curl_easy_init()) == NULL)
		return LLM_FAILED;
	if ((auth = malloc(klen + 32)) == NULL) {
		curl_easy_cleanup(curl);
		return LLM_FAILED;
	}
	memcpy(auth, "Authorization: Bearer ", 22);
	memcpy(auth + 22, c->api_key, klen + 1);
	hl = curl_slist_append(hl, "Content-Type: application/json");
	if (hl != NULL && (t = curl_slist_append(hl, auth)) != NULL)
		hl = t;
	if (hl != NULL && (t = curl_slist_append(hl, "Expect:")) != NULL)
		hl = t;
	explicit_bzero(auth, klen + 22);
	free(auth);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(curl, CURLOPT_POST, 1L);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, c->connect_timeout);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, c->timeout);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "leadline-summary/1");
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, sink);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, h);
	rc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
	switch (rc) {
	case CURLE_OK:
		break;
	case CURLE_WRITE_ERROR:
		e = sink->over ? LLM_TOO_LARGE : LLM_FAILED;
		break;
	case CURLE_FILESIZE_EXCEEDED:
		e = LLM_TOO_LARGE;
		break;
	case CURLE_OPERATION_TIMEDOUT:
		e = LLM_TIMEOUT;
		break;
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		e = LLM_REFUSED;
		break;
	default:
		/* curl's own text names neither the key nor (here) the URL */
		log_warn("summary model: curl error %d (%s)", (int)rc, curl_easy_strerror(rc));
		e = LLM_FAILED;
		break;
	}
	curl_slist_free_all(hl);
	curl_easy_cleanup(curl);
	return e;
}

static enum llm_err
classify(long status)
{
	if (status == 401 || status == 403)
		return LLM_UNAUTHORIZED;
	if (status == 429)
		return LLM_RATE_LIMITED;
	if (status >= 500 && status <= 599)
		return LLM_SERVER;
	if (status < 200 || status > 299)
		return LLM_HTTP;
	return LLM_OK;
}

enum llm_err
llm_chat(struct arena *a, const struct llm_conf *c, const char *system, const char *user,
    const char **content, long *status)
{
	struct sink sink = { NULL, 0, 0, c->max_answer, 0 };
	struct hdrs h;
	const char *body, *url;
	size_t blen = strlen(c->base_url);
	enum llm_err e;
	int attempt;

	*content = NULL;
	*status = 0;
	while (blen > 0 && c->base_url[blen - 1] == '/')
		blen--;
	url = arena_printf(a, "%.*s/chat/completions", (int)blen, c->base_url);
	if (url == NULL || (body = llm_request_json(a, c->model, system, user)) == NULL)
		return LLM_FAILED;
	for (attempt = 0; attempt < 2; attempt++) {
		e = post_once(c, url, body, &sink, &h, status);
		if (e == LLM_OK)
			e = classify(*status);
		if ((e == LLM_RATE_LIMITED || e == LLM_SERVER) && attempt == 0) {
			long wait = h.retry_after < 0 ? 1 : h.retry_after;

			if (wait > c->retry_max_wait)
				wait = c->retry_max_wait;
			log_info("summary model: HTTP %ld, one retry in %ld s", *status, wait);
			if (wait > 0) {
				struct timespec ts = { wait, 0 };
				while (nanosleep(&ts, &ts) != 0)
					;
			}
			continue;
		}
		break;
	}
	if (e == LLM_OK)
		e = llm_parse_answer(a, sink.data ? sink.data : "", sink.len, content);
	if (e != LLM_OK)
		log_warn("summary model: failed (%d, HTTP %ld)", (int)e, *status);
	free(sink.data);
	return e;
}

const char *
llm_message(struct arena *a, const struct llm_conf *c, enum llm_err e, long status)
{
	switch (e) {
	case LLM_OK:
		return "";
	case LLM_REFUSED:
		return "The summary could not be generated: the model server could not be reached "
		    "(connection refused). The previous summary is kept.";
	case LLM_TIMEOUT:
		return arena_printf(a, "The summary could not be generated: the model server did not "
		    "answer within %ld seconds. The previous summary is kept.", c->timeout);
	case LLM_UNAUTHORIZED:
		return arena_printf(a, "The summary could not be generated: the model server did not "
		    "accept the configured API key (HTTP %ld). An administrator needs to check the summary "
		    "configuration. The previous summary is kept.", status);
	case LLM_RATE_LIMITED:
		return "The summary could not be generated: the model server is limiting requests "
		    "(HTTP 429), also when asked again. Try again in a minute. The previous summary is kept.";
	case LLM_SERVER:
		return arena_printf(a, "The summary could not be generated: the model server failed "
		    "(HTTP %ld), also when asked again. The previous summary is kept.", status);
	case LLM_HTTP:
		return arena_printf(a, "The summary could not be generated: the model server answered "
		    "HTTP %ld. The previous summary is kept.", status);
	case LLM_TOO_LARGE:
		return arena_printf(a, "The summary could not be generated: the answer of the model "
		    "was larger than %zu bytes. The previous summary is kept.", c->max_answer);
	case LLM_MALFORMED:
		return "The summary could not be generated: the answer of the model was not "
		    "a chat completion that leadline can read (malformed). The previous summary is kept.";
	case LLM_EMPTY:
		return "The summary could not be generated: the model answered with an empty text. "
		    "The previous summary is kept.";
	case LLM_FAILED:
		break;
	}
	return "The summary could not be generated: the request to the model server failed. "
	    "The previous summary is kept.";
}
