#!/bin/sh
# serve_load.sh: load on `parallax serve`.  A generated stream of N
# articles (bench/gen_corpus.py from Reuters-21578, cached like
# ingest_scale.sh's) is ingested into a fresh database; then wrk (Debian
# package wrk) drives /api/stories and two story pages (the most recent
# story, a typical one, and the biggest) for DURATION seconds each, first
# idle, then while `parallax ingest` writes a second stream into the same
# database (WAL: the server reads while ingest commits).  Requests/s and
# latency percentiles come from wrk --latency; the server's CPU seconds
# from /proc.  The peer is what people write instead: a Python
# http.server + sqlite3 JSON endpoint (bench/serve_peer.py) for the same
# /api/stories query on the same database.
#
# Usage: bench/serve_load.sh [BUILD_DIR] [--size N] [--duration S]
#          [--connections C] [--threads T] [--wrk-threads W] [--no-peer]
#   defaults: build, 100000 articles, 15 s, 64 connections, 2 server
#   threads (the 2-core target), 2 wrk threads.
# Output: a table on standard output and bench/out/serve_load.txt;
# databases in bench/out (removed at the end).  Needs wrk: apt-get
# install wrk.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=build
size=100000
dur=15
conns=64
threads=2
wthreads=2
peer=1
case ${1:-} in ''|-*) ;; *) build=$1; shift ;; esac
while [ $# -gt 0 ]; do
	case $1 in
	--size) size=$2; shift 2 ;;
	--duration) dur=$2; shift 2 ;;
	--connections) conns=$2; shift 2 ;;
	--threads) threads=$2; shift 2 ;;
	--wrk-threads) wthreads=$2; shift 2 ;;
	--no-peer) peer=0; shift ;;
	*) echo "serve_load.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
case $build in /*) ;; *) build=$root/$build ;; esac
bin=$build/parallax
out=${PLX_SCALE_OUT:-$root/bench/out}
mkdir -p "$out"
command -v wrk >/dev/null 2>&1 || {
	echo "serve_load.sh: wrk not found: apt-get install wrk" >&2
	exit 1
}
[ -x "$bin" ] || { echo "serve_load.sh: build first ($bin)" >&2; exit 1; }

corpus=$out/scale_${size}_s1.jsonl
[ -s "$corpus" ] || /usr/bin/python3 "$here/gen_corpus.py" "$size" "$corpus" --seed 1
# The writer's stream: other articles (seed 2) under ids of their own (the
# generator numbers every stream gen-0, gen-1 ...: same ids would be taken
# for articles already stored).
extra=$out/serve_writer_20000_s2.jsonl
if [ ! -s "$extra" ]; then
	/usr/bin/python3 "$here/gen_corpus.py" 20000 "$extra.tmp" --seed 2
	sed 's/^{"id": "gen-/{"id": "writer-/' "$extra.tmp" >"$extra"
	rm -f "$extra.tmp"
fi

db=$out/serve_load.db
rm -f "$db" "$db-wal" "$db-shm"
echo "ingesting $size articles into $db ..." >&2
t0=$(date +%s)
"$bin" ingest -q --db "$db" "$corpus" || [ $? -eq 1 ]
t1=$(date +%s)
ingest_s=$((t1 - t0))
counts=$(/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*) from articles').fetchone()[0], c.execute('select count(*) from stories').fetchone()[0])" "$db")

port=18631
log=$out/serve_load.log
"$bin" serve --db "$db" --listen 127.0.0.1:$port --threads "$threads" 2>"$log" &
spid=$!
peerpid=""
wpid=""
cleanup() {
	[ -n "$wpid" ] && kill "$wpid" 2>/dev/null
	[ -n "$peerpid" ] && kill "$peerpid" 2>/dev/null
	kill "$spid" 2>/dev/null
	wait 2>/dev/null
	rm -f "$db" "$db-wal" "$db-shm"
}
trap cleanup EXIT INT TERM
sleep 1
base=http://127.0.0.1:$port
story_of() { # sort offset -> story id
	curl -s "$base/api/stories?sort=$1&limit=1&offset=$2" |
		sed -n 's/^{"stories":\[{"id":\([0-9]*\).*/\1/p'
}
recent=$(story_of recent 0)
typical=$(story_of size 200)
biggest=$(story_of size 0)
n_of() { # articles in a story
	/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select n_articles from stories where id=?', (int(sys.argv[2]),)).fetchone()[0])" "$db" "$1"
}
count_articles() {
	/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*) from articles').fetchone()[0])" "$db"
}

cpu_of() { # utime+stime of a pid, in seconds
	awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}

# run NAME URL PID: one wrk run; prints a table row.
res=$out/serve_load_rows.txt
: >"$res"
run() {
	c0=$(cpu_of "$3")
	w=$(wrk -t"$wthreads" -c"$conns" -d"${dur}s" --latency "$2" 2>&1)
	c1=$(cpu_of "$3")
	rps=$(echo "$w" | awk '/^Requests\/sec/ {print $2}')
	p50=$(echo "$w" | awk '$1 == "50%" {print $2}')
	p99=$(echo "$w" | awk '$1 == "99%" {print $2}')
	errs=$(echo "$w" | awk '/Non-2xx|Socket errors/ {printf "%s ", $0}')
	total=$(echo "$w" | awk '/requests in/ {print $1}')
	cpu=$(awk -v a="$c0" -v b="$c1" 'BEGIN {printf "%.1f", b - a}')
	per=$(awk -v n="$total" -v a="$c0" -v b="$c1" 'BEGIN {if (b > a) printf "%.0f", n / (b - a); else print "-"}')
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "$cpu" "$per" "${errs:-none}" | tee -a "$res"
}

hdr='| load | requests/s | p50 | p99 | server CPU s | requests per CPU s | errors |\n|---|---|---|---|---|---|---|'
echo "database: $counts (articles stories) from $size generated articles, ingested in ${ingest_s} s" >&2
printf "$hdr\n"
run "idle: /api/stories" "$base/api/stories" "$spid"
run "idle: /stories/$typical (typical, $(n_of "$typical") articles)" "$base/stories/$typical" "$spid"
run "idle: /stories/$biggest (biggest, $(n_of "$biggest") articles)" "$base/stories/$biggest" "$spid"

# The writer: ingest a second stream into the same database meanwhile.
# It first replays the stored articles (rebuilding the story state), so
# the loaded runs start once its first batch is committed.
"$bin" ingest -q --db "$db" "$extra" >/dev/null 2>&1 &
wpid=$!
echo "waiting for the writer's first commit (it replays $size articles first) ..." >&2
waited=0
while [ "$(count_articles)" -le "$size" ] && [ $waited -lt 600 ]; do
	kill -0 "$wpid" 2>/dev/null || break
	sleep 2
	waited=$((waited + 2))
done
during0=$(count_articles)
run "ingesting: /api/stories" "$base/api/stories" "$spid"
run "ingesting: /stories/$recent (most recent)" "$base/stories/$recent" "$spid"
run "ingesting: /stories/$typical (typical)" "$base/stories/$typical" "$spid"
during1=$(count_articles)
writer_alive=no
kill -0 "$wpid" 2>/dev/null && writer_alive=yes
kill "$wpid" 2>/dev/null || true
wait "$wpid" 2>/dev/null || true
wpid=""

if [ "$peer" = 1 ]; then
	/usr/bin/python3 "$here/serve_peer.py" "$db" $((port + 1)) &
	peerpid=$!
	sleep 1
	run "peer (Python http.server + sqlite3): /api/stories" "http://127.0.0.1:$((port + 1))/api/stories" "$peerpid"
fi
echo "writer: $((during1 - during0)) articles committed during the loaded runs ($during0 -> $during1), still ingesting at their end: $writer_alive" >&2
{
	echo "serve_load.sh $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(uname -m)), loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "database: $counts (articles stories), $size generated articles ingested in ${ingest_s} s"
	echo "writer: $((during1 - during0)) articles committed during the loaded runs ($during0 -> $during1)"
	echo "wrk -t$wthreads -c$conns -d${dur}s --latency; parallax serve --threads $threads"
	printf "$hdr\n"
	cat "$res"
} >"$out/serve_load.txt"
echo "written: $out/serve_load.txt" >&2
