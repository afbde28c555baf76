/*
 * idf_empty.c (test_idf_empty): pair similarity when the build had no
 * corpus for its document frequency table.  Linked with the library's code
 * and the empty table gen_idf writes with no input (CMakeLists.txt), so it
 * runs in every build: every term gets the same idf, exactly as with a
 * corpus model of no documents, with no division by zero or lookup in an
 * empty table (UBSan in the ASan build).
 */
#include <stdio.h>

#include "harness.h"
#include "parallax.h"
#include "similarity.h"

#define MAX_ARTS 32

static plx_article *arts[MAX_ARTS];
static size_t n_arts;

TEST(table_is_empty)
{
	CHECK(plx_df_docs == 0);
	CHECK(plx_df_n_words == 0 && plx_df_n_names == 0);
}

/* The built-in (empty) table and a model of no documents agree on every
 * pair of the sample: the same uniform idf. */
TEST(uniform_idf)
{
	plx_similarity_model *m = NULL;
	CHECK(plx_similarity_model_new(&m) == PLX_OK);
	if (!m)
		return;
	CHECK(plx_similarity_model_docs(m) == 0);
	plx_similarity_params p;
	plx_similarity_params_default(&p);
	p.model = m;
	for (size_t i = 0; i < n_arts; i++)
		for (size_t j = 0; j < n_arts; j++) {
			plx_similarity x, y;
			CHECK(plx_similarity_compare(arts[i], arts[j], NULL,
						     &x) == PLX_OK);
			CHECK(plx_similarity_compare(arts[i], arts[j], &p,
						     &y) == PLX_OK);
			CHECK(x.score >= 0 && x.score <= 1);
			CHECK(x.score == y.score && x.terms == y.terms &&
			      x.names == y.names && x.places == y.places &&
			      x.numbers == y.numbers && x.facts == y.facts);
			if (i == j)
				CHECK(x.score > 0.99);
		}
	plx_similarity_model_free(m);
}

int main(void)
{
	plx_analyzer *an = NULL;
	plx_reader *rd = NULL;
	if (plx_analyzer_new(NULL, &an) != PLX_OK ||
	    plx_reader_new(NULL, &rd) != PLX_OK)
		return 1;
	CHECK(plx_reader_add(rd, PLX_SOURCE_DIR "/sample/articles.jsonl") ==
	      PLX_OK);
	const plx_record *rec;
	while (plx_reader_next(rd, &rec) == 1 && n_arts < MAX_ARTS)
		CHECK(plx_analyze(an, rec, &arts[n_arts++]) == PLX_OK);
	plx_reader_free(rd);
	CHECK(n_arts == 17);
	RUN(table_is_empty);
	RUN(uniform_idf);
	for (size_t i = 0; i < n_arts; i++)
		plx_article_free(arts[i]);
	plx_analyzer_free(an);
	DONE();
}
