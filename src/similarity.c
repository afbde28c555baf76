/*
 * similarity.c: how alike two analysed articles are as a story, 0..1, with
 * the reasons (shared names, places, facts, time apart).  Stands beside the
 * story engine: it compares one pair exactly instead of clustering a stream.
 *
 * Design (weights in plx_similarity_params; tuned and measured in
 * docs/similarity.md):
 * - Terms, four kinds (plx_sim_each_term is the one definition): Snowball
 *   stems of the non-stop words of title and body, numbers as written,
 *   names (the entity stage's keys of people, organisations, others) and
 *   places (place keys and the dateline).
 * - Inverse document frequency idf = ln((1 + N) / (1 + df)) + 1, from a
 *   model built over a corpus or, by default, the built-in table counted at
 *   build time on a news corpus, Reuters-21578 by default (BUILD/
 *   similarity_df.c, made by tools/gen_idf.c); empty without one, when
 *   every term gets idf 1.
 * - Components, each in [0,1]:
 *     terms    cosine of tf * idf word vectors, title x title_boost
 *     names    cosine of mentions * idf name vectors
 *     places   cosine of idf place vectors (binary)
 *     numbers  cosine of idf number vectors (binary)
 *     facts    sentences aligned one to one: a pair of sentences, each the
 *              other's best match with idf cosine >= fact_min, is a shared
 *              fact; the component is the sum of their similarities over
 *              the shorter article's sentence count (capped at 1)
 * - Score: bias + the weighted sum of the components' square roots (a
 *   linear model fitted on a development split of annotated pairs; the
 *   root spreads the low cosines where related and unrelated pairs part,
 *   and the negative bias flattens the noise of unrelated pairs to 0),
 *   clamped to [0,1]; when both
 *   articles have dates, multiplied by 1 - time_weight * (1 - 1 / (1 + days
 *   / time_days)): stories a month apart are seldom one story.
 * Cost: O(terms log terms) per article plus O(s_a * s_b * sentence terms)
 * for the alignment; articles are capped at PLX_SIM_MAX_SENTENCES.
 * Known limits: English only (stems, stop words, the table); names the
 * entity stage misses count as words only; no paraphrase knowledge.
 */
#include "similarity.h"

#include <libstemmer.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

#include "mem.h"
#include "segment.h"

/* Sentences of an article taken into the fact alignment: the lead carries
 * the story, and the alignment is quadratic in sentences. */
#define PLX_SIM_MAX_SENTENCES 200
/* A sentence with fewer distinct terms than this is not a fact (bylines,
 * "Read more", one-word captions). */
#define PLX_SIM_MIN_FACT_TERMS 3
/* Longest word (bytes) taken from a record title. */
#define PLX_SIM_WORD_MAX 64

void plx_similarity_params_default(plx_similarity_params *p)
{
	memset(p, 0, sizeof *p);
	p->model = NULL;
	p->title_boost = 2;
	p->fact_min = 0.5;
	/* Fitted on the development split of the English SemEval-2022 pairs
	 * (bench/similarity_semeval.py --fit; docs/similarity.md): least
	 * squares with weights kept >= 0, so sharing more never lowers the
	 * score.  Only the words earned a weight there: the other components
	 * are reasons, and the seams for a better fit. */
	p->bias = -0.104;
	p->w_terms = 1.309;
	p->w_names = 0.0;
	p->w_places = 0.0;
	p->w_numbers = 0.0;
	p->w_facts = 0.0;
	p->time_days = 7;
	p->time_weight = 0.5;
}

/* ---- Document frequencies ---------------------------------------------- */

/* The model: a hash map (kind-tagged XXH3 of the term) -> df. */
struct plx_similarity_model {
	uint64_t *keys; /* 0: empty slot */
	unsigned *df;
	size_t cap, n;
	unsigned docs;
	uint64_t *seen; /* one article's distinct keys (scratch) */
	size_t n_seen, cap_seen;
};

static uint64_t term_key(plx_sim_kind kind, const char *t, size_t len)
{
	uint64_t h = XXH3_64bits_withSeed(t, len, (uint64_t)kind + 1);
	return h ? h : 1;
}

static int model_find(const plx_similarity_model *m, uint64_t key, size_t *slot)
{
	size_t i = (size_t)key & (m->cap - 1);
	while (m->keys[i]) {
		if (m->keys[i] == key) {
			*slot = i;
			return 1;
		}
		i = (i + 1) & (m->cap - 1);
	}
	*slot = i;
	return 0;
}

static int model_grow(plx_similarity_model *m)
{
	size_t cap = m->cap ? m->cap * 2 : 4096;
	uint64_t *keys = plx_calloc(cap, sizeof *keys);
	unsigned *df = plx_calloc(cap, sizeof *df);
	if (!keys || !df) {
		plx_free(keys);
		plx_free(df);
		return PLX_ENOMEM;
	}
	plx_similarity_model old = *m;
	m->keys = keys;
	m->df = df;
	m->cap = cap;
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i]) {
			size_t s;
			model_find(m, old.keys[i], &s);
			m->keys[s] = old.keys[i];
			m->df[s] = old.df[i];
		}
	plx_free(old.keys);
	plx_free(old.df);
	return PLX_OK;
}

int plx_similarity_model_new(plx_similarity_model **out)
{
	*out = plx_calloc(1, sizeof **out);
	if (!*out)
		return PLX_ENOMEM;
	if (model_grow(*out)) {
		plx_free(*out);
		*out = NULL;
		return PLX_ENOMEM;
	}
	return PLX_OK;
}

static int model_seen(void *ud, plx_sim_kind kind, const char *term, size_t len,
		      size_t sentence, long entity, size_t mentions)
{
	(void)sentence;
	(void)entity;
	(void)mentions;
	plx_similarity_model *m = ud;
	if (plx_grow((void **)&m->seen, &m->cap_seen, m->n_seen + 1,
		     sizeof *m->seen))
		return PLX_ENOMEM;
	m->seen[m->n_seen++] = term_key(kind, term, len);
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

int plx_similarity_model_add(plx_similarity_model *m, const plx_article *art)
{
	if (!m || !art)
		return PLX_EINVAL;
	m->n_seen = 0;
	int rc = plx_sim_each_term(art, model_seen, m);
	if (rc)
		return rc;
	if (m->n_seen)
		qsort(m->seen, m->n_seen, sizeof *m->seen, cmp_u64);
	for (size_t i = 0; i < m->n_seen; i++) {
		if (i && m->seen[i] == m->seen[i - 1])
			continue;
		if ((m->n + 1) * 2 > m->cap && model_grow(m))
			return PLX_ENOMEM;
		size_t s;
		if (!model_find(m, m->seen[i], &s)) {
			m->keys[s] = m->seen[i];
			m->n++;
		}
		m->df[s]++;
	}
	m->docs++;
	return PLX_OK;
}

size_t plx_similarity_model_docs(const plx_similarity_model *m)
{
	return m ? m->docs : 0;
}

void plx_similarity_model_free(plx_similarity_model *m)
{
	if (!m)
		return;
	plx_free(m->keys);
	plx_free(m->df);
	plx_free(m->seen);
	plx_free(m);
}

static unsigned table_df(const plx_df_entry *t, size_t n, const char *term,
			 size_t len)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(t[mid].term, term, len);
		if (c == 0 && t[mid].term[len])
			c = 1; /* the table's term is longer */
		if (c == 0)
			return t[mid].df;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

unsigned plx_df_lookup(int names, const char *term, size_t len)
{
	return names ? table_df(plx_df_names, plx_df_n_names, term, len)
		     : table_df(plx_df_words, plx_df_n_words, term, len);
}

static double idf_of(const plx_similarity_model *m, plx_sim_kind kind,
		     const char *term, size_t len)
{
	double n, df;
	if (m) {
		size_t s;
		n = m->docs;
		df = model_find(m, term_key(kind, term, len), &s) ? m->df[s]
								  : 0;
	} else {
		n = plx_df_docs;
		df = kind == PLX_SIM_NAME || kind == PLX_SIM_PLACE
			     ? table_df(plx_df_names, plx_df_n_names, term, len)
			     : table_df(plx_df_words, plx_df_n_words, term,
					len);
	}
	return log((1 + n) / (1 + df)) + 1;
}

/* ---- Terms of an article ------------------------------------------------ */

/* In strcmp order: plx_title_words binary-searches them. */
static const char *const TITLE_STOP[] = {
	"a",   "about", "after", "all",  "also",  "an",   "and",  "are",
	"as",  "at",    "be",    "been", "but",   "by",   "for",  "from",
	"has", "have",  "he",    "her",  "his",   "in",   "into", "is",
	"it",  "its",   "not",   "of",   "on",    "or",   "over", "says",
	"she", "than",  "that",  "the",  "their", "they", "this", "to",
	"up",  "was",   "were",  "what", "who",   "will", "with"};

typedef struct title_ctx {
	plx_sim_term_fn fn;
	void *ud;
} title_ctx;

static int title_word(void *ud, const char *w, size_t n, int number)
{
	title_ctx *c = ud;
	return c->fn(c->ud, number ? PLX_SIM_NUMBER : PLX_SIM_WORD, w, n,
		     PLX_SIM_TITLE, -1, 1);
}

/* Words and numbers of a record title that is not in the text. */
static int title_terms(const char *title, plx_sim_term_fn fn, void *ud)
{
	struct sb_stemmer *st = sb_stemmer_new("english", "UTF_8");
	if (!st)
		return PLX_ENOMEM;
	title_ctx c = {fn, ud};
	int rc = plx_title_words(title, st, TITLE_STOP,
				 sizeof TITLE_STOP / sizeof *TITLE_STOP,
				 PLX_SIM_WORD_MAX, title_word, &c);
	sb_stemmer_delete(st);
	return rc;
}

int plx_sim_each_term(const plx_article *art, plx_sim_term_fn fn, void *ud)
{
	size_t np, ns, nt, ne;
	const plx_paragraph *paras = plx_article_paragraphs(art, &np);
	const plx_sentence *sents = plx_article_sentences(art, &ns);
	const plx_token *toks = plx_article_tokens(art, &nt);
	const plx_entity *ents = plx_article_entities(art, &ne);
	int rc = 0, has_title = 0;
	for (size_t i = 0; i < np; i++)
		has_title |= paras[i].kind == PLX_PARA_TITLE;
	const char *title = plx_article_title(art);
	if (title && !has_title && (rc = title_terms(title, fn, ud)))
		return rc;
	for (size_t i = 0; i < np && !rc; i++) {
		const plx_paragraph *p = &paras[i];
		if (p->kind != PLX_PARA_BODY && p->kind != PLX_PARA_TITLE)
			continue;
		for (size_t j = p->first_sentence;
		     j < p->first_sentence + p->n_sentences && j < ns && !rc;
		     j++) {
			size_t where =
				p->kind == PLX_PARA_TITLE ? PLX_SIM_TITLE : j;
			for (size_t k = sents[j].first_token;
			     k < sents[j].first_token + sents[j].n_tokens &&
			     k < nt && !rc;
			     k++) {
				const plx_token *t = &toks[k];
				if (t->flags & PLX_TOK_STOP)
					continue;
				if (t->flags & PLX_TOK_NUMBER)
					rc = fn(ud, PLX_SIM_NUMBER, t->norm,
						strlen(t->norm), where, -1, 1);
				else if ((t->flags & PLX_TOK_WORD) &&
					 t->stem[0] && t->stem[1])
					rc = fn(ud, PLX_SIM_WORD, t->stem,
						strlen(t->stem), where, -1, 1);
			}
		}
	}
	for (size_t i = 0; i < ne && !rc; i++) {
		const plx_entity *e = &ents[i];
		if (!e->key || !e->key[0])
			continue;
		rc = fn(ud,
			e->type == PLX_ENT_PLACE ? PLX_SIM_PLACE : PLX_SIM_NAME,
			e->key, strlen(e->key),
			e->n_mentions ? e->mentions[0].sentence : 0, (long)i,
			e->n_mentions ? e->n_mentions : 1);
		/* A person is also their surname: "Kawhi Leonard" in one
		 * article is "Leonard" in another's headline. */
		const char *sp = strrchr(e->key, ' ');
		if (!rc && e->type == PLX_ENT_PERSON && sp && sp[1])
			rc = fn(ud, PLX_SIM_NAME, sp + 1, strlen(sp + 1),
				e->n_mentions ? e->mentions[0].sentence : 0,
				(long)i, e->n_mentions ? e->n_mentions : 1);
	}
	const char *dl = plx_article_dateline(art);
	if (!rc && dl && dl[0]) {
		char *key = NULL;
		if (plx_name_key(dl, strlen(dl), &key))
			return PLX_ENOMEM;
		if (key[0])
			rc = fn(ud, PLX_SIM_PLACE, key, strlen(key),
				PLX_SIM_TITLE, -2, 1);
		plx_free(key);
	}
	return rc;
}

/* ---- Features of one article -------------------------------------------- */

typedef struct occ {
	uint64_t key;
	double w; /* tf, then weight */
	double idf;
	size_t sentence;
	long entity; /* -1 none, -2 the dateline */
	unsigned kind;
} occ;

typedef struct feats {
	const plx_article *art;
	const plx_similarity_params *p;
	occ *o; /* occurrences, then merged terms sorted by (kind, key) */
	size_t n, cap;
	size_t kind_at[PLX_SIM_KINDS + 1]; /* first term of each kind */
	occ *s; /* sentence terms (words and numbers), sorted by (sentence,
		   key), one per distinct pair */
	size_t ns, cap_s;
	size_t *sent_at; /* first entry of each sentence in s */
	double *sent_norm;
	size_t n_sent;
} feats;

static int feat_add(void *ud, plx_sim_kind kind, const char *term, size_t len,
		    size_t sentence, long entity, size_t mentions)
{
	feats *f = ud;
	if (plx_grow((void **)&f->o, &f->cap, f->n + 1, sizeof *f->o))
		return PLX_ENOMEM;
	occ *o = &f->o[f->n++];
	o->key = term_key(kind, term, len);
	o->kind = kind;
	o->sentence = sentence;
	o->entity = entity;
	o->idf = idf_of(f->p->model, kind, term, len);
	o->w = sentence == PLX_SIM_TITLE && kind <= PLX_SIM_NUMBER
		       ? f->p->title_boost
		       : (double)mentions;
	return 0;
}

static int cmp_kind_key(const void *a, const void *b)
{
	const occ *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	/* An entity before the dateline, so a shared place is named by it. */
	return (x->entity < y->entity) - (x->entity > y->entity);
}

static int cmp_sent_key(const void *a, const void *b)
{
	const occ *x = a, *y = b;
	if (x->sentence != y->sentence)
		return x->sentence < y->sentence ? -1 : 1;
	return (x->key > y->key) - (x->key < y->key);
}

static void feats_free(feats *f)
{
	plx_free(f->o);
	plx_free(f->s);
	plx_free(f->sent_at);
	plx_free(f->sent_norm);
}

static int feats_build(feats *f, const plx_article *art,
		       const plx_similarity_params *p)
{
	memset(f, 0, sizeof *f);
	f->art = art;
	f->p = p;
	int rc = plx_sim_each_term(art, feat_add, f);
	if (rc)
		return rc;

	/* Sentence terms: a copy of the body words and numbers. */
	size_t ns_art;
	plx_article_sentences(art, &ns_art);
	f->n_sent =
		ns_art < PLX_SIM_MAX_SENTENCES ? ns_art : PLX_SIM_MAX_SENTENCES;
	for (size_t i = 0; i < f->n; i++) {
		const occ *o = &f->o[i];
		if (o->kind > PLX_SIM_NUMBER || o->sentence >= f->n_sent)
			continue;
		if (plx_grow((void **)&f->s, &f->cap_s, f->ns + 1,
			     sizeof *f->s))
			return PLX_ENOMEM;
		f->s[f->ns++] = *o;
	}
	if (f->ns)
		qsort(f->s, f->ns, sizeof *f->s, cmp_sent_key);
	f->sent_at = plx_calloc(f->n_sent + 1, sizeof *f->sent_at);
	f->sent_norm = plx_calloc(f->n_sent + 1, sizeof *f->sent_norm);
	if (!f->sent_at || !f->sent_norm)
		return PLX_ENOMEM;
	size_t w = 0;
	for (size_t i = 0; i < f->ns; i++)
		if (!w || f->s[w - 1].sentence != f->s[i].sentence ||
		    f->s[w - 1].key != f->s[i].key)
			f->s[w++] = f->s[i];
	f->ns = w;
	for (size_t i = 0, j = 0; j <= f->n_sent; j++) {
		f->sent_at[j] = i;
		double norm = 0;
		while (i < f->ns && f->s[i].sentence == j) {
			norm += f->s[i].idf * f->s[i].idf;
			i++;
		}
		if (j < f->n_sent)
			f->sent_norm[j] = sqrt(norm);
	}

	/* Whole-article terms: merge occurrences, weight, normalise. */
	if (f->n)
		qsort(f->o, f->n, sizeof *f->o, cmp_kind_key);
	w = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (w && f->o[w - 1].kind == f->o[i].kind &&
		    f->o[w - 1].key == f->o[i].key) {
			f->o[w - 1].w += f->o[i].w;
			continue;
		}
		f->o[w++] = f->o[i];
	}
	f->n = w;
	double norm[PLX_SIM_KINDS] = {0};
	for (size_t i = 0; i < f->n; i++) {
		occ *o = &f->o[i];
		/* Places and numbers count once: a repeated figure or city is
		 * no more shared for being repeated.  Words and names: raw tf
		 * (better than 1 + ln tf and than binary on the dev pairs:
		 * docs/similarity.md). */
		o->w = o->kind == PLX_SIM_PLACE || o->kind == PLX_SIM_NUMBER
			       ? o->idf
			       : o->w * o->idf;
		norm[o->kind] += o->w * o->w;
	}
	for (size_t i = 0; i < f->n; i++)
		if (norm[f->o[i].kind] > 0)
			f->o[i].w /= sqrt(norm[f->o[i].kind]);
	size_t k = 0;
	for (unsigned kind = 0; kind <= PLX_SIM_KINDS; kind++) {
		while (k < f->n && f->o[k].kind < kind)
			k++;
		f->kind_at[kind] = k;
	}
	return PLX_OK;
}

/* ---- Comparison ------------------------------------------------------------
 */

/* A shared name or place, for the reasons. */
typedef struct shared {
	double w;
	const char *name;
} shared;

static void keep_shared(shared *top, size_t *n, size_t max, double w,
			const char *name)
{
	if (!name)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp(top[i].name, name) == 0)
			return;
	size_t i = *n < max ? (*n)++ : max;
	if (i == max) {
		if (w <= top[max - 1].w)
			return;
		i = max - 1;
	}
	while (i > 0 && top[i - 1].w < w) {
		top[i] = top[i - 1];
		i--;
	}
	top[i].w = w;
	top[i].name = name;
}

static const char *name_of(const feats *f, const occ *o)
{
	if (o->entity == -2)
		return plx_article_dateline(f->art);
	if (o->entity < 0)
		return NULL;
	size_t ne;
	const plx_entity *e = plx_article_entities(f->art, &ne);
	return (size_t)o->entity < ne ? e[o->entity].name : NULL;
}

static double kind_cosine(const feats *a, const feats *b, unsigned kind,
			  shared *top, size_t *n_top, size_t max)
{
	size_t i = a->kind_at[kind], ie = a->kind_at[kind + 1];
	size_t j = b->kind_at[kind], je = b->kind_at[kind + 1];
	double dot = 0;
	while (i < ie && j < je) {
		if (a->o[i].key < b->o[j].key)
			i++;
		else if (a->o[i].key > b->o[j].key)
			j++;
		else {
			double w = a->o[i].w * b->o[j].w;
			dot += w;
			if (top)
				keep_shared(top, n_top, max, w,
					    name_of(a, &a->o[i]));
			i++;
			j++;
		}
	}
	return dot > 1 ? 1 : dot;
}

static double sent_cosine(const feats *a, size_t x, const feats *b, size_t y)
{
	size_t i = a->sent_at[x], ie = a->sent_at[x + 1];
	size_t j = b->sent_at[y], je = b->sent_at[y + 1];
	if (ie - i < PLX_SIM_MIN_FACT_TERMS || je - j < PLX_SIM_MIN_FACT_TERMS)
		return 0;
	double dot = 0;
	size_t common = 0;
	while (i < ie && j < je) {
		if (a->s[i].key < b->s[j].key)
			i++;
		else if (a->s[i].key > b->s[j].key)
			j++;
		else {
			dot += a->s[i].idf * b->s[j].idf;
			common++;
			i++;
			j++;
		}
	}
	/* Two rare words in common ("Russia", "NATO") are a topic, not a
	 * fact. */
	if (common < PLX_SIM_MIN_FACT_TERMS)
		return 0;
	double d = a->sent_norm[x] * b->sent_norm[y];
	return d > 0 ? dot / d : 0;
}

/* Mutual best sentence matches >= fact_min: the shared facts. */
static int align_facts(const feats *a, const feats *b, double fact_min,
		       double *facts, size_t *n_facts)
{
	*facts = 0;
	*n_facts = 0;
	size_t na = a->n_sent, nb = b->n_sent;
	if (!na || !nb)
		return PLX_OK;
	size_t *best_a = plx_malloc(na * sizeof *best_a);
	double *sim_a = plx_malloc(na * sizeof *sim_a);
	size_t *best_b = plx_malloc(nb * sizeof *best_b);
	double *sim_b = plx_calloc(nb, sizeof *sim_b);
	if (!best_a || !sim_a || !best_b || !sim_b) {
		plx_free(best_a);
		plx_free(sim_a);
		plx_free(best_b);
		plx_free(sim_b);
		return PLX_ENOMEM;
	}
	for (size_t y = 0; y < nb; y++)
		best_b[y] = SIZE_MAX;
	for (size_t x = 0; x < na; x++) {
		best_a[x] = SIZE_MAX;
		sim_a[x] = 0;
		for (size_t y = 0; y < nb; y++) {
			double s = sent_cosine(a, x, b, y);
			if (s > sim_a[x]) {
				sim_a[x] = s;
				best_a[x] = y;
			}
			if (s > sim_b[y]) {
				sim_b[y] = s;
				best_b[y] = x;
			}
		}
	}
	double sum = 0;
	for (size_t x = 0; x < na; x++)
		if (best_a[x] != SIZE_MAX && sim_a[x] >= fact_min &&
		    best_b[best_a[x]] == x) {
			sum += sim_a[x];
			(*n_facts)++;
		}
	size_t shorter = 0; /* sentences that could hold a fact */
	for (size_t x = 0; x < na; x++)
		shorter += a->sent_at[x + 1] - a->sent_at[x] >=
			   PLX_SIM_MIN_FACT_TERMS;
	size_t nb_facts = 0;
	for (size_t y = 0; y < nb; y++)
		nb_facts += b->sent_at[y + 1] - b->sent_at[y] >=
			    PLX_SIM_MIN_FACT_TERMS;
	if (nb_facts < shorter)
		shorter = nb_facts;
	*facts = shorter ? sum / (double)shorter : 0;
	if (*facts > 1)
		*facts = 1;
	plx_free(best_a);
	plx_free(sim_a);
	plx_free(best_b);
	plx_free(sim_b);
	return PLX_OK;
}

int plx_similarity_compare(const plx_article *a, const plx_article *b,
			   const plx_similarity_params *params,
			   plx_similarity *out)
{
	if (!a || !b || !out)
		return PLX_EINVAL;
	memset(out, 0, sizeof *out);
	plx_similarity_params def;
	if (!params) {
		plx_similarity_params_default(&def);
		params = &def;
	}
	feats fa, fb;
	int rc = feats_build(&fa, a, params);
	if (!rc)
		rc = feats_build(&fb, b, params);
	else
		memset(&fb, 0, sizeof fb);
	if (rc)
		goto done;

	shared names[PLX_SIM_MAX_NAMES], places[PLX_SIM_MAX_PLACES];
	size_t n_names = 0, n_places = 0;
	out->terms = kind_cosine(&fa, &fb, PLX_SIM_WORD, NULL, NULL, 0);
	out->numbers = kind_cosine(&fa, &fb, PLX_SIM_NUMBER, NULL, NULL, 0);
	out->names = kind_cosine(&fa, &fb, PLX_SIM_NAME, names, &n_names,
				 PLX_SIM_MAX_NAMES);
	out->places = kind_cosine(&fa, &fb, PLX_SIM_PLACE, places, &n_places,
				  PLX_SIM_MAX_PLACES);
	if ((rc = align_facts(&fa, &fb, params->fact_min, &out->facts,
			      &out->n_facts)))
		goto done;
	for (size_t i = 0; i < n_names; i++)
		out->shared_names[i] = names[i].name;
	out->n_shared_names = n_names;
	for (size_t i = 0; i < n_places; i++)
		out->shared_places[i] = places[i].name;
	out->n_shared_places = n_places;

	double s = params->bias + params->w_terms * sqrt(out->terms) +
		   params->w_names * sqrt(out->names) +
		   params->w_places * sqrt(out->places) +
		   params->w_numbers * sqrt(out->numbers) +
		   params->w_facts * sqrt(out->facts);
	s = s < 0 ? 0 : s > 1 ? 1 : s;
	out->days = -1;
	out->time = 1;
	int64_t ta, tb;
	const char *da = plx_article_date(a), *db = plx_article_date(b);
	if (da && db && plx_date_parse(da, &ta) == 0 &&
	    plx_date_parse(db, &tb) == 0) {
		out->days = fabs((double)(ta - tb)) / 86400.0;
		double near = params->time_days > 0
				      ? 1 / (1 + out->days / params->time_days)
				      : 1;
		out->time = 1 - params->time_weight * (1 - near);
		s *= out->time;
	}
	out->score = s;
done:
	feats_free(&fa);
	feats_free(&fb);
	return rc;
}
