/*
 * stories_ecbplus.c: parameter sweep for the story clusterer on a labelled
 * set (ECB+).  Analyses every article once, then clusters the stream once
 * per parameter combination and prints event-level B-cubed precision,
 * recall and F1 for each input file (the same articles in different
 * orders).  bench/stories_ecbplus.py is the report; this is the tuner.
 *
 * usage: stories_ecbplus LABELS.tsv FILE.jsonl... [-- name=v1,v2,...]...
 *   names: the fields of plx_story_params (threshold, entity_weight, ...).
 * Articles that cannot be analysed (empty text) count as singletons.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parallax.h"

#define MAX_AXES 8
#define MAX_VALUES 16

typedef struct axis {
	const char *name;
	double v[MAX_VALUES];
	int n;
} axis;

static int set_param(plx_story_params *p, const char *name, double v)
{
#define F(f)                                                                   \
	if (strcmp(name, #f) == 0) {                                           \
		p->f = v;                                                      \
		return 0;                                                      \
	}
#define Z(f)                                                                   \
	if (strcmp(name, #f) == 0) {                                           \
		p->f = (size_t)v;                                              \
		return 0;                                                      \
	}
	F(threshold)
	F(window_days)
	Z(window_articles)
	F(title_boost)
	F(entity_weight)
	F(number_weight)
	Z(story_terms)
	Z(index_terms)
	Z(query_terms)
	Z(max_postings)
	Z(max_candidates)
	F(max_df)
	F(time_penalty)
	F(person_penalty)
	F(prior_docs)
	F(prior_names)
	F(time_bonus)
	F(doubtful_band)
	Z(revise_window)
	F(split_pair)
	F(split_rest)
	return -1;
#undef F
#undef Z
}

typedef struct label {
	char id[128];
	char event[64];
} label;

static label *labels;
static size_t n_labels;

static const char *event_of(const char *id)
{
	for (size_t i = 0; i < n_labels; i++)
		if (strcmp(labels[i].id, id) == 0)
			return labels[i].event;
	return NULL;
}

typedef struct stream {
	const char *path;
	plx_article **arts; /* NULL where analysis failed */
	const char **ev;    /* event label per item */
	size_t n;
} stream;

static int load(plx_analyzer *an, const char *path, stream *st)
{
	plx_reader *rd;
	if (plx_reader_new(NULL, &rd) || plx_reader_add(rd, path))
		return -1;
	st->path = path;
	st->n = 0;
	size_t cap = 2048;
	st->arts = calloc(cap, sizeof *st->arts);
	st->ev = calloc(cap, sizeof *st->ev);
	const plx_record *rec;
	int rc;
	while ((rc = plx_reader_next(rd, &rec)) != 0) {
		if (rc < 0 || !rec->id)
			continue; /* ECB+ empty texts are still records */
		if (st->n == cap)
			break;
		const char *ev = event_of(rec->id);
		if (!ev) {
			fprintf(stderr, "no label for %s\n", rec->id);
			continue;
		}
		plx_article *art = NULL;
		if (plx_analyze(an, rec, &art))
			art = NULL;
		st->arts[st->n] = art;
		st->ev[st->n] = ev;
		st->n++;
	}
	plx_reader_free(rd);
	return 0;
}

/* B-cubed over items: clusters c[], classes given as strings. */
static void bcubed(const stream *st, const size_t *c, double *p, double *r)
{
	double sp = 0, sr = 0;
	for (size_t i = 0; i < st->n; i++) {
		size_t same_c = 0, same_e = 0, both = 0;
		for (size_t j = 0; j < st->n; j++) {
			int sc = c[j] == c[i];
			int se = strcmp(st->ev[j], st->ev[i]) == 0;
			same_c += sc;
			same_e += se;
			both += sc && se;
		}
		sp += (double)both / same_c;
		sr += (double)both / same_e;
	}
	*p = sp / st->n;
	*r = sr / st->n;
}

static double run(const stream *st, const plx_story_params *sp, double *pp,
		  double *rr, size_t *n_stories)
{
	plx_stories *ss;
	*pp = *rr = 0;
	*n_stories = 0;
	if (plx_stories_new(sp, &ss))
		return -1;
	size_t *c = malloc(st->n * sizeof *c);
	size_t *at = malloc(st->n * sizeof *at); /* input number -> item */
	size_t extra = 1000000, seq = 0;
	struct timespec t0, t1, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	for (size_t i = 0; i < st->n; i++) {
		if (!st->arts[i] ||
		    plx_stories_add(ss, st->arts[i], &c[i], NULL)) {
			c[i] = extra++;
			continue;
		}
		at[seq++] = i;
		/* Revision: earlier articles moved by this one. */
		const plx_story_move *mv;
		size_t n_mv;
		plx_stories_moves(ss, &mv, &n_mv);
		for (size_t k = 0; k < n_mv; k++)
			c[at[mv[k].article]] = mv[k].to;
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* Wall and CPU time: on a shared machine the CPU time is the steadier
	 * figure. */
	printf(" [%.1f us/article wall, %.1f cpu]",
	       ((double)(t1.tv_sec - t0.tv_sec) * 1e6 +
		(double)(t1.tv_nsec - t0.tv_nsec) / 1e3) /
		       (double)st->n,
	       ((double)(c1.tv_sec - c0.tv_sec) * 1e6 +
		(double)(c1.tv_nsec - c0.tv_nsec) / 1e3) /
		       (double)st->n);
	*n_stories = plx_stories_count(ss);
	const char *dump = getenv("STORY_DUMP");
	FILE *df = dump ? fopen(dump, "w") : NULL;
	for (size_t i = 0; df && i < st->n; i++)
		fprintf(df, "%s\t%zu\t%s\n", st->ev[i], c[i],
			st->arts[i] ? plx_article_id(st->arts[i]) : "-");
	if (df)
		fclose(df);
	plx_stories_free(ss);
	bcubed(st, c, pp, rr);
	free(c);
	free(at);
	return 2 * *pp * *rr / (*pp + *rr);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s LABELS.tsv FILE.jsonl... "
				"[-- name=v1,v2...]...\n",
			argv[0]);
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	char line[512];
	size_t cap = 0;
	while (fgets(line, sizeof line, f)) {
		char id[128], topic[64], ev[64];
		if (sscanf(line, "%127s %63s %63s", id, topic, ev) != 3 ||
		    strcmp(id, "id") == 0)
			continue;
		if (n_labels == cap) {
			cap = cap ? cap * 2 : 1024;
			labels = realloc(labels, cap * sizeof *labels);
		}
		strcpy(labels[n_labels].id, id);
		strcpy(labels[n_labels].event, ev);
		n_labels++;
	}
	fclose(f);

	stream streams[8];
	size_t n_streams = 0;
	axis axes[MAX_AXES];
	int n_axes = 0;
	plx_analyzer *an;
	if (plx_analyzer_new(NULL, &an))
		return 3;
	int i = 2;
	for (; i < argc && strcmp(argv[i], "--") != 0 && n_streams < 8; i++)
		if (load(an, argv[i], &streams[n_streams++]))
			return 3;
	for (i++; i < argc && n_axes < MAX_AXES; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq)
			return 2;
		*eq = 0;
		axis *a = &axes[n_axes++];
		a->name = argv[i];
		a->n = 0;
		for (char *t = strtok(eq + 1, ","); t && a->n < MAX_VALUES;
		     t = strtok(NULL, ","))
			a->v[a->n++] = atof(t);
	}
	int idx[MAX_AXES] = {0};
	double best = -1;
	for (;;) {
		plx_story_params sp;
		plx_story_params_default(&sp);
		for (int a = 0; a < n_axes; a++) {
			if (set_param(&sp, axes[a].name, axes[a].v[idx[a]])) {
				fprintf(stderr, "unknown param %s\n",
					axes[a].name);
				return 2;
			}
			printf("%s=%g ", axes[a].name, axes[a].v[idx[a]]);
		}
		double sum = 0;
		for (size_t s = 0; s < n_streams; s++) {
			double p = 0, r = 0;
			size_t ns = 0;
			double f1 = run(&streams[s], &sp, &p, &r, &ns);
			printf(" | P %.3f R %.3f F1 %.3f (%zu)", p, r, f1, ns);
			sum += f1;
		}
		printf(" | mean %.4f\n", sum / (double)n_streams);
		if (sum / (double)n_streams > best)
			best = sum / (double)n_streams;
		int a = 0;
		for (; a < n_axes; a++) {
			if (++idx[a] < axes[a].n)
				break;
			idx[a] = 0;
		}
		if (a == n_axes)
			break;
	}
	printf("best mean F1 %.4f\n", best);
	for (size_t s = 0; s < n_streams; s++)
		for (size_t k = 0; k < streams[s].n; k++)
			plx_article_free(streams[s].arts[k]);
	plx_analyzer_free(an);
	return 0;
}
