/*
 * fuzz_util.h: what the libFuzzer targets share: a check that traps, a
 * lazily made analyzer, and the reader loop of the reader targets.
 */
#ifndef PLX_FUZZ_UTIL_H
#define PLX_FUZZ_UTIL_H

#include <stdint.h>
#include <string.h>

#include "parallax.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void check(int ok)
{
	if (!ok)
		__builtin_trap();
}

/* The one analyzer of the process (made on first use), or NULL. */
static inline plx_analyzer *fuzz_analyzer(void)
{
	static plx_analyzer *an;
	if (!an && plx_analyzer_new(NULL, &an))
		return NULL;
	return an;
}

/* NULL or valid UTF-8. */
static inline int fuzz_valid(const char *s)
{
	return !s || plx_utf8_invalid(s, strlen(s)) == strlen(s);
}

/* Reads all of r: each error must come with a message, each record hold
 * NUL-terminated valid UTF-8 of the stated length, its text at most
 * max_text bytes, and the reader's counts must agree.  Returns the
 * records read. */
static inline size_t fuzz_read_all(plx_reader *r, size_t max_text)
{
	const plx_record *rec;
	int rc;
	size_t good = 0, bad = 0;
	while ((rc = plx_reader_next(r, &rec)) != 0) {
		if (rc < 0) {
			check(rec == NULL);
			check(plx_reader_errmsg(r)[0] != 0);
			bad++;
			continue;
		}
		good++;
		check(rec->path && rec->id && rec->text);
		check(strlen(rec->text) == rec->text_len);
		check(fuzz_valid(rec->text) && fuzz_valid(rec->id) &&
		      fuzz_valid(rec->title) && fuzz_valid(rec->date) &&
		      fuzz_valid(rec->source) && fuzz_valid(rec->url));
		check(rec->text_len <= max_text);
	}
	check(plx_reader_count(r) == good);
	check(plx_reader_skipped(r) == bad);
	return good;
}

#endif
