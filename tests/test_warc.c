/*
 * test_warc.c: WARC input.  The suite writes its own WARC files (records
 * framed by hand, gzip members with zlib, as crawlers write them): pages it
 * writes itself, and, when ../shared/data is there, the html-readability
 * pages; reading the WARC must give the same articles (title, text, date,
 * source, url) as reading the pages as files.  Then hostile WARCs:
 * truncated, garbage, no Content-Length, oversized, long headers, damaged
 * and truncated gzip, a gzip bomb; each gives its message and the good
 * records around it survive.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "harness.h"
#include "parallax.h"
#include "reader.h"
#include "warc.h"

/* ---- Writing WARC ------------------------------------------------------ */

typedef struct wbuf {
	unsigned char *p;
	size_t n, cap;
	size_t dec;  /* decoded bytes written (offsets of records) */
	int gz;      /* each record a gzip member */
	size_t nrec; /* records written */
} wbuf;

static void put(wbuf *b, const void *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->n + n + 1)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (!b->p)
			exit(1);
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

/* Appends s[0, n) as one gzip member. */
static void put_gz(wbuf *b, const void *s, size_t n)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY))
		exit(1);
	size_t cap = deflateBound(&z, (uLong)n) + 64;
	unsigned char *out = malloc(cap);
	z.next_in = (unsigned char *)s;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		exit(1);
	put(b, out, cap - z.avail_out);
	deflateEnd(&z);
	free(out);
}

/* Appends a record; returns its offset in the decoded data. */
static size_t record(wbuf *b, const char *type, const char *uri,
		     const char *date, const char *block, size_t blen)
{
	wbuf r = {0};
	char head[1024];
	int hn = snprintf(head, sizeof head,
			  "WARC/1.0\r\nWARC-Type: %s\r\n"
			  "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-"
			  "%012zu>\r\n",
			  type, b->nrec + 1);
	put(&r, head, (size_t)hn);
	if (uri) {
		hn = snprintf(head, sizeof head, "WARC-Target-URI: %s\r\n",
			      uri);
		put(&r, head, (size_t)hn);
	}
	hn = snprintf(head, sizeof head,
		      "WARC-Date: %s\r\nContent-Type: %s\r\n"
		      "Content-Length: %zu\r\n\r\n",
		      date ? date : "2024-05-06T07:08:09Z",
		      strcmp(type, "response") == 0 ? "application/http; "
						      "msgtype=response"
		      : strcmp(type, "request") == 0
			      ? "application/http; "
				"msgtype=request"
			      : "application/warc-fields",
		      blen);
	put(&r, head, (size_t)hn);
	put(&r, block, blen);
	put(&r, "\r\n\r\n", 4);
	size_t off = b->dec;
	if (b->gz)
		put_gz(b, r.p, r.n);
	else
		put(b, r.p, r.n);
	b->dec += r.n;
	b->nrec++;
	free(r.p);
	return off;
}

/* An HTTP response block. */
static char *http(int status, const char *ctype, const char *extra,
		  const char *body, size_t blen, size_t *n)
{
	wbuf b = {0};
	char head[512];
	int hn = snprintf(head, sizeof head,
			  "HTTP/1.1 %d %s\r\nServer: test\r\n%s%s%s%s"
			  "Content-Length: %zu\r\n\r\n",
			  status, status == 200 ? "OK" : "Other",
			  ctype ? "Content-Type: " : "", ctype ? ctype : "",
			  ctype ? "\r\n" : "", extra ? extra : "", blen);
	put(&b, head, (size_t)hn);
	put(&b, body, blen);
	*n = b.n;
	return (char *)b.p;
}

/* A response record for an HTML page. */
static size_t page(wbuf *b, const char *uri, const char *date,
		   const char *ctype, const char *html, size_t len)
{
	size_t n;
	char *blk = http(200, ctype, NULL, html, len, &n);
	size_t off = record(b, "response", uri, date, blk, n);
	free(blk);
	return off;
}

/* The request and metadata records a crawler writes around a response. */
static void request(wbuf *b, const char *uri)
{
	char blk[512];
	int n = snprintf(blk, sizeof blk,
			 "GET %s HTTP/1.1\r\nUser-Agent: test\r\n\r\n", uri);
	record(b, "request", uri, NULL, blk, (size_t)n);
}

static void metadata(wbuf *b, const char *uri)
{
	static const char m[] = "fetchTimeMs: 12\r\n";
	record(b, "metadata", uri, NULL, m, sizeof m - 1);
}

static void write_file(const char *name, const void *data, size_t len)
{
	FILE *f = fopen(name, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "cannot write %s\n", name);
		exit(1);
	}
}

/* ---- Reading ------------------------------------------------------------ */

/* One result of plx_reader_next: a record's fields, or an error. */
typedef struct res {
	int rc;
	int html; /* plx_reader_html: 1 the record's page, 0 NULL, -1 wrong */
	char *id, *title, *date, *source, *url, *text, *msg;
} res;

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Reads everything r gives into v (at most max); returns how many. */
static size_t read_results(plx_reader *r, res *v, size_t max)
{
	size_t n = 0;
	const plx_record *rec;
	int rc;
	while ((rc = plx_reader_next(r, &rec)) != 0 && n < max) {
		res *x = &v[n++];
		memset(x, 0, sizeof *x);
		x->rc = rc;
		const plx_html_doc *d = plx_reader_html(r);
		if (rc < 0) {
			x->html = d ? -1 : 0;
			x->msg = strdup(plx_reader_errmsg(r));
			continue;
		}
		x->html = !d ? 0 : d->text == rec->text ? 1 : -1;
		x->id = dup_or_null(rec->id);
		x->title = dup_or_null(rec->title);
		x->date = dup_or_null(rec->date);
		x->source = dup_or_null(rec->source);
		x->url = dup_or_null(rec->url);
		x->text = dup_or_null(rec->text);
	}
	return n;
}

static void free_results(res *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].title);
		free(v[i].date);
		free(v[i].source);
		free(v[i].url);
		free(v[i].text);
		free(v[i].msg);
	}
}

static plx_reader *reader_mem(const plx_limits *lim, const char *name,
			      const wbuf *b)
{
	plx_reader *r = NULL;
	if (plx_reader_new(lim, &r) ||
	    plx_reader_add_memory(r, name, b->p, b->n))
		exit(1);
	return r;
}

/* Reads a WARC in memory into a log: "id|text" (text cut at 30 bytes) or
 * "! message", one line per result. */
static char g_log[1 << 16];

static const char *log_of(plx_reader *r)
{
	res v[64];
	size_t n = read_results(r, v, 64), k = 0;
	g_log[0] = 0;
	for (size_t i = 0; i < n && k < sizeof g_log; i++)
		k += (size_t)snprintf(
			g_log + k, sizeof g_log - k,
			v[i].rc > 0 ? "%s%s|%.30s\n" : "%s! %s\n",
			/* a page for a record, none for an
			 * error */
			v[i].html == (v[i].rc > 0) ? "" : "(html) ",
			v[i].rc > 0 ? v[i].id : v[i].msg, v[i].text);
	free_results(v, n);
	return g_log;
}

/* ---- Pages the test writes ----------------------------------------------- */

#define BODY                                                                 \
	"<p>The river rose four metres overnight, flooding the lower town, " \
	"and the council opened two schools as shelters for families.</p>"   \
	"<p>Engineers said the old levee, built in 1952, had held, but "     \
	"water came through the drains, which were never meant for this.</p>"

static const char PAGE_A[] =
	"<!DOCTYPE html><html><head><title>Flood in the lower town | Valley "
	"Gazette</title><meta property=\"og:site_name\" content=\"Valley "
	"Gazette\"><meta property=\"article:published_time\" "
	"content=\"2024-03-01\"><link rel=\"canonical\" "
	"href=\"https://gazette.example/flood\"></head><body><nav><a "
	"href=\"/\">Home</a></nav><article>" BODY "</article></body></html>";

/* No date, no canonical URL: the WARC gives both. */
static const char PAGE_B[] =
	"<html><head><title>The levee held</title></head><body><div "
	"class=\"story\">" BODY "<p>Residents were told to boil water until "
	"Friday, the utility said in a statement on its website.</p></div>"
	"</body></html>";

/* ISO-8859-7 (Greek) with no <meta>: only the HTTP header says so. */
static const char PAGE_GREEK[] =
	"<html><head><title>\xcd\xdd\xe1 "
	"\xe3\xdd\xf6\xf5\xf1\xe1</title></head><bo"
	"dy><article><p>\xc7 \xed\xdd\xe1 \xe3\xdd\xf6\xf5\xf1\xe1 "
	"\xe1\xed\xef\xdf"
	"\xe3\xe5\xe9 \xf4\xef \xd3\xdc\xe2\xe2\xe1\xf4\xef, \xe5\xdf\xf0\xe5 "
	"\xef "
	"\xe4\xde\xec\xe1\xf1\xf7\xef\xf2 \xf4\xe7\xf2 \xf0\xfc\xeb\xe7\xf2 "
	"\xf3"
	"\xf4\xef\xf5\xf2 "
	"\xe4\xe7\xec\xef\xf3\xe9\xef\xe3\xf1\xdc\xf6\xef\xf5\xf2,"
	" \xf0\xef\xf5 \xf1\xfe\xf4\xe7\xf3\xe1\xed \xe3\xe9\xe1 \xf4\xe7\xed "
	"\xea"
	"\xf5\xea\xeb\xef\xf6\xef\xf1\xdf\xe1.</p></article></body></html>";

/* "Νέα γέφυρα" in UTF-8. */
#define GREEK_TITLE                 \
	"\xce\x9d\xce\xad\xce\xb1 " \
	"\xce\xb3\xce\xad\xcf\x86\xcf\x85\xcf\x81\xce\xb1"

/* Splits w's records into gzip members (each record ends "\r\n\r\n" and
 * the next starts "WARC/1.0"). */
static void to_gz(const wbuf *w, wbuf *z, size_t *member_off, size_t max)
{
	size_t start = 0, k = 0;
	for (size_t i = 0; i + 14 <= w->n; i++)
		if (!memcmp(w->p + i, "\r\n\r\nWARC/1.0\r\n", 14)) {
			if (k < max)
				member_off[k++] = z->n;
			put_gz(z, w->p + start, i + 4 - start);
			start = i + 4;
		}
	if (k < max)
		member_off[k++] = z->n;
	put_gz(z, w->p + start, w->n - start);
}

static const char *str_or(const char *s)
{
	return s ? s : "(null)";
}

TEST(own_pages)
{
	wbuf w = {0};
	record(&w, "warcinfo", NULL, NULL, "software: test\r\n", 16);
	request(&w, "https://gazette.example/flood?utm=x");
	page(&w, "https://gazette.example/flood?utm=x", NULL,
	     "text/html; charset=utf-8", PAGE_A, sizeof PAGE_A - 1);
	metadata(&w, "https://gazette.example/flood?utm=x");
	request(&w, "https://gazette.example/levee/");
	page(&w, "https://gazette.example/levee/", "2024-03-02T10:00:00Z",
	     "text/html", PAGE_B, sizeof PAGE_B - 1);
	/* Not HTML, not 200, a revisit: counted, not read. */
	size_t n;
	char *blk = http(200, "image/png", NULL, "\x89PNG\r\n\x1a\n", 8, &n);
	record(&w, "response", "https://gazette.example/a.png", NULL, blk, n);
	free(blk);
	blk = http(404, "text/html", NULL, "<html><p>Not found</p></html>", 29,
		   &n);
	record(&w, "response", "https://gazette.example/gone", NULL, blk, n);
	free(blk);
	blk = http(301, "text/html", "Location: /levee/\r\n", "", 0, &n);
	record(&w, "response", "https://gazette.example/levee", NULL, blk, n);
	free(blk);
	record(&w, "revisit", "https://gazette.example/flood", NULL, "", 0);
	page(&w, "http://grk.example/gefyra", "2024-01-01T00:00:00Z",
	     "text/html; charset=ISO-8859-7", PAGE_GREEK,
	     sizeof PAGE_GREEK - 1);
	/* The same page sent chunked. */
	char chunked[4096];
	int cn = snprintf(chunked, sizeof chunked,
			  "%zx\r\n%.*s\r\n%zx\r\n%s\r\n0\r\n\r\n", (size_t)100,
			  100, PAGE_B, sizeof PAGE_B - 1 - 100, PAGE_B + 100);
	blk = http(200, "text/html", "Transfer-Encoding: chunked\r\n", chunked,
		   (size_t)cn, &n);
	record(&w, "response", "https://gazette.example/levee-chunked", NULL,
	       blk, n);
	free(blk);

	/* The pages as files, for comparison. */
	char dir[] = "/tmp/plx_warc_XXXXXX";
	if (!mkdtemp(dir))
		exit(1);
	char pa[64], pb[64], pg[64], wf[64], wz[64];
	snprintf(pa, sizeof pa, "%s/a.html", dir);
	snprintf(pb, sizeof pb, "%s/b.html", dir);
	snprintf(pg, sizeof pg, "%s/g.html", dir);
	snprintf(wf, sizeof wf, "%s/crawl.warc", dir);
	snprintf(wz, sizeof wz, "%s/crawl.warc.gz", dir);
	write_file(pa, PAGE_A, sizeof PAGE_A - 1);
	write_file(pb, PAGE_B, sizeof PAGE_B - 1);
	write_file(pg, PAGE_GREEK, sizeof PAGE_GREEK - 1);
	write_file(wf, w.p, w.n);
	/* The same records, a gzip member each. */
	wbuf z = {0};
	size_t m[16];
	to_gz(&w, &z, m, 16);
	write_file(wz, z.p, z.n);

	res files[3], warc[16], warcz[16];
	plx_reader *r;
	const char *paths[3] = {pa, pb, pg};
	for (size_t i = 0; i < 3; i++) {
		if (plx_reader_new(NULL, &r) || plx_reader_add(r, paths[i]))
			exit(1);
		CHECK(read_results(r, &files[i], 1) == 1);
		plx_reader_free(r);
	}
	if (plx_reader_new(NULL, &r) || plx_reader_add(r, wf))
		exit(1);
	size_t nw = read_results(r, warc, 16);
	plx_warc_stats st;
	plx_reader_warc_stats(r, &st);
	CHECK(nw == 4);
	CHECK(st.records == 12 && st.pages == 4 && st.not_response == 5 &&
	      st.not_ok == 2 && st.not_html == 1 && st.bad == 0);
	CHECK(plx_reader_skipped(r) == 0 && plx_reader_count(r) == 4);
	plx_reader_free(r);
	if (plx_reader_new(NULL, &r) || plx_reader_add(r, wz))
		exit(1);
	size_t nz = read_results(r, warcz, 16);
	CHECK(nz == 4);
	plx_reader_free(r);

	for (size_t i = 0; i < nw && i < 4; i++)
		CHECK(warc[i].rc == 1 && warc[i].html == 1);
	for (size_t i = 0; i < 3; i++)
		CHECK(files[i].html == 1);
	/* A text file's record has no page behind it. */
	char pt[64];
	snprintf(pt, sizeof pt, "%s/t.txt", dir);
	write_file(pt, "Plain words about the river.", 28);
	res tx;
	if (plx_reader_new(NULL, &r) || plx_reader_add(r, pt))
		exit(1);
	CHECK(read_results(r, &tx, 1) == 1 && tx.rc == 1 && tx.html == 0);
	free_results(&tx, 1);
	plx_reader_free(r);
	remove(pt);
	if (nw == 4 && nz == 4) {
		/* Same articles, read plain or gzipped. */
		for (size_t i = 0; i < 4; i++) {
			CHECK_STR(warcz[i].text, warc[i].text);
			CHECK_STR(warcz[i].id, warc[i].id);
			CHECK_STR(warcz[i].date, warc[i].date);
		}
		/* Page A: everything from the page; the id is the URI. */
		CHECK_STR(warc[0].text, files[0].text);
		CHECK_STR(warc[0].title, files[0].title);
		CHECK_STR(warc[0].title, "Flood in the lower town");
		CHECK_STR(warc[0].source, files[0].source);
		CHECK_STR(warc[0].date, files[0].date);
		CHECK_STR(warc[0].url, files[0].url);
		CHECK_STR(warc[0].url, "https://gazette.example/flood");
		CHECK_STR(warc[0].id, "https://gazette.example/flood?utm=x");
		/* Page B: date and url from the WARC. */
		CHECK_STR(warc[1].text, files[1].text);
		CHECK_STR(warc[1].title, files[1].title);
		CHECK(files[1].date == NULL && files[1].url == NULL);
		CHECK_STR(warc[1].date, "2024-03-02T10:00:00Z");
		CHECK_STR(warc[1].url, "https://gazette.example/levee/");
		/* Greek: the HTTP charset wins; the file alone is misread. */
		CHECK_STR(warc[2].title, GREEK_TITLE);
		CHECK(warc[2].text &&
		      strstr(warc[2].text, "\xce\xa3\xce\xac\xce\xb2\xce\xb2"));
		CHECK(files[2].title && strcmp(files[2].title, GREEK_TITLE));
		/* Chunked: the same text as page B. */
		CHECK_STR(warc[3].text, files[1].text);
		if (warc[2].title && files[2].title)
			fprintf(stderr, "  greek: %s / as a file: %s\n",
				warc[2].title, str_or(files[2].title));
	}
	free_results(files, 3);
	free_results(warc, nw);
	free_results(warcz, nz);
	unlink(pa);
	unlink(pb);
	unlink(pg);
	unlink(wf);
	unlink(wz);
	rmdir(dir);
	free(w.p);
	free(z.p);
}

/* ---- The html-readability pages ------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)len + 1);
	if (!p || fread(p, 1, (size_t)len, f) != (size_t)len) {
		fclose(f);
		free(p);
		return NULL;
	}
	fclose(f);
	*n = (size_t)len;
	return p;
}

TEST(readability_pages)
{
	const char *base = PLX_SHARED_DATA "/html-readability";
	DIR *d = opendir(base);
	if (!d) {
		printf("SKIPPED: readability_pages (%s absent)\n", base);
		return;
	}
	char *names[512];
	size_t nn = 0;
	struct dirent *de;
	while ((de = readdir(d)) && nn < 512) {
		char p[1024];
		struct stat st;
		snprintf(p, sizeof p, "%s/%s/source.html", base, de->d_name);
		if (de->d_name[0] != '.' && stat(p, &st) == 0)
			names[nn++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, nn, sizeof *names, cmp_str);
	CHECK(nn >= 100);

	res *files = calloc(nn, sizeof *files);
	res *warc = calloc(nn + 1, sizeof *warc);
	res *warcz = calloc(nn + 1, sizeof *warcz);
	wbuf w = {0}, z = {0};
	z.gz = 1;
	char uri[1100];
	for (size_t i = 0; i < nn; i++) {
		char p[1024];
		snprintf(p, sizeof p, "%s/%s/source.html", base, names[i]);
		plx_reader *r;
		if (plx_reader_new(NULL, &r) || plx_reader_add(r, p))
			exit(1);
		CHECK(read_results(r, &files[i], 1) == 1);
		plx_reader_free(r);
		size_t len;
		char *html = slurp(p, &len);
		if (!html)
			exit(1);
		snprintf(uri, sizeof uri, "https://pages.test/%s", names[i]);
		for (int k = 0; k < 2; k++) {
			wbuf *b = k ? &z : &w;
			request(b, uri);
			page(b, uri, "2001-02-03T04:05:06Z", "text/html", html,
			     len);
			metadata(b, uri);
		}
		free(html);
	}
	char dir[] = "/tmp/plx_warc_XXXXXX";
	if (!mkdtemp(dir))
		exit(1);
	char wf[64], wz[64];
	snprintf(wf, sizeof wf, "%s/pages.warc", dir);
	snprintf(wz, sizeof wz, "%s/pages.warc.gz", dir);
	write_file(wf, w.p, w.n);
	write_file(wz, z.p, z.n);
	plx_reader *r;
	if (plx_reader_new(NULL, &r) || plx_reader_add(r, wf))
		exit(1);
	size_t nw = read_results(r, warc, nn + 1);
	plx_reader_free(r);
	if (plx_reader_new(NULL, &r) || plx_reader_add(r, wz))
		exit(1);
	size_t nz = read_results(r, warcz, nn + 1);
	plx_warc_stats st;
	plx_reader_warc_stats(r, &st);
	plx_reader_free(r);
	CHECK(nw == nn && nz == nn);
	CHECK(st.records == 3 * nn && st.pages == nn &&
	      st.not_response == 2 * nn);

	size_t same = 0, good = 0;
	for (size_t i = 0; i < nn && i < nw && i < nz; i++) {
		res *f = &files[i], *x = &warc[i], *y = &warcz[i];
		snprintf(uri, sizeof uri, "https://pages.test/%s", names[i]);
		int ok = (f->rc > 0) == (x->rc > 0) && x->rc == y->rc;
		if (ok && f->rc > 0) {
			good++;
			const char *want_date =
				f->date ? f->date : "2001-02-03T04:05:06Z";
			const char *want_url = f->url ? f->url : uri;
			ok = !strcmp(f->text, x->text) &&
			     !strcmp(x->text, y->text) &&
			     !strcmp(str_or(f->title), str_or(x->title)) &&
			     !strcmp(str_or(f->source), str_or(x->source)) &&
			     !strcmp(str_or(x->date), want_date) &&
			     !strcmp(str_or(x->url), want_url) &&
			     !strcmp(str_or(x->id), uri) &&
			     !strcmp(str_or(y->id), uri);
		}
		if (ok)
			same++;
		else
			fprintf(stderr,
				"  %s differs: file %d %.60s / warc %d %.60s\n",
				names[i], f->rc, str_or(f->title), x->rc,
				str_or(x->title));
	}
	CHECK(same == nn);
	CHECK(good >= 100);
	fprintf(stderr,
		"  %zu pages, %zu articles, %zu the same from the WARC\n", nn,
		good, same);
	free_results(files, nn);
	free_results(warc, nw);
	free_results(warcz, nz);
	free(files);
	free(warc);
	free(warcz);
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(w.p);
	free(z.p);
	unlink(wf);
	unlink(wz);
	rmdir(dir);
}

/* ---- Hostile WARCs ----------------------------------------------------------
 */

#define GOOD(n)                                                              \
	"<html><head><title>Good " #n "</title></head><body><article><p>"    \
	"Good record " #n " says the river rose four metres overnight, and " \
	"the council opened two schools as shelters.</p></article></body>"   \
	"</html>"

static size_t good(wbuf *b, int n)
{
	char uri[64];
	snprintf(uri, sizeof uri, "https://ok.example/%d", n);
	static const char *const pages[] = {GOOD(1), GOOD(2), GOOD(3)};
	return page(b, uri, NULL, "text/html", pages[n - 1],
		    strlen(pages[n - 1]));
}

TEST(truncated)
{
	wbuf w = {0};
	good(&w, 1);
	good(&w, 2);
	size_t off = good(&w, 3);
	/* Record 3's block length, from its header. */
	size_t blen = 0;
	const char *cl = strstr((const char *)w.p + off, "Content-Length: ");
	if (cl)
		blen = strtoul(cl + 16, NULL, 10);
	w.n -= 40; /* inside record 3's block */
	plx_reader *r = reader_mem(NULL, "t.warc", &w);
	char want[512];
	snprintf(want, sizeof want,
		 "https://ok.example/1|Good record 1 says the river r\n"
		 "https://ok.example/2|Good record 2 says the river r\n"
		 "! t.warc: WARC record 3 (offset %zu): truncated: the file "
		 "ends inside the record's %zu bytes\n",
		 off, blen);
	CHECK_STR(log_of(r), want);
	plx_reader_free(r);

	/* Cut inside the header. */
	w.n = off + 20;
	r = reader_mem(NULL, "t.warc", &w);
	const char *got = log_of(r);
	snprintf(want, sizeof want,
		 "! t.warc: WARC record 3 (offset %zu): truncated header\n",
		 off);
	CHECK(strstr(got, want) != NULL);
	CHECK(strstr(got, "ok.example/2|") != NULL);
	plx_reader_free(r);
	free(w.p);
}

TEST(garbage_and_bad_headers)
{
	wbuf w = {0};
	good(&w, 1);
	size_t g1 = w.dec;
	static const char junk[] = "this is not a WARC record\nat all\n";
	put(&w, junk, sizeof junk - 1);
	w.dec += sizeof junk - 1;
	good(&w, 2);
	size_t g2 = w.dec;
	static const char nolen[] = "WARC/1.0\r\nWARC-Type: response\r\n"
				    "Content-Length: lots\r\n\r\nxyz\r\n\r\n";
	put(&w, nolen, sizeof nolen - 1);
	w.dec += sizeof nolen - 1;
	/* A header over PLX_WARC_MAX_HEADER. */
	size_t g3 = w.dec;
	char *big = malloc(PLX_WARC_MAX_HEADER + 200);
	memset(big, 'x', PLX_WARC_MAX_HEADER + 100);
	memcpy(big, "WARC/1.0\r\nX-Long: ", 18);
	memcpy(big + PLX_WARC_MAX_HEADER + 100, "\r\n\r\n", 5);
	put(&w, big, strlen(big));
	w.dec += strlen(big);
	free(big);
	good(&w, 3);
	/* Garbage at the very end. */
	put(&w, "\x00\x01\x02garbage", 10);

	plx_reader *r = reader_mem(NULL, "g.warc", &w);
	char want[2048];
	snprintf(want, sizeof want,
		 "https://ok.example/1|Good record 1 says the river r\n"
		 "! g.warc: WARC record 2 (offset %zu): not a WARC record; "
		 "skipped to the next one\n"
		 "https://ok.example/2|Good record 2 says the river r\n"
		 "! g.warc: WARC record 4 (offset %zu): no valid "
		 "Content-Length; skipped to the next record\n"
		 "! g.warc: WARC record 5 (offset %zu): header longer than "
		 "%zu bytes; skipped to the next record\n"
		 "https://ok.example/3|Good record 3 says the river r\n"
		 "! g.warc: WARC record 7 (offset %zu): not a WARC record; "
		 "skipped to the next one\n",
		 g1, g2, g3, PLX_WARC_MAX_HEADER, w.n - 10);
	CHECK_STR(log_of(r), want);
	plx_warc_stats st;
	plx_reader_warc_stats(r, &st);
	CHECK(st.bad == 4 && st.pages == 3 && plx_reader_skipped(r) == 4);
	plx_reader_free(r);
	free(w.p);
}

TEST(oversized_and_odd_records)
{
	plx_limits lim;
	plx_limits_default(&lim);
	lim.max_warc_record_bytes = 4096;
	wbuf w = {0};
	good(&w, 1);
	char *html = malloc(10000);
	memset(html, ' ', 10000);
	memcpy(html, "<html><p>", 9);
	size_t n;
	char *blk = http(200, "text/html", NULL, html, 10000, &n);
	size_t big = n;
	size_t off =
		record(&w, "response", "https://big.example/", NULL, blk, n);
	free(blk);
	free(html);
	good(&w, 2);
	/* Content-Encoding we do not undo, and a page with no article. */
	blk = http(200, "text/html", "Content-Encoding: br\r\n", "xx", 2, &n);
	size_t off2 =
		record(&w, "response", "https://br.example/", NULL, blk, n);
	free(blk);
	static const char empty[] = "<html><body><nav>Home</nav></body></html>";
	size_t off3 = page(&w, "https://empty.example/", NULL, "text/html",
			   empty, sizeof empty - 1);
	good(&w, 3);
	plx_reader *r = reader_mem(&lim, "o.warc", &w);
	char want[2048];
	snprintf(
		want, sizeof want,
		"https://ok.example/1|Good record 1 says the river r\n"
		"! o.warc: WARC record 2 (offset %zu): https://big.example/: "
		"record of %zu bytes over the 4096-byte limit, skipped\n"
		"https://ok.example/2|Good record 2 says the river r\n"
		"! o.warc: WARC record 4 (offset %zu): https://br.example/: "
		"Content-Encoding br not supported\n"
		"! o.warc: WARC record 5 (offset %zu): https://empty.example/: "
		"no article text in the page\n"
		"https://ok.example/3|Good record 3 says the river r\n",
		off, big, off2, off3);
	CHECK_STR(log_of(r), want);
	plx_reader_free(r);
	free(w.p);
}

TEST(damaged_gzip)
{
	wbuf w = {0}, z = {0};
	good(&w, 1);
	good(&w, 2);
	good(&w, 3);
	size_t m[3];
	to_gz(&w, &z, m, 3);
	/* Member 2 damaged in its middle: 1 and 3 survive. */
	wbuf d = {0};
	put(&d, z.p, z.n);
	for (size_t i = m[1] + 30; i < m[1] + 60; i++)
		d.p[i] ^= 0x55;
	plx_reader *r = reader_mem(NULL, "d.warc.gz", &d);
	const char *got = log_of(r);
	CHECK(!strncmp(got, "https://ok.example/1|", 21));
	CHECK(strstr(got, "! d.warc.gz: WARC record 2 (offset ") != NULL);
	CHECK(strstr(got, "corrupt gzip data") != NULL);
	CHECK(strstr(got, "https://ok.example/3|") != NULL);
	CHECK(strstr(got, "https://ok.example/2|") == NULL);
	plx_reader_free(r);
	free(d.p);

	/* Truncated in the last member. */
	d = (wbuf){0};
	put(&d, z.p, m[2] + (z.n - m[2]) / 2);
	r = reader_mem(NULL, "t.warc.gz", &d);
	got = log_of(r);
	CHECK(!strncmp(got,
		       "https://ok.example/1|Good record 1 says the river r\n"
		       "https://ok.example/2|Good record 2 says the river r\n"
		       "! t.warc.gz: WARC record 3 (offset ",
		       strlen("https://ok.example/1|Good record 1 says the "
			      "river r\nhttps://ok.example/2|Good record 2 "
			      "says the river r\n! t.warc.gz: WARC record 3 "
			      "(offset ")));
	CHECK(strstr(got, "truncated gzip data; 2 records read before\n") !=
	      NULL);
	plx_reader_free(r);
	free(d.p);
	free(w.p);
	free(z.p);
}

TEST(gzip_bomb)
{
	plx_limits lim;
	plx_limits_default(&lim);
	lim.max_gzip_ratio = 100;
	wbuf w = {0};
	good(&w, 1);
	/* A response record of 12 MiB of spaces: deflate makes it ~12 KB. */
	size_t bn = (size_t)12 << 20;
	char *html = malloc(bn);
	memset(html, ' ', bn);
	memcpy(html, "<html><p>", 9);
	page(&w, "https://bomb.example/", NULL, "text/html", html, bn);
	free(html);
	good(&w, 2);
	wbuf z = {0};
	size_t m[3];
	to_gz(&w, &z, m, 3);
	CHECK(z.n < ((size_t)1 << 20));
	plx_reader *r = reader_mem(&lim, "b.warc.gz", &z);
	const char *got = log_of(r);
	CHECK(!strncmp(got, "https://ok.example/1|", 21));
	CHECK(strstr(got, "! b.warc.gz: WARC record 2 (offset ") != NULL);
	CHECK(strstr(got, "gzip data expands over 100 times (decompression "
			  "bomb?), stopped; 1 record read before") != NULL);
	CHECK(strstr(got, "https://ok.example/2|") != NULL);
	plx_warc_stats st;
	plx_reader_warc_stats(r, &st);
	CHECK(st.bad == 1 && plx_reader_count(r) == 2);
	plx_reader_free(r);
	free(w.p);
	free(z.p);
}

TEST(content_encoding)
{
	/* A page sent gzip-encoded, deflate-encoded (zlib), and one whose
	 * archiver decoded it but kept the header: the same article. */
	const char *html = GOOD(1);
	size_t hn = strlen(html);
	wbuf gz = {0};
	put_gz(&gz, html, hn);
	unsigned char zl[1024];
	uLongf zn = sizeof zl;
	CHECK(compress(zl, &zn, (const Bytef *)html, hn) == Z_OK);
	wbuf w = {0};
	size_t n;
	char *blk = http(200, "text/html", "Content-Encoding: gzip\r\n",
			 (const char *)gz.p, gz.n, &n);
	record(&w, "response", "https://ok.example/gz", NULL, blk, n);
	free(blk);
	blk = http(200, "text/html", "Content-Encoding: deflate\r\n",
		   (const char *)zl, zn, &n);
	record(&w, "response", "https://ok.example/deflate", NULL, blk, n);
	free(blk);
	blk = http(200, "text/html", "Content-Encoding: gzip\r\n", html, hn,
		   &n);
	record(&w, "response", "https://ok.example/decoded", NULL, blk, n);
	free(blk);
	/* Damaged gzip payload. */
	gz.p[gz.n / 2] ^= 0xff;
	gz.p[gz.n / 2 + 1] ^= 0xff;
	blk = http(200, "text/html", "Content-Encoding: gzip\r\n",
		   (const char *)gz.p, 12, &n);
	size_t off =
		record(&w, "response", "https://ok.example/bad", NULL, blk, n);
	free(blk);
	plx_reader *r = reader_mem(NULL, "e.warc", &w);
	char want[1024];
	snprintf(want, sizeof want,
		 "https://ok.example/gz|Good record 1 says the river r\n"
		 "https://ok.example/deflate|Good record 1 says the river r\n"
		 "https://ok.example/decoded|Good record 1 says the river r\n"
		 "! e.warc: WARC record 4 (offset %zu): "
		 "https://ok.example/bad: damaged Content-Encoding\n",
		 off);
	CHECK_STR(log_of(r), want);
	plx_reader_free(r);
	free(w.p);
	free(gz.p);
}

TEST(parsers)
{
	plx_http_head h;
	static const char ok[] =
		"HTTP/1.1 200 OK\r\nContent-Type:  text/html ;"
		" Charset=\"Shift_JIS\" \r\nTransfer-Encoding: "
		"gzip, chunked\r\n\r\nbody";
	CHECK(plx_http_parse(ok, sizeof ok - 1, &h) == 0);
	CHECK(h.status == 200 && h.chunked && h.body == sizeof ok - 5);
	CHECK(plx_http_is_html(h.ctype, h.ctype_len));
	char cs[40];
	CHECK_STR(plx_http_charset(h.ctype, h.ctype_len, cs), "Shift_JIS");
	CHECK(plx_http_parse("HTTP/2 404\n\n", 12, &h) == 0 && h.status == 404);
	CHECK(plx_http_parse("HTTP/1.1 200 OK\r\nA: b\r\n", 23, &h) == -2);
	CHECK(plx_http_parse("GET / HTTP/1.1\r\n\r\n", 18, &h) == -1);
	CHECK(plx_http_parse("HTTP/1.1 2x0 OK\r\n\r\n", 19, &h) == -1);
	CHECK(!plx_http_is_html("text/htmlx", 10));
	CHECK(plx_http_is_html("application/xhtml+xml", 21));
	CHECK(plx_http_charset("text/html", 9, cs) == NULL);
	char ch[] = "4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n";
	size_t part;
	size_t dn = plx_http_dechunk(ch, strlen(ch), &part);
	CHECK(dn == 9 && !memcmp(ch, "Wikipedia", 9));
	char bad[] = "4\r\nWiki\r\nzz\r\n";
	CHECK(plx_http_dechunk(bad, strlen(bad), &part) == (size_t)-1 &&
	      part == 4);
	size_t vn;
	const char *v = plx_warc_field("WARC/1.0\nwarc-type:\tresponse \n", 30,
				       "WARC-Type", &vn);
	CHECK(v && vn == 8 && !memcmp(v, "response", 8));
	unsigned long long x;
	CHECK(plx_warc_length("123", 3, &x) == 0 && x == 123);
	CHECK(plx_warc_length("12a", 3, &x) == -1);
	CHECK(plx_warc_length("99999999999999999999", 20, &x) == -1);
}

int main(void)
{
	RUN(parsers);
	RUN(own_pages);
	RUN(truncated);
	RUN(garbage_and_bad_headers);
	RUN(oversized_and_odd_records);
	RUN(damaged_gzip);
	RUN(gzip_bomb);
	RUN(content_encoding);
	RUN(readability_pages);
	DONE();
}
