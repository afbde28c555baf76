/*
 * test_quote.c: quotations and speakers (stage 4): every quoting style,
 * split and multi-paragraph quotes, partial quotes, pronouns, unbalanced
 * marks, and the quotes of the Washington Post seed.
 */
#include "harness.h"
#include "parallax.h"

static plx_analyzer *an;

#define LQ  "\xE2\x80\x9C" /* “ */
#define RQ  "\xE2\x80\x9D" /* ” */
#define LS  "\xE2\x80\x98" /* ‘ */
#define RS  "\xE2\x80\x99" /* ’ */
#define LOW "\xE2\x80\x9E" /* „ */
#define LG  "\xC2\xAB"     /* « */
#define RG  "\xC2\xBB"     /* » */

static plx_article *run(const char *text)
{
	plx_article *art = NULL;
	int rc = plx_analyze_text(an, text, strlen(text), NULL, &art);
	CHECK(rc == PLX_OK);
	return art;
}

/* The quote's words as a static string. */
static const char *qtext(const plx_article *art, const plx_quote *q)
{
	static char buf[8192];
	const char *t = plx_article_text(art, NULL);
	size_t n = q->end - q->start;
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, t + q->start, n);
	buf[n] = 0;
	return buf;
}

static const char *span(const plx_article *art, size_t a, size_t b)
{
	static char buf[512];
	const char *t = plx_article_text(art, NULL);
	size_t n = b - a < sizeof buf - 1 ? b - a : sizeof buf - 1;
	memcpy(buf, t + a, n);
	buf[n] = 0;
	return buf;
}

/* The quote whose text starts with prefix, or NULL. */
static const plx_quote *find(const plx_article *art, const char *prefix)
{
	size_t n;
	const plx_quote *q = plx_article_quotes(art, &n);
	for (size_t i = 0; i < n; i++)
		if (strncmp(qtext(art, &q[i]), prefix, strlen(prefix)) == 0)
			return &q[i];
	fprintf(stderr, "  no quote starting \"%s\"\n", prefix);
	return NULL;
}

static size_t nquotes(const plx_article *art)
{
	size_t n;
	plx_article_quotes(art, &n);
	return n;
}

/* One quote with text, speaker (substring; NULL for none) and partial. */
static void expect(const plx_article *art, const char *prefix,
		   const char *speaker, int partial)
{
	const plx_quote *q = find(art, prefix);
	CHECK(q != NULL);
	if (!q)
		return;
	CHECK(q->partial == partial);
	if (!speaker) {
		CHECK_STR(q->speaker, NULL);
		return;
	}
	CHECK(q->speaker && strstr(q->speaker, speaker));
	if (!q->speaker || !strstr(q->speaker, speaker))
		fprintf(stderr, "  \"%s\": speaker \"%s\", want \"%s\"\n",
			prefix, q->speaker ? q->speaker : "(null)", speaker);
}

TEST(styles)
{
	const char *texts[] = {
		"\"We will win,\" Smith said.",
		LQ "We will win," RQ " Smith said.",
		LOW "We will win," LQ " sagte Smith.",
		"Smith a dit : " LG " We will win " RG ".",
		RG "We will win," LG " said Smith.",
		LS "We will win," RS " Smith said.",
		"''We will win,'' Smith said.",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		plx_article *art = run(texts[i]);
		if (!art)
			continue;
		CHECK(nquotes(art) == 1);
		const plx_quote *q = find(art, "We will win");
		CHECK(q != NULL);
		if (q && i != 2 && i != 3)
			CHECK_STR(q->speaker, "Smith");
		if (q && i != 3)
			CHECK(strncmp(qtext(art, q), "We will win,", 12) == 0);
		plx_article_free(art);
	}
}

TEST(single_inside_double)
{
	plx_article *art = run(LQ "He told me, " LS "Go home," RS
				  " and I went," RQ " Jones said.");
	if (!art)
		return;
	CHECK(nquotes(art) == 1);
	expect(art, "He told me, " LS "Go home," RS " and I went,", "Jones", 0);
	plx_article_free(art);
}

TEST(apostrophes)
{
	/* ’ in don’t, NATO’s, ’90s and a stray ‘ in There‘s close nothing */
	plx_article *art =
		run(LQ "There" LS "s one way, and we don" RS "t like NATO" RS
		       "s plan from the " RS "90s," RQ " Smith said. Rock " RS
		       "n" RS " roll isn" RS "t a quote.");
	if (!art)
		return;
	CHECK(nquotes(art) == 1);
	expect(art, "There" LS "s one way", "Smith", 0);
	plx_article_free(art);
}

TEST(split_quote)
{
	plx_article *art = run("Blinken met Lavrov in Geneva.\n\n" LQ "We" RS
			       "ll see if that bears out," RQ " he said. " LQ
			       "Meanwhile, we will continue "
			       "to prepare." RQ);
	if (!art)
		return;
	CHECK(nquotes(art) == 2);
	const plx_quote *a = find(art, "We"), *b = find(art, "Meanwhile");
	CHECK(a && b);
	if (a && b) {
		CHECK(a->speaker && strstr(a->speaker, "Blinken"));
		CHECK_STR(a->speaker, b->speaker);
		CHECK_STR(span(art, a->speaker_start, a->speaker_end), "he");
		CHECK_STR(a->cue, "said");
		CHECK(b->speaker_start == a->speaker_start);
		CHECK(!a->partial && !b->partial);
		CHECK(a->paragraph == 1);
	}
	plx_article_free(art);
}

TEST(multi_paragraph)
{
	const char *t =
		"The senator spoke at length.\n\n" LQ
		"First we build the road.\n\n" LQ "Then we build the bridge," RQ
		" Senator Jane Roe said.";
	plx_article *art = run(t);
	if (!art)
		return;
	CHECK(nquotes(art) == 1);
	const plx_quote *q = find(art, "First we build");
	if (q) {
		CHECK(strstr(qtext(art, q), "Then we build the bridge,") !=
		      NULL);
		CHECK(q->paragraph == 1);
		CHECK(q->speaker && strstr(q->speaker, "Roe"));
	}
	plx_article_free(art);

	/* No reopening mark: the unclosed quote is dropped, the next one
	 * stands alone. */
	art = run(LQ "An unclosed start.\n\nPlain text. " LQ "Real one," RQ
		     " Roe said.");
	if (art) {
		CHECK(nquotes(art) == 1);
		expect(art, "Real one,", "Roe", 0);
		plx_article_free(art);
	}
}

TEST(unbalanced)
{
	/* One stray straight quote does not swallow the rest. */
	plx_article *art = run("It rose 5\" overnight. \"Fine,\" Smith said. "
			       "Later \"calm\" returned.");
	if (art) {
		expect(art, "Fine,", "Smith", 0);
		expect(art, "calm", NULL, 1);
		plx_article_free(art);
	}
	/* 10,000 unbalanced marks in one paragraph: linear, few quotes, and
	 * none longer than the limit. */
	size_t n = 10000;
	char *big = malloc(n * 8 + 64);
	if (!big)
		return;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(big + o, "a " LQ "b ", 6);
		o += 6;
	}
	strcpy(big + o, "end.");
	plx_article *a2 = NULL;
	CHECK(plx_analyze_text(an, big, strlen(big), NULL, &a2) == PLX_OK);
	if (a2) {
		CHECK(nquotes(a2) == 0);
		plx_article_free(a2);
	}
	/* An opener whose closer is beyond max_quote_bytes is no quote. */
	o = 0;
	big[o++] = '"';
	for (size_t i = 0; i < 5000; i++)
		big[o++] = i % 6 == 5 ? ' ' : 'x';
	memcpy(big + o, "\" he said.", 11);
	CHECK(plx_analyze_text(an, big, strlen(big), NULL, &a2) == PLX_OK);
	if (a2) {
		CHECK(nquotes(a2) == 0);
		plx_article_free(a2);
	}
	free(big);
}

TEST(partial_and_scare)
{
	plx_article *art = run("Lavrov described the talks as " LQ "useful and "
			       "frank" RQ " but left early. The plan is an " LQ
			       "open door" RQ " policy.");
	if (!art)
		return;
	expect(art, "useful and frank", "Lavrov", 1);
	expect(art, "open door", NULL, 1);
	const plx_quote *q = find(art, "useful");
	if (q)
		CHECK_STR(q->cue, "described");
	plx_article_free(art);
}

TEST(pronouns)
{
	/* "he" is the latest person named as a subject, not the official
	 * quoted before, and not the "I" inside the quote. */
	plx_article *art = run(
		LQ
		"We don" RS "t want that," RQ " added the official.\n\n"
		"In visits to Kyiv and Berlin this week, Blinken described the "
		"conflict as a threat.\n\n" LQ "I think it" RS
		"s bigger than Russia," RQ " he said.");
	if (!art)
		return;
	expect(art, "We don", "the official", 0);
	const plx_quote *q = find(art, "I think");
	if (q) {
		CHECK(q->speaker && strstr(q->speaker, "Blinken"));
		CHECK_STR(span(art, q->speaker_start, q->speaker_end), "he");
	}
	q = find(art, "We don");
	if (q) {
		CHECK(q->speaker_entity == -1);
		CHECK_STR(q->cue, "added");
	}
	plx_article_free(art);

	/* A first-person quote: its "I" is the speaker's. */
	art = run("Maria Lopez runs the shelter.\n\n" LQ "I stay because I "
		  "must," RQ " she said.");
	if (art) {
		expect(art, "I stay", "Lopez", 0);
		plx_article_free(art);
	}

	/* Gender: "she" skips the man named after the woman, "he" the
	 * woman named after the man. */
	art = run("Maria Lopez runs the shelter.\n\n"
		  "David Chen visited on Monday.\n\n" LQ "We need more beds," RQ
		  " she said.");
	if (art) {
		expect(art, "We need", "Lopez", 0);
		plx_article_free(art);
	}
	art = run("Sen. Ted Cruz spoke first.\n\n"
		  "Mrs. Ayotte answered the question.\n\n" LQ
		  "That is wrong," RQ " he said.");
	if (art) {
		expect(art, "That is", "Cruz", 0);
		plx_article_free(art);
	}
	/* A name of unknown gender still takes either pronoun. */
	art = run("Maria Lopez runs the shelter.\n\n"
		  "Pat Okafor visited on Monday.\n\n" LQ "We need more beds," RQ
		  " she said.");
	if (art) {
		expect(art, "We need", "Okafor", 0);
		plx_article_free(art);
	}
}

TEST(cue_forms)
{
	plx_article *art =
		run("According to Jane Roe, " LQ "nothing changed." RQ "\n\n"
		    "Smith said: " LQ "We are ready." RQ "\n\n" LQ
		    "It is over," RQ " Mr. Cruz told the magazine.\n\n" LQ
		    "Vote," RQ " Ms. Ayotte posted on Twitter.\n\n" LQ "Go," RQ
		    " said a senior State Department official, who "
		    "asked not to be named.");
	if (!art)
		return;
	expect(art, "nothing changed", "Roe", 0);
	expect(art, "We are ready", "Smith", 0);
	expect(art, "It is over", "Cruz", 0);
	expect(art, "Vote", "Ayotte", 0);
	expect(art, "Go,", "a senior State Department official", 0);
	const plx_quote *q = find(art, "It is over");
	if (q)
		CHECK_STR(q->cue, "told the magazine");
	q = find(art, "Vote");
	if (q)
		CHECK_STR(q->cue, "posted on Twitter");
	q = find(art, "nothing");
	if (q)
		CHECK_STR(q->cue, "According to");
	plx_article_free(art);
}

/* Regression cases for the attribution patterns found on PolNeAR's train
 * split (invented sentences, one per pattern). */
TEST(attribution_patterns)
{
	plx_article *art = run(
		/* partial quote, no cue: the sentence's subject */
		"Clinton decried the GOP for " LQ "turning its back" RQ
		" on working families.\n\n"
		/* opening time phrase; a participle cue takes the subject */
		"Later on Sunday, Carson shared a syllabus on his page, "
		"writing " LQ "Allow me to do the research for the "
		"reporter." RQ "\n\n"
		/* the first cue of the clause, not the nearest ("continue
		 * to" reports nothing) */
		"Cruz said he is certain Rubio will continue to be " LQ
		"a champion for opportunity." RQ "\n\n"
		/* a participle after the quote: the subject, not the
		 * listener */
		"Trump has hailed the vote as " LQ "fantastic," RQ
		" telling reporters that it was good.\n\n"
		/* any verb after a comma-ended quote and a name */
		LQ "Go back to the studio," RQ " Trump barked as guards "
		"moved in.\n\n" LQ "Voters reject the establishment," RQ
		" Viguerie "
		"notes.\n\n"
		/* a cue whose object precedes the quote is no speaker */
		"Carson took the stage and called the system " LQ
		"rotten to the core." RQ "\n\n"
		/* a quote paragraph continues the speaker of a quote
		 * earlier in the previous paragraph */
		LQ "This is the first thing," RQ " Smith said at the rally "
		"on Monday.\n\n" LQ
		"This is the second thing. It follows from the first "
		"one." RQ "\n\n"
		/* a colon introduces the next paragraph's quote */
		"Jared Potts echoed:\n\n" LQ
		"He speaks his mind, and that is what the country "
		"needs." RQ "\n\n"
		/* a description as subject; a copula reports nothing */
		"The Florida senator sought to calm his supporters, "
		"promising they would " LQ "not get beat up" RQ ".\n\n"
		"The plan is an " LQ "open door" RQ " policy.\n");
	if (!art)
		return;
	expect(art, "turning its back", "Clinton", 1);
	expect(art, "Allow me", "Carson", 0);
	expect(art, "a champion", "Cruz", 1);
	expect(art, "fantastic", "Trump", 1);
	expect(art, "Go back", "Trump", 0);
	expect(art, "Voters reject", "Viguerie", 0);
	expect(art, "rotten to the core", "Carson", 1);
	expect(art, "This is the second", "Smith", 0);
	expect(art, "He speaks his mind", "Jared Potts", 0);
	expect(art, "not get beat up", "The Florida senator", 1);
	expect(art, "open door", NULL, 1);
	const plx_quote *q = find(art, "fantastic");
	if (q)
		CHECK_STR(q->cue, "telling reporters");
	q = find(art, "Voters reject");
	if (q)
		CHECK_STR(q->cue, "notes");
	q = find(art, "a champion");
	if (q)
		CHECK_STR(q->cue, "said");
	plx_article_free(art);
}

/* Regressions from the PolNeAR train error dump, one per pattern. */
TEST(attribution_regressions)
{
	plx_article *art = run(
		/* a participle phrase opens the sentence before its subject */
		"Invoking the civil rights movement, Kowalski pledged to "
		"fight the plan " LQ "today and tomorrow." RQ "\n\n"
		/* an ordinal adverb opens it too */
		"First, Marlowe called the judge " LQ "deeply biased" RQ
		" in a speech.\n\n"
		/* a manner adverb between subject and cue is no speaker */
		"Fenwick memorably promised that he would fight " LQ
		"until the last dog dies." RQ "\n\n"
		/* a quote inside a relative clause: the relative pronoun,
		 * resolved to its antecedent */
		"The pastor angered Dunmore, who slammed the scouts for "
		"promoting " LQ "reckless ideas" RQ " on his show.\n\n"
		/* a relative pronoun before a cue */
		"Quentin Harlow, who said the vote was " LQ "a disgrace" RQ
		", left early.\n\n"
		/* a document speaks ("the statement said") */
		LQ "We stand with our allies today," RQ " the statement "
		"said.\n\n"
		/* a sentence after a quote's full stop is not its cue */
		"Ottoline Brandt spoke first. " LQ "I disagree with that," RQ
		" she said. " LQ "We feel good about the plan." RQ
		" She noted the polls.\n\n"
		/* a party tag between the name and the cue */
		"Rep. Ann Tolliver (D-Ore.) said the bill was " LQ
		"a total mess." RQ "\n\n"
		/* a sentence adverb is never a subject for he/she */
		"Later, " LQ "we will see," RQ " he said.\n");
	if (!art)
		return;
	expect(art, "today and tomorrow", "Kowalski", 1);
	expect(art, "deeply biased", "Marlowe", 1);
	expect(art, "until the last dog", "Fenwick", 1);
	expect(art, "reckless ideas", "Dunmore", 1);
	expect(art, "a disgrace", "Quentin Harlow", 1);
	expect(art, "We stand with", "the statement", 0);
	expect(art, "a total mess", "Tolliver", 1);
	const plx_quote *q = find(art, "until the last dog");
	if (q)
		CHECK_STR(span(art, q->speaker_start, q->speaker_end),
			  "Fenwick");
	q = find(art, "reckless ideas");
	if (q)
		CHECK_STR(span(art, q->speaker_start, q->speaker_end), "who");
	q = find(art, "a disgrace");
	if (q) {
		CHECK_STR(span(art, q->speaker_start, q->speaker_end), "who");
		CHECK_STR(q->cue, "said");
	}
	/* the second quote continues "she", not the later "She noted" */
	const plx_quote *q1 = find(art, "I disagree");
	q = find(art, "We feel good");
	if (q && q1) {
		CHECK(q->speaker_start == q1->speaker_start);
		CHECK_STR(span(art, q->speaker_start, q->speaker_end), "she");
	}
	q = find(art, "we will see");
	if (q)
		CHECK(q->speaker == NULL || strcmp(q->speaker, "Later") != 0);
	plx_article_free(art);
}

TEST(seed)
{
	FILE *f =
		fopen(PLX_SHARED_DATA "/seeds/000_b2e9686b3f254adb.txt", "rb");
	if (!f) {
		fprintf(stderr, "seed not found: skipping the seed case\n");
		return;
	}
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	plx_article *art = run(buf);
	if (!art)
		return;
	expect(art, "We are doing everything", "Blinken", 0);
	expect(art, "useful and frank", "Lavrov", 1);
	expect(art, "I cannot say", "Lavrov", 0);
	expect(art, "We will understand", "Lavrov", 0);
	expect(art, "nonstarters", "Biden administration", 1);
	expect(art, "open door", NULL, 1);
	expect(art, "We" RS "ll see if that bears out", "Blinken", 0);
	expect(art, "Meanwhile, we will continue", "Blinken", 0);
	expect(art, "Today, I did not hear", "Lavrov", 0);
	expect(art, "There" LS "s one decision-maker",
	       "a second Biden administration official", 0);
	expect(art, "If this then allows",
	       "a second Biden administration official", 0);
	expect(art, "We don" RS "t want", "the official", 0);
	expect(art, "It" RS "s bigger than Russia", "Blinken", 0);
	expect(art, "It" RS "s a crisis", "Blinken", 0);
	expect(art, "minor incursion", "Biden", 1);
	expect(art, "We want to remind", "Zelensky", 0);
	CHECK(nquotes(art) == 16);

	const plx_quote *q = find(art, "We are doing everything");
	if (q) {
		CHECK_STR(q->cue, "told reporters");
		CHECK_STR(span(art, q->speaker_start, q->speaker_end),
			  "Blinken");
		CHECK_STR(span(art, q->cue_start, q->cue_end),
			  "told reporters");
		/* the marks are outside the span */
		CHECK(strncmp(span(art, q->start - 3, q->start), LQ, 3) == 0);
		CHECK(strncmp(span(art, q->end, q->end + 3), RQ, 3) == 0);
	}
	q = find(art, "We don" RS "t want");
	if (q) {
		CHECK_STR(q->cue, "added");
		CHECK(q->speaker_entity == -1);
	}
	q = find(art, "We want to remind");
	if (q) {
		CHECK_STR(q->cue, "posted on Twitter");
		size_t ne;
		const plx_entity *e = plx_article_entities(art, &ne);
		if (q->speaker_entity >= 0 && (size_t)q->speaker_entity < ne)
			CHECK_STR(e[q->speaker_entity].name, q->speaker);
	}
	q = find(art, "Today, I did not hear");
	if (q)
		CHECK_STR(span(art, q->speaker_start, q->speaker_end), "he");
	plx_article_free(art);
}

TEST(sentence_after_quote)
{
	plx_article *art = run(
		/* a longer sentence after a full stop is not a cue */
		LQ "We keep our promises to the valley." RQ
		   " She noted the bridge was closed.\n\n"
		/* a sentence that is only SPEAKER CUE reports the quote */
		LQ "Ferries leave at noon and nobody waits for them." RQ
		   " Okafor said.\n\n"
		/* the speaker after an earlier comma of a long tail */
		LQ "We are extremely pleased" RQ " about the ruling, said "
		   "Ines Varga, director of Harbor Watch, a group that sued "
		   "the port.");
	if (!art)
		return;
	expect(art, "Ferries leave", "Okafor", 0);
	expect(art, "We keep our promises", NULL, 0);
	expect(art, "We are extremely pleased", "Ines Varga", 0);
	plx_article_free(art);
}

int main(void)
{
	if (plx_analyzer_new(NULL, &an) != PLX_OK)
		return 1;
	RUN(styles);
	RUN(single_inside_double);
	RUN(apostrophes);
	RUN(split_quote);
	RUN(multi_paragraph);
	RUN(unbalanced);
	RUN(partial_and_scare);
	RUN(pronouns);
	RUN(cue_forms);
	RUN(attribution_patterns);
	RUN(attribution_regressions);
	RUN(sentence_after_quote);
	RUN(seed);
	plx_analyzer_free(an);
	DONE();
}
