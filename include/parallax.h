/*
 * parallax.h: the one public header of the parallax news coverage engine.
 *
 * Pipeline: a reader yields records (plx_record) from text, JSON Lines,
 * HTML and gzip files; an analyzer turns each record into an article
 * (plx_article): cleaned paragraphs, sentences, tokens, entities, quotes and
 * register.
 *
 * Conventions: functions return an int status (PLX_OK or a negative PLX_E*
 * code); results come back through an out parameter set to NULL on failure.
 * Ownership is stated on every function: "caller frees with ..." (every
 * _free function takes NULL as a no-op), "borrowed until ..." or "takes
 * ownership".
 * Text goes in as pointer plus length.  Every span (paragraph, sentence,
 * token, mention, quote) is a pair of byte offsets [start, end) into the
 * article's text, plx_article_text().  The library never prints, exits or
 * aborts.
 */
#ifndef PARALLAX_H
#define PARALLAX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PLX_VERSION "0.1.0"

/* ---- Status codes ---------------------------------------------------- */

enum {
	PLX_OK = 0,
	PLX_ENOMEM = -1,    /* out of memory */
	PLX_EINVAL = -2,    /* invalid argument */
	PLX_EIO = -3,       /* file could not be opened or read */
	PLX_EFORMAT = -4,   /* malformed record (bad JSON, truncated gzip...) */
	PLX_ETOOBIG = -5,   /* input over a named limit */
	PLX_EEMPTY = -6,    /* record with no usable text */
	PLX_EUTF8 = -7,     /* invalid UTF-8 where it cannot be repaired */
	PLX_ENUL = -8,      /* NUL byte inside text */
	PLX_EDB = -9,       /* storage error */
	PLX_ENOTFOUND = -10 /* no such story (plx_stories_get) */
};

/* An English message for a status code ("unknown error" for any other
 * value); a static string, borrowed for the program's life. */
const char *plx_strerror(int code);

/* ---- Memory ---------------------------------------------------------- */

/* Allocator hook.  Every allocation of the library goes through it, so tests
 * can make the n-th allocation fail.  All three functions must be set. */
typedef struct plx_allocator {
	void *(*malloc)(size_t size, void *ud);
	void *(*realloc)(void *ptr, size_t size, void *ud);
	void (*free)(void *ptr, void *ud);
	void *ud;
} plx_allocator;

/* Installs a (copied) allocator; NULL restores the C library's.  Not
 * thread-safe: call before creating any object. */
void plx_set_allocator(const plx_allocator *alloc);

/* Frees memory the library handed to the caller (strings from renderers,
 * plx_name_key, plx_dedup_report) through the installed allocator.  NULL
 * is a no-op. */
void plx_free(void *ptr);

/* ---- Limits ---------------------------------------------------------- */

/* Named limits, each with its reason.  Defaults in plx_limits_default(). */
typedef struct plx_limits {
	size_t max_record_bytes; /* one record's text: longer ones are skipped
				    (default 8 MiB; no article is that long) */
	size_t max_line_bytes;   /* one JSON Lines line: longer ones are
				    skipped without being held in memory
				    (default 16 MiB) */
	size_t max_paragraphs;   /* paragraphs per article: past it, the rest
				    of the text is one last paragraph labelled
				    other, bounding the per-paragraph work of
				    later stages (default 4096) */
	size_t max_quote_bytes;  /* a quotation longer than this is not a quote
				    but an unbalanced mark (default 4096) */
	size_t max_gzip_ratio;   /* decompressed/compressed bytes before a .gz
				    is taken for a bomb (default 1000; per
				    gzip member in a .warc.gz) */
	size_t max_warc_record_bytes; /* one WARC record's block: a larger
					 record is skipped unread (default
					 32 MiB, the HTML page limit; 0
					 means the default) */
} plx_limits;

/* Fills *out with the default limits. */
void plx_limits_default(plx_limits *out);

/* ---- Reading --------------------------------------------------------- */

/* One input record.  Strings are NUL-terminated valid UTF-8, NULL when the
 * input did not have the field.  Borrowed until the next plx_reader_next. */
typedef struct plx_record {
	const char *path; /* file it came from ("-" for standard input) */
	size_t line;      /* 1-based line of a JSON Lines record, else 0 */
	const char *id;
	const char *title;
	const char *date;
	const char *source;
	const char *url;
	const char *text;
	size_t text_len;
	int json; /* text is a JSON Lines line not parsed yet (only from a
		     reader told plx_reader_defer_json); other fields NULL */
} plx_record;

typedef struct plx_reader plx_reader;

/* Creates a reader; limits may be NULL for the defaults.  Caller frees with
 * plx_reader_free. */
int plx_reader_new(const plx_limits *limits, plx_reader **out);

/* Queues a path: a file (.txt, .jsonl/.ndjson/.json, .html/.htm: one
 * record, the page's article, see plx_html_extract; each possibly .gz), a
 * directory (read recursively, in name order) or "-" for standard input
 * (JSON Lines, an HTML page or text, sniffed).  path is copied.
 * Nothing is opened until plx_reader_next, so a missing file is reported
 * there.  PLX_EINVAL for an empty path, PLX_ENOMEM. */
int plx_reader_add(plx_reader *r, const char *path);

/* Next record.  Returns 1 and sets *rec (borrowed until the next call), 0 at
 * the end of all input, or a negative status for a bad record or file: the
 * message (naming file and line) is in plx_reader_errmsg, the bad input is
 * skipped and counted, and the next call goes on with the rest. */
int plx_reader_next(plx_reader *r, const plx_record **rec);

/* Message for the last failure, borrowed until the next call. */
const char *plx_reader_errmsg(const plx_reader *r);

/* Records returned so far and records (or files) skipped as bad. */
size_t plx_reader_count(const plx_reader *r);
size_t plx_reader_skipped(const plx_reader *r);

/* Input bytes read so far (compressed bytes for .gz files) and, when every
 * queued path is a regular file, their total size (else 0: unknown), for
 * a progress estimate. */
void plx_reader_progress(const plx_reader *r, uint64_t *done, uint64_t *total);

/* Closes the open file, if any, and frees r; NULL is a no-op. */
void plx_reader_free(plx_reader *r);

/* Deferred parsing, for plx_pipe: with on set, plx_reader_next hands each
 * (non-blank) JSON Lines line unparsed, a record with json set, text the
 * line (text_len bytes; not NUL-terminated), path and line; its JSON errors
 * come later, from whoever parses it.  plx_pipe parses such records in its
 * worker threads (a bad one: plx_pipe_pop's status, plx_pipe_errmsg);
 * plx_analyze parses one itself.  Other formats are not affected. */
void plx_reader_defer_json(plx_reader *r, int on);

/* WARC input (.warc, .warc.gz, or sniffed by its "WARC/1." start): each
 * response record holding an HTML page with HTTP status 200 is one record
 * (the page's article, plx_html_extract with the record's target URI and
 * the charset of its HTTP Content-Type; id: the target URI; url: the
 * page's canonical URL, else the target URI; date: the page's, else the
 * WARC-Date).  Other records are skipped and counted here, not reported
 * as bad. */
typedef struct plx_warc_stats {
	size_t records;      /* WARC records seen */
	size_t pages;        /* HTML responses given to the extractor */
	size_t not_response; /* warcinfo, request, metadata, revisit... */
	size_t not_ok;       /* responses with an HTTP status other than 200 */
	size_t not_html;     /* responses whose payload is not HTML */
	size_t bad;          /* records (or damaged stretches) reported as
				bad; also counted in plx_reader_skipped */
} plx_warc_stats;

/* Fills *out with the WARC counts of all files read so far. */
void plx_reader_warc_stats(const plx_reader *r, plx_warc_stats *out);

/* ---- Analysis -------------------------------------------------------- */

typedef enum plx_para_kind {
	PLX_PARA_BODY = 0,
	PLX_PARA_TITLE,
	PLX_PARA_MASTHEAD,
	PLX_PARA_CAPTION,
	PLX_PARA_RELATED,
	PLX_PARA_CREDIT,
	PLX_PARA_OTHER
} plx_para_kind;

typedef enum plx_register {
	PLX_REG_REPORTING = 0,
	PLX_REG_OPINION
} plx_register;

typedef enum plx_entity_type {
	PLX_ENT_PERSON = 0,
	PLX_ENT_ORG,
	PLX_ENT_PLACE,
	PLX_ENT_OTHER
} plx_entity_type;

/* Token flags. */
enum {
	PLX_TOK_WORD = 1 << 0,   /* letters (possibly with digits, - and ') */
	PLX_TOK_NUMBER = 1 << 1, /* starts with a digit */
	PLX_TOK_PUNCT = 1 << 2,  /* punctuation or symbol */
	PLX_TOK_UPPER = 1 << 3,  /* first letter is upper case */
	PLX_TOK_QUOTE = 1 << 4,  /* a quotation mark */
	PLX_TOK_STOP = 1 << 5    /* a stop word */
};

typedef struct plx_paragraph {
	size_t start, end;
	plx_para_kind kind;
	plx_register reg;      /* meaningful for body paragraphs */
	float opinion;         /* opinion score in [0,1]; reg is its cut */
	size_t first_sentence; /* index into plx_article_sentences */
	size_t n_sentences;
} plx_paragraph;

typedef struct plx_sentence {
	size_t start, end;
	size_t paragraph;
	size_t first_token; /* index into plx_article_tokens */
	size_t n_tokens;
	plx_register reg;
	float opinion;
} plx_sentence;

typedef struct plx_token {
	size_t start, end;
	const char *norm; /* NFKC case-folded form */
	const char *stem; /* Snowball English stem of norm (== norm if none) */
	unsigned flags;   /* PLX_TOK_* */
} plx_token;

typedef struct plx_mention {
	size_t start, end;
	size_t sentence;
} plx_mention;

typedef struct plx_entity {
	const char *name; /* canonical (longest clean) name */
	const char *key;  /* normalised name key for matching across
			     articles ("sergei lavrov"); see
			     plx_name_key */
	plx_entity_type type;
	const plx_mention *mentions;
	size_t n_mentions;
	const char *const *aliases; /* distinct surface forms */
	size_t n_aliases;
} plx_entity;

typedef struct plx_quote {
	size_t start, end;   /* the quoted words, without the marks */
	size_t paragraph;    /* paragraph of the opening mark */
	int partial;         /* a short quoted phrase inside a sentence */
	const char *speaker; /* name or description; NULL when unattributed */
	long speaker_entity; /* index into plx_article_entities, or -1 */
	size_t speaker_start, speaker_end; /* the span naming the speaker in
					      the text (a pronoun when resolved
					      through one); 0,0 when none */
	const char *cue; /* "said", "told reporters", ...; NULL if none */
	size_t cue_start, cue_end;
} plx_quote;

typedef struct plx_analyzer plx_analyzer;
typedef struct plx_article plx_article;

/* Creates an analyzer (stemmer, outlet list, lexicons).  One per thread.
 * Caller frees with plx_analyzer_free. */
int plx_analyzer_new(const plx_limits *limits, plx_analyzer **out);

/* Adds outlets from a file: one a line, "Name<TAB>domain<TAB>alias...".
 * Lines starting with '#' are comments.  On a bad line, the message names
 * it (plx_analyzer_errmsg). */
int plx_analyzer_load_outlets(plx_analyzer *a, const char *path);

/* Message for the last failure, borrowed until the next call on a. */
const char *plx_analyzer_errmsg(const plx_analyzer *a);

/* Frees a; NULL is a no-op.  Articles it made stay valid. */
void plx_analyzer_free(plx_analyzer *a);

/* Stages plx_analyze can be told to skip (plx_analyzer_skip). */
enum {
	PLX_SKIP_QUOTES = 1 << 0,
	PLX_SKIP_REGISTER = 1 << 1,
	PLX_SKIP_STORY_TERMS = 1 << 2
};

/* Makes a's later analyses skip the stages in skip (PLX_SKIP_* bits; 0, the
 * default, runs them all).  A skipped stage leaves its fields empty: no
 * quotes; every paragraph and sentence reporting, opinion 0 (register reads
 * the quotes, so skipping quotes alone changes it).  For callers that read
 * only paragraphs, sentences, tokens and entities (the story engine, dedup):
 * about a fifth of the analysis.  The story terms stage counts the terms
 * plx_stories_add reads, so that analysis threads do that work instead of
 * the clusterer's (which counts them itself for an article without them):
 * callers that do not cluster skip it. */
void plx_analyzer_skip(plx_analyzer *a, unsigned skip);

/* Analyses one record (borrowed for the call only).  PLX_EEMPTY when it has
 * no usable text, PLX_ETOOBIG over max_record_bytes.  Caller frees *out
 * with plx_article_free. */
int plx_analyze(plx_analyzer *a, const plx_record *rec, plx_article **out);

/* Analyses a bare text (no metadata); path may be NULL.  text is copied.
 * Caller frees *out with plx_article_free. */
int plx_analyze_text(plx_analyzer *a, const char *text, size_t len,
		     const char *path, plx_article **out);

/* Frees an article and everything borrowed from it; NULL is a no-op. */
void plx_article_free(plx_article *art);

/* The article's text, which every offset refers to: the record's text with
 * invalid UTF-8 replaced by U+FFFD and CR LF made LF.  Borrowed for the
 * article's life, as is everything below. */
const char *plx_article_text(const plx_article *art, size_t *len);

/* Metadata; NULL when unknown.  The title, source and dateline come from the
 * record when it has them, else from the text. */
const char *plx_article_id(const plx_article *art);
const char *plx_article_path(const plx_article *art);
const char *plx_article_title(const plx_article *art);
const char *plx_article_source(const plx_article *art);
const char *plx_article_dateline(const plx_article *art);
const char *plx_article_date(const plx_article *art);
const char *plx_article_url(const plx_article *art);

const plx_paragraph *plx_article_paragraphs(const plx_article *art, size_t *n);
const plx_sentence *plx_article_sentences(const plx_article *art, size_t *n);
const plx_token *plx_article_tokens(const plx_article *art, size_t *n);
const plx_entity *plx_article_entities(const plx_article *art, size_t *n);
const plx_quote *plx_article_quotes(const plx_article *art, size_t *n);

/* Names of the enum values ("body", "opinion", "person"...): static
 * strings, borrowed for the program's life. */
const char *plx_para_kind_name(plx_para_kind k);
const char *plx_register_name(plx_register r);
const char *plx_entity_type_name(plx_entity_type t);

/* Normalised key of a person or organisation name, equal for spelling
 * variants that name one referent: titles and middle initials dropped,
 * case folded, diacritics removed, common transliteration variants merged
 * (Sergei/Sergey, -ii/-y).  Caller frees with plx_free. */
int plx_name_key(const char *name, size_t len, char **out);

/* ---- Rendering ------------------------------------------------------- */

/* One JSON object (no trailing newline) for the article: the schema is in
 * docs/json.md.  Caller frees *out with plx_free. */
int plx_article_json(const plx_article *art, char **out, size_t *len);

/* A readable plain-text analysis.  colour: use ANSI colours.  Caller frees
 * *out with plx_free. */
int plx_article_report(const plx_article *art, int colour, char **out,
		       size_t *len);

/* ---- Duplicates and copies ------------------------------------------ */

/* A streaming deduplicator: articles are added one by one, and each is
 * compared with the articles added before it within the window (through
 * an index, never a scan).  Articles are numbered 0, 1, ... in the order
 * they are added.
 * See docs/dedup.md for the method and its parameters. */
typedef struct plx_dedup plx_dedup;

typedef struct plx_dedup_params {
	double threshold;         /* near-duplicate when the estimated Jaccard
				     similarity of 4-word shingles is >= this
				     (default 0.8) */
	double passage_threshold; /* a paragraph is reused when this share
				     of its shingles is in an earlier
				     paragraph (default 0.7) */
	int passages;             /* track paragraph reuse (default 1) */
	double window_days;       /* articles older than this (article time:
				     the latest date seen) are no longer
				     compared; 0: no time window (default 7) */
	size_t window_articles;   /* and at most about this many of the
				     newest articles are compared (the window
				     of undated streams); 0: no count window
				     (default 100000) */
} plx_dedup_params;

void plx_dedup_params_default(plx_dedup_params *p);

/* One article an added article matches. */
typedef struct plx_dedup_match {
	size_t article; /* number of the earlier article */
	const char *id; /* its id (or path) */
	double score;   /* Jaccard similarity of the shingle sets, 1 when
			   exact */
	int exact;      /* same normalised text */
	int copies;     /* 1: the added article copies this one; 0: this
			   one copies the added article */
} plx_dedup_match;

/* A paragraph the added article shares with an earlier article that is
 * not a near-duplicate of it. */
typedef struct plx_dedup_reuse {
	size_t paragraph; /* index into plx_article_paragraphs */
	size_t article;   /* the earlier article */
	const char *id;
	size_t source_paragraph; /* its paragraph index */
	double score;            /* containment of the paragraph in the
				    source paragraph, 1 when identical */
} plx_dedup_reuse;

typedef struct plx_dedup_result {
	size_t article;              /* number given to the added article */
	long exact_of;               /* first article with the same normalised
					text, or -1 */
	long copy_of;                /* the original this article copies: a wire
					service over others, then the earliest
					date, then the earliest added; -1 when none */
	const plx_dedup_match *near; /* matches (exact ones included), by
					score then article number */
	size_t n_near;
	const plx_dedup_reuse *reused; /* by paragraph */
	size_t n_reused;
} plx_dedup_result;

/* Creates a deduplicator; params may be NULL for the defaults.  Caller
 * frees with plx_dedup_free. */
int plx_dedup_new(const plx_dedup_params *params, plx_dedup **out);

/* Adds an analysed article (borrowed for the call only) and compares it
 * with all earlier ones.  *out is borrowed until the next call on d. */
int plx_dedup_add(plx_dedup *d, const plx_article *art,
		  const plx_dedup_result **out);

/* Articles added so far, and the id of one (borrowed for d's life). */
size_t plx_dedup_count(const plx_dedup *d);
const char *plx_dedup_id(const plx_dedup *d, size_t article);

/* A report of everything found so far: groups of near-duplicates (which
 * article copies which, with scores), then reused paragraphs; plain text
 * or JSON (docs/dedup.md).  Caller frees *out with plx_free. */
int plx_dedup_report(const plx_dedup *d, int json, char **out, size_t *len);

/* Frees d; NULL is a no-op. */
void plx_dedup_free(plx_dedup *d);

/* ---- Dates ----------------------------------------------------------- */

/* Parses an ISO 8601 date or date-time ("2022-01-21", "2022-01-21T14:05:00Z",
 * "2022-01-21 14:05:00+01:00", "20220121") or an RFC 2822 date ("Fri, 21
 * Jan 2022 14:05:00 GMT") into seconds since the Unix epoch, UTC.  A
 * date-time without a zone is taken as UTC.  PLX_EFORMAT when unreadable. */
int plx_date_parse(const char *s, int64_t *out);

/* ---- Storage (SQLite) ------------------------------------------------ */

typedef struct plx_store plx_store;

enum { PLX_STORE_READONLY = 1 };

/* Opens (creating when needed, unless read-only) the database at path in
 * WAL mode.  On failure *out is NULL and msg (if not NULL, msglen bytes)
 * says why.  Caller frees with plx_store_close. */
int plx_store_open(const char *path, int flags, plx_store **out, char *msg,
		   size_t msglen);

/* Closes the database and frees s; NULL is a no-op. */
void plx_store_close(plx_store *s);

/* The database's last error message, borrowed until the next call. */
const char *plx_store_errmsg(const plx_store *s);

/* How long a write waits for another writer's lock before failing with
 * PLX_EDB ("database is locked"); the default is 10000 ms. */
void plx_store_set_busy_timeout(plx_store *s, int ms);

/* Page cache of this connection, in KiB, at most INT_MAX (PLX_OK,
 * PLX_EINVAL or PLX_EDB).  A writer opens with 64 MiB; SQLite's own
 * default is 2 MiB. */
int plx_store_set_cache(plx_store *s, size_t kib);

/* Transactions: ingest writes in batches; a batch is all or nothing. */
int plx_store_begin(plx_store *s);
int plx_store_commit(plx_store *s);
int plx_store_rollback(plx_store *s);

/* Content hash of an article: XXH3 of its body paragraphs' token norms,
 * so copies that differ only in furniture, case or spacing are equal. */
uint64_t plx_article_hash(const plx_article *art);

/* Is this article stored?  Identity is the record id when there is one
 * (an exact copy under another id is another article: a republished
 * wire), else the content hash.  Returns 1 (and its ingest sequence number
 * in *seq when not NULL), 0, or an error.  id may be NULL. */
int plx_store_find(plx_store *s, const char *id, uint64_t hash, int64_t *seq);

/* One article to store with what the story engine made of it. */
typedef struct plx_store_article {
	const plx_article *art;
	const plx_record *rec; /* the input record (its own title and source
				  are kept for replay); may be NULL */
	uint64_t hash;         /* plx_article_hash */
	int64_t time;          /* seconds since the epoch; INT64_MIN if none */
	int64_t story;         /* story id, or -1 */
	double story_score;    /* similarity with the story when it joined */
} plx_store_article;

/* Stores an article, its paragraphs' kinds, entities and quotes (inside
 * the current transaction, if any).  Its sequence number (ingest order)
 * goes to *seq when not NULL. */
int plx_store_put(plx_store *s, const plx_store_article *a, int64_t *seq);

/* A story as listed. */
typedef struct plx_story_row {
	int64_t id;
	const char *headline;
	size_t n_articles;
	size_t n_sources;
	int64_t first_seen,
		last_seen; /* seconds since the epoch, or
			      INT64_MIN when no article had a date */
} plx_story_row;

/* Inserts or replaces a story's row. */
int plx_store_put_story(plx_store *s, const plx_story_row *row);

/* Sets a stored article's story and score (story revision moved it;
 * inside the current transaction, if any).  PLX_ENOTFOUND when no article
 * has that id. */
int plx_store_move(plx_store *s, const char *id, int64_t story, double score);

/* A copy relation: article copies original (kind "exact", "near" or
 * "reuse"), with its similarity. */
int plx_store_put_copy(plx_store *s, const char *article, const char *original,
		       const char *kind, double score);

enum { PLX_ORDER_SIZE = 0, PLX_ORDER_RECENT = 1 };

/* Calls fn for each story, biggest (or most recent) first, at most limit
 * (0: all) after skipping offset; rows are borrowed for the call.  A
 * non-zero return from fn stops and is returned. */
int plx_store_stories(plx_store *s, int order, size_t limit, size_t offset,
		      int (*fn)(const plx_story_row *row, void *ud), void *ud);

/* Calls fn for every stored article in ingest order as the record it was
 * read from (the text as repaired), with the story it was assigned: ingest
 * replays them through the analysis to rebuild the story engine after a
 * restart.  The record is borrowed for the call. */
int plx_store_records(plx_store *s,
		      int (*fn)(const plx_record *rec, int64_t seq,
				int64_t story, void *ud),
		      void *ud);

/* Number of stored articles and stories. */
int plx_store_counts(plx_store *s, int64_t *articles, int64_t *stories);

/* ---- Stories --------------------------------------------------------- */

/* Streaming story clustering: articles are added one by one in input order;
 * each joins the best matching active story or opens a new one.  Stories
 * are numbered 0, 1, ... as they open.  The result depends only on the
 * parameters and the order of the articles.  See docs/stories.md. */
typedef struct plx_stories plx_stories;

typedef struct plx_story_params {
	double threshold;       /* join when the similarity is >= this
				   (default 0.25) */
	double window_days;     /* a story not joined for this long (by article
				   dates) goes quiet and can no longer be joined
				   (default 3) */
	size_t window_articles; /* ... or for this many articles; 0: no
				   limit (default 0) */
	double title_boost;     /* a title word counts this many times
				   (default 2) */
	double entity_weight;   /* weight of names against words
				   (default 2) */
	double number_weight;   /* weight of numbers against words
				   (default 1) */
	size_t story_terms;     /* terms kept in a story's centroid
				   (default 200) */
	size_t index_terms;     /* a story is findable by its strongest
				   terms (default 24) */
	size_t query_terms;     /* an article looks up its strongest terms
				   (default 16) */
	size_t max_postings;    /* stories examined per looked-up term
				   (default 256) */
	size_t max_candidates;  /* stories scored per article (default 24) */
	double max_df;          /* terms in more than this share of the
				   articles are not looked up (default
				   0.05) */
	double time_penalty;    /* the similarity is multiplied by 1 - this
				   when article and story both name
				   weekdays and share none (default 0.15;
				   0: off) */
	double person_penalty;  /* ... by 1 - this when the article's main
				   person (named 4 times or more) is not in
				   the story (default 0.25; 0: off) */
	double prior_docs;      /* words and numbers: the idf is blended
				   with the built-in table's (Reuters),
				   which counts as this many documents:
				   weight m / (m + N) after N articles
				   (default 30; 0: online idf only) */
	double prior_names;     /* the same for entities (default 1000) */
	double time_bonus;      /* ... by 1 + this when both name weekdays
				   and share one (default 0.1; 0: off; the
				   score may then exceed 1) */
	double doubtful_band;   /* a join scoring below threshold + this
				   adds the article to the story's centroid
				   scaled by (score - threshold) / this
				   (default 0.1; 0: off) */
	size_t revise_window;   /* revision: an article may still move to
				   another story while fewer than this many
				   articles came after it (default 300; 0:
				   off, every assignment final) */
	double split_pair;      /* a join splits off with one earlier
				   member into a new story when the two
				   score >= this together (default 0.4) ... */
	double split_rest;      /* ... and each scores <= this against the
				   rest of the story (default 0.3) */
} plx_story_params;

void plx_story_params_default(plx_story_params *p);

/* Creates a clusterer; params may be NULL for the defaults.  PLX_EINVAL
 * for a parameter out of range (term and candidate counts over 2^20
 * included).  Caller frees with plx_stories_free. */
int plx_stories_new(const plx_story_params *params, plx_stories **out);

/* Adds an analysed article (borrowed for the call only).  *story gets the
 * story it joined or opened; *score the similarity to the joined story, or,
 * for a new story, the best similarity found (below the threshold; 0 when
 * no candidate).  Either pointer may be NULL.  After a failure (PLX_ENOMEM)
 * the clusterer's state is undefined: free it. */
int plx_stories_add(plx_stories *s, const plx_article *art, size_t *story,
		    double *score);

/* Revision (params.revise_window): an article assigned less than
 * revise_window articles ago may move to another story when a later
 * article shows it fits there better.  The moves the last plx_stories_add
 * made, in the order made (an article may move twice); article is the
 * input number (0 for the first article added).  *moves is borrowed until
 * the next plx_stories_add or plx_stories_free; *n is 0 when there were
 * none. */
typedef struct plx_story_move {
	size_t article;
	size_t from, to; /* story ids */
	double score;    /* the article's similarity to the story it joins */
} plx_story_move;
void plx_stories_moves(const plx_stories *s, const plx_story_move **moves,
		       size_t *n);

/* Stories opened so far, and those still active (not quiet). */
size_t plx_stories_count(const plx_stories *s);
size_t plx_stories_active(const plx_stories *s);

typedef struct plx_story {
	size_t id;
	const char *headline; /* title of its first article that had one, or
				 NULL; borrowed until s is freed */
	size_t n_articles;
	size_t n_sources;     /* distinct sources (outlets) */
	long long first_seen; /* earliest and latest article date, Unix
				 seconds; -1 when no member had a date */
	long long last_seen;
	size_t first_article; /* input numbers (0-based) of its first and */
	size_t last_article;  /* last article */
	int active;           /* 0 once quiet */
} plx_story;

/* The summary of story id (active or quiet); PLX_ENOTFOUND if none. */
int plx_stories_get(plx_stories *s, size_t id, plx_story *out);

/* Frees s; NULL is a no-op. */
void plx_stories_free(plx_stories *s);

/* ---- Web pages (HTML) ---------------------------------------------- */

/* An article extracted from a web page.  Strings are NUL-terminated valid
 * UTF-8, NULL when the page did not say; borrowed for the document's life. */
typedef struct plx_html_doc {
	const char *text; /* body paragraphs separated by blank lines */
	size_t text_len;
	const char *title;     /* JSON-LD, Open Graph, <title>, <h1> */
	const char *byline;    /* author(s) as the page writes them */
	const char *date;      /* publication date as written (ISO 8601
				  mostly; see plx_date_parse) */
	const char *site_name; /* og:site_name, JSON-LD publisher */
	const char *url;       /* canonical URL, else the one given */
	const char *lang;      /* <html lang> */
} plx_html_doc;

/* Extracts the main article of an HTML page of len bytes (any character set
 * libxml2 knows, declared or Latin-1 by default); url (may be NULL) is where
 * it came from.  PLX_EEMPTY when the page has no body text, PLX_ETOOBIG
 * over the limits in docs/limits.md.  Caller frees *out with
 * plx_html_doc_free. */
int plx_html_extract(const char *html, size_t len, const char *url,
		     plx_html_doc **out);

/* The same, for a page whose character set was given by its transport
 * (charset: the label of an HTTP Content-Type header, may be NULL): valid
 * UTF-8 is still read as UTF-8, else the label wins over the page's own
 * <meta> declaration, as in browsers (Latin-1 labels read as
 * windows-1252); an unusable label is ignored. */
int plx_html_extract_charset(const char *html, size_t len, const char *url,
			     const char *charset, plx_html_doc **out);

/* Frees d and its strings; NULL is a no-op. */
void plx_html_doc_free(plx_html_doc *d);

/* Fills rec (id and url: the canonical URL; source: the site name) to give
 * the document to plx_analyze; rec's strings are borrowed from d. */
void plx_html_record(const plx_html_doc *d, plx_record *rec);

/* The page behind the record plx_reader_next last returned, when it came
 * from an HTML page or a WARC response (its byline and language, which
 * plx_record has no field for); NULL for any other record.  Borrowed
 * until the next plx_reader_next. */
const plx_html_doc *plx_reader_html(const plx_reader *r);

/* ---- Ingest: the whole pipeline into the database -------------------- */

typedef struct plx_ingest plx_ingest;

typedef struct plx_ingest_params {
	size_t batch;     /* articles per transaction (default 20000): a crash
			     loses at most the batch in progress */
	int busy_ms;      /* wait this long for another writer's lock before
			     failing (default 10000) */
	size_t cache_mib; /* SQLite page cache of the writer, MiB (default
			     256; 0: SQLite's own, 2 MiB): the random-key
			     indexes should fit in it (docs/stories.md) */
	plx_story_params stories;
	plx_dedup_params dedup;
} plx_ingest_params;

void plx_ingest_params_default(plx_ingest_params *p);

typedef struct plx_ingest_stats {
	size_t replayed;   /* articles already stored, replayed at open */
	size_t mismatched; /* ... whose story came out other than stored
			      (0 unless the parameters changed) */
	size_t stored;     /* articles stored by this run */
	size_t known;      /* articles skipped as already stored */
	size_t stories;    /* stories in the database */
} plx_ingest_stats;

/* Opens the database at path (creating it) and rebuilds the story and
 * duplicate state from the articles already in it, so that a re-run after
 * an interruption continues exactly where the last commit left it.  an is
 * borrowed for the life of the ingest.  On failure msg says why.  Caller
 * frees with plx_ingest_free. */
int plx_ingest_open(const char *path, const plx_ingest_params *params,
		    plx_analyzer *an, plx_ingest **out, char *msg,
		    size_t msglen);

/* Analyses and stores one record (unless already stored).  A bad record
 * returns its status (PLX_EEMPTY, PLX_ETOOBIG ...) and changes nothing;
 * PLX_EDB and PLX_ENOMEM are fatal: plx_ingest_errmsg says why, the batch
 * in progress is rolled back, and every later add or commit returns the
 * same status without writing. */
int plx_ingest_add(plx_ingest *g, const plx_record *rec);

/* Commits the batch in progress. */
int plx_ingest_commit(plx_ingest *g);

/* Copies the counters so far into *out. */
void plx_ingest_stats_get(const plx_ingest *g, plx_ingest_stats *out);

/* Message for the last failure, borrowed until the next call on g. */
const char *plx_ingest_errmsg(const plx_ingest *g);

/* Rolls back an uncommitted batch, closes and frees g; NULL is a no-op. */
void plx_ingest_free(plx_ingest *g);

/* Stores one record that the caller has analysed already (art, borrowed
 * for the call; plx_pipe's results): otherwise as plx_ingest_add, which is
 * plx_analyze followed by this. */
int plx_ingest_add_analyzed(plx_ingest *g, const plx_record *rec,
			    const plx_article *art);

/* As plx_ingest_add_analyzed, but art is taken over (freed by the ingest,
 * also on failure), so that with a writer thread (plx_ingest_open_threads,
 * n > 1) it is stored there while the next articles are assigned. */
int plx_ingest_add_owned(plx_ingest *g, const plx_record *rec,
			 plx_article *art);

/* plx_ingest_open with n analyzers (borrowed, one per thread; an[0] is
 * plx_ingest_add's): the stored articles are replayed through a plx_pipe
 * of n threads, in their stored order, so the state is the same for any
 * n.  With n > 1 the database writes also run in a thread of their own
 * (the same rows, in the same order and transactions).  plx_ingest_open
 * is this with n = 1. */
int plx_ingest_open_threads(const char *path, const plx_ingest_params *params,
			    plx_analyzer *const *an, unsigned n,
			    plx_ingest **out, char *msg, size_t msglen);

/* ---- Pair similarity ------------------------------------------------- */

/* How alike two articles are as a story: 0 (unrelated) to 1 (the same
 * story), with its components and reasons.  See docs/similarity.md. */

/* Document frequencies over a corpus, for the inverse document frequency
 * of words, numbers, names and places.  Without one, a built-in table
 * counted on Reuters-21578 is used. */
typedef struct plx_similarity_model plx_similarity_model;

/* Creates an empty model.  Caller frees with plx_similarity_model_free. */
int plx_similarity_model_new(plx_similarity_model **out);

/* Counts the terms of one analysed article (borrowed for the call). */
int plx_similarity_model_add(plx_similarity_model *m, const plx_article *art);

/* Articles counted so far. */
size_t plx_similarity_model_docs(const plx_similarity_model *m);

/* Frees m; NULL is a no-op. */
void plx_similarity_model_free(plx_similarity_model *m);

typedef struct plx_similarity_params {
	const plx_similarity_model *model; /* borrowed; NULL: built-in table */
	double title_boost; /* a title word counts this many times (2) */
	double fact_min;    /* two sentences, each the other's best match, are
			       one shared fact at this idf cosine (0.5) */
	/* score = bias + sum of w_* x sqrt(component), clamped to [0,1];
	 * fitted on annotated pairs (docs/similarity.md) */
	double bias, w_terms, w_names, w_places, w_numbers, w_facts;
	double time_days;   /* dated articles this many days apart ... */
	double time_weight; /* ... lose half this share of the score (7, 0.5):
			       factor 1 - time_weight * (1 - 1 / (1 + days /
			       time_days)) */
} plx_similarity_params;

void plx_similarity_params_default(plx_similarity_params *p);

#define PLX_SIM_MAX_NAMES  8 /* shared names kept as reasons */
#define PLX_SIM_MAX_PLACES 4 /* shared places kept as reasons */

typedef struct plx_similarity {
	double score;   /* 0..1 */
	double terms;   /* cosine of the idf-weighted words (title boosted) */
	double names;   /* cosine of the people, organisations, other names */
	double places;  /* cosine of the places and datelines */
	double numbers; /* cosine of the numbers */
	double facts;   /* aligned sentences (shared facts), 0..1 */
	size_t n_facts; /* shared facts: sentence pairs aligned */
	double days;    /* days apart; -1 when either has no date */
	double time;    /* the factor time applied to the score (1: none) */
	/* Shared names and places, strongest first; borrowed from the first
	 * article, valid for its life. */
	const char *shared_names[PLX_SIM_MAX_NAMES];
	size_t n_shared_names;
	const char *shared_places[PLX_SIM_MAX_PLACES];
	size_t n_shared_places;
} plx_similarity;

/* Compares two analysed articles (borrowed for the call).  params may be
 * NULL for the defaults.  Symmetric in a and b, but for the spelling of the
 * reasons (taken from a) and ties in the sentence alignment.  PLX_EINVAL,
 * PLX_ENOMEM. */
int plx_similarity_compare(const plx_article *a, const plx_article *b,
			   const plx_similarity_params *params,
			   plx_similarity *out);

/* ---- Story records ----------------------------------------------------- */

/* Calls fn for every stored article of story, in ingest order, as the
 * record it was read from (borrowed for the call), its source the outlet
 * ingest found when the record named none; PLX_ENOTFOUND when the story
 * has no article.  A non-zero return from fn stops and is returned. */
int plx_store_story_records(plx_store *s, int64_t story,
			    int (*fn)(const plx_record *rec, int64_t seq,
				      void *ud),
			    void *ud);

/* ---- Coverage: what each source says about a story -------------------- */

/* A story report: the articles of one story compared source by source.
 * Articles are added (analysed), then built once: sources with their own,
 * copied and opinion text; facts (sentences aligned across articles, each
 * with every source's wording); discrepancies (aligned facts whose numbers,
 * dates or counts differ); quotes by speaker; entities merged across
 * articles; opinion passages; a timeline.  Only body paragraphs count.
 * Method and JSON shape: docs/coverage.md. */
typedef struct plx_coverage plx_coverage;

typedef struct plx_coverage_params {
	double fact_threshold;  /* two sentences state one fact when their
				   similarity (IDF-weighted cosine of stems,
				   names and numbers) is >= this (default
				   0.30) */
	size_t query_terms;     /* a sentence looks up its rarest terms
				   (default 8) */
	size_t max_postings;    /* a term in more sentences than this is not
				   looked up: the cap that keeps alignment
				   n log n (default 64) */
	size_t max_per_article; /* sentences of one article in one fact: a
				   fact one source splits in two (default
				   2) */
	double copy_threshold;  /* dedup near-duplicate threshold for copied
				   articles (default 0.8, plx_dedup's) */
} plx_coverage_params;

void plx_coverage_params_default(plx_coverage_params *p);

/* Creates an empty report; p may be NULL for the defaults.  Caller frees
 * with plx_coverage_free. */
int plx_coverage_new(const plx_coverage_params *p, plx_coverage **out);

/* Names the story (optional): id -1 and headline NULL are derived (no id;
 * the headline of the earliest article that has one).  headline is
 * copied. */
int plx_coverage_set_story(plx_coverage *c, int64_t id, const char *headline);

/* Adds an analysed article; takes ownership of art (also on failure).
 * PLX_EINVAL after plx_coverage_build. */
int plx_coverage_add(plx_coverage *c, plx_article *art);

/* Builds the report from the articles added; once, after the adds
 * (PLX_EINVAL when called again). */
int plx_coverage_build(plx_coverage *c);

typedef enum plx_format {
	PLX_FMT_TEXT,
	PLX_FMT_MARKDOWN,
	PLX_FMT_JSON,
	PLX_FMT_HTML
} plx_format;

typedef struct plx_render_opts {
	int colour;       /* text: ANSI colours */
	int fragment;     /* html: a <div class="px-story"> for embedding
			     in a page that styles it (no <html>, <head>
			     or style sheet) */
	const char *base; /* html: link prefix for /articles/ID,
			     /entities/NAME, /stories/ID; NULL: no links */
} plx_render_opts;

/* Renders a built report (PLX_EINVAL before plx_coverage_build); o may be
 * NULL for plain defaults.  Caller frees *out with plx_free. */
int plx_coverage_render(const plx_coverage *c, plx_format fmt,
			const plx_render_opts *o, char **out, size_t *len);

/* Read access to a built report, for callers that lay it out themselves.
 * Counts: articles, sources, facts (all), facts carried by two sources or
 * more, discrepancies, quotes, entities, opinion passages. */
typedef struct plx_coverage_counts {
	size_t articles, sources, facts, shared_facts, discrepancies, quotes,
		entities, opinion;
} plx_coverage_counts;

void plx_coverage_counts_get(const plx_coverage *c, plx_coverage_counts *out);

/* Frees c and the articles it owns; NULL is a no-op. */
void plx_coverage_free(plx_coverage *c);
/* ---- Feeds (RSS, Atom, OPML) ---------------------------------------- */

typedef enum plx_feed_kind {
	PLX_FEED_RSS = 0, /* RSS 0.9x / 2.0 */
	PLX_FEED_RDF,     /* RSS 1.0 (and 0.90): RDF */
	PLX_FEED_ATOM,
	PLX_FEED_OPML /* a list of feeds */
} plx_feed_kind;

/* One item (RSS item, Atom entry).  Strings are NUL-terminated valid
 * UTF-8, NULL when the item did not have the field; borrowed for the
 * feed's life. */
typedef struct plx_feed_item {
	const char *guid;    /* RSS guid, Atom id, RDF rdf:about */
	const char *link;    /* the article page, made absolute */
	const char *title;   /* plain text */
	const char *date;    /* pubDate, dc:date, Atom published or updated,
				as written (see plx_date_parse) */
	const char *author;  /* author, dc:creator, Atom author name */
	const char *summary; /* content:encoded or Atom content, else
				description or Atom summary: HTML (or text)
				as the feed gives it; see plx_feed_text */
} plx_feed_item;

typedef struct plx_feed {
	plx_feed_kind kind;
	const char *title; /* channel or feed title, OPML head title */
	const char *link;  /* the site's home page */
	const plx_feed_item *items;
	size_t n_items;
	const char *const *feeds; /* OPML: the feeds listed (xmlUrl, made
				     absolute), in document order, each once */
	size_t n_feeds;
	size_t dropped; /* items or feeds past PLX_FEED_MAX_ITEMS */
} plx_feed;

/* Parses a feed or OPML document of len bytes; url (may be NULL) is where
 * it came from, against which relative links are resolved.  The XML parser
 * loads nothing from the network and no DTD, and refuses documents that
 * declare entities (entity expansion attacks); limits in docs/limits.md.
 * PLX_EFORMAT for broken XML or a document that is no feed, PLX_ETOOBIG
 * over the size limit: msg (if not NULL, msglen bytes) says why, with the
 * line.  Caller frees *out with plx_feed_free. */
int plx_feed_parse(const char *buf, size_t len, const char *url, plx_feed **out,
		   char *msg, size_t msglen);

/* Frees f and its strings; NULL is a no-op. */
void plx_feed_free(plx_feed *f);

/* The plain text of an HTML fragment (an item's summary): paragraphs
 * separated by blank lines, whitespace collapsed.  PLX_EEMPTY when it has
 * no text.  Caller frees *out with plx_free. */
int plx_feed_text(const char *html, size_t len, char **out, size_t *out_len);

/* ---- Watching feeds -------------------------------------------------- */

/* A feed watcher: polls feeds (URLs or local files; OPML lists add the
 * feeds they name) with conditional requests, fetches each new item's page
 * once, extracts it and ingests it.  All transfers run concurrently (one
 * thread, libcurl's multi interface), at most one at a time per host.
 * State (validators, items seen) is kept in the database, in tables of its
 * own.  See docs/watch.md. */
typedef struct plx_watch plx_watch;

typedef struct plx_watch_params {
	double interval;         /* seconds between two polls of a feed
				    (default 900) */
	double host_interval;    /* seconds between two requests to one host
				    (host:port), politeness (default 1) */
	long connect_timeout_ms; /* default 10000 */
	long timeout_ms;         /* one whole transfer (default 30000) */
	int retries;             /* retries of a transient failure (timeout,
				    connection, 5xx, 429) per poll or page
				    (default 2) */
	double retry_delay;      /* seconds before the first retry, doubled
				    for each next one (default 30) */
	size_t max_bytes;        /* a response (decoded) over this is
				    refused (default 8 MiB) */
	long max_redirects;      /* default 5 */
	size_t max_parallel;     /* transfers at once (default 16) */
	int fetch_pages;         /* fetch each item's page (default 1); 0:
				    ingest the feed's summaries only */
	const char *user_agent;  /* NULL: "parallax/VERSION" */
} plx_watch_params;

void plx_watch_params_default(plx_watch_params *p);

/* What happened, for the caller to report. */
typedef enum plx_watch_event_kind {
	PLX_WATCH_FEED_OK = 0,       /* fetched and parsed */
	PLX_WATCH_FEED_NOT_MODIFIED, /* 304: nothing new */
	PLX_WATCH_FEED_RETRY,        /* transient failure, retried later */
	PLX_WATCH_FEED_FAILED,       /* failed (for this poll) */
	PLX_WATCH_ITEM_STORED,       /* a new item ingested */
	PLX_WATCH_ITEM_FALLBACK,     /* ... from the feed's summary (the
					page failed: msg says why) */
	PLX_WATCH_ITEM_FAILED        /* a new item that could not be
					ingested */
} plx_watch_event_kind;

typedef struct plx_watch_event {
	plx_watch_event_kind kind;
	const char *feed;  /* the feed's URL or path */
	const char *item;  /* the item's page URL (or id); NULL for feeds */
	const char *title; /* the item's title, or NULL */
	const char *msg;   /* what failed, or a summary ("12 items, 3 new") */
	long http;         /* the HTTP status, 0 if none */
} plx_watch_event;

/* Called for each event; strings are borrowed for the call. */
typedef void (*plx_watch_fn)(const plx_watch_event *ev, void *ud);

typedef struct plx_watch_stats {
	size_t feeds;        /* feeds known (OPML ones included) */
	size_t polls;        /* polls completed (fetched or 304) */
	size_t not_modified; /* ... answered 304 */
	size_t failures;     /* failed polls (after retries) */
	size_t retries;      /* transfers retried */
	size_t new_items;    /* items not seen before */
	size_t stored;       /* ingested (as new articles) */
	size_t known;        /* ingested but already stored */
	size_t fallback;     /* ... of which from the summary */
	size_t failed_items; /* new items not ingested */
} plx_watch_stats;

/* Creates a watcher that ingests through g (borrowed for the watcher's
 * life) and keeps its state in the database at db_path (the one g writes;
 * a second connection).  params may be NULL for the defaults; fn (may be
 * NULL) gets the events.  On failure msg says why.  Caller frees with
 * plx_watch_free. */
int plx_watch_new(const plx_watch_params *params, plx_ingest *g,
		  const char *db_path, plx_watch_fn fn, void *ud,
		  plx_watch **out, char *msg, size_t msglen);

/* Adds a feed or OPML list: an http(s) URL or a local file (read again at
 * each poll).  Copied.  PLX_EINVAL for an empty string. */
int plx_watch_add(plx_watch *w, const char *feed);

/* Runs for at most ms milliseconds: starts the polls and page fetches that
 * are due, waits for transfers, ingests what arrived.  Returns 1 (at once)
 * when a round ends: every feed has completed a poll (successful or failed
 * after its retries) since the previous round ended, and nothing is queued;
 * else 0 after ms; PLX_EDB or PLX_ENOMEM when ingesting or saving the state
 * failed fatally (plx_watch_errmsg says why; every later call returns it). */
int plx_watch_step(plx_watch *w, int ms);

/* Commits what was ingested and the state of the feeds and items handled
 * so far (done after each feed's poll anyway; call it before stopping). */
int plx_watch_flush(plx_watch *w);

void plx_watch_stats_get(const plx_watch *w, plx_watch_stats *out);

/* Message for the last failure, borrowed until the next call on w. */
const char *plx_watch_errmsg(const plx_watch *w);

/* Abandons transfers in flight (their items are fetched again by the next
 * run), closes and frees w; NULL is a no-op.  Does not flush. */
void plx_watch_free(plx_watch *w);

/* ---- Parallel analysis ------------------------------------------- */

/* Analysis in worker threads, results in input order: records are pushed
 * in order, each analysed by one of n threads (one per analyzer), and
 * plx_pipe_pop hands back the oldest one's result, so whatever consumes
 * the results in pop order (dedup, stories, ingest) gives the same output
 * for any n.  With n = 1 no thread starts: pop analyses in the caller's
 * thread.  See docs/stories.md (speed). */
typedef struct plx_pipe plx_pipe;

/* Starts n workers on the analyzers an[0..n) (borrowed for the pipe's
 * life, one per thread, none used elsewhere meanwhile); at most depth
 * records in flight (0: 64 per thread).  Caller frees with plx_pipe_free. */
int plx_pipe_new(plx_analyzer *const *an, unsigned n, size_t depth,
		 plx_pipe **out);

/* 1 when depth records are in flight: pop before pushing more. */
int plx_pipe_full(const plx_pipe *p);

/* Records pushed and not yet popped. */
size_t plx_pipe_pending(const plx_pipe *p);

/* Queues a copy of rec (borrowed for the call).  PLX_EINVAL when full,
 * PLX_ENOMEM. */
int plx_pipe_push(plx_pipe *p, const plx_record *rec);

/* The oldest pushed record, once analysed: returns 1 with *rec (the pipe's
 * copy, borrowed until the next pop), *art (the caller frees it with
 * plx_article_free; NULL when the analysis failed) and *status
 * (plx_analyze's), or 0 when nothing is in flight. */
int plx_pipe_pop(plx_pipe *p, const plx_record **rec, plx_article **art,
		 int *status);

/* Stops the workers (waiting for the records they are analysing) and
 * frees p with every result not popped; NULL is a no-op. */
void plx_pipe_free(plx_pipe *p);

/* When the record popped last was a deferred JSON Lines line
 * (plx_reader_defer_json) that could not be read, the reader's message for
 * it (naming file and line); else "".  Borrowed until the next pop. */
const char *plx_pipe_errmsg(const plx_pipe *p);

/* Frees art, popped last from p, as plx_article_free would, but in a
 * worker thread (when the slot is next used): the caller's thread, which
 * runs the engines, is spared the frees.  NULL is a no-op. */
void plx_pipe_recycle(plx_pipe *p, plx_article *art);

/* ---- Web server: `parallax serve` ------------------------------------ */

/* A read-only web interface and JSON API over a database (docs/api.md),
 * on libmicrohttpd with a pool of worker threads, each with its own
 * read-only connection: it runs while `ingest` writes (WAL), and every
 * request sees the latest commit. */
typedef struct plx_server plx_server;

typedef struct plx_server_params {
	const char *db;      /* database path (required) */
	const char *listen;  /* "HOST:PORT" ("[::1]:PORT" for IPv6); port 0
				picks a free one (default "127.0.0.1:8080":
				loopback only) */
	unsigned threads;    /* worker threads (default 4) */
	const char *outlets; /* outlets file for re-analysis, or NULL */
	void (*log)(void *ud, const char *msg); /* server errors (one line,
						   no newline); NULL: none */
	void *log_ud;
} plx_server_params;

void plx_server_params_default(plx_server_params *p);

/* Opens the database read-only and starts serving in background threads.
 * On failure *out is NULL and msg says why.  Caller stops and frees with
 * plx_server_stop. */
int plx_server_start(const plx_server_params *p, plx_server **out, char *msg,
		     size_t msglen);

/* The port it listens on (useful after port 0). */
unsigned plx_server_port(const plx_server *s);

/* Stops accepting, finishes the requests in progress, closes the database
 * connections and frees s; NULL is a no-op. */
void plx_server_stop(plx_server *s);

#ifdef __cplusplus
}
#endif

#endif
