#!/usr/bin/env python3
"""For each need's first example, whether the first referral after the hotline can be reached:
its row's primary contact (its own line, or a labelled route through the office that answers
for it). Prints the misses, with why the office has no public channel, and a count.

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
    primary = (first or {}).get("primary_contact") or {}
    direct = any(primary.get(k) for k in ("digits", "url", "email"))
    reached += bool(direct)
    if not direct:
        why = (first or {}).get("no_contact_note") or "-"
        print(f"  no way in: {need['id']}: {first['id'] if first else '-'}: {why}")
print(f"{reached} of {len(needs)} needs: the first referral after the hotline can be reached")
