#!/usr/bin/python3
"""Direct-quote extraction and speaker attribution, measured on PolNeAR.

usage: bench/quotes_polnear.py PARALLAX [--split dev|train] [--data DIR] [-v]

Runs `PARALLAX analyze --format json FILE...` over the split's text/*.txt
and compares its "quotes" with the gold attributions (brat .ann files).

Data.  PolNeAR's brat offsets are CHARACTER offsets into the UTF-8 text
(checked: "Clinton’s" before a span shifts bytes, not characters), so the
JSON byte offsets are converted to characters before comparing.  A text
annotated by several annotators is scored against the first .ann file in
name order.  Discontinuous spans ("a b;c d") count as their fragments.

Gold quotes.  A quotation is the text between a pair of double marks in
one paragraph of the gold text: “ ... ” (also „ ... “ and « ... »), or two
straight " in order (the 1st opens, the 2nd closes, and so on); the NYT
texts of PolNeAR type '' for ", which counts as ".  A
quotation is a GOLD QUOTE when the Content span of one gold attribution
covers at least half of its characters; its gold speaker is that
attribution's Source span (the attribution covering the most, if several).
So quoted words that annotators did not attribute (titles, scare quotes
never credited to anyone) are not gold quotes, and predicted quotes there
count against precision.

Matching.  A predicted quote matches a gold quote when their overlap is at
least 50% of the gold quote's length (one-to-one, in text order).  Span
precision = matched predicted / predicted; recall = matched gold / gold.

Speakers.  Counted over predicted quotes that have a speaker and gold
quotes that have a Source.  A predicted speaker is right when its quote
matches a gold quote and either its speaker span overlaps the gold Source
span (a resolved pronoun keeps the pronoun's span, which is what PolNeAR
marks as Source), or its speaker text and the Source text share a
capitalised word other than a function word, title or pronoun (the same
named entity: "Sergei Lavrov" / "Lavrov"; not "The ad" / "The campaign",
"Mr. Cruz" / "Mr. Trump").  Precision = right / predicted with speaker; recall = right /
gold with Source.

Tune on --split train; report --split dev.
"""
import argparse
import glob
import json
import os
import subprocess
import sys

OPEN_CLOSE = {"\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb"}


def read_ann(path):
    spans = {}
    events = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            continue
        if line.startswith("T"):
            tid, mid, text = (line.split("\t") + ["", ""])[:3]
            parts = mid.split(" ", 1)
            kind, offs = parts[0], parts[1] if len(parts) > 1 else ""
            frags = []
            for fr in offs.split(";"):
                nums = fr.split()
                if len(nums) == 2 and nums[0].isdigit() and nums[1].isdigit():
                    frags.append((int(nums[0]), int(nums[1])))
            spans[tid] = (kind, frags, text)
        elif line.startswith("E"):
            _, args = line.split("\t", 1)
            roles = {}
            for arg in args.split():
                role, tid = arg.split(":", 1)
                roles[role.rstrip("0123456789")] = tid
            events.append(roles)
    atts = []
    for ev in events:
        c = spans.get(ev.get("Content"))
        if not c:
            continue
        s = spans.get(ev.get("Source"))
        atts.append({"content": c[1], "source": s[1] if s else None,
                     "source_text": s[2] if s else None})
    return atts


def quotations(text):
    """(start, end) of the text between paired double marks, per paragraph."""
    out = []
    pos = 0
    for para in text.split("\n"):
        para = para.replace("''", '"\0')  # same length: offsets hold
        want = None
        start = 0
        for i, ch in enumerate(para):
            if want is None:
                if ch in OPEN_CLOSE:
                    want, start = OPEN_CLOSE[ch], i + 1
                elif ch == '"':
                    want, start = '"', i + 1
            elif ch == want or (want == "\u201d" and ch == '"') or \
                    (want == '"' and ch == "\u201d"):
                if i > start:
                    out.append((pos + start, pos + i))
                want = None
        pos += len(para) + 1
    return out


def overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


# Capitalised words that do not name anyone: a shared "The", "Mr." or "He"
# is no evidence of the same speaker.
NOT_NAMES = {"the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "rep", "gov",
             "gen", "president", "senator", "secretary", "former", "he",
             "she", "they", "it", "we", "i", "his", "her", "their", "its",
             "of", "and", "u.s", "state", "house", "white", "new"}


def caps(s):
    words = (w.strip(".,’'\"").lower() for w in (s or "").split()
             if w[:1].isupper())
    return {w for w in words if len(w) > 1 and w not in NOT_NAMES}


PRONOUNS = {"he", "she", "they", "i", "we", "it"}


def gold_quotes(text, atts):
    gold = []
    for q0, q1 in quotations(text):
        best, cov = None, 0
        for a in atts:
            c = sum(overlap(q0, q1, f0, f1) for f0, f1 in a["content"])
            if c > cov:
                best, cov = a, c
        if best and cov * 2 >= q1 - q0:
            gold.append({"start": q0, "end": q1, "source": best["source"],
                         "source_text": best["source_text"]})
    return gold


def byte_to_char(text):
    """Map from byte offset to character offset of text."""
    m = {}
    b = 0
    for i, ch in enumerate(text):
        m[b] = i
        b += len(ch.encode("utf-8"))
    m[b] = len(text)
    return m


def run_parallax(binary, files):
    out = {}
    for i in range(0, len(files), 200):
        chunk = files[i:i + 200]
        p = subprocess.run([binary, "analyze", "--format", "json"] + chunk,
                           capture_output=True, text=True)
        if p.returncode not in (0, 1):
            sys.exit("parallax failed (%d): %s" % (p.returncode, p.stderr))
        for line in p.stdout.splitlines():
            if line.strip():
                obj = json.loads(line)
                out[os.path.realpath(obj["path"])] = obj
    return out


def prf(tp_p, n_p, tp_r, n_g):
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("parallax")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--data", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared",
        "data", "polnear"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    base = os.path.join(args.data, args.split)
    if not os.path.isdir(base):
        sys.exit("PolNeAR not found at %s: skipping" % base)
    texts = sorted(glob.glob(os.path.join(base, "text", "*.txt")))
    anns = {}
    for a in sorted(glob.glob(os.path.join(base, "attributions", "*.ann"))):
        stem = os.path.basename(a).rsplit("_", 1)[0]
        anns.setdefault(stem, a)
    texts = [t for t in texts
             if os.path.basename(t)[:-4] in anns]
    res = run_parallax(args.parallax, texts)

    n_pred = n_gold = m_pred = 0
    sp_pred = sp_gold = sp_right = 0
    for path in texts:
        text = open(path, encoding="utf-8").read()
        gold = gold_quotes(text, read_ann(anns[os.path.basename(path)[:-4]]))
        b2c = byte_to_char(text)
        obj = res.get(os.path.realpath(path), {"quotes": []})
        pred = []
        for q in obj.get("quotes", []):
            p = dict(q)
            p["start"], p["end"] = b2c.get(q["start"], 0), b2c.get(q["end"], 0)
            p["speaker_start"] = b2c.get(q.get("speaker_start", 0), 0)
            p["speaker_end"] = b2c.get(q.get("speaker_end", 0), 0)
            pred.append(p)
        n_pred += len(pred)
        n_gold += len(gold)
        used = set()
        for p in pred:
            if p.get("speaker"):
                sp_pred += 1
            match = None
            for gi, g in enumerate(gold):
                if gi in used:
                    continue
                if overlap(p["start"], p["end"], g["start"], g["end"]) * 2 >= \
                        g["end"] - g["start"]:
                    match = gi
                    break
            if match is None:
                if args.verbose:
                    print("FP  %s: %r" % (os.path.basename(path)[:40],
                                          text[p["start"]:p["end"]][:80]))
                continue
            used.add(match)
            m_pred += 1
            g = gold[match]
            if not (p.get("speaker") and g["source"]):
                if args.verbose and g["source"]:
                    ctx = text[max(0, p["start"] - 60):p["end"] + 60]
                    print("NOSPK %s: %r (gold %r)" % (
                        os.path.basename(path)[:30], ctx.replace("\n", " | "),
                        g["source_text"]))
                continue
            right = any(overlap(p["speaker_start"], p["speaker_end"], f0, f1)
                        for f0, f1 in g["source"])
            if not right:
                gs = g["source_text"] or ""
                right = bool(caps(p["speaker"]) & caps(gs))
            if right:
                sp_right += 1
            elif args.verbose:
                print("SPK %s: %r -> %r (gold %r)" % (
                    os.path.basename(path)[:40],
                    text[p["start"]:p["end"]][:50], p["speaker"],
                    g["source_text"]))
        if args.verbose:
            for gi, g in enumerate(gold):
                if gi not in used:
                    print("FN  %s: %r" % (os.path.basename(path)[:40],
                                          text[g["start"]:g["end"]][:80]))
        sp_gold += sum(1 for g in gold if g["source"])

    p, r, f = prf(m_pred, n_pred, m_pred, n_gold)
    print("PolNeAR %s: %d articles, %d gold quotes, %d predicted" %
          (args.split, len(texts), n_gold, n_pred))
    print("quote spans  P %.3f  R %.3f  F1 %.3f  (overlap >= 50%% of gold)"
          % (p, r, f))
    p, r, f = prf(sp_right, sp_pred, sp_right, sp_gold)
    print("speakers     P %.3f  R %.3f  F1 %.3f  (%d right of %d predicted, "
          "%d gold)" % (p, r, f, sp_right, sp_pred, sp_gold))


if __name__ == "__main__":
    main()
