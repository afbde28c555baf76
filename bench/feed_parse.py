#!/usr/bin/python3
"""feed_parse.py: the peer side of bench/feed_parse.sh.

  feed_parse.py gen DIR [N_FEEDS] [ITEMS]   writes invented RSS 2.0, RSS 1.0
      (RDF) and Atom feeds (N_FEEDS of each, ITEMS items each, with HTML
      content of a few paragraphs) into DIR
  feed_parse.py time REPS FILE...           parses every file REPS times with
      feedparser (bytes already read); prints one JSON line like
      build/feed_parse's: items, median CPU seconds, items per CPU second
  feed_parse.py agree PLX_TSV FILE...       compares parallax's items
      (feed_parse --dump) with feedparser's: link, title and date (as UTC
      seconds) equal, item by item

feedparser is Debian's python3-feedparser (6.0.10 on Debian 12), run by
/usr/bin/python3.  All text is invented."""
import json
import os
import random
import sys
import time
from email.utils import format_datetime, parsedate_to_datetime
from datetime import datetime, timezone, timedelta

WORDS = ("council harbour ferry river flood gates bank rate tariff minister "
         "stadium final coach season market street mayor office report "
         "review budget summer winter spring autumn water board residents "
         "engineers trial night morning week month plan talks framework "
         "said announced confirmed expected").split()


def sentence(rng):
    n = rng.randint(8, 20)
    w = [rng.choice(WORDS) for _ in range(n)]
    return w[0].capitalize() + " " + " ".join(w[1:]) + "."


def para(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def gen(out, n_feeds, n_items):
    os.makedirs(out, exist_ok=True)
    rng = random.Random(42)
    t0 = datetime(2026, 3, 1, tzinfo=timezone.utc)
    for f in range(n_feeds):
        site = "http://site%d.example" % f
        items = []
        for i in range(n_items):
            title = sentence(rng)[:-1]
            link = "%s/news/%d/%d" % (site, f, i)
            d = t0 + timedelta(minutes=rng.randint(0, 60 * 24 * 30))
            html = "".join("<p>%s</p>" % para(rng) for _ in range(3))
            items.append((title, link, d, html))
        rss = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
               'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
               '<channel><title>Site %d</title><link>%s/</link>\n' % (f, site)]
        for title, link, d, html in items:
            rss.append("<item><title>%s</title><link>%s</link><guid>%s</guid>"
                       "<pubDate>%s</pubDate><description>%s</description>"
                       "<content:encoded><![CDATA[%s]]></content:encoded>"
                       "</item>\n" % (esc(title), link, link,
                                      format_datetime(d, usegmt=True),
                                      esc(html[:200]), html))
        rss.append("</channel></rss>\n")
        atom = ['<?xml version="1.0" encoding="utf-8"?>\n<feed '
                'xmlns="http://www.w3.org/2005/Atom"><title>Site %d</title>'
                '<link href="%s/"/><id>%s/</id><updated>2026-03-31T00:00:00Z'
                '</updated>\n' % (f, site, site)]
        for title, link, d, html in items:
            atom.append("<entry><title>%s</title><link href=\"%s\"/><id>%s</id>"
                        "<updated>%s</updated><content type=\"html\">%s"
                        "</content></entry>\n" % (
                            esc(title), link, link,
                            d.strftime("%Y-%m-%dT%H:%M:%SZ"), esc(html)))
        atom.append("</feed>\n")
        rdf = ['<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/'
               '1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/">'
               '<channel rdf:about="%s/"><title>Site %d</title><link>%s/'
               '</link></channel>\n' % (site, f, site)]
        for title, link, d, html in items:
            rdf.append("<item rdf:about=\"%s\"><title>%s</title><link>%s</link>"
                       "<dc:date>%s</dc:date><description>%s</description>"
                       "</item>\n" % (link, esc(title), link,
                                      d.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                      esc(html)))
        rdf.append("</rdf:RDF>\n")
        for kind, parts in (("rss", rss), ("atom", atom), ("rdf", rdf)):
            with open(os.path.join(out, "%s-%03d.xml" % (kind, f)), "w") as fh:
                fh.write("".join(parts))


def parse_all(bufs):
    import feedparser
    items = 0
    out = []
    for b in bufs:
        d = feedparser.parse(b)
        items += len(d.entries)
        out.append(d)
    return items, out


def cmd_time(reps, files):
    bufs = [open(f, "rb").read() for f in files]
    times = []
    items = 0
    for _ in range(reps):
        t0 = time.process_time()
        items, _ = parse_all(bufs)
        times.append(time.process_time() - t0)
    times.sort()
    med = times[len(times) // 2]
    import feedparser
    print(json.dumps({"files": len(files), "items": items, "cpu_s": round(med, 4),
                      "items_per_s": round(items / med) if med else 0,
                      "feedparser": feedparser.__version__}))


def when(s):
    if not s:
        return None
    try:
        return int(parsedate_to_datetime(s).timestamp())
    except (TypeError, ValueError):
        pass
    try:
        return int(datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


def cmd_agree(tsv, files):
    px = []
    for line in open(tsv, encoding="utf-8"):
        link, title, date, _ = line.rstrip("\n").split("\t")
        px.append((link, title, when(date)))
    bufs = [open(f, "rb").read() for f in files]
    _, docs = parse_all(bufs)
    fp = []
    for d in docs:
        for e in d.entries:
            t = e.get("published_parsed") or e.get("updated_parsed")
            fp.append((e.get("link", ""), e.get("title", ""),
                       int(time.mktime(t) - time.timezone) if t else None))
    n = min(len(px), len(fp))
    same = [sum(1 for i in range(n) if px[i][k] == fp[i][k]) for k in range(3)]
    print("items: parallax %d, feedparser %d; agreement on %d items: link %.1f%%, "
          "title %.1f%%, date %.1f%%" % (len(px), len(fp), n,
                                         *(100.0 * s / n if n else 0 for s in same)))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 40,
            int(sys.argv[4]) if len(sys.argv) > 4 else 50)
    elif len(sys.argv) >= 4 and sys.argv[1] == "time":
        cmd_time(int(sys.argv[2]), sys.argv[3:])
    elif len(sys.argv) >= 4 and sys.argv[1] == "agree":
        cmd_agree(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
