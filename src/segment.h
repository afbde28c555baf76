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

/* The words of a title given as metadata (not in the text), for engines
 * that weigh title terms: the title is NFKC case-folded like token norms
 * and split into words (letters, digits, inner apostrophes); words in stop
 * (n_stop of them, in strcmp order) or over max_len bytes are dropped, numbers
 * are passed as they are (number 1), other words of two bytes or more stemmed
 * with stemmer (an English one: stems are shared with the segmenter's
 * per-thread cache).  fn's non-zero return stops and is returned; PLX_ENOMEM.
 */
struct sb_stemmer;
int plx_title_words(const char *title, struct sb_stemmer *stemmer,
		    const char *const *stop, size_t n_stop, size_t max_len,
		    int (*fn)(void *ud, const char *w, size_t n, int number),
		    void *ud);

#endif
