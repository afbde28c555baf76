#!/usr/bin/python3
"""coverage_speed.py: the peer for bench/coverage_speed.c.

What people use instead of parallax's fact alignment: scikit-learn TF-IDF
vectors of the same sentences (English stop words, sublinear tf), cosine
similarity of all pairs (one sparse product X X^T), pairs from different
articles at or over the same threshold (0.30), grouped by connected
components (scipy).  Reads the sentence dumps coverage_speed --dump wrote
and parallax's table (its stdout) and prints both side by side with the
ratio of CPU times (process_time: CPU seconds, robust on a loaded machine).

usage: coverage_speed.py PARALLAX_OUTPUT DUMP_DIR [--reps N]
       coverage_speed.py --seeds PARALLAX_BIN SEEDS_DIR SEEDS_DUMP
         quality beside speed: on the two seed articles, which of the
         shared facts issue 4 names each method aligns (both wordings)
"""
import math
import sys
import time

from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

THRESHOLD = 0.30


def peer(path):
    arts, sents = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            a, _, s = line.rstrip("\n").partition("\t")
            arts.append(int(a))
            sents.append(s)
    t0 = time.process_time()
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(sents)
    sim = (x @ x.T).tocoo()
    keep = (sim.data >= THRESHOLD) & (sim.row < sim.col)
    rows, cols = sim.row[keep], sim.col[keep]
    same = [arts[r] == arts[c] for r, c in zip(rows, cols)]
    rows = [r for r, s in zip(rows, same) if not s]
    cols = [c for c, s in zip(cols, same) if not s]
    from scipy.sparse import coo_matrix
    g = coo_matrix(([1] * len(rows), (rows, cols)), shape=(len(sents), len(sents)))
    ncomp, _ = connected_components(g, directed=False)
    t = time.process_time() - t0
    return len(sents), sim.nnz, len(rows), len(sents) - ncomp, t


# The seeds' shared facts: a phrase of each wording (Washington Post, NYT).
SEED_FACTS = [
    ("meeting in Geneva", "discussion in Geneva", "meeting in Geneva"),
    ("written response next week", "written response, expected next week",
     "written responses next week"),
    ("talks to follow", "hold further talks", "speak again"),
]


def seeds_quality(parallax, seeds, dump):
    import json
    import subprocess
    out = subprocess.run([parallax, "compare", "--format", "json", seeds],
                         capture_output=True, check=True, text=True).stdout
    facts = json.loads(out)["facts"]
    arts, sents = [], []
    with open(dump, encoding="utf-8") as f:
        for line in f:
            a, _, s = line.rstrip("\n").partition("\t")
            arts.append(int(a))
            sents.append(s)
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(sents)
    sim = (x @ x.T).toarray()
    print("seeds: shared facts aligned with both wordings (threshold %.2f)" % THRESHOLD)
    print("%-28s %9s %9s" % ("fact", "parallax", "sklearn"))
    score = [0, 0]
    for name, a, b in SEED_FACTS:
        par = any(any(a in v["sentence"] for v in f["variants"]) and
                  any(b in v["sentence"] for v in f["variants"]) for f in facts)
        peer = any(a in sents[i] and b in sents[j] and arts[i] != arts[j] and
                   sim[i, j] >= THRESHOLD
                   for i in range(len(sents)) for j in range(len(sents)))
        score[0] += par
        score[1] += peer
        print("%-28s %9s %9s" % (name, "yes" if par else "no", "yes" if peer else "no"))
    print("%-28s %9d %9d  (of %d)" % ("found", score[0], score[1], len(SEED_FACTS)))
    par_pairs = 0
    for f in facts:
        v = [x["article"] for x in f["variants"]]
        par_pairs += sum(1 for i in range(len(v)) for j in range(i + 1, len(v))
                         if v[i] != v[j])
    peer_pairs = sum(1 for i in range(len(sents)) for j in range(i + 1, len(sents))
                     if arts[i] != arts[j] and sim[i, j] >= THRESHOLD)
    print("%-28s %9d %9d  (all cross-source sentence pairs aligned)" % (
        "pairs aligned", par_pairs, peer_pairs))


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--seeds":
        seeds_quality(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    reps = 3
    if "--reps" in sys.argv:
        reps = int(sys.argv[sys.argv.index("--reps") + 1])
    rows = []
    with open(sys.argv[1]) as f:
        for line in f:
            p = line.split()
            if p and p[0].isdigit():
                rows.append((int(p[0]), int(p[1]), int(p[2]), float(p[4])))
    print("%8s | %10s %10s %10s %9s | %10s %10s %12s %10s %9s | %7s" % (
        "articles", "par.units", "par.pairs", "par.cpu_ms", "par/nlogn",
        "peer.sents", "peer.nnz", "peer.aligned", "peer.cpu_ms", "peer/n^2",
        "ratio"))
    base = None
    for n, units, pairs, build_ms in rows:
        ts = []
        for _ in range(reps):
            sents, nnz, aligned, merged, t = peer(
                "%s/coverage_sents_%d.tsv" % (sys.argv[2], n))
            ts.append(t)
        t = sorted(ts)[len(ts) // 2] * 1e3
        nlogn = units * math.log2(max(units, 2))
        if base is None:
            base = (build_ms / nlogn, t / (sents * sents))
        print("%8d | %10d %10d %10.1f %9.2f | %10d %10d %12d %10.1f %9.2f | %6.1fx" % (
            n, units, pairs, build_ms, (build_ms / nlogn) / base[0], sents, nnz,
            aligned, t, (t / (sents * sents)) / base[1], t / build_ms))
    print("par/nlogn: parallax build CPU time / (n log2 n), relative to the "
          "first row (flat = n log n growth); peer/n^2: peer CPU time / n^2, "
          "relative to its first row; ratio: peer CPU / parallax CPU")


main()
