/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "source.h"

long long source_read(const struct source *s, uint64_t off, void *buf,
		      size_t n, struct diag *d)
{
	size_t done = 0;

	while (done < n) {
		ssize_t got = pread(s->fd, (uint8_t *)buf + done, n - done,
				    (off_t)(off + done));

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
