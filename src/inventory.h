/* SPDX-License-Identifier: MIT */
/*
 * What an initramfs holds, entry by entry, as the kernel would create it in
 * the rootfs: counts by type, hard links (init/initramfs.c's rules),
 * duplicate paths, the largest files, early microcode, module trees, the
 * generator, /init, and the page-accurate tmpfs footprint.
 */
#ifndef KIMGINFO_INVENTORY_H
#define KIMGINFO_INVENTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "cpio.h"
#include "strmap.h"

#define INV_LARGEST	10
#define INV_MICROCODE	8
#define INV_PAGE_SIZES	3	/* 4K, 16K, 64K */
#define INV_SEGMENTS	4096

extern const unsigned inv_page_sizes[INV_PAGE_SIZES];

enum inv_kind {
	INV_REGULAR,
	INV_DIRECTORY,
	INV_SYMLINK,
	INV_DEVICE,		/* character and block */
	INV_FIFO_SOCKET,
	INV_HARDLINK,		/* a later name of a hard-link group */
	INV_OTHER,		/* a mode the kernel does not create */
	INV_KINDS,
};

extern const char *const inv_kind_names[INV_KINDS];

struct inv_counts {
	uint64_t n[INV_KINDS];
	uint64_t entries;
	uint64_t data_bytes;		/* file data, each inode once */
	uint64_t pages[INV_PAGE_SIZES];	/* tmpfs data pages, in bytes */
};

struct inv_file {
	char *path;
	uint64_t size;
};

struct inv_inode;

struct inventory {
	struct inv_counts total;
	struct inv_counts seg[INV_SEGMENTS];
	size_t nsegs;			/* segments with an entry, + 1 */
	struct strmap paths;		/* path -> struct inv_path */
	struct strmap links;		/* hard-link key -> its first path */
	struct inv_inode *inodes;	/* every file created */
	struct strmap modules;		/* versions under lib/modules */
	uint64_t duplicates;		/* entries whose path came before */
	struct inv_file largest[INV_LARGEST];	/* by inventory_finish() */
	size_t nlargest;
	struct inv_file microcode[INV_MICROCODE];
	size_t nmicrocode;
	const char *generator;		/* NULL when unknown */
	bool has_init;
	uint32_t init_mode;
	char init_target[CPIO_PATH_MAX + 1];
	bool failed;			/* out of memory: results are partial */
};

/* What the inventory learnt of one entry, for a listing. */
struct inv_entry {
	enum inv_kind kind;
	const char *path;		/* normalised: no leading ./ or / */
	const char *hardlink_of;	/* first path of its group, or NULL */
	bool duplicate;			/* a later copy of an earlier path */
};

void inventory_init(struct inventory *inv);
void inventory_free(struct inventory *inv);

/* Account for entry e, which starts in segment seg. */
void inventory_add(struct inventory *inv, size_t seg,
		   const struct cpio_entry *e, struct inv_entry *out);

/* What path names at the end: its mode, and a symlink's target. */
bool inventory_lookup(const struct inventory *inv, const char *path,
		      uint32_t *mode, const char **target);

/* After the last entry: the largest files, each inode once. */
void inventory_finish(struct inventory *inv);

/*
 * A path given more than once; the last copy wins, as in the kernel.
 * inventory_duplicates() fills d with the first max of them in byte order.
 */
struct inv_dup {
	const char *path;
	uint32_t copies;
	size_t last_seg;
};

size_t inventory_duplicates(const struct inventory *inv,
			    struct inv_dup *d, size_t max);

/* How many paths are given more than once. */
size_t inventory_duplicate_paths(const struct inventory *inv);

/* The versions under lib/modules, in no particular order. */
size_t inventory_modules(const struct inventory *inv, const char **v,
			 size_t max);

#endif
