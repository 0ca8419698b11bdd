/* SPDX-License-Identifier: MIT */
/*
 * The x86 boot image reader on headers written field by field from the boot
 * protocol's table, and the payload search of kernel_contains() over every
 * compression a bzImage payload may use.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bzimage.h"
#include "codec.h"
#include "fixture.h"
#include "kernel.h"
#include "source.h"

/*
 * Documentation/arch/x86/boot.rst, "The real-mode kernel header";
 * arch/x86/include/uapi/asm/bootparam.h. All fields little-endian.
 */
#define HDR_SETUP_SECTS			0x1f1
#define HDR_ROOT_FLAGS			0x1f2
#define HDR_SYSSIZE			0x1f4
#define HDR_RAM_SIZE			0x1f8
#define HDR_VID_MODE			0x1fa
#define HDR_ROOT_DEV			0x1fc
#define HDR_BOOT_FLAG			0x1fe
#define HDR_JUMP			0x200
#define HDR_HEADER			0x202
#define HDR_VERSION			0x206
#define HDR_REALMODE_SWTCH		0x208
#define HDR_START_SYS_SEG		0x20c
#define HDR_KERNEL_VERSION		0x20e
#define HDR_TYPE_OF_LOADER		0x210
#define HDR_LOADFLAGS			0x211
#define HDR_SETUP_MOVE_SIZE		0x212
#define HDR_CODE32_START		0x214
#define HDR_RAMDISK_IMAGE		0x218
#define HDR_RAMDISK_SIZE		0x21c
#define HDR_BOOTSECT_KLUDGE		0x220
#define HDR_HEAP_END_PTR		0x224
#define HDR_EXT_LOADER_VER		0x226
#define HDR_EXT_LOADER_TYPE		0x227
#define HDR_CMD_LINE_PTR		0x228
#define HDR_INITRD_ADDR_MAX		0x22c
#define HDR_KERNEL_ALIGNMENT		0x230
#define HDR_RELOCATABLE_KERNEL		0x234
#define HDR_MIN_ALIGNMENT		0x235
#define HDR_XLOADFLAGS			0x236
#define HDR_CMDLINE_SIZE		0x238
#define HDR_HARDWARE_SUBARCH		0x23c
#define HDR_HARDWARE_SUBARCH_DATA	0x240
#define HDR_PAYLOAD_OFFSET		0x248
#define HDR_PAYLOAD_LENGTH		0x24c
#define HDR_SETUP_DATA			0x250
#define HDR_PREF_ADDRESS		0x258
#define HDR_INIT_SIZE			0x260
#define HDR_HANDOVER_OFFSET		0x264
#define HDR_KERNEL_INFO_OFFSET		0x268

#define SECTOR			512
#define SETUP_SECTS_ZERO	4	/* a 0 in setup_sects means 4 */
#define BOOT_FLAG_MAGIC		0xaa55
#define JUMP_TO_0X26C		0x6aeb	/* jmp past the 2.15 header */
#define KERNEL_VERSION_BASE	0x200	/* the pointer counts from it */
#define PROTO(major, minor)	((uint16_t)((major) << 8 | (minor)))

#define NEEDLE		"initramfs_options="
#define NEEDLE_LEN	(sizeof(NEEDLE) - 1)
#define OUT_CHUNK	(256 * 1024)	/* decoder output chunk */
#define PAYLOAD_GAP	0x10		/* most fixtures' offset */

#define ASSERT_MSG(d, want)						\
	do {								\
		if (strcmp((d)->msg, (want)) != 0)			\
			fprintf(stderr, "\n  got  \"%s\"\n  want \"%s\"\n", \
				(d)->msg, (want));			\
		CU_ASSERT_STRING_EQUAL((d)->msg, (want));		\
	} while (0)

/* The header as boot.rst lists it, with a distinct value for each field. */
struct hdr_field {
	const char *name;
	uint16_t offset;
	uint8_t size;
	uint16_t protocol;
	uint64_t value;
};

#define FULL_SETUP_SECTS	0x1b
#define FULL_KV_PTR		0x1a40
#define FULL_PAYLOAD_OFFSET	0x3a5
#define FULL_SYSSIZE		0x123	/* paragraphs to the end */

static const struct hdr_field hdr_fields[] = {
	{ "setup_sects", HDR_SETUP_SECTS, 1, 0, FULL_SETUP_SECTS },
	{ "root_flags", HDR_ROOT_FLAGS, 2, 0, 0x0102 },
	{ "syssize", HDR_SYSSIZE, 4, PROTO(2, 4), FULL_SYSSIZE },
	{ "ram_size", HDR_RAM_SIZE, 2, 0, 0x0304 },
	{ "vid_mode", HDR_VID_MODE, 2, 0, 0xfffd },
	{ "root_dev", HDR_ROOT_DEV, 2, 0, 0x0801 },
	{ "boot_flag", HDR_BOOT_FLAG, 2, 0, BOOT_FLAG_MAGIC },
	{ "jump", HDR_JUMP, 2, PROTO(2, 0), JUMP_TO_0X26C },
	{ "header", HDR_HEADER, 4, PROTO(2, 0), 0x53726448 },	/* HdrS */
	{ "version", HDR_VERSION, 2, PROTO(2, 0), 0x020f },
	{ "realmode_swtch", HDR_REALMODE_SWTCH, 4, PROTO(2, 0), 0x05060708 },
	{ "start_sys_seg", HDR_START_SYS_SEG, 2, PROTO(2, 0), 0x1000 },
	{ "kernel_version", HDR_KERNEL_VERSION, 2, PROTO(2, 0), FULL_KV_PTR },
	{ "type_of_loader", HDR_TYPE_OF_LOADER, 1, PROTO(2, 0), 0x72 },
	{ "loadflags", HDR_LOADFLAGS, 1, PROTO(2, 0), 0x81 },
	{ "setup_move_size", HDR_SETUP_MOVE_SIZE, 2, PROTO(2, 0), 0x8000 },
	{ "code32_start", HDR_CODE32_START, 4, PROTO(2, 0), 0x00100000 },
	{ "ramdisk_image", HDR_RAMDISK_IMAGE, 4, PROTO(2, 0), 0x0a0b0c0d },
	{ "ramdisk_size", HDR_RAMDISK_SIZE, 4, PROTO(2, 0), 0x00e0f001 },
	{ "bootsect_kludge", HDR_BOOTSECT_KLUDGE, 4, PROTO(2, 0),
	  0x11121314 },
	{ "heap_end_ptr", HDR_HEAP_END_PTR, 2, PROTO(2, 1), 0xfe00 },
	{ "ext_loader_ver", HDR_EXT_LOADER_VER, 1, PROTO(2, 2), 0x15 },
	{ "ext_loader_type", HDR_EXT_LOADER_TYPE, 1, PROTO(2, 2), 0x16 },
	{ "cmd_line_ptr", HDR_CMD_LINE_PTR, 4, PROTO(2, 2), 0x00020000 },
	{ "initrd_addr_max", HDR_INITRD_ADDR_MAX, 4, PROTO(2, 3),
	  0x7fffffff },
	{ "kernel_alignment", HDR_KERNEL_ALIGNMENT, 4, PROTO(2, 5),
	  0x00200000 },
	{ "relocatable_kernel", HDR_RELOCATABLE_KERNEL, 1, PROTO(2, 5), 0x17 },
	{ "min_alignment", HDR_MIN_ALIGNMENT, 1, PROTO(2, 10), 0x18 },
	{ "xloadflags", HDR_XLOADFLAGS, 2, PROTO(2, 12), 0x007f },
	{ "cmdline_size", HDR_CMDLINE_SIZE, 4, PROTO(2, 6), 0x000007ff },
	{ "hardware_subarch", HDR_HARDWARE_SUBARCH, 4, PROTO(2, 7), 0x19 },
	{ "hardware_subarch_data", HDR_HARDWARE_SUBARCH_DATA, 8, PROTO(2, 7),
	  0x2122232425262728 },
	{ "payload_offset", HDR_PAYLOAD_OFFSET, 4, PROTO(2, 8),
	  FULL_PAYLOAD_OFFSET },
	{ "payload_length", HDR_PAYLOAD_LENGTH, 4, PROTO(2, 8), 0 },
	{ "setup_data", HDR_SETUP_DATA, 8, PROTO(2, 9), 0x3132333435363738 },
	{ "pref_address", HDR_PREF_ADDRESS, 8, PROTO(2, 10), 0x01000000 },
	{ "init_size", HDR_INIT_SIZE, 4, PROTO(2, 10), 0x02a4b000 },
	{ "handover_offset", HDR_HANDOVER_OFFSET, 4, PROTO(2, 11), 0x190 },
	{ "kernel_info_offset", HDR_KERNEL_INFO_OFFSET, 4, PROTO(2, 15),
	  0xabcd },
};

/* An open fixture file and the source that reads it. */
static const struct hdr_field *hdr_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hdr_fields); i++)
		if (strcmp(hdr_fields[i].name, name) == 0)
			return &hdr_fields[i];
	return NULL;
}

static void put_field(uint8_t *p, const struct hdr_field *f, uint64_t v)
{
	switch (f->size) {
	case 1:
		p[f->offset] = (uint8_t)v;
		break;
	case 2:
		fx_put_le16(p + f->offset, (uint16_t)v);
		break;
	case 4:
		fx_put_le32(p + f->offset, (uint32_t)v);
		break;
	default:
		fx_put_le64(p + f->offset, v);
		break;
	}
}

static size_t pm_offset_of(uint8_t sects)
{
	return ((size_t)(sects ? sects : SETUP_SECTS_ZERO) + 1) * SECTOR;
}

/*
 * A boot sector and setup code of protocol proto (0: no "HdrS", before
 * 2.00) with sects setup sectors; every other byte zero.
 */
static void bz_init(struct fx_buf *b, uint16_t proto, uint8_t sects)
{
	memset(b, 0, sizeof(*b));
	fx_zeros(b, pm_offset_of(sects));
	b->p[HDR_SETUP_SECTS] = sects;
	fx_put_le16(b->p + HDR_BOOT_FLAG, BOOT_FLAG_MAGIC);
	if (proto == 0)
		return;
	fx_put_le16(b->p + HDR_JUMP, JUMP_TO_0X26C);
	memcpy(b->p + HDR_HEADER, "HdrS", 4);
	fx_put_le16(b->p + HDR_VERSION, proto);
}

/* The kernel_version string, at ptr + 0x200, NUL included. */
static void bz_version_string(struct fx_buf *b, uint16_t ptr, const char *v)
{
	fx_put_le16(b->p + HDR_KERNEL_VERSION, ptr);
	memcpy(b->p + KERNEL_VERSION_BASE + ptr, v, strlen(v) + 1);
}

/* Append pl as the payload, gap bytes into the protected-mode code. */
static void bz_payload(struct fx_buf *b, uint32_t gap, const struct fx_buf *pl)
{
	size_t start = pm_offset_of(b->p[HDR_SETUP_SECTS]) + gap;

	fx_zeros(b, start - b->len);
	fx_put_le32(b->p + HDR_PAYLOAD_OFFSET, gap);
	fx_put_le32(b->p + HDR_PAYLOAD_LENGTH, (uint32_t)pl->len);
	fx_append(b, pl);
}

/* A payload that is no real stream: magic, filler, the decoded size. */
static void fake_payload(struct fx_buf *pl, const void *magic, size_t n,
			 uint32_t size)
{
	uint8_t tail[4];

	memset(pl, 0, sizeof(*pl));
	fx_put(pl, magic, n);
	fx_zeros(pl, 64);
	fx_put_le32(tail, size);
	fx_put(pl, tail, 4);
}

static int bz_read_len(const struct fx_buf *b, size_t len,
		       struct bzimage *bz, struct diag *d)
{
	struct fx_opened o;
	int rc;

	memset(d, 0, sizeof(*d));
	fx_open_buf(&o, b, len);
	rc = bzimage_read(&o.s, bz, d);
	fclose(o.f);
	return rc;
}

/* Read all of b, expecting success: say why not. */
static int bz_read_ok(const struct fx_buf *b, struct bzimage *bz,
		      struct diag *d)
{
	int rc = bz_read_len(b, b->len, bz, d);

	if (rc != 0)
		fprintf(stderr, "\n  bzimage_read: %s\n", d->msg);
	return rc;
}

/* Text that cannot hold the needle: no '_' or '='. */
static void filler(struct fx_buf *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint8_t c = (uint8_t)('a' + (i * 7 + i / 26) % 26);

		fx_put(b, &c, 1);
	}
}

/* n bytes of filler with the needle at pos (none when pos is SIZE_MAX). */
static void content(struct fx_buf *b, size_t n, size_t pos)
{
	memset(b, 0, sizeof(*b));
	filler(b, n);
	if (pos != SIZE_MAX)
		memcpy(b->p + pos, NEEDLE, NEEDLE_LEN);
}

/* The payload of compression c for plain, with the size u32 if not gzip. */
static void compress_as(struct fx_buf *pl, enum comp c,
			const struct fx_buf *in)
{
	uint8_t tail[4];

	memset(pl, 0, sizeof(*pl));
	switch (c) {
	case COMP_GZIP:
		fx_gzip(pl, in);
		return;
	case COMP_BZIP2:
		fx_bzip2(pl, in);
		break;
	case COMP_LZMA:
		fx_lzma(pl, in);
		break;
	case COMP_XZ:
		fx_xz(pl, in);
		break;
	case COMP_LZ4:
		fx_lz4_legacy(pl, in);
		break;
	default:
		fx_zstd(pl, in);
		break;
	}
	fx_put_le32(tail, (uint32_t)in->len);
	fx_put(pl, tail, 4);
}

/* A 2.15 bzImage, setup_sects 0, whose payload is in compressed with c. */
static void bz_with(struct fx_buf *b, enum comp c, const struct fx_buf *in)
{
	struct fx_buf pl;

	compress_as(&pl, c, in);
	bz_init(b, PROTO(2, 15), 0);
	bz_payload(b, PAYLOAD_GAP, &pl);
	fx_free(&pl);
}

static int contains_in(enum comp c, const struct fx_buf *in,
		       struct diag *d)
{
	struct fx_buf b;
	int rc;

	bz_with(&b, c, in);
	rc = fx_kernel_contains(&b, NEEDLE, d);
	fx_free(&b);
	return rc;
}

static void test_bzimage_fields_table_boot_rst(void)
{
	size_t i;

	CU_ASSERT_EQUAL(bz_nfields, ARRAY_SIZE(hdr_fields));
	for (i = 0; i < bz_nfields; i++) {
		const struct bz_field *f = &bz_fields[i];
		const struct hdr_field *h = hdr_find(f->name);

		if (!h) {
			CU_FAIL("a field that boot.rst does not list");
			continue;
		}
		CU_ASSERT_EQUAL(f->offset, h->offset);
		CU_ASSERT_EQUAL(f->size, h->size);
		CU_ASSERT_EQUAL(f->protocol, h->protocol);
	}
}

/*
 * The 2.15 image with every field distinct and a gzip payload, the file
 * padded to the end of the syssize paragraphs; returns the payload length.
 */
static size_t bz_full(struct fx_buf *b, struct fx_buf *text)
{
	struct fx_buf gz = { 0 };
	size_t i, len;

	content(text, 5000, SIZE_MAX);
	fx_gzip(&gz, text);
	bz_init(b, PROTO(2, 15), FULL_SETUP_SECTS);
	for (i = 0; i < ARRAY_SIZE(hdr_fields); i++)
		put_field(b->p, &hdr_fields[i], hdr_fields[i].value);
	bz_version_string(b, FULL_KV_PTR, "6.18.0-test (kimginfo) #1");
	bz_payload(b, FULL_PAYLOAD_OFFSET, &gz);
	fx_zeros(b, pm_offset_of(FULL_SETUP_SECTS) + FULL_SYSSIZE * 16 -
		 b->len);
	len = gz.len;
	fx_free(&gz);
	return len;
}

static void test_bzimage_fields_v2_15_distinct(void)
{
	struct fx_buf b, text;
	struct bzimage bz;
	struct diag d;
	size_t i, j, len;

	for (i = 0; i < ARRAY_SIZE(hdr_fields); i++)
		for (j = i + 1; j < ARRAY_SIZE(hdr_fields); j++)
			CU_ASSERT_NOT_EQUAL(hdr_fields[i].value,
					    hdr_fields[j].value);
	len = bz_full(&b, &text);
	CU_ASSERT_EQUAL_FATAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_EQUAL(bz.protocol, PROTO(2, 15));
	for (i = 0; i < bz_nfields; i++) {
		const struct hdr_field *h = hdr_find(bz_fields[i].name);

		if (!h) {
			CU_FAIL("a field that boot.rst does not list");
			continue;
		}
		CU_ASSERT_TRUE(bzimage_has_field(&bz, &bz_fields[i]));
		CU_ASSERT_EQUAL(bzimage_field(&bz, &bz_fields[i]),
				h->offset == HDR_PAYLOAD_LENGTH ? len
								: h->value);
	}
	fx_free(&b);
	fx_free(&text);
}

static void test_bzimage_read_v2_15_decoded(void)
{
	struct fx_buf b, text;
	struct bzimage bz;
	struct diag d;
	size_t len;

	len = bz_full(&b, &text);
	CU_ASSERT_EQUAL_FATAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_TRUE(bz.has_hdrs);
	CU_ASSERT_EQUAL(bz.setup_sects, FULL_SETUP_SECTS);
	CU_ASSERT_EQUAL(bz.pm_offset, (FULL_SETUP_SECTS + 1) * SECTOR);
	CU_ASSERT_EQUAL(bz.hdr_len, BZ_HEADER_READ);
	CU_ASSERT_EQUAL(bz.file_size, b.len);
	CU_ASSERT_TRUE(bz.has_kernel_version);
	CU_ASSERT_STRING_EQUAL(bz.kernel_version, "6.18.0-test (kimginfo) #1");
	CU_ASSERT_TRUE(bz.has_payload);
	CU_ASSERT_EQUAL(bz.payload_offset,
			(FULL_SETUP_SECTS + 1) * SECTOR + FULL_PAYLOAD_OFFSET);
	CU_ASSERT_EQUAL(bz.payload_length, len);
	CU_ASSERT_EQUAL(bz.payload_comp, COMP_GZIP);
	CU_ASSERT_EQUAL(bz.payload_size, text.len);
	CU_ASSERT_TRUE(bz.has_init_size);
	CU_ASSERT_EQUAL(bz.init_size, 0x02a4b000);
	fx_free(&b);
	fx_free(&text);
}

/* Each field exactly from the protocol that introduced it. */
static void test_bzimage_has_field_by_protocol(void)
{
	struct bzimage bz = { .has_hdrs = true };
	unsigned minor;
	size_t i;

	for (minor = 0; minor <= 15; minor++) {
		bz.protocol = PROTO(2, minor);
		for (i = 0; i < bz_nfields; i++)
			CU_ASSERT_EQUAL(bzimage_has_field(&bz, &bz_fields[i]),
					bz_fields[i].protocol <= bz.protocol);
	}
}

static const struct bz_field *field_named(const char *name)
{
	size_t i;

	for (i = 0; i < bz_nfields; i++)
		if (strcmp(bz_fields[i].name, name) == 0)
			return &bz_fields[i];
	return NULL;
}

static void test_bzimage_has_field_v2_10_xloadflags(void)
{
	struct fx_buf b, pl;
	struct bzimage bz;
	struct diag d;

	fake_payload(&pl, "\x1f\x8b", 2, 1);
	bz_init(&b, PROTO(2, 10), 0);
	bz_payload(&b, PAYLOAD_GAP, &pl);
	CU_ASSERT_EQUAL_FATAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_FALSE(bzimage_has_field(&bz, field_named("xloadflags")));
	CU_ASSERT_FALSE(bzimage_has_field(&bz,
					  field_named("handover_offset")));
	CU_ASSERT_TRUE(bzimage_has_field(&bz, field_named("min_alignment")));
	CU_ASSERT_TRUE(bzimage_has_field(&bz, field_named("init_size")));
	CU_ASSERT_TRUE(bzimage_has_field(&bz, field_named("setup_data")));
	fx_free(&b);
	fx_free(&pl);
}

static void test_bzimage_has_field_pre_2_00(void)
{
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;
	size_t i;

	bz_init(&b, 0, 0);
	CU_ASSERT_EQUAL_FATAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_FALSE(bz.has_hdrs);
	CU_ASSERT_EQUAL(bz.protocol, 0);
	for (i = 0; i < bz_nfields; i++)
		CU_ASSERT_EQUAL(bzimage_has_field(&bz, &bz_fields[i]),
				bz_fields[i].protocol == 0);
	fx_free(&b);
}

static void test_bzimage_setup_sects_zero_means_4(void)
{
	struct fx_buf b, pl;
	struct bzimage bz;
	struct diag d;

	fake_payload(&pl, "\x28\xb5\x2f\xfd", 4, 0x1234);
	bz_init(&b, PROTO(2, 15), 0);
	bz_payload(&b, 0x20, &pl);
	CU_ASSERT_EQUAL_FATAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_EQUAL(bz.setup_sects, 4);
	CU_ASSERT_EQUAL(bz.pm_offset, 0xa00);
	CU_ASSERT_EQUAL(bz.payload_offset, 0xa20);
	CU_ASSERT_EQUAL(bz.payload_length, pl.len);
	CU_ASSERT_EQUAL(bzimage_field(&bz, field_named("setup_sects")), 0);
	fx_free(&b);
	fx_free(&pl);
}

static void test_bzimage_kernel_version_read(void)
{
	static const char v[] = "6.1.0-57-cloud-amd64 (debian-kernel@lists."
				"debian.org) #1 SMP PREEMPT_DYNAMIC Debian "
				"6.1.192-3 (2026-11-26)";
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;

	bz_init(&b, PROTO(2, 0), 0);
	bz_version_string(&b, 0x3c0, v);
	CU_ASSERT_EQUAL_FATAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_TRUE(bz.has_kernel_version);
	CU_ASSERT_STRING_EQUAL(bz.kernel_version, v);
	CU_ASSERT_FALSE(bz.has_payload);
	fx_free(&b);
}

static void test_bzimage_kernel_version_none(void)
{
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;

	bz_init(&b, PROTO(2, 0), 0);
	CU_ASSERT_EQUAL_FATAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_FALSE(bz.has_kernel_version);
	CU_ASSERT_STRING_EQUAL(bz.kernel_version, "");
	fx_free(&b);
}

/* A string that ends on the last byte of the setup code is whole. */
static void test_bzimage_kernel_version_setup_end(void)
{
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;

	bz_init(&b, PROTO(2, 0), 0);
	bz_version_string(&b, 0x7f0, "abcdefghijklmno");
	CU_ASSERT_EQUAL(b.p[0x9ff], 0);
	CU_ASSERT_EQUAL_FATAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_STRING_EQUAL(bz.kernel_version, "abcdefghijklmno");
	fx_free(&b);
}

/* 255 characters and the NUL fill the 256-byte field exactly. */
static void test_bzimage_kernel_version_longest(void)
{
	char v[BZ_KERNEL_VERSION_MAX];
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;

	memset(v, 'v', sizeof(v) - 1);
	v[sizeof(v) - 1] = '\0';
	bz_init(&b, PROTO(2, 0), 0);
	bz_version_string(&b, 0x100, v);
	CU_ASSERT_EQUAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_STRING_EQUAL(bz.kernel_version, v);
	fx_free(&b);
}

/* A longer string is shown cut, marked with "...", not an error. */
static void test_bzimage_kernel_version_too_long(void)
{
	char v[300];
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;

	memset(v, 'w', sizeof(v) - 1);
	v[sizeof(v) - 1] = '\0';
	bz_init(&b, PROTO(2, 0), 0);
	bz_version_string(&b, 0x100, v);
	CU_ASSERT_EQUAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_EQUAL(strlen(bz.kernel_version), BZ_KERNEL_VERSION_MAX - 1);
	CU_ASSERT_STRING_EQUAL(bz.kernel_version + BZ_KERNEL_VERSION_MAX - 4,
			       "...");
	CU_ASSERT_EQUAL(bz.kernel_version[0], 'w');
	fx_free(&b);
}

static void test_bzimage_kernel_version_outside_setup(void)
{
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;

	bz_init(&b, PROTO(2, 0), 0);
	fx_put_le16(b.p + HDR_KERNEL_VERSION, 0x800);
	CU_ASSERT_EQUAL(bz_read_len(&b, b.len, &bz, &d), -1);
	ASSERT_MSG(&d, "kernel_version pointer 0x0800 lies outside the setup "
		   "code (0x800 bytes)");
	CU_ASSERT_TRUE(d.has_offset);
	CU_ASSERT_EQUAL(d.offset, HDR_KERNEL_VERSION);
	CU_ASSERT_FALSE(bz.has_kernel_version);
	fx_free(&b);
}

static void test_bzimage_kernel_version_unterminated(void)
{
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;

	bz_init(&b, PROTO(2, 0), 0);
	fx_put_le16(b.p + HDR_KERNEL_VERSION, 0x7f0);
	memset(b.p + 0x9f0, 'A', 0x10);
	CU_ASSERT_EQUAL(bz_read_len(&b, b.len, &bz, &d), -1);
	ASSERT_MSG(&d, "kernel_version string at 0x9f0 is not NUL-terminated "
		   "within the setup code");
	CU_ASSERT_TRUE(d.has_offset);
	CU_ASSERT_EQUAL(d.offset, 0x9f0);
	fx_free(&b);
}

static void test_bzimage_payload_gzip(void)
{
	struct fx_buf b, text, gz = { 0 };
	struct bzimage bz;
	struct diag d;

	content(&text, 70000, 100);
	fx_gzip(&gz, &text);
	bz_init(&b, PROTO(2, 8), 0);
	bz_payload(&b, 0x1234, &gz);
	fx_zeros(&b, 0x200);	/* what follows the payload is not read */
	CU_ASSERT_EQUAL_FATAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_TRUE(bz.has_payload);
	CU_ASSERT_EQUAL(bz.payload_offset, 0xa00 + 0x1234);
	CU_ASSERT_EQUAL(bz.payload_length, gz.len);
	CU_ASSERT_EQUAL(bz.payload_comp, COMP_GZIP);
	CU_ASSERT_EQUAL(bz.payload_size, 70000);
	CU_ASSERT_FALSE(bz.has_init_size);
	fx_free(&b);
	fx_free(&text);
	fx_free(&gz);
}

static const struct magic_case {
	const char *magic;
	size_t len;
	enum comp comp;
} magic_cases[] = {
	{ "\x02\x21\x4c\x18", 4, COMP_LZ4 },
	{ "\x28\xb5\x2f\xfd", 4, COMP_ZSTD },
	{ "\xfd\x37\x7a\x58\x5a", 6, COMP_XZ },
	{ "BZh9", 4, COMP_BZIP2 },
	{ "\x5d\x00\x00", 3, COMP_LZMA },
	{ "\x89\x4c\x5a\x4f", 4, COMP_LZO },
	{ "\x1f\x9e", 2, COMP_GZIP },
	{ "\x04\x22\x4d\x18", 4, COMP_LZ4F },
	{ "ELF!", 4, COMP_UNKNOWN },
};

static void test_bzimage_payload_magic_each(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(magic_cases); i++) {
		const struct magic_case *m = &magic_cases[i];
		uint32_t size = 0x01020304u + (uint32_t)i * 0x1111;
		struct fx_buf b, pl;
		struct bzimage bz;
		struct diag d;

		fake_payload(&pl, m->magic, m->len, size);
		bz_init(&b, PROTO(2, 12), 0);
		bz_payload(&b, PAYLOAD_GAP, &pl);
		CU_ASSERT_EQUAL(bz_read_ok(&b, &bz, &d), 0);
		CU_ASSERT_EQUAL(bz.payload_comp, m->comp);
		CU_ASSERT_EQUAL(bz.payload_size, size);
		fx_free(&b);
		fx_free(&pl);
	}
}

static void test_bzimage_payload_past_end(void)
{
	struct fx_buf b, pl;
	struct bzimage bz;
	struct diag d;

	fake_payload(&pl, "\x28\xb5\x2f\xfd", 4, 100);
	bz_init(&b, PROTO(2, 15), 0);
	bz_payload(&b, PAYLOAD_GAP, &pl);
	fx_put_le32(b.p + HDR_PAYLOAD_LENGTH, (uint32_t)pl.len + 1);
	CU_ASSERT_EQUAL(bz_read_len(&b, b.len, &bz, &d), -1);
	ASSERT_MSG(&d, "payload at 0xa10, 73 bytes, runs past the end of the "
		   "file (2648 bytes)");
	CU_ASSERT_TRUE(d.has_offset);
	CU_ASSERT_EQUAL(d.offset, HDR_PAYLOAD_LENGTH);
	fx_free(&b);
	fx_free(&pl);
}

/* Too short to hold even the decoded size that ends it. */
static void test_bzimage_payload_too_short(void)
{
	struct fx_buf b, pl;
	struct bzimage bz;
	struct diag d;

	fake_payload(&pl, "\x28\xb5\x2f\xfd", 4, 100);
	bz_init(&b, PROTO(2, 15), 0);
	bz_payload(&b, PAYLOAD_GAP, &pl);
	fx_put_le32(b.p + HDR_PAYLOAD_LENGTH, 3);
	CU_ASSERT_EQUAL(bz_read_len(&b, b.len, &bz, &d), -1);
	ASSERT_MSG(&d, "payload_length 3 is shorter than the 4-byte size that "
		   "ends every payload");
	CU_ASSERT_EQUAL(d.offset, HDR_PAYLOAD_LENGTH);
	fx_free(&b);
	fx_free(&pl);
}

static void test_bzimage_setup_past_end(void)
{
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;

	bz_init(&b, PROTO(2, 15), 0);
	CU_ASSERT_EQUAL(bz_read_len(&b, BZ_HEADER_READ, &bz, &d), -1);
	ASSERT_MSG(&d, "setup code (4 sectors) runs past the end of the file "
		   "(640 bytes)");
	CU_ASSERT_TRUE(d.has_offset);
	CU_ASSERT_EQUAL(d.offset, HDR_SETUP_SECTS);
	fx_free(&b);
}

/* syssize paragraphs of protected-mode code (2.04+) must be in the file. */
static void test_bzimage_syssize_past_end(void)
{
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;

	bz_init(&b, PROTO(2, 4), 0);
	fx_zeros(&b, 0x100);
	fx_put_le32(b.p + HDR_SYSSIZE, 0x10);
	CU_ASSERT_EQUAL(bz_read_ok(&b, &bz, &d), 0);
	fx_put_le32(b.p + HDR_SYSSIZE, 0x11);
	CU_ASSERT_EQUAL(bz_read_len(&b, b.len, &bz, &d), -1);
	ASSERT_MSG(&d, "truncated image: syssize gives 272 bytes of "
		   "protected-mode code from 0xa00, the file ends at 0xb00");
	CU_ASSERT_TRUE(d.has_offset);
	CU_ASSERT_EQUAL(d.offset, HDR_SYSSIZE);
	fx_free(&b);
}

/* Before 2.04 the field is not syssize and is not checked. */
static void test_bzimage_syssize_before_2_04(void)
{
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;

	bz_init(&b, PROTO(2, 3), 0);
	fx_put_le32(b.p + HDR_SYSSIZE, 0x10000);
	CU_ASSERT_EQUAL(bz_read_ok(&b, &bz, &d), 0);
	fx_free(&b);
}

static void test_bzimage_truncated_boot_sector(void)
{
	static const size_t lens[] = { 0, 1, 0x100, 0x1f1, 0x1ff };
	struct fx_buf b;
	size_t i;

	bz_init(&b, PROTO(2, 15), 0);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		struct bzimage bz;
		struct diag d;
		char want[80];

		snprintf(want, sizeof(want), "truncated boot sector: need "
			 "0x200 bytes, have 0x%zx", lens[i]);
		CU_ASSERT_EQUAL(bz_read_len(&b, lens[i], &bz, &d), -1);
		ASSERT_MSG(&d, want);
	}
	fx_free(&b);
}

/* Where each protocol's header ends: its last field's end. */
static const uint16_t header_end[16] = {
	0x224, 0x226, 0x22c, 0x230, 0x230, 0x235, 0x23c, 0x248,
	0x250, 0x258, 0x264, 0x268, 0x268, 0x268, 0x268, 0x26c,
};

static void truncated_at(uint16_t proto, size_t len, size_t need)
{
	struct fx_buf b;
	struct bzimage bz;
	struct diag d;
	char want[80];

	bz_init(&b, proto, 0);
	snprintf(want, sizeof(want), "truncated setup header: need 0x%zx "
		 "bytes, have 0x%zx", need, len);
	CU_ASSERT_EQUAL(bz_read_len(&b, len, &bz, &d), -1);
	ASSERT_MSG(&d, want);
	fx_free(&b);
}

static void test_bzimage_truncated_setup_header(void)
{
	unsigned minor;

	truncated_at(PROTO(2, 15), 0x250, 0x26c);
	truncated_at(PROTO(2, 15), 0x208, 0x26c);
	truncated_at(PROTO(2, 10), 0x260, 0x264);
	for (minor = 0; minor <= 15; minor++)
		truncated_at(PROTO(2, minor), header_end[minor] - 1u,
			     header_end[minor]);
}

/* A header that ends exactly where its protocol's does is whole. */
static void test_bzimage_truncated_header_whole(void)
{
	unsigned minor;

	for (minor = 0; minor <= 15; minor++) {
		struct fx_buf b;
		struct bzimage bz;
		struct diag d;

		bz_init(&b, PROTO(2, minor), 0);
		CU_ASSERT_EQUAL(bz_read_len(&b, header_end[minor], &bz, &d),
				-1);
		CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "setup code (4 "));
		fx_free(&b);
	}
}

/*
 * "HdrS" present but the file ends inside the version: this is a cut
 * 2.00+ image, not a boot sector from before 2.00.
 */
static void test_bzimage_truncated_in_version(void)
{
	static const size_t lens[] = { 0x206, 0x207 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		struct fx_buf b;
		struct bzimage bz;
		struct diag d;

		bz_init(&b, PROTO(2, 15), 0);
		CU_ASSERT_EQUAL(bz_read_len(&b, lens[i], &bz, &d), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(d.msg,
					      "truncated setup header"));
		fx_free(&b);
	}
}

static void test_bzimage_figure_v2_10_known(void)
{
	struct fx_buf b, pl;
	struct kernel k;
	struct diag d;

	fake_payload(&pl, "\x02\x21\x4c\x18", 4, 1);
	bz_init(&b, PROTO(2, 10), 0);
	fx_put_le32(b.p + HDR_INIT_SIZE, 0x01c2d000);
	bz_payload(&b, PAYLOAD_GAP, &pl);
	CU_ASSERT_EQUAL_FATAL(fx_kernel_read(&b, &k, &d), 0);
	CU_ASSERT_EQUAL(k.kind, KERNEL_BZIMAGE);
	CU_ASSERT_STRING_EQUAL(k.format, "x86 boot image (bzImage)");
	CU_ASSERT_TRUE(k.figure_known);
	CU_ASSERT_EQUAL(k.figure, 0x01c2d000);
	CU_ASSERT_STRING_EQUAL(k.figure_field, "init_size");
	CU_ASSERT_EQUAL(k.figure_offset, HDR_INIT_SIZE);
	CU_ASSERT_STRING_EQUAL(k.figure_why, "");
	fx_free(&b);
	fx_free(&pl);
}

static void test_bzimage_figure_v2_09_unknown(void)
{
	struct fx_buf b, pl;
	struct kernel k;
	struct diag d;

	fake_payload(&pl, "\x02\x21\x4c\x18", 4, 1);
	bz_init(&b, PROTO(2, 9), 0);
	fx_put_le32(b.p + HDR_INIT_SIZE, 0x01c2d000);
	bz_payload(&b, PAYLOAD_GAP, &pl);
	CU_ASSERT_EQUAL_FATAL(fx_kernel_read(&b, &k, &d), 0);
	CU_ASSERT_FALSE(k.figure_known);
	CU_ASSERT_FALSE(k.bz.has_init_size);
	CU_ASSERT_PTR_NOT_NULL(strstr(k.figure_why, "2.10"));
	CU_ASSERT_STRING_EQUAL(k.figure_why, "boot protocol 2.09 has no "
			       "init_size (2.10 or later needed)");
	fx_free(&b);
	fx_free(&pl);
}

static void test_bzimage_figure_pre_2_00_unknown(void)
{
	struct fx_buf b;
	struct kernel k;
	struct diag d;

	bz_init(&b, 0, 0);
	fx_zeros(&b, 0x1000);
	CU_ASSERT_EQUAL_FATAL(fx_kernel_read(&b, &k, &d), 0);
	CU_ASSERT_EQUAL(k.kind, KERNEL_BZIMAGE);
	CU_ASSERT_FALSE(k.bz.has_hdrs);
	CU_ASSERT_FALSE(k.bz.has_payload);
	CU_ASSERT_FALSE(k.figure_known);
	CU_ASSERT_STRING_EQUAL(k.figure_why, "a boot sector without \"HdrS\" "
			       "(protocol before 2.00) has no init_size");
	fx_free(&b);
}

/* An EFI-stub kernel starts with "MZ" but is read as a bzImage. */
static void test_bzimage_probe_mz_and_flag(void)
{
	struct fx_buf b;
	struct kernel k;
	struct diag d;

	bz_init(&b, PROTO(2, 0), 0);
	memcpy(b.p, "MZ", 2);
	CU_ASSERT_TRUE(bzimage_probe(b.p, b.len));
	CU_ASSERT_EQUAL(fx_kernel_read(&b, &k, &d), 0);
	CU_ASSERT_EQUAL(k.kind, KERNEL_BZIMAGE);
	CU_ASSERT_FALSE(bzimage_probe(b.p, HDR_BOOT_FLAG + 1));
	b.p[HDR_BOOT_FLAG] = 0x56;
	CU_ASSERT_FALSE(bzimage_probe(b.p, b.len));
	CU_ASSERT_EQUAL(fx_kernel_read(&b, &k, &d), 1);
	fx_free(&b);
}

/* A gzip payload of len bytes, the needle at pos (SIZE_MAX: none). */
static void expect_gzip(size_t len, size_t pos, int want)
{
	struct fx_buf text;
	struct diag d;

	content(&text, len, pos);
	CU_ASSERT_EQUAL(contains_in(COMP_GZIP, &text, &d), want);
	fx_free(&text);
}

static void test_kernel_contains_gzip_middle(void)
{
	expect_gzip(100000, 54321, 1);
}

static void test_kernel_contains_gzip_absent(void)
{
	struct fx_buf text;
	struct diag d;

	content(&text, 100000, SIZE_MAX);
	memcpy(text.p + 500, NEEDLE, NEEDLE_LEN - 1);	/* no '=' */
	CU_ASSERT_EQUAL(contains_in(COMP_GZIP, &text, &d), 0);
	fx_free(&text);
}

static void test_kernel_contains_gzip_start(void)
{
	expect_gzip(4096, 0, 1);
}

static void test_kernel_contains_gzip_end(void)
{
	expect_gzip(4096, 4096 - NEEDLE_LEN, 1);
}

/* The needle only: the payload's whole output. */
static void test_kernel_contains_gzip_needle_only(void)
{
	struct fx_buf text;
	struct diag d;

	content(&text, NEEDLE_LEN, 0);
	CU_ASSERT_EQUAL(contains_in(COMP_GZIP, &text, &d), 1);
	fx_free(&text);
}

/*
 * Across the decoder's 256 KiB output chunks: k bytes of the needle in the
 * first, the rest (maybe shorter than the needle) in the second.
 */
static void test_kernel_contains_gzip_chunk_straddle(void)
{
	size_t k;

	for (k = 1; k < NEEDLE_LEN; k++) {
		struct fx_buf text;
		struct diag d;

		content(&text, OUT_CHUNK - k + NEEDLE_LEN, OUT_CHUNK - k);
		CU_ASSERT_EQUAL(contains_in(COMP_GZIP, &text, &d), 1);
		fx_free(&text);
	}
}

static void test_kernel_contains_each_codec(void)
{
	static const enum comp comps[] = {
		COMP_GZIP, COMP_BZIP2, COMP_LZMA, COMP_XZ, COMP_LZ4,
		COMP_ZSTD,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(comps); i++) {
		struct fx_buf with, without;
		struct diag d;

		content(&with, 30000, 30000 - NEEDLE_LEN);
		content(&without, 30000, SIZE_MAX);
		CU_ASSERT_EQUAL(contains_in(comps[i], &with, &d), 1);
		CU_ASSERT_EQUAL(contains_in(comps[i], &without, &d), 0);
		if (d.msg[0])
			fprintf(stderr, "\n  %s: %s\n", comp_name(comps[i]),
				d.msg);
		fx_free(&with);
		fx_free(&without);
	}
}

/* Legacy LZ4 with blocks of the given sizes, cycled; each is one chunk. */
static void lz4_small_blocks(struct fx_buf *out, const struct fx_buf *in,
			     const size_t *sizes, size_t nsizes)
{
	size_t off = 0, i = 0;
	uint8_t word[4];

	memset(out, 0, sizeof(*out));
	fx_put_le32(word, 0x184c2102u);
	fx_put(out, word, 4);
	while (off < in->len) {
		size_t n = sizes[i++ % nsizes];
		struct fx_buf part = { 0 }, lz = { 0 };

		n = n < in->len - off ? n : in->len - off;
		fx_put(&part, in->p + off, n);
		fx_lz4_legacy(&lz, &part);
		fx_put(out, lz.p + 4, lz.len - 4);	/* size, block */
		fx_free(&part);
		fx_free(&lz);
		off += n;
	}
	fx_put_le32(word, (uint32_t)in->len);
	fx_put(out, word, 4);
}

static int contains_blocks(const struct fx_buf *text, const size_t *sizes,
			   size_t nsizes, struct diag *d)
{
	struct fx_buf pl, b;
	int rc;

	lz4_small_blocks(&pl, text, sizes, nsizes);
	bz_init(&b, PROTO(2, 15), 0);
	bz_payload(&b, PAYLOAD_GAP, &pl);
	rc = fx_kernel_contains(&b, NEEDLE, d);
	fx_free(&pl);
	fx_free(&b);
	return rc;
}

/* Output chunks shorter than the needle: a match spans several. */
static void test_kernel_contains_lz4_tiny_chunks(void)
{
	static const size_t sizes[] = { 1, 2, 3, 5, 7, 11, 1, 1, 13, 4 };
	size_t pos;

	for (pos = 0; pos + NEEDLE_LEN <= 80; pos++) {
		struct fx_buf text;
		struct diag d;

		content(&text, 80, pos);
		CU_ASSERT_EQUAL(contains_blocks(&text, sizes,
						ARRAY_SIZE(sizes), &d), 1);
		fx_free(&text);
	}
}

/* Both halves of the needle, apart: no match made of stale context. */
static void test_kernel_contains_lz4_split_no_match(void)
{
	static const size_t sizes[] = { 10, 3, 8, 2 };
	struct fx_buf text = { 0 };
	struct diag d;

	fx_put(&text, "initramfs_", 10);
	fx_put(&text, "xyz", 3);
	fx_put(&text, "options=", 8);
	fx_put(&text, "ab", 2);
	CU_ASSERT_EQUAL(contains_blocks(&text, sizes, ARRAY_SIZE(sizes), &d),
			0);
	fx_free(&text);
}

/* An uncompressed kernel (CONFIG_KERNEL_UNCOMPRESSED): the payload is an
 * ELF file, searched as it is. */
static void test_kernel_contains_elf_payload(void)
{
	struct fx_buf text, pl = { 0 }, b;
	struct bzimage bz;
	struct diag d;
	uint8_t tail[4];

	content(&text, 40000, 20000);
	memcpy(text.p, "\177ELF", 4);
	fx_append(&pl, &text);
	fx_put_le32(tail, (uint32_t)text.len);
	fx_put(&pl, tail, 4);
	bz_init(&b, PROTO(2, 15), 0);
	bz_payload(&b, PAYLOAD_GAP, &pl);
	CU_ASSERT_EQUAL_FATAL(bz_read_ok(&b, &bz, &d), 0);
	CU_ASSERT_EQUAL(bz.payload_comp, COMP_NONE);
	CU_ASSERT_EQUAL(fx_kernel_contains(&b, NEEDLE, &d), 1);
	memset(b.p + bz.payload_offset + 20000, 'z', NEEDLE_LEN);
	CU_ASSERT_EQUAL(fx_kernel_contains(&b, NEEDLE, &d), 0);
	fx_free(&text);
	fx_free(&pl);
	fx_free(&b);
}

/* Only the payload is searched, not the setup code. */
static void test_kernel_contains_setup_not_searched(void)
{
	struct fx_buf text, b;
	struct diag d;

	content(&text, 1000, SIZE_MAX);
	bz_with(&b, COMP_GZIP, &text);
	memcpy(b.p + 0x600, NEEDLE, NEEDLE_LEN);
	CU_ASSERT_EQUAL(fx_kernel_contains(&b, NEEDLE, &d), 0);
	fx_free(&text);
	fx_free(&b);
}

static void test_kernel_contains_pre_2_08(void)
{
	struct fx_buf b;
	struct diag d;

	bz_init(&b, PROTO(2, 7), 0);
	fx_zeros(&b, 0x100);
	memcpy(b.p + 0xa10, NEEDLE, NEEDLE_LEN);
	CU_ASSERT_EQUAL(fx_kernel_contains(&b, NEEDLE, &d), -1);
	ASSERT_MSG(&d, "boot protocol before 2.08 does not locate the "
		   "payload");
	fx_free(&b);
}

static void test_kernel_contains_gzip_corrupt(void)
{
	struct fx_buf text, b;
	struct kernel k;
	struct diag d;

	content(&text, 20000, SIZE_MAX);
	bz_with(&b, COMP_GZIP, &text);
	CU_ASSERT_EQUAL_FATAL(fx_kernel_read(&b, &k, &d), 0);
	memset(b.p + k.bz.payload_offset + 12, 0xff, 16);
	CU_ASSERT_EQUAL(fx_kernel_contains(&b, NEEDLE, &d), -1);
	CU_ASSERT_EQUAL(strncmp(d.msg, "gzip: ", 6), 0);
	CU_ASSERT_TRUE(d.has_offset);
	CU_ASSERT_TRUE(d.offset >= k.bz.payload_offset);
	CU_ASSERT_TRUE(d.offset <= b.len);
	fx_free(&text);
	fx_free(&b);
}

int main(void)
{
	static const struct fx_test tests[] = {
#define T(name) { #name, name }
		T(test_bzimage_fields_table_boot_rst),
		T(test_bzimage_fields_v2_15_distinct),
		T(test_bzimage_read_v2_15_decoded),
		T(test_bzimage_has_field_by_protocol),
		T(test_bzimage_has_field_v2_10_xloadflags),
		T(test_bzimage_has_field_pre_2_00),
		T(test_bzimage_setup_sects_zero_means_4),
		T(test_bzimage_kernel_version_read),
		T(test_bzimage_kernel_version_none),
		T(test_bzimage_kernel_version_setup_end),
		T(test_bzimage_kernel_version_longest),
		T(test_bzimage_kernel_version_too_long),
		T(test_bzimage_kernel_version_outside_setup),
		T(test_bzimage_kernel_version_unterminated),
		T(test_bzimage_payload_gzip),
		T(test_bzimage_payload_magic_each),
		T(test_bzimage_payload_past_end),
		T(test_bzimage_payload_too_short),
		T(test_bzimage_setup_past_end),
		T(test_bzimage_syssize_past_end),
		T(test_bzimage_syssize_before_2_04),
		T(test_bzimage_truncated_boot_sector),
		T(test_bzimage_truncated_setup_header),
		T(test_bzimage_truncated_header_whole),
		T(test_bzimage_truncated_in_version),
		T(test_bzimage_figure_v2_10_known),
		T(test_bzimage_figure_v2_09_unknown),
		T(test_bzimage_figure_pre_2_00_unknown),
		T(test_bzimage_probe_mz_and_flag),
		T(test_kernel_contains_gzip_middle),
		T(test_kernel_contains_gzip_absent),
		T(test_kernel_contains_gzip_start),
		T(test_kernel_contains_gzip_end),
		T(test_kernel_contains_gzip_needle_only),
		T(test_kernel_contains_gzip_chunk_straddle),
		T(test_kernel_contains_each_codec),
		T(test_kernel_contains_lz4_tiny_chunks),
		T(test_kernel_contains_lz4_split_no_match),
		T(test_kernel_contains_elf_payload),
		T(test_kernel_contains_setup_not_searched),
		T(test_kernel_contains_pre_2_08),
		T(test_kernel_contains_gzip_corrupt),
#undef T
		{ NULL, NULL },
	};

	return fx_run("bzimage", tests);
}
