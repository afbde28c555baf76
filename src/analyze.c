/*
 * analyze.c: the analyzer and the article: runs the stages in order (clean,
 * segment, entity, quote, register) and exposes the result read-only.
 */
#include <libstemmer.h>
#include <string.h>

#include "analyzer.h"
#include "article.h"
#include "clean.h"
#include "entity.h"
#include "quote.h"
#include "reader.h"
#include "register.h"
#include "segment.h"
#include "story.h"
#include "utf8.h"

const char *plx_strerror(int code)
{
	switch (code) {
	case PLX_OK: return "no error";
	case PLX_ENOMEM: return "out of memory";
	case PLX_EINVAL: return "invalid argument";
	case PLX_EIO: return "input/output error";
	case PLX_EFORMAT: return "malformed input";
	case PLX_ETOOBIG: return "input over a size limit";
	case PLX_EEMPTY: return "no text";
	case PLX_EUTF8: return "invalid UTF-8";
	case PLX_ENUL: return "NUL byte in text";
	case PLX_EDB: return "database error";
	case PLX_ENOTFOUND: return "not found";
	default: return "unknown error";
	}
}

void plx_limits_default(plx_limits *out)
{
	out->max_record_bytes = (size_t)8 << 20;
	out->max_line_bytes = (size_t)16 << 20;
	out->max_paragraphs = 4096;
	out->max_quote_bytes = 4096;
	out->max_gzip_ratio = 1000;
	out->max_warc_record_bytes = (size_t)32 << 20;
}

const char *plx_para_kind_name(plx_para_kind k)
{
	static const char *names[] = {"body",    "title",   "masthead",
				      "caption", "related", "credit",
				      "other"};
	return (unsigned)k < sizeof names / sizeof *names ? names[k] : "other";
}

const char *plx_register_name(plx_register r)
{
	return r == PLX_REG_OPINION ? "opinion" : "reporting";
}

const char *plx_entity_type_name(plx_entity_type t)
{
	static const char *names[] = {"person", "org", "place", "other"};
	return (unsigned)t < 4 ? names[t] : "other";
}

/* ---- Analyzer --------------------------------------------------------- */

int plx_analyzer_new(const plx_limits *limits, plx_analyzer **out)
{
	*out = NULL;
	plx_analyzer *a = plx_calloc(1, sizeof *a);
	if (!a)
		return PLX_ENOMEM;
	if (limits)
		a->limits = *limits;
	else
		plx_limits_default(&a->limits);
	int rc = plx_outlets_new(&a->outlets);
	if (rc) {
		plx_free(a);
		return rc;
	}
	a->stemmer = sb_stemmer_new("english", "UTF_8");
	if (!a->stemmer) {
		plx_analyzer_free(a);
		return PLX_ENOMEM;
	}
	*out = a;
	return PLX_OK;
}

int plx_analyzer_load_outlets(plx_analyzer *a, const char *path)
{
	a->err[0] = 0;
	return plx_outlets_load(a->outlets, path, a->err, sizeof a->err);
}

const char *plx_analyzer_errmsg(const plx_analyzer *a)
{
	return a->err;
}

void plx_analyzer_skip(plx_analyzer *a, unsigned skip)
{
	a->skip = skip;
}

void plx_analyzer_free(plx_analyzer *a)
{
	if (!a)
		return;
	plx_outlets_free(a->outlets);
	plx_entity_lex_free(a->entity_lex);
	plx_story_scratch_free(a->story);
	if (a->stemmer)
		sb_stemmer_delete(a->stemmer);
	plx_free(a);
}

/* ---- Article ---------------------------------------------------------- */

#define ADD_ITEM(fn, type, arr, n, cap)                           \
	type *fn(plx_article *a)                                  \
	{                                                         \
		if (plx_grow((void **)&a->arr, &a->cap, a->n + 1, \
			     sizeof(type)))                       \
			return NULL;                              \
		type *p = &a->arr[a->n++];                        \
		memset(p, 0, sizeof *p);                          \
		return p;                                         \
	}

ADD_ITEM(plx_article_add_para, plx_paragraph, paras, n_paras, cap_paras)
ADD_ITEM(plx_article_add_sent, plx_sentence, sents, n_sents, cap_sents)
ADD_ITEM(plx_article_add_tok, plx_token, toks, n_toks, cap_toks)
ADD_ITEM(plx_article_add_ent, plx_entity, ents, n_ents, cap_ents)
ADD_ITEM(plx_article_add_quote, plx_quote, quotes, n_quotes, cap_quotes)

size_t plx_article_sentence_at(const plx_article *a, size_t off)
{
	size_t lo = 0, hi = a->n_sents;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->sents[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < a->n_sents && a->sents[lo].start <= off)
		return lo;
	return PLX_NONE;
}

size_t plx_article_token_at(const plx_article *a, size_t off)
{
	size_t lo = 0, hi = a->n_toks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->toks[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void plx_article_free(plx_article *art)
{
	if (!art)
		return;
	plx_free(art->paras);
	plx_free(art->sents);
	plx_free(art->toks);
	plx_free(art->ents);
	plx_free(art->quotes);
	plx_free(art->sterms);
	plx_arena_free(&art->arena);
	plx_free(art);
}

/* Copies an optional metadata string into the arena, repairing UTF-8 and
 * trimming white space.  NULL or blank stays NULL. */
static int meta(plx_article *art, const char *s, char **dst)
{
	*dst = NULL;
	if (!s)
		return PLX_OK;
	size_t n = strlen(s);
	while (n && (unsigned char)s[n - 1] <= ' ')
		n--;
	while (n && (unsigned char)*s <= ' ')
		s++, n--;
	if (!n)
		return PLX_OK;
	plx_buf b;
	plx_buf_init(&b);
	plx_utf8_repair(&b, s, n);
	if (b.rc)
		return b.rc;
	*dst = plx_arena_strndup(&art->arena, b.data, b.len);
	plx_buf_free(&b);
	return *dst ? PLX_OK : PLX_ENOMEM;
}

/* True when s holds anything but white space. */
static int has_text(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			if ((unsigned char)s[i] > ' ')
				return 1;
			i++;
		} else if (!plx_is_space(plx_utf8_next(s, n, &i)))
			return 1;
	}
	return 0;
}

int plx_analyze(plx_analyzer *an, const plx_record *rec, plx_article **out)
{
	*out = NULL;
	if (!an || !rec || (!rec->text && rec->text_len))
		return PLX_EINVAL;
	if (rec->json) { /* deferred by the reader: parse it first */
		plx_record parsed;
		void *root = NULL;
		plx_buf id;
		plx_buf_init(&id);
		int rc = plx_reader_parse_json(rec->text, rec->text_len,
					       rec->path, rec->line,
					       &an->limits, &parsed, &root, &id,
					       an->err, sizeof an->err);
		if (rc > 0)
			rc = plx_analyze(an, &parsed, out);
		plx_reader_json_free(root);
		plx_buf_free(&id);
		return rc;
	}
	if (rec->text_len > an->limits.max_record_bytes)
		return PLX_ETOOBIG;
	if (rec->text_len && memchr(rec->text, 0, rec->text_len))
		return PLX_ENUL;

	plx_article *art = plx_calloc(1, sizeof *art);
	if (!art)
		return PLX_ENOMEM;
	plx_arena_init(&art->arena);
	art->limits = &an->limits;
	art->title_para = PLX_NONE;

	int rc = PLX_OK;
	plx_buf b;
	plx_buf_init(&b);
	plx_utf8_repair(&b, rec->text ? rec->text : "", rec->text_len);
	if (b.rc) {
		rc = b.rc;
		goto fail;
	}
	art->len = b.len;
	art->text = plx_arena_strndup(&art->arena, b.data ? b.data : "", b.len);
	plx_buf_free(&b);
	if (!art->text) {
		rc = PLX_ENOMEM;
		goto fail;
	}
	if (!has_text(art->text, art->len)) {
		rc = PLX_EEMPTY;
		goto fail;
	}
	if ((rc = meta(art, rec->id, &art->id)) ||
	    (rc = meta(art, rec->path, &art->path)) ||
	    (rc = meta(art, rec->title, &art->title)) ||
	    (rc = meta(art, rec->source, &art->source)) ||
	    (rc = meta(art, rec->date, &art->date)) ||
	    (rc = meta(art, rec->url, &art->url)))
		goto fail;

	if ((rc = plx_clean(an, art)) || (rc = plx_segment(an, art)) ||
	    (rc = plx_entity_find(an, art)) ||
	    (!(an->skip & PLX_SKIP_QUOTES) && (rc = plx_quote_find(an, art))) ||
	    (!(an->skip & PLX_SKIP_REGISTER) &&
	     (rc = plx_register_classify(an, art))) ||
	    (rc = plx_story_terms(an, art)))
		goto fail;
	*out = art;
	return PLX_OK;
fail:
	plx_buf_free(&b);
	plx_article_free(art);
	return rc;
}

int plx_analyze_text(plx_analyzer *a, const char *text, size_t len,
		     const char *path, plx_article **out)
{
	plx_record rec;
	memset(&rec, 0, sizeof rec);
	rec.path = path;
	rec.text = text;
	rec.text_len = len;
	return plx_analyze(a, &rec, out);
}

/* ---- Accessors -------------------------------------------------------- */

const char *plx_article_text(const plx_article *art, size_t *len)
{
	if (len)
		*len = art->len;
	return art->text;
}

const char *plx_article_id(const plx_article *art)
{
	return art->id;
}
const char *plx_article_path(const plx_article *art)
{
	return art->path;
}
const char *plx_article_title(const plx_article *art)
{
	return art->title;
}
const char *plx_article_source(const plx_article *art)
{
	return art->source;
}
const char *plx_article_dateline(const plx_article *art)
{
	return art->dateline;
}
const char *plx_article_date(const plx_article *art)
{
	return art->date;
}
const char *plx_article_url(const plx_article *art)
{
	return art->url;
}

#define ARRAY_ACCESSOR(fn, type, arr, n)                      \
	const type *fn(const plx_article *art, size_t *count) \
	{                                                     \
		*count = art->n;                              \
		return art->arr;                              \
	}

ARRAY_ACCESSOR(plx_article_paragraphs, plx_paragraph, paras, n_paras)
ARRAY_ACCESSOR(plx_article_sentences, plx_sentence, sents, n_sents)
ARRAY_ACCESSOR(plx_article_tokens, plx_token, toks, n_toks)
ARRAY_ACCESSOR(plx_article_entities, plx_entity, ents, n_ents)
ARRAY_ACCESSOR(plx_article_quotes, plx_quote, quotes, n_quotes)
