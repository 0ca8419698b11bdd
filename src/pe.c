/* SPDX-License-Identifier: MIT */
/*
 * Source: Microsoft PE/COFF specification ("MZ", e_lfanew @0x3c, "PE\0\0",
 * COFF header: Machine @0, NumberOfSections @2, SizeOfOptionalHeader @16,
 * Characteristics @18; optional header: Magic @0, AddressOfEntryPoint @16,
 * ImageBase @24 (PE32+) or @28 (PE32), SizeOfImage @56, Subsystem @68;
 * section header: Name @0, VirtualSize @8, VirtualAddress @12,
 * SizeOfRawData @16, PointerToRawData @20, Characteristics @36).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pe.h"

#define DOS_LFANEW	0x3c
#define COFF_LEN	20
#define SEC_LEN		40
#define OPT_PE32PLUS	0x20b

bool pe_probe(const uint8_t *p, size_t n)
{
	uint32_t off;

	if (n < DOS_LFANEW + 4 || p[0] != 'M' || p[1] != 'Z')
		return false;
	off = le32(p + DOS_LFANEW);
	return (uint64_t)off + 4 <= n && memcmp(p + off, "PE\0\0", 4) == 0;
}

const char *pe_machine_name(uint16_t machine)
{
	switch (machine) {
	case 0x14c:
		return "i386";
	case 0x8664:
		return "x86-64";
	case 0xaa64:
		return "ARM64";
	case 0x1c2:
	case 0x1c4:
		return "ARM";
	case 0x5064:
		return "RISC-V 64";
	case 0x6264:
		return "LoongArch 64";
	default:
		return NULL;
	}
}

static int read_at(const struct source *s, uint64_t off, void *buf, size_t n,
		   const char *what, struct diag *d)
{
	long long got = source_read(s, off, buf, n, d);

	if (got < 0)
		return -1;
	if ((size_t)got < n) {
		diag_set_at(d, off, "truncated PE file: the %s needs 0x%zx "
			    "bytes at 0x%llx", what, n,
			    (unsigned long long)off);
		return -1;
	}
	return 0;
}

static void read_optional(struct pe *pe, const uint8_t *opt)
{
	pe->opt_magic = le16(opt);
	pe->entry = le32(opt + 16);
	pe->image_base = pe->opt_magic == OPT_PE32PLUS ? le64(opt + 24)
						       : le32(opt + 28);
	pe->size_of_image = le32(opt + 56);
	pe->subsystem = le16(opt + 68);
}

/* A section's data: VirtualSize when it says less than the padded raw. */
static int read_section(const struct source *s, const uint8_t *h,
			struct pe_section *sec, struct diag *d)
{
	memcpy(sec->name, h, 8);
	sec->name[8] = '\0';
	sec->vsize = le32(h + 8);
	sec->vaddr = le32(h + 12);
	sec->raw_size = le32(h + 16);
	sec->raw_ptr = le32(h + 20);
	sec->flags = le32(h + 36);
	sec->offset = sec->raw_ptr;
	sec->size = sec->vsize && sec->vsize < sec->raw_size ? sec->vsize
							     : sec->raw_size;
	if (sec->raw_size && sec->offset + sec->size > s->size) {
		diag_set_at(d, sec->raw_ptr, "PE section %s (%llu bytes at "
			    "0x%x) runs past the end of the file", sec->name,
			    (unsigned long long)sec->size, sec->raw_ptr);
		return -1;
	}
	return 0;
}

/* A text section, kept whole or up to its first line. */
static void read_text(const struct source *s, const struct pe *pe,
		      const char *name, bool first_line, char *out)
{
	const struct pe_section *sec = pe_section(pe, name);
	struct diag d;
	long long got;

	out[0] = '\0';
	if (!sec)
		return;
	got = source_read(s, sec->offset, out, sec->size < PE_TEXT_MAX - 1 ?
			  (size_t)sec->size : PE_TEXT_MAX - 1, &d);
	out[got > 0 ? got : 0] = '\0';
	if (first_line)
		out[strcspn(out, "\n")] = '\0';
	for (got = (long long)strlen(out); got > 0 && out[got - 1] == '\n';)
		out[--got] = '\0';
}

static int read_sections(const struct source *s, struct pe *pe,
			 struct diag *d)
{
	uint64_t off = pe->pe_offset + 4 + COFF_LEN + pe->opt_size;
	uint8_t h[SEC_LEN];
	size_t i;

	for (i = 0; i < pe->nsections && i < PE_SECTIONS_MAX; i++) {
		if (read_at(s, off + i * SEC_LEN, h, SEC_LEN, "section table",
			    d) < 0 ||
		    read_section(s, h, &pe->sec[i], d) < 0)
			return -1;
	}
	pe->nsec = i;
	pe->uki = pe_section(pe, ".linux") != NULL;
	read_text(s, pe, ".uname", true, pe->uname);
	read_text(s, pe, ".cmdline", false, pe->cmdline);
	read_text(s, pe, ".osrel", false, pe->osrel);
	return 0;
}

int pe_read(const struct source *s, struct pe *pe, struct diag *d)
{
	uint8_t dos[DOS_LFANEW + 4], coff[4 + COFF_LEN], opt[72];

	memset(pe, 0, sizeof(*pe));
	if (read_at(s, 0, dos, sizeof(dos), "DOS header", d) < 0)
		return -1;
	pe->pe_offset = le32(dos + DOS_LFANEW);
	if (read_at(s, pe->pe_offset, coff, sizeof(coff), "COFF header",
		    d) < 0)
		return -1;
	if (memcmp(coff, "PE\0\0", 4) != 0) {
		diag_set_at(d, pe->pe_offset, "no PE signature where e_lfanew "
			    "points");
		return -1;
	}
	pe->machine = le16(coff + 4);
	pe->nsections = le16(coff + 6);
	pe->opt_size = le16(coff + 20);
	pe->characteristics = le16(coff + 22);
	if (pe->opt_size >= sizeof(opt)) {
		if (read_at(s, pe->pe_offset + 4 + COFF_LEN, opt, sizeof(opt),
			    "optional header", d) < 0)
			return -1;
		read_optional(pe, opt);
	}
	return read_sections(s, pe, d);
}

const struct pe_section *pe_section(const struct pe *pe, const char *name)
{
	size_t i;

	for (i = 0; i < pe->nsec; i++)
		if (strcmp(pe->sec[i].name, name) == 0)
			return &pe->sec[i];
	return NULL;
}
