/* SPDX-License-Identifier: MIT */
/*
 * The text reports, in readelf's manner: a title line ending in a colon,
 * labels indented and padded to one column, hex for offsets and addresses,
 * decimal for sizes. They print parsed structures, never parse.
 */
#ifndef KIMGINFO_REPORT_H
#define KIMGINFO_REPORT_H

#include <stdio.h>

#include "budget.h"
#include "initramfs.h"
#include "inventory.h"
#include "kernel.h"

void report_kernel(FILE *out, const struct kernel *k);
void report_elf(FILE *out, const struct vmlinux *v);

/* -a: what decoding the kernel's code told. */
void report_kernel_code(FILE *out, const struct kernel *k,
			const struct kernel_code *kc);
void report_initramfs(FILE *out, const struct initramfs *ird);

/* Everything the budget report shows: its inputs and their sources. */
struct budget_report {
	const char *kernel_name;
	const struct kernel *kernel;
	const struct reader_file *initrds;	/* names, sizes once walked */
	size_t ninitrds;
	const struct initramfs *ird;	/* NULL without an initramfs */
	const char *percent_why;
	bool uki_initrd;		/* C is a UKI's .initrd section */
	bool trust_sizes;		/* --trust-sizes was given */
	const char *model;		/* "bytes" or "pages" */
	unsigned page_size;		/* the kernel's, for "pages" */
	struct budget_input in;
	struct budget out;
};

void report_budget(FILE *out, const struct budget_report *b);

/* --list: a line per entry, like ls -l, and a header per segment. */
void report_list_segment(FILE *out, size_t index, const struct ird_segment *s);
void report_list_entry(FILE *out, const struct cpio_entry *e,
		       const struct inv_entry *ie);

/* --summary: what the initramfs holds, per segment and in total. */
void report_summary(FILE *out, const struct initramfs *ird,
		    const struct inventory *inv);

#endif
