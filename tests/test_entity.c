/*
 * test_entity.c: entity recognition and merging (stage 3) on the two seed
 * articles, plx_name_key variants, plx_entity_at, and false-positive guards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "entity.h"
#include "harness.h"
#include "parallax.h"

static plx_analyzer *an;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	fclose(f);
	if (s) {
		s[n] = 0;
		*len = (size_t)n;
	}
	return s;
}

static plx_article *analyze_str(const char *text)
{
	plx_article *art = NULL;
	int rc = plx_analyze_text(an, text, strlen(text), NULL, &art);
	CHECK(rc == PLX_OK);
	return art;
}

static plx_article *analyze_seed(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/seeds/%s", PLX_SHARED_DATA, name);
	size_t len = 0;
	char *text = slurp(path, &len);
	if (!text)
		SKIP("shared data absent: " PLX_SHARED_DATA
		     "/seeds (entity seed "
		     "tests need it)");
	plx_article *art = NULL;
	CHECK(plx_analyze_text(an, text, len, path, &art) == PLX_OK);
	free(text);
	return art;
}

static const plx_entity *find(const plx_article *art, const char *name)
{
	size_t n;
	const plx_entity *es = plx_article_entities(art, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(es[i].name, name) == 0)
			return &es[i];
	return NULL;
}

/* Number of entities whose name or an alias equals s. */
static int count_named(const plx_article *art, const char *s)
{
	size_t n;
	int c = 0;
	const plx_entity *es = plx_article_entities(art, &n);
	for (size_t i = 0; i < n; i++) {
		int hit = strcmp(es[i].name, s) == 0;
		for (size_t k = 0; k < es[i].n_aliases && !hit; k++)
			hit = strcmp(es[i].aliases[k], s) == 0;
		c += hit;
	}
	return c;
}

static int has_alias(const plx_entity *e, const char *s)
{
	for (size_t k = 0; e && k < e->n_aliases; k++)
		if (strcmp(e->aliases[k], s) == 0)
			return 1;
	return 0;
}

/* Does e have a mention whose text is s? */
static int has_mention(const plx_article *art, const plx_entity *e,
		       const char *s)
{
	const char *text = plx_article_text(art, NULL);
	for (size_t k = 0; e && k < e->n_mentions; k++) {
		const plx_mention *m = &e->mentions[k];
		if (m->end - m->start == strlen(s) &&
		    memcmp(text + m->start, s, m->end - m->start) == 0)
			return 1;
	}
	return 0;
}

static char *key(const char *name)
{
	char *k = NULL;
	CHECK(plx_name_key(name, strlen(name), &k) == PLX_OK);
	return k;
}

#define CHECK_KEY(name, want)         \
	do {                          \
		char *k_ = key(name); \
		CHECK_STR(k_, want);  \
		plx_free(k_);         \
	} while (0)

TEST(lists_sorted)
{
	CHECK(plx_entity_lex_check() == 1);
}

TEST(name_keys)
{
	CHECK_KEY("Sergei Lavrov", "sergei lavrov");
	CHECK_KEY("Sergey V. Lavrov", "sergei lavrov");
	CHECK_KEY("Foreign Minister Sergei Lavrov", "sergei lavrov");
	CHECK_KEY("Russian Foreign Minister Sergey Lavrov", "sergei lavrov");
	CHECK_KEY("Lavrov", "lavrov");
	CHECK_KEY("Lavrov's", "lavrov");
	CHECK_KEY("Antony J. Blinken", "antony blinken");
	CHECK_KEY("Secretary of State Antony Blinken", "antony blinken");
	CHECK_KEY("President Biden", "biden");
	CHECK_KEY("Vladimir Vladimirovich Putin", "vladimir putin");
	CHECK_KEY("Vladimir V. Putin", "vladimir putin");
	CHECK_KEY("Aleksandr Lukashenko", "alexander lukashenko");
	CHECK_KEY("Alexandr Lukashenko", "alexander lukashenko");
	CHECK_KEY("Yuriy Boyko", "yuri boyko");
	CHECK_KEY("Iurii Boyko", "yuri boyko");
	CHECK_KEY("Yury Boyko", "yuri boyko");
	CHECK_KEY("Volodymyr Zelenskyy", "volodymyr zelensky");
	CHECK_KEY("Volodymyr Zelenskiy", "volodymyr zelensky");
	CHECK_KEY("Mohammed bin Salman", "muhammad bin salman");
	CHECK_KEY("Muhammad bin Salman", "muhammad bin salman");
	CHECK_KEY("Moammar Gadhafi", "muammar gaddafi");
	CHECK_KEY("Muammar al-Qaddafi", "muammar al-qaddafi");
	CHECK_KEY("Dmitriy Peskov", "dmitri peskov");
	CHECK_KEY("Dmitry Peskov", "dmitri peskov");
	CHECK_KEY("Zoë Bäckström", "zoe backstrom");
	CHECK_KEY("Mr. Lavrov", "lavrov");
	CHECK_KEY("Martin Luther King Jr.", "martin king");
	CHECK_KEY("Ludwig van Beethoven", "ludwig van beethoven");
	/* Different names stay apart. */
	char *a = key("Volodymyr Zelensky"), *b = key("Vladimir Zelensky");
	CHECK(a && b && strcmp(a, b) != 0);
	plx_free(a);
	plx_free(b);
	/* Organisations keep every word. */
	CHECK_KEY("New York Times", "new york times");
	CHECK_KEY("State Department", "state department");
	CHECK_KEY("U.S.", "us");
	CHECK_KEY("", "");
}

TEST(wapo_seed)
{
	plx_article *art = analyze_seed("000_b2e9686b3f254adb.txt");
	if (!art)
		return;
	const plx_entity *e = find(art, "Antony Blinken");
	CHECK(e && e->type == PLX_ENT_PERSON);
	CHECK(count_named(art, "Blinken") == 1);
	CHECK(has_mention(art, e, "Blinken"));
	CHECK(has_mention(art, e, "Antony Blinken"));
	CHECK(has_alias(e, "Secretary of State Antony Blinken"));
	CHECK(e && e->n_mentions >= 7);
	CHECK_STR(e ? e->key : NULL, "antony blinken");

	e = find(art, "Sergei Lavrov");
	CHECK(e && e->type == PLX_ENT_PERSON);
	CHECK(has_mention(art, e, "Lavrov"));
	CHECK(count_named(art, "Lavrov") == 1);
	e = find(art, "Volodymyr Zelensky");
	CHECK(e && e->type == PLX_ENT_PERSON &&
	      has_mention(art, e, "Zelensky"));
	e = find(art, "Vladimir Putin");
	CHECK(e && e->type == PLX_ENT_PERSON && has_mention(art, e, "Putin"));
	e = find(art, "Biden");
	CHECK(e && e->type == PLX_ENT_PERSON);
	CHECK(count_named(art, "President Biden") == 1);
	CHECK(has_alias(e, "President Biden"));

	static const char *places[] = {"Geneva",       "Ukraine", "Russia",
				       "Kyiv",         "Berlin",  "Moscow",
				       "United States"};
	for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
		e = find(art, places[i]);
		CHECK(e && e->type == PLX_ENT_PLACE);
		if (!e)
			fprintf(stderr, "  missing place %s\n", places[i]);
	}
	/* "U.S." is the United States; "GENEVA" in the dateline is Geneva. */
	CHECK(has_alias(find(art, "United States"), "U.S."));
	CHECK(has_alias(find(art, "Geneva"), "GENEVA"));
	static const char *orgs[] = {"NATO", "State Department", "Kremlin",
				     "White House"};
	for (size_t i = 0; i < sizeof orgs / sizeof *orgs; i++) {
		e = find(art, orgs[i]);
		CHECK(e && e->type == PLX_ENT_ORG);
	}
	/* Adjectival "Russian" is no entity, nor a mention of Russia. */
	CHECK(count_named(art, "Russian") == 0);
	CHECK(!has_alias(find(art, "Russia"), "Russian"));
	CHECK(count_named(art, "Russian-Ukrainian") == 0);
	/* Masthead and sentence starters make no entity. */
	CHECK(count_named(art, "Following") == 0);
	CHECK(count_named(art, "While") == 0);
	CHECK(count_named(art, "The United States") == 0);
	CHECK(count_named(art, "Democracy Dies") == 0);
	CHECK(count_named(art, "Pool") == 0);

	/* Mentions are in order, inside their sentence, and the index finds
	 * them. */
	size_t n, ns;
	const plx_entity *es = plx_article_entities(art, &n);
	const plx_sentence *ss = plx_article_sentences(art, &ns);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < es[i].n_mentions; k++) {
			const plx_mention *m = &es[i].mentions[k];
			CHECK(m->sentence < ns &&
			      ss[m->sentence].start <= m->start &&
			      m->end <= ss[m->sentence].end);
			if (k)
				CHECK(es[i].mentions[k - 1].start < m->start);
			CHECK(plx_entity_at(art, m->start, m->end) == (long)i);
		}
	}
	/* A span covering a title and a name finds the person. */
	const char *text = plx_article_text(art, NULL);
	const char *p = strstr(text, "Secretary of State Antony Blinken said");
	CHECK(p != NULL);
	if (p) {
		size_t s = (size_t)(p - text);
		long ent = plx_entity_at(art, s,
					 s + strlen("Secretary of State "
						    "Antony Blinken"));
		CHECK(ent >= 0 && strcmp(es[ent].name, "Antony Blinken") == 0);
		CHECK(plx_entity_at(art, s, s + 9) == -1); /* "Secretary" */
	}
	/* "he told reporters" after Lavrov's quote goes back to Lavrov. */
	p = strstr(text, "he told reporters in a separate briefing");
	if (p) {
		long ent = plx_entity_person_before(art, (size_t)(p - text));
		CHECK(ent >= 0 && strcmp(es[ent].name, "Sergei Lavrov") == 0);
	}
	plx_article_free(art);
}

TEST(nyt_seed)
{
	plx_article *art = analyze_seed("002_fbc1206ab1d4c0e9.txt");
	if (!art)
		return;
	const plx_entity *e = find(art, "Antony Blinken");
	CHECK(e && e->type == PLX_ENT_PERSON);
	CHECK(has_alias(e, "Antony J. Blinken"));
	CHECK(has_mention(art, e, "Blinken"));
	CHECK_STR(e ? e->key : NULL, "antony blinken");
	e = find(art, "Sergey Lavrov");
	CHECK(e && e->type == PLX_ENT_PERSON);
	CHECK(has_alias(e, "Sergey V. Lavrov"));
	CHECK(has_mention(art, e, "Lavrov"));
	CHECK_STR(e ? e->key : NULL, "sergei lavrov"); /* WaPo's "Sergei" */
	e = find(art, "Vladimir Putin");
	CHECK(e && has_alias(e, "Vladimir V. Putin"));
	e = find(art, "James Baker");
	CHECK(e && e->type == PLX_ENT_PERSON && has_mention(art, e, "Baker"));
	CHECK(find(art, "Mikhail Gorbachev") != NULL);
	CHECK(find(art, "East Germany") != NULL);
	/* "The Russians want": the noun names Russia. */
	CHECK(has_alias(find(art, "Russia"), "Russians"));
	CHECK(count_named(art, "Understanding") == 0);
	CHECK(count_named(art, "U.S. According") == 0);
	CHECK(count_named(art, "Does") == 0);
	plx_article_free(art);
}

TEST(false_positives)
{
	plx_article *art = analyze_str(
		"The talks ended early. Following the meeting, officials left. "
		"While nothing was agreed, both sides spoke. Meanwhile, the "
		"markets fell. Understanding this takes time. On Monday, the "
		"ministers met again. It rained in January.");
	if (!art)
		return;
	size_t n;
	const plx_entity *es = plx_article_entities(art, &n);
	CHECK(n == 0);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "  unexpected entity %s\n", es[i].name);
	plx_article_free(art);
}

TEST(small_cases)
{
	plx_article *art = analyze_str(
		"Sen. Ted Cruz met Gov. Greg Abbott in Austin on Tuesday. Cruz "
		"said the Texas Department of Public Safety would help. "
		"Sergei Ivanov and Sergey Ivanov are one man here, Ivanov "
		"said.");
	if (!art)
		return;
	const plx_entity *e = find(art, "Ted Cruz");
	CHECK(e && e->type == PLX_ENT_PERSON && e->n_mentions == 2);
	CHECK(has_alias(e, "Sen. Ted Cruz"));
	e = find(art, "Greg Abbott");
	CHECK(e && e->type == PLX_ENT_PERSON);
	e = find(art, "Austin");
	CHECK(e && e->type == PLX_ENT_PLACE);
	e = find(art, "Texas Department of Public Safety");
	CHECK(e && e->type == PLX_ENT_ORG);
	e = find(art, "Sergei Ivanov");
	CHECK(e && e->n_mentions == 3 && has_alias(e, "Sergey Ivanov"));
	CHECK(count_named(art, "Tuesday") == 0);
	plx_article_free(art);

	/* Regression (sample corpus): facilities are places, not people. */
	art = analyze_str("Divers searched under the Sable Quay Bridge while "
			  "fans left Greyholm Stadium, police said.");
	if (!art)
		return;
	e = find(art, "Sable Quay Bridge");
	CHECK(e && e->type == PLX_ENT_PLACE);
	e = find(art, "Greyholm Stadium");
	CHECK(e && e->type == PLX_ENT_PLACE);
	plx_article_free(art);
}

TEST(gender)
{
	CHECK(plx_name_gender("Hillary Clinton", 15) == PLX_GENDER_FEMALE);
	CHECK(plx_name_gender("Sen. Ted Cruz", 13) == PLX_GENDER_MALE);
	CHECK(plx_name_gender("Mrs. Smith", 10) == PLX_GENDER_FEMALE);
	CHECK(plx_name_gender("Mr. Lavrov", 10) == PLX_GENDER_MALE);
	CHECK(plx_name_gender("Secretary of State John Kerry", 29) ==
	      PLX_GENDER_MALE);
	CHECK(plx_name_gender("Queen Elizabeth", 15) == PLX_GENDER_FEMALE);
	CHECK(plx_name_gender("a spokeswoman", 13) == PLX_GENDER_FEMALE);
	CHECK(plx_name_gender("the first lady", 14) == PLX_GENDER_FEMALE);
	CHECK(plx_name_gender("Trump's daughter Ivanka", 23) ==
	      PLX_GENDER_FEMALE);
	/* borne by both, unknown, or no name at all */
	CHECK(plx_name_gender("Kelly Ayotte", 12) == PLX_GENDER_UNKNOWN);
	CHECK(plx_name_gender("Lindsey Graham", 14) == PLX_GENDER_UNKNOWN);
	CHECK(plx_name_gender("Blinken", 7) == PLX_GENDER_UNKNOWN);
	CHECK(plx_name_gender("the official", 12) == PLX_GENDER_UNKNOWN);
	CHECK(plx_name_gender("Senator", 7) == PLX_GENDER_UNKNOWN);
	CHECK(plx_name_gender(NULL, 0) == PLX_GENDER_UNKNOWN);

	/* entities: by given name, by title alias, by the article's usage */
	plx_article *art = analyze_str(
		"Maria Lopez met Mr. Okafor and Jordan Vance on Monday. "
		"Lopez said the shelter would stay open. Vance said he "
		"disagreed, and Vance said he would appeal. Berlin agreed.");
	if (!art)
		return;
	const plx_entity *e = find(art, "Maria Lopez");
	CHECK(e && plx_entity_gender(art, e - art->ents) == PLX_GENDER_FEMALE);
	e = find(art, "Okafor");
	CHECK(e && plx_entity_gender(art, e - art->ents) == PLX_GENDER_MALE);
	e = find(art, "Jordan Vance");
	CHECK(e && plx_entity_gender(art, e - art->ents) == PLX_GENDER_MALE);
	CHECK(plx_entity_gender(art, -1) == PLX_GENDER_UNKNOWN);
	CHECK(plx_entity_gender(art, 10000) == PLX_GENDER_UNKNOWN);
	plx_article_free(art);
}

int main(void)
{
	if (plx_analyzer_new(NULL, &an) != PLX_OK) {
		fprintf(stderr, "cannot create analyzer\n");
		return 1;
	}
	RUN(lists_sorted);
	RUN(name_keys);
	RUN(wapo_seed);
	RUN(nyt_seed);
	RUN(false_positives);
	RUN(small_cases);
	RUN(gender);
	plx_analyzer_free(an);
	DONE();
}
