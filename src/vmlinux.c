/* SPDX-License-Identifier: MIT */
/*
 * Source: the ELF specification (System V ABI), elf.h; init/version.c for
 * linux_banner; include/linux/elfnote.h for the Linux and Xen notes.
 */
#include "config.h"

#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "vmlinux.h"

const char *const vm_key_sections[VM_KEY_SECTIONS] = {
	".text", ".rodata", ".data", ".bss", ".init.text", ".init.data",
};

static void note_key_section(Elf *elf, const GElf_Shdr *sh,
			     struct vmlinux *v)
{
	size_t shstrndx, i;
	const char *name;

	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		return;
	name = elf_strptr(elf, shstrndx, sh->sh_name);
	for (i = 0; name && i < VM_KEY_SECTIONS; i++)
		if (strcmp(name, vm_key_sections[i]) == 0) {
			v->sec_found[i] = true;
			v->sec_size[i] = sh->sh_size;
		}
}

bool vmlinux_probe(const uint8_t *p, size_t n)
{
	return n >= SELFMAG && memcmp(p, ELFMAG, SELFMAG) == 0;
}

const char *vmlinux_machine_name(uint16_t machine)
{
	switch (machine) {
	case EM_386:
		return "Intel 80386";
	case EM_X86_64:
		return "x86-64";
	case EM_AARCH64:
		return "AArch64";
	case EM_ARM:
		return "ARM";
	case EM_RISCV:
		return "RISC-V";
	case EM_PPC64:
		return "PowerPC64";
	case EM_S390:
		return "IBM S/390";
	case EM_LOONGARCH:
		return "LoongArch";
	default:
		return NULL;
	}
}

static void read_loads(Elf *elf, struct vmlinux *v)
{
	size_t i, n = 0;
	uint64_t lo = UINT64_MAX, hi = 0;

	elf_getphdrnum(elf, &n);
	for (i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (v->nload < VM_LOADS_MAX)
			v->load[v->nload] = (struct vm_load){
				ph.p_offset, ph.p_vaddr, ph.p_paddr,
				ph.p_filesz, ph.p_memsz, ph.p_flags };
		v->nload++;
		/* Physical: x86-64's per-CPU segment has virtual address 0. */
		if (ph.p_paddr < lo)
			lo = ph.p_paddr;
		if (ph.p_paddr + ph.p_memsz > hi)
			hi = ph.p_paddr + ph.p_memsz;
	}
	v->load_span = hi > lo ? hi - lo : 0;
}

static void read_notes(Elf_Data *data, struct vmlinux *v)
{
	size_t off = 0, name_off, desc_off;
	GElf_Nhdr nh;

	while (v->nnotes < VM_NOTES_MAX &&
	       (off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
		struct vm_note *n = &v->note[v->nnotes++];
		size_t keep = nh.n_descsz < VM_DESC_MAX ? nh.n_descsz
							: VM_DESC_MAX;

		snprintf(n->owner, sizeof(n->owner), "%.*s",
			 (int)(nh.n_namesz ? nh.n_namesz - 1 : 0),
			 (const char *)data->d_buf + name_off);
		n->type = nh.n_type;
		n->descsz = nh.n_descsz;
		memcpy(n->desc, (const char *)data->d_buf + desc_off, keep);
	}
}

/* The string linux_banner points to, in the section that holds it. */
static void read_banner(Elf *elf, GElf_Sym *sym, struct vmlinux *v)
{
	Elf_Scn *scn = elf_getscn(elf, sym->st_shndx);
	GElf_Shdr sh;
	Elf_Data *data;
	const char *p, *end, *nul;
	uint64_t at;
	size_t left;

	if (!scn || !gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS)
		return;
	data = elf_getdata(scn, NULL);
	at = sym->st_value - sh.sh_addr;
	if (!data || sym->st_value < sh.sh_addr || at >= data->d_size)
		return;
	/* Bounded by the section: the string may lack its end. */
	p = (const char *)data->d_buf + at;
	left = data->d_size - at;
	end = memchr(p, '\n', left);
	nul = memchr(p, '\0', left);
	if (nul && (!end || nul < end))
		end = nul;
	snprintf(v->banner, sizeof(v->banner), "%.*s",
		 (int)(end ? (size_t)(end - p) : left), p);
}

static void read_symtab(Elf *elf, Elf_Scn *scn, GElf_Shdr *sh,
			struct vmlinux *v)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t i, n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;

	v->has_symtab = true;
	for (i = 0; data && i < n; i++) {
		GElf_Sym sym;
		const char *name;

		if (!gelf_getsym(data, (int)i, &sym))
			break;
		name = elf_strptr(elf, sh->sh_link, sym.st_name);
		if (name && strcmp(name, "linux_banner") == 0) {
			read_banner(elf, &sym, v);
			return;
		}
	}
}

static void read_sections(Elf *elf, struct vmlinux *v)
{
	Elf_Scn *scn = NULL;

	elf_getshdrnum(elf, &v->nsections);
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			continue;
		note_key_section(elf, &sh, v);
		if (sh.sh_type == SHT_NOTE)
			read_notes(elf_getdata(scn, NULL), v);
		else if (sh.sh_type == SHT_SYMTAB)
			read_symtab(elf, scn, &sh, v);
	}
}

/* The program and section header tables must be inside the file. */
static int check_extent(int fd, const GElf_Ehdr *eh, struct diag *d)
{
	struct stat st;
	uint64_t ph_end = eh->e_phoff + (uint64_t)eh->e_phnum * eh->e_phentsize;
	uint64_t sh_end = eh->e_shoff + (uint64_t)eh->e_shnum * eh->e_shentsize;

	if (fstat(fd, &st) < 0)
		return 0;
	if (ph_end > (uint64_t)st.st_size || sh_end > (uint64_t)st.st_size) {
		diag_set(d, "truncated ELF file: its %s header table ends at "
			 "0x%llx, the file at 0x%llx", ph_end > (uint64_t)
			 st.st_size ? "program" : "section",
			 (unsigned long long)(ph_end > (uint64_t)st.st_size ?
					      ph_end : sh_end),
			 (unsigned long long)st.st_size);
		return -1;
	}
	return 0;
}

int vmlinux_read(int fd, struct vmlinux *v, struct diag *d)
{
	GElf_Ehdr eh;
	Elf *elf;

	memset(v, 0, sizeof(*v));
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		int err = elf_errno();

		diag_set(d, "not an ELF file libelf can read%s%s",
			 err ? ": " : "", err ? elf_errmsg(err) : "");
		if (elf)
			elf_end(elf);
		return -1;
	}
	if (check_extent(fd, &eh, d) < 0) {
		elf_end(elf);
		return -1;
	}

	v->elf_class = eh.e_ident[EI_CLASS] == ELFCLASS64 ? 64 : 32;
	v->big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;
	v->type = eh.e_type;
	v->machine = eh.e_machine;
	v->entry = eh.e_entry;
	read_loads(elf, v);
	read_sections(elf, v);
	elf_end(elf);
	return 0;
}

const char *vmlinux_build_id(const struct vmlinux *v, char *buf, size_t n)
{
	size_t i, j;

	for (i = 0; i < v->nnotes; i++) {
		const struct vm_note *note = &v->note[i];

		if (strcmp(note->owner, "GNU") != 0 ||
		    note->type != NT_GNU_BUILD_ID ||
		    note->descsz > VM_DESC_MAX || 2 * note->descsz + 1 > n)
			continue;
		for (j = 0; j < note->descsz; j++)
			snprintf(buf + 2 * j, 3, "%02x", note->desc[j]);
		buf[2 * note->descsz] = '\0';
		return buf;
	}
	return NULL;
}
