/* SPDX-License-Identifier: MIT */
/*
 * The initramfs walker on buffers laid out as boot loaders and
 * distributions make them: early cpio, compressed streams, zero padding,
 * and the layouts the kernel rejects, each with its exact reason.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "initramfs.h"

typedef void (*compress_fn)(struct fx_buf *out, const struct fx_buf *in);

static struct initramfs ird;

/*
 * Walk the first len bytes of b, the reader asking read(2) for at most
 * read_max bytes at a time (0: all its room); initramfs_walk()'s result.
 */
static int walk_reads(const struct fx_buf *b, size_t len, size_t read_max)
{
	FILE *f = fx_file(b, len);
	struct reader_file rf = { .name = "test", .fd = fileno(f) };
	struct reader r;
	int ret;

	reader_init(&r, &rf, 1);
	r.read_max = read_max;
	ret = initramfs_walk(&r, &ird, NULL, NULL);
	reader_free(&r);
	fclose(f);
	return ret;
}

static int walk_len(const struct fx_buf *b, size_t len)
{
	return walk_reads(b, len, 0);
}

static int walk(const struct fx_buf *b)
{
	return walk_len(b, b->len);
}

static void pad_to4(struct fx_buf *b)
{
	fx_zeros(b, (4 - b->len % 4) % 4);
}

/* E: a small early-microcode style archive, uncompressed. */
static unsigned make_early(struct fx_buf *b)
{
	static const char ucode[] = "GenuineIntel.bin contents";
	struct fx_entry d1 = { .name = "kernel", .mode = S_IFDIR | 0755 };
	struct fx_entry d2 = { .name = "kernel/x86", .mode = S_IFDIR | 0755 };
	struct fx_entry f = { .name = "kernel/x86/microcode/GenuineIntel.bin",
			      .mode = S_IFREG | 0644, .data = ucode,
			      .size = sizeof(ucode) - 1 };

	fx_cpio_entry(b, &d1);
	fx_cpio_entry(b, &d2);
	fx_cpio_entry(b, &f);
	fx_cpio_trailer(b);
	return 3;
}

static void test_initramfs_every_compression(void)
{
	static const struct { compress_fn fn; enum comp c; } codecs[] = {
		{ fx_gzip, COMP_GZIP }, { fx_bzip2, COMP_BZIP2 },
		{ fx_lzma, COMP_LZMA }, { fx_xz, COMP_XZ },
		{ fx_lz4_legacy, COMP_LZ4 }, { fx_zstd, COMP_ZSTD },
	};
	struct fx_buf m = { 0 };
	unsigned n = fx_cpio_sample(&m, "m", 40, true), i;

	for (i = 0; i < ARRAY_SIZE(codecs); i++) {
		struct fx_buf b = { 0 };

		codecs[i].fn(&b, &m);
		CU_ASSERT_EQUAL(walk(&b), 0);
		CU_ASSERT_EQUAL(ird.nsegs, 1);
		CU_ASSERT_EQUAL(ird.seg[0].comp, codecs[i].c);
		CU_ASSERT_EQUAL(ird.seg[0].length, b.len);
		CU_ASSERT_EQUAL(ird.seg[0].ulen, m.len);
		CU_ASSERT_EQUAL(ird.ulen, m.len);
		CU_ASSERT_EQUAL(ird.size, b.len);
		CU_ASSERT_EQUAL(ird.entries, n);
		CU_ASSERT_EQUAL(ird.narcs, 1);
		fx_free(&b);
	}
	fx_free(&m);
}

/*
 * Each decoder must stop exactly at its stream's end however the input
 * arrives, including the gzip decoder that reads ahead and hands bytes
 * back: two streams, zero padding between, read in pieces of every size
 * around a decoder's look-ahead.
 */
static void test_initramfs_stream_end_any_reads(void)
{
	static const compress_fn codecs[] = {
		fx_gzip, fx_bzip2, fx_lzma, fx_xz, fx_lz4_legacy, fx_zstd,
	};
	static const size_t reads[] = { 1, 2, 3, 5, 7, 8, 9, 13, 4093, 0 };
	struct fx_buf m = { 0 };
	size_t i, j;

	fx_cpio_sample(&m, "m", 12, true);
	for (i = 0; i < ARRAY_SIZE(codecs); i++) {
		struct fx_buf b = { 0 };
		size_t first;

		codecs[i](&b, &m);
		first = b.len;
		fx_zeros(&b, 8 + (4 - first % 4) % 4);
		codecs[i](&b, &m);

		for (j = 0; j < ARRAY_SIZE(reads); j++) {
			CU_ASSERT_EQUAL(walk_reads(&b, b.len, reads[j]), 0);
			CU_ASSERT_EQUAL(ird.nsegs, 2);
			CU_ASSERT_EQUAL(ird.seg[0].length, first);
			CU_ASSERT_EQUAL(ird.seg[1].offset, b.len - first);
			CU_ASSERT_EQUAL(ird.seg[1].length, first);
			CU_ASSERT_EQUAL(ird.ulen, 2 * m.len);
		}
		fx_free(&b);
	}
	fx_free(&m);
}

/* E, then gzip(M): two segments, all entries of both. */
static void test_initramfs_early_then_gzip(void)
{
	struct fx_buf b = { 0 }, m = { 0 };
	unsigned ne = make_early(&b), nm = fx_cpio_sample(&m, "m", 9, true);
	size_t early = b.len;

	fx_gzip(&b, &m);
	CU_ASSERT_EQUAL(walk(&b), 0);
	CU_ASSERT_EQUAL(ird.nsegs, 2);
	CU_ASSERT_EQUAL(ird.seg[0].comp, COMP_NONE);
	CU_ASSERT_EQUAL(ird.seg[0].length, early);
	CU_ASSERT_EQUAL(ird.seg[0].entries, ne);
	CU_ASSERT_EQUAL(ird.seg[1].offset, early);
	CU_ASSERT_EQUAL(ird.seg[1].comp, COMP_GZIP);
	CU_ASSERT_EQUAL(ird.seg[1].entries, nm);
	CU_ASSERT_EQUAL(ird.entries, ne + nm);
	CU_ASSERT_EQUAL(ird.ulen, early + m.len);
	CU_ASSERT_EQUAL(ird.narcs, 2);
	CU_ASSERT_EQUAL(ird.arc[0].end, early);
	fx_free(&b);
	fx_free(&m);
}

/* E, zstd(M), then X at a 4-byte-aligned offset: three segments. */
static void test_initramfs_early_zstd_plain(void)
{
	struct fx_buf b = { 0 }, m = { 0 };
	unsigned ne = make_early(&b), nm = fx_cpio_sample(&m, "m", 5, true);
	unsigned nx;
	size_t zend, xoff;

	fx_zstd(&b, &m);
	zend = b.len;
	pad_to4(&b);
	xoff = b.len;
	nx = fx_cpio_sample(&b, "x", 3, true);
	CU_ASSERT_EQUAL(walk(&b), 0);
	CU_ASSERT_EQUAL(ird.nsegs, 3);
	CU_ASSERT_EQUAL(ird.seg[1].comp, COMP_ZSTD);
	CU_ASSERT_EQUAL(ird.seg[1].offset + ird.seg[1].length, zend);
	CU_ASSERT_EQUAL(ird.seg[2].comp, COMP_NONE);
	CU_ASSERT_EQUAL(ird.seg[2].offset, xoff);
	CU_ASSERT_EQUAL(ird.seg[2].length, b.len - xoff);
	CU_ASSERT_EQUAL(ird.entries, ne + nm + nx);
	CU_ASSERT_EQUAL(ird.padding, xoff - zend);
	fx_free(&b);
	fx_free(&m);
}

/* lz4(M), four zero bytes, lz4(X): two segments. */
static void test_initramfs_lz4_zero_lz4(void)
{
	struct fx_buf b = { 0 }, m = { 0 }, x = { 0 };
	unsigned nm = fx_cpio_sample(&m, "m", 6, true);
	unsigned nx = fx_cpio_sample(&x, "x", 4, true);
	size_t first;

	fx_lz4_legacy(&b, &m);
	first = b.len;
	fx_zeros(&b, 4);
	fx_lz4_legacy(&b, &x);
	CU_ASSERT_EQUAL(walk(&b), 0);
	CU_ASSERT_EQUAL(ird.nsegs, 2);
	CU_ASSERT_EQUAL(ird.seg[0].length, first);
	CU_ASSERT_EQUAL(ird.seg[1].offset, first + 4);
	CU_ASSERT_EQUAL(ird.entries, nm + nx);
	CU_ASSERT_EQUAL(ird.ulen, m.len + x.len);
	fx_free(&b);
	fx_free(&m);
	fx_free(&x);
}

/* lz4(M) directly followed by gzip(X): the kernel's decoder fails. */
static void test_initramfs_lz4_then_gzip_fails(void)
{
	struct fx_buf b = { 0 }, m = { 0 }, x = { 0 };
	size_t lz4_end;

	fx_cpio_sample(&m, "m", 6, true);
	fx_cpio_sample(&x, "x", 4, true);
	fx_lz4_legacy(&b, &m);
	lz4_end = b.len;
	fx_gzip(&b, &x);
	CU_ASSERT_EQUAL(walk(&b), -1);
	CU_ASSERT_TRUE(ird.failed);
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.err.msg, "must be zero padding"));
	CU_ASSERT_EQUAL(ird.err.offset, lz4_end);
	CU_ASSERT_EQUAL(ird.entries, 6 + 2);	/* M was unpacked */
	fx_free(&b);
	fx_free(&m);
	fx_free(&x);
}

/* A gzip stream whose length is not a multiple of 4. */
static void gzip_unaligned(struct fx_buf *b, struct fx_buf *m)
{
	unsigned n = 3;

	for (;;) {
		b->len = 0;
		m->len = 0;
		fx_cpio_sample(m, "m", n++, true);
		fx_gzip(b, m);
		if (b->len % 4)
			return;
	}
}

static void test_initramfs_gzip_unaligned_cpio(void)
{
	struct fx_buf b = { 0 }, m = { 0 };
	size_t end;

	gzip_unaligned(&b, &m);
	end = b.len;
	fx_cpio_sample(&b, "x", 2, true);
	CU_ASSERT_EQUAL(walk(&b), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.err.msg, "not a multiple of 4"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.err.msg,
		"invalid magic at start of compressed archive"));
	CU_ASSERT_EQUAL(ird.err.offset, end);

	/* With the padding a boot loader or mkinitramfs adds: fine. */
	b.len = end;
	pad_to4(&b);
	fx_cpio_sample(&b, "x", 2, true);
	CU_ASSERT_EQUAL(walk(&b), 0);
	CU_ASSERT_EQUAL(ird.nsegs, 2);
	fx_free(&b);
	fx_free(&m);
}

static void test_initramfs_lz4_frame_unbootable(void)
{
	struct fx_buf b = { 0 }, m = { 0 };
	unsigned n = fx_cpio_sample(&m, "m", 8, true);

	fx_lz4_frame(&b, &m);
	CU_ASSERT_EQUAL(walk(&b), -1);
	CU_ASSERT_FALSE(ird.failed);
	CU_ASSERT_TRUE(ird.unbootable);
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.boot_err.msg, "lz4 -l"));
	CU_ASSERT_EQUAL(ird.entries, n);	/* still listed */
	CU_ASSERT_EQUAL(ird.seg[0].comp, COMP_LZ4F);
	fx_free(&b);
	fx_free(&m);
}

static void test_initramfs_odc_rejected(void)
{
	struct fx_buf b = { 0 };

	fx_cpio_sample(&b, "m", 2, true);
	memcpy(b.p, "070707", 6);
	CU_ASSERT_EQUAL(walk(&b), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.err.msg, "use -H newc option"));
	CU_ASSERT_EQUAL(ird.err.offset, 0);
	fx_free(&b);
}

static void test_initramfs_binary_cpio_rejected(void)
{
	struct fx_buf b = { 0 };

	fx_put(&b, "\xc7\x71\x00\x00", 4);
	fx_zeros(&b, 60);
	CU_ASSERT_EQUAL(walk(&b), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.err.msg, "binary cpio"));
	fx_free(&b);
}

/* Several archives inside one stream, and an archive across two streams. */
static void test_initramfs_archives_and_streams(void)
{
	struct fx_buf b = { 0 }, m = { 0 }, base = { 0 }, suffix = { 0 };

	fx_cpio_sample(&m, "a", 2, true);
	fx_zeros(&m, 8);
	fx_cpio_sample(&m, "b", 3, true);
	fx_gzip(&b, &m);
	CU_ASSERT_EQUAL(walk(&b), 0);
	CU_ASSERT_EQUAL(ird.nsegs, 1);
	CU_ASSERT_EQUAL(ird.narcs, 2);
	CU_ASSERT_EQUAL(ird.ulen, m.len);

	/*
	 * ktstr: base without a trailer, then suffix with one. A repeated
	 * LZ4 magic continues the stream: one segment, one archive.
	 */
	b.len = 0;
	fx_cpio_sample(&base, "base", 4, false);
	fx_cpio_trailer(&suffix);
	fx_zeros(&suffix, 512 - (base.len + suffix.len) % 512);
	fx_lz4_legacy(&b, &base);
	fx_lz4_legacy(&b, &suffix);
	CU_ASSERT_EQUAL(walk(&b), 0);
	CU_ASSERT_EQUAL(ird.nsegs, 1);
	CU_ASSERT_EQUAL(ird.narcs, 1);
	CU_ASSERT_EQUAL(ird.ulen % 512, 0);

	/* With padding between them: two segments, still one archive. */
	b.len = 0;
	fx_lz4_legacy(&b, &base);
	fx_zeros(&b, 4);
	fx_lz4_legacy(&b, &suffix);
	CU_ASSERT_EQUAL(walk(&b), 0);
	CU_ASSERT_EQUAL(ird.nsegs, 2);
	CU_ASSERT_EQUAL(ird.narcs, 1);
	CU_ASSERT_EQUAL(ird.arc[0].first_seg, 0);
	CU_ASSERT_EQUAL(ird.arc[0].last_seg, 1);
	CU_ASSERT_EQUAL(ird.arc[0].entries, 4 + 2);
	fx_free(&b);
	fx_free(&m);
	fx_free(&base);
	fx_free(&suffix);
}

static void test_initramfs_stream_ends_inside_entry(void)
{
	struct fx_buf b = { 0 }, m = { 0 };

	fx_cpio_sample(&m, "m", 4, true);
	m.len -= 10;		/* cut inside the trailer's name */
	fx_zstd(&b, &m);
	CU_ASSERT_EQUAL(walk(&b), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.err.msg,
		"junk at the end of compressed archive"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.err.msg, "cpio entry name, 10 bytes short"));
	fx_free(&b);
	fx_free(&m);
}

static void test_initramfs_junk_within_stream(void)
{
	struct fx_buf b = { 0 }, m = { 0 };

	fx_cpio_sample(&m, "m", 2, true);
	fx_put(&m, "JUNK", 4);
	fx_xz(&b, &m);
	CU_ASSERT_EQUAL(walk(&b), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.err.msg,
		"junk within compressed archive"));
	fx_free(&b);
	fx_free(&m);
}

/*
 * The kernel starts in state Start: the first bytes out of a leading stream
 * must be a header, NULs included, and an empty stream leaves it short.
 */
static void test_initramfs_leading_stream_starts_header(void)
{
	struct fx_buf b = { 0 }, m = { 0 };

	fx_gzip(&b, &m);			/* empty */
	CU_ASSERT_EQUAL(walk(&b), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.err.msg,
		"junk at the end of compressed archive"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.err.msg, "before any cpio data"));

	b.len = 0;
	fx_zeros(&m, 4);
	fx_cpio_sample(&m, "m", 2, true);
	fx_gzip(&b, &m);
	CU_ASSERT_EQUAL(walk(&b), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(ird.err.msg, "no cpio magic (00 00 00 00 "
				      "30 37)"));

	/* After an uncompressed entry the same stream is fine. */
	b.len = 0;
	make_early(&b);
	fx_gzip(&b, &m);
	CU_ASSERT_EQUAL(walk(&b), 0);
	fx_free(&b);
	fx_free(&m);
}

static void test_initramfs_unknown_magic(void)
{
	struct fx_buf b = { 0 };

	fx_put(&b, "PK\x03\x04", 4);
	CU_ASSERT_EQUAL(walk(&b), -1);
	CU_ASSERT_STRING_EQUAL(ird.err.msg, "invalid magic at start of "
			       "compressed archive: 50 4b");
	fx_free(&b);
}

/*
 * Every layout cut at many points: an error, never a crash, the entries
 * before the cut counted, and nothing counted past it.
 */
static void truncate_everywhere(const struct fx_buf *b, unsigned entries)
{
	size_t len;

	for (len = 1; len < b->len; len += 1 + len / 16) {
		int ret = walk_len(b, len);

		CU_ASSERT_TRUE(ird.entries <= entries);
		if (ret == 0)	/* a cut inside trailing padding is fine */
			continue;
		CU_ASSERT_TRUE(ird.failed);
		CU_ASSERT_TRUE(ird.err.msg[0] != '\0');
	}
}

static void test_initramfs_truncated_everywhere(void)
{
	static const compress_fn fns[] = {
		fx_gzip, fx_bzip2, fx_lzma, fx_xz, fx_lz4_legacy, fx_zstd,
	};
	struct fx_buf m = { 0 };
	unsigned n = fx_cpio_sample(&m, "m", 12, true), i;

	truncate_everywhere(&m, n);
	for (i = 0; i < ARRAY_SIZE(fns); i++) {
		struct fx_buf b = { 0 };
		unsigned ne = make_early(&b);

		fns[i](&b, &m);
		truncate_everywhere(&b, ne + n);
		fx_free(&b);
	}
	fx_free(&m);
}

static void test_initramfs_truncated_plain_message(void)
{
	struct fx_buf b = { 0 };
	unsigned n = make_early(&b);

	/* Entries of 120, 124 and 176 bytes: cut in the second header. */
	CU_ASSERT_EQUAL(walk_len(&b, 200), -1);
	CU_ASSERT_EQUAL(ird.entries, 1);
	CU_ASSERT_STRING_EQUAL(ird.err.msg, "truncated cpio header, 80 of "
			       "110 bytes there (the kernel stops there "
			       "without a word, the rest missing)");
	CU_ASSERT_EQUAL(ird.err.offset, 120);

	/* Cut in the third entry's data. */
	CU_ASSERT_EQUAL(walk_len(&b, 400), -1);
	CU_ASSERT_EQUAL(ird.entries, n - 1);
	CU_ASSERT_STRING_EQUAL(ird.err.msg, "truncated cpio entry kernel/x86/"
			       "microcode/GenuineIntel.bin, 20 bytes short (the "
			       "kernel stops there without a word, the rest "
			       "missing)");
	CU_ASSERT_EQUAL(ird.err.offset, 244);
	fx_free(&b);
}

/* Two files as GRUB loads them: the second from a 4-byte boundary. */
static void test_initramfs_two_files_padded(void)
{
	struct fx_buf a = { 0 }, m = { 0 }, c = { 0 };
	FILE *fa, *fc;
	struct reader_file rf[2];
	struct reader r;

	fx_cpio_sample(&m, "m", 3, true);
	gzip_unaligned(&a, &m);
	fx_cpio_sample(&c, "c", 2, true);
	fa = fx_file(&a, a.len);
	fc = fx_file(&c, c.len);
	rf[0] = (struct reader_file){ .name = "a", .fd = fileno(fa) };
	rf[1] = (struct reader_file){ .name = "c", .fd = fileno(fc) };
	reader_init(&r, rf, 2);
	CU_ASSERT_EQUAL(initramfs_walk(&r, &ird, NULL, NULL), 0);
	CU_ASSERT_EQUAL(ird.nsegs, 2);
	CU_ASSERT_EQUAL(ird.seg[1].offset, (a.len + 3) / 4 * 4);
	CU_ASSERT_EQUAL(ird.size, (a.len + 3) / 4 * 4 + c.len);
	CU_ASSERT_EQUAL(rf[0].size, a.len);
	CU_ASSERT_EQUAL(rf[1].size, c.len);
	reader_free(&r);
	fclose(fa);
	fclose(fc);
	fx_free(&a);
	fx_free(&m);
	fx_free(&c);
}

int main(void)
{
	static const struct fx_test tests[] = {
		{ "test_initramfs_every_compression",
		  test_initramfs_every_compression },
		{ "test_initramfs_stream_end_any_reads",
		  test_initramfs_stream_end_any_reads },
		{ "test_initramfs_early_then_gzip",
		  test_initramfs_early_then_gzip },
		{ "test_initramfs_early_zstd_plain",
		  test_initramfs_early_zstd_plain },
		{ "test_initramfs_lz4_zero_lz4", test_initramfs_lz4_zero_lz4 },
		{ "test_initramfs_lz4_then_gzip_fails",
		  test_initramfs_lz4_then_gzip_fails },
		{ "test_initramfs_gzip_unaligned_cpio",
		  test_initramfs_gzip_unaligned_cpio },
		{ "test_initramfs_lz4_frame_unbootable",
		  test_initramfs_lz4_frame_unbootable },
		{ "test_initramfs_odc_rejected", test_initramfs_odc_rejected },
		{ "test_initramfs_binary_cpio_rejected",
		  test_initramfs_binary_cpio_rejected },
		{ "test_initramfs_archives_and_streams",
		  test_initramfs_archives_and_streams },
		{ "test_initramfs_stream_ends_inside_entry",
		  test_initramfs_stream_ends_inside_entry },
		{ "test_initramfs_junk_within_stream",
		  test_initramfs_junk_within_stream },
		{ "test_initramfs_leading_stream_starts_header",
		  test_initramfs_leading_stream_starts_header },
		{ "test_initramfs_unknown_magic", test_initramfs_unknown_magic },
		{ "test_initramfs_truncated_everywhere",
		  test_initramfs_truncated_everywhere },
		{ "test_initramfs_truncated_plain_message",
		  test_initramfs_truncated_plain_message },
		{ "test_initramfs_two_files_padded",
		  test_initramfs_two_files_padded },
		{ NULL, NULL },
	};

	return fx_run("initramfs", tests);
}
