/*
 * minhash.c: article fingerprints (exact hash, shingles, MinHash, LSH band
 * keys, paragraph sketches) and the multimap behind the in-memory indexes.
 * The design is described in minhash.h.
 */
#include "minhash.h"

#include <stdlib.h>
#include <string.h>
/* XXH3_state_t on the stack needs its definition. */
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "article.h"
#include "mem.h"

/* splitmix64: seeds the permutations. */
static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

int plx_minhash_init(plx_minhash *m, unsigned k, uint64_t seed)
{
	if (!m || k == 0 || k > PLX_MINHASH_MAX_K)
		return PLX_EINVAL;
	m->k = k;
	for (unsigned i = 0; i < PLX_MINHASH_MAX_K; i++) {
		m->a[i] = splitmix(&seed) | 1;
		m->b[i] = splitmix(&seed);
	}
	return PLX_OK;
}

void plx_minhash_sign(const plx_minhash *m, const uint64_t *sh, size_t n,
		      uint32_t *out32)
{
	/* One permutation: the high half of a shingle's hash picks its bin
	 * (multiply-shift onto [0, K)), the low half is its value; each bin
	 * keeps its minimum. */
	const unsigned k = m->k;
	uint32_t mins[PLX_MINHASH_MAX_K];
	for (unsigned i = 0; i < k; i++)
		mins[i] = UINT32_MAX;
	unsigned filled = 0;
	for (size_t j = 0; j < n; j++) {
		uint64_t x = sh[j] * m->a[0] + m->b[0];
		unsigned bin = (unsigned)(((x >> 32) * k) >> 32);
		uint32_t v = (uint32_t)x;
		filled += mins[bin] == UINT32_MAX;
		mins[bin] = v < mins[bin] ? v : mins[bin];
	}
	/* Optimal densification (Shrivastava 2017): an empty bin takes the
	 * value of the first non-empty bin in its own fixed pseudo-random
	 * probe sequence, so that two sets agree on it with probability J,
	 * like a real bin.  Expected probes per empty bin: k / filled. */
	for (unsigned i = 0; i < k; i++) {
		out32[i] = mins[i];
		if (mins[i] != UINT32_MAX || filled == 0)
			continue;
		for (uint64_t t = 1;; t++) {
			uint64_t h = (i * m->a[1] + t * m->a[2]) ^ m->b[1];
			h ^= h >> 29;
			h *= 0xBF58476D1CE4E5B9ull;
			unsigned j = (unsigned)(((h >> 32) * k) >> 32);
			/* Guard against a (practically impossible) sequence
			 * that never reaches a filled bin. */
			if (t > 64u * k) {
				for (j = 0; mins[j] == UINT32_MAX; j++)
					;
			}
			if (mins[j] != UINT32_MAX) {
				out32[i] = mins[j];
				break;
			}
		}
	}
}

double plx_minhash_jaccard(const uint16_t *x, const uint16_t *y, unsigned k)
{
	unsigned eq = 0;
	for (unsigned i = 0; i < k; i++)
		eq += x[i] == y[i];
	/* b-bit correction: unequal minima still agree with chance 2^-16. */
	const double c = 1.0 / 65536.0;
	double j = ((double)eq / k - c) / (1.0 - c);
	return j < 0 ? 0 : j;
}

uint64_t plx_lsh_band_key(const uint32_t *sig32, unsigned band, unsigned rows)
{
	return XXH3_64bits_withSeed(sig32 + (size_t)band * rows,
				    rows * sizeof *sig32, band);
}

/* ---- Fingerprints ---------------------------------------------------- */

void plx_fingerprint_init(plx_fingerprint *fp)
{
	memset(fp, 0, sizeof *fp);
}

void plx_fingerprint_free(plx_fingerprint *fp)
{
	if (!fp)
		return;
	plx_free(fp->shingles);
	plx_free(fp->words);
	plx_free(fp->paras);
	memset(fp, 0, sizeof *fp);
}

static uint64_t shingle_hash(const uint64_t *w, size_t n)
{
	return XXH3_64bits(w, n * sizeof *w);
}

/* Appends the shingle hashes of words w[0..n) to fp->shingles. */
static int add_shingles(plx_fingerprint *fp, const uint64_t *w, size_t n)
{
	size_t m = n < PLX_SHINGLE_WORDS ? 1 : n - PLX_SHINGLE_WORDS + 1;
	if (n == 0)
		return PLX_OK;
	if (plx_grow((void **)&fp->shingles, &fp->cap_shingles,
		     fp->n_shingles + m, sizeof *fp->shingles))
		return PLX_ENOMEM;
	size_t width = n < PLX_SHINGLE_WORDS ? n : PLX_SHINGLE_WORDS;
	for (size_t i = 0; i < m; i++)
		fp->shingles[fp->n_shingles++] = shingle_hash(w + i, width);
	return PLX_OK;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Bottom-k sketch of the shingles sh[0..n) of one paragraph. */
static void para_sketch(plx_para_print *pp, const uint64_t *sh, size_t n)
{
	/* Insertion into a sorted array of at most PLX_PARA_SKETCH distinct
	 * values; paragraphs are short, so this beats sorting all shingles. */
	uint32_t *s = pp->sketch;
	size_t ns = 0, distinct = 0;
	uint32_t seen[256];
	size_t n_seen = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t v = (uint32_t)sh[i];
		size_t pos = 0;
		while (pos < ns && s[pos] < v)
			pos++;
		if (pos < ns && s[pos] == v)
			continue;
		if (pos == PLX_PARA_SKETCH)
			continue;
		if (ns == PLX_PARA_SKETCH)
			ns--;
		memmove(s + pos + 1, s + pos, (ns - pos) * sizeof *s);
		s[pos] = v;
		ns++;
	}
	/* Distinct shingles: exact for short paragraphs (a small sorted copy),
	 * else counted with repeats, which rarely matters in prose. */
	if (n <= sizeof seen / sizeof *seen) {
		for (size_t i = 0; i < n; i++)
			seen[n_seen++] = (uint32_t)sh[i];
		qsort(seen, n_seen, sizeof *seen, cmp_u32);
		for (size_t i = 0; i < n_seen; i++)
			distinct += i == 0 || seen[i] != seen[i - 1];
	} else {
		distinct = n;
	}
	pp->n_sketch = (uint32_t)ns;
	pp->n_shingles = (uint32_t)distinct;
}

/* Token range [*t0, *t1) of paragraph p. */
static int para_tokens(const plx_article *art, const plx_paragraph *p,
		       size_t *t0, size_t *t1)
{
	if (p->n_sentences == 0 || p->first_sentence >= art->n_sents)
		return 0;
	const plx_sentence *a = &art->sents[p->first_sentence];
	const plx_sentence *b =
		&art->sents[p->first_sentence + p->n_sentences - 1];
	*t0 = a->first_token;
	*t1 = b->first_token + b->n_tokens;
	return *t1 > *t0;
}

int plx_fingerprint_compute(plx_fingerprint *fp, const plx_article *art)
{
	fp->n_words = 0;
	fp->n_shingles = 0;
	fp->n_paras = 0;
	fp->text_hash = 0;
	if (plx_grow((void **)&fp->words, &fp->cap_words, art->n_toks + 1,
		     sizeof *fp->words))
		return PLX_ENOMEM;

	XXH3_state_t st;
	XXH3_64bits_reset(&st);
	size_t n_text_toks = 0;
	for (size_t i = 0; i < art->n_paras; i++) {
		const plx_paragraph *p = &art->paras[i];
		size_t t0, t1;
		if (p->kind != PLX_PARA_BODY || !para_tokens(art, p, &t0, &t1))
			continue;
		size_t w0 = fp->n_words;
		XXH3_state_t pst;
		XXH3_64bits_reset(&pst);
		size_t n_para_toks = 0;
		for (size_t t = t0; t < t1 && t < art->n_toks; t++) {
			const plx_token *k = &art->toks[t];
			size_t len = strlen(k->norm);
			if (n_text_toks++)
				XXH3_64bits_update(&st, " ", 1);
			XXH3_64bits_update(&st, k->norm, len);
			if (n_para_toks++)
				XXH3_64bits_update(&pst, " ", 1);
			XXH3_64bits_update(&pst, k->norm, len);
			if (k->flags & PLX_TOK_PUNCT)
				continue;
			fp->words[fp->n_words++] = XXH3_64bits(k->norm, len);
		}
		size_t nw = fp->n_words - w0;
		if (nw < PLX_PARA_MIN_WORDS)
			continue;
		if (plx_grow((void **)&fp->paras, &fp->cap_paras,
			     fp->n_paras + 1, sizeof *fp->paras))
			return PLX_ENOMEM;
		plx_para_print *pp = &fp->paras[fp->n_paras++];
		pp->para = i;
		pp->hash = XXH3_64bits_digest(&pst);
		/* The paragraph's shingles, appended temporarily after the
		 * article's; the article's are computed below. */
		size_t save = fp->n_shingles;
		if (add_shingles(fp, fp->words + w0, nw))
			return PLX_ENOMEM;
		para_sketch(pp, fp->shingles + save, fp->n_shingles - save);
		fp->n_shingles = save;
	}
	if (fp->n_words == 0)
		return PLX_OK;
	fp->text_hash = XXH3_64bits_digest(&st);
	return add_shingles(fp, fp->words, fp->n_words);
}

double plx_para_jaccard(const plx_para_print *p, const plx_para_print *q)
{
	/* Bottom-k of the union from the two sketches: walk both in order,
	 * k = the smaller sketch size (each sketch is complete below its
	 * largest value only up to its own size). */
	size_t k = p->n_sketch < q->n_sketch ? p->n_sketch : q->n_sketch;
	if (k == 0)
		return 0;
	size_t i = 0, j = 0, taken = 0, both = 0;
	while (taken < k && i < p->n_sketch && j < q->n_sketch) {
		if (p->sketch[i] == q->sketch[j]) {
			both++;
			i++;
			j++;
		} else if (p->sketch[i] < q->sketch[j]) {
			i++;
		} else {
			j++;
		}
		taken++;
	}
	return (double)both / (double)(taken ? taken : 1);
}

double plx_para_containment(const plx_para_print *p, const plx_para_print *q)
{
	double jac = plx_para_jaccard(p, q);
	if (p->n_shingles == 0)
		return 0;
	/* |p&q| = J|p|q| and |p|q| = (|p|+|q|)/(1+J). */
	double inter =
		jac * ((double)p->n_shingles + q->n_shingles) / (1.0 + jac);
	double c = inter / p->n_shingles;
	return c > 1 ? 1 : c;
}

/* ---- Multimap -------------------------------------------------------- */

void plx_mmap_init(plx_mmap *m)
{
	memset(m, 0, sizeof *m);
}

void plx_mmap_free(plx_mmap *m)
{
	if (!m)
		return;
	plx_free(m->keys);
	plx_free(m->heads);
	plx_free(m->vals);
	plx_free(m->next);
	memset(m, 0, sizeof *m);
}

static size_t slot_of(uint64_t key, size_t cap)
{
	/* Keys are hashes already; mix anyway so that structured keys (band
	 * numbers, small ids) spread too. */
	key ^= key >> 33;
	key *= 0xFF51AFD7ED558CCDull;
	key ^= key >> 33;
	return (size_t)key & (cap - 1);
}

static int mmap_rehash(plx_mmap *m, size_t cap)
{
	uint64_t *keys = plx_malloc(cap * sizeof *keys);
	uint32_t *heads = plx_calloc(cap, sizeof *heads);
	if (!keys || !heads) {
		plx_free(keys);
		plx_free(heads);
		return PLX_ENOMEM;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->heads[i])
			continue;
		size_t s = slot_of(m->keys[i], cap);
		while (heads[s])
			s = (s + 1) & (cap - 1);
		keys[s] = m->keys[i];
		heads[s] = m->heads[i];
	}
	plx_free(m->keys);
	plx_free(m->heads);
	m->keys = keys;
	m->heads = heads;
	m->cap = cap;
	return PLX_OK;
}

int plx_mmap_put(plx_mmap *m, uint64_t key, uint32_t val)
{
	if ((m->n_keys + 1) * 10 > m->cap * 7 &&
	    mmap_rehash(m, m->cap ? m->cap * 2 : 64))
		return PLX_ENOMEM;
	if (m->n_vals >= m->cap_vals) {
		size_t cap = m->cap_vals ? m->cap_vals * 2 : 64;
		uint32_t *v = plx_realloc(m->vals, cap * sizeof *v);
		if (!v)
			return PLX_ENOMEM;
		m->vals = v;
		uint32_t *nx = plx_realloc(m->next, cap * sizeof *nx);
		if (!nx)
			return PLX_ENOMEM;
		m->next = nx;
		m->cap_vals = cap;
	}
	if (m->n_vals >= UINT32_MAX)
		return PLX_ETOOBIG;
	size_t s = slot_of(key, m->cap);
	while (m->heads[s] && m->keys[s] != key)
		s = (s + 1) & (m->cap - 1);
	if (!m->heads[s]) {
		m->keys[s] = key;
		m->n_keys++;
	}
	m->vals[m->n_vals] = val;
	m->next[m->n_vals] = m->heads[s];
	m->heads[s] = (uint32_t)(++m->n_vals);
	return PLX_OK;
}

size_t plx_mmap_get(const plx_mmap *m, uint64_t key, uint32_t *out, size_t max)
{
	if (!m->cap)
		return 0;
	size_t s = slot_of(key, m->cap);
	while (m->heads[s] && m->keys[s] != key)
		s = (s + 1) & (m->cap - 1);
	size_t n = 0;
	for (uint32_t e = m->heads[s]; e && n < max; e = m->next[e - 1])
		out[n++] = m->vals[e - 1];
	return n;
}

size_t plx_mmap_bytes(const plx_mmap *m)
{
	return m->cap * (sizeof *m->keys + sizeof *m->heads) +
	       m->cap_vals * (sizeof *m->vals + sizeof *m->next);
}
