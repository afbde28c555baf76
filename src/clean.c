/*
 * clean.c: stage 1.  Cuts the text into paragraphs, tells the article's
 * body from the page furniture around it (masthead, title, caption,
 * related-link headline, credit, other) and finds the title, source outlet
 * and dateline the record did not give.
 *
 * Design: paragraphs are the text's lines (a blank line or a single newline
 * both end one), trimmed.  A credit sentence glued to the next article
 * ("...contributed to this report.Secretary of State") and a trailing wire
 * signature ("... March 16. REUTER") are cut off into their own paragraph.
 * Over limits->max_paragraphs, the first max-1 paragraphs are kept and the
 * rest of the text becomes one last paragraph labelled other (never
 * dropped: offsets still cover the whole text).
 *
 * Labels are scored rules.  Each furniture kind collects points from cues
 * of three sorts: words and word pairs ("contributed to", "reporting by",
 * "getty images"), the paragraph's start or end ("Advertisement", "Read
 * more", a parenthesised photo credit) and its shape (short, no final
 * punctuation, between two body paragraphs).  A kind needs SCORE_MIN points
 * to win over body; strong cues give 4, weak ones 1 or 2, so one weak cue
 * never makes furniture alone.  Paragraphs longer than FURNITURE_MAX_BYTES
 * are body: furniture is short, and this bounds the work per article.  The
 * title is decided by position (the first paragraph that is not furniture,
 * when title-shaped); a short line without final punctuation between body
 * paragraphs is a related-link headline.  Known limits: a section
 * sub-heading is taken for a related link; an article whose first sentence
 * is short and has no "said" may be taken for a title when the record has
 * none.
 */
#include "clean.h"

#include <string.h>

#include "utf8.h"

/* Longest paragraph that can be furniture: captions and credit lines run
 * to two or three sentences; longer paragraphs are body. */
#define FURNITURE_MAX_BYTES 400
/* Longest title, and longest title ending with a full stop (a headline
 * with a stop is short; a longer one-sentence paragraph is a lead). */
#define TITLE_MAX_BYTES      200
#define TITLE_STOP_MAX_BYTES 120
/* Related-link headlines and mastheads are one short line. */
#define RELATED_MAX_BYTES 140
#define SLOGAN_MAX_BYTES  60
/* Points a furniture kind needs to win over body. */
#define SCORE_MIN 3
/* How far back a glued credit sentence is looked for. */
#define GLUE_LOOKBACK 300

/* ---- Character helpers ------------------------------------------------ */

static int is_AZ(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}
static int is_az(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}
static unsigned char lc(unsigned char c)
{
	return is_AZ(c) ? c + 32 : c;
}

/* White space at s[i]: its byte length, else 0 (ASCII and Unicode Zs). */
static inline size_t space_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80 || !(c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3))
		return (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
			c == '\f' || c == '\v')
			       ? 1
			       : 0;
	size_t j = i;
	int32_t cp = plx_utf8_next(s, n, &j);
	return plx_is_space(cp) ? j - i : 0;
}

/* Case-insensitive: does s[0..n) start with the lower-case word w, ending
 * at a word boundary? */
static int starts_word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (lc((unsigned char)s[i]) != (unsigned char)w[i])
			return 0;
	if (n == k)
		return 1;
	unsigned char c = (unsigned char)s[k];
	return !(is_az(c) || is_AZ(c)) || !(is_az(lc((unsigned char)w[k - 1])));
}

/* Case-insensitive substring (short haystacks only). */
static int has_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	for (size_t i = 0; i + k <= n; i++) {
		if (lc((unsigned char)s[i]) != (unsigned char)w[0])
			continue;
		size_t j = 1;
		while (j < k &&
		       lc((unsigned char)s[i + j]) == (unsigned char)w[j])
			j++;
		if (j == k)
			return 1;
	}
	return 0;
}

/* The code point ending at s[end) and the one starting at s[start]. */
static int32_t last_cp(const char *s, size_t start, size_t end)
{
	if (end <= start)
		return 0;
	size_t b;
	return plx_utf8_prev(s, end, &b);
}

static int32_t first_cp(const char *s, size_t start, size_t end)
{
	if (end <= start)
		return 0;
	return plx_utf8_next(s, end, &start);
}

/* ---- Paragraph split -------------------------------------------------- */

typedef struct splitter {
	plx_article *art;
	size_t max;   /* paragraphs kept (>= 1) */
	int overflow; /* the last paragraph holds the rest of the text */
} splitter;

static int emit(splitter *sp, size_t a, size_t b)
{
	const char *s = sp->art->text;
	size_t l;
	while (a < b && (l = space_at(s, b, a)) > 0)
		a += l;
	while (a < b) {
		size_t st;
		int32_t c = plx_utf8_prev(s, b, &st);
		if (!plx_is_space(c) && c != '\t' && c != '\n' && c != '\r')
			break;
		b = st;
	}
	if (a >= b)
		return PLX_OK;
	plx_article *art = sp->art;
	if (art->n_paras >= sp->max) {
		art->paras[art->n_paras - 1].end = b;
		sp->overflow = 1;
		return PLX_OK;
	}
	plx_paragraph *p = plx_article_add_para(art);
	if (!p)
		return PLX_ENOMEM;
	p->start = a;
	p->end = b;
	p->kind = PLX_PARA_BODY;
	return PLX_OK;
}

/* Does the sentence s[a..b) read like a credit line? */
static int credit_sentence(const char *s, size_t a, size_t b)
{
	return has_ci(s + a, b - a, "contributed to this") ||
	       has_ci(s + a, b - a, "contributed reporting") ||
	       has_ci(s + a, b - a, " reported from ") ||
	       has_ci(s + a, b - a, "reporting by") ||
	       has_ci(s + a, b - a, "editing by");
}

/* Emits line [a, b), cut where a credit sentence is glued to new text
 * ("report.Secretary") and before a trailing wire signature ("REUTER"). */
static int emit_line(splitter *sp, size_t a, size_t b)
{
	const char *s = sp->art->text;
	int rc;
	for (size_t k = a + 1; k + 1 < b; k++) {
		if (s[k] != '.' || !is_az((unsigned char)s[k - 1]) ||
		    !is_AZ((unsigned char)s[k + 1]))
			continue;
		/* Start of the sentence ending at k. */
		size_t lo = k - a > GLUE_LOOKBACK ? k - GLUE_LOOKBACK : a;
		size_t st = k;
		while (st > lo && !((s[st - 1] == ' ') && st >= 2 &&
				    (s[st - 2] == '.' || s[st - 2] == '?' ||
				     s[st - 2] == '!')))
			st--;
		if (!credit_sentence(s, st, k + 1))
			continue;
		if ((rc = emit(sp, a, k + 1)))
			return rc;
		a = k + 1;
	}
	/* "... the Middle East. (Reporting by X; Editing by Y)": a wire
	 * credit in brackets after the last sentence. */
	if (b - a > 3 && s[b - 1] == ')') {
		size_t o = b - 1, lo = b - a > 400 ? b - 400 : a;
		while (o > lo && s[o] != '(')
			o--;
		if (o > a + 1 && s[o] == '(' && s[o - 1] == ' ' &&
		    (starts_word(s + o + 1, b - o - 1, "reporting by") ||
		     starts_word(s + o + 1, b - o - 1,
				 "additional reporting") ||
		     starts_word(s + o + 1, b - o - 1, "writing by") ||
		     starts_word(s + o + 1, b - o - 1, "editing by"))) {
			if ((rc = emit(sp, a, o)))
				return rc;
			a = o;
		}
	}
	/* "... March 16. REUTER" (Reuters-21578's sign-off). */
	static const char *const sig[] = {"REUTER", "Reuter", "(Reuters)"};
	for (size_t i = 0; i < 3; i++) {
		size_t k = strlen(sig[i]);
		if (b - a > k + 2 && memcmp(s + b - k, sig[i], k) == 0 &&
		    s[b - k - 1] == ' ' &&
		    (s[b - k - 2] == '.' || s[b - k - 2] == '"' ||
		     s[b - k - 2] == '\'' || s[b - k - 2] == ')')) {
			if ((rc = emit(sp, a, b - k)))
				return rc;
			a = b - k;
			break;
		}
	}
	return emit(sp, a, b);
}

static int split(plx_article *art, splitter *sp)
{
	const char *s = art->text;
	size_t n = art->len;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		int rc = emit_line(sp, i, e);
		if (rc)
			return rc;
		i = e + 1;
	}
	return PLX_OK;
}

/* ---- Features --------------------------------------------------------- */

/* Cue words and word pairs, found in one pass over a short paragraph's
 * words. */
enum {
	W_CONTRIB = 1 << 0, /* "contributed to" / "contributed reporting" */
	W_REPORTING_BY = 1 << 1, /* "reporting by", "editing by", "writing
				    by" */
	W_REPORTED_FROM = 1 << 2,
	W_COPYRIGHT = 1 << 3, /* "©", "copyright", "rights reserved" */
	W_PHOTO = 1 << 4,     /* "photo", "getty", "shutterstock" ... */
	W_COOKIE = 1 << 5,
	W_FOLLOW_ON = 1 << 6, /* "follow ... on twitter/facebook" */
	W_SIGN_UP = 1 << 7,   /* "sign up", "subscribe", "newsletter" */
	W_SAID = 1 << 8       /* "said", "says", "according" */
};

typedef struct feat {
	size_t len;
	unsigned words, caps; /* words, words starting with a capital */
	unsigned nums;        /* words starting with a digit */
	unsigned sentences;   /* ". X" breaks + 1 */
	unsigned cues;        /* W_* */
	int terminal;         /* ends with . ! ? … (quotes after allowed) */
	int colon;            /* ends with ':' */
	int quoted;           /* starts with a quotation mark */
	int bullet;           /* starts with a list marker */
	int allcaps;          /* has letters, none lower case */
	int dash_end;         /* ends with a dash ("WASHINGTON —") */
	int score[PLX_PARA_OTHER + 1];
} feat;

/* Cue words, looked up by length and letters (no string compare chain). */
enum {
	K_NONE = 0,
	K_CONTRIBUTED,
	K_REPORTING,
	K_EDITING,
	K_WRITING,
	K_BY,
	K_REPORTED,
	K_FROM,
	K_COPYRIGHT,
	K_RIGHTS,
	K_RESERVED,
	K_PHOTO,
	K_COOKIE,
	K_FOLLOW,
	K_ON,
	K_SOCIAL,
	K_SIGN,
	K_UP,
	K_NEWSLETTER,
	K_SAID,
	K_TO,
	K_THIS
};

static int keyword(const char *w, size_t n)
{
#define KW(str, id)                                    \
	if (n == sizeof str - 1 && !memcmp(w, str, n)) \
	return id
	switch (w[0]) {
	case 'a': KW("according", K_SAID); break;
	case 'b': KW("by", K_BY); break;
	case 'c':
		KW("contributed", K_CONTRIBUTED);
		KW("copyright", K_COPYRIGHT);
		KW("cookies", K_COOKIE);
		KW("cookie", K_COOKIE);
		break;
	case 'e': KW("editing", K_EDITING); break;
	case 'f':
		KW("from", K_FROM);
		KW("follow", K_FOLLOW);
		KW("facebook", K_SOCIAL);
		break;
	case 'g': KW("getty", K_PHOTO); break;
	case 'h': KW("handout", K_PHOTO); break;
	case 'i': KW("instagram", K_SOCIAL); break;
	case 'n': KW("newsletter", K_NEWSLETTER); break;
	case 'o': KW("on", K_ON); break;
	case 'p':
		KW("photo", K_PHOTO);
		KW("photos", K_PHOTO);
		KW("photograph", K_PHOTO);
		KW("pictured", K_PHOTO);
		break;
	case 'r':
		KW("reporting", K_REPORTING);
		KW("reported", K_REPORTED);
		KW("rights", K_RIGHTS);
		KW("reserved", K_RESERVED);
		break;
	case 's':
		KW("said", K_SAID);
		KW("sign", K_SIGN);
		KW("subscribe", K_NEWSLETTER);
		KW("shutterstock", K_PHOTO);
		break;
	case 't':
		KW("to", K_TO);
		KW("this", K_THIS);
		KW("twitter", K_SOCIAL);
		break;
	case 'u': KW("up", K_UP); break;
	case 'w': KW("writing", K_WRITING); break;
	case 'x': KW("x", K_SOCIAL); break;
	default: break;
	}
	return K_NONE;
#undef KW
}

/* Bytes that may start a Unicode space (U+00A0, U+1680, U+2000..U+205F,
 * U+3000); others need no decoding. */
static int may_space(unsigned char c)
{
	return c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3;
}

static void scan_words(const char *s, size_t a, size_t b, feat *f)
{
	int prev2 = K_NONE, prev = K_NONE, follow = 0;
	int lower_seen = 0, letter_seen = 0;
	char w[16];
	for (size_t i = a; i < b;) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t') {
			i++;
			continue;
		}
		size_t l;
		if (may_space(c) && (l = space_at(s, b, i)) > 0) {
			i += l;
			continue;
		}
		/* The word s[i..e): letters are folded into w as we go, after
		 * any leading punctuation. */
		size_t e = i, wn = 0;
		int started = 0, long_word = 0;
		for (; e < b; e++) {
			unsigned char d = (unsigned char)s[e];
			if (d == ' ' || d == '\t' ||
			    (may_space(d) && space_at(s, b, e)))
				break;
			if (is_az(d) || is_AZ(d)) {
				letter_seen = 1;
				lower_seen |= is_az(d);
				started = 1;
				if (wn < sizeof w)
					w[wn++] = (char)lc(d);
				else
					long_word = 1;
			} else if (started) {
				if (d == '\'' || d == '-' || d >= 0x80 ||
				    (d >= '0' && d <= '9'))
					long_word =
						1; /* not a plain cue word */
			}
		}
		f->words++;
		if (is_AZ(c))
			f->caps++;
		else if (c >= '0' && c <= '9')
			f->nums++;
		else if (c >= 0x80) {
			size_t j = i;
			int32_t cp = plx_utf8_next(s, b, &j);
			if (plx_is_upper(cp))
				f->caps++;
			else if (cp == 0xA9) /* © */
				f->cues |= W_COPYRIGHT;
		}
		int k = wn && !long_word ? keyword(w, wn) : K_NONE;
		switch (k) {
		case K_REPORTING:
			if (prev == K_CONTRIBUTED)
				f->cues |= W_CONTRIB;
			break;
		case K_THIS:
			if (prev == K_TO && prev2 == K_CONTRIBUTED)
				f->cues |= W_CONTRIB;
			break;
		case K_BY:
			if (prev == K_REPORTING || prev == K_EDITING ||
			    prev == K_WRITING)
				f->cues |= W_REPORTING_BY;
			break;
		case K_FROM:
			if (prev == K_REPORTED)
				f->cues |= W_REPORTED_FROM;
			break;
		case K_COPYRIGHT: f->cues |= W_COPYRIGHT; break;
		case K_RESERVED:
			if (prev == K_RIGHTS)
				f->cues |= W_COPYRIGHT;
			break;
		case K_PHOTO: f->cues |= W_PHOTO; break;
		case K_COOKIE: f->cues |= W_COOKIE; break;
		case K_FOLLOW: follow = 1; break;
		case K_SOCIAL:
			if (follow && prev == K_ON)
				f->cues |= W_FOLLOW_ON;
			break;
		case K_UP:
			if (prev == K_SIGN)
				f->cues |= W_SIGN_UP;
			break;
		case K_NEWSLETTER: f->cues |= W_SIGN_UP; break;
		case K_SAID: f->cues |= W_SAID; break;
		default: break;
		}
		/* Sentence break: "word. Next" */
		if (e + 1 < b && e - i > 1 &&
		    (s[e - 1] == '.' || s[e - 1] == '?' || s[e - 1] == '!') &&
		    is_AZ((unsigned char)s[e + 1]))
			f->sentences++;
		prev2 = prev;
		prev = k;
		i = e;
	}
	f->allcaps = letter_seen && !lower_seen;
}

static void features(const plx_article *art, const plx_paragraph *p, feat *f)
{
	const char *s = art->text;
	memset(f, 0, sizeof *f);
	f->len = p->end - p->start;
	f->sentences = 1;
	/* Last meaningful character: skip closing quotes and brackets. */
	size_t e = p->end;
	int32_t c = last_cp(s, p->start, e);
	while (e > p->start && ((plx_quote_mark(c) & PLX_QM_CLOSE) ||
				c == '\'' || c == ')' || c == ']')) {
		size_t st;
		plx_utf8_prev(s, e, &st);
		e = st;
		c = last_cp(s, p->start, e);
	}
	f->terminal = c == '.' || c == '!' || c == '?' || c == 0x2026;
	f->colon = c == ':';
	f->dash_end = c == '-' || c == 0x2013 || c == 0x2014;
	int32_t c0 = first_cp(s, p->start, p->end);
	f->quoted = (plx_quote_mark(c0) & PLX_QM_OPEN) != 0 ||
		    (c0 == '\'' && f->len > 1 && s[p->start + 1] == '\'');
	f->bullet = c0 == '-' || c0 == '*' || c0 == 0x2022 || c0 == 0x25CF ||
		    c0 == 0x2013 || c0 == 0x2014;
	if (f->len <= FURNITURE_MAX_BYTES)
		scan_words(s, p->start, p->end, f);
}

/* ---- Rules ------------------------------------------------------------ */

/* Lines that are site furniture when they open a short line. */
static const char *const MASTHEAD_START[] = {"skip to main content",
					     "skip to content",
					     "skip to navigation",
					     "supported by",
					     "subscribe",
					     "share this",
					     "share on",
					     "share",
					     "tweet",
					     "email this",
					     "print",
					     "listen to this",
					     "continue reading",
					     "log in",
					     "sign in",
					     "menu",
					     "most popular",
					     "most read",
					     "trending",
					     "open in app",
					     "copy link",
					     "gift this",
					     "save article",
					     "comments",
					     NULL};

static const char *const RELATED_START[] = {"read more",
					    "related:",
					    "related coverage",
					    "related stories",
					    "related articles",
					    "related content",
					    "see also",
					    "also read",
					    "read also",
					    "more:",
					    "read the rest",
					    "more from",
					    "recommended",
					    "watch:",
					    "listen:",
					    "click here to read",
					    "also on",
					    "read next",
					    "you might also like",
					    "further reading",
					    NULL};

static const char *const OTHER_START[] = {"sign up",
					  "we use cookies",
					  "this site uses cookies",
					  "editor's note",
					  "editor\xe2\x80\x99s note",
					  "correction:",
					  "clarification:",
					  "this story has been",
					  "this article has been",
					  "this article was",
					  "this story was",
					  "follow us",
					  "download the",
					  "get the app",
					  "click here",
					  "pic.twitter.com",
					  "advertisement",
					  "sponsored",
					  "story continues below",
					  "article continues",
					  "scroll to continue",
					  NULL};

/* Month names opening a bare date line. */
static const char *const MONTHS[] = {
	"january",  "february", "march",  "april",     "may",
	"june",     "july",     "august", "september", "october",
	"november", "december", "jan.",   "feb.",      "mar.",
	"apr.",     "jun.",     "jul.",   "aug.",      "sept.",
	"sep.",     "oct.",     "nov.",   "dec.",      NULL};

static int has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* Words that may open a short date/time stamp line. */
static const char *const STAMP_START[] = {
	"published", "updated", "last updated", "first published", "posted",
	"modified",  NULL};

static int starts_any(const char *s, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (lc((unsigned char)*s) == (unsigned char)(*list)[0] &&
		    starts_word(s, n, *list))
			return (int)strlen(*list);
	return 0;
}

/* Does the line open with "By " and a capitalised name (a byline)? */
static int byline(const char *s, size_t n, const feat *f)
{
	return n > 4 && n <= 100 && (s[0] == 'B' || s[0] == 'b') &&
	       s[1] == 'y' && s[2] == ' ' && is_AZ((unsigned char)s[3]) &&
	       !f->terminal && f->words <= 14;
}

/* Score for a parenthesised photo credit ending s[0..n): "(Alex
 * Brandon/Pool/Associated Press)", "(Photo: ...)", "(AP Photo/...)". */
static int photo_credit(const char *s, size_t n)
{
	if (!n || s[n - 1] != ')')
		return 0;
	size_t lo = n > 120 ? n - 120 : 0;
	size_t o = n - 1;
	while (o > lo && s[o] != '(')
		o--;
	if (s[o] != '(')
		return 0;
	const char *g = s + o + 1;
	size_t gn = n - 2 - o;
	if (gn < 2)
		return 0;
	/* "Name/Agency": a slash between capitalised words. */
	const char *sl = memchr(g, '/', gn);
	if (sl && sl > g && sl + 1 < g + gn && is_AZ((unsigned char)sl[1]))
		return 4;
	static const char *const w[] = {
		"photo",        "image",   "getty", "pool", "courtesy",
		"credit",       "file",    "afp",   "epa",  "shutterstock",
		"illustration", "handout", NULL};
	for (size_t i = 0; w[i]; i++)
		if (has_ci(g, gn, w[i]))
			return 3;
	return 0;
}

static int title_shaped(const feat *f)
{
	/* Mostly figures: a table row ("Shr 10 cts vs 14 cts"). */
	if (f->nums * 4 >= f->words)
		return 0;
	if (f->len > TITLE_MAX_BYTES || f->words < 2 || f->words > 30 ||
	    (f->quoted && f->len > TITLE_STOP_MAX_BYTES) || f->bullet ||
	    f->colon)
		return 0;
	if (!f->terminal || f->allcaps)
		return 1;
	/* A headline with a full stop: short, one sentence, no attribution
	 * ("..., officials said." is a lead), unless in title case ("Beck
	 * Says Trump Poses A Threat.  His Answer Took Everyone By Surprise.").
	 * Two "sentences" are often an abbreviation ("Rep. Welch to back
	 * Sanders.") or a question ("Superdelegates? Dems have too many."). */
	int title_case = f->caps * 10 >= f->words * 7;
	return f->len <= TITLE_STOP_MAX_BYTES &&
	       (f->sentences == 1 ||
		(f->sentences == 2 && (title_case || f->len <= 90))) &&
	       (!(f->cues & W_SAID) || title_case);
}

/* First pass: kinds decided by the paragraph alone. */
static void score_alone(const plx_analyzer *an, const plx_article *art,
			const plx_paragraph *p, feat *f)
{
	const char *s = art->text + p->start;
	size_t n = f->len;
	int *sc = f->score;
	if (n > FURNITURE_MAX_BYTES)
		return;

	/* Masthead: an outlet's name alone, glued to a slogan ("The
	 * Washington PostDemocracy Dies in Darkness") or before a separator;
	 * or "Section | Outlet". */
	size_t m = 0;
	if ((!f->terminal || n <= SLOGAN_MAX_BYTES) &&
	    plx_outlets_prefix(an->outlets, s, n, &m)) {
		if (m == n)
			sc[PLX_PARA_MASTHEAD] += 5;
		else if (n - m <= SLOGAN_MAX_BYTES && !f->terminal &&
			 (is_AZ((unsigned char)s[m]) ||
			  strchr("|-:\xe2\xc2", s[m + (s[m] == ' ')])))
			sc[PLX_PARA_MASTHEAD] += 4;
	}
	if (!f->terminal && n <= SLOGAN_MAX_BYTES + 40) {
		const char *bar = NULL;
		for (size_t i = n; i-- > 1;)
			if (s[i] == '|' || (s[i] == '-' && s[i - 1] == ' ')) {
				bar = s + i + 1;
				break;
			}
		if (bar && plx_outlets_by_name(an->outlets, bar,
					       (size_t)(s + n - bar)))
			sc[PLX_PARA_MASTHEAD] += 4;
	}
	int k = starts_any(s, n, MASTHEAD_START);
	if (k && n <= (size_t)k + 30 && (!f->terminal || n <= (size_t)k + 1))
		sc[PLX_PARA_MASTHEAD] += 4;

	/* Caption. */
	sc[PLX_PARA_CAPTION] += photo_credit(s, n);
	static const char *const cap_start[] = {
		"photo:",   "photograph:", "image:",
		"caption:", "pictured:",   "above:",
		"file -",   "file photo",  "file \xe2\x80\x94",
		NULL};
	if (starts_any(s, n, cap_start))
		sc[PLX_PARA_CAPTION] += 4;
	if ((f->cues & W_PHOTO) &&
	    (has_ci(s, n, "getty images") || has_ci(s, n, "ap photo") ||
	     has_ci(s, n, "photo by") || has_ci(s, n, "photograph by") ||
	     has_ci(s, n, "photo credit") || has_ci(s, n, "shutterstock")))
		sc[PLX_PARA_CAPTION] += 3;
	if (f->quoted)
		sc[PLX_PARA_CAPTION] -= 2;

	/* Related links. */
	if (starts_any(s, n, RELATED_START) && n <= 300)
		sc[PLX_PARA_RELATED] += 4;

	/* Credit. */
	if (f->cues & (W_CONTRIB | W_REPORTING_BY))
		sc[PLX_PARA_CREDIT] += 4;
	if (f->cues & W_COPYRIGHT)
		sc[PLX_PARA_CREDIT] += 4;
	if (f->cues & W_REPORTED_FROM) {
		/* "Khurshudyan reported from Moscow": a name right before. */
		sc[PLX_PARA_CREDIT] += 2;
		if (n <= 250 && f->sentences <= 2)
			sc[PLX_PARA_CREDIT] += 2;
	}
	if ((n == 6 && !memcmp(s, "REUTER", 6)) ||
	    (n == 9 && !memcmp(s, "(Reuters)", 9)))
		sc[PLX_PARA_CREDIT] += 6;
	if (f->quoted)
		sc[PLX_PARA_CREDIT] -= 3;

	/* Other boilerplate. */
	if (byline(s, n, f))
		sc[PLX_PARA_OTHER] += 4;
	/* An embed left in the text: "<tweet ...>" (not "<Lotus Corp>"). */
	if (starts_any(s, n, OTHER_START) ||
	    (s[0] == '<' && n > 1 && is_az((unsigned char)s[1])))
		sc[PLX_PARA_OTHER] += 4;
	if (starts_any(s, n, STAMP_START) && n <= 80 && !f->terminal)
		sc[PLX_PARA_OTHER] += 4;
	if ((f->cues & W_COOKIE) &&
	    (has_ci(s, n, "privacy") || has_ci(s, n, "consent") ||
	     has_ci(s, n, "accept")))
		sc[PLX_PARA_OTHER] += 4;
	if ((f->cues & W_FOLLOW_ON) && n <= 200)
		sc[PLX_PARA_OTHER] += 4;
	if ((f->cues & W_SIGN_UP) && n <= 200 && !f->quoted)
		sc[PLX_PARA_OTHER] += 3;
	/* A dateline alone ("WASHINGTON —"), or a stamp ("6 min read"). */
	if (f->allcaps && n <= 40 && f->words <= 4)
		sc[PLX_PARA_OTHER] += 3;
	if (n <= 30 && has_ci(s, n, "min read"))
		sc[PLX_PARA_OTHER] += 4;
	/* A section breadcrumb ("Sport | Football", "World > Europe"). */
	if (n <= 60 && !f->terminal &&
	    (has_ci(s, n, " | ") || has_ci(s, n, " > ") ||
	     has_ci(s, n, " \xe2\x80\xba ") || has_ci(s, n, " \xc2\xbb ")))
		sc[PLX_PARA_OTHER] += 4;
	/* A bare time stamp ("March 10, 2025 at 2:14 p.m."). */
	if (n <= 48 && f->words <= 8 && starts_any(s, n, MONTHS) &&
	    has_digit(s, n) && !f->quoted)
		sc[PLX_PARA_OTHER] += 4;
}

static plx_para_kind best(const feat *f)
{
	plx_para_kind k = PLX_PARA_BODY;
	int top = SCORE_MIN - 1;
	for (int i = PLX_PARA_TITLE; i <= PLX_PARA_OTHER; i++)
		if (f->score[i] > top)
			top = f->score[i], k = (plx_para_kind)i;
	return k;
}

/* A body paragraph that reads as running text. */
static int prose(const plx_paragraph *p, const feat *f)
{
	return p->kind == PLX_PARA_BODY && (f->terminal || f->len > 150);
}

/* Same text, ignoring ASCII case, white space ends and a final stop. */
static int same_title(const char *a, size_t an, const char *b, size_t bn)
{
	while (an && (a[an - 1] == '.' || a[an - 1] == ' '))
		an--;
	while (bn && (b[bn - 1] == '.' || b[bn - 1] == ' '))
		bn--;
	if (an != bn)
		return 0;
	for (size_t i = 0; i < an; i++)
		if (lc((unsigned char)a[i]) != lc((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Paragraphs looked at for the title, and for mastheads naming the
 * source: page furniture above the article is a few lines at most. */
#define HEAD_PARAS 5

static int label(const plx_analyzer *an, plx_article *art, feat *fs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		features(art, &art->paras[i], &fs[i]);
		score_alone(an, art, &art->paras[i], &fs[i]);
		art->paras[i].kind = best(&fs[i]);
	}

	/* Title. */
	size_t title = PLX_NONE;
	for (size_t i = 0; i < n && i < HEAD_PARAS; i++) {
		plx_paragraph *p = &art->paras[i];
		if (art->title) {
			if (same_title(art->text + p->start, p->end - p->start,
				       art->title, strlen(art->title))) {
				title = i;
				break;
			}
			continue;
		}
		/* A short all-caps headline scored as other is still one. */
		int caps_title = p->kind == PLX_PARA_OTHER && fs[i].allcaps &&
				 fs[i].words >= 2 && !fs[i].dash_end &&
				 !fs[i].terminal;
		if ((p->kind == PLX_PARA_MASTHEAD ||
		     p->kind == PLX_PARA_OTHER) &&
		    !caps_title)
			continue;
		if ((p->kind == PLX_PARA_BODY || caps_title) &&
		    title_shaped(&fs[i]) && i + 1 < n)
			title = i;
		break;
	}
	if (title != PLX_NONE) {
		art->paras[title].kind = PLX_PARA_TITLE;
		art->title_para = title;
		if (!art->title) {
			plx_paragraph *p = &art->paras[title];
			art->title = plx_arena_strndup(&art->arena,
						       art->text + p->start,
						       p->end - p->start);
			if (!art->title)
				return PLX_ENOMEM;
		}
	}

	/* Related-link headlines: a short line without final punctuation
	 * set between running text, after the first body paragraph. */
	int body_seen = 0;
	for (size_t i = 0; i < n; i++) {
		plx_paragraph *p = &art->paras[i];
		feat *f = &fs[i];
		if (p->kind == PLX_PARA_BODY && i > 0 && i + 1 < n &&
		    body_seen && f->len <= RELATED_MAX_BYTES && !f->terminal &&
		    !f->colon && !f->quoted && !f->bullet && f->words >= 4 &&
		    prose(&art->paras[i - 1], &fs[i - 1]) &&
		    prose(&art->paras[i + 1], &fs[i + 1]))
			p->kind = PLX_PARA_RELATED;
		if (prose(p, f))
			body_seen = 1;
	}
	return PLX_OK;
}

/* ---- Dateline and source ---------------------------------------------- */

/* Length of a dash (— – ― - --) at s[i], else 0. */
static size_t dash_at(const char *s, size_t n, size_t i)
{
	if (i + 3 <= n && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] >= 0x93 &&
	     (unsigned char)s[i + 2] <= 0x95))
		return 3;
	if (i < n && s[i] == '-')
		return i + 1 < n && s[i + 1] == '-' ? 2 : 1;
	return 0;
}

/* Parses a dateline at the start of paragraph p: "GENEVA —", "WASHINGTON
 * (AP) —", "LONDON, Jan 5 (Reuters) -", "GENEVA, Switzerland (AP) —" or a
 * bare "(Reuters) -".  Sets the place span, the wire tag span and the end
 * (after the dash).  Returns 0 when there is none. */
typedef struct dateline {
	size_t place_a, place_b, tag_a, tag_b, end;
} dateline;

static int parse_dateline(const char *s, const plx_paragraph *p, dateline *d)
{
	size_t n = p->end, i = p->start;
	memset(d, 0, sizeof *d);
	/* Place: upper-case words. */
	size_t letters = 0;
	while (i < n) {
		size_t j = i;
		int32_t c = plx_utf8_next(s, n, &j);
		if (plx_is_letter(c)) {
			if (!plx_is_upper(c))
				break;
			letters++;
		} else if (!(c == '.' || c == '\'' || c == 0x2019 ||
			     (c == '-' && j < n && s[j] != ' ') ||
			     (c == ' ' && j < n && s[j] != '(' &&
			      !dash_at(s, n, j)))) {
			break;
		}
		i = j;
		if (i - p->start > 40)
			return 0;
	}
	if (letters >= 2) {
		d->place_a = p->start;
		d->place_b = i;
		while (d->place_b > d->place_a && s[d->place_b - 1] == ' ')
			d->place_b--;
		/* Up to two ", Region" / ", Jan 5" parts. */
		for (int k = 0;
		     k < 2 && i + 2 < n && s[i] == ',' && s[i + 1] == ' ';
		     k++) {
			size_t j = i + 2;
			while (j < n && j - i < 30 && s[j] != ',' &&
			       s[j] != '(' && !dash_at(s, n, j) && s[j] != '\n')
				j++;
			i = j;
			while (i > 0 && s[i - 1] == ' ' && s[i] != ',')
				i--;
		}
	} else {
		i = p->start;
	}
	while (i < n && s[i] == ' ')
		i++;
	if (i < n && s[i] == '(') {
		const char *c = memchr(s + i, ')', n - i < 40 ? n - i : 40);
		if (c) {
			d->tag_a = i + 1;
			d->tag_b = (size_t)(c - s);
			i = d->tag_b + 1;
		}
	}
	if (!d->place_b && !d->tag_b)
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	size_t dl = dash_at(s, n, i);
	if (dl && (i + dl == n || s[i + dl] == ' ')) {
		d->end = i + dl;
		return 1;
	}
	/* "WASHINGTON (AP) The ..." without a dash: only with a tag. */
	if (d->tag_b && i > d->tag_b) {
		d->end = d->tag_b + 1;
		return 1;
	}
	return 0;
}

/* Host of a URL ("https://www.x.com:80/a" -> "www.x.com"). */
static const char *url_host(const char *url, size_t *n)
{
	const char *h = strstr(url, "://");
	h = h ? h + 3 : url;
	size_t k = strcspn(h, "/?#:");
	const char *at = memchr(h, '@', k);
	if (at) {
		k -= (size_t)(at + 1 - h);
		h = at + 1;
	}
	*n = k;
	return h;
}

static int set_source(plx_article *art, const plx_outlet *o)
{
	if (art->source || !o)
		return PLX_OK;
	art->source = plx_arena_strndup(&art->arena, o->name, strlen(o->name));
	return art->source ? PLX_OK : PLX_ENOMEM;
}

static int find_meta(const plx_analyzer *an, plx_article *art)
{
	const char *s = art->text;
	int rc;
	/* Masthead naming the outlet. */
	for (size_t i = 0; i < art->n_paras && i < HEAD_PARAS && !art->source;
	     i++) {
		const plx_paragraph *p = &art->paras[i];
		size_t m;
		if (p->kind == PLX_PARA_MASTHEAD &&
		    (rc = set_source(
			     art, plx_outlets_prefix(an->outlets, s + p->start,
						     p->end - p->start, &m))))
			return rc;
	}
	/* The page's own domain names the publisher: a wire story on a
	 * newspaper's site is that newspaper's article (the wire tag below
	 * names its origin, and only counts when nothing else does). */
	if (!art->source && art->url) {
		size_t hn;
		const char *h = url_host(art->url, &hn);
		if ((rc = set_source(
			     art, plx_outlets_by_domain(an->outlets, h, hn))))
			return rc;
	}
	/* Dateline and wire tag on the first body paragraph. */
	for (size_t i = 0; i < art->n_paras; i++) {
		const plx_paragraph *p = &art->paras[i];
		if (p->kind != PLX_PARA_BODY)
			continue;
		dateline d;
		if (parse_dateline(s, p, &d)) {
			if (d.place_b > d.place_a && !art->dateline) {
				art->dateline = plx_arena_strndup(
					&art->arena, s + d.place_a,
					d.place_b - d.place_a);
				if (!art->dateline)
					return PLX_ENOMEM;
			}
			art->dateline_start = p->start;
			art->dateline_end = d.end;
			if (d.tag_b > d.tag_a &&
			    (rc = set_source(art,
					     plx_outlets_by_name(
						     an->outlets, s + d.tag_a,
						     d.tag_b - d.tag_a))))
				return rc;
		}
		break;
	}
	/* A wire sign-off credit ("REUTER"). */
	for (size_t i = art->n_paras; i-- > 0 && !art->source;) {
		const plx_paragraph *p = &art->paras[i];
		if (p->kind != PLX_PARA_CREDIT || p->end - p->start > 12)
			continue;
		const char *t = s + p->start;
		size_t tn = p->end - p->start;
		if (tn > 2 && t[0] == '(' && t[tn - 1] == ')')
			t++, tn -= 2;
		if ((rc = set_source(art,
				     plx_outlets_by_name(an->outlets, t, tn))))
			return rc;
		break;
	}
	return PLX_OK;
}

/* ---- Stage ------------------------------------------------------------ */

int plx_clean(const plx_analyzer *an, plx_article *art)
{
	splitter sp = {art,
		       art->limits && art->limits->max_paragraphs
			       ? art->limits->max_paragraphs
			       : 1,
		       0};
	if (!art->limits)
		sp.max = 4096;
	int rc = split(art, &sp);
	if (rc)
		return rc;
	size_t n = art->n_paras;
	if (!n)
		return PLX_OK;
	/* Over the limit, the last paragraph holds the rest of the text and is
	 * labelled other; it is not scored. */
	size_t scored = sp.overflow ? n - 1 : n;
	feat small[64];
	feat *fs = scored <= 64 ? small : plx_malloc(scored * sizeof *fs);
	if (!fs)
		return PLX_ENOMEM;
	rc = label(an, art, fs, scored);
	if (fs != small)
		plx_free(fs);
	if (rc)
		return rc;
	if (sp.overflow)
		art->paras[n - 1].kind = PLX_PARA_OTHER;
	return find_meta(an, art);
}
