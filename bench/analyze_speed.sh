#!/bin/sh
# analyze_speed.sh: single-article analysis speed, parallax beside the tools
# people use instead (NLTK, compromise, wink-nlp), on the same Reuters-21578
# articles, in one run; prints the machine, parallax's own figures (full
# corpus, threads, stages) and a side-by-side table on a sample.
#
# Usage: bench/analyze_speed.sh [BUILD_DIR] [--sample N] [--reps N]
#          [--peer-reps N] [--threads N] [--data FILE] [--no-peers]
#   BUILD_DIR    where bench_analyze was built (default: build)
#   --sample N   articles the peers (and parallax's comparison row) run on
#                (default 2000; 0 = the whole corpus, slow for compromise)
#   --reps N     timed repetitions of parallax, median reported (default 5)
#   --peer-reps N  repetitions of NLTK and wink (default 3); compromise
#                runs min(N, 1) unless --peer-reps is given, being slow
#   --threads N  parallax thread-scaling run (default: nproc)
# Raw outputs are kept in bench/out/analyze_*.txt.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=build
sample=2000
reps=5
peer_reps=3
cmp_reps=1
threads=$(nproc 2>/dev/null || echo 1)
data=${PLX_SHARED_DATA:-$root/../shared/data}/reuters21578/articles.jsonl
peers=1

while [ $# -gt 0 ]; do
	case $1 in
	--sample) sample=$2; shift 2 ;;
	--reps) reps=$2; shift 2 ;;
	--peer-reps) peer_reps=$2; cmp_reps=$2; shift 2 ;;
	--threads) threads=$2; shift 2 ;;
	--data) data=$2; shift 2 ;;
	--no-peers) peers=0; shift ;;
	-h|--help) sed -n '2,17p' "$0"; exit 0 ;;
	-*) echo "analyze_speed: unknown option $1" >&2; exit 2 ;;
	*) build=$1; shift ;;
	esac
done
case $build in /*) ;; *) build=$root/$build ;; esac

bench=${PLX_BENCH_ANALYZE:-$build/bench_analyze}
if [ ! -x "$bench" ]; then
	echo "analyze_speed: $bench not found; build it first:" >&2
	echo "  cmake -S . -B build -DPLX_WERROR=ON && cmake --build build -j2" >&2
	exit 1
fi
if [ ! -r "$data" ]; then
	echo "analyze_speed: SKIPPED: $data is absent (the shared data set" \
	     "lives beside the project in ../shared/data)" >&2
	exit 0
fi

out=$here/out
mkdir -p "$out"
py=/usr/bin/python3

echo "== machine"
echo "cpus: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'))"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine makes figures noisy)"
echo "kernel: $(uname -sr); compiler: $(cc --version 2>/dev/null | head -1)"
bt=$(sed -n "s/^CMAKE_BUILD_TYPE:STRING=//p" "$build/CMakeCache.txt" 2>/dev/null || true)
echo "build: $build (${bt:-RelWithDebInfo, the default}: -O2 -g)"
echo "input: $data"
echo

echo "== parallax, whole corpus"
echo "\$ $bench --reps $reps --threads $threads --stages $data"
"$bench" --reps "$reps" --threads "$threads" --stages "$data" \
	>"$out/analyze_parallax_full.txt"
grep -v '^RESULT' "$out/analyze_parallax_full.txt"
echo

lim=
[ "$sample" -gt 0 ] && lim="--limit $sample"
# shellcheck disable=SC2086
"$bench" --reps "$reps" $lim "$data" >"$out/analyze_parallax_sample.txt"

rm -f "$out/analyze_nltk.txt" "$out/analyze_compromise.txt" \
      "$out/analyze_wink.txt"
if [ "$peers" = 1 ]; then
	echo "== peers on the first $sample articles (0 = all)"
	if $py -c 'import nltk' 2>/dev/null; then
		echo "\$ $py bench/peers/nltk_analyze.py DATA --sample $sample --reps $peer_reps"
		$py "$here/peers/nltk_analyze.py" "$data" --sample "$sample" \
			--reps "$peer_reps" >"$out/analyze_nltk.txt" ||
			echo "nltk: FAILED"
	else
		echo "nltk: SKIPPED, NLTK missing: apt-get install -y python3-nltk"
	fi
	if command -v node >/dev/null 2>&1; then
		if [ ! -d "$here/peers/node_modules/compromise" ]; then
			echo "\$ (cd bench/peers && npm ci)"
			(cd "$here/peers" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
				echo "npm ci failed (no registry?): compromise and wink skipped"
		fi
		if [ -d "$here/peers/node_modules/compromise" ]; then
			echo "\$ node bench/peers/compromise_analyze.mjs DATA --sample $sample --reps $cmp_reps"
			node "$here/peers/compromise_analyze.mjs" "$data" \
				--sample "$sample" --reps "$cmp_reps" \
				>"$out/analyze_compromise.txt" || echo "compromise: FAILED"
		fi
		if [ -d "$here/peers/node_modules/wink-nlp" ] &&
		   [ -d "$here/peers/node_modules/wink-eng-lite-web-model" ]; then
			echo "\$ node bench/peers/compromise_analyze.mjs DATA --tool wink --sample $sample --reps $peer_reps"
			node "$here/peers/compromise_analyze.mjs" "$data" --tool wink \
				--sample "$sample" --reps "$peer_reps" \
				>"$out/analyze_wink.txt" || echo "wink: FAILED"
		fi
	else
		echo "compromise, wink: SKIPPED, node missing: apt-get install -y nodejs npm"
	fi
	echo
fi

$py - "$out" "$sample" <<'EOF'
import json, os, sys
out, sample = sys.argv[1], int(sys.argv[2])

def kv(path):
    """RESULT key=value lines of bench_analyze, by phase/stage."""
    rows = []
    for line in open(path):
        if line.startswith("RESULT "):
            rows.append(dict(p.split("=", 1) for p in line.split()[1:]))
    return rows

def parallax_row(path, label):
    for r in kv(path):
        if r.get("phase") == "analyze" and r.get("threads") == "1":
            return {"tool": label, "articles": int(r["articles"]),
                    "secs": float(r["secs"]), "art_per_s": float(r["art_per_s"]),
                    "art_per_cpu_s": float(r["art_per_cpu_s"]),
                    "mb_per_s": float(r["mb_per_s"]),
                    "sentences": int(r["sentences"]), "tokens": int(r["tokens"]),
                    "entities": int(r["entities"]), "quotes": int(r["quotes"])}
    return None

full = parallax_row(os.path.join(out, "analyze_parallax_full.txt"),
                    "parallax, whole corpus")
base = parallax_row(os.path.join(out, "analyze_parallax_sample.txt"),
                    "parallax")
rows = [base]
for name in ("nltk", "compromise", "wink"):
    p = os.path.join(out, "analyze_%s.txt" % name)
    if not os.path.exists(p):
        continue
    for line in open(p):
        if line.startswith("RESULT "):
            rows.append(json.loads(line[7:]))

def num(v):
    return "-" if v is None else "{:,}".format(v)

n = base["articles"]
print("== side by side: the first %d articles%s, one thread each, medians"
      % (n, " (the whole corpus)" if sample == 0 else " (sample)"))
hdr = ("tool", "articles", "art/s", "art/CPU-s", "MB/s", "x wall", "x CPU",
       "sentences", "tokens", "entities", "quotes")
fmt = "%-35s %8s %8s %9s %6s %7s %6s %9s %9s %8s %6s"
print(fmt % hdr)
for r in rows + ([full] if full else []):
    same = r is not full
    print(fmt % (r["tool"][:35], num(r["articles"]),
                 "{:,.0f}".format(r["art_per_s"]),
                 "{:,.0f}".format(r["art_per_cpu_s"]), "%.2f" % r["mb_per_s"],
                 "%.1f" % (base["art_per_s"] / r["art_per_s"]) if same else "",
                 "%.1f" % (base["art_per_cpu_s"] / r["art_per_cpu_s"]) if same else "",
                 num(r["sentences"]), num(r["tokens"]), num(r["entities"]),
                 num(r["quotes"])))
print("""
art/s: articles per wall-clock second; art/CPU-s: per CPU second of the
process (steadier when the machine is shared); x wall, x CPU: parallax's
rate over the tool's on the same articles.  parallax does the whole
analysis (clean, segment with NFKC + Snowball, entities, quotes,
register); NLTK only sentences, tokens and stems (it has no entity model
without downloads); compromise sentences, words, people + places +
organisations, quotations; wink-nlp sentences, tokens and its own entity
kinds (dates, numbers, money: not people or organisations).  Python and
JS timings exclude start-up and file parsing, as parallax's exclude
reading.""")
target = 10000
r = full or base
a, c = r["art_per_s"], r["art_per_cpu_s"]
print("target >= %d articles/s per core on Reuters: %s (%.0f per CPU "
      "second, %.0f per wall second, %d articles; judged per CPU second, "
      "which is what one core gives when the machine is not shared)"
      % (target, "MET" if c >= target else "NOT MET", c, a, r["articles"]))
EOF
