/*
 * watch.h: the feed watcher behind `parallax watch`: a scheduler over
 * libcurl's multi interface that polls feeds, fetches new items' pages and
 * ingests them.  The public API is plx_watch_* in parallax.h.
 */
#ifndef PLX_WATCH_H
#define PLX_WATCH_H

#include "parallax.h"

/* OPML lists may name OPML lists: followed this many levels deep, which is
 * more than real directories use and stops a list that names itself
 * through another. */
#define PLX_WATCH_MAX_OPML_DEPTH 3

/* Feeds watched at most (given and listed by OPML together): every step
 * scans them, and no reader follows more. */
#define PLX_WATCH_MAX_FEEDS 10000

/* A validator (ETag, Last-Modified) longer than this is not kept: real ones
 * are under 100 bytes. */
#define PLX_WATCH_MAX_VALIDATOR 512

#endif
