/*
 * reader.h: internal entry points of the readers (reader.c), for the
 * fuzzers and the tests.  The public API is plx_reader_* in parallax.h.
 */
#ifndef PLX_READER_H
#define PLX_READER_H

#include <stddef.h>

#include "parallax.h"

/* Queues an in-memory input read exactly like a file called name (its
 * extension picks the format; gzip is detected by its magic bytes).  The
 * data is copied.  Returns PLX_OK, PLX_EINVAL or PLX_ENOMEM. */
int plx_reader_add_memory(plx_reader *r, const char *name, const void *data,
			  size_t len);

/* Below this much decompressed output a gzip stream is never taken for a
 * bomb: small files of repeated text compress far past any ratio and cost
 * nothing to read. */
#define PLX_GZIP_BOMB_FLOOR ((size_t)8 << 20)

#endif
