/*
 * fuzz_similarity.c: libFuzzer target for pair similarity.  The input is
 * split at its first NUL byte (or in half) into two articles, each analysed
 * and compared both ways: the score must lie in [0,1], be the same both
 * ways, and every reason must be a string.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "parallax.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plx_analyzer *an = fuzz_analyzer();
	if (!an)
		return 0;
	const char *s = (const char *)data;
	const char *nul = memchr(s, 0, size);
	size_t la = nul ? (size_t)(nul - s) : size / 2;
	size_t off = nul ? la + 1 : la;
	plx_article *a = NULL, *b = NULL;
	if (plx_analyze_text(an, s, la, "a", &a) ||
	    plx_analyze_text(an, s + off, size - off, "b", &b)) {
		plx_article_free(a);
		return 0;
	}
	plx_similarity x, y;
	if (plx_similarity_compare(a, b, NULL, &x) == PLX_OK &&
	    plx_similarity_compare(b, a, NULL, &y) == PLX_OK) {
		check(x.score >= 0 && x.score <= 1);
		check(fabs(x.score - y.score) < 1e-9);
		check(x.n_shared_names <= PLX_SIM_MAX_NAMES);
		check(x.n_shared_places <= PLX_SIM_MAX_PLACES);
		for (size_t i = 0; i < x.n_shared_names; i++)
			check(x.shared_names[i] != NULL);
		for (size_t i = 0; i < x.n_shared_places; i++)
			check(x.shared_places[i] != NULL);
	}
	plx_article_free(a);
	plx_article_free(b);
	return 0;
}
