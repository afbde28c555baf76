#!/bin/sh
# The demo: analyses the bundled sample corpus (invented articles) and shows
# the result.  usage: demo.sh PATH/TO/parallax
set -e
bin=${1:-build/parallax}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
echo "== parallax analyze: the invented sample corpus (sample/) =="
echo
"$bin" analyze --outlets sample/outlets.tsv sample/text sample/articles.jsonl | head -n 200
echo
echo "(first 200 lines; full JSON: $bin analyze --format json sample/)"
echo
echo "== bad input is named, skipped, and loses nothing else =="
"$bin" analyze --outlets sample/outlets.tsv --format json sample/bad.jsonl >/dev/null || true
