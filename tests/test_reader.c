/*
 * test_reader.c: the readers: every input kind, every kind of bad input
 * with its exact message and the good records around it, gzip (multi-member,
 * truncated, corrupt, bomb), the over-long line, standard input, running out
 * of memory, and the real Reuters file.
 *
 * Each test writes its files in a fresh temporary directory and runs from
 * it, so messages carry short relative paths.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "harness.h"
#include "mem.h"
#include "parallax.h"
#include "reader.h"
#include "testutil.h"

/* ---- Temporary files -------------------------------------------------- */

static char g_dir[512];
static char g_old_cwd[1024];
static char *g_made[256];
static size_t g_nmade;

static void remember(const char *name)
{
	if (g_nmade < sizeof g_made / sizeof *g_made)
		g_made[g_nmade++] = strdup(name);
}

static void tmp_begin(void)
{
	const char *t = getenv("TMPDIR");
	snprintf(g_dir, sizeof g_dir, "%s/plx_reader_XXXXXX",
		 t && *t ? t : "/tmp");
	if (!mkdtemp(g_dir) || !getcwd(g_old_cwd, sizeof g_old_cwd) ||
	    chdir(g_dir)) {
		fprintf(stderr, "cannot make a temporary directory\n");
		exit(1);
	}
	g_nmade = 0;
}

static void tmp_end(void)
{
	while (g_nmade) {
		char *p = g_made[--g_nmade];
		if (unlink(p))
			rmdir(p);
		free(p);
	}
	if (chdir(g_old_cwd) || rmdir(g_dir))
		fprintf(stderr, "could not remove %s\n", g_dir);
}

static void make_dir(const char *name)
{
	mkdir(name, 0755);
	remember(name);
}

static void write_file(const char *name, const void *data, size_t len)
{
	FILE *f = fopen(name, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "cannot write %s\n", name);
		exit(1);
	}
	remember(name);
}

static void write_str(const char *name, const char *s)
{
	write_file(name, s, strlen(s));
}

/* gzip writer: one member per gz_begin/gz_end. */
typedef struct gzw {
	FILE *f;
	z_stream z;
} gzw;

static void gz_begin(gzw *g, FILE *f, int level, int strategy)
{
	memset(g, 0, sizeof *g);
	g->f = f;
	if (deflateInit2(&g->z, level, Z_DEFLATED, 15 + 16, 9, strategy) !=
	    Z_OK)
		exit(1);
}

static void gz_put(gzw *g, const void *data, size_t len, int flush)
{
	unsigned char out[65536];
	g->z.next_in = (unsigned char *)data;
	g->z.avail_in = (unsigned)len;
	do {
		g->z.next_out = out;
		g->z.avail_out = sizeof out;
		deflate(&g->z, flush);
		fwrite(out, 1, sizeof out - g->z.avail_out, g->f);
	} while (g->z.avail_out == 0);
}

static void gz_end(gzw *g)
{
	gz_put(g, "", 0, Z_FINISH);
	deflateEnd(&g->z);
}

static void write_gz(const char *name, const char *s)
{
	FILE *f = fopen(name, "wb");
	gzw g;
	gz_begin(&g, f, 6, Z_DEFAULT_STRATEGY);
	gz_put(&g, s, strlen(s), Z_NO_FLUSH);
	gz_end(&g);
	fclose(f);
	remember(name);
}

/* ---- Reading ---------------------------------------------------------- */

/* Reads everything and logs one line per call: "id|text" for a record
 * (text cut at 40 bytes), "! message" for an error. */
static char g_log[65536];

static const char *read_all(plx_reader *r)
{
	size_t n = 0;
	const plx_record *rec;
	int rc;
	g_log[0] = 0;
	while ((rc = plx_reader_next(r, &rec)) != 0) {
		if (rc > 0)
			n += (size_t)snprintf(g_log + n, sizeof g_log - n,
					      "%s|%.40s\n", rec->id, rec->text);
		else
			n += (size_t)snprintf(g_log + n, sizeof g_log - n,
					      "! %s\n", plx_reader_errmsg(r));
		if (n >= sizeof g_log)
			break;
	}
	return g_log;
}

static plx_reader *reader_of(const plx_limits *lim, ...)
{
	plx_reader *r = NULL;
	if (plx_reader_new(lim, &r))
		exit(1);
	va_list ap;
	va_start(ap, lim);
	const char *p;
	while ((p = va_arg(ap, const char *)))
		CHECK(plx_reader_add(r, p) == PLX_OK);
	va_end(ap);
	return r;
}

/* ---- Input kinds ------------------------------------------------------ */

TEST(text_file)
{
	tmp_begin();
	write_str("story.txt",
		  "GENEVA — Talks went on.\n\nA second paragraph.\n");
	plx_reader *r = reader_of(NULL, "story.txt", NULL);
	const plx_record *rec;
	CHECK(plx_reader_next(r, &rec) == 1);
	CHECK_STR(rec->path, "story.txt");
	CHECK_STR(rec->id, "story");
	CHECK(rec->line == 0);
	CHECK_STR(rec->text,
		  "GENEVA — Talks went on.\n\nA second paragraph.\n");
	CHECK(rec->text_len == strlen(rec->text));
	CHECK(rec->title == NULL && rec->date == NULL && rec->source == NULL &&
	      rec->url == NULL);
	CHECK(plx_reader_next(r, &rec) == 0);
	CHECK(rec == NULL);
	CHECK(plx_reader_count(r) == 1 && plx_reader_skipped(r) == 0);
	plx_reader_free(r);
	/* A file name is bytes; the record's path and id are valid UTF-8. */
	write_str("caf\xE9.txt", "Latin-1 name.");
	write_str("x\xFF.jsonl", "{\"text\":\"t\"}\n");
	r = reader_of(NULL, "caf\xE9.txt", "x\xFF.jsonl", "gone\xFF", NULL);
	CHECK(plx_reader_next(r, &rec) == 1);
	CHECK_STR(rec->path, "caf\xEF\xBF\xBD.txt");
	CHECK_STR(rec->id, "caf\xEF\xBF\xBD");
	CHECK(plx_reader_next(r, &rec) == 1);
	CHECK_STR(rec->id, "x\xEF\xBF\xBD.jsonl:1");
	CHECK(plx_reader_next(r, &rec) == PLX_EIO);
	CHECK_STR(plx_reader_errmsg(r),
		  "gone\xEF\xBF\xBD: No such file or directory");
	plx_reader_free(r);
	tmp_end();
}

TEST(jsonl_keys)
{
	tmp_begin();
	write_str("a.jsonl",
		  "{\"id\":\"x1\",\"text\":\"Body one.\",\"title\":\"T1\","
		  "\"date\":\"2022-01-21\",\"source\":\"Reuters\","
		  "\"url\":\"https://e.com/1\"}\n"
		  "{\"id\":42,\"maintext\":\"Body two.\",\"headline\":\"T2\","
		  "\"date_publish\":\"2022-01-22 10:00:00\","
		  "\"source_domain\":\"e.com\"}\n"
		  "{\"body\":\"Body three.\",\"published\":\"2022\","
		  "\"site_name\":\"Site\"}\n"
		  "{\"text\":\"\",\"content\":\"Body four.\","
		  "\"source\":{\"id\":null,\"name\":\"NewsAPI Name\"}}\n"
		  "{\"text\":\"first\",\"text\":\"second\",\"id\":1.5}\n");
	plx_reader *r = reader_of(NULL, "a.jsonl", NULL);
	const plx_record *rec;
	CHECK(plx_reader_next(r, &rec) == 1);
	CHECK_STR(rec->id, "x1");
	CHECK_STR(rec->text, "Body one.");
	CHECK(rec->text_len == 9);
	CHECK_STR(rec->title, "T1");
	CHECK_STR(rec->date, "2022-01-21");
	CHECK_STR(rec->source, "Reuters");
	CHECK_STR(rec->url, "https://e.com/1");
	CHECK_STR(rec->path, "a.jsonl");
	CHECK(rec->line == 1);
	CHECK(plx_reader_next(r, &rec) == 1);
	CHECK_STR(rec->id, "42");
	CHECK_STR(rec->text, "Body two.");
	CHECK_STR(rec->title, "T2");
	CHECK_STR(rec->date, "2022-01-22 10:00:00");
	CHECK_STR(rec->source, "e.com");
	CHECK(rec->url == NULL);
	CHECK(plx_reader_next(r, &rec) == 1);
	CHECK_STR(rec->id, "a.jsonl:3");
	CHECK_STR(rec->text, "Body three.");
	CHECK_STR(rec->date, "2022");
	CHECK_STR(rec->source, "Site");
	CHECK(rec->title == NULL);
	CHECK(plx_reader_next(r, &rec) == 1);
	CHECK_STR(rec->text, "Body four.");
	CHECK_STR(rec->source, "NewsAPI Name");
	/* Duplicate keys: the last one wins. */
	CHECK(plx_reader_next(r, &rec) == 1);
	CHECK_STR(rec->text, "second");
	CHECK_STR(rec->id, "1.5");
	CHECK(rec->line == 5);
	CHECK(plx_reader_next(r, &rec) == 0);
	plx_reader_free(r);
	tmp_end();
}

TEST(jsonl_layout)
{
	tmp_begin();
	/* BOM, CR LF, blank lines, no final newline; .ndjson and .json. */
	write_str("b.ndjson", "\xEF\xBB\xBF{\"text\":\"one\"}\r\n\r\n  \n"
			      "{\"text\":\"two\"}");
	write_str("c.json", "{\"text\":\"three\"}\n");
	plx_reader *r = reader_of(NULL, "b.ndjson", "c.json", NULL);
	CHECK_STR(read_all(r), "b.ndjson:1|one\n"
			       "b.ndjson:4|two\n"
			       "c.json:1|three\n");
	plx_reader_free(r);
	tmp_end();
}

/* Bytes read against the known total, for ingest's ETA; unknown (0) once
 * a directory is queued. */
TEST(progress)
{
	tmp_begin();
	write_str("a.jsonl", "{\"id\":\"a1\",\"text\":\"Ay.\"}\n"
			     "{\"id\":\"a2\",\"text\":\"Bee.\"}\n");
	write_str("b.txt", "Sea.");
	make_dir("d");
	plx_reader *r = reader_of(NULL, "a.jsonl", "b.txt", NULL);
	uint64_t done, total;
	plx_reader_progress(r, &done, &total);
	CHECK(done == 0 && total == 51 + 4);
	CHECK_STR(read_all(r), "a1|Ay.\na2|Bee.\nb|Sea.\n");
	plx_reader_progress(r, &done, &total);
	CHECK(done == total);
	plx_reader_free(r);
	r = reader_of(NULL, "a.jsonl", "d", NULL);
	plx_reader_progress(r, &done, &total);
	CHECK(total == 0);
	plx_reader_free(r);
	tmp_end();
}

TEST(directory)
{
	tmp_begin();
	make_dir("d");
	make_dir("d/sub");
	write_str("d/b.txt", "Bee.");
	write_str("d/a.jsonl", "{\"id\":\"a1\",\"text\":\"Ay.\"}\n");
	write_str("d/.hidden.txt", "Hidden.");
	write_file("d/img.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
	write_str("d/notes", "Notes without extension.");
	write_str("d/page.html", "<p>Read as a page.</p>");
	write_str("d/sub/c.txt", "See.");
	write_gz("d/sub/d.jsonl.gz", "{\"id\":\"d1\",\"text\":\"Dee.\"}\n");
	plx_reader *r = reader_of(NULL, "d", NULL);
	CHECK_STR(read_all(r), "a1|Ay.\n"
			       "b|Bee.\n"
			       "notes|Notes without extension.\n"
			       "page|Read as a page.\n"
			       "c|See.\n"
			       "d1|Dee.\n");
	CHECK(plx_reader_skipped(r) == 0);
	plx_reader_free(r);
	/* Given explicitly, a binary file is reported; a trailing slash is
	 * fine. */
	r = reader_of(NULL, "d/img.png", "d/sub/", NULL);
	CHECK_STR(read_all(r),
		  "! d/img.png: binary data, not text or JSON Lines\n"
		  "c|See.\n"
		  "d1|Dee.\n");
	CHECK(plx_reader_skipped(r) == 1);
	plx_reader_free(r);
	tmp_end();
}

/* Runs the reader on "-" with data on standard input (a pipe). */
static const char *read_stdin(const char *data)
{
	int saved = dup(0), p[2];
	if (saved < 0 || pipe(p))
		exit(1);
	size_t n = strlen(data);
	if (write(p[1], data, n) != (ssize_t)n) /* small: fits the pipe */
		exit(1);
	close(p[1]);
	dup2(p[0], 0);
	close(p[0]);
	plx_reader *r = reader_of(NULL, "-", NULL);
	read_all(r);
	plx_reader_free(r);
	dup2(saved, 0);
	close(saved);
	return g_log;
}

TEST(standard_input)
{
	CHECK_STR(
		read_stdin(
			"  {\"text\":\"From a pipe.\"}\n{\"text\":\"Two.\"}\n"),
		"-:1|From a pipe.\n-:2|Two.\n");
	CHECK_STR(read_stdin("Plain text on stdin.\n"),
		  "-|Plain text on stdin.\n\n");
}

/* ---- HTML pages ------------------------------------------------------- */

#define PAGE_HEAD(T)                                                         \
	"<!DOCTYPE html><html><head><title>" T " | Valley Gazette</title>"   \
	"<meta property=\"og:site_name\" content=\"Valley Gazette\">"        \
	"<meta property=\"article:published_time\" content=\"2024-03-01\">"  \
	"<link rel=\"canonical\" href=\"https://gazette.example/a\">"        \
	"</head><body><nav><a href=\"/\">Home page of the Gazette</a></nav>" \
	"<article>"
#define PAGE_BODY                                                              \
	"<p>The river rose four metres overnight, flooding the lower town, "   \
	"and the council opened two schools as shelters for families.</p>"     \
	"<p>Engineers said the old levee, built in 1952, had held, but water " \
	"came through the drains, which were never meant for this.</p>"        \
	"</article></body></html>"

TEST(html_pages)
{
	tmp_begin();
	make_dir("web");
	write_str("web/flood.html",
		  PAGE_HEAD("Flood in the lower town") PAGE_BODY);
	write_gz("web/levee.htm.gz", PAGE_HEAD("The levee held up") PAGE_BODY);
	write_str("web/note.txt", "A note.");
	write_str("web/saved.page", "\n <html lang=\"en\">" PAGE_BODY);
	write_str("web/empty.html",
		  "<html><body><nav>Home</nav></body></html>");
	plx_reader *r = reader_of(NULL, "web", NULL);
	CHECK_STR(read_all(r),
		  "! web/empty.html: no article text in the HTML page\n"
		  "flood|The river rose four metres overnight, fl\n"
		  "levee|The river rose four metres overnight, fl\n"
		  "note|A note.\n"
		  "saved|The river rose four metres overnight, fl\n");
	CHECK(plx_reader_count(r) == 4 && plx_reader_skipped(r) == 1);
	plx_reader_free(r);

	/* The record's fields. */
	r = reader_of(NULL, "web/flood.html", NULL);
	const plx_record *rec = NULL;
	CHECK(plx_reader_next(r, &rec) == 1);
	if (rec) {
		CHECK_STR(rec->id, "flood");
		CHECK_STR(rec->path, "web/flood.html");
		CHECK_STR(rec->title, "Flood in the lower town");
		CHECK_STR(rec->source, "Valley Gazette");
		CHECK_STR(rec->date, "2024-03-01");
		CHECK_STR(rec->url, "https://gazette.example/a");
		CHECK(rec->text && rec->text_len == strlen(rec->text));
		CHECK(rec->text &&
		      strstr(rec->text, "for families.\n\nEngineers said"));
		CHECK(rec->text && !strstr(rec->text, "Home page"));
	}
	CHECK(plx_reader_next(r, &rec) == 0);
	plx_reader_free(r);
	tmp_end();

	/* Sniffed on standard input; text that merely mentions <html> is text.
	 */
	CHECK_STR(read_stdin("  <!doctype html>" PAGE_BODY),
		  "-|The river rose four metres overnight, fl\n");
	CHECK_STR(read_stdin("<HTML>" PAGE_BODY),
		  "-|The river rose four metres overnight, fl\n");
	CHECK_STR(read_stdin("<htmlish> is not a tag we know.\n"),
		  "-|<htmlish> is not a tag we know.\n\n");
}

TEST(gzip)
{
	tmp_begin();
	write_gz("a.jsonl.gz", "{\"text\":\"one\"}\n{\"text\":\"two\"}\n");
	write_gz("plain.txt", "Compressed, whatever the name says.");
	write_gz("data.gz", "{\"text\":\"sniffed\"}\n");
	write_gz("t.txt.gz", "A text file.");
	/* Two members and zero padding, as some tools write. */
	FILE *f = fopen("m.jsonl.gz", "wb");
	gzw g;
	gz_begin(&g, f, 9, Z_DEFAULT_STRATEGY);
	gz_put(&g, "{\"text\":\"m1\"}\n", 14, Z_NO_FLUSH);
	gz_end(&g);
	gz_begin(&g, f, 1, Z_DEFAULT_STRATEGY);
	gz_put(&g, "{\"text\":\"m2\"}\n", 14, Z_NO_FLUSH);
	gz_end(&g);
	fwrite("\0\0\0\0\0\0\0\0", 1, 8, f);
	fclose(f);
	remember("m.jsonl.gz");
	plx_reader *r = reader_of(NULL, "a.jsonl.gz", "plain.txt", "data.gz",
				  "t.txt.gz", "m.jsonl.gz", NULL);
	CHECK_STR(read_all(r), "a.jsonl.gz:1|one\n"
			       "a.jsonl.gz:2|two\n"
			       "plain|Compressed, whatever the name says.\n"
			       "data.gz:1|sniffed\n"
			       "t|A text file.\n"
			       "m.jsonl.gz:1|m1\n"
			       "m.jsonl.gz:2|m2\n");
	CHECK(plx_reader_skipped(r) == 0);
	plx_reader_free(r);
	tmp_end();
}

/* ---- Bad input -------------------------------------------------------- */

TEST(bad_jsonl_lines)
{
	tmp_begin();
	char deep[3100];
	memset(deep, '[', 3000);
	deep[3000] = 0;
	char data[8192];
	snprintf(data, sizeof data,
		 "{\"text\":\"good 1\"}\n"
		 "{\"text\": \"unterminated}\n"
		 "{\"text\":\"good 3\"}\n"
		 "{\"text\":\"caf\xE9\"}\n"
		 "{\"text\":\"  \\n \"}\n"
		 "{\"title\":\"no body\"}\n"
		 "[\"an array\"]\n"
		 "{\"text\":17}\n"
		 "{\"text\":\"nul \\u0000 escape\"}\n"
		 "%s\n"
		 "{\"text\":\"good 11\"} trailing\n"
		 "{\"text\":\"0123456789012345678901234567890\"}\n"
		 "{\"text\":\"good 13\"}\n",
		 deep);
	write_str("data.jsonl", data);
	plx_limits lim;
	plx_limits_default(&lim);
	lim.max_record_bytes = 30;
	plx_reader *r = reader_of(&lim, "data.jsonl", NULL);
	CHECK_STR(
		read_all(r),
		"data.jsonl:1|good 1\n"
		"! data.jsonl:2: invalid JSON: premature end of input near "
		"'\"unterminated}' (column 23)\n"
		"data.jsonl:3|good 3\n"
		"! data.jsonl:4: invalid JSON: unable to decode byte 0xe9 "
		"near '\"caf' (column 12)\n"
		"! data.jsonl:5: empty text\n"
		"! data.jsonl:6: no text field\n"
		"! data.jsonl:7: not a JSON object\n"
		"! data.jsonl:8: text is not a string\n"
		"! data.jsonl:9: invalid JSON: \\u0000 is not allowed without "
		"JSON_ALLOW_NUL near '\"nul \\u0000 escape\"' (column 27)\n"
		"! data.jsonl:10: invalid JSON: maximum parsing depth reached "
		"near '[' (column 2049)\n"
		"! data.jsonl:11: invalid JSON: end of file expected near "
		"'trailing' (column 27)\n"
		"! data.jsonl:12: text longer than 30 bytes\n"
		"data.jsonl:13|good 13\n");
	CHECK(plx_reader_count(r) == 3);
	CHECK(plx_reader_skipped(r) == 10);
	plx_reader_free(r);
	tmp_end();
}

/* The fast parser (cJSON) and the strict one (jansson) must agree: what
 * cJSON alone would take differently goes to jansson first. */
TEST(jsonl_fast_and_strict_agree)
{
	tmp_begin();
	char deep[3001], data[8192];
	memset(deep, '[', 1500); /* valid, deeper than cJSON's limit */
	memset(deep + 1500, ']', 1500);
	deep[3000] = 0;
	snprintf(data, sizeof data,
		 "{\"id\":01,\"text\":\"leading zero\"}\n"
		 "{\"id\":1.,\"text\":\"bare point\"}\n"
		 "{\"id\":12345678901234567891,\"text\":\"too big\"}\n"
		 "{\"id\":1e400,\"text\":\"overflow\"}\n"
		 "{\"id\":9007199254740993,\"text\":\"exact\"}\n"
		 "{\"id\":2.5e0,\"text\":\"real\"}\n"
		 "{\"id\":-7,\"text\":\"negative\"}\n"
		 "{\"text\":\"first\",\"text\":\"last wins\"}\n"
		 "\t{\"text\":\"tab outside\"}\r\n"
		 "{\"text\":\"tab\tinside\"}\n"
		 "{\"text\":\"escaped \\\\u0000 is text\"}\n"
		 "{\"text\":\"quote \\\" and \\\\\",\"id\":\"q\"}\n"
		 "{\"a\":%s}\n"
		 "{\"text\":\"caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D\"}\n"
		 "\xEF\xBB\xBF{\"text\":\"mark mid-file\"}\n"
		 "{\"id\":-0,\"text\":\"int zero\"}\n"
		 "{\"id\":-0.0,\"text\":\"real zero\"}\n"
		 "{\"id\":1e15,\"text\":\"exponent\"}\n"
		 "{\"id\":1234567890123456.0,\"text\":\"long real\"}\n"
		 "\"a scalar\"\n",
		 deep);
	write_str("f.jsonl", data);
	plx_reader *r = reader_of(NULL, "f.jsonl", NULL);
	CHECK_STR(read_all(r),
		  "! f.jsonl:1: invalid JSON: invalid token near '0' (column "
		  "7)\n"
		  "! f.jsonl:2: invalid JSON: invalid token near '1.' (column "
		  "8)\n"
		  "! f.jsonl:3: invalid JSON: too big integer near "
		  "'12345678901234567891' (column 26)\n"
		  "! f.jsonl:4: invalid JSON: real number overflow near "
		  "'1e400' (column 11)\n"
		  "9007199254740993|exact\n"
		  "2.5|real\n"
		  "-7|negative\n"
		  "f.jsonl:8|last wins\n"
		  "f.jsonl:9|tab outside\n"
		  "! f.jsonl:10: invalid JSON: control character 0x9 near "
		  "'\"tab' (column 12)\n"
		  "f.jsonl:11|escaped \\u0000 is text\n"
		  "q|quote \" and \\\n"
		  "! f.jsonl:13: invalid JSON: nested deeper than 1000 levels\n"
		  "f.jsonl:14|caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D\n"
		  "! f.jsonl:15: invalid JSON: '[' or '{' expected near "
		  "'\xEF\xBB\xBF' (column 1)\n"
		  "0|int zero\n"
		  "-0|real zero\n"
		  "1e+15|exponent\n"
		  "1.23456789012346e+15|long real\n"
		  "! f.jsonl:20: invalid JSON: '[' or '{' expected near "
		  "'\"a scalar\"' (column 10)\n");
	plx_reader_free(r);
	tmp_end();
}

TEST(bad_text_files)
{
	tmp_begin();
	write_str("a.txt", "Before.");
	write_file("x.txt", "abc\0def", 7);
	write_file("bom.txt", "\xEF\xBB\xBFxy\0", 6);
	write_str("e.txt", " \n\t\n");
	write_str("empty.txt", "");
	write_str("long.txt", "0123456789A");
	write_str("ok.txt", "0123456789");
	write_str("z.txt", "After.");
	plx_limits lim;
	plx_limits_default(&lim);
	lim.max_record_bytes = 10;
	plx_reader *r = reader_of(&lim, "a.txt", "x.txt", "bom.txt", "e.txt",
				  "empty.txt", "long.txt", "ok.txt", "nope.txt",
				  "nodir/", "z.txt", NULL);
	CHECK_STR(read_all(r), "a|Before.\n"
			       "! x.txt: NUL byte at offset 3\n"
			       "! bom.txt: NUL byte at offset 5\n"
			       "! e.txt: empty text\n"
			       "! empty.txt: empty text\n"
			       "! long.txt: text longer than 10 bytes\n"
			       "ok|0123456789\n"
			       "! nope.txt: No such file or directory\n"
			       "! nodir/: No such file or directory\n"
			       "z|After.\n");
	CHECK(plx_reader_count(r) == 3);
	CHECK(plx_reader_skipped(r) == 7);
	plx_reader_free(r);
	/* Invalid UTF-8 in a text file is repaired, not rejected. */
	write_str("latin1.txt", "caf\xE9 cr\xE8me\r\nfin\xF0\x9F");
	r = reader_of(NULL, "latin1.txt", NULL);
	CHECK_STR(read_all(r),
		  "latin1|caf\xEF\xBF\xBD cr\xEF\xBF\xBDme\nfin\xEF\xBF\xBD\n");
	plx_reader_free(r);
	tmp_end();
}

TEST(vanished_and_unreadable)
{
	tmp_begin();
	write_str("a.txt", "A.");
	write_str("gone.txt", "Gone.");
	write_str("z.txt", "Z.");
	plx_reader *r = reader_of(NULL, "a.txt", "gone.txt", "z.txt", NULL);
	const plx_record *rec;
	CHECK(plx_reader_next(r, &rec) == 1);
	unlink("gone.txt");
	CHECK(plx_reader_next(r, &rec) == PLX_EIO);
	CHECK_STR(plx_reader_errmsg(r), "gone.txt: No such file or directory");
	CHECK(plx_reader_next(r, &rec) == 1);
	CHECK_STR(rec->id, "z");
	CHECK(plx_reader_next(r, &rec) == 0);
	plx_reader_free(r);
	if (geteuid() != 0) { /* root reads anything */
		write_str("locked.txt", "L.");
		chmod("locked.txt", 0);
		r = reader_of(NULL, "locked.txt", "z.txt", NULL);
		CHECK_STR(read_all(r),
			  "! locked.txt: Permission denied\nz|Z.\n");
		plx_reader_free(r);
	}
	tmp_end();
}

/* Line limit at its edge, with a small limit. */
TEST(line_limit_edge)
{
	tmp_begin();
	plx_limits lim;
	plx_limits_default(&lim);
	lim.max_line_bytes = 20;
	/* {"text":"...."} is 11 bytes of frame. */
	write_str("l.jsonl", "{\"text\":\"123456789\"}\n"  /* 20: fits */
			     "{\"text\":\"1234567890\"}\n" /* 21: over */
			     "{\"text\":\"ok\"}\n"
			     "{\"text\":\"1234567890\"}"); /* last, over */
	plx_reader *r = reader_of(&lim, "l.jsonl", NULL);
	CHECK_STR(read_all(r), "l.jsonl:1|123456789\n"
			       "! l.jsonl:2: line longer than 20 bytes\n"
			       "l.jsonl:3|ok\n"
			       "! l.jsonl:4: line longer than 20 bytes\n");
	plx_reader_free(r);
	tmp_end();
}

TEST(fifty_megabyte_line)
{
	tmp_begin();
	size_t big = (size_t)50 << 20;
	FILE *f = fopen("big.jsonl", "wb");
	fputs("{\"text\":\"before\"}\n{\"text\":\"", f);
	char chunk[65536];
	memset(chunk, 'x', sizeof chunk);
	for (size_t n = 0; n < big; n += sizeof chunk)
		fwrite(chunk, 1, sizeof chunk, f);
	fputs("\"}\n{\"text\":\"after\"}\n", f);
	fclose(f);
	remember("big.jsonl");
	plx_allocator a = {big_malloc, big_realloc, t_free, NULL};
	plx_set_allocator(&a);
	g_biggest = 0;
	plx_reader *r = reader_of(NULL, "big.jsonl", NULL);
	CHECK_STR(read_all(r),
		  "big.jsonl:1|before\n"
		  "! big.jsonl:2: line longer than 16777216 bytes\n"
		  "big.jsonl:3|after\n");
	plx_reader_free(r);
	plx_set_allocator(NULL);
	/* Bounded memory: never more than the line limit and its byte. */
	CHECK(g_biggest <= ((size_t)16 << 20) + 2);
	CHECK(g_biggest > 0);
	tmp_end();
}

TEST(truncated_and_corrupt_gzip)
{
	tmp_begin();
	/* Three whole records flushed, then half a fourth, and no end. */
	FILE *f = fopen("t.jsonl.gz", "wb");
	gzw g;
	gz_begin(&g, f, 6, Z_DEFAULT_STRATEGY);
	gz_put(&g, "{\"text\":\"one\"}\n{\"text\":\"two\"}\n", 30, Z_NO_FLUSH);
	gz_put(&g, "{\"text\":\"three\"}\n", 17, Z_SYNC_FLUSH);
	gz_put(&g, "{\"text\":\"fou", 12, Z_SYNC_FLUSH);
	deflateEnd(&g.z);
	fclose(f);
	remember("t.jsonl.gz");
	/* A gzip header, then a deflate block of the reserved type 3. */
	write_file("c.jsonl.gz", "\x1f\x8b\x08\0\0\0\0\0\0\x03\x07junk", 15);
	write_str("z.txt", "After.");
	plx_reader *r =
		reader_of(NULL, "t.jsonl.gz", "c.jsonl.gz", "z.txt", NULL);
	CHECK_STR(
		read_all(r),
		"t.jsonl.gz:1|one\n"
		"t.jsonl.gz:2|two\n"
		"t.jsonl.gz:3|three\n"
		"! t.jsonl.gz: truncated gzip data after 3 records\n"
		"! c.jsonl.gz: corrupt gzip data (invalid block type) after 0 "
		"records\n"
		"z|After.\n");
	CHECK(plx_reader_count(r) == 4 && plx_reader_skipped(r) == 2);
	plx_reader_free(r);
	tmp_end();
}

TEST(gzip_bomb)
{
	tmp_begin();
	/* 200 MB of zeros: about 200 KB compressed (ratio 1030). */
	FILE *f = fopen("bomb.jsonl.gz", "wb");
	static char zeros[1 << 20];
	gzw g;
	gz_begin(&g, f, 9, Z_RLE);
	for (int i = 0; i < 200; i++)
		gz_put(&g, zeros, sizeof zeros, Z_NO_FLUSH);
	gz_end(&g);
	fclose(f);
	remember("bomb.jsonl.gz");
	/* Small files of repeated text are not bombs. */
	write_gz("small.jsonl.gz", "{\"text\":\"fine\"}\n");
	char rep[70000];
	memset(rep, 'a', sizeof rep);
	memcpy(rep, "{\"text\":\"", 9);
	memcpy(rep + sizeof rep - 4, "\"}\n", 4);
	write_gz("rep.jsonl.gz", rep);
	plx_reader *r = reader_of(NULL, "bomb.jsonl.gz", "small.jsonl.gz",
				  "rep.jsonl.gz", NULL);
	CHECK_STR(read_all(r),
		  "! bomb.jsonl.gz: gzip data expands over 1000 times "
		  "(decompression bomb?), stopped after 0 records\n"
		  "small.jsonl.gz:1|fine\n"
		  "rep.jsonl.gz:1|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
	plx_reader_free(r);
	tmp_end();
}

TEST(memory_entry)
{
	plx_reader *r = NULL;
	CHECK(plx_reader_new(NULL, &r) == PLX_OK);
	CHECK(plx_reader_add_memory(r, "m.jsonl", "{\"text\":\"mem\"}", 14) ==
	      0);
	CHECK(plx_reader_add_memory(r, "m.txt", "Memory text.", 12) == 0);
	CHECK(plx_reader_add_memory(r, "", "x", 1) == PLX_EINVAL);
	CHECK(plx_reader_add(r, "") == PLX_EINVAL);
	CHECK_STR(read_all(r), "m.jsonl:1|mem\nm|Memory text.\n");
	plx_reader_free(r);
	plx_reader_free(NULL);
}

/* ---- Out of memory ---------------------------------------------------- */

static long g_fail_at, g_nalloc;

static void *fail_malloc(size_t n, void *ud)
{
	(void)ud;
	return ++g_nalloc == g_fail_at ? NULL : malloc(n);
}

static void *fail_realloc(void *p, size_t n, void *ud)
{
	(void)ud;
	return ++g_nalloc == g_fail_at ? NULL : realloc(p, n);
}

static void fail_free(void *p, void *ud)
{
	(void)ud;
	free(p);
}

TEST(out_of_memory)
{
	tmp_begin();
	make_dir("d");
	write_str("d/a.jsonl", "{\"id\":7,\"text\":\"one\",\"title\":\"t\"}\n"
			       "{\"text\":\"two\"}\nbad\n");
	write_str("d/b.txt", "caf\xE9.");
	write_gz("d/c.jsonl.gz", "{\"text\":\"three\"}\n");
	plx_allocator a = {fail_malloc, fail_realloc, fail_free, NULL};
	plx_set_allocator(&a);
	int finished = 0, oom_seen = 0;
	for (g_fail_at = 1; g_fail_at < 400 && !finished; g_fail_at++) {
		g_nalloc = 0;
		plx_reader *r = NULL;
		if (plx_reader_new(NULL, &r) != PLX_OK) {
			CHECK(r == NULL);
			oom_seen = 1;
			continue;
		}
		int rc, oom = 0;
		const plx_record *rec;
		size_t good = 0;
		if (plx_reader_add(r, "d") != PLX_OK)
			oom = 1;
		while (!oom && (rc = plx_reader_next(r, &rec)) != 0) {
			if (rc == PLX_ENOMEM)
				oom = 1;
			else if (rc > 0)
				good++;
		}
		if (!oom) {
			finished = g_nalloc < g_fail_at;
			if (finished)
				CHECK(good == 4);
		}
		oom_seen |= oom;
		plx_reader_free(r);
	}
	plx_set_allocator(NULL);
	CHECK(finished);
	CHECK(oom_seen);
	tmp_end();
}

/* ---- Real data -------------------------------------------------------- */

TEST(reuters)
{
	const char *path = PLX_SHARED_DATA "/reuters21578/articles.jsonl";
	if (access(path, R_OK)) {
		fprintf(stderr, "SKIPPED reuters: %s is absent\n", path);
		return;
	}
	plx_reader *r = reader_of(NULL, path, NULL);
	const plx_record *rec;
	int rc;
	size_t with_title = 0, with_date = 0;
	while ((rc = plx_reader_next(r, &rec)) != 0) {
		if (rc > 0) {
			with_title += rec->title != NULL;
			with_date += rec->date != NULL;
		} else {
			fprintf(stderr, "%s\n", plx_reader_errmsg(r));
		}
	}
	CHECK(plx_reader_count(r) == 19043);
	CHECK(plx_reader_skipped(r) == 0);
	CHECK(with_date == 19041); /* two wires have no date */
	CHECK(with_title == 19043);
	plx_reader_free(r);
}

int main(void)
{
	RUN(text_file);
	RUN(jsonl_keys);
	RUN(jsonl_layout);
	RUN(progress);
	RUN(directory);
	RUN(standard_input);
	RUN(html_pages);
	RUN(gzip);
	RUN(bad_jsonl_lines);
	RUN(jsonl_fast_and_strict_agree);
	RUN(bad_text_files);
	RUN(vanished_and_unreadable);
	RUN(line_limit_edge);
	RUN(fifty_megabyte_line);
	RUN(truncated_and_corrupt_gzip);
	RUN(gzip_bomb);
	RUN(memory_entry);
	RUN(out_of_memory);
	RUN(reuters);
	DONE();
}
