#!/usr/bin/env python3
"""Writes a synthetic htref overlay of N organizations, each with a contact and a need
referral, for scale benchmarks (see scripts/bench-scale.sh).

usage: gen-overlay.py N > overlay.ron
"""
import random, sys

NEEDS = ["labor-trafficking", "sex-trafficking", "child-victim", "foreign-national-victim",
         "benefits-services", "wage-theft", "farmworkers", "jobs-training", "task-forces-training"]
KINDS = ["Partner", "TaskForce", "Office", "Program"]
STATES = ["MD", "VA", "CA", "TX", "NY", "FL", "IL", "WA"]
WORDS = ["Harbor", "River", "Valley", "Summit", "Lake", "Pine", "Cedar", "Bay", "Prairie", "Mesa"]


def main():
    n = int(sys.argv[1])
    rng = random.Random(n)
    out = sys.stdout
    out.write("#![enable(implicit_some)]\nOverlay(\n    organizations: [\n")
    for i in range(n):
        place = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
        # Fictional numbers in the 555-01xx range, spread over area codes.
        number = f"1-{200 + i % 700:03d}-555-{100 + i % 100:04d}"
        out.write(
            f'        Organization(id: "synthetic-{i}", name: "{place} Anti-Trafficking Partner", '
            f'kind: {rng.choice(KINDS)}, independent: "Synthetic test entry.", '
            f'state: "{rng.choice(STATES)}", summary: "Synthetic partner number {i} for scale tests.", '
            f'contacts: [Contact(id: "synthetic-{i}-line", kind: Voice, label: "Intake", number: "{number}")]),\n')
    out.write("    ],\n    referrals: [\n")
    for i in range(n):
        out.write(f'        (need: "{rng.choice(NEEDS)}", org: "synthetic-{i}", why: "Synthetic local partner."),\n')
    out.write("    ],\n)\n")


if __name__ == "__main__":
    main()
