/*
 * fuzz_html.c: libFuzzer target for the HTML extractor (html.c).  The input
 * is the page; every document must hold NUL-terminated valid UTF-8 of the
 * stated length, and a failure must leave *out NULL.
 */
#include <stdint.h>
#include <string.h>

#include "parallax.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		__builtin_trap();
}

static void check_str(const char *s)
{
	if (s)
		check(plx_utf8_invalid(s, strlen(s)) == strlen(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plx_html_doc *d = NULL;
	int rc = plx_html_extract((const char *)data, size,
				  "http://fuzz.example/p", &d);
	if (rc) {
		check(rc < 0 && d == NULL);
		return 0;
	}
	check(d && d->text && d->text_len > 0);
	check(strlen(d->text) == d->text_len);
	check_str(d->text);
	check_str(d->title);
	check_str(d->byline);
	check_str(d->date);
	check_str(d->site_name);
	check_str(d->url);
	check_str(d->lang);
	plx_record rec;
	plx_html_record(d, &rec);
	check(rec.text == d->text);
	plx_html_doc_free(d);
	return 0;
}
