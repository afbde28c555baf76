/*
 * bench_analyze.c: single-article analysis throughput.  Reads every record
 * of the given paths with plx_reader into memory, then times plx_analyze +
 * plx_article_free over all of them (CLOCK_MONOTONIC, median of several
 * repetitions) on one thread, optionally on N threads over disjoint slices
 * (one analyzer each), and optionally stage by stage.
 *
 * Usage: bench_analyze [--reps N] [--threads N] [--stages] [--limit N] PATH...
 *
 * Besides the readable report it prints one "RESULT key=value ..." line per
 * measurement for bench/analyze_speed.sh to parse.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "analyzer.h"
#include "article.h"
#include "clean.h"
#include "entity.h"
#include "parallax.h"
#include "quote.h"
#include "register.h"
#include "segment.h"
#include "utf8.h"

/* Most repetitions and threads accepted: more says nothing new on a small
 * machine and only lengthens the run. */
#define MAX_REPS 50
#define MAX_THREADS 256

/* One record, owned (plx_record's strings are borrowed from the reader). */
typedef struct item {
	plx_record r;
	char *strs[7]; /* owned copies behind r's pointers */
} item;

typedef struct counts {
	size_t articles, failed, paras, sents, toks, ents, mentions, quotes;
	size_t bytes;
} counts;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU seconds of the calling thread: on a shared machine, articles per CPU
 * second is steadier than per wall second. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru))
		return -1;
	return ru.ru_maxrss; /* kilobytes on Linux */
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *dup_or_null(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *p = malloc(n + 1);
	if (p)
		memcpy(p, s, n + 1);
	return p;
}

/* ---- Reading ---------------------------------------------------------- */

static int copy_record(item *dst, const plx_record *src)
{
	memset(dst, 0, sizeof *dst);
	dst->r.line = src->line;
	const char *in[7] = {src->path,   src->id,  src->title, src->date,
			     src->source, src->url, NULL};
	const char **out[6] = {&dst->r.path,   &dst->r.id,  &dst->r.title,
			       &dst->r.date,   &dst->r.source, &dst->r.url};
	for (int i = 0; i < 6; i++) {
		if (in[i] && !(dst->strs[i] = dup_or_null(in[i])))
			return -1;
		*out[i] = dst->strs[i];
	}
	dst->strs[6] = malloc(src->text_len + 1);
	if (!dst->strs[6])
		return -1;
	if (src->text_len)
		memcpy(dst->strs[6], src->text, src->text_len);
	dst->strs[6][src->text_len] = 0;
	dst->r.text = dst->strs[6];
	dst->r.text_len = src->text_len;
	return 0;
}

static void free_records(item *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int j = 0; j < 7; j++)
			free(v[i].strs[j]);
	free(v);
}

/* Reads up to limit records (0: all) from paths; returns them, or NULL. */
static item *read_all(char **paths, int npaths, size_t limit, size_t *n_out,
		     size_t *skipped)
{
	*n_out = 0;
	plx_reader *r;
	int rc = plx_reader_new(NULL, &r);
	if (rc) {
		fprintf(stderr, "bench_analyze: %s\n", plx_strerror(rc));
		return NULL;
	}
	for (int i = 0; i < npaths; i++) {
		if ((rc = plx_reader_add(r, paths[i]))) {
			fprintf(stderr, "bench_analyze: %s: %s\n", paths[i],
				plx_strerror(rc));
			plx_reader_free(r);
			return NULL;
		}
	}
	item *v = NULL;
	size_t n = 0, cap = 0;
	const plx_record *pr;
	while (!limit || n < limit) {
		rc = plx_reader_next(r, &pr);
		if (rc == 0)
			break;
		if (rc < 0) {
			fprintf(stderr, "bench_analyze: skipped: %s\n",
				plx_reader_errmsg(r));
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			item *nv = realloc(v, cap * sizeof *v);
			if (!nv)
				goto oom;
			v = nv;
		}
		if (copy_record(&v[n], pr)) {
			n++;
			goto oom;
		}
		n++;
	}
	*skipped = plx_reader_skipped(r);
	plx_reader_free(r);
	*n_out = n;
	return v;
oom:
	fprintf(stderr, "bench_analyze: out of memory reading records\n");
	plx_reader_free(r);
	free_records(v, n);
	return NULL;
}

/* ---- Whole analysis --------------------------------------------------- */

static void count_article(counts *c, const plx_article *a)
{
	size_t n;
	c->articles++;
	plx_article_paragraphs(a, &n);
	c->paras += n;
	plx_article_sentences(a, &n);
	c->sents += n;
	plx_article_tokens(a, &n);
	c->toks += n;
	const plx_entity *e = plx_article_entities(a, &n);
	c->ents += n;
	for (size_t i = 0; i < n; i++)
		c->mentions += e[i].n_mentions;
	plx_article_quotes(a, &n);
	c->quotes += n;
}

/* Analyses v[0..n) once; counts into c when c is not NULL (the counting
 * is outside the timed path only in that it reads a few fields). */
static int analyze_slice(plx_analyzer *an, const item *v, size_t n, counts *c)
{
	for (size_t i = 0; i < n; i++) {
		plx_article *a;
		int rc = plx_analyze(an, &v[i].r, &a);
		if (rc) {
			if (rc == PLX_ENOMEM)
				return rc;
			if (c)
				c->failed++;
			continue;
		}
		if (c)
			count_article(c, a);
		plx_article_free(a);
	}
	return PLX_OK;
}

typedef struct job {
	const item *v;
	size_t n;
	int reps;
	pthread_barrier_t *start;
	int rc;
	double secs; /* this thread's median over reps */
	double cpu;  /* its CPU seconds, median over reps */
} job;

static void *thread_main(void *arg)
{
	job *j = arg;
	plx_analyzer *an;
	j->rc = plx_analyzer_new(NULL, &an);
	pthread_barrier_wait(j->start);
	if (j->rc)
		return NULL;
	plx_analyzer_skip(an, PLX_SKIP_STORY_TERMS); /* the story engine's */
	double t[MAX_REPS], c[MAX_REPS];
	for (int r = 0; r < j->reps; r++) {
		double t0 = now(), c0 = cpu_now();
		if ((j->rc = analyze_slice(an, j->v, j->n, NULL)))
			break;
		t[r] = now() - t0;
		c[r] = cpu_now() - c0;
	}
	plx_analyzer_free(an);
	if (!j->rc) {
		j->secs = median(t, j->reps);
		j->cpu = median(c, j->reps);
	}
	return NULL;
}

/* Runs nt threads on disjoint slices, each repeating reps times; returns
 * the wall time of the whole run divided by reps (all threads start
 * together), or a negative value on failure. */
static double run_threads(const item *v, size_t n, int nt, int reps,
			  double *slowest, double *cpu)
{
	pthread_t tid[MAX_THREADS];
	job jobs[MAX_THREADS];
	pthread_barrier_t bar;
	pthread_barrier_init(&bar, NULL, (unsigned)nt + 1);
	size_t per = n / (size_t)nt, extra = n % (size_t)nt, off = 0;
	for (int i = 0; i < nt; i++) {
		size_t len = per + ((size_t)i < extra);
		jobs[i] = (job){v + off, len, reps, &bar, 0, 0, 0};
		off += len;
		if (pthread_create(&tid[i], NULL, thread_main, &jobs[i])) {
			fprintf(stderr, "bench_analyze: cannot start thread\n");
			exit(1);
		}
	}
	pthread_barrier_wait(&bar);
	double t0 = now();
	for (int i = 0; i < nt; i++)
		pthread_join(tid[i], NULL);
	double wall = (now() - t0) / reps;
	pthread_barrier_destroy(&bar);
	*slowest = *cpu = 0;
	for (int i = 0; i < nt; i++) {
		if (jobs[i].rc) {
			fprintf(stderr, "bench_analyze: thread %d: %s\n", i,
				plx_strerror(jobs[i].rc));
			return -1;
		}
		if (jobs[i].secs > *slowest)
			*slowest = jobs[i].secs;
		*cpu += jobs[i].cpu;
	}
	return wall;
}

/* ---- Stage by stage --------------------------------------------------- */

enum { ST_PREP, ST_CLEAN, ST_SEGMENT, ST_ENTITY, ST_QUOTE, ST_REGISTER, ST_FREE,
       ST_N };
static const char *const STAGE_NAMES[ST_N] = {
	"prepare", "clean", "segment", "entity", "quote", "register", "free"};

static char *arena_copy(plx_article *art, const char *s)
{
	return s ? plx_arena_strndup(&art->arena, s, strlen(s)) : NULL;
}

/* What plx_analyze does, with each stage timed into t[] in CPU seconds of
 * the thread (steady on a shared machine; each clock read costs about
 * 0.1-0.3 us, a few percent of an article).  The preparation
 * (UTF-8 repair and metadata copies) follows plx_analyze's, without the
 * trimming of metadata. */
static int analyze_staged(plx_analyzer *an, const plx_record *rec,
			  double t[ST_N])
{
	double t0 = cpu_now(), t1;
	plx_article *art = plx_calloc(1, sizeof *art);
	if (!art)
		return PLX_ENOMEM;
	plx_arena_init(&art->arena);
	art->limits = &an->limits;
	art->title_para = PLX_NONE;
	plx_buf b;
	plx_buf_init(&b);
	plx_utf8_repair(&b, rec->text ? rec->text : "", rec->text_len);
	int rc = b.rc;
	if (!rc) {
		art->len = b.len;
		art->text = plx_arena_strndup(&art->arena, b.data ? b.data : "",
					      b.len);
		art->id = arena_copy(art, rec->id);
		art->path = arena_copy(art, rec->path);
		art->title = arena_copy(art, rec->title);
		art->source = arena_copy(art, rec->source);
		art->date = arena_copy(art, rec->date);
		art->url = arena_copy(art, rec->url);
		if (!art->text)
			rc = PLX_ENOMEM;
	}
	plx_buf_free(&b);
#define STAGE(i, call)                 \
	if (!rc) {                     \
		rc = (call);           \
		t1 = cpu_now();        \
		t[i] += t1 - t0;       \
		t0 = t1;               \
	}
	t1 = cpu_now();
	t[ST_PREP] += t1 - t0;
	t0 = t1;
	STAGE(ST_CLEAN, plx_clean(an, art))
	STAGE(ST_SEGMENT, plx_segment(an, art))
	STAGE(ST_ENTITY, plx_entity_find(an, art))
	STAGE(ST_QUOTE, plx_quote_find(an, art))
	STAGE(ST_REGISTER, plx_register_classify(an, art))
#undef STAGE
	plx_article_free(art);
	t[ST_FREE] += cpu_now() - t0;
	return rc;
}

static int run_stages(const item *v, size_t n, int reps, double total_median)
{
	plx_analyzer *an;
	int rc = plx_analyzer_new(NULL, &an);
	if (rc)
		return rc;
	plx_analyzer_skip(an, PLX_SKIP_STORY_TERMS);
	double per[ST_N][MAX_REPS];
	for (int r = 0; r < reps; r++) {
		double t[ST_N] = {0};
		for (size_t i = 0; i < n; i++) {
			rc = analyze_staged(an, &v[i].r, t);
			if (rc == PLX_ENOMEM)
				goto out;
		}
		for (int s = 0; s < ST_N; s++)
			per[s][r] = t[s];
	}
	rc = PLX_OK;
	/* Each stage's interval holds about one clock read: take its cost
	 * off. */
	double c0 = cpu_now();
	for (int i = 0; i < 10000; i++)
		cpu_now();
	double clock_cost = (cpu_now() - c0) / 10001;
	double sum = 0, med[ST_N];
	for (int s = 0; s < ST_N; s++) {
		med[s] = median(per[s], reps) - clock_cost * (double)n;
		if (med[s] < 0)
			med[s] = 0;
		sum += med[s];
	}
	printf("\nstages (one thread, median of %d, thread CPU time read "
	       "around each stage, less %.2f us a read):\n",
	       reps, 1e6 * clock_cost);
	printf("  %-9s %9s %7s %12s\n", "stage", "seconds", "share",
	       "us/article");
	for (int s = 0; s < ST_N; s++) {
		printf("  %-9s %9.3f %6.1f%% %12.2f\n", STAGE_NAMES[s], med[s],
		       sum > 0 ? 100 * med[s] / sum : 0,
		       n ? 1e6 * med[s] / (double)n : 0);
		printf("RESULT stage=%s secs=%.6f share=%.4f\n", STAGE_NAMES[s],
		       med[s], sum > 0 ? med[s] / sum : 0);
	}
	printf("  %-9s %9.3f          (whole plx_analyze run: %.3f CPU s)\n",
	       "sum", sum, total_median);
out:
	plx_analyzer_free(an);
	return rc;
}

/* ---- Main ------------------------------------------------------------- */

static void usage(void)
{
	fprintf(stderr,
		"usage: bench_analyze [--reps N] [--threads N] [--stages] "
		"[--limit N] PATH...\n"
		"  --reps N     timed repetitions, median reported (default 5)\n"
		"  --threads N  also run N analyzers on disjoint slices\n"
		"  --stages     also time each pipeline stage\n"
		"  --limit N    read only the first N records\n");
	exit(2);
}

static long arg_num(const char *s, long lo, long hi)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi) {
		fprintf(stderr, "bench_analyze: bad number '%s' (%ld..%ld)\n",
			s, lo, hi);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	int reps = 5, threads = 0, stages = 0, npaths = 0;
	size_t limit = 0;
	char **paths = calloc((size_t)argc, sizeof *paths);
	if (!paths)
		return 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--reps") && i + 1 < argc)
			reps = (int)arg_num(argv[++i], 1, MAX_REPS);
		else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
			threads = (int)arg_num(argv[++i], 1, MAX_THREADS);
		else if (!strcmp(argv[i], "--limit") && i + 1 < argc)
			limit = (size_t)arg_num(argv[++i], 1, 1L << 40);
		else if (!strcmp(argv[i], "--stages"))
			stages = 1;
		else if (argv[i][0] == '-' && argv[i][1])
			usage();
		else
			paths[npaths++] = argv[i];
	}
	if (!npaths)
		usage();

	double t0 = now();
	size_t n, skipped = 0;
	item *v = read_all(paths, npaths, limit, &n, &skipped);
	double read_secs = now() - t0;
	if (!n) {
		fprintf(stderr,
			"bench_analyze: no records read (is plx_reader "
			"implemented for this input?)\n");
		free(paths);
		free_records(v, 0);
		return 1;
	}
	size_t bytes = 0;
	for (size_t i = 0; i < n; i++)
		bytes += v[i].r.text_len;
	long rss_loaded = peak_rss_kb();
	double mb = (double)bytes / 1e6;
	printf("input: %zu records (%zu skipped), %.2f MB of text\n", n,
	       skipped, mb);
	printf("read:  %.3f s (%.0f records/s, %.1f MB/s) with plx_reader, "
	       "copied to memory\n",
	       read_secs, (double)n / read_secs, mb / read_secs);
	printf("RESULT phase=read records=%zu bytes=%zu secs=%.6f\n", n, bytes,
	       read_secs);

	/* Counting pass (also warms caches and the allocator). */
	plx_analyzer *an;
	int rc = plx_analyzer_new(NULL, &an);
	if (rc) {
		fprintf(stderr, "bench_analyze: %s\n", plx_strerror(rc));
		return 1;
	}
	plx_analyzer_skip(an, PLX_SKIP_STORY_TERMS);
	counts c = {0};
	if ((rc = analyze_slice(an, v, n, &c))) {
		fprintf(stderr, "bench_analyze: %s\n", plx_strerror(rc));
		return 1;
	}
	c.bytes = bytes;

	double t[MAX_REPS], cpu[MAX_REPS];
	for (int r = 0; r < reps; r++) {
		double s0 = now(), c0 = cpu_now();
		if ((rc = analyze_slice(an, v, n, NULL))) {
			fprintf(stderr, "bench_analyze: %s\n",
				plx_strerror(rc));
			return 1;
		}
		t[r] = now() - s0;
		cpu[r] = cpu_now() - c0;
	}
	double tmin = t[0], tmax = t[0];
	for (int r = 1; r < reps; r++) {
		tmin = t[r] < tmin ? t[r] : tmin;
		tmax = t[r] > tmax ? t[r] : tmax;
	}
	double med = median(t, reps), cmed = median(cpu, reps);
	plx_analyzer_free(an);

	printf("work:  %zu articles analysed (%zu failed: empty or invalid), "
	       "%zu paragraphs, %zu sentences, %zu tokens, %zu entities "
	       "(%zu mentions), %zu quotes\n",
	       c.articles, c.failed, c.paras, c.sents, c.toks, c.ents,
	       c.mentions, c.quotes);
	printf("analyse, 1 thread: median %.3f s of %d (min %.3f, max %.3f): "
	       "%.0f articles/s, %.2f MB/s, %.1f us/article\n",
	       med, reps, tmin, tmax, (double)n / med, mb / med,
	       1e6 * med / (double)n);
	printf("                   CPU time: median %.3f s: %.0f articles per "
	       "CPU second, %.2f MB per CPU second\n",
	       cmed, (double)n / cmed, mb / cmed);
	printf("RESULT phase=analyze threads=1 articles=%zu failed=%zu "
	       "bytes=%zu secs=%.6f cpu_secs=%.6f art_per_s=%.1f "
	       "art_per_cpu_s=%.1f mb_per_s=%.3f paras=%zu "
	       "sentences=%zu tokens=%zu entities=%zu mentions=%zu "
	       "quotes=%zu\n",
	       n, c.failed, bytes, med, cmed, (double)n / med,
	       (double)n / cmed, mb / med, c.paras,
	       c.sents, c.toks, c.ents, c.mentions, c.quotes);

	if (threads > 1) {
		double slowest, tcpu;
		double wall =
			run_threads(v, n, threads, reps, &slowest, &tcpu);
		if (wall < 0)
			return 1;
		printf("analyse, %d threads: %.3f s per pass (wall; slowest "
		       "thread median %.3f): %.0f articles/s, %.2f MB/s, "
		       "%.2fx one thread\n",
		       threads, wall, slowest, (double)n / wall, mb / wall,
		       med / wall);
		printf("                   CPU time: %.3f s over all threads: "
		       "%.0f articles per CPU second (%.2fx the one-thread "
		       "cost per article)\n",
		       tcpu, (double)n / tcpu, tcpu / cmed);
		printf("RESULT phase=analyze threads=%d secs=%.6f cpu_secs=%.6f "
		       "art_per_s=%.1f art_per_cpu_s=%.1f mb_per_s=%.3f "
		       "speedup=%.3f\n",
		       threads, wall, tcpu, (double)n / wall, (double)n / tcpu,
		       mb / wall, med / wall);
	}
	if (stages && run_stages(v, n, reps < 3 ? reps : 3, cmed)) {
		fprintf(stderr, "bench_analyze: stages: out of memory\n");
		return 1;
	}
	long rss = peak_rss_kb();
	printf("peak RSS: %.1f MB (%.1f MB after reading)\n", rss / 1024.0,
	       rss_loaded / 1024.0);
	printf("RESULT phase=memory peak_rss_kb=%ld loaded_rss_kb=%ld\n", rss,
	       rss_loaded);
	free_records(v, n);
	free(paths);
	return 0;
}
