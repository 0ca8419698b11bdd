/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"

#define READER_MIN_CAP (256 * 1024)

void reader_init(struct reader *r, struct reader_file *files, size_t n)
{
	memset(r, 0, sizeof(*r));
	r->files = files;
	r->nfiles = n;
	r->limit = UINT64_MAX;
	if (n > 0)
		files[0].start = 0;
}

void reader_free(struct reader *r)
{
	free(r->buf);
	r->buf = NULL;
}

static bool reader_reserve(struct reader *r, size_t want)
{
	size_t cap;
	uint8_t *p;

	/* Keep READER_BEHIND consumed bytes for reader_unconsume(). */
	if (r->start > READER_BEHIND && r->cap - r->start < want) {
		size_t drop = r->start - READER_BEHIND;

		memmove(r->buf, r->buf + drop, r->end - drop);
		r->end -= drop;
		r->start = READER_BEHIND;
	}
	want += r->start;
	if (r->cap >= want)
		return true;

	cap = r->cap ? r->cap : READER_MIN_CAP;
	while (cap < want)
		cap *= 2;
	p = realloc(r->buf, cap);
	if (!p) {
		r->failed = true;
		diag_set(&r->err, "out of memory for a %zu-byte read buffer",
			 cap);
		return false;
	}
	r->buf = p;
	r->cap = cap;
	return true;
}

/* Move to the next file, owing the zero padding that aligns its start. */
static void reader_next_file(struct reader *r, uint64_t file_end)
{
	struct reader_file *f = &r->files[r->cur];

	f->size = file_end - f->start;
	r->cur++;
	if (r->cur >= r->nfiles) {
		r->eof = true;
		return;
	}
	r->pad = (4 - file_end % 4) % 4;
	r->files[r->cur].start = file_end + r->pad;
}

/* One read(2) into the free space, or the padding owed; false at the end. */
static bool reader_read_once(struct reader *r)
{
	size_t room = r->cap - r->end;
	uint64_t here = r->offset + (r->end - r->start);
	ssize_t got;

	if (r->read_max && room > r->read_max)
		room = r->read_max;

	if (r->pad > 0) {
		size_t n = r->pad < room ? (size_t)r->pad : room;

		memset(r->buf + r->end, 0, n);
		r->end += n;
		r->pad -= n;
		return true;
	}

	do
		got = read(r->files[r->cur].fd, r->buf + r->end, room);
	while (got < 0 && errno == EINTR);

	if (got < 0) {
		r->failed = true;
		diag_set_at(&r->err, here, "read error: %s", strerror(errno));
		return false;
	}
	if (got == 0) {
		reader_next_file(r, here);
		return !r->eof;
	}
	r->end += (size_t)got;
	return true;
}

size_t reader_fill(struct reader *r, size_t want)
{
	size_t avail;

	if (reader_avail(r) < want && !r->eof && !r->failed &&
	    reader_reserve(r, want)) {
		while (reader_avail(r) < want && !r->eof && !r->failed)
			if (!reader_read_once(r))
				break;
	}

	avail = reader_avail(r);
	if (r->limit != UINT64_MAX && r->offset + avail > r->limit)
		avail = r->offset >= r->limit ? 0 : (size_t)(r->limit - r->offset);
	return avail;
}

size_t reader_fill_head(struct reader *r, size_t want)
{
	size_t avail;

	r->read_max = want;
	avail = reader_fill(r, want);
	r->read_max = 0;
	return avail;
}

uint64_t reader_skip(struct reader *r, uint64_t n)
{
	uint64_t done = 0;

	while (done < n) {
		size_t avail = reader_fill(r, 1);

		if (avail == 0)
			break;
		if (avail > n - done)
			avail = (size_t)(n - done);
		reader_consume(r, avail);
		done += avail;
	}
	return done;
}

const struct reader_file *reader_files_at(const struct reader_file *files,
					  size_t n, uint64_t off)
{
	size_t i = 0;

	while (i + 1 < n && files[i + 1].start <= off)
		i++;
	return &files[i];
}

const struct reader_file *reader_file_at(const struct reader *r, uint64_t off)
{
	/* Only the files reached so far have their start set. */
	size_t reached = r->cur < r->nfiles ? r->cur + 1 : r->nfiles;

	return reader_files_at(r->files, reached, off);
}

uint64_t reader_total(const struct reader *r)
{
	uint64_t total = r->offset + reader_avail(r);

	return total < r->limit ? total : r->limit;
}
