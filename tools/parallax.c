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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parallax.h"

enum { EXIT_BADINPUT = 1, EXIT_USAGE = 2, EXIT_FATAL = 3 };

static const char USAGE[] =
	"usage: parallax COMMAND [OPTIONS] [PATH...]\n"
	"\n"
	"Commands:\n"
	"  analyze [--format text|json] [--outlets FILE] PATH...\n"
	"      Clean and analyse each article: paragraphs and their kind\n"
	"      (body, title, masthead, caption, related, credit, other),\n"
	"      register (reporting or opinion), entities, quotes and "
	"speakers.\n"
	"  dedup [--format text|json] [--threshold X] PATH...\n"
	"      Find exact and near-duplicate articles (estimated Jaccard\n"
	"      similarity of 4-word shingles >= X, default 0.8), which one\n"
	"      copies which, and paragraphs reused from other articles.\n"
	"\n"
	"PATH is a text file (one article), a JSON Lines file (one article a\n"
	"line), either gzip-compressed, a directory (read recursively), or -\n"
	"for standard input.\n"
	"\n"
	"Options:\n"
	"  -f, --format FMT   output format: text (default) or json (JSON "
	"Lines)\n"
	"  -t, --threshold X  dedup: similarity threshold in (0,1]\n"
	"      --outlets FILE add outlets (Name<TAB>domain<TAB>alias... "
	"lines)\n"
	"  -q, --quiet        do not report skipped input on standard error\n"
	"  -h, --help         show this help\n"
	"  -V, --version      show the version\n"
	"\n"
	"Exit status: 0 success, 1 some input was skipped as bad, 2 usage\n"
	"error, 3 fatal error.  See parallax(1).\n";

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "parallax: %s%s%s\n", msg, arg ? ": " : "",
		arg ? arg : "");
	fprintf(stderr, "Try 'parallax --help'.\n");
	return EXIT_USAGE;
}

typedef struct options {
	int json;
	int quiet;
	const char *outlets;
	double threshold; /* dedup; 0 when not given */
} options;

/* Parses the options common to every command; returns the index of the
 * first path, or -1 after printing a usage error (*rc set). */
static int parse_options(int argc, char **argv, options *o, int *rc)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"outlets", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"threshold", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	memset(o, 0, sizeof *o);
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "f:qt:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				o->json = 1;
			else if (strcmp(optarg, "text") == 0)
				o->json = 0;
			else {
				*rc = usage_error("unknown format", optarg);
				return -1;
			}
			break;
		case 'o': o->outlets = optarg; break;
		case 'q': o->quiet = 1; break;
		case 't': {
			char *end;
			o->threshold = strtod(optarg, &end);
			if (*end || !(o->threshold > 0 && o->threshold <= 1)) {
				*rc = usage_error("bad threshold", optarg);
				return -1;
			}
			break;
		}
		case 'h':
			fputs(USAGE, stdout);
			*rc = 0;
			return -1;
		default: *rc = usage_error("bad option", NULL); return -1;
		}
	}
	return optind;
}

static int cmd_analyze(int argc, char **argv)
{
	options o;
	int rc = 0;
	int first = parse_options(argc, argv, &o, &rc);
	if (first < 0)
		return rc;
	if (first >= argc)
		return usage_error("analyze needs at least one PATH", NULL);

	plx_analyzer *an = NULL;
	plx_reader *rd = NULL;
	if ((rc = plx_analyzer_new(NULL, &an)) ||
	    (rc = plx_reader_new(NULL, &rd))) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		plx_analyzer_free(an);
		return EXIT_FATAL;
	}
	int status = 0;
	if (o.outlets && plx_analyzer_load_outlets(an, o.outlets)) {
		fprintf(stderr, "parallax: %s\n", plx_analyzer_errmsg(an));
		status = EXIT_USAGE;
		goto out;
	}
	for (int i = first; i < argc; i++)
		if ((rc = plx_reader_add(rd, argv[i]))) {
			fprintf(stderr, "parallax: %s: %s\n", argv[i],
				plx_strerror(rc));
			status = EXIT_FATAL;
			goto out;
		}

	int colour = !o.json && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	size_t skipped = 0, done = 0;
	const plx_record *rec;
	for (;;) {
		rc = plx_reader_next(rd, &rec);
		if (rc == 0)
			break;
		if (rc < 0) {
			if (rc == PLX_ENOMEM) {
				fprintf(stderr, "parallax: %s\n",
					plx_strerror(rc));
				status = EXIT_FATAL;
				goto out;
			}
			if (!o.quiet)
				fprintf(stderr, "parallax: %s (skipped)\n",
					plx_reader_errmsg(rd));
			skipped++;
			continue;
		}
		plx_article *art = NULL;
		rc = plx_analyze(an, rec, &art);
		if (rc) {
			if (rc == PLX_ENOMEM) {
				fprintf(stderr, "parallax: %s\n",
					plx_strerror(rc));
				status = EXIT_FATAL;
				goto out;
			}
			if (!o.quiet) {
				if (rec->line)
					fprintf(stderr,
						"parallax: %s:%zu: %s "
						"(skipped)\n",
						rec->path, rec->line,
						plx_strerror(rc));
				else
					fprintf(stderr,
						"parallax: %s: %s (skipped)\n",
						rec->path, plx_strerror(rc));
			}
			skipped++;
			continue;
		}
		char *s = NULL;
		size_t len = 0;
		rc = o.json ? plx_article_json(art, &s, &len)
			    : plx_article_report(art, colour, &s, &len);
		plx_article_free(art);
		if (rc) {
			fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
			status = EXIT_FATAL;
			goto out;
		}
		if (!o.json && done)
			fputc('\n', stdout);
		fwrite(s, 1, len, stdout);
		if (o.json)
			fputc('\n', stdout);
		plx_free(s);
		done++;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "parallax: write error: %s\n", strerror(errno));
		status = EXIT_FATAL;
		goto out;
	}
	if (skipped) {
		if (!o.quiet)
			fprintf(stderr,
				"parallax: %zu article%s, %zu skipped\n", done,
				done == 1 ? "" : "s", skipped);
		status = EXIT_BADINPUT;
	}
out:
	plx_reader_free(rd);
	plx_analyzer_free(an);
	return status;
}

/* dedup: every article goes through the deduplicator; the report of groups
 * and reused paragraphs is printed at the end. */
static int cmd_dedup(int argc, char **argv)
{
	options o;
	int rc = 0;
	int first = parse_options(argc, argv, &o, &rc);
	if (first < 0)
		return rc;
	if (first >= argc)
		return usage_error("dedup needs at least one PATH", NULL);

	plx_dedup_params dp;
	plx_dedup_params_default(&dp);
	if (o.threshold > 0)
		dp.threshold = o.threshold;
	plx_analyzer *an = NULL;
	plx_reader *rd = NULL;
	plx_dedup *dd = NULL;
	if ((rc = plx_analyzer_new(NULL, &an)) ||
	    (rc = plx_reader_new(NULL, &rd)) ||
	    (rc = plx_dedup_new(&dp, &dd))) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		plx_reader_free(rd);
		plx_analyzer_free(an);
		return EXIT_FATAL;
	}
	int status = 0;
	if (o.outlets && plx_analyzer_load_outlets(an, o.outlets)) {
		fprintf(stderr, "parallax: %s\n", plx_analyzer_errmsg(an));
		status = EXIT_USAGE;
		goto out;
	}
	for (int i = first; i < argc; i++)
		if ((rc = plx_reader_add(rd, argv[i]))) {
			fprintf(stderr, "parallax: %s: %s\n", argv[i],
				plx_strerror(rc));
			status = EXIT_FATAL;
			goto out;
		}
	size_t skipped = 0;
	const plx_record *rec;
	while ((rc = plx_reader_next(rd, &rec)) != 0) {
		int from_reader = rc < 0;
		plx_article *art = NULL;
		const plx_dedup_result *res;
		if (rc > 0 && (rc = plx_analyze(an, rec, &art)) == 0) {
			rc = plx_dedup_add(dd, art, &res);
			plx_article_free(art);
			if (rc == 0)
				continue;
			rc = PLX_ENOMEM; /* any failure here is fatal */
		}
		if (rc == PLX_ENOMEM) {
			fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
			status = EXIT_FATAL;
			goto out;
		}
		if (!o.quiet && from_reader)
			fprintf(stderr, "parallax: %s (skipped)\n",
				plx_reader_errmsg(rd));
		else if (!o.quiet)
			fprintf(stderr, "parallax: %s:%zu: %s (skipped)\n",
				rec->path, rec->line, plx_strerror(rc));
		skipped++;
	}
	char *s = NULL;
	size_t len = 0;
	if ((rc = plx_dedup_report(dd, o.json, &s, &len))) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		status = EXIT_FATAL;
		goto out;
	}
	fwrite(s, 1, len, stdout);
	plx_free(s);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "parallax: write error: %s\n", strerror(errno));
		status = EXIT_FATAL;
		goto out;
	}
	if (skipped) {
		if (!o.quiet)
			fprintf(stderr, "parallax: %zu skipped\n", skipped);
		status = EXIT_BADINPUT;
	}
out:
	plx_dedup_free(dd);
	plx_reader_free(rd);
	plx_analyzer_free(an);
	return status;
}

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
	if (strcmp(cmd, "analyze") == 0)
		return cmd_analyze(argc - 1, argv + 1);
	if (strcmp(cmd, "dedup") == 0)
		return cmd_dedup(argc - 1, argv + 1);
	return usage_error("unknown command", cmd);
}
