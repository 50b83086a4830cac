#!/usr/bin/env python3
"""Grade htref's reading against a safety table (tests/eval/safety-tables.json's shape).

usage: safety-score.py [--bin PATH] [--show] [--min SHARE] TABLE.json

Each key holds texts that must (…_fire) or must not (…_quiet) read as one thing:
  danger: the answer shows the 911 line (`.emergency` is not null);
  threat: the reading finds a threat of that agency's action (`.reading.threats`), and for
          a fire text no referral of the agency threatened with appears;
  report: the caller wants to report: the answer's needs include report-law-enforcement.
Prints "key: passed/total" per key. --show prints each failure too: use it on tables you
tune on, never on a table kept aside. --min fails (exit 1) when the share of all texts
passed is below SHARE.
"""
import argparse, json, subprocess, sys

AGENCY_ORGS = {"immigration": ("ice", "hsi", "cbp", "ero"), "police": ("fbi", "local-police")}


def answer(binary, q):
    out = subprocess.run([binary, "who-handles", q, "--json", "--all"], capture_output=True, text=True)
    try:
        return json.loads(out.stdout)
    except json.JSONDecodeError:
        return None


def passes(key, item, a):
    if a is None:
        return key.endswith("_quiet") and not key.startswith("danger")
    kind, want = key.split("_")
    fire = want == "fire"
    if kind == "danger":
        return (a.get("emergency") is not None) == fire
    if kind == "threat":
        threats = a["reading"]["threats"]
        if not fire:
            return not threats
        agency = item.get("agency")
        read = any(t["agency"] == agency for t in threats) if agency else bool(threats)
        orgs = AGENCY_ORGS.get(agency, ())
        shown = any(r["id"].split("-")[0] in orgs or r["id"] in orgs for r in a["referrals"])
        return read and not shown
    if kind == "report":
        return ("report-law-enforcement" in [n["id"] for n in a["needs"]]) == fire
    raise SystemExit(f"unknown key {key}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", default="target/release/htref")
    p.add_argument("--show", action="store_true")
    p.add_argument("--min", type=float, default=0.0)
    p.add_argument("table")
    args = p.parse_args()
    table = json.load(open(args.table))
    total = 0
    for key, items in table.items():
        ok = 0
        for item in items:
            a = answer(args.bin, item["q"])
            if passes(key, item, a):
                ok += 1
            elif args.show:
                print(f"  FAIL {key}: {item['q']}")
        total += ok
        print(f"{key}: {ok}/{len(items)}")
    count = sum(len(v) for v in table.values())
    print(f"all: {total}/{count}")
    if total < args.min * count:
        sys.exit(f"safety-score: {total}/{count} is below {args.min}")


if __name__ == "__main__":
    main()
