/*
 * fuzz_reader.c: libFuzzer target for the readers (text, JSON Lines, gzip).
 * The first byte picks the name the input is read under (hence the format)
 * and tight limits; the rest is the file.  Every record must hold
 * NUL-terminated valid UTF-8 of the stated length.
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"in.jsonl", "in.txt", "in.dat",
					    "in.gz"};
	if (size < 1)
		return 0;
	unsigned sel = data[0];
	data++, size--;
	plx_limits lim;
	plx_limits_default(&lim);
	if (sel & 4) {
		lim.max_line_bytes = 64;
		lim.max_record_bytes = 48;
		lim.max_gzip_ratio = 4;
	}
	plx_reader *r = NULL;
	if (plx_reader_new(&lim, &r))
		return 0;
	/* Twice: the second file must not see the first one's state. */
	plx_reader_add_memory(r, names[sel & 3], data, size);
	if (sel & 8)
		plx_reader_add_memory(r, names[(sel >> 4) & 3], data, size);
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
		check(plx_utf8_invalid(rec->text, rec->text_len) ==
		      rec->text_len);
		check(rec->text_len <= lim.max_record_bytes * 3);
		const char *meta[] = {rec->id, rec->title, rec->date,
				      rec->source, rec->url};
		for (size_t i = 0; i < 5; i++)
			if (meta[i])
				check(plx_utf8_invalid(meta[i],
						       strlen(meta[i])) ==
				      strlen(meta[i]));
	}
	check(plx_reader_count(r) == good);
	check(plx_reader_skipped(r) == bad);
	plx_reader_free(r);
	return 0;
}
