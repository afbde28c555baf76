/*
 * fuzz_analyze.c: libFuzzer target for the whole analysis pipeline (clean,
 * segment, entity, quote, register) and the JSON renderer, on arbitrary
 * bytes.  Every span must lie inside the article's text.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "parallax.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plx_analyzer *an = fuzz_analyzer();
	if (!an)
		return 0;
	plx_article *art = NULL;
	if (plx_analyze_text(an, (const char *)data, size, "fuzz", &art)) {
		check(art == NULL);
		return 0;
	}
	size_t len, n;
	const char *text = plx_article_text(art, &len);
	check(text != NULL);
	const plx_paragraph *p = plx_article_paragraphs(art, &n);
	for (size_t i = 0; i < n; i++)
		check(p[i].start <= p[i].end && p[i].end <= len);
	const plx_sentence *s = plx_article_sentences(art, &n);
	for (size_t i = 0; i < n; i++)
		check(s[i].start <= s[i].end && s[i].end <= len);
	const plx_token *t = plx_article_tokens(art, &n);
	for (size_t i = 0; i < n; i++)
		check(t[i].start <= t[i].end && t[i].end <= len && t[i].norm &&
		      t[i].stem);
	const plx_quote *q = plx_article_quotes(art, &n);
	for (size_t i = 0; i < n; i++)
		check(q[i].start <= q[i].end && q[i].end <= len &&
		      q[i].speaker_end <= len && q[i].cue_end <= len);
	const plx_entity *e = plx_article_entities(art, &n);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < e[i].n_mentions; k++)
			check(e[i].mentions[k].end <= len);
	char *json = NULL;
	size_t jlen;
	if (plx_article_json(art, &json, &jlen) == PLX_OK)
		plx_free(json);
	plx_article_free(art);
	return 0;
}
