/*
 * test_coverage.c: story reports.  Invented articles check each part of
 * the report (facts aligned across wordings, discrepancies, quotes by
 * speaker, partial quotes, entities merged across spellings, opinion,
 * copies) and that hostile text renders inert in every format; the seeds
 * (skipped when ../shared/data is absent) check what issue 4 asks of them;
 * a failing allocator runs build and render out of memory at every
 * allocation.
 */
#include <jansson.h>

#include "harness.h"
#include "parallax.h"
#include "testutil.h"

static plx_analyzer *an;

static plx_article *art_of(const char *id, const char *source, const char *date,
			   const char *text)
{
	plx_record r;
	memset(&r, 0, sizeof r);
	r.id = id;
	r.source = source;
	r.date = date;
	r.path = "test";
	r.text = text;
	r.text_len = strlen(text);
	plx_article *a = NULL;
	CHECK(plx_analyze(an, &r, &a) == PLX_OK);
	return a;
}

static json_t *render_json(const plx_coverage *c)
{
	char *s = NULL;
	size_t len;
	CHECK(plx_coverage_render(c, PLX_FMT_JSON, NULL, &s, &len) == PLX_OK);
	json_error_t err;
	json_t *j = s ? json_loadb(s, len, 0, &err) : NULL;
	if (!j && s)
		fprintf(stderr, "  bad JSON: %s\n", err.text);
	CHECK(j != NULL);
	plx_free(s);
	return j;
}

static char *render(const plx_coverage *c, plx_format f,
		    const plx_render_opts *o)
{
	char *s = NULL;
	size_t len = 0;
	CHECK(plx_coverage_render(c, f, o, &s, &len) == PLX_OK);
	CHECK(s && strlen(s) == len);
	return s;
}

/* The fact whose variants include a sentence containing needle, or NULL. */
static json_t *fact_with(json_t *report, const char *needle)
{
	size_t i, k;
	json_t *f, *v;
	json_array_foreach(json_object_get(report, "facts"), i, f)
		json_array_foreach(json_object_get(f, "variants"), k, v)
	{
		const char *s =
			json_string_value(json_object_get(v, "sentence"));
		if (s && strstr(s, needle))
			return f;
	}
	return NULL;
}

/* Does fact f have a variant from article id containing needle? */
static int variant_has(json_t *f, const char *id, const char *needle)
{
	size_t k;
	json_t *v;
	json_array_foreach(json_object_get(f, "variants"), k, v)
	{
		const char *a =
			json_string_value(json_object_get(v, "article"));
		const char *s =
			json_string_value(json_object_get(v, "sentence"));
		if (a && s && strcmp(a, id) == 0 && strstr(s, needle))
			return 1;
	}
	return 0;
}

static const char A1[] =
	"Flood defences fail in Tessby\n\n"
	"TESSBY \xE2\x80\x94 The Varn river burst its banks in Tessby on "
	"Monday, "
	"forcing 1,200 residents from their homes, officials said.\n\n"
	"Mayor Ilse Brandt said the town would rebuild the flood wall along "
	"the northern quay before the winter.\n\n"
	"\xE2\x80\x9CWe will rebuild every house that was lost,\xE2\x80\x9D "
	"Brandt told reporters. \xE2\x80\x9CNobody will be left behind.\xE2\x80"
	"\x9D\n\n"
	"The regional water board blamed a pump failure at the Kessel station.";

static const char A2[] =
	"Hundreds flee as Varn floods Tessby\n\n"
	"About 1,500 residents of Tessby were forced out of their homes on "
	"Monday when the Varn river burst its banks, officials said.\n\n"
	"Mayor Ilse M. Brandt promised that the flood wall along the northern "
	"quay would be rebuilt before the winter.\n\n"
	"Brandt said the town would not \xE2\x80\x9Cleave anyone "
	"behind\xE2\x80\x9D and added: \xE2\x80\x9CWe will rebuild every house "
	"that was lost.\xE2\x80\x9D\n\n"
	"I think the council has been shamefully negligent for years, and I "
	"am sure every reader who lives by the river feels the same anger I "
	"do about it.";

static plx_coverage *two_articles(void)
{
	plx_coverage *c = NULL;
	CHECK(plx_coverage_new(NULL, &c) == PLX_OK);
	CHECK(plx_coverage_add(c, art_of("a1", "Varn Gazette",
					 "2025-03-10T08:00:00Z", A1)) ==
	      PLX_OK);
	CHECK(plx_coverage_add(c, art_of("a2", "Tessby Post",
					 "2025-03-10T09:00:00Z", A2)) ==
	      PLX_OK);
	CHECK(plx_coverage_build(c) == PLX_OK);
	return c;
}

TEST(facts_discrepancies_quotes)
{
	plx_coverage *c = two_articles();
	json_t *j = render_json(c);
	CHECK_STR(json_string_value(json_object_get(j, "headline")),
		  "Flood defences fail in Tessby");
	CHECK(json_is_null(json_object_get(j, "id")));
	CHECK(json_array_size(json_object_get(j, "sources")) == 2);
	CHECK(json_array_size(json_object_get(j, "articles")) == 2);

	/* the same fact in two wordings */
	json_t *f = fact_with(j, "burst its banks in Tessby");
	CHECK(f != NULL);
	if (f) {
		CHECK(json_array_size(json_object_get(f, "sources")) == 2);
		CHECK(variant_has(f, "a2", "burst its banks"));
		CHECK_STR(json_string_value(json_object_get(f, "carried_by")),
			  "all");
	}
	f = fact_with(j, "flood wall along the northern quay");
	CHECK(f && json_array_size(json_object_get(f, "sources")) == 2);

	/* 1,200 against 1,500 residents */
	json_t *ds = json_object_get(j, "discrepancies");
	int found = 0;
	size_t i, k;
	json_t *d, *v;
	json_array_foreach(ds, i, d)
	{
		int a = 0, b = 0;
		json_array_foreach(json_object_get(d, "versions"), k, v)
		{
			const char *val =
				json_string_value(json_object_get(v, "value"));
			a |= val && strstr(val, "1,200") != NULL;
			b |= val && strstr(val, "1,500") != NULL;
		}
		found |= a && b;
	}
	CHECK(found);

	/* one quote carried by both, under one speaker; the partial quote
	 * linked to the full one holding it */
	json_t *qs = json_object_get(j, "quotes");
	long full = -1;
	json_array_foreach(qs, i, d)
	{
		const char *t = json_string_value(json_object_get(d, "text"));
		if (t && strstr(t, "We will rebuild every house")) {
			CHECK(full < 0); /* one quote, not two */
			full = (long)i;
			CHECK_STR(json_string_value(
					  json_object_get(d, "speaker")),
				  "Ilse Brandt");
			CHECK(json_array_size(json_object_get(d, "sources")) ==
			      2);
		}
	}
	CHECK(full >= 0);

	/* one person across "Ilse Brandt", "Ilse M. Brandt", "Brandt" */
	int persons = 0;
	json_array_foreach(json_object_get(j, "entities"), i, d)
	{
		const char *n = json_string_value(json_object_get(d, "name"));
		if (n && strstr(n, "Brandt")) {
			persons++;
			CHECK(json_array_size(json_object_get(d, "sources")) ==
			      2);
		}
	}
	CHECK(persons == 1);

	/* the reader's anger is opinion */
	json_t *ops = json_object_get(j, "opinion");
	CHECK(json_array_size(ops) >= 1);
	if (json_array_size(ops) >= 1)
		CHECK_STR(json_string_value(json_object_get(
				  json_array_get(ops, 0), "article")),
			  "a2");
	json_decref(j);

	/* every format renders; a second build is refused */
	plx_render_opts o = {1, 0, "/ui"};
	char *s;
	for (int fmt = PLX_FMT_TEXT; fmt <= PLX_FMT_HTML; fmt++) {
		s = render(c, (plx_format)fmt, &o);
		CHECK(s && strstr(s, "Tessby"));
		plx_free(s);
	}
	CHECK(plx_coverage_build(c) == PLX_EINVAL);
	plx_coverage_free(c);
}

TEST(api_misuse)
{
	plx_coverage *c = NULL;
	char *s = (char *)1;
	size_t len;
	plx_coverage_params p;
	plx_coverage_params_default(&p);
	p.fact_threshold = 0;
	CHECK(plx_coverage_new(&p, &c) == PLX_EINVAL && c == NULL);
	CHECK(plx_coverage_new(NULL, &c) == PLX_OK);
	CHECK(plx_coverage_render(c, PLX_FMT_TEXT, NULL, &s, &len) ==
	      PLX_EINVAL);
	CHECK(s == NULL);
	CHECK(plx_coverage_add(c, NULL) == PLX_EINVAL);
	/* an empty story builds and renders */
	CHECK(plx_coverage_set_story(c, 7, "Empty") == PLX_OK);
	CHECK(plx_coverage_build(c) == PLX_OK);
	json_t *j = render_json(c);
	CHECK(json_integer_value(json_object_get(j, "id")) == 7);
	json_decref(j);
	/* adds after the build are refused (and the article freed) */
	CHECK(plx_coverage_add(c, art_of("x", NULL, NULL, A1)) == PLX_EINVAL);
	plx_coverage_free(c);
	plx_coverage_free(NULL);
}

static const char HOSTILE[] =
	"<script>alert(1)</script> Evil headline\n\n"
	"The <img src=x onerror=alert(2)> bridge <a href=\"javascript:alert(3)"
	"\">fell</a> into the river at 6:40 a.m. on Monday, officials said "
	"\x1b[31m in red \x1b[0m with **bold** and [link](javascript:x).\n\n"
	"\xE2\x80\x9C<b onmouseover=alert(4)>We are safe</b>,\xE2\x80\x9D said "
	"Mayor Tobias Renfield.";

static const char HOSTILE2[] =
	"The bridge fell into the river at 6:45 a.m. on Monday, "
	"<script>officials</script> said.";

TEST(hostile_text_is_inert)
{
	plx_coverage *c = NULL;
	CHECK(plx_coverage_new(NULL, &c) == PLX_OK);
	CHECK(plx_coverage_add(c, art_of("<x id=\"1\">", "<i>Evil</i> News",
					 NULL, HOSTILE)) == PLX_OK);
	CHECK(plx_coverage_add(c, art_of("h2", "Other", NULL, HOSTILE2)) ==
	      PLX_OK);
	CHECK(plx_coverage_build(c) == PLX_OK);
	plx_render_opts o = {0, 0, "http://host/ui"};
	char *h = render(c, PLX_FMT_HTML, &o);
	if (h) {
		CHECK(strstr(h, "<script") == NULL);
		CHECK(strstr(h, "<img") == NULL);
		CHECK(strstr(h, "<b ") == NULL);
		CHECK(strstr(h, "<a href=\"javascript") == NULL);
		CHECK(strstr(h, "<i>") == NULL);
		CHECK(strstr(h, "&lt;script&gt;") != NULL);
		/* the id is percent-encoded in links */
		CHECK(strstr(h, "/articles/%3Cx%20id%3D%221%22%3E") != NULL);
		CHECK(strstr(h, "\x1b") == NULL); /* control bytes dropped */
	}
	plx_free(h);
	o.fragment = 1;
	h = render(c, PLX_FMT_HTML, &o);
	CHECK(h && strstr(h, "<html") == NULL && strstr(h, "<script") == NULL);
	CHECK(h && strstr(h, "<style") == NULL); /* the host page styles it */
	plx_free(h);
	char *m = render(c, PLX_FMT_MARKDOWN, NULL);
	CHECK(m && strstr(m, "<script") == NULL && strstr(m, "<img") == NULL);
	/* the brackets are escaped: no link */
	CHECK(m && strstr(m, "[link](") == NULL);
	CHECK(m && strstr(m, "\\[link\\](javascript") != NULL);
	plx_free(m);
	char *t = render(c, PLX_FMT_TEXT, NULL);
	CHECK(t && strchr(t, '\x1b') == NULL); /* no terminal escapes */
	plx_free(t);
	json_t *j = render_json(c); /* valid JSON */
	json_decref(j);
	plx_coverage_free(c);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 17);
	*len = fread(buf, 1, (1 << 17) - 1, f);
	fclose(f);
	buf[*len] = 0;
	return buf;
}

static const char *const SEEDS[] = {
	PLX_SHARED_DATA "/seeds/000_b2e9686b3f254adb.txt",
	PLX_SHARED_DATA "/seeds/002_fbc1206ab1d4c0e9.txt"};

static plx_coverage *seeds(void)
{
	plx_coverage *c = NULL;
	if (plx_coverage_new(NULL, &c))
		return NULL;
	for (int i = 0; i < 2; i++) {
		size_t len;
		char *t = slurp(SEEDS[i], &len);
		plx_article *a = NULL;
		int rc = t ? plx_analyze_text(an, t, len, SEEDS[i], &a)
			   : PLX_EIO;
		free(t);
		if (rc || plx_coverage_add(c, a)) {
			plx_coverage_free(c);
			return NULL;
		}
	}
	return c;
}

static int has_quote(json_t *j, const char *speaker, const char *needle)
{
	size_t i;
	json_t *q;
	json_array_foreach(json_object_get(j, "quotes"), i, q)
	{
		const char *s =
			json_string_value(json_object_get(q, "speaker"));
		const char *t = json_string_value(json_object_get(q, "text"));
		if (s && t && strcmp(s, speaker) == 0 && strstr(t, needle))
			return 1;
	}
	return 0;
}

TEST(seeds_must_show)
{
	plx_coverage *c = seeds();
	CHECK(c != NULL);
	if (!c)
		return;
	CHECK(plx_coverage_build(c) == PLX_OK);
	json_t *j = render_json(c);
	const char *wp = SEEDS[0], *nyt = SEEDS[1];
	/* one story, two sources */
	CHECK(json_array_size(json_object_get(j, "sources")) == 2);
	/* shared facts with both wordings: the meeting in Geneva, the
	 * written response next week, the talks to follow */
	json_t *f = fact_with(j, "hastily scheduled meeting in Geneva");
	CHECK(f != NULL);
	if (f) {
		CHECK(json_array_size(json_object_get(f, "sources")) == 2);
		CHECK(variant_has(f, wp, "discussion in Geneva"));
		CHECK(variant_has(f, nyt, "meeting in Geneva"));
	}
	f = fact_with(j, "written responses next week");
	CHECK(f != NULL);
	if (f) {
		CHECK(variant_has(f, wp,
				  "written response, expected next week"));
		CHECK(variant_has(f, nyt, "written responses next week"));
	}
	f = fact_with(j, "planned to speak again");
	CHECK(f != NULL);
	if (f) {
		CHECK(json_array_size(json_object_get(f, "sources")) == 2);
		CHECK(variant_has(f, wp, "hold further talks"));
		CHECK(variant_has(f, nyt, "speak again"));
	}
	/* Lavrov is one person across both */
	size_t i;
	json_t *e;
	int lavrovs = 0;
	json_array_foreach(json_object_get(j, "entities"), i, e)
	{
		const char *n = json_string_value(json_object_get(e, "name"));
		if (n && strstr(n, "Lavrov")) {
			lavrovs++;
			CHECK_STR(json_string_value(json_object_get(e, "type")),
				  "person");
			CHECK(json_array_size(json_object_get(e, "sources")) ==
			      2);
		}
	}
	CHECK(lavrovs == 1);
	/* Blinken's and Lavrov's quotes under their names */
	CHECK(has_quote(j, "Antony Blinken", "swift, severe and united"));
	CHECK(has_quote(j, "Antony Blinken", "bigger than Russia and NATO"));
	int lv = has_quote(j, "Sergei Lavrov", "right track") ||
		 has_quote(j, "Sergey Lavrov", "right track");
	CHECK(lv);
	/* the reader commentary is opinion */
	int op = 0;
	json_array_foreach(json_object_get(j, "opinion"), i, e)
	{
		const char *a =
			json_string_value(json_object_get(e, "article"));
		const char *p =
			json_string_value(json_object_get(e, "paragraph"));
		if (a && p && strcmp(a, nyt) == 0 &&
		    strstr(p, "too upsetting to me"))
			op = 1;
	}
	CHECK(op);
	json_decref(j);
	plx_coverage_free(c);
}

/* Build and render with the n-th allocation failing, for every n. */
TEST(out_of_memory)
{
	plx_allocator a = {t_malloc, t_realloc, t_free, NULL};
	int ok = 0;
	long n;
	for (n = 0; n < 100000 && !ok; n++) {
		alloc_armed = 0;
		plx_set_allocator(&a);
		plx_coverage *c = seeds();
		if (!c) {
			static const char *const t[] = {A1, A2};
			plx_coverage_new(NULL, &c);
			for (int i = 0; i < 2; i++)
				plx_coverage_add(c,
						 art_of("x", "S", NULL, t[i]));
		}
		countdown = n;
		alloc_armed = 1;
		int rc = plx_coverage_build(c);
		for (int fmt = PLX_FMT_TEXT;
		     rc == PLX_OK && fmt <= PLX_FMT_HTML; fmt++) {
			char *s = NULL;
			size_t len;
			rc = plx_coverage_render(c, (plx_format)fmt, NULL, &s,
						 &len);
			CHECK(rc == PLX_OK || (rc == PLX_ENOMEM && !s));
			plx_free(s);
		}
		CHECK(rc == PLX_OK || rc == PLX_ENOMEM);
		ok = rc == PLX_OK;
		alloc_armed = 0;
		plx_coverage_free(c);
		countdown = -1;
	}
	alloc_armed = 1;
	plx_set_allocator(NULL);
	CHECK(ok);
	fprintf(stderr, "  %ld failure points\n", n);
}

/* ---- The sample corpus: each invented event a story (sample/ANSWERS.md) */

typedef struct story_set {
	plx_coverage *cov[32];
	size_t n;
} story_set;

/* Clusters the sample corpus into stories and builds a report for each. */
static int sample_stories(story_set *ss)
{
	plx_analyzer *a = NULL;
	plx_reader *r = NULL;
	plx_stories *st = NULL;
	memset(ss, 0, sizeof *ss);
	if (plx_analyzer_new(NULL, &a) ||
	    plx_analyzer_load_outlets(a,
				      PLX_SOURCE_DIR "/sample/outlets.tsv") ||
	    plx_reader_new(NULL, &r) || plx_stories_new(NULL, &st) ||
	    plx_reader_add(r, PLX_SOURCE_DIR "/sample/articles.jsonl") ||
	    plx_reader_add(r, PLX_SOURCE_DIR "/sample/text"))
		return -1;
	const plx_record *rec;
	int rc;
	while ((rc = plx_reader_next(r, &rec)) != 0) {
		plx_article *art = NULL;
		if (rc < 0 || plx_analyze(a, rec, &art))
			continue;
		size_t story;
		if (plx_stories_add(st, art, &story, NULL) || story >= 32) {
			plx_article_free(art);
			continue;
		}
		while (ss->n <= story)
			plx_coverage_new(NULL, &ss->cov[ss->n++]);
		plx_coverage_add(ss->cov[story], art);
	}
	for (size_t i = 0; i < ss->n; i++)
		plx_coverage_build(ss->cov[i]);
	plx_stories_free(st);
	plx_reader_free(r);
	plx_analyzer_free(a);
	return 0;
}

/* The report (as JSON) of the story holding article id. */
static json_t *story_of(story_set *ss, const char *id)
{
	for (size_t i = 0; i < ss->n; i++) {
		json_t *j = render_json(ss->cov[i]);
		size_t k;
		json_t *a;
		json_array_foreach(json_object_get(j, "articles"), k, a)
		{
			const char *x =
				json_string_value(json_object_get(a, "id"));
			if (x && strcmp(x, id) == 0)
				return j;
		}
		json_decref(j);
	}
	return NULL;
}

/* Is there a discrepancy with a version containing x and one containing
 * y? */
static int has_disc(json_t *j, const char *x, const char *y)
{
	size_t i, k;
	json_t *d, *v;
	json_array_foreach(json_object_get(j, "discrepancies"), i, d)
	{
		int a = 0, b = 0;
		json_array_foreach(json_object_get(d, "versions"), k, v)
		{
			const char *s =
				json_string_value(json_object_get(v, "value"));
			a |= s && strstr(s, x) != NULL;
			b |= s && strstr(s, y) != NULL;
		}
		if (a && b)
			return 1;
	}
	return 0;
}

static const char *copy_of(json_t *j, const char *id)
{
	size_t k;
	json_t *a;
	json_array_foreach(json_object_get(j, "articles"), k, a)
	{
		const char *x = json_string_value(json_object_get(a, "id"));
		if (x && strcmp(x, id) == 0)
			return json_string_value(json_object_get(a, "copy_of"));
	}
	return NULL;
}

static size_t shared_facts(json_t *j)
{
	size_t i, n = 0;
	json_t *f;
	json_array_foreach(json_object_get(j, "facts"), i, f) n +=
		json_array_size(json_object_get(f, "sources")) >= 2;
	return n;
}

TEST(sample_corpus)
{
	story_set ss;
	CHECK(sample_stories(&ss) == 0);
	/* A: the bridge */
	json_t *j = story_of(&ss, "s03");
	CHECK(j != NULL);
	if (j) {
		CHECK(json_array_size(json_object_get(j, "articles")) == 5);
		CHECK(shared_facts(j) >= 5);
		CHECK(fact_with(j, "Free ferry crossings") != NULL);
		CHECK(has_disc(j, "6:42", "6:45"));
		CHECK(has_disc(j, "1962", "1964"));
		CHECK(has_disc(j, "two cars", "three cars"));
		json_decref(j);
	}
	/* B: trade talks; s08 and s10 republish the wire's s06 */
	j = story_of(&ss, "s06");
	CHECK(j != NULL);
	if (j) {
		CHECK_STR(copy_of(j, "s08"), "s06");
		CHECK_STR(copy_of(j, "s10"), "s06");
		CHECK(copy_of(j, "s07") == NULL);
		CHECK(has_disc(j, "2.1 billion", "2.4 billion"));
		CHECK(has_disc(j, "6%", "5%"));
		CHECK(has_disc(j, "two days", "three days"));
		CHECK(has_disc(j, "Sergei Kalinov", "Sergey Kalinov"));
		CHECK(shared_facts(j) >= 5);
		/* Kalinov: Sergei and Sergey are one person */
		size_t i, n = 0;
		json_t *e;
		json_array_foreach(json_object_get(j, "entities"), i, e)
		{
			const char *nm =
				json_string_value(json_object_get(e, "name"));
			n += nm && strstr(nm, "Kalinov") != NULL;
		}
		CHECK(n == 1);
		json_decref(j);
	}
	/* C: the rate decision */
	j = story_of(&ss, "s11");
	CHECK(j != NULL);
	if (j) {
		CHECK(has_disc(j, "2.4%", "2.6 percent"));
		CHECK(has_disc(j, "Liv S\xC3\xB8rvik", "Liv Sorvik"));
		CHECK(json_array_size(json_object_get(j, "opinion")) >= 1);
		json_decref(j);
	}
	/* D: the cup final */
	j = story_of(&ss, "s14");
	CHECK(j != NULL);
	if (j) {
		CHECK(has_disc(j, "78th", "81st"));
		CHECK(has_disc(j, "104th", "106th"));
		json_decref(j);
	}
	for (size_t i = 0; i < ss.n; i++)
		plx_coverage_free(ss.cov[i]);
}

/* plx_store_story_records: a story's articles come back from the database
 * in ingest order, and the report over them is the story's. */
static int count_rec(const plx_record *rec, int64_t seq, void *ud)
{
	(void)seq;
	plx_coverage *c = ud;
	plx_article *a = NULL;
	if (plx_analyze(an, rec, &a))
		return -100;
	return plx_coverage_add(c, a);
}

TEST(stored_story)
{
	char db[128];
	snprintf(db, sizeof db, "/tmp/plx-test-coverage-%d.db", (int)getpid());
	unlink_db(db);
	char msg[256];
	plx_ingest *g = NULL;
	CHECK(plx_ingest_open(db, NULL, an, &g, msg, sizeof msg) == PLX_OK);
	static const char *const t[] = {A1, A2};
	for (int i = 0; i < 2 && g; i++) {
		plx_record r;
		memset(&r, 0, sizeof r);
		r.id = i ? "a2" : "a1";
		r.source = i ? "Tessby Post" : "Varn Gazette";
		r.date = i ? "2025-03-10T09:00:00Z" : "2025-03-10T08:00:00Z";
		r.text = t[i];
		r.text_len = strlen(t[i]);
		CHECK(plx_ingest_add(g, &r) == PLX_OK);
	}
	CHECK(g && plx_ingest_commit(g) == PLX_OK);
	plx_ingest_free(g);
	plx_store *st = NULL;
	CHECK(plx_store_open(db, PLX_STORE_READONLY, &st, msg, sizeof msg) ==
	      PLX_OK);
	plx_coverage *c = NULL;
	CHECK(plx_coverage_new(NULL, &c) == PLX_OK);
	if (st && c) {
		CHECK(plx_store_story_records(st, 0, count_rec, c) == PLX_OK);
		CHECK(plx_store_story_records(st, 99, count_rec, c) ==
		      PLX_ENOTFOUND);
		CHECK(plx_coverage_set_story(c, 0, NULL) == PLX_OK);
		CHECK(plx_coverage_build(c) == PLX_OK);
		json_t *j = render_json(c);
		CHECK(json_array_size(json_object_get(j, "articles")) == 2);
		CHECK(json_integer_value(json_object_get(j, "id")) == 0);
		CHECK(fact_with(j, "burst its banks") != NULL);
		json_decref(j);
	}
	plx_coverage_free(c);
	plx_store_close(st);
	unlink_db(db);
}

int main(void)
{
	if (plx_analyzer_new(NULL, &an))
		return 1;
	RUN(facts_discrepancies_quotes);
	RUN(api_misuse);
	RUN(hostile_text_is_inert);
	RUN(sample_corpus);
	RUN(stored_story);
	FILE *f = fopen(SEEDS[0], "rb");
	if (f) {
		fclose(f);
		RUN(seeds_must_show);
	} else
		printf("SKIPPED seeds_must_show: %s absent\n", SEEDS[0]);
	RUN(out_of_memory);
	plx_analyzer_free(an);
	DONE();
}
