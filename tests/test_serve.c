/*
 * test_serve.c: `parallax serve` in-process on an ephemeral port, over a
 * database ingested from sample/ plus one hostile article: every API
 * endpoint and status, the pages, the security headers, hostile strings
 * rendered inert (checked on the bytes), path traversal, oversized and
 * malformed requests (4xx, and the server still answers after them), new
 * stories appearing while the server runs, the search index backfill.
 * Requests go over raw sockets, so malformed ones are sent as they are.
 */
#define _GNU_SOURCE /* strcasestr */
#include <arpa/inet.h>
#include <ctype.h>
#include <jansson.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "harness.h"
#include "http.h"
#include "parallax.h"
#include "testutil.h"
#include "utf8.h"

static char db_path[256];
static plx_server *srv;
static unsigned port;

/* The hostile article: markup, event handlers, javascript: links and
 * broken UTF-8 in every field the pages show. */
static const char EVIL_TITLE[] =
	"Evil <script>alert(1)</script><img src=x onerror=alert(2)> \xff\xfe "
	"title";
static const char EVIL_TEXT[] =
	"ZEPHYRQUAY \xe2\x80\x94 The <script>alert('x')</script> council met "
	"<a href=\"javascript:alert(3)\" onclick=\"alert(4)\">here</a> on "
	"Monday. \"We will <b onmouseover=alert(5)>never</b> stop,\" said "
	"Mayor Evil <svg onload=alert(6)>Person.\n\n"
	"Broken bytes \xc3\x28 and \xed\xa0\x80 and \xf0\x28\x8c\x28 here, "
	"said Zephyrquay officials on Tuesday in a statement.\n";

/* ---- A tiny HTTP client ------------------------------------------------ */

typedef struct resp {
	int status;
	char *head; /* status line and headers */
	char *body;
	size_t body_len;
} resp;

static void resp_free(resp *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof *r);
}

/* Sends raw bytes, reads the whole answer (the server closes or we time
 * out); status 0 when nothing came back. */
static int raw(const char *req, size_t len, resp *out)
{
	memset(out, 0, sizeof *out);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct timeval tv = {5, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof a)) {
		close(fd);
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = send(fd, req + off, len - off, MSG_NOSIGNAL);
		if (w <= 0)
			break; /* the server may answer before reading all */
		off += (size_t)w;
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	ssize_t got;
	while (buf && (got = recv(fd, buf + n, cap - n, 0)) > 0) {
		n += (size_t)got;
		if (n == cap) {
			char *p = realloc(buf, cap * 2 + 1);
			if (!p)
				break;
			buf = p;
			cap *= 2;
		}
	}
	close(fd);
	if (!buf)
		return -1;
	buf[n] = 0;
	char *sep = strstr(buf, "\r\n\r\n");
	if (strncmp(buf, "HTTP/1.", 7) == 0 && n > 12)
		out->status = atoi(buf + 9);
	if (sep) {
		out->head = strndup(buf, (size_t)(sep - buf));
		out->body_len = n - (size_t)(sep + 4 - buf);
		out->body = malloc(out->body_len + 1);
		memcpy(out->body, sep + 4, out->body_len);
		out->body[out->body_len] = 0;
	} else {
		out->head = strdup(buf);
		out->body = strdup("");
	}
	free(buf);
	return 0;
}

static int get(const char *method, const char *target, resp *out)
{
	char req[8192];
	int n = snprintf(req, sizeof req,
			 "%s %s HTTP/1.1\r\nHost: localhost\r\n"
			 "Connection: close\r\n\r\n",
			 method, target);
	return raw(req, (size_t)n, out);
}

static int has_header(const resp *r, const char *line)
{
	return r->head && strcasestr(r->head, line) != NULL;
}

static json_t *get_json(const char *target, int want)
{
	resp r;
	get("GET", target, &r);
	if (r.status != want)
		fprintf(stderr, "  %s: status %d, want %d: %.200s\n", target,
			r.status, want, r.body ? r.body : "");
	CHECK(r.status == want);
	CHECK(has_header(&r, "Content-Type: application/json"));
	json_error_t err;
	json_t *j = r.body ? json_loads(r.body, 0, &err) : NULL;
	if (!j)
		fprintf(stderr, "  %s: not JSON: %.200s\n", target,
			r.body ? r.body : "");
	CHECK(j != NULL);
	if (j && want >= 400)
		CHECK(json_is_string(json_object_get(j, "error")));
	resp_free(&r);
	return j;
}

static int status_of(const char *target)
{
	resp r;
	get("GET", target, &r);
	int s = r.status;
	resp_free(&r);
	return s;
}

/* ---- Inert HTML: every tag and attribute from an allow-list ------------- */

static int allowed(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(name, *list) == 0)
			return 1;
	return 0;
}

/* Scans an HTML page: tags, attribute names and link targets must be ours;
 * the bytes must be valid UTF-8.  Returns the number of problems. */
static int html_inert(const char *html, size_t len)
{
	static const char *const tags[] = {
		"!DOCTYPE",   "html",    "head",   "meta",   "title",
		"style",      "body",    "header", "nav",    "form",
		"input",      "button",  "main",   "div",    "footer",
		"a",          "span",    "p",      "h1",     "h2",
		"h3",         "ul",      "ol",     "li",     "svg",
		"line",       "rect",    "circle", "text",   "blockquote",
		"aside",      "section", "b",      "mark",   "code",
		"q",          "table",   "thead",  "tbody",  "tr",
		"th",         "td",      "em",     "strong", "small",
		"details",    "summary", "time",   "g",      "path",
		"polyline",   "sup",     "br",     "abbr",   "figure",
		"figcaption", NULL};
	static const char *const attrs[] = {"charset",
					    "name",
					    "content",
					    "lang",
					    "class",
					    "href",
					    "action",
					    "method",
					    "role",
					    "type",
					    "placeholder",
					    "aria-label",
					    "value",
					    "rel",
					    "width",
					    "height",
					    "viewBox",
					    "x",
					    "y",
					    "x1",
					    "y1",
					    "x2",
					    "y2",
					    "cx",
					    "cy",
					    "r",
					    "rx",
					    "fill",
					    "fill-opacity",
					    "stroke",
					    "stroke-width",
					    "text-anchor",
					    "font-family",
					    "font-size",
					    "title",
					    "id",
					    "colspan",
					    "rowspan",
					    "scope",
					    "datetime",
					    "d",
					    "points",
					    "open",
					    "xmlns",
					    "dominant-baseline",
					    "opacity",
					    "aria-hidden",
					    NULL};
	int bad = 0;
	if (plx_utf8_invalid(html, len) != len) {
		fprintf(stderr, "  invalid UTF-8 at byte %zu\n",
			plx_utf8_invalid(html, len));
		bad++;
	}
	if (memchr(html, 0, len)) {
		fprintf(stderr, "  NUL byte in page\n");
		bad++;
	}
	const char *p = html, *end = html + len;
	int in_style = 0;
	while ((p = memchr(p, '<', (size_t)(end - p)))) {
		p++;
		if (in_style) {
			if (strncasecmp(p, "/style>", 7) == 0)
				in_style = 0;
			else {
				fprintf(stderr, "  '<' inside style\n");
				bad++;
			}
			continue;
		}
		if (*p == '/')
			p++;
		char name[32];
		size_t n = 0;
		while (p < end && (isalnum((unsigned char)*p) || *p == '!') &&
		       n < sizeof name - 1)
			name[n++] = *p++;
		name[n] = 0;
		if (!allowed(name, tags)) {
			fprintf(stderr, "  tag <%s> not ours\n", name);
			bad++;
		}
		if (strcasecmp(name, "style") == 0 && p[-6] != '/')
			in_style = 1;
		/* Attributes up to '>'. */
		while (p < end && *p != '>') {
			while (p < end && isspace((unsigned char)*p))
				p++;
			if (*p == '>' || *p == '/')
				break;
			char an[32];
			size_t k = 0;
			while (p < end && *p != '=' && *p != '>' &&
			       !isspace((unsigned char)*p) && k < sizeof an - 1)
				an[k++] = *p++;
			an[k] = 0;
			if (k && !allowed(an, attrs) &&
			    strcasecmp(name, "!DOCTYPE") != 0) {
				fprintf(stderr, "  attribute %s on <%s>\n", an,
					name);
				bad++;
			}
			if (*p == '=') {
				p++;
				if (*p != '"') {
					fprintf(stderr,
						"  unquoted attribute %s\n",
						an);
					bad++;
					continue;
				}
				const char *v = ++p;
				const char *q =
					memchr(p, '"', (size_t)(end - p));
				if (!q)
					return bad + 1;
				if ((strcasecmp(an, "href") == 0 ||
				     strcasecmp(an, "action") == 0) &&
				    !(v[0] == '/' ||
				      strncmp(v, "http://", 7) == 0 ||
				      strncmp(v, "https://", 8) == 0)) {
					fprintf(stderr, "  link %.*s\n",
						(int)(q - v), v);
					bad++;
				}
				if (memchr(v, '<', (size_t)(q - v))) {
					fprintf(stderr, "  '<' in attribute\n");
					bad++;
				}
				p = q + 1;
			}
		}
	}
	return bad;
}

/* ---- Fixture ----------------------------------------------------------- */

static int ingest_paths(const char *db, const char *const *paths,
			const plx_record *extra)
{
	plx_analyzer *an = NULL;
	plx_ingest *g = NULL;
	plx_reader *rd = NULL;
	char msg[256];
	if (plx_analyzer_new(NULL, &an) ||
	    plx_ingest_open(db, NULL, an, &g, msg, sizeof msg) ||
	    plx_reader_new(NULL, &rd)) {
		fprintf(stderr, "ingest: %s\n", msg);
		return -1;
	}
	for (; paths && *paths; paths++)
		plx_reader_add(rd, *paths);
	const plx_record *rec;
	int rc;
	while ((rc = plx_reader_next(rd, &rec)) != 0)
		if (rc == 1)
			plx_ingest_add(g, rec);
	if (extra)
		CHECK(plx_ingest_add(g, extra) == PLX_OK);
	rc = plx_ingest_commit(g);
	plx_reader_free(rd);
	plx_ingest_free(g);
	plx_analyzer_free(an);
	return rc;
}

static void start(void)
{
	plx_server_params p;
	plx_server_params_default(&p);
	p.db = db_path;
	p.listen = "127.0.0.1:0";
	p.threads = 2;
	char msg[256];
	int rc = plx_server_start(&p, &srv, msg, sizeof msg);
	if (rc)
		fprintf(stderr, "server: %s\n", msg);
	CHECK(rc == PLX_OK);
	port = plx_server_port(srv);
	CHECK(port > 0);
}

static int64_t first_story_id(void)
{
	json_t *j = get_json("/api/stories?sort=size&limit=1", 200);
	json_t *s = json_array_get(json_object_get(j, "stories"), 0);
	int64_t id = (int64_t)json_integer_value(json_object_get(s, "id"));
	json_decref(j);
	return id;
}

/* ---- Tests ------------------------------------------------------------- */

TEST(stories_api)
{
	json_t *j = get_json("/api/stories", 200);
	json_t *st = json_object_get(j, "stories");
	CHECK(json_array_size(st) >= 5);
	json_t *s0 = json_array_get(st, 0);
	CHECK(json_is_string(json_object_get(s0, "headline")));
	CHECK(json_is_integer(json_object_get(s0, "articles")));
	json_decref(j);

	/* Sorts: size puts the biggest first. */
	j = get_json("/api/stories?sort=size", 200);
	st = json_object_get(j, "stories");
	json_int_t prev = 1 << 30;
	size_t i;
	json_t *s;
	json_array_foreach(st, i, s)
	{
		json_int_t n =
			json_integer_value(json_object_get(s, "articles"));
		CHECK(n <= prev);
		prev = n;
	}
	json_decref(j);
	j = get_json("/api/stories?sort=sources&limit=1", 200);
	CHECK(json_array_size(json_object_get(j, "stories")) == 1);
	CHECK(json_integer_value(json_object_get(j, "next_offset")) == 1);
	json_decref(j);

	/* Paging: offset 1 starts at the second of offset 0. */
	json_t *a = get_json("/api/stories?sort=size&limit=2", 200);
	json_t *b = get_json("/api/stories?sort=size&limit=1&offset=1", 200);
	CHECK(json_equal(json_array_get(json_object_get(a, "stories"), 1),
			 json_array_get(json_object_get(b, "stories"), 0)));
	json_decref(a);
	json_decref(b);

	/* Filters: a source, an entity, a time range. */
	j = get_json("/api/stories?source=Meridian+Wire", 200);
	CHECK(json_array_size(json_object_get(j, "stories")) >= 2);
	json_decref(j);
	j = get_json("/api/stories?source=Nobody%20Times", 200);
	CHECK(json_array_size(json_object_get(j, "stories")) == 0);
	json_decref(j);
	j = get_json("/api/stories?entity=Vienna", 200);
	CHECK(json_array_size(json_object_get(j, "stories")) >= 1);
	json_decref(j);
	j = get_json("/api/stories?from=2025-03-13&to=2025-03-14", 200);
	size_t in_range = json_array_size(json_object_get(j, "stories"));
	json_decref(j);
	j = get_json("/api/stories?to=2025-03-09", 200);
	CHECK(json_array_size(json_object_get(j, "stories")) == 0);
	json_decref(j);
	CHECK(in_range >= 1);

	/* Bad parameters: 400 with a JSON error. */
	json_decref(get_json("/api/stories?limit=0", 400));
	json_decref(get_json("/api/stories?limit=abc", 400));
	json_decref(get_json("/api/stories?limit=1000", 400));
	json_decref(get_json("/api/stories?offset=-1", 400));
	json_decref(get_json("/api/stories?sort=random", 400));
	json_decref(get_json("/api/stories?from=yesterday", 400));
	json_decref(get_json("/api/stories?source=%ff", 400));
	json_decref(get_json("/api/stories?source=%zz", 400));
}

TEST(story_api)
{
	int64_t id = first_story_id();
	char t[64];
	snprintf(t, sizeof t, "/api/stories/%lld", (long long)id);
	json_t *j = get_json(t, 200);
	/* The coverage report (docs/coverage.md). */
	CHECK(json_integer_value(json_object_get(j, "id")) == id);
	CHECK(json_is_array(json_object_get(j, "sources")));
	CHECK(json_array_size(json_object_get(j, "articles")) >= 2);
	CHECK(json_is_array(json_object_get(j, "facts")));
	json_decref(j);
	json_decref(get_json("/api/stories/999999", 404));
	json_decref(get_json("/api/stories/abc", 400));
	json_decref(get_json("/api/stories/-1", 400));
}

TEST(article_api)
{
	json_t *j = get_json("/api/articles/s03", 200);
	CHECK_STR(json_string_value(json_object_get(j, "id")), "s03");
	CHECK(json_array_size(json_object_get(j, "paragraphs")) > 0);
	CHECK(json_is_array(json_object_get(j, "quotes")));
	CHECK(json_is_integer(json_object_get(j, "seq")));
	json_int_t seq = json_integer_value(json_object_get(j, "seq"));
	json_decref(j);
	char t[64];
	snprintf(t, sizeof t, "/api/articles/%lld", (long long)seq);
	j = get_json(t, 200);
	CHECK_STR(json_string_value(json_object_get(j, "id")), "s03");
	json_decref(j);
	json_decref(get_json("/api/articles/no-such-article", 404));
	json_decref(get_json("/api/articles/99999999", 404));
}

TEST(search_api)
{
	json_t *j = get_json("/api/search?q=bridge+collapse", 200);
	json_t *res = json_object_get(j, "results");
	CHECK(json_array_size(res) >= 1);
	const char *snip = json_string_value(
		json_object_get(json_array_get(res, 0), "snippet"));
	CHECK(snip && strcasestr(snip, "bridge"));
	json_decref(j);
	/* FTS5 syntax in the input is plain text, not an error. */
	json_decref(get_json("/api/search?q=%22bridge%20OR%20NEAR(", 200));
	json_decref(get_json("/api/search?q=title%3Abridge%20*", 200));
	json_decref(get_json("/api/search", 400));
	json_decref(get_json("/api/search?q=", 400));
	json_decref(get_json("/api/search?q=%22%22%20()", 400));
	json_decref(get_json("/api/search?q=bridge&limit=x", 400));
	j = get_json("/api/search?q=zzzqqqxxx", 200);
	CHECK(json_array_size(json_object_get(j, "results")) == 0);
	json_decref(j);
}

TEST(entity_api)
{
	json_t *j = get_json("/api/entities/Vienna", 200);
	CHECK(json_array_size(json_object_get(j, "articles")) >= 1);
	CHECK(json_array_size(json_object_get(j, "stories")) >= 1);
	json_decref(j);
	json_decref(get_json("/api/entities/Nobody%20Anybody", 404));
}

TEST(errors_and_methods)
{
	json_decref(get_json("/api/nothing", 404));
	json_decref(get_json("/api", 404));
	resp r;
	get("POST", "/api/stories", &r);
	CHECK(r.status == 405);
	CHECK(has_header(&r, "Allow: GET, HEAD"));
	resp_free(&r);
	get("DELETE", "/", &r);
	CHECK(r.status == 405);
	resp_free(&r);
	get("HEAD", "/api/stories", &r);
	CHECK(r.status == 200);
	CHECK(r.body_len == 0);
	resp_free(&r);
	CHECK(status_of("/no/such/page") == 404);
	CHECK(status_of("/stories/999999") == 404);
	CHECK(status_of("/articles/nope") == 404);
	CHECK(status_of("/entities/Nobody%20Anybody") == 404);
}

TEST(pages)
{
	static const char *const pages[] = {"/",
					    "/?sort=size",
					    "/?sort=sources&offset=2",
					    "/?source=Meridian%20Wire",
					    "/articles/s03",
					    "/articles/1",
					    "/search?q=bridge",
					    "/search",
					    "/search?q=zzzqqq",
					    "/entities/Vienna",
					    NULL};
	char story[64];
	snprintf(story, sizeof story, "/stories/%lld",
		 (long long)first_story_id());
	for (int i = -1; i < 0 || pages[i]; i++) {
		const char *t = i < 0 ? story : pages[i];
		resp r;
		get("GET", t, &r);
		if (r.status != 200)
			fprintf(stderr, "  %s: %d\n", t, r.status);
		CHECK(r.status == 200);
		CHECK(has_header(&r, "Content-Type: text/html; charset=utf-8"));
		CHECK(has_header(&r, "Content-Security-Policy: default-src "
				     "'none'; style-src 'unsafe-inline'; "
				     "img-src data:"));
		CHECK(has_header(&r, "X-Content-Type-Options: nosniff"));
		int bad = r.body ? html_inert(r.body, r.body_len) : 1;
		if (bad)
			fprintf(stderr, "  %s: %d problems\n", t, bad);
		CHECK(bad == 0);
		resp_free(&r);
	}
	/* Content: the story list names a sample headline; search marks. */
	resp r;
	get("GET", "/", &r);
	CHECK(r.body && strstr(r.body, "Brennport"));
	CHECK(r.body && strstr(r.body, "<svg"));
	resp_free(&r);
	get("GET", "/search?q=bridge", &r);
	CHECK(r.body && strstr(r.body, "<mark>"));
	resp_free(&r);
}

TEST(hostile_article)
{
	/* The search finds it; every page showing it stays inert. */
	json_t *j = get_json("/api/search?q=zephyrquay", 200);
	json_t *hit = json_array_get(json_object_get(j, "results"), 0);
	CHECK(hit != NULL);
	json_int_t seq = json_integer_value(json_object_get(hit, "seq"));
	json_int_t story = json_integer_value(json_object_get(hit, "story"));
	json_decref(j);
	char t[4][96];
	snprintf(t[0], sizeof t[0], "/articles/%lld", (long long)seq);
	snprintf(t[1], sizeof t[1], "/stories/%lld", (long long)story);
	snprintf(t[2], sizeof t[2], "/search?q=zephyrquay+script");
	snprintf(t[3], sizeof t[3], "/?sort=recent");
	for (int i = 0; i < 4; i++) {
		resp r;
		get("GET", t[i], &r);
		CHECK(r.status == 200);
		CHECK(r.body && strcasestr(r.body, "<script") == NULL);
		CHECK(r.body &&
		      strcasestr(r.body, "javascript:alert(3)\"") == NULL);
		CHECK(r.body &&
		      strcasestr(r.body, "href=\"javascript") == NULL);
		CHECK(r.body && strstr(r.body, "<img") == NULL);
		/* The words are shown, as text. */
		if (i < 2)
			CHECK(r.body && strstr(r.body, "&lt;script&gt;"));
		int bad = r.body ? html_inert(r.body, r.body_len) : 1;
		if (bad)
			fprintf(stderr, "  %s: %d problems\n", t[i], bad);
		CHECK(bad == 0);
		resp_free(&r);
	}
	/* Its JSON is valid UTF-8 JSON. */
	snprintf(t[0], sizeof t[0], "/api/articles/%lld", (long long)seq);
	j = get_json(t[0], 200);
	CHECK(j != NULL);
	json_decref(j);
	/* The javascript: URL is never a link. */
	resp r;
	get("GET", "/articles/evil-1", &r);
	CHECK(r.status == 200);
	CHECK(r.body && !strstr(r.body, ">original</a>"));
	resp_free(&r);
}

TEST(traversal_and_malformed)
{
	static const char *const bad_targets[] = {"/../../etc/passwd",
						  "/%2e%2e/%2e%2e/etc/passwd",
						  "/articles/..",
						  "/articles/%2E%2E",
						  "/articles/a%2fb",
						  "/articles/a%5cb",
						  "/articles/%00",
						  "/api/entities/x%00y",
						  "/articles/%zz",
						  "/articles/%",
						  "/articles/%c3%28",
						  "/stories/.",
						  NULL};
	for (int i = 0; bad_targets[i]; i++) {
		int s = status_of(bad_targets[i]);
		if (s != 400)
			fprintf(stderr, "  %s: %d\n", bad_targets[i], s);
		CHECK(s == 400);
	}
	/* Oversized: a target over PLX_HTTP_MAX_URI, a request head over the
	 * connection memory, a huge header. */
	size_t big = PLX_HTTP_MAX_URI + 100;
	char *t = malloc(big + 1);
	t[0] = '/';
	memset(t + 1, 'a', big - 1);
	t[big] = 0;
	CHECK(status_of(t) == 414);
	free(t);
	size_t huge = 100000;
	char *req = malloc(huge + 200);
	int n = sprintf(req, "GET /");
	memset(req + n, 'b', huge);
	n += (int)huge;
	n += sprintf(req + n, " HTTP/1.1\r\nHost: x\r\n\r\n");
	resp r;
	raw(req, (size_t)n, &r);
	CHECK(r.status >= 400 && r.status < 500);
	resp_free(&r);
	n = sprintf(req, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ");
	memset(req + n, 'c', huge);
	n += (int)huge;
	n += sprintf(req + n, "\r\n\r\n");
	raw(req, (size_t)n, &r);
	CHECK(r.status >= 400 && r.status < 500);
	resp_free(&r);
	free(req);

	/* Malformed: no method, a bad version, binary noise, a body on GET,
	 * a half request then silence is left to the timeout (not tested:
	 * no timing in unit tests). */
	static const char *const junk[] = {
		"GARBAGE\r\n\r\n",
		"GET\r\n\r\n",
		"GET / HTTP/7.0\r\nHost: x\r\n\r\n",
		"GET / HTTP/1.1\r\nBad Header Line\r\n\r\n",
		"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
		NULL};
	for (int i = 0; junk[i]; i++) {
		raw(junk[i], strlen(junk[i]), &r);
		/* An answer, when there is one, is an error. */
		if (r.status)
			CHECK(r.status >= 400);
		resp_free(&r);
	}
	const char with_body[] = "GET /api/stories HTTP/1.1\r\nHost: x\r\n"
				 "Content-Length: 5\r\nConnection: close\r\n"
				 "\r\nhello";
	raw(with_body, sizeof with_body - 1, &r);
	CHECK(r.status == 200 || (r.status >= 400 && r.status < 500));
	resp_free(&r);

	/* Still up. */
	json_t *j = get_json("/api/stories?limit=1", 200);
	CHECK(json_array_size(json_object_get(j, "stories")) == 1);
	json_decref(j);
}

/* Articles of the story of article s03 in its report. */
static size_t report_articles(int64_t *story)
{
	json_t *a = get_json("/api/articles/s03", 200);
	*story = (int64_t)json_integer_value(json_object_get(a, "story"));
	json_decref(a);
	char t[64];
	snprintf(t, sizeof t, "/api/stories/%lld", (long long)*story);
	json_t *j = get_json(t, 200);
	size_t n = json_array_size(json_object_get(j, "articles"));
	json_decref(j);
	return n;
}

TEST(new_stories_appear)
{
	/* A cached report follows its story: a copy of s03 joins it. */
	int64_t story = -1, story2 = -1;
	size_t before = report_articles(&story);
	CHECK(before >= 2);
	CHECK(report_articles(&story) == before); /* from the cache */
	json_t *s03 = get_json("/api/articles/s03", 200);
	plx_record copy;
	memset(&copy, 0, sizeof copy);
	copy.id = "late-copy-of-s03";
	copy.title = json_string_value(json_object_get(s03, "title"));
	copy.source = "Copy Desk";
	copy.date = "2025-03-10T12:00:00Z";
	plx_buf text;
	plx_buf_init(&text);
	json_t *paras = json_object_get(s03, "paragraphs");
	size_t i;
	json_t *p;
	json_array_foreach(paras, i, p)
	{
		plx_buf_puts(&text,
			     json_string_value(json_object_get(p, "text")));
		plx_buf_puts(&text, "\n\n");
	}
	copy.text = text.data;
	copy.text_len = text.len;
	CHECK(ingest_paths(db_path, NULL, &copy) == PLX_OK);
	plx_buf_free(&text);
	json_decref(s03);
	CHECK(report_articles(&story2) == before + 1);
	CHECK(story2 == story);

	json_t *j = get_json("/api/search?q=quillmarsh", 200);
	CHECK(json_array_size(json_object_get(j, "results")) == 0);
	json_decref(j);
	/* ingest writes while the server reads. */
	plx_record rec;
	memset(&rec, 0, sizeof rec);
	rec.id = "late-1";
	rec.title = "Quillmarsh lighthouse relit after forty years";
	rec.source = "Late Gazette";
	rec.date = "2025-03-14T09:00:00Z";
	rec.text =
		"QUILLMARSH \xe2\x80\x94 The Quillmarsh lighthouse was relit "
		"on Friday, forty years after its lamp went dark, the "
		"harbour trust said.\n\nVolunteers restored the lens.\n";
	rec.text_len = strlen(rec.text);
	CHECK(ingest_paths(db_path, NULL, &rec) == PLX_OK);
	j = get_json("/api/search?q=quillmarsh", 200);
	CHECK(json_array_size(json_object_get(j, "results")) == 1);
	json_decref(j);
	j = get_json("/api/stories?sort=recent&limit=1", 200);
	const char *h = json_string_value(json_object_get(
		json_array_get(json_object_get(j, "stories"), 0), "headline"));
	CHECK(h && strstr(h, "Quillmarsh"));
	json_decref(j);
}

/* A database from before the search index: the read-only server says so;
 * opening it for writing builds and backfills the index. */
TEST(search_index_backfill)
{
	sqlite3 *db = NULL;
	CHECK(sqlite3_open(db_path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db,
			   "DROP TRIGGER IF EXISTS articles_fts_ins;"
			   "DROP TRIGGER articles_fts_del;"
			   "DROP TABLE articles_fts; PRAGMA user_version=1;",
			   NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	/* Fresh connections see the change. */
	plx_server_stop(srv);
	start();
	json_t *j = get_json("/api/search?q=bridge", 500);
	const char *e = json_string_value(json_object_get(j, "error"));
	CHECK(e && strstr(e, "no search index"));
	json_decref(j);
	CHECK(status_of("/search?q=bridge") == 500);
	CHECK(status_of("/api/stories") == 200);

	plx_store *s = NULL;
	CHECK(plx_store_open(db_path, 0, &s, NULL, 0) == PLX_OK);
	plx_store_close(s);
	plx_server_stop(srv);
	start();
	j = get_json("/api/search?q=bridge", 200);
	CHECK(json_array_size(json_object_get(j, "results")) >= 1);
	json_decref(j);
}

TEST(start_errors)
{
	plx_server_params p;
	plx_server_params_default(&p);
	plx_server *s = NULL;
	char msg[256];
	p.db = "/nonexistent/dir/x.db";
	p.listen = "127.0.0.1:0";
	CHECK(plx_server_start(&p, &s, msg, sizeof msg) != PLX_OK);
	CHECK(s == NULL && msg[0]);
	p.db = db_path;
	p.listen = "not-an-address";
	CHECK(plx_server_start(&p, &s, msg, sizeof msg) == PLX_EINVAL);
	p.listen = "127.0.0.1:99999";
	CHECK(plx_server_start(&p, &s, msg, sizeof msg) == PLX_EINVAL);
	plx_server_stop(NULL);
}

int main(void)
{
	snprintf(db_path, sizeof db_path, "/tmp/plx_test_serve_%d.db",
		 (int)getpid());
	unlink_db(db_path);
	const char *sample = PLX_SOURCE_DIR "/sample/articles.jsonl";
	const char *const paths[] = {sample, NULL};
	plx_record evil;
	memset(&evil, 0, sizeof evil);
	evil.id = "evil-1";
	evil.title = EVIL_TITLE;
	evil.source = "\"><svg onload=alert(7)> Evil \xff Wire";
	evil.url = "javascript:alert(8)";
	evil.date = "2025-03-13T12:00:00Z";
	evil.text = EVIL_TEXT;
	evil.text_len = sizeof EVIL_TEXT - 1;
	if (ingest_paths(db_path, paths, &evil)) {
		unlink_db(db_path);
		fprintf(stderr, "cannot ingest the sample\n");
		return 1;
	}
	start();
	if (!srv) {
		unlink_db(db_path);
		return 1;
	}
	RUN(stories_api);
	RUN(story_api);
	RUN(article_api);
	RUN(search_api);
	RUN(entity_api);
	RUN(errors_and_methods);
	RUN(pages);
	RUN(hostile_article);
	RUN(traversal_and_malformed);
	RUN(new_stories_appear);
	RUN(search_index_backfill);
	RUN(start_errors);
	plx_server_stop(srv);
	unlink_db(db_path);
	DONE();
}
