/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json.h"

/*
 * The length of the UTF-8 sequence at p, or 0 when it is not one: RFC 3629
 * section 4, no overlong forms, no surrogates, nothing past U+10FFFF.
 */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

bool json_nomem;

void json_put(json_object *o, const char *key, json_object *v)
{
	if (o && json_object_object_add(o, key, v) == 0)
		return;
	json_object_put(v);
	json_nomem = true;
}

void json_push(json_object *a, json_object *v)
{
	if (a && json_object_array_add(a, v) == 0)
		return;
	json_object_put(v);
	json_nomem = true;
}

json_object *json_text(const char *s)
{
	static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */
	size_t len = strlen(s), i = 0, o = 0;
	char *buf = malloc(len * 3 + 1);
	json_object *j;

	if (!buf)
		return json_checked(NULL);
	while (i < len) {
		size_t n = utf8_len((const unsigned char *)s + i);

		if (n == 0) {
			memcpy(buf + o, replacement, 3);
			o += 3;
			i++;
			continue;
		}
		memcpy(buf + o, s + i, n);
		o += n;
		i += n;
	}
	buf[o] = '\0';
	j = json_object_new_string(buf);
	free(buf);
	return j;
}

static void add_u64(json_object *o, const char *key, uint64_t v)
{
	json_put(o, key, json_object_new_uint64(v));
}

static void add_str(json_object *o, const char *key, const char *s)
{
	json_put(o, key, s ? json_text(s) : NULL);
}

static void add_bool(json_object *o, const char *key, bool v)
{
	json_put(o, key, json_object_new_boolean(v));
}

static json_object *bz_field(const struct bzimage *bz,
			     const struct bz_field *f)
{
	json_object *o = json_object_new_object();
	char since[8];

	add_str(o, "name", f->name);
	add_u64(o, "offset", f->offset);
	add_u64(o, "size", f->size);
	snprintf(since, sizeof(since), "%u.%02u", f->protocol >> 8,
		 f->protocol & 0xff);
	add_str(o, "since", f->protocol ? since : NULL);
	add_bool(o, "present", bzimage_has_field(bz, f));
	if (bzimage_has_field(bz, f))
		add_u64(o, "value", bzimage_field(bz, f));
	else
		json_put(o, "value", NULL);
	return o;
}

static json_object *flag_names(uint64_t v, const char *const *names)
{
	json_object *a = json_object_new_array();
	char other[16];
	unsigned bit;

	for (bit = 0; bit < 8; bit++) {
		if (!(v & (1u << bit)))
			continue;
		snprintf(other, sizeof(other), "bit %u", bit);
		json_push(a, json_object_new_string(
			names[bit] ? names[bit] : other));
	}
	return a;
}

static json_object *json_bzimage(const struct bzimage *bz)
{
	json_object *o = json_object_new_object();
	json_object *fields = json_object_new_array();
	char proto[8];
	size_t i;

	snprintf(proto, sizeof(proto), "%u.%02u", bz->protocol >> 8,
		 bz->protocol & 0xff);
	add_str(o, "protocol", bz->has_hdrs ? proto : NULL);
	for (i = 0; i < bz_nfields; i++)
		if (bz->has_hdrs || bz_fields[i].protocol == 0)
			json_push(fields,
				  bz_field(bz, &bz_fields[i]));
	json_put(o, "fields", fields);
	json_put(o, "loadflags_names", bz->has_hdrs ?
		flag_names(bz->hdr[BZ_LOADFLAGS], bz_loadflags_names) : NULL);
	json_put(o, "xloadflags_names", bz->has_hdrs &&
		 bz->protocol >= BZ_PROTO(2, 12) ?
		flag_names(le16(bz->hdr + BZ_XLOADFLAGS), bz_xloadflags_names) :
		NULL);
	add_u64(o, "setup_sects", bz->setup_sects);
	add_u64(o, "protected_mode_offset", bz->pm_offset);
	add_str(o, "kernel_version", bz->has_kernel_version ?
		bz->kernel_version : NULL);
	if (bz->has_payload) {
		json_object *p = json_object_new_object();

		add_u64(p, "offset", bz->payload_offset);
		add_u64(p, "length", bz->payload_length);
		add_str(p, "compression", comp_name(bz->payload_comp));
		add_u64(p, "decompressed_size", bz->payload_size);
		json_put(o, "payload", p);
	} else {
		json_put(o, "payload", NULL);
	}
	return o;
}

static json_object *json_image(const struct image *img)
{
	json_object *o = json_object_new_object();
	unsigned page = image_arm64_page_size(img);

	add_str(o, "arch", img->arch == IMG_ARM64 ? "arm64" : "riscv");
	add_bool(o, "gzipped", img->gzipped);
	add_u64(o, "code0", img->code0);
	add_u64(o, "code1", img->code1);
	add_u64(o, "text_offset", img->text_offset);
	add_u64(o, "image_size", img->image_size);
	add_u64(o, "flags", img->flags);
	add_str(o, "endianness", img->flags & 1 ? "big" : "little");
	if (img->arch == IMG_ARM64 && page)
		add_u64(o, "page_size", page);
	else
		json_put(o, "page_size", NULL);
	add_bool(o, "placement_anywhere", img->arch == IMG_ARM64 &&
		 (img->flags & ARM64_FLAG_PHYS_ANY));
	add_str(o, "magic", img->arch == IMG_ARM64 ? "ARM\\x64" : "RSC\\x05");
	if (img->arch == IMG_RISCV)
		add_u64(o, "version", le32(img->hdr + IMG_RV_VERSION));
	else
		json_put(o, "version", NULL);
	add_bool(o, "efi_stub", img->efi_stub);
	add_u64(o, "pe_offset", img->pe_offset);
	return o;
}

static json_object *key_sections(const struct vmlinux *v)
{
	json_object *o = json_object_new_object();
	size_t i;

	for (i = 0; i < VM_KEY_SECTIONS; i++)
		if (v->sec_found[i])
			add_u64(o, vm_key_sections[i], v->sec_size[i]);
	return o;
}

static json_object *json_elf(const struct vmlinux *v)
{
	json_object *o = json_object_new_object();
	json_object *loads = json_object_new_array();
	json_object *notes = json_object_new_array();
	char id[2 * VM_DESC_MAX + 1];
	size_t i;

	add_u64(o, "class", v->elf_class);
	add_str(o, "endianness", v->big_endian ? "big" : "little");
	add_u64(o, "type", v->type);
	add_u64(o, "machine", v->machine);
	add_str(o, "machine_name", vmlinux_machine_name(v->machine));
	add_u64(o, "entry", v->entry);
	add_u64(o, "sections", v->nsections);
	json_put(o, "section_sizes", key_sections(v));
	for (i = 0; i < v->nload && i < VM_LOADS_MAX; i++) {
		json_object *l = json_object_new_object();

		add_u64(l, "offset", v->load[i].offset);
		add_u64(l, "vaddr", v->load[i].vaddr);
		add_u64(l, "paddr", v->load[i].paddr);
		add_u64(l, "filesz", v->load[i].filesz);
		add_u64(l, "memsz", v->load[i].memsz);
		add_u64(l, "flags", v->load[i].flags);
		json_push(loads, l);
	}
	json_put(o, "loads", loads);
	add_u64(o, "load_count", v->nload);
	add_u64(o, "resident_bytes", v->load_span);
	for (i = 0; i < v->nnotes; i++) {
		json_object *n = json_object_new_object();

		add_str(n, "owner", v->note[i].owner);
		add_u64(n, "type", v->note[i].type);
		add_u64(n, "size", v->note[i].descsz);
		json_push(notes, n);
	}
	json_put(o, "notes", notes);
	add_str(o, "build_id", vmlinux_build_id(v, id, sizeof(id)));
	add_str(o, "banner", v->banner[0] ? v->banner : NULL);
	return o;
}

json_object *json_kernel_code(const struct kernel *k,
			      const struct kernel_code *kc)
{
	json_object *o = json_object_new_object();
	json_object *cfg = json_object_new_object();
	const struct kscan *ks = &kc->scan;

	add_u64(o, "size", kc->size);
	if (kernel_booted(k)->kind == KERNEL_BZIMAGE)
		add_bool(o, "size_matches_header",
			 kc->size == kernel_booted(k)->bz.payload_size);
	else
		json_put(o, "size_matches_header", NULL);
	add_str(o, "banner", ks->banner_found ? ks->banner : NULL);
	add_str(o, "version_note", kc->version_note[0] ? kc->version_note :
		NULL);
	add_bool(cfg, "embedded", ks->config_done);
	add_u64(cfg, "bytes", ks->config_len);
	add_str(cfg, "error", ks->config_failed ? ks->config_err.msg : NULL);
	json_put(o, "config", cfg);
	json_put(o, "elf", kc->has_elf ? json_elf(&kc->elf) :
		 NULL);
	add_str(o, "elf_error", kc->elf_failed ? kc->elf_err.msg : NULL);
	return o;
}

/* The kernel's format as JSON names it. */
static const char *kernel_format_key(const struct kernel *k)
{
	static const char *const formats[] = {
		[KERNEL_BZIMAGE] = "bzimage", [KERNEL_IMAGE] = "image",
		[KERNEL_VMLINUX] = "vmlinux", [KERNEL_UIMAGE] = "uimage",
		[KERNEL_ZBOOT] = "zboot", [KERNEL_PE] = "pe",
	};

	return formats[k->kind];
}

static json_object *json_uimage(const struct uimage *u)
{
	json_object *o = json_object_new_object();

	add_str(o, "name", u->name);
	add_u64(o, "time", u->time);
	add_u64(o, "size", u->size);
	add_u64(o, "load", u->load);
	add_u64(o, "entry", u->ep);
	add_u64(o, "os", u->os);
	add_str(o, "os_name", uimage_os_name(u->os));
	add_u64(o, "arch", u->arch);
	add_str(o, "arch_name", uimage_arch_name(u->arch));
	add_u64(o, "type", u->type);
	add_str(o, "type_name", uimage_type_name(u->type));
	add_u64(o, "comp", u->comp);
	add_str(o, "comp_name", uimage_comp_name(u->comp));
	add_u64(o, "header_crc", u->hcrc);
	add_u64(o, "data_crc", u->dcrc);
	return o;
}

static json_object *json_zboot(const struct zboot *z)
{
	json_object *o = json_object_new_object();

	add_u64(o, "payload_offset", z->payload_offset);
	add_u64(o, "payload_size", z->payload_size);
	add_str(o, "comp_type", z->comp_type);
	add_str(o, "compression", comp_name(z->comp));
	add_u64(o, "pe_offset", z->pe_offset);
	return o;
}

static json_object *json_pe(const struct pe *pe)
{
	json_object *o = json_object_new_object();
	json_object *secs = json_object_new_array();
	size_t i;

	add_u64(o, "machine", pe->machine);
	add_str(o, "machine_name", pe_machine_name(pe->machine));
	add_u64(o, "optional_magic", pe->opt_magic);
	add_u64(o, "entry", pe->entry);
	add_u64(o, "image_base", pe->image_base);
	add_u64(o, "size_of_image", pe->size_of_image);
	add_u64(o, "subsystem", pe->subsystem);
	for (i = 0; i < pe->nsec; i++) {
		json_object *s = json_object_new_object();

		add_str(s, "name", pe->sec[i].name);
		add_u64(s, "virtual_size", pe->sec[i].vsize);
		add_u64(s, "virtual_address", pe->sec[i].vaddr);
		add_u64(s, "raw_size", pe->sec[i].raw_size);
		add_u64(s, "raw_offset", pe->sec[i].raw_ptr);
		json_push(secs, s);
	}
	json_put(o, "sections", secs);
	add_bool(o, "uki", pe->uki);
	add_str(o, "uname", pe->uki ? pe->uname : NULL);
	add_str(o, "cmdline", pe->uki ? pe->cmdline : NULL);
	add_str(o, "osrel", pe->uki ? pe->osrel : NULL);
	return o;
}

json_object *json_kernel(const struct kernel *k)
{
	json_object *o = json_object_new_object();
	json_object *fig = json_object_new_object();

	add_str(o, "format", kernel_format_key(k));
	add_str(o, "description", k->format);
	if (k->kind == KERNEL_BZIMAGE)
		json_put(o, "bzimage", json_bzimage(&k->bz));
	else if (k->kind == KERNEL_IMAGE)
		json_put(o, "image", json_image(&k->img));
	else if (k->kind == KERNEL_VMLINUX)
		json_put(o, "elf", json_elf(&k->elf));
	else if (k->kind == KERNEL_UIMAGE)
		json_put(o, "uimage", json_uimage(&k->ui));
	else if (k->kind == KERNEL_ZBOOT)
		json_put(o, "zboot", json_zboot(&k->zb));
	else
		json_put(o, "pe", json_pe(&k->pe));
	if (k->kind == KERNEL_UIMAGE || k->kind == KERNEL_ZBOOT ||
	    k->kind == KERNEL_PE) {
		json_put(o, "contents", k->inner ?
			 json_kernel(k->inner) : NULL);
		add_str(o, "contents_error", k->inner ? NULL :
			k->inner_err.msg);
	}

	add_str(fig, "field", k->figure_field);
	add_u64(fig, "offset", k->figure_offset);
	add_bool(fig, "known", k->figure_known);
	if (k->figure_known)
		add_u64(fig, "bytes", k->figure);
	else
		json_put(fig, "bytes", NULL);
	add_str(fig, "reason", k->figure_known ? NULL : k->figure_why);
	json_put(o, "memory_figure", fig);
	return o;
}

json_object *json_diag(const char *file, const struct diag *d)
{
	json_object *o = json_object_new_object();

	add_str(o, "file", file);
	add_str(o, "message", d->msg);
	if (d->has_offset)
		add_u64(o, "offset", d->offset);
	else
		json_put(o, "offset", NULL);
	return o;
}

static json_object *json_segment(size_t i, const struct ird_segment *s)
{
	json_object *o = json_object_new_object();

	add_u64(o, "index", i);
	add_u64(o, "offset", s->offset);
	add_u64(o, "length", s->length);
	add_str(o, "compression", comp_name(s->comp));
	add_u64(o, "uncompressed", s->ulen);
	add_u64(o, "entries", s->entries);
	add_bool(o, "complete", s->complete);
	return o;
}

static json_object *json_place(size_t seg, uint64_t off)
{
	json_object *o = json_object_new_object();

	add_u64(o, "segment", seg);
	add_u64(o, "offset", off);
	return o;
}

static json_object *json_archive(size_t i, const struct ird_archive *a)
{
	json_object *o = json_object_new_object();

	add_u64(o, "index", i);
	add_str(o, "format", a->format == CPIO_CRC ? "crc" : "newc");
	json_put(o, "start", json_place(a->first_seg, a->start));
	json_put(o, "end", json_place(a->last_seg, a->end));
	add_u64(o, "entries", a->entries);
	add_bool(o, "trailer", a->trailer);
	return o;
}

json_object *json_initramfs(const struct initramfs *ird, const char *file)
{
	json_object *o = json_object_new_object();
	json_object *segs = json_object_new_array();
	json_object *arcs = json_object_new_array();
	const struct diag *why = ird->failed ? &ird->err : &ird->boot_err;
	size_t i;

	add_u64(o, "size", ird->size);
	add_bool(o, "size_partial", ird->size_partial);
	add_u64(o, "uncompressed", ird->ulen);
	add_u64(o, "padding", ird->padding);
	add_u64(o, "entries", ird->entries);
	add_bool(o, "bootable", !ird->failed && !ird->unbootable);
	json_put(o, "error", ird->failed || ird->unbootable ?
		 json_diag(file, why) : NULL);
	add_u64(o, "segment_count", ird->nsegs);
	add_u64(o, "archive_count", ird->narcs);
	for (i = 0; i < ird->nsegs && i < IRD_TABLE_MAX; i++)
		json_push(segs, json_segment(i, &ird->seg[i]));
	for (i = 0; i < ird->narcs && i < IRD_TABLE_MAX; i++)
		json_push(arcs, json_archive(i, &ird->arc[i]));
	json_put(o, "segments", segs);
	json_put(o, "archives", arcs);
	return o;
}

static const char *type_name(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return "file";
	case S_IFDIR:
		return "directory";
	case S_IFLNK:
		return "symlink";
	case S_IFCHR:
		return "char";
	case S_IFBLK:
		return "block";
	case S_IFIFO:
		return "fifo";
	case S_IFSOCK:
		return "socket";
	default:
		return "unknown";
	}
}

json_object *json_entry(const struct cpio_entry *e,
			const struct inv_entry *ie, size_t seg)
{
	json_object *o = json_object_new_object();

	add_str(o, "path", ie->path);
	add_str(o, "name", e->name);
	add_str(o, "type", type_name(e->mode));
	add_u64(o, "mode", e->mode & 07777);
	add_u64(o, "uid", e->uid);
	add_u64(o, "gid", e->gid);
	add_u64(o, "nlink", e->nlink);
	add_u64(o, "size", e->filesize);
	add_u64(o, "mtime", e->mtime);
	add_u64(o, "ino", e->ino);
	add_u64(o, "segment", seg);
	add_u64(o, "rdev_major", e->rdevmajor);
	add_u64(o, "rdev_minor", e->rdevminor);
	add_str(o, "target", S_ISLNK(e->mode) ? e->target : NULL);
	add_str(o, "hardlink_of", ie->hardlink_of);
	add_bool(o, "duplicate", ie->duplicate);
	add_bool(o, "kernel_skips", e->kernel_skips);
	return o;
}

static json_object *json_counts(const struct inv_counts *c)
{
	static const char *const keys[INV_KINDS] = {
		"regular", "directories", "symlinks", "devices",
		"fifos_sockets", "hardlinks", "other",
	};
	json_object *o = json_object_new_object();
	json_object *pages = json_object_new_object();
	char key[16];
	size_t i;

	add_u64(o, "entries", c->entries);
	for (i = 0; i < INV_KINDS; i++)
		add_u64(o, keys[i], c->n[i]);
	add_u64(o, "data_bytes", c->data_bytes);
	for (i = 0; i < INV_PAGE_SIZES; i++) {
		snprintf(key, sizeof(key), "%u", inv_page_sizes[i]);
		add_u64(pages, key, c->pages[i]);
	}
	json_put(o, "pages", pages);
	return o;
}

static json_object *json_files(const struct inv_file *f, size_t n)
{
	json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++) {
		json_object *o = json_object_new_object();

		add_str(o, "path", f[i].path);
		add_u64(o, "size", f[i].size);
		json_push(a, o);
	}
	return a;
}

static json_object *json_duplicates(const struct inventory *inv)
{
	json_object *a = json_object_new_array();
	struct inv_dup dup[64];
	size_t i, n = inventory_duplicates(inv, dup, ARRAY_SIZE(dup));

	for (i = 0; i < n; i++) {
		json_object *o = json_object_new_object();

		add_str(o, "path", dup[i].path);
		add_u64(o, "copies", dup[i].copies);
		add_u64(o, "winner_segment", dup[i].last_seg);
		json_push(a, o);
	}
	return a;
}

static json_object *json_init(const struct inventory *inv)
{
	json_object *o = json_object_new_object();

	add_bool(o, "present", inv->has_init);
	add_str(o, "type", inv->has_init ? type_name(inv->init_mode) : NULL);
	add_u64(o, "mode", inv->init_mode & 07777);
	add_bool(o, "executable", inv->has_init && S_ISREG(inv->init_mode) &&
		 (inv->init_mode & 0111));
	add_str(o, "target", S_ISLNK(inv->init_mode) ? inv->init_target : NULL);
	return o;
}

json_object *json_summary(const struct initramfs *ird,
			  const struct inventory *inv)
{
	json_object *o = json_object_new_object();
	json_object *segs = json_object_new_array();
	json_object *mods = json_object_new_array();
	const char *v[64];
	size_t i, n = inventory_modules(inv, v, ARRAY_SIZE(v));

	json_put(o, "total", json_counts(&inv->total));
	for (i = 0; i < inv->nsegs; i++)
		json_push(segs, json_counts(&inv->seg[i]));
	json_put(o, "segments", segs);
	add_u64(o, "uncompressed", ird->ulen);
	json_put(o, "largest", json_files(inv->largest,
							 inv->nlargest));
	add_u64(o, "duplicate_count", inv->duplicates);
	json_put(o, "duplicates", json_duplicates(inv));
	json_put(o, "microcode", json_files(inv->microcode,
							   inv->nmicrocode));
	for (i = 0; i < n; i++)
		json_push(mods, json_text(v[i]));
	json_put(o, "module_versions", mods);
	add_str(o, "generator", inv->generator);
	json_put(o, "init", json_init(inv));
	return o;
}

static json_object *json_budget_terms(const struct budget_report *b)
{
	json_object *o = json_object_new_object();

	add_u64(o, "u_mib", b->out.u_mib);
	add_u64(o, "i_mib", b->out.i_mib);
	add_u64(o, "c_mib", b->out.c_mib);
	add_u64(o, "scaled_mib", b->out.scaled);
	add_u64(o, "content_mib", b->out.content);
	add_u64(o, "boot_mib", b->out.boot);
	add_u64(o, "workload_mib", b->in.workload_mib);
	add_u64(o, "shm_mib", b->in.shm_mib);
	add_u64(o, "total_mib", b->out.total);
	return o;
}

json_object *json_budget(const struct budget_report *b)
{
	json_object *o = json_object_new_object();
	json_object *k = json_object_new_object();
	json_object *files = json_object_new_array();
	size_t i;

	add_str(k, "file", b->kernel_name);
	add_str(k, "format", kernel_format_key(b->kernel));
	add_str(k, "description", b->kernel->format);
	add_str(k, "field", b->kernel->figure_field);
	add_u64(k, "offset", b->kernel->figure_offset);
	add_u64(k, "bytes", b->in.kernel);
	json_put(o, "kernel", k);
	for (i = 0; i < b->ninitrds; i++) {
		json_object *f = json_object_new_object();

		add_str(f, "file", b->initrds[i].name);
		add_u64(f, "size", b->initrds[i].size);
		json_push(files, f);
	}
	json_put(o, "initramfs", files);
	add_u64(o, "compressed", b->in.compressed);
	add_u64(o, "uncompressed", b->in.uncompressed);
	add_u64(o, "recorded_segments", b->ird ? b->ird->nrecorded : 0);
	add_str(o, "rootfs_model", b->model ? b->model : "bytes");
	add_u64(o, "page_size", b->page_size);
	add_u64(o, "rootfs_percent", b->in.tmpfs_percent);
	add_str(o, "rootfs_reason", b->percent_why);
	json_put(o, "terms", json_budget_terms(b));
	add_u64(o, "total_mib", b->out.total);
	return o;
}
