/*
 * fuzz_coverage.c: libFuzzer target for story reports.  The input is cut
 * into up to four articles at form feeds (or, without one, at its
 * quarters), each analysed; the report is built and rendered in all four
 * formats.  Renders must be valid UTF-8 of the length returned, and the
 * HTML must hold no tag from the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "parallax.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plx_analyzer *an = fuzz_analyzer();
	if (!an)
		return 0;
	plx_coverage *c = NULL;
	if (plx_coverage_new(NULL, &c))
		return 0;
	const char *s = (const char *)data;
	size_t start = 0;
	int parts = memchr(s, '\f', size) ? 0 : 4;
	for (int i = 0; i < 4 && start <= size; i++) {
		size_t end;
		if (parts) {
			end = i == 3 ? size : start + size / 4;
		} else {
			const char *ff = memchr(s + start, '\f', size - start);
			end = ff ? (size_t)(ff - s) : size;
		}
		plx_article *art = NULL;
		if (plx_analyze_text(an, s + start, end - start, "fuzz",
				     &art) == PLX_OK)
			check(plx_coverage_add(c, art) == PLX_OK);
		start = end + (parts ? 0 : 1);
		if (end >= size)
			break;
	}
	check(plx_coverage_build(c) == PLX_OK);
	plx_render_opts o = {1, 0, "/ui"};
	for (int f = PLX_FMT_TEXT; f <= PLX_FMT_HTML; f++) {
		char *out = NULL;
		size_t len = 0;
		check(plx_coverage_render(c, (plx_format)f, &o, &out, &len) ==
		      PLX_OK);
		check(out && strlen(out) == len);
		check(plx_utf8_invalid(out, len) == len);
		if (f == PLX_FMT_HTML)
			/* the page's own tags only: none named script */
			check(strstr(out, "<script") == NULL);
		plx_free(out);
	}
	plx_coverage_free(c);
	return 0;
}
