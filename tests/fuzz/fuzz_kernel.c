/* SPDX-License-Identifier: MIT */
/*
 * Kernel images: detection by content, every header reader in the format
 * table (bzImage, arm64/RISC-V Image, vmlinux ELF, uImage, zboot, PE and
 * UKI, with their inner kernels), then decoding the code as -a does: the
 * payload's decompressor, the banner and config scan, and libelf.
 */
#include "fuzz.h"

#include "kernel.h"
#include "report.h"

#define HEAD 4096	/* what the tool reads before it identifies a file */

static void inspect(const struct source *src, const struct kernel *k)
{
	struct kernel_code kc;
	struct diag d = { .msg = "" };

	if (kernel_inspect(src, k, NULL, false, true, &kc, &d) == 0)
		report_kernel_code(fuzz_null(), k, &kc);
	kernel_code_free(&kc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source src = { .name = "fuzz", .size = size };
	struct kernel k;
	struct diag d = { .msg = "" };
	int ret;

	src.fd = fuzz_memfd(data, size);
	if (src.fd < 0)
		return 0;

	ret = kernel_read(&src, data, size < HEAD ? size : HEAD, &k, &d);
	if (ret == 0) {
		report_kernel(fuzz_null(), &k);
		inspect(&src, &k);
	}
	if (ret != 1)
		kernel_free(&k);

	close(src.fd);
	return 0;
}
