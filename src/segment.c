/*
 * segment.c: stage 2, sentences and tokens.
 *
 * Tokens: runs of letters and digits (with inner apostrophes, hyphens and
 * the dots of "U.S." or "5.93"), or one punctuation character.  A dot
 * between a lower-case word and a capitalised one ("Barbarossa.The") ends
 * the word: a missing space, not an abbreviation.  Each word gets its NFKC
 * case-folded form (utf8proc) and its Snowball stem.
 *
 * Sentences: a paragraph's tokens are cut after '.', '!', '?' or '…' (and
 * any closing quotes or brackets after it) when the next token can start a
 * sentence (capital, digit, opening quote) and the dot does not end a known
 * abbreviation ("Gov.", "Jan.") or an initial ("J.").  An abbreviation
 * that can end a sentence ("U.S.", "p.m.", "Inc.") is cut only before a
 * capitalised function word ("the U.S. The talks", not "the U.S. Capitol").
 * Known limit: a title abbreviation at a sentence end ("... in St.") is
 * never cut.
 */
#include "segment.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "utf8.h"

/* Longest token kept as a word; longer runs (URLs, base64) are cut, so one
 * garbage run cannot make a huge stem call. */
#define MAX_TOKEN_BYTES 256

/* Abbreviations after which a dot does not end a sentence. Lower case,
 * without the dot. */
static const char *const ABBREV[] = {
	"mr",    "mrs",  "ms",   "dr",     "prof", "gov",  "sen",  "rep",
	"gen",   "col",  "lt",   "sgt",    "capt", "cmdr", "adm",  "maj",
	"cpl",   "pvt",  "st",   "mt",     "ft",   "rev",  "fr",   "hon",
	"pres",  "supt", "det",  "insp",   "amb",  "atty", "jan",  "feb",
	"mar",   "apr",  "jun",  "jul",    "aug",  "sep",  "sept", "oct",
	"nov",   "dec",  "mon",  "tue",    "tues", "wed",  "thu",  "thurs",
	"fri",   "sat",  "sun",  "no",     "nos",  "vol",  "vs",   "v",
	"etc",   "e.g",  "i.e",  "approx", "dept", "est",  "inc",  "corp",
	"co",    "ltd",  "jr",   "sr",     "bros", "ave",  "blvd", "rd",
	"calif", "colo", "conn", "fla",    "ga",   "ill",  "ind",  "kan",
	"ky",    "la",   "md",   "mass",   "mich", "minn", "miss", "mo",
	"mont",  "neb",  "nev",  "okla",   "ore",  "pa",   "tenn", "tex",
	"va",    "vt",   "wash", "wis",    "wyo",  "ariz", "ark",  "del",
	"figs",  "fig",  "p",    "pp",     "ph.d", "a.m",  "p.m",  "u.s",
	"u.k",   "u.n",  "d.c",  "e.u",    NULL};

/* Abbreviations that end a sentence when a capital follows ("... the U.S.
 * The talks"): place names and times, unlike titles. */
static const char *const ABBREV_FINAL[] = {"u.s", "u.k", "u.n", "d.c", "e.u",
					   "a.m", "p.m", "etc", "inc", "co",
					   "ltd", "jr",  "sr",  NULL};

static int in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return 1;
	return 0;
}

/* plx_utf8_next with the ASCII case inline: most news text is ASCII, and
 * the tokenizer decodes every character. */
static inline int32_t next_cp(const char *s, size_t len, size_t *i)
{
	unsigned char b = (unsigned char)s[*i];
	if (b < 0x80) {
		(*i)++;
		return b;
	}
	return plx_utf8_next(s, len, i);
}

/* Code point at i without advancing; 0 at the end. */
static int32_t peek(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	return next_cp(s, len, &i);
}

static int is_wordch(int32_t c)
{
	if (c < 0x80)
		return (unsigned)((c | 0x20) - 'a') < 26 ||
		       (unsigned)(c - '0') < 10;
	return plx_is_letter(c) || plx_is_digit(c);
}

/* End of the word or number starting at i. */
static size_t scan_word(const char *s, size_t len, size_t i)
{
	size_t start = i;
	int32_t prev = 0;
	while (i < len) {
		size_t j = i;
		int32_t c = next_cp(s, len, &j);
		if (is_wordch(c)) {
			prev = c;
			i = j;
			continue;
		}
		/* Inner joiners: apostrophes, hyphens, dots, commas in numbers.
		 */
		int32_t next = peek(s, len, j);
		if ((c == '\'' || c == 0x2019 || c == '-' || c == 0x2010) &&
		    plx_is_letter(prev) && plx_is_letter(next)) {
			prev = c;
			i = j;
			continue;
		}
		if ((c == '.' || c == ',') && plx_is_digit(prev) &&
		    plx_is_digit(next)) {
			prev = c;
			i = j;
			continue;
		}
		if (c == '.' && plx_is_letter(prev)) {
			size_t seg =
				i; /* start of the current dot-separated part */
			while (seg > start && s[seg - 1] != '.')
				seg--;
			size_t k = j;
			int32_t n1 = peek(s, len, k);
			if (n1)
				next_cp(s, len, &k);
			int32_t n2 = peek(s, len, k);
			int single =
				i - seg <= 2; /* one letter, maybe 2 bytes */
			/* "U.S." / "e.g.": single letters between dots. */
			if (single && plx_is_letter(n1) &&
			    (n2 == '.' || !is_wordch(n2)) &&
			    (n2 == '.' || seg > start)) {
				prev = c;
				i = j;
				continue;
			}
			if (single && seg > start && !is_wordch(n1)) {
				i = j; /* the closing dot of "U.S." */
				break;
			}
			/* "nytimes.com" continues; "Barbarossa.The" is a
			 * missing space. */
			if (plx_is_letter(n1) && !plx_is_upper(n1) &&
			    !plx_is_upper(prev)) {
				prev = c;
				i = j;
				continue;
			}
		}
		break;
	}
	if (i - start > MAX_TOKEN_BYTES) {
		/* Cut at a character boundary. */
		size_t cut = start + MAX_TOKEN_BYTES;
		while (cut > start && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		return cut;
	}
	return i;
}

/* Writes the folded form of s[0..n) into the arena. */
static char *fold(plx_arena *ar, const char *s, size_t n, int ascii)
{
	if (ascii) {
		char *p = plx_arena_alloc(ar, n + 1);
		if (!p)
			return NULL;
		for (size_t i = 0; i < n; i++) {
			char c = s[i];
			p[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		}
		p[n] = 0;
		return p;
	}
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t r = utf8proc_map(
		(const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
		UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
			UTF8PROC_CASEFOLD);
	if (r < 0) {
		free(m);
		return plx_arena_strndup(ar, s, n);
	}
	/* Fold typographic apostrophes so "don’t" and "don't" meet. */
	char *p = plx_arena_alloc(ar, (size_t)r + 1);
	if (p) {
		size_t o = 0;
		for (utf8proc_ssize_t i = 0; i < r; i++) {
			if (i + 2 < r && m[i] == 0xE2 && m[i + 1] == 0x80 &&
			    m[i + 2] == 0x99) {
				p[o++] = '\'';
				i += 2;
			} else
				p[o++] = (char)m[i];
		}
		p[o] = 0;
	}
	free(m); /* utf8proc allocates with malloc */
	return p;
}

/* Stop words: the commonest English function words.  Kept in strcmp
 * order: is_stop binary-searches it. */
static const char *const STOP[] = {
	"a",     "about", "after",  "all",   "also",  "an",     "and",   "any",
	"are",   "as",    "at",     "be",    "been",  "before", "being", "but",
	"by",    "can",   "could",  "did",   "do",    "does",   "for",   "from",
	"had",   "has",   "have",   "he",    "her",   "him",    "his",   "how",
	"i",     "if",    "in",     "into",  "is",    "it",     "its",   "may",
	"me",    "might", "more",   "most",  "must",  "my",     "no",    "not",
	"of",    "on",    "or",     "other", "our",   "out",    "over",  "said",
	"shall", "she",   "should", "so",    "some",  "such",   "than",  "that",
	"the",   "their", "them",   "then",  "there", "these",  "they",  "this",
	"those", "to",    "up",     "us",    "was",   "we",     "were",  "what",
	"when",  "where", "which",  "who",   "whom",  "why",    "will",  "with",
	"would", "you",   "your"};

/* Is w[0..n) in stop (n_stop words in strcmp order)?  Binary search. */
static int in_stop(const char *const *stop, size_t n_stop, const char *w,
		   size_t n)
{
	size_t lo = 0, hi = n_stop;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(stop[mid], w, n);
		if (c == 0 && stop[mid][n])
			c = 1; /* stop[mid] is longer: after w */
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Is w[0..n) a stop word? */
static int is_stop(const char *w, size_t n)
{
	return in_stop(STOP, sizeof STOP / sizeof *STOP, w, n);
}

/* Stem cache.  Snowball costs about a microsecond a word, and news text
 * repeats its words (Zipf), so each thread keeps the stems of recent words
 * in a direct-mapped table: FNV-1a of the folded word picks the slot, a hit
 * needs the same bytes, a miss stems and overwrites the slot.  32768 slots
 * (2 MB a thread, touched as used) leave a third of 2048's stemming work on
 * 3,000 Reuters articles (callgrind: 12% -> 4% of the `cluster`
 * instructions); record titles share it (plx_title_words); words longer than
 * STEM_CACHE_BYTES - 1 are rare and always stemmed.  Thread-local, not in
 * the analyzer: the English stemmer is a pure function of the word, so
 * every analyzer of a thread may share it, and it costs no allocation. */
#define STEM_CACHE_SLOTS 32768
#define STEM_CACHE_BYTES 30

/* 64 bytes, aligned: a lookup touches one cache line. */
typedef struct stem_slot {
	_Alignas(64) unsigned char wlen; /* 0: empty */
	unsigned char slen;
	unsigned char stop; /* the word is a stop word */
	unsigned char pad;
	char word[STEM_CACHE_BYTES];
	char stem[STEM_CACHE_BYTES];
} stem_slot;
_Static_assert(sizeof(stem_slot) == 64, "one cache line a slot");

static _Thread_local stem_slot stem_cache[STEM_CACHE_SLOTS];

/* The stem of the folded word w[0..n) through the cache (*sl its length,
 * borrowed until the next call on this thread; *stop whether w is a stop
 * word); NULL when out of memory.  stemmer is an English one. */
static const char *stem_cached(struct sb_stemmer *stemmer, const char *w,
			       size_t n, size_t *sl, int *stop)
{
	stem_slot *slot = NULL;
	if (n < STEM_CACHE_BYTES) {
		uint32_t h = 2166136261u;
		for (size_t k = 0; k < n; k++)
			h = (h ^ (unsigned char)w[k]) * 16777619u;
		slot = &stem_cache[h & (STEM_CACHE_SLOTS - 1)];
		if (slot->wlen == n && memcmp(slot->word, w, n) == 0) {
			*stop = slot->stop;
			*sl = slot->slen;
			return slot->stem;
		}
	}
	*stop = is_stop(w, n);
	const sb_symbol *st =
		sb_stemmer_stem(stemmer, (const sb_symbol *)w, (int)n);
	if (!st)
		return NULL;
	*sl = (size_t)sb_stemmer_length(stemmer);
	if (slot && *sl < STEM_CACHE_BYTES) {
		slot->wlen = (unsigned char)n;
		slot->slen = (unsigned char)*sl;
		slot->stop = (unsigned char)*stop;
		memcpy(slot->word, w, n);
		memcpy(slot->stem, st, *sl);
	}
	return (const char *)st;
}

/* Sets t->stem from t->norm (itself when the stem is the same word) and
 * PLX_TOK_STOP. */
static int stem_word(plx_analyzer *an, plx_arena *ar, plx_token *t)
{
	const char *w = t->norm;
	size_t n = strlen(w), sl;
	int stop;
	const char *st = stem_cached(an->stemmer, w, n, &sl, &stop);
	if (!st)
		return PLX_ENOMEM;
	if (stop)
		t->flags |= PLX_TOK_STOP;
	if (sl != n || memcmp(st, w, sl)) {
		t->stem = plx_arena_strndup(ar, st, sl);
		if (!t->stem)
			return PLX_ENOMEM;
	}
	return PLX_OK;
}

static int tokenize(plx_analyzer *an, plx_article *art, size_t from, size_t to)
{
	const char *s = art->text;
	size_t i = from;
	while (i < to) {
		size_t j = i;
		int32_t c = next_cp(s, to, &j);
		if (c == ' ' || c == '\n' || c == 0xFFFD || plx_is_space(c)) {
			i = j;
			continue;
		}
		plx_token *t = plx_article_add_tok(art);
		if (!t)
			return PLX_ENOMEM;
		t->start = i;
		if (is_wordch(c)) {
			size_t e = scan_word(s, to, i);
			int ascii = 1;
			for (size_t k = i; k < e; k++)
				if ((unsigned char)s[k] >= 0x80)
					ascii = 0;
			t->end = e;
			t->flags =
				plx_is_digit(c) ? PLX_TOK_NUMBER : PLX_TOK_WORD;
			if (plx_is_upper(c))
				t->flags |= PLX_TOK_UPPER;
			t->norm = fold(&art->arena, s + i, e - i, ascii);
			if (!t->norm)
				return PLX_ENOMEM;
			t->stem = t->norm;
			if (t->flags & PLX_TOK_WORD) {
				if (stem_word(an, &art->arena, t))
					return PLX_ENOMEM;
			}
			i = e;
		} else {
			t->end = j;
			t->flags = PLX_TOK_PUNCT;
			if (plx_quote_mark(c) || c == '\'')
				t->flags |= PLX_TOK_QUOTE;
			t->norm = t->stem =
				plx_arena_strndup(&art->arena, s + i, j - i);
			if (!t->norm)
				return PLX_ENOMEM;
			i = j;
		}
	}
	return PLX_OK;
}

static int32_t tok_char(const char *s, const plx_token *t)
{
	size_t i = t->start;
	return next_cp(s, t->end, &i);
}

static int is_terminal(const char *s, const plx_token *t)
{
	if (!(t->flags & PLX_TOK_PUNCT))
		return 0;
	int32_t c = tok_char(s, t);
	return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

static int is_closer(const char *s, const plx_token *t)
{
	if (!(t->flags & PLX_TOK_PUNCT))
		return 0;
	int32_t c = tok_char(s, t);
	return c == ')' || c == ']' || c == '\'' ||
	       (plx_quote_mark(c) & PLX_QM_CLOSE);
}

/* Can token t start a sentence? */
static int can_start(const char *s, const plx_token *t)
{
	int32_t c = tok_char(s, t);
	if (t->flags & (PLX_TOK_UPPER | PLX_TOK_NUMBER))
		return 1;
	if (t->flags & PLX_TOK_PUNCT)
		return (plx_quote_mark(c) & PLX_QM_OPEN) || c == '(' ||
		       c == '[' || c == '-' || c == 0x2014 || c == 0x2013;
	/* A lower-case word after a dot: "iPhone", or a real continuation. */
	return 0;
}

/* Is the token before a terminal dot an abbreviation or an initial? */
static int dot_is_abbrev(const plx_article *art, size_t k,
			 const plx_token *next)
{
	const plx_token *w = &art->toks[k];
	if (!(w->flags & PLX_TOK_WORD))
		return 0;
	const char *n = w->norm;
	size_t len = strlen(n);
	if (len && n[len - 1] == '.')
		len--; /* "u.s." token keeps its dot */
	if (in_list(ABBREV_FINAL, n, len))
		/* "the U.S. The talks" ends; "the U.S. Capitol" does not: a
		 * capitalised function word is the cheap tell. */
		return !(next && (next->flags & PLX_TOK_UPPER) &&
			 (next->flags & PLX_TOK_STOP));
	if (in_list(ABBREV, n, len))
		return 1;
	/* A single capital letter: an initial ("Antony J. Blinken"). */
	if (w->end - w->start == 1 && (w->flags & PLX_TOK_UPPER))
		return 1;
	return 0;
}

int plx_segment(plx_analyzer *an, plx_article *art)
{
	for (size_t p = 0; p < art->n_paras; p++) {
		plx_paragraph *para = &art->paras[p];
		size_t t0 = art->n_toks;
		int rc = tokenize(an, art, para->start, para->end);
		if (rc)
			return rc;
		size_t t1 = art->n_toks;
		para->first_sentence = art->n_sents;
		size_t k = t0;
		while (k < t1) {
			size_t begin = k;
			size_t end =
				t1; /* one past the sentence's last token */
			for (; k < t1; k++) {
				const plx_token *t = &art->toks[k];
				int term = is_terminal(art->text, t);
				/* A "U.S." token that ends the sentence carries
				 * the dot. */
				if (!term && (t->flags & PLX_TOK_WORD) &&
				    art->text[t->end - 1] == '.' &&
				    k + 1 < t1 &&
				    (art->toks[k + 1].flags & PLX_TOK_UPPER) &&
				    dot_is_abbrev(art, k, &art->toks[k + 1]) ==
					    0)
					term = 1;
				if (!term)
					continue;
				size_t e = k + 1;
				/* Closing marks hug what they close: a mark
				 * after a space ("guarded. “We") opens the next
				 * sentence. */
				while (e < t1 &&
				       (is_terminal(art->text, &art->toks[e]) ||
					(is_closer(art->text, &art->toks[e]) &&
					 art->toks[e].start ==
						 art->toks[e - 1].end)))
					e++;
				if (e >= t1) {
					k = e;
					end = e;
					break;
				}
				if (!can_start(art->text, &art->toks[e]))
					continue;
				int32_t c = tok_char(art->text, t);
				if (c == '.' && k > begin &&
				    art->toks[k - 1].end == t->start &&
				    dot_is_abbrev(art, k - 1, &art->toks[e]))
					continue;
				end = e;
				k = e;
				break;
			}
			if (end > t1)
				end = t1;
			plx_sentence *sn = plx_article_add_sent(art);
			if (!sn)
				return PLX_ENOMEM;
			sn->start = art->toks[begin].start;
			sn->end = art->toks[end - 1].end;
			sn->paragraph = p;
			sn->first_token = begin;
			sn->n_tokens = end - begin;
			k = end;
		}
		para->n_sentences = art->n_sents - para->first_sentence;
	}
	return PLX_OK;
}

struct split_ctx {
	int (*fn)(size_t, size_t, void *);
	void *ud;
};

int plx_split_sentences(const char *text, size_t len,
			int (*fn)(size_t start, size_t end, void *ud), void *ud)
{
	/* Runs the segmenter over a one-paragraph article. */
	plx_article art;
	memset(&art, 0, sizeof art);
	plx_arena_init(&art.arena);
	art.text = (char *)text;
	art.len = len;
	plx_analyzer an;
	memset(&an, 0, sizeof an);
	an.stemmer = sb_stemmer_new("english", "UTF_8");
	int rc = an.stemmer ? PLX_OK : PLX_ENOMEM;
	plx_paragraph *p = rc ? NULL : plx_article_add_para(&art);
	if (!rc && !p)
		rc = PLX_ENOMEM;
	if (!rc) {
		p->start = 0;
		p->end = len;
		rc = plx_segment(&an, &art);
	}
	for (size_t i = 0; !rc && i < art.n_sents; i++)
		rc = fn(art.sents[i].start, art.sents[i].end, ud);
	if (an.stemmer)
		sb_stemmer_delete(an.stemmer);
	plx_free(art.paras);
	plx_free(art.sents);
	plx_free(art.toks);
	plx_arena_free(&art.arena);
	return rc;
}

int plx_title_words(const char *title, struct sb_stemmer *stemmer,
		    const char *const *stop, size_t n_stop, size_t max_len,
		    int (*fn)(void *ud, const char *w, size_t n, int number),
		    void *ud)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t r;
	size_t tl = strlen(title), k = 0;
	while (k < tl && (unsigned char)title[k] < 0x80)
		k++;
	int ascii = k == tl;
	if (ascii) {
		/* ASCII: NFKC case folding is lower-casing A-Z. */
		m = plx_malloc(tl + 1);
		if (!m)
			return PLX_ENOMEM;
		for (k = 0; k <= tl; k++)
			m[k] = (utf8proc_uint8_t)(title[k] >= 'A' && title[k] <=
									     'Z'
							  ? title[k] + 32
							  : title[k]);
		r = (utf8proc_ssize_t)tl;
	} else {
		r = utf8proc_map((const utf8proc_uint8_t *)title, 0, &m,
				 UTF8PROC_NULLTERM | UTF8PROC_STABLE |
					 UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
					 UTF8PROC_CASEFOLD);
		if (r < 0) {
			free(m);
			return r == UTF8PROC_ERROR_NOMEM ? PLX_ENOMEM : PLX_OK;
		}
	}
	int rc = PLX_OK;
	const char *t = (const char *)m;
	size_t i = 0, n = (size_t)r;
	while (i < n && !rc) {
		unsigned char c = (unsigned char)t[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c >= 0x80)) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n) {
			c = (unsigned char)t[j];
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    c >= 0x80 ||
			    (c == '\'' && j + 1 < n && t[j + 1] >= 'a'))
				j++;
			else
				break;
		}
		size_t len = j - i;
		if (len <= max_len && !in_stop(stop, n_stop, t + i, len)) {
			if (t[i] >= '0' && t[i] <= '9')
				rc = fn(ud, t + i, len, 1);
			else if (len > 1) {
				size_t sl;
				int is_sw;
				const char *st = stem_cached(stemmer, t + i,
							     len, &sl, &is_sw);
				rc = st ? fn(ud, st, sl, 0) : PLX_ENOMEM;
			}
		}
		i = j;
	}
	if (ascii)
		plx_free(m);
	else
		free(m); /* utf8proc allocates with malloc */
	return rc;
}
