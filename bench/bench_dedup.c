/*
 * bench_dedup.c: the parallax side of bench/dedup_reuters.py.  Reads a JSON
 * Lines file, analyses every article, feeds it to plx_dedup and writes what
 * the peers need to OUTDIR: shingles.bin (per article: uint32 count, then
 * its distinct shingle hashes as uint64, ascending), pairs.tsv (one line
 * "i<TAB>j<TAB>score" per reported near-duplicate, i < j) and stats.json
 * (timings and memory).
 *
 * usage: bench_dedup FILE.jsonl OUTDIR
 * (PLX_BENCH_WINDOW_DAYS, PLX_BENCH_WINDOW_ARTICLES: the dedup window)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article.h"
#include "dedup.h"
#include "mem.h"
#include "minhash.h"
#include "parallax.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bench_dedup FILE.jsonl OUTDIR\n");
		return 2;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/shingles.bin", argv[2]);
	FILE *fsh = fopen(path, "wb");
	snprintf(path, sizeof path, "%s/pairs.tsv", argv[2]);
	FILE *fpairs = fopen(path, "w");
	if (!fsh || !fpairs) {
		perror(argv[2]);
		return 1;
	}
	plx_analyzer *an = NULL;
	plx_reader *rd = NULL;
	plx_dedup *dd = NULL;
	/* PLX_BENCH_WINDOW_DAYS / PLX_BENCH_WINDOW_ARTICLES override the
	 * window (0: none), so that recall can be measured without it. */
	plx_dedup_params dp;
	plx_dedup_params_default(&dp);
	const char *env = getenv("PLX_BENCH_WINDOW_DAYS");
	if (env)
		dp.window_days = atof(env);
	env = getenv("PLX_BENCH_WINDOW_ARTICLES");
	if (env)
		dp.window_articles = (size_t)strtoull(env, NULL, 10);
	if (plx_analyzer_new(NULL, &an) || plx_reader_new(NULL, &rd) ||
	    plx_dedup_new(&dp, &dd) || plx_reader_add(rd, argv[1])) {
		fprintf(stderr, "bench_dedup: setup failed\n");
		return 1;
	}
	plx_analyzer_skip(an, PLX_SKIP_STORY_TERMS);
	plx_minhash mh;
	plx_minhash_init(&mh, PLX_MINHASH_K, 1);
	plx_fingerprint fp;
	plx_fingerprint_init(&fp);
	uint32_t sig[PLX_MINHASH_MAX_K];

	double t_read = 0, t_analyze = 0, t_sign = 0, t_dedup = 0;
	size_t n = 0, n_pairs = 0, n_shingles = 0;
	const plx_record *rec;
	int rc;
	for (;;) {
		double t0 = now();
		rc = plx_reader_next(rd, &rec);
		double t1 = now();
		t_read += t1 - t0;
		if (rc == 0)
			break;
		if (rc < 0)
			continue;
		plx_article *art = NULL;
		if (plx_analyze(an, rec, &art))
			continue; /* neither numbered nor dumped */
		double t2 = now();
		t_analyze += t2 - t1;
		/* Fingerprint and signature alone (what the dedup does first). */
		plx_fingerprint_compute(&fp, art);
		if (fp.n_shingles)
			plx_minhash_sign(&mh, fp.shingles, fp.n_shingles, sig);
		double t3 = now();
		t_sign += t3 - t2;
		const plx_dedup_result *res;
		if ((rc = plx_dedup_add(dd, art, &res))) {
			fprintf(stderr, "bench_dedup: %s\n", plx_strerror(rc));
			return 1;
		}
		double t4 = now();
		t_dedup += t4 - t3;
		for (size_t i = 0; i < res->n_near; i++, n_pairs++)
			fprintf(fpairs, "%zu\t%zu\t%.4f\n", res->near[i].article,
				res->article, res->near[i].score);
		qsort(fp.shingles, fp.n_shingles, sizeof *fp.shingles,
		      cmp_u64);
		uint32_t m = 0;
		for (size_t i = 0; i < fp.n_shingles; i++)
			if (i == 0 || fp.shingles[i] != fp.shingles[i - 1])
				fp.shingles[m++] = fp.shingles[i];
		fwrite(&m, sizeof m, 1, fsh);
		fwrite(fp.shingles, sizeof *fp.shingles, m, fsh);
		n_shingles += m;
		plx_article_free(art);
		n++;
	}
	fclose(fsh);
	fclose(fpairs);
	snprintf(path, sizeof path, "%s/stats.json", argv[2]);
	FILE *fs = fopen(path, "w");
	if (!fs)
		return 1;
	fprintf(fs,
		"{\"articles\":%zu,\"shingles\":%zu,\"pairs\":%zu,"
		"\"read_s\":%.4f,\"analyze_s\":%.4f,\"sign_s\":%.4f,"
		"\"dedup_s\":%.4f,\"dedup_bytes\":%zu,\"k\":%d,\"bands\":%d,"
		"\"rows\":%d}\n",
		n, n_shingles, n_pairs, t_read, t_analyze, t_sign, t_dedup,
		plx_dedup_bytes(dd), PLX_MINHASH_K, PLX_LSH_BANDS,
		PLX_LSH_ROWS);
	fclose(fs);
	plx_fingerprint_free(&fp);
	plx_dedup_free(dd);
	plx_reader_free(rd);
	plx_analyzer_free(an);
	return 0;
}
