/*
 * quote.h: stage 4.  Finds direct quotations in every quoting style and
 * attributes each to its speaker (named, pronoun-resolved, or described).
 */
#ifndef PLX_QUOTE_H
#define PLX_QUOTE_H

#include "analyzer.h"
#include "article.h"

/* Fills art->quotes, in text order. */
int plx_quote_find(plx_analyzer *an, plx_article *art);

#endif
