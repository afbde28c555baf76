/*
 * http.h: the request side of `parallax serve` that is ours, not
 * libmicrohttpd's: percent-decoding, query strings, routing, and the
 * escapers every page goes through.  Pure string functions (fuzz/fuzz_http.c
 * drives them).
 */
#ifndef PLX_HTTP_H
#define PLX_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/* A request target longer than this is refused with 414: no page of ours
 * needs more (an entity name or a search of a few hundred bytes does). */
#define PLX_HTTP_MAX_URI 4096
/* One decoded path segment or query value: a name or a search. */
#define PLX_HTTP_MAX_VALUE 1024

/* Appends the percent-decoding of s[0..n) to b; plus_space: '+' is a space
 * (query strings).  PLX_EFORMAT for a bad escape, an encoded NUL or a
 * result over PLX_HTTP_MAX_VALUE; PLX_EUTF8 when the result is not valid
 * UTF-8.  On error b may hold part of the result. */
int plx_http_decode(plx_buf *b, const char *s, size_t n, int plus_space);

/* Looks up parameter name in a raw query string (no '?'); the first
 * occurrence wins.  Returns 1 and the decoded value in b (reset first), 0
 * when absent, or the status of plx_http_decode. */
int plx_http_param(const char *query, const char *name, plx_buf *b);

/* What a path names. */
typedef enum plx_route {
	PLX_R_NONE = 0, /* no such page: 404 */
	PLX_R_BAD,      /* malformed path (bad escape, NUL, "..", encoded
			   slash): 400 */
	PLX_R_HOME,     /* / : the story list */
	PLX_R_STORY,    /* /stories/ID */
	PLX_R_ARTICLE,  /* /articles/ID */
	PLX_R_ENTITY,   /* /entities/NAME */
	PLX_R_SEARCH,   /* /search */
	PLX_R_API_STORIES,
	PLX_R_API_STORY,
	PLX_R_API_ARTICLE,
	PLX_R_API_ENTITY,
	PLX_R_API_SEARCH
} plx_route;

/* Routes a raw (still percent-encoded) path, without the query string.
 * The decoded argument of the routes that take one (ID, NAME) goes to arg
 * (reset first). */
plx_route plx_http_route(const char *path, size_t n, plx_buf *arg);

/* Parses a non-negative decimal integer (at most 18 digits, no sign or
 * space); -1 when s is not one. */
int64_t plx_http_uint(const char *s);

/* Appends s[0..n) escaped for HTML text and attribute values: invalid
 * UTF-8 becomes U+FFFD, & < > " ' become references, control characters
 * other than tab and newline are dropped.  The one escaper of the pages. */
void plx_html_esc(plx_buf *b, const char *s, size_t n);

/* Appends s[0..n) percent-encoded for a URL path segment or query value:
 * everything but A-Z a-z 0-9 - . _ ~ is encoded. */
void plx_url_enc(plx_buf *b, const char *s, size_t n);

/* Is s an absolute http: or https: URL that is safe in an href (no
 * javascript:, data: or other scheme, no control characters or spaces)? */
int plx_url_safe(const char *s);

#endif
