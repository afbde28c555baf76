#!/bin/sh
# The demo: the main job on the bundled sample corpus (invented articles):
# ingest into a fresh database (build/demo.db, kept for `parallax serve`),
# list the stories, show the biggest story source by source, one article's
# analysis and the syndicated copies.  usage: demo.sh PATH/TO/parallax
set -e
bin=${1:-build/parallax}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
db=$(dirname "$bin")/demo.db
rm -f "$db" "$db-wal" "$db-shm"
in="sample/articles.jsonl sample/text"
out="--outlets sample/outlets.tsv"

echo "== parallax ingest: the invented sample corpus into $db =="
"$bin" ingest $out --db "$db" $in
echo
echo "== parallax stories: one line a story =="
"$bin" stories --db "$db"
echo
top=$("$bin" stories --db "$db" --format json --limit 1 |
	sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
echo "== parallax story $top: the biggest story, source by source =="
"$bin" story $out --db "$db" "$top"
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
echo "More: $bin serve --db $db (then open http://127.0.0.1:8080/);"
echo "      $bin story --db $db --format html $top > story.html; $bin --help"
