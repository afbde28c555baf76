#!/usr/bin/python3
"""Pair similarity on the SemEval-2022 task 8 sample: parallax against TF-IDF.

Both score the same English article pairs in the same run:
  parallax  parallax compare --score --format json --pairs FILE (one process),
            with the built-in idf table and with --idf counted over the pair
            texts (the information the TF-IDF peer is fitted on)
  tfidf     scikit-learn TfidfVectorizer fitted on the pair texts, cosine
            (and, for reference, its square root, the transform parallax uses)
Quality is the Pearson correlation with the annotators' Overall (1 = same
story, 4 = unrelated), sign-corrected (higher is better), on the dev split
(the weights of parallax were fitted there), the held-out test split and all.
The split is by pair_id: md5(pair_id) even -> dev, odd -> test.
Speed is pairs per CPU second (analysis included for parallax; the TF-IDF
fit and transform for the peer), the median of --runs runs.  Other language
pairs are reported apart, for information (parallax is English-only).

--fit prints least-squares weights for the components on the dev split
(how the defaults of plx_similarity_params_default were chosen).

usage: bench/similarity_semeval.py [build/parallax]
       [--pairs ../shared/data/semeval2022-pairs/pairs.csv] [--runs 3] [--fit]
"""
import argparse
import csv
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
COMPONENTS = ('terms', 'names', 'places', 'numbers', 'facts')


def split_of(pair_id):
    return 'dev' if hashlib.md5(pair_id.encode()).digest()[0] % 2 == 0 \
        else 'test'


def pearson(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    if x.std() == 0 or y.std() == 0:
        return float('nan')
    return float(np.corrcoef(x, y)[0, 1])


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_parallax(exe, pairs, path, idf=None):
    """Scores the pairs in one process; idf: also write the pair texts to
    this file and count document frequencies over them (--idf), as the
    TF-IDF peer fits on them, instead of the built-in Reuters table."""
    if idf:
        with open(idf, 'w') as f:
            for p in pairs:
                f.write(json.dumps({'text': p['text1']}) + '\n')
                f.write(json.dumps({'text': p['text2']}) + '\n')
    with open(path, 'w') as f:
        for p in pairs:
            f.write(json.dumps({
                'id': p['pair_id'],
                'a': {'id': p['pair_id'] + '_a', 'text': p['text1']},
                'b': {'id': p['pair_id'] + '_b', 'text': p['text2']}}) + '\n')
    c0, t0 = child_cpu(), time.perf_counter()
    out = subprocess.run([exe, 'compare', '--score', '--format', 'json',
                          '--pairs', path, '-q'] +
                         (['--idf', idf] if idf else []),
                         capture_output=True, text=True)
    cpu, wall = child_cpu() - c0, time.perf_counter() - t0
    rows = {}
    for line in out.stdout.splitlines():
        o = json.loads(line)
        rows[o['a']] = o
    return rows, cpu, wall


def run_tfidf(pairs):
    t0c, t0 = time.process_time(), time.perf_counter()
    vec = TfidfVectorizer()
    m = vec.fit_transform([p['text1'] for p in pairs] +
                          [p['text2'] for p in pairs])
    n = len(pairs)
    a, b = m[:n], m[n:]
    sims = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return sims, time.process_time() - t0c, time.perf_counter() - t0


def report(name, pairs, scores, target):
    line = '%-22s' % name
    for part in ('dev', 'test', 'all'):
        idx = [i for i, p in enumerate(pairs)
               if part == 'all' or p['split'] == part]
        r = -pearson([scores[i] for i in idx], [target[i] for i in idx])
        line += '  %s %.3f (n=%d)' % (part, r, len(idx))
    print(line)


def fit(pairs, rows):
    """Weights for score = bias + sum w_c sqrt(c) on the dev split: least
    squares with w >= 0 (the defaults) and unconstrained (for reference)."""
    from scipy.optimize import nnls
    dev = [p for p in pairs if p['split'] == 'dev' and p['pair_id'] in rows]
    x = np.array([[np.sqrt(rows[p['pair_id']][c]) for c in COMPONENTS]
                  for p in dev])
    y = np.array([(4 - float(p['Overall'])) / 3 for p in dev])
    mu, ym = x.mean(axis=0), y.mean()
    w, _ = nnls(x - mu, y - ym)
    print('fit on dev (%d pairs), target (4 - Overall) / 3, '
          'score = bias + sum w sqrt(component):' % len(dev))
    print('  weights >= 0:  ' + '  '.join(
        '%s %.3f' % (c, v) for c, v in zip(COMPONENTS, w)) +
        '  bias %.3f' % (ym - mu @ w))
    a = np.column_stack([x, np.ones(len(dev))])
    u, *_ = np.linalg.lstsq(a, y, rcond=None)
    print('  unconstrained: ' + '  '.join(
        '%s %.3f' % (c, v) for c, v in zip(COMPONENTS, u)) +
        '  bias %.3f' % u[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('parallax', nargs='?', default=os.path.join(
        ROOT, 'build', 'parallax'), help='the parallax binary')
    ap.add_argument('--pairs', default=os.path.join(
        ROOT, '..', 'shared', 'data', 'semeval2022-pairs', 'pairs.csv'))
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--fit', action='store_true')
    args = ap.parse_args()
    if not os.path.exists(args.pairs):
        print('similarity_semeval: %s absent: skipped' % args.pairs)
        return 0
    with open(args.pairs, newline='', encoding='utf-8') as f:
        allpairs = list(csv.DictReader(f))
    for p in allpairs:
        p['split'] = split_of(p['pair_id'])
    groups = [('English', [p for p in allpairs
                           if p['lang1'] == 'en' and p['lang2'] == 'en']),
              ('other, same language',
               [p for p in allpairs
                if p['lang1'] == p['lang2'] and p['lang1'] != 'en']),
              ('cross-language',
               [p for p in allpairs if p['lang1'] != p['lang2']])]
    tmp = tempfile.mkdtemp(prefix='plx_sim_')
    print('SemEval-2022 task 8 sample (%s): Pearson with Overall, '
          'sign-corrected; split md5(pair_id)' % args.pairs)
    for gname, pairs in groups:
        path = os.path.join(tmp, 'pairs.jsonl')
        speeds = {'parallax': [], 'parallax_idf': [], 'tfidf': []}
        for _ in range(args.runs):
            rows, cpu, wall = run_parallax(args.parallax, pairs, path)
            speeds['parallax'].append(len(pairs) / max(cpu, 1e-9))
            rows_idf, cpu, wall = run_parallax(
                args.parallax, pairs, path,
                idf=os.path.join(tmp, 'texts.jsonl'))
            speeds['parallax_idf'].append(len(pairs) / max(cpu, 1e-9))
            tf, tcpu, twall = run_tfidf(pairs)
            speeds['tfidf'].append(len(pairs) / max(tcpu, 1e-9))
        kept = [i for i, p in enumerate(pairs) if p['pair_id'] in rows]
        if len(kept) != len(pairs):
            print('  note: parallax skipped %d pairs (empty text)'
                  % (len(pairs) - len(kept)))
        pk = [pairs[i] for i in kept]
        target = [float(p['Overall']) for p in pk]
        print('\n%s pairs: %d (dev %d, test %d)' % (
            gname, len(pairs), sum(p['split'] == 'dev' for p in pairs),
            sum(p['split'] == 'test' for p in pairs)))
        report('  parallax', pk, [rows[p['pair_id']]['score'] for p in pk],
               target)
        report('  parallax --idf texts', pk,
               [rows_idf[p['pair_id']]['score'] if p['pair_id'] in rows_idf
                else 0 for p in pk], target)
        report('  tfidf cosine', pk, [tf[i] for i in kept], target)
        # The same cosine through the square root parallax applies: how
        # much of the gain is the transform alone.
        report('  (tfidf sqrt(cosine))', pk, [np.sqrt(tf[i]) for i in kept],
               target)
        if gname == 'English':
            for c in COMPONENTS:
                report('    component ' + c, pk,
                       [rows[p['pair_id']][c] for p in pk], target)
        pp, pt = statistics.median(speeds['parallax']), \
            statistics.median(speeds['tfidf'])
        pi = statistics.median(speeds['parallax_idf'])
        print('  speed (pairs per CPU s, median of %d): parallax %.0f '
              '(--idf texts %.0f), tfidf %.0f, ratio %.2f'
              % (args.runs, pp, pi, pt, pp / pt))
        if args.fit and gname == 'English':
            fit(pairs, rows)
    return 0


if __name__ == '__main__':
    sys.exit(main())
