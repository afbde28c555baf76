/*
 * dedup.c: the streaming deduplicator (plx_dedup).  Each added article is
 * fingerprinted (minhash.c), looked up in the store's indexes, and linked to
 * the earlier articles it duplicates, copies or reuses paragraphs from.
 *
 * Design:
 * - Exact duplicates share the hash of their normalised body text.
 * - Near-duplicates are the articles that share at least one LSH band key
 *   with the new one (B = 24 bands of R = 5 rows; docs/dedup.md has the
 *   S-curve) and whose estimated Jaccard similarity, from the 16-bit
 *   signatures, reaches the threshold.  Candidates come only from the band
 *   postings; a key seen in more than PLX_DEDUP_MAX_BUCKET articles (a text
 *   repeated that often) yields its newest ones.
 * - Copy direction: of two matching articles the original is the one from
 *   a wire service, else the earlier dated, else the earlier added.
 * - Passage reuse: each paragraph of PLX_PARA_MIN_WORDS words or more is
 *   posted under its exact hash and its PLX_PARA_PROBES smallest sketch
 *   values.  A new paragraph whose probes hit an earlier paragraph of
 *   another (not near-duplicate) article is reused when its estimated
 *   containment in that paragraph reaches the passage threshold.  A lightly
 *   edited copy keeps most shingles, so it shares one of its smallest
 *   values with the source with high probability; a heavily rewritten one
 *   is missed, which is the intent.
 */
#include "dedup.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "mem.h"

/* Values read from one band or exact-hash postings list: bounds the work
 * per article when one text is repeated hundreds of times in the window
 * (its newest copies are enough to link it; the report joins the rest
 * through them). */
#define PLX_DEDUP_MAX_BUCKET 128
/* Sketch values of a paragraph that are posted and probed. */
#define PLX_PARA_PROBES 4
/* Values read from one paragraph postings list: a paragraph hash or sketch
 * value posted more often than this in the window is boilerplate (a
 * disclaimer, a standard closing line); its newest postings are enough. */
#define PLX_PARA_MAX_POSTINGS 16
/* Candidates whose estimated Jaccard is at least threshold - this get the
 * exact Jaccard of their shingle sets, which decides.  The estimate from
 * K = 120 values has a standard deviation of sqrt(J(1-J)/K) = 0.037 at
 * J = 0.8 (more for short texts, densified); 0.15 is 4 of them, so a pair
 * at the threshold is almost never left unchecked. */
#define PLX_DEDUP_MARGIN 0.15
/* Fixed seed: signatures must agree across runs and machines. */
#define PLX_DEDUP_SEED 0x70617261ull

typedef struct link {
	uint32_t a, b; /* article numbers, a < b */
	float score;
	int exact;
} link;

typedef struct reuse_link {
	uint32_t doc, para, src_doc, src_para;
	float score;
} reuse_link;

struct plx_dedup {
	plx_dedup_params params;
	plx_dedup_store st;
	plx_minhash mh;
	unsigned bands, rows;
	plx_fingerprint fp;

	uint32_t *cands; /* scratch: candidate articles */
	size_t cap_cands;
	uint32_t *buf;         /* scratch: one postings lookup */
	uint32_t *sh, *sh_tmp; /* scratch: distinct shingle set, radix sort */
	size_t cap_sh, cap_sh_tmp;
	uint64_t n_exact_checks; /* for benchmarks */

	plx_dedup_match *near;
	size_t n_near, cap_near;
	plx_dedup_reuse *reused;
	size_t n_reused, cap_reused;
	plx_dedup_result res;

	link *links; /* everything found, for the report */
	size_t n_links, cap_links;
	reuse_link *rlinks;
	size_t n_rlinks, cap_rlinks;
};

void plx_dedup_params_default(plx_dedup_params *p)
{
	p->threshold = 0.8;
	p->passage_threshold = 0.7;
	p->passages = 1;
	p->window_days = 7;
	p->window_articles = 100000;
}

/* ---- In-memory store ------------------------------------------------- */

/* One generation: a contiguous range of articles and of paragraphs, with
 * everything the window drops at once. */
typedef struct gen {
	uint32_t first_doc, n_docs;
	uint32_t first_para, n_paras;
	int64_t opened, clock; /* stream clock at opening, and latest */
	uint16_t *sigs;        /* n_docs * k */
	size_t cap_sigs;
	uint32_t *sh_end; /* shingle set i ends at sh_end[i] in sh */
	size_t cap_sh_end;
	uint32_t *sh;
	size_t n_sh, cap_sh;
	plx_para_print *paras;
	uint32_t *para_doc;
	size_t cap_paras, cap_para_doc;
	plx_mmap tables[]; /* PLX_DT_BAND + bands */
} gen;

typedef struct memstore {
	unsigned k, n_tables;
	int64_t window_s; /* 0: none */
	size_t window_n;  /* 0: none */
	int64_t clock;    /* latest article date, or INT64_MIN */
	plx_arena arena;  /* ids and dates */
	size_t arena_bytes;
	plx_dedup_doc *docs; /* all articles, for ever */
	size_t n_docs, cap_docs;
	uint32_t n_paras;
	gen **gens; /* oldest first; the last one is current */
	size_t n_gens, cap_gens;
	size_t n_window; /* articles in the generations */
} memstore;

static void gen_free(gen *g, unsigned n_tables)
{
	if (!g)
		return;
	for (unsigned i = 0; i < n_tables; i++)
		plx_mmap_free(&g->tables[i]);
	plx_free(g->sigs);
	plx_free(g->sh_end);
	plx_free(g->sh);
	plx_free(g->paras);
	plx_free(g->para_doc);
	plx_free(g);
}

static int gen_open(memstore *m)
{
	if (plx_grow((void **)&m->gens, &m->cap_gens, m->n_gens + 1,
		     sizeof *m->gens))
		return PLX_ENOMEM;
	gen *g = plx_calloc(1, sizeof *g + m->n_tables * sizeof(plx_mmap));
	if (!g)
		return PLX_ENOMEM;
	for (unsigned i = 0; i < m->n_tables; i++)
		plx_mmap_init(&g->tables[i]);
	g->first_doc = (uint32_t)m->n_docs;
	g->first_para = m->n_paras;
	g->opened = g->clock = m->clock;
	m->gens[m->n_gens++] = g;
	return PLX_OK;
}

/* Closes the current generation and frees the expired ones, as the window
 * asks before an article of time t is added. */
static int ms_roll(memstore *m, int64_t t)
{
	if (t != INT64_MIN && (m->clock == INT64_MIN || t > m->clock))
		m->clock = t;
	gen *cur = m->n_gens ? m->gens[m->n_gens - 1] : NULL;
	int close = !cur;
	if (cur && m->window_n && cur->n_docs >= (m->window_n + 1) / 2)
		close = 1;
	if (cur && m->window_s && m->clock != INT64_MIN) {
		if (cur->opened == INT64_MIN)
			cur->opened = m->clock; /* first dated article */
		else if (m->clock - cur->opened >= (m->window_s + 1) / 2)
			close = 1;
	}
	if (cur && !close)
		cur->clock = m->clock;
	if (close) {
		int rc = gen_open(m);
		if (rc)
			return rc;
	}
	/* Expire from the oldest; the current one stays. */
	size_t drop = 0, newer = m->n_window;
	while (drop + 1 < m->n_gens) {
		const gen *g = m->gens[drop];
		newer -= g->n_docs;
		int old_t = m->window_s && g->clock != INT64_MIN &&
			    m->clock != INT64_MIN &&
			    g->clock < m->clock - m->window_s;
		int old_n = m->window_n && newer >= m->window_n;
		if (!old_t && !old_n)
			break;
		drop++;
	}
	for (size_t i = 0; i < drop; i++) {
		m->n_window -= m->gens[i]->n_docs;
		gen_free(m->gens[i], m->n_tables);
	}
	if (drop) {
		memmove(m->gens, m->gens + drop,
			(m->n_gens - drop) * sizeof *m->gens);
		m->n_gens -= drop;
	}
	return PLX_OK;
}

/* The generation holding article num, or NULL once it expired. */
static gen *gen_of_doc(const memstore *m, uint32_t num)
{
	for (size_t i = m->n_gens; i-- > 0;) {
		gen *g = m->gens[i];
		if (num >= g->first_doc)
			return num - g->first_doc < g->n_docs ? g : NULL;
	}
	return NULL;
}

static int ms_add_doc(void *self, const plx_dedup_doc *doc, const uint16_t *sig,
		      const uint32_t *sh, size_t n_sh, uint32_t *num)
{
	memstore *m = self;
	if (m->n_docs >= UINT32_MAX - 1)
		return PLX_ETOOBIG;
	int rc = ms_roll(m, doc->time);
	if (rc)
		return rc;
	gen *g = m->gens[m->n_gens - 1];
	if (g->n_sh + n_sh >= UINT32_MAX)
		return PLX_ETOOBIG;
	if (plx_grow((void **)&m->docs, &m->cap_docs, m->n_docs + 1,
		     sizeof *m->docs) ||
	    plx_grow((void **)&g->sigs, &g->cap_sigs,
		     ((size_t)g->n_docs + 1) * m->k, sizeof *g->sigs) ||
	    plx_grow((void **)&g->sh_end, &g->cap_sh_end, (size_t)g->n_docs + 1,
		     sizeof *g->sh_end) ||
	    plx_grow((void **)&g->sh, &g->cap_sh, g->n_sh + n_sh + 1,
		     sizeof *g->sh))
		return PLX_ENOMEM;
	plx_dedup_doc *d = &m->docs[m->n_docs];
	size_t id_len = strlen(doc->id);
	size_t date_len = doc->date ? strlen(doc->date) : 0;
	d->id = plx_arena_strndup(&m->arena, doc->id, id_len);
	d->date = doc->date ? plx_arena_strndup(&m->arena, doc->date, date_len)
			    : NULL;
	if (!d->id || (doc->date && !d->date))
		return PLX_ENOMEM;
	m->arena_bytes += id_len + 1 + (doc->date ? date_len + 1 : 0);
	d->time = doc->time;
	d->wire = doc->wire;
	memcpy(g->sigs + (size_t)g->n_docs * m->k, sig, m->k * sizeof *sig);
	if (n_sh)
		memcpy(g->sh + g->n_sh, sh, n_sh * sizeof *sh);
	g->n_sh += n_sh;
	g->sh_end[g->n_docs++] = (uint32_t)g->n_sh;
	m->n_window++;
	*num = (uint32_t)m->n_docs++;
	return PLX_OK;
}

static size_t ms_n_docs(void *self)
{
	return ((memstore *)self)->n_docs;
}

static const plx_dedup_doc *ms_doc(void *self, uint32_t num)
{
	memstore *m = self;
	return num < m->n_docs ? &m->docs[num] : NULL;
}

static const uint16_t *ms_sig(void *self, uint32_t num)
{
	memstore *m = self;
	const gen *g = gen_of_doc(m, num);
	return g ? g->sigs + (size_t)(num - g->first_doc) * m->k : NULL;
}

static const uint32_t *ms_shingles(void *self, uint32_t num, size_t *n)
{
	const gen *g = gen_of_doc(self, num);
	*n = 0;
	if (!g)
		return NULL;
	uint32_t i = num - g->first_doc;
	uint32_t start = i ? g->sh_end[i - 1] : 0;
	*n = g->sh_end[i] - start;
	return g->sh + start;
}

static int ms_put(void *self, unsigned table, uint64_t key, uint32_t val)
{
	memstore *m = self;
	if (table >= m->n_tables || !m->n_gens)
		return PLX_EINVAL;
	return plx_mmap_put(&m->gens[m->n_gens - 1]->tables[table], key, val);
}

static size_t ms_get(void *self, unsigned table, uint64_t key, uint32_t *out,
		     size_t max)
{
	memstore *m = self;
	if (table >= m->n_tables)
		return 0;
	size_t n = 0;
	for (size_t i = m->n_gens; i-- > 0 && n < max;)
		n += plx_mmap_get(&m->gens[i]->tables[table], key, out + n,
				  max - n);
	return n;
}

static int ms_add_para(void *self, uint32_t doc, const plx_para_print *pp,
		       uint32_t *num)
{
	memstore *m = self;
	if (m->n_paras >= UINT32_MAX - 1 || !m->n_gens)
		return m->n_gens ? PLX_ETOOBIG : PLX_EINVAL;
	gen *g = m->gens[m->n_gens - 1];
	if (plx_grow((void **)&g->paras, &g->cap_paras, (size_t)g->n_paras + 1,
		     sizeof *g->paras) ||
	    plx_grow((void **)&g->para_doc, &g->cap_para_doc,
		     (size_t)g->n_paras + 1, sizeof *g->para_doc))
		return PLX_ENOMEM;
	g->paras[g->n_paras] = *pp;
	g->para_doc[g->n_paras++] = doc;
	*num = m->n_paras++;
	return PLX_OK;
}

static const plx_para_print *ms_para(void *self, uint32_t num, uint32_t *doc)
{
	memstore *m = self;
	for (size_t i = m->n_gens; i-- > 0;) {
		const gen *g = m->gens[i];
		if (num < g->first_para)
			continue;
		if (num - g->first_para >= g->n_paras)
			return NULL;
		*doc = g->para_doc[num - g->first_para];
		return &g->paras[num - g->first_para];
	}
	return NULL;
}

static size_t ms_n_window(void *self)
{
	return ((memstore *)self)->n_window;
}

static size_t ms_bytes(void *self)
{
	memstore *m = self;
	size_t n = m->cap_docs * sizeof *m->docs + m->arena_bytes +
		   m->cap_gens * sizeof *m->gens;
	for (size_t i = 0; i < m->n_gens; i++) {
		const gen *g = m->gens[i];
		n += sizeof *g + m->n_tables * sizeof(plx_mmap) +
		     g->cap_sigs * sizeof *g->sigs +
		     g->cap_sh_end * sizeof *g->sh_end +
		     g->cap_sh * sizeof *g->sh +
		     g->cap_paras * sizeof *g->paras +
		     g->cap_para_doc * sizeof *g->para_doc;
		for (unsigned t = 0; t < m->n_tables; t++)
			n += plx_mmap_bytes(&g->tables[t]);
	}
	return n;
}

static void ms_free(void *self)
{
	memstore *m = self;
	if (!m)
		return;
	for (size_t i = 0; i < m->n_gens; i++)
		gen_free(m->gens[i], m->n_tables);
	plx_free(m->gens);
	plx_arena_free(&m->arena);
	plx_free(m->docs);
	plx_free(m);
}

int plx_dedup_memstore_new(unsigned k, unsigned bands, int64_t window_s,
			   size_t window_n, plx_dedup_store *out)
{
	memset(out, 0, sizeof *out);
	if (window_s < 0)
		return PLX_EINVAL;
	memstore *m = plx_calloc(1, sizeof *m);
	if (!m)
		return PLX_ENOMEM;
	m->k = k;
	m->n_tables = PLX_DT_BAND + bands;
	m->window_s = window_s;
	m->window_n = window_n;
	m->clock = INT64_MIN;
	plx_arena_init(&m->arena);
	out->self = m;
	out->add_doc = ms_add_doc;
	out->n_docs = ms_n_docs;
	out->doc = ms_doc;
	out->sig = ms_sig;
	out->shingles = ms_shingles;
	out->put = ms_put;
	out->get = ms_get;
	out->add_para = ms_add_para;
	out->para = ms_para;
	out->n_window = ms_n_window;
	out->bytes = ms_bytes;
	out->free = ms_free;
	return PLX_OK;
}

/* ---- Deduplicator ---------------------------------------------------- */

int plx_dedup_is_wire(const char *source)
{
	static const char *const exact[] = {"ap",  "afp", "upi",  "dpa",
					    "aap", "pa",  "ansa", NULL};
	static const char *const within[] = {"reuters",
					     "associated press",
					     "france-presse",
					     "france presse",
					     "xinhua",
					     "kyodo",
					     NULL};
	if (!source)
		return 0;
	char low[64];
	size_t n = 0;
	for (const char *s = source; *s && n + 1 < sizeof low; s++)
		low[n++] = (char)tolower((unsigned char)*s);
	low[n] = 0;
	for (int i = 0; exact[i]; i++)
		if (strcmp(low, exact[i]) == 0)
			return 1;
	for (int i = 0; within[i]; i++)
		if (strstr(low, within[i]))
			return 1;
	return 0;
}

int plx_dedup_new_with_store(const plx_dedup_params *params,
			     plx_dedup_store store, plx_dedup **out)
{
	*out = NULL;
	plx_dedup *d = plx_calloc(1, sizeof *d);
	if (!d) {
		store.free(store.self);
		return PLX_ENOMEM;
	}
	d->st = store;
	if (params)
		d->params = *params;
	else
		plx_dedup_params_default(&d->params);
	if (!(d->params.threshold > 0 && d->params.threshold <= 1) ||
	    !(d->params.passage_threshold > 0 &&
	      d->params.passage_threshold <= 1) ||
	    !(d->params.window_days >= 0 && d->params.window_days < 1e6)) {
		plx_dedup_free(d);
		return PLX_EINVAL;
	}
	d->bands = PLX_LSH_BANDS;
	d->rows = PLX_LSH_ROWS;
	plx_minhash_init(&d->mh, PLX_MINHASH_K, PLX_DEDUP_SEED);
	plx_fingerprint_init(&d->fp);
	d->buf = plx_malloc(PLX_DEDUP_MAX_BUCKET * sizeof *d->buf);
	if (!d->buf) {
		plx_dedup_free(d);
		return PLX_ENOMEM;
	}
	*out = d;
	return PLX_OK;
}

int plx_dedup_new(const plx_dedup_params *params, plx_dedup **out)
{
	if (!out)
		return PLX_EINVAL;
	*out = NULL;
	plx_dedup_store st;
	plx_dedup_params p;
	if (params)
		p = *params;
	else
		plx_dedup_params_default(&p);
	if (!(p.window_days >= 0 && p.window_days < 1e6))
		return PLX_EINVAL;
	int64_t window_s = (int64_t)(p.window_days * 86400.0 + 0.5);
	int rc = plx_dedup_memstore_new(PLX_MINHASH_K, PLX_LSH_BANDS, window_s,
					p.window_articles, &st);
	if (rc)
		return rc;
	return plx_dedup_new_with_store(params, st, out);
}

void plx_dedup_free(plx_dedup *d)
{
	if (!d)
		return;
	if (d->st.free)
		d->st.free(d->st.self);
	plx_fingerprint_free(&d->fp);
	plx_free(d->cands);
	plx_free(d->buf);
	plx_free(d->sh);
	plx_free(d->sh_tmp);
	plx_free(d->near);
	plx_free(d->reused);
	plx_free(d->links);
	plx_free(d->rlinks);
	plx_free(d);
}

size_t plx_dedup_count(const plx_dedup *d)
{
	return d ? d->st.n_docs(d->st.self) : 0;
}

const char *plx_dedup_id(const plx_dedup *d, size_t article)
{
	if (!d || article >= UINT32_MAX)
		return NULL;
	const plx_dedup_doc *doc = d->st.doc(d->st.self, (uint32_t)article);
	return doc ? doc->id : NULL;
}

size_t plx_dedup_bytes(const plx_dedup *d)
{
	return sizeof *d + d->st.bytes(d->st.self) +
	       d->cap_links * sizeof *d->links +
	       d->cap_rlinks * sizeof *d->rlinks;
}

/* 1 when article x is more original than article y (x != y). */
static int more_original(const plx_dedup *d, uint32_t x, uint32_t y)
{
	const plx_dedup_doc *a = d->st.doc(d->st.self, x);
	const plx_dedup_doc *b = d->st.doc(d->st.self, y);
	if (a->wire != b->wire)
		return a->wire;
	if (a->date && b->date) {
		int c = strcmp(a->date, b->date);
		if (c)
			return c < 0;
	}
	return x < y;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* qsort on n < 2 items, whose pointer may be NULL, is left out (UBSan). */
static void sort_u32(uint32_t *a, size_t n)
{
	if (n > 1)
		qsort(a, n, sizeof *a, cmp_u32);
}

static int cmp_match(const void *a, const void *b)
{
	const plx_dedup_match *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->article > y->article) - (x->article < y->article);
}

static int add_cand(plx_dedup *d, size_t *n, uint32_t v)
{
	if (plx_grow((void **)&d->cands, &d->cap_cands, *n + 1,
		     sizeof *d->cands))
		return PLX_ENOMEM;
	d->cands[(*n)++] = v;
	return PLX_OK;
}

static int in_sorted(const uint32_t *a, size_t n, uint32_t v)
{
	return bsearch(&v, a, n, sizeof v, cmp_u32) != NULL;
}

/* The distinct 32-bit shingle hashes of the current fingerprint, ascending,
 * into d->sh: an LSD radix sort (4 passes of 8 bits), then the repeats out.
 * Returns how many, or (size_t)-1 on out of memory. */
static size_t shingle_set(plx_dedup *d)
{
	size_t n = d->fp.n_shingles;
	if (plx_grow((void **)&d->sh, &d->cap_sh, n + 1, sizeof *d->sh) ||
	    plx_grow((void **)&d->sh_tmp, &d->cap_sh_tmp, n + 1,
		     sizeof *d->sh_tmp))
		return (size_t)-1;
	size_t count[4][256];
	memset(count, 0, sizeof count);
	for (size_t i = 0; i < n; i++) {
		uint64_t x = d->fp.shingles[i];
		uint32_t v = (uint32_t)(x ^ (x >> 32));
		d->sh[i] = v;
		for (unsigned b = 0; b < 4; b++)
			count[b][(v >> (8 * b)) & 255]++;
	}
	uint32_t *src = d->sh, *dst = d->sh_tmp;
	for (unsigned b = 0; b < 4; b++) {
		size_t pos = 0;
		for (unsigned i = 0; i < 256; i++) {
			size_t c = count[b][i];
			count[b][i] = pos;
			pos += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[b][(src[i] >> (8 * b)) & 255]++] = src[i];
		uint32_t *t = src;
		src = dst;
		dst = t;
	}
	/* After 4 passes the sorted values are back in d->sh. */
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || src[i] != src[m - 1])
			src[m++] = src[i];
	return m;
}

/* Jaccard similarity of two ascending sets of distinct values. */
static double set_jaccard(const uint32_t *a, size_t na, const uint32_t *b,
			  size_t nb)
{
	size_t i = 0, j = 0, both = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			both++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	size_t uni = na + nb - both;
	return uni ? (double)both / (double)uni : 1.0;
}

/* Exact and near-duplicates of the new article `doc` (shingle set
 * sh[0..n_sh)).  A band candidate is first judged on its signature; one
 * estimated within PLX_DEDUP_MARGIN of the threshold or above is then
 * judged on the exact Jaccard of the two shingle sets. */
static int find_near(plx_dedup *d, uint32_t doc, const uint32_t *sig32,
		     const uint16_t *sig16, const uint32_t *sh, size_t n_sh)
{
	plx_dedup_store *st = &d->st;
	const plx_fingerprint *fp = &d->fp;
	const double thr = d->params.threshold;
	int rc;
	size_t n_exact = 0, n = 0;
	/* Exact: the first entries of cands, sorted, then the LSH ones. */
	size_t got = st->get(st->self, PLX_DT_EXACT, fp->text_hash, d->buf,
			     PLX_DEDUP_MAX_BUCKET);
	for (size_t i = 0; i < got; i++)
		if (d->buf[i] != doc && (rc = add_cand(d, &n, d->buf[i])))
			return rc;
	sort_u32(d->cands, n);
	n_exact = n;
	if (n_exact)
		d->res.exact_of = (long)d->cands[0];
	if ((rc = st->put(st->self, PLX_DT_EXACT, fp->text_hash, doc)))
		return rc;
	for (unsigned b = 0; b < d->bands; b++) {
		uint64_t key = plx_lsh_band_key(sig32, b, d->rows);
		got = st->get(st->self, PLX_DT_BAND + b, key, d->buf,
			      PLX_DEDUP_MAX_BUCKET);
		for (size_t i = 0; i < got; i++)
			if (d->buf[i] != doc &&
			    (rc = add_cand(d, &n, d->buf[i])))
				return rc;
		if ((rc = st->put(st->self, PLX_DT_BAND + b, key, doc)))
			return rc;
	}
	if (n > n_exact) /* d->cands is NULL before the first candidate */
		sort_u32(d->cands + n_exact, n - n_exact);
	const uint32_t *ex = d->cands;
	uint32_t prev = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = d->cands[i];
		int exact = i < n_exact;
		if (!exact && (c == prev || in_sorted(ex, n_exact, c)))
			continue;
		if (!exact)
			prev = c;
		double s = 1.0;
		if (!exact) {
			const uint16_t *cs = st->sig(st->self, c);
			if (!cs)
				continue;
			s = plx_minhash_jaccard(sig16, cs, d->mh.k);
			if (s < thr - PLX_DEDUP_MARGIN)
				continue;
			size_t nc;
			const uint32_t *csh = st->shingles(st->self, c, &nc);
			if (csh) {
				/* |A&B|/|A|B| <= min/max of the sizes. */
				size_t lo = nc < n_sh ? nc : n_sh;
				size_t hi = nc < n_sh ? n_sh : nc;
				if ((double)lo < thr * (double)hi)
					continue;
				d->n_exact_checks++;
				s = set_jaccard(sh, n_sh, csh, nc);
			}
		}
		if (s < thr)
			continue;
		if (plx_grow((void **)&d->near, &d->cap_near, d->n_near + 1,
			     sizeof *d->near) ||
		    plx_grow((void **)&d->links, &d->cap_links, d->n_links + 1,
			     sizeof *d->links))
			return PLX_ENOMEM;
		plx_dedup_match *m = &d->near[d->n_near++];
		m->article = c;
		m->id = st->doc(st->self, c)->id;
		m->score = s;
		m->exact = exact;
		m->copies = more_original(d, c, doc);
		d->links[d->n_links++] = (link){c, doc, (float)s, exact};
	}
	if (d->n_near > 1)
		qsort(d->near, d->n_near, sizeof *d->near, cmp_match);
	/* copy_of: the most original of the matches this article copies. */
	long best = -1;
	for (size_t i = 0; i < d->n_near; i++)
		if (d->near[i].copies &&
		    (best < 0 || more_original(d, (uint32_t)d->near[i].article,
					       (uint32_t)best)))
			best = (long)d->near[i].article;
	d->res.copy_of = best;
	return PLX_OK;
}

static int is_near(const plx_dedup *d, uint32_t doc)
{
	for (size_t i = 0; i < d->n_near; i++)
		if (d->near[i].article == doc)
			return 1;
	return 0;
}

/* Paragraphs of the new article `doc` found in other articles.  Each
 * paragraph reads at most PLX_PARA_MAX_POSTINGS postings of its hash and
 * of each of its PLX_PARA_PROBES smallest sketch values (at most 80
 * candidates, not sorted: a candidate seen twice is scored twice); the
 * best containment wins, ties to the earliest paragraph. */
static int find_reuse(plx_dedup *d, uint32_t doc)
{
	plx_dedup_store *st = &d->st;
	int rc;
	for (size_t i = 0; i < d->fp.n_paras; i++) {
		const plx_para_print *pp = &d->fp.paras[i];
		size_t n = 0;
		size_t got = st->get(st->self, PLX_DT_PARA, pp->hash, d->buf,
				     PLX_PARA_MAX_POSTINGS);
		for (size_t j = 0; j < got; j++)
			if ((rc = add_cand(d, &n, d->buf[j])))
				return rc;
		for (unsigned p = 0; p < PLX_PARA_PROBES && p < pp->n_sketch;
		     p++) {
			got = st->get(st->self, PLX_DT_SKETCH, pp->sketch[p],
				      d->buf, PLX_PARA_MAX_POSTINGS);
			for (size_t j = 0; j < got; j++)
				if ((rc = add_cand(d, &n, d->buf[j])))
					return rc;
		}
		double best = 0;
		uint32_t best_pid = UINT32_MAX, best_doc = 0, best_para = 0;
		for (size_t j = 0; j < n; j++) {
			uint32_t pid = d->cands[j], qdoc;
			const plx_para_print *q =
				st->para(st->self, pid, &qdoc);
			if (!q || qdoc == doc || is_near(d, qdoc))
				continue;
			double s = q->hash == pp->hash
					   ? 1.0
					   : plx_para_containment(pp, q);
			if (s > best ||
			    (s == best && s > 0 && pid < best_pid)) {
				best = s;
				best_pid = pid;
				best_doc = qdoc;
				best_para = (uint32_t)q->para;
			}
		}
		if (best > 0 && best >= d->params.passage_threshold) {
			if (plx_grow((void **)&d->reused, &d->cap_reused,
				     d->n_reused + 1, sizeof *d->reused) ||
			    plx_grow((void **)&d->rlinks, &d->cap_rlinks,
				     d->n_rlinks + 1, sizeof *d->rlinks))
				return PLX_ENOMEM;
			plx_dedup_reuse *r = &d->reused[d->n_reused++];
			r->paragraph = pp->para;
			r->article = best_doc;
			r->id = st->doc(st->self, best_doc)->id;
			r->source_paragraph = best_para;
			r->score = best;
			d->rlinks[d->n_rlinks++] =
				(reuse_link){doc, (uint32_t)pp->para, best_doc,
					     best_para, (float)best};
		}
		uint32_t pid;
		if ((rc = st->add_para(st->self, doc, pp, &pid)) ||
		    (rc = st->put(st->self, PLX_DT_PARA, pp->hash, pid)))
			return rc;
		for (unsigned p = 0; p < PLX_PARA_PROBES && p < pp->n_sketch;
		     p++)
			if ((rc = st->put(st->self, PLX_DT_SKETCH,
					  pp->sketch[p], pid)))
				return rc;
	}
	return PLX_OK;
}

int plx_dedup_add(plx_dedup *d, const plx_article *art,
		  const plx_dedup_result **out)
{
	if (out)
		*out = NULL;
	if (!d || !art || !out)
		return PLX_EINVAL;
	int rc = plx_fingerprint_compute(&d->fp, art);
	if (rc)
		return rc;
	uint32_t sig32[PLX_MINHASH_MAX_K];
	uint16_t sig16[PLX_MINHASH_MAX_K];
	memset(sig32, 0, sizeof sig32);
	if (d->fp.n_shingles)
		plx_minhash_sign(&d->mh, d->fp.shingles, d->fp.n_shingles,
				 sig32);
	for (unsigned i = 0; i < d->mh.k; i++)
		sig16[i] = (uint16_t)sig32[i];

	size_t n_sh = 0;
	if (d->fp.n_words) {
		n_sh = shingle_set(d);
		if (n_sh == (size_t)-1)
			return PLX_ENOMEM;
	}

	plx_dedup_doc meta;
	meta.id = art->id ? art->id : art->path ? art->path : "";
	meta.date = art->date;
	meta.time = INT64_MIN;
	if (art->date && plx_date_parse(art->date, &meta.time))
		meta.time = INT64_MIN;
	meta.wire = plx_dedup_is_wire(art->source);
	uint32_t doc;
	if ((rc = d->st.add_doc(d->st.self, &meta, sig16, d->sh, n_sh, &doc)))
		return rc;

	d->n_near = d->n_reused = 0;
	memset(&d->res, 0, sizeof d->res);
	d->res.article = doc;
	d->res.exact_of = -1;
	d->res.copy_of = -1;
	/* An article without body words is numbered but never matched. */
	if (d->fp.n_words) {
		if ((rc = find_near(d, doc, sig32, sig16, d->sh, n_sh)))
			return rc;
		if (d->params.passages && (rc = find_reuse(d, doc)))
			return rc;
	}
	d->res.near = d->near;
	d->res.n_near = d->n_near;
	d->res.reused = d->reused;
	d->res.n_reused = d->n_reused;
	*out = &d->res;
	return PLX_OK;
}

/* ---- Report ---------------------------------------------------------- */

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

typedef struct member {
	uint32_t group, doc;
} member;

static int cmp_member(const void *a, const void *b)
{
	const member *x = a, *y = b;
	if (x->group != y->group)
		return (x->group > y->group) - (x->group < y->group);
	return (x->doc > y->doc) - (x->doc < y->doc);
}

/* By doc, then link number. */
static int cmp_member_doc(const void *a, const void *b)
{
	const member *x = a, *y = b;
	if (x->doc != y->doc)
		return (x->doc > y->doc) - (x->doc < y->doc);
	return (x->group > y->group) - (x->group < y->group);
}

/* The original that doc copies, among its links (adj[0..n) indexes into
 * d->links): the most original neighbour more original than doc;
 * UINT32_MAX when doc is an original. */
static uint32_t original_of(const plx_dedup *d, uint32_t doc,
			    const uint32_t *adj, size_t n, float *score,
			    int *exact)
{
	uint32_t best = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		const link *l = &d->links[adj[i]];
		uint32_t o = l->a == doc ? l->b : l->b == doc ? l->a : doc;
		if (o == doc || !more_original(d, o, doc))
			continue;
		if (best == UINT32_MAX || more_original(d, o, best) ||
		    (o == best && l->score > *score)) {
			best = o;
			*score = l->score;
			*exact = l->exact;
		}
	}
	return best;
}

int plx_dedup_report(const plx_dedup *d, int json, char **out, size_t *len)
{
	if (out)
		*out = NULL;
	if (!d || !out)
		return PLX_EINVAL;
	size_t n_docs = d->st.n_docs(d->st.self);
	uint32_t *parent = plx_malloc((n_docs + 1) * sizeof *parent);
	member *mem = plx_malloc((2 * d->n_links + 1) * sizeof *mem);
	member *adj = plx_malloc((2 * d->n_links + 1) * sizeof *adj);
	uint32_t *adj_link =
		plx_malloc((2 * d->n_links + 1) * sizeof *adj_link);
	if (!parent || !mem || !adj || !adj_link) {
		plx_free(parent);
		plx_free(mem);
		plx_free(adj);
		plx_free(adj_link);
		return PLX_ENOMEM;
	}
	for (size_t i = 0; i < n_docs; i++)
		parent[i] = (uint32_t)i;
	for (size_t i = 0; i < d->n_links; i++) {
		uint32_t a = uf_find(parent, d->links[i].a);
		uint32_t b = uf_find(parent, d->links[i].b);
		if (a != b)
			parent[a > b ? a : b] = a < b ? a : b;
	}
	/* Each endpoint of each link, as (link, doc) sorted by doc: the links
	 * of one article side by side, so that finding originals is linear
	 * in the links, not quadratic. */
	size_t n_mem = 0;
	for (size_t i = 0; i < d->n_links; i++) {
		mem[n_mem++] = (member){(uint32_t)i, d->links[i].a};
		mem[n_mem++] = (member){(uint32_t)i, d->links[i].b};
	}
	for (size_t i = 0; i < n_mem; i++)
		adj[i] = mem[i];
	if (n_mem > 1)
		qsort(adj, n_mem, sizeof *adj, cmp_member_doc);
	for (size_t i = 0; i < n_mem; i++) {
		adj_link[i] = adj[i].group;
		mem[i].group = uf_find(parent, mem[i].doc);
	}
	if (n_mem > 1)
		qsort(mem, n_mem, sizeof *mem, cmp_member);

	plx_buf b;
	plx_buf_init(&b);
	if (json)
		plx_buf_puts(&b, "{\"groups\":[");
	size_t g = 0;
	for (size_t i = 0; i < n_mem;) {
		size_t j = i, k = 0;
		while (j < n_mem && mem[j].group == mem[i].group)
			j++;
		/* Members without repeats. */
		for (size_t x = i; x < j; x++)
			if (x == i || mem[x].doc != mem[x - 1].doc)
				mem[i + k++] = mem[x];
		if (json)
			plx_buf_printf(&b, "%s{\"articles\":[", g ? "," : "");
		else
			plx_buf_printf(&b, "%sgroup %zu: %zu articles\n",
				       g ? "\n" : "", g + 1, k);
		for (size_t x = 0; x < k; x++) {
			uint32_t doc = mem[i + x].doc;
			float score = 0;
			int exact = 0;
			/* doc's links: adj[lo, hi) (binary search). */
			size_t lo = 0, hi = n_mem;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (adj[mid].doc < doc)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (hi = lo; hi < n_mem && adj[hi].doc == doc; hi++)
				;
			uint32_t o = original_of(d, doc, adj_link + lo, hi - lo,
						 &score, &exact);
			const char *id = d->st.doc(d->st.self, doc)->id;
			if (json) {
				plx_buf_puts(&b, x ? ",{\"id\":" : "{\"id\":");
				plx_buf_json_str(&b, id, strlen(id));
				if (o == UINT32_MAX) {
					plx_buf_puts(&b, ",\"original\":true}");
					continue;
				}
				const char *oid = d->st.doc(d->st.self, o)->id;
				plx_buf_puts(&b, ",\"copies\":");
				plx_buf_json_str(&b, oid, strlen(oid));
				plx_buf_printf(&b,
					       ",\"score\":%.3f,\"exact\":%s}",
					       score, exact ? "true" : "false");
			} else if (o == UINT32_MAX) {
				plx_buf_printf(&b, "  %s  original\n", id);
			} else {
				plx_buf_printf(&b, "  %s  copies %s  %.3f%s\n",
					       id, d->st.doc(d->st.self, o)->id,
					       score, exact ? " exact" : "");
			}
		}
		if (json)
			plx_buf_puts(&b, "]}");
		g++;
		i = j;
	}
	if (json)
		plx_buf_puts(&b, "],\"passages\":[");
	else if (d->n_rlinks)
		plx_buf_printf(&b, "%sreused paragraphs:\n", g ? "\n" : "");
	for (size_t i = 0; i < d->n_rlinks; i++) {
		const reuse_link *r = &d->rlinks[i];
		const char *id = d->st.doc(d->st.self, r->doc)->id;
		const char *sid = d->st.doc(d->st.self, r->src_doc)->id;
		if (json) {
			plx_buf_puts(&b, i ? ",{\"id\":" : "{\"id\":");
			plx_buf_json_str(&b, id, strlen(id));
			plx_buf_printf(
				&b, ",\"paragraph\":%u,\"source\":", r->para);
			plx_buf_json_str(&b, sid, strlen(sid));
			plx_buf_printf(&b,
				       ",\"source_paragraph\":%u,\"score\":"
				       "%.3f}",
				       r->src_para, r->score);
		} else {
			plx_buf_printf(&b,
				       "  %s paragraph %u  from %s paragraph "
				       "%u  %.3f\n",
				       id, r->para, sid, r->src_para, r->score);
		}
	}
	if (json)
		plx_buf_puts(&b, "]}\n");
	plx_free(parent);
	plx_free(mem);
	plx_free(adj);
	plx_free(adj_link);
	if (b.rc) {
		int rc = b.rc;
		plx_buf_free(&b);
		return rc;
	}
	*out = plx_buf_detach(&b, len);
	if (!*out) {
		*out = plx_malloc(1);
		if (!*out)
			return PLX_ENOMEM;
		**out = 0;
		if (len)
			*len = 0;
	}
	return PLX_OK;
}
