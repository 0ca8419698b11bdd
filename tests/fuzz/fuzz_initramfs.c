/* SPDX-License-Identifier: MIT */
/*
 * The initramfs walker over a whole buffer, as --summary and --budget run
 * it: segments, every decompressor, the cpio parser, and the inventory of
 * paths, hard links and duplicates, with the reports printed; --budget's
 * --trust-sizes when the last byte is odd.
 */
#include "fuzz.h"

#include "initramfs.h"
#include "inventory.h"
#include "reader.h"
#include "report.h"

static void on_entry(void *ctx, size_t seg, const struct ird_segment *s,
		     const struct cpio_entry *e)
{
	struct inv_entry ie;

	inventory_add(ctx, seg, e, &ie);
	report_list_entry(fuzz_null(), e, &ie);
	(void)s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct initramfs ird;	/* large: off the stack */
	struct reader_file f = { .name = "fuzz" };
	struct inventory inv;
	struct reader r;

	/* Keep a run short: a bomb is reported at 64 MiB, not 64 GiB. */
	initramfs_set_limits(UINT64_C(64) << 20, 1000);
	/* Half the inputs read xz indexes and zstd frame headers instead. */
	initramfs_trust_sizes(size > 0 && (data[size - 1] & 1));

	f.fd = fuzz_memfd(data, size);
	if (f.fd < 0)
		return 0;
	reader_init(&r, &f, 1);
	inventory_init(&inv);

	initramfs_walk(&r, &ird, on_entry, &inv);
	inventory_finish(&inv);
	report_initramfs(fuzz_null(), &ird);
	report_summary(fuzz_null(), &ird, &inv);

	inventory_free(&inv);
	reader_free(&r);
	close(f.fd);
	return 0;
}
