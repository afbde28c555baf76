/*
 * gen_idf.c: the first half of the built-in document frequency table of
 * pair similarity.  Reads articles (any input parallax reads), analyses
 * each and prints its terms as plx_sim_each_term defines them, one
 * "KIND<TAB>term" line each (w word, n number, e name, p place), and an
 * empty line after each article.  tools/gen_idf.py counts document
 * frequencies from this and writes src/similarity_df.c.
 *
 * usage: gen_idf PATH... > terms.txt
 */
#include <stdio.h>
#include <string.h>

#include "parallax.h"
#include "similarity.h"

static int print_term(void *ud, plx_sim_kind kind, const char *term, size_t len,
		      size_t sentence, long entity, size_t mentions)
{
	(void)ud;
	(void)sentence;
	(void)entity;
	(void)mentions;
	/* A term with a tab or newline cannot be written as a line. */
	for (size_t i = 0; i < len; i++)
		if (term[i] == '\t' || term[i] == '\n')
			return 0;
	static const char kinds[] = "wnep";
	printf("%c\t%.*s\n", kinds[kind], (int)len, term);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: gen_idf PATH... > terms.txt\n");
		return 2;
	}
	plx_reader *rd = NULL;
	plx_analyzer *an = NULL;
	if (plx_reader_new(NULL, &rd) || plx_analyzer_new(NULL, &an)) {
		fprintf(stderr, "gen_idf: out of memory\n");
		return 3;
	}
	for (int i = 1; i < argc; i++)
		if (plx_reader_add(rd, argv[i]))
			return 3;
	const plx_record *rec;
	int r;
	while ((r = plx_reader_next(rd, &rec)) != 0) {
		if (r < 0) {
			fprintf(stderr, "gen_idf: %s\n", plx_reader_errmsg(rd));
			continue;
		}
		plx_article *art = NULL;
		if (plx_analyze(an, rec, &art))
			continue;
		if (plx_sim_each_term(art, print_term, NULL)) {
			fprintf(stderr, "gen_idf: out of memory\n");
			return 3;
		}
		putchar('\n');
		plx_article_free(art);
	}
	plx_analyzer_free(an);
	plx_reader_free(rd);
	return fflush(stdout) ? 3 : 0;
}
