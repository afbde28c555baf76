#!/usr/bin/python3
"""NLTK peer for bench/analyze_speed.sh: the sentence, token and stem work
parallax's segment stage does, done the NLTK way.

Per article: split into paragraphs at line breaks (as parallax does), Punkt
sentence splitting per paragraph, TreebankWordTokenizer per sentence, NFKC +
case folding of each token and the Snowball English stem of each word.
Punkt's model cannot be downloaded here, so a PunktSentenceTokenizer is
trained unsupervised on the text of the articles being measured (training
time is reported apart, not counted).  NLTK has no entity recogniser that
works without downloaded models, so it reports no entities.

Usage: nltk_analyze.py ARTICLES.jsonl [--sample N] [--reps R]
Prints a readable line on stderr and one "RESULT {json}" line on stdout.
"""
import argparse
import json
import statistics
import sys
import time
import unicodedata

try:
    import nltk
    from nltk.stem.snowball import SnowballStemmer
    from nltk.tokenize import TreebankWordTokenizer
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer
except ImportError:
    sys.stderr.write("nltk_analyze: NLTK is missing: "
                     "apt-get install -y python3-nltk\n")
    sys.exit(3)


def load(path, sample):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            t = rec.get("text")
            if not t:
                continue
            texts.append(t)
            if sample and len(texts) >= sample:
                break
    return texts


def analyse(texts, sent_tok, word_tok, stemmer):
    n_sent = n_tok = 0
    for text in texts:
        for para in text.split("\n"):
            para = para.strip()
            if not para:
                continue
            for sent in sent_tok.tokenize(para):
                n_sent += 1
                for tok in word_tok.tokenize(sent):
                    norm = unicodedata.normalize("NFKC", tok).casefold()
                    if norm[:1].isalpha():
                        stemmer.stem(norm)
                    n_tok += 1
    return n_sent, n_tok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--sample", type=int, default=2000,
                    help="first N articles (0: all)")
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()

    texts = load(args.path, args.sample)
    nbytes = sum(len(t.encode("utf-8")) for t in texts)

    t0 = time.perf_counter()
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train("\n\n".join(texts), finalize=True)
    sent_tok = PunktSentenceTokenizer(trainer.get_params())
    train_secs = time.perf_counter() - t0

    word_tok = TreebankWordTokenizer()
    stemmer = SnowballStemmer("english")
    times, cpu = [], []
    counts = None
    for _ in range(max(1, args.reps)):
        t0, c0 = time.perf_counter(), time.process_time()
        counts = analyse(texts, sent_tok, word_tok, stemmer)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    secs = statistics.median(times)
    cpu_secs = statistics.median(cpu)
    n = len(texts)
    res = {
        "tool": "NLTK %s (Punkt+Treebank+Snowball)" % nltk.__version__,
        "articles": n, "bytes": nbytes, "secs": secs, "reps": len(times),
        "cpu_secs": cpu_secs, "art_per_cpu_s": n / cpu_secs,
        "art_per_s": n / secs, "mb_per_s": nbytes / 1e6 / secs,
        "sentences": counts[0], "tokens": counts[1], "entities": None,
        "quotes": None, "train_secs": train_secs,
    }
    sys.stderr.write("nltk: %d articles, median %.3f s of %d: %.0f "
                     "articles/s (Punkt training %.2f s, not counted)\n"
                     % (n, secs, len(times), n / secs, train_secs))
    print("RESULT " + json.dumps(res))


if __name__ == "__main__":
    main()
