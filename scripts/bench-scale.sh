#!/usr/bin/env bash
# Scale benchmark: synthetic overlays of 1,000, 10,000 and 100,000 organizations (each with
# a contact and a need referral). For each size, the load + query time and the peak memory
# of `htref who-handles labor --data FILE`, cold (first run: parse and fill the cache) and
# warm (from the cache), beside a hello-world run. Uses /usr/bin/time and python3.
#
#   bash scripts/bench-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --quiet --release --locked
export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"
measure() { # prints "seconds KiB" for one run of the command
    /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1
}
printf '%-10s %-5s %10s %12s\n' organizations run seconds "peak MiB"
for n in 1000 10000 100000; do
    python3 scripts/gen-overlay.py "$n" > "$work/overlay-$n.ron"
    for run in cold warm; do
        read -r secs kib < <(measure target/release/htref who-handles labor --data "$work/overlay-$n.ron")
        printf '%-10s %-5s %10s %12.1f\n' "$n" "$run" "$secs" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')"
    done
done
read -r secs kib < <(measure target/release/htref who-handles labor)
printf '%-10s %-5s %10s %12.1f\n' bundled - "$secs" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')"
