/* log.h — one log file per program (spawn-fcgi sends a worker's stderr to /dev/null). */
#ifndef LL_LOG_H
#define LL_LOG_H

/* Opens <dir>/<program>.log for appending; on failure logs go to stderr.
 * Each message is one line: controls, invalid UTF-8 and the invisible
 * characters of uni.h (U+0085, U+2028, U+202E ...) are written escaped
 * (\x0a, \u{2028}), a message past 4 KB is cut and says so. */
void log_open(const char *dir, const char *program);
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_close(void);

#endif
