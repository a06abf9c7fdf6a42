/* log.h — one log file per program (spawn-fcgi sends a worker's stderr to /dev/null). */
#ifndef LL_LOG_H
#define LL_LOG_H

/* Opens <dir>/<program>.log for appending; on failure logs go to stderr. */
void log_open(const char *dir, const char *program);
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_close(void);

#endif
