/*
 * warc.c: WARC header fields and the HTTP response inside a record
 * (ISO 28500, WARC 1.0 and 1.1; RFC 9112 for the HTTP message).
 *
 * Design.  The reader (reader.c) frames records: a version line, header
 * fields up to a blank line, Content-Length bytes of block, two line
 * ends.  This file reads what is inside: a named field, the HTTP status
 * line and head of a response block, the charset of its Content-Type, and
 * chunked transfer coding.  Everything is bounded by the lengths given;
 * nothing allocates.  Lenient where crawlers are sloppy: bare LF line
 * ends, blanks around values, any case in field names.
 */
#include "warc.h"

#include <string.h>
#include <strings.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* End of the line starting at p (before its CR LF or LF), and the start
 * of the next in *next. */
static const char *line_end(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl) {
		*next = end;
		return end;
	}
	*next = nl + 1;
	return nl > p && nl[-1] == '\r' ? nl - 1 : nl;
}

const char *plx_warc_field(const char *h, size_t n, const char *name,
			   size_t *vn)
{
	size_t m = strlen(name);
	const char *end = h + n, *next;
	for (const char *p = h; p < end; p = next) {
		const char *e = line_end(p, end, &next);
		if ((size_t)(e - p) <= m || p[m] != ':' ||
		    strncasecmp(p, name, m) != 0)
			continue;
		const char *v = p + m + 1;
		while (v < e && is_blank(*v))
			v++;
		while (e > v && is_blank(e[-1]))
			e--;
		*vn = (size_t)(e - v);
		return v;
	}
	*vn = 0;
	return NULL;
}

int plx_warc_length(const char *v, size_t n, unsigned long long *out)
{
	if (!v || !n || n > 19)
		return -1;
	unsigned long long x = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		x = x * 10 + (unsigned)(v[i] - '0');
	}
	*out = x;
	return 0;
}

/* Whether the comma-separated list v[0, n) holds the token t. */
static int has_token(const char *v, size_t n, const char *t)
{
	size_t m = strlen(t);
	for (size_t i = 0; i < n;) {
		while (i < n && (is_blank(v[i]) || v[i] == ','))
			i++;
		size_t j = i;
		while (j < n && v[j] != ',' && v[j] != ';')
			j++;
		size_t k = j;
		while (k > i && is_blank(v[k - 1]))
			k--;
		if (k - i == m && !strncasecmp(v + i, t, m))
			return 1;
		while (j < n && v[j] != ',')
			j++;
		i = j;
	}
	return 0;
}

int plx_http_parse(const char *p, size_t n, plx_http_head *h)
{
	memset(h, 0, sizeof *h);
	/* "HTTP/1.1 200 OK" (HTTP/2 archivers write "HTTP/2 200"). */
	if (n < 12 || memcmp(p, "HTTP/", 5) != 0)
		return -1;
	size_t i = 5;
	while (i < n && i < 16 && p[i] != ' ')
		i++;
	if (i + 4 > n || p[i] != ' ')
		return -1;
	i++;
	int st = 0;
	for (size_t k = 0; k < 3; k++, i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		st = st * 10 + (p[i] - '0');
	}
	if (st < 100 || (i < n && p[i] != ' ' && p[i] != '\r' && p[i] != '\n'))
		return -1;
	h->status = st;
	/* The head ends at the first empty line. */
	size_t lim = n < PLX_HTTP_MAX_HEAD ? n : PLX_HTTP_MAX_HEAD;
	const char *end = p + lim, *next, *body = NULL;
	const char *first = NULL;
	line_end(p, end, &first);
	for (const char *q = first; q < end; q = next) {
		const char *e = line_end(q, end, &next);
		if (e == q && next > q) {
			body = next;
			break;
		}
	}
	if (!body)
		return -2;
	size_t hn = (size_t)(body - first);
	size_t vn;
	const char *v = plx_warc_field(first, hn, "Content-Type", &vn);
	h->ctype = v;
	h->ctype_len = vn;
	v = plx_warc_field(first, hn, "Content-Encoding", &vn);
	h->cenc = v;
	h->cenc_len = vn;
	v = plx_warc_field(first, hn, "Transfer-Encoding", &vn);
	h->chunked = v && has_token(v, vn, "chunked");
	h->body = (size_t)(body - p);
	return 0;
}

int plx_http_is_html(const char *ctype, size_t n)
{
	if (!ctype)
		return 0;
	size_t k = 0;
	while (k < n && ctype[k] != ';' && !is_blank(ctype[k]))
		k++;
	return (k == 9 && !strncasecmp(ctype, "text/html", 9)) ||
	       (k == 21 && !strncasecmp(ctype, "application/xhtml+xml", 21));
}

const char *plx_http_charset(const char *ctype, size_t n, char out[40])
{
	for (size_t i = 0; ctype && i + 8 <= n; i++) {
		if (strncasecmp(ctype + i, "charset", 7) != 0 ||
		    (i && !is_blank(ctype[i - 1]) && ctype[i - 1] != ';'))
			continue;
		size_t j = i + 7;
		while (j < n && is_blank(ctype[j]))
			j++;
		if (j >= n || ctype[j] != '=')
			continue;
		j++;
		while (j < n && is_blank(ctype[j]))
			j++;
		int q = j < n && (ctype[j] == '"' || ctype[j] == '\'');
		j += (size_t)q;
		size_t k = 0;
		while (j < n && ctype[j] != ';' && !is_blank(ctype[j]) &&
		       ctype[j] != '"' && ctype[j] != '\'') {
			if (k == 39)
				return NULL;
			out[k++] = ctype[j++];
		}
		out[k] = 0;
		return k ? out : NULL;
	}
	return NULL;
}

size_t plx_http_dechunk(char *p, size_t n, size_t *partial)
{
	size_t in = 0, out = 0;
	for (;;) {
		/* chunk-size [; ext] CRLF */
		size_t size = 0;
		int digits = 0;
		while (in < n) {
			char c = p[in];
			int d = c >= '0' && c <= '9'   ? c - '0'
				: c >= 'a' && c <= 'f' ? c - 'a' + 10
				: c >= 'A' && c <= 'F' ? c - 'A' + 10
						       : -1;
			if (d < 0)
				break;
			if (size > ((size_t)-1 >> 5))
				goto broken;
			size = size * 16 + (size_t)d;
			digits++;
			in++;
		}
		if (!digits)
			goto broken;
		const char *nl = memchr(p + in, '\n', n - in);
		if (!nl)
			goto broken;
		in = (size_t)(nl - p) + 1;
		if (size == 0) {
			*partial = out;
			return out; /* trailers, if any, are not payload */
		}
		if (size > n - in)
			goto broken;
		memmove(p + out, p + in, size);
		out += size;
		in += size;
		if (in < n && p[in] == '\r')
			in++;
		if (in < n && p[in] == '\n')
			in++;
	}
broken:
	*partial = out;
	return (size_t)-1;
}
