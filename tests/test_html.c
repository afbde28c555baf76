/*
 * test_html.c: article extraction from web pages (html.c): page furniture
 * around an article, metadata from JSON-LD, Open Graph and the page,
 * character sets (declared, Latin-1, undeclared UTF-8), broken markup, deep
 * nesting, empty and oversized pages, and a page shaped like the Washington
 * Post seed whose masthead, caption, related link and credit line must stay
 * out of the body.  Pages are invented and inline.
 */
#include <stdint.h>

#include "harness.h"
#include "html.h"
#include "parallax.h"
#include "utf8.h"

static plx_html_doc *extract(const char *page, int *rc)
{
	plx_html_doc *d = NULL;
	*rc = plx_html_extract(page, strlen(page), "http://example.com/x", &d);
	return d;
}

/* extract that must succeed: NULL (and a failed check) if it does not. */
static plx_html_doc *extract_ok(const char *page)
{
	int rc;
	plx_html_doc *d = extract(page, &rc);
	CHECK(rc == PLX_OK && d != NULL);
	if (rc != PLX_OK) {
		plx_html_doc_free(d);
		return NULL;
	}
	return d;
}

static int has(const plx_html_doc *d, const char *s)
{
	return d && d->text && strstr(d->text, s) != NULL;
}

static int valid_utf8(const char *s)
{
	return s == NULL || plx_utf8_invalid(s, strlen(s)) == strlen(s);
}

static int all_valid(const plx_html_doc *d)
{
	return valid_utf8(d->text) && valid_utf8(d->title) &&
	       valid_utf8(d->byline) && valid_utf8(d->date) &&
	       valid_utf8(d->site_name) && valid_utf8(d->url) &&
	       valid_utf8(d->lang) && strlen(d->text) == d->text_len;
}

/* Four paragraphs of an invented article, long enough to score. */
#define ARTICLE_PARAS                                                          \
	"<p>The river rose four metres overnight, flooding the lower town, "   \
	"and the council opened two schools as shelters for the families "     \
	"who had to leave their homes.</p>\n"                                  \
	"<p>Engineers said the old levee, built in 1952, had held, but water " \
	"came through the drains, which were never meant for a flood of "      \
	"this size, the mayor said.</p>\n"                                     \
	"<p>Farmers upstream reported losses of wheat, barley and feed, and "  \
	"the regional office said it would count the damage once the water "   \
	"went down, probably next week.</p>\n"                                 \
	"<p>Rain is forecast to ease on Sunday, although the weather service " \
	"warned that a second front, moving in from the west, could bring "    \
	"more storms by Tuesday.</p>\n"

static const char *const ARTICLE_TEXT =
	"The river rose four metres overnight, flooding the lower town, and "
	"the council opened two schools as shelters for the families who had "
	"to leave their homes.\n\n"
	"Engineers said the old levee, built in 1952, had held, but water came "
	"through the drains, which were never meant for a flood of this size, "
	"the mayor said.\n\n"
	"Farmers upstream reported losses of wheat, barley and feed, and the "
	"regional office said it would count the damage once the water went "
	"down, probably next week.\n\n"
	"Rain is forecast to ease on Sunday, although the weather service "
	"warned that a second front, moving in from the west, could bring more "
	"storms by Tuesday.";

TEST(furniture_around_an_article)
{
	const char *page =
		"<!DOCTYPE html><html lang=\"en\"><head><title>Flood in the "
		"lower town | Valley Gazette</title></head><body>\n"
		"<div id=\"cookie-banner\"><p>We use cookies to improve your "
		"experience. Accept all cookies, or manage your choices.</p>"
		"</div>\n"
		"<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">"
		"World news and politics</a></li></ul></nav>\n"
		"<div class=\"main-column\"><article><h1>Flood in the lower "
		"town</h1>\n"
		"<figure><img src=\"f.jpg\"><figcaption>Water on Main Street, "
		"Friday morning, seen from the bridge. (Photo: A. "
		"Lens)</figcaption></figure>\n" ARTICLE_PARAS "</article>\n"
		"<div class=\"related-stories\"><h2>Related</h2><ul>"
		"<li><a href=\"/a\">Council votes on a new levee, after years "
		"of delay and argument</a></li><li><a href=\"/b\">Drought last "
		"summer hit the same farms, the worst in decades</a></li></ul>"
		"</div>\n"
		"<section id=\"comments\"><h2>Comments</h2><div class=\"comment"
		"\"><p>This happens every year and nobody does anything about "
		"it, I am so tired of the council, "
		"honestly.</p></div></section>"
		"\n</div><footer><p>Copyright Valley Gazette, all rights "
		"reserved, contact us, privacy policy.</p></footer>"
		"</body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK_STR(d->text, ARTICLE_TEXT);
	CHECK(!has(d, "cookies"));
	CHECK(!has(d, "World news"));
	CHECK(!has(d, "Main Street"));
	CHECK(!has(d, "new levee"));
	CHECK(!has(d, "every year"));
	CHECK(!has(d, "Copyright"));
	CHECK_STR(d->title, "Flood in the lower town");
	CHECK_STR(d->lang, "en");
	CHECK_STR(d->url, "http://example.com/x");
	CHECK(d->byline == NULL);
	CHECK(all_valid(d));
	plx_html_doc_free(d);
}

TEST(json_ld_and_open_graph)
{
	const char *page =
		"<!doctype html><html><head><title>Page title | Site</title>"
		"<meta property=\"og:title\" content=\"OG title\">"
		"<meta property=\"og:site_name\" content=\"Valley Gazette\">"
		"<meta property=\"article:published_time\" "
		"content=\"2024-03-01T08:00:00Z\">"
		"<link rel=\"canonical\" "
		"href=\"https://gazette.example/flood\">"
		"<script type=\"application/ld+json\">{\"@context\": "
		"\"https://schema.org\", \"@graph\": [{\"@type\": \"WebPage\", "
		"\"name\": \"not this\"}, {\"@type\": \"NewsArticle\", "
		"\"headline\": \"Flood  in the\\nlower town\", "
		"\"datePublished\": "
		"\"2024-03-01T09:30:00+01:00\", \"author\": [{\"@type\": "
		"\"Person\", \"name\": \"Jane Roe\"}, {\"name\": \"John "
		"Doe\"}], \"publisher\": {\"@type\": \"Organization\", "
		"\"name\": "
		"\"The Valley "
		"Gazette\"}}]}</script></head><body><article>" ARTICLE_PARAS
		"</article></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK_STR(d->title, "Flood in the lower town"); /* JSON-LD first */
	CHECK_STR(d->byline, "Jane Roe, John Doe");
	CHECK_STR(d->date, "2024-03-01T09:30:00+01:00");
	CHECK_STR(d->site_name, "The Valley Gazette");
	CHECK_STR(d->url, "https://gazette.example/flood");
	CHECK_STR(d->text, ARTICLE_TEXT);
	plx_html_doc_free(d);

	/* Open Graph and meta tags alone; then the page itself. */
	const char *og =
		"<html><head><title>Page title | Site</title>"
		"<meta property=\"og:title\" content=\"OG &amp; title\">"
		"<meta property=\"og:site_name\" content=\"Valley Gazette\">"
		"<meta name=\"author\" content=\"Jane Roe\">"
		"<meta property=\"article:published_time\" "
		"content=\"2024-03-01T08:00:00Z\"></"
		"head><body><article>" ARTICLE_PARAS "</article></body></html>";
	d = extract_ok(og);
	if (d) {
		CHECK_STR(d->title, "OG & title");
		CHECK_STR(d->byline, "Jane Roe");
		CHECK_STR(d->date, "2024-03-01T08:00:00Z");
		CHECK_STR(d->site_name, "Valley Gazette");
		plx_html_doc_free(d);
	}
	const char *bare =
		"<html><head><title>Flood in the lower town - Valley "
		"Gazette</title></head><body><article><header><p "
		"class=\"byline\">By Jane Roe</p><time "
		"datetime=\"2024-03-01\">March 1</time></header>" ARTICLE_PARAS
		"</article></body></html>";
	d = extract_ok(bare);
	if (d) {
		CHECK_STR(d->title, "Flood in the lower town");
		CHECK_STR(d->byline, "By Jane Roe");
		CHECK_STR(d->date, "2024-03-01");
		CHECK(d->site_name == NULL);
		CHECK(!has(d, "Jane Roe"));
		CHECK_STR(d->text, ARTICLE_TEXT);
		plx_html_doc_free(d);
	}
}

#define CAFE_PARAS(E, Q1, Q2)                                              \
	"<p>The caf" E " on the square reopened on Monday, after three "   \
	"months of work on the roof, the floors and the old kitchen, the " \
	"owner said.</p><p>" Q1 "We missed the regulars," Q2 " she said, " \
	"and the first morning was busier than any day last year, with a " \
	"queue out of the door.</p>"

TEST(character_sets)
{
	/* Declared Latin-1. */
	const char *latin1 =
		"<html><head><meta charset=\"iso-8859-1\"></head><body>"
		"<article>" CAFE_PARAS("\xe9", "\"", "\"") "</article></body>"
							   "</html>";
	int rc;
	plx_html_doc *d = extract(latin1, &rc);
	CHECK(rc == PLX_OK);
	if (d) {
		CHECK(has(d, "The caf\xc3\xa9 on the square"));
		CHECK(all_valid(d));
		plx_html_doc_free(d);
	}
	/* Undeclared and not UTF-8: windows-1252 (curly quotes 0x93 0x94). */
	const char *cp1252 = "<html><body><article>" CAFE_PARAS(
		"\xe9", "\x93", "\x94") "</article></body></html>";
	d = extract_ok(cp1252);
	if (d) {
		CHECK(has(d, "The caf\xc3\xa9 on the square"));
		CHECK(has(d,
			  "\xe2\x80\x9cWe missed the regulars,\xe2\x80\x9d"));
		CHECK(all_valid(d));
		plx_html_doc_free(d);
	}
	/* Regression: undeclared UTF-8 came out as mojibake ("caf\xc3\x83"). */
	const char *utf8 =
		"<!DOCTYPE html><html><head><title>Caf\xc3\xa9 "
		"\xe2\x80\x94 reopened</title><script charset=\"utf-8\" "
		"src=\"x.js\"></script></head><body><article>" CAFE_PARAS(
			"\xc3\xa9", "\xe2\x80\x9c",
			"\xe2\x80\x9d") "</article></body></html>";
	d = extract_ok(utf8);
	if (d) {
		CHECK(has(d, "The caf\xc3\xa9 on the square"));
		CHECK(has(d,
			  "\xe2\x80\x9cWe missed the regulars,\xe2\x80\x9d"));
		CHECK_STR(d->title, "Caf\xc3\xa9 \xe2\x80\x94 reopened");
		CHECK(all_valid(d));
		plx_html_doc_free(d);
	}
	/* Declared UTF-8 with a bad byte: repaired, never passed on. */
	const char *bad =
		"<html><head><meta charset=\"utf-8\"><title>Bad \xff "
		"byte</title></head><body><article>" CAFE_PARAS(
			"\xc3", "\xe2\x80", "\xff") "</article></body></html>";
	d = extract_ok(bad);
	if (d) {
		CHECK(all_valid(d));
		CHECK(has(d, "on the square reopened"));
		plx_html_doc_free(d);
	}
}

TEST(broken_markup)
{
	const char *page =
		"<html><body><div class=story><p>The river rose four metres "
		"overnight, flooding the lower town, and the council opened "
		"two schools as shelters.<p>Engineers said the old levee, "
		"built in 1952, had held, but water came through the <b>drains"
		"</i>, which were never meant for this, the mayor said.</div>"
		"</div></span><p>Farmers upstream reported losses of wheat, "
		"barley and feed, the regional office said on <a href='x>"
		"Friday</a>, &amp; more &bogus; entities &#x2014; here.</td>"
		"<table><tr><td>cell</div></table><!-- unclosed comment";
	int rc;
	plx_html_doc *d = extract(page, &rc);
	CHECK(rc == PLX_OK);
	if (d) {
		CHECK(has(d, "The river rose four metres overnight"));
		CHECK(has(d, "Engineers said the old levee"));
		CHECK(all_valid(d));
		plx_html_doc_free(d);
	}
	/* Tags only, or nothing at all. */
	d = extract("<html><body><div><p> </p><br></div></body></html>", &rc);
	CHECK(rc == PLX_EEMPTY && d == NULL);
	d = extract("", &rc);
	CHECK(rc == PLX_EEMPTY && d == NULL);
	d = extract("<script>var x = 'only a script, nothing to "
		    "read';</script>",
		    &rc);
	CHECK(rc == PLX_EEMPTY && d == NULL);
	CHECK(plx_html_extract(NULL, 5, NULL, &d) == PLX_EINVAL && !d);
	CHECK(plx_html_extract("x", 1, NULL, NULL) == PLX_EINVAL);
	plx_html_doc_free(NULL);
}

TEST(deep_nesting)
{
	enum { DEPTH = 100000 };
	const char *intro = "<html><body><article>" ARTICLE_PARAS;
	size_t cap = strlen(intro) + (size_t)DEPTH * 11 + 200;
	char *page = malloc(cap);
	if (!page) {
		CHECK(0);
		return;
	}
	size_t n = 0;
	n += (size_t)sprintf(page + n, "%s", intro);
	for (int i = 0; i < DEPTH; i++)
		n += (size_t)sprintf(page + n, "<div>");
	n += (size_t)sprintf(page + n, "deep text");
	for (int i = 0; i < DEPTH; i++)
		n += (size_t)sprintf(page + n, "</div>");
	n += (size_t)sprintf(page + n, "</article></body></html>");
	plx_html_doc *d = NULL;
	int rc = plx_html_extract(page, n, NULL, &d);
	/* No crash; the article before the deep part survives. */
	CHECK(rc == PLX_OK);
	if (d) {
		CHECK(has(d, "The river rose four metres overnight"));
		CHECK(all_valid(d));
		plx_html_doc_free(d);
	}
	/* 100,000 unclosed <b>, libxml2's other nesting case. */
	n = (size_t)sprintf(page, "%s", intro);
	for (int i = 0; i < DEPTH; i++)
		n += (size_t)sprintf(page + n, "<b><i>");
	d = NULL;
	rc = plx_html_extract(page, n, NULL, &d);
	CHECK(rc == PLX_OK || rc == PLX_EEMPTY);
	if (d) {
		CHECK(all_valid(d));
		plx_html_doc_free(d);
	}
	free(page);
}

TEST(huge_page)
{
	size_t n = PLX_HTML_MAX_BYTES + 1;
	char *page = malloc(n);
	if (!page) {
		CHECK(0);
		return;
	}
	memset(page, 'x', n);
	plx_html_doc *d = NULL;
	CHECK(plx_html_extract(page, n, NULL, &d) == PLX_ETOOBIG && !d);
	free(page);
}

/* Shaped like the Washington Post seed (seeds/000_*.txt): its masthead,
 * photo caption with credit, related-link headline and contributor line
 * are page furniture, as HTML elements, and must not reach the body. */
/* The seeds' kinds of furniture (masthead, caption, related-link headline,
 * credit line) as a small-town paper's page marks them, without the class
 * names the extractor skips on sight: a masthead line inside the story's
 * box, a caption in an image box, "Read more:" and "RELATED:" lines with a
 * link, a contributor line and a copyright notice; the byline and date
 * lines at the top become metadata, not body.  Invented page. */
TEST(furniture_as_html)
{
	const char *page =
		"<!DOCTYPE html><html lang=\"en\"><head><meta "
		"charset=\"utf-8\">"
		"<title>Levee repairs to start in spring, county says - The "
		"Riverside Courier</title></head><body><div id=\"page\">"
		"<div class=\"top\"><div class=\"brand\"><a href=\"/\"><img "
		"src=\"/logo.png\" alt=\"The Riverside Courier\"></a></div>"
		"<ul class=\"menu\"><li><a href=\"/news\">News</a></li></ul>"
		"</div><div class=\"content-wrap\"><div class=\"story-holder\">"
		"<p class=\"paper-name\">The Riverside Courier</p>"
		"<h1>Levee repairs to start in spring, county says</h1>"
		"<p class=\"by\">By <a href=\"/staff/mq\">Mara Quill</a>, "
		"Staff "
		"Writer</p><p class=\"when\">Published March 3, 2024</p>"
		"<div class=\"image\"><img src=\"/img/levee.jpg\"><p "
		"class=\"image-text\">Workers inspect the damaged levee north "
		"of Millbrook on Thursday. Dan Orrin / The Riverside "
		"Courier</p></div>"
		"<p>MILLBROOK - County engineers will begin rebuilding the "
		"Millbrook levee in April, after winter floods opened a breach "
		"of almost forty metres, the public works director said on "
		"Friday.</p>"
		"<p>The repairs, estimated at 4.2 million dollars, will be "
		"paid "
		"mostly by the state, with the county covering a fifth of the "
		"cost from its reserve fund, according to a memo.</p>"
		"<p><strong>Read more:</strong> <a href=\"/news/meeting\">"
		"Residents pack town meeting over flood plan</a></p>"
		"<p>Farmers whose fields flooded in January said the schedule "
		"was too slow, and asked the board to start work on the north "
		"section before the planting season begins.</p>"
		"<p>RELATED: <a href=\"/news/history\">A century of floods on "
		"the Millbrook river</a></p>"
		"<p>The director said crews would work six days a week once "
		"the "
		"river falls below flood stage, and that sandbag walls would "
		"stay in place until the work is done.</p>"
		"<p><em>Reporter Tom Vey contributed to this report.</em></p>"
		"<p><em>Copyright 2024 The Riverside Courier. All rights "
		"reserved. This material may not be published, broadcast, "
		"rewritten or redistributed.</em></p>"
		"<p>(Reporting by Tom Vey; Editing by Ann Lisk)</p>"
		"<p>Originally published at www.example.com on May 2, 2024. "
		"Share it with your neighbours.</p>"
		"</div></div></div></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(strncmp(d->text, "MILLBROOK - County engineers", 28) == 0);
	CHECK(has(d, "planting season begins.\n\nThe director said"));
	CHECK(has(d, "according to a memo.\n\nFarmers whose"));
	CHECK(has(d, "until the work is done."));
	CHECK(!has(d, "Riverside Courier"));   /* masthead, credits */
	CHECK(!has(d, "Workers inspect"));     /* caption */
	CHECK(!has(d, "town meeting"));        /* related-link headline */
	CHECK(!has(d, "A century of floods")); /* related-link headline */
	CHECK(!has(d, "contributed to this report")); /* credit line */
	CHECK(!has(d, "Reporting by"));               /* credit line */
	CHECK(!has(d, "Originally published"));       /* repost note */
	CHECK(!has(d, "rights reserved"));            /* copyright notice */
	CHECK(!has(d, "Mara Quill"));                 /* byline */
	CHECK(!has(d, "Published March"));            /* date line */
	CHECK_STR(d->byline, "Mara Quill, Staff Writer");
	CHECK_STR(d->title, "Levee repairs to start in spring, county says");
	CHECK(all_valid(d));
	plx_html_doc_free(d);
}

TEST(seed_shaped_page)
{
	const char *page =
		"<!DOCTYPE html><html lang=\"en\"><head><meta "
		"charset=\"utf-8\">"
		"<title>In crisis talks, U.S., Russian top diplomats trade "
		"demands on Ukraine - The Washington Post</title>"
		"<meta property=\"og:site_name\" content=\"Washington Post\">"
		"</head><body>"
		"<header class=\"site-header\"><div class=\"masthead\"><a "
		"href=\"/\">The Washington Post</a><span class=\"tagline\">"
		"Democracy Dies in Darkness</span></div></header>"
		"<main><article><h1>In crisis talks, U.S., Russian top "
		"diplomats trade demands on Ukraine</h1>"
		"<div class=\"author-names\"><a rel=\"author\" href=\"/k\">"
		"Isabelle Khurshudyan</a> and <a rel=\"author\" href=\"/h\">"
		"John Hudson</a></div>"
		"<figure><img src=\"g.jpg\"><figcaption>U.S. Secretary of "
		"State "
		"Antony Blinken and Russian Foreign Minister Sergei Lavrov "
		"move "
		"to their seats before their meeting in Geneva on Friday. "
		"<span class=\"credit\">(Alex Brandon/Pool/Associated Press)"
		"</span></figcaption></figure>"
		"<div class=\"article-body\">"
		"<p>GENEVA \xe2\x80\x94 The United States and Russia failed to "
		"resolve differences over Ukraine in a high-stakes meeting "
		"between top diplomats on Friday, as the Biden administration "
		"races to head off what American officials say could be an "
		"imminent Russian military assault.</p>"
		"<p>Following their discussion in Geneva, Secretary of State "
		"Antony Blinken said he would hold further talks with Russian "
		"Foreign Minister Sergei Lavrov after U.S. officials submit a "
		"written response, expected next week.</p>"
		"<div class=\"related-links\"><a href=\"/unity\">Biden "
		"administration stresses transatlantic unity on Ukraine</a>"
		"</div>"
		"<p>The impasse comes as Russia moves more troops and military "
		"equipment, including ballistic missile and air defense "
		"systems, to the border of Ukraine where 100,000 troops have "
		"been positioned.</p>"
		"<p>In his opening comments with Lavrov, Blinken also urged "
		"the "
		"release of two former U.S. Marines jailed in Russia, Paul "
		"Whelan and Trevor Reed.</p>"
		"<p class=\"contributor-line\"><i>Khurshudyan reported from "
		"Moscow and Hudson from Washington. Mary Ilyushina in Moscow "
		"contributed to this report.</i></p>"
		"</div></article></main>"
		"<footer><p>\xc2\xa9 1996-2022 The Washington Post</p></footer>"
		"</body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "GENEVA \xe2\x80\x94 The United States and Russia"));
	CHECK(has(d, "Paul Whelan and Trevor Reed."));
	CHECK(has(d, "100,000 troops have been positioned.\n\nIn his opening"));
	CHECK(!has(d, "Washington Post")); /* masthead, footer */
	CHECK(!has(d, "Democracy Dies"));
	CHECK(!has(d, "move to their seats")); /* caption */
	CHECK(!has(d, "Associated Press"));    /* photo credit */
	CHECK(!has(d, "transatlantic unity")); /* related-link headline */
	CHECK(!has(d, "contributed to this report")); /* credit line */
	CHECK(!has(d, "Isabelle Khurshudyan"));       /* byline */
	CHECK(strncmp(d->text, "GENEVA", 6) == 0);
	CHECK_STR(d->title, "In crisis talks, U.S., Russian top diplomats "
			    "trade demands on Ukraine");
	CHECK_STR(d->site_name, "Washington Post");
	CHECK(d->byline && strstr(d->byline, "Khurshudyan"));
	plx_html_doc_free(d);
}

TEST(record)
{
	const char *page =
		"<html><head><meta property=\"og:site_name\" content=\"Valley "
		"Gazette\"><meta property=\"og:title\" content=\"Flood\">"
		"<meta property=\"article:published_time\" content=\"2024-03-"
		"01\"></head><body><article>" ARTICLE_PARAS
		"</article></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	plx_record rec;
	plx_html_record(d, &rec);
	CHECK_STR(rec.title, "Flood");
	CHECK_STR(rec.source, "Valley Gazette");
	CHECK_STR(rec.date, "2024-03-01");
	CHECK_STR(rec.url, "http://example.com/x");
	CHECK(rec.text == d->text && rec.text_len == d->text_len);
	plx_html_doc_free(d);
}

/* Bylines the markup hides: a "By" marked up on its own before the name, a
 * byline inside a skipped region (a credit bar, an aside) when the page
 * gives no other, never a comment's author; og:article:author; several
 * authors in repeated meta tags. */
TEST(bylines)
{
	const char *by =
		"<html><body><article><div class=\"byline\"><em "
		"class=\"byline__by\">By</em> <a href=\"/a/jr\"><span "
		"class=\"byline__name\">Jane Roe</span></a></div>" ARTICLE_PARAS
		"</article></body></html>";
	int rc;
	plx_html_doc *d = extract(by, &rc);
	CHECK(rc == PLX_OK);
	if (d) {
		CHECK_STR(d->byline, "Jane Roe"); /* not "By" */
		CHECK_STR(d->text, ARTICLE_TEXT);
		plx_html_doc_free(d);
	}
	const char *credit =
		"<html><body><div class=\"credit-bar\"><cite "
		"class=\"byline\"><span>By </span><span>JANE ROE</span>"
		"</cite></div><article>" ARTICLE_PARAS
		"</article><aside class=\"comments\"><div "
		"class=\"author\">Commenter One</div><p>First!</p></aside>"
		"</body></html>";
	d = extract_ok(credit);
	if (d) {
		CHECK_STR(d->byline, "By JANE ROE");
		CHECK_STR(d->text, ARTICLE_TEXT);
		plx_html_doc_free(d);
	}
	const char *aside =
		"<html><body><article>" ARTICLE_PARAS
		"</article><aside><p><span itemprop=\"author\">Jane Roe "
		"&mdash;</span> 2024-03-01</p></aside></body></html>";
	d = extract_ok(aside);
	if (d) {
		CHECK_STR(d->byline, "Jane Roe"); /* without its dash */
		plx_html_doc_free(d);
	}
	const char *comments_only =
		"<html><body><article>" ARTICLE_PARAS
		"</article><section id=\"comments\"><footer><span "
		"class=\"comment-author\">Commenter One</span></footer><p>I "
		"live there.</p></section></body></html>";
	d = extract_ok(comments_only);
	if (d) {
		CHECK(d->byline == NULL);
		plx_html_doc_free(d);
	}
	const char *note =
		"<html><body><article>" ARTICLE_PARAS
		"<div class=\"author-note\"><p>Notes from the author</p>"
		"</div></article></body></html>";
	d = extract_ok(note);
	if (d) {
		CHECK(d->byline == NULL); /* an author's note is no byline */
		plx_html_doc_free(d);
	}
	const char *dated =
		"<html><body><article><div class=\"byline\">By Jane "
		"Roe\xc2\xa0 March 25, 2015 3:46 PM</div>" ARTICLE_PARAS
		"</article></body></html>";
	d = extract_ok(dated);
	if (d) {
		CHECK_STR(d->byline, "By Jane Roe"); /* without its date */
		plx_html_doc_free(d);
	}
	const char *updated =
		"<html><body><article><div class=\"author-details\"><em>Last "
		"Updated:</em> January 7, 2025</div>" ARTICLE_PARAS
		"</article></body></html>";
	d = extract_ok(updated);
	if (d) {
		CHECK(d->byline == NULL); /* a date line is no byline */
		plx_html_doc_free(d);
	}
	const char *meta = "<html><head><meta property=\"og:article:author\" "
			   "content=\"Valley News "
			   "Desk\"></head><body><article>" ARTICLE_PARAS
			   "</article></body></html>";
	d = extract_ok(meta);
	if (d) {
		CHECK_STR(d->byline, "Valley News Desk");
		plx_html_doc_free(d);
	}
	const char *two =
		"<html><head><meta name=\"DC.Creator\" content=\"Roe, J.\">"
		"<meta name=\"DC.Creator\" content=\"Doe, John\"><meta "
		"name=\"DC.Creator\" content=\"Roe, "
		"J.\"></head><body><article>" ARTICLE_PARAS
		"</article></body></html>";
	d = extract_ok(two);
	if (d) {
		CHECK_STR(d->byline, "Roe, J.; Doe, John");
		plx_html_doc_free(d);
	}
}

/* MathML is text (a formula in a sentence), its TeX annotation is not; a
 * "most popular" box after the article is furniture. */
TEST(math_and_most_popular)
{
	const char *page =
		"<html><body><article>" ARTICLE_PARAS
		"<p>The level rose as <math><semantics><mrow><mi>h</mi> <mo>="
		"</mo> <mn>4</mn> <mi>t</mi></mrow><annotation "
		"encoding=\"application/x-tex\">h=4\\cdot t</annotation>"
		"</semantics></math> for the first hours, the engineers "
		"said.</p></article><section class=\"c-article-most-popular\">"
		"<h2>Most Popular</h2><ol><li><a href=\"/1\">A bridge "
		"reopens</a><p>The old bridge reopened on Friday after two "
		"years of repairs, with a new deck and lights.</p></li><li><a "
		"href=\"/2\">Markets</a><p>The farmers' market moves to the "
		"square for the summer, the council said on Tuesday.</p>"
		"</li></ol></section></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "The level rose as h = 4 t for the first hours"));
	CHECK(!has(d, "cdot"));
	CHECK(!has(d, "Most Popular"));
	CHECK(!has(d, "bridge"));
	plx_html_doc_free(d);
}

/* A body cut in two by a figure, its first block nested deeper than a
 * sibling's score reaches: the block of the same class is taken too. */
TEST(body_cut_into_blocks)
{
	const char *page =
		"<html><body><div id=\"post\"><div class=\"blk\"><div "
		"class=\"wrap\"><div class=\"col\"><div class=\"row\">"
		"<section class=\"part\"><div class=\"inner\"><div "
		"class=\"sec\"><div class=\"txt\">"
		"<p>The ferry between the two islands stopped on Monday, when "
		"the harbour office found cracks in the old ramp, and the "
		"council said repairs would take a month.</p>"
		"<p>Passengers, many of them students and workers, crowded "
		"onto the small boats of local fishermen, who charged double "
		"the usual fare, several of them said.</p>"
		"<p>The mayor said the island could not wait for a new ramp, "
		"and asked the region for a temporary pier, which engineers "
		"said could be built in ten days.</p>"
		"</div></div></div></section><aside><p>Share this</p></aside>"
		"</div></div></div></div><figure><img src=\"r.jpg\">"
		"<figcaption>The ramp</figcaption></figure><div "
		"class=\"blk\"><section class=\"part\"><div "
		"class=\"inner\"><div class=\"sec\"><div "
		"class=\"txt\">" ARTICLE_PARAS ARTICLE_PARAS
		"</div></div></div></section></div></div></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "The ferry between the two islands"));
	CHECK(has(d, "The mayor said the island could not wait"));
	CHECK(has(d, "Rain is forecast to ease on Sunday"));
	CHECK(!has(d, "Share this"));
	CHECK(!has(d, "The ramp"));
	plx_html_doc_free(d);
}

/* Paragraphs written as <div>s: a <div> around one <p> is that paragraph
 * (the article around it is the content, short lines included), and a
 * <div> of plain text beside the content is a paragraph of it. */
TEST(div_paragraphs)
{
	const char *wrapped =
		"<html><body><article><h1>Ferry</h1><div><p>The ferry "
		"between the two islands stopped on Monday, when the harbour "
		"office found cracks in the old ramp, and the council said "
		"repairs would take a month, maybe more.</p></div><h2>Clips"
		"</h2><p>Two clips follow</p><iframe src=\"v.html\"></iframe>"
		"<p>At the harbour</p><h2>Later</h2><div>Passengers, many of "
		"them students and workers, crowded onto the small boats of "
		"local fishermen, who charged double the usual fare, several "
		"of them said.</div></article></body></html>";
	int rc;
	plx_html_doc *d = extract(wrapped, &rc);
	CHECK(rc == PLX_OK);
	if (d) {
		CHECK(has(d, "The ferry between"));
		CHECK(has(d, "Two clips follow"));
		CHECK(has(d, "Passengers, many of them"));
		plx_html_doc_free(d);
	}
	const char *plain =
		"<html><body><div class=\"col\"><div class=\"lead\">The "
		"mayor said the island could not wait for a new ramp, and "
		"asked the region for a temporary pier, which engineers said "
		"could be built in ten days</div><div class=\"photo\"><img "
		"src=\"p.jpg\"></div><div class=\"txt\">" ARTICLE_PARAS
		"</div></div></body></html>";
	d = extract_ok(plain);
	if (d) {
		CHECK(has(d, "Rain is forecast"));
		CHECK(has(d, "The mayor said the island could not wait"));
		plx_html_doc_free(d);
	}
}

/* The standfirst in the article's <header> is body (its paragraphs, or
 * the header's own text); its headline, byline and date, and the site's
 * own header, are not. */
TEST(standfirst)
{
	const char *page =
		"<html><head><title>Flood in the lower "
		"town</title></head><body>"
		"<header><p>The Valley Gazette, news from the valley since "
		"1901. Read it every morning.</p></header><article><header>"
		"<h1>Flood in the lower town</h1><p>Two schools became "
		"shelters overnight as the river rose. The old levee held, but "
		"the drains did not.</p><p class=\"byline\">By Jane Roe</p>"
		"<time datetime=\"2024-03-01\">1 March 2024</time></header>"
		"<div class=\"body\">" ARTICLE_PARAS "</div></article></body>"
		"</html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "Two schools became shelters overnight"));
	CHECK(has(d, "Rain is forecast to ease"));
	CHECK(!has(d, "news from the valley"));
	CHECK(!has(d, "Jane Roe"));
	CHECK(!has(d, "1 March"));
	CHECK(strncmp(d->text, "Two schools", 11) == 0);
	CHECK_STR(d->byline, "By Jane Roe");
	plx_html_doc_free(d);
	const char *bare =
		"<html><body><article><div class=\"body\"><header>Two "
		"schools became shelters overnight as the river rose. The old "
		"levee held, but the drains did not.</header>" ARTICLE_PARAS
		"</div></article></body></html>";
	d = extract_ok(bare);
	if (!d)
		return;
	CHECK(strncmp(d->text, "Two schools became shelters", 27) == 0);
	plx_html_doc_free(d);
}

/* A page of sections, each holding its text in blocks (a header, a list
 * of features, a notice): a <section> scores as a paragraph for its parent
 * as in Readability, so the page's <main> wins over the one long notice;
 * and a box that is nearly all a list of links and pictures is judged as a
 * list, not dropped as a linky box. */
#define FEATURE(name, text)                                                \
	"<li class=\"feature\"><a href=\"/v/" name "\"><img src=\"" name   \
	".jpg\"></a><h2>" name "</h2><p>" text "</p><a href=\"/docs/" name \
	"\" class=\"more\">Learn more about " name "</a></li>"

TEST(sections_of_lists)
{
	const char *page =
		"<html><body><header id=\"masthead\"><a href=\"/\">Tools</a>"
		"</header><main class=\"firstrun\"><section class=\"intro\">"
		"<header><h1>Welcome</h1><p>Get to know the tools that make it "
		"the most complete kit for building boats.</p></header><ul "
		"class=\"features\">" FEATURE(
			"Planer",
			"Plane, shape and smooth planks directly on the "
			"bench, or on a trestle, with this tool that replaces "
			"the old rasp.")
			FEATURE("Clamp",
				"Hold and glue your frames "
				"across several moulds and "
				"jigs with this strong clamp "
				"that comes with the kit.") "</ul><div "
							    "class=\"notice\"><"
							    "h4>Important: "
							    "register your kit"
							    "</h4><p>The kit "
							    "comes with a new "
							    "serial number so "
							    "you can use "
							    "it alongside "
							    "older kits. To "
							    "keep your "
							    "warranty, your "
							    "manuals "
							    "and more, you "
							    "need to register "
							    "the number with "
							    "your account, "
							    "or create a new "
							    "one. <a "
							    "href=\"/"
							    "kb\">Learn "
							    "more</a></p></div>"
							    "</"
							    "section><section "
							    "class=\"more-"
							    "features\"><div "
							    "class="
							    "\"container\"><"
							    "header><h2>More "
							    "tools</h2></"
							    "header><ul "
							    "class="
							    "\"features\""
							    ">" FEATURE(
								    "Chise"
								    "l",
								    "Cut "
								    "the "
								    "joints"
								    " of "
								    "any "
								    "frame "
								    "and "
								    "easily"
								    " squar"
								    "e "
								    "the "
								    "corner"
								    "s of "
								    "a "
								    "mortis"
								    "e.") FEATURE("Gauge",
										  "See all the "
										  "lines your "
										  "marks make, "
										  "how deep each "
										  "cut goes and "
										  "where it ends.")
								    FEATURE("Sa"
									    "w",
									    "Cu"
									    "t "
									    "al"
									    "on"
									    "g "
									    "an"
									    "d "
									    "ac"
									    "ro"
									    "ss"
									    " t"
									    "he"
									    " g"
									    "ra"
									    "in"
									    " i"
									    "n "
									    "re"
									    "al"
									    " t"
									    "im"
									    "e "
									    "to"
									    " m"
									    "ak"
									    "e "
									    "su"
									    "re"
									    " t"
									    "ha"
									    "t "
									    "ev"
									    "er"
									    "y "
									    "pl"
									    "an"
									    "k "
									    "fi"
									    "ts"
									    " t"
									    "he"
									    " w"
									    "ay"
									    " "
									    "yo"
									    "u "
									    "ex"
									    "pe"
									    "ct"
									    ".") "</ul></div></section></main></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "register the number"));
	CHECK(has(d, "Plane, shape and smooth planks"));
	CHECK(has(d, "Cut the joints of any frame"));
	CHECK(has(d, "Cut along and across the grain"));
	plx_html_doc_free(d);
}

/* Paragraph scores as Readability counts them: a paragraph is worth a
 * point more than its commas (many plain sentences beat one list of
 * words), and its length counts the spaces between words (short lines of
 * 25 characters score). */
TEST(paragraph_scores)
{
	const char *page =
		"<html><body><div class=\"left\"><div class=\"a\">"
		"<p>The little dog ran down to the river.</p>"
		"<p>He held a big bone in his mouth.</p>"
		"<p>On the bridge he looked down at the water.</p>"
		"<p>There he saw another dog with a bigger bone.</p>"
		"<p>He barked at it to take the other bone.</p>"
		"<p>His own bone fell into the deep river.</p>"
		"<p>The other dog was only his own face.</p>"
		"</div></div><div class=\"right\"><div><div class=\"b\"><h3>"
		"More</h3><p>Topics: dogs, rivers, bones, bridges, greed, "
		"water, fables, animals, morals, reflections, "
		"children</p></div>"
		"</div></div></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "The little dog ran down to the river."));
	CHECK(has(d, "His own bone fell into the deep river."));
	CHECK(!has(d, "Topics:"));
	plx_html_doc_free(d);
	const char *shorts =
		"<html><body><div class=\"col\"><div class=\"story\">"
		"<p>The dog ran to the river.</p><p>He had a bone to eat.</p>"
		"<p>He saw a dog in the water.</p><p>He barked at the dog.</p>"
		"<p>His bone fell in the river.</p><p>The dog was his face.</p>"
		"</div><div class=\"box\"><p>Share with your friends "
		"now</p></div>"
		"</div></body></html>";
	d = extract_ok(shorts);
	if (!d)
		return;
	CHECK(has(d, "The dog ran to the river."));
	CHECK(has(d, "The dog was his face."));
	CHECK(!has(d, "Share with"));
	plx_html_doc_free(d);
}

/* Section headings in boxes of their own between the text's boxes: a short
 * box that is all heading is no furniture (Readability's heading density);
 * a short box of a link is, and so is a short sharing box. */
TEST(heading_boxes)
{
	const char *page =
		"<html><body><div class=\"grid\"><p>The ferry between the two "
		"islands stopped on Monday, when the harbour office found "
		"cracks in the old ramp, and the council said repairs would "
		"take a month.</p><div class=\"sec\"><div class=\"sec-title\">"
		"<h2>Who pays</h2></div></div>" ARTICLE_PARAS "<div "
		"class=\"sec\"><div class=\"sec-title\"><a href=\"/more\">More "
		"ferries</a></div></div><div class=\"sd-block share-post\">"
		"<h3>Tell your friends:</h3></div><p>Passengers, many of them "
		"students and workers, crowded onto the small boats of local "
		"fishermen, who charged double the usual fare.</p></div>"
		"</body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "month.\n\nWho pays\n\nThe river rose"));
	CHECK(has(d, "Passengers, many of them"));
	CHECK(!has(d, "More ferries"));
	CHECK(!has(d, "Tell your friends"));
	plx_html_doc_free(d);
}

/* Short boxes inside the content: a line of dialogue in a box of its own
 * is body (Readability drops short boxes only when they hold links); an
 * advertisement's or a sponsor's label, a reading time and a box of
 * related articles (its class says article too) are not. */
TEST(short_boxes)
{
	const char *page =
		"<html><body><div class=\"chapter\">"
		"<div class=\"line\"><div><span>The ferry between the two "
		"islands stopped on Monday, when the harbour office found "
		"cracks in the old ramp.</span></div></div>"
		"<div class=\"line\"><div><span>They both took one.</span>"
		"</div></div><div class=\"slot\">Advertisement</div>"
		"<div class=\"line\"><div><span>Passengers, many of them "
		"students and workers, crowded onto the small boats of local "
		"fishermen, who charged double the usual fare.</span></div>"
		"</div><div class=\"line\"><div><span>\xe2\x80\x9cGotcha."
		"\xe2\x80\x9d</span></div></div><div class=\"pw\">Promoted by "
		"Acme</div><div class=\"stamp\"><span>14 min read</span>"
		"</div><div class=\"line\"><div><span>The mayor said the "
		"island could not wait for a new ramp, and asked the region "
		"for a temporary pier, which engineers said could be built in "
		"ten days.</span></div></div><div "
		"class=\"related-article-links\"><h3>Related</h3><ul><li><a "
		"href=\"/a\">Council votes on a new levee, after years of "
		"delay and argument in the town hall</a></li><li><a "
		"href=\"/b\">Drought last summer hit the same farms, the "
		"worst in decades</a></li></ul></div>"
		"<div class=\"line\"><div><span>Engineers said the old "
		"levee, built in 1952, had held, but water came through the "
		"drains, the mayor said.</span></div></div><div "
		"class=\"line\"><div><span>Farmers upstream reported losses of "
		"wheat, barley and feed, and the regional office said it would "
		"count the damage once the water went down.</span></div></div>"
		"</div></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "They both took one."));
	CHECK(has(d, "\xe2\x80\x9cGotcha.\xe2\x80\x9d"));
	CHECK(has(d, "The mayor said the island"));
	CHECK(!has(d, "Advertisement"));
	CHECK(!has(d, "Promoted"));
	CHECK(!has(d, "min read"));
	CHECK(!has(d, "new levee"));
	plx_html_doc_free(d);
}

/* A byline box around the byline element ("By <a rel=author>Name</a>,
 * News desk"): none of it is body. */
TEST(byline_box)
{
	const char *page =
		"<html><body><article><h2>Flood in the lower town</h2><div "
		"class=\"body\"><div class=\"author_fmt\">By <a "
		"rel=\"author\" href=\"/jroe\">Jane Roe</a><br>Valley News "
		"Desk</div>" ARTICLE_PARAS "</div></article></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "The river rose"));
	CHECK(!has(d, "News Desk"));
	CHECK(!has(d, "Jane Roe"));
	CHECK(strncmp(d->text, "By", 2) != 0);
	CHECK_STR(d->byline, "Jane Roe");
	plx_html_doc_free(d);
}

/* A data table in the article (header cells, or rows and columns enough)
 * keeps all its cells, short links included; a one-column table of rows
 * is layout (a sidebar of links), judged as any other box. */
#define APP_ROW(app, a, b)                                                \
	"<tr><td><div><a href=\"/app\">" app "</a></div></td><td><div>" a \
	"</div></td><td><div>" b "</div></td></tr>"
#define APP_TABLE                                                            \
	"<table><tr><th>App</th><th>Before</th><th>After</th></tr>" APP_ROW( \
		"Ferry Times", "71.1 MB",                                    \
		"13.4 MB") APP_ROW("Tide Tables", "32.7 MB", "17.5 MB")      \
		APP_ROW("Harbour Maps", "18.9 MB", "17.2 MB") "</table>"
#define SIDE_ROW(label, link)                                            \
	"<tr><td><b>" label " in the valley</b><br><a href=\"/s\">" link \
	"</a></td></tr>"
#define SIDE_TABLE                                                            \
	"<table>" SIDE_ROW("Word of the day", "Levee") SIDE_ROW(              \
		"Flower of the day", "Pine") SIDE_ROW("Born today",           \
						      "A magician")           \
		SIDE_ROW("Riddle", "A bed that never sleeps") SIDE_ROW(       \
			"Job", "Singer") SIDE_ROW("Fortune", "Letters")       \
			SIDE_ROW("Story", "A dog") SIDE_ROW("Tale", "Zodiac") \
				SIDE_ROW("Fable", "Ants")                     \
					SIDE_ROW("Legend", "Ghost") "</table>"

TEST(data_tables)
{
	const char *page =
		"<html><body><div class=\"post\">" ARTICLE_PARAS APP_TABLE
		"<p>The council said the new ramp would open in the spring, "
		"once the engineers had tested it with a loaded "
		"ferry.</p>" SIDE_TABLE "</div></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "Ferry Times"));
	CHECK(has(d, "Harbour Maps"));
	CHECK(has(d, "17.2 MB"));
	CHECK(has(d, "new ramp would open"));
	CHECK(!has(d, "Flower of the day"));
	CHECK(!has(d, "Zodiac"));
	plx_html_doc_free(d);
}

/* An article inside a box whose class says header: found on the retry
 * without skipping by class, which still cleans the furniture in it (a
 * related link), as Readability's retries do. */
TEST(retry_keeps_cleaning)
{
	const char *page =
		"<html><body><div class=\"row site_header\"><article><div "
		"class=\"article_body\">" ARTICLE_PARAS
		"<div class=\"related_inline\"><a href=\"/315\"><div "
		"class=\"headline\">Scientists find a new way to measure "
		"floods</div><div class=\"excerpt\">How high will it go? New "
		"research has the answer.</div></a></div><p>The council will "
		"meet on Monday.</p></div></article></div></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "The river rose four metres"));
	CHECK(has(d, "The council will meet on Monday."));
	CHECK(!has(d, "Scientists find"));
	plx_html_doc_free(d);
}

/* Class names inside code and tables are a highlighter's or a table's,
 * not the page's: a "comment" token in a code sample and a "tags" cell
 * are body (Readability's unlikely-candidate test skips them too). */
TEST(code_and_table_classes)
{
	const char *page =
		"<html><body><div class=\"post\">" ARTICLE_PARAS
		"<pre><code><span class=\"token comment\">// gauge.c reads "
		"the river level</span>\nint level = read_gauge();</code></pre>"
		"<table><tr><td class=\"tags\">Gauge seven, upstream of the "
		"bridge</td><td>4.2 m</td></tr></table>"
		"<div class=\"comments\"><p>Great article, thanks!</p></div>"
		"</div></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "The river rose four metres"));
	CHECK(has(d, "// gauge.c reads the river level"));
	CHECK(has(d, "int level = read_gauge();"));
	CHECK(has(d, "Gauge seven, upstream"));
	CHECK(!has(d, "Great article"));
	plx_html_doc_free(d);
}

/* A class that says what a box lacks ("no_caption", "no-sidebar") is no
 * hint of what it is: the box is body. */
TEST(negated_classes)
{
	const char *page =
		"<html><body><div class=\"post\"><div class=\"item "
		"no_caption\"><p>Two hundred homes were evacuated on Friday as "
		"the river broke its banks, and more may follow.</p><img "
		"src=\"a.jpg\"></div>" ARTICLE_PARAS
		"<div class=\"caption\">Sandbags by the bridge.</div>"
		"</div></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "Two hundred homes were evacuated"));
	CHECK(has(d, "The river rose four metres"));
	CHECK(!has(d, "Sandbags"));
	plx_html_doc_free(d);
}

/* The headline above the body is an h1 or h2 that says the title; an h3
 * that says it heads a post in the body (a blog's post title) and stays. */
TEST(title_headings)
{
	const char *page =
		"<html><head><title>Flood closes the lower town</title></head>"
		"<body><div class=\"post\"><h1>Flood closes the lower town</h1>"
		"<h3><a href=\"/p/1\">Flood closes the lower "
		"town</a></h3>" ARTICLE_PARAS "</div></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "Flood closes the lower town\n\nThe river rose"));
	CHECK(!has(d, "lower town\n\nFlood closes"));
	plx_html_doc_free(d);
}

/* A data table whose cells are mostly links (an infobox of facts, each
 * linked to its page) is the article's too: never cleaned. */
#define FACT_ROW(k, v) \
	"<tr><th>" k "</th><td><a href=\"/w\">" v "</a></td></tr>"
TEST(linked_data_table)
{
	const char *page =
		"<html><body><div class=\"post\"><table class=\"infobox\">"
		"<caption>Lower Town</caption>" FACT_ROW("River", "Tamar Water")
			FACT_ROW("County", "Westmarch County Council") FACT_ROW(
				"Founded",
				"Twelfth century market") "</"
							  "table>" ARTICLE_PARAS
							  "</div></body></"
							  "html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(has(d, "The river rose four metres"));
	CHECK(has(d, "Westmarch County Council"));
	CHECK(has(d, "Twelfth century market"));
	plx_html_doc_free(d);
}

/* The box before the content that holds the headline is the article's
 * header, whatever its tag: its standfirst is body (a sub-headline needs
 * no full stop when it has no link), its byline and date are not. */
TEST(headline_box)
{
	const char *page =
		"<html><head><title>Flood in the lower "
		"town</title></head><body>"
		"<article><div class=\"top\"><h1>Flood in the lower town</h1>"
		"<p>Two schools became shelters overnight as the river rose, "
		"and the old levee held while the drains gave way</p>"
		"<p><a href=\"/jane\">Jane Roe</a>, 1 March 2024</p>"
		"<p class=\"byline\">Jane Roe and John Doe, river and weather "
		"correspondents, with the Valley Gazette's regional "
		"desk</p></div>"
		"<section class=\"body\">" ARTICLE_PARAS "</section>"
		"</article></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(strncmp(d->text, "Two schools became shelters", 27) == 0);
	CHECK(has(d, "Rain is forecast to ease"));
	CHECK(!has(d, "Jane Roe"));
	CHECK(!has(d, "correspondents"));
	CHECK(!has(d, "Flood in the lower town"));
	plx_html_doc_free(d);
}

/* A heading at the top of the content whose words are all the title's
 * (a short form of the headline) is left out too (Readability's test is
 * this way round); the same heading further down heads a part. */
TEST(short_headline)
{
	const char *page =
		"<html><head><title>Flood closes the lower town as the river "
		"rises</title></head><body><div class=\"post\"><h2>Lower town "
		"flood</h2>" ARTICLE_PARAS "<h2>Lower town flood</h2><p>The "
		"council will meet on Monday to count the cost of the damage "
		"and plan the repairs.</p></div></body></html>";
	plx_html_doc *d = extract_ok(page);
	if (!d)
		return;
	CHECK(strncmp(d->text, "The river rose", 14) == 0);
	CHECK(has(d, "by Tuesday.\n\nLower town flood\n\nThe council"));
	plx_html_doc_free(d);
}

int main(void)
{
	RUN(furniture_around_an_article);
	RUN(json_ld_and_open_graph);
	RUN(character_sets);
	RUN(broken_markup);
	RUN(deep_nesting);
	RUN(huge_page);
	RUN(seed_shaped_page);
	RUN(furniture_as_html);
	RUN(record);
	RUN(bylines);
	RUN(math_and_most_popular);
	RUN(body_cut_into_blocks);
	RUN(div_paragraphs);
	RUN(standfirst);
	RUN(sections_of_lists);
	RUN(paragraph_scores);
	RUN(heading_boxes);
	RUN(short_boxes);
	RUN(byline_box);
	RUN(data_tables);
	RUN(retry_keeps_cleaning);
	RUN(code_and_table_classes);
	RUN(negated_classes);
	RUN(title_headings);
	RUN(linked_data_table);
	RUN(headline_box);
	RUN(short_headline);
	DONE();
}
