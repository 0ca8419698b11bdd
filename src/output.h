/* SPDX-License-Identifier: MIT */
/*
 * Where results go: text on stdout, or one JSON document gathered from
 * every report; diagnostics on stderr, one line each, and in the JSON
 * document too, so that a pipeline can read failures.
 */
#ifndef KIMGINFO_OUTPUT_H
#define KIMGINFO_OUTPUT_H

#include <json-c/json.h>
#include <stdbool.h>

#include "util.h"

extern const char *progname;

void output_init(bool json);
bool output_json(void);

/* "kimginfo: FILE: message (at offset 0xN)", control bytes escaped. */
void output_error(const char *file, const struct diag *d);
void output_error_msg(const char *file, const char *msg);

/* "kimginfo: FILE: warning: message"; counted for --strict. */
void output_warning(const char *file, const struct diag *d);
unsigned output_warnings(void);

/* The JSON object of one input file, already in the document's list;
 * NULL in text mode. */
json_object *output_file(const char *name);

/* Set a member of the document's top level (JSON mode only). */
void output_set(const char *key, json_object *value);

/* Print the JSON document, flush stdout; a write error fails the run. */
int output_finish(int status);

#endif
