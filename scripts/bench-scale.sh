#!/usr/bin/env bash
# Scale benchmark: synthetic overlays of 1,000, 10,000 and 100,000 organizations (each with
# a contact and a need referral). For each size, the load + query time of
# `htref who-handles labor --data FILE` and its peak memory, cold (an empty cache: parse,
# check, merge and fill the cache) and warm (from the cache), with the time's ratio to a
# hello-world binary. Times are hyperfine medians; peak memory is the largest resident set
# GNU time reports. Uses hyperfine, /usr/bin/time and python3.
#
#   bash scripts/bench-scale.sh
#   SIZES="1000 10000" bash scripts/bench-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench-scale.sh needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-scale.sh needs GNU time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --quiet --release --locked
htref="$PWD/target/release/htref"
export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"

mkdir -p "$work/hello/src"
printf '[package]\nname = "hello"\nversion = "0.1.0"\nedition = "2024"\n[profile.release]\nlto = true\ncodegen-units = 1\nstrip = true\n' > "$work/hello/Cargo.toml"
echo 'fn main() { println!("Hello, world!"); }' > "$work/hello/src/main.rs"
cargo build --quiet --release --manifest-path "$work/hello/Cargo.toml" --target-dir "$work/target"
hello="$work/target/release/hello"

median() { # prints the median seconds of a hyperfine run; extra args go to hyperfine
    hyperfine -N --export-json "$work/run.json" "$@" >/dev/null 2>&1
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$work/run.json"
}
peak_mib() { # prints the peak resident set of one run, in MiB
    /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
}

base=$(median --warmup 20 --runs 200 "$hello")
printf '%-14s %-5s %10s %9s %10s\n' organizations cache "median" "x hello" "peak MiB"
row() { printf '%-14s %-5s %8.1fms %8.1fx %10s\n' "$1" "$2" "$(awk -v s="$3" 'BEGIN { print s * 1000 }')" "$(awk -v s="$3" -v b="$base" 'BEGIN { print s / b }')" "$4"; }

t=$(median --warmup 20 --runs 200 "$htref who-handles labor")
row "bundled only" - "$t" "$(peak_mib "$htref" who-handles labor)"
for n in ${SIZES:-1000 10000 100000}; do
    file="$work/overlay-$n.ron"
    python3 scripts/gen-overlay.py "$n" > "$file"
    query="$htref who-handles labor --data $file"
    runs=$(( n >= 100000 ? 5 : 20 ))
    t=$(median --runs "$runs" --prepare "rm -rf $work/cache" "$query")
    rm -rf "$work/cache"
    row "$n" cold "$t" "$(peak_mib $query)"
    t=$(median --warmup 2 --runs "$runs" "$query")
    row "$n" warm "$t" "$(peak_mib $query)"
done
