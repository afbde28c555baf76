/*
 * http.c: request targets into routes and values, and values into HTML and
 * URLs.  Everything here sees hostile bytes: decoding rejects what a path
 * must not hold (NUL, "..", encoded slashes, invalid UTF-8), escaping
 * repairs what it cannot reject.
 */
#include "http.h"

#include <string.h>

#include "parallax.h"
#include "utf8.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int plx_http_decode(plx_buf *b, const char *s, size_t n, int plus_space)
{
	size_t start = b->len;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			int hi = i + 1 < n ? hexval((unsigned char)s[i + 1])
					   : -1;
			int lo = i + 2 < n ? hexval((unsigned char)s[i + 2])
					   : -1;
			if (hi < 0 || lo < 0)
				return PLX_EFORMAT;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_space) {
			c = ' ';
		}
		if (c == 0)
			return PLX_EFORMAT;
		plx_buf_putc(b, c);
		if (b->len - start > PLX_HTTP_MAX_VALUE)
			return PLX_EFORMAT;
	}
	if (b->rc)
		return b->rc;
	if (plx_utf8_invalid(b->data ? b->data + start : "", b->len - start) !=
	    b->len - start)
		return PLX_EUTF8;
	return PLX_OK;
}

int plx_http_param(const char *query, const char *name, plx_buf *b)
{
	plx_buf_reset(b);
	if (!query)
		return 0;
	size_t nlen = strlen(name);
	const char *p = query;
	while (*p) {
		const char *end = strchr(p, '&');
		if (!end)
			end = p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(end - p));
		const char *kend = eq ? eq : end;
		if ((size_t)(kend - p) == nlen && memcmp(p, name, nlen) == 0) {
			const char *v = eq ? eq + 1 : end;
			int rc = plx_http_decode(b, v, (size_t)(end - v), 1);
			if (rc)
				return rc;
			plx_buf_putc(b, 0); /* an empty value is "" */
			b->len--;
			return b->rc ? b->rc : 1;
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}

/* Splits off the next segment of path[*i..n) (after a '/') and decodes it
 * into b; 0, or -1 when it is malformed ("." or "..", an encoded slash or
 * backslash, a bad escape). */
static int segment(const char *path, size_t n, size_t *i, plx_buf *b)
{
	plx_buf_reset(b);
	size_t s = *i;
	while (*i < n && path[*i] != '/')
		(*i)++;
	if (plx_http_decode(b, path + s, *i - s, 0))
		return -1;
	plx_buf_putc(b, 0);
	b->len--;
	if (b->rc)
		return -1;
	if (strcmp(b->data, ".") == 0 || strcmp(b->data, "..") == 0 ||
	    memchr(b->data, '/', b->len) || memchr(b->data, '\\', b->len))
		return -1;
	return 0;
}

plx_route plx_http_route(const char *path, size_t n, plx_buf *arg)
{
	plx_buf_reset(arg);
	if (n == 0 || path[0] != '/' || n > PLX_HTTP_MAX_URI)
		return PLX_R_BAD;
	/* Up to three segments: [api] KIND [ARG]. */
	plx_buf seg[4];
	size_t nseg = 0, i = 1;
	plx_route r = PLX_R_NONE;
	int bad = 0;
	for (size_t k = 0; k < 4; k++)
		plx_buf_init(&seg[k]);
	while (i <= n && !bad) {
		if (nseg == 4) {
			r = PLX_R_NONE; /* too deep: no such page */
			nseg = 5;
			break;
		}
		if (segment(path, n, &i, &seg[nseg]) < 0)
			bad = 1;
		nseg++;
		i++; /* past the '/' */
	}
	if (bad) {
		r = PLX_R_BAD;
		goto out;
	}
	if (nseg > 4)
		goto out;
	/* A trailing slash leaves an empty last segment: drop it. */
	if (nseg > 1 && seg[nseg - 1].len == 0)
		nseg--;
	const char *s0 = seg[0].data ? seg[0].data : "";
	int api = strcmp(s0, "api") == 0;
	size_t k = api ? 1 : 0;
	if (!api && nseg == 1 && s0[0] == 0) {
		r = PLX_R_HOME;
		goto out;
	}
	if (k >= nseg)
		goto out;
	const char *kind = seg[k].data ? seg[k].data : "";
	size_t rest = nseg - k - 1; /* segments after KIND */
	const char *a = rest == 1 && seg[k + 1].len ? seg[k + 1].data : NULL;
	if (strcmp(kind, "stories") == 0 && rest == 0)
		r = api ? PLX_R_API_STORIES : PLX_R_HOME;
	else if (strcmp(kind, "stories") == 0 && a)
		r = api ? PLX_R_API_STORY : PLX_R_STORY;
	else if (strcmp(kind, "articles") == 0 && a)
		r = api ? PLX_R_API_ARTICLE : PLX_R_ARTICLE;
	else if (strcmp(kind, "entities") == 0 && a)
		r = api ? PLX_R_API_ENTITY : PLX_R_ENTITY;
	else if (strcmp(kind, "search") == 0 && rest == 0)
		r = api ? PLX_R_API_SEARCH : PLX_R_SEARCH;
	if (a && r != PLX_R_NONE)
		plx_buf_puts(arg, a);
	if (arg->rc)
		r = PLX_R_BAD;
out:
	for (size_t j = 0; j < 4; j++)
		plx_buf_free(&seg[j]);
	return r;
}

int64_t plx_http_uint(const char *s)
{
	if (!s || !*s)
		return -1;
	int64_t v = 0;
	size_t i = 0;
	for (; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 18)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

void plx_html_esc(plx_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t bad = plx_utf8_invalid(s + i, n - i);
		size_t end = i + bad;
		size_t run = i;
		for (size_t j = i; j < end; j++) {
			unsigned char c = (unsigned char)s[j];
			const char *rep = NULL;
			switch (c) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&#39;"; break;
			default:
				if ((c < 0x20 && c != '\n' && c != '\t') ||
				    c == 0x7f)
					rep = "";
			}
			if (rep) {
				plx_buf_put(b, s + run, j - run);
				plx_buf_puts(b, rep);
				run = j + 1;
			}
		}
		plx_buf_put(b, s + run, end - run);
		if (end >= n)
			break;
		/* One invalid byte becomes U+FFFD; decoding resumes after it.
		 */
		plx_buf_puts(b, "\xEF\xBF\xBD");
		i = end + 1;
	}
}

void plx_url_enc(plx_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			plx_buf_putc(b, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			plx_buf_put(b, e, 3);
		}
	}
}

int plx_url_safe(const char *s)
{
	if (!s)
		return 0;
	size_t skip;
	if (strncmp(s, "https://", 8) == 0)
		skip = 8;
	else if (strncmp(s, "http://", 7) == 0)
		skip = 7;
	else
		return 0;
	if (!s[skip])
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '\'' ||
		    *p == '<' || *p == '>' || *p == '\\' || *p == '`')
			return 0;
	return 1;
}
