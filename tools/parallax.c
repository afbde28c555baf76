/*
 * parallax.c: the parallax command.  Reads articles, runs the library over
 * them and prints; only this file prints, exits or decides exit codes.
 *
 * Exit codes: 0 all input processed; 1 some input was bad and skipped (the
 * rest was processed); 2 usage error; 3 fatal error (out of memory, output
 * failure).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char USAGE[] =
	"usage: parallax COMMAND [OPTIONS] [PATH...]\n"
	"\n"
	"Commands:\n"
	"  analyze [--format text|json] [--outlets FILE] PATH...\n"
	"      Clean and analyse each article: paragraphs and their kind\n"
	"      (body, title, masthead, caption, related, credit, other),\n"
	"      register (reporting or opinion), entities, quotes and "
	"speakers.\n"
	"  extract [--format text|json] FILE.html|FILE.warc...\n"
	"      The article of each web page: body paragraphs, title,\n"
	"      byline, date, site name, canonical URL and language.  A\n"
	"      WARC file (.warc, .warc.gz): each HTML response (status\n"
	"      200), with its target URI; other records are counted.\n"
	"  dedup [--format text|json] [--threshold X] [--window DAYS] "
	"PATH...\n"
	"      Find exact and near-duplicate articles (Jaccard similarity\n"
	"      of 4-word shingles >= X, default 0.8), which one copies\n"
	"      which, and paragraphs reused from other articles.  DAYS:\n"
	"      compare only articles that close in time (default: all).\n"
	"  cluster [--format tsv|json] [--threshold X] [--window DAYS] "
	"PATH...\n"
	"      Assign each article, in input order, to a story (one pass):\n"
	"      prints id<TAB>story per article.  X: join threshold (default\n"
	"      0.30); DAYS: a story not joined for that long goes quiet\n"
	"      (default 3).\n"
	"  ingest [--db FILE] [--batch N] [--cache MIB] [--threshold X]\n"
	"         [--window DAYS] PATH...\n"
	"      Analyse, deduplicate and assign to stories, stored in an\n"
	"      SQLite database (default parallax.db).  Re-running continues;\n"
	"      an article already stored (same id, else same text) is kept\n"
	"      once.  MIB: SQLite page cache (default 256).\n"
	"  stories [--db FILE] [--format text|json] [--sort size|recent]\n"
	"          [--limit N]\n"
	"      List the stories in the database.\n"
	"  compare --score [--format text|json] [--idf PATH] A B\n"
	"  compare --score [--format text|json] [--idf PATH] --pairs "
	"FILE.jsonl\n"
	"      How alike two articles are as a story, 0 (unrelated) to 1\n"
	"      (same story), with the reasons: shared names, places and\n"
	"      facts, days apart.  --pairs: one score per line of\n"
	"      {\"id\", \"a\": ARTICLE, \"b\": ARTICLE} objects.  PATH:\n"
	"      count word rarity over these articles instead of the\n"
	"      built-in Reuters-21578 table.\n"
	"  story [--db FILE] [--format text|markdown|json|html] ID\n"
	"      A stored story's coverage: sources (own, copied, opinion),\n"
	"      facts aligned across sources, discrepancies, quotes by\n"
	"      speaker, entities, opinion and timeline.\n"
	"  compare [--format text|markdown|json|html] FILE FILE...\n"
	"      The same report over articles given directly (one story).\n"
	"  watch [--db FILE] [--interval SECONDS] [--once] FEED_OR_OPML...\n"
	"      Poll RSS/Atom feeds and OPML lists (URLs or files) every\n"
	"      SECONDS (default 900) with conditional requests; ingest each\n"
	"      new item's page (or its summary) once.  One line per item\n"
	"      on standard output.  --once: one round, then exit.\n"
	"  serve [--db FILE] [--listen HOST:PORT] [--threads N]\n"
	"      Web pages and a JSON API over the database (default\n"
	"      127.0.0.1:8080, read-only, while ingest writes); Ctrl-C stops.\n"
	"\n"
	"PATH is a text file (one article), a JSON Lines file (one article a\n"
	"line), either gzip-compressed, a directory (read recursively), or -\n"
	"for standard input.\n"
	"An HTML page (.html/.htm) is one article; a WARC file (.warc or\n"
	".warc.gz) gives one article per HTML response (status 200); its\n"
	"other records are counted and skipped.\n"
	"\n"
	"Options:\n"
	"  -f, --format FMT   output format: text (default) or json (JSON "
	"Lines)\n"
	"  -t, --threshold X  dedup: similarity threshold in (0,1]\n"
	"      --outlets FILE add outlets (Name<TAB>domain<TAB>alias... "
	"lines)\n"
	"  -q, --quiet        do not report skipped input on standard error\n"
	"      --threads N    analyse with N threads (analyze, dedup, "
	"cluster,\n"
	"                     ingest; default: the number of CPUs); the\n"
	"                     output does not depend on N\n"
	"  -h, --help         show this help\n"
	"  -V, --version      show the version\n"
	"\n"
	"Exit status: 0 success, 1 some input was skipped as bad, 2 usage\n"
	"error, 3 fatal error.  See parallax(1).\n";

int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "parallax: %s%s%s\n", msg, arg ? ": " : "",
		arg ? arg : "");
	fprintf(stderr, "Try 'parallax --help'.\n");
	return EXIT_USAGE;
}

/* Parses the options common to every command; returns the index of the
 * first path, or -1 after printing a usage error (*rc set). */
int parse_threshold(const char *arg, double *out, int *rc)
{
	char *end;
	*out = strtod(arg, &end);
	if (*end || !(*out > 0 && *out <= 1)) {
		*rc = usage_error("bad threshold", arg);
		return -1;
	}
	return 0;
}

int parse_options(int argc, char **argv, options *o, int *rc)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"outlets", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"threshold", required_argument, NULL, 't'},
		{"window", required_argument, NULL, 'w'},
		{"db", required_argument, NULL, 'd'},
		{"batch", required_argument, NULL, 'b'},
		{"cache", required_argument, NULL, 'c'},
		{"sort", required_argument, NULL, 's'},
		{"limit", required_argument, NULL, 'n'},
		{"threads", required_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	memset(o, 0, sizeof *o);
	o->window = -1;
	o->db = "parallax.db";
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "f:qt:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				o->json = 1;
			else if (strcmp(optarg, "text") == 0 ||
				 strcmp(optarg, "tsv") == 0)
				o->json = 0;
			else {
				*rc = usage_error("unknown format", optarg);
				return -1;
			}
			break;
		case 'o': o->outlets = optarg; break;
		case 'q': o->quiet = 1; break;
		case 't':
			if (parse_threshold(optarg, &o->threshold, rc) < 0)
				return -1;
			break;
		case 'w': {
			char *end;
			o->window = strtod(optarg, &end);
			if (*end || !(o->window >= 0)) {
				*rc = usage_error("bad window", optarg);
				return -1;
			}
			break;
		}
		case 'd': o->db = optarg; break;
		case 'j': {
			char *end;
			errno = 0;
			unsigned long v = strtoul(optarg, &end, 10);
			if (*end || errno || optarg[0] == '-' || v < 1 ||
			    v > 256) {
				*rc = usage_error("bad thread count", optarg);
				return -1;
			}
			o->threads = (unsigned)v;
			break;
		}
		case 'c': {
			char *end;
			errno = 0;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (*end || errno || optarg[0] == '-' || v < 1 ||
			    v > (1u << 20)) {
				*rc = usage_error("bad cache size (MiB)",
						  optarg);
				return -1;
			}
			o->cache_mib = (size_t)v;
			break;
		}
		case 'b':
		case 'n': {
			char *end;
			errno = 0;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (*end || errno || optarg[0] == '-' ||
			    (c == 'b' && v == 0)) {
				*rc = usage_error(c == 'b' ? "bad batch size"
							   : "bad limit",
						  optarg);
				return -1;
			}
			if (c == 'b')
				o->batch = (size_t)v;
			else
				o->limit = (size_t)v;
			break;
		}
		case 's':
			if (strcmp(optarg, "recent") == 0)
				o->recent = 1;
			else if (strcmp(optarg, "size") == 0)
				o->recent = 0;
			else {
				*rc = usage_error("unknown sort", optarg);
				return -1;
			}
			break;
		case 'h':
			fputs(USAGE, stdout);
			*rc = 0;
			return -1;
		default: *rc = usage_error("bad option", NULL); return -1;
		}
	}
	return optind;
}

/* Set by SIGINT/SIGTERM: the record loop stops, and ingest commits what it
 * has. */
volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

void json_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* Sets up the analyzer and the reader; returns 0 or an exit status. */
int run_open(run *r, const options *o, char **paths, int n)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	int rc;
	unsigned nt = o->threads;
	if (!nt) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		nt = c < 1 ? 1 : c > 64 ? 64 : (unsigned)c;
	}
	r->ans = calloc(nt, sizeof *r->ans);
	if (!r->ans) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(PLX_ENOMEM));
		return EXIT_FATAL;
	}
	for (; r->n_an < nt; r->n_an++) {
		plx_analyzer **a = &r->ans[r->n_an];
		if ((rc = plx_analyzer_new(NULL, a))) {
			fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
			return EXIT_FATAL;
		}
		if (o->outlets && plx_analyzer_load_outlets(*a, o->outlets)) {
			fprintf(stderr, "parallax: %s\n",
				plx_analyzer_errmsg(*a));
			r->n_an++;
			return EXIT_USAGE;
		}
	}
	r->an = r->ans[0];
	if ((rc = plx_reader_new(NULL, &r->rd))) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		return EXIT_FATAL;
	}
	for (int i = 0; i < n; i++)
		if ((rc = plx_reader_add(r->rd, paths[i]))) {
			fprintf(stderr, "parallax: %s: %s\n", paths[i],
				plx_strerror(rc));
			return EXIT_FATAL;
		}
	return 0;
}

void skip_msg(run *r, const char *fmt, ...)
{
	r->skipped++;
	if (r->o->quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%sparallax: ", r->progress ? "\r\033[K" : "");
	vfprintf(stderr, fmt, ap);
	fputs(" (skipped)\n", stderr);
	va_end(ap);
}

/* Feeds every record to fn; returns 0 or a fatal exit status. */
int run_records(run *r, record_fn fn, void *ud)
{
	const plx_record *rec;
	int rc;
	while (!interrupted && (rc = plx_reader_next(r->rd, &rec)) != 0) {
		if (rc < 0) {
			if (rc == PLX_ENOMEM)
				break;
			skip_msg(r, "%s", plx_reader_errmsg(r->rd));
			continue;
		}
		rc = fn(r, rec, ud);
		if (rc > 0)
			return rc;
		if (rc == PLX_ENOMEM)
			break;
		if (rc == 0)
			r->done++;
		else if (rec->line)
			skip_msg(r, "%s:%zu: %s", rec->path, rec->line,
				 plx_strerror(rc));
		else
			skip_msg(r, "%s: %s", rec->path, plx_strerror(rc));
	}
	if (rc == PLX_ENOMEM) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		return EXIT_FATAL;
	}
	return 0;
}

/* A bad record's message: the same words as run_records'. */
static void skip_record(run *r, const plx_record *rec, int rc)
{
	if (rec->line)
		skip_msg(r, "%s:%zu: %s", rec->path, rec->line,
			 plx_strerror(rc));
	else
		skip_msg(r, "%s: %s", rec->path, plx_strerror(rc));
}

/* Hands the oldest analysed record to fn: 1 when one was handled, 0 when
 * none was in flight, or a negative status / positive exit status that
 * ends the loop. */
static int pop_one(run *r, plx_pipe *p, article_fn fn, void *ud)
{
	const plx_record *rec;
	plx_article *art;
	int st;
	if (!plx_pipe_pop(p, &rec, &art, &st))
		return 0;
	r->art_taken = 0;
	int rc = fn(r, rec, art, st, ud);
	if (!r->art_taken)
		plx_pipe_recycle(p, art);
	if (rc > 0 || rc == PLX_ENOMEM)
		return rc;
	if (rc == 0)
		r->done++;
	else if (*plx_pipe_errmsg(p))
		skip_msg(r, "%s", plx_pipe_errmsg(p)); /* a bad JSON line */
	else
		skip_record(r, rec, rc);
	return 1;
}

int run_articles(run *r, article_fn fn, void *ud)
{
	plx_pipe *p = NULL;
	int rc = plx_pipe_new(r->ans, r->n_an, 0, &p);
	if (rc) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		return EXIT_FATAL;
	}
	/* JSON Lines are parsed in the pipe's workers, off this thread. */
	plx_reader_defer_json(r->rd, 1);
	int eof = 0;
	rc = 1;
	while (rc == 1) {
		while (!eof && !interrupted && !plx_pipe_full(p)) {
			const plx_record *rec;
			int got = plx_reader_next(r->rd, &rec);
			if (got == 0) {
				eof = 1;
			} else if (got == PLX_ENOMEM) {
				rc = got;
				break;
			} else if (got < 0) {
				/* Drain first: messages stay in input order. */
				int d;
				while ((d = pop_one(r, p, fn, ud)) == 1)
					;
				if (d) {
					rc = d;
					break;
				}
				skip_msg(r, "%s", plx_reader_errmsg(r->rd));
			} else if ((got = plx_pipe_push(p, rec))) {
				rc = got;
				break;
			}
		}
		if (rc != 1)
			break;
		/* Interrupted: what is in flight is still handled. */
		rc = pop_one(r, p, fn, ud);
	}
	plx_pipe_free(p);
	if (rc == PLX_ENOMEM) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		return EXIT_FATAL;
	}
	return rc > 0 ? rc : 0;
}

/* Flushes the output, reports what was skipped and frees; returns the
 * exit status (status when it is already an error). */
int run_close(run *r, int status)
{
	if (!status && (fflush(stdout) != 0 || ferror(stdout))) {
		fprintf(stderr, "parallax: write error: %s\n", strerror(errno));
		status = EXIT_FATAL;
	}
	plx_warc_stats ws;
	plx_reader_warc_stats(r->rd, &ws);
	if (ws.records && !r->o->quiet)
		fprintf(stderr,
			"parallax: WARC: %zu records: %zu HTML pages, "
			"%zu not responses, %zu not status 200, %zu not "
			"HTML, %zu bad\n",
			ws.records, ws.pages, ws.not_response, ws.not_ok,
			ws.not_html, ws.bad);
	if (!status && r->skipped) {
		if (!r->o->quiet)
			fprintf(stderr,
				"parallax: %zu article%s, %zu skipped\n",
				r->done, r->done == 1 ? "" : "s", r->skipped);
		status = EXIT_BADINPUT;
	}
	plx_reader_free(r->rd);
	for (unsigned i = 0; i < r->n_an; i++)
		plx_analyzer_free(r->ans[i]);
	free(r->ans);
	if (!r->n_an)
		plx_analyzer_free(r->an);
	return status;
}

/* Parses the options of a command that reads PATHs; returns the index of
 * the first path, or -1 with *rc the exit status. */
int parse_paths(int argc, char **argv, options *o, const char *cmd, int *rc)
{
	int first = parse_options(argc, argv, o, rc);
	if (first >= 0 && first >= argc) {
		fprintf(stderr, "parallax: %s needs at least one PATH\n", cmd);
		fprintf(stderr, "Try 'parallax --help'.\n");
		*rc = EXIT_USAGE;
		return -1;
	}
	return first;
}

typedef struct analyze_ctx {
	int colour;
} analyze_ctx;

static int analyze_one(run *r, const plx_record *rec, const plx_article *art,
		       int rc, void *ud)
{
	analyze_ctx *c = ud;
	(void)rec;
	if (rc)
		return rc;
	char *s = NULL;
	size_t len = 0;
	rc = r->o->json ? plx_article_json(art, &s, &len)
			: plx_article_report(art, c->colour, &s, &len);
	if (rc) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		return EXIT_FATAL;
	}
	if (!r->o->json && r->done)
		fputc('\n', stdout);
	fwrite(s, 1, len, stdout);
	if (r->o->json)
		fputc('\n', stdout);
	plx_free(s);
	return 0;
}

static int cmd_analyze(int argc, char **argv)
{
	options o;
	int rc = 0;
	int first = parse_paths(argc, argv, &o, "analyze", &rc);
	if (first < 0)
		return rc;
	run r;
	analyze_ctx c = {!o.json && isatty(STDOUT_FILENO) &&
			 !getenv("NO_COLOR")};
	int status = run_open(&r, &o, argv + first, argc - first);
	if (!status)
		run_skip(&r, PLX_SKIP_STORY_TERMS);
	if (!status)
		status = run_articles(&r, analyze_one, &c);
	return run_close(&r, status);
}

void run_skip(run *r, unsigned skip)
{
	for (unsigned i = 0; i < r->n_an; i++)
		plx_analyzer_skip(r->ans[i], skip);
}

static int dedup_one(run *r, const plx_record *rec, const plx_article *art,
		     int rc, void *ud)
{
	(void)r;
	(void)rec;
	if (rc)
		return rc;
	const plx_dedup_result *res;
	rc = plx_dedup_add(ud, art, &res);
	return rc ? PLX_ENOMEM : 0; /* any failure here is fatal */
}

/* dedup: every article goes through the deduplicator; the report of groups
 * and reused paragraphs is printed at the end. */
static int cmd_dedup(int argc, char **argv)
{
	options o;
	int rc = 0;
	int first = parse_paths(argc, argv, &o, "dedup", &rc);
	if (first < 0)
		return rc;
	plx_dedup_params dp;
	plx_dedup_params_default(&dp);
	if (o.threshold > 0)
		dp.threshold = o.threshold;
	/* A batch compares every article with every other unless told
	 * otherwise; the streaming window is ingest's memory bound. */
	dp.window_days = o.window >= 0 ? o.window : 0;
	dp.window_articles = 0;
	run r;
	plx_dedup *dd = NULL;
	int status = run_open(&r, &o, argv + first, argc - first);
	/* dedup reads paragraphs, tokens and entities only (the same output,
	 * a fifth less analysis). */
	if (!status)
		run_skip(&r, PLX_SKIP_QUOTES | PLX_SKIP_REGISTER |
				     PLX_SKIP_STORY_TERMS);
	if (!status && (rc = plx_dedup_new(&dp, &dd))) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		status = EXIT_FATAL;
	}
	if (!status)
		status = run_articles(&r, dedup_one, dd);
	if (!status) {
		char *s = NULL;
		size_t len = 0;
		if ((rc = plx_dedup_report(dd, o.json, &s, &len))) {
			fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
			status = EXIT_FATAL;
		} else
			fwrite(s, 1, len, stdout);
		plx_free(s);
	}
	plx_dedup_free(dd);
	return run_close(&r, status);
}

static int cluster_one(run *r, const plx_record *rec, const plx_article *art,
		       int rc, void *ud)
{
	(void)rec;
	if (rc)
		return rc;
	size_t story;
	double score;
	rc = plx_stories_add(ud, art, &story, &score);
	if (rc == 0) {
		const char *id = plx_article_id(art);
		if (!id)
			id = plx_article_path(art);
		if (r->o->json) {
			fputs("{\"id\":", stdout);
			json_str(stdout, id ? id : "");
			printf(",\"story\":%zu,\"score\":%.4f}\n", story,
			       score);
		} else
			printf("%s\t%zu\n", id ? id : "", story);
	}
	return rc ? PLX_ENOMEM : 0; /* any failure here is fatal */
}

/* cluster: every article goes through the story clusterer in input order;
 * one line per article as it is assigned. */
static int cmd_cluster(int argc, char **argv)
{
	options o;
	int rc = 0;
	int first = parse_paths(argc, argv, &o, "cluster", &rc);
	if (first < 0)
		return rc;
	plx_story_params sp;
	plx_story_params_default(&sp);
	if (o.threshold > 0)
		sp.threshold = o.threshold;
	if (o.window >= 0)
		sp.window_days = o.window;
	run r;
	plx_stories *ss = NULL;
	int status = run_open(&r, &o, argv + first, argc - first);
	/* Nor does the story engine, but it reads the story terms. */
	if (!status)
		run_skip(&r, PLX_SKIP_QUOTES | PLX_SKIP_REGISTER);
	if (!status && (rc = plx_stories_new(&sp, &ss))) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		status = EXIT_FATAL;
	}
	if (!status)
		status = run_articles(&r, cluster_one, ss);
	plx_stories_free(ss);
	return run_close(&r, status);
}

/* extract: the article of each HTML page (body paragraphs and metadata),
 * as text or one JSON object a line.  A WARC file goes through the reader:
 * one article per HTML response, with its target URI; its other records
 * are counted and the bad ones reported, as by the other commands. */
static void json_field(const char *key, const char *v, const char *sep)
{
	printf("%s\"%s\":", sep, key);
	json_str(stdout, v);
}

/* One article: path is the file, uri the WARC record's target URI (NULL
 * for a page read from a file), date the page's else the WARC-Date. */
static void print_doc(const options *o, const char *path, const char *uri,
		      const plx_html_doc *d, const char *date)
{
	if (o->json) {
		json_field("path", path, "{");
		if (uri)
			json_field("uri", uri, ",");
		json_field("title", d->title, ",");
		json_field("byline", d->byline, ",");
		json_field("date", date, ",");
		json_field("site_name", d->site_name, ",");
		json_field("url", d->url, ",");
		json_field("lang", d->lang, ",");
		json_field("text", d->text, ",");
		puts("}");
		return;
	}
	printf("==> %s%s%s\ntitle: %s\nbyline: %s\ndate: %s\nsite: %s\n"
	       "url: %s\nlang: %s\n\n%s\n\n",
	       path, uri ? " " : "", uri ? uri : "", d->title ? d->title : "",
	       d->byline ? d->byline : "", date ? date : "",
	       d->site_name ? d->site_name : "", d->url ? d->url : "",
	       d->lang ? d->lang : "", d->text);
}

static int extract_record(run *r, const plx_record *rec, void *ud)
{
	(void)ud;
	const plx_html_doc *d = plx_reader_html(r->rd);
	if (!d)
		return PLX_EFORMAT; /* not from a page: cannot happen */
	print_doc(r->o, rec->path, rec->id, d, rec->date);
	return 0;
}

/* Whether path names a WARC file (.warc, .warc.gz), or its first bytes
 * p[0, n) say it is one. */
static int is_warc(const char *path, const char *p, size_t n)
{
	size_t l = strlen(path);
	return (l > 5 && !strcmp(path + l - 5, ".warc")) ||
	       (l > 8 && !strcmp(path + l - 8, ".warc.gz")) ||
	       (n >= 7 && !memcmp(p, "WARC/1.", 7));
}

static int cmd_extract(int argc, char **argv)
{
	options o;
	int rc = 0;
	int first = parse_options(argc, argv, &o, &rc);
	if (first < 0)
		return rc;
	if (first >= argc)
		return usage_error("extract needs at least one FILE.html "
				   "or FILE.warc",
				   NULL);
	run r;
	memset(&r, 0, sizeof r);
	r.o = &o;
	if ((rc = plx_reader_new(NULL, &r.rd))) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		return EXIT_FATAL;
	}
	int status = 0;
	for (int i = first; i < argc && !status; i++) {
		char *buf = NULL;
		size_t len = 0, cap = 0, got;
		int warc = is_warc(argv[i], "", 0);
		FILE *f = warc ? NULL : fopen(argv[i], "rb");
		if (!warc && !f) {
			skip_msg(&r, "%s: %s", argv[i], strerror(errno));
			continue;
		}
		while (f) {
			if (len == cap) {
				char *nb = realloc(buf,
						   cap = cap ? 2 * cap : 65536);
				if (!nb) {
					status = EXIT_FATAL;
					break;
				}
				buf = nb;
			}
			got = fread(buf + len, 1, cap - len, f);
			len += got;
			if (!got || is_warc("", buf, len))
				break;
		}
		int err = f && ferror(f);
		if (f)
			fclose(f);
		if (!status && !err && is_warc(argv[i], buf, len)) {
			/* Read again from the start, record by record. */
			free(buf);
			if ((rc = plx_reader_add(r.rd, argv[i]))) {
				fprintf(stderr, "parallax: %s: %s\n", argv[i],
					plx_strerror(rc));
				status = EXIT_FATAL;
			} else
				status = run_records(&r, extract_record, NULL);
			continue;
		}
		plx_html_doc *d = NULL;
		rc = status ? PLX_ENOMEM
		     : err  ? PLX_EIO
			    : plx_html_extract(buf, len, NULL, &d);
		free(buf);
		if (rc == PLX_ENOMEM) {
			fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
			status = EXIT_FATAL;
		} else if (rc) {
			skip_msg(&r, "%s: %s", argv[i], plx_strerror(rc));
		} else {
			print_doc(&o, argv[i], NULL, d, d->date);
			r.done++;
		}
		plx_html_doc_free(d);
	}
	return run_close(&r, status);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct ingest_ctx {
	plx_ingest *g;
	double t0, shown;
	size_t seen;
} ingest_ctx;

static int ingest_one(run *r, const plx_record *rec, const plx_article *art,
		      int rc, void *ud)
{
	ingest_ctx *c = ud;
	c->seen++;
	if (!rc) {
		/* Taken over: with --threads > 1 it is stored in the
		 * ingest's writer thread. */
		rc = plx_ingest_add_owned(c->g, rec, (plx_article *)art);
		r->art_taken = 1;
	}
	if (rc == PLX_ENOMEM || rc == PLX_EDB) {
		fprintf(stderr, "%sparallax: %s\n",
			r->progress ? "\r\033[K" : "",
			plx_ingest_errmsg(c->g)[0] ? plx_ingest_errmsg(c->g)
						   : plx_strerror(rc));
		return EXIT_FATAL;
	}
	if (r->progress && (c->seen & 63) == 0) {
		double t = now_seconds();
		if (t - c->shown >= 0.5) {
			plx_ingest_stats st;
			plx_ingest_stats_get(c->g, &st);
			fprintf(stderr,
				"\r\033[K%zu articles, %.0f/s, %zu stored, "
				"%zu stories",
				c->seen, (double)c->seen / (t - c->t0),
				st.stored, st.stories);
			uint64_t done, total;
			plx_reader_progress(r->rd, &done, &total);
			if (total && done && done <= total) {
				double eta = (t - c->t0) *
					     (double)(total - done) /
					     (double)done;
				fprintf(stderr, ", %.0f%%, ETA %dm%02ds",
					100.0 * (double)done / (double)total,
					(int)(eta / 60), (int)eta % 60);
			}
			c->shown = t;
		}
	}
	return rc;
}

/* ingest: the whole pipeline into the database, in batched transactions.
 * Exit 130 when interrupted (after committing what was done). */
static int cmd_ingest(int argc, char **argv)
{
	options o;
	int rc = 0;
	int first = parse_paths(argc, argv, &o, "ingest", &rc);
	if (first < 0)
		return rc;
	plx_ingest_params ip;
	plx_ingest_params_default(&ip);
	if (o.threshold > 0)
		ip.stories.threshold = o.threshold;
	if (o.window >= 0)
		ip.stories.window_days = o.window;
	if (o.batch)
		ip.batch = o.batch;
	if (o.cache_mib)
		ip.cache_mib = o.cache_mib;
	run r;
	ingest_ctx c = {NULL, now_seconds(), 0, 0};
	char msg[512];
	int status = run_open(&r, &o, argv + first, argc - first);
	if (!status && plx_ingest_open_threads(o.db, &ip, r.ans, r.n_an, &c.g,
					       msg, sizeof msg)) {
		fprintf(stderr, "parallax: %s\n", msg);
		status = EXIT_FATAL;
	}
	if (status) {
		plx_ingest_free(c.g);
		return run_close(&r, status);
	}
	catch_signals();
	r.progress = !o.quiet && isatty(STDERR_FILENO);
	c.t0 = c.shown = now_seconds();

	status = run_articles(&r, ingest_one, &c);
	if (!status && (rc = plx_ingest_commit(c.g))) {
		fprintf(stderr, "%sparallax: %s\n",
			r.progress ? "\r\033[K" : "", plx_ingest_errmsg(c.g));
		status = EXIT_FATAL;
	}
	plx_ingest_stats st;
	plx_ingest_stats_get(c.g, &st);
	if (!status && !o.quiet) {
		double t = now_seconds() - c.t0;
		fprintf(stderr,
			"%s%s: %zu articles read in %.1f s (%.0f/s): %zu "
			"stored,"
			" %zu already there, %zu skipped; %zu stories",
			r.progress ? "\r\033[K" : "", o.db, c.seen, t,
			t > 0 ? (double)c.seen / t : 0.0, st.stored, st.known,
			r.skipped, st.stories);
		if (st.replayed)
			fprintf(stderr, " (%zu stored articles replayed)",
				st.replayed);
		fputc('\n', stderr);
		if (st.mismatched)
			fprintf(stderr,
				"parallax: warning: %zu replayed articles "
				"changed story (different parameters?)\n",
				st.mismatched);
	}
	plx_ingest_free(c.g);
	r.progress = 0;
	if (!status && interrupted) {
		fprintf(stderr, "parallax: interrupted; everything read so far"
				" is committed\n");
		status = 130;
	}
	/* run_close's summary would repeat the one above */
	int quiet = o.quiet;
	o.quiet = 1;
	status = run_close(&r, status);
	o.quiet = quiet;
	return status;
}

static void print_time(FILE *f, int64_t t)
{
	if (t == INT64_MIN) {
		fputs("-", f);
		return;
	}
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];
	gmtime_r(&tt, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
	fputs(buf, f);
}

static int print_story(const plx_story_row *r, void *ud)
{
	const options *o = ud;
	if (o->json) {
		printf("{\"id\":%lld,\"headline\":", (long long)r->id);
		json_str(stdout, r->headline);
		printf(",\"articles\":%zu,\"sources\":%zu,\"first_seen\":",
		       r->n_articles, r->n_sources);
		if (r->first_seen == INT64_MIN)
			fputs("null", stdout);
		else
			printf("%lld", (long long)r->first_seen);
		fputs(",\"last_seen\":", stdout);
		if (r->last_seen == INT64_MIN)
			fputs("null", stdout);
		else
			printf("%lld", (long long)r->last_seen);
		fputs("}\n", stdout);
		return 0;
	}
	printf("%6lld %4zu art %3zu src  ", (long long)r->id, r->n_articles,
	       r->n_sources);
	print_time(stdout, r->first_seen);
	fputs(" .. ", stdout);
	print_time(stdout, r->last_seen);
	printf("  %s\n", r->headline ? r->headline : "(untitled)");
	return 0;
}

/* stories: the stories in the database, biggest or most recent first. */
static int cmd_stories(int argc, char **argv)
{
	options o;
	int rc = 0;
	int first = parse_options(argc, argv, &o, &rc);
	if (first < 0)
		return rc;
	if (first < argc)
		return usage_error("stories takes no PATH", argv[first]);
	plx_store *s = NULL;
	char msg[512];
	if (access(o.db, F_OK) != 0) {
		fprintf(stderr,
			"parallax: %s: no such database (run "
			"'parallax ingest' first)\n",
			o.db);
		return EXIT_FATAL;
	}
	if ((rc = plx_store_open(o.db, PLX_STORE_READONLY, &s, msg,
				 sizeof msg))) {
		fprintf(stderr, "parallax: %s\n", msg);
		return EXIT_FATAL;
	}
	if (!o.json)
		printf("%6s %8s %7s  %-16s    %-16s  %s\n", "story", "articles",
		       "sources", "first seen (UTC)", "last seen", "headline");
	rc = plx_store_stories(s, o.recent ? PLX_ORDER_RECENT : PLX_ORDER_SIZE,
			       o.limit, 0, print_story, &o);
	if (rc)
		fprintf(stderr, "parallax: %s: %s\n", o.db,
			plx_store_errmsg(s));
	plx_store_close(s);
	if (fflush(stdout) != 0)
		return EXIT_FATAL;
	return rc ? EXIT_FATAL : 0;
}

int cmd_serve(int argc, char **argv);

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("missing command", NULL);
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(USAGE, stdout);
		return 0;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("parallax %s\n", PLX_VERSION);
		return 0;
	}
	if (strcmp(cmd, "compare") == 0)
		for (int i = 2; i < argc; i++)
			if (strcmp(argv[i], "--score") == 0)
				return cmd_score(argc - 1, argv + 1);
	if (strcmp(cmd, "analyze") == 0)
		return cmd_analyze(argc - 1, argv + 1);
	if (strcmp(cmd, "ingest") == 0)
		return cmd_ingest(argc - 1, argv + 1);
	if (strcmp(cmd, "stories") == 0)
		return cmd_stories(argc - 1, argv + 1);
	if (strcmp(cmd, "dedup") == 0)
		return cmd_dedup(argc - 1, argv + 1);
	if (strcmp(cmd, "extract") == 0)
		return cmd_extract(argc - 1, argv + 1);
	if (strcmp(cmd, "cluster") == 0)
		return cmd_cluster(argc - 1, argv + 1);
	if (strcmp(cmd, "story") == 0)
		return cmd_story(argc - 1, argv + 1);
	if (strcmp(cmd, "compare") == 0)
		return cmd_compare(argc - 1, argv + 1);
	if (strcmp(cmd, "watch") == 0)
		return cmd_watch(argc - 1, argv + 1);
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(argc - 1, argv + 1); /* tools/cmd_serve.c */
	return usage_error("unknown command", cmd);
}
