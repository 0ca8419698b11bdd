/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"

#define LABEL_WIDTH 30

static void label(FILE *out, const char *name)
{
	fprintf(out, "  %-*s", LABEL_WIDTH, name);
}

/* Names of the set bits of v, from names[bit]; unnamed bits as "bit N". */
static void print_bits(FILE *out, uint64_t v, const char *const *names,
		       unsigned nnames)
{
	const char *sep = "";
	unsigned bit;

	fputs(" (", out);
	for (bit = 0; bit < 64; bit++) {
		if (!(v & (UINT64_C(1) << bit)))
			continue;
		if (bit < nnames && names[bit])
			fprintf(out, "%s%s", sep, names[bit]);
		else
			fprintf(out, "%sbit %u", sep, bit);
		sep = ", ";
	}
	fputs(v ? ")" : "none)", out);
}

/* bootparam.h: LOADED_HIGH, KASLR_FLAG, QUIET_FLAG, KEEP_SEGMENTS, ... */
static const char *const loadflags_names[8] = {
	"LOADED_HIGH", "KASLR_FLAG", NULL, NULL, NULL, "QUIET_FLAG",
	"KEEP_SEGMENTS", "CAN_USE_HEAP",
};

/* bootparam.h: XLF_* */
static const char *const xloadflags_names[8] = {
	"KERNEL_64", "CAN_BE_LOADED_ABOVE_4G", "EFI_HANDOVER_32",
	"EFI_HANDOVER_64", "EFI_KEXEC", "5LEVEL", "5LEVEL_ENABLED",
	"MEM_ENCRYPTION",
};

static void print_bz_value(FILE *out, const struct kernel *k,
			   const struct bz_field *f)
{
	const struct bzimage *bz = &k->bz;
	uint64_t v = bzimage_field(bz, f);
	int width = f->size * 2;

	switch (f->kind) {
	case BZ_DEC:
		fprintf(out, "%" PRIu64, v);
		break;
	case BZ_HEX:
		fprintf(out, "0x%0*" PRIx64, width, v);
		break;
	case BZ_MAGIC:
		fprintf(out, "\"%.4s\"", (const char *)bz->hdr + f->offset);
		break;
	case BZ_PROTOCOL:
		fprintf(out, "0x%04" PRIx64 " (%u.%02u)", v,
			(unsigned)(v >> 8), (unsigned)(v & 0xff));
		break;
	case BZ_VERSION_PTR:
		fprintf(out, "0x%04" PRIx64, v);
		if (bz->has_kernel_version)
			fprintf(out, " (file offset 0x%" PRIx64 ")", v + 0x200);
		break;
	case BZ_LOADFLAGS_BITS:
		fprintf(out, "0x%02" PRIx64, v);
		print_bits(out, v, loadflags_names, 8);
		break;
	case BZ_XLOADFLAGS_BITS:
		fprintf(out, "0x%04" PRIx64, v);
		print_bits(out, v, xloadflags_names, 8);
		break;
	case BZ_SIZE:
		fprintf(out, "0x%0*" PRIx64 " (%" PRIu64 " bytes)", width, v, v);
		break;
	case BZ_PARAGRAPHS:
		fprintf(out, "0x%0*" PRIx64 " (%" PRIu64 " bytes)", width, v,
			v * 16);
		break;
	case BZ_LOG2:
		fprintf(out, "%" PRIu64, v);
		if (v < 64)
			fprintf(out, " (0x%" PRIx64 ")", UINT64_C(1) << v);
		break;
	}
}

static void report_bz_fields(FILE *out, const struct kernel *k)
{
	const struct bzimage *bz = &k->bz;
	size_t i;

	if (bz->has_hdrs)
		fprintf(out, "Setup header (boot protocol %u.%02u):\n",
			bz->protocol >> 8, bz->protocol & 0xff);
	else
		fputs("Boot sector (no \"HdrS\": protocol before 2.00):\n", out);
	fprintf(out, "  %-7s %-22s %s\n", "Offset", "Field", "Value");

	for (i = 0; i < bz_nfields; i++) {
		const struct bz_field *f = &bz_fields[i];

		if (!bz->has_hdrs && f->protocol != 0)
			continue;
		fprintf(out, "  0x%03x   %-22s ", f->offset, f->name);
		if (bzimage_has_field(bz, f))
			print_bz_value(out, k, f);
		else
			fprintf(out, "<absent: protocol %u.%02u+>",
				f->protocol >> 8, f->protocol & 0xff);
		fputc('\n', out);
	}
}

static void report_bz_layout(FILE *out, const struct bzimage *bz)
{
	fputs("\nImage layout:\n", out);
	label(out, "Setup code:");
	fprintf(out, "%" PRIu64 " bytes (the boot sector and setup_sects "
		"%u)\n", bz->pm_offset, bz->setup_sects);
	label(out, "Protected-mode code:");
	fprintf(out, "at 0x%" PRIx64 "\n", bz->pm_offset);
	if (bz->has_kernel_version) {
		label(out, "Kernel version:");
		fprintf(out, "%s\n", bz->kernel_version);
	}
	if (!bz->has_payload)
		return;
	label(out, "Payload:");
	fprintf(out, "at 0x%" PRIx64 ", %u bytes\n", bz->payload_offset,
		bz->payload_length);
	label(out, "Payload compression:");
	fprintf(out, "%s\n", comp_name(bz->payload_comp));
	label(out, "Decompressed size:");
	fprintf(out, "%u bytes (the u32 that ends the payload%s)\n",
		bz->payload_size,
		bz->payload_comp == COMP_GZIP ? ": gzip's ISIZE" : "");
}

static void report_image(FILE *out, const struct kernel *k)
{
	const struct image *img = &k->img;
	static const char *const order[] = { "little-endian", "big-endian" };

	fprintf(out, "%s header:\n", img->arch == IMG_ARM64 ?
		"arm64 Image" : "RISC-V Image");
	label(out, "code0:");
	fprintf(out, "0x%08x%s\n", img->code0,
		img->efi_stub ? " (\"MZ\": EFI stub, a PE image too)" : "");
	label(out, "code1:");
	fprintf(out, "0x%08x\n", img->code1);
	label(out, "text_offset:");
	fprintf(out, "0x%" PRIx64 "\n", img->text_offset);
	label(out, "image_size:");
	fprintf(out, "0x%" PRIx64 " (%" PRIu64 " bytes)%s\n", img->image_size,
		img->image_size, img->image_size ? "" : ": unknown");
	label(out, "flags:");
	fprintf(out, "0x%" PRIx64, img->flags);
	if (img->arch == IMG_ARM64) {
		unsigned page = image_arm64_page_size(img);

		fprintf(out, " (%s, ", order[img->flags & ARM64_FLAG_BE]);
		if (page)
			fprintf(out, "%uK pages, ", page / 1024);
		else
			fputs("page size unspecified, ", out);
		fputs(img->flags & ARM64_FLAG_PHYS_ANY ? "placement anywhere)"
			: "placement near the start of DRAM)", out);
	} else {
		fprintf(out, " (%s)", order[img->flags & 1]);
	}
	fputc('\n', out);
	if (img->arch == IMG_RISCV) {
		uint32_t v = le32(img->hdr + IMG_RV_VERSION);

		label(out, "version:");
		fprintf(out, "%u.%u\n", v >> 16, v & 0xffff);
	}
	label(out, "magic:");
	fputs(img->arch == IMG_ARM64 ? "ARM\\x64\n" : "RSC\\x05\n", out);
	label(out, "PE header offset:");
	fprintf(out, "0x%x\n", img->pe_offset);
}

void report_kernel(FILE *out, const struct kernel *k)
{
	fprintf(out, "Format: %s\n\n", k->format);
	if (k->kind == KERNEL_BZIMAGE) {
		report_bz_fields(out, k);
		report_bz_layout(out, &k->bz);
	} else {
		report_image(out, k);
	}

	fputc('\n', out);
	label(out, "Memory figure for the budget:");
	if (k->figure_known)
		fprintf(out, "%s = %" PRIu64 " bytes (at 0x%" PRIx64 ")\n",
			k->figure_field, k->figure, k->figure_offset);
	else
		fprintf(out, "unknown: %s\n", k->figure_why);
}

static void report_segments(FILE *out, const struct initramfs *ird)
{
	size_t i, n = ird->nsegs < IRD_TABLE_MAX ? ird->nsegs : IRD_TABLE_MAX;

	fputs("\nSegments:\n", out);
	fprintf(out, "  [Nr] %-12s %12s  %-11s %12s %8s\n", "Offset", "Length",
		"Compression", "Uncompressed", "Entries");
	for (i = 0; i < n; i++) {
		const struct ird_segment *s = &ird->seg[i];

		fprintf(out, "  [%2zu] 0x%010" PRIx64 " %12" PRIu64 "  %-11s "
			"%12" PRIu64 " %8" PRIu64 "%s\n", i, s->offset,
			s->length, comp_name(s->comp), s->ulen, s->entries,
			s->complete ? "" : "  (incomplete)");
	}
	if (ird->nsegs > n)
		fprintf(out, "  ... and %zu more segments\n", ird->nsegs - n);
}

static void report_archives(FILE *out, const struct initramfs *ird)
{
	size_t i, n = ird->narcs < IRD_TABLE_MAX ? ird->narcs : IRD_TABLE_MAX;

	fputs("\nArchives (start and end as segment:offset in its data):\n",
	      out);
	fprintf(out, "  [Nr] %-6s %-18s %-18s %8s  %s\n", "Format", "Start",
		"End", "Entries", "Trailer");
	for (i = 0; i < n; i++) {
		const struct ird_archive *a = &ird->arc[i];
		char start[32], end[32];

		snprintf(start, sizeof(start), "%zu:0x%" PRIx64, a->first_seg,
			 a->start);
		snprintf(end, sizeof(end), "%zu:0x%" PRIx64, a->last_seg, a->end);
		fprintf(out, "  [%2zu] %-6s %-18s %-18s %8" PRIu64 "  %s\n", i,
			a->format == CPIO_CRC ? "crc" : "newc", start, end,
			a->entries, a->trailer ? "yes" : "no");
	}
	if (ird->narcs > n)
		fprintf(out, "  ... and %zu more archives\n", ird->narcs - n);
}

void report_initramfs(FILE *out, const struct initramfs *ird)
{
	fputs("Format: initramfs\n\n", out);
	fputs("Initramfs:\n", out);
	label(out, "Size:");
	fprintf(out, "%s%" PRIu64 " bytes\n", ird->size_partial ?
		"at least " : "", ird->size);
	label(out, "Uncompressed (U):");
	fprintf(out, "%" PRIu64 " bytes\n", ird->ulen);
	label(out, "Zero padding:");
	fprintf(out, "%" PRIu64 " bytes\n", ird->padding);
	label(out, "Segments:");
	fprintf(out, "%zu\n", ird->nsegs);
	label(out, "Archives:");
	fprintf(out, "%zu\n", ird->narcs);
	label(out, "Entries:");
	fprintf(out, "%" PRIu64 " (TRAILER!!! not counted)\n", ird->entries);
	label(out, "Bootable:");
	if (ird->failed || ird->unbootable)
		fprintf(out, "no: %s\n", ird->failed ? ird->err.msg :
			ird->boot_err.msg);
	else
		fputs("yes\n", out);

	if (ird->nsegs)
		report_segments(out, ird);
	if (ird->narcs)
		report_archives(out, ird);
}

static void report_budget_inputs(FILE *out, const struct budget_report *b)
{
	const struct kernel *k = b->kernel;
	size_t i;

	label(out, "Kernel:");
	fprintf(out, "%s (%s)\n", b->kernel_name, k->format);
	label(out, "Kernel memory (I):");
	fprintf(out, "%" PRIu64 " bytes: %s at 0x%" PRIx64 "\n", b->in.kernel,
		k->figure_field, k->figure_offset);

	for (i = 0; i < b->ninitrds; i++) {
		label(out, i == 0 ? "Initramfs:" : "");
		fprintf(out, "%s (%" PRIu64 " bytes)\n", b->initrd_names[i],
			b->initrd_sizes[i]);
	}
	label(out, "Compressed initrd (C):");
	if (b->ninitrds > 1)
		fprintf(out, "%" PRIu64 " bytes: %zu files as a boot loader "
			"lays them out, each from a 4-byte boundary\n",
			b->in.compressed, b->ninitrds);
	else
		fprintf(out, "%" PRIu64 " bytes: %s\n", b->in.compressed,
			b->ninitrds ? "the file's size" : "no initramfs");
	label(out, "Uncompressed initramfs (U):");
	if (b->ird)
		fprintf(out, "%" PRIu64 " bytes: %zu segment%s walked as the "
			"kernel does\n", b->in.uncompressed, b->ird->nsegs,
			b->ird->nsegs == 1 ? "" : "s");
	else
		fprintf(out, "0 bytes: no initramfs\n");
	label(out, "Rootfs limit:");
	fprintf(out, "%u%% of RAM: %s\n", b->in.tmpfs_percent, b->percent_why);
}

void report_budget(FILE *out, const struct budget_report *b)
{
	const struct budget *o = &b->out;

	fputs("Memory budget:\n", out);
	report_budget_inputs(out, b);

	fputc('\n', out);
	label(out, "ceil_mb(U):");
	fprintf(out, "%" PRIu64 " MiB\n", o->u_mib);
	label(out, "ceil_mb(I):");
	fprintf(out, "%" PRIu64 " MiB\n", o->i_mib);
	label(out, "ceil_mb(C):");
	fprintf(out, "%" PRIu64 " MiB\n", o->c_mib);
	label(out, "Rootfs (scaled U):");
	fprintf(out, "%" PRIu64 " MiB = ceil(%" PRIu64 " * 100 / %u)\n",
		o->scaled, o->u_mib, b->in.tmpfs_percent);
	label(out, "Content:");
	fprintf(out, "%" PRIu64 " MiB = %" PRIu64 " + %" PRIu64 " + %" PRIu64
		"\n", o->content, o->scaled, o->i_mib, o->c_mib);
	label(out, "Boot (with struct pages):");
	fprintf(out, "%" PRIu64 " MiB = ceil(%" PRIu64 " * 64 / 63)\n",
		o->boot, o->content);
	label(out, "Workload:");
	fprintf(out, "%" PRIu64 " MiB\n", b->in.workload_mib);
	label(out, "Shared memory:");
	fprintf(out, "%" PRIu64 " MiB\n", b->in.shm_mib);
	label(out, "Total:");
	fprintf(out, "%" PRIu64 " MiB = %" PRIu64 " + %" PRIu64 " + %" PRIu64
		"\n", o->total, o->boot, b->in.workload_mib, b->in.shm_mib);
}
