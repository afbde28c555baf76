/*
 * story.h: streaming story clustering (the last step of the story engine),
 * and the narrow store interface its index and story state sit behind.
 *
 * The algorithm (story.c) only talks to a plx_story_store: document
 * frequencies, candidate retrieval, story get/put and expiry.  The in-memory
 * store here is the only implementation today; a shared backend for several
 * machines implements the same vtable without touching the algorithm.
 */
#ifndef PLX_STORY_H
#define PLX_STORY_H

#include <stddef.h>
#include <stdint.h>

#include "parallax.h"

/* Feature kinds, kept in the low 2 bits of every term hash.  Time terms
 * (weekday names) take no part in the similarity sum, only in the time
 * agreement test. */
enum {
	PLX_FEAT_WORD = 0,
	PLX_FEAT_ENTITY = 1,
	PLX_FEAT_NUMBER = 2,
	PLX_FEAT_TIME = 3
};
#define PLX_FEAT_KINDS   4
#define PLX_FEAT_KIND(t) ((unsigned)((t)&3u))

#define PLX_STORY_NONE   ((uint32_t)-1)
#define PLX_STORY_NOTIME INT64_MIN

/* One story as the algorithm sees it.  The centroid is the sum of its
 * members' feature vectors, truncated to the strongest params.story_terms
 * terms, sorted by term for merge joins. */
typedef struct plx_story_state {
	uint32_t id;
	int active;      /* 0 once quiet: centroid freed, summary kept */
	uint64_t *terms; /* centroid terms, ascending */
	float *w;        /* their weights */
	size_t n_terms, cap_terms;
	float norm[PLX_FEAT_KINDS]; /* L2 norm of the centroid per kind */
	uint32_t n_articles;
	uint64_t *sources;  /* hashes of distinct sources, ascending */
	uint32_t *source_n; /* members from each (revision removes some) */
	size_t n_sources, cap_sources;
	int64_t first_time, last_time; /* article dates (Unix seconds), or
					  PLX_STORY_NOTIME when none had one */
	size_t first_seq, last_seq;    /* input numbers of first/last member */
	int64_t touch_time; /* stream clock at the last join: expiry */
	size_t touch_seq;
	char *headline; /* title of the first member that had one */
} plx_story_state;

typedef struct plx_story_store plx_story_store;

/* The store interface.  Every function returns PLX_OK or a PLX_E* code. */
typedef struct plx_story_store_vt {
	/* Counts one more document holding the distinct terms[0..n); writes
	 * each term's document frequency (this document included) to df[] and
	 * the number of documents so far to *n_docs. */
	int (*df_add)(plx_story_store *st, const uint64_t *terms, size_t n,
		      uint32_t *df, uint64_t *n_docs);
	/* Active stories posted under any of terms[0..n), ranked by the sum
	 * of w[] over the terms that found them (ties: lower id first); at
	 * most cap ids into out, examining at most max_postings postings per
	 * term (the most recently posted). */
	int (*candidates)(plx_story_store *st, const uint64_t *terms,
			  const float *w, size_t n, size_t max_postings,
			  uint32_t *out, size_t cap, size_t *n_out);
	/* A fresh story state with the next id (owned by the store). */
	int (*create)(plx_story_store *st, plx_story_state **out);
	/* A story by id (active or quiet); the pointer is borrowed until the
	 * next call on the store and may be changed, then handed to put. */
	int (*get)(plx_story_store *st, uint32_t id, plx_story_state **out);
	/* Writes a story back: marks it touched (for expiry) and makes it
	 * findable under ix[0..n) in addition to the terms it was posted under
	 * before. */
	int (*put)(plx_story_store *st, plx_story_state *s, const uint64_t *ix,
		   size_t n);
	/* Sends quiet every active story last touched before min_time or
	 * before input number min_seq: it leaves the index and its centroid
	 * is dropped; its summary stays. */
	int (*expire)(plx_story_store *st, int64_t min_time, size_t min_seq);
	size_t (*count)(const plx_story_store *st);  /* stories ever */
	size_t (*active)(const plx_story_store *st); /* active ones */
	void (*free)(plx_story_store *st);
} plx_story_store_vt;

struct plx_story_store {
	const plx_story_store_vt *vt;
};

/* The in-memory store.  max_posted bounds the terms one story is posted
 * under.  Caller frees with st->vt->free(st). */
int plx_story_store_mem_new(size_t max_posted, plx_story_store **out);

/* One distinct term of an article, as the analysis stage counts it for the
 * story engine (plx_story_terms): what does not depend on the stream or on
 * the clusterer's parameters, so that analysis workers compute it. */
typedef struct plx_story_term {
	uint64_t term;  /* hash, kind in the low 2 bits */
	float tf;       /* occurrences outside titles (entities: mentions) */
	float title_tf; /* occurrences in the title paragraph or record title */
	uint32_t prior; /* document frequency in the built-in table, or 0 */
} plx_story_term;

/* The story stage of analysis: counts art's terms into art->sterms (and
 * its main person), unless an->skip has PLX_SKIP_STORY_TERMS.
 * plx_stories_add counts them itself for an article without them. */
int plx_story_terms(plx_analyzer *an, plx_article *art);
/* The document frequency of a term of the given kind (PLX_FEAT_*) in the
 * built-in table (similarity_df.c: words and numbers in its words,
 * entities in its names), 0 if absent or a time term; through a hash table
 * built on first use. */
uint32_t plx_story_prior(unsigned kind, const char *str, size_t len);

/* Frees an analyzer's scratch for plx_story_terms; NULL is a no-op. */
typedef struct plx_story_scratch plx_story_scratch;
void plx_story_scratch_free(plx_story_scratch *sc);

#endif
