#!/usr/bin/env bash
# Whole-process start-up benchmark: htref's commands beside a hello-world binary built in
# the same profile, run side by side in one session. Prints each median and its ratio to
# hello world. Uses hyperfine (Debian package `hyperfine`).
#
# A shared 2-core machine drifts by 10-20% over a minute, so the whole set runs ROUNDS
# times and each ratio is the median of the rounds' ratios (each against the hello world
# timed in the same round). `htref --version` is shown as the floor: argument parsing and
# loading the binary, with no data work.
#
#   bash scripts/bench.sh                 # 3 rounds of 300 runs each
#   ROUNDS=5 RUNS=1000 bash scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench.sh needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
runs=${RUNS:-300}
rounds=${ROUNDS:-3}
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
for round in $(seq "$rounds"); do
    hyperfine -N --warmup 30 --runs "$runs" --export-json "$work/round-$round.json" \
        "$hello" \
        "$htref who-handles labor" \
        "$htref who-handles labor --json" \
        "$htref phone 1-866-DHS-2-ICE" \
        "$htref list --json" \
        "$htref --version" >/dev/null
done

python3 - "$work"/round-*.json <<'PY'
import json, statistics, sys
rounds = [json.load(open(path))["results"] for path in sys.argv[1:]]
print(f"{'command':38} {'median':>10} {'ratio':>7}   ratios by round")
for i, first in enumerate(rounds[0]):
    words = first["command"].split()
    name = " ".join([words[0].rsplit("/", 1)[-1]] + words[1:])
    medians = [r[i]["median"] for r in rounds]
    ratios = [r[i]["median"] / r[0]["median"] for r in rounds]
    by_round = " ".join(f"{x:.2f}" for x in ratios)
    print(f"{name:38} {statistics.median(medians) * 1000:8.3f}ms {statistics.median(ratios):6.2f}x   {by_round}")
PY
ls -l target/release/htref | awk '{printf "htref binary: %.2f MiB (%d bytes)\n", $5 / 1048576, $5}'
