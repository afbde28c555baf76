#!/bin/sh
# Runs the analysis, ingest, story listing, story reports and pair scores of
# the seeds and the sample corpus, and a small crawl, under valgrind and fails on any leak or memory error.
# usage: valgrind.sh PATH/TO/parallax
set -e
bin=${1:-build/parallax}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
inputs="sample/articles.jsonl sample/text sample/bad.jsonl"
[ -d ../shared/data/seeds ] && inputs="$inputs ../shared/data/seeds"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vg() {
	valgrind --quiet --leak-check=full --show-leak-kinds=all \
		--errors-for-leak-kinds=all --error-exitcode=99 "$@" >/dev/null ||
		{
			rc=$?
			[ $rc = 99 ] && { echo "valgrind: errors or leaks: $*"; exit 1; }
			true
		}
}
for fmt in json text; do
	vg "$bin" analyze --outlets sample/outlets.tsv --format $fmt -q $inputs
done
vg "$bin" ingest -q --db "$tmp/v.db" --outlets sample/outlets.tsv $inputs
vg "$bin" ingest -q --db "$tmp/v.db" --outlets sample/outlets.tsv $inputs
vg "$bin" stories --db "$tmp/v.db"
vg "$bin" dedup -q $inputs
vg "$bin" cluster -q $inputs
for fmt in text markdown json html; do
	vg "$bin" story --db "$tmp/v.db" --outlets sample/outlets.tsv --format $fmt 3
	vg "$bin" compare --outlets sample/outlets.tsv --format $fmt sample/articles.jsonl
done
vg "$bin" compare --score sample/text/harborledger-sable-quay-bridge.txt \
	sample/text/ostvale-courier-northern-cup-final.txt
vg "$bin" analyze -q tests/data/crawl.warc.gz
vg "$bin" ingest -q --db "$tmp/w.db" tests/data/crawl.warc.gz
echo "valgrind: no leaks, no errors (analyze, ingest twice, stories, dedup," \
	"cluster, story and compare in every format, compare --score, WARC)"
