/*
 * fuzz_stories.c: libFuzzer target for the story engine with revision
 * (plx_stories_add, plx_stories_moves).  The first 6 bytes pick the
 * parameters; the rest is one article a line, "YYYY-MM-DD|text" for a dated
 * one.  After every add: the story id and each move are in range, and the
 * local assignment (moves applied) is kept; a second run of the same stream
 * must give the same assignment and scores to the bit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "parallax.h"

#define MAX_ARTICLES 64
#define MAX_INPUT    8192

typedef struct run {
	size_t story[MAX_ARTICLES];
	double score[MAX_ARTICLES];
	size_t n, count;
} run;

static void params_from(const uint8_t *b, plx_story_params *p)
{
	static const size_t windows[] = {0, 1, 2, 5, 300};
	static const double days[] = {0.5, 1, 3, 30};
	plx_story_params_default(p);
	p->threshold = 0.05 + 0.45 * b[0] / 255.0;
	p->window_days = days[b[1] % 4];
	p->window_articles = (b[1] >> 2) % 4 == 3 ? 4 : 0;
	p->revise_window = windows[b[2] % 5];
	p->split_pair = 0.05 + 0.55 * b[3] / 255.0;
	p->split_rest = 0.6 * b[4] / 255.0;
	p->doubtful_band = b[5] % 4 == 0 ? 0 : 0.3 * b[5] / 255.0;
}

/* Adds each line of text[0, len) as an article; fills r.  Returns 0, or
 * -1 when the clusterer could not be made. */
static int run_stream(plx_analyzer *an, const plx_story_params *p,
		      const char *text, size_t len, run *r)
{
	plx_stories *s = NULL;
	if (plx_stories_new(p, &s))
		return -1;
	memset(r, 0, sizeof *r);
	size_t pos = 0, line = 0;
	while (pos < len && r->n < MAX_ARTICLES) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		char buf[MAX_INPUT + 1], date[11];
		size_t l = end - pos;
		memcpy(buf, text + pos, l);
		buf[l] = 0;
		pos = end + 1;
		line++;
		plx_record rec = {.path = "fuzz", .line = line, .id = "x"};
		char *body = buf;
		if (l > 11 && buf[10] == '|') {
			memcpy(date, buf, 10);
			date[10] = 0;
			rec.date = date;
			body = buf + 11;
		}
		char *title = strchr(body, '#');
		if (title) {
			*title = 0;
			rec.title = body;
			body = title + 1;
		}
		if (!fuzz_valid(body) || (rec.title && !fuzz_valid(rec.title)))
			continue;
		rec.text = body;
		rec.text_len = strlen(body);
		plx_article *art = NULL;
		if (plx_analyze(an, &rec, &art))
			continue;
		size_t id = (size_t)-1;
		double score = -1;
		int rc = plx_stories_add(s, art, &id, &score);
		plx_article_free(art);
		if (rc)
			abort(); /* a valid article is never refused */
		size_t count = plx_stories_count(s);
		if (id >= count || !(score >= 0 && score <= 2))
			abort();
		const plx_story_move *mv;
		size_t nm;
		plx_stories_moves(s, &mv, &nm);
		if (nm && !p->revise_window)
			abort();
		for (size_t i = 0; i < nm; i++) {
			if (mv[i].article >= r->n || mv[i].from == mv[i].to ||
			    mv[i].from >= count || mv[i].to >= count)
				abort();
			if (r->story[mv[i].article] != mv[i].from)
				abort(); /* moves from where it is */
			if (r->n - mv[i].article >= p->revise_window)
				abort(); /* only recent articles move */
			r->story[mv[i].article] = mv[i].to;
			r->score[mv[i].article] = mv[i].score;
		}
		r->story[r->n] = id;
		r->score[r->n] = score;
		r->n++;
		/* Every story has a member; counts agree with the assignment.
		 */
		for (size_t k = 0; k < count; k++) {
			plx_story st;
			if (plx_stories_get(s, k, &st))
				abort();
			size_t members = 0;
			for (size_t a = 0; a < r->n; a++)
				members += r->story[a] == k;
			if (st.n_articles != members || members == 0)
				abort();
		}
	}
	r->count = plx_stories_count(s);
	plx_stories_free(s);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 6 || size > MAX_INPUT)
		return 0;
	plx_analyzer *an = fuzz_analyzer();
	if (!an)
		return 0;
	plx_analyzer_skip(an, PLX_SKIP_QUOTES | PLX_SKIP_REGISTER);
	plx_story_params p;
	params_from(data, &p);
	const char *text = (const char *)data + 6;
	size_t len = size - 6;
	static run a, b;
	if (run_stream(an, &p, text, len, &a))
		abort(); /* the parameters are in range */
	if (run_stream(an, &p, text, len, &b))
		abort();
	if (a.n != b.n || a.count != b.count)
		abort();
	for (size_t i = 0; i < a.n; i++)
		if (a.story[i] != b.story[i] ||
		    memcmp(&a.score[i], &b.score[i], sizeof a.score[i]))
			abort();
	return 0;
}
