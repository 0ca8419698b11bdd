/* SPDX-License-Identifier: MIT */
/*
 * A kernel and its initramfs files, as --budget and --check read them: the
 * kernel's header, the initramfs files opened and walked as the one buffer
 * a boot loader makes of them (or a UKI's own .initrd), and the rootfs
 * limit decided from options, the command line or the kernel itself.
 */
#ifndef KIMGINFO_PAIR_H
#define KIMGINFO_PAIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "command.h"
#include "initramfs.h"
#include "inventory.h"
#include "kernel.h"
#include "reader.h"

struct pair_files {
	bool limited;			/* a UKI's .initrd: */
	uint64_t limit;			/* its length */
	uint64_t section_offset;	/* and where it is in the file */
	char uki_name[4096];
	struct input *in;
	struct reader_file *rf;
	size_t n;
};

/* Open the kernel and read its header; with need_figure its memory figure
 * must be known. 0, or -1 after saying why. */
int pair_kernel(struct input *in, struct kernel *k, bool need_figure);

int pair_open_initrds(struct pair_files *bf, char **names, size_t n);
int pair_open_uki_initrd(struct pair_files *bf, const struct input *kin,
			 const struct kernel *k);
void pair_close_initrds(struct pair_files *bf);

/* Walk them as one buffer into ird and inv; on failure name the file. */
int pair_walk(struct pair_files *bf, struct initramfs *ird,
	      struct inventory *inv);

/* The rootfs limit in % of RAM, and why; -1 when the kernel cannot be
 * searched. */
int pair_percent(const struct options *o, const struct source *src,
		 const struct kernel *k, unsigned *pct, char *why, size_t n);

/* A UKI's .cmdline stands for --cmdline when none is given. */
const struct options *pair_uki_options(const struct options *o,
				       const struct kernel *k,
				       struct options *copy);

#endif
