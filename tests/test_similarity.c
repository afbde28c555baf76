/*
 * test_similarity.c: pair similarity (plx_similarity_compare) on the
 * bundled sample corpus (stories known from sample/ANSWERS.md) and on the
 * two seed articles when the shared data is present; symmetry, range,
 * reasons, the built-in table's order, the corpus model, and every
 * allocation failure.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "parallax.h"
#include "similarity.h"
#include "testutil.h"

#define MAX_ARTS 32

static plx_analyzer *an;
static plx_article *arts[MAX_ARTS];
static size_t n_arts;

/* Story of each sample article (sample/ANSWERS.md); 0: a singleton. */
static char story_of(const char *id)
{
	static const char *const map[][2] = {
		{"s02", "A"}, {"s03", "A"}, {"s05", "A"}, {"s06", "B"},
		{"s07", "B"}, {"s08", "B"}, {"s09", "B"}, {"s10", "B"},
		{"s11", "C"}, {"s12", "C"}, {"s13", "C"}, {"s16", "C"},
		{"s14", "D"}, {"s15", "D"}};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (id && strcmp(map[i][0], id) == 0)
			return map[i][1][0];
	return 0;
}

static void load_sample(void)
{
	plx_reader *rd = NULL;
	CHECK(plx_reader_new(NULL, &rd) == PLX_OK);
	CHECK(plx_reader_add(rd, PLX_SOURCE_DIR "/sample/articles.jsonl") ==
	      PLX_OK);
	const plx_record *rec;
	while (plx_reader_next(rd, &rec) == 1 && n_arts < MAX_ARTS)
		CHECK(plx_analyze(an, rec, &arts[n_arts++]) == PLX_OK);
	plx_reader_free(rd);
	CHECK(n_arts == 17);
}

static double score(const plx_article *a, const plx_article *b,
		    const plx_similarity_params *p)
{
	plx_similarity s;
	int rc = plx_similarity_compare(a, b, p, &s);
	CHECK(rc == PLX_OK);
	return rc ? -1 : s.score;
}

/* Every pair of one story scores above every pair of two. */
static void check_separation(const plx_similarity_params *p)
{
	double min_same = 2, max_diff = -1;
	for (size_t i = 0; i < n_arts; i++)
		for (size_t j = i + 1; j < n_arts; j++) {
			char si = story_of(plx_article_id(arts[i]));
			char sj = story_of(plx_article_id(arts[j]));
			double s = score(arts[i], arts[j], p);
			if (si && si == sj)
				min_same = s < min_same ? s : min_same;
			else
				max_diff = s > max_diff ? s : max_diff;
		}
	CHECK(min_same > max_diff);
	if (!(min_same > max_diff))
		fprintf(stderr, "  same story >= %.3f, others <= %.3f\n",
			min_same, max_diff);
}

TEST(sample_stories_separate)
{
	check_separation(NULL);
}

TEST(symmetric_and_in_range)
{
	for (size_t i = 0; i < n_arts; i++)
		for (size_t j = 0; j < n_arts; j++) {
			plx_similarity x, y;
			CHECK(plx_similarity_compare(arts[i], arts[j], NULL,
						     &x) == PLX_OK);
			CHECK(plx_similarity_compare(arts[j], arts[i], NULL,
						     &y) == PLX_OK);
			CHECK(fabs(x.score - y.score) < 1e-12);
			CHECK(x.n_facts == y.n_facts);
			CHECK(x.score >= 0 && x.score <= 1);
			CHECK(x.terms >= 0 && x.terms <= 1 + 1e-9);
			CHECK(x.facts >= 0 && x.facts <= 1);
			if (i == j)
				CHECK(x.score > 0.99 && x.days == 0);
		}
}

TEST(reasons_and_time)
{
	/* s06 (wire) and s07: the Vienna tariff talks, a day apart. */
	plx_similarity s;
	CHECK(plx_similarity_compare(arts[5], arts[6], NULL, &s) == PLX_OK);
	CHECK_STR(plx_article_id(arts[5]), "s06");
	CHECK(s.score > 0.6);
	CHECK(s.n_facts >= 1);
	CHECK(s.days > 0 && s.days < 1);
	int castavia = 0, vienna = 0;
	for (size_t i = 0; i < s.n_shared_names + s.n_shared_places; i++) {
		const char *n = i < s.n_shared_names
					? s.shared_names[i]
					: s.shared_places[i - s.n_shared_names];
		castavia |= strstr(n, "Castavia") != NULL;
		vienna |= strstr(n, "Vienna") != NULL;
	}
	CHECK(castavia && vienna);
	/* Time: the same pair set far apart loses part of its score. */
	plx_similarity_params p;
	plx_similarity_params_default(&p);
	p.time_days = 1e-6;
	plx_similarity far;
	CHECK(plx_similarity_compare(arts[5], arts[6], &p, &far) == PLX_OK);
	CHECK(far.score < s.score && far.time < 1);
}

TEST(bad_arguments)
{
	plx_similarity s;
	CHECK(plx_similarity_compare(NULL, arts[0], NULL, &s) == PLX_EINVAL);
	CHECK(plx_similarity_compare(arts[0], NULL, NULL, &s) == PLX_EINVAL);
	CHECK(plx_similarity_compare(arts[0], arts[1], NULL, NULL) ==
	      PLX_EINVAL);
	CHECK(plx_similarity_model_add(NULL, arts[0]) == PLX_EINVAL);
	plx_similarity_model_free(NULL);
}

TEST(builtin_table_sorted)
{
	if (plx_df_docs == 0) { /* built without a corpus: test_idf_empty */
		fprintf(stderr, "  the built-in idf table is empty\n");
		CHECK(plx_df_n_words == 0 && plx_df_n_names == 0);
	} else if (plx_df_docs > 10000) { /* Reuters-21578, the default */
		CHECK(plx_df_n_words > 1000 && plx_df_n_names > 1000);
	}
	for (size_t i = 1; i < plx_df_n_words; i++)
		if (strcmp(plx_df_words[i - 1].term, plx_df_words[i].term) >=
		    0) {
			CHECK(!"words table out of order");
			break;
		}
	for (size_t i = 1; i < plx_df_n_names; i++)
		if (strcmp(plx_df_names[i - 1].term, plx_df_names[i].term) >=
		    0) {
			CHECK(!"names table out of order");
			break;
		}
	/* Counts within the thresholds of tools/gen_idf.c. */
	for (size_t i = 0; i < plx_df_n_words; i++)
		if (plx_df_words[i].df < 3 ||
		    plx_df_words[i].df > plx_df_docs) {
			CHECK(!"words table count out of range");
			break;
		}
	for (size_t i = 0; i < plx_df_n_names; i++)
		if (plx_df_names[i].df < 2 ||
		    plx_df_names[i].df > plx_df_docs) {
			CHECK(!"names table count out of range");
			break;
		}
}

TEST(corpus_model)
{
	plx_similarity_model *m = NULL;
	CHECK(plx_similarity_model_new(&m) == PLX_OK);
	for (size_t i = 0; i < n_arts; i++)
		CHECK(plx_similarity_model_add(m, arts[i]) == PLX_OK);
	CHECK(plx_similarity_model_docs(m) == n_arts);
	plx_similarity_params p;
	plx_similarity_params_default(&p);
	p.model = m;
	/* Same story (s06, s08: a republished wire) above s06 and s01. */
	CHECK(score(arts[5], arts[7], &p) > score(arts[5], arts[0], &p));
	plx_similarity_model_free(m);
}

TEST(allocation_failures)
{
	plx_allocator al = {t_malloc, t_realloc, t_free, NULL};
	plx_similarity want;
	CHECK(plx_similarity_compare(arts[5], arts[6], NULL, &want) == PLX_OK);
	plx_set_allocator(&al);
	int done = 0;
	for (long n = 0; n < 100000 && !done; n++) {
		countdown = n;
		plx_similarity s;
		int rc = plx_similarity_compare(arts[5], arts[6], NULL, &s);
		CHECK(rc == PLX_OK || rc == PLX_ENOMEM);
		if (rc == PLX_OK) {
			CHECK(s.score == want.score);
			done = 1;
		}
	}
	countdown = -1;
	plx_set_allocator(NULL);
	CHECK(done);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	fclose(f);
	*len = s ? (size_t)n : 0;
	return s;
}

TEST(seeds_same_story)
{
	static const char *const files[] = {"000_b2e9686b3f254adb.txt",
					    "002_fbc1206ab1d4c0e9.txt"};
	plx_article *seed[2] = {NULL, NULL};
	for (int i = 0; i < 2; i++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/seeds/%s", PLX_SHARED_DATA,
			 files[i]);
		size_t len;
		char *text = slurp(path, &len);
		if (!text) {
			fprintf(stderr,
				"SKIPPED seeds_same_story: %s absent (shared "
				"data not here)\n",
				path);
			plx_article_free(seed[0]);
			return;
		}
		CHECK(plx_analyze_text(an, text, len, path, &seed[i]) ==
		      PLX_OK);
		free(text);
	}
	plx_similarity s;
	CHECK(plx_similarity_compare(seed[0], seed[1], NULL, &s) == PLX_OK);
	CHECK(s.score > 0.6);
	int lavrov = 0, geneva = 0;
	for (size_t i = 0; i < s.n_shared_names; i++)
		lavrov |= strstr(s.shared_names[i], "Lavrov") != NULL;
	for (size_t i = 0; i < s.n_shared_places; i++)
		geneva |= strstr(s.shared_places[i], "Geneva") != NULL;
	CHECK(lavrov && geneva);
	/* An unrelated sample article (s04: museum charts) scores low. */
	for (int i = 0; i < 2; i++)
		CHECK(score(seed[i], arts[3], NULL) < 0.25);
	plx_article_free(seed[0]);
	plx_article_free(seed[1]);
}

int main(void)
{
	if (plx_analyzer_new(NULL, &an) != PLX_OK)
		return 1;
	load_sample();
	RUN(sample_stories_separate);
	RUN(symmetric_and_in_range);
	RUN(reasons_and_time);
	RUN(bad_arguments);
	RUN(builtin_table_sorted);
	RUN(corpus_model);
	RUN(allocation_failures);
	RUN(seeds_same_story);
	for (size_t i = 0; i < n_arts; i++)
		plx_article_free(arts[i]);
	plx_analyzer_free(an);
	DONE();
}
