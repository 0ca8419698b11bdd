/* SPDX-License-Identifier: MIT */
/*
 * kimginfo: what is inside a Linux kernel boot image or an initramfs, and
 * how much memory a guest needs to boot them. This file holds only option
 * parsing, the loop over the files and the exit status.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "budget.h"
#include "initramfs.h"
#include "kernel.h"
#include "json.h"
#include "output.h"
#include "report.h"

#define EXIT_USAGE 2
#define HEAD_LEN 4096
#define OPTION_NEEDLE "initramfs_options="
#define KERNEL_NOT_REGULAR \
	"a kernel image must be read from a regular file, not a pipe"

struct options {
	bool strict;
	bool pages;			/* --rootfs-model=pages */
	bool list;
	bool summary;
	bool json;
	bool budget;
	bool budget_option;	/* one that only --budget uses was given */
	bool quiet;
	const char *cmdline;
	unsigned tmpfs_percent;		/* 0: decide from the kernel */
	uint64_t workload_mib;
	uint64_t shm_mib;
};

struct input {
	const char *name;
	int fd;
	struct stat st;
};

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int input_open(struct input *in, const char *name)
{
	in->name = name;
	in->fd = strcmp(name, "-") == 0 ? STDIN_FILENO
					: open(name, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0) {
		output_error_msg(name, strerror(errno));
		return -1;
	}
	if (fstat(in->fd, &in->st) < 0) {
		output_error_msg(name, strerror(errno));
	} else if (S_ISDIR(in->st.st_mode)) {
		output_error_msg(name, "is a directory");
	} else if (!S_ISREG(in->st.st_mode) && !S_ISFIFO(in->st.st_mode) &&
		   !S_ISSOCK(in->st.st_mode)) {
		output_error_msg(name, "not a regular file or a pipe");
	} else {
		return 0;
	}
	if (in->fd != STDIN_FILENO)
		close(in->fd);
	in->fd = -1;
	return -1;
}

static void input_close(struct input *in)
{
	if (in->fd > STDIN_FILENO)
		close(in->fd);
	in->fd = -1;
}

static struct source input_source(const struct input *in)
{
	struct source s = { in->name, in->fd, (uint64_t)in->st.st_size };

	return s;
}

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
		json_object_array_add(v->entries, json_entry(e, &ie, seg));
		return;
	}
	if (!v->listed || seg != v->last_seg)
		report_list_segment(stdout, seg, s);
	v->listed = true;
	v->last_seg = seg;
	report_list_entry(stdout, e, &ie);
}

/* What the kernel accepts but a packager wants to know. */
static void walk_warnings(const char *name, const struct initramfs *ird,
			  const struct inventory *inv)
{
	struct inv_dup dup[16];
	size_t i, n = inventory_duplicates(inv, dup, ARRAY_SIZE(dup));
	struct diag d;

	/* After a failure the picture is partial: the error is what counts. */
	if (ird->failed)
		return;

	for (i = 0; i < n; i++) {
		diag_set(&d, "%s is given %u times; the last copy, in segment "
			 "%zu, wins", dup[i].path, dup[i].copies,
			 dup[i].last_seg);
		output_warning(name, &d);
	}
	if (inv->duplicates > n) {
		diag_set(&d, "and %llu more duplicate paths",
			 (unsigned long long)(inv->duplicates - n));
		output_warning(name, &d);
	}
	if (ird->trailing) {
		diag_set_at(&d, ird->size - ird->trailing, "%llu bytes of zero "
			    "padding after the last segment",
			    (unsigned long long)ird->trailing);
		output_warning(name, &d);
	}
	if (ird->arc_open) {
		diag_set(&d, "the last archive has no TRAILER!!!");
		output_warning(name, &d);
	}
}

/* The initramfs reports, as text or into the file's JSON object. */
static void report_ird(const struct options *o, json_object *fo,
		       const struct initramfs *ird, struct view *v)
{
	if (fo) {
		json_object_object_add(fo, "format",
				       json_object_new_string("initramfs"));
		json_object_object_add(fo, "initramfs", json_initramfs(ird));
		if (v->entries)
			json_object_object_add(fo, "entries", v->entries);
		if (o->summary)
			json_object_object_add(fo, "summary",
					       json_summary(ird, &v->inv));
		return;
	}
	if (!o->list && !o->summary)
		report_initramfs(stdout, ird);
	if (o->summary)
		report_summary(stdout, ird, &v->inv);
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
	if (fo && o->list)
		v->entries = json_object_new_array();
	ret = initramfs_walk(r, ird, view_entry, v);
	inventory_finish(&v->inv);
	if (ird->size_partial && size_known) {
		ird->size = size;
		ird->size_partial = false;
	}
	report_ird(o, fo, ird, v);
	walk_warnings(name, ird, &v->inv);
	inventory_free(&v->inv);
	free(v);
	if (ird->failed)
		output_error(name, &ird->err);
	else if (ird->unbootable)
		output_error(name, &ird->boot_err);
	free(ird);
	return ret < 0;
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
static int report_file(const struct options *o, const char *name)
{
	struct reader_file f;
	struct reader r;
	struct source src;
	struct input in;
	struct kernel k;
	struct diag d = { .msg = "" };
	json_object *fo = output_file(name);
	enum image_arch arch;
	size_t n;
	int ret = 1;

	if (input_open(&in, name) < 0)
		return 1;
	f = (struct reader_file){ .name = name, .fd = in.fd };
	src = input_source(&in);
	reader_init(&r, &f, 1);
	n = reader_fill(&r, HEAD_LEN);

	if (r.failed) {
		output_error(name, &r.err);
	} else if (n == 0) {
		output_error_msg(name, "empty file");
	} else if (S_ISREG(in.st.st_mode) &&
		   (ret = kernel_read(&src, reader_ptr(&r), n, &k, &d)) != 1) {
		if (ret == 0 && fo) {
			json_object_object_add(fo, "format",
					       json_object_new_string("kernel"));
			json_object_object_add(fo, "kernel", json_kernel(&k));
		}
		else if (ret == 0)
			report_kernel(stdout, &k);
		else
			output_error(name, &d);
		ret = ret != 0;
	} else if (!S_ISREG(in.st.st_mode) && (bzimage_probe(reader_ptr(&r), n) ||
		   image_probe(reader_ptr(&r), n, &arch))) {
		output_error_msg(name, KERNEL_NOT_REGULAR);
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

/* The rootfs limit: an option, the command line, or the kernel's own. */
static int budget_percent(const struct options *o, const struct source *src,
			  const struct kernel *k, unsigned *pct, char *why,
			  size_t n)
{
	struct diag d = { .msg = "" };
	char what[64];
	int has, set;

	if (o->tmpfs_percent) {
		*pct = o->tmpfs_percent;
		snprintf(why, n, "set with --tmpfs-percent");
		return 0;
	}

	/* A kernel that honours the option carries its name. */
	has = kernel_contains(src, k, OPTION_NEEDLE, &d);
	if (has < 0) {
		output_error(src->name, &d);
		return -1;
	}
	if (!has) {
		*pct = 50;
		snprintf(why, n, "the tmpfs default, half of RAM: this kernel "
			 "ignores initramfs_options= (the kernel does not "
			 "contain its name)");
		return 0;
	}
	if (!o->cmdline) {
		*pct = 90;
		snprintf(why, n, "assumes initramfs_options=size=90%% on the "
			 "command line, which this kernel honours (it "
			 "contains \"" OPTION_NEEDLE "\")");
		return 0;
	}

	set = budget_cmdline_percent(o->cmdline, pct, what, sizeof(what));
	if (set == 0) {
		*pct = 50;
		snprintf(why, n, "the tmpfs default, half of RAM: the command "
			 "line sets no initramfs_options size");
	} else if (set == 2) {
		snprintf(why, n, "initramfs_options=size=0%% on the command "
			 "line: no limit, the rootfs may fill RAM");
	} else {
		snprintf(why, n, "initramfs_options=size=%u%% on the command "
			 "line", *pct);
	}
	return 0;
}

/* A --cmdline whose rootfs size kimginfo cannot model is a usage error. */
static int check_cmdline(const char *cmdline)
{
	unsigned pct;
	char what[64];

	if (budget_cmdline_percent(cmdline, &pct, what, sizeof(what)) >= 0)
		return 0;
	usage_error("--cmdline: initramfs_options %s is not a percentage of "
		    "RAM, the only limit kimginfo models", what);
	return -1;
}

struct budget_files {
	struct input *in;
	struct reader_file *rf;
	const char **names;
	uint64_t *sizes;
	size_t n;
};

static int open_initrds(struct budget_files *bf, char **names, size_t n)
{
	size_t i;
	int ret = 0;

	bf->n = n;
	bf->in = calloc(n + 1, sizeof(*bf->in));
	bf->rf = calloc(n + 1, sizeof(*bf->rf));
	bf->names = calloc(n + 1, sizeof(*bf->names));
	bf->sizes = calloc(n + 1, sizeof(*bf->sizes));
	if (!bf->in || !bf->rf || !bf->names || !bf->sizes) {
		fprintf(stderr, "%s: out of memory\n", progname);
		return -1;
	}
	for (i = 0; i < n; i++) {
		bf->in[i].fd = -1;
		if (input_open(&bf->in[i], names[i]) < 0) {
			ret = -1;
			continue;
		}
		bf->rf[i] = (struct reader_file){ .name = names[i],
						  .fd = bf->in[i].fd };
		bf->names[i] = names[i];
	}
	return ret;
}

static void close_initrds(struct budget_files *bf)
{
	size_t i;

	for (i = 0; bf->in && i < bf->n; i++)
		input_close(&bf->in[i]);
	free(bf->in);
	free(bf->rf);
	free(bf->names);
	free(bf->sizes);
}

/* Walk the initrds as one buffer; on failure name the file at fault. */
static void inventory_entry(void *ctx, size_t seg, const struct ird_segment *s,
			    const struct cpio_entry *e)
{
	struct inv_entry ie;

	(void)s;
	inventory_add(ctx, seg, e, &ie);
}

static int walk_initrds(struct budget_files *bf, struct initramfs *ird,
			struct inventory *inv)
{
	struct reader r;
	size_t i;
	int ret;

	reader_init(&r, bf->rf, bf->n);
	ret = initramfs_walk(&r, ird, inventory_entry, inv);
	if (ret < 0) {
		struct diag d = ird->failed ? ird->err : ird->boot_err;
		const struct reader_file *f = reader_file_at(&r, d.offset);

		if (d.has_offset)
			d.offset -= f->start;
		output_error(f->name, &d);
	}
	for (i = 0; i < bf->n; i++)
		bf->sizes[i] = bf->rf[i].size;
	reader_free(&r);
	return ret;
}

static int budget_kernel(struct input *in, struct kernel *k)
{
	struct source src = input_source(in);
	uint8_t head[HEAD_LEN];
	struct diag d = { .msg = "" };
	long long got;
	int ret;

	if (!S_ISREG(in->st.st_mode)) {
		output_error_msg(in->name, KERNEL_NOT_REGULAR);
		return -1;
	}
	got = source_read(&src, 0, head, sizeof(head), &d);
	if (got < 0) {
		output_error(in->name, &d);
		return -1;
	}
	ret = kernel_read(&src, head, (size_t)got, k, &d);
	if (got == 0)
		output_error_msg(in->name, "empty file");
	else if (ret == 1)
		output_error_msg(in->name, "not a kernel image this tool knows "
			  "(bzImage, arm64 or RISC-V Image)");
	else if (ret < 0)
		output_error(in->name, &d);
	else if (!k->figure_known) {
		diag_set(&d, "the budget cannot be computed: %s",
			 k->figure_why);
		output_error(in->name, &d);
	}
	return ret == 0 && k->figure_known ? 0 : -1;
}

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
			   const struct kernel *k, struct budget_files *bf,
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
		if (walk_initrds(bf, ird, inv) < 0)
			return 1;
		b.ird = ird;
		b.in.uncompressed = ird->ulen;
		budget_model(o, k, inv, &b);
		b.in.compressed = ird->size;
		b.initrd_names = bf->names;
		b.initrd_sizes = bf->sizes;
		b.ninitrds = bf->n;
		if (budget_percent(o, &src, k, &b.in.tmpfs_percent, why,
				   sizeof(why)) < 0)
			return 1;
		b.percent_why = why;
	} else if (o->tmpfs_percent) {
		b.in.tmpfs_percent = o->tmpfs_percent;
		b.percent_why = "set with --tmpfs-percent";
	}

	budget_compute(&b.in, &b.out);
	if (output_json())
		output_set("budget", json_budget(&b));
	else if (o->quiet)
		printf("%" PRIu64 "\n", b.out.total);
	else
		report_budget(stdout, &b);
	return 0;
}

static int run_budget(const struct options *o, char **files, size_t n)
{
	struct budget_files bf = { 0 };
	struct initramfs *ird = NULL;
	struct input kin = { .fd = -1 };
	struct inventory inv;
	struct kernel k;
	int ret = 1;

	if (input_open(&kin, files[0]) < 0 || budget_kernel(&kin, &k) < 0) {
		input_close(&kin);
		return 1;
	}
	ird = malloc(sizeof(*ird));
	if (!ird)
		fprintf(stderr, "%s: out of memory\n", progname);
	inventory_init(&inv);
	if (ird && open_initrds(&bf, files + 1, n - 1) == 0)
		ret = run_budget_walk(o, &kin, &k, &bf, ird, &inv);
	inventory_free(&inv);
	close_initrds(&bf);
	free(ird);
	input_close(&kin);
	return ret;
}

static void usage(FILE *out)
{
	fprintf(out,
"Usage: %s [OPTION]... FILE...\n"
"       %s --budget [OPTION]... KERNEL [INITRAMFS]...\n"
"Show what a Linux kernel boot image or an initramfs holds, and the memory\n"
"a guest needs to boot them. Files are recognised by content; - is stdin.\n"
"\n"
"  -l, --list             list the entries of every initramfs segment\n"
"  -s, --summary          what an initramfs holds: counts, largest files,\n"
"                         duplicates, microcode, modules, /init, footprint\n"
"  -j, --json             every report as one JSON document on stdout\n"
"      --strict           warnings (duplicate paths, trailing padding, no\n"
"                         final trailer) fail the run too\n"
"  -b, --budget           minimum guest memory (MiB) for KERNEL with the\n"
"                         INITRAMFS files, concatenated as a boot loader does\n"
"      --cmdline=STRING   the kernel command line of the boot: its\n"
"                         initramfs_options=size=N%% sets the rootfs limit\n"
"      --tmpfs-percent=P  rootfs limit, in %% of RAM (overrides the above)\n"
"      --workload=MIB     memory for the workload (default 256)\n"
"      --shm=MIB          shared memory on top (default 0)\n"
"      --rootfs-model=M   U as cpio bytes (bytes, the default) or as file\n"
"                         data in whole tmpfs pages (pages)\n"
"  -q, --quiet            with --budget, print only the number of MiB\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
"\n"
"Exit status: 0 when every input was read, 1 when one failed or holds what\n"
"the kernel would refuse, 2 on a usage error. See kimginfo(1).\n",
		progname, progname);
}

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
	return EXIT_USAGE;
}

/* A whole decimal number in [min, max], or -1. */
static int parse_number(const char *s, uint64_t min, uint64_t max,
			uint64_t *v)
{
	char *end;
	unsigned long long x;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	x = strtoull(s, &end, 10);
	if (errno || *end || x < min || x > max)
		return -1;
	*v = x;
	return 0;
}

enum { OPT_CMDLINE = 256, OPT_TMPFS, OPT_WORKLOAD, OPT_SHM, OPT_STRICT,
       OPT_MODEL };

static const struct option long_options[] = {
	{ "budget", no_argument, NULL, 'b' },
	{ "list", no_argument, NULL, 'l' },
	{ "summary", no_argument, NULL, 's' },
	{ "json", no_argument, NULL, 'j' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "rootfs-model", required_argument, NULL, OPT_MODEL },
	{ "cmdline", required_argument, NULL, OPT_CMDLINE },
	{ "tmpfs-percent", required_argument, NULL, OPT_TMPFS },
	{ "workload", required_argument, NULL, OPT_WORKLOAD },
	{ "shm", required_argument, NULL, OPT_SHM },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static char **saved_argv;

/* The option getopt_long() just stopped at, as the user wrote it. */
static const char *argv_opt(int opt)
{
	static char short_opt[3] = "-?";

	if (opt > 0 && opt < 256) {
		short_opt[1] = (char)opt;
		return short_opt;
	}
	return saved_argv[optind - 1];
}

/* Returns -1 to go on, or an exit status. */
static int parse_option(int c, struct options *o)
{
	uint64_t v;

	switch (c) {
	case 'b':
		o->budget = true;
		return -1;
	case 'l':
		o->list = true;
		return -1;
	case 's':
		o->summary = true;
		return -1;
	case 'j':
		o->json = true;
		return -1;
	case OPT_STRICT:
		o->strict = true;
		return -1;
	case OPT_MODEL:
		if (strcmp(optarg, "bytes") != 0 && strcmp(optarg, "pages") != 0)
			return usage_error("--rootfs-model: '%s' is neither "
					   "bytes nor pages", optarg);
		o->pages = strcmp(optarg, "pages") == 0;
		o->budget_option = true;
		return -1;
	case 'q':
		o->quiet = true;
		return -1;
	case OPT_CMDLINE:
		o->cmdline = optarg;
		o->budget_option = true;
		return -1;
	case OPT_TMPFS:
		if (parse_number(optarg, 1, BUDGET_PERCENT_MAX, &v) < 0)
			return usage_error("--tmpfs-percent: '%s' is not a "
					   "percentage from 1 to 1000", optarg);
		o->tmpfs_percent = (unsigned)v;
		o->budget_option = true;
		return -1;
	case OPT_WORKLOAD:
	case OPT_SHM:
		if (parse_number(optarg, 0, UINT32_MAX, &v) < 0)
			return usage_error("--%s: '%s' is not a number of MiB",
					   c == OPT_SHM ? "shm" : "workload",
					   optarg);
		*(c == OPT_SHM ? &o->shm_mib : &o->workload_mib) = v;
		o->budget_option = true;
		return -1;
	case 'h':
		usage(stdout);
		return EXIT_SUCCESS;
	case 'V':
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return EXIT_SUCCESS;
	case ':':
		return usage_error("option '%s' needs a value",
				   argv_opt(optopt));
	default:
		return usage_error("unrecognized option '%s'",
				   argv_opt(optopt));
	}
}

int main(int argc, char **argv)
{
	struct options o = { .workload_mib = 256 };
	int c, i, status = EXIT_SUCCESS;

	saved_argv = argv;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":bljsqhV", long_options, NULL)) != -1) {
		int ret = parse_option(c, &o);

		if (ret >= 0)
			return output_finish(ret);
	}
	if (optind >= argc)
		return usage_error("%s", o.budget ? "--budget needs a KERNEL" :
				   "no FILE given");
	if (!o.budget && (o.quiet || o.budget_option))
		return usage_error("%s", "--quiet, --cmdline, --tmpfs-percent, "
				   "--workload and --shm go with --budget");
	if (o.cmdline && check_cmdline(o.cmdline) < 0)
		return EXIT_USAGE;
	if (o.json && o.quiet)
		return usage_error("%s", "--quiet and --json exclude each other");
	output_init(o.json);

	if (o.budget)
		return output_finish(run_budget(&o, argv + optind,
					 (size_t)(argc - optind)));

	for (i = optind; i < argc; i++) {
		if (argc - optind > 1 && !o.json)
			printf("%sFile: %s\n", i > optind ? "\n" : "", argv[i]);
		if (report_file(&o, argv[i]) != 0)
			status = EXIT_FAILURE;
	}
	if (o.strict && output_warnings())
		status = EXIT_FAILURE;
	return output_finish(status);
}
