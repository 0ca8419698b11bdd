/* SPDX-License-Identifier: MIT */
/*
 * A buffered, forward-only reader over one or more open files, presented as
 * the single buffer a boot loader would hand the kernel: each file after the
 * first starts at a 4-byte boundary, the gap filled with zero bytes, as GRUB
 * lays out several initrd files. It never seeks, so pipes work.
 */
#ifndef KIMGINFO_READER_H
#define KIMGINFO_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct reader_file {
	const char *name;
	int fd;
	uint64_t start;		/* offset of its first byte in the buffer */
	uint64_t size;		/* bytes read from it, once it is done */
};

struct reader {
	struct reader_file *files;
	size_t nfiles;
	size_t cur;		/* file being read */
	uint64_t pad;		/* zero bytes owed before the next file */
	uint8_t *buf;
	size_t cap, start, end;	/* valid bytes are buf[start, end) */
	uint64_t offset;	/* buffer offset of buf[start] */
	uint64_t limit;		/* treat this buffer offset as the end */
	size_t read_max;	/* bytes one read(2) asks for; 0: all room */
	bool eof;
	bool failed;
	struct diag err;
};

void reader_init(struct reader *r, struct reader_file *files, size_t n);
void reader_free(struct reader *r);

/*
 * Make at least want bytes available (fewer only at the end of the input or
 * on a read error, which sets failed). Returns the number available.
 */
size_t reader_fill(struct reader *r, size_t want);

/*
 * reader_fill() asking read(2) for no more than want bytes: for the head
 * of a file, so that a header report reads a few KiB of a large kernel.
 */
size_t reader_fill_head(struct reader *r, size_t want);

static inline const uint8_t *reader_ptr(const struct reader *r)
{
	return r->buf + r->start;
}

static inline size_t reader_avail(const struct reader *r)
{
	return r->end - r->start;
}

static inline void reader_consume(struct reader *r, size_t n)
{
	r->start += n;
	r->offset += n;
}

/*
 * A decoder that reads ahead (isa-l keeps up to 8 bytes in its bit buffer)
 * hands back what it did not use. The reader always keeps the last
 * READER_BEHIND bytes consumed; n must not exceed that.
 */
#define READER_BEHIND 16

static inline void reader_unconsume(struct reader *r, size_t n)
{
	r->start -= n;
	r->offset -= n;
}

/* Consume n bytes unseen; returns how many there were (fewer at the end). */
uint64_t reader_skip(struct reader *r, uint64_t n);

/* The file that holds buffer offset off (the last one past the end). */
const struct reader_file *reader_file_at(const struct reader *r,
					 uint64_t off);

/* The same among n files whose starts are set, as after a whole walk. */
const struct reader_file *reader_files_at(const struct reader_file *files,
					  size_t n, uint64_t off);

/* The buffer length so far: all files read, with their padding. */
uint64_t reader_total(const struct reader *r);

#endif
