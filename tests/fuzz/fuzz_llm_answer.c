/* fuzz_llm_answer.c — libFuzzer target for the parser of the model's answer
 * (lib/llm.c: llm_parse_answer, S4) and the citation filter the answer goes
 * through next (lib/summary.c: summary_drop_foreign, S8). Invariants: the
 * parser never reads past the input; on LLM_OK the text is non-empty, has no
 * NUL and no white space at either end, and is at most as long as the input;
 * otherwise it is NULL. The filtered text is no longer than the text and
 * every "[acti_...]" citation left in it is one of the input's ids. */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ids.h"
#include "llm.h"
#include "summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static const char *const known[] = {
	"acti_0000000000000000000000000000000000000001",
	"acti_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct summary_act acts[2];
	struct summary_input in;
	const char *text, *out, *p;
	char *copy;
	enum llm_err e;
	size_t n;

	/* an exact-size heap copy: ASan sees any read past size */
	if ((copy = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	arena_init(&a, 64u << 20);
	e = llm_parse_answer(&a, copy, size, &text);
	if (e != LLM_OK) {
		CHECK(text == NULL);
		CHECK(e == LLM_MALFORMED || e == LLM_EMPTY || e == LLM_FAILED);
		goto done;
	}
	n = strlen(text);
	CHECK(n > 0 && n <= size);
	CHECK(!isspace((unsigned char)text[0]) && !isspace((unsigned char)text[n - 1]));

	memset(acts, 0, sizeof acts);
	memset(&in, 0, sizeof in);
	acts[0].pid = known[0];
	acts[1].pid = known[1];
	in.acts = acts;
	in.nacts = 2;
	out = summary_drop_foreign(&a, &in, text);
	CHECK(out != NULL && strlen(out) <= n);
	for (p = out; (p = strstr(p, "[acti_")) != NULL; p++) {
		const char *end = strchr(p, ']');
		char id[IDS_MAXLEN];
		size_t m;

		if (end == NULL)
			break;
		m = (size_t)(end - p - 1);
		if (m >= sizeof id)
			continue;
		memcpy(id, p + 1, m);
		id[m] = '\0';
		if (ids_valid("acti_", id))
			CHECK(strcmp(id, known[0]) == 0 || strcmp(id, known[1]) == 0);
	}
done:
	arena_free(&a);
	free(copy);
	return 0;
}
