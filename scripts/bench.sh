#!/usr/bin/env bash
# Whole-process start-up benchmark: htref's commands beside a hello-world binary built in
# the same profile, run side by side in one session. Prints each median and its ratio to
# hello world. Uses hyperfine (Debian package `hyperfine`).
#
#   bash scripts/bench.sh            # default 300 runs each
#   RUNS=1000 bash scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench.sh needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
runs=${RUNS:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A hello world in the same release profile as htref (lto, one codegen unit, stripped).
mkdir -p "$work/hello/src"
cat > "$work/hello/Cargo.toml" <<'TOML'
[package]
name = "hello"
version = "0.1.0"
edition = "2024"

[profile.release]
lto = true
codegen-units = 1
strip = true
TOML
echo 'fn main() { println!("Hello, world!"); }' > "$work/hello/src/main.rs"
cargo build --quiet --release --manifest-path "$work/hello/Cargo.toml" --target-dir "$work/target"
cargo build --quiet --release --locked
hello="$work/target/release/hello"
htref="$PWD/target/release/htref"

# No overlay from the user's config: measure the bundled data alone.
export XDG_CONFIG_HOME="$work/config"
hyperfine -N --warmup 30 --runs "$runs" --export-json "$work/results.json" \
    "$hello" \
    "$htref who-handles labor" \
    "$htref who-handles labor --json" \
    "$htref phone 1-866-DHS-2-ICE" \
    "$htref list --json" >/dev/null

python3 - "$work/results.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]["median"]
print(f"{'command':45} {'median':>10} {'ratio':>7}")
for r in results:
    name = r["command"].replace(r["command"].split()[0], r["command"].split()[0].rsplit("/", 1)[-1], 1)
    print(f"{name:45} {r['median'] * 1000:8.3f}ms {r['median'] / base:6.2f}x")
PY
ls -l target/release/htref | awk '{printf "htref binary: %.1f MiB\n", $5 / 1048576}'
