#!/usr/bin/python3
"""ingest_scale_peers.py: the tools people use instead, for ingest_scale.sh.

usage:
  ingest_scale_peers.py sklearn FILE.jsonl [--cut X]
      scikit-learn stories: TF-IDF (the vectoriser of stories_ecbplus.py,
      imported from it) + AgglomerativeClustering(linkage='average',
      cosine distances precomputed from the sparse matrix: the same
      clustering as metric='cosine' without densifying the n x vocabulary
      matrix), distance cut X (default: the cut stories_ecbplus.py tuned on
      ECB+, 0.82, see docs/stories.md).  Prints RESULT key=value lines
      (articles, stories, read/vectorise/distance/linkage seconds).  The
      caller times the whole process (wall, peak RSS) with /usr/bin/time,
      the same clock as parallax's.  Memory is quadratic: n^2 doubles for
      the distance matrix plus the condensed copy and its triu indices,
      about 32 n^2 bytes at peak.
  ingest_scale_peers.py dedup FILE.jsonl --build DIR [--runs N]
      Near-duplicates: the exact all-pairs Jaccard >= 0.8 computation of
      dedup_reuters.py (imported from it, on the 4-word shingle sets that
      bench_dedup dumps) against parallax: pair recall and precision of
      plx_dedup (bench_dedup's pairs), group recall of the `parallax
      dedup` command (an exact pair counts as found when both articles
      are in one reported group), and speed of each.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

SK_CUT = 0.82  # stories_ecbplus.py's best cut on ECB+ (docs/stories.md)


def read_docs(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            docs.append((d.get("title") or "") + "\n" + (d.get("text") or ""))
    return docs


def cmd_sklearn(args):
    path = args[0]
    cut = SK_CUT
    if "--cut" in args:
        cut = float(args[args.index("--cut") + 1])
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics.pairwise import cosine_distances
    from stories_ecbplus import tfidf

    t0 = time.perf_counter()
    docs = read_docs(path)
    t1 = time.perf_counter()
    x = tfidf(docs)
    t2 = time.perf_counter()
    d = cosine_distances(x)
    t3 = time.perf_counter()
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed",
                                    linkage="average",
                                    distance_threshold=cut)
    labels = model.fit_predict(d)
    t4 = time.perf_counter()
    print("RESULT articles=%d" % len(docs))
    print("RESULT stories=%d" % len(set(labels)))
    print("RESULT cut=%.2f" % cut)
    print("RESULT vocab=%d" % x.shape[1])
    print("RESULT read_s=%.3f" % (t1 - t0))
    print("RESULT vectorise_s=%.3f" % (t2 - t1))
    print("RESULT distance_s=%.3f" % (t3 - t2))
    print("RESULT linkage_s=%.3f" % (t4 - t3))
    return 0


def timed(cmd, stdout=subprocess.DEVNULL):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=stdout, check=False)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit("%s failed (status %d)" % (" ".join(cmd), r.returncode))
    return dt, r


def cmd_dedup(args):
    import dedup_reuters as dr

    path = args[0]
    build = args[args.index("--build") + 1]
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 3
    ids = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                ids.append(json.loads(line)["id"])
    n = len(ids)

    out = tempfile.mkdtemp(prefix="plx_scale_dedup_")
    stats = []
    for _ in range(runs):
        subprocess.run([os.path.join(build, "bench_dedup"), path, out],
                       check=True)
        with open(os.path.join(out, "stats.json")) as f:
            stats.append(json.load(f))
    med = lambda k: statistics.median(s[k] for s in stats)
    sets = dr.load_shingles(os.path.join(out, "shingles.bin"))
    if len(sets) != n:
        sys.exit("bench_dedup read %d articles, the file has %d" % (len(sets), n))
    found = {}
    with open(os.path.join(out, "pairs.tsv")) as f:
        for line in f:
            i, j, s = line.split("\t")
            found[(int(i), int(j))] = float(s)

    # The parallax command, end to end (process start, reading, analysis,
    # dedup, JSON output), median of runs.
    cli = [os.path.join(build, "parallax"), "dedup", "--format", "json", path]
    times = []
    for _ in range(runs):
        dt, r = timed(cli, stdout=subprocess.PIPE)
        times.append(dt)
    t_cli = statistics.median(times)
    group = {}
    for g, grp in enumerate(json.loads(r.stdout)["groups"]):
        for a in grp["articles"]:
            group[a["id"]] = g

    truth, t_exact = dr.exact_pairs(sets, dr.THRESHOLD)
    # exact_pairs times only the pair computation; the whole truth also
    # needs the shingles, which come from parallax's own analysis here.
    rp, pp = dr.quality(found, truth)
    in_group = sum(1 for (i, j) in truth
                   if ids[i] in group and group.get(ids[i]) == group.get(ids[j]))
    rg = in_group / len(truth) if truth else 1.0
    missed = sorted(truth[k] for k in truth if k not in found)

    print("articles %d, shingles %d; truth: %d pairs with exact Jaccard >= %.2f"
          " (%d identical sets)" % (n, stats[0]["shingles"], len(truth),
                                    dr.THRESHOLD,
                                    sum(1 for v in truth.values() if v == 1.0)))
    print("%-44s %8s %9s %10s %12s" % ("method", "recall", "precision",
                                       "seconds", "articles/s"))
    e2e = med("read_s") + med("analyze_s") + med("dedup_s")
    print("%-44s %8.4f %9.4f %10.3f %12.0f"
          % ("parallax plx_dedup, pairs (index only)", rp, pp, med("dedup_s"),
             n / med("dedup_s")))
    print("%-44s %8s %9s %10.3f %12.0f"
          % ("parallax read+analyse+dedup (bench_dedup)", "", "", e2e, n / e2e))
    print("%-44s %8.4f %9s %10.3f %12.0f"
          % ("`parallax dedup` command, groups (e2e)", rg, "", t_cli, n / t_cli))
    print("%-44s %8.4f %9.4f %10.3f %12.0f"
          % ("exact all-pairs Jaccard (scipy sparse)", 1.0, 1.0, t_exact,
             n / t_exact))
    print("speed: plx_dedup index %.0fx the exact all-pairs computation;"
          " the whole `parallax dedup` command %.1fx"
          % (t_exact / med("dedup_s"), t_exact / t_cli))
    if missed:
        print("pairs missed by plx_dedup: %d, exact Jaccard %s"
              % (len(missed), ", ".join("%.3f" % v for v in missed[:12])))
    print("(medians of %d runs; the exact computation runs once, on the"
          " shingle sets parallax dumped)" % runs)
    print("RESULT dedup_pair_recall=%.4f" % rp)
    print("RESULT dedup_group_recall=%.4f" % rg)
    return 0


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("sklearn", "dedup"):
        sys.exit(__doc__)
    if sys.argv[1] == "sklearn":
        return cmd_sklearn(sys.argv[2:])
    return cmd_dedup(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
