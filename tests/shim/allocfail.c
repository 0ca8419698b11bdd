/* SPDX-License-Identifier: MIT */
/*
 * An LD_PRELOAD shim that makes the Nth allocation fail, for
 * tests/test_faults.sh: KI_FAIL_ALLOC=N fails the Nth call of malloc,
 * calloc or realloc (counting from 1) and no other; KI_FAIL_ALLOC=0 fails
 * none and prints the number of calls on exit, so that a test knows how
 * many points there are to try.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);

static unsigned long calls, fail_at;
static int armed = -1;

static void report(void)
{
	char line[64];
	int len = snprintf(line, sizeof(line), "allocations: %lu\n", calls);

	if (write(2, line, (size_t)len) < 0)
		return;
}

/* Whether this call is the one to fail. */
static int fails(void)
{
	if (armed < 0) {
		const char *v = getenv("KI_FAIL_ALLOC");

		armed = v != NULL;
		fail_at = v ? strtoul(v, NULL, 10) : 0;
		if (armed && fail_at == 0)
			atexit(report);
	}
	if (!armed)
		return 0;
	if (++calls != fail_at)
		return 0;
	errno = ENOMEM;
	return 1;
}

void *malloc(size_t n)
{
	return fails() ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	return fails() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	return fails() ? NULL : __libc_realloc(p, n);
}
