/* llm.h — an OpenAI-compatible chat completions client (S4): one
 * POST {base_url}/chat/completions over libcurl, the answer read with jansson.
 * Works with OpenAI and with servers speaking the same API (llama.cpp's
 * server, Ollama, vLLM). The API key is sent only as the Authorization header:
 * it is never put in a message, a log line or an error. */
#ifndef LL_LLM_H
#define LL_LLM_H

#include <stddef.h>

struct arena;

struct llm_conf {
	const char *base_url;         /* e.g. https://api.openai.com/v1 */
	const char *api_key;
	const char *model;
	long        connect_timeout;  /* seconds */
	long        timeout;          /* seconds, the whole exchange */
	size_t      max_answer;       /* bytes of the answer's body at most */
	long        retry_max_wait;   /* seconds: a Retry-After above it is waited only this long */
};

enum llm_err {
	LLM_OK,
	LLM_REFUSED,       /* no connection (refused, unreachable, unknown host) */
	LLM_TIMEOUT,       /* connect or total timeout */
	LLM_UNAUTHORIZED,  /* 401 or 403 */
	LLM_RATE_LIMITED,  /* 429, also after the retry */
	LLM_SERVER,        /* 5xx, also after the retry */
	LLM_HTTP,          /* another non-2xx status */
	LLM_TOO_LARGE,     /* the answer passed max_answer bytes */
	LLM_MALFORMED,     /* not the JSON of a chat completion */
	LLM_EMPTY,         /* a completion with no text */
	LLM_FAILED,        /* anything else (out of memory, TLS, ...) */
};

/* The configuration's summary_* keys; 1 when a base URL and an API key are both configured. */
int          llm_conf_load(struct llm_conf *);

/* The request body: {"model", "messages": [system, user], "temperature"}; NULL when out of memory. */
const char  *llm_request_json(struct arena *, const char *model, const char *system, const char *user);

/*
 * The text of a chat completion's answer (choices[0].message.content) into
 * *content: LLM_OK, LLM_MALFORMED (not JSON, or no such string), LLM_EMPTY
 * (only white space). Never reads past len; json need not be NUL-terminated.
 */
enum llm_err llm_parse_answer(struct arena *, const char *json, size_t len, const char **content);

/*
 * One chat completion. On 429 or 5xx it retries once, after the Retry-After
 * seconds (at most retry_max_wait; 1 without the header). *status gets the
 * last HTTP status (0 without an answer); *content the text on LLM_OK.
 */
enum llm_err llm_chat(struct arena *, const struct llm_conf *, const char *system,
    const char *user, const char **content, long *status);

/* A message for the user about err (never the key or the URL). */
const char  *llm_message(struct arena *, const struct llm_conf *, enum llm_err, long status);

#endif
