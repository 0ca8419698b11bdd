/* SPDX-License-Identifier: MIT */
/*
 * The two things kimginfo does with its operands: report on each file, or
 * compute the memory budget of a kernel and its initramfs files. main.c
 * parses the options into struct options and calls one of them.
 */
#ifndef KIMGINFO_COMMAND_H
#define KIMGINFO_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "source.h"

/* What the tool identifies a file from. */
#define HEAD_LEN 4096
#define KERNEL_NOT_REGULAR \
	"a kernel image must be read from a regular file, not a pipe"

struct options {
	bool check;			/* --check */
	const char *kernel_config;	/* --kernel-config */
	uint64_t memory_mib;		/* --memory */
	const char *rdinit;		/* --rdinit */
	unsigned page_size;		/* --page-size, in bytes */
	const char *skip;		/* --skip, comma-separated */
	bool check_option;		/* one of those five was given */
	uint64_t max_unpacked;		/* --max-unpacked, bytes */
	unsigned max_ratio;		/* --max-ratio, 0: none */
	bool all;			/* -a: every report that applies */
	bool config;			/* --config */
	const char *extract;		/* --extract-vmlinux */
	bool force;
	bool strict;
	bool pages;			/* --rootfs-model=pages */
	bool trust_sizes;		/* --trust-sizes */
	bool list;
	bool summary;
	bool json;
	bool budget;
	bool budget_option;	/* one that only --budget uses was given */
	bool quiet;
	const char *cmdline;
	unsigned tmpfs_percent;		/* 0: decide from the kernel */
	uint64_t workload_mib;
	uint64_t shm_mib;
};

/* An operand, opened: a file, or - for the standard input. */
struct input {
	const char *name;
	int fd;
	struct stat st;
};

/* Open and check an operand; on failure say why (output_error). */
int input_open(struct input *in, const char *name);
void input_close(struct input *in);
struct source input_source(const struct input *in);

/* Identify one file by its content and print its reports; 0 or 1. */
int command_report(const struct options *o, const char *name);

/* Warnings on a walked initramfs: duplicates, padding, no trailer. */
struct initramfs;
struct inventory;
struct reader_file;
void walk_warnings(const struct reader_file *files, size_t n, uint64_t base,
		   const struct initramfs *ird, const struct inventory *inv);

/* --check of files[0], a kernel, with files[1..n-1]; 0 or 1. */
int command_check(const struct options *o, char **files, size_t n);
bool check_name_known(const char *name);

/* The budget of files[0], a kernel, with files[1..n-1]; 0 or 1. */
int command_budget(const struct options *o, char **files, size_t n);

#endif
