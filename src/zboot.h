/* SPDX-License-Identifier: MIT */
/*
 * The EFI zboot image of arm64, RISC-V and LoongArch kernels: a PE file
 * whose header names a compressed payload that decodes to an Image.
 *
 * Source: drivers/firmware/efi/libstub/zboot-header.S and Makefile.zboot.
 */
#ifndef KIMGINFO_ZBOOT_H
#define KIMGINFO_ZBOOT_H

#include <stdbool.h>
#include <stdint.h>

#include "codec.h"
#include "source.h"
#include "util.h"

#define ZB_MAGIC		4	/* "zimg" */
#define ZB_PAYLOAD_OFFSET	8
#define ZB_PAYLOAD_SIZE		12
#define ZB_COMP_TYPE		24	/* NUL-terminated */
#define ZB_PE_OFFSET		0x3c
#define ZB_HEADER_LEN		0x40

struct zboot {
	uint32_t payload_offset, payload_size, pe_offset;
	char comp_type[ZB_PE_OFFSET - ZB_COMP_TYPE + 1];
	enum comp comp;
};

bool zboot_probe(const uint8_t *p, size_t n);
int zboot_read(const struct source *s, struct zboot *z, struct diag *d);

/* The payload as a codec region: its offset and length, which does not
 * count the decoded size appended after it (all but gzip carry one). */
void zboot_payload(const struct zboot *z, uint64_t *off, uint64_t *len);

#endif
