/*
 * coverage.h: the built story report that coverage.c makes and
 * coverage_render.c lays out (text, Markdown, JSON, HTML).  Everything is
 * in the report's arena and indexes into its arrays; articles are numbered
 * in the order they were added, and listed in time order (tl).
 */
#ifndef PLX_COVERAGE_H
#define PLX_COVERAGE_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "parallax.h"

typedef struct cov_article {
	plx_article *art;
	const char *id;     /* id, else path, else "article N" */
	const char *source; /* outlet name, "unknown (ID)" when none */
	size_t src;         /* index into sources */
	int64_t time;       /* seconds since the epoch, INT64_MIN unknown */
	long copy_of;       /* the article it copies (near-duplicate), -1 */
	double copy_score;
	size_t body, own, copied, opinion; /* body bytes and their shares */
	long *para_from; /* per paragraph: article it was copied from, -1 */
} cov_article;

typedef struct cov_source {
	const char *name;
	size_t *arts; /* articles, in time order */
	size_t n_arts;
	int64_t first; /* earliest article time, INT64_MIN unknown */
	size_t body, own, copied, opinion;
	size_t *from; /* articles it copied from (distinct, time order) */
	size_t n_from;
} cov_source;

typedef struct cov_variant {
	size_t art;      /* article */
	size_t sentence; /* index into plx_article_sentences */
} cov_variant;

typedef struct cov_fact {
	cov_variant *v; /* in time order */
	size_t n_v;
	size_t *srcs; /* distinct sources, in source order */
	size_t n_srcs;
	size_t n_own; /* sources carrying it in text of their own (not
			 copied) */
} cov_fact;

typedef struct cov_version {
	const char *value; /* as written ("100,000 troops") */
	size_t *arts;      /* articles giving it (distinct) */
	size_t n_arts;
} cov_version;

/* cov_disc.fact of a discrepancy in a name, not in a fact */
#define COV_NO_FACT ((size_t)-1)

typedef struct cov_disc {
	size_t fact;      /* index into facts, or COV_NO_FACT */
	long entity;      /* a name's spellings: index into entities, else -1 */
	const char *what; /* the quantity compared ("troop", "%", "time") */
	cov_version *ver;
	size_t n_ver;
} cov_disc;

typedef struct cov_quote {
	const char *speaker; /* display name, NULL when unattributed */
	long entity;         /* index into entities, -1 */
	const char *text;    /* the first wording */
	size_t *arts;        /* articles carrying it (distinct, time order) */
	size_t n_arts;
	int partial;
	long part_of; /* a partial quote: the full quote holding it, -1 */
} cov_quote;

typedef struct cov_entity {
	const char *name;
	const char *key;
	plx_entity_type type;
	const char **aliases;
	size_t n_aliases;
	size_t mentions;      /* body mentions in all articles */
	size_t *src_mentions; /* per source */
	size_t n_articles;
} cov_entity;

typedef struct cov_opinion {
	size_t art, paragraph;
} cov_opinion;

struct plx_coverage {
	plx_coverage_params p;
	plx_arena ar;
	int built;
	int64_t id; /* -1: none */
	char *headline;

	cov_article *arts;
	size_t n_arts, cap_arts;
	size_t *tl; /* articles in time order */

	cov_source *srcs;
	size_t n_srcs;
	cov_fact *facts; /* shared facts first (most sources first) */
	size_t n_facts;
	cov_disc *discs;
	size_t n_discs;
	cov_quote *quotes; /* grouped by speaker */
	size_t n_quotes;
	cov_entity *ents; /* by mentions */
	size_t n_ents;
	cov_opinion *ops;
	size_t n_ops;
	size_t n_units; /* sentences aligned */
	size_t n_pairs; /* candidate pairs scored */
};

/* The text of article a's sentence s, trimmed. */
const char *plx_cov_sentence(const plx_coverage *c, size_t a, size_t s,
			     size_t *len);

#endif
