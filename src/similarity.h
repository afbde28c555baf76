/*
 * similarity.h: internals of pair similarity (similarity.c) shared with the
 * generator of the built-in document frequency table (tools/gen_idf.c) and
 * the table itself (similarity_df.c, written into the build directory).
 */
#ifndef PLX_SIMILARITY_H
#define PLX_SIMILARITY_H

#include <stddef.h>

#include "parallax.h"

/* The kinds of term an article is described by. */
typedef enum plx_sim_kind {
	PLX_SIM_WORD = 0, /* Snowball stem of a non-stop word */
	PLX_SIM_NUMBER,   /* a number token, as written (normalised) */
	PLX_SIM_NAME,     /* key of a person, organisation or other name */
	PLX_SIM_PLACE,    /* key of a place name or of the dateline */
	PLX_SIM_KINDS
} plx_sim_kind;

/* Where a term was seen: a body sentence (its index), or the title. */
#define PLX_SIM_TITLE ((size_t)-1)

/* Called once per occurrence of a term: kind, the term (len bytes, not
 * NUL-terminated), the sentence (or PLX_SIM_TITLE) and, for names and
 * places, the entity's index (else -1) and mention count.  Returns 0 to go
 * on or a status to stop. */
typedef int (*plx_sim_term_fn)(void *ud, plx_sim_kind kind, const char *term,
			       size_t len, size_t sentence, long entity,
			       size_t mentions);

/* Walks every term of art, in text order (title first), calling fn; the
 * one definition of what a term is, used by the comparison and by the
 * table generator alike.  Returns 0 or the first non-zero status of fn
 * (PLX_ENOMEM when a key could not be made). */
int plx_sim_each_term(const plx_article *art, plx_sim_term_fn fn, void *ud);

/* Built-in document frequencies (similarity_df.c): sorted by term (strcmp
 * order), one table for words and numbers, one for names and places.  With
 * no corpus at build time, plx_df_docs and both counts are 0. */
typedef struct plx_df_entry {
	const char *term;
	unsigned df;
} plx_df_entry;

extern const plx_df_entry plx_df_words[];
extern const size_t plx_df_n_words;
extern const plx_df_entry plx_df_names[];
extern const size_t plx_df_n_names;
extern const unsigned plx_df_docs; /* documents counted */

/* The table's document frequency of term (names: the names and places
 * table, else words and numbers); 0 when absent. */
unsigned plx_df_lookup(int names, const char *term, size_t len);

#endif
