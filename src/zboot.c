/* SPDX-License-Identifier: MIT */
/*
 * Source: drivers/firmware/efi/libstub/zboot-header.S ("MZ", "zimg", the
 * payload offset and size, the compression type string at 24), and
 * Makefile.zboot (comp types gzip, lz4, lzma, lzo, xzkern, zstd22; all but
 * gzip followed by their decoded size, which payload_size leaves out).
 */
#include "config.h"

#include <string.h>

#include "zboot.h"

bool zboot_probe(const uint8_t *p, size_t n)
{
	return n >= ZB_HEADER_LEN && p[0] == 'M' && p[1] == 'Z' &&
	       memcmp(p + ZB_MAGIC, "zimg", 4) == 0;
}

static enum comp comp_of(const char *type)
{
	static const struct {
		const char *name;
		enum comp comp;
	} types[] = {
		{ "gzip", COMP_GZIP }, { "lz4", COMP_LZ4 },
		{ "lzma", COMP_LZMA }, { "lzo", COMP_LZO },
		{ "xzkern", COMP_XZ }, { "xz", COMP_XZ },
		{ "zstd22", COMP_ZSTD }, { "zstd", COMP_ZSTD },
		{ "bzip2", COMP_BZIP2 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++)
		if (strcmp(type, types[i].name) == 0)
			return types[i].comp;
	return COMP_UNKNOWN;
}

int zboot_read(const struct source *s, struct zboot *z, struct diag *d)
{
	uint8_t h[ZB_HEADER_LEN];

	memset(z, 0, sizeof(*z));
	if (source_read_header(s, h, sizeof(h), "zboot", d) < 0)
		return -1;
	z->payload_offset = le32(h + ZB_PAYLOAD_OFFSET);
	z->payload_size = le32(h + ZB_PAYLOAD_SIZE);
	z->pe_offset = le32(h + ZB_PE_OFFSET);
	memcpy(z->comp_type, h + ZB_COMP_TYPE, ZB_PE_OFFSET - ZB_COMP_TYPE);
	z->comp_type[ZB_PE_OFFSET - ZB_COMP_TYPE] = '\0';
	z->comp = comp_of(z->comp_type);

	if ((uint64_t)z->payload_offset + z->payload_size > s->size ||
	    z->payload_size < 4) {
		diag_set_at(d, ZB_PAYLOAD_SIZE, "zboot payload at 0x%x, %u "
			    "bytes, does not fit in the file (%llu bytes)",
			    z->payload_offset, z->payload_size,
			    (unsigned long long)s->size);
		return -1;
	}
	if (z->comp == COMP_UNKNOWN) {
		diag_set_at(d, ZB_COMP_TYPE, "zboot compression type \"%s\" "
			    "is not one the kernel builds", z->comp_type);
		return -1;
	}
	return 0;
}

void zboot_payload(const struct zboot *z, uint64_t *off, uint64_t *len)
{
	/* Makefile.zboot leaves the appended size out of payload_size. */
	*off = z->payload_offset;
	*len = z->payload_size;
}
