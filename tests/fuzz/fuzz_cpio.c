/* SPDX-License-Identifier: MIT */
/*
 * The cpio state machine alone, fed in pieces whose sizes come from the
 * input's first byte, since a header or name may straddle any two buffers
 * the decompressors hand it.
 */
#include "fuzz.h"

#include "cpio.h"

static int on_entry(void *ctx, const struct cpio_entry *e)
{
	(void)ctx;
	(void)e;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cpio p;
	size_t piece, off;

	if (size < 1)
		return 0;
	piece = (size_t)data[0] + 1;
	data++;
	size--;

	cpio_init(&p, on_entry, NULL);
	off = 0;
	while (off < size && !p.failed) {
		size_t want = size - off < piece ? size - off : piece;
		size_t used = cpio_feed(&p, data + off, want, false);

		if (used == 0) {
			/* Not NUL and no header: a new segment, as the
			 * walker would start one. */
			cpio_segment(&p);
			if (cpio_feed(&p, data + off, want, false) == 0)
				break;
			continue;
		}
		off += used;
	}
	(void)cpio_missing(&p);
	return 0;
}
