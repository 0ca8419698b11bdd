/* SPDX-License-Identifier: MIT */
/*
 * The initramfs walker: reads the buffer a boot loader hands the kernel the
 * way init/initramfs.c (unpack_to_rootfs) does. Two layers: segments (runs
 * of uncompressed cpio entries, or one compressed stream each, separated by
 * NUL padding) and, fed by all their output in order, one cpio parser that
 * splits it into archives at each TRAILER!!!.
 */
#ifndef KIMGINFO_INITRAMFS_H
#define KIMGINFO_INITRAMFS_H

#include <stdbool.h>
#include <stdint.h>

#include "codec.h"
#include "cpio.h"
#include "reader.h"
#include "util.h"

/* Tables stop growing here, so that memory does not grow with the input. */
#define IRD_TABLE_MAX 4096

/*
 * Limits against decompression bombs, by default: 64 GiB decompressed in
 * all, and no stream expanding more than 1000 times once past 16 MiB (real
 * initramfs images compress a few times; a stream of zeros, thousands).
 */
#define IRD_MAX_UNPACKED	(UINT64_C(64) << 30)
#define IRD_MAX_RATIO		1000
#define IRD_RATIO_FLOOR		(UINT64_C(16) << 20)

/* Set both limits for the walks that follow; a ratio of 0 is none. */
void initramfs_set_limits(uint64_t max_unpacked, unsigned max_ratio);

/*
 * Whether the walks that follow take the decoded size of an xz or zstd
 * stream from its own records (see recorded.h) rather than decoding it.
 * Such a segment's entries are not read: its ulen is all that is known.
 */
void initramfs_trust_sizes(bool trust);

struct ird_segment {
	uint64_t offset;	/* in the buffer */
	uint64_t length;	/* bytes of the buffer it spans */
	enum comp comp;		/* COMP_NONE for uncompressed cpio */
	uint64_t ulen;		/* uncompressed bytes, as counted in U */
	uint64_t entries;	/* entries that start in it, trailers aside */
	bool complete;		/* read to its end without error */
	const char *recorded;	/* ulen read from this record, not decoded */
};

struct ird_archive {
	enum cpio_format format;
	size_t first_seg, last_seg;
	uint64_t start, end;	/* offsets in those segments' data */
	uint64_t entries;	/* not counting TRAILER!!! */
	bool trailer;
};

struct initramfs {
	struct ird_segment seg[IRD_TABLE_MAX];
	size_t nsegs;		/* all segments, even those not stored */
	struct ird_archive arc[IRD_TABLE_MAX];
	size_t narcs;
	bool arc_open;

	uint64_t size;		/* C: the buffer's length */
	bool size_partial;	/* the walk stopped first: size is a floor */
	uint64_t ulen;		/* U: uncompressed bytes */
	size_t nrecorded;	/* segments whose ulen was not decoded */
	uint64_t entries;	/* cpio entries, trailers aside */
	uint64_t padding;	/* NUL bytes between and after segments */
	uint64_t trailing;	/* of which after the last segment */

	bool failed;		/* the walk stopped: err says why */
	struct diag err;
	bool unbootable;	/* read to the end, but the kernel would fail */
	struct diag boot_err;
};

/*
 * Optional observer of every entry, trailers included, in the order the
 * kernel creates them, with the segment it starts in and that segment's
 * index.
 */
typedef void (*ird_entry_fn)(void *ctx, size_t seg,
			     const struct ird_segment *s,
			     const struct cpio_entry *e);

/*
 * Walk the whole buffer from the reader's position. Returns 0 when the
 * kernel would unpack it, -1 otherwise (failed or unbootable says which).
 * The result is filled in either way, up to where the walk stopped.
 */
int initramfs_walk(struct reader *r, struct initramfs *ird,
		   ird_entry_fn on_entry, void *ctx);

/* Whether the first bytes look like an initramfs (cpio, NUL or a magic). */
bool initramfs_probe(const uint8_t *p, size_t n);

#endif
