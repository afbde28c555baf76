/*
 * u64map.h: a hash map from nonzero 64-bit keys (hashes already) to 32-bit
 * values, for the engines' per-article and per-stream tables (story terms,
 * document frequencies, postings; ingest's identity sets).
 */
#ifndef PLX_U64MAP_H
#define PLX_U64MAP_H

#include <stddef.h>
#include <stdint.h>

/* Open addressing, linear probing, loaded to at most 3/4; key 0 marks an
 * empty slot, so callers never store 0.  Zero-initialised it is empty.
 * Slots are public: a caller may clear the keys it inserted, newest first
 * (a key's probe path holds only keys inserted before it, so the rest stay
 * findable), instead of freeing or wiping the map (story.c does). */
typedef struct plx_u64map {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap, n; /* cap a power of two (0 before the first put) */
} plx_u64map;

/* The value slot of key, or NULL if absent. */
uint32_t *plx_u64map_find(const plx_u64map *m, uint64_t key);

/* The value slot of key, inserted with value init if absent; NULL when out
 * of memory (the map is unchanged then). */
uint32_t *plx_u64map_put(plx_u64map *m, uint64_t key, uint32_t init);

/* Frees the slots and empties m. */
void plx_u64map_free(plx_u64map *m);

#endif
