/*
 * fuzz_feed.c: libFuzzer target for the feed parser (feed.c): RSS, RDF,
 * Atom and OPML.  Every string of a parsed feed must be NUL-terminated
 * valid UTF-8 within the limits, a failure must leave *out NULL with a
 * message, and the summary-to-text conversion must hold the same.
 */
#include <stdint.h>
#include <string.h>

#include "feed.h"
#include "parallax.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		__builtin_trap();
}

static void check_str(const char *s, size_t max)
{
	if (!s)
		return;
	size_t n = strlen(s);
	check(n > 0 && n <= max);
	check(plx_utf8_invalid(s, n) == n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plx_feed *f = NULL;
	char msg[256];
	int rc =
		plx_feed_parse((const char *)data, size,
			       "http://fuzz.example/feed", &f, msg, sizeof msg);
	if (rc) {
		check(rc < 0 && f == NULL && msg[0]);
		return 0;
	}
	check(f != NULL && f->n_items <= PLX_FEED_MAX_ITEMS &&
	      f->n_feeds <= PLX_FEED_MAX_ITEMS);
	check_str(f->title, PLX_FEED_MAX_META);
	check_str(f->link, PLX_FEED_MAX_META);
	for (size_t i = 0; i < f->n_feeds; i++)
		check_str(f->feeds[i], PLX_FEED_MAX_META);
	for (size_t i = 0; i < f->n_items; i++) {
		const plx_feed_item *it = &f->items[i];
		check_str(it->guid, PLX_FEED_MAX_META);
		check_str(it->link, PLX_FEED_MAX_META);
		check_str(it->title, PLX_FEED_MAX_META);
		check_str(it->date, PLX_FEED_MAX_META);
		check_str(it->author, PLX_FEED_MAX_META);
		check_str(it->summary, PLX_FEED_MAX_SUMMARY);
		if (it->summary) {
			char *t = NULL;
			size_t n = 0;
			rc = plx_feed_text(it->summary, strlen(it->summary), &t,
					   &n);
			check(rc ? t == NULL
				 : (t && n == strlen(t) && n &&
				    plx_utf8_invalid(t, n) == n));
			plx_free(t);
		}
	}
	plx_feed_free(f);
	return 0;
}
