/*
 * test_pipe.c: parallel analysis (plx_pipe).  The records of the sample
 * corpus (and the first 3,000 Reuters articles when the shared data is
 * there) go through the pipe with 1 and with 4 analyzers, a small depth so
 * the ring wraps: every result comes back in push order, the analysis is
 * the same (JSON of the article), and so are the stories and the ingest
 * that consume them.  Also: a full pipe refuses a push, and freeing a pipe
 * with results in flight loses nothing under ASan; an ingest reopened with
 * 4 threads replays its stored articles into the same stories, and an
 * ingest with a writer thread writes the database one thread writes.
 * Analyzers that skip quotes and register (plx_analyzer_skip, for cluster
 * and dedup) hand the engines the same input.  JSON Lines parsed in the
 * workers (plx_reader_defer_json) give the same records, results and
 * messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <unistd.h>

#include "harness.h"
#include "parallax.h"
#include "testutil.h"

#define MAX_AN 4

static unsigned long mix(unsigned long sum, const char *s)
{
	for (; s && *s; s++)
		sum = sum * 31 + (unsigned char)*s;
	return sum * 31 + 1;
}

/* Checksum of what the engines read (plx_analyzer_skip keeps it):
 * paragraphs, sentences, tokens, entities, metadata. */
static unsigned long core_sum(const plx_article *art)
{
	size_t n;
	unsigned long sum = 0;
	const plx_paragraph *p = plx_article_paragraphs(art, &n);
	for (size_t i = 0; i < n; i++)
		sum = sum * 131 + p[i].start * 7 + p[i].end * 3 + p[i].kind +
		      p[i].first_sentence * 5 + p[i].n_sentences;
	const plx_sentence *se = plx_article_sentences(art, &n);
	for (size_t i = 0; i < n; i++)
		sum = sum * 131 + se[i].start * 7 + se[i].first_token * 3 +
		      se[i].n_tokens;
	const plx_token *t = plx_article_tokens(art, &n);
	for (size_t i = 0; i < n; i++)
		sum = mix(mix(sum * 131 + t[i].start + t[i].flags, t[i].norm),
			  t[i].stem);
	const plx_entity *e = plx_article_entities(art, &n);
	for (size_t i = 0; i < n; i++)
		sum = mix(
			mix(sum * 131 + e[i].type + e[i].n_mentions, e[i].key),
			e[i].name);
	sum = mix(sum, plx_article_title(art));
	sum = mix(sum, plx_article_date(art));
	sum = mix(sum, plx_article_source(art));
	return mix(sum, plx_article_dateline(art));
}

/* Set: a full analysis also reports core_sum, to compare with a skipping
 * one. */
static int want_core;

/* Runs path through a pipe of n analyzers; returns one line per record:
 * "id<TAB>status<TAB>story<TAB>checksum", the checksum of the JSON, or with
 * skip (plx_analyzer_skip's bits) of core_sum. */
static char *run_pipe_skip(const char *path, unsigned n, size_t depth,
			   size_t max_records, unsigned skip)
{
	plx_analyzer *an[MAX_AN];
	for (unsigned i = 0; i < n; i++) {
		if (plx_analyzer_new(NULL, &an[i]))
			return NULL;
		plx_analyzer_skip(an[i], skip);
	}
	plx_reader *rd;
	plx_pipe *p;
	plx_stories *ss;
	CHECK(plx_reader_new(NULL, &rd) == PLX_OK);
	CHECK(plx_reader_add(rd, path) == PLX_OK);
	CHECK(plx_pipe_new(an, n, depth, &p) == PLX_OK);
	CHECK(plx_stories_new(NULL, &ss) == PLX_OK);
	size_t cap = 1 << 16, len = 0, read = 0, popped = 0;
	char *out = malloc(cap);
	out[0] = 0;
	int eof = 0;
	for (;;) {
		while (!eof && !plx_pipe_full(p)) {
			const plx_record *rec;
			int rc = plx_reader_next(rd, &rec);
			if (rc == 0 || read >= max_records) {
				eof = 1;
				break;
			}
			if (rc < 0)
				continue;
			CHECK(plx_pipe_push(p, rec) == PLX_OK);
			read++;
		}
		const plx_record *rec;
		plx_article *art;
		int st;
		if (!plx_pipe_pop(p, &rec, &art, &st))
			break;
		popped++;
		size_t story = (size_t)-1;
		unsigned long sum = 0;
		if (art && skip) {
			size_t nq;
			plx_article_quotes(art, &nq);
			CHECK(nq == 0);
			sum = core_sum(art);
		} else if (art) {
			char *js = NULL;
			size_t jl = 0;
			CHECK(plx_article_json(art, &js, &jl) == PLX_OK);
			for (size_t i = 0; i < jl; i++)
				sum = sum * 31 + (unsigned char)js[i];
			plx_free(js);
			if (want_core)
				sum = core_sum(art);
		}
		if (art)
			CHECK(plx_stories_add(ss, art, &story, NULL) == PLX_OK);
		plx_pipe_recycle(p, art); /* freed by a worker */
		char line[512];
		int k = snprintf(line, sizeof line, "%s\t%d\t%zu\t%lx\n",
				 rec->id ? rec->id : rec->path, st, story, sum);
		if (len + (size_t)k + 1 > cap) {
			cap *= 2;
			out = realloc(out, cap);
		}
		memcpy(out + len, line, (size_t)k + 1);
		len += (size_t)k;
	}
	CHECK(popped == read);
	CHECK(plx_pipe_pending(p) == 0);
	plx_pipe_free(p);
	plx_stories_free(ss);
	plx_reader_free(rd);
	for (unsigned i = 0; i < n; i++)
		plx_analyzer_free(an[i]);
	return out;
}

static char *run_pipe(const char *path, unsigned n, size_t depth,
		      size_t max_records)
{
	return run_pipe_skip(path, n, depth, max_records, 0);
}

/* Checks that three outputs exist, are not empty and are equal; frees
 * them. */
static void check_same3(char *a, char *b, char *c)
{
	CHECK(a && b && c);
	if (a && b && c) {
		CHECK(strlen(a) > 0);
		CHECK(strcmp(a, b) == 0);
		CHECK(strcmp(a, c) == 0);
	}
	free(a);
	free(b);
	free(c);
}

static void same_for(const char *path, size_t max_records)
{
	char *one = run_pipe(path, 1, 3, max_records);
	char *four = run_pipe(path, 4, 5, max_records);
	char *four_deep = run_pipe(path, 4, 0, max_records);
	check_same3(one, four, four_deep);
}

TEST(sample_same_with_1_and_4_threads)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/sample/articles.jsonl", PLX_SOURCE_DIR);
	same_for(path, (size_t)-1);
}

/* The shared data's Reuters file into path: 1, or 0 (said) when it is
 * absent. */
static int reuters_path(char *path, size_t len)
{
	const char *d = getenv("PLX_SHARED_DATA");
	snprintf(path, len, "%s/reuters21578/articles.jsonl",
		 d ? d : PLX_SHARED_DATA);
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "reuters: SKIPPED (%s absent)\n", path);
		return 0;
	}
	fclose(f);
	return 1;
}

TEST(reuters_same_with_1_and_4_threads)
{
	char path[4096];
	if (reuters_path(path, sizeof path))
		same_for(path, 3000);
}

/* Analyzers told to skip quotes and register give the engines the same
 * input (core_sum) and so the same stories, with 1 and 4 threads; the full
 * analysis finds quotes in the same records (so the check can fail). */
static void skip_same_for(const char *path, size_t max_records)
{
	unsigned skip = PLX_SKIP_QUOTES | PLX_SKIP_REGISTER;
	want_core = 1;
	char *full = run_pipe(path, 1, 3, max_records);
	want_core = 0;
	char *one = run_pipe_skip(path, 1, 3, max_records, skip);
	char *four = run_pipe_skip(path, 4, 5, max_records, skip);
	check_same3(full, one, four);
}

TEST(skip_quotes_register_same_engine_input)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/sample/articles.jsonl", PLX_SOURCE_DIR);
	skip_same_for(path, (size_t)-1);
	if (reuters_path(path, sizeof path))
		skip_same_for(path, 1000);
}

/* Appends a line to a growing string. */
static void put_line(char **out, size_t *len, size_t *cap, const char *line)
{
	size_t k = strlen(line);
	if (*len + k + 2 > *cap) {
		*cap = 2 * (*len + k + 2);
		*out = realloc(*out, *cap);
	}
	memcpy(*out + *len, line, k);
	(*out)[*len + k] = '\n';
	*len += k + 1;
	(*out)[*len] = 0;
}

/* Pops the oldest result into a line: "E<TAB>message" for a line the
 * pipe could not read, else "id<TAB>status<TAB>story<TAB>JSON checksum". */
static int pop_line(plx_pipe *p, plx_stories *ss, char **out, size_t *len,
		    size_t *cap)
{
	const plx_record *rec;
	plx_article *art;
	int st;
	if (!plx_pipe_pop(p, &rec, &art, &st))
		return 0;
	char line[1024];
	if (*plx_pipe_errmsg(p)) {
		CHECK(st < 0 && !art);
		snprintf(line, sizeof line, "E\t%s", plx_pipe_errmsg(p));
	} else {
		size_t story = (size_t)-1;
		unsigned long sum = 0;
		if (art) {
			char *js = NULL;
			size_t jl = 0;
			CHECK(plx_article_json(art, &js, &jl) == PLX_OK);
			sum = mix(0, js);
			plx_free(js);
			CHECK(plx_stories_add(ss, art, &story, NULL) == PLX_OK);
		}
		snprintf(line, sizeof line, "%s\t%s\t%zu\t%d\t%zu\t%lx",
			 rec->id ? rec->id : "-", rec->title ? rec->title : "-",
			 rec->line, st, story, sum);
	}
	plx_article_free(art);
	put_line(out, len, cap, line);
	return 1;
}

/* path through a pipe of n analyzers, the reader deferring JSON or not;
 * a reader error is recorded after the records before it, as the
 * command-line tool prints it. */
static char *run_defer(const char *path, unsigned n, int defer)
{
	plx_analyzer *an[MAX_AN];
	for (unsigned i = 0; i < n; i++)
		CHECK(plx_analyzer_new(NULL, &an[i]) == PLX_OK);
	plx_reader *rd;
	plx_pipe *p;
	plx_stories *ss;
	CHECK(plx_reader_new(NULL, &rd) == PLX_OK);
	CHECK(plx_reader_add(rd, path) == PLX_OK);
	plx_reader_defer_json(rd, defer);
	CHECK(plx_pipe_new(an, n, 3, &p) == PLX_OK);
	CHECK(plx_stories_new(NULL, &ss) == PLX_OK);
	size_t cap = 1 << 12, len = 0;
	char *out = malloc(cap);
	out[0] = 0;
	int eof = 0;
	for (;;) {
		while (!eof && !plx_pipe_full(p)) {
			const plx_record *rec;
			int rc = plx_reader_next(rd, &rec);
			if (rc == 0) {
				eof = 1;
			} else if (rc < 0) {
				while (pop_line(p, ss, &out, &len, &cap))
					;
				char line[1024];
				snprintf(line, sizeof line, "E\t%s",
					 plx_reader_errmsg(rd));
				put_line(&out, &len, &cap, line);
			} else {
				CHECK(rec->json == defer);
				CHECK(plx_pipe_push(p, rec) == PLX_OK);
			}
		}
		if (!pop_line(p, ss, &out, &len, &cap))
			break;
	}
	plx_pipe_free(p);
	plx_stories_free(ss);
	plx_reader_free(rd);
	for (unsigned i = 0; i < n; i++)
		plx_analyzer_free(an[i]);
	return out;
}

/* JSON Lines parsed in the workers (plx_reader_defer_json) give the same
 * records, analyses, stories and error messages, in the same order, as
 * parsed by the reader; with 1 and 4 threads. */
TEST(deferred_json_same)
{
	const char *files[] = {"sample/bad.jsonl", "sample/articles.jsonl"};
	for (int f = 0; f < 2; f++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", PLX_SOURCE_DIR, files[f]);
		char *ref = run_defer(path, 1, 0);
		char *one = run_defer(path, 1, 1);
		char *four = run_defer(path, 4, 1);
		CHECK(strlen(ref) > 0);
		CHECK_STR(one, ref);
		CHECK_STR(four, ref);
		if (f == 0) /* bad.jsonl has bad lines, reported in order */
			CHECK(strstr(ref, "E\t") != NULL &&
			      strstr(ref, "invalid JSON") != NULL);
		free(ref);
		free(one);
		free(four);
	}
}

/* plx_analyze parses a deferred record itself. */
TEST(analyze_deferred_record)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/sample/articles.jsonl", PLX_SOURCE_DIR);
	plx_analyzer *an;
	CHECK(plx_analyzer_new(NULL, &an) == PLX_OK);
	plx_reader *a, *b;
	CHECK(plx_reader_new(NULL, &a) == PLX_OK);
	CHECK(plx_reader_new(NULL, &b) == PLX_OK);
	CHECK(plx_reader_add(a, path) == PLX_OK);
	CHECK(plx_reader_add(b, path) == PLX_OK);
	plx_reader_defer_json(b, 1);
	const plx_record *ra, *rb;
	size_t n = 0;
	while (plx_reader_next(a, &ra) > 0 && plx_reader_next(b, &rb) > 0) {
		CHECK(!ra->json && rb->json);
		plx_article *x = NULL, *y = NULL;
		CHECK(plx_analyze(an, ra, &x) == PLX_OK);
		CHECK(plx_analyze(an, rb, &y) == PLX_OK);
		char *jx = NULL, *jy = NULL;
		size_t lx, ly;
		if (x && y && plx_article_json(x, &jx, &lx) == PLX_OK &&
		    plx_article_json(y, &jy, &ly) == PLX_OK)
			CHECK(lx == ly && memcmp(jx, jy, lx) == 0);
		else
			CHECK(0);
		plx_free(jx);
		plx_free(jy);
		plx_article_free(x);
		plx_article_free(y);
		n++;
	}
	CHECK(n > 5);
	plx_reader_free(a);
	plx_reader_free(b);
	plx_analyzer_free(an);
}

/* The skipped stages really are skipped, and only for the analyzer told
 * so. */
TEST(skip_leaves_no_quotes)
{
	const char *text = "Protesters gathered on Monday.\n\n"
			   "\"We will not stop,\" said Maria Lopez, a "
			   "teacher.  \"This is outrageous and shameful.\"\n";
	plx_analyzer *an;
	CHECK(plx_analyzer_new(NULL, &an) == PLX_OK);
	plx_article *full = NULL, *part = NULL;
	CHECK(plx_analyze_text(an, text, strlen(text), NULL, &full) == PLX_OK);
	plx_analyzer_skip(an, PLX_SKIP_QUOTES | PLX_SKIP_REGISTER);
	CHECK(plx_analyze_text(an, text, strlen(text), NULL, &part) == PLX_OK);
	size_t nq_full = 0, nq_part = 1, np = 0;
	if (full && part) {
		plx_article_quotes(full, &nq_full);
		plx_article_quotes(part, &nq_part);
		CHECK(nq_full > 0);
		CHECK(nq_part == 0);
		CHECK(core_sum(full) == core_sum(part));
		const plx_paragraph *p = plx_article_paragraphs(part, &np);
		for (size_t i = 0; i < np; i++)
			CHECK(p[i].reg == PLX_REG_REPORTING &&
			      p[i].opinion == 0.0f);
	}
	plx_article_free(full);
	plx_article_free(part);
	plx_analyzer_skip(an, 0);
	CHECK(plx_analyze_text(an, text, strlen(text), NULL, &full) == PLX_OK);
	if (full) {
		plx_article_quotes(full, &nq_part);
		CHECK(nq_part == nq_full);
	}
	plx_article_free(full);
	plx_analyzer_free(an);
}

TEST(full_and_free_in_flight)
{
	plx_analyzer *an[2];
	CHECK(plx_analyzer_new(NULL, &an[0]) == PLX_OK);
	CHECK(plx_analyzer_new(NULL, &an[1]) == PLX_OK);
	plx_pipe *p;
	CHECK(plx_pipe_new(an, 2, 2, &p) == PLX_OK);
	plx_record rec;
	memset(&rec, 0, sizeof rec);
	rec.path = "t";
	rec.id = "a";
	rec.text = "The council met on Monday and voted to close the bridge.";
	rec.text_len = strlen(rec.text);
	CHECK(plx_pipe_push(p, &rec) == PLX_OK);
	CHECK(!plx_pipe_full(p));
	CHECK(plx_pipe_push(p, &rec) == PLX_OK);
	CHECK(plx_pipe_full(p));
	CHECK(plx_pipe_push(p, &rec) == PLX_EINVAL);
	const plx_record *r;
	plx_article *art;
	int st;
	CHECK(plx_pipe_pop(p, &r, &art, &st) == 1);
	CHECK(st == PLX_OK && art != NULL);
	CHECK_STR(r->id, "a");
	plx_article_free(art);
	rec.text = "";
	rec.text_len = 0;
	CHECK(plx_pipe_push(p, &rec) == PLX_OK);
	CHECK(plx_pipe_pop(p, &r, &art, &st) == 1);
	CHECK(st == PLX_OK);
	plx_article_free(art);
	CHECK(plx_pipe_pop(p, &r, &art, &st) == 1);
	CHECK(st != PLX_OK && art == NULL); /* the empty record */
	CHECK(plx_pipe_pop(p, &r, &art, &st) == 0);
	/* Freed with records in flight. */
	rec.text = "Another record, left in the pipe.";
	rec.text_len = strlen(rec.text);
	CHECK(plx_pipe_push(p, &rec) == PLX_OK);
	CHECK(plx_pipe_push(p, &rec) == PLX_OK);
	plx_pipe_free(p);
	plx_pipe *q = NULL;
	CHECK(plx_pipe_new(an, 0, 0, &q) == PLX_EINVAL && q == NULL);
	plx_analyzer_free(an[0]);
	plx_analyzer_free(an[1]);
}

/* Ingests the sample corpus with one analyzer, then reopens the database
 * with four: the replay (through a pipe) must give every stored article
 * its stored story. */
TEST(ingest_replay_with_4_threads)
{
	char db[] = "/tmp/plx_test_pipe_XXXXXX";
	int fd = mkstemp(db);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	unlink_db(db);
	plx_analyzer *an[4];
	for (int i = 0; i < 4; i++)
		CHECK(plx_analyzer_new(NULL, &an[i]) == PLX_OK);
	char path[4096];
	snprintf(path, sizeof path, "%s/sample/articles.jsonl", PLX_SOURCE_DIR);
	plx_ingest *g = NULL;
	CHECK(plx_ingest_open(db, NULL, an[0], &g, NULL, 0) == PLX_OK);
	plx_reader *rd;
	CHECK(plx_reader_new(NULL, &rd) == PLX_OK);
	CHECK(plx_reader_add(rd, path) == PLX_OK);
	const plx_record *rec;
	size_t n = 0;
	int rc;
	while (g && (rc = plx_reader_next(rd, &rec)) != 0)
		if (rc > 0 && plx_ingest_add(g, rec) == PLX_OK)
			n++;
	CHECK(g && plx_ingest_commit(g) == PLX_OK);
	plx_ingest_free(g);
	plx_reader_free(rd);
	CHECK(n > 5);
	g = NULL;
	CHECK(plx_ingest_open_threads(db, NULL, an, 4, &g, NULL, 0) == PLX_OK);
	plx_ingest_stats st;
	memset(&st, 0, sizeof st);
	if (g)
		plx_ingest_stats_get(g, &st);
	CHECK(st.replayed == n);
	CHECK(st.mismatched == 0);
	plx_ingest_free(g);
	CHECK(plx_ingest_open_threads(db, NULL, an, 0, &g, NULL, 0) ==
	      PLX_EINVAL);
	for (int i = 0; i < 4; i++)
		plx_analyzer_free(an[i]);
	unlink_db(db);
}

/* Every stored row of db, in a fixed order, as text. */
static char *dump_db(const char *db)
{
	static const char *const q[] = {
		"SELECT seq, id, hash, story, story_score, title, text, time,"
		" rec_title, rec_source FROM articles ORDER BY seq",
		"SELECT article, key, name, type, mentions FROM entities"
		" ORDER BY rowid",
		"SELECT article, speaker, text, partial, paragraph FROM quotes"
		" ORDER BY rowid",
		"SELECT * FROM stories ORDER BY id",
		"SELECT * FROM copies ORDER BY article, original, kind",
		"SELECT rowid FROM articles_fts WHERE articles_fts MATCH"
		" 'minister OR said' ORDER BY rowid"};
	sqlite3 *h;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);
	for (size_t i = 0; out && i < sizeof q / sizeof *q; i++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(h, q[i], -1, &st, NULL) != SQLITE_OK)
			break;
		while (out && sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; out && c < sqlite3_column_count(st);
			     c++) {
				const char *v =
					(const char *)sqlite3_column_text(st,
									  c);
				size_t n = strlen(v ? v : "NULL") + 2;
				if (len + n + 1 > cap) {
					cap = 2 * (len + n + 1);
					char *o = realloc(out, cap);
					if (!o)
						free(out);
					out = o;
				}
				if (out)
					len += (size_t)snprintf(
						out + len, cap - len, "%s%c",
						v ? v : "NULL",
						c + 1 < sqlite3_column_count(st)
							? '\t'
							: '\n');
			}
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return out;
}

/* Ingests the sample corpus twice over (the second copy must be found as
 * stored, also while the first is still queued) in batches of 3, through
 * plx_ingest_add, _add_owned and _add_analyzed in turn; returns the
 * database's rows. */
static char *ingest_sample(unsigned n_an)
{
	char db[] = "/tmp/plx_test_pipe_XXXXXX";
	int fd = mkstemp(db);
	if (fd < 0)
		return NULL;
	close(fd);
	unlink_db(db);
	plx_analyzer *an[4];
	for (unsigned i = 0; i < n_an; i++)
		if (plx_analyzer_new(NULL, &an[i]))
			return NULL;
	plx_ingest_params ip;
	plx_ingest_params_default(&ip);
	ip.batch = 3;
	plx_ingest *g = NULL;
	CHECK(plx_ingest_open_threads(db, &ip, an, n_an, &g, NULL, 0) ==
	      PLX_OK);
	char path[4096];
	snprintf(path, sizeof path, "%s/sample/articles.jsonl", PLX_SOURCE_DIR);
	size_t k = 0, stored = 0;
	for (int pass = 0; g && pass < 2; pass++) {
		plx_reader *rd;
		CHECK(plx_reader_new(NULL, &rd) == PLX_OK);
		CHECK(plx_reader_add(rd, path) == PLX_OK);
		const plx_record *rec;
		int rc;
		while ((rc = plx_reader_next(rd, &rec)) != 0) {
			if (rc < 0)
				continue;
			plx_article *art = NULL;
			switch (k++ % 3) {
			case 0: rc = plx_ingest_add(g, rec); break;
			case 1:
				rc = plx_analyze(an[0], rec, &art);
				if (!rc)
					rc = plx_ingest_add_owned(g, rec, art);
				break;
			default:
				rc = plx_analyze(an[0], rec, &art);
				if (!rc)
					rc = plx_ingest_add_analyzed(g, rec,
								     art);
				plx_article_free(art);
			}
			CHECK(rc == PLX_OK);
		}
		plx_reader_free(rd);
	}
	CHECK(g && plx_ingest_commit(g) == PLX_OK);
	plx_ingest_stats st;
	memset(&st, 0, sizeof st);
	if (g)
		plx_ingest_stats_get(g, &st);
	stored = st.stored;
	CHECK(st.known == stored && stored > 5);
	plx_ingest_free(g);
	for (unsigned i = 0; i < n_an; i++)
		plx_analyzer_free(an[i]);
	char *rows = dump_db(db);
	unlink_db(db);
	return rows;
}

TEST(ingest_writer_thread_same_database)
{
	char *one = ingest_sample(1);
	char *four = ingest_sample(4);
	CHECK(one && four && strlen(one) > 1000);
	CHECK(one && four && strcmp(one, four) == 0);
	CHECK(one && strstr(one, "Meridian") != NULL);
	free(one);
	free(four);
}

int main(void)
{
	RUN(sample_same_with_1_and_4_threads);
	RUN(reuters_same_with_1_and_4_threads);
	RUN(skip_quotes_register_same_engine_input);
	RUN(skip_leaves_no_quotes);
	RUN(deferred_json_same);
	RUN(analyze_deferred_record);
	RUN(full_and_free_in_flight);
	RUN(ingest_replay_with_4_threads);
	RUN(ingest_writer_thread_same_database);
	DONE();
}
