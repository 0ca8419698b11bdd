/* SPDX-License-Identifier: MIT */
/*
 * The formula and its reasons: see FACTS.md's "memory budget" and the man
 * page. The rootfs is a tmpfs limited to a share of RAM (half by default,
 * shmem_default_max_blocks); each 4 KiB page of RAM costs a 64-byte struct
 * page; the compressed initrd stays reserved until it is unpacked.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "util.h"

uint64_t budget_ceil_mib(uint64_t bytes)
{
	return div_round_up(bytes, MIB);
}

void budget_compute(const struct budget_input *in, struct budget *out)
{
	out->u_mib = budget_ceil_mib(in->uncompressed);
	out->i_mib = budget_ceil_mib(in->kernel);
	out->c_mib = budget_ceil_mib(in->compressed);
	out->scaled = div_round_up(out->u_mib * 100, in->tmpfs_percent);
	out->content = out->scaled + out->i_mib + out->c_mib;
	out->boot = div_round_up(out->content * 64, 63);
	out->total = out->boot + in->workload_mib + in->shm_mib;
}

/* The value of size= in a comma-separated mount option list, or NULL. */
static const char *find_size(const char *opts, size_t len, size_t *vlen)
{
	const char *found = NULL, *p = opts, *end = opts + len;

	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *stop = comma ? comma : end;

		if ((size_t)(stop - p) > 5 && strncmp(p, "size=", 5) == 0) {
			found = p + 5;
			*vlen = (size_t)(stop - found);
		}
		p = stop + 1;
	}
	return found;
}

/* The last initramfs_options= parameter's value; quotes are stripped. */
static const char *find_param(const char *cmdline, size_t *len)
{
	static const char key[] = "initramfs_options=";
	const char *found = NULL, *p = cmdline;

	while (*p) {
		const char *start, *end;
		bool quoted = false;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		start = p;
		for (end = p; *end; end++) {
			if (*end == '"')
				quoted = !quoted;
			else if (!quoted && (*end == ' ' || *end == '\t' ||
					     *end == '\n'))
				break;
		}
		if (*start == '"')
			start++;
		if (strncmp(start, key, sizeof(key) - 1) == 0) {
			found = start + sizeof(key) - 1;
			*len = (size_t)(end - found);
			/* The kernel takes param="value" too. */
			if (*len > 0 && *found == '"') {
				found++;
				(*len)--;
			}
			if (*len > 0 && found[*len - 1] == '"')
				(*len)--;
		}
		p = end;
	}
	return found;
}

int budget_cmdline_percent(const char *cmdline, unsigned *percent,
			   char *what, size_t n)
{
	const char *opts, *size;
	size_t len = 0, vlen = 0;
	char *endp;
	unsigned long v;

	opts = find_param(cmdline, &len);
	if (!opts)
		return 0;
	size = find_size(opts, len, &vlen);
	if (!size)
		return 0;

	/*
	 * shmem parses the size with memparse(), simple_strtoull() in base 0:
	 * 010 is octal, 0x5a hex, and no sign is taken. size=0 means no limit.
	 */
	errno = 0;
	v = *size >= '0' && *size <= '9' ? strtoul(size, &endp, 0) : 0;
	if (*size < '0' || *size > '9' || errno || endp != size + vlen - 1 ||
	    *endp != '%' || v > BUDGET_PERCENT_MAX) {
		snprintf(what, n, "size=%.*s", (int)vlen, size);
		return -1;
	}
	*percent = v ? (unsigned)v : 100;
	return v ? 1 : 2;
}
