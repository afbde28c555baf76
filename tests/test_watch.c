/*
 * test_watch.c: the feed watcher (watch.c) against two local HTTP servers
 * (libmicrohttpd, 127.0.0.1, ephemeral ports) serving fixture feeds and
 * article pages: an RSS and an Atom feed whose items link to pages, an
 * OPML list of everything, and broken (500, garbage, truncated), hostile
 * (entity expansion, bodies over the size limit, declared and streamed) and
 * slow feeds; the slow one on a server of its own, as a slow host.
 * Three runs on one database: the first ingests, the second must send
 * conditional requests, get 304 and ingest nothing, the third picks up the
 * one new item only.  Every article text is invented.
 */
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "harness.h"
#include "mem.h"
#include "parallax.h"
#include "testutil.h"

/* ---- The servers ------------------------------------------------------- */

typedef struct route {
	const char *path;
	char *body; /* owned */
	size_t len;
	unsigned status;
	const char *etag;     /* answered 304 on If-None-Match */
	const char *lastmod;  /* answered 304 on If-Modified-Since */
	int delay_ms;         /* before answering */
	int stream;           /* no Content-Length, endless body */
	const char *location; /* a redirect's target */
	const char *encoding; /* Content-Encoding of the body */
	int hits, conditional, not_modified;
} route;

static route routes[32];
static size_t n_routes;
static volatile int stopping;

static route *add_route(const char *path, const char *body, unsigned status)
{
	route *r = &routes[n_routes++];
	memset(r, 0, sizeof *r);
	r->path = path;
	r->len = body ? strlen(body) : 0;
	r->body = body ? strdup(body) : NULL;
	r->status = status;
	return r;
}

static void set_body(route *r, const char *body)
{
	free(r->body);
	r->body = strdup(body);
	r->len = strlen(body);
}

static ssize_t endless(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)cls;
	(void)pos;
	if (stopping)
		return MHD_CONTENT_READER_END_OF_STREAM;
	memset(buf, 'x', max);
	return (ssize_t)max;
}

/* Requests a server is handling at once, and the most seen: the watcher
 * must send one request at a time per host. */
typedef struct load {
	int in_flight, max;
	int delay_ms; /* every request takes this long */
} load;

static enum MHD_Result serve_route(struct MHD_Connection *c, const char *url);

static enum MHD_Result serve(void *cls, struct MHD_Connection *c,
			     const char *url, const char *method,
			     const char *version, const char *upload,
			     size_t *upload_size, void **con_cls)
{
	load *ld = cls;
	int now = __atomic_add_fetch(&ld->in_flight, 1, __ATOMIC_SEQ_CST);
	int seen = __atomic_load_n(&ld->max, __ATOMIC_SEQ_CST);
	while (now > seen &&
	       !__atomic_compare_exchange_n(&ld->max, &seen, now, 0,
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		;
	for (int t = 0; t < ld->delay_ms && !stopping; t += 10)
		usleep(10000);
	(void)method;
	(void)version;
	(void)upload;
	(void)upload_size;
	(void)con_cls;
	enum MHD_Result ok = serve_route(c, url);
	__atomic_sub_fetch(&ld->in_flight, 1, __ATOMIC_SEQ_CST);
	return ok;
}

static enum MHD_Result serve_route(struct MHD_Connection *c, const char *url)
{
	route *r = NULL;
	for (size_t i = 0; i < n_routes; i++)
		if (strcmp(routes[i].path, url) == 0)
			r = &routes[i];
	struct MHD_Response *resp;
	if (!r) {
		resp = MHD_create_response_from_buffer(9, (void *)"not found",
						       MHD_RESPMEM_PERSISTENT);
		enum MHD_Result ok = MHD_queue_response(c, 404, resp);
		MHD_destroy_response(resp);
		return ok;
	}
	__atomic_add_fetch(&r->hits, 1, __ATOMIC_SEQ_CST);
	for (int t = 0; t < r->delay_ms && !stopping; t += 10)
		usleep(10000);
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						      "If-None-Match");
	const char *ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						      "If-Modified-Since");
	if (inm || ims)
		__atomic_add_fetch(&r->conditional, 1, __ATOMIC_SEQ_CST);
	if ((r->etag && inm && strcmp(inm, r->etag) == 0) ||
	    (!r->etag && r->lastmod && ims && strcmp(ims, r->lastmod) == 0)) {
		__atomic_add_fetch(&r->not_modified, 1, __ATOMIC_SEQ_CST);
		resp = MHD_create_response_from_buffer(0, (void *)"",
						       MHD_RESPMEM_PERSISTENT);
		enum MHD_Result ok = MHD_queue_response(c, 304, resp);
		MHD_destroy_response(resp);
		return ok;
	}
	if (r->stream)
		resp = MHD_create_response_from_callback(
			MHD_SIZE_UNKNOWN, 65536, endless, NULL, NULL);
	else
		resp = MHD_create_response_from_buffer(
			r->len, r->body ? r->body : (void *)"",
			MHD_RESPMEM_MUST_COPY);
	if (r->etag)
		MHD_add_response_header(resp, "ETag", r->etag);
	if (r->location)
		MHD_add_response_header(resp, "Location", r->location);
	if (r->encoding)
		MHD_add_response_header(resp, "Content-Encoding", r->encoding);
	if (r->lastmod)
		MHD_add_response_header(resp, "Last-Modified", r->lastmod);
	enum MHD_Result ok = MHD_queue_response(c, r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static struct MHD_Daemon *start_server(unsigned *port, load *ld)
{
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION,
		0, NULL, NULL, serve, ld, MHD_OPTION_SOCK_ADDR, NULL,
		MHD_OPTION_END);
	if (!d)
		return NULL;
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	*port = info ? info->port : 0;
	return d;
}

static route *find(const char *path)
{
	for (size_t i = 0; i < n_routes; i++)
		if (strcmp(routes[i].path, path) == 0)
			return &routes[i];
	return NULL;
}

/* ---- Fixtures (invented) ---------------------------------------------- */

static const char *const PARAS[] = {
	"Engineers in Tessby opened the new flood gates on the Varn river on "
	"Monday, three weeks ahead of the spring melt that has twice pushed "
	"water into the lower town in the past decade.",
	"The gates, built over two summers at a cost the council put at 41 "
	"million crowns, can be closed in under an hour, according to the "
	"works department, which ran a full trial on Sunday night.",
	"Residents of the river quarter, many of whom were moved out during "
	"the last flood, said they would wait for the first real test before "
	"trusting the barrier. Shopkeepers on Mill Street were more hopeful.",
	"The regional water board said it would publish the trial's results "
	"next month and review the town's evacuation plan before the autumn "
	"storms."};

/* An article page whose first paragraph names it. */
static char *page(const char *title, const char *lead)
{
	plx_buf b;
	plx_buf_init(&b);
	plx_buf_printf(&b,
		       "<!DOCTYPE html><html lang=\"en\"><head><title>%s | "
		       "Tessby Courier</title></head><body><nav><a "
		       "href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
		       "<article><h1>%s</h1><p>%s</p>",
		       title, title, lead);
	for (size_t i = 0; i < sizeof PARAS / sizeof *PARAS; i++)
		plx_buf_printf(&b, "<p>%s</p>", PARAS[i]);
	plx_buf_puts(&b, "</article><footer>Contact us</footer></body></html>");
	return plx_buf_detach(&b, NULL);
}

static char base_a[64], base_b[64];

static char *rss(int extra)
{
	plx_buf b;
	plx_buf_init(&b);
	plx_buf_printf(&b,
		       "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
		       "<title>Tessby Courier</title><link>%s/</link>\n",
		       base_a);
	static const char *const items[][3] = {
		{"/a/1.html", "Flood gates open early",
		 "Mon, 02 Mar 2026 08:00:00 GMT"},
		{"/a/2.html", "Council counts the cost",
		 "Tue, 03 Mar 2026 09:30:00 +0100"},
		{"/a/missing.html", "A page that is gone",
		 "Wed, 04 Mar 2026 10:00:00 GMT"},
		{"/a/3.html", "Water board sets review",
		 "Thu, 05 Mar 2026 11:00:00 GMT"}};
	for (int i = 0; i < 3 + extra; i++)
		plx_buf_printf(
			&b,
			"<item><title>%s</title><link>%s%s</link>"
			"<pubDate>%s</pubDate><description>&lt;p&gt;Summary "
			"of %s: the ferry to Greyholm will leave twenty "
			"minutes earlier from April, the harbour office "
			"said.&lt;/p&gt;</description></item>\n",
			items[i][1], base_a, items[i][0], items[i][2],
			items[i][1]);
	plx_buf_puts(&b, "</channel></rss>\n");
	return plx_buf_detach(&b, NULL);
}

static char *atom(void)
{
	plx_buf b;
	plx_buf_init(&b);
	plx_buf_printf(
		&b,
		"<?xml version=\"1.0\"?>\n<feed "
		"xmlns=\"http://www.w3.org/2005/Atom\"><title>Greyholm "
		"Sport</title><link href=\"%s/\"/>\n"
		"<entry><id>tag:gs,1</id><title>Kestrel Vale take the "
		"cup</title><link href=\"/b/1.html\"/>"
		"<updated>2026-03-05T22:00:00Z</updated></entry>\n"
		"<entry><id>tag:gs,2</id><title>Coach stays on</title><link "
		"href=\"/b/2.html\"/><published>2026-03-06T08:00:00Z"
		"</published></entry>\n</feed>\n",
		base_a);
	return plx_buf_detach(&b, NULL);
}

static char *gzip_bomb(size_t n, size_t *len)
{
	char *in = malloc(n), *out = malloc(n / 100 + 4096);
	memset(in, ' ', n);
	memcpy(in, "<rss>", 5);
	z_stream z;
	memset(&z, 0, sizeof z);
	deflateInit2(&z, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY);
	z.next_in = (unsigned char *)in;
	z.avail_in = (unsigned)n;
	z.next_out = (unsigned char *)out;
	z.avail_out = (unsigned)(n / 100 + 4096);
	deflate(&z, Z_FINISH);
	*len = z.total_out;
	deflateEnd(&z);
	free(in);
	return out;
}

static void fixtures(void)
{
	char *s;
	route *r = add_route("/rss.xml", s = rss(0), 200);
	free(s);
	r->etag = "\"rss-v1\"";
	r = add_route("/atom.xml", s = atom(), 200);
	free(s);
	r->lastmod = "Thu, 05 Mar 2026 22:00:00 GMT";
	static const char *const pages[][3] = {
		{"/a/1.html", "Flood gates open early",
		 "ALPHA lead: the gates opened at dawn."},
		{"/a/2.html", "Council counts the cost",
		 "BRAVO lead: the bill came in over budget."},
		{"/a/3.html", "Water board sets review",
		 "CHARLIE lead: the review starts in May."},
		{"/b/1.html", "Kestrel Vale take the cup",
		 "DELTA lead: Kestrel Vale won three goals to two."},
		{"/b/2.html", "Coach stays on",
		 "ECHO lead: the coach signed for two more seasons."}};
	for (size_t i = 0; i < 5; i++) {
		add_route(pages[i][0], s = page(pages[i][1], pages[i][2]), 200);
		free(s);
	}
	add_route("/500.xml", "oops", 500);
	add_route("/garbage.xml", "\x89PNG\r\n garbage <<<< &&&", 200);
	add_route("/trunc.xml",
		  "<?xml version=\"1.0\"?>\n<rss><channel><title>Cut</title>"
		  "\n<item><title>half an it",
		  200);
	add_route("/laughs.xml",
		  "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		  "<!ENTITY a \"lollollollollollollollollollol\">\n"
		  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		  "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
		  "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
		  "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
		  "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
		  "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
		  "]>\n<rss><channel><title>&g;</title></channel></rss>\n",
		  200);
	/* 2 MiB with a Content-Length, and an endless chunked body, against
	 * a 1 MiB limit */
	r = add_route("/huge.xml", NULL, 200);
	r->len = (size_t)2 << 20;
	r->body = malloc(r->len);
	memset(r->body, ' ', r->len);
	memcpy(r->body, "<rss>", 5);
	r = add_route("/endless.xml", NULL, 200);
	r->stream = 1;
	/* 16 MiB of spaces gzipped to about 16 KB: a bomb */
	r = add_route("/bomb.xml", NULL, 200);
	r->encoding = "gzip";
	r->body = gzip_bomb((size_t)16 << 20, &r->len);
	/* a redirect to the RSS feed (its items are the RSS feed's: nothing
	 * new), and a redirect loop */
	r = add_route("/moved.xml", "moved", 301);
	r->location = "/rss.xml";
	r = add_route("/loop.xml", "loop", 302);
	r->location = "/loop.xml";
}

/* ---- Running the watcher --------------------------------------------- */

typedef struct seen_events {
	char failed[16][400]; /* "feed: msg" of failed polls */
	size_t n_failed;
	size_t retries, fallback, stored;
} seen_events;

static void on_event(const plx_watch_event *ev, void *ud)
{
	seen_events *s = ud;
	if (ev->kind == PLX_WATCH_FEED_FAILED && s->n_failed < 16)
		snprintf(s->failed[s->n_failed++], 400, "%s: %s", ev->feed,
			 ev->msg);
	if (ev->kind == PLX_WATCH_FEED_RETRY)
		s->retries++;
	if (ev->kind == PLX_WATCH_ITEM_FALLBACK)
		s->fallback++;
	if (ev->kind == PLX_WATCH_ITEM_STORED)
		s->stored++;
}

static int failed_with(const seen_events *s, const char *feed, const char *part)
{
	for (size_t i = 0; i < s->n_failed; i++)
		if (strstr(s->failed[i], feed) && strstr(s->failed[i], part))
			return 1;
	fprintf(stderr, "  no failure of %s with \"%s\"\n", feed, part);
	return 0;
}

static const char *DB = "test_watch.db";

/* One --once run over the given feeds; returns the stats. */
static plx_watch_stats run_once(const char *const *feeds, size_t n,
				seen_events *ev)
{
	plx_watch_stats st;
	memset(&st, 0, sizeof st);
	memset(ev, 0, sizeof *ev);
	plx_analyzer *an = NULL;
	plx_ingest *g = NULL;
	plx_watch *w = NULL;
	char msg[512];
	plx_watch_params p;
	plx_watch_params_default(&p);
	p.host_interval = 0;
	p.connect_timeout_ms = 700;
	p.timeout_ms = 700;
	p.retries = 1;
	p.retry_delay = 0.05;
	p.max_bytes = (size_t)1 << 20;
	CHECK(plx_analyzer_new(NULL, &an) == PLX_OK);
	CHECK(plx_ingest_open(DB, NULL, an, &g, msg, sizeof msg) == PLX_OK);
	int rc = plx_watch_new(&p, g, DB, on_event, ev, &w, msg, sizeof msg);
	CHECK(rc == PLX_OK);
	if (rc)
		fprintf(stderr, "  %s\n", msg);
	for (size_t i = 0; w && i < n; i++)
		CHECK(plx_watch_add(w, feeds[i]) == PLX_OK);
	rc = 0;
	for (int i = 0; w && i < 300 && rc == 0; i++)
		rc = plx_watch_step(w, 100);
	CHECK(rc == 1);
	if (w) {
		CHECK(plx_watch_flush(w) == PLX_OK);
		plx_watch_stats_get(w, &st);
	}
	plx_watch_free(w);
	plx_ingest_free(g);
	plx_analyzer_free(an);
	return st;
}

static int64_t articles(void)
{
	plx_store *s = NULL;
	int64_t na = -1, ns = -1;
	if (plx_store_open(DB, PLX_STORE_READONLY, &s, NULL, 0) == PLX_OK)
		plx_store_counts(s, &na, &ns);
	plx_store_close(s);
	return na;
}

typedef struct found {
	int page_text, fallback_text, titled, dated, sourced;
} found;

static int check_record(const plx_record *rec, int64_t seq, int64_t story,
			void *ud)
{
	(void)seq;
	(void)story;
	found *f = ud;
	if (rec->url && strstr(rec->url, "/a/1.html")) {
		f->page_text = strstr(rec->text, "ALPHA lead") != NULL &&
			       strstr(rec->text, "Contact us") == NULL;
		f->titled = rec->title &&
			    strcmp(rec->title, "Flood gates open early") == 0;
		f->dated = rec->date &&
			   strcmp(rec->date, "2026-03-02T08:00:00Z") == 0;
		f->sourced = rec->source &&
			     strcmp(rec->source, "Tessby Courier") == 0;
	}
	if (rec->url && strstr(rec->url, "/a/missing.html"))
		f->fallback_text =
			strstr(rec->text, "Summary of A page that is gone") !=
			NULL;
	return 0;
}

TEST(watch_runs)
{
	unsigned pa = 0, pb = 0;
	static load la = {0, 0, 20}, lb = {0, 0, 0};
	struct MHD_Daemon *a = start_server(&pa, &la);
	struct MHD_Daemon *b = a ? start_server(&pb, &lb) : NULL;
	if (!a || !b || !pa || !pb) {
		if (a)
			MHD_stop_daemon(a);
		SKIP("cannot start a local HTTP server on 127.0.0.1");
	}
	snprintf(base_a, sizeof base_a, "http://127.0.0.1:%u", pa);
	snprintf(base_b, sizeof base_b, "http://127.0.0.1:%u", pb);
	fixtures();
	route *slow = add_route("/slow.xml", "<rss/>", 200);
	slow->delay_ms = 5000; /* served by b only: a's routes are b's too,
				  but nothing links b's other paths */
	char opml[4096];
	snprintf(opml, sizeof opml,
		 "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>"
		 "Fixtures</title></head><body><outline text=\"all\">"
		 "<outline xmlUrl=\"/rss.xml\"/><outline xmlUrl=\"/atom.xml\"/>"
		 "<outline xmlUrl=\"/500.xml\"/>"
		 "<outline xmlUrl=\"/garbage.xml\"/>"
		 "<outline xmlUrl=\"/trunc.xml\"/>"
		 "<outline xmlUrl=\"/laughs.xml\"/>"
		 "<outline xmlUrl=\"/huge.xml\"/>"
		 "<outline xmlUrl=\"/endless.xml\"/>"
		 "<outline xmlUrl=\"/bomb.xml\"/>"
		 "<outline xmlUrl=\"/moved.xml\"/>"
		 "<outline xmlUrl=\"/loop.xml\"/>"
		 "<outline xmlUrl=\"%s/slow.xml\"/>"
		 "<outline xmlUrl=\"file:///etc/passwd\"/>"
		 "</outline></body></opml>",
		 base_b);
	add_route("/list.opml", opml, 200)->etag = "\"list-1\"";
	char list[128];
	snprintf(list, sizeof list, "%s/list.opml", base_a);
	const char *feeds[] = {list};
	unlink_db(DB);

	/* First run: everything new. */
	seen_events ev;
	plx_watch_stats st = run_once(feeds, 1, &ev);
	CHECK(st.feeds == 13); /* the list and the 12 web feeds it names */
	CHECK(st.new_items == 5);
	CHECK(st.stored == 5);
	CHECK(st.fallback == 1 && ev.fallback == 1); /* the missing page */
	CHECK(st.failures == 9);
	CHECK(articles() == 5);
	CHECK(failed_with(&ev, "/500.xml", "HTTP 500"));
	CHECK(find("/500.xml")->hits == 2); /* retried once */
	CHECK(failed_with(&ev, "/garbage.xml", "broken XML"));
	CHECK(failed_with(&ev, "/trunc.xml", "broken XML"));
	CHECK(failed_with(&ev, "/laughs.xml", "declares an entity"));
	CHECK(failed_with(&ev, "/huge.xml", "response over 1048576 bytes"));
	CHECK(failed_with(&ev, "/endless.xml", "response over 1048576 bytes"));
	CHECK(failed_with(&ev, "/bomb.xml", "response over 1048576 bytes"));
	CHECK(failed_with(&ev, "/loop.xml", "redirect"));
	CHECK(find("/loop.xml")->hits == 6); /* the first and 5 redirects */
	CHECK(find("/moved.xml")->hits == 1);
	CHECK(failed_with(&ev, "/slow.xml", "timed out"));
	CHECK(find("/a/1.html")->hits == 1);
	CHECK(find("/b/2.html")->hits == 1);
	/* one request at a time to a host, though 14 were due at once */
	CHECK(la.max == 1);

	plx_store *s = NULL;
	found fd = {0, 0, 0, 0, 0};
	CHECK(plx_store_open(DB, PLX_STORE_READONLY, &s, NULL, 0) == PLX_OK);
	if (s)
		plx_store_records(s, check_record, &fd);
	plx_store_close(s);
	CHECK(fd.page_text);
	CHECK(fd.fallback_text);
	CHECK(fd.titled);
	CHECK(fd.dated);
	CHECK(fd.sourced);

	/* Second run: conditional requests, 304, nothing ingested twice. */
	route *rr = find("/rss.xml"), *ra = find("/atom.xml");
	int rss_hits = rr->hits;
	st = run_once(feeds, 1, &ev);
	/* twice: directly and through /moved.xml, whose validators are the
	 * ones its redirect's target sent */
	CHECK(rr->hits == rss_hits + 2);
	CHECK(rr->conditional == 2 && rr->not_modified == 2);
	CHECK(ra->conditional == 1 && ra->not_modified == 1);
	CHECK(st.not_modified == 4); /* rss, moved, atom, and the list */
	CHECK(st.new_items == 0 && st.stored == 0);
	CHECK(articles() == 5);
	CHECK(find("/a/1.html")->hits == 1);

	/* Third run: the feed changed; only its new item is fetched. */
	char *body = rss(1);
	set_body(rr, body);
	free(body);
	rr->etag = "\"rss-v2\"";
	st = run_once(feeds, 1, &ev);
	CHECK(st.new_items == 1 && st.stored == 1);
	CHECK(articles() == 6);
	CHECK(find("/a/3.html")->hits == 1);
	CHECK(find("/a/1.html")->hits == 1);
	CHECK(find("/a/missing.html") == NULL);

	/* Stopped mid-round (Ctrl-C: flush, free), then run again: whatever
	 * was in flight is fetched again and nothing is stored twice. */
	unlink_db(DB);
	char rss_url[128], atom_url[128];
	snprintf(rss_url, sizeof rss_url, "%s/rss.xml", base_a);
	snprintf(atom_url, sizeof atom_url, "%s/atom.xml", base_a);
	const char *two[] = {rss_url, atom_url};
	for (int cut = 1; cut <= 3; cut++) {
		plx_analyzer *an = NULL;
		plx_ingest *g = NULL;
		plx_watch *w = NULL;
		char msg[512];
		plx_watch_params p;
		plx_watch_params_default(&p);
		p.host_interval = 0.05;
		CHECK(plx_analyzer_new(NULL, &an) == PLX_OK);
		CHECK(plx_ingest_open(DB, NULL, an, &g, msg, sizeof msg) ==
		      PLX_OK);
		CHECK(plx_watch_new(&p, g, DB, NULL, NULL, &w, msg,
				    sizeof msg) == PLX_OK);
		for (int i = 0; w && i < 2; i++)
			CHECK(plx_watch_add(w, two[i]) == PLX_OK);
		for (int i = 0; w && i < cut; i++)
			CHECK(plx_watch_step(w, 60) >= 0);
		if (w)
			CHECK(plx_watch_flush(w) == PLX_OK);
		plx_watch_free(w);
		plx_ingest_free(g);
		plx_analyzer_free(an);
	}
	st = run_once(two, 2, &ev);
	CHECK(articles() == 6);

	stopping = 1;
	MHD_stop_daemon(a);
	MHD_stop_daemon(b);
	for (size_t i = 0; i < n_routes; i++)
		free(routes[i].body);
	unlink_db(DB);
}

/* A local feed file without page links: items come from the summaries. */
TEST(local_file)
{
	const char *path = "test_watch_local.xml";
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fprintf(f, "<rss><channel><title>Local</title><item><guid>l-1</guid>"
		   "<title>Quiet day</title><description>&lt;p&gt;Nothing "
		   "happened in Tessby on Friday, the mayor's office said, "
		   "and the market closed early.&lt;/p&gt;</description>"
		   "</item></channel></rss>");
	fclose(f);
	/* a local list names it relative to itself */
	const char *opml = "test_watch_local.opml";
	f = fopen(opml, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fprintf(f, "<opml><body><outline xmlUrl=\"%s\"/></body></opml>", path);
	fclose(f);
	unlink_db(DB);
	const char *feeds[] = {opml, "does-not-exist.xml"};
	seen_events ev;
	plx_watch_stats st = run_once(feeds, 2, &ev);
	CHECK(st.feeds == 3);
	CHECK(st.stored == 1 && st.fallback == 1);
	CHECK(st.failures == 1);
	CHECK(failed_with(&ev, "does-not-exist.xml", "cannot open"));
	CHECK(articles() == 1);
	st = run_once(feeds, 2, &ev);
	CHECK(st.new_items == 0 && articles() == 1);
	unlink(path);
	unlink(opml);
	unlink_db(DB);
}

int main(void)
{
	/* the test talks to 127.0.0.1 only */
	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	unsetenv("https_proxy");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
	RUN(local_file);
	RUN(watch_runs);
	DONE();
}
