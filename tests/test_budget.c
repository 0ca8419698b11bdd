/* SPDX-License-Identifier: MIT */
/*
 * The budget formula against the reference vectors of FACTS.md, and the
 * rootfs limit read from a kernel command line.
 */
#include "config.h"

#include <string.h>

#include "budget.h"
#include "fixture.h"

#define MiB (UINT64_C(1) << 20)

static uint64_t total(uint64_t u, uint64_t c, uint64_t i, unsigned pct)
{
	struct budget_input in = {
		.uncompressed = u, .compressed = c, .kernel = i,
		.tmpfs_percent = pct, .workload_mib = 256, .shm_mib = 0,
	};
	struct budget out;

	budget_compute(&in, &out);
	return out.total;
}

static void test_budget_vectors_90(void)
{
	CU_ASSERT_EQUAL(total(0, 0, 0, 90), 256);
	CU_ASSERT_EQUAL(total(10 * MiB, 2 * MiB, 5 * MiB, 90), 276);
	CU_ASSERT_EQUAL(total(1, 0, 0, 90), 259);
	CU_ASSERT_EQUAL(total(200 * MiB, 50 * MiB, 30 * MiB, 90), 564);
	CU_ASSERT_EQUAL(total(1200 * MiB, 300 * MiB, 30 * MiB, 90), 1947);
}

static void test_budget_vectors_50(void)
{
	CU_ASSERT_EQUAL(total(10 * MiB, 2 * MiB, 5 * MiB, 50), 284);
	CU_ASSERT_EQUAL(total(200 * MiB, 50 * MiB, 30 * MiB, 50), 744);
	CU_ASSERT_EQUAL(total(1200 * MiB, 300 * MiB, 30 * MiB, 50), 3030);
}

/* MANIFEST.md's sample pairs, from their U, C and I. */
static void test_budget_vectors_samples(void)
{
	CU_ASSERT_EQUAL(total(52279296, 19036362, 53968896, 90), 386);
	CU_ASSERT_EQUAL(total(52279296, 19036362, 53968896, 50), 430);
	CU_ASSERT_EQUAL(total(73747124, 35201199, 53968896, 90), 424);
	CU_ASSERT_EQUAL(total(73747124, 35201199, 53968896, 50), 488);
	CU_ASSERT_EQUAL(total(52279296, 19036362, 27983872, 90), 360);
	CU_ASSERT_EQUAL(total(0, 0, 53968896, 90), 309);
}

static void test_budget_terms_steps(void)
{
	struct budget_input in = {
		.uncompressed = 10 * MiB + 1, .compressed = 2 * MiB,
		.kernel = 5 * MiB, .tmpfs_percent = 90, .workload_mib = 100,
		.shm_mib = 7,
	};
	struct budget b;

	budget_compute(&in, &b);
	CU_ASSERT_EQUAL(b.u_mib, 11);
	CU_ASSERT_EQUAL(b.scaled, 13);		/* ceil(1100 / 90) */
	CU_ASSERT_EQUAL(b.content, 13 + 5 + 2);
	CU_ASSERT_EQUAL(b.boot, 21);		/* ceil(20 * 64 / 63) */
	CU_ASSERT_EQUAL(b.total, 21 + 100 + 7);
}

static void test_budget_ceil_mib_edges(void)
{
	CU_ASSERT_EQUAL(budget_ceil_mib(0), 0);
	CU_ASSERT_EQUAL(budget_ceil_mib(1), 1);
	CU_ASSERT_EQUAL(budget_ceil_mib(MiB), 1);
	CU_ASSERT_EQUAL(budget_ceil_mib(MiB + 1), 2);
	CU_ASSERT_EQUAL(budget_ceil_mib(UINT64_MAX), UINT64_C(1) << 44);
}

static int pct(const char *cmdline, unsigned *p)
{
	char what[64];

	*p = 0;
	return budget_cmdline_percent(cmdline, p, what, sizeof(what));
}

static void test_budget_cmdline_percent(void)
{
	unsigned p;

	CU_ASSERT_EQUAL(pct("console=ttyS0 initramfs_options=size=90%", &p), 1);
	CU_ASSERT_EQUAL(p, 90);
	CU_ASSERT_EQUAL(pct("initramfs_options=mode=755,size=75%,nr_inodes=0",
			    &p), 1);
	CU_ASSERT_EQUAL(p, 75);
	/* The last parameter wins, and the last size= within it. */
	CU_ASSERT_EQUAL(pct("initramfs_options=size=60% quiet "
			    "initramfs_options=size=70%,size=80%", &p), 1);
	CU_ASSERT_EQUAL(p, 80);
	CU_ASSERT_EQUAL(pct("\"initramfs_options=size=65%\"", &p), 1);
	CU_ASSERT_EQUAL(p, 65);
	CU_ASSERT_EQUAL(pct("initramfs_options=\"size=70%\" quiet", &p), 1);
	CU_ASSERT_EQUAL(p, 70);
}

static void test_budget_cmdline_none(void)
{
	unsigned p;

	CU_ASSERT_EQUAL(pct("", &p), 0);
	CU_ASSERT_EQUAL(pct("console=ttyS0 quiet", &p), 0);
	CU_ASSERT_EQUAL(pct("initramfs_options=mode=755", &p), 0);
	CU_ASSERT_EQUAL(pct("xinitramfs_options=size=90%", &p), 0);
}

static void test_budget_cmdline_not_percent(void)
{
	char what[64];
	unsigned p = 0;

	CU_ASSERT_EQUAL(budget_cmdline_percent("initramfs_options=size=512m",
					       &p, what, sizeof(what)), -1);
	CU_ASSERT_STRING_EQUAL(what, "size=512m");
	CU_ASSERT_EQUAL(pct("initramfs_options=size=%", &p), -1);
	CU_ASSERT_EQUAL(pct("initramfs_options=size=1001%", &p), -1);
	CU_ASSERT_EQUAL(pct("initramfs_options=size=+90%", &p), -1);
	CU_ASSERT_EQUAL(pct("initramfs_options=size=90k%", &p), -1);
}

/* memparse() reads the number as C does in base 0; 0 means no limit. */
static void test_budget_cmdline_memparse(void)
{
	unsigned p;

	CU_ASSERT_EQUAL(pct("initramfs_options=size=010%", &p), 1);
	CU_ASSERT_EQUAL(p, 8);
	CU_ASSERT_EQUAL(pct("initramfs_options=size=0x5a%", &p), 1);
	CU_ASSERT_EQUAL(p, 90);
	CU_ASSERT_EQUAL(pct("initramfs_options=size=0%", &p), 2);
	CU_ASSERT_EQUAL(p, 100);
}

int main(void)
{
	static const struct fx_test tests[] = {
		{ "test_budget_vectors_90", test_budget_vectors_90 },
		{ "test_budget_vectors_50", test_budget_vectors_50 },
		{ "test_budget_vectors_samples", test_budget_vectors_samples },
		{ "test_budget_terms_steps", test_budget_terms_steps },
		{ "test_budget_ceil_mib_edges", test_budget_ceil_mib_edges },
		{ "test_budget_cmdline_percent", test_budget_cmdline_percent },
		{ "test_budget_cmdline_none", test_budget_cmdline_none },
		{ "test_budget_cmdline_not_percent",
		  test_budget_cmdline_not_percent },
		{ "test_budget_cmdline_memparse", test_budget_cmdline_memparse },
		{ NULL, NULL },
	};

	return fx_run("budget", tests);
}
