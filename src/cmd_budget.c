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
#include "pair.h"
#include "report.h"

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
			   const struct kernel *k, struct pair_files *bf,
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
		if (pair_walk(bf, ird, inv) < 0)
			return 1;
		walk_warnings(bf->rf, bf->n, bf->limited ? bf->section_offset :
			      0, ird, inv);
		b.ird = ird;
		b.in.uncompressed = ird->ulen;
		b.in.compressed = ird->size;
		b.initrds = bf->rf;
		b.ninitrds = bf->n;
		b.uki_initrd = bf->limited;
		b.trust_sizes = o->trust_sizes;
		if (pair_percent(o, &src, k, &b.in.tmpfs_percent, why,
				   sizeof(why)) < 0)
			return 1;
		b.percent_why = why;
	} else if (o->tmpfs_percent) {
		b.in.tmpfs_percent = o->tmpfs_percent;
		b.percent_why = "set with --tmpfs-percent";
	}

	budget_model(o, k, inv, &b);
	budget_compute(&b.in, &b.out);
	if (output_json())
		output_set("budget", json_budget(&b));
	else if (o->quiet)
		printf("%" PRIu64 "\n", b.out.total);
	else
		report_budget(stdout, &b);
	return 0;
}

int command_budget(const struct options *o, char **files, size_t n)
{
	struct pair_files bf = { 0 };
	struct initramfs *ird = NULL;
	struct input kin = { .fd = -1 };
	struct inventory inv;
	struct kernel k = { .inner = NULL };
	struct options uo;
	int ret = 1;

	if (input_open(&kin, files[0]) < 0 || pair_kernel(&kin, &k, true) < 0) {
		kernel_free(&k);
		input_close(&kin);
		return 1;
	}
	ird = malloc(sizeof(*ird));
	if (!ird)
		fprintf(stderr, "%s: out of memory\n", progname);
	inventory_init(&inv);
	if (ird && (n > 1 ? pair_open_initrds(&bf, files + 1, n - 1) :
		    pair_open_uki_initrd(&bf, &kin, &k)) == 0)
		ret = run_budget_walk(pair_uki_options(o, &k, &uo), &kin, &k, &bf,
				      ird, &inv);
	inventory_free(&inv);
	pair_close_initrds(&bf);
	free(ird);
	kernel_free(&k);
	input_close(&kin);
	return ret;
}
