/*
 * dedup.h: the state behind plx_dedup (exact, near-duplicate and passage
 * indexes and the signatures of past articles), reached only through a
 * small store interface so that a database-backed store can replace the
 * in-memory one without touching the algorithm in dedup.c.
 */
#ifndef PLX_DEDUP_H
#define PLX_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "minhash.h"
#include "parallax.h"

/* Postings tables of a store: key -> 32-bit value. */
enum {
	PLX_DT_EXACT = 0,  /* text hash -> article */
	PLX_DT_PARA = 1,   /* paragraph hash -> paragraph print */
	PLX_DT_SKETCH = 2, /* paragraph sketch value -> paragraph print */
	PLX_DT_BAND = 3    /* PLX_DT_BAND + b: band b key -> article */
};

/* What the store keeps of an article for ever (the report names it). */
typedef struct plx_dedup_doc {
	const char *id;   /* never NULL ("" when unknown) */
	const char *date; /* ISO 8601 or NULL */
	int64_t time;     /* date in seconds since the epoch, or INT64_MIN */
	int wire;         /* from a wire service (AP, Reuters, AFP...) */
} plx_dedup_doc;

/* The store interface.  Every function returns PLX_OK or a negative
 * status, except the lookups, which cannot fail (a database store reports
 * errors on its next put).  Borrowed pointers live until the next add_doc.
 *
 * The store holds a window of recent articles (see plx_dedup_memstore_new):
 * signatures, shingle sets, paragraph prints and postings of older articles
 * are dropped, and lookups no longer return them; the doc records stay. */
typedef struct plx_dedup_store {
	void *self;
	/* Adds an article with its k-value signature and its distinct
	 * shingle hashes sh[0..n_sh), ascending; *num is its number (0, 1,
	 * ... in order).  May expire old articles first. */
	int (*add_doc)(void *self, const plx_dedup_doc *doc,
		       const uint16_t *sig, const uint32_t *sh, size_t n_sh,
		       uint32_t *num);
	size_t (*n_docs)(void *self);
	const plx_dedup_doc *(*doc)(void *self, uint32_t num);
	/* Signature and shingle set of a windowed article; NULL once it left
	 * the window. */
	const uint16_t *(*sig)(void *self, uint32_t num);
	const uint32_t *(*shingles)(void *self, uint32_t num, size_t *n);
	/* Postings: put appends (the value is the newest article or
	 * paragraph); get copies up to max values of windowed articles,
	 * newest first, and returns how many it copied. */
	int (*put)(void *self, unsigned table, uint64_t key, uint32_t val);
	size_t (*get)(void *self, unsigned table, uint64_t key, uint32_t *out,
		      size_t max);
	/* Paragraph prints of the newest article, numbered in order; para
	 * returns NULL once its article left the window. */
	int (*add_para)(void *self, uint32_t doc, const plx_para_print *pp,
			uint32_t *num);
	const plx_para_print *(*para)(void *self, uint32_t num, uint32_t *doc);
	size_t (*n_window)(void *self); /* articles in the window */
	size_t (*bytes)(void *self);    /* memory held, for benchmarks */
	void (*free)(void *self);
} plx_dedup_store;

/* The in-memory store for signatures of k values and `bands` bands.
 *
 * Window: articles go into generations, each a contiguous range of article
 * numbers with its own signatures, shingle sets, paragraph prints and
 * postings tables.  The current generation is closed when the stream clock
 * (the latest article date seen) has moved window_s/2 seconds past its
 * opening, or when it holds window_n/2 articles; a closed generation is
 * freed whole once its clock at closing is older than clock - window_s,
 * or once the newer generations hold window_n articles.  So the window is
 * the smaller of the two (the articles of the last window_s seconds of
 * stream time, and the last window_n articles), plus at most half of it;
 * a lookup probes a handful of generations; expiry frees one generation
 * at a time: no scans.  window_s or window_n 0: no such limit. */
int plx_dedup_memstore_new(unsigned k, unsigned bands, int64_t window_s,
			   size_t window_n, plx_dedup_store *out);

/* Like plx_dedup_new with a given store, which it takes ownership of (also
 * on failure). */
int plx_dedup_new_with_store(const plx_dedup_params *params,
			     plx_dedup_store store, plx_dedup **out);

/* Memory held by d (store included), for benchmarks. */
size_t plx_dedup_bytes(const plx_dedup *d);

/* Whether a source name is a wire service. */
int plx_dedup_is_wire(const char *source);

#endif
