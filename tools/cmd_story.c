/*
 * cmd_story.c: `parallax story ID` (a stored story's coverage report, its
 * articles read back from the database and analysed again) and `parallax
 * compare FILE...` (the same report over articles given directly, taken
 * as one story).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

typedef struct story_opts {
	plx_format fmt;
	const char *db;
	const char *outlets;
	int quiet;
	double threshold; /* fact threshold; 0: default */
} story_opts;

/* Options of story and compare; returns the index of the first operand,
 * or -1 with *rc the exit status. */
static int story_options(int argc, char **argv, story_opts *o, int *rc)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"db", required_argument, NULL, 'd'},
		{"outlets", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"threshold", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	memset(o, 0, sizeof *o);
	o->fmt = PLX_FMT_TEXT;
	o->db = "parallax.db";
	optind = 1;
	int ch;
	while ((ch = getopt_long(argc, argv, "f:qt:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o->fmt = PLX_FMT_TEXT;
			else if (strcmp(optarg, "markdown") == 0 ||
				 strcmp(optarg, "md") == 0)
				o->fmt = PLX_FMT_MARKDOWN;
			else if (strcmp(optarg, "json") == 0)
				o->fmt = PLX_FMT_JSON;
			else if (strcmp(optarg, "html") == 0)
				o->fmt = PLX_FMT_HTML;
			else {
				*rc = usage_error("unknown format", optarg);
				return -1;
			}
			break;
		case 'd': o->db = optarg; break;
		case 'o': o->outlets = optarg; break;
		case 'q': o->quiet = 1; break;
		case 't':
			if (parse_threshold(optarg, &o->threshold, rc) < 0)
				return -1;
			break;
		case 'h':
			fputs("usage: parallax story [--db FILE] [--format "
			      "text|markdown|json|html] ID\n"
			      "       parallax compare [--format "
			      "text|markdown|json|html] FILE FILE...\n",
			      stdout);
			*rc = 0;
			return -1;
		default: *rc = usage_error("bad option", NULL); return -1;
		}
	}
	return optind;
}

/* Builds and prints the report; returns 0 or an exit status. */
static int story_print(plx_coverage *cov, const story_opts *o)
{
	int rc = plx_coverage_build(cov);
	char *s = NULL;
	size_t len = 0;
	plx_render_opts ro = {0, 0, NULL};
	ro.colour = o->fmt == PLX_FMT_TEXT && isatty(STDOUT_FILENO) &&
		    !getenv("NO_COLOR");
	if (!rc)
		rc = plx_coverage_render(cov, o->fmt, &ro, &s, &len);
	if (rc) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		return EXIT_FATAL;
	}
	fwrite(s, 1, len, stdout);
	plx_free(s);
	return 0;
}

static const plx_coverage_params *params(const story_opts *o,
					 plx_coverage_params *p)
{
	plx_coverage_params_default(p);
	if (o->threshold > 0)
		p->fact_threshold = o->threshold;
	return p;
}

typedef struct story_ctx {
	plx_analyzer *an;
	plx_coverage *cov;
	const story_opts *o;
	size_t skipped;
} story_ctx;

static int story_one(const plx_record *rec, int64_t seq, void *ud)
{
	story_ctx *x = ud;
	plx_article *art = NULL;
	int rc = plx_analyze(x->an, rec, &art);
	if (rc == PLX_ENOMEM)
		return rc;
	if (rc) {
		x->skipped++;
		if (!x->o->quiet)
			fprintf(stderr,
				"parallax: stored article %lld: %s "
				"(skipped)\n",
				(long long)seq, plx_strerror(rc));
		return 0;
	}
	return plx_coverage_add(x->cov, art);
}

int cmd_story(int argc, char **argv)
{
	story_opts o;
	int rc = 0;
	int first = story_options(argc, argv, &o, &rc);
	if (first < 0)
		return rc;
	if (first + 1 != argc)
		return usage_error(first >= argc ? "story needs a story ID"
						 : "story takes one ID",
				   first < argc ? argv[first + 1] : NULL);
	char *end;
	long long id = strtoll(argv[first], &end, 10);
	if (*end || id < 0 || !argv[first][0])
		return usage_error("bad story ID", argv[first]);
	if (access(o.db, F_OK) != 0) {
		fprintf(stderr,
			"parallax: %s: no such database (run 'parallax "
			"ingest' first)\n",
			o.db);
		return EXIT_FATAL;
	}
	plx_store *st = NULL;
	char msg[512];
	if (plx_store_open(o.db, PLX_STORE_READONLY, &st, msg, sizeof msg)) {
		fprintf(stderr, "parallax: %s\n", msg);
		return EXIT_FATAL;
	}
	story_ctx x = {NULL, NULL, &o, 0};
	plx_coverage_params cp;
	int status = 0;
	if ((rc = plx_analyzer_new(NULL, &x.an)) ||
	    (rc = plx_coverage_new(params(&o, &cp), &x.cov))) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		status = EXIT_FATAL;
	} else
		plx_analyzer_skip(x.an, PLX_SKIP_STORY_TERMS);
	if (!status && o.outlets &&
	    plx_analyzer_load_outlets(x.an, o.outlets)) {
		fprintf(stderr, "parallax: %s\n", plx_analyzer_errmsg(x.an));
		status = EXIT_USAGE;
	}
	if (!status) {
		rc = plx_store_story_records(st, id, story_one, &x);
		if (rc == PLX_ENOTFOUND) {
			fprintf(stderr, "parallax: %s: no story %lld\n", o.db,
				id);
			status = EXIT_FATAL;
		} else if (rc) {
			fprintf(stderr, "parallax: %s: %s\n", o.db,
				rc == PLX_EDB ? plx_store_errmsg(st)
					      : plx_strerror(rc));
			status = EXIT_FATAL;
		}
	}
	if (!status && (rc = plx_coverage_set_story(x.cov, id, NULL))) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		status = EXIT_FATAL;
	}
	if (!status)
		status = story_print(x.cov, &o);
	plx_coverage_free(x.cov);
	plx_analyzer_free(x.an);
	plx_store_close(st);
	if (!status && (fflush(stdout) != 0 || ferror(stdout))) {
		fprintf(stderr, "parallax: write error\n");
		status = EXIT_FATAL;
	}
	return status ? status : x.skipped ? EXIT_BADINPUT : 0;
}

static int compare_one(run *r, const plx_record *rec, void *ud)
{
	plx_article *art = NULL;
	int rc = plx_analyze(r->an, rec, &art);
	if (rc)
		return rc;
	return plx_coverage_add(ud, art) ? PLX_ENOMEM : 0;
}

int cmd_compare(int argc, char **argv)
{
	story_opts so;
	int rc = 0;
	int first = story_options(argc, argv, &so, &rc);
	if (first < 0)
		return rc;
	if (first >= argc) {
		fprintf(stderr, "parallax: compare needs at least one FILE\n"
				"Try 'parallax --help'.\n");
		return EXIT_USAGE;
	}
	options o;
	memset(&o, 0, sizeof o);
	o.quiet = so.quiet;
	o.outlets = so.outlets;
	o.window = -1;
	run r;
	plx_coverage *cov = NULL;
	int status = run_open(&r, &o, argv + first, argc - first);
	if (!status)
		run_skip(&r, PLX_SKIP_STORY_TERMS);
	plx_coverage_params cp;
	if (!status && (rc = plx_coverage_new(params(&so, &cp), &cov))) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		status = EXIT_FATAL;
	}
	if (!status)
		status = run_records(&r, compare_one, cov);
	if (!status)
		status = story_print(cov, &so);
	plx_coverage_free(cov);
	return run_close(&r, status);
}
