#!/bin/sh
# Golden tests: for every tests/golden/NAME.args, runs `parallax $(cat
# NAME.args)` from the repository root and compares standard output, standard
# error and the exit status with NAME.out, NAME.err and NAME.status.
# PLX_REGEN=1 rewrites the expected files instead (review the diff).
# A case with a NAME.needs-idf file depends on the built-in idf table counted
# over Reuters-21578; it is skipped when CTest says the build counted another
# corpus or none (PLX_IDF_REUTERS=0).
# usage: golden.sh PATH/TO/parallax
bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/tests/golden
cd "$root" || exit 1
pass=0
fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for args in "$dir"/*.args; do
	[ -e "$args" ] || continue
	name=$(basename "$args" .args)
	if grep -q '\.\./shared/data' "$args" && [ ! -d ../shared/data ]; then
		echo "SKIPPED $name: ../shared/data is absent"
		continue
	fi
	if [ -e "$dir/$name.needs-idf" ] && [ "${PLX_IDF_REUTERS:-1}" = 0 ]; then
		echo "SKIPPED $name: the idf table was not counted over Reuters-21578"
		continue
	fi
	# shellcheck disable=SC2046
	NO_COLOR=1 "$bin" $(cat "$args") >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/status"
	if [ -n "$PLX_REGEN" ]; then
		cp "$tmp/out" "$dir/$name.out"
		cp "$tmp/err" "$dir/$name.err"
		cp "$tmp/status" "$dir/$name.status"
		echo "regenerated $name"
		continue
	fi
	ok=1
	for f in out err status; do
		if ! cmp -s "$tmp/$f" "$dir/$name.$f"; then
			echo "FAIL $name ($f differs):"
			diff -u "$dir/$name.$f" "$tmp/$f" | head -40
			ok=0
		fi
	done
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ -n "$PLX_REGEN" ] && exit 0
[ $fail = 0 ] && [ $pass -gt 0 ]
