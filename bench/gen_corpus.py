#!/usr/bin/env python3
"""Generates a large synthetic news stream from Reuters-21578 for scaling runs.

usage: gen_corpus.py N OUT.jsonl [--seed S] [--source PATH] [--per-day D]

Each output article is built from one Reuters article (picked at random):
its paragraphs shuffled (the lead kept first), a few words edited (dropped,
swapped or replaced by a word from another article), sometimes a paragraph
from another article of the same topic appended, and a date from 2025-01-01
on at a constant density of D articles a day (default 2740: 1,000,000
articles span one year, 100,000 about 36 days), so that the windows of the
time-aware engines hold the same number of articles at every N and a larger
corpus is a longer stream, not a denser one.  About 5%
are exact reposts and 10% light edits of an article generated earlier (wire
copies).  Ids are gen-N.  Deterministic for a seed.  Streams its output:
memory stays at the size of the source corpus.
"""
import json
import random
import sys


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    n = int(args[0])
    out = args[1]
    seed = 1
    per_day = 2740.0
    src = "../shared/data/reuters21578/articles.jsonl"
    i = 2
    while i < len(args):
        if args[i] == "--seed":
            seed = int(args[i + 1]); i += 2
        elif args[i] == "--source":
            src = args[i + 1]; i += 2
        elif args[i] == "--per-day":
            per_day = float(args[i + 1]); i += 2
        else:
            sys.exit("unknown option " + args[i])
    rng = random.Random(seed)
    base = []
    by_topic = {}
    with open(src, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            paras = [p for p in d["text"].split("\n\n") if p.strip()]
            if not paras:
                continue
            topics = d.get("topics") or []
            t = topics[0] if isinstance(topics, list) and topics else ""
            base.append((d.get("title") or "", paras, t))
            by_topic.setdefault(t, []).append(len(base) - 1)
    vocab = [w for _, ps, _ in base[:2000] for p in ps for w in p.split()][:50000]
    recent = []  # recently generated (title, text) for reposts
    start = 1735689600  # 2025-01-01T00:00:00Z
    with open(out, "w", encoding="utf-8") as w:
        for k in range(n):
            t = start + int(k * 86400 / per_day) + rng.randrange(0, 3 * 3600)
            r = rng.random()
            if recent and r < 0.05:
                title, text = rng.choice(recent)
            elif recent and r < 0.15:
                title, text = rng.choice(recent)
                words = text.split(" ")
                for _ in range(max(1, len(words) // 50)):
                    words[rng.randrange(len(words))] = rng.choice(vocab)
                text = " ".join(words)
            else:
                title, paras, topic = base[rng.randrange(len(base))]
                paras = list(paras)
                rest = paras[1:]
                rng.shuffle(rest)
                paras = paras[:1] + rest
                if rng.random() < 0.3 and by_topic.get(topic):
                    other = base[rng.choice(by_topic[topic])][1]
                    paras.append(rng.choice(other))
                edited = []
                for p in paras:
                    ws = p.split(" ")
                    for _ in range(rng.randrange(0, 3)):
                        j = rng.randrange(len(ws))
                        op = rng.random()
                        if op < 0.4 and len(ws) > 3:
                            del ws[j]
                        elif op < 0.7:
                            ws[j] = rng.choice(vocab)
                        elif j + 1 < len(ws):
                            ws[j], ws[j + 1] = ws[j + 1], ws[j]
                    edited.append(" ".join(ws))
                text = "\n\n".join(edited)
            if len(recent) < 5000:
                recent.append((title, text))
            else:
                recent[rng.randrange(5000)] = (title, text)
            date = "%04d-%02d-%02dT%02d:%02d:%02dZ" % gmtime(t)
            w.write(json.dumps({"id": "gen-%d" % k, "title": title,
                                "date": date, "source": "Reuters",
                                "text": text}, ensure_ascii=False))
            w.write("\n")


def gmtime(t):
    import time
    g = time.gmtime(t)
    return (g.tm_year, g.tm_mon, g.tm_mday, g.tm_hour, g.tm_min, g.tm_sec)


if __name__ == "__main__":
    main()
