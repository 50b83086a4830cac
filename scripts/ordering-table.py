#!/usr/bin/env python3
"""Prints the per-need table of docs/ordering.md from the built binary: for each need (its
first example), the first office after the hotline for each kind of asker.

usage: python3 scripts/ordering-table.py [target/release/htref]
"""
import json, subprocess, sys

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/htref"
ASKERS = ["public", "survivor", "advocate", "attorney", "law-enforcement"]


def run(*args):
    out = subprocess.run([BIN, *args, "--json"], capture_output=True, text=True)
    return json.loads(out.stdout)


def first_office(query, asker):
    doc = run("who-handles", query, "--as", asker, "--all")
    ids = [r["id"] for r in doc.get("referrals", [])]
    rest = [i for i in ids if i != "national-hotline"]
    return (rest or ids or ["-"])[0]


needs = run("needs")["needs"]
print("| need | side | " + " | ".join(ASKERS) + " |")
print("| --- | --- | " + " | ".join("---" for _ in ASKERS) + " |")
for need in needs:
    example = need["examples"][0]
    cells = [first_office(example, a) for a in ASKERS]
    print(f"| {need['id']} | {need.get('side', 'other')} | " + " | ".join(cells) + " |")
