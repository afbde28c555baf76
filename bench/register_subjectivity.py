#!/usr/bin/python3
"""Opinion vs reporting at sentence level: parallax's register stage against
a scikit-learn baseline, on CLEF CheckThat! 2025 task 1 (English, SUBJ/OBJ).

Each sentence goes to parallax as one JSON Lines record ({"id","text"}),
through `PARALLAX analyze --format json FILE`; a record is opinion when any of
its paragraphs is (normally it has one).  SUBJ = opinion, OBJ = reporting.
The baseline is TF-IDF (word 1-2 grams) + LogisticRegression (balanced class
weights) trained on train_en.tsv.  Quality and speed are printed together;
speed is the median of several runs (parallax: the whole command, process
start and JSON output included).

usage: bench/register_subjectivity.py PARALLAX [DATA_DIR] [RUNS]
"""
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

SPLITS = ("dev_en.tsv", "dev_test_en.tsv")


def read_tsv(path):
    """(id, sentence, label) triples; CSV-quoted fields are unquoted."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            s = r["sentence"]
            if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
                s = s[1:-1].replace('""', '"')
            rows.append((r["sentence_id"], " ".join(s.split()),
                         1 if r["label"] == "SUBJ" else 0))
    return rows


def scores(gold, pred):
    """Per-class precision/recall/F1 (1 = SUBJ), macro-F1, accuracy."""
    out = {}
    for c in (1, 0):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        out[c] = (pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    macro = (out[0][2] + out[1][2]) / 2
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / len(gold)
    return out, macro, acc


def run_parallax(binary, rows, runs):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                     encoding="utf-8") as fh:
        for i, s, _ in rows:
            fh.write(json.dumps({"id": i, "text": s}) + "\n")
        path = fh.name
    times, out = [], None
    try:
        for _ in range(runs):
            t = time.perf_counter()
            p = subprocess.run([binary, "analyze", "--format", "json", path],
                               capture_output=True, text=True)
            times.append(time.perf_counter() - t)
            if p.returncode != 0:
                sys.exit("parallax failed (%d): %s" % (p.returncode,
                                                        p.stderr[-2000:]))
            out = p.stdout
    finally:
        os.unlink(path)
    pred = {}
    for line in out.splitlines():
        if not line.strip():
            continue
        art = json.loads(line)
        paras = art.get("paragraphs") or []
        pred[art.get("id")] = int(any(p.get("register") == "opinion"
                                      for p in paras))
    missing = sum(1 for i, _, _ in rows if i not in pred)
    return [pred.get(i, 0) for i, _, _ in rows], statistics.median(times), missing


def run_sklearn(train, rows, runs):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    t = time.perf_counter()
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    x = vec.fit_transform([s for _, s, _ in train])
    model = LogisticRegression(max_iter=2000, class_weight="balanced")
    model.fit(x, [l for _, _, l in train])
    fit = time.perf_counter() - t
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        pred = model.predict(vec.transform([s for _, s, _ in rows]))
        times.append(time.perf_counter() - t)
    return [int(p) for p in pred], statistics.median(times), fit


def report(name, gold, pred, secs):
    per, macro, acc = scores(gold, pred)
    print("  %-22s macro-F1 %.3f  acc %.3f  SUBJ P %.3f R %.3f F1 %.3f  "
          "OBJ P %.3f R %.3f F1 %.3f  %7.1f us/sentence"
          % (name, macro, acc, per[1][0], per[1][1], per[1][2], per[0][0],
             per[0][1], per[0][2], 1e6 * secs / len(gold)))
    return macro


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    data = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else os.path.join(
        here, "../../shared/data/subjectivity-en")
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    if not os.path.isdir(data):
        sys.exit("data set absent: %s (see ../shared/data/README.md)" % data)
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    print("machine: %s, %d cores, Python %s; median of %d runs"
          % (cpu, os.cpu_count(), platform.python_version(), runs))
    train = read_tsv(os.path.join(data, "train_en.tsv"))
    for split in SPLITS:
        rows = read_tsv(os.path.join(data, split))
        gold = [l for _, _, l in rows]
        subj = sum(gold)
        print("%s: %d sentences, %d SUBJ, %d OBJ" % (split, len(rows), subj,
                                                     len(rows) - subj))
        maj = 1 if subj * 2 > len(rows) else 0
        report("majority (%s)" % ("SUBJ" if maj else "OBJ"), gold,
               [maj] * len(rows), 0.0)
        pred, secs, missing = run_parallax(binary, rows, runs)
        if missing:
            print("  warning: %d sentences got no output from parallax "
                  "(counted as reporting)" % missing)
        a = report("parallax", gold, pred, secs)
        spred, ssecs, fit = run_sklearn(train, rows, runs)
        b = report("sklearn tfidf+logreg", gold, spred, ssecs)
        print("  parallax - sklearn macro-F1: %+.3f; sklearn fit %.2f s"
              % (a - b, fit))


if __name__ == "__main__":
    main()
