/* SPDX-License-Identifier: MIT */
/*
 * Sources: Documentation/arch/arm64/booting.rst ("Call the kernel image"),
 * Documentation/arch/riscv/boot-image-header.rst.
 */
#include "config.h"

#include <string.h>
#include <zlib.h>

#include "image.h"

#define GZ_READ_CHUNK 4096

bool image_probe(const uint8_t *p, size_t n, enum image_arch *arch)
{
	if (n < IMG_HEADER_LEN)
		return false;
	if (memcmp(p + IMG_ARM64_MAGIC, "ARM\x64", 4) == 0) {
		*arch = IMG_ARM64;
		return true;
	}
	if (memcmp(p + IMG_RV_MAGIC2, "RSC\x05", 4) == 0 ||
	    memcmp(p + IMG_RV_MAGIC, "RISCV\0\0\0", 8) == 0) {
		*arch = IMG_RISCV;
		return true;
	}
	return false;
}

/*
 * Inflate only the first IMG_HEADER_LEN bytes of a gzip file, reading the
 * input a page at a time: the rest of the kernel is never decompressed.
 */
static int gunzip_head(const struct source *s, uint8_t *out, struct diag *d)
{
	uint8_t in[GZ_READ_CHUNK];
	uint64_t off = 0;
	z_stream z;
	int ret = Z_OK;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		diag_set(d, "gzip: cannot initialise zlib");
		return -1;
	}
	z.next_out = out;
	z.avail_out = IMG_HEADER_LEN;
	while (z.avail_out > 0 && ret == Z_OK) {
		long long got = source_read(s, off, in, sizeof(in), d);

		if (got <= 0)
			break;
		off += (uint64_t)got;
		z.next_in = in;
		z.avail_in = (uInt)got;
		ret = inflate(&z, Z_NO_FLUSH);
	}
	inflateEnd(&z);

	if (z.avail_out == 0)
		return 0;
	if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR)
		diag_set(d, "gzip: corrupt stream: %s", z.msg ? z.msg : "?");
	else if (!d->msg[0] || ret == Z_STREAM_END)
		diag_set(d, "truncated Image header: need 0x%x bytes, have "
			 "0x%x", IMG_HEADER_LEN, IMG_HEADER_LEN - z.avail_out);
	return -1;
}

bool image_probe_gzip(const struct source *s, const uint8_t *p, size_t n)
{
	uint8_t hdr[IMG_HEADER_LEN];
	enum image_arch arch;
	struct diag d = { .msg = "" };

	if (n < 2 || p[0] != 0x1f || p[1] != 0x8b)
		return false;
	return gunzip_head(s, hdr, &d) == 0 &&
	       image_probe(hdr, sizeof(hdr), &arch);
}

static void decode(struct image *img)
{
	const uint8_t *h = img->hdr;

	img->code0 = le32(h + IMG_CODE0);
	img->code1 = le32(h + IMG_CODE1);
	img->text_offset = le64(h + IMG_TEXT_OFFSET);
	img->image_size = le64(h + IMG_IMAGE_SIZE);
	img->flags = le64(h + IMG_FLAGS);
	img->pe_offset = le32(h + IMG_PE_OFFSET);
	img->efi_stub = h[0] == 'M' && h[1] == 'Z';
}

/*
 * The header alone does not show a gzip file cut short; its trailer does,
 * cheaply: ISIZE, the Image's length, can be neither shorter than the
 * header nor longer than image_size, which counts the Image and its BSS.
 */
static int check_gzip_trailer(const struct source *s,
			      const struct image *img, struct diag *d)
{
	uint8_t tail[4];
	uint32_t isize;

	if (s->size < 4 || source_read(s, s->size - 4, tail, 4, d) != 4)
		return -1;
	isize = le32(tail);
	if (isize >= IMG_HEADER_LEN &&
	    (img->image_size == 0 || isize <= img->image_size))
		return 0;
	diag_set_at(d, s->size - 4, "gzip trailer gives the Image as %u "
		    "bytes, %s: the file is truncated or corrupt", isize,
		    isize < IMG_HEADER_LEN ? "shorter than its header"
					   : "more than its image_size");
	return -1;
}

/*
 * An Image with an EFI stub ("MZ" in code0) is a PE file too: its PE
 * signature must be where the header points, or the file is cut short.
 */
static int check_pe_signature(const struct source *s,
			      const struct image *img, struct diag *d)
{
	uint8_t sig[4];
	long long got;

	if (!img->efi_stub)
		return 0;
	got = source_read(s, img->pe_offset, sig, sizeof(sig), d);
	if (got < 0)
		return -1;
	if (got == 4 && memcmp(sig, "PE\0\0", 4) == 0)
		return 0;
	diag_set_at(d, IMG_PE_OFFSET, "code0 announces an EFI stub, but there "
		    "is no PE signature at 0x%x: the file is truncated or "
		    "damaged", img->pe_offset);
	return -1;
}

int image_read(const struct source *s, struct image *img, struct diag *d)
{
	uint8_t head[2];
	long long got;

	memset(img, 0, sizeof(*img));
	d->msg[0] = '\0';
	got = source_read(s, 0, head, sizeof(head), d);
	if (got < 0)
		return -1;
	img->gzipped = got == 2 && head[0] == 0x1f && head[1] == 0x8b;

	if (img->gzipped) {
		if (gunzip_head(s, img->hdr, d) < 0)
			return -1;
	} else if (source_read_header(s, img->hdr, sizeof(img->hdr), "Image",
				      d) < 0) {
		return -1;
	}
	if (!image_probe(img->hdr, sizeof(img->hdr), &img->arch)) {
		diag_set(d, "no arm64 or RISC-V Image magic");
		return -1;
	}
	decode(img);
	if (img->gzipped)
		return check_gzip_trailer(s, img, d);
	return check_pe_signature(s, img, d);
}

bool image_from_header(struct image *img, const uint8_t *hdr)
{
	memset(img, 0, sizeof(*img));
	memcpy(img->hdr, hdr, IMG_HEADER_LEN);
	if (!image_probe(img->hdr, sizeof(img->hdr), &img->arch))
		return false;
	decode(img);
	return true;
}

unsigned image_arm64_page_size(const struct image *img)
{
	static const unsigned sizes[] = { 0, 4096, 16384, 65536 };

	return sizes[(img->flags >> ARM64_FLAG_PAGE_SHIFT) &
		     ARM64_FLAG_PAGE_MASK];
}
