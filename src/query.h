/*
 * query.h: the read queries of `parallax serve`: stories with filters,
 * a story's articles, times and records, one article's record,
 * full-text search, entities and copies.  One plx_query per connection
 * (per server worker); rows are borrowed for the callback only.
 */
#ifndef PLX_QUERY_H
#define PLX_QUERY_H

#include <stdint.h>

#include "parallax.h"

typedef struct plx_query plx_query;

/* The story queries (articles, times, records for the coverage report)
 * read a story's latest this many articles: a story page stays fast and
 * readable when a long-running story has thousands (the report re-analyses
 * each one); its counts still cover them all. */
#define PLX_STORY_MAX_ARTICLES 200

/* Wraps s's connection (borrowed for q's life); statements are prepared on
 * first use and kept.  Caller frees with plx_query_free. */
int plx_query_new(plx_store *s, plx_query **out);
void plx_query_free(plx_query *q);

/* Message for the last failure, borrowed until the next call. */
const char *plx_query_errmsg(const plx_query *q);

enum { PLX_SORT_RECENT = 0, PLX_SORT_SIZE, PLX_SORT_SOURCES };

/* Filters and paging of the story list.  Unset: from/to INT64_MIN,
 * source/entity NULL. */
typedef struct plx_story_query {
	int sort;           /* PLX_SORT_* */
	int64_t from, to;   /* stories with articles between (Unix seconds) */
	const char *source; /* with an article from this source */
	const char *entity; /* with an article naming this entity key */
	size_t limit, offset;
} plx_story_query;

typedef int (*plx_story_fn)(const plx_story_row *row, void *ud);

/* The stories matching f, in its order. */
int plx_query_stories(plx_query *q, const plx_story_query *f, plx_story_fn fn,
		      void *ud);

/* One story; PLX_ENOTFOUND when there is none. */
int plx_query_story(plx_query *q, int64_t id, plx_story_fn fn, void *ud);

/* An article as listed (no text). */
typedef struct plx_article_row {
	int64_t seq;
	const char *id, *source, *title, *date, *url;
	int64_t time;      /* INT64_MIN when undated */
	int64_t story;     /* -1 when none */
	const char *extra; /* per query: a search snippet (with \x01 and \x02
			      around matches), an entity's name */
} plx_article_row;

typedef int (*plx_article_fn)(const plx_article_row *row, void *ud);

/* A story's (latest PLX_STORY_MAX_ARTICLES) articles by time (undated
 * last), then ingest order. */
int plx_query_story_articles(plx_query *q, int64_t story, plx_article_fn fn,
			     void *ud);

/* The article whose seq (when id is all digits) or id is given, as the
 * record it was read from (for re-analysis), with its row; PLX_ENOTFOUND
 * when there is none. */
int plx_query_article(plx_query *q, const char *id,
		      int (*fn)(const plx_record *rec,
				const plx_article_row *row, void *ud),
		      void *ud);

/* A story's (latest PLX_STORY_MAX_ARTICLES) articles as the records they
 * were read from, in ingest order, for re-analysis (the coverage report). */
int plx_query_story_records(plx_query *q, int64_t story,
			    int (*fn)(const plx_record *rec,
				      const plx_article_row *row, void *ud),
			    void *ud);

/* What a story's report depends on: its number of articles and its
 * newest ingest sequence number (articles are only ever added, so the
 * pair names one set of articles). */
int plx_query_story_version(plx_query *q, int64_t story, int64_t *n,
			    int64_t *max_seq);

/* Copy relations touching an article id, both ways: other is the other
 * article's id, copies 1 when article copies other. */
int plx_query_copies(plx_query *q, const char *id,
		     int (*fn)(const char *other, int64_t other_seq,
			       const char *other_title, const char *kind,
			       double score, int copies, void *ud),
		     void *ud);

/* Full-text search of titles and text for the words of text (each word
 * quoted: no FTS5 syntax reaches SQLite), best first; row->extra is a
 * snippet.  PLX_EINVAL when text has no word; PLX_ENOTFOUND when the
 * database has no search index (made by a newer `ingest`). */
int plx_query_search(plx_query *q, const char *text, size_t limit,
		     size_t offset, plx_article_fn fn, void *ud);

/* Articles naming an entity (by key, or by a name that normalises to it),
 * newest first; row->extra is the name as the article writes it. */
int plx_query_entity_articles(plx_query *q, const char *key, size_t limit,
			      plx_article_fn fn, void *ud);

/* Stories with an article naming the entity, with how many. */
int plx_query_entity_stories(plx_query *q, const char *key, size_t limit,
			     int (*fn)(const plx_story_row *row,
				       int64_t mentions, void *ud),
			     void *ud);

/* A story's article times, ascending (dated articles only). */
int plx_query_story_times(plx_query *q, int64_t story,
			  int (*fn)(int64_t time, const char *source, void *ud),
			  void *ud);

#endif
