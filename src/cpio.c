/* SPDX-License-Identifier: MIT */
/*
 * Source: init/initramfs.c (do_header, do_name, do_skip, do_reset,
 * flush_buffer), Documentation/driver-api/early-userspace/buffer-format.rst.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "cpio.h"

/* Header field offsets: a 6-byte magic, then 13 eight-digit hex numbers. */
#define CPIO_MAGIC_LEN	6
#define CPIO_FIELD(i)	(CPIO_MAGIC_LEN + 8 * (i))
enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
};

/* The kernel's N_ALIGN: header plus name padded to a multiple of 4. */
static uint64_t name_region(uint64_t namesize)
{
	return ((namesize + 1) & ~UINT64_C(3)) + 2;
}

void cpio_init(struct cpio *p, cpio_entry_fn on_entry, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->on_entry = on_entry;
	p->ctx = ctx;
}

void cpio_segment(struct cpio *p)
{
	p->pos = 0;
}

uint64_t cpio_missing(const struct cpio *p)
{
	switch (p->state) {
	case CPIO_BOUNDARY:
		return 0;
	case CPIO_START:
		return CPIO_HEADER_LEN;
	case CPIO_HEADER:
		return CPIO_HEADER_LEN - p->have;
	case CPIO_NAME:
	case CPIO_DATA:
	case CPIO_PAD:
		break;
	}
	return p->e.end - p->pos;
}

/*
 * The kernel parses each field with simple_strtoul(s, NULL, 16): leading hex
 * digits after an optional 0x, the rest ignored. Do the same, so that an odd
 * header means here what it means at boot.
 */
static uint32_t hex_field(const uint8_t *s)
{
	uint32_t v = 0;
	int i = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		i = 2;
	for (; i < 8; i++) {
		uint8_t c = s[i];
		uint32_t d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			break;
		v = v << 4 | d;
	}
	return v;
}

/*
 * Whether do_header() hands the name on: to do_name() for a regular file or
 * an entry without data, to do_symlink() for a short enough symlink.
 */
static bool kernel_reads_name(const struct cpio_entry *e)
{
	if (e->namesize == 0 || e->namesize > CPIO_PATH_MAX)
		return false;
	if (S_ISLNK(e->mode))
		return e->filesize <= CPIO_PATH_MAX;
	return S_ISREG(e->mode) || e->filesize == 0;
}

static bool parse_magic(struct cpio *p)
{
	const uint8_t *h = p->header;

	if (memcmp(h, "070701", CPIO_MAGIC_LEN) == 0) {
		p->e.format = CPIO_NEWC;
	} else if (memcmp(h, "070702", CPIO_MAGIC_LEN) == 0) {
		p->e.format = CPIO_CRC;
	} else if (memcmp(h, "070707", CPIO_MAGIC_LEN) == 0) {
		diag_set_at(&p->err, p->pos - CPIO_HEADER_LEN,
			    "odc (portable ASCII) cpio header: the kernel "
			    "reads only newc and crc, 070701 and 070702 "
			    "(\"incorrect cpio method used: use -H newc "
			    "option\")");
		return false;
	} else {
		diag_set_at(&p->err, p->pos - CPIO_HEADER_LEN,
			    "no cpio magic (%02x %02x %02x %02x %02x %02x): "
			    "the kernel reads only newc 070701 and crc 070702",
			    h[0], h[1], h[2], h[3], h[4], h[5]);
		return false;
	}
	return true;
}

static bool parse_header(struct cpio *p)
{
	const uint8_t *h = p->header;
	struct cpio_entry *e = &p->e;
	uint64_t here = p->pos - CPIO_HEADER_LEN;

	e->offset = here;
	if (!parse_magic(p))
		return false;

	e->ino = hex_field(h + CPIO_FIELD(F_INO));
	e->mode = hex_field(h + CPIO_FIELD(F_MODE));
	e->uid = hex_field(h + CPIO_FIELD(F_UID));
	e->gid = hex_field(h + CPIO_FIELD(F_GID));
	e->nlink = hex_field(h + CPIO_FIELD(F_NLINK));
	e->mtime = hex_field(h + CPIO_FIELD(F_MTIME));
	e->filesize = hex_field(h + CPIO_FIELD(F_FILESIZE));
	e->devmajor = hex_field(h + CPIO_FIELD(F_DEVMAJOR));
	e->devminor = hex_field(h + CPIO_FIELD(F_DEVMINOR));
	e->rdevmajor = hex_field(h + CPIO_FIELD(F_RDEVMAJOR));
	e->rdevminor = hex_field(h + CPIO_FIELD(F_RDEVMINOR));
	e->namesize = hex_field(h + CPIO_FIELD(F_NAMESIZE));
	e->check = hex_field(h + CPIO_FIELD(F_CHECK));

	e->end = here + CPIO_HEADER_LEN + name_region(e->namesize) +
		 e->filesize;
	e->end = (e->end + 3) & ~UINT64_C(3);
	e->sum = 0;
	e->name[0] = '\0';
	e->target[0] = '\0';
	e->name_cut = false;
	e->trailer = false;
	e->kernel_skips = !kernel_reads_name(e);
	return true;
}

/* Whether the kernel would see a trailer: do_name() checks, not symlinks. */
static bool is_trailer(const struct cpio_entry *e)
{
	return !e->kernel_skips && !S_ISLNK(e->mode) &&
	       strcmp(e->name, "TRAILER!!!") == 0;
}

/* Copy into a bounded string field the part of [at, at+n) that fits. */
static void collect(char *dst, size_t cap, uint64_t at, const uint8_t *src,
		    size_t n)
{
	size_t k;

	if (at >= cap - 1)
		return;
	k = n < cap - 1 - at ? n : (size_t)(cap - 1 - at);
	memcpy(dst + at, src, k);
	dst[at + k] = '\0';
}

static size_t feed_boundary(struct cpio *p, const uint8_t *buf, size_t len)
{
	const uint8_t *nz = buf;

	while (nz < buf + len && *nz == 0)
		nz++;
	p->pos += (size_t)(nz - buf);
	if (nz == buf + len)
		return len;

	/* do_reset: whatever follows padding must be aligned. */
	if (p->pos & 3) {
		p->failed = true;
		diag_set_at(&p->err, p->pos, "broken padding: data resumes at "
			    "an offset that is not a multiple of 4");
	} else if (*nz == '0') {
		p->state = CPIO_HEADER;
		p->have = 0;
	}
	return (size_t)(nz - buf);
}

static size_t feed_header(struct cpio *p, const uint8_t *buf, size_t len)
{
	size_t n = CPIO_HEADER_LEN - p->have;

	if (n > len)
		n = len;
	memcpy(p->header + p->have, buf, n);
	p->have += n;
	p->pos += n;
	if (p->have < CPIO_HEADER_LEN)
		return n;

	if (!parse_header(p)) {
		p->failed = true;
		return n;
	}
	p->state = CPIO_NAME;
	p->remain = name_region(p->e.namesize);
	return n;
}

static void entry_done(struct cpio *p);

/* Zero-length steps are taken at once, so a boundary is seen as soon as
 * the last byte of an entry is. */
static void data_done(struct cpio *p)
{
	p->state = CPIO_PAD;
	p->remain = p->e.end - p->pos;
	if (p->remain == 0)
		entry_done(p);
}

static void name_done(struct cpio *p)
{
	struct cpio_entry *e = &p->e;
	size_t stored;

	/* Recent kernels check this in do_name() and do_symlink(). */
	if (!e->kernel_skips && e->name[e->namesize - 1] != '\0') {
		p->failed = true;
		diag_set_at(&p->err, e->offset, "cpio name is not NUL-terminated "
			    "within its namesize %u (kernel: \"malformed "
			    "archive\")", e->namesize);
		return;
	}
	stored = strnlen(e->name, sizeof(e->name));
	if (e->namesize > 0 && e->namesize - 1 < stored)
		e->name[e->namesize - 1] = '\0';
	e->name_cut = e->namesize > sizeof(e->name);
	e->trailer = is_trailer(e);
	p->state = CPIO_DATA;
	p->remain = e->filesize;
	if (p->remain == 0)
		data_done(p);
}

static size_t feed_name(struct cpio *p, const uint8_t *buf, size_t len)
{
	uint64_t done = name_region(p->e.namesize) - p->remain;
	size_t n = p->remain < len ? (size_t)p->remain : len;

	collect(p->e.name, sizeof(p->e.name), done, buf, n);
	p->remain -= n;
	p->pos += n;
	if (p->remain == 0)
		name_done(p);
	return n;
}

static uint32_t byte_sum(uint32_t sum, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sum += p[i];
	return sum;
}

static size_t feed_data(struct cpio *p, const uint8_t *buf, size_t len)
{
	struct cpio_entry *e = &p->e;
	size_t n = p->remain < len ? (size_t)p->remain : len;

	if (e->format == CPIO_CRC)
		e->sum = byte_sum(e->sum, buf, n);
	if (S_ISLNK(e->mode))
		collect(e->target, sizeof(e->target), e->filesize - p->remain,
			buf, n);
	p->remain -= n;
	p->pos += n;
	if (p->remain == 0)
		data_done(p);
	return n;
}

/* The entry is complete: check it as do_copy does and hand it on. */
static void entry_done(struct cpio *p)
{
	struct cpio_entry *e = &p->e;

	p->state = CPIO_BOUNDARY;
	if (e->format == CPIO_CRC && S_ISREG(e->mode) && !e->kernel_skips &&
	    e->sum != e->check) {
		p->failed = true;
		diag_set_at(&p->err, e->offset, "%s: bad data checksum: header "
			    "0x%08x, data 0x%08x (kernel: \"bad data "
			    "checksum\")", e->name, e->check, e->sum);
		return;
	}
	if (p->on_entry && p->on_entry(p->ctx, e) != 0)
		p->failed = true;
}

static size_t feed_pad(struct cpio *p, const uint8_t *buf, size_t len)
{
	size_t n = p->remain < len ? (size_t)p->remain : len;

	(void)buf;
	p->remain -= n;
	p->pos += n;
	if (p->remain == 0)
		entry_done(p);
	return n;
}

size_t cpio_feed(struct cpio *p, const uint8_t *buf, size_t len,
		 bool stop_at_entry)
{
	size_t used = 0;

	while (used < len && !p->failed) {
		enum cpio_state before = p->state;
		size_t n = 0;

		switch (p->state) {
		case CPIO_START:
			/* do_start(): the first bytes are a header, even NULs. */
			p->state = CPIO_HEADER;
			p->have = 0;
			break;
		case CPIO_BOUNDARY:
			n = feed_boundary(p, buf + used, len - used);
			break;
		case CPIO_HEADER:
			n = feed_header(p, buf + used, len - used);
			break;
		case CPIO_NAME:
			n = feed_name(p, buf + used, len - used);
			break;
		case CPIO_DATA:
			n = feed_data(p, buf + used, len - used);
			break;
		case CPIO_PAD:
			n = feed_pad(p, buf + used, len - used);
			break;
		}
		used += n;

		if (before == CPIO_BOUNDARY && p->state == CPIO_BOUNDARY &&
		    used < len)
			break;		/* neither NUL nor '0': caller judges */
		if (stop_at_entry && before != CPIO_BOUNDARY &&
		    p->state == CPIO_BOUNDARY)
			break;
	}
	return used;
}
