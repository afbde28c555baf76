/*
 * story.c: streaming story clustering.  Each analysed article, in input
 * order, joins the best matching active story or opens a new one; stories
 * that stop receiving articles go quiet and leave the index.
 *
 * Design (parameters in plx_story_params; measured in docs/stories.md):
 * - Features, three kinds, each a 64-bit XXH3 hash with the kind in its
 *   low 2 bits: words (Snowball stems of non-stop words of body and title
 *   paragraphs, and of the record's title, which counts title_boost times),
 *   entities (the entity stage's normalised keys, tf = mentions, plus every
 *   capitalised word inside a body sentence, robust to how the entity stage
 *   cuts names) and numbers (years, ages, tolls, magnitudes: what tells two
 *   earthquakes apart).
 * - Weights: (1 + ln tf) * idf, idf = ln((1 + N) / (1 + df)) + 1 with N and
 *   df counted online in input order (the article itself included), so the
 *   result depends only on the order of the input; for words, numbers and
 *   entities blended with the built-in table's idf (similarity_df.c,
 *   Reuters), weight m / (m + N), m = prior_docs / prior_names (none in a
 *   build without the table).  Each kind keeps its
 *   strongest terms (PLX_ART_* caps) and is L2-normalised on its own.
 * - Story centroid: the plain sum of its members' vectors, truncated to the
 *   story_terms strongest terms.  Similarity of article a and story c:
 *       sum_k lambda_k cos_k(a, c) / sum_{k present in a} lambda_k
 *   with lambda_word = 1, lambda_entity = entity_weight, lambda_number =
 *   number_weight: names and numbers count apart from the words, so two
 *   events of the same kind (two earthquakes, two rehab check-ins) that
 *   share their whole vocabulary still differ where it matters.
 * - Two disagreement tests then scale it down (fitted on ECB+, held out by
 *   topic halves in docs/stories.md): x (1 - time_penalty) when article and
 *   story both name weekdays (a fourth feature kind, outside the sum) and
 *   share none, x (1 + time_bonus) when they share one; x (1 -
 *   person_penalty) when the article's main person (the person the entity
 *   stage found most often, named PLX_MAIN_PERSON_MENTIONS times or more)
 *   is not in the story's centroid.  Both target the costliest error, the
 *   first article of a second same-kind event joining the first event's
 *   story (its followers then join too).
 * - A doubtful join (score below threshold + doubtful_band) adds the
 *   article to the centroid scaled by (score - threshold) / doubtful_band,
 *   so that a wrong one draws fewer of the other event's followers.
 * - Candidates: the query_terms strongest terms of the article (terms in
 *   more than max_df of all documents skipped once N >= PLX_DF_MIN_DOCS) are
 *   looked up in an inverted index term -> active stories, at most
 *   max_postings (the most recent) per term; stories are ranked by the sum
 *   of the weights of the terms that found them, and the max_candidates
 *   best are scored exactly.  A story is posted under the index_terms
 *   strongest terms of its centroid (new ones added as it grows, at most
 *   PLX_MAX_POSTED in all).  No scan of all stories ever happens: an
 *   article costs O(query_terms * max_postings + max_candidates *
 *   story_terms).
 * - Join when the best similarity >= threshold, else open a new story.
 * - Time: the stream clock is the latest article date seen; an undated
 *   article takes the clock as it is.  A story not joined for window_days
 *   of clock, or for window_articles input articles (0: no such limit),
 *   goes quiet: it leaves the index and its centroid is freed, its summary
 *   (id, headline, counts, first/last seen) stays.
 * - Work split: counting an article's terms (stems, names, numbers, times,
 *   each with its prior df) needs nothing but the article, so it is an
 *   analysis stage (plx_story_terms) that runs in the analysis threads;
 *   plx_stories_add only weighs, selects and matches (and counts the terms
 *   itself for an article analysed without the stage).
 * - Cost: an article's duplicate terms merge through a hash map; per-kind
 *   truncation, centroid trims and top terms use quickselect, and sorts are
 *   typed (inlined comparisons): qsort's callbacks were the main cost.
 *   Results do not depend on these choices: every order used is strict.
 * Known limits: single pass, so an early article that opens a story with
 * few terms can split an event in two, and two stories never merge; online
 * idf is crude for the first few hundred articles; a late article (dated
 * before the clock minus the window) cannot join its quiet story.
 */
#include "story.h"

#include <libstemmer.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

#include "analyzer.h"
#include "article.h"
#include "mem.h"
#include "segment.h"
#include "similarity.h"
#include "u64map.h"

/* Strongest terms an article keeps per kind: words (a long article's
 * tail is noise), entities, numbers. */
#define PLX_ART_WORDS    120
#define PLX_ART_ENTITIES 40
#define PLX_ART_NUMBERS  24
#define PLX_ART_TIMES    16
/* Slots of the article's term table (similarity's lookups): a power of
 * two, loaded to at most a quarter. */
#define PLX_ART_SLOTS 1024
_Static_assert(PLX_ART_SLOTS >= 4 * (PLX_ART_WORDS + PLX_ART_ENTITIES +
				     PLX_ART_NUMBERS + PLX_ART_TIMES),
	       "PLX_ART_SLOTS too small");
_Static_assert((PLX_ART_SLOTS & (PLX_ART_SLOTS - 1)) == 0 &&
		       PLX_ART_SLOTS <= 65536,
	       "PLX_ART_SLOTS: a power of two, slots numbered in 16 bits");
/* The article's main person is the person the entity stage found most
 * often, if named at least this often (on ECB+, 2 and 3 split more
 * same-event articles than they kept apart; docs/stories.md). */
#define PLX_MAIN_PERSON_MENTIONS 4
/* Most terms a story, query or index entry may keep, and most candidates
 * (parameters above it are refused: scratch sizes stay far from overflow). */
#define PLX_TERMS_MAX (1u << 20)
/* Terms one story may ever be posted under (bounds index memory when a
 * story's vocabulary drifts). */
#define PLX_MAX_POSTED 64
/* Revision looks only at stories of at most this many articles (a wrong
 * join is young; this bounds the work per article). */
#define PLX_REVISE_STORY_MAX 32
/* ... and, when an article opens a story, at its candidate stories that
 * it scores at least this against (the rest are too far off to hold an
 * article that fits it). */
#define PLX_REVISE_CAND_MIN 0.1
/* The max_df filter applies only from this many documents on: before,
 * document frequencies mean little. */
#define PLX_DF_MIN_DOCS 1000
/* Slots of the per-article term map kept between articles (it is cleared
 * for each one; a bigger one, grown by a huge article, is freed). */
#define PLX_SEEN_KEEP 16384
/* Longest word (bytes) taken from a record title. */
#define PLX_TITLE_WORD_MAX 64

/* ---- Typed sort ------------------------------------------------------------
 */

/* Defines static void name(type *a, size_t n) sorting by less(x, y), a
 * strict order: quicksort (median of three, Hoare partition, the smaller
 * side first so the stack stays under 64 levels) with insertion sort below
 * 16 elements.  The comparison inlines, unlike qsort's callback, which
 * profiling showed as the clusterer's main cost.  Not stable: only used
 * where ties cannot change a result. */
#define PLX_DEFINE_SORT(name, type, less)                                  \
	static void name(type *a, size_t n)                                \
	{                                                                  \
		size_t lo_st[64], hi_st[64], sp = 0;                       \
		size_t lo = 0, hi = n;                                     \
		for (;;) {                                                 \
			while (hi - lo > 16) {                             \
				size_t mid = lo + (hi - lo) / 2;           \
				type t;                                    \
				if (less(&a[mid], &a[lo])) {               \
					t = a[mid];                        \
					a[mid] = a[lo];                    \
					a[lo] = t;                         \
				}                                          \
				if (less(&a[hi - 1], &a[mid])) {           \
					t = a[hi - 1];                     \
					a[hi - 1] = a[mid];                \
					a[mid] = t;                        \
					if (less(&a[mid], &a[lo])) {       \
						t = a[mid];                \
						a[mid] = a[lo];            \
						a[lo] = t;                 \
					}                                  \
				}                                          \
				type pv = a[mid];                          \
				size_t i = lo, j = hi - 1;                 \
				for (;;) {                                 \
					while (less(&a[i], &pv))           \
						i++;                       \
					while (less(&pv, &a[j]))           \
						j--;                       \
					if (i >= j)                        \
						break;                     \
					t = a[i];                          \
					a[i] = a[j];                       \
					a[j] = t;                          \
					i++;                               \
					j--;                               \
				}                                          \
				/* [lo, j] <= pv <= [j + 1, hi) */         \
				size_t cut = j + 1;                        \
				if (cut - lo < hi - cut) {                 \
					lo_st[sp] = cut;                   \
					hi_st[sp++] = hi;                  \
					hi = cut;                          \
				} else {                                   \
					lo_st[sp] = lo;                    \
					hi_st[sp++] = cut;                 \
					lo = cut;                          \
				}                                          \
			}                                                  \
			for (size_t i = lo + 1; i < hi; i++) {             \
				type t = a[i];                             \
				size_t j = i;                              \
				for (; j > lo && less(&t, &a[j - 1]); j--) \
					a[j] = a[j - 1];                   \
				a[j] = t;                                  \
			}                                                  \
			if (!sp)                                           \
				return;                                    \
			sp--;                                              \
			lo = lo_st[sp];                                    \
			hi = hi_st[sp];                                    \
		}                                                          \
	}

/* ---- The in-memory store ------------------------------------------------ */

typedef struct plist {
	uint32_t *ids; /* story ids in posting order */
	size_t n, cap;
	size_t dead; /* entries whose story went quiet */
} plist;

typedef struct mem_story {
	plx_story_state s;
	uint64_t *posted; /* terms it is posted under */
	uint32_t n_posted;
	uint32_t prev, next; /* LRU list of active stories, oldest first */
} mem_story;

typedef struct mem_store {
	plx_story_store base;
	size_t max_posted;
	plx_u64map df; /* term -> document frequency */
	uint64_t n_docs;
	plx_u64map post; /* term -> index into lists */
	plist *lists;
	size_t n_lists, cap_lists;
	mem_story *stories;
	size_t n_stories, cap_stories, n_active;
	uint32_t lru_head, lru_tail;
	float *acc; /* candidate scores by story id (scratch), -1 for a quiet
		       story: one look tells both */
	size_t cap_acc;
	struct cand *cands; /* ranking scratch */
	size_t cap_cands;
	uint32_t *touched; /* ids with acc != 0 */
	size_t cap_touched;
} mem_store;

static int mem_df_add(plx_story_store *st, const uint64_t *terms, size_t n,
		      uint32_t *df, uint64_t *n_docs)
{
	mem_store *m = (mem_store *)st;
	for (size_t i = 0; i < n; i++) {
		uint32_t *v = plx_u64map_put(&m->df, terms[i], 0);
		if (!v)
			return PLX_ENOMEM;
		df[i] = ++*v;
	}
	*n_docs = ++m->n_docs;
	return PLX_OK;
}

typedef struct cand {
	float score;
	uint32_t id;
} cand;

/* Higher score first, then lower id. */
static inline int cand_less(const cand *x, const cand *y)
{
	if (x->score != y->score)
		return x->score > y->score;
	return x->id < y->id;
}

PLX_DEFINE_SORT(sort_cands, cand, cand_less)

static int mem_candidates(plx_story_store *st, const uint64_t *terms,
			  const float *w, size_t n, size_t max_postings,
			  uint32_t *out, size_t cap, size_t *n_out)
{
	mem_store *m = (mem_store *)st;
	*n_out = 0;
	if (m->cap_acc < m->n_stories) {
		size_t c = m->n_stories * 2;
		float *a = plx_realloc(m->acc, c * sizeof *a);
		if (!a)
			return PLX_ENOMEM;
		for (size_t i = m->cap_acc; i < c; i++)
			a[i] = i < m->n_stories && !m->stories[i].s.active
				       ? -1.0f
				       : 0.0f;
		m->acc = a;
		m->cap_acc = c;
	}
	size_t n_touched = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t *li = plx_u64map_find(&m->post, terms[i]);
		if (!li || *li >= m->n_lists) /* NONE: no list yet */
			continue;
		plist *pl = &m->lists[*li];
		size_t seen = 0;
		for (size_t j = pl->n; j-- > 0 && seen < max_postings; seen++) {
			uint32_t id = pl->ids[j];
			if (m->acc[id] < 0) /* quiet */
				continue;
			if (m->acc[id] == 0) {
				if (plx_grow((void **)&m->touched,
					     &m->cap_touched, n_touched + 1,
					     sizeof *m->touched)) {
					for (size_t k = 0; k < n_touched; k++)
						m->acc[m->touched[k]] = 0;
					return PLX_ENOMEM;
				}
				m->touched[n_touched++] = id;
			}
			m->acc[id] += w[i] > 0 ? w[i] : 1e-6f;
		}
	}
	if (plx_grow((void **)&m->cands, &m->cap_cands,
		     n_touched ? n_touched : 1, sizeof *m->cands)) {
		for (size_t k = 0; k < n_touched; k++)
			m->acc[m->touched[k]] = 0;
		return PLX_ENOMEM;
	}
	cand *c = m->cands;
	for (size_t k = 0; k < n_touched; k++) {
		c[k].id = m->touched[k];
		c[k].score = m->acc[c[k].id];
		m->acc[c[k].id] = 0;
	}
	sort_cands(c, n_touched);
	size_t k = n_touched < cap ? n_touched : cap;
	for (size_t i = 0; i < k; i++)
		out[i] = c[i].id;
	*n_out = k;
	return PLX_OK;
}

static void lru_unlink(mem_store *m, uint32_t id)
{
	mem_story *s = &m->stories[id];
	if (s->prev != PLX_STORY_NONE)
		m->stories[s->prev].next = s->next;
	else
		m->lru_head = s->next;
	if (s->next != PLX_STORY_NONE)
		m->stories[s->next].prev = s->prev;
	else
		m->lru_tail = s->prev;
	s->prev = s->next = PLX_STORY_NONE;
}

static void lru_append(mem_store *m, uint32_t id)
{
	mem_story *s = &m->stories[id];
	s->prev = m->lru_tail;
	s->next = PLX_STORY_NONE;
	if (m->lru_tail != PLX_STORY_NONE)
		m->stories[m->lru_tail].next = id;
	else
		m->lru_head = id;
	m->lru_tail = id;
}

static int mem_create(plx_story_store *st, plx_story_state **out)
{
	mem_store *m = (mem_store *)st;
	*out = NULL;
	if (m->n_stories >= PLX_STORY_NONE - 1)
		return PLX_ETOOBIG;
	if (plx_grow((void **)&m->stories, &m->cap_stories, m->n_stories + 1,
		     sizeof *m->stories))
		return PLX_ENOMEM;
	uint32_t id = (uint32_t)m->n_stories++;
	mem_story *s = &m->stories[id];
	memset(s, 0, sizeof *s);
	s->s.id = id;
	s->s.active = 1;
	s->s.first_time = s->s.last_time = PLX_STORY_NOTIME;
	s->prev = s->next = PLX_STORY_NONE;
	lru_append(m, id);
	m->n_active++;
	*out = &s->s;
	return PLX_OK;
}

static int mem_get(plx_story_store *st, uint32_t id, plx_story_state **out)
{
	mem_store *m = (mem_store *)st;
	if (id >= m->n_stories) {
		*out = NULL;
		return PLX_ENOTFOUND;
	}
	*out = &m->stories[id].s;
	return PLX_OK;
}

static int mem_put(plx_story_store *st, plx_story_state *ss, const uint64_t *ix,
		   size_t n)
{
	mem_store *m = (mem_store *)st;
	mem_story *s = &m->stories[ss->id];
	if (!s->s.active)
		return PLX_EINVAL;
	lru_unlink(m, ss->id);
	lru_append(m, ss->id);
	for (size_t i = 0; i < n && s->n_posted < m->max_posted; i++) {
		int seen = 0;
		for (uint32_t j = 0; j < s->n_posted && !seen; j++)
			seen = s->posted[j] == ix[i];
		if (seen)
			continue;
		if (!s->posted) {
			s->posted =
				plx_malloc(m->max_posted * sizeof *s->posted);
			if (!s->posted)
				return PLX_ENOMEM;
		}
		/* A term with no list yet maps to PLX_STORY_NONE (also after
		 * a failed allocation here, so a later put retries). */
		uint32_t *li = plx_u64map_put(&m->post, ix[i], PLX_STORY_NONE);
		if (!li)
			return PLX_ENOMEM;
		if (*li >= m->n_lists) {
			if (plx_grow((void **)&m->lists, &m->cap_lists,
				     m->n_lists + 1, sizeof *m->lists))
				return PLX_ENOMEM;
			memset(&m->lists[m->n_lists], 0, sizeof(plist));
			*li = (uint32_t)m->n_lists++;
		}
		plist *pl = &m->lists[*li];
		if (plx_grow((void **)&pl->ids, &pl->cap, pl->n + 1,
			     sizeof *pl->ids))
			return PLX_ENOMEM;
		pl->ids[pl->n++] = ss->id;
		s->posted[s->n_posted++] = ix[i];
	}
	return PLX_OK;
}

static void quiet(mem_store *m, uint32_t id)
{
	mem_story *s = &m->stories[id];
	lru_unlink(m, id);
	s->s.active = 0;
	if (id < m->cap_acc)
		m->acc[id] = -1.0f;
	m->n_active--;
	for (uint32_t j = 0; j < s->n_posted; j++) {
		uint32_t *li = plx_u64map_find(&m->post, s->posted[j]);
		if (!li || *li >= m->n_lists)
			continue;
		plist *pl = &m->lists[*li];
		if (++pl->dead * 2 > pl->n) {
			size_t o = 0;
			for (size_t k = 0; k < pl->n; k++)
				if (m->stories[pl->ids[k]].s.active)
					pl->ids[o++] = pl->ids[k];
			pl->n = o;
			pl->dead = 0;
		}
	}
	plx_free(s->posted);
	s->posted = NULL;
	s->n_posted = 0;
	plx_free(s->s.terms);
	plx_free(s->s.w);
	s->s.terms = NULL;
	s->s.w = NULL;
	s->s.n_terms = s->s.cap_terms = 0;
}

static int mem_expire(plx_story_store *st, int64_t min_time, size_t min_seq)
{
	mem_store *m = (mem_store *)st;
	while (m->lru_head != PLX_STORY_NONE) {
		plx_story_state *s = &m->stories[m->lru_head].s;
		int old = (min_time != PLX_STORY_NOTIME &&
			   s->touch_time != PLX_STORY_NOTIME &&
			   s->touch_time < min_time) ||
			  s->touch_seq < min_seq;
		if (!old)
			break;
		quiet(m, m->lru_head);
	}
	return PLX_OK;
}

static size_t mem_count(const plx_story_store *st)
{
	return ((const mem_store *)st)->n_stories;
}

static size_t mem_active(const plx_story_store *st)
{
	return ((const mem_store *)st)->n_active;
}

static void mem_free(plx_story_store *st)
{
	mem_store *m = (mem_store *)st;
	if (!m)
		return;
	for (size_t i = 0; i < m->n_stories; i++) {
		mem_story *s = &m->stories[i];
		plx_free(s->posted);
		plx_free(s->s.terms);
		plx_free(s->s.w);
		plx_free(s->s.sources);
		plx_free(s->s.source_n);
		plx_free(s->s.headline);
	}
	for (size_t i = 0; i < m->n_lists; i++)
		plx_free(m->lists[i].ids);
	plx_free(m->cands);
	plx_free(m->lists);
	plx_free(m->stories);
	plx_free(m->acc);
	plx_free(m->touched);
	plx_u64map_free(&m->df);
	plx_u64map_free(&m->post);
	plx_free(m);
}

static const plx_story_store_vt MEM_VT = {
	mem_df_add, mem_candidates, mem_create, mem_get, mem_put,
	mem_expire, mem_count,      mem_active, mem_free};

int plx_story_store_mem_new(size_t max_posted, plx_story_store **out)
{
	*out = NULL;
	mem_store *m = plx_calloc(1, sizeof *m);
	if (!m)
		return PLX_ENOMEM;
	m->base.vt = &MEM_VT;
	m->max_posted = max_posted ? max_posted : 1;
	m->lru_head = m->lru_tail = PLX_STORY_NONE;
	*out = &m->base;
	return PLX_OK;
}

/* ---- Clustering ------------------------------------------------------------
 */

/* The built-in table's document frequencies by term hash (words under
 * both the word and the number kind, which look them up there; names under
 * the entity kind), built once per process: an open-addressing table,
 * linear probing, loaded to at most 0.4 (a bigger table, from a build with
 * another corpus, is searched in place: plx_df_lookup). */
#define PLX_PRIOR_SLOTS (1u << 17)
typedef struct prior_slot {
	uint64_t term; /* 0: empty (term_of never gives 0) */
	uint32_t df;
} prior_slot;
static prior_slot prior_tab[PLX_PRIOR_SLOTS];
static int prior_hashed; /* prior_tab holds the table */
static pthread_once_t prior_once = PTHREAD_ONCE_INIT;

struct plx_stories {
	plx_story_params p;
	plx_story_store *store;
	struct sb_stemmer *stemmer;    /* for record titles (not in the text) */
	struct plx_story_scratch *own; /* counts for articles without them */
	size_t n_added;
	int64_t clock; /* latest article date, or PLX_STORY_NOTIME */
	/* Scratch, reused per article. */
	struct feat *f;
	size_t n_f, cap_f;
	uint64_t *terms;
	uint32_t *df;
	float *qw;
	size_t cap_terms;
	uint32_t *cand;
	size_t cap_cand;
	struct feat *tmp; /* a query's and a centroid's strongest terms */
	uint64_t *q;
	size_t cap_tmp;
	uint64_t *mt; /* merged centroid */
	float *mw;
	size_t cap_m;
	uint64_t main_person; /* surname term of the article's main person,
				 or 0 (0 too when person_penalty is) */
	/* The article's terms by hash (open addressing, linear probing; 0
	 * empty) and their weights, for similarity. */
	uint64_t ak[PLX_ART_SLOTS];
	float aw[PLX_ART_SLOTS];
	uint16_t used[PLX_ART_SLOTS / 4]; /* slots filled, to clear them */
	size_t n_used;
	/* Revision: the last revise_window articles (slot seq % window),
	 * the moves of the last add, scratch. */
	struct recent *ring;
	plx_story_move *moves;
	size_t n_moves, cap_moves;
	double *csim; /* the candidates' similarities */
	uint32_t *rs; /* per ring slot: the story, or PLX_STORY_NONE when
			 its article may not move (an opener, or none) */
	uint64_t *rt; /* a centroid less one or two members */
	float *rw;
	size_t cap_r;
	struct feat *rf; /* truncation */
	size_t cap_rf;
};

/* A recent article, as revision needs it: its vector (unscaled), where it
 * is and how much it counts there, and its summary fields. */
typedef struct recent {
	size_t seq;
	uint32_t story;
	float g;          /* scale of its vector in the story's centroid */
	unsigned present; /* feature kinds it has, bit per kind */
	uint64_t person;  /* main person term, or 0 */
	uint64_t src;     /* source hash, or 0 */
	int64_t t;        /* date, or PLX_STORY_NOTIME */
	char *title;      /* or NULL */
	size_t cap_title;
	uint64_t *terms; /* ascending */
	float *w;
	size_t n, cap;
} recent;

typedef struct feat {
	uint64_t term;
	float w;        /* tf, then weight */
	uint32_t df;    /* document frequency */
	uint32_t prior; /* document frequency in the prior table */
} feat;

void plx_story_params_default(plx_story_params *p)
{
	p->threshold = 0.25;
	p->window_days = 3.0;
	p->window_articles = 0;
	p->title_boost = 2.0;
	p->entity_weight = 2.0;
	p->number_weight = 1.0;
	p->story_terms = 200;
	p->index_terms = 24;
	p->query_terms = 16;
	p->max_postings = 256;
	p->max_candidates = 24;
	p->max_df = 0.05;
	p->time_penalty = 0.15;
	p->time_bonus = 0.1;
	p->doubtful_band = 0.1;
	p->person_penalty = 0.25;
	p->prior_docs = 30;
	p->prior_names = 1000;
	p->revise_window = 300;
	p->split_pair = 0.4;
	p->split_rest = 0.3;
}

int plx_stories_new(const plx_story_params *params, plx_stories **out)
{
	*out = NULL;
	plx_stories *s = plx_calloc(1, sizeof *s);
	if (!s)
		return PLX_ENOMEM;
	if (params)
		s->p = *params;
	else
		plx_story_params_default(&s->p);
	if (!(s->p.threshold >= 0) || s->p.story_terms < 1 ||
	    s->p.story_terms > PLX_TERMS_MAX ||
	    s->p.index_terms > PLX_TERMS_MAX ||
	    s->p.query_terms > PLX_TERMS_MAX ||
	    s->p.max_candidates > PLX_TERMS_MAX || s->p.max_candidates < 1 ||
	    !(s->p.window_days >= 0) ||
	    !(s->p.time_penalty >= 0 && s->p.time_penalty <= 1) ||
	    !(s->p.time_bonus >= 0 && s->p.time_bonus <= 1) ||
	    !(s->p.doubtful_band >= 0) ||
	    !(s->p.person_penalty >= 0 && s->p.person_penalty <= 1) ||
	    !(s->p.prior_docs >= 0) || !(s->p.prior_names >= 0) ||
	    s->p.revise_window > PLX_TERMS_MAX || !(s->p.split_pair >= 0) ||
	    !(s->p.split_rest >= 0)) {
		plx_free(s);
		return PLX_EINVAL;
	}
	s->clock = PLX_STORY_NOTIME;
	int rc = plx_story_store_mem_new(PLX_MAX_POSTED, &s->store);
	if (rc) {
		plx_free(s);
		return rc;
	}
	s->stemmer = sb_stemmer_new("english", "UTF_8");
	if (!s->stemmer) {
		plx_stories_free(s);
		return PLX_ENOMEM;
	}
	*out = s;
	return PLX_OK;
}

void plx_stories_free(plx_stories *s)
{
	if (!s)
		return;
	if (s->store)
		s->store->vt->free(s->store);
	if (s->stemmer)
		sb_stemmer_delete(s->stemmer);
	plx_story_scratch_free(s->own);
	plx_free(s->f);
	plx_free(s->terms);
	plx_free(s->df);
	plx_free(s->qw);
	plx_free(s->cand);
	plx_free(s->tmp);
	plx_free(s->q);
	plx_free(s->mt);
	plx_free(s->mw);
	for (size_t i = 0; s->ring && i < s->p.revise_window; i++) {
		plx_free(s->ring[i].terms);
		plx_free(s->ring[i].w);
		plx_free(s->ring[i].title);
	}
	plx_free(s->ring);
	plx_free(s->moves);
	plx_free(s->rs);
	plx_free(s->csim);
	plx_free(s->rt);
	plx_free(s->rw);
	plx_free(s->rf);
	plx_free(s);
}

static uint64_t term_of(const char *s, size_t n, unsigned kind)
{
	uint64_t h = XXH3_64bits_withSeed(s, n, kind + 1) & ~(uint64_t)3;
	if (!h)
		h = 4;
	return h | kind;
}

/* Fills prior_tab from the built-in table (pthread_once), if it fits. */
static void prior_build(void)
{
	if (5 * (2 * plx_df_n_words + plx_df_n_names) > 2 * PLX_PRIOR_SLOTS)
		return;
	for (unsigned k = 0; k < PLX_FEAT_KINDS; k++) {
		if (k == PLX_FEAT_TIME)
			continue;
		const plx_df_entry *t =
			k == PLX_FEAT_ENTITY ? plx_df_names : plx_df_words;
		size_t n =
			k == PLX_FEAT_ENTITY ? plx_df_n_names : plx_df_n_words;
		for (size_t i = 0; i < n; i++) {
			uint64_t term =
				term_of(t[i].term, strlen(t[i].term), k);
			size_t j = (term >> 2) & (PLX_PRIOR_SLOTS - 1);
			while (prior_tab[j].term && prior_tab[j].term != term)
				j = (j + 1) & (PLX_PRIOR_SLOTS - 1);
			prior_tab[j].term = term;
			prior_tab[j].df = t[i].df;
		}
	}
	prior_hashed = 1;
}

uint32_t plx_story_prior(unsigned kind, const char *str, size_t len)
{
	if (kind == PLX_FEAT_TIME)
		return 0;
	pthread_once(&prior_once, prior_build);
	if (!prior_hashed)
		return plx_df_lookup(kind == PLX_FEAT_ENTITY, str, len);
	uint64_t term = term_of(str, len, kind);
	size_t j = (term >> 2) & (PLX_PRIOR_SLOTS - 1);
	for (; prior_tab[j].term; j = (j + 1) & (PLX_PRIOR_SLOTS - 1))
		if (prior_tab[j].term == term)
			return prior_tab[j].df;
	return 0;
}

/* ---- The story terms of an article (an analysis stage) ------------------ */

/* Prior lookups cached per scratch, direct-mapped by term (the table is
 * too big for the cache of a core; most terms are frequent ones). */
#define PLX_PRIOR_CACHE 8192

struct plx_story_scratch {
	prior_slot cache[PLX_PRIOR_CACHE];
	plx_u64map seen; /* term -> index in t, while an article is read */
	plx_story_term *t;
	size_t n, cap;
	int rehashed; /* seen was grown (or not filled) by the last article */
	uint64_t main_person;
	struct sb_stemmer *stemmer; /* borrowed, for the record title */
};

void plx_story_scratch_free(plx_story_scratch *sc)
{
	if (!sc)
		return;
	plx_u64map_free(&sc->seen);
	plx_free(sc->t);
	plx_free(sc);
}

/* Counts tf more of a term in the article being read, in its title or
 * not (one entry per distinct term, found through a hash map instead of
 * sorting every occurrence). */
static int count_term(plx_story_scratch *sc, const char *str, size_t len,
		      unsigned kind, int title, float tf)
{
	uint64_t term = term_of(str, len, kind);
	if (plx_grow((void **)&sc->t, &sc->cap, sc->n + 1, sizeof *sc->t))
		return PLX_ENOMEM;
	uint32_t *at = plx_u64map_put(&sc->seen, term, (uint32_t)sc->n);
	if (!at)
		return PLX_ENOMEM;
	plx_story_term *x = &sc->t[*at];
	if (*at == sc->n) {
		x->term = term;
		x->tf = x->title_tf = 0;
		x->prior = 0;
		if (kind != PLX_FEAT_TIME) {
			prior_slot *c =
				&sc->cache[(term >> 2) & (PLX_PRIOR_CACHE - 1)];
			if (c->term != term) {
				c->term = term;
				c->df = plx_story_prior(kind, str, len);
			}
			x->prior = c->df;
		}
		sc->n++;
	}
	if (title)
		x->title_tf += tf;
	else
		x->tf += tf;
	return PLX_OK;
}

/* Stop words for record titles (the segmenter flags those of the text), in
 * strcmp order: plx_title_words binary-searches them. */
static const char *const TITLE_STOP[] = {
	"a",    "about", "after", "all",  "also", "an",    "and",  "are",
	"as",   "at",    "be",    "been", "but",  "by",    "for",  "from",
	"has",  "have",  "he",    "her",  "his",  "in",    "into", "is",
	"it",   "its",   "new",   "not",  "of",   "on",    "or",   "over",
	"says", "she",   "than",  "that", "the",  "their", "they", "this",
	"to",   "up",    "was",   "were", "what", "who",   "will", "with"};

static int title_word(void *ud, const char *w, size_t n, int number)
{
	return count_term(ud, w, n, number ? PLX_FEAT_NUMBER : PLX_FEAT_WORD, 1,
			  1.0f);
}

/* Words and numbers of the record's title, which is not in the text. */
static int title_terms(plx_story_scratch *sc, const char *title)
{
	return plx_title_words(title, sc->stemmer, TITLE_STOP,
			       sizeof TITLE_STOP / sizeof *TITLE_STOP,
			       PLX_TITLE_WORD_MAX, title_word, sc);
}

static inline int feat_term_less(const feat *x, const feat *y)
{
	return x->term < y->term;
}

/* Weight descending, then term: a strict order. */
static inline int feat_weight_less(const feat *x, const feat *y)
{
	if (x->w != y->w)
		return x->w > y->w;
	return x->term < y->term;
}

PLX_DEFINE_SORT(sort_by_term, feat, feat_term_less)
PLX_DEFINE_SORT(sort_by_weight, feat, feat_weight_less)

/* Moves the k strongest of a[0..n) (feat_weight_less order) to a[0..k),
 * in no particular order: quickselect, expected O(n). */
static void select_strongest(feat *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n;
	while (k > lo && k < hi && hi - lo > 16) {
		size_t mid = lo + (hi - lo) / 2;
		feat t;
		if (feat_weight_less(&a[mid], &a[lo])) {
			t = a[mid];
			a[mid] = a[lo];
			a[lo] = t;
		}
		if (feat_weight_less(&a[hi - 1], &a[mid])) {
			t = a[hi - 1];
			a[hi - 1] = a[mid];
			a[mid] = t;
			if (feat_weight_less(&a[mid], &a[lo])) {
				t = a[mid];
				a[mid] = a[lo];
				a[lo] = t;
			}
		}
		feat pv = a[mid];
		size_t i = lo, j = hi - 1;
		for (;;) {
			while (feat_weight_less(&a[i], &pv))
				i++;
			while (feat_weight_less(&pv, &a[j]))
				j--;
			if (i >= j)
				break;
			t = a[i];
			a[i] = a[j];
			a[j] = t;
			i++;
			j--;
		}
		if (k <= j + 1)
			hi = j + 1;
		else
			lo = j + 1;
	}
	if (k > lo && k < hi)
		sort_by_weight(a + lo, hi - lo);
}

/* The time term of a token: a capitalised weekday name, or NULL.  Month
 * names and years were read too until 23 Nov: on ECB+ the test was worth
 * more without them (docs/stories.md, fifth round): two events of a kind
 * are often in the same month or year, while the articles of one event
 * name the same day. */
static const char *time_word(const plx_token *t)
{
	static const char *const DAYS[] = {"monday",   "tuesday", "wednesday",
					   "thursday", "friday",  "saturday",
					   "sunday"};
	if ((t->flags & (PLX_TOK_UPPER | PLX_TOK_WORD)) !=
		    (PLX_TOK_UPPER | PLX_TOK_WORD) ||
	    !strstr(t->norm, "day"))
		return NULL;
	for (size_t i = 0; i < sizeof DAYS / sizeof *DAYS; i++)
		if (strcmp(t->norm, DAYS[i]) == 0)
			return DAYS[i];
	return NULL;
}

/* The surname term of the person the entity stage found most often (the
 * first of a tie), if named at least PLX_MAIN_PERSON_MENTIONS times; 0 if
 * none.  Its term is the entity feature of the capitalised surname, which
 * every article naming the person has. */
static uint64_t main_person(const plx_entity *ents, size_t ne)
{
	uint64_t term = 0;
	size_t most = PLX_MAIN_PERSON_MENTIONS - 1;
	for (size_t i = 0; i < ne; i++)
		if (ents[i].type == PLX_ENT_PERSON && ents[i].key &&
		    ents[i].key[0] && ents[i].n_mentions > most) {
			most = ents[i].n_mentions;
			const char *sp = strrchr(ents[i].key, ' ');
			sp = sp ? sp + 1 : ents[i].key;
			term = term_of(sp, strlen(sp), PLX_FEAT_ENTITY);
		}
	return term;
}

/* Counts the story terms of art into sc. */
static int count_terms(plx_story_scratch *sc, const plx_article *art)
{
	if (sc->seen.cap > PLX_SEEN_KEEP) { /* after a huge article */
		plx_u64map_free(&sc->seen);
	} else if (sc->seen.n && sc->rehashed) {
		memset(sc->seen.keys, 0, sc->seen.cap * sizeof *sc->seen.keys);
	} else {
		/* The last article's terms, newest first: with linear probing
		 * a key's probe path holds only keys inserted before it, so
		 * each is found and cleared without touching the whole map
		 * (the map fits the longest article; most are far shorter). */
		for (size_t i = sc->n; i-- > 0;) {
			uint32_t *v = plx_u64map_find(&sc->seen, sc->t[i].term);
			if (!v) { /* cannot happen; stay correct if it does */
				memset(sc->seen.keys, 0,
				       sc->seen.cap * sizeof *sc->seen.keys);
				break;
			}
			sc->seen.keys[v - sc->seen.vals] = 0;
		}
	}
	sc->seen.n = 0;
	sc->n = 0;
	size_t cap0 = sc->seen.cap;
	sc->rehashed = 1; /* until the article is read through */
	int rc = PLX_OK;
	size_t np, ns, nt, ne;
	const plx_paragraph *paras = plx_article_paragraphs(art, &np);
	const plx_sentence *sents = plx_article_sentences(art, &ns);
	const plx_token *toks = plx_article_tokens(art, &nt);
	const plx_entity *ents = plx_article_entities(art, &ne);
	int has_title_para = 0;
	for (size_t i = 0; i < np && !rc; i++) {
		const plx_paragraph *p = &paras[i];
		if (p->kind != PLX_PARA_BODY && p->kind != PLX_PARA_TITLE)
			continue;
		int title = p->kind == PLX_PARA_TITLE;
		has_title_para |= title;
		for (size_t j = p->first_sentence;
		     j < p->first_sentence + p->n_sentences && j < ns && !rc;
		     j++)
			for (size_t k = sents[j].first_token;
			     k < sents[j].first_token + sents[j].n_tokens &&
			     k < nt && !rc;
			     k++) {
				const plx_token *t = &toks[k];
				/* Weekday names, for the time test. */
				const char *tw = time_word(t);
				if (tw &&
				    (rc = count_term(sc, tw, strlen(tw),
						     PLX_FEAT_TIME, 0, 1.0f)))
					break;
				if (t->flags & PLX_TOK_STOP)
					continue;
				/* A capitalised word inside a body sentence is
				 * (part of) a name: an entity feature too,
				 * which does not depend on the entity stage's
				 * segmentation of the name. */
				size_t len = strlen(t->norm);
				if (!title && k > sents[j].first_token &&
				    (t->flags &
				     (PLX_TOK_UPPER | PLX_TOK_WORD)) ==
					    (PLX_TOK_UPPER | PLX_TOK_WORD) &&
				    (rc = count_term(sc, t->norm, len,
						     PLX_FEAT_ENTITY, 0, 1.0f)))
					break;
				if (t->flags & PLX_TOK_NUMBER)
					rc = count_term(sc, t->norm, len,
							PLX_FEAT_NUMBER, title,
							1.0f);
				else if ((t->flags & PLX_TOK_WORD) &&
					 t->stem[0] && t->stem[1])
					rc = count_term(
						sc, t->stem, strlen(t->stem),
						PLX_FEAT_WORD, title, 1.0f);
			}
	}
	sc->main_person = main_person(ents, ne);
	const char *title = plx_article_title(art);
	if (!rc && title && !has_title_para)
		rc = title_terms(sc, title);
	for (size_t i = 0; i < ne && !rc; i++)
		if (ents[i].key && ents[i].key[0])
			rc = count_term(sc, ents[i].key, strlen(ents[i].key),
					PLX_FEAT_ENTITY, 0,
					(float)(ents[i].n_mentions
							? ents[i].n_mentions
							: 1));
	sc->rehashed = rc != 0 || sc->seen.cap != cap0;
	return rc;
}

int plx_story_terms(plx_analyzer *an, plx_article *art)
{
	if (an->skip & PLX_SKIP_STORY_TERMS)
		return PLX_OK;
	if (!an->story && !(an->story = plx_calloc(1, sizeof *an->story)))
		return PLX_ENOMEM;
	plx_story_scratch *sc = an->story;
	sc->stemmer = an->stemmer;
	int rc = count_terms(sc, art);
	if (rc)
		return rc;
	if (sc->n && !(art->sterms = plx_malloc(sc->n * sizeof *art->sterms)))
		return PLX_ENOMEM;
	if (sc->n)
		memcpy(art->sterms, sc->t, sc->n * sizeof *art->sterms);
	art->n_sterms = sc->n;
	art->main_person = sc->main_person;
	art->has_sterms = 1;
	return PLX_OK;
}

/* Builds the article's weighted, per-kind normalised vector in s->f,
 * sorted by term, and counts its terms in the document frequencies. */
static int article_vector(plx_stories *s, const plx_article *art)
{
	const plx_story_term *rt = art->sterms;
	size_t nr = art->n_sterms;
	uint64_t person = art->main_person;
	if (!art->has_sterms) { /* analysed without the stage */
		if (!s->own && !(s->own = plx_calloc(1, sizeof *s->own)))
			return PLX_ENOMEM;
		s->own->stemmer = s->stemmer;
		int rc = count_terms(s->own, art);
		if (rc)
			return rc;
		rt = s->own->t;
		nr = s->own->n;
		person = s->own->main_person;
	}
	s->main_person = s->p.person_penalty > 0 ? person : 0;
	if (plx_grow((void **)&s->f, &s->cap_f, nr + 1, sizeof *s->f))
		return PLX_ENOMEM;
	s->n_f = 0;
	for (size_t i = 0; i < nr; i++) {
		/* Time terms only serve the time test. */
		if (PLX_FEAT_KIND(rt[i].term) == PLX_FEAT_TIME &&
		    !(s->p.time_penalty > 0 || s->p.time_bonus > 0))
			continue;
		feat *f = &s->f[s->n_f++];
		f->term = rt[i].term;
		f->w = rt[i].tf + (float)s->p.title_boost * rt[i].title_tf;
		f->prior = rt[i].prior;
		f->df = 0;
	}
	int rc;
	size_t n = s->n_f; /* distinct terms, in order of first occurrence */
	if (plx_grow((void **)&s->terms, &s->cap_terms, n + 1,
		     sizeof *s->terms))
		return PLX_ENOMEM;
	size_t cap = s->cap_terms;
	void *a = plx_realloc(s->df, cap * sizeof *s->df);
	if (!a)
		return PLX_ENOMEM;
	s->df = a;
	if (!(a = plx_realloc(s->qw, cap * sizeof *s->qw)))
		return PLX_ENOMEM;
	s->qw = a;
	for (size_t i = 0; i < n; i++)
		s->terms[i] = s->f[i].term;
	uint64_t n_docs;
	if ((rc = s->store->vt->df_add(s->store, s->terms, n, s->df, &n_docs)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		/* Blend with the prior table's idf, which counts as m
		 * documents: its share m / (m + N) fades as the stream
		 * grows. */
		unsigned kind = PLX_FEAT_KIND(s->f[i].term);
		double m = kind == PLX_FEAT_ENTITY ? s->p.prior_names
			   : kind == PLX_FEAT_TIME ? 0
						   : s->p.prior_docs;
		double idf = log((1.0 + (double)n_docs) / (1.0 + s->df[i])) + 1;
		if (plx_df_docs && m > 0) {
			double wp = m / (m + (double)n_docs);
			double ip = log((1.0 + plx_df_docs) /
					(1.0 + s->f[i].prior)) +
				    1;
			idf = wp * ip + (1 - wp) * idf;
		}
		s->f[i].df = s->df[i];
		s->f[i].w = (float)((1 + log(s->f[i].w)) * idf);
	}

	/* Keep each kind's strongest terms (grouped by kind, then a
	 * selection per kind: no full sort), normalise each kind. */
	static const size_t keep[PLX_FEAT_KINDS] = {
		PLX_ART_WORDS, PLX_ART_ENTITIES, PLX_ART_NUMBERS,
		PLX_ART_TIMES};
	size_t o = 0;
	for (unsigned k = 0; k < PLX_FEAT_KINDS; k++) {
		size_t first = o;
		for (size_t i = o; i < n; i++)
			if (PLX_FEAT_KIND(s->f[i].term) == k) {
				feat t = s->f[o];
				s->f[o++] = s->f[i];
				s->f[i] = t;
			}
		if (o - first > keep[k]) {
			select_strongest(s->f + first, o - first, keep[k]);
			/* Drop the rest: move the next kinds' terms down. */
			memmove(s->f + first + keep[k], s->f + o,
				(n - o) * sizeof *s->f);
			n -= o - first - keep[k];
			o = first + keep[k];
		}
	}
	n = s->n_f = o;
	if (n)
		sort_by_term(s->f, n);
	double norm[PLX_FEAT_KINDS] = {0};
	for (size_t i = 0; i < n; i++)
		norm[PLX_FEAT_KIND(s->f[i].term)] +=
			(double)s->f[i].w * s->f[i].w;
	for (size_t i = 0; i < n; i++)
		s->f[i].w /= (float)sqrt(norm[PLX_FEAT_KIND(s->f[i].term)]);
	return PLX_OK;
}

static double lambda(const plx_stories *s, unsigned kind)
{
	return kind == PLX_FEAT_WORD     ? 1.0
	       : kind == PLX_FEAT_ENTITY ? s->p.entity_weight
	       : kind == PLX_FEAT_NUMBER ? s->p.number_weight
					 : 0.0; /* time: agreement only */
}

/* Fills the article's term table from s->f. */
static void article_table(plx_stories *s)
{
	for (size_t i = 0; i < s->n_used; i++)
		s->ak[s->used[i]] = 0;
	s->n_used = 0;
	for (size_t i = 0; i < s->n_f; i++) {
		size_t j = (s->f[i].term >> 2) & (PLX_ART_SLOTS - 1);
		while (s->ak[j])
			j = (j + 1) & (PLX_ART_SLOTS - 1);
		s->ak[j] = s->f[i].term;
		s->aw[j] = s->f[i].w;
		s->used[s->n_used++] = (uint16_t)j;
	}
}

/* Similarity of the article vector (s->f, s->ak) and a story centroid. */
static double similarity(const plx_stories *s, const double *present,
			 const plx_story_state *c)
{
	/* The centroid's terms looked up in the article's table (in term
	 * order, so the sums are those of a merge join); this is the
	 * clusterer's inner loop. */
	double dot[PLX_FEAT_KINDS] = {0};
	int person = 0;
	for (size_t j = 0; j < c->n_terms; j++) {
		uint64_t b = c->terms[j];
		size_t h = (b >> 2) & (PLX_ART_SLOTS - 1);
		for (; s->ak[h]; h = (h + 1) & (PLX_ART_SLOTS - 1))
			if (s->ak[h] == b) {
				dot[PLX_FEAT_KIND(b)] +=
					(double)s->aw[h] * c->w[j];
				break;
			}
		person |= b == s->main_person;
	}
	double num = 0, den = 0;
	for (unsigned k = 0; k < PLX_FEAT_KINDS; k++) {
		if (!present[k])
			continue;
		den += lambda(s, k);
		if (c->norm[k] > 0)
			num += lambda(s, k) * dot[k] / c->norm[k];
	}
	double sim = den > 0 ? num / den : 0;
	/* Two events of one kind told apart: different days named, or
	 * the article's main person absent from the story; the same day
	 * named counts for the story. */
	if (present[PLX_FEAT_TIME] && c->norm[PLX_FEAT_TIME] > 0)
		sim *= dot[PLX_FEAT_TIME] > 0 ? 1 + s->p.time_bonus
					      : 1 - s->p.time_penalty;
	if (s->main_person && !person)
		sim *= 1 - s->p.person_penalty;
	return sim;
}

/* Strongest terms of a vector (weights scaled by lambda) into out. */
static size_t top_terms(const plx_stories *s, const uint64_t *terms,
			const float *w, size_t n, size_t k, feat *tmp,
			uint64_t *out)
{
	size_t m = 0; /* time terms neither look up nor index */
	for (size_t i = 0; i < n; i++) {
		if (PLX_FEAT_KIND(terms[i]) == PLX_FEAT_TIME)
			continue;
		tmp[m].term = terms[i];
		tmp[m++].w = w[i] * (float)lambda(s, PLX_FEAT_KIND(terms[i]));
	}
	n = m;
	size_t got = k < n ? k : n;
	select_strongest(tmp, n, got);
	sort_by_weight(tmp, got);
	for (size_t i = 0; i < got; i++)
		out[i] = tmp[i].term;
	return got;
}

/* Grows a term array and its weight array together to hold n (cap says
 * how many they hold). */
static int grow_terms(uint64_t **t, float **w, size_t *cap, size_t n)
{
	if (n <= *cap)
		return PLX_OK;
	uint64_t *nt = plx_realloc(*t, n * sizeof *nt);
	if (!nt)
		return PLX_ENOMEM;
	*t = nt;
	float *nw = plx_realloc(*w, n * sizeof *nw);
	if (!nw)
		return PLX_ENOMEM;
	*w = nw;
	*cap = n;
	return PLX_OK;
}

/* The per-kind Euclidean norms of a term vector. */
static void vec_norm(const uint64_t *t, const float *w, size_t n, float *norm)
{
	double nn[PLX_FEAT_KINDS] = {0};
	for (size_t k = 0; k < n; k++)
		nn[PLX_FEAT_KIND(t[k])] += (double)w[k] * w[k];
	for (unsigned k = 0; k < PLX_FEAT_KINDS; k++)
		norm[k] = (float)sqrt(nn[k]);
}

/* Makes the o merged terms in s->mt/s->mw story c's centroid: the
 * story_terms strongest (ties by term), in term order, and their norms.
 * tmp has room for o features. */
static int centroid_keep(plx_stories *s, plx_story_state *c, size_t o,
			 feat *tmp)
{
	size_t keep = o < s->p.story_terms ? o : s->p.story_terms;
	if (grow_terms(&c->terms, &c->w, &c->cap_terms, keep))
		return PLX_ENOMEM;
	if (o > keep) {
		/* Threshold: the keep-th largest weight; ties by term. */
		for (size_t k = 0; k < o; k++) {
			tmp[k].term = s->mt[k];
			tmp[k].w = s->mw[k];
		}
		select_strongest(tmp, o, keep);
		feat cut = tmp[0]; /* the weakest kept */
		for (size_t k = 1; k < keep; k++)
			if (feat_weight_less(&cut, &tmp[k]))
				cut = tmp[k];
		/* The merged terms are in term order already: filter them. */
		size_t m = 0;
		for (size_t k = 0; k < o && m < keep; k++) {
			feat x = {s->mt[k], s->mw[k], 0, 0};
			if (!feat_weight_less(&cut, &x)) {
				c->terms[m] = x.term;
				c->w[m++] = x.w;
			}
		}
	} else if (o) { /* with no terms, the arrays may be NULL */
		memcpy(c->terms, s->mt, o * sizeof *c->terms);
		memcpy(c->w, s->mw, o * sizeof *c->w);
	}
	c->n_terms = keep;
	vec_norm(c->terms, c->w, keep, c->norm);
	return PLX_OK;
}

/* Adds the article vector to story c's centroid and truncates it. */
static int centroid_add(plx_stories *s, plx_story_state *c)
{
	size_t need = c->n_terms + s->n_f;
	if (grow_terms(&s->mt, &s->mw, &s->cap_m, need))
		return PLX_ENOMEM;
	size_t i = 0, j = 0, o = 0;
	while (i < s->n_f || j < c->n_terms) {
		if (j >= c->n_terms ||
		    (i < s->n_f && s->f[i].term < c->terms[j])) {
			s->mt[o] = s->f[i].term;
			s->mw[o++] = s->f[i++].w;
		} else if (i >= s->n_f || c->terms[j] < s->f[i].term) {
			s->mt[o] = c->terms[j];
			s->mw[o++] = c->w[j++];
		} else {
			s->mt[o] = c->terms[j];
			s->mw[o++] = c->w[j++] + s->f[i++].w;
		}
	}
	return centroid_keep(s, c, o, s->tmp);
}

static uint64_t source_hash(const char *src)
{
	return src && src[0] ? XXH3_64bits(src, strlen(src)) | 1 : 0;
}

/* Where source hash h is or goes in the story's sorted set. */
static size_t source_find(const plx_story_state *c, uint64_t h)
{
	size_t lo = 0, hi = c->n_sources;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->sources[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Counts one more member from source h (0: none). */
static int source_in(plx_story_state *c, uint64_t h)
{
	if (!h)
		return PLX_OK;
	size_t lo = source_find(c, h);
	if (lo < c->n_sources && c->sources[lo] == h) {
		c->source_n[lo]++;
		return PLX_OK;
	}
	size_t cap = c->cap_sources;
	if (plx_grow((void **)&c->sources, &cap, c->n_sources + 1,
		     sizeof *c->sources))
		return PLX_ENOMEM;
	void *a = plx_realloc(c->source_n, cap * sizeof *c->source_n);
	if (!a)
		return PLX_ENOMEM; /* sources grew: harmless */
	c->source_n = a;
	c->cap_sources = cap;
	memmove(c->sources + lo + 1, c->sources + lo,
		(c->n_sources - lo) * sizeof *c->sources);
	memmove(c->source_n + lo + 1, c->source_n + lo,
		(c->n_sources - lo) * sizeof *c->source_n);
	c->sources[lo] = h;
	c->source_n[lo] = 1;
	c->n_sources++;
	return PLX_OK;
}

/* One member from source h fewer. */
static void source_out(plx_story_state *c, uint64_t h)
{
	size_t lo = h ? source_find(c, h) : c->n_sources;
	if (lo >= c->n_sources || c->sources[lo] != h || --c->source_n[lo])
		return;
	memmove(c->sources + lo, c->sources + lo + 1,
		(c->n_sources - lo - 1) * sizeof *c->sources);
	memmove(c->source_n + lo, c->source_n + lo + 1,
		(c->n_sources - lo - 1) * sizeof *c->source_n);
	c->n_sources--;
}

/* Records a member in the story's summary (not its centroid). */
static int member_in(plx_story_state *c, size_t seq, int64_t t,
		     const char *title, uint64_t src)
{
	/* What allocates first: a failure changes nothing. */
	if (!c->headline && title && title[0]) {
		c->headline = plx_strndup(title, strlen(title));
		if (!c->headline)
			return PLX_ENOMEM;
	}
	int rc = source_in(c, src);
	if (rc)
		return rc;
	if (!c->n_articles || seq < c->first_seq)
		c->first_seq = seq;
	if (!c->n_articles || seq > c->last_seq)
		c->last_seq = seq;
	c->n_articles++;
	if (t != PLX_STORY_NOTIME) {
		if (c->first_time == PLX_STORY_NOTIME || t < c->first_time)
			c->first_time = t;
		if (c->last_time == PLX_STORY_NOTIME || t > c->last_time)
			c->last_time = t;
	}
	return PLX_OK;
}

/* Records the article in the story's summary. */
static int add_member(plx_stories *s, plx_story_state *c,
		      const plx_article *art, int64_t t, size_t seq)
{
	c->touch_time = s->clock;
	c->touch_seq = seq;
	return member_in(c, seq, t, plx_article_title(art),
			 source_hash(plx_article_source(art)));
}

/* A doubtful join, scoring below threshold + doubtful_band, counts for
 * less in the story's centroid: the article vector is scaled by (score -
 * threshold) / doubtful_band, so that the followers of a wrong join (the
 * first article of a second same-kind event) are not drawn in by its
 * terms.  Returns the scale (0: the centroid is left as it is). */
static float doubt_scale(plx_stories *s, double score)
{
	double band = s->p.doubtful_band;
	if (!(band > 0) || score >= s->p.threshold + band)
		return 1;
	float g = (float)((score - s->p.threshold) / band);
	if (g > 0)
		for (size_t i = 0; i < s->n_f; i++)
			s->f[i].w *= g;
	return g;
}

/* ---- Revision: a young assignment moved when later articles show it
 * fits another story better (docs/stories.md, "Revision"). ---- */

/* similarity() for a recent article a and a centroid (ct, cw, cn) with
 * its norms: the same sum and tests, by a merge join. */
static double recent_sim(const plx_stories *s, const recent *a,
			 const uint64_t *ct, const float *cw, size_t cn,
			 const float *cnorm)
{
	double dot[PLX_FEAT_KINDS] = {0};
	int person = 0;
	for (size_t i = 0, j = 0; i < a->n && j < cn;) {
		if (a->terms[i] < ct[j])
			i++;
		else if (ct[j] < a->terms[i])
			j++;
		else {
			dot[PLX_FEAT_KIND(ct[j])] += (double)a->w[i] * cw[j];
			i++;
			j++;
		}
	}
	if (a->person) { /* binary search: the centroid is in term order */
		size_t lo = 0, hi = cn;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (ct[mid] < a->person)
				lo = mid + 1;
			else
				hi = mid;
		}
		person = lo < cn && ct[lo] == a->person;
	}
	double num = 0, den = 0;
	for (unsigned k = 0; k < PLX_FEAT_KINDS; k++) {
		if (!(a->present >> k & 1))
			continue;
		den += lambda(s, k);
		if (cnorm[k] > 0)
			num += lambda(s, k) * dot[k] / cnorm[k];
	}
	double sim = den > 0 ? num / den : 0;
	if ((a->present >> PLX_FEAT_TIME & 1) && cnorm[PLX_FEAT_TIME] > 0)
		sim *= dot[PLX_FEAT_TIME] > 0 ? 1 + s->p.time_bonus
					      : 1 - s->p.time_penalty;
	if (a->person && !person)
		sim *= 1 - s->p.person_penalty;
	return sim;
}

/* Similarities of a and b (NULL: none) to story c less the contributions
 * of its members a1 and a2 (NULL: none), the leave-out centroid built in
 * s->rt/rw. */
static int sim_without(plx_stories *s, const recent *a, const recent *b,
		       const plx_story_state *c, const recent *a1,
		       const recent *a2, double *sa, double *sb)
{
	if (plx_grow((void **)&s->rt, &s->cap_r, c->n_terms + 1, sizeof *s->rt))
		return PLX_ENOMEM;
	void *p = plx_realloc(s->rw, s->cap_r * sizeof *s->rw);
	if (!p)
		return PLX_ENOMEM;
	s->rw = p;
	size_t i1 = 0, i2 = 0, o = 0;
	for (size_t j = 0; j < c->n_terms; j++) {
		uint64_t t = c->terms[j];
		double w = c->w[j];
		while (a1 && i1 < a1->n && a1->terms[i1] < t)
			i1++;
		if (a1 && i1 < a1->n && a1->terms[i1] == t)
			w -= (double)a1->g * a1->w[i1];
		while (a2 && i2 < a2->n && a2->terms[i2] < t)
			i2++;
		if (a2 && i2 < a2->n && a2->terms[i2] == t)
			w -= (double)a2->g * a2->w[i2];
		if (w > 1e-6) {
			s->rt[o] = t;
			s->rw[o++] = (float)w;
		}
	}
	float norm[PLX_FEAT_KINDS];
	vec_norm(s->rt, s->rw, o, norm);
	*sa = recent_sim(s, a, s->rt, s->rw, o, norm);
	if (b)
		*sb = recent_sim(s, b, s->rt, s->rw, o, norm);
	return PLX_OK;
}

/* Adds g times a's vector to c's centroid (g < 0: takes it out), then
 * truncates it to story_terms as centroid_add does. */
static int centroid_apply(plx_stories *s, plx_story_state *c, const recent *a,
			  float g)
{
	size_t need = c->n_terms + a->n + 1;
	if (grow_terms(&s->mt, &s->mw, &s->cap_m, need))
		return PLX_ENOMEM;
	if (plx_grow((void **)&s->rf, &s->cap_rf, need, sizeof *s->rf))
		return PLX_ENOMEM;
	size_t i = 0, j = 0, o = 0;
	while (i < a->n || j < c->n_terms) {
		uint64_t t;
		float w;
		if (j >= c->n_terms ||
		    (i < a->n && a->terms[i] < c->terms[j])) {
			t = a->terms[i];
			w = g * a->w[i++];
		} else if (i >= a->n || c->terms[j] < a->terms[i]) {
			t = c->terms[j];
			w = c->w[j++];
		} else {
			t = c->terms[j];
			w = c->w[j++] + g * a->w[i++];
		}
		if (w > 1e-6f) {
			s->mt[o] = t;
			s->mw[o++] = w;
		}
	}
	return centroid_keep(s, c, o, s->rf);
}

/* Writes a story back, posted under its strongest terms. */
static int story_put(plx_stories *s, plx_story_state *c)
{
	size_t k = top_terms(s, c->terms, c->w, c->n_terms, s->p.index_terms,
			     s->tmp, s->q);
	return s->store->vt->put(s->store, c, s->q, k);
}

/* The scale an article joining at this score gets (doubt_scale's). */
static float join_scale(const plx_stories *s, double score)
{
	double band = s->p.doubtful_band;
	if (!(band > 0) || score >= s->p.threshold + band)
		return 1;
	float g = (float)((score - s->p.threshold) / band);
	return g > 0 ? g : 0;
}

/* Moves recent article a from its story to story `to` (PLX_STORY_NONE: a
 * new one, which a opens), joining at score; both stories are touched at
 * input number seq.  Reported unless a is the article being added. */
static int move(plx_stories *s, recent *a, uint32_t to, double score,
		size_t seq, int report)
{
	plx_story_store *st = s->store;
	plx_story_state *c;
	uint32_t from = a->story;
	size_t slot = a->seq % s->p.revise_window;
	float g = to == PLX_STORY_NONE ? 1 : join_scale(s, score);
	int rc;
	if (report && plx_grow((void **)&s->moves, &s->cap_moves,
			       s->n_moves + 1, sizeof *s->moves))
		return PLX_ENOMEM;
	/* The new story first: until its centroid takes the article (each
	 * step allocates before it changes anything), a failure leaves the
	 * article where it was (a new story may stay empty). */
	rc = to == PLX_STORY_NONE ? st->vt->create(st, &c)
				  : st->vt->get(st, to, &c);
	if (rc || (g > 0 && (rc = centroid_apply(s, c, a, g))))
		return rc;
	c->touch_time = s->clock;
	c->touch_seq = seq;
	uint32_t id = c->id;
	if ((rc = member_in(c, a->seq, a->t, a->title, a->src)) ||
	    (rc = st->vt->get(st, from, &c)) ||
	    (a->g > 0 && (rc = centroid_apply(s, c, a, -a->g)))) {
		s->rs[slot] = PLX_STORY_NONE; /* half moved: leave it be */
		return rc;
	}
	c->n_articles--;
	source_out(c, a->src);
	c->touch_time = s->clock;
	c->touch_seq = seq;
	a->story = id;
	a->g = g;
	/* The opener of a story never moves (the story keeps one member). */
	s->rs[slot] = to == PLX_STORY_NONE ? PLX_STORY_NONE : id;
	if (report)
		s->moves[s->n_moves++] =
			(plx_story_move){a->seq, from, id, score};
	if ((rc = story_put(s, c)) || (rc = st->vt->get(st, id, &c)))
		return rc;
	return story_put(s, c);
}

/* A story revision may take from or add to: active and young. */
static int revisable(plx_stories *s, uint32_t id, plx_story_state **c)
{
	if (s->store->vt->get(s->store, id, c))
		return 0;
	return (*c)->active && (*c)->n_articles <= PLX_REVISE_STORY_MAX;
}

/* After article x (input number seq) was placed.  Two rules, over the
 * recent articles of small stories only (at most revise_window of them):
 * - x opened a story: a recent member of one of x's candidate stories
 *   moves to x's when it scores there >= threshold and better than
 *   against its own story without it;
 * - x joined a story A: when x and a recent member m of A score >=
 *   split_pair together and each <= split_rest against A without both,
 *   the two split off into a new story (the best such m). */
static int revise(plx_stories *s, recent *x, int opened, size_t nc, size_t seq)
{
	size_t K = s->p.revise_window;
	size_t first = seq + 1 > K ? seq + 1 - K : 0;
	plx_story_state *c;
	int rc;
	if (opened) {
		uint64_t mask[4] = {0}; /* the near candidates' ids mod 256 */
		size_t near = 0;
		for (size_t i = 0; i < nc; i++)
			if (s->csim[i] >= PLX_REVISE_CAND_MIN) {
				s->cand[near++] = s->cand[i];
				mask[s->cand[i] >> 6 & 3] |=
					1ull << (s->cand[i] & 63);
			}
		for (size_t q = first; near && q < seq; q++) {
			uint32_t id = s->rs[q % K];
			if (id == PLX_STORY_NONE ||
			    !(mask[id >> 6 & 3] >> (id & 63) & 1))
				continue;
			size_t i = 0;
			while (i < near && s->cand[i] != id)
				i++;
			if (i == near || !revisable(s, id, &c) ||
			    c->n_articles < 2)
				continue;
			recent *m = &s->ring[q % K];
			double a, b;
			plx_story_state *cx;
			if ((rc = s->store->vt->get(s->store, x->story, &cx)))
				return rc;
			b = recent_sim(s, m, cx->terms, cx->w, cx->n_terms,
				       cx->norm);
			if (b < s->p.threshold)
				continue;
			if ((rc = s->store->vt->get(s->store, m->story, &c)) ||
			    (rc = sim_without(s, m, NULL, c, m, NULL, &a,
					      NULL)))
				return rc;
			if (b > a && (rc = move(s, m, x->story, b, seq, 1)))
				return rc;
		}
		return PLX_OK;
	}
	if (!revisable(s, x->story, &c) || c->n_articles < 3)
		return PLX_OK;
	recent *best = NULL;
	double best_gap = 0, best_pair = 0;
	for (size_t q = first; q < seq; q++) {
		if (s->rs[q % K] != x->story)
			continue;
		recent *m = &s->ring[q % K];
		/* An article vector has unit norm per kind it has. */
		float norm[PLX_FEAT_KINDS];
		for (unsigned k = 0; k < PLX_FEAT_KINDS; k++)
			norm[k] = (float)(m->present >> k & 1);
		double a, b,
			pair = recent_sim(s, x, m->terms, m->w, m->n, norm);
		if (pair < s->p.split_pair)
			continue;
		if ((rc = s->store->vt->get(s->store, x->story, &c)) ||
		    (rc = sim_without(s, x, m, c, m, x, &a, &b)))
			return rc;
		if (a > s->p.split_rest || b > s->p.split_rest)
			continue;
		double gap = pair - (a > b ? a : b);
		if (gap > best_gap) {
			best = m;
			best_gap = gap;
			best_pair = pair;
		}
	}
	if (!best)
		return PLX_OK;
	if ((rc = move(s, best, PLX_STORY_NONE, best_pair, seq, 1)))
		return rc;
	return move(s, x, best->story, best_pair, seq, 0);
}

/* Keeps article seq's vector and summary fields for revision. */
static int remember(plx_stories *s, const plx_article *art, int64_t t,
		    size_t seq, recent **out)
{
	size_t K = s->p.revise_window;
	*out = NULL;
	if (!s->ring && !(s->ring = plx_calloc(K, sizeof *s->ring)))
		return PLX_ENOMEM;
	if (!s->csim &&
	    !(s->csim = plx_malloc(s->p.max_candidates * sizeof *s->csim)))
		return PLX_ENOMEM;
	if (!s->rs) {
		if (!(s->rs = plx_malloc(K * sizeof *s->rs)))
			return PLX_ENOMEM;
		for (size_t i = 0; i < K; i++)
			s->rs[i] = PLX_STORY_NONE;
	}
	recent *x = &s->ring[seq % K];
	s->rs[seq % K] = PLX_STORY_NONE;
	size_t cap = x->cap;
	if (plx_grow((void **)&x->terms, &cap, s->n_f + 1, sizeof *x->terms))
		return PLX_ENOMEM;
	void *a = plx_realloc(x->w, cap * sizeof *x->w);
	if (!a)
		return PLX_ENOMEM;
	x->w = a;
	x->cap = cap;
	const char *title = plx_article_title(art);
	size_t tl = title ? strlen(title) : 0;
	if (tl && plx_grow((void **)&x->title, &x->cap_title, tl + 1, 1))
		return PLX_ENOMEM;
	if (tl)
		memcpy(x->title, title, tl + 1);
	else if (x->title)
		x->title[0] = 0;
	x->n = s->n_f;
	x->present = 0;
	for (size_t i = 0; i < s->n_f; i++) {
		x->terms[i] = s->f[i].term;
		x->w[i] = s->f[i].w;
		x->present |= 1u << PLX_FEAT_KIND(s->f[i].term);
	}
	x->seq = seq;
	x->person = s->main_person;
	x->src = source_hash(plx_article_source(art));
	x->t = t;
	*out = x;
	return PLX_OK;
}

void plx_stories_moves(const plx_stories *s, const plx_story_move **moves,
		       size_t *n)
{
	*moves = s ? s->moves : NULL;
	*n = s ? s->n_moves : 0;
}

int plx_stories_add(plx_stories *s, const plx_article *art, size_t *story,
		    double *score)
{
	if (story)
		*story = (size_t)-1;
	if (score)
		*score = 0;
	if (!s || !art)
		return PLX_EINVAL;
	s->n_moves = 0;
	plx_story_store *st = s->store;
	size_t seq = s->n_added;
	int64_t t = PLX_STORY_NOTIME;
	const char *date = plx_article_date(art);
	if (!date || plx_date_parse(date, &t))
		t = PLX_STORY_NOTIME;
	if (t != PLX_STORY_NOTIME &&
	    (s->clock == PLX_STORY_NOTIME || t > s->clock))
		s->clock = t;

	int rc;
	int64_t min_time = PLX_STORY_NOTIME;
	if (s->clock != PLX_STORY_NOTIME)
		min_time = s->clock - (int64_t)(s->p.window_days * 86400);
	size_t min_seq = s->p.window_articles && seq > s->p.window_articles
				 ? seq - s->p.window_articles
				 : 0;
	if ((rc = st->vt->expire(st, min_time, min_seq)))
		return rc;
	if ((rc = article_vector(s, art)))
		return rc;
	recent *x = NULL;
	if (s->p.revise_window && (rc = remember(s, art, t, seq, &x)))
		return rc;
	s->n_added++;

	article_table(s);
	/* Query: the strongest terms, frequent ones left out. */
	double present[PLX_FEAT_KINDS] = {0};
	for (size_t i = 0; i < s->n_f; i++)
		present[PLX_FEAT_KIND(s->f[i].term)] = 1;
	/* Scratch for the query, then for the story's index terms. */
	size_t n_tmp = s->n_f + s->p.story_terms + s->p.index_terms + 1;
	if (n_tmp > s->cap_tmp) {
		plx_free(s->tmp);
		plx_free(s->q);
		s->q = NULL;
		s->cap_tmp = 0;
		if (!(s->tmp = plx_malloc(n_tmp * sizeof *s->tmp)) ||
		    !(s->q = plx_malloc(n_tmp * sizeof *s->q)))
			return PLX_ENOMEM;
		s->cap_tmp = n_tmp;
	}
	feat *tmp = s->tmp;
	uint64_t *q = s->q;
	size_t nq = 0;
	uint64_t n_docs = s->n_added;
	for (size_t i = 0; i < s->n_f; i++) {
		if (n_docs >= PLX_DF_MIN_DOCS &&
		    s->f[i].df > s->p.max_df * (double)n_docs)
			continue;
		s->terms[nq] = s->f[i].term;
		s->qw[nq++] = s->f[i].w;
	}
	nq = top_terms(s, s->terms, s->qw, nq, s->p.query_terms, tmp, q);
	for (size_t i = 0; i < nq; i++)
		s->qw[i] = tmp[i].w;
	if (plx_grow((void **)&s->cand, &s->cap_cand, s->p.max_candidates,
		     sizeof *s->cand))
		return PLX_ENOMEM;
	size_t nc = 0;
	rc = st->vt->candidates(st, q, s->qw, nq, s->p.max_postings, s->cand,
				s->p.max_candidates, &nc);
	double best = -1;
	plx_story_state *bs = NULL;
	for (size_t i = 0; i < nc && !rc; i++) {
		plx_story_state *c;
		if ((rc = st->vt->get(st, s->cand[i], &c)))
			break;
		double sim = similarity(s, present, c);
		if (s->csim)
			s->csim[i] = sim;
		if (sim > best || (sim == best && c->id < bs->id)) {
			best = sim;
			bs = c;
		}
	}
	uint32_t id = PLX_STORY_NONE;
	float xg = 1;
	int opened = 0;
	if (!rc && bs && best >= s->p.threshold) {
		id = bs->id;
		float g = doubt_scale(s, best);
		xg = g > 0 ? g : 0;
		if ((rc = st->vt->get(st, id, &bs)) == 0 &&
		    (g <= 0 || (rc = centroid_add(s, bs)) == 0))
			rc = add_member(s, bs, art, t, seq);
	} else if (!rc) {
		opened = 1;
		if ((rc = st->vt->create(st, &bs)) == 0) {
			id = bs->id;
			if ((rc = centroid_add(s, bs)) == 0)
				rc = add_member(s, bs, art, t, seq);
		}
	}
	if (!rc) {
		size_t k = top_terms(s, bs->terms, bs->w, bs->n_terms,
				     s->p.index_terms, tmp, q);
		rc = st->vt->put(st, bs, q, k);
	}
	if (rc)
		return rc;
	if (x) {
		x->story = id;
		x->g = xg;
		s->rs[seq % s->p.revise_window] = opened ? PLX_STORY_NONE : id;
		if ((rc = revise(s, x, opened, nc, seq)))
			return rc;
		if (x->story != id) { /* split off with an earlier member */
			id = x->story;
			best = s->moves[s->n_moves - 1].score;
		}
	}
	if (story)
		*story = id;
	if (score)
		*score = best > 0 ? best : 0;
	return PLX_OK;
}

size_t plx_stories_count(const plx_stories *s)
{
	return s ? s->store->vt->count(s->store) : 0;
}

size_t plx_stories_active(const plx_stories *s)
{
	return s ? s->store->vt->active(s->store) : 0;
}

int plx_stories_get(plx_stories *s, size_t id, plx_story *out)
{
	memset(out, 0, sizeof *out);
	plx_story_state *c;
	if (!s || id >= plx_stories_count(s))
		return PLX_ENOTFOUND;
	int rc = s->store->vt->get(s->store, (uint32_t)id, &c);
	if (rc)
		return rc;
	out->id = id;
	out->headline = c->headline;
	out->n_articles = c->n_articles;
	out->n_sources = c->n_sources;
	out->first_seen =
		c->first_time == PLX_STORY_NOTIME ? -1 : c->first_time;
	out->last_seen = c->last_time == PLX_STORY_NOTIME ? -1 : c->last_time;
	out->first_article = c->first_seq;
	out->last_article = c->last_seq;
	out->active = c->active;
	return PLX_OK;
}
