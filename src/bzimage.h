/* SPDX-License-Identifier: MIT */
/*
 * The x86 boot image: the real-mode setup header of the Linux boot protocol
 * and where the compressed kernel (the payload) lies.
 *
 * Source: Documentation/arch/x86/boot.rst, "The real-mode kernel header";
 * arch/x86/include/uapi/asm/bootparam.h.
 */
#ifndef KIMGINFO_BZIMAGE_H
#define KIMGINFO_BZIMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "codec.h"
#include "source.h"
#include "util.h"

/* Enough for every header field of protocol 2.15 and a little after. */
#define BZ_HEADER_READ		0x280
#define BZ_KERNEL_VERSION_MAX	256

#define BZ_SETUP_SECTS		0x1f1
#define BZ_SYSSIZE		0x1f4
#define BZ_BOOT_FLAG		0x1fe
#define BZ_HEADER		0x202
#define BZ_VERSION		0x206
#define BZ_KERNEL_VERSION	0x20e
#define BZ_LOADFLAGS		0x211
#define BZ_RELOCATABLE		0x234
#define BZ_XLOADFLAGS		0x236
#define BZ_PAYLOAD_OFFSET	0x248
#define BZ_PAYLOAD_LENGTH	0x24c
#define BZ_INIT_SIZE		0x260

#define BZ_BOOT_FLAG_MAGIC	0xaa55
#define BZ_LOADED_HIGH		0x01	/* loadflags bit 0 */
#define BZ_XLF_KERNEL_64	0x01	/* xloadflags bits, bootparam.h */
#define BZ_XLF_ABOVE_4G		0x02

/* A boot protocol version as the header stores it. */
#define BZ_PROTO(major, minor)	((major) << 8 | (minor))
#define BZ_SECTOR		512

enum bz_kind {
	BZ_HEX,			/* printed as hex of its width */
	BZ_DEC,			/* printed in decimal */
	BZ_MAGIC,		/* four characters */
	BZ_PROTOCOL,
	BZ_VERSION_PTR,
	BZ_LOADFLAGS_BITS,
	BZ_XLOADFLAGS_BITS,
	BZ_SIZE,		/* a size in bytes */
	BZ_PARAGRAPHS,		/* 16-byte units */
	BZ_LOG2,
};

struct bz_field {
	uint16_t offset;
	uint8_t size;
	uint16_t protocol;	/* first protocol version that has it */
	const char *name;
	enum bz_kind kind;
};

extern const struct bz_field bz_fields[];
extern const size_t bz_nfields;

/* The names of loadflags' and xloadflags' bits; NULL where none. */
extern const char *const bz_loadflags_names[8];
extern const char *const bz_xloadflags_names[8];

struct bzimage {
	uint8_t hdr[BZ_HEADER_READ];
	size_t hdr_len;			/* bytes of hdr read from the file */
	uint64_t file_size;
	bool has_hdrs;			/* "HdrS": protocol 2.00 or later */
	uint16_t protocol;		/* 0 before 2.00 */
	unsigned setup_sects;		/* 0 in the header means 4 */
	uint64_t pm_offset;		/* protected-mode code in the file */

	char kernel_version[BZ_KERNEL_VERSION_MAX];
	bool has_kernel_version;

	bool has_payload;		/* protocol 2.08+ */
	uint64_t payload_offset;	/* in the file */
	uint32_t payload_length;
	enum comp payload_comp;
	uint32_t payload_size;		/* the u32 that ends the payload */

	bool has_init_size;		/* protocol 2.10+ */
	uint32_t init_size;
};

/* A boot sector with the 0xAA55 boot flag: this module's to read. */
bool bzimage_probe(const uint8_t *p, size_t n);

/* Read and check the header; 0 or -1 with d set. */
int bzimage_read(const struct source *s, struct bzimage *bz, struct diag *d);

/* Whether the image's protocol defines field f. */
bool bzimage_has_field(const struct bzimage *bz, const struct bz_field *f);

/* The value of field f, little-endian, of its width. */
uint64_t bzimage_field(const struct bzimage *bz, const struct bz_field *f);

#endif
