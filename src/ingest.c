/*
 * ingest.c: the streaming pipeline into the database.  Each record is
 * analysed, checked against what is stored (identity: id, else content
 * hash), compared with earlier articles for copies (dedup), assigned to a
 * story, and written with its story row and copy links, in batches of
 * params.batch articles per transaction.
 *
 * Restart: the story engine and the deduplicator live in memory, so on
 * open every stored article is replayed through them in ingest order, from
 * its stored record (text, original title and source).  Analysis and both
 * engines are deterministic, so the rebuilt state is the state the last
 * commit left, and a re-run continues as if never interrupted; a replayed
 * article whose story differs from the stored one is counted (mismatched).
 * Known limit: replay re-analyses, so a restart costs about as much as
 * ingesting the stored articles once more (a stored feature cache would
 * remove that).
 */
#include "ingest.h"

#include <stdio.h>
#include <string.h>

#include "mem.h"

struct plx_ingest {
	plx_ingest_params p;
	plx_analyzer *an; /* borrowed */
	plx_store *store;
	plx_stories *stories;
	plx_dedup *dedup;
	size_t in_batch; /* articles written since the last commit */
	int failed;      /* the fatal status once one happened: the batch
			    was rolled back while the story and duplicate
			    state kept it, so nothing more may be written */
	plx_ingest_stats stats;
	char err[512];
};

void plx_ingest_params_default(plx_ingest_params *p)
{
	p->batch = 1000;
	p->busy_ms = 10000;
	plx_story_params_default(&p->stories);
	plx_dedup_params_default(&p->dedup);
}

const char *plx_ingest_errmsg(const plx_ingest *g)
{
	return g->err;
}

void plx_ingest_stats_get(const plx_ingest *g, plx_ingest_stats *out)
{
	*out = g->stats;
}

static int db_error(plx_ingest *g, int rc)
{
	if (rc == PLX_EDB)
		snprintf(g->err, sizeof g->err, "database: %s",
			 plx_store_errmsg(g->store));
	else if (!g->err[0])
		snprintf(g->err, sizeof g->err, "%s", plx_strerror(rc));
	return rc;
}

/* A fatal error: the batch in progress is rolled back now (SQLite may
 * have ended the transaction itself on an I/O error, and later statements
 * would then commit one by one) and the ingest refuses all further work. */
static int fatal(plx_ingest *g, int rc)
{
	db_error(g, rc);
	plx_store_rollback(g->store);
	g->in_batch = 0;
	g->failed = rc;
	return rc;
}

/* Writes story id's current summary. */
static int put_story(plx_ingest *g, size_t id)
{
	plx_story st;
	int rc = plx_stories_get(g->stories, id, &st);
	if (rc)
		return rc;
	plx_story_row row = {(int64_t)id,
			     st.headline,
			     st.n_articles,
			     st.n_sources,
			     st.first_seen < 0 ? INT64_MIN : st.first_seen,
			     st.last_seen < 0 ? INT64_MIN : st.last_seen};
	return plx_store_put_story(g->store, &row);
}

/* Copy links of a dedup result: who copies whom, and reused passages. */
static int put_copies(plx_ingest *g, const char *id, const plx_dedup_result *r)
{
	int rc = PLX_OK;
	for (size_t i = 0; i < r->n_near && !rc; i++) {
		const plx_dedup_match *m = &r->near[i];
		const char *kind = m->exact ? "exact" : "near";
		rc = m->copies ? plx_store_put_copy(g->store, id, m->id, kind,
						    m->score)
			       : plx_store_put_copy(g->store, m->id, id, kind,
						    m->score);
	}
	for (size_t i = 0; i < r->n_reused && !rc; i++)
		rc = plx_store_put_copy(g->store, id, r->reused[i].id, "reuse",
					r->reused[i].score);
	return rc;
}

/* Runs an analysed article through dedup and stories. */
static int assign(plx_ingest *g, const plx_article *art,
		  const plx_dedup_result **dr, size_t *story, double *score)
{
	int rc = plx_dedup_add(g->dedup, art, dr);
	if (!rc)
		rc = plx_stories_add(g->stories, art, story, score);
	return rc;
}

static int replay_one(const plx_record *rec, int64_t seq, int64_t story,
		      void *ud)
{
	plx_ingest *g = ud;
	plx_article *art = NULL;
	int rc = plx_analyze(g->an, rec, &art);
	if (rc) {
		snprintf(g->err, sizeof g->err,
			 "replaying stored article %lld (%s): %s",
			 (long long)seq, rec->id ? rec->id : "?",
			 plx_strerror(rc));
		return rc == PLX_ENOMEM ? rc : PLX_EDB;
	}
	const plx_dedup_result *dr;
	size_t got;
	double score;
	rc = assign(g, art, &dr, &got, &score);
	plx_article_free(art);
	if (rc)
		return rc;
	g->stats.replayed++;
	if ((int64_t)got != story)
		g->stats.mismatched++;
	return PLX_OK;
}

/* Replay through a pipe of analyzer threads: the stored records are
 * pushed in ingest order, and each result is assigned in that order with
 * the story it had (expect) and its number (seqs). */
typedef struct replay_ctx {
	plx_ingest *g;
	plx_pipe *p;
	int64_t *expect, *seqs;
	size_t cap, head, tail;
} replay_ctx;

static int replay_pop(replay_ctx *c)
{
	const plx_record *rec;
	plx_article *art;
	int st;
	if (!plx_pipe_pop(c->p, &rec, &art, &st))
		return PLX_OK;
	int64_t story = c->expect[c->head % c->cap];
	int64_t seq = c->seqs[c->head++ % c->cap];
	plx_ingest *g = c->g;
	if (st) {
		snprintf(g->err, sizeof g->err,
			 "replaying stored article %lld (%s): %s",
			 (long long)seq, rec->id ? rec->id : "?",
			 plx_strerror(st));
		return st == PLX_ENOMEM ? st : PLX_EDB;
	}
	const plx_dedup_result *dr;
	size_t got;
	double score;
	int rc = assign(g, art, &dr, &got, &score);
	plx_article_free(art);
	if (rc)
		return rc;
	g->stats.replayed++;
	if ((int64_t)got != story)
		g->stats.mismatched++;
	return PLX_OK;
}

static int replay_push(const plx_record *rec, int64_t seq, int64_t story,
		       void *ud)
{
	replay_ctx *c = ud;
	int rc;
	if (plx_pipe_full(c->p) && (rc = replay_pop(c)))
		return rc;
	if ((rc = plx_pipe_push(c->p, rec)))
		return rc;
	c->expect[c->tail % c->cap] = story;
	c->seqs[c->tail++ % c->cap] = seq;
	return PLX_OK;
}

static int replay(plx_ingest *g, plx_analyzer *const *an, unsigned n)
{
	if (n <= 1)
		return plx_store_records(g->store, replay_one, g);
	replay_ctx c = {g, NULL, NULL, NULL, 64 * (size_t)n + 2, 0, 0};
	int rc = plx_pipe_new(an, n, 64 * (size_t)n, &c.p);
	if (rc)
		return rc;
	c.expect = plx_malloc(c.cap * sizeof *c.expect);
	c.seqs = plx_malloc(c.cap * sizeof *c.seqs);
	if (!c.expect || !c.seqs)
		rc = PLX_ENOMEM;
	if (!rc)
		rc = plx_store_records(g->store, replay_push, &c);
	while (!rc && plx_pipe_pending(c.p))
		rc = replay_pop(&c);
	plx_pipe_free(c.p);
	plx_free(c.expect);
	plx_free(c.seqs);
	return rc;
}

int plx_ingest_open(const char *path, const plx_ingest_params *params,
		    plx_analyzer *an, plx_ingest **out, char *msg,
		    size_t msglen)
{
	return plx_ingest_open_threads(path, params, &an, 1, out, msg, msglen);
}

int plx_ingest_open_threads(const char *path, const plx_ingest_params *params,
			    plx_analyzer *const *an, unsigned n_an,
			    plx_ingest **out, char *msg, size_t msglen)
{
	*out = NULL;
	if (msg && msglen)
		msg[0] = 0;
	if (!an || !n_an)
		return PLX_EINVAL;
	plx_ingest *g = plx_calloc(1, sizeof *g);
	if (!g) {
		if (msg && msglen)
			snprintf(msg, msglen, "%s: %s", path,
				 plx_strerror(PLX_ENOMEM));
		return PLX_ENOMEM;
	}
	if (params)
		g->p = *params;
	else
		plx_ingest_params_default(&g->p);
	if (!g->p.batch)
		g->p.batch = 1;
	g->an = an[0];
	int rc = plx_store_open(path, 0, &g->store, msg, msglen);
	if (!rc && g->p.busy_ms > 0)
		plx_store_set_busy_timeout(g->store, g->p.busy_ms);
	if (!rc)
		rc = plx_stories_new(&g->p.stories, &g->stories);
	if (!rc)
		rc = plx_dedup_new(&g->p.dedup, &g->dedup);
	if (!rc) {
		rc = replay(g, an, n_an);
		if (rc && msg) {
			if (!g->err[0])
				db_error(g, rc);
			snprintf(msg, msglen, "%s: %s", path, g->err);
		}
	}
	if (!rc) {
		int64_t na, ns;
		rc = plx_store_counts(g->store, &na, &ns);
		g->stats.stories = (size_t)ns;
	}
	if (rc) {
		if (msg && !msg[0])
			snprintf(msg, msglen, "%s: %s", path, plx_strerror(rc));
		plx_ingest_free(g);
		return rc;
	}
	*out = g;
	return PLX_OK;
}

int plx_ingest_add(plx_ingest *g, const plx_record *rec)
{
	if (g->failed)
		return g->failed;
	g->err[0] = 0;
	plx_article *art = NULL;
	int rc = plx_analyze(g->an, rec, &art);
	if (!rc) {
		rc = plx_ingest_add_analyzed(g, rec, art);
		plx_article_free(art);
		return rc;
	}
	if (rc == PLX_ENOMEM) {
		snprintf(g->err, sizeof g->err,
			 "%s: out of memory in the "
			 "analysis",
			 rec->id ? rec->id : "record");
		return fatal(g, rc);
	}
	return rc;
}

int plx_ingest_add_analyzed(plx_ingest *g, const plx_record *rec,
			    const plx_article *art)
{
	if (g->failed)
		return g->failed;
	g->err[0] = 0;
	uint64_t hash = plx_article_hash(art);
	int rc = plx_store_find(g->store, plx_article_id(art), hash, NULL);
	if (rc == 1) {
		g->stats.known++;
		return PLX_OK;
	}
	if (rc < 0)
		goto fail;
	if (g->in_batch == 0 && (rc = plx_store_begin(g->store)))
		goto fail;

	const plx_dedup_result *dr;
	size_t story;
	double score;
	if ((rc = assign(g, art, &dr, &story, &score)))
		goto fail;
	int64_t t;
	if (plx_date_parse(plx_article_date(art), &t))
		t = INT64_MIN;
	plx_store_article sa = {art, rec, hash, t, (int64_t)story, score};
	const char *id = plx_article_id(art);
	char idbuf[32];
	if (!id) { /* the store names id-less articles by their hash */
		snprintf(idbuf, sizeof idbuf, "%016llx",
			 (unsigned long long)hash);
		id = idbuf;
	}
	if ((rc = plx_store_put(g->store, &sa, NULL)) ||
	    (rc = put_story(g, story)) || (rc = put_copies(g, id, dr)))
		goto fail;
	g->stats.stored++;
	g->stats.stories = plx_stories_count(g->stories);
	if (++g->in_batch >= g->p.batch)
		return plx_ingest_commit(g);
	return PLX_OK;
fail:
	return fatal(g, rc < 0 ? rc : PLX_EDB);
}

int plx_ingest_commit(plx_ingest *g)
{
	if (g->failed)
		return g->failed;
	if (!g->in_batch)
		return PLX_OK;
	int rc = plx_store_commit(g->store);
	if (rc)
		return fatal(g, rc);
	g->in_batch = 0;
	return PLX_OK;
}

void plx_ingest_free(plx_ingest *g)
{
	if (!g)
		return;
	if (g->store)
		plx_store_rollback(g->store);
	plx_dedup_free(g->dedup);
	plx_stories_free(g->stories);
	plx_store_close(g->store);
	plx_free(g);
}
