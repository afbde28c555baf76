#!/usr/bin/python3
"""dedup_reuters.py: near-duplicate detection on Reuters-21578, parallax
against the computations people use instead, in one run.

1. parallax (bench_dedup, the C driver): analyses every article, runs
   plx_dedup (MinHash LSH, K=120, 24 bands x 5 rows, threshold 0.8) and
   dumps the 4-word shingle sets it used.
2. Truth: exact all-pairs Jaccard over those same shingle sets (scipy sparse
   product X X^T, by row blocks): every pair with Jaccard >= 0.8.
3. datasketch-style MinHashLSH written in pure Python + numpy (datasketch
   itself cannot be installed here: PyPI is unreachable): SHA-1 of each
   shingle, 128 permutations (a*h+b) mod (2^61-1), bands chosen by
   datasketch's own optimal-parameter rule for threshold 0.8, candidates
   verified on the estimated Jaccard, as a user of datasketch would.

Prints recall and precision against the truth, and speed side by side
(medians of --runs runs of the parallax driver).

usage: bench/dedup_reuters.py [--build DIR] [--data FILE] [--runs N]
"""
import argparse
import hashlib
import json
import os
import platform
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy.sparse as sp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
THRESHOLD = 0.8


def load_shingles(path):
    sets = []
    with open(path, "rb") as f:
        data = f.read()
    off = 0
    while off < len(data):
        (m,) = struct.unpack_from("<I", data, off)
        off += 4
        sets.append(np.frombuffer(data, dtype="<u8", count=m, offset=off))
        off += 8 * m
    return sets


def exact_pairs(sets, threshold):
    """All pairs (i < j) with Jaccard >= threshold, exactly."""
    t0 = time.perf_counter()
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    allsh = np.concatenate([s for s in sets if len(s)])
    vocab, cols = np.unique(allsh, return_inverse=True)
    rows = np.repeat(np.arange(len(sets)), sizes)
    X = sp.csr_matrix(
        (np.ones(len(cols), dtype=np.int32), (rows, cols)),
        shape=(len(sets), len(vocab)),
    )
    XT = X.T.tocsc()
    pairs = {}
    block = 2000
    for lo in range(0, len(sets), block):
        inter = (X[lo : lo + block] @ XT).tocoo()
        i = inter.row + lo
        j = inter.col
        keep = i < j
        i, j, v = i[keep], j[keep], inter.data[keep]
        jac = v / (sizes[i] + sizes[j] - v)
        ok = jac >= threshold
        for a, b, s in zip(i[ok], j[ok], jac[ok]):
            pairs[(int(a), int(b))] = float(s)
    return pairs, time.perf_counter() - t0


def optimal_param(threshold, num_perm, fp_w=0.5, fn_w=0.5):
    """datasketch's MinHashLSH._optimal_param (integrated FP/FN weights)."""
    from scipy.integrate import quad

    def fp(b, r):
        return quad(lambda s: 1 - (1 - s ** float(r)) ** float(b), 0.0, threshold)[0]

    def fn(b, r):
        return quad(lambda s: 1 - (1 - (1 - s ** float(r)) ** float(b)), threshold, 1.0)[0]

    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            err = fp(b, r) * fp_w + fn(b, r) * fn_w
            if err < best:
                best, opt = err, (b, r)
    return opt


def datasketch_style(sets, threshold, num_perm=128):
    prime = (1 << 61) - 1
    rng = np.random.RandomState(1)
    a = rng.randint(1, prime, num_perm, dtype=np.uint64)
    b = rng.randint(0, prime, num_perm, dtype=np.uint64)
    bands, rows = optimal_param(threshold, num_perm)
    tables = [dict() for _ in range(bands)]
    sigs = []
    found = {}
    t0 = time.perf_counter()
    for doc, s in enumerate(sets):
        if len(s) == 0:
            sigs.append(None)
            continue
        hv = np.array(
            [struct.unpack("<I", hashlib.sha1(x.tobytes()).digest()[:4])[0] for x in s],
            dtype=np.uint64,
        )
        phv = ((np.outer(hv, a) + b) % prime) & np.uint64(0xFFFFFFFF)
        sig = phv.min(axis=0)
        sigs.append(sig)
        cands = set()
        keys = [sig[i * rows : (i + 1) * rows].tobytes() for i in range(bands)]
        for t, k in zip(tables, keys):
            cands.update(t.get(k, ()))
        for c in cands:
            est = float(np.count_nonzero(sigs[c] == sig)) / num_perm
            if est >= threshold:
                found[(c, doc)] = est
        for t, k in zip(tables, keys):
            t.setdefault(k, []).append(doc)
    return found, time.perf_counter() - t0, (bands, rows)


def quality(found, truth):
    tp = sum(1 for p in found if p in truth)
    recall = tp / len(truth) if truth else 1.0
    precision = tp / len(found) if found else 1.0
    return recall, precision


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument(
        "--data",
        default=os.path.join(ROOT, "..", "shared", "data", "reuters21578", "articles.jsonl"),
    )
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-datasketch", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(args.data):
        print("SKIPPED: %s is absent" % args.data)
        return 77
    driver = os.path.join(args.build, "bench_dedup")
    if not os.path.exists(driver):
        print("bench_dedup not built in %s" % args.build, file=sys.stderr)
        return 2
    out = tempfile.mkdtemp(prefix="plx_dedup_")
    stats = []
    for _ in range(args.runs):
        subprocess.run([driver, args.data, out], check=True)
        with open(os.path.join(out, "stats.json")) as f:
            stats.append(json.load(f))
    n = stats[0]["articles"]
    med = lambda k: statistics.median(s[k] for s in stats)
    sets = load_shingles(os.path.join(out, "shingles.bin"))
    assert len(sets) == n
    found = {}
    with open(os.path.join(out, "pairs.tsv")) as f:
        for line in f:
            i, j, s = line.split("\t")
            found[(int(i), int(j))] = float(s)

    truth, t_exact = exact_pairs(sets, THRESHOLD)
    r, p = quality(found, truth)
    errs = [abs(found[k] - truth[k]) for k in truth if k in found]
    missed = sorted(truth[k] for k in truth if k not in found)

    print("machine: %s, %s, %d cores; %d articles, %d shingles"
          % (platform.node(), platform.processor() or platform.machine(),
             os.cpu_count(), n, stats[0]["shingles"]))
    print("truth: %d pairs with exact Jaccard >= %.2f (%d of them identical sets)"
          % (len(truth), THRESHOLD, sum(1 for v in truth.values() if v == 1.0)))
    print()
    print("%-34s %8s %9s %12s" % ("method", "recall", "precision", "articles/s"))
    dedup_rate = n / med("dedup_s")
    e2e = n / (med("read_s") + med("analyze_s") + med("dedup_s"))
    print("%-34s %8.4f %9.4f %12.0f" % ("parallax plx_dedup (index only)", r, p, dedup_rate))
    print("%-34s %8s %9s %12.0f" % ("parallax read+analyse+dedup", "", "", e2e))
    print("%-34s %8.4f %9.4f %12.0f" % ("exact all-pairs (scipy sparse)", 1.0, 1.0, n / t_exact))
    if not args.no_datasketch:
        ds_found, t_ds, (b, rr) = datasketch_style(sets, THRESHOLD)
        dr, dp = quality(ds_found, truth)
        print("%-34s %8.4f %9.4f %12.0f" % ("datasketch-style LSH b=%d r=%d" % (b, rr), dr, dp, n / t_ds))
    print()
    print("parallax: signature %.1f us/article (fingerprint + MinHash), dedup %.1f us/article,"
          " index %.1f MB (%.0f bytes/article); medians of %d runs"
          % (med("sign_s") / n * 1e6, med("dedup_s") / n * 1e6,
             stats[0]["dedup_bytes"] / 1e6, stats[0]["dedup_bytes"] / n, args.runs))
    if errs:
        print("estimate error on found truth pairs: mean %.4f, max %.4f" % (statistics.mean(errs), max(errs)))
    if missed:
        print("missed truth pairs: %d, their exact Jaccard: %s" % (len(missed), ", ".join("%.3f" % v for v in missed[:20])))
    fps = sorted((v, k) for k, v in found.items() if k not in truth)
    if fps:
        print("false positives: %d; their exact Jaccard below %.2f" % (len(fps), THRESHOLD))
    print("speed ratios: parallax index %.0fx exact all-pairs%s"
          % (dedup_rate * t_exact / n,
             "" if args.no_datasketch else ", %.0fx datasketch-style" % (dedup_rate * t_ds / n)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
