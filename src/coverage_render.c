/*
 * coverage_render.c: a built story report (coverage.c) as text (80
 * columns, ANSI colour on request), Markdown, JSON (docs/coverage.md) or
 * one self-contained HTML page.  Article text is hostile input: every
 * format escapes it through one function of its own (terminal controls
 * dropped, Markdown and HTML metacharacters escaped, JSON strings quoted).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "coverage.h"
#include "http.h"
#include "mem.h"

/* Facts with one source listed in the readable formats (JSON lists all). */
#define MAX_SINGLE_FACTS 40
/* Facts shown as rows of the HTML source-by-fact table. */
#define MAX_HTML_ROWS 300

typedef struct out {
	plx_buf b;
	const plx_coverage *c;
	const plx_render_opts *o;
	plx_format fmt;
} out;

static void fmt_time(int64_t t, char *buf, size_t n)
{
	if (t == INT64_MIN) {
		snprintf(buf, n, "undated");
		return;
	}
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm)) {
		snprintf(buf, n, "undated");
		return;
	}
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

static void iso_time(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (t == INT64_MIN || !gmtime_r(&tt, &tm))
		buf[0] = 0;
	else
		strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int pct(size_t part, size_t whole)
{
	return whole ? (int)((100.0 * (double)part / (double)whole) + 0.5) : 0;
}

static const char *carried(const plx_coverage *c, const cov_fact *f)
{
	if (f->n_srcs >= 2 && f->n_srcs == c->n_srcs)
		return "all";
	return f->n_srcs >= 2 ? "several" : "one";
}

/* ---- Escapers ------------------------------------------------------------ */

/* Length of the UTF-8 sequence starting with byte c. */
static size_t u8len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Text for a terminal: control characters (C0, DEL, C1) become spaces, so
 * an article cannot move the cursor or change colours. */
static void put_plain(plx_buf *b, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		int bad = ch < 0x20 || ch == 0x7f ||
			  (ch == 0xC2 && i + 1 < n &&
			   (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0x9f);
		if (!bad)
			continue;
		plx_buf_put(b, s + run, i - run);
		plx_buf_putc(b, ' ');
		if (ch == 0xC2)
			i++;
		run = i + 1;
	}
	plx_buf_put(b, s + run, n - run);
}

/* Markdown: the characters of inline markup (emphasis, code, links,
 * tables, strike-through) are backslash-escaped and < > & become entities,
 * so no raw HTML or link gets through a Markdown renderer; newlines become
 * spaces, so text never starts a line (no headings or lists). */
static void put_md(plx_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '<')
			plx_buf_puts(b, "&lt;");
		else if (ch == '>')
			plx_buf_puts(b, "&gt;");
		else if (ch == '&')
			plx_buf_puts(b, "&amp;");
		else if (ch == '\n' || ch == '\r' || ch == '\t' || ch < 0x20 ||
			 ch == 0x7f)
			plx_buf_putc(b, ' ');
		else {
			if (strchr("\\`*_[]|~", ch))
				plx_buf_putc(b, '\\');
			plx_buf_putc(b, (char)ch);
		}
	}
}

static void put_str(out *w, const char *s, size_t n)
{
	switch (w->fmt) {
	case PLX_FMT_HTML: plx_html_esc(&w->b, s, n); break;
	case PLX_FMT_MARKDOWN: put_md(&w->b, s, n); break;
	case PLX_FMT_JSON: plx_buf_json_str(&w->b, s, n); break;
	default: put_plain(&w->b, s, n);
	}
}

static void puts_esc(out *w, const char *s)
{
	if (!s && w->fmt == PLX_FMT_JSON)
		plx_buf_puts(&w->b, "null");
	else
		put_str(w, s ? s : "", s ? strlen(s) : 0);
}

/* Text wrapped at width columns (code points): the cursor is at column
 * col; continuation lines are indented. */
static void put_wrapped(plx_buf *b, const char *s, size_t n, int indent,
			int col, int width)
{
	int first = 1;
	size_t i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
			i++;
		if (i >= n)
			break;
		size_t j = i;
		int wl = 0;
		while (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t') {
			j += u8len((unsigned char)s[j]);
			wl++;
		}
		if (j > n)
			j = n;
		if (!first && col + 1 + wl > width) {
			plx_buf_putc(b, '\n');
			for (int k = 0; k < indent; k++)
				plx_buf_putc(b, ' ');
			col = indent;
		} else if (!first) {
			plx_buf_putc(b, ' ');
			col++;
		}
		put_plain(b, s + i, j - i);
		col += wl;
		first = 0;
		i = j;
	}
	plx_buf_putc(b, '\n');
}

/* An indented block of wrapped text. */
static void put_block(plx_buf *b, const char *s, size_t n, int indent)
{
	for (int k = 0; k < indent; k++)
		plx_buf_putc(b, ' ');
	put_wrapped(b, s, n, indent, indent, 78);
}

/* A quote's length without the comma that closed it inside the marks
 * ("...the right track,"). */
static size_t quote_len(const char *q)
{
	size_t n = strlen(q);
	while (n && (q[n - 1] == ',' || q[n - 1] == ' '))
		n--;
	return n;
}

/* What a discrepancy is about: its fact's first wording, or the name
 * spelled differently. */
static const char *disc_text(const plx_coverage *c, const cov_disc *di,
			     size_t *len)
{
	if (di->fact == COV_NO_FACT) {
		const char *n = di->entity >= 0 ? c->ents[di->entity].name : "";
		*len = strlen(n);
		return n;
	}
	const cov_fact *fa = &c->facts[di->fact];
	return plx_cov_sentence(c, fa->v[0].art, fa->v[0].sentence, len);
}

/* ---- Shared pieces ---------------------------------------------------------
 */

static const char *src_name(const plx_coverage *c, size_t art)
{
	return c->srcs[c->arts[art].src].name;
}

/* Distinct sources of a list of articles, comma-separated. */
static void put_sources_of(out *w, const size_t *arts, size_t n)
{
	const plx_coverage *c = w->c;
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		size_t s = c->arts[arts[i]].src;
		int seen = 0;
		for (size_t k = 0; k < i; k++)
			if (c->arts[arts[k]].src == s)
				seen = 1;
		if (seen)
			continue;
		if (shown++)
			plx_buf_puts(&w->b, ", ");
		puts_esc(w, c->srcs[s].name);
	}
}

/* ---- JSON ------------------------------------------------------------------
 */

static void json_key(out *w, const char *k, int first)
{
	if (!first)
		plx_buf_putc(&w->b, ',');
	plx_buf_json_str(&w->b, k, strlen(k));
	plx_buf_putc(&w->b, ':');
}

static void json_time(out *w, int64_t t)
{
	char buf[32];
	iso_time(t, buf, sizeof buf);
	if (buf[0])
		plx_buf_json_str(&w->b, buf, strlen(buf));
	else
		plx_buf_puts(&w->b, "null");
}

static void json_art_ids(out *w, const size_t *arts, size_t n)
{
	plx_buf_putc(&w->b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			plx_buf_putc(&w->b, ',');
		puts_esc(w, w->c->arts[arts[i]].id);
	}
	plx_buf_putc(&w->b, ']');
}

static void json_src_names(out *w, const size_t *arts, size_t n)
{
	plx_buf_putc(&w->b, '[');
	put_sources_of(w, arts, n);
	plx_buf_putc(&w->b, ']');
}

/* ,"k":[ */
static void json_array(out *w, const char *k)
{
	json_key(w, k, 0);
	plx_buf_putc(&w->b, '[');
}

/* ,"k":"s" (null for NULL) */
static void json_kv(out *w, const char *k, const char *s)
{
	json_key(w, k, 0);
	puts_esc(w, s);
}

/* An object of an array, opened with its first key: {"k": or ,{"k": */
static void json_item(out *w, size_t i, const char *k)
{
	plx_buf_puts(&w->b, i ? ",{" : "{");
	json_key(w, k, 1);
}

/* ,"sources":[...],"articles":[...] of a list of articles. */
static void json_refs(out *w, const size_t *arts, size_t n)
{
	json_key(w, "sources", 0);
	json_src_names(w, arts, n);
	json_key(w, "articles", 0);
	json_art_ids(w, arts, n);
}

static void render_json(out *w)
{
	const plx_coverage *c = w->c;
	plx_buf *b = &w->b;
	plx_buf_putc(b, '{');
	json_key(w, "id", 1);
	if (c->id >= 0)
		plx_buf_printf(b, "%lld", (long long)c->id);
	else
		plx_buf_puts(b, "null");
	json_kv(w, "headline", c->headline);

	json_array(w, "articles");
	for (size_t k = 0; k < c->n_arts; k++) {
		const cov_article *a = &c->arts[c->tl[k]];
		json_item(w, k, "id");
		puts_esc(w, a->id);
		json_kv(w, "source", a->source);
		json_kv(w, "title", plx_article_title(a->art));
		json_kv(w, "date", plx_article_date(a->art));
		json_key(w, "time", 0);
		json_time(w, a->time);
		json_kv(w, "url", plx_article_url(a->art));
		json_kv(w, "copy_of",
			a->copy_of >= 0 ? c->arts[a->copy_of].id : NULL);
		plx_buf_printf(b,
			       ",\"body_bytes\":%zu,\"own\":%zu,\"copied\":%zu,"
			       "\"opinion\":%zu}",
			       a->body, a->own, a->copied, a->opinion);
	}
	plx_buf_putc(b, ']');

	json_array(w, "sources");
	for (size_t s = 0; s < c->n_srcs; s++) {
		const cov_source *src = &c->srcs[s];
		json_item(w, s, "name");
		puts_esc(w, src->name);
		json_key(w, "articles", 0);
		json_art_ids(w, src->arts, src->n_arts);
		json_key(w, "first_reported", 0);
		json_time(w, src->first);
		plx_buf_printf(
			b,
			",\"body_bytes\":%zu,\"own\":%.3f,\"copied\":%.3f,"
			"\"opinion\":%.3f",
			src->body,
			src->body ? (double)src->own / (double)src->body : 0.0,
			src->body ? (double)src->copied / (double)src->body
				  : 0.0,
			src->body ? (double)src->opinion / (double)src->body
				  : 0.0);
		json_array(w, "copied_from");
		for (size_t i = 0; i < src->n_from; i++) {
			if (i)
				plx_buf_putc(b, ',');
			plx_buf_puts(b, "{\"article\":");
			puts_esc(w, c->arts[src->from[i]].id);
			plx_buf_puts(b, ",\"source\":");
			puts_esc(w, src_name(c, src->from[i]));
			plx_buf_putc(b, '}');
		}
		plx_buf_puts(b, "]}");
	}
	plx_buf_putc(b, ']');

	json_array(w, "facts");
	for (size_t f = 0; f < c->n_facts; f++) {
		const cov_fact *fa = &c->facts[f];
		size_t len;
		const char *t = plx_cov_sentence(c, fa->v[0].art,
						 fa->v[0].sentence, &len);
		json_item(w, f, "text");
		plx_buf_json_str(b, t, len);
		json_kv(w, "carried_by", carried(c, fa));
		json_array(w, "sources");
		for (size_t s = 0; s < fa->n_srcs; s++) {
			if (s)
				plx_buf_putc(b, ',');
			puts_esc(w, c->srcs[fa->srcs[s]].name);
		}
		plx_buf_putc(b, ']');
		plx_buf_printf(b, ",\"own_sources\":%zu", fa->n_own);
		json_array(w, "variants");
		for (size_t v = 0; v < fa->n_v; v++) {
			const char *st = plx_cov_sentence(
				c, fa->v[v].art, fa->v[v].sentence, &len);
			json_item(w, v, "article");
			puts_esc(w, c->arts[fa->v[v].art].id);
			json_kv(w, "source", src_name(c, fa->v[v].art));
			json_key(w, "sentence", 0);
			plx_buf_json_str(b, st, len);
			plx_buf_putc(b, '}');
		}
		plx_buf_puts(b, "]}");
	}
	plx_buf_putc(b, ']');

	json_array(w, "discrepancies");
	for (size_t d = 0; d < c->n_discs; d++) {
		const cov_disc *di = &c->discs[d];
		size_t len;
		const char *t = disc_text(c, di, &len);
		if (di->fact == COV_NO_FACT)
			plx_buf_printf(b, "%s{\"fact\":null,", d ? "," : "");
		else
			plx_buf_printf(b, "%s{\"fact\":%zu,", d ? "," : "",
				       di->fact);
		json_key(w, "text", 1);
		plx_buf_json_str(b, t, len);
		json_kv(w, "what", di->what);
		json_array(w, "versions");
		for (size_t v = 0; v < di->n_ver; v++) {
			json_item(w, v, "value");
			puts_esc(w, di->ver[v].value);
			json_refs(w, di->ver[v].arts, di->ver[v].n_arts);
			plx_buf_putc(b, '}');
		}
		plx_buf_puts(b, "]}");
	}
	plx_buf_putc(b, ']');

	json_array(w, "quotes");
	for (size_t q = 0; q < c->n_quotes; q++) {
		const cov_quote *qu = &c->quotes[q];
		json_item(w, q, "speaker");
		puts_esc(w, qu->speaker);
		json_kv(w, "text", qu->text);
		plx_buf_printf(b, ",\"partial\":%s",
			       qu->partial ? "true" : "false");
		json_key(w, "part_of", 0);
		if (qu->part_of >= 0)
			plx_buf_printf(b, "%ld", qu->part_of);
		else
			plx_buf_puts(b, "null");
		json_refs(w, qu->arts, qu->n_arts);
		plx_buf_putc(b, '}');
	}
	plx_buf_putc(b, ']');

	json_array(w, "entities");
	for (size_t e = 0; e < c->n_ents; e++) {
		const cov_entity *en = &c->ents[e];
		json_item(w, e, "name");
		puts_esc(w, en->name);
		json_kv(w, "type", plx_entity_type_name(en->type));
		json_kv(w, "key", en->key);
		json_array(w, "aliases");
		for (size_t a = 0; a < en->n_aliases; a++) {
			if (a)
				plx_buf_putc(b, ',');
			puts_esc(w, en->aliases[a]);
		}
		plx_buf_printf(b, "],\"mentions\":%zu,\"articles\":%zu",
			       en->mentions, en->n_articles);
		json_array(w, "sources");
		size_t shown = 0;
		for (size_t s = 0; s < c->n_srcs; s++)
			if (en->src_mentions[s]) {
				plx_buf_puts(b, shown++ ? ",{" : "{");
				json_key(w, "source", 1);
				puts_esc(w, c->srcs[s].name);
				plx_buf_printf(b, ",\"mentions\":%zu}",
					       en->src_mentions[s]);
			}
		plx_buf_puts(b, "]}");
	}
	plx_buf_putc(b, ']');

	json_array(w, "opinion");
	for (size_t i = 0; i < c->n_ops; i++) {
		const cov_opinion *op = &c->ops[i];
		size_t np, tl;
		const plx_paragraph *ps =
			plx_article_paragraphs(c->arts[op->art].art, &np);
		const char *text = plx_article_text(c->arts[op->art].art, &tl);
		json_item(w, i, "article");
		puts_esc(w, c->arts[op->art].id);
		json_kv(w, "source", src_name(c, op->art));
		plx_buf_printf(b, ",\"index\":%zu", op->paragraph);
		json_key(w, "paragraph", 0);
		plx_buf_json_str(b, text + ps[op->paragraph].start,
				 ps[op->paragraph].end -
					 ps[op->paragraph].start);
		plx_buf_putc(b, '}');
	}
	plx_buf_putc(b, ']');

	json_array(w, "timeline");
	for (size_t k = 0; k < c->n_arts; k++) {
		const cov_article *a = &c->arts[c->tl[k]];
		json_item(w, k, "time");
		json_time(w, a->time);
		json_kv(w, "source", a->source);
		json_kv(w, "article", a->id);
		json_kv(w, "title", plx_article_title(a->art));
		plx_buf_putc(b, '}');
	}
	plx_buf_putc(b, ']');
	plx_buf_printf(b,
		       ",\"stats\":{\"sentences_aligned\":%zu,"
		       "\"pairs_scored\":%zu}}",
		       c->n_units, c->n_pairs);
	plx_buf_putc(b, '\n');
}

/* ---- Text and Markdown -----------------------------------------------------
 */

/* ANSI styles for the terminal. */
#define BOLD   "\033[1m"
#define DIM    "\033[2m"
#define CYAN   "\033[36m"
#define YELLOW "\033[33m"
#define GREEN  "\033[32m"
#define RESET  "\033[0m"

static void style(out *w, const char *code)
{
	if (w->fmt == PLX_FMT_TEXT && w->o->colour)
		plx_buf_puts(&w->b, code);
}

static void heading(out *w, const char *title, size_t n)
{
	if (w->fmt == PLX_FMT_MARKDOWN)
		plx_buf_printf(&w->b, "\n## %s (%zu)\n\n", title, n);
	else {
		plx_buf_putc(&w->b, '\n');
		style(w, BOLD);
		plx_buf_printf(&w->b, "%s (%zu)", title, n);
		style(w, RESET);
		plx_buf_putc(&w->b, '\n');
	}
}

/* One fact: a fact of one source is its sentence; a shared fact is each
 * distinct wording under the sources that use it. */
static void text_fact(out *w, const cov_fact *fa, size_t num)
{
	const plx_coverage *c = w->c;
	plx_buf *b = &w->b;
	char lead[16];
	int l = snprintf(lead, sizeof lead, "%3zu. ", num);
	if (w->fmt == PLX_FMT_MARKDOWN)
		plx_buf_printf(b, "%zu. ", num);
	else
		plx_buf_puts(b, lead);
	if (fa->n_srcs < 2) {
		size_t len;
		const char *t = plx_cov_sentence(c, fa->v[0].art,
						 fa->v[0].sentence, &len);
		if (w->fmt == PLX_FMT_MARKDOWN) {
			put_md(b, t, len);
			plx_buf_puts(b, " (");
			puts_esc(w, src_name(c, fa->v[0].art));
			plx_buf_puts(b, ")\n");
		} else {
			put_wrapped(b, t, len, l, l, 78);
			for (int k = 0; k < l + 2; k++)
				plx_buf_putc(b, ' ');
			style(w, DIM);
			plx_buf_puts(b, "-- ");
			puts_esc(w, src_name(c, fa->v[0].art));
			style(w, RESET);
			plx_buf_putc(b, '\n');
		}
		return;
	}
	int first = 1;
	for (size_t v = 0; v < fa->n_v; v++) {
		size_t vl;
		const char *vt = plx_cov_sentence(c, fa->v[v].art,
						  fa->v[v].sentence, &vl);
		int dup = 0;
		for (size_t u = 0; u < v && !dup; u++) {
			size_t ul;
			const char *ut = plx_cov_sentence(
				c, fa->v[u].art, fa->v[u].sentence, &ul);
			dup = ul == vl && memcmp(ut, vt, vl) == 0;
		}
		if (dup)
			continue;
		/* the articles with this exact wording */
		size_t arts[64], na = 0;
		for (size_t u = v; u < fa->n_v && na < 64; u++) {
			size_t ul;
			const char *ut = plx_cov_sentence(
				c, fa->v[u].art, fa->v[u].sentence, &ul);
			if (ul == vl && memcmp(ut, vt, vl) == 0)
				arts[na++] = fa->v[u].art;
		}
		if (w->fmt == PLX_FMT_MARKDOWN) {
			plx_buf_puts(b, first ? "**" : "   - **");
			put_sources_of(w, arts, na);
			plx_buf_puts(b, "**: ");
			put_md(b, vt, vl);
			plx_buf_putc(b, '\n');
		} else {
			if (!first)
				for (int k = 0; k < l; k++)
					plx_buf_putc(b, ' ');
			style(w, CYAN);
			put_sources_of(w, arts, na);
			style(w, RESET);
			plx_buf_putc(b, '\n');
			put_block(b, vt, vl, l + 2);
		}
		first = 0;
	}
}

/* Text lines longer than the terminal: what is written between wrap_begin
 * and wrap_end goes to a side buffer, then wrapped at 78 columns from
 * column col, continuation lines indented (no colour inside). */
static void wrap_begin(out *w, plx_buf *saved)
{
	*saved = w->b;
	plx_buf_init(&w->b);
}

static void wrap_end(out *w, plx_buf *saved, int col, int indent)
{
	plx_buf t = w->b;
	w->b = *saved;
	if (t.rc)
		w->b.rc = t.rc;
	else if (t.len)
		put_wrapped(&w->b, t.data, t.len, indent, col, 78);
	else
		plx_buf_putc(&w->b, '\n');
	plx_buf_free(&t);
}

/* A line of the readable formats: wrapped in text, as is (then a newline)
 * in Markdown. */
static void line_begin(out *w, plx_buf *saved)
{
	if (w->fmt != PLX_FMT_MARKDOWN)
		wrap_begin(w, saved);
}

static void line_end(out *w, plx_buf *saved, int col, int indent)
{
	if (w->fmt == PLX_FMT_MARKDOWN)
		plx_buf_putc(&w->b, '\n');
	else
		wrap_end(w, saved, col, indent);
}

static void render_readable(out *w)
{
	const plx_coverage *c = w->c;
	plx_buf *b = &w->b;
	int md = w->fmt == PLX_FMT_MARKDOWN;
	char t0[32], t1[32];

	/* title */
	if (md) {
		plx_buf_puts(b, "# ");
		if (c->id >= 0)
			plx_buf_printf(b, "Story %lld: ", (long long)c->id);
		puts_esc(w, c->headline ? c->headline : "(untitled story)");
		plx_buf_putc(b, '\n');
	} else {
		style(w, BOLD);
		plx_buf saved;
		wrap_begin(w, &saved);
		if (c->id >= 0)
			plx_buf_printf(&w->b, "Story %lld: ", (long long)c->id);
		puts_esc(w, c->headline ? c->headline : "(untitled story)");
		wrap_end(w, &saved, 0, 2);
		style(w, RESET);
	}
	int64_t first = INT64_MIN, last = INT64_MIN;
	for (size_t k = 0; k < c->n_arts; k++) {
		int64_t t = c->arts[c->tl[k]].time;
		if (t == INT64_MIN)
			continue;
		if (first == INT64_MIN)
			first = t;
		last = t;
	}
	fmt_time(first, t0, sizeof t0);
	fmt_time(last, t1, sizeof t1);
	char span[80];
	if (first == INT64_MIN)
		snprintf(span, sizeof span, "undated");
	else
		snprintf(span, sizeof span, "%s .. %s UTC", t0, t1);
	size_t shared = 0;
	for (size_t f = 0; f < c->n_facts; f++)
		shared += c->facts[f].n_srcs >= 2;
	plx_buf saved;
	line_begin(w, &saved);
	plx_buf_printf(&w->b,
		       "%s%zu article%s from %zu source%s, %s; %zu "
		       "shared fact%s, %zu discrepanc%s",
		       md ? "\n" : "", c->n_arts, c->n_arts == 1 ? "" : "s",
		       c->n_srcs, c->n_srcs == 1 ? "" : "s", span, shared,
		       shared == 1 ? "" : "s", c->n_discs,
		       c->n_discs == 1 ? "y" : "ies");
	line_end(w, &saved, 0, 2);

	/* sources */
	heading(w, "Sources", c->n_srcs);
	if (md)
		plx_buf_puts(b, "| source | articles | first reported (UTC) "
				"| own | copied | opinion |\n|---|---|---|---|"
				"---|---|\n");
	for (size_t s = 0; s < c->n_srcs; s++) {
		const cov_source *src = &c->srcs[s];
		fmt_time(src->first, t0, sizeof t0);
		if (md) {
			plx_buf_puts(b, "| ");
			puts_esc(w, src->name);
			plx_buf_printf(
				b, " | %zu | %s | %d%% | %d%% | %d%% |\n",
				src->n_arts, t0, pct(src->own, src->body),
				pct(src->copied, src->body),
				pct(src->opinion, src->body));
			continue;
		}
		plx_buf_puts(b, "  ");
		style(w, CYAN);
		put_plain(b, src->name, strlen(src->name));
		style(w, RESET);
		plx_buf_printf(b,
			       "\n    %zu article%s, first %s; own %d%%, "
			       "copied %d%%, opinion %d%%\n",
			       src->n_arts, src->n_arts == 1 ? "" : "s", t0,
			       pct(src->own, src->body),
			       pct(src->copied, src->body),
			       pct(src->opinion, src->body));
		for (size_t i = 0; i < src->n_from; i++) {
			const cov_article *o = &c->arts[src->from[i]];
			plx_buf_puts(b, "    copies ");
			put_plain(b, o->id, strlen(o->id));
			plx_buf_puts(b, " (");
			put_plain(b, o->source, strlen(o->source));
			plx_buf_puts(b, ")\n");
		}
	}
	if (md)
		for (size_t s = 0; s < c->n_srcs; s++)
			for (size_t i = 0; i < c->srcs[s].n_from; i++) {
				const cov_article *o =
					&c->arts[c->srcs[s].from[i]];
				plx_buf_puts(b, i || s ? "" : "\n");
				plx_buf_puts(b, "- ");
				puts_esc(w, c->srcs[s].name);
				plx_buf_puts(b, " copies ");
				puts_esc(w, o->id);
				plx_buf_puts(b, " (");
				puts_esc(w, o->source);
				plx_buf_puts(b, ")\n");
			}

	/* facts, by how many sources carry them */
	static const char *const kinds[] = {"all", "several", "one"};
	static const char *const titles[] = {"Facts carried by every source",
					     "Facts carried by several sources",
					     "Facts carried by one source"};
	for (int k = 0; k < 3; k++) {
		size_t n = 0, shown = 0;
		for (size_t f = 0; f < c->n_facts; f++)
			n += strcmp(carried(c, &c->facts[f]), kinds[k]) == 0;
		if (!n)
			continue;
		heading(w, titles[k], n);
		for (size_t f = 0; f < c->n_facts; f++) {
			if (strcmp(carried(c, &c->facts[f]), kinds[k]) != 0)
				continue;
			if (k == 2 && shown == MAX_SINGLE_FACTS) {
				plx_buf_printf(b,
					       "%s... and %zu more (all in "
					       "--format json)\n",
					       md ? "\n" : "     ", n - shown);
				break;
			}
			shown++;
			text_fact(w, &c->facts[f], shown);
		}
	}

	/* discrepancies */
	if (c->n_discs) {
		heading(w, "Discrepancies", c->n_discs);
		for (size_t d = 0; d < c->n_discs; d++) {
			const cov_disc *di = &c->discs[d];
			size_t len;
			const char *t = disc_text(c, di, &len);
			if (md) {
				plx_buf_printf(b, "%zu. *", d + 1);
				put_md(b, di->what, strlen(di->what));
				plx_buf_puts(b, "* in: ");
				put_md(b, t, len);
				plx_buf_putc(b, '\n');
			} else {
				plx_buf_printf(b, "%3zu. ", d + 1);
				style(w, YELLOW);
				put_plain(b, di->what, strlen(di->what));
				style(w, RESET);
				plx_buf_putc(b, '\n');
				put_block(b, t, len, 7);
			}
			for (size_t v = 0; v < di->n_ver; v++) {
				plx_buf_puts(b, md ? "   - " : "       ");
				line_begin(w, &saved);
				plx_buf_putc(b, '"');
				puts_esc(w, di->ver[v].value);
				plx_buf_puts(b, "\": ");
				put_sources_of(w, di->ver[v].arts,
					       di->ver[v].n_arts);
				line_end(w, &saved, 7, 9);
			}
		}
	}

	/* quotes by speaker */
	if (c->n_quotes) {
		heading(w, "Quotes by speaker", c->n_quotes);
		const char *prev = "\x01";
		for (size_t q = 0; q < c->n_quotes; q++) {
			const cov_quote *qu = &c->quotes[q];
			const char *sp =
				qu->speaker ? qu->speaker : "(unattributed)";
			if (strcmp(sp, prev) != 0) {
				if (md) {
					plx_buf_puts(b, "\n**");
					put_md(b, sp, strlen(sp));
					plx_buf_puts(b, "**\n\n");
				} else {
					plx_buf_puts(b, "  ");
					style(w, GREEN);
					put_plain(b, sp, strlen(sp));
					style(w, RESET);
					plx_buf_putc(b, '\n');
				}
				prev = sp;
			}
			if (md) {
				plx_buf_puts(b, "- \u201c");
				put_md(b, qu->text, quote_len(qu->text));
				plx_buf_puts(b, "\u201d (");
			} else {
				plx_buf t;
				plx_buf_init(&t);
				plx_buf_puts(&t, "\u201c");
				plx_buf_put(&t, qu->text, quote_len(qu->text));
				plx_buf_puts(&t, "\u201d");
				if (t.rc)
					b->rc = t.rc;
				else {
					plx_buf_puts(b, "    ");
					put_wrapped(b, t.data, t.len, 5, 4, 78);
				}
				plx_buf_free(&t);
				plx_buf_puts(b, "      ");
				style(w, DIM);
				plx_buf_putc(b, '(');
			}
			put_sources_of(w, qu->arts, qu->n_arts);
			if (qu->part_of >= 0)
				plx_buf_printf(b, "; part of quote %ld",
					       qu->part_of + 1);
			plx_buf_putc(b, ')');
			style(w, RESET);
			plx_buf_putc(b, '\n');
		}
	}

	/* entities */
	if (c->n_ents) {
		heading(w, "People, organisations, places", c->n_ents);
		for (size_t e = 0; e < c->n_ents; e++) {
			const cov_entity *en = &c->ents[e];
			plx_buf_printf(b, md ? "- **" : "  %-6s ",
				       md ? ""
					  : plx_entity_type_name(en->type));
			line_begin(w, &saved);
			puts_esc(w, en->name);
			if (md)
				plx_buf_printf(b, "** (%s)",
					       plx_entity_type_name(en->type));
			plx_buf_printf(b, ", %zu mention%s: ", en->mentions,
				       en->mentions == 1 ? "" : "s");
			size_t shown = 0;
			for (size_t s = 0; s < c->n_srcs; s++)
				if (en->src_mentions[s]) {
					if (shown++)
						plx_buf_puts(b, ", ");
					puts_esc(w, c->srcs[s].name);
					plx_buf_printf(b, " %zu",
						       en->src_mentions[s]);
				}
			if (en->n_aliases) {
				plx_buf_puts(b, md ? "; aka " : "; aka ");
				for (size_t a = 0; a < en->n_aliases; a++) {
					if (a)
						plx_buf_puts(b, "; ");
					puts_esc(w, en->aliases[a]);
				}
			}
			line_end(w, &saved, 9, 9);
		}
	}

	/* opinion */
	if (c->n_ops) {
		heading(w, "Opinion", c->n_ops);
		for (size_t i = 0; i < c->n_ops; i++) {
			const cov_opinion *op = &c->ops[i];
			size_t np, tl;
			const plx_paragraph *ps = plx_article_paragraphs(
				c->arts[op->art].art, &np);
			const char *text =
				plx_article_text(c->arts[op->art].art, &tl);
			const plx_paragraph *p = &ps[op->paragraph];
			if (md) {
				plx_buf_puts(b, "> **");
				puts_esc(w, src_name(c, op->art));
				plx_buf_puts(b, "**: ");
				put_md(b, text + p->start, p->end - p->start);
				plx_buf_puts(b, "\n\n");
			} else {
				plx_buf_puts(b, "  ");
				style(w, CYAN);
				put_plain(b, src_name(c, op->art),
					  strlen(src_name(c, op->art)));
				style(w, RESET);
				plx_buf_puts(b, " (");
				put_plain(b, c->arts[op->art].id,
					  strlen(c->arts[op->art].id));
				plx_buf_puts(b, ")\n");
				put_block(b, text + p->start, p->end - p->start,
					  4);
			}
		}
	}

	/* timeline */
	heading(w, "Timeline", c->n_arts);
	for (size_t k = 0; k < c->n_arts; k++) {
		const cov_article *a = &c->arts[c->tl[k]];
		const char *title = plx_article_title(a->art);
		fmt_time(a->time, t0, sizeof t0);
		plx_buf_printf(b, md ? "- %s " : "  %-16s  ", t0);
		line_begin(w, &saved);
		if (md)
			plx_buf_puts(b, "**");
		puts_esc(w, a->source);
		plx_buf_puts(b, md ? "**: " : ": ");
		puts_esc(w, title ? title : a->id);
		if (a->copy_of >= 0) {
			plx_buf_puts(b, " [copy of ");
			puts_esc(w, c->arts[a->copy_of].id);
			plx_buf_putc(b, ']');
		}
		line_end(w, &saved, 20, 20);
	}
}

/* ---- HTML ------------------------------------------------------------------
 */

static const char CSS[] =
	"body{font:15px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}"
	"h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;"
	"border-bottom:1px solid #ccc}"
	"table{border-collapse:collapse;width:100%}"
	"td,th{border:1px solid #ddd;padding:.35em .5em;vertical-align:top;"
	"text-align:left}"
	"th{background:#f4f4f4}td.none{background:#fafafa;color:#aaa}"
	".px-all{border-left:4px solid #2a7}.px-several{border-left:4px solid "
	"#e90}.px-one{border-left:4px solid #bbb}"
	".px-disc{background:#fff4e0}.px-meta{color:#666;font-size:.9em}"
	"blockquote{margin:.4em 0 .4em 1em;padding-left:.6em;border-left:3px "
	"solid #ccc}";

static void html_link_open(out *w, const char *kind, const char *id)
{
	if (!w->o->base)
		return;
	plx_buf_puts(&w->b, "<a href=\"");
	plx_html_esc(&w->b, w->o->base, strlen(w->o->base));
	plx_buf_printf(&w->b, "/%s/", kind);
	/* percent-encoded, then nothing left to escape for the attribute */
	plx_url_enc(&w->b, id, strlen(id));
	plx_buf_puts(&w->b, "\">");
}

static void html_link_close(out *w)
{
	if (w->o->base)
		plx_buf_puts(&w->b, "</a>");
}

static void html_article(out *w, size_t art)
{
	html_link_open(w, "articles", w->c->arts[art].id);
	puts_esc(w, w->c->arts[art].id);
	html_link_close(w);
}

static void render_html(out *w)
{
	const plx_coverage *c = w->c;
	plx_buf *b = &w->b;
	char t0[32];
	if (!w->o->fragment) {
		plx_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
				"<meta charset=\"utf-8\">"
				"<meta http-equiv=\"Content-Security-Policy\" "
				"content=\"default-src 'none'; style-src "
				"'unsafe-inline'\"><title>");
		puts_esc(w, c->headline ? c->headline : "Story");
		plx_buf_printf(b, "</title><style>%s</style></head><body>\n",
			       CSS);
	} else
		plx_buf_puts(b, "<div class=\"px-story\">\n");
	plx_buf_puts(b, "<h1>");
	if (c->id >= 0) {
		char id[32];
		snprintf(id, sizeof id, "%lld", (long long)c->id);
		html_link_open(w, "stories", id);
		plx_buf_printf(b, "Story %s", id);
		html_link_close(w);
		plx_buf_puts(b, ": ");
	}
	puts_esc(w, c->headline ? c->headline : "(untitled story)");
	plx_buf_printf(b,
		       "</h1>\n<p class=\"px-meta\">%zu articles from %zu "
		       "sources; %zu discrepancies</p>\n",
		       c->n_arts, c->n_srcs, c->n_discs);

	/* sources */
	plx_buf_puts(b, "<h2>Sources</h2>\n<table><tr><th>source</th>"
			"<th>articles</th><th>first reported (UTC)</th>"
			"<th>own</th><th>copied</th><th>opinion</th></tr>\n");
	for (size_t s = 0; s < c->n_srcs; s++) {
		const cov_source *src = &c->srcs[s];
		fmt_time(src->first, t0, sizeof t0);
		plx_buf_puts(b, "<tr><td>");
		puts_esc(w, src->name);
		plx_buf_puts(b, "</td><td>");
		for (size_t i = 0; i < src->n_arts; i++) {
			if (i)
				plx_buf_puts(b, "<br>");
			html_article(w, src->arts[i]);
			if (c->arts[src->arts[i]].copy_of >= 0) {
				plx_buf_puts(b, " (copy of ");
				html_article(
					w,
					(size_t)c->arts[src->arts[i]].copy_of);
				plx_buf_puts(b, ")");
			}
		}
		plx_buf_printf(b,
			       "</td><td>%s</td><td>%d%%</td><td>%d%%</td>"
			       "<td>%d%%</td></tr>\n",
			       t0, pct(src->own, src->body),
			       pct(src->copied, src->body),
			       pct(src->opinion, src->body));
	}
	plx_buf_puts(b, "</table>\n");

	/* facts: rows; sources: columns */
	plx_buf_printf(b,
		       "<h2>Facts (%zu)</h2>\n<table><tr><th>carried by</th>",
		       c->n_facts);
	for (size_t s = 0; s < c->n_srcs; s++) {
		plx_buf_puts(b, "<th>");
		puts_esc(w, c->srcs[s].name);
		plx_buf_puts(b, "</th>");
	}
	plx_buf_puts(b, "</tr>\n");
	size_t rows = 0;
	for (size_t f = 0; f < c->n_facts && rows < MAX_HTML_ROWS;
	     f++, rows++) {
		const cov_fact *fa = &c->facts[f];
		int disc = 0;
		for (size_t d = 0; d < c->n_discs; d++)
			disc |= c->discs[d].fact == f;
		plx_buf_printf(b, "<tr class=\"px-%s%s\"><td>%zu</td>",
			       carried(c, fa), disc ? " px-disc" : "",
			       fa->n_srcs);
		for (size_t s = 0; s < c->n_srcs; s++) {
			size_t shown = 0;
			for (size_t v = 0; v < fa->n_v; v++) {
				if (c->arts[fa->v[v].art].src != s)
					continue;
				size_t len;
				const char *t = plx_cov_sentence(
					c, fa->v[v].art, fa->v[v].sentence,
					&len);
				plx_buf_puts(b, shown++ ? " " : "<td>");
				plx_html_esc(b, t, len);
			}
			plx_buf_puts(b, shown ? "</td>"
					      : "<td class=\"none\">"
						"</td>");
		}
		plx_buf_puts(b, "</tr>\n");
	}
	plx_buf_puts(b, "</table>\n");
	if (c->n_facts > rows)
		plx_buf_printf(b,
			       "<p class=\"px-meta\">%zu more facts carried "
			       "by one source each (JSON has them all).</p>\n",
			       c->n_facts - rows);

	if (c->n_discs) {
		plx_buf_printf(b, "<h2>Discrepancies (%zu)</h2>\n<ol>\n",
			       c->n_discs);
		for (size_t d = 0; d < c->n_discs; d++) {
			const cov_disc *di = &c->discs[d];
			size_t len;
			const char *t = disc_text(c, di, &len);
			plx_buf_puts(b, "<li><b>");
			puts_esc(w, di->what);
			plx_buf_puts(b, "</b>: ");
			plx_html_esc(b, t, len);
			plx_buf_puts(b, "<ul>");
			for (size_t v = 0; v < di->n_ver; v++) {
				plx_buf_puts(b, "<li>&ldquo;");
				puts_esc(w, di->ver[v].value);
				plx_buf_puts(b, "&rdquo;: ");
				put_sources_of(w, di->ver[v].arts,
					       di->ver[v].n_arts);
				plx_buf_puts(b, "</li>");
			}
			plx_buf_puts(b, "</ul></li>\n");
		}
		plx_buf_puts(b, "</ol>\n");
	}

	if (c->n_quotes) {
		plx_buf_printf(b, "<h2>Quotes by speaker (%zu)</h2>\n",
			       c->n_quotes);
		const char *prev = "\x01";
		for (size_t q = 0; q < c->n_quotes; q++) {
			const cov_quote *qu = &c->quotes[q];
			const char *sp =
				qu->speaker ? qu->speaker : "(unattributed)";
			if (strcmp(sp, prev) != 0) {
				plx_buf_puts(b, "<h3>");
				if (qu->entity >= 0)
					html_link_open(w, "entities", sp);
				puts_esc(w, sp);
				if (qu->entity >= 0)
					html_link_close(w);
				plx_buf_puts(b, "</h3>\n");
				prev = sp;
			}
			plx_buf_printf(b, "<blockquote id=\"q%zu\">&ldquo;",
				       q + 1);
			plx_html_esc(b, qu->text, quote_len(qu->text));
			plx_buf_puts(b, "&rdquo; <span class=\"px-meta\">");
			put_sources_of(w, qu->arts, qu->n_arts);
			if (qu->part_of >= 0)
				plx_buf_printf(b,
					       "; part of <a href=\"#q%ld\">"
					       "quote %ld</a>",
					       qu->part_of + 1,
					       qu->part_of + 1);
			plx_buf_puts(b, "</span></blockquote>\n");
		}
	}

	if (c->n_ents) {
		plx_buf_printf(b,
			       "<h2>People, organisations, places (%zu)"
			       "</h2>\n<table><tr><th>name</th><th>type</th>"
			       "<th>mentions</th><th>also written</th></tr>\n",
			       c->n_ents);
		for (size_t e = 0; e < c->n_ents; e++) {
			const cov_entity *en = &c->ents[e];
			plx_buf_puts(b, "<tr><td>");
			html_link_open(w, "entities", en->name);
			puts_esc(w, en->name);
			html_link_close(w);
			plx_buf_printf(b, "</td><td>%s</td><td>",
				       plx_entity_type_name(en->type));
			size_t shown = 0;
			for (size_t s = 0; s < c->n_srcs; s++)
				if (en->src_mentions[s]) {
					if (shown++)
						plx_buf_puts(b, ", ");
					puts_esc(w, c->srcs[s].name);
					plx_buf_printf(b, " %zu",
						       en->src_mentions[s]);
				}
			plx_buf_puts(b, "</td><td>");
			for (size_t a = 0; a < en->n_aliases; a++) {
				if (a)
					plx_buf_puts(b, "; ");
				puts_esc(w, en->aliases[a]);
			}
			plx_buf_puts(b, "</td></tr>\n");
		}
		plx_buf_puts(b, "</table>\n");
	}

	if (c->n_ops) {
		plx_buf_printf(b, "<h2>Opinion (%zu)</h2>\n", c->n_ops);
		for (size_t i = 0; i < c->n_ops; i++) {
			const cov_opinion *op = &c->ops[i];
			size_t np, tl;
			const plx_paragraph *ps = plx_article_paragraphs(
				c->arts[op->art].art, &np);
			const char *text =
				plx_article_text(c->arts[op->art].art, &tl);
			plx_buf_puts(b, "<blockquote><b>");
			puts_esc(w, src_name(c, op->art));
			plx_buf_puts(b, "</b> (");
			html_article(w, op->art);
			plx_buf_puts(b, "): ");
			plx_html_esc(b, text + ps[op->paragraph].start,
				     ps[op->paragraph].end -
					     ps[op->paragraph].start);
			plx_buf_puts(b, "</blockquote>\n");
		}
	}

	plx_buf_puts(b, "<h2>Timeline</h2>\n<table><tr><th>time (UTC)</th>"
			"<th>source</th><th>article</th><th>title</th></tr>\n");
	for (size_t k = 0; k < c->n_arts; k++) {
		const cov_article *a = &c->arts[c->tl[k]];
		fmt_time(a->time, t0, sizeof t0);
		plx_buf_printf(b, "<tr><td>%s</td><td>", t0);
		puts_esc(w, a->source);
		plx_buf_puts(b, "</td><td>");
		html_article(w, c->tl[k]);
		plx_buf_puts(b, "</td><td>");
		puts_esc(w, plx_article_title(a->art));
		plx_buf_puts(b, "</td></tr>\n");
	}
	plx_buf_puts(b, "</table>\n");
	plx_buf_puts(b, w->o->fragment ? "</div>\n" : "</body></html>\n");
}

int plx_coverage_render(const plx_coverage *c, plx_format fmt,
			const plx_render_opts *o, char **outp, size_t *len)
{
	*outp = NULL;
	if (len)
		*len = 0;
	if (!c->built)
		return PLX_EINVAL;
	static const plx_render_opts none = {0, 0, NULL};
	out w;
	plx_buf_init(&w.b);
	w.c = c;
	w.o = o ? o : &none;
	w.fmt = fmt;
	switch (fmt) {
	case PLX_FMT_JSON: render_json(&w); break;
	case PLX_FMT_HTML: render_html(&w); break;
	case PLX_FMT_TEXT:
	case PLX_FMT_MARKDOWN: render_readable(&w); break;
	default: return PLX_EINVAL;
	}
	if (w.b.rc) {
		int rc = w.b.rc;
		plx_buf_free(&w.b);
		return rc;
	}
	size_t n;
	char *s = plx_buf_detach(&w.b, &n);
	if (!s)
		return PLX_ENOMEM;
	*outp = s;
	if (len)
		*len = n;
	return PLX_OK;
}
