/* log.c — timestamped lines to a per-program file; see log.h. */
#include "log.h"
#include "uni.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static FILE *log_fp;
static char  log_prog[64] = "leadline";

void
log_open(const char *dir, const char *program)
{
	char path[4096];

	snprintf(log_prog, sizeof log_prog, "%s", program);
	if (dir == NULL || *dir == '\0')
		return;
	if ((size_t)snprintf(path, sizeof path, "%s/%s.log", dir, program) >= sizeof path)
		return;
	if ((log_fp = fopen(path, "a")) != NULL)
		setvbuf(log_fp, NULL, _IOLBF, 0);
}

/* The message as one line of text: control bytes and bytes of no valid
 * UTF-8 as \xNN, the characters that move or break text without being seen
 * (U+0085, U+2028, U+202E ...: uni_hidden) as \u{XXXX}, a backslash as \\.
 * What a request put into a message cannot forge or hide a line. */
static void
put_escaped(FILE *fp, const char *s, size_t n)
{
	size_t i, k;
	int32_t cp;

	for (i = 0; i < n; i += k) {
		unsigned char c = (unsigned char)s[i];

		k = c < 0x80 ? 1 : uni_next(s + i, n - i, &cp);
		if (c == '\\')
			fputs("\\\\", fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\x%02x", c);
		else if (c < 0x80)
			fputc(c, fp);
		else if (cp < 0)
			fprintf(fp, "\\x%02x", c);
		else if (uni_hidden((uint32_t)cp))
			fprintf(fp, "\\u{%04X}", (unsigned)cp);
		else
			fwrite(s + i, 1, k, fp);
	}
}

static void
log_line(const char *level, const char *fmt, va_list ap)
{
	FILE *fp = log_fp ? log_fp : stderr;
	char when[32], msg[4096];
	time_t now = time(NULL);
	struct tm tm;
	int n;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(fp, "%s %s[%d] %s: ", when, log_prog, (int)getpid(), level);
	if ((n = vsnprintf(msg, sizeof msg, fmt, ap)) < 0)
		n = 0;
	put_escaped(fp, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
	if ((size_t)n >= sizeof msg)
		fputs(" [cut]", fp);
	fputc('\n', fp);
}

#define LOG_FN(name, level)                 \
	void name(const char *fmt, ...)     \
	{                                   \
		va_list ap;                 \
		va_start(ap, fmt);          \
		log_line(level, fmt, ap);   \
		va_end(ap);                 \
	}

LOG_FN(log_info, "info")
LOG_FN(log_warn, "warn")
LOG_FN(log_err, "error")

void
log_close(void)
{
	if (log_fp != NULL)
		fclose(log_fp);
	log_fp = NULL;
}
