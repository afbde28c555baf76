/*
 * feed_parse.c: feed parsing speed (bench/feed_parse.sh runs it beside
 * Python feedparser on the same files).  Reads every file once, then parses
 * them all --reps times (plx_feed_parse, and plx_feed_text on each summary
 * as feedparser sanitises and converts its content too); prints one JSON
 * line: items, the median CPU seconds of a pass and items per CPU second.
 * --dump prints each item as link<TAB>title<TAB>date<TAB>text length
 * instead, for the agreement check.
 */
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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int reps = 5, dump = 0, first = 1;
	while (first < argc && argv[first][0] == '-') {
		if (strcmp(argv[first], "--reps") == 0 && first + 1 < argc)
			reps = atoi(argv[first + 1]), first += 2;
		else if (strcmp(argv[first], "--dump") == 0)
			dump = 1, first++;
		else {
			fprintf(stderr, "usage: feed_parse [--reps N] [--dump] "
					"FILE...\n");
			return 2;
		}
	}
	int n = argc - first;
	char **buf = calloc((size_t)n + 1, sizeof *buf);
	size_t *len = calloc((size_t)n + 1, sizeof *len);
	for (int i = 0; i < n; i++) {
		FILE *f = fopen(argv[first + i], "rb");
		if (!f) {
			perror(argv[first + i]);
			return 1;
		}
		fseek(f, 0, SEEK_END);
		len[i] = (size_t)ftell(f);
		rewind(f);
		buf[i] = malloc(len[i] + 1);
		if (fread(buf[i], 1, len[i], f) != len[i])
			return 1;
		fclose(f);
	}
	double *t = calloc((size_t)(reps > 0 ? reps : 1), sizeof *t);
	size_t items = 0, failed = 0;
	for (int r = 0; r < (dump ? 1 : reps); r++) {
		items = failed = 0;
		double t0 = cpu_now();
		for (int i = 0; i < n; i++) {
			plx_feed *f = NULL;
			char msg[256];
			if (plx_feed_parse(buf[i], len[i], NULL, &f, msg,
					   sizeof msg)) {
				failed++;
				if (dump)
					fprintf(stderr, "%s: %s\n",
						argv[first + i], msg);
				continue;
			}
			items += f->n_items;
			for (size_t k = 0; k < f->n_items; k++) {
				const plx_feed_item *it = &f->items[k];
				char *txt = NULL;
				size_t tl = 0;
				if (it->summary)
					plx_feed_text(it->summary,
						      strlen(it->summary), &txt,
						      &tl);
				if (dump)
					printf("%s\t%s\t%s\t%zu\n",
					       it->link ? it->link : "",
					       it->title ? it->title : "",
					       it->date ? it->date : "", tl);
				plx_free(txt);
			}
			plx_feed_free(f);
		}
		t[r] = cpu_now() - t0;
	}
	if (!dump) {
		qsort(t, (size_t)reps, sizeof *t, cmp_double);
		double med = t[reps / 2];
		printf("{\"files\":%d,\"items\":%zu,\"failed\":%zu,\"cpu_s\":%.4f,"
		       "\"items_per_s\":%.0f}\n",
		       n, items, failed, med, med > 0 ? items / med : 0.0);
	}
	for (int i = 0; i < n; i++)
		free(buf[i]);
	free(buf);
	free(len);
	free(t);
	return 0;
}
