/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "source.h"

struct source source_sub(const struct source *s, uint64_t off, uint64_t len)
{
	struct source sub = *s;

	if (off > s->size)
		off = s->size;
	if (len > s->size - off)
		len = s->size - off;
	sub.base = s->base + off;
	sub.size = len;
	return sub;
}

long long source_read(const struct source *s, uint64_t off, void *buf,
		      size_t n, struct diag *d)
{
	size_t done = 0;

	if (off >= s->size)
		return 0;
	if (n > s->size - off)
		n = (size_t)(s->size - off);

	while (done < n) {
		ssize_t got = pread(s->fd, (uint8_t *)buf + done, n - done,
				    (off_t)(s->base + off + done));

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			diag_set_at(d, off + done, "read error: %s",
				    strerror(errno));
			return -1;
		}
		if (got == 0)
			break;
		done += (size_t)got;
	}
	return (long long)done;
}

int source_read_header(const struct source *s, void *buf, size_t n,
		       const char *what, struct diag *d)
{
	long long got = source_read(s, 0, buf, n, d);

	if (got < 0)
		return -1;
	if ((size_t)got < n) {
		diag_set(d, "truncated %s header: need 0x%zx bytes, have "
			 "0x%llx", what, n, got);
		return -1;
	}
	return 0;
}
