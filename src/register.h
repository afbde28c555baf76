/*
 * register.h: stage 5.  Labels each sentence and body paragraph reporting
 * or opinion: the author's own first-person view, evaluative language and
 * argument addressed to the reader; quoted speech does not count.
 */
#ifndef PLX_REGISTER_H
#define PLX_REGISTER_H

#include "analyzer.h"
#include "article.h"

/* Sets reg and opinion of every sentence and paragraph (every kind; the
 * label is meaningful for body paragraphs).  Returns PLX_OK or
 * PLX_ENOMEM. */
int plx_register_classify(plx_analyzer *an, plx_article *art);

/* Number of features the register model reads. */
#define PLX_REG_NFEAT 31

/* Writes the model's features of tokens [t0, t1) of an analysed article
 * into out[PLX_REG_NFEAT], as the classifier sees them (quoted words left
 * out).  For fitting the weights (bench/register_fit.py).  Returns PLX_OK,
 * PLX_EINVAL or PLX_ENOMEM. */
int plx_register_features(const plx_article *art, size_t t0, size_t t1,
			  float *out);

#endif
