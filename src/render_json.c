/*
 * render_json.c: one article as a JSON object (schema: docs/json.md).
 * Offsets are bytes into the article text, like everywhere else.
 */
#include <string.h>

#include "mem.h"
#include "parallax.h"

static void key(plx_buf *b, const char *k, int first)
{
	if (!first)
		plx_buf_putc(b, ',');
	plx_buf_json_str(b, k, strlen(k));
	plx_buf_putc(b, ':');
}

static void str_or_null(plx_buf *b, const char *s)
{
	if (s)
		plx_buf_json_str(b, s, strlen(s));
	else
		plx_buf_puts(b, "null");
}

static void span(plx_buf *b, const char *text, size_t start, size_t end)
{
	plx_buf_json_str(b, text + start, end - start);
}

int plx_article_json(const plx_article *art, char **out, size_t *len)
{
	*out = NULL;
	size_t n, tlen;
	const char *text = plx_article_text(art, &tlen);
	plx_buf b;
	plx_buf_init(&b);

	plx_buf_putc(&b, '{');
	key(&b, "id", 1);
	str_or_null(&b, plx_article_id(art));
	key(&b, "path", 0);
	str_or_null(&b, plx_article_path(art));
	key(&b, "source", 0);
	str_or_null(&b, plx_article_source(art));
	key(&b, "title", 0);
	str_or_null(&b, plx_article_title(art));
	key(&b, "dateline", 0);
	str_or_null(&b, plx_article_dateline(art));
	key(&b, "date", 0);
	str_or_null(&b, plx_article_date(art));
	key(&b, "url", 0);
	str_or_null(&b, plx_article_url(art));

	const plx_paragraph *ps = plx_article_paragraphs(art, &n);
	key(&b, "paragraphs", 0);
	plx_buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		plx_buf_puts(&b, i ? ",{" : "{");
		key(&b, "text", 1);
		span(&b, text, ps[i].start, ps[i].end);
		key(&b, "kind", 0);
		str_or_null(&b, plx_para_kind_name(ps[i].kind));
		key(&b, "register", 0);
		str_or_null(&b, plx_register_name(ps[i].reg));
		plx_buf_printf(&b,
			       ",\"opinion\":%.3f,\"start\":%zu,\"end\":%zu}",
			       (double)ps[i].opinion, ps[i].start, ps[i].end);
	}
	plx_buf_putc(&b, ']');

	const plx_sentence *ss = plx_article_sentences(art, &n);
	key(&b, "sentences", 0);
	plx_buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++)
		plx_buf_printf(&b,
			       "%s{\"start\":%zu,\"end\":%zu,\"paragraph\":%zu,"
			       "\"register\":\"%s\",\"opinion\":%.3f}",
			       i ? "," : "", ss[i].start, ss[i].end,
			       ss[i].paragraph, plx_register_name(ss[i].reg),
			       (double)ss[i].opinion);
	plx_buf_putc(&b, ']');

	const plx_entity *es = plx_article_entities(art, &n);
	key(&b, "entities", 0);
	plx_buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		const plx_entity *e = &es[i];
		plx_buf_puts(&b, i ? ",{" : "{");
		key(&b, "name", 1);
		str_or_null(&b, e->name);
		key(&b, "key", 0);
		str_or_null(&b, e->key);
		key(&b, "type", 0);
		str_or_null(&b, plx_entity_type_name(e->type));
		key(&b, "aliases", 0);
		plx_buf_putc(&b, '[');
		for (size_t k = 0; k < e->n_aliases; k++) {
			if (k)
				plx_buf_putc(&b, ',');
			str_or_null(&b, e->aliases[k]);
		}
		plx_buf_putc(&b, ']');
		key(&b, "mentions", 0);
		plx_buf_putc(&b, '[');
		for (size_t k = 0; k < e->n_mentions; k++) {
			const plx_mention *m = &e->mentions[k];
			plx_buf_puts(&b, k ? ",{" : "{");
			key(&b, "text", 1);
			span(&b, text, m->start, m->end);
			plx_buf_printf(
				&b,
				",\"start\":%zu,\"end\":%zu,\"sentence\":%zu}",
				m->start, m->end, m->sentence);
		}
		plx_buf_puts(&b, "]}");
	}
	plx_buf_putc(&b, ']');

	const plx_quote *qs = plx_article_quotes(art, &n);
	key(&b, "quotes", 0);
	plx_buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		const plx_quote *q = &qs[i];
		plx_buf_puts(&b, i ? ",{" : "{");
		key(&b, "text", 1);
		span(&b, text, q->start, q->end);
		key(&b, "speaker", 0);
		str_or_null(&b, q->speaker);
		key(&b, "cue", 0);
		str_or_null(&b, q->cue);
		plx_buf_printf(
			&b,
			",\"partial\":%s,\"paragraph\":%zu,\"start\":%zu,"
			"\"end\":%zu,\"speaker_entity\":%ld,"
			"\"speaker_start\":%zu,\"speaker_end\":%zu,"
			"\"cue_start\":%zu,\"cue_end\":%zu}",
			q->partial ? "true" : "false", q->paragraph, q->start,
			q->end, q->speaker_entity, q->speaker_start,
			q->speaker_end, q->cue_start, q->cue_end);
	}
	plx_buf_puts(&b, "]}");

	if (b.rc) {
		int rc = b.rc;
		plx_buf_free(&b);
		return rc;
	}
	*out = plx_buf_detach(&b, len);
	return PLX_OK;
}
