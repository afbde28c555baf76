/*
 * render_text.c: the readable analysis of one article for an 80-column
 * terminal: header, paragraphs with their labels, entities, quotes.
 */
#include <string.h>

#include "mem.h"
#include "parallax.h"
#include "utf8.h"

/* Text column width for paragraph and quote excerpts. */
#define EXCERPT_COLS 66

#define C_DIM        "\033[2m"
#define C_BOLD       "\033[1m"
#define C_CYAN       "\033[36m"
#define C_YELLOW     "\033[33m"
#define C_RESET      "\033[0m"

/* Appends s[0..n) cut to at most cols characters (with an ellipsis),
 * newlines shown as spaces. */
static void excerpt(plx_buf *b, const char *s, size_t n, size_t cols)
{
	size_t i = 0, chars = 0;
	while (i < n && chars < cols) {
		size_t j = i;
		int32_t c = plx_utf8_next(s, n, &j);
		if (c == '\n' || c == '\t')
			plx_buf_putc(b, ' ');
		else
			plx_buf_put(b, s + i, j - i);
		i = j;
		chars++;
	}
	if (i < n)
		plx_buf_puts(b, "\xE2\x80\xA6");
}

static void field(plx_buf *b, int colour, const char *name, const char *value)
{
	if (!value)
		return;
	plx_buf_printf(b, "%s%s:%s %s\n", colour ? C_DIM : "", name,
		       colour ? C_RESET : "", value);
}

int plx_article_report(const plx_article *art, int colour, char **out,
		       size_t *len)
{
	*out = NULL;
	size_t n, tlen;
	const char *text = plx_article_text(art, &tlen);
	const char *title = plx_article_title(art);
	plx_buf b;
	plx_buf_init(&b);

	plx_buf_printf(&b, "%s%s%s\n", colour ? C_BOLD : "",
		       title ? title : "(untitled)", colour ? C_RESET : "");
	field(&b, colour, "id", plx_article_id(art));
	field(&b, colour, "source", plx_article_source(art));
	field(&b, colour, "dateline", plx_article_dateline(art));
	field(&b, colour, "date", plx_article_date(art));
	field(&b, colour, "url", plx_article_url(art));

	const plx_paragraph *ps = plx_article_paragraphs(art, &n);
	size_t counts[PLX_PARA_OTHER + 1] = {0}, opinion = 0;
	for (size_t i = 0; i < n; i++) {
		counts[ps[i].kind]++;
		if (ps[i].kind == PLX_PARA_BODY && ps[i].reg == PLX_REG_OPINION)
			opinion++;
	}
	plx_buf_printf(&b, "\nParagraphs: %zu body (%zu opinion)", counts[0],
		       opinion);
	for (int k = 1; k <= PLX_PARA_OTHER; k++)
		if (counts[k])
			plx_buf_printf(&b, ", %zu %s", counts[k],
				       plx_para_kind_name((plx_para_kind)k));
	plx_buf_putc(&b, '\n');
	for (size_t i = 0; i < n; i++) {
		const char *label =
			ps[i].kind == PLX_PARA_BODY
				? (ps[i].reg == PLX_REG_OPINION ? "opinion"
								: "body")
				: plx_para_kind_name(ps[i].kind);
		int furniture = ps[i].kind != PLX_PARA_BODY;
		plx_buf_printf(&b, "%3zu %s%-9s%s ", i + 1,
			       colour ? (furniture ? C_DIM
					 : ps[i].reg == PLX_REG_OPINION
						 ? C_YELLOW
						 : "")
				      : "",
			       label, colour ? C_RESET : "");
		excerpt(&b, text + ps[i].start, ps[i].end - ps[i].start,
			EXCERPT_COLS);
		plx_buf_putc(&b, '\n');
	}

	const plx_entity *es = plx_article_entities(art, &n);
	if (n)
		plx_buf_printf(&b, "\nEntities: %zu\n", n);
	for (size_t i = 0; i < n; i++) {
		const plx_entity *e = &es[i];
		plx_buf_printf(&b, "  %-6s %s%s%s (%zu)",
			       plx_entity_type_name(e->type),
			       colour ? C_CYAN : "", e->name,
			       colour ? C_RESET : "", e->n_mentions);
		size_t shown = 0;
		for (size_t k = 0; k < e->n_aliases && shown < 4; k++) {
			if (strcmp(e->aliases[k], e->name) == 0)
				continue;
			plx_buf_printf(&b, "%s%s", shown ? "; " : " aka ",
				       e->aliases[k]);
			shown++;
		}
		plx_buf_putc(&b, '\n');
	}

	const plx_quote *qs = plx_article_quotes(art, &n);
	if (n)
		plx_buf_printf(&b, "\nQuotes: %zu\n", n);
	for (size_t i = 0; i < n; i++) {
		const plx_quote *q = &qs[i];
		plx_buf_printf(&b, "  %s%s%s", colour ? C_CYAN : "",
			       q->speaker ? q->speaker : "(unattributed)",
			       colour ? C_RESET : "");
		if (q->cue)
			plx_buf_printf(&b, " [%s]", q->cue);
		if (q->partial)
			plx_buf_puts(&b, " (partial)");
		plx_buf_puts(&b, "\n    \xE2\x80\x9C");
		excerpt(&b, text + q->start, q->end - q->start, EXCERPT_COLS);
		plx_buf_puts(&b, "\xE2\x80\x9D\n");
	}

	if (b.rc) {
		int rc = b.rc;
		plx_buf_free(&b);
		return rc;
	}
	*out = plx_buf_detach(&b, len);
	return PLX_OK;
}
