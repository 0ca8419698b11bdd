/* SPDX-License-Identifier: MIT */
/*
 * The vmlinux ELF, given directly or decoded from a bzImage payload, read
 * with libelf: its class, machine and entry, the PT_LOAD segments that make
 * its resident footprint, its sections, notes and banner.
 */
#ifndef KIMGINFO_VMLINUX_H
#define KIMGINFO_VMLINUX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define VM_LOADS_MAX	16
#define VM_NOTES_MAX	32
#define VM_DESC_MAX	64	/* note bytes kept, for the build ID */
#define VM_KEY_SECTIONS	6

/* The sections a summary names: .text, .rodata, .data, .bss, .init.*. */
extern const char *const vm_key_sections[VM_KEY_SECTIONS];

struct vm_load {
	uint64_t offset, vaddr, paddr, filesz, memsz;
	uint32_t flags;
};

struct vm_note {
	char owner[16];
	uint32_t type;
	uint32_t descsz;
	uint8_t desc[VM_DESC_MAX];
};

struct vmlinux {
	unsigned elf_class;		/* 32 or 64 */
	bool big_endian;
	uint16_t type, machine;
	uint64_t entry;
	struct vm_load load[VM_LOADS_MAX];
	size_t nload;			/* all of them, even those not kept */
	uint64_t load_span;		/* lowest to highest PT_LOAD paddr */
	size_t nsections;
	uint64_t sec_size[VM_KEY_SECTIONS];	/* of vm_key_sections[] */
	bool sec_found[VM_KEY_SECTIONS];
	struct vm_note note[VM_NOTES_MAX];
	size_t nnotes;
	bool has_symtab;
	char banner[512];		/* from the linux_banner symbol */
};

/* Whether p starts an ELF file. */
bool vmlinux_probe(const uint8_t *p, size_t n);

/* Read the ELF open on fd; 0, or -1 with d set. */
int vmlinux_read(int fd, struct vmlinux *v, struct diag *d);

/* The GNU build ID as hex into buf (2 * descsz + 1), or NULL. */
const char *vmlinux_build_id(const struct vmlinux *v, char *buf, size_t n);

/* A name for an ELF machine number, NULL when unknown. */
const char *vmlinux_machine_name(uint16_t machine);

#endif
