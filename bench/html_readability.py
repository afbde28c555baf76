#!/usr/bin/python3
"""html_readability.py: scores article extraction on the html-readability
pages for bench/html_readability.sh: parallax (`parallax extract --format
json`) and Mozilla Readability (bench/peers/html_readability.mjs), both
against each page's expected.html and expected-metadata.json.

Body: word 4-gram shingles (words: lower-cased \\w+ runs) of the extracted
text against those of expected.html's text; precision and recall per page,
averaged over pages, F1 of the averages (and the mean of per-page F1).
Metadata (title, byline, date, site name): over the pages where the expected
value is not null, a hit when the normalised strings (NFKC, case-folded,
non-word characters removed, whitespace collapsed) are equal or one contains
the other (both non-empty); dates compare their first 10 characters (the
day) after the same rule.  "extra": values given where the expected is null.

Usage: html_readability.py PARALLAX_JSONL READABILITY_JSONL DIR...
"""
import html.parser, json, re, sys, unicodedata

BLOCK = set("p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr td th "
            "section article header footer figure figcaption dd dt dl hr".split())


class Text(html.parser.HTMLParser):
    def __init__(self, skip_tags=("script", "style")):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip, self.skip_tags = [], 0, skip_tags

    def handle_starttag(self, tag, attrs):
        if tag in self.skip_tags:
            self.skip += 1
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.skip_tags and self.skip:
            self.skip -= 1
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, d):
        if not self.skip:
            self.parts.append(d)


def html_text(s, skip_tags=("script", "style")):
    p = Text(skip_tags)
    p.feed(s or "")
    p.close()
    return "".join(p.parts)


def shingles(text, n=4):
    w = re.findall(r"\w+", (text or "").lower())
    if len(w) < n:
        return {tuple(w)} if w else set()
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def norm(s):
    s = unicodedata.normalize("NFKC", s or "").casefold()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


def meta_hit(got, want, field):
    g, w = norm(got), norm(want)
    if field == "date":
        g, w = norm((got or "")[:10]), norm((want or "")[:10])
    return bool(g and w and (g == w or g in w or w in g))


def load(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        o = json.loads(line)
        if "timing" in o:
            continue
        key = o.get("dir") or o["path"].rsplit("/", 1)[0]
        out[key.rstrip("/")] = o
    return out


def main():
    px, rd, dirs = load(sys.argv[1]), load(sys.argv[2]), [d.rstrip("/") for d in sys.argv[3:]]
    systems = {"parallax": px, "readability": rd}
    fields = [("title", "title"), ("byline", "byline"), ("date", "publishedTime"), ("site_name", "siteName")]
    res = {s: {"p": [], "r": [], "f": [], "p2": [], "r2": [], "meta": {f: [0, 0, 0] for f, _ in fields}} for s in systems}
    worst = []
    for d in dirs:
        exp_html = open(d + "/expected.html", encoding="utf-8").read()
        exp = shingles(html_text(exp_html))
        # The same reference without its <figcaption>s (captions and photo
        # credits, which the issue says are not body), for both systems.
        exp2 = shingles(html_text(exp_html, ("script", "style", "figcaption")))
        meta = json.load(open(d + "/expected-metadata.json", encoding="utf-8"))
        for s, got in systems.items():
            o = got.get(d, {})
            text = o.get("text") if s == "parallax" else html_text(o.get("html", ""))
            g = shingles(text)
            inter = len(g & exp)
            p = inter / len(g) if g else (1.0 if not exp else 0.0)
            r = inter / len(exp) if exp else (1.0 if not g else 0.0)
            f = 2 * p * r / (p + r) if p + r else 0.0
            res[s]["p"].append(p), res[s]["r"].append(r), res[s]["f"].append(f)
            i2 = len(g & exp2)
            res[s]["p2"].append(i2 / len(g) if g else (1.0 if not exp2 else 0.0))
            res[s]["r2"].append(i2 / len(exp2) if exp2 else (1.0 if not g else 0.0))
            if s == "parallax":
                worst.append((f, p, r, d.rsplit("/", 1)[-1]))
            for f_, k in fields:
                m = res[s]["meta"][f_]
                want = meta.get(k)
                if want:
                    m[1] += 1
                    m[0] += meta_hit(o.get(f_), want, f_)
                elif o.get(f_):
                    m[2] += 1
    n = len(dirs)
    print(f"pages: {n}")
    print(f"{'':12} {'P':>6} {'R':>6} {'F1':>6} {'meanF1':>7}   " +
          "  ".join(f"{f:>14}" for f, _ in fields))
    for s in systems:
        P, R = sum(res[s]["p"]) / n, sum(res[s]["r"]) / n
        F = 2 * P * R / (P + R) if P + R else 0
        cells = []
        for f, _ in fields:
            hit, tot, extra = res[s]["meta"][f]
            cells.append(f"{hit:>3}/{tot:<3} x{extra:<3}")
        print(f"{s:12} {P:6.3f} {R:6.3f} {F:6.3f} {sum(res[s]['f']) / n:7.3f}   " + "  ".join(f"{c:>14}" for c in cells))
    print("(metadata: hits/pages with an expected value, x = values given where none is expected)")
    for s in systems:
        P, R = sum(res[s]["p2"]) / n, sum(res[s]["r2"]) / n
        F = 2 * P * R / (P + R) if P + R else 0
        print(f"{s:12} {P:6.3f} {R:6.3f} {F:6.3f}   (reference without <figcaption> text)")
    worst.sort()
    print("parallax's 10 lowest F1 pages: " + ", ".join(f"{w[3]} {w[0]:.2f} (P {w[1]:.2f} R {w[2]:.2f})" for w in worst[:10]))


main()
