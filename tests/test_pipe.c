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

/* Runs path through a pipe of n analyzers; returns one line per record:
 * "id<TAB>status<TAB>story<TAB>xxh-like checksum of the JSON". */
static char *run_pipe(const char *path, unsigned n, size_t depth,
		      size_t max_records)
{
	plx_analyzer *an[MAX_AN];
	for (unsigned i = 0; i < n; i++)
		if (plx_analyzer_new(NULL, &an[i]))
			return NULL;
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
		if (art) {
			char *js = NULL;
			size_t jl = 0;
			CHECK(plx_article_json(art, &js, &jl) == PLX_OK);
			for (size_t i = 0; i < jl; i++)
				sum = sum * 31 + (unsigned char)js[i];
			plx_free(js);
			CHECK(plx_stories_add(ss, art, &story, NULL) == PLX_OK);
		}
		plx_article_free(art);
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

static void same_for(const char *path, size_t max_records)
{
	char *one = run_pipe(path, 1, 3, max_records);
	char *four = run_pipe(path, 4, 5, max_records);
	char *four_deep = run_pipe(path, 4, 0, max_records);
	CHECK(one && four && four_deep);
	if (one && four && four_deep) {
		CHECK(strlen(one) > 0);
		CHECK(strcmp(one, four) == 0);
		CHECK(strcmp(one, four_deep) == 0);
	}
	free(one);
	free(four);
	free(four_deep);
}

TEST(sample_same_with_1_and_4_threads)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/sample/articles.jsonl", PLX_SOURCE_DIR);
	same_for(path, (size_t)-1);
}

TEST(reuters_same_with_1_and_4_threads)
{
	const char *d = getenv("PLX_SHARED_DATA");
	char path[4096];
	snprintf(path, sizeof path, "%s/reuters21578/articles.jsonl",
		 d ? d : PLX_SHARED_DATA);
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "reuters: SKIPPED (%s absent)\n", path);
		return;
	}
	fclose(f);
	same_for(path, 3000);
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
	RUN(full_and_free_in_flight);
	RUN(ingest_replay_with_4_threads);
	RUN(ingest_writer_thread_same_database);
	DONE();
}
