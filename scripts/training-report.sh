#!/usr/bin/env bash
# The training report of the learned need weights: what the words and the reader's findings
# are each worth, measured on call scenarios, the sets kept aside included (their scores
# only). Builds htref four times (the weights learned from nothing, the words alone, the
# findings alone, both: HTREF_MODEL_INPUTS, read by build.rs), scores each build, and writes
# data/corpus/REPORT.md with the corpus's fingerprint, which a test compares with the
# corpus: change the corpus and this report must be made again.
#
# usage: scripts/training-report.sh   (needs ../shared/eval beside the repository; about
# five minutes: each build recompiles only the weights and the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
grade=../shared/eval/scenarios.py
[ -f "$grade" ] || { echo "training-report: $grade not found (../shared is the course's shared folder)" >&2; exit 2; }

score() { # file -> "passed total"
    python3 "$grade" --bin "${CARGO_TARGET_DIR:-target}/release/htref" "$1" | sed -n 's/^scenarios: \([0-9]*\)\/\([0-9]*\).*/\1 \2/p'
}
sum() { # files... -> "passed/total = share"
    local p=0 t=0 a b
    for f in "$@"; do read -r a b < <(score "$f"); p=$((p + a)); t=$((t + b)); done
    python3 -c "print(f'{$p}/{$t} = {100*$p/$t:.1f}%')"
}

rows=""
for inputs in nothing words findings both; do
    echo "training-report: weights from $inputs" >&2
    HTREF_MODEL_INPUTS=$inputs cargo build --release --locked -q
    aside=$(sum tests/eval/scenarios-aside*.jsonl)
    fresh=$(sum tests/eval/scenarios-fresh-*.jsonl)
    own=$(sum tests/eval/scenarios.jsonl)
    shared=$(sum ../shared/eval/dev-scenarios.jsonl)
    rows+="| $inputs | $aside | $fresh | $own | $shared |"$'\n'
done
# Back to the shipped weights (build.rs's default).
cargo build --release --locked -q

python3 - "$rows" <<'EOF'
import glob, json, sys, collections
files = sorted(glob.glob("data/corpus/*.jsonl"))
# FNV-1a 64 over the files' bytes in name order: tests/integration/eval.rs computes the same.
h = 0xcbf29ce484222325
for f in files:
    for b in open(f, "rb").read():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
by = collections.Counter()
for f in files:
    for line in open(f, encoding="utf-8"):
        d = json.loads(line)
        by[(d["writer"], d["lang"])] += 1
writers = sorted({w for w, _ in by})
table = "\n".join(
    f"| {w} | {by[(w, 'en')]} | {by[(w, 'es')]} | {by[(w, 'en')] + by[(w, 'es')]} |" for w in writers
)
total_en = sum(v for (w, l), v in by.items() if l == "en")
total_es = sum(v for (w, l), v in by.items() if l == "es")
report = f"""# Training report of the learned need weights

Made by `scripts/training-report.sh`; do not edit by hand. Corpus fingerprint: `{h:016x}`
(FNV-1a 64 over `data/corpus/*.jsonl` in name order; a test fails when the corpus changes
and this report is not made again).

## The corpus

| writer | English | Spanish or Spanglish | texts |
| --- | --- | --- | --- |
{table}
| all | {total_en} | {total_es} | {total_en + total_es} |

## What each input is worth

The weights learn from a question's words and word pairs, from the reader's findings ("a
minor", "threatened with immigration", "wants to report": `Reading::findings`), from
either alone, or from nothing (the hand-written terms answer alone). Each row is a build of
htref with those weights, graded on every rule of the call scenarios by
`../shared/eval/scenarios.py`. The aside sets are never tuned on (their questions are never
read); the fresh sets were tuned on after their first score; htref's own set and the shared
sample are tuned on.

The shipped weights read the words alone (build.rs's default). Read beside the words, the
findings have scored between 2 worse and 4 better on the aside sets as the corpus grew
(2,085 texts, then 3,565, then 3,564), no more than two builds that differ in a handful of
texts differ by (about 5 of 420), and they
move tuned answers with every change of the reader: a weight moves from a word ("report")
to a finding ("wants to report") that a phrasing the reader does not take ("report to the
department of justice") then lacks.

| weights learned from | aside sets | fresh sets | htref's own | shared sample |
| --- | --- | --- | --- | --- |
{sys.argv[1].rstrip()}
"""
open("data/corpus/REPORT.md", "w", encoding="utf-8").write(report)
print(report)
EOF
