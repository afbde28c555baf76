/*
 * register.h: stage 5.  Labels each sentence and body paragraph reporting
 * or opinion: the author's own first-person view, evaluative language and
 * argument addressed to the reader; quoted speech does not count.
 */
#ifndef PLX_REGISTER_H
#define PLX_REGISTER_H

#include "analyzer.h"
#include "article.h"

/* Sets reg and opinion of every sentence and paragraph. */
int plx_register_classify(plx_analyzer *an, plx_article *art);

#endif
