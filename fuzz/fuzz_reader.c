/*
 * fuzz_reader.c: libFuzzer target for the readers (text, JSON Lines, gzip).
 * The first byte picks the name the input is read under (hence the format)
 * and tight limits; the rest is the file.  Every record must hold
 * NUL-terminated valid UTF-8 of the stated length.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "parallax.h"
#include "reader.h"
#include "utf8.h"

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
	fuzz_read_all(r, lim.max_record_bytes * 3);
	plx_reader_free(r);
	return 0;
}
