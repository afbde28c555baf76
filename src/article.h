/*
 * article.h: the analysed article as every pipeline stage sees it.  Stages
 * run in order (clean, segment, entity, quote, register, story terms); each
 * fills its own arrays and reads those of the stages before it.
 */
#ifndef PLX_ARTICLE_H
#define PLX_ARTICLE_H

#include "mem.h"
#include "parallax.h"

#define PLX_NONE ((size_t)-1)

struct plx_article {
	plx_arena arena; /* strings: metadata, token forms, names */
	const plx_limits *limits;

	char *text; /* repaired text (arena); every offset points into it */
	size_t len;

	char *id, *path, *title, *source, *dateline, *date, *url; /* arena */
	size_t title_para;     /* paragraph holding the title, or PLX_NONE */
	size_t dateline_start; /* span of "GENEVA —" in text; 0,0 if none */
	size_t dateline_end;

	/* Arrays below are plx_malloc'ed; entity mentions and alias lists live
	 * in the arena. */
	plx_paragraph *paras;
	size_t n_paras, cap_paras;
	plx_sentence *sents;
	size_t n_sents, cap_sents;
	plx_token *toks;
	size_t n_toks, cap_toks;
	plx_entity *ents;
	size_t n_ents, cap_ents;
	plx_quote *quotes;
	size_t n_quotes, cap_quotes;

	/* Every entity mention sorted by start, for plx_entity_at (entity
	 * stage; arena). */
	struct plx_mention_ix *ment_ix;
	size_t n_ment_ix;

	/* The story engine's term counts (story.c, plx_story_terms;
	 * plx_malloc), and the surname term of the main person, or 0. */
	struct plx_story_term *sterms;
	size_t n_sterms;
	uint64_t main_person;
	int has_sterms; /* the stage ran */
};

/* Appends one zeroed item and returns it, or NULL on OOM. */
plx_paragraph *plx_article_add_para(plx_article *a);
plx_sentence *plx_article_add_sent(plx_article *a);
plx_token *plx_article_add_tok(plx_article *a);
plx_entity *plx_article_add_ent(plx_article *a);
plx_quote *plx_article_add_quote(plx_article *a);

/* Index of the sentence holding byte offset off, or PLX_NONE (binary
 * search). */
size_t plx_article_sentence_at(const plx_article *a, size_t off);
/* Index of the first token with start >= off (n_toks if none). */
size_t plx_article_token_at(const plx_article *a, size_t off);

#endif
