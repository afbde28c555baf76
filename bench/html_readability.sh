#!/bin/sh
# html_readability.sh: article extraction on Mozilla Readability's test
# pages (../shared/data/html-readability): parallax extract beside
# Readability.js 0.6.0 on jsdom 26.1.0 (bench/peers), same pages, same run.
# Prints body shingle F1 and metadata accuracy (html_readability.py), then
# pages/s of each, median of RUNS runs, and the ratio.
#
# Usage: bench/html_readability.sh [BUILD_DIR] [RUNS]   (default build, 5)
# Timing: parallax is timed as whole processes (start, reading the files,
# JSON output included); Readability inside one node process over pages
# already read (parsing with jsdom included, as it must be).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-build}
runs=${2:-5}
case $build in /*) ;; *) build=$root/$build ;; esac
px=$build/parallax
data=$root/../shared/data/html-readability
[ -x "$px" ] || { echo "html_readability.sh: build first ($px missing)" >&2; exit 1; }
[ -d "$data" ] || { echo "html_readability.sh: SKIPPED: $data absent" >&2; exit 77; }
[ -d "$here/peers/node_modules/@mozilla/readability" ] ||
	{ echo "html_readability.sh: run 'npm ci' in bench/peers" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dirs=$(for d in "$data"/*/; do [ -f "$d/source.html" ] && echo "${d%/}"; done)
n=$(echo "$dirs" | wc -l)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "pages: $n ($data)"
# shellcheck disable=SC2086
"$px" extract --format json --quiet $(for d in $dirs; do echo "$d/source.html"; done) > "$tmp/px.jsonl" || true
# shellcheck disable=SC2086
node "$here/peers/html_readability.mjs" "$runs" $dirs > "$tmp/rd.jsonl"
# shellcheck disable=SC2086
/usr/bin/python3 "$here/html_readability.py" "$tmp/px.jsonl" "$tmp/rd.jsonl" $dirs

files=$(for d in $dirs; do echo "$d/source.html"; done)
i=0
: > "$tmp/pxt"
while [ $i -lt "$runs" ]; do
	s=$(date +%s.%N)
	# shellcheck disable=SC2086
	"$px" extract --format json --quiet $files > /dev/null || true
	e=$(date +%s.%N)
	echo "$s $e" | awk '{print $2 - $1}' >> "$tmp/pxt"
	i=$((i + 1))
done
pxs=$(sort -n "$tmp/pxt" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
rds=$(tail -1 "$tmp/rd.jsonl" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["median_s"])')
echo "$n $pxs $rds" | awk '{printf "speed (median of '"$runs"' runs): parallax %.1f pages/s (%.3f s), readability %.1f pages/s (%.3f s), ratio %.1fx\n", $1/$2, $2, $1/$3, $3, $3/$2}'
