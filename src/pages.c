/*
 * pages.c: the HTML pages of `parallax serve`: the story list, a story's
 * coverage, an article with its analysis marked up, search and entities.
 * Every string from the database goes through plx_html_esc (text and
 * attributes) or plx_url_enc (links); external links must be http(s).
 * No JavaScript: charts are inline SVG, styles one inline sheet.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve.h"

/* The style sheet, in pieces (C99 promises string literals up to 4095
 * bytes). */
static const char *const STYLE[] = {
	":root{--ink:#1d1d1f;--muted:#62646a;--line:#e3e1dc;--bg:#fbfaf7;"
	"--card:#fff;--accent:#8a1c1c;--link:#1f4e8c;--mark:#fff1a8;"
	"--op:#6b4fa0;--q:#0f6b5c}"
	"*{box-sizing:border-box}"
	"body{margin:0;background:var(--bg);color:var(--ink);"
	"font:17px/1.55 Charter,'Bitstream Charter','Iowan Old Style',"
	"Georgia,'DejaVu Serif',serif}"
	"a{color:var(--link);text-decoration:none}"
	"a:hover{text-decoration:underline}"
	".ui,header.top,nav,.meta,.chip,table,.pager,.kicker,form,.src,"
	"footer,.tag{font-family:system-ui,-apple-system,'Segoe UI',"
	"Roboto,'Helvetica Neue','DejaVu Sans',sans-serif}"
	"header.top{background:#1d1d1f;color:#fff;padding:.7rem 0}"
	"header.top .in{display:flex;align-items:center;gap:1.5rem}"
	"header.top a{color:#fff}"
	".brand{font:700 1.25rem/1 Georgia,serif;letter-spacing:.02em}"
	".brand span{color:#e07a5f}"
	"nav{display:flex;gap:1rem;font-size:.9rem;flex:1}"
	"form.search{display:flex;gap:.4rem}"
	"form.search input{font:inherit;font-size:.9rem;padding:.35rem .6rem;"
	"border:1px solid #555;border-radius:4px;background:#2b2b2e;"
	"color:#fff;width:16rem}"
	"form.search button,form.big button{font:inherit;font-size:.9rem;"
	"padding:.35rem .8rem;border:0;border-radius:4px;"
	"background:#e07a5f;color:#1d1d1f;font-weight:600}"
	".in{max-width:74rem;margin:0 auto;padding:0 1.25rem}"
	"main{padding:1.5rem 0 3rem}"
	"h1{font-size:2rem;line-height:1.2;margin:.2rem 0 .5rem;"
	"font-weight:700}"
	"h2{font-size:1.15rem;margin:2.2rem 0 .8rem;padding-bottom:.3rem;"
	"border-bottom:2px solid var(--ink);font-family:system-ui,"
	"sans-serif;text-transform:uppercase;letter-spacing:.06em}"
	".kicker{color:var(--accent);font-size:.8rem;font-weight:700;"
	"text-transform:uppercase;letter-spacing:.08em}"
	".meta{color:var(--muted);font-size:.88rem}"
	".stories{list-style:none;padding:0;margin:0}"
	".stories li{display:grid;grid-template-columns:1fr 9rem;gap:1rem;"
	"padding:1rem 0;border-bottom:1px solid var(--line)}"
	".stories h3{margin:0 0 .3rem;font-size:1.25rem;line-height:1.3}"
	".spark{align-self:center}"
	".src{display:inline-block;font-size:.78rem;padding:.05rem .45rem;"
	"margin:.15rem .25rem .15rem 0;border-radius:3px;background:#efece6;"
	"color:#3a3a3a}"
	".tabs{display:flex;gap:.3rem;margin:.5rem 0 1rem;font-size:.88rem}"
	".tabs a{padding:.3rem .75rem;border:1px solid var(--line);"
	"border-radius:999px;color:var(--ink);background:var(--card)}"
	".tabs a.on{background:var(--ink);color:#fff;border-color:var(--ink)}"
	".pager{display:flex;justify-content:space-between;margin-top:1.2rem;"
	"font-size:.9rem}"
	".cols{display:grid;grid-template-columns:repeat(auto-fit,"
	"minmax(14rem,1fr));gap:1rem}"
	".col{background:var(--card);border:1px solid var(--line);"
	"border-radius:6px;padding:.8rem 1rem}"
	".col h3{margin:0 0 .5rem;font:700 .95rem system-ui,sans-serif}"
	".col ol{margin:0;padding-left:1.1rem;font-size:.95rem}"
	".col li{margin:.3rem 0}"
	".speaker{margin:1rem 0 1.4rem}"
	".speaker h3{font:700 1rem system-ui,sans-serif;margin:0 0 .4rem}"
	"blockquote{margin:.4rem 0 .6rem;padding:.1rem 0 .1rem 1rem;",
	"border-left:3px solid var(--q);font-style:italic}"
	"blockquote .tag{font-style:normal}"
	".tag{font-size:.75rem;color:var(--muted);margin-left:.4rem}"
	".chips{display:flex;flex-wrap:wrap;gap:.4rem}"
	".chip{font-size:.85rem;padding:.2rem .6rem;border-radius:999px;"
	"border:1px solid var(--line);background:var(--card)}"
	".chip b{font-weight:600;color:var(--muted);margin-left:.3rem}"
	".t-person{border-color:#c9d8ee}.t-org{border-color:#e6d3b3}"
	".t-place{border-color:#c8e3cf}"
	".article{display:grid;grid-template-columns:minmax(0,42rem) 1fr;"
	"gap:2.5rem}"
	"@media(max-width:900px){.article{grid-template-columns:1fr}"
	".stories li{grid-template-columns:1fr}}"
	".body p{margin:0 0 1em}"
	".body p.op{border-left:3px solid var(--op);padding-left:.8rem;"
	"margin-left:-1.1rem}"
	".body p.op::before{content:'opinion';display:block;"
	"font:700 .7rem system-ui,sans-serif;color:var(--op);"
	"text-transform:uppercase;letter-spacing:.08em}"
	".qt{background:#e6f3ef;color:#0b4a40;border-radius:2px}"
	".spk{font-weight:700;color:var(--q)}"
	".ent{color:inherit;border-bottom:1px dotted #8a8a8a}"
	"a.ent:hover{text-decoration:none;border-bottom-style:solid}"
	"aside section{background:var(--card);border:1px solid var(--line);"
	"border-radius:6px;padding:.8rem 1rem;margin-bottom:1rem;"
	"font-size:.92rem}"
	"aside h2{margin-top:0;font-size:.85rem}"
	".furn{color:var(--muted);font-size:.88rem;margin:.4rem 0;"
	"padding:.3rem .5rem;background:#f3f1ec;border-radius:3px}"
	".furn b{font:700 .7rem system-ui,sans-serif;text-transform:"
	"uppercase;letter-spacing:.06em;margin-right:.4rem}"
	"mark{background:var(--mark);padding:0 .1em}"
	".results{list-style:none;padding:0}"
	".results li{padding:.8rem 0;border-bottom:1px solid var(--line)}"
	".results h3{margin:0 0 .2rem;font-size:1.1rem}"
	".snip{margin:.3rem 0 0;font-size:.95rem;color:#333}"
	"form.big{display:flex;gap:.5rem;margin:.5rem 0 1rem}"
	"form.big input{font:inherit;padding:.5rem .8rem;flex:1;"
	"max-width:32rem;border:1px solid #bbb;border-radius:4px}"
	".chart{background:var(--card);border:1px solid var(--line);"
	"border-radius:6px;padding:.6rem;overflow-x:auto}"
	".empty{color:var(--muted);font-style:italic}"
	"footer{color:var(--muted);font-size:.8rem;padding:2rem 0;"
	"border-top:1px solid var(--line)}"
	".legend{font-size:.8rem}",
	/* The coverage report (src/coverage_render.c) inside a story page. */
	".stats{display:flex;flex-wrap:wrap;gap:.5rem;margin:.8rem 0;"
	"font:.85rem system-ui,sans-serif}"
	".stats span{background:var(--card);border:1px solid var(--line);"
	"border-radius:6px;padding:.35rem .7rem}"
	".stats b{font-size:1.05rem;margin-right:.25rem}"
	".stats .warn{background:#fff4e0;border-color:#f0c27a}"
	".report>.px-story>h1,.report>.px-story>h1+.px-meta{display:none}"
	".report table{border-collapse:collapse;width:100%;background:"
	"var(--card);font-size:.93rem;margin:.3rem 0 1rem}"
	".report th{font:600 .78rem system-ui,sans-serif;text-transform:"
	"uppercase;letter-spacing:.05em;color:var(--muted);text-align:left;"
	"background:#f3f1ec;position:sticky;top:0}"
	".report td,.report th{border:1px solid var(--line);padding:.45rem "
	".6rem;vertical-align:top}"
	".report td.none{background:repeating-linear-gradient(135deg,#faf9f6,"
	"#faf9f6 6px,#f3f1ec 6px,#f3f1ec 7px)}"
	".report tr.px-all>td:first-child{border-left:4px solid #2a7a5a}"
	".report tr.px-several>td:first-child{border-left:4px solid #d08a1e}"
	".report tr.px-one>td:first-child{border-left:4px solid #c8c4bb}"
	".report tr.px-disc td{background:#fff4e0}"
	".report .px-disc{background:#fff4e0}"
	".report .px-meta{color:var(--muted);font:.82rem system-ui,"
	"sans-serif}"
	".report h3{font:700 1rem system-ui,sans-serif;margin:1rem 0 .3rem}"};

/* ---- Helpers ---------------------------------------------------------- */

static void esc(plx_buf *b, const char *s)
{
	if (s)
		plx_html_esc(b, s, strlen(s));
}

static void page_start(plx_req *r, const char *title, const char *search)
{
	plx_buf *b = &r->body;
	r->ctype = "text/html; charset=utf-8";
	plx_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
			"<meta charset=\"utf-8\">"
			"<meta name=\"viewport\" content=\"width=device-width,"
			"initial-scale=1\"><title>");
	esc(b, title);
	plx_buf_puts(b, " \xE2\x80\x94 parallax</title><style>");
	for (size_t i = 0; i < sizeof STYLE / sizeof *STYLE; i++)
		plx_buf_puts(b, STYLE[i]);
	plx_buf_puts(b, "</style></head><body><header class=\"top\">"
			"<div class=\"in\"><a class=\"brand\" href=\"/\">"
			"parallax<span>.</span></a><nav>"
			"<a href=\"/?sort=recent\">Latest</a>"
			"<a href=\"/?sort=size\">Biggest</a>"
			"<a href=\"/?sort=sources\">Most sources</a></nav>"
			"<form class=\"search\" action=\"/search\" "
			"method=\"get\" role=\"search\"><input name=\"q\" "
			"type=\"search\" placeholder=\"Search articles\" "
			"aria-label=\"Search articles\" value=\"");
	esc(b, search);
	plx_buf_puts(b, "\"><button>Search</button></form></div></header>"
			"<main><div class=\"in\">");
}

static void page_end(plx_req *r)
{
	plx_buf_puts(&r->body,
		     "</div></main><footer><div class=\"in\">parallax "
		     "\xC2\xB7 news coverage compared, source by source "
		     "\xC2\xB7 <a href=\"/api/stories\">JSON API</a>"
		     "</div></footer></body></html>\n");
}

static void error_page(plx_req *r, int status, const char *msg)
{
	plx_buf_reset(&r->body);
	r->status = status;
	page_start(r, "Error", NULL);
	plx_buf_printf(&r->body, "<p class=\"kicker\">Error %d</p><h1>",
		       status);
	esc(&r->body, msg);
	plx_buf_puts(&r->body, "</h1><p><a href=\"/\">Back to the stories"
			       "</a></p>");
	page_end(r);
}

static void db_error_page(plx_req *r, int rc)
{
	error_page(r, 500,
		   rc == PLX_EDB ? plx_query_errmsg(r->q) : plx_strerror(rc));
}

/* A date for readers: "10 Mar 2025, 05:30 UTC". */
static void human_time(plx_buf *b, int64_t t, int with_time)
{
	if (t == INT64_MIN) {
		plx_buf_puts(b, "undated");
		return;
	}
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr",
					  "May", "Jun", "Jul", "Aug",
					  "Sep", "Oct", "Nov", "Dec"};
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return;
	plx_buf_printf(b, "%d %s %d", tm.tm_mday, mon[tm.tm_mon % 12],
		       tm.tm_year + 1900);
	if (with_time)
		plx_buf_printf(b, ", %02d:%02d UTC", tm.tm_hour, tm.tm_min);
}

static void time_span(plx_buf *b, int64_t a, int64_t z)
{
	if (a == INT64_MIN) {
		plx_buf_puts(b, "undated");
		return;
	}
	human_time(b, a, 1);
	if (z != INT64_MIN && z != a) {
		plx_buf_puts(b, " \xE2\x80\x93 ");
		human_time(b, z, 1);
	}
}

static void entity_href(plx_buf *b, const char *key)
{
	plx_buf_puts(b, "/entities/");
	if (key)
		plx_url_enc(b, key, strlen(key));
}

/* An external link, only when it is an http(s) URL. */
static void ext_link(plx_buf *b, const char *url, const char *label)
{
	if (!plx_url_safe(url))
		return;
	plx_buf_puts(b, "<a rel=\"noopener noreferrer nofollow\" href=\"");
	esc(b, url);
	plx_buf_puts(b, "\">");
	esc(b, label);
	plx_buf_puts(b, "</a>");
}

/* ---- Per-story gathering: times and sources --------------------------- */

#define MAX_SOURCES 64 /* sources shown per story; the rest are counted */

typedef struct story_info {
	int64_t *times;
	size_t n_times, cap_times, undated;
	const char *src[MAX_SOURCES]; /* borrowed from names */
	size_t src_n[MAX_SOURCES];
	size_t n_src, more_src;
	plx_buf names; /* NUL-separated source names */
	size_t name_off[MAX_SOURCES];
	int rc;
} story_info;

static int info_time(int64_t t, const char *source, void *ud)
{
	story_info *si = ud;
	if (t == INT64_MIN) {
		si->undated++;
	} else {
		if (plx_grow((void **)&si->times, &si->cap_times,
			     si->n_times + 1, sizeof *si->times))
			return si->rc = PLX_ENOMEM;
		si->times[si->n_times++] = t;
	}
	const char *s = source ? source : "Unknown source";
	for (size_t i = 0; i < si->n_src; i++)
		if (strcmp(si->names.data + si->name_off[i], s) == 0) {
			si->src_n[i]++;
			return 0;
		}
	if (si->n_src == MAX_SOURCES) {
		si->more_src++;
		return 0;
	}
	si->name_off[si->n_src] = si->names.len;
	plx_buf_puts(&si->names, s);
	plx_buf_putc(&si->names, 0);
	si->src_n[si->n_src++] = 1;
	return si->names.rc;
}

static int story_info_get(plx_query *q, int64_t story, story_info *si)
{
	memset(si, 0, sizeof *si);
	plx_buf_init(&si->names);
	int rc = plx_query_story_times(q, story, info_time, si);
	for (size_t i = 0; i < si->n_src; i++)
		si->src[i] = si->names.data + si->name_off[i];
	return rc ? rc : si->rc;
}

static void story_info_free(story_info *si)
{
	plx_free(si->times);
	plx_buf_free(&si->names);
}

/* A sparkline: articles per bucket over the story's span, as bars. */
static void sparkline(plx_buf *b, const story_info *si)
{
	enum { W = 140, H = 34, NB = 28 };
	size_t cnt[NB] = {0}, max = 1;
	if (!si->n_times) {
		plx_buf_puts(b, "<span class=\"meta\">undated</span>");
		return;
	}
	int64_t t0 = si->times[0], t1 = si->times[si->n_times - 1];
	/* At least a day wide, so a burst reads as a burst. */
	if (t1 - t0 < 86400)
		t1 = t0 + 86400;
	for (size_t i = 0; i < si->n_times; i++) {
		size_t k = (size_t)((double)(si->times[i] - t0) /
				    (double)(t1 - t0) * (NB - 1));
		if (k >= NB)
			k = NB - 1;
		if (++cnt[k] > max)
			max = cnt[k];
	}
	plx_buf_printf(b,
		       "<svg class=\"spark\" width=\"%d\" height=\"%d\" "
		       "viewBox=\"0 0 %d %d\" role=\"img\"><title>%zu dated "
		       "articles over time</title>"
		       "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		       "stroke=\"#d8d4cc\"/>",
		       W, H, W, H, si->n_times, H - 1, W, H - 1);
	double bw = (double)W / NB;
	for (int k = 0; k < NB; k++) {
		if (!cnt[k])
			continue;
		double h = 3 + (double)(H - 5) * (double)cnt[k] / (double)max;
		plx_buf_printf(b,
			       "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			       "height=\"%.1f\" rx=\"1\" fill=\"#8a1c1c\"/>",
			       k * bw + 0.5, H - 1 - h, bw - 1.5, h);
	}
	plx_buf_puts(b, "</svg>");
}

static void source_chips(plx_buf *b, const story_info *si, size_t max)
{
	for (size_t i = 0; i < si->n_src && i < max; i++) {
		plx_buf_puts(b, "<span class=\"src\">");
		esc(b, si->src[i]);
		plx_buf_puts(b, "</span>");
	}
	size_t more = si->more_src + (si->n_src > max ? si->n_src - max : 0);
	if (more)
		plx_buf_printf(b, "<span class=\"meta\">+%zu more</span>",
			       more);
}

/* ---- Story list ------------------------------------------------------- */

typedef struct list_page {
	plx_req *r;
	size_t n, want;
	int rc;
} list_page;

static int list_story(const plx_story_row *row, void *ud)
{
	list_page *lp = ud;
	if (++lp->n > lp->want)
		return 0; /* the look-ahead row: only says there is more */
	plx_buf *b = &lp->r->body;
	story_info si;
	int rc = story_info_get(lp->r->q, row->id, &si);
	if (rc) {
		story_info_free(&si);
		return lp->rc = rc;
	}
	plx_buf_printf(b, "<li><div><h3><a href=\"/stories/%lld\">",
		       (long long)row->id);
	esc(b, row->headline ? row->headline : "(untitled story)");
	plx_buf_printf(b,
		       "</a></h3><div class=\"meta\">%zu article%s "
		       "\xC2\xB7 %zu source%s \xC2\xB7 ",
		       row->n_articles, row->n_articles == 1 ? "" : "s",
		       row->n_sources, row->n_sources == 1 ? "" : "s");
	time_span(b, row->first_seen, row->last_seen);
	plx_buf_puts(b, "</div><div>");
	source_chips(b, &si, 8);
	plx_buf_puts(b, "</div></div>");
	sparkline(b, &si);
	plx_buf_puts(b, "</li>");
	story_info_free(&si);
	return 0;
}

static void query_link(plx_buf *b, const char *sort, size_t offset,
		       const plx_story_query *f)
{
	plx_buf_printf(b, "/?sort=%s", sort);
	if (offset)
		plx_buf_printf(b, "&amp;offset=%zu", offset);
	if (f->source) {
		plx_buf_puts(b, "&amp;source=");
		plx_url_enc(b, f->source, strlen(f->source));
	}
	if (f->entity) {
		plx_buf_puts(b, "&amp;entity=");
		plx_url_enc(b, f->entity, strlen(f->entity));
	}
}

static int page_home(plx_req *r)
{
	plx_story_query f;
	plx_buf src, ent;
	plx_buf_init(&src);
	plx_buf_init(&ent);
	const char *why = NULL;
	if (plx_serve_story_filter(r, &f, &src, &ent, &why)) {
		error_page(r, 400, why);
		goto out;
	}
	static const char *const sorts[] = {"recent", "size", "sources"};
	static const char *const labels[] = {"Latest", "Biggest",
					     "Most sources"};
	page_start(r, "Stories", NULL);
	plx_buf *b = &r->body;
	plx_buf_puts(b, "<p class=\"kicker\">Stories</p><h1>");
	if (f.source) {
		plx_buf_puts(b, "Stories covered by ");
		esc(b, f.source);
	} else if (f.entity) {
		plx_buf_puts(b, "Stories naming ");
		esc(b, f.entity);
	} else {
		plx_buf_puts(b, "What the news is covering");
	}
	plx_buf_puts(b, "</h1><div class=\"tabs\">");
	for (int i = 0; i < 3; i++) {
		plx_buf_printf(b, "<a%s href=\"",
			       f.sort == i ? " class=\"on\"" : "");
		query_link(b, sorts[i], 0, &f);
		plx_buf_printf(b, "\">%s</a>", labels[i]);
	}
	plx_buf_puts(b, "</div><ul class=\"stories\">");
	list_page lp = {r, 0, f.limit, 0};
	f.limit++;
	int rc = plx_query_stories(r->q, &f, list_story, &lp);
	if (rc) {
		db_error_page(r, lp.rc ? lp.rc : rc);
		goto out;
	}
	plx_buf_puts(b, "</ul>");
	if (!lp.n)
		plx_buf_puts(b, "<p class=\"empty\">No stories yet. Run "
				"<code>parallax ingest</code>; new stories "
				"appear here as they arrive.</p>");
	plx_buf_puts(b, "<div class=\"pager\"><span>");
	if (f.offset) {
		plx_buf_puts(b, "<a href=\"");
		query_link(b, sorts[f.sort],
			   f.offset > lp.want ? f.offset - lp.want : 0, &f);
		plx_buf_puts(b, "\">\xE2\x86\x90 Previous</a>");
	}
	plx_buf_puts(b, "</span><span>");
	if (lp.n > lp.want) {
		plx_buf_puts(b, "<a href=\"");
		query_link(b, sorts[f.sort], f.offset + lp.want, &f);
		plx_buf_puts(b, "\">Next \xE2\x86\x92</a>");
	}
	plx_buf_puts(b, "</span></div>");
	page_end(r);
out:
	plx_buf_free(&src);
	plx_buf_free(&ent);
	return PLX_OK;
}

/* ---- Story page ------------------------------------------------------- */

/* A story's articles, kept for the columns and the timeline. */
typedef struct art_item {
	int64_t seq, time;
	char *title, *source, *id;
} art_item;

typedef struct art_list {
	art_item *v;
	size_t n, cap;
	int rc;
} art_list;

static int collect_article(const plx_article_row *row, void *ud)
{
	art_list *l = ud;
	if (plx_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
		return l->rc = PLX_ENOMEM;
	art_item *a = &l->v[l->n++];
	memset(a, 0, sizeof *a);
	a->seq = row->seq;
	a->time = row->time;
	const char *t = row->title ? row->title : "(untitled)";
	const char *s = row->source ? row->source : "Unknown source";
	const char *id = row->id ? row->id : "";
	a->title = plx_strndup(t, strlen(t));
	a->source = plx_strndup(s, strlen(s));
	a->id = plx_strndup(id, strlen(id));
	if (!a->title || !a->source || !a->id)
		return l->rc = PLX_ENOMEM;
	return 0;
}

static void art_list_free(art_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		plx_free(l->v[i].title);
		plx_free(l->v[i].source);
		plx_free(l->v[i].id);
	}
	plx_free(l->v);
}

/* Timeline: one row per source, a dot per article at its time. */
static void timeline(plx_buf *b, const art_list *l, const story_info *si)
{
	if (!si->n_times) {
		plx_buf_puts(b, "<p class=\"empty\">No article is dated.</p>");
		return;
	}
	enum { LW = 170, W = 860, ROW = 26, TOP = 8 };
	int64_t t0 = si->times[0], t1 = si->times[si->n_times - 1];
	if (t1 - t0 < 3600) {
		t0 -= 1800;
		t1 += 1800;
	}
	size_t rows = si->n_src;
	int h = TOP + (int)rows * ROW + 30;
	plx_buf_printf(b,
		       "<div class=\"chart\"><svg width=\"100%%\" "
		       "viewBox=\"0 0 %d %d\" role=\"img\" "
		       "font-family=\"system-ui,sans-serif\" font-size=\"12\">"
		       "<title>When each source published</title>",
		       W, h);
	double pw = W - LW - 20;
	/* Day ticks (midnight UTC), at most about 10. */
	int64_t day = 86400, step = day;
	while ((t1 - t0) / step > 10)
		step *= 2;
	if (t1 - t0 < day) /* hours when the span is short */
		for (step = 3600; (t1 - t0) / step > 10; step *= 2)
			;
	for (int64_t t = (t0 / step + 1) * step; t <= t1; t += step) {
		double x = LW + pw * (double)(t - t0) / (double)(t1 - t0);
		plx_buf_printf(b,
			       "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
			       "y2=\"%d\" stroke=\"#e3e1dc\"/>"
			       "<text x=\"%.1f\" y=\"%d\" fill=\"#62646a\" "
			       "text-anchor=\"middle\">",
			       x, TOP - 4, x, h - 24, x, h - 8);
		time_t tt = (time_t)t;
		struct tm tm;
		if (gmtime_r(&tt, &tm)) {
			static const char *const mon[] = {
				"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
			if (step < day)
				plx_buf_printf(b, "%02d:00", tm.tm_hour);
			else
				plx_buf_printf(b, "%d %s", tm.tm_mday,
					       mon[tm.tm_mon % 12]);
		}
		plx_buf_puts(b, "</text>");
	}
	for (size_t i = 0; i < rows; i++) {
		int y = TOP + (int)i * ROW + ROW / 2;
		plx_buf_printf(b,
			       "<text x=\"%d\" y=\"%d\" fill=\"#1d1d1f\" "
			       "text-anchor=\"end\">",
			       LW - 12, y + 4);
		esc(b, si->src[i]);
		plx_buf_printf(b,
			       "</text><line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
			       "y2=\"%d\" stroke=\"#efece6\"/>",
			       LW, y, W - 10, y);
		for (size_t k = 0; k < l->n; k++) {
			const art_item *a = &l->v[k];
			if (a->time == INT64_MIN ||
			    strcmp(a->source, si->src[i]) != 0)
				continue;
			double x = LW + pw * (double)(a->time - t0) /
						(double)(t1 - t0);
			plx_buf_printf(b,
				       "<circle cx=\"%.1f\" cy=\"%d\" r=\"6\" "
				       "fill=\"#8a1c1c\" fill-opacity=\".8\">"
				       "<title>",
				       x, y);
			esc(b, a->title);
			plx_buf_puts(b, "</title></circle>");
		}
	}
	plx_buf_puts(b, "</svg></div>");
}

typedef struct story_page {
	plx_req *r;
	plx_story_row row;
	char *headline;
	int found;
} story_page;

static int story_found(const plx_story_row *row, void *ud)
{
	story_page *sp = ud;
	sp->row = *row;
	sp->found = 1;
	if (row->headline) {
		sp->headline =
			plx_strndup(row->headline, strlen(row->headline));
		if (!sp->headline)
			return PLX_ENOMEM;
	}
	sp->row.headline = sp->headline;
	return 0;
}

static int page_story(plx_req *r)
{
	int64_t id = plx_http_uint(r->arg);
	if (id < 0) {
		error_page(r, 400, "A story id is a number.");
		return PLX_OK;
	}
	story_page sp;
	memset(&sp, 0, sizeof sp);
	sp.r = r;
	art_list l;
	memset(&l, 0, sizeof l);
	story_info si;
	memset(&si, 0, sizeof si);
	plx_buf_init(&si.names);
	char *report = NULL;
	size_t report_len = 0;
	int rc = plx_query_story(r->q, id, story_found, &sp);
	if (rc == PLX_ENOTFOUND) {
		error_page(r, 404, "No such story.");
		goto out;
	}
	if (!rc)
		rc = plx_query_story_articles(r->q, id, collect_article, &l);
	if (!rc)
		rc = l.rc;
	if (!rc) {
		story_info_free(&si);
		rc = story_info_get(r->q, id, &si);
	}
	plx_coverage_counts cc;
	if (!rc)
		rc = plx_serve_report(r, id, sp.headline, PLX_FMT_HTML, &report,
				      &report_len, &cc);
	if (rc) {
		db_error_page(r, rc);
		goto out;
	}
	const char *head = sp.headline ? sp.headline : "(untitled story)";
	page_start(r, head, NULL);
	plx_buf *b = &r->body;
	plx_buf_printf(b, "<p class=\"kicker\">Story %lld</p><h1>",
		       (long long)id);
	esc(b, head);
	plx_buf_printf(b,
		       "</h1><p class=\"meta\">%zu article%s from %zu "
		       "source%s \xC2\xB7 ",
		       sp.row.n_articles, sp.row.n_articles == 1 ? "" : "s",
		       sp.row.n_sources, sp.row.n_sources == 1 ? "" : "s");
	time_span(b, sp.row.first_seen, sp.row.last_seen);
	if (sp.row.n_articles > l.n)
		plx_buf_printf(b, " \xC2\xB7 the latest %zu compared", l.n);
	plx_buf_printf(b,
		       " \xC2\xB7 <a href=\"/api/stories/%lld\">JSON</a>"
		       "</p>",
		       (long long)id);
	plx_buf_printf(b,
		       "<p class=\"stats\"><span><b>%zu</b> facts"
		       "</span><span><b>%zu</b> carried by two sources or "
		       "more</span><span class=\"%s\"><b>%zu</b> "
		       "discrepanc%s</span><span><b>%zu</b> quotes</span>"
		       "<span><b>%zu</b> opinion passage%s</span></p>",
		       cc.facts, cc.shared_facts,
		       cc.discrepancies ? "warn" : "", cc.discrepancies,
		       cc.discrepancies == 1 ? "y" : "ies", cc.quotes,
		       cc.opinion, cc.opinion == 1 ? "" : "s");

	plx_buf_puts(b, "<h2>Timeline</h2>");
	timeline(b, &l, &si);
	plx_buf_puts(b, "<div class=\"report\">");
	plx_buf_put(b, report, report_len);
	plx_buf_puts(b, "</div>");

	plx_buf_puts(b, "<h2>Articles by source</h2><div class=\"cols\">");
	for (size_t i = 0; i < si.n_src; i++) {
		plx_buf_puts(b, "<div class=\"col\"><h3>");
		esc(b, si.src[i]);
		plx_buf_printf(b, " <span class=\"meta\">%zu</span></h3><ol>",
			       si.src_n[i]);
		for (size_t k = 0; k < l.n; k++) {
			if (strcmp(l.v[k].source, si.src[i]) != 0)
				continue;
			plx_buf_printf(b, "<li><a href=\"/articles/%lld\">",
				       (long long)l.v[k].seq);
			esc(b, l.v[k].title);
			plx_buf_puts(b, "</a><div class=\"meta\">");
			human_time(b, l.v[k].time, 1);
			plx_buf_puts(b, "</div></li>");
		}
		plx_buf_puts(b, "</ol></div>");
	}
	plx_buf_puts(b, "</div>");

	page_end(r);
out:
	plx_free(report);
	plx_free(sp.headline);
	art_list_free(&l);
	story_info_free(&si);
	return PLX_OK;
}

/* ---- Article page ----------------------------------------------------- */

enum { M_QUOTE = 0, M_SPEAKER, M_ENTITY };

typedef struct mark {
	size_t start, end;
	int kind;
	long ref; /* entity index (speaker, entity) or -1 */
} mark;

static int mark_cmp(const void *a, const void *b)
{
	const mark *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/* Keeps non-overlapping marks (the earliest, then the longest). */
static size_t no_overlap(mark *m, size_t n)
{
	qsort(m, n, sizeof *m, mark_cmp);
	size_t k = 0, end = 0;
	for (size_t i = 0; i < n; i++) {
		if (m[i].end <= m[i].start || (k && m[i].start < end))
			continue;
		m[k++] = m[i];
		end = m[i].end;
	}
	return k;
}

typedef struct article_page {
	plx_req *r;
	const plx_article *art;
	const plx_article_row *row;
} article_page;

static void open_mark(plx_buf *b, const mark *m, const plx_entity *ents)
{
	if (m->kind == M_QUOTE) {
		plx_buf_puts(b, "<span class=\"qt\">");
		return;
	}
	if (m->ref >= 0) {
		plx_buf_printf(b, "<a class=\"ent%s\" href=\"",
			       m->kind == M_SPEAKER ? " spk" : "");
		const plx_entity *e = &ents[m->ref];
		entity_href(b, e->key ? e->key : e->name);
		plx_buf_puts(b, "\" title=\"");
		esc(b, plx_entity_type_name(e->type));
		plx_buf_puts(b, "\">");
	} else {
		plx_buf_puts(b, "<span class=\"spk\">");
	}
}

static void close_mark(plx_buf *b, const mark *m)
{
	plx_buf_puts(b, m->kind != M_QUOTE && m->ref >= 0 ? "</a>" : "</span>");
}

/* Writes text[s..e) with the quotes (outer) and names (inner) marked. */
static void marked_text(plx_buf *b, const char *text, size_t s, size_t e,
			const mark *qm, size_t nq, const mark *im, size_t ni,
			const plx_entity *ents)
{
	size_t pos = s, qi = 0, ii = 0;
	while (qi < nq && qm[qi].end <= s)
		qi++;
	while (ii < ni && im[ii].end <= s)
		ii++;
	const mark *oq = NULL, *oi = NULL; /* open marks */
	while (pos < e) {
		size_t next = e;
		if (oi)
			next = oi->end < next ? oi->end : next;
		else if (ii < ni && im[ii].start < next)
			next = im[ii].start > pos ? im[ii].start : pos;
		if (oq)
			next = oq->end < next ? oq->end : next;
		else if (qi < nq && qm[qi].start < next)
			next = qm[qi].start > pos ? qm[qi].start : pos;
		if (next > e)
			next = e;
		plx_html_esc(b, text + pos, next - pos);
		pos = next;
		if (oi && oi->end <= pos) {
			close_mark(b, oi);
			oi = NULL;
			ii++;
		}
		if (oq && oq->end <= pos) {
			if (oi) { /* never, as inner marks nest; be safe */
				close_mark(b, oi);
				oi = NULL;
				ii++;
			}
			close_mark(b, oq);
			oq = NULL;
			qi++;
		}
		if (pos >= e)
			break;
		if (!oq && qi < nq && qm[qi].start <= pos) {
			oq = &qm[qi];
			open_mark(b, oq, ents);
		}
		if (!oi && ii < ni && im[ii].start <= pos) {
			/* An inner mark must lie inside the open quote or
			 * outside every quote. */
			const mark *m = &im[ii];
			int inside = oq && m->end <= oq->end;
			int crosses = !oq && qi < nq && qm[qi].start < m->end;
			if ((oq && !inside) || crosses) {
				ii++;
				continue;
			}
			oi = m;
			open_mark(b, oi, ents);
		}
	}
	if (oi)
		close_mark(b, oi);
	if (oq)
		close_mark(b, oq);
}

static int copy_row(const char *other, int64_t other_seq,
		    const char *other_title, const char *kind, double score,
		    int copies, void *ud)
{
	plx_buf *b = ud;
	plx_buf_puts(b, "<li>");
	plx_buf_puts(b, copies ? "Copies " : "Copied by ");
	if (other_seq >= 0)
		plx_buf_printf(b, "<a href=\"/articles/%lld\">",
			       (long long)other_seq);
	esc(b, other_title ? other_title : other);
	if (other_seq >= 0)
		plx_buf_puts(b, "</a>");
	plx_buf_puts(b, " <span class=\"meta\">");
	esc(b, !strcmp(kind, "reuse") ? "reused paragraphs" : kind);
	plx_buf_printf(b, ", %.0f%% similar</span></li>", score * 100);
	return 0;
}

static int sibling_row(const plx_article_row *row, void *ud)
{
	article_page *ap = ud;
	if (row->seq == ap->row->seq)
		return 0;
	plx_buf *b = &ap->r->body;
	plx_buf_printf(b, "<li><a href=\"/articles/%lld\">",
		       (long long)row->seq);
	esc(b, row->title ? row->title : "(untitled)");
	plx_buf_puts(b, "</a> <span class=\"meta\">");
	esc(b, row->source ? row->source : "");
	plx_buf_puts(b, "</span></li>");
	return 0;
}

static int article_show(const plx_record *rec, const plx_article_row *row,
			void *ud)
{
	article_page *ap = ud;
	plx_req *r = ap->r;
	plx_article *art = NULL;
	int rc = plx_analyze(r->an, rec, &art);
	if (rc) {
		error_page(r, rc == PLX_ENOMEM ? 500 : 422, plx_strerror(rc));
		return 0;
	}
	ap->art = art;
	ap->row = row;
	size_t tlen, np, ne, nq;
	const char *text = plx_article_text(art, &tlen);
	const plx_paragraph *ps = plx_article_paragraphs(art, &np);
	const plx_entity *es = plx_article_entities(art, &ne);
	const plx_quote *qs = plx_article_quotes(art, &nq);

	size_t nm = nq, ni = 0;
	for (size_t i = 0; i < ne; i++)
		ni += es[i].n_mentions;
	for (size_t i = 0; i < nq; i++)
		ni += qs[i].speaker_end > qs[i].speaker_start;
	mark *qm = plx_malloc((nm + 1) * sizeof *qm);
	mark *im = plx_malloc((ni + 1) * sizeof *im);
	if (!qm || !im) {
		plx_free(qm);
		plx_free(im);
		plx_article_free(art);
		return PLX_ENOMEM;
	}
	size_t k = 0;
	for (size_t i = 0; i < nq; i++)
		qm[i] = (mark){qs[i].start, qs[i].end, M_QUOTE, -1};
	for (size_t i = 0; i < nq; i++)
		if (qs[i].speaker_end > qs[i].speaker_start)
			im[k++] = (mark){qs[i].speaker_start, qs[i].speaker_end,
					 M_SPEAKER, qs[i].speaker_entity};
	for (size_t i = 0; i < ne; i++)
		for (size_t j = 0; j < es[i].n_mentions; j++)
			im[k++] = (mark){es[i].mentions[j].start,
					 es[i].mentions[j].end, M_ENTITY,
					 (long)i};
	nm = no_overlap(qm, nq);
	ni = no_overlap(im, k);

	const char *title = plx_article_title(art);
	page_start(r, title ? title : "Article", NULL);
	plx_buf *b = &r->body;
	plx_buf_puts(b, "<p class=\"kicker\">");
	esc(b, plx_article_source(art) ? plx_article_source(art)
				       : "Unknown source");
	plx_buf_puts(b, "</p><h1>");
	esc(b, title ? title : "(untitled)");
	plx_buf_puts(b, "</h1><p class=\"meta\">");
	human_time(b, row->time, 1);
	if (row->story >= 0)
		plx_buf_printf(b,
			       " \xC2\xB7 <a href=\"/stories/%lld\">the "
			       "whole story</a>",
			       (long long)row->story);
	if (plx_url_safe(rec->url)) {
		plx_buf_puts(b, " \xC2\xB7 ");
		ext_link(b, rec->url, "original");
	}
	plx_buf_printf(b,
		       " \xC2\xB7 <a href=\"/api/articles/%lld\">JSON</a>"
		       "</p><div class=\"legend meta\"><span class=\"qt\">"
		       "quoted words</span> \xC2\xB7 <span class=\"spk\">"
		       "speaker</span> \xC2\xB7 <span class=\"ent\">"
		       "named entity</span></div>",
		       (long long)row->seq);

	plx_buf_puts(b, "<div class=\"article\"><div class=\"body\">");
	size_t n_body = 0, n_furn = 0;
	for (size_t i = 0; i < np; i++) {
		if (ps[i].kind != PLX_PARA_BODY) {
			n_furn += ps[i].kind != PLX_PARA_TITLE;
			continue;
		}
		n_body++;
		plx_buf_puts(b, ps[i].reg == PLX_REG_OPINION
					? "<p class=\"op\">"
					: "<p>");
		marked_text(b, text, ps[i].start, ps[i].end, qm, nm, im, ni,
			    es);
		plx_buf_puts(b, "</p>");
	}
	if (!n_body)
		plx_buf_puts(b, "<p class=\"empty\">No body text.</p>");
	plx_buf_puts(b, "</div><aside>");

	plx_buf_puts(b, "<section><h2>Who and what</h2><div class=\"chips\">");
	for (size_t i = 0; i < ne; i++) {
		plx_buf_puts(b, "<a class=\"chip t-");
		esc(b, plx_entity_type_name(es[i].type));
		plx_buf_puts(b, "\" href=\"");
		entity_href(b, es[i].key ? es[i].key : es[i].name);
		plx_buf_puts(b, "\">");
		esc(b, es[i].name);
		plx_buf_printf(b, "<b>%zu</b></a>", es[i].n_mentions);
	}
	if (!ne)
		plx_buf_puts(b, "<span class=\"empty\">No names found."
				"</span>");
	plx_buf_puts(b, "</div></section>");

	plx_buf_printf(b, "<section><h2>Quotes (%zu)</h2>", nq);
	for (size_t i = 0; i < nq; i++) {
		if (qs[i].partial)
			continue;
		plx_buf_puts(b, "<blockquote>\xE2\x80\x9C");
		plx_html_esc(b, text + qs[i].start, qs[i].end - qs[i].start);
		plx_buf_puts(b, "\xE2\x80\x9D<span class=\"tag\">");
		esc(b, qs[i].speaker ? qs[i].speaker : "unattributed");
		if (qs[i].cue) {
			plx_buf_puts(b, ", ");
			esc(b, qs[i].cue);
		}
		plx_buf_puts(b, "</span></blockquote>");
	}
	plx_buf_puts(b, "</section>");

	plx_buf_printf(b, "<section><h2>Removed as page furniture (%zu)</h2>",
		       n_furn);
	for (size_t i = 0; i < np; i++) {
		if (ps[i].kind == PLX_PARA_BODY || ps[i].kind == PLX_PARA_TITLE)
			continue;
		plx_buf_puts(b, "<div class=\"furn\"><b>");
		esc(b, plx_para_kind_name(ps[i].kind));
		plx_buf_puts(b, "</b>");
		plx_html_esc(b, text + ps[i].start, ps[i].end - ps[i].start);
		plx_buf_puts(b, "</div>");
	}
	if (!n_furn)
		plx_buf_puts(b, "<p class=\"empty\">Nothing: the text was "
				"clean.</p>");
	plx_buf_puts(b, "</section><section><h2>Shared with other articles"
			"</h2><ul>");
	size_t before = b->len;
	rc = plx_query_copies(r->q, row->id ? row->id : "", copy_row, b);
	if (!rc && b->len == before)
		plx_buf_puts(b, "<li class=\"empty\">No copied text found."
				"</li>");
	plx_buf_puts(b, "</ul>");
	if (!rc && row->story >= 0) {
		plx_buf_puts(b, "<h2>Same story</h2><ul>");
		rc = plx_query_story_articles(r->q, row->story, sibling_row,
					      ap);
		plx_buf_puts(b, "</ul>");
	}
	plx_buf_puts(b, "</section></aside></div>");
	page_end(r);
	plx_free(qm);
	plx_free(im);
	plx_article_free(art);
	return rc;
}

static int page_article(plx_req *r)
{
	article_page ap = {r, NULL, NULL};
	int rc = plx_query_article(r->q, r->arg, article_show, &ap);
	if (rc == PLX_ENOTFOUND)
		error_page(r, 404, "No such article.");
	else if (rc)
		db_error_page(r, rc);
	return PLX_OK;
}

/* ---- Search ----------------------------------------------------------- */

typedef struct search_page {
	plx_req *r;
	size_t n, want;
} search_page;

/* Writes a snippet: matches (between \x01 and \x02) as <mark>. */
static void snippet(plx_buf *b, const char *s)
{
	int open = 0;
	while (s && *s) {
		size_t n = strcspn(s, "\x01\x02");
		plx_html_esc(b, s, n);
		s += n;
		if (*s == 1 && !open) {
			plx_buf_puts(b, "<mark>");
			open = 1;
		} else if (*s == 2 && open) {
			plx_buf_puts(b, "</mark>");
			open = 0;
		}
		if (*s)
			s++;
	}
	if (open)
		plx_buf_puts(b, "</mark>");
}

static int search_row(const plx_article_row *row, void *ud)
{
	search_page *sp = ud;
	if (++sp->n > sp->want)
		return 0;
	plx_buf *b = &sp->r->body;
	plx_buf_printf(b, "<li><h3><a href=\"/articles/%lld\">",
		       (long long)row->seq);
	esc(b, row->title ? row->title : "(untitled)");
	plx_buf_puts(b, "</a></h3><div class=\"meta\">");
	esc(b, row->source ? row->source : "Unknown source");
	plx_buf_puts(b, " \xC2\xB7 ");
	human_time(b, row->time, 0);
	if (row->story >= 0)
		plx_buf_printf(b,
			       " \xC2\xB7 <a href=\"/stories/%lld\">story"
			       "</a>",
			       (long long)row->story);
	plx_buf_puts(b, "</div><p class=\"snip\">");
	snippet(b, row->extra);
	plx_buf_puts(b, "</p></li>");
	return 0;
}

static int page_search(plx_req *r)
{
	size_t limit, offset;
	const char *why = NULL;
	if (plx_serve_paging(r, &limit, &offset, &why)) {
		error_page(r, 400, why);
		return PLX_OK;
	}
	plx_buf text;
	plx_buf_init(&text);
	int rc = plx_http_param(r->query, "q", &text);
	if (rc < 0) {
		error_page(r, 400, "The search is not valid text.");
		goto out;
	}
	const char *q = rc == 1 ? text.data : "";
	page_start(r, *q ? q : "Search", q);
	plx_buf *b = &r->body;
	plx_buf_puts(b, "<p class=\"kicker\">Search</p><h1>");
	if (*q) {
		plx_buf_puts(b, "Articles matching \xE2\x80\x9C");
		esc(b, q);
		plx_buf_puts(b, "\xE2\x80\x9D");
	} else {
		plx_buf_puts(b, "Search the articles");
	}
	plx_buf_puts(b, "</h1><form class=\"big\" action=\"/search\" "
			"method=\"get\"><input name=\"q\" type=\"search\" "
			"value=\"");
	esc(b, q);
	plx_buf_puts(b, "\"><button>Search</button></form>");
	if (!*q) {
		page_end(r);
		goto out;
	}
	plx_buf_puts(b, "<ul class=\"results\">");
	search_page sp = {r, 0, limit};
	rc = plx_query_search(r->q, q, limit + 1, offset, search_row, &sp);
	if (rc == PLX_EINVAL) {
		error_page(r, 400, "Type a word to search for.");
		goto out;
	}
	if (rc == PLX_ENOTFOUND) {
		error_page(r, 500, plx_query_errmsg(r->q));
		goto out;
	}
	if (rc) {
		db_error_page(r, rc);
		goto out;
	}
	plx_buf_puts(b, "</ul>");
	if (!sp.n)
		plx_buf_puts(b, "<p class=\"empty\">No article matches every "
				"word.</p>");
	plx_buf_puts(b, "<div class=\"pager\"><span>");
	if (offset) {
		plx_buf_printf(b, "<a href=\"/search?offset=%zu&amp;q=",
			       offset > limit ? offset - limit : 0);
		plx_url_enc(b, q, strlen(q));
		plx_buf_puts(b, "\">\xE2\x86\x90 Previous</a>");
	}
	plx_buf_puts(b, "</span><span>");
	if (sp.n > limit) {
		plx_buf_printf(b, "<a href=\"/search?offset=%zu&amp;q=",
			       offset + limit);
		plx_url_enc(b, q, strlen(q));
		plx_buf_puts(b, "\">Next \xE2\x86\x92</a>");
	}
	plx_buf_puts(b, "</span></div>");
	page_end(r);
out:
	plx_buf_free(&text);
	return PLX_OK;
}

/* ---- Entity page ------------------------------------------------------ */

typedef struct entity_page {
	plx_req *r;
	size_t n;
	char *name;
} entity_page;

static int entity_article(const plx_article_row *row, void *ud)
{
	entity_page *ep = ud;
	plx_buf *b = &ep->r->body;
	if (!ep->n++ && row->extra) {
		ep->name = plx_strndup(row->extra, strlen(row->extra));
		if (!ep->name)
			return PLX_ENOMEM;
	}
	plx_buf_printf(b, "<li><h3><a href=\"/articles/%lld\">",
		       (long long)row->seq);
	esc(b, row->title ? row->title : "(untitled)");
	plx_buf_puts(b, "</a></h3><div class=\"meta\">");
	esc(b, row->source ? row->source : "Unknown source");
	plx_buf_puts(b, " \xC2\xB7 ");
	human_time(b, row->time, 0);
	plx_buf_puts(b, " \xC2\xB7 as \xE2\x80\x9C");
	esc(b, row->extra);
	plx_buf_puts(b, "\xE2\x80\x9D</div></li>");
	return 0;
}

static int entity_story(const plx_story_row *row, int64_t mentions, void *ud)
{
	plx_buf *b = ud;
	plx_buf_printf(b, "<li><h3><a href=\"/stories/%lld\">",
		       (long long)row->id);
	esc(b, row->headline ? row->headline : "(untitled story)");
	plx_buf_printf(b,
		       "</a></h3><div class=\"meta\">named in %lld of its "
		       "%zu articles \xC2\xB7 ",
		       (long long)mentions, row->n_articles);
	time_span(b, row->first_seen, row->last_seen);
	plx_buf_puts(b, "</div></li>");
	return 0;
}

static int page_entity(plx_req *r)
{
	entity_page ep = {r, 0, NULL};
	/* The articles first, into a side buffer: they say whether the
	 * entity exists and how it is written. */
	plx_buf body = r->body;
	plx_buf_init(&r->body);
	int rc = plx_query_entity_articles(r->q, r->arg, PLX_API_MAX_LIMIT,
					   entity_article, &ep);
	plx_buf arts = r->body;
	r->body = body;
	if (rc) {
		db_error_page(r, rc);
		goto out;
	}
	if (!ep.n) {
		error_page(r, 404, "No article names this.");
		goto out;
	}
	const char *name = ep.name ? ep.name : r->arg;
	page_start(r, name, NULL);
	plx_buf *b = &r->body;
	plx_buf_puts(b, "<p class=\"kicker\">Named in the news</p><h1>");
	esc(b, name);
	plx_buf_puts(b, "</h1><p class=\"meta\"><a href=\"/?entity=");
	plx_url_enc(b, r->arg, strlen(r->arg));
	plx_buf_printf(b, "\">stories naming it</a> \xC2\xB7 <a href=\"");
	plx_buf_puts(b, "/api");
	entity_href(b, r->arg);
	plx_buf_puts(b,
		     "\">JSON</a></p><h2>Stories</h2><ul class=\"results\">");
	rc = plx_query_entity_stories(r->q, r->arg, PLX_API_MAX_LIMIT,
				      entity_story, b);
	plx_buf_printf(b,
		       "</ul><h2>Articles (%zu%s)</h2><ul class=\"results\">",
		       ep.n, ep.n >= PLX_API_MAX_LIMIT ? "+" : "");
	plx_buf_put(b, arts.data ? arts.data : "", arts.len);
	if (arts.rc)
		b->rc = arts.rc;
	plx_buf_puts(b, "</ul>");
	if (rc)
		db_error_page(r, rc);
	else
		page_end(r);
out:
	plx_buf_free(&arts);
	plx_free(ep.name);
	return PLX_OK;
}

int plx_serve_page(plx_req *r)
{
	r->ctype = "text/html; charset=utf-8";
	switch (r->route) {
	case PLX_R_HOME: return page_home(r);
	case PLX_R_STORY: return page_story(r);
	case PLX_R_ARTICLE: return page_article(r);
	case PLX_R_SEARCH: return page_search(r);
	case PLX_R_ENTITY: return page_entity(r);
	default: error_page(r, 404, "No such page.");
	}
	return PLX_OK;
}
