/*
 * clean.h: stage 1.  Splits the text into paragraphs and labels each one
 * (body, title, masthead, caption, related, credit, other); finds the
 * title, the source outlet and the dateline.
 */
#ifndef PLX_CLEAN_H
#define PLX_CLEAN_H

#include "analyzer.h"
#include "article.h"

/* Fills art->paras (start, end, kind), and art->title / source / dateline
 * (dateline_start/end) when the record did not already give them. */
int plx_clean(const plx_analyzer *an, plx_article *art);

#endif
