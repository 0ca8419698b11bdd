/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "budget.h"
#include "output.h"
#include "pair.h"

#define OPTION_NEEDLE "initramfs_options="

/* The rootfs limit: an option, the command line, or the kernel's own. */
int pair_percent(const struct options *o, const struct source *src,
			  const struct kernel *k, unsigned *pct, char *why,
			  size_t n)
{
	struct diag d = { .msg = "" };
	char what[64];
	int has, set;

	if (o->tmpfs_percent) {
		*pct = o->tmpfs_percent;
		snprintf(why, n, "set with --tmpfs-percent");
		return 0;
	}

	/* A kernel that honours the option carries its name. */
	has = kernel_contains(src, k, OPTION_NEEDLE, &d);
	if (has < 0) {
		output_error(src->name, &d);
		return -1;
	}
	if (!has) {
		*pct = 50;
		snprintf(why, n, "the tmpfs default, half of RAM: this kernel "
			 "ignores initramfs_options= (the kernel does not "
			 "contain its name)");
		return 0;
	}
	if (!o->cmdline) {
		*pct = 90;
		snprintf(why, n, "assumes initramfs_options=size=90%% on the "
			 "command line, which this kernel honours (it "
			 "contains \"" OPTION_NEEDLE "\")");
		return 0;
	}

	set = budget_cmdline_percent(o->cmdline, pct, what, sizeof(what));
	if (set < 0) {
		/* Only a UKI's .cmdline gets here: --cmdline is checked. */
		diag_set(&d, "the .cmdline sets initramfs_options %s, not a "
			 "percentage of RAM, the only limit kimginfo models",
			 what);
		output_error(src->name, &d);
		return -1;
	}
	if (set == 0) {
		*pct = 50;
		snprintf(why, n, "the tmpfs default, half of RAM: the command "
			 "line sets no initramfs_options size");
	} else if (set == 2) {
		snprintf(why, n, "initramfs_options=size=0%% on the command "
			 "line: no limit, the rootfs may fill RAM");
	} else {
		snprintf(why, n, "initramfs_options=size=%u%% on the command "
			 "line", *pct);
	}
	return 0;
}


int pair_open_initrds(struct pair_files *bf, char **names, size_t n)
{
	size_t i;
	int ret = 0;

	bf->n = n;
	bf->in = calloc(n + 1, sizeof(*bf->in));
	bf->rf = calloc(n + 1, sizeof(*bf->rf));
	if (!bf->in || !bf->rf) {
		fprintf(stderr, "%s: out of memory\n", progname);
		return -1;
	}
	for (i = 0; i < n; i++) {
		bf->in[i].fd = -1;
		if (input_open(&bf->in[i], names[i]) < 0) {
			ret = -1;
			continue;
		}
		bf->rf[i] = (struct reader_file){ .name = names[i],
						  .fd = bf->in[i].fd };
	}
	return ret;
}

void pair_close_initrds(struct pair_files *bf)
{
	size_t i;

	for (i = 0; bf->in && i < bf->n; i++)
		input_close(&bf->in[i]);
	free(bf->in);
	free(bf->rf);
}

/* Walk the initrds as one buffer; on failure name the file at fault. */
static void inventory_entry(void *ctx, size_t seg, const struct ird_segment *s,
			    const struct cpio_entry *e)
{
	struct inv_entry ie;

	(void)s;
	inventory_add(ctx, seg, e, &ie);
}

int pair_walk(struct pair_files *bf, struct initramfs *ird,
			struct inventory *inv)
{
	struct reader r;
	int ret;

	reader_init(&r, bf->rf, bf->n);
	if (bf->limited)
		r.limit = bf->limit;
	ret = initramfs_walk(&r, ird, inventory_entry, inv);
	if (ret < 0) {
		struct diag d = ird->failed ? ird->err : ird->boot_err;
		const struct reader_file *f = reader_file_at(&r, d.offset);

		if (d.has_offset)
			d.offset -= f->start;
		if (d.has_offset && bf->limited)	/* a UKI's .initrd */
			d.offset += bf->section_offset;
		output_error(f->name, &d);
	}
	/* A UKI's .initrd ends at its section's end, not the file's. */
	if (bf->limited)
		bf->rf[0].size = bf->limit;
	reader_free(&r);
	return ret;
}

int pair_kernel(struct input *in, struct kernel *k, bool need_figure)
{
	struct source src = input_source(in);
	uint8_t head[HEAD_LEN];
	struct diag d = { .msg = "" };
	long long got;
	int ret;

	if (!S_ISREG(in->st.st_mode)) {
		output_error_msg(in->name, KERNEL_NOT_REGULAR);
		return -1;
	}
	got = source_read(&src, 0, head, sizeof(head), &d);
	if (got < 0) {
		output_error(in->name, &d);
		return -1;
	}
	ret = kernel_read(&src, head, (size_t)got, k, &d);
	if (got == 0)
		output_error_msg(in->name, "empty file");
	else if (ret == 1)
		output_error_msg(in->name, "not a kernel image this tool knows "
			  "(bzImage, Image, vmlinux, uImage, zboot, UKI)");
	else if (ret < 0)
		output_error(in->name, &d);
	else if (need_figure && !k->figure_known) {
		diag_set(&d, "the budget cannot be computed: %s",
			 k->figure_why);
		output_error(in->name, &d);
	}
	return ret == 0 && (k->figure_known || !need_figure) ? 0 : -1;
}

/* A UKI's .cmdline is the command line, unless --cmdline says otherwise. */
const struct options *pair_uki_options(const struct options *o,
					 const struct kernel *k,
					 struct options *copy)
{
	if (o->cmdline || k->kind != KERNEL_PE || !k->pe.cmdline[0])
		return o;
	*copy = *o;
	copy->cmdline = k->pe.cmdline;
	return copy;
}

/*
 * A Unified Kernel Image given alone brings its own initramfs: walk its
 * .initrd section, read through a second descriptor of the same file.
 */
int pair_open_uki_initrd(struct pair_files *bf, const struct input *kin,
			   const struct kernel *k)
{
	const struct pe_section *sec = pe_section(&k->pe, ".initrd");

	if (k->kind != KERNEL_PE || !sec)
		return 0;
	if (pair_open_initrds(bf, NULL, 0) < 0)
		return -1;
	bf->n = 1;
	snprintf(bf->uki_name, sizeof(bf->uki_name), "%s:.initrd", kin->name);
	bf->in[0] = (struct input){ .name = bf->uki_name, .fd = dup(kin->fd) };
	if (bf->in[0].fd < 0 ||
	    lseek(bf->in[0].fd, (off_t)sec->offset, SEEK_SET) < 0) {
		output_error_msg(kin->name, "cannot read the .initrd section");
		return -1;
	}
	bf->rf[0] = (struct reader_file){ .name = bf->uki_name,
					  .fd = bf->in[0].fd };
	bf->limited = true;
	bf->limit = sec->size;
	bf->section_offset = sec->offset;
	return 0;
}

