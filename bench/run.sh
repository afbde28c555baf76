#!/bin/sh
# run.sh: runs every benchmark in bench/ that exists: the analysis speed
# benchmark (analyze_speed.sh: parallax beside NLTK, compromise, wink-nlp)
# and the quality benchmarks other engineers write (quotes_polnear.py,
# register_subjectivity.py, entity_polnear.py, similarity_semeval.py), each
# given the parallax binary as its first argument; then the story engine:
# stories_ecbplus.py (ECB+ quality beside scikit-learn, the seeds, the sample
# corpus) and a short ingest_scale.sh (generated 2k/5k/10k: ingest and
# cluster with 1 and all analysis threads, scikit-learn on the same inputs,
# growth and speed-up tables; PLX_BENCH_SCALE_SIZES overrides the sizes);
# warc_libarchive.sh (WARC read by parallax and by libarchive, when
# libarchive is installed).  An absent one is skipped with a message.
#
# Usage: bench/run.sh [BUILD_DIR] [analyze_speed.sh options...]
#   BUILD_DIR defaults to build (as `make bench` builds it).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=build
case ${1:-} in ''|-*) ;; *) build=$1; shift ;; esac
case $build in /*) ;; *) build=$root/$build ;; esac
parallax=$build/parallax
py=/usr/bin/python3
status=0

if [ ! -x "$parallax" ]; then
	echo "run.sh: $parallax not found; build first:" \
	     "cmake -S . -B build -DPLX_WERROR=ON && cmake --build build -j2" >&2
	exit 1
fi

echo "######## analyze_speed.sh (speed: parallax vs NLTK, compromise, wink-nlp)"
"$here/analyze_speed.sh" "$build" "$@" || { echo "analyze_speed.sh: FAILED"; status=1; }
echo

echo "######## coverage_speed.sh (story reports: parallax vs scikit-learn TF-IDF all pairs)"
"$here/coverage_speed.sh" "$build" || { echo "coverage_speed.sh: FAILED"; status=1; }
echo

for b in quotes_polnear.py register_subjectivity.py entity_polnear.py \
	similarity_semeval.py; do
	echo "######## $b"
	if [ ! -f "$here/$b" ]; then
		echo "$b: absent, skipped"
	else
		echo "\$ $py bench/$b $parallax"
		$py "$here/$b" "$parallax" || { echo "$b: FAILED"; status=1; }
	fi
	echo
done

echo "######## warc_libarchive.sh (WARC input: parallax's reader vs libarchive's)"
echo "\$ bench/warc_libarchive.sh $build 3"
"$here/warc_libarchive.sh" "$build" 3
case $? in 0|77) ;; *) echo "warc_libarchive.sh: FAILED"; status=1 ;; esac
echo

echo "######## stories_ecbplus.py (story quality: parallax vs scikit-learn)"
echo "\$ $py bench/stories_ecbplus.py --parallax $parallax --runs 1"
$py "$here/stories_ecbplus.py" --parallax "$parallax" --runs 1 ||
	{ echo "stories_ecbplus.py: FAILED"; status=1; }
echo

sizes=${PLX_BENCH_SCALE_SIZES:-2000,5000,10000}
echo "######## ingest_scale.sh (story engine speed, growth, threads, scikit-learn)"
echo "\$ bench/ingest_scale.sh $build --sizes $sizes --runs 1 --threads 1,$(nproc) --no-reuters"
"$here/ingest_scale.sh" "$build" --sizes "$sizes" --runs 1 \
	--threads "1,$(nproc)" --no-reuters ||
	{ echo "ingest_scale.sh: FAILED"; status=1; }
exit $status
