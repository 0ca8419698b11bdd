/* SPDX-License-Identifier: MIT */
/*
 * PE/COFF EFI images, and the Unified Kernel Image among them: a PE stub
 * whose sections carry the kernel (.linux), the initramfs (.initrd), the
 * command line (.cmdline), the release (.uname) and os-release (.osrel).
 *
 * Sources: the Microsoft PE/COFF specification (DOS e_lfanew at 0x3c, the
 * COFF file header, the optional header, 40-byte section headers); the UAPI
 * Group's Unified Kernel Image specification for the section names.
 */
#ifndef KIMGINFO_PE_H
#define KIMGINFO_PE_H

#include <stdbool.h>
#include <stdint.h>

#include "source.h"
#include "util.h"

#define PE_SECTIONS_MAX 96
#define PE_TEXT_MAX	1024	/* of .uname, .cmdline, .osrel kept */

struct pe_section {
	char name[9];
	uint32_t vsize, vaddr, raw_size, raw_ptr, flags;
	uint64_t offset, size;	/* the data in the file */
};

struct pe {
	uint32_t pe_offset;
	uint16_t machine, nsections, opt_size, characteristics;
	uint16_t opt_magic, subsystem;
	uint32_t entry, size_of_image;
	uint64_t image_base;
	struct pe_section sec[PE_SECTIONS_MAX];
	size_t nsec;
	bool uki;			/* has .linux */
	char uname[PE_TEXT_MAX], cmdline[PE_TEXT_MAX], osrel[PE_TEXT_MAX];
};

bool pe_probe(const uint8_t *p, size_t n);
int pe_read(const struct source *s, struct pe *pe, struct diag *d);

/* The section of that name, or NULL. */
const struct pe_section *pe_section(const struct pe *pe, const char *name);

const char *pe_machine_name(uint16_t machine);

#endif
