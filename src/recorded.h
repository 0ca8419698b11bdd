/* SPDX-License-Identifier: MIT */
/*
 * The decoded size a compressed stream records about itself, read without
 * decoding it: a zstd frame's content size field and an xz stream's index.
 * Used only when the user says to trust them (--trust-sizes): the records
 * are what the compressor wrote, not what decoding would give, and nothing
 * in the stream's data is checked.
 */
#ifndef KIMGINFO_RECORDED_H
#define KIMGINFO_RECORDED_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "codec.h"
#include "reader.h"
#include "util.h"

/*
 * The xz stream that ends a file, as read from the file's end: kept by the
 * caller (zeroed at first) so that the end of a file is read only once.
 */
struct recorded_tail {
	bool known;
	dev_t dev;
	ino_t ino;
	uint64_t size;		/* of the file */
	uint64_t start;		/* file position of the stream, or UINT64_MAX */
	uint64_t total;		/* its length */
	uint64_t usize;		/* and decoded size, from its index */
};

/*
 * For the stream of compression c at the reader's position: returns 1 with
 * *usize set, *how naming the record, and the reader just past the stream;
 * 0, having consumed nothing, when the stream records no size this reads
 * (it must be decoded instead); -1 when its framing is broken (d says how).
 */
int recorded_size(enum comp c, struct reader *r, struct recorded_tail *t,
		  uint64_t *usize, const char **how, struct diag *d);

#endif
