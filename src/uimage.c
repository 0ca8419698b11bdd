/* SPDX-License-Identifier: MIT */
/*
 * Source: U-Boot include/image.h: struct legacy_img_hdr (ih_magic @0,
 * ih_hcrc @4, ih_time @8, ih_size @12, ih_load @16, ih_ep @20, ih_dcrc @24,
 * ih_os @28, ih_arch @29, ih_type @30, ih_comp @31, ih_name[32] @32), all
 * big-endian; the header CRC-32 is taken with ih_hcrc zeroed.
 */
#include "config.h"

#include <string.h>
#include <zlib.h>

#include "uimage.h"

#define UI_HCRC		4
#define UI_TIME		8
#define UI_SIZE		12
#define UI_LOAD		16
#define UI_EP		20
#define UI_DCRC		24
#define UI_OS		28
#define UI_ARCH		29
#define UI_TYPE		30
#define UI_COMP		31
#define UI_NAME		32
#define UI_NAME_LEN	32

bool uimage_probe(const uint8_t *p, size_t n)
{
	return n >= 4 && be32(p) == UIMAGE_MAGIC;
}

static const char *name_of(const char *const *names, size_t n, uint8_t v)
{
	return v < n && names[v] ? names[v] : NULL;
}

const char *uimage_os_name(uint8_t os)
{
	static const char *const names[] = {
		[0] = "invalid", [1] = "OpenBSD", [2] = "NetBSD",
		[3] = "FreeBSD", [5] = "Linux", [14] = "VxWorks",
		[16] = "QNX", [17] = "U-Boot", [18] = "RTEMS",
		[25] = "ARM Trusted Firmware", [26] = "TEE",
		[27] = "OpenSBI", [28] = "EFI",
	};

	return name_of(names, ARRAY_SIZE(names), os);
}

const char *uimage_arch_name(uint8_t arch)
{
	static const char *const names[] = {
		[0] = "invalid", [1] = "Alpha", [2] = "ARM", [3] = "x86",
		[4] = "IA64", [5] = "MIPS", [6] = "MIPS64", [7] = "PowerPC",
		[8] = "S390", [9] = "SuperH", [10] = "SPARC",
		[11] = "SPARC64", [12] = "M68K", [14] = "MicroBlaze",
		[15] = "Nios II", [16] = "Blackfin", [17] = "AVR32",
		[18] = "ST200", [19] = "Sandbox", [20] = "NDS32",
		[21] = "OpenRISC", [22] = "AArch64", [23] = "ARC",
		[24] = "x86-64", [25] = "Xtensa", [26] = "RISC-V",
	};

	return name_of(names, ARRAY_SIZE(names), arch);
}

const char *uimage_type_name(uint8_t type)
{
	static const char *const names[] = {
		[0] = "invalid", [1] = "standalone", [2] = "kernel",
		[3] = "ramdisk", [4] = "multi", [5] = "firmware",
		[6] = "script", [7] = "filesystem", [8] = "flat_dt",
		[14] = "kernel_noload",
	};

	return name_of(names, ARRAY_SIZE(names), type);
}

const char *uimage_comp_name(uint8_t comp)
{
	static const char *const names[] = {
		"none", "gzip", "bzip2", "lzma", "lzo", "lz4", "zstd",
	};

	return name_of(names, ARRAY_SIZE(names), comp);
}

/* The data CRC-32, read a chunk at a time. */
static int data_crc(const struct source *s, uint32_t size, uint32_t *crc,
		    struct diag *d)
{
	uint8_t buf[65536];
	uint64_t off = UIMAGE_HEADER_LEN;
	uint64_t end = UIMAGE_HEADER_LEN + (uint64_t)size;
	uLong c = crc32(0, Z_NULL, 0);

	while (off < end) {
		size_t want = end - off < sizeof(buf) ? (size_t)(end - off)
						      : sizeof(buf);
		long long got;

		got = source_read(s, off, buf, want, d);
		if (got <= 0)
			return -1;
		c = crc32(c, buf, (uInt)got);
		off += (uint64_t)got;
	}
	*crc = (uint32_t)c;
	return 0;
}

static void decode(const uint8_t *h, struct uimage *u)
{
	u->hcrc = be32(h + UI_HCRC);
	u->time = be32(h + UI_TIME);
	u->size = be32(h + UI_SIZE);
	u->load = be32(h + UI_LOAD);
	u->ep = be32(h + UI_EP);
	u->dcrc = be32(h + UI_DCRC);
	u->os = h[UI_OS];
	u->arch = h[UI_ARCH];
	u->type = h[UI_TYPE];
	u->comp = h[UI_COMP];
	memcpy(u->name, h + UI_NAME, UI_NAME_LEN);
	u->name[UI_NAME_LEN] = '\0';
}

int uimage_read(const struct source *s, struct uimage *u, struct diag *d)
{
	uint8_t h[UIMAGE_HEADER_LEN];

	memset(u, 0, sizeof(*u));
	if (source_read_header(s, h, sizeof(h), "uImage", d) < 0)
		return -1;
	decode(h, u);
	memset(h + UI_HCRC, 0, 4);
	u->hcrc_actual = (uint32_t)crc32(0, h, sizeof(h));
	if (u->hcrc_actual != u->hcrc) {
		diag_set_at(d, UI_HCRC, "uImage header CRC-32 0x%08x, computed "
			    "0x%08x", u->hcrc, u->hcrc_actual);
		return -1;
	}
	if (UIMAGE_HEADER_LEN + (uint64_t)u->size > s->size) {
		diag_set_at(d, UI_SIZE, "uImage data of %u bytes runs past the "
			    "end of the file (%llu bytes)", u->size,
			    (unsigned long long)s->size);
		return -1;
	}
	if (data_crc(s, u->size, &u->dcrc_actual, d) < 0)
		return -1;
	if (u->dcrc_actual != u->dcrc) {
		diag_set_at(d, UI_DCRC, "uImage data CRC-32 0x%08x, computed "
			    "0x%08x", u->dcrc, u->dcrc_actual);
		return -1;
	}
	return 0;
}
