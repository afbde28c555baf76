#!/bin/sh
# Runs the analysis of the seeds and of the sample corpus under valgrind and
# fails on any leak or memory error.  usage: valgrind.sh PATH/TO/parallax
set -e
bin=${1:-build/parallax}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
inputs="sample/articles.jsonl sample/text sample/bad.jsonl"
[ -d ../shared/data/seeds ] && inputs="$inputs ../shared/data/seeds"
for fmt in json text; do
	valgrind --quiet --leak-check=full --show-leak-kinds=all \
		--errors-for-leak-kinds=all --error-exitcode=99 \
		"$bin" analyze --outlets sample/outlets.tsv --format $fmt -q $inputs >/dev/null || {
		rc=$?
		[ $rc = 99 ] && { echo "valgrind: errors or leaks ($fmt)"; exit 1; }
	}
done
echo "valgrind: no leaks, no errors"
