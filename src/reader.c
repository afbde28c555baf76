/*
 * reader.c: the first stage of the pipeline: turns paths (plain text files,
 * JSON Lines, HTML pages, directories, standard input, each possibly
 * gzip-compressed) into plx_record values for the analyzer.
 *
 * Design.  Paths wait in a FIFO; a directory, when its turn comes, pushes
 * its entries (name order) on a stack served before the FIFO, so a tree is
 * read depth-first in name order without holding it all.  One file is open
 * at a time.  Its bytes come through one buffer, straight from read(2) or
 * through zlib when the first two bytes are the gzip magic (whatever the
 * name says; members are read one after another, as gzip -d does).  JSON
 * Lines are split with memchr and parsed one line at a time with cJSON,
 * five times faster than jansson on news records; a line cJSON would read
 * differently (control bytes, invalid UTF-8, an escaped NUL) or rejects
 * goes through jansson, whose verdict and message count (parse_json); a
 * text file is one record.  An HTML page (.html/.htm, or a sniffed input
 * starting with <!doctype html or <html) is one record: its article, from
 * plx_html_extract (html.c), up to PLX_HTML_MAX_BYTES of page.  A WARC
 * file (.warc, .warc.gz, or sniffed by "WARC/1.") is read record by record
 * over the same byte stream (see "WARC" below): each HTML response with
 * status 200 is one record, its id the target URI (as a file's name is the
 * id of a page read from a file: the capture, not the canonical URL, which
 * some sites point at their front page), its url the canonical URL else the
 * target URI, its date the page's else the WARC-Date.  libarchive's WARC
 * reader is not used: it hides the records it skips, drops responses whose
 * URI ends in '/', and stops at WARC/1.1 (docs/dependencies.md).
 *
 * Bad input never stops the reader: a bad line or file is reported once
 * (plx_reader_next returns its code, the message names path and line or
 * byte offset), counted in plx_reader_skipped, and reading goes on.
 * Choices:
 * - A line over max_line_bytes is streamed past: the buffer never grows
 *   beyond max_line_bytes + 1, however long the line.
 * - Invalid UTF-8 in a text file is repaired (U+FFFD), silently: the file is
 *   still an article, and the analyzer would repair it the same way.  In a
 *   JSON string it is an error: jansson rejects the line, as it rejects
 *   \u0000.  A NUL byte in a text file is an error (binary data, not text).
 * - Duplicate JSON keys: the last one wins (jansson's default, as in
 *   Python's json and JavaScript's JSON.parse, which write most such data).
 * - Nesting depth is bounded by cJSON (CJSON_NESTING_LIMIT, 1000) and, on
 *   lines it checks, jansson (JSON_PARSER_MAX_DEPTH, 2048 in 2.14), so a
 *   deep line is an error, not a stack overflow.
 * - cJSON writes a process-wide error pointer on every parse, unread here
 *   (cJSON_GetErrorPtr is never called: the condition under which cJSON's
 *   README calls parsing from several threads safe; a thread sanitizer
 *   would still report the write).
 * - A truncated or corrupt gzip stream ends its file with an error that
 *   says how many records came out of it first (all of them are kept); the
 *   partial line at the cut is dropped.  Bytes after the last member that
 *   are not another member (often zero padding) are ignored, as by gzip.
 * - A gzip stream whose output passes max_gzip_ratio times its input (past
 *   PLX_GZIP_BOMB_FLOOR) is taken for a bomb and its file abandoned.
 * - While walking a directory: hidden entries, symbolic links to
 *   directories (they could loop) and anything but regular files and
 *   directories are skipped; so is a file of unknown extension whose first
 *   bytes hold a NUL or invalid UTF-8 (a binary file).  A path given
 *   explicitly is always read, and reported if it is binary.
 */
#include "reader.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "html.h"
#include "mem.h"
#include "utf8.h"
#include "warc.h"

/* Decoded bytes are read up to this much at a time: big reads keep
 * syscalls and zlib calls few (Reuters, 18 MB, is 18 reads).  The buffer
 * starts at FIRST_CHUNK, so a small file costs a small buffer. */
#define READ_CHUNK  ((size_t)1 << 20)
#define FIRST_CHUNK ((size_t)64 << 10)
/* Compressed input buffer. */
#define ZIN_SIZE ((size_t)64 << 10)
/* Bytes looked at to tell a binary file from text and JSON from text. */
#define SNIFF_BYTES 8192

enum { K_PATH, K_STDIN, K_MEM };
enum { F_TEXT, F_JSONL, F_HTML, F_WARC, F_SNIFF };

typedef struct entry {
	char *path;         /* as given, or directory + "/" + name */
	unsigned char *mem; /* K_MEM: the copied data */
	size_t mem_len;
	int kind;
	int in_dir; /* found by walking a directory */
} entry;

typedef struct entry_list {
	entry *v;
	size_t n, cap, head; /* head: next to take, for the FIFO */
} entry_list;

struct plx_reader {
	plx_limits lim;
	entry_list queue; /* plx_reader_add order */
	entry_list stack; /* directory entries, served first */

	/* The file being read. */
	int open;
	entry cur;
	const char *name; /* cur.path, or its UTF-8 repair (namebuf) */
	plx_buf namebuf;
	int fd, close_fd;
	size_t mem_pos;
	int fmt;
	int raw_eof;    /* no more raw bytes */
	int eof;        /* no more decoded bytes */
	int text_done;  /* F_TEXT: the one record was returned */
	int perr;       /* pending source error, reported once the buffered
			   lines are used up */
	int perr_count; /* its message ends with the file's record count */
	plx_buf pmsg;
	size_t lineno, nrec; /* lines and good records read from this file */
	size_t bom;          /* bytes of byte-order mark skipped */

	/* gzip */
	int gz, z_ready, member_end;
	int gz_resync; /* looking for the next member's magic (WARC) */
	z_stream z;
	unsigned char *zin;
	unsigned long long gz_in, gz_out;
	unsigned long long m_in, m_out; /* the current member */

	/* WARC: decoded offset of data[0], records seen in this file, the
	 * current record's number and offset, copies of its URI and date. */
	unsigned long long base;
	size_t wrec, wnum;
	unsigned long long woff;
	int wdone;
	plx_buf wuri, wdate;
	plx_warc_stats ws;
	int rec_html; /* the last record came from html (plx_reader_html) */

	/* Decoded bytes: data[pos, len) are unread; memchr has already found
	 * no newline in [pos, scan). */
	char *data;
	size_t len, pos, scan, cap;

	/* The current record. */
	plx_record rec;
	cJSON *root;
	plx_html_doc *html; /* F_HTML: the current record's page */
	plx_buf text;       /* repaired text of a text file */
	plx_buf id;

	plx_buf msg;
	size_t count, skipped;
	int defer_json; /* plx_reader_defer_json */

	/* Progress: raw bytes read, and the total size of the queued regular
	 * files; size_unknown once a directory or a stream is queued. */
	unsigned long long bytes_read, bytes_total;
	int size_unknown;
};

static void buf_clear(plx_buf *b)
{
	if (b->rc)
		plx_buf_free(b);
	else
		plx_buf_reset(b);
}

static void *z_alloc(void *opaque, unsigned items, unsigned size)
{
	(void)opaque;
	return plx_calloc(items, size);
}

static void z_free(void *opaque, void *p)
{
	(void)opaque;
	plx_free(p);
}

static void set_msg(plx_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void set_msg(plx_reader *r, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	buf_clear(&r->msg);
	plx_buf_puts(&r->msg, small);
}

/* ---- Queue ------------------------------------------------------------ */

static void entry_free(entry *e)
{
	plx_free(e->path);
	plx_free(e->mem);
	memset(e, 0, sizeof *e);
}

static int list_push(entry_list *l, entry *e)
{
	if (plx_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
		return PLX_ENOMEM;
	l->v[l->n++] = *e;
	return PLX_OK;
}

static void list_free(entry_list *l)
{
	for (size_t i = l->head; i < l->n; i++)
		entry_free(&l->v[i]);
	plx_free(l->v);
	memset(l, 0, sizeof *l);
}

/* Takes the next entry: the directory stack first, then the FIFO. */
static int take(plx_reader *r, entry *e)
{
	if (r->stack.n) {
		*e = r->stack.v[--r->stack.n];
		return 1;
	}
	if (r->queue.head < r->queue.n) {
		*e = r->queue.v[r->queue.head++];
		if (r->queue.head == r->queue.n)
			r->queue.head = r->queue.n = 0;
		return 1;
	}
	return 0;
}

/* ---- Public: setup ---------------------------------------------------- */

/* Neither JSON library always reports a failed allocation as such (cJSON
 * returns NULL for everything, some jansson paths make it a syntax
 * error), so their allocations go through this wrapper, which remembers
 * the failure for the parse that saw it. */
static _Thread_local int json_oom;

static void *json_malloc(size_t size)
{
	void *p = plx_malloc(size);
	if (!p)
		json_oom = 1;
	return p;
}

/* Both libraries allocate through the library's hook like everything
 * else: process-wide settings, made once, before any thread parses
 * (cJSON's thread-safety condition; jansson seeds its hash lazily). */
static pthread_once_t json_hooks_once = PTHREAD_ONCE_INIT;

static void json_hooks(void)
{
	cJSON_Hooks h = {json_malloc, plx_free};
	cJSON_InitHooks(&h);
	json_set_alloc_funcs(json_malloc, plx_free);
	json_object_seed(0);
}

int plx_reader_new(const plx_limits *limits, plx_reader **out)
{
	if (!out)
		return PLX_EINVAL;
	*out = NULL;
	plx_reader *r = plx_calloc(1, sizeof *r);
	if (!r)
		return PLX_ENOMEM;
	if (limits)
		r->lim = *limits;
	else
		plx_limits_default(&r->lim);
	if (!r->lim.max_line_bytes)
		r->lim.max_line_bytes = 1;
	if (!r->lim.max_record_bytes)
		r->lim.max_record_bytes = 1;
	r->fd = -1;
	plx_buf_init(&r->pmsg);
	plx_buf_init(&r->namebuf);
	plx_buf_init(&r->text);
	plx_buf_init(&r->id);
	plx_buf_init(&r->msg);
	plx_buf_init(&r->wuri);
	plx_buf_init(&r->wdate);
	if (!r->lim.max_warc_record_bytes)
		r->lim.max_warc_record_bytes = PLX_HTML_MAX_BYTES;
	pthread_once(&json_hooks_once, json_hooks);
	*out = r;
	return PLX_OK;
}

static int add_entry(plx_reader *r, const char *path, int kind,
		     const void *data, size_t len)
{
	entry e = {0};
	e.kind = kind;
	e.path = plx_strndup(path, strlen(path));
	if (!e.path)
		return PLX_ENOMEM;
	if (kind == K_MEM) {
		e.mem = plx_malloc(len ? len : 1);
		if (!e.mem) {
			entry_free(&e);
			return PLX_ENOMEM;
		}
		if (len)
			memcpy(e.mem, data, len);
		e.mem_len = len;
	}
	if (list_push(&r->queue, &e)) {
		entry_free(&e);
		return PLX_ENOMEM;
	}
	return PLX_OK;
}

int plx_reader_add(plx_reader *r, const char *path)
{
	if (!r || !path || !*path)
		return PLX_EINVAL;
	struct stat st;
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISREG(st.st_mode))
		r->bytes_total += (unsigned long long)st.st_size;
	else
		r->size_unknown = 1; /* a directory, a stream, or missing */
	return add_entry(r, path, strcmp(path, "-") ? K_PATH : K_STDIN, NULL,
			 0);
}

int plx_reader_add_memory(plx_reader *r, const char *name, const void *data,
			  size_t len)
{
	if (!r || !name || !*name || (!data && len))
		return PLX_EINVAL;
	return add_entry(r, name, K_MEM, data, len);
}

const char *plx_reader_errmsg(const plx_reader *r)
{
	return r && r->msg.data && !r->msg.rc ? r->msg.data : "";
}

size_t plx_reader_count(const plx_reader *r)
{
	return r ? r->count : 0;
}
size_t plx_reader_skipped(const plx_reader *r)
{
	return r ? r->skipped : 0;
}

void plx_reader_warc_stats(const plx_reader *r, plx_warc_stats *out)
{
	if (!out)
		return;
	if (r)
		*out = r->ws;
	else
		memset(out, 0, sizeof *out);
}

void plx_reader_progress(const plx_reader *r, uint64_t *done, uint64_t *total)
{
	*done = r->bytes_read;
	*total = r->size_unknown ? 0 : r->bytes_total;
}

/* ---- Names ------------------------------------------------------------ */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Length of the base name without ".gz" (any case). */
static size_t strip_gz(const char *base)
{
	size_t n = strlen(base);
	if (n > 3 && !strncasecmp(base + n - 3, ".gz", 3))
		n -= 3;
	return n;
}

/* Start of the extension in base[0, n), or n if none (a leading dot is a
 * hidden file's name, not an extension). */
static size_t ext_start(const char *base, size_t n)
{
	for (size_t i = n; i > 1; i--)
		if (base[i - 1] == '.')
			return i - 1;
	return n;
}

static int format_of(const char *path)
{
	const char *base = base_name(path);
	size_t n = strip_gz(base);
	size_t e = ext_start(base, n);
	if (e == n) /* "data.gz" says nothing of what it holds */
		return n < strlen(base) ? F_SNIFF : F_TEXT;
	const char *x = base + e + 1;
	size_t xn = n - e - 1;
	static const char *const jsonl[] = {"jsonl", "ndjson", "json"};
	static const char *const text[] = {"txt", "text"};
	static const char *const html[] = {"html", "htm"};
	if (xn == 4 && !strncasecmp(x, "warc", 4))
		return F_WARC;
	for (size_t i = 0; i < 3; i++)
		if (strlen(jsonl[i]) == xn && !strncasecmp(x, jsonl[i], xn))
			return F_JSONL;
	for (size_t i = 0; i < 2; i++)
		if (strlen(html[i]) == xn && !strncasecmp(x, html[i], xn))
			return F_HTML;
	for (size_t i = 0; i < 2; i++)
		if (strlen(text[i]) == xn && !strncasecmp(x, text[i], xn))
			return F_TEXT;
	return F_SNIFF;
}

/* ---- Raw and decoded bytes -------------------------------------------- */

static void src_error(plx_reader *r, int code, int with_count, const char *fmt,
		      ...) __attribute__((format(printf, 4, 5)));
static void src_error(plx_reader *r, int code, int with_count, const char *fmt,
		      ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	buf_clear(&r->pmsg);
	plx_buf_puts(&r->pmsg, small);
	r->perr = code;
	r->perr_count = with_count;
	r->eof = 1;
}

/* Reads up to cap raw bytes; 0 at the end, -1 on error (errno set). */
static long raw_read(plx_reader *r, void *dst, size_t cap)
{
	if (r->cur.kind == K_MEM) {
		size_t n = r->cur.mem_len - r->mem_pos;
		if (n > cap)
			n = cap;
		memcpy(dst, r->cur.mem + r->mem_pos, n);
		r->mem_pos += n;
		return (long)n;
	}
	for (;;) {
		ssize_t n = read(r->fd, dst, cap);
		if (n > 0)
			r->bytes_read += (unsigned long long)n;
		if (n >= 0 || errno != EINTR)
			return (long)n;
	}
}

/* Moves the unread compressed bytes to the front of zin and reads more. */
static int zin_more(plx_reader *r)
{
	if (r->z.avail_in && r->z.next_in != r->zin)
		memmove(r->zin, r->z.next_in, r->z.avail_in);
	r->z.next_in = r->zin;
	long n = raw_read(r, r->zin + r->z.avail_in, ZIN_SIZE - r->z.avail_in);
	if (n < 0) {
		src_error(r, PLX_EIO, 0, "read error: %s", strerror(errno));
		return -1;
	}
	if (n == 0)
		r->raw_eof = 1;
	r->z.avail_in += (unsigned)n;
	return 0;
}

static int is_gzip_magic(const unsigned char *p)
{
	return p[0] == 0x1f && p[1] == 0x8b;
}

/* Inflates into data[len, cap) until some output comes, the end or an
 * error. */
static void fill_gz(plx_reader *r)
{
	for (;;) {
		if (r->z.avail_in == 0 && !r->raw_eof && zin_more(r))
			return;
		if (r->gz_resync) {
			/* After a damaged member of a .warc.gz: the next
			 * member starts at the next gzip magic (1f 8b 08). */
			const unsigned char *p = r->z.next_in;
			size_t n = r->z.avail_in, i = 0;
			while (i + 3 <= n &&
			       !(p[i] == 0x1f && p[i + 1] == 0x8b &&
				 p[i + 2] == 8))
				i++;
			if (i + 3 > n) {
				size_t keep = n < 2 ? n : 2;
				r->z.next_in += n - keep;
				r->z.avail_in = (unsigned)keep;
				if (r->raw_eof) {
					r->eof = 1;
					return;
				}
				if (zin_more(r))
					return;
				continue;
			}
			r->z.next_in += i;
			r->z.avail_in -= (unsigned)i;
			r->gz_resync = 0;
			r->member_end = 1; /* starts it below */
		}
		if (r->member_end) {
			if (r->z.avail_in < 2 && !r->raw_eof) {
				if (zin_more(r))
					return;
				continue;
			}
			if (r->z.avail_in < 2 || !is_gzip_magic(r->z.next_in)) {
				r->eof = 1; /* the end, or trailing garbage */
				return;
			}
			if (inflateReset(&r->z) != Z_OK) {
				src_error(r, PLX_EFORMAT, 1,
					  "corrupt gzip data");
				return;
			}
			r->member_end = 0;
			r->m_in = r->m_out = 0;
		}
		size_t room = r->cap - r->len;
		unsigned in0 = r->z.avail_in;
		r->z.next_out = (unsigned char *)r->data + r->len;
		r->z.avail_out =
			room > (unsigned)-1 ? (unsigned)-1 : (unsigned)room;
		unsigned out0 = r->z.avail_out;
		int zr = inflate(&r->z, Z_NO_FLUSH);
		size_t got = out0 - r->z.avail_out;
		r->len += got;
		r->gz_in += in0 - r->z.avail_in;
		r->gz_out += got;
		r->m_in += in0 - r->z.avail_in;
		r->m_out += got;
		if (zr == Z_STREAM_END) {
			r->member_end = 1;
		} else if (zr == Z_MEM_ERROR) {
			src_error(r, PLX_ENOMEM, 0, "out of memory");
			return;
		} else if (zr == Z_DATA_ERROR || zr == Z_NEED_DICT ||
			   zr == Z_STREAM_ERROR) {
			src_error(r, PLX_EFORMAT, 1, "corrupt gzip data (%s)",
				  r->z.msg ? r->z.msg : "bad stream");
			return;
		} else if (!got && in0 == r->z.avail_in) {
			if (r->z.avail_in == 0 && r->raw_eof) {
				src_error(r, PLX_EFORMAT, 1,
					  "truncated gzip data");
				return;
			}
			if (r->z.avail_in) { /* no progress: not expected */
				src_error(r, PLX_EFORMAT, 1,
					  "corrupt gzip data (stalled)");
				return;
			}
		}
		/* A .warc.gz is a member per record: each is judged alone,
		 * so one bomb among many good records cannot hide. */
		unsigned long long zi = r->fmt == F_WARC ? r->m_in : r->gz_in;
		unsigned long long zo = r->fmt == F_WARC ? r->m_out : r->gz_out;
		if (zo > PLX_GZIP_BOMB_FLOOR && r->lim.max_gzip_ratio &&
		    zo / (zi ? zi : 1) > r->lim.max_gzip_ratio) {
			src_error(r, PLX_ETOOBIG, 1,
				  "gzip data expands over %zu times "
				  "(decompression bomb?), stopped",
				  r->lim.max_gzip_ratio);
			return;
		}
		if (got)
			return;
	}
}

/* Reads more decoded bytes into data[len, cap) (which must have room). */
static void fill(plx_reader *r)
{
	if (r->eof)
		return;
	if (r->gz) {
		fill_gz(r);
		return;
	}
	long n = raw_read(r, r->data + r->len, r->cap - r->len);
	if (n < 0)
		src_error(r, PLX_EIO, 0, "read error: %s", strerror(errno));
	else if (n == 0)
		r->eof = 1;
	else
		r->len += (size_t)n;
}

/* Makes room for more bytes: drops the consumed ones, then grows the
 * buffer: up to READ_CHUNK while it is half full (big reads), and when it
 * is full up to max (a limit plus one, to see it passed).  Returns 0 when
 * there is room, 1 when the buffer is full at max, or PLX_ENOMEM. */
static int make_room(plx_reader *r, size_t max)
{
	if (r->pos) {
		memmove(r->data, r->data + r->pos, r->len - r->pos);
		r->base += r->pos;
		r->len -= r->pos;
		r->scan = r->scan > r->pos ? r->scan - r->pos : 0;
		r->pos = 0;
	}
	size_t ncap = r->cap;
	if (r->len == r->cap) {
		if (r->cap >= max)
			return 1;
		ncap = r->cap * 2 < max ? r->cap * 2 : max;
	} else if (r->cap - r->len < r->cap / 2 && r->cap < READ_CHUNK) {
		ncap = r->cap * 2;
	}
	if (ncap == r->cap)
		return 0;
	char *p = plx_realloc(r->data, ncap + 1); /* + 1 for a NUL */
	if (!p)
		return PLX_ENOMEM;
	r->data = p;
	r->cap = ncap;
	return 0;
}

/* ---- Files ------------------------------------------------------------ */

static void close_file(plx_reader *r)
{
	if (!r->open)
		return;
	if (r->close_fd && r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	r->close_fd = 0;
	if (r->z_ready)
		inflateEnd(&r->z);
	r->z_ready = 0;
	entry_free(&r->cur);
	r->open = 0;
}

/* Whether p[0, n) looks binary: a NUL, or invalid UTF-8 before the last
 * three bytes (which may be a character cut by the sniff window). */
static int looks_binary(const char *p, size_t n)
{
	if (memchr(p, 0, n))
		return 1;
	size_t bad = plx_utf8_invalid(p, n);
	return bad < n && bad + 3 < n;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Whether p[0, n) (leading space skipped) starts an HTML page. */
static int looks_html(const char *p, size_t n)
{
	static const char *const starts[] = {"<!doctype html", "<html"};
	for (size_t i = 0; i < 2; i++) {
		size_t m = strlen(starts[i]);
		if (n > m && !strncasecmp(p, starts[i], m) &&
		    (is_space(p[m]) || p[m] == '>'))
			return 1;
	}
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Pushes a directory's entries on the stack (first name on top). */
static int expand_dir(plx_reader *r, const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		set_msg(r, "%s: %s", r->name, strerror(errno));
		return PLX_EIO;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = PLX_OK;
	struct dirent *de;
	errno = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char *s = plx_strndup(de->d_name, strlen(de->d_name));
		if (!s ||
		    plx_grow((void **)&names, &cap, n + 1, sizeof *names)) {
			plx_free(s);
			rc = PLX_ENOMEM;
			break;
		}
		names[n++] = s;
		errno = 0;
	}
	if (!rc && errno) {
		set_msg(r, "%s: %s", r->name, strerror(errno));
		rc = PLX_EIO;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	size_t plen = strlen(path);
	int slash = plen && path[plen - 1] == '/';
	for (size_t i = n; i-- > 0 && !rc;) {
		size_t nlen = strlen(names[i]);
		entry e = {0};
		e.kind = K_PATH;
		e.in_dir = 1;
		e.path = plx_malloc(plen + nlen + 2);
		if (!e.path) {
			rc = PLX_ENOMEM;
			break;
		}
		memcpy(e.path, path, plen);
		if (!slash)
			e.path[plen] = '/';
		memcpy(e.path + plen + !slash, names[i], nlen + 1);
		struct stat st;
		int keep = 0;
		if (lstat(e.path, &st) == 0) {
			if (S_ISLNK(st.st_mode) && stat(e.path, &st) == 0)
				keep = S_ISREG(st.st_mode); /* no linked dirs */
			else
				keep = S_ISREG(st.st_mode) ||
				       S_ISDIR(st.st_mode);
		}
		if (!keep || list_push(&r->stack, &e)) {
			if (keep)
				rc = PLX_ENOMEM;
			entry_free(&e);
		}
	}
	for (size_t i = 0; i < n; i++)
		plx_free(names[i]);
	plx_free(names);
	if (rc == PLX_ENOMEM)
		set_msg(r, "%s: out of memory", r->name);
	return rc;
}

/* Opens the entry e (taking it): a directory is expanded, a file opened
 * and its format found.  Returns PLX_OK (r->open says whether a file is
 * open) or an error with the message set. */
static int open_entry(plx_reader *r, entry *e)
{
	r->cur = *e;
	memset(e, 0, sizeof *e);
	r->open = 1;
	r->fd = -1;
	r->close_fd = 0;
	r->mem_pos = 0;
	r->raw_eof = r->eof = r->text_done = 0;
	r->perr = r->perr_count = 0;
	r->lineno = r->nrec = 0;
	r->gz = r->z_ready = r->member_end = r->gz_resync = 0;
	r->gz_in = r->gz_out = r->m_in = r->m_out = 0;
	r->len = r->pos = r->scan = 0;
	r->base = 0;
	r->wrec = r->wnum = 0;
	r->woff = 0;
	r->wdone = 0;

	const char *path = r->cur.path;
	/* Paths are bytes; records and messages carry valid UTF-8. */
	size_t plen = strlen(path);
	r->name = path;
	if (plx_utf8_invalid(path, plen) < plen) {
		buf_clear(&r->namebuf);
		plx_utf8_repair(&r->namebuf, path, plen);
		if (r->namebuf.rc) {
			set_msg(r, "out of memory");
			close_file(r);
			return PLX_ENOMEM;
		}
		r->name = r->namebuf.data;
	}
	if (r->cur.kind == K_STDIN) {
		r->fd = 0;
	} else if (r->cur.kind == K_PATH) {
		struct stat st;
		if (stat(path, &st) != 0) {
			set_msg(r, "%s: %s", r->name, strerror(errno));
			close_file(r);
			return PLX_EIO;
		}
		if (S_ISDIR(st.st_mode)) {
			int rc = expand_dir(r, path);
			close_file(r);
			return rc;
		}
		r->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (r->fd < 0) {
			set_msg(r, "%s: %s", r->name, strerror(errno));
			close_file(r);
			return PLX_EIO;
		}
		r->close_fd = 1;
	}
	if (!r->data) {
		r->data = plx_malloc(FIRST_CHUNK + 1);
		if (!r->data)
			goto oom;
		r->cap = FIRST_CHUNK;
	}
	if (!r->zin && !(r->zin = plx_malloc(ZIN_SIZE)))
		goto oom;

	/* Gzip or not: the first two raw bytes say. */
	memset(&r->z, 0, sizeof r->z);
	r->z.next_in = r->zin;
	while (r->z.avail_in < 2 && !r->raw_eof)
		if (zin_more(r))
			break;
	if (!r->perr && r->z.avail_in >= 2 && is_gzip_magic(r->zin)) {
		r->z.zalloc = z_alloc;
		r->z.zfree = z_free;
		if (inflateInit2(&r->z, 15 + 16) != Z_OK)
			goto oom;
		r->z_ready = 1;
		r->gz = 1;
	} else {
		memcpy(r->data, r->zin, r->z.avail_in);
		r->len = r->z.avail_in;
		r->z.avail_in = 0;
		if (r->raw_eof)
			r->eof = 1;
	}
	r->fmt = F_TEXT;
	if (r->perr)
		return PLX_OK; /* reported by the first next */

	/* The first bytes: a byte-order mark is dropped; they tell the format
	 * when the name does not. */
	while (r->len < SNIFF_BYTES && !r->eof)
		fill(r);
	r->bom = 0;
	if (r->len >= 3 && !memcmp(r->data, "\xEF\xBB\xBF", 3))
		r->pos = r->scan = r->bom = 3;
	r->fmt = r->cur.kind == K_STDIN ? F_SNIFF : format_of(path);
	if (r->fmt == F_SNIFF) {
		size_t n = r->len - r->pos;
		const char *p = r->data + r->pos;
		if (n > SNIFF_BYTES)
			n = SNIFF_BYTES;
		if (n >= 7 && !memcmp(p, "WARC/1.", 7)) {
			r->fmt = F_WARC; /* payloads may be binary */
			return PLX_OK;
		}
		if (r->cur.kind != K_STDIN && looks_binary(p, n)) {
			if (r->cur.in_dir) {
				close_file(r);
				return PLX_OK;
			}
			set_msg(r, "%s: binary data, not text or JSON Lines",
				r->name);
			close_file(r);
			return PLX_EFORMAT;
		}
		size_t i = 0;
		while (i < n && is_space(p[i]))
			i++;
		r->fmt = i < n && p[i] == '{'       ? F_JSONL
			 : looks_html(p + i, n - i) ? F_HTML
						    : F_TEXT;
	}
	return PLX_OK;
oom:
	set_msg(r, "%s: out of memory", r->name);
	close_file(r);
	return PLX_ENOMEM;
}

/* Reports the pending source error of the open file. */
static int report_src_error(plx_reader *r)
{
	const char *m = r->pmsg.data && !r->pmsg.rc ? r->pmsg.data : "error";
	if (r->perr_count)
		set_msg(r, "%s: %s after %zu record%s", r->name, m, r->nrec,
			r->nrec == 1 ? "" : "s");
	else
		set_msg(r, "%s: %s", r->name, m);
	int rc = r->perr;
	r->perr = 0;
	r->pos = r->len = r->scan = 0;
	return rc;
}

/* ---- Text files ------------------------------------------------------- */

/* Names a one-file record: its path, and the file name without its
 * extensions as id.  Returns 1 (a record) or PLX_ENOMEM. */
static int name_record(plx_reader *r, plx_record *rec)
{
	const char *base = base_name(r->name);
	size_t bn = ext_start(base, strip_gz(base));
	buf_clear(&r->id);
	plx_buf_put(&r->id, base, bn);
	if (r->id.rc) {
		set_msg(r, "%s: out of memory", r->name);
		return PLX_ENOMEM;
	}
	rec->path = r->name;
	rec->id = r->id.data;
	return 1;
}

/* Buffers the rest of a one-record file, up to max + 1 bytes (one more
 * than allowed tells the caller it is too long).  Returns 0, PLX_ENOMEM or
 * the source's pending error. */
static int read_whole(plx_reader *r, size_t max)
{
	while (r->len - r->pos <= max && !r->eof) {
		int room = make_room(r, max + 1);
		if (room < 0) {
			set_msg(r, "%s: out of memory", r->name);
			return PLX_ENOMEM;
		}
		if (room > 0)
			break;
		fill(r);
	}
	return r->perr ? report_src_error(r) : 0;
}

static int next_text(plx_reader *r)
{
	if (r->text_done)
		return 0;
	r->text_done = 1;
	size_t max = r->lim.max_record_bytes;
	int rc = read_whole(r, max);
	if (rc)
		return rc;
	const char *p = r->data + r->pos;
	size_t n = r->len - r->pos;
	if (n > max) {
		set_msg(r, "%s: text longer than %zu bytes", r->name, max);
		return PLX_ETOOBIG;
	}
	const char *nul = memchr(p, 0, n);
	if (nul) {
		set_msg(r, "%s: NUL byte at offset %zu", r->name,
			(size_t)(nul - p) + r->bom);
		return PLX_ENUL;
	}
	size_t i = 0;
	while (i < n && is_space(p[i]))
		i++;
	if (i == n) {
		set_msg(r, "%s: empty text", r->name);
		return PLX_EEMPTY;
	}

	plx_record *rec = &r->rec;
	memset(rec, 0, sizeof *rec);
	if (plx_utf8_invalid(p, n) < n) {
		buf_clear(&r->text);
		plx_utf8_repair(&r->text, p, n);
		if (r->text.rc) {
			set_msg(r, "%s: out of memory", r->name);
			return PLX_ENOMEM;
		}
		/* U+FFFD takes up to three bytes where one bad byte was */
		if (r->text.len > max) {
			set_msg(r,
				"%s: text longer than %zu bytes once repaired",
				r->name, max);
			return PLX_ETOOBIG;
		}
		rec->text = r->text.data;
		rec->text_len = r->text.len;
	} else {
		r->data[r->len] = 0; /* the buffer keeps a byte for it */
		rec->text = p;
		rec->text_len = n;
	}
	return name_record(r, rec);
}

/* ---- HTML pages ------------------------------------------------------- */

/* The whole page (up to PLX_HTML_MAX_BYTES) through plx_html_extract. */
static int next_html(plx_reader *r)
{
	if (r->text_done)
		return 0;
	r->text_done = 1;
	size_t max = PLX_HTML_MAX_BYTES;
	int rc = read_whole(r, max);
	if (rc)
		return rc;
	const char *p = r->data + r->pos;
	size_t n = r->len - r->pos;
	if (n > max) {
		set_msg(r, "%s: HTML page longer than %zu bytes", r->name, max);
		return PLX_ETOOBIG;
	}
	plx_html_doc_free(r->html);
	r->html = NULL;
	rc = plx_html_extract(p, n, NULL, &r->html);
	if (rc) {
		set_msg(r, "%s: %s", r->name,
			rc == PLX_EEMPTY ? "no article text in the HTML page"
			: rc == PLX_ETOOBIG
				? "HTML page over the extractor's limits"
			: rc == PLX_ENOMEM ? "out of memory"
					   : "unreadable HTML page");
		return rc;
	}
	if (r->html->text_len > r->lim.max_record_bytes) {
		set_msg(r, "%s: article text longer than %zu bytes", r->name,
			r->lim.max_record_bytes);
		return PLX_ETOOBIG;
	}
	plx_record *rec = &r->rec;
	plx_html_record(r->html, rec);
	r->rec_html = 1;
	return name_record(r, rec);
}

/* ---- WARC ------------------------------------------------------------- */

/* WARC files are read record by record: the header (up to
 * PLX_WARC_MAX_HEADER) is buffered, then a record that is not an HTML
 * response is streamed past, and an HTML response's block (up to
 * max_warc_record_bytes) is buffered and given to the extractor.  A
 * damaged stretch (garbage, a header without Content-Length, a damaged
 * gzip member) is reported once, then reading resumes at the next line
 * starting "WARC/1." (and, in a .warc.gz, at the next gzip member). */

/* Reports a bad WARC record: the message names the file, the record's
 * number in the file and the offset of its start in the decoded data. */
static int warc_bad(plx_reader *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int warc_bad(plx_reader *r, int code, const char *fmt, ...)
{
	char small[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	set_msg(r, "%s: WARC record %zu (offset %llu): %s", r->name, r->wnum,
		r->woff, small);
	r->ws.bad++;
	return code;
}

/* Drops the buffered bytes, keeping the decoded offset right. */
static void warc_drop(plx_reader *r)
{
	r->base += r->len;
	r->pos = r->len = r->scan = 0;
}

/* Buffers data[pos, pos + need), or what the file has; returns 0 when
 * all of it is there, 1 when the data ends first, PLX_ENOMEM. */
static int warc_need(plx_reader *r, size_t need)
{
	while (r->len - r->pos < need && !r->eof) {
		int room = make_room(r, need);
		if (room < 0)
			return PLX_ENOMEM;
		if (room > 0)
			break;
		fill(r);
	}
	return r->len - r->pos >= need ? 0 : 1;
}

/* Streams past n bytes; returns 0, or 1 when the data ends first. */
static int warc_skip(plx_reader *r, unsigned long long n)
{
	for (;;) {
		size_t have = r->len - r->pos;
		if (n <= have) {
			r->pos += (size_t)n;
			return 0;
		}
		n -= have;
		warc_drop(r);
		if (r->eof)
			return 1;
		if (make_room(r, READ_CHUNK) < 0)
			return 1; /* cannot happen: the buffer is empty */
		fill(r);
	}
}

/* Moves to the next line starting "WARC/1." after the current position,
 * streaming; at the end of the data, to the end. */
static void warc_resync(plx_reader *r)
{
	if (r->pos < r->len)
		r->pos++;
	for (;;) {
		const char *p = r->data + r->pos;
		size_t n = r->len - r->pos;
		for (const char *q = p;
		     (q = memchr(q, '\n', n - (size_t)(q - p))); q++) {
			size_t left = n - (size_t)(q + 1 - p);
			if (left < 7) {
				/* Maybe cut: keep the tail and read on. */
				r->pos = (size_t)(q - r->data);
				goto more;
			}
			if (!memcmp(q + 1, "WARC/1.", 7)) {
				r->pos = (size_t)(q + 1 - r->data);
				return;
			}
		}
		r->pos = r->len;
	more:
		if (r->eof) {
			r->pos = r->len;
			return;
		}
		if (make_room(r, READ_CHUNK) < 0)
			return;
		if (r->len == r->cap) { /* a long tail: cannot be */
			r->pos = r->len;
			continue;
		}
		fill(r);
	}
}

/* The pending source error (read error, damaged gzip, bomb), reported
 * with the record it hit; a .warc.gz goes on at its next gzip member. */
static int warc_src_error(plx_reader *r)
{
	const char *m = r->pmsg.data && !r->pmsg.rc ? r->pmsg.data : "error";
	int rc = warc_bad(r, r->perr, "%s; %zu record%s read before", m,
			  r->nrec, r->nrec == 1 ? "" : "s");
	r->perr = 0;
	warc_drop(r);
	if (r->gz && r->z_ready && rc != PLX_ENOMEM && rc != PLX_EIO) {
		r->eof = 0;
		r->gz_resync = 1;
	} else {
		r->wdone = 1;
	}
	return rc;
}

/* Copies s[0, n) as valid UTF-8 into b; returns b's string or NULL. */
static const char *warc_copy(plx_buf *b, const char *s, size_t n)
{
	buf_clear(b);
	if (!s)
		return NULL;
	plx_utf8_repair(b, s, n);
	plx_buf_putc(b, 0);
	return b->rc ? NULL : b->data;
}

/* Undoes a gzip or deflate Content-Encoding of p[0, n) into r->text, up to
 * PLX_HTML_MAX_BYTES + 1 bytes and the gzip ratio limit.  Returns 0,
 * PLX_ETOOBIG, PLX_EFORMAT or PLX_ENOMEM. */
static int warc_inflate(plx_reader *r, const char *p, size_t n, int raw)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	z.zalloc = z_alloc;
	z.zfree = z_free;
	if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK)
		return PLX_ENOMEM;
	buf_clear(&r->text);
	z.next_in = (unsigned char *)p;
	z.avail_in = n > (unsigned)-1 ? (unsigned)-1 : (unsigned)n;
	int rc = 0;
	for (;;) {
		char out[16384];
		z.next_out = (unsigned char *)out;
		z.avail_out = sizeof out;
		int zr = inflate(&z, Z_NO_FLUSH);
		size_t got = sizeof out - z.avail_out;
		plx_buf_put(&r->text, out, got);
		if (r->text.rc) {
			rc = PLX_ENOMEM;
			break;
		}
		if (r->text.len > PLX_HTML_MAX_BYTES ||
		    (r->text.len > PLX_GZIP_BOMB_FLOOR &&
		     r->lim.max_gzip_ratio &&
		     r->text.len / (z.total_in ? z.total_in : 1) >
			     r->lim.max_gzip_ratio)) {
			rc = PLX_ETOOBIG;
			break;
		}
		if (zr == Z_STREAM_END)
			break;
		if (zr == Z_MEM_ERROR) {
			rc = PLX_ENOMEM;
			break;
		}
		if (zr != Z_OK && !(zr == Z_BUF_ERROR && got)) {
			rc = PLX_EFORMAT; /* damaged, or cut: keep what came */
			if (r->text.len)
				rc = 0;
			break;
		}
	}
	inflateEnd(&z);
	return rc;
}

/* A response record's block p[0, n): the record, 0 when it is skipped
 * (counted), or an error. */
static int warc_page(plx_reader *r, char *p, size_t n, const char *uri)
{
	plx_http_head h;
	int hr = plx_http_parse(p, n, &h);
	if (hr == -2)
		return warc_bad(r, PLX_EFORMAT, "HTTP head without an end");
	if (hr < 0 || h.status == 304) {
		r->ws.not_html++; /* DNS answers, FTP files... */
		return 0;
	}
	if (h.status != 200) {
		r->ws.not_ok++;
		return 0;
	}
	char *body = p + h.body;
	size_t bn = n - h.body;
	if (h.ctype ? !plx_http_is_html(h.ctype, h.ctype_len)
		    : !looks_html(body, bn < SNIFF_BYTES ? bn : SNIFF_BYTES)) {
		r->ws.not_html++;
		return 0;
	}
	r->ws.pages++;
	if (h.chunked) {
		size_t part = 0, dn = plx_http_dechunk(body, bn, &part);
		/* Archivers that undo the chunking may keep the header: a
		 * payload that is not chunks at all is taken as it is. */
		if (dn != (size_t)-1 || part)
			bn = part;
	}
	int gz = h.cenc &&
		 ((h.cenc_len == 4 && !strncasecmp(h.cenc, "gzip", 4)) ||
		  (h.cenc_len == 6 && !strncasecmp(h.cenc, "x-gzip", 6)));
	int defl =
		h.cenc && h.cenc_len == 7 && !strncasecmp(h.cenc, "deflate", 7);
	if (h.cenc && !gz && !defl &&
	    !(h.cenc_len == 8 && !strncasecmp(h.cenc, "identity", 8)))
		return warc_bad(r, PLX_EFORMAT,
				"%s: Content-Encoding %.*s not supported", uri,
				(int)(h.cenc_len > 40 ? 40 : h.cenc_len),
				h.cenc);
	/* Archivers that decode the payload may keep the header: only a
	 * payload that starts like one is decoded. */
	const unsigned char *u = (const unsigned char *)body;
	if ((gz && bn >= 2 && u[0] == 0x1f && u[1] == 0x8b) ||
	    (defl && bn >= 1 && !looks_html(body, bn))) {
		int zrc = warc_inflate(r, body, bn, 0);
		if (zrc == PLX_EFORMAT && defl)
			zrc = warc_inflate(r, body, bn, 1); /* raw deflate */
		if (zrc == PLX_ENOMEM) {
			set_msg(r, "%s: out of memory", r->name);
			return zrc;
		}
		if (zrc)
			return warc_bad(r, zrc, "%s: %s", uri ? uri : "?",
					zrc == PLX_ETOOBIG
						? "Content-Encoding expands "
						  "past the page limits"
						: "damaged Content-Encoding");
		body = r->text.data;
		bn = r->text.len;
	}
	char cs[40];
	const char *charset =
		h.ctype ? plx_http_charset(h.ctype, h.ctype_len, cs) : NULL;
	plx_html_doc_free(r->html);
	r->html = NULL;
	int rc = plx_html_extract_charset(body, bn, uri, charset, &r->html);
	if (rc == PLX_ENOMEM) {
		set_msg(r, "%s: out of memory", r->name);
		return rc;
	}
	if (rc)
		return warc_bad(r, rc, "%s: %s", uri ? uri : "no target URI",
				rc == PLX_EEMPTY ? "no article text in the page"
				: rc == PLX_ETOOBIG
					? "page over the extractor's limits"
					: "unreadable HTML page");
	if (r->html->text_len > r->lim.max_record_bytes)
		return warc_bad(r, PLX_ETOOBIG,
				"%s: article text longer than %zu bytes", uri,
				r->lim.max_record_bytes);
	plx_record *rec = &r->rec;
	plx_html_record(r->html, rec);
	rec->path = r->name;
	if (!rec->date)
		rec->date = r->wdate.len && !r->wdate.rc ? r->wdate.data : NULL;
	/* The id names the capture, as a file name does for a page read from
	 * a file: its target URI.  Not the canonical URL (rec->url), which
	 * some sites point at their home page for every article. */
	rec->id = uri;
	if (!rec->id) {
		buf_clear(&r->id);
		plx_buf_printf(&r->id, "%s#%zu", r->name, r->wnum);
		if (r->id.rc) {
			set_msg(r, "%s: out of memory", r->name);
			return PLX_ENOMEM;
		}
		rec->id = r->id.data;
	}
	r->rec_html = 1;
	return 1;
}

static int next_warc(plx_reader *r)
{
	for (;;) {
		if (r->wdone)
			return 0;
		/* Line ends between records (each block is followed by two). */
		for (;;) {
			while (r->pos < r->len && (r->data[r->pos] == '\r' ||
						   r->data[r->pos] == '\n'))
				r->pos++;
			if (r->pos < r->len || r->eof)
				break;
			warc_drop(r);
			if (make_room(r, READ_CHUNK) < 0)
				break;
			fill(r);
		}
		r->woff = r->base + r->pos;
		if (r->pos == r->len) {
			if (r->perr) {
				r->wnum = r->wrec + 1;
				return warc_src_error(r);
			}
			return 0;
		}
		r->wnum = ++r->wrec;
		/* The header, up to its blank line. */
		size_t hend = 0, from = r->pos;
		for (;;) {
			const char *p = r->data + r->pos;
			size_t n = r->len - r->pos;
			if (n >= 5 && memcmp(p, "WARC/", 5) != 0) {
				warc_resync(r);
				return warc_bad(r, PLX_EFORMAT,
						"not a WARC record; skipped to "
						"the next one");
			}
			for (size_t i = from - r->pos; i < n; i++) {
				if (p[i] != '\n')
					continue;
				if (i + 1 < n && p[i + 1] == '\n') {
					hend = i + 2;
					break;
				}
				if (i + 2 < n && p[i + 1] == '\r' &&
				    p[i + 2] == '\n') {
					hend = i + 3;
					break;
				}
			}
			if (hend > PLX_WARC_MAX_HEADER)
				n = hend; /* too long, found in a big read */
			else if (hend)
				break;
			from = r->len > 2 ? r->len - 2 : 0;
			if (from < r->pos)
				from = r->pos;
			if (n > PLX_WARC_MAX_HEADER) {
				warc_resync(r);
				return warc_bad(r, PLX_EFORMAT,
						"header longer than %zu bytes; "
						"skipped to the next record",
						PLX_WARC_MAX_HEADER);
			}
			size_t off = from - r->pos;
			int rc = warc_need(r, n + 1);
			from = r->pos + off;
			if (rc == PLX_ENOMEM)
				goto oom;
			if (rc) {
				if (r->perr)
					return warc_src_error(r);
				r->wdone = 1;
				return warc_bad(r, PLX_EFORMAT,
						"truncated header");
			}
		}
		const char *h = r->data + r->pos;
		size_t vn;
		const char *v = plx_warc_field(h, hend, "Content-Length", &vn);
		unsigned long long clen;
		if (plx_warc_length(v, vn, &clen)) {
			warc_resync(r);
			return warc_bad(r, PLX_EFORMAT,
					"no valid Content-Length; skipped to "
					"the next record");
		}
		v = plx_warc_field(h, hend, "WARC-Type", &vn);
		int response = v && vn == 8 && !strncasecmp(v, "response", 8);
		size_t un = 0, dn = 0;
		const char *u = plx_warc_field(h, hend, "WARC-Target-URI", &un);
		if (u && un > 1 && u[0] == '<' && u[un - 1] == '>')
			u++, un -= 2; /* WARC 1.0's example wrote <uri> */
		const char *d = plx_warc_field(h, hend, "WARC-Date", &dn);
		if (response) {
			if ((u && !warc_copy(&r->wuri, u, un)) ||
			    (d && !warc_copy(&r->wdate, d, dn)))
				goto oom;
			if (!u)
				buf_clear(&r->wuri);
			if (!d)
				buf_clear(&r->wdate);
		}
		r->pos += hend;
		r->ws.records++;
		if (!response || clen > r->lim.max_warc_record_bytes) {
			if (!response)
				r->ws.not_response++;
			if (warc_skip(r, clen)) {
				if (r->perr)
					return warc_src_error(r);
				r->wdone = 1;
				return warc_bad(
					r, PLX_EFORMAT,
					"truncated: the file ends inside "
					"the record's %llu bytes",
					clen);
			}
			if (response)
				return warc_bad(
					r, PLX_ETOOBIG,
					"%s: record of %llu bytes over the "
					"%zu-byte limit, skipped",
					r->wuri.len ? r->wuri.data : "?", clen,
					r->lim.max_warc_record_bytes);
			continue;
		}
		int rc = warc_need(r, (size_t)clen);
		if (rc == PLX_ENOMEM)
			goto oom;
		if (rc) {
			if (r->perr)
				return warc_src_error(r);
			r->wdone = 1;
			return warc_bad(r, PLX_EFORMAT,
					"truncated: the file ends inside the "
					"record's %llu bytes",
					clen);
		}
		char *p = r->data + r->pos;
		r->pos += (size_t)clen;
		rc = warc_page(r, p, (size_t)clen,
			       r->wuri.len ? r->wuri.data : NULL);
		if (rc)
			return rc;
	}
oom:
	set_msg(r, "%s: out of memory", r->name);
	return PLX_ENOMEM;
}

/* ---- JSON Lines ------------------------------------------------------- */

/* Next line into *line, *n (without its newline).  Returns 1, 0 at the end
 * of the file, or an error for an over-long line or a source error. */
static int next_line(plx_reader *r, const char **line, size_t *n)
{
	size_t max = r->lim.max_line_bytes;
	for (;;) {
		char *nl = r->scan < r->len ? memchr(r->data + r->scan, '\n',
						     r->len - r->scan)
					    : NULL;
		if (nl) {
			*line = r->data + r->pos;
			*n = (size_t)(nl - *line);
			r->pos = r->scan = (size_t)(nl - r->data) + 1;
			r->lineno++;
			if (*n > max)
				goto too_long;
			return 1;
		}
		r->scan = r->len;
		if (r->eof) {
			if (r->perr)
				return report_src_error(r);
			if (r->pos == r->len)
				return 0;
			*line = r->data + r->pos;
			*n = r->len - r->pos;
			r->pos = r->scan = r->len;
			r->lineno++;
			if (*n > max)
				goto too_long;
			return 1;
		}
		int room = make_room(r, max + 1);
		if (room < 0) {
			set_msg(r, "%s:%zu: out of memory", r->name,
				r->lineno + 1);
			return PLX_ENOMEM;
		}
		if (room > 0) {
			/* Over the limit: stream to the next newline. */
			r->lineno++;
			for (;;) {
				r->pos = r->len = r->scan = 0;
				fill(r);
				nl = memchr(r->data, '\n', r->len);
				if (nl) {
					r->pos = r->scan =
						(size_t)(nl - r->data) + 1;
					break;
				}
				if (r->eof)
					break;
			}
			goto too_long;
		}
		fill(r);
	}
too_long:
	set_msg(r, "%s:%zu: line longer than %zu bytes", r->name, r->lineno,
		max);
	return PLX_ETOOBIG;
}

/* The first key of keys whose value is a string; *found says whether any
 * key was there.  Empty or blank strings are passed over. */
/* The member named key; the last one of that name, as in jansson. */
static const cJSON *member(const cJSON *obj, const char *key)
{
	const cJSON *r = NULL;
	for (const cJSON *c = obj->child; c; c = c->next)
		if (c->string && strcmp(c->string, key) == 0)
			r = c;
	return r;
}

static const char *pick(const cJSON *obj, const char *const *keys, int *found,
			size_t *len)
{
	const char *first_empty = NULL;
	for (; *keys; keys++) {
		const cJSON *v = member(obj, *keys);
		if (!v)
			continue;
		if (found && *found < 1)
			*found = cJSON_IsString(v) ? 2 : 1;
		if (!cJSON_IsString(v))
			continue;
		const char *s = v->valuestring;
		size_t i = 0;
		while (s[i] && is_space(s[i]))
			i++;
		if (!s[i]) {
			if (!first_empty)
				first_empty = s;
			continue;
		}
		if (len)
			*len = i + strlen(s + i);
		return s;
	}
	if (found && first_empty)
		*found = 3;
	return NULL;
}

/* The 4 hex digits at s (n bytes there), or 0x10000 when they are not. */
static unsigned hex4(const char *s, size_t n)
{
	unsigned v = 0;
	if (n < 4)
		return 0x10000;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return 0x10000;
		v = v * 16 + (unsigned)d;
	}
	return v;
}

/* Is the line one cJSON reads exactly as jansson would?  cJSON does not
 * check encoding, so a line with a control byte, invalid UTF-8 or an
 * escaped NUL goes to jansson first (rare: JSON Lines writers escape). */
static int plain_line(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	int high = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, u + i, 8);
		/* A byte under 0x20 or over 0x7f sets its top bit here. */
		uint64_t t = (w | (w - 0x2020202020202020ull)) &
			     0x8080808080808080ull;
		if (!t)
			continue;
		for (size_t k = i; k < i + 8; k++)
			if (u[k] < 0x20)
				return 0;
		high = 1;
	}
	for (; i < n; i++) {
		if (u[i] < 0x20)
			return 0;
		high |= u[i] >= 0x80;
	}
	if (high && plx_utf8_invalid(s, n) != n)
		return 0;
	/* cJSON skips a byte-order mark that jansson refuses. */
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		return 0;
	/* Escapes: cJSON takes a \u with bad hex digits or a lone
	 * surrogate, and \u0000 would cut its string short. */
	for (const char *p = s; (p = memchr(p, '\\', n - (size_t)(p - s)));) {
		size_t left = n - (size_t)(p - s);
		if (left < 2)
			return 0;
		if (p[1] != 'u') {
			if (!memchr("\"\\/bfnrt", p[1], 8))
				return 0;
			p += 2; /* "\\\\" included */
			continue;
		}
		unsigned v = hex4(p + 2, left - 2), w;
		if (v == 0 || v > 0xFFFF || (v >= 0xDC00 && v <= 0xDFFF))
			return 0;
		if (v >= 0xD800 && v <= 0xDBFF) {
			if (left < 12 || p[6] != '\\' || p[7] != 'u' ||
			    (w = hex4(p + 8, left - 8)) < 0xDC00 || w > 0xDFFF)
				return 0;
			p += 12;
		} else
			p += 6;
	}
	/* Numbers: cJSON takes 01, 1. and values out of range that jansson
	 * refuses, so only short plain ones stay on the fast path. */
	for (i = 0; i < n;) {
		if (s[i] == '"') { /* skip the string */
			size_t j = i + 1;
			for (;;) {
				const char *q = memchr(s + j, '"', n - j);
				if (!q)
					return 0;
				size_t e = (size_t)(q - s), b = e;
				while (b > i + 1 && s[b - 1] == '\\')
					b--;
				j = e + 1;
				if ((e - b) % 2 == 0)
					break;
			}
			i = j;
		} else if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
			size_t j = i + (s[i] == '-');
			if (j < n && s[j] == '0')
				j++;
			else if (j < n && s[j] >= '1' && s[j] <= '9')
				while (j < n && s[j] >= '0' && s[j] <= '9')
					j++;
			else
				return 0;
			if (j < n && s[j] == '.') {
				if (++j >= n || s[j] < '0' || s[j] > '9')
					return 0;
				while (j < n && s[j] >= '0' && s[j] <= '9')
					j++;
			}
			if (j - i > 15 || (j < n && !strchr(" \t\r,]}", s[j])))
				return 0;
			i = j;
		} else
			i++;
	}
	return 1;
}

/* jansson's verdict on a line: PLX_OK when it is valid JSON, else the
 * status with jansson's message (what went wrong, and where). */
static int strict_check(const char *line, size_t n, const char *name,
			size_t lineno, char *msg, size_t msg_size)
{
	json_error_t err;
	json_oom = 0;
	json_t *root = json_loadb(line, n, 0, &err);
	if (root) {
		json_decref(root);
		return PLX_OK;
	}
	if (json_oom || json_error_code(&err) == json_error_out_of_memory) {
		snprintf(msg, msg_size, "%s:%zu: out of memory", name, lineno);
		return PLX_ENOMEM;
	}
	snprintf(msg, msg_size, "%s:%zu: invalid JSON: %s (column %d)", name,
		 lineno, err.text, err.column);
	return PLX_EFORMAT;
}

/* A numeric id beyond 2^53 exactly as written (a double would merge
 * neighbouring ids), through jansson's 64-bit integers. */
static int exact_id(const char *line, size_t n, plx_buf *id)
{
	json_oom = 0;
	json_t *root = json_loadb(line, n, 0, NULL);
	if (!root)
		return json_oom ? PLX_ENOMEM : PLX_EFORMAT;
	json_t *v = json_object_get(root, "id");
	if (json_is_integer(v))
		plx_buf_printf(id, "%" JSON_INTEGER_FORMAT,
			       json_integer_value(v));
	else if (json_is_real(v))
		plx_buf_printf(id, "%.15g", json_real_value(v));
	json_decref(root);
	return PLX_OK;
}

size_t plx_json_depth(const char *s, size_t n)
{
	size_t d = 0, max = 0;
	int in_str = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"')
			in_str = 1;
		else if (c == '[' || c == '{') {
			if (++d > max)
				max = d;
		} else if ((c == ']' || c == '}') && d)
			d--;
	}
	return max;
}

int plx_reader_parse_json(const char *line, size_t n, const char *name,
			  size_t lineno, const plx_limits *lim, plx_record *rec,
			  void **root_out, plx_buf *id, char *msg,
			  size_t msg_size)
{
	static const char *const text_keys[] = {"text", "maintext", "body",
						"content", NULL};
	static const char *const title_keys[] = {"title", "headline", NULL};
	static const char *const date_keys[] = {"date", "date_publish",
						"published", NULL};
	static const char *const source_keys[] = {"source", "source_domain",
						  "site_name", NULL};
	static const char *const url_keys[] = {"url", NULL};
	static const char *const id_keys[] = {"id", NULL};
	*root_out = NULL;
	pthread_once(&json_hooks_once, json_hooks);
	int checked = 0, rc;
	if (!plain_line(line, n)) {
		if ((rc = strict_check(line, n, name, lineno, msg, msg_size)))
			return rc;
		checked = 1;
	}
	const char *end = NULL;
	json_oom = 0;
	cJSON *root = cJSON_ParseWithLengthOpts(line, n, &end, 0);
	if (root) {
		while (end < line + n && (*end == ' ' || *end == '\t' ||
					  *end == '\r' || *end == '\n'))
			end++;
		if (end != line + n) {
			cJSON_Delete(root);
			root = NULL;
		}
	}
	if (!root) {
		if (json_oom) {
			snprintf(msg, msg_size, "%s:%zu: out of memory", name,
				 lineno);
			return PLX_ENOMEM;
		}
		if (!checked &&
		    (rc = strict_check(line, n, name, lineno, msg, msg_size)))
			return rc;
		/* Valid for jansson, not for cJSON: nested deeper than
		 * cJSON's limit (else a cJSON defect). */
		if (plx_json_depth(line, n) > CJSON_NESTING_LIMIT)
			snprintf(msg, msg_size,
				 "%s:%zu: invalid JSON: nested deeper than %d "
				 "levels",
				 name, lineno, CJSON_NESTING_LIMIT);
		else
			snprintf(msg, msg_size,
				 "%s:%zu: valid JSON that the fast parser "
				 "(cJSON) refused",
				 name, lineno);
		return PLX_EFORMAT;
	}
	*root_out = root;
	/* A bare scalar: jansson refuses it, with its own message. */
	if (!checked && !cJSON_IsObject(root) && !cJSON_IsArray(root) &&
	    (rc = strict_check(line, n, name, lineno, msg, msg_size)))
		return rc;
	if (!cJSON_IsObject(root)) {
		snprintf(msg, msg_size, "%s:%zu: not a JSON object", name,
			 lineno);
		return PLX_EFORMAT;
	}
	int found = 0;
	size_t tlen = 0;
	const char *text = pick(root, text_keys, &found, &tlen);
	if (!text) {
		snprintf(msg, msg_size, "%s:%zu: %s", name, lineno,
			 found == 0   ? "no text field"
			 : found == 1 ? "text is not a string"
				      : "empty text");
		return PLX_EEMPTY;
	}
	if (tlen > lim->max_record_bytes) {
		snprintf(msg, msg_size, "%s:%zu: text longer than %zu bytes",
			 name, lineno, lim->max_record_bytes);
		return PLX_ETOOBIG;
	}
	memset(rec, 0, sizeof *rec);
	rec->path = name;
	rec->line = lineno;
	rec->text = text;
	rec->text_len = tlen;
	rec->title = pick(root, title_keys, NULL, NULL);
	rec->date = pick(root, date_keys, NULL, NULL);
	rec->url = pick(root, url_keys, NULL, NULL);
	rec->source = pick(root, source_keys, NULL, NULL);
	if (!rec->source) {
		/* NewsAPI style: "source": {"name": ...} */
		const cJSON *src = member(root, "source");
		static const char *const name_keys[] = {"name", NULL};
		if (cJSON_IsObject(src))
			rec->source = pick(src, name_keys, NULL, NULL);
	}
	rec->id = pick(root, id_keys, NULL, NULL);
	buf_clear(id);
	if (!rec->id) {
		const cJSON *v = member(root, "id");
		double d = cJSON_IsNumber(v) ? v->valuedouble : 0;
		/* A double cannot tell 1e15 from 1000000000000000 or -0 from
		 * -0.0, which jansson writes apart: such ids (any id of a line
		 * jansson checked, any zero or large one) are jansson's. */
		if (cJSON_IsNumber(v) &&
		    (checked || d == 0 || fabs(d) >= 1e15) &&
		    exact_id(line, n, id) == PLX_ENOMEM)
			id->rc = PLX_ENOMEM;
		if (id->len || id->rc) {
			/* done */
		} else if (cJSON_IsNumber(v) && d == floor(d))
			plx_buf_printf(id, "%.0f", d);
		else if (cJSON_IsNumber(v))
			plx_buf_printf(id, "%.15g", d);
		else
			plx_buf_printf(id, "%s:%zu", name, lineno);
		if (id->rc) {
			snprintf(msg, msg_size, "%s:%zu: out of memory", name,
				 lineno);
			return PLX_ENOMEM;
		}
		rec->id = id->data;
	}
	return 1;
}

void plx_reader_json_free(void *root)
{
	cJSON_Delete(root);
}

static int next_jsonl(plx_reader *r)
{
	for (;;) {
		const char *line = NULL;
		size_t n = 0;
		int rc = next_line(r, &line, &n);
		if (rc <= 0)
			return rc;
		size_t i = 0;
		while (i < n && is_space(line[i]))
			i++;
		if (i == n)
			continue; /* blank lines are not records */
		if (r->defer_json) {
			plx_record *rec = &r->rec;
			memset(rec, 0, sizeof *rec);
			rec->path = r->name;
			rec->line = r->lineno;
			rec->text = line;
			rec->text_len = n;
			rec->json = 1;
			return 1;
		}
		char msg[512];
		void *root = NULL;
		rc = plx_reader_parse_json(line, n, r->name, r->lineno, &r->lim,
					   &r->rec, &root, &r->id, msg,
					   sizeof msg);
		r->root = root;
		if (rc < 0) {
			buf_clear(&r->msg);
			plx_buf_puts(&r->msg, msg);
		}
		return rc;
	}
}

void plx_reader_defer_json(plx_reader *r, int on)
{
	pthread_once(&json_hooks_once, json_hooks);
	r->defer_json = on;
}

/* ---- Public: reading -------------------------------------------------- */

int plx_reader_next(plx_reader *r, const plx_record **rec)
{
	if (rec)
		*rec = NULL;
	if (!r || !rec)
		return PLX_EINVAL;
	if (r->root) {
		cJSON_Delete(r->root);
		r->root = NULL;
	}
	buf_clear(&r->msg);
	r->rec_html = 0;
	for (;;) {
		if (!r->open) {
			entry e;
			if (!take(r, &e))
				return 0;
			int rc = open_entry(r, &e);
			if (rc < 0) {
				r->skipped++;
				return rc;
			}
			if (!r->open)
				continue;
		}
		int rc = r->fmt == F_JSONL  ? next_jsonl(r)
			 : r->fmt == F_HTML ? next_html(r)
			 : r->fmt == F_WARC ? next_warc(r)
					    : next_text(r);
		if (rc > 0) {
			r->count++;
			r->nrec++;
			*rec = &r->rec;
			return 1;
		}
		r->rec_html = 0;
		if (r->root) {
			cJSON_Delete(r->root);
			r->root = NULL;
		}
		/* A text file or page is one record; after running out of
		 * memory the file's state is not to be trusted. */
		if (rc == 0 || (r->fmt != F_JSONL && r->fmt != F_WARC) ||
		    rc == PLX_ENOMEM)
			close_file(r);
		if (rc == 0)
			continue;
		r->skipped++;
		return rc;
	}
}

const plx_html_doc *plx_reader_html(const plx_reader *r)
{
	return r && r->rec_html ? r->html : NULL;
}

void plx_reader_free(plx_reader *r)
{
	if (!r)
		return;
	close_file(r);
	list_free(&r->queue);
	list_free(&r->stack);
	if (r->root)
		cJSON_Delete(r->root);
	plx_html_doc_free(r->html);
	plx_free(r->data);
	plx_free(r->zin);
	plx_buf_free(&r->pmsg);
	plx_buf_free(&r->namebuf);
	plx_buf_free(&r->text);
	plx_buf_free(&r->id);
	plx_buf_free(&r->msg);
	plx_buf_free(&r->wuri);
	plx_buf_free(&r->wdate);
	plx_free(r);
}
