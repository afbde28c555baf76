#!/usr/bin/python3
"""Fits the register model's weights (src/register.c) on the subjectivity
train split: CLEF CheckThat! 2025 task 1, English, SUBJ/OBJ sentences.

The features come from the C code itself (plx_register_features through a
small driver compiled here against the build directory's libparallax.a), so
the fitted weights see exactly what the classifier sees.  Fits an L2
logistic regression (scikit-learn), picks C and the decision threshold by
5-fold cross-validated macro-F1 on train only, and prints the BIAS/WEIGHTS
block to paste into src/register.c, plus dev scores for reference.

usage: bench/register_fit.py BUILD_DIR [DATA_DIR]
"""
import csv
import os
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

DRIVER = r"""
#include <stdio.h>
#include <string.h>
#include "parallax.h"
#include "article.h"
#include "register.h"
int main(void)
{
	static char line[1 << 20];
	plx_analyzer *an;
	if (plx_analyzer_new(NULL, &an))
		return 1;
	while (fgets(line, sizeof line, stdin)) {
		size_t n = strlen(line);
		if (n && line[n - 1] == '\n')
			line[--n] = 0;
		plx_article *art = NULL;
		float f[PLX_REG_NFEAT] = {0};
		if (plx_analyze_text(an, line, n, NULL, &art) == PLX_OK) {
			plx_register_features(art, 0, art->n_toks, f);
			plx_article_free(art);
		}
		for (int i = 0; i < PLX_REG_NFEAT; i++)
			printf(i ? " %g" : "%g", (double)f[i]);
		printf("\n");
	}
	plx_analyzer_free(an);
	return 0;
}
"""

NAMES = ["neg", "pos", "emo", "int", "hedge", "cert", "deon", "rep", "quant",
         "gen", "conn", "interj", "ideol", "fp1", "fp2", "second", "third", "pres", "past",
         "question", "exclaim", "ly", "ed", "negation", "contract", "punct",
         "number", "names", "length", "quoted", "scare"]


def read_tsv(path):
    """(sentence, label) pairs; CSV-quoted fields are unquoted."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            s = r["sentence"]
            if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
                s = s[1:-1].replace('""', '"')
            rows.append((" ".join(s.split()), 1 if r["label"] == "SUBJ" else 0))
    return rows


def build_driver(build):
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    exe = os.path.join(build, "register_features")
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as fh:
        fh.write(DRIVER)
        cfile = fh.name
    libs = subprocess.run(
        ["pkg-config", "--libs", "libutf8proc", "jansson", "libxxhash",
         "sqlite3", "zlib"], capture_output=True, text=True, check=True)
    subprocess.run(["cc", "-O2", "-I", src + "/include", "-I", src + "/src",
                    cfile, os.path.join(build, "libparallax.a"), "-o", exe]
                   + libs.stdout.split() + ["-lstemmer", "-lm"], check=True)
    os.unlink(cfile)
    return exe


def features(exe, rows):
    out = subprocess.run([exe], input="\n".join(s for s, _ in rows) + "\n",
                         capture_output=True, text=True, check=True).stdout
    return np.array([[float(v) for v in l.split()] for l in out.splitlines()])


def macro_f1(y, p):
    return f1_score(y, p, average="macro")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build = sys.argv[1]
    data = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else os.path.join(
        os.path.dirname(os.path.abspath(__file__)),
        "../../shared/data/subjectivity-en")
    exe = build_driver(build)
    train = read_tsv(os.path.join(data, "train_en.tsv"))
    X = features(exe, train)
    y = np.array([l for _, l in train])

    # C and threshold by 5-fold CV on train.
    best = None
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    for C in (0.03, 0.1, 0.3, 1.0, 3.0):
        z = np.zeros(len(y))
        for tr, te in skf.split(X, y):
            m = LogisticRegression(C=C, max_iter=5000).fit(X[tr], y[tr])
            z[te] = m.decision_function(X[te])
        for th in np.arange(-1.5, 1.51, 0.05):
            f = macro_f1(y, (z >= th).astype(int))
            if best is None or f > best[0]:
                best = (f, C, th)
    f, C, th = best
    print("cv macro-F1 %.3f at C=%g threshold=%.2f" % (f, C, th))
    m = LogisticRegression(C=C, max_iter=5000).fit(X, y)
    bias = m.intercept_[0] - th  # the C code cuts at logit 0
    w = m.coef_[0]
    for name in ("dev_en.tsv", "dev_test_en.tsv"):
        rows = read_tsv(os.path.join(data, name))
        Xd = features(exe, rows)
        yd = np.array([l for _, l in rows])
        pd = (Xd @ w + bias >= 0).astype(int)
        print("%s macro-F1 %.3f (sentence features, not the paragraph cut)"
              % (name, macro_f1(yd, pd)))
    print("\n/* Fitted by bench/register_fit.py: C=%g, cut at CV threshold"
          " %.2f. */" % (C, th))
    print("#define BIAS (%.3ff)" % bias)
    print("static const float WEIGHTS[N_FEAT] = {")
    items = ["%.3ff /* %s */" % (v, n) for v, n in zip(w, NAMES)]
    for i in range(0, len(items), 3):
        print("\t" + ", ".join(items[i:i + 3]) + ",")
    print("};")


if __name__ == "__main__":
    main()
