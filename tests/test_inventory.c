/* SPDX-License-Identifier: MIT */
/*
 * The initramfs inventory: counts by kind per segment, hard links as
 * init/initramfs.c makes them, duplicate paths, tmpfs pages, the largest
 * files, microcode, module trees, the generator, /init, and the entries the
 * kernel skips.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cpio.h"
#include "fixture.h"
#include "inventory.h"

#define M_REG	(S_IFREG | 0644)
#define M_EXE	(S_IFREG | 0755)
#define M_DIR	(S_IFDIR | 0755)
#define M_LNK	(S_IFLNK | 0777)
#define M_CHR	(S_IFCHR | 0600)
#define M_BLK	(S_IFBLK | 0660)
#define M_FIFO	(S_IFIFO | 0600)
#define M_SOCK	(S_IFSOCK | 0755)

static struct inventory inv;

/* The entry last added; an inv_entry's path points into its name. */
static struct cpio_entry cur;

/* Start cur as a one-name entry of mode and size, no device, ino 0. */
static void fill(const char *name, uint32_t mode, uint32_t size)
{
	memset(&cur, 0, sizeof(cur));
	snprintf(cur.name, sizeof(cur.name), "%s", name);
	cur.mode = mode;
	cur.filesize = size;
	cur.nlink = 1;
}

static struct inv_entry put(size_t seg)
{
	struct inv_entry ie;

	inventory_add(&inv, seg, &cur, &ie);
	return ie;
}

static struct inv_entry add(size_t seg, const char *name, uint32_t mode,
			    uint32_t size)
{
	fill(name, mode, size);
	return put(seg);
}

/* A name of inode ino (device 0:0) that has nlink names, in segment 0. */
static struct inv_entry add_ino(const char *name, uint32_t mode,
				uint32_t ino, uint32_t nlink, uint32_t size)
{
	fill(name, mode, size);
	cur.ino = ino;
	cur.nlink = nlink;
	return put(0);
}

static struct inv_entry add_symlink(size_t seg, const char *name,
				    const char *target)
{
	fill(name, M_LNK, (uint32_t)strlen(target));
	snprintf(cur.target, sizeof(cur.target), "%s", target);
	return put(seg);
}

static void add_trailer(size_t seg)
{
	fill("TRAILER!!!", 0, 0);
	cur.trailer = true;
	put(seg);
}

/* Assert the counts by kind, in the order of enum inv_kind. */
static void expect_kinds(const struct inv_counts *c, uint64_t reg,
			 uint64_t dir, uint64_t lnk, uint64_t dev,
			 uint64_t fifo, uint64_t hard, uint64_t other)
{
	CU_ASSERT_EQUAL(c->n[INV_REGULAR], reg);
	CU_ASSERT_EQUAL(c->n[INV_DIRECTORY], dir);
	CU_ASSERT_EQUAL(c->n[INV_SYMLINK], lnk);
	CU_ASSERT_EQUAL(c->n[INV_DEVICE], dev);
	CU_ASSERT_EQUAL(c->n[INV_FIFO_SOCKET], fifo);
	CU_ASSERT_EQUAL(c->n[INV_HARDLINK], hard);
	CU_ASSERT_EQUAL(c->n[INV_OTHER], other);
}

/* Assert file data and the pages for 4K, 16K and 64K. */
static void expect_data(const struct inv_counts *c, uint64_t bytes,
			uint64_t p4k, uint64_t p16k, uint64_t p64k)
{
	CU_ASSERT_EQUAL(c->data_bytes, bytes);
	CU_ASSERT_EQUAL(c->pages[0], p4k);
	CU_ASSERT_EQUAL(c->pages[1], p16k);
	CU_ASSERT_EQUAL(c->pages[2], p64k);
}

/* Entries parsed from a newc archive go to the inventory in segment seg. */
struct parsed {
	size_t seg;
	unsigned n;
	enum inv_kind kind[16];
};

static int to_inventory(void *ctx, const struct cpio_entry *e)
{
	struct parsed *s = ctx;
	struct inv_entry ie;

	inventory_add(&inv, s->seg, e, &ie);
	if (s->n < ARRAY_SIZE(s->kind))
		s->kind[s->n] = ie.kind;
	s->n++;
	return 0;
}

static void parse(struct parsed *s, const struct fx_buf *b)
{
	struct cpio p;

	cpio_init(&p, to_inventory, s);
	CU_ASSERT_EQUAL(cpio_feed(&p, b->p, b->len, false), b->len);
	CU_ASSERT_FALSE(p.failed);
	CU_ASSERT_TRUE(cpio_at_boundary(&p));
}

/* Write a newc entry; data NULL means size zero bytes. */
static void fx_add(struct fx_buf *b, const char *name, uint32_t mode,
		   const char *data, uint32_t size)
{
	static const char zeros[8192];
	struct fx_entry f = { .name = name, .mode = mode, .size = size,
			      .data = data ? data : zeros };

	fx_cpio_entry(b, &f);
}

static void fx_add_ino(struct fx_buf *b, const char *name, uint32_t ino,
		       uint32_t nlink, uint32_t size)
{
	static const char zeros[8192];
	struct fx_entry f = { .name = name, .mode = M_REG, .size = size,
			      .data = zeros, .ino = ino, .nlink = nlink };

	fx_cpio_entry(b, &f);
}

/* --- counts by kind --- */

/* Segment 0 holds one entry of every kind; segment 1 a directory, two
 * files. Each ends with a trailer, which is no entry. */
static void write_kinds(struct fx_buf *b0, struct fx_buf *b1)
{
	struct fx_entry con = { .name = "dev/console", .mode = M_CHR,
				.rdevmajor = 5, .rdevminor = 1 };

	fx_add(b0, ".", M_DIR, NULL, 0);
	fx_add(b0, "etc", M_DIR, NULL, 0);
	fx_add(b0, "etc/hostname", M_REG, "box01\n", 6);
	fx_add(b0, "bin", M_LNK, "usr/bin", 7);
	fx_cpio_entry(b0, &con);
	fx_add(b0, "dev/sda", M_BLK, NULL, 0);
	fx_add(b0, "run/initctl", M_FIFO, NULL, 0);
	fx_add(b0, "run/log.sock", M_SOCK, NULL, 0);
	fx_add(b0, "weird", 0644, NULL, 0);	/* no file type */
	fx_cpio_trailer(b0);

	fx_add(b1, "lib", M_DIR, NULL, 0);
	fx_add(b1, "lib/a", M_REG, NULL, 4096);
	fx_add(b1, "lib/b", M_REG, NULL, 1);
	fx_cpio_trailer(b1);
}

static void test_inventory_kinds_two_segments(void)
{
	struct fx_buf b0 = { 0 }, b1 = { 0 };
	struct parsed s0 = { .seg = 0 }, s1 = { .seg = 1 };

	write_kinds(&b0, &b1);
	inventory_init(&inv);
	parse(&s0, &b0);
	parse(&s1, &b1);
	CU_ASSERT_EQUAL(s0.n, 10);	/* 9 entries and the trailer */
	CU_ASSERT_EQUAL(s1.n, 4);
	CU_ASSERT_EQUAL(s0.kind[8], INV_OTHER);
	CU_ASSERT_EQUAL(inv.nsegs, 2);

	/* reg 1, dir 2 (. etc), symlink 1, chr + blk, fifo + sock, other */
	expect_kinds(&inv.seg[0], 1, 2, 1, 2, 2, 0, 1);
	CU_ASSERT_EQUAL(inv.seg[0].entries, 9);
	expect_kinds(&inv.seg[1], 2, 1, 0, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(inv.seg[1].entries, 3);
	expect_kinds(&inv.total, 3, 3, 1, 2, 2, 0, 1);
	CU_ASSERT_EQUAL(inv.total.entries, 12);	/* 9 + 3 */

	/* Data: 6 bytes in segment 0; 4096 + 1 = 4097 in segment 1. The
	 * 7-byte symlink target is no file data and takes no page. */
	expect_data(&inv.seg[0], 6, 4096, 16384, 65536);
	/* 4096 rounds to 4096/16384/65536, 1 byte to one page more. */
	expect_data(&inv.seg[1], 4097, 8192, 32768, 131072);
	expect_data(&inv.total, 4103, 12288, 49152, 196608);
	CU_ASSERT_FALSE(inv.failed);
	inventory_free(&inv);
	fx_free(&b0);
	fx_free(&b1);
}

static void test_inventory_kinds_sparse_segments(void)
{
	inventory_init(&inv);
	add(2, "a", M_REG, 10);
	add(2, "d", M_DIR, 0);
	CU_ASSERT_EQUAL(inv.nsegs, 3);	/* segment 2, + 1 */
	CU_ASSERT_EQUAL(inv.seg[0].entries, 0);
	CU_ASSERT_EQUAL(inv.seg[1].entries, 0);
	CU_ASSERT_EQUAL(inv.seg[2].entries, 2);
	expect_kinds(&inv.seg[2], 1, 1, 0, 0, 0, 0, 0);
	expect_kinds(&inv.total, 1, 1, 0, 0, 0, 0, 0);
	expect_data(&inv.seg[2], 10, 4096, 16384, 65536);
	inventory_free(&inv);
}

static void test_inventory_kinds_trailer_not_counted(void)
{
	inventory_init(&inv);
	add_trailer(0);
	add_trailer(1);
	CU_ASSERT_EQUAL(inv.total.entries, 0);
	CU_ASSERT_EQUAL(inv.nsegs, 0);
	expect_kinds(&inv.total, 0, 0, 0, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(inv.paths.len, 0);
	inventory_free(&inv);
}

/* --- hard links --- */

/* GNU cpio: every name but the last has size 0; the last carries data. */
static void test_inventory_hardlink_gnu_style(void)
{
	struct inv_entry a, b, c;

	inventory_init(&inv);
	a = add_ino("./a", M_REG, 5, 3, 0);
	CU_ASSERT_EQUAL(a.kind, INV_REGULAR);
	CU_ASSERT_PTR_NULL(a.hardlink_of);
	b = add_ino("/b", M_REG, 5, 3, 0);
	CU_ASSERT_EQUAL(b.kind, INV_HARDLINK);
	CU_ASSERT_STRING_EQUAL(b.path, "b");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b.hardlink_of);
	CU_ASSERT_STRING_EQUAL(b.hardlink_of, "a");
	c = add_ino("c", M_REG, 5, 3, 100);
	CU_ASSERT_EQUAL(c.kind, INV_HARDLINK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c.hardlink_of);
	CU_ASSERT_STRING_EQUAL(c.hardlink_of, "a");
	CU_ASSERT_FALSE(c.duplicate);

	/* One regular file, two later names; 100 bytes counted once. */
	expect_kinds(&inv.total, 1, 0, 0, 0, 0, 2, 0);
	expect_kinds(&inv.seg[0], 1, 0, 0, 0, 0, 2, 0);
	CU_ASSERT_EQUAL(inv.total.entries, 3);
	expect_data(&inv.total, 100, 4096, 16384, 65536);
	expect_data(&inv.seg[0], 100, 4096, 16384, 65536);
	CU_ASSERT_EQUAL(inv.duplicates, 0);
	CU_ASSERT_FALSE(inv.failed);
	inventory_free(&inv);
}

/* Every name carries the data: the inode is truncated to each non-empty
 * size in turn, so it holds the last one. */
static void test_inventory_hardlink_all_names_data(void)
{
	inventory_init(&inv);
	/* Group 1: 5000 and 5000: one inode of 5000 bytes. */
	add_ino("x", M_REG, 9, 2, 5000);
	CU_ASSERT_EQUAL(add_ino("y", M_REG, 9, 2, 5000).kind, INV_HARDLINK);
	expect_data(&inv.total, 5000, 8192, 16384, 65536);

	/* Group 2: 5000, then 100, then 0 (keeps 100): 100 bytes. */
	add_ino("p", M_REG, 10, 3, 5000);
	add_ino("q", M_REG, 10, 3, 100);
	add_ino("r", M_REG, 10, 3, 0);
	/* 5000 + 100 = 5100; 4K: 8192 + 4096; 16K: 2 * 16384;
	 * 64K: 2 * 65536. */
	expect_data(&inv.total, 5100, 12288, 32768, 131072);
	expect_data(&inv.seg[0], 5100, 12288, 32768, 131072);
	expect_kinds(&inv.total, 2, 0, 0, 0, 0, 3, 0);
	CU_ASSERT_FALSE(inv.failed);
	inventory_free(&inv);
}

static void test_inventory_hardlink_reset_at_trailer(void)
{
	struct inv_entry b, c;

	inventory_init(&inv);
	add_ino("a", M_REG, 4, 2, 10);
	add_trailer(0);
	b = add_ino("b", M_REG, 4, 2, 10);
	CU_ASSERT_EQUAL(b.kind, INV_REGULAR);	/* a new group */
	CU_ASSERT_PTR_NULL(b.hardlink_of);
	c = add_ino("c", M_REG, 4, 2, 10);
	CU_ASSERT_EQUAL(c.kind, INV_HARDLINK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c.hardlink_of);
	CU_ASSERT_STRING_EQUAL(c.hardlink_of, "b");
	/* Two inodes of 10 bytes: 20 bytes, one page each. */
	expect_kinds(&inv.total, 2, 0, 0, 0, 0, 1, 0);
	expect_data(&inv.total, 20, 8192, 32768, 131072);
	inventory_free(&inv);
}

static void test_inventory_hardlink_directories_never(void)
{
	struct inv_entry d2;

	inventory_init(&inv);
	add_ino("d1", M_DIR, 3, 2, 0);
	d2 = add_ino("d2", M_DIR, 3, 2, 0);
	CU_ASSERT_EQUAL(d2.kind, INV_DIRECTORY);
	CU_ASSERT_PTR_NULL(d2.hardlink_of);
	expect_kinds(&inv.total, 0, 2, 0, 0, 0, 0, 0);
	inventory_free(&inv);
}

static void test_inventory_hardlink_nlink_one_separate(void)
{
	struct inv_entry f2;

	inventory_init(&inv);
	add_ino("f1", M_REG, 3, 1, 10);
	f2 = add_ino("f2", M_REG, 3, 1, 10);
	CU_ASSERT_EQUAL(f2.kind, INV_REGULAR);
	CU_ASSERT_PTR_NULL(f2.hardlink_of);
	/* Two files of 10 bytes. */
	expect_kinds(&inv.total, 2, 0, 0, 0, 0, 0, 0);
	expect_data(&inv.total, 20, 8192, 32768, 131072);
	inventory_free(&inv);
}

/* The file type is part of the key: a device and a file never link. */
static void test_inventory_hardlink_type_in_key(void)
{
	struct inv_entry e;

	inventory_init(&inv);
	add_ino("dev/x", M_CHR, 6, 2, 0);
	e = add_ino("y", M_REG, 6, 2, 1);
	CU_ASSERT_EQUAL(e.kind, INV_REGULAR);
	CU_ASSERT_PTR_NULL(e.hardlink_of);
	e = add_ino("dev/z", M_CHR, 6, 2, 0);
	CU_ASSERT_EQUAL(e.kind, INV_HARDLINK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e.hardlink_of);
	CU_ASSERT_STRING_EQUAL(e.hardlink_of, "dev/x");
	e = add_ino("w", M_REG, 6, 2, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e.hardlink_of);
	CU_ASSERT_STRING_EQUAL(e.hardlink_of, "y");
	e = add_ino("run/f", M_FIFO, 6, 2, 0);
	CU_ASSERT_EQUAL(e.kind, INV_FIFO_SOCKET);
	e = add_ino("run/g", M_FIFO, 6, 2, 0);
	CU_ASSERT_EQUAL(e.kind, INV_HARDLINK);
	/* Firsts: y, dev/x, run/f; later names: dev/z, w, run/g. */
	expect_kinds(&inv.total, 1, 0, 0, 1, 1, 3, 0);
	expect_data(&inv.total, 1, 4096, 16384, 65536);
	inventory_free(&inv);
}

static struct inv_entry add_on_dev(const char *name, uint32_t major,
				   uint32_t minor)
{
	fill(name, M_REG, 0);
	cur.ino = 6;
	cur.nlink = 2;
	cur.devmajor = major;
	cur.devminor = minor;
	return put(0);
}

/* The key holds the device numbers (devmajor, devminor) too. */
static void test_inventory_hardlink_device_in_key(void)
{
	struct inv_entry e;

	inventory_init(&inv);
	add_on_dev("a", 8, 1);
	CU_ASSERT_EQUAL(add_on_dev("b", 8, 2).kind, INV_REGULAR);
	CU_ASSERT_EQUAL(add_on_dev("c", 9, 1).kind, INV_REGULAR);
	e = add_on_dev("d", 8, 1);
	CU_ASSERT_EQUAL(e.kind, INV_HARDLINK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e.hardlink_of);
	CU_ASSERT_STRING_EQUAL(e.hardlink_of, "a");
	expect_kinds(&inv.total, 3, 0, 0, 0, 0, 1, 0);
	inventory_free(&inv);
}

/* The same through the parser: an archive as GNU cpio writes it. */
static void test_inventory_hardlink_parsed_archive(void)
{
	struct fx_buf b = { 0 };
	struct parsed s = { .seg = 0 };

	fx_add_ino(&b, "bin/busybox", 20, 3, 0);
	fx_add_ino(&b, "bin/sh", 20, 3, 0);
	fx_add_ino(&b, "bin/ls", 20, 3, 5000);
	fx_cpio_trailer(&b);
	fx_add_ino(&b, "sbin/init", 20, 2, 0);	/* after the trailer */
	fx_add_ino(&b, "bin/true", 20, 2, 10);
	inventory_init(&inv);
	parse(&s, &b);
	CU_ASSERT_EQUAL(s.n, 6);
	CU_ASSERT_EQUAL(s.kind[0], INV_REGULAR);
	CU_ASSERT_EQUAL(s.kind[1], INV_HARDLINK);
	CU_ASSERT_EQUAL(s.kind[2], INV_HARDLINK);
	CU_ASSERT_EQUAL(s.kind[4], INV_REGULAR);
	CU_ASSERT_EQUAL(s.kind[5], INV_HARDLINK);
	/* Inodes of 5000 and 10 bytes: 5010; 4K: 8192 + 4096;
	 * 16K: 2 * 16384; 64K: 2 * 65536. */
	expect_kinds(&inv.total, 2, 0, 0, 0, 0, 3, 0);
	expect_data(&inv.total, 5010, 12288, 32768, 131072);
	inventory_free(&inv);
	fx_free(&b);
}

/* --- data and pages --- */

static void test_inventory_pages_regular_sizes(void)
{
	inventory_init(&inv);
	add(0, "one", M_REG, 1);
	add(1, "page", M_REG, 4096);
	add(2, "empty", M_REG, 0);
	add(3, "more", M_REG, 4097);
	add(3, "d", M_DIR, 0);
	add(3, "c", M_CHR, 0);
	expect_data(&inv.seg[0], 1, 4096, 16384, 65536);
	expect_data(&inv.seg[1], 4096, 4096, 16384, 65536);
	expect_data(&inv.seg[2], 0, 0, 0, 0);
	/* 4097 bytes: two 4K pages, one 16K, one 64K. */
	expect_data(&inv.seg[3], 4097, 8192, 16384, 65536);
	/* 1 + 4096 + 0 + 4097 = 8194; 4K: 4096 + 4096 + 8192 = 16384;
	 * 16K: 3 * 16384; 64K: 3 * 65536. */
	expect_data(&inv.total, 8194, 16384, 49152, 196608);
	inventory_free(&inv);
}

/* A target and its NUL longer than SHORT_SYMLINK_LEN (128) take a page. */
static void test_inventory_pages_symlink_targets(void)
{
	static char t127[128], t128[129], t4095[4096];

	memset(t127, 'x', 127);
	memset(t128, 'y', 128);
	memset(t4095, 'z', 4095);
	inventory_init(&inv);
	add_symlink(0, "s127", t127);	/* 127 + 1 = 128: in the inode */
	add_symlink(1, "s128", t128);	/* 128 + 1 = 129 > 128: a page */
	add_symlink(2, "s4095", t4095);	/* 4096: still one page */
	add_symlink(3, "short", "x");
	expect_data(&inv.seg[0], 0, 0, 0, 0);
	expect_data(&inv.seg[1], 0, 4096, 16384, 65536);
	expect_data(&inv.seg[2], 0, 4096, 16384, 65536);
	expect_data(&inv.seg[3], 0, 0, 0, 0);
	/* Two pages of each size; targets are not file data. */
	expect_data(&inv.total, 0, 8192, 32768, 131072);
	expect_kinds(&inv.total, 0, 0, 4, 0, 0, 0, 0);
	inventory_free(&inv);
}

/* --- duplicate paths --- */

static void test_inventory_duplicate_path_forms(void)
{
	struct inv_entry a1, a2, a3;

	inventory_init(&inv);
	a1 = add(0, "./a", M_REG, 5000);
	CU_ASSERT_STRING_EQUAL(a1.path, "a");
	CU_ASSERT_FALSE(a1.duplicate);
	a2 = add(1, "/a", M_REG, 100);
	CU_ASSERT_STRING_EQUAL(a2.path, "a");
	CU_ASSERT_TRUE(a2.duplicate);
	a3 = add(2, "a", M_REG, 1);
	CU_ASSERT_TRUE(a3.duplicate);
	CU_ASSERT_EQUAL(inv.duplicates, 2);

	/* Only the last copy's 1 byte is left, in segment 2. */
	expect_data(&inv.seg[0], 0, 0, 0, 0);
	expect_data(&inv.seg[1], 0, 0, 0, 0);
	expect_data(&inv.seg[2], 1, 4096, 16384, 65536);
	expect_data(&inv.total, 1, 4096, 16384, 65536);
	/* Every copy is an entry. */
	CU_ASSERT_EQUAL(inv.total.entries, 3);
	CU_ASSERT_EQUAL(inv.seg[0].entries, 1);
	inventory_free(&inv);
}

static void test_inventory_duplicate_other_kind(void)
{
	static char target[201];

	memset(target, 't', 200);
	inventory_init(&inv);
	add_symlink(0, "x", target);	/* 200 + 1 > 128: a page */
	add(0, "x", M_REG, 0);
	add(0, "y", M_REG, 5000);
	add_symlink(1, "./y", "short");
	/* The page of x's target and y's 5000 bytes are gone. */
	expect_data(&inv.total, 0, 0, 0, 0);
	expect_data(&inv.seg[0], 0, 0, 0, 0);
	CU_ASSERT_EQUAL(inv.duplicates, 2);
	expect_kinds(&inv.total, 2, 0, 2, 0, 0, 0, 0);
	inventory_free(&inv);
}

/* A symlink is never linked by the kernel, whatever its nlink: a later
 * copy of its path replaces it like any other. */
static void test_inventory_duplicate_symlink_nlink2(void)
{
	static char target[201];

	memset(target, 't', 200);
	inventory_init(&inv);
	fill("s", M_LNK, 200);		/* 200 + 1 > 128: a page */
	snprintf(cur.target, sizeof(cur.target), "%s", target);
	cur.ino = 7;
	cur.nlink = 2;
	CU_ASSERT_EQUAL(put(0).kind, INV_SYMLINK);
	add(1, "s", M_REG, 0);		/* replaces s: its page goes */
	CU_ASSERT_EQUAL(inv.duplicates, 1);
	expect_data(&inv.total, 0, 0, 0, 0);
	expect_data(&inv.seg[0], 0, 0, 0, 0);
	inventory_free(&inv);
}

/* A file whose nlink says 2 but has one name here, later replaced by an
 * nlink-1 copy: the kernel opens the path with O_TRUNC, so only the later
 * data remain. */
static void test_inventory_duplicate_replaces_nlink2_file(void)
{
	inventory_init(&inv);
	add_ino("a", M_REG, 3, 2, 100);
	add_trailer(0);
	add(1, "a", M_REG, 10);
	CU_ASSERT_EQUAL(inv.duplicates, 1);
	expect_data(&inv.total, 10, 4096, 16384, 65536);
	expect_data(&inv.seg[0], 0, 0, 0, 0);
	expect_data(&inv.seg[1], 10, 4096, 16384, 65536);
	inventory_free(&inv);
}

/* Assert that path is listed with copies copies, the last in seg. */
static void expect_dup(const struct inv_dup *d, size_t n, const char *path,
		       uint32_t copies, size_t seg)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(d[i].path, path) == 0)
			break;
	CU_ASSERT_TRUE_FATAL(i < n);
	if (i == n)
		return;
	CU_ASSERT_EQUAL(d[i].copies, copies);
	CU_ASSERT_EQUAL(d[i].last_seg, seg);
}

static void test_inventory_duplicate_list(void)
{
	struct inv_dup d[8];
	size_t n;

	inventory_init(&inv);
	add(0, "etc/a", M_REG, 1);
	add(0, "etc/b", M_REG, 1);
	add(1, "./etc/a", M_REG, 2);
	add(3, "/etc/a", M_REG, 3);
	add(2, "etc/c", M_REG, 1);
	add(4, "etc/c", M_DIR, 0);
	add(5, "etc/d", M_REG, 1);
	CU_ASSERT_EQUAL(inv.duplicates, 3);	/* 2 of etc/a, 1 of etc/c */
	n = inventory_duplicates(&inv, d, ARRAY_SIZE(d));
	CU_ASSERT_EQUAL_FATAL(n, 2);
	expect_dup(d, n, "etc/a", 3, 3);
	expect_dup(d, n, "etc/c", 2, 4);
	/* At most max are listed. */
	CU_ASSERT_EQUAL(inventory_duplicates(&inv, d, 1), 1);
	CU_ASSERT_EQUAL(inventory_duplicates(&inv, d, 0), 0);
	/* Data left: etc/a 3, etc/b 1, etc/d 1 = 5 bytes, three pages. */
	expect_data(&inv.total, 5, 12288, 49152, 196608);
	inventory_free(&inv);
}

/* --- notable files --- */

static void test_inventory_largest_order_and_cap(void)
{
	static const unsigned sizes[] = {
		300, 1200, 100, 700, 0, 1100, 500, 200, 900, 1000, 400,
		800, 600,
	};
	char name[32];
	size_t i;

	inventory_init(&inv);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		snprintf(name, sizeof(name), "f%u", sizes[i]);
		add(0, name, M_REG, sizes[i]);
	}
	add(0, "d", M_DIR, 0);
	add_symlink(0, "s", "f1200");
	add(0, "tiny", M_REG, 50);	/* smaller than all ten */
	/* Twelve non-empty files, 100..1200: the ten are 1200..300. */
	inventory_finish(&inv);
	CU_ASSERT_EQUAL_FATAL(inv.nlargest, INV_LARGEST);
	for (i = 0; i < INV_LARGEST; i++) {
		unsigned want = 1200 - 100 * (unsigned)i;

		snprintf(name, sizeof(name), "f%u", want);
		CU_ASSERT_EQUAL(inv.largest[i].size, want);
		CU_ASSERT_STRING_EQUAL(inv.largest[i].path, name);
	}
	inventory_free(&inv);
}

/* The largest files are those left at the end, each inode once. */
static void test_inventory_largest_final_inodes(void)
{
	struct inv_entry ie;
	struct cpio_entry e;

	inventory_init(&inv);
	memset(&e, 0, sizeof(e));
	strcpy(e.name, "big");
	e.mode = S_IFREG | 0644;
	e.filesize = 9000;
	e.nlink = 1;
	inventory_add(&inv, 0, &e, &ie);
	e.filesize = 10;		/* a later copy: 10 bytes win */
	inventory_add(&inv, 1, &e, &ie);
	strcpy(e.name, "l1");
	e.filesize = 500;
	e.nlink = 2;
	e.ino = 7;
	inventory_add(&inv, 1, &e, &ie);
	strcpy(e.name, "l2");
	inventory_add(&inv, 1, &e, &ie);
	inventory_finish(&inv);
	CU_ASSERT_EQUAL_FATAL(inv.nlargest, 2);
	CU_ASSERT_EQUAL(inv.largest[0].size, 500);	/* l1 or l2, once */
	CU_ASSERT_EQUAL(inv.largest[1].size, 10);
	CU_ASSERT_STRING_EQUAL(inv.largest[1].path, "big");
	CU_ASSERT_EQUAL(inv.total.data_bytes, 10 + 500);
	inventory_free(&inv);
}

static void test_inventory_largest_few(void)
{
	inventory_init(&inv);
	add(0, "./five", M_REG, 5);
	add(0, "zero", M_REG, 0);
	add(1, "seven", M_REG, 7);
	add(1, "dev/sda", M_BLK, 0);
	inventory_finish(&inv);
	CU_ASSERT_EQUAL_FATAL(inv.nlargest, 2);	/* 0 bytes not listed */
	CU_ASSERT_EQUAL(inv.largest[0].size, 7);
	CU_ASSERT_STRING_EQUAL(inv.largest[0].path, "seven");
	CU_ASSERT_EQUAL(inv.largest[1].size, 5);
	CU_ASSERT_STRING_EQUAL(inv.largest[1].path, "five");
	inventory_free(&inv);
}

static void test_inventory_microcode_files(void)
{
	inventory_init(&inv);
	add(0, "kernel", M_DIR, 0);
	add(0, "kernel/x86/microcode", M_DIR, 0);
	add(0, "kernel/x86/microcode/GenuineIntel.bin", M_REG, 1000);
	add(0, "./kernel/x86/microcode/AuthenticAMD.bin", M_REG, 2000);
	add(0, "kernel/x86/other.bin", M_REG, 5);
	add(0, "usr/kernel/x86/microcode/x.bin", M_REG, 5);
	CU_ASSERT_EQUAL_FATAL(inv.nmicrocode, 2);
	CU_ASSERT_STRING_EQUAL(inv.microcode[0].path,
			       "kernel/x86/microcode/GenuineIntel.bin");
	CU_ASSERT_EQUAL(inv.microcode[0].size, 1000);
	CU_ASSERT_STRING_EQUAL(inv.microcode[1].path,
			       "kernel/x86/microcode/AuthenticAMD.bin");
	CU_ASSERT_EQUAL(inv.microcode[1].size, 2000);
	inventory_free(&inv);
}

static void test_inventory_microcode_cap(void)
{
	char name[64];
	unsigned i;

	inventory_init(&inv);
	for (i = 0; i < INV_MICROCODE + 2; i++) {
		snprintf(name, sizeof(name), "kernel/x86/microcode/u%u", i);
		add(0, name, M_REG, 10);
	}
	CU_ASSERT_EQUAL(inv.nmicrocode, INV_MICROCODE);
	inventory_free(&inv);
}

static bool has_version(const char **v, size_t n, const char *want)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], want) == 0)
			return true;
	return false;
}

static void add_module_paths(void)
{
	add(0, "lib/modules", M_DIR, 0);
	add(0, "lib/modules/6.1.0-13-amd64/kernel/fs/ext4.ko", M_REG, 9);
	add(0, "lib/modules/6.1.0-13-amd64/modules.dep", M_REG, 9);
	add(0, "usr/lib/modules/6.5.0/kernel/x.ko", M_REG, 9);
	add(1, "./lib/modules/5.10.0", M_DIR, 0);
	add(1, "lib/modulesX/7.0/y.ko", M_REG, 9);
	add(1, "usr/share/lib/modules/8.0/z.ko", M_REG, 9);
	add(1, "lib/modules//z.ko", M_REG, 9);	/* empty version */
}

static void test_inventory_modules_versions(void)
{
	const char *v[8];
	size_t n;

	inventory_init(&inv);
	add_module_paths();
	n = inventory_modules(&inv, v, ARRAY_SIZE(v));
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_TRUE(has_version(v, n, "6.1.0-13-amd64"));
	CU_ASSERT_TRUE(has_version(v, n, "6.5.0"));
	CU_ASSERT_TRUE(has_version(v, n, "5.10.0"));
	CU_ASSERT_EQUAL(inventory_modules(&inv, v, 2), 2);
	inventory_free(&inv);
	inventory_init(&inv);
	add(0, "lib/firmware/x.bin", M_REG, 1);
	CU_ASSERT_EQUAL(inventory_modules(&inv, v, ARRAY_SIZE(v)), 0);
	inventory_free(&inv);
}

/* The generator an inventory of one regular file at path names. */
static void expect_generator(const char *path, const char *want)
{
	inventory_init(&inv);
	add(0, "etc", M_DIR, 0);
	if (path)
		add(0, path, M_REG, 10);
	if (want) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(inv.generator);
		CU_ASSERT_STRING_EQUAL(inv.generator, want);
	} else {
		CU_ASSERT_PTR_NULL(inv.generator);
	}
	inventory_free(&inv);
}

static void test_inventory_generator_marks(void)
{
	expect_generator("conf/initramfs.conf", "initramfs-tools");
	expect_generator("./conf/initramfs.conf", "initramfs-tools");
	expect_generator("usr/lib/dracut/modules.txt", "dracut");
	expect_generator("buildconfig", "mkinitcpio");
	expect_generator("/buildconfig", "mkinitcpio");
	expect_generator(NULL, NULL);
	expect_generator("etc/initramfs.conf", NULL);
	expect_generator("lib/dracut/modules.txt", NULL);
	expect_generator("etc/buildconfig", NULL);
}

static void test_inventory_init_executable(void)
{
	inventory_init(&inv);
	add(0, "./init", M_EXE, 300);
	CU_ASSERT_TRUE(inv.has_init);
	CU_ASSERT_TRUE(S_ISREG(inv.init_mode));
	CU_ASSERT_EQUAL(inv.init_mode, S_IFREG | 0755);
	CU_ASSERT_TRUE((inv.init_mode & 0111) != 0);
	CU_ASSERT_STRING_EQUAL(inv.init_target, "");
	inventory_free(&inv);
}

static void test_inventory_init_symlink(void)
{
	inventory_init(&inv);
	add_symlink(0, "/init", "usr/lib/systemd/systemd");
	CU_ASSERT_TRUE(inv.has_init);
	CU_ASSERT_TRUE(S_ISLNK(inv.init_mode));
	CU_ASSERT_STRING_EQUAL(inv.init_target, "usr/lib/systemd/systemd");
	inventory_free(&inv);
}

static void test_inventory_init_absent(void)
{
	inventory_init(&inv);
	add(0, "sbin/init", M_EXE, 300);
	add(0, "usr/lib/init", M_EXE, 300);
	add(0, "init.d", M_DIR, 0);
	add_symlink(0, "initrd", "init");
	CU_ASSERT_FALSE(inv.has_init);
	CU_ASSERT_STRING_EQUAL(inv.init_target, "");
	inventory_free(&inv);
}

/* --- entries the kernel skips --- */

/* Entries whose names would be notable, all with kernel_skips set. */
static void add_skipped(void)
{
	static const char *const names[] = {
		"init", "lib/modules/9.9/x.ko",
		"kernel/x86/microcode/GenuineIntel.bin", "buildconfig",
		"init",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		struct inv_entry ie;

		fill(names[i], M_EXE, 100);
		cur.ino = 9;
		cur.nlink = 2;
		cur.kernel_skips = true;
		ie = put(1);
		CU_ASSERT_EQUAL(ie.kind, INV_OTHER);
		CU_ASSERT_PTR_NULL(ie.hardlink_of);
		CU_ASSERT_FALSE(ie.duplicate);
	}
}

static void test_inventory_skipped_only_other(void)
{
	static const struct inv_counts zero;
	struct inv_counts want = { 0 };
	const char *v[4];

	inventory_init(&inv);
	add_skipped();
	want.n[INV_OTHER] = 5;
	CU_ASSERT_EQUAL(memcmp(&inv.total, &want, sizeof(want)), 0);
	CU_ASSERT_EQUAL(inv.total.n[INV_OTHER], 5);
	CU_ASSERT_EQUAL(memcmp(&inv.seg[1], &zero, sizeof(zero)), 0);
	CU_ASSERT_EQUAL(inv.nsegs, 0);
	CU_ASSERT_EQUAL(inv.duplicates, 0);
	CU_ASSERT_EQUAL(inv.nlargest, 0);
	CU_ASSERT_EQUAL(inv.nmicrocode, 0);
	CU_ASSERT_EQUAL(inventory_modules(&inv, v, ARRAY_SIZE(v)), 0);
	CU_ASSERT_PTR_NULL(inv.generator);
	CU_ASSERT_FALSE(inv.has_init);
	CU_ASSERT_EQUAL(inv.paths.len, 0);
	CU_ASSERT_EQUAL(inv.links.len, 0);
	/* Nothing was linked to inode 9: this is a first name. */
	CU_ASSERT_EQUAL(add_ino("a", M_REG, 9, 2, 1).kind, INV_REGULAR);
	CU_ASSERT_EQUAL(inv.total.entries, 1);
	inventory_free(&inv);
}

/* Name size 0, then one of 5001 bytes, then a file: through the parser. */
static void write_skipped(struct fx_buf *b)
{
	static char name[5001];
	struct fx_buf one = { 0 };

	fx_add(&one, "x", M_REG, NULL, 0);
	memcpy(one.p + 6 + 8 * 11, "00000000", 8);	/* namesize 0 */
	fx_put(b, one.p, 112);		/* header and N_ALIGN(0) = 2 */
	memset(name, 'n', sizeof(name) - 1);
	fx_add(b, name, M_REG, NULL, 100);
	fx_add(b, "ok", M_REG, NULL, 5);
	fx_cpio_trailer(b);
	fx_free(&one);
}

static void test_inventory_skipped_parsed(void)
{
	struct fx_buf b = { 0 };
	struct parsed s = { .seg = 0 };

	write_skipped(&b);
	inventory_init(&inv);
	parse(&s, &b);
	CU_ASSERT_EQUAL(s.n, 4);
	CU_ASSERT_EQUAL(s.kind[0], INV_OTHER);
	CU_ASSERT_EQUAL(s.kind[1], INV_OTHER);
	CU_ASSERT_EQUAL(s.kind[2], INV_REGULAR);
	/* Two skipped: only in total.n[INV_OTHER]. */
	expect_kinds(&inv.total, 1, 0, 0, 0, 0, 0, 2);
	expect_kinds(&inv.seg[0], 1, 0, 0, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(inv.total.entries, 1);
	CU_ASSERT_EQUAL(inv.seg[0].entries, 1);
	expect_data(&inv.total, 5, 4096, 16384, 65536);
	inventory_finish(&inv);
	CU_ASSERT_EQUAL(inv.nlargest, 1);
	CU_ASSERT_EQUAL(inv.paths.len, 1);
	inventory_free(&inv);
	fx_free(&b);
}

int main(void)
{
	static const struct fx_test tests[] = {
#define T(fn) { #fn, fn }
		T(test_inventory_kinds_two_segments),
		T(test_inventory_kinds_sparse_segments),
		T(test_inventory_kinds_trailer_not_counted),
		T(test_inventory_hardlink_gnu_style),
		T(test_inventory_hardlink_all_names_data),
		T(test_inventory_hardlink_reset_at_trailer),
		T(test_inventory_hardlink_directories_never),
		T(test_inventory_hardlink_nlink_one_separate),
		T(test_inventory_hardlink_type_in_key),
		T(test_inventory_hardlink_device_in_key),
		T(test_inventory_hardlink_parsed_archive),
		T(test_inventory_pages_regular_sizes),
		T(test_inventory_pages_symlink_targets),
		T(test_inventory_duplicate_path_forms),
		T(test_inventory_duplicate_other_kind),
		T(test_inventory_duplicate_symlink_nlink2),
		T(test_inventory_duplicate_replaces_nlink2_file),
		T(test_inventory_duplicate_list),
		T(test_inventory_largest_order_and_cap),
		T(test_inventory_largest_few),
		T(test_inventory_largest_final_inodes),
		T(test_inventory_microcode_files),
		T(test_inventory_microcode_cap),
		T(test_inventory_modules_versions),
		T(test_inventory_generator_marks),
		T(test_inventory_init_executable),
		T(test_inventory_init_symlink),
		T(test_inventory_init_absent),
		T(test_inventory_skipped_only_other),
		T(test_inventory_skipped_parsed),
#undef T
		{ NULL, NULL },
	};

	return fx_run("inventory", tests);
}
