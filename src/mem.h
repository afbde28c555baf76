/*
 * mem.h: allocation for the whole library.  Every allocation goes through
 * the plx_allocator hook (parallax.h); arenas give one article's many small
 * strings a single lifetime; buffers build output text.
 */
#ifndef PLX_MEM_H
#define PLX_MEM_H

#include <stdarg.h>
#include <stddef.h>

#include "parallax.h"

void *plx_malloc(size_t size);
void *plx_calloc(size_t n, size_t size);
void *plx_realloc(void *ptr, size_t size);
char *plx_strndup(const char *s, size_t n);

/* Grows *ptr (an array of elem-sized items with capacity *cap) so it holds at
 * least need items.  Returns PLX_OK or PLX_ENOMEM (the array is unchanged). */
int plx_grow(void **ptr, size_t *cap, size_t need, size_t elem);

/* Bump allocator: chunks from plx_malloc, freed all at once. */
typedef struct plx_arena_chunk plx_arena_chunk;
typedef struct plx_arena {
	plx_arena_chunk *head;
	size_t used, size; /* of the head chunk */
} plx_arena;

void plx_arena_init(plx_arena *a);
void *plx_arena_alloc(plx_arena *a, size_t size); /* 8-aligned; NULL on OOM */
char *plx_arena_strndup(plx_arena *a, const char *s, size_t n);
void plx_arena_free(plx_arena *a);

/* Growable byte buffer, always NUL-terminated once anything was added.
 * Sticky error: after a failed allocation, rc is PLX_ENOMEM and further
 * appends do nothing (FTS5's pRc style), so callers check once at the end. */
typedef struct plx_buf {
	char *data;
	size_t len, cap;
	int rc;
} plx_buf;

void plx_buf_init(plx_buf *b);
void plx_buf_put(plx_buf *b, const char *s, size_t n);
void plx_buf_puts(plx_buf *b, const char *s);
void plx_buf_putc(plx_buf *b, char c);
void plx_buf_printf(plx_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. */
void plx_buf_json_str(plx_buf *b, const char *s, size_t n);
/* Hands the data to the caller (free with plx_free) and resets b. */
char *plx_buf_detach(plx_buf *b, size_t *len);
void plx_buf_reset(plx_buf *b);
void plx_buf_free(plx_buf *b);

#endif
