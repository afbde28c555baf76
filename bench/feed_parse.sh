#!/bin/sh
# feed_parse.sh: feed parsing speed, parallax (plx_feed_parse plus
# plx_feed_text on each item's content, bench/feed_parse.c) beside Python
# feedparser (Debian python3-feedparser, /usr/bin/python3), on the same
# generated feeds (RSS 2.0, RSS 1.0/RDF, Atom; invented text), in one run.
# Prints items per CPU second of each (median of RUNS passes over the
# bytes already in memory), the ratio, and how often the two agree on each
# item's link, title and date.
#
# Usage: bench/feed_parse.sh [BUILD_DIR] [RUNS] [FEEDS] [ITEMS]
#        (default build, 5 runs, 40 feeds of each kind, 50 items each)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-build}
runs=${2:-5}
feeds=${3:-40}
items=${4:-50}
case $build in /*) ;; *) build=$root/$build ;; esac
bin=$build/feed_parse
[ -x "$bin" ] || { echo "feed_parse.sh: build first ($bin missing)" >&2; exit 1; }
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || {
	echo "feed_parse.sh: SKIPPED: feedparser missing: apt-get install python3-feedparser" >&2
	exit 77
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/feed_parse.py" gen "$tmp/feeds" "$feeds" "$items"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "feeds: $feeds each of RSS 2.0, RDF and Atom, $items items each ($(du -sh "$tmp/feeds" | cut -f1))"
for kind in rss rdf atom all; do
	if [ $kind = all ]; then set -- "$tmp"/feeds/*.xml; else set -- "$tmp"/feeds/$kind-*.xml; fi
	px=$("$bin" --reps "$runs" "$@")
	fp=$(/usr/bin/python3 "$here/feed_parse.py" time "$runs" "$@")
	/usr/bin/python3 - "$kind" "$px" "$fp" <<'PY'
import json, sys
kind, px, fp = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
print("%-5s parallax %6d items %8.4f s CPU %9d items/s | feedparser %s %6d items %8.4f s CPU %7d items/s | ratio %.1fx"
      % (kind, px["items"], px["cpu_s"], px["items_per_s"], fp["feedparser"],
         fp["items"], fp["cpu_s"], fp["items_per_s"],
         px["items_per_s"] / fp["items_per_s"] if fp["items_per_s"] else 0))
PY
done
set -- "$tmp"/feeds/*.xml
"$bin" --dump "$@" > "$tmp/px.tsv"
/usr/bin/python3 "$here/feed_parse.py" agree "$tmp/px.tsv" "$@"
