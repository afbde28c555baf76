/*
 * query.c: the read side of the database for `parallax serve`.  Every
 * query runs in its own implicit read transaction, so each request sees
 * the latest commit of a concurrent `ingest` (WAL) and nothing is cached
 * across requests but prepared statements.
 */
#include "query.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "mem.h"
#include "store.h"

enum {
	Q_STORY,
	Q_STORY_ARTICLES,
	Q_STORY_TIMES,
	Q_STORY_RECORDS,
	Q_STORY_VERSION,
	Q_ARTICLE_SEQ,
	Q_ARTICLE_ID,
	Q_COPIES,
	Q_SEARCH,
	Q_ENTITY_ARTICLES,
	Q_ENTITY_STORIES,
	Q_N
};

#define ARTICLE_COLS \
	"a.seq, a.id, a.source, a.title, a.date, a.url, a.time, a.story"

/* A story's latest PLX_STORY_MAX_ARTICLES articles (by the (story, time)
 * index, backwards; undated ones last), which the story queries read. */
#define PLX_XSTR(x) #x
#define PLX_STR(x)  PLX_XSTR(x)
#define LATEST                                                             \
	"WITH a AS (SELECT seq, id, source, title, date, url, time, story" \
	" FROM articles WHERE story = ?1 ORDER BY time DESC, seq DESC "    \
	"LIMIT " PLX_STR(PLX_STORY_MAX_ARTICLES) ") "

static const char *const SQL[Q_N] = {
	[Q_STORY] = "SELECT id, headline, n_articles, n_sources, first_seen,"
		    " last_seen FROM stories WHERE id = ?1",
	[Q_STORY_ARTICLES] = LATEST "SELECT " ARTICLE_COLS ", NULL FROM a"
				    " ORDER BY a.time IS NULL, a.time, a.seq",
	[Q_STORY_TIMES] = LATEST "SELECT a.time, a.source FROM a"
				 " ORDER BY a.time",
	[Q_STORY_RECORDS] =
		"SELECT " ARTICLE_COLS ", a.path, a.rec_title,"
		" a.rec_source, a.text FROM articles a"
		" WHERE a.seq IN (SELECT seq FROM articles"
		" WHERE story = ?1 ORDER BY time DESC, seq DESC"
		" LIMIT " PLX_STR(PLX_STORY_MAX_ARTICLES) ")"
							  " ORDER BY a.seq",
	[Q_STORY_VERSION] = "SELECT count(*), max(seq) FROM articles"
			    " WHERE story = ?1",
	[Q_ARTICLE_SEQ] = "SELECT " ARTICLE_COLS ", a.path, a.rec_title,"
			  " a.rec_source, a.text FROM articles a"
			  " WHERE a.seq = ?1",
	[Q_ARTICLE_ID] = "SELECT " ARTICLE_COLS ", a.path, a.rec_title,"
			 " a.rec_source, a.text FROM articles a"
			 " WHERE a.id = ?1",
	[Q_COPIES] = "SELECT c.original, o.seq, o.title, c.kind, c.score, 1"
		     " FROM copies c LEFT JOIN articles o ON o.id = c.original"
		     " WHERE c.article = ?1 UNION ALL"
		     " SELECT c.article, o.seq, o.title, c.kind, c.score, 0"
		     " FROM copies c LEFT JOIN articles o ON o.id = c.article"
		     " WHERE c.original = ?1 ORDER BY 5 DESC",
	[Q_SEARCH] = "SELECT " ARTICLE_COLS ", snippet(articles_fts, 1,"
		     " char(1), char(2), '\xE2\x80\xA6', 16)"
		     " FROM articles_fts JOIN articles a ON a.seq ="
		     " articles_fts.rowid WHERE articles_fts MATCH ?1"
		     " ORDER BY rank LIMIT ?2 OFFSET ?3",
	[Q_ENTITY_ARTICLES] = "SELECT " ARTICLE_COLS ", e.name FROM entities e"
			      " JOIN articles a ON a.seq = e.article"
			      " WHERE e.key IN (?1, ?2)"
			      " ORDER BY a.time DESC, a.seq DESC LIMIT ?3",
	[Q_ENTITY_STORIES] = "SELECT s.id, s.headline, s.n_articles,"
			     " s.n_sources, s.first_seen, s.last_seen,"
			     " count(*) AS n FROM entities e"
			     " JOIN articles a ON a.seq = e.article"
			     " JOIN stories s ON s.id = a.story"
			     " WHERE e.key IN (?1, ?2) GROUP BY s.id"
			     " ORDER BY n DESC, s.last_seen DESC LIMIT ?3",
};

/* Story list statements: one per sort and combination of filters, so
 * each can use its index (an "?1 IS NULL OR" form would scan). */
#define N_FILTERS 4
#define N_LIST    (3 << N_FILTERS)

struct plx_query {
	sqlite3 *db;
	sqlite3_stmt *st[Q_N];
	sqlite3_stmt *list[N_LIST];
	char msg[256];
};

int plx_query_new(plx_store *s, plx_query **out)
{
	*out = NULL;
	plx_query *q = plx_calloc(1, sizeof *q);
	if (!q)
		return PLX_ENOMEM;
	q->db = plx_store_db(s);
	*out = q;
	return PLX_OK;
}

void plx_query_free(plx_query *q)
{
	if (!q)
		return;
	for (int i = 0; i < Q_N; i++)
		sqlite3_finalize(q->st[i]);
	for (int i = 0; i < N_LIST; i++)
		sqlite3_finalize(q->list[i]);
	plx_free(q);
}

const char *plx_query_errmsg(const plx_query *q)
{
	return q->msg;
}

static int db_error(plx_query *q, int rc)
{
	snprintf(q->msg, sizeof q->msg, "%s", sqlite3_errmsg(q->db));
	return rc == SQLITE_NOMEM ? PLX_ENOMEM : PLX_EDB;
}

static sqlite3_stmt *prep(plx_query *q, sqlite3_stmt **slot, const char *sql,
			  int *rc)
{
	if (!*slot) {
		int r = sqlite3_prepare_v3(
			q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL);
		if (r != SQLITE_OK) {
			*rc = db_error(q, r);
			sqlite3_finalize(*slot);
			*slot = NULL;
			return NULL;
		}
	}
	return *slot;
}

static const char *col_str(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int64_t col_time(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL
		       ? INT64_MIN
		       : sqlite3_column_int64(st, i);
}

static void story_row(sqlite3_stmt *st, plx_story_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->headline = col_str(st, 1);
	r->n_articles = (size_t)sqlite3_column_int64(st, 2);
	r->n_sources = (size_t)sqlite3_column_int64(st, 3);
	r->first_seen = col_time(st, 4);
	r->last_seen = col_time(st, 5);
}

static void article_row(sqlite3_stmt *st, plx_article_row *r)
{
	r->seq = sqlite3_column_int64(st, 0);
	r->id = col_str(st, 1);
	r->source = col_str(st, 2);
	r->title = col_str(st, 3);
	r->date = col_str(st, 4);
	r->url = col_str(st, 5);
	r->time = col_time(st, 6);
	r->story = sqlite3_column_type(st, 7) == SQLITE_NULL
			   ? -1
			   : sqlite3_column_int64(st, 7);
	r->extra = col_str(st, 8);
}

/* Ends a row loop: resets st; the callback's non-zero return wins. */
static int finish(plx_query *q, sqlite3_stmt *st, int rc, int ret)
{
	if (!ret && rc != SQLITE_DONE && rc != SQLITE_ROW)
		ret = db_error(q, rc);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ret;
}

int plx_query_stories(plx_query *q, const plx_story_query *f, plx_story_fn fn,
		      void *ud)
{
	int mask = (f->from != INT64_MIN) | (f->to != INT64_MIN) << 1 |
		   (f->source != NULL) << 2 | (f->entity != NULL) << 3;
	int sort = f->sort >= 0 && f->sort < 3 ? f->sort : 0;
	int slot = sort << N_FILTERS | mask;
	int ret = PLX_OK;
	if (!q->list[slot]) {
		char sql[1024];
		static const char *const order[3] = {
			"last_seen DESC, n_articles DESC, id DESC",
			"n_articles DESC, last_seen DESC, id DESC",
			("n_sources DESC, n_articles DESC, last_seen DESC,"
			 " id DESC")};
		snprintf(sql, sizeof sql,
			 "SELECT id, headline, n_articles, n_sources,"
			 " first_seen, last_seen FROM stories WHERE 1%s%s%s%s"
			 " ORDER BY %s LIMIT ?5 OFFSET ?6",
			 mask & 1 ? " AND last_seen >= ?1" : "",
			 mask & 2 ? " AND first_seen <= ?2" : "",
			 mask & 4 ? " AND id IN (SELECT story FROM articles"
				    " WHERE source = ?3)"
				  : "",
			 mask & 8 ? " AND id IN (SELECT a.story FROM entities"
				    " e JOIN articles a ON a.seq = e.article"
				    " WHERE e.key IN (?4, ?7))"
				  : "",
			 order[sort]);
		if (!prep(q, &q->list[slot], sql, &ret))
			return ret;
	}
	sqlite3_stmt *st = q->list[slot];
	char *key = NULL;
	if (mask & 1)
		sqlite3_bind_int64(st, 1, f->from);
	if (mask & 2)
		sqlite3_bind_int64(st, 2, f->to);
	if (mask & 4)
		sqlite3_bind_text(st, 3, f->source, -1, SQLITE_STATIC);
	if (mask & 8) {
		sqlite3_bind_text(st, 4, f->entity, -1, SQLITE_STATIC);
		if (plx_name_key(f->entity, strlen(f->entity), &key) == PLX_OK)
			sqlite3_bind_text(st, 7, key, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 5, f->limit ? (sqlite3_int64)f->limit : -1);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)f->offset);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		plx_story_row r;
		story_row(st, &r);
		if ((ret = fn(&r, ud)))
			break;
	}
	ret = finish(q, st, rc, ret);
	plx_free(key);
	return ret;
}

int plx_query_story(plx_query *q, int64_t id, plx_story_fn fn, void *ud)
{
	int ret = PLX_OK, rc;
	sqlite3_stmt *st = prep(q, &q->st[Q_STORY], SQL[Q_STORY], &ret);
	if (!st)
		return ret;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		plx_story_row r;
		story_row(st, &r);
		ret = fn(&r, ud);
	} else if (rc == SQLITE_DONE) {
		ret = PLX_ENOTFOUND;
	}
	return finish(q, st, rc, ret);
}

static int articles_loop(plx_query *q, sqlite3_stmt *st, plx_article_fn fn,
			 void *ud)
{
	int rc, ret = PLX_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		plx_article_row r;
		article_row(st, &r);
		if ((ret = fn(&r, ud)))
			break;
	}
	return finish(q, st, rc, ret);
}

int plx_query_story_articles(plx_query *q, int64_t story, plx_article_fn fn,
			     void *ud)
{
	int ret = PLX_OK;
	sqlite3_stmt *st =
		prep(q, &q->st[Q_STORY_ARTICLES], SQL[Q_STORY_ARTICLES], &ret);
	if (!st)
		return ret;
	sqlite3_bind_int64(st, 1, story);
	return articles_loop(q, st, fn, ud);
}

int plx_query_story_times(plx_query *q, int64_t story,
			  int (*fn)(int64_t time, const char *source, void *ud),
			  void *ud)
{
	int ret = PLX_OK, rc;
	sqlite3_stmt *st =
		prep(q, &q->st[Q_STORY_TIMES], SQL[Q_STORY_TIMES], &ret);
	if (!st)
		return ret;
	sqlite3_bind_int64(st, 1, story);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((ret = fn(col_time(st, 0), col_str(st, 1), ud)))
			break;
	return finish(q, st, rc, ret);
}

/* The record of a row of Q_ARTICLE_* or Q_STORY_RECORDS. */
static void record_row(sqlite3_stmt *st, plx_article_row *r, plx_record *rec)
{
	article_row(st, r);
	r->extra = NULL;
	memset(rec, 0, sizeof *rec);
	rec->id = r->id;
	rec->path = col_str(st, 8);
	rec->title = col_str(st, 9);
	rec->date = r->date;
	rec->source = col_str(st, 10);
	rec->url = r->url;
	rec->text = col_str(st, 11);
	rec->text_len = (size_t)sqlite3_column_bytes(st, 11);
	if (!rec->text)
		rec->text = "";
}

int plx_query_story_records(plx_query *q, int64_t story,
			    int (*fn)(const plx_record *rec,
				      const plx_article_row *row, void *ud),
			    void *ud)
{
	int ret = PLX_OK, rc;
	sqlite3_stmt *st =
		prep(q, &q->st[Q_STORY_RECORDS], SQL[Q_STORY_RECORDS], &ret);
	if (!st)
		return ret;
	sqlite3_bind_int64(st, 1, story);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		plx_article_row r;
		plx_record rec;
		record_row(st, &r, &rec);
		if ((ret = fn(&rec, &r, ud)))
			break;
	}
	return finish(q, st, rc, ret);
}

int plx_query_story_version(plx_query *q, int64_t story, int64_t *n,
			    int64_t *max_seq)
{
	int ret = PLX_OK, rc;
	sqlite3_stmt *st =
		prep(q, &q->st[Q_STORY_VERSION], SQL[Q_STORY_VERSION], &ret);
	if (!st)
		return ret;
	sqlite3_bind_int64(st, 1, story);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		*max_seq = sqlite3_column_int64(st, 1);
	}
	return finish(q, st, rc, ret);
}

int plx_query_article(plx_query *q, const char *id,
		      int (*fn)(const plx_record *rec,
				const plx_article_row *row, void *ud),
		      void *ud)
{
	int ret = PLX_OK, rc;
	int64_t seq = plx_http_uint(id);
	int which = seq >= 0 ? Q_ARTICLE_SEQ : Q_ARTICLE_ID;
	sqlite3_stmt *st = prep(q, &q->st[which], SQL[which], &ret);
	if (!st)
		return ret;
	if (seq >= 0)
		sqlite3_bind_int64(st, 1, seq);
	else
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		plx_article_row r;
		plx_record rec;
		record_row(st, &r, &rec);
		ret = fn(&rec, &r, ud);
	} else if (rc == SQLITE_DONE) {
		ret = PLX_ENOTFOUND;
	}
	return finish(q, st, rc, ret);
}

int plx_query_copies(plx_query *q, const char *id,
		     int (*fn)(const char *other, int64_t other_seq,
			       const char *other_title, const char *kind,
			       double score, int copies, void *ud),
		     void *ud)
{
	int ret = PLX_OK, rc;
	sqlite3_stmt *st = prep(q, &q->st[Q_COPIES], SQL[Q_COPIES], &ret);
	if (!st)
		return ret;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((ret = fn(col_str(st, 0),
			      sqlite3_column_type(st, 1) == SQLITE_NULL
				      ? -1
				      : sqlite3_column_int64(st, 1),
			      col_str(st, 2), col_str(st, 3),
			      sqlite3_column_double(st, 4),
			      sqlite3_column_int(st, 5), ud)))
			break;
	return finish(q, st, rc, ret);
}

/* The FTS5 query for a user's text: each word (letters, digits and any
 * non-ASCII character) as a quoted string, so operators, quotes and column
 * filters in the input are plain text. */
static int fts_query(const char *text, plx_buf *b)
{
	size_t n = 0;
	const char *p = text;
	while (*p) {
		while (*p && !((unsigned char)*p >= 0x80 ||
			       (*p >= '0' && *p <= '9') ||
			       ((*p | 32) >= 'a' && (*p | 32) <= 'z')))
			p++;
		const char *s = p;
		while ((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') ||
		       ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
			p++;
		if (p > s) {
			plx_buf_puts(b, n ? " \"" : "\"");
			plx_buf_put(b, s, (size_t)(p - s));
			plx_buf_putc(b, '"');
			n++;
		}
	}
	return n ? b->rc : PLX_EINVAL;
}

int plx_query_search(plx_query *q, const char *text, size_t limit,
		     size_t offset, plx_article_fn fn, void *ud)
{
	plx_buf m;
	plx_buf_init(&m);
	int ret = fts_query(text, &m);
	if (ret) {
		if (ret == PLX_EINVAL)
			snprintf(q->msg, sizeof q->msg,
				 "no word to search for");
		plx_buf_free(&m);
		return ret;
	}
	sqlite3_stmt *st = prep(q, &q->st[Q_SEARCH], SQL[Q_SEARCH], &ret);
	if (!st) {
		plx_buf_free(&m);
		if (strstr(q->msg, "no such table")) {
			snprintf(q->msg, sizeof q->msg,
				 "this database has no search index: open it "
				 "once with `parallax ingest` (any input) to "
				 "build it");
			return PLX_ENOTFOUND;
		}
		return ret;
	}
	sqlite3_bind_text(st, 1, m.data, (int)m.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)offset);
	ret = articles_loop(q, st, fn, ud);
	plx_buf_free(&m);
	return ret;
}

/* Binds an entity key and its normalised form (?1, ?2). */
static char *bind_key(sqlite3_stmt *st, const char *key)
{
	char *norm = NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (plx_name_key(key, strlen(key), &norm) == PLX_OK)
		sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
	return norm;
}

int plx_query_entity_articles(plx_query *q, const char *key, size_t limit,
			      plx_article_fn fn, void *ud)
{
	int ret = PLX_OK;
	sqlite3_stmt *st = prep(q, &q->st[Q_ENTITY_ARTICLES],
				SQL[Q_ENTITY_ARTICLES], &ret);
	if (!st)
		return ret;
	char *norm = bind_key(st, key);
	sqlite3_bind_int64(st, 3, limit ? (sqlite3_int64)limit : -1);
	ret = articles_loop(q, st, fn, ud);
	plx_free(norm);
	return ret;
}

int plx_query_entity_stories(plx_query *q, const char *key, size_t limit,
			     int (*fn)(const plx_story_row *row,
				       int64_t mentions, void *ud),
			     void *ud)
{
	int ret = PLX_OK, rc;
	sqlite3_stmt *st =
		prep(q, &q->st[Q_ENTITY_STORIES], SQL[Q_ENTITY_STORIES], &ret);
	if (!st)
		return ret;
	char *norm = bind_key(st, key);
	sqlite3_bind_int64(st, 3, limit ? (sqlite3_int64)limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		plx_story_row r;
		story_row(st, &r);
		if ((ret = fn(&r, sqlite3_column_int64(st, 6), ud)))
			break;
	}
	ret = finish(q, st, rc, ret);
	plx_free(norm);
	return ret;
}
