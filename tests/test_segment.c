/*
 * test_segment.c: sentences and tokens (stage 2).
 */
#include "harness.h"
#include "parallax.h"

static plx_analyzer *an;

/* Sentences of text joined with " | ". */
static char *sentences(const char *text)
{
	static char out[4096];
	plx_article *art = NULL;
	out[0] = 0;
	if (plx_analyze_text(an, text, strlen(text), NULL, &art))
		return out;
	size_t n;
	const plx_sentence *s = plx_article_sentences(art, &n);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, " | ");
		strncat(out, text + s[i].start, s[i].end - s[i].start);
	}
	plx_article_free(art);
	return out;
}

TEST(abbreviations)
{
	CHECK_STR(sentences("Gov. Jane Roe met Dr. Smith in the U.S. Capitol. "
			    "They spoke."),
		  "Gov. Jane Roe met Dr. Smith in the U.S. Capitol. | They "
		  "spoke.");
	CHECK_STR(sentences("Secretary of State Antony J. Blinken spoke. "
			    "Lavrov left."),
		  "Secretary of State Antony J. Blinken spoke. | Lavrov left.");
	CHECK_STR(
		sentences(
			"It rose 5.93 percent on Jan. 5 at 3 p.m. local time."),
		"It rose 5.93 percent on Jan. 5 at 3 p.m. local time.");
	CHECK_STR(sentences("He lives in the U.S. The talks begin today."),
		  "He lives in the U.S. | The talks begin today.");
}

TEST(missing_space)
{
	CHECK_STR(
		sentences(
			"a sneak attack a la Barbarossa.The Russians want it."),
		"a sneak attack a la Barbarossa. | The Russians want it.");
	CHECK_STR(sentences("See nytimes.com for more. Then stop."),
		  "See nytimes.com for more. | Then stop.");
}

TEST(quotes)
{
	CHECK_STR(sentences("\xE2\x80\x9CI cannot say. We will "
			    "see,\xE2\x80\x9D he said. Then he left."),
		  "\xE2\x80\x9CI cannot say. | We will see,\xE2\x80\x9D he "
		  "said. | Then he left.");
	CHECK_STR(sentences("\"Is it over?\" she asked. Nobody knew!"),
		  "\"Is it over?\" she asked. | Nobody knew!");
	CHECK_STR(
		sentences("He said: \xE2\x80\x9CGo.\xE2\x80\x9D Then silence."),
		"He said: \xE2\x80\x9CGo.\xE2\x80\x9D | Then silence.");
	/* An opening mark after the space opens the next sentence, even
	 * one that can also close (German-style). */
	CHECK_STR(sentences("He was guarded. \xE2\x80\x9CWe will see,"
			    "\xE2\x80\x9D he said."),
		  "He was guarded. | \xE2\x80\x9CWe will see,\xE2\x80\x9D "
		  "he said.");
	CHECK_STR(sentences("It ended. \"Go home,\" she said."),
		  "It ended. | \"Go home,\" she said.");
}

TEST(tokens)
{
	const char *t = "The U.S. and NATO\xE2\x80\x99s ﬁrst 100,000 "
			"troops—don\xE2\x80\x99t!";
	plx_article *art = NULL;
	CHECK(plx_analyze_text(an, t, strlen(t), NULL, &art) == PLX_OK);
	if (!art)
		return;
	size_t n;
	const plx_token *k = plx_article_tokens(art, &n);
	const char *want[] = {"the",   "u.s.",    "and",    "nato's",
			      "first", "100,000", "troops", "\xE2\x80\x94",
			      "don't", "!"};
	CHECK(n == sizeof want / sizeof *want);
	for (size_t i = 0; i < n && i < sizeof want / sizeof *want; i++)
		CHECK_STR(k[i].norm, want[i]);
	if (n >= 7) {
		CHECK(k[0].flags & PLX_TOK_STOP);
		CHECK(k[1].flags & PLX_TOK_UPPER);
		CHECK(k[5].flags & PLX_TOK_NUMBER);
		CHECK_STR(k[6].stem, "troop");
		/* offsets point at the original bytes */
		CHECK(memcmp(t + k[4].start, "ﬁrst", k[4].end - k[4].start) ==
		      0);
	}
	plx_article_free(art);
}

TEST(offsets_cover_text)
{
	const char *t = "First paragraph here. Second sentence.\n\nNext one, "
			"with \xC3\xA9t\xC3\xA9 words.";
	plx_article *art = NULL;
	CHECK(plx_analyze_text(an, t, strlen(t), NULL, &art) == PLX_OK);
	if (!art)
		return;
	size_t np, ns;
	const plx_paragraph *p = plx_article_paragraphs(art, &np);
	const plx_sentence *s = plx_article_sentences(art, &ns);
	CHECK(np == 2);
	CHECK(ns == 3);
	for (size_t i = 0; i < ns; i++) {
		const plx_paragraph *pp = &p[s[i].paragraph];
		CHECK(s[i].start >= pp->start && s[i].end <= pp->end);
	}
	plx_article_free(art);
}

TEST(empty_and_nul)
{
	plx_article *art = (plx_article *)1;
	CHECK(plx_analyze_text(an, " \n\t ", 4, NULL, &art) == PLX_EEMPTY);
	CHECK(art == NULL);
	CHECK(plx_analyze_text(an, "a\0b", 3, NULL, &art) == PLX_ENUL);
	/* invalid UTF-8 is repaired, not rejected */
	CHECK(plx_analyze_text(an, "caf\xE9 ok", 7, NULL, &art) == PLX_OK);
	if (art) {
		size_t len;
		const char *txt = plx_article_text(art, &len);
		CHECK(len == 9 && memcmp(txt, "caf\xEF\xBF\xBD ok", 9) == 0);
		plx_article_free(art);
	}
}

/* Every stop word is found: the list is binary-searched, so a word out of
 * order would silently stop being one. */
TEST(stop_words)
{
	const char *t =
		"a about after all also an and any are as at be been before "
		"being but by can could did do does for from had has have he "
		"her him his how i if in into is it its may me might more most "
		"must my no not of on or other our out over said shall she "
		"should so some such than that the their them then there these "
		"they this those to up us was we were what when where which "
		"who "
		"whom why will with would you your";
	plx_article *art = NULL;
	CHECK(plx_analyze_text(an, t, strlen(t), NULL, &art) == PLX_OK);
	if (!art)
		return;
	size_t n, stops = 0;
	const plx_token *k = plx_article_tokens(art, &n);
	for (size_t i = 0; i < n; i++) {
		if (k[i].flags & PLX_TOK_STOP)
			stops++;
		else
			fprintf(stderr, "  not a stop word: %s\n", k[i].norm);
	}
	CHECK(n == 91 && stops == n);
	plx_article_free(art);
	/* and a content word is not */
	CHECK(plx_analyze_text(an, "troops", 6, NULL, &art) == PLX_OK);
	if (art) {
		k = plx_article_tokens(art, &n);
		CHECK(n == 1 && !(k[0].flags & PLX_TOK_STOP));
		plx_article_free(art);
	}
}

int main(void)
{
	if (plx_analyzer_new(NULL, &an))
		return 1;
	RUN(abbreviations);
	RUN(missing_space);
	RUN(quotes);
	RUN(tokens);
	RUN(offsets_cover_text);
	RUN(empty_and_nul);
	RUN(stop_words);
	plx_analyzer_free(an);
	DONE();
}
