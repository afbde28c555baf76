/*
 * cli.h: what the parallax command's files share.  tools/parallax.c holds
 * main, the option parser and the record loop; each further command lives
 * in a tools/cmd_NAME.c of its own and is dispatched from main.
 */
#ifndef PLX_CLI_H
#define PLX_CLI_H

#include <signal.h>
#include <stdio.h>

#include "parallax.h"

enum { EXIT_BADINPUT = 1, EXIT_USAGE = 2, EXIT_FATAL = 3 };

typedef struct options {
	int json;
	int quiet;
	const char *outlets;
	double threshold; /* dedup, cluster; 0 when not given */
	double window;    /* cluster: days; -1 when not given */
	const char *db;   /* ingest, stories: database path */
	size_t batch;     /* ingest: articles per transaction; 0: default */
	size_t cache_mib; /* ingest: SQLite page cache; 0: default */
	int recent;       /* stories: sort by recency instead of size */
	size_t limit;     /* stories: at most this many; 0: all */
	unsigned threads; /* analysis threads (--threads); 0: the CPUs */
} options;

/* Set by SIGINT/SIGTERM once catch_signals has run: loops stop, and ingest
 * commits what it has. */
extern volatile sig_atomic_t interrupted;
void catch_signals(void);

/* Prints "parallax: msg: arg" and the help hint; returns EXIT_USAGE. */
int usage_error(const char *msg, const char *arg);

/* Parses the options common to the reading commands; returns the index of
 * the first path, or -1 after printing a usage error (*rc set). */
int parse_options(int argc, char **argv, options *o, int *rc);

/* --threshold X: 0 < X <= 1 into *out, or -1 after a usage error (*rc). */
int parse_threshold(const char *arg, double *out, int *rc);

/* Same, and at least one PATH is required. */
int parse_paths(int argc, char **argv, options *o, const char *cmd, int *rc);

/* Writes s as a JSON string ("null" for NULL). */
void json_str(FILE *f, const char *s);

/* The record loop every reading command shares: an analyzer and a reader
 * over the command's paths; bad input is reported and counted; the
 * command's function gets each good record. */
typedef struct run {
	const options *o;
	plx_analyzer *an;
	plx_reader *rd;
	size_t done;        /* records the command handled */
	size_t skipped;     /* bad records and files */
	int progress;       /* a progress line is on standard error: clear it
			       before a message */
	plx_analyzer **ans; /* one per analysis thread; ans[0] == an */
	unsigned n_an;
	int art_taken; /* set by an article_fn that took over art */
} run;

/* What a command does with one record: 0 when done, a negative status for
 * a bad record (reported and skipped; PLX_ENOMEM is fatal), or a positive
 * exit status when it failed fatally and said why. */
typedef int (*record_fn)(run *r, const plx_record *rec, void *ud);

/* Sets up the analyzer and the reader; returns 0 or an exit status. */
int run_open(run *r, const options *o, char **paths, int n);

/* Makes every analyzer of r skip the stages in skip (PLX_SKIP_*): what
 * the command does not read. */
void run_skip(run *r, unsigned skip);

/* Feeds every record to fn; returns 0 or a fatal exit status. */
int run_records(run *r, record_fn fn, void *ud);

/* What a command does with one analysed record (run_articles): art is
 * NULL and status the analysis's error when it failed (return status to
 * skip the record); otherwise as record_fn.  art is borrowed, unless fn
 * sets r->art_taken: then it is fn's to free. */
typedef int (*article_fn)(run *r, const plx_record *rec, const plx_article *art,
			  int status, void *ud);

/* Feeds every record, analysed by o->threads threads (plx_pipe), to fn in
 * input order; returns 0 or a fatal exit status. */
int run_articles(run *r, article_fn fn, void *ud);

/* Reports a skipped input on standard error (unless quiet) and counts it. */
void skip_msg(run *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Flushes the output, reports what was skipped and frees; returns the
 * exit status (status when it is already an error). */
int run_close(run *r, int status);

/* compare --score (tools/cmd_score.c): pair similarity. */
int cmd_score(int argc, char **argv);
/* story and compare: coverage reports (tools/cmd_story.c). */
int cmd_story(int argc, char **argv);
int cmd_compare(int argc, char **argv);

/* watch (tools/cmd_watch.c): poll feeds and ingest new items. */
int cmd_watch(int argc, char **argv);

#endif
