#!/bin/sh
# The demo: the main job on the bundled sample corpus (invented articles):
# ingest into a fresh database, list the stories, show one article's
# analysis and the syndicated copies.  usage: demo.sh PATH/TO/parallax
set -e
bin=${1:-build/parallax}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in="sample/articles.jsonl sample/text"
out="--outlets sample/outlets.tsv"

echo "== parallax ingest: the invented sample corpus into $tmp/demo.db =="
"$bin" ingest $out --db "$tmp/demo.db" $in
echo
echo "== parallax stories: one line a story =="
"$bin" stories --db "$tmp/demo.db"
echo
echo "== parallax analyze: a web page extract with its furniture left in =="
"$bin" analyze $out sample/text/harborledger-sable-quay-bridge.txt
echo
echo "== parallax dedup: wire copies and reused paragraphs =="
"$bin" dedup $out $in
echo
echo "== bad input is named, skipped, and loses nothing else =="
"$bin" analyze $out --format json sample/bad.jsonl >/dev/null || true
echo
echo "More: $bin analyze --format json sample/articles.jsonl; $bin --help"
