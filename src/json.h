/* SPDX-License-Identifier: MIT */
/*
 * The JSON form of every report, built with json-c from the same parsed
 * structures the text reports print. Key names are stable; numbers are
 * integers in bytes; the schema is man/kimginfo.schema.json.
 */
#ifndef KIMGINFO_JSON_H
#define KIMGINFO_JSON_H

#include <json-c/json.h>
#include <stdbool.h>

#include "initramfs.h"
#include "inventory.h"
#include "kernel.h"
#include "report.h"

#define KIMGINFO_JSON_SCHEMA_VERSION 1

/*
 * json-c returns NULL when it runs out of memory, and NULL is also how a
 * JSON null is added. So every constructor we call goes through
 * json_checked(), which notes the failure in json_nomem; the document is
 * then reported as incomplete instead of printed (output_finish()). A
 * function-like macro is not expanded inside itself, so each name below
 * still calls json-c.
 */
extern bool json_nomem;

static inline json_object *json_checked(json_object *v)
{
	if (!v)
		json_nomem = true;
	return v;
}

#define json_object_new_object() json_checked(json_object_new_object())
#define json_object_new_array() json_checked(json_object_new_array())
#define json_object_new_boolean(b) json_checked(json_object_new_boolean(b))
#define json_object_new_int(i) json_checked(json_object_new_int(i))
#define json_object_new_uint64(u) json_checked(json_object_new_uint64(u))
#define json_object_new_string(s) json_checked(json_object_new_string(s))

/*
 * Add v (NULL: a JSON null) to an object or an array. When the container
 * is NULL or the addition fails, v is freed and json_nomem set.
 */
void json_put(json_object *o, const char *key, json_object *v);
void json_push(json_object *a, json_object *v);

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
