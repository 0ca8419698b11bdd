/* SPDX-License-Identifier: MIT */
/*
 * The streaming cpio parser on archives written from the newc definition
 * (buffer-format.rst): fields, padding, trailers, and the kernel's errors.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "cpio.h"
#include "fixture.h"

#define MAX_SEEN 64

struct seen {
	unsigned n;
	struct cpio_entry e[MAX_SEEN];
};

static int remember(void *ctx, const struct cpio_entry *e)
{
	struct seen *s = ctx;

	if (s->n < MAX_SEEN)
		s->e[s->n] = *e;
	s->n++;
	return 0;
}

/* Feed b in chunks of step bytes (0: all at once); returns bytes used. */
static size_t feed(struct cpio *p, const struct fx_buf *b, size_t step)
{
	size_t used = 0;

	while (used < b->len && !p->failed) {
		size_t n = step && b->len - used > step ? step : b->len - used;
		size_t k = cpio_feed(p, b->p + used, n, false);

		used += k;
		if (k < n)
			break;
	}
	return used;
}

static void test_cpio_fields_newc(void)
{
	static const char data[] = "hello, world";
	struct fx_entry f = { .name = "etc/motd", .mode = S_IFREG | 0640,
			      .data = data, .size = 12, .ino = 0x1234,
			      .nlink = 1 };
	struct fx_buf b = { 0 };
	struct seen s = { 0 };
	struct cpio p;

	fx_cpio_entry(&b, &f);
	cpio_init(&p, remember, &s);
	CU_ASSERT_EQUAL(feed(&p, &b, 0), b.len);
	CU_ASSERT_FALSE(p.failed);
	CU_ASSERT_TRUE(cpio_at_boundary(&p));
	CU_ASSERT_EQUAL(s.n, 1);
	CU_ASSERT_STRING_EQUAL(s.e[0].name, "etc/motd");
	CU_ASSERT_EQUAL(s.e[0].ino, 0x1234);
	CU_ASSERT_EQUAL(s.e[0].mode, S_IFREG | 0640);
	CU_ASSERT_EQUAL(s.e[0].filesize, 12);
	CU_ASSERT_EQUAL(s.e[0].format, CPIO_NEWC);
	/* 110 + 9-byte name padded to 120, then 12 bytes of data. */
	CU_ASSERT_EQUAL(s.e[0].end, 132);
	CU_ASSERT_EQUAL(b.len, 132);
	CU_ASSERT_FALSE(s.e[0].trailer);
	fx_free(&b);
}

/* Zero-size entries between files: every end lands on the next header. */
static void test_cpio_padding_zero_size(void)
{
	struct fx_buf b = { 0 };
	struct seen whole = { 0 }, bytes = { 0 };
	struct cpio p;
	unsigned n, i;

	n = fx_cpio_sample(&b, "d", 7, true);
	cpio_init(&p, remember, &whole);
	CU_ASSERT_EQUAL(feed(&p, &b, 0), b.len);
	CU_ASSERT_EQUAL(whole.n, n + 1);
	CU_ASSERT_EQUAL(whole.e[whole.n - 1].end, b.len);
	CU_ASSERT_TRUE(whole.e[whole.n - 1].trailer);
	for (i = 1; i < whole.n; i++)
		CU_ASSERT_EQUAL(whole.e[i].offset, whole.e[i - 1].end);

	/* One byte at a time gives the same entries. */
	cpio_init(&p, remember, &bytes);
	CU_ASSERT_EQUAL(feed(&p, &b, 1), b.len);
	CU_ASSERT_EQUAL(bytes.n, whole.n);
	for (i = 0; i < whole.n && i < bytes.n; i++) {
		CU_ASSERT_STRING_EQUAL(bytes.e[i].name, whole.e[i].name);
		CU_ASSERT_EQUAL(bytes.e[i].end, whole.e[i].end);
	}
	fx_free(&b);
}

static void test_cpio_crc_good_and_bad(void)
{
	static const char data[] = "checksummed";
	struct fx_entry f = { .name = "a", .mode = S_IFREG | 0644,
			      .data = data, .size = 11, .crc = true };
	struct fx_buf b = { 0 };
	struct seen s = { 0 };
	struct cpio p;

	fx_cpio_entry(&b, &f);
	cpio_init(&p, remember, &s);
	feed(&p, &b, 3);
	CU_ASSERT_FALSE(p.failed);
	CU_ASSERT_EQUAL(s.e[0].format, CPIO_CRC);
	CU_ASSERT_EQUAL(s.e[0].sum, s.e[0].check);

	f.bad_sum = true;
	b.len = 0;
	fx_cpio_entry(&b, &f);
	cpio_init(&p, remember, &s);
	feed(&p, &b, 0);
	CU_ASSERT_TRUE(p.failed);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.err.msg, "a: bad data checksum"));
	fx_free(&b);
}

static void expect_magic_error(const char *magic, const char *msg)
{
	struct fx_buf b = { 0 };
	struct cpio p;

	fx_cpio_trailer(&b);
	memcpy(b.p, magic, 6);
	cpio_init(&p, NULL, NULL);
	feed(&p, &b, 0);
	CU_ASSERT_TRUE(p.failed);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.err.msg, msg));
	fx_free(&b);
}

static void test_cpio_magic_odc_and_junk(void)
{
	expect_magic_error("070707", "use -H newc option");
	expect_magic_error("070703", "no cpio magic (30 37 30 37 30 33)");
}

static void test_cpio_trailer_rules(void)
{
	struct fx_entry lnk = { .name = "TRAILER!!!", .mode = S_IFLNK | 0777,
				.data = "x", .size = 1 };
	struct fx_entry dir = { .name = "TRAILER!!!", .mode = S_IFDIR | 0755 };
	struct fx_buf b = { 0 };
	struct seen s = { 0 };
	struct cpio p;

	/* A symlink of that name is no trailer; a directory is. */
	fx_cpio_entry(&b, &lnk);
	fx_cpio_entry(&b, &dir);
	cpio_init(&p, remember, &s);
	feed(&p, &b, 0);
	CU_ASSERT_EQUAL(s.n, 2);
	CU_ASSERT_FALSE(s.e[0].trailer);
	CU_ASSERT_STRING_EQUAL(s.e[0].target, "x");
	CU_ASSERT_TRUE(s.e[1].trailer);
	fx_free(&b);
}

/* simple_strtoul(s, NULL, 16) accepts 0x and stops at a non-digit. */
static void test_cpio_hex_like_kernel(void)
{
	struct fx_entry f = { .name = "x", .mode = S_IFREG | 0644 };
	struct fx_buf b = { 0 };
	struct seen s = { 0 };
	struct cpio p;

	fx_cpio_entry(&b, &f);
	memcpy(b.p + 6, "0x00abcd", 8);		/* ino */
	memcpy(b.p + 6 + 8 * 2, "12zzzzzz", 8);	/* uid */
	cpio_init(&p, remember, &s);
	feed(&p, &b, 0);
	CU_ASSERT_EQUAL(s.e[0].ino, 0xabcd);
	CU_ASSERT_EQUAL(s.e[0].uid, 0x12);
	fx_free(&b);
}

static void test_cpio_namesize_zero_skipped(void)
{
	struct fx_entry f = { .name = "x", .mode = S_IFREG | 0644 };
	struct fx_buf b = { 0 };
	struct seen s = { 0 };
	struct cpio p;

	fx_cpio_entry(&b, &f);
	memcpy(b.p + 6 + 8 * 11, "00000000", 8);	/* namesize */
	b.len = 112;		/* header, then N_ALIGN(0) = 2 bytes */
	cpio_init(&p, remember, &s);
	CU_ASSERT_EQUAL(feed(&p, &b, 0), 112);
	CU_ASSERT_EQUAL(s.n, 1);
	CU_ASSERT_TRUE(s.e[0].kernel_skips);
	fx_free(&b);
}

static void test_cpio_broken_padding(void)
{
	struct fx_buf b = { 0 };
	struct cpio p;

	fx_cpio_trailer(&b);
	fx_zeros(&b, 2);
	fx_cpio_trailer(&b);
	cpio_init(&p, NULL, NULL);
	feed(&p, &b, 0);
	CU_ASSERT_TRUE(p.failed);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.err.msg, "broken padding"));
	fx_free(&b);
}

static void test_cpio_stops_at_junk(void)
{
	struct fx_buf b = { 0 };
	struct cpio p;

	fx_cpio_trailer(&b);
	fx_zeros(&b, 4);
	fx_put(&b, "J", 1);
	cpio_init(&p, NULL, NULL);
	CU_ASSERT_EQUAL(feed(&p, &b, 0), b.len - 1);
	CU_ASSERT_FALSE(p.failed);
	CU_ASSERT_TRUE(cpio_at_boundary(&p));
	fx_free(&b);
}

static void test_cpio_truncated_missing(void)
{
	static const char data[100];
	struct fx_entry f = { .name = "big", .mode = S_IFREG | 0644,
			      .data = data, .size = 100 };
	struct fx_buf b = { 0 };
	struct cpio p;

	fx_cpio_entry(&b, &f);
	cpio_init(&p, NULL, NULL);
	cpio_feed(&p, b.p, 50, false);
	CU_ASSERT_EQUAL(cpio_missing(&p), CPIO_HEADER_LEN - 50);
	cpio_feed(&p, b.p + 50, 100, false);
	CU_ASSERT_EQUAL(cpio_missing(&p), b.len - 150);
	fx_free(&b);
}

/*
 * do_header() creates nothing for a directory, device or fifo with data,
 * nor for a symlink whose target is longer than PATH_MAX.
 */
static void test_cpio_kernel_skips_what_it_skips(void)
{
	static char target[CPIO_PATH_MAX + 10];
	struct fx_entry dir = { .name = "d", .mode = S_IFDIR | 0755,
				.data = "abcd", .size = 4 };
	struct fx_entry lnk = { .name = "l", .mode = S_IFLNK | 0777,
				.data = target, .size = sizeof(target) };
	struct fx_entry reg = { .name = "f", .mode = S_IFREG | 0644,
				.data = "abcd", .size = 4 };
	struct fx_buf b = { 0 };
	struct seen s = { 0 };
	struct cpio p;

	memset(target, 't', sizeof(target));
	fx_cpio_entry(&b, &dir);
	fx_cpio_entry(&b, &lnk);
	fx_cpio_entry(&b, &reg);
	cpio_init(&p, remember, &s);
	CU_ASSERT_EQUAL(feed(&p, &b, 0), b.len);
	CU_ASSERT_EQUAL_FATAL(s.n, 3);
	CU_ASSERT_TRUE(s.e[0].kernel_skips);
	CU_ASSERT_TRUE(s.e[1].kernel_skips);
	CU_ASSERT_FALSE(s.e[2].kernel_skips);
	fx_free(&b);
}

/* Recent kernels refuse a name without its NUL ("malformed archive"). */
static void test_cpio_name_without_nul(void)
{
	struct fx_entry f = { .name = "ab", .mode = S_IFREG | 0644 };
	struct fx_buf b = { 0 };
	struct cpio p;

	fx_cpio_entry(&b, &f);
	memcpy(b.p + 6 + 8 * 11, "00000002", 8);	/* namesize: no NUL */
	cpio_init(&p, NULL, NULL);
	feed(&p, &b, 0);
	CU_ASSERT_TRUE(p.failed);
	CU_ASSERT_STRING_EQUAL(p.err.msg, "cpio name is not NUL-terminated "
			       "within its namesize 2 (kernel: \"malformed "
			       "archive\")");
	fx_free(&b);
}

static void test_cpio_long_name_cut(void)
{
	static char name[CPIO_PATH_MAX + 100];
	struct fx_entry f = { .name = name, .mode = S_IFREG | 0644 };
	struct fx_buf b = { 0 };
	struct seen s = { 0 };
	struct cpio p;

	memset(name, 'n', sizeof(name) - 1);
	fx_cpio_entry(&b, &f);
	cpio_init(&p, remember, &s);
	CU_ASSERT_EQUAL(feed(&p, &b, 0), b.len);
	CU_ASSERT_EQUAL(s.n, 1);
	CU_ASSERT_TRUE(s.e[0].name_cut);
	CU_ASSERT_TRUE(s.e[0].kernel_skips);
	CU_ASSERT_EQUAL(strlen(s.e[0].name), CPIO_PATH_MAX);
	fx_free(&b);
}

int main(void)
{
	static const struct fx_test tests[] = {
		{ "test_cpio_fields_newc", test_cpio_fields_newc },
		{ "test_cpio_padding_zero_size", test_cpio_padding_zero_size },
		{ "test_cpio_crc_good_and_bad", test_cpio_crc_good_and_bad },
		{ "test_cpio_magic_odc_and_junk", test_cpio_magic_odc_and_junk },
		{ "test_cpio_trailer_rules", test_cpio_trailer_rules },
		{ "test_cpio_hex_like_kernel", test_cpio_hex_like_kernel },
		{ "test_cpio_namesize_zero_skipped",
		  test_cpio_namesize_zero_skipped },
		{ "test_cpio_broken_padding", test_cpio_broken_padding },
		{ "test_cpio_stops_at_junk", test_cpio_stops_at_junk },
		{ "test_cpio_truncated_missing", test_cpio_truncated_missing },
		{ "test_cpio_name_without_nul", test_cpio_name_without_nul },
		{ "test_cpio_kernel_skips_what_it_skips",
		  test_cpio_kernel_skips_what_it_skips },
		{ "test_cpio_long_name_cut", test_cpio_long_name_cut },
		{ NULL, NULL },
	};

	return fx_run("cpio", tests);
}
