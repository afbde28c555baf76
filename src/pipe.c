/*
 * pipe.c: parallel analysis ahead of the engines.  Records are pushed in
 * input order and copied into a ring of slots; worker threads, one per
 * analyzer, analyse the oldest queued slots; plx_pipe_pop hands the results
 * back strictly in push order.  The engines (dedup, stories, store) run in
 * the caller's thread on that order, so their results do not depend on the
 * number of threads: analysis is a pure function of the record.
 *
 * With one analyzer no thread is started: pop analyses the oldest record
 * itself.  Slot states: QUEUED (pushed), WORKING (a worker has it), DONE.
 * A JSON Lines line the reader deferred (plx_reader_defer_json) is parsed
 * by the worker too, with its analyzer's limits: the reading thread only
 * finds line ends.
 */
#include <pthread.h>
#include <string.h>

#include "analyzer.h"
#include "mem.h"
#include "parallax.h"
#include "reader.h"

enum { SLOT_QUEUED = 1, SLOT_WORKING, SLOT_DONE };

/* Records queued before an idle worker is woken (at most a quarter of the
 * ring). */
#define WAKE_BATCH 16

typedef struct slot {
	plx_record rec; /* strings point into buf */
	char *buf;
	size_t cap_buf;
	/* A deferred JSON Lines record (rec.json) parsed by the worker:
	 * strings in root or id; msg when it is bad. */
	plx_record parsed;
	void *root;
	plx_buf id;
	char msg[512];
	plx_article *art;
	plx_article *spent; /* handed back (plx_pipe_recycle): freed by the
			       worker that takes the slot next */
	int status;
	int state;
} slot;

typedef struct worker {
	struct plx_pipe *p;
	plx_analyzer *an;
	pthread_t th;
	int started;
} worker;

struct plx_pipe {
	slot *slots;
	size_t cap;               /* slots in the ring */
	size_t head, tail, taken; /* oldest in flight, next push, next for
				     a worker (sequence numbers) */
	worker *w;
	unsigned n_w;
	int stop;
	unsigned idle;  /* workers waiting for work */
	size_t wake_at; /* queued records that wake an idle worker */
	int waiting;    /* the popping thread waits for its slot */
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	int sync;   /* mutex and condition variables initialised */
	slot *last; /* popped last */
};

/* Parses a deferred JSON Lines record (plx_reader_defer_json) and
 * analyses the record: all the work that depends on nothing but it. */
static void run_slot(plx_analyzer *an, slot *s)
{
	/* What the slot held last time is freed here, off the caller's
	 * thread. */
	plx_article_free(s->spent);
	s->spent = NULL;
	plx_reader_json_free(s->root);
	s->root = NULL;
	s->art = NULL;
	s->msg[0] = 0;
	const plx_record *rec = &s->rec;
	if (rec->json) {
		int rc = plx_reader_parse_json(
			rec->text, rec->text_len, rec->path, rec->line,
			&an->limits, &s->parsed, &s->root, &s->id, s->msg,
			sizeof s->msg);
		if (rc < 0) {
			memset(&s->parsed, 0, sizeof s->parsed);
			s->parsed.path = rec->path;
			s->parsed.line = rec->line;
			s->status = rc;
			return;
		}
		rec = &s->parsed;
	}
	s->status = plx_analyze(an, rec, &s->art);
}

static void *work_loop(void *arg)
{
	worker *me = arg;
	plx_pipe *p = me->p;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->taken == p->tail) {
			p->idle++;
			pthread_cond_wait(&p->work, &p->mu);
			p->idle--;
		}
		if (p->stop)
			break;
		slot *s = &p->slots[p->taken++ % p->cap];
		s->state = SLOT_WORKING;
		pthread_mutex_unlock(&p->mu);
		run_slot(me->an, s);
		pthread_mutex_lock(&p->mu);
		s->state = SLOT_DONE;
		if (p->waiting) /* only the popping thread waits on done */
			pthread_cond_signal(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int plx_pipe_new(plx_analyzer *const *an, unsigned n, size_t depth,
		 plx_pipe **out)
{
	*out = NULL;
	if (!an || !n)
		return PLX_EINVAL;
	plx_pipe *p = plx_calloc(1, sizeof *p);
	if (!p)
		return PLX_ENOMEM;
	if (!depth)
		depth = 64 * (size_t)n;
	p->cap = depth + 2; /* see plx_pipe_full */
	p->wake_at = depth / 4 < WAKE_BATCH ? (depth + 3) / 4 : WAKE_BATCH;
	p->slots = plx_calloc(p->cap, sizeof *p->slots);
	p->w = plx_calloc(n, sizeof *p->w);
	p->n_w = n;
	if (!p->slots || !p->w) {
		plx_pipe_free(p);
		return PLX_ENOMEM;
	}
	for (unsigned i = 0; i < n; i++) {
		p->w[i].p = p;
		p->w[i].an = an[i];
	}
	if (n == 1) {
		*out = p;
		return PLX_OK;
	}
	if (pthread_mutex_init(&p->mu, NULL)) {
		plx_pipe_free(p);
		return PLX_ENOMEM;
	}
	if (pthread_cond_init(&p->work, NULL)) {
		pthread_mutex_destroy(&p->mu);
		plx_pipe_free(p);
		return PLX_ENOMEM;
	}
	if (pthread_cond_init(&p->done, NULL)) {
		pthread_cond_destroy(&p->work);
		pthread_mutex_destroy(&p->mu);
		plx_pipe_free(p);
		return PLX_ENOMEM;
	}
	p->sync = 1;
	for (unsigned i = 0; i < n; i++) {
		if (pthread_create(&p->w[i].th, NULL, work_loop, &p->w[i])) {
			plx_pipe_free(p);
			return PLX_ENOMEM;
		}
		p->w[i].started = 1;
	}
	*out = p;
	return PLX_OK;
}

int plx_pipe_full(const plx_pipe *p)
{
	/* The slot popped last stays readable until the next pop: at most
	 * cap - 2 in flight, so a push never reuses it. */
	return p->tail - p->head >= p->cap - 2;
}

size_t plx_pipe_pending(const plx_pipe *p)
{
	return p->tail - p->head;
}

/* Copies the record's strings into the slot's buffer. */
static int copy_record(slot *s, const plx_record *rec)
{
	const char *src[6] = {rec->path, rec->id,     rec->title,
			      rec->date, rec->source, rec->url};
	size_t need = rec->text_len + 1;
	for (int i = 0; i < 6; i++)
		if (src[i])
			need += strlen(src[i]) + 1;
	if (plx_grow((void **)&s->buf, &s->cap_buf, need, 1))
		return PLX_ENOMEM;
	char *o = s->buf;
	const char *dst[6];
	for (int i = 0; i < 6; i++) {
		if (!src[i]) {
			dst[i] = NULL;
			continue;
		}
		size_t n = strlen(src[i]) + 1;
		memcpy(o, src[i], n);
		dst[i] = o;
		o += n;
	}
	if (rec->text_len)
		memcpy(o, rec->text, rec->text_len);
	o[rec->text_len] = 0;
	s->rec = *rec;
	s->rec.path = dst[0];
	s->rec.id = dst[1];
	s->rec.title = dst[2];
	s->rec.date = dst[3];
	s->rec.source = dst[4];
	s->rec.url = dst[5];
	s->rec.text = rec->text ? o : NULL;
	return PLX_OK;
}

int plx_pipe_push(plx_pipe *p, const plx_record *rec)
{
	if (plx_pipe_full(p))
		return PLX_EINVAL;
	/* Workers never touch slots at or after tail: no lock needed for the
	 * copy. */
	slot *s = &p->slots[p->tail % p->cap];
	int rc = copy_record(s, rec);
	if (rc)
		return rc;
	s->art = NULL;
	s->status = 0;
	if (!p->sync) {
		s->state = SLOT_QUEUED;
		p->tail++;
		return PLX_OK;
	}
	pthread_mutex_lock(&p->mu);
	s->state = SLOT_QUEUED;
	p->tail++;
	/* A busy worker takes the next slot itself when it is done; an idle
	 * one is woken when a few records wait (WAKE_BATCH; pop wakes it
	 * sooner when it must wait): one wake-up, not one a record, when the
	 * workers are faster than the caller. */
	if (p->idle && p->tail - p->taken >= p->wake_at)
		pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
	return PLX_OK;
}

int plx_pipe_pop(plx_pipe *p, const plx_record **rec, plx_article **art,
		 int *status)
{
	*rec = NULL;
	*art = NULL;
	*status = 0;
	if (p->head == p->tail)
		return 0;
	slot *s = &p->slots[p->head % p->cap];
	if (!p->sync) {
		run_slot(p->w[0].an, s);
	} else {
		pthread_mutex_lock(&p->mu);
		if (s->state != SLOT_DONE && p->idle)
			pthread_cond_broadcast(&p->work);
		while (s->state != SLOT_DONE) {
			p->waiting = 1;
			pthread_cond_wait(&p->done, &p->mu);
			p->waiting = 0;
		}
		pthread_mutex_unlock(&p->mu);
	}
	p->head++;
	s->state = 0;
	p->last = s;
	*rec = s->rec.json ? &s->parsed : &s->rec;
	*art = s->art;
	*status = s->status;
	s->art = NULL;
	return 1;
}

void plx_pipe_recycle(plx_pipe *p, plx_article *art)
{
	slot *s = (slot *)p->last;
	if (!s || s->spent) {
		plx_article_free(art);
		return;
	}
	/* The slot popped last is not pushed to again before the next pop, so
	 * no worker reads spent yet; the push's lock publishes it. */
	s->spent = art;
}

const char *plx_pipe_errmsg(const plx_pipe *p)
{
	return p->last ? p->last->msg : "";
}

void plx_pipe_free(plx_pipe *p)
{
	if (!p)
		return;
	if (p->sync) {
		pthread_mutex_lock(&p->mu);
		p->stop = 1;
		pthread_cond_broadcast(&p->work);
		pthread_mutex_unlock(&p->mu);
		for (unsigned i = 0; i < p->n_w; i++)
			if (p->w[i].started)
				pthread_join(p->w[i].th, NULL);
		pthread_cond_destroy(&p->work);
		pthread_cond_destroy(&p->done);
		pthread_mutex_destroy(&p->mu);
	}
	for (size_t i = 0; p->slots && i < p->cap; i++) {
		plx_article_free(p->slots[i].art);
		plx_article_free(p->slots[i].spent);
		plx_free(p->slots[i].buf);
		plx_reader_json_free(p->slots[i].root);
		plx_buf_free(&p->slots[i].id);
	}
	plx_free(p->slots);
	plx_free(p->w);
	plx_free(p);
}
