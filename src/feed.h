/*
 * feed.h: RSS 2.0, RSS 1.0 (RDF), Atom and OPML documents to items and feed
 * lists (the feed input of the pipeline; `parallax watch` polls them).  The
 * public API is plx_feed_parse in parallax.h.
 */
#ifndef PLX_FEED_H
#define PLX_FEED_H

#include "parallax.h"

/* Documents over this many bytes are refused (PLX_ETOOBIG): the biggest
 * real feeds (full-content podcasts) stay under 4 MiB; a bigger one is a
 * dump or an attack, and libxml2's tree is several times the document. */
#define PLX_FEED_MAX_BYTES ((size_t)16 << 20)

/* Items (or OPML feeds) kept per document; the rest are dropped (counted in
 * plx_feed.dropped).  Real feeds carry 10 to 100 items. */
#define PLX_FEED_MAX_ITEMS 10000

/* A title, link, id or date longer than this many bytes is cut at a
 * character boundary: it is markup gone wrong, not a title. */
#define PLX_FEED_MAX_META 2048

/* An item's summary or content longer than this is cut (an article is
 * rarely a tenth of it; the page itself is fetched anyway). */
#define PLX_FEED_MAX_SUMMARY ((size_t)1 << 20)

#endif
