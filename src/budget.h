/* SPDX-License-Identifier: MIT */
/*
 * The minimum guest memory to boot a kernel, unpack its initramfs into the
 * rootfs tmpfs and run a workload (ktstr's initramfs_min_memory_mb).
 */
#ifndef KIMGINFO_BUDGET_H
#define KIMGINFO_BUDGET_H

#include <stdbool.h>
#include <stdint.h>

struct budget_input {
	uint64_t uncompressed;	/* U: bytes unpacked into the rootfs */
	uint64_t compressed;	/* C: the initrd as loaded */
	uint64_t kernel;	/* I: init_size or image_size */
	unsigned tmpfs_percent;	/* the rootfs size limit, % of RAM */
	uint64_t workload_mib;
	uint64_t shm_mib;
};

/* Every term, in MiB, so that a report can show each step. */
struct budget {
	uint64_t u_mib, i_mib, c_mib;
	uint64_t scaled;	/* ceil(u_mib * 100 / percent) */
	uint64_t content;	/* scaled + i_mib + c_mib */
	uint64_t boot;		/* ceil(content * 64 / 63): struct pages */
	uint64_t total;		/* boot + workload + shm */
};

/* ceil(bytes / 2^20) */
uint64_t budget_ceil_mib(uint64_t bytes);

/* tmpfs_percent must be in 1..BUDGET_PERCENT_MAX. */
#define BUDGET_PERCENT_MAX 1000
void budget_compute(const struct budget_input *in, struct budget *out);

/*
 * The rootfs limit that a kernel command line sets: the last size=N% among
 * the options of its last initramfs_options= parameter. Returns 1 and sets
 * *percent when one is given, 2 and 100 for size=0% (no limit), 0 when the
 * line sets none, -1 when it sets a size that is not a percentage (copied
 * to what, of size n).
 */
int budget_cmdline_percent(const char *cmdline, unsigned *percent,
			   char *what, size_t n);

#endif
