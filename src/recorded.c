/* SPDX-License-Identifier: MIT */
/*
 * Sources: RFC 8878 (Zstandard), section 3.1.1, frame and block headers;
 * "The .xz File Format" 1.1.0, sections 2 (stream header and footer) and
 * 4 (index), parsed here with liblzma's own functions.
 */
#include "config.h"

#include <lzma.h>
#include <stdlib.h>
#include <string.h>
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
	static const unsigned dict_len[] = { 0, 1, 2, 4 };
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

	pos = ZST_FHD + 1 + ((fhd & ZST_FHD_SINGLE) ? 0 : 1) +
	      dict_len[ZST_FHD_DICT(fhd)];
	if (n < pos + flen)
		return 0;
	*fcs = le_n(p + pos, flen) + (flen == 2 ? 256 : 0);
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
		uint32_t h, size;
		uint64_t body;

		if (reader_fill(r, ZST_BLOCK_HEADER) < ZST_BLOCK_HEADER)
			return zstd_cut(r, start, d);
		h = (uint32_t)le_n(reader_ptr(r), ZST_BLOCK_HEADER);
		last = h & 1;
		size = h >> 3;
		if (((h >> 1) & 3) == ZST_RESERVED || size > ZST_BLOCK_MAX) {
			diag_set_at(d, r->offset, "zstd: corrupt block header "
				    "0x%06x", (unsigned)h);
			return -1;
		}
		body = ((h >> 1) & 3) == ZST_RLE ? 1 : size;
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

/* xz: the stream must lie in a regular file, its footer last but for NULs. */
#define XZ_INDEX_MAX	(16u << 20)

struct xz_file {
	struct source src;	/* the whole file */
	uint64_t start;		/* file position of the stream's first byte */
	uint64_t end;		/* file position past its last non-NUL byte */
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
	x->end = (uint64_t)st.st_size;
	return x->start < x->end;
}

/* Exactly n bytes at pos; a read error means only that the stream is
 * decoded instead, which then reports it. */
static bool xz_pread(const struct xz_file *x, void *buf, size_t n,
		     uint64_t pos)
{
	struct diag d;

	return source_read(&x->src, pos, buf, n, &d) == (long long)n;
}

/* Step x->end back over the NUL padding that may follow the stream. */
static bool xz_trim(struct xz_file *x)
{
	uint8_t buf[4096];

	while (x->end > x->start) {
		size_t n = x->end - x->start < sizeof(buf) ?
			   (size_t)(x->end - x->start) : sizeof(buf);

		if (!xz_pread(x, buf, n, x->end - n))
			return false;
		while (n > 0 && buf[n - 1] == 0) {
			n--;
			x->end--;
		}
		if (n > 0)
			return true;
	}
	return false;
}

/* The index that the footer at x->end points to, if it belongs to a
 * stream with the header at x->start. */
static lzma_index *xz_index(const struct xz_file *x,
			    const lzma_stream_flags *head)
{
	uint8_t foot[LZMA_STREAM_HEADER_SIZE], *buf;
	uint64_t memlimit = UINT64_MAX;
	lzma_stream_flags tail;
	lzma_index *idx = NULL;
	size_t pos = 0;

	if (x->end - x->start < 2 * LZMA_STREAM_HEADER_SIZE ||
	    !xz_pread(x, foot, sizeof(foot), x->end - sizeof(foot)) ||
	    lzma_stream_footer_decode(&tail, foot) != LZMA_OK ||
	    lzma_stream_flags_compare(head, &tail) != LZMA_OK ||
	    tail.backward_size > XZ_INDEX_MAX ||
	    tail.backward_size > x->end - x->start - 2 * sizeof(foot))
		return NULL;

	buf = malloc(tail.backward_size);
	if (!buf)
		return NULL;
	if (!xz_pread(x, buf, tail.backward_size,
		       x->end - sizeof(foot) - tail.backward_size) ||
	    lzma_index_buffer_decode(&idx, &memlimit, NULL, buf, &pos,
				     tail.backward_size) != LZMA_OK)
		idx = NULL;
	free(buf);
	return idx;
}

/* The first block's dictionary must be one the decoder would allocate. */
static bool xz_block_fits(const struct xz_file *x, lzma_check check)
{
	uint8_t h[LZMA_BLOCK_HEADER_SIZE_MAX];
	lzma_filter filters[LZMA_FILTERS_MAX + 1];
	lzma_block block = { .version = 1, .check = check,
			     .filters = filters };
	uint64_t need = UINT64_MAX;
	size_t i;

	if (!xz_pread(x, h, 1, x->start + LZMA_STREAM_HEADER_SIZE))
		return false;
	if (h[0] == 0)
		return true;	/* the index: a stream with no block */
	block.header_size = lzma_block_header_size_decode(h[0]);
	if (!xz_pread(x, h, block.header_size,
		       x->start + LZMA_STREAM_HEADER_SIZE) ||
	    lzma_block_header_decode(&block, NULL, h) != LZMA_OK)
		return false;
	need = lzma_raw_decoder_memusage(filters);
	for (i = 0; filters[i].id != LZMA_VLI_UNKNOWN; i++)
		free(filters[i].options);
	return need <= CODEC_MEM_MAX;
}

/*
 * A stream the kernel's XZ decoder reads (CRC32 or no check), whose index
 * accounts for every byte from its header to the file's last non-NUL byte.
 */
static int xz_recorded(struct reader *r, uint64_t *usize, struct diag *d)
{
	uint64_t start = r->offset;
	lzma_stream_flags head;
	struct xz_file x;
	lzma_index *idx;
	uint64_t total;

	if (reader_fill(r, LZMA_STREAM_HEADER_SIZE) < LZMA_STREAM_HEADER_SIZE ||
	    lzma_stream_header_decode(&head, reader_ptr(r)) != LZMA_OK ||
	    (head.check != LZMA_CHECK_NONE && head.check != LZMA_CHECK_CRC32))
		return 0;
	if (!xz_locate(r, &x) || !xz_trim(&x) || !xz_block_fits(&x, head.check))
		return 0;
	idx = xz_index(&x, &head);
	if (!idx)
		return 0;

	total = lzma_index_stream_size(idx);
	*usize = lzma_index_uncompressed_size(idx);
	lzma_index_end(idx, NULL);
	if (total != x.end - x.start)
		return 0;
	if (reader_skip(r, total) < total) {
		diag_set_at(d, r->offset, "xz: the file ended %llu bytes into "
			    "the stream, before the end its index records",
			    (unsigned long long)(r->offset - start));
		return -1;
	}
	return 1;
}

int recorded_size(enum comp c, struct reader *r, uint64_t *usize,
		  const char **how, struct diag *d)
{
	switch (c) {
	case COMP_ZSTD:
		*how = "the zstd frame's content size";
		return zstd_recorded(r, usize, d);
	case COMP_XZ:
		*how = "the xz index";
		return xz_recorded(r, usize, d);
	default:
		return 0;
	}
}
