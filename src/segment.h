/*
 * segment.h: stage 2.  Splits each paragraph into sentences and tokens;
 * tokens get their NFKC case-folded form and Snowball stem.
 */
#ifndef PLX_SEGMENT_H
#define PLX_SEGMENT_H

#include "analyzer.h"
#include "article.h"

/* Fills art->sents, art->toks and each paragraph's first_sentence /
 * n_sentences.  Paragraphs of every kind are segmented. */
int plx_segment(plx_analyzer *an, plx_article *art);

/* Splits text[0..len) into sentences: calls fn(start, end, ud) for each, in
 * order, offsets relative to text.  Exposed for tests and the register
 * benchmark. */
int plx_split_sentences(const char *text, size_t len,
			int (*fn)(size_t start, size_t end, void *ud),
			void *ud);

#endif
