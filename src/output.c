/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "output.h"

const char *progname = "kimginfo";

static json_object *doc, *files, *errors, *warnings;
static unsigned nwarnings;

void output_init(bool json)
{
	json_object *tool;

	if (!json)
		return;
	doc = json_object_new_object();
	tool = json_object_new_object();
	json_put(tool, "name", json_object_new_string(PACKAGE));
	json_put(tool, "version",
		 json_object_new_string(PACKAGE_VERSION));
	json_put(tool, "schema",
		 json_object_new_int(KIMGINFO_JSON_SCHEMA_VERSION));
	json_put(doc, "kimginfo", tool);
	files = json_object_new_array();
	errors = json_object_new_array();
	warnings = json_object_new_array();
	json_put(doc, "files", files);
	json_put(doc, "errors", errors);
	json_put(doc, "warnings", warnings);
	if (json_nomem) {
		/* No document, or a member not added and freed: stop. */
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(1);
	}
}

bool output_json(void)
{
	return doc != NULL;
}

static void put_line(const char *file, const char *level,
		     const struct diag *d)
{
	fprintf(stderr, "%s: ", progname);
	fput_escaped(stderr, file);
	fprintf(stderr, ": %s", level);
	fput_escaped(stderr, d->msg);
	if (d->has_offset)
		fprintf(stderr, " (at offset 0x%llx)",
			(unsigned long long)d->offset);
	fputc('\n', stderr);
}

void output_error(const char *file, const struct diag *d)
{
	put_line(file, "", d);
	if (doc)
		json_push(errors, json_diag(file, d));
}

void output_warning(const char *file, const struct diag *d)
{
	nwarnings++;
	put_line(file, "warning: ", d);
	if (doc)
		json_push(warnings, json_diag(file, d));
}

unsigned output_warnings(void)
{
	return nwarnings;
}

void output_error_msg(const char *file, const char *msg)
{
	struct diag d = { .has_offset = false };

	snprintf(d.msg, sizeof(d.msg), "%s", msg);
	output_error(file, &d);
}

json_object *output_file(const char *name)
{
	json_object *o;

	if (!doc)
		return NULL;
	/* On failure the file is reported in text, the document marked. */
	o = json_object_new_object();
	if (!o || !files || json_object_array_add(files, o) != 0) {
		json_object_put(o);
		json_nomem = true;
		return NULL;
	}
	json_put(o, "file", json_text(name));
	return o;
}

void output_set(const char *key, json_object *value)
{
	if (doc)
		json_put(doc, key, value);
	else
		json_object_put(value);
}

int output_finish(int status)
{
	if (doc) {
		const char *text = json_nomem ? NULL :
			json_object_to_json_string_ext(doc,
				JSON_C_TO_STRING_PRETTY |
				JSON_C_TO_STRING_SPACED |
				JSON_C_TO_STRING_NOSLASHESCAPE);

		/* FIXME: json-c's serializer drops bytes when an allocation
		 * fails and does not say so; such a document is printed
		 * malformed. Its parser is no check: it fails worse. */
		if (text) {
			fputs(text, stdout);
			fputc('\n', stdout);
		} else {
			fprintf(stderr, "%s: out of memory: the JSON document "
				"is incomplete and not printed\n", progname);
			status = 1;
		}
		json_object_put(doc);
		doc = NULL;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: write error on standard output: %s\n",
			progname, strerror(errno));
		return 1;
	}
	return status;
}
