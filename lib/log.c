/* log.c — timestamped lines to a per-program file; see log.h. */
#include "log.h"

#include <stdarg.h>
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

static void
log_line(const char *level, const char *fmt, va_list ap)
{
	FILE *fp = log_fp ? log_fp : stderr;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(fp, "%s %s[%d] %s: ", when, log_prog, (int)getpid(), level);
	vfprintf(fp, fmt, ap);
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
