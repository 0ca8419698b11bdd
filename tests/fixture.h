/* SPDX-License-Identifier: MIT */
/*
 * Fixtures the unit tests build themselves: byte buffers, newc cpio
 * archives written from the format's definition, compressed streams made
 * with the codec libraries' own encoders, and files holding them.
 */
#ifndef KIMGINFO_FIXTURE_H
#define KIMGINFO_FIXTURE_H

#include <CUnit/CUnit.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kernel.h"
#include "source.h"

struct fx_buf {
	uint8_t *p;
	size_t len, cap;
};

void fx_put(struct fx_buf *b, const void *p, size_t n);
void fx_zeros(struct fx_buf *b, size_t n);
void fx_append(struct fx_buf *b, const struct fx_buf *src);
void fx_free(struct fx_buf *b);
void fx_put_le16(uint8_t *p, uint16_t v);
void fx_put_le32(uint8_t *p, uint32_t v);
void fx_put_le64(uint8_t *p, uint64_t v);

/* One newc (or crc, with crc set) entry, its name and data padded. */
struct fx_entry {
	const char *name;
	uint32_t mode;
	const void *data;
	uint32_t size;
	uint32_t ino, nlink;
	uint32_t rdevmajor, rdevminor;
	bool crc;
	bool bad_sum;		/* write a wrong checksum */
};

void fx_cpio_entry(struct fx_buf *b, const struct fx_entry *e);
void fx_cpio_trailer(struct fx_buf *b);

/* A small archive of n regular files "dir/fN" of varied sizes, with a
 * directory and a character device between them; returns entries added
 * (trailer not counted). */
unsigned fx_cpio_sample(struct fx_buf *b, const char *dir, unsigned n,
			bool trailer);

/* Compressors: each appends one complete stream of in to out. */
void fx_gzip(struct fx_buf *out, const struct fx_buf *in);
void fx_zstd(struct fx_buf *out, const struct fx_buf *in);
void fx_xz(struct fx_buf *out, const struct fx_buf *in);
void fx_lzma(struct fx_buf *out, const struct fx_buf *in);
void fx_bzip2(struct fx_buf *out, const struct fx_buf *in);
void fx_lz4_legacy(struct fx_buf *out, const struct fx_buf *in);
void fx_lz4_frame(struct fx_buf *out, const struct fx_buf *in);

/* A file holding the first len bytes of b, positioned at its start. The
 * FILE keeps it alive; fclose() removes it. */
FILE *fx_file(const struct fx_buf *b, size_t len);

/* A file holding the first len bytes of b, as a kernel source. */
struct fx_opened {
	FILE *f;
	struct source s;
};

void fx_open_buf(struct fx_opened *o, const struct fx_buf *b, size_t len);

/* kernel_read() on the whole of b, identified from its first 4 KiB. */
int fx_kernel_read(const struct fx_buf *b, struct kernel *k, struct diag *d);

/* kernel_read() then kernel_contains(); -2 when b is no kernel. */
int fx_kernel_contains(const struct fx_buf *b, const char *needle,
		       struct diag *d);

/* Register one suite of tests and run it; returns the exit status. */
struct fx_test {
	const char *name;
	void (*fn)(void);
};
int fx_run(const char *suite, const struct fx_test *tests);

#endif
