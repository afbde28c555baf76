/*
 * cmd_watch.c: `parallax watch`, which polls RSS/Atom feeds and OPML lists
 * and ingests new items as they appear (src/watch.c does the work; this
 * file parses options, prints events and stops on Ctrl-C).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct watch_cli {
	int quiet;
	size_t round;
} watch_cli;

static const char *KIND[] = {
	[PLX_WATCH_ITEM_STORED] = "stored",
	[PLX_WATCH_ITEM_FALLBACK] = "summary",
	[PLX_WATCH_ITEM_FAILED] = "failed",
};

/* Items go to standard output (status, feed, page, title: one TSV line);
 * feed failures and retries to standard error. */
static void on_event(const plx_watch_event *ev, void *ud)
{
	watch_cli *c = ud;
	switch (ev->kind) {
	case PLX_WATCH_FEED_RETRY:
	case PLX_WATCH_FEED_FAILED:
		if (!c->quiet)
			fprintf(stderr, "parallax: %s: %s%s\n", ev->feed,
				ev->msg,
				ev->kind == PLX_WATCH_FEED_FAILED
					? " (polled again next round)"
					: "");
		break;
	case PLX_WATCH_ITEM_STORED:
	case PLX_WATCH_ITEM_FALLBACK:
	case PLX_WATCH_ITEM_FAILED: {
		const char *k = KIND[ev->kind];
		if (ev->kind == PLX_WATCH_ITEM_STORED && ev->msg)
			k = "known";
		printf("%s\t%s\t%s\t%s\n", k, ev->feed,
		       ev->item ? ev->item : "", ev->title ? ev->title : "");
		if (ev->kind != PLX_WATCH_ITEM_STORED && !c->quiet)
			fprintf(stderr, "parallax: %s: %s: %s\n", ev->feed,
				ev->item ? ev->item : "item", ev->msg);
		fflush(stdout);
		break;
	}
	default: break;
	}
}

static int number(const char *opt, const char *arg, double *out)
{
	char *end;
	double v = strtod(arg, &end);
	if (*end || !(v >= 0) || v > 1e9)
		return usage_error(opt, arg);
	*out = v;
	return 0;
}

int cmd_watch(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"interval", required_argument, NULL, 'i'},
		{"host-interval", required_argument, NULL, 'H'},
		{"timeout", required_argument, NULL, 'T'},
		{"retries", required_argument, NULL, 'r'},
		{"once", no_argument, NULL, '1'},
		{"no-pages", no_argument, NULL, 'n'},
		{"outlets", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *db = "parallax.db", *outlets = NULL;
	int once = 0, rc;
	watch_cli c = {0, 0};
	plx_watch_params wp;
	plx_watch_params_default(&wp);
	double v = 0;
	optind = 1;
	int ch;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'i':
			if ((rc = number("bad --interval", optarg, &v)))
				return rc;
			wp.interval = v;
			break;
		case 'H':
			if ((rc = number("bad --host-interval", optarg, &v)))
				return rc;
			wp.host_interval = v;
			break;
		case 'T':
			if ((rc = number("bad --timeout", optarg, &v)) ||
			    (v <= 0 &&
			     (rc = usage_error("bad --timeout", optarg))))
				return rc;
			wp.timeout_ms = (long)(v * 1000);
			if (wp.connect_timeout_ms > wp.timeout_ms)
				wp.connect_timeout_ms = wp.timeout_ms;
			break;
		case 'r':
			if ((rc = number("bad --retries", optarg, &v)) ||
			    (v > 10 &&
			     (rc = usage_error("bad --retries", optarg))))
				return rc;
			wp.retries = (int)v;
			break;
		case '1': once = 1; break;
		case 'n': wp.fetch_pages = 0; break;
		case 'o': outlets = optarg; break;
		case 'q': c.quiet = 1; break;
		case 'h':
			printf("usage: parallax watch [--db FILE] [--interval "
			       "SECONDS] [--once] FEED_OR_OPML...\n"
			       "See parallax(1) and docs/watch.md.\n");
			return 0;
		default: return usage_error("bad option", NULL);
		}
	}
	if (optind >= argc) {
		fprintf(stderr,
			"parallax: watch needs at least one FEED_OR_OPML\n"
			"Try 'parallax --help'.\n");
		return EXIT_USAGE;
	}

	plx_analyzer *an = NULL;
	plx_ingest *g = NULL;
	plx_watch *w = NULL;
	char msg[600];
	int status = 0;
	if ((rc = plx_analyzer_new(NULL, &an))) {
		fprintf(stderr, "parallax: %s\n", plx_strerror(rc));
		return EXIT_FATAL;
	}
	if (outlets && plx_analyzer_load_outlets(an, outlets)) {
		fprintf(stderr, "parallax: %s\n", plx_analyzer_errmsg(an));
		plx_analyzer_free(an);
		return EXIT_USAGE;
	}
	if (plx_ingest_open(db, NULL, an, &g, msg, sizeof msg) ||
	    plx_watch_new(&wp, g, db, on_event, &c, &w, msg, sizeof msg)) {
		fprintf(stderr, "parallax: %s\n", msg);
		status = EXIT_FATAL;
		goto done;
	}
	for (int i = optind; i < argc; i++)
		if ((rc = plx_watch_add(w, argv[i]))) {
			fprintf(stderr, "parallax: %s: %s\n", argv[i],
				rc == PLX_EDB ? plx_watch_errmsg(w)
					      : plx_strerror(rc));
			status = EXIT_FATAL;
			goto done;
		}
	catch_signals();
	plx_watch_stats last;
	memset(&last, 0, sizeof last);
	while (!interrupted) {
		rc = plx_watch_step(w, 200);
		if (rc < 0) {
			fprintf(stderr, "parallax: %s\n", plx_watch_errmsg(w));
			status = EXIT_FATAL;
			goto done;
		}
		if (rc == 1) {
			plx_watch_stats s;
			plx_watch_stats_get(w, &s);
			if (!c.quiet)
				fprintf(stderr,
					"parallax: round %zu: %zu feeds, %zu "
					"polled (%zu not modified), %zu "
					"failed; %zu new items: %zu stored, "
					"%zu from summaries, %zu failed\n",
					++c.round, s.feeds,
					s.polls - last.polls,
					s.not_modified - last.not_modified,
					s.failures - last.failures,
					s.new_items - last.new_items,
					s.stored - last.stored,
					s.fallback - last.fallback,
					s.failed_items - last.failed_items);
			if (once) {
				if (s.failures || s.failed_items)
					status = EXIT_BADINPUT;
				break;
			}
			last = s;
		}
	}
	if (plx_watch_flush(w)) {
		fprintf(stderr, "parallax: %s\n", plx_watch_errmsg(w));
		status = EXIT_FATAL;
	} else if (interrupted) {
		fprintf(stderr, "parallax: interrupted; everything ingested so "
				"far is committed\n");
		status = 130;
	}
done:
	plx_watch_free(w);
	plx_ingest_free(g);
	plx_analyzer_free(an);
	if (fflush(stdout) != 0 && !status)
		status = EXIT_FATAL;
	return status;
}
