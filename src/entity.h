/*
 * entity.h: stage 3.  Finds people, organisations and places and merges
 * their mentions into one entity per referent (titles, middle initials,
 * surname-only and transliteration variants).
 */
#ifndef PLX_ENTITY_H
#define PLX_ENTITY_H

#include "analyzer.h"
#include "article.h"

/* One mention in the article's sorted mention index (art->ment_ix). */
struct plx_mention_ix {
	size_t start, end; /* the mention's bytes */
	size_t entity;     /* index into art->ents */
};
typedef struct plx_mention_ix plx_mention_ix;

/* The gazetteers as one hash table, built once per analyzer.  Caller frees
 * with plx_entity_lex_free (plx_analyzer_free does). */
int plx_entity_lex_new(plx_entity_lex **out);
void plx_entity_lex_free(plx_entity_lex *lex);

/* 1 when the word lists that plx_name_key binary-searches are sorted (a
 * test guard for whoever edits them), else 0. */
int plx_entity_lex_check(void);

/* Fills art->ents (mentions and aliases in the arena) and art->ment_ix.
 * Builds an->entity_lex on first use. */
int plx_entity_find(plx_analyzer *an, plx_article *art);

/* The entity with a mention meeting [start, end) (the largest overlap; an
 * empty span matches the mention holding start), or -1.  O(log n). */
long plx_entity_at(const plx_article *art, size_t start, size_t end);

/* The person entity whose mention starts last before byte off, or -1: the
 * antecedent for a "he"/"she" at off. */
long plx_entity_person_before(const plx_article *art, size_t off);

/* Genders for "he"/"she" resolution. */
enum { PLX_GENDER_UNKNOWN = 0, PLX_GENDER_MALE = 1, PLX_GENDER_FEMALE = 2 };

/* Gender of a name or description ("Mrs. Clinton", "Hillary Clinton",
 * "a spokeswoman"): its first gendered title, noun or given name;
 * PLX_GENDER_UNKNOWN when none or the given name is borne by both. */
int plx_name_gender(const char *s, size_t len);

/* Gender of entity e: of its name or aliases, else of the he/she that
 * follows its mentions in the article; PLX_GENDER_UNKNOWN for a
 * non-person or no evidence.  O(mentions). */
int plx_entity_gender(const plx_article *art, long e);

#endif
