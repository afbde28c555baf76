/*
 * store.c: the SQLite database (WAL mode).  Articles keep their text and
 * metadata, with indexed tables for entities and quotes (the full analysis
 * is not stored: it is recomputed from the text when shown, about 50 us an
 * article, which keeps the database near 1.5 KB an article); stories and copy
 * relations have their own tables.  Identity is the record id, else the
 * content hash, so ingesting the same article twice stores it once.
 * Writes happen inside caller-driven transactions (one per batch): after
 * a crash the database holds whole batches only.
 */
#include "store.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t on the stack */
#include <xxhash.h>

#include "article.h"
#include "mem.h"

static const char SCHEMA[] =
	"CREATE TABLE IF NOT EXISTS articles("
	" seq INTEGER PRIMARY KEY," /* ingest order */
	" id TEXT NOT NULL UNIQUE,"
	" hash INTEGER NOT NULL," /* plx_article_hash, as signed 64-bit */
	" path TEXT, source TEXT, title TEXT, dateline TEXT, date TEXT,"
	" time INTEGER," /* seconds since the epoch, or NULL */
	" url TEXT, text TEXT NOT NULL,"
	" rec_title TEXT, rec_source TEXT," /* as the input gave them, for
					      replaying the analysis */
	" story INTEGER, story_score REAL);"
	"CREATE INDEX IF NOT EXISTS articles_hash ON articles(hash);"
	"CREATE INDEX IF NOT EXISTS articles_story ON articles(story, time);"
	"CREATE TABLE IF NOT EXISTS entities("
	" article INTEGER NOT NULL REFERENCES articles(seq),"
	" key TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,"
	" mentions INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS entities_key ON entities(key);"
	"CREATE INDEX IF NOT EXISTS entities_article ON entities(article);"
	"CREATE TABLE IF NOT EXISTS quotes("
	" article INTEGER NOT NULL REFERENCES articles(seq),"
	" speaker TEXT, text TEXT NOT NULL, partial INTEGER NOT NULL,"
	" paragraph INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article);"
	"CREATE TABLE IF NOT EXISTS stories("
	" id INTEGER PRIMARY KEY, headline TEXT,"
	" n_articles INTEGER NOT NULL, n_sources INTEGER NOT NULL,"
	" first_seen INTEGER, last_seen INTEGER);"
	"CREATE INDEX IF NOT EXISTS stories_size ON stories(n_articles);"
	"CREATE INDEX IF NOT EXISTS stories_recent ON stories(last_seen);"
	"CREATE TABLE IF NOT EXISTS copies("
	" article TEXT NOT NULL, original TEXT NOT NULL, kind TEXT NOT NULL,"
	" score REAL NOT NULL, PRIMARY KEY(article, original, kind));"
	/* Schema 2 (serve): full-text search over titles and text, an FTS5
	 * index on the articles table (external content), and the stories by
	 * number of sources.  Schema 3: new articles are indexed once per
	 * transaction, at commit (index_pending), not by an insert trigger:
	 * with the trigger every later statement of the batch opened a
	 * savepoint, at which FTS5 (SQLite 3.40) flushes its pending terms
	 * as a new segment: one segment and its merges per article, a fifth
	 * of ingest time. */
	"CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
	" title, text, content='articles', content_rowid='seq');"
	"DROP TRIGGER IF EXISTS articles_fts_ins;"
	"CREATE TRIGGER IF NOT EXISTS articles_fts_del AFTER DELETE ON articles"
	" BEGIN INSERT INTO articles_fts(articles_fts, rowid, title, text)"
	" VALUES('delete', old.seq, old.title, old.text); END;"
	"CREATE INDEX IF NOT EXISTS stories_sources ON stories(n_sources);";

/* Run when an older database is brought to this schema: articles stored
 * before the search index existed are indexed once. */
static const char BACKFILL[] =
	"INSERT INTO articles_fts(articles_fts) VALUES('rebuild');";

/* Prepared statements, compiled once per connection. */
enum {
	ST_FIND_ID,
	ST_FIND_HASH,
	ST_PUT_ARTICLE,
	ST_PUT_ENTITY,
	ST_PUT_QUOTE,
	ST_PUT_STORY,
	ST_PUT_COPY,
	ST_STORIES_SIZE,
	ST_STORIES_RECENT,
	ST_RECORDS,
	ST_COUNT_ARTICLES,
	ST_COUNT_STORIES,
	ST_FTS_ADD,
	ST_N
};

static const char *const SQL[ST_N] = {
	[ST_FIND_ID] = "SELECT seq FROM articles WHERE id = ?1",
	[ST_FIND_HASH] = "SELECT seq FROM articles WHERE hash = ?1 LIMIT 1",
	[ST_PUT_ARTICLE] =
		"INSERT INTO articles(id, hash, path, source, title, dateline,"
		" date, time, url, text, story, story_score, rec_title,"
		" rec_source)"
		" VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
	[ST_PUT_ENTITY] = "INSERT INTO entities(article, key, name, type,"
			  " mentions) VALUES(?1,?2,?3,?4,?5)",
	[ST_PUT_QUOTE] = "INSERT INTO quotes(article, speaker, text, partial,"
			 " paragraph) VALUES(?1,?2,?3,?4,?5)",
	[ST_PUT_STORY] = "INSERT OR REPLACE INTO stories(id, headline,"
			 " n_articles, n_sources, first_seen, last_seen)"
			 " VALUES(?1,?2,?3,?4,?5,?6)",
	[ST_PUT_COPY] = "INSERT OR REPLACE INTO copies(article, original, kind,"
			" score) VALUES(?1,?2,?3,?4)",
	[ST_STORIES_SIZE] = "SELECT id, headline, n_articles, n_sources,"
			    " first_seen, last_seen FROM stories ORDER BY"
			    " n_articles DESC, last_seen DESC, id"
			    " LIMIT ?1 OFFSET ?2",
	[ST_STORIES_RECENT] = "SELECT id, headline, n_articles, n_sources,"
			      " first_seen, last_seen FROM stories ORDER BY"
			      " last_seen DESC, n_articles DESC, id"
			      " LIMIT ?1 OFFSET ?2",
	[ST_RECORDS] = "SELECT seq, id, path, rec_title, date, rec_source,"
		       " url, text, story FROM articles ORDER BY seq",
	[ST_COUNT_ARTICLES] = "SELECT count(*) FROM articles",
	[ST_COUNT_STORIES] = "SELECT count(*) FROM stories",
	[ST_FTS_ADD] = "INSERT INTO articles_fts(rowid, title, text)"
		       " SELECT seq, title, text FROM articles WHERE seq >= ?1",
};

struct plx_store {
	sqlite3 *db;
	sqlite3_stmt *st[ST_N];
	int readonly;
	int64_t fts_from; /* first article of the open transaction not yet
			     in the search index, or -1 */
};

/* Busy timeout: a concurrent writer (another ingest) or a checkpoint holds
 * the lock for at most a batch; wait that long before reporting it. */
#define BUSY_TIMEOUT_MS 10000
/* SQLite page cache of the writer, in KiB (SQLite's default is 2 MiB).
 * The random-key indexes (id, hash, entity key, copies) touch pages all
 * over their B-trees: with 2 MiB, at 100,000+ articles most inserts read
 * pages back from the OS and spill dirty ones mid-transaction (a third of
 * ingest time at 200,000 articles, bench/ingest_scale.sh). */
#define PLX_STORE_CACHE_KIB 65536
#define PLX_XSTR(x)         #x
#define PLX_STR(x)          PLX_XSTR(x)

static int exec(plx_store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK
		       ? PLX_OK
		       : PLX_EDB;
}

void plx_store_close(plx_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST_N; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_close(s->db);
	plx_free(s);
}

int plx_store_open(const char *path, int flags, plx_store **out, char *msg,
		   size_t msglen)
{
	*out = NULL;
	if (msg && msglen)
		msg[0] = 0;
	plx_store *s = plx_calloc(1, sizeof *s);
	if (!s)
		return PLX_ENOMEM;
	s->readonly = (flags & PLX_STORE_READONLY) != 0;
	s->fts_from = -1;
	int oflags = s->readonly ? SQLITE_OPEN_READONLY
				 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(path, &s->db, oflags, NULL);
	if (rc == SQLITE_OK)
		sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK && !s->readonly) {
		/* WAL: readers (serve) never block the writer (ingest).
		 * synchronous=NORMAL in WAL loses at most the last commits on
		 * power loss, never consistency. */
		rc = sqlite3_exec(
			s->db,
			"PRAGMA journal_mode=WAL;"
			"PRAGMA synchronous=NORMAL;"
			"PRAGMA foreign_keys=ON;"
			"PRAGMA cache_size=-" PLX_STR(PLX_STORE_CACHE_KIB) ";",
			NULL, NULL, NULL);
		int version = 0;
		if (rc == SQLITE_OK) {
			sqlite3_stmt *v = NULL;
			rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version",
						-1, &v, NULL);
			if (rc == SQLITE_OK && sqlite3_step(v) == SQLITE_ROW)
				version = sqlite3_column_int(v, 0);
			sqlite3_finalize(v);
			if (rc == SQLITE_OK && version > PLX_STORE_SCHEMA) {
				if (msg)
					snprintf(msg, msglen,
						 "%s: database schema %d is "
						 "newer "
						 "than this parallax (%d)",
						 path, version,
						 PLX_STORE_SCHEMA);
				plx_store_close(s);
				return PLX_EDB;
			}
		}
		/* The schema is written only when missing or older, so an
		 * up-to-date database opens without a write lock; IMMEDIATE
		 * takes the lock at BEGIN, where the busy timeout applies (a
		 * deferred BEGIN that reads first fails at once when another
		 * writer holds the lock). */
		int make = rc == SQLITE_OK && version < PLX_STORE_SCHEMA;
		if (make)
			rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE;", NULL, NULL,
					  NULL);
		if (make && rc == SQLITE_OK)
			rc = sqlite3_exec(s->db, SCHEMA, NULL, NULL, NULL);
		if (make && rc == SQLITE_OK && version > 0 && version < 2)
			rc = sqlite3_exec(s->db, BACKFILL, NULL, NULL, NULL);
		if (make && rc == SQLITE_OK) {
			char pragma[64];
			snprintf(pragma, sizeof pragma,
				 "PRAGMA user_version=%d; COMMIT;",
				 PLX_STORE_SCHEMA);
			rc = sqlite3_exec(s->db, pragma, NULL, NULL, NULL);
		}
	}
	for (int i = 0; rc == SQLITE_OK && i < ST_N; i++) {
		if (s->readonly && (i == ST_PUT_ARTICLE || i == ST_PUT_ENTITY ||
				    i == ST_PUT_QUOTE || i == ST_PUT_STORY ||
				    i == ST_PUT_COPY || i == ST_FTS_ADD))
			continue;
		rc = sqlite3_prepare_v3(s->db, SQL[i], -1,
					SQLITE_PREPARE_PERSISTENT, &s->st[i],
					NULL);
	}
	if (rc != SQLITE_OK) {
		if (msg)
			snprintf(msg, msglen, "%s: %s", path,
				 s->db ? sqlite3_errmsg(s->db)
				       : sqlite3_errstr(rc));
		int code = rc == SQLITE_NOMEM ? PLX_ENOMEM : PLX_EDB;
		plx_store_close(s);
		return code;
	}
	*out = s;
	return PLX_OK;
}

void plx_store_set_busy_timeout(plx_store *s, int ms)
{
	if (s && s->db)
		sqlite3_busy_timeout(s->db, ms);
}

int plx_store_set_cache(plx_store *s, size_t kib)
{
	char sql[64];
	if (!s || !s->db || kib > (size_t)INT_MAX) /* SQLite reads an int */
		return PLX_EINVAL;
	snprintf(sql, sizeof sql, "PRAGMA cache_size=-%zu;", kib);
	return exec(s, sql);
}

const char *plx_store_errmsg(const plx_store *s)
{
	return s && s->db ? sqlite3_errmsg(s->db) : "no database";
}

/* Adds the articles from seq s->fts_from on to the search index. */
static int index_pending(plx_store *s)
{
	if (s->fts_from < 0)
		return PLX_OK;
	sqlite3_stmt *st = s->st[ST_FTS_ADD];
	sqlite3_bind_int64(st, 1, s->fts_from);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc == SQLITE_NOMEM ? PLX_ENOMEM : PLX_EDB;
	s->fts_from = -1;
	return PLX_OK;
}

int plx_store_begin(plx_store *s)
{
	s->fts_from = -1;
	return exec(s, "BEGIN IMMEDIATE");
}

int plx_store_commit(plx_store *s)
{
	int rc = index_pending(s);
	return rc ? rc : exec(s, "COMMIT");
}

int plx_store_rollback(plx_store *s)
{
	s->fts_from = -1;
	if (sqlite3_get_autocommit(s->db))
		return PLX_OK;
	return exec(s, "ROLLBACK");
}

uint64_t plx_article_hash(const plx_article *art)
{
	XXH3_state_t st;
	XXH3_64bits_reset(&st);
	for (size_t p = 0; p < art->n_paras; p++) {
		const plx_paragraph *para = &art->paras[p];
		if (para->kind != PLX_PARA_BODY)
			continue;
		for (size_t s = 0; s < para->n_sentences; s++) {
			const plx_sentence *sn =
				&art->sents[para->first_sentence + s];
			for (size_t t = 0; t < sn->n_tokens; t++) {
				const plx_token *tk =
					&art->toks[sn->first_token + t];
				if (tk->flags & PLX_TOK_PUNCT)
					continue;
				XXH3_64bits_update(&st, tk->norm,
						   strlen(tk->norm) + 1);
			}
		}
	}
	return XXH3_64bits_digest(&st);
}

/* Runs a one-row lookup; 1 found (seq set), 0 not, or an error. */
static int lookup(sqlite3_stmt *st, int64_t *seq)
{
	int rc = sqlite3_step(st);
	int found = rc == SQLITE_ROW;
	if (found && seq)
		*seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return PLX_EDB;
	return found;
}

int plx_store_find(plx_store *s, const char *id, uint64_t hash, int64_t *seq)
{
	if (id) {
		sqlite3_bind_text(s->st[ST_FIND_ID], 1, id, -1, SQLITE_STATIC);
		int rc = lookup(s->st[ST_FIND_ID], seq);
		sqlite3_clear_bindings(s->st[ST_FIND_ID]);
		return rc;
	}
	sqlite3_bind_int64(s->st[ST_FIND_HASH], 1, (sqlite3_int64)hash);
	return lookup(s->st[ST_FIND_HASH], seq);
}

int plx_store_keys(plx_store *s,
		   int (*fn)(const char *id, uint64_t hash, void *ud), void *ud)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id, hash FROM articles", -1, &st,
			       NULL) != SQLITE_OK)
		return PLX_EDB;
	int rc, ret = PLX_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !ret) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		ret = fn(id ? id : "", (uint64_t)sqlite3_column_int64(st, 1),
			 ud);
	}
	if (!ret && rc != SQLITE_DONE)
		ret = rc == SQLITE_NOMEM ? PLX_ENOMEM : PLX_EDB;
	sqlite3_finalize(st);
	return ret;
}

/* The record of a row "seq, id, path, rec_title, date, rec_source, url,
 * text": its strings are borrowed until the statement steps again. */
static void row_record(sqlite3_stmt *st, plx_record *r)
{
	memset(r, 0, sizeof *r);
	r->id = (const char *)sqlite3_column_text(st, 1);
	r->path = (const char *)sqlite3_column_text(st, 2);
	r->title = (const char *)sqlite3_column_text(st, 3);
	r->date = (const char *)sqlite3_column_text(st, 4);
	r->source = (const char *)sqlite3_column_text(st, 5);
	r->url = (const char *)sqlite3_column_text(st, 6);
	r->text = (const char *)sqlite3_column_text(st, 7);
	r->text_len = (size_t)sqlite3_column_bytes(st, 7);
}

int plx_store_records(plx_store *s,
		      int (*fn)(const plx_record *rec, int64_t seq,
				int64_t story, void *ud),
		      void *ud)
{
	sqlite3_stmt *st = s->st[ST_RECORDS];
	int rc, ret = PLX_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		plx_record r;
		row_record(st, &r);
		int64_t story = sqlite3_column_type(st, 8) == SQLITE_NULL
					? -1
					: sqlite3_column_int64(st, 8);
		if ((ret = fn(&r, sqlite3_column_int64(st, 0), story, ud)))
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = PLX_EDB;
	sqlite3_reset(st);
	return ret;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Steps an INSERT to completion and resets it. */
static int step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return PLX_OK;
	return rc == SQLITE_NOMEM ? PLX_ENOMEM : PLX_EDB;
}

const char *plx_store_id(const plx_article *art, uint64_t hash, char *buf,
			 size_t len)
{
	if (art->id)
		return art->id;
	snprintf(buf, len, "%016llx", (unsigned long long)hash);
	return buf;
}

int plx_store_put(plx_store *s, const plx_store_article *a, int64_t *seq)
{
	if (s->readonly)
		return PLX_EINVAL;
	const plx_article *art = a->art;
	int rc;
	char idbuf[32];
	const char *id = plx_store_id(art, a->hash, idbuf, sizeof idbuf);
	sqlite3_stmt *st = s->st[ST_PUT_ARTICLE];
	bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)a->hash);
	bind_text(st, 3, art->path);
	bind_text(st, 4, art->source);
	bind_text(st, 5, art->title);
	bind_text(st, 6, art->dateline);
	bind_text(st, 7, art->date);
	if (a->time != INT64_MIN)
		sqlite3_bind_int64(st, 8, a->time);
	bind_text(st, 9, art->url);
	sqlite3_bind_text(st, 10, art->text, (int)art->len, SQLITE_STATIC);
	if (a->story >= 0) {
		sqlite3_bind_int64(st, 11, a->story);
		sqlite3_bind_double(st, 12, a->story_score);
	}
	if (a->rec) {
		bind_text(st, 13, a->rec->title);
		bind_text(st, 14, a->rec->source);
	}
	if ((rc = step_done(st)))
		return rc;
	int64_t row = sqlite3_last_insert_rowid(s->db);
	if (seq)
		*seq = row;
	if (s->fts_from < 0)
		s->fts_from = row;
	if (sqlite3_get_autocommit(s->db) && (rc = index_pending(s)))
		return rc;

	for (size_t i = 0; i < art->n_ents && !rc; i++) {
		const plx_entity *e = &art->ents[i];
		st = s->st[ST_PUT_ENTITY];
		sqlite3_bind_int64(st, 1, row);
		bind_text(st, 2, e->key ? e->key : e->name);
		bind_text(st, 3, e->name);
		bind_text(st, 4, plx_entity_type_name(e->type));
		sqlite3_bind_int64(st, 5, (sqlite3_int64)e->n_mentions);
		rc = step_done(st);
	}
	for (size_t i = 0; i < art->n_quotes && !rc; i++) {
		const plx_quote *q = &art->quotes[i];
		st = s->st[ST_PUT_QUOTE];
		sqlite3_bind_int64(st, 1, row);
		bind_text(st, 2, q->speaker);
		sqlite3_bind_text(st, 3, art->text + q->start,
				  (int)(q->end - q->start), SQLITE_STATIC);
		sqlite3_bind_int(st, 4, q->partial);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)q->paragraph);
		rc = step_done(st);
	}
	return rc;
}

int plx_store_put_story(plx_store *s, const plx_story_row *r)
{
	if (s->readonly)
		return PLX_EINVAL;
	sqlite3_stmt *st = s->st[ST_PUT_STORY];
	sqlite3_bind_int64(st, 1, r->id);
	bind_text(st, 2, r->headline);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)r->n_articles);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)r->n_sources);
	if (r->first_seen != INT64_MIN)
		sqlite3_bind_int64(st, 5, r->first_seen);
	if (r->last_seen != INT64_MIN)
		sqlite3_bind_int64(st, 6, r->last_seen);
	return step_done(st);
}

int plx_store_put_copy(plx_store *s, const char *article, const char *original,
		       const char *kind, double score)
{
	if (s->readonly)
		return PLX_EINVAL;
	sqlite3_stmt *st = s->st[ST_PUT_COPY];
	bind_text(st, 1, article);
	bind_text(st, 2, original);
	bind_text(st, 3, kind);
	sqlite3_bind_double(st, 4, score);
	return step_done(st);
}

static int64_t col_time(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL
		       ? INT64_MIN
		       : sqlite3_column_int64(st, i);
}

int plx_store_stories(plx_store *s, int order, size_t limit, size_t offset,
		      int (*fn)(const plx_story_row *row, void *ud), void *ud)
{
	sqlite3_stmt *st = s->st[order == PLX_ORDER_RECENT ? ST_STORIES_RECENT
							   : ST_STORIES_SIZE];
	sqlite3_bind_int64(st, 1, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)offset);
	int rc, ret = PLX_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		plx_story_row r;
		r.id = sqlite3_column_int64(st, 0);
		r.headline = (const char *)sqlite3_column_text(st, 1);
		r.n_articles = (size_t)sqlite3_column_int64(st, 2);
		r.n_sources = (size_t)sqlite3_column_int64(st, 3);
		r.first_seen = col_time(st, 4);
		r.last_seen = col_time(st, 5);
		if ((ret = fn(&r, ud)))
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = PLX_EDB;
	sqlite3_reset(st);
	return ret;
}

sqlite3 *plx_store_db(plx_store *s)
{
	return s->db;
}

static int count(sqlite3_stmt *st, int64_t *out)
{
	*out = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? PLX_OK : PLX_EDB;
}

int plx_store_counts(plx_store *s, int64_t *articles, int64_t *stories)
{
	int rc = count(s->st[ST_COUNT_ARTICLES], articles);
	return rc ? rc : count(s->st[ST_COUNT_STORIES], stories);
}

/* The records of one story, in ingest order (story reports).  A statement
 * of its own, prepared per call: a report is one call, not a hot loop. */
int plx_store_story_records(plx_store *s, int64_t story,
			    int (*fn)(const plx_record *rec, int64_t seq,
				      void *ud),
			    void *ud)
{
	sqlite3_stmt *st = NULL;
	/* A record that named no source gets the outlet ingest found (from
	 * its text, URL or outlets table), so a report needs no --outlets. */
	if (sqlite3_prepare_v2(s->db,
			       "SELECT seq, id, path, rec_title, date,"
			       " COALESCE(rec_source, source), url, text"
			       " FROM articles WHERE story = ?1 ORDER BY seq",
			       -1, &st, NULL) != SQLITE_OK)
		return PLX_EDB;
	sqlite3_bind_int64(st, 1, story);
	int rc, ret = PLX_OK;
	size_t n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		plx_record r;
		row_record(st, &r);
		n++;
		if ((ret = fn(&r, sqlite3_column_int64(st, 0), ud)))
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = rc == SQLITE_NOMEM ? PLX_ENOMEM : PLX_EDB;
	if (!ret && n == 0)
		ret = PLX_ENOTFOUND;
	sqlite3_finalize(st);
	return ret;
}

/* Story revision: an article moved to another story.  Rare (a few in a
 * hundred articles), so the statement is prepared per call. */
int plx_store_move(plx_store *s, const char *id, int64_t story, double score)
{
	if (!s || !id || s->readonly)
		return PLX_EINVAL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(
		    s->db,
		    "UPDATE articles SET story = ?1, story_score = ?2"
		    " WHERE id = ?3",
		    -1, &st, NULL) != SQLITE_OK)
		return PLX_EDB;
	sqlite3_bind_int64(st, 1, story);
	sqlite3_bind_double(st, 2, score);
	bind_text(st, 3, id);
	int rc = step_done(st);
	if (!rc && sqlite3_changes(s->db) != 1)
		rc = PLX_ENOTFOUND;
	sqlite3_finalize(st);
	return rc;
}
