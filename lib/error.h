/* The per-thread message (error.c): errors, argument checks and the
 * problems of one input; internal, not installed. */
#ifndef CSM_ERROR_H
#define CSM_ERROR_H

#include <stddef.h>

#include "csm.h"

#if defined(__GNUC__)
#define CSM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CSM_PRINTF(f, a)
#endif

/* Copy `src` to `dst` (NUL-terminated, cut to fit `size`) with every control
 * character (C0 but a newline when `keep_newline`, DEL, C1 as UTF-8) written
 * as \xNN, so text from input cannot drive a terminal. Returns the length. */
size_t csm__escape_controls(char *dst, size_t size, const char *src, int keep_newline);

/* A public function's precondition on its arguments: when `cond` does not
 * hold (a NULL the header does not allow, an index out of range), the
 * function returns CSM_EINVALID with a message naming it, never crashes. */
#define CSM__ARGS(cond)                                                                                       \
	do {                                                                                                  \
		if (!(cond))                                                                                  \
			return csm__err(CSM_EINVALID, "%s: invalid argument (%s)", __func__, #cond);          \
	} while (0)

/* Set the thread's message and return `code` (for `return csm__err(...)`).
 * Control characters in the message are escaped (csm__escape_controls). */
int csm__err(int code, const char *fmt, ...) CSM_PRINTF(2, 3);
/* The out-of-memory error. */
int csm__nomem(void);

/* Collects every problem of one input before failing with all of them. */
typedef struct csm__problems {
	char *text;     /* "\n"-separated lines; NULL while empty */
	size_t len, cap;
	unsigned count; /* problems seen, including those beyond CSM_MAX_PROBLEMS */
	int nomem;
} csm__problems;

void csm__problem(csm__problems *p, const char *fmt, ...) CSM_PRINTF(2, 3);
/* 0 if no problem was recorded, else set the message and return CSM_EINVALID
 * (CSM_ENOMEM if memory ran out). Frees the collected text either way. */
int csm__problems_finish(csm__problems *p);

#endif
