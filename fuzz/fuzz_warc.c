/*
 * fuzz_warc.c: libFuzzer target for the WARC reader (framing, HTTP heads,
 * chunked payloads, gzip members, resynchronisation after damage).  The
 * first byte picks plain or gzip-named input and tight limits; the rest
 * is the file.  Every record must hold NUL-terminated valid UTF-8 of the
 * stated length, every error a message, and the counts must agree.
 */
#include <stdint.h>
#include <string.h>

#include "parallax.h"
#include "reader.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		__builtin_trap();
}

static int valid(const char *s)
{
	return !s || plx_utf8_invalid(s, strlen(s)) == strlen(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned sel = data[0];
	data++, size--;
	plx_limits lim;
	plx_limits_default(&lim);
	if (sel & 2) {
		lim.max_warc_record_bytes = 512;
		lim.max_record_bytes = 64;
		lim.max_gzip_ratio = 4;
	}
	plx_reader *r = NULL;
	if (plx_reader_new(&lim, &r))
		return 0;
	/* Named .warc or .warc.gz (gzip is found by its magic either way),
	 * or sniffed from its first bytes. */
	static const char *const names[] = {"in.warc", "in.warc.gz", "in.dat",
					    "in.warc"};
	plx_reader_add_memory(r, names[(sel >> 2) & 3], data, size);
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
		check(valid(rec->text) && valid(rec->id) && valid(rec->title) &&
		      valid(rec->date) && valid(rec->source) &&
		      valid(rec->url));
		check(rec->text_len <= lim.max_record_bytes);
	}
	plx_warc_stats st;
	plx_reader_warc_stats(r, &st);
	check(plx_reader_count(r) == good);
	check(plx_reader_skipped(r) == bad);
	check(st.pages >= good || st.records == 0); /* in.dat: maybe text */
	plx_reader_free(r);
	return 0;
}
