/* SPDX-License-Identifier: MIT */
/*
 * A map from strings to pointers, open addressing with linear probing: the
 * path and hard-link tables of an initramfs, which grow with its entries.
 */
#ifndef KIMGINFO_STRMAP_H
#define KIMGINFO_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	char *key;
	void *value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap, len;
};

/* The slot of key, or NULL when absent. */
struct strmap_slot *strmap_get(const struct strmap *m, const char *key);

/* The slot of key, added with a NULL value when absent; NULL on ENOMEM. */
struct strmap_slot *strmap_put(struct strmap *m, const char *key);

/* Free every key, and every value with free_value when it is not NULL. */
void strmap_clear(struct strmap *m, void (*free_value)(void *));

#endif
