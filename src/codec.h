/* SPDX-License-Identifier: MIT */
/*
 * The compressed streams the kernel can unpack (lib/decompress.c), each
 * decoded so that exactly the bytes of one stream are consumed from the
 * reader: the initramfs walker and the bzImage payload both depend on knowing
 * where a stream ends.
 */
#ifndef KIMGINFO_CODEC_H
#define KIMGINFO_CODEC_H

#include <stdint.h>

#include "reader.h"
#include "util.h"

/* The library that decodes gzip, as --version says. */
#ifdef HAVE_ISAL
#define GZIP_DECODER "isa-l"
#else
#define GZIP_DECODER "zlib"
#endif

enum comp {
	COMP_NONE,
	COMP_GZIP,
	COMP_BZIP2,
	COMP_LZMA,
	COMP_XZ,
	COMP_LZO,
	COMP_LZ4,	/* legacy format, the only LZ4 the kernel reads */
	COMP_ZSTD,
	COMP_LZ4F,	/* LZ4 frame format: decodable, never bootable */
	COMP_UNKNOWN,
};

/* Consumes output; returns 0, or -1 to stop decoding (its own error). */
/*
 * The most memory a stream may ask the decoder for: its window or
 * dictionary. The kernel's unxz and unzstd accept up to 4 GiB and 2 GiB
 * (the guest must then have that much to spare); xz -9 uses 64 MiB, so a
 * larger request is far more likely a damaged or hostile header than an
 * image, and is refused with the size it asked for.
 */
#define CODEC_MEM_LOG	30
#define CODEC_MEM_MAX	(UINT64_C(1) << CODEC_MEM_LOG)

typedef int (*codec_sink_fn)(void *ctx, const uint8_t *p, size_t n);

enum codec_status {
	CODEC_OK,
	CODEC_ERROR,	/* the stream is corrupt or truncated; diag says how */
	CODEC_STOPPED,	/* the sink asked to stop */
};

/*
 * The compression whose magic starts p, as the kernel's decompress_method()
 * sees it (two bytes), plus the LZ4 frame magic so that it can be named.
 */
enum comp comp_detect(const uint8_t *p, size_t n);

const char *comp_name(enum comp c);

/*
 * Decode the stream of compression c that starts at the reader's position,
 * feeding its output to sink; on return the reader stands just past the
 * stream. *out is the number of bytes produced (also when an error stops
 * the stream part-way).
 */
enum codec_status codec_decode(enum comp c, struct reader *r,
			       codec_sink_fn sink, void *ctx, uint64_t *out,
			       struct diag *d);

#endif
