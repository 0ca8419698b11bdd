/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

/* FNV-1a, 64-bit. */
static uint64_t hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	while (*s) {
		h ^= (uint8_t)*s++;
		h *= UINT64_C(1099511628211);
	}
	return h;
}

static struct strmap_slot *probe(const struct strmap_slot *slots, size_t cap,
				 const char *key)
{
	size_t i = (size_t)(hash(key) & (cap - 1));

	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return (struct strmap_slot *)(uintptr_t)&slots[i];
}

struct strmap_slot *strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_slot *s;

	if (!m->cap)
		return NULL;
	s = probe(m->slots, m->cap, key);
	return s->key ? s : NULL;
}

/* Keep the table at most half full, so that probes stay short. */
static int grow(struct strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64, i;
	struct strmap_slot *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -1;
	for (i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			*probe(slots, cap, m->slots[i].key) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

struct strmap_slot *strmap_put(struct strmap *m, const char *key)
{
	struct strmap_slot *s;

	if ((m->len + 1) * 2 > m->cap && grow(m) < 0)
		return NULL;
	s = probe(m->slots, m->cap, key);
	if (s->key)
		return s;
	s->key = strdup(key);
	if (!s->key)
		return NULL;
	s->value = NULL;
	m->len++;
	return s;
}

void strmap_clear(struct strmap *m, void (*free_value)(void *))
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		free(m->slots[i].key);
		if (free_value && m->slots[i].value)
			free_value(m->slots[i].value);
	}
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
