/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codec.h"
#include "initramfs.h"
#include "kernel.h"
#include "reader.h"

/*
 * A boot sector without "HdrS" is a pre-2.00 image, but one in 65536
 * compressed initramfs files has 55 aa at 0x1fe too: its magic wins.
 */
static bool probe_bzimage(const struct source *s, const uint8_t *p, size_t n)
{
	bool hdrs = n >= BZ_HEADER + 4 && memcmp(p + BZ_HEADER, "HdrS", 4) == 0;

	(void)s;
	return bzimage_probe(p, n) && (hdrs || !initramfs_probe(p, n));
}

static bool probe_image(const struct source *s, const uint8_t *p, size_t n)
{
	enum image_arch arch;

	return image_probe(p, n, &arch) || image_probe_gzip(s, p, n);
}

static void bzimage_figure(struct kernel *k)
{
	const struct bzimage *bz = &k->bz;

	k->format = "x86 boot image (bzImage)";
	k->figure_field = "init_size";
	k->figure_offset = BZ_INIT_SIZE;
	if (!bz->has_hdrs)
		snprintf(k->figure_why, sizeof(k->figure_why), "a boot sector "
			 "without \"HdrS\" (protocol before 2.00) has no "
			 "init_size");
	else if (!bz->has_init_size)
		snprintf(k->figure_why, sizeof(k->figure_why), "boot protocol "
			 "%u.%02u has no init_size (2.10 or later needed)",
			 bz->protocol >> 8, bz->protocol & 0xff);
	else if (bz->init_size == 0)
		snprintf(k->figure_why, sizeof(k->figure_why), "init_size is 0");
	k->figure_known = bz->has_init_size && bz->init_size != 0;
	k->page_size = 4096;
	k->figure = bz->init_size;
}

static int read_bzimage(const struct source *s, struct kernel *k,
			struct diag *d)
{
	k->kind = KERNEL_BZIMAGE;
	if (bzimage_read(s, &k->bz, d) < 0)
		return -1;
	bzimage_figure(k);
	return 0;
}

static int read_image(const struct source *s, struct kernel *k,
		      struct diag *d)
{
	const struct image *img = &k->img;

	k->kind = KERNEL_IMAGE;
	if (image_read(s, &k->img, d) < 0)
		return -1;

	if (img->arch == IMG_ARM64)
		k->format = img->gzipped ? "arm64 Image, gzip-compressed"
					 : "arm64 Image";
	else
		k->format = img->gzipped ? "RISC-V Image, gzip-compressed"
					 : "RISC-V Image";
	k->figure_field = "image_size";
	k->figure_offset = IMG_IMAGE_SIZE;
	k->page_size = img->arch == IMG_ARM64 && image_arm64_page_size(img) ?
		       image_arm64_page_size(img) : 4096;
	k->figure = img->image_size;
	k->figure_known = img->image_size != 0;
	if (!k->figure_known)
		snprintf(k->figure_why, sizeof(k->figure_why), "image_size is 0%s",
			 img->arch == IMG_ARM64 ? " (an arm64 kernel before 3.17 "
			 "does not declare its size)" : "");
	return 0;
}

static bool probe_vmlinux(const struct source *s, const uint8_t *p,
			  size_t n)
{
	(void)s;
	return vmlinux_probe(p, n);
}

static int read_vmlinux(const struct source *s, struct kernel *k,
			struct diag *d)
{
	k->kind = KERNEL_VMLINUX;
	k->format = "vmlinux ELF";
	k->figure_field = "none";
	k->page_size = 4096;
	snprintf(k->figure_why, sizeof(k->figure_why), "a vmlinux ELF "
		 "declares no boot memory figure: use its bzImage or Image");
	if (s->base != 0) {
		diag_set(d, "a vmlinux ELF inside a container is not read");
		return -1;
	}
	return vmlinux_read(s->fd, &k->elf, d);
}

static int kernel_read_depth(const struct source *s, const uint8_t *head,
			     size_t n, struct kernel *k, unsigned depth,
			     struct diag *d);

/* The inner kernel's figure stands for the container's. */
static void figure_from_inner(struct kernel *k, const char *why)
{
	const struct kernel *in = k->inner;

	k->page_size = in ? in->page_size : 4096;
	if (in) {
		k->figure_known = in->figure_known;
		k->figure = in->figure;
		k->figure_field = in->figure_field;
		k->figure_offset = in->figure_offset;
		memcpy(k->figure_why, in->figure_why, sizeof(k->figure_why));
		return;
	}
	k->figure_field = "none";
	snprintf(k->figure_why, sizeof(k->figure_why), "%.150s",
		 k->inner_err.msg[0] ? k->inner_err.msg : why);
}

/* Read what a container holds from s, as a kernel of its own. */
static void read_inner(struct kernel *k, const struct source *s)
{
	uint8_t head[4096];
	long long got;
	int ret;

	k->inner_src = *s;
	got = source_read(s, 0, head, sizeof(head), &k->inner_err);
	k->inner = calloc(1, sizeof(*k->inner));
	if (got < 0 || !k->inner) {
		if (!k->inner)
			diag_set(&k->inner_err, "out of memory");
		k->inner_failed = true;
		free(k->inner);
		k->inner = NULL;
		return;
	}
	ret = kernel_read_depth(s, head, (size_t)got, k->inner, k->depth + 1,
				&k->inner_err);
	if (ret != 0) {
		if (ret == 1)
			diag_set(&k->inner_err, "it holds no kernel this tool "
				 "knows");
		k->inner_failed = ret < 0;
		if (k->inner_err.has_offset)	/* from the file's start */
			k->inner_err.offset += s->base;
		kernel_free(k->inner);
		free(k->inner);
		k->inner = NULL;
	}
}

static bool probe_uimage(const struct source *s, const uint8_t *p, size_t n)
{
	(void)s;
	return uimage_probe(p, n);
}

static int read_uimage(const struct source *s, struct kernel *k,
		       struct diag *d)
{
	struct source data;

	k->kind = KERNEL_UIMAGE;
	k->format = "U-Boot legacy image (uImage)";
	if (uimage_read(s, &k->ui, d) < 0)
		return -1;
	data = source_sub(s, UIMAGE_HEADER_LEN, k->ui.size);
	if (k->ui.comp <= 1) {		/* none, or gzip: an Image.gz */
		read_inner(k, &data);
	} else {
		/* Not damage: a compression this tool does not open here. */
		diag_set(&k->inner_err, "its data is compressed (method %u, "
			 "%s): the kernel inside is not read", k->ui.comp,
			 uimage_comp_name(k->ui.comp) ?
			 uimage_comp_name(k->ui.comp) : "unknown");
	}
	figure_from_inner(k, "the uImage holds no kernel read here");
	return 0;
}

static bool probe_zboot(const struct source *s, const uint8_t *p, size_t n)
{
	(void)s;
	return zboot_probe(p, n);
}

struct head_sink {
	uint8_t buf[IMG_HEADER_LEN];
	size_t n;
};

static int head_collect(void *ctx, const uint8_t *p, size_t n)
{
	struct head_sink *h = ctx;
	size_t k = n < sizeof(h->buf) - h->n ? n : sizeof(h->buf) - h->n;

	memcpy(h->buf + h->n, p, k);
	h->n += k;
	return h->n == sizeof(h->buf) ? -1 : 0;	/* enough: stop */
}

/* Decode only the Image header at the start of the zboot payload. */
static int zboot_inner(const struct source *s, struct kernel *k,
		       struct diag *d)
{
	struct reader_file f = { .name = s->name, .fd = s->fd };
	struct head_sink h = { .n = 0 };
	struct reader r;
	uint64_t off, len, out;
	enum codec_status st;

	zboot_payload(&k->zb, &off, &len);
	if (lseek(s->fd, (off_t)(s->base + off), SEEK_SET) < 0) {
		diag_set(d, "cannot seek to the zboot payload");
		return -1;
	}
	reader_init(&r, &f, 1);
	r.limit = len;
	st = codec_decode(k->zb.comp, &r, head_collect, &h, &out, d);
	reader_free(&r);
	if (st == CODEC_ERROR && d->has_offset)
		d->offset += off;	/* read_inner() adds where s starts */
	if (h.n < sizeof(h.buf)) {
		if (st != CODEC_ERROR)
			diag_set(d, "the zboot payload decodes to fewer than "
				 "0x%x bytes", IMG_HEADER_LEN);
		return -1;
	}
	k->inner = calloc(1, sizeof(*k->inner));
	if (!k->inner || !image_from_header(&k->inner->img, h.buf)) {
		diag_set(d, "the zboot payload holds no Image header");
		return -1;
	}
	return 0;
}

static int read_zboot(const struct source *s, struct kernel *k,
		      struct diag *d)
{
	const struct image *img;

	k->kind = KERNEL_ZBOOT;
	k->format = "EFI zboot image";
	if (zboot_read(s, &k->zb, d) < 0 || zboot_inner(s, k, d) < 0)
		return -1;
	img = &k->inner->img;
	k->inner->kind = KERNEL_IMAGE;
	k->inner->format = img->arch == IMG_ARM64 ? "arm64 Image" :
			   "RISC-V Image";
	k->inner->figure_field = "image_size";
	k->inner->figure_offset = IMG_IMAGE_SIZE;
	k->inner->figure = img->image_size;
	k->inner->figure_known = img->image_size != 0;
	snprintf(k->inner->figure_why, sizeof(k->inner->figure_why),
		 "image_size is 0");
	k->inner->page_size = img->arch == IMG_ARM64 &&
			      image_arm64_page_size(img) ?
			      image_arm64_page_size(img) : 4096;
	figure_from_inner(k, "");
	return 0;
}

static bool probe_pe(const struct source *s, const uint8_t *p, size_t n)
{
	(void)s;
	return pe_probe(p, n);
}

static int read_pe(const struct source *s, struct kernel *k, struct diag *d)
{
	const struct pe_section *linux_sec;
	struct source sec;

	k->kind = KERNEL_PE;
	if (pe_read(s, &k->pe, d) < 0)
		return -1;
	linux_sec = pe_section(&k->pe, ".linux");
	k->format = linux_sec ? "Unified Kernel Image (PE)" : "PE EFI image";
	if (linux_sec) {
		sec = source_sub(s, linux_sec->offset, linux_sec->size);
		read_inner(k, &sec);
	} else {
		diag_set(&k->inner_err, "no .linux section: not a Unified "
			 "Kernel Image");
	}
	figure_from_inner(k, "a PE image without .linux carries no kernel");
	return 0;
}

static const struct kernel_format {
	bool (*probe)(const struct source *s, const uint8_t *p, size_t n);
	int (*read)(const struct source *s, struct kernel *k, struct diag *d);
} kernel_formats[] = {
	{ probe_vmlinux, read_vmlinux },	/* "\177ELF" is never a boot sector */
	{ probe_uimage, read_uimage },
	{ probe_bzimage, read_bzimage },
	{ probe_image, read_image },
	{ probe_zboot, read_zboot },	/* after Image: its "MZ" is a stub's */
	{ probe_pe, read_pe },		/* last: bzImage and Image are PE too */
};

static int kernel_read_depth(const struct source *s, const uint8_t *head,
			     size_t n, struct kernel *k, unsigned depth,
			     struct diag *d)
{
	size_t i;

	memset(k, 0, sizeof(*k));
	k->depth = depth;
	if (depth > KERNEL_DEPTH_MAX) {
		diag_set(d, "containers nested deeper than %u", KERNEL_DEPTH_MAX);
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(kernel_formats); i++)
		if (kernel_formats[i].probe(s, head, n))
			return kernel_formats[i].read(s, k, d);
	return 1;
}

int kernel_read(const struct source *s, const uint8_t *head, size_t n,
		struct kernel *k, struct diag *d)
{
	return kernel_read_depth(s, head, n, k, 0, d);
}

bool kernel_probe_head(const uint8_t *head, size_t n)
{
	enum image_arch arch;

	return vmlinux_probe(head, n) || uimage_probe(head, n) ||
	       bzimage_probe(head, n) || image_probe(head, n, &arch) ||
	       zboot_probe(head, n) || pe_probe(head, n);
}

const struct kernel *kernel_booted(const struct kernel *k)
{
	while (k->inner)
		k = k->inner;
	return k;
}

void kernel_free(struct kernel *k)
{
	if (!k->inner)
		return;
	kernel_free(k->inner);
	free(k->inner);
	k->inner = NULL;
}

/* A substring search over a stream, carrying a needle's length of context. */
struct search {
	const char *needle;
	size_t len;
	uint8_t carry[64];
	size_t ncarry;
	bool found;
};

static int search_sink(void *ctx, const uint8_t *p, size_t n)
{
	struct search *sr = ctx;
	uint8_t joint[128];
	size_t head = n < sr->len - 1 ? n : sr->len - 1;

	if (sr->found)
		return 0;

	/* A match that straddles the previous chunk and this one. */
	memcpy(joint, sr->carry, sr->ncarry);
	memcpy(joint + sr->ncarry, p, head);
	/* Decoding goes on, so that a damaged kernel is still caught. */
	if (memmem(joint, sr->ncarry + head, sr->needle, sr->len) ||
	    memmem(p, n, sr->needle, sr->len))
		sr->found = true;

	/* Keep the stream's last len - 1 bytes for the next chunk. */
	if (n >= sr->len - 1) {
		sr->ncarry = sr->len - 1;
		memcpy(sr->carry, p + n - sr->ncarry, sr->ncarry);
	} else {
		size_t total = sr->ncarry + n;
		size_t keep = total < sr->len - 1 ? total : sr->len - 1;

		memcpy(joint, sr->carry, sr->ncarry);
		memcpy(joint + sr->ncarry, p, n);
		memcpy(sr->carry, joint + total - keep, keep);
		sr->ncarry = keep;
	}
	return 0;
}

/* Where the kernel's code lies in the file and how it is compressed. */
static void code_region(const struct kernel *k, const struct source *s,
			uint64_t *off, uint64_t *len, enum comp *comp)
{
	*off = 0;
	*len = s->size;
	*comp = COMP_NONE;
	if (k->kind == KERNEL_BZIMAGE) {
		*off = k->bz.payload_offset;
		*comp = k->bz.payload_comp;
		/* The size appended after the stream is not part of it. */
		*len = k->bz.payload_length -
		       (*comp == COMP_GZIP ? 0 : 4);
	} else if (k->kind == KERNEL_ZBOOT) {
		zboot_payload(&k->zb, off, len);
		*comp = k->zb.comp;
	} else if (k->img.gzipped) {
		*comp = COMP_GZIP;
	}
}

static int copy_region(struct reader *r, codec_sink_fn sink, void *ctx,
		       uint64_t *out)
{
	size_t avail;

	*out = 0;
	while ((avail = reader_fill(r, 1)) > 0) {
		if (sink(ctx, reader_ptr(r), avail) != 0)
			return -1;
		*out += avail;
		reader_consume(r, avail);
	}
	return 0;
}

static int decode_region(struct reader *r, enum comp comp,
			 codec_sink_fn sink, void *ctx, uint64_t *out,
			 struct diag *d)
{
	int ret = 0;

	if (comp == COMP_NONE)
		ret = copy_region(r, sink, ctx, out);
	else if (codec_decode(comp, r, sink, ctx, out, d) != CODEC_OK)
		ret = -1;
	if (r->failed) {
		*d = r->err;
		ret = -1;
	}
	return ret;
}

int kernel_decode(const struct source *s, const struct kernel *k,
		  codec_sink_fn sink, void *ctx, uint64_t *out,
		  struct diag *d)
{
	struct reader_file f = { .name = s->name, .fd = s->fd };
	struct reader r;
	uint64_t off, len;
	enum comp comp;
	int ret;

	*out = 0;
	if (k->kind == KERNEL_UIMAGE || k->kind == KERNEL_PE) {
		if (!k->inner) {
			*d = k->inner_err;
			return -1;
		}
		return kernel_decode(&k->inner_src, k->inner, sink, ctx, out,
				     d);
	}
	if (k->kind == KERNEL_BZIMAGE && !k->bz.has_payload) {
		diag_set(d, "boot protocol before 2.08 does not locate the "
			 "payload");
		return -1;
	}
	code_region(k, s, &off, &len, &comp);
	if (comp == COMP_UNKNOWN) {
		diag_set_at(d, off, "payload compression not recognised: no "
			    "decoder for the kernel's code");
		return -1;
	}
	if (lseek(s->fd, (off_t)(s->base + off), SEEK_SET) < 0) {
		diag_set(d, "cannot seek to the kernel's code");
		return -1;
	}

	reader_init(&r, &f, 1);
	r.limit = len;
	ret = decode_region(&r, comp, sink, ctx, out, d);
	if (ret < 0 && d->has_offset)
		d->offset += s->base + off;
	reader_free(&r);
	return ret;
}

/*
 * TODO: search only the vmlinux ELF's init sections, where a __setup()
 * parameter's name lives; the whole decompressed kernel is searched now, so
 * the same string anywhere else in it would count too.
 */
int kernel_contains(const struct source *s, const struct kernel *k,
		    const char *needle, struct diag *d)
{
	struct search sr = { .needle = needle, .len = strlen(needle) };
	uint64_t out;

	if (sr.len < 2 || sr.len > sizeof(sr.carry)) {
		diag_set(d, "cannot search for a string of %zu bytes", sr.len);
		return -1;
	}
	if (kernel_decode(s, k, search_sink, &sr, &out, d) < 0)
		return -1;
	return sr.found;
}

/* The scanner, and the file the code goes to when it is kept. */
struct tee {
	struct kscan *scan;
	int fd;				/* -1: not kept */
	bool failed;
	int err;
};

static int tee_sink(void *ctx, const uint8_t *p, size_t n)
{
	struct tee *t = ctx;
	size_t done = 0;

	kscan_sink(t->scan, p, n);
	while (t->fd >= 0 && done < n) {
		ssize_t w = write(t->fd, p + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			t->failed = true;
			t->err = w < 0 ? errno : ENOSPC;
			return -1;
		}
		done += (size_t)w;
	}
	return 0;
}

/* The temporary file being written, for a signal handler to remove. */
static char temp_active[4096];
static volatile sig_atomic_t temp_is_active;

void kernel_temp_cleanup(void)
{
	if (temp_is_active)
		unlink(temp_active);
	temp_is_active = 0;
}

/* A temporary file beside path (or in TMPDIR), for the decoded code. */
static int temp_open(const char *path, char *tmp, size_t n)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	if (path)
		snprintf(tmp, n, "%s.kimginfo-XXXXXX", path);
	else
		snprintf(tmp, n, "%s/kimginfo-XXXXXX", dir && *dir ? dir :
			 "/tmp");
	fd = mkstemp(tmp);
	if (fd >= 0 && strlen(tmp) < sizeof(temp_active)) {
		memcpy(temp_active, tmp, strlen(tmp) + 1);
		temp_is_active = 1;
	}
	return fd;
}

/* The first word after "Linux version " and the header's first word. */
/* Append one source of the release to the note; false if it differs. */
static bool version_add(char *note, size_t n, const char *what,
			const char *release, const char **first)
{
	size_t len = strcspn(release, " \n");
	size_t used = strlen(note);
	bool same = !*first || (strcspn(*first, " \n") == len &&
				strncmp(*first, release, len) == 0);

	if (!*first)
		*first = release;
	snprintf(note + used, n - used, "%s%s %.*s", used ? ", " : "", what,
		 (int)len, release);
	return same;
}

/*
 * The release as the setup header, the banner and a UKI's .uname each
 * give it (the first word of each); the note says whether they agree.
 */
static void version_note(const struct kernel *k, const struct kscan *ks,
			 char *note, size_t n)
{
	const struct kernel *bz = kernel_booted(k)->kind == KERNEL_BZIMAGE ?
				  kernel_booted(k) : NULL;
	char list[sizeof(((struct kernel_code *)0)->version_note) - 16] = "";
	const char *first = NULL;
	bool same = true;
	int sources = 0;

	if (bz && bz->bz.has_kernel_version && ++sources)
		same &= version_add(list, sizeof(list), "setup header",
				    bz->bz.kernel_version, &first);
	if (ks->banner_found && ++sources)
		same &= version_add(list, sizeof(list), "banner", ks->banner +
				    strlen("Linux version "), &first);
	if (k->kind == KERNEL_PE && k->pe.uname[0] && ++sources)
		same &= version_add(list, sizeof(list), ".uname", k->pe.uname,
				    &first);
	note[0] = '\0';
	if (sources >= 2)
		snprintf(note, n, "%s: %s", same ? "agree" : "DISAGREE", list);
}

/*
 * Whether --extract-vmlinux may put its file at path: not over anything
 * without --force, and never over what is not a regular file (a device or
 * a symlink would be replaced by the rename, not written to).
 */
static int target_taken(const char *path, bool force, struct diag *d)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return 0;
	if (!S_ISREG(st.st_mode)) {
		diag_set(d, "%s exists and is not a regular file: not replaced",
			 path);
		return -1;
	}
	if (!force) {
		diag_set(d, "%s exists: give --force to replace it", path);
		return -1;
	}
	return 0;
}

/* mkstemp() makes 0600; an extracted file gets the usual mode instead. */
static mode_t current_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

static int inspect_elf(const struct kernel *k, int fd,
		       struct kernel_code *kc, struct diag *d)
{
	if (k->kind == KERNEL_VMLINUX) {
		kc->elf = k->elf;
		kc->has_elf = true;
		return 0;
	}
	k = kernel_booted(k);
	if (fd < 0 || !(k->kind == KERNEL_BZIMAGE &&
			k->bz.payload_comp != COMP_UNKNOWN))
		return 0;

	/* Not fatal: the banner and config are found all the same. */
	if (vmlinux_read(fd, &kc->elf, &kc->elf_err) < 0) {
		kc->elf_failed = true;
		return 0;
	}
	(void)d;
	kc->has_elf = true;
	return 0;
}

static int inspect_finish(const struct kernel *k, const char *extract,
			  bool force, const char *tmp, int fd,
			  struct kernel_code *kc, struct diag *d)
{
	int ret = 0;

	if (fd >= 0 && extract && fsync(fd) < 0) {
		diag_set(d, "cannot write %s: %s", tmp, strerror(errno));
		ret = -1;
	} else if (fd >= 0 && inspect_elf(k, fd, kc, d) < 0) {
		ret = -1;
	}
	else if (fd < 0)
		ret = inspect_elf(k, fd, kc, d);
	if (fd >= 0)
		close(fd);
	if (ret == 0 && extract && target_taken(extract, force, d) < 0)
		ret = -1;
	if (ret == 0 && extract && chmod(tmp, 0666 & ~current_umask()) < 0) {
		diag_set(d, "cannot set the mode of %s: %s", tmp,
			 strerror(errno));
		ret = -1;
	}
	if (ret == 0 && extract && rename(tmp, extract) < 0) {
		diag_set(d, "cannot rename to %s: %s", extract,
			 strerror(errno));
		ret = -1;
	}
	if (fd >= 0 && (ret < 0 || !extract))
		unlink(tmp);
	temp_is_active = 0;
	version_note(k, &kc->scan, kc->version_note, sizeof(kc->version_note));
	return ret;
}

int kernel_inspect(const struct source *s, const struct kernel *k,
		   const char *extract, bool force, bool want_elf,
		   struct kernel_code *kc, struct diag *d)
{
	struct tee t = { .scan = &kc->scan, .fd = -1 };
	char tmp[4096];
	const struct kernel *b = kernel_booted(k);
	bool keep = extract || (want_elf && b->kind == KERNEL_BZIMAGE &&
				b->bz.payload_comp != COMP_UNKNOWN);
	int ret;

	memset(kc, 0, sizeof(*kc));
	kscan_init(&kc->scan);
	if (extract && target_taken(extract, force, d) < 0)
		return -1;
	if (keep && (t.fd = temp_open(extract, tmp, sizeof(tmp))) < 0) {
		diag_set(d, "cannot create a temporary file for the decoded "
			 "kernel: %s", strerror(errno));
		return -1;
	}
	ret = kernel_decode(s, k, tee_sink, &t, &kc->size, d);
	kscan_finish(&kc->scan);
	if (ret < 0) {
		if (t.failed)
			diag_set(d, "cannot write the decoded kernel: %s",
				 strerror(t.err));
		if (t.fd >= 0) {
			close(t.fd);
			unlink(tmp);
			temp_is_active = 0;
		}
		return -1;
	}
	return inspect_finish(k, extract, force, tmp, t.fd, kc, d);
}

void kernel_code_free(struct kernel_code *kc)
{
	kscan_free(&kc->scan);
}
