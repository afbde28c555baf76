#!/usr/bin/python3
"""ingest_scale_report.py: the table of ingest_scale.sh.

usage: ingest_scale_report.py RAW.tsv

RAW.tsv has one row per timed run, written by ingest_scale.sh:
  corpus  n  tool  run  load1  wall_s  user_s  sys_s  rss_kb  db_bytes  stories
(tool: ingest, cluster or sklearn; db_bytes and stories "-" where unknown).
Prints, per corpus and tool, the median of its runs (wall, articles/s, peak
RSS, CPU seconds, database size, stories), then the growth between the
generated sizes: time per article and memory per article relative to the
previous size (1.00 = linear growth), then parallax cluster against
scikit-learn on each input both ran on.
"""
import statistics
import sys
from collections import OrderedDict


def fmt_bytes(b):
    if b >= 1 << 30:
        return "%.2f GB" % (b / (1 << 30))
    return "%.0f MB" % (b / (1 << 20))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = OrderedDict()
    with open(sys.argv[1]) as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) != 11 or c[0] == "corpus":
                continue
            rows.setdefault((c[0], int(c[1]), c[2]), []).append(c)

    med = {}
    for key, rs in rows.items():
        num = lambda i: statistics.median(float(r[i]) for r in rs)
        db = [float(r[9]) for r in rs if r[9] != "-"]
        st = [r[10] for r in rs if r[10] != "-"]
        med[key] = {
            "runs": len(rs),
            "load": "/".join("%.1f" % float(r[4]) for r in rs),
            "wall": num(5),
            "cpu": statistics.median(float(r[6]) + float(r[7]) for r in rs),
            "rss": num(8) * 1024,
            "db": statistics.median(db) if db else None,
            "stories": st[-1] if st else "-",
        }

    print("%-22s %-8s %9s %4s %9s %10s %9s %8s %10s %10s %8s  %s"
          % ("corpus", "tool", "articles", "runs", "wall s", "articles/s",
             "us/art", "cpu s", "art/cpu-s", "peak RSS", "stories",
             "database  (load 1-min)"))
    for (corpus, n, tool), m in med.items():
        n = max(n, 1)
        m["wall"] = max(m["wall"], 1e-3)
        m["cpu"] = max(m["cpu"], 1e-3)
        print("%-22s %-8s %9d %4d %9.2f %10.0f %9.1f %8.2f %10.0f %10s %8s  %s (%s)"
              % (corpus, tool, n, m["runs"], m["wall"], n / m["wall"],
                 m["wall"] / n * 1e6, m["cpu"], n / m["cpu"],
                 fmt_bytes(m["rss"]),
                 m["stories"], fmt_bytes(m["db"]) if m["db"] else "-",
                 m["load"]))

    # Growth between generated sizes (by nominal size; a partial row, a
    # run stopped by --max-s, counts the articles it did).
    def nominal(c):
        return int(c.split("-", 1)[1].split("(")[0])
    gen = sorted({(nominal(c), c) for (c, n, t) in med
                  if c.startswith("generated-")})
    if len(gen) > 1:
        print()
        print("growth between generated sizes (ratio of the per-article figure"
              " to the previous size's; 1.00 = linear):")
        print("%-8s %24s %11s %13s %12s %12s %11s"
              % ("tool", "sizes", "size ratio", "time/article", "cpu/article",
                 "RSS/article", "db/article"))
        for tool in ("ingest", "cluster"):
            prev = None
            for _, c in gen:
                n = next((k[1] for k in med if k[0] == c and k[2] == tool), 0)
                m = med.get((c, n, tool))
                if not m or n == 0:
                    continue
                if prev:
                    pn, pm = prev
                    db = ("%11.2f" % ((m["db"] / n) / (pm["db"] / pn))
                          if m["db"] and pm["db"] else "%11s" % "-")
                    print("%-8s %24s %11.1f %13.2f %12.2f %12.2f %s"
                          % (tool, "%d->%d%s" % (pn, n, "*" if "partial" in c
                                                 else ""), n / pn,
                             (m["wall"] / n) / (pm["wall"] / pn),
                             (m["cpu"] / n) / (pm["cpu"] / pn),
                             (m["rss"] / n) / (pm["rss"] / pn), db))
                prev = (n, m)
        print("(* a run stopped by --max-s: the articles it did.  Peak RSS per"
              " article below 1.00: memory grows slower than the input)")

    # Thread scaling: tool-tN rows against the default-thread rows.
    thr = sorted({(c, n, t) for (c, n, t) in med if "-t" in t},
                 key=lambda x: (x[1], x[0], x[2]))
    if thr:
        print()
        print("analysis threads (--threads N; the rows named ingest and"
              " cluster use the last count given; outputs are identical):")
        print("%-22s %-8s %9s %8s %11s %12s %12s %11s"
              % ("corpus", "tool", "articles", "threads", "wall s",
                 "articles/s", "cpu s", "speed-up"))
        for c, n, t in thr:
            base, tn = t.split("-t")
            m1 = med[(c, n, t)]
            md = med.get((c, n, base))
            for label, m in ((tn, m1), ("last", md)):
                if not m:
                    continue
                print("%-22s %-8s %9d %8s %11.2f %12.0f %12.2f %10.2fx"
                      % (c, base, n, label, m["wall"], n / m["wall"],
                         m["cpu"], m1["wall"] / m["wall"]))

    sk = [(c, n) for (c, n, t) in med if t == "sklearn"]
    if sk:
        print()
        print("parallax cluster against scikit-learn TF-IDF + average-link"
              " agglomerative clustering, same input, same clock"
              " (whole processes, wall):")
        print("%-22s %9s %11s %11s %9s %12s %12s %12s"
              % ("corpus", "articles", "parallax s", "sklearn s", "speed-up",
                 "(CPU s)", "parallax RSS", "sklearn RSS"))
        for c, n in sk:
            p, s = med.get((c, n, "cluster")), med[(c, n, "sklearn")]
            if not p:
                continue
            print("%-22s %9d %11.2f %11.2f %8.1fx %11.1fx %12s %12s"
                  % (c, n, p["wall"], s["wall"], s["wall"] / p["wall"],
                     s["cpu"] / p["cpu"], fmt_bytes(p["rss"]),
                     fmt_bytes(s["rss"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
