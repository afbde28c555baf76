/*
 * warc.h: the parts of a WARC record the reader needs (warc.c): header
 * fields, the HTTP response head inside a response record, chunked
 * transfer coding.  Pure functions over bytes, for the reader, the tests
 * and the fuzzer; the record loop itself is in reader.c.
 */
#ifndef PLX_WARC_H
#define PLX_WARC_H

#include <stddef.h>

/* A WARC record's header (version line and named fields up to the blank
 * line) longer than this is not a header: real ones are under 2 KiB. */
#define PLX_WARC_MAX_HEADER ((size_t)64 << 10)

/* An HTTP response head (status line and header fields) longer than this
 * is refused (servers cap theirs at 8 to 64 KiB). */
#define PLX_HTTP_MAX_HEAD ((size_t)64 << 10)

/* The value of field name (ASCII, matched without regard to case) in the
 * header lines h[0, n) (CRLF or LF line ends), without surrounding
 * blanks; its length in *vn.  NULL when absent. */
const char *plx_warc_field(const char *h, size_t n, const char *name,
			   size_t *vn);

/* Parses a decimal Content-Length; returns 0 and sets *out, or -1 when it
 * is not a plain number that fits. */
int plx_warc_length(const char *v, size_t n, unsigned long long *out);

/* An HTTP response head. */
typedef struct plx_http_head {
	int status;        /* 100-999 */
	size_t body;       /* offset of the payload */
	const char *ctype; /* Content-Type value, or NULL */
	size_t ctype_len;
	const char *cenc; /* Content-Encoding value, or NULL */
	size_t cenc_len;
	int chunked; /* Transfer-Encoding: chunked */
} plx_http_head;

/* Parses the HTTP response head at the start of p[0, n).  Returns 0, or
 * -1 when p does not start with an HTTP status line, -2 when the head has
 * no end within n bytes or PLX_HTTP_MAX_HEAD. */
int plx_http_parse(const char *p, size_t n, plx_http_head *h);

/* Whether a Content-Type value names an HTML page (text/html or
 * application/xhtml+xml).  A missing one (NULL) is not. */
int plx_http_is_html(const char *ctype, size_t n);

/* The charset parameter of a Content-Type value into out (NUL-terminated,
 * quotes removed), or NULL when there is none or it is over 39 bytes. */
const char *plx_http_charset(const char *ctype, size_t n, char out[40]);

/* Decodes a chunked payload p[0, n) in place; returns the decoded length,
 * or (size_t)-1 when the coding is broken before any last chunk (what
 * precedes the break is still decoded, in *partial). */
size_t plx_http_dechunk(char *p, size_t n, size_t *partial);

#endif
