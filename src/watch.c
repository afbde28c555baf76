/*
 * watch.c: the feed watcher.  Polls feeds (and OPML lists of them) over
 * HTTP with libcurl, fetches each new item's page, extracts its article
 * and ingests it through plx_ingest.
 *
 * Design: one thread, one curl multi handle; every transfer (a feed poll or
 * an item's page) is a job in one queue.  A step starts the jobs that are
 * due, at most one per host (host:port) at a time and no sooner than
 * host_interval after the previous request to that host (politeness), and
 * at most max_parallel in all, then waits on the multi handle: a slow host
 * holds only its own jobs.  Transient failures (timeout, connection, 5xx,
 * 429) are retried after retry_delay, doubled each time; a poll or page
 * that still fails is reported and the feed is polled again at the next
 * interval.
 *
 * State, in two tables of the ingest database (a second connection):
 * watch_feeds keeps each feed's validators (ETag, Last-Modified) for
 * conditional requests, watch_items the items seen, so each is fetched
 * once.  A feed's validators and its items are written only after its
 * items were ingested and committed: a crash in between makes the next run
 * fetch the feed in full again, and ingest keeps what it already has.
 */
#include "watch.h"

#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "feed.h"
#include "mem.h"
#include "warc.h"

typedef struct feed {
	char *url;  /* as given or listed: a URL or a local path */
	int local;  /* a local file, read at each poll */
	int depth;  /* 0: given; OPML-listed: the list's depth + 1 */
	char *etag; /* validators of the last good response */
	char *lastmod;
	char *title;      /* the feed's title, the items' source */
	char *parent;     /* the OPML list that named it, or NULL */
	double next_poll; /* monotonic seconds */
	int busy;         /* a poll or its items are in progress */
	size_t pending;   /* item jobs outstanding */
	int in_round;     /* completed a poll in this round */
	int dirty;        /* state to write at the next flush */
	int failures;     /* consecutive failed polls */
	int fresh;        /* the poll being handled got a full response */
	char *new_etag;   /* validators of the response being handled */
	char *new_lastmod;
	char last_error[256];
} feed;

typedef struct host {
	char *key; /* host:port */
	double next_ok;
	int busy;
} host;

typedef struct job {
	struct job *next;
	int page;   /* 0: a feed poll; 1: an item's page */
	feed *feed; /* the feed polled, or the item's feed */
	char *url;
	char *key; /* item: the identity remembered (link, else guid) */
	char *title, *date, *summary;
	int attempt;       /* transfers started */
	double not_before; /* monotonic seconds */
	size_t host;
	CURL *easy; /* while running */
	struct curl_slist *hdrs;
	plx_buf body;
	int too_big;
	size_t max_bytes;
	char *etag, *lastmod; /* of the response */
	char err[CURL_ERROR_SIZE];
} job;

/* An item handled, to remember at the next flush. */
typedef struct mark {
	char *key;
	char *feed;
	const char *status; /* static */
} mark;

struct plx_watch {
	plx_watch_params p;
	plx_ingest *g; /* borrowed */
	sqlite3 *db;
	CURLM *multi;
	plx_watch_fn fn;
	void *ud;
	feed **feeds;
	size_t n_feeds, feeds_cap;
	host *hosts;
	size_t n_hosts, hosts_cap;
	job *jobs; /* queued, waiting for a retry, or running */
	size_t running;
	mark *marks;
	size_t n_marks, marks_cap;
	int failed; /* fatal status (ingest or state database) */
	plx_watch_stats stats;
	char err[512];
};

void plx_watch_params_default(plx_watch_params *p)
{
	memset(p, 0, sizeof *p);
	p->interval = 900;
	p->host_interval = 1;
	p->connect_timeout_ms = 10000;
	p->timeout_ms = 30000;
	p->retries = 2;
	p->retry_delay = 30;
	p->max_bytes = (size_t)8 << 20;
	p->max_redirects = 5;
	p->max_parallel = 16;
	p->fetch_pages = 1;
}

static double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *dup(const char *s)
{
	return s ? plx_strndup(s, strlen(s)) : NULL;
}

static void event(plx_watch *w, plx_watch_event_kind kind, const feed *f,
		  const job *j, const char *msg, long http)
{
	if (!w->fn)
		return;
	plx_watch_event ev = {kind,
			      f->url,
			      j && j->page ? (j->url ? j->url : j->key) : NULL,
			      j && j->page ? j->title : NULL,
			      msg,
			      http};
	w->fn(&ev, w->ud);
}

/* ---- State in the database ------------------------------------------ */

static const char SCHEMA[] =
	"CREATE TABLE IF NOT EXISTS watch_feeds("
	" url TEXT PRIMARY KEY, title TEXT,"
	" etag TEXT, last_modified TEXT,"       /* validators, as received */
	" last_poll INTEGER,"                   /* seconds since the epoch */
	" failures INTEGER NOT NULL DEFAULT 0," /* consecutive */
	" last_error TEXT,"
	" listed_by TEXT);" /* the OPML list that named it, or NULL */
	"CREATE TABLE IF NOT EXISTS watch_items("
	" key TEXT PRIMARY KEY," /* the item's link, else its guid */
	" feed TEXT NOT NULL, seen INTEGER NOT NULL,"
	" status TEXT NOT NULL);"; /* stored, known, fallback, failed */

static int db_fail(plx_watch *w, const char *what)
{
	snprintf(w->err, sizeof w->err, "watch state: %s: %s", what,
		 sqlite3_errmsg(w->db));
	w->failed = PLX_EDB;
	return PLX_EDB;
}

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static int seen(plx_watch *w, const char *key)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(w->db, "SELECT 1 FROM watch_items WHERE key=?1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(w, "reading items");
	bind_str(st, 1, key);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail(w, "reading items");
}

static int load_feed(plx_watch *w, feed *f)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(w->db,
			       "SELECT etag, last_modified, title FROM"
			       " watch_feeds WHERE url=?1",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(w, "reading feeds");
	bind_str(st, 1, f->url);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		f->etag = dup((const char *)sqlite3_column_text(st, 0));
		f->lastmod = dup((const char *)sqlite3_column_text(st, 1));
		f->title = dup((const char *)sqlite3_column_text(st, 2));
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? PLX_OK : db_fail(w, "reading feeds");
}

static int exec_sql(plx_watch *w, const char *sql)
{
	return sqlite3_exec(w->db, sql, NULL, NULL, NULL) == SQLITE_OK
		       ? PLX_OK
		       : db_fail(w, sql);
}

/* Writes the marks and the dirty feeds in one transaction. */
static int save_state(plx_watch *w)
{
	if (!w->n_marks) {
		size_t i = 0;
		while (i < w->n_feeds && !w->feeds[i]->dirty)
			i++;
		if (i == w->n_feeds)
			return PLX_OK;
	}
	if (exec_sql(w, "BEGIN IMMEDIATE"))
		return PLX_EDB;
	sqlite3_stmt *mi = NULL, *fi = NULL;
	if (sqlite3_prepare_v2(w->db,
			       "INSERT OR REPLACE INTO watch_items(key, feed,"
			       " seen, status) VALUES(?1,?2,?3,?4)",
			       -1, &mi, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(w->db,
			       "INSERT OR REPLACE INTO watch_feeds(url, title,"
			       " etag, last_modified, last_poll, failures,"
			       " last_error, listed_by)"
			       " VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
			       -1, &fi, NULL) != SQLITE_OK)
		goto fail;
	int64_t t = (int64_t)time(NULL);
	for (size_t i = 0; i < w->n_marks; i++) {
		sqlite3_reset(mi);
		bind_str(mi, 1, w->marks[i].key);
		bind_str(mi, 2, w->marks[i].feed);
		sqlite3_bind_int64(mi, 3, t);
		bind_str(mi, 4, w->marks[i].status);
		if (sqlite3_step(mi) != SQLITE_DONE)
			goto fail;
	}
	for (size_t i = 0; i < w->n_feeds; i++) {
		feed *f = w->feeds[i];
		if (!f->dirty)
			continue;
		sqlite3_reset(fi);
		bind_str(fi, 1, f->url);
		bind_str(fi, 2, f->title);
		bind_str(fi, 3, f->etag);
		bind_str(fi, 4, f->lastmod);
		sqlite3_bind_int64(fi, 5, t);
		sqlite3_bind_int(fi, 6, f->failures);
		bind_str(fi, 7, f->last_error[0] ? f->last_error : NULL);
		bind_str(fi, 8, f->parent);
		if (sqlite3_step(fi) != SQLITE_DONE)
			goto fail;
	}
	sqlite3_finalize(mi);
	sqlite3_finalize(fi);
	if (exec_sql(w, "COMMIT"))
		return PLX_EDB;
	for (size_t i = 0; i < w->n_marks; i++) {
		plx_free(w->marks[i].key);
		plx_free(w->marks[i].feed);
	}
	w->n_marks = 0;
	for (size_t i = 0; i < w->n_feeds; i++)
		w->feeds[i]->dirty = 0;
	return PLX_OK;
fail:
	db_fail(w, "writing");
	sqlite3_finalize(mi);
	sqlite3_finalize(fi);
	sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
	return PLX_EDB;
}

int plx_watch_flush(plx_watch *w)
{
	if (w->failed)
		return w->failed;
	int rc = plx_ingest_commit(w->g);
	if (rc) {
		snprintf(w->err, sizeof w->err, "%s", plx_ingest_errmsg(w->g));
		w->failed = rc;
		return rc;
	}
	return save_state(w);
}

/* ---- Feeds, hosts, jobs --------------------------------------------- */

static void feed_free(feed *f)
{
	if (!f)
		return;
	plx_free(f->url);
	plx_free(f->etag);
	plx_free(f->lastmod);
	plx_free(f->title);
	plx_free(f->parent);
	plx_free(f->new_etag);
	plx_free(f->new_lastmod);
	plx_free(f);
}

static int is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 ||
	       strncasecmp(s, "https://", 8) == 0;
}

static int add_feed(plx_watch *w, const char *url, const char *parent,
		    int depth);

/* The feeds an OPML list named in an earlier run: a 304 on the list says
 * nothing of them, so they are watched from the start. */
static int load_children(plx_watch *w, const char *url, int depth)
{
	if (depth >= PLX_WATCH_MAX_OPML_DEPTH)
		return PLX_OK;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(w->db,
			       "SELECT url FROM watch_feeds WHERE listed_by=?1"
			       " ORDER BY rowid",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(w, "reading feeds");
	bind_str(st, 1, url);
	int rc = PLX_OK, step;
	/* copied first: add_feed recurses into this table */
	char **urls = NULL;
	size_t n = 0, cap = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 0);
		if (!u)
			continue;
		if (plx_grow((void **)&urls, &cap, n + 1, sizeof *urls) ||
		    !(urls[n] = dup(u))) {
			rc = PLX_ENOMEM;
			break;
		}
		n++;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(w, "reading feeds");
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++) {
		if (!rc)
			rc = add_feed(w, urls[i], url, depth + 1);
		plx_free(urls[i]);
	}
	plx_free(urls);
	return rc == PLX_ETOOBIG ? PLX_OK : rc;
}

static int add_feed(plx_watch *w, const char *url, const char *parent,
		    int depth)
{
	for (size_t i = 0; i < w->n_feeds; i++)
		if (strcmp(w->feeds[i]->url, url) == 0)
			return PLX_OK;
	if (w->n_feeds >= PLX_WATCH_MAX_FEEDS)
		return PLX_ETOOBIG;
	if (plx_grow((void **)&w->feeds, &w->feeds_cap, w->n_feeds + 1,
		     sizeof *w->feeds))
		return PLX_ENOMEM;
	feed *f = plx_calloc(1, sizeof *f);
	if (!f || !(f->url = dup(url)) ||
	    (parent && !(f->parent = dup(parent)))) {
		feed_free(f);
		return PLX_ENOMEM;
	}
	f->local = !is_url(url) && strstr(url, "://") == NULL;
	f->depth = depth;
	f->next_poll = 0;
	f->dirty = parent != NULL; /* its listing is state too */
	int rc = load_feed(w, f);
	if (rc) {
		feed_free(f);
		return rc;
	}
	w->feeds[w->n_feeds++] = f;
	w->stats.feeds = w->n_feeds;
	return load_children(w, f->url, depth);
}

int plx_watch_add(plx_watch *w, const char *url)
{
	if (!url || !*url)
		return PLX_EINVAL;
	return add_feed(w, url, NULL, 0);
}

/* The host:port of url, as an index into w->hosts; (size_t)-1 when the URL
 * is bad, with *rc set on allocation failure. */
static size_t host_of(plx_watch *w, const char *url, int *rc)
{
	*rc = PLX_OK;
	CURLU *u = curl_url();
	char *h = NULL, *port = NULL;
	size_t idx = (size_t)-1;
	if (!u) {
		*rc = PLX_ENOMEM;
		return idx;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) !=
		    CURLUE_OK)
		goto done;
	char key[300];
	snprintf(key, sizeof key, "%s:%s", h, port);
	for (size_t i = 0; i < w->n_hosts; i++)
		if (strcmp(w->hosts[i].key, key) == 0) {
			idx = i;
			goto done;
		}
	if (plx_grow((void **)&w->hosts, &w->hosts_cap, w->n_hosts + 1,
		     sizeof *w->hosts)) {
		*rc = PLX_ENOMEM;
		goto done;
	}
	host *ho = &w->hosts[w->n_hosts];
	memset(ho, 0, sizeof *ho);
	if (!(ho->key = dup(key))) {
		*rc = PLX_ENOMEM;
		goto done;
	}
	idx = w->n_hosts++;
done:
	curl_free(h);
	curl_free(port);
	curl_url_cleanup(u);
	return idx;
}

static void job_free(plx_watch *w, job *j)
{
	if (j->easy) {
		curl_multi_remove_handle(w->multi, j->easy);
		curl_easy_cleanup(j->easy);
		w->running--;
	}
	curl_slist_free_all(j->hdrs);
	plx_buf_free(&j->body);
	plx_free(j->url);
	plx_free(j->key);
	plx_free(j->title);
	plx_free(j->date);
	plx_free(j->summary);
	plx_free(j->etag);
	plx_free(j->lastmod);
	plx_free(j);
}

static void job_unlink(plx_watch *w, job *j)
{
	for (job **p = &w->jobs; *p; p = &(*p)->next)
		if (*p == j) {
			*p = j->next;
			return;
		}
}

/* A new job at the end of the queue. */
static job *job_new(plx_watch *w, feed *f, const char *url, int page)
{
	job *j = plx_calloc(1, sizeof *j);
	if (!j || !(j->url = dup(url))) {
		plx_free(j);
		return NULL;
	}
	j->feed = f;
	j->page = page;
	plx_buf_init(&j->body);
	job **p = &w->jobs;
	while (*p)
		p = &(*p)->next;
	*p = j;
	return j;
}

/* Keeps the body, up to max_bytes (decoded: a gzip bomb stops there too;
 * CURLOPT_MAXFILESIZE only sees a declared length). */
static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
	job *j = ud;
	size_t len = size * n;
	if (j->body.len + len > j->max_bytes) {
		j->too_big = 1;
		return 0;
	}
	plx_buf_put(&j->body, data, len);
	return j->body.rc ? 0 : len;
}

/* Validators from the response headers; a new status line (after a
 * redirect) forgets the previous response's. */
static size_t on_header(char *data, size_t size, size_t n, void *ud)
{
	job *j = ud;
	size_t len = size * n;
	char **slot = NULL;
	size_t skip = 0;
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		plx_free(j->etag);
		plx_free(j->lastmod);
		j->etag = j->lastmod = NULL;
		return len;
	}
	if (len > 5 && strncasecmp(data, "etag:", 5) == 0)
		slot = &j->etag, skip = 5;
	else if (len > 14 && strncasecmp(data, "last-modified:", 14) == 0)
		slot = &j->lastmod, skip = 14;
	if (!slot)
		return len;
	const char *v = data + skip;
	size_t vn = len - skip;
	while (vn && (*v == ' ' || *v == '\t'))
		v++, vn--;
	while (vn &&
	       (v[vn - 1] == '\r' || v[vn - 1] == '\n' || v[vn - 1] == ' '))
		vn--;
	if (vn && vn <= PLX_WATCH_MAX_VALIDATOR) {
		plx_free(*slot);
		*slot = plx_strndup(v, vn); /* NULL on OOM: not kept */
	}
	return len;
}

static int start_job(plx_watch *w, job *j, double now)
{
	CURL *e = curl_easy_init();
	if (!e)
		return PLX_ENOMEM;
	plx_buf_reset(&j->body);
	j->too_big = 0;
	j->max_bytes = w->p.max_bytes;
	j->err[0] = 0;
	curl_slist_free_all(j->hdrs);
	j->hdrs = NULL;
	if (!j->page) {
		char h[PLX_WATCH_MAX_VALIDATOR + 32];
		if (j->feed->etag) {
			snprintf(h, sizeof h, "If-None-Match: %s",
				 j->feed->etag);
			j->hdrs = curl_slist_append(j->hdrs, h);
		}
		if (j->feed->lastmod) {
			snprintf(h, sizeof h, "If-Modified-Since: %s",
				 j->feed->lastmod);
			j->hdrs = curl_slist_append(j->hdrs, h);
		}
	}
	curl_easy_setopt(e, CURLOPT_URL, j->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, j);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, j);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->err);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, w->p.max_redirects);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, w->p.connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, w->p.timeout_ms);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)w->p.max_bytes);
	curl_easy_setopt(e, CURLOPT_USERAGENT,
			 w->p.user_agent ? w->p.user_agent
					 : "parallax/" PLX_VERSION);
	if (j->hdrs)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, j->hdrs);
	if (curl_multi_add_handle(w->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		return PLX_ENOMEM;
	}
	j->easy = e;
	j->attempt++;
	w->running++;
	host *h = &w->hosts[j->host];
	h->busy = 1;
	h->next_ok = now + w->p.host_interval;
	return PLX_OK;
}

/* ---- Handling what arrived ------------------------------------------- */

static int add_mark(plx_watch *w, const char *key, const char *feed_url,
		    const char *status)
{
	if (plx_grow((void **)&w->marks, &w->marks_cap, w->n_marks + 1,
		     sizeof *w->marks))
		return PLX_ENOMEM;
	mark *m = &w->marks[w->n_marks];
	m->key = dup(key);
	m->feed = dup(feed_url);
	m->status = status;
	if (!m->key || !m->feed) {
		plx_free(m->key);
		plx_free(m->feed);
		return PLX_ENOMEM;
	}
	w->n_marks++;
	return PLX_OK;
}

static void set_fatal(plx_watch *w, int rc, const char *what)
{
	if (w->failed)
		return;
	w->failed = rc;
	snprintf(w->err, sizeof w->err, "%s", what ? what : plx_strerror(rc));
}

/* A poll is over: the feed's validators are kept when it succeeded, its
 * state is saved with its items, and the next poll is one interval away. */
static void feed_done(plx_watch *w, feed *f, int ok)
{
	f->busy = 0;
	f->in_round = 1;
	f->dirty = 1;
	f->next_poll = now_mono() + w->p.interval;
	if (ok) {
		f->failures = 0;
		f->last_error[0] = 0;
		if (f->fresh) { /* a full response: its validators, or none */
			plx_free(f->etag);
			plx_free(f->lastmod);
			f->etag = f->new_etag;
			f->lastmod = f->new_lastmod;
			f->new_etag = f->new_lastmod = NULL;
		}
	} else {
		f->failures++;
		w->stats.failures++;
	}
	plx_free(f->new_etag);
	plx_free(f->new_lastmod);
	f->new_etag = f->new_lastmod = NULL;
	f->fresh = 0;
	plx_watch_flush(w);
}

static void feed_failed(plx_watch *w, feed *f, const char *msg, long http)
{
	snprintf(f->last_error, sizeof f->last_error, "%s", msg);
	event(w, PLX_WATCH_FEED_FAILED, f, NULL, msg, http);
	feed_done(w, f, 0);
}

/* An item's date as ISO 8601 UTC (the item's own, else the page's), or
 * NULL when neither parses. */
static const char *iso_date(const char *a, const char *b, char *buf, size_t n)
{
	int64_t t;
	const char *s = a && !plx_date_parse(a, &t)   ? a
			: b && !plx_date_parse(b, &t) ? b
						      : NULL;
	if (!s)
		return NULL;
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return NULL;
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

/* Ingests an item from its extracted page (doc) or, failing that, its
 * summary; why says why the page was not used. */
static void ingest_item(plx_watch *w, job *j, const plx_html_doc *doc,
			const char *why)
{
	feed *f = j->feed;
	plx_record rec;
	memset(&rec, 0, sizeof rec);
	char *text = NULL;
	size_t len = 0;
	const char *status = "failed";
	char msg[300];
	if (doc) {
		plx_html_record(doc, &rec);
		text = NULL;
	} else if (j->summary) {
		int rc = plx_feed_text(j->summary, strlen(j->summary), &text,
				       &len);
		if (rc == PLX_ENOMEM) {
			set_fatal(w, rc, NULL);
			return;
		}
		rec.text = text;
		rec.text_len = len;
	}
	char date[40];
	rec.path = f->url;
	rec.id = j->key;
	rec.url = j->url ? j->url : rec.url;
	rec.title = j->title ? j->title : rec.title;
	rec.date = iso_date(j->date, doc ? doc->date : NULL, date, sizeof date);
	rec.source = f->title ? f->title : rec.source;
	if (!rec.text || !rec.text_len) {
		snprintf(msg, sizeof msg, "%s; no summary to fall back on",
			 why ? why : "no text");
		w->stats.failed_items++;
		event(w, PLX_WATCH_ITEM_FAILED, f, j, msg, 0);
	} else {
		plx_ingest_stats before, after;
		plx_ingest_stats_get(w->g, &before);
		int rc = plx_ingest_add(w->g, &rec);
		if (rc == PLX_ENOMEM || rc == PLX_EDB) {
			set_fatal(w, rc, plx_ingest_errmsg(w->g));
			plx_free(text);
			return;
		}
		plx_ingest_stats_get(w->g, &after);
		if (rc) {
			snprintf(msg, sizeof msg, "%s", plx_strerror(rc));
			w->stats.failed_items++;
			event(w, PLX_WATCH_ITEM_FAILED, f, j, msg, 0);
		} else {
			int stored = after.stored > before.stored;
			status = !doc     ? "fallback"
				 : stored ? "stored"
					  : "known";
			if (stored)
				w->stats.stored++;
			else
				w->stats.known++;
			if (!doc) {
				w->stats.fallback++;
				snprintf(msg, sizeof msg,
					 "from the feed's summary: %s",
					 why ? why : "page not fetched");
				event(w, PLX_WATCH_ITEM_FALLBACK, f, j, msg, 0);
			} else
				event(w, PLX_WATCH_ITEM_STORED, f, j,
				      stored ? NULL : "already stored", 0);
		}
	}
	plx_free(text);
	if (add_mark(w, j->key, f->url, status))
		set_fatal(w, PLX_ENOMEM, NULL);
}

static void item_done(plx_watch *w, feed *f)
{
	if (f->pending && --f->pending == 0 && f->busy)
		feed_done(w, f, 1);
}

/* Is key being fetched, or handled and not yet saved? */
static int pending_key(const plx_watch *w, const char *key)
{
	for (const job *j = w->jobs; j; j = j->next)
		if (j->page && j->key && strcmp(j->key, key) == 0)
			return 1;
	for (size_t i = 0; i < w->n_marks; i++)
		if (strcmp(w->marks[i].key, key) == 0)
			return 1;
	return 0;
}

/* A parsed feed: OPML adds feeds; a feed queues its new items. */
static void handle_feed(plx_watch *w, feed *f, const char *base,
			const char *buf, size_t len, long http)
{
	plx_feed *pf = NULL;
	char msg[300];
	int rc = plx_feed_parse(buf, len, base, &pf, msg, sizeof msg);
	if (rc == PLX_ENOMEM) {
		set_fatal(w, rc, NULL);
		return;
	}
	if (rc) {
		feed_failed(w, f, msg, http);
		return;
	}
	w->stats.polls++;
	if (pf->title && (!f->title || strcmp(f->title, pf->title))) {
		plx_free(f->title);
		f->title = dup(pf->title);
	}
	if (pf->kind == PLX_FEED_OPML) {
		size_t added = w->n_feeds;
		/* Feeds the list no longer names are not listed by it any
		 * more: this run goes on polling them, the next will not. */
		for (size_t i = 0; i < w->n_feeds; i++) {
			feed *c = w->feeds[i];
			if (!c->parent || strcmp(c->parent, f->url))
				continue;
			size_t k = 0;
			while (k < pf->n_feeds && strcmp(pf->feeds[k], c->url))
				k++;
			if (k == pf->n_feeds) {
				plx_free(c->parent);
				c->parent = NULL;
				c->dirty = 1;
			}
		}
		for (size_t i = 0; i < pf->n_feeds && !w->failed; i++) {
			if (f->depth >= PLX_WATCH_MAX_OPML_DEPTH)
				break;
			/* a list from the web names web feeds only, never a
			 * local file */
			if (!f->local && !is_url(pf->feeds[i]))
				continue;
			rc = add_feed(w, pf->feeds[i], f->url, f->depth + 1);
			if (rc == PLX_ENOMEM || rc == PLX_EDB)
				set_fatal(w, rc, rc == PLX_EDB ? w->err : NULL);
		}
		snprintf(msg, sizeof msg, "OPML: %zu feeds, %zu new",
			 pf->n_feeds, w->n_feeds - added);
		event(w, PLX_WATCH_FEED_OK, f, NULL, msg, http);
		plx_feed_free(pf);
		feed_done(w, f, 1);
		return;
	}
	size_t fresh = 0;
	for (size_t i = 0; i < pf->n_items && !w->failed; i++) {
		const plx_feed_item *it = &pf->items[i];
		const char *key = it->link ? it->link : it->guid;
		if (!key)
			continue; /* nothing to remember it by */
		int s = seen(w, key);
		if (s < 0)
			break;
		if (s || pending_key(w, key))
			continue;
		fresh++;
		w->stats.new_items++;
		int fetch = w->p.fetch_pages && it->link && is_url(it->link);
		job *j = job_new(w, f, fetch ? it->link : "", 1);
		if (!j || !(j->key = dup(key)) ||
		    (it->title && !(j->title = dup(it->title))) ||
		    (it->date && !(j->date = dup(it->date))) ||
		    (it->summary && !(j->summary = dup(it->summary)))) {
			if (j) {
				job_unlink(w, j);
				job_free(w, j);
			}
			set_fatal(w, PLX_ENOMEM, NULL);
			break;
		}
		if (!fetch) {
			plx_free(j->url);
			j->url = it->link ? dup(it->link) : NULL;
			job_unlink(w, j);
			ingest_item(w, j, NULL,
				    it->link ? "page not fetched" : "no link");
			job_free(w, j);
			continue;
		}
		int hrc;
		j->host = host_of(w, j->url, &hrc);
		if (j->host == (size_t)-1) {
			job_unlink(w, j);
			if (hrc)
				set_fatal(w, hrc, NULL);
			else
				ingest_item(w, j, NULL, "bad link");
			job_free(w, j);
			continue;
		}
		f->pending++;
	}
	snprintf(msg, sizeof msg, "%zu items, %zu new", pf->n_items, fresh);
	event(w, PLX_WATCH_FEED_OK, f, NULL, msg, http);
	plx_feed_free(pf);
	if (!f->pending)
		feed_done(w, f, 1);
}

/* A local file, read at each poll. */
static void poll_local(plx_watch *w, feed *f)
{
	char msg[300];
	FILE *fp = fopen(f->url, "rb");
	if (!fp) {
		snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
		feed_failed(w, f, msg, 0);
		return;
	}
	plx_buf b;
	plx_buf_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 &&
	       b.len <= w->p.max_bytes)
		plx_buf_put(&b, chunk, n);
	int err = ferror(fp);
	fclose(fp);
	if (b.rc)
		set_fatal(w, b.rc, NULL);
	else if (err)
		feed_failed(w, f, "read error", 0);
	else if (b.len > w->p.max_bytes) {
		snprintf(msg, sizeof msg, "file over %zu bytes (max_bytes)",
			 w->p.max_bytes);
		feed_failed(w, f, msg, 0);
	} else
		handle_feed(w, f, f->url, b.data ? b.data : "", b.len, 0);
	plx_buf_free(&b);
}

/* Transient: worth a retry after a delay. */
static int transient(CURLcode cc, long http)
{
	if (cc == CURLE_OK)
		return http >= 500 || http == 429 || http == 408;
	return cc == CURLE_OPERATION_TIMEDOUT || cc == CURLE_COULDNT_CONNECT ||
	       cc == CURLE_COULDNT_RESOLVE_HOST || cc == CURLE_RECV_ERROR ||
	       cc == CURLE_SEND_ERROR || cc == CURLE_GOT_NOTHING ||
	       cc == CURLE_PARTIAL_FILE || cc == CURLE_HTTP2 ||
	       cc == CURLE_SSL_CONNECT_ERROR;
}

/* A transfer finished: retried, failed, or handled. */
static void finish(plx_watch *w, job *j, CURLcode cc)
{
	long http = 0;
	char *eff = NULL;
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &http);
	curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &eff);
	char *ctype = NULL, cs[40];
	curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ctype);
	const char *charset =
		ctype ? plx_http_charset(ctype, strlen(ctype), cs) : NULL;
	char effurl[2048];
	snprintf(effurl, sizeof effurl, "%s", eff ? eff : j->url);
	w->hosts[j->host].busy = 0;
	curl_multi_remove_handle(w->multi, j->easy);
	curl_easy_cleanup(j->easy);
	j->easy = NULL;
	w->running--;
	feed *f = j->feed;

	char msg[CURL_ERROR_SIZE + 64];
	int ok = cc == CURLE_OK && http >= 200 && http < 300;
	int not_modified = cc == CURLE_OK && http == 304 && !j->page;
	if (cc == CURLE_FILESIZE_EXCEEDED || j->too_big)
		snprintf(msg, sizeof msg, "response over %zu bytes (max_bytes)",
			 w->p.max_bytes);
	else if (cc == CURLE_WRITE_ERROR) {
		set_fatal(w, PLX_ENOMEM, NULL);
		job_unlink(w, j);
		job_free(w, j);
		return;
	} else if (cc != CURLE_OK)
		snprintf(msg, sizeof msg, "%s",
			 j->err[0] ? j->err : curl_easy_strerror(cc));
	else
		snprintf(msg, sizeof msg, "HTTP %ld", http);

	if (!ok && !not_modified && transient(cc, http) &&
	    j->attempt <= w->p.retries) {
		double delay = w->p.retry_delay * ldexp(1.0, j->attempt - 1);
		j->not_before = now_mono() + delay;
		w->stats.retries++;
		char m2[sizeof msg + 64];
		snprintf(m2, sizeof m2, "%s; retry %d of %d in %.3g s", msg,
			 j->attempt, w->p.retries, delay);
		if (!j->page)
			event(w, PLX_WATCH_FEED_RETRY, f, NULL, m2, http);
		return; /* stays queued */
	}
	job_unlink(w, j);
	if (!j->page) {
		if (not_modified) {
			w->stats.polls++;
			w->stats.not_modified++;
			event(w, PLX_WATCH_FEED_NOT_MODIFIED, f, NULL,
			      "not modified", http);
			feed_done(w, f, 1);
		} else if (!ok)
			feed_failed(w, f, msg, http);
		else {
			f->fresh = 1;
			f->new_etag = j->etag;
			f->new_lastmod = j->lastmod;
			j->etag = j->lastmod = NULL;
			/* relative links resolve against where it ended */
			handle_feed(w, f, effurl,
				    j->body.data ? j->body.data : "",
				    j->body.len, http);
		}
		job_free(w, j);
		return;
	}
	plx_html_doc *doc = NULL;
	char why[sizeof msg + 16];
	snprintf(why, sizeof why, "page: %s", msg);
	if (ok) {
		/* the HTTP header's charset, as for WARC records */
		int rc = plx_html_extract_charset(
			j->body.data ? j->body.data : "", j->body.len, effurl,
			charset, &doc);
		if (rc == PLX_ENOMEM) {
			set_fatal(w, rc, NULL);
			job_free(w, j);
			return;
		}
		if (rc)
			snprintf(why, sizeof why, "page: %s", plx_strerror(rc));
	}
	ingest_item(w, j, doc, why);
	plx_html_doc_free(doc);
	job_free(w, j);
	item_done(w, f);
}

/* ---- The scheduler ----------------------------------------------------- */

/* Queues a poll of every feed that is due; local files are read now. */
static void schedule(plx_watch *w, double now)
{
	for (size_t i = 0; i < w->n_feeds && !w->failed; i++) {
		feed *f = w->feeds[i];
		if (f->busy || f->next_poll > now)
			continue;
		f->busy = 1;
		if (f->local) {
			poll_local(w, f);
			continue;
		}
		int rc;
		size_t h = host_of(w, f->url, &rc);
		if (h == (size_t)-1) {
			if (rc)
				set_fatal(w, rc, NULL);
			else
				feed_failed(w, f, "bad URL", 0);
			continue;
		}
		job *j = job_new(w, f, f->url, 0);
		if (!j) {
			set_fatal(w, PLX_ENOMEM, NULL);
			return;
		}
		j->host = h;
	}
}

/* Starts the queued jobs allowed to start; returns the earliest time a
 * waiting one may start (or +inf). */
static double start_due(plx_watch *w, double now)
{
	double next = INFINITY;
	for (job *j = w->jobs; j && !w->failed; j = j->next) {
		if (j->easy)
			continue;
		host *h = &w->hosts[j->host];
		double t =
			j->not_before > h->next_ok ? j->not_before : h->next_ok;
		if (h->busy || w->running >= w->p.max_parallel)
			continue; /* a transfer's end wakes the poll */
		if (t > now) {
			if (t < next)
				next = t;
			continue;
		}
		if (start_job(w, j, now))
			set_fatal(w, PLX_ENOMEM, NULL);
	}
	for (size_t i = 0; i < w->n_feeds; i++)
		if (!w->feeds[i]->busy && w->feeds[i]->next_poll < next)
			next = w->feeds[i]->next_poll;
	return next;
}

static void reap(plx_watch *w)
{
	CURLMsg *m;
	int left;
	while (!w->failed && (m = curl_multi_info_read(w->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		job *j = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
				  (char **)&j);
		if (j)
			finish(w, j, m->data.result);
	}
}

/* A round is over when every feed completed a poll since the last one
 * ended and nothing is queued. */
static int round_over(plx_watch *w)
{
	if (w->jobs)
		return 0;
	for (size_t i = 0; i < w->n_feeds; i++)
		if (!w->feeds[i]->in_round || w->feeds[i]->busy)
			return 0;
	for (size_t i = 0; i < w->n_feeds; i++)
		w->feeds[i]->in_round = 0;
	return 1;
}

int plx_watch_step(plx_watch *w, int ms)
{
	if (w->failed)
		return w->failed;
	double now = now_mono(), end = now + (ms > 0 ? ms : 0) / 1000.0;
	for (;;) {
		schedule(w, now);
		double next = start_due(w, now);
		int still;
		curl_multi_perform(w->multi, &still);
		reap(w);
		if (w->failed)
			return w->failed;
		if (round_over(w))
			return 1;
		now = now_mono();
		if (now >= end)
			return 0;
		if (next > end)
			next = end;
		double wait = next - now;
		int wait_ms = wait < 0 ? 0 : (int)(wait * 1000) + 1;
		curl_multi_poll(w->multi, NULL, 0, wait_ms, NULL);
		now = now_mono();
	}
}

void plx_watch_stats_get(const plx_watch *w, plx_watch_stats *out)
{
	*out = w->stats;
}

const char *plx_watch_errmsg(const plx_watch *w)
{
	return w->err;
}

void plx_watch_free(plx_watch *w)
{
	if (!w)
		return;
	while (w->jobs) {
		job *j = w->jobs;
		w->jobs = j->next;
		job_free(w, j);
	}
	for (size_t i = 0; i < w->n_feeds; i++)
		feed_free(w->feeds[i]);
	plx_free(w->feeds);
	for (size_t i = 0; i < w->n_hosts; i++)
		plx_free(w->hosts[i].key);
	plx_free(w->hosts);
	for (size_t i = 0; i < w->n_marks; i++) {
		plx_free(w->marks[i].key);
		plx_free(w->marks[i].feed);
	}
	plx_free(w->marks);
	if (w->multi)
		curl_multi_cleanup(w->multi);
	if (w->db)
		sqlite3_close(w->db);
	curl_global_cleanup();
	plx_free(w);
}

int plx_watch_new(const plx_watch_params *params, plx_ingest *g,
		  const char *db_path, plx_watch_fn fn, void *ud,
		  plx_watch **out, char *msg, size_t msglen)
{
	*out = NULL;
	if (msg && msglen)
		msg[0] = 0;
	if (!g || !db_path)
		return PLX_EINVAL;
	plx_watch *w = plx_calloc(1, sizeof *w);
	if (!w)
		return PLX_ENOMEM;
	if (params)
		w->p = *params;
	else
		plx_watch_params_default(&w->p);
	if (!w->p.max_parallel)
		w->p.max_parallel = 1;
	w->g = g;
	w->fn = fn;
	w->ud = ud;
	int rc = PLX_OK;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    !(w->multi = curl_multi_init())) {
		rc = PLX_ENOMEM;
		snprintf(w->err, sizeof w->err, "cannot set up libcurl");
	} else if (sqlite3_open_v2(db_path, &w->db,
				   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
				   NULL) != SQLITE_OK) {
		rc = db_fail(w, "opening");
	} else {
		sqlite3_busy_timeout(w->db, 10000);
		rc = exec_sql(w, SCHEMA);
	}
	if (w->multi)
		curl_multi_setopt(w->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
				  (long)w->p.max_parallel);
	if (rc) {
		if (msg && msglen)
			snprintf(msg, msglen, "%s: %s", db_path, w->err);
		plx_watch_free(w);
		return rc;
	}
	*out = w;
	return PLX_OK;
}
