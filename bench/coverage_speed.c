/*
 * coverage_speed.c: how fast a story report is built, and how the cost of
 * fact alignment grows with the number of sentences.  Reads real articles
 * (ECB+ by default), analyses them once (timed apart), then for each size
 * N builds and renders (JSON) the report of the first N articles taken as
 * one story, median of --reps runs, and prints the sentences aligned, the
 * candidate pairs scored, the CPU time and the time per n log2 n.  With
 * --dump DIR it also writes, per size, the sentences the alignment sees
 * (one "article<TAB>sentence" line each) for the peer in
 * coverage_speed.py.
 *
 * usage: coverage_speed [--sizes 25,50,...] [--reps N] [--dump DIR] FILE
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parallax.h"

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

typedef struct rec {
	plx_record r;
	char *buf[7];
} rec;

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Writes the sentences of reporting body paragraphs (what the alignment
 * sees, before its quotation filter) of the first n articles. */
static void dump(plx_article **arts, size_t n, const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/coverage_sents_%zu.tsv", dir, n);
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	for (size_t i = 0; i < n; i++) {
		size_t np, ns, tl;
		const plx_paragraph *ps = plx_article_paragraphs(arts[i], &np);
		const plx_sentence *ss = plx_article_sentences(arts[i], &ns);
		const char *t = plx_article_text(arts[i], &tl);
		for (size_t s = 0; s < ns; s++) {
			const plx_paragraph *p = &ps[ss[s].paragraph];
			if (p->kind != PLX_PARA_BODY ||
			    p->reg != PLX_REG_REPORTING)
				continue;
			fprintf(f, "%zu\t", i);
			for (size_t k = ss[s].start; k < ss[s].end; k++)
				fputc(t[k] == '\n' || t[k] == '\t' ? ' ' : t[k],
				      f);
			fputc('\n', f);
		}
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	const char *sizes = "25,50,100,200,400,800";
	const char *dumpdir = NULL;
	int reps = 5;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--sizes") == 0 && i + 1 < argc)
			sizes = argv[++i];
		else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
			dumpdir = argv[++i];
		else
			path = argv[i];
	}
	if (!path || reps < 1) {
		fprintf(stderr, "usage: coverage_speed [--sizes 25,50,...] "
				"[--reps N] [--dump DIR] FILE\n");
		return 2;
	}
	plx_reader *rd = NULL;
	plx_analyzer *an = NULL;
	if (plx_reader_new(NULL, &rd) || plx_reader_add(rd, path) ||
	    plx_analyzer_new(NULL, &an))
		return 3;
	plx_analyzer_skip(an, PLX_SKIP_STORY_TERMS);
	/* records kept in memory: each run re-analyses nothing, but the
	 * report owns its articles, so each run analyses afresh from these */
	rec *recs = NULL;
	size_t n = 0, cap = 0;
	const plx_record *r;
	int rc;
	while ((rc = plx_reader_next(rd, &r)) != 0) {
		if (rc < 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			recs = realloc(recs, cap * sizeof *recs);
		}
		rec *x = &recs[n++];
		memset(x, 0, sizeof *x);
		x->r = *r;
		x->r.id = x->buf[0] = dup(r->id);
		x->r.title = x->buf[1] = dup(r->title);
		x->r.date = x->buf[2] = dup(r->date);
		x->r.source = x->buf[3] = dup(r->source);
		x->r.url = x->buf[4] = dup(r->url);
		x->r.path = x->buf[5] = dup(r->path);
		x->buf[6] = malloc(r->text_len + 1);
		memcpy(x->buf[6], r->text, r->text_len);
		x->buf[6][r->text_len] = 0;
		x->r.text = x->buf[6];
	}
	plx_reader_free(rd);
	printf("input: %s, %zu articles\n", path, n);
	printf("%8s %10s %10s %12s %12s %12s %14s %12s\n", "articles",
	       "sentences", "pairs", "analyse_ms", "build_ms", "render_ms",
	       "ns/(n log2 n)", "wall_ms");
	char *list = strdup(sizes);
	for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		size_t k = (size_t)atol(tok);
		if (k > n)
			k = n;
		double *tb = calloc((size_t)reps, sizeof *tb);
		double *tr = calloc((size_t)reps, sizeof *tr);
		double *ta = calloc((size_t)reps, sizeof *ta);
		double *tw = calloc((size_t)reps, sizeof *tw);
		size_t units = 0, pairs = 0;
		for (int rep = 0; rep < reps; rep++) {
			plx_article **arts = calloc(k + 1, sizeof *arts);
			double a0 = cpu_now();
			for (size_t i = 0; i < k; i++)
				plx_analyze(an, &recs[i].r, &arts[i]);
			ta[rep] = cpu_now() - a0;
			if (dumpdir && rep == 0)
				dump(arts, k, dumpdir);
			plx_coverage *c = NULL;
			plx_coverage_new(NULL, &c);
			for (size_t i = 0; i < k; i++)
				if (arts[i])
					plx_coverage_add(c, arts[i]);
			double w0 = wall_now(), c0 = cpu_now();
			if (plx_coverage_build(c) != PLX_OK)
				return 3;
			double c1 = cpu_now();
			char *s = NULL;
			size_t len;
			plx_coverage_render(c, PLX_FMT_JSON, NULL, &s, &len);
			tr[rep] = cpu_now() - c1;
			tb[rep] = c1 - c0;
			tw[rep] = wall_now() - w0;
			/* the stats are in the JSON's tail */
			const char *st = s ? strstr(s, "\"stats\":") : NULL;
			if (st)
				sscanf(st,
				       "\"stats\":{\"sentences_aligned\":%zu,"
				       "\"pairs_scored\":%zu",
				       &units, &pairs);
			plx_free(s);
			plx_coverage_free(c);
			free(arts);
		}
		qsort(tb, (size_t)reps, sizeof *tb, cmp_d);
		qsort(tr, (size_t)reps, sizeof *tr, cmp_d);
		qsort(ta, (size_t)reps, sizeof *ta, cmp_d);
		qsort(tw, (size_t)reps, sizeof *tw, cmp_d);
		double b = tb[reps / 2];
		double nl = units > 1 ? (double)units * log2((double)units)
				      : 1;
		printf("%8zu %10zu %10zu %12.1f %12.1f %12.1f %14.1f %12.1f\n",
		       k, units, pairs, ta[reps / 2] * 1e3, b * 1e3,
		       tr[reps / 2] * 1e3, b * 1e9 / nl, tw[reps / 2] * 1e3);
		fflush(stdout);
		free(tb);
		free(tr);
		free(ta);
		free(tw);
	}
	free(list);
	for (size_t i = 0; i < n; i++)
		for (int j = 0; j < 7; j++)
			free(recs[i].buf[j]);
	free(recs);
	plx_analyzer_free(an);
	return 0;
}
