#!/bin/sh
# warc_libarchive.sh: WARC input, parallax's reader beside libarchive's WARC
# reader (archive_read_support_format_warc + filter_all), on the same files:
# the html-readability pages framed as a crawl (request, response and
# metadata records, URIs ending in '/', 404s, images, revisits), plain and
# gzipped, clean, with a WARC/1.1 record, and damaged (warc_libarchive.c
# says how).  Prints records seen, HTML responses delivered, records
# skipped by kind, articles extracted, how reading ended, and input bytes
# and records per CPU second (median of RUNS) for each reader.
#
# Usage: bench/warc_libarchive.sh [BUILD_DIR] [RUNS]   (default build, 3)
# The program is built only when pkg-config finds libarchive
# (apt-get install libarchive-dev); parallax does not depend on it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-build}
runs=${2:-3}
case $build in /*) ;; *) build=$root/$build ;; esac
data=${PLX_SHARED_DATA:-$root/../shared/data}/html-readability
bin=$build/warc_libarchive
[ -d "$data" ] || { echo "warc_libarchive.sh: SKIPPED: $data absent" >&2; exit 77; }
if [ ! -x "$bin" ]; then
	if ! pkg-config --exists libarchive; then
		echo "warc_libarchive.sh: SKIPPED: libarchive not found" \
		     "(apt-get install libarchive-dev)" >&2
		exit 77
	fi
	cmake "$build" >/dev/null && cmake --build "$build" --target warc_libarchive -j2 >/dev/null ||
		{ echo "warc_libarchive.sh: cannot build $bin" >&2; exit 1; }
fi
out=$root/bench/out/warc
mkdir -p "$out"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "libarchive $(pkg-config --modversion libarchive)"
"$bin" write "$data" "$out"
ls -l "$out" | awk 'NR > 1 {printf "  %s %s bytes\n", $9, $5}'
echo "\$ $bin read --reps $runs $out/{clean,v11,damaged}.warc{,.gz}"
"$bin" read --reps "$runs" "$out/clean.warc" "$out/clean.warc.gz" \
	"$out/v11.warc" "$out/v11.warc.gz" "$out/damaged.warc" "$out/damaged.warc.gz"
