/*
 * coverage.c: the story report, the last stage: the analysed articles of
 * one story compared source by source (own, copied and opinion text; facts
 * aligned across articles; discrepancies; quotes by speaker; entities
 * merged across articles; opinion; timeline).  coverage_render.c lays the
 * report out.
 *
 * Fact alignment.  Units are the sentences of reporting body paragraphs
 * that are not mostly quotation.  A unit is a set of terms: entities (by
 * their merged cross-article identity, so "Sergei Lavrov" and "Lavrov"
 * meet), numbers, and the stems of content words folded through a small
 * table of news synonyms (talks, discussion, meeting...), each weighted by
 * its IDF within the story (entities count 1.5 times).  Candidate pairs come
 * from an inverted index: each unit looks up its query_terms rarest terms
 * and walks at most max_postings postings of each, so the candidates are
 * O(n) and their sort O(n log n); a term in every sentence finds nothing
 * and costs nothing.  A candidate from another article is scored by the
 * cosine of the weighted term sets; pairs at or over fact_threshold are
 * merged greedily, best first (union-find), as long as a fact holds at
 * most max_per_article sentences of one article (a source that splits a
 * fact in two sentences keeps both; chains through one long article do
 * not swallow the story).  Deterministic: every sort has a total order.
 *
 * Discrepancies: in a fact carried by two sources or more, each variant's
 * quantities (a number or number word with the content word after it, a
 * time of day, a weekday, a percentage, a year) are compared by that word:
 * two different values of the same quantity from different sources are a
 * discrepancy, listed with both versions.  Known limits: a quantity named
 * before its number ("the death toll rose to 5") is keyed by what follows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "article.h"
#include "coverage.h"
#include "entity.h"
#include "mem.h"

void plx_coverage_params_default(plx_coverage_params *p)
{
	p->fact_threshold = 0.30;
	p->query_terms = 8;
	p->max_postings = 64;
	p->max_per_article = 2;
	p->copy_threshold = 0.8;
}

int plx_coverage_new(const plx_coverage_params *p, plx_coverage **out)
{
	*out = NULL;
	plx_coverage *c = plx_calloc(1, sizeof *c);
	if (!c)
		return PLX_ENOMEM;
	if (p)
		c->p = *p;
	else
		plx_coverage_params_default(&c->p);
	if (!(c->p.fact_threshold > 0) || c->p.query_terms == 0 ||
	    c->p.max_postings == 0 || c->p.max_per_article == 0) {
		plx_free(c);
		return PLX_EINVAL;
	}
	plx_arena_init(&c->ar);
	c->id = -1;
	*out = c;
	return PLX_OK;
}

int plx_coverage_set_story(plx_coverage *c, int64_t id, const char *headline)
{
	c->id = id < 0 ? -1 : id;
	plx_free(c->headline);
	c->headline = NULL;
	if (headline &&
	    !(c->headline = plx_strndup(headline, strlen(headline))))
		return PLX_ENOMEM;
	return PLX_OK;
}

int plx_coverage_add(plx_coverage *c, plx_article *art)
{
	if (!art)
		return PLX_EINVAL;
	if (c->built) {
		plx_article_free(art);
		return PLX_EINVAL;
	}
	if (plx_grow((void **)&c->arts, &c->cap_arts, c->n_arts + 1,
		     sizeof *c->arts)) {
		plx_article_free(art);
		return PLX_ENOMEM;
	}
	cov_article *a = &c->arts[c->n_arts++];
	memset(a, 0, sizeof *a);
	a->art = art;
	a->copy_of = -1;
	return PLX_OK;
}

void plx_coverage_free(plx_coverage *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_arts; i++)
		plx_article_free(c->arts[i].art);
	plx_free(c->arts);
	plx_free(c->headline);
	plx_arena_free(&c->ar);
	plx_free(c);
}

void plx_coverage_counts_get(const plx_coverage *c, plx_coverage_counts *out)
{
	memset(out, 0, sizeof *out);
	out->articles = c->n_arts;
	if (!c->built)
		return;
	out->sources = c->n_srcs;
	out->facts = c->n_facts;
	for (size_t i = 0; i < c->n_facts; i++)
		if (c->facts[i].n_srcs >= 2)
			out->shared_facts++;
	out->discrepancies = c->n_discs;
	out->quotes = c->n_quotes;
	out->entities = c->n_ents;
	out->opinion = c->n_ops;
}

const char *plx_cov_sentence(const plx_coverage *c, size_t a, size_t s,
			     size_t *len)
{
	size_t n, tl;
	const plx_sentence *ss = plx_article_sentences(c->arts[a].art, &n);
	const char *t = plx_article_text(c->arts[a].art, &tl);
	size_t b = ss[s].start, e = ss[s].end;
	while (b < e && (t[b] == ' ' || t[b] == '\n' || t[b] == '\t'))
		b++;
	while (e > b &&
	       (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\t'))
		e--;
	*len = e - b;
	return t + b;
}

/* ---- A string table: interned keys numbered 0, 1, ... ---------------- */

typedef struct strtab {
	uint32_t *slots; /* id + 1, 0 empty */
	size_t cap;
	const char **keys; /* arena copies, NUL-terminated */
	size_t n, kcap;
	plx_arena *ar;
} strtab;

static void tab_free(strtab *t)
{
	plx_free(t->slots);
	plx_free(t->keys);
}

/* The key's number, or -1. */
static long tab_find(const strtab *t, const char *s, size_t len)
{
	if (!t->cap)
		return -1;
	size_t j = (size_t)XXH3_64bits(s, len) & (t->cap - 1);
	while (t->slots[j]) {
		const char *k = t->keys[t->slots[j] - 1];
		if (strncmp(k, s, len) == 0 && k[len] == 0)
			return (long)t->slots[j] - 1;
		j = (j + 1) & (t->cap - 1);
	}
	return -1;
}

/* Sets *id to the key's number, adding it when new (*added = 1). */
static int tab_intern(strtab *t, const char *s, size_t len, uint32_t *id,
		      int *added)
{
	if (added)
		*added = 0;
	if (t->n * 2 >= t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 64;
		uint32_t *ns = plx_calloc(nc, sizeof *ns);
		if (!ns)
			return PLX_ENOMEM;
		for (size_t i = 0; i < t->n; i++) {
			uint64_t h =
				XXH3_64bits(t->keys[i], strlen(t->keys[i]));
			size_t j = (size_t)h & (nc - 1);
			while (ns[j])
				j = (j + 1) & (nc - 1);
			ns[j] = (uint32_t)i + 1;
		}
		plx_free(t->slots);
		t->slots = ns;
		t->cap = nc;
	}
	uint64_t h = XXH3_64bits(s, len);
	size_t j = (size_t)h & (t->cap - 1);
	while (t->slots[j]) {
		const char *k = t->keys[t->slots[j] - 1];
		if (strncmp(k, s, len) == 0 && k[len] == 0) {
			*id = t->slots[j] - 1;
			return PLX_OK;
		}
		j = (j + 1) & (t->cap - 1);
	}
	if (plx_grow((void **)&t->keys, &t->kcap, t->n + 1, sizeof *t->keys))
		return PLX_ENOMEM;
	char *k = plx_arena_strndup(t->ar, s, len);
	if (!k)
		return PLX_ENOMEM;
	t->keys[t->n] = k;
	t->slots[j] = (uint32_t)t->n + 1;
	*id = (uint32_t)t->n++;
	if (added)
		*added = 1;
	return PLX_OK;
}

/* ---- Small helpers ---------------------------------------------------- */

typedef struct vec {
	size_t *v;
	size_t n, cap;
} vec;

static int vec_push(vec *x, size_t val)
{
	if (plx_grow((void **)&x->v, &x->cap, x->n + 1, sizeof *x->v))
		return PLX_ENOMEM;
	x->v[x->n++] = val;
	return PLX_OK;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* qsort, which must not see a NULL array even when empty. */
static void sort_n(void *base, size_t n, size_t sz,
		   int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, sz, cmp);
}

/* Copies n items of size sz into the arena (NULL for none). */
static void *arena_copy(plx_arena *ar, const void *p, size_t n, size_t sz,
			int *rc)
{
	if (!n)
		return NULL;
	void *q = plx_arena_alloc(ar, n * sz);
	if (!q) {
		*rc = PLX_ENOMEM;
		return NULL;
	}
	memcpy(q, p, n * sz);
	return q;
}

static int is_body(const plx_article *art, size_t para)
{
	size_t n;
	const plx_paragraph *ps = plx_article_paragraphs(art, &n);
	return para < n && ps[para].kind == PLX_PARA_BODY;
}

/* ---- Articles: order, sources, copies, shares -------------------------- */

typedef struct tkey {
	int64_t time; /* INT64_MAX when unknown: last */
	size_t i;
} tkey;

static int cmp_tkey(const void *pa, const void *pb)
{
	const tkey *a = pa, *b = pb;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static int build_articles(plx_coverage *c)
{
	int rc = PLX_OK;
	if (!(c->tl = plx_arena_alloc(&c->ar, (c->n_arts + 1) * sizeof *c->tl)))
		return PLX_ENOMEM;
	for (size_t i = 0; i < c->n_arts; i++) {
		cov_article *a = &c->arts[i];
		const char *d = plx_article_date(a->art);
		int64_t t;
		a->time = d && plx_date_parse(d, &t) == PLX_OK ? t : INT64_MIN;
		const char *id = plx_article_id(a->art);
		if (!id)
			id = plx_article_path(a->art);
		char buf[32];
		if (!id) {
			snprintf(buf, sizeof buf, "article %zu", i + 1);
			id = buf;
		}
		if (!(a->id = plx_arena_strndup(&c->ar, id, strlen(id))))
			return PLX_ENOMEM;
		const char *s = plx_article_source(a->art);
		/* an article of unknown source is a source of its own: two
		 * such articles are not one outlet */
		if (s && *s)
			a->source = s;
		else {
			size_t l = strlen(a->id) + 16;
			char *u = plx_arena_alloc(&c->ar, l);
			if (!u)
				return PLX_ENOMEM;
			snprintf(u, l, "unknown (%s)", a->id);
			a->source = u;
		}
		size_t np;
		plx_article_paragraphs(a->art, &np);
		if (!(a->para_from =
			      plx_arena_alloc(&c->ar, (np + 1) * sizeof(long))))
			return PLX_ENOMEM;
		for (size_t k = 0; k < np; k++)
			a->para_from[k] = -1;
	}
	tkey *keys = plx_malloc((c->n_arts + 1) * sizeof *keys);
	if (!keys)
		return PLX_ENOMEM;
	for (size_t i = 0; i < c->n_arts; i++)
		keys[i] = (tkey){c->arts[i].time == INT64_MIN ? INT64_MAX
							      : c->arts[i].time,
				 i};
	sort_n(keys, c->n_arts, sizeof *keys, cmp_tkey);
	for (size_t i = 0; i < c->n_arts; i++)
		c->tl[i] = keys[i].i;
	plx_free(keys);

	/* Sources, in the order they first reported. */
	strtab st = {0};
	st.ar = &c->ar;
	vec *members = NULL;
	size_t cap_m = 0, n_m = 0;
	for (size_t k = 0; k < c->n_arts && !rc; k++) {
		cov_article *a = &c->arts[c->tl[k]];
		uint32_t id;
		int added;
		if ((rc = tab_intern(&st, a->source, strlen(a->source), &id,
				     &added)))
			break;
		if (added && (rc = plx_grow((void **)&members, &cap_m, st.n,
					    sizeof *members)))
			break;
		if (added) {
			memset(&members[id], 0, sizeof *members);
			n_m++;
		}
		a->src = id;
		rc = vec_push(&members[id], c->tl[k]);
	}
	if (!rc) {
		c->n_srcs = st.n;
		c->srcs = plx_arena_alloc(&c->ar, (st.n + 1) * sizeof *c->srcs);
		if (!c->srcs)
			rc = PLX_ENOMEM;
	}
	for (size_t i = 0; !rc && i < st.n; i++) {
		cov_source *s = &c->srcs[i];
		memset(s, 0, sizeof *s);
		s->name = st.keys[i];
		s->n_arts = members[i].n;
		s->arts = arena_copy(&c->ar, members[i].v, members[i].n,
				     sizeof(size_t), &rc);
		s->first = c->arts[members[i].v[0]].time;
	}
	for (size_t i = 0; i < n_m; i++)
		plx_free(members[i].v);
	plx_free(members);
	tab_free(&st);
	return rc;
}

/* Word 3-gram hashes of body paragraph p (or every body paragraph when
 * p is PLX_NONE), appended to *out. */
static int para_grams(const plx_article *art, size_t p, uint64_t **out,
		      size_t *n, size_t *cap)
{
	size_t np, ns, nt;
	const plx_paragraph *ps = plx_article_paragraphs(art, &np);
	const plx_sentence *ss = plx_article_sentences(art, &ns);
	const plx_token *ts = plx_article_tokens(art, &nt);
	for (size_t i = p == PLX_NONE ? 0 : p; i < np; i++) {
		if (ps[i].kind != PLX_PARA_BODY) {
			if (p != PLX_NONE)
				break;
			continue;
		}
		uint64_t w[3] = {0, 0, 0};
		size_t k = 0;
		for (size_t s = ps[i].first_sentence;
		     s < ps[i].first_sentence + ps[i].n_sentences && s < ns;
		     s++)
			for (size_t t = ss[s].first_token;
			     t < ss[s].first_token + ss[s].n_tokens; t++) {
				if (!(ts[t].flags &
				      (PLX_TOK_WORD | PLX_TOK_NUMBER)))
					continue;
				w[0] = w[1], w[1] = w[2];
				w[2] = XXH3_64bits(ts[t].norm,
						   strlen(ts[t].norm));
				if (++k < 3)
					continue;
				if (plx_grow((void **)out, cap, *n + 1,
					     sizeof **out))
					return PLX_ENOMEM;
				(*out)[(*n)++] =
					w[0] * 31 * 31 + w[1] * 31 + w[2];
			}
		if (p != PLX_NONE)
			break;
	}
	return PLX_OK;
}

static int has_gram(const uint64_t *g, size_t n, uint64_t h)
{
	return n && bsearch(&h, g, n, sizeof *g, cmp_u64) != NULL;
}

/* Copies: the deduplicator over the story's articles in time order gives
 * whole copies (near-duplicates) and reused paragraphs.  A copy's
 * paragraphs are copied when at least half of their 3-grams are in the
 * original (an edited sentence stays copied; a local paragraph is its
 * own). */
static int build_copies(plx_coverage *c)
{
	plx_dedup_params dp;
	plx_dedup_params_default(&dp);
	dp.threshold = c->p.copy_threshold;
	dp.window_days = 0;
	dp.window_articles = 0;
	plx_dedup *d = NULL;
	int rc = plx_dedup_new(&dp, &d);
	if (rc)
		return rc;
	uint64_t *g = NULL, *pg = NULL;
	size_t ng = 0, capg = 0, npg = 0, cappg = 0;
	for (size_t k = 0; k < c->n_arts && !rc; k++) {
		cov_article *a = &c->arts[c->tl[k]];
		const plx_dedup_result *res;
		if ((rc = plx_dedup_add(d, a->art, &res)))
			break;
		if (res->copy_of >= 0) {
			a->copy_of = (long)c->tl[res->copy_of];
			for (size_t m = 0; m < res->n_near; m++)
				if (res->near[m].article ==
				    (size_t)res->copy_of)
					a->copy_score = res->near[m].score;
		}
		for (size_t m = 0; m < res->n_reused; m++)
			if (res->reused[m].paragraph < SIZE_MAX)
				a->para_from[res->reused[m].paragraph] =
					(long)c->tl[res->reused[m].article];
		if (a->copy_of < 0)
			continue;
		ng = 0;
		if ((rc = para_grams(c->arts[a->copy_of].art, PLX_NONE, &g, &ng,
				     &capg)))
			break;
		sort_n(g, ng, sizeof *g, cmp_u64);
		size_t np;
		const plx_paragraph *ps = plx_article_paragraphs(a->art, &np);
		for (size_t p = 0; p < np && !rc; p++) {
			if (ps[p].kind != PLX_PARA_BODY)
				continue;
			npg = 0;
			if ((rc = para_grams(a->art, p, &pg, &npg, &cappg)))
				break;
			size_t hit = 0;
			for (size_t i = 0; i < npg; i++)
				hit += has_gram(g, ng, pg[i]);
			if (npg ? 2 * hit >= npg : ng > 0)
				a->para_from[p] = a->copy_of;
		}
	}
	plx_free(g);
	plx_free(pg);
	plx_dedup_free(d);
	if (rc)
		return rc;

	/* Byte shares: copied, else opinion, else own. */
	for (size_t i = 0; i < c->n_arts; i++) {
		cov_article *a = &c->arts[i];
		size_t np;
		const plx_paragraph *ps = plx_article_paragraphs(a->art, &np);
		for (size_t p = 0; p < np; p++) {
			if (ps[p].kind != PLX_PARA_BODY)
				continue;
			size_t len = ps[p].end - ps[p].start;
			a->body += len;
			if (a->para_from[p] >= 0)
				a->copied += len;
			else if (ps[p].reg == PLX_REG_OPINION)
				a->opinion += len;
			else
				a->own += len;
		}
	}
	for (size_t s = 0; s < c->n_srcs && !rc; s++) {
		cov_source *src = &c->srcs[s];
		vec from = {0};
		for (size_t k = 0; k < src->n_arts && !rc; k++) {
			cov_article *a = &c->arts[src->arts[k]];
			src->body += a->body;
			src->own += a->own;
			src->copied += a->copied;
			src->opinion += a->opinion;
			size_t np;
			plx_article_paragraphs(a->art, &np);
			for (size_t p = 0; p < np && !rc; p++)
				if (a->para_from[p] >= 0)
					rc = vec_push(&from,
						      (size_t)a->para_from[p]);
		}
		if (!rc && from.n) {
			sort_n(from.v, from.n, sizeof *from.v, cmp_size);
			size_t u = 0;
			for (size_t k = 0; k < from.n; k++)
				if (!u || from.v[u - 1] != from.v[k])
					from.v[u++] = from.v[k];
			src->n_from = u;
			src->from = arena_copy(&c->ar, from.v, u,
					       sizeof(size_t), &rc);
		}
		plx_free(from.v);
	}
	return rc;
}

/* ---- Entities merged across articles ----------------------------------- */

typedef struct ent_acc {
	size_t mentions;
	size_t best_mentions; /* of the article entity whose name is used */
	const char *name;
	unsigned type_count[4];
	vec aliases;     /* ids in ent_state.aliases */
	size_t last_art; /* for n_articles */
	size_t n_articles;
	long parent; /* merged into (lone surname), -1 */
	int multi;   /* key has more than one word */
} ent_acc;

typedef struct ent_state {
	strtab keys, aliases;
	ent_acc *acc;
	size_t cap, n_acc; /* n_acc: initialised */
	long **map;        /* per article, per entity: key id or -1 */
	size_t *src_count; /* n_keys x n_srcs */
} ent_state;

/* Letters plx_name_key keeps that spellings of one name write without
 * ("Sørvik", "Sorvik"): folded to ASCII, into buf (NUL-terminated). */
static const char *fold_key(const char *k, char *buf, size_t cap)
{
	static const struct {
		const char *from, *to;
	} map[] = {{"\xC3\xB8", "o"},  {"\xC3\xA6", "ae"}, {"\xC3\x9F", "ss"},
		   {"\xC5\x82", "l"},  {"\xC4\x91", "d"},  {"\xC3\xB0", "d"},
		   {"\xC3\xBE", "th"}, {"\xC5\x93", "oe"}, {"\xC4\xB1", "i"}};
	size_t o = 0;
	for (const char *p = k; *p;) {
		size_t i;
		for (i = 0; i < sizeof map / sizeof *map; i++)
			if (strncmp(p, map[i].from, 2) == 0)
				break;
		const char *add = i < sizeof map / sizeof *map ? map[i].to : p;
		size_t n = i < sizeof map / sizeof *map ? strlen(add) : 1;
		if (o + n + 1 > cap)
			return k; /* too long to fold: as it is */
		memcpy(buf + o, add, n);
		o += n;
		p += i < sizeof map / sizeof *map ? 2 : 1;
	}
	buf[o] = 0;
	return buf;
}

static size_t body_mentions(const plx_article *art, const plx_entity *e)
{
	size_t ns, n = 0;
	const plx_sentence *ss = plx_article_sentences(art, &ns);
	for (size_t m = 0; m < e->n_mentions; m++)
		if (e->mentions[m].sentence < ns &&
		    is_body(art, ss[e->mentions[m].sentence].paragraph))
			n++;
	return n;
}

static long ent_root(const ent_acc *acc, long k)
{
	while (k >= 0 && acc[k].parent >= 0)
		k = acc[k].parent;
	return k;
}

static int cmp_ent(const void *pa, const void *pb)
{
	const cov_entity *a = pa, *b = pb;
	if (a->mentions != b->mentions)
		return a->mentions > b->mentions ? -1 : 1;
	return strcmp(a->key, b->key);
}

static int build_entities(plx_coverage *c, ent_state *es)
{
	int rc = PLX_OK;
	es->keys.ar = es->aliases.ar = &c->ar;
	if (!(es->map = plx_arena_alloc(&c->ar,
					(c->n_arts + 1) * sizeof *es->map)))
		return PLX_ENOMEM;
	for (size_t k = 0; k < c->n_arts && !rc; k++) {
		size_t ai = c->tl[k];
		const plx_article *art = c->arts[ai].art;
		size_t ne;
		const plx_entity *ents = plx_article_entities(art, &ne);
		if (!(es->map[ai] =
			      plx_arena_alloc(&c->ar, (ne + 1) * sizeof(long))))
			return PLX_ENOMEM;
		for (size_t e = 0; e < ne && !rc; e++) {
			es->map[ai][e] = -1;
			size_t bm = body_mentions(art, &ents[e]);
			char kb[256];
			const char *key = ents[e].key;
			if (!bm || !key || !*key)
				continue;
			key = fold_key(key, kb, sizeof kb);
			uint32_t id;
			int added;
			if ((rc = tab_intern(&es->keys, key, strlen(key), &id,
					     &added)))
				break;
			if (added) {
				if ((rc = plx_grow((void **)&es->acc, &es->cap,
						   es->keys.n,
						   sizeof *es->acc)))
					break;
				ent_acc *x = &es->acc[id];
				memset(x, 0, sizeof *x);
				es->n_acc++;
				x->parent = -1;
				x->last_art = SIZE_MAX;
				x->multi = strchr(key, ' ') != NULL;
			}
			ent_acc *x = &es->acc[id];
			es->map[ai][e] = id;
			x->mentions += bm;
			if (ents[e].type <= PLX_ENT_OTHER)
				x->type_count[ents[e].type] += (unsigned)bm;
			if (!x->name || bm > x->best_mentions) {
				x->name = ents[e].name;
				x->best_mentions = bm;
			}
			if (x->last_art != ai) {
				x->last_art = ai;
				x->n_articles++;
			}
			for (size_t m = 0; m <= ents[e].n_aliases && !rc; m++) {
				const char *al = m < ents[e].n_aliases
							 ? ents[e].aliases[m]
							 : ents[e].name;
				uint32_t aid;
				int anew;
				if ((rc = tab_intern(&es->aliases, al,
						     strlen(al), &aid, &anew)))
					break;
				size_t j;
				for (j = 0; j < x->aliases.n; j++)
					if (x->aliases.v[j] == aid)
						break;
				if (j == x->aliases.n)
					rc = vec_push(&x->aliases, aid);
			}
		}
	}
	if (rc)
		return rc;
	size_t nk = es->keys.n;
	/* A name with a title the key kept ("drovnian economy minister
	 * sergei kalinov") joins the longest other name of two words or more
	 * it ends with ("sergei kalinov"). */
	for (size_t i = 0; i < nk && !rc; i++) {
		const char *k = es->keys.keys[i];
		for (const char *sp = strchr(k, ' '); sp;
		     sp = strchr(sp + 1, ' ')) {
			const char *suf = sp + 1;
			if (!strchr(suf, ' '))
				break;
			long id = tab_find(&es->keys, suf, strlen(suf));
			if (id < 0)
				continue;
			es->acc[i].parent = id;
			break;
		}
	}
	if (rc)
		return rc;
	/* A lone surname ("lavrov") joins the one person whose key ends with
	 * it; with two candidates it stays apart. */
	strtab last = {0};
	last.ar = &c->ar;
	long *owner = NULL;
	size_t cap_o = 0;
	for (size_t i = 0; i < nk && !rc; i++) {
		ent_acc *x = &es->acc[i];
		if (!x->multi || x->parent >= 0 ||
		    x->type_count[PLX_ENT_PERSON] == 0)
			continue;
		const char *k = es->keys.keys[i];
		const char *sp = strrchr(k, ' ');
		uint32_t id;
		int added;
		if ((rc = tab_intern(&last, sp + 1, strlen(sp + 1), &id,
				     &added)))
			break;
		if (added) {
			if ((rc = plx_grow((void **)&owner, &cap_o, last.n,
					   sizeof *owner)))
				break;
			owner[id] = (long)i;
		} else if (owner[id] != (long)i)
			owner[id] = -2;
	}
	for (size_t i = 0; i < nk && !rc; i++) {
		ent_acc *x = &es->acc[i];
		if (x->multi)
			continue;
		const char *k = es->keys.keys[i];
		uint32_t id;
		int added;
		if ((rc = tab_intern(&last, k, strlen(k), &id, &added)))
			break;
		if (added) {
			if ((rc = plx_grow((void **)&owner, &cap_o, last.n,
					   sizeof *owner)))
				break;
			owner[id] = -2;
			continue;
		}
		if (owner[id] >= 0 &&
		    es->acc[owner[id]].type_count[PLX_ENT_PERSON] > 0)
			x->parent = owner[id];
	}
	plx_free(owner);
	tab_free(&last);
	if (rc)
		return rc;
	/* Fold merged accumulators into their roots. */
	for (size_t i = 0; i < nk && !rc; i++) {
		ent_acc *x = &es->acc[i];
		if (x->parent < 0)
			continue;
		ent_acc *r = &es->acc[ent_root(es->acc, (long)i)];
		r->mentions += x->mentions;
		r->n_articles += x->n_articles; /* upper bound: an article
						   may name both forms */
		for (int t = 0; t < 4; t++)
			r->type_count[t] += x->type_count[t];
		for (size_t j = 0; j < x->aliases.n && !rc; j++) {
			size_t m;
			for (m = 0; m < r->aliases.n; m++)
				if (r->aliases.v[m] == x->aliases.v[j])
					break;
			if (m == r->aliases.n)
				rc = vec_push(&r->aliases, x->aliases.v[j]);
		}
	}
	if (rc)
		return rc;
	/* Mentions per source, by root. */
	if (!(es->src_count = plx_calloc(nk * c->n_srcs + 1, sizeof(size_t))))
		return PLX_ENOMEM;
	for (size_t ai = 0; ai < c->n_arts; ai++) {
		size_t ne;
		const plx_entity *ents =
			plx_article_entities(c->arts[ai].art, &ne);
		for (size_t e = 0; e < ne; e++) {
			long k = es->map[ai][e];
			if (k < 0)
				continue;
			k = ent_root(es->acc, k);
			es->map[ai][e] = k;
			es->src_count[(size_t)k * c->n_srcs +
				      c->arts[ai].src] +=
				body_mentions(c->arts[ai].art, &ents[e]);
		}
	}
	size_t n = 0;
	for (size_t i = 0; i < nk; i++)
		n += es->acc[i].parent < 0;
	if (!(c->ents = plx_arena_alloc(&c->ar, (n + 1) * sizeof *c->ents)))
		return PLX_ENOMEM;
	long *final = plx_malloc((nk + 1) * sizeof *final);
	if (!final)
		return PLX_ENOMEM;
	for (size_t i = 0; i < nk && !rc; i++) {
		ent_acc *x = &es->acc[i];
		if (x->parent >= 0)
			continue;
		cov_entity *e = &c->ents[c->n_ents++];
		memset(e, 0, sizeof *e);
		e->name = x->name;
		e->key = es->keys.keys[i];
		e->mentions = x->mentions;
		e->n_articles = x->n_articles;
		unsigned best = 0;
		for (int t = 0; t < 4; t++)
			if (x->type_count[t] > best) {
				best = x->type_count[t];
				e->type = (plx_entity_type)t;
			}
		e->src_mentions =
			arena_copy(&c->ar, es->src_count + i * c->n_srcs,
				   c->n_srcs, sizeof(size_t), &rc);
		if (rc)
			break;
		if (x->aliases.n) {
			e->aliases = plx_arena_alloc(
				&c->ar, x->aliases.n * sizeof *e->aliases);
			if (!e->aliases) {
				rc = PLX_ENOMEM;
				break;
			}
			for (size_t j = 0; j < x->aliases.n; j++) {
				const char *al =
					es->aliases.keys[x->aliases.v[j]];
				if (strcmp(al, e->name) != 0)
					e->aliases[e->n_aliases++] = al;
			}
		}
	}
	if (!rc) {
		sort_n(c->ents, c->n_ents, sizeof *c->ents, cmp_ent);
		/* key id -> final index, through the sorted keys */
		for (size_t i = 0; i < nk; i++)
			final[i] = -1;
		for (size_t j = 0; j < c->n_ents; j++) {
			uint32_t id;
			tab_intern(&es->keys, c->ents[j].key,
				   strlen(c->ents[j].key), &id, NULL);
			final[id] = (long)j;
		}
		for (size_t ai = 0; ai < c->n_arts; ai++) {
			size_t ne;
			plx_article_entities(c->arts[ai].art, &ne);
			for (size_t e = 0; e < ne; e++)
				if (es->map[ai][e] >= 0)
					es->map[ai][e] = final[es->map[ai][e]];
		}
	}
	plx_free(final);
	return rc;
}

static void ent_state_free(ent_state *es)
{
	for (size_t i = 0; i < es->n_acc; i++)
		plx_free(es->acc[i].aliases.v);
	plx_free(es->acc);
	plx_free(es->src_count);
	tab_free(&es->keys);
	tab_free(&es->aliases);
}

/* ---- Quotes by speaker -------------------------------------------------- */

/* The quote's words (token norms of words and numbers), space-separated:
 * equal for the same quote in curly or straight marks. */
static char *quote_norm(plx_arena *ar, const plx_article *art,
			const plx_quote *q)
{
	size_t nt;
	const plx_token *ts = plx_article_tokens(art, &nt);
	size_t t0 = plx_article_token_at(art, q->start), len = 0;
	for (size_t t = t0; t < nt && ts[t].end <= q->end; t++)
		if (ts[t].flags & (PLX_TOK_WORD | PLX_TOK_NUMBER))
			len += strlen(ts[t].norm) + 1;
	char *s = plx_arena_alloc(ar, len + 1);
	if (!s)
		return NULL;
	size_t o = 0;
	for (size_t t = t0; t < nt && ts[t].end <= q->end; t++)
		if (ts[t].flags & (PLX_TOK_WORD | PLX_TOK_NUMBER)) {
			if (o)
				s[o++] = ' ';
			size_t l = strlen(ts[t].norm);
			memcpy(s + o, ts[t].norm, l);
			o += l;
		}
	s[o] = 0;
	return s;
}

typedef struct qacc {
	const char *norm;
	const char *speaker;
	long entity;
	size_t art, quote; /* first wording */
	vec arts;
	int partial;
	long part_of;
} qacc;

typedef struct qkey {
	const char *speaker; /* NULL: unattributed, last */
	size_t i;            /* first appearance */
} qkey;

static int cmp_qkey(const void *pa, const void *pb)
{
	const qkey *x = pa, *y = pb;
	int ux = !x->speaker, uy = !y->speaker;
	if (ux != uy)
		return ux - uy;
	if (x->speaker) {
		int r = strcmp(x->speaker, y->speaker);
		if (r)
			return r;
	}
	return x->i < y->i ? -1 : x->i > y->i;
}

static int build_quotes(plx_coverage *c, const ent_state *es)
{
	int rc = PLX_OK;
	strtab qt = {0};
	qt.ar = &c->ar;
	qacc *acc = NULL;
	size_t cap = 0, n_acc = 0;
	for (size_t k = 0; k < c->n_arts && !rc; k++) {
		size_t ai = c->tl[k];
		const plx_article *art = c->arts[ai].art;
		size_t nq, ne;
		const plx_quote *qs = plx_article_quotes(art, &nq);
		plx_article_entities(art, &ne);
		for (size_t i = 0; i < nq && !rc; i++) {
			if (!is_body(art, qs[i].paragraph))
				continue;
			char *norm = quote_norm(&c->ar, art, &qs[i]);
			if (!norm) {
				rc = PLX_ENOMEM;
				break;
			}
			if (!*norm)
				continue;
			uint32_t id;
			int added;
			if ((rc = tab_intern(&qt, norm, strlen(norm), &id,
					     &added)))
				break;
			if (added) {
				if ((rc = plx_grow((void **)&acc, &cap, qt.n,
						   sizeof *acc)))
					break;
				memset(&acc[id], 0, sizeof *acc);
				n_acc++;
				acc[id].norm = qt.keys[id];
				acc[id].entity = -1;
				acc[id].art = ai;
				acc[id].quote = i;
				acc[id].partial = qs[i].partial;
				acc[id].part_of = -1;
			}
			qacc *q = &acc[id];
			/* full when any outlet carries it in full; the speaker
			 * an entity when any outlet names one */
			if (!qs[i].partial)
				q->partial = 0;
			long e = qs[i].speaker_entity;
			long g = e >= 0 && (size_t)e < ne ? es->map[ai][e] : -1;
			if (g >= 0 && q->entity < 0) {
				q->entity = g;
				q->speaker = c->ents[g].name;
			} else if (!q->speaker && qs[i].speaker)
				q->speaker = qs[i].speaker;
			if (!q->arts.n || q->arts.v[q->arts.n - 1] != ai)
				rc = vec_push(&q->arts, ai);
		}
	}
	/* Partial quotes: the full quote whose words contain theirs (the
	 * same speaker's first), found through an index of the full quotes'
	 * words, each word's postings capped. */
	strtab words = {0};
	words.ar = &c->ar;
	vec *post = NULL;
	size_t cap_p = 0, n_post = 0;
	enum { MAX_POST = 64 };
	for (size_t i = 0; i < qt.n && !rc; i++) {
		if (acc[i].partial)
			continue;
		const char *s = acc[i].norm;
		while (*s && !rc) {
			const char *e = strchr(s, ' ');
			size_t l = e ? (size_t)(e - s) : strlen(s);
			uint32_t id;
			int added;
			if ((rc = tab_intern(&words, s, l, &id, &added)))
				break;
			if (added) {
				if ((rc = plx_grow((void **)&post, &cap_p,
						   words.n, sizeof *post)))
					break;
				memset(&post[id], 0, sizeof *post);
				n_post++;
			}
			if (post[id].n < MAX_POST &&
			    (!post[id].n || post[id].v[post[id].n - 1] != i))
				rc = vec_push(&post[id], i);
			s += l;
			while (*s == ' ')
				s++;
		}
	}
	for (size_t i = 0; i < qt.n && !rc; i++) {
		if (!acc[i].partial)
			continue;
		const char *s = acc[i].norm;
		const char *e = strchr(s, ' ');
		size_t l = e ? (size_t)(e - s) : strlen(s);
		uint32_t id;
		int added;
		if ((rc = tab_intern(&words, s, l, &id, &added)))
			break;
		if (added) {
			if ((rc = plx_grow((void **)&post, &cap_p, words.n,
					   sizeof *post)))
				break;
			memset(&post[id], 0, sizeof *post);
			n_post++;
			continue;
		}
		size_t pl = strlen(s);
		for (size_t j = 0; j < post[id].n; j++) {
			const qacc *f = &acc[post[id].v[j]];
			const char *h = f->norm;
			int found = 0;
			while ((h = strstr(h, s))) {
				if ((h == f->norm || h[-1] == ' ') &&
				    (h[pl] == 0 || h[pl] == ' ')) {
					found = 1;
					break;
				}
				h++;
			}
			if (!found)
				continue;
			if (acc[i].part_of < 0 ||
			    (f->entity >= 0 && f->entity == acc[i].entity))
				acc[i].part_of = (long)post[id].v[j];
			if (f->entity >= 0 && f->entity == acc[i].entity)
				break;
		}
	}
	for (size_t i = 0; i < n_post; i++)
		plx_free(post[i].v);
	plx_free(post);
	tab_free(&words);

	qkey *order = NULL;
	size_t *pos = NULL;
	if (!rc && qt.n) {
		order = plx_malloc(qt.n * sizeof *order);
		pos = plx_malloc(qt.n * sizeof *pos);
		c->quotes = plx_arena_alloc(&c->ar, qt.n * sizeof *c->quotes);
		if (!order || !pos || !c->quotes)
			rc = PLX_ENOMEM;
	}
	if (!rc && qt.n) {
		for (size_t i = 0; i < qt.n; i++)
			order[i] = (qkey){acc[i].speaker, i};
		sort_n(order, qt.n, sizeof *order, cmp_qkey);
		for (size_t i = 0; i < qt.n; i++)
			pos[order[i].i] = i;
		for (size_t i = 0; i < qt.n && !rc; i++) {
			const qacc *q = &acc[order[i].i];
			cov_quote *o = &c->quotes[i];
			const plx_article *art = c->arts[q->art].art;
			size_t nq, tl;
			const plx_quote *qs = plx_article_quotes(art, &nq);
			const char *text = plx_article_text(art, &tl);
			o->speaker = q->speaker;
			o->entity = q->entity;
			o->text = plx_arena_strndup(
				&c->ar, text + qs[q->quote].start,
				qs[q->quote].end - qs[q->quote].start);
			if (!o->text)
				rc = PLX_ENOMEM;
			o->n_arts = q->arts.n;
			o->arts = arena_copy(&c->ar, q->arts.v, q->arts.n,
					     sizeof(size_t), &rc);
			o->partial = q->partial;
			o->part_of =
				q->part_of >= 0 ? (long)pos[q->part_of] : -1;
		}
		c->n_quotes = qt.n;
	}
	plx_free(order);
	plx_free(pos);
	for (size_t i = 0; i < n_acc; i++)
		plx_free(acc[i].arts.v);
	plx_free(acc);
	tab_free(&qt);
	return rc;
}

/* ---- Fact alignment ------------------------------------------------------ */

/* News synonyms: stems that name one thing in different words meet under
 * the first stem of their row. */
static const char *const SYN[][8] = {
	{"talk", "speak", "convers", "discuss", "dialogu", "negoti",
	 "diplomaci", NULL},
	{"written", "write", "letter", "document", "paper", "writ", NULL},
	{"respons", "respond", "repli", "answer", NULL},
	{"again", "further", "anoth", "resum", "continu", NULL},
	{"dead", "die", "kill", "death", "fatal", "bodi", NULL},
	{"injur", "hurt", "wound", "hospit", NULL},
	{"collaps", "fell", "fall", "gave", NULL},
	{"sign", "seal", "agre", "agreement", "deal", NULL},
	{"cut", "lower", "reduc", "slash", NULL},
	{"rais", "increas", "hike", NULL},
	{"week", NULL},
};

/* Words that say who said it, not what happened. */
static const char *const SKIP[] = {
	"accord", "ad",   "added", "say", "says", "tell", "told", "statement",
	"report", "news", "mr",    "ms",  "mrs",  "also", "just", "one"};

static const char *fold(const char *stem)
{
	for (size_t i = 0; i < sizeof SKIP / sizeof *SKIP; i++)
		if (strcmp(stem, SKIP[i]) == 0)
			return NULL;
	for (size_t r = 0; r < sizeof SYN / sizeof *SYN; r++)
		for (size_t k = 0; k < 8 && SYN[r][k]; k++)
			if (strcmp(stem, SYN[r][k]) == 0)
				return SYN[r][0];
	return stem;
}

static const char *const NUMWORD[] = {
	"zero",     "one",      "two",      "three",   "four",    "five",
	"six",      "seven",    "eight",    "nine",    "ten",     "eleven",
	"twelve",   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
	"eighteen", "nineteen", "twenty"};

/* Value of a number token or number word; 0 when it is neither. */
static int number_value(const plx_token *t, double *v)
{
	if (t->flags & PLX_TOK_NUMBER) {
		char buf[48];
		size_t o = 0;
		for (const char *s = t->norm; *s && o + 1 < sizeof buf; s++)
			if (*s != ',')
				buf[o++] = *s;
		buf[o] = 0;
		char *end;
		*v = strtod(buf, &end);
		return end != buf;
	}
	if (!(t->flags & PLX_TOK_WORD))
		return 0;
	for (size_t i = 1; i < sizeof NUMWORD / sizeof *NUMWORD; i++)
		if (strcmp(t->norm, NUMWORD[i]) == 0) {
			*v = (double)i;
			return 1;
		}
	if (strcmp(t->norm, "dozen") == 0) {
		*v = 12;
		return 1;
	}
	return 0;
}

typedef struct unit {
	uint32_t art, sent;
	uint32_t t0, nt; /* terms in the term pool */
	double norm;     /* sqrt of the sum of squared weights */
} unit;

typedef struct align {
	strtab terms;
	uint32_t *pool; /* term ids of every unit, each unit's sorted */
	size_t n_pool, cap_pool;
	unit *units;
	size_t n_units, cap_units;
	uint32_t *df;
	double *w;
	unsigned char *kind; /* 0 word, 1 entity, 2 number */
	size_t cap_terms;
} align;

static int add_term(align *al, const char *s, size_t len, unsigned kind)
{
	uint32_t id;
	int added;
	int rc = tab_intern(&al->terms, s, len, &id, &added);
	if (rc)
		return rc;
	if (added) {
		if (plx_grow((void **)&al->kind, &al->cap_terms, al->terms.n,
			     1))
			return PLX_ENOMEM;
		al->kind[id] = (unsigned char)kind;
	}
	if (plx_grow((void **)&al->pool, &al->cap_pool, al->n_pool + 1,
		     sizeof *al->pool))
		return PLX_ENOMEM;
	al->pool[al->n_pool++] = id;
	return PLX_OK;
}

/* Share of the sentence's bytes inside quotation marks. */
static double quoted_share(const plx_article *art, const plx_sentence *s)
{
	size_t nq, in = 0;
	const plx_quote *qs = plx_article_quotes(art, &nq);
	for (size_t i = 0; i < nq; i++) {
		size_t b = qs[i].start > s->start ? qs[i].start : s->start;
		size_t e = qs[i].end < s->end ? qs[i].end : s->end;
		if (e > b)
			in += e - b;
	}
	return s->end > s->start ? (double)in / (double)(s->end - s->start) : 0;
}

typedef struct qty {
	char what[40];  /* the key: a stem or a kind ("time") */
	char label[40]; /* as shown: the word as written */
	double value;
	size_t start, end; /* as written */
} qty;
static size_t quantities(const plx_article *art, size_t s, qty *out,
			 size_t max);
enum { MAX_QTY = 16 };

static int collect_units(plx_coverage *c, align *al, const ent_state *es)
{
	int rc = PLX_OK;
	char buf[64];
	for (size_t k = 0; k < c->n_arts && !rc; k++) {
		size_t ai = c->tl[k];
		const plx_article *art = c->arts[ai].art;
		size_t np, ns, nt;
		const plx_paragraph *ps = plx_article_paragraphs(art, &np);
		const plx_sentence *ss = plx_article_sentences(art, &ns);
		const plx_token *ts = plx_article_tokens(art, &nt);
		for (size_t s = 0; s < ns && !rc; s++) {
			const plx_paragraph *p = &ps[ss[s].paragraph];
			if (p->kind != PLX_PARA_BODY ||
			    p->reg != PLX_REG_REPORTING ||
			    quoted_share(art, &ss[s]) > 0.5)
				continue;
			size_t t0 = al->n_pool;
			long last_ent = -1;
			for (size_t t = ss[s].first_token;
			     t < ss[s].first_token + ss[s].n_tokens && !rc;
			     t++) {
				const plx_token *tk = &ts[t];
				long e = (tk->flags & PLX_TOK_WORD)
						 ? plx_entity_at(art, tk->start,
								 tk->end)
						 : -1;
				if (e >= 0 && es->map[ai][e] >= 0) {
					long g = es->map[ai][e];
					if (g == last_ent)
						continue;
					last_ent = g;
					int l = snprintf(buf, sizeof buf,
							 "\x01%ld", g);
					rc = add_term(al, buf, (size_t)l, 1);
					continue;
				}
				last_ent = -1;
				double v;
				if (number_value(tk, &v)) {
					int l = snprintf(buf, sizeof buf,
							 "\x02%.6g", v);
					rc = add_term(al, buf, (size_t)l, 2);
					continue;
				}
				if (!(tk->flags & PLX_TOK_WORD) ||
				    (tk->flags & PLX_TOK_STOP) ||
				    strlen(tk->stem) < 2)
					continue;
				const char *f = fold(tk->stem);
				if (f)
					rc = add_term(al, f, strlen(f), 0);
			}
			/* what the sentence counts or dates, whatever the
			 * value: "6:42 a.m." and "about 6:45" both give a
			 * time, so differing versions still align */
			qty q[MAX_QTY];
			size_t nq = rc ? 0 : quantities(art, s, q, MAX_QTY);
			for (size_t i = 0; i < nq && !rc; i++) {
				int l = snprintf(buf, sizeof buf, "\x03%s",
						 q[i].what);
				rc = add_term(al, buf, (size_t)l, 2);
			}
			if (rc)
				break;
			/* sort and unique the unit's terms */
			size_t n = al->n_pool - t0;
			if (n > 1) /* pool is NULL before the first term */
				sort_n(al->pool + t0, n, sizeof *al->pool,
				       cmp_u32);
			size_t u = 0;
			for (size_t i = 0; i < n; i++)
				if (!u ||
				    al->pool[t0 + u - 1] != al->pool[t0 + i])
					al->pool[t0 + u++] = al->pool[t0 + i];
			al->n_pool = t0 + u;
			if (u < 2) {
				al->n_pool = t0;
				continue;
			}
			if ((rc = plx_grow((void **)&al->units, &al->cap_units,
					   al->n_units + 1, sizeof *al->units)))
				break;
			unit *un = &al->units[al->n_units++];
			un->art = (uint32_t)ai;
			un->sent = (uint32_t)s;
			un->t0 = (uint32_t)t0;
			un->nt = (uint32_t)u;
		}
	}
	return rc;
}

static double pair_score(const align *al, const unit *a, const unit *b)
{
	const uint32_t *x = al->pool + a->t0, *y = al->pool + b->t0;
	size_t i = 0, j = 0;
	double dot = 0;
	while (i < a->nt && j < b->nt) {
		if (x[i] < y[j])
			i++;
		else if (x[i] > y[j])
			j++;
		else {
			dot += al->w[x[i]] * al->w[x[i]];
			i++, j++;
		}
	}
	return a->norm > 0 && b->norm > 0 ? dot / (a->norm * b->norm) : 0;
}

/* Terms of u that are in v but not in w. */
static size_t residual_terms(const align *al, const unit *u, const unit *v,
			     const unit *w)
{
	size_t n = 0;
	const uint32_t *pv = al->pool + v->t0, *pw = al->pool + w->t0;
	for (size_t i = 0; i < u->nt; i++) {
		uint32_t t = al->pool[u->t0 + i];
		if (bsearch(&t, pv, v->nt, sizeof t, cmp_u32) &&
		    !bsearch(&t, pw, w->nt, sizeof t, cmp_u32))
			n++;
	}
	return n;
}

typedef struct scored {
	double score;
	uint32_t a, b;
} scored;

static int cmp_scored(const void *pa, const void *pb)
{
	const scored *x = pa, *y = pb;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

/* A union-find group: members and, per article, how many. */
typedef struct group {
	uint32_t parent;
	uint32_t n_arts;
	uint32_t *arts; /* (article, count) pairs sorted by article */
	uint32_t cap;
} group;

static uint32_t g_find(group *g, uint32_t x)
{
	while (g[x].parent != x) {
		g[x].parent = g[g[x].parent].parent;
		x = g[x].parent;
	}
	return x;
}

/* Merges the groups of a and b when no article would have more than max
 * sentences in the result; 1 when merged, 0 when refused, PLX_ENOMEM. */
static int g_merge(group *g, uint32_t a, uint32_t b, size_t max)
{
	a = g_find(g, a), b = g_find(g, b);
	if (a == b)
		return 0;
	group *x = &g[a], *y = &g[b];
	size_t i = 0, j = 0, n = 0;
	while (i < x->n_arts || j < y->n_arts) {
		if (j == y->n_arts ||
		    (i < x->n_arts && x->arts[2 * i] < y->arts[2 * j]))
			i++;
		else if (i == x->n_arts || y->arts[2 * j] < x->arts[2 * i])
			j++;
		else {
			if (x->arts[2 * i + 1] + y->arts[2 * j + 1] > max)
				return 0;
			i++, j++;
		}
		n++;
	}
	uint32_t *m = plx_malloc(2 * n * sizeof *m);
	if (!m)
		return PLX_ENOMEM;
	i = j = n = 0;
	while (i < x->n_arts || j < y->n_arts) {
		if (j == y->n_arts ||
		    (i < x->n_arts && x->arts[2 * i] < y->arts[2 * j])) {
			m[2 * n] = x->arts[2 * i],
			      m[2 * n + 1] = x->arts[2 * i + 1];
			i++;
		} else if (i == x->n_arts || y->arts[2 * j] < x->arts[2 * i]) {
			m[2 * n] = y->arts[2 * j],
			      m[2 * n + 1] = y->arts[2 * j + 1];
			j++;
		} else {
			m[2 * n] = x->arts[2 * i];
			m[2 * n + 1] = x->arts[2 * i + 1] + y->arts[2 * j + 1];
			i++, j++;
		}
		n++;
	}
	/* the smaller root joins the larger (by index: deterministic) */
	uint32_t root = a < b ? a : b, child = a < b ? b : a;
	plx_free(g[child].arts);
	g[child].arts = NULL;
	g[child].n_arts = 0;
	g[child].parent = root;
	plx_free(g[root].arts);
	g[root].arts = m;
	g[root].n_arts = (uint32_t)n;
	return 1;
}

typedef struct fact_ref {
	size_t first; /* first unit (time order) */
	size_t n_srcs;
	size_t root;
} fact_ref;

static int cmp_fact_ref(const void *pa, const void *pb)
{
	const fact_ref *x = pa, *y = pb;
	if (x->n_srcs != y->n_srcs)
		return x->n_srcs > y->n_srcs ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

static int build_facts(plx_coverage *c, const ent_state *es)
{
	align al;
	memset(&al, 0, sizeof al);
	al.terms.ar = &c->ar;
	uint32_t *post_start = NULL, *post = NULL, *qbuf = NULL;
	uint32_t *stamp = NULL; /* stamp[v] == u: v already scored for u */
	scored *sc = NULL;
	size_t n_sc = 0, cap_sc = 0;
	group *g = NULL;
	fact_ref *refs = NULL;
	size_t *members = NULL;
	int rc = collect_units(c, &al, es);
	size_t nu = al.n_units, nt = al.terms.n;
	c->n_units = nu;
	if (!rc) {
		al.df = plx_calloc(nt + 1, sizeof *al.df);
		al.w = plx_calloc(nt + 1, sizeof *al.w);
		post_start = plx_calloc(nt + 2, sizeof *post_start);
		post = plx_malloc((al.n_pool + 1) * sizeof *post);
		g = plx_calloc(nu + 1, sizeof *g);
		if (!al.df || !al.w || !post_start || !post || !g)
			rc = PLX_ENOMEM;
	}
	if (!rc) {
		/* document frequencies, IDF weights, postings (CSR) */
		for (size_t i = 0; i < al.n_pool; i++)
			al.df[al.pool[i]]++;
		for (size_t t = 0; t < nt; t++) {
			double idf = log(1.0 + (double)nu / (double)al.df[t]);
			al.w[t] = idf * (al.kind[t] == 1 ? 1.5 : 1.0);
			post_start[t + 1] = post_start[t] + al.df[t];
		}
		for (size_t t = 0; t < nt; t++)
			al.df[t] = 0; /* reused as fill counters */
		for (size_t u = 0; u < nu; u++) {
			unit *un = &al.units[u];
			double s = 0;
			for (size_t i = 0; i < un->nt; i++) {
				uint32_t t = al.pool[un->t0 + i];
				post[post_start[t] + al.df[t]++] = (uint32_t)u;
				s += al.w[t] * al.w[t];
			}
			un->norm = sqrt(s);
		}
		qbuf = plx_malloc((c->p.query_terms + 1) * sizeof *qbuf);
		stamp = plx_malloc((nu + 1) * sizeof *stamp);
		if (!qbuf || !stamp)
			rc = PLX_ENOMEM;
		else
			for (size_t u = 0; u < nu; u++)
				stamp[u] = UINT32_MAX;
	}
	/* candidates: each unit's rarest terms, capped postings */
	for (size_t u = 0; u < nu && !rc; u++) {
		unit *un = &al.units[u];
		size_t nq = 0;
		for (size_t i = 0; i < un->nt; i++) {
			uint32_t t = al.pool[un->t0 + i];
			if (al.df[t] < 2)
				continue;
			/* insertion into the query_terms rarest */
			size_t j = nq < c->p.query_terms ? nq++ : nq;
			if (j == c->p.query_terms) {
				uint32_t worst = qbuf[nq - 1];
				if (al.df[worst] < al.df[t] ||
				    (al.df[worst] == al.df[t] && worst < t))
					continue;
				j = nq - 1;
			}
			while (j > 0 && (al.df[qbuf[j - 1]] > al.df[t] ||
					 (al.df[qbuf[j - 1]] == al.df[t] &&
					  qbuf[j - 1] > t))) {
				qbuf[j] = qbuf[j - 1];
				j--;
			}
			qbuf[j] = t;
		}
		for (size_t q = 0; q < nq && !rc; q++) {
			uint32_t t = qbuf[q];
			size_t n = al.df[t];
			if (n > c->p.max_postings)
				break; /* this and the rest: too common to
					  tell facts apart */
			for (size_t k = 0; k < n; k++) {
				uint32_t v = post[post_start[t] + k];
				if (v == u || al.units[v].art == un->art ||
				    stamp[v] == u)
					continue;
				stamp[v] = (uint32_t)u;
				double sv = pair_score(&al, un, &al.units[v]);
				c->n_pairs++;
				if (sv < c->p.fact_threshold)
					continue;
				if (plx_grow((void **)&sc, &cap_sc, n_sc + 1,
					     sizeof *sc)) {
					rc = PLX_ENOMEM;
					break;
				}
				/* found from both sides: a duplicate, which
				 * the merge ignores */
				sc[n_sc++] =
					(scored){sv, u < v ? (uint32_t)u : v,
						 u < v ? v : (uint32_t)u};
			}
		}
	}
	if (!rc)
		sort_n(sc, n_sc, sizeof *sc, cmp_scored);
	for (size_t u = 0; u < nu && !rc; u++) {
		g[u].parent = (uint32_t)u;
		if (!(g[u].arts = plx_malloc(2 * sizeof(uint32_t))))
			rc = PLX_ENOMEM;
		else {
			g[u].arts[0] = al.units[u].art;
			g[u].arts[1] = 1;
			g[u].n_arts = 1;
		}
	}
	for (size_t i = 0; i < n_sc && !rc; i++) {
		int m = g_merge(g, sc[i].a, sc[i].b, c->p.max_per_article);
		if (m < 0)
			rc = m;
	}
	/* A source that splits a fact in two: the sentence after an aligned
	 * one, still unaligned, joins the fact when it carries two terms or
	 * more of the other side that its predecessor lacks ("...further
	 * talks after a written response" against "...a written response";
	 * "planned to speak again after that"). */
	for (size_t i = 0; i < n_sc && !rc; i++)
		for (int side = 0; side < 2 && !rc; side++) {
			uint32_t x = side ? sc[i].b : sc[i].a;
			uint32_t y = side ? sc[i].a : sc[i].b;
			uint32_t nx = x + 1;
			if (nx >= nu || al.units[nx].art != al.units[x].art ||
			    al.units[nx].sent > al.units[x].sent + 2 ||
			    g_find(g, nx) != nx || g[nx].n_arts != 1 ||
			    g[nx].arts[1] != 1)
				continue;
			if (residual_terms(&al, &al.units[nx], &al.units[y],
					   &al.units[x]) >= 2) {
				int m = g_merge(g, nx, y, c->p.max_per_article);
				if (m < 0)
					rc = m;
			}
		}
	/* facts: groups, members in unit order (= time order) */
	size_t nf = 0;
	if (!rc) {
		refs = plx_malloc((nu + 1) * sizeof *refs);
		members = plx_malloc((nu + 1) * sizeof *members);
		if (!refs || !members)
			rc = PLX_ENOMEM;
	}
	if (!rc) {
		/* first unit of each root is the root's smallest member */
		for (size_t u = 0; u < nu; u++)
			if (g_find(g, (uint32_t)u) == u) {
				size_t ns = 0;
				group *r = &g[u];
				/* distinct sources */
				for (uint32_t k = 0; k < r->n_arts; k++) {
					size_t s = c->arts[r->arts[2 * k]].src;
					int seen = 0;
					for (uint32_t m = 0; m < k; m++)
						if (c->arts[r->arts[2 * m]]
							    .src == s)
							seen = 1;
					ns += !seen;
				}
				refs[nf++] = (fact_ref){u, ns, u};
			}
		sort_n(refs, nf, sizeof *refs, cmp_fact_ref);
		c->facts = plx_arena_alloc(&c->ar, (nf + 1) * sizeof *c->facts);
		if (!c->facts)
			rc = PLX_ENOMEM;
	}
	/* members of every root: a counting pass over units */
	size_t *root_fact = NULL, *fill = NULL;
	if (!rc) {
		root_fact = plx_malloc((nu + 1) * sizeof *root_fact);
		fill = plx_calloc(nf + 1, sizeof *fill);
		if (!root_fact || !fill)
			rc = PLX_ENOMEM;
	}
	if (!rc) {
		for (size_t f = 0; f < nf; f++)
			root_fact[refs[f].root] = f;
		for (size_t u = 0; u < nu; u++)
			fill[root_fact[g_find(g, (uint32_t)u)]]++;
		for (size_t f = 0; f < nf && !rc; f++) {
			cov_fact *fa = &c->facts[f];
			memset(fa, 0, sizeof *fa);
			fa->v = plx_arena_alloc(&c->ar,
						fill[f] * sizeof *fa->v);
			fa->srcs = plx_arena_alloc(&c->ar,
						   fill[f] * sizeof *fa->srcs);
			if (!fa->v || !fa->srcs)
				rc = PLX_ENOMEM;
		}
	}
	if (!rc) {
		for (size_t u = 0; u < nu; u++) {
			cov_fact *fa =
				&c->facts[root_fact[g_find(g, (uint32_t)u)]];
			fa->v[fa->n_v++] = (cov_variant){al.units[u].art,
							 al.units[u].sent};
			size_t s = c->arts[al.units[u].art].src;
			size_t k;
			for (k = 0; k < fa->n_srcs; k++)
				if (fa->srcs[k] == s)
					break;
			if (k == fa->n_srcs)
				fa->srcs[fa->n_srcs++] = s;
		}
		c->n_facts = nf;
		for (size_t f = 0; f < nf; f++) {
			cov_fact *fa = &c->facts[f];
			sort_n(fa->srcs, fa->n_srcs, sizeof *fa->srcs,
			       cmp_size);
			/* sources carrying it in text of their own */
			for (size_t k = 0; k < fa->n_srcs; k++) {
				int own = 0;
				for (size_t m = 0; m < fa->n_v; m++) {
					const cov_article *a =
						&c->arts[fa->v[m].art];
					size_t np;
					const plx_sentence *ss =
						plx_article_sentences(a->art,
								      &np);
					if (a->src == fa->srcs[k] &&
					    a->para_from[ss[fa->v[m].sentence]
								 .paragraph] <
						    0)
						own = 1;
				}
				fa->n_own += own;
			}
		}
	}
	plx_free(root_fact);
	plx_free(fill);
	for (size_t u = 0; u < nu && g; u++)
		plx_free(g[u].arts);
	plx_free(g);
	plx_free(refs);
	plx_free(members);
	plx_free(sc);
	plx_free(stamp);
	plx_free(qbuf);
	plx_free(post);
	plx_free(post_start);
	plx_free(al.df);
	plx_free(al.w);
	plx_free(al.kind);
	plx_free(al.pool);
	plx_free(al.units);
	tab_free(&al.terms);
	return rc;
}

/* ---- Discrepancies ------------------------------------------------------- */

static const char *const WEEKDAY[] = {"monday",   "tuesday", "wednesday",
				      "thursday", "friday",  "saturday",
				      "sunday"};
static const char *const MONTH[] = {
	"january", "february", "march",     "april",   "may",      "june",
	"july",    "august",   "september", "october", "november", "december"};

/* Words between a number and what it counts that say nothing of it. */
static const char *const FILLER[] = {
	"peopl",   "person", "fear",   "confirm", "more",  "least", "about",
	"around",  "nearly", "almost", "some",    "other", "addit", "extra",
	"further", "still",  "now",    "alreadi", "onli"};

static int in_list(const char *w, const char *const *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w, l[i]) == 0)
			return 1;
	return 0;
}

/* The quantities of one sentence (at most max). */
static size_t quantities(const plx_article *art, size_t s, qty *out, size_t max)
{
	size_t ns, nt, n = 0;
	const plx_sentence *ss = plx_article_sentences(art, &ns);
	const plx_token *ts = plx_article_tokens(art, &nt);
	size_t t0 = ss[s].first_token, t1 = t0 + ss[s].n_tokens;
	for (size_t t = t0; t < t1 && n < max; t++) {
		const plx_token *tk = &ts[t];
		qty *q = &out[n];
		q->start = tk->start;
		q->end = tk->end;
		if ((tk->flags & PLX_TOK_WORD) &&
		    in_list(tk->norm, WEEKDAY, 7)) {
			snprintf(q->what, sizeof q->what, "weekday");
			for (size_t i = 0; i < 7; i++)
				if (strcmp(tk->norm, WEEKDAY[i]) == 0)
					q->value = (double)i;
			n++;
			continue;
		}
		double v;
		q->label[0] = 0;
		if (!number_value(tk, &v))
			continue;
		q->value = v;
		/* a time of day: "6:42 a.m.", "14:00", "7 a.m." */
		size_t e = t + 1;
		double minutes = v * 60;
		if ((tk->flags & PLX_TOK_NUMBER) && e + 1 < t1 &&
		    strcmp(ts[e].norm, ":") == 0 &&
		    (ts[e + 1].flags & PLX_TOK_NUMBER) &&
		    ts[e].start == tk->end) {
			double m;
			number_value(&ts[e + 1], &m);
			minutes += m;
			q->end = ts[e + 1].end;
			e += 2;
		}
		int pm = e < t1 && strncmp(ts[e].norm, "p.m", 3) == 0;
		int am = e < t1 && strncmp(ts[e].norm, "a.m", 3) == 0;
		if (e > t + 1 || am || pm) {
			if (am || pm)
				q->end = ts[e].end;
			if (pm && minutes < 720)
				minutes += 720;
			q->value = minutes;
			snprintf(q->what, sizeof q->what, "time");
			t = e - 1;
			n++;
			continue;
		}
		if (t > t0 && (ts[t - 1].flags & PLX_TOK_WORD) &&
		    in_list(ts[t - 1].norm, MONTH, 12)) {
			snprintf(q->what, sizeof q->what, "date");
			q->start = ts[t - 1].start;
			n++;
			continue;
		}
		/* the counted word: the first content word after, past a
		 * multiplier ("2.1 billion euros") and fillers */
		const char *mult = "";
		int found = 0;
		for (size_t u = t + 1; u < t1 && u <= t + 4; u++) {
			const plx_token *x = &ts[u];
			if (strcmp(x->norm, "%") == 0 ||
			    strcmp(x->norm, "percent") == 0) {
				snprintf(q->what, sizeof q->what, "%%");
				q->end = x->end;
				found = 1;
				break;
			}
			if (!(x->flags & PLX_TOK_WORD)) {
				if (strcmp(x->norm, "-") == 0)
					continue;
				break;
			}
			if (strcmp(x->norm, "million") == 0 ||
			    strcmp(x->norm, "billion") == 0 ||
			    strcmp(x->norm, "thousand") == 0) {
				mult = x->norm;
				q->end = x->end;
				continue;
			}
			if ((x->flags & PLX_TOK_STOP) ||
			    in_list(x->stem, FILLER,
				    sizeof FILLER / sizeof *FILLER))
				continue;
			const char *f = fold(x->stem);
			if (!f)
				break;
			snprintf(q->what, sizeof q->what, "%s%s%s", mult,
				 *mult ? " " : "", f);
			snprintf(q->label, sizeof q->label, "%s%s%s", mult,
				 *mult ? " " : "", x->norm);
			q->end = x->end;
			found = 1;
			break;
		}
		if (!found && (tk->flags & PLX_TOK_NUMBER) && v >= 1900 &&
		    v <= 2100 && v == floor(v)) {
			snprintf(q->what, sizeof q->what, "calendar year");
			found = 1;
		}
		if (found)
			n++;
	}
	return n;
}

typedef struct qrow {
	size_t art;
	qty q;
	int agreed; /* every source giving this quantity gives this value */
} qrow;

/* Distinct sources of rows [a, b). */
static size_t distinct_sources(const plx_coverage *c, const qrow *rows,
			       size_t a, size_t b)
{
	size_t n = 0;
	for (size_t k = a; k < b; k++) {
		size_t s = c->arts[rows[k].art].src, m;
		for (m = a; m < k; m++)
			if (c->arts[rows[m].art].src == s)
				break;
		n += m == k;
	}
	return n;
}

/* A version of a discrepancy: its value and room for n articles. */
static int version_init(plx_coverage *c, cov_version *v, const char *s,
			size_t len, size_t n)
{
	v->value = plx_arena_strndup(&c->ar, s, len);
	v->arts = plx_arena_alloc(&c->ar, n * sizeof *v->arts);
	v->n_arts = 0;
	return v->value && v->arts ? PLX_OK : PLX_ENOMEM;
}

/* Adds an article to a version, once (its rows come sorted by article). */
static void version_add(cov_version *v, size_t art)
{
	if (!v->n_arts || v->arts[v->n_arts - 1] != art)
		v->arts[v->n_arts++] = art;
}

static int cmp_qrow(const void *pa, const void *pb)
{
	const qrow *x = pa, *y = pb;
	int r = strcmp(x->q.what, y->q.what);
	if (r)
		return r;
	if (x->q.value != y->q.value)
		return x->q.value < y->q.value ? -1 : 1;
	return x->art < y->art ? -1 : x->art > y->art;
}

static int build_discrepancies(plx_coverage *c)
{
	int rc = PLX_OK;
	qrow *rows = NULL;
	size_t cap = 0;
	cov_disc *ds = NULL;
	size_t n_ds = 0, cap_ds = 0;
	for (size_t f = 0; f < c->n_facts && !rc; f++) {
		const cov_fact *fa = &c->facts[f];
		if (fa->n_srcs < 2)
			continue;
		size_t n = 0;
		for (size_t m = 0; m < fa->n_v && !rc; m++) {
			qty q[MAX_QTY];
			size_t k = quantities(c->arts[fa->v[m].art].art,
					      fa->v[m].sentence, q, MAX_QTY);
			if (plx_grow((void **)&rows, &cap, n + k + 1,
				     sizeof *rows)) {
				rc = PLX_ENOMEM;
				break;
			}
			for (size_t i = 0; i < k; i++)
				rows[n++] = (qrow){fa->v[m].art, q[i], 0};
		}
		if (rc)
			break;
		sort_n(rows, n, sizeof *rows, cmp_qrow);
		for (size_t i = 0; i < n && !rc;) {
			size_t j = i, nvals = 0;
			while (j < n &&
			       strcmp(rows[j].q.what, rows[i].q.what) == 0) {
				if (j == i ||
				    rows[j].q.value != rows[j - 1].q.value)
					nvals++;
				j++;
			}
			/* values every source of this quantity gives are
			 * agreed; a discrepancy needs two values left that
			 * different sources give */
			size_t all = distinct_sources(c, rows, i, j);
			for (size_t a = i; a < j;) {
				size_t b = a;
				while (b < j &&
				       rows[b].q.value == rows[a].q.value)
					b++;
				/* a subset as large as the set is the set */
				int agreed =
					distinct_sources(c, rows, a, b) == all;
				for (size_t k = a; k < b; k++)
					rows[k].agreed = agreed;
				a = b;
			}
			int differ = 0;
			for (size_t a = i; a < j && !differ; a++)
				for (size_t b = a + 1; b < j; b++)
					if (!rows[a].agreed &&
					    !rows[b].agreed &&
					    rows[a].q.value !=
						    rows[b].q.value &&
					    c->arts[rows[a].art].src !=
						    c->arts[rows[b].art].src) {
						differ = 1;
						break;
					}
			if (nvals >= 2 && differ) {
				if (plx_grow((void **)&ds, &cap_ds, n_ds + 1,
					     sizeof *ds)) {
					rc = PLX_ENOMEM;
					break;
				}
				cov_disc *d = &ds[n_ds++];
				d->fact = f;
				d->entity = -1;
				const char *lab = rows[i].q.label[0]
							  ? rows[i].q.label
							  : rows[i].q.what;
				d->what = plx_arena_strndup(&c->ar, lab,
							    strlen(lab));
				d->ver = plx_arena_alloc(
					&c->ar, nvals * sizeof *d->ver);
				d->n_ver = 0;
				if (!d->what || !d->ver) {
					rc = PLX_ENOMEM;
					break;
				}
				for (size_t a = i; a < j && !rc;) {
					size_t b = a;
					while (b < j && rows[b].q.value ==
								rows[a].q.value)
						b++;
					if (rows[a].agreed) {
						a = b;
						continue;
					}
					cov_version *v = &d->ver[d->n_ver++];
					size_t tl;
					const char *text = plx_article_text(
						c->arts[rows[a].art].art, &tl);
					if ((rc = version_init(
						     c, v,
						     text + rows[a].q.start,
						     rows[a].q.end -
							     rows[a].q.start,
						     b - a)))
						break;
					for (size_t k = a; k < b; k++)
						version_add(v, rows[k].art);
					a = b;
				}
			}
			i = j;
		}
	}
	if (!rc) {
		c->discs = arena_copy(&c->ar, ds, n_ds, sizeof *ds, &rc);
		c->n_discs = rc ? 0 : n_ds;
	}
	plx_free(ds);
	plx_free(rows);
	return rc;
}

/* ---- Names spelled differently ------------------------------------------ */

/* Edit distance of two short strings (bytes), capped at 9. */
static int edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 9;
	int d[41][41];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int m = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < m)
				m = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < m)
				m = d[i][j - 1] + 1;
			d[i][j] = m;
		}
	return d[la][lb] > 9 ? 9 : d[la][lb];
}

/* "First Last" of a person's name as an article writes it, titles and
 * initials dropped (the last two words that are not initials); 0 when it
 * has fewer than two. */
static int first_last(const char *name, char *first, char *last, size_t cap)
{
	const char *w[16];
	size_t wl[16], n = 0;
	for (const char *p = name; *p && n < 16;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (!(l <= 3 && p[l - 1] == '.')) /* "V.", "Jr." */
			w[n] = p, wl[n++] = l;
		p += l;
	}
	if (n < 2 || wl[n - 2] >= cap || wl[n - 1] >= cap)
		return 0;
	memcpy(first, w[n - 2], wl[n - 2]);
	first[wl[n - 2]] = 0;
	memcpy(last, w[n - 1], wl[n - 1]);
	last[wl[n - 1]] = 0;
	return 1;
}

typedef struct nrow {
	long ent;
	char name[96]; /* "First Last" */
	size_t art;
} nrow;

static int cmp_nrow(const void *pa, const void *pb)
{
	const nrow *x = pa, *y = pb;
	if (x->ent != y->ent)
		return x->ent < y->ent ? -1 : 1;
	int r = strcmp(x->name, y->name);
	if (r)
		return r;
	return x->art < y->art ? -1 : x->art > y->art;
}

/* A person whose full name sources spell differently (Sergei and Sergey
 * Kalinov, Liv Sørvik and Liv Sorvik): each spelling is a version.  The
 * spellings must be close (edit distance <= 2 in the first and in the last
 * name), so a title left in a name ("Governor Halvorsen") is not one. */
static int build_names(plx_coverage *c, const ent_state *es)
{
	nrow *rows = NULL;
	size_t n = 0, cap = 0;
	int rc = PLX_OK;
	for (size_t ai = 0; ai < c->n_arts && !rc; ai++) {
		size_t ne;
		const plx_entity *ents =
			plx_article_entities(c->arts[ai].art, &ne);
		for (size_t e = 0; e < ne; e++) {
			long g = es->map[ai][e];
			if (g < 0 || c->ents[g].type != PLX_ENT_PERSON)
				continue;
			char f[48], l[48];
			if (!first_last(ents[e].name, f, l, sizeof f))
				continue;
			if (plx_grow((void **)&rows, &cap, n + 1,
				     sizeof *rows)) {
				rc = PLX_ENOMEM;
				break;
			}
			rows[n].ent = g;
			rows[n].art = ai;
			snprintf(rows[n].name, sizeof rows[n].name, "%s %s", f,
				 l);
			n++;
		}
	}
	sort_n(rows, n, sizeof *rows, cmp_nrow);
	cov_disc *ds = NULL;
	size_t nd = 0, capd = 0;
	for (size_t i = 0; i < n && !rc;) {
		size_t j = i, nv = 1;
		while (j < n && rows[j].ent == rows[i].ent) {
			if (j > i && strcmp(rows[j].name, rows[j - 1].name))
				nv++;
			j++;
		}
		/* every pair of spellings close, from different sources */
		int ok = nv >= 2, diff_src = 0;
		for (size_t a = i; a < j && ok; a++)
			for (size_t b = a + 1; b < j && ok; b++) {
				if (!strcmp(rows[a].name, rows[b].name))
					continue;
				char fa[48], la[48], fb[48], lb[48];
				first_last(rows[a].name, fa, la, sizeof fa);
				first_last(rows[b].name, fb, lb, sizeof fb);
				if (edit_distance(fa, fb) > 2 ||
				    edit_distance(la, lb) > 2)
					ok = 0;
				if (c->arts[rows[a].art].src !=
				    c->arts[rows[b].art].src)
					diff_src = 1;
			}
		if (ok && diff_src) {
			if (plx_grow((void **)&ds, &capd, nd + 1, sizeof *ds)) {
				rc = PLX_ENOMEM;
				break;
			}
			cov_disc *d = &ds[nd++];
			d->fact = COV_NO_FACT;
			d->entity = rows[i].ent;
			d->what = "name";
			d->n_ver = 0;
			d->ver = plx_arena_alloc(&c->ar, nv * sizeof *d->ver);
			if (!d->ver)
				rc = PLX_ENOMEM;
			for (size_t a = i; a < j && !rc;) {
				size_t b = a;
				while (b < j &&
				       !strcmp(rows[b].name, rows[a].name))
					b++;
				cov_version *v = &d->ver[d->n_ver++];
				if ((rc = version_init(c, v, rows[a].name,
						       strlen(rows[a].name),
						       b - a)))
					break;
				for (size_t k = a; k < b; k++)
					version_add(v, rows[k].art);
				a = b;
			}
		}
		i = j;
	}
	if (!rc && nd) {
		cov_disc *all = plx_arena_alloc(&c->ar, (c->n_discs + nd) *
								sizeof *all);
		if (!all)
			rc = PLX_ENOMEM;
		else {
			if (c->n_discs)
				memcpy(all, c->discs, c->n_discs * sizeof *all);
			memcpy(all + c->n_discs, ds, nd * sizeof *all);
			c->discs = all;
			c->n_discs += nd;
		}
	}
	plx_free(ds);
	plx_free(rows);
	return rc;
}

/* ---- Opinion, and the whole build ---------------------------------------- */

static int build_opinion(plx_coverage *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n_arts; i++) {
		size_t np;
		const plx_paragraph *ps =
			plx_article_paragraphs(c->arts[i].art, &np);
		for (size_t p = 0; p < np; p++)
			n += ps[p].kind == PLX_PARA_BODY &&
			     ps[p].reg == PLX_REG_OPINION;
	}
	if (!n)
		return PLX_OK;
	if (!(c->ops = plx_arena_alloc(&c->ar, n * sizeof *c->ops)))
		return PLX_ENOMEM;
	for (size_t k = 0; k < c->n_arts; k++) {
		size_t np, ai = c->tl[k];
		const plx_paragraph *ps =
			plx_article_paragraphs(c->arts[ai].art, &np);
		for (size_t p = 0; p < np; p++)
			if (ps[p].kind == PLX_PARA_BODY &&
			    ps[p].reg == PLX_REG_OPINION)
				c->ops[c->n_ops++] = (cov_opinion){ai, p};
	}
	return PLX_OK;
}

int plx_coverage_build(plx_coverage *c)
{
	if (c->built)
		return PLX_EINVAL;
	ent_state es;
	memset(&es, 0, sizeof es);
	int rc;
	if ((rc = build_articles(c)) || (rc = build_copies(c)) ||
	    (rc = build_entities(c, &es)) || (rc = build_quotes(c, &es)) ||
	    (rc = build_facts(c, &es)) || (rc = build_discrepancies(c)) ||
	    (rc = build_names(c, &es)) || (rc = build_opinion(c))) {
		ent_state_free(&es);
		/* what was built is in the arena: start it over */
		plx_arena_free(&c->ar);
		plx_arena_init(&c->ar);
		c->srcs = NULL, c->facts = NULL, c->discs = NULL;
		c->quotes = NULL, c->ents = NULL, c->ops = NULL, c->tl = NULL;
		c->n_srcs = c->n_facts = c->n_discs = c->n_quotes = 0;
		c->n_ents = c->n_ops = c->n_units = c->n_pairs = 0;
		for (size_t i = 0; i < c->n_arts; i++) {
			c->arts[i].para_from = NULL;
			c->arts[i].copy_of = -1;
			c->arts[i].body = c->arts[i].own = 0;
			c->arts[i].copied = c->arts[i].opinion = 0;
		}
		return rc;
	}
	ent_state_free(&es);
	if (!c->headline)
		for (size_t k = 0; k < c->n_arts; k++) {
			const char *t =
				plx_article_title(c->arts[c->tl[k]].art);
			if (t && *t) {
				if (!(c->headline = plx_strndup(t, strlen(t))))
					return PLX_ENOMEM;
				break;
			}
		}
	c->built = 1;
	return PLX_OK;
}
