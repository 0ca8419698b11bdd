/* SPDX-License-Identifier: MIT */
/*
 * Sources: RFC 8878 (Zstandard), section 3.1.1, frame and block headers;
 * "The .xz File Format" 1.1.0, sections 2 (stream header and footer) and
 * 4 (index), parsed here with liblzma's own functions.
 */
#include "config.h"

#include <lzma.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recorded.h"
#include "source.h"

/* Zstandard frame header (RFC 8878, 3.1.1.1). */
#define ZST_MAGIC		0xfd2fb528u
#define ZST_FHD			4	/* Frame_Header_Descriptor */
#define ZST_FHD_FCS(b)		((b) >> 6)
#define ZST_FHD_SINGLE		0x20
#define ZST_FHD_RESERVED	0x08
#define ZST_FHD_CHECKSUM	0x04
#define ZST_FHD_DICT(b)		((b) & 3)
#define ZST_HEADER_MAX		18
#define ZST_BLOCK_HEADER	3
#define ZST_BLOCK_MAX		(128 * 1024)
#define ZST_CHECKSUM		4

/* Block_Type (3.1.1.2.2): raw, RLE, compressed, reserved. */
#define ZST_RLE			1
#define ZST_RESERVED		3

static uint64_t le_n(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

/* Window_Descriptor: 2^(10 + exponent), plus mantissa eighths of that. */
static uint64_t zstd_window(uint8_t wd)
{
	uint64_t base = UINT64_C(1) << (10 + (wd >> 3));

	return base + base / 8 * (wd & 7);
}

/*
 * The frame header's length and content size; 0 when the frame records no
 * size, uses a dictionary the kernel's unzstd cannot have, or has a window
 * the decoder refuses: decoding then says what is wrong.
 */
static size_t zstd_header(const uint8_t *p, size_t n, uint64_t *fcs)
{
	static const unsigned fcs_len[] = { 0, 2, 4, 8 };
	unsigned fhd, flen, pos;
	uint64_t window;

	if (n < ZST_FHD + 1 || le32(p) != ZST_MAGIC)
		return 0;
	fhd = p[ZST_FHD];
	if ((fhd & ZST_FHD_RESERVED) || ZST_FHD_DICT(fhd) != 0)
		return 0;
	flen = fcs_len[ZST_FHD_FCS(fhd)];
	if (flen == 0 && (fhd & ZST_FHD_SINGLE))
		flen = 1;
	if (flen == 0)
		return 0;

	/* No Dictionary_ID field: a frame that names one was left above. */
	pos = ZST_FHD + 1 + ((fhd & ZST_FHD_SINGLE) ? 0 : 1);
	if (n < pos + flen)
		return 0;
	*fcs = le_n(p + pos, flen) + (flen == 2 ? 256 : 0);
	if (*fcs == UINT64_MAX)
		return 0;	/* libzstd and the kernel read it as unknown */
	window = (fhd & ZST_FHD_SINGLE) ? *fcs : zstd_window(p[ZST_FHD + 1]);
	if (window > CODEC_MEM_MAX)
		return 0;
	return pos + flen;
}

static int zstd_cut(struct reader *r, uint64_t start, struct diag *d)
{
	diag_set_at(d, r->offset, "zstd: truncated frame, cut %llu bytes "
		    "into it", (unsigned long long)(r->offset - start));
	return -1;
}

/* Walk the frame's block headers to its end (RFC 8878, 3.1.1.2). */
static int zstd_skip_blocks(struct reader *r, uint64_t start, bool checksum,
			    struct diag *d)
{
	bool last = false;

	while (!last) {
		uint32_t h, type, size;
		uint64_t body;

		if (reader_fill(r, ZST_BLOCK_HEADER) < ZST_BLOCK_HEADER)
			return zstd_cut(r, start, d);
		h = (uint32_t)le_n(reader_ptr(r), ZST_BLOCK_HEADER);
		last = h & 1;
		type = (h >> 1) & 3;
		size = h >> 3;
		if (type == ZST_RESERVED || size > ZST_BLOCK_MAX) {
			diag_set_at(d, r->offset, "zstd: corrupt block header "
				    "0x%06x", (unsigned)h);
			return -1;
		}

		/* An RLE block holds one byte, repeated size times. */
		body = type == ZST_RLE ? 1 : size;
		reader_consume(r, ZST_BLOCK_HEADER);
		if (reader_skip(r, body) < body)
			return zstd_cut(r, start, d);
	}
	if (checksum && reader_skip(r, ZST_CHECKSUM) < ZST_CHECKSUM)
		return zstd_cut(r, start, d);
	return 1;
}

static int zstd_recorded(struct reader *r, uint64_t *usize, struct diag *d)
{
	size_t avail = reader_fill(r, ZST_HEADER_MAX);
	size_t hlen = zstd_header(reader_ptr(r), avail, usize);
	uint64_t start;
	bool checksum;

	if (hlen == 0)
		return 0;
	checksum = reader_ptr(r)[ZST_FHD] & ZST_FHD_CHECKSUM;
	start = r->offset;
	reader_consume(r, hlen);
	return zstd_skip_blocks(r, start, checksum, d);
}

/*
 * xz: a stream is sized from its index only when it is the one that ends
 * its regular file, NUL padding aside. That end is read once per file
 * (struct recorded_tail), however many streams the walk meets in it.
 */
#define XZ_INDEX_MAX	(16u << 20)

struct xz_file {
	struct source src;	/* the whole file */
	uint64_t start;		/* file position of the stream's first byte */
	dev_t dev;
	ino_t ino;
};

/*
 * Where the reader's position is in its file, if that is a regular file:
 * the descriptor stands past the bytes the reader has taken from it.
 */
static bool xz_locate(const struct reader *r, struct xz_file *x)
{
	const struct reader_file *f = reader_file_at(r, r->offset);
	uint64_t into = r->offset - f->start, ahead;
	struct stat st;
	off_t here;

	if (r->limit != UINT64_MAX || r->offset < f->start)
		return false;
	if (!r->eof && f == &r->files[r->cur])
		ahead = reader_avail(r);
	else if (into <= f->size)
		ahead = f->size - into;
	else
		return false;

	if (fstat(f->fd, &st) < 0 || !S_ISREG(st.st_mode))
		return false;
	here = lseek(f->fd, 0, SEEK_CUR);
	if (here < 0 || (uint64_t)here < ahead)
		return false;
	x->src = (struct source){ .name = f->name, .fd = f->fd,
				  .size = (uint64_t)st.st_size };
	x->start = (uint64_t)here - ahead;
	x->dev = st.st_dev;
	x->ino = st.st_ino;
	return x->start < x->src.size;
}

/* Exactly n bytes at pos; a read error means only that the stream is
 * decoded instead, which then reports it. */
static bool xz_pread(const struct source *src, void *buf, size_t n,
		     uint64_t pos)
{
	struct diag d;

	return source_read(src, pos, buf, n, &d) == (long long)n;
}

/* The file position past its last non-NUL byte, or 0. */
static uint64_t xz_trim(const struct source *src)
{
	uint64_t end = src->size;
	uint8_t buf[4096];

	while (end > 0) {
		size_t n = end < sizeof(buf) ? (size_t)end : sizeof(buf);

		if (!xz_pread(src, buf, n, end - n))
			return 0;
		while (n > 0 && buf[n - 1] == 0) {
			n--;
			end--;
		}
		if (n > 0)
			return end;
	}
	return 0;
}

/* The index of the stream whose footer ends at end; its flags in *flags. */
static lzma_index *xz_index(const struct source *src, uint64_t end,
			    lzma_stream_flags *flags)
{
	uint8_t foot[LZMA_STREAM_HEADER_SIZE], *buf;
	uint64_t memlimit = UINT64_MAX;
	lzma_index *idx = NULL;
	size_t pos = 0;

	if (end < 2 * LZMA_STREAM_HEADER_SIZE ||
	    !xz_pread(src, foot, sizeof(foot), end - sizeof(foot)) ||
	    lzma_stream_footer_decode(flags, foot) != LZMA_OK ||
	    flags->backward_size > XZ_INDEX_MAX ||
	    flags->backward_size > end - 2 * sizeof(foot))
		return NULL;

	buf = malloc(flags->backward_size);
	if (!buf)
		return NULL;
	if (!xz_pread(src, buf, flags->backward_size,
		      end - sizeof(foot) - flags->backward_size) ||
	    lzma_index_buffer_decode(&idx, &memlimit, NULL, buf, &pos,
				     flags->backward_size) != LZMA_OK)
		idx = NULL;
	free(buf);
	return idx;
}

/*
 * A block header where the index puts a block: its CRC32 right, the sizes
 * it records (if any) those of the index, its filters within the decoder
 * limit. A forged index rarely lands on real block headers.
 */
static bool xz_block_ok(const struct source *src, uint64_t pos,
			const lzma_index_iter *it, lzma_check check)
{
	uint8_t h[LZMA_BLOCK_HEADER_SIZE_MAX];
	lzma_filter filters[LZMA_FILTERS_MAX + 1];
	lzma_block block = { .version = 1, .check = check,
			     .filters = filters };
	bool ok;
	size_t i;

	if (!xz_pread(src, h, 1, pos) || h[0] == 0)
		return false;
	block.header_size = lzma_block_header_size_decode(h[0]);
	if (!xz_pread(src, h, block.header_size, pos) ||
	    lzma_block_header_decode(&block, NULL, h) != LZMA_OK)
		return false;

	ok = lzma_block_compressed_size(&block, it->block.unpadded_size) ==
	     LZMA_OK &&
	     (block.uncompressed_size == LZMA_VLI_UNKNOWN ||
	      block.uncompressed_size == it->block.uncompressed_size) &&
	     lzma_raw_decoder_memusage(filters) <= CODEC_MEM_MAX;
	for (i = 0; filters[i].id != LZMA_VLI_UNKNOWN; i++)
		free(filters[i].options);
	return ok;
}

/*
 * The stream that ends the file, if the kernel's XZ decoder reads it (CRC32
 * or no check) and its header and every block header are where its index
 * says: its start, total size and decoded size go into t.
 */
static void xz_read_tail(const struct source *src, struct recorded_tail *t)
{
	uint8_t head[LZMA_STREAM_HEADER_SIZE];
	lzma_stream_flags tail, flags;
	uint64_t end = xz_trim(src);
	lzma_index_iter it;
	lzma_index *idx;
	bool ok;

	t->start = UINT64_MAX;
	idx = end ? xz_index(src, end, &tail) : NULL;
	if (!idx)
		return;
	t->total = lzma_index_stream_size(idx);
	t->usize = lzma_index_uncompressed_size(idx);
	ok = t->total <= end &&
	     xz_pread(src, head, sizeof(head), end - t->total) &&
	     lzma_stream_header_decode(&flags, head) == LZMA_OK &&
	     lzma_stream_flags_compare(&flags, &tail) == LZMA_OK &&
	     (flags.check == LZMA_CHECK_NONE ||
	      flags.check == LZMA_CHECK_CRC32);

	lzma_index_iter_init(&it, idx);
	while (ok && !lzma_index_iter_next(&it, LZMA_INDEX_ITER_BLOCK))
		ok = xz_block_ok(src, end - t->total +
				 it.block.compressed_file_offset, &it,
				 flags.check);
	lzma_index_end(idx, NULL);
	if (ok)
		t->start = end - t->total;
}

static int xz_recorded(struct reader *r, struct recorded_tail *t,
		       uint64_t *usize, struct diag *d)
{
	uint64_t start = r->offset;
	struct xz_file x;

	if (!xz_locate(r, &x))
		return 0;
	if (!t->known || t->dev != x.dev || t->ino != x.ino ||
	    t->size != x.src.size) {
		*t = (struct recorded_tail){ .known = true, .dev = x.dev,
					     .ino = x.ino, .size = x.src.size };
		xz_read_tail(&x.src, t);
	}
	if (t->start != x.start)
		return 0;

	*usize = t->usize;
	if (reader_skip(r, t->total) < t->total) {
		diag_set_at(d, r->offset, "xz: the file ended %llu bytes into "
			    "the stream, before the end its index records",
			    (unsigned long long)(r->offset - start));
		return -1;
	}
	return 1;
}

int recorded_size(enum comp c, struct reader *r, struct recorded_tail *t,
		  uint64_t *usize, const char **how, struct diag *d)
{
	switch (c) {
	case COMP_ZSTD:
		*how = "the zstd frame's content size";
		return zstd_recorded(r, usize, d);
	case COMP_XZ:
		*how = "the xz index";
		return xz_recorded(r, t, usize, d);
	default:
		return 0;
	}
}
