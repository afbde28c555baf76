/*
 * test_register.c: the register stage on the seeds (a news report with
 * quoted first-person speech; a news lead followed by a reader's
 * commentary) and on small inline cases.
 */
#include <stdio.h>

#include "article.h"
#include "harness.h"
#include "parallax.h"
#include "register.h"

static plx_analyzer *an;

static plx_article *analyze(const char *text)
{
	plx_article *art = NULL;
	int rc = plx_analyze_text(an, text, strlen(text), NULL, &art);
	CHECK(rc == PLX_OK);
	return art;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	static char buf[1 << 16];
	*len = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[*len] = 0;
	return buf;
}

/* Register of the only paragraph of a one-paragraph text. */
static plx_register para_reg(const char *text, float *score)
{
	plx_article *art = analyze(text);
	if (!art)
		return PLX_REG_REPORTING;
	size_t n;
	const plx_paragraph *ps = plx_article_paragraphs(art, &n);
	CHECK(n == 1);
	plx_register r = ps[0].reg;
	*score = ps[0].opinion;
	plx_article_free(art);
	return r;
}

TEST(quoted_first_person_is_reporting)
{
	float s;
	CHECK(para_reg("\xE2\x80\x9CI think this is a disgrace, and we must "
		       "stop "
		       "it now,\xE2\x80\x9D the minister told reporters on "
		       "Tuesday.",
		       &s) == PLX_REG_REPORTING);
	CHECK(s < 0.5f);
	CHECK(para_reg("\"We are absolutely furious, and I believe you should "
		       "be too,\" said Maria Lopez, 42, a nurse in Madrid.",
		       &s) == PLX_REG_REPORTING);
}

TEST(first_person_column_is_opinion)
{
	float s;
	CHECK(para_reg("I have lived in this city for twenty years, and I "
		       "honestly believe the council's decision is a shameful "
		       "mistake. We deserve better than this.",
		       &s) == PLX_REG_OPINION);
	CHECK(s > 0.5f && s <= 1.0f);
}

TEST(exclamatory_rant_is_opinion)
{
	float s;
	CHECK(para_reg("What an absurd waste of money! Who on earth thought "
		       "this was a good idea? Enough is enough!",
		       &s) == PLX_REG_OPINION);
}

TEST(plain_news_is_reporting)
{
	float s;
	CHECK(para_reg(
		      "The central bank raised its main interest rate by 0.5 "
		      "percentage points on Thursday, according to a statement "
		      "released by the bank.",
		      &s) == PLX_REG_REPORTING);
	CHECK(s >= 0.0f && s < 0.5f);
}

TEST(sentences_have_scores)
{
	plx_article *art = analyze("Officials said the bridge reopened on "
				   "Monday. Frankly, it is a ridiculous "
				   "disgrace and you should be angry!");
	if (!art)
		return;
	size_t n;
	const plx_sentence *ss = plx_article_sentences(art, &n);
	CHECK(n == 2);
	if (n == 2) {
		CHECK(ss[0].reg == PLX_REG_REPORTING);
		CHECK(ss[1].reg == PLX_REG_OPINION);
		CHECK(ss[0].opinion < ss[1].opinion);
	}
	plx_article_free(art);
}

/* Quoted words add nothing but length and the quoted share (the last
 * three features: length, quoted share, scare quotes). */
TEST(features_leave_quotes_out)
{
	float quoted[PLX_REG_NFEAT], bare[PLX_REG_NFEAT], own[PLX_REG_NFEAT];
	const char *texts[] = {"\xE2\x80\x9CI am furious and we must "
			       "act,\xE2\x80\x9D she said.",
			       "She said.",
			       "I am furious and we must act, she said."};
	float *out[] = {quoted, bare, own};
	for (int k = 0; k < 3; k++) {
		plx_article *art = analyze(texts[k]);
		if (!art)
			return;
		CHECK(plx_register_features(art, 0, art->n_toks, out[k]) ==
		      PLX_OK);
		if (k == 0)
			CHECK(plx_register_features(art, 2, 1, out[k]) ==
			      PLX_EINVAL);
		plx_article_free(art);
	}
	int same = 1, differ = 0;
	for (int i = 0; i < PLX_REG_NFEAT - 3; i++) {
		same &= quoted[i] == bare[i];
		differ |= own[i] != bare[i];
	}
	CHECK(same);
	CHECK(differ);
	CHECK(quoted[PLX_REG_NFEAT - 2] > 0.5f); /* most words are quoted */
}

static void *fail_malloc(size_t n, void *ud)
{
	(void)n, (void)ud;
	return NULL;
}
static void *fail_realloc(void *p, size_t n, void *ud)
{
	(void)p, (void)n, (void)ud;
	return NULL;
}
static void pass_free(void *p, void *ud)
{
	(void)ud;
	free(p);
}

/* Out of memory is a status, and the article is left as it was. */
TEST(out_of_memory)
{
	plx_article *art = analyze("It is absurd. The bank said so on Monday.");
	if (!art)
		return;
	plx_allocator fail = {fail_malloc, fail_realloc, pass_free, NULL};
	plx_set_allocator(&fail);
	int rc = plx_register_classify(an, art);
	float f[PLX_REG_NFEAT];
	int rc2 = plx_register_features(art, 0, art->n_toks, f);
	plx_set_allocator(NULL);
	CHECK(rc == PLX_ENOMEM);
	CHECK(rc2 == PLX_ENOMEM);
	CHECK(plx_register_classify(an, art) == PLX_OK);
	plx_article_free(art);
}

/* The WaPo seed: every body paragraph is reporting, though its quotes say
 * "I" and "we". */
TEST(seed_wapo_all_reporting)
{
	size_t len;
	char *text =
		slurp(PLX_SHARED_DATA "/seeds/000_b2e9686b3f254adb.txt", &len);
	CHECK(text != NULL);
	if (!text)
		return;
	plx_article *art = NULL;
	CHECK(plx_analyze_text(an, text, len, NULL, &art) == PLX_OK);
	if (!art)
		return;
	size_t n, body = 0;
	const plx_paragraph *ps = plx_article_paragraphs(art, &n);
	for (size_t i = 0; i < n; i++) {
		if (ps[i].kind != PLX_PARA_BODY)
			continue;
		body++;
		if (ps[i].reg != PLX_REG_REPORTING)
			fprintf(stderr, "  paragraph %zu is opinion (%.3f)\n",
				i, (double)ps[i].opinion);
		CHECK(ps[i].reg == PLX_REG_REPORTING);
	}
	CHECK(body >= 20);
	plx_article_free(art);
}

/* The NYT seed: a two-paragraph news lead, then a reader's commentary. */
TEST(seed_nyt_lead_then_commentary)
{
	size_t len;
	char *text =
		slurp(PLX_SHARED_DATA "/seeds/002_fbc1206ab1d4c0e9.txt", &len);
	CHECK(text != NULL);
	if (!text)
		return;
	plx_article *art = NULL;
	CHECK(plx_analyze_text(an, text, len, NULL, &art) == PLX_OK);
	if (!art)
		return;
	size_t n;
	const plx_paragraph *ps = plx_article_paragraphs(art, &n);
	CHECK(n == 4);
	for (size_t i = 0; i < n; i++) {
		plx_register want = i < 2 ? PLX_REG_REPORTING : PLX_REG_OPINION;
		if (ps[i].reg != want)
			fprintf(stderr, "  paragraph %zu: %s (%.3f)\n", i,
				plx_register_name(ps[i].reg),
				(double)ps[i].opinion);
		CHECK(ps[i].reg == want);
	}
	plx_article_free(art);
}

int main(void)
{
	if (plx_analyzer_new(NULL, &an) != PLX_OK) {
		fprintf(stderr, "cannot create analyzer\n");
		return 1;
	}
	RUN(quoted_first_person_is_reporting);
	RUN(first_person_column_is_opinion);
	RUN(exclamatory_rant_is_opinion);
	RUN(plain_news_is_reporting);
	RUN(sentences_have_scores);
	RUN(features_leave_quotes_out);
	RUN(out_of_memory);
	FILE *fp =
		fopen(PLX_SHARED_DATA "/seeds/000_b2e9686b3f254adb.txt", "rb");
	if (!fp) {
		plx_analyzer_free(an);
		if (h_fail)
			DONE();
		SKIP("shared data (" PLX_SHARED_DATA ") absent: the register "
		     "seed tests did not run");
	}
	fclose(fp);
	RUN(seed_wapo_all_reporting);
	RUN(seed_nyt_lead_then_commentary);
	plx_analyzer_free(an);
	DONE();
}
