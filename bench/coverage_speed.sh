#!/bin/sh
# coverage_speed.sh: story report speed and the growth of fact alignment
# with the number of sentences, parallax (bench/coverage_speed.c) beside
# scikit-learn TF-IDF all-pairs cosine on the same sentences
# (bench/coverage_speed.py), on ECB+ articles taken as one story.
#
# Usage: bench/coverage_speed.sh [BUILD_DIR] [--sizes 25,50,...] [--reps N]
#          [--data FILE] [--no-peer]
#   --data FILE  articles (default ../shared/data/ecbplus/articles.jsonl;
#                reuters21578 for sizes past ECB+'s 980 articles)
# Raw outputs in bench/out/coverage_*.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=build
sizes=25,50,100,200,400,800
reps=3
data=${PLX_SHARED_DATA:-$root/../shared/data}/ecbplus/articles.jsonl
peer=1
while [ $# -gt 0 ]; do
	case $1 in
	--sizes) sizes=$2; shift 2 ;;
	--reps) reps=$2; shift 2 ;;
	--data) data=$2; shift 2 ;;
	--no-peer) peer=0; shift ;;
	-h|--help) sed -n '2,12p' "$0"; exit 0 ;;
	*) build=$1; shift ;;
	esac
done
case $build in /*) ;; *) build=$root/$build ;; esac
if [ ! -r "$data" ]; then
	echo "coverage_speed: SKIPPED: $data is absent" >&2
	exit 0
fi
if [ ! -x "$build/coverage_speed" ]; then
	echo "coverage_speed: $build/coverage_speed not found; build first" >&2
	exit 1
fi
out=$here/out
mkdir -p "$out"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "\$ $build/coverage_speed --sizes $sizes --reps $reps --dump $out $data"
"$build/coverage_speed" --sizes "$sizes" --reps "$reps" --dump "$out" "$data" |
	tee "$out/coverage_speed.txt"
echo
if [ $peer = 0 ]; then
	echo "coverage_speed: peer not run (--no-peer)"
elif /usr/bin/python3 -c 'import sklearn, scipy' 2>/dev/null; then
	echo "\$ /usr/bin/python3 bench/coverage_speed.py $out/coverage_speed.txt $out --reps $reps"
	/usr/bin/python3 "$here/coverage_speed.py" "$out/coverage_speed.txt" "$out" \
		--reps "$reps"
	seeds=${PLX_SHARED_DATA:-$root/../shared/data}/seeds
	if [ -d "$seeds" ]; then
		echo
		mkdir -p "$out/seeds"
		"$build/coverage_speed" --sizes 2 --reps 1 --dump "$out/seeds" \
			"$seeds" >/dev/null
		echo "\$ /usr/bin/python3 bench/coverage_speed.py --seeds $build/parallax $seeds $out/seeds/coverage_sents_2.tsv"
		/usr/bin/python3 "$here/coverage_speed.py" --seeds \
			"$build/parallax" "$seeds" "$out/seeds/coverage_sents_2.tsv"
	fi
else
	echo "coverage_speed: peer skipped: apt-get install python3-sklearn"
fi
