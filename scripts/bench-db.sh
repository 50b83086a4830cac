#!/usr/bin/env bash
# The local database at scale: generated HSDS feeds of 100,000 and 1,000,000 services
# (scripts/gen-feed.py), each imported into a fresh database (time, peak memory), then
# `who-handles "need shelter" --where OH` against it as a ratio to the bundled-only answer
# (median of 21 runs each) and its peak memory, and the peak memory of exporting the whole
# database in each format (it streams: it should stay flat, well under 100 MiB). Writes
# only under a temporary folder.
#
# usage: scripts/bench-db.sh [SERVICES...]     (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/htref"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100000 1000000)

median_ms() { # median wall time of 21 runs of the command, in milliseconds
    python3 - "$@" <<'PY'
import subprocess, sys, time
runs = []
for _ in range(21):
    start = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    runs.append((time.perf_counter() - start) * 1000)
runs.sort()
print(f"{runs[len(runs) // 2]:.1f}")
PY
}
peak_kb() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }

question=("who-handles" "need shelter" "--where" "OH" "--plain")
bundled=$(median_ms "$bin" "${question[@]}")   # no database at the default place
bundled_kb=$(peak_kb "$bin" "${question[@]}")
echo "| services | import | import peak | answer (median) | × bundled-only | answer peak | export peak csv / json / hsds / hsds --output |"
echo "|---|---|---|---|---|---|---|"
echo "| 0 (bundled only) | | | ${bundled} ms | 1.00 | $((bundled_kb / 1024)) MiB | |"
for n in "${sizes[@]}"; do
    python3 scripts/gen-feed.py "$n" "$work/feed.json"
    db="$work/db-$n"
    start=$(date +%s.%N)
    import_kb=$(peak_kb "$bin" data import "$work/feed.json" --db "$db")
    import_s=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
    rm -f "$work/feed.json"
    answer=$(median_ms "$bin" "${question[@]}" --db "$db")
    answer_kb=$(peak_kb "$bin" "${question[@]}" --db "$db")
    ratio=$(python3 -c "print(f'{$answer / $bundled:.2f}')")
    exports=()
    for format in csv json hsds; do
        exports+=("$(($(peak_kb "$bin" export --format "$format" --db "$db") / 1024))")
    done
    exports+=("$(($(peak_kb "$bin" export --format hsds --output "$work/package-$n" --db "$db") / 1024))")
    rm -rf "$work/package-$n"
    echo "| $n | ${import_s} s | $((import_kb / 1024)) MiB | ${answer} ms | ${ratio} | $((answer_kb / 1024)) MiB | ${exports[0]} / ${exports[1]} / ${exports[2]} / ${exports[3]} MiB |"
done
