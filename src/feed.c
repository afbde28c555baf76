/*
 * feed.c: RSS 2.0, RSS 1.0 (RDF), Atom and OPML documents, parsed with
 * libxml2's XML parser into items (title, link, id, date, summary) or, for
 * OPML, the list of feeds it names.  `parallax watch` (watch.c) fetches
 * them; the items' pages then go through the HTML extractor.
 *
 * Hostile input: the parser never touches the network (XML_PARSE_NONET),
 * loads no external DTD or entity, and substitutes no entity; a document
 * that declares an entity is stopped at the declaration (billion laughs,
 * quadratic blowup and external entities all need one).  libxml2's own
 * limits stay on (no XML_PARSE_HUGE: element depth 256, text node 10 MB);
 * our walks are iterative.  Sizes are bounded by the limits in feed.h.
 */
#include "feed.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "utf8.h"

#define NS_ATOM    "http://www.w3.org/2005/Atom"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_RSS1    "http://purl.org/rss/1.0/"
#define NS_RSS090  "http://my.netscape.com/rdf/simple/0.9/"
#define NS_OPML    "http://opml.org/spec2"
#define NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

typedef struct feed_doc {
	plx_feed pub; /* first: plx_feed_free casts back */
	plx_arena arena;
	plx_feed_item *items;
	size_t cap;
	const char **feeds;
	size_t feeds_cap;
	int rc; /* sticky: PLX_ENOMEM */
} feed_doc;

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

/* Stops the parse at the first entity declaration: a feed has no use for
 * one, and every entity attack needs one. */
static void refuse_entity(void *ctx, const xmlChar *name, int type,
			  const xmlChar *public_id, const xmlChar *system_id,
			  xmlChar *content)
{
	(void)name;
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	xmlParserCtxtPtr px = ctx;
	px->_private = (void *)1;
	xmlStopParser(px);
}

static int is(const xmlNode *n, const char *name, const char *ns)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
		return 0;
	if (!ns) /* no namespace, or the RSS 0.90/1.0 default namespace */
		return !n->ns || !n->ns->href ||
		       strcmp((const char *)n->ns->href, NS_RSS1) == 0 ||
		       strcmp((const char *)n->ns->href, NS_RSS090) == 0 ||
		       strcmp((const char *)n->ns->href, NS_OPML) == 0;
	return n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, ns) == 0;
}

/* Copies s (n bytes) into the arena, whitespace trimmed, cut to max bytes at
 * a character boundary; NULL when empty. */
static const char *keep(feed_doc *d, const char *s, size_t n, size_t max)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
		     s[n - 1] == '\r'))
		n--;
	if (!n)
		return NULL;
	if (n > max) {
		n = max;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	char *c = plx_arena_strndup(&d->arena, s, n);
	if (!c)
		d->rc = PLX_ENOMEM;
	return c;
}

/* The text inside an element: its text and CDATA descendants in document
 * order (entity references, which cannot be declared here, contribute
 * nothing).  Iterative, so depth costs no stack. */
static void text_of(const xmlNode *el, plx_buf *b, size_t max)
{
	const xmlNode *n = el->children;
	while (n && b->len <= max) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				plx_buf_puts(b, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next && n != el)
			n = n->parent;
		if (!n || n == el)
			break;
		n = n->next;
	}
}

static const char *text_field(feed_doc *d, const xmlNode *el, size_t max)
{
	plx_buf b;
	plx_buf_init(&b);
	text_of(el, &b, max);
	const char *s = NULL;
	if (b.rc)
		d->rc = b.rc;
	else if (b.len)
		s = keep(d, b.data, b.len, max);
	plx_buf_free(&b);
	return s;
}

/* Atom text constructs: type="html" holds escaped markup, made text here
 * for titles; "xhtml" holds elements, whose text text_of gathers. */
static const char *atom_text(feed_doc *d, const xmlNode *el)
{
	const char *s = text_field(d, el, PLX_FEED_MAX_META);
	xmlChar *type = xmlGetProp(el, (const xmlChar *)"type");
	if (s && type && strcmp((const char *)type, "html") == 0) {
		char *t;
		size_t n;
		int rc = plx_feed_text(s, strlen(s), &t, &n);
		if (rc == PLX_OK) {
			s = keep(d, t, n, PLX_FEED_MAX_META);
			plx_free(t);
		} else if (rc == PLX_ENOMEM)
			d->rc = rc;
	}
	xmlFree(type);
	return s;
}

/* An absolute URL for ref, resolved against the element's xml:base or the
 * document's URL. */
static const char *url_field(feed_doc *d, const xmlNode *el, const char *ref)
{
	if (!ref)
		return NULL;
	xmlChar *base = xmlNodeGetBase(el->doc, el);
	xmlChar *abs = base ? xmlBuildURI((const xmlChar *)ref, base) : NULL;
	const char *s = abs ? (const char *)abs : ref;
	const char *k = keep(d, s, strlen(s), PLX_FEED_MAX_META);
	xmlFree(abs);
	xmlFree(base);
	return k;
}

static plx_feed_item *new_item(feed_doc *d)
{
	if (d->pub.n_items >= PLX_FEED_MAX_ITEMS) {
		d->pub.dropped++;
		return NULL;
	}
	if (plx_grow((void **)&d->items, &d->cap, d->pub.n_items + 1,
		     sizeof *d->items)) {
		d->rc = PLX_ENOMEM;
		return NULL;
	}
	plx_feed_item *it = &d->items[d->pub.n_items++];
	memset(it, 0, sizeof *it);
	return it;
}

/* An RSS or RDF item. */
static void rss_item(feed_doc *d, const xmlNode *el)
{
	plx_feed_item *it = new_item(d);
	if (!it)
		return;
	const char *content = NULL, *desc = NULL;
	xmlChar *about = xmlGetNsProp(el, (const xmlChar *)"about",
				      (const xmlChar *)NS_RDF);
	if (about)
		it->guid = keep(d, (const char *)about,
				strlen((const char *)about), PLX_FEED_MAX_META);
	xmlFree(about);
	for (const xmlNode *c = el->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "title", NULL) && !it->title)
			it->title = text_field(d, c, PLX_FEED_MAX_META);
		else if (is(c, "link", NULL) && !it->link)
			it->link = url_field(
				d, c, text_field(d, c, PLX_FEED_MAX_META));
		else if (is(c, "guid", NULL))
			it->guid = text_field(d, c, PLX_FEED_MAX_META);
		else if ((is(c, "pubDate", NULL) || is(c, "date", NS_DC)) &&
			 !it->date)
			it->date = text_field(d, c, PLX_FEED_MAX_META);
		else if ((is(c, "author", NULL) || is(c, "creator", NS_DC)) &&
			 !it->author)
			it->author = text_field(d, c, PLX_FEED_MAX_META);
		else if (is(c, "description", NULL) && !desc)
			desc = text_field(d, c, PLX_FEED_MAX_SUMMARY);
		else if (is(c, "encoded", NS_CONTENT) && !content)
			content = text_field(d, c, PLX_FEED_MAX_SUMMARY);
	}
	it->summary = content ? content : desc;
	/* A permalink guid is the page when there is no link. */
	if (!it->link && it->guid &&
	    (strncmp(it->guid, "http://", 7) == 0 ||
	     strncmp(it->guid, "https://", 8) == 0))
		it->link = it->guid;
}

/* The href of an Atom link element when it points at the page
 * (rel="alternate", the default). */
static const char *atom_link(feed_doc *d, const xmlNode *c)
{
	xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
	xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
	const char *s = NULL;
	if (href && (!rel || strcmp((const char *)rel, "alternate") == 0))
		s = url_field(d, c, (const char *)href);
	xmlFree(rel);
	xmlFree(href);
	return s;
}

static void atom_entry(feed_doc *d, const xmlNode *el)
{
	plx_feed_item *it = new_item(d);
	if (!it)
		return;
	const char *content = NULL, *summary = NULL, *updated = NULL;
	for (const xmlNode *c = el->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "title", NS_ATOM) && !it->title)
			it->title = atom_text(d, c);
		else if (is(c, "link", NS_ATOM) && !it->link)
			it->link = atom_link(d, c);
		else if (is(c, "id", NS_ATOM))
			it->guid = text_field(d, c, PLX_FEED_MAX_META);
		else if (is(c, "published", NS_ATOM))
			it->date = text_field(d, c, PLX_FEED_MAX_META);
		else if (is(c, "updated", NS_ATOM))
			updated = text_field(d, c, PLX_FEED_MAX_META);
		else if (is(c, "author", NS_ATOM) && !it->author) {
			for (const xmlNode *a = c->children; a; a = a->next)
				if (is(a, "name", NS_ATOM))
					it->author = text_field(
						d, a, PLX_FEED_MAX_META);
		} else if (is(c, "content", NS_ATOM) && !content)
			content = text_field(d, c, PLX_FEED_MAX_SUMMARY);
		else if (is(c, "summary", NS_ATOM) && !summary)
			summary = text_field(d, c, PLX_FEED_MAX_SUMMARY);
	}
	if (!it->date)
		it->date = updated;
	it->summary = content ? content : summary;
}

/* Channel metadata (RSS, RDF) or feed metadata (Atom). */
static void channel(feed_doc *d, const xmlNode *el, int atom)
{
	for (const xmlNode *c = el->children; c; c = c->next) {
		if (atom ? is(c, "title", NS_ATOM) : is(c, "title", NULL)) {
			if (!d->pub.title)
				d->pub.title =
					atom ? atom_text(d, c)
					     : text_field(d, c,
							  PLX_FEED_MAX_META);
		} else if (atom ? is(c, "link", NS_ATOM)
				: is(c, "link", NULL)) {
			if (!d->pub.link)
				d->pub.link =
					atom ? atom_link(d, c)
					     : url_field(
						       d, c,
						       text_field(
							       d, c,
							       PLX_FEED_MAX_META));
		} else if (atom && is(c, "entry", NS_ATOM))
			atom_entry(d, c);
		else if (!atom && is(c, "item", NULL))
			rss_item(d, c);
		if (d->rc)
			return;
	}
}

static void add_feed(feed_doc *d, const xmlNode *el, const char *ref)
{
	const char *u = url_field(d, el, ref);
	if (!u)
		return;
	for (size_t i = 0; i < d->pub.n_feeds; i++)
		if (strcmp(d->feeds[i], u) == 0)
			return;
	if (d->pub.n_feeds >= PLX_FEED_MAX_ITEMS) {
		d->pub.dropped++;
		return;
	}
	if (plx_grow((void **)&d->feeds, &d->feeds_cap, d->pub.n_feeds + 1,
		     sizeof *d->feeds)) {
		d->rc = PLX_ENOMEM;
		return;
	}
	d->feeds[d->pub.n_feeds++] = u;
}

/* OPML: every outline with an xmlUrl, at any depth (categories nest). */
static void opml(feed_doc *d, const xmlNode *root)
{
	for (const xmlNode *c = root->children; c; c = c->next)
		if (is(c, "head", NULL))
			for (const xmlNode *h = c->children; h; h = h->next)
				if (is(h, "title", NULL) && !d->pub.title)
					d->pub.title = text_field(
						d, h, PLX_FEED_MAX_META);
	const xmlNode *n = root->children;
	while (n && !d->rc) {
		if (is(n, "outline", NULL)) {
			xmlChar *u = xmlGetProp(n, (const xmlChar *)"xmlUrl");
			if (u)
				add_feed(d, n, (const char *)u);
			xmlFree(u);
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next && n != root)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
}

void plx_feed_free(plx_feed *f)
{
	if (!f)
		return;
	feed_doc *d = (feed_doc *)f;
	plx_arena_free(&d->arena);
	plx_free(d->items);
	plx_free(d->feeds);
	plx_free(d);
}

static int fail(char *msg, size_t msglen, int rc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(char *msg, size_t msglen, int rc, const char *fmt, ...)
{
	if (msg && msglen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, msglen, fmt, ap);
		va_end(ap);
	}
	return rc;
}

int plx_feed_parse(const char *buf, size_t len, const char *url, plx_feed **out,
		   char *msg, size_t msglen)
{
	*out = NULL;
	if (msg && msglen)
		msg[0] = 0;
	if (!buf && len)
		return PLX_EINVAL;
	if (len > PLX_FEED_MAX_BYTES)
		return fail(msg, msglen, PLX_ETOOBIG,
			    "document of %zu bytes, over the limit of %zu MiB",
			    len, PLX_FEED_MAX_BYTES >> 20);
	if (len == 0)
		return fail(msg, msglen, PLX_EFORMAT, "empty document");

	xmlGenericErrorFunc old_err = xmlGenericError;
	void *old_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, silent);
	xmlParserCtxtPtr px = xmlNewParserCtxt();
	xmlDocPtr doc = NULL;
	if (px) {
		px->sax->error = silent;
		px->sax->warning = silent;
		px->sax->serror = silent_structured;
		px->sax->entityDecl = refuse_entity;
		px->vctxt.error = silent;
		px->vctxt.warning = silent;
		doc = xmlCtxtReadMemory(px, buf, (int)len, url, NULL,
					XML_PARSE_NONET | XML_PARSE_NOERROR |
						XML_PARSE_NOWARNING |
						XML_PARSE_NOCDATA);
	}
	xmlSetGenericErrorFunc(old_ctx, old_err);
	if (!px)
		return PLX_ENOMEM;
	int rc = PLX_OK;
	if (px->_private) {
		rc = fail(msg, msglen, PLX_EFORMAT,
			  "the document declares an entity (line %d): "
			  "refused",
			  px->input ? px->input->line : 0);
		goto done;
	}
	if (!doc || !px->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(px);
		char m[160];
		snprintf(m, sizeof m, "%s",
			 e && e->message ? e->message : "not well-formed");
		size_t n = strlen(m);
		while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
			m[--n] = 0;
		if (strstr(m, " line "))
			rc = fail(msg, msglen, PLX_EFORMAT, "broken XML: %s",
				  m);
		else
			rc = fail(msg, msglen, PLX_EFORMAT,
				  "broken XML: %s (line %d)", m,
				  e ? e->line : 0);
		goto done;
	}

	feed_doc *d = plx_calloc(1, sizeof *d);
	if (!d) {
		rc = PLX_ENOMEM;
		goto done;
	}
	plx_arena_init(&d->arena);
	const xmlNode *root = xmlDocGetRootElement(doc);
	const char *name = root ? (const char *)root->name : "";
	if (root && strcmp(name, "rss") == 0) {
		d->pub.kind = PLX_FEED_RSS;
		for (const xmlNode *c = root->children; c; c = c->next)
			if (is(c, "channel", NULL))
				channel(d, c, 0);
	} else if (root && strcmp(name, "RDF") == 0) {
		d->pub.kind = PLX_FEED_RDF;
		for (const xmlNode *c = root->children; c && !d->rc;
		     c = c->next) {
			if (is(c, "channel", NULL))
				channel(d, c, 0);
			else if (is(c, "item", NULL))
				rss_item(d, c);
		}
	} else if (root && is(root, "feed", NS_ATOM)) {
		d->pub.kind = PLX_FEED_ATOM;
		channel(d, root, 1);
	} else if (root && strcmp(name, "opml") == 0) {
		d->pub.kind = PLX_FEED_OPML;
		opml(d, root);
	} else {
		plx_feed_free(&d->pub);
		rc = fail(msg, msglen, PLX_EFORMAT,
			  "not a feed: root element <%s> (line %d)", name,
			  root ? (int)root->line : 0);
		goto done;
	}
	if (d->rc) {
		rc = d->rc;
		plx_feed_free(&d->pub);
		goto done;
	}
	d->pub.items = d->items;
	d->pub.feeds = d->feeds;
	*out = &d->pub;
done:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(px);
	return rc;
}

/* Elements after which a paragraph ends. */
static int is_block(const char *name)
{
	static const char *const blocks[] = {
		"p",   "div", "br",         "li", "h1", "h2",      "h3",
		"h4",  "h5",  "h6",         "tr", "ul", "ol",      "table",
		"pre", "hr",  "blockquote", "dd", "dt", "section", "article"};
	for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (strcmp(name, blocks[i]) == 0)
			return 1;
	return 0;
}

/* Appends text with runs of whitespace made one space. */
static void put_collapsed(plx_buf *b, const char *s, int *space)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f') {
			*space = 1;
			continue;
		}
		if (*space && b->len && b->data[b->len - 1] != '\n')
			plx_buf_putc(b, ' ');
		*space = 0;
		plx_buf_putc(b, (char)c);
	}
}

static void para_break(plx_buf *b, int *space)
{
	if (b->len && b->data[b->len - 1] != '\n')
		plx_buf_puts(b, "\n\n");
	*space = 0;
}

int plx_feed_text(const char *html, size_t len, char **out, size_t *out_len)
{
	*out = NULL;
	if (out_len)
		*out_len = 0;
	if (!len)
		return PLX_EEMPTY;
	if (len > PLX_FEED_MAX_SUMMARY * 2)
		return PLX_ETOOBIG;
	xmlGenericErrorFunc old_err = xmlGenericError;
	void *old_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, silent);
	htmlParserCtxtPtr px = htmlNewParserCtxt();
	htmlDocPtr doc = NULL;
	if (px) {
		px->sax->error = silent;
		px->sax->warning = silent;
		px->sax->serror = silent_structured;
		doc = htmlCtxtReadMemory(
			px, html, (int)len, NULL, "UTF-8",
			HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	}
	xmlSetGenericErrorFunc(old_ctx, old_err);
	if (!px)
		return PLX_ENOMEM;
	int rc = PLX_EEMPTY;
	plx_buf b;
	plx_buf_init(&b);
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	const xmlNode *n = root;
	int space = 0;
	while (n) {
		const char *name = (const char *)n->name;
		if (n->type == XML_TEXT_NODE && n->content)
			put_collapsed(&b, (const char *)n->content, &space);
		else if (n->type == XML_ELEMENT_NODE &&
			 (strcmp(name, "script") == 0 ||
			  strcmp(name, "style") == 0)) {
			/* skipped with their content */
		} else if (n->type == XML_ELEMENT_NODE && n->children) {
			if (is_block(name))
				para_break(&b, &space);
			n = n->children;
			continue;
		} else if (n->type == XML_ELEMENT_NODE && is_block(name))
			para_break(&b, &space);
		while (n && !n->next && n != root) {
			n = n->parent;
			if (n && n->type == XML_ELEMENT_NODE &&
			    is_block((const char *)n->name))
				para_break(&b, &space);
		}
		if (!n || n == root)
			break;
		n = n->next;
	}
	while (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = 0;
	if (b.rc)
		rc = b.rc;
	else if (b.len) {
		/* libxml2 made the text UTF-8; repair what it let through */
		plx_buf r;
		plx_buf_init(&r);
		plx_utf8_repair(&r, b.data, b.len);
		if (r.rc) {
			rc = r.rc;
			plx_buf_free(&r);
		} else {
			*out = plx_buf_detach(&r, out_len);
			rc = *out ? PLX_OK : PLX_ENOMEM;
		}
	}
	plx_buf_free(&b);
	xmlFreeDoc(doc);
	htmlFreeParserCtxt(px);
	return rc;
}
