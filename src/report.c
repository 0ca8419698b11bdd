/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

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
		print_bits(out, v, bz_loadflags_names, 8);
		break;
	case BZ_XLOADFLAGS_BITS:
		fprintf(out, "0x%04" PRIx64, v);
		print_bits(out, v, bz_xloadflags_names, 8);
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
		fput_escaped(out, bz->kernel_version);
		fputc('\n', out);
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

static const char *elf_type_name(uint16_t type)
{
	static const char *const names[] = {
		"NONE", "REL", "EXEC", "DYN", "CORE",
	};

	return type < ARRAY_SIZE(names) ? names[type] : "<unknown>";
}

static void report_loads(FILE *out, const struct vmlinux *v)
{
	size_t i, n = v->nload < VM_LOADS_MAX ? v->nload : VM_LOADS_MAX;

	fprintf(out, "  %-8s %-10s %-18s %-18s %10s %10s %s\n", "Type",
		"Offset", "VirtAddr", "PhysAddr", "FileSiz", "MemSiz", "Flg");
	for (i = 0; i < n; i++) {
		const struct vm_load *l = &v->load[i];

		fprintf(out, "  %-8s 0x%08" PRIx64 " 0x%016" PRIx64 " 0x%016"
			PRIx64 " %10" PRIu64 " %10" PRIu64 " %c%c%c\n", "LOAD",
			l->offset, l->vaddr, l->paddr, l->filesz, l->memsz,
			l->flags & 4 ? 'R' : ' ', l->flags & 2 ? 'W' : ' ',
			l->flags & 1 ? 'E' : ' ');
	}
	if (v->nload > n)
		fprintf(out, "  ... and %zu more\n", v->nload - n);
}

static void report_notes(FILE *out, const struct vmlinux *v)
{
	size_t i;
	uint32_t j;

	fprintf(out, "\nNotes:\n  %-8s %-12s %8s  %s\n", "Owner", "Type",
		"Size", "Description");
	for (i = 0; i < v->nnotes; i++) {
		const struct vm_note *n = &v->note[i];

		fprintf(out, "  %-8s 0x%08x   %8u  ", n->owner, n->type,
			n->descsz);
		if (strcmp(n->owner, "GNU") == 0 && n->type == 3)
			fputs("build ID ", out);
		for (j = 0; j < n->descsz && j < VM_DESC_MAX; j++)
			fprintf(out, "%02x", n->desc[j]);
		fputs(n->descsz > VM_DESC_MAX ? "...\n" : "\n", out);
	}
}

void report_elf(FILE *out, const struct vmlinux *v)
{
	const char *machine = vmlinux_machine_name(v->machine);
	size_t i;

	fputs("ELF header:\n", out);
	label(out, "Class:");
	fprintf(out, "ELF%u, %s-endian\n", v->elf_class,
		v->big_endian ? "big" : "little");
	label(out, "Type:");
	fprintf(out, "%s\n", elf_type_name(v->type));
	label(out, "Machine:");
	if (machine)
		fprintf(out, "%s\n", machine);
	else
		fprintf(out, "<unknown>: 0x%x\n", v->machine);
	label(out, "Entry point:");
	fprintf(out, "0x%" PRIx64 "\n", v->entry);
	label(out, "Sections:");
	fprintf(out, "%zu\n", v->nsections);
	for (i = 0; i < VM_KEY_SECTIONS; i++) {
		char name[32];

		if (!v->sec_found[i])
			continue;
		snprintf(name, sizeof(name), "  %s size:", vm_key_sections[i]);
		label(out, name);
		fprintf(out, "%" PRIu64 " bytes\n", v->sec_size[i]);
	}
	label(out, "Banner (linux_banner):");
	fput_escaped(out, v->banner[0] ? v->banner :
		     v->has_symtab ? "not found" : "no symbol table");
	fputc('\n', out);

	fputs("\nProgram headers (PT_LOAD):\n", out);
	report_loads(out, v);
	label(out, "Resident footprint:");
	fprintf(out, "%" PRIu64 " bytes, from the lowest to the highest "
		"PT_LOAD physical address (.bss included)\n", v->load_span);
	report_notes(out, v);
}

void report_kernel_code(FILE *out, const struct kernel *k,
			const struct kernel_code *kc)
{
	const struct kscan *ks = &kc->scan;
	const struct kernel *b = kernel_booted(k);

	fputs("\nKernel code (decoded):\n", out);
	label(out, "Size:");
	fprintf(out, "%" PRIu64 " bytes", kc->size);
	if (b->kind == KERNEL_BZIMAGE)
		fprintf(out, " (%s the u32 that ends the payload)",
			kc->size == b->bz.payload_size ? "matches" :
			"DOES NOT MATCH");
	fputc('\n', out);
	label(out, "Banner:");
	fput_escaped(out, ks->banner_found ? ks->banner : "not found");
	fputc('\n', out);
	if (kc->version_note[0]) {
		label(out, "Version:");
		fput_escaped(out, kc->version_note);
		fputc('\n', out);
	}
	label(out, "Embedded config:");
	if (ks->config_done)
		fprintf(out, "%zu bytes (CONFIG_IKCONFIG, gzip at 0x%" PRIx64
			" of the code)\n", ks->config_len, ks->config_offset);
	else if (ks->config_failed)
		fprintf(out, "damaged: %s\n", ks->config_err.msg);
	else
		fputs("none (built without CONFIG_IKCONFIG)\n", out);
	if (kc->elf_failed) {
		label(out, "ELF:");
		fprintf(out, "the payload is no vmlinux ELF: %s\n",
			kc->elf_err.msg);
	}
	if (kc->has_elf && b->kind != KERNEL_VMLINUX) {
		fputc('\n', out);
		report_elf(out, &kc->elf);
	}
}

/* A labelled code: its name, or the number when it has none. */
static void named_field(FILE *out, const char *lbl, const char *name,
			unsigned v)
{
	label(out, lbl);
	if (name)
		fprintf(out, "%s\n", name);
	else
		fprintf(out, "<unknown>: %u\n", v);
}

static void report_uimage(FILE *out, const struct uimage *u)
{
	time_t t = (time_t)u->time;
	char when[32] = "";
	struct tm tm;

	if (gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
	fputs("uImage header:\n", out);
	label(out, "Name:");
	fput_escaped(out, u->name);
	fputc('\n', out);
	label(out, "Created:");
	fprintf(out, "%s (0x%08x)\n", when, u->time);
	label(out, "Data size:");
	fprintf(out, "%u bytes\n", u->size);
	label(out, "Load address:");
	fprintf(out, "0x%08x\n", u->load);
	label(out, "Entry point:");
	fprintf(out, "0x%08x\n", u->ep);
	named_field(out, "OS:", uimage_os_name(u->os), u->os);
	named_field(out, "Architecture:", uimage_arch_name(u->arch), u->arch);
	named_field(out, "Type:", uimage_type_name(u->type), u->type);
	named_field(out, "Compression:", uimage_comp_name(u->comp), u->comp);
	label(out, "Header CRC-32:");
	fprintf(out, "0x%08x (checked)\n", u->hcrc);
	label(out, "Data CRC-32:");
	fprintf(out, "0x%08x (checked)\n", u->dcrc);
}

static void report_zboot(FILE *out, const struct zboot *z)
{
	fputs("EFI zboot header:\n", out);
	label(out, "Payload:");
	fprintf(out, "at 0x%x, %u bytes\n", z->payload_offset,
		z->payload_size);
	label(out, "Compression:");
	fprintf(out, "%s (%s)\n", z->comp_type, comp_name(z->comp));
	label(out, "PE header offset:");
	fprintf(out, "0x%x\n", z->pe_offset);
}

static void report_pe_sections(FILE *out, const struct pe *pe)
{
	size_t i;

	fprintf(out, "\nSections:\n  [Nr] %-8s %10s %10s %10s %10s\n", "Name",
		"VirtSize", "VirtAddr", "RawSize", "RawPtr");
	for (i = 0; i < pe->nsec; i++) {
		const struct pe_section *s = &pe->sec[i];

		fprintf(out, "  [%2zu] ", i);
		fput_escaped(out, s->name);
		fprintf(out, "%*s 0x%08x 0x%08x 0x%08x 0x%08x\n",
			(int)(8 - strlen(s->name)), "", s->vsize, s->vaddr,
			s->raw_size, s->raw_ptr);
	}
	if (pe->nsections > pe->nsec)
		fprintf(out, "  ... and %u more\n", pe->nsections -
			(unsigned)pe->nsec);
}

/* The first PRETTY_NAME= of an os-release, without its quotes. */
static void put_pretty_name(FILE *out, const char *osrel)
{
	const char *p = strstr(osrel, "PRETTY_NAME=");
	char name[PE_TEXT_MAX];
	size_t n;

	if (!p) {
		fputs("no PRETTY_NAME\n", out);
		return;
	}
	p += strlen("PRETTY_NAME=");
	p += *p == '"';
	n = strcspn(p, "\"\n");
	snprintf(name, sizeof(name), "%.*s", (int)n, p);
	fput_escaped(out, name);
	fputc('\n', out);
}

static void report_uki(FILE *out, const struct kernel *k)
{
	const struct pe *pe = &k->pe;
	const struct kernel *in = k->inner;

	fputs("\nUnified Kernel Image:\n", out);
	label(out, "Release (.uname):");
	fput_escaped(out, pe->uname[0] ? pe->uname : "none");
	fputc('\n', out);
	label(out, "Command line (.cmdline):");
	fput_escaped(out, pe->cmdline[0] ? pe->cmdline : "none");
	fputc('\n', out);
	label(out, "OS release (.osrel):");
	put_pretty_name(out, pe->osrel);
	if (pe->uname[0] && in && in->kind == KERNEL_BZIMAGE &&
	    in->bz.has_kernel_version) {
		size_t n = strcspn(in->bz.kernel_version, " ");

		label(out, "Release check:");
		fputs(strlen(pe->uname) == n &&
		      strncmp(pe->uname, in->bz.kernel_version, n) == 0 ?
		      ".uname and the kernel's setup header agree\n" :
		      ".uname and the kernel's setup header DISAGREE\n", out);
	}
}

static void report_pe(FILE *out, const struct kernel *k)
{
	const struct pe *pe = &k->pe;
	const char *machine = pe_machine_name(pe->machine);

	fputs("PE header:\n", out);
	label(out, "Machine:");
	if (machine)
		fprintf(out, "%s\n", machine);
	else
		fprintf(out, "<unknown>: 0x%04x\n", pe->machine);
	label(out, "Optional header:");
	fprintf(out, "%s\n", pe->opt_magic == 0x20b ? "PE32+" :
		pe->opt_magic == 0x10b ? "PE32" : "none");
	label(out, "Entry point:");
	fprintf(out, "0x%x\n", pe->entry);
	label(out, "Image base:");
	fprintf(out, "0x%" PRIx64 "\n", pe->image_base);
	label(out, "Size of image:");
	fprintf(out, "%u bytes\n", pe->size_of_image);
	label(out, "Subsystem:");
	fprintf(out, "%u%s\n", pe->subsystem, pe->subsystem == 10 ?
		" (EFI application)" : "");
	report_pe_sections(out, pe);
	if (pe->uki)
		report_uki(out, k);
}

static void report_inner(FILE *out, const struct kernel *k)
{
	fputs("\nContents: ", out);
	if (k->inner) {
		report_kernel(out, k->inner);
		return;
	}
	fputs("not read: ", out);
	fput_escaped(out, k->inner_err.msg);
	fputc('\n', out);
}

void report_kernel(FILE *out, const struct kernel *k)
{
	fprintf(out, "Format: %s\n\n", k->format);
	if (k->kind == KERNEL_BZIMAGE) {
		report_bz_fields(out, k);
		report_bz_layout(out, &k->bz);
	} else if (k->kind == KERNEL_VMLINUX) {
		report_elf(out, &k->elf);
	} else if (k->kind == KERNEL_UIMAGE) {
		report_uimage(out, &k->ui);
		report_inner(out, k);
		return;
	} else if (k->kind == KERNEL_PE) {
		report_pe(out, k);
		if (k->pe.uki)
			report_inner(out, k);
		return;
	} else if (k->kind == KERNEL_ZBOOT) {
		report_zboot(out, &k->zb);
		fputs("\nContents: the decoded payload's ", out);
		report_image(out, k->inner);
	} else {
		report_image(out, k);
	}

	fputc('\n', out);
	label(out, "Memory figure for the budget:");
	if (k->figure_known) {
		fprintf(out, "%s = %" PRIu64 " bytes (at 0x%" PRIx64 ")\n",
			k->figure_field, k->figure, k->figure_offset);
		return;
	}
	fputs("unknown: ", out);
	fput_escaped(out, k->figure_why);
	fputc('\n', out);
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

/* U under --trust-sizes: which segments were sized without decoding. */
static void report_recorded(FILE *out, const struct budget_report *b)
{
	const struct initramfs *ird = b->ird;
	const char *how = "their own records";
	size_t i, nsegs = ird->nsegs;

	fprintf(out, "%" PRIu64 " bytes: %zu segment%s walked as the kernel "
		"does; ", b->in.uncompressed, nsegs, nsegs == 1 ? "" : "s");
	if (ird->nrecorded == 0) {
		fputs("none records its size (--trust-sizes)\n", out);
		return;
	}
	for (i = 0; ird->nrecorded == 1 && i < nsegs && i < IRD_TABLE_MAX; i++)
		if (ird->seg[i].recorded)
			how = ird->seg[i].recorded;
	fprintf(out, "%zu of them sized by %s instead of decoded "
		"(--trust-sizes)\n", ird->nrecorded, how);
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
		fprintf(out, "%s (%" PRIu64 " bytes)\n", b->initrds[i].name,
			b->initrds[i].size);
	}
	label(out, "Compressed initrd (C):");
	if (b->ninitrds > 1)
		fprintf(out, "%" PRIu64 " bytes: %zu files as a boot loader "
			"lays them out, each from a 4-byte boundary\n",
			b->in.compressed, b->ninitrds);
	else
		fprintf(out, "%" PRIu64 " bytes: %s\n", b->in.compressed,
			b->uki_initrd ? "the size of the .initrd section" :
			b->ninitrds ? "the file's size" : "no initramfs");
	label(out, "Uncompressed initramfs (U):");
	if (b->ird && strcmp(b->model, "pages") == 0)
		fprintf(out, "%" PRIu64 " bytes: file data in whole %uK tmpfs "
			"pages, %zu segment%s walked as the kernel does\n",
			b->in.uncompressed, b->page_size / 1024,
			b->ird->nsegs, b->ird->nsegs == 1 ? "" : "s");
	else if (b->ird && b->trust_sizes)
		report_recorded(out, b);
	else if (b->ird)
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

/* The type and permission string of ls -l. */
static void mode_string(uint32_t mode, char s[11])
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	switch (mode & S_IFMT) {
	case S_IFDIR: s[0] = 'd'; break;
	case S_IFLNK: s[0] = 'l'; break;
	case S_IFCHR: s[0] = 'c'; break;
	case S_IFBLK: s[0] = 'b'; break;
	case S_IFIFO: s[0] = 'p'; break;
	case S_IFSOCK: s[0] = 's'; break;
	case S_IFREG: s[0] = '-'; break;
	default: s[0] = '?'; break;
	}
	for (i = 0; i < 9; i++)
		s[1 + i] = mode & (1u << (8 - i)) ? rwx[i] : '-';
	if (mode & S_ISUID)
		s[3] = s[3] == 'x' ? 's' : 'S';
	if (mode & S_ISGID)
		s[6] = s[6] == 'x' ? 's' : 'S';
	if (mode & S_ISVTX)
		s[9] = s[9] == 'x' ? 't' : 'T';
	s[10] = '\0';
}

void report_list_segment(FILE *out, size_t index, const struct ird_segment *s)
{
	if (s->comp == COMP_NONE)
		fprintf(out, "Segment %zu: uncompressed cpio at 0x%" PRIx64 ":\n",
			index, s->offset);
	else
		fprintf(out, "Segment %zu: %s stream at 0x%" PRIx64 ":\n", index,
			comp_name(s->comp), s->offset);
}

void report_list_entry(FILE *out, const struct cpio_entry *e,
		       const struct inv_entry *ie)
{
	char mode[11], when[32];
	time_t t = (time_t)e->mtime;
	struct tm tm;

	mode_string(e->mode, mode);
	if (gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	else
		snprintf(when, sizeof(when), "%u", e->mtime);

	fprintf(out, "%s %4u %5u %5u ", mode, e->nlink, e->uid, e->gid);
	if (ie->kind == INV_DEVICE)
		fprintf(out, "%5u, %4u", e->rdevmajor, e->rdevminor);
	else
		fprintf(out, "%11u", e->filesize);
	fprintf(out, " %s ", when);
	fput_escaped(out, e->name);
	if (ie->kind == INV_SYMLINK) {
		fputs(" -> ", out);
		fput_escaped(out, e->target);
	}
	if (ie->hardlink_of) {
		fputs(" link to ", out);
		fput_escaped(out, ie->hardlink_of);
	}
	if (e->kernel_skips)
		fputs(" (the kernel skips it)", out);
	else if (ie->duplicate)
		fputs(" (replaces an earlier copy)", out);
	fputc('\n', out);
}

#define SUMMARY_SEGMENTS 6	/* columns; more segments show totals only */

typedef uint64_t (*count_fn)(const struct inv_counts *c, size_t arg);

static void summary_row(FILE *out, const char *name,
			const struct inventory *inv, size_t ncols,
			count_fn get, size_t arg)
{
	size_t i;

	fprintf(out, "  %-22s %14" PRIu64, name, get(&inv->total, arg));
	for (i = 0; i < ncols; i++)
		fprintf(out, " %12" PRIu64, get(&inv->seg[i], arg));
	fputc('\n', out);
}

static uint64_t get_kind(const struct inv_counts *c, size_t k)
{
	return c->n[k];
}

static uint64_t get_entries(const struct inv_counts *c, size_t k)
{
	(void)k;
	return c->entries;
}

static uint64_t get_data(const struct inv_counts *c, size_t k)
{
	(void)k;
	return c->data_bytes;
}

static uint64_t get_pages(const struct inv_counts *c, size_t k)
{
	return c->pages[k];
}

static void summary_table(FILE *out, const struct inventory *inv)
{
	static const char *const kinds[INV_KINDS] = {
		"Regular files", "Directories", "Symlinks", "Device nodes",
		"FIFOs and sockets", "Hard links", "Other",
	};
	size_t ncols = inv->nsegs <= SUMMARY_SEGMENTS ? inv->nsegs : 0, i;
	char name[32];

	fprintf(out, "  %-22s %14s", "", "Total");
	for (i = 0; i < ncols; i++)
		fprintf(out, " %9s %2zu", "Segment", i);
	fputc('\n', out);
	summary_row(out, "Entries", inv, ncols, get_entries, 0);
	for (i = 0; i < INV_KINDS; i++)
		summary_row(out, kinds[i], inv, ncols, get_kind, i);
	summary_row(out, "File data (bytes)", inv, ncols, get_data, 0);
	for (i = 0; i < INV_PAGE_SIZES; i++) {
		snprintf(name, sizeof(name), "In %uK pages (bytes)",
			 inv_page_sizes[i] / 1024);
		summary_row(out, name, inv, ncols, get_pages, i);
	}
}

static void summary_files(FILE *out, const struct inventory *inv)
{
	struct inv_dup dup[8];
	size_t i, n;

	fputs("\nLargest files:\n", out);
	for (i = 0; i < inv->nlargest; i++) {
		fprintf(out, "  %12" PRIu64 "  ", inv->largest[i].size);
		fput_escaped(out, inv->largest[i].path);
		fputc('\n', out);
	}
	if (inv->nlargest == 0)
		fputs("  none\n", out);

	n = inventory_duplicates(inv, dup, ARRAY_SIZE(dup));
	fputc('\n', out);
	label(out, "Duplicate paths:");
	fprintf(out, "%" PRIu64 " later cop%s\n", inv->duplicates,
		inv->duplicates == 1 ? "y" : "ies");
	for (i = 0; i < n; i++) {
		fputs("    ", out);
		fput_escaped(out, dup[i].path);
		fprintf(out, ": %u copies; the last, in segment %zu, wins\n",
			dup[i].copies, dup[i].last_seg);
	}
	if (inventory_duplicate_paths(inv) > n)
		fprintf(out, "    ... and %zu more paths\n",
			inventory_duplicate_paths(inv) - n);
}

static void summary_boot(FILE *out, const struct inventory *inv)
{
	const char *v[16];
	size_t i, n = inventory_modules(inv, v, ARRAY_SIZE(v));

	fputc('\n', out);
	label(out, "Early microcode:");
	for (i = 0; i < inv->nmicrocode; i++) {
		fputs(i ? ", " : "", out);
		fput_escaped(out, inv->microcode[i].path);
		fprintf(out, " (%" PRIu64 " bytes)", inv->microcode[i].size);
	}
	fputs(inv->nmicrocode ? "\n" : "none\n", out);
	label(out, "Kernel modules for:");
	for (i = 0; i < n; i++) {
		fputs(i ? ", " : "", out);
		fput_escaped(out, v[i]);
	}
	fputs(n ? "\n" : "none\n", out);
	label(out, "Generator:");
	fprintf(out, "%s\n", inv->generator ? inv->generator : "unknown");
	label(out, "/init:");
	if (!inv->has_init)
		fputs("missing\n", out);
	else if (S_ISLNK(inv->init_mode)) {
		fputs("symlink to ", out);
		fput_escaped(out, inv->init_target);
		fputc('\n', out);
	} else {
		fprintf(out, "%s, mode %04o%s\n", S_ISREG(inv->init_mode) ?
			"regular file" : "not a regular file",
			inv->init_mode & 07777, inv->init_mode & 0111 ?
			", executable" : ", not executable");
	}
}

void report_summary(FILE *out, const struct initramfs *ird,
		    const struct inventory *inv)
{
	fputs("Summary:\n", out);
	summary_table(out, inv);
	if (inv->nsegs > SUMMARY_SEGMENTS)
		fprintf(out, "  (%zu segments: totals only)\n", inv->nsegs);
	fputc('\n', out);
	label(out, "Uncompressed (U):");
	fprintf(out, "%" PRIu64 " bytes: cpio headers, names, data, padding\n",
		ird->ulen);
	label(out, "Rootfs footprint (4K pages):");
	fprintf(out, "%" PRIu64 " bytes: file data in whole pages\n",
		inv->total.pages[0]);
	summary_files(out, inv);
	summary_boot(out, inv);
}
