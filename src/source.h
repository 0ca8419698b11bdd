/* SPDX-License-Identifier: MIT */
/*
 * Random access to a kernel image: bounded reads at known offsets, so that a
 * header report reads only the bytes it needs, however large the file.
 */
#ifndef KIMGINFO_SOURCE_H
#define KIMGINFO_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct source {
	const char *name;
	int fd;
	uint64_t size;
	uint64_t base;		/* where it starts in the file: a container's */
};

/* The part of s from off, len bytes long: what a container holds. */
struct source source_sub(const struct source *s, uint64_t off, uint64_t len);

/*
 * Read n bytes at off into buf; returns the number read, which is short
 * only at the end of the file. On a read error sets d and returns -1.
 */
long long source_read(const struct source *s, uint64_t off, void *buf,
		      size_t n, struct diag *d);

/*
 * Read a fixed-size header, n bytes at offset 0. A file too short for it
 * is an error: "truncated WHAT header: need 0x.. bytes, have 0x..".
 */
int source_read_header(const struct source *s, void *buf, size_t n,
		       const char *what, struct diag *d);

#endif
