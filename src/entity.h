/*
 * entity.h: stage 3.  Finds people, organisations and places and merges
 * their mentions into one entity per referent (titles, middle initials,
 * surname-only and transliteration variants).
 */
#ifndef PLX_ENTITY_H
#define PLX_ENTITY_H

#include "analyzer.h"
#include "article.h"

/* Fills art->ents (mentions and aliases in the arena). */
int plx_entity_find(plx_analyzer *an, plx_article *art);

/* The entity with a mention covering [start, end), or -1. */
long plx_entity_at(const plx_article *art, size_t start, size_t end);

#endif
