/*
 * test_store.c: the SQLite store: articles once by id or content, stories,
 * copies, records in ingest order, read-only access, schema versions.
 */
#include <sqlite3.h>
#include <unistd.h>

#include "harness.h"
#include "parallax.h"
#include "testutil.h"

static plx_analyzer *an;
static char dbpath[64];

static plx_article *analyze(const char *id, const char *text)
{
	plx_record r;
	memset(&r, 0, sizeof r);
	r.id = id;
	r.text = text;
	r.text_len = strlen(text);
	r.date = "2022-01-21T10:00:00Z";
	plx_article *a = NULL;
	CHECK(plx_analyze(an, &r, &a) == PLX_OK);
	return a;
}

static int collect(const plx_story_row *row, void *ud)
{
	char *out = ud;
	char line[128];
	snprintf(line, sizeof line, "%lld:%s:%zu;", (long long)row->id,
		 row->headline ? row->headline : "-", row->n_articles);
	strcat(out, line);
	return 0;
}

static int record(const plx_record *r, int64_t seq, int64_t story, void *ud)
{
	char line[256];
	snprintf(line, sizeof line, "%lld %s %s %lld;", (long long)seq, r->id,
		 r->title ? r->title : "-", (long long)story);
	strcat(ud, line);
	CHECK(r->text && strlen(r->text) == r->text_len);
	return 0;
}

TEST(put_find_list_records)
{
	plx_store *s = NULL;
	char msg[256];
	CHECK(plx_store_open(dbpath, 0, &s, msg, sizeof msg) == PLX_OK);
	if (!s)
		return;
	plx_article *a = analyze("a1", "Talks in Geneva ended on Friday. "
				       "\xE2\x80\x9CWe will see,\xE2\x80\x9D "
				       "Lavrov said.");
	plx_article *b = analyze("b1", "Markets rose in Tokyo on Monday.");
	plx_article *a2 = analyze("a2", "Talks in  GENEVA ended on Friday.  "
					"\xE2\x80\x9CWe will see,\xE2\x80\x9D "
					"Lavrov said.");
	if (!a || !b || !a2)
		return;
	uint64_t ha = plx_article_hash(a), hb = plx_article_hash(b);
	CHECK(ha != hb);
	CHECK(plx_article_hash(a2) == ha); /* case and spacing do not count */
	CHECK(plx_store_find(s, "a1", ha, NULL) == 0);

	CHECK(plx_store_begin(s) == PLX_OK);
	plx_record ra;
	memset(&ra, 0, sizeof ra);
	ra.title = "Given title";
	plx_store_article sa = {a, &ra, ha, 1642759200, 7, 0.9};
	plx_store_article sb = {b, NULL, hb, INT64_MIN, 8, 1.0};
	int64_t seq = 0;
	CHECK(plx_store_put(s, &sa, &seq) == PLX_OK && seq == 1);
	CHECK(plx_store_put(s, &sb, &seq) == PLX_OK && seq == 2);
	plx_story_row r7 = {7, "Talks in Geneva", 1, 1, 1642759200, 1642759200};
	plx_story_row r8 = {8, NULL, 2, 1, INT64_MIN, INT64_MIN};
	CHECK(plx_store_put_story(s, &r7) == PLX_OK);
	CHECK(plx_store_put_story(s, &r8) == PLX_OK);
	CHECK(plx_store_put_copy(s, "a2", "a1", "exact", 1.0) == PLX_OK);
	CHECK(plx_store_commit(s) == PLX_OK);

	int64_t found = 0;
	CHECK(plx_store_find(s, "a1", 0, &found) == 1 && found == 1);
	/* identity is the id when there is one; else the content */
	CHECK(plx_store_find(s, "zz", ha, &found) == 0);
	CHECK(plx_store_find(s, NULL, ha, &found) == 1 && found == 1);
	CHECK(plx_store_find(s, NULL, 12345, NULL) == 0);
	/* a second put of the same id violates the unique key */
	CHECK(plx_store_put(s, &sa, NULL) == PLX_EDB);

	char out[512] = "";
	CHECK(plx_store_stories(s, PLX_ORDER_SIZE, 0, 0, collect, out) == 0);
	CHECK_STR(out, "8:-:2;7:Talks in Geneva:1;");
	out[0] = 0;
	CHECK(plx_store_stories(s, PLX_ORDER_RECENT, 1, 0, collect, out) == 0);
	CHECK_STR(out, "7:Talks in Geneva:1;");
	out[0] = 0;
	CHECK(plx_store_records(s, record, out) == 0);
	CHECK_STR(out, "1 a1 Given title 7;2 b1 - 8;");
	int64_t na, ns;
	CHECK(plx_store_counts(s, &na, &ns) == PLX_OK && na == 2 && ns == 2);
	plx_store_close(s);

	/* read-only: readable, refuses writes */
	CHECK(plx_store_open(dbpath, PLX_STORE_READONLY, &s, msg, sizeof msg) ==
	      PLX_OK);
	if (s) {
		CHECK(plx_store_counts(s, &na, &ns) == PLX_OK && na == 2);
		CHECK(plx_store_put(s, &sa, NULL) == PLX_EINVAL);
		plx_store_close(s);
	}
	plx_article_free(a);
	plx_article_free(b);
	plx_article_free(a2);
}

TEST(rollback_leaves_nothing)
{
	plx_store *s = NULL;
	CHECK(plx_store_open(dbpath, 0, &s, NULL, 0) == PLX_OK);
	if (!s)
		return;
	plx_article *c = analyze("c1", "A new article about rivers.");
	plx_store_article sc = {c, NULL, plx_article_hash(c), INT64_MIN, -1, 0};
	CHECK(plx_store_begin(s) == PLX_OK);
	CHECK(plx_store_put(s, &sc, NULL) == PLX_OK);
	CHECK(plx_store_rollback(s) == PLX_OK);
	CHECK(plx_store_find(s, "c1", 0, NULL) == 0);
	plx_store_close(s);
	plx_article_free(c);
}

static long long count_of(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_open(dbpath, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* The search index gets a batch's articles at commit (schema 3), once
 * each, also in autocommit mode; a rolled-back batch leaves nothing in
 * it; a schema-2 database (insert trigger) loses the trigger on open. */
TEST(search_index_at_commit)
{
	unlink_db(dbpath);
	plx_store *s = NULL;
	CHECK(plx_store_open(dbpath, 0, &s, NULL, 0) == PLX_OK);
	if (!s)
		return;
	plx_article *d = analyze("d1", "Wheat prices rose in Kansas.");
	plx_article *e = analyze("e1", "Wheat harvest delayed by rain.");
	plx_article *f = analyze("f1", "Wheat exports fell sharply.");
	plx_store_article sd = {d, NULL, plx_article_hash(d), INT64_MIN, 1, 1};
	plx_store_article se = {e, NULL, plx_article_hash(e), INT64_MIN, 1, 1};
	plx_store_article sf = {f, NULL, plx_article_hash(f), INT64_MIN, 1, 1};
	CHECK(plx_store_begin(s) == PLX_OK);
	CHECK(plx_store_put(s, &sd, NULL) == PLX_OK);
	CHECK(plx_store_put(s, &se, NULL) == PLX_OK);
	CHECK(plx_store_commit(s) == PLX_OK);
	CHECK(plx_store_begin(s) == PLX_OK);
	CHECK(plx_store_put(s, &sf, NULL) == PLX_OK);
	CHECK(plx_store_rollback(s) == PLX_OK);
	const char *q = "SELECT count(*) FROM articles_fts WHERE articles_fts"
			" MATCH 'wheat'";
	CHECK(count_of(q) == 2);
	CHECK(plx_store_put(s, &sf, NULL) == PLX_OK); /* autocommit */
	CHECK(count_of(q) == 3);
	CHECK(count_of("SELECT count(*) FROM articles_fts_docsize") == 3);
	plx_store_close(s);

	/* a schema-2 database */
	sqlite3 *db;
	CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db,
			   "CREATE TRIGGER articles_fts_ins AFTER INSERT ON "
			   "articles BEGIN INSERT INTO articles_fts(rowid, "
			   "title, text) VALUES(new.seq, new.title, new.text);"
			   " END; PRAGMA user_version=2;",
			   0, 0, 0) == SQLITE_OK);
	sqlite3_close(db);
	CHECK(plx_store_open(dbpath, 0, &s, NULL, 0) == PLX_OK);
	CHECK(count_of("SELECT count(*) FROM sqlite_master WHERE name ="
		       " 'articles_fts_ins'") == 0);
	CHECK(count_of("PRAGMA user_version") == 3);
	plx_article *g = analyze("g1", "Wheat futures steady.");
	plx_store_article sg = {g, NULL, plx_article_hash(g), INT64_MIN, 2, 1};
	CHECK(s && plx_store_begin(s) == PLX_OK);
	CHECK(s && plx_store_put(s, &sg, NULL) == PLX_OK);
	CHECK(s && plx_store_commit(s) == PLX_OK);
	CHECK(count_of("SELECT count(*) FROM articles_fts_docsize") == 4);
	CHECK(count_of(q) == 4);
	plx_store_close(s);
	plx_article_free(d);
	plx_article_free(e);
	plx_article_free(f);
	plx_article_free(g);
}

static int story_source(const plx_record *rec, int64_t seq, void *ud)
{
	(void)seq;
	snprintf(ud, 64, "%s|%s", rec->id, rec->source ? rec->source : "-");
	return 0;
}

/* A story's records carry the outlet ingest found when the input named
 * none, so a report shows it without the outlets table. */
TEST(story_records_carry_found_source)
{
	unlink_db(dbpath);
	plx_store *s = NULL;
	CHECK(plx_store_open(dbpath, 0, &s, NULL, 0) == PLX_OK);
	if (!s)
		return;
	plx_record r;
	memset(&r, 0, sizeof r);
	r.id = "h1";
	r.text = "The Harbor Ledger\n\nThe bridge reopened on Monday.";
	r.text_len = strlen(r.text);
	r.source = "The Harbor Ledger";
	plx_article *h = NULL;
	CHECK(plx_analyze(an, &r, &h) == PLX_OK);
	plx_record given; /* as the input gave it: no source */
	memset(&given, 0, sizeof given);
	plx_store_article sh = {h,         &given, h ? plx_article_hash(h) : 0,
				INT64_MIN, 3,      1};
	CHECK(h && plx_store_put(s, &sh, NULL) == PLX_OK);
	char out[64] = "";
	CHECK(plx_store_story_records(s, 3, story_source, out) == PLX_OK);
	CHECK_STR(out, "h1|The Harbor Ledger");
	CHECK(plx_store_story_records(s, 4, story_source, out) ==
	      PLX_ENOTFOUND);
	plx_store_close(s);
	plx_article_free(h);
}

TEST(errors)
{
	plx_store *s = (plx_store *)1;
	char msg[256];
	CHECK(plx_store_open("/nonexistent/dir/x.db", 0, &s, msg, sizeof msg) ==
	      PLX_EDB);
	CHECK(s == NULL);
	CHECK(strstr(msg, "/nonexistent/dir/x.db: ") == msg);
	/* a database from a newer parallax is refused, not damaged */
	sqlite3 *db;
	CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "PRAGMA user_version=99", 0, 0, 0) == SQLITE_OK);
	sqlite3_close(db);
	CHECK(plx_store_open(dbpath, 0, &s, msg, sizeof msg) == PLX_EDB);
	CHECK(strstr(msg, "newer") != NULL);
}

int main(void)
{
	snprintf(dbpath, sizeof dbpath, "/tmp/plx-test-store-%d.db",
		 (int)getpid());
	if (plx_analyzer_new(NULL, &an))
		return 1;
	RUN(put_find_list_records);
	RUN(rollback_leaves_nothing);
	RUN(search_index_at_commit);
	RUN(story_records_carry_found_source);
	RUN(errors);
	plx_analyzer_free(an);
	char p[80];
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
	DONE();
}
