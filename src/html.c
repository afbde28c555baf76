/*
 * html.c: article extraction from a web page, before the clean stage: the
 * body as paragraphs (blank-line separated, as the text reader gives them)
 * and title, byline, date, site name, canonical URL and language.
 *
 * Design.  libxml2's HTML parser (the one lxml-based extractors use) builds
 * the tree, recovering from broken markup and converting the page's
 * character set to UTF-8: valid UTF-8 is read as UTF-8; otherwise the
 * declared charset (BOM, <?xml encoding>, <meta charset> or http-equiv),
 * else windows-1252, as browsers do.  Output is repaired to valid UTF-8.
 * Then two walks, both iterative (no recursion, so depth costs nothing but
 * the tree itself):
 *
 * 1. One walk over the whole tree gathers metadata (<meta> Open Graph,
 *    Twitter and Dublin Core names, JSON-LD Article objects read with
 *    jansson, <link rel=canonical>, <html lang>, <title>, the first <h1>
 *    and <time datetime>, a byline element) and, bottom-up, per-element
 *    counts: visible characters, characters inside links, commas, <p>,
 *    <img> and <li> descendants.  Regions that are never body are marked
 *    and their text not counted: scripts and styles, <nav>, <aside>,
 *    <footer>, <header>, <figure> and <figcaption>, forms' controls, hidden
 *    elements (hidden, aria-hidden, display:none), navigation roles, and
 *    elements whose class or id says comment, related, share, promo, ad,
 *    cookie, newsletter, sidebar, caption, credit, legends... (unless it
 *    also says article, body, content or main, or schema.org's itemprop
 *    says articleBody; never inside <pre>, <code> or a table, where class
 *    names are a highlighter's or a table's; a class that says what an
 *    element lacks, no-sidebar or no_caption, is no hint).
 *    When a paragraph-like element closes (p, pre, td, h2-h6, section, or a
 *    div with no block children) with at least 25 characters (a space
 *    between words counts as one), it gives 2 + commas + min(chars / 100, 3)
 *    points to its parent (a <div> holding
 *    only that <p> counts as the <p> itself), half to its
 *    grandparent and 1/(3 level) to ancestors up to PLX_HTML_SCORE_LEVELS;
 *    a container starts from a tag prior (div +5, pre/td/blockquote +3,
 *    lists and forms -3, headings -5) plus +-25 for each of its class and
 *    id that looks like content (article, content, entry, post, story,
 *    body, text...) or not (comment, footer, sidebar, related, promo...).
 *    That is Readability's scoring (Mozilla's reader view), in one pass.
 * 2. The best container by score * (1 - link density) is taken, moved up
 *    to the nearest ancestor holding two more of the five best candidates
 *    that score within 3/4 of it (a body split into steps or sections),
 *    or to an ancestor that scores nearly as well (the text was split into
 *    several blocks), and joined by its siblings that score at least a
 *    fifth of it, are link-poor paragraphs (<p>, or a <div> of text), or
 *    hold a container of the best one's class (a body cut by figures);
 *    of the article's own <header>, and of a sibling box before the
 *    content that holds the headline (an h1 that says the title), only the
 *    standfirst is written.  One
 *    walk over that subtree writes the paragraphs, leaving out the marked
 *    regions and containers that look like furniture (Readability's
 *    conditional cleaning: many links, many images for little text, short
 *    link-free boxes but not a heading's, lists of links hinted as
 *    furniture, short boxes named share; a box whose text is nine tenths
 *    lists is judged as a list; nothing in a data table is furniture, not
 *    even an infobox of links).  Each paragraph written is then checked for
 *    furniture the markup did not give away (the seeds' kinds, as
 *    newspaper pages write them): a related-link line ("Read more:",
 *    "RELATED:" with a link), a credit line ("Reporting by", "...
 *    contributed to this report.", a copyright notice, "Originally
 *    published at"), the masthead (the site's name alone), a reading time,
 *    a byline or date line among the first paragraphs (the byline becomes
 *    metadata when the page gave none), and the text beside an image in an
 *    image box (a caption without <figcaption>).
 * Metadata comes first from JSON-LD, then from <meta>, then from the page
 * itself (<title> cut at a site-name separator, the byline element, <time>);
 * a byline element inside a skipped region (a credit bar, an aside, but
 * not comments) is the last resort.  The byline element is not body, nor
 * is a short box with a byline hint around it ("By <a>Name</a>, Desk").
 *
 * Known limits: pages built by scripts have no body in their HTML; a
 * listing page (many short teasers) gives its biggest teaser; a body split
 * by a big non-content block may lose its far part; comments that look
 * like articles (long, comma-rich, unmarked) can win over a short article;
 * libxml2 allocates the tree with malloc, outside the plx_malloc hook, and
 * its failure to allocate reads as an unparseable page (PLX_EFORMAT).
 */
#include "html.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "utf8.h"

/* ---- Tags ------------------------------------------------------------- */

enum {
	T_OTHER = 0,
	T_A,
	T_ARTICLE,
	T_ASIDE,
	T_BLOCKQUOTE,
	T_BODY,
	T_BR,
	T_BUTTON,
	T_CODE,
	T_DIV,
	T_DL,
	T_FIGCAPTION,
	T_FIGURE,
	T_FOOTER,
	T_FORM,
	T_H1,
	T_H2,
	T_HEAD,
	T_HEADER,
	T_HR,
	T_HTML,
	T_IMG,
	T_LI,
	T_LINK,
	T_MAIN,
	T_META,
	T_NAV,
	T_OL,
	T_P,
	T_PRE,
	T_SCRIPT,
	T_SECTION,
	T_TABLE,
	T_TD,
	T_TIME,
	T_TITLE,
	T_TR,
	T_UL,
	T_JUNK,
	T_BLOCK
};

typedef struct tagname {
	const char *name;
	unsigned char tag;
} tagname;

/* Sorted for bsearch.  T_JUNK: never text (its content is never looked
 * at); T_BLOCK: other block elements (a paragraph break). */
static const tagname TAGS[] = {
	{"a", T_A},
	{"address", T_BLOCK},
	{"annotation", T_JUNK},
	{"annotation-xml", T_JUNK},
	{"applet", T_JUNK},
	{"article", T_ARTICLE},
	{"aside", T_ASIDE},
	{"audio", T_JUNK},
	{"blockquote", T_BLOCKQUOTE},
	{"body", T_BODY},
	{"br", T_BR},
	{"button", T_BUTTON},
	{"canvas", T_JUNK},
	{"caption", T_BLOCK},
	{"center", T_BLOCK},
	{"code", T_CODE},
	{"dd", T_BLOCK},
	{"details", T_BLOCK},
	{"dialog", T_JUNK},
	{"div", T_DIV},
	{"dl", T_DL},
	{"dt", T_BLOCK},
	{"embed", T_JUNK},
	{"fieldset", T_BLOCK},
	{"figcaption", T_FIGCAPTION},
	{"figure", T_FIGURE},
	{"footer", T_FOOTER},
	{"form", T_FORM},
	{"frameset", T_JUNK},
	{"h1", T_H1},
	{"h2", T_H2},
	{"h3", T_H2},
	{"h4", T_H2},
	{"h5", T_H2},
	{"h6", T_H2},
	{"head", T_HEAD},
	{"header", T_HEADER},
	{"hr", T_HR},
	{"html", T_HTML},
	{"iframe", T_JUNK},
	{"img", T_IMG},
	{"input", T_JUNK},
	{"li", T_LI},
	{"link", T_LINK},
	{"main", T_MAIN},
	{"map", T_JUNK},
	{"menu", T_NAV},
	{"meta", T_META},
	{"nav", T_NAV},
	{"noscript", T_JUNK},
	{"object", T_JUNK},
	{"ol", T_OL},
	{"option", T_JUNK},
	{"p", T_P},
	{"picture", T_JUNK},
	{"pre", T_PRE},
	{"script", T_SCRIPT},
	{"section", T_SECTION},
	{"select", T_JUNK},
	{"style", T_JUNK},
	{"summary", T_BLOCK},
	{"svg", T_JUNK},
	{"table", T_TABLE},
	{"tbody", T_BLOCK},
	{"td", T_TD},
	{"template", T_JUNK},
	{"textarea", T_JUNK},
	{"tfoot", T_BLOCK},
	{"th", T_TD},
	{"thead", T_BLOCK},
	{"time", T_TIME},
	{"title", T_TITLE},
	{"tr", T_TR},
	{"ul", T_UL},
	{"video", T_JUNK},
};

static int tag_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const tagname *)e)->name);
}

static int tag_of(const xmlNode *n)
{
	const tagname *t = bsearch(n->name, TAGS, sizeof TAGS / sizeof *TAGS,
				   sizeof *TAGS, tag_cmp);
	return t ? t->tag : T_OTHER;
}

/* Elements that break paragraphs. */
static int is_block(int t)
{
	switch (t) {
	case T_ARTICLE:
	case T_ASIDE:
	case T_BLOCKQUOTE:
	case T_BODY:
	case T_DIV:
	case T_DL:
	case T_FIGCAPTION:
	case T_FIGURE:
	case T_FOOTER:
	case T_FORM:
	case T_H1:
	case T_H2:
	case T_HEADER:
	case T_HR:
	case T_LI:
	case T_MAIN:
	case T_NAV:
	case T_OL:
	case T_P:
	case T_PRE:
	case T_SECTION:
	case T_TABLE:
	case T_TD:
	case T_TR:
	case T_UL:
	case T_BLOCK:
	case T_BR: return 1;
	}
	return 0;
}

/* ---- Class and id hints ----------------------------------------------- */

/* Words of class/id (split at anything not a letter or digit) that mark a
 * region as never body; matched as substrings when long (comment matches
 * "comments-list"), as whole words when short ("ad" must not match
 * "header" or "shadow"). */
static const char *const SKIP_SUB[] = {
	"comment", "disqus", "sidebar", "related", "breadcrumb", "banner",
	"masthead", "popup", "modal", "pagination", "pager", "gdpr", "consent",
	"cookie", "newsletter", "subscribe", "signup", "promo", "sponsor",
	"advert", "outbrain", "taboola", "social", "caption", "credit",
	"contributor", "footer", "header", "navbar", "menu", "recommend",
	"most-read", "mostread", "most-popular", "mostpopular", "trending",
	"skyscraper", "shoutbox", "paywall", "toolbar", "byline",
	/* the rest of Readability's unlikely candidates */
	"legends", "community", "cover-wrap", "remark", "replies",
	"supplemental", "agegate", "yom-remote", "ai2html", "ad-break", "combx",
	"-ad-", NULL};
static const char *const SKIP_WORD[] = {"ad",    "ads",   "nav",    "tags",
					"tools", "print", "hidden", NULL};
/* Lists of other articles, whatever else the name says ("article" in
 * c-article-most-popular names the page's part, not the body). */
static const char *const LISTS_SUB[] = {
	"most-popular",    "mostpopular",     "most-read",       "mostread",
	"related-article", "relatedarticle",  "related-post",    "relatedpost",
	"related-stor",    "related-content", "related_article", NULL};
/* ...unless they also say this. */
static const char *const MAYBE_SUB[] = {"article", "body",   "content",
					"main",    "column", "story-body",
					"mathjax", NULL};
static const char *const POS_SUB[] = {"article", "body", "content", "entry",
				      "hentry",  "main", "page",    "post",
				      "text",    "blog", "story",   NULL};
static const char *const NEG_SUB[] = {
	"hidden",  "banner",   "combx", "comment",  "contact",  "footer",
	"gdpr",    "masthead", "media", "meta",     "outbrain", "promo",
	"related", "scroll",   "share", "shoutbox", "sidebar",  "skyscraper",
	"sponsor", "shopping", "tags",  "widget",   "cookie",   "newsletter",
	"caption", "credit",   NULL};
static const char *const NEG_WORD[] = {"ad", "ads", "nav", NULL};
/* Sharing boxes: dropped inside the content when short. */
static const char *const SHARE_WORD[] = {"share", "sharedaddy", NULL};

/* Lower-cases an attribute into buf (cut at size-1). */
static size_t lower_attr(const xmlChar *v, char *buf, size_t size)
{
	size_t n = 0;
	if (v)
		for (; v[n] && n + 1 < size; n++)
			buf[n] = (char)((v[n] >= 'A' && v[n] <= 'Z') ? v[n] + 32
								     : v[n]);
	buf[n] = 0;
	return n;
}

/* Blanks the class names that say what an element lacks ("no-sidebar",
 * "no_caption"): they are no hint of what it is. */
static void drop_negated(char *s)
{
	for (char *p = s; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		char *w = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if (p - w > 3 && w[0] == 'n' && w[1] == 'o' &&
		    (w[2] == '-' || w[2] == '_'))
			memset(w, ' ', (size_t)(p - w));
	}
}

static int has_sub(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strstr(s, *list))
			return 1;
	return 0;
}

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int has_word(const char *s, const char *const *list)
{
	for (const char *p = s; *p;) {
		while (*p && !is_alnum(*p))
			p++;
		const char *w = p;
		while (is_alnum(*p))
			p++;
		size_t n = (size_t)(p - w);
		for (const char *const *l = list; n && *l; l++)
			if (strlen(*l) == n && memcmp(*l, w, n) == 0)
				return 1;
	}
	return 0;
}

static int weight_of(const char *s)
{
	if (!*s)
		return 0;
	int w = 0;
	if (has_sub(s, NEG_SUB) || has_word(s, NEG_WORD))
		w -= 25;
	if (has_sub(s, POS_SUB))
		w += 25;
	return w;
}

/* ---- Node table --------------------------------------------------------- */

enum {
	F_SKIP = 1,     /* never body (its text is not counted) */
	F_HARD = 2,     /* skipped region whose metadata is not trusted */
	F_CAND = 4,     /* has a score */
	F_BLOCKS = 8,   /* has a block child */
	F_SEL = 16,     /* chosen for output */
	F_BYLINE = 32,  /* byline candidate */
	F_LINKCTX = 64, /* an <a> (link text is counted below it) */
	F_BYLINE2 = 128 /* byline candidate in a skipped region: a fallback */
};

typedef struct ninfo {
	float score;
	uint32_t text, link, commas; /* visible characters, in links, commas */
	uint32_t listed;             /* visible characters in <ul> and <ol> */
	uint32_t headed;             /* visible characters in headings */
	uint16_t paras, imgs, lis;   /* descendants (saturating) */
	uint8_t tag, flags;
	uint8_t share;  /* class or id has the word share (a sharing box) */
	uint8_t head;   /* the headline's box beside the content: its standfirst
			 */
	int16_t weight; /* class/id hints */
} ninfo;

enum { M_TITLE, M_BYLINE, M_DATE, M_SITE, M_URL, M_LANG, M_N };

typedef struct meta {
	char *v[M_N];
	int rank[M_N]; /* lower wins among sources of one kind */
} meta;

typedef struct ctx {
	ninfo *nodes;
	size_t n, cap;
	xmlNode **cands; /* elements with a score */
	size_t n_cands, cap_cands;
	int skip;    /* depth of F_SKIP regions we are in */
	int hard;    /* depth of F_HARD regions */
	int in_link; /* depth of <a> */
	int in_code; /* depth of <pre>, <code> and <table> */
	xmlNode *body;
	plx_arena *arena;
	int rc;          /* sticky */
	meta ld, mt, pg; /* metadata from JSON-LD, <meta>, the page */
	char *h1;
	const xmlNode *h1_at;     /* the element that gave h1 */
	char *byline2;            /* a byline found in a skipped region */
	const xmlNode *byline_at; /* the element that gave the page's byline */
	char *ld_name; /* JSON-LD name, when it differs from its headline */
	/* output */
	plx_buf out;
	int in_para, space, nodrop;
	size_t pstart, plink; /* current paragraph: start in out, link bytes */
	size_t npara;         /* paragraphs written */
	int relaxed;          /* second try: no skipping by class or id */
	int in_header;        /* writing a standfirst (standfirst) */
	const xmlNode *in_data; /* the data table being written, if any */
} ctx;

static ninfo *info(const ctx *c, const xmlNode *n)
{
	uintptr_t i =
		n && n->type == XML_ELEMENT_NODE ? (uintptr_t)n->_private : 0;
	return i && i <= c->n ? &c->nodes[i - 1] : NULL;
}

static const char *attr_val(const xmlAttr *a)
{
	return a->children && a->children->content
		       ? (const char *)a->children->content
		       : "";
}

static const char *get_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcasecmp((const char *)a->name, name) == 0)
			return attr_val(a);
	return NULL;
}

/* Whitespace collapsed and trimmed, cut to PLX_HTML_MAX_META bytes (at a
 * character boundary), invalid UTF-8 repaired; NULL when empty. */
static char *clean_str(ctx *c, const char *s, size_t n)
{
	plx_buf b;
	plx_buf_init(&b);
	int space = 0;
	for (size_t i = 0; i < n && b.len < PLX_HTML_MAX_META; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
		    ch == '\f' || ch == '\v') {
			space = 1;
			continue;
		}
		if (space && b.len)
			plx_buf_putc(&b, ' ');
		space = 0;
		plx_buf_putc(&b, (char)ch);
	}
	if (b.len >= PLX_HTML_MAX_META) { /* cut: drop a cut character */
		size_t k = b.len;
		while (k && ((unsigned char)b.data[k - 1] & 0xC0) == 0x80)
			k--;
		if (k) {
			unsigned char lead = (unsigned char)b.data[k - 1];
			size_t need = lead >= 0xF0   ? 4
				      : lead >= 0xE0 ? 3
				      : lead >= 0xC0 ? 2
						     : 1;
			if (k - 1 + need > b.len)
				b.len = k - 1;
		}
	}
	char *r = NULL;
	if (b.rc)
		c->rc = PLX_ENOMEM;
	else if (b.len) {
		plx_buf fixed;
		plx_buf_init(&fixed);
		plx_utf8_repair(&fixed, b.data, b.len);
		if (fixed.rc ||
		    !(r = plx_arena_strndup(c->arena, fixed.data, fixed.len)))
			c->rc = PLX_ENOMEM;
		plx_buf_free(&fixed);
	}
	plx_buf_free(&b);
	return r;
}

static void set_meta(ctx *c, meta *m, int field, int rank, const char *s)
{
	if (!s || (m->v[field] && m->rank[field] <= rank))
		return;
	char *v = clean_str(c, s, strlen(s));
	if (v) {
		m->v[field] = v;
		m->rank[field] = rank;
	}
}

/* Text content of a subtree (no scripts or styles), at most max bytes. */
static void node_text(const xmlNode *top, plx_buf *b, size_t max)
{
	const xmlNode *n = top->children;
	if (!n)
		return;
	for (;;) {
		int down = 0;
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				plx_buf_puts(b, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			int t = tag_of(n);
			down = t != T_JUNK && t != T_SCRIPT;
			if (is_block(t))
				plx_buf_putc(b, ' ');
		}
		if (b->len > max || b->rc)
			return;
		if (down && n->children) {
			n = n->children;
			continue;
		}
		while (!n->next) {
			n = n->parent;
			if (!n || n == top)
				return;
		}
		n = n->next;
	}
}

static char *text_of(ctx *c, const xmlNode *n, size_t max)
{
	plx_buf b;
	plx_buf_init(&b);
	node_text(n, &b, max);
	char *r = b.rc ? NULL : clean_str(c, b.data ? b.data : "", b.len);
	if (b.rc)
		c->rc = PLX_ENOMEM;
	plx_buf_free(&b);
	return r;
}

/* ---- Metadata ------------------------------------------------------------ */

typedef struct metakey {
	const char *key; /* lower case, '.' made ':' */
	int field, rank;
} metakey;

/* Readability's preferences, then a few more names seen on news sites. */
static const metakey META_KEYS[] = {
	{"dc:title", M_TITLE, 0},
	{"dcterm:title", M_TITLE, 1},
	{"og:title", M_TITLE, 2},
	{"weibo:article:title", M_TITLE, 3},
	{"weibo:webpage:title", M_TITLE, 4},
	{"title", M_TITLE, 5},
	{"twitter:title", M_TITLE, 6},
	{"parsely-title", M_TITLE, 7},
	{"dc:creator", M_BYLINE, 0},
	{"dcterm:creator", M_BYLINE, 1},
	{"author", M_BYLINE, 2},
	{"parsely-author", M_BYLINE, 3},
	{"article:author", M_BYLINE, 4},
	{"byl", M_BYLINE, 5},
	{"sailthru:author", M_BYLINE, 6},
	{"article:published_time", M_DATE, 0},
	{"parsely-pub-date", M_DATE, 1},
	{"datepublished", M_DATE, 2},
	{"og:article:published_time", M_DATE, 3},
	{"dc:date", M_DATE, 4},
	{"dcterms:created", M_DATE, 5},
	{"pubdate", M_DATE, 6},
	{"publish-date", M_DATE, 7},
	{"date", M_DATE, 8},
	{"sailthru:date", M_DATE, 9},
	{"og:site_name", M_SITE, 0},
	{"og:url", M_URL, 1},
	{"article:author_name", M_BYLINE, 7},
	{"og:article:author", M_BYLINE, 8},
	{"twitter:url", M_URL, 2},
};

/* A <meta> key; prop: it came from a property attribute, which wins over
 * the same key in a name attribute (as in Readability). */
static void meta_key(ctx *c, const char *key, size_t n, const char *content,
		     int prop)
{
	char k[64];
	if (n == 0 || n >= sizeof k)
		return;
	for (size_t i = 0; i < n; i++) {
		char ch = key[i];
		k[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32)
		       : ch == '.'            ? ':'
					      : ch;
	}
	k[n] = 0;
	for (size_t i = 0; i < sizeof META_KEYS / sizeof *META_KEYS; i++)
		if (strcmp(k, META_KEYS[i].key) == 0) {
			int f = META_KEYS[i].field;
			int rank = META_KEYS[i].rank * 2 + !prop;
			if (f == M_BYLINE && strncmp(content, "http", 4) == 0)
				return; /* article:author is often a URL */
			const char *had = c->mt.v[f];
			if (f == M_BYLINE && had && c->mt.rank[f] == rank &&
			    strlen(had) + strlen(content) < 400 &&
			    !strstr(had, content)) {
				/* The same key again: one more author. */
				char both[512];
				size_t hn = strlen(had);
				memcpy(both, had, hn);
				memcpy(both + hn, "; ", 2);
				memcpy(both + hn + 2, content,
				       strlen(content) + 1);
				c->mt.v[f] = NULL;
				set_meta(c, &c->mt, f, rank, both);
				return;
			}
			set_meta(c, &c->mt, f, rank, content);
			return;
		}
}

static void meta_tag(ctx *c, const xmlNode *n)
{
	const char *content = get_attr(n, "content");
	if (!content)
		return;
	const char *equiv = get_attr(n, "http-equiv");
	if (equiv && strcasecmp(equiv, "content-language") == 0)
		set_meta(c, &c->mt, M_LANG, 1, content);
	/* property may list several names; name and itemprop hold one. */
	const char *names[3] = {get_attr(n, "property"), get_attr(n, "name"),
				get_attr(n, "itemprop")};
	for (int j = 0; j < 3; j++) {
		const char *p = names[j];
		while (p && *p) {
			while (*p == ' ' || *p == '\t' || *p == '\n')
				p++;
			const char *w = p;
			while (*p && *p != ' ' && *p != '\t' && *p != '\n')
				p++;
			meta_key(c, w, (size_t)(p - w), content, j == 0);
		}
	}
}

static int ld_is_article(const json_t *type)
{
	if (json_is_array(type)) {
		size_t i;
		json_t *v;
		json_array_foreach(type, i, v) if (ld_is_article(v)) return 1;
		return 0;
	}
	const char *s = json_string_value(type);
	if (!s)
		return 0;
	size_t n = strlen(s);
	return (n >= 7 && strcmp(s + n - 7, "Article") == 0) ||
	       (n >= 7 && strcmp(s + n - 7, "Posting") == 0) ||
	       strcmp(s, "Report") == 0 || strcmp(s, "APIReference") == 0;
}

/* Person names of an author value: a string, {name}, or an array. */
static void ld_names(const json_t *v, plx_buf *b, int depth)
{
	if (depth > 2)
		return;
	if (json_is_string(v)) {
		if (b->len)
			plx_buf_puts(b, ", ");
		plx_buf_puts(b, json_string_value(v));
	} else if (json_is_object(v)) {
		ld_names(json_object_get(v, "name"), b, depth + 1);
	} else if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) ld_names(x, b, depth + 1);
	}
}

/* Finds the Article object of a JSON-LD value (itself, an array item or
 * an @graph item). */
static const json_t *ld_find(const json_t *v, int depth)
{
	if (depth > 3)
		return NULL;
	if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
		{
			const json_t *r = ld_find(x, depth + 1);
			if (r)
				return r;
		}
		return NULL;
	}
	if (!json_is_object(v))
		return NULL;
	if (ld_is_article(json_object_get(v, "@type")))
		return v;
	return ld_find(json_object_get(v, "@graph"), depth + 1);
}

static void json_ld(ctx *c, const xmlNode *n)
{
	if (c->ld.v[M_TITLE] || c->ld.v[M_BYLINE] || c->ld.v[M_DATE])
		return; /* the first Article wins */
	plx_buf b;
	plx_buf_init(&b);
	node_text(n, &b, PLX_HTML_MAX_BYTES);
	/* Some pages wrap it in <![CDATA[ ]]> (as Readability, dropped). */
	const char *js = b.data ? b.data : "";
	size_t jn = b.rc ? 0 : b.len;
	while (jn && (*js == ' ' || *js == '\n' || *js == '\r' || *js == '\t'))
		js++, jn--;
	if (jn >= 9 && !memcmp(js, "<![CDATA[", 9))
		js += 9, jn -= 9;
	while (jn && (js[jn - 1] == ' ' || js[jn - 1] == '\n' ||
		      js[jn - 1] == '\r' || js[jn - 1] == '\t'))
		jn--;
	if (jn >= 3 && !memcmp(js + jn - 3, "]]>", 3))
		jn -= 3;
	json_t *root = b.rc ? NULL : json_loadb(js, jn, 0, NULL);
	const json_t *art = ld_find(root, 0);
	if (art) {
		const char *h =
			json_string_value(json_object_get(art, "headline"));
		const char *nm =
			json_string_value(json_object_get(art, "name"));
		set_meta(c, &c->ld, M_TITLE, 0, h ? h : nm);
		if (h && nm && strcmp(h, nm) != 0)
			c->ld_name = clean_str(c, nm, strlen(nm));
		plx_buf names;
		plx_buf_init(&names);
		ld_names(json_object_get(art, "author"), &names, 0);
		if (names.len && !names.rc)
			set_meta(c, &c->ld, M_BYLINE, 0, names.data);
		plx_buf_free(&names);
		set_meta(c, &c->ld, M_DATE, 0,
			 json_string_value(
				 json_object_get(art, "datePublished")));
		const json_t *pub = json_object_get(art, "publisher");
		if (json_is_object(pub))
			set_meta(c, &c->ld, M_SITE, 0,
				 json_string_value(
					 json_object_get(pub, "name")));
		set_meta(c, &c->ld, M_URL, 3,
			 json_string_value(json_object_get(art, "url")));
	}
	json_decref(root);
	plx_buf_free(&b);
}

/* Readability's cut of a <title>: "Headline | Site" gives the headline,
 * unless that leaves too few words. */
static int count_words(const char *s, size_t n)
{
	int w = 0, in = 0;
	for (size_t i = 0; i < n; i++) {
		int sp = s[i] == ' ';
		w += !sp && !in;
		in = !sp;
	}
	return w;
}

static char *cut_title(ctx *c, char *t)
{
	static const char *const SEPS[] = {" | ",
					   " - ",
					   " \xe2\x80\x93 ",
					   " \xe2\x80\x94 ",
					   " \\ ",
					   " / ",
					   " > ",
					   " \xc2\xbb ",
					   NULL};
	const char *first = NULL, *last = NULL;
	size_t first_len = 0;
	for (const char *const *s = SEPS; *s; s++)
		for (const char *p = strstr(t, *s); p; p = strstr(p + 1, *s)) {
			if (!first || p < first)
				first = p, first_len = strlen(*s);
			if (!last || p > last)
				last = p;
		}
	if (!first)
		return t;
	size_t n = (size_t)(last - t);
	const char *s = t;
	if (count_words(t, n) < 3) {
		s = first + first_len;
		n = strlen(s);
	}
	if (count_words(s, n) <= 4)
		return t;
	char *r = plx_arena_strndup(c->arena, s, n);
	if (!r)
		c->rc = PLX_ENOMEM;
	return r ? r : t;
}

/* ---- Pass 1: metadata, counts, scores ------------------------------------ */

static int tag_prior(int t)
{
	switch (t) {
	case T_DIV: return 5;
	case T_PRE:
	case T_TD:
	case T_BLOCKQUOTE: return 3;
	case T_OL:
	case T_UL:
	case T_DL:
	case T_LI:
	case T_FORM: return -3;
	case T_H1:
	case T_H2: return -5;
	}
	return 0;
}

static int enter(ctx *c, xmlNode *n)
{
	if (c->n >= PLX_HTML_MAX_NODES) {
		c->rc = PLX_ETOOBIG;
		return 0;
	}
	if (c->n == c->cap &&
	    plx_grow((void **)&c->nodes, &c->cap, c->n + 1, sizeof *c->nodes)) {
		c->rc = PLX_ENOMEM;
		return 0;
	}
	ninfo *I = &c->nodes[c->n];
	memset(I, 0, sizeof *I);
	n->_private = (void *)(uintptr_t)++c->n;
	int t = tag_of(n), flags = 0, down = 1;
	I->tag = (uint8_t)t;
	switch (t) {
	case T_SCRIPT: {
		const char *type = get_attr(n, "type");
		if (type && strcasecmp(type, "application/ld+json") == 0)
			json_ld(c, n);
	}
		/* fall through */
	case T_JUNK:
		flags = F_SKIP | F_HARD;
		down = 0;
		break;
	case T_META: meta_tag(c, n); return 0;
	case T_LINK: {
		const char *rel = get_attr(n, "rel");
		if (rel && strcasecmp(rel, "canonical") == 0)
			set_meta(c, &c->mt, M_URL, 0, get_attr(n, "href"));
		return 0;
	}
	case T_TITLE:
		if (!c->pg.v[M_TITLE])
			c->pg.v[M_TITLE] = text_of(c, n, PLX_HTML_MAX_META);
		flags = F_SKIP | F_HARD;
		down = 0;
		break;
	case T_HTML: set_meta(c, &c->pg, M_LANG, 0, get_attr(n, "lang")); break;
	case T_HEAD: flags = F_SKIP | F_HARD; break;
	case T_BODY: c->body = n; break;
	case T_A: c->in_link++; break;
	case T_IMG: I->imgs = 1; break;
	case T_P: I->paras = 1; break;
	case T_LI: I->lis = 1; break;
	case T_NAV:
	case T_ASIDE:
	case T_FOOTER:
	case T_FIGURE:
	case T_FIGCAPTION:
	case T_BUTTON: flags = F_SKIP | F_HARD; break;
	case T_HEADER: flags = F_SKIP; break;
	case T_TIME:
		if (!c->hard)
			set_meta(c, &c->pg, M_DATE, 0, get_attr(n, "datetime"));
		break;
	case T_H1:
		if (!c->hard && !c->h1) {
			c->h1 = text_of(c, n, PLX_HTML_MAX_META);
			c->h1_at = n;
		}
		break;
	}
	char cls[256] = "", id[128] = "";
	int byline = 0, body = 0;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name, *v = attr_val(a);
		if (strcmp(an, "class") == 0)
			lower_attr(a->children ? a->children->content : NULL,
				   cls, sizeof cls);
		else if (strcmp(an, "id") == 0)
			lower_attr(a->children ? a->children->content : NULL,
				   id, sizeof id);
		else if (strcmp(an, "hidden") == 0)
			flags |= F_SKIP | F_HARD;
		else if (strcmp(an, "aria-hidden") == 0 &&
			 strcmp(v, "true") == 0)
			flags |= F_SKIP | F_HARD;
		else if (strcmp(an, "style") == 0 &&
			 (strstr(v, "display:none") ||
			  strstr(v, "display: none") ||
			  strstr(v, "visibility:hidden") ||
			  strstr(v, "visibility: hidden")))
			flags |= F_SKIP | F_HARD;
		else if (strcmp(an, "role") == 0 &&
			 (strcmp(v, "navigation") == 0 ||
			  strcmp(v, "menu") == 0 || strcmp(v, "menubar") == 0 ||
			  strcmp(v, "complementary") == 0 ||
			  strcmp(v, "dialog") == 0 || strcmp(v, "alert") == 0 ||
			  strcmp(v, "alertdialog") == 0))
			flags |= F_SKIP | F_HARD;
		else if ((strcmp(an, "rel") == 0 && strcmp(v, "author") == 0) ||
			 (strcmp(an, "itemprop") == 0 && strstr(v, "author")))
			byline = 1;
		else if (strcmp(an, "itemprop") == 0) {
			char ip[64];
			lower_attr(a->children ? a->children->content : NULL,
				   ip, sizeof ip);
			/* schema.org says so: never furniture */
			body = strstr(ip, "articlebody") ||
			       strstr(ip, "reviewbody");
		}
	}
	drop_negated(cls);
	drop_negated(id);
	if (cls[0] || id[0]) {
		char both[400];
		snprintf(both, sizeof both, "%s %s", cls, id);
		I->weight = (int16_t)(weight_of(cls) + weight_of(id));
		if (body)
			I->weight =
				(int16_t)(I->weight < 0 ? 25 : I->weight + 25);
		if (!c->relaxed && !body && !c->in_code && t != T_BODY &&
		    t != T_HTML && t != T_ARTICLE && t != T_MAIN && t != T_A &&
		    !(flags & F_SKIP) &&
		    (has_sub(both, SKIP_SUB) || has_word(both, SKIP_WORD)) &&
		    (!has_sub(both, MAYBE_SUB) || has_sub(both, LISTS_SUB))) {
			flags |= F_SKIP;
			if (!strstr(both, "header") &&
			    !strstr(both, "byline") &&
			    !strstr(both, "masthead"))
				flags |= F_HARD;
		}
		I->share = has_word(both, SHARE_WORD) != 0;
		if (strstr(both, "byline") ||
		    (strstr(both, "author") && !strstr(both, "authoriz") &&
		     !strstr(both, "note")) ||
		    strstr(both, "writtenby"))
			byline = 1;
	}
	if (byline && !c->hard && !(flags & F_HARD))
		flags |= F_BYLINE;
	else if (byline)
		flags |= F_BYLINE2;
	I->flags = (uint8_t)flags;
	if (t == T_PRE || t == T_CODE || t == T_TABLE)
		c->in_code++;
	if (flags & F_SKIP)
		c->skip++;
	if (flags & F_HARD)
		c->hard++;
	return down;
}

static void count_text(ctx *c, const xmlNode *n)
{
	if (c->skip || !n->content)
		return;
	ninfo *P = info(c, n->parent);
	if (!P)
		return;
	uint32_t chars = 0, commas = 0;
	int gap = 0; /* a space between words counts as one character */
	for (const unsigned char *p = n->content; *p; p++) {
		unsigned char ch = *p;
		if (ch <= ' ') {
			gap = chars > 0;
			continue;
		}
		if ((ch & 0xC0) == 0x80)
			continue;
		chars += 1u + (uint32_t)gap;
		gap = 0;
		if (ch == ',')
			commas++;
		else if ((ch == 0xEF && p[1] == 0xBC &&
			  p[2] == 0x8C) || /* ， */
			 (ch == 0xE3 && p[1] == 0x80 &&
			  p[2] == 0x81) ||             /* 、 */
			 (ch == 0xD8 && p[1] == 0x8C)) /* ، */
			commas++;
	}
	P->text += chars;
	P->commas += commas;
	if (c->in_link)
		P->link += chars;
}

static uint16_t add16(uint16_t a, uint16_t b)
{
	return (uint16_t)(a + b < a ? UINT16_MAX : a + b);
}

/* Whether b is a name and not only the word before one ("By", "Par:"),
 * which some pages mark up as a byline of its own, nor a date line. */
static int byline_ok(const char *b)
{
	static const char *const BY[] = {"by",         "par", "por",  "von",
					 "di",         "de",  "door", "av",
					 "written by", NULL};
	/* A date line marked up as a byline ("Last updated: ..."). */
	static const char *const DATED[] = {"updated", "last updated",
					    "published", "posted on", NULL};
	size_t n = strlen(b);
	while (n && (b[n - 1] == ':' || b[n - 1] == ' '))
		n--;
	for (size_t i = 0; BY[i]; i++)
		if (n == strlen(BY[i]) && strncasecmp(b, BY[i], n) == 0)
			return 0;
	for (size_t i = 0; DATED[i]; i++)
		if (strncasecmp(b, DATED[i], strlen(DATED[i])) == 0)
			return 0;
	return n >= 2;
}

/* Cuts a separator left at the end of a byline ("Jane Roe -- " before the
 * date that followed it in the markup). */
static void trim_byline(char *b)
{
	size_t n = strlen(b);
	/* A date after the name ("Jane Roe March 25, 2015", "Jane Roe Monday,
	 * February 29"): the byline ends before it. */
	static const char *const WHEN[] = {
		"monday",    "tuesday", "wednesday", "thursday", "friday",
		"saturday",  "sunday",  "january",   "february", "march",
		"april",     "may",     "june",      "july",     "august",
		"september", "october", "november",  "december", "jan.",
		"feb.",      "mar.",    "apr.",      "jun.",     "jul.",
		"aug.",      "sept.",   "sep.",      "oct.",     "nov.",
		"dec.",      NULL};
	for (size_t i = 1; i < n; i++) {
		if (b[i - 1] != ' ' || !(b[i] >= 'A' && b[i] <= 'Z'))
			continue;
		size_t j = 0;
		for (; WHEN[j]; j++) {
			size_t m = strlen(WHEN[j]);
			/* the word, then a space and a digit, or a comma */
			if (i + m + 2 <= n &&
			    strncasecmp(b + i, WHEN[j], m) == 0 &&
			    ((b[i + m] == ' ' && b[i + m + 1] >= '0' &&
			      b[i + m + 1] <= '9') ||
			     b[i + m] == ','))
				break;
		}
		if (WHEN[j]) {
			n = i;
			break;
		}
	}
	for (;;) {
		while (n && (b[n - 1] == ' ' || b[n - 1] == '|' ||
			     b[n - 1] == ',' || b[n - 1] == '-'))
			n--;
		/* no-break space */
		if (n >= 2 && (unsigned char)b[n - 2] == 0xC2 &&
		    (unsigned char)b[n - 1] == 0xA0) {
			n -= 2;
			continue;
		}
		/* em dash, en dash, middle dot */
		if (n >= 3 && (unsigned char)b[n - 3] == 0xE2 &&
		    (unsigned char)b[n - 2] == 0x80 &&
		    ((unsigned char)b[n - 1] == 0x94 ||
		     (unsigned char)b[n - 1] == 0x93))
			n -= 3;
		else if (n >= 2 && (unsigned char)b[n - 2] == 0xC2 &&
			 (unsigned char)b[n - 1] == 0xB7)
			n -= 2;
		else
			break;
	}
	b[n] = 0;
}

/* Whether d is n or one of its descendants a few levels down. */
static int holds(const xmlNode *n, const xmlNode *d)
{
	for (int up = 0; d && up < 4; d = d->parent, up++)
		if (d == n)
			return 1;
	return 0;
}

/* Whether n is inside comments (the authors of comments are no byline). */
static int in_comments(const xmlNode *n)
{
	static const char *const COMMENTS[] = {"comment", "disqus",     "repl",
					       "respond", "discussion", NULL};
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		char v[256];
		lower_attr((const xmlChar *)get_attr(n, "class"), v, sizeof v);
		if (has_sub(v, COMMENTS))
			return 1;
		lower_attr((const xmlChar *)get_attr(n, "id"), v, sizeof v);
		if (has_sub(v, COMMENTS))
			return 1;
	}
	return 0;
}

/* Whether n is its parent's only element and no text is beside it. */
static int lone_child(const xmlNode *n)
{
	for (const xmlNode *k = n->parent->children; k; k = k->next) {
		if (k == n)
			continue;
		if (k->type == XML_ELEMENT_NODE)
			return 0;
		if (k->type == XML_TEXT_NODE)
			for (const xmlChar *q = k->content; q && *q; q++)
				if (*q > ' ')
					return 0;
	}
	return 1;
}

static void leave(ctx *c, xmlNode *n)
{
	ninfo *I = info(c, n);
	if (!I)
		return;
	int t = I->tag;
	if (t == T_A)
		c->in_link--;
	if (t == T_PRE || t == T_CODE || t == T_TABLE)
		c->in_code--;
	if ((I->flags & F_BYLINE2) && !c->byline2) {
		/* In a skipped region (a credit bar, an aside): used only
		 * when the page gives no other byline. */
		char *b = text_of(c, n, 200);
		if (b && strlen(b) < 100 && byline_ok(b) && !in_comments(n)) {
			trim_byline(b);
			c->byline2 = b;
		}
	}
	if ((I->flags & F_BYLINE) && !c->pg.v[M_BYLINE]) {
		char *b = text_of(c, n, 200);
		if (b && strlen(b) < 100 && byline_ok(b)) {
			trim_byline(b);
			c->pg.v[M_BYLINE] = b;
			c->byline_at = n;
			if (!(I->flags & F_SKIP))
				c->skip++; /* not body: undone just below */
			I->flags |= F_SKIP;
		}
	} else if ((I->flags & F_BYLINE) && c->byline_at &&
		   !(I->flags & F_SKIP) && holds(n, c->byline_at)) {
		/* A byline box around the byline ("By <a rel=author>Name</a>,
		 * Staff writer"): all of it is the byline, none of it body. */
		char *b = text_of(c, n, 200);
		if (b && strlen(b) < 100) {
			c->skip++; /* undone just below */
			I->flags |= F_SKIP;
		}
	}
	if (I->flags & F_SKIP) {
		c->skip--;
		if (I->flags & F_HARD)
			c->hard--;
		return;
	}
	if (c->skip)
		return;
	ninfo *P = info(c, n->parent);
	int para = t == T_P || t == T_PRE || t == T_TD || t == T_H2 ||
		   t == T_SECTION || (t == T_DIV && !(I->flags & F_BLOCKS));

	if (para && I->text >= 25) {
		float content = 2.0f + (float)I->commas +
				(float)(I->text / 100 < 3 ? I->text / 100 : 3);
		xmlNode *a = n->parent;
		/* A <div> around one <p> and nothing else is that paragraph
		 * (Readability replaces it by its <p>): its parent scores. */
		if (t == T_P && a && tag_of(a) == T_DIV &&
		    I->link * 4 < I->text && lone_child(n))
			a = a->parent;
		for (int level = 0; level < PLX_HTML_SCORE_LEVELS && a;
		     level++) {
			ninfo *A = info(c, a);
			if (!A || A->tag == T_HTML)
				break;
			if (!(A->flags & F_CAND)) {
				if (c->n_cands == c->cap_cands &&
				    plx_grow((void **)&c->cands, &c->cap_cands,
					     c->n_cands + 1,
					     sizeof *c->cands)) {
					c->rc = PLX_ENOMEM;
					return;
				}
				c->cands[c->n_cands++] = a;
				A->flags |= F_CAND;
				A->score =
					(float)(tag_prior(A->tag) + A->weight);
			}
			A->score +=
				content / (level == 0   ? 1.0f
					   : level == 1 ? 2.0f
							: 3.0f * (float)level);
			a = a->parent;
		}
	}
	if (!P)
		return;
	P->text += I->text;
	P->link += I->link;
	P->listed += t == T_UL || t == T_OL ? I->text : I->listed;
	P->headed += t == T_H1 || t == T_H2 ? I->text : I->headed;
	P->commas += I->commas;
	P->paras = add16(P->paras, I->paras);
	P->imgs = add16(P->imgs, I->imgs);
	P->lis = add16(P->lis, I->lis);
	if (is_block(t))
		P->flags |= F_BLOCKS;
}

/* Visits the subtree at top in document order: pre(c, n) says whether to
 * go down, post(c, n) runs after an element's children, txt(c, n) on text. */
static void walk(ctx *c, xmlNode *top, int (*pre)(ctx *, xmlNode *),
		 void (*post)(ctx *, xmlNode *),
		 void (*txt)(ctx *, const xmlNode *))
{
	xmlNode *n = top;
	for (;;) {
		int down = 0;
		if (n->type == XML_ELEMENT_NODE)
			down = pre(c, n);
		else if (n->type == XML_TEXT_NODE ||
			 n->type == XML_CDATA_SECTION_NODE)
			txt(c, n);
		if (c->rc)
			return;
		if (down && n->children) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n->type == XML_ELEMENT_NODE)
				post(c, n);
			if (n == top || c->rc)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* ---- Pass 2: the chosen subtree as paragraphs ---------------------------- */

static float final_score(const ninfo *I)
{
	if (!I || !(I->flags & F_CAND))
		return 0;
	float ld = I->text ? (float)I->link / (float)I->text : 0;
	return I->score * (1.0f - ld);
}

/* Case-insensitive: whether s[0, n) starts with the ASCII word w. */
static int starts_ci(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);
	return n >= m && strncasecmp(s, w, m) == 0;
}

/* Whether the text of n is only an advertisement's or a loader's label
 * ("Advertisement", "Publicité", "Loading...", as Readability's ad and
 * loading words) or a sponsor's ("Promoted by ...", "Sponsored by ..."). */
static int ad_label(ctx *c, const xmlNode *n)
{
	static const char *const ADS[] = {"ad",
					  "advertising",
					  "advertisement",
					  "pub",
					  "publicit\xc3\xa9",
					  "publicite",
					  "werbung",
					  "anuncio",
					  "\xe5\xb9\xbf\xe5\x91\x8a", /* 广告 */
					  "\xd0\xa0\xd0\xb5\xd0\xba\xd0\xbb\xd0"
					  "\xb0\xd0\xbc\xd0\xb0", /* Реклама */
					  "loading",
					  "loading...",
					  "loading\xe2\x80\xa6",
					  "chargement",
					  "cargando",
					  NULL};
	static const char *const PAID[] = {"promoted by", "sponsored by",
					   "paid content", "paid post", NULL};
	char *t = text_of(c, n, 64);
	if (!t)
		return 0;
	for (size_t i = 0; ADS[i]; i++)
		if (strcasecmp(t, ADS[i]) == 0)
			return 1;
	for (size_t i = 0; PAID[i]; i++)
		if (starts_ci(t, strlen(t), PAID[i]))
			return 1;
	return 0;
}

/* Readability's conditional cleaning: containers that look like furniture
 * inside the chosen content. */
static int furniture(ctx *c, const xmlNode *n, const ninfo *I)
{
	int t = I->tag;
	if (c->nodrop ||
	    !(t == T_DIV || t == T_SECTION || t == T_UL || t == T_OL ||
	      t == T_TABLE || t == T_FORM || t == T_DL))
		return 0;
	float score = (I->flags & F_CAND) ? I->score : 0;
	if ((float)I->weight + score < 0)
		return 1;
	if (I->commas >= 10)
		return 0;
	/* A box that is nearly all lists is judged as a list. */
	int list = t == T_UL || t == T_OL ||
		   (uint64_t)I->listed * 10 > (uint64_t)I->text * 9;
	float ld = I->text ? (float)I->link / (float)I->text : 0;
	if (I->imgs > 1 && (unsigned)I->paras * 2 < I->imgs)
		return 1;
	/* A short box: furniture when it has links, no text at all, or only
	 * an advertisement's label; a heading or a short line of text is not
	 * (Readability's "suspiciously short" and ad-word tests). */
	if (!list && I->text < 25 && (I->imgs == 0 || I->imgs > 2) &&
	    !(I->text && I->headed * 10 >= I->text * 9) &&
	    (I->link > 0 || I->text == 0 || ad_label(c, n)))
		return 1;
	if (!list && I->weight < 25 && ld > 0.2f)
		return 1;
	if (ld > 0.5f && I->weight >= 25)
		return 1;
	return 0;
}

static int ends_ci(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);
	return n >= m && strncasecmp(s + n - m, w, m) == 0;
}

static int contains_ci(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);
	for (size_t i = 0; i + m <= n; i++)
		if (strncasecmp(s + i, w, m) == 0)
			return 1;
	return 0;
}

/* The site's name as the page gives it (metadata, else the part of
 * <title> after its last separator), for spotting a masthead line. */
static int is_site_name(const ctx *c, const char *p, size_t n)
{
	if (n > 80)
		return 0;
	if (starts_ci(p, n, "the "))
		p += 4, n -= 4;
	const char *names[] = {c->ld.v[M_SITE], c->mt.v[M_SITE],
			       c->pg.v[M_SITE], NULL};
	const char *t = c->pg.v[M_TITLE];
	static const char *const SEPS[] = {
		" | ",        " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
		" \xc2\xbb ", NULL};
	const char *last = NULL;
	for (const char *const *sp = SEPS; t && *sp; sp++)
		for (const char *q = strstr(t, *sp); q; q = strstr(q + 1, *sp))
			if (!last || q > last)
				last = q + strlen(*sp);
	names[3] = last;
	for (size_t i = 0; i < 4; i++) {
		const char *s = names[i];
		if (!s)
			continue;
		size_t m = strlen(s);
		if (starts_ci(s, m, "the "))
			s += 4, m -= 4;
		if (m == n && strncasecmp(s, p, n) == 0)
			return 1;
	}
	return 0;
}

/* Whether the paragraph p[0, n), link bytes in it, is page furniture the
 * class names did not give away: a related-link line ("Read more: ..."), a
 * credit line ("Reporting by ...", "... contributed to this report.", a
 * copyright notice), the masthead (the site's name alone), a reading time,
 * or a byline or date line at the top.  The seeds' kinds of furniture, as
 * HTML. */
static int furniture_para(ctx *c, const char *p, size_t n, size_t link)
{
	static const char *const RELATED[] = {
		"read more",     "read also",  "also read",   "related",
		"see also",      "more:",      "recommended", "don't miss",
		"read next",     "watch:",     "listen:",     "more on this",
		"read the full", "click here", NULL};
	static const char *const CREDIT_START[] = {
		"reporting by",
		"additional reporting by",
		"(reporting by",
		"editing by",
		"(editing by",
		"writing by",
		"compiled by",
		"photo:",
		"photos:",
		"photograph:",
		"photo by",
		"photograph by",
		"image:",
		"picture:",
		"credit:",
		"illustration:",
		"(photo",
		"photo credit",
		"originally published",
		"this article was originally",
		NULL};
	static const char *const CREDIT_END[] = {"contributed to this report.",
						 "contributed to this report",
						 "contributed reporting.",
						 "contributed to this story.",
						 "contributed to this article.",
						 "contributed to this report.)",
						 NULL};
	if (n > 400)
		return 0;
	for (size_t i = 0; RELATED[i]; i++)
		if (starts_ci(p, n, RELATED[i]) && link * 3 >= n && n < 250)
			return 1;
	for (size_t i = 0; CREDIT_START[i]; i++)
		if (starts_ci(p, n, CREDIT_START[i]))
			return 1;
	for (size_t i = 0; CREDIT_END[i]; i++)
		if (ends_ci(p, n, CREDIT_END[i]))
			return 1;
	if (contains_ci(p, n, "all rights reserved") ||
	    contains_ci(p, n, "may not be published, broadcast"))
		return 1;
	if (is_site_name(c, p, n))
		return 1;
	/* A reading time ("14 min read"). */
	if (n < 24 && p[0] >= '0' && p[0] <= '9' &&
	    (ends_ci(p, n, " min read") || ends_ci(p, n, " mins read") ||
	     ends_ci(p, n, " minute read") || ends_ci(p, n, " minutes read")))
		return 1;
	if (c->npara < 3 && n < 80) {
		if (starts_ci(p, n, "by ") && n > 3 && p[3] >= 'A' &&
		    p[3] <= 'Z' && p[n - 1] != '.') {
			if (!c->pg.v[M_BYLINE] && !c->mt.v[M_BYLINE] &&
			    !c->ld.v[M_BYLINE])
				c->pg.v[M_BYLINE] = clean_str(c, p + 3, n - 3);
			return 1;
		}
		static const char *const DATED[] = {
			"published", "updated", "posted", "last updated", NULL};
		for (size_t i = 0; DATED[i]; i++)
			if (starts_ci(p, n, DATED[i]) &&
			    strpbrk(p, "0123456789") &&
			    (size_t)(strpbrk(p, "0123456789") - p) < n)
				return 1;
	}
	return 0;
}

static void flush(ctx *c)
{
	if (c->in_para && !c->out.rc) {
		plx_buf *b = &c->out;
		if (furniture_para(c, b->data + c->pstart, b->len - c->pstart,
				   c->plink))
			b->len = c->pstart >= 2 ? c->pstart - 2 : 0;
		else
			c->npara++;
	}
	c->in_para = 0;
	c->space = 0;
}

/* Whether heading n repeats the article's title (the headline above the
 * body, not a part of it): words of the title found in the heading for
 * more than 3/4 of the title's length, or, at the top of the content (top),
 * the heading's words found in the title for more than 3/4 of its length
 * (Readability's test, a short form of the headline). */
static double similarity(const char *a, const char *b);

static int is_title(ctx *c, const xmlNode *n, int top)
{
	char *t = text_of(c, n, PLX_HTML_MAX_META);
	if (!t)
		return 0;
	const char *title = c->ld.v[M_TITLE]   ? c->ld.v[M_TITLE]
			    : c->mt.v[M_TITLE] ? c->mt.v[M_TITLE]
			    : c->pg.v[M_TITLE] ? cut_title(c, c->pg.v[M_TITLE])
					       : NULL;
	if (!title)
		return 0;
	return strcmp(t, title) == 0 || similarity(t, title) > 0.75 ||
	       (top && similarity(title, t) > 0.75);
}

/* A caption without <figcaption>: the only text beside an image in its
 * parent (an image box: <div><img><p>Workers inspect...</p></div>). */
static int caption_box(const ctx *c, const xmlNode *n, const ninfo *I)
{
	if (!I->text || I->text > 300 || I->imgs || !n->parent ||
	    !is_block(I->tag))
		return 0;
	int img = 0;
	for (const xmlNode *k = n->parent->children; k; k = k->next) {
		if (k == n)
			continue;
		if (k->type == XML_TEXT_NODE) {
			for (const xmlChar *t = k->content; t && *t; t++)
				if (*t > ' ')
					return 0;
			continue;
		}
		const ninfo *K = info(c, k);
		if (!K)
			continue;
		if (!K->imgs || K->text)
			return 0;
		img = 1;
	}
	if (!img)
		return 0;
	/* ...and the box says it holds a picture. */
	static const char *const BOX[] = {"image", "img",    "photo", "picture",
					  "media", "figure", "thumb", NULL};
	char v[256];
	const char *cls = get_attr(n->parent, "class");
	const char *id = get_attr(n->parent, "id");
	lower_attr((const xmlChar *)cls, v, sizeof v);
	if (has_sub(v, BOX))
		return 1;
	lower_attr((const xmlChar *)id, v, sizeof v);
	return has_sub(v, BOX);
}

static int out_pre(ctx *c, xmlNode *n);

static int name_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcasecmp((const char *)n->name, name) == 0;
}

/* Readability's data table (a table of facts, not one for layout): it says
 * so (summary, a caption, header cells, column groups) or it is big enough
 * (10 rows, more than 4 columns, or more than 10 cells), and holds no other
 * table.  Its cells are never furniture. */
static int data_table(const xmlNode *t)
{
	const char *role = get_attr(t, "role");
	const char *dt = get_attr(t, "datatable");
	if ((role && strcasecmp(role, "presentation") == 0) ||
	    (dt && strcmp(dt, "0") == 0))
		return 0;
	if (get_attr(t, "summary"))
		return 1;
	size_t rows = 0, cols = 0, cells = 0;
	int says = 0;
	const xmlNode *n = t->children;
	while (n) {
		int down = n->type == XML_ELEMENT_NODE;
		if (down) {
			if (name_is(n, "table"))
				return 0; /* layout: tables in tables */
			if ((name_is(n, "caption") && n->children) ||
			    name_is(n, "th") || name_is(n, "thead") ||
			    name_is(n, "tfoot") || name_is(n, "col") ||
			    name_is(n, "colgroup"))
				says = 1;
			if (name_is(n, "tr")) {
				rows++;
				cells = 0;
			} else if (name_is(n, "td") || name_is(n, "th")) {
				const char *span = get_attr(n, "colspan");
				long k = span ? strtol(span, NULL, 10) : 1;
				cells += k > 0 && k < 1000 ? (size_t)k : 1;
				if (cells > cols)
					cols = cells;
				down = 0; /* cells hold the text */
			}
		}
		if (down && n->children) {
			n = n->children;
			continue;
		}
		while (n != t && !n->next)
			n = n->parent;
		if (n == t)
			break;
		n = n->next;
	}
	return says ||
	       (cols > 1 && (rows >= 10 || cols > 4 || rows * cols > 10));
}
static void out_post(ctx *c, xmlNode *n);
static void out_text(ctx *c, const xmlNode *n);

/* Whether the subtree at top holds a link. */
static int has_link(const xmlNode *top)
{
	const xmlNode *n = top->children;
	while (n) {
		if (n->type == XML_ELEMENT_NODE && tag_of(n) == T_A)
			return 1;
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n != top && !n->next)
			n = n->parent;
		if (n == top)
			break;
		n = n->next;
	}
	return 0;
}

/* The standfirst in an article's <header> or headline box (skipped for
 * its headline, byline and date): its paragraphs of 80 bytes or more that
 * are sentences or hold no link (a sub-headline), or the header's own text
 * when it holds no blocks. */
static void standfirst(ctx *c, xmlNode *h)
{
	int blocks = 0;
	for (const xmlNode *k = h->children; k && !blocks; k = k->next)
		blocks = k->type == XML_ELEMENT_NODE && is_block(tag_of(k));
	if (!blocks) { /* the header is the standfirst's paragraph itself */
		char *t = text_of(c, h, 2000);
		size_t len = t ? strlen(t) : 0;
		if (len >= 80 && (strstr(t, ". ") || t[len - 1] == '.' ||
				  t[len - 1] == '?' || t[len - 1] == '!')) {
			flush(c);
			for (xmlNode *k = h->children; k && !c->rc; k = k->next)
				walk(c, k, out_pre, out_post, out_text);
			flush(c);
		}
		return;
	}
	xmlNode *n = h->children;
	while (n && !c->rc) {
		int down = n->type == XML_ELEMENT_NODE;
		const ninfo *N = info(c, n);
		if (!N || (N->flags & F_HARD))
			down = 0;
		else if (N->tag == T_P) {
			char *t = text_of(c, n, 2000);
			size_t len = t ? strlen(t) : 0;
			if (len >= 80 && (strstr(t, ". ") ||
					  t[len - 1] == '.' || !has_link(n))) {
				flush(c);
				walk(c, n, out_pre, out_post, out_text);
				flush(c);
			}
			down = 0;
		}
		if (down && n->children) {
			n = n->children;
			continue;
		}
		while (n != h && !n->next)
			n = n->parent;
		if (n == h)
			break;
		n = n->next;
	}
}

static int out_pre(ctx *c, xmlNode *n)
{
	const ninfo *I = info(c, n);
	if (I &&
	    ((I->tag == T_HEADER && (I->flags & F_SKIP) &&
	      !(I->flags & F_HARD)) ||
	     I->head) &&
	    !c->in_header) {
		c->in_header = 1;
		standfirst(c, n);
		c->in_header = 0;
		return 0;
	}
	if (!I || (I->flags & F_SKIP))
		return 0;
	if (!c->in_data && I->tag == T_TABLE && data_table(n))
		c->in_data = n; /* nothing in it is furniture */
	if (!c->in_data && !(I->flags & F_SEL) && furniture(c, n, I))
		return 0;
	/* A short sharing box inside the content (Readability's rule: under
	 * its 500-character threshold). */
	if (I->share && !(I->flags & F_SEL) && !c->nodrop && I->text < 500)
		return 0;
	/* The headline above the body (h1 and h2, as Readability's test;
	 * an h3 that says the title heads a part of the body). */
	if ((I->tag == T_H1 || name_is(n, "h2")) &&
	    is_title(c, n, c->npara == 0))
		return 0;
	if (!c->nodrop && caption_box(c, n, I))
		return 0;
	if (is_block(I->tag))
		flush(c);
	return I->tag != T_BR && I->tag != T_IMG && I->tag != T_HR;
}

static void out_post(ctx *c, xmlNode *n)
{
	const ninfo *I = info(c, n);
	if (n == c->in_data)
		c->in_data = NULL;
	if (I && is_block(I->tag))
		flush(c);
	else if (I && I->tag == T_TD)
		c->space = 1;
}

static void out_text(ctx *c, const xmlNode *n)
{
	if (!n->content)
		return;
	/* Inside a link?  (A few levels up: links hold little markup.) */
	int link = 0, up = 0;
	for (const xmlNode *a = n->parent; a && up < 6 && !link;
	     a = a->parent, up++) {
		const ninfo *A = info(c, a);
		link = A && A->tag == T_A;
	}
	plx_buf *b = &c->out;
	for (const unsigned char *p = n->content; *p; p++) {
		unsigned char ch = *p;
		if (ch <= ' ' || (ch == 0xC2 && p[1] == 0xA0)) {
			if (ch == 0xC2)
				p++;
			c->space = 1;
			continue;
		}
		if (!c->in_para) {
			if (b->len)
				plx_buf_put(b, "\n\n", 2);
			c->in_para = 1;
			c->pstart = b->len;
			c->plink = 0;
		} else if (c->space)
			plx_buf_putc(b, ' ');
		c->space = 0;
		const unsigned char *q = p;
		while (q[1] > ' ' && !(q[1] == 0xC2 && q[2] == 0xA0))
			q++;
		plx_buf_put(b, (const char *)p, (size_t)(q - p + 1));
		if (link)
			c->plink += (size_t)(q - p + 1);
		p = q;
	}
}

/* Picks the content: the best candidate, moved up and joined by its
 * siblings (Readability's choice); the chosen nodes are marked F_SEL.
 * Returns the best node (the body when nothing scored). */
static xmlNode *choose(ctx *c)
{
	xmlNode *best = NULL;
	float top = 0;
	for (size_t i = 0; i < c->n_cands; i++) {
		float s = final_score(info(c, c->cands[i]));
		if (!best || s > top)
			best = c->cands[i], top = s;
	}
	if (!best)
		return c->body;
	xmlNode *first = best; /* the best paragraph container itself */
	float first_top = top;
	/* A body split into blocks that score alike (steps, sections): when
	 * PLX_HTML_TOP_AGREE of the PLX_HTML_TOP_CANDS best candidates score
	 * at least 3/4 of the best, their nearest common ancestor with it that
	 * holds that many is the content (Readability's alternative
	 * candidates). */
	xmlNode *alt[PLX_HTML_TOP_CANDS];
	size_t n_alt = 0;
	for (size_t i = 0; i < c->n_cands; i++) {
		float s = final_score(info(c, c->cands[i]));
		if (s < top * 0.75f || c->cands[i] == best)
			continue;
		size_t j = n_alt < PLX_HTML_TOP_CANDS ? n_alt++ : n_alt;
		while (j > 0 && final_score(info(c, alt[j - 1])) < s) {
			if (j < PLX_HTML_TOP_CANDS)
				alt[j] = alt[j - 1];
			j--;
		}
		if (j < PLX_HTML_TOP_CANDS)
			alt[j] = c->cands[i];
	}
	if (n_alt + 1 >= PLX_HTML_TOP_AGREE)
		for (xmlNode *p = best->parent; p && p != c->body;
		     p = p->parent) {
			ninfo *P = info(c, p);
			if (!P)
				break; /* above the elements (no <body>) */
			size_t in = 1; /* best itself */
			for (size_t i = 0; i < n_alt; i++)
				for (xmlNode *q = alt[i]->parent; q;
				     q = q->parent)
					if (q == p) {
						in++;
						break;
					}
			if (in >= PLX_HTML_TOP_AGREE) {
				if (!(P->flags & F_CAND)) {
					P->flags |= F_CAND;
					P->score = (float)(tag_prior(P->tag) +
							   P->weight);
				}
				if (P->score < top)
					P->score = top; /* it stands for best
							   now */
				best = p;
				top = final_score(P);
				break;
			}
		}
	/* An ancestor that scores nearly as well holds more of the text. */
	float last = top;
	for (xmlNode *p = best->parent; p && p != c->body; p = p->parent) {
		const ninfo *P = info(c, p);
		if (!P)
			break;
		if (!(P->flags & F_CAND))
			continue;
		float s = final_score(P);
		if (s < top / 3)
			break;
		if (s > last) {
			best = p;
			top = s;
			break;
		}
		last = s;
	}
	/* A lone child stands for its parent. */
	while (best != c->body && best->parent && info(c, best->parent)) {
		int kids = 0;
		for (xmlNode *k = best->parent->children; k; k = k->next)
			kids += k->type == XML_ELEMENT_NODE;
		if (kids != 1)
			break;
		best = best->parent;
	}
	ninfo *B = info(c, best);
	B->flags |= F_SEL;
	if (best == c->body || !info(c, best->parent))
		return best;
	float thr = top * 0.2f > 10 ? top * 0.2f : 10;
	const char *bcls = get_attr(best, "class");
	int seen_best = 0;
	for (xmlNode *k = best->parent->children; k; k = k->next) {
		ninfo *K = info(c, k);
		seen_best |= k == best;
		/* The article's own header: for its standfirst. */
		if (K && K->tag == T_HEADER && (K->flags & F_SKIP) &&
		    !(K->flags & F_HARD) && tag_of(best->parent) == T_ARTICLE)
			K->flags |= F_SEL;
		if (!K || k == best || (K->flags & F_SKIP))
			continue;
		/* A box before the content holding the headline: the article's
		 * header, written for its standfirst. */
		if (!seen_best && c->h1_at && k != c->h1_at &&
		    holds(k, c->h1_at) && is_block(K->tag) &&
		    is_title(c, c->h1_at, 0)) {
			K->head = 1;
			K->flags |= F_SEL;
			continue;
		}
		float bonus = 0;
		const char *kcls = get_attr(k, "class");
		if (bcls && kcls && *bcls && strcmp(bcls, kcls) == 0)
			bonus = top * 0.2f;
		float ld = K->text ? (float)K->link / (float)K->text : 0;
		int take = (K->flags & F_CAND) && final_score(K) + bonus >= thr;
		if (!take && (K->tag == T_P ||
			      (K->tag == T_DIV && !(K->flags & F_BLOCKS)))) {
			if (K->text > 80 && ld < 0.25f)
				take = 1;
			else if (K->text > 0 && K->text <= 80 && ld == 0) {
				char *s = text_of(c, k, 400);
				take = s && (strstr(s, ". ") ||
					     s[strlen(s) - 1] == '.');
			}
		}
		if (take)
			K->flags |= F_SEL;
	}
	/* A body cut into blocks by figures or ads, each block the same kind
	 * of container as the best one (same class) but deeper or shallower
	 * than a sibling's score reaches: a sibling holding a candidate of
	 * that class scoring at least a quarter of the best is taken too. */
	const char *fcls = get_attr(first, "class");
	if (!fcls || !*fcls)
		return best;
	for (size_t i = 0; i < c->n_cands; i++) {
		xmlNode *x = c->cands[i];
		const char *xcls = get_attr(x, "class");
		if (x == first || !xcls || strcmp(xcls, fcls) != 0 ||
		    final_score(info(c, x)) < first_top * 0.25f)
			continue;
		xmlNode *k = x;
		while (k && k->parent != best->parent)
			k = k->parent;
		ninfo *K = info(c, k);
		if (k && K && k != best && !(K->flags & F_SKIP))
			K->flags |= F_SEL;
	}
	return best;
}

/* Writes the chosen nodes' paragraphs into c->out. */
static void emit(ctx *c, xmlNode *best);

/* Pass 1 over the document, then pass 2 over the content into c->out. */
static void run(ctx *c, xmlDoc *doc)
{
	c->n = c->n_cands = 0;
	c->skip = c->hard = c->in_link = c->in_code = 0;
	c->body = NULL;
	plx_buf_reset(&c->out);
	c->in_para = 0;
	c->npara = 0;
	flush(c);
	for (xmlNode *n = doc->children; n && !c->rc; n = n->next)
		walk(c, n, enter, leave, count_text);
	xmlNode *best = c->rc ? NULL : choose(c);
	if (best)
		emit(c, best);
}

static void emit(ctx *c, xmlNode *best)
{
	xmlNode *p = best->parent;
	if (best == c->body || !info(c, p)) {
		walk(c, best, out_pre, out_post, out_text);
		return;
	}
	for (xmlNode *k = p->children; k && !c->rc; k = k->next) {
		const ninfo *K = info(c, k);
		if (K && (K->flags & F_SEL))
			walk(c, k, out_pre, out_post, out_text);
	}
}

static void silent(void *ud, const char *msg, ...)
{
	(void)ud;
	(void)msg;
}

static void silent_structured(void *ud, xmlErrorPtr err)
{
	(void)ud;
	(void)err;
}

/* Case-insensitive search for the ASCII lower-case word w in s[0, n). */
static const char *find_ci(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);
	for (size_t i = 0; i + m <= n; i++)
		if (strncasecmp(s + i, w, m) == 0)
			return s + i;
	return NULL;
}

/* Whether the page says its character set: a byte order mark, an XML
 * declaration's encoding, or a <meta> with charset= (<meta charset> or
 * http-equiv Content-Type).  libxml2 honours those; a page that says
 * nothing is sniffed by the caller. */
static int declares_charset(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if ((n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ||
	    (n >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) ||
			(u[0] == 0xFF && u[1] == 0xFE))))
		return 1;
	if (n >= 5 && memcmp(s, "<?xml", 5) == 0) {
		const char *e = memchr(s, '>', n);
		if (e && find_ci(s, (size_t)(e - s), "encoding"))
			return 1;
	}
	for (const char *p = s, *end = s + n;
	     (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
		if ((size_t)(end - p) < 6 || strncasecmp(p + 1, "meta", 4) != 0)
			continue;
		const char *e = memchr(p, '>', (size_t)(end - p));
		size_t tn = e ? (size_t)(e - p) : (size_t)(end - p);
		if (find_ci(p, tn, "charset"))
			return 1;
	}
	return 0;
}

/* The charset a <meta> declares in the first PLX_HTML_SNIFF_BYTES, as a
 * browser's prescan finds it (libxml2 switches too late for text read
 * before the switch), or NULL. */
static const char *sniff_charset(const char *s, size_t len, char out[40])
{
	size_t n = len < PLX_HTML_SNIFF_BYTES ? len : PLX_HTML_SNIFF_BYTES;
	for (size_t i = 0; i + 8 < n; i++) {
		if (strncasecmp(s + i, "charset=", 8) != 0)
			continue;
		size_t j = i + 8, k = 0;
		while (j < n && (s[j] == '"' || s[j] == '\'' || s[j] == ' '))
			j++;
		while (j < n && k < 39 &&
		       ((s[j] >= 'a' && s[j] <= 'z') ||
			(s[j] >= 'A' && s[j] <= 'Z') ||
			(s[j] >= '0' && s[j] <= '9') || s[j] == '-' ||
			s[j] == '_' || s[j] == '.' || s[j] == ':'))
			out[k++] = s[j++];
		out[k] = 0;
		return k ? out : NULL;
	}
	return NULL;
}

typedef struct html_doc {
	plx_html_doc pub; /* first: the public view */
	plx_arena arena;
} html_doc;

void plx_html_doc_free(plx_html_doc *d)
{
	if (!d)
		return;
	html_doc *h = (html_doc *)d;
	plx_arena_free(&h->arena);
	plx_free(h);
}

/* Readability's text similarity: the share of b's words (by length) that
 * are also words of a, case-folded for ASCII. */
static int word_ch(unsigned char ch)
{
	return ch >= 0x80 || (ch >= '0' && ch <= '9') ||
	       ((ch | 32) >= 'a' && (ch | 32) <= 'z');
}

static int has_word_ci(const char *a, const char *w, size_t n)
{
	for (const char *p = a; *p;) {
		while (*p && !word_ch((unsigned char)*p))
			p++;
		const char *q = p;
		while (*q && word_ch((unsigned char)*q))
			q++;
		if ((size_t)(q - p) == n && strncasecmp(p, w, n) == 0)
			return 1;
		p = q;
	}
	return 0;
}

static double similarity(const char *a, const char *b)
{
	size_t all = 0, miss = 0;
	for (const char *p = b; *p;) {
		while (*p && !word_ch((unsigned char)*p))
			p++;
		const char *q = p;
		while (*q && word_ch((unsigned char)*q))
			q++;
		size_t n = (size_t)(q - p);
		if (n) {
			all += n + 1;
			if (!has_word_ci(a, p, n))
				miss += n + 1;
		}
		p = q;
	}
	return all ? 1.0 - (double)miss / (double)all : 0;
}

static const char *pick(const ctx *c, int f)
{
	return c->ld.v[f] ? c->ld.v[f] : c->mt.v[f] ? c->mt.v[f] : c->pg.v[f];
}

/* A charset label from an HTTP header, in the form libxml2 (iconv) takes:
 * Latin-1 and ASCII labels read as windows-1252, as browsers read them
 * (WHATWG Encoding); anything else as given, if it is a plain label. */
static const char *http_charset(const char *cs, char out[40])
{
	size_t n = 0;
	while (cs[n] && n < 39) {
		char c = cs[n];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.' || c == ':'))
			return NULL;
		out[n++] = c;
	}
	if (!n || cs[n])
		return NULL;
	out[n] = 0;
	xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(out);
	if (!h)
		return NULL; /* libxml2 would refuse the page */
	xmlCharEncCloseFunc(h);
	static const char *const latin[] = {"iso-8859-1", "iso8859-1", "latin1",
					    "l1",         "us-ascii",  "ascii",
					    "iso_8859-1", NULL};
	for (size_t i = 0; latin[i]; i++)
		if (!strcasecmp(out, latin[i]))
			return "windows-1252";
	return out;
}

int plx_html_extract(const char *html, size_t len, const char *url,
		     plx_html_doc **out)
{
	return plx_html_extract_charset(html, len, url, NULL, out);
}

int plx_html_extract_charset(const char *html, size_t len, const char *url,
			     const char *charset, plx_html_doc **out)
{
	if (!out)
		return PLX_EINVAL;
	*out = NULL;
	if (!html && len)
		return PLX_EINVAL;
	if (len > PLX_HTML_MAX_BYTES || len > INT32_MAX)
		return PLX_ETOOBIG;
	if (len == 0)
		return PLX_EEMPTY;
	html_doc *h = plx_calloc(1, sizeof *h);
	if (!h)
		return PLX_ENOMEM;
	plx_arena_init(&h->arena);
	ctx c;
	memset(&c, 0, sizeof c);
	c.arena = &h->arena;
	plx_buf_init(&c.out);

	/* libxml2 reports some errors (encodings) through the thread's generic
	 * handler: silenced for the parse, then put back as it was. */
	xmlGenericErrorFunc old_err = xmlGenericError;
	void *old_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, silent);
	htmlDocPtr doc = NULL;
	htmlParserCtxtPtr px = htmlNewParserCtxt();
	if (px) {
		px->sax->error = silent;
		px->sax->warning = silent;
		px->sax->serror = silent_structured;
		px->vctxt.error = silent;
		px->vctxt.warning = silent;
		/* Valid UTF-8 is UTF-8 (most of the web), whatever a <meta>
		 * says: pages re-saved as UTF-8 keep their old declaration,
		 * and legacy text is almost never valid UTF-8 by chance.
		 * Otherwise the declared charset, found before parsing
		 * (libxml2 switches at the <meta>, too late for what it read
		 * before), else windows-1252 as browsers read it (libxml2's
		 * default, Latin-1, makes 0x93 a C1 control, not a quote). */
		char cs[40], hs[40];
		int utf8 = plx_utf8_invalid(html, len) == len;
		const char *hint = charset ? http_charset(charset, hs) : NULL;
		const char *enc = utf8   ? "UTF-8"
				  : hint ? hint
				  : declares_charset(html, len)
					  ? sniff_charset(html, len, cs)
					  : "windows-1252";
		doc = htmlCtxtReadMemory(
			px, html, (int)len, url, enc,
			(utf8 ? HTML_PARSE_IGNORE_ENC : 0) |
				HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
				HTML_PARSE_COMPACT);
	}
	xmlSetGenericErrorFunc(old_ctx, old_err);
	int rc = PLX_OK;
	if (!px || !doc) {
		rc = px ? PLX_EFORMAT : PLX_ENOMEM;
		goto done;
	}
	run(&c, doc);
	/* Too little: a class or id hid the article, or the scoring chose a
	 * box.  Try again without skipping by class and id, then without
	 * conditional cleaning too (Readability's retries); keep the longest
	 * text. */
	for (int step = 1; step <= 2 && !c.rc && !c.out.rc &&
			   c.out.len < PLX_HTML_RETRY_BYTES;
	     step++) {
		plx_buf kept = c.out;
		plx_buf_init(&c.out);
		c.relaxed = 1;
		c.nodrop = step == 2;
		run(&c, doc);
		if (c.out.len <= kept.len) {
			plx_buf_free(&c.out);
			c.out = kept;
		} else
			plx_buf_free(&kept);
	}
	if ((rc = c.rc ? c.rc : c.out.rc))
		goto done;
	if (!c.out.len) {
		rc = PLX_EEMPTY;
		goto done;
	}
	plx_html_doc *d = &h->pub;
	plx_buf fixed;
	plx_buf_init(&fixed);
	plx_utf8_repair(&fixed, c.out.data, c.out.len);
	d->text = fixed.rc
			  ? NULL
			  : plx_arena_strndup(&h->arena, fixed.data, fixed.len);
	d->text_len = fixed.len;
	plx_buf_free(&fixed);
	if (!d->text) {
		rc = PLX_ENOMEM;
		goto done;
	}
	const char *pt = c.pg.v[M_TITLE];
	if (c.ld_name && c.ld.v[M_TITLE] && pt) {
		/* JSON-LD with a name and a headline that differ: the one
		 * like the page's <title>, else the name (Readability's
		 * rule; some sites put their own name in one of them). */
		const char *t = cut_title(&c, c.pg.v[M_TITLE]);
		int name_ok = similarity(c.ld_name, t) > 0.75;
		int head_ok = similarity(c.ld.v[M_TITLE], t) > 0.75;
		if (!(head_ok && !name_ok))
			c.ld.v[M_TITLE] = c.ld_name;
	}
	d->title = c.ld.v[M_TITLE]   ? c.ld.v[M_TITLE]
		   : c.mt.v[M_TITLE] ? c.mt.v[M_TITLE]
		   : pt              ? cut_title(&c, c.pg.v[M_TITLE])
				     : c.h1;
	d->byline = pick(&c, M_BYLINE);
	if (!d->byline)
		d->byline = c.byline2;
	d->date = pick(&c, M_DATE);
	d->site_name = pick(&c, M_SITE);
	d->url = c.mt.v[M_URL] ? c.mt.v[M_URL] : c.ld.v[M_URL];
	if (!d->url && url && *url)
		d->url = clean_str(&c, url, strlen(url));
	d->lang = c.pg.v[M_LANG] ? c.pg.v[M_LANG] : c.mt.v[M_LANG];
	rc = c.rc;
done:
	if (doc)
		xmlFreeDoc(doc);
	if (px)
		htmlFreeParserCtxt(px);
	plx_free(c.nodes);
	plx_free(c.cands);
	plx_buf_free(&c.out);
	if (rc) {
		plx_html_doc_free(&h->pub);
		return rc;
	}
	*out = &h->pub;
	return PLX_OK;
}

void plx_html_record(const plx_html_doc *d, plx_record *rec)
{
	memset(rec, 0, sizeof *rec);
	if (!d)
		return;
	rec->title = d->title;
	rec->date = d->date;
	rec->source = d->site_name;
	rec->url = d->url;
	rec->id = d->url;
	rec->text = d->text;
	rec->text_len = d->text_len;
}
