#!/usr/bin/env python3
"""For each need's first example, whether the first referral after the hotline has a direct
way to reach it (a number, or an official web address). Prints the misses and a count.

usage: python3 scripts/reachability.py [target/release/htref]
"""
import json, subprocess, sys

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/htref"


def run(*args):
    return json.loads(subprocess.run([BIN, *args, "--json"], capture_output=True, text=True).stdout)


needs = run("needs")["needs"]
reached = 0
for need in needs:
    doc = run("who-handles", need["examples"][0], "--all")
    refs = doc.get("referrals", [])
    rest = [r for r in refs if r["id"] != "national-hotline"] or refs
    first = rest[0] if rest else None
    direct = first and any(c.get("digits") or c.get("url") or c.get("email") for c in first["contacts"])
    reached += bool(direct)
    if not direct:
        print(f"  no direct way: {need['id']}: {first['id'] if first else '-'}")
print(f"{reached} of {len(needs)} needs: the first referral after the hotline can be reached directly")
