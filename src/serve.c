/*
 * serve.c: `parallax serve`: libmicrohttpd with a pool of worker threads,
 * our routing (http.c) and the JSON API; the HTML pages are in pages.c.
 * Each worker thread borrows a read-only database connection (with its
 * analyzer, for re-analysing stored articles) from a small pool, so no
 * connection is shared between threads.  Only GET and HEAD are served.
 */
#include "serve.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "mem.h"
#include "store.h"

/* Memory per connection for the request line and headers: a request whose
 * head does not fit is refused by libmicrohttpd (414 or 431).  Ours are
 * short; this bounds what a client can make a thread hold. */
#define PLX_HTTP_MAX_REQUEST (32 * 1024)
/* Simultaneous connections: beyond it new ones are refused at accept. */
#define PLX_HTTP_MAX_CONNECTIONS 512
/* Seconds an idle connection is kept (slow clients cannot hold threads). */
#define PLX_HTTP_TIMEOUT 15

static const char CSP[] = "default-src 'none'; style-src 'unsafe-inline'; "
			  "img-src data:; form-action 'self'; "
			  "frame-ancestors 'none'; base-uri 'none'";

/* Rendered story reports, kept until an article joins the story: a report
 * costs milliseconds (each article is re-analysed), a cached one a copy.
 * Keyed by story, format, article count and newest article, so a report
 * is never older than its story. */
#define PLX_REPORT_CACHE 64
/* A report bigger than this is not kept (64 of them bound the memory). */
#define PLX_REPORT_CACHE_MAX_BYTES (1024 * 1024)

typedef struct report_entry {
	int64_t story, n, max_seq;
	plx_format fmt;
	char *data; /* NULL: free slot */
	size_t len;
	plx_coverage_counts counts;
	uint64_t used; /* tick of the last use (least recently used goes) */
} report_entry;

struct report_cache {
	pthread_mutex_t mu;
	report_entry e[PLX_REPORT_CACHE];
	uint64_t tick;
};

/* A database connection with what a request needs around it. */
typedef struct worker {
	plx_store *store;
	plx_query *q;
	plx_analyzer *an;
	struct worker *next;
} worker;

struct plx_server {
	struct MHD_Daemon *d;
	char *db;
	char *outlets;
	pthread_mutex_t mu;
	worker *idle; /* free list, under mu */
	report_cache cache;
	void (*log)(void *ud, const char *msg);
	void *log_ud;
	unsigned port;
};

/* Per request: the raw target as received (from the URI log callback,
 * before libmicrohttpd decodes anything). */
typedef struct conn_state {
	char *uri;
	int too_long;
} conn_state;

void plx_server_params_default(plx_server_params *p)
{
	memset(p, 0, sizeof *p);
	p->listen = "127.0.0.1:8080";
	p->threads = 4;
}

static void logf_(plx_server *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void logf_(plx_server *s, const char *fmt, ...)
{
	if (!s->log)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	size_t n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = 0;
	s->log(s->log_ud, msg);
}

static void worker_free(worker *w)
{
	if (!w)
		return;
	plx_query_free(w->q);
	plx_store_close(w->store);
	plx_analyzer_free(w->an);
	plx_free(w);
}

static worker *worker_take(plx_server *s, char *msg, size_t msglen)
{
	pthread_mutex_lock(&s->mu);
	worker *w = s->idle;
	if (w)
		s->idle = w->next;
	pthread_mutex_unlock(&s->mu);
	if (w)
		return w;
	w = plx_calloc(1, sizeof *w);
	if (!w) {
		snprintf(msg, msglen, "out of memory");
		return NULL;
	}
	int rc = plx_store_open(s->db, PLX_STORE_READONLY, &w->store, msg,
				msglen);
	if (!rc)
		rc = plx_query_new(w->store, &w->q);
	if (!rc && (rc = plx_analyzer_new(NULL, &w->an)) == 0)
		plx_analyzer_skip(w->an, PLX_SKIP_STORY_TERMS);
	if (!rc && s->outlets) {
		rc = plx_analyzer_load_outlets(w->an, s->outlets);
		if (rc)
			snprintf(msg, msglen, "%s", plx_analyzer_errmsg(w->an));
	}
	if (rc) {
		if (!msg[0])
			snprintf(msg, msglen, "%s", plx_strerror(rc));
		worker_free(w);
		return NULL;
	}
	return w;
}

static void worker_give(plx_server *s, worker *w)
{
	pthread_mutex_lock(&s->mu);
	w->next = s->idle;
	s->idle = w;
	pthread_mutex_unlock(&s->mu);
}

/* ---- JSON API -------------------------------------------------------- */

void plx_serve_time(int64_t t, char *buf, size_t n)
{
	buf[0] = 0;
	if (t == INT64_MIN)
		return;
	time_t tt = (time_t)t;
	struct tm tm;
	if (gmtime_r(&tt, &tm))
		strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void plx_serve_json_error(plx_req *r, int status, const char *msg)
{
	plx_buf_reset(&r->body);
	r->status = status;
	r->ctype = "application/json; charset=utf-8";
	plx_buf_puts(&r->body, "{\"error\":");
	plx_buf_json_str(&r->body, msg, strlen(msg));
	plx_buf_puts(&r->body, "}\n");
}

int plx_serve_paging(const plx_req *r, size_t *limit, size_t *offset,
		     const char **why)
{
	plx_buf v;
	plx_buf_init(&v);
	*limit = PLX_API_DEFAULT_LIMIT;
	*offset = 0;
	int rc = plx_http_param(r->query, "limit", &v);
	if (rc == 1) {
		int64_t n = plx_http_uint(v.data);
		if (n < 1 || n > PLX_API_MAX_LIMIT) {
			*why = "limit must be a number from 1 to 100";
			rc = -1;
		} else {
			*limit = (size_t)n;
		}
	} else if (rc < 0) {
		*why = "bad limit";
	}
	if (rc >= 0) {
		rc = plx_http_param(r->query, "offset", &v);
		if (rc == 1) {
			int64_t n = plx_http_uint(v.data);
			if (n < 0 || n > 1000000000) {
				*why = "offset must be a number from 0";
				rc = -1;
			} else {
				*offset = (size_t)n;
			}
		} else if (rc < 0) {
			*why = "bad offset";
		}
	}
	plx_buf_free(&v);
	return rc < 0 ? -1 : 0;
}

static void jkey(plx_buf *b, const char *k)
{
	plx_buf_json_str(b, k, strlen(k));
	plx_buf_putc(b, ':');
}

static void jstr(plx_buf *b, const char *s)
{
	if (s)
		plx_buf_json_str(b, s, strlen(s));
	else
		plx_buf_puts(b, "null");
}

static void jtime(plx_buf *b, int64_t t)
{
	char ts[40];
	plx_serve_time(t, ts, sizeof ts);
	jstr(b, t == INT64_MIN ? NULL : ts);
}

/* Writes a story row as a JSON object. */
static void story_json(plx_buf *b, const plx_story_row *s)
{
	plx_buf_printf(b, "{\"id\":%lld,", (long long)s->id);
	jkey(b, "headline");
	jstr(b, s->headline);
	plx_buf_printf(b, ",\"articles\":%zu,\"sources\":%zu,", s->n_articles,
		       s->n_sources);
	jkey(b, "first_seen");
	jtime(b, s->first_seen);
	plx_buf_putc(b, ',');
	jkey(b, "last_seen");
	jtime(b, s->last_seen);
	plx_buf_printf(b, ",\"url\":\"/stories/%lld\"}", (long long)s->id);
}

/* Writes an article row; snippet: row->extra is a search snippet. */
static void article_row_json(plx_buf *b, const plx_article_row *a,
			     const char *extra_key)
{
	plx_buf_printf(b, "{\"seq\":%lld,", (long long)a->seq);
	jkey(b, "id");
	jstr(b, a->id);
	plx_buf_putc(b, ',');
	jkey(b, "title");
	jstr(b, a->title);
	plx_buf_putc(b, ',');
	jkey(b, "source");
	jstr(b, a->source);
	plx_buf_putc(b, ',');
	jkey(b, "date");
	jstr(b, a->date);
	plx_buf_putc(b, ',');
	jkey(b, "time");
	jtime(b, a->time);
	plx_buf_putc(b, ',');
	jkey(b, "url");
	jstr(b, a->url);
	if (a->story >= 0)
		plx_buf_printf(b, ",\"story\":%lld", (long long)a->story);
	else
		plx_buf_puts(b, ",\"story\":null");
	if (extra_key) {
		plx_buf_putc(b, ',');
		jkey(b, extra_key);
		if (!a->extra) {
			plx_buf_puts(b, "null");
		} else {
			/* Search snippets mark matches with \x01 .. \x02:
			 * plain text in JSON. */
			plx_buf t;
			plx_buf_init(&t);
			for (const char *p = a->extra; *p; p++)
				if (*p != 1 && *p != 2)
					plx_buf_putc(&t, *p);
			plx_buf_json_str(b, t.data ? t.data : "", t.len);
			if (t.rc)
				b->rc = t.rc;
			plx_buf_free(&t);
		}
	}
	plx_buf_printf(b, ",\"page\":\"/articles/%lld\"}", (long long)a->seq);
}

typedef struct list_ctx {
	plx_buf *b;
	size_t n;
	const char *extra_key;
} list_ctx;

static int story_item(const plx_story_row *row, void *ud)
{
	list_ctx *c = ud;
	if (c->n++)
		plx_buf_putc(c->b, ',');
	story_json(c->b, row);
	return 0;
}

static int article_item(const plx_article_row *row, void *ud)
{
	list_ctx *c = ud;
	if (c->n++)
		plx_buf_putc(c->b, ',');
	article_row_json(c->b, row, c->extra_key);
	return 0;
}

static int query_failed(plx_req *r, int rc)
{
	if (rc == PLX_EDB)
		plx_serve_json_error(r, 500, plx_query_errmsg(r->q));
	else
		plx_serve_json_error(r, 500, plx_strerror(rc));
	return PLX_OK;
}

/* Parses a time parameter (ISO 8601 / RFC 2822); -1 when bad. */
static int time_param(plx_req *r, const char *name, int64_t *out)
{
	plx_buf v;
	plx_buf_init(&v);
	*out = INT64_MIN;
	int rc = plx_http_param(r->query, name, &v);
	if (rc == 1 && plx_date_parse(v.data, out))
		rc = -1;
	plx_buf_free(&v);
	return rc < 0 ? -1 : 0;
}

int plx_serve_story_filter(plx_req *r, plx_story_query *f, plx_buf *src,
			   plx_buf *ent, const char **why)
{
	memset(f, 0, sizeof *f);
	f->from = f->to = INT64_MIN;
	if (plx_serve_paging(r, &f->limit, &f->offset, why))
		return -1;
	plx_buf v;
	plx_buf_init(&v);
	int rc = plx_http_param(r->query, "sort", &v);
	if (rc == 1) {
		if (strcmp(v.data, "recent") == 0)
			f->sort = PLX_SORT_RECENT;
		else if (strcmp(v.data, "size") == 0)
			f->sort = PLX_SORT_SIZE;
		else if (strcmp(v.data, "sources") == 0)
			f->sort = PLX_SORT_SOURCES;
		else
			rc = -1;
	}
	plx_buf_free(&v);
	if (rc < 0) {
		*why = "sort must be recent, size or sources";
		return -1;
	}
	if (time_param(r, "from", &f->from) || time_param(r, "to", &f->to)) {
		*why = "from and to must be dates (2025-03-10 or "
		       "2025-03-10T12:00:00Z)";
		return -1;
	}
	rc = plx_http_param(r->query, "source", src);
	if (rc == 1 && src->len)
		f->source = src->data;
	if (rc >= 0) {
		rc = plx_http_param(r->query, "entity", ent);
		if (rc == 1 && ent->len)
			f->entity = ent->data;
	}
	if (rc < 0) {
		*why = "bad source or entity";
		return -1;
	}
	return 0;
}

static int api_stories(plx_req *r)
{
	plx_story_query f;
	plx_buf src, ent;
	plx_buf_init(&src);
	plx_buf_init(&ent);
	const char *why = NULL;
	if (plx_serve_story_filter(r, &f, &src, &ent, &why)) {
		plx_serve_json_error(r, 400, why);
		goto out;
	}
	plx_buf *b = &r->body;
	plx_buf_puts(b, "{\"stories\":[");
	list_ctx c = {b, 0, NULL};
	size_t want = f.limit;
	f.limit++; /* one more says whether there is a next page */
	int rc = plx_query_stories(r->q, &f, story_item, &c);
	if (rc) {
		query_failed(r, rc);
		goto out;
	}
	if (c.n > want) { /* drop the extra row */
		char *last = b->data + b->len;
		while (last > b->data && *last != '{')
			last--;
		b->len = (size_t)(last - b->data) - 1;
		b->data[b->len] = 0;
	}
	plx_buf_printf(b,
		       "],\"limit\":%zu,\"offset\":%zu,\"next_offset\":", want,
		       f.offset);
	if (c.n > want)
		plx_buf_printf(b, "%zu}\n", f.offset + want);
	else
		plx_buf_puts(b, "null}\n");
out:
	plx_buf_free(&src);
	plx_buf_free(&ent);
	return PLX_OK;
}

typedef struct cov_ctx {
	plx_analyzer *an;
	plx_coverage *c;
	int rc;
} cov_ctx;

static int cov_add(const plx_record *rec, const plx_article_row *row, void *ud)
{
	(void)row;
	cov_ctx *x = ud;
	plx_article *art = NULL;
	int rc = plx_analyze(x->an, rec, &art);
	if (rc == PLX_ENOMEM)
		return x->rc = rc;
	if (rc) /* an article that no longer analyses: left out */
		return 0;
	rc = plx_coverage_add(x->c, art);
	return rc ? (x->rc = rc) : 0;
}

/* Builds the report of story id from its latest articles. */
static int build_report(plx_req *r, int64_t id, const char *headline,
			plx_coverage **out)
{
	*out = NULL;
	cov_ctx x = {r->an, NULL, 0};
	int rc = plx_coverage_new(NULL, &x.c);
	if (!rc)
		rc = plx_coverage_set_story(x.c, id, headline);
	if (!rc)
		rc = plx_query_story_records(r->q, id, cov_add, &x);
	if (!rc)
		rc = x.rc;
	if (!rc)
		rc = plx_coverage_build(x.c);
	if (rc) {
		plx_coverage_free(x.c);
		return rc;
	}
	*out = x.c;
	return PLX_OK;
}

static char *copy_bytes(const char *s, size_t n)
{
	char *d = plx_malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = 0;
	}
	return d;
}

int plx_serve_report(plx_req *r, int64_t id, const char *headline,
		     plx_format fmt, char **out, size_t *len,
		     plx_coverage_counts *counts)
{
	*out = NULL;
	*len = 0;
	report_cache *rc_ = r->cache;
	int64_t n = 0, max_seq = 0;
	int rc = plx_query_story_version(r->q, id, &n, &max_seq);
	if (rc)
		return rc;
	if (rc_) {
		pthread_mutex_lock(&rc_->mu);
		for (size_t i = 0; i < PLX_REPORT_CACHE; i++) {
			report_entry *e = &rc_->e[i];
			if (!e->data || e->story != id || e->fmt != fmt ||
			    e->n != n || e->max_seq != max_seq)
				continue;
			e->used = ++rc_->tick;
			*out = copy_bytes(e->data, e->len);
			*len = e->len;
			if (counts)
				*counts = e->counts;
			break;
		}
		pthread_mutex_unlock(&rc_->mu);
		if (*out)
			return PLX_OK;
	}
	plx_coverage *c = NULL;
	rc = build_report(r, id, headline, &c);
	if (rc)
		return rc;
	plx_render_opts o = {0, 1, ""};
	rc = plx_coverage_render(c, fmt, fmt == PLX_FMT_HTML ? &o : NULL, out,
				 len);
	plx_coverage_counts cc;
	plx_coverage_counts_get(c, &cc);
	plx_coverage_free(c);
	if (rc)
		return rc;
	if (counts)
		*counts = cc;
	if (rc_ && *len <= PLX_REPORT_CACHE_MAX_BYTES) {
		char *keep = copy_bytes(*out, *len);
		if (keep) {
			pthread_mutex_lock(&rc_->mu);
			report_entry *e = &rc_->e[0];
			for (size_t i = 1; i < PLX_REPORT_CACHE && e->data; i++)
				if (!rc_->e[i].data || rc_->e[i].used < e->used)
					e = &rc_->e[i];
			plx_free(e->data);
			*e = (report_entry){id,   n,    max_seq, fmt,
					    keep, *len, cc,      ++rc_->tick};
			pthread_mutex_unlock(&rc_->mu);
		}
	}
	return PLX_OK;
}

static int story_headline(const plx_story_row *row, void *ud)
{
	char **h = ud;
	if (row->headline &&
	    !(*h = plx_strndup(row->headline, strlen(row->headline))))
		return PLX_ENOMEM;
	return 0;
}

static int api_story(plx_req *r)
{
	int64_t id = plx_http_uint(r->arg);
	if (id < 0) {
		plx_serve_json_error(r, 400, "a story id is a number");
		return PLX_OK;
	}
	char *headline = NULL;
	int rc = plx_query_story(r->q, id, story_headline, &headline);
	if (rc == PLX_ENOTFOUND) {
		plx_serve_json_error(r, 404, "no such story");
		return PLX_OK;
	}
	char *json = NULL;
	size_t len = 0;
	if (!rc)
		rc = plx_serve_report(r, id, headline, PLX_FMT_JSON, &json,
				      &len, NULL);
	plx_free(headline);
	if (rc)
		return query_failed(r, rc);
	plx_buf_put(&r->body, json, len);
	plx_buf_putc(&r->body, '\n');
	plx_free(json);
	return PLX_OK;
}

static int copy_item(const char *other, int64_t other_seq,
		     const char *other_title, const char *kind, double score,
		     int copies, void *ud)
{
	list_ctx *c = ud;
	if (c->n++)
		plx_buf_putc(c->b, ',');
	plx_buf_putc(c->b, '{');
	jkey(c->b, copies ? "original" : "copy");
	jstr(c->b, other);
	if (other_seq >= 0)
		plx_buf_printf(c->b, ",\"seq\":%lld", (long long)other_seq);
	plx_buf_putc(c->b, ',');
	jkey(c->b, "title");
	jstr(c->b, other_title);
	plx_buf_putc(c->b, ',');
	jkey(c->b, "kind");
	jstr(c->b, kind);
	plx_buf_printf(c->b, ",\"score\":%.3f}", score);
	return 0;
}

typedef struct article_ctx {
	plx_req *r;
	int rc;
} article_ctx;

static int article_found(const plx_record *rec, const plx_article_row *row,
			 void *ud)
{
	article_ctx *c = ud;
	plx_req *r = c->r;
	plx_article *art = NULL;
	int rc = plx_analyze(r->an, rec, &art);
	if (rc) {
		plx_serve_json_error(r, rc == PLX_ENOMEM ? 500 : 422,
				     plx_strerror(rc));
		return 0;
	}
	char *json = NULL;
	size_t len = 0;
	rc = plx_article_json(art, &json, &len);
	plx_article_free(art);
	if (rc) {
		c->rc = rc;
		return rc;
	}
	/* The article object of docs/json.md, with where it is stored. */
	plx_buf *b = &r->body;
	if (len && json[len - 1] == '}')
		len--;
	plx_buf_put(b, json, len);
	plx_free(json);
	plx_buf_printf(b, ",\"seq\":%lld,\"story\":", (long long)row->seq);
	if (row->story >= 0)
		plx_buf_printf(b, "%lld", (long long)row->story);
	else
		plx_buf_puts(b, "null");
	plx_buf_puts(b, ",\"copies\":[");
	list_ctx l = {b, 0, NULL};
	rc = plx_query_copies(r->q, row->id, copy_item, &l);
	plx_buf_puts(b, "]}\n");
	c->rc = rc;
	return rc;
}

static int api_article(plx_req *r)
{
	article_ctx c = {r, 0};
	int rc = plx_query_article(r->q, r->arg, article_found, &c);
	if (rc == PLX_ENOTFOUND) {
		plx_serve_json_error(r, 404, "no such article");
		return PLX_OK;
	}
	if (rc)
		return query_failed(r, c.rc ? c.rc : rc);
	return PLX_OK;
}

static int api_search(plx_req *r)
{
	size_t limit, offset;
	const char *why = NULL;
	if (plx_serve_paging(r, &limit, &offset, &why)) {
		plx_serve_json_error(r, 400, why);
		return PLX_OK;
	}
	plx_buf text;
	plx_buf_init(&text);
	int rc = plx_http_param(r->query, "q", &text);
	if (rc != 1 || !text.len) {
		plx_serve_json_error(r, 400,
				     rc < 0 ? "bad q"
					    : "missing q (the words "
					      "to search for)");
		plx_buf_free(&text);
		return PLX_OK;
	}
	plx_buf *b = &r->body;
	plx_buf_puts(b, "{\"query\":");
	plx_buf_json_str(b, text.data, text.len);
	plx_buf_puts(b, ",\"results\":[");
	list_ctx c = {b, 0, "snippet"};
	rc = plx_query_search(r->q, text.data, limit + 1, offset, article_item,
			      &c);
	plx_buf_free(&text);
	if (rc == PLX_EINVAL) {
		plx_serve_json_error(r, 400, "no word to search for");
		return PLX_OK;
	}
	if (rc == PLX_ENOTFOUND) { /* no search index */
		plx_serve_json_error(r, 500, plx_query_errmsg(r->q));
		return PLX_OK;
	}
	if (rc)
		return query_failed(r, rc);
	if (c.n > limit) {
		char *last = b->data + b->len;
		while (last > b->data && memcmp(last, "{\"seq\"", 6) != 0)
			last--;
		b->len = (size_t)(last - b->data) - 1;
		b->data[b->len] = 0;
	}
	plx_buf_printf(b,
		       "],\"limit\":%zu,\"offset\":%zu,\"next_offset\":", limit,
		       offset);
	if (c.n > limit)
		plx_buf_printf(b, "%zu}\n", offset + limit);
	else
		plx_buf_puts(b, "null}\n");
	return PLX_OK;
}

static int entity_story_item(const plx_story_row *row, int64_t mentions,
			     void *ud)
{
	(void)mentions;
	return story_item(row, ud);
}

static int api_entity(plx_req *r)
{
	plx_buf *b = &r->body;
	plx_buf_puts(b, "{\"entity\":");
	jstr(b, r->arg);
	plx_buf_puts(b, ",\"articles\":[");
	list_ctx c = {b, 0, "name"};
	int rc = plx_query_entity_articles(r->q, r->arg, PLX_API_MAX_LIMIT,
					   article_item, &c);
	if (rc)
		return query_failed(r, rc);
	if (!c.n) {
		plx_serve_json_error(r, 404, "no article names this entity");
		return PLX_OK;
	}
	plx_buf_puts(b, "],\"stories\":[");
	c.n = 0;
	rc = plx_query_entity_stories(r->q, r->arg, PLX_API_MAX_LIMIT,
				      entity_story_item, &c);
	if (rc)
		return query_failed(r, rc);
	plx_buf_puts(b, "]}\n");
	return PLX_OK;
}

int plx_serve_api(plx_req *r)
{
	r->ctype = "application/json; charset=utf-8";
	switch (r->route) {
	case PLX_R_API_STORIES: return api_stories(r);
	case PLX_R_API_STORY: return api_story(r);
	case PLX_R_API_ARTICLE: return api_article(r);
	case PLX_R_API_SEARCH: return api_search(r);
	case PLX_R_API_ENTITY: return api_entity(r);
	default: plx_serve_json_error(r, 404, "no such endpoint");
	}
	return PLX_OK;
}

/* ---- HTTP ------------------------------------------------------------ */

static void *uri_logger(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	conn_state *st = plx_calloc(1, sizeof *st);
	if (!st)
		return NULL;
	size_t n = strlen(uri);
	if (n > PLX_HTTP_MAX_URI)
		st->too_long = 1;
	else
		st->uri = plx_strndup(uri, n);
	return st;
}

static void completed(void *cls, struct MHD_Connection *c, void **req_cls,
		      enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	conn_state *st = *req_cls;
	if (st) {
		plx_free(st->uri);
		plx_free(st);
		*req_cls = NULL;
	}
}

static enum MHD_Result respond(struct MHD_Connection *c, int status,
			       const char *ctype, const char *body, size_t len,
			       int head_only_allow)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		len, (void *)body, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", ctype);
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	if (head_only_allow)
		MHD_add_response_header(resp, "Allow", "GET, HEAD");
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result error_json(struct MHD_Connection *c, int status,
				  const char *msg, int allow)
{
	char body[256];
	int n = snprintf(body, sizeof body, "{\"error\":\"%s\"}\n", msg);
	return respond(c, status, "application/json; charset=utf-8", body,
		       (size_t)n, allow);
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c,
			       const char *url, const char *method,
			       const char *version, const char *upload_data,
			       size_t *upload_data_size, void **req_cls)
{
	plx_server *s = cls;
	(void)url;
	(void)version;
	(void)upload_data;
	conn_state *st = *req_cls;
	if (*upload_data_size) { /* a body after our answer: discard */
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (!st)
		return error_json(c, 500, "out of memory", 0);
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return error_json(c, 405, "only GET and HEAD", 1);
	if (st->too_long)
		return error_json(c, 414, "request target too long", 0);
	if (!st->uri)
		return error_json(c, 500, "out of memory", 0);

	char *uri = st->uri;
	char *qs = strchr(uri, '?');
	size_t plen = qs ? (size_t)(qs - uri) : strlen(uri);
	if (qs)
		qs++;
	char *frag = strchr(qs ? qs : uri, '#');
	if (frag) {
		*frag = 0;
		if (!qs)
			plen = (size_t)(frag - uri);
	}
	plx_buf arg;
	plx_buf_init(&arg);
	plx_req r;
	memset(&r, 0, sizeof r);
	r.route = plx_http_route(uri, plen, &arg);
	r.arg = arg.data ? arg.data : "";
	r.query = qs;
	r.status = 200;
	plx_buf_init(&r.body);
	int api = plen >= 4 && memcmp(uri, "/api", 4) == 0 &&
		  (plen == 4 || uri[4] == '/');

	enum MHD_Result ret;
	if (r.route == PLX_R_BAD) {
		ret = error_json(c, 400, "malformed path", 0);
		goto out;
	}
	if (r.route == PLX_R_NONE && api) {
		ret = error_json(c, 404, "no such endpoint", 0);
		goto out;
	}
	char msg[256] = "";
	worker *w = worker_take(s, msg, sizeof msg);
	if (!w) {
		logf_(s, "%s", msg);
		ret = error_json(c, 500, "database unavailable", 0);
		goto out;
	}
	r.q = w->q;
	r.an = w->an;
	r.cache = &s->cache;
	int rc = api ? plx_serve_api(&r) : plx_serve_page(&r);
	worker_give(s, w);
	if (rc || r.body.rc) {
		ret = error_json(c, 500, "out of memory", 0);
		goto out;
	}
	if (r.status >= 500)
		logf_(s, "%d %s: %s", r.status, uri,
		      r.body.data ? r.body.data : "");
	ret = respond(c, r.status, r.ctype, r.body.data ? r.body.data : "",
		      r.body.len, 0);
out:
	plx_buf_free(&r.body);
	plx_buf_free(&arg);
	return ret;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	plx_server *s = cls;
	if (!s->log)
		return;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = 0;
	s->log(s->log_ud, msg);
}

/* Parses "HOST:PORT" or "[V6]:PORT" into an address. */
static int parse_listen(const char *listen, struct sockaddr_storage *ss,
			socklen_t *sl, int *v6)
{
	char host[256];
	const char *colon = strrchr(listen, ':');
	if (!colon || colon == listen)
		return -1;
	size_t hl = (size_t)(colon - listen);
	const char *h = listen;
	if (h[0] == '[' && hl >= 2 && h[hl - 1] == ']') {
		h++;
		hl -= 2;
	}
	if (hl >= sizeof host)
		return -1;
	memcpy(host, h, hl);
	host[hl] = 0;
	int64_t port = plx_http_uint(colon + 1);
	if (port < 0 || port > 65535)
		return -1;
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
	if (getaddrinfo(host, colon + 1, &hints, &res) || !res)
		return -1;
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*sl = res->ai_addrlen;
	*v6 = res->ai_family == AF_INET6;
	freeaddrinfo(res);
	return 0;
}

int plx_server_start(const plx_server_params *p, plx_server **out, char *msg,
		     size_t msglen)
{
	*out = NULL;
	if (msg && msglen)
		msg[0] = 0;
	char dummy[8];
	if (!msg) {
		msg = dummy;
		msglen = sizeof dummy;
	}
	plx_server_params def;
	plx_server_params_default(&def);
	if (!p || !p->db) {
		snprintf(msg, msglen, "no database given");
		return PLX_EINVAL;
	}
	const char *listen = p->listen ? p->listen : def.listen;
	unsigned threads = p->threads ? p->threads : def.threads;
	struct sockaddr_storage ss;
	socklen_t sl;
	int v6 = 0;
	if (parse_listen(listen, &ss, &sl, &v6)) {
		snprintf(msg, msglen,
			 "%s: not an address to listen on (HOST:PORT)", listen);
		return PLX_EINVAL;
	}
	plx_server *s = plx_calloc(1, sizeof *s);
	if (!s)
		return PLX_ENOMEM;
	pthread_mutex_init(&s->mu, NULL);
	pthread_mutex_init(&s->cache.mu, NULL);
	s->log = p->log;
	s->log_ud = p->log_ud;
	s->db = plx_strndup(p->db, strlen(p->db));
	s->outlets =
		p->outlets ? plx_strndup(p->outlets, strlen(p->outlets)) : NULL;
	if (!s->db || (p->outlets && !s->outlets)) {
		plx_server_stop(s);
		return PLX_ENOMEM;
	}
	/* One connection up front: a missing or unreadable database is
	 * reported now, not at the first request. */
	worker *w = worker_take(s, msg, msglen);
	if (!w) {
		plx_server_stop(s);
		return PLX_EDB;
	}
	worker_give(s, w);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
			 MHD_USE_AUTO;
	if (v6)
		flags |= MHD_USE_IPv6;
	s->d = MHD_start_daemon(
		flags, 0, NULL, NULL, handler, s, MHD_OPTION_EXTERNAL_LOGGER,
		mhd_log, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)PLX_HTTP_MAX_CONNECTIONS,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)PLX_HTTP_TIMEOUT,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)PLX_HTTP_MAX_REQUEST, MHD_OPTION_URI_LOG_CALLBACK,
		uri_logger, s, MHD_OPTION_NOTIFY_COMPLETED, completed, s,
		MHD_OPTION_END);
	if (!s->d) {
		snprintf(msg, msglen, "%s: cannot listen (address in use?)",
			 listen);
		plx_server_stop(s);
		return PLX_EIO;
	}
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : 0;
	*out = s;
	return PLX_OK;
}

unsigned plx_server_port(const plx_server *s)
{
	return s ? s->port : 0;
}

void plx_server_stop(plx_server *s)
{
	if (!s)
		return;
	if (s->d)
		MHD_stop_daemon(s->d);
	while (s->idle) {
		worker *w = s->idle;
		s->idle = w->next;
		worker_free(w);
	}
	pthread_mutex_destroy(&s->mu);
	for (size_t i = 0; i < PLX_REPORT_CACHE; i++)
		plx_free(s->cache.e[i].data);
	pthread_mutex_destroy(&s->cache.mu);
	plx_free(s->db);
	plx_free(s->outlets);
	plx_free(s);
}
