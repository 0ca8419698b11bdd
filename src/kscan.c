/* SPDX-License-Identifier: MIT */
/*
 * Sources: init/version.c (linux_banner, "Linux version " UTS_RELEASE ...),
 * kernel/configs.c and scripts/extract-ikconfig (the gzip stream that
 * follows "IKCFG_ST").
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kscan.h"

static const char banner_pat[] = "Linux version ";
static const char config_pat[] = "IKCFG_ST\x1f\x8b\x08";
#define BANNER_PAT_LEN (sizeof(banner_pat) - 1)
#define CONFIG_PAT_LEN (sizeof(config_pat) - 1)
#define GZIP_MAGIC_LEN 3

void kscan_init(struct kscan *ks)
{
	memset(ks, 0, sizeof(*ks));
}

void kscan_free(struct kscan *ks)
{
	if (ks->config_found && !ks->config_done && !ks->config_failed)
		inflateEnd(&ks->z);
	free(ks->config);
	memset(ks, 0, sizeof(*ks));
}

/*
 * One step of matching pat against the stream. Neither pattern repeats
 * its first byte, so on a mismatch only that byte can start a new match.
 */
static bool match_step(const char *pat, size_t len, size_t *m, uint8_t c)
{
	if (c == (uint8_t)pat[*m])
		(*m)++;
	else
		*m = c == (uint8_t)pat[0];
	if (*m < len)
		return false;
	*m = 0;
	return true;
}

static void banner_byte(struct kscan *ks, uint8_t c)
{
	if (c == 0 || c == '\n' || ks->banner_len + 1 >= KSCAN_BANNER_MAX) {
		ks->banner_done = true;
		return;
	}
	ks->banner[ks->banner_len++] = (char)c;
	ks->banner[ks->banner_len] = '\0';
}

static void config_fail(struct kscan *ks, const char *why)
{
	ks->config_failed = true;
	diag_set_at(&ks->config_err, ks->config_offset, "embedded config: %s",
		    why);
	inflateEnd(&ks->z);
}

/* Inflate what follows the marker until the gzip stream ends. */
static size_t config_feed(struct kscan *ks, const uint8_t *p, size_t n)
{
	uint8_t out[16384];
	int ret = Z_OK;

	ks->z.next_in = (Bytef *)(uintptr_t)p;
	ks->z.avail_in = (uInt)n;
	while (ks->z.avail_in > 0 && ret == Z_OK) {
		size_t got;

		ks->z.next_out = out;
		ks->z.avail_out = sizeof(out);
		ret = inflate(&ks->z, Z_NO_FLUSH);
		got = sizeof(out) - ks->z.avail_out;
		if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR) {
			config_fail(ks, ks->z.msg ? ks->z.msg : "corrupt gzip");
			return n;
		}
		if (ks->config_len + got + 1 > KSCAN_CONFIG_MAX) {
			config_fail(ks, "larger than 16 MiB");
			return n;
		}
		if (ks->config_len + got + 1 > ks->config_cap) {
			size_t cap = (ks->config_len + got + 1) * 2;
			char *c = realloc(ks->config, cap);

			if (!c) {
				config_fail(ks, "out of memory");
				return n;
			}
			ks->config = c;
			ks->config_cap = cap;
		}
		memcpy(ks->config + ks->config_len, out, got);
		ks->config_len += got;
		ks->config[ks->config_len] = '\0';
	}
	if (ret == Z_STREAM_END) {
		ks->config_done = true;
		inflateEnd(&ks->z);
	}
	return n - ks->z.avail_in;
}

static void config_start(struct kscan *ks)
{
	static const uint8_t magic[GZIP_MAGIC_LEN] = { 0x1f, 0x8b, 0x08 };

	ks->config_found = true;
	if (inflateInit2(&ks->z, 16 + MAX_WBITS) != Z_OK) {
		ks->config_failed = true;
		diag_set(&ks->config_err, "embedded config: cannot initialise "
			 "zlib");
		return;
	}
	config_feed(ks, magic, sizeof(magic));
}

/*
 * The banner: the last "Linux version" string wins, since kernels since
 * 6.1 keep a placeholder linux_banner (init/version.c, __weak) before the
 * one init/version-timestamp.c makes with the build number.
 */
static void scan_banner(struct kscan *ks, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (ks->banner_found && !ks->banner_done) {
			banner_byte(ks, p[i]);
			continue;
		}
		if (!match_step(banner_pat, BANNER_PAT_LEN, &ks->banner_match,
				p[i]))
			continue;
		ks->banner_found = true;
		ks->banner_done = false;
		ks->banner_offset = ks->pos + i + 1 - BANNER_PAT_LEN;
		memcpy(ks->banner, banner_pat, BANNER_PAT_LEN);
		ks->banner_len = BANNER_PAT_LEN;
		ks->banner[ks->banner_len] = '\0';
	}
}

/* The config: the first gzip stream after the marker, inflated. */
static void scan_config(struct kscan *ks, const uint8_t *p, size_t n)
{
	size_t i = 0;

	while (i < n && !ks->config_done && !ks->config_failed) {
		if (ks->config_found) {
			i += config_feed(ks, p + i, n - i);
			continue;
		}
		if (match_step(config_pat, CONFIG_PAT_LEN, &ks->config_match,
			       p[i++])) {
			ks->config_offset = ks->pos + i - GZIP_MAGIC_LEN;
			config_start(ks);
		}
	}
}

int kscan_sink(void *ctx, const uint8_t *p, size_t n)
{
	struct kscan *ks = ctx;

	scan_banner(ks, p, n);
	scan_config(ks, p, n);
	ks->pos += n;
	return 0;
}

void kscan_finish(struct kscan *ks)
{
	if (ks->config_found && !ks->config_done && !ks->config_failed)
		config_fail(ks, "its gzip stream is cut short");
}

/* Whether line (at a line start of text) is exactly what follows. */
static const char *line_with(const char *text, const char *what)
{
	size_t len = strlen(what);
	const char *p = text;

	while ((p = strstr(p, what)) != NULL) {
		if ((p == text || p[-1] == '\n'))
			return p + len;
		p += len;
	}
	return NULL;
}

const char *config_value(const char *text, const char *name, char *buf,
			 size_t n)
{
	char key[128], unset[160];
	const char *v;

	snprintf(key, sizeof(key), "CONFIG_%s=", name);
	snprintf(unset, sizeof(unset), "# CONFIG_%s is not set", name);
	v = line_with(text, unset);
	if (v && (*v == '\n' || *v == '\0'))
		return "n";
	v = line_with(text, key);
	if (!v)
		return NULL;
	snprintf(buf, n, "%.*s", (int)strcspn(v, "\n"), v);
	return buf;
}

