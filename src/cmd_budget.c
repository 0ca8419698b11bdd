/* SPDX-License-Identifier: MIT */
/*
 * --budget: read the kernel's memory figure, walk the initramfs files as
 * the one buffer a boot loader makes of them, decide the rootfs limit, and
 * print every input and step of the formula.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "budget.h"
#include "command.h"
#include "initramfs.h"
#include "inventory.h"
#include "json.h"
#include "kernel.h"
#include "output.h"
#include "report.h"

#define OPTION_NEEDLE "initramfs_options="

/* The rootfs limit: an option, the command line, or the kernel's own. */
static int budget_percent(const struct options *o, const struct source *src,
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

struct budget_files {
	uint64_t limit;			/* a UKI's .initrd: its length */
	char uki_name[4096];
	struct input *in;
	struct reader_file *rf;
	const char **names;
	uint64_t *sizes;
	size_t n;
};

static int open_initrds(struct budget_files *bf, char **names, size_t n)
{
	size_t i;
	int ret = 0;

	bf->n = n;
	bf->in = calloc(n + 1, sizeof(*bf->in));
	bf->rf = calloc(n + 1, sizeof(*bf->rf));
	bf->names = calloc(n + 1, sizeof(*bf->names));
	bf->sizes = calloc(n + 1, sizeof(*bf->sizes));
	if (!bf->in || !bf->rf || !bf->names || !bf->sizes) {
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
		bf->names[i] = names[i];
	}
	return ret;
}

static void close_initrds(struct budget_files *bf)
{
	size_t i;

	for (i = 0; bf->in && i < bf->n; i++)
		input_close(&bf->in[i]);
	free(bf->in);
	free(bf->rf);
	free(bf->names);
	free(bf->sizes);
}

/* Walk the initrds as one buffer; on failure name the file at fault. */
static void inventory_entry(void *ctx, size_t seg, const struct ird_segment *s,
			    const struct cpio_entry *e)
{
	struct inv_entry ie;

	(void)s;
	inventory_add(ctx, seg, e, &ie);
}

static int walk_initrds(struct budget_files *bf, struct initramfs *ird,
			struct inventory *inv)
{
	struct reader r;
	size_t i;
	int ret;

	reader_init(&r, bf->rf, bf->n);
	if (bf->limit)
		r.limit = bf->limit;
	ret = initramfs_walk(&r, ird, inventory_entry, inv);
	if (ret < 0) {
		struct diag d = ird->failed ? ird->err : ird->boot_err;
		const struct reader_file *f = reader_file_at(&r, d.offset);

		if (d.has_offset)
			d.offset -= f->start;
		output_error(f->name, &d);
	}
	for (i = 0; i < bf->n; i++)
		bf->sizes[i] = bf->limit ? bf->limit : bf->rf[i].size;
	reader_free(&r);
	return ret;
}

static int budget_kernel(struct input *in, struct kernel *k)
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
			  "(bzImage, Image, vmlinux, uImage, zboot)");
	else if (ret < 0)
		output_error(in->name, &d);
	else if (!k->figure_known) {
		diag_set(&d, "the budget cannot be computed: %s",
			 k->figure_why);
		output_error(in->name, &d);
	}
	return ret == 0 && k->figure_known ? 0 : -1;
}

/* U under the model asked for: cpio bytes, or whole tmpfs pages. */
static void budget_model(const struct options *o, const struct kernel *k,
			 const struct inventory *inv, struct budget_report *b)
{
	size_t i;

	b->model = o->pages ? "pages" : "bytes";
	b->page_size = k->page_size;
	if (!o->pages)
		return;
	for (i = 0; i < INV_PAGE_SIZES; i++)
		if (inv_page_sizes[i] == k->page_size)
			b->in.uncompressed = inv->total.pages[i];
}

static int run_budget_walk(const struct options *o, struct input *kin,
			   const struct kernel *k, struct budget_files *bf,
			   struct initramfs *ird, struct inventory *inv)
{
	struct source src = input_source(kin);
	struct budget_report b = { 0 };
	char why[256];

	b.kernel_name = kin->name;
	b.kernel = k;
	b.in.kernel = k->figure;
	b.in.workload_mib = o->workload_mib;
	b.in.shm_mib = o->shm_mib;
	b.in.tmpfs_percent = 50;
	b.percent_why = "the tmpfs default; no initramfs to unpack";
	if (bf->n > 0) {
		if (walk_initrds(bf, ird, inv) < 0)
			return 1;
		walk_warnings(bf->n == 1 ? bf->names[0] : "initramfs", ird, inv);
		b.ird = ird;
		b.in.uncompressed = ird->ulen;
		budget_model(o, k, inv, &b);
		b.in.compressed = ird->size;
		b.initrd_names = bf->names;
		b.initrd_sizes = bf->sizes;
		b.ninitrds = bf->n;
		b.uki_initrd = bf->limit != 0;
		if (budget_percent(o, &src, k, &b.in.tmpfs_percent, why,
				   sizeof(why)) < 0)
			return 1;
		b.percent_why = why;
	} else if (o->tmpfs_percent) {
		b.in.tmpfs_percent = o->tmpfs_percent;
		b.percent_why = "set with --tmpfs-percent";
	}

	budget_compute(&b.in, &b.out);
	if (output_json())
		output_set("budget", json_budget(&b));
	else if (o->quiet)
		printf("%" PRIu64 "\n", b.out.total);
	else
		report_budget(stdout, &b);
	return 0;
}

/* A UKI's .cmdline is the command line, unless --cmdline says otherwise. */
static const struct options *uki_options(const struct options *o,
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
static int open_uki_initrd(struct budget_files *bf, const struct input *kin,
			   const struct kernel *k)
{
	const struct pe_section *sec = pe_section(&k->pe, ".initrd");

	if (k->kind != KERNEL_PE || !sec)
		return 0;
	if (open_initrds(bf, NULL, 0) < 0)
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
	bf->names[0] = bf->uki_name;
	bf->limit = sec->size;
	return 0;
}

int command_budget(const struct options *o, char **files, size_t n)
{
	struct budget_files bf = { 0 };
	struct initramfs *ird = NULL;
	struct input kin = { .fd = -1 };
	struct inventory inv;
	struct kernel k = { .inner = NULL };
	struct options uo;
	int ret = 1;

	if (input_open(&kin, files[0]) < 0 || budget_kernel(&kin, &k) < 0) {
		kernel_free(&k);
		input_close(&kin);
		return 1;
	}
	ird = malloc(sizeof(*ird));
	if (!ird)
		fprintf(stderr, "%s: out of memory\n", progname);
	inventory_init(&inv);
	if (ird && (n > 1 ? open_initrds(&bf, files + 1, n - 1) :
		    open_uki_initrd(&bf, &kin, &k)) == 0)
		ret = run_budget_walk(uki_options(o, &k, &uo), &kin, &k, &bf,
				      ird, &inv);
	inventory_free(&inv);
	close_initrds(&bf);
	free(ird);
	kernel_free(&k);
	input_close(&kin);
	return ret;
}
