/* Where the csm program's results go: files written whole or not at all,
 * devices and pipes written directly, and no temporary file left behind by
 * a signal. */
#ifndef CSM_CLI_OUTPUT_H
#define CSM_CLI_OUTPUT_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Install the signal handlers that remove temporary files, and note the
 * umask new files are created with. Call once, before any thread starts. */
void out_init(void);

/* An output being written. `f` is where the bytes go until out_commit():
 * a temporary file beside a regular target (renamed into place at commit),
 * or an anonymous temporary file whose bytes are copied to standard output,
 * a device or a pipe at commit, so nothing reaches any of them on failure. */
typedef struct out_sink {
	FILE *f;
	const char *path;      /* as the user gave it, for messages; "-" for stdout */
	char target[PATH_MAX]; /* the regular file to replace (symlinks followed) */
	char tmp[PATH_MAX];    /* the temporary file beside it; "" when not atomic */
	int fd;                /* device or pipe to copy to at commit; -1 when none */
	mode_t mode;           /* the mode the file gets */
	uid_t uid;             /* an existing file's owner, kept when root */
	gid_t gid;
	int keep_owner;
	int slot;              /* in the signal handler's table; -1 when none */
	char *vbuf;            /* f's stdio buffer (large: csm score writes many documents) */
} out_sink;

/* Open a sink for `path` (NULL or "-": standard output). On failure the
 * message is printed and the exit status (3) returned. */
int out_open(out_sink *s, const char *path);

/* Make the bytes written to s->f the output. Returns 0 or the exit status
 * (3) with the message printed. The sink is closed either way. */
int out_commit(out_sink *s);

/* Drop what was written: the target is untouched. Safe on a closed sink. */
void out_abort(out_sink *s);

/* Write `len` bytes, then `tail` (may be NULL), to `path` through a sink. */
int out_write(const char *path, const void *data, size_t len, const char *tail);

/* 0 if writing `output` would not overwrite any of the `n` input paths
 * (NULL entries and "-" are skipped); otherwise prints which and returns 1.
 * Compared by device and inode, so other spellings and links are caught. */
int out_check_not_input(const char *option, const char *output, const char *const *inputs, size_t n);

#endif
