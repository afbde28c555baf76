/*
 * cmd_score.c: parallax compare --score: how alike two articles are as a
 * story (plx_similarity_compare), with the reasons; or, with --pairs, one
 * score per pair of a JSON Lines file, for benchmarks.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Longest line of a --pairs file: two articles. */
#define SCORE_MAX_LINE (32u << 20)

/* A word for a score.  The score is fitted to the SemEval scale (1 same
 * story ... 4 unrelated, as 1 - (Overall - 1) / 3); the cuts are the
 * midpoints, rounded to 0.05, between the mean scores of its four steps on the
 * English pairs (docs/similarity.md). */
static const char *verdict(double s)
{
	return s >= 0.75   ? "same story"
	       : s >= 0.5  ? "related story"
	       : s >= 0.25 ? "loosely related"
			   : "unrelated";
}

static void print_list(FILE *f, const char *const *v, size_t n)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		json_str(f, v[i]);
	}
	fputc(']', f);
}

static void print_json(const char *ida, const char *idb,
		       const plx_similarity *s)
{
	fputs("{\"a\":", stdout);
	json_str(stdout, ida);
	fputs(",\"b\":", stdout);
	json_str(stdout, idb);
	printf(",\"score\":%.4f,\"verdict\":\"%s\",\"terms\":%.4f,"
	       "\"names\":%.4f,\"places\":%.4f,\"numbers\":%.4f,"
	       "\"facts\":%.4f,\"shared_facts\":%zu,\"days\":",
	       s->score, verdict(s->score), s->terms, s->names, s->places,
	       s->numbers, s->facts, s->n_facts);
	if (s->days < 0)
		fputs("null", stdout);
	else
		printf("%.2f", s->days);
	fputs(",\"shared_names\":", stdout);
	print_list(stdout, s->shared_names, s->n_shared_names);
	fputs(",\"shared_places\":", stdout);
	print_list(stdout, s->shared_places, s->n_shared_places);
	fputs("}\n", stdout);
}

static void print_text(const plx_similarity *s)
{
	printf("%.2f  %s", s->score, verdict(s->score));
	const char *sep = ": ";
	if (s->n_shared_names) {
		printf("%sshared %s ", sep,
		       s->n_shared_names > 1 ? "names" : "name");
		for (size_t i = 0; i < s->n_shared_names; i++)
			printf("%s%s", i ? ", " : "", s->shared_names[i]);
		sep = "; ";
	}
	if (s->n_shared_places) {
		printf("%s%s ", sep,
		       s->n_shared_places > 1 ? "places" : "place");
		for (size_t i = 0; i < s->n_shared_places; i++)
			printf("%s%s", i ? ", " : "", s->shared_places[i]);
		sep = "; ";
	}
	if (s->n_facts) {
		printf("%s%zu shared %s", sep, s->n_facts,
		       s->n_facts > 1 ? "facts" : "fact");
		sep = "; ";
	}
	if (s->days >= 0) {
		if (s->days < 1)
			printf("%ssame day", sep);
		else
			printf("%s%.0f %s apart", sep, s->days,
			       s->days < 1.5 ? "day" : "days");
		sep = "; ";
	}
	if (*sep == ':')
		fputs(": nothing shared", stdout);
	printf("  (words %.2f, names %.2f, places %.2f, numbers %.2f, facts "
	       "%.2f)\n",
	       s->terms, s->names, s->places, s->numbers, s->facts);
}

/* Two articles given as paths (or one file holding both). */
static int score_two(plx_analyzer *an, char **paths, int n, int json,
		     const plx_similarity_params *p)
{
	plx_reader *rd = NULL;
	plx_article *art[2] = {NULL, NULL};
	int got = 0, status = 0, rc;
	if (plx_reader_new(NULL, &rd))
		return EXIT_FATAL;
	for (int i = 0; i < n; i++)
		if (plx_reader_add(rd, paths[i])) {
			plx_reader_free(rd);
			return EXIT_FATAL;
		}
	const plx_record *rec;
	while ((rc = plx_reader_next(rd, &rec)) != 0) {
		if (rc < 0) {
			fprintf(stderr, "parallax: %s\n",
				plx_reader_errmsg(rd));
			status = EXIT_BADINPUT;
			continue;
		}
		if (got == 2) {
			got++;
			break;
		}
		if ((rc = plx_analyze(an, rec, &art[got]))) {
			fprintf(stderr, "parallax: %s%s%zu: %s\n", rec->path,
				rec->line ? ":" : "", rec->line,
				plx_strerror(rc));
			if (rc == PLX_ENOMEM) {
				status = EXIT_FATAL;
				break;
			}
			status = EXIT_BADINPUT;
			continue;
		}
		got++;
	}
	plx_reader_free(rd);
	if (status != EXIT_FATAL && got != 2) {
		fprintf(stderr,
			"parallax: compare --score needs exactly two "
			"articles, got %s\n",
			got > 2    ? "more"
			: got == 1 ? "one"
				   : "none");
		status = EXIT_USAGE;
	}
	if (status != EXIT_FATAL && got == 2) {
		plx_similarity s;
		if (plx_similarity_compare(art[0], art[1], p, &s))
			status = EXIT_FATAL;
		else if (json)
			print_json(plx_article_id(art[0]),
				   plx_article_id(art[1]), &s);
		else
			print_text(&s);
	}
	plx_article_free(art[0]);
	plx_article_free(art[1]);
	if (fflush(stdout) != 0)
		return EXIT_FATAL;
	return status;
}

static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* One side of a pair as an analysed article. */
static int pair_article(plx_analyzer *an, json_t *o, const char *path,
			size_t line, plx_article **out)
{
	*out = NULL;
	if (!json_is_object(o))
		return PLX_EFORMAT;
	plx_record rec;
	memset(&rec, 0, sizeof rec);
	rec.path = path;
	rec.line = line;
	rec.id = jstr(o, "id");
	rec.title = jstr(o, "title");
	rec.date = jstr(o, "date");
	rec.source = jstr(o, "source");
	rec.url = jstr(o, "url");
	json_t *t = json_object_get(o, "text");
	if (!json_is_string(t))
		return PLX_EFORMAT;
	rec.text = json_string_value(t);
	rec.text_len = json_string_length(t);
	return plx_analyze(an, &rec, out);
}

/* --pairs FILE: each line {"id", "a": {article}, "b": {article}}; prints
 * one line per pair (id<TAB>score, or the JSON object with "id" added). A
 * bad line is reported and skipped; its pair prints nothing. */
static int score_pairs(plx_analyzer *an, const char *path, int json,
		       const plx_similarity_params *p, int quiet)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!f) {
		fprintf(stderr, "parallax: %s: %s\n", path, strerror(errno));
		return EXIT_BADINPUT;
	}
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	int status = 0;
	while ((len = getline(&line, &cap, f)) > 0 && !interrupted) {
		lineno++;
		if (len == 1 && line[0] == '\n')
			continue;
		int rc = PLX_EFORMAT;
		json_t *o = NULL;
		plx_article *a = NULL, *b = NULL;
		if ((size_t)len <= SCORE_MAX_LINE)
			o = json_loadb(line, (size_t)len, 0, NULL);
		if (o && json_is_object(o) &&
		    (rc = pair_article(an, json_object_get(o, "a"), path,
				       lineno, &a)) == 0 &&
		    (rc = pair_article(an, json_object_get(o, "b"), path,
				       lineno, &b)) == 0) {
			plx_similarity s;
			if ((rc = plx_similarity_compare(a, b, p, &s)) == 0) {
				const char *id = jstr(o, "id");
				if (json)
					print_json(id, NULL, &s);
				else
					printf("%s\t%.4f\n", id ? id : "",
					       s.score);
			}
		}
		if (rc) {
			if (!quiet || rc == PLX_ENOMEM)
				fprintf(stderr, "parallax: %s:%zu: %s\n", path,
					lineno,
					rc == PLX_EFORMAT
						? "not a pair: want {\"id\", "
						  "\"a\": {\"text\"...}, "
						  "\"b\": {\"text\"...}}"
						: plx_strerror(rc));
			status = rc == PLX_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
		}
		plx_article_free(a);
		plx_article_free(b);
		json_decref(o);
		if (status == EXIT_FATAL)
			break;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	if (fflush(stdout) != 0)
		return EXIT_FATAL;
	return status;
}

/* --idf PATH: document frequencies counted over the articles of PATH. */
static int load_model(plx_analyzer *an, const char *path,
		      plx_similarity_model **out)
{
	plx_reader *rd = NULL;
	int rc = plx_similarity_model_new(out);
	if (!rc)
		rc = plx_reader_new(NULL, &rd);
	if (!rc)
		rc = plx_reader_add(rd, path);
	const plx_record *rec;
	int r;
	while (!rc && (r = plx_reader_next(rd, &rec)) != 0) {
		if (r < 0) {
			fprintf(stderr, "parallax: %s\n",
				plx_reader_errmsg(rd));
			continue;
		}
		plx_article *art = NULL;
		int a = plx_analyze(an, rec, &art);
		if (a == PLX_ENOMEM)
			rc = a;
		else if (!a)
			rc = plx_similarity_model_add(*out, art);
		plx_article_free(art);
	}
	plx_reader_free(rd);
	if (!rc && plx_similarity_model_docs(*out) == 0) {
		fprintf(stderr, "parallax: %s: no articles for --idf\n", path);
		rc = PLX_EEMPTY;
	}
	if (rc) {
		if (rc == PLX_ENOMEM)
			fprintf(stderr, "parallax: out of memory\n");
		plx_similarity_model_free(*out);
		*out = NULL;
	}
	return rc;
}

int cmd_score(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"score", no_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'},
		{"outlets", required_argument, NULL, 'o'},
		{"pairs", required_argument, NULL, 'p'},
		{"idf", required_argument, NULL, 'i'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	int json = 0, quiet = 0, c;
	const char *outlets = NULL, *pairs = NULL, *idf = NULL;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 's': break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = 1;
			else if (strcmp(optarg, "text") == 0)
				json = 0;
			else
				return usage_error("unknown format", optarg);
			break;
		case 'o': outlets = optarg; break;
		case 'p': pairs = optarg; break;
		case 'i': idf = optarg; break;
		case 'q': quiet = 1; break;
		case 'h':
			fputs("usage: parallax compare --score [--format "
			      "text|json] [--idf PATH] A B\n"
			      "       parallax compare --score [--format "
			      "text|json] [--idf PATH] --pairs FILE.jsonl\n",
			      stdout);
			return 0;
		default: return EXIT_USAGE;
		}
	}
	int n = argc - optind;
	if (pairs && n)
		return usage_error("--pairs takes no PATH", argv[optind]);
	if (!pairs && n < 1)
		return usage_error("compare --score needs two articles", NULL);
	plx_analyzer *an = NULL;
	if (plx_analyzer_new(NULL, &an)) {
		fprintf(stderr, "parallax: out of memory\n");
		return EXIT_FATAL;
	}
	plx_analyzer_skip(an, PLX_SKIP_STORY_TERMS);
	if (outlets && plx_analyzer_load_outlets(an, outlets)) {
		fprintf(stderr, "parallax: %s\n", plx_analyzer_errmsg(an));
		plx_analyzer_free(an);
		return EXIT_USAGE;
	}
	plx_similarity_params p;
	plx_similarity_params_default(&p);
	plx_similarity_model *model = NULL;
	if (idf) {
		int r = load_model(an, idf, &model);
		if (r) {
			plx_analyzer_free(an);
			return r == PLX_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
		}
		p.model = model;
	}
	catch_signals();
	int rc = pairs ? score_pairs(an, pairs, json, &p, quiet)
		       : score_two(an, argv + optind, n, json, &p);
	plx_similarity_model_free(model);
	plx_analyzer_free(an);
	return rc;
}
