/*
 * test_clean.c: stage 1 (paragraphs, labels, title, source, dateline) and
 * the outlet list.  Seeds come from PLX_SHARED_DATA; those cases skip
 * loudly when it is absent.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "analyzer.h"
#include "article.h"
#include "harness.h"
#include "outlet.h"
#include "parallax.h"

static plx_analyzer *an;

static plx_article *run_text(const char *text)
{
	plx_article *art = NULL;
	int rc = plx_analyze_text(an, text, strlen(text), NULL, &art);
	CHECK(rc == PLX_OK);
	return art;
}

static plx_article *run_rec(const plx_record *rec)
{
	plx_article *art = NULL;
	int rc = plx_analyze(an, rec, &art);
	CHECK(rc == PLX_OK);
	return art;
}

/* Kind of the paragraph starting with prefix, or -1. */
static int kind_of(const plx_article *art, const char *prefix)
{
	size_t n, k = strlen(prefix);
	const plx_paragraph *p = plx_article_paragraphs(art, &n);
	const char *t = plx_article_text(art, NULL);
	for (size_t i = 0; i < n; i++)
		if (p[i].end - p[i].start >= k &&
		    !memcmp(t + p[i].start, prefix, k))
			return (int)p[i].kind;
	return -1;
}

static size_t count_kind(const plx_article *art, plx_para_kind kind)
{
	size_t n, c = 0;
	const plx_paragraph *p = plx_article_paragraphs(art, &n);
	for (size_t i = 0; i < n; i++)
		c += p[i].kind == kind;
	return c;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char buf[1 << 16];
	*len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[*len] = 0;
	return buf;
}

#define WAPO PLX_SHARED_DATA "/seeds/000_b2e9686b3f254adb.txt"
#define NYT  PLX_SHARED_DATA "/seeds/002_fbc1206ab1d4c0e9.txt"

TEST(seed_wapo)
{
	size_t len;
	char *text = slurp(WAPO, &len);
	CHECK(text != NULL);
	if (!text)
		return;
	plx_article *art = NULL;
	CHECK(plx_analyze_text(an, text, len, WAPO, &art) == PLX_OK);
	if (!art)
		return;
	size_t n;
	const plx_paragraph *p = plx_article_paragraphs(art, &n);
	const char *t = plx_article_text(art, NULL);
	CHECK(n == 31);
	CHECK(p[0].kind == PLX_PARA_MASTHEAD);
	CHECK(p[0].start == 0);
	CHECK(p[0].end ==
	      strlen("The Washington PostDemocracy Dies in Darkness"));
	CHECK(p[1].kind == PLX_PARA_TITLE);
	CHECK(p[2].kind == PLX_PARA_CAPTION);
	CHECK(kind_of(art, "GENEVA \xe2\x80\x94 The United States") ==
	      PLX_PARA_BODY);
	CHECK(kind_of(art, "Biden administration stresses transatlantic") ==
	      PLX_PARA_RELATED);
	CHECK(kind_of(art, "Khurshudyan reported from Moscow") ==
	      PLX_PARA_CREDIT);
	CHECK(count_kind(art, PLX_PARA_BODY) == 26);
	CHECK(count_kind(art, PLX_PARA_OTHER) == 0);
	CHECK_STR(
		plx_article_title(art),
		"In crisis talks, U.S., Russian top diplomats trade demands on "
		"Ukraine");
	CHECK(art->title_para == 1);
	CHECK_STR(plx_article_source(art), "The Washington Post");
	CHECK_STR(plx_article_dateline(art), "GENEVA");
	CHECK(art->dateline_start == p[3].start);
	CHECK(art->dateline_end - art->dateline_start ==
	      strlen("GENEVA \xe2\x80\x94"));
	CHECK(!memcmp(t + art->dateline_start, "GENEVA \xe2\x80\x94", 9));
	/* No paragraph keeps white space at its ends. */
	for (size_t i = 0; i < n; i++)
		CHECK(t[p[i].start] != ' ' && t[p[i].end - 1] != ' ' &&
		      t[p[i].end - 1] != '\n');
	plx_article_free(art);
}

TEST(seed_nyt)
{
	size_t len;
	char *text = slurp(NYT, &len);
	CHECK(text != NULL);
	if (!text)
		return;
	plx_article *art = NULL;
	CHECK(plx_analyze_text(an, text, len, NYT, &art) == PLX_OK);
	if (!art)
		return;
	size_t n;
	plx_article_paragraphs(art, &n);
	CHECK(n == 4); /* single newlines split paragraphs */
	CHECK(count_kind(art, PLX_PARA_BODY) == 4);
	CHECK(plx_article_title(art) == NULL);
	CHECK(plx_article_dateline(art) == NULL);
	plx_article_free(art);
}

/* The two seeds read as one file: the WaPo credit line is glued to the
 * NYT lead ("report.Secretary") and must be cut there. */
TEST(seed_glued)
{
	size_t len;
	char *t1 = slurp(WAPO, &len);
	if (!t1)
		return;
	static char both[1 << 17];
	memcpy(both, t1, len);
	size_t len2;
	char *t2 = slurp(NYT, &len2);
	if (!t2)
		return;
	memcpy(both + len, t2, len2);
	plx_article *art = NULL;
	CHECK(plx_analyze_text(an, both, len + len2, NULL, &art) == PLX_OK);
	if (!art)
		return;
	size_t n;
	const plx_paragraph *p = plx_article_paragraphs(art, &n);
	const char *t = plx_article_text(art, NULL);
	CHECK(n == 35);
	CHECK(p[30].kind == PLX_PARA_CREDIT);
	CHECK(t[p[30].end - 1] == '.' &&
	      !memcmp(t + p[30].end - 7, "report.", 7));
	CHECK(p[31].start == p[30].end);
	CHECK(!memcmp(t + p[31].start, "Secretary of State", 18));
	CHECK(p[31].kind == PLX_PARA_BODY);
	/* "Barbarossa.The" in the commentary is not a credit: no cut. */
	CHECK(strstr(t + p[34].start, "Barbarossa.The") != NULL &&
	      strstr(t + p[34].start, "Barbarossa.The") < t + p[34].end);
	plx_article_free(art);
}

TEST(kinds_inline)
{
	plx_article *art = run_text(
		"Skip to main content\n\n"
		"Advertisement\n\n"
		"By Jane Doe and John Roe\n\n"
		"Floods force thousands from homes in Bavaria\n\n"
		"Rescue workers carry a resident through flood water in "
		"Passau on Monday. (Photo: Armin Weigel/dpa)\n\n"
		"PASSAU, Germany (AP) \xe2\x80\x94 Floods forced thousands of "
		"people "
		"from their homes in southern Germany on Monday, officials "
		"said, as rivers burst their banks after days of rain.\n\n"
		"The Danube rose above eight metres in the city, the highest "
		"level since 2013, the regional government said.\n\n"
		"Europe's summer of extreme weather leaves farmers counting "
		"losses\n\n"
		"More rain is expected on Tuesday, forecasters said.\n\n"
		"Read more: How climate change makes floods worse\n\n"
		"Sign up for our morning newsletter\n\n"
		"Associated Press writer Kirsten Grieshaber in Berlin "
		"contributed to this report.\n\n"
		"\xc2\xa9 2024 The Associated Press. All rights reserved.");
	if (!art)
		return;
	CHECK(kind_of(art, "Skip to main") == PLX_PARA_MASTHEAD);
	CHECK(kind_of(art, "Advertisement") == PLX_PARA_OTHER);
	CHECK(kind_of(art, "By Jane Doe") == PLX_PARA_OTHER);
	CHECK(kind_of(art, "Floods force") == PLX_PARA_TITLE);
	CHECK(kind_of(art, "Rescue workers") == PLX_PARA_CAPTION);
	CHECK(kind_of(art, "PASSAU") == PLX_PARA_BODY);
	CHECK(kind_of(art, "The Danube") == PLX_PARA_BODY);
	CHECK(kind_of(art, "Europe's summer") == PLX_PARA_RELATED);
	CHECK(kind_of(art, "More rain") == PLX_PARA_BODY);
	CHECK(kind_of(art, "Read more:") == PLX_PARA_RELATED);
	CHECK(kind_of(art, "Sign up") == PLX_PARA_OTHER);
	CHECK(kind_of(art, "Associated Press writer") == PLX_PARA_CREDIT);
	CHECK(kind_of(art, "\xc2\xa9 2024") == PLX_PARA_CREDIT);
	CHECK_STR(plx_article_title(art),
		  "Floods force thousands from homes in Bavaria");
	CHECK_STR(plx_article_source(art), "Associated Press");
	CHECK_STR(plx_article_dateline(art), "PASSAU");
	plx_article_free(art);
}

TEST(captions_and_credits)
{
	plx_article *art = run_text(
		"Protesters march in Santiago. Getty Images\n"
		"A man walks past a mural in Kyiv. (AP Photo/Efrem Lukatsky)\n"
		"The minister said the reform would pass this year, despite "
		"opposition in the senate and among unions.\n"
		"(Reporting by Anna Smith; Editing by Tom Brown)\n"
		"Contributing: Jane Roe.\n"
		"Copyright 2023 Example Media.");
	if (!art)
		return;
	CHECK(kind_of(art, "Protesters march") == PLX_PARA_CAPTION);
	CHECK(kind_of(art, "A man walks") == PLX_PARA_CAPTION);
	CHECK(kind_of(art, "The minister") == PLX_PARA_BODY);
	CHECK(kind_of(art, "(Reporting by") == PLX_PARA_CREDIT);
	CHECK(kind_of(art, "Copyright 2023") == PLX_PARA_CREDIT);
	plx_article_free(art);

	/* A wire credit in brackets after the last sentence is cut off. */
	art = run_text("The talks resume on Monday, the ministry said. "
		       "(Reporting by Anna Smith; Editing by Tom Brown)");
	if (!art)
		return;
	size_t n;
	plx_article_paragraphs(art, &n);
	CHECK(n == 2);
	CHECK(kind_of(art, "The talks") == PLX_PARA_BODY);
	CHECK(kind_of(art, "(Reporting by") == PLX_PARA_CREDIT);
	plx_article_free(art);

	/* Reuters-21578's sign-off. */
	art = run_text(
		"Shares rose 5 pct in early trading, dealers said. REUTER");
	if (!art)
		return;
	plx_article_paragraphs(art, &n);
	CHECK(n == 2);
	CHECK(kind_of(art, "REUTER") == PLX_PARA_CREDIT);
	CHECK_STR(plx_article_source(art), "Reuters");
	plx_article_free(art);

	/* "contributed to" in a body sentence is not a credit. */
	art = run_text("Convention cities brace for protests\n"
		       "Street riots in 1968 contributed to Humphrey's loss "
		       "that November, historians say.\nThe city was calm.");
	if (!art)
		return;
	CHECK(kind_of(art, "Convention cities") == PLX_PARA_TITLE);
	CHECK(kind_of(art, "Street riots") == PLX_PARA_BODY);
	plx_article_free(art);
}

TEST(mastheads_and_other)
{
	plx_article *art = run_text(
		"The Guardian\n"
		"World news | The Guardian\n"
		"Updated 5:32 PM ET, Fri January 21, 2022\n"
		"We use cookies to improve your experience. By continuing you "
		"accept our privacy policy.\n"
		"Officials met in Geneva on Friday to discuss the crisis, "
		"the ministry said.\n"
		"Follow Jane Doe on Twitter @janedoe.");
	if (!art)
		return;
	CHECK(kind_of(art, "The Guardian") == PLX_PARA_MASTHEAD);
	CHECK(kind_of(art, "World news") == PLX_PARA_MASTHEAD);
	CHECK(kind_of(art, "Updated 5:32") == PLX_PARA_OTHER);
	CHECK(kind_of(art, "We use cookies") == PLX_PARA_OTHER);
	CHECK(kind_of(art, "Officials met") == PLX_PARA_BODY);
	CHECK(kind_of(art, "Follow Jane") == PLX_PARA_OTHER);
	CHECK_STR(plx_article_source(art), "The Guardian");
	/* A lead with "said" is not a title. */
	CHECK(plx_article_title(art) == NULL);
	plx_article_free(art);

	/* Regressions (sample corpus): a section breadcrumb and a bare time
	 * stamp are other, not title or body. */
	art = run_text("The Guardian\nSport | Football\n"
		       "Rovers beaten in extra time\n"
		       "March 10, 2025 at 2:14 p.m.\n"
		       "GREYHOLM - Rovers lost the final on Wednesday night, "
		       "beaten 3-2 after extra time.");
	if (!art)
		return;
	CHECK(kind_of(art, "Sport | Football") == PLX_PARA_OTHER);
	CHECK(kind_of(art, "March 10") == PLX_PARA_OTHER);
	CHECK_STR(plx_article_title(art), "Rovers beaten in extra time");
	plx_article_free(art);

	/* An outlet name inside a word is no masthead. */
	art = run_text("Postal workers strike\nPostal workers walked out on "
		       "Monday across the country, the union said.");
	if (!art)
		return;
	CHECK(kind_of(art, "Postal workers strike") == PLX_PARA_TITLE);
	CHECK(plx_article_source(art) == NULL);
	plx_article_free(art);
}

TEST(wire_tags)
{
	static const struct {
		const char *text, *dateline, *source, *prefix;
	} cases[] = {
		{"WASHINGTON (AP) \xe2\x80\x94 The Senate voted on Tuesday.",
		 "WASHINGTON", "Associated Press",
		 "WASHINGTON (AP) \xe2\x80\x94"},
		{"LONDON, Jan 5 (Reuters) - Oil prices rose on Wednesday.",
		 "LONDON", "Reuters", "LONDON, Jan 5 (Reuters) -"},
		{"(Reuters) - Oil prices rose on Wednesday.", NULL, "Reuters",
		 "(Reuters) -"},
		{"PASADENA, Calif., Jan. 1 (UPI) \xe2\x80\x94 Skywriters flew "
		 "over the parade.",
		 "PASADENA", "United Press International",
		 "PASADENA, Calif., Jan. 1 (UPI) \xe2\x80\x94"},
		{"GENEVA \xe2\x80\x93 The talks ended.", "GENEVA", NULL,
		 "GENEVA \xe2\x80\x93"},
		{"NEW YORK -- Stocks fell.", "NEW YORK", NULL, "NEW YORK --"},
		{"PARIS (AFP) - Le gouvernement a annonc\xc3\xa9 un plan.",
		 "PARIS", "Agence France-Presse", "PARIS (AFP) -"},
		{"U.S. officials said on Friday that talks would go on.", NULL,
		 NULL, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		plx_article *art = run_text(cases[i].text);
		if (!art)
			continue;
		CHECK_STR(plx_article_dateline(art), cases[i].dateline);
		CHECK_STR(plx_article_source(art), cases[i].source);
		size_t k = cases[i].prefix ? strlen(cases[i].prefix) : 0;
		CHECK(art->dateline_end - art->dateline_start == k);
		plx_article_free(art);
	}
}

TEST(record_metadata)
{
	plx_record rec;
	memset(&rec, 0, sizeof rec);
	rec.text = "Lotus extends upgrade program\nLotus Development Corp "
		   "said it will extend its upgrade program indefinitely.";
	rec.text_len = strlen(rec.text);
	rec.title = "LOTUS EXTENDS UPGRADE PROGRAM";
	rec.url = "https://www.reuters.com/article/lotus-idUS123";
	plx_article *art = run_rec(&rec);
	if (!art)
		return;
	/* The record's title stays; the paragraph repeating it is the title. */
	CHECK_STR(plx_article_title(art), "LOTUS EXTENDS UPGRADE PROGRAM");
	CHECK(art->title_para == 0);
	CHECK(kind_of(art, "Lotus extends") == PLX_PARA_TITLE);
	CHECK_STR(plx_article_source(art), "Reuters"); /* from the URL */
	plx_article_free(art);

	rec.source = "Example Gazette";
	rec.url = "https://edition.cnn.com/2022/01/21/x.html";
	art = run_rec(&rec);
	if (!art)
		return;
	CHECK_STR(plx_article_source(art), "Example Gazette");
	plx_article_free(art);

	rec.source = NULL;
	art = run_rec(&rec);
	if (!art)
		return;
	CHECK_STR(plx_article_source(art), "CNN");
	plx_article_free(art);
}

TEST(limit)
{
	plx_limits lim;
	plx_limits_default(&lim);
	lim.max_paragraphs = 3;
	plx_analyzer *a2 = NULL;
	CHECK(plx_analyzer_new(&lim, &a2) == PLX_OK);
	if (!a2)
		return;
	const char *text = "One, he said.\nTwo, he said.\nThree, he said.\n\n"
			   "Four, he said.\nFive, he said.";
	plx_article *art = NULL;
	CHECK(plx_analyze_text(a2, text, strlen(text), NULL, &art) == PLX_OK);
	if (art) {
		size_t n;
		const plx_paragraph *p = plx_article_paragraphs(art, &n);
		CHECK(n == 3);
		if (n == 3) {
			CHECK(p[0].kind == PLX_PARA_BODY);
			CHECK(p[2].kind == PLX_PARA_OTHER);
			CHECK(p[2].start ==
			      (size_t)(strstr(text, "Three") - text));
			CHECK(p[2].end == strlen(text));
		}
		plx_article_free(art);
	}
	plx_analyzer_free(a2);
}

TEST(outlets_lookup)
{
	const plx_outlets *o = an->outlets;
	const plx_outlet *x;
	x = plx_outlets_by_name(o, "washington post", 15);
	CHECK(x && !strcmp(x->name, "The Washington Post"));
	x = plx_outlets_by_name(o, "The New York Times", 18);
	CHECK(x && !strcmp(x->name, "The New York Times"));
	x = plx_outlets_by_name(o, "NYT", 3);
	CHECK(x && !strcmp(x->name, "The New York Times"));
	x = plx_outlets_by_name(o, "ap", 2);
	CHECK(x && !strcmp(x->name, "Associated Press"));
	x = plx_outlets_by_name(o, "Example Gazette", 15);
	CHECK(x == NULL);
	x = plx_outlets_by_domain(o, "www.nytimes.com", 15);
	CHECK(x && !strcmp(x->name, "The New York Times"));
	x = plx_outlets_by_domain(o, "NEWS.BBC.CO.UK", 14);
	CHECK(x && !strcmp(x->name, "BBC"));
	x = plx_outlets_by_domain(o, "co.uk", 5);
	CHECK(x == NULL);
	x = plx_outlets_by_domain(o, "notnytimes.com", 14);
	CHECK(x == NULL);
	size_t m;
	const char *s = "The Washington PostDemocracy Dies in Darkness";
	x = plx_outlets_prefix(o, s, strlen(s), &m);
	CHECK(x && !strcmp(x->name, "The Washington Post"));
	CHECK(m == strlen("The Washington Post"));
	s = "APPLE shares rose";
	x = plx_outlets_prefix(o, s, strlen(s), &m);
	CHECK(x == NULL && m == 0);
	s = "Reuters";
	x = plx_outlets_prefix(o, s, strlen(s), &m);
	CHECK(x && m == 7);
}

static const char *write_tmp(const char *name, const char *content)
{
	static char path[256];
	snprintf(path, sizeof path, "/tmp/plx_test_clean_%ld_%s",
		 (long)getpid(), name);
	FILE *f = fopen(path, "wb");
	if (!f)
		return NULL;
	fputs(content, f);
	fclose(f);
	return path;
}

TEST(outlets_file)
{
	plx_analyzer *a2 = NULL;
	CHECK(plx_analyzer_new(NULL, &a2) == PLX_OK);
	if (!a2)
		return;
	const char *path = write_tmp(
		"good.tsv",
		"# local outlets\n"
		"\n"
		"Example Gazette\texample-gazette.com,gazette.example\t"
		"The Gazette\tEG\n"
		"Radio Nowhere\t-\n"
		"CNN\tcnn-override.example\tCable News\n");
	CHECK(path != NULL);
	if (!path)
		return;
	CHECK(plx_analyzer_load_outlets(a2, path) == PLX_OK);
	CHECK_STR(plx_analyzer_errmsg(a2), "");
	const plx_outlet *x;
	x = plx_outlets_by_name(a2->outlets, "gazette", 7);
	CHECK(x && !strcmp(x->name, "Example Gazette"));
	CHECK(x && x->n_aliases == 2 &&
	      !strcmp(x->domain, "example-gazette.com"));
	x = plx_outlets_by_domain(a2->outlets, "www.gazette.example", 19);
	CHECK(x && !strcmp(x->name, "Example Gazette"));
	x = plx_outlets_by_name(a2->outlets, "Radio Nowhere", 13);
	CHECK(x && x->domain == NULL);
	/* A later definition replaces the built-in one. */
	x = plx_outlets_by_name(a2->outlets, "cnn", 3);
	CHECK(x && !strcmp(x->domain, "cnn-override.example"));
	remove(path);

	/* Bad lines: named by path and line, skipped; good lines kept. */
	char want[512];
	path = write_tmp("bad.tsv", "Good One\tgood-one.example\n"
				    "# comment\n"
				    "No Tab Here goodtwo.example\n"
				    "\tempty-name.example\n"
				    "Good Two\tgood-two.example\n");
	if (!path)
		return;
	CHECK(plx_analyzer_load_outlets(a2, path) == PLX_EFORMAT);
	snprintf(want, sizeof want,
		 "%s:3: expected Name<TAB>domain[<TAB>alias...]: no tab", path);
	CHECK_STR(plx_analyzer_errmsg(a2), want);
	CHECK(plx_outlets_by_name(a2->outlets, "Good One", 8) != NULL);
	CHECK(plx_outlets_by_name(a2->outlets, "Good Two", 8) != NULL);
	remove(path);

	path = write_tmp("bad2.tsv", "Bad Domain\tnot a domain\n");
	if (!path)
		return;
	CHECK(plx_analyzer_load_outlets(a2, path) == PLX_EFORMAT);
	snprintf(want, sizeof want,
		 "%s:1: bad domain (want letters, digits, '-' and dots, like "
		 "example.com)",
		 path);
	CHECK_STR(plx_analyzer_errmsg(a2), want);
	CHECK(plx_outlets_by_name(a2->outlets, "Bad Domain", 10) == NULL);
	remove(path);

	path = write_tmp("bad3.tsv", "Name\t\xff\xfe.example\n");
	if (!path)
		return;
	CHECK(plx_analyzer_load_outlets(a2, path) == PLX_EFORMAT);
	snprintf(want, sizeof want, "%s:1: invalid UTF-8", path);
	CHECK_STR(plx_analyzer_errmsg(a2), want);
	remove(path);

	CHECK(plx_analyzer_load_outlets(a2, "/nonexistent/outlets.tsv") ==
	      PLX_EIO);
	CHECK(strncmp(plx_analyzer_errmsg(a2),
		      "/nonexistent/outlets.tsv: cannot open", 37) == 0);
	plx_analyzer_free(a2);
}

/* Allocator that fails from the n-th call on. */
static long fail_at = -1, calls;
static void *f_malloc(size_t n, void *ud)
{
	(void)ud;
	return fail_at >= 0 && calls++ >= fail_at ? NULL : malloc(n);
}
static void *f_realloc(void *p, size_t n, void *ud)
{
	(void)ud;
	return fail_at >= 0 && calls++ >= fail_at ? NULL : realloc(p, n);
}
static void f_free(void *p, void *ud)
{
	(void)ud;
	free(p);
}

/* Every failed allocation gives PLX_ENOMEM and frees what was built (the
 * sanitizer build checks for leaks); with enough, it succeeds. */
TEST(out_of_memory)
{
	plx_allocator al = {f_malloc, f_realloc, f_free, NULL};
	plx_set_allocator(&al);
	const char *text = "The Washington PostDemocracy Dies in Darkness\n\n"
			   "Talks end\n\nGENEVA \xe2\x80\x94 Talks ended, "
			   "officials said.\n\nX reported from Y.";
	int ok = 0;
	for (long k = 0; k < 10000 && !ok; k++) {
		fail_at = -1;
		plx_analyzer *a2 = NULL;
		if (plx_analyzer_new(NULL, &a2) != PLX_OK)
			break;
		calls = 0;
		fail_at = k;
		plx_article *art = NULL;
		int rc = plx_analyze_text(a2, text, strlen(text), NULL, &art);
		fail_at = -1;
		CHECK(rc == PLX_OK || rc == PLX_ENOMEM);
		CHECK((rc == PLX_OK) == (art != NULL));
		if (art) {
			ok = 1;
			CHECK_STR(plx_article_source(art),
				  "The Washington Post");
		}
		plx_article_free(art);
		plx_analyzer_free(a2);
	}
	CHECK(ok);
	plx_set_allocator(NULL);

	/* The outlet list itself. */
	ok = 0;
	for (long k = 0; k < 100000 && !ok; k++) {
		plx_set_allocator(&al);
		calls = 0;
		fail_at = k;
		plx_outlets *o = NULL;
		int rc = plx_outlets_new(&o);
		fail_at = -1;
		CHECK(rc == PLX_OK || rc == PLX_ENOMEM);
		ok = rc == PLX_OK;
		plx_outlets_free(o);
		k += k / 4; /* the list makes many allocations */
	}
	CHECK(ok);
	plx_set_allocator(NULL);
}

int main(void)
{
	if (plx_analyzer_new(NULL, &an) != PLX_OK) {
		fprintf(stderr, "cannot create analyzer\n");
		return 1;
	}
	RUN(kinds_inline);
	RUN(captions_and_credits);
	RUN(mastheads_and_other);
	RUN(wire_tags);
	RUN(record_metadata);
	RUN(limit);
	RUN(outlets_lookup);
	RUN(outlets_file);
	RUN(out_of_memory);
	if (access(WAPO, R_OK) == 0 && access(NYT, R_OK) == 0) {
		RUN(seed_wapo);
		RUN(seed_nyt);
		RUN(seed_glued);
	} else {
		fprintf(stderr, "SKIPPED: seed cases: %s absent\n",
			PLX_SHARED_DATA "/seeds");
		printf("SKIPPED: seed cases (shared data absent)\n");
	}
	plx_analyzer_free(an);
	DONE();
}
