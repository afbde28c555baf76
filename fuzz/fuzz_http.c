/*
 * fuzz_http.c: libFuzzer target for the request side of `parallax serve`
 * that is ours (src/http.c): routing and percent-decoding of the path, the
 * query string parser, the HTML escaper and the URL encoder.  The input is
 * a request target ("/path?query").  Invariants: a routed argument is valid
 * UTF-8 without NUL, '/', '\' or a "."/".." segment; escaped HTML holds no
 * raw < > " ' and is valid UTF-8; encoded URLs only unreserved bytes and %.
 */
#include <stdint.h>
#include <string.h>

#include "http.h"
#include "parallax.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	plx_buf arg, v, out;
	plx_buf_init(&arg);
	plx_buf_init(&v);
	plx_buf_init(&out);

	const char *q = memchr(s, '?', size);
	size_t plen = q ? (size_t)(q - s) : size;
	plx_route r = plx_http_route(s, plen, &arg);
	check(r >= PLX_R_NONE && r <= PLX_R_API_SEARCH);
	if (arg.len) {
		check(r != PLX_R_BAD && r != PLX_R_NONE);
		check(plx_utf8_invalid(arg.data, arg.len) == arg.len);
		check(!memchr(arg.data, 0, arg.len));
		check(!memchr(arg.data, '/', arg.len));
		check(!memchr(arg.data, '\\', arg.len));
		check(strcmp(arg.data, "..") != 0 &&
		      strcmp(arg.data, ".") != 0);
	}

	/* The query string as a NUL-terminated copy (as the server has it). */
	if (q) {
		size_t qn = size - plen - 1;
		char *qs = plx_strndup(q + 1, qn);
		if (qs && !memchr(q + 1, 0, qn)) {
			static const char *const names[] = {
				"q",      "limit", "offset", "sort", "source",
				"entity", "from",  "to",     ""};
			for (size_t i = 0; i < sizeof names / sizeof *names;
			     i++) {
				int rc = plx_http_param(qs, names[i], &v);
				if (rc == 1) {
					check(v.len <= PLX_HTTP_MAX_VALUE);
					check(plx_utf8_invalid(v.data, v.len) ==
					      v.len);
					check(strlen(v.data) == v.len);
					(void)plx_http_uint(v.data);
				}
			}
		}
		plx_free(qs);
	}

	plx_html_esc(&out, s, size);
	if (!out.rc && out.len) {
		check(plx_utf8_invalid(out.data, out.len) == out.len);
		check(!memchr(out.data, '<', out.len) &&
		      !memchr(out.data, '>', out.len) &&
		      !memchr(out.data, '"', out.len) &&
		      !memchr(out.data, '\'', out.len) &&
		      !memchr(out.data, 0, out.len));
	}
	plx_buf_reset(&out);
	plx_url_enc(&out, s, size);
	for (size_t i = 0; !out.rc && i < out.len; i++) {
		char c = out.data[i];
		check((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || strchr("-._~%", c));
	}
	/* Decoding what was encoded gives the input back (when it is valid
	 * UTF-8 without NUL and short enough). */
	if (!out.rc && size <= PLX_HTTP_MAX_VALUE / 3 && !memchr(s, 0, size) &&
	    plx_utf8_invalid(s, size) == size) {
		plx_buf_reset(&v);
		check(plx_http_decode(&v, out.data ? out.data : "", out.len,
				      0) == PLX_OK);
		check(v.len == size && (!size || memcmp(v.data, s, size) == 0));
	}
	if (size < 4096) {
		char *z = plx_strndup(s, size);
		if (z)
			(void)plx_url_safe(z);
		plx_free(z);
	}
	plx_buf_free(&arg);
	plx_buf_free(&v);
	plx_buf_free(&out);
	return 0;
}
