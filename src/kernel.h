/* SPDX-License-Identifier: MIT */
/*
 * Kernel images, recognised by content: a table of formats, each with its
 * probe and reader, and what the memory budget needs from any of them.
 */
#ifndef KIMGINFO_KERNEL_H
#define KIMGINFO_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "bzimage.h"
#include "codec.h"
#include "image.h"
#include "kscan.h"
#include "pe.h"
#include "uimage.h"
#include "vmlinux.h"
#include "zboot.h"
#include "source.h"
#include "util.h"

enum kernel_kind {
	KERNEL_BZIMAGE,
	KERNEL_IMAGE,		/* arm64 or RISC-V, maybe gzip-compressed */
	KERNEL_VMLINUX,		/* the ELF itself */
	KERNEL_UIMAGE,		/* U-Boot legacy image around a kernel */
	KERNEL_ZBOOT,		/* EFI zboot around a compressed Image */
	KERNEL_PE,		/* a PE EFI image: a UKI when it has .linux */
};

#define KERNEL_DEPTH_MAX 3	/* containers within containers */

struct kernel {
	enum kernel_kind kind;
	const char *format;		/* a name for people */
	struct bzimage bz;
	struct image img;
	struct vmlinux elf;		/* KERNEL_VMLINUX */
	struct uimage ui;		/* KERNEL_UIMAGE */
	struct zboot zb;		/* KERNEL_ZBOOT */
	struct pe pe;			/* KERNEL_PE */

	/* What a container holds: read as a kernel in its own right. */
	struct kernel *inner;
	struct source inner_src;
	bool inner_failed;		/* it holds a kernel that is damaged */
	struct diag inner_err;
	unsigned depth;

	/* The memory figure the budget uses: init_size or image_size. */
	bool figure_known;
	uint64_t figure;
	const char *figure_field;
	uint64_t figure_offset;		/* of the field, in the header */
	char figure_why[160];		/* why it is unknown */
	unsigned page_size;		/* 4096 unless an arm64 flag says */
};

/*
 * Identify a kernel image from its first n bytes (head) and read its header.
 * Returns 1 when the file is no kernel this table knows, 0 when read, -1 on
 * a damaged kernel image (d says how).
 */
int kernel_read(const struct source *s, const uint8_t *head, size_t n,
		struct kernel *k, struct diag *d);

/* The kernel that boots: the one inside containers, else k itself. */
const struct kernel *kernel_booted(const struct kernel *k);

/* Whether head starts a kernel format that needs no seeking to see. */
bool kernel_probe_head(const uint8_t *head, size_t n);

/* Remove the temporary file kernel_inspect() is writing, if any; safe to
 * call from a signal handler. */
void kernel_temp_cleanup(void);

/* Free what kernel_read() allocated: the kernels inside containers. */
void kernel_free(struct kernel *k);

/* What decoding the whole of a kernel's code tells (-a, --config). */
struct kernel_code {
	uint64_t size;			/* decoded bytes */
	struct kscan scan;		/* banner, embedded config */
	bool has_elf;
	struct vmlinux elf;		/* the bzImage payload or the vmlinux */
	bool elf_failed;		/* a bzImage payload that is no ELF */
	struct diag elf_err;
	char version_note[320];		/* how the releases given agree */
};

/*
 * Decode the kernel's code once: scan it, read it as ELF when it is one,
 * and with extract set write it there (through a temporary file renamed
 * into place; an existing file only with force). 0, or -1 with d set.
 */
int kernel_inspect(const struct source *s, const struct kernel *k,
		   const char *extract, bool force, bool want_elf,
		   struct kernel_code *kc, struct diag *d);
void kernel_code_free(struct kernel_code *kc);

/*
 * Decode the kernel's code, the bzImage payload (the vmlinux ELF), the
 * Image inside an Image.gz, or a plain Image, into sink; *out counts the
 * bytes. 0, or -1 when it cannot be decoded or the sink stops (d says why
 * in the first case).
 */
int kernel_decode(const struct source *s, const struct kernel *k,
		  codec_sink_fn sink, void *ctx, uint64_t *out,
		  struct diag *d);

/*
 * Whether the kernel's code contains needle (in the decompressed payload of
 * a bzImage or Image.gz, in the file of a plain Image). 1 found, 0 not,
 * -1 when the kernel cannot be decoded (d says why).
 */
int kernel_contains(const struct source *s, const struct kernel *k,
		    const char *needle, struct diag *d);

#endif
