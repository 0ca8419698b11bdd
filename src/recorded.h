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

#include <stdint.h>

#include "codec.h"
#include "reader.h"
#include "util.h"

/*
 * For the stream of compression c at the reader's position: returns 1 with
 * *usize set, *how naming the record, and the reader just past the stream;
 * 0, having consumed nothing, when the stream records no size this reads
 * (it must be decoded instead); -1 when its framing is broken (d says how).
 */
int recorded_size(enum comp c, struct reader *r, uint64_t *usize,
		  const char **how, struct diag *d);

#endif
