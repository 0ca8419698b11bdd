/* SPDX-License-Identifier: MIT */
/*
 * The legacy U-Boot image (uImage): a 64-byte big-endian header with CRCs
 * of itself and of the data that follows, which holds a kernel.
 *
 * Source: U-Boot include/image.h (struct legacy_img_hdr, IH_* values).
 */
#ifndef KIMGINFO_UIMAGE_H
#define KIMGINFO_UIMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "source.h"
#include "util.h"

#define UIMAGE_HEADER_LEN	64
#define UIMAGE_MAGIC		0x27051956u

struct uimage {
	uint32_t hcrc, time, size, load, ep, dcrc;
	uint8_t os, arch, type, comp;
	char name[33];
	uint32_t hcrc_actual, dcrc_actual;
};

bool uimage_probe(const uint8_t *p, size_t n);

/* Read the header and check both CRCs; 0, or -1 with d set. */
int uimage_read(const struct source *s, struct uimage *u, struct diag *d);

const char *uimage_os_name(uint8_t os);
const char *uimage_arch_name(uint8_t arch);
const char *uimage_type_name(uint8_t type);
const char *uimage_comp_name(uint8_t comp);

#endif
