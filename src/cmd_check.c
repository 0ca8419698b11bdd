/* SPDX-License-Identifier: MIT */
/*
 * --check: whether a kernel and its initramfs files will boot together,
 * as named checks, each PASS, WARN, FAIL or SKIP with a reason, for
 * packaging pipelines and VM test harnesses.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "budget.h"
#include "command.h"
#include "json.h"
#include "kernel.h"
#include "output.h"
#include "pair.h"

#define CONFIG_FILE_MAX (16u << 20)

enum check_status { CHECK_PASS, CHECK_WARN, CHECK_FAIL, CHECK_SKIP };

static const char *const status_names[] = {
	"PASS", "WARN", "FAIL", "SKIP",
};

struct check_result {
	enum check_status st;
	char reason[512];
};

/* Everything the checks look at, read once. */
struct check_ctx {
	const struct options *o;
	struct input kin;
	struct kernel k;
	bool kernel_ok;
	struct kernel_code kc;
	bool code_ok;
	struct diag code_err;
	struct pair_files bf;
	struct initramfs *ird;
	bool walked;
	struct inventory inv;
	char *config_file;		/* --kernel-config, read */
	bool open_failed;		/* an operand could not be opened */
	struct options uo;
};

typedef void (*check_fn)(struct check_ctx *c, struct check_result *r);

static void say(struct check_result *r, enum check_status st,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(struct check_result *r, enum check_status st,
		const char *fmt, ...)
{
	va_list ap;

	r->st = st;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	va_end(ap);
}

/* Append an item to a comma-separated list. */
static void list_add(char *list, size_t n, const char *item)
{
	size_t used = strlen(list);

	snprintf(list + used, n - used, "%s%s", used ? ", " : "", item);
}

/*
 * kexec_file wants these of a 64-bit x86 boot (FACTS.md; boot.rst): FAIL
 * without them. A kernel that is not relocatable boots only at its
 * preferred address: a warning.
 */
static void header_bzimage(const struct bzimage *bz, struct check_result *r)
{
	uint16_t xlf = bz->protocol >= BZ_PROTO(2, 12) ?
		       le16(bz->hdr + BZ_XLOADFLAGS) : 0;
	char missing[256] = "";

	if (!bz->has_hdrs) {
		say(r, CHECK_FAIL, "no \"HdrS\": a boot protocol before 2.00");
		return;
	}
	if (bz->protocol < BZ_PROTO(2, 12))
		list_add(missing, sizeof(missing), "boot protocol 2.12");
	if (!(bz->hdr[BZ_LOADFLAGS] & BZ_LOADED_HIGH))
		list_add(missing, sizeof(missing), "LOADED_HIGH");
	if (!(xlf & BZ_XLF_KERNEL_64))
		list_add(missing, sizeof(missing), "XLF_KERNEL_64");
	if (!(xlf & BZ_XLF_ABOVE_4G))
		list_add(missing, sizeof(missing), "XLF_CAN_BE_LOADED_ABOVE_4G");
	if (missing[0])
		say(r, CHECK_FAIL, "not fit for a 64-bit boot: no %s", missing);
	else if (bz->protocol < BZ_PROTO(2, 5) || !bz->hdr[BZ_RELOCATABLE])
		say(r, CHECK_WARN, "fit for a 64-bit boot, but not relocatable");
	else
		say(r, CHECK_PASS, "boot protocol %u.%02u, LOADED_HIGH, "
		    "XLF_KERNEL_64, XLF_CAN_BE_LOADED_ABOVE_4G, relocatable",
		    bz->protocol >> 8, bz->protocol & 0xff);
}

static void header_image(const struct image *img, struct check_result *r)
{
	if (img->image_size == 0)
		say(r, CHECK_FAIL, "image_size is 0: the kernel does not say "
		    "how much memory it needs");
	else if (img->arch == IMG_ARM64 && !image_arm64_page_size(img))
		say(r, CHECK_FAIL, "the arm64 flags leave the page size "
		    "unspecified");
	else
		say(r, CHECK_PASS, "%s Image, image_size %llu bytes",
		    img->arch == IMG_ARM64 ? "arm64" : "RISC-V",
		    (unsigned long long)img->image_size);
}

static void check_header(struct check_ctx *c, struct check_result *r)
{
	const struct kernel *k = kernel_booted(&c->k);

	if (!c->kernel_ok)
		say(r, CHECK_FAIL, "the kernel image could not be read (see "
		    "the error above)");
	else if (c->k.kind == KERNEL_PE && !c->k.pe.uki)
		say(r, CHECK_FAIL, "a PE image without .linux: no kernel");
	else if ((c->k.kind == KERNEL_UIMAGE || c->k.kind == KERNEL_PE ||
		  c->k.kind == KERNEL_ZBOOT) && !c->k.inner)
		say(r, CHECK_FAIL, "the container's kernel is not read: %s",
		    c->k.inner_err.msg);
	else if (k->kind == KERNEL_BZIMAGE)
		header_bzimage(&k->bz, r);
	else if (k->kind == KERNEL_IMAGE)
		header_image(&k->img, r);
	else
		say(r, CHECK_FAIL, "%s is no bootable image", k->format);
}

static void check_payload(struct check_ctx *c, struct check_result *r)
{
	const struct kernel *k = kernel_booted(&c->k);

	if (!c->kernel_ok)
		say(r, CHECK_SKIP, "no kernel header");
	else if (!c->code_ok)
		say(r, CHECK_FAIL, "the kernel's code does not decode: %s",
		    c->code_err.msg);
	else if (k->kind == KERNEL_BZIMAGE &&
		 c->kc.size != k->bz.payload_size)
		say(r, CHECK_FAIL, "the payload decodes to %llu bytes, its "
		    "last u32 says %u", (unsigned long long)c->kc.size,
		    k->bz.payload_size);
	else
		say(r, CHECK_PASS, "the code decodes whole: %llu bytes",
		    (unsigned long long)c->kc.size);
}

static void check_page_size(struct check_ctx *c, struct check_result *r)
{
	const struct kernel *k = kernel_booted(&c->k);
	unsigned page;

	if (!c->kernel_ok || k->kind != KERNEL_IMAGE ||
	    k->img.arch != IMG_ARM64) {
		say(r, CHECK_SKIP, "not an arm64 Image");
		return;
	}
	page = image_arm64_page_size(&k->img);
	if (!c->o->page_size)
		say(r, CHECK_SKIP, "no --page-size to compare; the Image "
		    "declares %s", page ? (page == 4096 ? "4K pages" :
		    page == 16384 ? "16K pages" : "64K pages") :
		    "no page size");
	else if (page != c->o->page_size)
		say(r, CHECK_FAIL, "the Image is built for %uK pages, not the "
		    "%uK expected", page / 1024, c->o->page_size / 1024);
	else
		say(r, CHECK_PASS, "%uK pages, as expected", page / 1024);
}

static void check_decode(struct check_ctx *c, struct check_result *r)
{
	const struct initramfs *ird = c->ird;

	if (!c->walked)
		say(r, CHECK_SKIP, "no initramfs");
	else if (ird->failed)
		say(r, CHECK_FAIL, "%s", ird->err.msg);
	else if (ird->unbootable)
		say(r, CHECK_FAIL, "%s", ird->boot_err.msg);
	else
		say(r, CHECK_PASS, "%zu segment%s, %llu entries, %llu bytes "
		    "unpacked", ird->nsegs, ird->nsegs == 1 ? "" : "s",
		    (unsigned long long)ird->entries,
		    (unsigned long long)ird->ulen);
}

/* The kernel's .config: --kernel-config, or what it embeds. */
static const char *config_text(const struct check_ctx *c, const char **from)
{
	if (c->config_file) {
		*from = "--kernel-config";
		return c->config_file;
	}
	*from = "the embedded config";
	return c->code_ok && c->kc.scan.config_done ? c->kc.scan.config : NULL;
}

/* CONFIG_RD_* for each compression the kernel's initramfs code knows. */
static const char *rd_option(enum comp comp)
{
	switch (comp) {
	case COMP_GZIP:
		return "RD_GZIP";
	case COMP_BZIP2:
		return "RD_BZIP2";
	case COMP_LZMA:
		return "RD_LZMA";
	case COMP_XZ:
		return "RD_XZ";
	case COMP_LZO:
		return "RD_LZO";
	case COMP_LZ4:
		return "RD_LZ4";
	case COMP_ZSTD:
		return "RD_ZSTD";
	default:
		return NULL;
	}
}

static void check_compression(struct check_ctx *c, struct check_result *r)
{
	char used[128] = "", missing[256] = "", val[64];
	const char *from, *text = config_text(c, &from);
	size_t i, n;

	if (!c->walked) {
		say(r, CHECK_SKIP, "no initramfs");
		return;
	}
	n = c->ird->nsegs < IRD_TABLE_MAX ? c->ird->nsegs : IRD_TABLE_MAX;
	for (i = 0; i < n; i++) {
		const char *opt = rd_option(c->ird->seg[i].comp);
		const char *v;

		if (c->ird->seg[i].comp == COMP_LZ4F) {
			say(r, CHECK_FAIL, "segment %zu is in the LZ4 frame "
			    "format, which no kernel reads (lz4 -l makes the "
			    "legacy format)", i);
			return;
		}
		if (!opt || strstr(used, comp_name(c->ird->seg[i].comp)))
			continue;
		list_add(used, sizeof(used), comp_name(c->ird->seg[i].comp));
		v = text ? config_value(text, opt, val, sizeof(val)) : NULL;
		if (text && (!v || strcmp(v, "y") != 0))
			list_add(missing, sizeof(missing), opt);
	}
	if (!used[0])
		say(r, CHECK_PASS, "no compressed segment");
	else if (!text)
		say(r, CHECK_WARN, "uses %s, but the kernel embeds no config "
		    "and no --kernel-config is given", used);
	else if (missing[0])
		say(r, CHECK_FAIL, "uses %s, but %s lacks CONFIG_%s=y: the "
		    "kernel cannot unpack it", used, from, missing);
	else
		say(r, CHECK_PASS, "uses %s, enabled in %s", used, from);
}

/* The release: the setup header's, else the banner's, else .uname. */
static const char *release(const struct check_ctx *c, char *buf, size_t n)
{
	const struct kernel *k = kernel_booted(&c->k);
	const char *s = NULL;

	if (k->kind == KERNEL_BZIMAGE && k->bz.has_kernel_version)
		s = k->bz.kernel_version;
	else if (c->code_ok && c->kc.scan.banner_found)
		s = c->kc.scan.banner + strlen("Linux version ");
	else if (c->k.kind == KERNEL_PE && c->k.pe.uname[0])
		s = c->k.pe.uname;
	if (!s)
		return NULL;
	snprintf(buf, n, "%.*s", (int)strcspn(s, " \n"), s);
	return buf;
}

static void check_modules(struct check_ctx *c, struct check_result *r)
{
	const char *v[16];
	char rel[256], found[512] = "";
	size_t i, n;

	if (!c->walked) {
		say(r, CHECK_SKIP, "no initramfs");
		return;
	}
	n = inventory_modules(&c->inv, v, ARRAY_SIZE(v));
	if (!release(c, rel, sizeof(rel))) {
		say(r, CHECK_WARN, "the kernel's release is unknown");
		return;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(v[i], rel) == 0) {
			say(r, CHECK_PASS, "lib/modules/%s is there", rel);
			return;
		}
		list_add(found, sizeof(found), v[i]);
	}
	if (n == 0)
		say(r, CHECK_WARN, "no lib/modules in the initramfs for %s",
		    rel);
	else
		say(r, CHECK_FAIL, "the initramfs has modules for %s only, not "
		    "for the kernel's release %s", found, rel);
}

/* Join a symlink target to the directory of the link, folding . and .. */
static void resolve(char *out, size_t n, const char *link, const char *target)
{
	char buf[2 * CPIO_PATH_MAX + 2], *part, *save = NULL;
	size_t len = 0;

	if (target[0] == '/')
		snprintf(buf, sizeof(buf), "%s", target);
	else
		snprintf(buf, sizeof(buf), "%.*s/%s",
			 (int)(strrchr(link, '/') ? strrchr(link, '/') - link
						  : 0), link, target);
	out[0] = '\0';
	for (part = strtok_r(buf, "/", &save); part;
	     part = strtok_r(NULL, "/", &save)) {
		if (strcmp(part, ".") == 0)
			continue;
		if (strcmp(part, "..") == 0) {
			char *slash = strrchr(out, '/');

			len = slash ? (size_t)(slash - out) : 0;
			out[len] = '\0';
			continue;
		}
		len += (size_t)snprintf(out + len, n - len, "/%s", part);
		if (len >= n)
			len = n - 1;
	}
}

static void check_init(struct check_ctx *c, struct check_result *r)
{
	const char *want = c->o->rdinit ? c->o->rdinit : "/init";
	char cur[CPIO_PATH_MAX + 2], next[CPIO_PATH_MAX + 2];
	const char *target;
	uint32_t mode = 0;
	int hops;

	if (!c->walked) {
		say(r, CHECK_SKIP, "no initramfs");
		return;
	}
	resolve(cur, sizeof(cur), "/", want);
	for (hops = 0; hops < 8; hops++) {
		if (!inventory_lookup(&c->inv, cur, &mode, &target)) {
			say(r, CHECK_FAIL, "%s%s%s is not in the initramfs",
			    hops ? want : "", hops ? " leads to " : "", cur);
			return;
		}
		if (!S_ISLNK(mode))
			break;
		resolve(next, sizeof(next), cur, target ? target : "");
		memcpy(cur, next, sizeof(cur));
	}
	if (S_ISLNK(mode))
		say(r, CHECK_FAIL, "%s: too many levels of symlinks", want);
	else if (!S_ISREG(mode))
		say(r, CHECK_FAIL, "%s is not a regular file", cur);
	else if (!(mode & 0111))
		say(r, CHECK_FAIL, "%s is not executable (mode %04o)", cur,
		    mode & 07777);
	else
		say(r, CHECK_PASS, "%s%s%s is an executable file", want,
		    hops ? " leads to " : "", hops ? cur : "");
}

static uint64_t footprint(const struct check_ctx *c)
{
	unsigned page = kernel_booted(&c->k)->page_size;
	size_t i;

	for (i = 0; i < INV_PAGE_SIZES; i++)
		if (inv_page_sizes[i] == page)
			return c->inv.total.pages[i];
	return c->inv.total.pages[0];
}

static void check_fits(struct check_ctx *c, struct check_result *r)
{
	struct source src = input_source(&c->kin);
	struct budget_input in = { 0 };
	struct budget b;
	uint64_t mem = c->o->memory_mib, limit, need;
	unsigned pct = 50;
	char why[256];

	if (!mem) {
		say(r, CHECK_SKIP, "no --memory to check against");
		return;
	}
	if (!c->kernel_ok || !c->k.figure_known) {
		say(r, CHECK_WARN, "the kernel's memory figure is unknown");
		return;
	}
	if (c->walked && pair_percent(c->o, &src, &c->k, &pct, why,
				      sizeof(why)) < 0) {
		say(r, CHECK_FAIL, "the rootfs limit cannot be decided");
		return;
	}
	limit = mem * MIB / 100 * pct;
	need = c->walked ? footprint(c) : 0;
	in = (struct budget_input){ c->walked ? c->ird->ulen : 0,
		c->walked ? c->ird->size : 0, c->k.figure, pct,
		c->o->workload_mib, c->o->shm_mib };
	budget_compute(&in, &b);
	if (need > limit)
		say(r, CHECK_FAIL, "the rootfs needs %llu bytes of pages, over "
		    "the tmpfs limit of %llu bytes (%u%% of %llu MiB)",
		    (unsigned long long)need, (unsigned long long)limit, pct,
		    (unsigned long long)mem);
	else if (b.total > mem)
		say(r, CHECK_FAIL, "the budget is %llu MiB, more than the %llu "
		    "MiB given", (unsigned long long)b.total,
		    (unsigned long long)mem);
	else
		say(r, CHECK_PASS, "%llu bytes of pages fit the tmpfs limit "
		    "(%u%% of %llu MiB); the budget, %llu MiB, fits",
		    (unsigned long long)need, pct, (unsigned long long)mem,
		    (unsigned long long)b.total);
}

static const struct check {
	const char *name;
	check_fn run;
} checks[] = {
	{ "kernel-header", check_header },
	{ "kernel-payload", check_payload },
	{ "page-size", check_page_size },
	{ "initramfs-decode", check_decode },
	{ "initramfs-compression", check_compression },
	{ "modules", check_modules },
	{ "init", check_init },
	{ "rootfs-fits", check_fits },
};

bool check_name_known(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(checks); i++)
		if (strcmp(checks[i].name, name) == 0)
			return true;
	return false;
}

/* Whether name is in the comma-separated --skip list. */
static bool skipped(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *p = list;

	while (p && *p) {
		if (strncmp(p, name, len) == 0 && (p[len] == ',' || !p[len]))
			return true;
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return false;
}

/* A .config file, whole: a regular file of at most 16 MiB. */
static char *read_config_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	const char *why = NULL;
	struct stat st;
	size_t n;

	if (!f)
		why = strerror(errno);
	else if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode))
		why = "not a regular file";
	else if ((uint64_t)st.st_size > CONFIG_FILE_MAX)
		why = "larger than 16 MiB: no .config is";
	else if (!(text = malloc((size_t)st.st_size + 1)))
		why = "out of memory";
	if (!why) {
		n = fread(text, 1, (size_t)st.st_size, f);
		text[n] = '\0';
		if (ferror(f))
			why = "read error";
	}
	if (f)
		fclose(f);
	if (why) {
		output_error_msg(path, why);
		free(text);
		return NULL;
	}
	return text;
}

/* Read the kernel, decode its code, walk the initramfs files once. */
static int gather(struct check_ctx *c, char **files, size_t n)
{
	struct source src;

	if (c->o->kernel_config &&
	    !(c->config_file = read_config_file(c->o->kernel_config)))
		return -1;
	if (input_open(&c->kin, files[0]) < 0) {
		c->open_failed = true;
		return 0;
	}
	c->kernel_ok = pair_kernel(&c->kin, &c->k, false) == 0;
	if (c->kernel_ok) {
		src = input_source(&c->kin);
		c->code_ok = kernel_inspect(&src, &c->k, NULL, false, false,
					    &c->kc, &c->code_err) == 0;
		c->o = pair_uki_options(c->o, &c->k, &c->uo);
	}
	c->ird = malloc(sizeof(*c->ird));
	if (!c->ird)
		return -1;
	if ((n > 1 ? pair_open_initrds(&c->bf, files + 1, n - 1) :
	     c->kernel_ok ? pair_open_uki_initrd(&c->bf, &c->kin, &c->k) :
	     0) < 0) {
		c->open_failed = true;
		return 0;
	}
	if (c->bf.n > 0) {
		pair_walk(&c->bf, c->ird, &c->inv);
		c->walked = true;
	}
	return 0;
}

static void release_ctx(struct check_ctx *c)
{
	if (c->kernel_ok)
		kernel_code_free(&c->kc);
	pair_close_initrds(&c->bf);
	inventory_free(&c->inv);
	kernel_free(&c->k);
	input_close(&c->kin);
	free(c->ird);
	free(c->config_file);
}

static json_object *json_result(const char *name,
				const struct check_result *r)
{
	json_object *o = json_object_new_object();

	json_put(o, "name", json_object_new_string(name));
	json_put(o, "status",
		 json_object_new_string(status_names[r->st]));
	json_put(o, "reason", json_text(r->reason));
	return o;
}

static void print_result(const char *name, const struct check_result *r)
{
	printf("  %-22s %-6s ", name, status_names[r->st]);
	fput_escaped(stdout, r->reason);
	putchar('\n');
}

/* Run every check not skipped; count by status. */
static void run_checks(struct check_ctx *c, unsigned *count,
		       json_object *results)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(checks); i++) {
		struct check_result r = { CHECK_SKIP, "skipped with --skip" };

		if (!skipped(c->o->skip, checks[i].name))
			checks[i].run(c, &r);
		count[r.st]++;
		if (results)
			json_push(results,
				  json_result(checks[i].name, &r));
		else
			print_result(checks[i].name, &r);
	}
}

static void print_counts(const unsigned *count, json_object *o)
{
	if (o) {
		json_put(o, "passed",
			 json_object_new_int((int)count[CHECK_PASS]));
		json_put(o, "warnings",
			 json_object_new_int((int)count[CHECK_WARN]));
		json_put(o, "failed",
			 json_object_new_int((int)count[CHECK_FAIL]));
		json_put(o, "skipped",
			 json_object_new_int((int)count[CHECK_SKIP]));
		return;
	}
	printf("%u passed, %u warning%s, %u failed, %u skipped\n",
	       count[CHECK_PASS], count[CHECK_WARN],
	       count[CHECK_WARN] == 1 ? "" : "s", count[CHECK_FAIL],
	       count[CHECK_SKIP]);
}

int command_check(const struct options *o, char **files, size_t n)
{
	struct check_ctx c = { .o = o, .kin = { .fd = -1 },
			       .k = { .inner = NULL } };
	unsigned count[4] = { 0 };
	json_object *doc = output_json() ? json_object_new_object() : NULL;
	json_object *results = doc ? json_object_new_array() : NULL;

	inventory_init(&c.inv);
	if (gather(&c, files, n) < 0) {
		release_ctx(&c);
		json_object_put(doc);
		json_object_put(results);
		return 1;
	}
	if (!doc)
		printf("Checks:\n  %-22s %-6s %s\n", "Check", "Result",
		       "Reason");
	run_checks(&c, count, results);
	if (doc) {
		json_put(doc, "results", results);
		print_counts(count, doc);
		output_set("check", doc);
	} else {
		print_counts(count, NULL);
	}
	release_ctx(&c);
	return c.open_failed || count[CHECK_FAIL] ||
	       (o->strict && count[CHECK_WARN]) ? 1 : 0;
}
