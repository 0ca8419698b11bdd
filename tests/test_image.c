/* SPDX-License-Identifier: MIT */
/*
 * The arm64 and RISC-V Image readers on headers written field by field from
 * the boot documents, plain and gzip-compressed, truncated and corrupt, and
 * kernel_contains() over a plain Image and an Image.gz.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "image.h"
#include "kernel.h"
#include "source.h"

/* Documentation/arch/arm64/booting.rst: the 64-byte Image header. */
#define A64_CODE0		0
#define A64_CODE1		4
#define A64_TEXT_OFFSET		8
#define A64_IMAGE_SIZE		16
#define A64_FLAGS		24
#define A64_MAGIC		56	/* "ARM\x64" */
#define A64_PE_OFFSET		60	/* res5 */
#define A64_FLAG_BE		(1u << 0)
#define A64_FLAG_PAGE_SHIFT	1	/* 0 none, 1 4K, 2 16K, 3 64K */
#define A64_FLAG_PHYS_ANY	(1u << 3)

/* Documentation/arch/riscv/boot-image-header.rst. */
#define RV_CODE0		0
#define RV_CODE1		4
#define RV_TEXT_OFFSET		8
#define RV_IMAGE_SIZE		16
#define RV_FLAGS		24
#define RV_VERSION		32	/* major << 16 | minor */
#define RV_MAGIC		48	/* "RISCV\0\0\0", deprecated */
#define RV_MAGIC2		56	/* "RSC\x05" */
#define RV_PE_OFFSET		60	/* res3 */

#define HEADER_LEN		64
#define PE_SIG_LEN		4	/* "PE\0\0", where the header points */

/* RFC 1952: the fixed gzip header and its FNAME flag. */
#define GZIP_HEADER_LEN		10
#define GZIP_FLG		3
#define GZIP_FNAME		0x08

/* A header with a value in every field, each distinct. */
#define A64_CODE0_MZ		0x91005a4du	/* "MZ", then an add */
#define A64_CODE1_B		0x14000ffeu	/* b to the kernel */
#define A64_TEXT		0x0000000000080000u
#define A64_SIZE		0x0000000102a4c000u
#define A64_PE			0x00000040u

#define RV_CODE0_MZ		0x00005a4du
#define RV_CODE1_J		0x0040006fu
#define RV_TEXT			0x0000000000200000u
#define RV_SIZE			0x0000000001234000u
#define RV_VERSION_0_2		0x00000002u

#define NEEDLE		"initramfs_options="
#define NEEDLE_LEN	(sizeof(NEEDLE) - 1)
#define READ_CHUNK	(256 * 1024)	/* the reader's first read */

#define ASSERT_MSG(d, want)						\
	do {								\
		if (strcmp((d)->msg, (want)) != 0)			\
			fprintf(stderr, "\n  got  \"%s\"\n  want \"%s\"\n", \
				(d)->msg, (want));			\
		CU_ASSERT_STRING_EQUAL((d)->msg, (want));		\
	} while (0)

/* The PE signature an EFI stub's header points to, right after it. */
static void pe_signature(struct fx_buf *b)
{
	memcpy(b->p + HEADER_LEN, "PE\0\0", PE_SIG_LEN);
}

/* An arm64 header with the given flags, a PE signature, then pad bytes. */
static void arm64_image(struct fx_buf *b, uint64_t flags, size_t pad)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	fx_zeros(b, HEADER_LEN + PE_SIG_LEN + pad);
	pe_signature(b);
	fx_put_le32(b->p + A64_CODE0, A64_CODE0_MZ);
	fx_put_le32(b->p + A64_CODE1, A64_CODE1_B);
	fx_put_le64(b->p + A64_TEXT_OFFSET, A64_TEXT);
	fx_put_le64(b->p + A64_IMAGE_SIZE, A64_SIZE);
	fx_put_le64(b->p + A64_FLAGS, flags);
	memcpy(b->p + A64_MAGIC, "ARM\x64", 4);
	fx_put_le32(b->p + A64_PE_OFFSET, A64_PE);
	for (i = 0; i < pad; i++)
		b->p[HEADER_LEN + PE_SIG_LEN + i] =
			(uint8_t)('a' + (i * 7 + i / 26) % 26);
}

static void riscv_image(struct fx_buf *b, size_t pad)
{
	memset(b, 0, sizeof(*b));
	fx_zeros(b, HEADER_LEN + PE_SIG_LEN + pad);
	pe_signature(b);
	fx_put_le32(b->p + RV_CODE0, RV_CODE0_MZ);
	fx_put_le32(b->p + RV_CODE1, RV_CODE1_J);
	fx_put_le64(b->p + RV_TEXT_OFFSET, RV_TEXT);
	fx_put_le64(b->p + RV_IMAGE_SIZE, RV_SIZE);
	fx_put_le64(b->p + RV_FLAGS, 0);
	fx_put_le32(b->p + RV_VERSION, RV_VERSION_0_2);
	memcpy(b->p + RV_MAGIC, "RISCV\0\0\0", 8);
	memcpy(b->p + RV_MAGIC2, "RSC\x05", 4);
	fx_put_le32(b->p + RV_PE_OFFSET, HEADER_LEN);
}

static void gzipped(struct fx_buf *gz, const struct fx_buf *in)
{
	memset(gz, 0, sizeof(*gz));
	fx_gzip(gz, in);
}

static int read_len(const struct fx_buf *b, size_t len, struct image *img,
		    struct diag *d)
{
	struct fx_opened o;
	int rc;

	memset(d, 0, sizeof(*d));
	fx_open_buf(&o, b, len);
	rc = image_read(&o.s, img, d);
	fclose(o.f);
	return rc;
}

/* Read all of b, expecting success: say why not. */
static int read_ok(const struct fx_buf *b, struct image *img, struct diag *d)
{
	int rc = read_len(b, b->len, img, d);

	if (rc != 0)
		fprintf(stderr, "\n  image_read: %s\n", d->msg);
	return rc;
}

static void check_arm64(const struct image *img, uint64_t flags)
{
	CU_ASSERT_EQUAL(img->arch, IMG_ARM64);
	CU_ASSERT_EQUAL(img->code0, A64_CODE0_MZ);
	CU_ASSERT_EQUAL(img->code1, A64_CODE1_B);
	CU_ASSERT_EQUAL(img->text_offset, A64_TEXT);
	CU_ASSERT_EQUAL(img->image_size, A64_SIZE);
	CU_ASSERT_EQUAL(img->flags, flags);
	CU_ASSERT_EQUAL(img->pe_offset, A64_PE);
	CU_ASSERT_TRUE(img->efi_stub);
}

static void test_image_arm64_fields(void)
{
	const uint64_t flags = (1u << A64_FLAG_PAGE_SHIFT) | A64_FLAG_PHYS_ANY;
	struct fx_buf b;
	struct image img;
	struct diag d;

	arm64_image(&b, flags, 1000);
	CU_ASSERT_EQUAL_FATAL(read_ok(&b, &img, &d), 0);
	check_arm64(&img, flags);
	CU_ASSERT_FALSE(img.gzipped);
	CU_ASSERT_EQUAL(memcmp(img.hdr, b.p, HEADER_LEN), 0);
	CU_ASSERT_EQUAL(image_arm64_page_size(&img), 4096);
	fx_free(&b);
}

/* The page size bits alone decide, whatever the bits around them. */
static void test_image_arm64_page_size_each(void)
{
	static const unsigned sizes[] = { 0, 4096, 16384, 65536 };
	uint64_t other = A64_FLAG_BE | A64_FLAG_PHYS_ANY | 1ull << 40;
	unsigned v;

	for (v = 0; v < 4; v++) {
		uint64_t flags = (uint64_t)v << A64_FLAG_PAGE_SHIFT;
		struct fx_buf b;
		struct image img;
		struct diag d;

		arm64_image(&b, flags, 0);
		CU_ASSERT_EQUAL(read_ok(&b, &img, &d), 0);
		CU_ASSERT_EQUAL(image_arm64_page_size(&img), sizes[v]);
		fx_free(&b);

		arm64_image(&b, flags | other, 0);
		CU_ASSERT_EQUAL(read_ok(&b, &img, &d), 0);
		CU_ASSERT_EQUAL(img.flags, flags | other);
		CU_ASSERT_EQUAL(image_arm64_page_size(&img), sizes[v]);
		fx_free(&b);
	}
}

static void test_image_arm64_no_efi_stub(void)
{
	struct fx_buf b;
	struct image img;
	struct diag d;

	arm64_image(&b, 0, 0);
	fx_put_le32(b.p + A64_CODE0, 0x14000010u);
	CU_ASSERT_EQUAL_FATAL(read_ok(&b, &img, &d), 0);
	CU_ASSERT_FALSE(img.efi_stub);
	CU_ASSERT_EQUAL(img.code0, 0x14000010u);
	fx_free(&b);
}

static void test_image_arm64_figure_known(void)
{
	struct fx_buf b;
	struct kernel k;
	struct diag d;

	arm64_image(&b, 0, 4096);
	CU_ASSERT_EQUAL_FATAL(fx_kernel_read(&b, &k, &d), 0);
	CU_ASSERT_EQUAL(k.kind, KERNEL_IMAGE);
	CU_ASSERT_STRING_EQUAL(k.format, "arm64 Image");
	CU_ASSERT_TRUE(k.figure_known);
	CU_ASSERT_EQUAL(k.figure, A64_SIZE);
	CU_ASSERT_STRING_EQUAL(k.figure_field, "image_size");
	CU_ASSERT_EQUAL(k.figure_offset, A64_IMAGE_SIZE);
	fx_free(&b);
}

/* Kernels before 3.17 leave image_size 0 (text_offset 0x80000). */
static void test_image_arm64_size_zero(void)
{
	struct fx_buf b;
	struct kernel k;
	struct diag d;

	arm64_image(&b, 0, 4096);
	fx_put_le64(b.p + A64_IMAGE_SIZE, 0);
	CU_ASSERT_EQUAL_FATAL(fx_kernel_read(&b, &k, &d), 0);
	CU_ASSERT_FALSE(k.figure_known);
	CU_ASSERT_EQUAL(k.figure, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(k.figure_why, "3.17"));
	fx_free(&b);
}

static void test_image_arm64_gzip(void)
{
	const uint64_t flags = 3u << A64_FLAG_PAGE_SHIFT;
	struct fx_buf b, gz;
	struct kernel k;
	struct diag d;

	arm64_image(&b, flags, 8192);
	gzipped(&gz, &b);
	CU_ASSERT_EQUAL_FATAL(fx_kernel_read(&gz, &k, &d), 0);
	CU_ASSERT_EQUAL(k.kind, KERNEL_IMAGE);
	CU_ASSERT_TRUE(k.img.gzipped);
	CU_ASSERT_STRING_EQUAL(k.format, "arm64 Image, gzip-compressed");
	check_arm64(&k.img, flags);
	CU_ASSERT_EQUAL(image_arm64_page_size(&k.img), 65536);
	CU_ASSERT_TRUE(k.figure_known);
	CU_ASSERT_EQUAL(k.figure, A64_SIZE);
	fx_free(&b);
	fx_free(&gz);
}

/* A stream of exactly the header: it ends as the header is complete. */
static void test_image_arm64_gzip_header_only(void)
{
	struct fx_buf b, gz;
	struct image img;
	struct diag d;

	arm64_image(&b, 0, 0);
	gzipped(&gz, &b);
	CU_ASSERT_EQUAL_FATAL(read_ok(&gz, &img, &d), 0);
	CU_ASSERT_TRUE(img.gzipped);
	check_arm64(&img, 0);
	fx_free(&b);
	fx_free(&gz);
}

/* A long FNAME: the header's bytes come only after several input reads. */
static void test_image_arm64_gzip_long_name(void)
{
	struct fx_buf b, gz, named = { 0 };
	struct image img;
	struct diag d;

	arm64_image(&b, 0, 100);
	gzipped(&gz, &b);
	fx_put(&named, gz.p, GZIP_HEADER_LEN);
	named.p[GZIP_FLG] |= GZIP_FNAME;
	fx_zeros(&named, 10000);
	memset(named.p + GZIP_HEADER_LEN, 'n', 9999);
	fx_put(&named, gz.p + GZIP_HEADER_LEN, gz.len - GZIP_HEADER_LEN);
	CU_ASSERT_EQUAL_FATAL(read_ok(&named, &img, &d), 0);
	check_arm64(&img, 0);
	fx_free(&b);
	fx_free(&gz);
	fx_free(&named);
}

/* "MZ" in code0 promises a PE header: a file cut before it is damaged. */
static void test_image_efi_stub_without_pe(void)
{
	struct fx_buf b;
	struct image img;
	struct diag d;

	arm64_image(&b, 0, 0);
	CU_ASSERT_EQUAL(read_len(&b, HEADER_LEN, &img, &d), -1);
	ASSERT_MSG(&d, "code0 announces an EFI stub, but there is no PE "
		   "signature at 0x40: the file is truncated or damaged");
	CU_ASSERT_EQUAL(d.offset, A64_PE_OFFSET);

	b.p[HEADER_LEN] = 'X';
	CU_ASSERT_EQUAL(read_len(&b, b.len, &img, &d), -1);

	/* Without the stub no PE header is looked for. */
	fx_put_le32(b.p + A64_CODE0, A64_CODE1_B);
	CU_ASSERT_EQUAL(read_len(&b, HEADER_LEN, &img, &d), 0);
	fx_free(&b);
}

static void test_image_truncated_plain(void)
{
	static const size_t lens[] = { 0, 1, 2, 40, 63 };
	struct fx_buf b;
	size_t i;

	arm64_image(&b, 0, 0);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		struct image img;
		struct diag d;
		char want[80];

		snprintf(want, sizeof(want), "truncated Image header: need "
			 "0x40 bytes, have 0x%zx", lens[i]);
		CU_ASSERT_EQUAL(read_len(&b, lens[i], &img, &d), -1);
		ASSERT_MSG(&d, want);
	}
	fx_free(&b);
}

/* A whole gzip stream whose content is shorter than a header. */
static void test_image_truncated_gzip_content(void)
{
	static const size_t lens[] = { 0, 30, 63 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		struct fx_buf b, part = { 0 }, gz;
		struct image img;
		struct diag d;
		char want[80];

		arm64_image(&b, 0, 0);
		fx_put(&part, b.p, lens[i]);
		gzipped(&gz, &part);
		snprintf(want, sizeof(want), "truncated Image header: need "
			 "0x40 bytes, have 0x%zx", lens[i]);
		CU_ASSERT_EQUAL(read_len(&gz, gz.len, &img, &d), -1);
		ASSERT_MSG(&d, want);
		fx_free(&b);
		fx_free(&part);
		fx_free(&gz);
	}
}

/* The file ends in the gzip header: nothing of the Image decoded. */
static void test_image_truncated_gzip_stream(void)
{
	struct fx_buf b, gz;
	struct image img;
	struct diag d;

	arm64_image(&b, 0, 4096);
	gzipped(&gz, &b);
	CU_ASSERT_EQUAL(read_len(&gz, GZIP_HEADER_LEN, &img, &d), -1);
	ASSERT_MSG(&d, "truncated Image header: need 0x40 bytes, have 0x0");
	CU_ASSERT_EQUAL(read_len(&gz, 2, &img, &d), -1);
	CU_ASSERT_EQUAL(strncmp(d.msg, "truncated Image header", 22), 0);
	fx_free(&b);
	fx_free(&gz);
}

/* A deflate block of the reserved type 3. */
static void test_image_gzip_corrupt_block(void)
{
	struct fx_buf b, gz;
	struct image img;
	struct diag d;

	arm64_image(&b, 0, 4096);
	gzipped(&gz, &b);
	memset(gz.p + GZIP_HEADER_LEN, 0xff, 32);
	CU_ASSERT_EQUAL(read_len(&gz, gz.len, &img, &d), -1);
	ASSERT_MSG(&d, "gzip: corrupt stream: invalid block type");
	fx_free(&b);
	fx_free(&gz);
}

static void test_image_gzip_corrupt_method(void)
{
	struct fx_buf b, gz;
	struct image img;
	struct diag d;

	arm64_image(&b, 0, 4096);
	gzipped(&gz, &b);
	gz.p[2] = 7;
	CU_ASSERT_EQUAL(read_len(&gz, gz.len, &img, &d), -1);
	ASSERT_MSG(&d, "gzip: corrupt stream: unknown compression method");
	fx_free(&b);
	fx_free(&gz);
}

/* Every byte of the stream damaged in turn: an answer, never a crash. */
static void test_image_gzip_corrupt_each_byte(void)
{
	struct fx_buf b, gz;
	size_t i;

	arm64_image(&b, 0, 200);
	gzipped(&gz, &b);
	for (i = 0; i < gz.len; i++) {
		struct image img;
		struct diag d;
		int rc;

		gz.p[i] ^= 0x5a;
		rc = read_len(&gz, gz.len, &img, &d);
		CU_ASSERT(rc == 0 || rc == -1);
		CU_ASSERT(rc == 0 || d.msg[0] != '\0');
		gz.p[i] ^= 0x5a;
	}
	fx_free(&b);
	fx_free(&gz);
}

static void test_image_no_magic(void)
{
	struct fx_buf b = { 0 }, gz;
	struct image img;
	struct kernel k;
	struct diag d;

	fx_zeros(&b, 4096);
	CU_ASSERT_EQUAL(read_len(&b, b.len, &img, &d), -1);
	ASSERT_MSG(&d, "no arm64 or RISC-V Image magic");
	CU_ASSERT_EQUAL(fx_kernel_read(&b, &k, &d), 1);
	gzipped(&gz, &b);
	CU_ASSERT_EQUAL(read_len(&gz, gz.len, &img, &d), -1);
	ASSERT_MSG(&d, "no arm64 or RISC-V Image magic");
	CU_ASSERT_EQUAL(fx_kernel_read(&gz, &k, &d), 1);
	fx_free(&b);
	fx_free(&gz);
}

static void test_image_probe_gzip(void)
{
	struct fx_buf b, gz, zeros = { 0 }, gz0;
	struct fx_opened o;

	arm64_image(&b, 0, 100);
	gzipped(&gz, &b);
	fx_zeros(&zeros, 100);
	gzipped(&gz0, &zeros);
	fx_open_buf(&o, &gz, gz.len);
	CU_ASSERT_TRUE(image_probe_gzip(&o.s, gz.p, gz.len));
	CU_ASSERT_FALSE(image_probe_gzip(&o.s, gz.p, 1));
	fclose(o.f);
	fx_open_buf(&o, &gz0, gz0.len);
	CU_ASSERT_FALSE(image_probe_gzip(&o.s, gz0.p, gz0.len));
	fclose(o.f);
	fx_open_buf(&o, &b, b.len);
	CU_ASSERT_FALSE(image_probe_gzip(&o.s, b.p, b.len));
	fclose(o.f);
	fx_free(&b);
	fx_free(&gz);
	fx_free(&zeros);
	fx_free(&gz0);
}

static void check_riscv(const struct image *img)
{
	CU_ASSERT_EQUAL(img->arch, IMG_RISCV);
	CU_ASSERT_EQUAL(img->code0, RV_CODE0_MZ);
	CU_ASSERT_EQUAL(img->code1, RV_CODE1_J);
	CU_ASSERT_EQUAL(img->text_offset, RV_TEXT);
	CU_ASSERT_EQUAL(img->image_size, RV_SIZE);
	CU_ASSERT_EQUAL(img->flags, 0);
	CU_ASSERT_EQUAL(le32(img->hdr + RV_VERSION), RV_VERSION_0_2);
	CU_ASSERT_EQUAL(memcmp(img->hdr + RV_MAGIC2, "RSC\x05", 4), 0);
	CU_ASSERT_EQUAL(img->pe_offset, HEADER_LEN);
	CU_ASSERT_TRUE(img->efi_stub);
}

static void test_image_riscv_fields(void)
{
	struct fx_buf b;
	struct kernel k;
	struct diag d;

	riscv_image(&b, 500);
	CU_ASSERT_EQUAL_FATAL(fx_kernel_read(&b, &k, &d), 0);
	check_riscv(&k.img);
	CU_ASSERT_FALSE(k.img.gzipped);
	CU_ASSERT_STRING_EQUAL(k.format, "RISC-V Image");
	CU_ASSERT_TRUE(k.figure_known);
	CU_ASSERT_EQUAL(k.figure, RV_SIZE);
	CU_ASSERT_STRING_EQUAL(k.figure_field, "image_size");
	fx_free(&b);
}

/* magic2 alone, or the deprecated magic alone, says RISC-V. */
static void test_image_riscv_either_magic(void)
{
	struct fx_buf b;
	struct image img;
	struct diag d;

	riscv_image(&b, 0);
	memset(b.p + RV_MAGIC, 0, 8);
	CU_ASSERT_EQUAL(read_ok(&b, &img, &d), 0);
	CU_ASSERT_EQUAL(img.arch, IMG_RISCV);
	fx_free(&b);

	riscv_image(&b, 0);
	memset(b.p + RV_MAGIC2, 0, 4);
	CU_ASSERT_EQUAL(read_ok(&b, &img, &d), 0);
	CU_ASSERT_EQUAL(img.arch, IMG_RISCV);
	CU_ASSERT_EQUAL(img.pe_offset, HEADER_LEN);
	fx_free(&b);
}

/* The 3.17 history is arm64's: a RISC-V reason does not cite it. */
static void test_image_riscv_size_zero(void)
{
	struct fx_buf b;
	struct kernel k;
	struct diag d;

	riscv_image(&b, 0);
	fx_put_le64(b.p + RV_IMAGE_SIZE, 0);
	CU_ASSERT_EQUAL_FATAL(fx_kernel_read(&b, &k, &d), 0);
	CU_ASSERT_FALSE(k.figure_known);
	CU_ASSERT_STRING_EQUAL(k.figure_why, "image_size is 0");
	fx_free(&b);
}

static void test_image_riscv_gzip(void)
{
	struct fx_buf b, gz;
	struct kernel k;
	struct diag d;

	riscv_image(&b, 3000);
	gzipped(&gz, &b);
	CU_ASSERT_EQUAL_FATAL(fx_kernel_read(&gz, &k, &d), 0);
	check_riscv(&k.img);
	CU_ASSERT_TRUE(k.img.gzipped);
	CU_ASSERT_STRING_EQUAL(k.format, "RISC-V Image, gzip-compressed");
	fx_free(&b);
	fx_free(&gz);
}

/* An arm64 Image of len bytes with the needle at pos (SIZE_MAX: none). */
static void image_with(struct fx_buf *b, size_t len, size_t pos, bool gz)
{
	struct fx_buf plain;

	arm64_image(&plain, 0, len - HEADER_LEN - PE_SIG_LEN);
	if (pos != SIZE_MAX)
		memcpy(plain.p + pos, NEEDLE, NEEDLE_LEN);
	if (!gz) {
		*b = plain;
		return;
	}
	gzipped(b, &plain);
	fx_free(&plain);
}

static int contains_at(size_t len, size_t pos, bool gz)
{
	struct fx_buf b;
	struct diag d;
	int rc;

	image_with(&b, len, pos, gz);
	rc = fx_kernel_contains(&b, NEEDLE, &d);
	if (rc < 0)
		fprintf(stderr, "\n  kernel_contains: %s\n", d.msg);
	fx_free(&b);
	return rc;
}

static void test_kernel_contains_image_plain(void)
{
	CU_ASSERT_EQUAL(contains_at(50000, 30000, false), 1);
	CU_ASSERT_EQUAL(contains_at(50000, 50000 - NEEDLE_LEN, false), 1);
	CU_ASSERT_EQUAL(contains_at(50000, HEADER_LEN + PE_SIG_LEN, false), 1);
	CU_ASSERT_EQUAL(contains_at(50000, SIZE_MAX, false), 0);
}

/* The file is read in 256 KiB pieces: the needle across the first cut. */
static void test_kernel_contains_image_plain_straddle(void)
{
	size_t k;

	for (k = 1; k < NEEDLE_LEN; k++) {
		CU_ASSERT_EQUAL(contains_at(READ_CHUNK + 1000, READ_CHUNK - k,
					    false), 1);
		CU_ASSERT_EQUAL(contains_at(READ_CHUNK - k + NEEDLE_LEN,
					    READ_CHUNK - k, false), 1);
	}
}

static void test_kernel_contains_image_gzip(void)
{
	CU_ASSERT_EQUAL(contains_at(50000, 30000, true), 1);
	CU_ASSERT_EQUAL(contains_at(50000, 50000 - NEEDLE_LEN, true), 1);
	CU_ASSERT_EQUAL(contains_at(50000, SIZE_MAX, true), 0);
	CU_ASSERT_EQUAL(contains_at(READ_CHUNK + 100, READ_CHUNK - 9, true),
			1);
}

/* Damage found only at the end of the stream still fails the search. */
static void test_kernel_contains_image_gzip_bad_crc(void)
{
	struct fx_buf b;
	struct diag d;

	image_with(&b, 50000, SIZE_MAX, true);
	b.p[b.len - 8] ^= 0xff;
	CU_ASSERT_EQUAL(fx_kernel_contains(&b, NEEDLE, &d), -1);
	CU_ASSERT_EQUAL(strncmp(d.msg, "gzip: CRC-32 mismatch", 21), 0);
	CU_ASSERT_TRUE(d.has_offset);
	CU_ASSERT_EQUAL(d.offset, b.len - 8);
	fx_free(&b);
}

int main(void)
{
	static const struct fx_test tests[] = {
#define T(name) { #name, name }
		T(test_image_arm64_fields),
		T(test_image_arm64_page_size_each),
		T(test_image_arm64_no_efi_stub),
		T(test_image_arm64_figure_known),
		T(test_image_arm64_size_zero),
		T(test_image_arm64_gzip),
		T(test_image_arm64_gzip_header_only),
		T(test_image_arm64_gzip_long_name),
		T(test_image_efi_stub_without_pe),
		T(test_image_truncated_plain),
		T(test_image_truncated_gzip_content),
		T(test_image_truncated_gzip_stream),
		T(test_image_gzip_corrupt_block),
		T(test_image_gzip_corrupt_method),
		T(test_image_gzip_corrupt_each_byte),
		T(test_image_no_magic),
		T(test_image_probe_gzip),
		T(test_image_riscv_fields),
		T(test_image_riscv_either_magic),
		T(test_image_riscv_size_zero),
		T(test_image_riscv_gzip),
		T(test_kernel_contains_image_plain),
		T(test_kernel_contains_image_plain_straddle),
		T(test_kernel_contains_image_gzip),
		T(test_kernel_contains_image_gzip_bad_crc),
#undef T
		{ NULL, NULL },
	};

	return fx_run("image", tests);
}
