/* SPDX-License-Identifier: MIT */
/*
 * Source: init/initramfs.c (unpack_to_rootfs, flush_buffer, do_reset),
 * Documentation/driver-api/early-userspace/buffer-format.rst.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "initramfs.h"
#include "recorded.h"

struct walk {
	struct reader *r;
	struct initramfs *ird;
	struct cpio cpio;
	ird_entry_fn on_entry;
	void *ctx;
	struct ird_segment *cur;	/* segment being read, or NULL */
	struct ird_segment spill;	/* stands in once the table is full */
	bool after_cpio;	/* last thing read was an uncompressed entry */
	uint64_t nul_run;	/* NUL bytes since the last non-NUL byte */
	uint64_t unpacked;	/* decompressed so far, all streams */
	struct recorded_tail tail;	/* --trust-sizes: a file's xz end */
};

static struct ird_segment *segment_open(struct walk *w, enum comp comp)
{
	struct initramfs *ird = w->ird;
	struct ird_segment *s;

	s = ird->nsegs < IRD_TABLE_MAX ? &ird->seg[ird->nsegs] : &w->spill;
	ird->nsegs++;
	memset(s, 0, sizeof(*s));
	s->offset = w->r->offset;
	s->comp = comp;
	cpio_segment(&w->cpio);
	w->cur = s;
	return s;
}

static size_t segment_index(const struct walk *w)
{
	return w->ird->nsegs - 1;
}

static void segment_close(struct walk *w)
{
	struct ird_segment *s = w->cur;

	if (!s)
		return;
	if (s->comp == COMP_NONE) {
		s->length = w->cpio.pos;
		s->ulen = w->cpio.pos;
	}
	w->ird->ulen += s->ulen;
	s->complete = !w->ird->failed;
	w->cur = NULL;
}

static void archive_entry(struct walk *w, const struct cpio_entry *e)
{
	struct initramfs *ird = w->ird;
	struct ird_archive *a = NULL;

	if (!ird->arc_open) {
		ird->narcs++;
		ird->arc_open = true;
		if (ird->narcs <= IRD_TABLE_MAX) {
			a = &ird->arc[ird->narcs - 1];
			memset(a, 0, sizeof(*a));
			a->format = e->format;
			a->first_seg = segment_index(w);
			a->start = e->offset;
		}
	} else if (ird->narcs <= IRD_TABLE_MAX) {
		a = &ird->arc[ird->narcs - 1];
	}

	if (a) {
		a->last_seg = segment_index(w);
		a->end = e->end;
		a->entries += !e->trailer;
		a->trailer = e->trailer;
	}
	if (e->trailer)
		ird->arc_open = false;
}

static int walk_entry(void *ctx, const struct cpio_entry *e)
{
	struct walk *w = ctx;

	archive_entry(w, e);
	if (!e->trailer) {
		w->ird->entries++;
		w->cur->entries++;
	}
	if (w->on_entry)
		w->on_entry(w->ctx, segment_index(w), w->cur, e);
	return 0;
}

static void fail(struct walk *w, const struct diag *d)
{
	w->ird->failed = true;
	w->ird->err = *d;
}

/* A cpio error inside a segment: name the segment and the data offset. */
static void fail_in_segment(struct walk *w, const char *msg, uint64_t pos)
{
	struct ird_segment *s = w->cur;
	struct diag d;

	if (s->comp == COMP_NONE)
		diag_set_at(&d, s->offset + pos, "%s", msg);
	else
		diag_set_at(&d, s->offset, "%s stream, at 0x%llx of its data: %s",
			    comp_name(s->comp), (unsigned long long)pos, msg);
	fail(w, &d);
}

static void fail_cpio(struct walk *w)
{
	fail_in_segment(w, w->cpio.err.msg, w->cpio.err.offset);
}

/* What is missing of the entry under way, and where that entry starts. */
static uint64_t describe_cut(const struct cpio *p, char *msg, size_t n)
{
	uint64_t missing = cpio_missing(p);

	if (p->state == CPIO_START) {
		snprintf(msg, n, "cpio header, before any cpio data");
		return 0;
	}
	if (p->state == CPIO_HEADER) {
		snprintf(msg, n, "cpio header, %zu of %d bytes there",
			 p->have, CPIO_HEADER_LEN);
		return p->pos - p->have;
	}
	if (p->state == CPIO_NAME)
		snprintf(msg, n, "cpio entry name, %llu bytes short",
			 (unsigned long long)missing);
	else
		snprintf(msg, n, "cpio entry %s, %llu bytes short", p->e.name,
			 (unsigned long long)missing);
	return p->e.offset;
}

/*
 * The input ends inside an uncompressed entry. The kernel reports nothing
 * here: it creates what it read so far and the rest is missing.
 */
static void fail_truncated(struct walk *w)
{
	char what[CPIO_PATH_MAX + 64], msg[sizeof(what) + 96];
	uint64_t at = describe_cut(&w->cpio, what, sizeof(what));

	snprintf(msg, sizeof(msg), "truncated %s (the kernel stops there "
		 "without a word, the rest missing)", what);
	fail_in_segment(w, msg, at);
}

/* One uncompressed entry at the top level, as write_buffer() reads it. */
static void walk_cpio_entry(struct walk *w)
{
	struct reader *r = w->r;

	if (!w->cur || w->cur->comp != COMP_NONE) {
		segment_close(w);
		segment_open(w, COMP_NONE);
	}
	for (;;) {
		size_t avail = reader_fill(r, 1);
		size_t n;

		if (avail == 0) {
			if (r->failed)
				fail(w, &r->err);
			else
				fail_truncated(w);
			return;
		}
		n = cpio_feed(&w->cpio, reader_ptr(r), avail, true);
		reader_consume(r, n);
		if (w->cpio.failed) {
			fail_cpio(w);
			return;
		}
		if (cpio_at_boundary(&w->cpio))
			break;
	}
	w->after_cpio = true;
}

/* flush_buffer(): decompressed output goes straight into the parser. */
/* Limits against decompression bombs: see initramfs_set_limits(). */
static uint64_t max_unpacked = IRD_MAX_UNPACKED;
static unsigned max_ratio = IRD_MAX_RATIO;

void initramfs_set_limits(uint64_t unpacked, unsigned ratio)
{
	max_unpacked = unpacked;
	max_ratio = ratio;
}

static bool trust_sizes;

void initramfs_trust_sizes(bool trust)
{
	trust_sizes = trust;
}

/* Whether this stream's output passes a limit; if so, stop the walk. */
static bool over_limit(struct walk *w)
{
	const struct ird_segment *s = w->cur;
	uint64_t in = w->r->offset - s->offset;
	struct diag d;

	if (w->unpacked > max_unpacked) {
		diag_set_at(&d, s->offset, "the initramfs unpacks to more than "
			    "%llu bytes, the limit (--max-unpacked): stopped",
			    (unsigned long long)max_unpacked);
		fail(w, &d);
		return true;
	}
	if (max_ratio && s->ulen > IRD_RATIO_FLOOR &&
	    s->ulen / (in ? in : 1) > max_ratio) {
		diag_set_at(&d, s->offset, "%s stream expands more than %u "
			    "times (--max-ratio), a decompression bomb: stopped",
			    comp_name(s->comp), max_ratio);
		fail(w, &d);
		return true;
	}
	return false;
}

static int walk_sink(void *ctx, const uint8_t *p, size_t n)
{
	struct walk *w = ctx;
	size_t used;

	w->cur->ulen += n;
	w->unpacked += n;
	if (over_limit(w))
		return -1;
	used = cpio_feed(&w->cpio, p, n, false);
	if (w->cpio.failed) {
		fail_cpio(w);
		return -1;
	}
	if (used < n) {
		char msg[128];

		snprintf(msg, sizeof(msg), "junk within compressed archive: "
			 "byte 0x%02x where a cpio header or NUL padding must "
			 "be", p[used]);
		fail_in_segment(w, msg, w->cpio.pos);
		return -1;
	}
	return 0;
}

/*
 * A stream sized by its own records; false, with nothing read, when it
 * has none and must be decoded.
 */
static bool walk_recorded(struct walk *w, struct ird_segment *s)
{
	struct diag d;
	uint64_t usize;
	int ret;

	ret = recorded_size(s->comp, w->r, &w->tail, &usize, &s->recorded,
			    &d);
	if (ret == 0) {
		s->recorded = NULL;
		return false;
	}
	s->length = w->r->offset - s->offset;
	if (ret < 0) {
		fail(w, &d);
		return true;
	}

	/* A record may claim anything, 2^64 - 1 bytes too. */
	s->ulen = usize;
	w->ird->nrecorded++;
	if (usize > UINT64_MAX - w->unpacked) {
		diag_set_at(&d, s->offset, "%s records %llu bytes: more than "
			    "can be counted", comp_name(s->comp),
			    (unsigned long long)usize);
		fail(w, &d);
		return true;
	}
	w->unpacked += usize;
	if (!over_limit(w))
		segment_close(w);
	return true;
}

static void walk_stream(struct walk *w, enum comp comp)
{
	struct ird_segment *s;
	enum codec_status st;
	struct diag d;
	uint64_t out;

	segment_close(w);
	s = segment_open(w, comp);
	if (trust_sizes && walk_recorded(w, s))
		return;
	st = codec_decode(comp, w->r, walk_sink, w, &out, &d);
	s->length = w->r->offset - s->offset;
	if (st == CODEC_ERROR) {
		fail(w, &d);
		return;
	}
	if (st == CODEC_STOPPED)
		return;

	/* The stream must end where an entry does. */
	if (!cpio_at_boundary(&w->cpio)) {
		char what[CPIO_PATH_MAX + 64];

		describe_cut(&w->cpio, what, sizeof(what));
		diag_set_at(&d, s->offset, "%s stream ends inside a %.*s (kernel: "
			    "\"junk at the end of compressed archive\")",
			    comp_name(comp), 160, what);
		fail(w, &d);
		return;
	}
	if (comp == COMP_LZ4F && !w->ird->unbootable) {
		w->ird->unbootable = true;
		diag_set_at(&w->ird->boot_err, s->offset, "LZ4 frame format: "
			    "the kernel reads only legacy LZ4 (lz4 -l) "
			    "(\"invalid magic at start of compressed archive\")");
	}
	segment_close(w);
}

static size_t skip_nul(struct walk *w, size_t avail)
{
	const uint8_t *p = reader_ptr(w->r);
	size_t n = 0;

	while (n < avail && p[n] == 0)
		n++;
	reader_consume(w->r, n);
	w->ird->padding += n;
	w->nul_run += n;
	return n;
}

/* The old binary cpio magic 070707 octal, in either byte order. */
static bool is_binary_cpio(const uint8_t *p, size_t n)
{
	return n >= 2 && ((p[0] == 0xc7 && p[1] == 0x71) ||
			  (p[0] == 0x71 && p[1] == 0xc7));
}

/* Bytes that start neither cpio nor a stream the kernel knows. */
static void fail_magic(struct walk *w, const uint8_t *p, size_t avail)
{
	struct diag d;
	uint64_t off = w->r->offset;

	if (p[0] == '0')
		diag_set_at(&d, off, "uncompressed cpio at an offset that is not "
			    "a multiple of 4: the kernel takes it for a "
			    "compressed stream (\"invalid magic at start of "
			    "compressed archive\")");
	else if (is_binary_cpio(p, avail))
		diag_set_at(&d, off, "binary cpio: the kernel reads only newc "
			    "(\"invalid magic at start of compressed archive\")");
	else if (avail == 1)
		diag_set_at(&d, off, "invalid magic at start of compressed "
			    "archive: %02x, the last byte", p[0]);
	else
		diag_set_at(&d, off, "invalid magic at start of compressed "
			    "archive: %02x %02x", p[0], p[1]);
	fail(w, &d);
}

/* One turn of unpack_to_rootfs()'s loop. */
static void walk_step(struct walk *w, size_t avail)
{
	const uint8_t *p = reader_ptr(w->r);
	uint64_t off = w->r->offset, run;
	enum comp comp;

	if (p[0] == 0) {
		if (w->cur && w->cur->comp == COMP_NONE)
			segment_close(w);
		skip_nul(w, avail);
		return;
	}
	run = w->nul_run;
	w->nul_run = 0;

	/* After an entry do_reset() eats the padding, then wants alignment. */
	if (w->after_cpio && (off & 3)) {
		struct diag d;

		diag_set_at(&d, off, "broken padding: %llu NUL bytes after the "
			    "cpio entry leave the next data unaligned",
			    (unsigned long long)run);
		fail(w, &d);
		return;
	}
	if (p[0] == '0' && (off & 3) == 0) {
		walk_cpio_entry(w);
		return;
	}

	comp = comp_detect(p, avail);
	if (comp == COMP_UNKNOWN) {
		fail_magic(w, p, avail);
		return;
	}
	w->after_cpio = false;
	walk_stream(w, comp);
}

int initramfs_walk(struct reader *r, struct initramfs *ird,
		   ird_entry_fn on_entry, void *ctx)
{
	struct walk w = { .r = r, .ird = ird, .on_entry = on_entry,
			  .ctx = ctx };
	uint64_t start = r->offset;

	memset(ird, 0, sizeof(*ird));
	cpio_init(&w.cpio, walk_entry, &w);

	while (!ird->failed) {
		size_t avail = reader_fill(r, 8);

		if (avail == 0)
			break;
		walk_step(&w, avail);
	}
	if (!ird->failed && r->failed)
		fail(&w, &r->err);
	if (w.cur)
		segment_close(&w);
	ird->trailing = w.nul_run;

	ird->size = reader_total(r) - start;
	ird->size_partial = ird->failed && !r->eof;
	return ird->failed || ird->unbootable ? -1 : 0;
}

bool initramfs_probe(const uint8_t *p, size_t n)
{
	size_t i = 0;

	while (i < n && p[i] == 0)
		i++;
	if (i == n)
		return n > 0;
	if (p[i] == '0')
		return true;	/* the kernel reads a cpio header here */
	if (is_binary_cpio(p + i, n - i))
		return true;	/* for the walker to say why it fails */
	return comp_detect(p + i, n - i) != COMP_UNKNOWN;
}
