/*
 * test_dedup.c: fingerprints, the multimap and the streaming deduplicator
 * (exact and near-duplicates, copy direction, passage reuse, determinism,
 * the window, the exact check of candidates).
 */
#include "dedup.h"
#include "harness.h"
#include "mem.h"
#include "minhash.h"
#include "parallax.h"

static plx_analyzer *an;

/* A wire story of six paragraphs (invented). */
static const char *const WIRE[] = {
	"The central bank raised its main interest rate by half a point on "
	"Tuesday, its third increase this year, saying inflation was still "
	"running well above its target of two percent.",
	"Governor Maria Lindqvist told reporters in Stockholm that the bank "
	"would keep tightening until price growth slowed, and that wages were "
	"rising faster than productivity in most sectors of the economy.",
	"The decision was expected by most economists polled last week, "
	"although a minority had forecast a smaller quarter point move given "
	"the weakness of the housing market and falling retail sales.",
	"The currency rose sharply against the euro after the announcement "
	"and government bond yields climbed to their highest level in more "
	"than a decade, traders in London and Frankfurt said.",
	"Opposition lawmakers criticised the move, arguing that households "
	"with variable rate mortgages would bear the brunt of the increase "
	"while energy bills remained high through the coming winter.",
	"The bank will publish its next monetary policy report in September, "
	"when it will also release new forecasts for growth, unemployment "
	"and inflation over the following three years.",
};
#define N_WIRE (sizeof WIRE / sizeof *WIRE)

static const char *const OTHER =
	"Heavy snow closed mountain passes across the Alps on Sunday, "
	"stranding hundreds of skiers in resort towns as avalanche warnings "
	"were raised to the highest level.\n\n"
	"Rescue teams in Switzerland and Austria said they had evacuated two "
	"villages overnight, and railway operators cancelled services between "
	"Zurich and Milan until further notice.\n\n"
	"Forecasters expect another half metre of snow before the storm moves "
	"east towards Slovenia on Wednesday evening.";

/* Joins the wire paragraphs, paragraph `trim` cut at its first comma (a
 * trimmed paragraph) and paragraph 0 replaced by `edit` when given. */
static char *wire_text(size_t trim, const char *edit)
{
	static char buf[8192];
	buf[0] = 0;
	for (size_t i = 0; i < N_WIRE; i++) {
		if (buf[0])
			strcat(buf, "\n\n");
		const char *p = i == 0 && edit ? edit : WIRE[i];
		if (i == trim) {
			size_t len = strlen(buf), cut = strcspn(p, ",");
			memcpy(buf + len, p, cut);
			memcpy(buf + len + cut, ".", 2);
		} else {
			strcat(buf, p);
		}
	}
	return buf;
}

static plx_article *analyse(const char *id, const char *source,
			    const char *date, const char *title,
			    const char *text)
{
	plx_record rec;
	memset(&rec, 0, sizeof rec);
	rec.path = "test";
	rec.id = id;
	rec.source = source;
	rec.date = date;
	rec.title = title;
	rec.text = text;
	rec.text_len = strlen(text);
	plx_article *art = NULL;
	if (plx_analyze(an, &rec, &art))
		return NULL;
	return art;
}

/* Adds one article; returns its result (borrowed until the next add). */
static const plx_dedup_result *add(plx_dedup *d, const char *id,
				   const char *source, const char *date,
				   const char *title, const char *text)
{
	plx_article *art = analyse(id, source, date, title, text);
	CHECK(art != NULL);
	if (!art)
		return NULL;
	const plx_dedup_result *res = NULL;
	int rc = plx_dedup_add(d, art, &res);
	CHECK(rc == PLX_OK);
	plx_article_free(art);
	return res;
}

TEST(multimap)
{
	plx_mmap m;
	plx_mmap_init(&m);
	for (uint32_t i = 0; i < 5000; i++)
		CHECK(plx_mmap_put(&m, i % 1000, i) == PLX_OK);
	uint32_t out[10];
	size_t n = plx_mmap_get(&m, 7, out, 10);
	CHECK(n == 5);
	CHECK(out[0] == 4007 && out[4] == 7); /* newest first */
	CHECK(plx_mmap_get(&m, 123456, out, 10) == 0);
	CHECK(plx_mmap_get(&m, 8, out, 2) == 2);
	plx_mmap_free(&m);
}

TEST(signature_estimates)
{
	/* Two sets sharing 800 of 1000 shingles: Jaccard 800/1200 = 0.667. */
	static uint64_t x[1000], y[1000];
	for (int i = 0; i < 1000; i++) {
		x[i] = (uint64_t)i * 0x9E3779B97F4A7C15ull + 1;
		y[i] = (uint64_t)(i + 200) * 0x9E3779B97F4A7C15ull + 1;
	}
	plx_minhash mh;
	CHECK(plx_minhash_init(&mh, PLX_MINHASH_K, 5) == PLX_OK);
	CHECK(plx_minhash_init(&mh, 0, 5) == PLX_EINVAL);
	plx_minhash_init(&mh, PLX_MINHASH_K, 5);
	uint32_t a[PLX_MINHASH_MAX_K], b[PLX_MINHASH_MAX_K];
	uint16_t a16[PLX_MINHASH_MAX_K], b16[PLX_MINHASH_MAX_K];
	plx_minhash_sign(&mh, x, 1000, a);
	plx_minhash_sign(&mh, y, 1000, b);
	for (int i = 0; i < PLX_MINHASH_K; i++) {
		a16[i] = (uint16_t)a[i];
		b16[i] = (uint16_t)b[i];
	}
	double j = plx_minhash_jaccard(a16, b16, PLX_MINHASH_K);
	CHECK(j > 0.55 && j < 0.78);
	CHECK(plx_minhash_jaccard(a16, a16, PLX_MINHASH_K) == 1.0);
	/* A set of one shingle fills every bin by densification. */
	plx_minhash_sign(&mh, x, 1, a);
	int same = 1;
	for (int i = 1; i < PLX_MINHASH_K; i++)
		same &= a[i] == a[0];
	CHECK(same);
}

TEST(exact_duplicate)
{
	plx_dedup *d = NULL;
	CHECK(plx_dedup_new(NULL, &d) == PLX_OK);
	const plx_dedup_result *r = add(d, "a", "Daily Planet", "2024-03-01",
					NULL, wire_text(99, NULL));
	CHECK(r && r->article == 0 && r->n_near == 0 && r->exact_of == -1);
	CHECK(r && r->copy_of == -1);
	/* Same text with other spacing: still exact. */
	char spaced[8192];
	size_t n = 0;
	for (const char *p = wire_text(99, NULL); *p; p++) {
		spaced[n++] = *p;
		if (*p == ' ')
			spaced[n++] = ' ';
	}
	spaced[n] = 0;
	r = add(d, "b", "Daily Bugle", "2024-03-02", NULL, spaced);
	CHECK(r && r->exact_of == 0 && r->n_near == 1);
	if (r && r->n_near) {
		CHECK(r->near[0].exact && r->near[0].score == 1.0);
		CHECK_STR(r->near[0].id, "a");
		CHECK(r->near[0].copies == 1);
	}
	CHECK(r && r->copy_of == 0);
	CHECK(plx_dedup_count(d) == 2);
	CHECK_STR(plx_dedup_id(d, 1), "b");
	plx_dedup_free(d);
}

TEST(light_edit)
{
	plx_dedup *d = NULL;
	CHECK(plx_dedup_new(NULL, &d) == PLX_OK);
	add(d, "wire", "Reuters", "2024-03-01T10:00:00Z", "Bank raises rates",
	    wire_text(99, NULL));
	add(d, "snow", "Alpine Post", "2024-03-01", NULL, OTHER);
	/* A new headline and a paragraph trimmed. */
	const plx_dedup_result *r =
		add(d, "copy", "Metro News", "2024-03-01T12:00:00Z",
		    "Rates up again as inflation bites", wire_text(5, NULL));
	CHECK(r && r->n_near == 1 && r->exact_of == -1);
	if (r && r->n_near) {
		CHECK_STR(r->near[0].id, "wire");
		CHECK(r->near[0].score >= 0.8 && r->near[0].score < 1.0);
		CHECK(!r->near[0].exact);
	}
	/* Unrelated: no match, no reuse. */
	r = add(d, "snow2", "Alpine Post", "2024-03-02", NULL,
		"Ski lifts reopened in Zermatt on Monday after engineers "
		"checked the cables, and tourists returned to the slopes.");
	CHECK(r && r->n_near == 0 && r->n_reused == 0);
	plx_dedup_free(d);
}

TEST(copy_direction)
{
	plx_dedup *d = NULL;
	CHECK(plx_dedup_new(NULL, &d) == PLX_OK);
	/* The outlet's copy arrives first and is even dated earlier, but the
	 * wire story is the original. */
	add(d, "outlet", "Metro News", "2024-03-01T09:00:00Z", NULL,
	    wire_text(99, NULL));
	const plx_dedup_result *r =
		add(d, "ap", "Associated Press", "2024-03-01T10:00:00Z", NULL,
		    wire_text(99, NULL));
	CHECK(r && r->n_near == 1 && r->copy_of == -1);
	if (r && r->n_near)
		CHECK(r->near[0].copies == 0); /* "outlet" copies "ap" */
	/* Two non-wire outlets: the earlier dated is the original even when
	 * added later. */
	r = add(d, "late", "Evening Star", "2024-02-28", NULL,
		wire_text(2, NULL));
	CHECK(r && r->n_near == 2);
	CHECK(r && r->copy_of == 1); /* the wire story */
	char *s = NULL;
	size_t len;
	CHECK(plx_dedup_report(d, 0, &s, &len) == PLX_OK);
	CHECK(s && strstr(s, "group 1: 3 articles"));
	CHECK(s && strstr(s, "  ap  original\n"));
	CHECK(s && strstr(s, "  outlet  copies ap  1.000 exact\n"));
	CHECK(s && strstr(s, "  late  copies ap  "));
	plx_free(s);
	CHECK(plx_dedup_report(d, 1, &s, &len) == PLX_OK);
	CHECK(s && strstr(s, "{\"id\":\"ap\",\"original\":true}"));
	plx_free(s);
	CHECK(plx_dedup_is_wire("Reuters"));
	CHECK(plx_dedup_is_wire("AP"));
	CHECK(plx_dedup_is_wire("Agence France-Presse"));
	CHECK(!plx_dedup_is_wire("Apple Daily"));
	CHECK(!plx_dedup_is_wire(NULL));
	plx_dedup_free(d);
}

TEST(passage_reuse)
{
	plx_dedup *d = NULL;
	CHECK(plx_dedup_new(NULL, &d) == PLX_OK);
	add(d, "news", "Times", "2024-03-01", NULL, wire_text(99, NULL));
	/* A commentary that opens with the news lead (one word changed) and
	 * its second paragraph verbatim, then the writer's own text. */
	char text[8192];
	snprintf(text, sizeof text, "%s\n\n%s\n\n%s\n\n%s",
		 "The central bank raised its main interest rate by half a "
		 "point on Tuesday, its third increase this year, saying "
		 "inflation was still running far above its target of two "
		 "percent.",
		 WIRE[1],
		 "I have argued for years that this bank reacts too late and "
		 "too hard, and nothing in this decision changes my mind about "
		 "the people who run it or the models they trust.",
		 "Savers may cheer for a month, but the rest of us will pay "
		 "for this misjudgement long after the governor has moved on "
		 "to a comfortable job in the private sector.");
	const plx_dedup_result *r =
		add(d, "comment", "Reader", "2024-03-02", NULL, text);
	CHECK(r && r->n_near == 0);
	CHECK(r && r->n_reused == 2);
	if (r && r->n_reused == 2) {
		CHECK(r->reused[0].paragraph == 0);
		CHECK_STR(r->reused[0].id, "news");
		CHECK(r->reused[0].source_paragraph == 0);
		CHECK(r->reused[0].score >= 0.7 && r->reused[0].score < 1.0);
		CHECK(r->reused[1].paragraph == 1);
		CHECK(r->reused[1].source_paragraph == 1);
		CHECK(r->reused[1].score == 1.0);
	}
	plx_dedup_free(d);
}

/* The JSON report of a fixed sequence of articles. */
static char *run_sequence(void)
{
	plx_dedup *d = NULL;
	if (plx_dedup_new(NULL, &d))
		return NULL;
	add(d, "1", "Metro", "2024-03-01", NULL, wire_text(99, NULL));
	add(d, "2", "AFP", "2024-03-01", NULL, wire_text(3, NULL));
	add(d, "3", "Alpine Post", NULL, NULL, OTHER);
	add(d, "4", "Globe", "2024-03-03", NULL, wire_text(1, NULL));
	add(d, "5", "Metro", "2024-03-01", NULL, wire_text(99, NULL));
	char *s = NULL;
	size_t len;
	plx_dedup_report(d, 1, &s, &len);
	plx_dedup_free(d);
	return s;
}

TEST(determinism)
{
	char *a = run_sequence(), *b = run_sequence();
	CHECK(a && b && strcmp(a, b) == 0);
	CHECK(a && strstr(a, "{\"id\":\"2\",\"original\":true}"));
	plx_free(a);
	plx_free(b);
}

/* Articles leave the window by article time: a copy dated 19 days after
 * its wire is not compared with it, one dated 3 days after is; the record
 * of an expired article stays (ids in the report). */
TEST(window_days)
{
	plx_dedup *d = NULL;
	CHECK(plx_dedup_new(NULL, &d) == PLX_OK);
	add(d, "wire", "Reuters", "2024-03-01T10:00:00Z", NULL,
	    wire_text(99, NULL));
	const plx_dedup_result *r = add(d, "near", "Metro News", "2024-03-04",
					NULL, wire_text(5, NULL));
	CHECK(r && r->n_near == 1 && r->copy_of == 0);
	r = add(d, "late", "Metro News", "2024-03-20", NULL,
		wire_text(4, NULL));
	CHECK(r && r->n_near == 0 && r->n_reused == 0);
	/* Both earlier ones are out: an exact repost is new again. */
	r = add(d, "repost", "Metro News", "2024-03-21", NULL,
		wire_text(99, NULL));
	CHECK(r && r->exact_of == -1 && r->n_near == 1);
	if (r && r->n_near)
		CHECK_STR(r->near[0].id, "late");
	CHECK(plx_dedup_count(d) == 4);
	CHECK_STR(plx_dedup_id(d, 0), "wire");
	/* The report keeps the early link. */
	char *s = NULL;
	CHECK(plx_dedup_report(d, 1, &s, NULL) == PLX_OK);
	CHECK(s && strstr(s, "{\"id\":\"near\",\"copies\":\"wire\""));
	plx_free(s);
	plx_dedup_free(d);

	/* Without a window the late copy is found. */
	plx_dedup_params p;
	plx_dedup_params_default(&p);
	p.window_days = 0;
	CHECK(plx_dedup_new(&p, &d) == PLX_OK);
	add(d, "wire", "Reuters", "2024-03-01T10:00:00Z", NULL,
	    wire_text(99, NULL));
	r = add(d, "late", "Metro News", "2024-03-20", NULL,
		wire_text(4, NULL));
	CHECK(r && r->n_near == 1 && r->copy_of == 0);
	plx_dedup_free(d);
}

/* Undated articles: the window counts articles. */
TEST(window_articles)
{
	for (int limited = 0; limited < 2; limited++) {
		plx_dedup_params p;
		plx_dedup_params_default(&p);
		p.window_articles = limited ? 2 : 0;
		plx_dedup *d = NULL;
		CHECK(plx_dedup_new(&p, &d) == PLX_OK);
		add(d, "wire", "Reuters", NULL, NULL, wire_text(99, NULL));
		add(d, "snow", "Alpine Post", NULL, NULL, OTHER);
		add(d, "snow2", "Alpine Post", NULL, NULL,
		    "Ski lifts reopened in Zermatt on Monday after engineers "
		    "checked the cables, and tourists returned to the "
		    "slopes.");
		add(d, "snow3", "Alpine Post", NULL, NULL,
		    "Avalanche warnings were lowered across Tyrol on Tuesday "
		    "as temperatures fell and the snowpack settled.");
		const plx_dedup_result *r = add(d, "copy", "Metro News", NULL,
						NULL, wire_text(5, NULL));
		CHECK(r && r->n_near == (limited ? 0u : 1u));
		CHECK(r && r->n_reused == 0);
		CHECK(plx_dedup_count(d) == 5);
		plx_dedup_free(d);
	}
}

/* Distinct shingle hashes of an article, sorted; returns how many. */
static size_t shingles_of(const char *text, uint64_t *out, size_t max)
{
	plx_article *art = analyse("x", NULL, NULL, NULL, text);
	CHECK(art != NULL);
	if (!art)
		return 0;
	plx_fingerprint fp;
	plx_fingerprint_init(&fp);
	CHECK(plx_fingerprint_compute(&fp, art) == PLX_OK);
	size_t n = 0;
	for (size_t i = 0; i < fp.n_shingles; i++) {
		size_t j = 0;
		while (j < n && out[j] != fp.shingles[i])
			j++;
		if (j == n && n < max)
			out[n++] = fp.shingles[i];
	}
	plx_fingerprint_free(&fp);
	plx_article_free(art);
	return n;
}

/* Scores are the exact Jaccard of the shingle sets (not the estimate from
 * the signatures), and the threshold cuts on it: a pair is found at a
 * threshold just under its similarity and not just over it. */
TEST(exact_check)
{
	static uint64_t a[1024], b[1024];
	const char *w = wire_text(99, NULL);
	char *ta = plx_strndup(w, strlen(w));
	w = wire_text(2, NULL);
	char *tb = plx_strndup(w, strlen(w));
	CHECK(ta && tb);
	if (!ta || !tb)
		return;
	size_t na = shingles_of(ta, a, 1024), nb = shingles_of(tb, b, 1024);
	size_t both = 0;
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			both += a[i] == b[j];
	double jac = (double)both / (double)(na + nb - both);
	CHECK(na > 100 && jac > 0.7 && jac < 0.95);
	const double delta[] = {-0.001, 0.001};
	for (int k = 0; k < 2; k++) {
		plx_dedup_params p;
		plx_dedup_params_default(&p);
		p.threshold = jac + delta[k];
		plx_dedup *d = NULL;
		CHECK(plx_dedup_new(&p, &d) == PLX_OK);
		add(d, "wire", "Reuters", "2024-03-01", NULL, ta);
		const plx_dedup_result *r =
			add(d, "copy", "Metro", "2024-03-01", NULL, tb);
		CHECK(r && r->n_near == (k ? 0u : 1u));
		if (r && r->n_near)
			CHECK(r->near[0].score > jac - 1e-9 &&
			      r->near[0].score < jac + 1e-9);
		plx_dedup_free(d);
	}
	plx_free(ta);
	plx_free(tb);
}

TEST(bad_params)
{
	plx_dedup *d = (plx_dedup *)1;
	plx_dedup_params p;
	plx_dedup_params_default(&p);
	p.threshold = 1.5;
	CHECK(plx_dedup_new(&p, &d) == PLX_EINVAL && d == NULL);
	plx_dedup_params_default(&p);
	p.window_days = -1;
	d = (plx_dedup *)1;
	CHECK(plx_dedup_new(&p, &d) == PLX_EINVAL && d == NULL);
	const plx_dedup_result *r = (const plx_dedup_result *)1;
	CHECK(plx_dedup_add(NULL, NULL, &r) == PLX_EINVAL && r == NULL);
	plx_dedup_free(NULL);
}

int main(void)
{
	if (plx_analyzer_new(NULL, &an))
		SKIP("analyzer could not be created");
	RUN(multimap);
	RUN(signature_estimates);
	RUN(exact_duplicate);
	RUN(light_edit);
	RUN(copy_direction);
	RUN(passage_reuse);
	RUN(determinism);
	RUN(window_days);
	RUN(window_articles);
	RUN(exact_check);
	RUN(bad_params);
	plx_analyzer_free(an);
	DONE();
}
