#!/bin/sh
# Checks the Debian packages parallax builds with.  As root it installs the
# missing ones; otherwise it prints the exact apt-get line and fails.
# --check: only check (used by the build), never install.
PKGS="build-essential cmake pkg-config libutf8proc-dev libstemmer-dev \
libjansson-dev libcjson-dev libxxhash-dev libsqlite3-dev zlib1g-dev libxml2-dev \
libcurl4-openssl-dev libmicrohttpd-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$1" != "--check" ] && [ "$(id -u)" = 0 ]; then
	echo "parallax: installing$missing" >&2
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $missing >&2 && exit 0
	echo "parallax: apt-get failed" >&2
	exit 1
fi
echo "parallax: missing Debian packages; run as root:" >&2
echo "  apt-get install$missing" >&2
exit 1
