#!/bin/sh
# ingest_scale.sh: how the story engine scales.  For each size, a synthetic
# stream built from Reuters-21578 (bench/gen_corpus.py) and the real
# Reuters file itself go through `parallax ingest` (into a fresh SQLite
# database) and `parallax cluster` (in memory, output to /dev/null), each
# timed as a whole process with /usr/bin/time -v: wall time, articles/s,
# CPU seconds, peak RSS ("Maximum resident set size"), database size and
# stories found.  Then the growth between sizes (time and memory per
# article should stay flat: linear growth) and, on the same inputs in the
# same run, the tools people use instead: scikit-learn TF-IDF + average-link
# agglomerative clustering (stories) and the exact all-pairs Jaccard >= 0.8
# computation of bench/dedup_reuters.py (near-duplicates, on the 10k corpus).
#
# Usage: bench/ingest_scale.sh [BUILD_DIR] [--sizes 10000,100000[,1000000]]
#          [--runs N] [--seed S] [--no-reuters] [--no-peers]
#          [--sk-cut X] [--sk-max-gb G] [--sk-runs N] [--max-s S] [--append]
#          [--threads LIST]
#   BUILD_DIR    where parallax (and bench_dedup) were built (default build)
#   --sizes      generated corpus sizes (default 10000,100000)
#   --runs N     timed runs per size below 1,000,000 and for Reuters, the
#                median reported (default 3); 1,000,000 and up run once
#   --seed S     generator seed (default 1)
#   --no-reuters skip the real Reuters-21578 file (19,043 articles)
#   --no-peers   skip scikit-learn and the exact all-pairs Jaccard
#   --sk-cut X   scikit-learn distance cut (default 0.82, the cut
#                bench/stories_ecbplus.py tunes on ECB+, docs/stories.md)
#   --sk-max-gb G  scikit-learn memory budget (default 8): it needs about
#                25 n^2 bytes, so inputs above it are skipped or, for
#                Reuters, cut to the largest prefix that fits
#   --sk-runs N  scikit-learn runs per input, median reported (default 1)
#   --max-s S    stop each ingest and cluster of 1,000,000 articles and up
#                after S seconds (SIGTERM; the database stays consistent):
#                the row then counts the articles done (stored rows for
#                ingest, output lines for cluster) and is marked partial
#   --append     keep the rows of earlier runs in the raw file (to add a
#                large size to a run of the small ones)
#   --threads L  analysis thread counts to time, comma-separated (default:
#                the number of CPUs only).  The last one gives the rows
#                named ingest and cluster (growth, scikit-learn); the
#                others are named ingest-tN and cluster-tN, and the summary
#                prints the speed-up over the first
# Generated corpora are cached in bench/out/scale_<N>_s<SEED>.jsonl
# (git-ignored; about 1 KB an article, 1 GB for 1,000,000) and rebuilt when
# gen_corpus.py is newer.  Databases go to bench/out/scale.db (removed after
# each run), raw rows to bench/out/ingest_scale_raw.tsv.  PLX_SCALE_OUT=DIR
# puts all of these elsewhere; PLX_SCALE_LARGE=N moves the "large size"
# line (default 1000000) for testing this script.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=build
sizes=10000,100000
runs=3
seed=1
reuters=1
peers=1
sk_cut=0.82
sk_max_gb=8
sk_runs=1
max_s=0
append=0
threads=$(nproc)

while [ $# -gt 0 ]; do
	case $1 in
	--sizes) sizes=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	--no-reuters) reuters=0; shift ;;
	--no-peers) peers=0; shift ;;
	--sk-cut) sk_cut=$2; shift 2 ;;
	--sk-max-gb) sk_max_gb=$2; shift 2 ;;
	--sk-runs) sk_runs=$2; shift 2 ;;
	--max-s) max_s=$2; shift 2 ;;
	--append) append=1; shift ;;
	--threads) threads=$2; shift 2 ;;
	-h|--help) sed -n '2,47p' "$0"; exit 0 ;;
	-*) echo "ingest_scale: unknown option $1" >&2; exit 2 ;;
	*) build=$1; shift ;;
	esac
done
case $build in /*) ;; *) build=$root/$build ;; esac

parallax=$build/parallax
py=/usr/bin/python3
shared=${PLX_SHARED_DATA:-$root/../shared/data}
reuters_file=$shared/reuters21578/articles.jsonl
if [ ! -x "$parallax" ]; then
	echo "ingest_scale: $parallax not found; build it first:" >&2
	echo "  cmake -S . -B build -DPLX_WERROR=ON && cmake --build build -j2" >&2
	exit 1
fi
if [ ! -r "$reuters_file" ]; then
	echo "ingest_scale: SKIPPED: $reuters_file is absent (the generator" \
	     "and the Reuters run need the shared data beside the project)" >&2
	exit 0
fi
if [ ! -x /usr/bin/time ]; then
	echo "ingest_scale: /usr/bin/time is missing (apt-get install time)" >&2
	exit 1
fi

out=${PLX_SCALE_OUT:-$here/out}
large_n=${PLX_SCALE_LARGE:-1000000}
mkdir -p "$out"
raw=$out/ingest_scale_raw.tsv
db=$out/scale.db
tfile=$out/scale_time.txt
log=$out/scale_stderr.txt
[ "$append" = 1 ] && [ -s "$raw" ] ||
	printf 'corpus\tn\ttool\trun\tload1\twall_s\tuser_s\tsys_s\trss_kb\tdb_bytes\tstories\n' >"$raw"

echo "machine: $(nproc) cores ($(getconf _NPROCESSORS_ONLN) online)," \
     "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
     "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory" \
     "($(awk '/^MemAvailable/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) available)," \
     "$(uname -sr)"
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared:" \
     "each timing prints the load before it)"
echo "build: $build ($(sed -n 's/^CMAKE_BUILD_TYPE:[^=]*=//p' "$build/CMakeCache.txt" 2>/dev/null))"
echo

# timeit CORPUS N TOOL RUN CMD...: runs CMD under /usr/bin/time -v (stdout
# to $stdout_to, default /dev/null; stderr to $log; stopped after $limit
# seconds when set) and appends a raw row; sets $wall, $rss_kb, $partial.
timeit() {
	t_corpus=$1 t_n=$2 t_tool=$3 t_run=$4
	shift 4
	t_load=$(cut -d' ' -f1-3 /proc/loadavg)
	echo "  [load $t_load] \$ ${show:-$*}${limit:+  (stopped after $limit s)}"
	show=
	partial=0
	t_st=0
	if [ -n "${limit:-}" ]; then
		/usr/bin/time -v -o "$tfile" timeout -s TERM "$limit" "$@" \
		    >"${stdout_to:-/dev/null}" 2>"$log" || t_st=$?
		[ "$t_st" != 124 ] || partial=1
	else
		"/usr/bin/time" -v -o "$tfile" "$@" >"${stdout_to:-/dev/null}" \
		    2>"$log" || t_st=$?
	fi
	if [ "$t_st" != 0 ] && [ "$partial" = 0 ]; then
		echo "ingest_scale: FAILED (status $t_st): $*" >&2
		tail -5 "$log" >&2
		exit 1
	fi
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, p, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + p[i]
		print s }' "$tfile")
	user=$(awk -F': ' '/User time/ {print $2}' "$tfile")
	sys=$(awk -F': ' '/System time/ {print $2}' "$tfile")
	rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tfile")
	t_dbb=- t_st=-
	case $t_tool in
	ingest*)
		t_dbb=$(cat "$db" "$db-wal" "$db-shm" 2>/dev/null | wc -c)
		set -- $($py -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM stories").fetchone()[0],
      c.execute("SELECT count(*) FROM articles").fetchone()[0])' "$db")
		t_st=$1
		[ "$partial" = 0 ] || t_n=$2
		;;
	cluster*)
		t_st=$cl_stories
		if [ -n "${stdout_to:-}" ]; then
			t_st=$(cut -f2 "$stdout_to" | sort -u | wc -l)
			[ "$partial" = 0 ] || t_n=$(wc -l <"$stdout_to")
		fi ;;
	sklearn)
		t_st=$(sed -n 's/^RESULT stories=//p' "$skres") ;;
	esac
	[ "$partial" = 0 ] || t_corpus="$t_corpus(partial)"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t_corpus" \
	    "$t_n" "$t_tool" "$t_run" "${t_load%% *}" "$wall" "$user" "$sys" \
	    "$rss_kb" "$t_dbb" "$t_st" >>"$raw"
	[ "$partial" = 0 ] || echo "    PARTIAL: stopped after $limit s with $t_n articles done"
	echo "    wall ${wall} s, cpu ${user}+${sys} s, peak RSS ${rss_kb} KB" \
	     "$( [ "$t_dbb" = - ] || echo ", database $t_dbb bytes")" \
	     "$( [ "$t_st" = - ] || echo ", $t_st stories")"
}

# parallax_runs CORPUS FILE N: ingest into a fresh database, then cluster.
parallax_runs() {
	p_corpus=$1 p_file=$2 p_n=$3
	p_runs=$runs
	limit= stdout_to=
	if [ "$p_n" -ge "$large_n" ]; then
		p_runs=1
		[ "$max_s" = 0 ] || limit=$max_s
		# cluster's output is kept (and counted afterwards): a stopped
		# run says how far it got.
		stdout_to=$out/scale_cluster_out.tsv
	fi
	echo "== $p_corpus: $p_n articles, $p_file ($p_runs run(s) each)"
	# The timed cluster runs print to /dev/null; its stories are counted
	# once, untimed, where that is cheap.
	cl_stories=-
	if [ "$p_n" -le 200000 ]; then
		cl_stories=$("$parallax" cluster "$p_file" | cut -f2 | sort -u | wc -l)
		echo "    cluster stories (untimed count): $cl_stories"
	fi
	last_t=${threads##*,}
	r=1
	while [ "$r" -le "$p_runs" ]; do
		for t in $(echo "$threads" | tr ',' ' '); do
			suf=-t$t
			[ "$t" != "$last_t" ] || suf=
			rm -f "$db" "$db-wal" "$db-shm"
			s_out=$stdout_to stdout_to=
			timeit "$p_corpus" "$p_n" "ingest$suf" "$r" \
			    "$parallax" ingest --threads "$t" --db "$db" "$p_file"
			stdout_to=$s_out
			sed -n '$p' "$log" | sed 's/^/    /'
			rm -f "$db" "$db-wal" "$db-shm"
			timeit "$p_corpus" "$p_n" "cluster$suf" "$r" \
			    "$parallax" cluster --threads "$t" "$p_file"
		done
		r=$((r + 1))
	done
	limit= stdout_to=
	rm -f "$out/scale_cluster_out.tsv"
}

# sklearn_runs CORPUS FILE N
sklearn_runs() {
	s_corpus=$1 s_file=$2 s_n=$3
	skres=$out/scale_sklearn_result.txt
	echo "== scikit-learn on $s_corpus: $s_n articles ($sk_runs run(s)), cut $sk_cut"
	r=1
	while [ "$r" -le "$sk_runs" ]; do
		show="$py bench/ingest_scale_peers.py sklearn $s_file --cut $sk_cut"
		timeit "$s_corpus" "$s_n" sklearn "$r" sh -c \
		    '"$1" "$2" sklearn "$3" --cut "$4" >"$5"' sh \
		    "$py" "$here/ingest_scale_peers.py" "$s_file" "$sk_cut" "$skres"
		echo "    $(sed -n 's/^RESULT //p' "$skres" | tr '\n' ' ')"
		r=$((r + 1))
	done
}

# sk_fits N: whether scikit-learn on N articles fits the budget (and the
# memory available now); sk_max_n: the largest N that fits the budget.
sk_fits() {
	awk -v n="$1" -v g="$sk_max_gb" -v a="$(awk '/^MemAvailable/ {print $2 * 1024}' /proc/meminfo)" \
	    'BEGIN { need = 0.2e9 + 25 * n * n; exit !(need <= g * 2^30 && need + 0.5e9 <= a) }'
}
sk_max_n() {
	awk -v g="$sk_max_gb" 'BEGIN { printf "%d", sqrt((g * 2^30 - 0.2e9) / 25) }'
}

corpus_file() {
	f=$out/scale_$1_s$seed.jsonl
	if [ ! -s "$f" ] || [ "$here/gen_corpus.py" -nt "$f" ]; then
		echo "generating $f (cached for later runs)" >&2
		$py "$here/gen_corpus.py" "$1" "$f.tmp" --seed "$seed" \
		    --source "$reuters_file"
		mv "$f.tmp" "$f"
	fi
	echo "$f"
}

if [ "$reuters" = 1 ]; then
	parallax_runs reuters21578 "$reuters_file" "$(wc -l <"$reuters_file")"
	echo
fi
# Sizes below 1,000,000 first, then the peers, then the large sizes, so
# that a long run has printed everything else when it starts.
small=$(echo "$sizes" | tr ',' '\n' | awk -v l="$large_n" '$1 < l' | tr '\n' ' ')
large=$(echo "$sizes" | tr ',' '\n' | awk -v l="$large_n" '$1 >= l' | tr '\n' ' ')
for n in $small; do
	parallax_runs "generated-$n" "$(corpus_file "$n")" "$n"
	echo
done

if [ "$peers" = 1 ]; then
	echo "######## the tools people use instead, same inputs"
	echo "scikit-learn: ~25 n^2 bytes; budget ${sk_max_gb} GB, so at most $(sk_max_n) articles"
	for n in $(echo "$sizes" | tr ',' ' '); do
		if sk_fits "$n"; then
			sklearn_runs "generated-$n" "$(corpus_file "$n")" "$n"
		else
			echo "== scikit-learn on generated-$n: SKIPPED, needs about" \
			     "$(awk -v n="$n" 'BEGIN { printf "%.0f", (0.2e9 + 25 * n * n) / 2^30 }') GB" \
			     "(budget $sk_max_gb GB or memory available now)"
		fi
	done
	if [ "$reuters" = 1 ]; then
		rn=$(wc -l <"$reuters_file")
		if sk_fits "$rn"; then
			sklearn_runs reuters21578 "$reuters_file" "$rn"
		else
			m=$(sk_max_n)
			pf=$out/reuters_head_$m.jsonl
			echo "== Reuters: $rn articles need about" \
			     "$(awk -v n="$rn" 'BEGIN { printf "%.1f", (0.2e9 + 25 * n * n) / 2^30 }') GB" \
			     "for scikit-learn; both run on its first $m articles"
			head -n "$m" "$reuters_file" >"$pf"
			if sk_fits "$m"; then
				parallax_runs "reuters-first-$m" "$pf" "$m"
				sklearn_runs "reuters-first-$m" "$pf" "$m"
			else
				echo "   SKIPPED: not enough memory available now"
			fi
			rm -f "$pf" # a copy of the shared data: never kept
		fi
	fi
	echo
	if [ -x "$build/bench_dedup" ]; then
		f=$(corpus_file 10000)
		echo "== near-duplicates on generated-10000: parallax against the" \
		     "exact all-pairs Jaccard >= 0.8 (bench/dedup_reuters.py's code)"
		echo "  [load $(cut -d' ' -f1-3 /proc/loadavg)] \$ $py bench/ingest_scale_peers.py dedup $f --build $build --runs $runs"
		$py "$here/ingest_scale_peers.py" dedup "$f" --build "$build" \
		    --runs "$runs" | grep -v '^RESULT'
	else
		echo "== near-duplicates: SKIPPED, $build/bench_dedup not built"
	fi
	echo
fi

for n in $large; do
	parallax_runs "generated-$n" "$(corpus_file "$n")" "$n"
	echo
done

echo "######## summary (medians; raw rows in $raw)"
$py "$here/ingest_scale_report.py" "$raw"
