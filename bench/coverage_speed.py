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


def main():
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
