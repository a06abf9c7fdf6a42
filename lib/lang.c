/* lang.c — see lang.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <textcat.h>

#include "lang.h"
#include "log.h"

#define TEXTCAT_DIR "/usr/share/libexttextcat/"
#define CLASSIFY_MAX 1000

static const char *const known[] = { "en", "de", "es", "fr" };
#define NKNOWN (sizeof known / sizeof known[0])

/*
 * A classifier over the four summary languages only: a text is compared with
 * 4 fingerprints instead of Debian's 180 (about 45 times less work, and no
 * near miss into a language leadline cannot write). libexttextcat reads its
 * list from a file: it is written to a memfd and read through /proc.
 */
static void *
four_languages(void)
{
	static const char list[] = "en.lm en--utf8\nde.lm de--utf8\nes.lm es--utf8\nfr.lm fr--utf8\n";
	char path[64];
	void *tc = NULL;
	int fd;

	if ((fd = memfd_create("leadline-textcat", MFD_CLOEXEC)) < 0)
		return NULL;
	if (write(fd, list, sizeof list - 1) == (ssize_t)(sizeof list - 1)) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		tc = special_textcat_Init(path, TEXTCAT_DIR);
	}
	close(fd);
	return tc;
}

/* One classifier per process, made on first use and kept (the fingerprints take a while to read). */
static void *
classifier(void)
{
	static void *tc;
	static int failed;

	if (tc == NULL && !failed) {
		if ((tc = four_languages()) == NULL)
			tc = special_textcat_Init(TEXTCAT_DIR "fpdb.conf", TEXTCAT_DIR);
		if (tc == NULL) {
			failed = 1;
			log_warn("lang: cannot read %sfpdb.conf (libexttextcat-data): summaries fall back to English",
			    TEXTCAT_DIR);
		}
	}
	return tc;
}

/* The index in known of the first candidate of textcat's answer "[de--utf8][en--utf8]..." that is known. */
static int
pick(const char *answer)
{
	const char *p = answer;
	size_t i;

	while (p != NULL && (p = strchr(p, '[')) != NULL) {
		p++;
		for (i = 0; i < NKNOWN; i++)
			if (strncmp(p, known[i], 2) == 0 && (p[2] == '-' || p[2] == ']'))
				return (int)i;
	}
	return -1;
}

static int
classify(const char *text, size_t len)
{
	void *tc;
	const char *answer;

	while (len > 0 && isspace((unsigned char)*text))
		text++, len--;
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	if (len < LANG_MIN_TEXT || (tc = classifier()) == NULL)
		return -1;
	if (len > CLASSIFY_MAX) {
		len = CLASSIFY_MAX;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	answer = textcat_Classify(tc, text, len);
	return pick(answer);
}

const char *
lang_of(const char *text, size_t len)
{
	int i = classify(text, len);

	return i < 0 ? NULL : known[i];
}

const char *
lang_detect(const char *const *texts, size_t n)
{
	size_t weight[NKNOWN] = { 0 }, i, best = 0;

	for (i = 0; i < n; i++) {
		size_t len;
		int k;

		if (texts[i] == NULL)
			continue;
		len = strlen(texts[i]);
		if ((k = classify(texts[i], len)) >= 0)
			weight[k] += len;
	}
	for (i = 1; i < NKNOWN; i++)
		if (weight[i] > weight[best])
			best = i;
	return weight[best] > 0 ? known[best] : "en";
}
