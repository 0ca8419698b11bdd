/* SPDX-License-Identifier: MIT */
/*
 * An LD_PRELOAD shim that makes read(2) and pread(2) misbehave the way
 * slow, interrupted or failing storage does, for tests/test_faults.sh.
 * KI_FAULT selects: "short" (every read returns 1 to 7 bytes), "eintr"
 * (every other read fails with EINTR), "eio" (reads fail with EIO once
 * KI_FAULT_AFTER bytes have been read), "shrink" (reads find the end of
 * the file there instead, as when a file is cut while being read), and
 * "eacces" (opening a file for reading is refused, as a file without read
 * permission is to anyone but root). Only descriptors past stderr.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static unsigned long calls;
static unsigned long long done;

/* Whether this call fails (errno set); else *n may be cut short. */
static int fault(int fd, size_t *n)
{
	const char *mode = getenv("KI_FAULT");
	const char *after = getenv("KI_FAULT_AFTER");

	if (fd <= 2 || !mode)
		return 0;
	calls++;
	if (strcmp(mode, "short") == 0 && *n > 1 + calls % 7)
		*n = 1 + calls % 7;
	if (strcmp(mode, "eintr") == 0 && calls % 2) {
		errno = EINTR;
		return 1;
	}
	if (done < strtoull(after ? after : "0", NULL, 0))
		return 0;
	if (strcmp(mode, "eio") == 0) {
		errno = EIO;
		return 1;
	}
	if (strcmp(mode, "shrink") == 0)
		*n = 0;
	return 0;
}

static ssize_t counted(ssize_t got)
{
	if (got > 0)
		done += (unsigned long long)got;
	return got;
}

ssize_t read(int fd, void *buf, size_t n)
{
	static ssize_t (*real)(int, void *, size_t);

	if (!real)
		real = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT,
								"read");
	if (fault(fd, &n))
		return -1;
	return counted(real(fd, buf, n));
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	static ssize_t (*real)(int, void *, size_t, off_t);

	if (!real)
		real = (ssize_t (*)(int, void *, size_t, off_t))dlsym(
			RTLD_NEXT, "pread");
	if (fault(fd, &n))
		return -1;
	return counted(real(fd, buf, n, off));
}

ssize_t pread64(int fd, void *buf, size_t n, off_t off)
{
	return pread(fd, buf, n, off);
}

int open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	const char *mode = getenv("KI_FAULT");
	mode_t perm = 0;
	va_list ap;

	if (!real)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	if (mode && strcmp(mode, "eacces") == 0 &&
	    (flags & O_ACCMODE) == O_RDONLY) {
		errno = EACCES;
		return -1;
	}
	va_start(ap, flags);
	if (flags & O_CREAT)
		perm = (mode_t)va_arg(ap, int);
	va_end(ap);
	return real(path, flags, perm);
}

int open64(const char *path, int flags, ...)
{
	mode_t perm = 0;
	va_list ap;

	va_start(ap, flags);
	if (flags & O_CREAT)
		perm = (mode_t)va_arg(ap, int);
	va_end(ap);
	return open(path, flags, perm);
}
