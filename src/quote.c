/*
 * quote.c: stage 4, direct quotations and their speakers.  Runs after
 * clean, segment and entity; fills art->quotes in text order.
 *
 * Design.
 *
 * 1. Pairing.  One pass over each paragraph's characters with a small stack
 *    of open marks (MAX_NEST deep).  Each mark is classified by its kind and
 *    by flanking (Markdown's rule): it can open when white space or an
 *    opening bracket is before it and a non-space after, close when the
 *    reverse.  Straight " pairs by position: an open " closes at the next
 *    " that can close, and one that can only open replaces the older,
 *    unbalanced one.  “ closes a German „; « and » pair either way; ‘ and ’
 *    between letters (don’t, There‘s) or before a digit (’90s) are
 *    apostrophes.  A close pops the nearest compatible opener and drops the
 *    unbalanced ones above it; only level-0 pairs become quotes (a nested
 *    ‘...’ is part of its outer quote).  A paragraph that ends inside a
 *    quote continues it when the next paragraph opens with a mark of the
 *    same family (the English multi-paragraph convention); otherwise the
 *    opener is dropped.  A pair longer than limits->max_quote_bytes is an
 *    unbalanced mark, not a quote.  Every mark costs O(MAX_NEST), so the
 *    pass is linear even on 10,000 unbalanced marks.
 *
 * 2. Partial quotes.  A quote is full when it opens a sentence (paragraph
 *    start, or after . ? ! : ; , — or another quote) and starts with a
 *    capital or ends with punctuation inside the marks, or when it holds a
 *    whole sentence (capital, terminal punctuation, MIN_FULL_WORDS words).
 *    Anything else is a phrase embedded in a sentence: partial.
 *
 * 3. Attribution, in order of preference, looking only at a window of
 *    WINDOW tokens around the marks (never the whole article):
 *    a. after the closing mark, up to the sentence end or the next quote:
 *       "..., CUE SPEAKER" (said the official) or "..., SPEAKER CUE"
 *       (Blinken told reporters; Smith, a spokesman, said);
 *    b. before the opening mark in the same sentence: "SPEAKER CUE: ...",
 *       "according to SPEAKER, ...", "SPEAKER described X as “...”" (for a
 *       partial quote only when no other quote lies in between);
 *    c. a previous sentence ending with a colon that holds a cue;
 *    e. a quote inside a sentence with no cue: the sentence's main-clause
 *       subject (clause_subject: "Clinton decried the GOP for “...”"),
 *       unless it is a short phrase modifying the next noun (“open door”
 *       policy) or the verb is a bare copula ("The plan is an “...”");
 *    f. a full quote opening its sentence: the colon cue or subject of
 *       the quote-free sentence before it ("Jared Potts echoed:");
 *    d. a full quote with no cue takes the speaker of the previous quote of
 *       its paragraph (“We’ll see,” he said. “Meanwhile, ...”) or of the
 *       previous paragraph (the news convention for quote paragraphs).
 *    g. a quote inside a relative clause ("Swanson, who slammed X for
 *       “...”", "Harlow, who said ...") takes the relative pronoun: its
 *       span (PolNeAR's Source), its antecedent's name as text.
 *    A text after a full stop inside the marks (“... it.” She noted)
 *    starts a new sentence and is no cue for the quote before it.
 *    Before the quote the FIRST cue of the clause wins (the main verb:
 *    "Cruz said he is certain Rubio will continue to be “...”"); a cue
 *    followed by "to" reports nothing; participles ("..., saying",
 *    "“...,” telling reporters") take the sentence's subject; after a
 *    quote ending in a comma, "NAME VERB" needs no speech verb ("Trump
 *    barked", "Viguerie notes").
 *    Cues are ~80 speech verbs in their inflected forms plus "according
 *    to"; "told" takes its listener ("told reporters"), "posted" and
 *    friends a medium ("on Twitter", "in a statement").  A speaker is a
 *    pronoun, a name, or a description ("a second Biden administration
 *    official"): content words plus determiners and "of", no other function
 *    words.  A named speaker is looked up with plx_entity_at; its surface
 *    text is kept when no entity covers it.
 *
 * 4. Pronouns.  he/she resolve to the most salient person before the cue:
 *    the latest of (i) the subject of a sentence outside quotes (the first
 *    name directly followed by a verb-like word: "In Geneva, Blinken
 *    described ...") and (ii) the speaker of an earlier quote, provided it
 *    names a person (a person entity; without entities, a capitalised name
 *    or a description whose head is a person noun).  they resolves the same
 *    way to a plural description or an organisation.  Unresolved pronouns
 *    keep the pronoun as the speaker text.  Subjects are computed once per
 *    sentence and consumed by a pointer that only moves forward.  Gender:
 *    he/she skip back over up to MAX_SALIENT recent persons of the other
 *    gender (plx_entity_gender: given name, title, the article's own
 *    he/she; else plx_name_gender of the span: "a spokeswoman"); a person
 *    of unknown gender takes either pronoun, a group or organisation in
 *    between stops the search.
 *
 * Known limits: gender only from names, titles and nearby pronouns (a
 * surname-only unknown takes either pronoun), no syntax (a
 * name followed by a verb is taken as a subject; a fronted object or a
 * relative clause defeats clause_subject), attribution to a speaker more
 * than one sentence away only through pronouns, colons and the previous
 * paragraph's quote.  Tuned on PolNeAR, whose annotators credit nearly
 * every partial quote to its sentence's subject.
 */
#include "quote.h"

#include <string.h>

#include "entity.h"
#include "utf8.h"

/* Depth of the mark stack: real text nests two levels; more is noise, and
 * the bound keeps each mark O(1). */
#define MAX_NEST 8
/* Tokens searched on either side of a quote for its cue and speaker: an
 * attribution sits within a clause of its quote. */
#define WINDOW 30
/* Longest speaker phrase, in tokens ("Russian Foreign Minister Sergei V.
 * Lavrov" is 6). */
#define MAX_SPEAKER_TOKS 9
/* Words a quote needs to count as a whole sentence without an opening
 * context. */
#define MIN_FULL_WORDS 4
/* Sentences back a pronoun may look for its antecedent. */
#define MAX_PRONOUN_SENTS 12
/* Candidates a pronoun may skip back over for one of its gender ("Clinton
 * met Sanders ... she said"). */
#define MAX_SALIENT 8

/* ---- Marks ------------------------------------------------------------ */

enum fam { FAM_DOUBLE, FAM_SINGLE, FAM_GUIL, FAM_SGUIL };

typedef struct opener {
	size_t pos;   /* offset of the mark */
	size_t after; /* offset just past it */
	int32_t c;
	enum fam fam;
	size_t para;
} opener;

/* Extra per-quote data the attribution needs. */
typedef struct qx {
	size_t open,
		close_end; /* the marks: [open, start) and [end, close_end) */
	size_t t_open, t_close; /* token indices of the marks */
	int named;              /* has its own cue (not inherited) */
} qx;

typedef struct qstate {
	plx_article *art;
	qx *x;
	size_t n_x, cap_x;
	opener st[MAX_NEST];
	int depth;
	unsigned char *inq; /* per token: 1 inside a quote, 2 a quote's mark */
} qstate;

static int32_t char_before(const char *s, size_t lo, size_t i)
{
	if (i <= lo)
		return 0;
	size_t st;
	return plx_utf8_prev(s, i, &st);
}

static int32_t char_at(const char *s, size_t hi, size_t i)
{
	if (i >= hi)
		return 0;
	return plx_utf8_next(s, hi, &i);
}

static int is_open_punct(int32_t c)
{
	return c == '(' || c == '[' || c == '{' || c == 0x2014 || c == 0x2013 ||
	       c == '-' || c == '/' || (plx_quote_mark(c) & PLX_QM_OPEN);
}

static int is_close_punct(int32_t c)
{
	return plx_is_punct(c) && !(c == '(' || c == '[' || c == '{');
}

static enum fam family(int32_t c)
{
	switch (c) {
	case 0x2018:
	case 0x2019:
	case 0x201A:
	case '\'': return FAM_SINGLE;
	case 0xAB:
	case 0xBB: return FAM_GUIL;
	case 0x2039:
	case 0x203A: return FAM_SGUIL;
	default: return FAM_DOUBLE;
	}
}

/* Index of the nearest opener on the stack that c closes, or -1. */
static int find_opener(const qstate *q, int32_t c)
{
	for (int i = q->depth - 1; i >= 0; i--) {
		int32_t o = q->st[i].c;
		int ok = 0;
		switch (c) {
		case '"':
		case 0x2033: ok = o == '"' || o == 0x2033; break;
		case 0x201C: ok = o == 0x201E || o == 0x201F; break;
		case 0x201D:
			ok = o == 0x201C || o == 0x201E || o == 0x201D ||
			     o == 0x201F;
			break;
		case 0xBB: ok = o == 0xAB; break;
		case 0xAB: ok = o == 0xBB; break;
		case 0x203A: ok = o == 0x2039; break;
		case 0x2039: ok = o == 0x203A; break;
		case 0x2018: ok = o == 0x201A; break;
		case 0x2019:
		case '\'':
			ok = o == 0x2018 || o == 0x201A || o == '\'' ||
			     o == 0x2019;
			break;
		default: break;
		}
		if (ok)
			return i;
	}
	return -1;
}

static int has_wordch(const char *s, size_t a, size_t b)
{
	while (a < b) {
		int32_t c = plx_utf8_next(s, b, &a);
		if (plx_is_letter(c) || plx_is_digit(c))
			return 1;
	}
	return 0;
}

static int push(qstate *q, size_t pos, size_t after, int32_t c, size_t para)
{
	if (q->depth == MAX_NEST) {
		memmove(q->st, q->st + 1, sizeof q->st[0] * (MAX_NEST - 1));
		q->depth--;
	}
	opener *o = &q->st[q->depth++];
	o->pos = pos;
	o->after = after;
	o->c = c;
	o->fam = family(c);
	o->para = para;
	return PLX_OK;
}

/* Closes opener i with the mark [pos, after); emits a level-0 quote. */
static int close_at(qstate *q, int i, size_t pos, size_t after)
{
	opener o = q->st[i];
	q->depth = i;
	if (i != 0)
		return PLX_OK;
	plx_article *art = q->art;
	if (pos - o.after > art->limits->max_quote_bytes ||
	    !has_wordch(art->text, o.after, pos))
		return PLX_OK;
	if (plx_grow((void **)&q->x, &q->cap_x, q->n_x + 1, sizeof *q->x))
		return PLX_ENOMEM;
	plx_quote *qt = plx_article_add_quote(art);
	if (!qt)
		return PLX_ENOMEM;
	/* « French spacing » stays outside the span */
	size_t a = o.after, b = pos, t;
	while (a < b) {
		t = a;
		if (!plx_is_space(plx_utf8_next(art->text, b, &t)))
			break;
		a = t;
	}
	while (b > a && plx_is_space(plx_utf8_prev(art->text, b, &t)))
		b = t;
	qt->start = a;
	qt->end = b;
	qt->paragraph = o.para;
	qt->speaker_entity = -1;
	qx *x = &q->x[q->n_x++];
	memset(x, 0, sizeof *x);
	x->open = o.pos;
	x->close_end = after;
	return PLX_OK;
}

/* Handles one mark c at [i, j) of the paragraph [lo, hi). */
static int mark(qstate *q, int32_t c, size_t lo, size_t hi, size_t i, size_t j,
		size_t para)
{
	const char *s = q->art->text;
	int32_t pc = char_before(s, lo, i), nc = char_at(s, hi, j);
	int space_before = !pc || plx_is_space(pc) || is_open_punct(pc);
	int space_after = !nc || plx_is_space(nc) || is_close_punct(nc);
	int can_open = space_before && nc && !plx_is_space(nc);
	int can_close = pc && !plx_is_space(pc) && space_after;
	int letters = plx_is_letter(pc) && plx_is_letter(nc);
	int k;

	switch (c) {
	case '"':
	case 0x2033:
		k = find_opener(q, c);
		if (k >= 0 && (can_close || !can_open))
			return close_at(q, k, i, j);
		if (k >= 0)
			q->depth = k; /* the older " was unbalanced */
		return can_open ? push(q, i, j, c, para) : PLX_OK;
	case 0x201C:
		k = find_opener(q, c);
		if (k >= 0)
			return close_at(q, k, i, j);
		/* “text“: a closer typed as an opener */
		if (can_close && !can_open && (k = find_opener(q, 0x201D)) >= 0)
			return close_at(q, k, i, j);
		/* a second “ with the first still open: the first was
		 * unbalanced */
		for (k = q->depth - 1; k >= 0; k--)
			if (q->st[k].c == 0x201C) {
				q->depth = k;
				break;
			}
		return push(q, i, j, c, para);
	case 0x201D:
		k = find_opener(q, c);
		if (k >= 0)
			return close_at(q, k, i, j);
		return can_open && !can_close ? push(q, i, j, c, para) : PLX_OK;
	case 0x201E:
	case 0x201F:
	case 0x201A: return push(q, i, j, c, para);
	case 0xAB:
	case 0xBB:
	case 0x2039:
	case 0x203A:
		/* Guillemets pair either way and allow spaces inside. */
		k = find_opener(q, c);
		if (k >= 0)
			return close_at(q, k, i, j);
		if ((c == 0xBB || c == 0x203A) && !nc)
			return PLX_OK;
		return push(q, i, j, c, para);
	case 0x2018:
		if (letters || (plx_is_digit(nc) && space_before))
			return PLX_OK; /* There‘s, ‘90s */
		k = find_opener(q, c);
		if (k >= 0)
			return close_at(q, k, i, j);
		if (can_open)
			return push(q, i, j, c, para);
		if (can_close && (k = find_opener(q, 0x2019)) >= 0)
			return close_at(q, k, i, j);
		return PLX_OK;
	case 0x2019:
	case '\'':
		if (letters ||
		    (space_before && (plx_is_letter(nc) || plx_is_digit(nc)) &&
		     c == 0x2019))
			return PLX_OK; /* don’t, ’90s, ’em */
		if (plx_is_digit(nc) && space_before)
			return PLX_OK; /* '90s */
		k = find_opener(q, c);
		if (k >= 0 && can_close)
			return close_at(q, k, i, j);
		if (c == '\'' && can_open)
			return push(q, i, j, c, para);
		return PLX_OK;
	default: return PLX_OK;
	}
}

/* First character of paragraph p opens a quote of family f? */
static int para_opens(const plx_article *art, size_t p, enum fam f)
{
	if (p >= art->n_paras)
		return 0;
	size_t i = art->paras[p].start;
	int32_t c = char_at(art->text, art->paras[p].end, i);
	return (plx_quote_mark(c) & PLX_QM_OPEN) && family(c) == f &&
	       c != 0x2019;
}

static int find_pairs(qstate *q)
{
	plx_article *art = q->art;
	const char *s = art->text;
	for (size_t p = 0; p < art->n_paras; p++) {
		size_t lo = art->paras[p].start, hi = art->paras[p].end;
		size_t i = lo;
		if (q->depth > 0) {
			/* Carried over from the previous paragraph: its first
			 * character is the continuation mark; skip it. */
			q->depth = 1;
			size_t j = i;
			plx_utf8_next(s, hi, &j);
			i = j;
		}
		while (i < hi) {
			unsigned char b = (unsigned char)s[i];
			if (b != '"' && b != '\'' && b != 0xC2 && b != 0xE2) {
				i++;
				continue;
			}
			size_t j = i;
			int32_t c = plx_utf8_next(s, hi, &j);
			if (c == '\'' && j < hi && s[j] == '\'') {
				c = '"'; /* '' typed for " (NYT archive style)
					  */
				j++;
			}
			if (plx_quote_mark(c) || c == '\'') {
				int rc = mark(q, c, lo, hi, i, j, p);
				if (rc)
					return rc;
			}
			i = j;
		}
		/* Multi-paragraph quote: only the outermost opener survives,
		 * and only when the next paragraph reopens it. */
		if (q->depth > 0 && !(q->st[0].fam != FAM_SINGLE &&
				      para_opens(art, p + 1, q->st[0].fam)))
			q->depth = 0;
		if (q->depth > 0 && art->paras[p + 1].end - q->st[0].after >
					    art->limits->max_quote_bytes)
			q->depth = 0;
	}
	return PLX_OK;
}

/* ---- Words ------------------------------------------------------------ */

static int in_list(const char *const *list, const char *w)
{
	for (; *list; list++)
		if (strcmp(*list, w) == 0)
			return 1;
	return 0;
}

/* Speech verbs, base forms; regular inflections are derived (adds, added,
 * quipped, replied). */
static const char *const CUE_BASE[] = {
	"add",       "acknowledge", "admit",    "affirm",    "agree",
	"allege",    "announce",    "answer",   "argue",     "ask",
	"assert",    "boast",       "blast",    "caution",   "chide",
	"claim",     "comment",     "complain", "concede",   "conclude",
	"concur",    "confirm",     "contend",  "continue",  "counter",
	"declare",   "deny",        "describe", "elaborate", "emphasize",
	"emphasise", "estimate",    "exclaim",  "explain",   "fume",
	"insist",    "interject",   "joke",     "lament",    "maintain",
	"mention",   "mock",        "muse",     "note",      "observe",
	"pledge",    "plead",       "predict",  "proclaim",  "promise",
	"quip",      "recall",      "recount",  "reiterate", "remark",
	"remind",    "repeat",      "reply",    "respond",   "retort",
	"reveal",    "scoff",       "shout",    "sigh",      "snap",
	"stress",    "suggest",     "testify",  "thunder",   "tweet",
	"urge",      "vow",         "warn",     "whisper",   "wonder",
	"yell",      "state",       "tell",     "say",       "write",
	"post",      "call",        "charge",   "brag",      "demand",
	"question",  "acknowledge", NULL};

/* Forms that are not regular inflections of CUE_BASE. */
static const char *const CUE_IRREG[] = {
	"said",     "says",      "told",   "tells", "wrote",   "writes",
	"written",  "spoke",     "speaks", "went",  "pleaded", "pled",
	"reported", "explained", "read",   "reads", NULL};

/* Inflections that are too often nouns or adjectives to be cues. */
static const char *const CUE_NOT[] = {
	"state",       "states",   "post",      "posts",    "call",
	"calls",       "charge",   "charges",   "question", "questions",
	"note",        "notes",    "comment",   "comments", "answer",
	"answers",     "promise",  "promises",  "counter",  "counters",
	"reply",       "replies",  "tweet",     "tweets",   "demand",
	"demands",     "estimate", "estimates", "sigh",     "sighs",
	"snap",        "snaps",    "stress",    "stresses", "joke",
	"jokes",       "shout",    "shouts",    "mock",     "wonder",
	"wonders",     "pledge",   "pledges",   "vow",      "vows",
	"went",        "written",  "remark",    "remarks",  "warning",
	"questioning", "building", "meaning",   "posting",  "continuing",
	"statement",   "muse",     "muses",     "boast",    "boasts",
	"claim",       "claims",   "fume",      "fumes",    NULL};

static int is_cue_word(const char *w)
{
	if (in_list(CUE_NOT, w))
		return 0;
	if (in_list(CUE_IRREG, w))
		return 1;
	size_t n = strlen(w);
	for (const char *const *b = CUE_BASE; *b; b++) {
		size_t m = strlen(*b);
		if (n < m || memcmp(w, *b, m - 1))
			continue;
		const char *r = w + m - 1; /* from the base's last letter */
		char last = (*b)[m - 1];
		if (*r != last) {
			if (last == 'y' &&
			    (!strcmp(r, "ied") || !strcmp(r, "ies")))
				return 1;
			if (last == 'e' && !strcmp(r, "ing"))
				return 1; /* declaring */
			continue;
		}
		r++;
		if (!strcmp(r, "ing") ||
		    (r[0] == last && !strcmp(r + 1, "ing")))
			return 1; /* saying, telling */
		if (!*r || !strcmp(r, "s") || !strcmp(r, "es") ||
		    (last == 'e' && !strcmp(r, "d")) || !strcmp(r, "ed") ||
		    (r[0] == last && !strcmp(r + 1, "ed")))
			return 1;
	}
	return 0;
}

static const char *const PRONOUNS[] = {"he", "she", "they", "i", "we", NULL};

/* Abbreviated titles whose dot belongs to a name ("Mr. Trump"). */
static const char *const TITLES[] = {
	"mr",  "mrs", "ms",   "dr",   "gov", "sen",  "rep",  "gen", "lt",
	"col", "sgt", "capt", "adm",  "maj", "prof", "rev",  "st",  "jr",
	"sr",  "amb", "atty", "supt", "det", "cmdr", "pres", NULL};

/* Function words allowed inside a speaker phrase. */
static const char *const NP_FUNC[] = {
	"a",     "an",      "the",  "of",   "another", "one", "two",
	"three", "several", "some", "many", "his",     "her", "their",
	"its",   "our",     "'s",   "&",    "former",  "de",  "van",
	"von",   "al",      "bin",  "da",   "le",      "la",  NULL};

/* Words between a speaker and its cue ("he later said", "has told"). */
static const char *const ADVERBS[] = {
	"also",       "later",    "again",        "then",
	"previously", "recently", "once",         "has",
	"had",        "have",     "was",          "is",
	"would",      "will",     "did",          "does",
	"further",    "simply",   "flatly",       "repeatedly",
	"quickly",    "earlier",  "separately",   "often",
	"frequently", "just",     "only",         "still",
	"reportedly", "publicly", "privately",    "told",
	"angrily",    "bluntly",  "firmly",       "finally",
	"even",       "himself",  "herself",      "themselves",
	"sharply",    "may",      "might",        "could",
	"can",        "should",   "subsequently", "already",
	"never",      "first",    "emphatically", "succinctly",
	"are",        "were",     "been",         "being",
	NULL};

/* Words that open an adverbial phrase before a sentence's subject ("In
 * Geneva, Blinken said"; "Asked about it, she said"): the subject comes
 * after the phrase's comma. */
static const char *const OPENERS[] = {
	"in",         "on",        "at",      "during",    "after",
	"before",     "while",     "when",    "as",        "since",
	"speaking",   "asked",     "for",     "with",      "addressing",
	"despite",    "although",  "though",  "if",        "because",
	"unlike",     "from",      "by",      "under",     "amid",
	"following",  "over",      "last",    "this",      "responding",
	"writing",    "until",     "to",      "like",      "once",
	"according",  "through",   "earlier", "later",     "still",
	"however",    "meanwhile", "instead", "now",       "then",
	"separately", "indeed",    "instead", "yesterday", "today",
	"but",        "and",       "also",    "so",        NULL};

/* Sentence adverbs a backward speaker phrase must not start with. */
static const char *const LEADERS[] = {
	"meanwhile", "later",     "still",      "however", "instead", "yet",
	"but",       "and",       "so",         "now",     "then",    "also",
	"today",     "yesterday", "here",       "there",   "thus",    "indeed",
	"earlier",   "afterward", "afterwards", NULL};

/* Head nouns that make a description a person. */
static const char *const PERSON_HEADS[] = {"official",
					   "spokesman",
					   "spokeswoman",
					   "spokesperson",
					   "source",
					   "aide",
					   "adviser",
					   "advisor",
					   "diplomat",
					   "minister",
					   "secretary",
					   "president",
					   "senator",
					   "lawmaker",
					   "analyst",
					   "expert",
					   "officer",
					   "director",
					   "chief",
					   "leader",
					   "man",
					   "woman",
					   "person",
					   "lawyer",
					   "attorney",
					   "resident",
					   "member",
					   "professor",
					   "ambassador",
					   "economist",
					   "governor",
					   "mayor",
					   "candidate",
					   "nominee",
					   "manager",
					   "executive",
					   "representative",
					   "strategist",
					   "researcher",
					   "chairman",
					   "chairwoman",
					   "founder",
					   "author",
					   "critic",
					   "voter",
					   "supporter",
					   "worker",
					   "employee",
					   "witness",
					   "colleague",
					   "friend",
					   "operative",
					   "consultant",
					   "pollster",
					   "donor",
					   "organizer",
					   "activist",
					   "banker",
					   "trader",
					   "scientist",
					   "doctor",
					   "general",
					   "commander",
					   "negotiator",
					   "envoy",
					   "congressman",
					   "congresswoman",
					   "mother",
					   "father",
					   "son",
					   "daughter",
					   "wife",
					   "husband",
					   "student",
					   "teacher",
					   "spokesmen",
					   "officials",
					   "sources",
					   "aides",
					   "advisers",
					   "diplomats",
					   "analysts",
					   "experts",
					   "officers",
					   "leaders",
					   "lawyers",
					   "residents",
					   "members",
					   "economists",
					   "voters",
					   "supporters",
					   "workers",
					   "critics",
					   "lawmakers",
					   "people",
					   "activists",
					   NULL};

/* Words that end a name, making it an organisation or place. */
static const char *const NONPERSON_HEADS[] = {"administration",
					      "department",
					      "ministry",
					      "government",
					      "house",
					      "states",
					      "union",
					      "nations",
					      "kremlin",
					      "congress",
					      "senate",
					      "party",
					      "committee",
					      "council",
					      "court",
					      "campaign",
					      "times",
					      "post",
					      "news",
					      "press",
					      "agency",
					      "office",
					      "company",
					      "inc",
					      "corp",
					      "association",
					      "institute",
					      "university",
					      "foundation",
					      "network",
					      "magazine",
					      "journal",
					      "group",
					      "bank",
					      "army",
					      "police",
					      "team",
					      "service",
					      "commission",
					      "board",
					      "center",
					      "centre",
					      "network",
					      "pentagon",
					      "nato",
					      "russia",
					      "ukraine",
					      "china",
					      "america",
					      "europe",
					      "moscow",
					      "washington",
					      "kyiv",
					      "beijing",
					      "london",
					      "paris",
					      "berlin",
					      "geneva",
					      "twitter",
					      "facebook",
					      NULL};

/* Heads that cannot name a speaker: times, adverbs ("said Sunday",
 * "However, ..."). */
static const char *const BAD_HEADS[] = {
	"monday",   "tuesday",   "wednesday", "thursday", "friday",
	"saturday", "sunday",    "january",   "february", "march",
	"april",    "june",      "july",      "august",   "september",
	"october",  "november",  "december",  "week",     "weekend",
	"year",     "years",     "month",     "months",   "day",
	"days",     "time",      "past",      "however",  "yet",
	"today",    "tonight",   "yesterday", "morning",  "evening",
	"night",    "afternoon", "ago",       "last",     "recently",
	"later",    "statement", "interview", "moment",   "point",
	NULL};

/* ---- Token helpers ---------------------------------------------------- */

static const plx_token *T(const qstate *q, size_t k)
{
	return &q->art->toks[k];
}

static int tword(const qstate *q, size_t k)
{
	return (T(q, k)->flags & (PLX_TOK_WORD | PLX_TOK_NUMBER)) != 0;
}

static int tupper(const qstate *q, size_t k)
{
	return (T(q, k)->flags & PLX_TOK_UPPER) != 0;
}

static int tis(const qstate *q, size_t k, const char *w)
{
	return strcmp(T(q, k)->norm, w) == 0;
}

static int tchar(const qstate *q, size_t k, int32_t c)
{
	const plx_token *t = T(q, k);
	size_t i = t->start;
	return (t->flags & PLX_TOK_PUNCT) &&
	       plx_utf8_next(q->art->text, t->end, &i) == c && i == t->end;
}

static int tterminal(const qstate *q, size_t k)
{
	return tchar(q, k, '.') || tchar(q, k, '?') || tchar(q, k, '!') ||
	       tchar(q, k, 0x2026) || tchar(q, k, ';');
}

static int tcue(const qstate *q, size_t k)
{
	return tword(q, k) && !tupper(q, k) && is_cue_word(T(q, k)->norm);
}

static int tpronoun(const qstate *q, size_t k)
{
	return tword(q, k) && in_list(PRONOUNS, T(q, k)->norm);
}

/* A relative pronoun that can be a speaker ("Swanson, who said"). */
static int trel(const qstate *q, size_t k)
{
	return tword(q, k) && (tis(q, k, "who") || tis(q, k, "which"));
}

/* May token k be part of a speaker phrase? */
static int tnp(const qstate *q, size_t k)
{
	const plx_token *t = T(q, k);
	if (q->inq[k])
		return 0;
	if (t->flags & PLX_TOK_PUNCT) {
		/* the dot of an initial ("Antony J. Blinken"), a hyphen */
		if (tchar(q, k, '.'))
			return k > 0 && T(q, k - 1)->end == t->start &&
			       tupper(q, k - 1) &&
			       (T(q, k - 1)->end - T(q, k - 1)->start == 1 ||
				in_list(TITLES, T(q, k - 1)->norm));
		return tchar(q, k, '-');
	}
	if (in_list(NP_FUNC, t->norm))
		return 1;
	if (t->flags & PLX_TOK_STOP)
		return 0;
	if (tcue(q, k) || in_list(ADVERBS, t->norm))
		return 0;
	return 1;
}

/* ---- Speakers --------------------------------------------------------- */

typedef struct speaker {
	size_t t0, t1; /* token range; t0 == t1 when none */
	long ent;
	int person;       /* can be "he"/"she" */
	int plural;       /* can be "they" */
	int gender;       /* PLX_GENDER_* of a person */
	const char *text; /* resolved text (arena), NULL to use the span */
} speaker;

/* Entity of a token range: the whole span, else its capitalised tokens
 * from the last (the surname carries the name). */
static long span_entity(const qstate *q, size_t t0, size_t t1)
{
	if (t0 >= t1)
		return -1;
	/* Only a trailing name counts ("a second Biden administration
	 * official" is not Biden; plx_entity_at takes any overlap). */
	if (!tupper(q, t1 - 1))
		return -1;
	size_t k = t1 - 1;
	while (k > t0 && (tupper(q, k - 1) || tchar(q, k - 1, '.') ||
			  tis(q, k - 1, "of")))
		k--;
	return plx_entity_at(q->art, T(q, k)->start, T(q, t1 - 1)->end);
}

/* Gender of a speaker span's text ("Mrs. Clinton", "a spokeswoman"). */
static int span_gender(const qstate *q, const speaker *sp)
{
	size_t a = T(q, sp->t0)->start, b = T(q, sp->t1 - 1)->end;
	return plx_name_gender(q->art->text + a, b - a);
}

/* Fills person/plural/gender/ent for a non-pronoun speaker span. */
static void classify(const qstate *q, speaker *sp)
{
	sp->ent = span_entity(q, sp->t0, sp->t1);
	sp->person = sp->plural = 0;
	sp->gender = PLX_GENDER_UNKNOWN;
	const char *head = T(q, sp->t1 - 1)->norm;
	if (sp->ent >= 0) {
		plx_entity_type ty = q->art->ents[sp->ent].type;
		sp->person = ty == PLX_ENT_PERSON;
		sp->plural = ty == PLX_ENT_ORG;
		if (sp->person)
			sp->gender = plx_entity_gender(q->art, sp->ent);
		if (sp->person && sp->gender == PLX_GENDER_UNKNOWN)
			sp->gender = span_gender(q, sp);
		return;
	}
	sp->gender = span_gender(q, sp);
	if (in_list(PERSON_HEADS, head)) {
		size_t n = strlen(head);
		sp->plural = (n > 1 && head[n - 1] == 's') ||
			     !strcmp(head, "people") ||
			     !strcmp(head, "spokesmen");
		sp->person = !sp->plural;
		return;
	}
	if (in_list(NONPERSON_HEADS, head)) {
		sp->plural = 1;
		return;
	}
	/* A capitalised name with no entity: a person unless it is an
	 * abbreviation ("U.S.", "NATO"). */
	if (tupper(q, sp->t1 - 1)) {
		const plx_token *t = T(q, sp->t1 - 1);
		int lower = 0;
		for (size_t i = t->start; i < t->end; i++)
			if (q->art->text[i] >= 'a' && q->art->text[i] <= 'z')
				lower = 1;
		sp->person = lower && q->art->text[t->end - 1] != '.';
		sp->plural = !sp->person;
	}
}

/* Speaker phrase forward from token k (within [k, hi)): a pronoun, or NP
 * tokens.  Returns the end token, k when none. */
static size_t np_forward(const qstate *q, size_t k, size_t hi)
{
	if (k < hi && tpronoun(q, k))
		return k + 1;
	size_t e = k;
	while (e < hi && e - k < MAX_SPEAKER_TOKS && tnp(q, e))
		e++;
	/* trailing function words do not end a phrase ("the official of") */
	while (e > k && (T(q, e - 1)->flags & PLX_TOK_PUNCT ||
			 in_list(NP_FUNC, T(q, e - 1)->norm)))
		e--;
	return e;
}

/* Speaker phrase ending just before token e (not before lo).  Returns its
 * first token, e when none. */
static size_t np_backward(const qstate *q, size_t e, size_t lo)
{
	if (e > lo && tpronoun(q, e - 1))
		return e - 1;
	size_t b = e;
	while (b > lo && e - b < MAX_SPEAKER_TOKS && tnp(q, b - 1))
		b--;
	while (b < e && (in_list(LEADERS, T(q, b)->norm) ||
			 (T(q, b)->flags & PLX_TOK_PUNCT) ||
			 !strcmp(T(q, b)->norm, "of")))
		b++;
	return b;
}

/* Nouns that end in -ly. */
static const char *const LY_NOUNS[] = {
	"family",   "ally",   "rally", "daily", "weekly", "monthly", "bully",
	"assembly", "supply", "reply", "italy", "fly",    "july",    "anomaly",
	"monopoly", "belly",  "jelly", "lily",  "holly",  "sally",   "molly",
	"kelly",    "billy",  "wally", "polly", "emily",  "beverly", "shelly",
	"tally",    "folly",  "gully", "only",  NULL};

/* A manner adverb ("memorably", "angrily"): -ly and not a noun. */
static int ly_adverb(const char *w)
{
	size_t n = strlen(w);
	return n > 4 && !strcmp(w + n - 2, "ly") && !in_list(LY_NOUNS, w);
}

/* Skips ADVERBS backward from e (exclusive); returns the new end. */
static size_t skip_adverbs_back(const qstate *q, size_t e, size_t lo)
{
	while (e > lo && tword(q, e - 1) &&
	       (in_list(ADVERBS, T(q, e - 1)->norm) ||
		(!tupper(q, e - 1) && ly_adverb(T(q, e - 1)->norm))))
		e--;
	return e;
}

/* The cue span starting at verb token k: the verb plus its listener
 * ("told reporters") or medium ("posted on Twitter"). */
static size_t cue_end(const qstate *q, size_t k, size_t hi)
{
	const char *v = T(q, k)->norm;
	size_t e = k + 1;
	if (!strncmp(v, "tel", 3) || !strcmp(v, "told")) {
		size_t f = np_forward(q, e, hi);
		if (f > e && f - e <= 4 && !tpronoun(q, e))
			e = f;
		else if (f == e + 1 && tpronoun(q, e))
			e = f;
		return e;
	}
	if (e + 1 < hi && (tis(q, e, "on") || tis(q, e, "in"))) {
		size_t f = np_forward(q, e + 1, hi);
		if (f > e + 1 && f - e <= 4) {
			int ok = 0;
			for (size_t j = e + 1; j < f; j++)
				if (tupper(q, j) || tis(q, j, "statement") ||
				    tis(q, j, "interview") ||
				    tis(q, j, "tweet") || tis(q, j, "post") ||
				    tis(q, j, "letter") || tis(q, j, "email") ||
				    tis(q, j, "video"))
					ok = 1;
			if (ok)
				e = f;
		}
	}
	return e;
}

/* Result of one attribution attempt. */
typedef struct attr {
	size_t s0, s1; /* speaker tokens */
	size_t c0, c1; /* cue tokens */
} attr;

/* "..., CUE SPEAKER" or "..., SPEAKER [, apposition,] CUE" in tokens
 * [k, hi).  Returns 1 when found. */
static int verb_like(const char *w);

static int after_cue(const qstate *q, size_t k, size_t hi, int loose, attr *a)
{
	while (k < hi &&
	       (tchar(q, k, ',') || tchar(q, k, 0x2014) || tchar(q, k, 0x2013)))
		k++;
	if (k >= hi)
		return 0;
	if (tcue(q, k)) {
		const char *w = T(q, k)->norm;
		size_t wn = strlen(w);
		if (wn > 4 && !strcmp(w + wn - 3, "ing")) {
			/* “...,” telling reporters: the sentence's subject */
			a->c0 = k, a->c1 = cue_end(q, k, hi);
			a->s0 = a->s1 = PLX_NONE;
			return 1;
		}
		/* said the official / according to */
		size_t e = np_forward(q, k + 1, hi);
		if (e == k + 1)
			return 0;
		a->c0 = k, a->c1 = k + 1;
		a->s0 = k + 1, a->s1 = e;
		return 1;
	}
	if (tis(q, k, "according") && k + 1 < hi && tis(q, k + 1, "to")) {
		size_t e = np_forward(q, k + 2, hi);
		if (e == k + 2)
			return 0;
		a->c0 = k, a->c1 = k + 2, a->s0 = k + 2, a->s1 = e;
		return 1;
	}
	size_t e = np_forward(q, k, hi);
	if (e == k)
		return 0;
	if (loose) {
		/* “...,” Trump barked: after a quote that ends in a comma,
		 * the first verb-like word ends the name */
		for (size_t j = k + 1; j < e; j++)
			if (tword(q, j) && !tupper(q, j) &&
			    verb_like(T(q, j)->norm) &&
			    !in_list(PERSON_HEADS, T(q, j)->norm) &&
			    !in_list(NP_FUNC, T(q, j)->norm)) {
				e = j;
				break;
			}
	}
	size_t v = e;
	if (v < hi && tchar(q, v, ',')) {
		/* apposition: "Smith, a spokesman for the agency, said" */
		size_t j = v + 1;
		while (j < hi && j - v < 2 * WINDOW / 3 && !tchar(q, j, ',') &&
		       !tterminal(q, j) && !q->inq[j])
			j++;
		if (j >= hi || !tchar(q, j, ','))
			return 0;
		v = j + 1;
	}
	while (v < hi && tword(q, v) && in_list(ADVERBS, T(q, v)->norm) &&
	       !tcue(q, v))
		v++;
	if (v >= hi || !tcue(q, v)) {
		/* "told" is in ADVERBS for "has told": try it as the cue */
		if (v > e && tis(q, v - 1, "told"))
			v--;
		else if (!(loose && v < hi && tword(q, v) && !tupper(q, v) &&
			   verb_like(T(q, v)->norm)))
			return 0;
	}
	a->s0 = k, a->s1 = e;
	a->c0 = v, a->c1 = cue_end(q, v, hi);
	return 1;
}

/* Cues that may precede their speaker ("Said Dorothy Poynter, who grew up
 * with Ali, “...”"). */
static const char *const INVERT_CUES[] = {
	"said",    "says",      "asked",     "added",   "wrote", "writes",
	"tweeted", "explained", "continued", "replied", NULL};

/* Cue v in [lo, k) with its speaker; 1 when v is one. */
static int cue_at(const qstate *q, size_t lo, size_t k, size_t v, attr *a)
{
	if (tis(q, v, "according") && v + 1 < k && tis(q, v + 1, "to")) {
		size_t e = np_forward(q, v + 2, k);
		if (e == v + 2)
			return 0;
		a->c0 = v, a->c1 = v + 2, a->s0 = v + 2, a->s1 = e;
		return 1;
	}
	if (q->inq[v] || (!tcue(q, v) && !tis(q, v, "told")))
		return 0;
	/* "will continue to be", "promised to": not a report of words */
	if (v + 1 < k && tis(q, v + 1, "to"))
		return 0;
	const char *w = T(q, v)->norm;
	size_t wn = strlen(w);
	int ing = wn > 4 && !strcmp(w + wn - 3, "ing");
	size_t e = skip_adverbs_back(q, v, lo);
	/* "Rep. Steve Israel (D-N.Y.) said": the name before a party tag */
	if (e > lo + 2 && tchar(q, e - 1, ')')) {
		size_t j = e - 1;
		while (j > lo && e - j <= 8 && !tchar(q, j, '('))
			j--;
		if (tchar(q, j, '(') && np_backward(q, j, lo) < j)
			e = j;
	}
	size_t b = np_backward(q, e, lo);
	if (b == e && e > lo && tchar(q, e - 1, ',') && !ing) {
		/* "Lavrov, speaking after the meeting, said" */
		size_t j = e - 1;
		while (j > lo && e - j < WINDOW / 2 && !tchar(q, j - 1, ',') &&
		       !q->inq[j - 1])
			j--;
		if (j > lo && tchar(q, j - 1, ',')) {
			e = j - 1;
			b = np_backward(q, e, lo);
		}
	}
	/* "Swanson, who said": the relative pronoun, resolved later */
	if (b == e && e > lo + 1 && trel(q, e - 1) && !ing) {
		a->s0 = e - 1, a->s1 = e;
		a->c0 = v;
		a->c1 = cue_end(q, v, k);
		return 1;
	}
	/* "..., saying": the participle's subject is the sentence's, unless
	 * an auxiliary makes it a verb ("Kasich is telling") */
	if (ing && !(b < e && e < v))
		b = e;
	if (b == e) {
		/* "said a senior official: “...”" */
		size_t f = np_forward(q, v + 1, k);
		if (in_list(INVERT_CUES, w) &&
		    (v == lo || tchar(q, v - 1, ',') || q->inq[v - 1]) &&
		    f > v + 1 && f < k &&
		    (tchar(q, f, ':') || tchar(q, f, ','))) {
			a->c0 = v, a->c1 = v + 1, a->s0 = v + 1, a->s1 = f;
			return 1;
		}
		a->s0 = a->s1 = PLX_NONE; /* subject found by the caller */
	} else {
		a->s0 = b, a->s1 = e;
	}
	a->c0 = v;
	a->c1 = cue_end(q, v, k);
	if (a->c1 <= v)
		a->c1 = v + 1;
	return 1;
}

/* "SPEAKER CUE ... “" or "according to SPEAKER, “" in [lo, k): the first
 * cue of the clause, which is the main verb more often than the nearest
 * ("Cruz said he is certain Rubio will continue to be “...”"). */
static int before_cue(const qstate *q, size_t lo, size_t k, attr *a)
{
	for (size_t v = lo; v < k; v++)
		if (cue_at(q, lo, k, v, a))
			return 1;
	return 0;
}

/* ---- Subjects and pronouns ------------------------------------------- */

/* A past or third-person form ("described", "moves"), the cheap tell of
 * a verb after a name. */
static int verb_like(const char *w)
{
	static const char *const IRREG_PAST[] = {
		"met",    "took",   "made",  "gave",    "spoke",   "wrote",
		"saw",    "came",   "left",  "held",    "sent",    "won",
		"lost",   "ran",    "led",   "got",     "put",     "set",
		"kept",   "became", "began", "brought", "thought", "felt",
		"found",  "stood",  "sat",   "heard",   "knew",    "meant",
		"paid",   "read",   "said",  "told",    "went",    "sought",
		"fought", "built",  "chose", "drew",    "flew",    "grew",
		"hit",    "let",    "rose",  "shook",   "struck",  "threw",
		"wore",   "spent",  "sold",  "bought",  "taught",  "caught",
		"forgot", "hung",   "dug",   "swore",   "woke",    "will",
		"would",  "can",    "could", "may",     "might",   "must",
		NULL};
	size_t n = strlen(w);
	if (in_list(IRREG_PAST, w))
		return 1;
	if (n < 3)
		return 0;
	if (!strcmp(w + n - 2, "ed"))
		return 1;
	return w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
	       w[n - 2] != 'i';
}

/* The subject of sentence si outside quotes: the first capitalised name,
 * not after a determiner, followed by a verb-like word (or by a comma when
 * it opens the sentence).  Sets *sp; returns 1 when found. */
static int sentence_subject(const qstate *q, size_t si, speaker *sp)
{
	const plx_sentence *s = &q->art->sents[si];
	size_t lo = s->first_token, hi = lo + s->n_tokens;
	for (size_t k = lo; k < hi; k++) {
		if (q->inq[k] || !tword(q, k) || !tupper(q, k) ||
		    (T(q, k)->flags & PLX_TOK_STOP))
			continue;
		if (k > lo && tword(q, k - 1) &&
		    (tis(q, k - 1, "a") || tis(q, k - 1, "an") ||
		     tis(q, k - 1, "the") || tupper(q, k - 1)))
			continue;
		size_t e = k;
		while (e < hi && e - k < MAX_SPEAKER_TOKS &&
		       ((tword(q, e) && tupper(q, e) &&
			 !(T(q, e)->flags & PLX_TOK_STOP)) ||
			(tchar(q, e, '.') && tnp(q, e)) ||
			(tis(q, e, "of") && e + 1 < hi && tupper(q, e + 1) &&
			 !(T(q, e + 1)->flags & PLX_TOK_STOP))))
			e++;
		if (e >= hi)
			return 0;
		size_t n = e;
		int ok = 0;
		if (tchar(q, n, ','))
			ok = k == lo;
		else if (tword(q, n) && !tupper(q, n) && !q->inq[n])
			ok = in_list(ADVERBS, T(q, n)->norm) || tcue(q, n) ||
			     verb_like(T(q, n)->norm);
		if (!ok) {
			k = e - 1;
			continue;
		}
		/* "Later, he said": an adverb, not a name */
		if (e == k + 1 && (in_list(OPENERS, T(q, k)->norm) ||
				   in_list(LEADERS, T(q, k)->norm) ||
				   in_list(BAD_HEADS, T(q, k)->norm) ||
				   ly_adverb(T(q, k)->norm))) {
			k = e - 1;
			continue;
		}
		/* "Biden administration officials": the name modifies a noun */
		if (tword(q, n) && in_list(PERSON_HEADS, T(q, n)->norm))
			return 0;
		sp->t0 = k, sp->t1 = e, sp->text = NULL;
		classify(q, sp);
		return 1;
	}
	return 0;
}

/* Determiners that may open a described subject ("the Florida senator"). */
static const char *const DETS[] = {
	"the",   "a",       "an",    "his",  "her",     "their",
	"its",   "one",     "some",  "many", "several", "two",
	"three", "another", "other", "both", "most",    NULL};

/* Conjunctions skipped before a subject ("But Clinton said"). */
static const char *const CONJS[] = {"and", "but",  "so", "yet",
				    "or",  "plus", NULL};

/* Does token s open an adverbial phrase that OPENERS misses: a
 * participle ("Invoking the civil rights movement, Cruz pledged"), a
 * manner adverb ("Ultimately, ..."), an ordinal, or, after an earlier
 * phrase, a relative clause ("In Iowa, which votes first, Cruz said")? */
static int opener_word(const qstate *q, size_t s, int round)
{
	const char *w = T(q, s)->norm;
	size_t n = strlen(w);
	static const char *const MORE[] = {
		"first",    "second",    "third",      "finally",
		"even",     "just",      "again",      "days",
		"hours",    "weeks",     "months",     "minutes",
		"moments",  "shortly",   "soon",       "ultimately",
		"already",  "elsewhere", "otherwise",  "similarly",
		"likewise", "overall",   "here",       "there",
		"thus",     "afterward", "afterwards", "back",
		"nearly",   "almost",    "within",     "without",
		"against",  "among",     "outside",    "inside",
		"upon",     "around",    "throughout", "between",
		"beyond",   "toward",    "towards",    "near",
		"whether",  "where",     "given",      "whatever",
		"of",       "about",     "across",     "along",
		"behind",   NULL};
	if (in_list(MORE, w) || ly_adverb(w))
		return 1;
	if (round > 0 && (!strcmp(w, "which") || !strcmp(w, "who") ||
			  !strcmp(w, "where") || !strcmp(w, "when")))
		return 1;
	/* a participle, lowercase in the text once past the capital */
	return n > 5 &&
	       (!strcmp(w + n - 3, "ing") || !strcmp(w + n - 2, "ed")) &&
	       !in_list(CUE_IRREG, w);
}

/* The main-clause subject of a sentence whose tokens before the quote or
 * cue are [lo, k): after leading conjunctions and an opening adverbial
 * phrase up to its comma ("Later on Sunday, Carson shared"), a pronoun, a
 * name or a description ("The Florida senator"), an optional ", the
 * apposition," and then a verb (verb-like, a cue, or any word after an
 * auxiliary: "has increasingly decried").  Sets [*b, *e); returns 1 when
 * found.  No syntax: a fronted object or clause defeats it. */
static int clause_subject(const qstate *q, size_t lo, size_t k, size_t *b,
			  size_t *e)
{
	size_t s = lo;
	for (int round = 0; round < 4 && s < k; round++) {
		if (!tword(q, s))
			break;
		if (in_list(CONJS, T(q, s)->norm)) {
			s++;
			if (s < k && tchar(q, s, ','))
				s++;
			continue;
		}
		size_t j = s + 1;
		while (j < k && !tchar(q, j, ',') && !q->inq[j] &&
		       j - s < WINDOW)
			j++;
		/* "A few days later, Trump ...": a time phrase */
		int timed = 0;
		for (size_t i = s; i < j && j < k && j - s <= 5; i++)
			timed |= in_list(BAD_HEADS, T(q, i)->norm);
		if (!timed && !in_list(OPENERS, T(q, s)->norm) &&
		    !opener_word(q, s, round))
			break;
		if (j >= k || !tchar(q, j, ','))
			return 0;
		s = j + 1;
	}
	if (s >= k || q->inq[s] || !tword(q, s))
		return 0;
	size_t t = s;
	if (tpronoun(q, s)) {
		t = s + 1;
	} else {
		if (in_list(DETS, T(q, s)->norm))
			t++;
		while (t < k && t - s < MAX_SPEAKER_TOKS && !q->inq[t]) {
			if (tchar(q, t, '.') && tnp(q, t)) {
				t++;
				continue;
			}
			if (!tword(q, t))
				break;
			const char *w = T(q, t)->norm;
			size_t n = strlen(w);
			if (tupper(q, t)) {
				if ((T(q, t)->flags & PLX_TOK_STOP) && t > s)
					break;
				t++;
				continue;
			}
			if (!strcmp(w, "of") && t + 1 < k && tupper(q, t + 1)) {
				t++;
				continue;
			}
			if ((T(q, t)->flags & PLX_TOK_STOP) || tcue(q, t) ||
			    in_list(ADVERBS, w) ||
			    (verb_like(w) && !in_list(PERSON_HEADS, w)) ||
			    (n > 3 && (!strcmp(w + n - 2, "ly") ||
				       !strcmp(w + n - 3, "ing"))))
				break;
			t++;
		}
		if (t == s || (t == s + 1 && in_list(DETS, T(q, s)->norm)))
			return 0;
	}
	size_t v = t;
	if (v < k && t > s && tchar(q, v, '(')) {
		/* "Sen. Rand Paul (R-Ky.) said" */
		size_t j = v + 1;
		while (j < k && j - v <= 8 && !tchar(q, j, ')') && !q->inq[j])
			j++;
		if (j < k && tchar(q, j, ')'))
			v = j + 1;
	}
	if (v < k && tchar(q, v, ',')) {
		/* "Christie, New Jersey's sitting governor, repeated" */
		size_t j = v + 1;
		while (j < k && j - v < WINDOW / 2 && !tchar(q, j, ',') &&
		       !tterminal(q, j) && !q->inq[j])
			j++;
		if (j >= k || !tchar(q, j, ','))
			return 0;
		v = j + 1;
	}
	size_t v0 = v;
	while (v < k && tword(q, v) && in_list(ADVERBS, T(q, v)->norm) &&
	       !tcue(q, v))
		v++;
	if (v >= k || !tword(q, v) || tupper(q, v) || q->inq[v])
		return 0;
	if (!(v > v0 || tcue(q, v) || verb_like(T(q, v)->norm)))
		return 0;
	/* "The plan is an ...": a copula describes, it reports nothing */
	if (v == v0 + 1 &&
	    (tis(q, v0, "is") || tis(q, v0, "are") || tis(q, v0, "was") ||
	     tis(q, v0, "were")) &&
	    !verb_like(T(q, v)->norm) && !tcue(q, v)) {
		const char *w = T(q, v)->norm;
		size_t n = strlen(w);
		if (n < 4 || strcmp(w + n - 3, "ing"))
			return 0;
	}
	*b = s, *e = t;
	return 1;
}

/* First token of the sentence holding token k. */
static size_t sent_lo(const qstate *q, size_t k)
{
	size_t si = plx_article_sentence_at(q->art, T(q, k)->start);
	return si == PLX_NONE ? k : q->art->sents[si].first_token;
}

/* ---- Attribution ------------------------------------------------------ */

static const char *span_text(plx_article *art, size_t a, size_t b)
{
	return plx_arena_strndup(&art->arena, art->text + a, b - a);
}

/* Full or partial (design note 2). */
static int is_partial(const qstate *q, const plx_quote *qt, const qx *x)
{
	const char *s = q->art->text;
	const plx_paragraph *p = &q->art->paras[qt->paragraph];
	size_t st;
	int32_t before = 0;
	for (size_t i = x->open; i > p->start;) {
		int32_t c = plx_utf8_prev(s, i, &st);
		if (!plx_is_space(c)) {
			before = c;
			break;
		}
		i = st;
	}
	int open_ctx = !before || before == '.' || before == '?' ||
		       before == '!' || before == ':' || before == ';' ||
		       before == ',' || before == 0x2014 || before == 0x2013 ||
		       before == '(' || (plx_quote_mark(before) & PLX_QM_CLOSE);
	size_t i = qt->start;
	int32_t first = 0;
	while (i < qt->end) {
		int32_t c = plx_utf8_next(s, qt->end, &i);
		if (plx_is_letter(c) || plx_is_digit(c)) {
			first = c;
			break;
		}
	}
	int32_t last = 0;
	for (i = qt->end; i > qt->start;) {
		int32_t c = plx_utf8_prev(s, i, &st);
		if (!plx_is_space(c)) {
			last = c;
			break;
		}
		i = st;
	}
	int end_punct = last == '.' || last == ',' || last == '?' ||
			last == '!' || last == 0x2026 || last == ':' ||
			last == 0x2014 || last == ';';
	int cap = plx_is_upper(first) || plx_is_digit(first);
	size_t words = 0;
	for (size_t k = x->t_open + 1; k < x->t_close; k++)
		words += tword(q, k);
	if (open_ctx && (cap || end_punct) && words >= 2)
		return 0;
	if (open_ctx && cap && end_punct)
		return 0;
	if (cap && end_punct && words >= MIN_FULL_WORDS && last != ',')
		return 0;
	return 1;
}

typedef struct salience {
	speaker last; /* latest person-ish speaker or subject */
	int has;
	size_t next_sent; /* sentences before this are consumed */
	size_t last_sent; /* sentence of last */
	/* the latest MAX_SALIENT candidates, a ring: hist[(n_hist - 1) %
	 * MAX_SALIENT] is last */
	speaker hist[MAX_SALIENT];
	size_t hist_sent[MAX_SALIENT];
	size_t n_hist;
} salience;

/* Makes sp, found in sentence si, the latest candidate. */
static void salient(salience *sl, const speaker *sp, size_t si)
{
	sl->last = *sp;
	sl->has = 1;
	sl->last_sent = si;
	sl->hist[sl->n_hist % MAX_SALIENT] = *sp;
	sl->hist_sent[sl->n_hist % MAX_SALIENT] = si;
	sl->n_hist++;
}

/* The antecedent of he (want MALE) or she (FEMALE) before sentence cur:
 * the latest person candidate not of the other gender, within
 * MAX_PRONOUN_SENTS sentences; NULL when none. */
static const speaker *resolve_person(const salience *sl, int want, size_t cur)
{
	for (size_t i = 0; i < sl->n_hist && i < MAX_SALIENT; i++) {
		size_t j = (sl->n_hist - 1 - i) % MAX_SALIENT;
		const speaker *c = &sl->hist[j];
		if (cur != PLX_NONE &&
		    cur - sl->hist_sent[j] > MAX_PRONOUN_SENTS)
			return NULL;
		if (!c->person)
			return NULL; /* an organisation or group in between */
		if (c->gender == PLX_GENDER_UNKNOWN || c->gender == want)
			return c;
	}
	return NULL;
}

/* Consumes sentence subjects that end before token k. */
static void advance(qstate *q, salience *sl, size_t k)
{
	plx_article *art = q->art;
	while (sl->next_sent < art->n_sents) {
		const plx_sentence *s = &art->sents[sl->next_sent];
		if (s->first_token + s->n_tokens > k && s->first_token <= k) {
			/* the cue's own sentence: only a subject before k */
			speaker sp;
			if ((!sl->has || sl->next_sent > sl->last_sent) &&
			    sentence_subject(q, sl->next_sent, &sp) &&
			    sp.t1 <= k && (sp.person || sp.plural))
				salient(sl, &sp, sl->next_sent);
			return;
		}
		if (s->first_token > k)
			return;
		speaker sp;
		/* a quote's speaker set later in the text outranks it */
		if ((!sl->has || sl->next_sent > sl->last_sent) &&
		    sentence_subject(q, sl->next_sent, &sp) &&
		    (sp.person || sp.plural))
			salient(sl, &sp, sl->next_sent);
		sl->next_sent++;
	}
}

static const char *speaker_name(qstate *q, const speaker *sp)
{
	if (sp->text)
		return sp->text;
	if (sp->ent >= 0)
		return q->art->ents[sp->ent].name;
	return span_text(q->art, T(q, sp->t0)->start, T(q, sp->t1 - 1)->end);
}

/* "Swanson, who slammed the Girl Scouts for “...”": the relative pronoun
 * of a clause in [lo, k) that runs up to the quote (no comma or quote in
 * between) after a name or description.  Returns its token, or PLX_NONE. */
static size_t rel_subject(const qstate *q, size_t lo, size_t k)
{
	for (size_t j = k; j > lo + 1; j--) {
		size_t w = j - 1;
		if (q->inq[w] || tchar(q, w, ',') || tterminal(q, w))
			return PLX_NONE;
		if (!trel(q, w))
			continue;
		size_t e = tchar(q, w - 1, ',') ? w - 1 : w;
		/* the pronoun must be the clause's subject: a verb follows */
		size_t v = w + 1;
		while (v < k && tword(q, v) &&
		       (in_list(ADVERBS, T(q, v)->norm) ||
			ly_adverb(T(q, v)->norm)))
			v++;
		if (v >= k || !tword(q, v) || tupper(q, v) ||
		    !(tcue(q, v) || verb_like(T(q, v)->norm) || v > w + 1))
			return PLX_NONE;
		return np_backward(q, e, lo) < e ? w : PLX_NONE;
	}
	return PLX_NONE;
}

static int attribute(qstate *q, size_t qi, salience *sl)
{
	plx_article *art = q->art;
	plx_quote *qt = &art->quotes[qi];
	qx *x = &q->x[qi];
	const plx_paragraph *para = &art->paras[qt->paragraph];
	size_t plo = para->first_sentence < art->n_sents
			     ? art->sents[para->first_sentence].first_token
			     : 0;
	/* tokens of the paragraph where the quote closes */
	size_t cp = qt->paragraph;
	while (cp + 1 < art->n_paras && art->paras[cp + 1].start < x->close_end)
		cp++;
	const plx_paragraph *cpara = &art->paras[cp];
	size_t phi = cpara->n_sentences
			     ? art->sents[cpara->first_sentence +
					  cpara->n_sentences - 1]
					       .first_token +
				       art->sents[cpara->first_sentence +
						  cpara->n_sentences - 1]
					       .n_tokens
			     : x->t_close + 1;

	attr a;
	int found = 0;
	/* a. after the closing mark, to the sentence end or the next quote */
	size_t k = x->t_close + 1, hi = k;
	while (hi < phi && hi - k < WINDOW && !q->inq[hi] &&
	       (!tterminal(q, hi) || tnp(q, hi)))
		hi++;
	int32_t lastc = char_before(art->text, qt->start, qt->end);
	int comma_inside =
		lastc == ',' || lastc == '?' || lastc == '!' || lastc == 0x2014;
	/* “... it.” She noted ...: a new sentence after a full stop is not
	 * this quote's attribution */
	int new_sent =
		lastc == '.' && k < hi && tupper(q, k) && sent_lo(q, k) == k;
	if (!new_sent &&
	    (!qt->partial || comma_inside || (k < hi && tchar(q, k, ','))))
		found = after_cue(q, k, hi, !qt->partial && comma_inside, &a);
	if (!found && new_sent && !qt->partial && hi < phi &&
	    tchar(q, hi, '.') && after_cue(q, k, hi, 0, &a)) {
		/* “... missing.” Trump said.  A sentence that is nothing but
		 * SPEAKER CUE reports the quote before it */
		size_t e = a.s1 > a.c1 ? a.s1 : a.c1;
		found = a.s0 != PLX_NONE && e == hi;
	}
	if (!found && !qt->partial && hi > k) {
		/* “...” if she lost, said David Wasserman: a clause after a
		 * comma, the last one first, that reaches the sentence end or
		 * another comma (“...” about it, said X, a union that ...) */
		for (size_t c = hi; c > k + 1 && !found; c--) {
			if (!tchar(q, c - 1, ','))
				continue;
			if (after_cue(q, c, hi, 0, &a)) {
				size_t e = a.s1 != PLX_NONE && a.s1 > a.c1
						   ? a.s1
						   : a.c1;
				found = e == hi || tchar(q, e, ',');
			}
		}
	}
	/* b. before the opening mark, in the same sentence */
	if (!found) {
		size_t lo = x->t_open,
		       stop = x->t_open > WINDOW ? x->t_open - WINDOW : 0;
		if (stop < plo)
			stop = plo;
		while (lo > stop &&
		       (!tterminal(q, lo - 1) || tnp(q, lo - 1) ||
			tchar(q, lo, ')')) && /* "(D-Nev.) said" */
		       !(q->inq[lo - 1] &&
			 (qt->partial || q->inq[lo - 1] == 1)))
			lo--;
		if (lo < x->t_open &&
		    !(x->t_open - lo == 1 && tchar(q, lo, ',')))
			found = before_cue(q, lo, x->t_open, &a);
		/* "Clinton: “...”", a speaker and a colon */
		if (!found && x->t_open >= lo + 2 &&
		    tchar(q, x->t_open - 1, ':') && tupper(q, lo) &&
		    np_forward(q, lo, x->t_open - 1) == x->t_open - 1) {
			a.s0 = lo, a.s1 = x->t_open - 1;
			a.c0 = a.c1 = PLX_NONE;
			found = 1;
		}
		/* c. "He said:" ending the previous paragraph */
		if (!found && x->t_open == plo && qt->paragraph > 0) {
			const plx_paragraph *pp =
				&art->paras[qt->paragraph - 1];
			if (pp->n_sentences) {
				const plx_sentence *ls =
					&art->sents[pp->first_sentence +
						    pp->n_sentences - 1];
				size_t le = ls->first_token + ls->n_tokens;
				if (le > ls->first_token &&
				    tchar(q, le - 1, ':'))
					found = before_cue(q, ls->first_token,
							   le - 1, &a);
			}
		}
	}
	/* e. a quote inside a sentence with no cue ("Clinton decried the GOP
	 * for “turning its back”"): the sentence's subject */
	if (!found) {
		size_t slo = sent_lo(q, x->t_open), b, e;
		/* a short quote modifying the noun after it (the alliance's
		 * “open door” policy) is a name, not someone's words */
		size_t nk = x->t_close + 1;
		int modifier = qt->partial && x->t_close - x->t_open <= 4 &&
			       nk < art->n_toks && tword(q, nk) &&
			       !tupper(q, nk) &&
			       !(T(q, nk)->flags & PLX_TOK_STOP);
		size_t w = slo < x->t_open && !modifier
				   ? rel_subject(q, slo, x->t_open)
				   : PLX_NONE;
		if (w != PLX_NONE) {
			a.s0 = w, a.s1 = w + 1;
			a.c0 = a.c1 = PLX_NONE;
			found = 1;
		} else if (slo < x->t_open && !modifier &&
			   clause_subject(q, slo, x->t_open, &b, &e)) {
			a.s0 = b, a.s1 = e;
			a.c0 = a.c1 = PLX_NONE;
			found = 1;
		}
	}
	/* f. a full quote opening its sentence after a sentence with no
	 * quote: that sentence's colon cue ("Jared Potts echoed:") or its
	 * subject when it names a person ("Valastro praised Christie's
	 * leadership.  “We need someone ...”") */
	size_t slo = sent_lo(q, x->t_open);
	if (!found && !qt->partial && slo == x->t_open && x->t_open > 0 &&
	    (x->t_open > plo || qt->paragraph > 0)) {
		size_t lo2 = sent_lo(q, x->t_open - 1), hi2 = x->t_open, b, e;
		int clean =
			lo2 < hi2 &&
			T(q, lo2)->start >=
				art->paras[qt->paragraph - (x->t_open == plo)]
					.start;
		for (size_t j = lo2; clean && j < hi2; j++)
			clean = !q->inq[j];
		if (clean && tchar(q, hi2 - 1, ':'))
			found = before_cue(q, lo2, hi2 - 1, &a);
		if (clean && !found &&
		    (x->t_open > plo || tchar(q, hi2 - 1, ':')) &&
		    clause_subject(q, lo2, hi2, &b, &e)) {
			speaker t;
			memset(&t, 0, sizeof t);
			t.t0 = b, t.t1 = e;
			if (tpronoun(q, b) ? !tis(q, b, "i") && !tis(q, b, "we")
					   : (classify(q, &t), t.person)) {
				a.s0 = b, a.s1 = e;
				a.c0 = a.c1 = PLX_NONE;
				found = 1;
			}
		}
	}
	/* d. a full quote continues the previous quote of its paragraph */
	if (!found) {
		/* ... or, opening its paragraph, a quote of the previous
		 * paragraph (a quote paragraph left unattributed continues
		 * the speaker before it: the news convention) */
		int prev_para = qi > 0 && x->t_open == plo &&
				qt->paragraph > 0 &&
				q->x[qi - 1].close_end >=
					art->paras[qt->paragraph - 1].start &&
				q->x[qi - 1].close_end <= para->start;
		if (!qt->partial && qi > 0 &&
		    (art->quotes[qi - 1].paragraph == qt->paragraph ||
		     prev_para) &&
		    art->quotes[qi - 1].speaker) {
			const plx_quote *pq = &art->quotes[qi - 1];
			qt->speaker = pq->speaker;
			qt->speaker_entity = pq->speaker_entity;
			qt->speaker_start = pq->speaker_start;
			qt->speaker_end = pq->speaker_end;
			qt->cue = pq->cue;
			qt->cue_start = pq->cue_start;
			qt->cue_end = pq->cue_end;
		}
		return PLX_OK;
	}
	x->named = 1;
	if (a.c0 != PLX_NONE) {
		qt->cue_start = T(q, a.c0)->start;
		qt->cue_end = T(q, a.c1 - 1)->end;
		qt->cue = span_text(art, qt->cue_start, qt->cue_end);
		if (!qt->cue)
			return PLX_ENOMEM;
	}

	speaker sp;
	memset(&sp, 0, sizeof sp);
	sp.ent = -1;
	if (a.s0 == PLX_NONE) {
		/* "... and acknowledged a “...”": the sentence's subject */
		size_t b, e;
		size_t si = plx_article_sentence_at(art, qt->cue_start);
		if (clause_subject(q, sent_lo(q, a.c0), a.c0, &b, &e))
			sp.t0 = b, sp.t1 = e;
		else if (si == PLX_NONE || !sentence_subject(q, si, &sp) ||
			 sp.t1 > a.c0)
			return PLX_OK; /* a cue without a speaker */
	} else {
		sp.t0 = a.s0, sp.t1 = a.s1;
	}
	advance(q, sl, sp.t0);
	if (sp.t1 - sp.t0 == 1 && trel(q, sp.t0) && sp.t0 > 0) {
		/* a relative pronoun names its antecedent but keeps its own
		 * span, like a resolved he/she */
		size_t w = sp.t0, ae = tchar(q, w - 1, ',') ? w - 1 : w;
		size_t ab = np_backward(q, ae, sent_lo(q, w));
		qt->speaker_start = T(q, w)->start;
		qt->speaker_end = T(q, w)->end;
		if (ab < ae) {
			speaker an;
			memset(&an, 0, sizeof an);
			an.t0 = ab, an.t1 = ae;
			classify(q, &an);
			qt->speaker_entity = an.ent;
			qt->speaker = speaker_name(q, &an);
			if (an.person || an.plural) {
				size_t si = plx_article_sentence_at(
					art, T(q, ab)->start);
				salient(sl, &an,
					si == PLX_NONE ? sl->last_sent : si);
			}
		} else {
			qt->speaker = span_text(art, qt->speaker_start,
						qt->speaker_end);
		}
		return qt->speaker ? PLX_OK : PLX_ENOMEM;
	}
	if (sp.t1 - sp.t0 == 1 && tpronoun(q, sp.t0)) {
		const char *p = T(q, sp.t0)->norm;
		int want_plural = !strcmp(p, "they");
		int first_person = !strcmp(p, "i") || !strcmp(p, "we");
		size_t cur = plx_article_sentence_at(art, T(q, sp.t0)->start);
		qt->speaker_start = T(q, sp.t0)->start;
		qt->speaker_end = T(q, sp.t0)->end;
		const speaker *ante = NULL;
		if (first_person || !sl->has)
			ante = NULL;
		else if (want_plural)
			ante = sl->last.plural && (cur == PLX_NONE ||
						   cur - sl->last_sent <=
							   MAX_PRONOUN_SENTS)
				       ? &sl->last
				       : NULL;
		else
			ante = resolve_person(sl,
					      !strcmp(p, "she")
						      ? PLX_GENDER_FEMALE
						      : PLX_GENDER_MALE,
					      cur);
		if (ante) {
			qt->speaker = speaker_name(q, ante);
			qt->speaker_entity = ante->ent;
		} else {
			qt->speaker = span_text(art, qt->speaker_start,
						qt->speaker_end);
		}
		return qt->speaker ? PLX_OK : PLX_ENOMEM;
	}
	{
		const char *h = T(q, sp.t1 - 1)->norm;
		size_t hn = strlen(h);
		/* "the statement said": a document speaks for its author */
		int doc = !strcmp(h, "statement") && sp.t1 - sp.t0 >= 2 &&
			  in_list(DETS, T(q, sp.t0)->norm);
		if ((!doc && in_list(BAD_HEADS, h)) ||
		    in_list(BAD_HEADS, T(q, sp.t0)->norm) ||
		    (hn > 2 && !strcmp(h + hn - 2, "'t"))) {
			qt->speaker_entity = -1;
			return PLX_OK; /* a cue whose "speaker" is not one */
		}
	}
	classify(q, &sp);
	qt->speaker_start = T(q, sp.t0)->start;
	qt->speaker_end = T(q, sp.t1 - 1)->end;
	qt->speaker_entity = sp.ent;
	qt->speaker = speaker_name(q, &sp);
	if (!qt->speaker)
		return PLX_ENOMEM;
	if (sp.person || sp.plural) {
		size_t si = plx_article_sentence_at(art, qt->speaker_start);
		salient(sl, &sp, si == PLX_NONE ? sl->last_sent : si);
	}
	return PLX_OK;
}

int plx_quote_find(plx_analyzer *an, plx_article *art)
{
	(void)an;
	qstate q;
	memset(&q, 0, sizeof q);
	q.art = art;
	art->n_quotes = 0;
	int rc = find_pairs(&q);
	if (rc)
		goto done;
	if (art->n_toks) {
		q.inq = plx_calloc(art->n_toks, 1);
		if (!q.inq) {
			rc = PLX_ENOMEM;
			goto done;
		}
	}
	for (size_t i = 0; i < art->n_quotes; i++) {
		qx *x = &q.x[i];
		/* t_open: the (first) token of the opening mark; t_close: the
		 * last token of the closing mark ('' is two tokens) */
		x->t_open = plx_article_token_at(art, x->open);
		size_t k = x->t_open;
		for (; k < art->n_toks && art->toks[k].start < x->close_end;
		     k++)
			q.inq[k] = (art->toks[k].start < art->quotes[i].start ||
				    art->toks[k].start >= art->quotes[i].end)
					   ? 2
					   : 1;
		x->t_close = k > x->t_open ? k - 1 : x->t_open;
	}
	for (size_t i = 0; i < art->n_quotes; i++)
		art->quotes[i].partial =
			is_partial(&q, &art->quotes[i], &q.x[i]);
	salience sl;
	memset(&sl, 0, sizeof sl);
	for (size_t i = 0; i < art->n_quotes && !rc; i++)
		rc = attribute(&q, i, &sl);
done:
	plx_free(q.x);
	plx_free(q.inq);
	if (rc)
		art->n_quotes = 0;
	return rc;
}
