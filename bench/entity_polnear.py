#!/usr/bin/python3
"""Rough check of entity recognition on PolNeAR speakers.

Gold: the Source spans (speakers) of PolNeAR's brat attributions.  A span
counts as a proper name when every word is capitalised (particles such as
"of", "de" and initials allowed) and it does not start with a determiner or
a pronoun ("The Post", "He").  For those spans we report how many overlap an
entity mention of `parallax analyze --format json`, and how many overlap a
person entity.  Organisations ("Reuters", "the Clinton campaign") are among
the gold sources, so the person figure is a lower bound on recall for
people; the "person-like" line restricts to spans of 2-4 words whose first
word is not in the organisation cue list.

Usage: bench/entity_polnear.py [BUILD_DIR/parallax] [dev|train|all]
Needs ../shared/data/polnear; says so and exits 0 when it is absent.
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data", "polnear")
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "..", "build-entity", "parallax")
SPLIT = sys.argv[2] if len(sys.argv) > 2 else "dev"

DET = {"the", "a", "an", "he", "she", "they", "it", "we", "i", "his", "her",
       "their", "our", "its", "this", "that", "these", "those", "you",
       "many", "some", "one", "most", "few", "several", "former", "retired"}
PARTICLES = {"of", "de", "van", "von", "der", "al", "bin", "la", "le", "du",
             "da", "di", "del", "and", "&"}
ORGISH = re.compile(r"(News|Times|Post|Journal|Press|Party|Committee|Campaign|"
                    r"Department|Office|Council|Association|Institute|"
                    r"University|Agency|Service|Commission|Court|Center|"
                    r"Foundation|Bureau|Network|Inc|Corp|CNN|NBC|CBS|ABC|"
                    r"Reuters|AP|FBI|CIA|Pew|Gallup|Poll)\b")


def proper_name(span):
    words = re.findall(r"[\w][\w'’.-]*", span)
    if not words or len(words) > 6:
        return False
    if words[0].lower() in DET:
        return False
    for w in words:
        if w.lower() in PARTICLES:
            continue
        if not w[0].isupper():
            return False
    return True


def person_like(span):
    words = re.findall(r"[\w][\w'’.-]*", span)
    return 2 <= len(words) <= 4 and not ORGISH.search(span)


def gold(split):
    out = {}
    for sp in (["dev", "train"] if split == "all" else [split]):
        tdir = os.path.join(DATA, sp, "text")
        adir = os.path.join(DATA, sp, "attributions")
        texts = {f[:-4]: os.path.join(tdir, f) for f in os.listdir(tdir)}
        for f in sorted(os.listdir(adir)):
            stem = f[:-4].rsplit("_", 1)[0]
            if stem not in texts or texts[stem] in out:
                continue  # first annotator only
            spans = []
            for line in open(os.path.join(adir, f), encoding="utf-8"):
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 3 or not parts[1].startswith("Source "):
                    continue
                offs = parts[1].split()[1:]
                if ";" in " ".join(offs):
                    continue  # discontinuous
                spans.append((int(offs[0]), int(offs[1]), parts[2]))
            out[texts[stem]] = spans
    return out


def main():
    if not os.path.isdir(DATA):
        print("SKIPPED: PolNeAR absent at", DATA)
        return 0
    g = gold(SPLIT)
    paths = sorted(g)
    res = subprocess.run([EXE, "analyze", "--format", "json"] + paths,
                         capture_output=True, text=True)
    arts = {}
    for line in res.stdout.splitlines():
        if line.strip():
            a = json.loads(line)
            arts[a["path"]] = a
    n = hit_any = hit_person = 0
    pn = p_hit = 0
    misses = []
    for path in paths:
        a = arts.get(path)
        if a is None:
            continue
        text = open(path, encoding="utf-8").read().replace("\r\n", "\n")
        # brat offsets count characters; parallax's count bytes.
        b = [0]
        for ch in text:
            b.append(b[-1] + len(ch.encode("utf-8")))
        ments = []
        for e in a["entities"]:
            for m in e["mentions"]:
                ments.append((m["start"], m["end"], e["type"]))
        for (s, t, span) in g[path]:
            if not proper_name(span) or t > len(text):
                continue
            bs, bt = b[s], b[t]
            over = [ty for (ms, mt, ty) in ments if ms < bt and mt > bs]
            n += 1
            hit_any += bool(over)
            hit_person += "person" in over
            if person_like(span):
                pn += 1
                p_hit += "person" in over
                if "person" not in over:
                    misses.append(span)
    print(f"PolNeAR {SPLIT}: {len(arts)} articles, {n} proper-name Source spans")
    if n:
        print(f"  overlap any entity:    {hit_any}/{n} = {hit_any / n:.3f}")
        print(f"  overlap person entity: {hit_person}/{n} = {hit_person / n:.3f}")
    if pn:
        print(f"  person-like spans (2-4 words, no org cue) as person: "
              f"{p_hit}/{pn} = {p_hit / pn:.3f}")
    if os.environ.get("SHOW_MISSES"):
        for m in misses[:60]:
            print("  miss:", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
