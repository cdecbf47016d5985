/* Where the csm program's results go (see output.h). A regular file is
 * replaced atomically: written to a temporary file beside it, then renamed,
 * keeping an existing file's mode (new files get 0666 & ~umask, as any
 * program's would). Anything else (a device, a pipe, standard output) is
 * written directly, but only once everything is ready, from an anonymous
 * temporary file, so a failed run writes nothing there either. */
#define _XOPEN_SOURCE 700

#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/sendfile.h>
#endif
#include <unistd.h>

static mode_t new_file_mode = 0644;

/* Temporary files a signal must remove. Written by the main thread only;
 * a slot's path is complete before its flag is set. */
#define SLOTS 8
static char slot_path[SLOTS][PATH_MAX];
static volatile sig_atomic_t slot_used[SLOTS];

static void on_signal(int sig)
{
	int i;
	for (i = 0; i < SLOTS; i++)
		if (slot_used[i])
			unlink(slot_path[i]); /* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

void out_init(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	struct sigaction sa;
	mode_t m = umask(0);
	size_t i;
	umask(m);
	new_file_mode = 0666 & ~m;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction old;
		/* a signal ignored by whoever started us (nohup, a shell's &) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

static int slot_take(const char *path)
{
	int i;
	for (i = 0; i < SLOTS; i++)
		if (!slot_used[i]) {
			snprintf(slot_path[i], sizeof slot_path[i], "%s", path);
			slot_used[i] = 1;
			return i;
		}
	return -1; /* more outputs open at once than slots: still correct, just not cleaned on a signal */
}

static void slot_drop(int i)
{
	if (i >= 0)
		slot_used[i] = 0;
}

/* The descriptor a name like /dev/stdout or /dev/fd/3 stands for, or -1. */
static int named_fd(const char *path)
{
	const char *n = NULL;
	char *end;
	long fd;
	if (strcmp(path, "/dev/stdout") == 0)
		return STDOUT_FILENO;
	if (strcmp(path, "/dev/stderr") == 0)
		return STDERR_FILENO;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		n = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		n = path + 14;
	if (!n || *n < '0' || *n > '9')
		return -1;
	errno = 0;
	fd = strtol(n, &end, 10);
	if (errno || *end || fd < 0 || fd > INT_MAX || fcntl((int)fd, F_GETFD) < 0)
		return -1;
	return (int)fd;
}

static int fail(out_sink *s, const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", s->path, what, strerror(errno));
	out_abort(s);
	return 3;
}

/* A large buffer: csm score writes one document per file, and the default
 * (one block) made a write system call for nearly each of them. glibc
 * ignores the size unless given the buffer, kept in s->vbuf until fclose. */
#define OUT_BUF ((size_t)1 << 18)
static FILE *buffered(out_sink *s, FILE *f)
{
	if (f && (s->vbuf = malloc(OUT_BUF)) && setvbuf(f, s->vbuf, _IOFBF, OUT_BUF) != 0) {
		free(s->vbuf);
		s->vbuf = NULL;
	}
	return f;
}

static void close_f(out_sink *s, int *ok)
{
	int r = fclose(s->f);
	if (ok)
		*ok = r == 0 && *ok;
	s->f = NULL;
	free(s->vbuf);
	s->vbuf = NULL;
}

int out_open(out_sink *s, const char *path)
{
	struct stat st;
	int fd;

	memset(s, 0, sizeof *s);
	s->fd = -1;
	s->slot = -1;
	s->path = path && strcmp(path, "-") != 0 ? path : "-";
	s->mode = new_file_mode;
	if (strcmp(s->path, "-") == 0 || (fd = named_fd(s->path)) >= 0) {
		s->fd = strcmp(s->path, "-") == 0 ? STDOUT_FILENO : fd;
		if (!(s->f = buffered(s, tmpfile())))
			return fail(s, "cannot create a temporary file (set TMPDIR, or use -o FILE)");
		return 0;
	}
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return fail(s, "cannot write");
		}
		if (!S_ISREG(st.st_mode)) { /* a device, a pipe: written directly, never replaced */
			if ((s->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0)
				return fail(s, "cannot open for writing");
			if (!(s->f = buffered(s, tmpfile())))
				return fail(s, "cannot create a temporary file (set TMPDIR)");
			return 0;
		}
		/* replace the file a symlink points to, not the link */
		if (!realpath(path, s->target))
			return fail(s, "cannot resolve");
		s->mode = st.st_mode & 07777;
		s->uid = st.st_uid;
		s->gid = st.st_gid;
		s->keep_owner = geteuid() == 0 && (st.st_uid != 0 || st.st_gid != getegid());
	} else if (errno != ENOENT) {
		return fail(s, "cannot write");
	} else if ((size_t)snprintf(s->target, sizeof s->target, "%s", path) >= sizeof s->target) {
		errno = ENAMETOOLONG;
		return fail(s, "cannot write");
	}
	if ((size_t)snprintf(s->tmp, sizeof s->tmp, "%s.tmp.XXXXXX", s->target) >= sizeof s->tmp) {
		s->tmp[0] = '\0';
		errno = ENAMETOOLONG;
		return fail(s, "cannot write");
	}
	if ((fd = mkstemp(s->tmp)) < 0) {
		s->tmp[0] = '\0';
		return fail(s, "cannot write");
	}
	s->slot = slot_take(s->tmp);
	if (fchmod(fd, s->mode) != 0 || (s->keep_owner && fchown(fd, s->uid, s->gid) != 0) ||
	    !(s->f = buffered(s, fdopen(fd, "w+")))) {
		close(fd);
		return fail(s, "cannot write");
	}
	return 0;
}

static int copy_out(FILE *f, int fd)
{
	char buf[65536];
	size_t n;
#ifdef __linux__
	/* In the kernel when it can: csm score's output is larger than its input,
	 * and copying it through a buffer took a fifth of its system time. Where
	 * sendfile cannot (an O_APPEND descriptor), before writing anything, the
	 * copy goes through the buffer. */
	struct stat st;
	off_t sent = 0;
	if (fstat(fileno(f), &st) == 0) {
		while (sent < st.st_size) {
			ssize_t w = sendfile(fd, fileno(f), &sent, (size_t)(st.st_size - sent));
			if (w < 0 && errno == EINTR)
				continue;
			if (w == 0)
				errno = EIO;
			if (w <= 0)
				break;
		}
		if (sent == st.st_size)
			return 0;
		if (sent > 0 || (errno != EINVAL && errno != ENOSYS))
			return -1;
	}
#endif
	rewind(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		size_t off = 0;
		while (off < n) {
			ssize_t w = write(fd, buf + off, n - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return -1;
			off += (size_t)w;
		}
	}
	return ferror(f) ? -1 : 0;
}

int out_commit(out_sink *s)
{
	int status = 0;
	if (fflush(s->f) != 0)
		return fail(s, "cannot write");
	if (s->tmp[0]) {
		int ok = fsync(fileno(s->f)) == 0;
		close_f(s, &ok);
		if (!ok || rename(s->tmp, s->target) != 0)
			return fail(s, "cannot write");
		slot_drop(s->slot);
		s->tmp[0] = '\0';
		return 0;
	}
	if (s->fd == STDOUT_FILENO)
		fflush(stdout); /* anything printed before comes first */
	if (copy_out(s->f, s->fd) != 0) {
		fprintf(stderr, "%s: cannot write: %s\n", strcmp(s->path, "-") == 0 ? "standard output" : s->path,
		        strerror(errno));
		status = 3;
	}
	close_f(s, NULL);
	if (s->fd > STDERR_FILENO && named_fd(s->path) < 0 && close(s->fd) != 0 && !status) {
		fprintf(stderr, "%s: cannot write: %s\n", s->path, strerror(errno));
		status = 3;
	}
	s->fd = -1;
	return status;
}

void out_abort(out_sink *s)
{
	int saved = errno;
	if (s->f)
		close_f(s, NULL);
	if (s->tmp[0])
		unlink(s->tmp);
	s->tmp[0] = '\0';
	slot_drop(s->slot);
	s->slot = -1;
	if (s->fd > STDERR_FILENO && named_fd(s->path) < 0)
		close(s->fd);
	s->fd = -1;
	errno = saved;
}

int out_write(const char *path, const void *data, size_t len, const char *tail)
{
	out_sink s;
	int status = out_open(&s, path);
	if (status)
		return status;
	if (fwrite(data, 1, len, s.f) != len || (tail && fputs(tail, s.f) == EOF))
		return fail(&s, "cannot write");
	return out_commit(&s);
}

int out_check_not_input(const char *option, const char *output, const char *const *inputs, size_t n)
{
	struct stat out, in;
	size_t i;
	if (!output || strcmp(output, "-") == 0 || stat(output, &out) != 0 || !S_ISREG(out.st_mode))
		return 0;
	for (i = 0; i < n; i++) {
		if (!inputs[i] || strcmp(inputs[i], "-") == 0 || stat(inputs[i], &in) != 0)
			continue;
		if (in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
			fprintf(stderr, "csm: %s %s is the input file %s; refusing to overwrite it\n", option, output,
			        inputs[i]);
			return 1;
		}
	}
	return 0;
}
