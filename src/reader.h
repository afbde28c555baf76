/*
 * reader.h: internal entry points of the readers (reader.c), for the
 * fuzzers and the tests.  The public API is plx_reader_* in parallax.h.
 */
#ifndef PLX_READER_H
#define PLX_READER_H

#include <stddef.h>

#include "mem.h"
#include "parallax.h"

/* Queues an in-memory input read exactly like a file called name (its
 * extension picks the format; gzip is detected by its magic bytes).  The
 * data is copied.  Returns PLX_OK, PLX_EINVAL or PLX_ENOMEM. */
int plx_reader_add_memory(plx_reader *r, const char *name, const void *data,
			  size_t len);

/* One JSON Lines record, as plx_reader_next reads it: the object on line
 * (n bytes) into *rec, whose strings point into *root (free it with
 * plx_reader_json_free, also after a failure) or into id.  Returns 1, or a
 * negative status with the message, naming name:lineno as the reader's
 * does, in msg.  For records the reader deferred (plx_reader_defer_json). */
int plx_reader_parse_json(const char *line, size_t n, const char *name,
			  size_t lineno, const plx_limits *lim, plx_record *rec,
			  void **root, plx_buf *id, char *msg, size_t msg_size);
void plx_reader_json_free(void *root);

/* Depth of the deepest array or object on a JSON line (strings skipped). */
size_t plx_json_depth(const char *s, size_t n);

/* Below this much decompressed output a gzip stream is never taken for a
 * bomb: small files of repeated text compress far past any ratio and cost
 * nothing to read. */
#define PLX_GZIP_BOMB_FLOOR ((size_t)8 << 20)

#endif
