/*
 * gen_idf.c: writes the built-in document frequency table of pair
 * similarity (similarity_df.c in the build directory; CMake runs it, see
 * docs/similarity.md).  Reads articles (any input parallax reads), takes
 * each article's terms as plx_sim_each_term defines them, and counts in how
 * many articles each occurs.  Writes the document frequency of every word
 * or number seen in at least MIN_WORD_DF articles and of every name or place
 * seen in at least MIN_NAME_DF, each table sorted in strcmp order (the
 * lookup is a binary search).  Only counts leave the corpus, never its text.
 * With no PATH it writes an empty table (plx_df_docs = 0: uniform idf).
 *
 * usage: gen_idf OUT.c [PATH...]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parallax.h"
#include "similarity.h"

enum {
	MIN_WORD_DF = 3, /* rarer words get the unseen idf: half the table */
	MIN_NAME_DF = 2
};

/* The generator links the library without its table and needs no idf: it
 * gives itself an empty one. */
const unsigned plx_df_docs = 0;
const plx_df_entry plx_df_words[1] = {{"", 0}};
const size_t plx_df_n_words = 0;
const plx_df_entry plx_df_names[1] = {{"", 0}};
const size_t plx_df_n_names = 0;

/* One (kind, term): the article it was last seen in and its count. */
typedef struct entry {
	char *term; /* NUL-terminated */
	size_t len;
	uint64_t hash;
	unsigned kind;
	unsigned df;
	size_t last; /* article number + 1 that last counted it */
} entry;

typedef struct counts {
	entry *slots; /* open addressing; term NULL: free */
	size_t cap, n;
	size_t doc; /* articles so far */
} counts;

static uint64_t hash_term(unsigned kind, const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull ^ kind; /* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static int grow(counts *c)
{
	size_t cap = c->cap ? c->cap * 2 : 1 << 16;
	entry *s = calloc(cap, sizeof *s);
	if (!s)
		return -1;
	for (size_t i = 0; i < c->cap; i++) {
		if (!c->slots[i].term)
			continue;
		size_t j = c->slots[i].hash & (cap - 1);
		while (s[j].term)
			j = (j + 1) & (cap - 1);
		s[j] = c->slots[i];
	}
	free(c->slots);
	c->slots = s;
	c->cap = cap;
	return 0;
}

static int count_term(void *ud, plx_sim_kind kind, const char *term, size_t len,
		      size_t sentence, long entity, size_t mentions)
{
	counts *c = ud;
	(void)sentence;
	(void)entity;
	(void)mentions;
	/* A term with a NUL, tab or newline is not counted (the table's terms
	 * are C strings; earlier versions passed terms as lines). */
	for (size_t i = 0; i < len; i++)
		if (term[i] == '\0' || term[i] == '\t' || term[i] == '\n')
			return 0;
	if (2 * (c->n + 1) > c->cap && grow(c))
		return PLX_ENOMEM;
	uint64_t h = hash_term(kind, term, len);
	size_t j = h & (c->cap - 1);
	for (; c->slots[j].term; j = (j + 1) & (c->cap - 1)) {
		entry *e = &c->slots[j];
		if (e->hash == h && e->kind == (unsigned)kind &&
		    e->len == len && !memcmp(e->term, term, len)) {
			if (e->last != c->doc + 1) {
				e->last = c->doc + 1;
				e->df++;
			}
			return 0;
		}
	}
	entry *e = &c->slots[j];
	if (!(e->term = malloc(len + 1)))
		return PLX_ENOMEM;
	memcpy(e->term, term, len);
	e->term[len] = '\0';
	e->len = len;
	e->hash = h;
	e->kind = kind;
	e->df = 1;
	e->last = c->doc + 1;
	c->n++;
	return 0;
}

static int by_term(const void *a, const void *b)
{
	return strcmp((*(entry *const *)a)->term, (*(entry *const *)b)->term);
}

/* A C string literal; '?' escaped against trigraphs, control bytes in
 * octal (three digits, so a following digit is not taken in). */
static void put_c_str(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '\\' || ch == '"' || ch == '?')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(f, "\\%03o", ch);
		else
			putc(ch, f);
	}
	putc('"', f);
}

/* Writes one table: the entries of the kinds a and b (a term of both
 * counts the articles of each, as one term), those with df >= low. */
static int put_table(FILE *f, const counts *c, const char *name, unsigned a,
		     unsigned b, unsigned low)
{
	entry **v = malloc((c->n ? c->n : 1) * sizeof *v);
	if (!v)
		return -1;
	size_t n = 0, out = 0;
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i].term &&
		    (c->slots[i].kind == a || c->slots[i].kind == b))
			v[n++] = &c->slots[i];
	qsort(v, n, sizeof *v, by_term);
	fprintf(f, "const plx_df_entry plx_df_%s[] = {\n", name);
	for (size_t i = 0; i < n;) {
		unsigned df = 0;
		size_t j = i;
		for (; j < n && !strcmp(v[j]->term, v[i]->term); j++)
			df += v[j]->df;
		if (df >= low) {
			fputs("\t{", f);
			put_c_str(f, v[i]->term);
			fprintf(f, ", %u},\n", df);
			out++;
		}
		i = j;
	}
	if (!out)
		fputs("\t{\"\", 0}, /* C has no empty array */\n", f);
	fprintf(f, "};\nconst size_t plx_df_n_%s = %zu;\n\n", name, out);
	free(v);
	return 0;
}

static int write_table(const char *path, const counts *c, int argc, char **argv)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		return -1;
	}
	fputs("/*\n * similarity_df.c: GENERATED by tools/gen_idf at build "
	      "time;"
	      " do not edit.\n",
	      f);
	if (argc)
		fprintf(f, " * Counted over %zu articles of", c->doc);
	else
		fputs(" * No corpus given: empty, so pair similarity uses a "
		      "uniform idf.",
		      f);
	for (int i = 0; i < argc; i++) {
		const char *base = strrchr(argv[i], '/');
		fprintf(f, " %s", base ? base + 1 : argv[i]);
	}
	fprintf(f,
		"\n * Document frequencies of words and numbers (df >= %d) "
		"and of names\n * and places (df >= %d), for the idf of pair "
		"similarity.\n */\n#include \"similarity.h\"\n\n"
		"const unsigned plx_df_docs = %zu;\n\n",
		MIN_WORD_DF, MIN_NAME_DF, c->doc);
	int bad = put_table(f, c, "words", PLX_SIM_WORD, PLX_SIM_NUMBER,
			    MIN_WORD_DF) ||
		  put_table(f, c, "names", PLX_SIM_NAME, PLX_SIM_PLACE,
			    MIN_NAME_DF);
	if (fclose(f) || bad) {
		fprintf(stderr, "gen_idf: cannot write %s\n", path);
		remove(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: gen_idf OUT.c [PATH...]\n");
		return 2;
	}
	counts c = {0};
	plx_reader *rd = NULL;
	plx_analyzer *an = NULL;
	int status = 3;
	if (plx_reader_new(NULL, &rd) || plx_analyzer_new(NULL, &an)) {
		fprintf(stderr, "gen_idf: out of memory\n");
		goto done;
	}
	plx_analyzer_skip(an, PLX_SKIP_STORY_TERMS);
	for (int i = 2; i < argc; i++)
		if (plx_reader_add(rd, argv[i])) {
			fprintf(stderr, "gen_idf: %s\n", plx_reader_errmsg(rd));
			goto done;
		}
	const plx_record *rec;
	int r;
	while (argc > 2 && (r = plx_reader_next(rd, &rec)) != 0) {
		if (r < 0) {
			fprintf(stderr, "gen_idf: %s\n", plx_reader_errmsg(rd));
			continue;
		}
		plx_article *art = NULL;
		if (plx_analyze(an, rec, &art))
			continue;
		r = plx_sim_each_term(art, count_term, &c);
		plx_article_free(art);
		if (r) {
			fprintf(stderr, "gen_idf: out of memory\n");
			goto done;
		}
		c.doc++;
	}
	if (!write_table(argv[1], &c, argc - 2, argv + 2))
		status = 0;
done:
	for (size_t i = 0; i < c.cap; i++)
		free(c.slots[i].term);
	free(c.slots);
	plx_analyzer_free(an);
	plx_reader_free(rd);
	return status;
}
