/*
 * fuzz_jsonfast.c: libFuzzer target for the JSON Lines fast path
 * (reader.c): any input parsed with jansson alone and with the fast path
 * first must give the same status, message and record.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "mem.h"
#include "parallax.h"
#include "reader.h"

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plx_limits lim;
	plx_limits_default(&lim);
	if (size && (data[0] & 1))
		lim.max_record_bytes = 16; /* the length check too */
	const char *line = (const char *)data;
	plx_record a, b;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	void *ra = NULL, *rb = NULL;
	plx_buf ia, ib;
	plx_buf_init(&ia);
	plx_buf_init(&ib);
	char ma[512] = "", mb[512] = "";
	int ca = plx_reader_parse_json(line, size, "f", 1, &lim, &a, &ra, &ia,
				       ma, sizeof ma, 0);
	int cb = plx_reader_parse_json(line, size, "f", 1, &lim, &b, &rb, &ib,
				       mb, sizeof mb, 1);
	int ok = ca == cb;
	if (ok && ca == PLX_ENOMEM)
		ok = 1; /* either may run out first */
	else if (ok && ca < 0)
		ok = strcmp(ma, mb) == 0;
	else if (ok && ca > 0)
		ok = same(a.id, b.id) && same(a.title, b.title) &&
		     same(a.date, b.date) && same(a.source, b.source) &&
		     same(a.url, b.url) && a.text_len == b.text_len &&
		     memcmp(a.text, b.text, a.text_len) == 0;
	plx_reader_json_free(ra);
	plx_reader_json_free(rb);
	plx_buf_free(&ia);
	plx_buf_free(&ib);
	check(ok);
	return 0;
}
