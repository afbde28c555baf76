/*
 * test_crash.c: SIGKILL at random points during ingest.  A child process
 * ingests a stream of articles in small batches and is killed after a
 * random delay; after each kill the database must pass PRAGMA
 * integrity_check and hold whole batches only, and a final uninterrupted
 * run must end with exactly the input's articles, each once, in the same
 * stories as a run that was never interrupted.  Every other run ingests
 * with two analyzers, whose writes run in the ingest's writer thread.
 */
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "parallax.h"
#include "testutil.h"

#define N_ARTICLES 300
#define BATCH      7
#define KILLS      25

static char input[64], db[64], ref[64];

/* Ingests the input into path with n_an (1 or 2) analyzers; returns the
 * process status code. */
static int ingest(const char *path, unsigned n_an)
{
	plx_analyzer *an[2] = {NULL, NULL};
	plx_reader *rd = NULL;
	plx_ingest *g = NULL;
	plx_ingest_params p;
	plx_ingest_params_default(&p);
	p.batch = BATCH;
	if (plx_analyzer_new(NULL, &an[0]) || plx_analyzer_new(NULL, &an[1]) ||
	    plx_reader_new(NULL, &rd) || plx_reader_add(rd, input) ||
	    plx_ingest_open_threads(path, &p, an, n_an, &g, NULL, 0))
		return 2;
	const plx_record *rec;
	int rc;
	while ((rc = plx_reader_next(rd, &rec)) > 0)
		if (plx_ingest_add(g, rec))
			return 3;
	int bad = rc < 0 || plx_ingest_commit(g);
	plx_ingest_stats st;
	plx_ingest_stats_get(g, &st);
	plx_ingest_free(g);
	plx_reader_free(rd);
	plx_analyzer_free(an[0]);
	plx_analyzer_free(an[1]);
	return bad ? 4 : st.mismatched ? 5 : 0;
}

static long long scalar(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int integrity_ok(const char *path)
{
	sqlite3 *h;
	if (sqlite3_open(path, &h) != SQLITE_OK)
		return 0;
	sqlite3_stmt *st;
	int ok = sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st,
				    NULL) == SQLITE_OK &&
		 sqlite3_step(st) == SQLITE_ROW &&
		 strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	/* whole batches only (none at all when killed before the schema) */
	long long n = scalar(h, "SELECT count(*) FROM sqlite_master WHERE "
				"name = 'articles'") == 1
			      ? scalar(h, "SELECT count(*) FROM articles")
			      : 0;
	ok = ok && n >= 0 && (n % BATCH == 0 || n == N_ARTICLES);
	if (!ok)
		fprintf(stderr, "  bad state after kill: %lld articles\n", n);
	sqlite3_close(h);
	return ok;
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

TEST(kill_at_random_points)
{
	unsigned seed = 12345;
	int kills = 0;
	/* The uninterrupted reference run also tells how long a run takes, so
	 * the kills fall anywhere in it on any machine (sanitizers included).
	 */
	double t0 = seconds();
	CHECK(ingest(ref, 1) == 0);
	long span_us = (long)((seconds() - t0) * 1e6) + 1;
	for (int i = 0; i < KILLS; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(ingest(db, 1 + (unsigned)(i & 1)));
		seed = seed * 1103515245u + 12345u;
		long us = (long)(seed % (unsigned)span_us);
		struct timespec ts = {us / 1000000, (us % 1000000) * 1000L};
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int status;
		waitpid(pid, &status, 0);
		if (WIFSIGNALED(status))
			kills++;
		else
			CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		CHECK(integrity_ok(db));
	}
	fprintf(stderr, "  %d of %d runs killed mid-ingest\n", kills, KILLS);
	CHECK(kills > 0);
	CHECK(ingest(db, 2) == 0);

	sqlite3 *h;
	CHECK(sqlite3_open(db, &h) == SQLITE_OK);
	CHECK(scalar(h, "SELECT count(*) FROM articles") == N_ARTICLES);
	CHECK(scalar(h, "SELECT count(DISTINCT id) FROM articles") ==
	      N_ARTICLES);
	CHECK(scalar(h, "SELECT count(*) FROM articles WHERE id NOT GLOB "
			"'a[0-9][0-9][0-9]'") == 0);
	/* the same stories as the uninterrupted run */
	char sql[160];
	snprintf(sql, sizeof sql, "ATTACH '%s' AS ref", ref);
	CHECK(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK);
	CHECK(scalar(h, "SELECT count(*) FROM articles a JOIN ref.articles r "
			"USING(id) WHERE a.story = r.story") == N_ARTICLES);
	CHECK(scalar(h, "SELECT count(*) FROM stories") ==
	      scalar(h, "SELECT count(*) FROM ref.stories"));
	sqlite3_close(h);
}

int main(void)
{
	int pid = (int)getpid();
	snprintf(input, sizeof input, "/tmp/plx-crash-%d.jsonl", pid);
	snprintf(db, sizeof db, "/tmp/plx-crash-%d.db", pid);
	snprintf(ref, sizeof ref, "/tmp/plx-crash-ref-%d.db", pid);
	if (write_events(input, N_ARTICLES, 0))
		return 1;
	RUN(kill_at_random_points);
	unlink(input);
	unlink_db(db);
	unlink_db(ref);
	DONE();
}
