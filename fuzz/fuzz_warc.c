/*
 * fuzz_warc.c: libFuzzer target for the WARC reader (framing, HTTP heads,
 * chunked payloads, gzip members, resynchronisation after damage).  The
 * first byte picks plain or gzip-named input and tight limits; the rest
 * is the file.  Every record must hold NUL-terminated valid UTF-8 of the
 * stated length, every error a message, and the counts must agree.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "parallax.h"
#include "reader.h"
#include "utf8.h"

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
	size_t good = fuzz_read_all(r, lim.max_record_bytes);
	plx_warc_stats st;
	plx_reader_warc_stats(r, &st);
	check(st.pages >= good || st.records == 0); /* in.dat: maybe text */
	plx_reader_free(r);
	return 0;
}
