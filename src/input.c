/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "output.h"

int input_open(struct input *in, const char *name)
{
	in->name = name;
	in->fd = strcmp(name, "-") == 0 ? STDIN_FILENO
					: open(name, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0) {
		output_error_msg(name, strerror(errno));
		return -1;
	}
	if (fstat(in->fd, &in->st) < 0) {
		output_error_msg(name, strerror(errno));
	} else if (S_ISDIR(in->st.st_mode)) {
		output_error_msg(name, "is a directory");
	} else if (!S_ISREG(in->st.st_mode) && !S_ISFIFO(in->st.st_mode) &&
		   !S_ISSOCK(in->st.st_mode)) {
		output_error_msg(name, "not a regular file or a pipe");
	} else {
		return 0;
	}
	if (in->fd != STDIN_FILENO)
		close(in->fd);
	in->fd = -1;
	return -1;
}

void input_close(struct input *in)
{
	if (in->fd > STDIN_FILENO)
		close(in->fd);
	in->fd = -1;
}

struct source input_source(const struct input *in)
{
	struct source s = { in->name, in->fd, (uint64_t)in->st.st_size, 0 };

	return s;
}
