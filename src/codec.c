/* SPDX-License-Identifier: MIT */
/*
 * Sources: lib/decompress.c (magics), lib/decompress_inflate.c (gzip header
 * handling), lib/decompress_unlz4.c (legacy LZ4 and its end rules),
 * lib/decompress_unlzo.c (lzop header and blocks).
 */
#include "config.h"

#include <bzlib.h>
#ifdef HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif
#include <lz4.h>
#include <lz4frame.h>
#include <lzma.h>
#include <lzo/lzo1x.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "codec.h"

#define OUT_CHUNK (256 * 1024)

struct codec {
	struct reader *r;
	codec_sink_fn sink;
	void *ctx;
	struct diag *d;
	uint64_t start;		/* buffer offset of the stream's first byte */
	uint64_t out;		/* bytes produced so far */
	uint8_t *obuf;
	size_t ocap;
};

typedef enum codec_status (*decode_fn)(struct codec *c);

static enum codec_status emit(struct codec *c, const uint8_t *p, size_t n)
{
	if (n == 0)
		return CODEC_OK;
	c->out += n;
	return c->sink(c->ctx, p, n) ? CODEC_STOPPED : CODEC_OK;
}

static enum codec_status truncated(struct codec *c, const char *what)
{
	diag_set_at(c->d, c->r->offset, "%s: truncated stream, cut %llu bytes "
		    "into it", what,
		    (unsigned long long)(c->r->offset - c->start));
	return CODEC_ERROR;
}

static enum codec_status corrupt(struct codec *c, const char *what,
				 const char *why)
{
	diag_set_at(c->d, c->r->offset, "%s: corrupt stream, found by the "
		    "decoder %llu bytes into it: %s", what,
		    (unsigned long long)(c->r->offset - c->start), why);
	return CODEC_ERROR;
}

/* gzip: RFC 1952, as lib/decompress_inflate.c reads it. */
#define GZ_HEADER_LEN	10
#define GZ_FLAGS	3
#define GZ_TRAILER_LEN	8
#define GZ_FHCRC	0x02
#define GZ_FEXTRA	0x04
#define GZ_FNAME	0x08
#define GZ_FCOMMENT	0x10

static enum codec_status gzip_header(struct codec *c)
{
	struct reader *r = c->r;
	const uint8_t *p;
	uint8_t flags;

	if (reader_fill(r, GZ_HEADER_LEN) < GZ_HEADER_LEN)
		return truncated(c, "gzip");
	p = reader_ptr(r);
	if (p[1] != 0x8b || p[2] != 8) {
		diag_set_at(c->d, r->offset, "gzip: magic %02x %02x method %u: "
			    "the kernel's gunzip reads only 1f 8b method 8 "
			    "(\"Not a gzip file\")", p[0], p[1], p[2]);
		return CODEC_ERROR;
	}

	/* The kernel skips a file name but no other optional field. */
	flags = p[GZ_FLAGS];
	if (flags & (GZ_FHCRC | GZ_FEXTRA | GZ_FCOMMENT)) {
		diag_set_at(c->d, r->offset, "gzip: header flags 0x%02x: the "
			    "kernel's gunzip skips only FNAME, not FEXTRA, "
			    "FCOMMENT or FHCRC", flags);
		return CODEC_ERROR;
	}
	reader_consume(r, GZ_HEADER_LEN);

	while (flags & GZ_FNAME) {
		size_t avail = reader_fill(r, 1);
		const uint8_t *nul;

		if (avail == 0)
			return truncated(c, "gzip");
		nul = memchr(reader_ptr(r), 0, avail);
		reader_consume(r, nul ? (size_t)(nul - reader_ptr(r)) + 1 : avail);
		if (nul)
			break;
	}
	return CODEC_OK;
}

static enum codec_status gzip_trailer(struct codec *c, uint32_t crc)
{
	const uint8_t *p;

	if (reader_fill(c->r, GZ_TRAILER_LEN) < GZ_TRAILER_LEN)
		return truncated(c, "gzip");
	p = reader_ptr(c->r);

	/* The kernel checks neither field; a mismatch still means damage. */
	if (le32(p) != crc) {
		diag_set_at(c->d, c->r->offset, "gzip: CRC-32 mismatch: stored "
			    "0x%08x, data 0x%08x: the data is damaged (the "
			    "kernel does not check this)", le32(p), crc);
		return CODEC_ERROR;
	}
	if (le32(p + 4) != (uint32_t)c->out) {
		diag_set_at(c->d, c->r->offset + 4, "gzip: ISIZE %u does not "
			    "match the %llu bytes decoded: the data is damaged "
			    "(the kernel does not check this)", le32(p + 4),
			    (unsigned long long)c->out);
		return CODEC_ERROR;
	}
	reader_consume(c->r, GZ_TRAILER_LEN);
	return CODEC_OK;
}

#ifdef HAVE_ISAL
static const char *isal_error(int ret)
{
	switch (ret) {
	case ISAL_INVALID_BLOCK:
		return "invalid block";
	case ISAL_INVALID_SYMBOL:
		return "invalid code";
	case ISAL_INVALID_LOOKBACK:
		return "invalid distance";
	default:
		return "inflate failed";
	}
}

/*
 * isa-l's inflate, several times faster than zlib's. It reads input ahead
 * into a 64-bit bit buffer, so at the end of the deflate data the whole
 * bytes still buffered are handed back: they are the trailer.
 */
static enum codec_status gzip_body(struct codec *c)
{
	struct inflate_state *s = malloc(sizeof(*s));
	enum codec_status st = CODEC_OK;

	if (!s) {
		diag_set(c->d, "gzip: out of memory");
		return CODEC_ERROR;
	}
	isal_inflate_init(s);
	s->crc_flag = ISAL_GZIP_NO_HDR;

	while (st == CODEC_OK && s->block_state != ISAL_BLOCK_FINISH) {
		size_t avail = reader_fill(c->r, 1);
		uint32_t given = avail > UINT32_MAX ? UINT32_MAX : (uint32_t)avail;
		size_t made;
		int ret;

		s->next_in = (uint8_t *)(uintptr_t)reader_ptr(c->r);
		s->avail_in = given;
		s->next_out = c->obuf;
		s->avail_out = (uint32_t)c->ocap;
		ret = isal_inflate(s);
		reader_consume(c->r, given - s->avail_in);
		if (ret != ISAL_DECOMP_OK) {
			st = corrupt(c, "gzip", isal_error(ret));
			break;
		}

		made = (size_t)(s->next_out - c->obuf);
		st = emit(c, c->obuf, made);
		if (st == CODEC_OK && given == 0 && made == 0 &&
		    s->block_state != ISAL_BLOCK_FINISH)
			st = truncated(c, "gzip");
	}

	if (st == CODEC_OK) {
		reader_unconsume(c->r, (size_t)s->read_in_length / 8);
		st = gzip_trailer(c, s->crc);
	}
	free(s);
	return st;
}

static enum codec_status decode_gzip(struct codec *c)
{
	enum codec_status st = gzip_header(c);

	return st == CODEC_OK ? gzip_body(c) : st;
}
#else
static enum codec_status gzip_body(struct codec *c, z_stream *z)
{
	enum codec_status st = CODEC_OK;
	uLong crc = crc32(0, Z_NULL, 0);
	int ret = Z_OK;

	while (ret != Z_STREAM_END) {
		size_t avail = reader_fill(c->r, 1);
		size_t used;

		if (avail == 0)
			return truncated(c, "gzip");
		z->next_in = (Bytef *)(uintptr_t)reader_ptr(c->r);
		z->avail_in = avail > UINT32_MAX ? UINT32_MAX : (uInt)avail;
		z->next_out = c->obuf;
		z->avail_out = (uInt)c->ocap;
		ret = inflate(z, Z_NO_FLUSH);
		used = avail - z->avail_in;
		reader_consume(c->r, used);
		if (ret == Z_MEM_ERROR) {
			diag_set(c->d, "gzip: out of memory");
			return CODEC_ERROR;
		}
		if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR)
			return corrupt(c, "gzip", z->msg ? z->msg : "inflate failed");

		crc = crc32(crc, c->obuf, (uInt)(c->ocap - z->avail_out));
		st = emit(c, c->obuf, c->ocap - z->avail_out);
		if (st != CODEC_OK)
			return st;
	}
	return gzip_trailer(c, (uint32_t)crc);
}

static enum codec_status decode_gzip(struct codec *c)
{
	enum codec_status st;
	z_stream z;

	st = gzip_header(c);
	if (st != CODEC_OK)
		return st;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
		diag_set(c->d, "gzip: cannot initialise zlib: out of memory");
		return CODEC_ERROR;
	}
	st = gzip_body(c, &z);
	inflateEnd(&z);
	return st;
}
#endif

static enum codec_status decode_zstd(struct codec *c)
{
	ZSTD_DStream *ds = ZSTD_createDStream();
	enum codec_status st = CODEC_OK;
	size_t ret = 1;

	if (!ds) {
		diag_set(c->d, "zstd: out of memory");
		return CODEC_ERROR;
	}
	/* lib/decompress_unzstd.c allows windows up to 2^31, not 2^27;
	 * we stop at CODEC_MEM_MAX. */
	if (ZSTD_isError(ZSTD_DCtx_setParameter(ds, ZSTD_d_windowLogMax,
						CODEC_MEM_LOG))) {
		ZSTD_freeDStream(ds);
		diag_set(c->d, "zstd: cannot allow 2^%d-byte windows",
			 CODEC_MEM_LOG);
		return CODEC_ERROR;
	}

	/* One frame, as the kernel's unzstd reads it; 0 means done. */
	while (ret != 0 && st == CODEC_OK) {
		size_t avail = reader_fill(c->r, 1);
		ZSTD_inBuffer in = { reader_ptr(c->r), avail, 0 };
		ZSTD_outBuffer out = { c->obuf, c->ocap, 0 };

		ret = ZSTD_decompressStream(ds, &out, &in);
		reader_consume(c->r, in.pos);
		if (ZSTD_getErrorCode(ret) ==
		    ZSTD_error_frameParameter_windowTooLarge) {
			diag_set_at(c->d, c->start, "zstd: the frame's window "
				    "is over kimginfo's decoder limit of %d "
				    "MiB", (int)(CODEC_MEM_MAX >> 20));
			st = CODEC_ERROR;
			break;
		}
		if (ZSTD_isError(ret)) {
			st = corrupt(c, "zstd", ZSTD_getErrorName(ret));
			break;
		}
		st = emit(c, c->obuf, out.pos);
		if (st == CODEC_OK && ret != 0 && avail == 0 &&
		    out.pos < out.size)
			st = truncated(c, "zstd");
	}
	ZSTD_freeDStream(ds);
	return st;
}

/*
 * The kernel's XZ decoder verifies no integrity check but CRC32 and refuses
 * a stream that declares another (Documentation/staging/xz.rst: encode with
 * xz --check=crc32 or --check=none).
 */
static enum codec_status xz_check(struct codec *c, lzma_stream *s)
{
	static const char *const names[] = {
		[LZMA_CHECK_CRC64] = "CRC64", [LZMA_CHECK_SHA256] = "SHA-256",
	};
	lzma_check check = lzma_get_check(s);
	const char *name = (size_t)check < ARRAY_SIZE(names) && names[check] ?
			   names[check] : "unknown";

	if (check == LZMA_CHECK_NONE || check == LZMA_CHECK_CRC32)
		return CODEC_OK;
	diag_set_at(c->d, c->start, "xz: integrity check %s (id %d): the "
		    "kernel's XZ decoder takes only CRC32 or none (use xz "
		    "--check=crc32)", name, (int)check);
	return CODEC_ERROR;
}

/* xz and lzma-alone: liblzma stops at the end of one stream. */
static enum codec_status lzma_run(struct codec *c, lzma_stream *s,
				  const char *what)
{
	enum codec_status st = CODEC_OK;
	lzma_ret ret = LZMA_OK;

	while ((ret == LZMA_OK || ret == LZMA_GET_CHECK) && st == CODEC_OK) {
		if (ret == LZMA_GET_CHECK && xz_check(c, s) != CODEC_OK)
			return CODEC_ERROR;
		size_t avail = reader_fill(c->r, 1);

		s->next_in = reader_ptr(c->r);
		s->avail_in = avail;
		s->next_out = c->obuf;
		s->avail_out = c->ocap;
		ret = lzma_code(s, LZMA_RUN);
		reader_consume(c->r, avail - s->avail_in);
		st = emit(c, c->obuf, c->ocap - s->avail_out);
		if (ret == LZMA_BUF_ERROR || (ret == LZMA_OK && avail == 0 &&
					      s->avail_out == c->ocap))
			return truncated(c, what);
	}
	if (st != CODEC_OK || ret == LZMA_STREAM_END)
		return st;
	switch (ret) {
	case LZMA_MEM_ERROR:
		return corrupt(c, what, "out of memory");
	case LZMA_MEMLIMIT_ERROR:
		diag_set_at(c->d, c->start, "%s: the stream needs %llu MiB "
			    "to decode, over kimginfo's decoder limit of %d "
			    "MiB", what,
			    (unsigned long long)div_round_up(lzma_memusage(s),
							     1 << 20),
			    (int)(CODEC_MEM_MAX >> 20));
		return CODEC_ERROR;
	case LZMA_FORMAT_ERROR:
		return corrupt(c, what, "bad header");
	case LZMA_OPTIONS_ERROR:
		return corrupt(c, what, "unsupported options");
	default:
		return corrupt(c, what, "data error");
	}
}

static enum codec_status decode_liblzma(struct codec *c, bool xz)
{
	lzma_stream s = LZMA_STREAM_INIT;
	enum codec_status st;
	lzma_ret ret;

	ret = xz ? lzma_stream_decoder(&s, CODEC_MEM_MAX, LZMA_TELL_ANY_CHECK)
		 : lzma_alone_decoder(&s, CODEC_MEM_MAX);
	if (ret != LZMA_OK) {
		diag_set(c->d, "%s: cannot initialise liblzma", xz ? "xz" : "lzma");
		return CODEC_ERROR;
	}
	st = lzma_run(c, &s, xz ? "xz" : "lzma");
	lzma_end(&s);
	return st;
}

static enum codec_status decode_xz(struct codec *c)
{
	return decode_liblzma(c, true);
}

static enum codec_status decode_lzma(struct codec *c)
{
	return decode_liblzma(c, false);
}

static enum codec_status bzip2_run(struct codec *c, bz_stream *bz)
{
	enum codec_status st = CODEC_OK;
	int ret = BZ_OK;

	while (ret == BZ_OK && st == CODEC_OK) {
		size_t avail = reader_fill(c->r, 1);

		if (avail == 0)
			return truncated(c, "bzip2");
		bz->next_in = (char *)(uintptr_t)reader_ptr(c->r);
		bz->avail_in = avail > UINT32_MAX ? UINT32_MAX : (unsigned)avail;
		bz->next_out = (char *)c->obuf;
		bz->avail_out = (unsigned)c->ocap;
		ret = BZ2_bzDecompress(bz);
		reader_consume(c->r, avail - bz->avail_in);
		if (ret != BZ_OK && ret != BZ_STREAM_END)
			return corrupt(c, "bzip2", ret == BZ_DATA_ERROR_MAGIC ?
				       "bad magic" : "data error");
		st = emit(c, c->obuf, c->ocap - bz->avail_out);
	}
	return st;
}

static enum codec_status decode_bzip2(struct codec *c)
{
	enum codec_status st;
	bz_stream bz;

	memset(&bz, 0, sizeof(bz));
	if (BZ2_bzDecompressInit(&bz, 0, 0) != BZ_OK) {
		diag_set(c->d, "bzip2: cannot initialise libbz2");
		return CODEC_ERROR;
	}
	st = bzip2_run(c, &bz);
	BZ2_bzDecompressEnd(&bz);
	return st;
}

/*
 * LZ4 legacy (lib/decompress_unlz4.c): the magic, then blocks of a u32 LE
 * compressed size and data, each at most 8 MiB decoded. No end marker: the
 * kernel stops at the end of its buffer, with fewer than 4 bytes left, or at
 * a zero size word (zero padding); a repeated magic continues the stream.
 */
#define LZ4_LEGACY_MAGIC	0x184c2102u
#define LZ4_LEGACY_BLOCK	(8u << 20)

static enum codec_status lz4_block(struct codec *c, uint32_t size)
{
	const uint32_t bound = (uint32_t)LZ4_COMPRESSBOUND(LZ4_LEGACY_BLOCK);
	int n;

	if (size > bound) {
		diag_set_at(c->d, c->r->offset, "lz4: block size word %u (0x%08x) "
			    "exceeds the largest legacy block (%u): data after "
			    "an LZ4 stream must be zero padding (kernel: "
			    "\"Decoding failed\")", size, size, bound);
		return CODEC_ERROR;
	}
	if (reader_fill(c->r, 4 + (size_t)size) < 4 + (size_t)size) {
		diag_set_at(c->d, c->r->offset, "lz4: block of %u bytes runs past "
			    "the end of the input: a truncated stream, or data "
			    "after the stream, which must be zero padding "
			    "(kernel: \"data corrupted\")", size);
		return CODEC_ERROR;
	}

	n = LZ4_decompress_safe((const char *)reader_ptr(c->r) + 4,
				(char *)c->obuf, (int)size, (int)c->ocap);
	if (n < 0) {
		diag_set_at(c->d, c->r->offset, "lz4: block of %u bytes does not "
			    "decode (kernel: \"Decoding failed\"); data after an "
			    "LZ4 stream must be zero padding", size);
		return CODEC_ERROR;
	}
	reader_consume(c->r, 4 + (size_t)size);
	return emit(c, c->obuf, (size_t)n);
}

static enum codec_status decode_lz4(struct codec *c)
{
	enum codec_status st = CODEC_OK;

	if (reader_fill(c->r, 4) < 4)
		return truncated(c, "lz4");
	if (le32(reader_ptr(c->r)) != LZ4_LEGACY_MAGIC)
		return corrupt(c, "lz4", "no legacy LZ4 magic");
	reader_consume(c->r, 4);
	while (st == CODEC_OK) {
		uint32_t word;

		if (reader_fill(c->r, 4) < 4)
			break;
		word = le32(reader_ptr(c->r));
		if (word == LZ4_LEGACY_MAGIC) {
			reader_consume(c->r, 4);
			continue;
		}
		if (word == 0)
			break;
		st = lz4_block(c, word);
	}
	return st;
}

static enum codec_status lz4f_run(struct codec *c, LZ4F_dctx *dctx)
{
	enum codec_status st = CODEC_OK;
	size_t ret = 1;

	while (ret != 0 && st == CODEC_OK) {
		size_t avail = reader_fill(c->r, 1);
		size_t in = avail, out = c->ocap;

		if (avail == 0)
			return truncated(c, "lz4 frame");
		ret = LZ4F_decompress(dctx, c->obuf, &out, reader_ptr(c->r),
				      &in, NULL);
		reader_consume(c->r, in);
		if (LZ4F_isError(ret))
			return corrupt(c, "lz4 frame", LZ4F_getErrorName(ret));
		st = emit(c, c->obuf, out);
	}

	/* Flush what the last call left in the context. */
	while (st == CODEC_OK) {
		size_t in = 0, out = c->ocap;

		LZ4F_decompress(dctx, c->obuf, &out, NULL, &in, NULL);
		if (out == 0)
			break;
		st = emit(c, c->obuf, out);
	}
	return st;
}

static enum codec_status decode_lz4f(struct codec *c)
{
	LZ4F_dctx *dctx;
	enum codec_status st;

	if (LZ4F_isError(LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION))) {
		diag_set(c->d, "lz4 frame: out of memory");
		return CODEC_ERROR;
	}
	st = lz4f_run(c, dctx);
	LZ4F_freeDecompressionContext(dctx);
	return st;
}

/*
 * lzop, as lib/decompress_unlzo.c parses it: a header whose length depends
 * on the version and flags, then blocks of (u32 BE decoded size, u32 BE
 * coded size, one u32 checksum, data) until a decoded size of 0.
 */
static const uint8_t lzop_magic[9] = {
	0x89, 0x4c, 0x5a, 0x4f, 0x00, 0x0d, 0x0a, 0x1a, 0x0a
};
#define LZOP_HEADER_MAX	(9 + 7 + 1 + 8 + 8 + 4 + 1 + 255 + 4)
#define LZOP_HAS_FILTER	0x800
#define LZOP_BLOCK_MAX	(256 * 1024)

static enum codec_status lzop_header(struct codec *c)
{
	size_t avail = reader_fill(c->r, LZOP_HEADER_MAX);
	const uint8_t *p = reader_ptr(c->r);
	size_t pos = 9;
	uint16_t version;

	if (avail < 9 + 7 || memcmp(p, lzop_magic, 9) != 0)
		return corrupt(c, "lzo", "invalid lzop header");
	version = be16(p + pos);
	pos += 7;			/* version, lib version, need, method */
	if (version >= 0x0940)
		pos++;			/* level */
	if (avail < pos + 4)
		return truncated(c, "lzo");
	pos += (be32(p + pos) & LZOP_HAS_FILTER) ? 8 : 4;
	pos += version >= 0x0940 ? 12 : 8;	/* mode, mtime */
	if (avail < pos + 1 || avail < pos + 1 + p[pos] + 4)
		return truncated(c, "lzo");
	pos += 1 + p[pos] + 4;		/* name and header checksum */
	reader_consume(c->r, pos);
	return CODEC_OK;
}

static enum codec_status lzop_block(struct codec *c, uint32_t dst, uint32_t src)
{
	const uint8_t *p;
	lzo_uint n = dst;

	if (dst > LZOP_BLOCK_MAX || src == 0 || src > dst)
		return corrupt(c, "lzo", "bad block sizes (kernel: \"file "
			       "corrupted\")");
	if (reader_fill(c->r, 12 + (size_t)src) < 12 + (size_t)src)
		return truncated(c, "lzo");
	p = reader_ptr(c->r) + 12;

	/* A block stored uncompressed has equal sizes. */
	if (src == dst)
		memcpy(c->obuf, p, src);
	else if (lzo1x_decompress_safe(p, src, c->obuf, &n, NULL) != LZO_E_OK ||
		 n != dst)
		return corrupt(c, "lzo", "compressed data violation");
	reader_consume(c->r, 12 + (size_t)src);
	return emit(c, c->obuf, dst);
}

static enum codec_status decode_lzo(struct codec *c)
{
	enum codec_status st;

	if (lzo_init() != LZO_E_OK) {
		diag_set(c->d, "lzo: cannot initialise liblzo2");
		return CODEC_ERROR;
	}
	st = lzop_header(c);
	while (st == CODEC_OK) {
		const uint8_t *p;
		uint32_t dst;

		if (reader_fill(c->r, 4) < 4)
			return truncated(c, "lzo");
		p = reader_ptr(c->r);
		dst = be32(p);
		if (dst == 0) {
			reader_consume(c->r, 4);
			break;
		}
		if (reader_fill(c->r, 8) < 8)
			return truncated(c, "lzo");
		st = lzop_block(c, dst, be32(reader_ptr(c->r) + 4));
	}
	return st;
}

static const struct codec_desc {
	enum comp id;
	const char *name;
	uint8_t magic[4];
	size_t magic_len;
	decode_fn decode;
	size_t ocap;
} codecs[] = {
	{ COMP_GZIP,  "gzip",  { 0x1f, 0x8b }, 2, decode_gzip, OUT_CHUNK },
	{ COMP_GZIP,  "gzip",  { 0x1f, 0x9e }, 2, decode_gzip, OUT_CHUNK },
	{ COMP_BZIP2, "bzip2", { 0x42, 0x5a }, 2, decode_bzip2, OUT_CHUNK },
	{ COMP_LZMA,  "lzma",  { 0x5d, 0x00 }, 2, decode_lzma, OUT_CHUNK },
	{ COMP_XZ,    "xz",    { 0xfd, 0x37 }, 2, decode_xz, OUT_CHUNK },
	{ COMP_LZO,   "lzo",   { 0x89, 0x4c }, 2, decode_lzo, LZOP_BLOCK_MAX },
	{ COMP_LZ4,   "lz4",   { 0x02, 0x21 }, 2, decode_lz4,
	  LZ4_LEGACY_BLOCK },
	{ COMP_ZSTD,  "zstd",  { 0x28, 0xb5 }, 2, decode_zstd, OUT_CHUNK },
	/* Not in lib/decompress.c: read only to say why it fails. */
	{ COMP_LZ4F,  "lz4 frame", { 0x04, 0x22, 0x4d, 0x18 }, 4,
	  decode_lz4f, OUT_CHUNK },
};

static const struct codec_desc *codec_find(enum comp c)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(codecs); i++)
		if (codecs[i].id == c)
			return &codecs[i];
	return NULL;
}

enum comp comp_detect(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(codecs); i++)
		if (n >= codecs[i].magic_len &&
		    memcmp(p, codecs[i].magic, codecs[i].magic_len) == 0)
			return codecs[i].id;
	return COMP_UNKNOWN;
}

const char *comp_name(enum comp c)
{
	const struct codec_desc *desc = codec_find(c);

	if (desc)
		return desc->name;
	return c == COMP_NONE ? "none" : "unknown";
}

enum codec_status codec_decode(enum comp c, struct reader *r,
			       codec_sink_fn sink, void *ctx, uint64_t *out,
			       struct diag *d)
{
	const struct codec_desc *desc = codec_find(c);
	struct codec cx = {
		.r = r, .sink = sink, .ctx = ctx, .d = d, .start = r->offset,
	};
	enum codec_status st;

	*out = 0;
	if (!desc) {
		diag_set_at(d, r->offset, "no decoder for this stream");
		return CODEC_ERROR;
	}
	cx.ocap = desc->ocap;
	cx.obuf = malloc(cx.ocap);
	if (!cx.obuf) {
		diag_set(d, "%s: out of memory", desc->name);
		return CODEC_ERROR;
	}

	st = desc->decode(&cx);
	if (st == CODEC_ERROR && r->failed)
		*d = r->err;
	free(cx.obuf);
	*out = cx.out;
	return st;
}
