#!/bin/sh
# fuzz.sh SECONDS: builds the libFuzzer targets with clang, ASan and UBSan in
# build-fuzz/ and runs each fuzz/fuzz_NAME.c for SECONDS on fuzz/corpus/NAME/.
# New corpus entries and crash inputs land in fuzz/findings/NAME/ (ignored by
# git): a crash input worth keeping is copied into fuzz/corpus/NAME/ by hand,
# where CTest's replay_NAME runs it in every build.
set -eu
secs=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"
cmake -S "$root" -B "$build" -DPLX_FUZZ=ON -DPLX_SANITIZE=ON \
	-DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
status=0
for src in "$root"/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	short=${name#fuzz_}
	cmake --build "$build" -j2 --target "$name" >/dev/null
	out="$root/fuzz/findings/$short"
	mkdir -p "$out/new" "$out/crashes"
	echo "== $name: $secs s" >&2
	# New inputs go to findings/NAME/new (the committed corpus is only
	# read); crash, leak and timeout inputs to findings/NAME/crashes.
	if ! nice "$build/$name" -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$out/crashes/" "$out/new" \
		"$root/fuzz/corpus/$short" 2>"$out/log.txt"; then
		status=1
		echo "$name: FAILED, see $out/log.txt and $out/crashes/" >&2
	fi
	grep -E "^(stat::number_of_executed_units|stat::new_units_added)|^Done" \
		"$out/log.txt" >&2 || true
done
exit $status
