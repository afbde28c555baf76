/*
 * test_faults.c: ingest under faults of its surroundings (issue 7): disk
 * full (RLIMIT_FSIZE), a read-only database, a database locked by another
 * writer, and running out of memory at every allocation.  Each must end
 * with a clear error and a database that passes PRAGMA integrity_check,
 * holds whole batches only, and takes the rest of the input on a re-run.
 * (SIGKILL at random points is test_crash.c.)
 */
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "parallax.h"
#include "testutil.h"

#define BATCH 7
#define N_IN  140 /* articles in the input */

static char g_dir[512], g_input[600], g_db[600];

/* Ingests input into db.  Returns 0, or the failing status with its
 * message in msg.  With after_fatal, a fatal error does not stop it: the
 * rest of the input is offered anyway, as a careless caller would. */
typedef struct run_opts {
	const char *db;
	size_t batch;
	int busy_ms;            /* 0: the default */
	int after_fatal;        /* go on adding after a fatal error */
	void (*on_fatal)(void); /* called at the first fatal error */
	plx_analyzer *an;       /* borrowed; NULL: one made for the run */
} run_opts;

static int ingest(const run_opts *o, char *msg, size_t msglen)
{
	plx_analyzer *an = NULL;
	plx_reader *rd = NULL;
	plx_ingest *g = NULL;
	plx_ingest_params p;
	plx_ingest_params_default(&p);
	p.batch = o->batch;
	if (o->busy_ms)
		p.busy_ms = o->busy_ms;
	msg[0] = 0;
	int rc = o->an ? PLX_OK : plx_analyzer_new(NULL, &an);
	if (o->an)
		an = o->an;
	if (!rc)
		rc = plx_reader_new(NULL, &rd);
	if (!rc)
		rc = plx_reader_add(rd, g_input);
	if (rc) {
		snprintf(msg, msglen, "setup: %s", plx_strerror(rc));
		goto out;
	}
	alloc_armed = 1;
	rc = plx_ingest_open(o->db, &p, an, &g, msg, msglen);
	alloc_armed = 0;
	if (rc)
		goto out;
	const plx_record *rec;
	int first = 0;
	int r;
	while ((r = plx_reader_next(rd, &rec)) != 0) {
		if (r == PLX_ENOMEM) {
			first = r;
			snprintf(msg, msglen, "%s", plx_reader_errmsg(rd));
			break;
		}
		if (r < 0) {
			fprintf(stderr, "  reader %d: %s\n", r,
				plx_reader_errmsg(rd));
			CHECK(0); /* the input is good */
			continue;
		}
		alloc_armed = 1;
		r = plx_ingest_add(g, rec);
		alloc_armed = 0;
		if (r && !first) {
			first = r;
			snprintf(msg, msglen, "%s", plx_ingest_errmsg(g));
			if (o->on_fatal)
				o->on_fatal();
			if (!o->after_fatal)
				break;
		}
	}
	alloc_armed = 1;
	r = first && !o->after_fatal ? first : plx_ingest_commit(g);
	alloc_armed = 0;
	if (r && !first) {
		first = r;
		snprintf(msg, msglen, "%s", plx_ingest_errmsg(g));
	}
	rc = first;
out:
	alloc_armed = 1;
	plx_ingest_free(g);
	alloc_armed = 0;
	plx_reader_free(rd);
	if (!o->an)
		plx_analyzer_free(an);
	return rc;
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

/* Checks the database: integrity, and whole batches of articles (n a
 * multiple of batch, or all of total), each with its entities.  Returns
 * the number of articles, or -1. */
static long long check_db(const char *db, size_t batch, long long total)
{
	sqlite3 *h;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		CHECK(0);
		return -1;
	}
	sqlite3_stmt *st;
	int ok = sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st,
				    NULL) == SQLITE_OK &&
		 sqlite3_step(st) == SQLITE_ROW &&
		 strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	CHECK(ok);
	/* no schema at all when the fault came before it was made */
	long long n = scalar(h, "SELECT count(*) FROM sqlite_master WHERE "
				"name = 'articles'") == 1
			      ? scalar(h, "SELECT count(*) FROM articles")
			      : 0;
	CHECK(n >= 0 && (n % (long long)batch == 0 || n == total));
	if (n > 0) {
		/* every article whole: each of these names Ilse Brandt */
		CHECK(scalar(h, "SELECT count(*) FROM articles WHERE seq NOT "
				"IN (SELECT article FROM entities)") == 0);
		/* every story row counts its stored articles */
		CHECK(scalar(h,
			     "SELECT count(*) FROM stories s WHERE "
			     "n_articles != (SELECT count(*) FROM articles a "
			     "WHERE a.story = s.id)") == 0);
	}
	sqlite3_close(h);
	if (!ok || n < 0 || (n % (long long)batch && n != total))
		fprintf(stderr, "  bad database: %lld articles\n", n);
	return n;
}

/* ---- Disk full -------------------------------------------------------- */

static void lift_fsize(void)
{
	struct rlimit rl;
	getrlimit(RLIMIT_FSIZE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_FSIZE, &rl);
}

/* In a child: the file size limit makes writes past limit bytes fail with
 * EFBIG (SIGXFSZ ignored), as a full disk fails them with ENOSPC.  The
 * child sends its status and message back through a pipe. */
static int ingest_limited(long limit, int after_fatal, char *msg, size_t msglen)
{
	int p[2];
	if (pipe(p))
		exit(1);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		signal(SIGXFSZ, SIG_IGN);
		struct rlimit rl = {(rlim_t)limit, RLIM_INFINITY};
		if (setrlimit(RLIMIT_FSIZE, &rl))
			_exit(99);
		run_opts o = {g_db,
			      BATCH,
			      0,
			      after_fatal,
			      after_fatal ? lift_fsize : NULL,
			      NULL};
		char m[512];
		int rc = ingest(&o, m, sizeof m);
		if (write(p[1], m, strlen(m) + 1) < 0)
			_exit(98);
		_exit(-rc);
	}
	close(p[1]);
	ssize_t n = read(p[0], msg, msglen - 1);
	msg[n > 0 ? n : 0] = 0;
	close(p[0]);
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? -WEXITSTATUS(status) : 1000;
}

TEST(disk_full)
{
	char msg[512];
	/* Limits from before the schema fits to well into the articles. */
	static const long limits[] = {4096, 150000, 300000};
	for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
		unlink_db(g_db);
		int rc = ingest_limited(limits[i], 0, msg, sizeof msg);
		CHECK(rc == PLX_EDB);
		/* "database or disk is full" or "disk I/O error": SQLite's
		 * words for ENOSPC and EFBIG */
		CHECK(strstr(msg, "disk") != NULL);
		long long n = check_db(g_db, BATCH, N_IN);
		fprintf(stderr, "  limit %ld bytes: %s; %lld articles kept\n",
			limits[i], msg, n);
		CHECK(n >= 0 && n < N_IN);
		/* with room again, a re-run takes the rest */
		run_opts o = {g_db, BATCH, 0, 0, NULL, NULL};
		CHECK(ingest(&o, msg, sizeof msg) == PLX_OK);
		CHECK(check_db(g_db, BATCH, N_IN) == N_IN);
	}
}

/* A caller that goes on after the fatal error, once the disk has room
 * again: the ingest stays failed (its story state holds the lost batch),
 * and what reaches the database is still whole batches. */
TEST(disk_full_then_room)
{
	char msg[512];
	unlink_db(g_db);
	int rc = ingest_limited(150000, 1, msg, sizeof msg);
	CHECK(rc == PLX_EDB);
	long long n = check_db(g_db, BATCH, N_IN);
	CHECK(n >= 0 && n < N_IN);
	run_opts o = {g_db, BATCH, 0, 0, NULL, NULL};
	CHECK(ingest(&o, msg, sizeof msg) == PLX_OK);
	CHECK(check_db(g_db, BATCH, N_IN) == N_IN);
}

/* ---- Read-only database ----------------------------------------------- */

/* Runs fn in a child as the unprivileged user nobody; returns fn's status,
 * or 77 when the switch is impossible. */
static int as_nobody(int (*fn)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) || setuid(65534)))
			_exit(77);
		if (access(g_dir, R_OK | X_OK))
			_exit(77); /* the temporary directory is closed to it */
		_exit(fn());
	}
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

static int ro_file_case(void)
{
	char msg[512];
	int before = h_fail;
	run_opts o = {g_db, BATCH, 0, 0, NULL, NULL};
	int rc = ingest(&o, msg, sizeof msg);
	fprintf(stderr, "  read-only file: %d %s\n", rc, msg);
	/* an up-to-date database opens without writing: the first new
	 * article is refused */
	CHECK(rc == PLX_EDB);
	CHECK_STR(msg, "database: attempt to write a readonly database");
	return h_fail != before;
}

static int ro_dir_case(void)
{
	char msg[512], db[700];
	int before = h_fail;
	snprintf(db, sizeof db, "%s/ro/new.db", g_dir);
	run_opts o = {db, BATCH, 0, 0, NULL, NULL};
	int rc = ingest(&o, msg, sizeof msg);
	fprintf(stderr, "  read-only directory: %d %s\n", rc, msg);
	CHECK(rc == PLX_EDB);
	CHECK(strstr(msg, "unable to open database file") != NULL);
	CHECK(access(db, F_OK) != 0);
	return h_fail != before;
}

TEST(read_only)
{
	char msg[512];
	unlink_db(g_db);
	CHECK(write_events(g_input, 105, 1) == 0);
	run_opts o = {g_db, BATCH, 0, 0, NULL, NULL};
	CHECK(ingest(&o, msg, sizeof msg) == PLX_OK);
	CHECK(write_events(g_input, N_IN, 1) == 0);
	CHECK(check_db(g_db, BATCH, N_IN) == 105);

	/* A read-only open (what `stories` and `serve` use) refuses writes,
	 * as root too. */
	plx_store *s = NULL;
	CHECK(plx_store_open(g_db, PLX_STORE_READONLY, &s, msg, sizeof msg) ==
	      PLX_OK);
	if (s) {
		/* SQLite lets a read-only connection BEGIN IMMEDIATE; the
		 * writes are what it refuses. */
		plx_story_row row = {999, "x", 1, 1, 0, 0};
		CHECK(plx_store_put_story(s, &row) == PLX_EINVAL);
		CHECK(plx_store_put_copy(s, "a", "b", "near", 1) == PLX_EINVAL);
		int64_t na = 0, ns = 0;
		CHECK(plx_store_counts(s, &na, &ns) == PLX_OK);
		CHECK(na == 105);
		plx_store_close(s);
	}
	/* Read-only open of a database that is not there: not created. */
	char absent[700];
	snprintf(absent, sizeof absent, "%s/absent.db", g_dir);
	s = (plx_store *)1;
	CHECK(plx_store_open(absent, PLX_STORE_READONLY, &s, msg, sizeof msg) ==
	      PLX_EDB);
	CHECK(s == NULL);
	CHECK(strstr(msg, "unable to open database file") != NULL);
	CHECK(access(absent, F_OK) != 0);

	/* File and directory permissions: root ignores them, so as root the
	 * cases run in a child that is the user nobody. */
	char ro[700];
	snprintf(ro, sizeof ro, "%s/ro", g_dir);
	mkdir(ro, 0555);
	chmod(g_dir, 0755);
	char wal[700], shm[700];
	snprintf(wal, sizeof wal, "%s-wal", g_db);
	snprintf(shm, sizeof shm, "%s-shm", g_db);
	chmod(g_db, 0444);
	chmod(wal, 0444);
	chmod(shm, 0444);
	int st = as_nobody(ro_file_case);
	if (st == 77)
		printf("SKIPPED read_only permissions: running as root, and "
		       "the user nobody is missing or cannot reach %s\n",
		       g_dir);
	else
		CHECK(st == 0);
	if (st != 77) {
		st = as_nobody(ro_dir_case);
		CHECK(st == 0);
	}
	chmod(g_db, 0644);
	chmod(wal, 0644);
	chmod(shm, 0644);
	rmdir(ro);
	CHECK(check_db(g_db, BATCH, N_IN) == 105);
}

/* ---- Locked by another writer ----------------------------------------- */

TEST(locked)
{
	char msg[512];
	unlink_db(g_db);
	CHECK(write_events(g_input, 21, 1) == 0);
	run_opts o = {g_db, BATCH, 0, 0, NULL, NULL};
	CHECK(ingest(&o, msg, sizeof msg) == PLX_OK);
	CHECK(write_events(g_input, N_IN, 1) == 0);
	/* Another writer holds the database. */
	sqlite3 *h;
	CHECK(sqlite3_open(g_db, &h) == SQLITE_OK);
	CHECK(sqlite3_exec(h,
			   "BEGIN EXCLUSIVE; INSERT INTO stories(id, "
			   "n_articles, n_sources) VALUES(9999, 0, 0)",
			   NULL, NULL, NULL) == SQLITE_OK);
	o.busy_ms = 50;
	int rc = ingest(&o, msg, sizeof msg);
	fprintf(stderr, "  locked: %d %s\n", rc, msg);
	/* The open succeeds (regression: it used to fail at once, its
	 * schema write upgrading a read transaction); the first batch waits
	 * busy_ms for the lock, then fails naming it. */
	CHECK(rc == PLX_EDB);
	CHECK_STR(msg, "database: database is locked");
	CHECK(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(h);
	CHECK(check_db(g_db, BATCH, N_IN) == 21);

	/* A writer that lets go within the timeout is waited for: another
	 * process holds the lock for 300 ms, the ingest waits up to 5 s. */
	int p[2];
	CHECK(pipe(p) == 0);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		sqlite3 *c;
		char ok = sqlite3_open(g_db, &c) == SQLITE_OK &&
			  sqlite3_exec(c, "BEGIN EXCLUSIVE", NULL, NULL,
				       NULL) == SQLITE_OK;
		if (write(p[1], &ok, 1) != 1)
			_exit(1);
		usleep(300000);
		sqlite3_exec(c, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(c);
		_exit(0);
	}
	char locked = 0;
	CHECK(read(p[0], &locked, 1) == 1 && locked);
	close(p[0]);
	close(p[1]);
	o.busy_ms = 5000;
	rc = ingest(&o, msg, sizeof msg);
	if (rc)
		fprintf(stderr, "  waited: %d %s\n", rc, msg);
	CHECK(rc == PLX_OK);
	int status;
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(check_db(g_db, BATCH, N_IN) == N_IN);
}

/* ---- Out of memory at every allocation -------------------------------- */

/* The allocator fails the n-th allocation made inside the ingest calls
 * (open, add, commit, free: the analysis, duplicates, stories and store)
 * of 3 articles in batches of 2 into a fresh database, for every n until
 * it succeeds.  The reader and the analyzer's creation are covered by
 * test_reader.c and test_oom.c.
 * Each run ends with PLX_ENOMEM (and a message) or PLX_OK and leaks
 * nothing (ASan); the database keeps whole batches and a re-run with
 * memory takes the rest.  SQLite's own allocations do not go through
 * the hook (it has its own allocator): this covers parallax's. */
TEST(out_of_memory_everywhere)
{
	CHECK(write_events(g_input, 3, 1) == 0);
	plx_allocator a = {t_malloc, t_realloc, t_free, NULL};
	char msg[512];
	plx_analyzer *an = NULL; /* made once: test_oom.c fails its making */
	CHECK(plx_analyzer_new(NULL, &an) == PLX_OK);
	int ok = 0;
	long n, nomem = 0;
	for (n = 0; n < 100000 && !ok; n++) {
		/* Every 16th point (and the last) on disk, to check what is
		 * left; the others in memory, which is faster and makes the
		 * same calls of the hook. */
		int disk = n % 16 == 0;
		unlink_db(g_db);
		plx_set_allocator(&a);
		countdown = n;
		run_opts o = {disk ? g_db : ":memory:", 2, 0, 0, NULL, an};
		int rc = ingest(&o, msg, sizeof msg);
		countdown = -1;
		plx_set_allocator(NULL);
		if (rc == PLX_OK) {
			ok = 1;
			if (disk)
				CHECK(check_db(g_db, 2, 3) == 3);
			break;
		}
		if (rc != PLX_ENOMEM)
			fprintf(stderr, "  n=%ld: %d %s\n", n, rc, msg);
		CHECK(rc == PLX_ENOMEM);
		if (!msg[0])
			fprintf(stderr, "  n=%ld: no message\n", n);
		CHECK(msg[0] != 0);
		nomem++;
		/* every 16th point: the database is whole and resumable */
		if (disk && access(g_db, F_OK) == 0) {
			CHECK(check_db(g_db, 2, 3) >= 0);
			CHECK(ingest(&o, msg, sizeof msg) == PLX_OK);
			CHECK(check_db(g_db, 2, 3) == 3);
		}
	}
	CHECK(ok);
	CHECK(nomem > 0);
	/* the run that succeeded, on disk */
	unlink_db(g_db);
	run_opts o = {g_db, 2, 0, 0, NULL, an};
	CHECK(ingest(&o, msg, sizeof msg) == PLX_OK);
	CHECK(check_db(g_db, 2, 3) == 3);
	plx_analyzer_free(an);
	fprintf(stderr, "  %ld failure points\n", n);
}

int main(void)
{
	alloc_armed = 0; /* the failing allocator fails only inside ingest */
	const char *t = getenv("TMPDIR");
	snprintf(g_dir, sizeof g_dir, "%s/plx_faults_XXXXXX",
		 t && *t ? t : "/tmp");
	if (!mkdtemp(g_dir))
		SKIP("cannot make a temporary directory");
	snprintf(g_input, sizeof g_input, "%s/in.jsonl", g_dir);
	snprintf(g_db, sizeof g_db, "%s/t.db", g_dir);
	CHECK(write_events(g_input, N_IN, 1) == 0);
	RUN(disk_full);
	RUN(disk_full_then_room);
	RUN(read_only);
	RUN(locked);
	RUN(out_of_memory_everywhere);
	unlink_db(g_db);
	unlink(g_input);
	if (rmdir(g_dir))
		fprintf(stderr, "could not remove %s\n", g_dir);
	DONE();
}
