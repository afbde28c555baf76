/*
 * analyzer.h: the state an analyzer keeps across articles (stemmer, outlet
 * list, limits).  One analyzer per thread: the Snowball stemmer is not
 * thread-safe.
 */
#ifndef PLX_ANALYZER_H
#define PLX_ANALYZER_H

#include "outlet.h"
#include "parallax.h"

struct sb_stemmer;
typedef struct plx_entity_lex plx_entity_lex;

struct plx_analyzer {
	plx_limits limits;
	plx_outlets *outlets;
	struct sb_stemmer *stemmer;
	plx_entity_lex
		*entity_lex; /* gazetteers (entity.c), built on first use */
	unsigned skip;       /* PLX_SKIP_* stages plx_analyze leaves out */
	struct plx_story_scratch *story; /* plx_story_terms' term map and
					   prior cache */
	char err[512];
};

#endif
