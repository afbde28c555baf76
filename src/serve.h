/*
 * serve.h: what the server's two renderers share: serve.c (the HTTP server
 * and the JSON API) and pages.c (the HTML pages).  One plx_req per request.
 */
#ifndef PLX_SERVE_H
#define PLX_SERVE_H

#include "http.h"
#include "mem.h"
#include "parallax.h"
#include "query.h"

/* Rows in one page of stories, search results or entity articles. */
#define PLX_API_DEFAULT_LIMIT 20
#define PLX_API_MAX_LIMIT     100

typedef struct report_cache report_cache;

typedef struct plx_req {
	plx_route route;
	const char *arg;   /* decoded route argument (ID, NAME), or "" */
	const char *query; /* raw query string, or NULL */
	plx_query *q;
	plx_analyzer *an;
	report_cache *cache; /* rendered story reports (serve.c) */
	int status;          /* HTTP status; 200 unless a handler sets it */
	const char *ctype;   /* Content-Type */
	plx_buf body;
} plx_req;

/* The JSON API routes (serve.c) and the HTML pages (pages.c): fill
 * r->body, r->status and r->ctype.  Return PLX_ENOMEM only when nothing
 * useful can be sent. */
int plx_serve_api(plx_req *r);
int plx_serve_page(plx_req *r);

/* A JSON error body {"error": msg} with status. */
void plx_serve_json_error(plx_req *r, int status, const char *msg);

/* Reads the paging parameters limit (default PLX_API_DEFAULT_LIMIT, at most
 * PLX_API_MAX_LIMIT) and offset; -1 with *why set when one is bad. */
int plx_serve_paging(const plx_req *r, size_t *limit, size_t *offset,
		     const char **why);

/* Reads the story list parameters (paging, sort, from, to, source,
 * entity) into f; source and entity values are kept in src and ent.
 * -1 with *why set when one is bad. */
int plx_serve_story_filter(plx_req *r, plx_story_query *f, plx_buf *src,
			   plx_buf *ent, const char **why);

/* The coverage report (docs/coverage.md) of story id from its latest
 * PLX_STORY_MAX_ARTICLES articles, re-analysed, rendered as JSON or as an
 * HTML fragment (links from the site's root, without its style sheet);
 * headline may be NULL.  Reports are cached per story until an article
 * joins it.  Caller frees *out with plx_free; counts may be NULL. */
int plx_serve_report(plx_req *r, int64_t id, const char *headline,
		     plx_format fmt, char **out, size_t *len,
		     plx_coverage_counts *counts);

/* Formats Unix seconds as ISO 8601 UTC ("2025-03-10T05:30:00Z") into
 * buf (at least 24 bytes); "" for INT64_MIN. */
void plx_serve_time(int64_t t, char *buf, size_t n);

#endif
