/*
 * outlet.c: the list of known news outlets, used by the clean stage to name
 * an article's source from a masthead line, a wire tag ("(AP)") or the
 * article's URL.
 *
 * Design: outlets live in one array; two open-addressing hash tables map
 * keys to array indices: names and aliases (ASCII case folded, a leading
 * "the " dropped) and web domains (lower case).  Domain lookup walks the
 * parents of a host ("edition.cnn.com", "cnn.com"); prefix lookup hashes
 * every prefix of the text once (FNV-1a is incremental) and probes only the
 * lengths some key has, longest first.  Each lookup is thus a few probes,
 * whatever the list's size.  The built-in list is written in the file
 * format (docs/outlets.md) and goes through the same parser as user files.
 * A later definition of a name, alias or domain replaces an earlier one, so
 * a user file can override the built-in list.
 */
#include "outlet.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "parallax.h"
#include "utf8.h"

/* Longest name, alias or domain in bytes: outlet names are short, and the
 * prefix lookup hashes this many bytes of text at most. */
#define PLX_OUTLET_MAX_KEY 96
/* Largest outlets file read: a list of every outlet on earth is well under
 * this; a bigger file is a mistake (a wrong path), not a list. */
#define PLX_OUTLETS_MAX_FILE ((size_t)16 << 20)

typedef struct slot {
	const char *key; /* normalised key (arena); NULL for an empty slot */
	uint32_t len;
	uint32_t hash;
	uint32_t idx; /* into items */
} slot;

typedef struct table {
	slot *slots;
	size_t cap, n; /* cap is a power of two, or 0 */
} table;

struct plx_outlets {
	plx_outlet *items;
	size_t n, cap;
	plx_arena arena;
	table names, domains;
	unsigned char has_len[PLX_OUTLET_MAX_KEY + 1]; /* a name key has it */
	size_t max_len;
};

/* Built-in list: Name<TAB>domains<TAB>aliases... (docs/outlets.md).  Wire
 * agencies first; then by region.  PolNeAR's publishers (Breitbart,
 * HuffPost, Politico, USA Today, Western Journal, WSJ) are included. */
static const char *const BUILTIN[] = {
	"Associated Press\tapnews.com,ap.org\tAP\tThe Associated Press\tAP "
	"News",
	"Reuters\treuters.com\tReuter\tThomson Reuters",
	"Agence France-Presse\tafp.com\tAFP\tAgence France Presse",
	"United Press International\tupi.com\tUPI",
	"Bloomberg\tbloomberg.com\tBloomberg News",
	"Deutsche Presse-Agentur\tdpa.com\tdpa",
	"Xinhua\tnews.cn,xinhuanet.com\tXinhua News Agency",
	"Kyodo News\tkyodonews.net\tKyodo",
	"TASS\ttass.com,tass.ru\tItar-Tass",
	"RIA Novosti\tria.ru\tRIA",
	"Interfax\tinterfax.com,interfax.ru",
	"ANSA\tansa.it",
	"EFE\tefe.com\tAgencia EFE",
	"Anadolu Agency\taa.com.tr\tAnadolu",
	"Press Trust of India\tptinews.com\tPTI",
	"Yonhap\tyna.co.kr\tYonhap News Agency",
	"The New York Times\tnytimes.com\tNYT\tNew York Times\tNY Times",
	"The Washington Post\twashingtonpost.com\tWaPo\tWash Post\tWashington "
	"Post",
	"The Wall Street Journal\twsj.com\tWSJ\tWall Street Journal",
	"USA Today\tusatoday.com\tUSA TODAY",
	"Los Angeles Times\tlatimes.com\tLA Times\tL.A. Times",
	"Chicago Tribune\tchicagotribune.com",
	"The Boston Globe\tbostonglobe.com",
	"New York Post\tnypost.com\tThe New York Post\tNY Post",
	"New York Daily News\tnydailynews.com\tNY Daily News\tDaily News",
	"Newsday\tnewsday.com",
	"The Philadelphia Inquirer\tinquirer.com",
	"San Francisco Chronicle\tsfchronicle.com,sfgate.com\tSFGate",
	"The Seattle Times\tseattletimes.com",
	"The Dallas Morning News\tdallasnews.com",
	"Houston Chronicle\thoustonchronicle.com",
	"The Atlanta Journal-Constitution\tajc.com\tAJC",
	"Miami Herald\tmiamiherald.com",
	"The Denver Post\tdenverpost.com",
	"Star Tribune\tstartribune.com",
	"Tampa Bay Times\ttampabay.com",
	"The Arizona Republic\tazcentral.com",
	"The Baltimore Sun\tbaltimoresun.com",
	"Detroit Free Press\tfreep.com",
	"Orlando Sentinel\torlandosentinel.com",
	"The Christian Science Monitor\tcsmonitor.com\tCSM",
	"CNN\tcnn.com\tCable News Network",
	"Fox News\tfoxnews.com\tFox News Channel\tFOX NEWS",
	"NBC News\tnbcnews.com\tNBC",
	"CBS News\tcbsnews.com\tCBS",
	"ABC News\tabcnews.go.com\tABC",
	"MSNBC\tmsnbc.com",
	"CNBC\tcnbc.com",
	"NPR\tnpr.org\tNational Public Radio",
	"PBS NewsHour\tpbs.org\tPBS",
	"Voice of America\tvoanews.com\tVOA",
	"Politico\tpolitico.com,politico.eu\tPOLITICO",
	"The Hill\tthehill.com",
	"Axios\taxios.com",
	"HuffPost\thuffpost.com,huffingtonpost.com\tHuffington Post\tThe "
	"Huffington Post\tHuff Post",
	"Breitbart\tbreitbart.com\tBreitbart News",
	"The Western Journal\twesternjournal.com\tWestern Journal\tWestern "
	"Journalism",
	"Vox\tvox.com",
	"Slate\tslate.com",
	"Salon\tsalon.com",
	"The Atlantic\ttheatlantic.com",
	"The New Yorker\tnewyorker.com",
	"Time\ttime.com\tTIME\tTime Magazine",
	"Newsweek\tnewsweek.com",
	"Forbes\tforbes.com",
	"Business Insider\tbusinessinsider.com,insider.com\tInsider",
	"BuzzFeed News\tbuzzfeednews.com,buzzfeed.com\tBuzzFeed",
	"Vice News\tvice.com\tVice",
	"ProPublica\tpropublica.org",
	"The Daily Beast\tthedailybeast.com",
	"Mother Jones\tmotherjones.com",
	"National Review\tnationalreview.com",
	"The Weekly Standard\tweeklystandard.com",
	"Washington Examiner\twashingtonexaminer.com",
	"The Washington Times\twashingtontimes.com",
	"Washington Free Beacon\tfreebeacon.com\tFree Beacon",
	"The Daily Caller\tdailycaller.com",
	"The Blaze\ttheblaze.com\tTheBlaze",
	"The Gateway Pundit\tthegatewaypundit.com\tGateway Pundit",
	"Townhall\ttownhall.com\tTownHall",
	"Mediaite\tmediaite.com",
	"Raw Story\trawstory.com\tRawStory",
	"Newsmax\tnewsmax.com",
	"One America News\toann.com\tOAN",
	"Daily Kos\tdailykos.com",
	"Talking Points Memo\ttalkingpointsmemo.com\tTPM",
	"The Intercept\ttheintercept.com",
	"Rasmussen Reports\trasmussenreports.com\tRasmussen",
	"BizPac Review\tbizpacreview.com",
	"The Verge\ttheverge.com",
	"Wired\twired.com\tWIRED",
	"TechCrunch\ttechcrunch.com",
	"Ars Technica\tarstechnica.com",
	"MarketWatch\tmarketwatch.com",
	"Barron's\tbarrons.com",
	"Yahoo News\tnews.yahoo.com\tYahoo",
	"CBC News\tcbc.ca\tCBC\tCanadian Broadcasting Corporation",
	"The Globe and Mail\ttheglobeandmail.com",
	"Toronto Star\tthestar.com",
	"National Post\tnationalpost.com",
	"CTV News\tctvnews.ca\tCTV",
	"BBC\tbbc.co.uk,bbc.com\tBBC News\tBritish Broadcasting Corporation",
	"The Guardian\ttheguardian.com,guardian.co.uk\tGuardian",
	"The Times\tthetimes.co.uk\tThe Times of London",
	"The Daily Telegraph\ttelegraph.co.uk\tThe Telegraph\tTelegraph",
	"The Independent\tindependent.co.uk\tIndependent",
	"Financial Times\tft.com\tFT",
	"The Economist\teconomist.com",
	"Daily Mail\tdailymail.co.uk\tMail Online\tMailOnline\tThe Daily Mail",
	"The Sun\tthesun.co.uk",
	"Daily Mirror\tmirror.co.uk\tThe Mirror\tMirror",
	"Evening Standard\tstandard.co.uk",
	"Sky News\tnews.sky.com,sky.com",
	"ITV News\titv.com",
	"Channel 4 News\tchannel4.com",
	"The Scotsman\tscotsman.com",
	"The Irish Times\tirishtimes.com",
	"RTÉ\trte.ie\tRTE",
	"Le Monde\tlemonde.fr",
	"Le Figaro\tlefigaro.fr",
	"Libération\tliberation.fr\tLiberation",
	"France 24\tfrance24.com",
	"Radio France Internationale\trfi.fr\tRFI",
	"Der Spiegel\tspiegel.de\tSpiegel\tSpiegel Online",
	"Die Zeit\tzeit.de",
	"Frankfurter Allgemeine Zeitung\tfaz.net\tFAZ",
	"Süddeutsche Zeitung\tsueddeutsche.de\tSueddeutsche Zeitung",
	"Die Welt\twelt.de\tWelt",
	"Bild\tbild.de",
	"Deutsche Welle\tdw.com\tDW",
	"Neue Zürcher Zeitung\tnzz.ch\tNZZ",
	"Swissinfo\tswissinfo.ch",
	"El País\telpais.com\tEl Pais",
	"El Mundo\telmundo.es",
	"Corriere della Sera\tcorriere.it",
	"La Repubblica\trepubblica.it",
	"NOS\tnos.nl",
	"De Telegraaf\ttelegraaf.nl",
	"Politiken\tpolitiken.dk",
	"Dagens Nyheter\tdn.se",
	"Aftenposten\taftenposten.no",
	"Helsingin Sanomat\ths.fi",
	"Gazeta Wyborcza\twyborcza.pl",
	"Euronews\teuronews.com",
	"Kyiv Independent\tkyivindependent.com\tThe Kyiv Independent",
	"Ukrainska Pravda\tpravda.com.ua",
	"Kyiv Post\tkyivpost.com",
	"RT\trt.com\tRussia Today",
	"Meduza\tmeduza.io",
	"The Moscow Times\tthemoscowtimes.com",
	"Kommersant\tkommersant.ru",
	"Novaya Gazeta\tnovayagazeta.ru",
	"Radio Free Europe/Radio Liberty\trferl.org\tRFE/RL\tRadio Free Europe",
	"Al Jazeera\taljazeera.com,aljazeera.net\tAl Jazeera English",
	"Al Arabiya\talarabiya.net",
	"Haaretz\thaaretz.com",
	"The Times of Israel\ttimesofisrael.com\tTimes of Israel",
	"The Jerusalem Post\tjpost.com\tJerusalem Post",
	"Hürriyet Daily News\thurriyetdailynews.com\tHurriyet Daily News",
	"Daily Sabah\tdailysabah.com",
	"Arab News\tarabnews.com",
	"The National\tthenationalnews.com",
	"Gulf News\tgulfnews.com",
	"Tehran Times\ttehrantimes.com",
	"Ahram Online\tahram.org.eg\tAl-Ahram",
	"News24\tnews24.com",
	"Mail & Guardian\tmg.co.za",
	"Daily Nation\tnation.africa\tNation",
	"Premium Times\tpremiumtimesng.com",
	"The Punch\tpunchng.com\tPunch",
	"NHK\tnhk.or.jp\tNHK World",
	"The Japan Times\tjapantimes.co.jp\tJapan Times",
	"Asahi Shimbun\tasahi.com\tThe Asahi Shimbun",
	"Yomiuri Shimbun\tyomiuri.co.jp\tThe Yomiuri Shimbun",
	"Nikkei Asia\tasia.nikkei.com,nikkei.com\tNikkei",
	"South China Morning Post\tscmp.com\tSCMP",
	"China Daily\tchinadaily.com.cn",
	"Global Times\tglobaltimes.cn",
	"CGTN\tcgtn.com",
	"Caixin\tcaixinglobal.com",
	"Taipei Times\ttaipeitimes.com",
	"The Korea Herald\tkoreaherald.com\tKorea Herald",
	"The Korea Times\tkoreatimes.co.kr\tKorea Times",
	"Chosun Ilbo\tchosun.com",
	"The Straits Times\tstraitstimes.com\tStraits Times",
	"Channel NewsAsia\tchannelnewsasia.com\tCNA",
	"Bangkok Post\tbangkokpost.com",
	"The Jakarta Post\tthejakartapost.com\tJakarta Post",
	"Philippine Daily Inquirer\tinquirer.net\tInquirer",
	"Rappler\trappler.com",
	"The Times of India\ttimesofindia.indiatimes.com\tTimes of India",
	"Hindustan Times\thindustantimes.com",
	"The Hindu\tthehindu.com",
	"The Indian Express\tindianexpress.com\tIndian Express",
	"NDTV\tndtv.com",
	"Dawn\tdawn.com",
	"The Sydney Morning Herald\tsmh.com.au\tSydney Morning Herald\tSMH",
	"The Age\ttheage.com.au",
	"The Australian\ttheaustralian.com.au",
	"ABC Australia\tabc.net.au\tAustralian Broadcasting Corporation",
	"The New Zealand Herald\tnzherald.co.nz\tNZ Herald",
	"Folha de S.Paulo\tfolha.uol.com.br\tFolha",
	"O Globo\toglobo.globo.com",
	"Clarín\tclarin.com\tClarin",
	"La Nación\tlanacion.com.ar\tLa Nacion",
	"El Universal\teluniversal.com.mx",
	"Buenos Aires Times\tbatimes.com.ar",
	NULL};

/* ---- Hash tables ------------------------------------------------------ */

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

#define FNV_OFFSET 2166136261u
#define FNV_PRIME  16777619u

static uint32_t hash_step(uint32_t h, unsigned char c)
{
	return (h ^ lower(c)) * FNV_PRIME;
}

static uint32_t hash_key(const char *s, size_t n)
{
	uint32_t h = FNV_OFFSET;
	for (size_t i = 0; i < n; i++)
		h = hash_step(h, (unsigned char)s[i]);
	return h;
}

/* Case-insensitive (ASCII) equality of a stored lower-case key and s. */
static int key_eq(const slot *sl, const char *s, size_t n, uint32_t h)
{
	if (sl->hash != h || sl->len != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)sl->key[i] != lower((unsigned char)s[i]))
			return 0;
	return 1;
}

static const slot *table_find(const table *t, const char *s, size_t n,
			      uint32_t h)
{
	if (!t->cap)
		return NULL;
	size_t mask = t->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		const slot *sl = &t->slots[i];
		if (!sl->key)
			return NULL;
		if (key_eq(sl, s, n, h))
			return sl;
	}
}

static int table_grow(table *t)
{
	size_t cap = t->cap ? t->cap * 2 : 256;
	slot *ns = plx_calloc(cap, sizeof *ns);
	if (!ns)
		return PLX_ENOMEM;
	for (size_t i = 0; i < t->cap; i++) {
		slot *sl = &t->slots[i];
		if (!sl->key)
			continue;
		size_t j = sl->hash & (cap - 1);
		while (ns[j].key)
			j = (j + 1) & (cap - 1);
		ns[j] = *sl;
	}
	plx_free(t->slots);
	t->slots = ns;
	t->cap = cap;
	return PLX_OK;
}

/* Maps key (already lower case, in the arena) to idx, replacing an earlier
 * mapping of the same key. */
static int table_put(table *t, const char *key, size_t n, uint32_t idx)
{
	if ((t->n + 1) * 2 > t->cap && table_grow(t))
		return PLX_ENOMEM;
	uint32_t h = hash_key(key, n);
	size_t mask = t->cap - 1;
	size_t i = h & mask;
	for (; t->slots[i].key; i = (i + 1) & mask) {
		if (key_eq(&t->slots[i], key, n, h)) {
			t->slots[i].idx = idx;
			return PLX_OK;
		}
	}
	t->slots[i] = (slot){key, (uint32_t)n, h, idx};
	t->n++;
	return PLX_OK;
}

/* ---- Keys ------------------------------------------------------------- */

static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_blank((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && is_blank((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Length of a leading "the " (any case) in s, else 0. */
static size_t the_len(const char *s, size_t n)
{
	if (n > 4 && lower((unsigned char)s[0]) == 't' &&
	    lower((unsigned char)s[1]) == 'h' &&
	    lower((unsigned char)s[2]) == 'e' && s[3] == ' ')
		return 4;
	return 0;
}

/* A lower-case copy of s[0..n) in the arena. */
static char *lower_dup(plx_arena *a, const char *s, size_t n)
{
	char *d = plx_arena_alloc(a, n + 1);
	if (!d)
		return NULL;
	for (size_t i = 0; i < n; i++)
		d[i] = (char)lower((unsigned char)s[i]);
	d[n] = 0;
	return d;
}

static int add_name_key(plx_outlets *o, const char *s, size_t n, uint32_t idx)
{
	size_t t = the_len(s, n);
	s += t, n -= t;
	char *k = lower_dup(&o->arena, s, n);
	if (!k)
		return PLX_ENOMEM;
	int rc = table_put(&o->names, k, n, idx);
	if (rc)
		return rc;
	o->has_len[n] = 1;
	if (n > o->max_len)
		o->max_len = n;
	return PLX_OK;
}

/* ---- Parsing ---------------------------------------------------------- */

static int domain_ok(const char *s, size_t n)
{
	int dot = 0;
	if (!n || s[0] == '.' || s[n - 1] == '.' || s[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = lower((unsigned char)s[i]);
		if (c == '.')
			dot = 1;
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			   c == '-'))
			return 0;
	}
	return dot;
}

/* Next tab-separated field of line[*i..n): sets *f, *fn (trimmed) and moves
 * *i past the tab.  Returns 0 when no field is left. */
static int next_field(const char *line, size_t n, size_t *i, const char **f,
		      size_t *fn)
{
	if (*i > n)
		return 0;
	size_t e = *i;
	while (e < n && line[e] != '\t')
		e++;
	*f = line + *i;
	*fn = e - *i;
	trim(f, fn);
	*i = e + 1;
	return 1;
}

/* Parses one non-comment line and adds its outlet.  On a bad line returns
 * PLX_EFORMAT with *msg set (nothing is added). */
static int add_line(plx_outlets *o, const char *line, size_t n,
		    const char **msg)
{
	const char *f;
	size_t fn, i = 0;
	if (plx_utf8_invalid(line, n) != n) {
		*msg = "invalid UTF-8";
		return PLX_EFORMAT;
	}
	if (!memchr(line, '\t', n)) {
		*msg = "expected Name<TAB>domain[<TAB>alias...]: no tab";
		return PLX_EFORMAT;
	}
	/* Validate every field before adding anything. */
	next_field(line, n, &i, &f, &fn);
	if (!fn) {
		*msg = "empty outlet name";
		return PLX_EFORMAT;
	}
	if (fn > PLX_OUTLET_MAX_KEY) {
		*msg = "outlet name too long";
		return PLX_EFORMAT;
	}
	size_t dom_at = i;
	next_field(line, n, &i, &f, &fn);
	if (!(fn == 0 || (fn == 1 && f[0] == '-'))) {
		const char *d = f;
		size_t rest = fn;
		while (rest) {
			const char *c = memchr(d, ',', rest);
			size_t dn = c ? (size_t)(c - d) : rest;
			const char *dd = d;
			size_t ddn = dn;
			trim(&dd, &ddn);
			if (!domain_ok(dd, ddn) || ddn > PLX_OUTLET_MAX_KEY) {
				*msg = "bad domain (want letters, digits, '-' "
				       "and "
				       "dots, like example.com)";
				return PLX_EFORMAT;
			}
			rest -= c ? dn + 1 : dn;
			d += c ? dn + 1 : dn;
		}
	}
	size_t alias_at = i, n_aliases = 0;
	while (next_field(line, n, &i, &f, &fn)) {
		if (fn > PLX_OUTLET_MAX_KEY) {
			*msg = "alias too long";
			return PLX_EFORMAT;
		}
		if (fn)
			n_aliases++;
	}

	/* Add. */
	if (plx_grow((void **)&o->items, &o->cap, o->n + 1, sizeof *o->items))
		return PLX_ENOMEM;
	uint32_t idx = (uint32_t)o->n;
	plx_outlet *out = &o->items[idx];
	memset(out, 0, sizeof *out);
	i = 0;
	next_field(line, n, &i, &f, &fn);
	out->name = plx_arena_strndup(&o->arena, f, fn);
	if (!out->name || add_name_key(o, f, fn, idx))
		return PLX_ENOMEM;
	i = dom_at;
	next_field(line, n, &i, &f, &fn);
	if (!(fn == 0 || (fn == 1 && f[0] == '-'))) {
		const char *d = f;
		size_t rest = fn;
		while (rest) {
			const char *c = memchr(d, ',', rest);
			size_t dn = c ? (size_t)(c - d) : rest;
			const char *dd = d;
			size_t ddn = dn;
			trim(&dd, &ddn);
			char *k = lower_dup(&o->arena, dd, ddn);
			if (!k || table_put(&o->domains, k, ddn, idx))
				return PLX_ENOMEM;
			if (!out->domain)
				out->domain = k;
			rest -= c ? dn + 1 : dn;
			d += c ? dn + 1 : dn;
		}
	}
	if (n_aliases) {
		out->aliases = plx_arena_alloc(
			&o->arena, n_aliases * sizeof *out->aliases);
		if (!out->aliases)
			return PLX_ENOMEM;
	}
	i = alias_at;
	while (next_field(line, n, &i, &f, &fn)) {
		if (!fn)
			continue;
		char *a = plx_arena_strndup(&o->arena, f, fn);
		if (!a || add_name_key(o, f, fn, idx))
			return PLX_ENOMEM;
		out->aliases[out->n_aliases++] = a;
	}
	o->n++;
	return PLX_OK;
}

/* Adds every line of text; the first bad line's message goes to err
 * ("path:line: message").  Good lines around a bad one are kept. */
static int add_text(plx_outlets *o, const char *path, const char *s, size_t n,
		    char *err, size_t errlen)
{
	int first_rc = PLX_OK;
	size_t lineno = 0;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		const char *line = s + i;
		size_t ln = e - i;
		lineno++;
		i = e + 1;
		if (ln && line[ln - 1] == '\r')
			ln--;
		const char *t = line;
		size_t tn = ln;
		trim(&t, &tn);
		if (!tn || t[0] == '#')
			continue;
		const char *msg = NULL;
		int rc = add_line(o, line, ln, &msg);
		if (rc == PLX_ENOMEM)
			return rc;
		if (rc && !first_rc) {
			first_rc = rc;
			if (err && errlen)
				snprintf(err, errlen, "%s:%zu: %s", path,
					 lineno, msg);
		}
	}
	return first_rc;
}

/* ---- Public ----------------------------------------------------------- */

int plx_outlets_new(plx_outlets **out)
{
	*out = NULL;
	plx_outlets *o = plx_calloc(1, sizeof *o);
	if (!o)
		return PLX_ENOMEM;
	plx_arena_init(&o->arena);
	int rc = PLX_OK;
	for (size_t i = 0; BUILTIN[i] && !rc; i++)
		rc = add_text(o, "(built-in)", BUILTIN[i], strlen(BUILTIN[i]),
			      NULL, 0);
	if (rc) {
		plx_outlets_free(o);
		return rc;
	}
	*out = o;
	return PLX_OK;
}

void plx_outlets_free(plx_outlets *o)
{
	if (!o)
		return;
	plx_free(o->items);
	plx_free(o->names.slots);
	plx_free(o->domains.slots);
	plx_arena_free(&o->arena);
	plx_free(o);
}

int plx_outlets_load(plx_outlets *o, const char *path, char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = 0;
	if (!o || !path)
		return PLX_EINVAL;
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		if (err && errlen)
			snprintf(err, errlen, "%s: cannot open: %s", path,
				 strerror(errno));
		return PLX_EIO;
	}
	plx_buf b;
	plx_buf_init(&b);
	char chunk[65536];
	size_t got;
	int rc = PLX_OK;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (b.len + got > PLX_OUTLETS_MAX_FILE) {
			rc = PLX_ETOOBIG;
			if (err && errlen)
				snprintf(err, errlen,
					 "%s: larger than %zu bytes: not an "
					 "outlets file",
					 path, PLX_OUTLETS_MAX_FILE);
			break;
		}
		plx_buf_put(&b, chunk, got);
	}
	if (!rc && ferror(fp)) {
		rc = PLX_EIO;
		if (err && errlen)
			snprintf(err, errlen, "%s: read error", path);
	}
	fclose(fp);
	if (!rc && b.rc)
		rc = b.rc;
	if (!rc)
		rc = add_text(o, path, b.data ? b.data : "", b.len, err,
			      errlen);
	plx_buf_free(&b);
	return rc;
}

const plx_outlet *plx_outlets_by_name(const plx_outlets *o, const char *s,
				      size_t n)
{
	if (!o || !s)
		return NULL;
	trim(&s, &n);
	size_t t = the_len(s, n);
	s += t, n -= t;
	if (!n || n > PLX_OUTLET_MAX_KEY)
		return NULL;
	const slot *sl = table_find(&o->names, s, n, hash_key(s, n));
	return sl ? &o->items[sl->idx] : NULL;
}

const plx_outlet *plx_outlets_by_domain(const plx_outlets *o, const char *host,
					size_t n)
{
	if (!o || !host)
		return NULL;
	trim(&host, &n);
	while (n && host[n - 1] == '.') /* "cnn.com." */
		n--;
	while (n) {
		if (n <= PLX_OUTLET_MAX_KEY) {
			const slot *sl = table_find(&o->domains, host, n,
						    hash_key(host, n));
			if (sl)
				return &o->items[sl->idx];
		}
		const char *dot = memchr(host, '.', n);
		if (!dot || !memchr(dot + 1, '.', n - (size_t)(dot + 1 - host)))
			break; /* no parent left but a bare top-level domain */
		n -= (size_t)(dot + 1 - host);
		host = dot + 1;
	}
	return NULL;
}

static int is_az(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}
static int is_AZ(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

const plx_outlet *plx_outlets_prefix(const plx_outlets *o, const char *s,
				     size_t n, size_t *matched)
{
	*matched = 0;
	if (!o || !s)
		return NULL;
	size_t t = the_len(s, n);
	const char *p = s + t;
	size_t pn = n - t;
	size_t max = pn < o->max_len ? pn : o->max_len;
	uint32_t h[PLX_OUTLET_MAX_KEY + 1];
	h[0] = FNV_OFFSET;
	for (size_t i = 0; i < max; i++)
		h[i + 1] = hash_step(h[i], (unsigned char)p[i]);
	for (size_t len = max; len > 0; len--) {
		if (!o->has_len[len])
			continue;
		/* The name must end at a word boundary, or where a capital
		 * starts glued text after a lower-case letter
		 * ("PostDemocracy"); never inside a word ("Postal", "APPLE").
		 */
		if (len < pn) {
			unsigned char last = (unsigned char)p[len - 1];
			unsigned char next = (unsigned char)p[len];
			if (is_az(next) || (next >= '0' && next <= '9') ||
			    next >= 0x80 || (is_AZ(next) && !is_az(last)))
				continue;
		}
		const slot *sl = table_find(&o->names, p, len, h[len]);
		if (sl) {
			*matched = t + len;
			return &o->items[sl->idx];
		}
	}
	return NULL;
}
