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
 *
 * With more than one analyzer the database writes run in a writer thread
 * of their own: the caller's thread decides identity, duplicates and story
 * and queues a job (the article, a snapshot of its story row and its copy
 * links); the writer stores the jobs in that order with the same batch
 * boundaries, so the database is the one a single thread would write.
 * Identity is then decided from two in-memory sets (hashes of the stored
 * ids, content hashes), loaded at open and grown at each queued article; a
 * hit is confirmed in the database once the writer has drained.
 *
 * Story revision (docs/stories.md): the story engine may move an article
 * stored up to revise_window articles before; the job of the article whose
 * story caused the move carries it (the moved article's id, its new story
 * and both stories' rows), so the move is written in the same batch.  On
 * replay the moves happen again, and an article is compared with its
 * stored story once it can no longer move.
 */
#include "ingest.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

#include "mem.h"
#include "store.h"
#include "u64map.h"

/* Jobs queued for the writer at most: bounds the memory the writer may
 * fall behind by (about 2 KB an article). */
#define WRITER_QUEUE 512

typedef struct wcopy {
	const char *article, *original, *kind; /* in the job's block */
	double score;
} wcopy;

/* One article's writes: everything stored, owned (the writer's queue, or
 * add_sync in the caller's thread). */
/* A move of an earlier article (story revision). */
typedef struct wmove {
	const char *id; /* in the job's mblock */
	int64_t story;
	double score;
} wmove;

typedef struct wjob {
	struct wjob *next;
	plx_article *art;     /* owned (queued jobs), or NULL (the caller's) */
	plx_store_article sa; /* sa.art: the article; sa.rec points at rec */
	plx_record rec;       /* title and source only (in block) */
	plx_story_row row;    /* headline in block */
	wcopy *copies;        /* in block */
	size_t n_copies;
	char *block;
	wmove *moves; /* in mblock */
	size_t n_moves;
	plx_story_row *rows; /* the moved articles' stories, in mblock */
	size_t n_rows;
	char *mblock;
} wjob;

typedef struct writer {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t more, room; /* job queued; job done or queue idle */
	wjob *head, *tail;
	size_t queued;
	int busy; /* the writer holds a job */
	int stop;
	plx_u64map ids, hashes; /* identity sets (values unused) */
} writer;

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
	writer *w; /* NULL: writes run in the caller's thread */
	/* The last rk articles given to the story engine (slot: their input
	 * number mod rk), which revision may still move: store id, story
	 * now, stored story (replay; -1 otherwise). */
	char **rid;
	size_t *rid_cap;
	int64_t *rcur, *rexp;
	size_t rk, n_assigned;
};

void plx_ingest_params_default(plx_ingest_params *p)
{
	p->batch = 20000;
	p->busy_ms = 10000;
	p->cache_mib = 256;
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

/* A replayed article that can no longer move: is it in its stored
 * story? */
static void replay_check(plx_ingest *g, size_t slot)
{
	if (g->rexp[slot] >= 0 && g->rcur[slot] != g->rexp[slot])
		g->stats.mismatched++;
	g->rexp[slot] = -1;
}

/* Runs an analysed article (store id sid; stored in story expect when
 * replayed, else -1) through dedup and stories, and keeps it for
 * revision. */
static int assign(plx_ingest *g, const plx_article *art, const char *sid,
		  int64_t expect, const plx_dedup_result **dr, size_t *story,
		  double *score)
{
	if (!g->rid) {
		g->rk = g->p.stories.revise_window ? g->p.stories.revise_window
						   : 1;
		g->rid = plx_calloc(g->rk, sizeof *g->rid);
		g->rid_cap = plx_calloc(g->rk, sizeof *g->rid_cap);
		g->rcur = plx_malloc(g->rk * sizeof *g->rcur);
		g->rexp = plx_malloc(g->rk * sizeof *g->rexp);
		if (!g->rid || !g->rid_cap || !g->rcur || !g->rexp)
			return PLX_ENOMEM;
		for (size_t i = 0; i < g->rk; i++)
			g->rexp[i] = -1;
	}
	size_t slot = g->n_assigned % g->rk, n = strlen(sid) + 1;
	if (plx_grow((void **)&g->rid[slot], &g->rid_cap[slot], n, 1))
		return PLX_ENOMEM;
	int rc = plx_dedup_add(g->dedup, art, dr);
	if (!rc)
		rc = plx_stories_add(g->stories, art, story, score);
	if (rc)
		return rc;
	replay_check(g, slot); /* the article revise_window before */
	memcpy(g->rid[slot], sid, n);
	g->rcur[slot] = (int64_t)*story;
	g->rexp[slot] = expect;
	g->n_assigned++;
	const plx_story_move *mv;
	size_t n_mv;
	plx_stories_moves(g->stories, &mv, &n_mv);
	for (size_t i = 0; i < n_mv; i++)
		g->rcur[mv[i].article % g->rk] = (int64_t)mv[i].to;
	return PLX_OK;
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
	rc = assign(g, art, rec->id ? rec->id : "", story, &dr, &got, &score);
	plx_article_free(art);
	if (rc)
		return rc;
	g->stats.replayed++;
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
	int rc = assign(g, art, rec->id ? rec->id : "", story, &dr, &got,
			&score);
	plx_article_free(art);
	if (rc)
		return rc;
	g->stats.replayed++;
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

static int replay_threads(plx_ingest *g, plx_analyzer *const *an, unsigned n);

/* Replays the stored articles; then those that could still move are
 * compared with their stored stories. */
static int replay(plx_ingest *g, plx_analyzer *const *an, unsigned n)
{
	int rc = n <= 1 ? plx_store_records(g->store, replay_one, g)
			: replay_threads(g, an, n);
	for (size_t i = 0; !rc && i < g->rk; i++)
		replay_check(g, i);
	return rc;
}

static int replay_threads(plx_ingest *g, plx_analyzer *const *an, unsigned n)
{
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

static int add_sync(plx_ingest *g, const plx_record *rec,
		    const plx_article *art);

/* ---- The writer thread ---------------------------------------------- */

static uint64_t id_key(const char *id)
{
	return XXH3_64bits(id, strlen(id));
}

/* Identity sets: keys of a plx_u64map (0, which it cannot hold, is
 * stored as 1). */
static int set_add(plx_u64map *s, uint64_t key)
{
	return plx_u64map_put(s, key ? key : 1, 0) ? PLX_OK : PLX_ENOMEM;
}

static int set_has(const plx_u64map *s, uint64_t key)
{
	return plx_u64map_find(s, key ? key : 1) != NULL;
}

static void job_free(wjob *j)
{
	if (!j)
		return;
	plx_article_free(j->art);
	plx_free(j->block);
	plx_free(j->mblock);
	plx_free(j);
}

/* The status the ingest failed with, or 0. */
static int failed_status(plx_ingest *g)
{
	if (!g->w)
		return g->failed;
	pthread_mutex_lock(&g->w->mu);
	int rc = g->failed;
	pthread_mutex_unlock(&g->w->mu);
	return rc;
}

/* Waits until the writer has stored every queued job and is idle: the
 * caller's thread may then use the store. */
static void drain(plx_ingest *g)
{
	writer *w = g->w;
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	while (w->head || w->busy)
		pthread_cond_wait(&w->room, &w->mu);
	pthread_mutex_unlock(&w->mu);
}

/* fatal() from the caller's thread in writer mode: once the writer is
 * idle, with the status published under the lock. */
static int fatal_drained(plx_ingest *g, int rc)
{
	drain(g);
	if (!g->w)
		return fatal(g, rc);
	pthread_mutex_lock(&g->w->mu);
	if (!g->failed)
		fatal(g, rc);
	rc = g->failed;
	pthread_mutex_unlock(&g->w->mu);
	return rc;
}

/* Stores one job in the batch (the writer's thread). */
static int write_job(plx_ingest *g, const wjob *j)
{
	int rc = PLX_OK;
	if (g->in_batch == 0)
		rc = plx_store_begin(g->store);
	if (!rc)
		rc = plx_store_put(g->store, &j->sa, NULL);
	if (!rc)
		rc = plx_store_put_story(g->store, &j->row);
	for (size_t i = 0; i < j->n_copies && !rc; i++)
		rc = plx_store_put_copy(g->store, j->copies[i].article,
					j->copies[i].original,
					j->copies[i].kind, j->copies[i].score);
	for (size_t i = 0; i < j->n_moves && !rc; i++)
		rc = plx_store_move(g->store, j->moves[i].id, j->moves[i].story,
				    j->moves[i].score);
	for (size_t i = 0; i < j->n_rows && !rc; i++)
		rc = plx_store_put_story(g->store, &j->rows[i]);
	if (!rc && ++g->in_batch >= g->p.batch) {
		rc = plx_store_commit(g->store);
		if (!rc)
			g->in_batch = 0;
	}
	return rc;
}

static void *write_loop(void *arg)
{
	plx_ingest *g = arg;
	writer *w = g->w;
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->stop && !w->head)
			pthread_cond_wait(&w->more, &w->mu);
		if (w->stop)
			break;
		wjob *j = w->head;
		w->head = j->next;
		if (!w->head)
			w->tail = NULL;
		w->queued--;
		int failed = g->failed;
		w->busy = 1;
		pthread_mutex_unlock(&w->mu);
		int rc = failed ? PLX_OK : write_job(g, j);
		job_free(j);
		pthread_mutex_lock(&w->mu);
		if (rc && !g->failed)
			fatal(g, rc < 0 ? rc : PLX_EDB);
		w->busy = 0;
		pthread_cond_broadcast(&w->room);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static int load_key(const char *id, uint64_t hash, void *ud)
{
	writer *w = ud;
	int rc = set_add(&w->ids, id_key(id));
	return rc ? rc : set_add(&w->hashes, hash);
}

/* Starts the writer thread, its identity sets loaded from the store. */
static int writer_start(plx_ingest *g)
{
	writer *w = plx_calloc(1, sizeof *w);
	if (!w)
		return PLX_ENOMEM;
	int rc = plx_store_keys(g->store, load_key, w);
	if (!rc && pthread_mutex_init(&w->mu, NULL))
		rc = PLX_ENOMEM;
	else if (!rc && pthread_cond_init(&w->more, NULL)) {
		pthread_mutex_destroy(&w->mu);
		rc = PLX_ENOMEM;
	} else if (!rc && pthread_cond_init(&w->room, NULL)) {
		pthread_cond_destroy(&w->more);
		pthread_mutex_destroy(&w->mu);
		rc = PLX_ENOMEM;
	}
	if (!rc) {
		g->w = w;
		if (pthread_create(&w->th, NULL, write_loop, g)) {
			pthread_cond_destroy(&w->room);
			pthread_cond_destroy(&w->more);
			pthread_mutex_destroy(&w->mu);
			g->w = NULL;
			rc = PLX_ENOMEM;
		}
	}
	if (rc) {
		plx_u64map_free(&w->ids);
		plx_u64map_free(&w->hashes);
		plx_free(w);
	}
	return rc;
}

/* Stops the writer; queued jobs are dropped (the batch is rolled back by
 * the caller). */
static void writer_stop(plx_ingest *g)
{
	writer *w = g->w;
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = 1;
	pthread_cond_broadcast(&w->more);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	while (w->head) {
		wjob *j = w->head;
		w->head = j->next;
		job_free(j);
	}
	pthread_cond_destroy(&w->room);
	pthread_cond_destroy(&w->more);
	pthread_mutex_destroy(&w->mu);
	plx_u64map_free(&w->ids);
	plx_u64map_free(&w->hashes);
	plx_free(w);
	g->w = NULL;
}

/* The job of an assigned article: its record fields, story row and copy
 * links copied; art is borrowed (the caller sets j->art to hand it
 * over). */
static wjob *make_job(plx_ingest *g, const plx_record *rec,
		      const plx_article *art, const char *id, uint64_t hash,
		      size_t story, double score, const plx_dedup_result *dr)
{
	plx_story st;
	if (plx_stories_get(g->stories, story, &st))
		return NULL;
	size_t n_copies = dr->n_near + dr->n_reused;
	const char *strs[2] = {rec->title, rec->source};
	size_t need = n_copies * sizeof(wcopy) + strlen(id) + 1;
	for (int i = 0; i < 2; i++)
		need += strs[i] ? strlen(strs[i]) + 1 : 0;
	need += st.headline ? strlen(st.headline) + 1 : 0;
	for (size_t i = 0; i < dr->n_near; i++)
		need += strlen(dr->near[i].id) + 1;
	for (size_t i = 0; i < dr->n_reused; i++)
		need += strlen(dr->reused[i].id) + 1;
	wjob *j = plx_calloc(1, sizeof *j);
	char *b = j ? plx_malloc(need) : NULL;
	if (!b) {
		plx_free(j);
		return NULL;
	}
	j->block = b;
	j->copies = (wcopy *)(void *)b;
	b += n_copies * sizeof(wcopy);
#define PUT(dst, src)                        \
	do {                                 \
		size_t n_ = strlen(src) + 1; \
		memcpy(b, (src), n_);        \
		(dst) = b;                   \
		b += n_;                     \
	} while (0)
	const char *own_id;
	PUT(own_id, id);
	if (rec->title)
		PUT(j->rec.title, rec->title);
	if (rec->source)
		PUT(j->rec.source, rec->source);
	const char *headline = NULL;
	if (st.headline)
		PUT(headline, st.headline);
	for (size_t i = 0; i < dr->n_near; i++) {
		const plx_dedup_match *m = &dr->near[i];
		wcopy *c = &j->copies[j->n_copies++];
		const char *other;
		PUT(other, m->id);
		c->article = m->copies ? own_id : other;
		c->original = m->copies ? other : own_id;
		c->kind = m->exact ? "exact" : "near";
		c->score = m->score;
	}
	for (size_t i = 0; i < dr->n_reused; i++) {
		wcopy *c = &j->copies[j->n_copies++];
		c->article = own_id;
		PUT(c->original, dr->reused[i].id);
		c->kind = "reuse";
		c->score = dr->reused[i].score;
	}
#undef PUT
	int64_t t;
	if (plx_date_parse(plx_article_date(art), &t))
		t = INT64_MIN;
	j->sa = (plx_store_article){art, &j->rec,        hash,
				    t,   (int64_t)story, score};
	j->row = (plx_story_row){(int64_t)story,
				 headline,
				 st.n_articles,
				 st.n_sources,
				 st.first_seen < 0 ? INT64_MIN : st.first_seen,
				 st.last_seen < 0 ? INT64_MIN : st.last_seen};
	return j;
}

/* The moves the story engine just made (revision), into the job: the
 * moved articles' ids and new stories, and the rows of the stories they
 * left and joined. */
static int job_moves(plx_ingest *g, wjob *j)
{
	const plx_story_move *mv;
	size_t n_mv;
	plx_stories_moves(g->stories, &mv, &n_mv);
	if (!n_mv)
		return PLX_OK;
	plx_story st;
	size_t need = n_mv * (sizeof(wmove) + 2 * sizeof(plx_story_row));
	for (size_t i = 0; i < n_mv; i++) {
		need += strlen(g->rid[mv[i].article % g->rk]) + 1;
		for (int k = 0; k < 2; k++) {
			size_t id = k ? mv[i].to : mv[i].from;
			if (plx_stories_get(g->stories, id, &st))
				return PLX_ENOMEM;
			need += st.headline ? strlen(st.headline) + 1 : 0;
		}
	}
	char *b = plx_malloc(need);
	if (!b)
		return PLX_ENOMEM;
	j->mblock = b;
	j->rows = (plx_story_row *)(void *)b;
	b += 2 * n_mv * sizeof(plx_story_row);
	j->moves = (wmove *)(void *)b;
	b += n_mv * sizeof(wmove);
	for (size_t i = 0; i < n_mv; i++) {
		const char *id = g->rid[mv[i].article % g->rk];
		size_t n = strlen(id) + 1;
		memcpy(b, id, n);
		j->moves[j->n_moves++] =
			(wmove){b, (int64_t)mv[i].to, mv[i].score};
		b += n;
		for (int k = 0; k < 2; k++) {
			size_t sid = k ? mv[i].to : mv[i].from, r = 0;
			while (r < j->n_rows && j->rows[r].id != (int64_t)sid)
				r++;
			if (plx_stories_get(g->stories, sid, &st))
				return PLX_ENOMEM;
			const char *h = NULL;
			if (st.headline) {
				n = strlen(st.headline) + 1;
				memcpy(b, st.headline, n);
				h = b;
				b += n;
			}
			if (r == j->n_rows)
				j->n_rows++;
			j->rows[r] = (plx_story_row){
				(int64_t)sid,
				h,
				st.n_articles,
				st.n_sources,
				st.first_seen < 0 ? INT64_MIN : st.first_seen,
				st.last_seen < 0 ? INT64_MIN : st.last_seen};
		}
	}
	return PLX_OK;
}

/* plx_ingest_add_owned in writer mode. */
static int add_queued(plx_ingest *g, const plx_record *rec, plx_article *art)
{
	writer *w = g->w;
	int rc = failed_status(g);
	if (rc) {
		plx_article_free(art);
		return rc;
	}
	uint64_t hash = plx_article_hash(art);
	const char *id = plx_article_id(art);
	char idbuf[32];
	const char *sid = plx_store_id(art, hash, idbuf, sizeof idbuf);
	if (id ? set_has(&w->ids, id_key(id)) : set_has(&w->hashes, hash)) {
		/* Maybe stored (or queued): ask the database once it has
		 * everything. */
		drain(g);
		if ((rc = failed_status(g))) {
			plx_article_free(art);
			return rc;
		}
		rc = plx_store_find(g->store, id, hash, NULL);
		if (rc == 1) {
			g->stats.known++;
			plx_article_free(art);
			return PLX_OK;
		}
		if (rc < 0) {
			plx_article_free(art);
			return fatal_drained(g, rc);
		}
	}
	const plx_dedup_result *dr;
	size_t story;
	double score;
	wjob *j = NULL;
	if ((rc = assign(g, art, sid, -1, &dr, &story, &score)) ||
	    (rc = set_add(&w->ids, id_key(sid))) ||
	    (rc = set_add(&w->hashes, hash))) {
		plx_article_free(art);
		return fatal_drained(g, rc);
	}
	j = make_job(g, rec, art, sid, hash, story, score, dr);
	if (!j || job_moves(g, j)) {
		job_free(j);
		plx_article_free(art);
		return fatal_drained(g, PLX_ENOMEM);
	}
	j->art = art;
	pthread_mutex_lock(&w->mu);
	while (w->queued >= WRITER_QUEUE && !g->failed)
		pthread_cond_wait(&w->room, &w->mu);
	rc = g->failed;
	if (!rc) {
		if (w->tail)
			w->tail->next = j;
		else
			w->head = j;
		w->tail = j;
		w->queued++;
		pthread_cond_signal(&w->more);
	}
	pthread_mutex_unlock(&w->mu);
	if (rc) {
		job_free(j);
		return rc;
	}
	g->stats.stored++;
	g->stats.stories = plx_stories_count(g->stories);
	return PLX_OK;
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
	if (!rc && g->p.cache_mib)
		rc = g->p.cache_mib > (size_t)INT_MAX / 1024
			     ? PLX_EINVAL
			     : plx_store_set_cache(g->store,
						   g->p.cache_mib * 1024);
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
	if (!rc && n_an > 1 && (rc = writer_start(g)) && msg)
		snprintf(msg, msglen, "%s: %s", path, plx_strerror(rc));
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
	int rc = failed_status(g);
	if (rc)
		return rc;
	if (!g->w)
		g->err[0] = 0;
	plx_article *art = NULL;
	rc = plx_analyze(g->an, rec, &art);
	if (!rc)
		return plx_ingest_add_owned(g, rec, art);
	if (rc == PLX_ENOMEM) {
		drain(g);
		if (g->w)
			pthread_mutex_lock(&g->w->mu);
		if (!g->failed)
			snprintf(g->err, sizeof g->err,
				 "%s: out of memory in the "
				 "analysis",
				 rec->id ? rec->id : "record");
		if (g->w)
			pthread_mutex_unlock(&g->w->mu);
		return fatal_drained(g, rc);
	}
	return rc;
}

int plx_ingest_add_owned(plx_ingest *g, const plx_record *rec, plx_article *art)
{
	if (g->w)
		return add_queued(g, rec, art);
	int rc = plx_ingest_add_analyzed(g, rec, art);
	plx_article_free(art);
	return rc;
}

int plx_ingest_add_analyzed(plx_ingest *g, const plx_record *rec,
			    const plx_article *art)
{
	if (g->w) {
		/* The article is borrowed: stored in this thread, once the
		 * writer is idle. */
		drain(g);
		int rc = failed_status(g);
		if (rc)
			return rc;
	}
	return add_sync(g, rec, art);
}

/* Identity, duplicates, story and the writes (the writer's job, written
 * here), all in the caller's thread. */
static int add_sync(plx_ingest *g, const plx_record *rec,
		    const plx_article *art)
{
	if (g->failed)
		return g->failed;
	if (!g->w)
		g->err[0] = 0;
	uint64_t hash = plx_article_hash(art);
	int rc = plx_store_find(g->store, plx_article_id(art), hash, NULL);
	if (rc == 1) {
		g->stats.known++;
		return PLX_OK;
	}
	if (rc < 0)
		return fatal(g, rc);
	const plx_dedup_result *dr;
	size_t story;
	double score;
	char idbuf[32];
	const char *sid = plx_store_id(art, hash, idbuf, sizeof idbuf);
	if ((rc = assign(g, art, sid, -1, &dr, &story, &score)))
		return fatal(g, rc);
	wjob *j = make_job(g, rec, art, sid, hash, story, score, dr);
	if (!j || job_moves(g, j)) {
		job_free(j);
		return fatal(g, PLX_ENOMEM);
	}
	rc = write_job(g, j);
	job_free(j);
	if (rc)
		return fatal(g, rc < 0 ? rc : PLX_EDB);
	if (g->w && ((rc = set_add(&g->w->ids, id_key(sid))) ||
		     (rc = set_add(&g->w->hashes, hash))))
		return fatal(g, rc);
	g->stats.stored++;
	g->stats.stories = plx_stories_count(g->stories);
	return PLX_OK;
}

int plx_ingest_commit(plx_ingest *g)
{
	drain(g);
	if (failed_status(g))
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
	writer_stop(g);
	if (g->store)
		plx_store_rollback(g->store);
	plx_dedup_free(g->dedup);
	plx_stories_free(g->stories);
	plx_store_close(g->store);
	for (size_t i = 0; g->rid && i < g->rk; i++)
		plx_free(g->rid[i]);
	plx_free(g->rid);
	plx_free(g->rid_cap);
	plx_free(g->rcur);
	plx_free(g->rexp);
	plx_free(g);
}
