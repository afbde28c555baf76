/*
 * html.h: main-content extraction from an article page (the web input of
 * the pipeline): body paragraphs and metadata, for the reader to turn into
 * a plx_record.  The public API is plx_html_extract in parallax.h.
 */
#ifndef PLX_HTML_H
#define PLX_HTML_H

#include "parallax.h"

/* Pages over this many bytes are refused (PLX_ETOOBIG): real article pages,
 * scripts and inline styles included, stay under 5 MiB; past this the page
 * is a dump or an attack, and libxml2 would build a tree several times the
 * page's size. */
#define PLX_HTML_MAX_BYTES ((size_t)32 << 20)

/* Elements looked at.  The tree of a page over the byte limit above can
 * hold about this many; a page with more is refused (PLX_ETOOBIG) rather
 * than scored, which bounds the node table (20 bytes an element). */
#define PLX_HTML_MAX_NODES ((size_t)2 << 20)

/* Candidate containers scored per paragraph: its parent and this many
 * ancestors more (Readability's choice; deeper ancestors get only a sliver
 * of the score). */
#define PLX_HTML_SCORE_LEVELS 5

/* Best candidates compared with the best one, and how many of them (the
 * best included) a common ancestor must hold to be taken instead: a body
 * split into blocks that score alike (Readability's 5 and 3). */
#define PLX_HTML_TOP_CANDS 5
#define PLX_HTML_TOP_AGREE 3

/* Extracted text shorter than this (bytes) means the first try chose a
 * box, not the article, or a class hid it: a second, relaxed try runs
 * (Readability's 500-character threshold, in bytes). */
#define PLX_HTML_RETRY_BYTES 500

/* Bytes looked at for a <meta charset> before parsing (HTML5's prescan
 * looks at 1024; pages with long heads put it later). */
#define PLX_HTML_SNIFF_BYTES 4096

/* A metadata value (title, byline...) is cut to this many bytes: metadata
 * longer than this is markup gone wrong, not a title. */
#define PLX_HTML_MAX_META 1024

#endif
