/* SPDX-License-Identifier: MIT */
/*
 * The JSON form of every report, built with json-c from the same parsed
 * structures the text reports print. Key names are stable; numbers are
 * integers in bytes; the schema is man/kimginfo.schema.json.
 */
#ifndef KIMGINFO_JSON_H
#define KIMGINFO_JSON_H

#include <json-c/json.h>

#include "initramfs.h"
#include "inventory.h"
#include "kernel.h"
#include "report.h"

#define KIMGINFO_JSON_SCHEMA_VERSION 1

/* A JSON string of s; bytes that are not UTF-8 become U+FFFD. */
json_object *json_text(const char *s);

json_object *json_kernel(const struct kernel *k);
json_object *json_kernel_code(const struct kernel *k,
			      const struct kernel_code *kc);
json_object *json_initramfs(const struct initramfs *ird, const char *file);
json_object *json_entry(const struct cpio_entry *e,
			const struct inv_entry *ie, size_t seg);
json_object *json_summary(const struct initramfs *ird,
			  const struct inventory *inv);
json_object *json_budget(const struct budget_report *b);
json_object *json_diag(const char *file, const struct diag *d);

#endif
