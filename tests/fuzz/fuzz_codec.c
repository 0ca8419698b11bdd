/* SPDX-License-Identifier: MIT */
/*
 * Each decompressor path, chosen by the input's magic as the walker
 * chooses it, with the stream's end found exactly; a sink that counts and
 * stops a stream that expands past 64 MiB.
 */
#include "fuzz.h"

#include "codec.h"
#include "reader.h"

#define SINK_MAX (UINT64_C(64) << 20)

static int sink(void *ctx, const uint8_t *p, size_t n)
{
	uint64_t *total = ctx;

	(void)p;
	*total += n;
	return *total > SINK_MAX ? -1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader_file f = { .name = "fuzz" };
	struct reader r;
	struct diag d = { .msg = "" };
	uint64_t total = 0, out = 0;
	enum comp c = comp_detect(data, size);

	if (c == COMP_NONE || c == COMP_UNKNOWN)
		return 0;
	f.fd = fuzz_memfd(data, size);
	if (f.fd < 0)
		return 0;
	reader_init(&r, &f, 1);

	codec_decode(c, &r, sink, &total, &out, &d);

	reader_free(&r);
	close(f.fd);
	return 0;
}
