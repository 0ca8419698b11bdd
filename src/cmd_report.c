/* SPDX-License-Identifier: MIT */
/*
 * Reports on each file: a kernel's header, or an initramfs walked as the
 * kernel walks it, with its listing, summary and warnings, as text or into
 * the JSON document.
 */
#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "initramfs.h"
#include "inventory.h"
#include "json.h"
#include "kernel.h"
#include "output.h"
#include "report.h"

#define CPIO_BLOCK 512		/* cpio(1) pads its output to this */

/* What the reports of one initramfs collect while it is walked. */
struct view {
	const struct options *o;
	struct inventory inv;
	json_object *entries;		/* --list --json */
	bool listed;
	size_t last_seg;
};

static void view_entry(void *ctx, size_t seg, const struct ird_segment *s,
		       const struct cpio_entry *e)
{
	struct view *v = ctx;
	struct inv_entry ie;

	inventory_add(&v->inv, seg, e, &ie);
	if (!v->o->list || e->trailer)
		return;
	if (v->entries) {
		json_push(v->entries, json_entry(e, &ie, seg));
		return;
	}
	if (!v->listed || seg != v->last_seg)
		report_list_segment(stdout, seg, s);
	v->listed = true;
	v->last_seg = seg;
	report_list_entry(stdout, e, &ie);
}

/* A warning at buffer offset off, given with the file's name and offset. */
static void warn_at(const struct reader_file *files, size_t n, uint64_t base,
		    struct diag *d, uint64_t off)
{
	const struct reader_file *f = reader_files_at(files, n, off);

	d->has_offset = true;
	d->offset = off - f->start + base;
	output_warning(f->name, d);
}

/*
 * What the kernel accepts but a packager wants to know, about the files a
 * boot loader joined into one buffer (base: where it starts in the file).
 */
void walk_warnings(const struct reader_file *files, size_t nfiles,
		   uint64_t base, const struct initramfs *ird,
		   const struct inventory *inv)
{
	const struct reader_file *last = &files[nfiles - 1];
	struct inv_dup dup[16];
	size_t i, n = inventory_duplicates(inv, dup, ARRAY_SIZE(dup));
	struct diag d;

	/* After a failure the picture is partial: the error is what counts. */
	if (ird->failed)
		return;

	for (i = 0; i < n; i++) {
		size_t seg = dup[i].last_seg;
		const char *name = seg < IRD_TABLE_MAX ?
			reader_files_at(files, nfiles,
					ird->seg[seg].offset)->name :
			last->name;

		diag_set(&d, "%s is given %u times; the last copy, in segment "
			 "%zu, wins", dup[i].path, dup[i].copies, seg);
		output_warning(name, &d);
	}
	if (inv->duplicates > n) {
		diag_set(&d, "and %llu more duplicate paths",
			 (unsigned long long)(inv->duplicates - n));
		output_warning(last->name, &d);
	}
	/* cpio's own blocking of the last file to 512 bytes is no news. */
	if (ird->trailing &&
	    !(last->size % CPIO_BLOCK == 0 && ird->trailing < CPIO_BLOCK)) {
		diag_set(&d, "%llu bytes of zero padding after the last "
			 "segment", (unsigned long long)ird->trailing);
		warn_at(files, nfiles, base, &d, ird->size - ird->trailing);
	}
	if (ird->arc_open) {
		diag_set(&d, "the last archive has no TRAILER!!!");
		output_warning(last->name, &d);
	}
}

/* The initramfs reports, as text or into the file's JSON object. */
static void report_ird(const struct options *o, json_object *fo,
		       const char *name, const struct initramfs *ird,
		       struct view *v)
{
	if (fo) {
		json_put(fo, "format",
			 json_object_new_string("initramfs"));
		json_put(fo, "initramfs",
			 json_initramfs(ird, name));
		if (v->entries)
			json_put(fo, "entries", v->entries);
		if (o->summary)
			json_put(fo, "summary",
				 json_summary(ird, &v->inv));
		return;
	}
	if (!o->list && !o->summary)
		report_initramfs(stdout, ird);
	if (o->summary) {
		if (o->list)
			fputc('\n', stdout);
		report_summary(stdout, ird, &v->inv);
	}
}

static int report_walk(const struct options *o, struct reader *r,
		       json_object *fo, bool size_known, uint64_t size)
{
	struct initramfs *ird = malloc(sizeof(*ird));
	struct view *v = calloc(1, sizeof(*v));
	const char *name = r->files[0].name;
	int ret;

	if (!ird || !v) {
		output_error_msg(name, "out of memory");
		free(ird);
		free(v);
		return 1;
	}
	v->o = o;
	inventory_init(&v->inv);
	if (!fo && (o->list || o->summary))
		fputs("Format: initramfs\n\n", stdout);
	if (fo && o->list)
		v->entries = json_object_new_array();
	ret = initramfs_walk(r, ird, view_entry, v);
	inventory_finish(&v->inv);
	if (ird->size_partial && size_known) {
		ird->size = size;
		ird->size_partial = false;
	}
	report_ird(o, fo, name, ird, v);
	walk_warnings(&(struct reader_file){ .name = name, .size = ird->size },
		      1, 0, ird, &v->inv);
	inventory_free(&v->inv);
	free(v);
	if (ird->failed)
		output_error(name, &ird->err);
	else if (ird->unbootable)
		output_error(name, &ird->boot_err);
	free(ird);
	return ret < 0;
}

/* --config: the embedded .config as it is, or why there is none. */
static int print_config(json_object *fo, const char *name,
			const struct kernel_code *kc)
{
	const struct kscan *ks = &kc->scan;

	if (ks->config_failed) {
		output_error(name, &ks->config_err);
		return -1;
	}
	if (!ks->config_done) {
		output_error_msg(name, "no embedded config: the kernel was "
				 "built without CONFIG_IKCONFIG");
		return -1;
	}
	if (fo)
		json_put(fo, "config",
			 json_text(ks->config));
	else
		fputs(ks->config, stdout);
	return 0;
}

/* A UKI's .initrd, walked in place as the kernel would walk it. */
static int report_uki_initrd(json_object *fo, const struct source *src,
			     const struct kernel *k)
{
	const struct pe_section *sec = pe_section(&k->pe, ".initrd");
	struct reader_file f = { .name = src->name, .fd = src->fd };
	struct initramfs *ird;
	struct reader r;
	int ret;

	if (k->kind != KERNEL_PE || !sec)
		return 0;
	ird = malloc(sizeof(*ird));
	if (!ird || lseek(src->fd, (off_t)(src->base + sec->offset),
			  SEEK_SET) < 0) {
		output_error_msg(src->name, "cannot read the .initrd section");
		free(ird);
		return -1;
	}
	reader_init(&r, &f, 1);
	r.limit = sec->size;
	ret = initramfs_walk(&r, ird, NULL, NULL);
	reader_free(&r);
	if (fo) {
		json_put(json_object_object_get(fo, "kernel"),
			 "initrd", json_initramfs(ird,
								src->name));
	} else {
		fputs("\nThe .initrd section: ", stdout);
		report_initramfs(stdout, ird);
	}
	if (ret < 0) {
		struct diag d = ird->failed ? ird->err : ird->boot_err;

		if (d.has_offset)
			d.offset += src->base + sec->offset;
		output_error(src->name, &d);
	}
	free(ird);
	return ret;
}

/* The header report, and with -a, --config or --extract-vmlinux the code. */
static int report_kernel_file(const struct options *o, json_object *fo,
			      const struct source *src, const struct kernel *k)
{
	struct kernel_code kc;
	struct diag d = { .msg = "" };
	int ret = 0;

	if (fo) {
		json_put(fo, "format",
			 json_object_new_string("kernel"));
		json_put(fo, "kernel", json_kernel(k));
	} else if (!o->config) {
		report_kernel(stdout, k);
	}
	if (k->inner_failed) {
		output_error(src->name, &k->inner_err);
		ret = -1;
	}
	if (!o->config && report_uki_initrd(fo, src, k) < 0)
		ret = -1;
	if (!o->all && !o->config && !o->extract)
		return ret;

	if (kernel_inspect(src, k, o->extract, o->force, o->all, &kc,
			   &d) < 0) {
		output_error(src->name, &d);
		kernel_code_free(&kc);
		return -1;
	}
	if (o->all && fo)
		json_put(json_object_object_get(fo, "kernel"),
			 "code", json_kernel_code(k, &kc));
	else if (o->all)
		report_kernel_code(stdout, k, &kc);
	if (o->config)
		ret = print_config(fo, src->name, &kc);
	kernel_code_free(&kc);
	return ret;
}

static void error_unknown(const char *name, const uint8_t *p, size_t n)
{
	char msg[128];
	int len = snprintf(msg, sizeof(msg), "not a kernel image or initramfs "
			   "(starts with");
	size_t i;

	for (i = 0; i < n && i < 4; i++)
		len += snprintf(msg + len, sizeof(msg) - (size_t)len, " %02x",
				p[i]);
	snprintf(msg + len, sizeof(msg) - (size_t)len, ")");
	output_error_msg(name, msg);
}

/* Identify one file by its content and print its main report. */
int command_report(const struct options *o, const char *name)
{
	struct reader_file f;
	struct reader r;
	struct source src;
	struct input in;
	struct kernel k;
	struct diag d = { .msg = "" };
	json_object *fo = output_file(name);
	size_t n;
	int ret = 1;

	if (input_open(&in, name) < 0)
		return 1;
	f = (struct reader_file){ .name = name, .fd = in.fd };
	src = input_source(&in);
	reader_init(&r, &f, 1);
	n = reader_fill_head(&r, HEAD_LEN);

	if (r.failed) {
		output_error(name, &r.err);
	} else if (n == 0) {
		output_error_msg(name, "empty file");
	} else if (S_ISREG(in.st.st_mode) &&
		   (ret = kernel_read(&src, reader_ptr(&r), n, &k, &d)) != 1) {
		if (ret == 0)
			ret = report_kernel_file(o, fo, &src, &k);
		else
			output_error(name, &d);
		kernel_free(&k);
		ret = ret != 0;
	} else if (!S_ISREG(in.st.st_mode) &&
		   kernel_probe_head(reader_ptr(&r), n)) {
		output_error_msg(name, KERNEL_NOT_REGULAR);
	} else if (o->extract || o->config) {
		output_error_msg(name, "not a kernel image: nothing to extract "
				 "or print a config of");
	} else if (initramfs_probe(reader_ptr(&r), n)) {
		ret = report_walk(o, &r, fo, S_ISREG(in.st.st_mode),
				  (uint64_t)in.st.st_size);
	} else {
		error_unknown(name, reader_ptr(&r), n);
		ret = 1;
	}
	reader_free(&r);
	input_close(&in);
	return ret;
}
