/* SPDX-License-Identifier: MIT */
/*
 * The arm64 and RISC-V kernel Image headers, also when the Image is gzip
 * compressed (Debian's arm64 vmlinuz): then only the bytes the header needs
 * are decompressed.
 *
 * Sources: Documentation/arch/arm64/booting.rst,
 * Documentation/arch/riscv/boot-image-header.rst.
 */
#ifndef KIMGINFO_IMAGE_H
#define KIMGINFO_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "source.h"
#include "util.h"

#define IMG_HEADER_LEN		64

#define IMG_CODE0		0
#define IMG_CODE1		4
#define IMG_TEXT_OFFSET		8
#define IMG_IMAGE_SIZE		16
#define IMG_FLAGS		24
#define IMG_RV_VERSION		32
#define IMG_RV_MAGIC		48	/* "RISCV\0\0\0", deprecated */
#define IMG_ARM64_MAGIC		56	/* "ARM\x64" */
#define IMG_RV_MAGIC2		56	/* "RSC\x05" */
#define IMG_PE_OFFSET		60

/* arm64 flags, booting.rst */
#define ARM64_FLAG_BE		(1u << 0)
#define ARM64_FLAG_PAGE_SHIFT	1
#define ARM64_FLAG_PAGE_MASK	3u
#define ARM64_FLAG_PHYS_ANY	(1u << 3)

enum image_arch {
	IMG_ARM64,
	IMG_RISCV,
};

struct image {
	enum image_arch arch;
	bool gzipped;			/* the file is gzip(Image) */
	uint8_t hdr[IMG_HEADER_LEN];
	uint32_t code0, code1;
	uint64_t text_offset, image_size, flags;
	uint32_t pe_offset;
	bool efi_stub;			/* "MZ" at the start: a PE image too */
};

/* Whether p starts an arm64 or RISC-V Image header; sets *arch. */
bool image_probe(const uint8_t *p, size_t n, enum image_arch *arch);

/* Whether p is a gzip stream whose content starts with an Image header. */
bool image_probe_gzip(const struct source *s, const uint8_t *p, size_t n);

int image_read(const struct source *s, struct image *img, struct diag *d);

/* Fill img from a 64-byte header already in memory; false if none. */
bool image_from_header(struct image *img, const uint8_t *hdr);

/* The page size the arm64 flags declare, 0 when unspecified. */
unsigned image_arm64_page_size(const struct image *img);

#endif
