/*
 * outlet.h: the list of known news outlets (name, web domain, aliases such
 * as "AP" or "The Post") used to find an article's source in its text.  A
 * built-in list covers major outlets; plx_analyzer_load_outlets adds more.
 */
#ifndef PLX_OUTLET_H
#define PLX_OUTLET_H

#include <stddef.h>

typedef struct plx_outlet {
	char *name;     /* canonical name: "The Washington Post" */
	char *domain;   /* "washingtonpost.com", or NULL */
	char **aliases; /* other written forms: "Washington Post", "WaPo" */
	size_t n_aliases;
} plx_outlet;

typedef struct plx_outlets plx_outlets;

int plx_outlets_new(plx_outlets **out); /* with the built-in list */
void plx_outlets_free(plx_outlets *o);

/* Adds outlets from a file ("Name<TAB>domain<TAB>alias<TAB>..." lines, '#'
 * comments).  On a bad line returns PLX_EFORMAT and writes a message naming
 * path and line into err (errlen bytes). */
int plx_outlets_load(plx_outlets *o, const char *path, char *err,
		     size_t errlen);

/* The outlet whose name or alias is s[0..n) (case-insensitive, a leading
 * "The " ignored), or NULL. */
const plx_outlet *plx_outlets_by_name(const plx_outlets *o, const char *s,
				      size_t n);
/* The outlet whose domain is host or a parent of it ("www.nytimes.com"),
 * or NULL. */
const plx_outlet *plx_outlets_by_domain(const plx_outlets *o, const char *host,
					size_t n);
/* The outlet named at the start of s[0..n) ("The Washington PostDemocracy
 * Dies..."): sets *matched to the bytes matched.  NULL when none. */
const plx_outlet *plx_outlets_prefix(const plx_outlets *o, const char *s,
				     size_t n, size_t *matched);

#endif
