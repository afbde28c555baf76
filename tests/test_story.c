/*
 * test_story.c: streaming story clustering: joining, opening, same-kind
 * events kept apart, window expiry, the seeds, the sample corpus,
 * determinism, and a failing allocator (every allocation, once or from
 * then on: PLX_OK or PLX_ENOMEM, no leak under ASan).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "parallax.h"
#include "similarity.h"
#include "story.h"
#include "testutil.h"

static plx_analyzer *an;

/* Analyses a record built from the arguments; NULL on failure. */
static plx_article *art(const char *id, const char *title, const char *date,
			const char *source, const char *text)
{
	plx_record rec;
	memset(&rec, 0, sizeof rec);
	rec.path = "test";
	rec.id = id;
	rec.title = title;
	rec.date = date;
	rec.source = source;
	rec.text = text;
	rec.text_len = strlen(text);
	plx_article *a = NULL;
	return plx_analyze(an, &rec, &a) == 0 ? a : NULL;
}

/* Adds and frees; returns the story (or (size_t)-1). */
static size_t add(plx_stories *s, plx_article *a, double *score)
{
	size_t story = (size_t)-1;
	double sc = 0;
	CHECK(a != NULL);
	if (a)
		CHECK(plx_stories_add(s, a, &story, &sc) == PLX_OK);
	plx_article_free(a);
	if (score)
		*score = sc;
	return story;
}

static const char QUAKE1[] =
	"A magnitude 6.1 earthquake struck the Ardesh valley near the town of "
	"Kelvara on Monday, killing at least 14 people and flattening "
	"hundreds of mud-brick homes, officials said.\n\n"
	"Governor Tomas Ilyev said rescue teams were searching the rubble in "
	"Kelvara and two nearby villages.  The quake hit at 4:12 a.m.\n\n"
	"The Ardesh Red Crescent sent tents and blankets to Kelvara.";
static const char QUAKE1B[] =
	"Rescuers in Kelvara pulled survivors from collapsed homes on Tuesday "
	"after the magnitude 6.1 earthquake in the Ardesh valley killed 14 "
	"people.\n\n"
	"Governor Tomas Ilyev told reporters that 200 homes were destroyed in "
	"Kelvara and the death toll could rise.  The Ardesh Red Crescent "
	"opened a camp for families left homeless by the quake.";
static const char QUAKE2[] =
	"A magnitude 5.4 earthquake shook the coastal city of Porto Salvo on "
	"Friday, injuring 32 people and damaging a cathedral, the Marinan "
	"civil protection agency said.\n\n"
	"Mayor Lucia Ferrante said schools in Porto Salvo would stay closed "
	"while engineers inspect them.  The tremor was felt across Marina "
	"province.";
static const char BUDGET[] =
	"The finance ministry unveiled a budget on Wednesday that raises "
	"spending on schools and hospitals while cutting fuel subsidies.\n\n"
	"Finance Minister Ada Okafor told parliament the deficit would fall "
	"to 3 percent of output next year.  Opposition leaders called the "
	"subsidy cuts a tax on the poor.";

TEST(join_and_open)
{
	plx_stories *s = NULL;
	CHECK(plx_stories_new(NULL, &s) == PLX_OK);
	double sc;
	size_t a = add(s,
		       art("q1", "Earthquake kills 14 in Ardesh valley", NULL,
			   "Wire", QUAKE1),
		       NULL);
	size_t b = add(s,
		       art("q1b", "Survivors pulled from rubble in Kelvara",
			   NULL, "Daily", QUAKE1B),
		       &sc);
	size_t c = add(
		s,
		art("bud", "Budget cuts fuel subsidies", NULL, "Wire", BUDGET),
		NULL);
	CHECK(a == 0);
	CHECK(b == a);
	CHECK(sc >= 0.25 && sc <= 1.0);
	CHECK(c == 1);
	CHECK(plx_stories_count(s) == 2);
	plx_story st;
	CHECK(plx_stories_get(s, 0, &st) == PLX_OK);
	CHECK(st.n_articles == 2);
	CHECK(st.n_sources == 2);
	CHECK_STR(st.headline, "Earthquake kills 14 in Ardesh valley");
	CHECK(st.first_article == 0 && st.last_article == 1);
	CHECK(st.first_seen == -1);
	CHECK(st.active == 1);
	CHECK(plx_stories_get(s, 2, &st) == PLX_ENOTFOUND);
	plx_stories_free(s);
}

/* Two earthquakes: the same words, other places, names and numbers. */
TEST(same_kind_other_event)
{
	plx_stories *s = NULL;
	CHECK(plx_stories_new(NULL, &s) == PLX_OK);
	size_t a = add(s,
		       art("q1", "Earthquake kills 14 in Ardesh valley", NULL,
			   NULL, QUAKE1),
		       NULL);
	size_t b = add(s,
		       art("q2", "Earthquake injures 32 in Porto Salvo", NULL,
			   NULL, QUAKE2),
		       NULL);
	size_t c = add(s,
		       art("q1b", "Survivors pulled from rubble in Kelvara",
			   NULL, NULL, QUAKE1B),
		       NULL);
	CHECK(a == 0);
	CHECK(b == 1);
	CHECK(c == 0);
	plx_stories_free(s);
}

static const char DAM1[] =
	"Governor Tomas Ilyev said on Monday that the dam on the Ardesh river "
	"would be repaired by March.  Ilyev told reporters the repairs would "
	"cost 40 million.\n\n"
	"Ilyev said engineers had found cracks in the dam wall.  Residents "
	"thanked Ilyev for the quick response.";
static const char DAM2[] =
	"Governor Marta Kovel said on Friday that the dam on the Ardesh river "
	"would be repaired by October.  Kovel told reporters the repairs would "
	"cost 40 million.\n\n"
	"Kovel said engineers had found cracks in the dam wall.  Residents "
	"thanked Kovel for the quick response.";

/* DAM2 naming no weekday (October against March still), and naming
 * DAM1's Monday. */
static const char DAM2_NODAY[] =
	"Governor Marta Kovel said that the dam on the Ardesh river "
	"would be repaired by October.  Kovel told reporters the repairs would "
	"cost 40 million.\n\n"
	"Kovel said engineers had found cracks in the dam wall.  Residents "
	"thanked Kovel for the quick response.";
static const char DAM2_MONDAY[] =
	"Governor Marta Kovel said on Monday that the dam on the Ardesh river "
	"would be repaired by October.  Kovel told reporters the repairs would "
	"cost 40 million.\n\n"
	"Kovel said engineers had found cracks in the dam wall.  Residents "
	"thanked Kovel for the quick response.";

/* Adds the n texts in order to a fresh clusterer with parameters p;
 * returns the last one's score (-1 on failure) and, in *joined, whether
 * every text after the first joined the first one's story. */
static double last_score(const plx_story_params *p, const char *const *texts,
			 int n, int *joined)
{
	plx_stories *s = NULL;
	CHECK(plx_stories_new(p, &s) == PLX_OK);
	double sc = -1;
	*joined = s != NULL;
	for (int i = 0; s && i < n; i++) {
		char id[16];
		snprintf(id, sizeof id, "d%d", i);
		*joined &=
			add(s, art(id, NULL, NULL, NULL, texts[i]), &sc) == 0;
	}
	plx_stories_free(s);
	return sc;
}

/* The score of text against a story of DAM1 under the given factors. */
static double dam_score_of(const char *text, double time_penalty,
			   double person_penalty, double time_bonus)
{
	plx_story_params p;
	plx_story_params_default(&p);
	p.time_penalty = time_penalty;
	p.person_penalty = person_penalty;
	p.time_bonus = time_bonus;
	const char *const texts[] = {DAM1, text};
	int joined;
	return last_score(&p, texts, 2, &joined);
}

static double dam_score(double time_penalty, double person_penalty)
{
	return dam_score_of(DAM2, time_penalty, person_penalty, 0.1);
}

#define NEAR(x, y) ((x) - (y) < 1e-9 && (x) - (y) > -1e-9)

/* Other days named (Monday against Friday) and another main person
 * (Kovel, named 4 times, not in the story): each test scales the
 * similarity by its factor, and only then. */
TEST(disagreement_tests)
{
	plx_story_params p;
	plx_story_params_default(&p);
	CHECK(p.time_penalty == 0.15 && p.person_penalty == 0.25);
	CHECK(p.time_bonus == 0.1);
	double s0 = dam_score(0, 0);
	CHECK(s0 > 0.2 && s0 < 1);
	CHECK(NEAR(dam_score(0.15, 0), s0 * 0.85));
	CHECK(NEAR(dam_score(0, 0.25), s0 * 0.75));
	CHECK(NEAR(dam_score(0.15, 0.25), s0 * 0.85 * 0.75));
	/* The same person and day: no test fires, the day counts for. */
	plx_stories *s = NULL;
	CHECK(plx_stories_new(NULL, &s) == PLX_OK);
	double a = -1, b = -1;
	add(s, art("d1", NULL, NULL, NULL, DAM1), NULL);
	CHECK(add(s, art("d1b", NULL, NULL, NULL, DAM1), &a) == 0);
	plx_stories_free(s);
	p.time_penalty = p.person_penalty = p.time_bonus = 0;
	CHECK(plx_stories_new(&p, &s) == PLX_OK);
	add(s, art("d1", NULL, NULL, NULL, DAM1), NULL);
	add(s, art("d1b", NULL, NULL, NULL, DAM1), &b);
	plx_stories_free(s);
	CHECK(b > 0.9 && NEAR(a, b * 1.1));
	/* Out of range. */
	p.time_penalty = 1.5;
	CHECK(plx_stories_new(&p, &s) == PLX_EINVAL);
	plx_story_params_default(&p);
	p.time_bonus = -0.1;
	CHECK(plx_stories_new(&p, &s) == PLX_EINVAL);
	plx_story_params_default(&p);
	p.doubtful_band = -1;
	CHECK(plx_stories_new(&p, &s) == PLX_EINVAL);
}

/* The time test reads weekdays only: other months named (March against
 * October) and no weekday in the article leave the score as it is; the
 * same weekday scales it by 1 + time_bonus. */
TEST(time_test_weekdays)
{
	double s0 = dam_score_of(DAM2_NODAY, 0, 0, 0);
	CHECK(s0 > 0.2 && s0 < 1);
	CHECK(NEAR(dam_score_of(DAM2_NODAY, 0.15, 0, 0.1), s0));
	double m0 = dam_score_of(DAM2_MONDAY, 0, 0, 0);
	CHECK(m0 > 0.2 && m0 < 1);
	CHECK(NEAR(dam_score_of(DAM2_MONDAY, 0.15, 0, 0.1), m0 * 1.1));
	CHECK(NEAR(dam_score_of(DAM2_MONDAY, 0.15, 0, 0), m0));
}

/* DAM1, then DAM2 joining at a score s0 and DAM2 again: the third
 * article's score, with the join of the second put at threshold + q *
 * band (q < 1: doubtful, its vector scaled by q in the centroid). */
static double doubtful_third(double q, double band)
{
	plx_story_params p;
	plx_story_params_default(&p);
	p.time_penalty = p.person_penalty = p.time_bonus = 0;
	double s0 = dam_score_of(DAM2, 0, 0, 0);
	p.doubtful_band = band;
	p.threshold = s0 - q * 0.1;
	const char *const texts[] = {DAM1, DAM2, DAM2};
	int joined;
	double sc = last_score(&p, texts, 3, &joined);
	CHECK(joined);
	return sc;
}

/* A doubtful join counts for less in the centroid, the more so the nearer
 * the threshold; a join above threshold + band counts in full. */
TEST(doubtful_join)
{
	plx_story_params p;
	plx_story_params_default(&p);
	CHECK(p.doubtful_band == 0.1);
	double full = doubtful_third(0.5, 0); /* band off */
	double half = doubtful_third(0.5, 0.1);
	double tenth = doubtful_third(0.1, 0.1);
	CHECK(full > 0.5 && full < 1);
	CHECK(half < full - 0.01);
	CHECK(tenth < half - 0.01);
	CHECK(NEAR(doubtful_third(1.5, 0.1), full));
}

TEST(window_expiry)
{
	plx_story_params p;
	plx_story_params_default(&p);
	CHECK(p.window_days == 3.0);
	plx_stories *s = NULL;
	CHECK(plx_stories_new(&p, &s) == PLX_OK);
	size_t a = add(s,
		       art("q1", "Earthquake kills 14 in Ardesh valley",
			   "2025-03-10T06:00:00Z", NULL, QUAKE1),
		       NULL);
	/* Within the window: joins. */
	size_t b = add(s,
		       art("q1b", "Survivors pulled from rubble in Kelvara",
			   "2025-03-12T06:00:00+01:00", NULL, QUAKE1B),
		       NULL);
	/* An unrelated article a week later moves the clock on. */
	size_t c = add(s,
		       art("bud", "Budget cuts fuel subsidies",
			   "2025-03-19T06:00:00Z", NULL, BUDGET),
		       NULL);
	CHECK(a == 0 && b == 0 && c == 1);
	plx_story st;
	CHECK(plx_stories_get(s, 0, &st) == PLX_OK);
	CHECK(st.active == 0);
	CHECK(st.n_articles == 2);
	CHECK(st.first_seen == 1741586400LL); /* 2025-03-10 06:00Z */
	CHECK(st.last_seen == 1741586400LL + 2 * 86400 - 3600);
	CHECK(plx_stories_active(s) == 1);
	/* The quiet story cannot be joined: the same event opens a new one. */
	size_t d = add(
		s, art("q1c", "Kelvara quake survivors", NULL, NULL, QUAKE1B),
		NULL);
	CHECK(d == 2);
	plx_stories_free(s);

	/* A longer window keeps it open. */
	p.window_days = 30;
	CHECK(plx_stories_new(&p, &s) == PLX_OK);
	add(s, art("q1", NULL, "2025-03-10", NULL, QUAKE1), NULL);
	add(s, art("bud", NULL, "2025-03-19", NULL, BUDGET), NULL);
	CHECK(add(s, art("q1b", NULL, "2025-03-20", NULL, QUAKE1B), NULL) == 0);
	plx_stories_free(s);

	/* The article-count window, for undated streams. */
	plx_story_params_default(&p);
	p.window_articles = 1;
	CHECK(plx_stories_new(&p, &s) == PLX_OK);
	add(s, art("q1", NULL, NULL, NULL, QUAKE1), NULL);
	add(s, art("bud", NULL, NULL, NULL, BUDGET), NULL);
	add(s, art("bud2", NULL, NULL, NULL, BUDGET), NULL);
	CHECK(add(s, art("q1b", NULL, NULL, NULL, QUAKE1B), NULL) == 2);
	plx_stories_free(s);
}

/* Reads a whole file; NULL if absent. */
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
	if (s)
		s[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return s;
}

TEST(seeds_one_story)
{
	static const char *const files[] = {"000_b2e9686b3f254adb.txt",
					    "002_fbc1206ab1d4c0e9.txt"};
	char path[1024];
	snprintf(path, sizeof path, "%s/seeds/%s", PLX_SHARED_DATA, files[0]);
	FILE *probe = fopen(path, "rb");
	if (!probe) {
		fprintf(stderr, "SKIPPED seeds_one_story: %s absent\n", path);
		return;
	}
	fclose(probe);
	plx_stories *s = NULL;
	CHECK(plx_stories_new(NULL, &s) == PLX_OK);
	size_t got[2];
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/seeds/%s", PLX_SHARED_DATA,
			 files[i]);
		size_t len;
		char *text = slurp(path, &len);
		CHECK(text != NULL);
		plx_article *a = NULL;
		CHECK(text && plx_analyze_text(an, text, len, path, &a) == 0);
		got[i] = add(s, a, NULL);
		free(text);
	}
	CHECK(got[0] == 0 && got[1] == 0);
	CHECK(plx_stories_count(s) == 1);
	plx_stories_free(s);
}

/* The invented sample corpus: stories and scores by id; the analyzer
 * skips the stages in skip. */
static int cluster_sample(size_t *story, double *score, char ids[][8],
			  size_t max, unsigned skip)
{
	plx_reader *rd = NULL;
	plx_stories *s = NULL;
	char path[1024];
	snprintf(path, sizeof path, "%s/sample/articles.jsonl", PLX_SOURCE_DIR);
	if (plx_reader_new(NULL, &rd) || plx_reader_add(rd, path) ||
	    plx_stories_new(NULL, &s))
		return -1;
	const plx_record *rec;
	int rc, n = 0;
	plx_analyzer_skip(an, skip);
	while ((rc = plx_reader_next(rd, &rec)) != 0 && (size_t)n < max) {
		if (rc < 0)
			continue;
		plx_article *a = NULL;
		if (plx_analyze(an, rec, &a))
			continue;
		snprintf(ids[n], 8, "%s", rec->id ? rec->id : "?");
		if (plx_stories_add(s, a, &story[n], &score[n]))
			story[n] = (size_t)-1;
		plx_article_free(a);
		n++;
	}
	plx_analyzer_skip(an, 0);
	plx_stories_free(s);
	plx_reader_free(rd);
	return n;
}

static size_t story_of(size_t *story, char ids[][8], int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return story[i];
	return (size_t)-2;
}

TEST(sample_and_determinism)
{
	size_t s1[64], s2[64];
	double c1[64], c2[64];
	char ids[64][8];
	/* Terms counted by the clusterer, not by the analysis stage (first,
	 * as the process's first clustering: the clusterer alone must load
	 * the prior), then by the stage, twice: the same stories, the same
	 * scores to the bit. */
	int n = cluster_sample(s1, c1, ids, 64, PLX_SKIP_STORY_TERMS);
	CHECK(n == 17);
	CHECK(cluster_sample(s2, c2, ids, 64, 0) == n);
	CHECK(n > 0 && memcmp(s1, s2, (size_t)n * sizeof *s1) == 0);
	CHECK(n > 0 && memcmp(c1, c2, (size_t)n * sizeof *c1) == 0);
	memset(s2, 0, sizeof s2);
	CHECK(cluster_sample(s2, c2, ids, 64, 0) == n);
	CHECK(n > 0 && memcmp(s1, s2, (size_t)n * sizeof *s1) == 0);
	if (n <= 0)
		return;
	static const char *const groups[][5] = {
		{"s02", "s03", "s05", NULL},
		{"s06", "s07", "s08", "s09", "s10"},
		{"s11", "s12", "s13", NULL},
		{"s14", "s15", NULL}};
	size_t heads[4];
	for (int g = 0; g < 4; g++) {
		heads[g] = story_of(s1, ids, n, groups[g][0]);
		for (int k = 1; k < 5 && groups[g][k]; k++)
			CHECK(story_of(s1, ids, n, groups[g][k]) == heads[g]);
		for (int h = 0; h < g; h++)
			CHECK(heads[h] != heads[g]);
	}
	/* The unrelated articles are alone. */
	static const char *const alone[] = {"s01", "s04", "s17"};
	for (int i = 0; i < 3; i++) {
		size_t x = story_of(s1, ids, n, alone[i]);
		int shared = 0;
		for (int j = 0; j < n; j++)
			shared += strcmp(ids[j], alone[i]) != 0 && s1[j] == x;
		CHECK(shared == 0);
	}
}

/* Score of QUAKE1B after QUAKE1, preceded by BUDGET and QUAKE2 when
 * longer; -1 if it does not join QUAKE1's story. */
static double quake_score(double prior_docs, double prior_names, int longer)
{
	plx_story_params p;
	plx_story_params_default(&p);
	p.prior_docs = prior_docs;
	p.prior_names = prior_names;
	plx_stories *s = NULL;
	CHECK(plx_stories_new(&p, &s) == PLX_OK);
	if (!s)
		return -1;
	if (longer) {
		add(s, art("b", NULL, NULL, NULL, BUDGET), NULL);
		add(s, art("q2", NULL, NULL, NULL, QUAKE2), NULL);
	}
	size_t first = add(s, art("q1", NULL, NULL, NULL, QUAKE1), NULL);
	double sc = -1;
	size_t joined = add(s, art("q1b", NULL, NULL, NULL, QUAKE1B), &sc);
	plx_stories_free(s);
	return joined == first ? sc : -1;
}

TEST(prior_idf)
{
	plx_story_params p;
	plx_story_params_default(&p);
	CHECK(p.prior_docs == 30 && p.prior_names == 1000);
	plx_stories *s = NULL;
	p.prior_names = -1;
	CHECK(plx_stories_new(&p, &s) == PLX_EINVAL);
	double off = quake_score(0, 0, 0), off_long = quake_score(0, 0, 1);
	double on = quake_score(30, 1000, 0);
	double huge = quake_score(1e9, 1e9, 0);
	double huge_long = quake_score(1e9, 1e9, 1);
	CHECK(off > 0.25 && off_long > 0.25 && on > 0.25 && huge > 0.25);
	/* Online, the idf depends on what came before. */
	CHECK(off - off_long > 1e-4 || off_long - off > 1e-4);
	if (!plx_df_docs) { /* no table in this build: the online idf */
		CHECK(on == off && huge == off && huge_long == off_long);
		return;
	}
	CHECK(on - off > 1e-4 || off - on > 1e-4);
	/* A prior of a billion documents is the table's idf alone: the
	 * articles before no longer matter. */
	CHECK(huge - huge_long < 1e-5 && huge_long - huge < 1e-5);
}

/* The prior's hash table answers as the built-in table's binary search,
 * for every entry and kind (words and numbers: its words; entities: its
 * names). */
TEST(prior_table)
{
	size_t bad = 0;
	for (size_t i = 0; i < plx_df_n_words; i++) {
		const char *w = plx_df_words[i].term;
		size_t n = strlen(w);
		bad += plx_story_prior(PLX_FEAT_WORD, w, n) !=
		       plx_df_lookup(0, w, n);
		bad += plx_story_prior(PLX_FEAT_NUMBER, w, n) !=
		       plx_df_lookup(0, w, n);
		bad += plx_story_prior(PLX_FEAT_TIME, w, n) != 0;
	}
	for (size_t i = 0; i < plx_df_n_names; i++) {
		const char *w = plx_df_names[i].term;
		size_t n = strlen(w);
		bad += plx_story_prior(PLX_FEAT_ENTITY, w, n) !=
		       plx_df_lookup(1, w, n);
	}
	CHECK(bad == 0);
	CHECK(plx_story_prior(PLX_FEAT_WORD, "zzqxv", 5) == 0);
	if (plx_df_docs) { /* a build with the table */
		CHECK(plx_df_n_words > 1000 && plx_df_n_names > 1000);
		CHECK(plx_story_prior(PLX_FEAT_WORD, "year", 4) > 0);
	}
}

/* The in-memory store never offers a quiet story as a candidate: one that
 * went quiet before the candidate scores were first sized, and one after. */
TEST(store_skips_quiet_stories)
{
	plx_story_store *st = NULL;
	CHECK(plx_story_store_mem_new(64, &st) == PLX_OK);
	if (!st)
		return;
	const uint64_t terms[2] = {4 | PLX_FEAT_WORD, 8 | PLX_FEAT_WORD};
	const float w[2] = {1, 1};
	plx_story_state *ss;
	for (uint32_t i = 0; i < 3; i++) {
		CHECK(st->vt->create(st, &ss) == PLX_OK && ss->id == i);
		ss->touch_time = PLX_STORY_NOTIME;
		ss->touch_seq = i;
		CHECK(st->vt->put(st, ss, terms, 2) == PLX_OK);
	}
	/* Story 0 goes quiet; its postings stay (a list is compacted only
	 * when over half of it is quiet). */
	CHECK(st->vt->expire(st, PLX_STORY_NOTIME, 1) == PLX_OK);
	CHECK(st->vt->active(st) == 2);
	uint32_t out[3];
	size_t n = 0;
	CHECK(st->vt->candidates(st, terms, w, 2, 256, out, 3, &n) == PLX_OK);
	CHECK(n == 2 && out[0] == 1 && out[1] == 2);
	/* Story 1 goes quiet after the scores were sized. */
	CHECK(st->vt->expire(st, PLX_STORY_NOTIME, 2) == PLX_OK);
	CHECK(st->vt->candidates(st, terms, w, 2, 256, out, 3, &n) == PLX_OK);
	CHECK(n == 1 && out[0] == 2);
	st->vt->free(st);
}

TEST(bad_arguments)
{
	plx_story_params p;
	plx_story_params_default(&p);
	p.story_terms = 0;
	plx_stories *s = (plx_stories *)&p;
	CHECK(plx_stories_new(&p, &s) == PLX_EINVAL);
	CHECK(s == NULL);
	/* Sizes that would overflow the clusterer's scratch. */
	plx_story_params_default(&p);
	p.story_terms = SIZE_MAX / 2;
	CHECK(plx_stories_new(&p, &s) == PLX_EINVAL);
	plx_story_params_default(&p);
	p.index_terms = SIZE_MAX;
	CHECK(plx_stories_new(&p, &s) == PLX_EINVAL);
	CHECK(plx_stories_add(NULL, NULL, NULL, NULL) == PLX_EINVAL);
	plx_stories_free(NULL);
}

/* ---- Failing allocator: the n-th allocation fails, for every n ---------- */

static long fail_at;    /* allocation number that fails (-1: none) */
static int fail_sticky; /* every allocation from fail_at on fails */
static long n_calls;

static int should_fail(void)
{
	long k = n_calls++;
	return fail_at >= 0 && (k == fail_at || (fail_sticky && k > fail_at));
}

static void *f_malloc(size_t size, void *ud)
{
	(void)ud;
	return should_fail() ? NULL : malloc(size);
}

static void *f_realloc(void *ptr, size_t size, void *ud)
{
	(void)ud;
	return should_fail() ? NULL : realloc(ptr, size);
}

static void f_free(void *ptr, void *ud)
{
	(void)ud;
	free(ptr);
}

/* Four dated articles: a join, a same-kind other event, an expiry. */
static int oom_articles(plx_article **a)
{
	a[0] = art("q1", "Earthquake kills 14 in Ardesh valley", "2025-03-10",
		   "Wire", QUAKE1);
	a[1] = art("q1b", "Survivors pulled from rubble in Kelvara",
		   "2025-03-11", "Daily", QUAKE1B);
	a[2] = art("q2", "Earthquake injures 32 in Porto Salvo", "2025-03-12",
		   "Wire", QUAKE2);
	a[3] = art("bud", "Budget cuts fuel subsidies", "2025-03-19", NULL,
		   BUDGET);
	return a[0] && a[1] && a[2] && a[3];
}

/* One run with allocation number fail_at failing; returns 1 when no
 * allocation failed (the loop is over).  Every call must answer PLX_OK or
 * PLX_ENOMEM; after a one-shot failure the clusterer stays usable. */
static int oom_run(plx_article **a, size_t *out)
{
	n_calls = 0;
	plx_stories *s = NULL;
	int rc = plx_stories_new(NULL, &s);
	CHECK(rc == PLX_OK || (rc == PLX_ENOMEM && s == NULL));
	if (rc)
		return 0;
	int failed = 0;
	for (int i = 0; i < 4; i++) {
		size_t story = 0;
		rc = plx_stories_add(s, a[i], &story, NULL);
		CHECK(rc == PLX_OK || rc == PLX_ENOMEM);
		if (rc == PLX_ENOMEM) {
			CHECK(story == (size_t)-1);
			failed = 1;
			if (fail_sticky)
				break;
			continue;
		}
		CHECK(story < plx_stories_count(s));
		out[i] = story;
	}
	for (size_t id = 0; id < plx_stories_count(s); id++) {
		plx_story st;
		CHECK(plx_stories_get(s, id, &st) == PLX_OK);
		CHECK(st.id == id);
	}
	plx_stories_free(s);
	return !failed && (fail_at < 0 || fail_at >= n_calls);
}

TEST(every_allocation_fails)
{
	plx_article *a[4];
	/* Second pass: articles without story terms (the clusterer counts
	 * them). */
	for (int counted = 0; counted < 2; counted++) {
		plx_analyzer_skip(an, counted ? PLX_SKIP_STORY_TERMS : 0);
		int ok = oom_articles(a);
		plx_analyzer_skip(an, 0);
		CHECK(ok);
		plx_allocator fa = {f_malloc, f_realloc, f_free, NULL};
		for (fail_sticky = 0; ok && fail_sticky < 2; fail_sticky++) {
			plx_set_allocator(&fa);
			size_t ref[4] = {9, 9, 9, 9}, got[4];
			fail_at = -1;
			CHECK(oom_run(a, ref));
			long n = 0;
			for (; n < 100000; n++) {
				fail_at = n;
				memset(got, 9, sizeof got);
				if (oom_run(a, got))
					break;
			}
			plx_set_allocator(NULL);
			fprintf(stderr, "  %s: %ld failure points\n",
				fail_sticky ? "from then on" : "once", n);
			/* The last run failed nothing: the reference result. */
			CHECK(n > 20 && n < 100000);
			CHECK(memcmp(got, ref, sizeof ref) == 0);
			CHECK(ref[0] == 0 && ref[1] == 0 && ref[2] == 1 &&
			      ref[3] == 2);
		}
		for (int i = 0; i < 4; i++)
			plx_article_free(a[i]);
	}
}

/* ---- Revision ---- */
/* A second quake in the same valley: a same-kind event that shares
 * most names with the first. */
static const char QUAKE3[] =
	"A magnitude 5.2 earthquake struck the Ardesh valley near the village "
	"of Sorvan on Thursday, killing 3 people and damaging a school, "
	"officials said.\n\n"
	"Governor Tomas Ilyev said the Sorvan school had been empty when the "
	"quake hit at 9:40 p.m.  The Ardesh Red Crescent sent tents to "
	"Sorvan.";
static const char QUAKE3B[] =
	"Families in Sorvan spent a second night in tents on Friday after the "
	"magnitude 5.2 earthquake in the Ardesh valley killed 3 people.\n\n"
	"The Sorvan school will be rebuilt, Governor Tomas Ilyev said.  "
	"Engineers found cracks in 40 homes in Sorvan and the nearby hamlet "
	"of Dushan.";

/* Adds the texts in order to a clusterer with parameters p: the stories
 * returned in got[] (and scores in score[]), the stories they end in
 * after revision's moves in final[]; checks the stories' sizes and
 * sources (one each) against final[]. */
static void quakes(const plx_story_params *p, const char *const *texts, int k,
		   size_t *got, size_t *final, double *score)
{
	plx_stories *s = NULL;
	CHECK(plx_stories_new(p, &s) == PLX_OK);
	for (int i = 0; s && i < k; i++) {
		char id[16], src[16];
		snprintf(id, sizeof id, "a%d", i);
		snprintf(src, sizeof src, "s%d", i);
		got[i] = add(s, art(id, NULL, NULL, src, texts[i]), &score[i]);
		final[i] = got[i];
		const plx_story_move *mv;
		size_t n;
		plx_stories_moves(s, &mv, &n);
		for (size_t j = 0; j < n; j++) {
			CHECK(mv[j].article < (size_t)i);
			CHECK(final[mv[j].article] == mv[j].from);
			final[mv[j].article] = mv[j].to;
			score[mv[j].article] = mv[j].score;
		}
	}
	for (size_t id = 0; s && id < plx_stories_count(s); id++) {
		plx_story st;
		size_t n = 0, first = (size_t)-1;
		for (int i = 0; i < k; i++)
			if (final[i] == id) {
				n++;
				if (first == (size_t)-1)
					first = (size_t)i;
			}
		CHECK(plx_stories_get(s, id, &st) == PLX_OK);
		CHECK(st.n_articles == n);
		CHECK(st.n_sources == n);
		CHECK(n == 0 || st.first_article == first);
	}
	plx_stories_free(s);
}

/* A story joined wrongly (the second quake's first article, QUAKE3,
 * joins the first quake's story): when the second quake's next article
 * opens a story of its own, QUAKE3 moves there (revision, on open). */
TEST(revision_moves_to_new_story)
{
	plx_story_params p;
	plx_story_params_default(&p);
	p.threshold = 0.34; /* QUAKE3 joins QUAKE1 (0.345), as a doubtful
			       join, so QUAKE3B does not */
	const char *const texts[] = {QUAKE1, QUAKE3, QUAKE3B};
	size_t got[3], fin[3];
	double sc[3];
	quakes(&p, texts, 3, got, fin, sc);
	CHECK(got[0] == 0 && got[1] == 0 && got[2] == 1);
	CHECK(fin[0] == 0 && fin[1] == 1 && fin[2] == 1);
	CHECK(sc[1] > 0.6); /* its score in the new story */
	/* Off, or a window that no longer holds QUAKE3: no move. */
	p.revise_window = 0;
	quakes(&p, texts, 3, got, fin, sc);
	CHECK(fin[0] == 0 && fin[1] == 0 && fin[2] == 1);
	p.revise_window = 1;
	quakes(&p, texts, 3, got, fin, sc);
	CHECK(fin[0] == 0 && fin[1] == 0 && fin[2] == 1);
}

/* Both articles of the second quake join the first quake's story; the
 * second splits off with the first into a story of their own (revision,
 * on join): together they score split_pair or more, and each scores
 * split_rest or less against the rest of the story. */
TEST(revision_splits_pair)
{
	plx_story_params p;
	plx_story_params_default(&p);
	p.split_rest = 0.4; /* QUAKE3 scores 0.36 against QUAKE1 + 1B */
	const char *const texts[] = {QUAKE1, QUAKE1B, QUAKE3, QUAKE3B};
	size_t got[4], fin[4];
	double sc[4];
	quakes(&p, texts, 4, got, fin, sc);
	CHECK(got[0] == 0 && got[1] == 0 && got[2] == 0);
	CHECK(got[3] == 1); /* the split: QUAKE3B is told its final story */
	CHECK(fin[2] == 1 && fin[3] == 1);
	CHECK(sc[2] > 0.6 && sc[3] > 0.6); /* the pair's score */
	p.revise_window = 0;
	quakes(&p, texts, 4, got, fin, sc);
	CHECK(fin[0] == 0 && fin[1] == 0 && fin[2] == 0 && fin[3] == 0);
	/* Below split_pair, or above split_rest: no split. */
	plx_story_params_default(&p);
	quakes(&p, texts, 4, got, fin, sc);
	CHECK(fin[2] == 0 && fin[3] == 0);
	p.split_rest = 0.4;
	p.split_pair = 0.7;
	quakes(&p, texts, 4, got, fin, sc);
	CHECK(fin[2] == 0 && fin[3] == 0);
}

/* The revision scenarios (a move on open, a pair split) with the n-th
 * allocation failing, once or from then on: every call answers PLX_OK or
 * PLX_ENOMEM, the moves name stories that exist, no leak (ASan); returns
 * 1 when nothing failed. */
static int oom_revision_run(const plx_story_params *p, plx_article **a, int k,
			    size_t *moves)
{
	n_calls = 0;
	plx_stories *s = NULL;
	int rc = plx_stories_new(p, &s);
	CHECK(rc == PLX_OK || (rc == PLX_ENOMEM && s == NULL));
	if (rc)
		return 0;
	int failed = 0;
	*moves = 0;
	for (int i = 0; i < k; i++) {
		size_t story = 0;
		rc = plx_stories_add(s, a[i], &story, NULL);
		CHECK(rc == PLX_OK || rc == PLX_ENOMEM);
		if (rc) {
			failed = 1;
			if (fail_sticky)
				break;
			continue;
		}
		const plx_story_move *mv;
		size_t n;
		plx_stories_moves(s, &mv, &n);
		for (size_t j = 0; j < n; j++)
			CHECK(mv[j].from < plx_stories_count(s) &&
			      mv[j].to < plx_stories_count(s));
		*moves += n;
	}
	plx_stories_free(s);
	return !failed && (fail_at < 0 || fail_at >= n_calls);
}

TEST(revision_every_allocation_fails)
{
	plx_article *a[4] = {art("a0", NULL, NULL, "s0", QUAKE1),
			     art("a1", NULL, NULL, "s1", QUAKE1B),
			     art("a2", NULL, NULL, "s2", QUAKE3),
			     art("a3", "Sorvan rebuilds", NULL, "s3", QUAKE3B)};
	plx_article *on_open[3] = {a[0], a[2], a[3]};
	CHECK(a[0] && a[1] && a[2] && a[3]);
	plx_story_params p[2];
	plx_story_params_default(&p[0]);
	p[0].threshold = 0.34; /* revision_moves_to_new_story */
	plx_story_params_default(&p[1]);
	p[1].split_rest = 0.4; /* revision_splits_pair */
	plx_allocator fa = {f_malloc, f_realloc, f_free, NULL};
	for (int c = 0; a[0] && a[1] && a[2] && a[3] && c < 2; c++)
		for (fail_sticky = 0; fail_sticky < 2; fail_sticky++) {
			plx_article **arts = c ? a : on_open;
			int k = c ? 4 : 3;
			size_t moves = 0;
			plx_set_allocator(&fa);
			fail_at = -1;
			CHECK(oom_revision_run(&p[c], arts, k, &moves));
			CHECK(moves == 1);
			long n = 0;
			for (; n < 100000; n++) {
				fail_at = n;
				if (oom_revision_run(&p[c], arts, k, &moves))
					break;
			}
			plx_set_allocator(NULL);
			CHECK(n > 20 && n < 100000);
			CHECK(moves == 1);
		}
	for (int i = 0; i < 4; i++)
		plx_article_free(a[i]);
}

static int stored_story(const plx_record *rec, int64_t seq, int64_t story,
			void *ud)
{
	char line[32];
	(void)seq;
	snprintf(line, sizeof line, "%s:%lld ", rec->id, (long long)story);
	strcat(ud, line);
	return 0;
}

static int stored_row(const plx_story_row *row, void *ud)
{
	char line[32];
	snprintf(line, sizeof line, "%lld:%zu ", (long long)row->id,
		 row->n_articles);
	strcat(ud, line);
	return 0;
}

/* The articles' stories and the stories' sizes in the database. */
static void stored(const char *db, char *arts, char *rows)
{
	plx_store *st = NULL;
	arts[0] = rows[0] = 0;
	CHECK(plx_store_open(db, 0, &st, NULL, 0) == PLX_OK);
	if (!st)
		return;
	CHECK(plx_store_records(st, stored_story, arts) == PLX_OK);
	CHECK(plx_store_stories(st, PLX_ORDER_SIZE, 0, 0, stored_row, rows) ==
	      PLX_OK);
	plx_store_close(st);
}

/* Ingests texts[from, to) as a0, a1, ...; commits unless told not to. */
static plx_ingest_stats ingest_quakes(const char *db, size_t window, int from,
				      int to, int commit)
{
	const char *const texts[] = {QUAKE1, QUAKE3, QUAKE3B};
	plx_ingest_params ip;
	plx_ingest_params_default(&ip);
	ip.stories.threshold = 0.34; /* as in revision_moves_to_new_story */
	ip.stories.revise_window = window;
	ip.batch = 2;
	plx_ingest *g = NULL;
	plx_ingest_stats stats;
	memset(&stats, 0, sizeof stats);
	CHECK(plx_ingest_open(db, &ip, an, &g, NULL, 0) == PLX_OK);
	if (!g)
		return stats;
	for (int i = from; i < to; i++) {
		char id[16], src[16];
		snprintf(id, sizeof id, "a%d", i);
		snprintf(src, sizeof src, "s%d", i);
		plx_record rec;
		memset(&rec, 0, sizeof rec);
		rec.path = "test";
		rec.id = id;
		rec.source = src;
		rec.text = texts[i];
		rec.text_len = strlen(texts[i]);
		CHECK(plx_ingest_add(g, &rec) == PLX_OK);
	}
	if (commit)
		CHECK(plx_ingest_commit(g) == PLX_OK);
	plx_ingest_stats_get(g, &stats);
	plx_ingest_free(g);
	return stats;
}

/* ingest writes a move in the batch of the article that caused it (here
 * the batch after the moved article's); a rolled-back batch takes its
 * moves with it; on reopen the replay makes the same moves. */
TEST(revision_ingest_writes_moves)
{
	char db[64], arts[128], rows[128];
	snprintf(db, sizeof db, "/tmp/plx-test-story-%d.db", (int)getpid());
	unlink_db(db);
	ingest_quakes(db, 300, 0, 3, 1);
	stored(db, arts, rows);
	CHECK_STR(arts, "a0:0 a1:1 a2:1 ");
	CHECK_STR(rows, "1:2 0:1 ");
	plx_ingest_stats st = ingest_quakes(db, 300, 0, 3, 1);
	CHECK(st.replayed == 3 && st.known == 3 && st.mismatched == 0);
	/* Replayed without revision, a1 comes out elsewhere. */
	st = ingest_quakes(db, 0, 0, 0, 1);
	CHECK(st.replayed == 3 && st.mismatched == 1);

	unlink_db(db);
	ingest_quakes(db, 300, 0, 2, 1);
	ingest_quakes(db, 300, 2, 3, 0); /* rolled back, and its move */
	stored(db, arts, rows);
	CHECK_STR(arts, "a0:0 a1:0 ");
	CHECK_STR(rows, "0:2 ");
	st = ingest_quakes(db, 300, 2, 3, 1);
	CHECK(st.replayed == 2 && st.mismatched == 0 && st.stored == 1);
	stored(db, arts, rows);
	CHECK_STR(arts, "a0:0 a1:1 a2:1 ");
	CHECK_STR(rows, "1:2 0:1 ");
	unlink_db(db);
}

int main(void)
{
	if (plx_analyzer_new(NULL, &an))
		return 1;
	RUN(sample_and_determinism); /* first: see there */
	RUN(join_and_open);
	RUN(same_kind_other_event);
	RUN(disagreement_tests);
	RUN(time_test_weekdays);
	RUN(doubtful_join);
	RUN(window_expiry);
	RUN(seeds_one_story);
	RUN(prior_idf);
	RUN(prior_table);
	RUN(store_skips_quiet_stories);
	RUN(bad_arguments);
	RUN(every_allocation_fails);
	RUN(revision_moves_to_new_story);
	RUN(revision_splits_pair);
	RUN(revision_ingest_writes_moves);
	RUN(revision_every_allocation_fails);
	plx_analyzer_free(an);
	DONE();
}
