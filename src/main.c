/* SPDX-License-Identifier: MIT */
/*
 * kimginfo: what is inside a Linux kernel boot image or an initramfs, and
 * how much memory a guest needs to boot them. This file holds only option
 * parsing, the loop over the files and the exit status.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "command.h"
#include "initramfs.h"
#include "kernel.h"
#include "output.h"

#define EXIT_USAGE 2

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

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

static void usage(FILE *out)
{
	fprintf(out,
"Usage: %s [OPTION]... FILE...\n"
"       %s --budget [OPTION]... KERNEL [INITRAMFS]...\n"
"Show what a Linux kernel boot image or an initramfs holds, and the memory\n"
"a guest needs to boot them. Files are recognised by content; - is stdin.\n"
"\n"
"  -a, --all              every report that applies: for a kernel its code,\n"
"                         banner, config and ELF too; for an initramfs the\n"
"                         summary too\n"
"      --config           print the .config a kernel embeds (IKCONFIG)\n"
"      --extract-vmlinux=OUT  write the decoded kernel code to OUT\n"
"      --force            let --extract-vmlinux replace an existing OUT\n"
"  -l, --list             list the entries of every initramfs segment\n"
"  -s, --summary          what an initramfs holds: counts, largest files,\n"
"                         duplicates, microcode, modules, /init, footprint\n"
"  -j, --json             every report as one JSON document on stdout\n"
"      --strict           warnings (duplicate paths, trailing padding, no\n"
"                         final trailer) fail the run too\n"
"  -c, --check            checks that KERNEL and INITRAMFS... boot together:\n"
"                         PASS, WARN, FAIL or SKIP each; exit 1 on a FAIL\n"
"      --kernel-config=F  the kernel's .config, for CONFIG_RD_* (--check)\n"
"      --memory=MIB       guest memory the rootfs and budget must fit\n"
"      --rdinit=PATH      the init to check (default /init)\n"
"      --page-size=SIZE   4K, 16K or 64K: the arm64 page size expected\n"
"      --skip=NAME,...    checks not to run (see kimginfo(1))\n"
"  -b, --budget           minimum guest memory (MiB) for KERNEL with the\n"
"                         INITRAMFS files, concatenated as a boot loader does\n"
"      --cmdline=STRING   the kernel command line of the boot: its\n"
"                         initramfs_options=size=N%% sets the rootfs limit\n"
"      --tmpfs-percent=P  rootfs limit, in %% of RAM (overrides the above)\n"
"      --workload=MIB     memory for the workload (default 256)\n"
"      --shm=MIB          shared memory on top (default 0)\n"
"      --rootfs-model=M   U as cpio bytes (bytes, the default) or as file\n"
"                         data in whole tmpfs pages (pages)\n"
"      --trust-sizes      with --budget, take U of an xz or zstd stream from\n"
"                         the size it records (xz index, zstd content\n"
"                         size) without decoding it; not with pages\n"
"  -q, --quiet            with --budget, print only the number of MiB\n"
"      --max-unpacked=SIZE  stop past SIZE decompressed (default 64G)\n"
"      --max-ratio=N      stop a stream that expands more than N times\n"
"                         (default 1000; 0 for no limit)\n"
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
       OPT_MODEL, OPT_CONFIG, OPT_EXTRACT, OPT_FORCE, OPT_KCONFIG,
       OPT_MEMORY, OPT_RDINIT, OPT_PAGE, OPT_SKIP, OPT_MAX_UNPACKED,
       OPT_MAX_RATIO, OPT_TRUST };

static const struct option long_options[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "config", no_argument, NULL, OPT_CONFIG },
	{ "extract-vmlinux", required_argument, NULL, OPT_EXTRACT },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "budget", no_argument, NULL, 'b' },
	{ "check", no_argument, NULL, 'c' },
	{ "kernel-config", required_argument, NULL, OPT_KCONFIG },
	{ "memory", required_argument, NULL, OPT_MEMORY },
	{ "rdinit", required_argument, NULL, OPT_RDINIT },
	{ "page-size", required_argument, NULL, OPT_PAGE },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "max-unpacked", required_argument, NULL, OPT_MAX_UNPACKED },
	{ "max-ratio", required_argument, NULL, OPT_MAX_RATIO },
	{ "trust-sizes", no_argument, NULL, OPT_TRUST },
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
	const char *arg = saved_argv[optind - 1];

	if (strncmp(arg, "--", 2) == 0 || opt <= 0 || opt >= 256)
		return arg;
	short_opt[1] = (char)opt;
	return short_opt;
}

/* A size in bytes, with an optional K, M, G or T (binary) suffix. */
static int parse_size(const char *s, uint64_t *v)
{
	static const char units[] = "KMGT";
	const char *u;
	char *end;
	unsigned long long x;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	x = strtoull(s, &end, 10);
	if (errno)
		return -1;
	if (*end && (end[1] || !(u = strchr(units, *end))))
		return -1;
	if (*end && x > UINT64_MAX >> (10 * (u - units + 1)))
		return -1;
	*v = *end ? x << (10 * (u - units + 1)) : x;
	return 0;
}

/* --max-unpacked and --max-ratio: the walker's bomb limits. */
static int parse_limit(int c, struct options *o)
{
	uint64_t v;

	if (c == OPT_MAX_UNPACKED) {
		if (parse_size(optarg, &v) < 0 || v == 0)
			return usage_error("--max-unpacked: '%s' is not a size "
					   "such as 4G", optarg);
		o->max_unpacked = v;
		return -1;
	}
	if (parse_number(optarg, 0, UINT32_MAX, &v) < 0)
		return usage_error("--max-ratio: '%s' is not a number",
				   optarg);
	o->max_ratio = (unsigned)v;
	return -1;
}

/* --skip names checks; each must be one. */
static int check_skip_list(struct options *o, const char *list)
{
	char buf[512], *name, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	for (name = strtok_r(buf, ",", &save); name;
	     name = strtok_r(NULL, ",", &save))
		if (!check_name_known(name))
			return usage_error("--skip: no check is named '%s'",
					   name);
	o->skip = list;
	return -1;
}

/* The options that only --check uses. */
static int parse_check_option(int c, struct options *o)
{
	uint64_t v;

	o->check_option = true;
	switch (c) {
	case OPT_KCONFIG:
		o->kernel_config = optarg;
		return -1;
	case OPT_MEMORY:
		if (parse_number(optarg, 1, UINT32_MAX, &v) < 0)
			return usage_error("--memory: '%s' is not a number of "
					   "MiB", optarg);
		o->memory_mib = v;
		return -1;
	case OPT_RDINIT:
		o->rdinit = optarg;
		return -1;
	case OPT_PAGE:
		o->page_size = strcmp(optarg, "4K") == 0 ? 4096 :
			       strcmp(optarg, "16K") == 0 ? 16384 :
			       strcmp(optarg, "64K") == 0 ? 65536 : 0;
		if (!o->page_size)
			return usage_error("--page-size: '%s' is not 4K, 16K "
					   "or 64K", optarg);
		return -1;
	default:
		return check_skip_list(o, optarg);
	}
}

/* Returns -1 to go on, or an exit status. */
static int parse_option(int c, struct options *o)
{
	uint64_t v;

	switch (c) {
	case 'a':
		o->all = true;
		o->summary = true;
		return -1;
	case OPT_CONFIG:
		o->config = true;
		return -1;
	case OPT_EXTRACT:
		o->extract = optarg;
		return -1;
	case OPT_FORCE:
		o->force = true;
		return -1;
	case 'b':
		o->budget = true;
		return -1;
	case 'c':
		o->check = true;
		return -1;
	case OPT_MAX_UNPACKED:
	case OPT_MAX_RATIO:
		return parse_limit(c, o);
	case OPT_KCONFIG:
	case OPT_MEMORY:
	case OPT_RDINIT:
	case OPT_PAGE:
	case OPT_SKIP:
		return parse_check_option(c, o);
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
	case OPT_TRUST:
		o->trust_sizes = true;
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
		printf("%s %s (gzip: %s)\n", PACKAGE_NAME, PACKAGE_VERSION,
		       GZIP_DECODER);
		return EXIT_SUCCESS;
	case ':':
		return usage_error("option '%s' needs a value",
				   argv_opt(optopt));
	default:
		return usage_error("unrecognized, ambiguous or misused option "
				   "'%s'", argv_opt(optopt));
	}
}

/* Options that do not go together; -1 when all is well, else 2. */
static int check_combination(const struct options *o, int nfiles)
{
	if (nfiles == 0)
		return usage_error("%s", o->budget ? "--budget needs a KERNEL" :
				   "no FILE given");
	if (!o->budget && !o->check && o->budget_option)
		return usage_error("%s", "--cmdline, --tmpfs-percent, "
				   "--workload, --shm and --rootfs-model go "
				   "with --budget or --check");
	if (!o->budget && o->quiet)
		return usage_error("%s", "--quiet goes only with --budget");
	if (o->force && !o->extract)
		return usage_error("%s", "--force goes only with "
				   "--extract-vmlinux");
	if (!o->check && o->check_option)
		return usage_error("%s", "--kernel-config, --memory, --rdinit, "
				   "--page-size and --skip go with --check");
	if (o->check && (o->budget || o->quiet || o->list || o->summary ||
			 o->config || o->extract))
		return usage_error("%s", "--check goes with none of --budget, "
				   "--quiet, --all, --list, --summary, --config "
				   "and --extract-vmlinux");
	if (o->budget && (o->list || o->summary || o->config || o->extract))
		return usage_error("%s", "--all, --list, --summary, --config "
				   "and --extract-vmlinux do not go with "
				   "--budget");
	if (o->trust_sizes && !o->budget)
		return usage_error("%s", "--trust-sizes goes only with --budget");
	if (o->trust_sizes && o->pages)
		return usage_error("%s", "--trust-sizes and --rootfs-model=pages "
				   "exclude each other: pages need the size of "
				   "every file");
	if (o->extract && nfiles != 1)
		return usage_error("%s", "--extract-vmlinux takes one kernel");
	if (o->cmdline && check_cmdline(o->cmdline) < 0)
		return EXIT_USAGE;
	if (o->json && o->quiet)
		return usage_error("%s", "--quiet and --json exclude each other");
	return -1;
}

/* The first form: a report on each file, banners between them. */
static int report_files(const struct options *o, char **files, int n)
{
	int i, status = EXIT_SUCCESS;

	for (i = 0; i < n; i++) {
		if (n > 1 && !o->json)
			printf("%sFile: %s\n", i ? "\n" : "", files[i]);
		if (command_report(o, files[i]) != 0)
			status = EXIT_FAILURE;
	}
	return status;
}

/* An interrupted run leaves no temporary file behind. */
static void on_signal(int sig)
{
	kernel_temp_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

int main(int argc, char **argv)
{
	struct options o = { .workload_mib = 256,
			     .max_unpacked = IRD_MAX_UNPACKED,
			     .max_ratio = IRD_MAX_RATIO };
	int c, ret, status;

	saved_argv = argv;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":abcljsqhV", long_options,
				NULL)) != -1) {
		ret = parse_option(c, &o);
		if (ret >= 0)
			return output_finish(ret);
	}
	ret = check_combination(&o, argc - optind);
	if (ret >= 0)
		return ret;
	output_init(o.json);
	catch_signals();
	initramfs_set_limits(o.max_unpacked, o.max_ratio);
	initramfs_trust_sizes(o.trust_sizes);

	if (o.check)
		status = command_check(&o, argv + optind,
				       (size_t)(argc - optind));
	else if (o.budget)
		status = command_budget(&o, argv + optind,
					(size_t)(argc - optind));
	else
		status = report_files(&o, argv + optind, argc - optind);
	if (!o.check && o.strict && output_warnings())
		status = EXIT_FAILURE;
	return output_finish(status);
}
