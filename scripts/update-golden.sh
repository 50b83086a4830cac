#!/usr/bin/env bash
# Rewrites tests/golden from the current binary: the one-screen answers an 80x24 terminal
# shows for the queries of issue "answers at a glance", as tables and as plain text, plus
# the hotline and a phone look-up. The footer (the data date, which grows a "reviewed over
# a year ago" note as time passes) is left out, as tests/integration/glance.rs leaves it.
# Review the diff before committing: a golden file is what users will see.
#
#   bash scripts/update-golden.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --locked
bin=target/release/htref
export COLUMNS=80 XDG_CONFIG_HOME=/nonexistent/htref-golden
unset NO_COLOR CLICOLOR_FORCE HTREF_DATA HTREF_ROLE LINES
# Everything before the last blank line: the footer follows it.
body() { python3 -c '
import sys
lines = sys.stdin.read().split("\n")
blank = max(i for i, l in enumerate(lines[:-1]) if l == "")
print("\n".join(lines[:blank]))
'; }
while IFS='|' read -r slug query; do
    "$bin" who-handles "$query" --format table | body > "tests/golden/$slug.table.txt"
    "$bin" who-handles "$query" --format plain | body > "tests/golden/$slug.plain.txt"
done < tests/golden/queries.txt
"$bin" hotline --format table | body > tests/golden/hotline.table.txt
"$bin" phone 1-866-DHS-2-ICE --format table | body > tests/golden/phone-ice.table.txt
