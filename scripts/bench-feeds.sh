#!/usr/bin/env bash
# A real 211 package: the Miami Open211 HSDS 1.0 tabular package in ../shared/feeds,
# imported into a fresh database with a release build. Prints its wall time, peak memory
# (/usr/bin/time -v) and the length of its report in lines (targets: 5 s, 100 MiB, 30
# lines). A tabular package is joined in memory before it is written, so its peak grows
# with the package (a JSON feed streams). Writes only under a temporary folder.
#
# usage: scripts/bench-feeds.sh [PACKAGE]     (default: ../shared/feeds/miami-open211)
set -euo pipefail
cd "$(dirname "$0")/.."
package="${1:-../shared/feeds/miami-open211}"
cargo build --release --quiet
bin="$PWD/target/release/htref"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
# Exit 3 (rows and records reported) is the expected end of a real feed's import.
/usr/bin/time -v -o "$work/time" "$bin" data import "$package" --db "$work/local.db" \
    >"$work/out" 2>"$work/report" || [ $? -eq 3 ]
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
cat "$work/out"
echo "wall ${wall}; peak $((kb / 1024)) MiB; report $(($(wc -l <"$work/report") + $(wc -l <"$work/out"))) lines"
