/* SPDX-License-Identifier: MIT */
/*
 * A streaming parser for the cpio formats the kernel unpacks: "newc" (magic
 * 070701) and "crc" (070702). It follows the state machine of
 * init/initramfs.c, so that it accepts, skips and rejects what the kernel
 * does, and it is fed arbitrary chunks so that nothing is held in memory but
 * one header and one name.
 *
 * Source: Documentation/driver-api/early-userspace/buffer-format.rst.
 */
#ifndef KIMGINFO_CPIO_H
#define KIMGINFO_CPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define CPIO_HEADER_LEN	110
#define CPIO_PATH_MAX	4096	/* the kernel's PATH_MAX */

enum cpio_format {
	CPIO_NEWC,
	CPIO_CRC,
};

struct cpio_entry {
	enum cpio_format format;
	uint32_t ino, mode, uid, gid, nlink, mtime;
	uint32_t filesize;
	uint32_t devmajor, devminor, rdevmajor, rdevminor;
	uint32_t namesize, check;
	uint32_t sum;		/* byte sum of the data (crc format) */
	char name[CPIO_PATH_MAX + 1];
	char target[CPIO_PATH_MAX + 1];	/* a symlink's data */
	bool name_cut;		/* longer than the buffer: name is a prefix */
	bool kernel_skips;	/* do_header() creates nothing for it */
	bool trailer;		/* "TRAILER!!!", as the kernel would see it */
	uint64_t offset;	/* first header byte, in the segment's data */
	uint64_t end;		/* one past its padding: the next header */
};

enum cpio_state {
	CPIO_START,		/* before the first entry: a header must come */
	CPIO_BOUNDARY,		/* between entries: NUL padding allowed */
	CPIO_HEADER,
	CPIO_NAME,
	CPIO_DATA,
	CPIO_PAD,
};

/* Called once an entry, data and padding included, has been read. */
typedef int (*cpio_entry_fn)(void *ctx, const struct cpio_entry *e);

struct cpio {
	enum cpio_state state;
	uint64_t pos;		/* bytes fed since the segment began */
	uint64_t remain;	/* bytes left in the current state */
	size_t have;		/* bytes collected of the header or name */
	uint8_t header[CPIO_HEADER_LEN];
	struct cpio_entry e;
	cpio_entry_fn on_entry;
	void *ctx;
	bool failed;
	struct diag err;
};

void cpio_init(struct cpio *p, cpio_entry_fn on_entry, void *ctx);

/*
 * Start a new segment of the buffer: pos restarts at 0. The kernel judges
 * 4-byte alignment from the start of each compressed stream, and from the
 * start of the buffer outside them, where a segment starts aligned; so
 * alignment is always judged on pos.
 */
void cpio_segment(struct cpio *p);

/*
 * Feed up to len bytes and return how many were consumed. Parsing stops
 * early at an entry boundary when the next byte is neither NUL nor '0' (for
 * the caller to judge), on an error (failed is set), and, when
 * stop_at_entry is set, after every entry.
 */
size_t cpio_feed(struct cpio *p, const uint8_t *buf, size_t len,
		 bool stop_at_entry);

static inline bool cpio_at_boundary(const struct cpio *p)
{
	return p->state == CPIO_BOUNDARY;
}

/* Bytes still missing to finish the entry under way (0 at a boundary). */
uint64_t cpio_missing(const struct cpio *p);

#endif
