/* SPDX-License-Identifier: MIT */
/*
 * What a kernel's code says of itself, found in one pass over it as it is
 * decoded: the "Linux version" banner (init/version.c) and the .config that
 * CONFIG_IKCONFIG embeds, gzip-compressed between the markers IKCFG_ST and
 * IKCFG_ED (kernel/configs.c).
 */
#ifndef KIMGINFO_KSCAN_H
#define KIMGINFO_KSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include "util.h"

#define KSCAN_BANNER_MAX	512
#define KSCAN_CONFIG_MAX	(16u << 20)	/* far above any real one */

struct kscan {
	size_t banner_match;		/* bytes of the pattern matched */
	bool banner_found, banner_done;
	char banner[KSCAN_BANNER_MAX];
	size_t banner_len;
	uint64_t banner_offset;		/* in the decoded code */

	size_t config_match;
	bool config_found, config_done;
	uint64_t config_offset;		/* of the gzip stream */
	z_stream z;
	char *config;			/* the .config text, NUL-terminated */
	size_t config_len, config_cap;
	bool config_failed;
	struct diag config_err;

	uint64_t pos;			/* bytes scanned */
};

void kscan_init(struct kscan *ks);
void kscan_free(struct kscan *ks);

/* A codec_sink_fn: scan the next n bytes of the kernel's code. */
int kscan_sink(void *ctx, const uint8_t *p, size_t n);

/* After the last byte: a config stream still open was cut short. */
void kscan_finish(struct kscan *ks);

/* The value of CONFIG_<name> in a .config's text: "y", "m", a string or
 * number as written, "n" for "is not set", NULL when absent. */
const char *config_value(const char *text, const char *name, char *buf,
			 size_t n);

#endif
