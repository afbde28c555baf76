#!/bin/sh
# run.sh PARALLAX ARTIFACT_DIR: the browser test under CTest.  Ingests the
# sample corpus, starts `parallax serve` on a free port, runs browse.mjs in
# Debian's chromium and stops the server.  Without node, chromium or
# tests/browser/node_modules (npm ci) it skips loudly (exit 77), except in
# CI (CI=true), where that is a failure.
set -u
bin=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

missing=""
command -v node >/dev/null 2>&1 || missing="$missing node (apt-get install nodejs)"
[ -x "$chromium" ] || missing="$missing chromium (apt-get install chromium)"
[ -d "$here/node_modules/playwright-core" ] ||
	missing="$missing playwright-core (npm ci --prefix tests/browser)"
if [ -n "$missing" ]; then
	echo "########################################################" >&2
	echo "# BROWSER TESTS NOT RUN: missing$missing" >&2
	echo "########################################################" >&2
	[ "${CI:-}" = true ] && exit 1
	exit 77
fi

tmp=$(mktemp -d)
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"$bin" ingest -q --db "$tmp/sample.db" "$root/sample/articles.jsonl" ||
	[ $? -eq 1 ] || { echo "browser: ingest failed" >&2; exit 1; }
"$bin" serve --db "$tmp/sample.db" --listen 127.0.0.1:0 2>"$tmp/serve.log" &
pid=$!
port=""
for _ in $(seq 1 100); do
	port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.log")
	[ -n "$port" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
if [ -z "$port" ]; then
	echo "browser: the server did not start:" >&2
	cat "$tmp/serve.log" >&2
	exit 1
fi
mkdir -p "$out"
node "$here/browse.mjs" "http://127.0.0.1:$port" "$out"
status=$?
echo "browser: screenshots in $out" >&2
exit $status
