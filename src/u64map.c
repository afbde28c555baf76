/*
 * u64map.c: the hash map of u64map.h.  A key's slot comes from its high
 * bits (multiplicative hashing): story terms carry their kind in the low
 * bits.  Grown by doubling at 3/4.
 */
#include "u64map.h"

#include <string.h>

#include "mem.h"
#include "parallax.h"

#define SLOT(key, mask) ((size_t)((key)*0x9E3779B97F4A7C15ull >> 20) & (mask))

uint32_t *plx_u64map_find(const plx_u64map *m, uint64_t key)
{
	if (!m->cap)
		return NULL;
	size_t mask = m->cap - 1;
	for (size_t i = SLOT(key, mask);; i = (i + 1) & mask) {
		if (m->keys[i] == key)
			return &m->vals[i];
		if (!m->keys[i])
			return NULL;
	}
}

static int grow(plx_u64map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	uint64_t *keys = plx_calloc(cap, sizeof *keys);
	uint32_t *vals = plx_malloc(cap * sizeof *vals);
	if (!keys || !vals) {
		plx_free(keys);
		plx_free(vals);
		return PLX_ENOMEM;
	}
	for (size_t j = 0; j < m->cap; j++) {
		uint64_t k = m->keys[j];
		if (!k)
			continue;
		size_t i = SLOT(k, cap - 1);
		while (keys[i])
			i = (i + 1) & (cap - 1);
		keys[i] = k;
		vals[i] = m->vals[j];
	}
	plx_free(m->keys);
	plx_free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return PLX_OK;
}

uint32_t *plx_u64map_put(plx_u64map *m, uint64_t key, uint32_t init)
{
	uint32_t *v = plx_u64map_find(m, key);
	if (v)
		return v;
	if ((m->n + 1) * 4 > m->cap * 3 && grow(m))
		return NULL;
	size_t mask = m->cap - 1;
	size_t i = SLOT(key, mask);
	while (m->keys[i])
		i = (i + 1) & mask;
	m->keys[i] = key;
	m->vals[i] = init;
	m->n++;
	return &m->vals[i];
}

void plx_u64map_free(plx_u64map *m)
{
	plx_free(m->keys);
	plx_free(m->vals);
	memset(m, 0, sizeof *m);
}
