/*
 * mem.c: the allocator hook, arenas and output buffers (see mem.h).
 */
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *libc_malloc(size_t size, void *ud)
{
	(void)ud;
	return malloc(size);
}

static void *libc_realloc(void *ptr, size_t size, void *ud)
{
	(void)ud;
	return realloc(ptr, size);
}

static void libc_free(void *ptr, void *ud)
{
	(void)ud;
	free(ptr);
}

static plx_allocator g_alloc = {libc_malloc, libc_realloc, libc_free, NULL};

void plx_set_allocator(const plx_allocator *alloc)
{
	if (alloc)
		g_alloc = *alloc;
	else
		g_alloc = (plx_allocator){libc_malloc, libc_realloc, libc_free,
					  NULL};
}

void *plx_malloc(size_t size)
{
	return g_alloc.malloc(size ? size : 1, g_alloc.ud);
}

void *plx_calloc(size_t n, size_t size)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	void *p = plx_malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *plx_realloc(void *ptr, size_t size)
{
	return g_alloc.realloc(ptr, size ? size : 1, g_alloc.ud);
}

void plx_free(void *ptr)
{
	if (ptr)
		g_alloc.free(ptr, g_alloc.ud);
}

char *plx_strndup(const char *s, size_t n)
{
	char *p = plx_malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

int plx_grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return PLX_OK;
	size_t ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > ((size_t)-1 / 2) / elem)
			return PLX_ENOMEM;
		ncap *= 2;
	}
	void *p = plx_realloc(*ptr, ncap * elem);
	if (!p)
		return PLX_ENOMEM;
	*ptr = p;
	*cap = ncap;
	return PLX_OK;
}

/* ---- Arena ------------------------------------------------------------ */

/* Chunk size: one chunk holds a typical article's strings (a few KB of
 * tokens), so most articles cost one or two allocations. */
#define ARENA_CHUNK 16384

struct plx_arena_chunk {
	plx_arena_chunk *next;
	size_t pad; /* keeps data 16-aligned */
	unsigned char data[];
};

void plx_arena_init(plx_arena *a)
{
	a->head = NULL;
	a->used = a->size = 0;
}

void *plx_arena_alloc(plx_arena *a, size_t size)
{
	size = (size + 7) & ~(size_t)7;
	if (!a->head || a->size - a->used < size) {
		size_t csize = size > ARENA_CHUNK ? size : ARENA_CHUNK;
		plx_arena_chunk *c = plx_malloc(sizeof(*c) + csize);
		if (!c)
			return NULL;
		c->next = a->head;
		a->head = c;
		a->used = 0;
		a->size = csize;
	}
	void *p = a->head->data + a->used;
	a->used += size;
	return p;
}

char *plx_arena_strndup(plx_arena *a, const char *s, size_t n)
{
	char *p = plx_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void plx_arena_free(plx_arena *a)
{
	plx_arena_chunk *c = a->head;
	while (c) {
		plx_arena_chunk *next = c->next;
		plx_free(c);
		c = next;
	}
	plx_arena_init(a);
}

/* ---- Buffers ---------------------------------------------------------- */

void plx_buf_init(plx_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->rc = PLX_OK;
}

static int buf_reserve(plx_buf *b, size_t extra)
{
	if (b->rc)
		return b->rc;
	if (extra > (size_t)-1 - b->len - 1)
		return b->rc = PLX_ENOMEM;
	if (plx_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1))
		return b->rc = PLX_ENOMEM;
	return PLX_OK;
}

void plx_buf_put(plx_buf *b, const char *s, size_t n)
{
	if (buf_reserve(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = 0;
}

void plx_buf_puts(plx_buf *b, const char *s)
{
	plx_buf_put(b, s, strlen(s));
}

void plx_buf_putc(plx_buf *b, char c)
{
	plx_buf_put(b, &c, 1);
}

void plx_buf_printf(plx_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		plx_buf_put(b, small, (size_t)n);
		return;
	}
	if (buf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void plx_buf_json_str(plx_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	plx_buf_putc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[6];
		if (c == '"')
			esc = "\\\"";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '\n')
			esc = "\\n";
		else if (c == '\t')
			esc = "\\t";
		else if (c == '\r')
			esc = "\\r";
		else if (c < 0x20) {
			u[0] = '\\', u[1] = 'u', u[2] = '0', u[3] = '0';
			u[4] = hex[c >> 4], u[5] = hex[c & 15];
		} else
			continue;
		plx_buf_put(b, s + run, i - run);
		if (esc)
			plx_buf_puts(b, esc);
		else
			plx_buf_put(b, u, 6);
		run = i + 1;
	}
	plx_buf_put(b, s + run, n - run);
	plx_buf_putc(b, '"');
}

char *plx_buf_detach(plx_buf *b, size_t *len)
{
	if (b->rc) {
		plx_buf_free(b);
		return NULL;
	}
	if (!b->data)
		plx_buf_put(b, "", 0);
	char *d = b->data;
	if (len)
		*len = b->len;
	plx_buf_init(b);
	return d;
}

void plx_buf_reset(plx_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = 0;
}

void plx_buf_free(plx_buf *b)
{
	plx_free(b->data);
	plx_buf_init(b);
}
