/*
 * warc_libarchive.c: WARC input read by parallax's reader (src/reader.c,
 * src/warc.c) beside libarchive's WARC format reader, on the same files
 * (bench/warc_libarchive.sh).  Measures the claims of docs/dependencies.md
 * ("WARC input and libarchive") instead of stating them.
 *
 *   warc_libarchive write PAGES_DIR OUT_DIR
 *     Writes OUT_DIR/{clean,v11,damaged}.warc and .warc.gz (a gzip member
 *     per record, as crawlers write them) from the pages PAGES_DIR/NAME/
 *     source.html (the html-readability set), each page framed as a
 *     request, a response and a metadata record, after one warcinfo
 *     record; one target URI in three ends in '/' (the first is a site's
 *     front page, http://host/), and every tenth page is followed by a
 *     404 page, an image and a revisit record.  v11 has one response
 *     written WARC/1.1 halfway; damaged has, a third of the way, a record
 *     whose Content-Length is not a number, and in the .gz also a gzip
 *     member damaged two thirds of the way.
 *   warc_libarchive read [--reps N] FILE...
 *     Reads each file both ways, N times (default 3), and prints per
 *     tool: records seen, HTML responses delivered, records skipped by
 *     kind, articles extracted (plx_html_extract_charset on each page, in
 *     both), how it ended, and speed in input bytes and records per CPU
 *     second (median of N; the process's CPU clock).  Then what each gives
 *     for the first page: its name and date.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <stdint.h>
#include <time.h>
#include <zlib.h>

#include "parallax.h"
#include "warc.h"

/* ---- Writing ----------------------------------------------------------- */

typedef struct out {
	FILE *plain, *gz; /* the same records, plain and a member each */
} out;

static void die(const char *what)
{
	fprintf(stderr, "warc_libarchive: %s\n", what);
	exit(1);
}

/* Writes p[0, n) to o->gz as one gzip member; damage flips bytes in the
 * middle of its deflate data. */
static void gz_member(FILE *f, const char *p, size_t n, int damage)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY))
		die("deflateInit2");
	size_t cap = deflateBound(&z, (uLong)n);
	unsigned char *b = malloc(cap);
	if (!b)
		die("out of memory");
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)n;
	z.next_out = b;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		die("deflate");
	size_t m = cap - z.avail_out;
	deflateEnd(&z);
	if (damage && m > 64)
		for (size_t i = m / 2; i < m / 2 + 16; i++)
			b[i] ^= 0x5a;
	fwrite(b, 1, m, f);
	free(b);
}

static unsigned g_id; /* WARC-Record-ID counter */

/* One record: version line, fields, block, two CRLF. */
static void record(out *o, const char *version, const char *type,
		   const char *uri, const char *ctype, const char *block,
		   size_t n, const char *bad_length, int damage_gz)
{
	char head[1024];
	unsigned id = ++g_id;
	int k = snprintf(head, sizeof head,
			 "%s\r\nWARC-Type: %s\r\nWARC-Record-ID: "
			 "<urn:uuid:00000000-0000-4000-8000-%012u>\r\n"
			 "WARC-Date: 2026-11-23T10:%02u:%02uZ\r\n",
			 version, type, id, (id / 60) % 60, id % 60);
	if (uri)
		k += snprintf(head + k, sizeof head - (size_t)k,
			      "WARC-Target-URI: %s\r\n", uri);
	if (bad_length)
		k += snprintf(head + k, sizeof head - (size_t)k,
			      "Content-Type: %s\r\nContent-Length: %s\r\n\r\n",
			      ctype, bad_length);
	else
		k += snprintf(head + k, sizeof head - (size_t)k,
			      "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
			      ctype, n);
	size_t all = (size_t)k + n + 4;
	char *r = malloc(all);
	if (!r)
		die("out of memory");
	memcpy(r, head, (size_t)k);
	memcpy(r + k, block, n);
	memcpy(r + (size_t)k + n, "\r\n\r\n", 4);
	fwrite(r, 1, all, o->plain);
	gz_member(o->gz, r, all, damage_gz);
	free(r);
}

/* An HTTP response block around body. */
static char *http(int status, const char *ctype, const char *body, size_t n,
		  size_t *len)
{
	char head[256];
	int k = snprintf(head, sizeof head,
			 "HTTP/1.1 %d %s\r\nContent-Type: %s\r\n"
			 "Content-Length: %zu\r\n\r\n",
			 status, status == 200 ? "OK" : "Not Found", ctype, n);
	char *b = malloc((size_t)k + n + 1);
	if (!b)
		die("out of memory");
	memcpy(b, head, (size_t)k);
	memcpy(b + k, body, n);
	*len = (size_t)k + n;
	return b;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0, got;
	char *b = malloc(cap);
	while (b && (got = fread(b + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			char *nb = realloc(b, cap *= 2);
			if (!nb)
				free(b);
			b = nb;
		}
	}
	fclose(f);
	*n = len;
	return b;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void write_set(const char *pages, char **names, size_t np,
		      const char *dir, const char *set)
{
	char pp[4096], pz[4096];
	snprintf(pp, sizeof pp, "%s/%s.warc", dir, set);
	snprintf(pz, sizeof pz, "%s/%s.warc.gz", dir, set);
	out o = {fopen(pp, "wb"), fopen(pz, "wb")};
	if (!o.plain || !o.gz)
		die("cannot write the WARC files");
	g_id = 0;
	static const char info[] = "software: warc_libarchive (parallax)\r\n"
				   "format: WARC File Format 1.0\r\n";
	record(&o, "WARC/1.0", "warcinfo", NULL, "application/warc-fields",
	       info, sizeof info - 1, NULL, 0);
	int v11 = !strcmp(set, "v11"), damaged = !strcmp(set, "damaged");
	for (size_t i = 0; i < np; i++) {
		char path[4096], uri[512];
		snprintf(path, sizeof path, "%s/%s/source.html", pages,
			 names[i]);
		size_t n;
		char *page = slurp(path, &n);
		if (!page)
			die("cannot read a page");
		if (i == 0)
			snprintf(uri, sizeof uri, "http://front%zu.example/", i);
		else
			snprintf(uri, sizeof uri, "http://site%zu.example/%s%s",
				 i % 7, names[i], i % 3 == 0 ? "/" : "");
		char req[768];
		int rn = snprintf(req, sizeof req,
				  "GET /%s HTTP/1.1\r\nHost: site.example\r\n\r\n",
				  names[i]);
		record(&o, "WARC/1.0", "request", uri,
		       "application/http; msgtype=request", req, (size_t)rn,
		       NULL, 0);
		size_t bn;
		char *blk = http(200, "text/html", page, n, &bn);
		record(&o, v11 && i == np / 2 ? "WARC/1.1" : "WARC/1.0",
		       "response", uri, "application/http; msgtype=response",
		       blk, bn, NULL, damaged && i == 2 * np / 3);
		free(blk);
		free(page);
		static const char meta[] = "fetchTimeMs: 120\r\n";
		record(&o, "WARC/1.0", "metadata", uri,
		       "application/warc-fields", meta, sizeof meta - 1, NULL,
		       0);
		if (damaged && i == np / 3) {
			static const char odd[] = "a block whose length the "
						  "header does not give\r\n";
			record(&o, "WARC/1.0", "resource",
			       "http://odd.example/x", "text/plain", odd,
			       sizeof odd - 1, "12O4", 0);
		}
		if (i % 10 == 9) {
			static const char nf[] = "<html><body><p>Not found."
						 "</p></body></html>";
			char u2[600];
			snprintf(u2, sizeof u2, "%s-missing", uri);
			blk = http(404, "text/html", nf, sizeof nf - 1, &bn);
			record(&o, "WARC/1.0", "response", u2,
			       "application/http; msgtype=response", blk, bn,
			       NULL, 0);
			free(blk);
			static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
			snprintf(u2, sizeof u2, "http://img.example/%zu.png",
				 i);
			blk = http(200, "image/png", png, sizeof png - 1, &bn);
			record(&o, "WARC/1.0", "response", u2,
			       "application/http; msgtype=response", blk, bn,
			       NULL, 0);
			free(blk);
			record(&o, "WARC/1.0", "revisit", uri,
			       "message/http", "", 0, NULL, 0);
		}
	}
	if (fclose(o.plain) || fclose(o.gz))
		die("write error");
}

static int cmd_write(const char *pages, const char *dir)
{
	DIR *d = opendir(pages);
	if (!d)
		die("cannot open the pages directory");
	char **names = NULL;
	size_t np = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		char p[4096];
		struct stat st;
		snprintf(p, sizeof p, "%s/%s/source.html", pages, e->d_name);
		if (e->d_name[0] == '.' || stat(p, &st))
			continue;
		if (np == cap) {
			cap = cap ? 2 * cap : 256;
			names = realloc(names, cap * sizeof *names);
			if (!names)
				die("out of memory");
		}
		names[np++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, np, sizeof *names, by_name);
	const char *sets[] = {"clean", "v11", "damaged"};
	for (size_t s = 0; s < 3; s++)
		write_set(pages, names, np, dir, sets[s]);
	for (size_t i = 0; i < np; i++)
		free(names[i]);
	free(names);
	printf("wrote %s/{clean,v11,damaged}.warc[.gz]: %zu pages\n", dir, np);
	return 0;
}

/* ---- Reading ----------------------------------------------------------- */

typedef struct tally {
	size_t records;  /* records the reader let the caller see */
	size_t pages;    /* HTML responses with status 200 delivered */
	size_t articles; /* pages the extractor made an article of */
	size_t not_response, not_ok, not_html, bad;
	size_t no_http; /* entries whose data had no HTTP head */
	char end[200];  /* how reading ended */
	char name[200], date[64]; /* the first page: name/id, date */
	double cpu;
	double bytes; /* input bytes read before the end (compressed) */
} tally;

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A response block through the extractor, as reader.c does: HTTP head,
 * status 200, HTML, its charset. */
static void la_page(tally *t, const char *p, size_t n, const char *name)
{
	plx_http_head h;
	if (plx_http_parse(p, n, &h)) {
		t->no_http++;
		return;
	}
	if (h.status != 200) {
		t->not_ok++;
		return;
	}
	if (!plx_http_is_html(h.ctype, h.ctype_len)) {
		t->not_html++;
		return;
	}
	t->pages++;
	char cs[40];
	const char *charset = plx_http_charset(h.ctype, h.ctype_len, cs);
	plx_html_doc *d = NULL;
	if (!plx_html_extract_charset(p + h.body, n - h.body, name, charset,
				      &d))
		t->articles++;
	plx_html_doc_free(d);
}

/* libarchive over path, reading block bytes at a time; extract: each
 * entry's data through la_page, else skipped (framing only). */
static void read_libarchive(const char *path, size_t block, int extract,
			    tally *t)
{
	memset(t, 0, sizeof *t);
	double c0 = cpu_now();
	struct archive *a = archive_read_new();
	archive_read_support_filter_all(a);
	archive_read_support_format_warc(a);
	size_t cap = 1 << 20;
	char *buf = malloc(cap);
	if (!a || !buf)
		die("out of memory");
	if (archive_read_open_filename(a, path, block) != ARCHIVE_OK) {
		snprintf(t->end, sizeof t->end, "open: %s",
			 archive_error_string(a));
		goto done;
	}
	for (;;) {
		struct archive_entry *e;
		int rc = archive_read_next_header(a, &e);
		if (rc == ARCHIVE_EOF) {
			snprintf(t->end, sizeof t->end, "end of file");
			break;
		}
		if (rc == ARCHIVE_RETRY) {
			t->bad++;
			continue;
		}
		if (rc == ARCHIVE_FATAL) {
			snprintf(t->end, sizeof t->end, "ARCHIVE_FATAL: %s",
				 archive_error_string(a));
			break;
		}
		if (rc == ARCHIVE_WARN)
			t->bad++;
		t->records++;
		const char *name = archive_entry_pathname(e);
		if (!t->name[0]) {
			snprintf(t->name, sizeof t->name, "%s",
				 name ? name : "(none)");
			snprintf(t->date, sizeof t->date, "%lld (a time_t)",
				 (long long)archive_entry_mtime(e));
		}
		if (!extract) {
			if (archive_read_data_skip(a) != ARCHIVE_OK)
				t->bad++;
			continue;
		}
		size_t n = 0;
		ssize_t got;
		while ((got = archive_read_data(a, buf + n, cap - n)) > 0) {
			n += (size_t)got;
			if (n == cap) {
				char *nb = realloc(buf, cap *= 2);
				if (!nb)
					die("out of memory");
				buf = nb;
			}
		}
		if (got < 0) {
			t->bad++;
			continue;
		}
		la_page(t, buf, n, name);
	}
done:
	t->bytes = (double)archive_filter_bytes(a, -1);
	archive_read_free(a);
	free(buf);
	t->cpu = cpu_now() - c0;
}

/* parallax's reader over path; framing only: every record's block is
 * streamed past unread (max_warc_record_bytes = 1, so each response is
 * reported over the limit instead of extracted). */
static void read_parallax(const char *path, int framing, tally *t)
{
	memset(t, 0, sizeof *t);
	double c0 = cpu_now();
	plx_limits lim;
	plx_limits_default(&lim);
	if (framing)
		lim.max_warc_record_bytes = 1;
	plx_reader *r;
	if (plx_reader_new(&lim, &r) || plx_reader_add(r, path))
		die("out of memory");
	const plx_record *rec;
	int rc;
	size_t errs = 0;
	while ((rc = plx_reader_next(r, &rec)) != 0) {
		if (rc < 0) {
			if (rc == PLX_ENOMEM)
				die("out of memory");
			if (!errs++ && !framing)
				snprintf(t->end, sizeof t->end, "%s",
					 plx_reader_errmsg(r));
			continue;
		}
		t->articles++;
		if (!t->name[0]) {
			snprintf(t->name, sizeof t->name, "%s", rec->id);
			snprintf(t->date, sizeof t->date, "%s",
				 rec->date ? rec->date : "");
		}
	}
	plx_warc_stats ws;
	plx_reader_warc_stats(r, &ws);
	t->records = ws.records;
	t->pages = ws.pages;
	t->not_response = ws.not_response;
	t->not_ok = ws.not_ok;
	t->not_html = ws.not_html;
	t->bad = ws.bad;
	if (!t->end[0])
		snprintf(t->end, sizeof t->end, "end of file");
	uint64_t done, total;
	plx_reader_progress(r, &done, &total);
	t->bytes = (double)done;
	plx_reader_free(r);
	t->cpu = cpu_now() - c0;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Readers compared: libarchive reading 64 KiB at a time (the size its
 * own tools use is 10 KiB), libarchive given the whole file in one read,
 * parallax. */
enum { LA_64K, LA_WHOLE, PX, N_WAYS };
static const char *const WAYS[] = {"libarchive", "libarchive*", "parallax"};

/* Median CPU seconds of reps runs of one way over one file; t: the last. */
static double measure(int way, int framing, const char *path, off_t size,
		      int reps, tally *t)
{
	double cpu[64];
	for (int k = 0; k < reps; k++) {
		if (way == PX)
			read_parallax(path, framing, t);
		else
			read_libarchive(path,
					way == LA_64K ? (size_t)1 << 16
						      : (size_t)size + 1,
					!framing, t);
		cpu[k] = t->cpu;
	}
	qsort(cpu, (size_t)reps, sizeof *cpu, cmp_d);
	return cpu[reps / 2];
}

static void row(const char *base, int way, const tally *t, double c)
{
	char nr[16];
	/* libarchive never shows the records it skips: "-". */
	if (way == PX)
		snprintf(nr, sizeof nr, "%zu", t->not_response);
	else
		snprintf(nr, sizeof nr, "-");
	printf("%-16s %-11s %7zu %6zu %8zu %7s %5zu %6zu %4zu %8.1f %8.1f "
	       "%9.0f\n",
	       base, WAYS[way], t->records, t->pages, t->articles, nr,
	       t->not_ok, t->not_html + t->no_http, t->bad, c * 1e3,
	       t->bytes / 1e6 / c, (double)t->records / c);
}

static const char HEAD[] = "%-16s %-11s %7s %6s %8s %7s %5s %6s %4s %8s "
			   "%8s %9s\n";

/* An input's size (in *size) and file name, for the tables. */
static const char *input(const char *path, off_t *size)
{
	struct stat st;
	if (stat(path, &st))
		die("cannot stat an input");
	*size = st.st_size;
	const char *base = strrchr(path, '/');
	return base ? base + 1 : path;
}

static int cmd_read(int reps, char **files, int nf)
{
	printf("libarchive: 64 KiB reads; libarchive*: the whole file in one "
	       "read.  CPU: median of %d runs; MB: input bytes read up to "
	       "where the reader stopped.\n",
	       reps);
	printf(HEAD, "file", "reader", "records", "pages", "articles",
	       "not-rsp", "!200", "!html", "bad", "CPU ms", "MB/CPU-s",
	       "rec/CPU-s");
	for (int f = 0; f < nf; f++) {
		off_t size;
		const char *base = input(files[f], &size);
		tally t[N_WAYS];
		for (int w = 0; w < N_WAYS; w++) {
			double c = measure(w, 0, files[f], size, reps,
					   &t[w]);
			row(base, w, &t[w], c);
		}
		for (int w = 0; w < N_WAYS; w++)
			printf("    %-11s ended: %s\n", WAYS[w], t[w].end);
		printf("    first page: libarchive's name %s, date %s; "
		       "parallax's id %s, date %s\n",
		       t[LA_WHOLE].name, t[LA_WHOLE].date, t[PX].name,
		       t[PX].date);
	}
	printf("\nframing only (no HTML extraction: libarchive skips each "
	       "entry's data, parallax streams past every block):\n");
	printf(HEAD, "file", "reader", "records", "", "", "", "", "", "bad",
	       "CPU ms", "MB/CPU-s", "rec/CPU-s");
	for (int f = 0; f < nf; f++) {
		off_t size;
		const char *base = input(files[f], &size);
		for (int w = LA_WHOLE; w < N_WAYS; w++) {
			tally t;
			double c = measure(w, 1, files[f], size, reps,
					   &t);
			printf("%-16s %-11s %7zu %6s %8s %7s %5s %6s %4s %8.1f "
			       "%8.1f %9.0f   %s\n",
			       base, WAYS[w], t.records, "", "", "", "", "",
			       "", c * 1e3, t.bytes / 1e6 / c,
			       (double)t.records / c,
			       w == PX ? "" : t.end);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "write"))
		return cmd_write(argv[2], argv[3]);
	if (argc >= 3 && !strcmp(argv[1], "read")) {
		int i = 2, reps = 3;
		if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
			reps = atoi(argv[i + 1]);
			i += 2;
		}
		if (reps < 1 || reps > 64 || i >= argc)
			die("usage: warc_libarchive read [--reps N] FILE...");
		return cmd_read(reps, argv + i, argc - i);
	}
	fprintf(stderr, "usage: warc_libarchive write PAGES_DIR OUT_DIR\n"
			"       warc_libarchive read [--reps N] FILE...\n");
	return 2;
}
