/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <CUnit/Basic.h>
#include <bzlib.h>
#include <lz4.h>
#include <lz4frame.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>

#include "fixture.h"

static void fx_reserve(struct fx_buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;

	while (cap < b->len + n)
		cap *= 2;
	if (cap != b->cap) {
		b->p = realloc(b->p, cap);
		if (!b->p)
			abort();
		b->cap = cap;
	}
}

void fx_put(struct fx_buf *b, const void *p, size_t n)
{
	fx_reserve(b, n);
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
}

void fx_zeros(struct fx_buf *b, size_t n)
{
	fx_reserve(b, n);
	memset(b->p + b->len, 0, n);
	b->len += n;
}

void fx_append(struct fx_buf *b, const struct fx_buf *src)
{
	fx_put(b, src->p, src->len);
}

void fx_free(struct fx_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

void fx_put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

void fx_put_le32(uint8_t *p, uint32_t v)
{
	fx_put_le16(p, (uint16_t)v);
	fx_put_le16(p + 2, (uint16_t)(v >> 16));
}

void fx_put_le64(uint8_t *p, uint64_t v)
{
	fx_put_le32(p, (uint32_t)v);
	fx_put_le32(p + 4, (uint32_t)(v >> 32));
}

static void pad4(struct fx_buf *b)
{
	fx_zeros(b, (4 - b->len % 4) % 4);
}

void fx_cpio_entry(struct fx_buf *b, const struct fx_entry *e)
{
	char hdr[160];
	uint32_t sum = 0, i;
	size_t namesize = strlen(e->name) + 1;

	for (i = 0; i < e->size; i++)
		sum += ((const uint8_t *)e->data)[i];
	if (e->bad_sum)
		sum++;
	snprintf(hdr, sizeof(hdr), "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X"
		 "%08X%08X%08X%08X", e->crc ? "070702" : "070701", e->ino,
		 e->mode, 0u, 0u, e->nlink ? e->nlink : 1, 0x5f5e1000u, e->size,
		 0u, 0u, e->rdevmajor, e->rdevminor, (unsigned)namesize,
		 e->crc ? sum : 0u);
	fx_put(b, hdr, 110);
	fx_put(b, e->name, namesize);
	pad4(b);
	fx_put(b, e->data, e->size);
	pad4(b);
}

void fx_cpio_trailer(struct fx_buf *b)
{
	struct fx_entry t = { .name = "TRAILER!!!" };

	fx_cpio_entry(b, &t);
}

unsigned fx_cpio_sample(struct fx_buf *b, const char *dir, unsigned n,
			bool trailer)
{
	static uint8_t data[5000];
	struct fx_entry d = { .name = dir, .mode = S_IFDIR | 0755, .ino = 1 };
	struct fx_entry c = { .name = "dev-null", .mode = S_IFCHR | 0666,
			      .ino = 2, .rdevmajor = 1, .rdevminor = 3 };
	unsigned i;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7 + i / 13);
	fx_cpio_entry(b, &d);
	for (i = 0; i < n; i++) {
		char name[64];
		struct fx_entry f = { .name = name, .mode = S_IFREG | 0644,
				      .data = data, .size = (i * 997) % 4999,
				      .ino = 10 + i };

		snprintf(name, sizeof(name), "%s/f%u", dir, i);
		fx_cpio_entry(b, &f);
		if (i == n / 2)
			fx_cpio_entry(b, &c);
	}
	if (trailer)
		fx_cpio_trailer(b);
	return n + 1 + (n > 0);
}

void fx_gzip(struct fx_buf *out, const struct fx_buf *in)
{
	z_stream z;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	fx_reserve(out, deflateBound(&z, in->len) + 64);
	z.next_in = in->p;
	z.avail_in = (uInt)in->len;
	z.next_out = out->p + out->len;
	z.avail_out = (uInt)(out->cap - out->len);
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	out->len += z.total_out;
	deflateEnd(&z);
}

void fx_zstd(struct fx_buf *out, const struct fx_buf *in)
{
	size_t n;

	fx_reserve(out, ZSTD_compressBound(in->len));
	n = ZSTD_compress(out->p + out->len, out->cap - out->len, in->p,
			  in->len, 3);
	if (ZSTD_isError(n))
		abort();
	out->len += n;
}

void fx_xz(struct fx_buf *out, const struct fx_buf *in)
{
	size_t pos = out->len;

	fx_reserve(out, lzma_stream_buffer_bound(in->len));
	if (lzma_easy_buffer_encode(6, LZMA_CHECK_CRC32, NULL, in->p, in->len,
				    out->p, &pos, out->cap) != LZMA_OK)
		abort();
	out->len = pos;
}

void fx_lzma(struct fx_buf *out, const struct fx_buf *in)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_options_lzma opt;

	lzma_lzma_preset(&opt, 6);
	if (lzma_alone_encoder(&s, &opt) != LZMA_OK)
		abort();
	fx_reserve(out, in->len + in->len / 2 + 4096);
	s.next_in = in->p;
	s.avail_in = in->len;
	s.next_out = out->p + out->len;
	s.avail_out = out->cap - out->len;
	if (lzma_code(&s, LZMA_FINISH) != LZMA_STREAM_END)
		abort();
	out->len += s.total_out;
	lzma_end(&s);
}

void fx_bzip2(struct fx_buf *out, const struct fx_buf *in)
{
	unsigned n;

	fx_reserve(out, in->len + in->len / 100 + 1024);
	n = (unsigned)(out->cap - out->len);
	if (BZ2_bzBuffToBuffCompress((char *)out->p + out->len, &n,
				     (char *)in->p, (unsigned)in->len, 9, 0,
				     0) != BZ_OK)
		abort();
	out->len += n;
}

/* The legacy format of `lz4 -l`: a magic, then (u32 size, block)s. */
void fx_lz4_legacy(struct fx_buf *out, const struct fx_buf *in)
{
	const size_t block = 8u << 20;
	uint8_t magic[4];
	size_t off;

	fx_put_le32(magic, 0x184c2102u);
	fx_put(out, magic, 4);
	for (off = 0; off < in->len; off += block) {
		size_t n = in->len - off < block ? in->len - off : block;
		int c;

		fx_reserve(out, 4 + (size_t)LZ4_compressBound((int)n));
		c = LZ4_compress_default((const char *)in->p + off,
					 (char *)out->p + out->len + 4, (int)n,
					 LZ4_compressBound((int)n));
		if (c <= 0)
			abort();
		fx_put_le32(out->p + out->len, (uint32_t)c);
		out->len += 4 + (size_t)c;
	}
}

void fx_lz4_frame(struct fx_buf *out, const struct fx_buf *in)
{
	size_t n;

	fx_reserve(out, LZ4F_compressFrameBound(in->len, NULL));
	n = LZ4F_compressFrame(out->p + out->len, out->cap - out->len, in->p,
			       in->len, NULL);
	if (LZ4F_isError(n))
		abort();
	out->len += n;
}

FILE *fx_file(const struct fx_buf *b, size_t len)
{
	FILE *f = tmpfile();

	if (!f || (len && fwrite(b->p, 1, len, f) != len) || fflush(f))
		abort();
	rewind(f);
	return f;
}

#define FX_HEAD_LEN 4096	/* what the tool identifies a file from */

void fx_open_buf(struct fx_opened *o, const struct fx_buf *b, size_t len)
{
	o->f = fx_file(b, len);
	o->s.name = "fixture";
	o->s.fd = fileno(o->f);
	o->s.size = len;
	o->s.base = 0;
}

int fx_kernel_read(const struct fx_buf *b, struct kernel *k, struct diag *d)
{
	struct fx_opened o;
	int rc;

	memset(d, 0, sizeof(*d));
	fx_open_buf(&o, b, b->len);
	rc = kernel_read(&o.s, b->p, b->len < FX_HEAD_LEN ? b->len :
			 FX_HEAD_LEN, k, d);
	fclose(o.f);
	return rc;
}

int fx_kernel_contains(const struct fx_buf *b, const char *needle,
		       struct diag *d)
{
	struct fx_opened o;
	struct kernel k;
	int rc;

	memset(d, 0, sizeof(*d));
	fx_open_buf(&o, b, b->len);
	rc = kernel_read(&o.s, b->p, b->len < FX_HEAD_LEN ? b->len :
			 FX_HEAD_LEN, &k, d);
	CU_ASSERT_EQUAL(rc, 0);
	rc = rc == 0 ? kernel_contains(&o.s, &k, needle, d) : -2;
	fclose(o.f);
	return rc;
}

int fx_run(const char *suite, const struct fx_test *tests)
{
	CU_pSuite s;
	unsigned failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 99;
	s = CU_add_suite(suite, NULL, NULL);
	for (; s && tests->name; tests++)
		if (!CU_add_test(s, tests->name, tests->fn))
			s = NULL;
	if (!s) {
		CU_cleanup_registry();
		return 99;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() +
		   CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
